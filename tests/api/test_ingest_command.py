"""`newsgraph ingest` on bad batches: each bad input named with its reason, the rest stored, exit code 2."""

from __future__ import annotations

import io
import json
import re

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from api.cli import app
from graph.integrity import article_count, check_store
from graph.store import open_store

runner = CliRunner()
GOOD = "Emmanuel Macron met with Angela Merkel in Berlin. Joe Biden criticised Russia on Tuesday."
LONG = (
    "On Tuesday, after a long and difficult week of talks in the Swiss city of Geneva, Joe Biden "
    "criticised Russia for its military build-up near the Ukrainian border."
)


def nquads(url: str) -> set[str]:
    with open_store(url, read_only=True) as store:
        out = io.BytesIO()
        store.dump(out, ox.RdfFormat.N_QUADS)
    return set(out.getvalue().decode().splitlines())


def test_bad_inputs_are_named_the_rest_ingested_and_nothing_stored_is_lost(tmp_path):
    url = f"oxigraph:{tmp_path / 'store'}"
    first = tmp_path / "first.txt"
    first.write_text(GOOD, encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(first), "--store", url]).exit_code == 0
    before = nquads(url)

    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "a-empty.txt").write_bytes(b"")
    (batch / "b-binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50)
    (batch / "c-latin1.txt").write_bytes("Díaz-Canel thanked Putin.".encode("latin-1"))
    (batch / "d-french.txt").write_text(
        "Le président de la République a rencontré la chancelière allemande à Berlin pour discuter de la guerre.",
        encoding="utf-8",
    )
    (batch / "e-page.html").write_text(
        "<html><script>steal()</script><p>Vladimir Putin called Miguel Díaz-Canel.</p></html>", encoding="utf-8"
    )
    (batch / "f-feed.jsonl").write_text(
        "\n".join(["{broken", json.dumps({"id": "no-text"}), json.dumps({"id": "feed-ok", "text": LONG})]),
        encoding="utf-8",
    )
    with (batch / "g-huge.txt").open("wb") as f:
        f.truncate(20_000_000)

    result = runner.invoke(app, ["ingest", str(batch), "--store", url, "--max-article-bytes", "3000000"])
    assert result.exit_code == 2, result.output
    assert "articles 2 (unchanged 0, replaced 0, failed 7)" in result.stdout
    stderr = result.stderr
    for name, reason in [
        ("a-empty.txt", "empty article"),
        ("b-binary.txt", "binary data"),
        ("c-latin1.txt", "looks like Latin-1"),
        ("d-french.txt", "detected 'fr'"),
        ("f-feed.jsonl:1", "not JSON"),
        ("f-feed.jsonl:2", "no 'text' string"),
        ("g-huge.txt", "over the limit of 3,000,000"),
    ]:
        line = next((line for line in stderr.splitlines() if f"/{name}: " in line), "")
        assert reason in line, (name, stderr)

    after = nquads(url)
    assert before <= after
    with open_store(url, read_only=True) as store:
        assert article_count(store) == 3 and check_store(store) == []
        text = {
            r["t"].value for r in store.query("SELECT ?t WHERE { ?s <https://w3id.org/newsgraph/ontology#text> ?t }")
        }
        assert not any("steal" in t for t in text)


def relation_count(url: str) -> int:
    with open_store(url, read_only=True) as store:
        return int(
            next(
                iter(
                    store.query(
                        "SELECT (COUNT(?r) AS ?n) WHERE { ?r a <https://w3id.org/newsgraph/ontology#Relation> }"
                    )
                )
            )["n"].value
        )


@pytest.mark.parametrize("limit, expect_relations", [(None, True), ("200", True), ("10", False)])
def test_max_sentence_tokens_bounds_the_sentences_searched(tmp_path, limit, expect_relations):
    url = f"oxigraph:{tmp_path / 'store'}"
    article = tmp_path / "long.txt"
    article.write_text(LONG, encoding="utf-8")  # one sentence of 30 tokens
    options = ["--max-sentence-tokens", limit] if limit else []
    result = runner.invoke(app, ["ingest", str(article), "--store", url, *options])
    assert result.exit_code == 0, result.output
    assert (relation_count(url) > 0) == expect_relations


def test_language_option_accepts_other_languages_when_empty(tmp_path):
    url = f"oxigraph:{tmp_path / 'store'}"
    article = tmp_path / "de.txt"
    article.write_text(
        "Der Bundeskanzler hat heute in Berlin mit dem französischen Präsidenten gesprochen.", encoding="utf-8"
    )
    refused = runner.invoke(app, ["ingest", str(article), "--store", url])
    assert refused.exit_code == 2 and "detected 'de'" in refused.stderr
    accepted = runner.invoke(app, ["ingest", str(article), "--store", url, "--language", ""])
    assert accepted.exit_code == 0 and "articles 1 " in accepted.stdout


def test_check_backup_and_restore_commands(tmp_path):
    url = f"oxigraph:{tmp_path / 'store'}"
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(article), "--store", url]).exit_code == 0
    checked = runner.invoke(app, ["check", "--store", url])
    assert checked.exit_code == 0 and "articles 1, problems 0, unreferenced actors 0" in checked.stdout

    backup = tmp_path / "backup"
    assert runner.invoke(app, ["backup", str(backup), "--store", url]).exit_code == 0
    refused = runner.invoke(app, ["backup", str(backup), "--store", url])
    assert refused.exit_code == 1 and "already exists" in refused.stderr

    restored = f"oxigraph:{tmp_path / 'restored'}"
    assert runner.invoke(app, ["restore", str(backup), "--store", restored]).exit_code == 0
    assert nquads(restored) == nquads(url)
    again = runner.invoke(app, ["restore", str(backup), "--store", restored])
    assert again.exit_code == 1 and "move it away" in again.stderr
    broken = runner.invoke(app, ["restore", str(tmp_path / "nothing"), "--store", f"oxigraph:{tmp_path / 'x'}"])
    assert broken.exit_code == 1 and "no store at" in broken.stderr


def test_check_reports_a_damaged_store(tmp_path):
    url = f"oxigraph:{tmp_path / 'store'}"
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(article), "--store", url]).exit_code == 0
    with open_store(url) as store:  # what a non-atomic writer killed half-way would leave
        store.update("DELETE WHERE { GRAPH ?g { ?s a <https://w3id.org/newsgraph/ontology#Sentence> ; ?p ?o } }")
    checked = runner.invoke(app, ["check", "--store", url])
    assert checked.exit_code == 1 and "evidence sentence is missing" in checked.stderr


def test_check_collect_deletes_actors_an_interrupted_clean_up_left(tmp_path):
    url = f"oxigraph:{tmp_path / 'store'}"
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(article), "--store", url]).exit_code == 0
    with open_store(url) as store:  # the article gone, its actors' clean-up not run
        store.drop_graph(next(g for g in store.graphs() if "/article/" in g.value))
    left = runner.invoke(app, ["check", "--store", url])
    assert left.exit_code == 0 and re.search(r"articles 0, problems 0, unreferenced actors [1-9]", left.stdout)
    collected = runner.invoke(app, ["check", "--collect", "--store", url])
    assert collected.exit_code == 0 and "unreferenced actors 0" in collected.stdout, collected.output
