"""The event lexicon: which words name interactions, and which PLOVER category each belongs to.

The data lives in ``ontologies/lexicon/`` (built from the CAMEO verb dictionary and the
CAMEO→PLOVER table by ``tools/build_lexicon.py``); this module only loads and queries it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

# Nominalisations and adjectives are mapped back to their verb by suffix: "congratulation",
# "congratulatory" → "congratulate"; "criticism" → "criticise"; "agreement" → "agree";
# "suspension" → "suspend".
_DERIVATIONS = (
    ("ications", "y"),
    ("ication", "y"),
    ("ations", "ate"),
    ("ation", "ate"),
    ("atory", "ate"),
    ("itions", "ite"),
    ("ition", "ite"),
    ("nsions", "nd"),
    ("nsion", "nd"),
    ("sions", "de"),
    ("sion", "de"),
    ("ments", ""),
    ("ment", ""),
    ("ions", "e"),
    ("ion", "e"),
    ("ions", ""),
    ("ion", ""),
    ("isms", "ise"),
    ("ism", "ise"),
    ("ism", "ize"),
    ("als", ""),
    ("al", ""),
    ("ance", ""),
    ("ence", ""),
    ("ings", ""),
    ("ing", ""),
    ("ing", "e"),
    ("s", ""),
)


# Acts done *with or for* someone, which "against X" turns into opposing X; a narrower set than the
# relation rules' cooperative categories (yielding and withdrawing are not done against anyone).
_ALLIED_ACTS = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID"})


@dataclass(frozen=True, slots=True)
class Sense:
    """What a pattern means: CAMEO code, PLOVER category and mode (``phone``, ``visit``...)."""

    cameo: str
    category: str
    mode: str


_OPPOSED = Sense("113", "DISAPPROVE", "disapprove")  # CAMEO 113: rally opposition against
_PROTECTION = "074"  # CAMEO 074: provide military protection ("defend", "protect", "shield")


@dataclass(slots=True)
class Lexicon:
    patterns: dict[tuple[str, str], Sense] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)
    nouns: dict[str, Sense] = field(default_factory=dict)
    noun_predicates: dict[str, str] = field(default_factory=dict)
    derived: dict[str, str | None] = field(default_factory=dict)  # memo of verb_of
    phrased: set[tuple[str, str]] = field(default_factory=set)  # (verb, preposition) of phrase patterns
    lemmas: set[str] = field(default_factory=set)  # memo of knows
    not_events: set[str] = field(default_factory=set)  # nouns that only look derived from an event verb

    def noun_sense(self, noun: str) -> Sense | None:
        """The sense of an event noun: ``ties`` → COOPERATE, ``conversation`` → CONSULT.

        >>> load_lexicon().noun_sense("ties").category
        'COOPERATE'
        """
        noun = noun.lower()
        if noun in self.nouns:
            return self.nouns[noun]
        if " " in noun:
            return None
        verb = self.verb_of(noun)
        return self.sense(verb) if verb else None

    def sense(self, lemma: str, requires: str = "-") -> Sense | None:
        """The sense of ``lemma`` used with ``requires`` (``-``, ``prep:with``, ``obj:talks``,
        ``prep:against:criticism``).

        >>> lexicon = load_lexicon()
        >>> lexicon.sense("telephone").category, lexicon.sense("meet", "prep:with").category
        ('CONSULT', 'CONSULT')
        """
        lemma = lemma.lower()
        if " " in lemma and (lemma, requires) not in self.patterns:
            # a particle verb: "crack down" is CAMEO's "CRACK - DOWN" (prep:down); the verb's own object
            # patterns are another sense ("call for help" is no "call off")
            verb, particle = lemma.split(" ", 1)
            return self.sense(verb, f"prep:{particle}") if requires == "-" else None
        if (
            requires == "prep:from"
            and (own := self.patterns.get((lemma, "-"))) is not None
            and own.cameo == _PROTECTION
        ):
            # "defend X from Y": X is protected (CAMEO's "defend * FROM" puts the target on X), Y opposed
            return _OPPOSED
        found = self.patterns.get((lemma, requires))
        if found is None and (requires.startswith("obj:") or requires.count(":") == 2):
            # CAMEO writes nouns sometimes singular, sometimes plural ("* INSPECTORS")
            head, noun = requires.rsplit(":", 1)
            found = next(
                (
                    self.patterns[key]
                    for variant in _number_variants(noun)
                    if (key := (lemma, f"{head}:{variant}")) in self.patterns
                ),
                None,
            )
        if found is None and requires == "-":
            found = self.patterns.get((lemma, "*"))
        if (
            found is None
            and requires == "prep:against"
            and (lemma, "against") not in self.phrased
            and (own := self.sense(lemma)) is not None
            and own.category in _ALLIED_ACTS
        ):
            # "supported Iraq against ISIL", "unite against ISIL": the one a cooperative act is
            # against is opposed, as CAMEO codes "cooperate (AGAINST)" and "lobby (AGAINST)" (11x);
            # not where CAMEO reads the phrase otherwise ("defend * (AGAINST CRITICISM)")
            found = _OPPOSED
        return found

    def clause_sense(self, lemma: str, objects: Iterable[str], phrases: Iterable[tuple[str, str]] = ()) -> Sense | None:
        """The sense of a verb in its clause: the first pattern its direct-object nouns match,
        else the first its prepositional phrases match, else the bare verb's ("signed a treaty"
        → SUPPORT though "sign" alone is nothing; "defended X against criticism" → SUPPORT,
        verbal, where "defend" alone is protection, AID).

        >>> lexicon = load_lexicon()
        >>> lexicon.clause_sense("sign", ["treaty"]).category
        'SUPPORT'
        >>> lexicon.clause_sense("defend", [], [("against", "criticism")]).category
        'SUPPORT'
        """
        found = next((sense for noun in objects if (sense := self.sense(lemma, f"obj:{noun.lower()}"))), None)
        found = found or next(
            (sense for prep, noun in phrases if (sense := self.sense(lemma, f"prep:{prep.lower()}:{noun.lower()}"))),
            None,
        )
        return found or self.sense(lemma)

    def knows(self, lemma: str) -> bool:
        """Whether any pattern starts with ``lemma``."""
        if not self.lemmas:
            self.lemmas.update(key[0] for key in self.patterns)
        return lemma.lower() in self.lemmas

    def is_event_verb(self, lemma: str) -> bool:
        return (lemma.lower(), "-") in self.patterns or (lemma.lower(), "*") in self.patterns

    def verb_of(self, word: str) -> str | None:
        """The event verb a noun or adjective derives from, if the lexicon knows it.

        >>> load_lexicon().verb_of("congratulatory")
        'congratulate'
        """
        word = word.lower()
        if word in self.derived:
            return self.derived[word]
        self.derived[word] = found = self._verb_of(word)
        return found

    def _verb_of(self, word: str) -> str | None:
        if word in self.not_events:
            return None  # "importance" is not "import"
        if self.is_event_verb(word):
            return word
        for suffix, replacement in _DERIVATIONS:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                candidate = word[: len(word) - len(suffix)] + replacement
                if self.is_event_verb(candidate):
                    return candidate
        return None

    def sector(self, noun: str) -> str | None:
        """The CAMEO sector of an agent noun ('officials' → 'GOV')."""
        noun = noun.lower()
        return self.agents.get(noun) or (self.agents.get(noun[:-1]) if noun.endswith("s") else None)


def _number_variants(noun: str) -> list[str]:
    """The other grammatical number of a noun: 'inspector' → 'inspectors', 'inspectors' →
    'inspector', 'militias' → 'militia', 'militia' → 'militias', 'ally' → 'allies'."""
    if noun.endswith("ies"):
        return [noun[:-3] + "y", noun[:-1]]
    if noun.endswith("es"):
        return [noun[:-1], noun[:-2]]
    if noun.endswith("s"):
        return [noun[:-1]]
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return [noun[:-1] + "ies"]
    return [noun + "s", noun + "es"]


def lexicon_dir() -> Path:
    return Path(str(files("ontologies") / "lexicon"))


@cache
def word_class(name: str) -> frozenset[str]:
    """The lemmas of one closed word class in ``word_classes.tsv`` (``speech``, ``place``...).

    >>> "say" in word_class("speech")
    True
    """
    words = frozenset(row["lemma"] for row in _tsv(lexicon_dir() / "word_classes.tsv") if row["class"] == name)
    if not words:
        raise KeyError(f"no word class {name!r} in word_classes.tsv")
    return words


def tsv_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a lexicon table: tab-separated, with a header row, ``#`` lines are comments."""
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


_tsv = tsv_rows


@cache
def load_lexicon() -> Lexicon:
    lexicon = Lexicon()
    for name in ("verbs.tsv", "overrides.tsv"):
        for row in _tsv(lexicon_dir() / name):
            key = (row["lemma"], row["requires"])
            if row["plover"] == "-":  # an override that takes a pattern out: no event
                lexicon.patterns.pop(key, None)
            else:
                lexicon.patterns[key] = Sense(row["cameo"], row["plover"], row["mode"] or "")
                if key[1].count(":") == 2:
                    lexicon.phrased.add((key[0], key[1].split(":")[1]))
    for row in _tsv(lexicon_dir() / "nouns.tsv"):
        if row["plover"] == "-":  # a noun that only looks derived from an event verb ("importance")
            lexicon.not_events.add(row["noun"])
            continue
        lexicon.nouns[row["noun"]] = Sense(row["cameo"], row["plover"], "")
        lexicon.noun_predicates[row["noun"]] = row["predicate"]
    for row in _tsv(lexicon_dir() / "agents.tsv"):
        lexicon.agents[row["noun"]] = row["sector"]
    return lexicon


__all__ = ["Lexicon", "Sense", "lexicon_dir", "load_lexicon", "tsv_rows", "word_class"]
