"""The REST API over the seeded store: actors, relations, articles, paths, stats, export."""

from __future__ import annotations

import httpx
import pytest
import rdflib

PUTIN = "https://w3id.org/newsgraph/actor/vladimir-putin"
NG = rdflib.Namespace("https://w3id.org/newsgraph/ontology#")


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"q": "putin"}, ["Vladimir Putin"]),
        ({"q": "The Russian leader"}, ["Vladimir Putin"]),  # an alias
        ({"q": "PUTIN", "type": "Person"}, ["Vladimir Putin"]),
        ({"q": "putin", "type": "Country"}, []),
        ({"q": "cuba", "country": "CUB"}, ["Cuba"]),
        ({"q": '" } ?s ?p ?o {'}, []),  # would break a pasted query; bound as a literal it just matches nothing
    ],
)
def test_actor_search(server, params, expected):
    response = httpx.get(f"{server}/actors", params=params)
    assert response.status_code == 200, response.text
    assert [a["label"] for a in response.json()["items"]] == expected


def test_actor_search_pages_without_overlap(server):
    first = httpx.get(f"{server}/actors", params={"limit": 3}).json()["items"]
    second = httpx.get(f"{server}/actors", params={"limit": 3, "offset": 3}).json()["items"]
    everything = httpx.get(f"{server}/actors", params={"limit": 6}).json()["items"]
    assert len(first) == 3 and first + second == everything


@pytest.mark.parametrize("actor_id", ["vladimir-putin", "Q7747", PUTIN])
def test_actor_detail(server, actor_id):
    data = httpx.get(f"{server}/actors/{actor_id}").json()
    assert data["iri"] == PUTIN and data["label"] == "Vladimir Putin" and data["wikidata"] == "Q7747"
    assert "Person" in data["types"] and data["country"]["label"] == "Russia"
    assert [r["label"] for r in data["roles"]] == ["President of Russia"]
    assert data["counts"]["articles"] == 1
    for direction in ("outgoing", "incoming"):  # the counts are those of the relations route, unfiltered
        listed = httpx.get(
            f"{server}/actors/{actor_id}/relations",
            params={"direction": direction, "limit": 1000, "polarity": "all", "min_confidence": 0},
        )
        assert data["counts"][direction] == len(listed.json()["items"]) == listed.json()["total"] >= 1


@pytest.mark.parametrize("media, fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld")])
def test_actor_as_rdf(server, media, fmt):
    response = httpx.get(f"{server}/actors/Q7747", headers={"Accept": media})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    graph = rdflib.Graph().parse(data=response.text, format=fmt)
    assert (rdflib.URIRef(PUTIN), rdflib.RDF.type, NG.Actor) in graph


@pytest.mark.parametrize(
    "params, check",
    [
        ({}, lambda rows: {r["direction"] for r in rows} == {"outgoing", "incoming"}),
        ({"direction": "outgoing"}, lambda rows: rows and all(r["subject"]["iri"] == PUTIN for r in rows)),
        ({"direction": "incoming"}, lambda rows: rows and all(r["object"]["iri"] == PUTIN for r in rows)),
        ({"predicate": "called"}, lambda rows: rows and all(r["predicate"] == "called" for r in rows)),
        ({"event_type": "SUPPORT"}, lambda rows: rows and all(r["event_type"] == "SUPPORT" for r in rows)),
        ({"event_type": "ASSAULT"}, lambda rows: rows == []),
        ({"since": "2100-01-01"}, lambda rows: rows == []),
        (
            {"article": "000_8ba8fdaa8bbfb1fc.txt"},
            lambda rows: rows and {r["article"]["id"] for r in rows} == {"000_8ba8fdaa8bbfb1fc.txt"},
        ),
        ({"limit": 1}, lambda rows: len(rows) == 1),
        ({"predicate": 'called" } } UNION { ?relation ?p ?o } #'}, lambda rows: rows == []),  # bound, not pasted
        ({"article": "x> } DROP ALL { <y"}, None),  # not a valid IRI: no such article
    ],
)
def test_actor_relation_filters(server, params, check):
    response = httpx.get(f"{server}/actors/Q7747/relations", params=params)
    if check is None:
        assert response.status_code == 404
        return
    assert response.status_code == 200, response.text
    rows = response.json()["items"]
    assert check(rows), rows
    assert all(r["sentence"] and r["article"]["iri"] for r in rows)


def _facts(rows: list[dict], threshold: float) -> bool:
    return all(not r["negated"] and r["modality"] == "asserted" and r["confidence"] >= threshold for r in rows)


