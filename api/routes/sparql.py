"""The SPARQL 1.1 Protocol endpoint: queries (run by the executor, with a timeout), updates behind a
bearer token, and the service description.

Every query and update is read by :mod:`graph.sparql_policy` before the engine sees it: no
federation or remote ``LOAD`` unless the settings allow them, bounded nesting and length.
Relative IRIs resolve against the endpoint's URL; updates see the same dataset as queries (the
union of all graphs) unless they name their own (``USING``, ``WITH``, ``using-graph-uri``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated
from urllib.parse import parse_qs

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import URL

from api.auth import require_writer
from api.bodies import read_body
from api.deps import ExecutorDep, SettingsDep, WritesDep
from api.formatting import GRAPH_MEDIA_TYPES, RESULTS_MEDIA_TYPES, rdf_response
from api.negotiation import Params, labelled, negotiated, parameters
from api.policy import policy
from api.settings import Settings
from api.streaming import AnswerResponse
from api.urls import public_url
from graph.errors import NotAcceptableError, QueryError
from graph.executor import QueryJob
from graph.service import service_description
from graph.sparql_policy import Reading, readable_syntax_error, with_dataset
from graph.terms import QUERY_PREFIXES

router = APIRouter(tags=["sparql"])

QUERY_DOC = "a SPARQL 1.1 query; without it, GET answers the service description"
GRAPH_DOC = "dataset: graph IRIs (repeatable)"
RESULT_TYPES = list(RESULTS_MEDIA_TYPES)
GRAPH_TYPES = [m for m in GRAPH_MEDIA_TYPES if m != "text/plain"]
#: requests longer than this are read by the policy in a thread, off the event loop
INLINE_CHECK_CHARS = 65_536
FORM = "application/x-www-form-urlencoded"


async def _check(settings: Settings, text: str, kind: str, base_iri: str) -> Reading:
    prefixes = QUERY_PREFIXES if kind == "query" else None
    if len(text) > INLINE_CHECK_CHARS:
        return await run_in_threadpool(policy(settings).check, text, kind, base_iri, prefixes)
    return policy(settings).check(text, kind, base_iri, prefixes)


def endpoint(request: Request) -> str:
    """The endpoint's URL: the base IRI of relative IRIs in requests."""
    return str(request.url.replace(query="", fragment=""))


