"""Polarity, modality and attribution of an event, read off the clauses around its head word.

* :func:`negated`: the event did not happen — a negation on its verb or a governing one ("did not
  meet", "never called", "no longer supports", "could not agree to meet"), a negating governor
  ("failed to meet", "denied attacking", "denied that it attacked", "refrained from attacking",
  "left without meeting"), a negative subject ("no country recognised"). Negations count, so two
  cancel ("did not fail to meet"). A refusal is an event of its own (REJECT), not a negation.
* :func:`modality`: ``hypothetical`` for conditions ("if X attacks Y", "unless", "whether"), the
  consequence of an "if", yes/no questions, modals ("could attack"), wishes about others ("hoped
  that X would visit") and obligations ("is obliged to notify"); ``intended`` for what is announced
  or planned ("will visit", "plans to meet", "pledged to help", "said they would meet"); else
  ``asserted``. Saying one wants to do a
  speech act does it ("I would like to thank").
* :func:`attribution`: who reports the event ("X said that Y attacked Z", "Y attacked Z, X said",
  "according to X", "X accused Y of attacking Z"); :func:`reported` also counts unnamed sources
  ("reportedly", "is said to have attacked").
"""

from __future__ import annotations

from functools import cache

from lemminflect import getLemma
from spacy.tokens import Token

from extract.lexicon import word_class

NEGATIONS = {"not", "n't", "never", "no", "nor", "neither"}
NEGATIVE_PRONOUNS = {"nobody", "none", "nothing", "noone"}
INTENT_VERBS = word_class("intent")
MODAL_INTENT = {"will", "shall", "'ll", "wo"}
MODAL_HYPOTHETICAL = {"would", "could", "might", "may", "can", "should", "must", "ca", "need"}
SPEECH_VERBS = word_class("speech")
REPORTING_VERBS = SPEECH_VERBS | word_class("reporting")
NEGATING_VERBS = word_class("negating")
HEDGES = word_class("hedge")
PERFORMATIVES = word_class("performative")
OFFERED = word_class("offered")
WANTING = frozenset({"want", "like", "wish", "love"})  # "I would like to thank", "I wish to congratulate"
LEAVE = frozenset({"let", "allow", "permit"})  # "let me thank", "allow me to congratulate"
FIRST_PERSON_OBJECTS = {"me", "us"}
WISHING = word_class("wishing")
DEONTIC = word_class("deontic")
DENY = frozenset({"deny"})
FINITE = {"VBZ", "VBD", "VBP", "VBG"}
CONDITIONS = {"if", "unless", "whether", "lest"}
FIRST_PERSON = {"i", "we"}
# Edges along which a governing verb's negation reaches the event: "did not agree to meet",
# "did not refrain from attacking"; not "did not say that X attacked" (a claim of its own).
GOVERNED = ("xcomp", "pcomp", "prep")


@cache
def _verb_lemmas(word: str) -> frozenset[str]:
    return frozenset(getLemma(word, upos="VERB")) | {word}


def lemma(t: Token) -> str:
    """The lemma of a word, lower-cased."""
    return t.lemma_.lower()


def is_a(t: Token, words: frozenset[str]) -> bool:
    """Whether a word is one of ``words``: by its lemma, or, for a finite verb or gerund, by the verb lemmas
    of its form when the tagger's lemma is wrong ('hopes' → 'hop')."""
    return lemma(t) in words or t.tag_ in FINITE and not _verb_lemmas(t.lower_).isdisjoint(words)


def _clause_chain(head: Token, limit: int = 4) -> list[Token]:
    """The head and the verbs it depends on through complement and modifier clauses."""
    chain = [head]
    while len(chain) <= limit and chain[-1].dep_ in ("xcomp", "acl", "pobj", "prep", "pcomp", "dobj", "advcl", "conj"):
        if chain[-1].dep_ == "advcl" and any(c.dep_ == "mark" for c in chain[-1].children):
            break  # "as X unites against Y, Z will try...": a subordinate clause has its own tense
        chain.append(chain[-1].head)
    return chain


def obligation(t: Token) -> bool:
    """A word whose complement is an obligation: 'is obliged to', 'needs to', 'has to' (not 'has met')."""
    if is_a(t, DEONTIC):
        return True
    return lemma(t) == "have" and any(c.dep_ == "xcomp" and infinitival_to(c) for c in t.children)


def infinitival_to(t: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children)


