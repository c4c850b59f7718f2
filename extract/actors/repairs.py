"""Mending the tagger's usual slips in entity boundaries and types."""

from __future__ import annotations

from spacy.tokens import Span

from extract.actors.base import ResolverBase
from extract.actors.name_shapes import untagged_name_word, whole_name
from extract.actors.vocabulary import (
    _fold,
    honorific,
    load_heads,
    load_place_nouns,
    one_word_titles,
    title_at,
)
from extract.lexicon import word_class
from extract.reference import fold

# Prepositions whose object is where something happens: "in Yorkshire", "across Wales".
LOCATIVE = {
    "in",
    "at",
    "near",
    "across",
    "through",
    "throughout",
    "around",
    "outside",
    "inside",
    "within",
    "into",
    "towards",
    "toward",
    "along",
    "beyond",
}


class RepairsMixin(ResolverBase):
    """Entities the tagger got wrong, read as what they are."""

    def misread_person(self, ent: Span) -> str | None:
        """The entity type a PERSON entity really has, when the reference data or the syntax says it is no person.

        A country, capital or demonym the reference data knows ("Yemen", "Welsh") is a place or a people;
        a name with a digit ("G8") or an organisation the reference data knows is a body; a name after
        a preposition of place ("in Yorkshire") is a place; a lone adjective is a people's name.
        """
        text = trim(ent).text
        g = self.gazetteer
        if g.country_named(text) is not None or g.capital(text) is not None:
            return "GPE"
        if g.demonym(text) is not None or self.demonym(text) is not None:
            return "NORP"
        if any(c.isdigit() for c in text):
            return "ORG"
        known = g.lookup(text)
        if known is not None and known.type == "ORG":
            return "ORG"
        root = ent.root
        if len(ent) == 1 and root.pos_ == "ADJ":
            return "NORP"
        if located(ent) or (len(ent) == 1 and fold(text) in self.places_named and fold(text) not in self.full_names):
            return "GPE"  # "in Yorkshire"; "Crimea" where the article also writes "to Crimea" or tags it a place
        return None

    def note_places(self, ents) -> None:
        """Survey: a one-word name the article uses as a location ('in Donbass', 'travelled to Crimea'), or
        that the tagger types a place more often than a person, is a place in all of the article; a person
        named with a title or an honorific is not ('Indonesia's security minister Wiranto')."""
        placed: dict[str, int] = {}
        for ent in ents:
            name = fold(trim(ent).text)
            if located(ent, place_noun=trim(ent)[-1].lower_ in load_place_nouns()):
                self.places_named.add(name)
            elif ent.label_ in ("GPE", "LOC", "FAC"):
                placed[name] = placed.get(name, 0) + 1
            elif ent.label_ == "PERSON":
                placed[name] = placed.get(name, 0) - 1
                if self.context(ent.start)[0] is not None or (ent.start and honorific(self.doc[ent.start - 1].text)):
                    placed[name] -= len(ents)
                    self.titled.add(name)
        self.places_named |= {name for name, count in placed.items() if count > 0}

    def untagged_people(self) -> list[Span]:
        """Names of people the tagger missed: a run of proper nouns outside any entity that the reference
        data knows as a person's full name ("Narendra Modi"), or that follows an office ("Federal Chancellor
        of Germany Olaf Scholz"). A country or body that ends the office is no part of the name."""
        doc, found = self.doc, []
        words = [untagged_name_word(t) for t in doc]  # asked of each token once, not again by each loop below
        i = 0
        while i < len(doc):
            if not words[i]:
                i += 1
                continue
            end = i
            while end < len(doc) and words[end] and end - i < 6:
                end += 1
            start = i
            while start < end - 2 and (
                self.gazetteer.country_named(doc[start].text) is not None
                or self.gazetteer.demonym(doc[start].text) is not None
                or fold(doc[start].text) in load_heads()  # 'CEO Pavel Orlov': the office's head word
            ):
                start += 1
            name = whole_name(doc[start:end])
            name = self.office_glued(name) or name  # "... of Russian Railways Oleg Belozerov": the name after the body
            if len(name) >= 2 and not any(fold(t.text) in one_word_titles() for t in name):
                known = self.gazetteer.lookup(name.text)
                if (known is not None and known.type == "PERSON") or self.context(name.start)[0] is not None:
                    found.append(name)
                    self.name_in_full(name, *self.context(name.start))
            i = max(end, name.end)
        covered = {t.i for name in found for t in name}
        for t in doc:  # "Modi thanked him", "Xi thanked him": a name of someone named in full here, untagged
            if (
                t.i not in covered
                and words[t.i]  # a name word with no other beside it
                and not (t.i + 1 < len(doc) and words[t.i + 1])
                and not (t.i > 0 and words[t.i - 1])
                and (fold(t.text) in self.full_names or self.named_by_first_word(fold(t.text), t.i) is not None)
            ):
                found.append(doc[t.i : t.i + 1])
        return found

    def surname_taken_for_name(self, ent: Span) -> bool:
        """'Trump' typed ORG, 'Scholz' typed GPE: one word that is the surname of someone the article names
        in full (or with a title: 'minister Wiranto'), and no place or body the reference data knows."""
        return (
            len(ent) == 1
            and (
                fold(ent.text) in self.full_names
                or fold(ent.text) in self.titled
                or self.named_by_first_word(fold(ent.text), ent.start) is not None
            )
            and self.gazetteer.lookup(ent.text) is None
            and self.gazetteer.capital(ent.text) is None
            and self.alias(ent.text) is None
        )

    def person_taken_for_place(self, ent: Span) -> bool:
        """'Chancellor Scholz', 'Mr Blair' tagged as a place: a title or honorific before proper names."""
        first, before = ent[0], self.doc[ent.start - 1] if ent.start > 0 else None
        if len(ent) > 1 and (_fold(first.text) in one_word_titles() or honorific(first.text)):
            name = ent[1:]
        elif (
            before is not None
            and (title_at(self.doc, ent.start) is not None or honorific(before.text))
            and before.text[:1].isupper()
        ):
            name = ent[:]
        else:
            return False
        return (
            all(t.pos_ == "PROPN" for t in name)
            and self.gazetteer.lookup(ent.text) is None
            and self.gazetteer.capital(ent.text) is None
            and self.gazetteer.lookup(name.text) is None
        )

    def office_taken_for_name(self, ent: Span) -> bool:
        """'Secretary of State', 'Minister for the Middle East Tobias Ellwood': the tagger took the end
        of an office for a name; what follows the office is the holder's name."""
        for end in range(ent.end, ent.start, -1):
            found = title_at(self.doc, end)
            if found is not None and found[1] < ent.start:
                if end < ent.end and all(t.pos_ == "PROPN" for t in self.doc[end : ent.end]):
                    self.named_person(self.doc[end : ent.end])
                return True
        return False

    def names_taken_for_one(self, ent: Span) -> bool:
        """'the Iraqi Armed Forces, Popular Mobilization Forces': a list of names taken for one."""
        commas = [t.i for t in ent if t.text == ","]
        parts = [self.doc[a + 1 : b] for a, b in zip([ent.start - 1, *commas], [*commas, ent.end], strict=True)]
        if not commas or not all(len(p) > 1 and p[0].text[:1].isupper() for p in parts):
            return False
        for part in parts:
            self.organisation(part)
        return True

    def demonym_taken_for_name(self, ent: Span) -> bool:
        """'Radical French farmers': a demonym modifying a noun is not a name but a group."""
        last = self.doc[ent.end - 1]
        if (
            last.dep_ in ("amod", "compound")
            and last.head.i >= ent.end
            and last.head.pos_ == "NOUN"
            and self.demonym(last.text) is not None
        ):
            self.group(self.doc[ent.end - 1 : ent.end])
            return True
        return False

    def demonym_cut_short(self, ent: Span) -> bool:
        """'Sierra Leonean and Liberian refugees' tagged 'Sierra' (ORG): a name that the next word makes
        a demonym is that demonym."""
        if ent.end >= len(self.doc) or self.demonym(self.doc[ent.start : ent.end + 1].text) is None:
            return False
        self.group(self.doc[ent.start : ent.end + 1])
        return True

    def modifier_taken_for_name(self, ent: Span) -> bool:
        """'Kurdish and Yezidi fighters': a word the tagger took for a name modifies an agent noun."""
        modifier = ent.root
        while modifier.dep_ == "conj" and modifier.head.i < modifier.i:
            modifier = modifier.head
        head = modifier.head
        if modifier.dep_ in ("amod", "compound", "nmod") and head.i >= ent.end and self.agent_sector(head) is not None:
            self.agent_group(head)
            return head._.mention is not None
        return False


