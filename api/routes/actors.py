"""Actors and their relations."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Query

from api.deps import StoreDep
from graph.queries import actor_label, actor_relations, resolve_actor, search_actors
from graph.terms import ACTOR

router = APIRouter(prefix="/actors", tags=["actors"])


@router.get("")
def list_actors(store: StoreDep, q: str = Query("", description="part of a name or alias"),
                limit: int = Query(20, ge=1, le=500), offset: int = Query(0, ge=0)) -> dict:
    """Search actors by name or alias."""
    actors = search_actors(store, q, limit, offset)
    return {"items": [asdict(a) for a in actors], "limit": limit, "offset": offset}


@router.get("/{actor_id:path}/relations")
def relations(store: StoreDep, actor_id: str) -> dict:
    """Outgoing and incoming relations of an actor (slug, IRI or Wikidata QID), with evidence."""
    iri = resolve_actor(store, actor_id)
    return {"actor": {"id": iri.value.removeprefix(ACTOR), "iri": iri.value, "label": actor_label(store, iri)},
            "relations": actor_relations(store, iri)}
