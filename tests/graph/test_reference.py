"""The static graphs load fast (bulk, no transaction, from the prebuilt files that the code's build equals)
and a stop part-way is repaired on the next run."""

from __future__ import annotations

import gzip

import pytest
from pyoxigraph import Quad, RdfFormat

import graph.reference as reference
from graph.errors import RdfSyntaxError, StoreError
from graph.reference import (
    CONTENT_HASH,
    _serialized,
    built_header,
    built_path,
    ensure_static_graphs,
    reference_quads,
    static_graphs,
    static_nquads,
)
from graph.store import open_store
from graph.terms import ONTOLOGY_GRAPH, REFERENCE_GRAPH


def _graph(store, graph) -> set[Quad]:
    return {q for q in store._store.quads_for_pattern(None, None, None, graph)}


@pytest.mark.parametrize("url", ["oxigraph:{tmp}/store", "memory:"])
def test_static_graphs_are_loaded_whole_with_their_mark(tmp_path, url):
    with open_store(url.format(tmp=tmp_path)) as store:
        assert ensure_static_graphs(store) == [ONTOLOGY_GRAPH, REFERENCE_GRAPH]
        assert _graph(store, REFERENCE_GRAPH) == set(reference_quads())
        assert ensure_static_graphs(store) == []


@pytest.mark.parametrize("graph, digest, build", static_graphs(), ids=lambda v: getattr(v, "value", "")[-9:])
def test_the_prebuilt_files_are_what_the_code_builds(graph, digest, build):
    """Byte for byte; when this fails, the sources changed: run tools/build_static_graphs.py."""
    shipped = gzip.decompress(built_path(graph).read_bytes())
    assert shipped == built_header(digest) + static_nquads(graph, build)


def test_without_a_prebuilt_file_of_the_sources_the_graphs_are_built(tmp_path, monkeypatch):
    """A prebuilt file of other sources (or none) is not loaded: the store gets the graphs of the current sources."""
    stale = tmp_path / "reference.nq.gz"
    stale.write_bytes(gzip.compress(built_header("0" * 64) + b"<urn:stale> <urn:p> <urn:o> <urn:g> .\n"))
    monkeypatch.setattr(reference, "built_path", lambda graph: stale if graph == REFERENCE_GRAPH else tmp_path / "none")
    with open_store("memory:") as store:
        assert ensure_static_graphs(store) == [ONTOLOGY_GRAPH, REFERENCE_GRAPH]
        assert _graph(store, REFERENCE_GRAPH) == set(reference_quads())
        assert store.count() == len(reference_quads()) + len(reference.ontology_quads())


def test_a_graph_loaded_without_its_mark_is_loaded_again(tmp_path):
    """A stop between the bulk load and the mark leaves the graph unmarked: the next run replaces it."""
    with open_store(f"oxigraph:{tmp_path / 'store'}") as store:
        ensure_static_graphs(store)
        store.update(f"DELETE WHERE {{ GRAPH {REFERENCE_GRAPH} {{ {REFERENCE_GRAPH} <{CONTENT_HASH.value}> ?h }} }}")
        store.update(f"INSERT DATA {{ GRAPH {REFERENCE_GRAPH} {{ <urn:half> <urn:loaded> <urn:graph> }} }}")
        assert ensure_static_graphs(store) == [REFERENCE_GRAPH]
        assert _graph(store, REFERENCE_GRAPH) == set(reference_quads())


def test_bulk_load_refuses_bad_data_and_read_only_stores(tmp_path):
    with open_store(f"oxigraph:{tmp_path / 'store'}") as store:
        with pytest.raises(RdfSyntaxError):
            store.bulk_load(b"<urn:a> <urn:b> .", RdfFormat.N_QUADS)
        store.bulk_load(_serialized(reference_quads()[:3]), RdfFormat.N_QUADS)
        assert store.count() == 3
    with open_store(f"oxigraph:{tmp_path / 'store'}", read_only=True) as store, pytest.raises(StoreError):
        store.bulk_load(b"", RdfFormat.N_QUADS)