def _own_negations(t: Token) -> int:
    """Negations of one word: 'not', 'never', 'no longer', 'no talks', a negative subject; not those of
    the modal 'need' ('need not meet' says the meeting is not required, not that it did not happen)."""
    count = 0
    necessity = any(c.dep_ == "aux" and c.lower_ == "need" for c in t.children)
    for c in t.children:
        if c.dep_ == "neg" and necessity:
            continue
        if c.dep_ == "neg" or c.lower_ in NEGATIONS and c.dep_ in ("det", "advmod", "preconj"):
            count += 1
        elif c.dep_ == "advmod" and c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children):
            count += 1  # "no longer supports"
        elif c.dep_ in ("nsubj", "nsubjpass") and (
            c.lower_ in NEGATIVE_PRONOUNS
            or any(g.lower_ in ("no", "neither") and g.dep_ in ("det", "preconj") for g in c.children)
        ):
            count += 1  # "no country recognised", "neither X nor Y criticised"
    return count


def _shared_negations(t: Token) -> int:
    """'has not met or called X': a verb conjoined by 'or'/'nor' shares the first verb's negation."""
    if t.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
        return 0
    if any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in t.head.children):
        return _own_negations(t.head)
    return 0


def negation_count(head: Token, limit: int = 3) -> int:
    """How many negations bear on the event of ``head``, up its governing verbs."""
    count = _own_negations(head) + _shared_negations(head)
    t = head
    for _ in range(limit):
        governor = t.head
        if governor == t:
            break
        if t.dep_ == "ccomp" and is_a(governor, DENY):
            count += 1  # "denied that it had attacked"
            break
        if t.dep_ not in GOVERNED:
            break
        if t.dep_ == "pcomp" and governor.lower_ == "without":
            count += 1
        if governor.pos_ in ("VERB", "AUX", "ADJ") and obligation(governor):
            break  # "does not have to meet", "is not obliged to notify": no obligation, nothing negated
        if governor.pos_ in ("VERB", "AUX", "ADJ"):
            count += _own_negations(governor) + (is_a(governor, NEGATING_VERBS))
        t = governor
    return count


def negated(head: Token) -> bool:
    """Whether the event did not happen: an odd number of negations bear on it.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> negated(nlp("met")[0])
    False
    """
    return negation_count(head) % 2 == 1


def _conditional(head: Token, limit: int = 4) -> bool:
    """Inside an 'if', 'unless' or 'whether' clause, or the consequence of an 'if'."""
    t = head
    for _ in range(limit):
        marks = {c.lower_ for c in t.children if c.dep_ == "mark"}
        if marks & CONDITIONS:
            return True
        if t.dep_ in ("ROOT", "ccomp", "parataxis") or t.head == t:
            break
        t = t.head
    # the consequence: "if they can't resolve it, I will raise it with X"; not a threat's or an offer's
    # ("threatened to stop the talks if X ...", "said they would meet X if ..."), whose condition is part of it
    return head.dep_ not in ("xcomp", "ccomp") and any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "if" for m in c.children) for c in head.children
    )


def _question(head: Token) -> bool:
    """In a yes/no question: the auxiliary of the event's clause, or of a clause it is the complement of,
    comes before its subject ('Will X visit Y?', 'Do you think that X will visit Y?')."""
    last = next((t for t in reversed(head.sent) if not t.is_space), None)
    if last is None or last.text != "?":
        return False
    root = _clause_root(head)
    for _ in range(3):
        if _inverted(root):
            return True
        if root.dep_ not in ("ccomp", "parataxis") or root.head == root:
            return False
        root = _clause_root(root.head)
    return False


def _clause_root(t: Token) -> Token:
    while t.dep_ not in ("ROOT", "ccomp", "parataxis") and t.head != t:
        t = t.head
    return t


