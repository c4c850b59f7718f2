"""Bearer-token guard for writes: off unless NEWSGRAPH_WRITE_TOKEN is set."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Request

from api.deps import SettingsDep
from api.errors import ForbiddenError, UnauthorizedError


def require_writer(request: Request, settings: SettingsDep) -> None:
    """Let the request through only with ``Authorization: Bearer <token>`` matching the configured token.

    No token configured: every write is forbidden (403). No or malformed credentials: 401. Wrong token: 403.
    """
    if not settings.write_token:
        raise ForbiddenError("writes are disabled on this server (set NEWSGRAPH_WRITE_TOKEN to enable them)")
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise UnauthorizedError("writes need an 'Authorization: Bearer <token>' header")
    if not secrets.compare_digest(token.strip().encode(), settings.write_token.encode()):
        raise ForbiddenError("the bearer token is not valid")


WriterDep = Annotated[None, Depends(require_writer)]

__all__ = ["WriterDep", "require_writer"]
