"""The confidence of a relation: a calibrated probability that it is right.

A small logistic model over features of the candidate that extraction already knows — the rule
that produced it, how its event type and its arguments were found, how far apart they are, the
qualifiers of its clause, how busy its sentence is. The coefficients are data
(``ontologies/confidence.json``), fitted offline on the dev gold files by
``tools/fit_confidence.py``; this module only computes the features and applies them.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from spacy.tokens import Span, Token

from extract.errors import ExtractionError
from extract.lexicon import load_lexicon
from extract.qualifiers import attribution, hedged, modality, negated
from extract.relations import NOMINAL_EVENTS, Candidate

# How an argument's actor was found (``Span._.resolved_by``) when it is not named in place.
COREFERENCE = {"pronoun", "description"}
# PLOVER's quad classes: verbal and material, cooperation and conflict.
VERBAL_CONFLICT = {"DEMAND", "REJECT", "DISAPPROVE", "THREATEN", "PROTEST", "ACCUSE", "INVESTIGATE"}
MATERIAL_CONFLICT = {"SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT"}
MATERIAL_COOPERATION = {"COOPERATE", "AID", "RETREAT"}
# spaCy entity labels of what is not an actor.
THINGS = {
    "LOC",
    "FAC",
    "EVENT",
    "WORK_OF_ART",
    "PRODUCT",
    "LAW",
    "QUANTITY",
    "CARDINAL",
    "MONEY",
    "DATE",
    "TIME",
    "PERCENT",
    "ORDINAL",
    "LANGUAGE",
}
PLACE_PREPOSITIONS = {"to", "in", "from", "at", "for", "into", "across"}


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


@cache
def load_model(path: Path | None = None) -> ConfidenceModel:
    """The shipped coefficients, checked against the features this code computes.

    Raises:
        ExtractionError: when the file is missing, malformed or fitted on other features.
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
            f"{path}: fitted on features extract/confidence.py does not compute "
            f"({', '.join(sorted(unknown)) or 'weights do not match names'}); "
            "refit with tools/fit_confidence.py"
        )
    return ConfidenceModel(intercept, {name: float(w) for name, w in zip(names, weights, strict=True)}, threshold)


def default_threshold() -> float:
    """The confidence below which "what happened" views leave a relation out by default.

    >>> 0.0 < default_threshold() < 1.0
    True
    """
    return load_model().threshold


def _path_length(a: Token, b: Token) -> int:
    """Dependency edges between two tokens of one sentence."""
    up = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in up:
            return n + up[t.i]
    return len(up) + n + 1  # not connected (two sentences): as far as the trees are deep


def _coreference_distance(span: Span) -> int:
    """Sentences back from a resolved mention to the nearest named mention of its actor, else 0."""
    if span._.resolved_by not in COREFERENCE:
        return 0
    key = span._.actor.key
    named = [
        m
        for m in span.doc._.mentions or []
        if m.start < span.start and m._.actor.key == key and m._.resolved_by not in COREFERENCE
    ]
    if not named:
        return 0
    return sum(1 for t in span.doc[named[-1].end : span.start + 1] if t.is_sent_start)


def _bare_sense(head: Token):
    return load_lexicon().sense(head.lemma_) if head.pos_ in ("VERB", "AUX") else None


def _category(c: Candidate) -> str:
    return c.sense.category if c.sense else ""


def _attributed(head: Token) -> bool:
    source = attribution(head)
    return source is not None and source._.mention is not None


def _argument_features(role: str) -> dict[str, Callable[[Candidate, int, int], float]]:
    """The features of the subject or the object, read off its span."""

    def span(c: Candidate) -> Span:
        return c.subject if role == "subject" else c.object

    return {
        f"{role}_coreference": lambda c, *_: float(span(c)._.resolved_by in COREFERENCE),
        f"{role}_title": lambda c, *_: float(span(c)._.resolved_by == "title"),
        f"{role}_demonym": lambda c, *_: float(span(c)._.resolved_by == "demonym"),
        f"{role}_gazetteer": lambda c, *_: float(span(c)._.resolved_by == "gazetteer"),
        f"{role}_person": lambda c, *_: float(span(c)._.actor.type == "PERSON"),
        f"{role}_gpe": lambda c, *_: float(span(c)._.actor.type == "GPE"),
        f"{role}_org": lambda c, *_: float(span(c)._.actor.type == "ORG"),
        f"{role}_group": lambda c, *_: float(span(c)._.actor.type == "GROUP"),
        # the actor is known to the reference data (a Wikidata id)
        f"{role}_linked": lambda c, *_: float(bool(span(c)._.actor.qid)),
        # neither a name nor a pronoun: a common noun phrase ("the protesters", "homes")
        f"{role}_common": lambda c, *_: float(
            span(c).root.pos_ not in ("PROPN", "PRON") and span(c)._.resolved_by in (None, "name")
        ),
        # no entity label from the tagger on the argument's head
        f"{role}_untagged": lambda c, *_: float(not span(c).root.ent_type_),
        # the tagger names a place, facility, event, work or quantity, not an actor
        f"{role}_thing": lambda c, *_: float(span(c).root.ent_type_ in THINGS),
        # log(1 + tokens between trigger and argument); dependency edges between them
        f"{role}_distance": lambda c, *_: math.log1p(abs(span(c).root.i - c.head.i)),
        f"{role}_path": lambda c, *_: float(_path_length(c.head, span(c).root)),
    }


