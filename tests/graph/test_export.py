"""Exports in every format round-trip: what rdflib reads back, and what a fresh store loads back,
is isomorphic to the store's content (quad formats graph by graph)."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
import rdflib

from graph.export import FORMATS, export, rdf_format
from graph.store import open_store
from graph.terms import ACTORS_GRAPH, REFERENCE_GRAPH
from tests.graph.conftest import CORPUS_SAMPLE, SEEDS, assert_isomorphic, dataset, union

RDFLIB_NAMES = {
    "turtle": "turtle",
    "trig": "trig",
    "nquads": "nquads",
    "ntriples": "nt",
    "rdfxml": "xml",
    "jsonld": "json-ld",
}
IMPORTED = ox.NamedNode("https://example.org/imported")


@pytest.fixture(scope="module")
def articles_store(nlp):
    """Seeds and the corpus sample, without the ontology and reference graphs (fast to compare)."""
    from extract.articles import read_articles
    from graph.ingest import IngestReport, ingest_article

    store = open_store("memory:")
    report = IngestReport()
    for article in read_articles([SEEDS, CORPUS_SAMPLE]):
        ingest_article(store, nlp, article, report)
    assert report.articles == 6
    yield store
    store.close()


def exported(store, name: str, **kwargs) -> bytes:
    buf = io.BytesIO()
    export(store, buf, name, **kwargs)
    return buf.getvalue()


def test_every_format_is_tested():
    assert set(RDFLIB_NAMES) == set(FORMATS)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_export_parses_back_isomorphic(articles_store, name):
    data = exported(articles_store, name)
    expected = dataset(articles_store)
    if rdf_format(name).supports_datasets:
        actual = rdflib.Dataset()
        actual.parse(data=data, format=RDFLIB_NAMES[name])
        assert_isomorphic(actual, expected)
    else:
        actual = rdflib.Graph().parse(data=data, format=RDFLIB_NAMES[name])
        assert_isomorphic(actual, union(expected))


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_export_loads_back_into_a_store_isomorphic(articles_store, name):
    data = exported(articles_store, name)
    with open_store("memory:") as fresh:
        fmt = rdf_format(name)
        if fmt.supports_datasets:
            fresh.load(data, fmt)
            assert_isomorphic(dataset(fresh), dataset(articles_store))
        else:
            fresh.load(data, fmt, IMPORTED)
            assert_isomorphic(union(dataset(fresh)), union(dataset(articles_store)))


def test_quad_formats_keep_one_graph_per_article(articles_store):
    ds = rdflib.Dataset()
    ds.parse(data=exported(articles_store, "trig"), format="trig")
    names = {str(c.identifier) for c in ds.contexts() if len(c)}
    assert sum(n.startswith("https://w3id.org/newsgraph/article/") for n in names) == 6
    assert ACTORS_GRAPH.value in names


@pytest.mark.slow  # exports and parses the 40,000 quads of the reference data
@pytest.mark.parametrize("name", ["turtle", "nquads"])
def test_reference_data_exports_alone(name):
    from graph.reference import ensure_static_graphs, reference_quads

    with open_store("memory:") as store:
        ensure_static_graphs(store)
        data = exported(store, name, reference_only=True)
    expected = rdflib.Graph()
    expected.parse(data="".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in reference_quads()), format="nt")
    actual = rdflib.Graph()
    if name == "nquads":
        ds = rdflib.Dataset()
        ds.parse(data=data, format="nquads")
        assert {str(c.identifier) for c in ds.contexts() if len(c)} == {REFERENCE_GRAPH.value}
        actual = union(ds)
    else:
        actual.parse(data=data, format="turtle")
    assert_isomorphic(actual, expected)
    putin = rdflib.URIRef("http://www.wikidata.org/entity/Q7747")
    assert (putin, rdflib.RDFS.label, rdflib.Literal("Vladimir Putin")) in actual


def _duplicated_store(triples: int, graphs: int) -> ox.Store:
    """``triples`` distinct triples, each held by ``graphs`` named graphs (and a few by the default graph)."""
    store = ox.Store()
    p = ox.NamedNode("urn:p")
    store.bulk_extend(
        ox.Quad(ox.NamedNode(f"urn:s{i}"), p, ox.Literal(str(i)), ox.NamedNode(f"urn:g{g}"))
        for i in range(triples)
        for g in range(graphs)
    )
    store.bulk_extend(ox.Quad(ox.NamedNode(f"urn:s{i}"), p, ox.Literal(str(i))) for i in range(0, triples, 7))
    return store


def test_union_of_graphs_has_each_triple_once_and_holds_nothing_per_triple():
    import tracemalloc

    from graph.store import union_triples

    store = _duplicated_store(20_000, 3)
    tracemalloc.start()
    try:
        count = 0
        for _ in union_triples(store):
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 20_000
    # A set of the triples written would hold 20,000 of them (several MB); the index answers instead.
    assert peak < 200_000, f"{peak:,} bytes traced"
    n_triples = io.BytesIO()
    wrapped = open_store("memory:")
    wrapped._store = store  # the same store behind the Store interface
    wrapped.dump(n_triples, ox.RdfFormat.N_TRIPLES)
    lines = n_triples.getvalue().decode().splitlines()
    assert len(lines) == len(set(lines)) == 20_000
