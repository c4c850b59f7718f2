"""Arguments: the actor mentions a head word of the parse stands for (subjects, objects, possessors, agents)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from extract.lexicon import load_lexicon
from extract.qualifiers import SPEECH_VERBS
from extract.relations.enumeration import enumerated
from extract.relations.parties import parties
from extract.relations.syntax import infinitival, listed, speech_act
from extract.relations.vocabulary import (
    FRAMING,
    HELPING,
    INNER_PREPOSITIONS,
    OBJECT_CONTROL,
    PLACES,
    QUANTITIES,
    SPEECH,
    SUBJECTS,
)


def actors(token: Token, depth: int = 0, inner: bool = False, agent: bool = False) -> list[Span]:
    """The actor mentions an argument head stands for, one per conjunct.

    With ``inner``, an object phrase that names no actor stands for the actor that modifies
    it: "rejected an Indian proposal", "a US offer", "calls by Belarus's rulers". With
    ``agent``, a subject headed by a common noun stands for the named group modifying it:
    "the al-Qaeda network threatened", "its European Community partners refused".
    """
    spans: list[Span] = []
    for t in [token, *token.conjuncts, *listed(token)]:
        spans.extend(_conjunct_actors(t, depth, inner, agent))
    if spans:  # "by A (X), B (Y) and C (Z)": a written list goes on after its last parsed member
        spans.extend(enumerated(max(spans, key=lambda s: s.end)))
    unique: dict[int, Span] = {}
    for span in spans:
        unique.setdefault(span.start, span)
    return list(unique.values())


def _conjunct_actors(t: Token, depth: int, inner: bool, agent: bool) -> list[Span]:
    lex = load_lexicon()
    if found := parties(t):
        return found  # "the leaders": the parties of the interaction told before
    if t._.mention is not None:
        # "Kerry and Ash Carter will host": a first conjunct misparsed as a modifier of the second
        return [
            t._.mention,
            *(
                c._.mention
                for c in t.lefts
                if c.dep_ in ("nmod", "compound")
                and c._.mention is not None
                and c._.mention.start != t._.mention.start
                and any(x.dep_ == "cc" for x in c.children)
            ),
        ]
    if (inner or lex.sector(t.lemma_) is not None) and t.pos_ == "NOUN" and (found := modifiers(t)):
        return found  # "Turkish and Greek sides", "Hezbollah guerrillas": the modifiers are the actors
    if agent and (named := named_group(t)):
        return named  # "the al-Qaeda network", "the Turkish and Greek sides"
    if t.pos_ in ("NOUN", "PROPN") and (person := appositive_person(t) or titled_person(t)) is not None:
        return [person]  # "President of Russia Vladimir Putin", "Artistic Director of X, Y": the title is the person
    if t.pos_ == "PROPN" and (
        names := [
            c._.mention
            for c in t.children
            if c.dep_ == "compound"
            and c.pos_ == "PROPN"
            and c._.mention is not None
            and c._.mention._.actor.type == "PERSON"
        ]
    ):
        return names[-1:]  # "Judge Amy Berman Jackson" with "Amy Berman" named: the name ends the phrase
    if depth >= 2 or t.pos_ not in ("NOUN", "PROPN"):
        return []
    # "leaders from Cuba", "Putin's administration", "nations like Egypt"
    collective = lex.sector(t.lemma_) is not None
    spans: list[Span] = []
    for child in t.children:
        if child.dep_ == "poss" and child._.mention is not None and collective:
            spans.append(child._.mention)
        elif child.dep_ == "prep" and child.lower_ in INNER_PREPOSITIONS:
            spans.extend(a for pobj in child.children if pobj.dep_ == "pobj" for a in actors(pobj, depth + 1))
    return spans


def appositive_person(title: Token, depth: int = 0) -> Span | None:
    """The person an appositive names for a title that is no mention: 'President of Russia Vladimir
    Putin', 'Artistic Director of the Theatre, National Artist Yevgeny Mironov' (a chain of titles)."""
    for a in title.children:
        if a.dep_ != "appos" or any(c.dep_ == "cc" for c in a.children):
            continue  # "the UK, the Coalition and Iraq": a list, not a name
        if a._.mention is not None and a._.mention._.actor.type == "PERSON":
            return a._.mention
        if depth < 2 and (found := appositive_person(a, depth + 1)) is not None:
            return found  # a title of the chain the tagger took for a name: "National Artist", "Y"
    # "the Director of the Bolshoi Theatre, Vladimir Urin" parsed with the name on the theatre: a body is
    # no person, so the person its appositive names is the title's holder
    return next(
        (
            a._.mention
            for p in title.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children
            if o.dep_ == "pobj" and o._.mention is not None and o._.mention._.actor.type in ("ORG", "GPE")
            for a in o.children
            if a.dep_ == "appos" and a._.mention is not None and a._.mention._.actor.type == "PERSON"
        ),
        None,
    )


