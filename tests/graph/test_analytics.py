"""Network analytics on a small hand-built graph: what each measure says about who is central, who
belongs together, who is near whom, and who gained or lost partners."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analytics import (
    Filters,
    Interaction,
    Interactions,
    build_graph,
    cached_interaction_graph,
    centrality_scores,
    change,
    communities,
    ego_network,
    interactions,
    parse_window,
    shortest_paths,
)
from graph.errors import NotFoundError, QueryError

A = "https://w3id.org/newsgraph/article/"


def fact(s, o, category="CONSULT", article="a1", date="2022-01-10", confidence=0.9):
    return Interaction(s, o, category, A + article, date, confidence, True)


def nonfact(s, o, category="AGREE", article="a1", date="2022-01-10", confidence=0.9):
    return Interaction(s, o, category, A + article, date, confidence, False)


# Two triangles (west: ann, bob, cat; east: xi, yu, zoe) joined by one bridge cat-xi, plus a non-fact
# ann-zoe, a low-confidence dan-ann, and relations in 2023 only for bob.
ROWS = (
    fact("ann", "bob"),
    fact("bob", "cat"),
    fact("cat", "ann"),
    fact("xi", "yu", "SUPPORT"),
    fact("yu", "zoe", "SUPPORT"),
    fact("zoe", "xi", "SUPPORT"),
    fact("cat", "xi", "AID", article="a2", date="2022-02-01"),
    nonfact("ann", "zoe"),
    fact("dan", "ann", "DEMAND", confidence=0.2),
    fact("bob", "eve", "REJECT", article="a3", date="2023-05-01"),
    fact("bob", "eve", "REJECT", article="a4", date="2023-06-01"),
    fact("bob", "fay", "CONSULT", article="a5", date=None),
)
ACTORS = {name: (name.title(), "Person") for name in ("ann", "bob", "cat", "dan", "eve", "fay")}
ACTORS |= {name: (name.title(), "Country") for name in ("xi", "yu", "zoe")}
DATA = Interactions(ROWS, ACTORS)


def partners(graph: nx.MultiDiGraph, actor: str) -> set[str]:
    return set(graph.successors(actor)) | set(graph.predecessors(actor))


@pytest.mark.parametrize(
    "filters, ann, zoe",
    [
        (Filters(), {"bob", "cat", "dan"}, {"xi", "yu"}),  # facts only: the non-fact ann-zoe is left out
        (Filters(polarity="ALL"), {"bob", "cat", "dan", "zoe"}, {"xi", "yu", "ann"}),
        (Filters(polarity="nonfacts"), {"zoe"}, {"ann"}),
        (Filters(min_confidence=0.5), {"bob", "cat"}, {"xi", "yu"}),
        (Filters(categories=frozenset({"consult"})), {"bob", "cat"}, set()),
        (Filters(since="2022-01-01", until="2022-12-31"), {"bob", "cat", "dan"}, {"xi", "yu"}),
        (Filters(articles=frozenset({A + "a2"})), set(), set()),
    ],
)
def test_filters_choose_the_relations_of_the_graph(filters, ann, zoe):
    graph = build_graph(DATA, filters)
    assert (partners(graph, "ann") if "ann" in graph else set()) == ann
    assert (partners(graph, "zoe") if "zoe" in graph else set()) == zoe


def test_a_date_window_leaves_undated_articles_out():
    assert "fay" in build_graph(DATA) and "fay" not in build_graph(DATA, Filters(since="2000-01-01"))


@pytest.mark.parametrize("bad", [{"categories": frozenset({"hug"})}, {"polarity": "maybe"}, {"min_confidence": 2}])
def test_bad_filters_are_refused(bad):
    with pytest.raises(QueryError):
        Filters(**bad)


def test_edges_count_relations_per_category_with_their_dates_and_articles():
    graph = build_graph(DATA)
    edge = graph.edges["bob", "eve", "REJECT"]
    assert (edge["count"], edge["articles"], edge["first"], edge["last"]) == (2, 2, "2023-05-01", "2023-06-01")
    assert graph.nodes["bob"]["label"] == "Bob" and graph.nodes["xi"]["type"] == "Country"


def test_the_bridge_actors_have_the_highest_betweenness():
    rows = centrality_scores(build_graph(DATA), limit=3, by="betweenness")
    assert rows[0]["id"] == "cat"
    by_id = {r["id"]: r for r in centrality_scores(build_graph(DATA), limit=100)}
    assert by_id["cat"]["betweenness"] > by_id["ann"]["betweenness"] > by_id["dan"]["betweenness"] == 0
    assert by_id["xi"]["betweenness"] > by_id["yu"]["betweenness"]


def test_degree_counts_partners_and_weighted_degree_counts_relations():
    by_id = {r["id"]: r for r in centrality_scores(build_graph(DATA), limit=100, by="degree")}
    assert (by_id["bob"]["degree"], by_id["bob"]["weighted_degree"]) == (4, 5)  # ann, cat, eve (twice), fay
    assert by_id["dan"]["degree"] == 1


def test_pagerank_follows_the_direction_and_weight_of_relations():
    rows = (
        fact("a", "hub"),
        fact("b", "hub"),
        fact("c", "hub"),
        fact("hub", "d"),
        fact("e", "f", article="x1"),
        fact("e", "f", article="x2"),
        fact("g", "f", article="x3"),
    )
    ranked = [r["id"] for r in centrality_scores(build_graph(Interactions(rows, {})), limit=10)]
    assert ranked.index("hub") < ranked.index("a") and ranked.index("f") < ranked.index("e")
    assert ranked.index("d") < ranked.index("a")  # the hub passes its rank on


def test_an_unknown_measure_is_refused():
    with pytest.raises(QueryError):
        centrality_scores(build_graph(DATA), by="fame")


def test_louvain_finds_the_two_triangles_the_same_way_every_time():
    found = [communities(build_graph(DATA)) for _ in range(3)]
    assert found[0] == found[1] == found[2]
    groups = [{m["id"] for m in c["members"]} for c in found[0]]
    west = next(g for g in groups if "ann" in g)
    east = next(g for g in groups if "xi" in g)
    assert {"ann", "cat"} <= west and {"xi", "yu", "zoe"} <= east and not west & east
    assert next(c for c in found[0] if "xi" in {m["id"] for m in c["members"]})["categories"]["SUPPORT"] == 3


@pytest.mark.parametrize(
    "depth, expected",
    [
        (1, {"cat", "ann", "bob", "xi"}),
        (2, {"cat", "ann", "bob", "xi", "yu", "zoe", "dan", "eve", "fay"}),
    ],
)
def test_ego_networks_grow_with_depth(depth, expected):
    ego = ego_network(build_graph(DATA), "cat", depth)
    assert {n["id"] for n in ego["nodes"]} == expected
    assert all(e["source"] in expected and e["target"] in expected for e in ego["edges"])


def test_an_actor_outside_the_filtered_graph_has_no_ego_network():
    with pytest.raises(NotFoundError):
        ego_network(build_graph(DATA, Filters(categories=frozenset({"SUPPORT"}))), "ann")


def test_shortest_paths_cross_the_bridge_and_stop_at_the_filters():
    assert shortest_paths(build_graph(DATA), "ann", "yu") == [["ann", "cat", "xi", "yu"]]
    assert shortest_paths(build_graph(DATA, Filters(polarity="all")), "ann", "yu") == [["ann", "zoe", "yu"]]
    assert shortest_paths(build_graph(DATA, Filters(categories=frozenset({"CONSULT"}))), "ann", "yu") == []


def test_change_between_two_years_names_the_partners_gained_and_lost():
    found = change(DATA, parse_window("2022"), parse_window("2023"))
    rows = {r["id"]: r for r in found}
    bob = rows["bob"]
    assert [p["id"] for p in bob["gained"]] == ["eve"] and [p["id"] for p in bob["lost"]] == ["ann", "cat"]
    assert (bob["before"], bob["after"], bob["kept"]) == (2, 1, 0)
    assert [p["id"] for p in rows["eve"]["gained"]] == ["bob"] and "fay" not in rows  # undated: in neither
    changes = [len(r["gained"]) + len(r["lost"]) for r in found]
    assert changes == sorted(changes, reverse=True)  # most changed first


@pytest.mark.parametrize(
    "text, window",
    [
        ("2022", ("2022-01-01", "2022-12-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2022-01-05..2022-03-01", ("2022-01-05", "2022-03-01")),
        ("..2022-03", (None, "2022-03-31")),
        ("2021..", ("2021-01-01", None)),
    ],
)
def test_date_windows(text, window):
    assert parse_window(text) == window


@pytest.mark.parametrize("text", ["", "yesterday", "2022-13", "2022/01"])
def test_bad_date_windows_are_refused(text):
    with pytest.raises(QueryError):
        parse_window(text)


TRIG = """
@prefix ng: <https://w3id.org/newsgraph/ontology#> . @prefix plover: <https://w3id.org/newsgraph/plover/> .
@prefix actor: <https://w3id.org/newsgraph/actor/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/newsgraph/graph/actors> {
  actor:ann a ng:Actor, ng:Person ; rdfs:label "Ann" . actor:kor a ng:Actor, ng:Country ; rdfs:label "Korland" . }
