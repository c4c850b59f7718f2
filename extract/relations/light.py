"""Light verbs: a verb whose event is its object noun ('extended his appreciation to X', 'held talks with X')."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from extract.lexicon import Lexicon, Sense, lexicon_dir, load_lexicon, tsv_rows
from extract.relations.arguments import actors, pobj_actors, subjects
from extract.relations.candidate import Target
from extract.relations.senses import classifier
from extract.relations.syntax import compound, judges, practice, topic
from extract.relations.vocabulary import (
    ACCOMPANYING,
    COOPERATIVE,
    DENIALS,
    ENDING,
    MESSAGES,
    NOMINAL_PREPOSITIONS,
    RECEIVING,
    RESTRICTING,
    TARGET_OF,
    VIOLENT,
    load_reciprocal,
    past,
)


def light_verb(verb: Token, noun: Token) -> list[Target]:
    """'extended his appreciation to X', 'held talks with X': the event is the noun.

    A relative pronoun object stands for the noun the clause modifies: 'the atrocities that
    X perpetrated against Y', 'the talks that X held with Y'.
    """
    lex = load_lexicon()
    if noun.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" and verb.head.pos_ == "NOUN":
        noun = verb.head
    if judges(verb, noun) or foreign_possessor(verb, noun):
        return []  # "condemned X's attacks on Y" judges the attacks, "cited X's attacks" reports them
    if others_between(noun, subjects(verb)):
        return []  # "discussed the talks between X and Y": X and Y talk (the nominal event), not the subject
    event_verb, sense = light_sense(lex, verb, noun)
    if sense is None:
        return []
    predicate = light_predicate(lex, verb, noun, event_verb, sense)
    # "a suspension of air links with X", "the resumption of talks with X": the party of the inner event
    nested = [
        p
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
        if p.dep_ == "pobj" and p._.mention is None and lex.noun_sense(p.lemma_) is not None
    ] + [p for p, _ in of_objects(lex, noun, lex.verb_of(noun.lemma_))]
    on = restricted(noun, sense)
    nested += on
    targeting = _targeting(lex, verb, noun, lex.noun_sense(noun.lemma_) or sense)
    # "sent greetings to X": a recipient is the light verb's, not that of a verb with a sense of its own
    recipients = (
        ("prep", "dative")
        if lex.patterns.get((verb.lemma_.lower(), "-")) is None
        or (noun.lower_ in lex.nouns or noun.lemma_.lower() in lex.nouns)
        else ("prep",)
    )
    out: list[Target] = []
    for holder in (verb, noun, *nested):
        for child in holder.children:
            if (
                child.dep_ in recipients
                and (
                    child.lower_ in NOMINAL_PREPOSITIONS
                    or (holder is noun and child.lower_ in targeting)
                    or (holder in on and child.lower_ == "from")  # "a ban on imports from X"
                )
                and (holder not in on or child.lower_ in ("to", "with", "from"))
                and not topic(child, lex.noun_sense(noun.lemma_) or sense)
            ):
                out.extend(
                    Target(actor, sense, predicate, [verb, noun, child], 0.7, light=True)
                    for pobj in child.children
                    if pobj.dep_ == "pobj"
                    for actor in actors(pobj)
                )
    return out


def others_between(noun: Token, agents: list[Span]) -> bool:
    """Whether a mutual event noun is between others than ``agents``: 'discussed the talks between X
    and Y' (X and Y talk); not a standing relation one of them furthers ('we deepened the ties between
    Argentina and Russia', CAMEO 060), nor an event the agents are party to."""
    lex = load_lexicon()
    listed = lex.nouns.get(noun.lower_) or lex.nouns.get(noun.lemma_.lower())
    mutual = load_reciprocal()
    if listed is not None and listed.cameo == "060" or not {noun.lower_, noun.lemma_.lower()} & mutual:
        return False
    between = [a for c in noun.children if c.dep_ == "prep" and c.lower_ == "between" for a in pobj_actors(c)]
    keys = {a._.actor.key for a in agents}
    return len(between) > 1 and not any(a._.actor.key in keys for a in between)


def light_predicate(lex: Lexicon, verb: Token, noun: Token, event_verb: str | None, sense: Sense | None = None) -> str:
    """How a light-verb event is named: by its event verb ('telephoned'), the noun's predicate, or
    both words where the verb turns the noun's event into another ('cut ties', 'ended talks')."""
    own = lex.noun_sense(noun.lower_) or lex.noun_sense(noun.lemma_) or (lex.sense(event_verb) if event_verb else None)
    if verb.lemma_.lower() in ENDING or (sense is not None and own is not None and own.category != sense.category):
        return f"{past(verb.lemma_.lower())} {noun.lower_}"  # "ended talks", not "talked"
    return (
        past(event_verb)
        if event_verb
        else lex.noun_predicates.get(noun.lower_) or f"{past(verb.lemma_.lower())} {noun.lower_}"
    )


