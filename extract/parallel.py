"""Extraction in other processes: worker processes on this machine, or the workers of a Dask cluster.

Each worker has the pipeline loaded once (local workers are forked from a server that loaded it for
all of them; Dask workers load it on their first task) and reads batches of articles into records; only articles
and records (plain picklable values) cross process boundaries, never spaCy documents, and the records
come back without the article's text, which the caller already holds. Results come
back in input order with a bounded number of batches in flight, so the caller writes the graph in
the same order as a single process would and holds a few batches at most, whatever the corpus size.
No store is touched here: the caller writes the records.
"""

from __future__ import annotations

import abc
import json
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from extract.errors import ExtractionError
from extract.records import Article, Extraction

Result = Extraction | ExtractionError
#: the environment variable by which :class:`ProcessPool` hands its fork server the pipeline to load
#: (read by :mod:`extract.fork_server`)
SPEC_VARIABLE = "NEWSGRAPH_FORK_SERVER_PIPELINE"
#: batches in flight per worker: one being parsed, one waiting, so that no worker idles
IN_FLIGHT_PER_WORKER = 2


@dataclass(frozen=True, slots=True)
class PipelineSpec:
    """What a worker needs to build the same pipeline as the caller: the model and component config."""

    model: str | None = None
    config: dict[str, dict[str, Any]] = field(default_factory=dict)
    batch_size: int = 32


_PIPELINES: dict[str, Any] = {}
#: for each pipeline of :data:`_PIPELINES`, the process that loaded it (a worker's fork server, or the worker)
_LOADED_BY: dict[str, int] = {}


def _pipeline(spec: PipelineSpec) -> Any:
    """The pipeline of ``spec``, loaded once per process (or inherited from the fork server)."""
    key = repr(spec)
    if key not in _PIPELINES:
        from extract.pipeline import load_pipeline

        _PIPELINES[key] = load_pipeline(spec.model, **spec.config)
        _LOADED_BY[key] = os.getpid()
    return _PIPELINES[key]


def loaded_by(spec: PipelineSpec) -> tuple[int, int | None]:
    """This process's id, and that of the process that loaded its pipeline of ``spec`` (None: not loaded).

    >>> import os
    >>> loaded_by(PipelineSpec(model="none")) == (os.getpid(), None)
    True
    """
    return os.getpid(), _LOADED_BY.get(repr(spec))


def warm_up(spec: PipelineSpec) -> int:
    """Load the pipeline in this process (a worker's start-up); returns the process id."""
    import os

    _pipeline(spec)
    return os.getpid()


def extract_articles(spec: PipelineSpec, articles: Sequence[Article]) -> list[Result]:
    """Read a batch of articles with this process's pipeline (the task workers run).

    The records go back without their article, which the caller has (:func:`rejoin`): the text
    would travel back pickled for nothing.
    """
    from extract.pipeline import extract_batch

    results = extract_batch(_pipeline(spec), articles, spec.batch_size)
    for result in results:
        if isinstance(result, Extraction):
            result.article = replace(result.article, text="")
    return results


def rejoin(articles: Sequence[Article], results: list[Result]) -> list[Result]:
    """Give the records of :func:`extract_articles` back their articles (the batch it was given).

    >>> article = Article("a1", "Nothing happened.")
    >>> [r.article == article for r in rejoin([article], [Extraction(Article("a1", ""))])]
    [True]
    """
    for article, result in zip(articles, results, strict=True):
        if isinstance(result, Extraction):
            if result.article.id != article.id:
                raise ExtractionError(f"a worker answered for {result.article.id}, not {article.id}")
            result.article = article
    return results


class Extractor(abc.ABC):
    """Turns batches of articles into their records, in order."""

    workers: int = 1

    @abc.abstractmethod
    def map(self, batches: Iterable[Sequence[Article]]) -> Iterator[list[Result]]:
        """The results of each batch, in the order of ``batches``."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Stop the workers."""

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class InProcess(Extractor):
    """Extraction in the calling process, with a pipeline it already has."""

    def __init__(self, nlp: Any, batch_size: int = 32) -> None:
        self.nlp = nlp
        self.batch_size = batch_size

    def map(self, batches):
        from extract.pipeline import extract_batch

        for batch in batches:
            yield extract_batch(self.nlp, batch, self.batch_size)


def _ordered(submit, batches: Iterable[Sequence[Article]], window: int) -> Iterator[list[Result]]:
    """Submit batches to :func:`extract_articles`, keeping at most ``window`` in flight, and yield
    their results in order, with their articles."""
    pending: deque[tuple[list[Article], Future]] = deque()
    for batch in batches:
        articles = list(batch)
        pending.append((articles, submit(articles)))
        if len(pending) >= window:
            articles, future = pending.popleft()
            yield rejoin(articles, future.result())
    while pending:
        articles, future = pending.popleft()
        yield rejoin(articles, future.result())


