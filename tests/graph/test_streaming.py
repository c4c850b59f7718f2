"""Streaming ingest: stored articles skipped before parsing, batches in input order, every sentence counted,
the same graph from worker processes and from a Dask cluster as from one process."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest

from extract.parallel import DaskPool, Extractor, InProcess, PipelineSpec, ProcessPool
from extract.records import Article
from graph.errors import StoreError, StoreFullError
from graph.ingest import ingest
from graph.store import open_store
from graph.terms import article_iri
from tests.graph.conftest import assert_isomorphic, dataset

ARTICLES = [
    Article(id="s1", text="Emmanuel Macron met with Angela Merkel in Berlin. Joe Biden criticised Russia."),
    Article(id="s2", text="Vladimir Putin congratulated Joe Biden. The weather was fine. Biden thanked Putin."),
    Article(id="s3", text="Xi Jinping met with Vladimir Putin in Moscow on Monday."),
    Article(id="s4", text="Nothing happened today. Markets were calm."),
]


class Recording(Extractor):
    """Parses in this process and remembers which articles it was given."""

    def __init__(self, nlp) -> None:
        self.inner = InProcess(nlp)
        self.seen: list[str] = []

    def map(self, batches):
        for batch in batches:
            self.seen.extend(a.id for a in batch)
            yield from self.inner.map([batch])


def test_stored_articles_are_skipped_before_parsing(store, nlp):
    first = Recording(nlp)
    ingest(store, None, ARTICLES[:2], extractor=first)
    again = Recording(nlp)
    report = ingest(store, None, ARTICLES, extractor=again, batch_size=1)
    assert first.seen == ["s1", "s2"] and again.seen == ["s3", "s4"]
    assert (report.articles, report.unchanged, report.skipped) == (2, 2, 2)


def test_every_sentence_is_counted_not_only_those_with_relations(store, nlp):
    report = ingest(store, nlp, ARTICLES)
    assert report.sentences == 2 + 3 + 1 + 2 and report.relations > 0 and report.words > 0


@pytest.mark.parametrize("batch_size", [1, 3, 32])
def test_batches_give_the_same_graph_in_any_size(tmp_path, nlp, batch_size):
    with open_store("memory:") as one, open_store("memory:") as batched:
        for article in ARTICLES:
            ingest(one, nlp, [article])
        ingest(batched, nlp, ARTICLES, batch_size=batch_size)
        assert_isomorphic(dataset(batched), dataset(one))


BIDEN = "Joe Biden met with Emmanuel Macron in Paris."
ONE_BATCH = {
    "distinct articles": ARTICLES,
    "the same text twice": [ARTICLES[0], Article(id="s1", text=ARTICLES[0].text)],
    "a new version after the old": [ARTICLES[0], Article(id="s1", text=BIDEN)],
    "one URL, two ids": [
        Article("u1", BIDEN, url="https://example.org/a"),
        Article("u2", BIDEN + " Hi.", url="https://example.org/a"),
    ],
    "an actor spelt two ways": [Article("n1", "NATO criticised Russia."), Article("n2", "Nato criticised Russia.")],
}


def article_graphs(store) -> list[ox.NamedNode]:
    return [g for g in store.graphs() if g.value.startswith(article_iri("").value)]


def nquads(store) -> list[str]:
    out = io.BytesIO()
    store.dump(out, ox.RdfFormat.N_QUADS)
    return sorted(out.getvalue().decode().splitlines())


@pytest.mark.parametrize("articles", ONE_BATCH.values(), ids=ONE_BATCH.keys())
@pytest.mark.parametrize("stored_first", [False, True], ids=["new store", "graph of s1 without hash"])
def test_one_transaction_per_batch_stores_what_one_per_article_does(tmp_path, nlp, articles, stored_first):
    stores = open_store(f"oxigraph:{tmp_path / 'batched'}"), open_store(f"oxigraph:{tmp_path / 'one-by-one'}")
    stores[1].batch_writes = False
    reports = []
    for store in stores:
        if stored_first:  # written by hand, not by an ingest: replaced as before
            store.update(f"INSERT DATA {{ GRAPH {article_iri('s1')} {{ <urn:x> <urn:y> 1 }} }}")
        reports.append(ingest(store, nlp, articles + [ARTICLES[2]], batch_size=32))
    assert nquads(stores[0]) == nquads(stores[1])
    assert reports[0].summary() == reports[1].summary() and reports[0].words == reports[1].words
    for store in stores:
        store.close()


def test_a_failed_batch_transaction_is_written_article_by_article(store, nlp, monkeypatch):
    def fail(quads):
        raise StoreError("cannot write: the batch")

    monkeypatch.setattr(store, "add_quads", fail)
    report = ingest(store, nlp, ARTICLES)
    assert report.ok and report.articles == len(ARTICLES) == len(article_graphs(store))


def test_a_full_disk_ends_the_batch_at_once(store, nlp, monkeypatch):
    def full(quads):
        raise StoreFullError("cannot write: the disk is full")

    monkeypatch.setattr(store, "add_quads", full)
    with pytest.raises(StoreFullError):
        ingest(store, nlp, ARTICLES)
    assert not article_graphs(store)


def test_the_same_text_twice_in_one_run_is_stored_once(store, nlp):
    report = ingest(store, nlp, [ARTICLES[0], Article(id="s1", text=ARTICLES[0].text)], batch_size=2)
    assert (report.articles, report.unchanged) == (1, 1)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["processes", "dask"])
def test_workers_give_the_graph_of_one_process(tmp_path, nlp, kind):
    """Two worker processes (local, or a Dask LocalCluster of two worker processes) parse; the graph is
    isomorphic to a single-process ingest of the same input."""
    with open_store("memory:") as single:
        ingest(single, nlp, ARTICLES)
        expected = dataset(single)
    if kind == "dask":
        distributed = pytest.importorskip("distributed")
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        client = distributed.Client(cluster)
        extractor: Extractor = DaskPool(PipelineSpec(), client)
    else:
        extractor = ProcessPool(PipelineSpec(), 2)
    try:
        with extractor, open_store(f"oxigraph:{tmp_path / 'store'}") as store:
            report = ingest(store, None, ARTICLES, extractor=extractor, batch_size=1)
            assert report.ok and report.articles == len(ARTICLES)
            assert_isomorphic(dataset(store), expected)
    finally:
        if kind == "dask":
            client.close()
            cluster.close()
