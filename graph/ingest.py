"""Put articles into a store: extract, map to RDF, replace the article's graph atomically.

Re-ingesting an unchanged article (same content hash as a stored version with the same id or
URL) does nothing, and is decided before the article is parsed; a new version replaces the old
graph; removing an article retracts its graph and what only it supported (actors no other
article mentions, unused surface predicates).

Articles stream through: they are read, checked against the store, parsed in batches (in this
process or by an :class:`~extract.parallel.Extractor`'s workers) and written one article per
transaction, in input order, holding a few batches at a time whatever the size of the input.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pyoxigraph import NamedNode, Quad

from extract.batching import BATCH_CHARS, DEFAULT_BATCH_SIZE, batched
from extract.errors import InputError, NewsgraphError
from extract.records import Article, Extraction
from extract.validation import validate_article
from graph.errors import NotFoundError, StoreFullError
from graph.mapping import ArticleQuads, article_quads, url_iri
from graph.queries import article_reference
from graph.reference import ensure_static_graphs
from graph.store import Store
from graph.terms import ACTORS_GRAPH, NG, RDF, RDFS, RDFS_LABEL, SCHEMA, VOCABULARY_GRAPH, article_iri

if TYPE_CHECKING:  # spaCy is imported only by what parses
    from extract.parallel import Extractor

log = logging.getLogger(__name__)
#: parsed batches that may wait for the writer: bounds memory, keeps the parser busy
WRITES_BEHIND = 2
#: articles per task for worker processes: small, so that a small input still spreads over the
#: workers and the writer keeps up with them rather than waiting for one large batch
WORKER_BATCH_SIZE = 8
#: articles written between two flushes of the store's buffers (what keeps memory flat)
FLUSH_EVERY = 32
#: called with each input once done (an article, or the error that stood for it) and its error or None
Progress = Callable[[Article | NewsgraphError, NewsgraphError | None], None]


@dataclass(slots=True)
class IngestReport:
    """What one batch did: articles stored, ``unchanged`` ones skipped (already stored), failures with reasons.

    ``sentences`` counts every sentence of the stored articles, ``words`` their whitespace-separated words.
    """

    articles: int = 0
    unchanged: int = 0
    replaced: int = 0
    sentences: int = 0
    relations: int = 0
    triples: int = 0
    words: int = 0
    seconds: float = 0.0
    failures: list[NewsgraphError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def skipped(self) -> int:
        return self.unchanged

    def summary(self) -> str:
        """One line for people.

        >>> IngestReport(articles=2, sentences=9, relations=3, triples=40).summary()
        'articles 2 (unchanged 0, replaced 0, failed 0), sentences 9, relations 3, triples 40'
        """
        return (
            f"articles {self.articles} (unchanged {self.unchanged}, replaced {self.replaced}, "
            f"failed {len(self.failures)}), sentences {self.sentences}, relations {self.relations}, "
            f"triples {self.triples}"
        )


def stored_versions(store: Store, article: Article) -> dict[NamedNode, str]:
    """The stored versions of an article: graphs with the same id (its IRI) or the same URL,
    with their content hash.

    Args:
        store: the store.
        article: the article (its id and URL are what count).

    Returns:
        Each version's graph IRI → its content hash.

    >>> from graph.store import open_store
    >>> stored_versions(open_store("memory:"), Article(id="a1", text="x", url="https://example.org/1"))
    {}
    """
    substitutions = {"g": article_iri(article.id)}
    same_url = ""
    if article.url:
        substitutions["url"] = url_iri(article.url)
        same_url = f"UNION {{ GRAPH ?v {{ ?v <{SCHEMA}url> ?url ; <{NG}contentHash> ?h }} }}"
    query = f"""SELECT ?v ?h {" ".join("?" + k for k in substitutions)} WHERE {{
        {{ GRAPH ?g {{ ?g <{NG}contentHash> ?h }} BIND(?g AS ?v) }} {same_url}
    }}"""
    return {row["v"]: row["h"].value for row in store.select(query, substitutions=substitutions)}


def is_stored(store: Store, article: Article) -> bool:
    """Whether a stored version (same id or URL) already has this article's text.

    Args:
        store: the store.
        article: the article.

    Returns:
        True when ingesting it would change nothing.

    >>> from graph.store import open_store
    >>> store = open_store("memory:")
    >>> store_extraction(store, Extraction(Article("a1", "Nothing happened.")), IngestReport())
    >>> is_stored(store, Article("a1", "Nothing happened.")), is_stored(store, Article("a1", "Something did."))
    (True, False)
    """
    return article.content_hash in stored_versions(store, article).values()


def ingest_article(store: Store, nlp: Any, article: Article, report: IngestReport) -> None:
    """Ingest one article, updating ``report``.

    An article whose text some stored version (same id or same URL) already has is skipped; a
    new text replaces every stored version, and the actors only they mentioned go.

    Args:
        store: the store.
        nlp: the spaCy pipeline (not used when the article is already stored).
        article: the article.
        report: the run's report, updated.

    Raises:
        InputError: for an article that may not be stored (empty, too large...).

    >>> from graph.store import open_store
    >>> store, report = open_store("memory:"), IngestReport()
    >>> store_extraction(store, Extraction(Article("a1", "Nothing happened.")), report)
    >>> ingest_article(store, None, Article("a1", "Nothing happened."), report)  # stored: not parsed again
    >>> report.articles, report.unchanged
    (1, 1)
    """
    validate_article(article, article.id)  # nothing of a bad record may reach the store
    if is_stored(store, article):
        report.unchanged += 1
        return
    from extract.pipeline import extract

    store_extraction(store, extract(nlp, article), report)


def store_extraction(store: Store, extraction: Extraction, report: IngestReport) -> None:
    """Write one article's records as one transaction, replacing its other versions; updates ``report``.

    Args:
        store: the store.
        extraction: the article's records (:func:`extract.pipeline.extract`).
        report: the run's report, updated.

    >>> from extract.records import Sentence
    >>> from graph.store import open_store
    >>> store, report = open_store("memory:"), IngestReport()
    >>> text = "Nothing happened. Nobody came."
    >>> sentences = [Sentence(0, 0, 17, text[:17]), Sentence(1, 18, 30, text[18:])]
    >>> store_extraction(store, Extraction(Article("a1", text), sentences, sentence_count=2), report)
    >>> store_extraction(store, Extraction(Article("a1", "Something else happened.")), report)  # a new text
    >>> report.articles, report.replaced, report.sentences
    (2, 1, 2)
    """
    article = extraction.article
    versions = stored_versions(store, article)
    if article.content_hash in versions.values():  # the same text came twice in one run
        report.unchanged += 1
        return
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
    _count(report, extraction, quads)


def _count(report: IngestReport, extraction: Extraction, quads: ArticleQuads) -> None:
    """Count a stored article into ``report``."""
    report.articles += 1
    report.sentences += extraction.sentence_count
    report.relations += len(extraction.relations)
    report.triples += len(quads.article) + len(quads.shared)
    report.words += len(extraction.article.text.split())


def undescribed(store: Store, shared: list[Quad]) -> list[Quad]:
    """``shared`` without the descriptions of actors and roles the actors graph already has.

    An actor is described once, when it first appears: a later article spelling an unknown name
    in another case, or typing it differently, adds its mention and names to its own graph but
    no second label or type.

    Args:
        store: the store.
        shared: the article's quads of the shared graphs (:class:`graph.mapping.ArticleQuads`).

    Returns:
        Those quads, less the descriptions already stored.

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


