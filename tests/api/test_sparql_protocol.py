"""The SPARQL 1.1 Protocol at /sparql: methods × media types, parsed back; datasets; errors."""

from __future__ import annotations

import io

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import graph_diff, to_isomorphic

PREFIX = "PREFIX ng: <https://w3id.org/newsgraph/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
SELECT = PREFIX + """SELECT ?s ?o WHERE { ?s ng:called ?o }"""
ASK = PREFIX + "ASK { ?s ng:called ?o }"
CONSTRUCT = PREFIX + "CONSTRUCT { ?s ng:called ?o . ?s rdfs:label ?l } WHERE { ?s ng:called ?o . ?s rdfs:label ?l }"
ACTORS = "https://w3id.org/newsgraph/graph/actors"
PUTIN = "https://w3id.org/newsgraph/actor/vladimir-putin"
DIAZ_CANEL = "https://w3id.org/newsgraph/actor/miguel-diaz-canel"

METHODS = ["GET", "POST-form", "POST-direct"]
RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/trig": "trig",
    "application/n-quads": "nquads",
}


def ask(base: str, method: str, query: str, accept: str | None = None, params: dict | None = None) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    params = dict(params or {})
    if method == "GET":
        return httpx.get(f"{base}/sparql", params={"query": query, **params}, headers=headers)
    if method == "POST-form":
        return httpx.post(f"{base}/sparql", data={"query": query, **params}, headers=headers)
    return httpx.post(
        f"{base}/sparql", content=query, params=params, headers={**headers, "Content-Type": "application/sparql-query"}
    )


def solutions(response: httpx.Response, fmt: ox.QueryResultsFormat) -> set[tuple[str, str]]:
    if fmt == ox.QueryResultsFormat.CSV:  # lossy (no term kinds), so pyoxigraph will not parse it
        import csv

        rows = list(csv.DictReader(io.StringIO(response.text)))
        return {(row["s"], row["o"]) for row in rows}
    parsed = ox.parse_query_results(io.BytesIO(response.content), fmt)
    return {(row["s"].value, row["o"].value) for row in parsed}


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("media", list(RESULT_FORMATS))
def test_select_in_every_results_format(server, method, media):
    response = ask(server, method, SELECT, accept=media)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    assert (PUTIN, DIAZ_CANEL) in solutions(response, RESULT_FORMATS[media])


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("media", ["application/sparql-results+json", "application/sparql-results+xml"])
def test_ask(server, method, media):
    response = ask(server, method, ASK, accept=media)
    assert response.status_code == 200, response.text
    assert bool(ox.parse_query_results(io.BytesIO(response.content), RESULT_FORMATS[media])) is True


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("media", list(GRAPH_FORMATS))
def test_construct_in_every_rdf_format_is_isomorphic_to_the_store_answer(server, seeded_store, method, media):
    response = ask(server, method, CONSTRUCT, accept=media)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    if media in ("application/trig", "application/n-quads"):
        dataset = rdflib.Dataset()
        dataset.parse(data=response.text, format=GRAPH_FORMATS[media])
        got = rdflib.Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            got.add((s, p, o))
    else:
        got = rdflib.Graph().parse(data=response.text, format=GRAPH_FORMATS[media])
    expected_nt = ox.serialize(list(seeded_store.query(CONSTRUCT)), format=ox.RdfFormat.N_TRIPLES).decode()
    expected = rdflib.Graph().parse(data=expected_nt, format="nt")
    called = rdflib.URIRef("https://w3id.org/newsgraph/ontology#called")
    assert (rdflib.URIRef(PUTIN), called, rdflib.URIRef(DIAZ_CANEL)) in expected  # the seed's call is answered
    if to_isomorphic(got) != to_isomorphic(expected):
        _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
        pytest.fail(
            f"not isomorphic:\nonly in response:\n{only_got.serialize(format='nt')}\n"
            f"only in store:\n{only_expected.serialize(format='nt')}"
        )


