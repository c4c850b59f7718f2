"""Shared fixtures: one spaCy pipeline per test session, real on-disk stores, a real server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import pytest

SEEDS = Path(str(files("seeds")))
SEED_ARTICLE = SEEDS / "000_8ba8fdaa8bbfb1fc.txt"


@pytest.fixture(scope="session")
def nlp():
    from extract.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture
def store(tmp_path):
    """An empty on-disk Oxigraph store, closed after the test."""
    from graph.store import open_store

    s = open_store(f"oxigraph:{tmp_path / 'store'}")
    yield s
    s.close()


@pytest.fixture(scope="session")
def seeded_store_url(tmp_path_factory, nlp) -> str:
    """A store with seeds/ ingested (built once per session; tests must not write to it)."""
    from extract.articles import read_articles
    from graph.ingest import ingest
    from graph.store import open_store

    url = f"oxigraph:{tmp_path_factory.mktemp('seeded') / 'store'}"
    with open_store(url) as s:
        report = ingest(s, nlp, read_articles([SEEDS]))
        assert report.ok and report.articles == 1
    return url


@pytest.fixture(scope="session")
def seeded_store(seeded_store_url):
    from graph.store import open_store

    s = open_store(seeded_store_url)
    yield s
    s.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def server(seeded_store) -> Iterator[str]:
    """A real uvicorn server on a free port over the seeded store; yields its base URL."""
    import httpx
    import uvicorn

    from api.app import create_app
    from api.settings import Settings

    port = free_port()
    app = create_app(Settings(store="memory:"), store=seeded_store)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
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
    yield base
    uv.should_exit = True
    thread.join(timeout=10)