def titled_person(title: Token) -> Span | None:
    """'with President Macron and Federal Chancellor of Germany Olaf Scholz': a title conjunct whose
    name the parser hung on the coordination as an appositive is the person named right after it."""
    doc = title.doc
    after = title.right_edge.i + 1
    if title.dep_ != "conj" or title._.mention is not None or not title.text[:1].isupper() or after >= len(doc):
        return None
    person = doc[after]._.mention
    if person is None or person.start != after or person._.actor.type != "PERSON":
        return None
    root = person.root
    return person if root.dep_ == "appos" and root.head in (title, title.head, *title.conjuncts) else None


def pobj_actors(prep: Token) -> list[Span]:
    """The actors of a prepositional phrase's objects."""
    return [a for p in prep.children if p.dep_ == "pobj" for a in actors(p)]


def mentions_of(token: Token) -> list[Span]:
    """The mentions a token and its conjuncts are."""
    return [m for m in (token._.mention, *(x._.mention for x in token.conjuncts)) if m is not None]


def named_group(noun: Token) -> list[Span]:
    """The groups a common noun that is no event is named by: names before it, else demonyms.

    'the al-Qaeda terror network', 'its European Community partners', 'the Turkish and Greek sides'.
    """
    if noun.pos_ != "NOUN" or load_lexicon().noun_sense(noun.lemma_) is not None:
        return []
    names = [
        c._.mention
        for c in noun.children
        if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c._.mention is not None
    ]
    return names or [
        m for c in noun.children if c.dep_ == "amod" and c.pos_ in ("ADJ", "PROPN") for m in mentions_of(c)
    ]


def named(owners: list[Span], noun: Token) -> list[Span]:
    """'The UK remains steadfast in its support of X': a possessive pronoun is written as the
    clause subject it stands for, when that subject is the same actor."""
    if not any(o.root.pos_ == "PRON" for o in owners):
        return owners
    clause = (
        {s._.actor.key: s for s in clause_subjects(noun) if s.root.pos_ != "PRON"}
        if noun.dep_ in ("pobj", "dobj")
        else {}
    )
    return [clause.get(o._.actor.key, o) if o.root.pos_ == "PRON" else o for o in owners]


def event_agents(noun: Token) -> list[Span]:
    """Who carried out an event noun: 'ISIL's attacks', 'attacks claimed by Daesh', 'attacks by X'."""
    if noun.pos_ != "NOUN" or load_lexicon().noun_sense(noun.lemma_) is None:
        return []
    found = [
        a
        for c in noun.children
        if c.dep_ == "poss"
        for a in ([c._.mention] if c._.mention is not None else actors(c, agent=True))
    ]
    for child in noun.children:
        holders = (
            [child]
            if child.dep_ == "prep" and child.lower_ == "by"
            else [c for c in child.children if c.dep_ == "agent"]
            if child.dep_ == "acl"
            else []
        )
        found.extend(a for h in holders for a in pobj_actors(h))
    return found + [a for a in claimants(noun) if a not in found]


def claimants(event: Token) -> list[Span]:
    """Who claims an event noun: 'X claimed the attack', 'X claimed responsibility for the bombing',
    'the attack was claimed by X' (who claims an attack carried it out)."""
    head = event.head
    if event.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() == "responsibility":
        event, head = head.head, head.head.head
    if head.lemma_.lower() != "claim" or head.pos_ != "VERB":
        return []
    if event.dep_ == "dobj":
        return [a for c in head.children if c.dep_ == "nsubj" for a in actors(c)]
    if event.dep_ == "nsubjpass":
        return [a for c in head.children if c.dep_ == "agent" for a in pobj_actors(c)]
    return []


def modifiers(noun: Token) -> list[Span]:
    """Actors that modify a noun: demonyms and names before it, its possessor, 'by X'."""
    found = [m for c in noun.children if c.dep_ in ("amod", "compound", "nmod", "poss") for m in mentions_of(c)]
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            found.extend(m for p in child.children if p.dep_ == "pobj" for m in mentions_of(p))
    return found


