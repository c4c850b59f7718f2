"""Who speaks: the speaker of a quotation or statement, the byline, the unnamed author; who "I" is."""

from __future__ import annotations

import bisect
import hashlib

from spacy.tokens import Doc, Span, Token

from extract.actors.base import ResolverBase
from extract.actors.sides import OFFICE_LINKS
from extract.actors.vocabulary import FIRST_PERSON, load_heads, load_quote_verbs, one_word_titles
from extract.qualifiers import SPEECH_VERBS, attribution
from extract.records import Actor
from extract.reference import fold

QUOTE_VERBS = SPEECH_VERBS | load_quote_verbs()
# What a text sends and then quotes: "Vladimir Putin sent a message of greetings ... The message reads:".
MESSAGES = {"message", "letter", "greeting", "greetings", "telegram", "address", "condolence", "condolences"}
# Quotation marks: those that open, those that close, and the straight ones that do either in turn.
OPENING, CLOSING, STRAIGHT = {"\u201c", "\u00ab"}, {"\u201d", "\u00bb"}, {'"', "''", "``"}


class SpeakersMixin(ResolverBase):
    """The speakers a text identifies, for "I" and "we"."""

    def first_person(self, token: Token) -> Actor | None:
        """Who 'I' is: only a speaker the text identifies — the attribution of the quote it is in
        ('"I will go," Johnson said'), the speaker of the turn or statement it is in ('Vladimir Putin: I ...',
        'Justin Trudeau said: ...'), the byline; else, as the subject outside quotation marks, the text's
        unnamed author ("As I conveyed to ..."); never the last person named, nor the speaker of the
        turn before one whose speaker the text does not name ('Question: I ...')."""
        speaker = self.quoted_speaker(token)
        if speaker is not None and speaker.type == "PERSON":
            return speaker
        if (turn := self.turn_at(token.i)) is not None:
            return turn[1]
        if self.quoted(token.i) is not None:
            return None  # a quotation by someone the text does not name
        if (speaker := self.byline()) is not None:
            return speaker
        if token.lower_ == "i" and token.dep_ == "nsubj":
            return self.unnamed_author()
        return None

    def quoted_speaker(self, token: Token) -> Actor | None:
        """The actor to whom the clause or quotation holding ``token`` is attributed, if named."""
        source = self.source(token)
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
        if source._.mention is None and fold(source.text) in one_word_titles():
            # "President of Azerbaijan Ilham Aliyev said": the person the title's phrase names
            people = [a for a in self.named_in(source) if a.type == "PERSON"]
            if people:
                return people[0]
        if source._.mention is None and (body := spoken_for(source)) is not None:
            return body  # "a police spokesman said: 'We ...'": the body the unnamed speaker speaks for
        return source._.mention._.actor if source._.mention is not None else None

    def source(self, token: Token) -> Token | None:
        """The subject of the verb the clause or quotation holding ``token`` is attributed to."""
        source = attribution(token.head if token.dep_ in ("nsubj", "nsubjpass", "poss", "dobj") else token)
        return source if source is not None else self.quotation_source(token.i)

    def one_unnamed(self, token: Token) -> bool:
        """Whether the speaker ``token`` is quoted from is one unnamed person: 'a passenger said'."""
        source = self.source(token)
        return (
            source is not None
            and source.tag_ == "NN"
            and source._.mention is not None
            and (source._.mention._.actor.type == "GROUP")
        )

    def statement_speaker(self, at: int) -> Actor | None:
        """The speaker of the turn or statement ``at`` is in, if the text names one."""
        turn = self.turn_at(at)
        return turn[1] if turn is not None else None

    def turn_at(self, at: int) -> tuple[int, Actor | None] | None:
        """The turn ``at`` is in, as (where it begins, its speaker or None for one the text does not name)."""
        turns = self.turns()
        index = bisect.bisect_right(turns, at, key=lambda turn: turn[0]) - 1
        return turns[index] if index >= 0 else None

    def turns(self) -> list[tuple[int, Actor | None]]:
        """Where each turn of a transcript or interview begins, and who speaks it: a person introduced with
        a colon ('President of Russia Vladimir Putin:', 'Justin Trudeau said:'), a heading naming one
        ('President of the Republic of Azerbaijan Ilham Aliyev Aliyev IlhamPresident of Azerbaijan:'), an
        interview's marker ('((Gregory Kurtzer))'); None for a speaker the heading does not name
        ('Question:', '((WN))', 'NG:')."""
        if self.statements is None:
            found: dict[int, Actor | None] = {}
            for m in self.mentions:
                if m._.actor.type == "PERSON" and m._.resolved_by != "pronoun" and _introduces(m):
                    found[m.end] = self.heading_person(m)
            transcript = bool(found)
            for start, message in _messages(self.doc):
                sender, recipient = self.message_parties(message)
                found[start] = sender
                if recipient is not None:
                    self.recipients[start] = recipient
            for start, heading, marker in _headings(self.doc):
                people = [m for m in self.mentions_in(heading) if m._.actor.type == "PERSON"]
                if people:
                    found[start] = self.heading_person(people[0])
                elif marker or _unnamed_speaker(heading) or (transcript and _title_case(heading)):
                    found[start] = None  # 'Question:', '((WN))'; in a transcript, 'Weekend Edition:'
            self.statements = sorted(found.items(), key=lambda turn: turn[0])
        return self.statements

    def message_parties(self, message: Token) -> tuple[Actor | None, Actor | None]:
        """Who sent the message a text quotes ('The message reads: ...'), and to whom: the subject and the
        recipient of the latest sending of a message, a letter or greetings before it ('Vladimir Putin sent
        a message of greetings to Yevgeny Mironov')."""
        for noun in reversed(self.doc[: message.i]):
            if noun.lemma_.lower() not in MESSAGES or noun.dep_ not in ("dobj", "pobj"):
                continue
            verb = noun.head if noun.dep_ == "dobj" else noun.head.head.head  # 'sent a message of greetings'
            if verb.pos_ != "VERB":
                continue
            senders = [a for c in verb.children if c.dep_ == "nsubj" for a in _named(c)]
            recipients = [
                a
                for p in verb.children
                if p.dep_ in ("dative", "prep") and p.lower_ == "to"
                for o in p.children
                if o.dep_ == "pobj"
                for a in self.named_in(o)
            ]
            if senders:
                return senders[0], (recipients[0] if recipients else None)
        return None, None

    def named_in(self, phrase: Token) -> list[Actor]:
        """The actors named in a noun phrase, a person named in it first: 'Artistic Director of the Theatre of
        Nations, National Artist of Russia Yevgeny Mironov' → Yevgeny Mironov."""
        found = self.mentions_in(self.doc[phrase.left_edge.i : phrase.right_edge.i + 1])
        found = [m for m in found if m._.resolved_by != "description"] or found
        found.sort(key=lambda m: m._.actor.type != "PERSON")
        return [m._.actor for m in found]

    def mentions_in(self, span: Span) -> list[Span]:
        """The named (not pronoun) mentions inside ``span``."""
        lo, hi = bisect.bisect_left(self.starts, span.start), bisect.bisect_left(self.starts, span.end)
        return [m for m in self.mentions[lo:hi] if m.end <= span.end and m._.resolved_by != "pronoun"]

    def heading_person(self, mention: Span) -> Actor:
        """The person a turn's heading names; a page's speaker card glued to the name ('Kirill Dmitriev
        Dmitriev KirillCEO') is the person named in full before it."""
        actor = mention._.actor
        for known in self.persons.values():
            if " " in known.label and actor.label.startswith(known.label + " ") and known.key != actor.key:
                return known
        return actor

    def addressee(self, at: int) -> Actor | None:
        """Whom 'you' addresses in a transcript: the person the turn ``at`` is in opens by addressing ('Mr
        Dmitriev, you ...'), else the speaker of the turn before when another spoke it ('Vladimir Putin: ...
        Patriarch Kirill: Thank you'), else, in the opening turn or an unnamed interviewer's question, the
        person who speaks next; no one when that turn's speaker is unnamed ('Question: ...')."""
        turns = self.turns()
        index = bisect.bisect_right(turns, at, key=lambda turn: turn[0]) - 1
        if index < 0:
            return None
        start, speaker = turns[index]
        if start in self.recipients:
            return self.recipients[start]  # 'The message reads: "You ..."': whom it was sent to
        if (called := self.vocative(start)) is not None and (speaker is None or called.key != speaker.key):
            return called
        others = [t[1] for t in reversed(turns[:index]) if t[1] is None or speaker is None or t[1].key != speaker.key]
        if speaker is not None and others:
            return others[0]
        later = (t[1] for t in turns[index + 1 :] if t[1] is not None and (speaker is None or t[1].key != speaker.key))
        return next(later, None)

    def vocative(self, start: int) -> Actor | None:
        """The person a turn opens by addressing: 'Mr Dmitriev, ...', 'Olaf, ...'."""
        doc = self.doc
        for i in range(start, min(start + 4, len(doc))):
            if (m := doc[i]._.mention) is not None:
                follows = doc[m.end].text if m.end < len(doc) else ""
                if m._.actor.type == "PERSON" and m._.resolved_by != "pronoun" and follows in (",", "!"):
                    return m._.actor
                return None
        return None

    def turn_names(self) -> list[Span]:
        """Speakers of a transcript the tagger missed, in a text where a tagged person opens another turn:
        a run of names opening a line and followed by a colon ('Patriarch Kirill: Thank you.'), or ending
        a heading after an office ('Minister of Energy Nikolai Shulginov: ...')."""
        doc = self.doc
        if not any(e.label_ == "PERSON" and e.end < len(doc) and _colon(doc[e.end]) for e in doc.ents):
            return []
        starts = {s.start for s in doc.sents} | {t.i + 1 for t in doc if t.is_space and "\n" in t.text}
        turns = []
        for i in sorted(starts):
            end = i
            while end < len(doc) and end - i < 5 and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
                end += 1
            if i < end < len(doc) and doc[end].text == ":" and all(t.ent_type_ in ("", "NORP") for t in doc[i:end]):
                turns.append(doc[i:end])  # "Olaf" alone may be tagged a nationality
        for _, heading, marker in _headings(doc):
            if marker or any(t._.mention is not None or t.ent_type_ == "PERSON" for t in heading):
                continue
            name = doc[heading.end - 2 : heading.end]  # given name and surname after the office
            office = {fold(t.text) for t in doc[heading.start : name.start]}
            if len(heading) > 2 and all(_name_word(t) for t in name) and office & (one_word_titles() | load_heads()):
                turns.append(name)
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

    def attributed_quotation(self, token: Token) -> tuple[int, int] | None:
        """The quotation a pronoun attributes as the subject of a verb of speech right after it ('"...," he
        said', '"...", she told reporters'); None for any other pronoun."""
        if token.dep_ != "nsubj" or token.head.lemma_.lower() not in QUOTE_VERBS or self.quoted(token.i) is not None:
            return None
        if self.quotes is None:
            self.quotes = _quotations(self.doc)
        index = bisect.bisect_left(self.quotes, (token.i, -1)) - 1
        if index < 0 or not 0 < token.i - self.quotes[index][1] <= 3:
            return None
        close = self.quotes[index][1]
        return self.quotes[index] if self.doc[close].sent.start == token.sent.start else None

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