def _one(params: Params, name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise QueryError(f"pass one '{name}' parameter, not {len(values)}")
    return values[0] if values else None


def _graph_iris(params: Params, *names: str) -> list[str]:
    iris = [iri for name in names for iri in params.get(name, [])]
    for iri in iris:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise QueryError(f"not a graph IRI: {iri!r}") from None
        if not iri.startswith(("http://", "https://", "urn:")):
            raise QueryError(f"not a graph IRI: {iri!r}")
    return iris


def _job(accept: str | None, base: str, query: str, params: Params) -> QueryJob:
    if _one(params, "update") is not None:
        raise QueryError("pass either 'query' or 'update', not both")
    if params.get("using-graph-uri") or params.get("using-named-graph-uri"):
        raise QueryError(
            "using-graph-uri and using-named-graph-uri apply to updates; queries take "
            "default-graph-uri and named-graph-uri"
        )
    solutions, graph = negotiated(accept)
    if solutions is None and graph is None:
        raise NotAcceptableError(f"cannot produce any of {accept!r}; try {', '.join(RESULT_TYPES + GRAPH_TYPES)}")
    default, named = _graph_iris(params, "default-graph-uri"), _graph_iris(params, "named-graph-uri")
    return QueryJob(query, tuple(default), tuple(named), solutions, graph, base)


def _readable(error: QueryError, text: str) -> QueryError:
    """A syntax error with its line excerpt instead of pyoxigraph's list of character ranges."""
    message = str(error)
    if not message.startswith("error at "):
        return error
    return type(error)(readable_syntax_error(message, text))


async def _answer(
    executor, accept: str | None, base: str, query: str | None, params: Params, settings: Settings
) -> Response:
    if not query or not query.strip():
        raise QueryError("no query: pass it as the 'query' parameter or as an application/sparql-query body")
    job = _job(accept, base, query, params)
    await _check(settings, query, "query", base)
    try:
        answer = await executor.aquery(job)
    except QueryError as error:
        raise _readable(error, query) from None
    return AnswerResponse(answer, labelled(accept, answer.kind == "graph", answer.media_type), settings.send_timeout)


async def _get(executor, settings: Settings, request: Request, params: Params) -> Response:
    if "update" in params:
        raise QueryError("updates must be sent by POST (a form with 'update', or application/sparql-update)")
    if "query" not in params:
        return _description(request, settings)
    return await _answer(
        executor, request.headers.get("accept"), endpoint(request), _one(params, "query"), params, settings
    )


@lru_cache(maxsize=64)
def _endpoint_url(scheme: str, server: tuple[str, int] | None, host: bytes | None) -> str:
    headers = [(b"host", host)] if host is not None else []
    return str(URL(scope={"scheme": scheme, "server": server, "path": "/sparql", "headers": headers}))


class FastQueryPath:
    """ASGI wrapper answering ``GET /sparql?query=`` ahead of FastAPI's middleware and routing.

    The same functions as the route below (negotiation, policy, executor, problem documents), with
    the request read straight from the ASGI scope: for the many small queries an endpoint serves,
    the framework's own work (six middleware layers, a Request, its headers and URL objects) would
    otherwise cost more than the query. Anything else goes on to ``app``. It stands in front of the
    whole FastAPI app (see ``api/app.py``), so it translates errors itself: newsgraph errors into
    their problem documents, anything else into a logged 500.
    """

    def __init__(self, app, owner) -> None:
        self.app = app
        self.owner = owner  # the FastAPI app whose state holds the executor and the settings

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] != "/sparql":
            return await self.app(scope, receive, send)
        params = parameters(scope["query_string"].decode("latin-1"))
        if "query" not in params and "update" not in params:
            return await self.app(scope, receive, send)  # the service description, or the editor
        from api.errors import edge_response

        accept = host = None
        for name, value in scope["headers"]:
            if name == b"accept":
                accept = value.decode("latin-1")
            elif name == b"host":
                host = value
        response = await edge_response(self._answer(scope, params, accept, host), "GET", "/sparql")
        await response(scope, receive, send)

    async def _answer(self, scope, params, accept: str | None, host: bytes | None) -> Response:
        if "update" in params:
            raise QueryError("updates must be sent by POST (a form with 'update', or application/sparql-update)")
        state = self.owner.state
        server = scope.get("server")
        base = _endpoint_url(scope.get("scheme", "http"), tuple(server) if server else None, host)
        return await _answer(state.executor, accept, base, _one(params, "query"), params, state.settings)


def _description(request: Request, settings) -> Response:
    # Not endpoint(request): that is the client's Host header, which the description must not repeat.
    triples = service_description(
        public_url(request, settings, "/sparql"), RESULT_TYPES + GRAPH_TYPES, bool(settings.write_token)
    )
    return rdf_response(triples, request.headers.get("accept"))


@router.get("/sparql", responses={200: {"content": {m: {} for m in RESULT_TYPES + GRAPH_TYPES}}})
async def sparql_get(
    executor: ExecutorDep,
    settings: SettingsDep,
    request: Request,
    query: Annotated[str | None, Query(description=QUERY_DOC)] = None,
    default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri", description=GRAPH_DOC)] = None,
    named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri", description=GRAPH_DOC)] = None,
) -> Response:
    """Query by GET. Results: SPARQL JSON by default; XML, CSV, TSV, or RDF for CONSTRUCT/DESCRIBE.
    Without ``query``: the SPARQL service description (Turtle by default). The parameters are read
    from the URL as they come (declared here for the API docs), so that repeated ones are refused."""
    params: Params = {key: request.query_params.getlist(key) for key in request.query_params}
    if not params:
        from api.routes.ui import wants_html

        if wants_html(request):  # a browser: the workbench's SPARQL editor, not the service description
            return RedirectResponse("/#/sparql", status_code=303)
    return await _get(executor, settings, request, params)


def _body_params(content_type: str, text: str, max_fields: int) -> Params:
    """The operation a POST body carries, as parameters (``query`` or ``update``, plus a form's others)."""
    if content_type == "application/sparql-query":
        return {"query": [text]}
    if content_type == "application/sparql-update":
        return {"update": [text]}
    if content_type == "application/x-www-form-urlencoded":
        form = parse_qs(text, keep_blank_values=True, max_num_fields=max_fields)
        if "query" not in form and "update" not in form:
            raise QueryError("the form has neither 'query' nor 'update'")
        return form
    raise QueryError(
        f"unsupported content type {content_type or '(none)'}: use application/sparql-query, "
        f"application/sparql-update or application/x-www-form-urlencoded"
    )


