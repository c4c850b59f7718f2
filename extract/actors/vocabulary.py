"""The closed word lists actor resolution reads: titles, aliases, metonyms, group and non-agent nouns."""

from __future__ import annotations

import csv
from functools import cache, lru_cache

from extract.lexicon import lexicon_dir
from extract.reference import fold

PERSONAL = {"he", "him", "his", "she", "her", "hers", "i", "me", "my"}
FIRST_PERSON = {"i", "me", "my"}
# "you" is resolved only to the interlocutor of a transcript (extract/actors/speakers.py addressee)
SECOND_PERSON = {"you", "your", "yours"}
FEMININE = {"she", "her", "hers"}
# Offices whose holder speaks for the state: heads of state and of government, and the members of a
# government (any minister; the secretaries who are ministers), whose "we" is the government: the country.
GOVERNMENT_OFFICES = {
    "president",
    "premier",
    "chancellor",
    "federal chancellor",
    "king",
    "queen",
    "emir",
    "sultan",
    "supreme leader",
    "head of state",
    "foreign secretary",
    "defence secretary",
    "defense secretary",
    "home secretary",
    "secretary of state",
    "secretary of defense",
    "attorney general",
}
# Pronouns for bodies and countries; "we" in a government statement is the speaker's side.
COLLECTIVE_PRONOUNS = {"they", "them", "their", "we", "us", "our", "its", "it"}
# CAMEO sectors (Phoenix agents) whose nouns name the state acting ("Israeli soldiers" → Israel).
STATE_SECTORS = {"GOV", "MIL", "COP", "LEG", "JUD", "SPY"}
# Sectors whose nouns name a group of people that can act ("Afghan rebels", "civilians").
GROUP_SECTORS = STATE_SECTORS | {
    "REB",
    "UAF",
    "OPP",
    "CVL",
    "REF",
    "PPL",
    "IGO",
    "NGO",
    "PTY",
    "MED",
    "LAB",
    "AGR",
    "EDU",
    "HLH",
    "HRI",
    "REL",
    "CRM",
    "BUS",
    "ELI",
    # religious communities and their members ("monks", "clergy", "students" in Phoenix)
    "CHR",
    "MUS",
    "JEW",
    "HIN",
    "BUD",
}
# Nouns that denote the people or bodies acting for a country ("British officials").
COLLECTIVES = {
    "official",
    "officials",
    "government",
    "authorities",
    "forces",
    "troops",
    "side",
    "leadership",
    "diplomats",
    "delegation",
    "army",
    "military",
    "administration",
    "ministry",
    "police",
    "regime",
    "parliament",
    "lawmakers",
    "negotiators",
}


DEFINITE = {"the", "this", "that", "these", "those"}
# The small words inside the name of a body: "Ministry of Foreign Affairs", "Commission on Transport".
NAME_LINKS = {"of", "for", "on", "and", "the", "in"}
# Words any organisation can be called by, once named: "ISIL ... this terrorist group".
# Who "I" is in a statement that never names its author.
# Nouns for states, which act as a group when a role noun modifies them ("member states").
POLITIES = {"state", "country", "nation"}
GENERIC_BODIES = {"group", "organisation", "organization", "movement", "network", "outfit"}

_fold = lru_cache(maxsize=1 << 16)(fold)


@cache
def load_titles() -> tuple[tuple[str, ...], ...]:
    """Title phrases as token tuples, longest first."""
    lines = (lexicon_dir() / "titles.txt").read_text(encoding="utf-8").splitlines()
    titles = {tuple(fold(line).split()) for line in lines if line.strip() and not line.startswith("#")}
    return tuple(sorted(titles, key=len, reverse=True))


@cache
def load_metonyms() -> dict[str, str]:
    with (lexicon_dir() / "metonyms.tsv").open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {fold(row["name"]): row["country"] for row in rows}


