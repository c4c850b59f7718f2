"""Offices glued to their holders' names: "Chairman of the Security Council Dmitry Medvedev" tagged as
one entity, "Federation Council Speaker Valentina Matviyenko", a body's name ending in a given name."""

from __future__ import annotations

from functools import cached_property

from spacy.tokens import Span

from extract.actors.base import ResolverBase
from extract.actors.name_shapes import glued_hyphen, surname_apart, untagged_name_word, written_as_name
from extract.actors.vocabulary import NAME_LINKS, honorific, load_body_nouns, office_at
from extract.lexicon import word_class
from extract.reference import fold


class OfficesMixin(ResolverBase):
    """An office holder's name read out of the entity the tagger glued it to."""

    def office_glued(self, ent: Span) -> Span | None:
        """'Chancellor of Austria Karl Nehammer' tagged 'Austria Karl Nehammer', 'Chairman of the Security
        Council Dmitry Medvedev' tagged 'Security Council Dmitry Medvedev' (a person, a body or a place):
        after 'TITLE of', an entity that begins with a country's name or a body's and goes on in a name
        of two or three words is that country's or body's office holder; the name is what follows."""
        doc = self.doc
        if len(ent) > 1 and ent[0].lower_ == "the":
            ent = ent[1:]
        begins = self.office_name_begins(ent.start)
        if begins is None:
            return self.holder_after_office(ent)
        if (split := self.given_name_glued(ent, begins)) is not None:
            return split
        bodies, named_elsewhere = [], []
        for k in range(1, len(ent)):
            rest, named = ent[k:], doc[begins : ent.start + k]
            if not written_as_name(rest):
                continue
            if self.gazetteer.country_named(named.text) is not None:
                return doc[rest.start : rest.end]
            if (
                len(rest.text.split()) not in (2, 3)
                or named[-1].lower_ in NAME_LINKS
                or any(t.lower_ in load_body_nouns() for t in rest)
            ):
                continue
            if _region_named(named):
                return doc[rest.start : rest.end]
            if self.body_named(list(named)):
                bodies.append(doc[rest.start : rest.end])
            elif begins == ent.start and self.named_elsewhere(rest):
                # the body's words within the entity: not a name of its own after a country ('of Brazil Jair ...')
                named_elsewhere.append(doc[rest.start : rest.end])
        # a body's name may end in a proper name ('Northern Railways'): the holder's is two words, or three
        # that the reference data knows ('Marija Pejčinović Burić')
        known = [name for name in bodies if (p := self.gazetteer.lookup(name.text)) is not None and p.type == "PERSON"]
        found = known or bodies[-1:] or named_elsewhere
        return found[0] if found else None

    def named_elsewhere(self, name: Span) -> bool:
        """Whether a name of two words ends in a surname the article gives a person elsewhere: the evidence
        that the end of 'Head of Russian Railways Oleg Belozerov', a body the reference data does not know,
        is a person's name."""
        return len(name) == 2 and fold(name[-1].text) in self.surnames_of_people

    @cached_property
    def surnames_of_people(self) -> frozenset[str]:
        """The last words, folded, of the article's PERSON entities of two words or more, of the names it
        gives a title ('minister Wiranto') and of the words after an honorific that the tagger
        takes for no other kind of name ('Mr Belozerov')."""
        doc = self.doc
        people = (e for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 and written_as_name(e))
        courtesy = (
            after
            for t in doc[:-1]
            if honorific(t.text) and (after := doc[t.i + 1]).text[:1].isupper() and after.ent_type_ in ("", "PERSON")
        )
        return frozenset(fold(e[-1].text) for e in people) | frozenset(fold(t.text) for t in courtesy) | self.titled

    def given_name_glued(self, ent: Span, begins: int) -> Span | None:
        """'Director of the Presidential Grants Foundation Ilya' tagged a body and 'Chukalin' a person: the
        body's entity ends in the holder's given name, the surname alone the next entity; the name is both."""
        doc, end = self.doc, ent.end
        if len(ent) < 2 or end >= len(doc) or not surname_apart(doc[end]):
            return None
        if end + 1 < len(doc) and (doc[end + 1].ent_iob_ == "I" or untagged_name_word(doc[end + 1])):
            return None  # a name of its own after the body: 'Board of Russian Railways Oleg Belozerov'
        named = list(doc[begins : end - 1])
        if (
            written_as_name(ent[-1:])
            and ent[-1].lower_ not in load_body_nouns()
            and named
            and named[-1].lower_ not in NAME_LINKS
            and self.body_named(named)
        ):
            return doc[end - 1 : end + 1]
        return None

    def holder_after_office(self, ent: Span) -> Span | None:
        """'Federation Council Speaker Valentina Matviyenko' tagged one body: an entity that begins with a
        body's name and its office's title ('State Duma Chairman', 'Federal Customs Service Head') and ends
        in a name of two or three words is that office's holder; the name is what follows the title."""
        for k in range(len(ent) - 2, 1, -1):
            rest = ent[k:]
            if not written_as_name(rest) or len(rest.text.split()) not in (2, 3):
                continue
            if (found := office_at(list(ent), k)) is None or found[1] == 0:
                continue
            body = list(ent[: found[1]])
            if body[-1].lower_ not in NAME_LINKS and (self.body_named(body) or self.named_elsewhere(rest)):
                return self.doc[rest.start : rest.end]
        return None

    def office_name_begins(self, start: int) -> int | None:
        """Where the country's or body's name of an office begins, when it goes on up to ``start``: after
        'TITLE of (the)', over capitalised words and the small words of a name ('Chairman of the Executive
        Board of Russian' before 'Railways Oleg Belozerov'; 'Chairman of the State' before 'Duma ...')."""
        doc = self.doc
        begins = start
        while begins > 0 and start - begins < 10:
            before = doc[begins - 1]
            of = begins - 2 if before.lower_ == "the" else begins - 1
            if of > 0 and doc[of].lower_ == "of" and office_at(doc, of) is not None:
                return begins
            if not (before.text[:1].isupper() or before.lower_ in NAME_LINKS or glued_hyphen(doc, begins - 1)):
                return None
            begins -= 1
        return None


def _region_named(words: Span) -> bool:
    """'Amur Region', 'Krasnodar Territory': capitalised words ending in a noun for a place that governs itself."""
    return len(words) > 1 and all(t.text[:1].isupper() for t in words) and words[-1].lower_ in word_class("place")


__all__ = ["OfficesMixin"]
