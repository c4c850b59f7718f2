"""Ingest throughput against bare spaCy, and peak memory against corpus size, measured side by side.

A benchmark, not a test. Each variant runs in a fresh process (model load, and for ingest the
store's start-up, included), on the same corpus articles, and prints its words/s and peak RSS; the
driver prints the ratios of the same run:

- ``bare``: ``spacy.load`` + ``nlp.pipe`` over the texts (``--workers 2``: ``n_process=2``);
- ``pipeline``: the same with newsgraph's components (``load_pipeline``), records not built, nothing stored;
- ``ingest``: :func:`graph.ingest.ingest` into a new on-disk store, in this process (1 worker) or
  with ``ProcessPool`` workers, as ``newsgraph ingest --workers N`` does;
- ``--memory``: peak RSS of an ingest of 150 and of 600 articles (the corpus repeated with fresh ids
  when it is smaller), with ``--memory-workers`` workers (1: in this process); besides this process's
  own peak, the peak over time of the sum over the process tree (this process, the fork server and
  its workers), in RSS (shared pages counted in each process) and in PSS (shared pages divided among
  them: what the tree takes from the machine).

    .venv/bin/python bench/ingest_speed.py [--articles 100] [--workers 1 2] [--memory 150 600] [--memory-workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

#: the shared corpus beside the repository (or a worktree of it)
CORPUS = next(
    (p / "shared" / "corpus" for p in Path(__file__).resolve().parents if (p / "shared" / "corpus").is_dir()),
    Path("../shared/corpus"),
)


def sample(corpus: Path, n: int, seed: int = 0, base: int | None = None) -> list[dict]:
    """``n`` corpus articles: the first ``base`` of a shuffle (all by default), repeated under new ids."""
    rows: list[dict] = []
    for path in sorted(corpus.glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            rows.extend(json.loads(line) for line in f if line.strip())
    random.Random(seed).shuffle(rows)
    rows = rows[:base] if base else rows
    out = []
    for i in range(n):
        row = dict(rows[i % len(rows)])
        if i >= len(rows):
            row["id"] = f"{row['id']}-copy{i // len(rows)}"
            row["text"] += f"\n\n(Copy {i // len(rows)}.)"  # another text: not skipped as already stored
            if row.get("url"):  # nor taken for a new version of the article at that URL (replaced, not added)
                row["url"] += ("&" if "?" in row["url"] else "?") + f"copy={i // len(rows)}"
        out.append(row)
    return out


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (the fork server's workers are its children, not ours)."""
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        todo.extend(int(c) for c in children)
    return out


def _rollup_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB, from ``/proc/PID/smaps_rollup``; (0, 0) once it is gone."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


