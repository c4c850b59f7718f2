"""The REST API's contracts are visible in /openapi.json: every field of every answer is documented,
and lists share one envelope (items, total, next)."""

from __future__ import annotations

import httpx
import pytest

ROUTES = [
    "/healthz",
    "/stats",
    "/actors?q=putin",
    "/actors/Q7747",
    "/actors/Q7747/relations?limit=3",
    "/relations?limit=3",
    "/articles",
    "/articles/000_8ba8fdaa8bbfb1fc.txt",
    "/paths?from=abdel-fattah-el-sisi&to=miguel-diaz-canel",
    "/analytics/centrality?limit=3",
    "/analytics/communities?limit=2",
    "/analytics/network?limit=5",
    "/actors/Q7747/network",
    "/analytics/change?before=2021&after=2022",
]
LISTS = [
    "/actors?limit=2",
    "/relations?limit=2",
    "/relations?limit=2&polarity=all&min_confidence=0",
    "/actors/Q7747/relations?limit=2",
    "/actors/Q7747/relations?limit=2&direction=incoming&polarity=all&min_confidence=0",
    "/articles?limit=1",
    "/analytics/centrality?limit=2",
    "/analytics/communities?limit=1",
]


@pytest.fixture(scope="module")
def openapi(server) -> dict:
    return httpx.get(f"{server}/openapi.json").json()


def _resolve(schema: dict, spec: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _undocumented(value, schema: dict, spec: dict, where: str) -> list[str]:
    """Paths of the fields of ``value`` that ``schema`` does not describe."""
    schema = _resolve(schema, spec)
    options = schema.get("anyOf") or schema.get("oneOf")
    if options:
        typed = [o for o in options if _resolve(o, spec).get("type") != "null"]
        return [] if value is None else min((_undocumented(value, o, spec, where) for o in typed), key=len)
    if isinstance(value, dict):
        properties = schema.get("properties")
        if properties is None:  # a map (relations per event type): its values have one schema
            extra = schema.get("additionalProperties", {})
            return [p for k, v in value.items() for p in _undocumented(v, extra, spec, f"{where}.{k}")]
        missing = [f"{where}.{k}" for k in value if k not in properties]
        return missing + [
            p
            for k, v in value.items()
            if k in properties
            for p in _undocumented(v, properties[k], spec, f"{where}.{k}")
        ]
    if isinstance(value, list):
        return [
            p for i, v in enumerate(value[:3]) for p in _undocumented(v, schema.get("items", {}), spec, f"{where}[{i}]")
        ]
    return []


def _documented_200(spec: dict, path: str) -> dict:
    route = path.split("?")[0]
    for template, item in spec["paths"].items():
        parts, asked = template.strip("/").split("/"), route.strip("/").split("/")
        if len(parts) == len(asked) and all(p == a or p.startswith("{") for p, a in zip(parts, asked, strict=True)):
            return item["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    raise AssertionError(f"{route} is not in the OpenAPI document")


@pytest.mark.parametrize("path", ROUTES)
def test_every_field_of_every_answer_is_documented(server, openapi, path):
    response = httpx.get(f"{server}{path}")
    assert response.status_code == 200, response.text
    schema = _documented_200(openapi, path)
    assert _resolve(schema, openapi).get("properties"), f"{path}: no documented fields"
    assert _undocumented(response.json(), schema, openapi, path) == []


@pytest.mark.parametrize("path", LISTS)
def test_lists_share_one_envelope_and_page_through_next(server, path):
    first = httpx.get(f"{server}{path}").json()
    assert set(first) - {"items", "total", "next"} == ({"actor"} if "/actors/" in path else set())
    seen, page = list(first["items"]), first
    while page["next"] is not None:
        page = httpx.get(page["next"]).json()
        seen += page["items"]
    params = dict(p.split("=") for p in path.split("?")[1].split("&"))
    limit = int(params["limit"])
    everything = httpx.get(f"{server}{path.split('?')[0]}", params={**params, "limit": max(limit, 500)}).json()["items"]
    assert seen == everything
    assert first["total"] in (None, len(everything))
    if "relations" in path:  # counted, not left null
        assert first["total"] == len(everything) >= 1


@pytest.mark.parametrize(
    "path, model",
    [
        ("/actors/Q7747/relations", "ActorRelations"),
        ("/actors/Q7747/relations?polarity=all&min_confidence=0&limit=2&offset=1", "ActorRelations"),
        ("/actors/miguel-diaz-canel/relations?direction=incoming", "ActorRelations"),
        ("/relations?polarity=all&min_confidence=0", "Page[Relation]"),
    ],
)
def test_bodies_written_outside_pydantic_validate_against_the_declared_model(server, openapi, path, model):
    """The relation reader writes the actor relations' JSON itself (for speed): the declared model
    must still hold, field by field, and be the one /openapi.json names."""
    from api import models

    response = httpx.get(f"{server}{path}")
    assert response.status_code == 200, response.text
    declared = models.ActorRelations if model == "ActorRelations" else models.Page[models.Relation]
    document = declared.model_validate_json(response.content)
    assert document.items and document.total is not None and document.total >= len(document.items)
    assert declared.model_validate(document.model_dump(mode="json")) == document  # nothing lost
    assert _resolve(_documented_200(openapi, path), openapi)["title"] == model
