"""Serving benchmark: actor-relations latency and LIMIT-10 SELECT throughput, newsgraph against
Oxigraph server and rdflib-endpoint on the same data, machine and run. Figures go to docs/benchmarks.md.

    python bench/serving_bench.py STORE --oxigraph OXVENV/bin/oxigraph \
        --rdflib-endpoint RDFLIB_VENV/bin/rdflib-endpoint --duration 15

Needs ``wrk`` (Debian package) as the load generator: it is C, so the client takes little of the
CPU the servers need. Oxigraph server (PyPI ``oxigraph``, run as ``serve-read-only
--union-default-graph`` over its own checkpoint of the store) and rdflib-endpoint (PyPI
``rdflib-endpoint[cli]`` with ``oxrdflib``) live in their own throwaway virtualenvs; neither is a
newsgraph dependency.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import httpx

SELECT10 = "SELECT * WHERE { ?s ?p ?o } LIMIT 10"
ACTORS = (
    "PREFIX ng: <https://w3id.org/newsgraph/ontology#> SELECT ?a WHERE { "
    "GRAPH <https://w3id.org/newsgraph/graph/actors> { ?a a ng:Actor } }"
)
RELATED = (
    "PREFIX ng: <https://w3id.org/newsgraph/ontology#> SELECT DISTINCT ?a WHERE { "
    "GRAPH ?g { ?r ng:subject|ng:object ?a } }"
)


def wait(url: str, process: subprocess.Popen, seconds: float = 600) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server for {url} exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up")


def start(command: list[str], env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        command,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def cpu_seconds(pid: int) -> float:
    """CPU time of a process and its children (the query workers): a contention-proof cost figure."""
    pids = [pid, *children(pid)]
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except FileNotFoundError:
            pass
    return total / os.sysconf("SC_CLK_TCK")


def _found(pattern: str, text: str) -> re.Match[str]:
    """The first match of ``pattern`` in wrk's report, which must have it."""
    match = re.search(pattern, text)
    if match is None:
        raise RuntimeError(f"wrk's report lacks {pattern!r}:\n{text}")
    return match


