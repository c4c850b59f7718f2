"""tools/error_report.py: each scorer error gets one cause, and the counts add up to the scorer's."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from extract.evaluation import load_records
from extract.scoring import evaluate

_spec = importlib.util.spec_from_file_location("error_report", Path(__file__).parents[2] / "tools" / "error_report.py")
assert _spec is not None and _spec.loader is not None
error_report = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(error_report)
DATA = Path(__file__).parents[1] / "extract" / "data"
MENTIONS = {
    "d1": [{"text": "Ruritania"}, {"text": "Freedonia"}, {"text": "The Ruritanian leader", "label": "Rudolf"}],
    "r2": [{"text": "ISIL"}],
}


def arg(name: str) -> dict:
    return {"text": name, "label": name}


def test_the_fixture_errors_by_cause():
    gold, lines = load_records(DATA / "small-gold.jsonl"), load_records(DATA / "small-pred.jsonl")
    examples: dict[str, list[str]] = {}
    misses, false, untyped = error_report.classify(gold, lines, MENTIONS, examples)
    labeled, _ = evaluate(gold, lines)
    assert (sum(misses.values()), sum(false.values())) == (labeled.fn, labeled.fp)
    # F→R AGREE missed while R→F AGREE was found; FIGHT where the gold says SUPPORT; Iraq is no gold actor
    assert misses == {"wrong actor": 1} and false == {"wrong category": 1, "not an actor": 1}
    assert examples["false positive: not an actor"] == ["r2: Islamic State -None SUPPORT-> Iraq"]
    assert untyped == 0


@pytest.mark.parametrize(
    ("relation", "cause"),
    [
        (
            {"subject": arg("Ruritania"), "object": arg("Freedonia"), "event_type": "ASSAULT", "negated": True},
            "polarity",
        ),
        (
            {
                "subject": arg("Ruritania"),
                "object": arg("Freedonia"),
                "event_type": "ASSAULT",
                "modality": "hypothetical",
            },
            "polarity",
        ),
        ({"subject": arg("Ruritania"), "object": arg("Freedonia"), "event_type": "ASSAULT"}, "wrong category"),
        ({"subject": arg("Freedonia"), "object": arg("Ruritania"), "event_type": "CONSULT"}, "wrong actor"),
        ({"subject": arg("Ruritania"), "object": arg("Grand Fenwick"), "event_type": "CONSULT"}, "wrong actor"),
        ({"subject": arg("Ruritania"), "object": arg("the economy"), "event_type": "CONSULT"}, "not an actor"),
        ({"subject": arg("Ruritania"), "object": arg("Grand Fenwick"), "event_type": "ASSAULT"}, "not an interaction"),
    ],
)
def test_false_positive_causes(relation, cause):
    gold = [
        {
            "id": "s1",
            "text": "",
            "triples": [
                {"subject": "Ruritania", "object": "Freedonia", "source_label": "CONSULT"},
                {"subject": "Grand Fenwick", "object": "Freedonia", "source_label": "SUPPORT"},
            ],
        }
    ]
    misses, false, _ = error_report.classify(gold, [{"id": "s1", "relations": [relation]}], {})
    assert false == {cause: 1}


@pytest.mark.parametrize(
    ("relations", "mentions", "cause"),
    [
        ([], [{"text": "Ruritania"}], "no actor mention"),
        ([], [{"text": "Ruritania"}, {"text": "Freedonia"}], "missing trigger"),
        (
            [{"subject": arg("Ruritania"), "object": arg("Freedonia"), "event_type": "SUPPORT"}],
            [{"text": "Ruritania"}, {"text": "Freedonia"}],
            "wrong category",
        ),
        (
            [{"subject": arg("Ruritania"), "object": arg("Freedonia"), "event_type": None}],
            [{"text": "Ruritania"}, {"text": "Freedonia"}],
            "untyped relation",
        ),
        (
            [{"subject": arg("Ruritania"), "object": arg("Bolivia"), "event_type": "CONSULT"}],
            [{"text": "Ruritania"}, {"text": "Freedonia"}],
            "wrong actor",
        ),
    ],
)
def test_miss_causes(relations, mentions, cause):
    triple = {"subject": "Ruritania", "object": "Freedonia", "source_label": "CONSULT"}
    gold = [{"id": "s1", "text": "", "triples": [triple]}]
    misses, _, _ = error_report.classify(gold, [{"id": "s1", "relations": relations}], {"s1": mentions})
    assert misses == {cause: 1}
