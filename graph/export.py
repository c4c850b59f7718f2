"""Export the graph in the standard RDF formats, by name or by media type."""

from __future__ import annotations

from typing import IO

import pyoxigraph as ox

from graph.errors import NotFoundError, UnknownFormatError
from graph.store import Store
from graph.terms import PREFIXES, REFERENCE_GRAPH

FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}
SUFFIXES = {"turtle": ".ttl", "trig": ".trig", "nquads": ".nq", "ntriples": ".nt", "rdfxml": ".rdf",
            "jsonld": ".jsonld"}


def rdf_format(name: str) -> ox.RdfFormat:
    """An export format by name (``turtle``), file extension (``ttl``) or media type (``text/turtle``).

    >>> rdf_format("ttl").media_type
    'text/turtle'
    """
    key = name.lower().strip()
    if key in FORMATS:
        return FORMATS[key]
    fmt = ox.RdfFormat.from_extension(key) or ox.RdfFormat.from_media_type(key)
    if fmt is None:
        raise UnknownFormatError(f"unknown RDF format {name!r}; use one of {', '.join(FORMATS)}")
    return fmt


def export(store: Store, output: IO[bytes], format: str | ox.RdfFormat = "turtle",
           graph: ox.NamedNode | None = None, reference_only: bool = False) -> None:
    """Write the dataset (or one graph, or the reference data alone) to ``output``.

    Triple formats (Turtle, N-Triples, RDF/XML) get the union of all graphs; quad formats (TriG,
    N-Quads, JSON-LD) keep each article's graph, and name the graph when exporting only one.

    Args:
        store: the store to read.
        output: a binary stream.
        format: a format name, extension or media type (see :func:`rdf_format`).
        graph: export only this graph.
        reference_only: export only the reference graph.

    Raises:
        UnknownFormatError: for an unknown format.
        NotFoundError: for a graph the store does not hold.

    >>> from graph.store import open_store
    >>> import io
    >>> export(open_store("memory:"), io.BytesIO(), "nquads", reference_only=True)
    Traceback (most recent call last):
    graph.errors.NotFoundError: no graph https://w3id.org/newsgraph/graph/reference
    """
    fmt = rdf_format(format) if isinstance(format, str) else format
    if reference_only:
        graph = REFERENCE_GRAPH
    if graph is not None and not store.has_graph(graph):
        raise NotFoundError(f"no graph {graph.value}")
    if graph is not None and fmt.supports_datasets:
        rows = store.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", substitutions={"g": graph})
        quads = (ox.Quad(r["s"], r["p"], r["o"], graph) for r in rows)
        ox.serialize(quads, output, fmt, prefixes=PREFIXES if fmt == ox.RdfFormat.TRIG else None)
        return
    store.dump(output, fmt, graph)


__all__ = ["FORMATS", "PREFIXES", "SUFFIXES", "export", "rdf_format"]
