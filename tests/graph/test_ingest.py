"""Article lifecycle: idempotent ingest, replacement of a new version (same id or same URL),
removal of an article and of everything only it supported, article metadata."""

from __future__ import annotations

import pytest
import rdflib

from extract.records import Article
from graph.ingest import ingest, remove_article
from graph.store import open_store
from graph.terms import ACTORS_GRAPH, NG, VOCABULARY_GRAPH, article_iri
from tests.graph.conftest import assert_isomorphic, dataset

TEXT = "Emmanuel Macron met with Angela Merkel in Berlin. Joe Biden criticised Russia."
SHORTER = "Emmanuel Macron met with Angela Merkel in Berlin."
OTHER = "Joe Biden met with Angela Merkel. Vladimir Putin congratulated Joe Biden."
URL = "https://example.org/news/1"


def actor_described(store, label: str) -> bool:
    return bool(
        store.query(
            f'ASK {{ GRAPH <{ACTORS_GRAPH.value}> {{ ?a <http://www.w3.org/2000/01/rdf-schema#label> "{label}" }} }}'
        )
    )


def predicate_declared(store, name: str) -> bool:
    return bool(store.query(f"ASK {{ GRAPH <{VOCABULARY_GRAPH.value}> {{ <{NG}{name}> a ?type }} }}"))


@pytest.mark.parametrize(
    "again",
    [
        Article(id="a1", text=TEXT, url=URL),
        Article(id="other-id", text=TEXT, url=URL),  # the same article under another id, same URL
    ],
    ids=["same-id", "same-url"],
)
def test_reingesting_the_same_article_changes_nothing(store, nlp, again):
    first = ingest(store, nlp, [Article(id="a1", text=TEXT, url=URL)])
    before = dataset(store)
    second = ingest(store, nlp, [again])
    assert (first.articles, second.articles, second.unchanged) == (1, 0, 1)
    assert_isomorphic(dataset(store), before)


@pytest.mark.parametrize(
    "new_version",
    [
        Article(id="a1", text=SHORTER, url=URL),
        Article(id="a1-v2", text=SHORTER, url=URL),
    ],
    ids=["same-id", "same-url"],
)
def test_new_version_replaces_old_triples(store, nlp, new_version):
    ingest(store, nlp, [Article(id="a1", text=TEXT, url=URL)])
    report = ingest(store, nlp, [new_version])
    assert report.replaced == 1
    graphs = {g.value for g in store.graphs() if g.value.startswith("https://w3id.org/newsgraph/article/")}
    assert graphs == {article_iri(new_version.id).value}
    assert bool(store.query(f"ASK {{ ?a <{NG}metWith> ?b }}"))
    assert not actor_described(store, "Joe Biden"), "an actor only the old version mentioned must go"
    assert not predicate_declared(store, "criticised"), "a predicate only the old version used must go"


def test_a_new_version_is_the_same_as_ingesting_it_first(tmp_path, nlp):
    with open_store(f"oxigraph:{tmp_path / 'a'}") as replaced, open_store(f"oxigraph:{tmp_path / 'b'}") as fresh:
        ingest(replaced, nlp, [Article(id="a1", text=TEXT, url=URL)])
        ingest(replaced, nlp, [Article(id="a1", text=SHORTER, url=URL)])
        ingest(fresh, nlp, [Article(id="a1", text=SHORTER, url=URL)])
        assert_isomorphic(dataset(replaced), dataset(fresh))


@pytest.mark.parametrize("reference", ["a2", article_iri("a2").value], ids=["id", "iri"])
def test_remove_retracts_exactly_what_only_the_article_supported(tmp_path, nlp, reference):
    """Ingesting a1 and a2 then removing a2 leaves the same dataset as ingesting a1 alone."""
    with open_store(f"oxigraph:{tmp_path / 'a'}") as both, open_store(f"oxigraph:{tmp_path / 'b'}") as alone:
        ingest(both, nlp, [Article(id="a1", text=TEXT), Article(id="a2", text=OTHER)])
        assert actor_described(both, "Vladimir Putin") and predicate_declared(both, "congratulated")
        assert remove_article(both, reference)
        ingest(alone, nlp, [Article(id="a1", text=TEXT)])
        assert_isomorphic(dataset(both), dataset(alone))
        assert actor_described(both, "Joe Biden"), "an actor another article mentions stays"
        assert not remove_article(both, reference)


def test_remove_refuses_shared_graphs(store, nlp):
    ingest(store, nlp, [Article(id="a1", text=TEXT)])
    assert not remove_article(store, ACTORS_GRAPH.value)
    assert store.has_graph(ACTORS_GRAPH)


METADATA = Article(
    id="kremlin-1",
    text=SHORTER,
    title="Telephone conversation",
    date="2022-06-24",
    url="http://en.kremlin.ru/events/president/news/1",
    source="en.kremlin.ru",
)


@pytest.mark.parametrize(
    "prop, value",
    [
        ("http://purl.org/dc/terms/identifier", rdflib.Literal("kremlin-1")),
        ("http://purl.org/dc/terms/title", rdflib.Literal("Telephone conversation")),
        ("http://purl.org/dc/terms/date", rdflib.Literal("2022-06-24", datatype=rdflib.XSD.date)),
        ("https://schema.org/url", rdflib.URIRef("http://en.kremlin.ru/events/president/news/1")),
        (NG + "source", rdflib.Literal("en.kremlin.ru")),
        (NG + "contentHash", rdflib.Literal(METADATA.content_hash)),
    ],
)
def test_article_metadata_lands_on_the_article_node(store, nlp, prop, value):
    ingest(store, nlp, [METADATA])
    g = article_iri("kremlin-1").value
    article_graph = dataset(store).graph(rdflib.URIRef(g))
    assert list(article_graph.objects(rdflib.URIRef(g), rdflib.URIRef(prop))) == [value]


def test_failed_inputs_are_reported_and_the_batch_goes_on(store, nlp):
    from extract.errors import InputError

    report = ingest(store, nlp, [InputError("x.txt", "empty article"), Article(id="a1", text=TEXT)])
    assert report.articles == 1 and [str(f) for f in report.failures] == ["x.txt: empty article"]
    assert not report.ok  # a failure makes the batch not ok, though the rest was ingested


def test_an_actor_is_described_once(store):
    """A later article's spelling or typing of an actor adds no second label or type."""

    from extract.records import Actor
    from graph.ingest import undescribed
    from graph.mapping import actor_quads

    first = actor_quads([Actor(key="senate", label="Senate", type="ORG")])
    store.replace_graph(ACTORS_GRAPH, first)
    later = actor_quads(
        [Actor(key="senate", label="senate", type="GROUP"), Actor(key="duma", label="Duma", type="ORG")]
    )
    kept = undescribed(store, later)
    assert {q.subject.value.rsplit("/", 1)[-1] for q in kept} == {"duma"}
    assert {q.graph_name for q in kept} == {ACTORS_GRAPH}
