"""Export the graph in the standard RDF formats, by name or by media type."""

from __future__ import annotations

from typing import IO

import pyoxigraph as ox

from graph.errors import NotFoundError
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
SUFFIXES = {"turtle": ".ttl", "trig": ".trig", "nquads": ".nq", "ntriples": ".nt", "rdfxml": ".rdf", "jsonld": ".jsonld"}


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
        raise NotFoundError(f"unknown RDF format {name!r}; use one of {', '.join(FORMATS)}")
    return fmt


def export(store: Store, output: IO[bytes], format: str | ox.RdfFormat = "turtle",
           graph: ox.NamedNode | None = None, reference_only: bool = False) -> None:
    """Write the dataset (or one graph, or the reference data alone) to ``output``.

    Triple formats (Turtle, N-Triples, RDF/XML, JSON-LD) get the union of all graphs; quad
    formats (TriG, N-Quads) keep each article's graph.
    """
    fmt = rdf_format(format) if isinstance(format, str) else format
    if reference_only:
        graph = REFERENCE_GRAPH
    if graph is not None and not store.has_graph(graph):
        raise NotFoundError(f"no graph {graph.value}")
    store.dump(output, fmt, graph)


__all__ = ["FORMATS", "PREFIXES", "SUFFIXES", "export", "rdf_format"]
