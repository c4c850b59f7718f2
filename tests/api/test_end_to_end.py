"""seeds/ → store → real HTTP server: the card triples by SPARQL, relations, Turtle export."""

from __future__ import annotations

import httpx
import pytest
import rdflib
from rdflib.compare import to_isomorphic

CARD_TRIPLES = """
PREFIX ng: <https://w3id.org/newsgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?subject ?predicate ?object WHERE {
  ?s ?p ?o . ?p rdfs:label ?predicate .
  ?s rdfs:label ?subject . ?o rdfs:label ?object .
}"""


def card_triples(bindings) -> set[tuple[str, str, str]]:
    return {(b["subject"]["value"], b["predicate"]["value"], b["object"]["value"]) for b in bindings}


@pytest.mark.parametrize("method", ["GET", "POST-form", "POST-direct"])
def test_sparql_finds_the_card_triples(server, method):
    if method == "GET":
        response = httpx.get(f"{server}/sparql", params={"query": CARD_TRIPLES})
    elif method == "POST-form":
        response = httpx.post(f"{server}/sparql", data={"query": CARD_TRIPLES})
    else:
        response = httpx.post(
            f"{server}/sparql", content=CARD_TRIPLES, headers={"Content-Type": "application/sparql-query"}
        )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    found = card_triples(response.json()["results"]["bindings"])
    assert ("Vladimir Putin", "called", "Miguel Díaz-Canel") in found
    assert ("Abdel Fattah el-Sisi", "congratulated", "Vladimir Putin") in found


def test_sparql_syntax_error_is_a_problem_400(server):
    response = httpx.get(f"{server}/sparql", params={"query": "SELECT ?x WHERE {"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("actor_id", ["vladimir-putin", "Q7747", "https://w3id.org/newsgraph/actor/vladimir-putin"])
def test_actor_relations(server, actor_id):
    response = httpx.get(f"{server}/actors/{actor_id}/relations")
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["actor"]["label"] == "Vladimir Putin"
    rows = {(r["direction"], r["predicate"], r["actor"]["label"]) for r in data["items"]}
    assert ("outgoing", "called", "Miguel Díaz-Canel") in rows
    assert ("incoming", "congratulated", "Abdel Fattah el-Sisi") in rows
    assert all(r["sentence"] and r["article"]["iri"] for r in data["items"])


def test_actor_search_and_unknown_actor(server):
    items = httpx.get(f"{server}/actors", params={"q": "putin"}).json()["items"]
    assert [a["label"] for a in items] == ["Vladimir Putin"]
    missing = httpx.get(f"{server}/actors/nobody-at-all/relations")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"


def test_turtle_export_round_trips(server, seeded_store):
    import pyoxigraph as ox

    response = httpx.get(f"{server}/export", params={"format": "turtle"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    exported = rdflib.Graph().parse(data=response.text, format="turtle")
    quads = seeded_store._store.quads_for_pattern(None, None, None)
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    expected = rdflib.Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    assert to_isomorphic(exported) == to_isomorphic(expected)


def test_ui_is_served(server):
    response = httpx.get(f"{server}/")
    assert response.status_code == 200 and "<title>newsgraph</title>" in response.text
