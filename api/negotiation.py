"""What a SPARQL GET asks for, with no web framework imported: its parameters and the media types
to answer it in (shared by ``api/routes/sparql.py`` and the read processes of ``api/read_process.py``)."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import parse_qs, unquote_plus

from api.formatting import GRAPH_MEDIA_TYPES, RESULTS_MEDIA_TYPES, canonical, choose

Params = dict[str, list[str]]


@lru_cache(maxsize=256)
def negotiated(accept: str | None) -> tuple[str | None, str | None]:
    """The media types (as pyoxigraph names them) to answer ``accept`` with: for solutions and
    booleans, and for graphs; None where none fits (kept per Accept header: clients send few)."""
    solutions = choose(accept, RESULTS_MEDIA_TYPES, "application/sparql-results+json")
    graph = choose(accept, GRAPH_MEDIA_TYPES, "text/turtle")
    return (canonical(solutions) if solutions else None), (canonical(graph) if graph else None)


@lru_cache(maxsize=256)
def labelled(accept: str | None, graph: bool, media_type: str) -> str:
    """The media type to label an answer in ``media_type`` with: the alias the client asked for
    (``application/json`` for SPARQL JSON) if it did, else ``media_type``."""
    wanted = choose(accept, GRAPH_MEDIA_TYPES if graph else RESULTS_MEDIA_TYPES, media_type)
    return wanted if wanted and canonical(wanted) == media_type else media_type


def parameters(text: str) -> Params:
    """``parse_qs(text, keep_blank_values=True)``, with a shortcut for the common ``query=…`` alone.

    >>> parameters("query=ASK+%7B%7D"), parameters("query=a&query=b")
    ({'query': ['ASK {}']}, {'query': ['a', 'b']})
    """
    if text.startswith("query=") and "&" not in text and ";" not in text:
        return {"query": [unquote_plus(text[6:])]}
    return parse_qs(text, keep_blank_values=True)


__all__ = ["Params", "labelled", "negotiated", "parameters"]
