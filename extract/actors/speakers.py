"""Who speaks: the speaker of a quotation or statement, the byline, the unnamed author; who "I" is."""

from __future__ import annotations

import bisect
import hashlib

from spacy.tokens import Doc, Span, Token

from extract.actors.base import ResolverBase
from extract.actors.vocabulary import FIRST_PERSON, load_quote_verbs
from extract.qualifiers import SPEECH_VERBS, attribution
from extract.records import Actor

QUOTE_VERBS = SPEECH_VERBS | load_quote_verbs()
# Quotation marks: those that open, those that close, and the straight ones that do either in turn.
OPENING, CLOSING, STRAIGHT = {"\u201c", "\u00ab"}, {"\u201d", "\u00bb"}, {'"', "''", "``"}


class SpeakersMixin(ResolverBase):
    """The speakers a text identifies, for "I" and "we"."""

    def first_person(self, token: Token) -> Actor | None:
        """Who 'I' is: only a speaker the text identifies — the attribution of the quote it is in
        ('"I will go," Johnson said'), the speaker of a statement it is in ('Vladimir Putin: I ...',
        'Justin Trudeau said: ...'), the byline; else, as the subject, the text's unnamed author
        ("As I conveyed to ..."), never the last person named."""
        speaker = self.quoted_speaker(token)
        if speaker is not None and speaker.type == "PERSON":
            return speaker
        if (speaker := self.statement_speaker(token.i)) is not None:
            return speaker
        if (speaker := self.byline()) is not None:
            return speaker
        if token.lower_ == "i" and token.dep_ == "nsubj" and not self.quoted(token.i):
            return self.unnamed_author()
        return None  # a quotation by someone the text does not name

    def quoted_speaker(self, token: Token) -> Actor | None:
        """The actor to whom the clause or quotation holding ``token`` is attributed, if named."""
        source = attribution(token.head if token.dep_ in ("nsubj", "nsubjpass", "poss", "dobj") else token)
        if source is None:
            source = self.quotation_source(token.i)
        if source is None:
            return None
        if source._.mention is None and source.pos_ == "PRON" and source.lower_ not in FIRST_PERSON | {"we"}:
            self.pronoun(source)  # '"I will go," he said': who "he" is, first
        if source._.mention is None or source._.mention._.actor.type != "PERSON":
            # "Dunn's mother, Charlotte Charles, said": the person named in apposition
            source = next(
                (
                    c
                    for c in source.children
                    if c.dep_ == "appos" and c._.mention is not None and c._.mention._.actor.type == "PERSON"
                ),
                source,
            )
        if source._.mention is None and (body := spoken_for(source)) is not None:
            return body  # "a police spokesman said: 'We ...'": the body the unnamed speaker speaks for
        return source._.mention._.actor if source._.mention is not None else None

    def statement_speaker(self, at: int) -> Actor | None:
        """The speaker of the statement ``at`` is in: the latest person before it introduced with a colon
        ('President of Russia Vladimir Putin:', 'Justin Trudeau said:')."""
        if self.statements is None:
            self.statements = [
                (m.end, m._.actor)
                for m in self.mentions
                if m._.actor.type == "PERSON" and m._.resolved_by != "pronoun" and _introduces(m)
            ]
        found = None
        for end, actor in self.statements:
            if end > at:
                break
            found = actor
        return found

    def addressee(self, at: int) -> Actor | None:
        """Whom 'you' addresses in a transcript: the speaker of the turn before the one ``at`` is in,
        when another person spoke it ('Vladimir Putin: ... Patriarch Kirill: Thank you'); else no one."""
        self.statement_speaker(at)  # the turns, once found
        before = [actor for end, actor in self.statements or [] if end <= at]
        if not before:
            return None
        return next((actor for actor in reversed(before) if actor.key != before[-1].key), None)

    def turn_names(self) -> list[Span]:
        """Speakers of a transcript the tagger missed: a run of names opening a line and followed by a
        colon ('Patriarch Kirill: Thank you.'), in a text where a tagged person opens another turn."""
        doc = self.doc
        if not any(e.label_ == "PERSON" and e.end < len(doc) and doc[e.end].text == ":" for e in doc.ents):
            return []
        starts = {s.start for s in doc.sents} | {t.i + 1 for t in doc if t.is_space and "\n" in t.text}
        turns = []
        for i in sorted(starts):
            end = i
            while end < len(doc) and end - i < 5 and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
                end += 1
            if i < end < len(doc) and doc[end].text == ":" and all(t.ent_type_ in ("", "NORP") for t in doc[i:end]):
                turns.append(doc[i:end])  # "Olaf" alone may be tagged a nationality
        return turns

    def quotation_source(self, at: int) -> Token | None:
        """The subject of the verb attributing the quotation around index ``at``: in its opening sentence
        before it ('Johnson continued, "...'; 'X said via Twitter: "...'), else in its closing sentence
        after it ('..." she replied')."""
        region = self.quoted(at)
        if region is None:
            return None
        doc = self.doc
        opening, closing = doc[region[0]].sent, doc[min(region[1], len(doc) - 1)].sent
        candidates = [t for t in opening if t.i < region[0]] + [t for t in closing if t.i > region[1]]
        for verb in candidates:
            if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in QUOTE_VERBS:
                for child in verb.children:
                    if child.dep_ == "nsubj" and not region[0] < child.i < region[1]:
                        return child
        return None

    def quoted(self, at: int) -> tuple[int, int] | None:
        """The quotation (its marks' token indices) that index ``at`` is inside, if any."""
        if self.quotes is None:
            self.quotes = _quotations(self.doc)
        index = bisect.bisect_left(self.quotes, (at, -1)) - 1  # the last quotation opened before ``at``
        if index >= 0 and self.quotes[index][0] < at < self.quotes[index][1]:
            return self.quotes[index]
        return None

    def byline(self) -> Actor | None:
        """The author a byline names: 'By Jane Smith' opening the text."""
        doc = self.doc
        if (
            len(doc) > 2
            and doc[0].lower_ == "by"
            and doc[1]._.mention is not None
            and doc[1]._.mention._.actor.type == "PERSON"
            and doc[1]._.mention.start == 1
        ):
            return doc[1]._.mention._.actor
        return None

    def unnamed_author(self) -> Actor:
        """The unnamed author of this document: one actor per text, never shared across articles."""
        digest = hashlib.sha1(self.doc.text.encode("utf-8")).hexdigest()[:12]
        return Actor(key=f"author-{digest}", label="author", type="PERSON")


