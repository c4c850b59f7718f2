"""Measure the server under the issue-11 attacks, on a copy of a store: RSS and /healthz latency.

Starts ``newsgraph serve`` on a checkpoint of STORE (loopback, a free port), then, one after the
other: 24 clients that ask for a large result and never read it; 4 concurrent N-Triples exports;
6 concurrent 9.9 MB forms of empty fields; two heavy queries while ``ASK {}`` is timed; inline
relation reads while another client writes. First, the same probes with no attack: the baseline
of this run (the machine may be shared). Prints one JSON line per attack, with the load average
before and after it.

    python bench/hostile_load.py oxigraph:/tmp/serving-bench/1m --reads 10000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import httpx

TOKEN = "bench-token-0123456789abcdef"


def rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            return next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return 0


def children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


class Watch:
    """Polls /healthz every 20 ms and the server's (and its workers') RSS, in a thread."""

    def __init__(self, base: str, pid: int) -> None:
        self.base, self.pid = base, pid
        self.latencies: list[float] = []
        self.peak_server = self.peak_total = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(timeout=30) as client:
            while not self._stop.is_set():
                started = time.monotonic()
                client.get(f"{self.base}/healthz")
                self.latencies.append(time.monotonic() - started)
                server = rss(self.pid)
                self.peak_server = max(self.peak_server, server)
                self.peak_total = max(self.peak_total, server + sum(rss(c) for c in children(self.pid)))
                self._stop.wait(0.02)

    def __enter__(self) -> Watch:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def report(self, name: str, **extra) -> None:
        ordered = sorted(self.latencies) or [0.0]
        print(
            json.dumps(
                {
                    "attack": name,
                    "healthz_p99_ms": round(ordered[int(len(ordered) * 0.99)] * 1000),
                    "healthz_max_ms": round(ordered[-1] * 1000),
                    "probes": len(self.latencies),
                    "peak_server_rss_mb": round(self.peak_server / 1e6),
                    "peak_server_and_workers_rss_mb": round(self.peak_total / 1e6),
                    **extra,
                }
            ),
            flush=True,
        )


def idle(seconds: float) -> dict:
    """No attack: the /healthz figures to compare each attack's with, in the same run."""
    time.sleep(seconds)
    return {}


def unread(base: str, port: int, watch: Watch, limit: int) -> dict:
    target = "/sparql?query=" + quote(f"SELECT * WHERE {{ ?a ?b ?c . ?d ?e ?f }} LIMIT {limit}")
    sockets = []
    for _ in range(24):
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.connect(("127.0.0.1", port))
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        sockets.append(sock)
    started: set[int] = set()
    deadline = time.monotonic() + 600
    while len(started) < 24 and time.monotonic() < deadline:
        for i, sock in enumerate(sockets):
            sock.settimeout(0.01)
            try:
                if sock.recv(1, socket.MSG_PEEK):
                    started.add(i)
            except TimeoutError:
                pass
        time.sleep(0.2)
    time.sleep(1)
    for sock in sockets:
        sock.close()
    return {"answers_started": len(started)}


def exports(base: str) -> dict:
    def one() -> tuple[int, int]:
        with httpx.stream("GET", f"{base}/export", params={"format": "ntriples"}, timeout=1800) as answer:
            return answer.status_code, sum(len(c) for c in answer.iter_bytes())

    started = time.monotonic()
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: one(), range(4)))
    return {
        "statuses": [s for s, _ in results],
        "bytes": [n for _, n in results],
        "seconds": round(time.monotonic() - started, 1),
    }


def forms(port: int) -> dict:
    body = b"a=&" * 3_300_000
    head = (
        f"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()

    def one() -> str:
        with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
            sock.sendall(head + body)
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
        return answer.split(b" ", 2)[1].decode()

    with ThreadPoolExecutor(6) as pool:
        return {"statuses": list(pool.map(lambda _: one(), range(6)))}


def heavy(base: str) -> dict:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with ThreadPoolExecutor(2) as pool:
        running = [pool.submit(httpx.get, f"{base}/sparql", params={"query": query}, timeout=60) for _ in range(2)]
        time.sleep(1)
        asks = []
        for _ in range(20):
            started = time.monotonic()
            assert httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, timeout=30).status_code == 200
            asks.append(time.monotonic() - started)
            time.sleep(0.1)
        statuses = [f.result().status_code for f in running]
    return {"ask_max_ms": round(max(asks) * 1000), "heavy_statuses": statuses}