def _named(token: Token) -> list[Actor]:
    """The actor a token names, itself or by a name in apposition ('President of Russia Vladimir Putin')."""
    for t in (token, *(c for c in token.children if c.dep_ == "appos")):
        if t._.mention is not None and t._.mention._.resolved_by != "pronoun":
            return [t._.mention._.actor]
    return []


def _messages(doc: Doc) -> list[tuple[int, Token]]:
    """(where its words begin, the noun) for each message a text quotes: 'The message reads, in part: ...'."""
    return [
        (t.head.i + 1, t)
        for t in doc
        if t.dep_ == "nsubj"
        and t.lemma_.lower() in MESSAGES
        and t.head.lemma_.lower() in ("read", "say", "state")
        and any(":" in w.text for w in doc[t.head.i : min(t.head.i + 6, len(doc))])
    ]


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


# Headings of a turn whose speaker the text does not name: 'Question:', 'Remark:', 'Reply:'.
UNNAMED_TURNS = {
    "question",
    "remark",
    "reply",
    "answer",
    "response",
    "comment",
    "interviewer",
    "journalist",
    "reporter",
}


def _headings(doc: Doc) -> list[tuple[int, Span, bool]]:
    """(where the turn begins, its heading) for each line or sentence made only of names and titles and
    ending in a colon ('Russian Direct Investment Fund CEO Kirill Dmitriev:'), and each interview marker
    opening a line ('((Gregory Kurtzer))', '((WSS)) :')."""
    found = []
    for t in doc:
        if _colon(t) and (start := _heading_start(doc, t.i)) is not None:
            found.append((t.i + 1, doc[start : t.i], False))
        elif t.text == "(" and t.i + 1 < len(doc) and doc[t.i + 1].text == "(" and _line_start(doc, t.i):
            close = next((j for j in range(t.i + 2, min(t.i + 10, len(doc) - 1)) if doc[j].text == ")"), None)
            if close is not None and doc[close + 1].text == ")":
                end = close + 2
                found.append((end + 1 if end < len(doc) and doc[end].text == ":" else end, doc[t.i + 2 : close], True))
    return found


