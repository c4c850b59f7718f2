"""Liveness and a glance at the store."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import StoreDep

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz(store: StoreDep) -> dict:
    """The server is up and its store answers."""
    return {"status": "ok", "store": store.url, "graphs": len(store.graphs())}
