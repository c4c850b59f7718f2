"""Records → RDF: the ontology's terms, the mapping, stores, queries, export and analytics."""

from graph.errors import NotFoundError, QueryError, RdfSyntaxError, StoreError, StoreLockedError, UnknownStoreError
from graph.ingest import IngestReport, ingest, remove_article
from graph.store import Store, open_store

__all__ = ["IngestReport", "NotFoundError", "QueryError", "RdfSyntaxError", "Store", "StoreError",
           "StoreLockedError", "UnknownStoreError", "ingest", "open_store", "remove_article"]
