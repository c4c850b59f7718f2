"""Written lists the parser broke: 'by A (Austria), B (Benin), C (Chile) and D (Denmark)'.

A long enumeration of names, each with a bracketed gloss, is often parsed as a chain of
appositions and conjuncts hung on the wrong heads. Read on the surface, it is still a list:
items separated by commas and closed by 'and' or 'or', none of them a subject the parser gave a
clause of its own ('In Moscow, Russia and China signed'). The members of such a closed list after
an argument's mention are further conjuncts of that argument.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

# a gloss in brackets is short: "(Republic of the Union of Myanmar)"
MAX_GLOSS = 12
# an item without a mention of its own ("Juan Fernando Holguin Flores" the tagger missed) is a run of names
MAX_ITEM = 8


def enumerated(first: Span) -> list[Span]:
    """The mentions a closed written list continues with after ``first``; [] unless at least two
    more items follow and the last is introduced by 'and' or 'or' ('A, B' alone may be 'Paris, France')."""
    doc = first.doc
    i, items = _after_gloss(doc, first.end), 0
    members: list[Span] = []
    while i < len(doc):
        closing = False
        if doc[i].text == ",":
            i += 1
        elif doc[i].lower_ not in ("and", "or"):
            break
        if i < len(doc) and doc[i].lower_ in ("and", "or"):
            closing, i = True, i + 1
        item = _item(doc, i)
        if item is None or (item[0] is not None and item[0].root.dep_ in ("nsubj", "nsubjpass")):
            break  # "In Moscow, Russia and China signed": the parser's subject starts a clause of its own
        items += 1
        members.extend(m for m in [item[0]] if m is not None)
        i = _after_gloss(doc, item[1])
        if closing:
            return members if items >= 2 else []
    return []


def _item(doc: Doc, i: int) -> tuple[Span | None, int] | None:
    """The mention an item starting at ``i`` is (None for a run of untagged names) and where it ends."""
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    if i >= len(doc):
        return None
    mention = doc[i]._.mention
    if mention is not None and mention.start < i - 1:
        return None
    start = max(mention.end, i + 1) if mention is not None else i
    end = start  # a name the tagger cut short goes on: "Juan Fernando Holguin Flores"
    while end < len(doc) and end - i < MAX_ITEM and (doc[end].pos_ == "PROPN" or doc[end].text == "-"):
        end += 1
    if mention is not None:
        return mention, end
    return (None, end) if end > i and doc[end - 1].pos_ == "PROPN" else None


def _after_gloss(doc: Doc, i: int) -> int:
    """The index after a bracketed gloss starting at ``i`` (``i`` itself if none starts there)."""
    if i >= len(doc) or doc[i].text not in ("(", "["):
        return i
    close = ")" if doc[i].text == "(" else "]"
    for j in range(i + 1, min(len(doc), i + MAX_GLOSS + 2)):
        if doc[j].text == close:
            return j + 1
        if doc[j].pos_ in ("VERB", "AUX") or doc[j].is_sent_start:
            return i
    return i
