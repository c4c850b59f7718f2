"""Relations across the graph, filtered."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.deps import StoreDep
from api.enums import RelationPolarity
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
from api.models import Page, Relation, page
from graph.queries import relations_graph, relations_page, resolve_actor, resolve_article

router = APIRouter(prefix="/relations", tags=["relations"])


@router.get("", responses=RDF_RESPONSES, response_model=Page[Relation])
def list_relations(
    store: StoreDep,
    request: Request,
    actor: Annotated[str | None, Query(max_length=500, description="actor slug, IRI or QID")] = None,
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
    """Relations with evidence, newest first, filtered by actor, event type, predicate, dates or article.

    By default only what happened: asserted relations (not negated, intended or hypothetical) at or
    above the default confidence threshold; ``polarity=all`` and ``min_confidence=0`` list every one."""
    media = rest_media(request.headers.get("accept"))
    filters = {
        "actor": resolve_actor(store, actor) if actor else None,
        "event_type": event_type,
        "predicate": predicate,
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "article": resolve_article(store, article) if article else None,
        "asserted_only": polarity is RelationPolarity.ASSERTED,
        "min_confidence": min_confidence_or_default(min_confidence),
    }
    rows, total = relations_page(store, **filters, limit=limit, offset=offset)
    if media != "application/json":
        return rdf_response(relations_graph(store, [r["relation"] for r in rows]), None, media)
    return page(rows, limit, offset, request.url, total)
