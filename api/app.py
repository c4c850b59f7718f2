"""The FastAPI application: REST API, SPARQL endpoint and the small web UI."""

from __future__ import annotations

from contextlib import asynccontextmanager
from importlib.resources import files

from fastapi import FastAPI
from fastapi.responses import FileResponse

from api import errors
from api.routes import actors, export, health, sparql
from api.settings import Settings, get_settings
from graph.store import Store, open_store


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """Build the app over ``store`` (or the store ``settings.store`` names, opened now)."""
    settings = settings or get_settings()
    store = store or open_store(settings.store)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.store.close()

    app = FastAPI(title="newsgraph", version="0.1.0", lifespan=lifespan,
                  description="Who did what to whom, according to which article: a knowledge graph of news.")
    app.state.settings = settings
    app.state.store = store
    errors.install(app)
    for module in (health, actors, sparql, export):
        app.include_router(module.router)
    index = str(files("api") / "static" / "index.html")

    @app.get("/", include_in_schema=False)
    def ui() -> FileResponse:
        return FileResponse(index, media_type="text/html")

    return app


__all__ = ["create_app"]
