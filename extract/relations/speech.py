"""Speech acts and demands: 'X said Y must...', 'X demanded that Y...', 'pressed X to halt'."""

from __future__ import annotations

from spacy.tokens import Span, Token

from extract.lexicon import Sense, load_lexicon
from extract.qualifiers import negated, obligation
from extract.relations.arguments import actors, subjects
from extract.relations.candidate import VERB_EVENTS, Candidate
from extract.relations.syntax import infinitival
from extract.relations.vocabulary import OBJECT_CONTROL, SPEECH, past


def requested(verb: Token) -> bool:
    """'pressed X to halt', 'forced X to leave': what an actor is asked or made to do.

    It is the content of the request (coded as the request), not an event of its own.
    """
    head = verb.head
    sense = load_lexicon().sense(head.lemma_.lower())
    # "press the rebels to cease airstrikes" is often parsed with the infinitive as an adverbial clause
    to_clause = verb.dep_ == "xcomp" or verb.dep_ == "advcl" and infinitival(verb)
    return (
        to_clause
        and sense is not None
        and sense.category in OBJECT_CONTROL
        and any(c.dep_ == "dobj" and actors(c) for c in head.children)
    )


def demand_sense(head: Token, verb: Token) -> Sense | None:
    """The DEMAND a speech verb makes of its complement's subject, if it makes one."""
    lex = load_lexicon()
    sense = lex.sense(head.lemma_.lower())
    if sense is None or sense.category != "DEMAND":
        # "reiterated its demand that Y...", "renewed its call that Y...": the object names the demand
        sense = next(
            (
                ns
                for c in head.children
                if c.dep_ == "dobj" and (ns := lex.noun_sense(c.lemma_)) is not None and ns.category == "DEMAND"
            ),
            sense,
        )
    must = any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in verb.children) or duty(verb)
    if sense is not None and sense.category == "DEMAND":
        return sense
    return Sense("100", "DEMAND", "") if must and head.lemma_.lower() in SPEECH else None


# Modals by which a complement says what its subject is to do: "said Y must go", "hoped Y would come".
DIRECTIVE_MODALS = {"must", "should", "shall", "will", "would", "'ll", "wo", "need", "ought"}
INCLUSIVE = {"we", "us"}  # "I hope that we will manage": the speaker's own side, no other actor asked


def directive(verb: Token) -> bool:
    """Whether a complement clause states an act its subject is to do: a modal of duty or the future
    ('said Y must leave', 'hoped Y would come', 'said Y has to go') or a subjunctive ('demanded that Y
    leave', 'urged that its partners refuse'); not a claim of what is or was ('insisted that Y is innocent',
    'insisted that they are', 'suggested Y may have lied', 'stressed that Y had attacked')."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in DIRECTIVE_MODALS for c in auxiliaries) or duty(verb):
        return True
    # the base form, which a plural subject's present shares ("demanded that its partners refuse"); not 'are'
    return not auxiliaries and (verb.tag_ == "VB" or verb.tag_ == "VBP" and verb.lemma_ != "be")


def duty(verb: Token) -> bool:
    """'Y has to stop', not 'Y does not have to stop' (no obligation, no demand)."""
    return obligation(verb) and not negated(verb)


def inclusive(subject: Span) -> bool:
    """'we', not 'the US'."""
    return subject.root.pos_ == "PRON" and subject.root.lower_ in INCLUSIVE


def demands(verb: Token, embedded_subjects: list[Span]) -> list[Candidate]:
    """'X said Y must return it', 'X demanded that Y leave': X makes a demand of Y."""
    if verb.dep_ != "ccomp" or not embedded_subjects or not directive(verb):
        return []
    head = verb.head
    sense = demand_sense(head, verb)
    if sense is None:
        return []
    return [
        Candidate(speaker, target, past(head.lemma_.lower()), sense, [head, verb], VERB_EVENTS, 0.6, head)
        for speaker in subjects(head)
        for target in embedded_subjects
        if speaker._.actor.key != target._.actor.key and not inclusive(target)
    ]