class ProcessPool(Extractor):
    """``workers`` processes on this machine, forked from a process that has loaded the pipeline once.

    The workers come from multiprocessing's fork server: a new single-threaded process that loads
    the pipeline (:mod:`extract.fork_server`) and forks each worker from itself, so the pipeline is
    loaded once for all of them, not once per worker. Nothing is forked from the caller, which may
    hold threads (a progress bar) and an open store that a child should not inherit. Where there is
    no fork server (not on Linux or macOS), each worker is spawned and loads its own.
    """

    def __init__(self, spec: PipelineSpec, workers: int) -> None:
        from concurrent.futures import ProcessPoolExecutor

        self.spec = spec
        self.workers = workers
        self._pool = ProcessPoolExecutor(workers, mp_context=_context(spec), initializer=warm_up, initargs=(spec,))
        # Start every worker now (the pool starts one per task submitted), from a thread: starting one
        # waits for the fork server to have loaded the pipeline (seconds), and meanwhile the caller
        # loads the store's static graphs and reads and checks the first articles.
        self._starting = threading.Thread(target=self._start_workers, name="worker-start", daemon=True)
        self._starting.start()

    def _start_workers(self) -> None:
        try:
            for _ in range(self.workers):
                self._pool.submit(int)
        except RuntimeError:  # closed meanwhile: nothing to start
            pass

    def map(self, batches):
        yield from _ordered(
            lambda b: self._pool.submit(extract_articles, self.spec, b),
            batches,
            self.workers * IN_FLIGHT_PER_WORKER,
        )

    def close(self):
        self._starting.join()
        self._pool.shutdown(wait=True, cancel_futures=True)
        _release_fork_server()


_FORK_SERVER_LOCK = threading.Lock()
_FORK_SERVER_USERS = 0


def _context(spec: PipelineSpec) -> Any:
    """The fork server's context, the server started with ``spec``'s pipeline loaded (``spawn`` where
    there is no fork server).

    The server is one per process: while a pool of another spec still uses it, a new pool's
    workers find the other pipeline there and load their own (same result, slower start).
    """
    import multiprocessing
    from multiprocessing import forkserver

    global _FORK_SERVER_USERS
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    with _FORK_SERVER_LOCK:
        if _FORK_SERVER_USERS == 0:
            # "__main__" (as by default): the caller's main module (the CLI) is imported once, not per worker
            forkserver.set_forkserver_preload(["__main__", "extract.fork_server"])
            os.environ[SPEC_VARIABLE] = json.dumps(asdict(spec))
            try:
                forkserver.ensure_running()
            finally:
                del os.environ[SPEC_VARIABLE]
        _FORK_SERVER_USERS += 1
    return multiprocessing.get_context("forkserver")


def _release_fork_server() -> None:
    """Stop the fork server when the last pool using it closes: the pipeline it holds is a few hundred
    MB, and the next pool may want another one. ``_stop`` is private to multiprocessing (its tests
    use it); without it the server ends with this process, as it would anyway."""
    from multiprocessing import forkserver

    global _FORK_SERVER_USERS
    with _FORK_SERVER_LOCK:
        if _FORK_SERVER_USERS == 0:
            return  # a spawn pool
        _FORK_SERVER_USERS -= 1
        stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
        if _FORK_SERVER_USERS == 0 and stop is not None:
            stop()


class DaskPool(Extractor):
    """The workers of a Dask distributed cluster: a scheduler address, or a ``distributed.Client``.

    Every worker needs newsgraph and the spaCy model installed; each loads the pipeline on its first task.
    """

    def __init__(self, spec: PipelineSpec, scheduler: str | Any) -> None:
        try:
            from distributed import Client
        except ImportError as error:  # pragma: no cover - depends on the installation
            raise ExtractionError("--scheduler needs Dask distributed: pip install 'newsgraph[distributed]'") from error
        self.spec = spec
        self._own = isinstance(scheduler, str)
        try:
            self.client: Any = Client(scheduler, timeout=30) if isinstance(scheduler, str) else scheduler
        except OSError as error:
            raise ExtractionError(f"cannot reach the Dask scheduler {scheduler}: {error}") from error
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def map(self, batches):
        # pure=False: the same batch submitted twice (a re-run) is parsed again, not served from memory
        yield from _ordered(
            lambda b: self.client.submit(extract_articles, self.spec, b, pure=False),
            batches,
            self.workers * IN_FLIGHT_PER_WORKER,
        )

    def close(self):
        if self._own:
            self.client.close()


__all__ = [
    "DaskPool",
    "Extractor",
    "InProcess",
    "PipelineSpec",
    "ProcessPool",
    "Result",
    "extract_articles",
    "loaded_by",
    "rejoin",
    "warm_up",
]
