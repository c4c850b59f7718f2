"""Liveness and a glance at the store."""

from __future__ import annotations

import time

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from api.deps import ExecutorDep, StoreDep
from api.models import Health
from extract.version import package_version
from graph.caching import store_key
from graph.store import Store

router = APIRouter(tags=["health"])
#: seconds a count of the store's graphs is shown before it is counted again
GRAPHS_SECONDS = 5.0


class _GraphCount:
    """The number of named graphs, counted again only when the store was written since (or is
    another store) and the count is :data:`GRAPHS_SECONDS` old: counting 2,000 graphs takes 10-30 ms
    (in a thread, holding the GIL for each graph), which a probe every 20 ms would otherwise take
    from every request the server serves."""

    def __init__(self) -> None:
        self.key: tuple[int, int] | None = None  # (the store's number, its write generation)
        self.value = 0
        self.at = float("-inf")

    async def __call__(self, store: Store) -> int:
        key = (store_key(store), store.generation)
        moved = self.key is None or key[0] != self.key[0]
        if moved or (key != self.key and time.monotonic() - self.at >= GRAPHS_SECONDS):
            self.value = len(await run_in_threadpool(store.graphs))  # a failing store raises here: 503
            self.key, self.at = key, time.monotonic()
        return self.value


_graphs = _GraphCount()


@router.get("/healthz", response_model=Health)
async def healthz(store: StoreDep, executor: ExecutorDep) -> dict:
    """The server is up and its store answers (its graphs counted at most every few seconds)."""
    return {
        "status": "ok",
        "version": package_version(),
        "store": store.url,
        "graphs": await _graphs(store),
        "query_timeout": executor.timeout,
        "killable_queries": executor.stops_runaway_queries,
    }
