"""A store in a SPARQL server, spoken to in standard SPARQL 1.1 Query, Update and Graph Store Protocol.

``sparql+http://HOST:PORT/PATH`` names the query endpoint; the update endpoint defaults to the same
URL (Virtuoso's ``/sparql``) and can be set apart (Oxigraph's ``/update``, Fuseki's ``/DATASET/update``);
a Graph Store Protocol endpoint (Oxigraph's ``/store``, Fuseki's ``/DATASET/data``), when given, takes
whole article graphs as N-Triples, which servers parse faster than an ``INSERT DATA``. Credentials in
the URL (``sparql+http://user:password@host/...``) are sent with Basic or Digest authentication, as the
server asks (Virtuoso's ``/sparql-auth``).

Every article is written in one request, so a server that runs each request as a transaction
(Oxigraph, Fuseki, Virtuoso) never holds half an article, even when the client is killed. The server's
default graph must be the union of its named graphs (Oxigraph ``serve --union-default-graph``,
Fuseki ``unionDefaultGraph``; Virtuoso's is): opening checks it.

>>> SparqlHttpStore("http://127.0.0.1:9/query", check=False).update_url
'http://127.0.0.1:9/query'
"""

from __future__ import annotations

import io
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pyoxigraph as ox

from graph.errors import QueryError, RdfSyntaxError, StoreError
from graph.store import Result, Store, _nquads
from graph.terms import QUERY_PREFIXES

RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
_RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
}
_GRAPH_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
_DECLARED = re.compile(r"^\s*PREFIX\s+([\w.-]*):", re.IGNORECASE | re.MULTILINE)
_BODY = re.compile(r"\bWHERE\s*\{|\{", re.IGNORECASE)
#: quads per INSERT DATA operation: Virtuoso compiles each operation to SQL and refuses very large ones
INSERT_CHUNK = 1000
_FORM = re.compile(r"^(?:\s+|#[^\n]*|PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)*(\w+)", re.IGNORECASE)