def reads_under_writes(base: str, reads: int, actor: str) -> dict:
    errors: list[str] = []
    stop = threading.Event()
    writes = [0]

    def write() -> None:
        with httpx.Client(timeout=60, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
            while not stop.is_set():
                update = f"INSERT DATA {{ GRAPH <urn:bench> {{ <urn:s> <urn:p> {writes[0]} }} }}"
                if client.post(f"{base}/sparql", data={"update": update}).status_code != 204:
                    errors.append("write")
                writes[0] += 1

    latencies: list[float] = []

    def read(n: int) -> None:
        with httpx.Client(timeout=60) as client:
            for _ in range(n):
                started = time.monotonic()
                answer = client.get(f"{base}/actors/{actor}/relations")
                latencies.append(time.monotonic() - started)
                if answer.status_code != 200:
                    errors.append(f"{answer.status_code} {answer.text[:200]}")

    writer = threading.Thread(target=write)
    writer.start()
    started = time.monotonic()
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(read, [reads // 2, reads - reads // 2]))
    seconds = time.monotonic() - started
    stop.set()
    writer.join()
    ordered = sorted(latencies) or [0.0]
    return {
        "reads": reads,
        "writes": writes[0],
        "errors": len(errors),
        "first_errors": errors[:3],
        "seconds": round(seconds, 1),
        "reads_per_second": round(reads / seconds, 1),
        "read_p50_ms": round(ordered[len(ordered) // 2] * 1000, 1),
        "read_p99_ms": round(ordered[int(len(ordered) * 0.99)] * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store", help="oxigraph:PATH of the store to copy")
    parser.add_argument("--limit", type=int, default=100_000, help="LIMIT of the unread query (100,000: 44 MB)")
    parser.add_argument("--reads", type=int, default=10_000)
    parser.add_argument("--actor", default="Q7747", help="an actor with at most 16 relations (inline reads)")
    parser.add_argument("--only", help="run only the attacks whose name contains this text")
    parser.add_argument("--baseline", type=float, default=10, help="seconds of /healthz probes with no attack")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hostile-"))
    copy = work / "store"
    from graph.store import OxigraphStore, open_store

    with open_store(args.store) as source:
        if not isinstance(source, OxigraphStore):
            raise SystemExit(f"{args.store}: the attacks need an on-disk Oxigraph store")
        source.backup(copy)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cli = str(Path(sys.executable).with_name("newsgraph"))
    env = {**os.environ, "NEWSGRAPH_WRITE_TOKEN": TOKEN, "NEWSGRAPH_QUERY_QUEUE": "32"}
    server = subprocess.Popen(
        [cli, "serve", "--store", f"oxigraph:{copy}", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        print(json.dumps({"idle_server_rss_mb": round(rss(server.pid) / 1e6)}), flush=True)
        attacks: list[tuple[str, Callable[[Watch], dict]]] = [  # each is given the watch over its run
            ("no attack (baseline)", lambda _: idle(args.baseline)),
            ("24 unread results", lambda watch: unread(base, port, watch, args.limit)),
            ("4 concurrent exports", lambda _: exports(base)),
            ("6 huge forms", lambda _: forms(port)),
            ("ASK with two heavy queries", lambda _: heavy(base)),
            ("inline reads under writes", lambda _: reads_under_writes(base, args.reads, args.actor)),
        ]
        for name, attack in attacks:
            if args.only and args.only not in name and attack is not attacks[0][1]:  # the baseline always runs
                continue
            load = os.getloadavg()[0]
            with Watch(base, server.pid) as watch:
                extra = attack(watch)
            watch.report(name, **extra, load_average=[round(load, 1), round(os.getloadavg()[0], 1)])
        server.kill()  # SIGKILL: its snapshot folder stays ...
        server.wait()
        left = list(work.glob(".store-snapshots-*"))
        server = subprocess.Popen(
            [cli, "serve", "--store", f"oxigraph:{copy}", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(600):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        print(
            json.dumps(
                {"snapshot_folders_after_kill": len(left), "surviving_the_restart": sum(f.exists() for f in left)}
            ),
            flush=True,
        )
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
