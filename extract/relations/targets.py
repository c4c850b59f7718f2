"""Target finders: where a construction puts the other party when the verb has no actor argument.

``TARGET_FINDERS`` is an ordered list of small named functions; the first that finds a target wins.
Each reads one construction: a place ("imposed a curfew in X"), an object's own target ("threatened
action against X"), who acts in judged news ("welcomed the news that X had..."), the partner of a
framing interaction ("In a call with X, Y said..."), a protest's grievance ("in protest against abuses
by X"), a threat's condition ("threatened to stop the talks if X...") and whom a refusal defies
("despite pressure by X"). ``REFINEMENTS`` then adjust the targets the verb's arguments give.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from extract.lexicon import Sense, load_lexicon
from extract.relations.arguments import actors, event_agents, modifiers, pobj_actors
from extract.relations.candidate import Target
from extract.relations.clause import VerbClause
from extract.relations.governed import conditional
from extract.relations.senses import compared_with, joint, liberated, offered
from extract.relations.syntax import compound, topic
from extract.relations.vocabulary import JUDGEMENTS, MESSAGES, PLACE_TARGETED, TRANSFER, past

TargetFinder = Callable[[VerbClause], list[Target]]


def place_targets(c: VerbClause) -> list[Target]:
    """'imposed a curfew in Cizre', 'lifted the blockade of Gaza': the place is the target."""
    if c.clause is None or c.clause.category not in PLACE_TARGETED:
        return []
    return [Target(a, c.clause, f"{past(c.lemma)} in", [c.verb], 0.5) for a in places(c.verb)]


def object_phrase_targets(c: VerbClause) -> list[Target]:
    """'threatened further action against X', 'launched attacks on X': the target is the object's."""
    if (sense := c.own) is None:
        return []
    return [
        Target(a, sense, f"{past(c.lemma)} {prep.lower_}", [c.verb, prep], 0.6) for prep, a in object_targets(c.verb)
    ]


def judged_news_targets(c: VerbClause) -> list[Target]:
    """'welcomed the news that X had retaken the city': X is judged."""
    if (sense := c.own) is None or sense.category not in JUDGEMENTS:
        return []
    return [Target(a, sense, past(c.lemma), [c.verb], 0.55) for a in reported_subjects(c.verb)]


def framing_partners(c: VerbClause) -> list[Target]:
    """'In a call with X, Putin expressed his intention to deepen cooperation': X is the partner; 'In a
    letter to X, Y warned of consequences': the warning is made to X."""
    if (sense := c.own) is None:
        return []
    return [Target(a, sense, past(c.lemma), [c.verb], 0.55) for a in partners(c.verb)]


def grievances(c: VerbClause) -> list[Target]:
    """'rioted calling for the removal of X', 'a strike in protest against abuses by X': X is the target."""
    if (protest := protest_sense(c.verb)) is None:
        return []
    return [Target(a, protest, past(c.lemma), [c.verb], 0.55) for a in grievance_targets(c.verb)]


def threat_conditions(c: VerbClause) -> list[Target]:
    """'threatened to stop the talks if X goes ahead': the threat is made to X."""
    if not (c.governor is not None and c.governor[0].category == "THREATEN" or conditional(c.verb)):
        return []
    return [Target(a, c.own, past(c.lemma), [c.verb], 0.55) for a in condition_subjects(c.verb)]


def defiance(c: VerbClause) -> list[Target]:
    """'declined to resign despite pressure by X', 'marched in defiance of X': X is refused."""
    defiant = c.governor[0] if c.governor is not None else c.own
    if defiant is None or defiant.category not in ("REJECT", "PROTEST"):
        return []
    return [Target(a, defiant, past(c.lemma), [c.verb], 0.5) for a in defied(c.verb)]


TARGET_FINDERS: list[TargetFinder] = [
    place_targets,
    object_phrase_targets,
    judged_news_targets,
    framing_partners,
    grievances,
    threat_conditions,
    defiance,
]


def find_targets(c: VerbClause) -> list[Target]:
    """The targets of the first finder that finds any."""
    return next((found for finder in TARGET_FINDERS if (found := finder(c))), [])


