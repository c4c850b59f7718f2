"""Run SPARQL queries with a timeout that really stops them.

pyoxigraph cannot cancel a query once it runs, so :class:`ProcessExecutor` runs each query in one
of a few worker processes (``graph/query_worker.py``) over a read-only snapshot of an on-disk
store, and kills the worker when the time is up: the CPU is freed, a fresh worker takes its place,
and other queries keep being answered by the remaining workers meanwhile.

Snapshots are RocksDB checkpoints (``pyoxigraph.Store.backup``: hard links, milliseconds). A
read-only instance does not see commits made after it was opened, and opening one while another
process writes is undefined behaviour; so after every write the writer calls :meth:`refresh`,
which makes a new snapshot that workers switch to on their next query, and opens the server's own
view of it: the write pays for freshness, so reads never wait for a view.

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
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from graph import query_worker, relation_reader
from graph.admission import FAST, GENERAL, WorkerPool, is_cheap
from graph.bounded import bounded
from graph.errors import (
    NotAcceptableError,
    NotFoundError,
    QueryError,
    QueryMemoryError,
    QueryTimeoutError,
    ResultTooLargeError,
    StoreError,
)
from graph.snapshots import Snapshots
from graph.store import OxigraphStore, Store
from graph.terms import QUERY_PREFIXES

log = logging.getLogger(__name__)
#: the folder holding the ``graph`` package: a worker imports it from there, installed or not
PACKAGE_ROOT = str(Path(query_worker.__file__).resolve().parent.parent)
#: a worker runs isolated (``-I``: no user site, no environment, no current folder on ``sys.path``)
WORKER_COMMAND = (
    "-I",
    "-c",
    f"import sys; sys.path.insert(0, {PACKAGE_ROOT!r}); from graph.query_worker import main; main()",
)


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
    ``(graph IRI, the id asked for)``; ``event_type`` is a PLOVER category IRI. Values are terms' text, never
    query text.
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
    """A serialised answer: ``body`` in memory, or, for a large one, the spool ``file`` it was
    written to (the caller streams it and deletes it: see :meth:`read`, ``api/streaming.py``)."""

    kind: str  # "solutions", "boolean", "graph" or "json"
    media_type: str
    body: bytes
    file: str | None = None

    def read(self) -> bytes:
        """The whole answer; a spooled one is read and deleted."""
        if self.file is None:
            return self.body
        try:
            return Path(self.file).read_bytes()
        finally:
            os.unlink(self.file)


def _message(job: QueryJob | RelationsJob, max_result_bytes: int, spool: str | None) -> tuple[str, object]:
    """A job as the worker protocol's operation and arguments."""
    if isinstance(job, RelationsJob):
        return "actor-relations", job.request()
    return "sparql", (
        job.sparql,
        job.default_graph,
        job.named_graphs,
        job.solutions_media,
        job.graph_media,
        max_result_bytes,
        QUERY_PREFIXES,
        job.base_iri,
        spool,
    )