def subjects(verb: Token) -> list[Span]:
    """Explicit subjects, else the subject of the clause a participle or gerund hangs on."""
    if speaker := turn_speaker(verb):
        return speaker  # the parser may take the previous turn's speaker for the subject
    seen = 0
    current: Token | None = verb
    while current is not None and seen < 4:
        found = _own_subjects(current, seen)
        if found is not None:
            return found
        current = _controlling_clause(current)
        seen += 1
    return []


def turn_speaker(verb: Token) -> list[Span]:
    """'Metropolitan Tikhon: Thank you, Mr President': a subjectless 'thank' opening a speaker's turn
    in a transcript is the speaker's own ('I thank you')."""
    doc, colon = verb.doc, verb.i - 1
    if verb.lemma_.lower() != "thank" or verb.tag_ not in ("VB", "VBP") or colon < 1 or doc[colon].text != ":":
        return []
    if any(c.dep_ in SUBJECTS and c.i > colon for c in verb.children):
        return []  # "Tikhon: Thank you, I said": a subject of its own
    speaker = doc[colon - 1]._.mention
    return [speaker] if speaker is not None and speaker._.actor.type == "PERSON" else []


# participles whose agent acts with the subject: "the US, joined by Britain, imposed ..."
COMPANY = ("join", "accompany")


def _own_subjects(verb: Token, seen: int) -> list[Span] | None:
    """The subjects a clause names itself (None if it names none and its own head may)."""
    for child in verb.children:
        if (
            child.dep_ in SUBJECTS
            and child.tag_ in ("VBG", "VBN")
            and (inner := next((c for c in child.children if c.dep_ in SUBJECTS), None)) is not None
        ):
            child = inner  # "The Red Cross operating in Iraq said", parsed with the participle as subject
        if child.dep_ in SUBJECTS and (event := relative_event(verb, child)) is not None:
            return event_agents(event)  # "the bombing, which killed 30 people": whoever carried out the bombing
        if child.dep_ in SUBJECTS or (seen and child.dep_ == "nsubjpass"):
            # a passive controller acts in the clause it governs: "X is committed to defeating Y"
            return _subject_actors(verb, child)
        if child.dep_ == "agent":  # passive: "was criticised by X" – X acts
            return [a for pobj in child.children for a in actors(pobj)]
    if (
        verb.dep_ == "pcomp"
        and verb.head.lower_ in ("of", "for")
        and (doers := [a for c in verb.head.head.children if c.dep_ == "dobj" for a in actors(c)])
    ):
        return doers  # "accused X of sending arms", "thanked X for helping": X does it
    if verb.dep_ == "acl" and (found := _noun_clause_subjects(verb)):
        return found
    if verb.dep_ == "relcl":
        head = verb.head.head if verb.head.dep_ == "prep" else verb.head
        if any(c.dep_ == "nsubjpass" or c.tag_ == "WRB" for c in verb.children):
            return []  # "the town where 28 people were killed", "a man who was arrested": no agent
        if head._.mention is not None:
            return [head._.mention]
        if agents := event_agents(head):
            return agents  # "ISIL's attacks, which killed X": ISIL killed X
    return None


def _noun_clause_subjects(verb: Token) -> list[Span]:
    """The subjects of a clause that modifies a noun ('his intention to deepen ...')."""
    if (
        verb.tag_ == "VBN"
        and any(c.dep_ == "dobj" for c in verb.children)
        and not any(c.dep_ in ("agent", "auxpass") for c in verb.children)
        and (agents := event_agents(verb.head))
    ):
        return agents  # "The attacks, claimed by X, killed Y": a participle with an object is the noun's finite verb
    if verb.head.pos_ != "NOUN":
        return []
    if holders := aim_subjects(verb.head):
        return holders  # "X and Y reaffirmed their intention to develop ...", "X expressed readiness to ..."
    # "his intention to deepen ...": the possessor of the noun is the subject
    owners = [c._.mention for c in verb.head.children if c.dep_ == "poss" and c._.mention is not None]
    owners = owners or [
        c._.mention for c in verb.head.children if c.dep_ in ("compound", "nmod") and c._.mention is not None
    ]
    return named(owners, verb.head) if owners else []  # "the Coalition efforts to defeat X"