def test_default_and_named_graph_uri_restrict_the_dataset(server):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    everything = int(ask(server, "GET", count).json()["results"]["bindings"][0]["n"]["value"])
    actors_only = int(
        ask(server, "GET", count, params={"default-graph-uri": ACTORS}).json()["results"]["bindings"][0]["n"]["value"]
    )
    assert 0 < actors_only < everything
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    for method in METHODS:
        response = ask(server, method, graphs, params={"named-graph-uri": ACTORS})
        assert [b["g"]["value"] for b in response.json()["results"]["bindings"]] == [ACTORS], method


@pytest.mark.parametrize("method", METHODS)
def test_project_prefixes_are_predeclared(server, method):
    response = ask(server, method, "SELECT ?name WHERE { ?a a ng:Actor ; skos:prefLabel ?name } LIMIT 1")
    assert response.status_code == 200, response.text
    assert len(response.json()["results"]["bindings"]) == 1


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("query", ["SELECT ?x WHERE {", "SELEKT * WHERE { ?s ?p ?o }", "PREFIX x: SELECT"])
def test_syntax_error_is_a_readable_400(server, method, query):
    response = ask(server, method, query)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400 and problem["detail"].startswith("line 1, column ")
    assert "expected" in problem["detail"] and "\\u{" not in problem["detail"] and len(problem["detail"]) < 400
    assert query in problem["detail"]  # the line, with a caret under the column


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"content": "query=x", "headers": {"Content-Type": "text/plain"}},
        {"data": {"nothing": "here"}},
        {"data": {"query": "   "}},
    ],
)
def test_malformed_posts_are_400(server, request_kwargs):
    response = httpx.post(f"{server}/sparql", **request_kwargs)
    assert response.status_code == 400 and response.headers["content-type"] == "application/problem+json"


def test_unacceptable_media_type_is_406(server):
    assert ask(server, "GET", SELECT, accept="image/png").status_code == 406
    assert ask(server, "GET", CONSTRUCT, accept="text/csv").status_code == 406


def test_federated_queries_are_refused(server):
    response = ask(server, "GET", "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }")
    assert response.status_code == 403 and "SERVICE" in response.json()["detail"]


@pytest.mark.parametrize("method", METHODS)
def test_relative_iris_resolve_against_the_endpoint(server, method):
    response = ask(server, method, "SELECT ?x WHERE { BIND(<thing> AS ?x) }")
    assert response.status_code == 200, response.text
    assert response.json()["results"]["bindings"][0]["x"]["value"] == f"{server}/thing"


@pytest.mark.parametrize(
    "params",
    ["query=ASK%20%7B%7D&query=ASK%20%7B%7D", "update=CLEAR%20ALL", "query=ASK%20%7B%7D&using-graph-uri=urn%3Ag"],
)
def test_bad_get_requests_are_400(server, params):
    response = httpx.get(f"{server}/sparql?{params}")
    assert response.status_code == 400 and response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("accept", [None, "text/turtle", "application/ld+json", "application/n-triples"])
def test_service_description(server, accept):
    response = httpx.get(f"{server}/sparql", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    graph = rdflib.Graph().parse(
        data=response.text,
        format={
            None: "turtle",
            "text/turtle": "turtle",
            "application/ld+json": "json-ld",
            "application/n-triples": "nt",
        }[accept],
    )
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = graph.value(predicate=rdflib.RDF.type, object=sd.Service)
    assert graph.value(service, sd.endpoint) == rdflib.URIRef(f"{server}/sparql")
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in graph
    assert (service, sd.supportedLanguage, sd.SPARQL11Update) not in graph  # read-only by default
    assert (service, sd.resultFormat, rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON")) in graph


def test_result_size_limit(seeded_store):
    from servers import make_app, running

    with running(make_app(seeded_store, max_result_bytes=2_000)) as base:
        small = ask(base, "GET", "SELECT * WHERE { ?s ?p ?o } LIMIT 2")
        large = ask(base, "GET", "SELECT * WHERE { ?s ?p ?o }")
    assert small.status_code == 200
    assert large.status_code == 413 and "LIMIT" in large.json()["detail"]
