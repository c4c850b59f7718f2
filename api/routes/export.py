"""Export the graph as RDF."""

from __future__ import annotations

import io

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import StoreDep
from graph.export import FORMATS, SUFFIXES, export, rdf_format

router = APIRouter(tags=["export"])


@router.get("/export", responses={200: {"content": {"text/turtle": {}}}})
def export_graph(store: StoreDep, format: str = Query("turtle", description=", ".join(FORMATS)),
                 reference: bool = Query(False, description="only the reference data")) -> Response:
    """The whole graph (triple formats: union of all graphs; TriG and N-Quads keep article graphs)."""
    fmt = rdf_format(format)
    buffer = io.BytesIO()
    export(store, buffer, fmt, reference_only=reference)
    name = next((k for k, v in FORMATS.items() if v == fmt), "graph")
    return Response(buffer.getvalue(), media_type=fmt.media_type,
                    headers={"Content-Disposition": f'inline; filename="newsgraph{SUFFIXES.get(name, "")}"'})
