"""Network analysis of actor interactions with networkx (imported only when used).

The store's relations are read once per write generation into plain rows (:func:`interactions`);
each filtered graph (:class:`Filters`: categories, dates, articles, confidence, polarity) is built
from those rows in Python, and the measures on it are kept until the next write.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any, NamedTuple

from graph.caching import PerGeneration, store_key
from graph.errors import NotFoundError, QueryError
from graph.queries import PROLOGUE
from graph.store import Store
from graph.terms import ACTOR, ACTORS_GRAPH, NG, PLOVER, PLOVER_CATEGORIES

if TYPE_CHECKING:
    import networkx as nx

POLARITIES = ("asserted", "all", "nonfacts")
#: betweenness is exact up to this many actors; above, it is estimated from seeded pivots, as many as
#: keep pivots × (actors + edges) under BETWEENNESS_VISITS (a few seconds), and computed only when asked for
BETWEENNESS_EXACT = 1000
BETWEENNESS_VISITS = 2_000_000
SEED = 42

#: one property of every relation, read as its own index scan and joined in Python: on a 1M-quad
#: store the five-way join in SPARQL took 4 s, five scans take about 1 s
COLUMN = PROLOGUE + "SELECT ?g ?r ?v WHERE {{ GRAPH ?g {{ ?r ng:{name} ?v }} }}"
DATES = PROLOGUE + "SELECT ?g ?v WHERE { GRAPH ?g { ?g a ng:Article ; dcterms:date ?v } }"
ACTORS = (
    PROLOGUE
    + f"""
SELECT ?a ?label ?type WHERE {{ GRAPH <{ACTORS_GRAPH.value}> {{
  ?a a ?type . OPTIONAL {{ ?a rdfs:label ?label }} FILTER(?type != ng:Actor) }} }}"""
)


class Interaction(NamedTuple):
    """One stored relation between two actors (slugs), as the analytics read it."""

    source: str
    target: str
    category: str | None
    article: str
    date: str | None
    confidence: float
    fact: bool  # asserted and not negated


@dataclass(frozen=True)
class Interactions:
    """Every relation of a store, and each actor's label and type."""

    rows: tuple[Interaction, ...]
    actors: dict[str, tuple[str, str | None]] = field(hash=False)


@dataclass(frozen=True)
class Filters:
    """Which relations make the interaction graph.

    Args:
        categories: PLOVER categories (``CONSULT``), any case; empty for all.
        since: earliest article date (``YYYY-MM-DD``), inclusive; undated articles are then left out.
        until: latest article date, inclusive.
        articles: article IRIs; empty for all.
        min_confidence: the lowest confidence kept.
        polarity: ``asserted`` (facts only: not negated, not hypothetical or intended), ``all``, or
            ``nonfacts`` (only the negated, hypothetical or intended ones).

    >>> Filters(categories=frozenset({"consult"})).categories
    frozenset({'CONSULT'})
    """

    categories: frozenset[str] = frozenset()
    since: str | None = None
    until: str | None = None
    articles: frozenset[str] = frozenset()
    min_confidence: float = 0.0
    polarity: str = "asserted"

    def __post_init__(self) -> None:
        categories = frozenset(c.strip().upper() for c in self.categories if c.strip())
        unknown = sorted(categories - set(PLOVER_CATEGORIES))
        if unknown:
            raise QueryError(f"unknown event categories {', '.join(unknown)}; use {', '.join(PLOVER_CATEGORIES)}")
        polarity = self.polarity.lower()
        if polarity not in POLARITIES:
            raise QueryError(f"polarity must be one of {', '.join(POLARITIES)}")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise QueryError("min_confidence must be between 0 and 1")
        object.__setattr__(self, "categories", categories)
        object.__setattr__(self, "polarity", polarity)

    def keeps(self, row: Interaction) -> bool:
        """Whether ``row`` passes every filter."""
        if self.polarity != "all" and row.fact != (self.polarity == "asserted"):
            return False
        if row.confidence < self.min_confidence:
            return False
        if self.categories and row.category not in self.categories:
            return False
        if self.articles and row.article not in self.articles:
            return False
        if (self.since or self.until) and row.date is None:
            return False
        return not ((self.since and row.date < self.since) or (self.until and row.date > self.until))  # type: ignore[operator]

    def window(self, since: str | None, until: str | None) -> Filters:
        """These filters over another date window."""
        return Filters(self.categories, since, until, self.articles, self.min_confidence, self.polarity)


