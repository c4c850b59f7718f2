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
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from spacy.tokens import Span, Token

from extract.errors import ExtractionError
from extract.lexicon import load_lexicon
from extract.qualifiers import attribution, modality, negated
from extract.relations import NOMINAL_EVENTS, Candidate

# How an argument's actor was found (``Span._.resolved_by``), grouped by how much it can be trusted.
NAMED = {"name", "gazetteer", "capital", None}
COREFERENCE = {"pronoun", "description"}
# PLOVER's quad classes: verbal and material, cooperation and conflict.
VERBAL_CONFLICT = {"DEMAND", "REJECT", "DISAPPROVE", "THREATEN", "PROTEST", "ACCUSE", "INVESTIGATE"}
MATERIAL_CONFLICT = {"SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT"}
MATERIAL_COOPERATION = {"COOPERATE", "AID", "RETREAT"}

FEATURES = (
    "rule_prior",          # the rule's own constant (0.5–0.8): which construction produced it
    "nominal",             # an event noun ("the attack by X on Y") rather than a verb
    "sense_none",          # no event type: a relation that is not an interaction
    "sense_pattern",       # the type came from an object or prepositional pattern, not the bare word
    "material_conflict", "verbal_conflict", "material_cooperation",
    "governed",            # "agreed to meet": the event hangs on a governing verb
    "via_preposition",     # the object is the object of a preposition ("met with X")
    "subject_after_head",  # the subject follows the trigger: a passive or mirrored reading
    "reversed",            # the object is the clause's grammatical subject: "X met Y" read as Y met X
    "subject_coreference", "object_coreference",  # pronoun or definite description resolved
    "subject_title", "object_title", "subject_demonym", "object_demonym",
    "coreference_distance",  # log(1 + sentences back to the named antecedent), 0 when named
    "subject_person", "object_person", "subject_gpe", "object_gpe",
    "subject_distance", "object_distance",  # log(1 + tokens between trigger and argument)
    "subject_path", "object_path",          # dependency edges between trigger and argument
    "negated", "hypothetical", "intended", "attributed",
    "sentence_length",     # log(tokens of the sentence)
    "rivals",              # log(1 + other event words with candidates in the same sentence)
    "siblings",            # log(1 + other candidates of the same event word: conjoined or mirrored parties)
)


@dataclass(frozen=True, slots=True)
class ConfidenceModel:
    """Logistic regression coefficients over some of :data:`FEATURES`."""

    intercept: float
    weights: dict[str, float]

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
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ExtractionError(f"{path}: unreadable confidence model: {error!r}") from error
    unknown = set(names) - set(FEATURES)
    if unknown or len(weights) != len(names):
        raise ExtractionError(f"{path}: fitted on features extract/confidence.py does not compute "
                              f"({', '.join(sorted(unknown)) or 'weights do not match names'}); "
                              "refit with tools/fit_confidence.py")
    return ConfidenceModel(intercept, {name: float(w) for name, w in zip(names, weights)})


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
    named = [m for m in span.doc._.mentions or [] if m.start < span.start and m._.actor.key == key
             and m._.resolved_by not in COREFERENCE]
    if not named:
        return 0
    return sum(1 for t in span.doc[named[-1].end:span.start + 1] if t.is_sent_start)


def _argument(prefix: str, span: Span, head: Token) -> dict[str, float]:
    how, kind = span._.resolved_by, span._.actor.type
    return {
        f"{prefix}_coreference": float(how in COREFERENCE),
        f"{prefix}_title": float(how == "title"),
        f"{prefix}_demonym": float(how == "demonym"),
        f"{prefix}_person": float(kind == "PERSON"),
        f"{prefix}_gpe": float(kind == "GPE"),
        f"{prefix}_distance": math.log1p(abs(span.root.i - head.i)),
        f"{prefix}_path": float(_path_length(head, span.root)),
    }


def features(candidate: Candidate, rivals: int = 0, siblings: int = 0) -> dict[str, float]:
    """The features of a candidate relation, by name.

    Args:
        candidate: the relation as the relations component found it.
        rivals: how many other words of its sentence head candidates (other events).
        siblings: how many other candidates share its head word.
    """
    c, head = candidate, candidate.head
    sense = c.sense
    category = sense.category if sense else ""
    bare = load_lexicon().sense(head.lemma_) if head.pos_ in ("VERB", "AUX") else None
    source = attribution(head)
    mood = modality(head)
    found = {
        "rule_prior": c.confidence,
        "nominal": float(c.extractor == NOMINAL_EVENTS),
        "sense_none": float(sense is None),
        "sense_pattern": float(sense is not None and head.pos_ in ("VERB", "AUX") and sense != bare),
        "material_conflict": float(category in MATERIAL_CONFLICT),
        "verbal_conflict": float(category in VERBAL_CONFLICT),
        "material_cooperation": float(category in MATERIAL_COOPERATION),
        "governed": float(c.extractor != NOMINAL_EVENTS and c.trigger[0].i != head.i),
        "via_preposition": float(any(t.dep_ == "prep" for t in c.trigger)),
        "subject_after_head": float(c.subject.start > head.i),
        "reversed": float(c.object.root.dep_ in ("nsubj", "csubj") and c.object.root.head.i == head.i),
        "coreference_distance": math.log1p(max(_coreference_distance(c.subject), _coreference_distance(c.object))),
        "negated": float(negated(head)),
        "hypothetical": float(mood == "hypothetical"),
        "intended": float(mood == "intended"),
        "attributed": float(source is not None and source._.mention is not None),
        "sentence_length": math.log(len(head.sent)),
        "rivals": math.log1p(rivals),
        "siblings": math.log1p(siblings),
    }
    found.update(_argument("subject", c.subject, head))
    found.update(_argument("object", c.object, head))
    return found


def crowding(candidates: list[Candidate]) -> list[tuple[int, int]]:
    """For each candidate of a document, its rivals and siblings (see :func:`features`)."""
    heads = Counter(c.head.i for c in candidates)
    events = Counter(sent for sent, _ in {(c.head.sent.start, c.head.i) for c in candidates})
    return [(events[c.head.sent.start] - 1, heads[c.head.i] - 1) for c in candidates]


def confidence(candidate: Candidate, rivals: int = 0, siblings: int = 0,
               model: ConfidenceModel | None = None) -> float:
    """The calibrated probability that a candidate relation is right, to three places.

    Kept within [0.001, 0.999]: a model fitted on a few hundred relations is never certain.
    """
    p = (model or load_model()).probability(features(candidate, rivals, siblings))
    return min(max(round(p, 3), 0.001), 0.999)


__all__ = ["FEATURES", "ConfidenceModel", "confidence", "crowding", "features", "load_model", "model_path"]
