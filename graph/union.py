"""The union of a store's graphs, each triple once, in constant memory.

Imports nothing but pyoxigraph: the export worker (``graph/export_worker.py``) loads it by path.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox


def union_triples(store: ox.Store) -> Iterator[ox.Triple]:
    """Each triple of the union of a store's graphs once, in constant memory.

    A triple held by several graphs is yielded with the first of them (the default graph, then the
    named graphs in the store's order): the store's index says which graphs hold it, so nothing
    remembers the triples already written.

    Args:
        store: a pyoxigraph store.

    Returns:
        An iterator over the triples.

    >>> store = ox.Store()
    >>> store.extend([ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("1"), ox.NamedNode(g))
    ...               for g in ("urn:g1", "urn:g2")])
    >>> len(list(union_triples(store)))
    1
    """
    graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.DefaultGraph(), *store.named_graphs()]
    rank = {graph: i for i, graph in enumerate(graphs)}
    for here, graph in enumerate(graphs):
        for quad in store.quads_for_pattern(None, None, None, graph):
            if here and any(
                rank.get(other.graph_name, here) < here
                for other in store.quads_for_pattern(quad.subject, quad.predicate, quad.object)
            ):
                continue  # written with an earlier graph
            yield ox.Triple(quad.subject, quad.predicate, quad.object)


__all__ = ["union_triples"]
