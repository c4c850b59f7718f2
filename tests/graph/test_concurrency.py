"""Readers keep answering correctly while an ingest writes; a second writer is refused or waits its turn."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
from servers import make_app, running

from extract.articles import read_articles
from graph.ingest import ingest
from graph.integrity import article_count, check_store
from graph.store import open_store

NEWSGRAPH = str(Path(sys.executable).parent / "newsgraph")
COUNT_ARTICLES = (
    "PREFIX ng: <https://w3id.org/newsgraph/ontology#> "
    "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a ng:Article } }"
)
COUNT_WHOLE = (
    "PREFIX ng: <https://w3id.org/newsgraph/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#> "
    "SELECT (COUNT(?r) AS ?n) WHERE { GRAPH ?g { ?r a ng:Relation } "
    "FILTER NOT EXISTS { GRAPH ?g { ?r prov:wasDerivedFrom ?s . ?s ng:text ?t } } }"
)


class Reader(threading.Thread):
    """Asks one question again and again until told to stop, keeping every answer and when it was asked."""

    def __init__(self, ask) -> None:
        super().__init__(daemon=True)
        self.ask, self.answers, self.errors = ask, [], []
        self.asked: list[float] = []  # monotonic time each kept answer's question was asked
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            asked = time.monotonic()
            try:
                answer = self.ask()
            except Exception as error:  # noqa: BLE001 - a reader's failure is the test's finding
                self.errors.append(error)
            else:
                self.asked.append(asked)
                self.answers.append(answer)
            time.sleep(0.01)

    def answered_since(self, moment: float, timeout: float = 60) -> None:
        """Wait until a question asked after ``moment`` has been answered (or the reader failed)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not self.errors and not (self.asked and self.asked[-1] > moment):
            time.sleep(0.01)


def sparql_count(base: str, query: str) -> int:
    response = httpx.get(
        f"{base}/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}, timeout=30
    )
    response.raise_for_status()
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.slow
def test_sparql_and_rest_readers_answer_correctly_during_an_ingest(store, nlp, batch):
    server = ExitStack()
    base = server.enter_context(running(make_app(store), lifespan="off"))  # the test keeps the store
    first = json.loads(batch.read_text(encoding="utf-8").splitlines()[0])["title"].split(" and ")[0]
    readers = {
        "store": Reader(lambda: (article_count(store), check_store(store))),
        "sparql": Reader(lambda: (sparql_count(base, COUNT_ARTICLES), sparql_count(base, COUNT_WHOLE))),
        "rest": Reader(lambda: httpx.get(f"{base}/actors", params={"q": first}, timeout=30).json()["items"]),
    }
    try:
        for reader in readers.values():
            reader.start()
        for reader in readers.values():  # every reader answers once about the empty store first
            reader.answered_since(0)

        def after_each_article(item, error) -> None:
            # Pace the ingest so that every reader answers between two writes, however loaded the
            # machine: the readers then must see the store part-way through the batch.
            written = time.monotonic()
            for reader in readers.values():
                reader.answered_since(written)

        # One article a batch: the new articles of a batch share one transaction, so readers see a
        # larger batch appear whole (never part of an article).
        report = ingest(store, nlp, read_articles([batch]), progress=after_each_article, batch_size=1)
    finally:
        for reader in readers.values():
            reader.stop.set()
            reader.join(timeout=30)
        server.close()
    assert report.ok and report.articles == 30
    for name, reader in readers.items():
        assert not reader.errors, f"{name}: {reader.errors[:3]}"
        assert len(reader.answers) > 5, f"{name} hardly ran: {len(reader.answers)} answers"
    counts = [n for n, _ in readers["store"].answers]
    assert counts == sorted(counts) and counts[-1] == 30 and counts[0] < 30
    assert set(range(31)) <= set(counts), "the readers did not see every step of the ingest"
    assert all(problems == [] for _, problems in readers["store"].answers)
    http_counts = [n for n, _ in readers["sparql"].answers]
    assert http_counts == sorted(http_counts) and set(range(31)) <= set(http_counts)
    assert all(incomplete == 0 for _, incomplete in readers["sparql"].answers)
    found = [len(items) for items in readers["rest"].answers]
    assert found == sorted(found) and found[0] == 0 and found[-1] >= 1


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([NEWSGRAPH, *args], capture_output=True, text=True, timeout=timeout)


@pytest.mark.slow
def test_second_writer_process_is_refused_at_once_with_a_clear_message(tmp_path, batch):
    url = f"oxigraph:{tmp_path / 'store'}"
    with open_store(url) as holder:
        holder.update(
            "INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/a> <https://example.org/p> 1 } }"
        )
        # A model that does not exist: the refusal must come first, before any model is loaded.
        result = run_cli("ingest", str(batch), "--store", url, "--model", "no_such_spacy_model")
        assert result.returncode == 1, result.stdout + result.stderr
        assert "open in another process, for writing" in result.stderr and str(tmp_path / "store") in result.stderr

        reader = run_cli(
            "query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--format", "csv", "--store", url
        )
        assert reader.returncode == 0 and reader.stdout.split() == ["n", "1"]  # readers are not refused
        assert holder.count() == 1


@pytest.mark.slow
def test_second_writer_waits_its_turn_with_wait(tmp_path, batch):
    url = f"oxigraph:{tmp_path / 'store'}"
    holder = open_store(url)
    waiting = subprocess.Popen(
        [NEWSGRAPH, "ingest", str(batch), "--store", url, "--wait", "120"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(3)
    assert waiting.poll() is None, waiting.communicate()
    holder.close()
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    assert "articles 30 " in out
    with open_store(url, read_only=True) as store:
        assert article_count(store) == 30 and check_store(store) == []


def test_writers_in_one_process_are_serialised_by_the_store(store):
    """Threads writing through one store object never interleave inside a graph."""
    import pyoxigraph as ox

    g = ox.NamedNode("https://example.org/g")
    p = ox.NamedNode("https://example.org/p")

    def write(version: int) -> None:
        for _ in range(20):
            store.replace_graph(
                g,
                [
                    ox.Quad(ox.NamedNode(f"https://example.org/n{i}"), p, ox.Literal(str(version)), g)
                    for i in range(200)
                ],
            )

    threads = [threading.Thread(target=write, args=(v,)) for v in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    rows = list(store.query("SELECT DISTINCT ?v WHERE { GRAPH ?g { ?s ?p ?v } }"))
    assert len(rows) == 1 and store.count() == 200
