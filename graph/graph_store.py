"""The operations of the SPARQL 1.1 Graph Store HTTP Protocol on a store: read, replace, merge or
delete one graph, named or the store's own default graph.

The documents are parsed whole before anything is written, so a syntax error leaves the store
untouched; their relative IRIs resolve against the graph's IRI (or ``base_iri``).

>>> from graph.store import open_store
>>> store = open_store("memory:")
>>> graph = ox.NamedNode("http://example.org/g")
>>> replace(store, graph, b"<s> <p> 1 .", ox.RdfFormat.TURTLE)
True
>>> read(store, graph, ox.RdfFormat.N_TRIPLES)
b'<http://example.org/s> <http://example.org/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .\\n'
"""

from __future__ import annotations

import io

import pyoxigraph as ox

from graph.errors import NotFoundError, RdfSyntaxError
from graph.sparql_policy import QueryTooComplexError, check_nesting
from graph.store import Store

GraphName = ox.NamedNode | ox.DefaultGraph
#: deepest nesting of a Turtle-family document: pyoxigraph's parser overflows its stack on 30,000 nested <<( )>>
MAX_DEPTH = 1000
NESTING = {ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N3, ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS}


def exists(store: Store, graph: GraphName) -> bool:
    """Whether ``graph`` is in the store (the default graph always is).

    Args:
        store: the store.
        graph: a named graph or the default graph.

    Returns:
        True when it exists.

    >>> from graph.store import open_store
    >>> store = open_store("memory:")
    >>> exists(store, ox.DefaultGraph()), exists(store, ox.NamedNode("urn:g"))
    (True, False)
    """
    return isinstance(graph, ox.DefaultGraph) or store.has_graph(graph)


def read(store: Store, graph: GraphName, format: ox.RdfFormat) -> bytes:
    """The triples of ``graph`` serialised in ``format`` (a triple format).

    Args:
        store: the store.
        graph: a named graph or the default graph.
        format: a triple format (Turtle, N-Triples, RDF/XML...).

    Returns:
        The document.

    Raises:
        NotFoundError: when the named graph does not exist.

    >>> from graph.store import open_store
    >>> read(open_store("memory:"), ox.NamedNode("urn:g"), ox.RdfFormat.TURTLE)
    Traceback (most recent call last):
    ...
    graph.errors.NotFoundError: no graph urn:g
    """
    if not exists(store, graph):
        raise NotFoundError(f"no graph {graph.value if isinstance(graph, ox.NamedNode) else 'DEFAULT'}")
    triples = store.query("CONSTRUCT WHERE { ?s ?p ?o }", default_graph=[graph])  # type: ignore[list-item]
    output = io.BytesIO()
    ox.serialize(triples, output, format)  # type: ignore[arg-type]
    return output.getvalue()


def parse(data: bytes, format: ox.RdfFormat, graph: GraphName, base_iri: str | None = None) -> list[ox.Quad]:
    """The triples of a document, as quads of ``graph``.

    Args:
        data: the document.
        format: its format.
        graph: the graph the triples go to (relative IRIs resolve against its IRI).
        base_iri: another base for relative IRIs.

    Returns:
        The quads.

    Raises:
        RdfSyntaxError: when the document does not parse (the message names the line and column).
        QueryTooComplexError: when a Turtle-family document nests deeper than :data:`MAX_DEPTH`.

    >>> [q.subject.value for q in parse(b"<a> <p> 1 .", ox.RdfFormat.TURTLE, ox.NamedNode("http://h/g"))]
    ['http://h/a']
    >>> parse(b"<a> <p> .", ox.RdfFormat.TURTLE, ox.DefaultGraph(), "http://h/")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.RdfSyntaxError: the Turtle document does not parse: ...
    """
    if format in NESTING:
        check_nesting(data.decode("utf-8", errors="replace"), MAX_DEPTH)
    elif format == ox.RdfFormat.RDF_XML:
        _check_xml_nesting(data, MAX_DEPTH)
    base = base_iri or (graph.value if isinstance(graph, ox.NamedNode) else None)
    try:
        return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in ox.parse(data, format, base_iri=base)]
    except SyntaxError as error:
        raise RdfSyntaxError(f"the {format.name} document does not parse: {error}") from None


