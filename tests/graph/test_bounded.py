"""Which queries the server answers itself: only those whose whole text says they cannot run away."""

from __future__ import annotations

import pytest

from graph.bounded import MAX_CHARS, MAX_STEPS, bounded

NG = "PREFIX ng: <https://w3id.org/newsgraph/ontology#> "


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p ?o } LIMIT 10",
        "select * where {?s a <urn:x>} limit 100 offset 0",
        "SELECT?s?p{?s?p 1}LIMIT 1",
        NG + "SELECT ?a { ?a a ng:Actor } OFFSET 5 LIMIT 5",
        "BASE <http://example.org/> SELECT ?o { <s> <p> ?o . } LIMIT 3",
        'SELECT * { <urn:a> ?p "x"@en-GB } LIMIT 3',
        'SELECT * { <urn:a> ?p "x" ^^ <urn:type> } LIMIT 3',
        "SELECT * { ?s ?p false } LIMIT 3",
        "SELECT * { ?s ?p ?o } # a comment\nLIMIT 1",
        "SELECT * {} LIMIT 1",
        "ASK {}",
        "ASK WHERE { ?s ?p ?o }",
        "PREFIX : <urn:x#> ASK { :a :b :c }",
    ],
)
def test_single_pattern_lookups_with_a_small_limit_are_bounded(query):
    assert bounded(query)


@pytest.mark.parametrize(
    "query, why",
    [
        ("SELECT * WHERE { ?s ?p ?o }", "no LIMIT: every quad"),
        (f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_STEPS + 1}", "LIMIT too large"),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 10 OFFSET 91", "OFFSET + LIMIT too large"),
        ("SELECT * { ?s ?p ?o } OFFSET 3", "OFFSET without LIMIT"),
        ("SELECT * WHERE { ?s ?s ?o } LIMIT 10", "a variable twice: a scan with a test"),
        ("SELECT * WHERE { ?s ?p $s } LIMIT 10", "?s and $s are one variable"),
        ("SELECT * { ?s ?p ?o FILTER(?o = 1) } LIMIT 1", "a filter that may reject every quad"),
        ("SELECT * { ?a ?p ?o . ?o ?q ?r } LIMIT 3", "a join"),
        ("SELECT * { ?a ?p ?o ; ?q ?r } LIMIT 3", "two patterns sharing a subject"),
        ("SELECT * { ?a ?p ?o , ?r } LIMIT 3", "two patterns sharing a predicate"),
        ("SELECT * { GRAPH ?g { ?s ?p ?o } } LIMIT 1", "GRAPH skips the default graph's quads"),
        ("SELECT * { ?s <urn:p>+ ?o } LIMIT 1", "a property path"),
        ("SELECT * { ?s ?p ?o OPTIONAL { ?o ?q ?r } } LIMIT 1", "OPTIONAL"),
        ("SELECT * { { SELECT * { ?s ?p ?o } } } LIMIT 1", "a subquery"),
        ("SELECT DISTINCT * { ?s ?p ?o } LIMIT 1", "DISTINCT"),
        ("SELECT * { ?s ?p ?o } ORDER BY ?o LIMIT 1", "sorting"),
        ("SELECT (COUNT(*) AS ?n) { ?s ?p ?o } LIMIT 1", "an aggregate"),
        ("SELECT * FROM <urn:g> { ?s ?p ?o } LIMIT 1", "a dataset clause"),
        ("SELECT * { ?s ?p ?o } VALUES ?s { <urn:a> } LIMIT 1", "VALUES"),
        ("SELECT * { ?s ?p 1.}LIMIT 1", "'1.' is read otherwise by the engine"),
        ("SELECT * { ?s ?p ?o } LIMIT 1.5", "not an integer"),
        ("SELECT * { ?s ?p 'a\\u0020b' } LIMIT 1", "an escape: the engine decodes it first"),
        ("ASK { ?s ?p ?o } LIMIT 1", "a modifier on ASK"),
        ("ASK { ?s ?s ?o }", "a variable twice in an ASK"),
        ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "CONSTRUCT"),
        ("DESCRIBE <urn:a>", "DESCRIBE"),
        ("SELECT * { SERVICE <http://example.org/> { ?s ?p ?o } } LIMIT 1", "federation"),
        ("SELECT * { ?s ?p ?o } LIMIT 1 garbage", "trailing text"),
    ],
)
def test_anything_else_goes_to_a_worker(query, why):
    assert not bounded(query), why


@pytest.mark.parametrize(
    "text",
    [
        "SELECT " + " " * (MAX_CHARS - 20) + "?x",
        "SELECT " + "?a " * ((MAX_CHARS - 10) // 3) + "{",
        "PREFIX a: <urn:x> " * (MAX_CHARS // 20) + "x",
        "SELECT * { ?s ?p ?o } LIMIT 1" + " " * MAX_CHARS,
    ],
)
def test_long_or_odd_texts_are_refused_without_backtracking_blowups(text):
    # Refused whole; the possessive white space keeps each of these linear (a test that hung here
    # would be the regression). Over MAX_CHARS, a text is not read at all.
    assert not bounded(text)
