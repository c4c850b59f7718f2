"""Fit the relation confidence model (logistic regression) and write ``ontologies/confidence.json``.

Extracts every gold file given (or reads the rows ``tools/confidence_report.py --dump`` wrote),
labels each relation right or wrong with the scorer's matching, and fits by cross-validation
grouped by document over all of them:

    PYTHONPATH=.:tools nice .venv/bin/python tools/fit_confidence.py \
        /work/shared/eval/{seed-gold,plover-dev,re3d-dev,news-dev}.jsonl --write   # under a minute on CPU

This is the one way to refit the model: rerun it (with ``--write``) after any change to the
relation rules, the actors or the lexicon, since the features depend on them; a test fails when
the shipped model was fitted on another feature set than ``extract/confidence/features.py`` computes.

The model is an L2-penalised logistic regression on standardised features, fitted by Newton's
method with numpy only, over every feature of ``extract.confidence.FEATURES`` (``--consistent-only``:
those whose correlation with being right has one sign in every gold file), its penalty the one with
the lowest log loss over inner folds (grouped by document, drawn apart from the outer ones). Both
choices are made again inside each outer fold, so the held-out figures printed per source are those
of the whole procedure on documents it never saw. The default threshold is the lowest on a grid at
which the pooled held-out precision reaches ``--precision`` (0.80); it is written beside the
coefficients for the API's ``min_confidence`` default. Folds are fixed by a hash of the document id,
the fit is deterministic: the same data give the same model.
"""

from __future__ import annotations

import argparse
import datetime
import json
import zlib
from collections.abc import Callable
from pathlib import Path

import confidence_report  # the sibling tool: tools/ is on sys.path when a tool runs as a script
import numpy as np

from extract.confidence import FEATURES, model_path

PENALTIES = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0)
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(4, 19))  # 0.20 … 0.90
FOLDS = 5
Procedure = Callable[[list[dict]], tuple[tuple[str, ...], float]]


def fit_rows(rows: list[dict], names: tuple[str, ...], penalty: float) -> tuple[float, np.ndarray]:
    return fit(*matrix(rows, names), penalty)


def matrix(rows: list[dict], names: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([[row["features"].get(name, 0.0) for name in names] for row in rows], dtype=float).reshape(
        len(rows), len(names)
    )
    y = np.array([float(row["right"]) for row in rows])
    return x, y


def fit(x: np.ndarray, y: np.ndarray, penalty: float) -> tuple[float, np.ndarray]:
    """Intercept and raw-scale weights of the penalised logistic regression."""
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / std])
    w = np.zeros(z.shape[1])
    ridge = penalty * np.eye(z.shape[1])
    ridge[0, 0] = 0.0  # the intercept is not shrunk
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-z @ w))
        gradient = z.T @ (p - y) + ridge @ w
        hessian = z.T @ (z * (p * (1 - p))[:, None]) + ridge
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    weights = w[1:] / std
    return float(w[0] - (weights * mean).sum()), weights


def predict(model: tuple[float, np.ndarray], x: np.ndarray) -> np.ndarray:
    intercept, weights = model
    return 1.0 / (1.0 + np.exp(-(intercept + x @ weights)))


def log_loss(p: np.ndarray, y: np.ndarray) -> float:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-(y * np.log(p) + (1 - y) * np.log(1 - p)).mean())


def fold_of(rows: list[dict], folds: int = FOLDS, salt: str = "") -> np.ndarray:
    """Each row's fold, fixed by its document (a whole document is held out together); another
    ``salt`` deals the documents into other folds (the inner folds, within an outer fold's training part)."""
    return np.array([zlib.crc32(f"{salt}{r['file']}/{r['document']}".encode()) % folds for r in rows])


def out_of_fold(rows: list[dict], procedure: Procedure, folds: int = FOLDS, salt: str = "") -> np.ndarray:
    """Each row's probability from a model that ``procedure`` chose and fitted without its document."""
    assigned = fold_of(rows, folds, salt)
    predicted = np.zeros(len(rows))
    for k in range(folds):
        train_mask, test_mask = assigned != k, assigned == k
        if not test_mask.any():
            continue
        train = [r for r, keep in zip(rows, train_mask, strict=True) if keep]
        names, penalty = procedure(train)
        test = [r for r, keep in zip(rows, test_mask, strict=True) if keep]
        predicted[test_mask] = predict(fit_rows(train, names, penalty), matrix(test, names)[0])
    return predicted


