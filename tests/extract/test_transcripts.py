"""Transcripts: speakers' turns, whom "you" addresses, and a turn's "Thank you" (hand-written texts)."""

from __future__ import annotations

import pytest

from extract.pipeline import extract
from extract.records import Article


def run(nlp, text: str):
    return extract(nlp, Article(id="t", text=text, date="2022-06-01"))


def relations(nlp, text: str) -> set[tuple[str, str | None, str]]:
    return {(r.subject.actor.label, r.event_type, r.object.actor.label) for r in run(nlp, text).relations}


def pronouns(nlp, text: str, word: str) -> list[str]:
    return [m.actor.label for m in run(nlp, text).mentions if m.text == word and m.resolved_by == "pronoun"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "you" in a turn is the speaker of the turn before
        (
            "President of France Emmanuel Macron: Welcome to Paris.\nOlaf Scholz: Thank you for the invitation.",
            ("Olaf Scholz", "SUPPORT", "Emmanuel Macron"),
        ),
        # a speaker the tagger missed opens a turn; a subjectless "Thank you" is the speaker's
        (
            "Vladimir Putin: Good afternoon, colleagues.\nMetropolitan Tikhon: Thank you kindly, Mr President.",
            ("Metropolitan Tikhon", "SUPPORT", "Vladimir Putin"),
        ),
    ],
)
def test_a_turn_thanks_the_speaker_before(nlp, text, expected):
    assert expected in relations(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Olaf Scholz said you cannot trust the polls.",  # no transcript: "you" is no one the text names
        "Emmanuel Macron: Welcome to Paris. You will like it here.",  # one speaker: no one spoke before
    ],
)
def test_you_outside_a_dialogue_stays_unresolved(nlp, text):
    assert pronouns(nlp, text, "you") == [] and pronouns(nlp, text, "You") == []


def test_a_line_opened_by_a_name_and_colon_is_no_turn_without_a_tagged_speaker(nlp):
    found = run(nlp, "Weekend Edition: Thank you to all our readers.").mentions
    assert not any(m.actor.type == "PERSON" for m in found), found
