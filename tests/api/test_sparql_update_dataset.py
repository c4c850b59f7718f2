"""Updates see the dataset queries see: the union of all graphs, unless the protocol's
``using-graph-uri``/``using-named-graph-uri`` or the update's own USING/WITH name another."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from servers import TOKEN, make_app, running

pytestmark = pytest.mark.slow  # real servers (threads or processes): not in `make check`

AUTH = {"Authorization": f"Bearer {TOKEN}"}
DATA = "INSERT DATA { GRAPH <urn:g1> { <urn:a> <urn:p> 1 } GRAPH <urn:g2> { <urn:b> <urn:p> 2 } }"
COPY = "INSERT { GRAPH <urn:out> { ?s <urn:seen> ?o } } WHERE { ?s <urn:p> ?o }"


@pytest.fixture
def base() -> Iterator[str]:
    from graph.store import open_store

    with running(make_app(open_store("memory:"), write_token=TOKEN)) as url:
        yield url


def update(base: str, text: str, **params: str | list[str]) -> httpx.Response:
    return httpx.post(
        f"{base}/sparql",
        params=params,
        content=text.encode(),
        timeout=30,
        headers={**AUTH, "Content-Type": "application/sparql-update"},
    )


def rows(base: str, query: str) -> set[tuple[str, ...]]:
    answer = httpx.get(f"{base}/sparql", params={"query": query}, timeout=30).json()
    return {tuple(b[v]["value"] for v in answer["head"]["vars"]) for b in answer["results"]["bindings"]}


def test_an_update_where_finds_what_the_same_query_finds(base):
    assert update(base, DATA).status_code == 204
    found = rows(base, "SELECT ?s ?o WHERE { ?s <urn:p> ?o }")
    assert found == {("urn:a", "1"), ("urn:b", "2")}
    assert update(base, COPY).status_code == 204
    assert rows(base, "SELECT ?s ?o WHERE { GRAPH <urn:out> { ?s <urn:seen> ?o } }") == found


def test_graphs_created_earlier_in_the_same_request_are_in_the_union(base):
    assert update(base, f"{DATA} ; {COPY}").status_code == 204
    assert len(rows(base, "SELECT * WHERE { GRAPH <urn:out> { ?s ?p ?o } }")) == 2


def test_named_graphs_stay_visible_to_graph_patterns(base):
    update(base, DATA)
    copy = "INSERT { GRAPH <urn:out> { ?s <urn:in> ?g } } WHERE { GRAPH ?g { ?s <urn:p> ?o } }"
    assert update(base, copy).status_code == 204
    assert rows(base, "SELECT ?s ?g WHERE { GRAPH <urn:out> { ?s <urn:in> ?g } }") == {
        ("urn:a", "urn:g1"),
        ("urn:b", "urn:g2"),
    }


def test_using_graph_uri_restricts_the_where(base):
    update(base, DATA)
    assert update(base, COPY, **{"using-graph-uri": "urn:g1"}).status_code == 204
    assert rows(base, "SELECT ?s WHERE { GRAPH <urn:out> { ?s ?p ?o } }") == {("urn:a",)}


@pytest.mark.parametrize(
    "own",
    [
        "WITH <urn:g1> INSERT { ?s <urn:q> 1 } WHERE { ?s ?p ?o }",
        "INSERT { ?s <urn:q> 1 } USING <urn:g1> WHERE { ?s ?p ?o }",
    ],
)
def test_protocol_dataset_and_the_updates_own_conflict(base, own):
    response = update(base, own, **{"using-named-graph-uri": "urn:g2"})
    assert response.status_code == 400 and response.json()["title"] == "conflicting dataset"
    assert update(base, own).status_code == 204  # alone, the update's own dataset is used


@pytest.mark.parametrize(
    "params", [{"default-graph-uri": "urn:g1"}, {"using-graph-uri": "not an iri"}, {"update": "CLEAR ALL"}]
)
def test_misplaced_parameters_are_400(base, params):
    assert update(base, "CLEAR ALL", **params).status_code == 400


def test_relative_iris_in_updates_resolve_against_the_endpoint(base):
    assert update(base, "INSERT DATA { GRAPH <g> { <s> <p> <o> } }").status_code == 204
    assert rows(base, "SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } }") == {(f"{base}/g", f"{base}/s")}


def test_update_syntax_errors_are_short(base):
    response = update(base, "INSERT DATA { <urn:a> <urn:b> }")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("line 1, column ") and len(response.json()["detail"]) < 400
