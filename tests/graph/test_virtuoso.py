"""The sparql+http store against a real Virtuoso (Debian's virtuoso-opensource; `.ci/run` installs it):
updates through `/sparql-auth` with Digest authentication, the same graph as the embedded store."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from servers import free_port

from extract.records import Article
from graph.ingest import ingest
from graph.remote import SparqlHttpStore
from graph.store import open_store
from tests.graph.conftest import assert_isomorphic, dataset

VIRTUOSO = shutil.which("virtuoso-t")
INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
ARTICLES = [
    Article(
        id="v1",
        text="Emmanuel Macron met with Angela Merkel in Berlin. Joe Biden criticised Russia.",
        url="https://example.org/v1",
        date="2021-03-04",
    ),
    Article(id="v2", text="Vladimir Putin congratulated Joe Biden. Joe Biden thanked Vladimir Putin."),
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(VIRTUOSO is None or not INI.exists(), reason="Virtuoso is not installed"),
]


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A Virtuoso server with a new database in a temporary folder, on free ports; yields its base URL."""
    root = tmp_path_factory.mktemp("virtuoso")
    http, sql = free_port(), free_port()
    text = INI.read_text(encoding="utf-8").replace("/var/lib/virtuoso-opensource-7/db", str(root))
    lines = []
    section = ""
    for line in text.splitlines():
        if line.startswith("["):
            section = line.strip()
        if line.replace(" ", "").startswith("ServerPort="):
            line = f"ServerPort = {http if section == '[HTTPServer]' else sql}"
        lines.append(line)
    (root / "virtuoso.ini").write_text("\n".join(lines) + "\n", encoding="utf-8")
    process = subprocess.Popen(
        [VIRTUOSO, "+foreground", "+configfile", str(root / "virtuoso.ini")],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{http}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("Virtuoso did not start")
    yield base
    process.terminate()
    process.wait(timeout=30)


def newsgraph_graphs(store):
    """The store's newsgraph graphs as a dataset (Virtuoso also holds its own system graphs)."""
    ds = dataset(store)
    for context in list(ds.contexts()):
        if not str(context.identifier).startswith("https://w3id.org/newsgraph/"):
            ds.remove_graph(context)
    return ds


def test_virtuoso_holds_the_graph_of_the_embedded_store(virtuoso, tmp_path, nlp):
    with open_store(f"oxigraph:{tmp_path / 'embedded'}") as embedded:
        ingest(embedded, nlp, ARTICLES)
        expected = newsgraph_graphs(embedded)
    authenticated = virtuoso.replace("http://", "http://dba:dba@")
    store = SparqlHttpStore(f"{authenticated}/sparql-auth", gsp_url=f"{authenticated}/sparql-graph-crud-auth")
    report = ingest(store, nlp, ARTICLES)
    assert report.ok and report.articles == 2
    assert_isomorphic(newsgraph_graphs(store), expected)
    assert ingest(store, nlp, ARTICLES).unchanged == 2
    read_only = SparqlHttpStore(f"{virtuoso}/sparql", read_only=True)
    assert bool(read_only.query("ASK { ?r a ng:Relation }"))
