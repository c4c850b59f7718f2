"""``newsgraph eval``: scores printed from gold records, by extraction or from given predictions."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from api.cli import app

runner = CliRunner()
DATA = Path(__file__).parents[1] / "extract" / "data"


def test_eval_scores_given_predictions():
    arguments = ["eval", str(DATA / "small-gold.jsonl"), "--predictions", str(DATA / "small-pred.jsonl")]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("labeled ") and "(tp 3 fp 2 fn 1)" in lines[0]
    assert lines[1].startswith("unlabeled ") and "(tp 3 fp 3 fn 1)" in lines[1]
    assert any(line.split()[:1] == ["AGREE"] for line in lines[3:])


def test_eval_extracts_the_gold_text(tmp_path):
    gold = tmp_path / "gold.jsonl"
    record = {
        "id": "g1",
        "text": "Emmanuel Macron met with Angela Merkel in Berlin.",
        "entities": [],
        "triples": [
            {"subject": "Emmanuel Macron", "object": "Angela Merkel", "source_label": "CONSULT"},
            {"subject": "Angela Merkel", "object": "Emmanuel Macron", "source_label": "CONSULT"},
        ],
    }
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold)])
    assert result.exit_code == 0, result.output
    assert "(tp 2 fp 0 fn 0)" in result.stdout.splitlines()[0], result.stdout  # a meeting is mutual


def test_eval_prints_the_polarity_line():
    result = runner.invoke(
        app, ["eval", str(DATA / "polarity-gold.jsonl"), "--predictions", str(DATA / "polarity-pred.jsonl")]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2] == "polarity  right 2 of 5 paired; non-facts as facts 1 of 3"
