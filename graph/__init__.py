"""Records → RDF: the ontology's terms, the mapping, stores, queries, export and analytics.

The names below are imported when first used (PEP 562), so that ``import graph.store`` or
``import graph.terms`` (the query workers, the CLI's store commands) never loads spaCy, which
``graph.ingest`` needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graph.errors import NotFoundError, QueryError, RdfSyntaxError, StoreError, StoreLockedError, UnknownStoreError
    from graph.ingest import IngestReport, ingest, remove_article
    from graph.store import Store, open_store

_HOMES = {
    "NotFoundError": "graph.errors",
    "QueryError": "graph.errors",
    "RdfSyntaxError": "graph.errors",
    "StoreError": "graph.errors",
    "StoreLockedError": "graph.errors",
    "UnknownStoreError": "graph.errors",
    "IngestReport": "graph.ingest",
    "ingest": "graph.ingest",
    "remove_article": "graph.ingest",
    "Store": "graph.store",
    "open_store": "graph.store",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)


__all__ = [
    "IngestReport",
    "NotFoundError",
    "QueryError",
    "RdfSyntaxError",
    "Store",
    "StoreError",
    "StoreLockedError",
    "UnknownStoreError",
    "ingest",
    "open_store",
    "remove_article",
]