def _answer(outcome: tuple) -> QueryAnswer:
    """A worker's answer tuple as an answer, or its error raised."""
    if outcome[0] == "error":
        _raise(outcome[1], outcome[2])
    return QueryAnswer(outcome[1], outcome[2], outcome[3], outcome[4])


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

    @contextmanager
    def reader(self) -> Iterator[Store]:
        """A store to read at length (an export): a leased snapshot where there are snapshots."""
        yield self.store

    def close(self) -> None:
        """Stop the workers."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class ThreadExecutor(Executor):
    """In-process fallback: the timeout answers the client, but cannot stop the query."""

    stops_runaway_queries = False

    def __init__(
        self, store: Store, timeout: float = 10.0, max_result_bytes: int = 50_000_000, workers: int = 4
    ) -> None:
        super().__init__(store, timeout, max_result_bytes)
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="sparql")
        self._spool: str | None = None  # made at the first answer: one that answers nothing leaves no folder
        self._spool_lock = threading.Lock()

    def query(self, job, timeout=None):
        future = self._pool.submit(self._run, job)
        try:
            return future.result(timeout or self.timeout)
        except FutureTimeout:
            raise QueryTimeoutError(f"the query ran longer than {timeout or self.timeout:g} s") from None

    def _run(self, job: QueryJob | RelationsJob) -> QueryAnswer:
        if isinstance(job, RelationsJob):
            from graph.queries import actor_relations_document

            return QueryAnswer("json", "application/json", actor_relations_document(self.store, job.request()))
        result = self.store.query(
            job.sparql,
            default_graph=[ox.NamedNode(g) for g in job.default_graph] or None,
            named_graphs=[ox.NamedNode(g) for g in job.named_graphs] or None,
            base_iri=job.base_iri,
        )
        # Reuse the worker's serialiser: same formats, same size limit, large answers spooled alike.
        spool = os.path.join(self._spool_folder(), uuid.uuid4().hex)
        return _answer(
            query_worker.serialize(result, job.solutions_media, job.graph_media, self.max_result_bytes, spool)
        )

    def _spool_folder(self) -> str:
        with self._spool_lock:
            if self._spool is None:
                self._spool = tempfile.mkdtemp(prefix="newsgraph-spool-")
            return self._spool

    def close(self):
        self._pool.shutdown(wait=False, cancel_futures=True)
        with self._spool_lock:
            if self._spool is not None:
                shutil.rmtree(self._spool, ignore_errors=True)


#: how much nicer than the server a general-lane worker runs: a heavy query must not take the CPU
#: the event loop needs for /healthz, streaming and the queries it answers itself
GENERAL_NICENESS = 5


class _Worker:
    def __init__(self, lane: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, *WORKER_COMMAND], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        if lane == GENERAL:
            _nicer(self.process.pid, GENERAL_NICENESS)
        self.jobs: IO[bytes] = self.process.stdin
        self.answers: IO[bytes] = self.process.stdout
        self.lane = lane
        self.snapshot: str | None = None  # the snapshot it has open, leased
        self.over_memory = False  # set by the memory watchdog before it kills the process

    def send(self, message) -> None:
        pickle.dump(message, self.jobs)
        self.jobs.flush()

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()


def _generation(snapshot: str | None) -> int:
    """A snapshot folder's number (``graph/snapshots.py`` names them 1, 2, ...): later ones are newer."""
    return int(Path(snapshot).name) if snapshot else 0


def _nicer(pid: int, steps: int) -> None:
    """Lower a child's scheduling priority by ``steps`` below this process's (from here, not in the
    child: ``preexec_fn`` is unsafe in a threaded server)."""
    try:
        os.setpriority(os.PRIO_PROCESS, pid, min(19, os.getpriority(os.PRIO_PROCESS, 0) + steps))
    except OSError as error:  # the child is gone already: its first query will say so
        log.warning("cannot lower the priority of query worker %d: %s", pid, error)


def anonymous_rss(pid: int) -> int:
    """Bytes of private memory a process uses (its heap: not the store files it maps), 0 if unknown."""
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"RssAnon:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