def consistent(rows: list[dict], names: tuple[str, ...], least: float = 0.05) -> tuple[str, ...]:
    """The features whose correlation with being right has one sign, at least ``least`` in size, in
    every gold file where the feature varies (a file where it is constant abstains): what holds across
    sources rather than what marks one source."""
    files = sorted({r["file"] for r in rows})
    kept = []
    per_file = {file: matrix([r for r in rows if r["file"] == file], names) for file in files}
    for index, name in enumerate(names):
        signs = set()
        for x, y in per_file.values():
            column = x[:, index]
            if len(column) < 10 or column.std() == 0 or y.std() == 0:
                continue
            r = float(np.corrcoef(column, y)[0, 1])
            signs.add(float(np.sign(r)) if abs(r) >= least else 0.0)
        if len(signs) == 1 and 0.0 not in signs:
            kept.append(name)
    return tuple(kept)


def choose_penalty(rows: list[dict], names: tuple[str, ...]) -> float:
    """The penalty with the lowest cross-validated log loss, inner folds grouped by document."""
    y = matrix(rows, names)[1]

    def fixed(penalty: float) -> Procedure:
        return lambda _: (names, penalty)

    losses = {penalty: log_loss(out_of_fold(rows, fixed(penalty), salt="inner/"), y) for penalty in PENALTIES}
    return min(losses, key=lambda p: losses[p])


def procedure_for(names: tuple[str, ...], select: bool) -> Procedure:
    """The fitting procedure: feature selection (when ``select``), then the penalty, on the rows given."""

    def procedure(rows: list[dict]) -> tuple[tuple[str, ...], float]:
        chosen = consistent(rows, names) if select else names
        return chosen, choose_penalty(rows, chosen)

    return procedure


def precision_at(scores: np.ndarray, labels: np.ndarray, threshold: float) -> tuple[float, int, float]:
    """Precision of the relations at or above ``threshold``, how many they are, and the share of the
    right relations they keep."""
    kept = scores >= threshold
    right = labels.sum()
    precision = float(labels[kept].mean()) if kept.any() else float("nan")
    return precision, int(kept.sum()), float(labels[kept].sum() / right) if right else float("nan")


def choose_threshold(scores: np.ndarray, labels: np.ndarray, target: float, least: int = 20) -> float:
    """The lowest threshold of the grid whose precision reaches ``target`` over at least ``least``
    relations; the most precise one when none does."""
    candidates = [(t, *precision_at(scores, labels, t)) for t in THRESHOLDS]
    good = [t for t, precision, kept, _ in candidates if kept >= least and precision >= target]
    if good:
        return min(good)
    return max((c for c in candidates if c[2] >= least), key=lambda c: c[1], default=candidates[0])[0]


def per_source(rows: list[dict], scores: np.ndarray, threshold: float) -> dict[str, dict[str, float]]:
    """AUC with its bootstrap interval by document, and precision, kept relations and recall of right
    ones at ``threshold``, per gold file and pooled."""
    out = {}
    for name in [*sorted({r["file"] for r in rows}), "pooled"]:
        chosen = np.array([name in ("pooled", r["file"]) for r in rows])
        labels = np.array([r["right"] for r in rows])[chosen].astype(float)
        precision, kept, recall = precision_at(scores[chosen], labels, threshold)
        documents = [confidence_report.document_of(r) for r, keep in zip(rows, chosen, strict=True) if keep]
        low, high = confidence_report.auc_interval(documents, scores[chosen], labels)
        precision_low, precision_high = confidence_report.precision_interval(
            documents, scores[chosen], labels, threshold
        )
        out[name] = {
            "relations": int(chosen.sum()),
            "right": int(labels.sum()),
            "auc": round(confidence_report.rank_auc(scores[chosen], labels), 3),
            "auc_low": low,
            "auc_high": high,
            "precision": round(precision, 3),
            "precision_low": precision_low,
            "precision_high": precision_high,
            "kept": kept,
            "recall": round(recall, 3),
        }
    return out


