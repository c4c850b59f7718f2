"""tools/fit_confidence.py on a tiny synthetic set: the fit finds the signal, folds hold documents
together, the penalty and the threshold are chosen without the held-out rows, the file it writes
covers every feature of the code."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "tools"))
import confidence_report  # noqa: E402  (scripts beside their sibling tools, imported as they import each other)
import fit_confidence  # noqa: E402

from extract.confidence import FEATURES  # noqa: E402


def synthetic(n: int = 240, seed: int = 7) -> list[dict]:
    """Relations of 60 documents in two sources: a pronoun subject makes a relation wrong more often,
    a linked object right more often, the sentence length is noise."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        pronoun, linked, length = rng.random() < 0.4, rng.random() < 0.5, rng.uniform(2, 4)
        z = 0.3 - 3.0 * pronoun + 2.5 * linked
        rows.append(
            {
                "file": "a" if i % 2 else "b",
                "document": f"d{i % 60}",
                "features": {
                    "subject_pronoun": float(pronoun),
                    "object_linked": float(linked),
                    "sentence_length": length,
                },
                "confidence": 0.5,
                "right": rng.random() < 1 / (1 + np.exp(-z)),
            }
        )
    return rows


NAMES = ("subject_pronoun", "object_linked", "sentence_length")


def test_the_fit_finds_the_signs():
    x, y = fit_confidence.matrix(synthetic(), NAMES)
    _, weights = fit_confidence.fit(x, y, penalty=1.0)
    assert weights[0] < -1.0 and weights[1] > 0.8 and abs(weights[2]) < 0.5


@pytest.mark.parametrize("salt", ["", "inner/"])
def test_a_document_is_held_out_whole(salt):
    rows = synthetic()
    folds = fit_confidence.fold_of(rows, salt=salt)
    by_document: dict[str, set[int]] = {}
    for row, fold in zip(rows, folds, strict=True):
        by_document.setdefault(row["document"], set()).add(int(fold))
    assert all(len(f) == 1 for f in by_document.values())
    assert len(set(folds.tolist())) == fit_confidence.FOLDS


def test_inner_folds_deal_documents_apart_from_the_outer_ones():
    rows = synthetic()
    outer, inner = fit_confidence.fold_of(rows), fit_confidence.fold_of(rows, salt="inner/")
    train = outer != 0
    assert len(set(inner[train].tolist())) == fit_confidence.FOLDS


def test_held_out_predictions_separate_right_from_wrong():
    rows = synthetic()
    procedure = fit_confidence.procedure_for(NAMES, select=False)
    held = fit_confidence.out_of_fold(rows, procedure)
    figures = fit_confidence.per_source(rows, held, 0.5)
    assert figures["pooled"]["auc"] > 0.75
    assert set(figures) == {"a", "b", "pooled"}


@pytest.mark.parametrize("target", [0.7, 0.8])
def test_the_threshold_is_the_lowest_that_reaches_the_precision(target):
    rows = synthetic()
    held = fit_confidence.out_of_fold(rows, fit_confidence.procedure_for(NAMES, select=False))
    labels = np.array([r["right"] for r in rows], dtype=float)
    threshold = fit_confidence.choose_threshold(held, labels, target)
    precision, kept, _ = fit_confidence.precision_at(held, labels, threshold)
    assert precision >= target and kept >= 20
    lower = [t for t in fit_confidence.THRESHOLDS if t < threshold]
    assert all(
        fit_confidence.precision_at(held, labels, t)[0] < target or fit_confidence.precision_at(held, labels, t)[1] < 20
        for t in lower
    )


def test_the_written_model_weighs_every_feature_of_the_code():
    rows = synthetic()
    for row in rows:
        row["features"] = {name: row["features"].get(name, 0.0) for name in FEATURES}
    data = fit_confidence.model_file(rows, NAMES, 1.0, 0.7, {})
    assert data["features"] == list(FEATURES) and len(data["weights"]) == len(FEATURES)
    weight = dict(zip(data["features"], data["weights"], strict=True))
    assert weight["subject_pronoun"] < 0 < weight["object_linked"]
    assert all(weight[name] == 0.0 for name in FEATURES if name not in NAMES)
    assert not fit_confidence.stale(rows)


def test_rows_dumped_before_a_feature_existed_are_stale():
    assert fit_confidence.stale(synthetic()) == set(FEATURES) - set(NAMES)


@pytest.mark.parametrize(
    ("scores", "labels"),
    [
        ([0.9, 0.8, 0.3, 0.1], [1, 1, 0, 0]),  # perfectly separated
        ([0.1, 0.3, 0.8, 0.9], [1, 1, 0, 0]),  # reversed
        ([0.5, 0.5, 0.5, 0.7, 0.2], [1, 0, 1, 0, 0]),  # ties count half
        ([0.4, 0.6], [1, 1]),  # one class: undefined
    ],
)
def test_the_rank_auc_is_the_pairwise_auc(scores, labels):
    fast = confidence_report.rank_auc(np.array(scores), np.array(labels, dtype=float))
    slow = confidence_report.auc(scores, [bool(y) for y in labels])
    assert (np.isnan(fast) and np.isnan(slow)) or fast == pytest.approx(slow)


def test_the_bootstrap_interval_holds_the_estimate_and_narrows_with_documents():
    rows = synthetic()
    held = fit_confidence.out_of_fold(rows, fit_confidence.procedure_for(NAMES, select=False))
    labels = np.array([r["right"] for r in rows], dtype=float)
    documents = [confidence_report.document_of(r) for r in rows]
    low, high = confidence_report.auc_interval(documents, held, labels)
    assert low < confidence_report.rank_auc(held, labels) < high
    assert confidence_report.auc_interval(documents, held, labels) == (low, high)  # fixed seed
    few = [d.rsplit("d", 1)[0] + str(int(d.rsplit("d", 1)[1]) % 6) for d in documents]  # 12 documents, not 120
    few_low, few_high = confidence_report.auc_interval(few, held, labels)
    assert few_high - few_low > high - low


def test_the_precision_interval_is_undefined_when_nothing_passes():
    documents, scores, labels = ["a", "b"], np.array([0.2, 0.3]), np.array([1.0, 0.0])
    assert all(np.isnan(v) for v in confidence_report.precision_interval(documents, scores, labels, 0.9))
    low, high = confidence_report.precision_interval(documents, scores, labels, 0.1)
    assert 0.0 <= low <= 0.5 <= high <= 1.0