@pytest.mark.parametrize("path", ["/relations", "/actors/Q7747/relations"])
def test_relations_show_what_happened_by_default(server, path):
    from extract.confidence import default_threshold

    default = httpx.get(f"{server}{path}", params={"limit": 1000}).json()["items"]
    everything = httpx.get(f"{server}{path}", params={"limit": 1000, "polarity": "all", "min_confidence": 0}).json()[
        "items"
    ]
    assert default and _facts(default, default_threshold())
    # the seed states an intention ("expressed his intention to deepen cooperation"): kept, flagged, not shown
    assert any(r["modality"] == "intended" for r in everything)
    assert {r["relation"] for r in default} < {r["relation"] for r in everything}
    assert {r["relation"] for r in everything if _facts([r], default_threshold())} == {r["relation"] for r in default}


@pytest.mark.parametrize(
    "params",
    [
        {"polarity": "all"},
        {"min_confidence": 0.9},
        {"min_confidence": 0},
        {"polarity": "asserted", "min_confidence": 0.5},
    ],
)
def test_relation_filters_of_polarity_and_confidence(server, params):
    answer = httpx.get(f"{server}/actors/Q7747/relations", params={**params, "limit": 1000}).json()
    listed = httpx.get(f"{server}/relations", params={**params, "actor": "Q7747", "limit": 1000}).json()
    rows, items = answer["items"], listed["items"]
    assert {r["relation"] for r in rows} == {r["relation"] for r in items}
    assert answer["total"] == listed["total"] == len(rows)
    floor = params.get("min_confidence")
    assert all(r["confidence"] >= floor for r in rows) if floor else True
    if params.get("polarity") != "all":
        assert all(not r["negated"] and r["modality"] == "asserted" for r in rows)


@pytest.mark.parametrize("query", ["polarity=maybe", "min_confidence=1.5", "min_confidence=-1", "min_confidence=x"])
def test_bad_polarity_or_confidence_filters_are_refused(server, query):
    assert httpx.get(f"{server}/relations?{query}").status_code == 422
    assert httpx.get(f"{server}/actors/Q7747/relations?{query}").status_code == 422


def test_actor_relations_by_slug_iri_or_wikidata_id(server):
    answers = [
        httpx.get(f"{server}/actors/{actor_id}/relations", params={"limit": 3})
        for actor_id in ("vladimir-putin", PUTIN, "Q7747")
    ]
    assert all(a.status_code == 200 and a.headers["content-type"] == "application/json" for a in answers)
    documents = [a.json() for a in answers]
    nexts = [d.pop("next") for d in documents]  # each the asked URL with the next offset
    assert documents[0] == documents[1] == documents[2]
    assert documents[0]["actor"] == {"id": "vladimir-putin", "iri": PUTIN, "label": "Vladimir Putin"}
    assert len(documents[0]["items"]) == 3 < documents[0]["total"]
    assert [httpx.URL(n).params["offset"] for n in nexts] == ["3", "3", "3"]


def test_actor_relations_pages_without_overlap(server):
    pages = [
        httpx.get(f"{server}/actors/Q7747/relations", params={"limit": 2, "offset": o}).json()["items"] for o in (0, 2)
    ]
    everything = httpx.get(f"{server}/actors/Q7747/relations", params={"limit": 4}).json()["items"]
    assert pages[0] + pages[1] == everything