def ingest(
    store: Store,
    nlp: Any,
    inputs: Iterable[Article | InputError],
    progress: Progress | None = None,
    *,
    extractor: Extractor | None = None,
    batch_size: int | None = None,
) -> IngestReport:
    """Ingest a stream of articles; a failing input is reported and the batch goes on.

    Articles the store already holds are skipped before parsing; the others are parsed in batches
    of ``batch_size`` by ``extractor`` (default: ``nlp`` in this process) and each is written in
    its own transaction, in input order. Also loads the ontology and reference graphs when the
    store lacks them or they changed.

    Args:
        store: where the graph goes.
        nlp: the pipeline, when ``extractor`` is not given.
        inputs: articles and input errors, as :func:`extract.articles.read_articles` yields them.
        progress: called with each input once it is done, with its error or None.
        extractor: parses batches elsewhere (worker processes, a Dask cluster).
        batch_size: articles per batch (default: the pipeline's, 32; for an extractor with several
            workers, :data:`WORKER_BATCH_SIZE`).

    Returns:
        The :class:`IngestReport` of the run.

    >>> from extract.errors import InputError
    >>> from graph.store import open_store
    >>> report = ingest(open_store("memory:"), None, [InputError("empty.txt", "the file is empty")])
    >>> report.articles, [str(failure) for failure in report.failures]
    (0, ['empty.txt: the file is empty'])
    """
    from extract.parallel import InProcess

    started = time.perf_counter()
    run = _Run(store, progress)
    extractor = extractor or InProcess(nlp, batch_size or DEFAULT_BATCH_SIZE)
    size = batch_size or (DEFAULT_BATCH_SIZE if extractor.workers == 1 else WORKER_BATCH_SIZE)
    with ThreadPoolExecutor(1, thread_name_prefix="ingest-writer") as writer:
        # Writes go to one thread (so in input order), behind the parsing of the next batch: the store
        # works without the GIL, so the write of a batch overlaps the parse of the next. The static
        # graphs are its first write, while the first batch is parsed.
        pending: deque[Future] = deque([writer.submit(ensure_static_graphs, store)])
        for results in extractor.map(batched(run.to_parse(inputs), size, BATCH_CHARS)):
            pending.append(writer.submit(run.write, results))
            while len(pending) > WRITES_BEHIND:
                pending.popleft().result()  # a store error ends the run here
        pending.append(writer.submit(run.flush))
        while pending:
            pending.popleft().result()
    run.report.seconds = time.perf_counter() - started
    return run.report


