"""The requests a read process answers itself, and every near miss it must hand to the server process."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from api.fast_request import MAX_HEAD, ResponseHeads, read_head

QUERY = "SELECT * WHERE { ?s ?p ?o } LIMIT 10"
TARGET = f"/sparql?query={quote(QUERY)}"


def head(request_line: str = f"GET {TARGET} HTTP/1.1", *fields: str) -> bytes:
    return ("\r\n".join((request_line, *fields)) + "\r\n\r\n").encode("latin-1")


@pytest.mark.parametrize(
    ("fields", "accept", "base", "close"),
    [
        (("Host: localhost:8000",), None, "http://localhost:8000/sparql", False),
        (("host: 10.0.0.1", "ACCEPT: text/csv"), "text/csv", "http://10.0.0.1/sparql", False),
        (("Host: [::1]:80", "Connection: close"), None, "http://[::1]:80/sparql", True),
        (("Host: h", "Connection: keep-alive", "Content-Length: 0", "User-Agent: wrk"), None, "http://h/sparql", False),
        (("Host: h", "Accept:  application/json \t"), "application/json", "http://h/sparql", False),
    ],
)
def test_a_plain_query_get_is_read(fields, accept, base, close):
    request = read_head(head(f"GET {TARGET} HTTP/1.1", *fields))
    assert request is not None
    assert (request.query, request.accept, request.base, request.close) == (QUERY, accept, base, close)


def test_the_size_is_the_head_so_a_pipelined_request_follows():
    first, second = head(f"GET {TARGET} HTTP/1.1", "Host: h"), head(f"GET {TARGET}%20 HTTP/1.1", "Host: h")
    request = read_head(first + second)
    assert request is not None and request.size == len(first)
    following = read_head((first + second)[request.size :])
    assert following is not None and following.query == QUERY + " "


@pytest.mark.parametrize(
    "raw",
    [
        head(f"POST {TARGET} HTTP/1.1", "Host: h"),
        head(f"HEAD {TARGET} HTTP/1.1", "Host: h"),
        head(f"GET {TARGET} HTTP/1.0", "Host: h"),  # other keep-alive rules: uvicorn's business
        head(f"GET {TARGET}", "Host: h"),
        head(f"GET  {TARGET} HTTP/1.1", "Host: h"),
        head("GET /sparql HTTP/1.1", "Host: h"),  # the service description
        head(f"GET /sp%61rql?query={quote(QUERY)} HTTP/1.1", "Host: h"),
        head(f"GET http://h{TARGET} HTTP/1.1", "Host: h"),  # absolute form
        head(f"GET {TARGET}#frag HTTP/1.1", "Host: h"),
        head(f"GET {TARGET}&default-graph-uri=urn%3Ag HTTP/1.1", "Host: h"),
        head(f"GET {TARGET}&query=ASK%7B%7D HTTP/1.1", "Host: h"),
        head(f"GET /sparql?update={quote('CLEAR ALL')} HTTP/1.1", "Host: h"),
        head(f"GET {TARGET} HTTP/1.1"),  # no Host
        head(f"GET {TARGET} HTTP/1.1", "Host: h", "Host: i"),
        head(f"GET {TARGET} HTTP/1.1", "Host: h/x"),
        head(f"GET {TARGET} HTTP/1.1", "Host: h", "Accept: text/csv", "Accept: text/tsv"),
        head(f"GET {TARGET} HTTP/1.1", "Host: h", "Content-Length: 5"),
        head(f"GET {TARGET} HTTP/1.1", "Host: h", "Transfer-Encoding: chunked"),
        head(f"GET {TARGET} HTTP/1.1", "Host: h", "Expect: 100-continue"),
        head(f"GET {TARGET} HTTP/1.1", "Host: h", "Connection: Upgrade", "Upgrade: websocket"),
        head(f"GET {TARGET} HTTP/1.1", "Host: h", "X-A: 1", " folded"),
        head(f"GET {TARGET} HTTP/1.1", "Host: h", "Bad Name: 1"),
        head(f"GET {TARGET} HTTP/1.1", "Host: h", "X-A: \x01"),
        head(f"GET {TARGET} HTTP/1.1", "Host: h", "X-A: caf\xe9"),
        head("GET /sparql?query=caf\xe9 HTTP/1.1", "Host: h"),
        head(f"GET {TARGET} HTTP/1.1", "Host: h")[:-2],  # incomplete: the server process waits for the rest
        head(f"GET {TARGET} HTTP/1.1", "Host: h", "X-Pad: " + "a" * MAX_HEAD),
        b"",
    ],
)
def test_anything_else_goes_to_the_server_process(raw):
    assert read_head(raw) is None


def test_an_answer_head_labels_text_as_uvicorn_does_and_says_when_it_closes():
    heads = ResponseHeads()
    csv = heads.head("text/csv", 12, True, 0.0)
    assert csv.startswith(b"HTTP/1.1 200 OK\r\ndate: Thu, 01 Jan 1970 00:00:00 GMT\r\n")
    assert b"content-type: text/csv; charset=utf-8\r\ncontent-length: 12\r\nconnection: close\r\n\r\n" in csv
    assert heads.head("application/sparql-results+json", 3, False, 0.5).endswith(
        b"content-type: application/sparql-results+json\r\ncontent-length: 3\r\n\r\n"
    )


@pytest.mark.parametrize(
    ("target", "path", "query_string"),
    [
        ("/actors/Q7747/relations", "/actors/Q7747/relations", ""),
        ("/actors/Q7747/relations?limit=5&polarity=all", "/actors/Q7747/relations", "limit=5&polarity=all"),
        ("/actors/https%3A%2F%2Fw3id.org%2Fa/relations?x=%20", "/actors/https://w3id.org/a/relations", "x=%20"),
        ("/actors/Q7747", "/actors/Q7747", ""),  # which actor paths a read process answers: api/fast_relations.py
    ],
)
def test_an_actor_get_is_read_with_its_path_decoded_as_uvicorn_does(target, path, query_string):
    request = read_head(head(f"GET {target} HTTP/1.1", "Host: h:8000", "Accept: application/json"))
    assert request is not None and not hasattr(request, "query")
    assert (request.path, request.query_string, request.accept, request.host) == (
        path,
        query_string,
        "application/json",
        "h:8000",
    )


@pytest.mark.parametrize(
    "raw",
    [
        head("POST /actors/Q7747/relations HTTP/1.1", "Host: h"),
        head("GET /actors/Q7747/relations HTTP/1.1"),  # no Host
        head("GET /actors/Q7747/relations#x HTTP/1.1", "Host: h"),
        head("GET /actors/Q7747/relations HTTP/1.1", "Host: h", "Content-Length: 3"),
        head("GET /actorsQ7747/relations HTTP/1.1", "Host: h"),
    ],
)
def test_an_unusual_actor_request_is_not_read(raw):
    assert read_head(raw) is None
