"""Verb events: a verb with actor arguments ('X criticised Y', 'met with X', 'was criticised by X').

The verb's own arguments give its targets (objects, prepositional objects, the patient of a
passive, a light verb's event noun); where they name no actor, the target finders do. Reciprocal
verbs give the mirrored event ("X met Y": Y met X), conjoined subjects of a mutual verb act on
each other ("X and Y agreed"), and a governing verb codes the event it embeds ("threatened to ban").
"""

from __future__ import annotations

from lemminflect import getLemma
from spacy.tokens import Span, Token

from extract.lexicon import Lexicon, Sense, load_lexicon
from extract.qualifiers import modality
from extract.relations.adjectives import adjective_targets
from extract.relations.arguments import (
    actors,
    aim_holders,
    appositive_person,
    companions,
    event_agents,
    helped,
    pobj_actors,
    stands_for,
    subjects,
    targeted_event,
)
from extract.relations.candidate import VERB_EVENTS, Candidate, Target
from extract.relations.clause import VerbClause
from extract.relations.governed import by_modality, governor, purposed, ruled
from extract.relations.light import joined_for, light_predicate, light_sense, light_verb, opposed, received
from extract.relations.receiving import from_received, given
from extract.relations.senses import contest, naming, question_clause, questioned, schooled, warning
from extract.relations.speech import demands, requested
from extract.relations.syntax import condition, counted, idiom_tail
from extract.relations.targets import REFINEMENTS, find_targets
from extract.relations.vocabulary import (
    ASPECTUAL,
    FURTHERING,
    INTRANSITIVE,
    LIGHT,
    PARTICIPATING,
    PARTICLES,
    PARTY_PREPOSITIONS,
    PLACES,
    QUANTITIES,
    RESTRICTING,
    SYMMETRIC,
    VIOLENT,
    governed,
    infinitive,
    load_experiencers,
    load_reciprocal,
    past,
)


def verb_events(verb: Token) -> list[Candidate]:
    """The events a verb states between actors, with its demands made in reported speech."""
    lex = load_lexicon()
    lemma = phrasal(lex, verb)
    if requested(verb) or idiom_tail(verb) or condition(verb) or participation(lex, verb, lemma):
        return []
    if naming(verb) or contest(verb):  # "called X a killer", "defeated X in the election": another sense
        return []
    if lemma in INTRANSITIVE and any(c.dep_ == "dobj" for c in verb.children):
        return []  # "demonstrated the unity of X": another sense than the event's
    if lemma in load_experiencers():
        return felt(verb)
    # In a passive, subjects() returns the agent and the grammatical subject is an object.
    agents = subjects(verb) or aim_holders(verb)
    agents += [h for h in helped(verb) if h._.actor.key not in {s._.actor.key for s in agents}]
    if not agents:
        return []
    c = VerbClause(verb, lemma, clause_sense(lex, verb, lemma), governor(verb))
    targets = argument_targets(c)
    for refine in REFINEMENTS:
        targets = refine(c, targets)
    targets = targets or find_targets(c)
    mirrored = _mirrored(lemma, agents, targets)
    # "X, joined by Y, imposed sanctions on Z": Y acts too (on the targets; not in "X, along with Y, agreed")
    side = companions(verb, agents) if any(t.actor.start not in {s.start for s in agents} for t in targets) else []
    if (
        not any(t.actor.start not in {s.start for s in agents} for t in targets)
        and len(agents) > 1
        and not passive_on_thing(verb)
        and mutual(verb)
    ):
        # "X and Y agreed", "X and Y signed a treaty": a reciprocal event between the conjoined subjects;
        # "X and Y had a telephone conversation", "X and Y upgraded their ties": the event noun names it
        sense, predicate = c.clause, past(lemma)
        event = next(
            (
                (o, *found)
                for o in verb.children
                if o.dep_ == "dobj" and lemma in LIGHT | FURTHERING and sense is None
                if (found := light_sense(lex, verb, o))[1] is not None
            ),
            None,
        )
        if event is not None:
            sense, predicate = event[2], light_predicate(lex, verb, event[0], event[1], event[2])
        targets = [Target(s, sense, predicate, [verb], 0.6) for s in agents]
    out = [
        given(c, _candidate(c, subject, t))
        for subject in [*agents, *side]
        for t in targets
        if t.actor.start != subject.start and t.actor._.actor.key != subject._.actor.key
    ]
    for other, t in mirrored:
        # "X will meet Y": only X has agreed; "X met Y to protest": only X protests
        if c.governor is None and modality(verb) != "intended" and purposed(verb, t.sense) is t.sense:
            out.append(
                Candidate(
                    other,
                    t.actor,
                    t.predicate,
                    by_modality(verb, t.sense),
                    t.trigger,
                    VERB_EVENTS,
                    t.confidence if t.sense else 0.5,
                    verb,
                )
            )
    if not question_clause(verb):  # "asked X whether Y would come" demands nothing of Y
        out.extend(demands(verb, agents))
    return out


