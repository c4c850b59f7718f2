"""Actors: search, one actor's description, its relations."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import StoreDep
from api.formatting import rdf_response, rest_media
from graph.queries import actor_detail, actor_graph, actor_label, find_actors, find_relations, relations_graph
from graph.queries import resolve_actor
from graph.queries import resolve_article
from graph.terms import ACTOR

router = APIRouter(prefix="/actors", tags=["actors"])
ActorType = Literal["Person", "Organisation", "Country", "Group"]
RDF_RESPONSES = {200: {"content": {"application/json": {}, "text/turtle": {}, "application/ld+json": {}}}}


@router.get("")
def list_actors(store: StoreDep,
                q: Annotated[str, Query(max_length=200, description="part of a name or alias")] = "",
                type: Annotated[ActorType | None, Query(description="actor class")] = None,
                country: Annotated[str | None, Query(pattern="^[A-Za-z]{3}$", description="ISO 3166 alpha-3 code")] = None,
                limit: Annotated[int, Query(ge=1, le=500)] = 20,
                offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> dict:
    """Search actors by name or alias, class and country, most mentioned first."""
    return {"items": find_actors(store, q, type, country, limit, offset), "limit": limit, "offset": offset}


@router.get("/{actor_id:path}/relations", responses=RDF_RESPONSES)
def relations(store: StoreDep, request: Request, actor_id: str,
              direction: Literal["both", "outgoing", "incoming"] = "both",
              event_type: Annotated[str | None, Query(pattern="^[A-Za-z_]{2,20}$", description="PLOVER category")] = None,
              predicate: Annotated[str | None, Query(max_length=100, description="surface predicate, e.g. called")] = None,
              since: date | None = None, until: date | None = None,
              article: Annotated[str | None, Query(max_length=500, description="article id or IRI")] = None,
              limit: Annotated[int, Query(ge=1, le=1000)] = 100,
              offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0):
    """An actor's relations (``id``: slug, IRI or Wikidata QID), each with its evidence sentence and article.
    JSON by default; RDF (the relation nodes) for ``Accept: text/turtle`` or ``application/ld+json``."""
    media = rest_media(request.headers.get("accept"))
    iri = resolve_actor(store, actor_id)
    rows = find_relations(store, actor=iri, direction=direction, event_type=event_type, predicate=predicate,
                          since=since.isoformat() if since else None, until=until.isoformat() if until else None,
                          article=resolve_article(store, article) if article else None, limit=limit, offset=offset)
    if media != "application/json":
        return rdf_response(relations_graph(store, [r["relation"] for r in rows]), None, media)
    return {"actor": {"id": iri.value.removeprefix(ACTOR), "iri": iri.value, "label": actor_label(store, iri)},
            "relations": rows, "limit": limit, "offset": offset}


@router.get("/{actor_id:path}", responses=RDF_RESPONSES)
def actor(store: StoreDep, request: Request, actor_id: str):
    """An actor: labels, types, roles, country, Wikidata ID, and counts of articles and relations."""
    media = rest_media(request.headers.get("accept"))
    iri = resolve_actor(store, actor_id)
    if media != "application/json":
        return rdf_response(actor_graph(store, iri), None, media)
    return actor_detail(store, iri)


__all__ = ["router", "Response"]
