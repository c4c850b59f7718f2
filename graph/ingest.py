"""Put articles into a store: extract, map to RDF, replace the article's graph atomically.

Re-ingesting an unchanged article (same id, same content hash) does nothing; a new version
replaces the old graph in one transaction; removing an article retracts its graph and the
actors that no other article mentions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pyoxigraph import NamedNode
from spacy.language import Language

from extract.errors import InputError, NewsgraphError
from extract.pipeline import extract
from extract.records import Article
from graph.mapping import article_quads
from graph.store import Store
from graph.terms import ACTORS_GRAPH, ARTICLE, NG, article_iri

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


def stored_hash(store: Store, article: Article) -> str | None:
    g = article_iri(article.id)
    result = store.query(
        f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?g <{NG}contentHash> ?h }} }}", substitutions={"g": g}
    )
    for row in result:
        return row["h"].value
    return None


def ingest_article(store: Store, nlp: Language, article: Article, report: IngestReport) -> None:
    """Ingest one article, updating ``report``; unchanged articles are skipped."""
    previous = stored_hash(store, article)
    if previous == article.content_hash:
        report.unchanged += 1
        return
    extraction = extract(nlp, article)
    quads = article_quads(extraction)
    store.replace_graph(quads.graph, quads.article, quads.shared)
    if previous is not None:
        report.replaced += 1
        collect_garbage(store)
    report.articles += 1
    report.sentences += len(extraction.sentences)
    report.relations += len(extraction.relations)
    report.triples += len(quads.article) + len(quads.shared)


def ingest(store: Store, nlp: Language, inputs: Iterable[Article | InputError],
           progress: Callable[[Article | InputError, NewsgraphError | None], None] | None = None) -> IngestReport:
    """Ingest a batch; a failing input is reported and the batch goes on."""
    report = IngestReport()
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


def resolve_article(value: str) -> str:
    """An article IRI from an IRI or a bare id."""
    return value if value.startswith(ARTICLE) else article_iri(value).value


def remove_article(store: Store, value: str) -> bool:
    """Retract an article (IRI or id) and the actors only it mentioned; False if unknown."""
    removed = store.drop_graph(NamedNode(resolve_article(value)))
    if removed:
        collect_garbage(store)
    return removed


def collect_garbage(store: Store) -> None:
    """Delete actor descriptions no article mentions any more (keeping countries still referred to)."""
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
              FILTER NOT EXISTS {{ GRAPH <{ACTORS_GRAPH.value}> {{ ?holder <{NG}holdsRole> ?r }} }}
            }}""")


__all__ = ["IngestReport", "collect_garbage", "ingest", "ingest_article", "remove_article", "resolve_article",
           "stored_hash"]