class SparqlHttpStore(Store):
    """A SPARQL 1.1 server as a :class:`~graph.store.Store`."""

    def __init__(
        self,
        url: str,
        *,
        read_only: bool = False,
        update_url: str | None = None,
        gsp_url: str | None = None,
        timeout: float = 300.0,
        check: bool = True,
    ) -> None:
        self.endpoint, user, password = _credentials(url)
        self.url = f"sparql+{self.endpoint}"  # without the credentials: the URL shows in messages
        self.update_url = _credentials(update_url)[0] if update_url else self.endpoint
        self.gsp_url = _credentials(gsp_url)[0] if gsp_url else None
        self.writable = not read_only
        self.timeout = timeout
        self._opener = _opener([self.endpoint, self.update_url, self.gsp_url], user, password)
        if check:
            self._check_union_default_graph()

    # -- HTTP ------------------------------------------------------------------------------------
    def _request(
        self,
        url: str,
        data: bytes | None,
        content_type: str | None = None,
        accept: str | None = None,
        method: str | None = None,
    ) -> Any:
        headers = {k: v for k, v in {"Content-Type": content_type, "Accept": accept}.items() if v}
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            return self._opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:
            detail = error.read(2000).decode("utf-8", "replace").strip()
            if error.code == 400:
                raise QueryError(f"{url} refused the request: {detail}") from None
            raise StoreError(f"{url} answered {error.code} {error.reason}: {detail}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise StoreError(f"cannot reach the SPARQL server {url}: {reason}") from None

    def _post_form(self, url: str, field: str, text: str, accept: str | None = None) -> Any:
        body = urllib.parse.urlencode({field: text}).encode("utf-8")
        return self._request(url, body, "application/x-www-form-urlencoded", accept)

    # -- queries ---------------------------------------------------------------------------------
    def query(self, sparql, *, substitutions=None, default_graph=None, named_graphs=None, base_iri=None):
        text = with_prefixes(bind(sparql, substitutions or {}), base_iri)
        fields = [("query", text)]
        fields += [("default-graph-uri", g.value) for g in default_graph or []]
        fields += [("named-graph-uri", g.value) for g in named_graphs or []]
        body = urllib.parse.urlencode(fields).encode("utf-8")
        # Ask for the kind of result the query gives: some servers (Virtuoso) answer a CONSTRUCT in the
        # first type of a combined Accept header even when it is a solutions format.
        accept = GRAPH_ACCEPT if query_form(text) in ("CONSTRUCT", "DESCRIBE") else RESULTS_ACCEPT
        with self._request(self.endpoint, body, "application/x-www-form-urlencoded", accept) as response:
            media = response.headers.get_content_type()
            data = response.read()
        return _result(data, media, self.endpoint)

    def _check_union_default_graph(self) -> None:
        probe = "ASK { { SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1 } FILTER NOT EXISTS { ?s ?p ?o } }"
        if bool(self.query(probe)):
            raise StoreError(
                f"the default graph of {self.endpoint} is not the union of its named graphs; start the "
                "server so that it is (oxigraph serve --union-default-graph; Fuseki unionDefaultGraph)"
            )

    def graphs(self):
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return [row["g"] for row in rows if isinstance(row["g"], ox.NamedNode)]

    def has_graph(self, graph):
        return bool(self.query(f"ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}"))

    def count(self):
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(result))["n"].value)

    # -- updates ---------------------------------------------------------------------------------
    def update(self, sparql, *, base_iri=None):
        self._check_writable()
        try:
            self._post_form(self.update_url, "update", with_prefixes(sparql, base_iri)).close()
        finally:
            self._written()

    def replace_graph(self, graph, quads, shared=()):
        self._check_writable()
        quads, shared = list(quads), list(shared)
        try:
            if self.gsp_url is not None:
                # Descriptions shared with other articles first: a stop in between leaves at most actor
                # descriptions no article mentions yet (which the next run reuses), never half an article.
                if shared:
                    self._post_form(self.update_url, "update", insert_data(shared)).close()
                self._put_graph(graph, quads)
            else:  # one request: the server receives both operations whole, or nothing
                update = f"DROP SILENT GRAPH {graph} ;\n{insert_data([*quads, *shared])}"
                self._post_form(self.update_url, "update", update).close()
        finally:
            self._written()

    def _put_graph(self, graph: ox.NamedNode, quads: list[ox.Quad], method: str = "PUT") -> None:
        """Send one graph by the Graph Store Protocol: ``PUT`` replaces it, ``POST`` adds to it."""
        out = io.BytesIO()
        ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads), out, ox.RdfFormat.N_TRIPLES)
        assert self.gsp_url is not None
        separator = "&" if "?" in self.gsp_url else "?"
        url = f"{self.gsp_url}{separator}{urllib.parse.urlencode({'graph': graph.value})}"
        self._request(url, out.getvalue(), "application/n-triples", method=method).close()

    def drop_graph(self, graph):
        if not self.has_graph(graph):
            return False
        self.update(f"DROP SILENT GRAPH {graph}")
        return True

    def load(self, data, format, graph=None):
        self._check_writable()
        try:
            quads = list(ox.parse(data, format))  # parse everything first: bad data leaves the server untouched
        except SyntaxError as error:
            raise RdfSyntaxError(str(error)) from error
        if graph is not None:
            quads = [ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads]
        try:
            graphs: dict[Any, list[ox.Quad]] = {}
            for quad in quads:
                graphs.setdefault(quad.graph_name, []).append(quad)
            if self.gsp_url is not None and all(isinstance(g, ox.NamedNode) for g in graphs):
                for name, members in graphs.items():  # servers bulk-load GSP bodies (Virtuoso: TTLP)
                    self._put_graph(name, members, method="POST")
            else:
                self._post_form(self.update_url, "update", insert_data(quads)).close()
        finally:
            self._written()

    def _check_writable(self) -> None:
        if not self.writable:
            raise StoreError(f"the store {self.url} is open read-only")

    # -- export ----------------------------------------------------------------------------------
    def dump(self, output, format, graph=None):
        terms: Iterable[ox.Quad | ox.Triple]
        if graph is not None:
            terms = self._rows(f"SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}", graph)
        elif format.supports_datasets:
            terms = self._rows("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", None)
        else:  # a triple format cannot name graphs: the union of all graphs
            terms = self._rows("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", ox.DefaultGraph())
        if not format.supports_datasets:
            terms = (ox.Triple(q.subject, q.predicate, q.object) for q in terms)
        ox.serialize(terms, output, format)

    def _rows(self, sparql: str, graph: ox.NamedNode | ox.DefaultGraph | None) -> Iterator[ox.Quad]:
        """Quads of a ``?s ?p ?o`` (``?g``) SELECT; ``graph`` names their graph unless the query selects ``?g``."""
        for row in self.query(sparql):
            yield ox.Quad(row["s"], row["p"], row["o"], row["g"] if graph is None else graph)


def _credentials(url: str) -> tuple[str, str | None, str | None]:
    """The URL without its user and password, and them.

    >>> _credentials("sparql+http://dba:secret@localhost:8890/sparql-auth")
    ('http://localhost:8890/sparql-auth', 'dba', 'secret')
    """
    parts = urllib.parse.urlsplit(url.removeprefix("sparql+"))
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    plain = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    user = urllib.parse.unquote(parts.username) if parts.username else None
    password = urllib.parse.unquote(parts.password) if parts.password else None
    return plain, user, password


