"""The index reader answers exactly what the SPARQL query answers, for every actor and filter."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from graph import relation_reader, terms
from graph.queries import PROLOGUE, actor_label, actor_relations_document, count_relations, find_relations

FILTERS = [
    {},
    {"direction": "outgoing"},
    {"direction": "incoming"},
    {"limit": 1},
    {"limit": 2, "offset": 1},
    {"offset": 1000},
    {"since": "2022-01-01"},
    {"until": "2021-12-31"},
    {"since": "2100-01-01"},
    {"event_type": "CONSULT"},
    {"event_type": "SUPPORT", "direction": "outgoing"},
    {"predicate": "called"},
    {"predicate": 'called" } } UNION { ?relation ?p ?o } #'},
    {"asserted_only": True},
    {"min_confidence": 0.5},
    {"min_confidence": 0.999},
    {"asserted_only": True, "min_confidence": 0.3, "direction": "outgoing"},
    {"asserted_only": True, "event_type": "CONSULT", "limit": 2, "offset": 1},
]


@pytest.fixture(scope="module")
def raw(corpus_store_url):
    """The same store through pyoxigraph, read-only, as a query worker opens it."""
    return ox.Store.read_only(corpus_store_url.removeprefix("oxigraph:"))


@pytest.fixture(scope="module")
def actors(corpus_store) -> list[ox.NamedNode]:
    rows = corpus_store.query(PROLOGUE + "SELECT DISTINCT ?a WHERE { GRAPH ?g { ?r ng:subject|ng:object ?a } }")
    found = sorted((r["a"] for r in rows), key=lambda a: a.value)
    assert len(found) > 10
    return found


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: json.dumps(f))
def test_reader_matches_the_sparql_query(corpus_store, raw, actors, filters):
    event_type = filters.get("event_type")
    matched = 0
    for actor in actors:
        expected = find_relations(corpus_store, actor=actor, **filters)
        got = relation_reader.actor_relations(
            raw, ("iri", actor.value), **{**filters, "event_type": terms.PLOVER + event_type if event_type else None}
        )
        assert got["items"] == expected, actor
        assert got["actor"]["label"] == actor_label(corpus_store, actor)
        unpaged = {k: v for k, v in filters.items() if k not in ("limit", "offset")}
        assert got["total"] == count_relations(corpus_store, actor=actor, **unpaged), actor
        matched += bool(expected)
    assert (
        matched
        or filters.get("offset")
        or "2100" in str(filters)
        or '"' in str(filters)
        or filters.get("min_confidence", 0) > 0.99
    )


def test_reader_follows_articles_and_wikidata_ids(corpus_store, raw):
    putin = "https://w3id.org/newsgraph/actor/vladimir-putin"
    article = terms.article_iri("000_8ba8fdaa8bbfb1fc.txt")
    by_qid = relation_reader.actor_relations(raw, ("qid", "Q7747"), article=(article.value, "000"))
    assert by_qid["actor"]["iri"] == putin
    assert by_qid["items"] == find_relations(corpus_store, actor=ox.NamedNode(putin), article=article) != []


@pytest.mark.parametrize(
    "request_, message",
    [
        ({"actor": ("qid", "Q1")}, "no actor with Wikidata ID Q1"),
        ({"actor": ("iri", terms.ACTOR + "nobody", "nobody")}, "no actor 'nobody'"),
        ({"actor": ("qid", "Q7747"), "article": (terms.ARTICLE + "none", "none")}, "no article 'none'"),
    ],
)
def test_unknown_actors_and_articles_are_not_found(corpus_store, raw, request_, message):
    with pytest.raises(relation_reader.NotFound, match=message):
        relation_reader.actor_relations(raw, **request_)
    from graph.errors import NotFoundError

    with pytest.raises(NotFoundError, match=message):  # the SPARQL twin for other stores says the same
        actor_relations_document(corpus_store, request_)


@pytest.mark.parametrize(
    "request_",
    [
        {"actor": ("qid", "Q7747", "Q7747"), "limit": 3, "offset": 1},
        {"actor": ("qid", "Q7747", "Q7747"), "asserted_only": True, "min_confidence": 0.7},
        {"actor": ("qid", "Q7747", "Q7747"), "direction": "incoming", "offset": 100},
    ],
)
def test_documents_agree(corpus_store, raw, request_):
    ours = relation_reader.actor_relations_json(raw, request_)
    assert json.loads(ours) == json.loads(actor_relations_document(corpus_store, request_))
    assert ours.endswith(b',"next":null}')  # where api.models.with_next expects it


def test_reader_gives_up_beyond_max_relations(raw):
    with pytest.raises(relation_reader.TooMany):
        relation_reader.actor_relations(raw, ("qid", "Q7747"), max_relations=1)
    assert relation_reader.actor_relations(raw, ("qid", "Q7747"), max_relations=1000)["items"]


def test_executor_answers_alike_inline_and_in_a_worker(corpus_store_url, actors, tmp_path):
    """Small actors are answered in the server process, others by a worker: the same documents."""
    import asyncio

    from graph.executor import ProcessExecutor, RelationsJob
    from graph.store import open_store

    ox.Store.read_only(corpus_store_url.removeprefix("oxigraph:")).backup(str(tmp_path / "copy"))
    with open_store(f"oxigraph:{tmp_path / 'copy'}") as store, ProcessExecutor(store, workers=1) as executor:
        sizes = set()
        for actor in actors:
            job = RelationsJob(actor=("iri", actor.value, actor.value), limit=1000)
            in_worker = executor.query(job).body  # the synchronous path always asks a worker
            either = asyncio.run(executor.aquery(job)).body
            assert json.loads(either) == json.loads(in_worker)
            sizes.add(len(json.loads(either)["items"]) > executor.INLINE_RELATIONS)
        assert sizes == {True, False}, "the sample should exercise both paths"
