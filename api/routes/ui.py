"""The workbench (a single page at ``/``) and the API docs, all served from the package's own files.

Swagger UI and ReDoc come from ``api/static/vendor/`` (copied from npm), so ``/docs`` and ``/redoc``
work offline; FastAPI's defaults would load them, and a favicon and fonts, from CDNs.
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from api.formatting import GRAPH_MEDIA_TYPES, RESULTS_MEDIA_TYPES, choose

STATIC = str(files("api") / "static")
VENDOR = "/static/vendor"
router = APIRouter(include_in_schema=False)


def wants_html(request: Request) -> bool:
    """Whether the client (a browser) prefers an HTML page to any RDF or SPARQL results format.

    >>> from starlette.requests import Request
    >>> browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    >>> wants_html(Request({"type": "http", "headers": [(b"accept", browser.encode())]}))
    True
    >>> wants_html(Request({"type": "http", "headers": [(b"accept", b"text/turtle")]}))
    False
    """
    offered = ("text/html", *GRAPH_MEDIA_TYPES, *RESULTS_MEDIA_TYPES)
    return choose(request.headers.get("accept"), offered, None) == "text/html"


@router.get("/")
def workbench() -> FileResponse:
    return FileResponse(f"{STATIC}/index.html", media_type="text/html")


@router.get("/workbench/prefixes")
def prefixes() -> dict[str, str]:
    """The project's prefixes, for the SPARQL editor's completion (the endpoint predeclares them too)."""
    from graph.terms import PREFIXES

    return dict(PREFIXES)


@router.get("/docs")
def swagger(request: Request) -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url=request.app.openapi_url,
        title=f"{request.app.title} API",
        oauth2_redirect_url="/docs/oauth2-redirect",
        swagger_js_url=f"{VENDOR}/swagger-ui/swagger-ui-bundle.js",
        swagger_css_url=f"{VENDOR}/swagger-ui/swagger-ui.css",
        swagger_favicon_url=f"{VENDOR}/swagger-ui/favicon-32x32.png",
        swagger_ui_parameters={"validatorUrl": None},
    )


@router.get("/docs/oauth2-redirect")
def swagger_redirect() -> HTMLResponse:
    return get_swagger_ui_oauth2_redirect_html()


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    return get_redoc_html(
        openapi_url=request.app.openapi_url,
        title=f"{request.app.title} API",
        redoc_js_url=f"{VENDOR}/redoc/redoc.standalone.js",
        redoc_favicon_url=f"{VENDOR}/swagger-ui/favicon-32x32.png",
        with_google_fonts=False,
    )


def install(app: FastAPI) -> None:
    """Serve the workbench, its static files and the offline API docs on ``app`` (built with ``docs_url=None``)."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")


__all__ = ["install", "router", "wants_html"]
