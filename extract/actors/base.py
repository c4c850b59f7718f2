"""The state one document's resolution keeps: its mentions in order, and the sentence window they are looked up in."""

from __future__ import annotations

import bisect
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from extract.records import Actor
from extract.reference import Gazetteer

if not Doc.has_extension("mentions"):
    Doc.set_extension("mentions", default=None)
    Doc.set_extension("date", default=None)
    Span.set_extension("actor", default=None)
    Span.set_extension("resolved_by", default=None)
    Token.set_extension("mention", default=None)
if not Doc.has_extension("scope"):
    # the article a document is, as a short stable id (its content hash): what is known only from the
    # article's own words, such as a bare surname no other mention explains, is keyed within it
    Doc.set_extension("scope", default=None)


class ResolverBase:
    """Mentions found so far in one document, and the lookups every family of rules shares."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, window: int) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.date = doc._.date
        self.scope: str | None = doc._.scope
        self.window = window
        self.mentions: list[Span] = []
        self.actors: dict[str, Actor] = {}  # key → the article's actor of that key, the first met
        self.first_at: dict[str, int] = {}  # key → where the article first mentions that actor
        self.persons: dict[str, Actor] = {}  # key → a person the article names in full
        self.full_names: dict[str, list[str]] = {}  # surname → keys of the people named in full with it
        self.first_words: dict[str, list[str]] = {}  # first word → keys of the people named in full with it
        self.countries_named: set[str] = set()  # countries the article names (evidence for a title)
        self.places_named: set[str] = set()  # folded names the article uses as places ("in Donbass")
        self.offices_held: set[int] = set()  # tokens of an office written before its holder's name
        self.office_bodies: dict[int, Span] = {}  # token → the body's mention an office before a name took in
        self.pronouns_underway: set[int] = set()  # token indices of the pronouns being resolved
        self.titled: set[str] = set()  # folded names the article gives a title or honorific ("minister Wiranto")
        self.gender: dict[str, str] = {}  # actor key → 'male' | 'female', where the text tells
        self.statements: list[tuple[int, Actor | None]] | None = None  # where turns and statements begin, by whom
        self.recipients: dict[int, Actor] = {}  # where a quoted message begins → whom it was sent to
        self.quotes: list[tuple[int, int]] | None = None  # quotation marks' token indices, once found
        self.we: Actor | None = None  # who "we" is in this document, once known
        self.we_unnamed = False  # whether the document's first "we" had no one in sight to refer to
        self.first: dict[str, Actor | None] = {}  # the document's speaker and first acting state, once looked up
        self.starts: list[int] = []  # mention starts, sorted, parallel to self.mentions
        # Moves with every change to the named mentions (any but a pronoun's) or to the offices' bodies:
        # an answer read from those alone holds while it stays (see ``SidesMixin.side_of``). Whatever
        # sets a mention's actor, its ``resolved_by`` or a token's mention must call ``changed``.
        self.revision = 0
        self.sides: dict[tuple[Actor, int], Actor | None] = {}  # (speaker, revision) → the side_of answer
        self.behalf: list[int] | None = None  # where 'on behalf' or 'in behalf' is written, once found
        self.mention_sentences: list[int] = []  # sentences that mention someone, sorted
        self.sentence_of: list[int] = [0] * len(doc)
        for index, sent in enumerate(doc.sents):
            self.sentence_of[sent.start : sent.end] = [index] * (sent.end - sent.start)

    def recent(self, accept, before: int, fits=None) -> Actor | None:
        """The most recent accepted actor mentioned within the window of sentences before ``before``.

        ``fits``, if given, also tests the mention itself (its number, for 'it').
        """
        found = self.recent_mention(lambda m: accept(m._.actor) and (fits is None or fits(m)), before)
        return found._.actor if found is not None else None

    def recent_mention(self, fits, before: int) -> Span | None:
        """The most recent mention that ``fits`` within the window of sentences before ``before``."""
        sentence_of = self.sentence_of
        current = sentence_of[before]
        # The window counts sentences that mention someone, back from the current one.
        upto = bisect.bisect_right(self.mention_sentences, current)
        prior = self.mention_sentences[max(0, upto - self.window - 1) : upto]
        if not prior or prior[-1] != current:
            prior = [*prior, current][-self.window - 1 :]
        earliest = prior[0]
        for index in range(bisect.bisect_left(self.starts, before) - 1, -1, -1):
            mention = self.mentions[index]
            if sentence_of[mention.start] < earliest:
                break
            if fits(mention):
                return mention
        return None

    def remove(self, span: Span) -> None:
        """Forget a mention (to replace it by a longer one)."""
        at = self.mentions.index(span)
        del self.mentions[at]
        del self.starts[at]
        self.changed()
        for t in span:
            t._.mention = None
        sentence = self.sentence_of[span.start]
        if not any(self.sentence_of[m.start] == sentence for m in self.mentions):
            self.mention_sentences.remove(sentence)

    def add(self, span: Span, actor: Actor, how: str) -> None:
        if any(t._.mention is not None for t in span):
            return
        span._.actor = actor = self.one_actor(actor)
        span._.resolved_by = how
        if how != "pronoun" or any(t.i in self.office_bodies for t in span):
            self.changed()  # a pronoun's mention is no name, except where an office's body was
        self.first_at[actor.key] = min(span.start, self.first_at.get(actor.key, span.start))
        for t in span:
            t._.mention = span
        at = bisect.bisect_right(self.starts, span.start)
        self.mentions.insert(at, span)
        self.starts.insert(at, span.start)
        sentence = self.sentence_of[span.start]
        at = bisect.bisect_left(self.mention_sentences, sentence)
        if at == len(self.mention_sentences) or self.mention_sentences[at] != sentence:
            self.mention_sentences.insert(at, sentence)

    def changed(self) -> None:
        """Note a change to the named mentions or to the offices' bodies (see ``revision``)."""
        self.revision += 1

    def one_actor(self, actor: Actor) -> Actor:
        """One actor per entity in the article: a local name met again is the actor met first, whatever type
        the tagger gave it this time ("Labour" as a person, a place, a party); a name typed as a body or a
        place somewhere is not a person anywhere (the earlier mentions change with it)."""
        seen = self.actors.get(actor.key)
        if seen is None or seen == actor or seen.qid or actor.qid:
            self.actors.setdefault(actor.key, actor)
            return actor
        if seen.type == actor.type:  # what a later mention adds: "the Kenyan Foreign Minister, Amina Mohamed"
            merged = replace(seen, role=seen.role or actor.role, country=seen.country or actor.country)
        elif seen.type == "PERSON" and " " not in seen.label:
            merged = actor
        else:
            return seen
        if merged != seen:
            self.changed()
            for mention in self.mentions:
                if mention._.actor == seen:
                    mention._.actor = merged
            self.actors[actor.key] = merged
        return merged

    if TYPE_CHECKING:  # the families call one another through the composed resolver

        def person(self, ent: Span) -> None: ...
        def named_person(self, ent: Span) -> None: ...
        def place(self, ent: Span) -> None: ...
        def organisation(self, ent: Span) -> None: ...
        def group(self, ent: Span) -> None: ...
        def demonym(self, text: str): ...
        def alias(self, text: str) -> Actor | None: ...
        def link_person(self, name: Span, role: str | None, country: str | None) -> tuple[Actor, str]: ...
        def misread_person(self, ent: Span) -> str | None: ...
        def note_places(self, ents) -> None: ...
        def person_taken_for_place(self, ent: Span) -> bool: ...
        def surname_taken_for_name(self, ent: Span) -> bool: ...
        def context(self, start: int) -> tuple[str | None, str | None]: ...
        def office_before(self, start: int) -> tuple[str, str | None, int] | None: ...
        def office_glued(self, ent: Span) -> Span | None: ...
        def body_named(self, words: list) -> bool: ...
        def office_name_begins(self, start: int) -> int | None: ...
        def person_name(self, ent: Span) -> Span: ...
        def named_by_first_word(self, word: str, at: int) -> Actor | None: ...
        def local_key(self, name: str) -> str: ...
        def name_in_full(self, name: Span, role: str | None, country: str | None) -> Actor: ...
        def note_gender(self, actor: Actor, name: Span) -> None: ...
        def agent_sector(self, token: Token) -> str | None: ...
        def agent_group(self, token: Token, country: str | None = None) -> None: ...
        def is_collective(self, token: Token) -> bool: ...
        def pronoun(self, token: Token) -> None: ...
        def first_person(self, token: Token) -> Actor | None: ...
        def quoted_speaker(self, token: Token) -> Actor | None: ...
        def statement_speaker(self, at: int) -> Actor | None: ...
        def turn_at(self, at: int) -> tuple[int, Actor | None] | None: ...
        def turns(self) -> list[tuple[int, Actor | None]]: ...
        def mentions_in(self, span: Span) -> list[Span]: ...
        def side_of(self, speaker: Actor) -> Actor | None: ...
        def on_behalf_of(self, token: Token) -> Actor | None: ...
        def one_unnamed(self, token: Token) -> bool: ...
        def first_state_subject(self) -> Actor | None: ...
        def addressee(self, at: int) -> Actor | None: ...
        def unnamed_author(self) -> Actor: ...
        def quoted(self, at: int) -> tuple[int, int] | None: ...
        def attributed_quotation(self, token: Token) -> tuple[int, int] | None: ...
        def office_taken_for_name(self, ent: Span) -> bool: ...
        def names_taken_for_one(self, ent: Span) -> bool: ...
        def demonym_taken_for_name(self, ent: Span) -> bool: ...
        def demonym_cut_short(self, ent: Span) -> bool: ...
        def modifier_taken_for_name(self, ent: Span) -> bool: ...
