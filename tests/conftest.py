"""Shared fixtures: one spaCy pipeline per test session, real on-disk stores, a real server."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import pytest

# The fixtures of ``tests/servers.py`` (store_copy, writable_server), for every test module.
pytest_plugins = ["servers"]

SEEDS = Path(str(files("seeds")))
SEED_ARTICLE = SEEDS / "000_8ba8fdaa8bbfb1fc.txt"


# `make check` runs the tests marked `unit`: every test that needs no spaCy pipeline, no ingested
# store, no server and no CLI process (those take most of `make test`'s time).
HEAVY_FIXTURES = {
    "nlp",
    "seeded_store_url",
    "seeded_store",
    "server",
    "corpus_store_url",
    "corpus_store",
    "corpus_dataset",
    "store_copy",
    "writable_server",
    "batch",
    "endpoint",
    "memory_process",
    "memory_server",
    "listener",
}  # servers of the SPARQL suites
PROCESS_MODULES = {
    "test_cli.py",
    "test_cli_eval.py",
    "test_ingest_command.py",
    "test_crash_safety.py",
    "test_concurrency.py",
    "test_safety.py",
    "test_schema_fuzz.py",
    "test_ui.py",
    "test_end_to_end.py",
}


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if (
            item.path.name in PROCESS_MODULES
            or fixtures & HEAVY_FIXTURES
            or item.get_closest_marker("slow") is not None
        ):
            continue
        item.add_marker(pytest.mark.unit)


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


@pytest.fixture(scope="session")
def server(seeded_store) -> Iterator[str]:
    """A real uvicorn server on a free port over the seeded store; yields its base URL."""
    from servers import make_app, running

    # lifespan off: the session's seeded store outlives the server
    with running(make_app(seeded_store), lifespan="off") as base:
        yield base
