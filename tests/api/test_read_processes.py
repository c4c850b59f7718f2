"""``newsgraph serve --processes 2``: read processes answer bounded queries, the server process the
rest, writes are read back at once on any connection, and stopping leaves nothing behind."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from servers import TOKEN, free_port, wait_until_healthy

pytestmark = pytest.mark.slow
BOUNDED = "SELECT * WHERE { ?s ?p ?o } LIMIT 10"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CLI = str(Path(sys.executable).with_name("newsgraph"))


def children(pid: int) -> dict[int, str]:
    """The child processes of ``pid``, by their command lines."""
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    found = {}
    for child in map(int, out.split()):
        try:
            found[child] = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except FileNotFoundError:
            pass
    return found


def read_processes(pid: int) -> list[int]:
    return [child for child, command in children(pid).items() if "api.read_process" in command]


def gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def wait_for(condition, seconds: float = 10) -> bool:
    """Whether ``condition()`` holds once within ``seconds`` (not asked again after it held: the next
    connection may meet a read process whose view is not open yet, and be handed over)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)
    return True


@contextmanager
def serving(seeded_store, folder: Path):
    """A ``newsgraph serve --processes 2`` over a copy of the seeded store, writes enabled."""
    path = folder / "store"
    seeded_store.backup(path)
    port = free_port()
    process = subprocess.Popen(
        [CLI, "serve", "--store", f"oxigraph:{path}", "--port", str(port), "--processes", "2", "--query-timeout", "3"],
        env={**os.environ, "NEWSGRAPH_WRITE_TOKEN": TOKEN},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, timeout=60)
        assert wait_for(lambda: len(read_processes(process.pid)) == 2)
        yield base, process, path
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def served(seeded_store, tmp_path_factory):
    with serving(seeded_store, tmp_path_factory.mktemp("served")) as server:
        yield server


@pytest.fixture
def own_server(seeded_store, tmp_path):
    """A server for one test that stops or breaks it."""
    with serving(seeded_store, tmp_path) as server:
        yield server


def get(base: str, query: str, **headers) -> httpx.Response:
    return httpx.get(f"{base}/sparql", params={"query": query}, headers=headers, timeout=30)


def insert(base: str, value: int) -> None:
    answer = httpx.post(
        f"{base}/sparql",
        content=f"INSERT DATA {{ GRAPH <urn:test:g> {{ <urn:test:s> <urn:test:p> {value} }} }}",
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
        timeout=30,
    )
    assert answer.status_code == 204, answer.text


def test_a_bounded_query_is_answered_by_a_read_process_as_the_server_would(served, seeded_store):
    base, _, _ = served
    answers: list[httpx.Response] = []

    def read_process_answered() -> bool:
        # the answer is kept: asked again, the next connection may meet the other read process, whose
        # view is not open yet, and be handed over to uvicorn
        answers.append(get(base, BOUNDED, accept="text/csv"))
        return answers[-1].headers["server"] == "newsgraph"

    assert wait_for(read_process_answered)  # a read process's answer, not uvicorn's
    answer = answers[-1]
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    rows = {tuple(line.split(",")) for line in answer.text.strip().splitlines()[1:]}
    expected = seeded_store.raw.query(BOUNDED, use_default_graph_as_union=True)
    assert len(rows) == 10 and len(list(expected)) == 10


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/healthz", 200),
        ("GET", "/sparql", 200),  # the service description
        ("GET", f"/sparql?query={quote('SELECT * WHERE { ?s ?p ?o . ?s ?q ?x } LIMIT 1')}", 200),  # not bounded
        ("GET", f"/sparql?query={quote('SELECT * WHERE {')}", 400),
        ("GET", f"/sparql?query={quote(BOUNDED)}&query={quote(BOUNDED)}", 400),
        ("GET", f"/sparql?update={quote('CLEAR ALL')}", 400),
        ("POST", "/sparql", 400),
        ("GET", "/no-such-page", 404),
    ],
)
def test_every_other_request_is_answered_by_the_server_process(served, method, path, status):
    base, _, _ = served
    answer = httpx.request(method, base + path, timeout=30)
    assert answer.status_code == status
    assert answer.headers["server"] == "uvicorn"


def test_a_write_is_read_back_at_once_on_the_same_and_on_new_connections(served):
    base, _, _ = served
    query = "SELECT ?o WHERE { <urn:test:s> <urn:test:p> ?o } LIMIT 100"
    with httpx.Client(timeout=30) as client:
        for value in range(1, 13):
            insert(base, value)
            for answer in (client.get(f"{base}/sparql", params={"query": query}), get(base, query)):
                values = {int(b["o"]["value"]) for b in answer.json()["results"]["bindings"]}
                assert values == set(range(1, value + 1))
    # and once no write comes, the read processes answer again (from a fresh snapshot)
    assert wait_for(lambda: get(base, query).headers["server"] == "newsgraph")
    assert len(get(base, query).json()["results"]["bindings"]) == 12


RELATION_QUERIES = ["", "polarity=all&min_confidence=0", "polarity=all&min_confidence=0&limit=2&offset=1", "limit=3"]


def relations(connection: http.client.HTTPConnection, actor: str, query: str = "") -> tuple[int, str, str, bytes]:
    """Status, ``server`` and ``content-type`` headers, and body of an actor's relations on ``connection``."""
    connection.request("GET", f"/actors/{quote(actor, safe='')}/relations?{query}")
    response = connection.getresponse()
    body = response.read()
    return response.status, response.getheader("server"), response.getheader("content-type"), body