class _Run:
    """One ingest's report and callbacks, shared by the reading thread and the writer (under a lock)."""

    def __init__(self, store: Store, progress: Progress | None) -> None:
        self.store = store
        self.report = IngestReport()
        self.progress = progress
        self.lock = threading.Lock()
        self.unflushed = 0

    def done(self, item: Article | NewsgraphError, error: NewsgraphError | None = None) -> None:
        with self.lock:
            if error is not None:
                log.warning("%s", error)
                self.report.failures.append(error)
            if self.progress is not None:
                self.progress(item, error)

    def to_parse(self, inputs: Iterable[Article | InputError]) -> Iterator[Article]:
        """The articles to parse: input errors are reported, articles already stored counted as unchanged."""
        for item in inputs:
            if isinstance(item, InputError):
                self.done(item, item)
            elif (invalid := _invalid(item)) is not None:
                self.done(item, invalid)  # nothing of a bad record may reach the store
            elif is_stored(self.store, item):
                with self.lock:
                    self.report.unchanged += 1
                self.done(item)
            else:
                yield item

    def write(self, results: list[Any]) -> None:
        """Store a parsed batch in input order; flush the store's buffers every :data:`FLUSH_EVERY`
        articles (flat memory).

        Where the store allows it (:attr:`~graph.store.Store.batch_writes`), consecutive new articles
        (no stored version, no graph of their IRI) go in one transaction: all of them or none, so a
        stop still leaves no half article. The others, and all articles of other stores, are written
        one transaction each.
        """
        group = _NewArticles(self.store)
        for result in results:
            if self.store.batch_writes and isinstance(result, Extraction) and group.add(result):
                continue
            self.commit(group)
            if not isinstance(result, Extraction):  # the pipeline failed on this article
                self.done(result, result)
            else:
                self.write_one(result)
        self.commit(group)
        self.unflushed += len(results)
        if self.unflushed >= FLUSH_EVERY:
            self.flush()

    def write_one(self, extraction: Extraction) -> None:
        """Store one article in its own transaction, replacing its other versions."""
        try:
            with self.lock:  # the report's counts; the writer is the only thread that writes
                store_extraction(self.store, extraction, self.report)
        except StoreFullError:
            raise  # every later article would fail alike: stop the batch
        except NewsgraphError as error:
            self.done(extraction.article, error)
        else:
            self.done(extraction.article)

    def commit(self, group: _NewArticles) -> None:
        """Write the articles of ``group`` in one transaction and empty it; when that fails, write them one
        by one, so that the error is put on the article that caused it."""
        if not group.items:
            return
        items, quads = group.take()
        try:
            self.store.add_quads(quads)
        except StoreFullError:
            raise
        except NewsgraphError:
            for extraction, _ in items:
                self.write_one(extraction)
            return
        with self.lock:
            for extraction, mapped in items:
                _count(self.report, extraction, mapped)
        for extraction, _ in items:
            self.done(extraction.article)

    def flush(self) -> None:
        if self.unflushed:
            self.store.flush()
            self.unflushed = 0


