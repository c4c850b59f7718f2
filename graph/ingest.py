"""Put articles into a store: extract, map to RDF, replace the article's graph atomically.

Re-ingesting an unchanged article (same content hash as a stored version with the same id or
URL) does nothing; a new version replaces the old graph; removing an article retracts its graph
and what only it supported (actors no other article mentions, unused surface predicates).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pyoxigraph import NamedNode, Quad
from spacy.language import Language

from extract.errors import InputError, NewsgraphError
from extract.pipeline import extract
from extract.records import Article
from extract.validation import validate_article
from graph.errors import NotFoundError
from graph.mapping import article_quads, url_iri
from graph.queries import article_reference
from graph.reference import ensure_static_graphs
from graph.store import Store
from graph.terms import ACTORS_GRAPH, NG, RDF, RDFS, SCHEMA, VOCABULARY_GRAPH, article_iri

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestReport:
    """What one batch did."""

    articles: int = 0
    unchanged: int = 0
    replaced: int = 0
    sentences: int = 0
    relations: int = 0
    triples: int = 0
    failures: list[NewsgraphError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def stored_versions(store: Store, article: Article) -> dict[NamedNode, str]:
    """The stored versions of an article: graphs with the same id (its IRI) or the same URL,
    with their content hash.

    >>> from graph.store import open_store
    >>> stored_versions(open_store("memory:"), Article(id="a1", text="x", url="https://example.org/1"))
    {}
    """
    substitutions = {"g": article_iri(article.id)}
    same_url = ""
    if article.url:
        substitutions["url"] = url_iri(article.url)
        same_url = f"UNION {{ GRAPH ?v {{ ?v <{SCHEMA}url> ?url ; <{NG}contentHash> ?h }} }}"
    query = f"""SELECT ?v ?h {' '.join('?' + k for k in substitutions)} WHERE {{
        {{ GRAPH ?g {{ ?g <{NG}contentHash> ?h }} BIND(?g AS ?v) }} {same_url}
    }}"""
    return {row["v"]: row["h"].value for row in store.select(query, substitutions=substitutions)}


def ingest_article(store: Store, nlp: Language, article: Article, report: IngestReport) -> None:
    """Ingest one article, updating ``report``.

    An article whose text some stored version (same id or same URL) already has is skipped; a
    new text replaces every stored version, and the actors only they mentioned go.
    """
    validate_article(article, article.id)  # nothing of a bad record may reach the store
    versions = stored_versions(store, article)
    if article.content_hash in versions.values():
        report.unchanged += 1
        return
    extraction = extract(nlp, article)
    quads = article_quads(extraction)
    # Drop a version under another id first: a crash in between then leaves the new text to
    # ingest again rather than two versions of one article.
    for graph in versions:
        if graph != quads.graph:
            store.drop_graph(graph)
    store.replace_graph(quads.graph, quads.article, undescribed(store, quads.shared))
    if versions:
        report.replaced += 1
        collect_garbage(store)
    report.articles += 1
    report.sentences += len(extraction.sentences)
    report.relations += len(extraction.relations)
    report.triples += len(quads.article) + len(quads.shared)


def undescribed(store: Store, shared: list[Quad]) -> list[Quad]:
    """``shared`` without the descriptions of actors and roles the actors graph already has.

    An actor is described once, when it first appears: a later article spelling an unknown name
    in another case, or typing it differently, adds its mention and names to its own graph but
    no second label or type.

    >>> from graph.store import open_store
    >>> from graph.mapping import actor_quads
    >>> from extract.records import Actor
    >>> store, quads = open_store("memory:"), actor_quads([Actor("nato", "NATO", "ORG")])
    >>> store.replace_graph(ACTORS_GRAPH, quads)
    >>> len(undescribed(store, quads)), len(undescribed(store, actor_quads([Actor("nato", "Nato", "GROUP")])))
    (0, 0)
    """
    subjects = {q.subject for q in shared if q.graph_name == ACTORS_GRAPH}
    if not subjects:
        return list(shared)
    values = " ".join(str(s) for s in subjects)
    rows = store.select(f"""SELECT ?s WHERE {{
        VALUES ?s {{ {values} }} GRAPH <{ACTORS_GRAPH.value}> {{ ?s <{RDFS}label> ?label }} }}""")
    described = {row["s"] for row in rows}
    return [q for q in shared if q.graph_name != ACTORS_GRAPH or q.subject not in described]


def ingest(store: Store, nlp: Language, inputs: Iterable[Article | InputError],
           progress: Callable[[Article | InputError, NewsgraphError | None], None] | None = None) -> IngestReport:
    """Ingest a batch; a failing input is reported and the batch goes on.

    Also loads the ontology and reference graphs when the store lacks them or they changed.
    """
    report = IngestReport()
    ensure_static_graphs(store)
    for item in inputs:
        error: NewsgraphError | None = None
        if isinstance(item, InputError):
            error = item
        else:
            try:
                ingest_article(store, nlp, item, report)
            except NewsgraphError as failure:
                error = failure
        if error is not None:
            log.warning("%s", error)
            report.failures.append(error)
        if progress is not None:
            progress(item, error)
    return report


def remove_article(store: Store, value: str) -> bool:
    """Retract an article (IRI or id) and the actors only it mentioned; False if unknown."""
    try:
        removed = store.drop_graph(article_reference(value))  # never a shared graph: see article_reference
    except NotFoundError:  # not even a valid IRI: certainly no article of this store
        return False
    if removed:
        collect_garbage(store)
    return removed


def collect_garbage(store: Store) -> None:
    """Delete what no article supports any more: actor descriptions no article mentions (keeping
    countries still referred to), roles nobody holds, surface predicates no relation uses."""
    store.update(f"""
        DELETE {{ GRAPH <{VOCABULARY_GRAPH.value}> {{ ?p ?x ?y }} }}
        WHERE {{
          GRAPH <{VOCABULARY_GRAPH.value}> {{ ?p a <{RDF}Property> ; ?x ?y }}
          FILTER NOT EXISTS {{ GRAPH ?g {{ ?relation <{NG}predicate> ?p }} }}
        }}""")
    for _ in range(2):  # a person's country can become unreferenced once the person is gone
        store.update(f"""
            DELETE {{ GRAPH <{ACTORS_GRAPH.value}> {{ ?a ?p ?o }} }}
            WHERE {{
              GRAPH <{ACTORS_GRAPH.value}> {{ ?a a <{NG}Actor> ; ?p ?o }}
              FILTER NOT EXISTS {{ GRAPH ?g {{ ?a <{NG}mentionedIn> ?article }} }}
              FILTER NOT EXISTS {{ GRAPH <{ACTORS_GRAPH.value}> {{ ?other <{NG}country> ?a }} }}
            }} ;
            DELETE {{ GRAPH <{ACTORS_GRAPH.value}> {{ ?r ?p ?o }} }}
            WHERE {{
              GRAPH <{ACTORS_GRAPH.value}> {{ ?r a <{NG}Role> ; ?p ?o }}
              FILTER NOT EXISTS {{ GRAPH ?g {{ ?holder <{NG}holdsRole> ?r }} }}
            }}""")


__all__ = ["IngestReport", "collect_garbage", "ingest", "ingest_article", "remove_article",
           "stored_versions", "undescribed"]
