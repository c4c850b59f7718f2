"""Reference data: countries, heads of state and government, international organisations.

Loaded once from the project's own copy under ``ontologies/reference/`` (see its README for
sources and licences). The :class:`Gazetteer` answers the questions actor resolution asks: what
does this name denote, which country does this demonym or capital stand for, and who held this
office on this date.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path

from extract.records import Actor

_NON_WORD = re.compile(r"[^a-z0-9]+")
# Latin letters that Unicode does not decompose into a base letter and an accent: "Støre" is "Store".
_UNDECOMPOSED = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)


_POSSESSIVE = re.compile(r"'s\b")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case, strip accents and punctuation: the key names are compared by.

    Kept for the names folded most (the gazetteer folds each of its 36,000 names, actor resolution
    the same mentions again and again); ASCII text, which has nothing to decompose, skips the Unicode steps.

    >>> fold("Miguel Díaz-Canel"), fold("Jonas Gahr Støre"), fold("Putin's")
    ('miguel diaz canel', 'jonas gahr store', 'putin')
    """
    text = text.lower() if text.isascii() else _unaccented(text)
    text = _POSSESSIVE.sub("", text)
    return _NON_WORD.sub(" ", text).strip()


def _unaccented(text: str) -> str:
    """Lower-case, without accents, with typographic apostrophes plain (on ASCII, only the lower-casing does anything).

    >>> _unaccented("Díaz-Canel’s Ørsted")
    "diaz-canel's orsted"
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().translate(_UNDECOMPOSED)
    return text.replace("\u2019", "'")


# British and American spellings of the words of names: "Organisation" is "Organization", "Co-operation"
# "Cooperation"; names are also looked up by their spelling with these replaced.
_SPELLINGS = (
    (re.compile(r"isation\b"), "ization"),
    (re.compile(r"\bco operation\b"), "cooperation"),
    (re.compile(r"\bdefence\b"), "defense"),
    (re.compile(r"\bcentre\b"), "center"),
    (re.compile(r"\bprogramme\b"), "program"),
    (re.compile(r"\blabour\b"), "labor"),
)


def spelling(folded: str) -> str:
    """A folded name with one spelling of the words English spells two ways.

    >>> spelling(fold("Organisation for Security and Co-operation in Europe"))
    'organization for security and cooperation in europe'
    """
    for pattern, replacement in _SPELLINGS:
        folded = pattern.sub(replacement, folded)
    return folded


def slug(text: str) -> str:
    """A stable, readable identifier for an IRI.

    >>> slug("Abdel Fattah el-Sisi")
    'abdel-fattah-el-sisi'
    """
    return fold(text).replace(" ", "-") or "unnamed"


_ROMAN = re.compile(r"^[ivxl]+$")


def surname(name: str) -> str:
    """The word a person is called by alone: the last of the name, before a monarch's 'of' and number; a
    hyphenated word is one word ('Díaz-Canel', not 'Canel'; 'Moon Jae-in' ends in 'jae in', not 'in'), without
    an article glued to it ('el-Sisi' is 'Sisi').

    >>> surname("Vladimir Putin"), surname("Carl XVI Gustaf of Sweden"), surname("Harald V of Norway")
    ('putin', 'gustaf', 'harald')
    >>> surname("Miguel Díaz-Canel"), surname("Abdel Fattah el-Sisi")
    ('diaz canel', 'sisi')
    """
    raw = name.split(" of ", 1)[0].split() or name.split()
    words = [(word, folded) for word in raw if (folded := fold(word))]
    while len(words) > 1 and _ROMAN.match(words[-1][1]):
        words.pop()
    if not words:
        return ""
    word, last = words[-1]
    particle, _, rest = last.partition(" ")
    # "el-Sisi", "al-Assad": an article glued to the name is no part of what the person is called by
    return rest if rest and word[:1].islower() and len(particle) <= 3 else last


def _latin(text: str) -> bool:
    return all(ord(c) < 0x250 or unicodedata.combining(c) for c in text)


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    qid: str | None
    capital: str | None
    demonyms: tuple[str, ...]

    def actor(self) -> Actor:
        return Actor(key=slug(self.name), label=self.name, type="GPE", country=self.iso3, qid=self.qid)


@dataclass(frozen=True, slots=True)
class Term:
    """One term of office of a head of state or government."""

    qid: str
    label: str
    country: str | None
    position: str
    role: str
    start: str
    end: str

    def covers(self, date: str | None) -> bool:
        if not date:
            return not self.end
        return (not self.start or self.start[:10] <= date[:10]) and (not self.end or date[:10] <= self.end[:10])

    @property
    def title(self) -> str:
        """'President of Russia' → 'President'."""
        return self.position.split(" of ", 1)[0].strip()


@dataclass(slots=True)
class Gazetteer:
    countries: dict[str, Country] = field(default_factory=dict)
    names: dict[str, Actor] = field(default_factory=dict)
    spellings: dict[str, Actor] = field(default_factory=dict)  # organisations by spelling(fold(name))
    acronyms: dict[str, Actor] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)
    terms: dict[str, list[Term]] = field(default_factory=dict)
    surnames: dict[str, set[str]] = field(default_factory=dict)
    shared_heads: dict[str, str] = field(default_factory=dict)  # country → the country whose head is its head

    def lookup(self, text: str, date: str | None = None) -> Actor | None:
        """The actor a name denotes, if the reference data knows it by that name.

        A bare surname is not a name the reference data can link: many people share it (see
        :meth:`holders` for the evidence that can).

        >>> g = load_gazetteer()
        >>> g.lookup("Miguel Diaz-Canel").label, g.lookup("Vladimir Putin").qid, g.lookup("Putin")
        ('Miguel Díaz-Canel', 'Q7747', None)
        """
        if text.isupper() and text in self.acronyms:
            return self.acronyms[text]
        key = fold(text)
        actor = self.names.get(key) or self.spellings.get(spelling(key))
        if actor is not None and actor.type == "PERSON":
            return self.with_role(actor, date)
        return actor

    def holder(self, surname: str, title: str, countries: set[str], date: str | None) -> Actor | None:
        """The one person with this surname who held ``title`` of one of ``countries`` at ``date``.

        The evidence a bare surname needs to be linked: a title and its country, in office on the
        article's date ("Russian President Putin"; undated text: a term still open).

        >>> g = load_gazetteer()
        >>> g.holder("Putin", "President", {"RUS"}, "2016-06-01").label
        'Vladimir Putin'
        >>> g.holder("Putin", "President", {"FRA"}, "2016-06-01") is None
        True
        """
        wanted = fold(title)
        found = {
            q
            for q in self.surnames.get(fold(surname), set())
            for t in self.terms[q]
            if t.country in countries and fold(t.title) == wanted and t.covers(date)
        }
        return self.person(next(iter(found)), date) if len(found) == 1 else None

    def demonym(self, word: str) -> Country | None:
        """'Cuban' → Cuba; also accepts a country's own name."""
        iso3 = self.demonyms.get(fold(word))
        return self.countries.get(iso3) if iso3 else None

    def capital(self, name: str) -> Country | None:
        iso3 = self.capitals.get(fold(name))
        return self.countries.get(iso3) if iso3 else None

    def country_named(self, name: str) -> Country | None:
        actor = self.names.get(fold(name))
        if actor is not None and actor.type == "GPE" and actor.country:
            return self.countries.get(actor.country)
        return None

    def office_holder(self, iso3: str, title: str, date: str | None) -> Actor | None:
        """Who held ``title`` ('President', 'Prime Minister') of country ``iso3`` on ``date``."""
        wanted = fold(title)
        found = {
            t.qid
            for terms in self.terms.values()
            for t in terms
            if t.country == iso3 and fold(t.title) == wanted and t.covers(date)
        }
        if len(found) != 1:
            return None
        return self.person(next(iter(found)), date)

    def person(self, qid: str, date: str | None = None) -> Actor:
        term = self.terms[qid][0]
        actor = Actor(key=slug(term.label), label=term.label, type="PERSON", country=term.country, qid=qid)
        return self.with_role(actor, date)

    def with_role(self, actor: Actor, date: str | None) -> Actor:
        """The actor with the role and country of the term it held at ``date``.

        A head of several states at once belongs to their own: Emmanuel Macron is France's
        president and, as such, co-prince of Andorra (``shared_heads.csv``).

        >>> load_gazetteer().lookup("Emmanuel Macron", "2020-01-01").country
        'FRA'
        """
        terms = self.terms.get(actor.qid or "", [])
        current = [t for t in terms if t.covers(date)] or ([] if date else terms[-1:])
        if not current:
            return actor
        homes = {t.country for t in current}
        own = [t for t in current if self.shared_heads.get(t.country or "") not in homes] or current
        head_of_state = [t for t in own if t.role == "head_of_state"]
        term = (head_of_state or own)[0]
        return Actor(
            key=actor.key,
            label=actor.label,
            type=actor.type,
            country=term.country or actor.country,
            qid=actor.qid,
            role=term.title,
        )


