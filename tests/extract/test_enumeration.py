"""Written lists the parser broke: the members of 'A (X), B (Y), C (Z) and D (W)' (hand-written sentences)."""

from __future__ import annotations

import pytest

from extract.pipeline import extract
from extract.records import Article
from extract.relations.enumeration import enumerated


def relations(nlp, text: str) -> set[tuple[str, str | None, str]]:
    extraction = extract(nlp, Article(id="t", text=text, date="2022-06-01"))
    return {(r.subject.actor.label, r.event_type, r.object.actor.label) for r in extraction.relations}


def first_list(nlp, text: str, first: str) -> list[str]:
    doc = nlp(text)
    mention = next(m for m in doc._.mentions if m.text == first)
    return [m.text for m in enumerated(mention)]


@pytest.mark.parametrize(
    ("text", "first", "members"),
    [
        (
            "Medals were handed to the Mayor by Anna Kowalski(Poland), Jean Dupont(France), "
            "Luis Herrera(Chile) and Sven Olsen(Norway).",
            "Anna Kowalski",
            ["Jean Dupont", "Luis Herrera", "Sven Olsen"],
        ),
        (
            "The envoys of Peru, Chile, Uruguay, and Paraguay arrived.",
            "Peru",
            ["Chile", "Uruguay", "Paraguay"],
        ),
    ],
)
def test_a_closed_list_continues_its_first_member(nlp, text, first, members):
    assert first_list(nlp, text, first) == members


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Angela Merkel met students in Paris, France, on Monday.", "Paris"),  # a place and its country
        ("In Moscow, Russia and China signed the accord.", "Moscow"),  # a clause of its own begins
        ("Olaf Scholz (Germany), Mark Rutte (Netherlands) spoke first.", "Olaf Scholz"),  # never closed by 'and'
    ],
)
def test_no_list_without_two_more_items_closed_by_and(nlp, text, first):
    assert first_list(nlp, text, first) == []


def test_every_member_of_a_long_broken_list_is_a_party(nlp):
    names = [
        ("Anna Kowalski", "Poland"),
        ("Jean Dupont", "France"),
        ("Luis Herrera", "Chile"),
        ("Sven Olsen", "Norway"),
        ("Maria Rossi", "Italy"),
        ("Pedro Alves", "Portugal"),
        ("Hans Weber", "Austria"),
        ("Jan Novak", "Czech Republic"),
        ("Mehmet Yilmaz", "Turkey"),
        ("Kofi Mensah", "Ghana"),
        ("Ivan Petrov", "Bulgaria"),
        ("Lars Berg", "Sweden"),
        ("Tomas Kazlauskas", "Lithuania"),
        ("Rahul Mehta", "India"),
        ("Carlos Ruiz", "Spain"),
        ("Ahmed Mansour", "Egypt"),
        ("Kenji Sato", "Japan"),
        ("Ana Silva", "Brazil"),
        ("Peter Horvath", "Hungary"),
        ("David Cohen", "Israel"),
    ]
    items = ", ".join(f"{n}(Republic of {c})" for n, c in names[:-1])
    text = f"Letters of credence will be presented to Vladimir Putin by {items}, and {names[-1][0]}(State of Israel)."
    found = relations(nlp, text)
    # a sentence of over 150 tokens is read, and every ambassador presents to the president
    assert sum(1 for s, t, o in found if o == "Vladimir Putin" and t == "CONSULT") >= 18, found
