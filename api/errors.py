"""HTTP-only errors, and the one place errors become ``application/problem+json`` responses."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from extract.errors import NewsgraphError

log = logging.getLogger("newsgraph.api")
PROBLEM = "application/problem+json"


class UnauthorizedError(NewsgraphError):
    status = 401
    title = "authentication required"


class ForbiddenError(NewsgraphError):
    status = 403
    title = "forbidden"


def problem(status: int, title: str, detail: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"type": "about:blank", "title": title, "status": status, "detail": detail},
                        status_code=status, media_type=PROBLEM, headers=headers)


def problem_for(error: NewsgraphError) -> JSONResponse:
    """The problem document of an error, with ``WWW-Authenticate`` or ``Retry-After`` where it has one."""
    headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else {}
    retry_after = getattr(error, "retry_after", None)
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    return problem(error.status, error.title, str(error), headers or None)


def install(app: FastAPI) -> None:
    """Translate newsgraph errors, validation errors and bugs into problem documents."""

    @app.exception_handler(NewsgraphError)
    async def newsgraph_error(request: Request, error: NewsgraphError) -> JSONResponse:
        if error.status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, error)
        return problem_for(error)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        return problem(422, "invalid request", detail)

    @app.exception_handler(Exception)
    async def bug(request: Request, error: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem(500, "internal server error", "the server failed; the error is logged")


__all__ = ["ForbiddenError", "UnauthorizedError", "install", "problem", "problem_for"]
