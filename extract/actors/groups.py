"""Groups: demonyms standing for their country, agent nouns naming groups, bodies acting for their owner."""

from __future__ import annotations

from spacy.tokens import Span, Token

from extract.actors.base import ResolverBase
from extract.actors.repairs import trim
from extract.actors.vocabulary import (
    COLLECTIVES,
    DEFINITE,
    GENERIC_BODIES,
    GROUP_SECTORS,
    POLITIES,
    STATE_SECTORS,
    _fold,
    load_group_nouns,
    load_not_agents,
    title_at,
)
from extract.lexicon import load_lexicon
from extract.records import Actor
from extract.reference import slug

# The bodies that govern a people: "their government" of "Iraqi students" is Iraq.
GOVERNMENTS = {"government", "regime", "authority", "leadership"}


class GroupsMixin(ResolverBase):
    """NORP entities and the agent nouns outside any entity."""

    def group(self, ent: Span) -> None:
        """'British officials', 'Russian forces': a demonym heading a collective stands for its country.

        A demonym before another agent noun ('Afghan rebels') is a group of that country.
        """
        ent = trim(ent)
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
        elif self.non_state(head):
            self.agent_group(head, country.iso3)  # "Syrian opposition forces" are no state's forces
        elif head.lower_ in COLLECTIVES or head.lemma_.lower() in COLLECTIVES or sector in STATE_SECTORS:
            span = self.doc[min(ent.start, head.i) : max(ent.end, head.i + 1)]
            self.add(span, country.actor(), "demonym")
        elif sector is not None:
            self.agent_group(head, country.iso3)
        elif head.pos_ == "NOUN":
            self.add(ent, country.actor(), "demonym")  # "an Indian proposal": India's

    def non_state(self, head: Token) -> bool:
        """'opposition forces', 'rebel fighters': a compound of a non-state group makes the head its group."""
        return any(
            c.dep_ == "compound" and (sector := self.agent_sector(c)) is not None and sector not in STATE_SECTORS
            for c in head.lefts
        )

    def people(self, ent: Span) -> None:
        """'Kurds', 'Iraqi Kurds', 'Sunnis': a people with no state of its own is a group."""
        root = ent.root
        if root.dep_ in ("amod", "compound") or root.pos_ not in ("NOUN", "PROPN") or root.tag_ not in ("NNS", "NNPS"):
            return
        start = ent.start
        if start > 0 and self.doc[start - 1]._.mention is None and (c := self.demonym(self.doc[start - 1].text)):
            start -= 1  # "Iraqi Kurds": the Kurds of Iraq
        span = self.doc[start : ent.end]
        self.add(
            span,
            Actor(key=slug(span.text), label=span.text, type="GROUP", country=c.iso3 if start < ent.start else None),
            "name",
        )

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
        if (
            token.lemma_.lower() in POLITIES
            and token.tag_ == "NNS"
            and any(c.dep_ == "compound" and c.lemma_.lower() in load_group_nouns() for c in token.lefts)
        ):
            return "GOV"  # "member states", "donor countries": the states in that role
        not_agents = load_not_agents()
        if token.lemma_.lower() in not_agents or token.lower_ in not_agents or token.lower_[:-1] in not_agents:
            return None  # "bases": the tagger's lemma may be another word ("basis")
        if sector not in GROUP_SECTORS or (
            lexicon.verb_of(token.lemma_)
            and token.lower_ not in COLLECTIVES
            and token.lemma_.lower() not in COLLECTIVES
        ):
            return None
        return sector

    def agent_group(self, token: Token, country: str | None = None) -> None:
        """'Afghan rebels', 'the Assad regime', 'Security forces in Guinea': a group named by its noun."""
        if not self.may_name_group(token) or self.possessed_collective(token):
            return
        if any(
            c.dep_ in ("compound", "nmod", "amod")
            and c._.mention is not None
            and c._.mention._.actor.type in ("ORG", "GROUP")
            for c in token.lefts
        ):
            return  # "Hezbollah guerrillas": the named group is the actor
        if self.owned_conjoined_collective(token):
            return
        if any(
            c.dep_ == "prep"
            and c.lower_ in ("of", "from", "like", "including")
            and any(p._.mention is not None for p in c.children)
            for c in token.children
        ):
            return  # "leaders from Cuba": the actors are inside
        span = self.group_span(token)
        country = country or self.group_country(token, span)
        if (antecedent := self.named_antecedent(token, span)) is not None:
            self.add(span, antecedent, "description")
            return
        label = span.text
        if (
            self.agent_sector(token) in STATE_SECTORS
            and country
            and span[0].dep_ != "poss"
            and len(span) > 1
            and country in self.gazetteer.countries
            and all(self.demonym(t.text) or t == token for t in span)
        ):
            self.add(span, self.gazetteer.countries[country].actor(), "demonym")
            return
        self.add(span, Actor(key=group_key(span), label=label, type="GROUP", country=country), "name")

    def may_name_group(self, token: Token) -> bool:
        """Whether a noun outside any mention can name a group where it stands."""
        if token._.mention is not None or token.dep_ == "amod" or token.i in self.offices_held:
            return False  # "Chairman of the State Duma Vyacheslav Volodin": the Duma is his office's
        if token.dep_ == "compound" and not (
            token.head.pos_ == "NOUN" and load_lexicon().noun_sense(token.head.lemma_)
        ):
            return False  # a modifier is an actor only as the agent of an event: "coalition operations"
        if self.agent_sector(token) is None or title_at(self.doc, token.i + 1) is not None:
            return False
        if (
            token.tag_ == "NN"
            and token.dep_ != "compound"
            and not any(c.dep_ in ("det", "poss", "amod", "compound") for c in token.children)
        ):
            return False  # a bare singular ("defence", "security") names a domain, not a group
        # "its troops": the possessor acts, once the pronoun is resolved
        return not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children)

    def group_span(self, token: Token) -> Span:
        """The noun phrase a group noun heads, without its article: 'Afghan rebels', 'Security forces'."""
        doc = self.doc
        lefts = [
            t
            for t in token.lefts
            if t.dep_ in ("amod", "compound", "nmod", "poss", "det") and t._.mention is None and t.tag_ != "POS"
        ]
        start = min([t.left_edge.i if t.dep_ != "det" else t.i for t in lefts] + [token.i])
        while start < token.i and doc[start].dep_ == "det":
            start += 1
        return doc[start : token.i + 1]

    def group_country(self, token: Token, span: Span) -> str | None:
        """A group's country: a demonym in it, its possessor's, or a place it is 'in', 'of' or 'from'."""
        for t in span[:-1]:
            if (c := self.demonym(t.text)) is not None:
                return c.iso3
        for child in token.children:
            if child.dep_ == "poss" and child._.mention is not None:
                if child._.mention._.actor.country is not None:
                    return child._.mention._.actor.country
            elif child.dep_ == "prep" and child.lower_ in ("in", "of", "from"):
                country = None
                for pobj in child.children:
                    if pobj._.mention is not None and pobj._.mention._.actor.type == "GPE":
                        country = pobj._.mention._.actor.country
                if country is not None:
                    return country
        return None

    def named_antecedent(self, token: Token, span: Span) -> Actor | None:
        """'the Coalition' after 'the Global Coalition', 'this terrorist group' after 'ISIL'.

        A definite noun phrase whose head is a word of a body named just before, or a generic word
        for an organisation after a named armed group, refers back to it.
        """
        if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.lefts) or any(
            t.pos_ not in ("ADJ", "NOUN", "PROPN") for t in span[:-1]
        ):
            return None
        noun = token.lemma_.lower()
        if noun in GENERIC_BODIES:
            return self.recent(lambda a: a.type == "GROUP" and a.qid is not None, token.i)
        words = {_fold(t.text) for t in span} | {noun}
        # every word of the description is the body's: "the Iraqi people" is not "the Cuban people"
        return self.recent(
            lambda a: (
                a.type in ("ORG", "GROUP")
                and len(_fold(a.label).split()) > 1
                and noun in (label := set(_fold(a.label).split()))
                and words - {noun} <= label
            ),
            token.i,
        )

    def possessed_collective(self, token: Token) -> bool:
        """'Putin's administration', 'the Assad regime', 'Iraq's government': the owner acts.

        A body that acts for a named person or country is that actor; the mention grows to cover
        the phrase, so it is not a second actor ("administration", country Russia).
        """
        if not self.is_collective(token):
            return False
        owners = [
            c._.mention
            for c in token.lefts
            if c._.mention is not None
            and (c.dep_ == "poss" or (c.dep_ in ("compound", "nmod") and c._.mention._.actor.type in ("PERSON", "GPE")))
        ]
        if len(owners) != 1 or owners[0].end > token.i:
            return False
        owner = owners[0]
        between = self.doc[owner.end : token.i]
        if any(
            t._.mention is not None
            or t.ent_type_
            or t.pos_ not in ("ADJ", "ADV", "VERB", "PART", "PUNCT")
            and t.tag_ != "POS"
            for t in between
        ):
            return False  # "Iraq's Kurdish government": another actor between
        self.remove(owner)
        self.add(self.doc[owner.start : token.i + 1], owner._.actor, "possessor")
        return True

    def owned_conjoined_collective(self, token: Token) -> bool:
        """'the government and people of Iraq': a body coordinated with another before 'of' a
        country is that country's, a mention of its own (as 'Iraq's government' is Iraq)."""
        if not self.is_collective(token) or not any(c.dep_ == "conj" for c in token.children):
            return False
        owners = [
            p._.mention._.actor
            for c in token.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children
            if p._.mention is not None and p._.mention._.actor.type == "GPE"
        ]
        if len(owners) != 1:
            return False
        self.add(self.doc[token.i : token.i + 1], owners[0], "possessor")
        return True

    def is_collective(self, token: Token) -> bool:
        """A noun for the body acting for someone: 'government', 'regime', 'forces', 'ministers'."""
        return (
            token.lower_ in COLLECTIVES
            or token.lemma_.lower() in COLLECTIVES
            or self.agent_sector(token) in STATE_SECTORS
        )

    def owned_government(self, token: Token) -> None:
        """'Chinese citizens criticised their government': a people's government, regime or authorities
        is the state of that people's country (a pronoun possessor resolved to a group of a country)."""
        owner = next((c._.mention for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if (
            owner is None
            or token._.mention is not None
            or token.lemma_.lower() not in GOVERNMENTS
            or owner._.actor.type != "GROUP"
            or owner._.actor.country not in self.gazetteer.countries
        ):
            return
        self.remove(owner)
        self.add(
            self.doc[owner.start : token.i + 1], self.gazetteer.countries[owner._.actor.country].actor(), "possessor"
        )


def group_key(span: Span) -> str:
    """A group's key, the same for its singular and plural ('victim', 'victims' → 'victim')."""
    root = span.root
    words = [t.lemma_ if t == root and t.tag_ in ("NNS", "NNPS") and t.lemma_ else t.text for t in span]
    return slug(" ".join(words))
