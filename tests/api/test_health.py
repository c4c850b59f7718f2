"""/healthz stays cheap: the store's graphs are counted again only after writes, every few seconds at most."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.routes import health


def test_healthz_counts_graphs_again_only_after_a_write_and_a_few_seconds(monkeypatch):
    from api.app import create_app
    from api.settings import Settings
    from graph.store import open_store

    store = open_store("memory:")
    counted: list[int] = []
    real = store.graphs
    monkeypatch.setattr(store, "graphs", lambda: counted.append(1) or real())
    with TestClient(create_app(Settings(store="memory:"), store=store)) as client:
        assert [client.get("/healthz").json()["graphs"] for _ in range(5)] == [0] * 5
        assert len(counted) == 1, "an unwritten store is counted once"
        store.update("INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> 1 } }")
        assert client.get("/healthz").json()["graphs"] == 0, "within GRAPHS_SECONDS: the last count"
        monkeypatch.setattr(health, "GRAPHS_SECONDS", 0.0)
        assert client.get("/healthz").json()["graphs"] == 1
        assert client.get("/healthz").json()["graphs"] == 1
        assert len(counted) == 2
