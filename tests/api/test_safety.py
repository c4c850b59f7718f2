"""Safety under load: a runaway query is stopped at its timeout (its worker killed, the CPU freed)
while the server keeps answering; request bodies are capped."""

from __future__ import annotations

import os
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from servers import make_app, running

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
QUICK = "SELECT ?s WHERE { ?s a <https://w3id.org/newsgraph/ontology#Actor> } LIMIT 5"
TIMEOUT = 2.0


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.slow
def test_runaway_queries_are_stopped_while_others_are_answered(seeded_store):
    app = make_app(seeded_store, query_timeout=TIMEOUT, query_workers=2)
    executor = app.state.executor
    assert executor.stops_runaway_queries
    with running(app) as base, httpx.Client(timeout=30) as client, ThreadPoolExecutor(8) as pool:
        before = set(executor.pids)
        idle_cpu = {pid: cpu_seconds(pid) for pid in before}  # what starting took
        started = time.monotonic()
        runaway = pool.submit(client.get, f"{base}/sparql", params={"query": RUNAWAY})
        busy: list[int] = []
        while not busy and time.monotonic() - started < TIMEOUT * 0.8:  # the runaway holds a worker, burns a core
            time.sleep(0.1)
            busy = [pid for pid in before if cpu_seconds(pid) > idle_cpu[pid] + 0.1]
        assert len(busy) == 1
        latencies, statuses = [], []
        while not runaway.done():
            batch = [pool.submit(_timed, client, f"{base}/sparql", {"query": QUICK}) for _ in range(4)]
            batch += [pool.submit(_timed, client, f"{base}/actors/Q7747/relations", {})]
            for future in batch:
                status, seconds = future.result()
                statuses.append(status)
                latencies.append(seconds)
        elapsed = time.monotonic() - started
        response = runaway.result()
        assert response.status_code == 503 and response.json()["title"] == "query timeout"
        assert TIMEOUT <= elapsed < TIMEOUT + 2
        # Nobody waited behind the runaway: answers kept coming while it ran, typically at once.
        # The bound on the slowest is loose because two busy cores can stall any one request.
        assert len(statuses) >= 20 and set(statuses) == {200}
        assert statistics.median(latencies) < TIMEOUT / 10
        assert max(latencies) < TIMEOUT * 0.75
        # The runaway's worker is gone (killed, not left computing) and a fresh one replaced it.
        time.sleep(0.2)
        killed = busy[0]
        assert killed not in executor.pids and len(executor.pids) == len(before)
        assert not os.path.exists(f"/proc/{killed}") or open(f"/proc/{killed}/stat").read().split()[2] == "Z"
        assert client.get(f"{base}/sparql", params={"query": QUICK}).status_code == 200


@pytest.mark.slow
def test_more_runaways_than_workers_all_time_out_and_the_server_recovers(seeded_store):
    app = make_app(seeded_store, query_timeout=1.0, query_workers=2)
    with running(app) as base, httpx.Client(timeout=30) as client, ThreadPoolExecutor(4) as pool:
        started = time.monotonic()
        futures = [pool.submit(client.get, f"{base}/sparql", params={"query": RUNAWAY}) for _ in range(4)]
        assert [f.result().status_code for f in futures] == [503] * 4
        assert time.monotonic() - started < 4  # queued ones give up at their own deadline
        assert client.get(f"{base}/healthz").status_code == 200
        assert client.get(f"{base}/sparql", params={"query": QUICK}).status_code == 200


def _timed(client: httpx.Client, url: str, params: dict) -> tuple[int, float]:
    start = time.monotonic()
    response = client.get(url, params=params)
    return response.status_code, time.monotonic() - start


@pytest.mark.parametrize("headers", [{}, {"Transfer-Encoding": "chunked"}])
def test_request_bodies_are_capped(seeded_store, headers):
    app = make_app(seeded_store, max_request_bytes=1_000)
    body = ("SELECT * WHERE { ?s ?p ?o } #" + "x" * 2_000).encode()
    with running(app) as base:
        content = body if not headers else iter([body[:500], body[500:]])
        response = httpx.post(
            f"{base}/sparql", content=content, headers={**headers, "Content-Type": "application/sparql-query"}
        )
        small = httpx.post(
            f"{base}/sparql", content=body[:200].split(b"#")[0], headers={"Content-Type": "application/sparql-query"}
        )
    assert response.status_code == 413 and response.headers["content-type"] == "application/problem+json"
    assert small.status_code == 200


def test_memory_stores_fall_back_to_threads_and_say_so():
    from graph.store import open_store

    with open_store("memory:") as store, running(make_app(store, query_timeout=1.0)) as base:
        health = httpx.get(f"{base}/healthz").json()
    assert health["killable_queries"] is False


@pytest.mark.slow
@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGKILL"])
def test_a_stopped_server_leaves_no_busy_workers(seeded_store, tmp_path, signal_name):
    """A real ``newsgraph serve`` process, mid-way through a runaway query, stops promptly on SIGTERM,
    and its query workers exit even when the server itself was killed (SIGKILL)."""
    import signal
    import subprocess
    import sys
    import threading
    from pathlib import Path

    from servers import free_port, wait_until_healthy

    path = tmp_path / "store"
    seeded_store.backup(path)  # a copy: the server process takes its lock
    port = free_port()
    cli = str(Path(sys.executable).with_name("newsgraph"))
    server = subprocess.Popen(
        [cli, "serve", "--store", f"oxigraph:{path}", "--port", str(port), "--query-timeout", "60"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, timeout=30)
        workers = [  # and the read processes of `--processes` (one per CPU by default): all must go
            int(p)
            for p in subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
        ]
        commands = [Path(f"/proc/{pid}/cmdline").read_bytes() for pid in workers]
        assert sum(b"query_worker" in command for command in commands) == 3  # two general workers, the fast lane's
        threading.Thread(
            target=lambda: _swallow(httpx.get, f"{base}/sparql", params={"query": RUNAWAY}, timeout=60), daemon=True
        ).start()
        time.sleep(0.5)
        started = time.monotonic()
        server.send_signal(getattr(signal, signal_name))
        server.wait(timeout=20)
        assert time.monotonic() - started < 15

        def gone(pid: int) -> bool:
            try:
                with open(f"/proc/{pid}/stat") as f:
                    return f.read().rsplit(")", 1)[1].split()[0] == "Z"
            except FileNotFoundError:
                return True

        deadline = time.monotonic() + 10
        while not all(gone(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert all(gone(pid) for pid in workers)
        leftovers = list(path.parent.glob(f".{path.name}-snapshots-*"))
        if signal_name == "SIGTERM":
            assert not leftovers  # a stopped server removes its snapshots
        else:
            assert leftovers  # a killed one cannot: the next start removes them
            server = subprocess.Popen(
                [cli, "serve", "--store", f"oxigraph:{path}", "--port", str(port)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            wait_until_healthy(base, timeout=30)
            assert not any(folder.exists() for folder in leftovers)
            assert len(list(path.parent.glob(f".{path.name}-snapshots-*"))) == 1  # its own
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def _swallow(call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except httpx.HTTPError:
        pass
