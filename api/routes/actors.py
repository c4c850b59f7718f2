"""Actors: search, one actor's description, its relations."""

from __future__ import annotations

import json
import logging
import re
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import URL

from api.deps import ExecutorDep, StoreDep, WritesDep
from api.enums import ActorType, Direction, RelationPolarity
from api.errors import NotFoundWithSuggestions
from api.fast_relations import relations_job, with_next
from api.filters import (
    RDF_RESPONSES,
    ArticleFilter,
    EventTypeFilter,
    Limit,
    MinConfidence,
    Offset,
    PolarityFilter,
    PredicateFilter,
    min_confidence_or_default,
)
from api.formatting import rdf_response, rest_media
from api.models import ActorDetail, ActorItem, ActorRelations, Page, page
from graph.actor_index import cached_actor_index
from graph.errors import NotFoundError
from graph.executor import RelationsJob
from graph.queries import actor_detail, actor_graph, actor_reference, article_reference, relations_graph, resolve_actor
from graph.terms import PLOVER

log = logging.getLogger("newsgraph.api")
router = APIRouter(prefix="/actors", tags=["actors"])


@router.get("", response_model=Page[ActorItem])
def list_actors(
    request: Request,
    store: StoreDep,
    writes: WritesDep,
    q: Annotated[str, Query(max_length=200, description="part of a name or alias")] = "",
    type: Annotated[ActorType | None, Query(description="actor class (any case)")] = None,
    country: Annotated[str | None, Query(pattern="^[A-Za-z]{3}$", description="ISO 3166 alpha-3 code")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict:
    """Search actors by part of a name or alias (case and accents ignored), class and country, most
    mentioned first."""
    index = cached_actor_index(store, writes.generation)
    kind = type.value if type else None
    return page(
        index.search(q, kind, country, limit, offset), limit, offset, request.url, index.count(q, kind, country)
    )


@router.get("/{actor_id:path}/relations", responses=RDF_RESPONSES, response_model=ActorRelations)
async def relations(
    store: StoreDep,
    executor: ExecutorDep,
    request: Request,
    actor_id: str,
    direction: Annotated[Direction, Query(description="both, outgoing or incoming")] = Direction.BOTH,
    event_type: EventTypeFilter = None,
    predicate: PredicateFilter = None,
    since: date | None = None,
    until: date | None = None,
    article: ArticleFilter = None,
    polarity: PolarityFilter = RelationPolarity.ASSERTED,
    min_confidence: MinConfidence = None,
    limit: Limit = 100,
    offset: Offset = 0,
):
    """An actor's relations (``id``: slug, IRI or Wikidata QID), each with its evidence sentence and
    article, in the list envelope (``items``, ``total``, ``next``) with the ``actor``. JSON by default;
    RDF (the relation nodes) for ``Accept: text/turtle`` or ``application/ld+json``. By default only
    asserted relations at or above the default confidence threshold (see ``/relations``)."""
    # One job for a query worker (bounded by the query timeout), answered as the finished JSON body.
    media = rest_media(request.headers.get("accept"))
    job = RelationsJob(
        actor=(*actor_reference(actor_id), actor_id),
        direction=direction.value,
        event_type=PLOVER + event_type.upper() if event_type else None,
        predicate=predicate,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        article=(article_reference(article).value, article) if article else None,
        asserted_only=polarity is RelationPolarity.ASSERTED,
        min_confidence=min_confidence_or_default(min_confidence),
        limit=limit,
        offset=offset,
    )
    body = (await executor.aquery(job)).body
    if media != "application/json":
        iris = [r["relation"] for r in json.loads(body)["items"]]
        return rdf_response(await run_in_threadpool(relations_graph, store, iris), None, media)
    # The reader wrote the body (an ActorRelations document, so declared above for OpenAPI): sent
    # as it is, not parsed and validated again, which would cost more than the lookups.
    return Response(with_next(body, limit, offset, request.url), media_type="application/json")


@router.get("/{actor_id:path}", responses=RDF_RESPONSES, response_model=ActorDetail)
def actor(store: StoreDep, writes: WritesDep, request: Request, actor_id: str):
    """An actor: labels, types, roles, country, Wikidata ID, and counts of articles and relations.
    An unknown id answers 404 with ``suggestions``: actors whose names contain its words."""
    media = rest_media(request.headers.get("accept"))
    try:
        iri = resolve_actor(store, actor_id)
    except NotFoundError as error:
        words = re.sub(r"[-_\s]+", " ", actor_id.rsplit("/", 1)[-1]).strip()
        found = cached_actor_index(store, writes.generation).search(words, limit=5) if words else []
        raise NotFoundWithSuggestions(str(error), [{"id": a["id"], "label": a["label"]} for a in found]) from None
    if media != "application/json":
        return rdf_response(actor_graph(store, iri), None, media)
    return actor_detail(store, iri)


class FastRelationsPath:
    """ASGI wrapper answering the plain JSON form of ``GET /actors/{id}/relations`` ahead of FastAPI.

    The route below, with its request read by ``api.fast_relations.relations_job`` straight from the
    ASGI scope (the framework's routing, dependencies and validation of eleven parameters cost more
    than a small actor's lookups); any other form goes on to ``app``, the route. Same job, executor,
    ``next`` link and problem documents, and so the same answer (``tests/api/test_fast_relations.py``).
    """

    def __init__(self, app, owner) -> None:
        self.app = app
        self.owner = owner  # the FastAPI app whose state holds the executor

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith("/actors/"):
            return await self.app(scope, receive, send)
        accept = None
        for name, value in scope["headers"]:
            if name == b"accept":
                accept = value.decode("latin-1")
            elif name in (b"content-length", b"transfer-encoding") and value != b"0":
                return await self.app(scope, receive, send)  # a body: BodyLimit's business
        query_string = scope["query_string"].decode("latin-1")
        job = relations_job(scope["path"], query_string, accept, min_confidence_or_default(None))
        if job is None:
            return await self.app(scope, receive, send)
        from api.errors import error_response, problem
        from extract.errors import NewsgraphError

        try:
            body = (await self.owner.state.executor.aquery(job)).body
            response = Response(with_next(body, job.limit, job.offset, URL(scope=scope)), media_type="application/json")
        except NewsgraphError as error:
            response = error_response(error, "GET", scope["path"])
        except Exception:
            log.exception("unhandled error on GET %s", scope["path"])
            response = problem(500, "internal server error", "the server failed; the error is logged")
        await response(scope, receive, send)


__all__ = ["FastRelationsPath", "router", "Response"]
