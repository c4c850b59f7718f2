"""Hostile load on a real server (127.0.0.1, free port): unread results, huge forms, memory-hungry and
heavy queries, concurrent exports, reads racing writes. The server survives each, stays within its
memory bound, and keeps answering ``/healthz`` quickly meanwhile."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from urllib.parse import quote

import httpx
import pytest
from servers import TOKEN, make_app, running, store_copy  # noqa: F401 - a fixture
from views import copy_relation, slow_views

#: the issue's 44 MB query, with a LIMIT the test can afford 24 times (about 6.6 MB of JSON each)
LARGE = "SELECT * WHERE {{ ?a ?b ?c . ?d ?e ?f }} LIMIT {limit}"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
HUNGRY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?c"
HEALTH_P99 = 0.25


def rss(pid: int | None = None) -> int:
    """Resident bytes of a process (default: this one, which runs the test servers)."""
    with open(f"/proc/{pid or os.getpid()}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


class Probe:
    """Polls ``/healthz`` every 20 ms in a thread (at most ``limit`` times) and keeps the latencies."""

    def __init__(self, base: str, limit: int = 3000) -> None:
        self.base, self.limit = base, limit
        self.latencies: list[float] = []
        self.statuses: list[int] = []
        self.peak_rss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(timeout=10) as client:
            while not self._stop.is_set() and len(self.latencies) < self.limit:
                started = time.monotonic()
                self.statuses.append(client.get(f"{self.base}/healthz").status_code)
                self.latencies.append(time.monotonic() - started)
                self.peak_rss = max(self.peak_rss, rss())
                self._stop.wait(0.02)

    def __enter__(self) -> Probe:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=15)

    @property
    def p99(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[int(len(ordered) * 0.99)] if ordered else 0.0


def quiet_p99(base: str) -> float:
    """``/healthz`` p99 before an attack: what the machine's own load costs every request."""
    with Probe(base) as probe:
        time.sleep(0.6)
    return probe.p99


def assert_healthy(probe: Probe, quiet: float) -> None:
    """``/healthz`` p99 under 250 ms during the attack (the issue's target). On a machine busier than
    its cores (other test runs: the attack's own CPU then delays everything) the bound is 1 s, or
    three times the quiet p99: still far below the stalls this guards against (2.4 s per form)."""
    assert len(probe.latencies) >= 5 and set(probe.statuses) == {200}
    busy = os.getloadavg()[0] >= (os.cpu_count() or 1)
    bound = max(1.0 if busy else HEALTH_P99, 3 * quiet)
    assert probe.p99 < bound, f"/healthz p99 {probe.p99 * 1000:.0f} ms (quiet: {quiet * 1000:.0f} ms)"


