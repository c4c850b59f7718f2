"""Network analytics over the actor interaction graph: centrality, communities, ego networks, change."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from api.deps import StoreDep, WritesDep
from api.enums import Measure
from api.models import Page, page
from api.models_analytics import Community, EgoNetwork, Network, PartnerChange, Ranked
from graph.analytics import (
    Filters,
    cached,
    cached_interaction_graph,
    cached_interactions,
    centrality_scores,
    change,
    communities,
    ego_network,
    network,
    parse_window,
    undirected,
)
from graph.queries import resolve_actor, resolve_article
from graph.store import Store
from graph.terms import ACTOR

router = APIRouter(tags=["analytics"])


async def filters(
    store: StoreDep,
    category: Annotated[list[str] | None, Query(description="PLOVER categories (repeatable)")] = None,
    since: Annotated[date | None, Query(description="earliest article date")] = None,
    until: Annotated[date | None, Query(description="latest article date")] = None,
    article: Annotated[list[str] | None, Query(description="article ids or IRIs (repeatable)")] = None,
    min_confidence: Annotated[float, Query(ge=0, le=1)] = 0.0,
    polarity: Annotated[
        str, Query(description="asserted (facts, the default), all, or nonfacts (negated, hypothetical or intended)")
    ] = "asserted",
) -> Filters:
    """The interaction-graph filters a request names (articles resolved in the store)."""
    articles = frozenset(resolve_article(store, a).value for a in article or ())
    return Filters(
        frozenset(category or ()),
        since.isoformat() if since else None,
        until.isoformat() if until else None,
        articles,
        min_confidence,
        polarity,
    )


FiltersDep = Annotated[Filters, Depends(filters)]


def _actor(store: Store, value: str) -> str:
    return resolve_actor(store, value).value.removeprefix(ACTOR)


Offset = Annotated[int, Query(ge=0, le=1_000_000)]


@router.get("/analytics/centrality", response_model=Page[Ranked])
async def centrality(
    store: StoreDep,
    writes: WritesDep,
    request: Request,
    chosen: FiltersDep,
    by: Annotated[Measure, Query(description="the measure to rank by (any case)")] = Measure.PAGERANK,
    limit: Annotated[int, Query(ge=1, le=1000)] = 20,
    offset: Offset = 0,
) -> dict:
    """Actors ranked by weighted PageRank (or degree, weighted degree, betweenness), with every measure."""

    def compute() -> list[dict]:
        graph = cached_interaction_graph(store, writes.generation, chosen)
        return centrality_scores(graph, graph.number_of_nodes(), by.value)

    ranked = await run_in_threadpool(cached, store, writes.generation, "centrality", compute, chosen, by)
    return page(ranked[offset : offset + limit], limit, offset, request.url, len(ranked))


@router.get("/analytics/communities", response_model=Page[Community])
async def list_communities(
    store: StoreDep,
    writes: WritesDep,
    request: Request,
    chosen: FiltersDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Offset = 0,
    members: Annotated[int, Query(ge=1, le=500)] = 20,
) -> dict:
    """Communities (Louvain, seeded) of actors who interact with each other more than with the rest,
    largest first."""

    def compute() -> list[dict]:
        graph = cached_interaction_graph(store, writes.generation, chosen)
        return communities(graph, graph.number_of_nodes(), members)

    found = await run_in_threadpool(cached, store, writes.generation, "communities", compute, chosen, members)
    return page(found[offset : offset + limit], limit, offset, request.url, len(found))


@router.get("/analytics/network", response_model=Network)
async def whole_network(
    store: StoreDep,
    writes: WritesDep,
    chosen: FiltersDep,
    limit: Annotated[int, Query(ge=1, le=2000, description="most connected actors kept")] = 150,
) -> dict:
    """The filtered interaction graph as nodes and edges (one edge per source, target and category),
    restricted to the ``limit`` actors with the most relations."""

    def compute() -> dict:
        graph = cached_interaction_graph(store, writes.generation, chosen)
        strength = dict(undirected(graph).degree(weight="weight"))
        top = sorted(graph.nodes, key=lambda a: (-strength[a], a))[:limit]
        return {**network(graph, top), "total_nodes": graph.number_of_nodes()}

    return await run_in_threadpool(cached, store, writes.generation, "network", compute, chosen, limit)


@router.get("/actors/{actor_id:path}/network", response_model=EgoNetwork)
async def actor_network(
    store: StoreDep,
    writes: WritesDep,
    actor_id: str,
    chosen: FiltersDep,
    depth: Annotated[int, Query(ge=1, le=3)] = 1,
    limit: Annotated[int, Query(ge=1, le=2000)] = 300,
) -> dict:
    """An actor's ego network: the actors within ``depth`` interactions and the edges among them."""
    actor = _actor(store, actor_id)

    def compute() -> dict:
        return ego_network(cached_interaction_graph(store, writes.generation, chosen), actor, depth, limit)

    return await run_in_threadpool(cached, store, writes.generation, "ego", compute, chosen, actor, depth, limit)


@router.get("/analytics/change", response_model=Page[PartnerChange])
async def partner_change(
    store: StoreDep,
    writes: WritesDep,
    request: Request,
    chosen: FiltersDep,
    before: Annotated[str, Query(max_length=30, description="YYYY-MM-DD..YYYY-MM-DD, a year or a month")],
    after: Annotated[str, Query(max_length=30, description="the later window")],
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Offset = 0,
) -> dict:
    """Who gained or lost interaction partners between two date windows, most changed first."""
    windows = parse_window(before), parse_window(after)

    def compute() -> list[dict]:
        data = cached_interactions(store, writes.generation)
        return change(data, *windows, filters=chosen, limit=len(data.actors) + 1)

    found = await run_in_threadpool(cached, store, writes.generation, "change", compute, chosen, windows)
    return page(found[offset : offset + limit], limit, offset, request.url, len(found))


__all__ = ["FiltersDep", "filters", "router"]