def _decode(request: Request, body: bytes) -> tuple[str, str]:
    """The body's media type and text (UTF-8 only, as the Protocol requires)."""
    media, *options = [part.strip() for part in request.headers.get("content-type", "").split(";")]
    for option in options:
        name, _, value = option.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            raise QueryError(f"SPARQL requests must be UTF-8, not {value.strip()}")
    try:
        return media.lower(), body.decode("utf-8")
    except UnicodeDecodeError:
        raise QueryError("the request body is not UTF-8") from None


@router.post(
    "/sparql",
    responses={200: {"content": {m: {} for m in RESULT_TYPES + GRAPH_TYPES}}},
    openapi_extra={
        "requestBody": {
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "properties": {"query": {"type": "string"}, "update": {"type": "string"}},
                    }
                },
                "application/sparql-query": {"schema": {"type": "string"}},
                "application/sparql-update": {"schema": {"type": "string"}},
            }
        }
    },
)
async def sparql_post(executor: ExecutorDep, settings: SettingsDep, writes: WritesDep, request: Request) -> Response:
    """Query by POST (a form with ``query``, or ``application/sparql-query``), or update (a form with
    ``update``, or ``application/sparql-update``; needs the bearer token)."""
    is_form = request.headers.get("content-type", "").split(";")[0].strip().lower() == FORM
    raw = await read_body(request, settings.max_form_fields if is_form else None)  # fields counted as they come
    if len(raw) > INLINE_CHECK_CHARS:  # decoding and parsing a large body happen off the event loop
        content_type, text = await run_in_threadpool(_decode, request, raw)
        body = await run_in_threadpool(_body_params, content_type, text, settings.max_form_fields)
    else:
        content_type, text = _decode(request, raw)
        body = _body_params(content_type, text, settings.max_form_fields)
    params: Params = {key: request.query_params.getlist(key) for key in request.query_params}
    if content_type != "application/x-www-form-urlencoded" and ("query" in params or "update" in params):
        raise QueryError("the operation goes in the body, not also in the URL")
    for key, values in body.items():
        params[key] = params.get(key, []) + values
    update = _one(params, "update")
    if update is None:
        return await _answer(
            executor, request.headers.get("accept"), endpoint(request), _one(params, "query"), params, settings
        )
    if _one(params, "query") is not None:
        raise QueryError("pass either 'query' or 'update', not both")
    require_writer(request, settings)
    if not update.strip():
        raise QueryError("empty update")
    if params.get("default-graph-uri") or params.get("named-graph-uri"):
        raise QueryError(
            "default-graph-uri and named-graph-uri apply to queries; updates take "
            "using-graph-uri and using-named-graph-uri"
        )
    using = _graph_iris(params, "using-graph-uri"), _graph_iris(params, "using-named-graph-uri")
    base = endpoint(request)
    reading = await _check(settings, update, "update", base)
    try:
        await run_in_threadpool(_update, writes, update, reading, using, base)
    except QueryError as error:
        raise _readable(error, update) from None
    return Response(status_code=204)


def _update(writes, update: str, reading: Reading, using: tuple[list[str], list[str]], base: str) -> None:
    """Run ``update`` over the protocol's dataset, or else over the union of all graphs (as queries do)."""
    try:
        with writes.lock:
            if using[0] or using[1]:
                text = with_dataset(update, reading, using[0], using[1], explicit=True)
            else:
                graphs = sorted({g.value for g in writes.store.graphs()} | _valid_iris(reading.graphs))
                text = with_dataset(update, reading, graphs, graphs, explicit=False)
            writes.store.update(text, base_iri=base)
    finally:
        writes.done()  # outside the lock: writes that waited for it meanwhile share one refresh


def _valid_iris(iris: set[str]) -> set[str]:
    valid = set()
    for iri in iris:
        try:
            valid.add(ox.NamedNode(iri).value)
        except ValueError:
            pass  # not an IRI the update can name: the engine reports it
    return valid