# Each feature from (candidate, rivals, siblings); the model computes only those it weighs.
_FEATURES: dict[str, Callable[[Candidate, int, int], float]] = {
    # the rule's own constant (0.5–0.8): which construction produced it
    "rule_prior": lambda c, *_: c.confidence,
    # an event noun ("the attack by X on Y") rather than a verb
    "nominal": lambda c, *_: float(c.extractor == NOMINAL_EVENTS),
    # no event type: a relation that is not an interaction
    "sense_none": lambda c, *_: float(c.sense is None),
    # the type came from an object or prepositional pattern, not the bare verb
    "sense_pattern": lambda c, *_: float(
        c.sense is not None and c.head.pos_ in ("VERB", "AUX") and c.sense != _bare_sense(c.head)
    ),
    # typed by an event noun under a verb the lexicon does not know ("extended his appreciation to X")
    "light_verb": lambda c, *_: float(
        c.sense is not None and c.head.pos_ in ("VERB", "AUX") and _bare_sense(c.head) is None and len(c.trigger) > 1
    ),
    "material_conflict": lambda c, *_: float(_category(c) in MATERIAL_CONFLICT),
    "verbal_conflict": lambda c, *_: float(_category(c) in VERBAL_CONFLICT),
    "material_cooperation": lambda c, *_: float(_category(c) in MATERIAL_COOPERATION),
    # "agreed to meet": the event hangs on a governing verb
    "governed": lambda c, *_: float(c.extractor != NOMINAL_EVENTS and c.trigger[0].i != c.head.i),
    # the object is the object of a preposition ("met with X")
    "via_preposition": lambda c, *_: float(any(t.dep_ == "prep" for t in c.trigger)),
    # ... of one that names a place: "travelled to X", "came from X", "ran for X"
    "place_preposition": lambda c, *_: float(
        any(t.dep_ == "prep" and t.lower_ in PLACE_PREPOSITIONS for t in c.trigger) and c.object._.actor.type == "GPE"
    ),
    # the subject follows the trigger: a passive, mirrored ("X met Y" read as Y met X) or nominal reading
    "subject_after_head": lambda c, *_: float(c.subject.start > c.head.i),
    # the object is the clause's grammatical subject: the mirrored direction of a mutual event
    "reversed": lambda c, *_: float(c.object.root.dep_ in ("nsubj", "csubj") and c.object.root.head.i == c.head.i),
    # log(1 + sentences back to the named antecedent of a resolved argument), 0 when both are named
    "coreference_distance": lambda c, *_: math.log1p(
        max(_coreference_distance(c.subject), _coreference_distance(c.object))
    ),
    "negated": lambda c, *_: float(negated(c.head)),
    "hypothetical": lambda c, *_: float(modality(c.head) == "hypothetical"),
    "intended": lambda c, *_: float(modality(c.head) == "intended"),
    "attributed": lambda c, *_: float(_attributed(c.head)),
    # "reportedly", "is said to have": on unnamed authority
    "hedged": lambda c, *_: float(hedged(c.head)),
    # the subject and the object are the same actor
    "same_actor": lambda c, *_: float(c.subject._.actor.key == c.object._.actor.key),
    # log(tokens of the sentence)
    "sentence_length": lambda c, *_: math.log(len(c.head.sent)),
    # log(1 + other event words with candidates in the same sentence)
    "rivals": lambda c, rivals, siblings: math.log1p(rivals),
    # log(1 + other candidates of the same event word: conjoined or mirrored parties)
    "siblings": lambda c, rivals, siblings: math.log1p(siblings),
    **_argument_features("subject"),
    **_argument_features("object"),
}
FEATURES = tuple(_FEATURES)


def features(
    candidate: Candidate, rivals: int = 0, siblings: int = 0, names: Iterable[str] = FEATURES
) -> dict[str, float]:
    """The features of a candidate relation, by name.

    Args:
        candidate: the relation as the relations component found it.
        rivals: how many other words of its sentence head candidates (other events).
        siblings: how many other candidates share its head word.
        names: the features wanted; all of them by default.
    """
    return {name: _FEATURES[name](candidate, rivals, siblings) for name in names}


def crowding(candidates: list[Candidate]) -> list[tuple[int, int]]:
    """For each candidate of a document, its rivals and siblings (see :func:`features`)."""
    heads = Counter(c.head.i for c in candidates)
    events = Counter(sent for sent, _ in {(c.head.sent.start, c.head.i) for c in candidates})
    return [(events[c.head.sent.start] - 1, heads[c.head.i] - 1) for c in candidates]


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
    "load_model",
    "model_path",
]
