"""Nominal events: an event noun or adjective with its parties.

'in a call with X', "X's congratulatory remarks", 'support for X', 'attacks by X on Y', 'an agreement
between X and Y'. The subject is the noun's possessor, its agent, a name modifying it, the party it
helps, or the subject of the clause it modifies; the target is named by a preposition (which ones
depend on the category: 'support for X', 'the annexation of X', 'its condemnation of X').
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from extract.lexicon import Lexicon, Sense, load_lexicon, word_class
from extract.relations.arguments import (
    actors,
    addressee,
    antecedent,
    beneficiaries,
    clause_subjects,
    helped,
    leaders,
    modifiers,
    named,
    places_in,
    pobj_actors,
    supported_agents,
)
from extract.relations.candidate import NOMINAL_EVENTS, Candidate
from extract.relations.light import (
    foreign_possessor,
    of_object_sense,
    of_objects,
    opposed,
    others_between,
    refines,
    restricted,
    sector_sense,
)
from extract.relations.senses import OFFERED, classifier
from extract.relations.syntax import across_paragraphs, compound, judges, practice, topic
from extract.relations.vocabulary import (
    ENDING,
    GIVEN_FROM,
    HELPING,
    JUDGED_OF,
    LIGHT,
    NOMINAL_PREPOSITIONS,
    SINCE,
    TARGET_OF,
    VIOLENT,
    load_reciprocal,
    past,
)

# Verbs that carry their subject's addressee: "our condolences are with X", "my thoughts go to X".
CARRIERS = {"be", "go", "remain"}
SYMPATHY = word_class("sympathy")  # thought, prayer, heart


def carried(noun: Token) -> list[Token]:
    """The 'with' and 'to' phrases of the verb of being or going an event noun is the subject of, which
    name its addressee: 'our deepest condolences are with the family', 'my thoughts go out to X'."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_.lower() not in CARRIERS:
        return []
    if verb.lemma_.lower() == "go" and noun.lemma_.lower() in OFFERED:
        return []  # "our condolences go out to X": read with the verb (senses.offered)
    heads = [verb, *(c for c in verb.children if c.dep_ in ("prt", "advmod") and c.lower_ == "out")]
    return [p for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ in ("with", "to")]


def event_word(lex: Lexicon, noun: Token) -> tuple[str | None, Token]:
    """The event a noun names, and the word that names it: the noun, or a modifier ('congratulatory remarks')."""
    if (phrase := compound(noun)) in lex.nouns:
        return phrase, noun
    if (
        noun.lemma_.lower() in SYMPATHY
        and noun.pos_ == "NOUN"
        and carried(noun)
        and not any(c.dep_ == "prep" and c.lower_ in ("on", "about", "regarding") for c in noun.children)
    ):
        return "sympathy", noun  # "their thoughts were with the children" (not "his thoughts on X were ...")
    listed = lex.nouns.get(noun.lower_) if noun.pos_ == "NOUN" else None
    if listed is not None and listed.category == "PROTEST":
        return noun.lower_, noun  # "rally", "protest": the noun's sense, not the verb's (rally → MOBILIZE)
    if listed is None and noun.pos_ == "NOUN" and (verb := lex.verb_of(noun.lemma_)):
        return verb, noun
    for child in noun.children:
        if (
            child.dep_ in ("amod", "compound")
            and (verb := lex.verb_of(child.lower_))
            and refines(lex, listed, verb)
            and not (listed is None and classifier(lex, child, verb))
        ):
            return verb, child  # "congratulatory remarks", "a telephone conversation"; not "close ties"
    if listed is not None:
        return noun.lower_, noun  # "cooperation" is listed as COOPERATE, whatever "cooperate" is
    return None, noun


