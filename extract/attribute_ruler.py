"""spaCy's attribute ruler without spaCy's ``Matcher``: the same matches at a fraction of the cost.

The model's attribute ruler (tag → part of speech and morphology, plus exceptions) runs a
``Matcher`` of 179 patterns over every token, calling Python predicates for each ``IN`` or
``REGEX`` test. :class:`IndexedAttributeRuler` finds the 149 patterns that are one token with an
exact tag and/or lower-cased text in a dict keyed by each token's values, tests the others
(exact values, ``IN``, ``NOT_IN``, ``REGEX`` on tag, text, dependency and ``IS_SPACE``, over one or
two tokens, no operators) on columns of ``Doc.to_array`` with numpy, and leaves any other pattern
to a ``Matcher``. The matches are the same set, sorted the same way, and applied by spaCy's own code.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

NAME = "newsgraph_attribute_ruler"
#: token attributes a plain pattern may test, in the order of the columns read
PLAIN = ("TAG", "LOWER")
#: token attributes a compiled pattern may test, and their columns in ``Doc.to_array``
COLUMNS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
Key = tuple[str, ...]
#: one token's tests: (column, operator, value), the operator one of == in not-in regex
Tests = list[tuple[int, str, Any]]


def _plain(pattern: list[dict[str, Any]]) -> Key | None:
    """The attributes a one-token pattern of exact strings on tag and text tests, or None for any other."""
    if len(pattern) != 1 or not pattern[0] or not set(pattern[0]) <= set(PLAIN):
        return None
    if not all(isinstance(v, str) for v in pattern[0].values()):
        return None
    return tuple(a for a in PLAIN if a in pattern[0])


def _compiled(pattern: list[dict[str, Any]], strings) -> list[Tests] | None:
    """A pattern of exact values, IN, NOT_IN and REGEX on :data:`COLUMNS` as tests per token, or None
    (operators, other attributes or predicates: left to a Matcher). Values are hashed as the Matcher
    hashes them."""
    compiled = []
    for spec in pattern:
        tests: Tests = []
        for attr, value in spec.items():
            if attr not in COLUMNS or "OP" in spec:
                return None
            column = list(COLUMNS).index(attr)
            if isinstance(value, bool):
                tests.append((column, "==", int(value)))
            elif isinstance(value, str):
                tests.append((column, "==", strings.add(value)))
            elif isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN", "REGEX"):
                ((op, arg),) = value.items()
                if op == "REGEX" and isinstance(arg, str):
                    tests.append((column, "regex", re.compile(arg)))
                elif op != "REGEX" and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
                    # the Matcher's IN and NOT_IN compare string ids (get_string_id: "" is 0)
                    ids = np.array(sorted({strings.add(v) if v else 0 for v in arg}), dtype=np.uint64)
                    tests.append((column, "in" if op == "IN" else "not-in", ids))
                else:
                    return None
            else:
                return None
        compiled.append(tests)
    return compiled or None


class IndexedAttributeRuler(AttributeRuler):
    """An :class:`AttributeRuler` that finds its patterns' matches without spaCy's ``Matcher`` where it can."""

    def _indexed(self) -> tuple[Any, ...]:
        """The plain patterns by the attributes they test and their values, the compiled ones, and a
        Matcher of the others (rebuilt when patterns were added)."""
        cached = self.__dict__.get("_index")
        if cached is not None and cached[0] == len(self.attrs):
            return cached[1:]
        strings = self.vocab.strings
        plain: dict[Key, dict[tuple[int, ...], list[tuple[int, int]]]] = {}
        compiled: list[tuple[int, int, list[Tests]]] = []
        others = Matcher(self.vocab, validate=False)
        for attr_id in range(len(self.attrs)):
            match_id = strings.add(str(attr_id))
            rest = []
            for pattern in self.matcher.get(str(attr_id))[1]:
                key = _plain(pattern)
                tests = None if key is not None else _compiled(pattern, strings)
                if key is not None:
                    values = tuple(strings.add(pattern[0][a]) for a in key)
                    plain.setdefault(key, {}).setdefault(values, []).append((attr_id, match_id))
                elif tests is not None:
                    compiled.append((attr_id, match_id, tests))
                else:
                    rest.append(pattern)
            if rest:
                others.add(match_id, rest)
        self.__dict__["_index"] = (len(self.attrs), plain, compiled, others, {})
        return self.__dict__["_index"][1:]

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        plain, compiled, others, _ = self._indexed()
        columns = doc.to_array(list(COLUMNS.values()))
        found: set[tuple[int, int, int, int]] = set()
        by_tag, by_lower, by_both = (plain.get(key, {}) for key in (("TAG",), ("LOWER",), PLAIN))
        for i, (tag, lower) in enumerate(columns[:, :2].tolist()):
            for hits in (by_tag.get((tag,)), by_lower.get((lower,)), by_both.get((tag, lower))):
                for attr_id, match_id in hits or ():
                    found.add((attr_id, match_id, i, i + 1))
        masks: dict[tuple[int, str, Any], np.ndarray] = {}  # one test's result over the document, shared
        for attr_id, match_id, tokens in compiled:
            for start in self._starts(columns, tokens, masks).tolist():
                found.add((attr_id, match_id, start, start + len(tokens)))
        strings = self.vocab.strings
        for match_id, start, end in others(doc, allow_missing=True, as_spans=False) if len(others) else ():
            found.add((int(strings[match_id]), match_id, start, end))
        return sorted(found)

    def _starts(self, columns: np.ndarray, tokens: list[Tests], masks: dict) -> np.ndarray:
        """The positions where each token of a compiled pattern passes its tests."""
        n = len(columns) - len(tokens) + 1
        if n <= 0:
            return np.zeros(0, dtype=np.int64)
        ok = np.ones(n, dtype=bool)
        for k, tests in enumerate(tokens):
            for column, op, value in tests:
                key = (column, op, value.tobytes() if isinstance(value, np.ndarray) else value)
                mask = masks.get(key)
                if mask is None:
                    mask = masks[key] = self._test(columns[:, column], op, value)
                ok &= mask[k : k + n]
        return np.flatnonzero(ok)

    def _test(self, values: np.ndarray, op: str, value: Any) -> np.ndarray:
        if op == "==":
            return values == value
        if op == "regex":
            value = self._searched(value, values)
        hit = np.zeros(len(values), dtype=bool)
        for v in value.tolist() if isinstance(value, np.ndarray) else value:  # a few values: faster than np.isin
            hit |= values == v
        return ~hit if op == "not-in" else hit

    def _searched(self, regex: re.Pattern, values: np.ndarray) -> list[int]:
        """The string ids among ``values`` whose string ``regex`` finds (each string tested once per process)."""
        cache: dict[int, bool] = self._indexed()[3].setdefault(regex.pattern, {})
        strings = self.vocab.strings
        found = []
        for value in set(values.tolist()):
            hit = cache.get(value)
            if hit is None:
                hit = cache[value] = bool(regex.search(strings[value]))
            if hit:
                found.append(value)
        return found


@Language.factory(NAME, default_config={"validate": False})
def make_attribute_ruler(nlp: Language, name: str, validate: bool) -> IndexedAttributeRuler:
    """An empty :class:`IndexedAttributeRuler`; :func:`index_attribute_ruler` gives it the model's patterns."""
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate)


def index_attribute_ruler(nlp: Language) -> None:
    """Replace ``nlp``'s attribute ruler by an :class:`IndexedAttributeRuler` with the same patterns, in
    the same order (so the same precedence), when it is spaCy's own.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> ruler = nlp.add_pipe("attribute_ruler")
    >>> ruler.add([[{"LOWER": "us"}]], {"LEMMA": "we"})
    >>> index_attribute_ruler(nlp)
    >>> type(nlp.get_pipe("attribute_ruler")).__name__, [t.lemma_ for t in nlp("Us")]
    ('IndexedAttributeRuler', ['we'])
    """
    old = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if type(old) is not AttributeRuler:
        return
    assert isinstance(old, AttributeRuler)
    new = nlp.replace_pipe("attribute_ruler", NAME)
    assert isinstance(new, IndexedAttributeRuler)
    new.add_patterns(old.patterns)


__all__ = ["NAME", "IndexedAttributeRuler", "index_attribute_ruler", "make_attribute_ruler"]
