"""Run SPARQL queries with a timeout that really stops them.

pyoxigraph cannot cancel a query once it runs, so :class:`ProcessExecutor` runs each query in one
of a few worker processes (``graph/query_worker.py``) over a read-only snapshot of an on-disk
store, and kills the worker when the time is up: the CPU is freed, a fresh worker takes its place,
and other queries keep being answered by the remaining workers meanwhile.

Snapshots are RocksDB checkpoints (``pyoxigraph.Store.backup``: hard links, milliseconds). A
read-only instance does not see commits made after it was opened, and opening one while another
process writes is undefined behaviour; so after every write the writer calls :meth:`refresh`,
which makes a new snapshot that workers switch to on their next query.

Stores that are not on disk (``memory:``) fall back to :class:`ThreadExecutor`: the client gets
its timeout error in time, but the query runs on to its end in a thread.

>>> from graph.store import open_store
>>> with open_store("memory:") as store, executor_for(store) as run:
...     run.query(QueryJob("ASK { }")).body
b'{"head":{},"boolean":true}'
"""

from __future__ import annotations

import logging
import os
import pickle
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, fields
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from graph import query_worker, relation_reader
from graph.errors import (
    NotAcceptableError,
    NotFoundError,
    QueryError,
    QueryTimeoutError,
    ResultTooLargeError,
    StoreError,
)
from graph.store import OxigraphStore, Store
from graph.terms import QUERY_PREFIXES

log = logging.getLogger(__name__)
#: the folder holding the ``graph`` package: a worker imports it from there, installed or not
PACKAGE_ROOT = str(Path(query_worker.__file__).resolve().parent.parent)
#: a worker runs isolated (``-I``: no user site, no environment, no current folder on ``sys.path``)
WORKER_COMMAND = ("-I", "-c", f"import sys; sys.path.insert(0, {PACKAGE_ROOT!r}); "
                  "from graph.query_worker import main; main()")


@dataclass(frozen=True, slots=True)
class QueryJob:
    """One SPARQL query with its dataset and the media types to answer each kind of result in."""

    sparql: str
    default_graph: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    solutions_media: str | None = "application/sparql-results+json"
    graph_media: str | None = "text/turtle"
    base_iri: str | None = None  # relative IRIs in the query resolve against it


