"""Export the graph as RDF, streamed."""

from __future__ import annotations

import queue
import threading

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from api.deps import StoreDep
from graph.export import FORMATS, SUFFIXES, export, rdf_format

router = APIRouter(tags=["export"])
CHUNK = 1 << 16


class _Pipe:
    """A file-like sink the exporting thread writes to, read by the response as chunks."""

    def __init__(self) -> None:
        self.chunks: queue.Queue[bytes | BaseException | None] = queue.Queue(maxsize=64)
        self.buffer = bytearray()

    def write(self, data) -> int:
        self.buffer += data
        if len(self.buffer) >= CHUNK:
            # A client that stopped reading must not pin this thread forever.
            self.chunks.put(bytes(self.buffer), timeout=120)
            self.buffer.clear()
        return len(data)

    def flush(self) -> None:
        pass


def _stream(store, fmt, reference: bool):
    pipe = _Pipe()

    def produce():
        try:
            export(store, pipe, fmt, reference_only=reference)
            if pipe.buffer:
                pipe.chunks.put(bytes(pipe.buffer))
            pipe.chunks.put(None)
        except BaseException as error:  # handed to the response, which logs and aborts it
            pipe.chunks.put(error)

    threading.Thread(target=produce, daemon=True, name="export").start()
    while True:
        item = pipe.chunks.get()
        if item is None:
            return
        if isinstance(item, BaseException):
            raise item
        yield item


@router.get("/export", responses={200: {"content": {f.media_type: {} for f in FORMATS.values()}}})
def export_graph(store: StoreDep, format: str = Query("turtle", max_length=50, description=", ".join(FORMATS)),
                 reference: bool = Query(False, description="only the reference data")) -> StreamingResponse:
    """The whole graph, streamed (triple formats: union of all graphs; TriG and N-Quads keep article graphs)."""
    fmt = rdf_format(format)
    if reference:
        from graph.errors import NotFoundError
        from graph.terms import REFERENCE_GRAPH

        if not store.has_graph(REFERENCE_GRAPH):
            raise NotFoundError("no reference data in this store")
    name = next((k for k, v in FORMATS.items() if v == fmt), "graph")
    return StreamingResponse(_stream(store, fmt, reference), media_type=fmt.media_type,
                             headers={"Content-Disposition": f'inline; filename="newsgraph{SUFFIXES.get(name, "")}"'})
