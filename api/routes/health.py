"""Liveness and a glance at the store."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ExecutorDep, StoreDep
from api.models import Health
from extract.version import package_version

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
def healthz(store: StoreDep, executor: ExecutorDep) -> dict:
    """The server is up and its store answers."""
    return {
        "status": "ok",
        "version": package_version(),
        "store": store.url,
        "graphs": len(store.graphs()),
        "query_timeout": executor.timeout,
        "killable_queries": executor.stops_runaway_queries,
    }