def nominal_events(noun: Token) -> list[Candidate]:
    """The events an event noun states between actors."""
    lex = load_lexicon()
    event_verb, trigger = event_word(lex, noun)
    if event_verb is None or (noun.dep_ == "pobj" and noun.head.lower_ in SINCE):
        return []  # "demobilized since the peace accord between X and Y": a point in time, not the report
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in ENDING:
        return []  # "ended its mediation efforts": the verb's event (light.ended), not the mediation
    judged = noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX") and judges(noun.head, noun)
    light = (
        noun.dep_ == "dobj"
        and noun.head.pos_ in ("VERB", "AUX")
        and trigger is noun
        and not judged
        and not foreign_possessor(noun.head, noun)
    )
    if light and not mutual_between(noun, event_verb):
        return []  # light-verb constructions are read with their verb; "condemned X's attacks on Y" judges one
    base = sector_sense(
        lex, noun, lex.nouns.get(event_verb) or of_object_sense(lex, noun, event_verb) or lex.sense(event_verb)
    )
    category = base.category if base else None
    objects = _targets(lex, noun, event_verb, base, category, trigger)
    agents = _agents(noun, category, trigger)
    # "the Asad regime's attacks": a possessor headed by a common noun stands for the group naming it
    possessors = [
        a
        for c in noun.children
        if c.dep_ == "poss"
        for a in ([c._.mention] if c._.mention is not None else actors(c, agent=True))
    ]
    modifying = [m for m in _modifying(noun, trigger) if not opposed(m)]
    # "the EU's anti-Russia sanctions": the one the event is against is its target, not a party
    objects += [(m, noun) for m in _modifying(noun, trigger) if opposed(m)]
    helping = helped(noun)
    if helping and all(p.root.pos_ == "PRON" for p in possessors):
        possessors = []  # "supported Iraq in its fight against X": the helped party fights
    possessors = [antecedent(p) for p in named(possessors, noun)]
    # the one who judges an event ("welcomed the agreement between X and Y") is not its agent
    # "hosted talks between X and Y": X and Y talk, the host is no party to the talks
    between = [o for o, via in objects if via.lower_ == "between"]
    framed = [] if judged else clause_subjects(noun)
    if others_between(noun, framed):
        framed = []  # "discussed the telephone conversation between X and Y": X and Y are its parties
    parties = [] if light else possessors or agents or modifying or helping or framed
    if not objects:
        objects = _implicit_targets(noun, category, parties, possessors, agents)
    if not parties and len(between) > 1 and reciprocal(noun, event_verb):
        parties = between  # "an agreement between X and Y": each acts towards the other
    if not parties or not objects:
        return []
    predicate = lex.noun_predicates.get(event_verb) or past(event_verb)
    return [
        Candidate(
            subject,
            obj,
            predicate,
            _sense(lex, event_verb, via, noun),
            [trigger] if trigger is noun else [trigger, noun],
            NOMINAL_EVENTS,
            0.65,
            noun.head if light else noun,  # "hosted talks between X and Y": the talks are the clause's event
        )
        for subject in parties
        for obj, via in objects
        if obj._.actor.key != subject._.actor.key
    ]


def mutual_between(noun: Token, event_verb: str) -> bool:
    """'talks between X and Y': a mutual event noun whose "between" phrase names two parties or more;
    not a standing relation ('deepen relations between X and Y', the cooperation nouns of CAMEO 060)."""
    listed = load_lexicon().nouns.get(event_verb)
    standing = listed is not None and listed.cameo == "060"
    return (
        not standing
        and reciprocal(noun, event_verb)
        and any(c.dep_ == "prep" and c.lower_ == "between" and len(pobj_actors(c)) > 1 for c in between_phrases(noun))
    )


def reciprocal(noun: Token, event_verb: str) -> bool:
    """Whether an event noun names a mutual event: by its event word ('talks', 'an agreement'), or by
    the noun itself where a modifier names the event ('a telephone conversation' is a conversation)."""
    mutual = load_reciprocal()
    return event_verb in mutual or noun.lemma_.lower() in mutual or noun.lower_ in mutual


def between_phrases(noun: Token) -> list[Token]:
    """The noun's "between" phrases, and its verb's for a passive light verb ('talks were held between X and Y')."""
    own = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"]
    if noun.dep_ == "nsubjpass" and noun.head.lemma_.lower() in LIGHT:
        own += [c for c in noun.head.children if c.dep_ == "prep" and c.lower_ == "between"]
    return own


def _modifying(noun: Token, trigger: Token) -> list[Span]:
    """The actor mentions modifying an event noun before it: 'the Russian delegation's visit', 'US airstrikes'."""
    return [
        m
        for c in noun.children
        if c.dep_ in ("compound", "nmod", "amod") and c.i != trigger.i and c.i < noun.i
        if (m := c._.mention) is not None
    ]


def _sense(lex: Lexicon, event_verb: str, via: Token, noun: Token) -> Sense | None:
    requires = f"prep:{via.lower_}" if via is not noun else "-"
    return sector_sense(
        lex,
        noun,
        lex.nouns.get(event_verb)
        or of_object_sense(lex, noun, event_verb)
        or lex.sense(event_verb, requires)
        or lex.sense(event_verb),
    )


