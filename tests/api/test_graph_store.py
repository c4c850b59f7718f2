"""The Graph Store HTTP Protocol at /rdf-graphs beyond the W3C tests: the token, errors, the union
seen by SPARQL, relative IRIs."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from servers import TOKEN, make_app, running

pytestmark = pytest.mark.slow  # real servers (threads or processes): not in `make check`

AUTH = {"Authorization": f"Bearer {TOKEN}"}
TURTLE = {"Content-Type": "text/turtle"}
G = "http://example.org/g"


@pytest.fixture
def base() -> Iterator[str]:
    from graph.store import open_store

    with running(make_app(open_store("memory:"), write_token=TOKEN)) as url:
        yield url


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
@pytest.mark.parametrize("auth, status", [({}, 401), ({"Authorization": "Bearer wrong-token-0123456789"}, 403)])
def test_writes_need_the_token(base, method, auth, status):
    response = httpx.request(
        method, f"{base}/rdf-graphs", params={"graph": G}, content=b"<s> <p> 1 .", headers={**TURTLE, **auth}
    )
    assert response.status_code == status
    assert httpx.get(f"{base}/rdf-graphs", params={"graph": G}).status_code == 404  # nothing written


def test_a_syntax_error_names_line_and_column_and_writes_nothing(base):
    response = httpx.put(
        f"{base}/rdf-graphs", params={"graph": G}, content=b"<s> <p> 1 .\n<s> <p> .", headers={**TURTLE, **AUTH}
    )
    assert response.status_code == 400 and response.headers["content-type"] == "application/problem+json"
    assert "line 2" in response.json()["detail"] and len(response.json()["detail"]) < 300
    assert httpx.get(f"{base}/rdf-graphs", params={"graph": G}).status_code == 404


@pytest.mark.parametrize("params", [{}, {"graph": "not an iri"}, {"graph": G, "default": ""}])
def test_bad_graph_names_are_400(base, params):
    assert httpx.get(f"{base}/rdf-graphs", params=params).status_code == 400


def test_unknown_media_type_is_415(base):
    response = httpx.put(
        f"{base}/rdf-graphs", params={"graph": G}, content=b"x", headers={"Content-Type": "image/png", **AUTH}
    )
    assert response.status_code == 415


def test_a_graph_put_is_seen_by_sparql_and_relative_iris_resolve_against_it(base):
    assert (
        httpx.put(
            f"{base}/rdf-graphs", params={"graph": G}, content=b"<s> <p> <o> .", headers={**TURTLE, **AUTH}
        ).status_code
        == 201
    )
    answer = httpx.get(f"{base}/sparql", params={"query": "SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } }"}).json()
    row = answer["results"]["bindings"][0]
    assert (row["g"]["value"], row["s"]["value"]) == (G, "http://example.org/s")
    head = httpx.head(f"{base}/rdf-graphs", params={"graph": G}, headers={"Accept": "application/n-triples"})
    assert head.status_code == 200 and head.headers["content-type"].startswith("application/n-triples")
    assert httpx.delete(f"{base}/rdf-graphs", params={"graph": G}, headers=AUTH).status_code == 204
    assert httpx.delete(f"{base}/rdf-graphs", params={"graph": G}, headers=AUTH).status_code == 404