def handed_over(base: str) -> http.client.HTTPConnection:
    """A connection the server process serves: its first request was not a read process's."""
    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=30)
    connection.request("GET", "/healthz")
    response = connection.getresponse()
    response.read()
    assert response.getheader("server") == "uvicorn"
    return connection


def test_actor_relations_are_answered_by_a_read_process_as_the_server_process_would(served, seeded_store):
    base, _, _ = served
    actors = sorted(
        r["a"].value.rsplit("/", 1)[-1]
        for r in seeded_store.raw.query(
            "SELECT DISTINCT ?a WHERE { GRAPH ?g { ?r <https://w3id.org/newsgraph/ontology#subject> ?a } }"
        )
    )
    fresh = http.client.HTTPConnection(base.removeprefix("http://"), timeout=30)
    assert wait_for(lambda: get(base, BOUNDED).headers["server"] == "newsgraph")  # once a view is open
    server = handed_over(base)
    read = 0
    for actor in [*actors, "Q7747", "nobody-at-all"]:
        for query in RELATION_QUERIES:
            ours, theirs = relations(fresh, actor, query), relations(server, actor, query)
            assert theirs[1] == "uvicorn"
            assert (ours[0], ours[2], ours[3]) == (theirs[0], theirs[2], theirs[3]), (actor, query)
            if ours[1] == "newsgraph":
                read += 1
            else:  # handed over (an unknown actor's 404): the server process serves that connection now
                fresh = http.client.HTTPConnection(base.removeprefix("http://"), timeout=30)
    assert read >= len(actors) * len(RELATION_QUERIES)


def read_process_connection(address: str, actor: str, query: str) -> http.client.HTTPConnection:
    """A connection a read process holds: new ones until a read process answers one (a read process
    whose view is not open yet hands its connection to the server process, which keeps it)."""
    found: list[http.client.HTTPConnection] = []

    def answered_by_a_read_process() -> bool:
        connection = http.client.HTTPConnection(address, timeout=30)
        if relations(connection, actor, query)[1] == "newsgraph":
            found.append(connection)
            return True
        connection.close()
        return False

    assert wait_for(answered_by_a_read_process)
    return found[0]


def test_a_new_relation_is_listed_at_once_on_the_same_and_on_new_connections(own_server):
    base, _, _ = own_server
    address = base.removeprefix("http://")
    query = "polarity=all&min_confidence=0&limit=1000"
    relation = json.loads(relations(http.client.HTTPConnection(address, timeout=30), "Q7747", query)[3])["items"][0]
    actor = relation["object" if relation["direction"] == "outgoing" else "subject"]["id"]  # one with few
    total = json.loads(relations(http.client.HTTPConnection(address, timeout=30), actor, query)[3])["total"]
    assert total + 5 <= 16  # still small enough for a read process (ProcessExecutor.INLINE_RELATIONS)
    kept = read_process_connection(address, actor, query)
    for n in range(1, 6):
        update = (
            f"INSERT {{ GRAPH ?g {{ <urn:test:relation:{n}> ?p ?o }} }} "
            f"WHERE {{ GRAPH ?g {{ <{relation['relation']}> ?p ?o }} }}"
        )
        answer = httpx.post(
            f"{base}/sparql",
            content=update,
            headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
            timeout=30,
        )
        assert answer.status_code == 204, answer.text
        for connection in (kept, http.client.HTTPConnection(address, timeout=30)):
            status, _, _, body = relations(connection, actor, query)
            assert status == 200 and json.loads(body)["total"] == total + n
    # and once no write comes, a read process answers again, from a fresh snapshot
    fresh = lambda: relations(http.client.HTTPConnection(address, timeout=30), actor, query)  # noqa: E731
    assert wait_for(lambda: fresh()[1] == "newsgraph")
    assert json.loads(fresh()[3])["total"] == total + 5


def test_a_runaway_query_stops_at_the_timeout_while_the_read_processes_keep_answering(served):
    base, process, _ = served
    outcome = {}

    def runaway():
        started = time.monotonic()
        outcome["answer"] = get(base, RUNAWAY)
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    answered = 0
    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=10)
    while thread.is_alive():
        connection.request("GET", f"/sparql?query={quote(BOUNDED)}")
        response = connection.getresponse()
        response.read()
        assert response.status == 200
        answered += 1
    thread.join()
    assert outcome["answer"].status_code == 503 and outcome["seconds"] < 20
    assert answered > 20
    assert httpx.get(f"{base}/healthz", timeout=10).status_code == 200


def test_a_read_process_that_dies_is_replaced(own_server):
    base, process, _ = own_server
    victim = read_processes(process.pid)[0]
    os.kill(victim, signal.SIGKILL)
    assert wait_for(lambda: victim not in read_processes(process.pid) and len(read_processes(process.pid)) == 2)
    assert all(get(base, BOUNDED).status_code == 200 for _ in range(10))


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGKILL"])
def test_stopping_the_server_stops_its_read_processes(own_server, signal_name):
    base, process, path = own_server
    get(base, BOUNDED)
    readers = read_processes(process.pid)
    process.send_signal(getattr(signal, signal_name))
    process.wait(timeout=20)
    assert wait_for(lambda: all(gone(pid) for pid in readers))
    if signal_name == "SIGTERM":
        assert not list(path.parent.glob(f".{path.name}-snapshots-*"))
