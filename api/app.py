"""The FastAPI application: REST API, SPARQL endpoint and the small web UI."""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import errors
from api.deps import Writes
from api.limits import BodyLimit
from api.routes import actors, analytics, articles, export, graph_store, health, paths, relations, sparql, stats, ui
from api.settings import Settings, get_settings
from extract.version import package_version
from graph.executor import executor_for
from graph.store import Store, open_store


class _App(FastAPI):
    """The app, with ``GET /sparql?query=`` and ``GET /actors/{id}/relations`` answered in front of
    FastAPI (``sparql.FastQueryPath``, ``actors.FastRelationsPath``)."""

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self._front = sparql.FastQueryPath(actors.FastRelationsPath(super().__call__, self), self)

    async def __call__(self, scope, receive, send) -> None:
        await self._front(scope, receive, send)


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """Build the app over ``store`` (or the store ``settings.store`` names, opened now).

    SPARQL queries run in worker processes over snapshots of an on-disk store, so that a query
    past ``settings.query_timeout`` is stopped; they start now and stop with the app's lifespan.
    """
    settings = settings or get_settings()
    own_store = store is None
    store = store or open_store(settings.store, update_url=settings.update_url, gsp_url=settings.gsp_url)
    executor = executor_for(
        store,
        settings.query_timeout,
        settings.max_result_bytes,
        settings.query_workers,
        fast_workers=settings.fast_lane_workers,
        fast_budget=settings.fast_lane_seconds,
        max_waiting=settings.query_queue,
        max_memory=settings.query_memory_bytes,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        executor.close()
        if own_store:
            store.close()

    app = _App(
        title="newsgraph",
        version=package_version(),
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        description="Who did what to whom, according to which article: a knowledge graph of news.",
    )
    app.state.settings = settings
    app.state.store = store
    app.state.executor = executor
    app.state.writes = Writes(store, executor)
    errors.install(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_request_bytes)
    # analytics before actors: /actors/{id}/network must not be taken for an actor id ending in /network
    for module in (health, analytics, actors, relations, articles, paths, stats, sparql, graph_store, export):
        app.include_router(module.router)
    ui.install(app)  # the workbench at /, its static files, and /docs and /redoc served offline
    return app


__all__ = ["create_app"]
