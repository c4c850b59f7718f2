"""Plural descriptions of the parties of an interaction told before (hand-written articles)."""

from __future__ import annotations

import pytest

from extract.pipeline import extract
from extract.records import Article
from extract.relations.parties import party_noun


def relations(nlp, text: str) -> set[tuple[str, str | None, str]]:
    extraction = extract(nlp, Article(id="t", text=text, date="2022-06-01"))
    return {(r.subject.actor.label, r.event_type, r.object.actor.label) for r in extraction.relations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Joe Biden met Xi Jinping in Bali on Monday. The two presidents agreed to resume talks on trade.",
            {("Joe Biden", "AGREE", "Xi Jinping"), ("Xi Jinping", "AGREE", "Joe Biden")},
        ),
        (
            "Olaf Scholz held talks with Emmanuel Macron. After three hours, both sides agreed to meet again in May.",
            {("Olaf Scholz", "AGREE", "Emmanuel Macron"), ("Emmanuel Macron", "AGREE", "Olaf Scholz")},
        ),
    ],
)
def test_the_leaders_are_the_parties_of_the_interaction_before(nlp, text, expected):
    assert expected <= relations(nlp, text)


def test_the_pairs_are_those_of_the_interaction(nlp):
    found = relations(
        nlp, "Olaf Scholz spoke with Emmanuel Macron and Mario Draghi. The leaders agreed to stay in contact."
    )
    assert ("Olaf Scholz", "AGREE", "Mario Draghi") in found
    assert ("Emmanuel Macron", "AGREE", "Mario Draghi") not in found  # the call was Scholz's with each


@pytest.mark.parametrize(
    "text",
    [
        # countries are no leaders
        "Russia criticised Ukraine on Monday. The leaders agreed to continue contacts.",
        # a set of its own
        "Joe Biden met Xi Jinping in Bali. The leaders of the European Union agreed to continue contacts.",
    ],
)
def test_a_description_that_fits_no_interaction_before_stays_unresolved(nlp, text):
    found = relations(nlp, text)
    assert not any(t == "AGREE" for _, t, _ in found), found


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("The leaders agreed.", "PERSON"),
        ("Both sides agreed.", "ANY"),
        ("The other parties agreed.", "ANY"),
        ("Leaders agreed.", None),  # no article: leaders in general
        ("The European leaders agreed.", None),  # a modifier makes a set of its own
    ],
)
def test_which_plurals_describe_parties(nlp, text, wanted):
    doc = nlp(text)
    assert party_noun(next(t for t in doc if t.tag_ == "NNS")) == wanted