def reference_dir() -> Path:
    return Path(str(files("ontologies") / "reference"))


def _rows(name: str) -> list[dict[str, str]]:
    with (reference_dir() / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@cache
def load_gazetteer() -> Gazetteer:
    """Read the reference CSVs once per process."""
    g = Gazetteer()
    _load_countries(g)
    _load_organisations(g)
    _load_leaders(g)
    g.shared_heads = {row["country_iso3"]: row["head_of"] for row in _rows("shared_heads.csv")}
    return g


@cache
def load_countries() -> dict[str, Country]:
    """The reference countries by ISO code, without the leaders and organisations when the process
    has not read the whole gazetteer (a process that maps what others parsed needs only these)."""
    if load_gazetteer.cache_info().currsize:
        return load_gazetteer().countries
    countries_only = Gazetteer()
    _load_countries(countries_only)
    return countries_only.countries


def _load_countries(g: Gazetteer) -> None:
    # A sovereign state comes first where names or demonyms are shared: "American" is the
    # United States', not the Northern Mariana Islands'; "Dutch" the Netherlands', not Bonaire's.
    for row in sorted(_rows("countries.csv"), key=lambda row: row["independent"] != "yes"):
        if not row["iso3"]:
            continue
        country = Country(
            row["iso3"],
            row["name"],
            row["wikidata_qid"] or None,
            row["capital"] or None,
            tuple(d.strip() for d in row["demonyms"].replace(",", "|").split("|") if d.strip()),
        )
        g.countries[country.iso3] = country
        actor = country.actor()
        for name in [country.name, *row["alt_names"].split("|")]:
            if name and _latin(name) and len(fold(name)) > 2:
                g.names.setdefault(fold(name), actor)
        for demonym in country.demonyms:
            g.demonyms.setdefault(fold(demonym), country.iso3)
        if country.capital:
            g.capitals.setdefault(fold(country.capital), country.iso3)


def _load_organisations(g: Gazetteer) -> None:
    for row in _rows("organisations.csv"):
        actor = Actor(key=slug(row["label"]), label=row["label"], type="ORG", qid=row["wikidata_qid"] or None)
        for name in [row["label"], *row["aliases"].split("|")]:
            if name and _latin(name):
                g.names.setdefault(fold(name), actor)
                g.spellings.setdefault(spelling(fold(name)), actor)
        if row["acronym"] and len(row["acronym"]) > 1:
            g.acronyms.setdefault(row["acronym"], actor)


def _load_leaders(g: Gazetteer) -> None:
    for row in _rows("leaders.csv"):
        term = Term(
            row["wikidata_qid"],
            row["label"],
            row["country_iso3"] or None,
            row["position"],
            row["role"],
            row["start"],
            row["end"],
        )
        g.terms.setdefault(term.qid, []).append(term)
        actor = Actor(key=slug(term.label), label=term.label, type="PERSON", country=term.country, qid=term.qid)
        for name in [row["label"], *row["aliases"].split("|")]:
            key = fold(name)
            # A bare surname is ambiguous across 1,700 people: linked only with a title, in holder().
            if name and _latin(name) and " " in key:
                g.names.setdefault(key, actor)
        g.surnames.setdefault(surname(term.label), set()).add(term.qid)
    for terms in g.terms.values():
        terms.sort(key=lambda t: t.start)


__all__ = [
    "Country",
    "Gazetteer",
    "Term",
    "fold",
    "load_countries",
    "load_gazetteer",
    "reference_dir",
    "slug",
    "spelling",
    "surname",
]
