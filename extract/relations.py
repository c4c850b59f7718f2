"""The ``newsgraph_relations`` component: interactions between actor mentions, from the parse.

Two extractors read each sentence's dependency tree (``.v2``: the rules below; ``.v1`` was the
backbone's subject–verb–object, prepositional, passive, light-verb and nominal rules):

* ``newsgraph.VerbEvents.v2``: a verb with actor arguments: subject–verb–object, prepositional
  objects ("met with X"), passives ("was criticised by X"), light verbs with an event noun
  ("extended his appreciation to X"), the implicit subject of a participle, gerund or
  infinitive clause, an actor inside an object phrase ("rejected an Indian proposal"), the
  partner of a framing interaction ("In a call with X, Y expressed his intention to deepen
  cooperation"), reciprocal events ("X and Y agreed", "X met Y"), and demands made in reported
  speech ("X said Y must...", "X demanded that Y...", "X issued a statement demanding that Y...",
  "X reiterated its demand that Y..."). Targets also come from where a construction puts them:
  a threat's condition ("threatened to stop the talks if X..."), a non-actor object ("threatened
  action against X"), a protest's grievance ("in protest against abuses by X", "calling for the
  removal of X"), a judged event's agent ("condemned X's attacks", "banned the rally organised
  by X"), the source of a withdrawal ("withdrew its inspectors from X"), the aim of a
  mobilisation ("for a war against X"), the cause of a feeling ("was appalled by X's attacks") and
  who acts in judged news ("welcomed the news that X had ..."). Particle verbs are looked up with
  their particle ("cracked down on X"); "shoulder to shoulder", "side by side" are manners of the
  verb before them. One meets people and discusses topics: an actor inside a meeting's object
  phrase ("discussed UK-France trade") or inside a prepositional phrase on a thing ("with the
  knowledge of X") is no party. What an "if" or "unless" clause names has not happened.
* ``newsgraph.NominalEvents.v2``: an event noun or adjective ("in a call with X", "X's
  congratulatory remarks", "support for X", "attacks by X on Y", "an agreement between X and
  Y"), whose subject is its possessor, its agent, a name modifying it, or the subject of the
  clause it modifies; a supporting act's helped party carries out the aim it is helped in
  ("stood by Iraq to defeat X", "supported Y in its fight against X"), an aim noun's possessor
  its infinitive ("the UK's commitment to defeating X"); a judged event noun is an event of its
  own ("condemned X's attacks on Y"); judgement nouns name their target with "of" ("its
  condemnation of X"), support nouns their giver with "from".

Conjoined arguments give one relation each. One event is coded per construction: what a demand
asks for, what an actor is pressed to do, the reason or purpose of another act ("for its support
of X", "for an offensive against X") are its content, not events of their own; "on" names the
topic of a cooperative event ("talks on X"); a meeting is coded by its purpose ("summoned the
ambassador to complain"). Event categories come from the lexicon, with CAMEO's
coding conventions applied on top: a governing verb of threat, refusal, demand or promise gives
the category ("threatened to ban" → THREATEN), but a promise of force threatens ("pledged to
attack"); an announced cooperative act is AGREE, an announced hostile one or an ultimatum
THREATEN. A relation between actors whose words the lexicon does not know keeps
``event_type=None``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from lemminflect import getInflection, getLemma
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extract.lexicon import Lexicon, Sense, lexicon_dir, load_lexicon, word_class
from extract.qualifiers import SPEECH_VERBS, modality, negated

if not Doc.has_extension("relations"):
    Doc.set_extension("relations", default=None)

VERB_EVENTS = "newsgraph.VerbEvents.v2"
NOMINAL_EVENTS = "newsgraph.NominalEvents.v2"

SUBJECTS = ("nsubj", "csubj")
# Prepositions that introduce the other party of an interaction.
PARTY_PREPOSITIONS = ("with", "to", "against", "between", "toward", "towards", "on", "upon", "at", "for", "from", "over",
                      "by")
NOMINAL_PREPOSITIONS = ("with", "to", "against", "between", "toward", "towards", "on")
# "leaders from Cuba", "nations like Egypt", "the government of Iraq": the actor is inside.
INNER_PREPOSITIONS = ("of", "from", "like", "including")
PARTICLES = ("out", "off", "down", "up", "away", "back", "over")
# "the town of X", "the province of X": a place named by its "of" phrase.
PLACES = word_class("place")
# Verbs of aspect, which carry the act their object names: "sped up the withdrawal", "began the pullout".
ASPECTUAL = word_class("aspectual")
# "a team of inspectors", "a mission of observers": a group of people is what it is made of.
GROUPS = word_class("group")
# "a number of ministers", "a range of organisations": a quantity stands for what it counts.
QUANTITIES = word_class("quantity")


# Categories a governing verb imposes on the event it embeds ("threatened to ban").
GOVERNING = {"THREATEN", "REJECT", "DEMAND", "AGREE"}
COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "AGREE"}
HOSTILE = {"FIGHT", "ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"}
# Categories whose event nouns name their target with "for" or "of" ("support for X", "annexation of X").
TARGET_OF = {"SUPPORT", "AID", "COOPERATE", "FIGHT", "ASSAULT", "COERCE", "SANCTION"}
# Categories whose event nouns name their target with "of" as judged ("its condemnation of X's policies").
JUDGED_OF = {"DISAPPROVE"}
# Categories whose event nouns name their giver with "from" ("support from X", "aid from X").
GIVEN_FROM = {"SUPPORT", "AID"}
# Categories of violent events, whose nouns take the place they strike as target ("attacks in X").
VIOLENT = {"FIGHT", "ASSAULT"}
# Categories of events that help a party in its own aim ("stood by Iraq to defeat X").
HELPING = {"SUPPORT", "AID", "COOPERATE"}
# Prepositions of a phrase naming what the clause's subject itself does ("in a call with X, Y said");
# not "defended X against criticism", "amid protests": the criticism and the protests are others'.
PRACTICE_SUFFIXES = ("ism", "ity", "ence", "ness")
SINCE = ("since", "until", "till", "before")  # an event named as the time another is measured from or to
FRAMING = ("in", "during", "at", "with", "through", "after", "by", "via", "throughout")
# Categories of verbs that withhold or refuse what their object noun names.
DENIALS = {"REJECT", "COERCE", "SANCTION", "PROTEST", "THREATEN"}
# Categories whose target may be a place ("imposed a curfew in X").
PLACE_TARGETED = {"COERCE", "CONCEDE", "SANCTION", "RETREAT", "MOBILIZE", "AID"}
# Categories of what a statement does ("issued a declaration demanding/condemning/rejecting...").
SPEECH_ACTS = {"DEMAND", "DISAPPROVE", "REJECT", "THREATEN"}
# Categories of verbs that judge the event their object names ("condemned X's attacks": X is the target).
JUDGEMENTS = {"DISAPPROVE", "SUPPORT", "REJECT"}
# Categories of verbs whose object carries out their infinitive: "urged X to withdraw", "forced X to leave".
OBJECT_CONTROL = {"DEMAND", "COERCE"}
SPEECH = word_class("declaring")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A relation before it is turned into a record: spans and tokens of the parse."""

    subject: Span
    object: Span
    predicate: str
    sense: Sense | None
    trigger: list[Token]
    extractor: str
    confidence: float
    head: Token


def _compound(noun: Token) -> str:
    """'hunger strike' for the head of that compound, else ''."""
    words = [c.lower_ for c in noun.lefts if c.dep_ == "compound"]
    return " ".join([*words, noun.lower_]) if words else ""


