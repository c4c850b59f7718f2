"""Query parameters shared by the routes that list relations (``/relations``, ``/actors/{id}/relations``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

from api.enums import RelationPolarity
from extract.confidence import default_threshold

RDF_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/json": {}, "text/turtle": {}, "application/ld+json": {}}}
}
PolarityFilter = Annotated[
    RelationPolarity,
    Query(
        description="asserted (default): only what happened, not negated, intended or hypothetical relations; "
        "all: every one"
    ),
]
EventTypeFilter = Annotated[str | None, Query(pattern="^[A-Za-z_]{2,20}$", description="PLOVER category")]
PredicateFilter = Annotated[str | None, Query(max_length=100, description="surface predicate, e.g. called")]
ArticleFilter = Annotated[str | None, Query(max_length=500, description="article id or IRI")]
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
MinConfidence = Annotated[
    float | None,
    Query(
        ge=0.0,
        le=1.0,
        description="lowest confidence listed; by default the threshold fitted with the confidence model "
        "(ontologies/confidence.json), 0 for every relation",
    ),
]


def min_confidence_or_default(value: float | None) -> float | None:
    """The confidence filter: the client's, else the shipped default threshold; 0 filters nothing."""
    if value is None:
        value = default_threshold()
    return value or None


__all__ = [
    "RDF_RESPONSES",
    "ArticleFilter",
    "EventTypeFilter",
    "Limit",
    "MinConfidence",
    "Offset",
    "PolarityFilter",
    "PredicateFilter",
    "RelationPolarity",
    "min_confidence_or_default",
]
