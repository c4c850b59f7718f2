"""No query or update makes the server send a request (SERVICE, LOAD), in any spelling, with or without
the write token, unless a setting allows it: a loopback listener must receive nothing."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import httpx
import pytest
from servers import TOKEN, make_app, running

pytestmark = pytest.mark.slow  # real servers (threads or processes): not in `make check`

AUTH = {"Authorization": f"Bearer {TOKEN}"}


class Listener:
    """A TCP listener on 127.0.0.1 that counts connections and answers each with an HTTP 500."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        self.connections = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.connections += 1
            with connection:
                connection.settimeout(2)
                try:
                    connection.recv(65536)
                    connection.sendall(b"HTTP/1.1 500 No\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
                except OSError:
                    pass

    def close(self) -> None:
        self.socket.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    listening = Listener()
    yield listening
    listening.close()


QUERIES = [
    "SELECT * WHERE { SERVICE <{L}/a> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE<{L}/b>{ ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE #comment\n<{L}/c> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE#comment\r\n\t<{L}/c2>{?s ?p ?o} }",
    "PREFIX e: <{L}/> SELECT * WHERE { SERVICE e:x { ?s ?p ?o } }",
    "select * where { service <{L}/d> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <{L}/e> { ?s ?p ?o } }",
    "SELECT * WHERE { sErViCe silent<{L}/f>{ ?s ?p ?o } }",
    "SELECT * WHERE { SERVICESILENT<{L}/f2>{ ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p trueSERVICE<{L}/f3>{} }",
    "SELECT * WHERE { ?s ?p 1e1SERVICE<{L}/f4>{} }",
    "PREFIX : <{L}/> SELECT * WHERE { service:f5 { ?s ?p ?o } }",
    "PREFIX ex: <{L}/> SELECT * WHERE { SERVICEex:f6 { ?s ?p ?o } }",
    "SELECT * WHERE { VALUES ?e { <{L}/g> } SERVICE ?e { ?s ?p ?o } }",
    "ASK { FILTER EXISTS { SERVICE <{L}/h> { ?s ?p ?o } } }",
    "SELECT * WHERE { { SELECT * WHERE { OPTIONAL { SERVICE <{L}/i> { ?s ?p ?o } } } } }",
    "SELECT * WHERE { \\u0053ERVICE <{L}/j> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <{L}/\\u006B> { ?s ?p ?o } }",
    "BASE <{L}/> SELECT * WHERE { SERVICE <l> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s <urn:p> 'a string' . SERVICE <{L}/m> { ?s ?p ?o } } # SERVICE in a comment",
]
UPDATES = [
    "INSERT { <urn:a> <urn:b> ?o } WHERE { SERVICE <{L}/u1> { ?s ?p ?o } }",
    "PREFIX e: <{L}/> DELETE { ?s ?p ?o } WHERE { SERVICE SILENT e:u2 { ?s ?p ?o } }",
    "LOAD <{L}/doc.ttl>",
    "LOAD SILENT <{L}/doc.ttl>",
    "LOADSILENT<{L}/doc.ttl>",
    "CLEAR ALL;LOAD<{L}/doc.ttl>",
    "load <{L}/doc.ttl> into graph <urn:g>",
    "PREFIX e: <{L}/> LOAD e:doc",
    "PREFIX e: <{L}/> LOADe:doc",
    "BASE <{L}/> LOAD <doc>",
    "LOAD <doc>",  # relative: the endpoint itself
    "CLEAR SILENT GRAPH <urn:g> ; LOAD#c\n<{L}/doc.ttl>",
    "LOAD <{L}/\\u0064oc.ttl>",
]
METHODS = ["GET", "POST-form", "POST-direct"]


def send(base: str, method: str, kind: str, text: str, token: bool) -> httpx.Response:
    headers = AUTH if token else {}
    if method == "GET":
        return httpx.get(f"{base}/sparql", params={kind: text}, headers=headers, timeout=30)
    if method == "POST-form":
        return httpx.post(f"{base}/sparql", data={kind: text}, headers=headers, timeout=30)
    return httpx.post(
        f"{base}/sparql",
        content=text.encode(),
        timeout=30,
        headers={**headers, "Content-Type": f"application/sparql-{kind}"},
    )


@pytest.fixture(scope="module")
def memory_server() -> Iterator[str]:
    """A server over an in-memory store (queries and updates run in the server process), writes enabled."""
    from graph.store import open_store

    with running(make_app(open_store("memory:"), write_token=TOKEN)) as base:
        yield base


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("where", ["disk", "memory"])
def test_no_query_reaches_the_network(server, memory_server, listener, where, method, query):
    base = server if where == "disk" else memory_server
    response = send(base, method, "query", query.replace("{L}", listener.url), token=where == "memory")
    assert response.status_code == 403, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert listener.connections == 0


@pytest.mark.parametrize("token", [True, False])
@pytest.mark.parametrize("method", ["POST-form", "POST-direct"])
@pytest.mark.parametrize("update", UPDATES)
def test_no_update_reaches_the_network(memory_server, listener, update, method, token):
    response = send(memory_server, method, "update", update.replace("{L}", listener.url), token)
    assert response.status_code == (403 if token else 401), response.text
    assert listener.connections == 0


@pytest.mark.parametrize("query", QUERIES[:6])
def test_the_cli_sends_no_request_either(store, listener, query):
    from typer.testing import CliRunner

    from api.cli import app

    result = CliRunner().invoke(app, ["query", query.replace("{L}", listener.url), "--store", store.url])
    assert result.exit_code == 1 and "SERVICE" in result.output
    assert listener.connections == 0


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * FROM <{L}/from> FROM NAMED <{L}/named> WHERE { ?s ?p ?o } LIMIT 1",
        "DESCRIBE <{L}/describe>",
        "ASK { GRAPH <{L}/graph> { ?s ?p ?o } }",
    ],
)
def test_dataset_clauses_and_describe_read_the_store_only(server, listener, query):
    response = send(server, "GET", "query", query.replace("{L}", listener.url), token=False)
    assert response.status_code == 200, response.text
    assert listener.connections == 0


def test_service_in_strings_iris_and_names_is_not_federation(server):
    query = (
        "PREFIX s: <urn:service:> SELECT ?service WHERE { BIND('SERVICE <http://x/> {}' AS ?service) "
        "BIND(<http://example.org/SERVICE> AS ?x) BIND(s:SERVICE AS ?y) } # SERVICE <http://x/>"
    )
    response = send(server, "GET", "query", query, token=False)
    assert response.status_code == 200, response.text


def test_service_is_sent_only_when_allowed(listener):
    from graph.store import open_store

    query = f"SELECT * WHERE {{ SERVICE <{listener.url}/allowed> {{ ?s ?p ?o }} }}"
    with running(make_app(open_store("memory:"), allow_service=True)) as base:
        response = send(base, "GET", "query", query, token=False)
    assert response.status_code != 403
    assert listener.connections >= 1  # the listener works: the refusals above are the policy's


def test_load_is_sent_only_to_allowed_hosts(listener):
    from graph.store import open_store

    with running(make_app(open_store("memory:"), write_token=TOKEN, load_hosts="127.0.0.1")) as base:
        for update in [
            "LOAD <http://localhost:1/doc.ttl>",
            f"PREFIX e: <{listener.url}/> PREFIXe:<http://localhost:1/> LOAD e:doc",
        ]:
            refused = send(base, "POST-direct", "update", update, token=True)
            assert refused.status_code == 403 and listener.connections == 0
        send(base, "POST-direct", "update", f"LOAD SILENT <{listener.url}/doc.ttl>", token=True)
    assert listener.connections >= 1
