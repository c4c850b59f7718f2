"""Queries whose cost is bounded by their own text, recognised in full before they run.

A query worker process (``graph/executor.py``) is what makes a runaway query stoppable, but the
hand-off to it costs more CPU than a small lookup itself. Some queries cannot run away: one triple
pattern (or none), distinct variables, and a small ``LIMIT``, with nothing else — no ``FILTER``,
join, ``OPTIONAL``, path, ``GRAPH``, subquery, sorting, grouping, ``DISTINCT``, expression or
dataset clause. Oxigraph evaluates such a query lazily as one read of an index range, so it takes
at most ``OFFSET + LIMIT`` index steps, and an ``ASK`` at most one: the server answers it itself.
Anything this grammar does not match, whole, goes to a worker.

Why these rules: a variable repeated in the pattern (``?x ?x ?o``) or a ``FILTER`` turns the read
into a scan with a test that may reject every quad; a second pattern is a join whose inner side may
never match; an ``OFFSET`` alone skips any number of quads; ``GRAPH ?g`` skips the default graph's
quads one by one. The caller also caps the answer's size (a few huge literals must not be held in
memory): see ``ProcessExecutor``. The grammar is one regular expression (a few microseconds, where
the tokenizer of ``graph/sparql_policy.py`` takes tens), and texts with escapes are not read.

>>> bounded("SELECT * WHERE { ?s ?p ?o } LIMIT 10"), bounded("ASK {}")
(True, True)
>>> bounded("SELECT * WHERE { ?s ?s ?o } LIMIT 10"), bounded("SELECT * WHERE { ?s ?p ?o }")
(False, False)
"""

from __future__ import annotations

import re

#: the most index steps (``OFFSET + LIMIT``) of a query answered without a worker
MAX_STEPS = 100
#: longer texts are not read at all (they are not this small kind of query)
MAX_CHARS = 2000

_WS = r"(?:\s|\#[^\n]*(?:\n|$))*+"  # possessive: white space is never given back
_IRI = r"<[^<>\"{}|^`\\\x00-\x20]*>"
_PREFIX = r"(?:[^\W\d_][\w\-\u00B7]*(?:\.+[\w\-\u00B7]+)*)?:"
_PNAME = _PREFIX + r"(?:[\w:%\-\u00B7]|\.(?=[\w:%\-\u00B7]))*"
_VAR = r"[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]++"
_STRING = r"'''(?:[^'\\]|'(?!''))*'''|\"\"\"(?:[^\"\\]|\"(?!\"\"))*\"\"\"|'[^'\\\r\n]*'|\"[^\"\\\r\n]*\""
_LITERAL = rf"(?:{_STRING})(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|{_WS}\^\^{_WS}(?:{_IRI}|{_PNAME}))?"
_NUMBER = r"\d+(?![\d.eE])"


def _keyword(word: str) -> str:
    return rf"(?i:{word})(?![\w:])"


_NODE = rf"{_VAR}|{_IRI}|{_PNAME}"
_GROUP = (
    rf"(?:{_keyword('WHERE')}{_WS})?\{{{_WS}"
    rf"(?:(?P<s>{_NODE}){_WS}(?P<p>{_NODE}|a(?![\w:])){_WS}"
    rf"(?P<o>{_NODE}|{_LITERAL}|{_NUMBER}|(?:true|false)(?![\w:])){_WS}(?:\.{_WS})?)?\}}{_WS}"
)
_SLICE = (
    rf"(?:{_keyword('LIMIT')}{_WS}(?P<limit>\d+){_WS}(?:{_keyword('OFFSET')}{_WS}(?P<offset>\d+){_WS})?"
    rf"|{_keyword('OFFSET')}{_WS}(?P<offset2>\d+){_WS}{_keyword('LIMIT')}{_WS}(?P<limit2>\d+){_WS})"
)
_PROLOGUE = rf"{_WS}(?:(?:{_keyword('BASE')}{_WS}{_IRI}|{_keyword('PREFIX')}{_WS}{_PREFIX}{_WS}{_IRI}){_WS})*"
_QUERY = re.compile(
    rf"{_PROLOGUE}(?:(?P<ask>{_keyword('ASK')}){_WS}|{_keyword('SELECT')}{_WS}(?:\*{_WS}|(?:{_VAR}{_WS})++))"
    rf"{_GROUP}{_SLICE}?"
)


def bounded(sparql: str, max_steps: int = MAX_STEPS) -> bool:
    """Whether ``sparql`` is, whole, a query of at most ``max_steps`` index steps::

        (PREFIX name: <iri> | BASE <iri>)*
        ( ASK [WHERE] { [pattern [.]] }
        | SELECT (* | ?var+) [WHERE] { [pattern [.]] } (LIMIT n [OFFSET m] | OFFSET m LIMIT n) ), m + n <= max_steps

    where a pattern is one triple of IRIs, prefixed names and variables (the object may also be a
    literal, an integer or a boolean), no variable twice.

    Args:
        sparql: the query text.
        max_steps: the most ``OFFSET + LIMIT`` accepted.

    Returns:
        True when the query matches this grammar whole.

    >>> bounded("PREFIX ng: <https://w3id.org/newsgraph/ontology#> SELECT ?a { ?a a ng:Actor } LIMIT 5 OFFSET 5")
    True
    >>> bounded("SELECT * { ?s ?p ?o } OFFSET 100000 LIMIT 1"), bounded("SELECT * { ?s ?p ?o FILTER(?o) } LIMIT 1")
    (False, False)
    """
    if len(sparql) > MAX_CHARS or "\\" in sparql:
        return False
    match = _QUERY.fullmatch(sparql)
    if match is None:
        return False
    variables = [match[name][1:] for name in "spo" if match[name] and match[name][0] in "?$"]
    if len(set(variables)) != len(variables):  # ?x and $x are one variable
        return False
    limit, offset = match["limit"] or match["limit2"], match["offset"] or match["offset2"]
    if match["ask"]:
        return limit is None and offset is None
    return limit is not None and int(limit) + int(offset or 0) <= max_steps


__all__ = ["MAX_STEPS", "bounded"]
