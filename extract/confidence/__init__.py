"""The confidence of a relation: a calibrated probability that it is right.

A small logistic model (:mod:`~extract.confidence.model`) over features of the candidate that
extraction already knows (:mod:`~extract.confidence.features`): the construction that produced it,
how its event type and its arguments were found, how they hang from the trigger, the qualifiers
of its clause, how busy its sentence is. Fitted offline on the dev gold files by
``tools/fit_confidence.py``.
"""

from __future__ import annotations

from extract.confidence.features import FEATURES, crowding, features
from extract.confidence.model import ConfidenceModel, default_threshold, fitted_features, load_model, model_path
from extract.relations import Candidate


def confidence(candidate: Candidate, rivals: int = 0, siblings: int = 0, model: ConfidenceModel | None = None) -> float:
    """The calibrated probability that a candidate relation is right, to three places.

    Kept within [0.001, 0.999]: a model fitted on a few hundred relations is never certain.
    """
    model = model or load_model()
    p = model.probability(features(candidate, rivals, siblings, model.weights))
    return min(max(round(p, 3), 0.001), 0.999)


__all__ = [
    "FEATURES",
    "ConfidenceModel",
    "confidence",
    "crowding",
    "default_threshold",
    "features",
    "fitted_features",
    "load_model",
    "model_path",
]