def withdrawn_from(c: VerbClause, targets: list[Target]) -> list[Target]:
    """'withdrew its inspectors from X': what is withdrawn is the subject's own, X is the party;
    'withdrew the US from the treaty', 'pulled the US out of the deal': the US is the subject's own."""
    if (sense := c.own) is None or sense.category not in ("RETREAT", "CONCEDE"):
        return targets
    if any(t.predicate.endswith(" from") for t in targets):
        return [t for t in targets if t.predicate.endswith(" from")]
    if any(p.dep_ in ("prep", "prt") and p.lower_ in ("from", "out") for p in c.verb.children):
        moved = {o.i for o in c.verb.children if o.dep_ == "dobj" for o in (o, *o.conjuncts)}
        return [t for t in targets if t.actor.root.i not in moved]
    return targets


def mobilized_for(c: VerbClause, targets: list[Target]) -> list[Target]:
    """'mobilized army reservists for a war against X': the forces are the subject's own, X the target."""
    if (sense := c.own) is not None and sense.category == "MOBILIZE" and (aims := purpose_targets(c.verb)):
        return [Target(a, sense, f"{past(c.lemma)} against", [c.verb], 0.55) for a in aims]
    return targets


def transferred(c: VerbClause, targets: list[Target]) -> list[Target]:
    """'sent more troops to X', 'delivered weapons': what a verb of transfer moves is no party; the
    recipient is ('gave Kyiv weapons' puts it in the dative)."""
    if c.verb.lemma_.lower() not in TRANSFER:
        return targets
    moved = {o.i for o in c.verb.children if o.dep_ == "dobj" for o in (o, *o.conjuncts)}
    return [t for t in targets if t.actor.root.i not in moved]


REFINEMENTS: list[Callable[[VerbClause, list[Target]], list[Target]]] = [
    withdrawn_from,
    mobilized_for,
    compared_with,
    transferred,
    joint,
    offered,
    liberated,
]


def places(verb: Token) -> list[Span]:
    """Places named by 'in'/'of' phrases on a verb or its object."""
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    return [
        a
        for h in holders
        for p in h.children
        if p.dep_ == "prep" and p.lower_ in ("in", "of", "on")
        for o in p.children
        if o.dep_ == "pobj"
        for a in actors(o)
        if a._.actor.type == "GPE"
    ]


def object_targets(verb: Token) -> list[tuple[Token, Span]]:
    """Actors a non-actor direct object is aimed at: 'action against X', 'blows to X'."""
    lex = load_lexicon()
    return [
        (prep, a)
        for obj in verb.children
        if obj.dep_ == "dobj" and obj._.mention is None
        for prep in obj.children
        if prep.dep_ == "prep"
        and prep.lower_ in ("against", "on", "upon", "to", "toward", "towards")
        and not topic(prep, lex.noun_sense(obj.lemma_) or lex.sense(verb.lemma_.lower()))
        for a in pobj_actors(prep)
    ]


def reported_subjects(verb: Token) -> list[Span]:
    """Who acts in what a non-actor object reports: 'the news that X had ...', 'reports that X ...'."""
    return [
        a
        for obj in verb.children
        if obj.dep_ == "dobj" and obj._.mention is None
        for clause in obj.children
        if clause.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
        for c in clause.children
        if c.dep_ == "nsubj"
        for a in actors(c)
    ]


def partners(verb: Token) -> list[Span]:
    """The other party of the interaction a clause is framed by ('in a call with X', 'in talks with X')."""
    lex = load_lexicon()
    t = verb
    for _ in range(4):
        for prep in t.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "during", "at", "after"):
                continue
            for event in prep.children:
                if event.dep_ == "pobj" and (addressed := addressing(event)):
                    return addressed  # "In a letter to X, Y called for calm": the call is made to X
                if event.dep_ == "pobj" and lex.noun_sense(event.lemma_) is not None:
                    return [
                        a
                        for p in event.children
                        if p.dep_ == "prep" and p.lower_ in ("with", "between")
                        for a in pobj_actors(p)
                    ]
        if t.dep_ in ("ROOT",) or t.head == t:
            return []
        t = t.head
    return []


# "In his address to X": an address is spoken to its audience, as a message is written to its addressee
ADDRESSES = ("address",)


def addressing(noun: Token) -> list[Span]:
    """The addressees of a message or an address: 'a message to X', 'his video address to X'."""
    if noun.lemma_.lower() not in MESSAGES and noun.lemma_.lower() not in ADDRESSES:
        return []
    return [a for p in noun.children if p.dep_ == "prep" and p.lower_ == "to" for a in pobj_actors(p)]


