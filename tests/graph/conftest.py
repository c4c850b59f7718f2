"""Fixtures of the graph tests: a store built from seeds/ and a sample of real corpus articles,
helpers to look at a store through rdflib, and a batch of generated articles that yield relations."""

from __future__ import annotations

import csv
import json
import random
from importlib.resources import files
from pathlib import Path

import pytest
import rdflib

SEEDS = Path(str(files("seeds")))

CORPUS_SAMPLE = Path(__file__).parent / "fixtures" / "corpus_sample.jsonl"


def dataset(store, static: bool = False) -> rdflib.Dataset:
    """The store's quads as an rdflib Dataset; without ``static``, leave out the ontology and
    reference graphs (about 40,000 quads that every store loads alike, slow to compare)."""
    from graph.terms import ONTOLOGY_GRAPH, REFERENCE_GRAPH

    skip = "" if static else f"FILTER(?g NOT IN ({ONTOLOGY_GRAPH}, {REFERENCE_GRAPH}))"
    rows = store.query(f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {skip} }}")
    nquads = "".join(f"{r['s']} {r['p']} {r['o']} {r['g']} .\n" for r in rows)
    ds = rdflib.Dataset()
    ds.parse(data=nquads, format="nquads")
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
    return dataset(corpus_store, static=True)


def graphs_of(ds: rdflib.Dataset) -> dict[str, rdflib.Graph]:
    """Each named graph of a dataset as a plain rdflib Graph (empty default graph left out)."""
    out: dict[str, rdflib.Graph] = {}
    for s, p, o, ctx in ds.quads((None, None, None, None)):
        name = str(getattr(ctx, "identifier", ctx))
        out.setdefault(name, rdflib.Graph()).add((s, p, o))
    return out


def assert_isomorphic(actual, expected) -> None:
    """Graphs (or datasets, graph by graph) are isomorphic; on failure, say what differs."""
    from rdflib.compare import graph_diff, to_isomorphic

    if isinstance(actual, rdflib.Dataset) or isinstance(expected, rdflib.Dataset):
        a, e = graphs_of(actual), graphs_of(expected)
        assert sorted(a) == sorted(e), f"graphs differ: only actual {set(a) - set(e)}, only expected {set(e) - set(a)}"
        for name in e:
            assert_isomorphic(a[name], e[name])
        return
    ia, ie = to_isomorphic(actual), to_isomorphic(expected)
    if ia != ie:
        _, only_actual, only_expected = graph_diff(ia, ie)
        lines = [f"- {t}" for t in sorted(only_expected)[:20]] + [f"+ {t}" for t in sorted(only_actual)[:20]]
        pytest.fail("graphs are not isomorphic:\n" + "\n".join(lines))


# -- a batch of generated articles (crash safety and concurrency tests) --------------------------
TEMPLATES = (
    "{a} called {b} on {day}. The two leaders discussed trade and security.",
    "{a} met with {b} in {city} on {day}. {a} praised the talks.",
    "{b} criticised {a} after the vote. {a} later thanked {b} for the invitation.",
    "{a} accused {b} of violating the agreement. {b} rejected the claims on {day}.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
CITIES = ("Berlin", "Paris", "Geneva", "Vienna", "Nairobi", "Brasilia")


def leaders(limit: int = 400) -> list[str]:
    """Current leaders' names from the project's reference data."""
    path = Path(str(files("ontologies"))) / "reference" / "leaders.csv"
    with path.open(encoding="utf-8") as f:
        rows = [r["label"] for r in csv.DictReader(f) if r["status"] != "ended"]
    return rows[:limit]


def write_batch(path: Path, count: int, seed: int = 0) -> Path:
    """A JSONL file of ``count`` short, distinct articles about pairs of leaders."""
    rng = random.Random(seed)
    names = leaders()
    with path.open("w", encoding="utf-8") as f:
        for i in range(count):
            a, b = rng.sample(names, 2)
            text = " ".join(
                t.format(a=a, b=b, day=rng.choice(DAYS), city=rng.choice(CITIES)) for t in rng.sample(TEMPLATES, 3)
            )
            f.write(json.dumps({"id": f"batch-{seed}-{i:03d}", "title": f"{a} and {b}", "text": text}) + "\n")
    return path


@pytest.fixture
def batch(tmp_path) -> Path:
    """30 generated articles in one JSONL file."""
    return write_batch(tmp_path / "batch.jsonl", 30)
