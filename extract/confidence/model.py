"""The shipped confidence model: logistic regression coefficients over :data:`FEATURES`, and the default threshold.

The coefficients are data (``ontologies/confidence.json``), fitted offline on the dev gold files by
``tools/fit_confidence.py``, the only way to refit them; this module reads and applies them.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from extract.confidence.features import FEATURES
from extract.errors import ExtractionError


@dataclass(frozen=True, slots=True)
class ConfidenceModel:
    """Logistic regression coefficients over some of :data:`FEATURES`, and the default threshold: the
    lowest confidence at which held-out relations were right often enough (see ``tools/fit_confidence.py``)."""

    intercept: float
    weights: dict[str, float]
    threshold: float = 0.5

    def probability(self, features: dict[str, float]) -> float:
        """The predicted probability that the relation is right.

        >>> ConfidenceModel(0.0, {"hypothetical": -1.0}).probability({"hypothetical": 1.0})
        0.2689414213699951
        """
        z = self.intercept + sum(w * features.get(name, 0.0) for name, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


def model_path() -> Path:
    return Path(str(files("ontologies") / "confidence.json"))


def fitted_features(path: Path | None = None) -> tuple[str, ...]:
    """The features the shipped model was fitted on, in its order (the code's :data:`FEATURES` when up to date)."""
    path = path or model_path()
    try:
        return tuple(json.loads(path.read_text(encoding="utf-8"))["features"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ExtractionError(f"{path}: unreadable confidence model: {error!r}") from error


@cache
def load_model(path: Path | None = None) -> ConfidenceModel:
    """The shipped coefficients, checked against the features this code computes.

    Only the features with a non-zero weight are kept: the others cost nothing at extraction time.

    Raises:
        ExtractionError: when the file is missing, malformed or fitted on features the code does not compute.
    """
    path = path or model_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        names, weights = data["features"], data["weights"]
        intercept = float(data["intercept"])
        threshold = float(data.get("threshold", 0.5))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ExtractionError(f"{path}: unreadable confidence model: {error!r}") from error
    unknown = set(names) - set(FEATURES)
    if unknown or len(weights) != len(names):
        raise ExtractionError(
            f"{path}: fitted on features extract/confidence does not compute "
            f"({', '.join(sorted(unknown)) or 'weights do not match names'}); "
            "refit with tools/fit_confidence.py"
        )
    kept = {name: float(w) for name, w in zip(names, weights, strict=True) if float(w) != 0.0}
    return ConfidenceModel(intercept, kept, threshold)


def default_threshold() -> float:
    """The confidence below which "what happened" views leave a relation out by default.

    >>> 0.0 < default_threshold() < 1.0
    True
    """
    return load_model().threshold


__all__ = ["ConfidenceModel", "default_threshold", "fitted_features", "load_model", "model_path"]
