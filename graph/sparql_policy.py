"""What a SPARQL request may do, decided on its tokens before the engine sees it.

pyoxigraph has no switch to turn federation off, fetches ``LOAD <http://…>`` documents itself, and
overflows its stack (a segfault that ends the process) on a few thousand nested groups or chained
operators. So each query or update is first read here by a SPARQL tokenizer that knows comments,
strings, IRIs, prefixed names and variables: the ``SERVICE`` and ``LOAD`` keywords are tokens, not
text, whatever the spacing, case, comments or prefixes around them; nesting and length are
bounded. The text is read twice, as written and with ``\\uXXXX`` escapes decoded (the standard
decodes them before parsing), and refused if either reading is refused.

The same reading gives the operations of an update, so that the Protocol's ``using-graph-uri`` /
``using-named-graph-uri`` (and the union default graph that queries see) become ``USING`` clauses
of each ``DELETE``/``INSERT … WHERE`` operation.

>>> policy = Policy()
>>> policy.check("SELECT * WHERE { SERVICE#c\\n<http://example.org/> { ?s ?p ?o } }", "query")
Traceback (most recent call last):
...
graph.sparql_policy.FederationRefusedError: federated queries (SERVICE) are not allowed on this endpoint
>>> policy.check("ASK { ?s <http://example.org/service> 'SERVICE' }", "query").tokens
6
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from extract.errors import NewsgraphError
from graph.errors import QueryError


class QueryTooComplexError(QueryError):
    """A query or update nested too deeply or too long for the engine to parse safely."""

    title = "request too complex"


class FederationRefusedError(NewsgraphError):
    """A request that would make the server send requests of its own (SERVICE, LOAD)."""

    status = 403
    title = "outbound requests refused"


class DatasetConflictError(QueryError):
    """``using-graph-uri``/``using-named-graph-uri`` on an update that names its own dataset."""

    title = "conflicting dataset"


_TOKEN = re.compile(
    r"""
  (?P<ws>\s+)