def protest_sense(verb: Token) -> Sense | None:
    """The PROTEST sense of a verb, of its object ('staged a hunger strike') or of an 'in protest' phrase."""
    lex = load_lexicon()
    senses = [lex.sense(verb.lemma_.lower())]
    senses += [
        lex.sense(verb.lemma_.lower(), f"obj:{c.lemma_.lower()}")
        or lex.noun_sense(compound(c))
        or lex.noun_sense(c.lemma_)
        for c in verb.children
        if c.dep_ == "dobj"
    ]
    senses += [
        lex.noun_sense(p.lemma_)
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "in"
        for p in c.children
        if p.dep_ == "pobj"
    ]
    return next((s for s in senses if s is not None and s.category == "PROTEST"), None)


def grievance_targets(head: Token, depth: int = 0) -> list[Span]:
    """Whom a protest is aimed at: the actor in what it is against, over or calls for.

    'against the abuses by X', 'in protest of X's policies', 'calling for the removal of X',
    'to show their disapproval of X'. An event noun stands for its agent ('abuses by X').
    """
    found: list[Span] = []
    for child in head.children:
        found += _grievance_of(head, child, depth)
    return list({a.start: a for a in found}.values())


def _grievance_of(head: Token, child: Token, depth: int) -> list[Span]:
    lex = load_lexicon()
    if child.dep_ == "prep" and child.lower_ in ("against", "over", "at", "of", "for"):
        if child.lower_ in ("of", "for") and depth == 0 and head.pos_ in ("VERB", "AUX"):
            return []  # "converged for a rally": only nouns of protest name a grievance with of/for
        return [a for p in child.children if p.dep_ == "pobj" for a in grieved(p)]
    if child.dep_ == "prep" and child.lower_ == "in" and depth < 2:
        return [
            a
            for p in child.children
            if p.dep_ == "pobj" and lex.noun_sense(p.lemma_)
            for a in grievance_targets(p, depth + 1)
        ]  # "in protest against X"
    if child.dep_ in ("dobj", "pobj") and depth and child.pos_ == "NOUN":
        return grieved(child)
    if (
        child.dep_ in ("acl", "advcl", "xcomp")
        and depth < 2
        and (
            (s := lex.sense(child.lemma_.lower(), "prep:for") or lex.sense(child.lemma_.lower())) is not None
            and s.category in ("DEMAND", "DISAPPROVE", "PROTEST", "REJECT")
        )
    ):
        return grievance_targets(child, depth + 1)  # "calling for", "demanding", "to denounce"
    if depth == 0 and (
        child.dep_ == "dobj" or child.dep_ == "prep" and child.lower_ in ("following", "during", "after")
    ):
        nouns = [child] if child.dep_ == "dobj" else [p for p in child.children if p.dep_ in ("pobj", "dobj")]
        return [
            a
            for n in nouns
            if (ns := lex.noun_sense(n.lemma_)) is not None and ns.category == "PROTEST"
            for a in grievance_targets(n, depth + 1)
        ]  # "staged a strike against X"
    return []


def grieved(noun: Token) -> list[Span]:
    """The actor a grievance names: itself, 'X's policies', 'abuses by X', 'the removal of X'."""
    return (
        actors(noun)
        or modifiers(noun)
        or [
            a for c in noun.children if c.dep_ == "acl" for g in c.children if g.dep_ == "agent" for a in pobj_actors(g)
        ]
    )  # "taxes imposed by X"


def defied(verb: Token) -> list[Span]:
    """Whom a refusal or protest defies: 'despite pressure by X', 'in defiance of X'."""
    found: list[Span] = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("despite", "in"):
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or (prep.lower_ == "in" and noun.lemma_.lower() != "defiance"):
                continue
            found += event_agents(noun) or [
                a
                for p in noun.children
                if p.dep_ == "prep" and p.lower_ in ("of", "from", "by")
                for a in pobj_actors(p)
            ]
    return found


def purpose_targets(verb: Token) -> list[Span]:
    """The party of the event a verb is done for: 'for a war against X', 'for an offensive on X'."""
    return [
        a
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ == "for"
        for event in prep.children
        if event.dep_ == "pobj" and event._.mention is None
        for party in event.children
        if party.dep_ == "prep" and party.lower_ in ("against", "on")
        for a in pobj_actors(party)
    ]


def condition_subjects(verb: Token) -> list[Span]:
    """Who a threat or ultimatum is made to: the subject of its 'if' or 'unless' clause."""
    t = verb
    for _ in range(3):
        for clause in t.children:
            if clause.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children
            ):
                return [a for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") for a in actors(c)]
        if t.dep_ not in ("xcomp", "ccomp", "conj"):
            return []
        t = t.head
    return []
