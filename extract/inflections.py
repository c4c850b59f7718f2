"""lemminflect's look-up tables read on demand: the same answers without parsing 120,000 lines at start-up.

lemminflect parses both of its tables (lemmas, inflections) line by line on its first call: about
0.5 s of CPU in every process that parses, for the few hundred verbs a run asks about.
:func:`index_lemminflect` gives its two singletons tables that find a word's lines by binary search
in the sorted file and parse only those, with lemminflect's own line parser, so every answer is
the one lemminflect's loader would give.
"""

from __future__ import annotations

import gzip
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import lru_cache
from typing import Any

#: the word of each line (everything before the first comma)
_WORDS = re.compile(r"^([^,\n]*),", re.M)


class LazyTable(dict):
    """A word → forms table of one of lemminflect's sorted CSV files, parsed a word at a time.

    ``merge(table, line)`` adds one parsed line to a word's entry, as lemminflect's loader does.
    Entries assigned directly (lemminflect's hard-coded auxiliaries) take precedence.
    """

    def __init__(self, lines: list[str], words: list[str], merge: Callable[[dict, str], None]) -> None:
        super().__init__()
        self._lines, self._words, self._merge = lines, words, merge
        self._parsed: set[str] = set()

    def get(self, word: Any, default: Any = None) -> Any:
        if word not in self._parsed and not dict.__contains__(self, word) and isinstance(word, str):
            self._parsed.add(word)
            entry: dict = {}
            for line in self._lines[bisect_left(self._words, word) : bisect_right(self._words, word)]:
                self._merge(entry, line)
            if entry:
                dict.__setitem__(self, word, entry)
        return dict.get(self, word, default)


def read_table(path: str, merge: Callable[[dict, str], None]) -> LazyTable | None:
    """The table of a lemminflect CSV file, or None when its words are not sorted (not the layout known here)."""
    with open(path, "rb") as f:
        text = gzip.decompress(f.read()).decode()
    lines = text.removesuffix("\n").split("\n")  # lines as lemminflect's loader reads them: split at \n only
    words = _WORDS.findall(text)
    if not words or len(words) != len(lines) or any(a > b for a, b in zip(words, words[1:], strict=False)):
        return None
    table = LazyTable(lines, words, merge)
    try:
        table.get(words[0])  # lemminflect's line parser reads this layout
    except Exception:  # another lemminflect: its own loader is left to run
        return None
    return table


def index_lemminflect() -> bool:
    """Give lemminflect's lemmatizer and inflector tables read on demand, unless they are loaded
    already or their files are not laid out as expected; True when both are.

    >>> from lemminflect import getInflection, getLemma
    >>> index_lemminflect() in (True, False), getLemma("staged", upos="VERB"), getInflection("be", "VBD")
    (True, ('stage',), ('was', 'were'))
    """
    try:  # lemminflect's internals as of 0.2.3; another layout leaves lemminflect to load as it does
        from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
        from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
        from lemminflect.core.Inflections import Inflections
        from lemminflect.core.Lemmatizer import Lemmatizer
        from lemminflect.core.LexicalUtils import categoryToUPos

        lemmatizer, inflector = Lemmatizer(), Inflections()
        paths = lemmatizer.lemma_lu_fn, inflector.infl_lu_fn
    except (ImportError, AttributeError):
        return False

    def add_lemma(entry: dict, line: str) -> None:
        _, category, forms = LemmaLUCodec.fromString(line)
        entry.update({categoryToUPos(category): forms})

    def add_inflections(entry: dict, line: str) -> None:
        entry.update(InflectionLUCodec.fromString(line)[2])

    _keep_answers(lemmatizer, "getLemma")
    _keep_answers(inflector, "getInflection")
    done = True
    if not hasattr(lemmatizer, "lemma_dict"):
        table = read_table(paths[0], add_lemma)
        if table is not None:
            lemmatizer.lemma_dict = table
        done = table is not None
    if not hasattr(inflector, "infl_dict"):
        table = read_table(paths[1], add_inflections)
        if table is not None:
            inflector.infl_dict = InflectionLUCodec.updateForAuxMod(table)
        done = done and table is not None
    return done


def _keep_answers(singleton: Any, method: str) -> None:
    """Keep the last answers of one of lemminflect's look-ups (a tuple for each word and tag, the same
    every time): a text asks about the same verbs again and again, each answer a few table look-ups or,
    for a word the tables lack, its rules for unknown words."""
    if method not in vars(singleton):  # once per process
        setattr(singleton, method, lru_cache(maxsize=1 << 14)(getattr(singleton, method)))


__all__ = ["LazyTable", "index_lemminflect", "read_table"]
