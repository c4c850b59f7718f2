"""The interaction graph for network tools (Gephi, Cytoscape desktop): GraphML and GEXF."""

from __future__ import annotations

from typing import IO

from graph.analytics import Filters, interaction_graph
from graph.store import Store

#: format name -> media type
NETWORK_FORMATS = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml"}
SUFFIXES = {"graphml": ".graphml", "gexf": ".gexf"}


def is_network_format(name: str) -> bool:
    """Whether ``name`` is one of :data:`NETWORK_FORMATS` (any case).

    Args:
        name: a format's name.

    Returns:
        True for ``graphml`` and ``gexf``.

    >>> is_network_format("GEXF"), is_network_format("turtle")
    (True, False)
    """
    return name.lower().strip() in NETWORK_FORMATS


def export_network(store: Store, output: IO[bytes], format: str = "graphml", filters: Filters | None = None) -> None:
    """Write the actor interaction graph as GraphML or GEXF.

    Nodes are actors (id: slug) with ``label``, ``type`` and ``relations``; edges are one per source,
    target and PLOVER category, with ``category``, ``count``, ``articles``, ``first`` and ``last``
    (article dates) and the mean ``confidence``. Attributes a node or edge lacks are left out.

    Args:
        store: the store.
        output: a binary stream.
        format: ``graphml`` or ``gexf``.
        filters: which relations count (facts only by default).

    Raises:
        UnknownFormatError: for another format.

    >>> import io
    >>> from graph.store import open_store
    >>> out = io.BytesIO(); export_network(open_store("memory:"), out, "gexf")
    >>> b"<gexf" in out.getvalue()
    True
    """
    import networkx as nx

    from graph.errors import UnknownFormatError

    name = format.lower().strip()
    if name not in NETWORK_FORMATS:
        raise UnknownFormatError(f"unknown network format {format!r}; use {', '.join(NETWORK_FORMATS)}")
    graph = interaction_graph(store, filters or Filters())
    clean = nx.MultiDiGraph()  # both writers refuse None values
    clean.add_nodes_from((n, {k: v for k, v in d.items() if v is not None}) for n, d in graph.nodes(data=True))
    clean.add_edges_from(
        (s, o, key, {k: v for k, v in d.items() if v is not None}) for s, o, key, d in graph.edges(keys=True, data=True)
    )
    if name == "graphml":
        nx.write_graphml(clean, output, encoding="utf-8")
    else:
        nx.write_gexf(clean, output, encoding="utf-8")


__all__ = ["NETWORK_FORMATS", "SUFFIXES", "export_network", "is_network_format"]
