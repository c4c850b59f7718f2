"""The process executor: which queries it answers itself, and that they come out as a worker's would."""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from views import EGYPT, copy_relation, slow_views

from graph.admission import FAST, GENERAL
from graph.errors import QueryTimeoutError
from graph.executor import GENERAL_NICENESS, ProcessExecutor, QueryJob, RelationsJob
from graph.query_worker import INLINE_BYTES

NG = "PREFIX ng: <https://w3id.org/newsgraph/ontology#> "
BOUNDED = [
    "SELECT * WHERE { ?s ?p ?o } LIMIT 10",
    NG + "SELECT ?a WHERE { ?a a ng:Actor } LIMIT 5 OFFSET 2",
    "SELECT ?p ?o WHERE { <urn:nobody> ?p ?o } LIMIT 5",
    "ASK {}",
    NG + "ASK { ?r ng:subject ?a }",
]


@pytest.fixture
def executor(store_copy) -> Iterator[ProcessExecutor]:
    with ProcessExecutor(store_copy, timeout=5, workers=1, fast_workers=0) as running:
        yield running


@pytest.mark.parametrize("query", BOUNDED)
@pytest.mark.parametrize("media", ["application/sparql-results+json", "text/csv"])
def test_bounded_queries_are_answered_in_process_as_a_worker_answers_them(executor, query, media):
    job = QueryJob(query, solutions_media=media)
    inline = executor._inline_query(job, executor.store.raw)
    assert inline is not None, "a bounded query is answered in the server process"
    in_worker = executor.query(job)  # the synchronous path always asks a worker
    assert (inline.kind, inline.media_type) == (in_worker.kind, in_worker.media_type)
    if media.endswith("json"):
        assert json.loads(inline.body) == json.loads(in_worker.body)
    else:
        assert sorted(inline.body.splitlines()) == sorted(in_worker.body.splitlines())


def test_bounded_queries_need_no_worker_and_others_do(executor):
    held = executor._pool.drain()  # every worker busy, as with heavy queries running
    assert held
    try:
        for query in BOUNDED:
            assert asyncio.run(executor.aquery(QueryJob(query), timeout=0.2)).body
        with pytest.raises(QueryTimeoutError, match="no query worker became free"):
            asyncio.run(executor.aquery(QueryJob("SELECT * WHERE { ?s ?p ?o . ?o ?q ?r } LIMIT 5"), timeout=0.2))
    finally:
        for worker in held:
            executor._pool.put(worker, worker.lane)


@pytest.mark.parametrize("query", ["SELECT ?o WHERE { <urn:big> <urn:text> ?o } LIMIT 3"])
def test_a_bounded_query_with_a_large_answer_is_left_to_a_worker(store_copy, query):
    """A few huge literals would make a large answer: the server does not hold it, a worker spools it."""
    text = "x" * (2 * INLINE_BYTES)
    store_copy.update(f'INSERT DATA {{ GRAPH <urn:g> {{ <urn:big> <urn:text> "{text}" }} }}')
    with ProcessExecutor(store_copy, timeout=5, workers=1, fast_workers=0) as executor:
        job = QueryJob(query)
        assert executor._inline_query(job, executor.store.raw) is None
        answer = asyncio.run(executor.aquery(job))
        assert answer.file is not None, "spooled by the worker"
        assert json.loads(answer.read())["results"]["bindings"][0]["o"]["value"] == text


def test_in_process_answers_see_writes(store_copy):
    with ProcessExecutor(store_copy, timeout=5, workers=1, fast_workers=0) as executor:
        job = QueryJob("ASK { <urn:new> ?p ?o }")
        assert json.loads(asyncio.run(executor.aquery(job)).body)["boolean"] is False
        store_copy.update("INSERT DATA { GRAPH <urn:g> { <urn:new> <urn:p> 1 } }")
        assert json.loads(asyncio.run(executor.aquery(job)).body)["boolean"] is True


def test_general_lane_workers_run_nicer_than_the_server(store_copy):
    """Heavy queries must leave the CPU to the event loop (/healthz, streaming, in-process answers)."""
    with ProcessExecutor(store_copy, timeout=5, workers=1, fast_workers=1) as executor:
        mine = os.getpriority(os.PRIO_PROCESS, 0)
        by_lane = {w.lane: os.getpriority(os.PRIO_PROCESS, w.process.pid) for w in executor._workers}
        assert by_lane == {GENERAL: min(19, mine + GENERAL_NICENESS), FAST: mine}


#: how long a view of a new snapshot takes to open in the tests below (about 30 ms on a 1M-quad store)
SLOW_VIEW = 0.3


def relations_of_egypt(executor: ProcessExecutor) -> int:
    job = RelationsJob(actor=("iri", EGYPT, "egypt"))
    return json.loads(asyncio.run(executor.aquery(job)).body)["total"]


def test_after_a_refresh_reads_see_the_write_and_never_wait_for_a_view(store_copy, executor, monkeypatch):
    """The API answers a write after ``refresh``: its client's next read sees it, at once."""
    slow_views(monkeypatch, SLOW_VIEW)
    before = relations_of_egypt(executor)  # the first read opens the first view
    store_copy.update(copy_relation(0))
    executor.refresh()
    started = time.monotonic()
    assert relations_of_egypt(executor) == before + 1
    assert time.monotonic() - started < SLOW_VIEW, "the write paid for the view, not the read"


def test_after_an_outside_write_reads_go_on_from_the_last_view_until_the_next_opens(store_copy, executor, monkeypatch):
    """An ingest in the same process calls no ``refresh``: reads do not wait, and see it soon after."""
    slow_views(monkeypatch, SLOW_VIEW)
    before = relations_of_egypt(executor)
    store_copy.update(copy_relation(0))
    started = time.monotonic()
    assert relations_of_egypt(executor) == before, "the view before the write (one state, not a mix)"
    assert time.monotonic() - started < SLOW_VIEW
    deadline = started + 30
    while relations_of_egypt(executor) == before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert relations_of_egypt(executor) == before + 1


@pytest.mark.parametrize("writers", [6])
def test_concurrent_refreshes_share_one_view(store_copy, executor, monkeypatch, writers):
    relations_of_egypt(executor)
    opened = slow_views(monkeypatch, SLOW_VIEW)
    written = threading.Barrier(writers)
    lock = threading.Lock()

    def write(n: int) -> None:
        with lock:  # one write at a time, as the API's
            store_copy.update(copy_relation(n))
        written.wait(timeout=30)  # then all ask for a refresh at once
        executor.refresh()

    with ThreadPoolExecutor(writers) as pool:
        list(pool.map(write, range(writers)))
    assert 1 <= len(opened) <= 2, "the first refresh, then one for every write that came meanwhile"
    assert executor._local is not None and executor._local[0] == executor.snapshots.current
