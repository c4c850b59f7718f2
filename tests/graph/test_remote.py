"""The sparql+http store against a real Oxigraph server: the same graph as the embedded store, one request
per article (a killed ingest leaves whole articles), and the CLI and the REST API working on it."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from servers import free_port, make_app, running
from typer.testing import CliRunner

from extract.records import Article
from graph.errors import QueryError, StoreError
from graph.ingest import ingest
from graph.remote import SparqlHttpStore
from graph.store import open_store
from tests.graph.conftest import assert_isomorphic, dataset, write_batch

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
ARTICLES = [
    Article(
        id="r1",
        text="Emmanuel Macron met with Angela Merkel in Berlin. Joe Biden criticised Russia.",
        url="https://example.org/r1",
        date="2021-03-04",
    ),
    Article(id="r2", text="Vladimir Putin congratulated Joe Biden. Joe Biden thanked Vladimir Putin."),
]

pytestmark = pytest.mark.skipif(not os.path.exists(OXIGRAPH), reason="the oxigraph server (PyPI oxigraph) is missing")


def start_oxigraph(location: Path, union: bool = True) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        [*command, *(["--union-default-graph"] if union else [])], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1)
            return process, base
        except httpx.TransportError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("the oxigraph server did not start")


@pytest.fixture
def server(tmp_path):
    process, base = start_oxigraph(tmp_path / "server")
    yield base
    process.terminate()
    process.wait(timeout=10)


def remote(base: str, gsp: bool = False) -> SparqlHttpStore:
    return SparqlHttpStore(f"{base}/query", update_url=f"{base}/update", gsp_url=f"{base}/store" if gsp else None)


@pytest.mark.parametrize("gsp", [False, True], ids=["update", "graph-store-protocol"])
def test_remote_ingest_gives_the_embedded_graph(server, tmp_path, nlp, gsp):
    with open_store(f"oxigraph:{tmp_path / 'embedded'}") as embedded:
        ingest(embedded, nlp, ARTICLES)
        expected = dataset(embedded)
    store = remote(server, gsp)
    report = ingest(store, nlp, ARTICLES)
    assert report.ok and report.articles == 2
    assert_isomorphic(dataset(store), expected)
    again = ingest(store, nlp, ARTICLES)
    assert (again.articles, again.unchanged) == (0, 2)


def test_remote_store_interface(server):
    store = remote(server)
    g = ox.NamedNode("urn:g")
    store.replace_graph(g, [ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("x"), g)])
    assert store.has_graph(g) and g in store.graphs() and store.count() == 1
    rows = store.query("SELECT ?o WHERE { ?s ?p ?o }", substitutions={"s": ox.NamedNode("urn:a")})
    assert [r["o"].value for r in rows] == ["x"]
    triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert isinstance(triples, ox.QueryTriples) and len(list(triples)) == 1
    assert bool(store.query("ASK { ?s ng:label ?o } ")) is False  # predeclared prefixes
    with pytest.raises(QueryError):
        store.query("SELEKT nothing")
    store.load(b'<urn:b> <urn:p> "1" .', ox.RdfFormat.N_TRIPLES, graph=ox.NamedNode("urn:h"))
    h = ox.NamedNode("urn:h")
    assert store.count() == 2 and store.drop_graph(h) and not store.drop_graph(h)
    read_only = SparqlHttpStore(f"{server}/query", read_only=True)
    with pytest.raises(StoreError):
        read_only.update("CLEAR ALL")


def test_a_server_without_a_union_default_graph_is_refused(tmp_path):
    process, base = start_oxigraph(tmp_path / "plain", union=False)
    try:
        plain = SparqlHttpStore(f"{base}/query", update_url=f"{base}/update", check=False)
        plain.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:p> 1 } }")
        with pytest.raises(StoreError, match="union"):
            SparqlHttpStore(f"{base}/query")
    finally:
        process.kill()
        process.wait()


def test_an_unreachable_server_is_a_store_error():
    with pytest.raises(StoreError, match="cannot reach"):
        open_store(f"sparql+http://127.0.0.1:{free_port()}/query")


def test_cli_and_rest_api_work_on_the_remote_store(server, tmp_path, nlp):
    runner = CliRunner()
    from api.cli import app

    url, update = f"sparql+{server}/query", f"{server}/update"
    feed = tmp_path / "a.jsonl"
    feed.write_text("\n".join(json.dumps({"id": a.id, "text": a.text}) for a in ARTICLES), encoding="utf-8")
    ingested = runner.invoke(app, ["ingest", str(feed), "--store", url, "--update-url", update])
    assert ingested.exit_code == 0, ingested.output
    assert "articles 2 " in ingested.stdout
    asked = runner.invoke(
        app, ["query", "SELECT (COUNT(?r) AS ?n) WHERE { ?r a ng:Relation }", "--store", url, "--format", "json"]
    )
    assert asked.exit_code == 0 and int(json.loads(asked.stdout)["results"]["bindings"][0]["n"]["value"]) > 0
    checked = runner.invoke(app, ["check", "--store", url])
    assert checked.exit_code == 0 and "articles 2, problems 0" in checked.stdout
    with running(make_app(open_store(url, update_url=update))) as base:
        actors = httpx.get(f"{base}/actors", params={"q": "Biden"}).json()
        assert actors, actors
        answer = httpx.post(
            f"{base}/sparql",
            data={"query": "ASK { ?s a ng:Article }"},
            headers={"Accept": "application/sparql-results+json"},
        )
        assert answer.json()["boolean"] is True
    removed = runner.invoke(app, ["remove", "r2", "--store", url, "--update-url", update])
    assert removed.exit_code == 0, removed.output


def test_a_killed_remote_ingest_leaves_whole_articles(server, tmp_path):
    """Kill the ingest while it writes; every article on the server is whole, and a second run completes it."""
    batch = write_batch(tmp_path / "batch.jsonl", 40, seed=3)
    url, update = f"sparql+{server}/query", f"{server}/update"
    command = [sys.executable, "-m", "api.cli", "ingest", str(batch), "--store", url, "--update-url", update]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    process = subprocess.Popen(
        [sys.executable, "-c", "from api.cli import app; app()", *command[3:]],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    store = remote(server)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and _articles(store) < 5:
        time.sleep(0.1)
    process.send_signal(signal.SIGKILL)
    process.wait()
    from graph.integrity import check_store

    stored = _articles(store)
    assert 5 <= stored < 40 and check_store(store) == []
    subprocess.run(
        [sys.executable, "-c", "from api.cli import app; app()", *command[3:]],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert _articles(store) == 40 and check_store(store) == []


def _articles(store) -> int:
    rows = store.query("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a ng:Article } }")
    return int(next(iter(rows))["n"].value)
