"""Shortest interaction paths between two actors."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.deps import StoreDep, WritesDep
from api.models import Paths
from api.routes.analytics import FiltersDep
from graph.analytics import cached_interaction_graph, path_details, shortest_paths
from graph.queries import resolve_actor
from graph.terms import ACTOR

router = APIRouter(tags=["analytics"])


@router.get("/paths", response_model=Paths)
def paths(
    store: StoreDep,
    writes: WritesDep,
    request: Request,
    chosen: FiltersDep,
    source: Annotated[str, Query(alias="from", max_length=500, description="actor slug, IRI or QID")],
    target: Annotated[str, Query(alias="to", max_length=500, description="actor slug, IRI or QID")],
    limit: Annotated[int, Query(ge=1, le=50)] = 5,
) -> dict:
    """Shortest interaction paths (relations in either direction) between two actors, each step with
    its predicates and event types; the filters choose which relations count (facts by default)."""
    a = resolve_actor(store, source).value.removeprefix(ACTOR)
    b = resolve_actor(store, target).value.removeprefix(ACTOR)
    graph = cached_interaction_graph(store, writes.generation, chosen)
    found = shortest_paths(graph, a, b, limit)
    return {
        "from": a,
        "to": b,
        "length": len(found[0]) - 1 if found else None,
        "paths": [path_details(graph, p) for p in found],
    }
