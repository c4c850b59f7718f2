"""Real uvicorn servers on free ports for the tests (import the fixtures you use).

Importable as ``servers`` from every test module and from ``conftest.py`` (``tests/`` is on
``sys.path``)."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager

import httpx
import pytest

TOKEN = "test-token-0123456789abcdef"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(base: str, timeout: float = 20) -> None:
    """Poll ``base``/healthz until it answers 200."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"no server answered at {base} within {timeout:g} s")


@contextmanager
def running(app, lifespan: str = "on"):
    """Serve ``app`` with uvicorn in a thread and yield its base URL. With ``lifespan="on"`` the
    app's shutdown runs at the end (it stops query workers and closes the app's store); use
    ``"off"`` for a store the caller keeps using."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan=lifespan))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base)
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
    seeded_store.backup(target)
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


__all__ = ["TOKEN", "free_port", "make_app", "running", "store_copy", "wait_until_healthy", "writable_server"]
