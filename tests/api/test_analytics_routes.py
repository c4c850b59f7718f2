"""The analytics routes, the offline docs, the browser's /sparql and the fixes of issue 13, over a real
server on the seeded store."""

from __future__ import annotations

import io
import re

import httpx
import networkx as nx
import pytest
from servers import TOKEN, store_copy, writable_server  # noqa: F401 - fixtures


def get(server, path, **params):
    return httpx.get(f"{server}{path}", params=params, timeout=30)


@pytest.mark.parametrize("by", ["degree", "weighted_degree", "PageRank", "betweenness"])
def test_centrality_ranks_putin_first_in_the_seed(server, by):
    response = get(server, "/analytics/centrality", by=by, limit=5)
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert items[0]["id"] == "vladimir-putin" and items[0]["label"] == "Vladimir Putin"
    assert {"degree", "weighted_degree", "pagerank", "betweenness"} <= set(items[0])


@pytest.mark.parametrize(
    "params, status",
    [({"by": "fame"}, 422), ({"category": "hug"}, 400), ({"polarity": "maybe"}, 400), ({"min_confidence": 2}, 422)],
)
def test_bad_analytics_parameters_are_refused(server, params, status):
    assert get(server, "/analytics/centrality", **params).status_code == status


def test_the_network_filtered_by_category_has_only_that_category(server):
    data = get(server, "/analytics/network", category="consult").json()
    assert data["edges"] and {e["category"] for e in data["edges"]} == {"CONSULT"}
    ids = {n["id"] for n in data["nodes"]}
    assert {e["source"] for e in data["edges"]} | {e["target"] for e in data["edges"]} <= ids


@pytest.mark.parametrize("actor", ["vladimir-putin", "Q7747"])
def test_an_actors_network_holds_its_partners(server, actor):
    data = get(server, f"/actors/{actor}/network", depth=1).json()
    assert data["center"] == "vladimir-putin"
    assert {"miguel-diaz-canel", "abdel-fattah-el-sisi"} <= {n["id"] for n in data["nodes"]}


def test_an_unknown_actors_network_is_a_404(server):
    assert get(server, "/actors/nobody-at-all/network").status_code == 404


def test_communities_group_every_partner_of_putin_with_him_in_the_seed(server):
    items = get(server, "/analytics/communities").json()["items"]
    assert sum(c["size"] for c in items) == len({m["id"] for c in items for m in c["members"]})
    assert any("vladimir-putin" in {m["id"] for m in c["members"]} for c in items)


def test_change_needs_windows_and_finds_nothing_in_an_undated_seed(server):
    assert get(server, "/analytics/change", before="2021", after="2022").json()["items"] == []
    assert get(server, "/analytics/change", before="last year", after="2022").status_code == 400


def test_paths_take_the_filters(server):
    found = get(server, "/paths", **{"from": "miguel-diaz-canel", "to": "nicolas-maduro"}).json()
    assert found["length"] == 2 and found["paths"][0][0]["to"]["id"] == "vladimir-putin"
    none = get(server, "/paths", **{"from": "miguel-diaz-canel", "to": "nicolas-maduro", "category": "AID"}).json()
    assert none["paths"] == []


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_the_network_exports_for_gephi(server, fmt, read):
    response = get(server, "/export", format=fmt)
    assert response.status_code == 200 and fmt in response.headers["content-type"]
    graph = read(io.BytesIO(response.content))
    assert graph.nodes["vladimir-putin"]["label"] == "Vladimir Putin"


def test_an_unknown_actor_gets_suggestions(server):
    response = get(server, "/actors/putin")
    assert response.status_code == 404
    assert response.json()["suggestions"][0] == {"id": "vladimir-putin", "label": "Vladimir Putin"}


@pytest.mark.parametrize("value", ["person", "PERSON", "Person"])
def test_actor_types_take_any_case(server, value):
    response = get(server, "/actors", q="putin", type=value)
    assert [a["label"] for a in response.json()["items"]] == ["Vladimir Putin"]


@pytest.mark.parametrize("value", ["outgoing", "OUTGOING", "Outgoing"])
def test_directions_take_any_case(server, value):
    response = get(server, "/actors/vladimir-putin/relations", direction=value)
    assert response.status_code == 200, response.text
    assert {r["direction"] for r in response.json()["items"]} == {"outgoing"}


def test_a_browser_asking_for_sparql_gets_the_editor(server):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = httpx.get(f"{server}/sparql", headers={"Accept": browser})
    assert response.status_code == 303 and response.headers["location"].endswith("/#/sparql")
    described = httpx.get(f"{server}/sparql", headers={"Accept": "text/turtle"})
    assert described.status_code == 200 and "sparql-service-description" in described.text


@pytest.mark.parametrize("page", ["/docs", "/redoc", "/"])
def test_pages_load_their_assets_from_the_server_itself(server, page):
    html = httpx.get(f"{server}{page}").text
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(not a.startswith(("http:", "https:", "//")) for a in assets), assets
    for asset in assets:
        if asset.startswith("/static/"):
            assert httpx.get(f"{server}{asset}").status_code == 200, asset


def test_articles_list_their_source(writable_server):  # noqa: F811 - the fixture
    article = {"id": "src-1", "text": "Emmanuel Macron met with Angela Merkel in Berlin.", "source": "example.org"}
    posted = httpx.post(
        f"{writable_server}/articles", json=article, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60
    )
    assert posted.status_code == 201, posted.text
    items = httpx.get(f"{writable_server}/articles").json()["items"]
    assert next(a for a in items if a["id"] == "src-1")["source"] == "example.org"