@cache
def load_not_agents() -> frozenset[str]:
    lines = (lexicon_dir() / "not_agents.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@cache
def load_aliases() -> dict[str, tuple[str, str, str]]:
    """Short and common names the reference data lacks: 'Britain', 'U.S.', 'Daesh'.

    Folded name → (country code or canonical label, actor type, Wikidata QID).
    """
    with (lexicon_dir() / "aliases.tsv").open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {fold(row["name"]): (row["refers_to"], row["type"], row["qid"]) for row in rows}


@cache
def load_place_nouns() -> dict[str, str]:
    """Head nouns of the names of places and events → 'facility' | 'square' | 'event' (``place_nouns.tsv``)."""
    with (lexicon_dir() / "place_nouns.tsv").open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {row["noun"]: row["kind"] for row in rows}


@cache
def load_body_nouns() -> frozenset[str]:
    """Head nouns of the names of bodies ('Council', 'Chamber', 'Board')."""
    lines = (lexicon_dir() / "body_nouns.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@cache
def load_group_nouns() -> frozenset[str]:
    lines = (lexicon_dir() / "groups.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@cache
def load_alias_names() -> tuple[str, ...]:
    """The aliases as written, for exact matching in text."""
    with (lexicon_dir() / "aliases.tsv").open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return tuple(row["name"] for row in rows)


@cache
def load_heads() -> frozenset[str]:
    """Titles of a person who heads or speaks for a body ('CEO', 'Chairman'), folded."""
    lines = (lexicon_dir() / "heads.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line) for line in lines if line.strip() and not line.startswith("#"))


def one_word_titles() -> frozenset[str]:
    return frozenset(t[0] for t in load_titles() if len(t) == 1)


@cache
def titles_ending_in() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Title phrases by their last word, longest first."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for title in load_titles():
        found.setdefault(title[-1], []).append(title)
    return {word: tuple(titles) for word, titles in found.items()}


@cache
def offices_ending_in() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Titles and the titles of a body's head ('Head', 'CEO', 'Director'), by their last word, longest first."""
    found = {word: list(titles) for word, titles in titles_ending_in().items()}
    for head in load_heads():
        words = tuple(head.replace("-", " ").split())
        if words not in found.setdefault(words[-1], []):
            found[words[-1]].append(words)
    return {word: tuple(sorted(titles, key=len, reverse=True)) for word, titles in found.items()}


def title_at(tokens, end: int) -> tuple[str, int] | None:
    """The title phrase ending just before index ``end`` of ``tokens`` (a Doc or a list): (title, start index).

    A hyphen glued between two words of a title is no word of it: 'Secretary-General' is 'Secretary General'.
    """
    return _phrase_at(tokens, end, titles_ending_in())


def office_at(tokens, end: int) -> tuple[str, int] | None:
    """Like :func:`title_at`, a head's title of ``heads.txt`` too ('Head', 'CEO'): the title of an office
    written with the body or place it is of ('Head of the Federal Customs Service', 'Rosneft head')."""
    return _phrase_at(tokens, end, offices_ending_in())


def _phrase_at(tokens, end: int, table: dict[str, tuple[tuple[str, ...], ...]]) -> tuple[str, int] | None:
    if end <= 0:
        return None
    candidates = table.get(_fold(tokens[end - 1].text))
    if not candidates:
        return None
    at: list[int] = []  # the indices of the title's words, back from ``end``, without glued hyphens
    i = end - 1
    while i >= 0 and len(at) < len(candidates[0]):
        if not (tokens[i].text == "-" and at and i > 0 and not tokens[i].whitespace_ and not tokens[i - 1].whitespace_):
            at.append(i)
        i -= 1
    words = [_fold(tokens[j].text) for j in reversed(at)]
    for title in candidates:
        n = len(title)
        if n <= len(words) and tuple(words[len(words) - n :]) == title:
            start = at[n - 1]
            return "".join(t.text_with_ws for t in tokens[start:end]).strip(), start
    return None


def title_from(tokens, start: int) -> int:
    """How many tokens of ``tokens`` from ``start`` a title phrase takes: 'Crown Prince Mohammad...' → 2; 0 if none."""
    words = [_fold(t.text) for t in tokens[start : start + len(load_titles()[0])]]
    for title in load_titles():  # longest first
        if tuple(words[: len(title)]) == title:
            return len(title)
    return 0


@cache
def load_honorifics() -> dict[str, tuple[str | None, str]]:
    """Words before a name that are no part of it, or nouns in apposition to it: folded word → (gender or
    None, 'honorific' | 'title' | 'noun')."""
    with (lexicon_dir() / "honorifics.tsv").open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {fold(row["word"]): (row["gender"] or None, row["kind"]) for row in rows}


def honorific(word: str) -> bool:
    """'Mr', 'Mrs.', 'Dr': a courtesy word before a name, not part of it."""
    found = load_honorifics().get(_fold(word))
    return found is not None and found[1] == "honorific"


def gender_of(word: str) -> str | None:
    """'Mr' → 'male', 'Queen' → 'female', 'President' → None."""
    found = load_honorifics().get(_fold(word))
    return found[0] if found else None


@cache
def load_quote_verbs() -> frozenset[str]:
    """Verbs that attribute a quotation ('continued', 'replied', 'tweeted'), as lemmas."""
    lines = (lexicon_dir() / "quote_verbs.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1 << 16)
def glued_office(word: str) -> bool:
    """'KirillCEO', 'AlexanderPresident', 'VeronikaHead': a given name a page glued to the title after it;
    no name ('LaToya', 'McDonald', 'DeSantis': what follows the inner capital is no title's first word)."""
    inner = next((i for i in range(1, len(word) - 1) if word[i - 1].islower() and word[i].isupper()), None)
    return inner is not None and _fold(word[inner:]) in _title_first_words()


@cache
def _title_first_words() -> frozenset[str]:
    """The first words of the titles and of the heads' titles, folded ('president', 'ceo', 'head')."""
    return frozenset({t[0] for t in load_titles()} | {h.split()[0] for h in load_heads()})
