"""Requests that would overflow the engine's stack (a segfault ends the process) are refused before it
parses them: the server process survives, even over an in-memory store where queries and updates run
in the server itself."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from servers import TOKEN, free_port, wait_until_healthy

pytestmark = pytest.mark.slow  # real servers (threads or processes): not in `make check`

NEWSGRAPH = Path(sys.executable).with_name("newsgraph")
DEEP = 5000
QUERIES = {
    "nested groups": "SELECT * WHERE " + "{" * DEEP + "}" * DEEP,
    "nested brackets": "ASK { FILTER(" + "(" * DEEP + "1" + ")" * DEEP + ") }",
    "nested subqueries": "SELECT * WHERE " + "{ SELECT * WHERE " * 3000 + "{}" + "}" * 3000,
    "MINUS chain": "ASK { " + "MINUS {} " * 3000 + "}",
    "BIND chain": "SELECT * { " + " ".join(f"BIND({i} AS ?v{i})" for i in range(3000)) + " }",
    "FILTER chain": "ASK { " + "FILTER(true) " * 100_000 + "}",
    "&& chain": "ASK { FILTER(" + "&&".join(["true"] * 10_000) + ") }",
    "path chain": "ASK { ?s " + "/".join(["<urn:p>"] * 20_000) + " ?o }",
}
UPDATES = {
    "nested groups": "INSERT { } WHERE " + "{" * DEEP + "}" * DEEP,
    "UNION chain": "INSERT { } WHERE { " + " UNION ".join(["{}"] * 20_000) + " }",
    "nested triple terms": "INSERT DATA { <urn:a> <urn:p> "
    + "<< <urn:a> <urn:p> " * 30_000
    + "1"
    + " >>" * 30_000
    + " }",
}


@pytest.fixture(scope="module")
def memory_process() -> Iterator[tuple[subprocess.Popen, str]]:
    """``newsgraph serve --store memory:`` as its own process, writes enabled."""
    port = free_port()
    env = {**os.environ, "NEWSGRAPH_WRITE_TOKEN": TOKEN}
    process = subprocess.Popen(
        [str(NEWSGRAPH), "serve", "--store", "memory:", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, timeout=60)
        yield process, base
    finally:
        process.terminate()
        process.wait(timeout=20)


def _survives(process: subprocess.Popen, base: str) -> None:
    assert process.poll() is None, f"the server died (exit code {process.returncode})"
    assert httpx.get(f"{base}/healthz", timeout=5).status_code == 200
    assert httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, timeout=5).json()["boolean"] is True


@pytest.mark.parametrize("name", list(QUERIES))
def test_deep_or_long_queries_are_400_and_the_server_survives(memory_process, name):
    process, base = memory_process
    response = httpx.post(
        f"{base}/sparql",
        content=QUERIES[name].encode(),
        timeout=30,
        headers={"Content-Type": "application/sparql-query"},
    )
    assert response.status_code == 400, response.text[:300]
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "request too complex"
    _survives(process, base)


@pytest.mark.parametrize("name", list(UPDATES))
def test_deep_or_long_updates_are_400_and_the_server_survives(memory_process, name):
    process, base = memory_process
    response = httpx.post(
        f"{base}/sparql",
        content=UPDATES[name].encode(),
        timeout=30,
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 400, response.text[:300]
    assert response.json()["title"] == "request too complex"
    _survives(process, base)


DOCUMENTS = {
    "text/turtle": "<urn:a> <urn:p> " + "<<( <urn:a> <urn:p> " * 30_000 + "1" + " )>>" * 30_000 + " .",
    "application/rdf+xml": '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:e="urn:e:">' + "<rdf:Description><e:p>" * 20_000 + "</e:p></rdf:Description>" * 20_000 + "</rdf:RDF>",
}


@pytest.mark.parametrize("media", list(DOCUMENTS))
def test_a_deeply_nested_graph_store_document_is_400(memory_process, media):
    process, base = memory_process
    response = httpx.put(
        f"{base}/rdf-graphs",
        params={"graph": "urn:g"},
        content=DOCUMENTS[media].encode(),
        timeout=30,
        headers={"Content-Type": media, "Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 400 and response.json()["title"] == "request too complex"
    _survives(process, base)


def test_a_deep_get_query_is_400(memory_process):
    process, base = memory_process
    response = httpx.get(f"{base}/sparql", params={"query": "ASK " + "{" * DEEP + "}" * DEEP}, timeout=30)
    assert response.status_code == 400 and response.json()["title"] == "request too complex"
    _survives(process, base)


def test_large_flat_data_is_accepted(memory_process):
    process, base = memory_process
    data = " ".join(f"<urn:s{i}> <urn:p> {i} ." for i in range(20_000))
    response = httpx.post(
        f"{base}/sparql",
        content=f"INSERT DATA {{ GRAPH <urn:big> {{ {data} }} }}".encode(),
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
        timeout=60,
    )
    assert response.status_code == 204, response.text
    values = " ".join(f"<urn:s{i}>" for i in range(20_000))
    count = httpx.post(
        f"{base}/sparql",
        content=f"SELECT (COUNT(*) AS ?n) {{ VALUES ?s {{ {values} }} ?s ?p ?o }}",
        headers={"Content-Type": "application/sparql-query"},
        timeout=60,
    )
    assert count.json()["results"]["bindings"][0]["n"]["value"] == "20000"
    _survives(process, base)