<https://w3id.org/newsgraph/article/a1> {
  <https://w3id.org/newsgraph/article/a1> a ng:Article ; dcterms:date "2022-05-01"^^xsd:date .
  <urn:r1> ng:subject actor:ann ; ng:object actor:kor ; ng:eventType plover:CONSULT ; ng:confidence 0.8 ;
    ng:negated false ; ng:modality ng:Asserted .
  <urn:r2> ng:subject actor:kor ; ng:object actor:ann ; ng:eventType plover:THREATEN ; ng:confidence 0.6 ;
    ng:negated true ; ng:modality ng:Asserted .
  <urn:r3> ng:subject actor:ann ; ng:object actor:kor ; ng:confidence 0.5 ; ng:negated false ;
    ng:modality ng:Hypothetical . }
"""


@pytest.fixture
def small_store():
    import pyoxigraph as ox

    from graph.store import open_store

    store = open_store("memory:")
    store.load(TRIG.encode(), ox.RdfFormat.TRIG)
    yield store
    store.close()


def test_the_store_is_read_with_categories_dates_and_polarity(small_store):
    data = interactions(small_store)
    assert set(data.rows) == set(
        [
            Interaction("ann", "kor", "CONSULT", A + "a1", "2022-05-01", 0.8, True),
            Interaction("kor", "ann", "THREATEN", A + "a1", "2022-05-01", 0.6, False),
            Interaction("ann", "kor", None, A + "a1", "2022-05-01", 0.5, False),
        ]
    )  # hypothetical: not a fact
    assert data.actors == {"ann": ("Ann", "Person"), "kor": ("Korland", "Country")}


def test_the_cached_graph_is_rebuilt_after_a_write(small_store):
    first = cached_interaction_graph(small_store, 0)
    assert cached_interaction_graph(small_store, 0) is first
    assert cached_interaction_graph(small_store, 0, Filters(polarity="all")) is not first
    assert cached_interaction_graph(small_store, 1) is not first
