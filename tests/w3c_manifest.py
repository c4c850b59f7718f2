"""Reading W3C test manifests (``tests/api/w3c/``) and sending the HTTP requests they describe.

Importable as ``w3c_manifest`` from every test module (``tests/`` is on ``sys.path``)."""

from __future__ import annotations

from pathlib import Path

import httpx
import rdflib
from rdflib.collection import Collection

W3C = Path(__file__).parent / "api" / "w3c"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
HTS = "http://www.w3.org/2011/http-statusCodes#"
STATUS_NAMES = {"OK": 200, "Created": 201, "NoContent": 204, "NotFound": 404, "BadRequest": 400}


def manifest(path: Path) -> tuple[rdflib.Graph, list[rdflib.term.Node]]:
    """A manifest's graph and its entries, in order."""
    graph = rdflib.Graph().parse(path, format="turtle", publicID=path.as_uri())
    entries = next(graph.objects(None, MF.entries))
    return graph, list(Collection(graph, entries))


def name(test: rdflib.term.Node) -> str:
    return str(test).rsplit("#", 1)[-1]


def items(graph: rdflib.Graph, node: rdflib.term.Node | None) -> list[rdflib.term.Node]:
    """The members of an RDF list (none for None)."""
    return list(Collection(graph, node)) if node is not None else []


def headers(graph: rdflib.Graph, message: rdflib.term.Node) -> dict[str, str]:
    return {
        str(graph.value(h, HT.fieldName)).lower(): str(graph.value(h, HT.fieldValue))
        for h in items(graph, graph.value(message, HT.headers))
    }


def body(graph: rdflib.Graph, message: rdflib.term.Node, replace: dict[str, str]) -> bytes | None:
    node = graph.value(message, HT.body)
    if node is None:
        return None
    text = str(graph.value(node, CNT.chars))
    for old, new in replace.items():
        text = text.replace(old, new)
    return text.encode(str(graph.value(node, CNT.characterEncoding) or "UTF-8"))


def send(
    graph: rdflib.Graph,
    base: str,
    request: rdflib.term.Node,
    paths: tuple[str, str],
    extra_headers: dict[str, str],
    replace: dict[str, str] | None = None,
) -> httpx.Response:
    """Send one ``ht:Request`` to ``base``, its path prefix ``paths[0]`` replaced by ``paths[1]``."""
    replace = replace or {}
    path = str(graph.value(request, HT.absolutePath))
    for old, new in replace.items():
        path = path.replace(old, new)
    path = path.replace(paths[0], paths[1], 1)
    return httpx.request(
        str(graph.value(request, HT.methodName)),
        base + path,
        timeout=30,
        content=body(graph, request, replace),
        headers={**headers(graph, request), **extra_headers},
    )


def expected_statuses(graph: rdflib.Graph, response: rdflib.term.Node) -> tuple[set[str], set[int]]:
    """The status classes (``"2"``) and exact codes a response may have."""
    classes, codes = set(), set()
    for status in graph.objects(response, MF.expectedStatus):
        local = str(status).removeprefix(HTS)
        if local.startswith("StatusCode"):
            classes.add(local.removeprefix("StatusCode")[0])
        else:
            codes.add(STATUS_NAMES[local])
    return classes, codes


def assert_status(graph: rdflib.Graph, response: httpx.Response, expected: rdflib.term.Node) -> None:
    classes, codes = expected_statuses(graph, expected)
    ok = str(response.status_code)[0] in classes or response.status_code in codes
    assert ok, f"{response.status_code} not in {sorted(classes)}xx / {sorted(codes)}: {response.text[:500]}"


__all__ = ["HT", "MF", "W3C", "assert_status", "body", "headers", "items", "manifest", "name", "send"]