class _NewArticles:
    """Consecutive new articles of a batch, mapped and waiting to be written together.

    What each would find in the store had those before it been written already, it finds here: an
    actor or role those before it describe is not described again, and an id or URL among theirs
    sends the article the one-by-one way (a version to replace, or the same text twice).
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.items: list[tuple[Extraction, ArticleQuads]] = []
        self.quads: list[Quad] = []
        self.keys: set[tuple[str, str]] = set()
        self.described: set[Any] = set()

    def add(self, extraction: Extraction) -> bool:
        """Map ``extraction`` into the group; False (and nothing added) when it is not a new article."""
        article = extraction.article
        keys = {("id", article.id)} | ({("url", url_iri(article.url).value)} if article.url else set())
        if keys & self.keys or stored_versions(self.store, article):
            return False
        quads = article_quads(extraction)
        if self.store.has_graph(quads.graph):  # a graph of its IRI without a content hash: replaced one by one
            return False
        shared = [
            q
            for q in undescribed(self.store, quads.shared)
            if q.graph_name != ACTORS_GRAPH or q.subject not in self.described
        ]
        self.described.update(q.subject for q in shared if q.graph_name == ACTORS_GRAPH and q.predicate == RDFS_LABEL)
        self.keys |= keys
        self.items.append((extraction, quads))
        self.quads += quads.article
        self.quads += shared
        return True

    def take(self) -> tuple[list[tuple[Extraction, ArticleQuads]], list[Quad]]:
        """The articles and all their quads; the group is empty afterwards."""
        items, quads = self.items, self.quads
        self.items, self.quads, self.keys, self.described = [], [], set(), set()
        return items, quads


def _invalid(article: Article) -> InputError | None:
    try:
        validate_article(article, article.id)
    except InputError as error:
        return error
    return None


def remove_article(store: Store, value: str) -> bool:
    """Retract an article (IRI or id) and the actors only it mentioned; False if unknown.

    Args:
        store: the store.
        value: the article's id or IRI.

    Returns:
        Whether there was such an article.

    >>> from graph.store import open_store
    >>> store = open_store("memory:")
    >>> store_extraction(store, Extraction(Article("a1", "Nothing happened.")), IngestReport())
    >>> remove_article(store, "a1"), remove_article(store, "a1"), is_stored(store, Article("a1", "Nothing happened."))
    (True, False, False)
    """
    try:
        removed = store.drop_graph(article_reference(value))  # never a shared graph: see article_reference
    except NotFoundError:  # not even a valid IRI: certainly no article of this store
        return False
    if removed:
        collect_garbage(store)
    return removed


def collect_garbage(store: Store) -> None:
    """Delete what no article supports any more: actor descriptions no article mentions (keeping
    countries still referred to), roles nobody holds, surface predicates no relation uses.

    Args:
        store: the store.

    >>> from extract.records import Actor
    >>> from graph.mapping import actor_quads
    >>> from graph.store import open_store
    >>> store = open_store("memory:")
    >>> store.replace_graph(ACTORS_GRAPH, actor_quads([Actor("nato", "NATO", "ORG")]))  # mentioned nowhere
    >>> collect_garbage(store)
    >>> list(store.select("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"))
    []
    """
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


__all__ = [
    "FLUSH_EVERY",
    "WORKER_BATCH_SIZE",
    "IngestReport",
    "Progress",
    "collect_garbage",
    "ingest",
    "ingest_article",
    "is_stored",
    "remove_article",
    "store_extraction",
    "stored_versions",
    "undescribed",
]