def aim_subjects(noun: Token) -> list[Span]:
    """Who holds the aim an object noun names when its possessive pronoun is the clause's subject: 'X
    and Y reaffirmed their intention to ...' ('their' is both of them). [] for another's aim ('X
    welcomed Y's intention to ...', 'his' another person) and for an aim with no possessor ('rejected
    the plan to ...'; 'expressed a shared intention to ...' was tried: mostly wrong parties unseen)."""
    if noun.dep_ != "dobj" or noun.head.pos_ not in ("VERB", "AUX"):
        return []
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if not owners or any(o.pos_ != "PRON" for o in owners):
        return []  # "Y's intention", "the UK's commitment": the possessor names its holder
    clause = subjects(noun.head)
    keys = {s._.actor.key for s in clause}
    for o in owners:
        if o._.mention is not None and o._.mention._.actor.key not in keys:
            return []  # "welcomed his intention to ..." with "his" another person
        if o._.mention is None and not (o.lower_ == "their" and len(clause) > 1 or o.lower_ in ("our", "my")):
            return []  # an unresolved "his" may be anyone's; "their" after "X and Y" is theirs
    return clause


def relative_event(clause: Token, pronoun: Token) -> Token | None:
    """The event noun a relative pronoun subject stands for: 'the attack, which killed 12 soldiers';
    None for any other subject (an actor's relative clause is read as its own background)."""
    if clause.dep_ != "relcl" or pronoun.tag_ != "WDT" or pronoun.lower_ not in ("which", "that"):
        return None
    noun = clause.head
    if noun.pos_ != "NOUN" or noun._.mention is not None or load_lexicon().noun_sense(noun.lemma_) is None:
        return None
    return noun


def _subject_actors(verb: Token, child: Token) -> list[Span]:
    found = actors(child, agent=True) or event_agents(child)
    if not found or child.pos_ == "PRON":
        # "Syria says it is willing": the speaker, written as named; "it" if unresolved
        speakers = {a._.actor.key: a for a in speaker(child)}
        found = [speakers.get(a._.actor.key, a) for a in found] or list(speakers.values())
    # "Secretary Blinken and Secretary Austin will host": conjoined names parsed as two subjects
    found += [
        a
        for c in verb.children
        if c.dep_ == child.dep_ and c.i > child.i and c.pos_ == "PROPN" and child.pos_ == "PROPN"
        for a in actors(c)
        if a not in found
    ]
    return found


def companions(verb: Token, agents: list[Span]) -> list[Span]:
    """Who acts with a verb's subject: 'the US, joined by Britain and France, imposed ...', 'Russia,
    along with China, vetoed ...', 'Turkey, together with Qatar, ...', 'Iran, alongside Hezbollah, ...'.
    Not 'backed by X' (X supports the subject; it does not act)."""
    heads = [c for c in verb.children if c.dep_ in SUBJECTS]
    found = [
        a
        for h in heads
        for c in h.children
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in COMPANY
        for g in c.children
        if g.dep_ == "agent"
        for a in pobj_actors(g)
    ]
    for p in (p for holder in [*heads, verb] for p in holder.children if p.dep_ == "prep"):
        if p.lower_ == "alongside" or p.lower_ == "with" and any(m.lower_ in ("together", "along") for m in p.children):
            found += pobj_actors(p)
        elif p.lower_ in ("along", "together"):
            found += [a for w in p.children if w.dep_ == "prep" and w.lower_ == "with" for a in pobj_actors(w)]
    keys = {a._.actor.key for a in agents}
    return [a for a in found if a._.actor.key not in keys]


def _controlling_clause(verb: Token) -> Token | None:
    """The clause whose subject a subjectless clause shares, or None."""
    if (
        verb.dep_ == "acl"
        and verb.head.pos_ == "NOUN"
        and verb.tag_ == "VBG"
        and verb.head.dep_ == "dobj"
        and verb.head._.mention is None
        and load_lexicon().sector(verb.head.lemma_) is None
        and speech_act(verb)
    ):
        return verb.head.head  # "X issued a statement demanding...": the statement speaks for whoever issued it
    if verb.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acomp", "relcl") or (
        verb.dep_ == "pobj" and verb.head.dep_ == "prep"
    ):
        return verb.head.head if verb.head.dep_ == "prep" else verb.head
    if verb.dep_ == "prep":
        return verb.head
    return None


