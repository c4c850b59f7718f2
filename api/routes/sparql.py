"""The SPARQL 1.1 Protocol endpoint: queries (run by the executor, with a timeout), updates behind a
bearer token, and the service description."""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from api.auth import require_writer
from api.bodies import parse_form, read_text
from api.deps import ExecutorDep, SettingsDep, WritesDep
from api.formatting import GRAPH_MEDIA_TYPES, RESULTS_MEDIA_TYPES, canonical, choose, rdf_response
from api.streaming import AnswerResponse
from api.urls import public_url
from graph.errors import QueryError
from graph.executor import QueryJob
from graph.service import service_description

router = APIRouter(tags=["sparql"])

QUERY_DOC = "a SPARQL 1.1 query; without it, GET answers the service description"
GRAPH_DOC = "dataset: graph IRIs (repeatable)"
# pyoxigraph would fetch SERVICE URLs from the server: refuse federation (no server-side requests).
SERVICE = re.compile(r"\bSERVICE\s+(SILENT\s+)?[<?$a-z_]", re.IGNORECASE)
RESULT_TYPES = list(RESULTS_MEDIA_TYPES)
GRAPH_TYPES = [m for m in GRAPH_MEDIA_TYPES if m != "text/plain"]


def _job(request: Request, query: str, default_graphs: list[str], named_graphs: list[str]) -> QueryJob:
    if SERVICE.search(query):
        raise QueryError("federated queries (SERVICE) are not allowed on this endpoint")
    accept = request.headers.get("accept")
    solutions = choose(accept, RESULTS_MEDIA_TYPES, "application/sparql-results+json")
    graph = choose(accept, GRAPH_MEDIA_TYPES, "text/turtle")
    if solutions is None and graph is None:
        from graph.errors import NotAcceptableError

        raise NotAcceptableError(f"cannot produce any of {accept!r}; try {', '.join(RESULT_TYPES + GRAPH_TYPES)}")
    for iri in default_graphs + named_graphs:
        if not iri.startswith(("http://", "https://", "urn:")):
            raise QueryError(f"not a graph IRI: {iri!r}")
    return QueryJob(query, tuple(default_graphs), tuple(named_graphs),
                    canonical(solutions) if solutions else None, canonical(graph) if graph else None)


async def _answer(executor, request: Request, query: str | None, default_graphs, named_graphs,
                  settings) -> AnswerResponse:
    if not query or not query.strip():
        raise QueryError("no query: pass it as the 'query' parameter or as an application/sparql-query body")
    job = _job(request, query, default_graphs, named_graphs)
    answer = await executor.aquery(job)
    wanted = choose(request.headers.get("accept"), RESULTS_MEDIA_TYPES if answer.kind != "graph"
                    else GRAPH_MEDIA_TYPES, answer.media_type)
    return AnswerResponse(answer, wanted if wanted and canonical(wanted) == answer.media_type else answer.media_type,
                          settings.send_timeout)


class FastQueryPath:
    """ASGI middleware answering ``GET /sparql?query=`` without FastAPI's routing and validation.

    The same functions as the route below (negotiation, executor, problem documents) at about half
    the CPU per request: for the many small queries an endpoint serves, the framework's own work
    would otherwise cost more than the query. Anything else goes on to the app; an unexpected
    exception propagates to the app's logged 500.
    """

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"] == "/sparql":
            params = parse_qs(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            if "query" in params:
                from api.errors import problem_for
                from extract.errors import NewsgraphError

                request = Request(scope)
                state = scope["app"].state
                try:
                    response = await _answer(state.executor, request, params["query"][0],
                                             params.get("default-graph-uri", []), params.get("named-graph-uri", []),
                                             state.settings)
                except NewsgraphError as error:
                    response = problem_for(error)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _description(request: Request, settings) -> Response:
    endpoint = public_url(request, settings, "/sparql")
    triples = service_description(endpoint, RESULT_TYPES + GRAPH_TYPES, bool(settings.write_token))
    return rdf_response(triples, request.headers.get("accept"))


@router.get("/sparql", responses={200: {"content": {m: {} for m in RESULT_TYPES + GRAPH_TYPES}}})
async def sparql_get(
    executor: ExecutorDep,
    settings: SettingsDep,
    request: Request,
    query: Annotated[str | None, Query(description=QUERY_DOC)] = None,
    default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri", description=GRAPH_DOC)] = [],
    named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri", description=GRAPH_DOC)] = [],
) -> Response:
    """Query by GET. Results: SPARQL JSON by default; XML, CSV, TSV, or RDF for CONSTRUCT/DESCRIBE.
    Without ``query``: the SPARQL service description (Turtle by default)."""
    if query is None:
        return _description(request, settings)
    return await _answer(executor, request, query, default_graph_uri, named_graph_uri, settings)


@router.post("/sparql", responses={200: {"content": {m: {} for m in RESULT_TYPES + GRAPH_TYPES}}},
             openapi_extra={"requestBody": {"content": {
                 "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
                     "query": {"type": "string"}, "update": {"type": "string"}}}},
                 "application/sparql-query": {"schema": {"type": "string"}},
                 "application/sparql-update": {"schema": {"type": "string"}},
             }}})
async def sparql_post(executor: ExecutorDep, settings: SettingsDep, writes: WritesDep, request: Request) -> Response:
    """Query by POST (a form with ``query``, or ``application/sparql-query``), or update (a form with
    ``update``, or ``application/sparql-update``; needs the bearer token)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    default_graphs = request.query_params.getlist("default-graph-uri")
    named_graphs = request.query_params.getlist("named-graph-uri")
    is_form = content_type == "application/x-www-form-urlencoded"
    text = await read_text(request, settings.max_form_fields if is_form else None)
    query = update = None
    if content_type == "application/sparql-query":
        query = text
    elif content_type == "application/sparql-update":
        update = text
    elif content_type == "application/x-www-form-urlencoded":
        form = await parse_form(text, settings.max_form_fields)
        if "query" in form and "update" in form:
            raise QueryError("pass either 'query' or 'update', not both")
        query = form.get("query", [None])[0]
        update = form.get("update", [None])[0]
        default_graphs += form.get("default-graph-uri", [])
        named_graphs += form.get("named-graph-uri", [])
        if query is None and update is None:
            raise QueryError("the form has neither 'query' nor 'update'")
    else:
        raise QueryError(f"unsupported content type {content_type or '(none)'}: use application/sparql-query, "
                         f"application/sparql-update or application/x-www-form-urlencoded")
    if update is not None:
        require_writer(request, settings)
        if not update.strip():
            raise QueryError("empty update")
        if SERVICE.search(update):
            raise QueryError("federated updates (SERVICE) are not allowed on this endpoint")
        await run_in_threadpool(_update, writes, update)
        return Response(status_code=204)
    return await _answer(executor, request, query, default_graphs, named_graphs, settings)


def _update(writes, update: str) -> None:
    with writes.lock:
        writes.store.update(update)
        writes.done()