| (?P<comment>\#[^\r\n]*)
| (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
             |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")
| (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
| (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
| (?P<bnode>_:[\w\-\u00B7]+(?:\.+[\w\-\u00B7]+)*)
| (?P<pname>(?:[^\W\d_][\w\-\u00B7]*(?:\.+[\w\-\u00B7]+)*)?:
            (?:[\w:%\-\u00B7]|\\[_~.\-!$&'()*+,;=/?\#@%]|\.(?=[\w:%\-\u00B7\\]))*)
| (?P<word>[^\W\d][\w]*)
| (?P<number>\d*\.\d+(?:[eE][+-]?\d+)?|\d+\.\d*[eE][+-]?\d+|\d+(?:[eE][+-]?\d+)?)
| (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
| (?P<punct>\^\^|&&|\|\||!=|<=|>=|<<\(|\)>>|<<|>>|\{\||\|\}|[{}()\[\],;.*/|^!=<>+\-?])
| (?P<other>.)
""",
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
#: what nests: groups, brackets, triple terms (<< >>, <<( )>>) and annotations ({| |})
_OPEN, _CLOSE = {"{", "(", "[", "<<", "<<(", "{|"}, {"}", ")", "]", ">>", ")>>", "|}"}
#: keywords followed by a graph IRI (collected: an update may create graphs a later operation reads)
_GRAPH_WORDS = {"GRAPH", "INTO", "TO", "WITH"}


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # a group name of _TOKEN
    text: str
    start: int
    end: int

    @property
    def keyword(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


def tokens(text: str) -> Iterator[Token]:
    """The significant tokens of SPARQL ``text`` (no white space, no comments).

    Args:
        text: SPARQL (or a Turtle-family document).

    Returns:
        The tokens in order, each with its kind, text and offset.

    >>> [t.text for t in tokens("SELECT*{?s<p>'a b'#x\\n}")]
    ['SELECT', '*', '{', '?s', '<p>', "'a b'", '}']
    """
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind not in ("ws", "comment"):
            yield Token(kind, match.group(), match.start(), match.end())


@dataclass(slots=True)
class Operation:
    """One operation of an update, as far as the dataset rewriting needs it."""

    keyword: str  # its first keyword: INSERT, DELETE, WITH, LOAD, CLEAR...
    modify: bool = False  # DELETE/INSERT ... WHERE (not INSERT DATA, DELETE DATA or DELETE WHERE)
    delete_where: bool = False
    names_dataset: bool = False  # has WITH or USING
    where: int | None = None  # offset of its WHERE keyword
    pattern: tuple[int, int] | None = None  # the span of the DELETE WHERE pattern


@dataclass(slots=True)
class Reading:
    """What the tokenizer found in a query or update."""

    tokens: int = 0  # counted tokens (data blocks excluded)
    depth: int = 0  # deepest nesting of { ( [ << <<( {|
    services: int = 0
    loads: list[str | None] = field(default_factory=list)  # resolved LOAD targets, None if unresolvable
    graphs: set[str] = field(default_factory=set)  # graph IRIs named in the text
    operations: list[Operation] = field(default_factory=list)


class _Reader:
    """One pass over the tokens: counts, nesting, keywords, prologue and update operations."""

    def __init__(self, max_depth: int, max_tokens: int, base: str | None, prefixes: dict[str, str]) -> None:
        self.max_depth, self.max_tokens = max_depth, max_tokens
        self.base, self.prefixes = base, dict(prefixes)
        self.reading = Reading()
        self.stack: list[tuple[str, int, bool]] = []  # (bracket, start offset, opens a data block)
        self.data_blocks = 0  # open data blocks (INSERT DATA, DELETE DATA, VALUES): their tokens are not counted
        self.data_next = False
        self.want: str | None = None  # what the next token is for: "load", "prefix", "prefix-iri", "base", "graph"
        self.prefix_name = ""
        self.previous = ""
        self.operation: Operation | None = None
        self.pattern_start: int | None = None
        self.unsure = False

    def read(self, text: str) -> Reading:
        for token in tokens(text):
            self.step(token)
        if self.want == "load":
            self.reading.loads.append(None)
        return self.reading

    def step(self, token: Token) -> None:
        reading = self.reading
        if not self.data_blocks:
            reading.tokens += 1
            if reading.tokens > self.max_tokens:
                raise QueryTooComplexError(f"the request has more than {self.max_tokens} tokens (outside data blocks)")
        if token.kind == "pname":
            self._glued(token.text.partition(":")[0].upper())
        if self.want:
            self._wanted(token)
        if self.data_next and not (token.kind == "var" or token.text in ("(", ")", "{")):
            self.data_next = False  # only VALUES (?x ?y) or DATA may come before a data block
        if token.kind == "punct" and token.text in _OPEN:
            self._open(token)
        elif token.kind == "punct" and token.text in _CLOSE:
            self._close(token)
        elif token.kind == "punct" and token.text == ";" and not self.stack:
            self.operation = None
        elif token.kind == "word":
            self._word(token.keyword, token)
        self.previous = token.keyword

    def _glued(self, prefix: str) -> None:
        """A prefixed name may start with keywords the engine reads apart: ``SERVICEex:x`` is
        SERVICE ex:x, ``LOADex:doc`` LOAD ex:doc, ``PREFIXe:<…>`` a declaration of e:."""
        if "SERVICE" in prefix:
            self.reading.services += 1
        if "LOAD" in prefix:
            self.reading.loads.append(None)  # its target cannot be told for sure: refused
        if prefix.startswith("PREFIX"):
            self.unsure = True  # no prefixed name can be resolved for sure any more

    def _open(self, token: Token) -> None:
        if not self.stack and self.pattern_start == -1:
            self.pattern_start = token.start
        data = self.data_next and token.text == "{"
        self.data_next = self.data_next and not data
        self.stack.append((token.text, token.start, data))
        self.data_blocks += data
        if len(self.stack) > self.reading.depth:
            self.reading.depth = len(self.stack)
            if self.reading.depth > self.max_depth:
                raise QueryTooComplexError(f"the request nests groups deeper than {self.max_depth} levels")

    def _close(self, token: Token) -> None:
        if not self.stack:
            return
        _, start, data = self.stack.pop()
        self.data_blocks -= data
        if not self.stack and self.pattern_start == start and self.operation is not None:
            self.operation.pattern = (start, token.end)
            self.pattern_start = None

    def _word(self, keyword: str, token: Token) -> None:
        # The engine's parser needs no space between keywords: SERVICESILENT<…>, LOADSILENT<…>,
        # trueSERVICE<…> all reach the network. No keyword, function or boolean contains these words.
        if "SERVICE" in keyword:
            self.reading.services += 1
        elif "LOAD" in keyword:
            self.want = "load"
        elif keyword in ("PREFIX", "BASE") or keyword in _GRAPH_WORDS:
            self.want = {"PREFIX": "prefix", "BASE": "base"}.get(keyword, "graph")
        elif keyword == "VALUES" or (keyword == "DATA" and self.previous in ("INSERT", "DELETE")):
            self.data_next = True
        if not self.stack:
            self._top_level(keyword, token)

    def _top_level(self, keyword: str, token: Token) -> None:
        """Follow the operations of an update (queries have one, that nobody rewrites)."""
        if keyword in ("PREFIX", "BASE"):
            return
        operation = self.operation
        if operation is None:
            operation = self.operation = Operation(
                keyword, modify=keyword in ("WITH", "DELETE", "INSERT"), names_dataset=keyword == "WITH"
            )
            self.reading.operations.append(operation)
            return
        if keyword in ("WITH", "USING"):
            operation.names_dataset = True
        elif keyword == "DATA" and self.previous in ("INSERT", "DELETE"):
            operation.modify = False
        elif keyword == "WHERE" and operation.where is None:
            operation.where = token.start
            if self.previous == "DELETE" and operation.keyword == "DELETE":
                operation.modify, operation.delete_where = False, True
                self.pattern_start = -1  # the next top-level group

    def _wanted(self, token: Token) -> None:
        want, self.want = self.want, None
        if token.kind == "word" and token.keyword in ("SILENT", "GRAPH") and want in ("load", "graph"):
            self.want = want  # LOAD SILENT <x>, INTO GRAPH <x>, CLEAR GRAPH <x>
            return
        if want == "prefix" and token.kind == "pname":
            self.prefix_name, self.want = token.text[:-1], "prefix-iri"
            return
        iri = self.resolve(token)
        if want == "load":
            self.reading.loads.append(iri)
        elif want == "prefix-iri" and iri is not None:
            self.prefixes[self.prefix_name] = iri
        elif want == "base" and iri is not None:
            self.base = iri
        elif want == "graph" and iri is not None:
            self.reading.graphs.add(iri)

    def resolve(self, token: Token) -> str | None:
        """The absolute IRI an IRI or prefixed-name token stands for, or None."""
        if token.kind == "iri":
            iri = token.text[1:-1]
        elif token.kind == "pname":
            prefix, _, local = token.text.partition(":")
            if prefix not in self.prefixes or self.unsure:
                return None
            iri = self.prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
        else:
            return None
        if urlsplit(iri).scheme:
            return iri
        return urljoin(self.base, iri) if self.base else None


def check_nesting(text: str, max_depth: int) -> None:
    """Refuse SPARQL or a Turtle-family document (N-Triples, Turtle, TriG, N3) nested deeper than
    ``max_depth`` (brackets, collections, triple terms): the parsers recurse and would overflow.

    Args:
        text: the query or document.
        max_depth: the deepest nesting allowed.

    Raises:
        QueryTooComplexError: when it is nested deeper.

    >>> check_nesting("<a> <b> " + "[ <p> " * 3 + "1" + " ]" * 3 + " .", 2)
    Traceback (most recent call last):
    ...
    graph.sparql_policy.QueryTooComplexError: the document nests deeper than 2 levels
    """
    if sum(text.count(c) for c in "([{<") <= max_depth:
        return
    depth = 0
    for token in tokens(text):
        if token.kind != "punct":
            continue
        if token.text in _OPEN:
            depth += 1
            if depth > max_depth:
                raise QueryTooComplexError(f"the document nests deeper than {max_depth} levels")
        elif token.text in _CLOSE:
            depth = max(0, depth - 1)


def _unescaped(text: str) -> str:
    def decode(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code < 0x110000 else match.group()

    return _ESCAPE.sub(decode, text)


@dataclass(frozen=True)
class Policy:
    """Limits and permissions for SPARQL requests.

    Args:
        allow_service: let queries and updates federate with SERVICE (off: refused, 403).
        load_hosts: hosts whose documents ``LOAD`` may fetch over http(s) (empty: every LOAD refused).
        max_depth: deepest nesting of ``{ ( [`` accepted.
        max_tokens: most tokens accepted outside data blocks (INSERT DATA, DELETE DATA, VALUES).
    """

    allow_service: bool = False
    load_hosts: frozenset[str] = frozenset()
    max_depth: int = 64
    max_tokens: int = 4000

    def check(
        self, text: str, kind: str, base_iri: str | None = None, prefixes: dict[str, str] | None = None
    ) -> Reading:
        """Read ``text`` (a ``"query"`` or an ``"update"``) and refuse what this policy forbids.

        Returns:
            The reading of the text as written (its offsets fit ``text``).

        Raises:
            QueryTooComplexError: nesting or length beyond the limits.
            FederationRefusedError: SERVICE (unless allowed) or LOAD of a host not allowed.
        """
        if kind == "query" and self._plainly_within(text):
            return Reading()
        readings = [_Reader(self.max_depth, self.max_tokens, base_iri, prefixes or {}).read(text)]
        if "\\u" in text or "\\U" in text:
            readings.append(_Reader(self.max_depth, self.max_tokens, base_iri, prefixes or {}).read(_unescaped(text)))
        for reading in readings:
            self._permit(reading, kind)
        return readings[0]

    def _plainly_within(self, text: str) -> bool:
        """Whether a text is within the limits without reading it: at most one token a character and
        one level an opening character, no escapes, no word that could be SERVICE or LOAD (the hot
        path: a small query costs a microsecond here instead of a hundred)."""
        if len(text) > self.max_tokens or "\\" in text:
            return False
        if text.count("{") + text.count("(") + text.count("[") + text.count("<") > self.max_depth:
            return False
        lowered = text.lower()
        return "service" not in lowered and "load" not in lowered

    def _permit(self, reading: Reading, kind: str) -> None:
        noun = "queries" if kind == "query" else "updates"
        if reading.services and not self.allow_service:
            raise FederationRefusedError(f"federated {noun} (SERVICE) are not allowed on this endpoint")
        for target in reading.loads:
            if not self.load_hosts:
                raise FederationRefusedError("LOAD of documents is not allowed on this endpoint")
            parts = urlsplit(target or "")
            if parts.scheme not in ("http", "https") or (parts.hostname or "").lower() not in self.load_hosts:
                raise FederationRefusedError(
                    f"LOAD may only fetch http(s) documents from "
                    f"{', '.join(sorted(self.load_hosts))}, not {target or 'this IRI'}"
                )


def with_dataset(text: str, reading: Reading, default: Iterable[str], named: Iterable[str], explicit: bool) -> str:
    """``text`` with ``USING <default>… USING NAMED <named>…`` in each DELETE/INSERT … WHERE operation.

    ``DELETE WHERE { P }`` becomes ``DELETE { P } USING … WHERE { P }``. Operations with their own
    ``WITH`` or ``USING`` keep them, unless ``explicit`` (the dataset came from the protocol's
    ``using-graph-uri``/``using-named-graph-uri``), which makes them an error. IRIs must be valid.

    Args:
        text: the update.
        reading: the policy's reading of it (:meth:`Policy.check`).
        default: IRIs of the default graph.
        named: IRIs of the named graphs.
        explicit: whether the dataset came from the protocol's parameters.

    Returns:
        The update with the dataset in each of its operations.

    Raises:
        DatasetConflictError: ``explicit`` and an operation names its own dataset.

    >>> update = "DELETE WHERE { ?s ?p 1 }"
    >>> with_dataset(update, Policy().check(update, "update"), ["urn:a"], [], True)
    'DELETE { ?s ?p 1 } USING <urn:a> WHERE { ?s ?p 1 }'
    """
    clause = "".join(f"USING <{g}> " for g in default) + "".join(f"USING NAMED <{g}> " for g in named)
    if not clause:
        return text
    inserts: list[tuple[int, str]] = []
    for operation in reading.operations:
        if not (operation.modify or operation.delete_where) or operation.where is None:
            continue
        if operation.names_dataset:
            if explicit:
                raise DatasetConflictError(
                    "using-graph-uri/using-named-graph-uri cannot be combined with an update "
                    "that has its own WITH or USING"
                )
            continue
        if operation.delete_where:
            if operation.pattern is None:
                continue  # not well-formed: the engine will say why
            start, end = operation.pattern
            inserts.append((operation.where, f"{text[start:end]} {clause}"))
        else:
            inserts.append((operation.where, clause))
    for offset, addition in sorted(inserts, reverse=True):
        text = text[:offset] + addition + text[offset:]
    return text


_EXPECTED = re.compile(r"error at (\d+):(\d+): expected (.*)", re.DOTALL)
#: an expected token: a quoted one, a keyword, or a character range such as ['0'..='9']
_EXPECTATION = re.compile(r'("(?:[^"\\]|\\.)*")|\b([A-Za-z]\w*)\b|(\[(?:[^\]\'"]|\'(?:[^\'\\]|\\.)*\')*\])')


def readable_syntax_error(message: str, text: str, most: int = 8) -> str:
    """pyoxigraph's syntax error, shortened: line, column, the line with a caret, a few expectations.

    Args:
        message: pyoxigraph's message.
        text: the query it is about.
        most: how many expected tokens to name.

    Returns:
        The message for people (unchanged when it is not a parser's "expected" message).

    >>> print(readable_syntax_error('error at 1:11: expected one of "<", [\\'0\\'..=\\'9\\']', "PREFIX x: SELECT"))
    line 1, column 11: expected "<" (or a name character)
      PREFIX x: SELECT
                ^
    """
    match = _EXPECTED.match(message)
    if not match:
        return message
    line, column, expected = int(match.group(1)), int(match.group(2)), match.group(3)
    parts = _EXPECTATION.findall(expected.removeprefix("one of "))
    items = [quoted or word for quoted, word, _ in parts if quoted or word]
    ranges = any(bracket for _, _, bracket in parts)
    shown = ", ".join(items[:most]) + (f" or {len(items) - most} more" if len(items) > most else "")
    if ranges:
        shown = f"{shown} (or a name character)" if shown else "a name character"
    lines = text.splitlines() or [""]
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    caret = " " * (max(column, 1) - 1) + "^"
    if len(source) > 120:  # keep the excerpt short around the column
        left = max(0, column - 60)
        source, caret = source[left : left + 120], caret[left:]
    return f"line {line}, column {column}: expected {shown}\n  {source}\n  {caret}"


__all__ = [
    "DatasetConflictError",
    "FederationRefusedError",
    "Operation",
    "Policy",
    "QueryTooComplexError",
    "Reading",
    "Token",
    "check_nesting",
    "readable_syntax_error",
    "tokens",
    "with_dataset",
]