def _inverted(root: Token) -> bool:
    subjects = [c.i for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    auxiliaries = [c.i for c in root.children if c.dep_ in ("aux", "auxpass")]
    if root.lemma_ == "be" and root.i < min(subjects, default=root.i):
        auxiliaries.append(root.i)
    wh = any(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in root.sent[: max(root.i - root.sent.start, 1)])
    return bool(subjects and auxiliaries) and min(auxiliaries) < min(subjects) and not wh


def performed(head: Token) -> bool:
    """'I would like to thank X', 'I would like to begin by expressing my gratitude to X', 'let me
    congratulate X', 'I wish X success and I thank Y': a speech act is done by saying one wants to do it,
    asking leave to, or doing it in the first person present."""
    if not (is_a(head, PERFORMATIVES) or any(c.dep_ == "dobj" and lemma(c) in OFFERED for c in head.children)):
        return False
    if _first_person_present(head):
        return True
    for t, governor in zip(_clause_chain(head), _clause_chain(head)[1:], strict=False):
        if lemma(governor) in LEAVE and any(
            c.dep_ in ("nsubj", "dobj") and c.lower_ in FIRST_PERSON_OBJECTS for c in (*t.children, *governor.children)
        ):
            return True  # "let me congratulate", "allow us to thank"
        if is_a(governor, WANTING) and t.dep_ != "conj":
            subject = next((c for c in governor.children if c.dep_ == "nsubj"), None)
            return subject is not None and subject.lower_ in FIRST_PERSON
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            return False  # a clause of its own: "I said they want to thank"
    return False


def _first_person_present(head: Token) -> bool:
    """'I thank X', 'we congratulate X': said in the first person present, with no modal."""
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return (
        subject is not None
        and subject.lower_ in FIRST_PERSON
        and head.tag_ in ("VBP", "VB")
        and not any(c.dep_ == "aux" for c in head.children)
    )


def _wished(t: Token) -> bool:
    """'hoped that X would visit Y', 'the hope that the conflict will be settled': another's act wished for."""
    return t.dep_ in ("ccomp", "acl") and is_a(t.head, WISHING)


def modality(head: Token) -> str:
    """'asserted', 'intended' ('will visit', 'intends to meet') or 'hypothetical' ('could attack', 'if ...')."""
    if _conditional(head) or _question(head):
        return "hypothetical"
    if performed(head):
        return "asserted"
    chain = _clause_chain(head)
    for below, t in zip([head, *chain], chain, strict=False):
        if below.dep_ == "prep" and below.lower_ == "for" and t != head and performed(t):
            return "asserted"  # "I would like to thank X for making a visit": what one thanks for was done
        if _wished(t):
            return "hypothetical"
        for c in t.children:
            if c.dep_ == "aux" and (c.lower_ in MODAL_INTENT or (c.lower_ == "going" and c.head.tag_ == "VB")):
                return "intended"
            if c.dep_ == "aux" and c.lower_ == "would" and t.dep_ == "ccomp" and is_a(t.head, SPEECH_VERBS):
                return "intended"  # "said they would meet": the future of reported speech
            if c.dep_ == "aux" and c.lower_ in MODAL_HYPOTHETICAL:
                return "hypothetical"
        if t != head and obligation(t):
            return "hypothetical"  # "is obliged to notify X", "is required to report to X", "has to meet X"
        if t != head and (is_a(t, INTENT_VERBS) or t.lower_ == "going" and t.tag_ == "VBG"):
            return "intended"  # "plans to meet", "is going to meet"
    return "asserted"


def _subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "nsubj":
            return c
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _speaker(verb: Token) -> Token | None:
    """Who speaks: the subject of a speech verb, its passive agent, or, for a verb without one, the
    subject of the verb it is conjoined to or hangs on ('X arrived and said that', 'X made a point of
    noting that', 'X ended by saying that')."""
    t = verb
    for _ in range(4):
        found = _subject(t)
        if found is not None or t.dep_ not in ("conj", "xcomp", "pcomp", "prep", "pobj", "dobj", "advcl"):
            return found
        t = t.head
    return None


def _according_to(t: Token) -> Token | None:
    """X in 'according to X', a modifier of the clause."""
    for c in t.children:
        if c.lower_ == "according":
            to = next((g for g in c.children if g.lower_ == "to"), None)
            return next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
    return None


def attribution(head: Token) -> Token | None:
    """In 'X said that Y attacked Z', the subject head of 'said' (X) for the event 'attacked'.

    Also 'Y attacked Z, X said', 'according to X, Y attacked Z' and 'X accused Y of attacking Z'.
    """
    t = head
    for _ in range(5):
        source = _according_to(t)
        if source is not None:
            return source
        governor = t.head
        if governor == t:
            return None
        if t.dep_ in ("ccomp", "parataxis") and is_a(governor, REPORTING_VERBS):
            return _speaker(governor)
        if t.dep_ == "pcomp" and governor.lower_ == "of" and is_a(governor.head, REPORTING_VERBS):
            return _speaker(governor.head)  # "accused Y of attacking Z"
        if t.dep_ == "ROOT":
            return None
        t = governor
    return None


def hedged(head: Token) -> bool:
    """'reportedly attacked', 'is said to have attacked': reported on the authority of someone unnamed."""
    for t in _clause_chain(head, 2):
        if any(c.dep_ == "advmod" and c.lower_ in HEDGES for c in t.children):
            return True
        if t != head and is_a(t, SPEECH_VERBS) and any(c.dep_ == "auxpass" for c in t.children):
            return True
    return False


def reported(head: Token) -> bool:
    """Whether the event is someone's claim rather than the text's own statement."""
    return attribution(head) is not None or hedged(head)


__all__ = ["SPEECH_VERBS", "attribution", "hedged", "modality", "negated", "negation_count", "performed", "reported"]