def print_figures(title: str, figures: dict[str, dict[str, float]], threshold: float) -> None:
    print(f"\n## {title}")
    print(
        f"| source | relations | right | AUC [95 % by document] | precision at {threshold:.2f} [95 %] | kept "
        "| share of right kept |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, f in figures.items():
        print(
            f"| {name} | {f['relations']} | {f['right']} | {f['auc']:.3f} [{f['auc_low']:.2f}, {f['auc_high']:.2f}] "
            f"| {f['precision']:.3f} [{f['precision_low']:.2f}, {f['precision_high']:.2f}] | {f['kept']} "
            f"| {f['recall']:.3f} |"
        )


def load_rows(paths: list[Path], dump: Path | None) -> list[dict]:
    """Labeled relations: extracted from gold files, or read from a ``--dump`` file (``.rows.jsonl``)."""
    if len(paths) == 1 and paths[0].name.endswith(".rows.jsonl"):
        return [json.loads(line) for line in paths[0].read_text(encoding="utf-8").splitlines() if line.strip()]
    from extract.pipeline import load_pipeline

    nlp = load_pipeline()
    rows = [row for path in paths for row in confidence_report.labeled_relations(nlp, path)]
    if dump:
        dump.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return rows


def _json_safe(figures: dict[str, float]) -> dict[str, float | None]:
    """Figures with ``None`` for an undefined one (an AUC of a source with no wrong relation): JSON has no NaN."""
    return {name: None if isinstance(value, float) and np.isnan(value) else value for name, value in figures.items()}


def model_file(rows: list[dict], chosen: tuple[str, ...], penalty: float, threshold: float, held: dict) -> dict:
    """The model as shipped: a weight for every feature of the code (0 for those left out), in its order."""
    intercept, fitted = fit_rows(rows, chosen, penalty)
    weight = dict(zip(chosen, fitted, strict=True))
    files = sorted({r["file"] for r in rows})
    return {
        "description": "Logistic regression giving the probability that a relation is right; "
        "features computed by extract/confidence/features.py, fitted by tools/fit_confidence.py.",
        "training_data": f"{len(rows)} relations extracted from {', '.join(files)} (../shared/eval), "
        f"{sum(1 for r in rows if r['right'])} right by the scorer's one-to-one matching (labeled for typed "
        "relations, unlabeled for untyped ones)",
        "penalty": penalty,
        "fitted": datetime.date.today().isoformat(),
        "threshold": threshold,
        "held_out": {source: _json_safe(figures) for source, figures in held.items()},
        "features": list(FEATURES),
        "intercept": round(intercept, 6),
        "weights": [round(float(weight.get(name, 0.0)), 6) for name in FEATURES],
    }


def stale(rows: list[dict]) -> set[str]:
    """The features of the code that some row lacks (rows dumped before the feature existed)."""
    return {name for row in rows for name in FEATURES if name not in row["features"]}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "data",
        nargs="+",
        type=Path,
        help="gold files (../shared/eval format), or one FILE.rows.jsonl written by --dump",
    )
    parser.add_argument("--dump", type=Path, help="also write the labeled relations here (name it *.rows.jsonl)")
    parser.add_argument("--write", action="store_true", help=f"write the model to {model_path()}")
    parser.add_argument("--features", default=",".join(FEATURES), help="comma-separated subset of the features")
    parser.add_argument(
        "--consistent-only",
        action="store_true",
        help="keep only the features that agree in sign across the gold files (held out, this "
        "did worse than the penalty alone)",
    )
    parser.add_argument("--precision", type=float, default=0.80, help="held-out precision the threshold must reach")
    args = parser.parse_args()
    args.names = tuple(args.features.split(","))
    unknown = set(args.names) - set(FEATURES)
    if unknown:
        parser.error(f"unknown features: {', '.join(sorted(unknown))}")
    return args


def main() -> None:
    args = arguments()
    rows = load_rows(args.data, args.dump)
    if args.write and (missing := stale(rows)):
        raise SystemExit(f"rows lack features {', '.join(sorted(missing))}: extract the gold files again")
    labels = np.array([r["right"] for r in rows], dtype=float)
    procedure = procedure_for(args.names, select=args.consistent_only)
    held_out = out_of_fold(rows, procedure)
    threshold = choose_threshold(held_out, labels, args.precision)
    current = np.array([r["confidence"] for r in rows])
    print_figures("current confidences (as extracted)", per_source(rows, current, threshold), threshold)
    held_figures = per_source(rows, held_out, threshold)
    print_figures(
        f"held out: {FOLDS}-fold cross-validation grouped by document, the whole procedure refitted in each fold",
        held_figures,
        threshold,
    )
    chosen, penalty = procedure(rows)
    data = model_file(rows, chosen, penalty, threshold, held_figures)
    weights = np.array(data["weights"])
    shipped = predict((data["intercept"], weights), matrix(rows, FEATURES)[0])
    print_figures(
        f"shipped: fitted on all (penalty {penalty}), in-sample", per_source(rows, shipped, threshold), threshold
    )
    print(f"\ndefault threshold {threshold:.2f} (lowest with pooled held-out precision >= {args.precision:.2f})")
    print("\n  weights (raw feature scale):")
    for name, weight in zip(FEATURES, weights, strict=True):
        print(f"  {name:26s} {weight:+.3f}")
    if args.write:
        model_path().write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {model_path()}")


if __name__ == "__main__":
    main()