def speaker(pronoun: Token) -> list[Span]:
    """'Syria says it is willing to...': an unresolved pronoun subject of reported speech is the speaker."""
    if pronoun.pos_ != "PRON" or pronoun.lower_ not in ("it", "they", "he", "she"):
        return []
    clause = pronoun.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in SPEECH | SPEECH_VERBS:
        return []
    return [a for c in clause.head.children if c.dep_ == "nsubj" for a in actors(c)]


def targeted_event(noun: Token) -> bool:
    """'UK support for Iraq', 'US aid to Kyiv': an event noun naming its own target."""
    return (
        noun._.mention is None
        and load_lexicon().noun_sense(noun.lemma_) is not None
        and any(
            p.dep_ == "prep"
            and p.lower_ in ("for", "to", "against", "with", "toward", "towards")
            and any(o.dep_ == "pobj" and actors(o) for o in p.children)
            for p in noun.children
        )
    )


def stands_for(head: Token, actor: Span) -> bool:
    """Whether an argument head stands for an actor found in its phrase: the actor itself, or one
    inside an event ('attacks by X'), a group ('leaders of X'), a quantity ('a number of X') or a
    place that is X ('the town of X'), or its possessor ('from Assad's cruelty')."""
    lex = load_lexicon()
    return (
        actor.root in (head, *head.conjuncts)
        or head.pos_ != "NOUN"
        or (actor.root.dep_ == "poss" and actor.root.head in (head, *head.conjuncts))
        or any(
            lex.noun_sense(t.lemma_) is not None
            or lex.sector(t.lemma_) is not None
            or t.lemma_.lower() in QUANTITIES | PLACES
            for t in (head, *head.conjuncts)
        )
    )


def clause_subjects(noun: Token) -> list[Span]:
    """'In a call with X, Putin said…': the subject of the clause the noun phrase modifies.

    An infinitive controlled by an object has that object as its subject: in 'pressed X to
    cease airstrikes against Y', X carries out the airstrikes.
    """
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in FRAMING and head.head.pos_ in ("VERB", "AUX"):
        verb = head.head
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return []  # "Y was indicted by X during the fight against Z": X is no party to the fight
    elif noun.dep_ == "dobj" and head.pos_ in ("VERB", "AUX"):
        verb = head
    elif noun.dep_ == "pobj" and head.lower_ == "in" and head.head.pos_ in ("NOUN", "PROPN"):
        return actors(head.head)  # "X, Y and others in support of Z"
    elif noun.dep_ == "pobj" and head.lower_ in ("to", "for") and head.head.pos_ == "ADJ" and head.head.dep_ == "acomp":
        return subjects(head.head.head)  # "X is open to negotiations with Y", "X is ready for talks with Y"
    else:
        return []
    controlled = (
        verb.dep_ == "xcomp"
        or verb.dep_ == "advcl"
        and ((s := load_lexicon().sense(verb.head.lemma_.lower())) is not None and s.category in OBJECT_CONTROL)
    )
    if controlled and not any(c.dep_ in SUBJECTS for c in verb.children) and infinitival(verb):
        controllers = [a for c in verb.head.children if c.dep_ == "dobj" for a in actors(c)]
        if controllers:
            return controllers
    return subjects(verb)


def antecedent(mention: Span) -> Span:
    """A possessive pronoun as its actor's nearest earlier named mention: 'their' → 'the Iraqi people'."""
    if mention.root.pos_ != "PRON":
        return mention
    key = mention._.actor.key
    earlier = [
        m
        for m in mention.doc._.mentions or []
        if m.end <= mention.start and m.root.pos_ != "PRON" and m._.actor.key == key
    ]
    return earlier[-1] if earlier else mention


def aim_holders(verb: Token) -> list[Span]:
    """Whose aim a verb names: 'the UK's commitment to defeating X', 'their determination to defeat X'."""
    noun = (
        verb.head.head
        if verb.dep_ == "pcomp" and verb.head.lower_ == "to"
        else verb.head
        if verb.dep_ == "acl"
        else None
    )
    if noun is None or noun.pos_ != "NOUN" or noun._.mention is not None:
        return []
    return [
        antecedent(c._.mention)
        for c in noun.children
        if c.dep_ in ("poss", "compound", "nmod") and c._.mention is not None
    ]


