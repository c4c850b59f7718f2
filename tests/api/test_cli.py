"""The newsgraph command line, through Typer's runner."""

from __future__ import annotations

import json
import subprocess
import sys

import rdflib
from typer.testing import CliRunner

from api.cli import app

runner = CliRunner()


def test_ingest_query_export_remove(tmp_path):
    store = f"oxigraph:{tmp_path / 'store'}"
    article = tmp_path / "a.txt"
    article.write_text("Emmanuel Macron met with Angela Merkel in Berlin.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")

    result = runner.invoke(app, ["ingest", str(article), str(empty), "--store", store])
    assert result.exit_code == 2, result.output  # one input failed
    assert "articles 1" in result.stdout and "empty article" in result.stderr

    result = runner.invoke(
        app, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "json", "--store", store]
    )
    assert result.exit_code == 0, result.output
    triples = int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"])

    out = tmp_path / "graph.ttl"
    assert runner.invoke(app, ["export", "--format", "turtle", "-o", str(out), "--store", store]).exit_code == 0
    exported = rdflib.Graph().parse(out, format="turtle")
    assert len(exported) == triples  # the export holds every distinct triple the query counted
    assert (None, rdflib.RDFS.label, rdflib.Literal("Emmanuel Macron")) in exported

    assert runner.invoke(app, ["remove", "a.txt", "--store", store]).exit_code == 0
    assert runner.invoke(app, ["remove", "a.txt", "--store", store]).exit_code == 1


def test_extract_prints_turtle_and_stores_nothing(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Joe Biden criticised Russia.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(data=result.stdout, format="turtle")
    assert any(str(p).endswith("#criticised") for p in graph.predicates())


def test_bad_sparql_exits_with_a_message(tmp_path):
    result = runner.invoke(app, ["query", "SELECT ?x WHERE {", "--store", f"oxigraph:{tmp_path / 's'}"])
    assert result.exit_code == 1 and "error:" in result.stderr


def test_the_query_command_loads_neither_spacy_nor_the_web_framework():
    # `newsgraph query` is a store-only command: its start-up must not pay for spaCy or FastAPI.
    code = (
        "import sys\n"
        "from api.cli import app\n"
        "sys.argv = ['newsgraph', 'query', 'ASK {}', '--store', 'memory:']\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('spacy', 'fastapi', 'starlette') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines() == ["true", "[]"]