def raw_get(port: int, target: str) -> socket.socket:
    """A GET sent on a socket that then reads nothing (a small receive buffer, so the server's writes stall)."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect(("127.0.0.1", port))
    sock.sendall(
        f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/sparql-results+json\r\n\r\n".encode()
    )
    return sock


@contextmanager
def serving(store, **settings):
    """A server over ``store``: yields its base URL, its port and the app."""
    app = make_app(store, **settings)
    with running(app) as base:
        yield base, int(base.rsplit(":", 1)[1]), app


@pytest.mark.slow
def test_unread_large_results_do_not_pin_memory(seeded_store):
    """24 clients ask for a large result and never read it: the answers wait in spool files, not in
    memory; the server's resident memory grows by less than a tenth of what they asked for."""
    limit = 10_000
    with serving(seeded_store, query_queue=32, query_timeout=30) as (base, port, app):
        size = len(httpx.get(f"{base}/sparql", params={"query": LARGE.format(limit=limit)}, timeout=30).content)
        assert size > 4_000_000
        quiet = quiet_p99(base)
        before = rss()
        target = "/sparql?query=" + quote(LARGE.format(limit=limit))
        with Probe(base) as probe:
            sockets = [raw_get(port, target) for _ in range(24)]
            try:
                deadline = time.monotonic() + 40
                started: set[int] = set()
                while len(started) < len(sockets) and time.monotonic() < deadline:
                    for i, sock in enumerate(sockets):  # an answer's headers come once its spool file is whole
                        sock.settimeout(0.01)
                        try:
                            if sock.recv(1, socket.MSG_PEEK):
                                started.add(i)
                        except TimeoutError:
                            pass
                    time.sleep(0.1)
                assert len(started) == len(sockets)
                time.sleep(0.5)
            finally:
                grown = probe.peak_rss - before
                for sock in sockets:
                    sock.close()
        print(f"RSS grew by {grown / 1e6:.1f} MB for {24 * size / 1e6:.0f} MB unread")
        assert grown < 24 * size / 8, f"RSS grew by {grown / 1e6:.0f} MB for {24 * size / 1e6:.0f} MB unread"
        assert_healthy(probe, quiet)
        # The clients are gone: so are their spool files.
        spool = app.state.executor.snapshots.spool
        deadline = time.monotonic() + 5
        while any(spool.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(spool.iterdir())


#: an attacker process (not threads of the process that runs the server, whose GIL they would hold):
#: N clients POST a 9.9 MB form of 3.3 million empty fields at once; prints each answer's status line
FORM_ATTACK = r"""
import socket, sys, threading
port, clients = int(sys.argv[1]), int(sys.argv[2])
body = b"a=&" * 3_300_000
lock = threading.Lock()
head = (f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
def one():
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head + body)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    line = answer.split(b"\r\n", 1)[0].decode() + " " + answer.rsplit(b"\r\n\r\n", 1)[1].decode() + "\n"
    with lock:  # one write per line: the threads' lines must not interleave
        sys.stdout.write(line)
        sys.stdout.flush()
threads = [threading.Thread(target=one) for _ in range(clients)]
for t in threads: t.start()
for t in threads: t.join()
"""


@pytest.mark.parametrize("clients", [1, 6])
def test_a_huge_form_is_refused_without_stalling_the_event_loop(seeded_store, clients):
    with serving(seeded_store) as (base, port, _):
        quiet = quiet_p99(base)
        with Probe(base) as probe:
            time.sleep(0.2)
            attack = subprocess.run(
                [sys.executable, "-c", FORM_ATTACK, str(port), str(clients)], capture_output=True, text=True, timeout=60
            )
            time.sleep(0.2)
    lines = attack.stdout.splitlines()
    assert len(lines) == clients and all(line.startswith("HTTP/1.1 413") for line in lines), attack
    assert "at most 100 are accepted" in lines[0]
    assert_healthy(probe, quiet)


def test_a_form_within_the_limits_still_works(server):
    answer = httpx.post(f"{server}/sparql", data={"query": "ASK {}"}, timeout=10)
    assert answer.status_code == 200 and answer.json()["boolean"] is True


@pytest.mark.parametrize(
    "query, settings, status, title",
    [
        (HUNGRY, {"query_memory_bytes": 150_000_000}, 503, "query memory limit"),
        (LARGE.format(limit=100_000), {"max_result_bytes": 1_000_000}, 413, "result too large"),
    ],
)
def test_per_query_caps_answer_problem_documents(seeded_store, query, settings, status, title):
    with serving(seeded_store, query_timeout=20, **settings) as (base, _, _):
        quiet = quiet_p99(base)
        with Probe(base) as probe:
            started = time.monotonic()
            answer = httpx.get(f"{base}/sparql", params={"query": query}, timeout=30)
            elapsed = time.monotonic() - started
            assert httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, timeout=10).status_code == 200
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json" and answer.json()["title"] == title
    assert elapsed < 15  # stopped at its cap, not at its timeout
    assert_healthy(probe, quiet)


@pytest.mark.slow
def test_cheap_queries_are_answered_while_heavy_ones_hold_every_general_worker(seeded_store):
    with serving(seeded_store, query_timeout=6, query_queue=1) as (base, _, _), ThreadPoolExecutor(4) as pool:
        heavy = [pool.submit(httpx.get, f"{base}/sparql", params={"query": HEAVY}, timeout=30) for _ in range(2)]
        time.sleep(0.5)  # both general workers now run a heavy query
        waiting = pool.submit(httpx.get, f"{base}/sparql", params={"query": HEAVY}, timeout=30)
        time.sleep(0.3)
        refused = httpx.get(f"{base}/sparql", params={"query": HEAVY + " "}, timeout=30)
        latencies = []
        for _ in range(10):
            started = time.monotonic()
            ask = httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, timeout=30)
            latencies.append(time.monotonic() - started)
            assert ask.status_code == 200 and ask.json()["boolean"] is True
            relations = httpx.get(f"{base}/actors/Q7747/relations", timeout=30)
            assert relations.status_code == 200
            time.sleep(0.1)
        assert max(latencies) < 1.0, latencies
        # A third heavy query waits its turn; a fourth, beyond the queue bound, is refused at once.
        assert refused.status_code == 503 and refused.headers["retry-after"]
        assert refused.json()["title"] == "server busy"
        assert [f.result().status_code for f in heavy] == [503, 503]  # their timeout
        assert waiting.result().status_code == 503


