"""Helpers and fixtures for the API tests (import the fixtures you use): real uvicorn servers on free ports."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager

import httpx
import pytest

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



@pytest.fixture
def store_copy(seeded_store_url, seeded_store, tmp_path):
    """A writable on-disk copy of the seeded store (a checkpoint of it)."""
    from graph.store import open_store

    target = tmp_path / "copy"
    seeded_store._store.backup(str(target))
    s = open_store(f"oxigraph:{target}")
    yield s
    s.close()


@pytest.fixture
def writable_server(store_copy, nlp):
    """A server over a copy of the seeded store, with writes enabled by :data:`TOKEN`."""
    app = make_app(store_copy, write_token=TOKEN)
    app.state.writes.use_pipeline(nlp)  # the session's pipeline: no reload per test
    with running(app) as base:
        yield base


__all__ = ["TOKEN", "make_app", "running", "store_copy", "writable_server"]
