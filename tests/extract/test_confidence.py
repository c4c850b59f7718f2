"""The relation confidence model, on small hand-written sentences (not the gold files' text).

These check properties the shipped model must have, not its exact numbers, which change with
each refit (``tools/fit_confidence.py``).
"""

from __future__ import annotations

import json
import math

import pytest

from extract.confidence import FEATURES, ConfidenceModel, crowding, features, fitted_features, load_model
from extract.confidence.features import construction
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


@pytest.mark.parametrize(
    "text",
    [
        "Emmanuel Macron met with Angela Merkel. She thanked him.",
        '"We condemn the attack," Canada said. It later urged Iran to stop.\n\nDid Iran reply?',
        "The rebels, who attacked the town, fought the army. Its commander threatened them.",
    ],
)
def test_features_are_finite_numbers(nlp, text):
    doc = parse(nlp, Article(id="t", text=text))
    candidates = doc._.relations or []
    assert candidates
    for candidate, crowd in zip(candidates, crowding(candidates)):
        values = features(candidate, *crowd)
        assert all(isinstance(v, float) and math.isfinite(v) for v in values.values()), values


def test_features_are_the_declared_ones(nlp):
    doc = parse(nlp, Article(id="t", text="Emmanuel Macron met with Angela Merkel. She thanked him."))
    candidates = doc._.relations
    assert candidates
    for candidate, (rivals, siblings) in zip(candidates, crowding(candidates)):
        assert set(features(candidate, rivals, siblings)) == set(FEATURES)


def test_the_shipped_model_uses_known_features():
    model = load_model()
    assert model.weights and set(model.weights) <= set(FEATURES)


def test_the_shipped_model_is_fitted_on_the_features_the_code_computes():
    """A feature added, renamed or removed without a refit fails here: rerun
    ``tools/fit_confidence.py ../shared/eval/{seed-gold,plover-dev,re3d-dev,news-dev}.jsonl --write``."""
    assert fitted_features() == FEATURES


def candidate_features(nlp, text: str, subject: str, obj: str) -> dict[str, float]:
    doc = parse(nlp, Article(id="t", text=text, date="2021-06-01"))
    candidates = doc._.relations or []
    for candidate, crowd in zip(candidates, crowding(candidates)):
        if candidate.subject.text == subject and candidate.object.text == obj:
            return {"construction": construction(candidate), **features(candidate, *crowd)}  # type: ignore[dict-item]
    raise AssertionError(f"no candidate {subject} → {obj} in {[(c.subject.text, c.object.text) for c in candidates]}")


@pytest.mark.parametrize(
    ("text", "subject", "obj", "family"),
    [
        ("Angela Merkel criticised Turkey on Tuesday.", "Angela Merkel", "Turkey", "verb"),
        ("Peru negotiated with Bolivia for a week.", "Peru", "Bolivia", "preposition"),
        ("Japan held talks with South Korea about fishing rights.", "Japan", "South Korea", "light"),
        ("Brazil threatened to sanction Venezuela.", "Brazil", "Venezuela", "governed"),
        ("The attack by Sudan on Ethiopia drew condemnation.", "Sudan", "Ethiopia", "nominal"),
    ],
)
def test_the_construction_family(nlp, text, subject, obj, family):
    found = candidate_features(nlp, text, subject, obj)
    assert found["construction"] == family
    flags = {name for name in FEATURES if name.startswith("construction_") and found[name]}
    assert flags == ({f"construction_{family}"} if family != "verb" else set())


@pytest.mark.parametrize(
    ("text", "subject", "obj", "on", "off"),
    [
        # a pronoun resolved by coreference, against a name linked to the reference data
        (
            "Norway praised Sweden. It later criticised Denmark.",
            "It",
            "Denmark",
            {"subject_pronoun", "subject_coreference"},
            {"subject_gazetteer"},
        ),
        (
            "Norway praised Sweden. It later criticised Denmark.",
            "Norway",
            "Sweden",
            {"subject_gazetteer", "subject_linked", "past"},
            {"subject_pronoun"},
        ),
        # the speaker of a quote, in the first person
        (
            '"We will support Ukraine," the Polish president said.',
            "We",
            "Ukraine",
            {"subject_first_person", "quoted", "intended"},
            {"past"},
        ),
        # common nouns in the plural: groups, not named actors
        (
            "The protesters criticised the police in Leeds.",
            "protesters",
            "police",
            {"subject_plural_common", "object_common"},
            {"subject_linked"},
        ),
        # tense and modality of the trigger's clause
        ("Vietnam supports Laos in the talks.", "Vietnam", "Laos", {"present"}, {"past", "nonfinite", "hypothetical"}),
        ("Spain could criticise Morocco.", "Spain", "Morocco", {"hypothetical", "nonfinite"}, {"past", "question"}),
        ("Did Spain criticise Morocco?", "Spain", "Morocco", {"question", "hypothetical"}, {"quoted"}),
        # the event of a clause that is background to the sentence's statement
        ("When Chile recognised Peru, the talks resumed.", "Chile", "Peru", {"subordinate"}, {"complement"}),
        # a mirrored party: the object is the grammatical subject
        (
            "The Canadian prime minister met with the Mexican president.",
            "the Mexican president",
            "The Canadian prime minister",
            {"reversed", "subject_after_head"},
            set(),
        ),
    ],
)
def test_features_on_written_sentences(nlp, text, subject, obj, on, off):
    found = candidate_features(nlp, text, subject, obj)
    assert {name for name in on if not found[name]} == set(), found
    assert {name for name in off if found[name]} == set(), found


@pytest.mark.parametrize(
    ("text", "subject", "obj", "name", "compare"),
    [
        # two events in the sentence: the other is a rival
        ("Peru criticised Chile and met Bolivia.", "Peru", "Chile", "rivals", "gt"),
        ("Peru criticised Chile.", "Peru", "Chile", "rivals", "eq"),
        # two parties of one event: siblings
        ("Peru criticised Chile and Bolivia.", "Peru", "Chile", "siblings", "gt"),
        # an actor named again in the article
        (
            "Peru criticised Chile. Peru later met Bolivia. Peru also called Cuba.",
            "Peru",
            "Chile",
            "subject_mentions",
            "gt",
        ),
        ("Peru criticised Chile.", "Peru", "Chile", "object_mentions", "eq"),
    ],
)
def test_counting_features(nlp, text, subject, obj, name, compare):
    value = candidate_features(nlp, text, subject, obj)[name]
    assert value > 0 if compare == "gt" else value == 0


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


def test_the_documented_default_threshold_is_the_shipped_one():
    """docs/api.md states the default ``min_confidence`` of the relation lists; a refit that moves it moves the doc."""
    import re
    from pathlib import Path

    text = (Path(__file__).parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    stated = re.search(r"`threshold` in `ontologies/confidence.json`, now \*\*([0-9.]+)\*\*", text)
    assert stated is not None and float(stated.group(1)) == load_model().threshold
