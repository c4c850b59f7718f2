"""How well relation confidences separate right from wrong relations on the dev gold files.

Extracts each gold file as ``newsgraph extract --records`` does, keeps each relation's confidence
and its features (``extract/confidence/features.py``), labels it right or wrong with the scorer's own
one-to-one matching (``extract.scoring.outcomes``: labeled for typed relations, unlabeled for
untyped ones), and prints per file and pooled: ranking quality (ROC AUC), calibration (Brier score,
a reliability table by confidence bin), and precision at the shipped default threshold — first of
the shipped confidences, then held out (``--held-out``: the fitting procedure of
``tools/fit_confidence.py`` rerun in 5 folds grouped by document, each relation scored by a model
that never saw its document):

    PYTHONPATH=. nice .venv/bin/python tools/confidence_report.py \
        /work/shared/eval/{seed-gold,plover-dev,re3d-dev,news-dev}.jsonl --held-out \
        [--dump /tmp/confidence.rows.jsonl]

``--dump`` writes one line per labeled relation (file, document, features, confidence, right) for
``tools/fit_confidence.py``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import numpy as np

from extract.confidence import FEATURES, crowding, features, load_model
from extract.evaluation import documents, load_records
from extract.pipeline import load_pipeline, parse, records
from extract.records import Article, relation_to_json
from extract.scoring import outcomes

BINS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0001)
BOOTSTRAP = 1000  # resamples of the documents for the AUC's interval


def predict_with_features(nlp, gold_records: list[dict]) -> list[dict]:
    """Output lines as ``predict_records`` writes them, each relation with its ``_features``."""
    lines: list[dict] = []
    for document, group in documents(gold_records):
        spans, offset = [], 0
        for record in group:
            spans.append((offset, offset + len(record["text"]), record["id"]))
            offset += len(record["text"]) + 1
        article = Article(id=document, text=" ".join(r["text"] for r in group))
        doc = parse(nlp, article)
        extraction = records(doc, article)
        crowd = crowding(doc._.relations or [])
        by_record: dict[str, list[dict]] = {r["id"]: [] for r in group}
        for candidate, relation, (rivals, siblings) in zip(
            doc._.relations or [], extraction.relations, crowd, strict=True
        ):
            for start, end, record_id in spans:
                if start <= relation.trigger_start < end + 1:
                    data = relation_to_json(relation)
                    data["_features"] = features(candidate, rivals, siblings)
                    by_record[record_id].append(data)
                    break
        lines.extend({"id": r["id"], "relations": by_record[r["id"]]} for r in group)
    return lines


def labeled_relations(nlp, path: Path) -> list[dict]:
    """One row per scored relation of a gold file: features, confidence and whether it is right."""
    gold = load_records(path)
    lines = predict_with_features(nlp, gold)
    right = outcomes(gold, lines)
    by_id = {line["id"]: line for line in lines}
    document_of = {r["id"]: (r.get("meta") or {}).get("document") or r["id"] for r in gold}
    return [
        {
            "file": path.stem,
            "id": key[0],
            "document": document_of[key[0]],
            "typed": bool(r["event_type"]),
            "confidence": r["confidence"],
            "relation": f"{r['subject']['text']} | {r['predicate']} {r['event_type']} | {r['object']['text']}",
            "features": r["_features"],
            "right": ok,
        }
        for key, ok in right.items()
        for r in [by_id[key[0]]["relations"][key[1]]]
    ]


def auc(scores: list[float], labels: list[bool]) -> float:
    """ROC AUC: the chance that a right relation outscores a wrong one (ties count half)."""
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def rank_auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """ROC AUC by ranks (ties count half), as :func:`auc` but in O(n log n)."""
    positives = int(labels.sum())
    negatives = len(labels) - positives
    if not positives or not negatives:
        return float("nan")
    _, inverse, counts = np.unique(scores, return_inverse=True, return_counts=True)
    ranks = (np.cumsum(counts) - (counts - 1) / 2)[inverse]  # tied scores share their mean rank
    return float((ranks[labels == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def interval(
    documents: list[str], statistic: Callable[[np.ndarray], float], resamples: int = BOOTSTRAP
) -> tuple[float, float]:
    """The 95 % interval of ``statistic`` (of the indices of the relations drawn) when the documents
    are drawn again with replacement: a document's relations stay together, as they are neither
    independent nor held out apart. Fixed seed; nan when no resample defines the statistic."""
    names = sorted(set(documents))
    rows_of = {name: np.flatnonzero(np.array(documents) == name) for name in names}
    rng = np.random.default_rng(0)
    values = np.array(
        [
            statistic(np.concatenate([rows_of[names[k]] for k in rng.integers(len(names), size=len(names))]))
            for _ in range(resamples)
        ]
    )
    if np.isnan(values).all():
        return float("nan"), float("nan")
    low, high = np.nanpercentile(values, [2.5, 97.5])
    return round(float(low), 3), round(float(high), 3)


def auc_interval(documents: list[str], scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """The 95 % bootstrap interval of the AUC, by document (see :func:`interval`)."""
    return interval(documents, lambda drawn: rank_auc(scores[drawn], labels[drawn]))


def precision_interval(
    documents: list[str], scores: np.ndarray, labels: np.ndarray, threshold: float
) -> tuple[float, float]:
    """The 95 % bootstrap interval, by document, of the precision of the relations at or above ``threshold``."""

    def precision(drawn: np.ndarray) -> float:
        kept = scores[drawn] >= threshold
        return float(labels[drawn][kept].mean()) if kept.any() else float("nan")

    return interval(documents, precision)


def brier(scores: list[float], labels: list[bool]) -> float:
    return sum((s - y) ** 2 for s, y in zip(scores, labels, strict=True)) / len(scores) if scores else float("nan")


def reliability(scores: list[float], labels: list[bool]) -> list[tuple[str, int, float, float]]:
    """Per confidence bin: its range, predictions, mean confidence, share right."""
    rows = []
    for low, high in pairwise(BINS):
        inside = [(s, y) for s, y in zip(scores, labels, strict=True) if low <= s < high]
        if inside:
            rows.append(
                (
                    f"{low:.1f}–{min(high, 1.0):.1f}",
                    len(inside),
                    sum(s for s, _ in inside) / len(inside),
                    sum(y for _, y in inside) / len(inside),
                )
            )
    return rows


def summary(name: str, scores: list[float], labels: list[bool], documents: list[str], table: bool = True) -> str:
    low, high = auc_interval(documents, np.array(scores), np.array(labels, dtype=float))
    lines = [
        f"{name}: {len(labels)} relations, {sum(labels)} right ({sum(labels) / max(len(labels), 1):.2f}); "
        f"AUC {auc(scores, labels):.3f} [95 % by document {low:.2f}, {high:.2f}]  Brier {brier(scores, labels):.3f}"
    ]
    if table:
        lines.append("  | confidence | relations | mean confidence | share right |")
        lines.append("  |---|---|---|---|")
        lines.extend(f"  | {r} | {n} | {m:.2f} | {p:.2f} |" for r, n, m, p in reliability(scores, labels))
    return "\n".join(lines)


def document_of(row: dict) -> str:
    """The document of a labeled relation, unique across gold files."""
    return f"{row['file']}/{row['document']}"


def at_threshold(scores: list[float], labels: list[bool], threshold: float) -> str:
    kept = [y for s, y in zip(scores, labels, strict=True) if s >= threshold]
    precision = f"{sum(kept) / len(kept):.3f}" if kept else "n/a"
    return (
        f"  at the default threshold {threshold:.2f}: precision {precision} over {len(kept)} relations, "
        f"{sum(kept)} of {sum(labels)} right ones kept"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--dump", type=Path, help="write the labeled relations with their features here")
    parser.add_argument(
        "--held-out",
        action="store_true",
        help="also refit by cross-validation grouped by document and report the held-out figures",
    )
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: newsgraph's)")
    args = parser.parse_args()
    nlp = load_pipeline(args.model)
    rows = [row for path in args.gold for row in labeled_relations(nlp, path)]
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as f:
            f.writelines(json.dumps(row) + "\n" for row in rows)
    threshold = load_model().threshold
    scored = {"shipped model": [r["confidence"] for r in rows]}
    if args.held_out:
        import fit_confidence  # the sibling tool

        procedure = fit_confidence.procedure_for(FEATURES, select=False)
        scored["held out"] = [float(p) for p in fit_confidence.out_of_fold(rows, procedure)]
    for title, scores in scored.items():
        print(f"\n# {title}")
        for name in [*(p.stem for p in args.gold), "pooled"]:
            chosen = [i for i, r in enumerate(rows) if name in ("pooled", r["file"])]
            labels = [rows[i]["right"] for i in chosen]
            print(summary(name, [scores[i] for i in chosen], labels, [document_of(rows[i]) for i in chosen]))
            print(at_threshold([scores[i] for i in chosen], labels, threshold))
            typed = [i for i in chosen if rows[i]["typed"]]
            typed_scores, typed_labels = [scores[i] for i in typed], [rows[i]["right"] for i in typed]
            typed_documents = [document_of(rows[i]) for i in typed]
            print(summary(f"{name}, typed only", typed_scores, typed_labels, typed_documents, table=False))


if __name__ == "__main__":
    main()