def helped(aim: Token) -> list[Span]:
    """The party whose aim another actor helps: 'stood by Iraq to defeat X', 'supported Y in its
    efforts to defeat X', 'support for Y in the fight against X' (Y defeats or fights X)."""
    t, crossed = aim, False
    for _ in range(6):
        if t.dep_ == "prep":
            if not crossed and t.lower_ != "in":
                return []  # only "in its fight", "in the campaign" frame an aim
            crossed = True
        elif t.dep_ in ("pobj", "pcomp") or (t.dep_ == "conj" and t._.mention is not None):
            pass  # "in their fight", "support for X and Y in ...", "assisted Y in retaking"
        elif t.dep_ in ("acl", "advcl", "xcomp") and t.pos_ == "VERB" and (t.dep_ == "xcomp" or infinitival(t)):
            pass  # "to defeat X", "helped Y defeat X"
        else:
            return []
        t = t.head
        parties = helped_parties(t, aim)
        if parties is not None:
            return parties
    return []


def helped_parties(event: Token, aim: Token | None = None) -> list[Span] | None:
    """The parties a helping event helps ('supported Y', 'stood by Y', 'support for Y'); None if it
    helps none. The help is never the ``aim`` itself."""
    if event == aim:
        return None
    lex = load_lexicon()
    if event.pos_ == "VERB":
        own = lex.sense(event.lemma_.lower())
        parties = [
            a
            for c in event.children
            if c.dep_ == "dobj" and own is not None and own.category in HELPING
            for a in actors(c)
        ]
        parties += [
            a
            for c in event.children
            if c.dep_ == "prep"
            and (s := lex.sense(event.lemma_.lower(), f"prep:{c.lower_}")) is not None
            and s.category in HELPING
            for a in pobj_actors(c)
        ]
        # "pledged support for Y in the fight against X": the object names the help; "remains
        # steadfast in its support of Y in its fight against X": so does a sibling "in" phrase
        parties += [a for c in event.children if c.dep_ == "dobj" for a in helped_parties(c, aim) or []]
        parties += [
            a
            for c in event.children
            if c.dep_ == "prep" and c.lower_ == "in"
            for n in c.children
            if n.dep_ == "pobj"
            for a in helped_parties(n, aim) or []
        ]
    elif event.pos_ == "NOUN" and (ns := lex.noun_sense(event.lemma_)) is not None and ns.category in HELPING:
        parties = [
            a for c in event.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "to") for a in pobj_actors(c)
        ]
    else:
        return None
    return parties or None


def addressee(noun: Token) -> list[Span]:
    """'Y thanked X for his remarks': remarks by X, addressed to Y (who answers them); not when the
    noun names whom it is for itself ('criticised X for its support for Z': Z, named or not)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.pos_ not in ("VERB", "AUX"):
        return []
    if any(
        p.dep_ == "prep" and p.lower_ in ADDRESSING and any(o.dep_ == "pobj" for o in p.children) for p in noun.children
    ):
        return []
    return subjects(prep.head)


# The prepositions by which a noun names whom it is addressed to: "support for X", "aid to X", "talks with X".
ADDRESSING = ("for", "to", "with", "against", "toward", "towards")


def beneficiaries(gift: Token) -> list[Span]:
    """Who receives the support a noun names: the clause's subject ('with support from X, Y
    ...') or what a passive participle modifies ('Y, aided by support from X')."""
    by, participle = gift.head, gift.head.head
    if gift.dep_ == "pobj" and by.dep_ == "agent" and participle.dep_ == "acl" and participle.tag_ == "VBN":
        return actors(participle.head)
    return clause_subjects(gift)


def places_in(noun: Token) -> list[Span]:
    """The places an 'in' phrase names: 'in Aleppo', 'in the town of Tel Tamer', 'in X, Y and Z'."""
    return [a for a in actors(noun) if a._.actor.type in ("GPE", "LOC")]


def leaders(noun: Token) -> list[Span]:
    """'Saudi-led airstrikes', 'NATO-led operations': who leads what a noun names."""
    return [
        m
        for led in noun.children
        if led.dep_ == "amod" and led.lemma_.lower() == "lead"
        for c in led.children
        if c.dep_ in ("npadvmod", "compound", "nmod", "amod")
        for m in mentions_of(c)
    ]


def supported_agents(event: Token) -> list[Span]:
    """Whom supporting an event supports: 'in support of the coalition campaign', 'support for ISF operations'."""
    return event_agents(event) or (
        [c._.mention for c in event.children if c.dep_ in ("compound", "nmod") and c._.mention is not None]
        if load_lexicon().noun_sense(event.lemma_) is not None
        else []
    )
