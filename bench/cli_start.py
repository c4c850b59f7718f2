"""How long ``newsgraph query "ASK {}"`` takes from the shell, against ``python -c pass``.

A benchmark, not a test. Runs each command ``--runs`` times, alternately, each in a fresh process,
and prints the wall time and the CPU time (user + system, ``getrusage`` of the finished child) as
min / median, with the load average before and after: on a shared machine the CPU figures move
less with the load than the wall ones. ``--importtime`` adds, per command, the median of what
``python -X importtime`` counts for the imports (the top-level modules' cumulative times);
``--before DIR`` times the same command with the code of another checkout (``git archive REV |
tar -x -C DIR``) first on the path, in the same rounds.

    .venv/bin/python bench/cli_start.py --store oxigraph:/tmp/askstore [--runs 9] [--importtime] [--before DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

NEWSGRAPH = str(Path(sys.executable).with_name("newsgraph"))
TOP_LEVEL = re.compile(r"^import time:\s+\d+ \|\s+(\d+) \| (\S.*)$")


def commands(store: str, before: Path | None) -> dict[str, tuple[list[str], dict[str, str]]]:
    """What is timed, with its environment: the bare interpreter and the store-only command."""
    query = [sys.executable, NEWSGRAPH, "query", "ASK {}", "--store", store]
    timed_commands = {"python -c pass": ([sys.executable, "-c", "pass"], dict(os.environ))}
    if before is not None:
        timed_commands["newsgraph query, --before"] = (query, {**os.environ, "PYTHONPATH": str(before.resolve())})
    timed_commands['newsgraph query "ASK {}"'] = (query, dict(os.environ))
    return timed_commands


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``argv`` (which must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def import_seconds(argv: list[str], env: dict[str, str]) -> float:
    """Seconds ``-X importtime`` counts for the imports of one run (top-level modules, cumulative)."""
    done = subprocess.run(
        [argv[0], "-X", "importtime", *argv[1:]],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    lines = done.stderr.decode().splitlines()
    return sum(int(m.group(1)) for m in map(TOP_LEVEL.match, lines) if m) / 1e6


def spread(values: list[float]) -> str:
    return f"min {min(values):.3f}  median {statistics.median(values):.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="an existing store, e.g. oxigraph:/tmp/askstore")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--importtime", action="store_true", help="also the imports' time, by -X importtime")
    parser.add_argument("--before", type=Path, help="a checkout whose code to time too (first on PYTHONPATH)")
    args = parser.parse_args()
    timed_commands = commands(args.store, args.before)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in timed_commands}
    load = os.getloadavg()[0]
    for _ in range(args.runs):
        for name, (argv, env) in timed_commands.items():
            times[name].append(timed(argv, env))
    print(f"{args.runs} runs each, alternately; load average {load:.2f} -> {os.getloadavg()[0]:.2f}")
    if sys.dont_write_bytecode:  # then modules without a __pycache__ entry are compiled at every start
        print("  PYTHONDONTWRITEBYTECODE is set: only modules already in __pycache__ start from bytecode")
    for name, runs in times.items():
        walls, cpus = zip(*runs, strict=True)
        print(f"  {name:28} wall {spread(list(walls))}   CPU {spread(list(cpus))}")
    if args.importtime:
        for name, (argv, env) in timed_commands.items():
            imports = [import_seconds(argv, env) for _ in range(args.runs)]
            print(f"  {name:28} imports (-X importtime) {spread(imports)}")


if __name__ == "__main__":
    main()
