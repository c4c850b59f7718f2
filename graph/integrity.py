"""Structural checks of a store: every article is whole, every relation has its evidence.

Each article is written in one transaction, so these checks hold after any crash; they exist to
prove it (tests kill real ingests) and to let an operator verify a store (``newsgraph check``).
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.store import Store
from graph.terms import ACTOR, ACTORS_GRAPH, ARTICLE, NG, PROV, RDF

#: (what is wrong, a SELECT whose ?g ?x rows are the offending article graphs and nodes)
CHECKS: tuple[tuple[str, str], ...] = (
    (
        "article graph without its ng:contentHash",
        f"""
        SELECT DISTINCT ?g ?x WHERE {{
          GRAPH ?g {{ ?s ?p ?o }} FILTER STRSTARTS(STR(?g), "{ARTICLE}")
          FILTER NOT EXISTS {{ GRAPH ?g {{ ?g <{NG}contentHash> ?h }} }}
          BIND (?g AS ?x) }}""",
    ),
    (
        "article graph with more than one ng:contentHash",
        f"""
        SELECT ?g (SAMPLE(?h) AS ?x) WHERE {{ GRAPH ?g {{ ?g <{NG}contentHash> ?h }} }}
        GROUP BY ?g HAVING (COUNT(?h) > 1)""",
    ),
    (
        "article graph that is not typed ng:Article",
        f"""
        SELECT DISTINCT ?g ?x WHERE {{
          GRAPH ?g {{ ?s ?p ?o }} FILTER STRSTARTS(STR(?g), "{ARTICLE}")
          FILTER NOT EXISTS {{ GRAPH ?g {{ ?g <{RDF}type> <{NG}Article> }} }}
          BIND (?g AS ?x) }}""",
    ),
    (
        "relation without subject, predicate or article",
        f"""
        SELECT DISTINCT ?g ?x WHERE {{
          GRAPH ?g {{ ?x <{RDF}type> <{NG}Relation> }}
          FILTER NOT EXISTS {{ GRAPH ?g {{ ?x <{NG}subject> ?s ; <{NG}predicate> ?p ; <{NG}article> ?g }} }} }}""",
    ),
    (
        "relation whose evidence sentence is missing",
        f"""
        SELECT DISTINCT ?g ?x WHERE {{
          GRAPH ?g {{ ?x <{RDF}type> <{NG}Relation> }}
          FILTER NOT EXISTS {{ GRAPH ?g {{ ?x <{PROV}wasDerivedFrom> ?s . ?s <{RDF}type> <{NG}Sentence> ;
                                                                      <{NG}text> ?t }} }} }}""",
    ),
    (
        "relation whose actor has no description in the actors graph",
        f"""
        SELECT DISTINCT ?g ?x WHERE {{
          GRAPH ?g {{ ?r <{RDF}type> <{NG}Relation> ; <{NG}subject>|<{NG}object> ?x }}
          FILTER NOT EXISTS {{ GRAPH <{ACTORS_GRAPH.value}> {{ ?x <{RDF}type> <{NG}Actor> }} }} }}""",
    ),
    (
        "direct actor-to-actor triple without its relation node",
        f"""
        SELECT DISTINCT ?g ?x WHERE {{
          GRAPH ?g {{ ?a ?p ?b }}
          FILTER (STRSTARTS(STR(?g), "{ARTICLE}") && STRSTARTS(STR(?a), "{ACTOR}")
                  && isIRI(?b) && STRSTARTS(STR(?b), "{ACTOR}"))
          FILTER NOT EXISTS {{ GRAPH ?g {{ ?r <{NG}subject> ?a ; <{NG}predicate> ?p ; <{NG}object> ?b }} }}
          BIND (?a AS ?x) }}""",
    ),
)


@dataclass(frozen=True, slots=True)
class Problem:
    """One violated invariant: what is wrong, in which graph, at which node."""

    check: str
    graph: str
    node: str

    def __str__(self) -> str:
        return f"{self.graph}: {self.check} ({self.node})"


def check_store(store: Store, limit: int = 100) -> list[Problem]:
    """The structural problems of a store, at most ``limit`` per check; empty when it is consistent.

    Args:
        store: the store to check.
        limit: the most problems reported per check.

    Returns:
        The problems found.

    >>> from graph.store import open_store
    >>> check_store(open_store("memory:"))
    []
    """
    problems: list[Problem] = []
    for name, sparql in CHECKS:
        for row in store.select(f"{sparql} LIMIT {limit}"):
            problems.append(Problem(name, row["g"].value, row["x"].value))
    return problems


def article_count(store: Store) -> int:
    """How many article graphs the store holds (what ``graph.queries.find_articles`` pages through).

    Args:
        store: the store.

    Returns:
        The count.

    >>> from graph.store import open_store
    >>> article_count(open_store("memory:"))
    0
    """
    result = store.select(f"""SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{
        GRAPH ?g {{ ?g <{RDF}type> <{NG}Article> }} }}""")
    return int(next(iter(result))["n"].value)


def unreferenced_actors(store: Store) -> int:
    """How many actor descriptions no article mentions (nor any actor names as its country).

    Harmless left-overs of an interrupted clean-up after a replacement; the next clean-up
    (``graph.ingest.collect_garbage``) deletes them.

    Args:
        store: the store.

    Returns:
        The count.

    >>> from graph.store import open_store
    >>> unreferenced_actors(open_store("memory:"))
    0
    """
    result = store.select(f"""SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{
        GRAPH <{ACTORS_GRAPH.value}> {{ ?a <{RDF}type> <{NG}Actor> }}
        FILTER NOT EXISTS {{ GRAPH ?g {{ ?a <{NG}mentionedIn> ?article }} }}
        FILTER NOT EXISTS {{ GRAPH <{ACTORS_GRAPH.value}> {{ ?other <{NG}country> ?a }} }} }}""")
    return int(next(iter(result))["n"].value)


__all__ = ["CHECKS", "Problem", "article_count", "check_store", "unreferenced_actors"]
