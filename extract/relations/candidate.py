"""What the extractors produce: a relation before it is a record, and a verb's target before it is one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Span, Token

from extract.lexicon import Sense

VERB_EVENTS = "newsgraph.VerbEvents.v10"
NOMINAL_EVENTS = "newsgraph.NominalEvents.v11"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A relation before it is turned into a record: spans and tokens of the parse."""

    subject: Span
    object: Span
    predicate: str
    sense: Sense | None
    trigger: list[Token]
    extractor: str
    confidence: float
    head: Token


class Target(NamedTuple):
    """The other party of a verb's event, with the sense, predicate and trigger it is found by."""

    actor: Span
    sense: Sense | None
    predicate: str
    trigger: list[Token]
    confidence: float
    light: bool = False  # found through a light verb's event noun ("sent greetings to X")