def _slug(iri: str) -> str:
    return iri.removeprefix(ACTOR)


def _column(store: Store, name: str) -> dict[str, Any]:
    return {r["r"].value: r["v"] for r in store.select(COLUMN.format(name=name))}


def interactions(store: Store) -> Interactions:
    """Every relation between two actors, with its category, article, date, confidence and polarity.

    A relation lacking a flag (written by hand, not by the mapping) counts as asserted, not negated,
    with confidence 1.

    Args:
        store: the store.

    Returns:
        The relations as :class:`Interaction` rows, and each described actor's label and type.

    >>> from graph.store import open_store
    >>> interactions(open_store("memory:")).rows
    ()
    """
    objects, confidence = _column(store, "object"), _column(store, "confidence")
    negated, modality, events = _column(store, "negated"), _column(store, "modality"), _column(store, "eventType")
    dates = {r["g"].value: r["v"].value[:10] for r in store.select(DATES)}
    rows = []
    for r in store.select(COLUMN.format(name="subject")):
        relation, graph = r["r"].value, r["g"].value
        if relation not in objects:
            continue  # not a relation between two actors
        event = events.get(relation)
        fact = (relation not in negated or negated[relation].value == "false") and (
            relation not in modality or modality[relation].value == NG + "Asserted"
        )
        rows.append(
            Interaction(
                _slug(r["v"].value),
                _slug(objects[relation].value),
                event.value.removeprefix(PLOVER) if event is not None else None,
                graph,
                dates.get(graph),
                float(confidence[relation].value) if relation in confidence else 1.0,
                fact,
            )
        )
    actors = {
        _slug(r["a"].value): (r["label"].value if r["label"] else _slug(r["a"].value), r["type"].value.removeprefix(NG))
        for r in store.select(ACTORS)
    }
    return Interactions(tuple(rows), actors)


def build_graph(data: Interactions, filters: Filters = Filters()) -> nx.MultiDiGraph:
    """The interaction graph: actors (id = slug) as nodes with ``label``, ``type`` and ``relations``;
    one edge per (source, target, category), keyed by the category, with ``count``, ``articles``,
    ``first`` and ``last`` dates and the mean ``confidence``.

    Args:
        data: the store's relations (:func:`interactions`).
        filters: which relations count.

    Returns:
        A new graph.

    >>> rows = (Interaction("a", "b", "CONSULT", "g1", "2024-01-02", 0.9, True),
    ...         Interaction("a", "b", "CONSULT", "g2", "2024-03-04", 0.7, True),
    ...         Interaction("b", "a", "REJECT", "g2", "2024-03-04", 0.8, False))
    >>> g = build_graph(Interactions(rows, {}))
    >>> dict(g.edges["a", "b", "CONSULT"]) == {"category": "CONSULT", "count": 2, "articles": 2,
    ...     "first": "2024-01-02", "last": "2024-03-04", "confidence": 0.8}
    True
    >>> g.has_edge("b", "a")  # not a fact: left out by default
    False
    """
    import networkx as nx

    edges: dict[tuple[str, str, str], list[Interaction]] = {}
    for row in data.rows:
        if filters.keeps(row):
            edges.setdefault((row.source, row.target, row.category or "NONE"), []).append(row)
    graph = nx.MultiDiGraph()
    for (source, target, category), rows in edges.items():
        for node in (source, target):
            if node not in graph:
                label, kind = data.actors.get(node, (node, None))
                graph.add_node(node, label=label, type=kind, relations=0)
            graph.nodes[node]["relations"] += len(rows)
        dates = sorted(r.date for r in rows if r.date)
        graph.add_edge(
            source,
            target,
            key=category,
            category=category,
            count=len(rows),
            articles=len({r.article for r in rows}),
            first=dates[0] if dates else None,
            last=dates[-1] if dates else None,
            confidence=round(sum(r.confidence for r in rows) / len(rows), 3),
        )
    return graph


def interaction_graph(store: Store, filters: Filters = Filters()) -> nx.MultiDiGraph:
    """:func:`build_graph` over the store's relations (facts only by default).

    Args:
        store: the store.
        filters: which relations count.

    Returns:
        A new interaction graph.

    >>> from graph.store import open_store
    >>> interaction_graph(open_store("memory:")).number_of_nodes()
    0
    """
    return build_graph(interactions(store), filters)


def undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """One edge per pair of actors, ``weight`` the number of relations between them in either direction.

    Args:
        graph: an interaction graph (:func:`build_graph`).

    Returns:
        A new undirected graph with the same nodes (self-loops left out).

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> for s, o, n in [("a", "b", 2), ("b", "a", 1), ("a", "a", 5)]:
    ...     _ = g.add_edge(s, o, count=n)
    >>> [(s, o, d["weight"]) for s, o, d in undirected(g).edges(data=True)]
    [('a', 'b', 3)]
    """
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    for s, o, data in graph.edges(data=True):
        if s == o:
            continue
        weight = simple.edges[s, o]["weight"] if simple.has_edge(s, o) else 0
        simple.add_edge(s, o, weight=weight + data["count"])
    return simple


def _node(graph: nx.MultiDiGraph, node: str) -> dict:
    data = graph.nodes[node]
    return {"id": node, "label": data.get("label", node), "type": data.get("type")}


def centrality_scores(graph: nx.MultiDiGraph, limit: int = 20, by: str = "pagerank") -> list[dict]:
    """Actors ranked by a centrality: ``degree`` (partners), ``weighted_degree`` (relations with partners),
    ``pagerank`` (weighted by relation counts, along the relations' direction) or ``betweenness``
    (share of shortest interaction paths through the actor, ignoring direction). Above
    :data:`BETWEENNESS_EXACT` actors betweenness is estimated from seeded pivots, and only computed
    when ranking by it (else it is None).

    Args:
        graph: an interaction graph (:func:`build_graph`).
        limit: how many actors.
        by: the measure to rank by.

    Returns:
        Dicts with the actor (``id``, ``label``, ``type``) and every measure.

    Raises:
        QueryError: for an unknown measure.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> for s, o in [("a", "hub"), ("b", "hub"), ("hub", "c")]:
    ...     _ = g.add_edge(s, o, count=1)
    >>> [row["id"] for row in centrality_scores(g, 2, by="degree")]
    ['hub', 'a']
    """
    import networkx as nx

    if by not in ("degree", "weighted_degree", "pagerank", "betweenness"):
        raise QueryError("rank by degree, weighted_degree, pagerank or betweenness")
    if graph.number_of_nodes() == 0:
        return []
    simple = undirected(graph)
    directed = nx.DiGraph()
    directed.add_nodes_from(graph)
    for s, o, data in graph.edges(data=True):
        weight = directed.edges[s, o]["weight"] if directed.has_edge(s, o) else 0
        directed.add_edge(s, o, weight=weight + data["count"])
    scores = {
        "degree": dict(simple.degree()),
        "weighted_degree": dict(simple.degree(weight="weight")),
        "pagerank": nx.pagerank(directed, weight="weight"),
    }
    if by == "betweenness" or simple.number_of_nodes() <= BETWEENNESS_EXACT:
        scores["betweenness"] = betweenness(simple)
    ranked = sorted(graph.nodes, key=lambda a: (-scores[by][a], -scores["weighted_degree"][a], a))[:limit]
    between = scores.get("betweenness")
    return [
        {
            **_node(graph, a),
            "degree": scores["degree"][a],
            "weighted_degree": scores["weighted_degree"][a],
            "pagerank": round(scores["pagerank"][a], 6),
            "betweenness": round(between[a], 6) if between is not None else None,
        }
        for a in ranked
    ]