def light_sense(lex: Lexicon, verb: Token, noun: Token) -> tuple[str | None, Sense | None]:
    """The event verb an object noun names (or its modifier: 'a telephone conversation') and the sense.

    A message is what it carries: 'a message of greetings', 'a letter of condolences' are greetings
    and condolences.
    """
    carried = message_content(lex, noun)
    if carried is not None:
        return lex.verb_of(carried.lemma_), lex.noun_sense(carried.lower_) or lex.noun_sense(carried.lemma_)
    event_verb = lex.verb_of(noun.lemma_) or lex.verb_of(noun.text)
    if event_verb is None and compound(noun) not in lex.nouns:
        # "had a telephone conversation with X": the modifier names the event; "close ties" are ties
        listed = lex.nouns.get(noun.lower_) or lex.nouns.get(noun.lemma_.lower())
        event_verb = next(
            (
                v
                for c in noun.lefts
                if c.dep_ in ("amod", "compound")
                and (v := lex.verb_of(c.lower_))
                and refines(lex, listed, v)
                and not (listed is None and classifier(lex, c, v))
            ),
            None,
        )
    sense = pattern = lex.sense(verb.lemma_.lower(), f"obj:{noun.lemma_.lower()}") or lex.sense(
        verb.lemma_.lower(), f"obj:{noun.lower_}"
    )
    generic = (
        event_verb is not None
        and not lex.verb_of(noun.lemma_)
        and lex.noun_sense(noun.lemma_) is None
        and compound(noun) not in lex.nouns
    )
    if event_verb is not None and not lex.verb_of(noun.lemma_) and (sense is None or generic):
        # "launched a mediation effort between X and Y": the modifier names the event, not "launch an effort"
        sense = lex.sense(event_verb) or sense
    if sense is None:
        sense = (
            of_object_sense(lex, noun, lex.verb_of(noun.lemma_))
            or lex.noun_sense(compound(noun))
            or lex.noun_sense(noun.lower_)
            or lex.noun_sense(noun.lemma_)
        )
    own = lex.patterns.get((verb.lemma_.lower(), "-"))
    if pattern is None and sense is not None and sense.category in COOPERATIVE and own and own.category in DENIALS:
        sense = own  # "boycott contact with X", "suspend aid to X", "banned arms sales": the verb denies the noun
    return event_verb, ended(lex, verb, noun, sector_sense(lex, noun, sense))


@cache
def load_sectors() -> dict[str, Sense]:
    """Sector modifiers of cooperation nouns and the sense they give (``ontologies/lexicon/sectors.tsv``)."""
    return {row["modifier"]: Sense(row["cameo"], row["plover"], "") for row in tsv_rows(lexicon_dir() / "sectors.tsv")}


def sector_sense(lex: Lexicon, noun: Token, sense: Sense | None) -> Sense | None:
    """'diplomatic ties' are diplomatic cooperation (CAMEO 050, SUPPORT), 'military cooperation'
    material (062, COOPERATE): a sector modifier of a cooperation noun types its cooperative reading."""
    listed = lex.nouns.get(noun.lower_) or lex.nouns.get(noun.lemma_.lower())
    if sense is None or sense.category not in ("SUPPORT", "COOPERATE") or listed is None or listed.cameo != "060":
        return sense
    sectors = load_sectors()
    named = [sectors[c.lower_] for c in noun.children if c.dep_ in ("amod", "compound") and c.lower_ in sectors]
    return named[0] if named else sense


def ended(lex: Lexicon, verb: Token, noun: Token, sense: Sense | None) -> Sense | None:
    """'ended talks with X', 'stopped its aid to X': ending a cooperative event reduces relations
    (CAMEO 16: 164 halt negotiations, 162 stop aid, else 160), ending sanctions eases them (085),
    ending restrictions too (081), ending fighting is a ceasefire (0871); CAMEO's own object
    patterns stay ('end * meeting', 'lift * SANCTIONS')."""
    lemma = verb.lemma_.lower()
    if sense is None or lemma not in ENDING or lex.sense(lemma, f"obj:{noun.lemma_.lower()}") is not None:
        return sense
    if sense.category in ("CONSULT", "SUPPORT", "COOPERATE", "AID", "AGREE"):
        return Sense({"CONSULT": "164", "AID": "162"}.get(sense.category, "160"), "SANCTION", "")
    if sense.category == "SANCTION":
        return Sense("085", "RETREAT", "ease")
    if sense.category == "COERCE":
        return Sense("081", "CONCEDE", "")  # "cancelled the restrictions on X": easing them
    if sense.category in VIOLENT:
        return Sense("0871", "RETREAT", "ceasefire")
    return sense


