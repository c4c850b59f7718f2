"""Errors of the graph layer, in the hierarchy rooted at :class:`extract.errors.NewsgraphError`."""

from __future__ import annotations

import re

from extract.errors import NewsgraphError


class StoreError(NewsgraphError):
    """The store cannot be opened, read or written."""

    status = 503
    title = "store unavailable"


class StoreLockedError(StoreError):
    """Another process holds the on-disk store open for writing."""

    status = 409
    title = "store in use"


class StoreFullError(StoreError):
    """The disk holding the store has no space left: nothing more can be written until space is freed."""

    status = 507
    title = "insufficient storage"


class UnknownStoreError(StoreError):
    """A store URL whose scheme no backend handles."""

    status = 400
    title = "unknown store"


class QueryError(NewsgraphError):
    """A SPARQL query or update that cannot be parsed or run."""

    status = 400
    title = "invalid query"


class QueryTimeoutError(NewsgraphError):
    """A query ran out of time (and was stopped)."""

    status = 503
    title = "query timeout"


class QueryQueueFullError(NewsgraphError):
    """Too many heavy queries wait for a worker already: refused at once, to be retried."""

    status = 503
    title = "server busy"
    retry_after = 2


class QueryMemoryError(NewsgraphError):
    """A query outgrew the memory a worker may use (the worker was stopped)."""

    status = 503
    title = "query memory limit"


class ResultTooLargeError(NewsgraphError):
    """A result larger than the configured limit."""

    status = 413
    title = "result too large"


class NotAcceptableError(NewsgraphError):
    """No format the client accepts fits the result."""

    status = 406
    title = "not acceptable"


class RdfSyntaxError(NewsgraphError):
    """RDF input (Turtle, N-Triples, ...) that cannot be parsed."""

    status = 400
    title = "invalid RDF"


class UnknownFormatError(NewsgraphError):
    """An RDF format no serialiser handles."""

    status = 400
    title = "unknown format"


class NotFoundError(NewsgraphError):
    """A resource (actor, article) that the graph does not hold."""

    status = 404
    title = "not found"


#: what pyoxigraph says in a RuntimeError that the client's own query or update caused (``DROP GRAPH``
#: of a missing graph, ``CREATE GRAPH`` of an existing one, a ``SERVICE`` call); any other RuntimeError
#: is the store failing: RocksDB reports corruption that way
_CLIENT_RUNTIME_ERRORS = re.compile(r"does not exist|already exists|\bservice\b", re.IGNORECASE)


def runtime_error(error: RuntimeError) -> QueryError | StoreError:
    """The newsgraph error for a RuntimeError of pyoxigraph: the client's :class:`QueryError`, or a
    :class:`StoreError` (503, logged) for a store that fails.

    Args:
        error: what pyoxigraph raised while running a query or an update.

    Returns:
        The error to raise instead (``raise runtime_error(e) from e``).

    >>> runtime_error(RuntimeError("The graph <urn:g> does not exist")).status
    400
    >>> runtime_error(RuntimeError("Corruption: block checksum mismatch")).status
    503
    """
    if _CLIENT_RUNTIME_ERRORS.search(str(error)):
        return QueryError(str(error))
    return StoreError(f"the store failed: {error}")


__all__ = [
    "NotAcceptableError",
    "NotFoundError",
    "QueryError",
    "QueryMemoryError",
    "QueryQueueFullError",
    "QueryTimeoutError",
    "RdfSyntaxError",
    "ResultTooLargeError",
    "StoreError",
    "StoreFullError",
    "StoreLockedError",
    "UnknownFormatError",
    "UnknownStoreError",
    "runtime_error",
]
