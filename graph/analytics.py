"""Network analysis of actor interactions with networkx (imported only when used)."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from graph.caching import PerGeneration
from graph.queries import PROLOGUE
from graph.store import Store
from graph.terms import ACTOR, ACTORS_GRAPH

if TYPE_CHECKING:
    import networkx as nx

EDGES = PROLOGUE + f"""
SELECT ?s ?o ?sl ?ol ?event (COUNT(*) AS ?n) WHERE {{
  GRAPH ?g {{ ?r ng:subject ?s ; ng:object ?o ; ng:negated false . OPTIONAL {{ ?r ng:eventType ?event }} }}
  OPTIONAL {{ GRAPH <{ACTORS_GRAPH.value}> {{ ?s rdfs:label ?sl }} }}
  OPTIONAL {{ GRAPH <{ACTORS_GRAPH.value}> {{ ?o rdfs:label ?ol }} }}
}} GROUP BY ?s ?o ?sl ?ol ?event
"""


def interaction_graph(store: Store) -> nx.MultiDiGraph:
    """Actors as nodes (id = slug), one edge per (source, target, event type) with a count."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for row in store.select(EDGES):
        s, o = row["s"].value.removeprefix(ACTOR), row["o"].value.removeprefix(ACTOR)
        graph.add_node(s, label=row["sl"].value if row["sl"] else s)
        graph.add_node(o, label=row["ol"].value if row["ol"] else o)
        event = row["event"].value.rsplit("/", 1)[-1] if row["event"] else None
        graph.add_edge(s, o, event_type=event, count=int(row["n"].value))
    return graph


def shortest_paths(graph: nx.MultiDiGraph, source: str, target: str, limit: int = 5) -> list[list[str]]:
    """Shortest interaction paths between two actors, ignoring direction."""
    import networkx as nx

    undirected = nx.Graph(graph)
    if source not in undirected or target not in undirected:
        return []
    try:
        paths = nx.all_shortest_paths(undirected, source, target)
        return [path for _, path in zip(range(limit), paths, strict=False)]
    except nx.NetworkXNoPath:
        return []


def centrality(graph: nx.MultiDiGraph, limit: int = 20) -> list[tuple[str, float]]:
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return []
    scores = nx.degree_centrality(nx.Graph(graph))
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


_INTERACTION_GRAPHS = PerGeneration(interaction_graph)


def cached_interaction_graph(store: Store, generation: int) -> nx.MultiDiGraph:
    """:func:`interaction_graph`, built once per store and write generation.

    Args:
        store: the store.
        generation: the store's write generation (``store.generation``, which every write bumps).

    Returns:
        The interaction graph (shared: do not modify it).

    >>> from graph.store import open_store
    >>> cached_interaction_graph(open_store("memory:"), 0).number_of_nodes()
    0
    """
    return _INTERACTION_GRAPHS(store, generation)


def path_details(graph: nx.MultiDiGraph, path: list[str]) -> list[dict]:
    """Each step of a path with the relations between its two actors, in either direction.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(); g.add_edge("a", "b", event_type="CONSULT", count=2)
    0
    >>> path_details(g, ["a", "b"])[0]["relations"]
    [{'from': 'a', 'to': 'b', 'event_type': 'CONSULT', 'count': 2}]
    """
    steps = []
    for a, b in pairwise(path):
        relations = [{"from": s, "to": o, "event_type": d.get("event_type"), "count": d.get("count", 1)}
                     for s, o in ((a, b), (b, a)) for d in (graph.get_edge_data(s, o) or {}).values()]
        steps.append({"from": {"id": a, "label": graph.nodes[a].get("label", a)},
                      "to": {"id": b, "label": graph.nodes[b].get("label", b)}, "relations": relations})
    return steps


__all__ = ["cached_interaction_graph", "centrality", "interaction_graph", "path_details", "shortest_paths"]
