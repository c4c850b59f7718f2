"""The ``newsgraph_actors`` component: find actor mentions and resolve each to a canonical actor.

Named entities give the mentions, with an exact-match pass over the aliases the small model
misses (``ontologies/lexicon/aliases.tsv``: "Daesh", "U.N."); the reference data
(:mod:`extract.reference`) canonicalises them (``Miguel Diaz-Canel`` → ``Miguel Díaz-Canel``,
Q1932603); titles and demonyms around a name give role and country (``Cuban President``).
Demonyms stand for their country ("British officials", "an Indian proposal") or give a group its
country ("Afghan rebels"); agent nouns name groups ("Security forces in Guinea", "coalition
operations"), and a people without a state is a group ("Iraqi Kurds"). A body possessed by a
named actor is that actor ("Putin's administration", "the Assad regime", "the Government of
Iraq"). Surnames, definite descriptions (``the Russian leader``, ``the Coalition`` after ``the
Global Coalition``) and pronouns are resolved to earlier mentions of the same article ("we" to
the speaker's side, "I" to the statement's author); an office named with no holder in sight
becomes an unnamed office holder ("The Foreign Secretary"). The tagger's usual slips are
mended: an office taken for an organisation ("Secretary of State"), a list of names taken for
one, a demonym or a plural agent noun taken for a name or a place. The result is
``doc._.mentions``: spans, in order, each with ``span._.actor``.
"""

from __future__ import annotations

import bisect
import csv
import hashlib
from dataclasses import replace
from functools import cache, lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from extract.lexicon import lexicon_dir, load_lexicon
from extract.qualifiers import SPEECH_VERBS
from extract.records import Actor
from extract.reference import Gazetteer, fold, load_gazetteer, slug

if not Doc.has_extension("mentions"):
    Doc.set_extension("mentions", default=None)
    Doc.set_extension("date", default=None)
    Span.set_extension("actor", default=None)
    Span.set_extension("resolved_by", default=None)
    Token.set_extension("mention", default=None)

PERSONAL = {"he", "him", "his", "she", "her", "hers", "i", "me", "my"}
FIRST_PERSON = {"i", "me", "my"}
# Pronouns for bodies and countries; "we" in a government statement is the speaker's side.
COLLECTIVE_PRONOUNS = {"they", "them", "their", "we", "us", "our", "its", "it"}
# CAMEO sectors (Phoenix agents) whose nouns name the state acting ("Israeli soldiers" → Israel).
STATE_SECTORS = {"GOV", "MIL", "COP", "LEG", "JUD", "SPY"}
# Sectors whose nouns name a group of people that can act ("Afghan rebels", "civilians").
GROUP_SECTORS = STATE_SECTORS | {"REB", "UAF", "OPP", "CVL", "REF", "PPL", "IGO", "NGO", "PTY", "MED", "LAB",
                                 "AGR", "EDU", "HLH", "HRI", "REL", "CRM", "BUS", "ELI"}
# Nouns that denote the people or bodies acting for a country ("British officials").
COLLECTIVES = {"official", "officials", "government", "authorities", "forces", "troops", "side",
               "leadership", "diplomats", "delegation", "army", "military", "administration",
               "ministry", "police", "regime", "people", "parliament", "lawmakers", "negotiators"}


DEFINITE = {"the", "this", "that", "these", "those"}
# Words any organisation can be called by, once named: "ISIL ... this terrorist group".
# Who "I" is in a statement that never names its author.
# Nouns for states, which act as a group when a role noun modifies them ("member states").
POLITIES = {"state", "country", "nation"}
GENERIC_BODIES = {"group", "organisation", "organization", "movement", "network", "outfit"}

_fold = lru_cache(maxsize=1 << 16)(fold)


@cache
def load_titles() -> tuple[tuple[str, ...], ...]:
    """Title phrases as token tuples, longest first."""
    lines = (lexicon_dir() / "titles.txt").read_text(encoding="utf-8").splitlines()
    titles = {tuple(fold(line).split()) for line in lines if line.strip() and not line.startswith("#")}
    return tuple(sorted(titles, key=len, reverse=True))


@cache
def load_metonyms() -> dict[str, str]:
    with (lexicon_dir() / "metonyms.tsv").open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {fold(row["name"]): row["country"] for row in rows}


