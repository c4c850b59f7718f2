"""The SPARQL 1.1 Protocol endpoint (query operations)."""

from __future__ import annotations

import io
from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import StoreDep
from api.formatting import negotiate, serialize
from graph.errors import QueryError

router = APIRouter(tags=["sparql"])

QUERY_DOC = "a SPARQL 1.1 query"
GRAPH_DOC = "dataset: graph IRIs (repeatable)"


def run_query(store, request: Request, query: str | None, default_graphs: list[str], named_graphs: list[str]) -> Response:
    if not query:
        raise QueryError("no query: pass it as the 'query' parameter or as an application/sparql-query body")
    result = store.query(
        query,
        default_graph=[ox.NamedNode(g) for g in default_graphs] or None,
        named_graphs=[ox.NamedNode(g) for g in named_graphs] or None,
    )
    media = negotiate(request.headers.get("accept"), result)
    buffer = io.BytesIO()
    serialize(result, media, buffer)
    return Response(buffer.getvalue(), media_type=media)


@router.get("/sparql")
def sparql_get(
    store: StoreDep,
    request: Request,
    query: Annotated[str | None, Query(description=QUERY_DOC)] = None,
    default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri", description=GRAPH_DOC)] = [],
    named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri", description=GRAPH_DOC)] = [],
) -> Response:
    """Query by GET. Results: SPARQL JSON by default; XML, CSV, TSV, or RDF for CONSTRUCT/DESCRIBE."""
    return run_query(store, request, query, default_graph_uri, named_graph_uri)


@router.post("/sparql", openapi_extra={"requestBody": {"content": {
    "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {"query": {"type": "string"}}}},
    "application/sparql-query": {"schema": {"type": "string"}},
}}})
async def sparql_post(store: StoreDep, request: Request) -> Response:
    """Query by POST: a form with ``query``, or the query itself as ``application/sparql-query``."""
    from starlette.concurrency import run_in_threadpool

    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    default_graphs = request.query_params.getlist("default-graph-uri")
    named_graphs = request.query_params.getlist("named-graph-uri")
    if content_type == "application/sparql-query":
        query = (await request.body()).decode("utf-8", errors="replace")
    elif content_type == "application/x-www-form-urlencoded":
        form = await request.form()
        query = form.get("query")
        default_graphs += form.getlist("default-graph-uri")
        named_graphs += form.getlist("named-graph-uri")
    else:
        raise QueryError(f"unsupported content type {content_type or '(none)'}: use application/sparql-query "
                         f"or application/x-www-form-urlencoded")
    return await run_in_threadpool(run_query, store, request, query, default_graphs, named_graphs)
