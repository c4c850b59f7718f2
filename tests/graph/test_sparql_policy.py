"""graph.sparql_policy: the tokenizer's reading of requests, the refusals, the dataset rewriting."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.sparql_policy import (
    DatasetConflictError,
    FederationRefusedError,
    Policy,
    QueryTooComplexError,
    readable_syntax_error,
    tokens,
    with_dataset,
)

POLICY = Policy()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("SELECT*{?s<p>'a b'#x\n}", ["SELECT", "*", "{", "?s", "<p>", "'a b'", "}"]),
        ('ASK { ?s ex:p """a\n"b" SERVICE""" }', ["ASK", "{", "?s", "ex:p", '"""a\n"b" SERVICE"""', "}"]),
        ("ASK{FILTER(?a<?b&&?c>1)}", ["ASK", "{", "FILTER", "(", "?a", "<?b&&?c>", "1", ")", "}"]),
        ("ASK { ?s ex:o. }", ["ASK", "{", "?s", "ex:o", ".", "}"]),
        ("ASK { _:b1 ex:a\\#b 1.5e3 }", ["ASK", "{", "_:b1", "ex:a\\#b", "1.5e3", "}"]),
    ],
)
def test_tokens(text, expected):
    assert [t.text for t in tokens(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * { SERVICE<http://x/>{} }",
        "SELECT * { service#c\n<http://x/> {} }",
        "SELECT * { SERVICE ?x {} }",
        "SELECT * { \\u0053ERVICE <http://x/> {} }",
        "SELECT * { SERVICE SILENT <http://x/> {} }",
        "PREFIX : <http://x/> SELECT * { service:x {} }",  # the engine reads SERVICE :x
        "PREFIX ex: <http://x/> SELECT * { SERVICEex:x {} }",
    ],
)
def test_service_is_refused(text):
    with pytest.raises(FederationRefusedError, match="SERVICE"):
        POLICY.check(text, "query")
    Policy(allow_service=True).check(text, "query")  # allowed: no error


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * { ?s <http://x/SERVICE> 'SERVICE' } # SERVICE <http://x/> {}",
        "PREFIX s: <urn:s:> SELECT ?service { ?service s:SERVICE ?o } # a comment on SERVICE",
    ],
)
def test_service_as_data_is_not_federation(text):
    assert POLICY.check(text, "query").services == 0


@pytest.mark.parametrize(
    "text, target",
    [
        ("LOAD <http://a.example/doc>", "http://a.example/doc"),
        ("PREFIX e: <http://a.example/> LOAD SILENT e:doc INTO GRAPH <urn:g>", "http://a.example/doc"),
        ("BASE <http://a.example/x/> LOAD <../doc>", "http://a.example/doc"),
        ("LOAD <doc>", "http://a.example/doc"),
    ],
)
def test_load_targets_are_resolved_and_checked_against_the_hosts(text, target):
    with pytest.raises(FederationRefusedError):
        POLICY.check(text, "update", "http://a.example/sparql")
    allowed = Policy(load_hosts=frozenset({"a.example"}))
    assert allowed.check(text, "update", "http://a.example/sparql").loads == [target]
    with pytest.raises(FederationRefusedError):
        Policy(load_hosts=frozenset({"b.example"})).check(text, "update", "http://a.example/sparql")


@pytest.mark.parametrize(
    "text",
    [
        "ASK " + "{" * 65 + "}" * 65,
        "ASK { VALUES ?x } { " + "MINUS {} " * 1500 + "}",
        "ASK { " + "<< " * 65 + " }",
        "ASK { FILTER(" + "(" * 70 + "1" + ")" * 70 + ") }",
        "ASK { " + "MINUS {} " * 1500 + "}",
    ],
)
def test_deep_or_long_requests_are_too_complex(text):
    with pytest.raises(QueryTooComplexError):
        POLICY.check(text, "query")


def test_data_blocks_do_not_count():
    data = " ".join(f"<urn:s{i}> <urn:p> {i} ." for i in range(5000))
    assert POLICY.check(f"INSERT DATA {{ GRAPH <urn:g> {{ {data} }} }}", "update").tokens < 10
    values = " ".join(f"(<urn:s{i}> {i})" for i in range(5000))
    assert POLICY.check(f"SELECT * {{ VALUES (?s ?o) {{ {values} }} }}", "query").tokens < 20


@pytest.mark.parametrize(
    "update, expected",
    [
        (
            "INSERT { ?s <urn:q> 1 } WHERE { ?s ?p ?o }",
            "INSERT { ?s <urn:q> 1 } USING <urn:a> USING NAMED <urn:b> WHERE",
        ),
        (
            "PREFIX e: <urn:e:> DELETE WHERE { ?s e:p ?o }",
            "DELETE { ?s e:p ?o } USING <urn:a> USING NAMED <urn:b> WHERE { ?s e:p ?o }",
        ),
        (
            "INSERT DATA { <urn:x> <urn:p> 1 } ; DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
            "; DELETE { ?s ?p ?o } USING <urn:a> USING NAMED <urn:b> WHERE",
        ),
        ("CLEAR ALL", "CLEAR ALL"),
    ],
)
def test_with_dataset_adds_using_clauses(update, expected):
    rewritten = with_dataset(update, POLICY.check(update, "update"), ["urn:a"], ["urn:b"], explicit=True)
    assert expected in rewritten
    ox.Store().update(rewritten)  # still a valid update


@pytest.mark.parametrize(
    "update",
    ["WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "DELETE { ?s ?p ?o } USING <urn:g> WHERE { ?s ?p ?o }"],
)
def test_an_update_naming_its_dataset(update):
    reading = POLICY.check(update, "update")
    with pytest.raises(DatasetConflictError):
        with_dataset(update, reading, ["urn:a"], [], explicit=True)
    assert with_dataset(update, reading, ["urn:a"], ["urn:a"], explicit=False) == update  # keeps its own


def test_readable_syntax_error():
    query = "SELECT * WHERE { ?s ?p ?o . FILTER(?x = ) }"
    try:
        ox.Store().query("SELECT ?x WHERE {")
    except SyntaxError as error:
        message = str(error)
    assert len(message) > 400 and "\\u{" in message  # what pyoxigraph says
    short = readable_syntax_error(message, "SELECT ?x WHERE {")
    assert short.startswith("line 1, column 18: expected ") and "\\u{" not in short and len(short) < 300
    assert readable_syntax_error("error at 1:40: expected one of ABS, AVG", query).splitlines()[2].index("^") == 41


@pytest.fixture
def listener():
    """A loopback listener answering 500: yields its URL and the list its connections go to."""
    import socket
    import threading

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    connections: list[int] = []

    def serve() -> None:
        while True:
            try:
                connection, _ = sock.accept()
            except OSError:
                return
            connections.append(1)
            connection.sendall(b"HTTP/1.1 500 No\r\ncontent-length: 0\r\n\r\n")
            connection.close()

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/", connections
    sock.close()


def test_what_the_policy_lets_through_sends_nothing(listener):
    """Differential: SERVICE glued to every kind of neighbour, by every separator; whatever the policy
    accepts, pyoxigraph itself must then send no request to a loopback listener."""
    import itertools

    url, connections = listener
    before = [
        "{",
        "{ ?s ?p ?o .",
        "{ ?s ?p ?o",
        "{ ?s ?p true",
        "{ ?s ?p 1",
        "{ ?s ?p 1e1",
        "{ ?s ?p 'x'@en",
        "{ ?s ?p ex:o",
        "{ ?s ?p <urn:o>",
        "{ ?s ?p 'x'",
        "{ FILTER(true)",
        "{ {}",
        "{ ?s ?p _:b",
    ]
    separators = ["", " ", "\t", "\n", "#c\n", "\r\n"]
    keywords = ["SERVICE", "service", "SERVICE SILENT", "SERVICESILENT", "\\u0053ERVICE"]
    targets = [f"<{url}>", "ex:x", ":x", "?e"]
    store = ox.Store()

    def sends(query: str) -> bool:
        seen = len(connections)
        try:
            list(store.query(query))
        except (SyntaxError, OSError, RuntimeError):
            pass
        return len(connections) > seen

    sent, accepted, refused = [], 0, []
    for head, sep1, keyword, sep2, target in itertools.product(before, separators, keywords, separators, targets):
        query = (
            f"PREFIX ex: <{url}> PREFIX : <{url}> SELECT * WHERE {{ VALUES ?e {{ <{url}> }} {head[1:]}"
            f"{sep1}{keyword}{sep2}{target} {{ ?a ?b ?c }} }}"
        )
        try:
            POLICY.check(query, "query")
        except FederationRefusedError:
            refused.append(query)
            continue
        accepted += 1
        if sends(query):
            sent.append(query)
    assert sum(sends(query) for query in refused[::50]) >= 10  # the harness sees the requests of refused ones
    assert accepted > 100 and sent == []


def test_what_the_policy_lets_through_loads_nothing(listener):
    """The same for LOAD in updates."""
    import itertools

    url, connections = listener
    heads = ["", "CLEAR SILENT GRAPH <urn:g> ;", "CLEAR SILENT GRAPH <urn:g>;", f"BASE <{url}>"]
    separators = ["", " ", "\n", "#c\n"]
    keywords = ["LOAD", "load", "LOAD SILENT", "LOADSILENT", "\\u004cOAD", "LOAD\\u0020SILENT"]
    targets = [f"<{url}doc>", "e:doc", ":doc", "<doc>"]
    tails = ["", " INTO GRAPH <urn:g>"]
    sent, accepted, refused = [], 0, 0
    for head, sep1, keyword, sep2, target, tail in itertools.product(
        heads, separators, keywords, separators, targets, tails
    ):
        update = f"PREFIX e: <{url}> PREFIX : <{url}> {head}{sep1}{keyword}{sep2}{target}{tail}"
        try:
            POLICY.check(update, "update", "http://127.0.0.1:1/sparql")
        except FederationRefusedError:
            refused += 1
            continue
        accepted += 1
        seen = len(connections)
        try:
            ox.Store().update(update, base_iri="http://127.0.0.1:1/sparql")
        except (SyntaxError, OSError, RuntimeError):
            pass
        if len(connections) > seen:
            sent.append(update)
    assert refused > 1000 and sent == []