def test_a_cheap_looking_query_that_is_not_moves_to_the_general_lane(seeded_store):
    # Looks cheap (an ASK of three patterns), is a filtered three-way cartesian product.
    sneaky = 'ASK { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(STR(?a) = CONCAT(STR(?d), STR(?g), "!")) }'
    with serving(seeded_store, query_timeout=3, fast_lane_seconds=0.2) as (base, _, _), ThreadPoolExecutor(1) as pool:
        started = time.monotonic()
        running_sneaky = pool.submit(httpx.get, f"{base}/sparql", params={"query": sneaky}, timeout=30)
        time.sleep(0.8)  # past its fast-lane budget: it runs in the general lane now, the fast lane is free
        ask_started = time.monotonic()
        assert httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, timeout=5).status_code == 200
        ask = time.monotonic() - ask_started
        answer = running_sneaky.result()
        elapsed = time.monotonic() - started
    assert ask < 1.0
    # It had its whole timeout (not only the fast lane's 0.2 s) before it was stopped.
    assert answer.status_code == 503 and answer.json()["title"] == "query timeout" and elapsed >= 2.8


@pytest.mark.slow
def test_concurrent_exports_stream_in_bounded_memory(seeded_store):
    with serving(seeded_store, max_exports=4) as (base, _, _), ThreadPoolExecutor(5) as pool:
        quiet = quiet_p99(base)
        with Probe(base) as probe:
            before = rss()
            started = threading.Barrier(5, timeout=30)

            def export() -> tuple[int, int]:
                with httpx.stream("GET", f"{base}/export", params={"format": "ntriples"}, timeout=60) as answer:
                    chunks = answer.iter_bytes()
                    size = len(next(chunks))
                    started.wait()  # all four stream now, each holding an export slot
                    started.wait()  # ... until the fifth has been refused
                    return answer.status_code, size + sum(len(chunk) for chunk in chunks)

            running_exports = [pool.submit(export) for _ in range(4)]
            started.wait()
            extra = httpx.get(f"{base}/export", params={"format": "ntriples"}, timeout=30)
            started.wait()
            results = [f.result() for f in running_exports]
        grown = probe.peak_rss - before
    assert extra.status_code == 503 and extra.headers["retry-after"]
    assert {status for status, _ in results} == {200}
    size = results[0][1]
    assert size > 5_000_000 and {n for _, n in results} == {size}
    # The exports run in processes of their own: the server only relays their chunks.
    assert grown < 40_000_000, f"RSS grew by {grown / 1e6:.0f} MB"
    assert_healthy(probe, quiet)


#: inline relation reads per reader while another client writes
READS_UNDER_WRITES = 60
#: writes that must have raced the reads below
RACING_WRITES = 5


@pytest.mark.slow
def test_inline_relation_reads_never_fail_under_concurrent_writes(store_copy):  # noqa: F811 - the fixture
    app = make_app(store_copy, write_token=TOKEN)
    errors: list[str] = []
    writes: list[int] = []
    stop = threading.Event()
    with running(app) as base:

        def write() -> None:
            write_without_pause(base, stop, errors, writes)

        def read() -> int:
            done, deadline = 0, time.monotonic() + 60
            with httpx.Client(timeout=30) as client:
                # a count, not a time (reads wait for each write's view), and on until the writes that make
                # new snapshots have raced them: on a busy machine the writer starts late
                while done < READS_UNDER_WRITES or (len(writes) < RACING_WRITES and time.monotonic() < deadline):
                    answer = client.get(f"{base}/actors/Q7747/relations")
                    if answer.status_code != 200:
                        errors.append(f"read {answer.status_code}: {answer.text}")
                    done += 1
            return done

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        with ThreadPoolExecutor(2) as pool:
            reads = sum(pool.map(lambda _: read(), range(2)))
        stop.set()
        writer.join(timeout=30)
        leftovers = [p.name for p in app.state.executor.snapshots.root.iterdir() if p.name.isdigit()]
    assert not errors, errors[:5]
    assert reads >= 2 * READS_UNDER_WRITES and len(writes) >= RACING_WRITES  # each write: a snapshot to switch to
    assert len(leftovers) <= 2  # the current snapshot, and the inline reader's if it lags one behind


