"""Where an ingest's CPU seconds go, phase by phase, against bare spaCy's on the same articles.

A benchmark, not a test. Runs one variant in this process (``--variant bare|ingest``) and prints, as
JSON, the CPU seconds (``time.thread_time`` of the thread that ran it) of each phase: the
interpreter's start, the imports, the pipeline's load, the language detector's model, the language
check and the skip look-ups per article, the parse (``nlp.pipe``), the records, the static graphs,
the writes and flushes, and the close; ``rest`` is the process's CPU (``getrusage``) not in a
phase, ``workers`` what finished worker processes used. The driver runs the variants alternately,
each in a fresh process, and prints them side by side with the load average:

    .venv/bin/python bench/ingest_cpu.py [--articles 60] [--workers 1 2] [--rounds 1]
"""

from __future__ import annotations

import resource

_START = resource.getrusage(resource.RUSAGE_SELF)  # the interpreter's start, before any import below

import argparse  # noqa: E402
import functools  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest_speed import CORPUS, sample  # noqa: E402

PHASES: dict[str, float] = defaultdict(float)
THREADS: dict[str, float] = {}
_LOCK = threading.Lock()
_ACTIVE = threading.local()


def _rusage(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


class phase:
    """Adds the CPU time of this thread inside the block to ``PHASES[name]`` (outermost phase only)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> None:
        self.outer = not getattr(_ACTIVE, "on", False)
        if self.outer:
            _ACTIVE.on = True
            self.start = time.thread_time()

    def __exit__(self, *exc: object) -> None:
        if self.outer:
            spent = time.thread_time() - self.start
            _ACTIVE.on = False
            with _LOCK:
                PHASES[self.name] += spent


def wrap(owner: Any, attribute: str, name: str) -> None:
    """Count the CPU time of ``owner.attribute`` (a function or method) as the phase ``name``."""
    function = getattr(owner, attribute)

    @functools.wraps(function)
    def counted(*args, **kwargs):
        with phase(name):
            return function(*args, **kwargs)

    setattr(owner, attribute, counted)


def wrap_generator(owner: Any, attribute: str, name: str) -> None:
    """Count the CPU time spent inside each step of the generator ``owner.attribute`` returns."""
    function = getattr(owner, attribute)

    @functools.wraps(function)
    def counted(*args, **kwargs):
        iterator = iter(function(*args, **kwargs))
        while True:
            with phase(name):
                try:
                    item = next(iterator)
                except StopIteration:
                    return
            yield item

    setattr(owner, attribute, counted)


def thread_cpu() -> dict[str, float]:
    """CPU seconds of this process's live threads by name (``/proc``): the store's own threads too."""
    out: dict[str, float] = defaultdict(float)
    tick = os.sysconf("SC_CLK_TCK")
    for task in Path("/proc/self/task").iterdir():
        try:
            stat = (task / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        out[name] += (int(fields[11]) + int(fields[12])) / tick
    return dict(out)


def run_bare(rows: list[dict], workers: int) -> None:
    with phase("imports"):
        import spacy

        from extract.pipeline import resolve_model
    with phase("pipeline load"):
        nlp = spacy.load(resolve_model(None), exclude=["textcat"])
    with phase("parse (nlp.pipe)"):
        for _ in nlp.pipe((r["text"] for r in rows), batch_size=32, n_process=workers):
            pass


def run_ingest(rows: list[dict], workers: int) -> None:
    with phase("imports"):
        import extract.articles as articles
        import extract.parallel as parallel
        import graph.ingest as ingest
        import graph.reference as reference
        import graph.store as store_module
    _instrument(articles, ingest, reference, store_module)
    with tempfile.TemporaryDirectory() as d:
        source = Path(d) / "articles.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        inputs = articles.read_articles([source])
        with phase("store open"):
            store = store_module.open_store(f"oxigraph:{d}/store")
        try:
            if workers > 1:
                with phase("worker pool start"):
                    extractor: Any = parallel.ProcessPool(parallel.PipelineSpec(), workers)
            else:
                with phase("imports"):
                    import extract.pipeline as pipeline
                _instrument_pipeline(pipeline)
                with phase("pipeline load"):
                    extractor = parallel.InProcess(pipeline.load_pipeline())
            with extractor:
                ingest.ingest(store, None, inputs, extractor=extractor)
        finally:
            THREADS.update(thread_cpu())
            with phase("close"):
                store.close()


def _instrument(articles, ingest, reference, store_module) -> None:
    wrap(articles, "_load_language_identifier", "language model")
    wrap(articles, "check_text", "language check and read")
    wrap_generator(articles, "_read_articles", "language check and read")
    wrap(ingest, "is_stored", "skip look-ups")
    wrap(ingest, "ensure_static_graphs", "static graphs")
    wrap(ingest._Run, "write", "writes")
    wrap(ingest._Run, "flush", "flushes")
    import extract.parallel as parallel

    wrap(parallel, "rejoin", "results from workers")


def _instrument_pipeline(pipeline) -> None:
    wrap(pipeline, "records", "records")
    wrap(pipeline, "make_doc", "parse (nlp.pipe)")
    wrap_generator(pipeline.Language, "pipe", "parse (nlp.pipe)")


def child(args: argparse.Namespace) -> None:
    rows = sample(args.corpus, args.articles)
    PHASES["interpreter start"] = _START.ru_utime + _START.ru_stime
    started = time.perf_counter()
    (run_ingest if args.variant == "ingest" else run_bare)(rows, args.workers)
    wall = time.perf_counter() - started
    own = _rusage(resource.RUSAGE_SELF)
    phases = dict(PHASES)
    phases["rest (not in a phase)"] = own - sum(phases.values())
    phases["workers (child processes)"] = _rusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "threads": THREADS,
                "phases": phases,
                "own": own,
                "wall": wall,
                "words": sum(len(r["text"].split()) for r in rows),
            }
        )
    )


def measure(variant: str, args: argparse.Namespace, workers: int, tree: str | None = None) -> dict:
    command = [sys.executable, __file__, "--child", variant, "--articles", str(args.articles)]
    command += ["--workers", str(workers), "--corpus", str(args.corpus)]
    env = dict(os.environ, PYTHONPATH=tree) if tree else None  # another tree's code first on the path
    load = os.getloadavg()[0]
    out = subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result["load"] = (load, os.getloadavg()[0])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--tree", action="append", default=[], help="also ingest with this tree's code (e.g. main's)")
    parser.add_argument("--child", choices=["bare", "ingest"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        args.variant = args.child
        args.workers = args.workers[0]
        child(args)
        return
    for round_ in range(args.rounds):
        for workers in args.workers:
            results = {"bare": measure("bare", args, workers)}
            for tree in args.tree:
                results[f"ingest {Path(tree).name}"] = measure("ingest", args, workers, tree)
            results["ingest"] = measure("ingest", args, workers)
            show(results, f"round {round_ + 1}, {workers} process(es), {args.articles} articles, CPU seconds:")


def show(results: dict[str, dict], title: str) -> None:
    """The phases of each variant side by side, their totals, wall times, load averages and ratios."""
    print(title)
    print(f"  {'':28} " + " ".join(f"{v[-12:]:>12}" for v in results))
    for name in dict.fromkeys(n for r in results.values() for n in r["phases"]):
        print(f"  {name:28} " + " ".join(f"{r['phases'].get(name, 0.0):12.2f}" for r in results.values()))
    total = {v: r["own"] + r["phases"]["workers (child processes)"] for v, r in results.items()}
    print(f"  {'total CPU':28} " + " ".join(f"{c:12.2f}" for c in total.values()))
    print(f"  {'wall':28} " + " ".join(f"{r['wall']:12.2f}" for r in results.values()))
    print("  load average " + ", ".join(f"{v} {r['load'][0]:.1f}->{r['load'][1]:.1f}" for v, r in results.items()))
    threads = sorted(results["ingest"]["threads"].items(), key=lambda x: -x[1])
    print("  ingest's live threads before close, CPU s: " + ", ".join(f"{k} {v:.2f}" for k, v in threads))
    ratios = ", ".join(f"{v} {total['bare'] / c:.2f}x" for v, c in total.items() if v != "bare")
    print(f"  ingest / bare by CPU: {ratios}", flush=True)


if __name__ == "__main__":
    main()
