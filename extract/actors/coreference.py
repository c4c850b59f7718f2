"""References to earlier mentions: descriptions, titles and pronouns; who "I" and "we" are."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from extract.actors.base import ResolverBase
from extract.actors.vocabulary import COLLECTIVE_PRONOUNS, FEMININE, FIRST_PERSON, SECOND_PERSON, title_at
from extract.qualifiers import SPEECH_VERBS
from extract.records import Actor
from extract.reference import fold, slug


class CoreferenceMixin(ResolverBase):
    """Descriptions ('the Russian leader') and pronouns resolved to the actors named before them."""

    def description(self, token: Token) -> None:
        """'the Russian leader', 'The President', 'Russia's president'."""
        doc = self.doc
        found = title_at(doc, token.i + 1)
        if found is None or token._.mention is not None:
            return
        role, at = found
        if token.i + 1 < len(doc) and doc[token.i + 1].ent_type_ == "PERSON" or self.office_of_named(at):
            return  # a title before a name is handled with the name
        left = [t for t in token.lefts]
        # "Foreign Secretary welcomes ...": a headline names an office without an article
        headline = (
            doc[at].is_sent_start
            and doc[at].text[:1].isupper()
            and token.dep_ == "nsubj"
            and token.head.i == token.i + 1
        )
        if not headline and not any(t.lower_ in ("the", "this") or t.dep_ == "poss" for t in left):
            return
        country = self.title_country(token, at)
        named = self.named_in_apposition(token)
        actor: Actor | None
        if named:  # "the Iraqi Foreign Minister, Ibrahim al-Jaafari": the name that follows
            actor = replace(named[0], role=named[0].role or role, country=named[0].country or country)
        elif (body := self.led_body(token)) is not None:
            # "the leader of the Russian Orthodox Church": whoever holds that office in that body
            label = f"{role} of {body.label}"
            actor = Actor(key=slug(label), label=label, type="PERSON", country=body.country, role=role)
        else:
            actor = self.title_antecedent(token, role, country)
        if actor is None and country and self.date:
            actor = self.gazetteer.office_holder(country, "President" if fold(role) == "leader" else role, self.date)
        if actor is None and doc[at].text[:1].isupper() and (headline or any(t.lower_ == "the" for t in left)):
            # "The Foreign Secretary" with no one named before: the office holder, unnamed; with no country
            # either, nothing shows another article's "Foreign Secretary" is the same person: the key is the article's
            if country in self.gazetteer.countries:
                label = f"{self.gazetteer.countries[country].name} {role}"
                key = slug(label)
            else:
                label, key = role, self.local_key(role)
            actor = Actor(key=key, label=label, type="PERSON", country=country, role=role)
        if actor is None:
            return
        start = min([t.i for t in left if t.dep_ in ("det", "amod", "compound", "poss")] + [at])
        inside = [t.i for t in doc[start : token.i] if t._.mention is not None]
        if inside:  # "The Labour leader": the body named inside stays its own mention
            start = max(inside) + 1
        self.add(doc[start : token.i + 1], actor, "description")

    def office_of_named(self, at: int) -> bool:
        """Whether the title beginning at ``at`` is the office of a person named after it: 'the Prime
        Minister of Norway Jonas Gahr Støre'."""
        return any(
            m._.actor.type == "PERSON"
            and at < m.start <= at + 10
            and (office := self.office_before(m.start)) is not None
            and office[2] == at
            for m in self.mentions
        )

    def title_antecedent(self, token: Token, role: str, country: str | None) -> Actor | None:
        """Who 'the Chancellor', 'the Russian leader' is: the one person named before in the article with
        that role (and country), else the latest person in the window whose role and country fit."""
        generic = fold(role) in GENERIC_TITLES
        others = self.coarguments(token)
        strict = [
            a
            for a in self.actors.values()
            if self.first_at[a.key] < token.i
            and a.type == "PERSON"
            and a.key not in others
            and (country is None or a.country == country)
            and (country is not None if generic else _role_fits(role, a.role))
        ]
        if len(strict) == 1:
            return strict[0]
        return self.recent(
            lambda a: (
                a.type == "PERSON"
                and a.key not in others
                and (country is None or a.country == country)
                and (generic or _role_fits(role, a.role))
            ),
            token.i,
        )

    def led_body(self, token: Token) -> Actor | None:
        """The organisation in 'the leader of the Russian Orthodox Church', 'the Labour leader'."""
        for child in token.lefts:
            if (
                child.dep_ in ("compound", "nmod")
                and child._.mention is not None
                and child._.mention._.actor.type in ("ORG", "GROUP")
            ):
                return child._.mention._.actor
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj._.mention is not None and pobj._.mention._.actor.type in ("ORG", "GROUP"):
                        return pobj._.mention._.actor
        return None

    def coarguments(self, token: Token) -> set[str]:
        """Actors that are the subject of the verb a pronoun or description is the object of: in
        'Putin thanked him', 'him' is not Putin (a non-reflexive object is not its clause's subject);
        for a possessor, the parties its noun names: in 'their clashes with the police', 'their' is not
        the police."""
        if token.dep_ == "poss":
            return _noun_parties(token.head)
        head = token.head
        if token.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
            head = head.head
        if token.dep_ in ("nsubj", "nsubjpass") or head.pos_ not in ("VERB", "AUX"):
            return set()
        return {  # "Mendez and another agent smuggled them out": neither of the conjoined subjects
            m._.actor.key
            for c in head.children
            if c.dep_ in ("nsubj", "nsubjpass")
            for t in (c, *c.conjuncts)
            if (m := t._.mention) is not None
        }

    def title_country(self, token: Token, at: int) -> str | None:
        """The country of a title: 'the Russian leader', 'Russia's president', 'the President of Peru'."""
        doc = self.doc
        country = None
        for t in [*doc[at : token.i], *(c for c in token.lefts if c.i < at)]:
            c = self.gazetteer.demonym(t.text) or self.gazetteer.country_named(t.text)
            if c is not None:
                country = c.iso3
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    c = self.gazetteer.country_named(pobj.text)
                    if c is not None:
                        country = c.iso3
        return country

    def named_in_apposition(self, token: Token) -> list[Actor]:
        """The people named in apposition to a title: 'the Iraqi Foreign Minister, Ibrahim al-Jaafari'."""
        doc = self.doc
        named = [c._.mention for c in token.children if c.dep_ == "appos" and c._.mention is not None]
        if token.i + 2 < len(doc) and doc[token.i + 1].text == "," and doc[token.i + 2]._.mention is not None:
            named.append(doc[token.i + 2]._.mention)
        return [m._.actor for m in named if m._.actor.type == "PERSON"]

    def pronoun(self, token: Token) -> None:
        """Resolve a pronoun, once at a time: in '"According to him, the plan will fail," she said' the
        clause's source is "him" itself, so finding the quotation's speaker asks for it again; that
        inner ask finds no one."""
        if token.i in self.pronouns_underway:
            return
        self.pronouns_underway.add(token.i)
        try:
            others = self.coarguments(token)
            actor = self.antecedent_of(token, others)
        finally:
            self.pronouns_underway.discard(token.i)
        # "I", "we" and "you" point at the speaker and the addressee, who may be anywhere in the clause
        deictic = token.lower_ in FIRST_PERSON | SECOND_PERSON | {"we", "us", "our"}
        if actor is not None and (deictic or actor.key not in others):
            self.add(self.doc[token.i : token.i + 1], actor, "pronoun")

    def antecedent_of(self, token: Token, others: set[str]) -> Actor | None:
        """Who a pronoun stands for, if the text tells; never one of ``others`` found by recency."""
        if token.lower_ in COLLECTIVE_PRONOUNS:
            if token.lower_ == "it" and (
                token.dep_ != "nsubj" or token.head.lemma_ == "be" or token.head.pos_ == "AUX"
            ):
                return None  # "it is right that...", "It's essential": no referent
            if token.lower_ in ("we", "us", "our"):
                return self.speaker_side(token)
            if token.dep_ == "poss" and (owner := self.clause_subject(token)) is not None and owner.key not in others:
                return owner  # "Putin's administration reiterated its position": its own
            if token.lower_ in ("it", "its"):
                # "it" is a thing as often as an actor: only a singular subject just before it is its referent
                here = self.sentence_of[token.i]
                return self.recent(
                    lambda a: a.type != "PERSON" and a.key not in others,
                    token.i,
                    lambda m: (
                        m.root.tag_ not in ("NNS", "NNPS")
                        and (token.lower_ == "its" or (_subject(m) and here - self.sentence_of[m.start] <= 1))
                    ),
                )
            actor = self.plural_antecedent(token, others)
            if actor is not None and actor.key in self.speaking_here(token):
                return None  # '"They imposed sanctions on us," Putin said': "they" is not Putin's side
            return actor
        if token.lower_ in FIRST_PERSON:
            return self.first_person(token)
        if token.lower_ in SECOND_PERSON:
            return self.addressee(token.i)  # only the interlocutor of a transcript
        return self.third_person(token, others)

    def plural_antecedent(self, token: Token, others: frozenset[str] | set[str] = frozenset()) -> Actor | None:
        """Who 'they' is: the plural subject of a clause it is part of ('European countries keep saying that
        they ...'), if an actor; else a group or body named just before ('Daesh ... they') or a plural name;
        never a country or a person named alone ('Australia ... they' stays unresolved). Never one of several
        actors coordinated ('Russia and Uzbekistan ... their ties' are both, no one actor), nor anyone when
        the plural subject above it is no actor; a subject that is one of ``others`` ('the police fired at
        them') is passed over for the group named before."""
        subject = _plural_subject_above(token)
        if subject is not None and not (subject._.mention is not None and subject._.mention._.actor.key in others):
            mention = subject._.mention
            if mention is None or mention._.actor.type == "PERSON" or _coordinated(mention):
                return None
            return mention._.actor
        found = self.recent_mention(
            lambda m: (
                m._.actor.type != "PERSON"
                and m._.actor.key not in others
                and (m._.actor.type in ("GROUP", "ORG") or m.root.tag_ in ("NNS", "NNPS") or _coordinated(m))
            ),
            token.i,
        )
        if found is None or _coordinated(found):
            return None
        return found._.actor

    def third_person(self, token: Token, coarguments: set[str]) -> Actor | None:
        """'he', 'her': the latest person in the window of that gender, never the subject of the clause a
        non-reflexive object pronoun is in ('Putin thanked him'), nor the speaker of the quotation it is in.

        A person of unknown gender fits either pronoun. The pronoun tells the gender of its antecedent
        only when no other person was in sight: a guess between two people is no evidence for the next
        pronoun ('Smith met Jones. He left.' does not make Jones a man). ``coarguments``: the pronoun's
        (:meth:`coarguments`)."""
        gender = "female" if token.lower_ in FEMININE else "male"
        others = set(coarguments)
        if self.quoted(token.i) is not None and (speaker := self.quoted_speaker(token)) is not None:
            others.add(speaker.key)  # in her own words, "she" is someone else
        if (quotation := self.attributed_quotation(token)) is not None:
            # '"I have warned Putin," he said': whom the speaker names in the third person is someone else
            others |= {m._.actor.key for m in self.mentions_in(self.doc[quotation[0] : quotation[1]])}
        in_sight: set[str] = set()

        def person(a: Actor) -> bool:
            if a.type == "PERSON" and a.key not in others and not a.key.startswith("author-"):
                in_sight.add(a.key)
                return True
            return False

        self.recent(lambda a: person(a) and False, token.i)  # everyone in sight
        actor = self.recent(lambda a: person(a) and self.gender.get(a.key, gender) == gender, token.i)
        if actor is not None and len(in_sight) == 1:
            self.gender.setdefault(actor.key, gender)
        return actor

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
        while (
            head.dep_ == "conj"
            and head.head.pos_ in ("VERB", "AUX")
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children)
        ):
            head = head.head  # "X refused ... and has urged its citizens": the subject both verbs share
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i < token.i and (m := child._.mention) is not None:
                plural = m.root.tag_ in ("NNS", "NNPS") or m._.actor.type in ("GROUP", "ORG")
                if (m._.actor.type != "PERSON" or m._.resolved_by == "possessor") and (
                    plural if collective else m.root.tag_ not in ("NNS", "NNPS")
                ):
                    return m._.actor
        return None

    def first_state_subject(self) -> Actor | None:
        """The first state that speaks or acts in the document ('The United States condemns')."""
        if "state" not in self.first:
            countries = self.gazetteer.countries
            self.first["state"] = next(
                (
                    m._.actor
                    for m in self.mentions
                    if m._.actor.type == "GPE"
                    and m._.actor.country in countries
                    and m.root.dep_ == "nsubj"
                    and m._.resolved_by != "pronoun"
                ),
                None,
            )
        return self.first["state"]

    def speaking_here(self, token: Token) -> set[str]:
        """The keys of who speaks where ``token`` is, in a quotation or turn whose speaker the text
        identifies: the speaker and the side their "we" stands for; empty in narration. A speaker's
        "they" is others: never the speaker nor the speaker's side."""
        turn = self.turn_at(token.i)
        speaker = self.quoted_speaker(token) or (turn[1] if turn is not None else None)
        if speaker is None or (turn is None and self.quoted(token.i) is None):
            return set()
        if speaker.type != "PERSON":
            return {speaker.key}  # a body's own "they" is others too
        side = self.on_behalf_of(token) or self.side_of(speaker)
        return {speaker.key} | ({side.key} if side is not None else set())

    def speaker_side(self, token: Token) -> Actor | None:
        """Who 'we' is. In a quotation or a turn: the body it is attributed to ('"We will not back down,"
        the ministry said'), or the side the text gives the person who speaks (``side_of``: the body they
        head, the country of a head of state or government), else no one, as for a speaker the text does
        not name. In narration: the side of a person just said to speak, else who 'we' was before in the
        narration, else the first state that speaks or acts in the document ("The United States condemns
        ... We will"), else the last state or known body named; unless the first "we" had none of these in
        sight: then the statement's author is unnamed, and so is "we"."""
        speaker = self.quoted_speaker(token)
        if speaker is not None and self.one_unnamed(token):
            return None  # '"We were terrified," a passenger said'
        if speaker is None and (turn := self.turn_at(token.i)) is not None:
            speaker = turn[1]
            if speaker is None:
                return None  # 'Question: ... we'
        elif speaker is None and self.quoted(token.i) is not None:
            return None  # a quotation by someone the text does not name
        if speaker is not None and speaker.type == "PERSON" and (body := self.on_behalf_of(token)) is not None:
            return body  # '"On behalf of the Court," wrote Chief Justice John G. Roberts, "... We extend ..."'
        if speaker is not None:
            return speaker if speaker.type != "PERSON" else self.side_of(speaker)
        countries = self.gazetteer.countries
        said = self.recent(
            lambda a: a.type == "PERSON" and a.country in countries,
            token.i,
            lambda m: m.root.dep_ == "nsubj" and m.root.head.lemma_.lower() in SPEECH_VERBS,
        )
        if said is not None and (side := self.side_of(said)) is not None:
            return side
        if self.we_unnamed:
            return None  # "We welcome ..." opening a statement with no one named: its unnamed author's side
        actor = self.we or self.first_state_subject()
        actor = actor or self.recent(
            lambda a: (a.type == "GPE" and a.country in countries) or (a.type == "ORG" and a.qid is not None),
            token.i,
        )
        self.we = self.we or actor
        self.we_unnamed = self.we is None
        return actor


