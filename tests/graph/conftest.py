"""Fixtures of the graph tests: a store built from seeds/ and a sample of real corpus articles,
and helpers to look at a store through rdflib."""

from __future__ import annotations

import io
from importlib.resources import files
from pathlib import Path

import pytest
import rdflib

SEEDS = Path(str(files("seeds")))

CORPUS_SAMPLE = Path(__file__).parent / "fixtures" / "corpus_sample.jsonl"


def dataset(store, graph=None) -> rdflib.Dataset:
    """The store's quads (or one graph's) as an rdflib Dataset, through an N-Quads export."""
    from graph.export import export

    buf = io.BytesIO()
    export(store, buf, "nquads" if graph is None else "ntriples", graph=graph)
    ds = rdflib.Dataset()
    if graph is None:
        ds.parse(data=buf.getvalue(), format="nquads")
    else:
        ds.graph(rdflib.URIRef(graph.value)).parse(data=buf.getvalue(), format="nt")
    return ds


def union(ds: rdflib.Dataset, exclude: tuple[str, ...] = ()) -> rdflib.Graph:
    """All triples of a dataset, except those of the graphs named in ``exclude``."""
    g = rdflib.Graph()
    for s, p, o, ctx in ds.quads((None, None, None, None)):
        name = str(getattr(ctx, "identifier", ctx))
        if name not in exclude:
            g.add((s, p, o))
    return g


@pytest.fixture(scope="session")
def corpus_store_url(tmp_path_factory, nlp) -> str:
    """A store with seeds/ and five real corpus articles ingested (read-only for tests)."""
    from extract.articles import read_articles
    from graph.ingest import ingest
    from graph.store import open_store

    url = f"oxigraph:{tmp_path_factory.mktemp('corpus') / 'store'}"
    with open_store(url) as s:
        report = ingest(s, nlp, read_articles([SEEDS, CORPUS_SAMPLE]))
        assert report.ok and report.articles == 6, report
    return url


@pytest.fixture(scope="session")
def corpus_store(corpus_store_url):
    from graph.store import open_store

    s = open_store(corpus_store_url, read_only=True)
    yield s
    s.close()


@pytest.fixture(scope="session")
def corpus_dataset(corpus_store) -> rdflib.Dataset:
    return dataset(corpus_store)