class TreeMemory:
    """Samples the process tree's summed RSS and PSS every ``interval`` seconds in a thread; keeps the peaks."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak_rss = self.peak_pss = 0
        self.processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tree-memory", daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            pids = _descendants(os.getpid())
            sizes = [_rollup_kib(pid) for pid in pids]
            self.peak_rss = max(self.peak_rss, sum(r for r, _ in sizes))
            self.peak_pss = max(self.peak_pss, sum(p for _, p in sizes))
            self.processes = max(self.processes, len(pids))

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (worker processes): on a shared machine it
    is far less disturbed by the other load than wall time."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_bare(rows: list[dict], workers: int, newsgraph: bool = False) -> dict:
    """spaCy's model alone (``bare``), or with newsgraph's components (``pipeline``), over the texts."""
    import spacy

    from extract.pipeline import load_pipeline, resolve_model

    start = time.perf_counter()
    nlp = load_pipeline() if newsgraph else spacy.load(resolve_model(None), exclude=["textcat"])
    for _ in nlp.pipe((r["text"] for r in rows), batch_size=32, n_process=workers):
        pass
    return {"seconds": time.perf_counter() - start}


def run_ingest(rows: list[dict], workers: int, store_url: str | None = None) -> dict:
    """:func:`graph.ingest.ingest` as ``newsgraph ingest --workers N`` runs it: from a JSON-lines file,
    the pipeline loaded in this process only for one worker."""
    from extract.articles import read_articles
    from extract.parallel import InProcess, PipelineSpec, ProcessPool
    from graph.ingest import ingest
    from graph.store import open_store

    with tempfile.TemporaryDirectory() as d:
        source = Path(d) / "articles.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        start = time.perf_counter()
        url = store_url or f"oxigraph:{d}/store"
        inputs = read_articles([source])  # as the command: before the pipeline, so the language model loads beside it
        with open_store(url) as store:
            if workers > 1:
                extractor: Any = ProcessPool(PipelineSpec(), workers)
            else:
                from extract.pipeline import load_pipeline

                extractor = InProcess(load_pipeline())
            with extractor:
                report = ingest(store, None, inputs, extractor=extractor)
        seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "articles": report.articles,
        "relations": report.relations,
        "triples": report.triples,
        "failed": len(report.failures),
    }


def child(args: argparse.Namespace) -> None:
    rows = sample(args.corpus, args.articles, base=args.base)
    with TreeMemory() as tree:
        if args.variant == "ingest":
            result = run_ingest(rows, args.workers, args.store)
        else:
            result = run_bare(rows, args.workers, newsgraph=args.variant == "pipeline")
    result.update(words=sum(len(r["text"].split()) for r in rows), rss_mib=peak_rss_mib(), cpu=cpu_seconds())
    result.update(tree_rss_mib=tree.peak_rss / 1024, tree_pss_mib=tree.peak_pss / 1024, processes=tree.processes)
    print(json.dumps(result))


def measure(
    variant: str, articles: int, workers: int, corpus: Path, store: str | None = None, base: int | None = None
) -> dict:
    command = [
        sys.executable,
        __file__,
        "--child",
        variant,
        "--articles",
        str(articles),
        "--workers",
        str(workers),
        "--corpus",
        str(corpus),
    ]
    command += (["--store", store] if store else []) + (["--base", str(base)] if base else [])
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result["words_per_s"] = result["words"] / result["seconds"]
    result["words_per_cpu_s"] = result["words"] / result["cpu"]
    print(
        f"  {variant:<7} workers {workers}  {articles} articles  {result['seconds']:7.1f} s  "
        f"{result['words_per_s']:8.0f} words/s  {result['cpu']:7.1f} CPU s "
        f"{result['words_per_cpu_s']:6.0f} words/CPU-s  load {os.getloadavg()[0]:.1f}"
        f"  peak RSS {result['rss_mib']:6.0f} MiB"
        f" (tree of {result['processes']}: RSS {result['tree_rss_mib']:.0f}, PSS {result['tree_pss_mib']:.0f} MiB)"
        + (
            f"  (stored {result['articles']}, failed {result['failed']}, {result['relations']} relations)"
            if "articles" in result
            else ""
        ),
        flush=True,
    )
    return result


def compare_memory(args: argparse.Namespace) -> None:
    """Peak memory of an ingest of the smallest and the largest ``--memory`` sizes, and their ratios."""
    low, high = min(args.memory), max(args.memory)
    # The larger corpus is the smaller one repeated (new ids, texts marked): only the size differs,
    # not the longest article, which sets the memory a batch takes.
    small, large = (measure("ingest", n, args.memory_workers, args.corpus, base=low) for n in (low, high))
    for key, what in (
        ("rss_mib", "this process's peak RSS"),
        ("tree_rss_mib", "tree's RSS"),
        ("tree_pss_mib", "tree's PSS"),
    ):
        print(f"  {what} {high} / {low} articles: {large[key] / small[key]:.2f}x", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--memory", type=int, nargs="*", default=[])
    parser.add_argument("--memory-workers", type=int, default=1, help="workers of the --memory runs (1: in process)")
    parser.add_argument("--base", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=1, help="repeat the variants, interleaved; keep the best")
    parser.add_argument("--store", help="ingest into this store URL instead of a new on-disk one")
    parser.add_argument("--child", choices=["bare", "pipeline", "ingest"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        args.variant = args.child
        args.workers = args.workers[0]
        child(args)
        return
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    speed: dict[tuple[str, int], float] = {}
    cpu: dict[tuple[str, int], float] = {}
    for _ in range(args.rounds):  # rounds interleave the variants; the best of each is kept
        for workers in args.workers:
            # spaCy's n_process cannot send newsgraph's Doc extensions back: the pipeline variant runs in one process
            for variant in ("bare", "pipeline", "ingest") if workers == 1 else ("bare", "ingest"):
                result = measure(
                    variant, args.articles, workers, args.corpus, args.store if variant == "ingest" else None
                )
                speed[variant, workers] = max(result["words_per_s"], speed.get((variant, workers), 0.0))
                cpu[variant, workers] = max(result["words_per_cpu_s"], cpu.get((variant, workers), 0.0))
    if args.rounds:
        print(f"best of {args.rounds} round(s); targets: ingest >= 0.9x bare, 2 workers >= 1.7x one worker:")
    for workers in args.workers if args.rounds else ():
        for baseline in ("bare", "pipeline") if workers == 1 else ("bare",):
            ratio = speed["ingest", workers] / speed[baseline, workers]
            by_cpu = cpu["ingest", workers] / cpu[baseline, workers]
            print(
                f"  ingest / {baseline} nlp.pipe at {workers} process(es): {ratio:.2f}x by wall time, "
                f"{by_cpu:.2f}x by CPU time (words/CPU-s)"
            )
    for workers in args.workers if args.rounds else ():
        if workers != 1 and 1 in args.workers:
            for variant in ("ingest", "bare"):
                print(
                    f"  {variant} {workers} / 1 process(es): {speed[variant, workers] / speed[variant, 1]:.2f}x by "
                    f"wall time; words/CPU-s {cpu[variant, workers] / cpu[variant, 1]:.2f}x one process's"
                )
    if args.memory:
        compare_memory(args)
    print(f"load average {os.getloadavg()[0]:.1f} after")


if __name__ == "__main__":
    main()
