"""Named mentions: people, places and organisations the tagger found, with the role and country around them."""

from __future__ import annotations

from spacy.tokens import Span

from extract.actors.base import ResolverBase
from extract.actors.repairs import located, strip_article, trim
from extract.actors.vocabulary import (
    DEFINITE,
    NAME_LINKS,
    _fold,
    load_aliases,
    load_body_nouns,
    load_metonyms,
    load_place_nouns,
    office_at,
    title_at,
)
from extract.records import Actor
from extract.reference import fold, slug


class NamesMixin(ResolverBase):
    """PERSON, GPE and ORG entities resolved to canonical actors."""

    def person(self, ent: Span) -> None:
        """A PERSON entity: a person, unless the tagger misread a place, a body or a people as one."""
        if self.place_or_event(ent, tagged_person=True):
            return  # "Wellhouse Lane", "on Maidan" tagged a person
        if (name := self.office_glued(ent)) is not None:
            self.named_person(name)
            return
        misread = self.misread_person(ent)
        if misread is not None:
            {"GPE": self.place, "ORG": self.organisation, "NORP": self.group}[misread](ent)
            return
        self.named_person(ent)

    def named_person(self, ent: Span) -> None:
        """A person's name, linked on the evidence around it.

        After 'TITLE of COUNTRY' the country is the person's attribute ('Prime Minister of Norway Jonas
        Gahr Støre'), and after 'TITLE of BODY' the body is ('President of the European Council Charles
        Michel', role 'President of the European Council'): not a mention of its own that a relation
        could take for the party.
        """
        name = self.person_name(ent)
        role, country = self.context(name.start)
        actor, how = self.link_person(name, role, country)
        self.note_gender(actor, name)
        office = self.office_before(name.start)
        if office is not None:
            for inside in {t._.mention for t in self.doc[office[2] : name.start] if t._.mention is not None}:
                if inside._.actor.type != "PERSON" and inside._.resolved_by != "pronoun":
                    self.remove(inside)  # 'Prime Minister of Norway Jonas Gahr Støre': Norway is no party there
                    self.office_bodies.update(dict.fromkeys(range(inside.start, inside.end), inside))
            self.offices_held.update(range(office[2], name.start))
        self.add(name, actor, how)

    def context(self, start: int) -> tuple[str | None, str | None]:
        """Role and country written just before a name: 'Cuban President', 'President of Russia'."""
        found = self.office_before(start)
        return (found[0], found[1]) if found else (None, None)

    def office_before(self, start: int) -> tuple[str, str | None, int] | None:
        """The office written just before a name, as (role, country, where the office begins): 'Cuban
        President', 'Russia's President', 'Prime Minister of Norway', 'President of the French Republic',
        'Chairman of the State Duma' (role 'Chairman of the State Duma', country Russia)."""
        doc = self.doc
        lo = max(doc[start].sent.start, start - 12)
        tokens = list(doc[lo:start])
        found = title_at(tokens, len(tokens))
        if found is None:
            return self.office_of(tokens, lo) or self.office_after_body(tokens, lo)
        role, at = found
        country = None
        before = tokens[:at]
        if before:
            c = self.gazetteer.demonym(before[-1].text) or self.gazetteer.country_named(before[-1].text)
            if c is None and before[-1].tag_ == "POS" and len(before) > 1:
                c = self.gazetteer.country_named(before[-2].text)
            country = c.iso3 if c else None
        if country is None and (body := self.office_after_body(tokens, lo)) is not None:
            return body  # 'Federation Council Speaker Valentina Matviyenko'
        return role, country, lo + at

    def office_after_body(self, tokens: list, lo: int) -> tuple[str, str | None, int] | None:
        """'Federation Council Speaker', 'Rosneft head', 'State Duma Chairman' ending ``tokens``: a title or a
        head's title written after the name of a body (capitalised words that :meth:`body_named` knows). The
        office as written is the role; its country the one the reference data gives the body."""
        found = office_at(tokens, len(tokens))
        if found is None:
            return None
        at = found[1]
        begins = at
        while begins > 0 and at - begins < 6 and _body_word(tokens[begins - 1]):
            begins -= 1
        while begins < at and (not tokens[begins].text[:1].isupper() or tokens[begins].lower_ == "the"):
            begins += 1  # a body's name begins with a capital: 'of the State Duma' is another office's
        if begins == at or (begins > 0 and tokens[begins - 1].lower_ == "of"):
            return None
        words = tokens[begins:at]
        if not self.body_named(words) and not all(t.ent_type_ == "ORG" for t in words):
            return None
        role = "".join(t.text_with_ws for t in tokens[begins:]).strip()
        country = load_metonyms().get(fold(" ".join(t.text for t in words)))
        if country is None and (first := self.demonym(words[0].text)) is not None:
            country = first.iso3  # 'Russian Direct Investment Fund CEO'
        return role, country, lo + begins

    def office_of(self, tokens: list, lo: int) -> tuple[str, str | None, int] | None:
        """'Prime Minister of Norway', 'President of the Republic of Korea', 'Secretary-General of the United
        Nations' ending ``tokens``: a title, 'of' and words that are, all of them, a country's name, or the
        name of a body (so not 'Secretary of State'). A body's office is the role, its country the country
        the reference data gives the body ('State Duma': Russia)."""
        for of in range(len(tokens) - 2, 0, -1):
            if tokens[of].lower_ != "of" or (found := office_at(tokens, of)) is None:
                continue
            words = tokens[of + 1 :]
            if words[0].lower_ == "the":
                words = words[1:]
            if not words:
                continue
            text = " ".join(t.text for t in words)
            country = self.gazetteer.country_named(text)
            if country is not None:
                return found[0], country.iso3, lo + found[1]
            if words[0].text[:1].isupper() and all(t.ent_type_ in ("GPE", "LOC") for t in words):
                # 'Head of the Republic of Dagestan', 'Governor of the Tula Region': a place's office
                return f"{found[0]} of {self.doc[tokens[of + 1].i : tokens[-1].i + 1].text}", None, lo + found[1]
            if self.body_named(words):
                body = self.doc[tokens[of + 1].i : tokens[-1].i + 1].text
                return f"{found[0]} of {body}", load_metonyms().get(fold(text)), lo + found[1]
        return None

    def body_named(self, words: list) -> bool:
        """Whether ``words`` name a body: capitalised words (and the small words of a name) that the
        reference data knows as an organisation, or headed by a noun for a body ('the Security Council',
        'the Management Board of Sberbank', 'the State Duma')."""
        if not words[0].text[:1].isupper() or any(
            not (t.text[:1].isupper() or t.lower_ in NAME_LINKS or t.tag_ == "POS" or t.text in "-'’&") for t in words
        ):
            return False
        text = " ".join(t.text for t in words)
        known = self.gazetteer.lookup(text)
        return (
            (known is not None and known.type == "ORG")
            or fold(text) in load_metonyms()
            or any(t.lower_ in load_body_nouns() for t in words)
        )

    def place(self, ent: Span) -> None:
        g = self.gazetteer
        ent = trim(ent)
        if self.place_or_event(ent):
            return  # "Tahrir Square": a place no government is named for
        if (name := self.office_glued(ent)) is not None:
            self.named_person(name)
            return
        if self.person_taken_for_place(ent) or self.surname_taken_for_name(ent):
            self.named_person(ent)
            return
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
                actor, how = Actor(key=slug(ent.text), label=strip_article(ent.text), type="GPE"), "name"
        self.add(ent, actor, how)

    def organisation(self, ent: Span) -> None:
        g = self.gazetteer
        if self.office_taken_for_name(ent) or self.place_or_event(ent):
            return
        if (name := self.office_glued(ent)) is not None:
            self.named_person(name)
            return
        ent = trim(ent)
        if self.names_taken_for_one(ent) or self.demonym_taken_for_name(ent) or self.demonym_cut_short(ent):
            return
        of = next((t for t in ent if t.lower_ == "of" and t.head.i < t.i), None)
        if (
            of is not None
            and self.is_collective(of.head)
            and of.head.i >= ent.start
            and (country := self.gazetteer.country_named(self.doc[of.i + 1 : ent.end].text)) is not None
        ):
            self.add(ent, country.actor(), "possessor")  # "the Government of Iraq", as "Iraq's government"
            return
        text = strip_article(ent.text)
        iso3 = load_metonyms().get(fold(text))
        if iso3 and iso3 in g.countries:
            self.add(ent, g.countries[iso3].actor(), "metonym")
            return
        actor = self.alias(text) or g.lookup(text)
        if actor is None and self.surname_taken_for_name(ent):
            self.named_person(ent)  # "Trump" typed ORG in an article that names Donald Trump
            return
        if actor is None and len(ent) == 1 and ent.start > 0 and self.doc[ent.start - 1].lower_ in DEFINITE:
            # "the Coalition" after "the Global Coalition": the tagger's name is a short reference
            word = fold(text)
            if (
                actor := self.recent(
                    lambda a: a.type in ("ORG", "GROUP") and word in _fold(a.label).split() and _fold(a.label) != word,
                    ent.start,
                )
            ) is not None:
                self.add(ent, actor, "description")
                return
        if actor is None and self.modifier_taken_for_name(ent):
            return
        if actor is None:
            # "Nigerian Union of Teachers", "Kenya Anti-Corruption Commission": the country it belongs to
            first = self.demonym(ent[0].text) if len(ent) > 1 else None
            actor = Actor(key=slug(text), label=text, type="ORG", country=first.iso3 if first else None)
        self.add(ent, actor, "gazetteer" if actor.qid else "name")

    def place_or_event(self, ent: Span, tagged_person: bool = False) -> bool:
        """'José Martí International Airport', 'Wellhouse Lane', 'the Eastern Economic Forum', 'Maidan': a
        name headed by a noun for a place or an event (``place_nouns.tsv``) is where or when something
        happens, not an actor, whatever its tag; unless the reference data or the aliases know the name
        as an organisation ('the Pacific Islands Forum', 'the World Economic Forum'). A noun for a
        facility heads only a longer name ('Station' alone may be no place); the noun for an event or a
        square is a name alone too ('the Forum', 'on Maidan'). An event that acts, the subject of a verb
        ('the Water Summit urged rich nations to pay'), stands for its participants and stays an actor.

        A name the tagger calls a person's and that ends in a noun for a place is a place only where
        the text uses it as one: after a preposition of place ('on Kingsmead Lane', 'on Maidan'), after
        an article ('the Maidan'), or anywhere in an article that does so once; 'Mark Lane criticised
        the council' names a person.
        """
        ent = trim(ent)
        kinds = load_place_nouns()
        last = kinds.get(ent[-1].lower_)
        root = kinds.get(ent.root.lower_) if ent.root.pos_ in ("NOUN", "PROPN") else None
        if not (last in ("event", "square") if len(ent) == 1 else last is not None or root == "event"):
            return False
        if "event" in (last, root) and ent.root.dep_ == "nsubj":
            return False  # "the summit urged...": an event that says or does something stands for its participants
        if (
            tagged_person
            and root != "event"
            and last != "event"
            and not (
                located(ent, place_noun=True)
                or fold(ent.text) in self.places_named
                or (ent.start > 0 and self.doc[ent.start - 1].lower_ == "the")
            )
        ):
            return False
        known = self.alias(ent.text) or self.gazetteer.lookup(ent.text)
        return known is None or known.type not in ("ORG", "GROUP")

    def demonym(self, text: str):
        """'Cuban', 'Palestinians', 'U.S.' → the country."""
        g = self.gazetteer
        country = g.demonym(text) or g.country_named(text)
        if country is None and text.endswith("s"):
            country = g.demonym(text[:-1])
        if country is None and (iso3 := load_aliases().get(fold(text))) and iso3[1] == "GPE":
            country = g.countries.get(iso3[0])
        return country

    def abbreviations(self) -> None:
        """'the Democratic Republic of Congo (DRC) ... the DRC': an abbreviation the article defines after a
        name is that name's actor, there and wherever it recurs. The name is the words before the
        bracket that the abbreviation abbreviates, also where the tagger cut it short ('the Organisation
        for Security and Co-operation' before 'in Europe (OSCE)'); an abbreviation of a place or an event
        ('the Eastern Economic Forum (EEF)') is no actor either."""
        doc = self.doc
        defined: dict[str, Actor | None] = {}
        for i in range(1, len(doc) - 2):
            short = doc[i + 1].text
            if doc[i].text != "(" or doc[i + 2].text != ")" or short in defined:
                continue
            name = self.expansion(i, short)
            if name is not None:
                defined[short] = self.expansion_actor(name)
        if not defined:
            return
        for token in doc:
            if token.text not in defined:
                continue
            actor, mention = defined[token.text], token._.mention
            if actor is None:
                if mention is not None and len(mention) == 1:
                    self.remove(mention)  # "(EEF)": the forum's abbreviation is no actor either
            elif mention is None:
                self.add(doc[token.i : token.i + 1], actor, "abbreviation")
            elif len(mention) == 1 and mention._.actor != actor and mention._.resolved_by != "pronoun":
                mention._.actor, mention._.resolved_by = actor, "abbreviation"
                self.changed()

    def expansion(self, bracket: int, short: str) -> Span | None:
        """The name written before ``bracket`` that ``short`` abbreviates: the longest run of the words
        of a name (capitalised words and the small words between) ending there whose initials it takes."""
        doc = self.doc
        found = None
        lo = max(doc[bracket].sent.start, bracket - 10)
        for start in range(bracket - 1, lo - 1, -1):
            t = doc[start]
            glued = t.text == "-" or (start > 0 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_)
            if not (t.text[:1].isupper() or (t.lower_ in NAME_LINKS and t.lower_ != "the") or glued or t.tag_ == "POS"):
                break  # "the", a verb, a comma: the name begins after it
            if t.text[:1].isupper() and _abbreviates(short, doc[start:bracket].text):
                found = doc[start:bracket]
        return found

    def expansion_actor(self, name: Span) -> Actor | None:
        """The actor of a name an abbreviation is defined for: its mention's, when the tagger found it whole;
        else the name's in the aliases or the reference data, or, when the tagger cut a body's name short, a
        body of the whole name. None for a place or an event; an expansion with no such evidence is none."""
        inside = {t._.mention for t in name if t._.mention is not None}
        if len(inside) == 1 and (mention := next(iter(inside))).start == name.start and mention.end == name.end:
            return mention._.actor if mention._.resolved_by != "pronoun" else None
        if any(m._.actor.type == "PERSON" or m._.resolved_by == "pronoun" for m in inside):
            return None
        if self.place_or_event(name):
            return None
        text = strip_article(name.text)
        actor = self.alias(text) or self.gazetteer.lookup(text)
        if actor is None and not any(m._.actor.type in ("ORG", "GROUP") for m in inside):
            return None
        if actor is None or actor.type not in ("ORG", "GROUP", "GPE"):
            actor = Actor(key=slug(text), label=text, type="ORG")
        for mention in inside:
            self.remove(mention)  # 'Organisation for Security and Co-operation': the name cut short
        self.add(name, actor, "gazetteer" if actor.qid else "name")
        return actor


def _abbreviates(short: str, name: str) -> bool:
    """Whether ``short`` is an abbreviation of ``name``: 'DRC' of 'Democratic Republic of Congo'."""
    if len(short) < 2 or not short.isupper() or not short.isalpha():
        return False
    initials = [w[0] for w in fold(name).split()]
    letters = iter(initials)
    return initials[:1] == [short[0].lower()] and all(c in letters for c in short.lower())


def _body_word(token) -> bool:
    """A word of a body's name written before an office: capitalised, a small word of a name, a hyphen."""
    if token.lower_ == "and" or (token._.mention is not None and token._.mention._.actor.type == "PERSON"):
        return False  # 'Vladimir Putin and State Duma Speaker ...': another's name ends the body's
    if token.ent_type_ == "PERSON" and (token.ent_iob_ == "I" or token.nbor(1).ent_iob_ == "I"):
        return False  # a full name the tagger found; 'Duma' alone tagged a person is its slip
    return (token.text[:1].isupper() and token.is_alpha) or token.lower_ in NAME_LINKS or token.text in ("-", "&")
