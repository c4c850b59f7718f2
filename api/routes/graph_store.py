"""The SPARQL 1.1 Graph Store HTTP Protocol at ``/rdf-graphs``: GET, HEAD, PUT, POST and DELETE of
one graph, named by ``?graph=IRI`` (indirect), by the request URL ``/rdf-graphs/...`` (direct), or
``?default`` (the store's own default graph). Writes need the bearer token; a POST without a
graph creates one and answers its IRI in ``Location``.
"""

from __future__ import annotations

import uuid
from email.parser import BytesParser
from email.policy import HTTP

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from api.auth import require_writer
from api.deps import SettingsDep, StoreDep, WritesDep
from api.formatting import choose
from graph import graph_store
from graph.errors import NotAcceptableError, QueryError, UnknownFormatError

router = APIRouter(tags=["graph store"])


class UnsupportedMediaTypeError(UnknownFormatError):
    status = 415
    title = "unsupported media type"


PATH = "/rdf-graphs"
#: triple formats, read and written (a graph store graph has no graphs of its own)
FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "text/n3": ox.RdfFormat.N3,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
METHODS = ["GET", "HEAD", "PUT", "POST", "DELETE"]
DOC: dict[str, object] = {"responses": {200: {"content": {m: {} for m in FORMATS if m != "text/plain"}}}}


def _target(request: Request, rest: str | None) -> graph_store.GraphName | None:
    """The graph a request names, or None for a POST to the store itself."""
    params = request.query_params
    if rest:
        if "graph" in params or "default" in params:
            raise QueryError("name the graph by the URL or by ?graph= / ?default, not both")
        return ox.NamedNode(str(request.url.replace(query="", fragment="")))
    graphs = params.getlist("graph")
    if ("default" in params) + len(graphs) > 1:
        raise QueryError("name one graph: ?graph=IRI or ?default")
    if "default" in params:
        return ox.DefaultGraph()
    if not graphs:
        return None
    try:
        return ox.NamedNode(graphs[0])
    except ValueError:
        raise QueryError(f"not an IRI: {graphs[0]!r}") from None


def _format(content_type: str) -> ox.RdfFormat:
    media = content_type.split(";")[0].strip().lower()
    if media not in FORMATS:
        raise UnsupportedMediaTypeError(
            f"cannot read {media or 'a body without a content type'}; send one of "
            f"{', '.join(m for m in FORMATS if m != 'text/plain')}"
        )
    return FORMATS[media]


def _documents(content_type: str, body: bytes) -> list[tuple[bytes, ox.RdfFormat]]:
    """The RDF documents of a body: itself, or each part of a ``multipart/form-data`` body."""
    if content_type.split(";")[0].strip().lower() != "multipart/form-data":
        return [(body, _format(content_type))]
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    if not message.is_multipart():
        raise QueryError("a multipart/form-data body without parts (or without its boundary)")
    documents = []
    for part in message.iter_parts():
        payload = part.get_payload(decode=True)
        documents.append((payload if isinstance(payload, bytes) else b"", _format(part.get_content_type())))
    return documents


@router.api_route(PATH, methods=METHODS, openapi_extra=DOC, summary="a graph of the graph store")
@router.api_route(PATH + "/{rest:path}", methods=METHODS, include_in_schema=False)
async def graph_store_route(
    request: Request, store: StoreDep, writes: WritesDep, settings: SettingsDep, rest: str | None = None
) -> Response:
    """Read (GET, HEAD), replace (PUT), add to (POST) or remove (DELETE) one graph."""
    graph = _target(request, rest)
    if request.method in ("GET", "HEAD"):
        return await _read(request, store, graph)
    require_writer(request, settings)
    if request.method == "DELETE":
        if graph is None:
            raise QueryError("DELETE needs ?graph=IRI or ?default")
        await run_in_threadpool(_write, writes, graph_store.delete, graph)
        return Response(status_code=204)
    documents = _documents(request.headers.get("content-type", ""), await request.body())
    headers = {}
    if graph is None:  # POST to the store: a new graph, named by the server
        graph = ox.NamedNode(f"{str(request.url.replace(query='', fragment='')).rstrip('/')}/{uuid.uuid4()}")
        headers["Location"] = graph.value
    if request.method == "PUT":
        if len(documents) != 1:
            raise QueryError("PUT takes one document")
        created = await run_in_threadpool(_write, writes, graph_store.replace, graph, *documents[0])
    else:
        created = await run_in_threadpool(_write, writes, graph_store.merge, graph, documents)
    return Response(status_code=201 if created else 204, headers=headers)


async def _read(request: Request, store, graph: graph_store.GraphName | None) -> Response:
    if graph is None:
        raise QueryError("name a graph: ?graph=IRI or ?default")
    media = choose(request.headers.get("accept"), FORMATS, "text/turtle")
    if media is None:
        raise NotAcceptableError(f"cannot produce {request.headers.get('accept')!r}; try {', '.join(FORMATS)}")
    body = await run_in_threadpool(graph_store.read, store, graph, FORMATS[media])
    content_type = f"{FORMATS[media].media_type}; charset=utf-8"
    if request.method == "HEAD":
        return Response(headers={"content-type": content_type, "content-length": str(len(body))})
    return Response(body, headers={"content-type": content_type})


def _write(writes, operation, *arguments):
    try:
        with writes.lock:
            return operation(writes.store, *arguments)
    finally:
        writes.done()  # outside the lock: writes that waited for it meanwhile share one refresh


__all__ = ["router"]
