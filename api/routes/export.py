"""Export the graph as RDF, streamed from a snapshot in constant memory.

Over an on-disk store each export runs in a process of its own (``graph/export_worker.py``) over a
leased snapshot, and its output is relayed chunk by chunk as the client reads it: the server holds
a chunk, and neither its memory nor its GIL pays for the export. Over an in-memory store the
export runs in a thread, at most :data:`AHEAD` chunks ahead of the client.
"""

from __future__ import annotations

import asyncio
import json
import queue
import subprocess
import sys
import threading
from pathlib import Path

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from api.deps import ExecutorDep, SettingsDep
from graph import export_worker
from graph.errors import NotFoundError, QueryQueueFullError
from graph.export import FORMATS, SUFFIXES, export, rdf_format
from graph.export_networks import NETWORK_FORMATS, is_network_format

router = APIRouter(tags=["export"])
CHUNK = 1 << 16
#: chunks a producer may be ahead of the client: what an export holds in memory, at most
AHEAD = 4


class _Pipe:
    """A file-like sink the exporting thread writes to, read by the response as chunks."""

    def __init__(self, stall_timeout: float) -> None:
        self.chunks: queue.Queue[bytes | BaseException | None] = queue.Queue(maxsize=AHEAD)
        self.buffer = bytearray()
        self.stall_timeout = stall_timeout
        self.closed = threading.Event()  # the response ended (client gone): stop producing

    def write(self, data) -> int:
        self.buffer += data
        if len(self.buffer) >= CHUNK:
            self.put(bytes(self.buffer))
            self.buffer.clear()
        return len(data)

    def put(self, item: bytes | BaseException | None) -> None:
        # A client that stopped reading must not pin this thread (and its snapshot) for ever.
        waited = 0.0
        while not self.closed.is_set():
            try:
                return self.chunks.put(item, timeout=0.5)
            except queue.Full:
                waited += 0.5
                if waited >= self.stall_timeout:
                    break
        raise BrokenPipeError("the client stopped reading the export")

    def flush(self) -> None:
        pass


def _stream(
    executor, fmt, reference: bool, slots: threading.BoundedSemaphore, stall_timeout: float, graphs: str = "all"
):
    pipe = _Pipe(stall_timeout)

    def produce():
        try:
            with executor.reader() as source:
                export(source, pipe, fmt, reference_only=reference, graphs=graphs)
            if pipe.buffer:
                pipe.put(bytes(pipe.buffer))
            pipe.put(None)
        except BrokenPipeError:
            pass
        except BaseException as error:  # handed to the response, which logs and aborts it
            try:
                pipe.put(error)
            except BrokenPipeError:
                pass
        finally:
            slots.release()

    threading.Thread(target=produce, daemon=True, name="export").start()
    try:
        while True:
            item = pipe.chunks.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        pipe.closed.set()


WORKER = Path(export_worker.__file__)


async def _stream_process(executor, fmt, reference: bool, slots: threading.BoundedSemaphore, stall_timeout: float):
    """The output of an export process over a leased snapshot, as the client takes it."""
    import pyoxigraph as ox

    from graph.terms import QUERY_PREFIXES, REFERENCE_GRAPH

    snapshots = executor.snapshots
    snapshot = snapshots.acquire()
    process = None
    try:
        prefixes = QUERY_PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-I",
            str(WORKER),
            snapshot,
            fmt.media_type,
            REFERENCE_GRAPH.value if reference else "",
            json.dumps(prefixes),
            stdout=subprocess.PIPE,
            limit=CHUNK,
        )
        assert process.stdout is not None
        while chunk := await asyncio.wait_for(process.stdout.read(CHUNK), stall_timeout):
            yield chunk
        if await process.wait() != 0:
            raise RuntimeError(f"the export process failed (exit code {process.returncode})")
    finally:
        if process is not None and process.returncode is None:
            process.kill()  # the client went away or stalled: stop exporting
            await process.wait()
        snapshots.release(snapshot)
        slots.release()


def _slots(request: Request, limit: int) -> threading.BoundedSemaphore:
    state = request.app.state
    if getattr(state, "export_slots", None) is None:
        state.export_slots = threading.BoundedSemaphore(limit)
    return state.export_slots


@router.get(
    "/export",
    responses={
        200: {"content": {**{f.media_type: {} for f in FORMATS.values()}, **{m: {} for m in NETWORK_FORMATS.values()}}}
    },
)
def export_graph(
    request: Request,
    executor: ExecutorDep,
    settings: SettingsDep,
    format: str = Query("turtle", max_length=50, description=", ".join([*FORMATS, *NETWORK_FORMATS])),
    reference: bool = Query(False, description="only the reference data"),
    graphs: str = Query(
        "all", pattern="^(all|news|reference)$", description="all, news (no reference data or ontology), reference"
    ),
) -> StreamingResponse:
    """The whole graph, streamed (triple formats: union of all graphs; TriG and N-Quads keep article graphs);
    ``graphml`` or ``gexf``: the actor interaction network (facts only) for Gephi.

    At most ``NEWSGRAPH_MAX_EXPORTS`` exports run at once; another one is answered 503 with ``Retry-After``."""
    if is_network_format(format):
        return _network(request, executor, settings, format.lower().strip())
    fmt = rdf_format(format)
    reference = reference or graphs == "reference"
    if reference:
        from graph.terms import REFERENCE_GRAPH

        if not executor.store.has_graph(REFERENCE_GRAPH):
            raise NotFoundError("no reference data in this store")
    slots = _slots(request, settings.max_exports)
    if not slots.acquire(blocking=False):
        raise QueryQueueFullError(f"{settings.max_exports} exports are running already; retry later")
    name = next((k for k, v in FORMATS.items() if v == fmt), "graph")
    if graphs == "news":  # the export process knows whole graphs and the reference data only
        body = _stream(executor, fmt, False, slots, settings.send_timeout, graphs="news")
    else:
        stream = _stream_process if hasattr(executor, "snapshots") else _stream
        body = stream(executor, fmt, reference, slots, settings.send_timeout)
    return StreamingResponse(
        body,
        media_type=fmt.media_type,
        headers={"Content-Disposition": f'inline; filename="newsgraph{SUFFIXES.get(name, "")}"'},
    )


def _network(request: Request, executor, settings, name: str) -> StreamingResponse:
    """The actor interaction network as GraphML or GEXF, built in a thread from a reader of the store."""
    slots = _slots(request, settings.max_exports)
    if not slots.acquire(blocking=False):
        raise QueryQueueFullError(f"{settings.max_exports} exports are running already; retry later")
    return StreamingResponse(
        _stream(executor, name, False, slots, settings.send_timeout),
        media_type=NETWORK_FORMATS[name],
        headers={"Content-Disposition": f'attachment; filename="newsgraph.{name}"'},
    )
