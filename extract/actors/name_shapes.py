"""The shapes of people's names in the text: how a name is written, where it begins and ends."""

from __future__ import annotations

from spacy.tokens import Span, Token

from extract.actors.vocabulary import glued_office

# Lower-case words inside a person's name: "Mohammed bin Salman", "Rodrigo de Lima", "Ursula von der Leyen".
NAME_PARTICLES = {"bin", "ibn", "bint", "al", "el", "de", "da", "dos", "das", "du", "del", "della", "di"}
NAME_PARTICLES |= {"van", "von", "der", "den", "ter", "zu"}


def whole_name(name: Span) -> Span:
    """A person's name the tagger cut short, made whole: a lower-case part glued on by a hyphen ('Moon Jae'
    of 'Moon Jae-in', 'Prayut Chan' of 'Chan-o-cha'), a capitalised first part glued before a name of two
    words or more ('Yves Le Drian' of 'Jean-Yves Le Drian'), and a particle with the name part after or
    before it ('Mohammed' of 'Mohammed bin Salman'). A capitalised part after a hyphen is another name
    ('Putin-Macron talks'), a part that makes the name a modifier is not the name's ('the Putin-led
    government', 'a Trump-era rule'), and a word already in another mention is left to it."""
    doc = name.doc
    start, end = name.start, name.end

    def free(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i]._.mention is None

    def name_word(i: int) -> bool:
        t = doc[i]
        return free(i) and t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha and t.ent_type_ in ("", "PERSON")

    grown = True
    while grown:
        grown = False
        if glued_hyphen(doc, end) and free(end + 1) and name_end(doc[end + 1], start, end):
            end, grown = end + 2, True  # "Jae" + "-in"
        elif free(end) and doc[end].lower_ in NAME_PARTICLES and doc[end].is_lower and end + 1 < len(doc):
            if name_word(end + 1):
                end, grown = end + 2, True  # "Mohammed" + "bin Salman"
    if end - start > 1 and start >= 2 and glued_hyphen(doc, start - 1) and name_word(start - 2):
        start -= 2  # "Jean-" + "Yves Le Drian"
    while start >= 2 and free(start - 1) and doc[start - 1].lower_ in NAME_PARTICLES and doc[start - 1].is_lower:
        if not name_word(start - 2):
            break
        start -= 2  # "Mohammed bin" + "Salman"
    return doc[start:end]


def name_end(part: Token, start: int, end: int) -> bool:
    """Whether a lower-case word glued on by a hyphen ends the name ``start:end`` ('Jae-in', 'Chan-o-cha'):
    no verb or adjective ('Putin-led'), and no modifier of a noun outside the name ('Trump-era rule')."""
    return (
        part.is_alpha
        and part.is_lower
        and part.pos_ not in ("VERB", "ADJ", "ADV")
        and (start <= part.head.i < end or part.dep_ not in ("amod", "compound", "nmod", "npadvmod"))
    )


def written_as_name(span: Span) -> bool:
    """Whether a span is written as a person's name: capitalised proper nouns, with the parts a hyphen
    glues on ('Kassym-Jomart Tokayev', 'Moon Jae-in')."""
    doc = span.doc
    return span[0].text[:1].isupper() and all(
        (t.pos_ == "PROPN" and t.text[:1].isupper())
        or glued_hyphen(doc, t.i)
        or (t.i > 0 and glued_hyphen(doc, t.i - 1) and t.is_alpha)
        for t in span
    )


def glued_hyphen(doc, at: int) -> bool:
    """Whether token ``at`` is a hyphen with no space on either side ('Jae-in')."""
    return (
        0 < at < len(doc) - 1
        and doc[at].text == "-"
        and doc[at - 1].whitespace_ == ""
        and doc[at].whitespace_ == ""
        and doc[at]._.mention is None
    )


def untagged_name_word(token: Token) -> bool:
    """A word of a name the tagger left outside any entity: a capitalised proper noun, not a speaker
    card's given name glued to a title ('AlexanderPresident')."""
    return (
        token.pos_ == "PROPN"
        and token.ent_type_ == ""
        and token.text[:1].isupper()
        and token.is_alpha
        and not glued_office(token.text)
    )


def surname_apart(token: Token) -> bool:
    """A surname the tagger tagged apart from the given name before it: a person's entity's first word,
    or a capitalised proper noun outside any entity ('Markin' after '... Foundation Ilya')."""
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and token.is_alpha
        and ((token.ent_type_ == "PERSON" and token.ent_iob_ == "B") or token.ent_type_ == "")
    )


__all__ = [
    "NAME_PARTICLES",
    "glued_hyphen",
    "name_end",
    "surname_apart",
    "untagged_name_word",
    "whole_name",
    "written_as_name",
]
