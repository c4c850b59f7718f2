"""Plural descriptions of the parties of an interaction told before: 'the leaders', 'both sides'.

"Putin spoke with Macron and Scholz. ... The leaders agreed to continue contacts": "the leaders"
are the parties of the latest interaction whose parties all fit the noun (leaders are people;
sides and parties are any actor), and the pairs they form are that interaction's pairs, not
every pair of the set.
"""

from __future__ import annotations

import csv
from functools import cache

from spacy.tokens import Doc, Span, Token

from extract.lexicon import lexicon_dir
from extract.relations.candidate import Candidate

if not Doc.has_extension("parties"):
    Doc.set_extension("parties", default=None)  # token index -> (party spans, pairs of actor keys)

Pairs = frozenset[frozenset[str]]
# "the leaders of the EU", "the sides in the conflict", "the parties from ...": a set of its own
OWN = ("of", "from", "in", "among", "including")


@cache
def load_party_nouns() -> dict[str, str]:
    """Noun lemma → the actor type its parties must have, from ``ontologies/lexicon/party_nouns.tsv``."""
    with (lexicon_dir() / "party_nouns.tsv").open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {row["noun"]: row["type"] for row in rows}


def party_noun(token: Token) -> str | None:
    """The type a plural description asks of its parties: 'the leaders', 'the two presidents', 'both
    sides', 'the other parties'; None for a noun with a modifier of its own ('the leaders of the EU')."""
    wanted = load_party_nouns().get(token.lemma_.lower())
    if wanted is None or token.tag_ != "NNS" or token._.mention is not None and token._.mention.root != token:
        return None
    lefts = {c.lower_ for c in token.lefts}
    if not lefts & {"the", "both"} or lefts - {"the", "both", "two", "other"}:
        return None
    if any(c.dep_ in ("poss", "relcl", "acl") or c.dep_ == "prep" and c.lower_ in OWN for c in token.children):
        return None
    return wanted


def antecedent(wanted: str, history: list[list[Candidate]]) -> tuple[list[Span], Pairs] | None:
    """The parties and pairs of the latest interaction (newest sentence first) whose parties fit."""
    for found in reversed(history):
        named = [c for c in found if c.sense is not None and c.subject.root.pos_ != "PRON"]
        spans: dict[str, Span] = {}
        for c in named:
            for s in (c.subject, c.object):
                spans.setdefault(s._.actor.key, s)
        if len(spans) > 1 and all(wanted == "ANY" or s._.actor.type == wanted for s in spans.values()):
            pairs = frozenset(frozenset((c.subject._.actor.key, c.object._.actor.key)) for c in named)
            return list(spans.values()), pairs
    return None


def resolve(sent: Span, history: list[list[Candidate]]) -> None:
    """Register the parties of each plural description in a sentence (``doc._.parties``)."""
    doc = sent.doc
    if doc._.parties is None:
        doc._.parties = {}
    for token in sent:
        wanted = party_noun(token) if token.pos_ == "NOUN" else None
        if wanted is not None and (found := antecedent(wanted, history)) is not None:
            doc._.parties[token.i] = found


def parties(token: Token) -> list[Span]:
    """The party spans a plural description stands for ([] if it stands for none)."""
    found = (token.doc._.parties or {}).get(token.i)
    return list(found[0]) if found else []


def paired(c: Candidate) -> bool:
    """Whether a relation between members of a plural description of its sentence is a pair of the
    interaction the description refers to ('the leaders agreed' after a call of A with B and with C:
    A-B and A-C, not B-C)."""
    sent = c.head.sent
    ends = {c.subject.start, c.object.start}
    sets = [
        pairs
        for i, (spans, pairs) in (c.head.doc._.parties or {}).items()
        if sent.start <= i < sent.end and {s.start for s in spans} >= ends
    ]
    return not sets or frozenset((c.subject._.actor.key, c.object._.actor.key)) in set().union(*sets)
