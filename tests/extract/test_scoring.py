"""The scorer behind ``newsgraph eval`` agrees with the shared reference scorer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extract.evaluation import load_records
from extract.scoring import Polarity, evaluate, evaluate_polarity, names_match, outcomes, report

DATA = Path(__file__).parent / "data"
REFERENCE = Path(os.environ.get("NEWSGRAPH_SCORE_PY", Path(__file__).parents[3] / "shared" / "eval" / "score.py"))


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("Russian President Vladimir Putin", "Putin", True),
        ("Miguel Díaz-Canel", "Miguel Diaz-Canel", True),
        ("the Kremlin's", "Kremlin", True),
        ("Cuba", "Venezuela", False),
        ("ISIL", "Islamic State of Iraq and the Levant and others here", False),
    ],
)
def test_names_match(gold, predicted, expected):
    assert names_match(gold, predicted) is expected


def test_counts_on_the_fixture():
    labeled, unlabeled = evaluate(load_records(DATA / "small-gold.jsonl"), load_records(DATA / "small-pred.jsonl"))
    assert (labeled.tp, labeled.fp, labeled.fn) == (3, 2, 1)  # F→R AGREE missed (the second R→F is a duplicate)
    assert (unlabeled.tp, unlabeled.fp, unlabeled.fn) == (3, 3, 1)


def test_outcomes_agree_with_the_counts():
    gold, lines = load_records(DATA / "small-gold.jsonl"), load_records(DATA / "small-pred.jsonl")
    labeled, _ = evaluate(gold, lines)
    right = outcomes(gold, lines)
    typed = {
        key: ok
        for key, ok in right.items()
        if next(line for line in lines if line["id"] == key[0])["relations"][key[1]].get("event_type")
    }
    # every typed prediction the labeled score counts as a false positive, and only those, is wrong
    assert sum(not ok for ok in typed.values()) == labeled.fp
    assert sum(typed.values()) >= labeled.tp


def test_polarity_on_the_fixture():
    flags = evaluate_polarity(load_records(DATA / "polarity-gold.jsonl"), load_records(DATA / "polarity-pred.jsonl"))
    # right: the negated meeting, the intended visit; wrong: the conditional attack stated as a fact,
    # an asserted triple predicted hypothetical, a hypothetical one predicted negated
    assert flags == Polarity(pairs=5, right=2, nonfacts=3, nonfacts_as_facts=1)


def test_the_report_prints_the_polarity_line():
    gold, lines = load_records(DATA / "polarity-gold.jsonl"), load_records(DATA / "polarity-pred.jsonl")
    text = report(*evaluate(gold, lines), evaluate_polarity(gold, lines))
    assert "polarity  right 2 of 5 paired; non-facts as facts 1 of 3" in text.splitlines()


@pytest.mark.skipif(not REFERENCE.exists(), reason="the shared reference scorer is not available")
@pytest.mark.parametrize("fixture", ["small", "polarity"])
def test_agrees_with_the_reference_scorer(fixture):
    gold, pred = DATA / f"{fixture}-gold.jsonl", DATA / f"{fixture}-pred.jsonl"
    out = subprocess.run(
        [sys.executable, str(REFERENCE), str(gold), str(pred), "--json"], capture_output=True, text=True, check=True
    )
    reference = json.loads(out.stdout)
    labeled, unlabeled = evaluate(load_records(gold), load_records(pred))
    for ours, theirs in ((labeled, reference["labeled"]), (unlabeled, reference["unlabeled"])):
        assert (ours.tp, ours.fp, ours.fn) == (theirs["tp"], theirs["fp"], theirs["fn"])
        assert round(ours.f1, 4) == theirs["f1"]
    assert {k: list(v) for k, v in labeled.per_category.items()} == reference["labeled"]["per_type"]
    flags = evaluate_polarity(load_records(gold), load_records(pred))
    assert {
        "pairs": flags.pairs,
        "right": flags.right,
        "nonfacts": flags.nonfacts,
        "nonfacts_as_facts": flags.nonfacts_as_facts,
    } == reference["polarity"]


@pytest.mark.skipif(not REFERENCE.exists(), reason="the shared reference scorer is not available")
def test_prints_the_reference_polarity_line():
    gold, pred = DATA / "polarity-gold.jsonl", DATA / "polarity-pred.jsonl"
    out = subprocess.run(
        [sys.executable, str(REFERENCE), str(gold), str(pred)], capture_output=True, text=True, check=True
    )
    theirs = next(line for line in out.stdout.splitlines() if line.startswith("polarity"))
    ours = report(
        *evaluate(load_records(gold), load_records(pred)), evaluate_polarity(load_records(gold), load_records(pred))
    )
    assert theirs in ours.splitlines()
