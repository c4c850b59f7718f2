"""Relations without an actor filter: pages of one order, each row honouring the filters, none missed."""

from __future__ import annotations

import pytest

from graph.queries import PROLOGUE, find_relations, resolve_article

FILTERS = [
    {},
    {"event_type": "CONSULT"},
    {"predicate": "called"},
    {"since": "2020-01-01"},
    {"until": "2019-12-31"},
    {"event_type": "SUPPORT", "since": "2000-01-01"},
]


def matching_count(store, filters: dict, article=None) -> int:
    """How many relations the filters admit, counted by one plain SPARQL query."""
    patterns = ["?r ng:subject ?s ; ng:object ?o ."]
    if "event_type" in filters:
        patterns.append(f"?r ng:eventType plover:{filters['event_type']} .")
    if "predicate" in filters:
        patterns.append(f'?r ng:predicateLabel "{filters["predicate"]}" .')
    tests = []
    if "since" in filters:
        tests.append(f'FILTER(BOUND(?d) && ?d >= "{filters["since"]}"^^xsd:date)')
    if "until" in filters:
        tests.append(f'FILTER(BOUND(?d) && ?d <= "{filters["until"]}"^^xsd:date)')
    graph = f"<{article.value}>" if article is not None else "?g"
    rows = store.query(
        PROLOGUE
        + f"""SELECT (COUNT(?r) AS ?n) WHERE {{
        GRAPH {graph} {{ {" ".join(patterns)} OPTIONAL {{ ?a a ng:Article ; dcterms:date ?d }} }}
        {" ".join(tests)} }}"""
    )
    return int(next(iter(rows))["n"].value)


@pytest.mark.parametrize("filters", FILTERS)
def test_every_matching_relation_once_newest_first(corpus_store, filters):
    rows = find_relations(corpus_store, limit=10_000, **filters)
    assert len(rows) == len({r["relation"] for r in rows}) == matching_count(corpus_store, filters)
    dates = [r["article"]["date"] for r in rows if r["article"]["date"]]
    assert dates == sorted(dates, reverse=True)
    for row in rows:
        if "event_type" in filters:
            assert row["event_type"] == filters["event_type"]
        if "predicate" in filters:
            assert row["predicate"] == filters["predicate"]
        if "since" in filters:
            assert row["article"]["date"] >= filters["since"]
        if "until" in filters:
            assert row["article"]["date"] <= filters["until"]


@pytest.mark.parametrize("filters", FILTERS[:2])
def test_pages_are_slices_of_one_order(corpus_store, filters):
    whole = [r["relation"] for r in find_relations(corpus_store, limit=10_000, **filters)]
    assert len(whole) > 3
    size = max(1, len(whole) // 3)
    pages = [
        r["relation"]
        for offset in range(0, len(whole) + size, size)
        for r in find_relations(corpus_store, limit=size, offset=offset, **filters)
    ]
    assert pages == whole


def test_one_article(corpus_store):
    article = resolve_article(corpus_store, "000_8ba8fdaa8bbfb1fc.txt")
    rows = find_relations(corpus_store, article=article, limit=10_000)
    assert rows and {r["article"]["iri"] for r in rows} == {article.value}
    assert len(rows) == matching_count(corpus_store, {}, article)


@pytest.mark.parametrize(
    "filters",
    [*FILTERS, {"asserted_only": True, "min_confidence": 0.7}, {"min_confidence": 0.999}, {"article": "000"}],
    ids=str,
)
@pytest.mark.parametrize("limit, offset", [(2, 0), (3, 2), (1000, 0), (5, 10_000)])
def test_a_page_knows_the_total_of_all_pages(corpus_store, filters, limit, offset):
    from graph.queries import count_relations, relations_page

    if filters.get("article"):
        filters = {**filters, "article": resolve_article(corpus_store, "000_8ba8fdaa8bbfb1fc.txt")}
    rows, total = relations_page(corpus_store, limit=limit, offset=offset, **filters)
    everything = find_relations(corpus_store, limit=10_000, **filters)
    assert rows == everything[offset : offset + limit]
    assert total == len(everything) == count_relations(corpus_store, **filters)
