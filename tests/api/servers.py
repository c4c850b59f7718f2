"""Helpers for the API tests: real uvicorn servers on free ports."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager

import httpx

TOKEN = "test-token-0123456789abcdef"


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running(app):
    """Serve ``app`` with uvicorn in a thread; yield its base URL; run its lifespan (workers stop)."""
    import uvicorn

    port = _port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.05)
    else:
        raise RuntimeError("the test server did not start")
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def make_app(store, **settings):
    from api.app import create_app
    from api.settings import Settings

    return create_app(Settings(store="memory:", **settings), store=store)



__all__ = ["TOKEN", "make_app", "running"]
