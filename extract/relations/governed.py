"""Governed verbs: an event embedded under a verb of threat, refusal, demand or promise, and its modality.

CAMEO codes an event embedded under such a verb by the governing verb ("threatened to ban" →
THREATEN), but a promise of force threatens ("pledged to attack"); an announced cooperative act
is AGREE, an announced hostile one or an ultimatum THREATEN; a meeting is coded by its purpose.
"""

from __future__ import annotations

from spacy.tokens import Token

from extract.lexicon import Sense, load_lexicon
from extract.qualifiers import modality, negated, performed
from extract.relations.syntax import infinitival
from extract.relations.vocabulary import COOPERATIVE, GOVERNING, HOSTILE, SPEECH_ACTS


def governor(verb: Token) -> tuple[Sense, Token] | None:
    """'threatened to ban', 'refused to deploy', 'offered to negotiate': the governing verb's sense; none
    where saying one wants to do a speech act does it ('I want to thank X' thanks X, promises nothing)."""
    if performed(verb):
        return None
    t = verb
    for _ in range(3):
        if t.dep_ != "xcomp" or t.head.pos_ not in ("VERB", "AUX", "ADJ"):
            return None
        t = t.head
        sense = load_lexicon().sense(t.lemma_.lower())
        if sense is not None and sense.category in GOVERNING:
            return sense, t
    return None


def ruled(governing: Sense, embedded: Sense | None) -> Sense:
    """The sense a governing verb gives its event: its own, but 'pledged to attack X' threatens X."""
    if governing.category == "AGREE" and embedded is not None and embedded.category in HOSTILE:
        return Sense("130", "THREATEN", governing.mode)
    return governing


def conditional(verb: Token) -> bool:
    """An intended act made to depend on another's: 'will withdraw unless Y arranges a ceasefire'."""
    t = verb
    for _ in range(3):
        if any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children) for c in t.children
        ):
            return modality(verb) == "intended"
        if t.dep_ not in ("xcomp", "ccomp", "conj"):
            return False
        t = t.head
    return False


def by_modality(verb: Token, sense: Sense | None) -> Sense | None:
    """An announced cooperative act is an AGREE (CAMEO 03), an announced hostile one a THREATEN (13)."""
    if sense is None:
        return sense
    if sense.category in COOPERATIVE | HOSTILE and conditional(verb):
        return Sense("130", "THREATEN", sense.mode)  # "will withdraw unless X...": an ultimatum
    if modality(verb) != "intended":
        return sense
    if negated(verb):
        return Sense(sense.cameo, "REJECT", sense.mode)
    if sense.category in COOPERATIVE and not scheduled(verb):
        return Sense("030", "AGREE", sense.mode)
    if sense.category in HOSTILE:
        return Sense("130", "THREATEN", sense.mode)
    return sense


def scheduled(verb: Token) -> bool:
    """'Letters of credence will be presented to X by Y': a future passive naming its agent reports a
    scheduled event, not the agent's own commitment (which 'Y will present ...' or 'Y pledged to' is)."""
    return any(c.dep_ == "nsubjpass" for c in verb.children) and any(c.dep_ == "agent" for c in verb.children)


def purposed(verb: Token, sense: Sense | None) -> Sense | None:
    """'summoned the ambassador to complain', 'met X to demand': a meeting is coded by its purpose."""
    if sense is None or sense.category != "CONSULT":
        return sense
    for clause in verb.children:
        if clause.dep_ in ("xcomp", "advcl") and infinitival(clause):
            aim = load_lexicon().sense(clause.lemma_.lower())
            if aim is not None and aim.category in SPEECH_ACTS | {"PROTEST"}:
                return aim
    return sense