def _agents(noun: Token, category: str | None, trigger: Token) -> list[Span]:
    """Who carries the event out by a phrase: 'attacks by X', 'support from X', 'Saudi-led', 'claimed by X'."""
    givers: tuple[str, ...] = ("by", "from") if category in GIVEN_FROM else ("by",)  # "support from X"
    if practice(noun) and trigger is noun and category not in JUDGED_OF:
        givers = (*givers, "of")  # "the atrocities of X against Y": X commits them
    agents = [
        a
        for c in noun.children
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in givers)
        for a in pobj_actors(c)
    ]
    # "Saudi-led airstrikes", "the US-led coalition's campaign": the leader acts
    agents += leaders(noun) + [a for c in noun.children if c.dep_ == "poss" and c._.mention is None for a in leaders(c)]
    # "attacks claimed by X", "bombings carried out by X"
    agents += [
        a for c in noun.children if c.dep_ == "acl" for g in c.children if g.dep_ == "agent" for a in pobj_actors(g)
    ]
    return agents


def _target_prepositions(lex: Lexicon, noun: Token, event_verb: str, category: str | None, trigger: Token) -> set[str]:
    """'support for Iraq', 'the annexation of Crimea', 'its condemnation of X': how the target is named."""
    preps = set(NOMINAL_PREPOSITIONS) | {"for", "of"} if category in TARGET_OF else set(NOMINAL_PREPOSITIONS)
    if category in JUDGED_OF and {event_verb, noun.lower_, noun.lemma_.lower()} & lex.nouns.keys():
        preps |= {"of"}  # nouns of judgement listed as such: "condemnation of X", not "the implications of X"
    if practice(noun) and trigger is noun and category not in JUDGED_OF:
        preps -= {"of"}  # "the atrocities of X against Y": X commits them; "criticism of X" judges X
    return preps


def _targets(
    lex: Lexicon, noun: Token, event_verb: str, base: Sense | None, category: str | None, trigger: Token
) -> list[tuple[Span, Token]]:
    """The noun's targets with the preposition naming each; a participle's phrases count too
    ('the agreement reached between X and Y', 'airstrikes carried out against X')."""
    preps = _target_prepositions(lex, noun, event_verb, category, trigger)
    done = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    objects: list[tuple[Span, Token]] = []
    inner = [c for p, _ in of_objects(lex, noun, event_verb) for c in p.children]  # "an exchange of views with X"
    # "restrictions on flights to X", "a ban on imports from X"
    on = [c for p in restricted(noun, base) for c in p.children if c.lower_ in ("to", "with", "from")]
    inner += on
    held = [c for c in between_phrases(noun) if c.head is not noun]  # "talks were held between X and Y"
    for child in [*noun.children, *(c for d in done for c in d.children), *inner, *held, *carried(noun)]:
        if child.dep_ != "prep" or (child.lower_ not in preps and child not in on) or topic(child, base):
            continue
        for pobj in child.children:
            if pobj.dep_ == "pobj" and not across_paragraphs(child, pobj):
                # "its condemnation of X's policies": judging an actor's deeds judges the actor;
                # "in support of the coalition campaign": supporting an event supports its agent
                found = (
                    actors(pobj)
                    or (modifiers(pobj) if category in JUDGED_OF else [])
                    or (supported_agents(pobj) if category in HELPING else [])
                )
                objects.extend((a, child) for a in found)
    return objects


def _implicit_targets(
    noun: Token, category: str | None, parties: list[Span], possessors: list[Span], agents: list[Span]
) -> list[tuple[Span, Token]]:
    """Targets no preposition names: the place attacked, the addressee of remarks, the one supported."""
    if parties and category in VIOLENT:
        # "ISIL's attacks in Tel Tamer", "bombings in Aleppo claimed by X": the place attacked
        found = [
            (a, p)
            for p in noun.children
            if p.dep_ == "prep" and p.lower_ == "in"
            for o in p.children
            if o.dep_ == "pobj"
            for a in places_in(o)
        ]
        if found:
            return found
    if possessors and (found := [(o, noun) for o in addressee(noun)]):
        return found
    if agents and category in GIVEN_FROM and not possessors:
        # "with support from X, Y delivered...", "Y, aided by support from X, ...": Y is supported
        return [(o, noun) for o in beneficiaries(noun)]
    return []
