"""Fit the relation confidence model (logistic regression) and write ``ontologies/confidence.json``.

Reads the labeled relations that ``tools/confidence_report.py --dump`` writes, reports the
cross-source figures (fit on one gold file, evaluate on the other) against the current
confidences, then fits the pooled model that ships:

    PYTHONPATH=. python tools/confidence_report.py /work/shared/eval/{plover,re3d}-dev.jsonl \
        --dump /tmp/confidence-data.jsonl
    PYTHONPATH=. python tools/fit_confidence.py /tmp/confidence-data.jsonl [--write]

The model is an L2-penalised logistic regression on standardised features, fitted by Newton's
method with numpy only; the penalty is chosen by 5-fold cross-validation over documents of the
training data. The shipped coefficients are on the raw feature scale.
"""

from __future__ import annotations

import argparse
import datetime
import json
import zlib
from pathlib import Path

import confidence_report  # the sibling tool: tools/ is on sys.path when a tool runs as a script
import numpy as np

from extract.confidence import FEATURES, model_path

PENALTIES = (0.3, 1.0, 3.0, 10.0, 30.0, 100.0)


def matrix(rows: list[dict], names: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([[row["features"].get(name, 0.0) for name in names] for row in rows], dtype=float)
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


def out_of_fold(rows: list[dict], names: tuple[str, ...], penalty: float | None, folds: int = 5) -> np.ndarray:
    """Each row's probability from a model fitted without its document's fold (grouped k-fold).

    With ``penalty`` None, each fold chooses its own penalty on its training part, so the figures
    are those of the whole fitting procedure.
    """
    fold_of = np.array([zlib.crc32(f"{r['file']}/{r['document']}".encode()) % folds for r in rows])
    x, y = matrix(rows, names)
    predicted = np.zeros(len(rows))
    for k in range(folds):
        train, test = fold_of != k, fold_of == k
        if test.any():
            training = [r for r, t in zip(rows, train, strict=True) if t]
            chosen = penalty if penalty is not None else choose_penalty(training, names)
            predicted[test] = predict(fit(x[train], y[train], chosen), x[test])
    return predicted


def consistent(rows: list[dict], names: tuple[str, ...], files: list[str], least: float = 0.05) -> tuple[str, ...]:
    """The features whose correlation with being right has one sign, at least ``least`` in size,
    in every gold file where the feature varies (a file where it is constant abstains): what holds
    across sources rather than what marks one source."""
    kept = []
    for index, name in enumerate(names):
        signs = set()
        for file in files:
            x, y = matrix([r for r in rows if r["file"] == file], names)
            column = x[:, index]
            if column.std() == 0 or y.std() == 0:
                continue
            r = float(np.corrcoef(column, y)[0, 1])
            signs.add(float(np.sign(r)) if abs(r) >= least else 0.0)
        if len(signs) == 1 and 0.0 not in signs:
            kept.append(name)
    return tuple(kept)


def choose_penalty(rows: list[dict], names: tuple[str, ...]) -> float:
    """The penalty with the lowest cross-validated log loss, folds grouped by document."""
    y = matrix(rows, names)[1]
    losses = {penalty: log_loss(out_of_fold(rows, names, penalty), y) for penalty in PENALTIES}
    return min(losses, key=losses.get)


def compare(name: str, rows: list[dict], probabilities: np.ndarray) -> None:
    report = confidence_report
    labels = [r["right"] for r in rows]
    print(report.summary(f"{name}, current confidences", [r["confidence"] for r in rows], labels, table=False))
    print(report.summary(f"{name}, fitted model", [round(float(p), 3) for p in probabilities], labels))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="labeled relations from confidence_report.py --dump")
    parser.add_argument("--write", action="store_true", help=f"write the pooled model to {model_path()}")
    parser.add_argument("--features", default=",".join(FEATURES), help="comma-separated subset of the features")
    parser.add_argument("--all-features", action="store_true",
                        help="keep every feature, not only those that agree in sign across the gold files")
    args = parser.parse_args()
    names = tuple(args.features.split(","))
    unknown = set(names) - set(FEATURES)
    if unknown:
        parser.error(f"unknown features: {', '.join(sorted(unknown))}")
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    files = sorted({r["file"] for r in rows if r["file"] != "seed-gold"})
    if not args.all_features:
        names = consistent(rows, names, files)
        print(f"features that agree across {', '.join(files)}: {', '.join(names)}")
    for train_file in files:
        for test_file in files:
            if test_file == train_file:
                continue
            train = [r for r in rows if r["file"] == train_file]
            test = [r for r in rows if r["file"] == test_file]
            penalty = choose_penalty(train, names)
            model = fit(*matrix(train, names), penalty)
            print(f"\n## fit on {train_file} (penalty {penalty}), evaluated on {test_file}")
            compare(test_file, test, predict(model, matrix(test, names)[0]))
    train = [r for r in rows if r["file"] in files]
    held_out = out_of_fold(train, names, None)
    print(f"\n## pooled {', '.join(files)}, 5-fold cross-validation grouped by document (held-out predictions)")
    for name in files:
        chosen = [i for i, r in enumerate(train) if r["file"] == name]
        compare(name, [train[i] for i in chosen], held_out[chosen])
    compare("pooled", train, held_out)
    penalty = choose_penalty(train, names)
    model = fit(*matrix(train, names), penalty)
    print(f"\n## shipped: pooled fit on {', '.join(files)} (penalty {penalty}), in-sample")
    for name in [*files, "seed-gold"]:
        chosen = [r for r in rows if r["file"] == name]
        if chosen:
            compare(name, chosen, predict(model, matrix(chosen, names)[0]))
    compare("pooled", train, predict(model, matrix(train, names)[0]))
    print("\n  weights (raw feature scale):")
    for name, weight in zip(names, model[1], strict=True):
        print(f"  {name:22s} {weight:+.3f}")
    if args.write:
        data = {
            "description": "Logistic regression giving the probability that a relation is right; "
                           "features computed by extract/confidence.py, fitted by tools/fit_confidence.py.",
            "training_data": f"{len(train)} relations extracted from {', '.join(files)} "
                             f"(../shared/eval), {int(sum(r['right'] for r in train))} right by the scorer's "
                             "one-to-one matching (labeled for typed relations, unlabeled for untyped ones)",
            "penalty": penalty,
            "fitted": datetime.date.today().isoformat(),
            "features": list(names),
            "intercept": round(model[0], 6),
            "weights": [round(float(w), 6) for w in model[1]],
        }
        model_path().write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {model_path()}")


if __name__ == "__main__":
    main()
