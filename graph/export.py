"""Export the graph in the standard RDF formats, by name or by media type."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

import pyoxigraph as ox

from graph.errors import NotFoundError, UnknownFormatError
from graph.export_networks import export_network, is_network_format
from graph.store import Store
from graph.terms import ONTOLOGY_GRAPH, PREFIXES, REFERENCE_GRAPH

#: ``--graphs``: what each choice exports (``news``: the articles' graphs, actors and vocabulary)
GRAPH_CHOICES = ("all", "news", "reference")

FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}
SUFFIXES = {
    "turtle": ".ttl",
    "trig": ".trig",
    "nquads": ".nq",
    "ntriples": ".nt",
    "rdfxml": ".rdf",
    "jsonld": ".jsonld",
}


def rdf_format(name: str) -> ox.RdfFormat:
    """An export format by name (``turtle``), file extension (``ttl``) or media type (``text/turtle``).

    Args:
        name: the format's name, extension or media type, any case.

    Returns:
        The pyoxigraph format.

    Raises:
        UnknownFormatError: for anything else.

    >>> rdf_format("ttl").media_type, rdf_format("application/n-quads").file_extension
    ('text/turtle', 'nq')
    >>> rdf_format("docx")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.UnknownFormatError: unknown RDF format 'docx'; use one of turtle, trig, ...
    """
    key = name.lower().strip()
    if key in FORMATS:
        return FORMATS[key]
    fmt = ox.RdfFormat.from_extension(key) or ox.RdfFormat.from_media_type(key)
    if fmt is None:
        raise UnknownFormatError(f"unknown RDF format {name!r}; use one of {', '.join(FORMATS)}")
    return fmt


def export(
    store: Store,
    output: IO[bytes],
    format: str | ox.RdfFormat = "turtle",
    graph: ox.NamedNode | None = None,
    reference_only: bool = False,
    graphs: str = "all",
) -> None:
    """Write the dataset (or one graph, or the reference data alone, or the news alone) to ``output``.

    ``graphml`` and ``gexf`` write the actor interaction graph instead (see :mod:`graph.export_networks`).

    Triple formats (Turtle, N-Triples, RDF/XML) get the union of all graphs; quad formats (TriG,
    N-Quads, JSON-LD) keep each article's graph, and name the graph when exporting only one.

    Args:
        store: the store to read.
        output: a binary stream.
        format: a format name, extension or media type (see :func:`rdf_format`).
        graph: export only this graph.
        reference_only: export only the reference graph.
        graphs: ``all``, ``news`` (everything but the reference data and the ontology) or ``reference``.

    Raises:
        UnknownFormatError: for an unknown format.
        NotFoundError: for a graph the store does not hold.

    >>> from graph.store import open_store
    >>> import io
    >>> export(open_store("memory:"), io.BytesIO(), "nquads", reference_only=True)
    Traceback (most recent call last):
    graph.errors.NotFoundError: no graph https://w3id.org/newsgraph/graph/reference
    """
    if isinstance(format, str) and is_network_format(format):
        export_network(store, output, format)
        return
    if graphs not in GRAPH_CHOICES:
        raise UnknownFormatError(f"graphs must be one of {', '.join(GRAPH_CHOICES)}")
    fmt = rdf_format(format) if isinstance(format, str) else format
    if graphs == "news" and graph is None and not reference_only:
        _export_news(store, output, fmt)
        return
    if reference_only or graphs == "reference":
        graph = REFERENCE_GRAPH
    if graph is not None and not store.has_graph(graph):
        raise NotFoundError(f"no graph {graph.value}")
    if graph is not None and fmt.supports_datasets:
        rows = store.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", substitutions={"g": graph})
        quads = (ox.Quad(r["s"], r["p"], r["o"], graph) for r in rows)
        ox.serialize(quads, output, fmt, prefixes=PREFIXES if fmt == ox.RdfFormat.TRIG else None)
        return
    store.dump(output, fmt, graph)


def _export_news(store: Store, output: IO[bytes], fmt: ox.RdfFormat) -> None:
    """Every graph but the reference data and the ontology: quads, or their distinct triples."""
    skip = f"FILTER(?g NOT IN (<{REFERENCE_GRAPH.value}>, <{ONTOLOGY_GRAPH.value}>))"
    quads = fmt.supports_datasets
    rows = store.select(
        f"SELECT {'' if quads else 'DISTINCT'} ?s ?p ?o {'?g' if quads else ''} "
        f"WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {skip} }}"
    )
    terms: Iterator[ox.Quad | ox.Triple] = (
        ox.Quad(r["s"], r["p"], r["o"], r["g"]) if quads else ox.Triple(r["s"], r["p"], r["o"]) for r in rows
    )
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    ox.serialize(terms, output, fmt, prefixes=prefixes)  # type: ignore[arg-type]


__all__ = ["FORMATS", "GRAPH_CHOICES", "PREFIXES", "SUFFIXES", "export", "rdf_format"]
