"""The store interface on the embedded Oxigraph backend."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.errors import QueryError, RdfSyntaxError, StoreLockedError, UnknownStoreError
from graph.store import open_store

G = ox.NamedNode("https://example.org/g")
A, P = ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/p")


@pytest.mark.parametrize("url", ["memory:", "oxigraph:{tmp}/s", "{tmp}/plain-path"])
def test_open_store_by_url(url, tmp_path):
    with open_store(url.format(tmp=tmp_path)) as store:
        store.replace_graph(G, [ox.Quad(A, P, ox.Literal("1"), G)])
        assert store.count() == 1


def test_unknown_scheme_is_a_clear_error():
    with pytest.raises(UnknownStoreError, match="known: memory:, oxigraph:"):
        open_store("nosuch://x")


def test_replace_graph_replaces_only_that_graph(store):
    other = ox.NamedNode("https://example.org/other")
    store.replace_graph(other, [ox.Quad(A, P, ox.Literal("kept"), other)])
    store.replace_graph(G, [ox.Quad(A, P, ox.Literal("old"), G)])
    store.replace_graph(G, [ox.Quad(A, P, ox.Literal("new"), G)])
    values = {r["o"].value for r in store.query("SELECT ?o WHERE { ?s ?p ?o }")}
    assert values == {"kept", "new"}


def test_malformed_rdf_adds_nothing(store):
    store.load(b"<https://example.org/a> <https://example.org/p> 1 .", ox.RdfFormat.TURTLE, G)
    with pytest.raises(RdfSyntaxError):
        store.load(b"<https://example.org/b> <https://example.org/p> 2 .\n<oops", ox.RdfFormat.TURTLE, G)
    assert store.count() == 1


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        ("", "https://w3id.org/newsgraph/ontology#Actor"),  # predeclared
        ("PREFIX ng: <https://example.org/mine#> ", "https://example.org/mine#Actor"),  # the query's own wins
    ],
)
def test_project_prefixes_are_predeclared(store, declared, expected):
    rows = store.query(declared + "SELECT ?x WHERE { VALUES ?x { ng:Actor } }")
    assert [row["x"].value for row in rows] == [expected]


def test_malformed_sparql_is_a_query_error(store):
    with pytest.raises(QueryError):
        store.query("SELECT ?x WHERE { ?x ")


def test_second_writer_is_refused(tmp_path):
    with open_store(f"oxigraph:{tmp_path}/s"):
        with pytest.raises(StoreLockedError, match="open in another process"):
            open_store(f"oxigraph:{tmp_path}/s")


def test_malformed_update_changes_nothing(store):
    store.replace_graph(G, [ox.Quad(A, P, ox.Literal("kept"), G)])
    with pytest.raises(QueryError):
        store.update("DELETE WHERE { GRAPH ?g { ?s ?p ?o } } ; INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:p> ")
    assert store.count() == 1


def test_a_writer_can_wait_for_the_lock(tmp_path):
    import threading

    from graph.store import OxigraphStore

    url = f"oxigraph:{tmp_path}/s"
    holder = open_store(url)
    attempts = []
    real_open = OxigraphStore._open

    def counted(self, read_only):
        attempts.append(read_only)
        return real_open(self, read_only)

    with pytest.MonkeyPatch.context() as patch, pytest.raises(StoreLockedError):
        patch.setattr(OxigraphStore, "_open", counted)
        open_store(url, wait=0.5)
    assert len(attempts) > 1  # it tried again while waiting, then gave up
    threading.Timer(0.5, holder.close).start()
    with open_store(url, wait=10) as second:
        assert second.writable


def test_read_only_store_reads_beside_a_writer_and_refuses_writes(tmp_path):
    from graph.errors import StoreError

    url = f"oxigraph:{tmp_path}/s"
    with open_store(url) as writer:
        writer.replace_graph(G, [ox.Quad(A, P, ox.Literal("1"), G)])
        with open_store(url, read_only=True) as reader:
            assert reader.count() == 1
            with pytest.raises(StoreError, match="read-only"):
                reader.replace_graph(G, [])
    with pytest.raises(StoreError, match="no store at"):
        open_store(f"oxigraph:{tmp_path}/missing", read_only=True)


def test_backup_is_a_consistent_copy_and_only_for_on_disk_stores(tmp_path):
    from graph.errors import StoreError
    from graph.store import restore

    with open_store(f"oxigraph:{tmp_path}/s") as store:
        store.replace_graph(G, [ox.Quad(A, P, ox.Literal(str(i)), G) for i in range(100)])
        store.backup(tmp_path / "b")  # while the store is open and was just written
        store.replace_graph(G, [])
    restore(tmp_path / "b", tmp_path / "r")
    with open_store(f"oxigraph:{tmp_path}/r") as restored:
        assert restored.count() == 100
    with open_store("memory:") as memory, pytest.raises(StoreError, match="on disk"):
        memory.backup(tmp_path / "m")


@pytest.mark.parametrize(("failures", "opens"), [(1, True), (10, False)])
def test_a_read_only_open_racing_a_compaction_is_retried(tmp_path, monkeypatch, failures, opens):
    """RocksDB can list a file the writer's compaction deletes before the reader opens it."""
    from graph.errors import StoreError

    url = f"oxigraph:{tmp_path}/s"
    open_store(url).close()
    real, calls = ox.Store.read_only, []

    def racing(path):
        calls.append(path)
        if len(calls) <= failures:
            raise RuntimeError(f"Corruption: IO error: No such file or directory: {path}/000009.sst")
        return real(path)

    monkeypatch.setattr(ox.Store, "read_only", staticmethod(racing))
    if opens:
        with open_store(url, read_only=True) as reader:
            assert reader.count() == 0
    else:
        with pytest.raises(StoreError, match="No such file"):
            open_store(url, read_only=True)