def _check_xml_nesting(data: bytes, max_depth: int) -> None:
    """Refuse XML nested deeper than ``max_depth`` elements: pyoxigraph's RDF/XML parser takes
    quadratic time in the depth (12 s for 20,000 levels). expat reads 10 MB in a fraction of a
    second and fetches no external entity."""
    import xml.parsers.expat

    parser = xml.parsers.expat.ParserCreate()
    depth = 0

    def start(*_: object) -> None:
        nonlocal depth
        depth += 1
        if depth > max_depth:
            raise QueryTooComplexError(f"the document nests deeper than {max_depth} elements")

    def end(*_: object) -> None:
        nonlocal depth
        depth -= 1

    parser.StartElementHandler, parser.EndElementHandler = start, end
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as error:
        raise RdfSyntaxError(f"the RDF_XML document does not parse: {error}") from None


def replace(store: Store, graph: GraphName, data: bytes, format: ox.RdfFormat, base_iri: str | None = None) -> bool:
    """Replace the content of ``graph`` by the document (one transaction); True if the graph is new.

    Args:
        store: the store.
        graph: a named graph or the default graph.
        data: the document.
        format: its format.
        base_iri: the base for relative IRIs (default: the graph's IRI).

    Returns:
        Whether the graph was created.

    >>> from graph.store import open_store
    >>> store, g = open_store("memory:"), ox.NamedNode("http://h/g")
    >>> replace(store, g, b"<a> <p> 1 .", ox.RdfFormat.TURTLE), replace(store, g, b"<b> <p> 2 .", ox.RdfFormat.TURTLE)
    (True, False)
    >>> read(store, g, ox.RdfFormat.N_TRIPLES).split()[0]
    b'<http://h/b>'
    """
    quads = parse(data, format, graph, base_iri)
    created = not exists(store, graph)
    body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    if isinstance(graph, ox.DefaultGraph):
        store.update(f"DROP SILENT DEFAULT ;\nINSERT DATA {{\n{body}\n}}")
    else:
        store.update(
            f"DROP SILENT GRAPH {graph} ;\nCREATE SILENT GRAPH {graph} ;\n"
            f"INSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}"
        )
    return created


def merge(
    store: Store, graph: GraphName, documents: list[tuple[bytes, ox.RdfFormat]], base_iri: str | None = None
) -> bool:
    """Add the triples of the documents to ``graph`` (one transaction); True if the graph is new.

    Args:
        store: the store.
        graph: a named graph or the default graph.
        documents: ``(data, format)`` of each document.
        base_iri: the base for relative IRIs (default: the graph's IRI).

    Returns:
        Whether the graph was created.

    >>> from graph.store import open_store
    >>> store, g = open_store("memory:"), ox.NamedNode("http://h/g")
    >>> merge(store, g, [(b"<a> <p> 1 .", ox.RdfFormat.TURTLE), (b"<b> <p> 2 .", ox.RdfFormat.TURTLE)])
    True
    >>> len(read(store, g, ox.RdfFormat.N_TRIPLES).splitlines())
    2
    """
    quads = [quad for data, format in documents for quad in parse(data, format, graph, base_iri)]
    created = not exists(store, graph)
    name = "" if isinstance(graph, ox.DefaultGraph) else f"CREATE SILENT GRAPH {graph} ;\n"
    body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    target = body if isinstance(graph, ox.DefaultGraph) else f"GRAPH {graph} {{\n{body}\n}}"
    store.update(f"{name}INSERT DATA {{\n{target}\n}}")
    return created


def delete(store: Store, graph: GraphName) -> None:
    """Remove a named graph, or empty the default graph.

    Args:
        store: the store.
        graph: a named graph or the default graph.

    Raises:
        NotFoundError: when the named graph does not exist.

    >>> from graph.store import open_store
    >>> store, g = open_store("memory:"), ox.NamedNode("http://h/g")
    >>> replace(store, g, b"<a> <p> 1 .", ox.RdfFormat.TURTLE)
    True
    >>> delete(store, g); exists(store, g)
    False
    """
    if isinstance(graph, ox.DefaultGraph):
        store.update("DROP SILENT DEFAULT")
    elif not store.drop_graph(graph):
        raise NotFoundError(f"no graph {graph.value}")


__all__ = ["GraphName", "delete", "exists", "merge", "parse", "read", "replace"]
