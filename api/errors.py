"""HTTP-only errors, and the one place errors become ``application/problem+json`` responses."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response

from extract.errors import NewsgraphError
from graph.errors import NotFoundError

log = logging.getLogger("newsgraph.api")
PROBLEM = "application/problem+json"


class UnauthorizedError(NewsgraphError):
    status = 401
    title = "authentication required"


class ForbiddenError(NewsgraphError):
    status = 403
    title = "forbidden"


class NotFoundWithSuggestions(NotFoundError):
    """Not found, with what the client may have meant (a ``suggestions`` member of the problem document)."""

    def __init__(self, message: str, suggestions: list[dict]) -> None:
        super().__init__(message)
        self.extra = {"suggestions": suggestions}


def problem_document(status: int, title: str, detail: str, extra: dict | None = None) -> dict[str, object]:
    """An RFC 9457 problem document (``extra``: members beyond the standard ones, e.g. ``suggestions``).

    >>> problem_document(404, "not found", "no actor 'x'")
    {'type': 'about:blank', 'title': 'not found', 'status': 404, 'detail': "no actor 'x'"}
    """
    return {"type": "about:blank", "title": title, "status": status, "detail": detail, **(extra or {})}


def problem_bytes(status: int, title: str, detail: str) -> bytes:
    """:func:`problem_document` as the body of a response, for ASGI middleware below FastAPI."""
    return json.dumps(problem_document(status, title, detail)).encode()


def problem(
    status: int, title: str, detail: str, headers: dict | None = None, extra: dict | None = None
) -> JSONResponse:
    return JSONResponse(
        problem_document(status, title, detail, extra), status_code=status, media_type=PROBLEM, headers=headers
    )


def error_response(error: NewsgraphError, method: str, path: str) -> JSONResponse:
    """The problem response for a newsgraph error; a server-side failure (status ≥ 500) is logged."""
    if error.status >= 500:
        log.error("%s %s: %s: %s", method, path, type(error).__name__, error)
    headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else {}
    retry_after = getattr(error, "retry_after", None)  # a busy server says when to come back
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    return problem(error.status, error.title, str(error), headers or None, getattr(error, "extra", None))


def bug_response(method: str, path: str) -> JSONResponse:
    """The 500 for an unexpected exception, logged with its traceback (call it while handling one)."""
    log.exception("unhandled error on %s %s", method, path)
    return problem(500, "internal server error", "the server failed; the error is logged")


async def edge_response(answer: Awaitable[Response], method: str, path: str) -> Response:
    """The response ``answer`` gives, or its error's problem document: for the ASGI fronts that stand
    before FastAPI's own handlers (``install``)."""
    try:
        return await answer
    except NewsgraphError as error:
        return error_response(error, method, path)
    except Exception:
        return bug_response(method, path)


def install(app: FastAPI) -> None:
    """Translate newsgraph errors, validation errors and bugs into problem documents."""

    @app.exception_handler(NewsgraphError)
    async def newsgraph_error(request: Request, error: NewsgraphError) -> JSONResponse:
        return error_response(error, request.method, request.url.path)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        return problem(422, "invalid request", detail)

    @app.exception_handler(Exception)
    async def bug(request: Request, error: Exception) -> JSONResponse:
        return bug_response(request.method, request.url.path)


__all__ = [
    "ForbiddenError",
    "NotFoundWithSuggestions",
    "UnauthorizedError",
    "bug_response",
    "edge_response",
    "error_response",
    "install",
    "problem",
    "problem_bytes",
    "problem_document",
]
