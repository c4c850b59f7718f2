"""The relation confidence model, on small hand-written sentences (not the gold files' text).

These check properties the shipped model must have, not its exact numbers, which change with
each refit (``tools/fit_confidence.py``).
"""

from __future__ import annotations

import json

import pytest

from extract.confidence import FEATURES, ConfidenceModel, crowding, features, load_model
from extract.errors import ExtractionError
from extract.pipeline import extract, parse
from extract.records import Article


def confidences(nlp, text: str) -> dict[tuple[str, str | None, str], float]:
    extraction = extract(nlp, Article(id="t", text=text, date="2021-06-01"))
    return {(r.subject.actor.label, r.event_type, r.object.actor.label): r.confidence for r in extraction.relations}


@pytest.mark.parametrize(
    "text",
    [
        "Joe Biden criticised Russia.",
        "Emmanuel Macron met with Angela Merkel in Berlin. He later telephoned Vladimir Putin.",
        "Turkey could attack Syria, Iraq and Iran, the minister said.",
        "Germany and France signed an agreement.",
    ],
)
def test_confidences_are_probabilities(nlp, text):
    found = confidences(nlp, text)
    assert found and all(0 < c < 1 for c in found.values()), found


@pytest.mark.parametrize(
    ("lower", "higher", "relation"),
    [
        # the subject is a pronoun resolved to a named actor of the sentence before
        (
            "Emmanuel Macron arrived in Brussels on Monday. He criticised Russia.",
            "Emmanuel Macron criticised Russia.",
            ("Emmanuel Macron", "DISAPPROVE", "Russia"),
        ),
        # a hypothetical event
        ("Joe Biden could criticise Russia.", "Joe Biden criticised Russia.", ("Joe Biden", "DISAPPROVE", "Russia")),
        # another event in the same sentence (the refit on the final rules dropped "one of several
        # parties of the same event": its sign differed between the two gold sources)
        (
            "Joe Biden criticised Russia and met Xi Jinping.",
            "Joe Biden criticised Russia.",
            ("Joe Biden", "DISAPPROVE", "Russia"),
        ),
    ],
)
def test_weaker_evidence_scores_lower(nlp, lower, higher, relation):
    weak, strong = confidences(nlp, lower), confidences(nlp, higher)
    assert relation in weak and relation in strong, (weak, strong)
    assert weak[relation] < strong[relation]


def test_features_are_the_declared_ones(nlp):
    doc = parse(nlp, Article(id="t", text="Emmanuel Macron met with Angela Merkel. She thanked him."))
    candidates = doc._.relations
    assert candidates
    for candidate, (rivals, siblings) in zip(candidates, crowding(candidates)):
        assert set(features(candidate, rivals, siblings)) == set(FEATURES)


def test_the_shipped_model_uses_known_features():
    model = load_model()
    assert model.weights and set(model.weights) <= set(FEATURES)


@pytest.mark.parametrize("z", [-50.0, -2.0, 0.0, 3.0, 50.0])
def test_probability_is_bounded_and_monotone(z):
    model = ConfidenceModel(0.0, {"hypothetical": z})
    p = model.probability({"hypothetical": 1.0})
    assert 0.0 <= p <= 1.0
    assert (p > 0.5) == (z > 0) or z == 0.0


@pytest.mark.parametrize(
    "data",
    [
        {"features": ["no_such_feature"], "weights": [1.0], "intercept": 0.0},
        {"features": ["hypothetical"], "weights": [1.0, 2.0], "intercept": 0.0},
        {"features": ["hypothetical"], "weights": [1.0]},
    ],
)
def test_a_model_file_that_does_not_fit_the_code_is_refused(tmp_path, data):
    path = tmp_path / "confidence.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ExtractionError):
        load_model.__wrapped__(path)