class ProcessExecutor(Executor):
    """Queries in killable processes over snapshots of an on-disk Oxigraph store.

    ``workers`` general workers take any query; ``fast_workers`` more take only queries that look
    cheap (``graph/admission.py``), each for at most ``fast_budget`` seconds before it moves to the
    general lane; at most ``max_waiting`` heavy queries wait for a general worker. A worker whose
    private memory exceeds ``max_memory`` bytes is killed, and its query answered with
    :class:`QueryMemoryError`.
    """

    stops_runaway_queries = True
    #: seconds between two looks at the workers' memory
    WATCH_INTERVAL = 0.05

    def __init__(
        self,
        store: OxigraphStore,
        timeout: float = 10.0,
        max_result_bytes: int = 50_000_000,
        workers: int = 2,
        *,
        fast_workers: int = 1,
        fast_budget: float = 0.5,
        max_waiting: int = 16,
        max_memory: int = 512_000_000,
    ) -> None:
        if store.path is None:
            raise ValueError("a process executor needs an on-disk store")
        super().__init__(store, timeout, max_result_bytes)
        self.snapshots = Snapshots(store)
        self._root = self.snapshots.root
        self.fast_budget = fast_budget
        self.max_memory = max_memory
        self._lock = threading.Lock()
        self._pool = WorkerPool(max_waiting)
        self._workers: list[_Worker] = []
        self._dirty = False
        self._retry_at = 0.0
        self._views: dict[str, tuple[OxigraphStore, int]] = {}  # snapshot -> (shared view, readers) for reader()
        self._local: tuple[str, ox.Store] | None = None  # (leased snapshot, read-only view) for _inline
        self._retired: list[str] = []  # leased snapshots of replaced views, released when no answer runs
        self._opener = ThreadPoolExecutor(1, thread_name_prefix="snapshot-view")
        self._refreshed = threading.Condition()  # guards the three counters below
        self._wanted = 0  # refreshes asked for (each after a write)
        self._made = 0  # of those, how many a finished refresh covers
        self._refreshing = False  # a refresh loop runs in the opener thread
        self._answering = 0  # in-process answers running on the event loop (0 or 1: none yields)
        self._closed = threading.Event()
        self._watch(store)
        for lane, count in ((GENERAL, workers), (FAST, fast_workers)):
            for _ in range(count):
                self._add_worker(lane)
        threading.Thread(target=self._watch_memory, name="query-memory", daemon=True).start()

    def _watch(self, store: OxigraphStore) -> None:
        """Mark the snapshot stale after any write through ``store``, including writes that do not go
        through the API (an ingest in the same process); the next query then starts a refresh in the
        background, and reads on from the latest open view meanwhile."""

        def stale() -> None:
            self._dirty = True

        store.add_write_listener(stale)

    def _watch_memory(self) -> None:
        while not self._closed.wait(self.WATCH_INTERVAL):
            for worker in list(self._workers):
                if anonymous_rss(worker.process.pid) > self.max_memory:
                    worker.over_memory = True
                    worker.process.kill()  # its query's caller sees the pipe close

    #: seconds before a snapshot that could not be made is tried again
    RETRY_SNAPSHOT = 5.0

    def _fresh(self) -> None:
        """Start a refresh in the background if something was written since the last one."""
        if self._dirty and time.monotonic() >= self._retry_at:
            self._ask_refresh()

    def _add_worker(self, lane: str) -> None:
        worker = _Worker(lane)
        with self._lock:
            self._workers.append(worker)
        self._pool.put(worker, lane)

    def refresh(self):
        """A new snapshot and the server's view of it, made after this call: once it returns, every
        query sees what was written before it (read-your-writes for a client answered after it).
        Concurrent calls share one refresh. When a snapshot cannot be made (a full disk), queries go
        on from the last one."""
        ticket = self._ask_refresh()
        with self._refreshed:
            self._refreshed.wait_for(lambda: self._made >= ticket or self._closed.is_set())

    def _ask_refresh(self) -> int:
        """Ask for a refresh that starts after this call; return its ticket (see :meth:`refresh`)."""
        with self._refreshed:
            self._wanted += 1
            if not self._refreshing and not self._closed.is_set():
                self._refreshing = True
                self._opener.submit(self._refresh_while_wanted)
            return self._wanted

    def _refresh_while_wanted(self) -> None:
        """Refresh until no ticket is left (in the opener thread): tickets asked for while one refresh
        runs are all covered by the next, so a burst of writes costs two refreshes, not one each."""
        while True:
            with self._refreshed:
                if self._made >= self._wanted or self._closed.is_set():
                    self._refreshing = False
                    self._refreshed.notify_all()
                    return
                target = self._wanted
            try:
                self._renew()
            except Exception:  # a thread has no caller to answer: log it, and let a later read try again
                log.exception("cannot refresh the server's snapshot view")
                self._dirty = True
                self._retry_at = time.monotonic() + self.RETRY_SNAPSHOT
            with self._refreshed:
                self._made = target
                self._refreshed.notify_all()

    def _renew(self) -> None:
        """A new snapshot, then the server's view of the current one."""
        self._dirty = False  # before the checkpoint: a write during it marks it stale again
        try:
            self.snapshots.refresh()
        except StoreError as error:
            self._dirty = True  # try again a little later
            self._retry_at = time.monotonic() + self.RETRY_SNAPSHOT
            log.warning("queries answer from the previous snapshot: %s", error)
        if self._local is None or _generation(self._local[0]) < _generation(self.snapshots.current):
            self._open_current()

    def lease_fresh(self) -> str | None:
        """A lease on a snapshot that holds every write whose listeners ran before this call (after a
        refresh when one is due or running: a running one may predate the write), or None when that
        cannot be had now (a full disk, or a write meanwhile). For a reader in another process
        (``api/read_processes.py``); give it back with ``snapshots.release``."""
        with self._refreshed:
            due = self._dirty or self._refreshing
        if due:
            self.refresh()
            if self._dirty:
                return None
        return self.snapshots.acquire()

    @contextmanager
    def reader(self) -> Iterator[Store]:
        """A leased snapshot; concurrent readers of one snapshot share one view of it (and so its
        block cache and file handles: four exports cost the memory of one)."""
        with self.snapshots.lease() as path:
            with self._lock:
                view, users = self._views.get(path, (None, 0))
                if view is None:
                    view = OxigraphStore(path, f"oxigraph:{path}", read_only=True)
                self._views[path] = (view, users + 1)
            try:
                yield view
            finally:
                with self._lock:
                    view, users = self._views.pop(path)
                    if users > 1:
                        self._views[path] = (view, users - 1)

    def query(self, job, timeout=None):
        limit = timeout or self.timeout
        deadline = time.monotonic() + limit
        worker, _ = self._pool.get(False, limit)
        try:
            self._send(worker, job)
            outcome = self._receive(worker, deadline, limit)
        except BaseException:
            self._replace(worker)
            raise
        return self._finish(worker, outcome)

    #: an actor with at most this many relations is answered in the server process (see :meth:`_inline`)
    INLINE_RELATIONS = 16

    def _inline(self, job: RelationsJob, store: ox.Store) -> QueryAnswer | None:
        """Answer a small relations job right here, from the server's view of the current snapshot.

        Most actors have a handful of relations: a few index lookups, well under a millisecond,
        less than the round trip to a worker process (which, on a busy machine, also waits for the
        scheduler). Beyond ``INLINE_RELATIONS`` (or for a page that would need more) the reader
        gives up after as many lookups, and the job goes to a worker, bounded by the timeout.
        """
        try:
            body = relation_reader.actor_relations_json(store, job.request(), max_relations=self.INLINE_RELATIONS)
        except relation_reader.TooMany:
            return None
        except relation_reader.NotFound as error:
            raise NotFoundError(str(error)) from None
        except OSError as error:
            raise StoreError(str(error)) from error
        return QueryAnswer("json", "application/json", body)

    def _inline_query(self, job: QueryJob, store: ox.Store) -> QueryAnswer | None:
        """Answer a query of bounded cost (:func:`graph.bounded.bounded`) right here, as for
        :meth:`_inline`; an answer larger than ``query_worker.INLINE_BYTES`` is not held here but
        left to a worker, which spools it."""
        if job.default_graph or job.named_graphs or not bounded(job.sparql):
            return None
        limit = min(self.max_result_bytes, query_worker.INLINE_BYTES)
        outcome = query_worker.answer_query(
            store,
            job.sparql,
            (),
            (),
            job.solutions_media,
            job.graph_media,
            limit,
            QUERY_PREFIXES,
            job.base_iri,
        )
        if outcome[0] == "error" and outcome[1] == "too-large":
            return None
        return _answer(outcome)

    def _open_current(self) -> None:
        """Open a view of the current snapshot and make it the server's (in the opener thread). The
        view it replaces is released at once if no in-process answer runs, else retired: released
        when that answer ends (see :meth:`aquery`)."""
        snapshot = self.snapshots.acquire()
        try:
            view = ox.Store.read_only(snapshot)
        except BaseException:
            self.snapshots.release(snapshot)
            raise
        with self._lock:
            old, self._local = self._local, (snapshot, view)  # one opener thread: never older than the last
            if old is not None:
                self._retired.append(old[0])
        if not self._answering:
            self._release_retired()

    def _release_retired(self) -> None:
        with self._lock:
            retired, self._retired = self._retired, []
        for snapshot in retired:
            self.snapshots.release(snapshot)

    async def _view(self) -> ox.Store:
        """The server's read-only view of the latest snapshot, for in-process relation reads (many
        lookups, which must all see one state of the store). A read never waits for a new view (20-40
        ms to open on a 1M-quad store): a write through the API is answered only once its view is
        open (:meth:`refresh`), and after an outside write the refresh runs in the background while
        reads go on from the view before it. Only the first read waits, for the first view."""
        import asyncio

        self._fresh()
        if self._local is None:
            await asyncio.to_thread(self.refresh)
        if self._local is None:  # the refresh logged why
            raise StoreError("no view of the store's snapshot could be opened")
        return self._local[1]

    async def aquery(self, job, timeout=None):
        # A bounded SPARQL query reads the live store: one query is one consistent RocksDB snapshot
        # (every write but a bulk load of reference data is one transaction), as fresh as the last write.
        if isinstance(job, RelationsJob):
            await self._view()
        self._answering += 1  # before a view is taken: the opener thread looks at it after a swap
        try:
            if isinstance(job, RelationsJob):
                answer = self._inline(job, self._local[1])  # _view made it
            else:
                answer = self._inline_query(job, self.store.raw)
        finally:
            self._answering -= 1
            if not self._answering and self._retired:
                self._opener.submit(self._release_retired)
        if answer is not None:
            return answer
        limit = timeout or self.timeout
        deadline = time.monotonic() + limit
        cheap = isinstance(job, RelationsJob) or is_cheap(job.sparql)
        worker, lane = await self._pool.aget(cheap, limit)
        if lane == FAST:
            try:
                return await self._arun(worker, job, min(self.fast_budget, deadline - time.monotonic()), limit)
            except QueryTimeoutError:
                if deadline - time.monotonic() <= 0:
                    raise
            # It was not cheap after all: the rest of its time in the general lane, behind the heavy ones.
            worker, lane = await self._pool.aget(False, max(0.0, deadline - time.monotonic()))
        return await self._arun(worker, job, max(0.0, deadline - time.monotonic()), limit)

    async def _arun(self, worker: _Worker, job: QueryJob | RelationsJob, seconds: float, limit: float) -> QueryAnswer:
        """Run ``job`` on ``worker`` for at most ``seconds``; no thread per query: the worker's pipe
        is awaited on the event loop itself."""
        import asyncio

        loop = asyncio.get_running_loop()
        out = worker.answers
        ready: asyncio.Future[None] = loop.create_future()

        def answered() -> None:
            if not ready.done():
                ready.set_result(None)

        try:
            self._send(worker, job)
            loop.add_reader(out.fileno(), answered)
            try:
                await asyncio.wait_for(ready, seconds)
            except TimeoutError:
                raise QueryTimeoutError(f"the query ran longer than {limit:g} s and was stopped") from None
            finally:
                loop.remove_reader(out.fileno())
                os.set_blocking(out.fileno(), True)  # uvloop made it non-blocking; the answer is read whole
            outcome = self._load(worker)
        except BaseException:
            self._replace(worker)
            raise
        return self._finish(worker, outcome)

    def _load(self, worker: _Worker) -> tuple:
        try:
            return pickle.load(worker.answers)
        except (EOFError, pickle.UnpicklingError) as error:
            if worker.over_memory:
                raise QueryMemoryError(
                    f"the query needed more than {self.max_memory:,} bytes of memory and was "
                    f"stopped; narrow it or add a LIMIT"
                ) from None
            raise StoreError(f"the query worker died (exit code {worker.process.poll()})") from error

    def _send(self, worker: _Worker, job: QueryJob | RelationsJob) -> None:
        self._fresh()
        snapshot = self.snapshots.acquire()
        old, worker.snapshot = worker.snapshot, snapshot
        self.snapshots.release(old)
        spool = self.snapshots.spool_file() if isinstance(job, QueryJob) else None
        worker.send((snapshot, *_message(job, self.max_result_bytes, spool)))

    def _finish(self, worker: _Worker, outcome: tuple) -> QueryAnswer:
        """Return a worker that answered to the pool, and its answer (or its error) to the caller."""
        self._pool.put(worker, worker.lane)
        return _answer(outcome)

    def _receive(self, worker: _Worker, deadline: float, limit: float):
        import select

        # One answer per job, so nothing is ever buffered ahead of select(): the pipe says when it starts.
        ready, _, _ = select.select([worker.answers], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise QueryTimeoutError(f"the query ran longer than {limit:g} s and was stopped")
        return self._load(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        self.snapshots.release(worker.snapshot)
        worker.snapshot = None
        with self._lock:
            if worker not in self._workers:
                return  # closed meanwhile
            self._workers.remove(worker)
        if not self._closed.is_set():
            self._add_worker(worker.lane)

    @property
    def pids(self) -> list[int]:
        return [w.process.pid for w in self._workers]

    def close(self):
        self._closed.set()
        with self._lock:
            workers, self._workers = self._workers, []
        idle = set(self._pool.drain())
        for worker in workers:
            if worker not in idle:  # busy with a query: stopping must not wait for it
                worker.kill()
                continue
            worker.jobs.close()
            try:
                worker.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                worker.kill()
        with self._refreshed:
            self._refreshed.notify_all()  # writers waiting for a refresh: there will be none
        self._opener.shutdown(wait=True, cancel_futures=True)
        self._local = None
        self.snapshots.close()


def executor_for(
    store: Store, timeout: float = 10.0, max_result_bytes: int = 50_000_000, workers: int = 2, **limits
) -> Executor:
    """A process executor for an on-disk Oxigraph store, else the in-process fallback.

    Args:
        store: the store to query.
        timeout: default seconds a query may run.
        max_result_bytes: largest serialised answer.
        workers: worker processes (or threads for the fallback).
        limits: the process executor's admission and memory limits (``fast_workers``, ``fast_budget``,
            ``max_waiting``, ``max_memory``: see :class:`ProcessExecutor`).

    Returns:
        An :class:`Executor`; close it (or use it as a context manager) to stop its workers.

    >>> import json
    >>> from graph.store import open_store
    >>> with open_store("memory:") as store, executor_for(store, timeout=5) as run:
    ...     answer = run.query(QueryJob("SELECT (1 + 1 AS ?n) {}"))
    ...     type(run).__name__, json.loads(answer.body)["results"]["bindings"][0]["n"]["value"]
    ('ThreadExecutor', '2')
    """
    if isinstance(store, OxigraphStore) and store.path is not None:
        return ProcessExecutor(store, timeout, max_result_bytes, workers, **limits)
    return ThreadExecutor(store, timeout, max_result_bytes, max(workers, 2))


__all__ = ["Executor", "ProcessExecutor", "QueryAnswer", "QueryJob", "RelationsJob", "ThreadExecutor", "executor_for"]
