"""A writer killed with SIGKILL at any moment leaves whole articles only; re-running completes the batch.

Real processes, real on-disk stores: the `newsgraph ingest` command is killed while it works, and a
bare writer is killed in the middle of replacing a large graph.
"""

from __future__ import annotations

import io
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.integrity import article_count, check_store
from graph.store import open_store

NEWSGRAPH = [str(Path(sys.executable).parent / "newsgraph")]
SEED = int(os.environ.get("NEWSGRAPH_CRASH_SEED", "20261129"))


def quads(url: str) -> set[str]:
    with open_store(url, read_only=True) as store:
        out = io.BytesIO()
        store.dump(out, ox.RdfFormat.N_QUADS)
    return set(out.getvalue().decode().splitlines())


def ingest(batch: Path, url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*NEWSGRAPH, "ingest", str(batch), "--store", url], capture_output=True, text=True, timeout=300
    )


def wait_for_articles(process: subprocess.Popen, target: int) -> int:
    """Read the writer's progress lines until ``target`` articles are done or it ends."""
    done = 0
    for line in process.stderr:
        done += line.startswith("done ")
        if done >= target:
            break
    return done


@pytest.mark.slow
def test_ingest_killed_at_random_moments_leaves_a_consistent_store_and_completes(tmp_path, batch):
    reference = f"oxigraph:{tmp_path / 'reference'}"
    assert ingest(batch, reference).returncode == 0
    expected = quads(reference)

    url = f"oxigraph:{tmp_path / 'store'}"
    rng = random.Random(SEED)
    seen = []
    for target in [0, *sorted(rng.sample(range(1, 30), 3))]:
        process = subprocess.Popen(
            [*NEWSGRAPH, "ingest", str(batch), "--store", url, "--progress"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        if target == 0:
            time.sleep(rng.uniform(0.5, 6.0))  # while the model or the reference graphs load
        else:
            assert wait_for_articles(process, target) == target
            time.sleep(rng.uniform(0, 0.3))
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL, "the run ended before it was killed"
        process.stderr.close()
        if not (tmp_path / "store" / "CURRENT").exists():
            seen.append(0)
            continue
        with open_store(url, read_only=True) as store:
            assert check_store(store) == []
            seen.append(article_count(store))
        clean = article_graphs(expected)
        altered = [g for g, lines in article_graphs(quads(url)).items() if lines != clean[g]]
        assert not altered, f"articles that differ from a clean run: {altered}"
    print(f"articles stored after each kill: {seen}")  # shown with pytest -s
    assert seen == sorted(seen), "a killed run lost articles an earlier one had stored"

    done = ingest(batch, url)
    assert done.returncode == 0, done.stderr
    assert quads(url) == expected

    again = ingest(batch, url)
    assert again.returncode == 0 and "articles 0 (unchanged 30" in again.stdout
    assert quads(url) == expected


def article_graphs(lines: set[str]) -> dict[str, set[str]]:
    """N-Quads lines grouped by the article graph they are in."""
    graphs: dict[str, set[str]] = {}
    for line in lines:
        graph = line.rsplit(" ", 2)[-2]
        if "/article/" in graph:
            graphs.setdefault(graph, set()).add(line)
    return graphs


WRITER = textwrap.dedent("""
    import sys
    import pyoxigraph as ox
    from graph.store import open_store

    g = ox.NamedNode("https://example.org/big")
    p = ox.NamedNode("https://example.org/version")
    with open_store(sys.argv[1]) as store:
        version = 0
        while True:
            version += 1
            store.replace_graph(g, [ox.Quad(ox.NamedNode(f"https://example.org/n{i}"), p,
                                            ox.Literal(str(version)), g) for i in range(int(sys.argv[2]))])
            print(version, flush=True)
""")


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", [0.5, 1.3, 2.1])
def test_writer_killed_inside_a_large_replace_leaves_the_old_or_the_new_graph(tmp_path, kill_after):
    url, size = f"oxigraph:{tmp_path / 'store'}", 20_000
    process = subprocess.Popen([sys.executable, "-c", WRITER, url, str(size)], stdout=subprocess.PIPE, text=True)
    first = process.stdout.readline()  # one whole version is in before the clock starts
    assert first.strip() == "1"
    time.sleep(kill_after)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    with open_store(url, read_only=True) as store:
        rows = list(store.query("SELECT ?v (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?v } } GROUP BY ?v"))
    assert len(rows) == 1, f"a graph mixing versions: {[(r['v'].value, r['n'].value) for r in rows]}"
    assert int(rows[0]["n"].value) == size