def betweenness(simple: nx.Graph) -> dict[str, float]:
    """Normalised betweenness: exact up to :data:`BETWEENNESS_EXACT` actors, else estimated from seeded pivots.

    Args:
        simple: an undirected graph (:func:`undirected`).

    Returns:
        Each actor's share of the shortest paths between two others that pass through it.

    >>> import networkx as nx
    >>> betweenness(nx.path_graph(["a", "b", "c"]))["b"]
    1.0
    """
    import networkx as nx

    n, m = simple.number_of_nodes(), simple.number_of_edges()
    k = None if n <= BETWEENNESS_EXACT else max(20, min(n, BETWEENNESS_VISITS // (n + m)))
    return nx.betweenness_centrality(simple, k=k, seed=SEED)


def communities(graph: nx.MultiDiGraph, limit: int = 50, members: int = 20) -> list[dict]:
    """Communities of actors who interact more with each other than with the rest (Louvain, seeded,
    on the undirected graph weighted by relation counts), largest first.

    Args:
        graph: an interaction graph (:func:`build_graph`).
        limit: how many communities.
        members: how many members of each to list.

    Returns:
        Dicts with ``id``, ``size``, the ``members`` (most connected first, at most ``members``) and the
        community's ``categories`` (relations inside it, by PLOVER category).

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> for s, o in [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")]:
    ...     _ = g.add_edge(s, o, count=1, category="CONSULT")
    >>> sorted(sorted(m["id"] for m in c["members"]) for c in communities(g))
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    import networkx as nx

    simple = undirected(graph)
    if simple.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(simple, weight="weight", seed=SEED)
    strength = dict(simple.degree(weight="weight"))
    ranked = sorted(found, key=lambda c: (-len(c), min(c)))[:limit]
    out = []
    for i, group in enumerate(ranked):
        categories: dict[str, int] = {}
        for _, _, data in graph.subgraph(group).edges(data=True):
            name = data.get("category", "NONE")
            categories[name] = categories.get(name, 0) + data["count"]
        top = sorted(group, key=lambda a: (-strength[a], a))[:members]
        out.append(
            {
                "id": i,
                "size": len(group),
                "members": [{**_node(graph, a), "weighted_degree": strength[a]} for a in top],
                "categories": dict(sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))),
            }
        )
    return out


def network(graph: nx.MultiDiGraph, nodes: Iterable[str] | None = None) -> dict:
    """Nodes and edges as JSON (for the network view and the REST API), restricted to ``nodes``.

    Args:
        graph: an interaction graph (:func:`build_graph`).
        nodes: the actors to keep (all when None).

    Returns:
        ``{"nodes": [...], "edges": [...]}``, sorted.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "b", key="AID", category="AID", count=3)
    >>> network(g)["edges"][0]["count"]
    3
    """
    keep = set(graph.nodes if nodes is None else nodes)
    sub = graph.subgraph(keep)
    edges = sorted(sub.edges(data=True), key=lambda e: (e[0], e[1], str(e[2].get("category"))))
    return {
        "nodes": [{**_node(graph, a), "relations": graph.nodes[a].get("relations", 0)} for a in sorted(sub)],
        "edges": [{"source": s, "target": o, **data} for s, o, data in edges],
    }


def ego_network(graph: nx.MultiDiGraph, actor: str, depth: int = 1, limit: int = 300) -> dict:
    """The actors within ``depth`` interactions of ``actor`` (either direction) and the edges among them;
    with more than ``limit`` actors, the nearest and most connected are kept.

    Args:
        graph: an interaction graph (:func:`build_graph`).
        actor: the actor's slug.
        depth: interactions away from ``actor``.
        limit: the most actors kept.

    Returns:
        :func:`network`'s document with its ``center`` and ``depth``.

    Raises:
        NotFoundError: when ``actor`` takes part in no relation under the filters.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "b", count=1); _ = g.add_edge("b", "c", count=1)
    >>> [n["id"] for n in ego_network(g, "a", 1)["nodes"]]
    ['a', 'b']
    """
    import networkx as nx

    if actor not in graph:
        raise NotFoundError(f"{actor} takes part in no relation under these filters")
    simple = undirected(graph)
    distance = nx.single_source_shortest_path_length(simple, actor, cutoff=depth)
    strength = dict(simple.degree(weight="weight"))
    chosen = sorted(distance, key=lambda a: (distance[a], -strength[a], a))[:limit]
    return {"center": actor, "depth": depth, **network(graph, chosen)}


def shortest_paths(graph: nx.MultiDiGraph, source: str, target: str, limit: int = 5) -> list[list[str]]:
    """Shortest interaction paths between two actors, ignoring direction.

    Args:
        graph: an interaction graph (:func:`build_graph`).
        source: one actor's slug.
        target: the other's.
        limit: the most paths.

    Returns:
        Each path as the actors' slugs from ``source`` to ``target``; none when they are not connected.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "b", count=1); _ = g.add_edge("c", "b", count=1)
    >>> shortest_paths(g, "a", "c")
    [['a', 'b', 'c']]
    """
    import networkx as nx

    simple = nx.Graph(graph)
    if source not in simple or target not in simple:
        return []
    try:
        paths = nx.all_shortest_paths(simple, source, target)
        return [path for _, path in zip(range(limit), paths, strict=False)]
    except nx.NetworkXNoPath:
        return []


def centrality(graph: nx.MultiDiGraph, limit: int = 20) -> list[tuple[str, float]]:
    """Actors by degree centrality (share of the other actors they interacted with), highest first.

    Args:
        graph: an interaction graph (:func:`build_graph`).
        limit: how many actors.

    Returns:
        ``(slug, centrality)`` pairs.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "hub", count=1); _ = g.add_edge("hub", "b", count=1)
    >>> centrality(g, 2)
    [('hub', 1.0), ('a', 0.5)]
    """
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return []
    scores = nx.degree_centrality(nx.Graph(graph))
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


WINDOW = re.compile(r"^(?P<since>\d{4}(?:-\d{2}(?:-\d{2})?)?)?(?:\.\.(?P<until>\d{4}(?:-\d{2}(?:-\d{2})?)?)?)?$")


def parse_window(text: str) -> tuple[str | None, str | None]:
    """A date window: ``2022-01-01..2022-06-30``, open-ended (``..2022-06-30``), or a year or month.

    Args:
        text: the window as the client wrote it.

    Returns:
        ``(since, until)`` dates (``YYYY-MM-DD``), either None for an open end.

    Raises:
        QueryError: for anything else.

    >>> parse_window("2022-03"), parse_window("2021..2022-06")
    (('2022-03-01', '2022-03-31'), ('2021-01-01', '2022-06-30'))
    """
    match = WINDOW.match(text.strip())
    if not match or not text.strip():
        raise QueryError(f"not a date window: {text!r} (use YYYY-MM-DD..YYYY-MM-DD, a year or a month)")
    since, until = match["since"], match["until"]
    if ".." not in text:
        until = since
    return (_first_day(since) if since else None), (_last_day(until) if until else None)


def _first_day(text: str) -> str:
    return text + "-01-01"[len(text) - 4 :]


def _last_day(text: str) -> str:
    import calendar

    if len(text) == 4:
        return text + "-12-31"
    if len(text) == 7:
        year, month = int(text[:4]), int(text[5:])
        if not 1 <= month <= 12:
            raise QueryError(f"not a month: {text!r}")
        return f"{text}-{calendar.monthrange(year, month)[1]:02d}"
    return text


def change(
    data: Interactions,
    before: tuple[str | None, str | None],
    after: tuple[str | None, str | None],
    filters: Filters = Filters(),
    limit: int = 50,
) -> list[dict]:
    """Who gained or lost interaction partners between two date windows, most changed first.

    Args:
        data: the store's relations (:func:`interactions`).
        before: the first window, ``(since, until)`` (see :func:`parse_window`).
        after: the second window.
        filters: which relations count (their dates are replaced by each window's).
        limit: how many actors.

    Returns:
        Dicts with the actor, its partner counts ``before`` and ``after``, the partners ``gained`` and
        ``lost``, and how many it ``kept``.

    >>> rows = (Interaction("a", "b", "CONSULT", "g1", "2022-01-05", 0.9, True),
    ...         Interaction("a", "c", "CONSULT", "g2", "2023-01-05", 0.9, True))
    >>> first = change(Interactions(rows, {}), ("2022-01-01", "2022-12-31"), ("2023-01-01", "2023-12-31"))[0]
    >>> first["id"], [p["id"] for p in first["gained"]], [p["id"] for p in first["lost"]]
    ('a', ['c'], ['b'])
    """
    old = undirected(build_graph(data, filters.window(*before)))
    new = undirected(build_graph(data, filters.window(*after)))
    rows = []
    for actor in set(old) | set(new):
        was = set(old[actor]) if actor in old else set()
        now = set(new[actor]) if actor in new else set()
        if was == now:
            continue
        label, kind = data.actors.get(actor, (actor, None))
        rows.append(
            {
                "id": actor,
                "label": label,
                "type": kind,
                "before": len(was),
                "after": len(now),
                "gained": [_partner(data, p) for p in sorted(now - was)],
                "lost": [_partner(data, p) for p in sorted(was - now)],
                "kept": len(was & now),
            }
        )
    rows.sort(key=lambda r: (-(len(r["gained"]) + len(r["lost"])), r["id"]))
    return rows[:limit]


def _partner(data: Interactions, actor: str) -> dict:
    label, kind = data.actors.get(actor, (actor, None))
    return {"id": actor, "label": label, "type": kind}


class _Recent:
    """The last few computed values, keyed by store (:func:`graph.caching.store_key`, never reused), write
    generation and arguments."""

    def __init__(self, size: int = 32) -> None:
        self._values: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._size = size

    def get(self, key: tuple, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = compute()
        with self._lock:
            self._values[key] = value
            while len(self._values) > self._size:
                self._values.popitem(last=False)
        return value


_INTERACTIONS = PerGeneration(interactions)
_RECENT = _Recent()


def cached_interactions(store: Store, generation: int) -> Interactions:
    """:func:`interactions`, read once per store and write ``generation``.

    Args:
        store: the store.
        generation: a counter the writer increments, so cached rows are never stale.

    Returns:
        The store's relations (shared: do not modify them).

    >>> from graph.store import open_store
    >>> with open_store("memory:") as store:
    ...     cached_interactions(store, 0) is cached_interactions(store, 0), cached_interactions(store, 1).rows
    (True, ())
    """
    return _INTERACTIONS(store, generation)


def cached_interaction_graph(store: Store, generation: int, filters: Filters = Filters()) -> nx.MultiDiGraph:
    """:func:`interaction_graph`, built once per store, ``generation`` (bump it after each write) and filters.

    Args:
        store: the store.
        generation: a counter the writer increments, so a cached graph is never stale.
        filters: which relations count.

    Returns:
        The interaction graph (shared: do not modify it).

    >>> from graph.store import open_store
    >>> cached_interaction_graph(open_store("memory:"), 0).number_of_nodes()
    0
    """
    return _RECENT.get(
        (store_key(store), generation, "graph", filters),
        lambda: build_graph(cached_interactions(store, generation), filters),
    )


def cached(store: Store, generation: int, name: str, compute: Callable[[], Any], *key: Any) -> Any:
    """``compute()``, kept for this store, write generation, ``name`` and ``key`` until evicted.

    Args:
        store: the store the value was computed from.
        generation: its write generation.
        name: what the value is (``"centrality"``).
        compute: computes the value when it is not kept.
        key: the arguments it depends on.

    Returns:
        The kept or computed value.

    >>> from graph.store import open_store
    >>> calls = []
    >>> with open_store("memory:") as store:
    ...     [cached(store, 0, "answer", lambda: calls.append(1) or 42, "x") for _ in range(2)], len(calls)
    ([42, 42], 1)
    """
    return _RECENT.get((store_key(store), generation, name, *key), compute)


def path_details(graph: nx.MultiDiGraph, path: list[str]) -> list[dict]:
    """Each step of a path with the relations between its two actors, in either direction.

    Args:
        graph: an interaction graph (:func:`build_graph`).
        path: actors' slugs (:func:`shortest_paths`).

    Returns:
        One dict per step: ``from`` and ``to`` (id and label) and their ``relations``.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(); g.add_edge("a", "b", event_type="CONSULT", count=2)
    0
    >>> path_details(g, ["a", "b"])[0]["relations"]
    [{'from': 'a', 'to': 'b', 'event_type': 'CONSULT', 'count': 2}]
    """
    steps = []
    for a, b in pairwise(path):
        relations = [
            {"from": s, "to": o, "event_type": d.get("event_type", d.get("category")), "count": d.get("count", 1)}
            for s, o in ((a, b), (b, a))
            for d in (graph.get_edge_data(s, o) or {}).values()
        ]
        steps.append(
            {
                "from": {"id": a, "label": graph.nodes[a].get("label", a)},
                "to": {"id": b, "label": graph.nodes[b].get("label", b)},
                "relations": relations,
            }
        )
    return steps


__all__ = [
    "Filters",
    "Interaction",
    "Interactions",
    "betweenness",
    "build_graph",
    "cached",
    "cached_interaction_graph",
    "cached_interactions",
    "centrality",
    "centrality_scores",
    "change",
    "communities",
    "ego_network",
    "interaction_graph",
    "interactions",
    "network",
    "parse_window",
    "path_details",
    "shortest_paths",
    "undirected",
]
