"""Verbs of receiving: what the subject receives 'from X' is X's act toward the subject.

'The rebels received weapons from Iran' is Iran's aid to the rebels, 'received threats from X' X's
threat, 'received a sentence from the court' the court's coercion (the CAMEO dictionary's receive
patterns code the act given). Receiving inspectors or observers is the receiver's own act (CAMEO
0862, allowing access: PLOVER RETREAT), and so is hosting an actor received ('received the
ambassador'), whose party is no 'from' phrase.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from extract.relations.candidate import Candidate
from extract.relations.clause import VerbClause
from extract.relations.vocabulary import RECEIVING

# The receiver's own acts: letting inspectors in, and hosting.
_OWN = {"RETREAT"}


def given(c: VerbClause, candidate: Candidate) -> Candidate:
    """The candidate with giver and receiver in place: 'X received Y from Z' → Z gave X."""
    if c.lemma not in RECEIVING or candidate.sense is None or candidate.sense.category in _OWN:
        return candidate
    if not any(t.lower_ == "from" and t.dep_ == "prep" and t.head == c.verb for t in candidate.trigger) and not (
        from_received(c.verb, candidate.object.root)
    ):
        return candidate
    received = [o.lemma_.lower() for o in c.verb.children if o.dep_ == "dobj"]
    predicate = f"gave {received[0]}" if received else "gave"
    return replace(candidate, subject=candidate.object, object=candidate.subject, predicate=predicate)


def from_received(verb: Token, actor: Token) -> bool:
    """'received a call from X', 'received letters from X and Y': X is in a 'from' phrase of what a
    verb of receiving receives."""
    head = actor
    while head.dep_ == "conj":
        head = head.head
    prep = head.head
    return (
        verb.lemma_.lower() in RECEIVING
        and head.dep_ == "pobj"
        and prep.lower_ == "from"
        and prep.head.dep_ == "dobj"
        and prep.head.head == verb
    )
