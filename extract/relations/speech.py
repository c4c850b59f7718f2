"""Speech acts and demands: 'X said Y must...', 'X demanded that Y...', 'pressed X to halt'."""

from __future__ import annotations

from spacy.tokens import Span, Token

from extract.lexicon import Sense, load_lexicon
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
    must = any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in verb.children)
    if sense is not None and sense.category == "DEMAND":
        return sense
    return Sense("100", "DEMAND", "") if must and head.lemma_.lower() in SPEECH else None


def demands(verb: Token, embedded_subjects: list[Span]) -> list[Candidate]:
    """'X said Y must return it', 'X demanded that Y leave': X makes a demand of Y."""
    if verb.dep_ != "ccomp" or not embedded_subjects:
        return []
    head = verb.head
    sense = demand_sense(head, verb)
    if sense is None:
        return []
    return [
        Candidate(speaker, target, past(head.lemma_.lower()), sense, [head, verb], VERB_EVENTS, 0.6, head)
        for speaker in subjects(head)
        for target in embedded_subjects
        if speaker._.actor.key != target._.actor.key
    ]
