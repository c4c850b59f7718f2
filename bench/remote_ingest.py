"""Ingest into an Oxigraph server against the embedded store: the same articles, the same run.

A benchmark, not a test. The articles are parsed once; then the same records are written by
:func:`graph.ingest.ingest` (static graphs, the skip and version look-ups, one transaction per
article) into each store in turn, so that the figures compare the stores and not spaCy:

- ``embedded``: a new on-disk store (``oxigraph:PATH``);
- ``server, update``: a new Oxigraph server (``oxigraph serve --union-default-graph``) over
  ``sparql+http://.../query`` with ``--update-url .../update`` (each article one SPARQL Update);
- ``server, GSP``: the same with ``--gsp-url .../store`` (each article graph one Graph Store
  Protocol PUT).

It prints each store's seconds, articles/s and quads/s, the writer's CPU time (this process)
and, for the server, the server's CPU time, and the end-to-end ingest words/s these give with the
parse time of the same run added (one process; the model load excluded from all; a real ingest
overlaps its writes with the parse, so these end-to-end figures are the slower bound).

    .venv/bin/python bench/remote_ingest.py --oxigraph OXVENV/bin/oxigraph [--articles 60] [--rounds 2]

Oxigraph server is PyPI ``oxigraph`` in a virtualenv of its own (not a newsgraph dependency):
``python3 -m venv OXVENV && OXVENV/bin/pip install oxigraph==0.5.13``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest_speed import CORPUS, sample  # noqa: E402 - the bench folder and the repository on the path first
from serving_bench import cpu_seconds, start, stop, wait  # noqa: E402

from extract.articles import article_from_json  # noqa: E402
from extract.parallel import Extractor, Result  # noqa: E402
from extract.records import Article  # noqa: E402
from graph.ingest import IngestReport, ingest  # noqa: E402
from graph.store import open_store  # noqa: E402


class Parsed(Extractor):
    """Hands out records parsed beforehand, as a pipeline would (the stores' share alone is timed)."""

    def __init__(self, results: dict[str, Result]) -> None:
        self.results = results

    def map(self, batches: Iterable[Sequence[Article]]) -> Iterator[list[Result]]:
        for batch in batches:
            yield [self.results[a.id] for a in batch]


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write(
    url: str,
    articles: list[Article],
    results: dict[str, Result],
    update_url: str | None = None,
    gsp_url: str | None = None,
) -> tuple[IngestReport, float, float]:
    """Ingest the parsed articles into a new store at ``url``: the report, seconds, this process's CPU seconds."""
    started, before = time.perf_counter(), own_cpu()
    with open_store(url, update_url=update_url, gsp_url=gsp_url) as store:
        report = ingest(store, None, iter(articles), extractor=Parsed(results))
    return report, time.perf_counter() - started, own_cpu() - before


def server_run(oxigraph: str, work: Path, articles, results, gsp: bool) -> tuple[IngestReport, float, float, float]:
    """A new Oxigraph server (its start not timed): the ingest's report, seconds, its CPU (writer), the server's CPU."""
    location = work / f"server-{time.monotonic_ns()}"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start(
        [oxigraph, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    )
    try:
        wait(f"{base}/query?query=ASK%7B%7D", server)
        before = cpu_seconds(server.pid)
        gsp_url = f"{base}/store" if gsp else None
        report, seconds, cpu = write(f"sparql+{base}/query", articles, results, f"{base}/update", gsp_url)
        return report, seconds, cpu, cpu_seconds(server.pid) - before
    finally:
        stop(server)
        shutil.rmtree(location, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--oxigraph", default=shutil.which("oxigraph"), help="the Oxigraph server executable")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=1, help="repeat the stores, interleaved; keep the best")
    args = parser.parse_args()
    if not args.oxigraph:
        parser.error("give --oxigraph (PyPI oxigraph's server executable)")
    from extract.pipeline import extract_many, load_pipeline

    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    articles = [article_from_json(r, r["id"]) for r in sample(args.corpus, args.articles)]
    words = sum(len(a.text.split()) for a in articles)
    nlp = load_pipeline()
    started, cpu = time.perf_counter(), own_cpu()
    results = {a.id: r for a, r in zip(articles, extract_many(nlp, articles), strict=True)}
    parse_s, parse_cpu = time.perf_counter() - started, own_cpu() - cpu
    print(f"  parse (once, shared)   {parse_s:6.1f} s  {parse_cpu:6.1f} CPU s  {len(articles)} articles, {words} words")
    best: dict[str, tuple[float, float, float, IngestReport]] = {}
    with tempfile.TemporaryDirectory() as d:
        work = Path(d)
        for _ in range(args.rounds):
            for name in ("embedded", "server, update", "server, GSP"):
                if name == "embedded":
                    path = work / f"embedded-{time.monotonic_ns()}"
                    report, seconds, own = write(f"oxigraph:{path}", articles, results)
                    server_cpu = 0.0
                else:
                    gsp = name.endswith("GSP")
                    report, seconds, own, server_cpu = server_run(args.oxigraph, work, articles, results, gsp)
                print(
                    f"  {name:<15} {seconds:6.1f} s  {report.articles / seconds:6.1f} articles/s  "
                    f"{report.triples / seconds:8.0f} quads/s  writer CPU {own:5.1f} s  server CPU {server_cpu:5.1f} s"
                    f"  ({report.articles} stored, {len(report.failures)} failed, {report.triples} quads)",
                    flush=True,
                )
                if name not in best or seconds < best[name][0]:
                    best[name] = (seconds, own, server_cpu, report)
    embedded = best["embedded"][0]
    print(f"best of {args.rounds} round(s), stores only, and end to end with this run's parse ({parse_s:.1f} s):")
    for name, (seconds, own, server_cpu, _) in best.items():
        print(
            f"  {name:<15} store {seconds:6.1f} s ({seconds / embedded:4.2f}x the embedded store's time, "
            f"{(own + server_cpu) / max(best['embedded'][1], 1e-9):4.2f}x its CPU); "
            f"ingest {words / (parse_s + seconds):6.0f} words/s "
            f"({(parse_s + embedded) / (parse_s + seconds):4.2f}x the embedded ingest's)"
        )
    print(f"load average {os.getloadavg()[0]:.1f} after")


if __name__ == "__main__":
    main()