#: how long the server's view of a new snapshot takes to open below (about 30 ms on a 1M-quad store, more
#: on a busy machine): reads that each waited for the view of the latest write would make at most
#: 2 / SLOW_VIEW a second (two readers)
SLOW_VIEW = 1.0
#: reads a second two readers keep up beside the writers: three times what waiting reads could make
#: (about 30 on a machine with six times more runnable threads than cores)
READS_PER_SECOND = 3 * 2 / SLOW_VIEW
#: writes of the read-your-writes client: Egypt's relations stay within the inline reads' 16
OWN_WRITES = 4


def write_without_pause(base: str, stop: threading.Event, errors: list[str], writes: list[int] | None = None) -> None:
    """Write one triple after another until ``stop``; failures go to ``errors``, done writes to ``writes``."""
    with httpx.Client(timeout=30, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        for i in range(10_000):
            if stop.is_set():
                return
            update = f"INSERT DATA {{ GRAPH <urn:scratch> {{ <urn:s> <urn:p> {i} }} }}"
            answer = client.post(f"{base}/sparql", data={"update": update})
            if answer.status_code != 204:
                errors.append(f"write {answer.status_code}: {answer.text}")
            if writes is not None:
                writes.append(i)


def write_then_read(base: str, errors: list[str]) -> None:
    """Give Egypt a relation more, OWN_WRITES times: each write's answer comes once the server's view
    has it, so the read that follows sees it."""
    with httpx.Client(timeout=30, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        before = client.get(f"{base}/actors/egypt/relations").json()["total"]
        for n in range(1, OWN_WRITES + 1):
            answer = client.post(f"{base}/sparql", data={"update": copy_relation(n)})
            if answer.status_code != 204:
                errors.append(f"write {answer.status_code}: {answer.text}")
            total = client.get(f"{base}/actors/egypt/relations").json()["total"]
            if total != before + n:
                errors.append(f"after write {n}: {total} relations, not {before + n}")


def read_all_along(base: str, stop: threading.Event, errors: list[str], read_at: list[float]) -> None:
    with httpx.Client(timeout=30) as client:
        for _ in range(20_000):
            if stop.is_set():
                return
            answer = client.get(f"{base}/actors/Q7747/relations")
            if answer.status_code != 200:
                errors.append(f"read {answer.status_code}: {answer.text}")
            read_at.append(time.monotonic())


@pytest.mark.slow
def test_reads_keep_flowing_and_see_their_own_writes_while_clients_write(store_copy, monkeypatch):  # noqa: F811
    """Two clients read an actor's relations all along; beside them one client writes without a pause,
    another writes and reads its own writes. No read waits for a view."""
    app = make_app(store_copy, write_token=TOKEN)
    slow_views(monkeypatch, SLOW_VIEW)
    errors: list[str] = []
    read_at: list[float] = []
    stop = threading.Event()
    with running(app) as base, ThreadPoolExecutor(3) as pool:
        httpx.get(f"{base}/actors/Q7747/relations", timeout=30)  # the first read opens the first view
        readers = [pool.submit(read_all_along, base, stop, errors, read_at) for _ in range(2)]
        writer = pool.submit(write_without_pause, base, stop, errors)
        writing = time.monotonic()
        write_then_read(base, errors)
        written = time.monotonic()
        stop.set()
        for client in (*readers, writer):
            client.result()
    assert not errors, errors[:5]
    rate = sum(writing <= t < written for t in read_at) / (written - writing)
    print(f"{rate:.0f} reads/s beside the writers ({OWN_WRITES} own writes in {written - writing:.1f} s)")
    assert written - writing >= OWN_WRITES * SLOW_VIEW, "each write waited for its view"
    assert rate >= READS_PER_SECOND, f"{rate:.1f} reads/s"