@cache
def load_not_agents() -> frozenset[str]:
    lines = (lexicon_dir() / "not_agents.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@cache
def load_aliases() -> dict[str, tuple[str, str, str]]:
    """Short and common names the reference data lacks: 'Britain', 'U.S.', 'Daesh'.

    Folded name → (country code or canonical label, actor type, Wikidata QID).
    """
    with (lexicon_dir() / "aliases.tsv").open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {fold(row["name"]): (row["refers_to"], row["type"], row["qid"]) for row in rows}


@cache
def load_group_nouns() -> frozenset[str]:
    lines = (lexicon_dir() / "groups.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@cache
def load_alias_names() -> tuple[str, ...]:
    """The aliases as written, for exact matching in text."""
    with (lexicon_dir() / "aliases.tsv").open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return tuple(row["name"] for row in rows)


@cache
def one_word_titles() -> frozenset[str]:
    return frozenset(t[0] for t in load_titles() if len(t) == 1)


@cache
def titles_ending_in() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Title phrases by their last word, longest first."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for title in load_titles():
        found.setdefault(title[-1], []).append(title)
    return {word: tuple(titles) for word, titles in found.items()}


def title_at(tokens, end: int) -> tuple[str, int] | None:
    """The title phrase ending just before index ``end`` of ``tokens`` (a Doc or a list): (title, start index)."""
    if end <= 0:
        return None
    candidates = titles_ending_in().get(_fold(tokens[end - 1].text))
    if not candidates:
        return None
    lo = max(0, end - len(candidates[0]))
    words = [_fold(t.text) for t in tokens[lo:end]]
    for title in candidates:
        n = len(title)
        if n <= len(words) and tuple(words[len(words) - n:]) == title:
            return " ".join(t.text for t in tokens[end - n:end]), end - n
    return None


class ActorResolver:
    """Stateful resolution of one document's mentions, in reading order."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, window: int) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.date = doc._.date
        self.window = window
        self.mentions: list[Span] = []
        self.by_surname: dict[str, Actor] = {}
        self.we: Actor | None = None  # who "we" is in this document, once known
        self.we_unnamed = False  # whether the document's first "we" had no one in sight to refer to
        self.first: dict[str, Actor | None] = {}  # the document's speaker and first acting state, once looked up
        self.starts: list[int] = []  # mention starts, sorted, parallel to self.mentions
        self.mention_sentences: list[int] = []  # sentences that mention someone, sorted
        self.sentence_of: list[int] = [0] * len(doc)
        for index, sent in enumerate(doc.sents):
            self.sentence_of[sent.start:sent.end] = [index] * (sent.end - sent.start)

    # -- named mentions -------------------------------------------------------------------
    def person(self, ent: Span) -> None:
        doc = self.doc
        start, end = ent.start, ent.end
        while end > start and doc[end - 1].tag_ == "POS":
            end -= 1
        # A title the NER folded into the name ("President Putin") is context, not name.
        while start < end - 1 and _fold(doc[start].text) in one_word_titles():
            start += 1
        name = doc[start:end]
        role, country = self.context(start)
        actor = self.canonical_person(name.text, role, country)
        self.add(name, actor, "gazetteer" if actor.qid else "name")

    def context(self, start: int) -> tuple[str | None, str | None]:
        """Role and country written just before a name: 'Cuban President', 'President of Russia'."""
        doc = self.doc
        lo = max(doc[start].sent.start, start - 8)
        tokens = list(doc[lo:start])
        found = title_at(tokens, len(tokens))
        if found is None:
            return None, None
        role, at = found
        country = None
        before = tokens[:at]
        if before:
            c = self.gazetteer.demonym(before[-1].text) or self.gazetteer.country_named(before[-1].text)
            if c is None and before[-1].tag_ == "POS" and len(before) > 1:
                c = self.gazetteer.country_named(before[-2].text)
            country = c.iso3 if c else None
        if country is None:
            # "President of Russia Vladimir Putin", "President of the Republic of Cuba Miguel ..."
            after = [t for t in doc[lo + at + len(role.split()):start]]
            if after and after[0].lower_ == "of":
                phrase = " ".join(t.text for t in after[1:] if t.lower_ != "the")
                c = self.gazetteer.country_named(phrase) or self.gazetteer.country_named(after[-1].text)
                country = c.iso3 if c else None
        return role, country

    def canonical_person(self, name: str, role: str | None, country: str | None) -> Actor:
        g = self.gazetteer
        surname = fold(name).split()[-1] if fold(name) else ""
        actor = g.lookup(name, self.date)
        if actor is None or actor.type != "PERSON":
            actor = self.by_surname.get(surname)
        if actor is None and " " not in fold(name):
            actor = g.by_surname(name, self.date)
        if actor is None:
            actor = Actor(key=slug(name), label=name, type="PERSON", country=country, role=role)
        elif (role and not actor.role) or (country and not actor.country):
            actor = replace(actor, role=actor.role or role, country=actor.country or country)
        self.by_surname.setdefault(surname, actor)
        return actor

    def place(self, ent: Span) -> None:
        g = self.gazetteer
        ent = _trim(ent)
        actor = g.lookup(ent.text)
        how = "gazetteer"
        if actor is None or actor.type != "GPE":
            actor = self.alias(ent.text) or actor
        if actor is None or actor.type not in ("GPE", "GROUP"):
            capital = g.capital(ent.text)
            if capital is not None:
                actor, how = capital.actor(), "capital"
            elif len(ent) == 1 and self.agent_sector(ent.root) is not None:
                self.agent_group(ent.root)  # "Gunmen attacked...": an agent noun the tagger took for a place
                return
            else:
                actor, how = Actor(key=slug(ent.text), label=_strip_article(ent.text), type="GPE"), "name"
        self.add(ent, actor, how)

    def organisation(self, ent: Span) -> None:
        g = self.gazetteer
        for end in range(ent.end, ent.start, -1):
            found = title_at(self.doc, end)
            if found is not None and found[1] < ent.start:
                # "Secretary of State", "Minister for the Middle East Tobias Ellwood": the tagger took
                # the end of an office for a name; what follows the office is the holder's name.
                if end < ent.end and all(t.pos_ == "PROPN" for t in self.doc[end:ent.end]):
                    self.person(self.doc[end:ent.end])
                return
        ent = _trim(ent)
        commas = [t.i for t in ent if t.text == ","]
        parts = [self.doc[a + 1:b] for a, b in zip([ent.start - 1, *commas], [*commas, ent.end])]
        if commas and all(len(p) > 1 and p[0].text[:1].isupper() for p in parts):
            for part in parts:  # "the Iraqi Armed Forces, Popular Mobilization Forces": a list of names
                self.organisation(part)
            return
        last = self.doc[ent.end - 1]
        if last.dep_ in ("amod", "compound") and last.head.i >= ent.end and last.head.pos_ == "NOUN" \
                and self.demonym(last.text) is not None:
            self.group(self.doc[ent.end - 1:ent.end])  # "Radical French farmers": not a name but a group
            return
        of = next((t for t in ent if t.lower_ == "of" and t.head.i < t.i), None)
        if of is not None and self.is_collective(of.head) and of.head.i >= ent.start \
                and (country := self.gazetteer.country_named(self.doc[of.i + 1:ent.end].text)) is not None:
            self.add(ent, country.actor(), "possessor")  # "the Government of Iraq", as "Iraq's government"
            return
        text = _strip_article(ent.text)
        iso3 = load_metonyms().get(fold(text))
        if iso3 and iso3 in g.countries:
            self.add(ent, g.countries[iso3].actor(), "metonym")
            return
        actor = self.alias(text) or g.lookup(text)
        if actor is None and len(ent) == 1 and ent.start > 0 and self.doc[ent.start - 1].lower_ in DEFINITE:
            # "the Coalition" after "the Global Coalition": the tagger's name is a short reference
            word = fold(text)
            if (actor := self.recent(lambda a: a.type in ("ORG", "GROUP") and word in _fold(a.label).split()
                                     and _fold(a.label) != word, ent.start)) is not None:
                self.add(ent, actor, "description")
                return
        modifier = ent.root
        while modifier.dep_ == "conj" and modifier.head.i < modifier.i:  # "Kurdish and Yezidi fighters"
            modifier = modifier.head
        head = modifier.head
        if actor is None and modifier.dep_ in ("amod", "compound", "nmod") and head.i >= ent.end \
                and self.agent_sector(head) is not None:
            self.agent_group(head)  # "Kurdish and Yezidi fighters": a word the tagger took for a name
            if head._.mention is not None:
                return
        if actor is None:
            # "Nigerian Union of Teachers", "Kenya Anti-Corruption Commission": the country it belongs to
            first = self.demonym(ent[0].text) if len(ent) > 1 else None
            actor = Actor(key=slug(text), label=text, type="ORG", country=first.iso3 if first else None)
        self.add(ent, actor, "gazetteer" if actor.qid else "name")

    def demonym(self, text: str):
        """'Cuban', 'Palestinians', 'U.S.' → the country."""
        g = self.gazetteer
        country = g.demonym(text) or g.country_named(text)
        if country is None and text.endswith("s"):
            country = g.demonym(text[:-1])
        if country is None and (iso3 := load_aliases().get(fold(text))) and iso3[1] == "GPE":
            country = g.countries.get(iso3[0])
        return country

    def group(self, ent: Span) -> None:
        """'British officials', 'Russian forces': a demonym heading a collective stands for its country.

        A demonym before another agent noun ('Afghan rebels') is a group of that country.
        """
        ent = _trim(ent)
        country = self.demonym(ent.text)
        if country is None:
            self.people(ent)
            return
        root = ent.root
        while root.dep_ == "conj" and root.head.i < root.i:  # "Hungarian and Romanian officials"
            root = root.head
        head = root.head if root.dep_ in ("amod", "compound") else ent.root
        if head == ent.root:
            if ent.root.pos_ not in ("NOUN", "PROPN"):
                return
            self.add(ent, country.actor(), "demonym")
            return
        if title_at(self.doc, head.i + 1) is not None:
            return  # "the Russian leader" is a description of a person
        sector = self.agent_sector(head)
        if any(self.demonym(c.text) for c in root.conjuncts) or root != ent.root:
            self.add(ent, country.actor(), "demonym")  # "Turkish and Greek sides": one actor per demonym
        elif head.lower_ in COLLECTIVES or head.lemma_.lower() in COLLECTIVES or sector in STATE_SECTORS:
            span = self.doc[min(ent.start, head.i):max(ent.end, head.i + 1)]
            self.add(span, country.actor(), "demonym")
        elif sector is not None:
            self.agent_group(head, country.iso3)
        elif head.pos_ == "NOUN":
            self.add(ent, country.actor(), "demonym")  # "an Indian proposal": India's

    def people(self, ent: Span) -> None:
        """'Kurds', 'Iraqi Kurds', 'Sunnis': a people with no state of its own is a group."""
        root = ent.root
        if root.dep_ in ("amod", "compound") or root.pos_ not in ("NOUN", "PROPN") or root.tag_ not in ("NNS", "NNPS"):
            return
        start = ent.start
        if start > 0 and self.doc[start - 1]._.mention is None and (c := self.demonym(self.doc[start - 1].text)):
            start -= 1  # "Iraqi Kurds": the Kurds of Iraq
        span = self.doc[start:ent.end]
        self.add(span, Actor(key=slug(span.text), label=span.text, type="GROUP", country=c.iso3 if start < ent.start
                             else None), "name")

    def agent_sector(self, token: Token) -> str | None:
        """The CAMEO sector of an agent noun, unless the word also names an event ('attack')."""
        if token.pos_ not in ("NOUN", "PROPN") or len(token.text) < 4:
            return None  # a PROPN here is outside any entity: "the Coalition", "the Regime"
        lexicon = load_lexicon()
        sector = lexicon.sector(token.lemma_) or lexicon.sector(token.lower_)
        if sector is None and token.lemma_.lower() in load_group_nouns():
            sector = "PPL"
        if sector is None and (token.lower_ in COLLECTIVES or token.lemma_.lower() in COLLECTIVES):
            sector = "GOV"
        if token.lemma_.lower() in POLITIES and token.tag_ == "NNS" and any(
                c.dep_ == "compound" and c.lemma_.lower() in load_group_nouns() for c in token.lefts):
            return "GOV"  # "member states", "donor countries": the states in that role
        not_agents = load_not_agents()
        if token.lemma_.lower() in not_agents or token.lower_ in not_agents or token.lower_[:-1] in not_agents:
            return None  # "bases": the tagger's lemma may be another word ("basis")
        if sector not in GROUP_SECTORS or (lexicon.verb_of(token.lemma_) and token.lower_ not in COLLECTIVES
                                           and token.lemma_.lower() not in COLLECTIVES):
            return None
        return sector

    def agent_group(self, token: Token, country: str | None = None) -> None:
        """'Afghan rebels', 'the Assad regime', 'Security forces in Guinea': a group named by its noun."""
        if token._.mention is not None or token.dep_ == "amod":
            return
        if token.dep_ == "compound" and not (token.head.pos_ == "NOUN"
                                             and load_lexicon().noun_sense(token.head.lemma_)):
            return  # a modifier is an actor only as the agent of an event: "coalition operations"
        if self.agent_sector(token) is None or title_at(self.doc, token.i + 1) is not None:
            return
        if token.tag_ == "NN" and token.dep_ != "compound" and not any(
                c.dep_ in ("det", "poss", "amod", "compound") for c in token.children):
            return  # a bare singular ("defence", "security") names a domain, not a group
        if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children):
            return  # "its troops": the possessor acts, once the pronoun is resolved
        if self.possessed_collective(token):
            return
        if any(c.dep_ in ("compound", "nmod", "amod") and c._.mention is not None
               and c._.mention._.actor.type in ("ORG", "GROUP") for c in token.lefts):
            return  # "Hezbollah guerrillas": the named group is the actor
        if self.owned_conjoined_collective(token):
            return
        if any(c.dep_ == "prep" and c.lower_ in ("of", "from", "like", "including")
               and any(p._.mention is not None for p in c.children) for c in token.children):
            return  # "leaders from Cuba": the actors are inside
        doc = self.doc
        lefts = [t for t in token.lefts if t.dep_ in ("amod", "compound", "nmod", "poss", "det")
                 and t._.mention is None and t.tag_ != "POS"]
        start = min([t.left_edge.i if t.dep_ != "det" else t.i for t in lefts] + [token.i])
        while start < token.i and doc[start].dep_ == "det":
            start += 1
        span = doc[start:token.i + 1]
        for t in span[:-1]:
            if country is None and (c := self.demonym(t.text)) is not None:
                country = c.iso3
        for child in token.children:
            if country is not None:
                break
            if child.dep_ == "poss" and child._.mention is not None:
                country = child._.mention._.actor.country
            elif child.dep_ == "prep" and child.lower_ in ("in", "of", "from"):
                for pobj in child.children:
                    if pobj._.mention is not None and pobj._.mention._.actor.type == "GPE":
                        country = pobj._.mention._.actor.country
        if (antecedent := self.named_antecedent(token, span)) is not None:
            self.add(span, antecedent, "description")
            return
        label = span.text
        if self.agent_sector(token) in STATE_SECTORS and country and span[0].dep_ != "poss" and len(span) > 1 \
                and country in self.gazetteer.countries and all(self.demonym(t.text) or t == token for t in span):
            self.add(span, self.gazetteer.countries[country].actor(), "demonym")
            return
        self.add(span, Actor(key=slug(label), label=label, type="GROUP", country=country), "name")

    def named_antecedent(self, token: Token, span: Span) -> Actor | None:
        """'the Coalition' after 'the Global Coalition', 'this terrorist group' after 'ISIL'.

        A definite noun phrase whose head is a word of a body named just before, or a generic word
        for an organisation after a named armed group, refers back to it.
        """
        if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.lefts) or \
                any(t.pos_ not in ("ADJ", "NOUN", "PROPN") for t in span[:-1]):
            return None
        noun = token.lemma_.lower()
        if noun in GENERIC_BODIES:
            return self.recent(lambda a: a.type == "GROUP" and a.qid is not None, token.i)
        return self.recent(lambda a: a.type in ("ORG", "GROUP") and noun in _fold(a.label).split()
                           and len(_fold(a.label).split()) > 1, token.i)

    def possessed_collective(self, token: Token) -> bool:
        """'Putin's administration', 'the Assad regime', 'Iraq's government': the owner acts.

        A body that acts for a named person or country is that actor; the mention grows to cover
        the phrase, so it is not a second actor ("administration", country Russia).
        """
        if not self.is_collective(token):
            return False
        owners = [c._.mention for c in token.lefts if c._.mention is not None and (
            c.dep_ == "poss" or (c.dep_ in ("compound", "nmod") and c._.mention._.actor.type in ("PERSON", "GPE")))]
        if len(owners) != 1 or owners[0].end > token.i:
            return False
        owner = owners[0]
        between = self.doc[owner.end:token.i]
        if any(t._.mention is not None or t.ent_type_
               or t.pos_ not in ("ADJ", "ADV", "VERB", "PART", "PUNCT") and t.tag_ != "POS" for t in between):
            return False  # "Iraq's Kurdish government": another actor between
        self.remove(owner)
        self.add(self.doc[owner.start:token.i + 1], owner._.actor, "possessor")
        return True

    def owned_conjoined_collective(self, token: Token) -> bool:
        """'the government and people of Iraq': a body coordinated with another before 'of' a
        country is that country's, a mention of its own (as 'Iraq's government' is Iraq)."""
        if not self.is_collective(token) or not any(c.dep_ == "conj" for c in token.children):
            return False
        owners = [p._.mention._.actor for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p._.mention is not None and p._.mention._.actor.type == "GPE"]
        if len(owners) != 1:
            return False
        self.add(self.doc[token.i:token.i + 1], owners[0], "possessor")
        return True

    def is_collective(self, token: Token) -> bool:
        """A noun for the body acting for someone: 'government', 'regime', 'forces', 'ministers'."""
        return token.lower_ in COLLECTIVES or token.lemma_.lower() in COLLECTIVES or \
            self.agent_sector(token) in STATE_SECTORS

    def alias(self, text: str) -> Actor | None:
        found = load_aliases().get(fold(text))
        if found is None:
            return None
        target, kind, qid = found
        if kind == "GPE":
            country = self.gazetteer.countries.get(target)
            return country.actor() if country else None
        if kind == "PERSON" and qid in self.gazetteer.terms:
            return self.gazetteer.person(qid, self.date)  # a spelling the reference data lacks: "Asad"
        return Actor(key=slug(target), label=target, type=kind, qid=qid or None)

    # -- references to earlier mentions ---------------------------------------------------
    def description(self, token: Token) -> None:
        """'the Russian leader', 'The President', 'Russia's president'."""
        doc = self.doc
        found = title_at(doc, token.i + 1)
        if found is None or token._.mention is not None:
            return
        role, at = found
        if token.i + 1 < len(doc) and doc[token.i + 1].ent_type_ == "PERSON":
            return  # a title before a name is handled with the name
        left = [t for t in token.lefts]
        # "Foreign Secretary welcomes ...": a headline names an office without an article
        headline = doc[at].is_sent_start and doc[at].text[:1].isupper() and token.dep_ == "nsubj" \
            and token.head.i == token.i + 1
        if not headline and not any(t.lower_ in ("the", "this") or t.dep_ == "poss" for t in left):
            return
        country = None
        for t in [*doc[at:token.i], *(c for c in token.lefts if c.i < at)]:
            c = self.gazetteer.demonym(t.text) or self.gazetteer.country_named(t.text)
            if c is not None:
                country = c.iso3
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    c = self.gazetteer.country_named(pobj.text)
                    if c is not None:
                        country = c.iso3
        named = [c._.mention for c in token.children if c.dep_ == "appos" and c._.mention is not None]
        if token.i + 2 < len(doc) and doc[token.i + 1].text == "," and doc[token.i + 2]._.mention is not None:
            named.append(doc[token.i + 2]._.mention)
        named = [m._.actor for m in named if m._.actor.type == "PERSON"]
        if named:  # "the Iraqi Foreign Minister, Ibrahim al-Jaafari": the name that follows
            actor = replace(named[0], role=named[0].role or role, country=named[0].country or country)
        else:
            actor = self.recent(lambda a: a.type == "PERSON" and (country is None or a.country == country)
                                and (fold(role) in ("leader", "head of state") or a.role is None
                                     or fold(a.role) == fold(role)), token.i)
        if actor is None and country:
            actor = self.gazetteer.office_holder(country, "President" if fold(role) == "leader" else role, self.date)
        if actor is None and doc[at].text[:1].isupper() and (headline or any(t.lower_ == "the" for t in left)):
            # "The Foreign Secretary" with no one named before: the office holder, unnamed
            label = f"{self.gazetteer.countries[country].name} {role}" if country in self.gazetteer.countries else role
            actor = Actor(key=slug(label), label=label, type="PERSON", country=country, role=role)
        if actor is None:
            return
        start = min([t.i for t in left if t.dep_ in ("det", "amod", "compound", "poss")] + [at])
        self.add(doc[start:token.i + 1], actor, "description")

    def pronoun(self, token: Token) -> None:
        if token.lower_ in COLLECTIVE_PRONOUNS:
            if token.lower_ == "it" and (token.dep_ != "nsubj" or token.head.lemma_ == "be"
                                         or token.head.pos_ == "AUX"):
                return  # "it is right that...", "It's essential": no referent
            if token.lower_ in ("we", "us", "our"):
                actor = self.speaker_side(token)
            elif token.dep_ == "poss" and (owner := self.clause_subject(token)) is not None:
                actor = owner  # "Putin's administration reiterated its position": its own
            elif token.lower_ in ("it", "its"):
                # "it" is a thing as often as an actor: only a singular subject just before it is its referent
                here = self.sentence_of[token.i]
                actor = self.recent(lambda a: a.type != "PERSON", token.i,
                                    lambda m: m.root.tag_ not in ("NNS", "NNPS") and (token.lower_ == "its" or (
                                        _subject(m) and here - self.sentence_of[m.start] <= 1)))
            else:
                # "they" is a group or several rather than one state: "Daesh ... they"
                actor = self.recent(lambda a: a.type != "PERSON", token.i,
                                    lambda m: m._.actor.type in ("GROUP", "ORG") or m.root.tag_ in ("NNS", "NNPS")
                                    or m.root.dep_ == "conj") or self.recent(lambda a: a.type != "PERSON", token.i)
        else:
            actor = self.recent(lambda a: a.type == "PERSON", token.i)
            if actor is None and token.lower_ in FIRST_PERSON:
                actor = self.speaker()  # a statement's "I" is its author, introduced once at the top
            if actor is None and token.lower_ == "i" and token.dep_ == "nsubj":
                actor = self.unnamed_author()  # "As I conveyed to ...": a statement signed elsewhere
        if actor is not None:
            self.add(self.doc[token.i:token.i + 1], actor, "pronoun")

    def unnamed_author(self) -> Actor:
        """The unnamed author of this document: one actor per text, never shared across articles."""
        digest = hashlib.sha1(self.doc.text.encode("utf-8")).hexdigest()[:12]
        return Actor(key=f"author-{digest}", label="author", type="PERSON")

    def clause_subject(self, token: Token) -> Actor | None:
        """The actor that is the subject of the clause a possessive pronoun is in, if named before it."""
        collective = token.lower_ == "their"
        head = token.head
        for _ in range(4):
            if head.pos_ in ("VERB", "AUX"):
                break
            head = head.head
        else:
            return None
        while head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX") and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
            head = head.head  # "X refused ... and has urged its citizens": the subject both verbs share
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i < token.i and (m := child._.mention) is not None:
                plural = m.root.tag_ in ("NNS", "NNPS") or m._.actor.type in ("GROUP", "ORG")
                if (m._.actor.type != "PERSON" or m._.resolved_by == "possessor") and (
                        plural if collective else m.root.tag_ not in ("NNS", "NNPS")):
                    return m._.actor
        return None

    def speaker(self) -> Actor | None:
        """The first person in the document who says something ('Tobias Ellwood said:')."""
        if "speaker" not in self.first:
            self.first["speaker"] = next((m._.actor for m in self.mentions if m._.actor.type == "PERSON"
                                          and m.root.dep_ == "nsubj" and m.root.head.lemma_.lower() in SPEECH_VERBS),
                                         None)
        return self.first["speaker"]

    def first_state_subject(self) -> Actor | None:
        """The first state that speaks or acts in the document ('The United States condemns')."""
        if "state" not in self.first:
            countries = self.gazetteer.countries
            self.first["state"] = next((m._.actor for m in self.mentions if m._.actor.type == "GPE"
                                        and m._.actor.country in countries and m.root.dep_ == "nsubj"
                                        and m._.resolved_by != "pronoun"), None)
        return self.first["state"]

    def speaker_side(self, token: Token) -> Actor | None:
        """Who 'we' is: the country of a speaker in sight ("Boris Johnson said: we"), else who 'we'
        was before in the document, else the first state that speaks or acts in it ("The United
        States condemns ... We will"), else the last state or known body named; unless the first
        "we" had none of these in sight: then the statement's author is unnamed, and so is "we"."""
        countries = self.gazetteer.countries
        speaker = self.recent(lambda a: a.type == "PERSON" and a.country in countries, token.i,
                              lambda m: m.root.dep_ == "nsubj" and m.root.head.lemma_.lower() in SPEECH_VERBS)
        if speaker is not None:
            actor = countries[speaker.country].actor()
        elif self.we_unnamed:
            return None  # "We welcome ..." opening a statement with no one named: its unnamed author's side
        else:
            actor = self.we or self.first_state_subject()
            actor = actor or self.recent(lambda a: (a.type == "GPE" and a.country in countries)
                                         or (a.type == "ORG" and a.qid is not None), token.i)
        self.we = self.we or actor
        self.we_unnamed = self.we is None
        return actor

    def recent(self, accept, before: int, fits=None) -> Actor | None:
        """The most recent accepted actor mentioned within the window of sentences before ``before``.

        ``fits``, if given, also tests the mention itself (its number, for 'it').
        """
        sentence_of = self.sentence_of
        current = sentence_of[before]
        # The window counts sentences that mention someone, back from the current one.
        upto = bisect.bisect_right(self.mention_sentences, current)
        prior = self.mention_sentences[max(0, upto - self.window - 1):upto]
        if not prior or prior[-1] != current:
            prior = [*prior, current][-self.window - 1:]
        earliest = prior[0]
        for index in range(bisect.bisect_left(self.starts, before) - 1, -1, -1):
            mention = self.mentions[index]
            if sentence_of[mention.start] < earliest:
                break
            if accept(mention._.actor) and (fits is None or fits(mention)):
                return mention._.actor
        return None

    def remove(self, span: Span) -> None:
        """Forget a mention (to replace it by a longer one)."""
        at = self.mentions.index(span)
        del self.mentions[at]
        del self.starts[at]
        for t in span:
            t._.mention = None
        sentence = self.sentence_of[span.start]
        if not any(self.sentence_of[m.start] == sentence for m in self.mentions):
            self.mention_sentences.remove(sentence)

    def add(self, span: Span, actor: Actor, how: str) -> None:
        if any(t._.mention is not None for t in span):
            return
        span._.actor = actor
        span._.resolved_by = how
        for t in span:
            t._.mention = span
        at = bisect.bisect_right(self.starts, span.start)
        self.mentions.insert(at, span)
        self.starts.insert(at, span.start)
        sentence = self.sentence_of[span.start]
        at = bisect.bisect_left(self.mention_sentences, sentence)
        if at == len(self.mention_sentences) or self.mention_sentences[at] != sentence:
            self.mention_sentences.insert(at, sentence)


def _subject(span: Span) -> bool:
    """Whether a mention is, or names, the subject of its clause ('the Umma party has said')."""
    root = span.root
    if root.dep_ in ("compound", "amod", "nmod"):
        root = root.head
    return root.dep_ in ("nsubj", "nsubjpass")


def _place_before_conjunction(ent: Span) -> Span | None:
    """'Aleppo and' tagged as a work of art before 'Daraya' (a place): a name the tagger cut at the
    conjunction is of the same kind as the place it is conjoined with."""
    if len(ent) < 2 or ent[-1].pos_ != "CCONJ":
        return None
    name = ent[:-1]
    if name.root.pos_ != "PROPN" or not any(c.dep_ == "conj" and c.ent_type_ == "GPE" for c in name.root.children):
        return None
    return name


def _trim(span: Span) -> Span:
    """Drop a leading article and a trailing possessive: "the Soviet Union's" → "Soviet Union"."""
    start, end = span.start, span.end
    while end - start > 1 and span.doc[end - 1].tag_ == "POS":
        end -= 1
    if end - start > 1 and span.doc[start].lower_ == "the":
        start += 1
    return span.doc[start:end]


def _strip_article(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


class ActorsComponent:
    def __init__(self, nlp: Language, name: str, coreference_window: int) -> None:
        self.name = name
        self.window = coreference_window
        self.gazetteer = load_gazetteer()
        load_titles()
        self.aliases = PhraseMatcher(nlp.vocab)
        self.aliases.add("ALIAS", [nlp.make_doc(name) for name in load_alias_names()])

    def __call__(self, doc: Doc) -> Doc:
        resolver = ActorResolver(doc, self.gazetteer, self.window)
        # Names the small model misses or mislabels ("Daesh", "ISIL" as NORP) come from the aliases.
        names = {t.i: ent for ent in doc.ents if ent.label_ in ("ORG", "FAC", "EVENT", "WORK_OF_ART") for t in ent}
        for _, start, end in self.aliases(doc):
            span = doc[start:end]
            name = names.get(start)
            if name is not None and name.end - name.start > end - start and not start <= name.root.i < end \
                    and name.root.text[:1].isupper():
                continue  # part of a longer name: "the Global Coalition to Counter ISIL"
            if (actor := resolver.alias(span.text)) is not None:
                resolver.add(span, actor, "gazetteer")
        handlers = {"PERSON": resolver.person, "GPE": resolver.place, "ORG": resolver.organisation,
                    "NORP": resolver.group}
        for ent in doc.ents:
            if ent.label_ in handlers:
                handlers[ent.label_](ent)
            elif (place := _place_before_conjunction(ent)) is not None:
                resolver.place(place)
        # Descriptions and group nouns look at the names around them; pronouns at all of these.
        nouns = [t for t in doc if t.ent_type_ == "" and t.pos_ in ("NOUN", "PROPN")]
        for token in nouns:
            if token._.mention is None:
                resolver.description(token)
        # Right to left, so that "leaders of Romania's new government" sees the actor inside first.
        for token in reversed(nouns):
            if token._.mention is None:
                resolver.agent_group(token)
        for token in doc:
            if token._.mention is None and token.pos_ == "PRON" and token.lower_ in PERSONAL | COLLECTIVE_PRONOUNS:
                resolver.pronoun(token)
        doc._.mentions = resolver.mentions
        return doc


@Language.factory(
    "newsgraph_actors",
    default_config={"coreference_window": 2},
    requires=["doc.ents", "token.dep", "token.pos"],
    assigns=["doc._.mentions", "span._.actor", "token._.mention"],
)
def make_actors(nlp: Language, name: str, coreference_window: int) -> ActorsComponent:
    """Actor mentions resolved to canonical actors; ``coreference_window`` is in sentences."""
    return ActorsComponent(nlp, name, coreference_window)


__all__ = ["ActorResolver", "ActorsComponent", "make_actors"]