# The prepositions by which a noun names the parties of what it is: "their talks with X", "his attack on X".
PARTY_PREPOSITIONS = ("with", "against", "on", "to", "toward", "towards", "for", "from", "between", "by")


def _noun_parties(noun: Token) -> set[str]:
    """The actors a noun names in its own prepositional phrases ('talks with X and Y', 'sanctions
    against X'): a possessive pronoun of the noun is another party (no reflexive reading)."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return set()
    return {
        m._.actor.key
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ in PARTY_PREPOSITIONS
        for o in p.children
        if o.dep_ == "pobj"
        for t in (o, *o.conjuncts)
        if (m := t._.mention) is not None
    }


def _subject(span: Span) -> bool:
    """Whether a mention is, or names, the subject of its clause ('the Umma party has said')."""
    root = span.root
    if root.dep_ in ("compound", "amod", "nmod"):
        root = root.head
    return root.dep_ in ("nsubj", "nsubjpass")


def _plural_subject_above(token: Token) -> Token | None:
    """The subject before ``token`` of the nearest clause above it that has one, when plural ('countries',
    'X and Y'); None when that subject is singular or there is none."""
    head = token.head
    for _ in range(6):
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i and c != token]
        if subjects:
            subject = subjects[0]
            plural = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)
            return subject if plural and subject.pos_ != "PRON" else None
        if head.head is head:
            return None
        head = head.head
    return None


def _coordinated(mention: Span) -> bool:
    """Whether a mention is one of several named actors joined by 'and' ('Russia and Uzbekistan'), whom
    'their' is together, no one of them; groups named by common nouns ('members and supporters') are not."""
    root = mention.root

    def named(m: Span | None) -> bool:
        return m is not None and m._.actor.type != "GROUP"

    return named(mention) and (
        (root.dep_ == "conj" and named(root.head._.mention))
        or any(c.dep_ == "conj" and named(c._.mention) for c in root.children)
    )


# Titles any head of a country or body is called by: "the Russian leader".
GENERIC_TITLES = {"leader", "head of state"}


def _role_fits(title: str, role: str | None) -> bool:
    """'the Chancellor' fits a Federal Chancellor, 'the President' a President."""
    if role is None:
        return False
    title, role = fold(title), fold(role)
    return title == role or role.endswith(" " + title)