@dataclass(frozen=True, slots=True)
class RelationsJob:
    """One page of an actor's relations, as the REST API's JSON document (see ``graph/relation_reader.py``).

    ``actor`` is ``("iri", IRI, the id asked for)`` or ``("qid", "Q7747", "Q7747")``; ``article`` is
    ``(graph IRI, the id asked for)``; ``event_type`` is a PLOVER category IRI. Values are terms' text, never query
    text.
    """

    actor: tuple[str, str, str]
    direction: str = "both"
    event_type: str | None = None
    predicate: str | None = None
    since: str | None = None
    until: str | None = None
    article: tuple[str, str] | None = None
    asserted_only: bool = False
    min_confidence: float | None = None
    limit: int = 100
    offset: int = 0

    def request(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class QueryAnswer:
    kind: str  # "solutions", "boolean", "graph" or "json"
    media_type: str
    body: bytes


def _message(job: QueryJob | RelationsJob, max_result_bytes: int) -> tuple[str, object]:
    """A job as the worker protocol's operation and arguments."""
    if isinstance(job, RelationsJob):
        return "actor-relations", job.request()
    return "sparql", (job.sparql, job.default_graph, job.named_graphs, job.solutions_media, job.graph_media,
                      max_result_bytes, QUERY_PREFIXES, job.base_iri)


def _raise(kind: str, message: str) -> None:
    if kind in ("syntax", "evaluation"):
        raise QueryError(message)
    if kind == "too-large":
        raise ResultTooLargeError(message)
    if kind == "not-acceptable":
        raise NotAcceptableError(f"no acceptable format for this query's {message} result")
    if kind == "not-found":
        raise NotFoundError(message)
    raise StoreError(message)


class Executor:
    """Runs read queries with a timeout and a result-size limit."""

    #: whether a query past its timeout is really stopped (or only abandoned, running on to its end)
    stops_runaway_queries: bool = False

    def __init__(self, store: Store, timeout: float = 10.0, max_result_bytes: int = 50_000_000) -> None:
        self.store = store
        self.timeout = timeout
        self.max_result_bytes = max_result_bytes

    def query(self, job: QueryJob | RelationsJob, timeout: float | None = None) -> QueryAnswer:
        """Answer ``job`` serialised.

        Raises:
            QueryError: on a syntax or evaluation error.
            NotFoundError: when a relations job names an unknown actor or article.
            QueryTimeoutError: when it takes longer than ``timeout`` seconds (default: the executor's).
            ResultTooLargeError: when the serialised answer outgrows ``max_result_bytes``.
            NotAcceptableError: when the result kind has no media type in ``job``.
        """
        raise NotImplementedError

    async def aquery(self, job: QueryJob | RelationsJob, timeout: float | None = None) -> QueryAnswer:
        """:meth:`query` for an event loop (the same errors)."""
        import asyncio

        return await asyncio.to_thread(self.query, job, timeout)

    def refresh(self) -> None:
        """Make later queries see what was written so far."""

    def close(self) -> None:
        """Stop the workers."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class ThreadExecutor(Executor):
    """In-process fallback: the timeout answers the client, but cannot stop the query."""

    stops_runaway_queries = False

    def __init__(self, store: Store, timeout: float = 10.0, max_result_bytes: int = 50_000_000,
                 workers: int = 4) -> None:
        super().__init__(store, timeout, max_result_bytes)
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="sparql")

    def query(self, job, timeout=None):
        future = self._pool.submit(self._run, job)
        try:
            return future.result(timeout or self.timeout)
        except FutureTimeout:
            raise QueryTimeoutError(f"the query ran longer than {timeout or self.timeout:g} s") from None

    def _run(self, job: QueryJob | RelationsJob) -> QueryAnswer:
        import pyoxigraph as ox

        if isinstance(job, RelationsJob):
            from graph.queries import actor_relations_document

            return QueryAnswer("json", "application/json", actor_relations_document(self.store, job.request()))
        result = self.store.query(job.sparql, default_graph=[ox.NamedNode(g) for g in job.default_graph] or None,
                                  named_graphs=[ox.NamedNode(g) for g in job.named_graphs] or None,
                                  base_iri=job.base_iri)
        # Reuse the worker's serialiser: same formats, same size limit.
        outcome = query_worker.serialize(result, job.solutions_media, job.graph_media, self.max_result_bytes)
        if outcome[0] == "error":
            _raise(outcome[1], outcome[2])
        return QueryAnswer(*outcome[1:])

    def close(self):
        self._pool.shutdown(wait=False, cancel_futures=True)


class _Worker:
    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, *WORKER_COMMAND], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE)
        assert self.process.stdin is not None and self.process.stdout is not None  # both are pipes
        self.input: IO[bytes] = self.process.stdin
        self.output: IO[bytes] = self.process.stdout
        self.snapshot: str | None = None

    def send(self, message) -> None:
        pickle.dump(message, self.input)
        self.input.flush()

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()


class ProcessExecutor(Executor):
    """Queries in ``workers`` killable processes over snapshots of an on-disk Oxigraph store."""

    stops_runaway_queries = True

    def __init__(self, store: OxigraphStore, timeout: float = 10.0, max_result_bytes: int = 50_000_000,
                 workers: int = 2) -> None:
        if store.path is None:
            raise ValueError("a process executor needs an on-disk store")
        super().__init__(store, timeout, max_result_bytes)
        self._root = Path(tempfile.mkdtemp(prefix=f".{store.path.name}-snapshots-", dir=store.path.parent))
        self._lock = threading.Lock()
        self._generation = 0
        self._snapshot = ""
        # Last in, first out: a lone client keeps meeting the worker whose caches its last query warmed.
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._workers: list[_Worker] = []
        self._dirty = False
        self._local: tuple[str, ox.Store] | None = None  # (snapshot, read-only store) for _inline
        self._watch(store)
        self.refresh()
        for _ in range(workers):
            self._add_worker()

    def _watch(self, store: OxigraphStore) -> None:
        """Mark the snapshot stale after any write through ``store``, including writes that do not go
        through the API (an ingest in the same process); the next query then takes a new snapshot."""

        def stale() -> None:
            self._dirty = True

        store.add_write_listener(stale)

    def _current_snapshot(self) -> str:
        if self._dirty:
            self._dirty = False  # before the checkpoint: a write during it marks it stale again
            self.refresh()
        with self._lock:
            return self._snapshot

    def _add_worker(self) -> None:
        worker = _Worker()
        with self._lock:
            self._workers.append(worker)
        self._idle.put(worker)

    def refresh(self):
        with self._lock:
            self._generation += 1
            target = self._root / str(self._generation)
            try:
                self.store.backup(target)
            except StoreError as error:
                raise StoreError(f"cannot snapshot the store: {error}") from error
            self._snapshot = str(target)
            self._collect()

    def _collect(self) -> None:
        """Delete snapshots that are neither current nor open in a worker."""
        used = {w.snapshot for w in self._workers} | {self._snapshot} | {self._local[0] if self._local else None}
        for path in self._root.iterdir():
            if str(path) not in used:
                shutil.rmtree(path, ignore_errors=True)

    def query(self, job, timeout=None):
        limit = timeout or self.timeout
        deadline = time.monotonic() + limit
        try:
            worker = self._idle.get(timeout=limit)
        except queue.Empty:
            raise QueryTimeoutError(f"no query worker became free within {limit:g} s") from None
        try:
            self._send(worker, job)
            outcome = self._receive(worker, deadline, limit)
        except BaseException:
            self._replace(worker)
            raise
        return self._finish(worker, outcome)

    #: an actor with at most this many relations is answered in the server process (see :meth:`_inline`)
    INLINE_RELATIONS = 16

    def _inline(self, job: RelationsJob) -> QueryAnswer | None:
        """Answer a small relations job right here, from a read-only view of the current snapshot.

        Most actors have a handful of relations: a few index lookups, well under a millisecond,
        less than the round trip to a worker process (which, on a busy machine, also waits for the
        scheduler). Beyond ``INLINE_RELATIONS`` (or for a page that would need more) the reader
        gives up after as many lookups, and the job goes to a worker, bounded by the timeout.
        """
        snapshot = self._current_snapshot()
        with self._lock:
            if self._local is None or self._local[0] != snapshot:
                self._local = (snapshot, ox.Store.read_only(snapshot))
            store = self._local[1]
        try:
            body = relation_reader.actor_relations_json(store, job.request(), max_relations=self.INLINE_RELATIONS)
        except relation_reader.TooMany:
            return None
        except relation_reader.NotFound as error:
            raise NotFoundError(str(error)) from None
        except OSError as error:
            raise StoreError(str(error)) from error
        return QueryAnswer("json", "application/json", body)

    async def aquery(self, job, timeout=None):
        if isinstance(job, RelationsJob):
            answer = self._inline(job)
            if answer is not None:
                return answer
        # No thread per query: wait for the worker's pipe on the event loop itself.
        import asyncio

        loop = asyncio.get_running_loop()
        limit = timeout or self.timeout
        deadline = time.monotonic() + limit
        try:
            worker = self._idle.get_nowait()
        except queue.Empty:
            try:
                worker = await loop.run_in_executor(None, self._idle.get, True, limit)
            except queue.Empty:
                raise QueryTimeoutError(f"no query worker became free within {limit:g} s") from None
        out = worker.output
        ready = loop.create_future()
        try:
            self._send(worker, job)
            loop.add_reader(out.fileno(), lambda: ready.done() or ready.set_result(None))
            try:
                await asyncio.wait_for(ready, max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                raise QueryTimeoutError(f"the query ran longer than {limit:g} s and was stopped") from None
            finally:
                loop.remove_reader(out.fileno())
                os.set_blocking(out.fileno(), True)  # uvloop made it non-blocking; the answer is read whole
            try:
                outcome = pickle.load(out)
            except (EOFError, pickle.UnpicklingError) as error:
                raise StoreError(f"the query worker died (exit code {worker.process.poll()})") from error
        except BaseException:
            self._replace(worker)
            raise
        return self._finish(worker, outcome)

    def _send(self, worker: _Worker, job: QueryJob | RelationsJob) -> None:
        snapshot = self._current_snapshot()
        worker.send((snapshot, *_message(job, self.max_result_bytes)))
        worker.snapshot = snapshot

    def _finish(self, worker: _Worker, outcome: tuple) -> QueryAnswer:
        """Return a worker that answered to the pool, and its answer (or its error) to the caller."""
        self._idle.put(worker)
        if outcome[0] == "error":
            _raise(outcome[1], outcome[2])
        return QueryAnswer(*outcome[1:])

    def _receive(self, worker: _Worker, deadline: float, limit: float):
        import select

        # One answer per job, so nothing is ever buffered ahead of select(): the pipe says when it starts.
        out = worker.output
        ready, _, _ = select.select([out], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise QueryTimeoutError(f"the query ran longer than {limit:g} s and was stopped")
        try:
            return pickle.load(out)
        except (EOFError, pickle.UnpicklingError) as error:
            raise StoreError(f"the query worker died (exit code {worker.process.poll()})") from error

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._workers.remove(worker)
        self._add_worker()

    @property
    def pids(self) -> list[int]:
        return [w.process.pid for w in self._workers]

    def close(self):
        with self._lock:
            workers, self._workers = self._workers, []
        idle = set()
        while not self._idle.empty():
            idle.add(self._idle.get_nowait())
        for worker in workers:
            if worker not in idle:  # busy with a query: stopping must not wait for it
                worker.kill()
                continue
            worker.input.close()
            try:
                worker.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                worker.kill()
        self._local = None
        shutil.rmtree(self._root, ignore_errors=True)


def executor_for(store: Store, timeout: float = 10.0, max_result_bytes: int = 50_000_000,
                 workers: int = 2) -> Executor:
    """A process executor for an on-disk Oxigraph store, else the in-process fallback.

    Args:
        store: the store to query.
        timeout: default seconds a query may run.
        max_result_bytes: largest serialised answer.
        workers: worker processes (or threads for the fallback).

    Returns:
        An :class:`Executor`; close it (or use it as a context manager) to stop its workers.
    """
    if isinstance(store, OxigraphStore) and store.path is not None:
        return ProcessExecutor(store, timeout, max_result_bytes, workers)
    return ThreadExecutor(store, timeout, max_result_bytes, max(workers, 2))


__all__ = ["Executor", "ProcessExecutor", "QueryAnswer", "QueryJob", "RelationsJob", "ThreadExecutor", "executor_for"]
