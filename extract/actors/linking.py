"""Links to the reference data, on evidence the article gives: which canonical actor a person's name denotes.

A person is linked to the reference data (a Wikidata QID) by their full name, or by a surname with a title
and its country in office on the article's date ("Russian President Putin"); a bare surname or first name
never links on its own. Within an article a surname ("Mr Putin", "Howard") is the person named in full with
it ("Vladimir Putin", "Michael Howard"), before or after; otherwise it is a local actor, unlinked. Each
mention records how it was resolved (``span._.resolved_by``): ``gazetteer`` (full name), ``surname`` (named
in full in the article), ``title`` (title and country), ``name`` (local).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Span

from extract.actors.base import ResolverBase
from extract.actors.name_shapes import whole_name
from extract.actors.repairs import trim
from extract.actors.vocabulary import gender_of, glued_office, honorific, load_aliases, one_word_titles, title_from
from extract.records import Actor
from extract.reference import fold, slug, surname


class LinkingMixin(ResolverBase):
    """Names to reference actors (Wikidata QIDs), and to the people already named in the document."""

    def survey(self, ents: Sequence[Span]) -> None:
        """Before resolving: the people the article names in full, and the countries it names."""
        self.note_places(ents)
        for ent in ents:
            if ent.label_ == "PERSON" and self.misread_person(ent) is not None:
                continue
            glued = self.office_glued(ent)
            name = glued or self.person_name(ent)
            if in_full(name.text) and (
                ent.label_ == "PERSON"
                or glued is not None
                or ((known := self.gazetteer.lookup(name.text)) is not None and known.type == "PERSON")
            ):
                role, country = self.context(name.start)
                self.name_in_full(name, role, country)  # a person named in full, the tagger's type aside
            elif ent.label_ in ("GPE", "NORP") and (country := self.demonym(trim(ent).text)) is not None:
                self.countries_named.add(country.iso3)

    def person_name(self, ent: Span) -> Span:
        """The name in a PERSON entity: without a possessive, a title folded into it or an honorific, and
        with what the tagger cut off it (:func:`~extract.actors.repairs.whole_name`).

        "President Putin's" → "Putin"; "Mr Howard" → "Howard"; "Crown Prince Mohammad bin Salman" →
        "Mohammad bin Salman"; "Prince Charles", a name the reference data knows with its title, stays whole.
        """
        doc = self.doc
        start, end = card_span(doc, ent.start, ent.end)
        while end - start > 1 and glued_office(doc[end - 1].text):
            end -= 1  # 'Sergeyev AlexanderPresident': a card's given name glued to a title is no part of the name
        while end > start and doc[end - 1].tag_ == "POS":
            end -= 1
        if end - start > 1 and (known := self.gazetteer.lookup(doc[start:end].text)) and known.type == "PERSON":
            return doc[start:end]
        while start < end - 1:
            if fold(doc[start].text) in one_word_titles() or honorific(doc[start].text):
                start += 1
            elif 0 < (n := title_from(doc, start)) < end - start:
                start += n
            else:
                break
        return whole_name(doc[start:end])

    def name_in_full(self, name: Span, role: str | None, country: str | None) -> Actor:
        """The actor of a person named in full: the reference data's, or a local one; one per article."""
        known = self.gazetteer.lookup(name.text, self.date)
        if known is not None and known.type == "PERSON":
            actor = known
        else:
            actor = Actor(key=slug(name.text), label=name.text, type="PERSON", country=country, role=role)
        if (earlier := self.persons.get(actor.key)) is not None:
            actor = earlier
        if (role and not actor.role) or (country and not actor.country):
            actor = replace(actor, role=actor.role or role, country=actor.country or country)
        self.remember(actor, surname(name.text), surname(actor.label))
        for word in {fold(name.text.split()[0]), fold(actor.label.split()[0])}:
            keys = self.first_words.setdefault(word, [])
            if actor.key not in keys:
                keys.append(actor.key)
        return actor

    def remember(self, actor: Actor, *surnames: str) -> None:
        """A person named in full (or by title), whom a later surname may refer to."""
        self.persons[actor.key] = actor
        for word in surnames:
            keys = self.full_names.setdefault(word, [])
            if actor.key not in keys:
                keys.append(actor.key)

    def named_by_first_word(self, word: str, at: int) -> Actor | None:
        """'Xi', 'President Xi' after 'Xi Jinping'; 'Li' after 'Li Wenliang'; 'Brigid' after 'Brigid Kosgei': a
        name that is the first word of one person the article names in full, and the surname of no one.

        A name written family name first is called by its first word; so, at times, is a person by a given
        name. Only the article's own full name is evidence: the reference data never links a bare name, and
        a word two people named here begin with ('Kim Jong-un', 'Kim Yo-jong'), one after an article
        ('the Moon') or a preposition of place ('on Twitter'), refers to none of them.
        """
        keys = self.first_words.get(word)
        if not keys or len(keys) != 1 or word in self.full_names:
            return None
        if at > 0 and self.doc[at - 1].lower_ in ("the", "a", "an"):
            return None
        if self.doc[at].dep_ == "pobj" and self.doc[at].head.lower_ in ("on", "in", "at"):
            return None  # "on Twitter": a place or a medium, not the person "Twitter West" the tagger made up
        return self.persons.get(keys[0])

    def aliased_person(self, text: str) -> Actor | None:
        """'Asad' in an article that names Bashar al-Assad: a spelling from the aliases, of a person named here."""
        aliased = self.alias(text)
        if aliased is None or aliased.type != "PERSON":
            return None
        return self.persons.get(aliased.key)

    def link_person(self, name: Span, role: str | None, country: str | None) -> tuple[Actor, str]:
        """The actor a person's name denotes, and how that was decided."""
        if in_full(name.text):
            full = self.name_in_full(name, role, country)
            return full, "gazetteer" if full.qid else "name"
        word = surname(name.text)
        actor: Actor | None
        if (actor := self.named_in_full(word, name.start)) is not None:
            return actor, "surname"
        if (actor := self.named_by_first_word(fold(name.text), name.start)) is not None:
            return actor, "surname"
        if (
            role is not None
            and (
                actor := self.gazetteer.holder(
                    name.text, role, {country} if country else self.countries_named, self.date
                )
            )
            is not None
        ):
            self.remember(self.persons.get(actor.key, actor), word)
            return self.persons[actor.key], "title"
        if (actor := self.aliased_person(name.text)) is not None:
            return actor, "surname"
        local = Actor(key=self.local_key(name.text), label=name.text, type="PERSON", country=country, role=role)
        return self.persons.get(local.key, local), "name"

    def local_key(self, name: str) -> str:
        """The key of a person known only by one name in this article: nothing shows that another
        article's "Howard" is the same person, so the key is the article's own (when it has a scope)."""
        return slug(name) if self.scope is None else f"{slug(name)}-{self.scope}"

    def named_in_full(self, surname: str, at: int) -> Actor | None:
        """The person the article names in full with this surname: the only one, else the latest before ``at``."""
        keys = self.full_names.get(surname)
        if not keys:
            return None
        if len(keys) == 1:
            return self.persons[keys[0]]
        for mention in reversed(self.mentions):
            if mention.start < at and mention._.actor.key in keys:
                return mention._.actor
        return None

    def note_gender(self, actor: Actor, name: Span) -> None:
        """Record a person's gender where the text tells it: an honorific, a gendered title or noun before
        the name ('Mrs', 'King', 'actress') or a gendered noun in apposition ('Jane Doe, a mother of
        three', 'his widow, Jane Doe'). Nothing else: an unknown gender fits any pronoun."""
        doc, start = self.doc, name.start
        for i in range(start - 1, max(doc[start].sent.start, start - 3) - 1, -1):
            if (gender := gender_of(doc[i].text)) is not None:
                self.gender.setdefault(actor.key, gender)
                return
            if not (doc[i].pos_ == "PROPN" or doc[i].is_title):
                break
        root = name.root
        nouns = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
        for noun in nouns:
            if noun.pos_ == "NOUN" and (gender := gender_of(noun.lemma_)) is not None:
                self.gender.setdefault(actor.key, gender)
                return

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


