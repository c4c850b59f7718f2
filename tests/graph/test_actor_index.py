"""Actor search: every hit is checked against the graph by SPARQL, and nothing that matches is missed."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from extract.reference import fold
from graph.actor_index import ActorIndex, cached_actor_index
from graph.terms import ACTORS_GRAPH, NG

SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"


def names_of(store, iri: str) -> set[str]:
    rows = store.query(f"""SELECT ?n WHERE {{ {{ GRAPH <{ACTORS_GRAPH.value}> {{ <{iri}> <{RDFS}label> ?n }} }}
                           UNION {{ GRAPH ?g {{ <{iri}> <{SKOS}altLabel> ?n }} }} }}""")
    return {row["n"].value for row in rows}


def articles_of(store, iri: str) -> int:
    rows = store.query(f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ <{iri}> <{NG}mentionedIn> ?g }} }}")
    return int(next(iter(rows))["n"].value)


@pytest.fixture(scope="module")
def index(corpus_store) -> ActorIndex:
    return ActorIndex.build(corpus_store)


@pytest.mark.parametrize("q", ["putin", "PUTIN", "diaz", "Díaz", "russia", "minister", "a", ""])
def test_every_hit_has_a_name_containing_the_query_and_no_match_is_missed(corpus_store, index, q):
    hits = index.search(q, limit=10_000)
    for hit in hits:
        assert any(fold(q) in fold(name) for name in names_of(corpus_store, hit["iri"])), hit
        assert hit["articles"] == articles_of(corpus_store, hit["iri"])
    found = {hit["iri"] for hit in hits}
    everyone = [
        row["a"].value
        for row in corpus_store.query(
            f"SELECT ?a WHERE {{ GRAPH <{ACTORS_GRAPH.value}> {{ ?a a <{NG}Actor> ; <{RDFS}label> ?l }} }}"
        )
    ]
    missed = [a for a in everyone if a not in found and any(fold(q) in fold(n) for n in names_of(corpus_store, a))]
    assert missed == []
    assert [h["articles"] for h in hits] == sorted((h["articles"] for h in hits), reverse=True)


def test_accents_and_case_are_ignored(index):
    assert [h["label"] for h in index.search("miguel diaz-canel")] == ["Miguel Díaz-Canel"]


@pytest.mark.parametrize(("type", "country"), [("Person", None), ("Country", None), (None, "RUS"), ("Person", "rus")])
def test_type_and_country_filters_agree_with_the_graph(corpus_store, index, type, country):
    hits = index.search(type=type, country=country, limit=10_000)
    assert hits
    for hit in hits:
        a = f"<{hit['iri']}>"
        if type:
            assert bool(corpus_store.query(f"ASK {{ GRAPH <{ACTORS_GRAPH.value}> {{ {a} a <{NG}{type}> }} }}"))
        if country:
            assert bool(
                corpus_store.query(f"""ASK {{ GRAPH <{ACTORS_GRAPH.value}> {{
                {{ {a} <{NG}isoCode> ?iso }} UNION {{ {a} <{NG}country>/<{NG}isoCode> ?iso }} }}
                FILTER(UCASE(STR(?iso)) = "{country.upper()}") }}""")
            )


def test_pages_follow_one_order(index):
    whole = index.search(limit=30)
    assert index.search(limit=10) + index.search(limit=10, offset=10) + index.search(limit=10, offset=20) == whole


def test_the_cached_index_is_rebuilt_after_a_write(store):
    assert cached_actor_index(store).search("nato") == []
    before = store.generation
    nato = ox.NamedNode("https://w3id.org/newsgraph/actor/nato")
    store.replace_graph(
        ACTORS_GRAPH,
        [
            ox.Quad(nato, ox.NamedNode(RDF_TYPE), ox.NamedNode(NG + "Actor"), ACTORS_GRAPH),
            ox.Quad(nato, ox.NamedNode(RDFS + "label"), ox.Literal("NATO"), ACTORS_GRAPH),
        ],
    )
    assert cached_actor_index(store, before).search("nato") == []  # the generation asked for: the cached index
    assert [h["label"] for h in cached_actor_index(store).search("nato")] == ["NATO"]


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