def _colon(token: Token) -> bool:
    """':', or a colon the tokenizer left glued to a bracket ('(RDIF):')."""
    return token.text == ":" or (token.is_punct and len(token.text) > 1 and token.text.endswith(":"))


def _heading_start(doc: Doc, colon: int) -> int | None:
    """Where the heading ending at ``colon`` begins: at a line's or sentence's start, with no verb in it
    but in brackets ('Nguyen Xuan Phuc (retranslated):')."""
    start, bracketed = colon, doc[colon].text.startswith(")")
    while start > 0 and colon - start < 20:
        before = doc[start - 1]
        if before.text in (".", "!", "?") or ("\n" in before.text and before.is_space):
            break
        if before.pos_ in ("VERB", "AUX") and not before.ent_type_ and not bracketed:
            return None
        bracketed = (bracketed or before.text == ")") and "(" not in before.text
        start -= 1
    else:
        if start > 0:
            return None
    return start if start < colon else None


def _title_case(heading: Span) -> bool:
    """'Weekend Edition', 'Closing Remarks': a short heading of capitalised words."""
    words = [t for t in heading if not t.is_punct]
    return 0 < len(words) <= 5 and all(t.text[:1].isupper() or t.lower_ in OFFICE_LINKS for t in words)


def _name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.ent_type_ in ("", "NORP")


def _line_start(doc: Doc, i: int) -> bool:
    return i == 0 or (doc[i - 1].is_space and "\n" in doc[i - 1].text)


def _unnamed_speaker(heading: Span) -> bool:
    """'Question', 'Question (retranslated)', 'Remark', 'NG': a heading that names no one."""
    words = [t for t in heading if not t.is_punct and not t.is_space]
    if not words:
        return False
    first = words[0].text
    return first.lower() in UNNAMED_TURNS or (len(words) == 1 and first.isupper() and len(first) <= 4)
