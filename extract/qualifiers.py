"""Negation, modality and attribution of an event, read off the clause around its head word."""

from __future__ import annotations

from spacy.tokens import Token

from extract.lexicon import word_class

NEGATIONS = {"not", "n't", "never", "no"}
INTENT_VERBS = word_class("intent")
MODAL_INTENT = {"will", "shall", "'ll", "wo"}
MODAL_HYPOTHETICAL = {"would", "could", "might", "may", "can", "should", "must"}
SPEECH_VERBS = word_class("speech")


def _clause_chain(head: Token, limit: int = 4) -> list[Token]:
    """The head and the verbs it depends on through complement and modifier clauses."""
    chain = [head]
    while len(chain) <= limit and chain[-1].dep_ in ("xcomp", "acl", "pobj", "prep", "pcomp", "dobj", "advcl", "conj"):
        chain.append(chain[-1].head)
    return chain


def negated(head: Token) -> bool:
    """'did not meet', 'never called': a negation on the event's own verb or a governing one."""
    return any(c.dep_ == "neg" or c.lower_ in NEGATIONS and c.dep_ in ("neg", "det")
               for t in _clause_chain(head, 2) for c in t.children)


def modality(head: Token) -> str:
    """'asserted', 'intended' ('will visit', 'intends to meet') or 'hypothetical' ('could attack')."""
    for t in _clause_chain(head):
        for c in t.children:
            if c.dep_ == "aux" and (c.lower_ in MODAL_INTENT or (c.lower_ == "going" and c.head.tag_ == "VB")):
                return "intended"
            if c.dep_ == "aux" and c.lower_ == "would" and t.dep_ == "ccomp" and t.head.lemma_.lower() in SPEECH_VERBS:
                return "intended"  # "said they would meet": the future of reported speech
            if c.dep_ == "aux" and c.lower_ in MODAL_HYPOTHETICAL:
                return "hypothetical"
        if t is not head and t.lemma_.lower() in INTENT_VERBS:
            return "intended"
    return "asserted"


def attribution(head: Token) -> Token | None:
    """In 'X said that Y attacked Z', the subject head of 'said' (X) for the event 'attacked'."""
    t = head
    for _ in range(4):
        if t.dep_ in ("ccomp", "parataxis") and t.head.lemma_.lower() in SPEECH_VERBS:
            for c in t.head.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    return c
            return None
        if t.dep_ in ("ROOT",) or t.head == t:
            return None
        t = t.head
    return None


__all__ = ["attribution", "modality", "negated"]