def wrk(url: str, duration: int, connections: int, pid: int | None = None, threads: int = 2) -> dict:
    before = cpu_seconds(pid) if pid else 0.0
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "-H",
            "Accept: application/sparql-results+json",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(_found(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    p50 = _found(r"50%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p50.group(2)]
    requests = int(_found(r"(\d+) requests in", out).group(1))
    result = {
        "requests_per_s": rps,
        "requests": requests,
        "non_2xx": int(errors.group(1)) if errors else 0,
        "p50_ms": float(p50.group(1)) * scale,
    }
    if pid:
        result["server_cpu_ms_per_request"] = round((cpu_seconds(pid) - before) * 1000 / requests, 3)
    return result


#: the runaway of tests/api/test_safety.py: runs far past any timeout on the 1M-quad store
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def runaway_during(base: str, pid: int, load: Callable[[], dict]) -> tuple[dict, dict]:
    """``load()`` (a wrk run) with a runaway query sent at its start: the runaway must come back
    as a 503 query timeout at the server's timeout, its worker killed and replaced, while the
    load is served. Returns the load's figures and the runaway's."""
    workers = set(children(pid))
    outcome: dict = {}

    def run() -> None:
        started = time.monotonic()
        answer = httpx.get(f"{base}/sparql", params={"query": RUNAWAY}, timeout=120)
        outcome.update(
            status=answer.status_code,
            title=answer.json().get("title") if answer.status_code != 200 else None,
            seconds=round(time.monotonic() - started, 2),
        )

    thread = threading.Thread(target=run)
    thread.start()
    figures = load()
    thread.join()
    time.sleep(0.5)
    now = set(children(pid))
    outcome.update(workers_killed=len(workers - now), workers_now=len(now), workers_before=len(workers))
    return figures, outcome


def children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def actor_latency(port: int, actors: list[str], warm_up: list[str], pid: int) -> dict:
    """``GET /actors/{id}/relations`` over one keep-alive connection, with http.client (httpx
    itself costs about 0.7 ms a request, more than the server's own work), after requests for
    other actors (``warm_up``) have warmed the server's caches as traffic would; with the server's
    CPU per request (its process and children: read processes, query workers) and which process
    answered (``server: newsgraph`` is a read process)."""
    timings, sizes, answered_by = [], [], []
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    cpu = 0.0
    for rounds, measured in ((warm_up, False), (actors, True)):
        cpu = cpu_seconds(pid)
        for actor in rounds:
            start = time.perf_counter()
            # every stored relation, as before the routes' defaults (asserted, confidence >= threshold)
            connection.request("GET", f"/actors/{quote(actor, safe='')}/relations?polarity=all&min_confidence=0")
            response = connection.getresponse()
            body = response.read()
            elapsed = (time.perf_counter() - start) * 1000
            assert response.status == 200, body
            if measured:
                timings.append(elapsed)
                sizes.append(len(json.loads(body)["items"]))
                answered_by.append(response.getheader("server"))
    cpu = cpu_seconds(pid) - cpu
    connection.close()
    return {
        "n": len(timings),
        "p50_ms": statistics.median(timings),
        "p95_ms": percentile(timings, 0.95),
        "max_ms": max(timings),
        "server_cpu_ms_per_request": round(cpu * 1000 / len(timings), 3),
        "answered_by": {name: answered_by.count(name) for name in sorted(set(answered_by), key=str)},
        "relations_per_actor_p50": statistics.median(sizes),
        "relations_per_actor_max": max(sizes),
    }


def in_process_latency(store_path: str, actors: list[str]) -> dict:
    """The lookups alone (no HTTP, no worker), on the store read-only: the index reader the query
    workers run, and the SPARQL query it replaced (``graph.queries.find_relations``)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import pyoxigraph as ox

    from graph import relation_reader
    from graph.queries import find_relations
    from graph.store import open_store

    result = {}
    with open_store(f"oxigraph:{store_path}", read_only=True) as store:
        raw = ox.Store.read_only(store_path)
        ways = {
            "reader": lambda a: relation_reader.actor_relations_json(raw, {"actor": ("iri", a)}),
            "sparql": lambda a: find_relations(store, actor=ox.NamedNode(a)),
        }
        for name, run in ways.items():
            for actor in actors[:20]:
                run(actor)
            timings = []
            for actor in actors:
                start = time.perf_counter()
                run(actor)
                timings.append((time.perf_counter() - start) * 1000)
            result[name] = {
                "n": len(timings),
                "p50_ms": statistics.median(timings),
                "p95_ms": percentile(timings, 0.95),
            }
    return result


def actor_samples(store_path: str, size: int) -> dict[str, list[str]]:
    """Random actors (most have no relation), and random actors that take part in a relation; twice
    ``size`` of each: the second half warms the server up."""
    import pyoxigraph as ox

    store = ox.Store.read_only(store_path)
    everyone = sorted(r["a"].value for r in _solutions(store, ACTORS))
    related = sorted({r["a"].value for r in _solutions(store, RELATED)})
    samples = {}
    for name, actors in (("random", everyone), ("with_relations", related)):
        random.Random(7).shuffle(actors)
        samples[name] = actors[: 2 * size]
    return samples


def _solutions(store, sparql: str):
    """A SELECT query's solutions over the union of the store's graphs."""
    import pyoxigraph as ox

    result = store.query(sparql, use_default_graph_as_union=True)
    if not isinstance(result, ox.QuerySolutions):
        raise TypeError(f"not a SELECT query: {sparql}")
    return result


def actor_figures(report: dict, args, pid: int) -> None:
    samples = actor_samples(args.store, args.actors)
    for name, actors in samples.items():
        report[f"actor_relations_http_{name}"] = actor_latency(
            args.port, actors[: args.actors], actors[args.actors :], pid
        )
    report["actor_relations_in_process_with_relations"] = in_process_latency(
        args.store, samples["with_relations"][: args.actors]
    )


def select10(report: dict, base: str, pid: int, args) -> None:
    url = f"{base}/sparql?query={quote(SELECT10)}"
    wrk(url, 3, args.connections)  # warm-up
    report["newsgraph_select10"] = wrk(url, args.duration, args.connections, pid)
    # Then the same load with a runaway query beside it (the safety test's, under this load).
    load, runaway = runaway_during(base, pid, lambda: wrk(url, args.duration, args.connections))
    report["runaway_during_select10"] = {"select10_requests_per_s": load["requests_per_s"], **runaway}


def oxigraph_select10(args, work: Path) -> dict:
    """LIMIT-10 SELECT on Oxigraph server over its own checkpoint of the store, union default graph
    (the same rows as newsgraph's default graph)."""
    import pyoxigraph as ox

    copy = work / "oxigraph-store"
    ox.Store.read_only(args.store).backup(str(copy))
    port = args.port + 2
    server = start(
        [
            args.oxigraph,
            "serve-read-only",
            "--location",
            str(copy),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ]
    )
    try:
        url = f"http://127.0.0.1:{port}/query?query={quote(SELECT10)}"
        wait(url, server)
        wrk(url, 3, args.connections)
        return wrk(url, args.duration, args.connections, server.pid)
    finally:
        stop(server)


def main() -> None:
    parser = argparse.ArgumentParser(description="newsgraph serving benchmark")
    parser.add_argument("store", help="path of an Oxigraph store (see bench/serving_data.py)")
    parser.add_argument("--rdflib-endpoint", help="rdflib-endpoint executable (its own venv)")
    parser.add_argument("--oxigraph", help="Oxigraph server executable (PyPI oxigraph, its own venv)")
    parser.add_argument("--skip-actors", action="store_true", help="measure LIMIT-10 SELECT only")
    parser.add_argument("--only-actors", action="store_true", help="measure actor relations only")
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--actors", type=int, default=300)
    parser.add_argument("--port", type=int, default=8931)
    parser.add_argument("--processes", type=int, help="newsgraph serve --processes (default: one per CPU)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="serving-bench-"))
    report: dict = {
        "machine": {"cores": os.cpu_count()},
        "wrk": {"connections": args.connections, "duration_s": args.duration},
        "load_average_at_start": os.getloadavg(),
    }
    # A checkpoint: newsgraph serve then owns it (its lock), and the in-process figures read the original.
    import pyoxigraph as ox

    ox.Store.read_only(args.store).backup(str(work / "store"))
    newsgraph = str(Path(sys.executable).with_name("newsgraph"))
    base = f"http://127.0.0.1:{args.port}"
    command = [newsgraph, "serve", "--store", f"oxigraph:{work / 'store'}", "--port", str(args.port)]
    if args.processes is not None:
        command += ["--processes", str(args.processes)]
    report["newsgraph_processes"] = args.processes or os.cpu_count()
    server = start(command, env={"NEWSGRAPH_WRITE_TOKEN": ""})  # read-only
    try:
        wait(f"{base}/healthz", server)
        report["store"] = httpx.get(f"{base}/stats", timeout=120).json()
        report["store"].pop("event_types", None)
        if not args.skip_actors:
            actor_figures(report, args, server.pid)
        if not args.only_actors:
            select10(report, base, server.pid, args)
    finally:
        stop(server)
    if args.oxigraph and not args.only_actors:
        report["oxigraph_select10"] = oxigraph_select10(args, work)
        ours, theirs = report["newsgraph_select10"], report["oxigraph_select10"]
        report["vs_oxigraph_requests_per_s"] = round(ours["requests_per_s"] / theirs["requests_per_s"], 2)
        report["vs_oxigraph_cpu_per_request"] = round(
            theirs["server_cpu_ms_per_request"] / ours["server_cpu_ms_per_request"], 2
        )
    if args.rdflib_endpoint and not args.only_actors:
        dump = work / "data.nq"
        with open(dump, "wb") as f:
            ox.Store.read_only(args.store).dump(f, ox.RdfFormat.N_QUADS)
        port = args.port + 1
        started = time.monotonic()
        other = start(
            [
                args.rdflib_endpoint,
                "serve",
                "--store",
                "Oxigraph",
                "--port",
                str(port),
                "--host",
                "127.0.0.1",
                str(dump),
            ]
        )
        try:
            wait(f"http://127.0.0.1:{port}/?query={quote('ASK {}')}", other, seconds=1800)
            report["rdflib_endpoint_load_s"] = round(time.monotonic() - started, 1)
            url = f"http://127.0.0.1:{port}/?query={quote(SELECT10)}"  # rdflib-endpoint 0.6 serves SPARQL at /
            wrk(url, 3, args.connections)
            report["rdflib_endpoint_select10"] = wrk(url, args.duration, args.connections, other.pid)
        finally:
            stop(other)
        ours, theirs = report["newsgraph_select10"], report["rdflib_endpoint_select10"]
        report["speedup_requests_per_s"] = round(ours["requests_per_s"] / theirs["requests_per_s"], 2)
        report["speedup_cpu_per_request"] = round(
            theirs["server_cpu_ms_per_request"] / ours["server_cpu_ms_per_request"], 2
        )
    report["load_average"] = os.getloadavg()
    shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
