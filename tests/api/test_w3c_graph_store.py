"""The W3C SPARQL 1.1 Graph Store HTTP Protocol tests (direct and indirect graph identification),
run from their manifests against ``/rdf-graphs``: statuses, ``Location`` of created graphs, and
response graphs isomorphic to the expected ones."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import rdflib
from rdflib.compare import graph_diff, to_isomorphic
from servers import TOKEN, make_app, running
from w3c_manifest import HT, MF, W3C, assert_status, body, headers, items, manifest, name, send

pytestmark = pytest.mark.slow  # real servers (threads or processes): not in `make check`

FOLDER = W3C / "sparql11-graph-store-protocol"
SUITES = {suite: manifest(FOLDER / f"manifest-{suite}.ttl") for suite in ("indirect", "direct")}
CASES = [(suite, test) for suite, (_, tests) in SUITES.items() for test in tests]
AUTH = {"Authorization": f"Bearer {TOKEN}"}
FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml"}


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory) -> Iterator[str]:
    from graph.store import open_store

    store = open_store(f"oxigraph:{tmp_path_factory.mktemp('gsp') / 'store'}")
    with running(make_app(store, write_token=TOKEN)) as base:
        yield base


def _assert_graph(graph: rdflib.Graph, response: httpx.Response, expected: rdflib.term.Node) -> None:
    wanted = body(graph, expected, {})
    if wanted is None:
        return
    media = headers(graph, expected).get("content-type", "text/turtle").split(";")[0]
    assert response.headers["content-type"].split(";")[0] == media
    got = to_isomorphic(rdflib.Graph().parse(data=response.content, format=FORMATS[media]))
    want = to_isomorphic(rdflib.Graph().parse(data=wanted, format=FORMATS[media]))
    if got != want:
        _, only_got, only_want = graph_diff(got, want)
        pytest.fail(
            f"not isomorphic:\nonly in response:\n{only_got.serialize(format='nt')}\n"
            f"only expected:\n{only_want.serialize(format='nt')}"
        )


@pytest.mark.parametrize("suite, test", CASES, ids=[f"{s}-{name(t)}" for s, t in CASES])
def test_graph_store_protocol(endpoint, suite, test):
    graph, _ = SUITES[suite]
    assert httpx.post(f"{endpoint}/sparql", data={"update": "DROP ALL"}, headers=AUTH).status_code == 204
    replace: dict[str, str] = {}
    for request in items(graph, graph.value(graph.value(test, MF.action), HT.requests)):
        response = send(graph, endpoint, request, ("/gsp", "/rdf-graphs"), AUTH, replace)
        expected = graph.value(request, HT.resp)
        assert_status(graph, response, expected)
        location = graph.value(expected, MF.expectedLocation)
        if location is not None:
            replace[str(location)] = response.headers["location"]
        if response.status_code == 200 and graph.value(request, HT.methodName) != rdflib.Literal("HEAD"):
            _assert_graph(graph, response, expected)


def test_the_manifests_list_every_test():
    assert len(CASES) == 13
