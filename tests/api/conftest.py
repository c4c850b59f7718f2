"""Fixtures for the API tests."""

from __future__ import annotations

import pytest

from servers import TOKEN, make_app, running


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

