"""Writes (SPARQL Update, POST /articles): off without a token; then only with the bearer token."""

from __future__ import annotations

import httpx
import pytest
from servers import TOKEN

UPDATE = 'INSERT DATA { GRAPH <urn:test:g> { <urn:test:a> <urn:test:p> "written" } }'
CHECK = 'ASK { GRAPH <urn:test:g> { <urn:test:a> <urn:test:p> "written" } }'
ARTICLE = {
    "id": "posted-1",
    "title": "A call",
    "date": "2024-03-01",
    "text": "Emmanuel Macron called Olaf Scholz on Monday. Macron criticised Russia.",
}


def writes(base: str, kind: str, headers: dict) -> httpx.Response:
    if kind == "update-direct":
        return httpx.post(
            f"{base}/sparql", content=UPDATE, headers={**headers, "Content-Type": "application/sparql-update"}
        )
    if kind == "update-form":
        return httpx.post(f"{base}/sparql", data={"update": UPDATE}, headers=headers)
    return httpx.post(f"{base}/articles", json=ARTICLE, headers=headers, timeout=60)


KINDS = ["update-direct", "update-form", "articles"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("headers", [{}, {"Authorization": f"Bearer {TOKEN}"}])
def test_writes_are_forbidden_without_a_configured_token(server, kind, headers):
    response = writes(server, kind, headers)
    assert response.status_code == 403 and response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "headers, status",
    [
        ({}, 401),
        ({"Authorization": "Basic dXNlcjpwYXNz"}, 401),
        ({"Authorization": "Bearer"}, 401),
        ({"Authorization": "Bearer not-the-token-at-all-xx"}, 403),
    ],
)
def test_writes_need_the_right_bearer_token(writable_server, kind, headers, status):
    response = writes(writable_server, kind, headers)
    assert response.status_code == status, response.text
    if status == 401:
        assert response.headers["www-authenticate"] == "Bearer"
    assert httpx.get(f"{writable_server}/sparql", params={"query": CHECK}).json()["boolean"] is False


@pytest.mark.parametrize("kind", ["update-direct", "update-form"])
def test_an_authorised_update_is_seen_by_later_queries(writable_server, kind):
    response = writes(writable_server, kind, {"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 204, response.text
    assert httpx.get(f"{writable_server}/sparql", params={"query": CHECK}).json()["boolean"] is True


def test_service_description_announces_updates_when_enabled(writable_server):
    assert "SPARQL11Update" in httpx.get(f"{writable_server}/sparql").text


@pytest.mark.parametrize(
    "body, content_type",
    [
        (ARTICLE, "application/json"),
        ([ARTICLE], "application/json"),
        (ARTICLE["text"], "text/plain"),
    ],
)
def test_posted_articles_are_ingested_and_served(writable_server, body, content_type):
    import json

    auth = {"Authorization": f"Bearer {TOKEN}"}
    content = body if isinstance(body, str) else json.dumps(body)
    params = {"id": "posted-1"} if content_type == "text/plain" else {}
    response = httpx.post(
        f"{writable_server}/articles",
        content=content.encode(),
        params=params,
        headers={**auth, "Content-Type": content_type},
        timeout=60,
    )
    assert response.status_code == 201, response.text
    assert response.json()["ids"] == ["posted-1"] and response.json()["articles"] == 1
    article = httpx.get(f"{writable_server}/articles/posted-1").json()
    assert any(r["predicate"] == "called" and r["subject"]["label"] == "Emmanuel Macron" for r in article["relations"])
    found = httpx.get(
        f"{writable_server}/sparql",
        params={"query": ("PREFIX ng: <https://w3id.org/newsgraph/ontology#> ASK { ?a ng:called ?b }")},
    ).json()
    assert found["boolean"] is True


@pytest.mark.parametrize(
    "content, content_type",
    [
        (b"{not json", "application/json"),
        (b'{"id": "x"}', "application/json"),
        (b"   ", "text/plain"),
        (b"\xff\xfe", "text/plain"),
        (b"<a/>", "application/xml"),
    ],
)
def test_bad_article_bodies_are_4xx_problems(writable_server, content, content_type):
    response = httpx.post(
        f"{writable_server}/articles",
        content=content,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": content_type},
    )
    assert 400 <= response.status_code < 500 and response.headers["content-type"] == "application/problem+json"