def _opener(urls: list[str | None], user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    if user is None:
        return urllib.request.build_opener()
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    for url in urls:
        if url:
            manager.add_password(None, url, user, password or "")
    return urllib.request.build_opener(
        urllib.request.HTTPBasicAuthHandler(manager), urllib.request.HTTPDigestAuthHandler(manager)
    )


def insert_data(quads: list[ox.Quad], chunk: int = INSERT_CHUNK) -> str:
    """One update request adding ``quads``: ``INSERT DATA`` operations of at most ``chunk`` quads each.

    Args:
        quads: what to add.
        chunk: the most quads per operation.

    Returns:
        The SPARQL Update text.

    >>> q = ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o"), ox.NamedNode("urn:g"))
    >>> insert_data([q, q, q], chunk=2).count("INSERT DATA")
    2
    """
    parts = [f"INSERT DATA {{\n{_nquads(quads[i : i + chunk])}\n}}" for i in range(0, len(quads), chunk)]
    return " ;\n".join(parts) or "INSERT DATA { }"


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first keyword after the prologue.

    Args:
        sparql: a query.

    Returns:
        The form, upper case; empty when none is found.

    >>> query_form("PREFIX ng: <urn:x#> # a comment\\nconstruct { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    """
    match = _FORM.match(sparql)
    return match.group(1).upper() if match else ""


def with_prefixes(sparql: str, base_iri: str | None = None) -> str:
    """``sparql`` with the project's prefixes declared, except those it declares itself (and ``BASE``
    ``base_iri`` first, when given: the query's own ``BASE`` comes after it, so it wins).

    Args:
        sparql: a query or update.
        base_iri: the base for relative IRIs.

    Returns:
        The text to send to the server.

    >>> with_prefixes("PREFIX ng: <urn:x#> ASK { ?s ng:p ?o }").count("PREFIX ng:")
    1
    """
    declared = {m.group(1) for m in _DECLARED.finditer(sparql)}
    lines = [f"BASE {ox.NamedNode(base_iri)}"] if base_iri else []
    lines += [f"PREFIX {p}: <{iri}>" for p, iri in QUERY_PREFIXES.items() if p not in declared]
    return "\n".join([*lines, sparql])


def bind(sparql: str, substitutions: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """``sparql`` with its variables bound to terms by a ``VALUES`` block opening its pattern (the terms are
    serialised by pyoxigraph, so user input never becomes query text).

    Args:
        sparql: a query.
        substitutions: variable name → term.

    Returns:
        The query with the bindings.

    Raises:
        QueryError: for a query without a ``{ }`` pattern to bind in.

    >>> bind("SELECT ?v ?g WHERE { GRAPH ?g { ?g ?p ?v } }", {"g": ox.NamedNode("urn:a")})
    'SELECT ?v ?g WHERE { VALUES (?g) { (<urn:a>) } GRAPH ?g { ?g ?p ?v } }'
    >>> bind("ASK", {"g": ox.NamedNode("urn:a")})
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: a query with bound variables needs a { } pattern
    """
    if not substitutions:
        return sparql
    match = _BODY.search(sparql)
    if match is None:
        raise QueryError("a query with bound variables needs a { } pattern")
    names = " ".join(f"?{k}" for k in substitutions)
    terms = " ".join(str(v) for v in substitutions.values())
    return f"{sparql[: match.end()]} VALUES ({names}) {{ ({terms}) }}{sparql[match.end() :]}"


def _result(data: bytes, media: str, endpoint: str) -> Result:
    """A server's answer as pyoxigraph results, as the embedded store gives them."""
    if media in _RESULT_FORMATS:
        if _RESULT_FORMATS[media] == ox.QueryResultsFormat.JSON and b"nodeID://" in data:
            data = _plain_blank_nodes(data)  # results are parsed lazily: mend the labels before
        try:
            return ox.parse_query_results(data, _RESULT_FORMATS[media])
        except SyntaxError as error:
            raise StoreError(f"{endpoint} sent malformed results: {error}") from error
    if media in _GRAPH_FORMATS:
        # pyoxigraph builds QueryTriples only from a query: ask one of the returned triples, in memory.
        scratch = ox.Store()
        scratch.load(data, _GRAPH_FORMATS[media])
        return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
    raise StoreError(f"{endpoint} answered in {media}, which is not a SPARQL result format")


def _plain_blank_nodes(data: bytes) -> bytes:
    """JSON results with blank node labels made valid (Virtuoso labels them ``nodeID://b10007``).

    >>> _plain_blank_nodes(b'{"head":{"vars":["b"]},"results":{"bindings":[{"b":{"type":"bnode","value":"nodeID://b1"}}]}}')
    b'{"head": {"vars": ["b"]}, "results": {"bindings": [{"b": {"type": "bnode", "value": "nodeID___b1"}}]}}'
    """
    document = json.loads(data)
    for row in document.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("type") == "bnode":
                term["value"] = re.sub(r"[^A-Za-z0-9_]", "_", term["value"])
    return json.dumps(document).encode("utf-8")


__all__ = ["INSERT_CHUNK", "SparqlHttpStore", "bind", "insert_data", "query_form", "with_prefixes"]