@cache
def load_reciprocal() -> frozenset[str]:
    """Verbs and nouns of mutual events, from ``ontologies/lexicon/reciprocal.txt``."""
    lines = (lexicon_dir() / "reciprocal.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@cache
def load_experiencers() -> frozenset[str]:
    """Object-experiencer verbs ('appal', 'shock'), from ``ontologies/lexicon/experiencers.txt``."""
    lines = (lexicon_dir() / "experiencers.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def past(lemma: str) -> str:
    """The past tense a predicate is named by: ``call`` → ``called``, ``crack down`` → ``cracked down``."""
    verb, _, particle = lemma.partition(" ")
    forms = getInflection(verb, "VBD")
    return " ".join(filter(None, (forms[0] if forms else verb, particle)))


class RelationsComponent:
    def __init__(self, nlp: Language, name: str, max_sentence_tokens: int) -> None:
        self.name = name
        self.max_sentence_tokens = max_sentence_tokens
        self.lexicon: Lexicon = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        found: list[Candidate] = []
        for sent in doc.sents:
            if len(sent) > self.max_sentence_tokens:
                continue  # pathological "sentences" (tables, lists) are not parsed for events
            for token in sent:
                if token.pos_ == "VERB":
                    self.repair_lemma(token)
            for token in sent:
                if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "prep"):
                    found.extend(self.verb_events(token))
                if token.pos_ in ("NOUN", "PROPN") and token._.mention is None:
                    found.extend(self.nominal_events(token))
        doc._.relations = _prefer_main_clause(_deduplicate(found))
        return doc

    # -- arguments ------------------------------------------------------------------------
    def actors(self, token: Token, depth: int = 0, inner: bool = False, agent: bool = False) -> list[Span]:
        """The actor mentions an argument head stands for, one per conjunct.

        With ``inner``, an object phrase that names no actor stands for the actor that modifies
        it: "rejected an Indian proposal", "a US offer", "calls by Belarus's rulers". With
        ``agent``, a subject headed by a common noun stands for the named group modifying it:
        "the al-Qaeda network threatened", "its European Community partners refused".
        """
        spans: list[Span] = []
        for t in [token, *token.conjuncts, *listed(token)]:
            if t._.mention is not None:
                spans.append(t._.mention)
                # "Kerry and Ash Carter will host": a first conjunct misparsed as a modifier of the second
                spans.extend(c._.mention for c in t.lefts if c.dep_ in ("nmod", "compound") and c._.mention is not None
                             and c._.mention.start != t._.mention.start and any(x.dep_ == "cc" for x in c.children))
            elif (inner or self.lexicon.sector(t.lemma_) is not None) and t.pos_ == "NOUN" and (
                    found := self.modifiers(t)):
                # "Turkish and Greek sides", "Hezbollah guerrillas": the modifiers are the actors
                spans.extend(found)
            elif agent and (named := self.named_group(t)):
                spans.extend(named)  # "the al-Qaeda network", "the Turkish and Greek sides"
            elif depth < 2 and t.pos_ in ("NOUN", "PROPN"):
                # "leaders from Cuba", "Putin's administration", "nations like Egypt"
                collective = self.lexicon.sector(t.lemma_) is not None
                for child in t.children:
                    if child.dep_ == "poss" and child._.mention is not None and collective:
                        spans.append(child._.mention)
                    elif child.dep_ == "prep" and child.lower_ in INNER_PREPOSITIONS:
                        for pobj in child.children:
                            if pobj.dep_ == "pobj":
                                spans.extend(self.actors(pobj, depth + 1))
        unique: dict[int, Span] = {}
        for span in spans:
            unique.setdefault(span.start, span)
        return list(unique.values())

    def named_group(self, noun: Token) -> list[Span]:
        """The groups a common noun that is no event is named by: names before it, else demonyms.

        'the al-Qaeda terror network', 'its European Community partners', 'the Turkish and Greek sides'.
        """
        if noun.pos_ != "NOUN" or self.lexicon.noun_sense(noun.lemma_) is not None:
            return []
        names = [c._.mention for c in noun.children
                 if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c._.mention is not None]
        return names or [m for c in noun.children if c.dep_ == "amod" and c.pos_ in ("ADJ", "PROPN")
                         for m in (c._.mention, *(x._.mention for x in c.conjuncts)) if m is not None]

    def named(self, owners: list[Span], noun: Token) -> list[Span]:
        """'The UK remains steadfast in its support of X': a possessive pronoun is written as the
        clause subject it stands for, when that subject is the same actor."""
        if not any(o.root.pos_ == "PRON" for o in owners):
            return owners
        clause = {s._.actor.key: s for s in self.clause_subjects(noun) if s.root.pos_ != "PRON"} if \
            noun.dep_ in ("pobj", "dobj") else {}
        return [clause.get(o._.actor.key, o) if o.root.pos_ == "PRON" else o for o in owners]

    def event_agents(self, noun: Token) -> list[Span]:
        """Who carried out an event noun: 'ISIL's attacks', 'attacks claimed by Daesh', 'attacks by X'."""
        if noun.pos_ != "NOUN" or self.lexicon.noun_sense(noun.lemma_) is None:
            return []
        found = [a for c in noun.children if c.dep_ == "poss"
                 for a in ([c._.mention] if c._.mention is not None else self.actors(c, agent=True))]
        for child in noun.children:
            holders = [child] if child.dep_ == "prep" and child.lower_ == "by" else \
                [c for c in child.children if c.dep_ == "agent"] if child.dep_ == "acl" else []
            found.extend(a for h in holders for p in h.children if p.dep_ == "pobj" for a in self.actors(p))
        return found

    def modifiers(self, noun: Token) -> list[Span]:
        """Actors that modify a noun: demonyms and names before it, its possessor, 'by X'."""
        found = [m for c in noun.children if c.dep_ in ("amod", "compound", "nmod", "poss")
                 for m in (c._.mention, *(x._.mention for x in c.conjuncts)) if m is not None]
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                found.extend(m for p in child.children if p.dep_ == "pobj"
                             for m in (p._.mention, *(x._.mention for x in p.conjuncts)) if m is not None)
        return found

    def subjects(self, verb: Token) -> list[Span]:
        """Explicit subjects, else the subject of the clause a participle or gerund hangs on."""
        seen = 0
        while verb is not None and seen < 4:
            for child in verb.children:
                if child.dep_ in SUBJECTS and child.tag_ in ("VBG", "VBN") and (
                        inner := next((c for c in child.children if c.dep_ in SUBJECTS), None)) is not None:
                    child = inner  # "The Red Cross operating in Iraq said", parsed with the participle as subject
                if child.dep_ in SUBJECTS or (seen and child.dep_ == "nsubjpass"):
                    # a passive controller acts in the clause it governs: "X is committed to defeating Y"
                    found = self.actors(child, agent=True) or self.event_agents(child)
                    if not found or child.pos_ == "PRON":
                        # "Syria says it is willing": the speaker, written as named; "it" if unresolved
                        speakers = {a._.actor.key: a for a in self.speaker(child)}
                        found = [speakers.get(a._.actor.key, a) for a in found] or list(speakers.values())
                    # "Secretary Blinken and Secretary Austin will host": conjoined names parsed as two subjects
                    found += [a for c in verb.children if c.dep_ == child.dep_ and c.i > child.i and c.pos_ == "PROPN"
                              and child.pos_ == "PROPN" for a in self.actors(c) if a not in found]
                    return found
                if child.dep_ == "agent":  # passive: "was criticised by X" – X acts
                    return [a for pobj in child.children for a in self.actors(pobj)]
            if verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
                # "his intention to deepen ...": the possessor of the noun is the subject
                owners = [c._.mention for c in verb.head.children if c.dep_ == "poss" and c._.mention is not None]
                owners = owners or [c._.mention for c in verb.head.children
                                    if c.dep_ in ("compound", "nmod") and c._.mention is not None]
                if owners:
                    return self.named(owners, verb.head)  # "the Coalition efforts to defeat X"
                if verb.tag_ == "VBG" and verb.head.dep_ == "dobj" and verb.head._.mention is None and \
                        self.lexicon.sector(verb.head.lemma_) is None and self.speech_act(verb):
                    # "X issued a statement demanding...": the statement speaks for whoever issued it
                    verb, seen = verb.head.head, seen + 1
                    continue
            if verb.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acomp", "relcl") or (
                verb.dep_ == "pobj" and verb.head.dep_ == "prep"
            ):
                head = verb.head
                if head.dep_ == "prep":
                    head = head.head
                if verb.dep_ == "relcl" and any(c.dep_ == "nsubjpass" or c.tag_ == "WRB" for c in verb.children):
                    return []  # "the town where 28 people were killed", "a man who was arrested": no agent
                if verb.dep_ == "relcl" and head._.mention is not None:
                    return [head._.mention]
                if verb.dep_ == "relcl" and (agents := self.event_agents(head)):
                    return agents  # "ISIL's attacks, which killed X": ISIL killed X
                verb, seen = head, seen + 1
                continue
            if verb.dep_ == "prep":
                verb, seen = verb.head, seen + 1
                continue
            return []
        return []

    def speaker(self, pronoun: Token) -> list[Span]:
        """'Syria says it is willing to...': an unresolved pronoun subject of reported speech is the speaker."""
        if pronoun.pos_ != "PRON" or pronoun.lower_ not in ("it", "they", "he", "she"):
            return []
        clause = pronoun.head
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in SPEECH | SPEECH_VERBS:
            return []
        return [a for c in clause.head.children if c.dep_ == "nsubj" for a in self.actors(c)]

    def targeted_event(self, noun: Token) -> bool:
        """'UK support for Iraq', 'US aid to Kyiv': an event noun naming its own target."""
        return noun._.mention is None and self.lexicon.noun_sense(noun.lemma_) is not None and any(
            p.dep_ == "prep" and p.lower_ in ("for", "to", "against", "with", "toward", "towards")
            and any(o.dep_ == "pobj" and self.actors(o) for o in p.children) for p in noun.children)

    def speech_act(self, verb: Token) -> bool:
        """'demanding', 'condemning', 'rejecting', 'threatening': what a statement can do."""
        sense = self.lexicon.sense(verb.lemma_.lower())
        return sense is not None and sense.category in SPEECH_ACTS

    def judges(self, verb: Token, noun: Token) -> bool:
        """'condemned the attacks', 'welcomed the offensive': a verb of judgement on an event noun."""
        own = self.lexicon.patterns.get((verb.lemma_.lower(), "-"))
        return own is not None and own.category in JUDGEMENTS and self.lexicon.noun_sense(noun.lemma_) is not None

    def requested(self, verb: Token) -> bool:
        """'pressed X to halt', 'forced X to leave': what an actor is asked or made to do.

        It is the content of the request (coded as the request), not an event of its own.
        """
        head = verb.head
        sense = self.lexicon.sense(head.lemma_.lower())
        # "press the rebels to cease airstrikes" is often parsed with the infinitive as an adverbial clause
        infinitive = verb.dep_ == "xcomp" or verb.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)
        return infinitive and sense is not None and sense.category in OBJECT_CONTROL and any(
            c.dep_ == "dobj" and self.actors(c) for c in head.children)

    # -- verbs ----------------------------------------------------------------------------
    def verb_events(self, verb: Token) -> list[Candidate]:
        lex = self.lexicon
        lemma = self.phrasal(verb)
        if self.requested(verb) or idiom_tail(verb) or condition(verb):
            return []
        if lemma in load_experiencers():
            return self.felt(verb)
        # In a passive, subjects() returns the agent and the grammatical subject is an object.
        subjects = self.subjects(verb) or self.aim_holders(verb)
        subjects += [h for h in self.helped(verb) if h._.actor.key not in {s._.actor.key for s in subjects}]
        if not subjects:
            return []
        # the verb's sense from its object nouns and phrases ("defended X against criticism")
        clause = lex.clause_sense(lemma, [n.lemma_ for c in verb.children if c.dep_ == "dobj" for n in counted(c)],
                                  [(c.lower_, o.lemma_) for c in verb.children if c.dep_ == "prep"
                                   for o in c.children if o.dep_ == "pobj"])
        objects: list[tuple[Span, Sense | None, str, list[Token], float]] = []
        tails = [t for c in verb.children for t in (c, *c.children) if idiom_tail(t)]
        arguments = [*verb.children, *(c for t in tails for c in t.children)]
        for child in arguments:  # "stood shoulder to shoulder with X": X is the verb's
            if child.dep_ in ("dobj", "dative", "nsubjpass") and child.pos_ != "ADP":
                start = len(objects)
                sense = lex.sense(lemma, f"obj:{child.lemma_.lower()}") or clause or self.aspect_of(verb, child)
                # an actor inside the object phrase counts only for an event ("rejected an Indian proposal")
                # ... unless that phrase is an event with its own target: "reiterated UK support for X"
                inner = child.dep_ == "dobj" and sense is not None and not self.targeted_event(child)
                for actor in self.actors(child, inner=inner):
                    if sense is not None and sense.category == "CONSULT" and \
                            actor.root not in (child, *child.conjuncts) and lex.sector(child.lemma_) is None \
                            and child.lemma_.lower() not in QUANTITIES | PLACES:
                        continue  # one meets people, visits places and discusses topics: "discussed UK-France trade"
                    objects.append((actor, sense, past(lemma), [verb], 0.8 if actor.root == child else 0.6))
                if child.dep_ == "dobj" and child._.mention is None:
                    objects.extend(self.light_verb(verb, child))
                    if len(objects) == start and sense is not None:
                        # "condemned X's attacks", "prevented the demonstration staged by X": X is the target
                        objects.extend((a, sense, past(lemma), [verb], 0.6) for a in self.event_agents(child))
            elif child.dep_ in ("prep", "dative") and child.lower_ in PARTY_PREPOSITIONS:  # "gave arms to X"
                sense = lex.sense(lemma, f"prep:{child.lower_}")
                if sense is None and (child.lower_ in ("with", "between", "against", "to", "from", "toward",
                                                       "towards", "at") or " " in lemma):  # "cracked down on X"
                    sense = clause
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        for actor in self.actors(pobj, inner=sense is not None):
                            if not self.stands_for(pobj, actor):
                                continue  # "beat detainees with the knowledge of X": a manner, not a party
                            objects.append((actor, sense, f"{past(lemma)} {child.lower_}", [verb, child], 0.75))
        if (sense := lex.sense(lemma)) is not None and sense.category in ("RETREAT", "CONCEDE") and any(
                o[2].endswith(" from") for o in objects):
            # "withdrew its inspectors from X": what is withdrawn is the subject's own, X is the party
            objects = [o for o in objects if o[2].endswith(" from")]
        if sense is not None and sense.category == "MOBILIZE" and (aims := self.purpose_targets(verb)):
            # "mobilized army reservists for a war against X": the forces are the subject's own, X the target
            objects = [(a, sense, f"{past(lemma)} against", [verb], 0.55) for a in aims]
        if not objects and (sense := clause) is not None and sense.category in PLACE_TARGETED:
            # "imposed a curfew in Cizre", "lifted the blockade of Gaza": the place is the target
            objects = [(a, sense, f"{past(lemma)} in", [verb], 0.5) for a in self.places(verb)]
        if not objects and (sense := lex.sense(lemma)) is not None:
            # "threatened further action against X", "launched attacks on X": the target is the object's
            objects = [(a, sense, f"{past(lemma)} {prep.lower_}", [verb, prep], 0.6)
                       for prep, a in self.object_targets(verb)]
        if not objects and (sense := lex.sense(lemma)) is not None and sense.category in JUDGEMENTS:
            # "welcomed the news that X had retaken the city": X is judged
            objects = [(a, sense, past(lemma), [verb], 0.55) for a in self.reported_subjects(verb)]
        if not objects and lex.sense(lemma) is not None:
            # "In a call with X, Putin expressed his intention to deepen cooperation": X is the partner.
            objects = [(a, lex.sense(lemma), past(lemma), [verb], 0.55) for a in self.partners(verb)]
        if not objects and (protest := self.protest_sense(verb)) is not None:
            # "rioted calling for the removal of X", "a strike in protest against abuses by X": X is the target
            objects = [(a, protest, past(lemma), [verb], 0.55) for a in self.grievance_targets(verb)]
        governor = self.governor(verb)
        if not objects and (governor is not None and governor[0].category == "THREATEN" or self.conditional(verb)):
            # "threatened to stop the talks if X goes ahead": the threat is made to X
            objects = [(a, lex.sense(lemma), past(lemma), [verb], 0.55) for a in self.condition_subjects(verb)]
        defiant = governor[0] if governor is not None else lex.sense(lemma)
        if not objects and defiant is not None and defiant.category in ("REJECT", "PROTEST"):
            # "declined to resign despite pressure by X", "marched in defiance of X": X is refused
            objects = [(a, defiant, past(lemma), [verb], 0.5) for a in self.defied(verb)]
        if lemma in load_reciprocal() and len(subjects) == 1:
            # "X met Y": Y met X too
            mutual = [(subjects[0], sense, predicate, trigger, confidence * 0.9)
                      for _, sense, predicate, trigger, confidence in objects]
            extra = [(o[0], m) for o, m in zip(objects, mutual) if o[0]._.actor.key != subjects[0]._.actor.key]
        else:
            extra = []
        if not any(o[0].start not in {s.start for s in subjects} for o in objects) and len(subjects) > 1 and \
                not self.passive_on_thing(verb) and self.mutual(verb):
            # "X and Y agreed", "X and Y signed a treaty": a reciprocal event between the conjoined subjects.
            sense = clause
            objects = [(s, sense, past(lemma), [verb], 0.6) for s in subjects]
        out = []
        for subject in subjects:
            for obj, sense, predicate, trigger, confidence in objects:
                if obj.start == subject.start or obj._.actor.key == subject._.actor.key:
                    continue
                if governor is not None:
                    # "threatened to halt": the embedded verb keeps its base form
                    ruling = governor[0]
                    if ruling.category == "AGREE" and sense is not None and sense.category in HOSTILE:
                        ruling = Sense("130", "THREATEN", ruling.mode)  # "pledged to attack X" threatens X
                    sense, predicate, trigger = ruling, f"{governed(governor[1])} to {infinitive(predicate)}", [
                        governor[1], *trigger]
                else:
                    sense = self.by_modality(verb, self.purposed(verb, sense))
                out.append(Candidate(subject, obj, predicate, sense, trigger, VERB_EVENTS,
                                     confidence if sense else 0.5, verb))
        for other, (obj, sense, predicate, trigger, confidence) in extra:
            # "X will meet Y": only X has agreed; "X met Y to protest": only X protests
            if governor is None and modality(verb) != "intended" and self.purposed(verb, sense) is sense:
                out.append(Candidate(other, obj, predicate, self.by_modality(verb, sense), trigger, VERB_EVENTS,
                                     confidence if sense else 0.5, verb))
        out.extend(self.demands(verb, subjects))
        return out

    def stands_for(self, head: Token, actor: Span) -> bool:
        """Whether an argument head stands for an actor found in its phrase: the actor itself, or one
        inside an event ('attacks by X'), a group ('leaders of X'), a quantity ('a number of X') or a
        place that is X ('the town of X'), or its possessor ('from Assad's cruelty')."""
        return actor.root in (head, *head.conjuncts) or head.pos_ != "NOUN" or (
            actor.root.dep_ == "poss" and actor.root.head in (head, *head.conjuncts)) or any(
            self.lexicon.noun_sense(t.lemma_) is not None or self.lexicon.sector(t.lemma_) is not None
            or t.lemma_.lower() in QUANTITIES | PLACES for t in (head, *head.conjuncts))

    def aspect_of(self, verb: Token, noun: Token) -> Sense | None:
        """'sped up the withdrawal of its forces', 'completed the pullout': a verb of aspect carries
        the act its event-noun object names, with that noun's own objects."""
        event = self.lexicon.verb_of(noun.lemma_) if noun.pos_ == "NOUN" and noun._.mention is None else None
        if event is None or verb.lemma_.lower() not in ASPECTUAL or self.lexicon.sense(verb.lemma_) is not None:
            return None
        inner = [n.lemma_ for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                 for n in p.children if n.dep_ == "pobj"]
        return self.lexicon.clause_sense(event, inner)

    def reported_subjects(self, verb: Token) -> list[Span]:
        """Who acts in what a non-actor object reports: 'the news that X had ...', 'reports that X ...'."""
        return [a for obj in verb.children if obj.dep_ == "dobj" and obj._.mention is None
                for clause in obj.children if clause.dep_ in ("acl", "ccomp")
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
                for c in clause.children if c.dep_ == "nsubj" for a in self.actors(c)]

    def felt(self, verb: Token) -> list[Candidate]:
        """'X is appalled by Y's attacks', 'Y's attacks appalled X': X judges Y, the agent of the event
        that appals, or Y itself."""
        sense = self.lexicon.sense(verb.lemma_.lower())
        feeling = [a for c in verb.children if c.dep_ == "nsubjpass" for a in self.actors(c)]
        causes = [p for g in verb.children if g.dep_ == "agent" for p in g.children if p.dep_ == "pobj"]
        if not feeling:  # active: the object feels, the subject is the cause
            feeling = [a for c in verb.children if c.dep_ == "dobj" for a in self.actors(c)]
            causes = [c for c in verb.children if c.dep_ == "nsubj"]
        if sense is None or not feeling:
            return []
        causes = [a for p in causes for a in (self.actors(p) or self.event_agents(p))]
        return [Candidate(s, c, f"{past(verb.lemma_.lower())} by", sense, [verb], VERB_EVENTS, 0.6, verb)
                for s in feeling for c in causes if s._.actor.key != c._.actor.key]

    def repair_lemma(self, verb: Token) -> None:
        """'staged' → 'stage', not spaCy's 'stag': where the lexicon knows lemminflect's lemma of a
        verb and not spaCy's, lemminflect's is the verb's."""
        if self.lexicon.knows(verb.lemma_):
            return
        forms = getLemma(verb.lower_, upos="VERB")
        if forms and forms[0] != verb.lemma_.lower() and self.lexicon.knows(forms[0]):
            verb.lemma_ = forms[0]

    def phrasal(self, verb: Token) -> str:
        """The lemma a verb is looked up by: with its particle where the lexicon has the particle
        verb ('cracked down' → 'crack down', 'called off' → 'call off'), else alone."""
        lemma = verb.lemma_.lower()
        # "pushed ISIL out of Kobane": a particle with no object of its own may be parsed as a preposition
        particles = [c.lower_ for c in verb.children if c.dep_ == "prt" or c.dep_ == "prep" and c.lower_ in PARTICLES
                     and not any(o.dep_ == "pobj" for o in c.children)]
        return next((f"{lemma} {p}" for p in particles if (lemma, f"prep:{p}") in self.lexicon.patterns), lemma)

    def places(self, verb: Token) -> list[Span]:
        """Places named by 'in'/'of' phrases on a verb or its object."""
        holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        return [a for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in ("in", "of", "on")
                for o in p.children if o.dep_ == "pobj" for a in self.actors(o) if a._.actor.type == "GPE"]

    def mutual(self, verb: Token, depth: int = 0) -> bool:
        """A verb whose conjoined subjects act on each other: 'X and Y met', 'X and Y signed a
        treaty', 'X and Y failed to reach an agreement'; not 'X and Y voted', 'X and Y said'."""
        reciprocal = load_reciprocal()
        return verb.lemma_.lower() in reciprocal or any(
            c.dep_ == "dobj" and (c.lemma_.lower() in reciprocal or c.lower_ in reciprocal)
            or depth < 2 and c.dep_ == "xcomp" and self.mutual(c, depth + 1) for c in verb.children)

    @staticmethod
    def passive_on_thing(verb: Token) -> bool:
        """A passive whose patient is not one of its agents: 'the channel disputed by X and Y'."""
        return any(c.dep_ == "nsubjpass" for c in verb.children) or (
            verb.dep_ in ("acl", "relcl") and any(c.dep_ == "agent" for c in verb.children))

    def object_targets(self, verb: Token) -> list[tuple[Token, Span]]:
        """Actors a non-actor direct object is aimed at: 'action against X', 'blows to X'."""
        return [(prep, a) for obj in verb.children if obj.dep_ == "dobj" and obj._.mention is None
                for prep in obj.children if prep.dep_ == "prep" and prep.lower_ in ("against", "on", "upon", "to",
                                                                                   "toward", "towards")
                and not _topic(prep, self.lexicon.noun_sense(obj.lemma_) or self.lexicon.sense(verb.lemma_.lower()))
                for pobj in prep.children if pobj.dep_ == "pobj" for a in self.actors(pobj)]

    def protest_sense(self, verb: Token) -> Sense | None:
        """The PROTEST sense of a verb, of its object ('staged a hunger strike') or of an 'in protest' phrase."""
        lex = self.lexicon
        senses = [lex.sense(verb.lemma_.lower())]
        senses += [lex.sense(verb.lemma_.lower(), f"obj:{c.lemma_.lower()}") or lex.noun_sense(_compound(c))
                   or lex.noun_sense(c.lemma_) for c in verb.children if c.dep_ == "dobj"]
        senses += [lex.noun_sense(p.lemma_) for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"
                   for p in c.children if p.dep_ == "pobj"]
        return next((s for s in senses if s is not None and s.category == "PROTEST"), None)

    def grievance_targets(self, head: Token, depth: int = 0) -> list[Span]:
        """Whom a protest is aimed at: the actor in what it is against, over or calls for.

        'against the abuses by X', 'in protest of X's policies', 'calling for the removal of X',
        'to show their disapproval of X'. An event noun stands for its agent ('abuses by X').
        """
        found: list[Span] = []
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("against", "over", "at", "of", "for"):
                if child.lower_ in ("of", "for") and depth == 0 and head.pos_ in ("VERB", "AUX"):
                    continue  # "converged for a rally": only nouns of protest name a grievance with of/for
                found += [a for p in child.children if p.dep_ == "pobj" for a in self.grieved(p)]
            elif child.dep_ == "prep" and child.lower_ == "in" and depth < 2:
                found += [a for p in child.children if p.dep_ == "pobj" and self.lexicon.noun_sense(p.lemma_)
                          for a in self.grievance_targets(p, depth + 1)]  # "in protest against X"
            elif child.dep_ in ("dobj", "pobj") and depth and child.pos_ == "NOUN":
                found += self.grieved(child)
            elif child.dep_ in ("acl", "advcl", "xcomp") and depth < 2 and (
                    (s := self.lexicon.sense(child.lemma_.lower(), "prep:for") or self.lexicon.sense(child.lemma_.lower()))
                    is not None and s.category in ("DEMAND", "DISAPPROVE", "PROTEST", "REJECT")):
                found += self.grievance_targets(child, depth + 1)  # "calling for", "demanding", "to denounce"
            elif depth == 0 and (child.dep_ == "dobj" or child.dep_ == "prep" and child.lower_ in (
                    "following", "during", "after")):
                found += [a for n in ([child] if child.dep_ == "dobj" else [p for p in child.children if p.dep_ in ("pobj", "dobj")])
                          if (ns := self.lexicon.noun_sense(n.lemma_)) is not None and ns.category == "PROTEST"
                          for a in self.grievance_targets(n, depth + 1)]  # "staged a strike against X"
        return list({a.start: a for a in found}.values())

    def grieved(self, noun: Token) -> list[Span]:
        """The actor a grievance names: itself, 'X's policies', 'abuses by X', 'the removal of X'."""
        return self.actors(noun) or self.modifiers(noun) or [
            a for c in noun.children if c.dep_ == "acl" for g in c.children if g.dep_ == "agent"
            for p in g.children if p.dep_ == "pobj" for a in self.actors(p)]  # "taxes imposed by X"

    def purposed(self, verb: Token, sense: Sense | None) -> Sense | None:
        """'summoned the ambassador to complain', 'met X to demand': a meeting is coded by its purpose."""
        if sense is None or sense.category != "CONSULT":
            return sense
        for clause in verb.children:
            if clause.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children):
                aim = self.lexicon.sense(clause.lemma_.lower())
                if aim is not None and aim.category in SPEECH_ACTS | {"PROTEST"}:
                    return aim
        return sense

    def defied(self, verb: Token) -> list[Span]:
        """Whom a refusal or protest defies: 'despite pressure by X', 'in defiance of X'."""
        found: list[Span] = []
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("despite", "in"):
                continue
            for noun in prep.children:
                if noun.dep_ != "pobj" or (prep.lower_ == "in" and noun.lemma_.lower() != "defiance"):
                    continue
                found += self.event_agents(noun) or [a for p in noun.children if p.dep_ == "prep" and p.lower_ in (
                    "of", "from", "by") for o in p.children if o.dep_ == "pobj" for a in self.actors(o)]
        return found

    def purpose_targets(self, verb: Token) -> list[Span]:
        """The party of the event a verb is done for: 'for a war against X', 'for an offensive on X'."""
        return [a for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "for"
                for event in prep.children if event.dep_ == "pobj" and event._.mention is None
                for party in event.children if party.dep_ == "prep" and party.lower_ in ("against", "on")
                for p in party.children if p.dep_ == "pobj" for a in self.actors(p)]

    def condition_subjects(self, verb: Token) -> list[Span]:
        """Who a threat or ultimatum is made to: the subject of its 'if' or 'unless' clause."""
        t = verb
        for _ in range(3):
            for clause in t.children:
                if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                                  for m in clause.children):
                    return [a for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") for a in self.actors(c)]
            if t.dep_ not in ("xcomp", "ccomp", "conj"):
                return []
            t = t.head
        return []

    def partners(self, verb: Token) -> list[Span]:
        """The other party of the interaction a clause is framed by ('in a call with X', 'in talks with X')."""
        t = verb
        for _ in range(4):
            for prep in t.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("in", "during", "at", "after"):
                    continue
                for event in prep.children:
                    if event.dep_ == "pobj" and self.lexicon.noun_sense(event.lemma_) is not None:
                        return [a for p in event.children if p.dep_ == "prep" and p.lower_ in ("with", "between")
                                for o in p.children if o.dep_ == "pobj" for a in self.actors(o)]
            if t.dep_ in ("ROOT",) or t.head == t:
                return []
            t = t.head
        return []

    def governor(self, verb: Token) -> tuple[Sense, Token] | None:
        """'threatened to ban', 'refused to deploy', 'offered to negotiate': the governing verb's sense.

        CAMEO codes an event embedded under a verb of threat, refusal, demand or promise by the
        governing verb, so its category wins over the embedded one.
        """
        t = verb
        for _ in range(3):
            if t.dep_ != "xcomp" or t.head.pos_ not in ("VERB", "AUX", "ADJ"):
                return None
            t = t.head
            sense = self.lexicon.sense(t.lemma_.lower())
            if sense is not None and sense.category in GOVERNING:
                return sense, t
        return None

    def by_modality(self, verb: Token, sense: Sense | None) -> Sense | None:
        """An announced cooperative act is an AGREE (CAMEO 03), an announced hostile one a THREATEN (13)."""
        if sense is None:
            return sense
        if sense.category in COOPERATIVE | HOSTILE and self.conditional(verb):
            return Sense("130", "THREATEN", sense.mode)  # "will withdraw unless X...": an ultimatum
        if modality(verb) != "intended":
            return sense
        if negated(verb):
            return Sense(sense.cameo, "REJECT", sense.mode)
        if sense.category in COOPERATIVE:
            return Sense("030", "AGREE", sense.mode)
        if sense.category in HOSTILE:
            return Sense("130", "THREATEN", sense.mode)
        return sense

    @staticmethod
    def conditional(verb: Token) -> bool:
        """An intended act made to depend on another's: 'will withdraw unless Y arranges a ceasefire'."""
        t = verb
        for _ in range(3):
            if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
                   for c in t.children):
                return modality(verb) == "intended"
            if t.dep_ not in ("xcomp", "ccomp", "conj"):
                return False
            t = t.head
        return False

    def demands(self, verb: Token, embedded_subjects: list[Span]) -> list[Candidate]:
        """'X said Y must return it', 'X demanded that Y leave': X makes a demand of Y."""
        if verb.dep_ != "ccomp" or not embedded_subjects:
            return []
        head = verb.head
        sense = self.lexicon.sense(head.lemma_.lower())
        if sense is None or sense.category != "DEMAND":
            # "reiterated its demand that Y...", "renewed its call that Y...": the object names the demand
            sense = next((ns for c in head.children if c.dep_ == "dobj" and (ns := self.lexicon.noun_sense(c.lemma_))
                          is not None and ns.category == "DEMAND"), sense)
        must = any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in verb.children)
        if not ((sense is not None and sense.category == "DEMAND") or (must and head.lemma_.lower() in SPEECH)):
            return []
        sense = sense if sense is not None and sense.category == "DEMAND" else Sense("100", "DEMAND", "")
        out = []
        for speaker in self.subjects(head):
            for target in embedded_subjects:
                if speaker._.actor.key != target._.actor.key:
                    out.append(Candidate(speaker, target, past(head.lemma_.lower()), sense, [head, verb],
                                         VERB_EVENTS, 0.6, head))
        return out

    def light_verb(self, verb: Token, noun: Token) -> list[tuple[Span, Sense | None, str, list[Token], float]]:
        """'extended his appreciation to X', 'held talks with X': the event is the noun.

        A relative pronoun object stands for the noun the clause modifies: 'the atrocities that
        X perpetrated against Y', 'the talks that X held with Y'.
        """
        lex = self.lexicon
        if noun.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" and verb.head.pos_ == "NOUN":
            noun = verb.head
        if self.judges(verb, noun):
            return []  # "condemned X's attacks on Y" judges the attacks, it does not carry them out
        event_verb = lex.verb_of(noun.lemma_) or lex.verb_of(noun.text)
        if event_verb is None and _compound(noun) not in lex.nouns:
            # "had a telephone conversation with X": the modifier names the event
            event_verb = next((v for c in noun.lefts if c.dep_ in ("amod", "compound")
                               and (v := lex.verb_of(c.lower_))), None)
        sense = lex.sense(verb.lemma_.lower(), f"obj:{noun.lemma_.lower()}") or lex.sense(
            verb.lemma_.lower(), f"obj:{noun.lower_}")
        generic = event_verb is not None and not lex.verb_of(noun.lemma_) and lex.noun_sense(noun.lemma_) is None \
            and _compound(noun) not in lex.nouns
        if event_verb is not None and not lex.verb_of(noun.lemma_) and (sense is None or generic):
            # "launched a mediation effort between X and Y": the modifier names the event, not "launch an effort"
            sense = lex.sense(event_verb) or sense
        if sense is None:
            sense = lex.noun_sense(_compound(noun)) or lex.noun_sense(noun.lower_) or lex.noun_sense(noun.lemma_)
            own = lex.patterns.get((verb.lemma_.lower(), "-"))
            if sense is not None and sense.category in COOPERATIVE and own is not None and own.category in DENIALS:
                sense = own  # "boycott contact with X", "suspend aid to X": the verb denies the noun
        if sense is None:
            return []
        predicate = past(event_verb) if event_verb else lex.noun_predicates.get(noun.lower_) or \
            f"{past(verb.lemma_.lower())} {noun.lower_}"
        # "a suspension of air links with X", "the resumption of talks with X": the party of the inner event
        nested = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                  if p.dep_ == "pobj" and p._.mention is None and lex.noun_sense(p.lemma_) is not None]
        own = lex.noun_sense(noun.lemma_) or sense
        # "reiterated its support for X", "provided air support for X": the noun names its target
        # ... but "discussed our support for X" talks about the support: the verb is no light verb
        talked = lex.patterns.get((verb.lemma_.lower(), "-"))
        targeting = {"for", "of"} if own.category in TARGET_OF and lex.sector(noun.lemma_) is None and not (
            talked is not None and talked.category == "CONSULT") else set()
        if practice(noun):
            targeting.discard("of")  # "end the terrorism of X": X practises it, it is not the target
        out = []
        for holder in (verb, noun, *nested):
            for child in holder.children:
                if child.dep_ == "prep" and (child.lower_ in NOMINAL_PREPOSITIONS or (
                        holder is noun and child.lower_ in targeting)) and not _topic(
                        child, lex.noun_sense(noun.lemma_) or sense):
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            for actor in self.actors(pobj):
                                out.append((actor, sense, predicate, [verb, noun, child], 0.7))
        return out

    # -- nouns ----------------------------------------------------------------------------
    def nominal_events(self, noun: Token) -> list[Candidate]:
        lex = self.lexicon
        trigger = noun
        event_verb = _compound(noun) if _compound(noun) in lex.nouns else None
        if event_verb is None and noun.pos_ == "NOUN" and noun.lower_ in lex.nouns and \
                lex.nouns[noun.lower_].category == "PROTEST":
            event_verb = noun.lower_  # "rally", "protest": the noun's sense, not the verb's (rally → MOBILIZE)
        if event_verb is None:
            event_verb = lex.verb_of(noun.lemma_) if noun.pos_ == "NOUN" else None
        if event_verb is None:
            for child in noun.children:
                if child.dep_ in ("amod", "compound") and (verb := lex.verb_of(child.lower_)):
                    event_verb, trigger = verb, child
                    break
        if event_verb is None and noun.pos_ == "NOUN" and noun.lower_ in lex.nouns:
            event_verb = noun.lower_
        if event_verb is None or (noun.dep_ == "pobj" and noun.head.lower_ in SINCE):
            return []  # "demobilized since the peace accord between X and Y": a point in time, not the report
        judged = noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX") and self.judges(noun.head, noun)
        if noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX") and trigger is noun and not judged:
            return []  # light-verb constructions are read with their verb; "condemned X's attacks on Y" judges one
        base = lex.nouns.get(event_verb) or lex.sense(event_verb)
        category = base.category if base else None
        # "support for Iraq", "the annexation of Crimea", "attacks in Paris": more ways to name the target
        preps = set(NOMINAL_PREPOSITIONS) | {"for", "of"} if category in TARGET_OF else set(NOMINAL_PREPOSITIONS)
        if category in JUDGED_OF and event_verb in lex.nouns:
            preps |= {"of"}  # nouns of judgement listed as such: "condemnation of X", not "the implications of X"
        givers = ("by", "from") if category in GIVEN_FROM else ("by",)  # "support from X"
        if practice(noun) and trigger is noun:
            preps -= {"of"}  # "the atrocities of X against Y": X commits them
            givers = (*givers, "of")
        agents = [a for c in noun.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in givers)
                  for p in c.children if p.dep_ == "pobj" for a in self.actors(p)]
        # "Saudi-led airstrikes", "the US-led coalition's campaign": the leader acts
        agents += self.leaders(noun) + [a for c in noun.children if c.dep_ == "poss" and c._.mention is None
                                        for a in self.leaders(c)]
        # "attacks claimed by X", "bombings carried out by X"
        agents += [a for c in noun.children if c.dep_ == "acl" for g in c.children if g.dep_ == "agent"
                   for p in g.children if p.dep_ == "pobj" for a in self.actors(p)]
        objects: list[tuple[Span, Token]] = []
        # "the agreement reached between X and Y", "airstrikes carried out against X": the participle's phrases
        done = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
        for child in [*noun.children, *(c for d in done for c in d.children)]:
            if child.dep_ == "prep" and child.lower_ in preps and not _topic(child, base):
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and not across_paragraphs(child, pobj):
                        # "its condemnation of X's policies": judging an actor's deeds judges the actor;
                        # "in support of the coalition campaign": supporting an event supports its agent
                        found = self.actors(pobj) or (self.modifiers(pobj) if category in JUDGED_OF else []) or (
                            self.supported_agents(pobj) if category in HELPING else [])
                        objects.extend((a, child) for a in found)
        # "the Asad regime's attacks": a possessor headed by a common noun stands for the group naming it
        possessors = [a for c in noun.children if c.dep_ == "poss" for a in
                      ([c._.mention] if c._.mention is not None else self.actors(c, agent=True))]
        modifiers = [m for c in noun.children if c.dep_ in ("compound", "nmod", "amod") and c.i != trigger.i
                     and (m := c._.mention) is not None and c.i < noun.i]
        helped = self.helped(noun)
        if helped and all(p.root.pos_ == "PRON" for p in possessors):
            possessors = []  # "supported Iraq in its fight against X": the helped party fights
        possessors = [self.antecedent(p) for p in self.named(possessors, noun)]
        # the one who judges an event ("welcomed the agreement between X and Y") is not its agent
        subjects = possessors or agents or modifiers or helped or ([] if judged else self.clause_subjects(noun))
        if not objects and subjects and category in VIOLENT:
            # "ISIL's attacks in Tel Tamer", "bombings in Aleppo claimed by X": the place attacked
            objects = [(a, p) for p in noun.children if p.dep_ == "prep" and p.lower_ == "in"
                       for o in p.children if o.dep_ == "pobj" for a in self.places_in(o)]
        if not objects and possessors:
            objects = [(o, noun) for o in self.addressee(noun)]
        if not objects and agents and category in GIVEN_FROM and not possessors:
            # "with support from X, Y delivered...", "Y, aided by support from X, ...": Y is supported
            objects = [(o, noun) for o in self.beneficiaries(noun)]
        between = [o for o, via in objects if via.lower_ == "between"]
        if not subjects and len(between) > 1 and event_verb in load_reciprocal():
            # "an agreement between X and Y": each acts towards the other
            subjects = between
        out = []
        for subject in subjects:
            for obj, via in objects:
                if obj._.actor.key == subject._.actor.key:
                    continue
                requires = f"prep:{via.lower_}" if via is not noun else "-"
                sense = lex.nouns.get(event_verb) or lex.sense(event_verb, requires) or lex.sense(event_verb)
                out.append(Candidate(subject, obj, lex.noun_predicates.get(event_verb) or past(event_verb), sense, [trigger] if trigger is noun else [trigger, noun],
                                     NOMINAL_EVENTS, 0.65, noun))
        return out

    def supported_agents(self, event: Token) -> list[Span]:
        """Whom supporting an event supports: 'in support of the coalition campaign', 'support for ISF operations'."""
        return self.event_agents(event) or ([c._.mention for c in event.children if c.dep_ in ("compound", "nmod")
                                             and c._.mention is not None]
                                            if self.lexicon.noun_sense(event.lemma_) is not None else [])

    def leaders(self, noun: Token) -> list[Span]:
        """'Saudi-led airstrikes', 'NATO-led operations': who leads what a noun names."""
        return [m for led in noun.children if led.dep_ == "amod" and led.lemma_.lower() == "lead"
                for c in led.children if c.dep_ in ("npadvmod", "compound", "nmod", "amod")
                for m in (c._.mention, *(x._.mention for x in c.conjuncts)) if m is not None]

    def beneficiaries(self, gift: Token) -> list[Span]:
        """Who receives the support a noun names: the clause's subject ('with support from X, Y
        ...') or what a passive participle modifies ('Y, aided by support from X')."""
        by, participle = gift.head, gift.head.head
        if gift.dep_ == "pobj" and by.dep_ == "agent" and participle.dep_ == "acl" and participle.tag_ == "VBN":
            return self.actors(participle.head)
        return self.clause_subjects(gift)

    def places_in(self, noun: Token) -> list[Span]:
        """The places an 'in' phrase names: 'in Aleppo', 'in the town of Tel Tamer', 'in X, Y and Z'."""
        return [a for a in self.actors(noun) if a._.actor.type in ("GPE", "LOC")]

    def clause_subjects(self, noun: Token) -> list[Span]:
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
            return self.actors(head.head)  # "X, Y and others in support of Z"
        else:
            return []
        controlled = verb.dep_ == "xcomp" or verb.dep_ == "advcl" and (
            (s := self.lexicon.sense(verb.head.lemma_.lower())) is not None and s.category in OBJECT_CONTROL)
        if controlled and not any(c.dep_ in SUBJECTS for c in verb.children) and any(
                c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
            controllers = [a for c in verb.head.children if c.dep_ == "dobj" for a in self.actors(c)]
            if controllers:
                return controllers
        return self.subjects(verb)

    def antecedent(self, mention: Span) -> Span:
        """A possessive pronoun as its actor's nearest earlier named mention: 'their' → 'the Iraqi people'."""
        if mention.root.pos_ != "PRON":
            return mention
        key = mention._.actor.key
        earlier = [m for m in mention.doc._.mentions or [] if m.end <= mention.start and m.root.pos_ != "PRON"
                   and m._.actor.key == key]
        return earlier[-1] if earlier else mention

    def aim_holders(self, verb: Token) -> list[Span]:
        """Whose aim a verb names: 'the UK's commitment to defeating X', 'their determination to defeat X'."""
        noun = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "to" else \
            verb.head if verb.dep_ == "acl" else None
        if noun is None or noun.pos_ != "NOUN" or noun._.mention is not None:
            return []
        return [self.antecedent(c._.mention) for c in noun.children
                if c.dep_ in ("poss", "compound", "nmod") and c._.mention is not None]

    def helped(self, aim: Token) -> list[Span]:
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
            elif t.dep_ in ("acl", "advcl", "xcomp") and t.pos_ == "VERB" and (t.dep_ == "xcomp" or any(
                    c.dep_ == "aux" and c.tag_ == "TO" for c in t.children)):
                pass  # "to defeat X", "helped Y defeat X"
            else:
                return []
            t = t.head
            parties = self.helped_parties(t, aim)
            if parties is not None:
                return parties
        return []

    def helped_parties(self, event: Token, aim: Token | None = None) -> list[Span] | None:
        """The parties a helping event helps ('supported Y', 'stood by Y', 'support for Y'); None if it
        helps none. The help is never the ``aim`` itself."""
        if event == aim:
            return None
        lex = self.lexicon
        if event.pos_ == "VERB":
            own = lex.sense(event.lemma_.lower())
            parties = [a for c in event.children if c.dep_ == "dobj" and own is not None and own.category in HELPING
                       for a in self.actors(c)]
            parties += [a for c in event.children if c.dep_ == "prep" and (s := lex.sense(
                event.lemma_.lower(), f"prep:{c.lower_}")) is not None and s.category in HELPING
                        for p in c.children if p.dep_ == "pobj" for a in self.actors(p)]
            # "pledged support for Y in the fight against X": the object names the help; "remains
            # steadfast in its support of Y in its fight against X": so does a sibling "in" phrase
            parties += [a for c in event.children if c.dep_ == "dobj" for a in self.helped_parties(c, aim) or []]
            parties += [a for c in event.children if c.dep_ == "prep" and c.lower_ == "in" for n in c.children
                        if n.dep_ == "pobj" for a in self.helped_parties(n, aim) or []]
        elif event.pos_ == "NOUN" and (ns := lex.noun_sense(event.lemma_)) is not None and ns.category in HELPING:
            parties = [a for c in event.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "to")
                       for p in c.children if p.dep_ == "pobj" for a in self.actors(p)]
        else:
            return None
        return parties or None

    def addressee(self, noun: Token) -> list[Span]:
        """'Y thanked X for his remarks': remarks by X, addressed to Y (who answers them)."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.pos_ not in ("VERB", "AUX"):
            return []
        return self.subjects(prep.head)


def listed(token: Token) -> list[Token]:
    """'The UK, the Coalition and Iraq' parsed as an apposition whose head is coordinated: the
    appositive and its conjuncts are further members of the list, not another name for the first."""
    return [m for a in token.children if a.dep_ == "appos" and a._.mention is not None
            and any(c.dep_ == "cc" for c in a.children) and a.conjuncts for m in (a, *a.conjuncts)]


def practice(noun: Token) -> bool:
    """A noun naming a practice or quality, not an action ('terrorism', 'atrocity', 'violence'):
    its 'of' phrase names who practises it ('the terrorism of X'), where an action noun's names
    what is acted on ('the bombing of X', 'the occupation of X')."""
    return noun.pos_ == "NOUN" and noun.lemma_.lower().endswith(PRACTICE_SUFFIXES)


def across_paragraphs(a: Token, b: Token) -> bool:
    """Whether a paragraph break lies between two tokens: a headline run into the next line
    ('... in the fight against ISIL\n\nMinister Ellwood said') is no phrase of the headline."""
    start, end = sorted((a.i, b.i))
    return any(t.is_space and "\n" in t.text for t in a.doc[start:end])


def condition(verb: Token) -> bool:
    """A verb of an 'if' or 'unless' clause ('unless X arranged a ceasefire with Y'): what it names has
    not happened; its subject is whom a threat or promise is made to, not an actor of an event."""
    clause = verb.head if verb.dep_ == "conj" else verb
    return clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children)


def infinitive(predicate: str) -> str:
    """The base form of a predicate embedded under a governing verb: 'agreed with' → 'agree with'."""
    first, _, rest = predicate.partition(" ")
    forms = getLemma(first, upos="VERB")
    return " ".join(filter(None, (forms[0] if forms else first, rest)))


def governed(governor: Token) -> str:
    """How a governing word names its predicate: 'threatened', but an adjective as is: 'ready'."""
    return governor.lower_ if governor.pos_ == "ADJ" else past(governor.lemma_.lower())


def counted(noun: Token) -> list[Token]:
    """A noun and, for a group or quantity, what it counts: 'a mission of observers' → mission, observers."""
    if noun.lemma_.lower() not in QUANTITIES | GROUPS:
        return [noun]
    return [noun, *(o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                    for o in p.children if o.dep_ == "pobj")]


def idiom_tail(token: Token) -> bool:
    """The second noun of 'shoulder to shoulder', 'side by side', 'hand in hand', which the parser
    may read as a verb: the phrase is a manner adverbial of the verb before it."""
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].lower_ in ("to", "by", "in") and \
        doc[token.i - 2].lower_ == token.lower_ and token.lower_.isalpha()


def _topic(prep: Token, sense: Sense | None) -> bool:
    """'an agreement on X', 'talks on X': 'on' names what a cooperative event is about, not a party."""
    return prep.lower_ == "on" and sense is not None and sense.category in COOPERATIVE


def _deduplicate(candidates: list[Candidate]) -> list[Candidate]:
    """One relation per pair of mentions and event category; an untyped one only if nothing is typed."""
    best: dict[tuple, Candidate] = {}
    for c in candidates:
        key = (c.subject.start, c.object.start, c.sense.category if c.sense else None)
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    typed = {(k[0], k[1]) for k in best if k[2] is not None}
    best = {k: c for k, c in best.items() if k[2] is not None or (k[0], k[1]) not in typed}
    return sorted(best.values(), key=lambda c: (c.head.i, c.subject.start, c.object.start))


def background(verb: Token) -> bool:
    """A clause that sets the scene of another: relative ('who had fled'), or adverbial with
    a subordinator ('after troops killed...', 'when X met Y'). Purpose clauses ('to defeat X')
    and complements ('said that', 'threatened to') carry the event itself."""
    if verb.dep_ == "relcl":
        return not any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)  # "a coalition to defeat X"
    return verb.dep_ == "advcl" and any((c.dep_ == "mark" and c.tag_ != "TO") or (c.dep_ == "advmod" and c.tag_ == "WRB")
                                        for c in verb.children)


def clause_depth(token: Token) -> int:
    """How many background clauses deep a word is: 0 in the main clause."""
    depth, t = 0, token
    while t.head.i != t.i:
        depth += background(t)
        t = t.head
    return depth


def _prefer_main_clause(candidates: list[Candidate]) -> list[Candidate]:
    """Of typed events sharing an actor in one sentence, keep those of the shallowest clause.

    News reports code the main event of a sentence ("Ethiopia accused Eritrea of shelling
    its towns"): an event in a subordinate clause that involves an actor of a main-clause event
    is background to it, so it is dropped; reported demands ("X said Y must...") are headed by
    the speech verb and stay.
    """
    by_sentence: dict[int, list[tuple[Candidate, int]]] = {}
    for c in candidates:
        by_sentence.setdefault(c.head.sent.start, []).append((c, clause_depth(c.head)))
    keep = set()
    for group in by_sentence.values():
        for c, depth in group:
            actors = {c.subject._.actor.key, c.object._.actor.key}
            shallower = any(o.sense is not None and d < depth and actors & {o.subject._.actor.key, o.object._.actor.key}
                            for o, d in group)
            if not (c.sense is not None and shallower) and not any(_embeds(o, c) for o, _ in group):
                keep.add(id(c))
    return [c for c in candidates if id(c) in keep]


def _embeds(outer: Candidate, inner: Candidate) -> bool:
    """Whether ``inner`` is the content of the typed event ``outer``, not an event of its own.

    'X said Y and Z must reach an agreement': the agreement is what X demands. 'X imposed
    sanctions on Y for its support of Z', 'X demanded that Y renounce its struggle against Z': an
    event noun inside another actor's event is the reason or the object of that event.
    """
    if outer.sense is None or outer.head.i == inner.head.i or outer.head not in inner.head.ancestors:
        return False
    inner_actors = {inner.subject._.actor.key, inner.object._.actor.key}
    outer_actors = {outer.subject._.actor.key, outer.object._.actor.key}
    if inner.head.pos_ in ("VERB", "AUX") and any(
            t.i != outer.head.i and (t == inner.head or t in inner.head.ancestors) for t in outer.trigger):
        return bool(inner_actors & outer_actors)
    if (inner.extractor == NOMINAL_EVENTS and inner.subject._.actor.key == outer.subject._.actor.key
            and inner.head.dep_ == "pobj" and inner.head.head.lower_ == "for" and inner.head.head.head == outer.head):
        return True  # "mobilized reservists for an offensive against X": the offensive is a purpose
    if outer.sense.category in JUDGEMENTS and inner.extractor == NOMINAL_EVENTS and inner.head.dep_ == "dobj" \
            and inner.head.head == outer.head:
        return False  # "condemned X's attacks on Y": what is judged happened, X attacked Y
    if inner.extractor == NOMINAL_EVENTS and inner.head.dep_ == "pobj" and inner.head.head.lower_ == "in":
        return False  # "supported Y in its fight against X", "X and others in support of Y": the frame of an act
    # "Y thanked X for his congratulations" (the same two actors) is a response, and stays
    return (inner.extractor == NOMINAL_EVENTS and outer.extractor == VERB_EVENTS
            and inner.subject._.actor.key != outer.subject._.actor.key and inner_actors != outer_actors)


@Language.factory(
    "newsgraph_relations",
    default_config={"max_sentence_tokens": 150},
    requires=["doc._.mentions", "token.dep"],
    assigns=["doc._.relations"],
)
def make_relations(nlp: Language, name: str, max_sentence_tokens: int) -> RelationsComponent:
    """Relations between the actor mentions of each sentence."""
    return RelationsComponent(nlp, name, max_sentence_tokens)


__all__ = ["Candidate", "NOMINAL_EVENTS", "RelationsComponent", "VERB_EVENTS", "make_relations", "past"]
