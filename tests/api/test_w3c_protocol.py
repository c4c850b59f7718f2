"""The W3C SPARQL 1.1 Protocol and Service Description test suites, run from their manifests.

The manifests (``w3c/``, copied from w3c/rdf-tests with their licence) describe each test as HTTP
requests and expected responses; this runner sends them to a real server over an on-disk store,
loading each test's ``ut:graphData`` through the update endpoint first.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from servers import TOKEN, make_app, running
from w3c_manifest import HT, MF, W3C, assert_status, items, manifest, name, send

pytestmark = pytest.mark.slow  # real servers (threads or processes): not in `make check`

UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
RESULTS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
RDF = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/trig": "trig",
    "application/n-quads": "nquads",
}
PROTOCOL, PROTOCOL_TESTS = manifest(W3C / "sparql11-protocol" / "manifest.ttl")
DESCRIPTION, DESCRIPTION_TESTS = manifest(W3C / "sparql11-service-description" / "manifest.ttl")


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory) -> Iterator[str]:
    """A writable server over an empty on-disk store; yields its base URL."""
    from graph.store import open_store

    store = open_store(f"oxigraph:{tmp_path_factory.mktemp('w3c') / 'store'}")
    with running(make_app(store, write_token=TOKEN)) as base:
        yield base


def _update(base: str, text: str) -> None:
    response = httpx.post(
        f"{base}/sparql",
        content=text.encode(),
        timeout=30,
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 204, response.text


def _load_graph_data(base: str, test: rdflib.term.Node) -> None:
    _update(base, "DROP ALL")
    for data in PROTOCOL.objects(test, UT.graphData):
        source = Path(str(PROTOCOL.value(data, UT.graph)).removeprefix("file://"))
        graph = PROTOCOL.value(data, rdflib.RDFS.label)
        _update(base, f"INSERT DATA {{ GRAPH <{graph}> {{ {source.read_text(encoding='utf-8')} }} }}")


def _check(response: httpx.Response, expected: rdflib.term.Node) -> None:
    assert_status(PROTOCOL, response, expected)
    form = PROTOCOL.value(expected, MF.expectedFormat)
    media = response.headers.get("content-type", "").split(";")[0].strip()
    if form is not None and str(form) in ("boolean", "tabular"):
        assert media in RESULTS, f"{media} is not a SPARQL results format"
        parsed = ox.parse_query_results(io.BytesIO(response.content), RESULTS[media])
        assert isinstance(parsed, ox.QueryBoolean) == (str(form) == "boolean")
        boolean = PROTOCOL.value(expected, MF.expectedBoolean)
        if boolean is not None:
            assert bool(parsed) is boolean.toPython()
    elif form is not None and str(form) == "RDF":
        assert media in RDF, f"{media} is not an RDF format"
        rdflib.Dataset().parse(data=response.text, format=RDF[media])


@pytest.mark.parametrize("test", PROTOCOL_TESTS, ids=name)
def test_protocol(endpoint, test):
    _load_graph_data(endpoint, test)
    action = PROTOCOL.value(test, MF.action)
    for request in items(PROTOCOL, PROTOCOL.value(action, HT.requests)):
        response = send(PROTOCOL, endpoint, request, ("/sparql/", "/sparql"), {"Authorization": f"Bearer {TOKEN}"})
        _check(response, PROTOCOL.value(request, HT.resp))


def _description(base: str, accept: str) -> tuple[httpx.Response, rdflib.Graph]:
    response = httpx.get(f"{base}/sparql", headers={"Accept": accept}, timeout=30)
    media = response.headers.get("content-type", "").split(";")[0].strip()
    graph = rdflib.Graph().parse(data=response.text, format=RDF.get(media, "turtle"))
    return response, graph


def _has_endpoint_triple(base: str) -> None:
    _, graph = _description(base, "text/turtle")
    assert (None, SD.endpoint, rdflib.URIRef(f"{base}/sparql")) in graph


def _returns_rdf(base: str) -> None:
    for accept in ["text/turtle", "application/rdf+xml", "application/n-triples", "*/*"]:
        response, graph = _description(base, accept)
        assert response.status_code == 200 and response.headers["content-type"].split(";")[0] in RDF
        assert len(graph) > 0


def _conforms_to_schema(base: str) -> None:
    """The description's terms are those of the sd: vocabulary, with their domains and ranges."""
    _, graph = _description(base, "text/turtle")
    services = list(graph.subjects(rdflib.RDF.type, SD.Service))
    assert len(services) == 1
    service = services[0]
    assert graph.value(service, SD.endpoint) is not None
    languages = set(graph.objects(service, SD.supportedLanguage))
    assert languages and languages <= {SD.SPARQL10Query, SD.SPARQL11Query, SD.SPARQL11Update}
    assert all(isinstance(f, rdflib.URIRef) for f in graph.objects(service, SD.resultFormat))
    features = {SD.DereferencesURIs, SD.UnionDefaultGraph, SD.RequiresDataset, SD.EmptyGraphs, SD.BasicFederatedQuery}
    assert set(graph.objects(service, SD.feature)) <= features
    for dataset in graph.objects(service, SD.defaultDataset):
        assert (dataset, rdflib.RDF.type, SD.Dataset) in graph
        for default in graph.objects(dataset, SD.defaultGraph):
            assert (default, rdflib.RDF.type, SD.Graph) in graph
    vocabulary = {p for p in graph.predicates() if str(p).startswith(str(SD))}
    assert vocabulary <= {
        SD.endpoint,
        SD.supportedLanguage,
        SD.resultFormat,
        SD.feature,
        SD.defaultDataset,
        SD.defaultGraph,
        SD.namedGraph,
        SD.name,
        SD.graph,
        SD.inputFormat,
        SD.extensionFunction,
    }


DESCRIPTION_CHECKS = {
    "has-endpoint-triple": _has_endpoint_triple,
    "returns-rdf": _returns_rdf,
    "conforms-to-schema": _conforms_to_schema,
}


@pytest.mark.parametrize("test", DESCRIPTION_TESTS, ids=name)
def test_service_description(endpoint, test):
    DESCRIPTION_CHECKS[name(test)](endpoint)


def test_the_manifests_list_every_test():
    assert len(PROTOCOL_TESTS) == 34 and len(DESCRIPTION_TESTS) == 3