def test_actor_relations_as_turtle_hold_the_evidence(server):
    response = httpx.get(f"{server}/actors/Q7747/relations", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    relations = set(graph.subjects(rdflib.RDF.type, NG.Relation))
    assert relations and all(graph.value(r, NG.trigger) for r in relations)
    assert any(
        graph.value(s, NG.text) for s in graph.objects(None, rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
    )


@pytest.mark.parametrize(
    "path, status",
    [
        ("/actors/nobody-at-all", 404),
        ("/actors/Q1", 404),
        ("/actors/Q7747/relations?direction=sideways", 422),
        ("/actors/nobody-at-all/relations", 404),
        ("/actors/Q1/relations", 404),
        ("/actors/Q7747/relations?article=no-such-article", 404),
        ("/actors/Q7747/relations?limit=0", 422),
        ("/actors/Q7747/relations?since=yesterday", 422),
        ("/articles/no-such-article", 404),
        ("/paths?from=Q7747&to=nobody", 404),
        ("/export?format=nonsense", 400),
        ("/actors?limit=0", 422),
    ],
)
def test_errors_are_problems(server, path, status):
    response = httpx.get(f"{server}{path}")
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json" and response.json()["status"] == status


def test_relations_and_articles(server):
    relations = httpx.get(f"{server}/relations", params={"predicate": "congratulated"}).json()["items"]
    pairs = [(r["subject"]["label"], r["object"]["label"]) for r in relations]
    assert pairs == [("Abdel Fattah el-Sisi", "Vladimir Putin")]
    articles = httpx.get(f"{server}/articles").json()["items"]
    assert [a["id"] for a in articles] == ["000_8ba8fdaa8bbfb1fc.txt"]
    assert articles[0]["relations"] == httpx.get(f"{server}/stats").json()["relations"]
    article = httpx.get(f"{server}/articles/000_8ba8fdaa8bbfb1fc.txt").json()
    assert len(article["relations"]) == articles[0]["relations"]


def test_an_article_holds_its_whole_text_and_where_each_relation_sits_in_it(server):
    from importlib.resources import files

    text = (files("seeds") / "000_8ba8fdaa8bbfb1fc.txt").read_text(encoding="utf-8")
    article = httpx.get(f"{server}/articles/000_8ba8fdaa8bbfb1fc.txt").json()
    sentences = {s["index"]: s for s in article["sentences"]}
    assert [s["index"] for s in article["sentences"]] == sorted(sentences)
    assert all(text[s["start"] : s["end"]] == s["text"] for s in sentences.values())  # offsets into the text
    evidence = {r["offsets"]["sentence"] for r in article["relations"]}
    assert evidence < set(sentences)  # every sentence, not only those relations come from
    outside, end = [], 0
    for s in article["sentences"]:
        outside.append(text[end : s["start"]])
        end = s["end"]
    assert "".join(outside + [text[end:]]).strip() == ""  # the sentences hold the whole text
    for r in article["relations"]:
        sentence, at = sentences[r["offsets"]["sentence"]], r["offsets"]
        assert sentence["text"] == r["sentence"]
        assert text[at["trigger"]["start"] : at["trigger"]["end"]] == r["trigger"]
        for party in ("subject", "object"):
            span = at[party]
            assert sentence["start"] <= span["start"] < span["end"] <= sentence["end"]
    starts = [r["offsets"]["trigger"]["start"] for r in article["relations"]]
    assert starts == sorted(starts)  # text order


def test_paths(server):
    data = httpx.get(f"{server}/paths", params={"from": "abdel-fattah-el-sisi", "to": "miguel-diaz-canel"}).json()
    assert data["length"] == 2
    assert [step["from"]["id"] for step in data["paths"][0]] == ["abdel-fattah-el-sisi", "vladimir-putin"]
    assert "CONSULT" in {r["event_type"] for r in data["paths"][0][1]["relations"]}  # Putin called Díaz-Canel


def test_any_store_write_makes_the_paths_cache_stale(store):
    from api.deps import Writes
    from graph.executor import ThreadExecutor
    from graph.terms import ACTORS_GRAPH

    with ThreadExecutor(store) as executor:
        writes = Writes(store, executor)
        before = writes.generation
        store.update(f"INSERT DATA {{ GRAPH {ACTORS_GRAPH} {{ <urn:x:a> <urn:x:p> <urn:x:b> }} }}")  # not via a route
        assert writes.generation > before


def test_stats(server, seeded_store):
    stats = httpx.get(f"{server}/stats").json()
    assert stats["quads"] == seeded_store.count() and stats["articles"] == 1
    listed = httpx.get(f"{server}/relations", params={"limit": 1000, "polarity": "all", "min_confidence": 0}).json()
    assert stats["relations"] == sum(stats["event_types"].values()) == len(listed["items"]) >= 1  # all of them


@pytest.mark.parametrize("fmt, parse", [("turtle", "turtle"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_export_streams_every_quad(server, seeded_store, fmt, parse):
    # a generous timeout: the whole store streams, and parallel test workers share the CPU
    with httpx.stream("GET", f"{server}/export", params={"format": fmt}, timeout=120) as response:
        assert response.status_code == 200
        body = b"".join(response.iter_bytes())
    if parse in ("nquads", "json-ld"):  # pyoxigraph writes JSON-LD as a dataset too
        dataset = rdflib.Dataset()
        dataset.parse(data=body, format=parse)
        assert len(list(dataset.quads((None, None, None, None)))) == seeded_store.count()
    else:  # a triple format: the union of all graphs, each distinct triple once
        distinct = seeded_store.select(
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
        )
        assert len(rdflib.Graph().parse(data=body, format=parse)) == int(next(iter(distinct))["n"].value)


def test_healthz(server):
    assert httpx.get(f"{server}/healthz").json()["killable_queries"] is True
