"""Errors of the graph layer, in the hierarchy rooted at :class:`extract.errors.NewsgraphError`."""

from __future__ import annotations

from extract.errors import NewsgraphError


class StoreError(NewsgraphError):
    """The store cannot be opened, read or written."""

    status = 503
    title = "store unavailable"


class StoreLockedError(StoreError):
    """Another process holds the on-disk store open for writing."""

    status = 409
    title = "store in use"


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


__all__ = ["NotAcceptableError", "NotFoundError", "QueryError", "QueryTimeoutError", "RdfSyntaxError",
           "ResultTooLargeError", "StoreError", "StoreLockedError", "UnknownFormatError", "UnknownStoreError"]
