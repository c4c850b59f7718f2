"""Errors tell the truth: a failing store is a logged 503, a client's mistake a 4xx, and every
problem document is built by ``api/errors.py``."""

from __future__ import annotations

import logging

import httpx
import pytest
from fastapi.testclient import TestClient

CORRUPTION = "Corruption: block checksum mismatch in 000042.sst"


class _Failing:
    """Stands in for pyoxigraph's store: every query fails as RocksDB corruption shows."""

    def __init__(self, real) -> None:
        self._real = real

    def query(self, *args, **kwargs):
        raise RuntimeError(CORRUPTION)

    def __getattr__(self, name):
        return getattr(self._real, name)


@pytest.fixture
def failing_client():
    from api.app import create_app
    from api.settings import Settings
    from graph.store import open_store

    store = open_store("memory:")
    store._store = _Failing(store._store)
    return TestClient(create_app(Settings(store="memory:"), store=store), raise_server_exceptions=False)


@pytest.mark.parametrize("path", ["/stats", "/articles", "/relations", "/actors/Q7747", "/sparql?query=ASK%20%7B%7D"])
def test_a_failing_store_is_a_logged_503(failing_client, caplog, path):
    with caplog.at_level(logging.ERROR, logger="newsgraph.api"):
        response = failing_client.get(path)
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "store unavailable" and CORRUPTION in response.json()["detail"]
    assert any(CORRUPTION in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize(
    "message, status",
    [
        (CORRUPTION, 503),
        ("The graph <urn:g> does not exist", 400),  # DROP GRAPH without SILENT: the client's mistake
        ("The graph <urn:g> already exists", 400),
    ],
)
def test_runtime_errors_of_the_store_are_classified(message, status):
    from graph.errors import runtime_error

    assert runtime_error(RuntimeError(message)).status == status


def test_a_client_update_error_is_a_query_error(store):
    from graph.errors import QueryError

    with pytest.raises(QueryError, match="does not exist"):
        store.update("DROP GRAPH <urn:test:none>")


def test_the_body_limit_answers_the_same_problem_document():
    from api.app import create_app
    from api.errors import problem_document
    from api.settings import Settings

    client = TestClient(create_app(Settings(store="memory:", max_request_bytes=10)))
    response = client.post(
        "/sparql", content=b"ASK { } # longer than ten bytes", headers={"content-type": "application/sparql-query"}
    )
    assert response.status_code == 413 and response.headers["content-type"] == "application/problem+json"
    assert response.json() == problem_document(413, "request too large", "request bodies are limited to 10 bytes")


def test_a_bug_on_the_sparql_fast_path_is_a_logged_500(seeded_store, caplog):
    """GET /sparql?query= is answered in front of FastAPI (api/routes/sparql.py): it translates a
    server bug into a logged 500 problem document itself, as the app's handler would."""
    from servers import make_app, running

    app = make_app(seeded_store)

    async def broken(job, timeout=None):
        raise RuntimeError("a bug")

    app.state.executor.aquery = broken
    with caplog.at_level(logging.ERROR, logger="newsgraph.api"), running(app) as base:
        response = httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, timeout=10)
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "internal server error" and "a bug" not in response.text
    assert any("GET /sparql" in record.getMessage() and record.exc_info for record in caplog.records)
