"""``GET /actors/{id}/relations`` read without FastAPI (``api/fast_relations.py``): the plain form
gives the route's own job and answer, and every other form is left to the route."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.fast_relations import ROUTE, relations_job
from graph.terms import ACTOR, ARTICLE, PLOVER

PATH = "/actors/Q7747/relations"


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        (PATH, "", {"actor": ("qid", "Q7747", "Q7747"), "asserted_only": True, "min_confidence": 0.7, "limit": 100}),
        ("/actors/vladimir-putin/relations", "polarity=all&min_confidence=0", {"asserted_only": False}),
        (f"/actors/{ACTOR}x/relations", "", {"actor": ("iri", ACTOR + "x", ACTOR + "x")}),
        ("/actors/a/relations/relations", "", {"actor": ("iri", ACTOR + "a/relations", "a/relations")}),
        (PATH, "min_confidence=0", {"min_confidence": None}),  # 0 filters nothing
        (PATH, "min_confidence=0.25&limit=1000&offset=1000000", {"min_confidence": 0.25, "offset": 1_000_000}),
        (PATH, "direction=incoming&event_type=consult", {"direction": "incoming", "event_type": PLOVER + "CONSULT"}),
        (PATH, "since=2020-02-29&until=2021-01-31", {"since": "2020-02-29", "until": "2021-01-31"}),
        (PATH, "predicate=called%20on&polarity=asserted", {"predicate": "called on", "asserted_only": True}),
        (PATH, "article=a.txt", {"article": (ARTICLE + "a.txt", "a.txt")}),
    ],
)
def test_the_plain_form_gives_the_routes_job(path, query, expected):
    job = relations_job(path, query, None, 0.7)
    assert job is not None
    assert {name: getattr(job, name) for name in expected} == expected


@pytest.mark.parametrize(
    ("path", "query", "accept"),
    [
        (PATH, "", "text/turtle"),  # RDF: the route's
        (PATH, "", "image/png"),  # the route's 406
        ("/actors//relations", "", None),
        ("/actors/Q7747/relations/", "", None),
        ("/actors/Q7747/network", "", None),
        ("/actors/Q7747", "", None),
        ("/relations", "", None),
        (PATH, "limit=5&limit=6", None),  # repeated: the route takes the last
        (PATH, "unknown=1", None),  # the route ignores it
        (PATH, "limit=", None),
        (PATH, "predicate=", None),
        (PATH, "limit=0", None),
        (PATH, "limit=1001", None),
        (PATH, "limit=05", None),
        (PATH, "limit=+5", None),
        (PATH, "offset=-1", None),
        (PATH, "offset=1000001", None),
        (PATH, "min_confidence=1.5", None),
        (PATH, "min_confidence=1e-1", None),
        (PATH, "min_confidence=.5", None),
        (PATH, "min_confidence=nan", None),
        (PATH, "direction=OUTGOING", None),  # the route accepts it: it is the route's to read
        (PATH, "direction=sideways", None),
        (PATH, "polarity=All", None),
        (PATH, "event_type=x", None),
        (PATH, "event_type=two%20words", None),
        (PATH, "since=2020-02-30", None),
        (PATH, "since=2020-1-1", None),
        (PATH, "until=20200101", None),
        (PATH, "predicate=" + "x" * 101, None),
        (PATH, "article=" + "x" * 501, None),
        ("/actors/http://not an iri/relations", "", None),
    ],
)
def test_every_other_form_is_left_to_the_route(path, query, accept):
    assert relations_job(path, query, accept, 0.7) is None


def route_only(app) -> TestClient:
    """A client of ``app`` without its front: FastAPI's routing and routes alone."""

    async def asgi(scope, receive, send):
        await FastAPI.__call__(app, scope, receive, send)

    return TestClient(asgi)


@pytest.fixture(scope="module")
def memory_app():
    from api.app import create_app
    from api.settings import Settings
    from graph.store import open_store

    return create_app(Settings(store="memory:"), store=open_store("memory:"))


def test_the_pattern_is_the_routes_own():
    from api.routes import actors

    (route,) = [r for r in actors.router.routes if getattr(r, "endpoint", None) is actors.relations]
    assert route.path_regex.pattern == ROUTE.pattern


#: values only the relations route refuses, each of its own parameters: its 422 names them all
REFUSED = "direction=x&polarity=x&event_type=1&since=x&until=x&limit=0&offset=-1&min_confidence=2"


@pytest.mark.parametrize(
    "path",
    [
        PATH,
        "/actors/a/network/relations",
        "/actors/a/relations/network",
        "/actors/a/relations/relations",
        "/actors/https://w3id.org/newsgraph/actor/x/relations",
        "/actors/a%0A/relations",
        "/actors/relations",
        "/actors/a/relations/",
        "/actors/a/network",
    ],
)
def test_a_path_the_pattern_takes_is_one_the_app_routes_to_the_relations_route(memory_app, path):
    """No route before it takes what the pattern does (routes match in order)."""
    from urllib.parse import unquote

    answer = route_only(memory_app).get(f"{path}?{REFUSED}")
    detail = answer.json().get("detail", "") if answer.status_code == 422 else ""
    routed = all(f"query.{name}" in detail for name in ("direction", "polarity", "event_type", "until", "offset"))
    assert routed == (ROUTE.match(unquote(path)) is not None)


@pytest.fixture(scope="module")
def clients(seeded_store):
    """The app over the seeded store, and the same app without its front (FastAPI's route alone)."""
    from servers import make_app

    app = make_app(seeded_store)
    yield TestClient(app), route_only(app)
    app.state.executor.close()


QUERIES = [
    "",
    "polarity=all&min_confidence=0",
    "polarity=all&min_confidence=0&limit=2",
    "polarity=all&min_confidence=0&limit=2&offset=2",
    "direction=outgoing&limit=3",
    "direction=incoming&min_confidence=0.5",
    "event_type=CONSULT&polarity=all",
    "predicate=interacted&polarity=all&min_confidence=0",
    "since=2000-01-01&polarity=all",
    "article=000_8ba8fdaa8bbfb1fc.txt&polarity=all&limit=1",
    "article=no-such-article",
]


def test_the_front_answers_as_the_route_does_for_every_actor(clients, seeded_store):
    fast, route = clients
    actors = [
        r["a"].value.removeprefix(ACTOR)
        for r in seeded_store.raw.query(
            "SELECT DISTINCT ?a WHERE { GRAPH ?g { ?r <https://w3id.org/newsgraph/ontology#subject>"
            "|<https://w3id.org/newsgraph/ontology#object> ?a } }"
        )
    ]
    assert len(actors) >= 5
    for actor in [*actors, "Q7747", "nobody-at-all", "Q1"]:
        for query in QUERIES:
            url = f"/actors/{quote(actor, safe='')}/relations?{query}"
            assert relations_job(f"/actors/{actor}/relations", query, None, 0.7) is not None  # the front's
            ours, theirs = fast.get(url), route.get(url)
            assert ours.status_code == theirs.status_code, url
            assert ours.headers["content-type"] == theirs.headers["content-type"]
            assert ours.content == theirs.content, url


def test_a_page_links_the_next_one_as_the_route_does(clients):
    fast, route = clients
    url = "/actors/Q7747/relations?polarity=all&min_confidence=0&limit=2"
    answer = fast.get(url).json()
    assert answer["next"] == "http://testserver" + url + "&offset=2"
    assert fast.get(url).content == route.get(url).content
