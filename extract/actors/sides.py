"""Whom a speaker's "we" stands for: the body the text says they head, the country of a member of its
government, the speaker when they hold an office, or no one."""

from __future__ import annotations

import bisect

from spacy.tokens import Span, Token

from extract.actors.base import ResolverBase
from extract.actors.vocabulary import GOVERNMENT_OFFICES, load_heads, one_word_titles
from extract.records import Actor
from extract.reference import fold

# Words that join a title to the body it heads: "CEO of the Fund", "Rosneft's head".
OFFICE_LINKS = {"the", "of", "for", "at", "'s", "\u2019s", "a", "an"}


class SidesMixin(ResolverBase):
    """The side a speaker speaks for, from the office the text writes with their name."""

    def on_behalf_of(self, token: Token) -> Actor | None:
        """The body a speaker says they speak for, in the quotation or turn ``token`` is in, before it: 'On
        behalf of the Court and retired Justices, ...'."""
        region = self.quoted(token.i)
        turn = self.turn_at(token.i)
        # the sentence the quotation opens in: 'On behalf of the Court," wrote X, "...'
        start = self.doc[region[0]].sent.start if region is not None else (turn[0] if turn else token.sent.start)
        behalf = self.behalf_words()
        for i in behalf[bisect.bisect_left(behalf, start) : bisect.bisect_left(behalf, token.i)]:
            bodies = [
                m._.actor
                for p in self.doc[i].children
                if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children
                if o.dep_ == "pobj" and (m := o._.mention) is not None and m._.actor.type in ("ORG", "GPE")
            ]
            if bodies:
                return bodies[0]
        return None

    def behalf_words(self) -> list[int]:
        """Where the document writes 'on behalf' or 'in behalf', in order (found once: the parse is fixed)."""
        if self.behalf is None:
            self.behalf = [t.i for t in self.doc if t.lower_ == "behalf" and t.head.lower_ in ("on", "in")]
        return self.behalf

    def side_of(self, speaker: Actor) -> Actor | None:
        """Whom a person's 'we' stands for: the body the text says the person heads or speaks for ('CEO of
        the Russian Direct Investment Fund Kirill Dmitriev'), else the country of a head of state or a
        member of a government ('President of Azerbaijan Ilham Aliyev', 'Bruno Parrilla, the foreign
        affairs minister of Cuba'; of unknown country, the country of the chair of the text's turns, else
        the first state that acts in the text: a minister at the President's meeting speaks for the
        President's country, not for a state his report names first), else the
        speaker when the text gives them an office ('Chief Justice John G. Roberts', 'Senator Lindsey
        Graham': their "we" is whatever they speak for, the text identifying only them); else no one (a
        witness's, a pupil's "we" is a family, a class, the people on a bus).

        The answer reads only the named mentions (not pronouns'), which stay while a text's "we"s are
        resolved one by one: it is kept for the speaker until they change (``revision``).
        """
        known = (speaker, self.revision)
        if known not in self.sides:
            self.sides[known] = self.find_side(speaker)
        return self.sides[known]

    def find_side(self, speaker: Actor) -> Actor | None:
        """:meth:`side_of`, worked out."""
        if (body := self.headed_body(speaker)) is not None:
            return body
        office = self.written_office(speaker)
        role = speaker.role or self.reference_office(speaker)
        if role is None and office is None:
            return None
        if not in_government(role or "") and not (office is not None and in_government(office.text)):
            return speaker
        countries = self.gazetteer.countries
        country = speaker.country or self.office_country(office) or self.chair_country() or self.first_state_country()
        return countries[country].actor() if country in countries else speaker

    def reference_office(self, speaker: Actor) -> str | None:
        """The state office the reference data says the person held in the article's year ('Prime Minister')."""
        year = (self.date or "")[:4]
        terms = self.gazetteer.terms.get(speaker.qid or "", [])
        held = [t for t in terms if not year or (t.start[:4] or year) <= year <= (t.end[:4] or year)]
        return held[-1].title if held else None

    def office_country(self, office: Span | None) -> str | None:
        """The country named in an office: 'the foreign affairs minister of Cuba'."""
        places = [m._.actor.country for m in self.mentions_in(office) if m._.actor.type == "GPE"] if office else []
        return next((c for c in places if c), None)

    def first_state_country(self) -> str | None:
        state = self.first_state_subject()
        return state.country if state is not None else None

    def chair_country(self) -> str | None:
        """The country of the first speaker of the text's turns who holds a state office ('President of Russia
        Vladimir Putin: ...'): whose government the ministers of unknown country at his meeting are in."""
        return next(
            (a.country for _, a in self.turns() if a is not None and a.country and in_government(a.role or "")),
            None,
        )

    def written_office(self, speaker: Actor) -> Span | None:
        """The office the text writes with a naming mention of the person, before it ('Minister of Energy
        Nikolai Shulginov') or in apposition after it ('Bruno Parrilla, the foreign affairs minister of
        Cuba'), when it holds a title."""
        doc, titles = self.doc, one_word_titles() | load_heads()
        for m in self.mentions:
            if m._.actor.key != speaker.key or m._.resolved_by == "pronoun":
                continue
            start = before = m.start - 1 if m.start > m.sent.start and doc[m.start - 1].text == "," else m.start
            while start > max(m.sent.start, m.start - 9) and _office_word(doc[start - 1]):
                start -= 1
            end = m.end + 1 if m.end < m.sent.end and doc[m.end].text == "," else m.end
            after = end
            while end > m.end and after < min(m.sent.end, end + 10) and _office_word(doc[after]):
                after += 1
            for office in (doc[start:before], doc[end:after]):
                if any(fold(t.text) in titles for t in office):
                    return office
        return None

    def headed_body(self, speaker: Actor) -> Actor | None:
        """The body the text names with the person's office, at any naming mention of the person: 'RDIF
        CEO Kirill Dmitriev', 'Chairman of the Constitutional Court Valery Zorkin', 'Rich Bowen, the
        community manager of the CentOS Project'."""
        for m in self.mentions:
            if m._.actor.key == speaker.key and m._.resolved_by != "pronoun":
                if (body := self.body_in_office(m)) is not None:
                    return body
        return None

    def body_in_office(self, name: Span) -> Actor | None:
        """The body in the office written just before one mention of a person ('CEO of the Russian Direct
        Investment Fund (RDIF) Kirill Dmitriev', 'Rosneft head Igor Sechin') or in apposition after it
        ('Igor Sechin, Rosneft's chief executive'), when the office is a head's."""
        doc, sent = self.doc, name.sent
        offices = [range(name.start - 1, max(sent.start, name.start - 14) - 1, -1)]
        if name.end < sent.end and doc[name.end].text == ",":
            offices.append(range(name.end + 1, min(sent.end, name.end + 12)))
        for indices in offices:
            body, words = None, []
            for i in indices:
                t = doc[i]
                if (m := t._.mention or self.office_bodies.get(i)) is not None and m._.resolved_by != "pronoun":
                    if m._.actor.type != "ORG":
                        break
                    body = body or m  # the tokens of one name each land here
                elif t.lower_ in OFFICE_LINKS or t.text in ("(", ")"):
                    continue
                elif t.pos_ in ("NOUN", "PROPN", "ADJ") and t.ent_type_ not in ("PERSON", "GPE", "NORP"):
                    words.append(t)
                else:
                    break
            if body is not None and _head_title(sorted(words, key=lambda t: t.i)):
                return body._.actor
        return None


def in_government(role: str) -> bool:
    """'President', 'Deputy Prime Minister', 'Foreign Secretary': an office in a state's government."""
    role = fold(role)
    return role in GOVERNMENT_OFFICES or "minister" in role.split()


def _head_title(words: list[Token]) -> bool:
    """Whether words of an office name a head's title: 'CEO', 'Chairman', 'community manager'."""
    if not words or len(words) > 3:
        return False
    name = fold(" ".join(t.text for t in words))
    return any(name == head or name.endswith(" " + head) for head in load_heads())


def _office_word(token: Token) -> bool:
    """A word of an office: 'Minister', 'foreign', 'affairs', 'of', 'the', 'Cuba'."""
    return token.pos_ in ("PROPN", "NOUN", "ADJ") or token.lower_ in OFFICE_LINKS