def in_full(name: str) -> bool:
    """Whether a person's name has more than one word: 'Xi Jinping', not 'Xi' nor 'Díaz-Canel'."""
    return len(name.split()) > 1


def card_span(doc, start: int, end: int) -> tuple[int, int]:
    """The name in a PERSON entity ``start:end`` that a page's speaker card repeats in the other order,
    glued to the next words: 'Kirill Dmitriev Dmitriev KirillCEO' is 'Kirill Dmitriev'. The evidence is the
    surname written twice and the given name after it, alone or glued to a title, wherever the tagger cut
    the entity ('Kudrin Kudrin AlexeiChairman' after 'Alexei'); a name written once is left as it is.

    >>> import spacy
    >>> doc = spacy.blank("en")("Kirill Dmitriev Dmitriev KirillCEO of the Fund")
    >>> card_span(doc, 0, 4), card_span(doc, 1, 4)
    ((0, 2), (0, 2))
    """
    for k in range(start + 2, min(end, len(doc) - 1)):
        if doc[k].text == doc[k - 1].text and doc[k + 1].text.startswith(doc[start].text):
            return start, k
    if start >= 1 and start + 2 < len(doc) and doc[start].text == doc[start + 1].text:
        given = doc[start - 1]
        if given.text[:1].isupper() and given.is_alpha and doc[start + 2].text.startswith(given.text):
            return start - 1, start + 1  # 'Alexei' + 'Kudrin Kudrin AlexeiChairman'
    if start >= 2 and end - start > 1 and doc[start - 1].text == doc[start].text:
        given = doc[start - 2]
        if given.text[:1].isupper() and doc[start + 1].text.startswith(given.text):
            return start, start + 1  # 'Kirill Dmitriev' then 'Dmitriev KirillCEO' tagged apart: the surname only
    return start, end
