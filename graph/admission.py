"""Admission control for query workers: a fast lane for cheap queries, a bounded queue for the rest.

Heavy queries (joins without a small LIMIT, sorting, grouping, paths) can hold every general
worker for the whole query timeout; a fast lane of workers of its own keeps answering the cheap
ones (``ASK {}``, a lookup with a small LIMIT, an actor's relations) meanwhile. Whether a query is
cheap is guessed from its text by :func:`is_cheap`, conservatively; a guess that proves wrong
costs little, because a query in the fast lane gets only a short budget there and is then moved
to the general lane (see ``graph/executor.py``). Heavy queries wait for a general worker in a
queue of bounded length; beyond it they are refused at once (503 with ``Retry-After``) rather
than piling up until their timeout.

>>> is_cheap("ASK {}"), is_cheap("SELECT * WHERE { ?s ?p ?o } LIMIT 10")
(True, True)
>>> is_cheap("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 100000"), is_cheap("SELECT ?s { ?s ?p ?o } ORDER BY ?s")
(False, False)
"""

from __future__ import annotations

import re
import threading
from collections import deque
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

from graph.errors import QueryQueueFullError, QueryTimeoutError

#: a SELECT or CONSTRUCT is cheap only with a LIMIT at most this
CHEAP_LIMIT = 1000
#: ... and at most this many triple patterns
CHEAP_PATTERNS = 4
_NOISE = re.compile(
    r'#[^\n]*|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'|<[^<>\s]*>"
)
_HEAVY = re.compile(
    r"\b(ORDER|GROUP|HAVING|DISTINCT|REDUCED|COUNT|SUM|AVG|MIN|MAX|GROUP_CONCAT|SAMPLE|SERVICE|"
    r"MINUS|NOT\s+EXISTS|EXISTS|REGEX|REPLACE|OPTIONAL|UNION|CONSTRUCT|DESCRIBE)\b",
    re.IGNORECASE,
)
_LIMIT = re.compile(r"\bLIMIT\s+(\d+)", re.IGNORECASE)
_PATH = re.compile(r"[*+]|\{\s*\d")


def is_cheap(sparql: str) -> bool:
    """Whether a query looks cheap enough for the fast lane: an ASK, or a SELECT of at most
    :data:`CHEAP_PATTERNS` triple patterns with a LIMIT of at most :data:`CHEAP_LIMIT`, and no
    sorting, grouping, aggregates, negation, OPTIONAL, UNION, paths or subqueries.

    Args:
        sparql: the query.

    Returns:
        True for the fast lane.

    >>> is_cheap("SELECT * WHERE { ?s ?p ?o } LIMIT 10"), is_cheap("ASK { ?s ?p ?o }")
    (True, True)
    >>> is_cheap("SELECT * WHERE { ?s ?p ?o }"), is_cheap("SELECT * WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 10")
    (False, False)
    """
    text = _NOISE.sub(" ", sparql)
    body = re.sub(r"\bSELECT\s+\*", "SELECT ", text, flags=re.IGNORECASE)
    if _HEAVY.search(body) or _PATH.search(body) or len(re.findall(r"\bSELECT\b", body, re.IGNORECASE)) > 1:
        return False
    where = body[body.find("{") :] if "{" in body else ""
    patterns = len(re.findall(r"[.;,]\s*(?=[?$\w:\[(])", where)) + (1 if re.search(r"[?$\w:]", where) else 0)
    if patterns > CHEAP_PATTERNS:
        return False
    if re.search(r"\bASK\b", body, re.IGNORECASE):
        return True
    limits = [int(n) for n in _LIMIT.findall(body)]
    return bool(limits) and max(limits) <= CHEAP_LIMIT


FAST, GENERAL = "fast", "general"


@dataclass(slots=True)
class _Waiter:
    lanes: tuple[str, ...]
    future: Future


class WorkerPool:
    """Idle workers by lane, handed to waiters first come, first served (thread-safe).

    A cheap job takes a fast-lane worker, or a general one when no heavy job waits for it; a heavy
    job only a general worker, and at most ``max_waiting`` heavy jobs wait at once.
    """

    def __init__(self, max_waiting: int) -> None:
        self.max_waiting = max_waiting
        self._lock = threading.Lock()
        self._idle: dict[str, list[Any]] = {FAST: [], GENERAL: []}
        self._waiters: deque[_Waiter] = deque()

    def put(self, worker: Any, lane: str) -> None:
        """Give back an idle worker (to the longest waiter that may take it, else to its lane)."""
        with self._lock:
            for waiter in list(self._waiters):
                if lane in waiter.lanes:
                    self._waiters.remove(waiter)
                    if waiter.future.set_running_or_notify_cancel():
                        waiter.future.set_result((worker, lane))
                        return
            self._idle[lane].append(worker)  # last in, first out: its caches are warm

    def remove(self, worker: Any) -> None:
        with self._lock:
            for idle in self._idle.values():
                if worker in idle:
                    idle.remove(worker)

    def drain(self) -> list[Any]:
        """Take every idle worker (to stop them)."""
        with self._lock:
            workers = self._idle[FAST] + self._idle[GENERAL]
            self._idle = {FAST: [], GENERAL: []}
            return workers

    def request(self, cheap: bool) -> Future:
        """A future of ``(worker, lane)``, done at once when a worker is idle.

        Raises:
            QueryQueueFullError: when a heavy job would wait behind ``max_waiting`` others.
        """
        lanes = (FAST, GENERAL) if cheap else (GENERAL,)
        future: Future = Future()
        with self._lock:
            heavy_waiting = any(w.lanes == (GENERAL,) for w in self._waiters)
            for lane in lanes:
                if self._idle[lane] and not (lane == GENERAL and cheap and heavy_waiting):
                    future.set_running_or_notify_cancel()
                    future.set_result((self._idle[lane].pop(), lane))
                    return future
            if not cheap and sum(w.lanes == (GENERAL,) for w in self._waiters) >= self.max_waiting:
                raise QueryQueueFullError(
                    f"{self.max_waiting} heavy queries are already waiting for a worker; retry later"
                )
            self._waiters.append(_Waiter(lanes, future))
        return future

    def cancel(self, future: Future) -> None:
        """Stop waiting; a worker handed over meanwhile goes back to the pool."""
        with self._lock:
            for waiter in self._waiters:
                if waiter.future is future:
                    self._waiters.remove(waiter)
                    future.cancel()
                    return
        if future.done() and not future.cancelled():
            self.put(*future.result())

    def get(self, cheap: bool, timeout: float) -> tuple[Any, str]:
        """Block until a worker is free for the job, at most ``timeout`` seconds."""
        future = self.request(cheap)
        try:
            return future.result(timeout)
        except FutureTimeout:
            self.cancel(future)
            raise QueryTimeoutError(f"no query worker became free within {timeout:g} s") from None

    async def aget(self, cheap: bool, timeout: float) -> tuple[Any, str]:
        """:meth:`get` for an event loop."""
        import asyncio

        future = self.request(cheap)
        if future.done():
            return future.result()
        try:
            return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), timeout)
        except TimeoutError:
            self.cancel(future)
            raise QueryTimeoutError(f"no query worker became free within {timeout:g} s") from None
        except asyncio.CancelledError:  # the client went away
            self.cancel(future)
            raise


__all__ = ["FAST", "GENERAL", "WorkerPool", "is_cheap"]
