"""The server's own URLs, never taken from what a client sends (``Host``, ``X-Forwarded-*``)."""

from __future__ import annotations

from fastapi import Request

from api.settings import Settings


def public_url(request: Request, settings: Settings, path: str) -> str:
    """``path`` on the configured ``NEWSGRAPH_BASE_URL``, else on the address the server listens on.

    The ``Host`` header is the client's to choose: echoed into a document others read (the SPARQL
    service description) it would let anyone make the server advertise their URL.
    """
    if settings.base_url:
        return settings.base_url.rstrip("/") + path
    server = request.scope.get("server")
    if server and server[1] is not None:
        host, port = server
        host = f"[{host}]" if ":" in host else host
        return f"{request.url.scheme}://{host}:{port}{path}"
    return f"http://{settings.host}:{settings.port}{path}"


__all__ = ["public_url"]