def located(ent: Span, place_noun: bool = False) -> bool:
    """Whether the text uses a name as a location: the object of a preposition of place ('in Yorkshire',
    'across Wales') or of 'to'/'from' after a verb or noun of motion ('flew to Crimea', 'a trip to Maidan').

    With ``place_noun`` (a name headed by a noun for a place: 'Maidan', 'Kingsmead Lane') 'on' is one
    too ('on Maidan'), as it is not before other names ('pressure on Putin').
    """
    root = ent.root
    if root.dep_ != "pobj" or any(t.tag_ == "POS" or t.dep_ == "poss" for t in ent):
        return False
    prep = root.head
    return (
        prep.lower_ in LOCATIVE
        or (place_noun and prep.lower_ == "on")
        or (prep.lower_ in ("to", "from") and prep.head.lemma_.lower() in word_class("motion"))
    )


def place_before_conjunction(ent: Span) -> Span | None:
    """'Aleppo and' tagged as a work of art before 'Daraya' (a place): a name the tagger cut at the
    conjunction is of the same kind as the place it is conjoined with."""
    if len(ent) < 2 or ent[-1].pos_ != "CCONJ":
        return None
    name = ent[:-1]
    if name.root.pos_ != "PROPN" or not any(c.dep_ == "conj" and c.ent_type_ == "GPE" for c in name.root.children):
        return None
    return name


def trim(span: Span) -> Span:
    """Drop a leading article, a trailing possessive or bracket: "the Soviet Union's" → "Soviet Union"."""
    start, end = span.start, span.end
    bracket = next((t.i for t in span[1:] if t.text == "("), None)
    if bracket is not None:  # "World Health Organisation (WHO": the name, without the abbreviation after it
        end = bracket
    while end - start > 1 and span.doc[end - 1].tag_ == "POS":
        end -= 1
    if end - start > 1 and span.doc[start].lower_ == "the":
        start += 1
    return span.doc[start:end]


def strip_article(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text