def _mirrored(lemma: str, agents: list[Span], targets: list[Target]) -> list[tuple[Span, Target]]:
    """'X met Y': Y met X too, for a symmetric verb with one subject; 'X agreed with Y' is X's alone."""
    if lemma not in SYMMETRIC or len(agents) != 1:
        return []
    return [
        (t.actor, Target(agents[0], t.sense, t.predicate, t.trigger, t.confidence * 0.9))
        for t in targets
        if t.actor._.actor.key != agents[0]._.actor.key
    ]


def _candidate(c: VerbClause, subject: Span, target: Target) -> Candidate:
    obj, sense, predicate, trigger, confidence = (
        target.actor,
        target.sense,
        target.predicate,
        target.trigger,
        target.confidence,
    )
    if c.governor is not None:
        # "threatened to halt": the embedded verb keeps its base form
        ruling, word = c.governor
        sense, predicate, trigger = (
            ruled(ruling, sense),
            f"{governed(word)} to {infinitive(predicate)}",
            [word, *trigger],
        )
    else:
        sense = by_modality(c.verb, purposed(c.verb, questioned(c, warning(c, sense))))
    return Candidate(subject, obj, predicate, sense, trigger, VERB_EVENTS, confidence if sense else 0.5, c.verb)


def clause_sense(lex: Lexicon, verb: Token, lemma: str) -> Sense | None:
    """The verb's sense from its object nouns and phrases ('defended X against criticism'); the
    subject of a passive is its object ('letters of credence were presented to X')."""
    return lex.clause_sense(
        lemma,
        [n.lemma_ for c in verb.children if c.dep_ in ("dobj", "nsubjpass") for n in counted(c)],
        [(c.lower_, o.lemma_) for c in verb.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"],
    )


def argument_targets(c: VerbClause) -> list[Target]:
    """The targets the verb's own arguments name: objects, a passive's patient, prepositional objects."""
    verb = c.verb
    tails = [t for child in verb.children for t in (child, *child.children) if idiom_tail(t)]
    targets: list[Target] = []
    phrases: list[Target] = []
    for child in [*verb.children, *(a for t in tails for a in t.children)]:  # "stood shoulder to shoulder with X"
        if child.dep_ in ("dobj", "dative", "nsubjpass") and child.pos_ != "ADP":
            targets += object_targets(c, child)
        elif child.dep_ in ("prep", "dative") and child.lower_ in PARTY_PREPOSITIONS:  # "gave arms to X"
            phrases += prepositional_targets(c, child)
    targets += included_targets(verb, targets)
    targets += adjective_targets(verb)  # "was critical of X"
    # "sent greetings to X": the event noun names the event the phrase's party takes part in
    named = {t.actor.start for t in targets if t.light}
    return targets + [t for t in phrases if t.actor.start not in named]


def included_targets(verb: Token, targets: list[Target]) -> list[Target]:
    """'arrested dozens of students on Monday, including X': an 'including' phrase the parser hung on
    the verb names members of its object, who take the object's part. Only after an object the verb
    already targets as a set (a plural: 'met Macron on many topics, including Syria' names a topic),
    and only for named members ('killed 40 people, including soldiers' stays the people)."""
    objects = [t for t in targets if t.actor.root.dep_ in ("dobj", "pobj") and t.actor.root.tag_ in ("NNS", "NNPS")]
    if not objects:
        return []
    first = objects[0]
    # "detained eight people for spreading rumours, including X": hung on the adjunct's gerund
    gerunds = [g for p in verb.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pcomp"]
    return [
        first._replace(actor=actor, trigger=[*first.trigger, prep])
        for head in (verb, *gerunds)
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ == "including" and prep.i > first.actor.end
        for member in pobj_actors(prep)
        # "including the doctor X": the appositive names the member
        for actor in [appositive_person(member.root) or member]
        if actor._.actor.type in ("PERSON", "ORG", "GPE")
    ]


def object_targets(c: VerbClause, child: Token) -> list[Target]:
    """'criticised X', 'rejected an Indian proposal', 'held talks with X', 'condemned X's attacks'."""
    lex, verb, lemma = load_lexicon(), c.verb, c.lemma
    sense = (
        lex.sense(lemma, f"obj:{child.lemma_.lower()}")
        or c.clause
        or aspect_of(lex, verb, child)
        or joined_for(lex, verb)  # "joined X for talks"
        or received(verb, child)  # "received X in the Kremlin"
    )
    # an actor inside the object phrase counts only for an event ("rejected an Indian proposal")
    # ... unless that phrase is an event with its own target: "reiterated UK support for X"
    inner = child.dep_ == "dobj" and sense is not None and not targeted_event(child)
    found: list[Target] = []
    for actor in actors(child, inner=inner):
        if actor.root is not child and opposed(actor):
            continue  # "criticised the anti-Russia sanctions" does not criticise Russia
        if c.own is None and actor.root.dep_ == "poss" and actor.root.head == child:
            continue  # "reiterated the UK's commitment": a verb with no event of its own restates the possessor's
        if (
            sense is not None
            and sense.category == "CONSULT"
            and actor.root not in (child, *child.conjuncts)
            and lex.sector(child.lemma_) is None
            and child.lemma_.lower() not in QUANTITIES | PLACES
            and not from_received(verb, actor.root)
        ):
            continue  # one meets people, visits places and discusses topics: "discussed UK-France trade"
        found.append(Target(actor, sense, past(lemma), [verb], 0.8 if actor.root == child else 0.6))
    if child.dep_ == "dobj" and child._.mention is None:
        found += light_verb(verb, child)
        if not found and sense is not None:
            # "condemned X's attacks", "prevented the demonstration staged by X": X is the target
            agents = event_agents(child) or misattached_agents(verb, child)
            found += [Target(a, sense, past(lemma), [verb], 0.6) for a in agents]
    return found


def misattached_agents(verb: Token, noun: Token) -> list[Span]:
    """'is investigating war crimes by X' with 'by X' hung on the verb: an active verb with a subject
    has no agent phrase of its own, so an actor 'by X' after its object is the object's agent."""
    if noun.pos_ != "NOUN":
        return []
    if not any(c.dep_ == "nsubj" for c in verb.children) or any(
        c.dep_ in ("nsubjpass", "auxpass") for c in verb.children
    ):
        return []
    return [a for p in verb.children if p.dep_ == "prep" and p.lower_ == "by" and p.i > noun.i for a in pobj_actors(p)]


def prepositional_targets(c: VerbClause, prep: Token) -> list[Target]:
    """'met with X', 'cracked down on X', 'gave arms to X'."""
    lex, lemma = load_lexicon(), c.lemma
    if schooled(lemma, prep):
        return []
    sense = lex.sense(lemma, f"prep:{prep.lower_}")
    if sense is None and (
        prep.lower_ in ("with", "between", "against", "to", "from", "toward", "towards", "at")
        or " " in lemma  # "cracked down on X"
        or imposed_on(c, prep)
    ):
        sense = c.clause
    return [
        Target(actor, sense, f"{past(lemma)} {prep.lower_}", [c.verb, prep], 0.75)
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for actor in actors(pobj, inner=sense is not None)
        if stands_for(pobj, actor)
    ]  # "beat detainees with the knowledge of X": a manner, not a party


def imposed_on(c: VerbClause, prep: Token) -> bool:
    """'imposed a security law on X', 'dropped bombs on X': the party a coercive or violent act puts
    its object 'on' or 'upon' is its target; not a place or time when the object is a party itself
    ('beat up detainees on the West Bank'), nor the topic of other acts ('reported on X')."""
    things = [o for o in c.verb.children if o.dep_ == "dobj" and o._.mention is None and not actors(o)]
    return (
        prep.lower_ in ("on", "upon")
        and bool(things)
        and len(things) == len([o for o in c.verb.children if o.dep_ == "dobj"])
        and c.clause is not None
        and c.clause.category in RESTRICTING | VIOLENT
    )


def aspect_of(lex: Lexicon, verb: Token, noun: Token) -> Sense | None:
    """'sped up the withdrawal of its forces', 'completed the pullout': a verb of aspect carries
    the act its event-noun object names, with that noun's own objects."""
    event = lex.verb_of(noun.lemma_) if noun.pos_ == "NOUN" and noun._.mention is None else None
    if event is None or verb.lemma_.lower() not in ASPECTUAL or lex.sense(verb.lemma_) is not None:
        return None
    inner = [
        n.lemma_ for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for n in p.children if n.dep_ == "pobj"
    ]
    return lex.clause_sense(event, inner)


def felt(verb: Token) -> list[Candidate]:
    """'X is appalled by Y's attacks', 'Y's attacks appalled X': X judges Y, the agent of the event
    that appals, or Y itself."""
    sense = load_lexicon().sense(verb.lemma_.lower())
    feeling = [a for c in verb.children if c.dep_ == "nsubjpass" for a in actors(c)]
    causes = [p for g in verb.children if g.dep_ == "agent" for p in g.children if p.dep_ == "pobj"]
    if not feeling:  # active: the object feels, the subject is the cause
        feeling = [a for c in verb.children if c.dep_ == "dobj" for a in actors(c)]
        causes = [c for c in verb.children if c.dep_ == "nsubj"]
    if sense is None or not feeling:
        return []
    found = [a for p in causes for a in (actors(p) or event_agents(p))]
    return [
        Candidate(s, c, f"{past(verb.lemma_.lower())} by", sense, [verb], VERB_EVENTS, 0.6, verb)
        for s in feeling
        for c in found
        if s._.actor.key != c._.actor.key
    ]


def repair_lemma(lex: Lexicon, verb: Token) -> None:
    """'staged' → 'stage', not spaCy's 'stag': where the lexicon knows lemminflect's lemma of a
    verb and not spaCy's, lemminflect's is the verb's."""
    if lex.knows(verb.lemma_):
        return
    forms = getLemma(verb.lower_, upos="VERB")
    if forms and forms[0] != verb.lemma_.lower() and lex.knows(forms[0]):
        verb.lemma_ = forms[0]


def phrasal(lex: Lexicon, verb: Token) -> str:
    """The lemma a verb is looked up by: with its particle where the lexicon has the particle
    verb ('cracked down' → 'crack down', 'called off' → 'call off'), else alone."""
    lemma = verb.lemma_.lower()
    # "pushed ISIL out of Kobane": a particle with no object of its own may be parsed as a preposition
    particles = [
        c.lower_
        for c in verb.children
        if c.dep_ == "prt"
        or c.dep_ == "prep"
        and c.lower_ in PARTICLES
        and not any(o.dep_ == "pobj" for o in c.children)
    ]
    return next((f"{lemma} {p}" for p in particles if (lemma, f"prep:{p}") in lex.patterns), lemma)


def participation(lex: Lexicon, verb: Token, lemma: str) -> bool:
    """'engaged in talks with X', 'entered into negotiations with X': the event is the noun's, read
    as a nominal event; unless the lexicon has the verb with that phrase ('engage in trade')."""
    return lemma in PARTICIPATING and any(
        prep.dep_ == "prep"
        and prep.lower_ in ("in", "into")
        and o.dep_ == "pobj"
        and o._.mention is None
        and lex.noun_sense(o.lemma_) is not None
        and lex.sense(lemma, f"prep:{prep.lower_}:{o.lemma_.lower()}") is None
        for prep in verb.children
        for o in prep.children
    )


def mutual(verb: Token, depth: int = 0) -> bool:
    """A verb whose conjoined subjects act on each other: 'X and Y met', 'X and Y signed a
    treaty', 'X and Y failed to reach an agreement'; not 'X and Y voted', 'X and Y said'."""
    reciprocal = load_reciprocal()
    return verb.lemma_.lower() in reciprocal or any(
        c.dep_ == "dobj"
        and (c.lemma_.lower() in reciprocal or c.lower_ in reciprocal)
        or depth < 2
        and c.dep_ == "xcomp"
        and mutual(c, depth + 1)
        for c in verb.children
    )


def passive_on_thing(verb: Token) -> bool:
    """A passive whose patient is not one of its agents: 'the channel disputed by X and Y'."""
    return any(c.dep_ == "nsubjpass" for c in verb.children) or (
        verb.dep_ in ("acl", "relcl") and any(c.dep_ == "agent" for c in verb.children)
    )