def refines(lex: Lexicon, listed: Sense | None, verb: str) -> bool:
    """Whether a modifier's event verb may name the event of a noun listed as ``listed``: any for
    an unlisted noun ('congratulatory remarks'), else one of the same category ('a telephone
    conversation'); 'close ties' are no closing, 'military cooperation' no fighting."""
    if listed is None:
        return True
    own = lex.sense(verb)
    return own is not None and own.category == listed.category


def of_object_sense(lex: Lexicon, noun: Token, event_verb: str | None) -> Sense | None:
    """A nominalisation's "of" phrase is its verb's object: 'an exchange of views' is CAMEO's
    'exchange * views' (CONSULT), 'the exchange of prisoners' its 'exchange * prisoners' (RETREAT)."""
    return next((sense for _, sense in of_objects(lex, noun, event_verb)), None)


def of_objects(lex: Lexicon, noun: Token, event_verb: str | None) -> list[tuple[Token, Sense]]:
    """The "of" objects of a nominalisation that its verb has a pattern for, with that pattern's sense;
    their own phrases belong to the event ('an exchange of views with X')."""
    if event_verb is None:
        return []
    return [
        (p, sense)
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
        if p.dep_ == "pobj" and p._.mention is None
        if (sense := lex.sense(event_verb, f"obj:{p.lemma_.lower()}")) is not None
    ]


def joined_for(lex: Lexicon, verb: Token) -> Sense | None:
    """'joined X for talks', 'accompanied X for consultations': the object takes part in the event
    the "for" phrase names, with the subject; "joined X for dinner" names none."""
    if verb.lemma_.lower() not in ACCOMPANYING:
        return None
    return next(
        (
            sense
            for prep in verb.children
            if prep.dep_ == "prep" and prep.lower_ == "for"
            for o in prep.children
            if o.dep_ == "pobj" and o._.mention is None
            if (sense := lex.noun_sense(o.lower_) or lex.noun_sense(o.lemma_)) is not None
        ),
        None,
    )


def restricted(noun: Token, sense: Sense | None) -> list[Token]:
    """'restrictions on flights to X', 'a ban on imports from X': what a restriction is on is no
    party; the party of that activity is the restriction's target."""
    if sense is None or sense.category not in RESTRICTING:
        return []
    return [
        p
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ in ("on", "against")
        for p in c.children
        if p.dep_ == "pobj" and p._.mention is None and not actors(p)
    ]


HOSTED = Sense("043", "CONSULT", "visit")


def received(verb: Token, obj: Token) -> Sense | None:
    """'received X in the Kremlin': an actor received is a visitor hosted (CAMEO 043, as 'receive *
    AMBASSADOR'); what else is received ('received criticism from X') is no visit."""
    return HOSTED if verb.lemma_.lower() in RECEIVING and obj._.mention is not None else None


def foreign_possessor(verb: Token, noun: Token) -> bool:
    """'cited Russia's attacks on X', 'mentioned China's support for X', 'mentioned her support for X'
    (she being another): an event noun whose possessor, named or a resolved pronoun, is not the verb's
    subject is that possessor's event, not a light verb's ('extended his condolences'). The one guard
    for both readings: the light verb (verbs.py, light_verb) and the nominal event (nominal.py)."""
    own = {s._.actor.key for s in subjects(verb)}
    return any(c.dep_ == "poss" and (m := c._.mention) is not None and m._.actor.key not in own for c in noun.children)


def opposed(mention: Span) -> bool:
    """'anti-Russia sanctions', 'anti-government protests': a name prefixed by "anti-" is what the
    phrase is against, not who acts."""
    doc, start = mention.doc, mention.start
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ == "anti"


def message_content(lex: Lexicon, noun: Token) -> Token | None:
    """The event noun a message noun carries: 'a message of greetings' → greetings."""
    if noun.lemma_.lower() not in MESSAGES:
        return None
    return next(
        (
            p
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children
            if p.dep_ == "pobj" and (lex.noun_sense(p.lower_) or lex.noun_sense(p.lemma_)) is not None
        ),
        None,
    )


def _targeting(lex: Lexicon, verb: Token, noun: Token, own: Sense) -> set[str]:
    """The prepositions an event noun names its target with: 'reiterated its support for X',
    'provided air support for X'; but 'discussed our support for X' talks about the support."""
    talked = lex.patterns.get((verb.lemma_.lower(), "-"))
    targeting = (
        {"for", "of"}
        if own.category in TARGET_OF
        and lex.sector(noun.lemma_) is None
        and not (talked is not None and talked.category == "CONSULT")
        else set()
    )
    if practice(noun):
        targeting.discard("of")  # "end the terrorism of X": X practises it, it is not the target
    return targeting
