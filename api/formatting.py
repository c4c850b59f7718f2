"""Serialising SPARQL results: media-type tables for HTTP, and text tables for the CLI."""

from __future__ import annotations

import io
from typing import IO

import pyoxigraph as ox

from graph.errors import NotAcceptableError

RESULTS_MEDIA_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_MEDIA_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
CLI_NAMES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "nquads": "application/n-quads",
    "trig": "application/trig",
    "rdfxml": "application/rdf+xml",
}


def choose(accept: str | None, offered, default: str | None) -> str | None:
    """The offered media type ``accept`` ranks highest (wildcards give ``default``); None if none fits.

    >>> choose("text/csv;q=0.5, application/sparql-results+xml", RESULTS_MEDIA_TYPES, "text/csv")
    'application/sparql-results+xml'
    """
    ranked = []
    for position, part in enumerate((accept or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, position, media))
    if not ranked:
        return default
    for _, _, media in sorted(ranked):
        if media in offered:
            return media
        if media == "*/*" or (media.endswith("/*") and default and default.startswith(media[:-1])):
            return default
    return None


def negotiate(accept: str | None, result) -> str:
    """The media type to answer ``accept`` with, for this kind of result (defaults: SPARQL JSON, Turtle)."""
    table = GRAPH_MEDIA_TYPES if isinstance(result, ox.QueryTriples) else RESULTS_MEDIA_TYPES
    default = "text/turtle" if table is GRAPH_MEDIA_TYPES else "application/sparql-results+json"
    media = choose(accept, table, default)
    if media is None:
        raise NotAcceptableError(f"cannot produce any of {accept!r} for this result; try {', '.join(table)}")
    return media


def canonical(media: str) -> str:
    """The media type pyoxigraph knows a format by (``application/json`` → SPARQL JSON)."""
    fmt = RESULTS_MEDIA_TYPES.get(media) or GRAPH_MEDIA_TYPES.get(media)
    return fmt.media_type if fmt is not None else media


def serialize(result, media_type: str, output: IO[bytes]) -> None:
    if isinstance(result, ox.QueryTriples):
        fmt = GRAPH_MEDIA_TYPES[media_type]
        if fmt.supports_datasets:
            ox.serialize((ox.Quad(t.subject, t.predicate, t.object) for t in result), output, fmt)
        else:
            result.serialize(output, fmt)
    else:
        result.serialize(output, RESULTS_MEDIA_TYPES[media_type])


REST_RDF_TYPES = ("text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml")


def rest_media(accept: str | None) -> str:
    """``application/json`` for the REST API's JSON, or the RDF media type ``accept`` prefers.

    >>> rest_media("text/turtle, application/json;q=0.5")
    'text/turtle'
    """
    media = choose(accept, ("application/json", *REST_RDF_TYPES), "application/json")
    if media is None:
        raise NotAcceptableError(f"cannot produce any of {accept!r}; try application/json, {', '.join(REST_RDF_TYPES)}")
    return media


def rdf_response(triples, accept: str | None, media: str | None = None):
    """An HTTP response with ``triples`` in the RDF format ``accept`` prefers (Turtle by default)."""
    from fastapi.responses import Response

    from graph.terms import PREFIXES

    media = media or choose(accept, GRAPH_MEDIA_TYPES, "text/turtle")
    if media is None:
        raise NotAcceptableError(f"cannot produce any of {accept!r}; try {', '.join(GRAPH_MEDIA_TYPES)}")
    fmt = GRAPH_MEDIA_TYPES[media]
    terms = [ox.Quad(t.subject, t.predicate, t.object) if isinstance(t, ox.Triple) else t for t in triples]
    if not fmt.supports_datasets:
        terms = [ox.Triple(q.subject, q.predicate, q.object) for q in terms]
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    return Response(ox.serialize(terms, format=fmt, prefixes=prefixes), media_type=media)


def write_result(result, format: str, out: IO[str]) -> None:
    """Print a result for the CLI: ``table`` or a serialisation named like ``json`` or ``turtle``."""
    if format == "table":
        out.write(table(result))
        return
    media = CLI_NAMES.get(format, format)
    buffer = io.BytesIO()
    if media not in (GRAPH_MEDIA_TYPES if isinstance(result, ox.QueryTriples) else RESULTS_MEDIA_TYPES):
        raise NotAcceptableError(f"format {format!r} does not fit this query's result")
    serialize(result, media, buffer)
    text = buffer.getvalue().decode("utf-8")
    out.write(text if text.endswith("\n") else text + "\n")  # a shell prompt must not follow on the same line


def _prefixed(iri: str) -> str:
    """``ng:called`` for an IRI in one of the project's namespaces (the longest that fits), else ``<IRI>``."""
    from graph.terms import PREFIXES

    best = max(((p, ns) for p, ns in PREFIXES.items() if iri.startswith(ns)), key=lambda pn: len(pn[1]), default=None)
    if best is not None:
        local = iri[len(best[1]) :]
        if local and all(c.isalnum() or c in "-_." for c in local):
            return f"{best[0]}:{local}"
    return f"<{iri}>"


def _cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return _prefixed(term.value)
    return term.value if isinstance(term, ox.Literal) else str(term)


def table(result) -> str:
    """A plain-text table of a SELECT result (ASK: ``true``/``false``; CONSTRUCT: N-Triples).

    IRIs print with the project's prefixes (``actor:vladimir-putin``); columns are padded to at most
    60 characters, and a longer value (an evidence sentence) is printed whole.
    """
    if isinstance(result, ox.QueryBoolean):
        return ("true" if bool(result) else "false") + "\n"
    if isinstance(result, ox.QueryTriples):
        return "".join(f"{t} .\n" for t in result)
    names = [v.value for v in result.variables]
    rows = [[_cell(solution[name]) for name in names] for solution in result]
    widths = [min(60, max([len(n)] + [len(r[i]) for r in rows])) for i, n in enumerate(names)]

    def line(cells):
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip() + "\n"

    text = line(names) + line(["-" * w for w in widths]) + "".join(line(r) for r in rows)
    return text + f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


__all__ = [
    "GRAPH_MEDIA_TYPES",
    "RESULTS_MEDIA_TYPES",
    "canonical",
    "choose",
    "negotiate",
    "rdf_response",
    "rest_media",
    "serialize",
    "table",
    "write_result",
]
