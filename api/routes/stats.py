"""Counts of what the graph holds."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import StoreDep
from api.models import Stats
from graph.queries import statistics

router = APIRouter(tags=["stats"])


@router.get("/stats", response_model=Stats)
def stats(store: StoreDep) -> dict:
    """Quads, articles, actors, relations, and relations per PLOVER event type."""
    return statistics(store)
