"""A scheduled event is coded by its act, an announced commitment as AGREE (hand-written sentences)."""

from __future__ import annotations

import pytest

from extract.pipeline import extract
from extract.records import Article


def relations(nlp, text: str) -> set[tuple[str, str | None, str]]:
    extraction = extract(nlp, Article(id="t", text=text, date="2022-06-01"))
    return {(r.subject.actor.label, r.event_type, r.object.actor.label) for r in extraction.relations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a future passive with its agent: the schedule of a ceremony, not the agent's promise
        (
            "Letters of credence will be presented to Emmanuel Macron by Olaf Scholz.",
            ("Olaf Scholz", "CONSULT", "Emmanuel Macron"),
        ),
        # the agent's own future: an intent to meet (CAMEO 036, PLOVER AGREE)
        ("Olaf Scholz will visit Emmanuel Macron next week.", ("Olaf Scholz", "AGREE", "Emmanuel Macron")),
    ],
)
def test_a_scheduled_event_keeps_its_category(nlp, text, expected):
    assert expected in relations(nlp, text)