def spoken_for(speaker: Token) -> Actor | None:
    """The body an unnamed speaker speaks for: 'a Hampshire Police spokesman', 'a spokesperson for
    Stagecoach South', 'the ministry's spokeswoman'; None for a person with no body named."""
    if speaker.pos_ != "NOUN":
        return None
    bodies = [c._.mention for c in speaker.children if c.dep_ in ("compound", "nmod", "poss")]
    bodies += [
        o._.mention
        for p in speaker.children
        if p.dep_ == "prep" and p.lower_ in ("for", "of", "at", "from")
        for o in p.children
        if o.dep_ == "pobj"
    ]
    return next((m._.actor for m in bodies if m is not None and m._.actor.type in ("ORG", "GPE")), None)


def _introduces(mention: Span) -> bool:
    """'Vladimir Putin:', 'Tobias Ellwood said:': a name, or its speech verb, followed by a colon."""
    doc = mention.doc
    if mention.end < len(doc) and doc[mention.end].text == ":":
        return True
    head = mention.root.head
    return (
        mention.root.dep_ == "nsubj"
        and head.lemma_.lower() in SPEECH_VERBS
        and head.i + 1 < len(doc)
        and doc[head.i + 1].text == ":"
    )


def _quotations(doc: Doc) -> list[tuple[int, int]]:
    """(opening mark, closing mark) token indices of each quotation; an unclosed one runs to the text's end."""
    found, start = [], None
    for t in doc:
        text = t.text
        if start is None and (text in OPENING or text in STRAIGHT):
            start = t.i
        elif start is not None and (text in CLOSING or text in STRAIGHT):
            found.append((start, t.i))
            start = None
    if start is not None:
        found.append((start, len(doc)))
    return found
