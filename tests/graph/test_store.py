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


def test_malformed_sparql_is_a_query_error(store):
    with pytest.raises(QueryError):
        store.query("SELECT ?x WHERE { ?x ")


def test_second_writer_is_refused(tmp_path):
    with open_store(f"oxigraph:{tmp_path}/s"):
        with pytest.raises(StoreLockedError, match="open in another process"):
            open_store(f"oxigraph:{tmp_path}/s")
