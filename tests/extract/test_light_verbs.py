"""Light verbs, messages and passives: the event noun types the event (hand-written sentences)."""

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
        # event nouns of sympathy and greeting (nouns.tsv: CAMEO 018 and 051, PLOVER SUPPORT)
        ("Narendra Modi extended condolences to Joe Biden.", ("Narendra Modi", "SUPPORT", "Joe Biden")),
        ("Joe Biden expressed his condolences to Fumio Kishida.", ("Joe Biden", "SUPPORT", "Fumio Kishida")),
        (
            "Olaf Scholz offered his sympathy to Recep Tayyip Erdoğan.",
            ("Olaf Scholz", "SUPPORT", "Recep Tayyip Erdoğan"),
        ),
        (
            "Vladimir Putin sent his greetings to Alexander Lukashenko.",
            ("Vladimir Putin", "SUPPORT", "Alexander Lukashenko"),
        ),
        ("Narendra Modi sent congratulations to Joe Biden.", ("Narendra Modi", "SUPPORT", "Joe Biden")),
        # a message is what it carries
        ("Kim Jong Un sent a message of greetings to Vladimir Putin.", ("Kim Jong-un", "SUPPORT", "Vladimir Putin")),
        ("Joe Biden sent a letter of congratulations to Emmanuel Macron.", ("Joe Biden", "SUPPORT", "Emmanuel Macron")),
        # the event noun's modifier names the event
        ("Joe Biden had a phone call with Emmanuel Macron.", ("Joe Biden", "CONSULT", "Emmanuel Macron")),
    ],
)
def test_a_light_verb_is_typed_by_its_event_noun(nlp, text, expected):
    assert expected in relations(nlp, text)


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # the verb's own reading of the recipient gives way to the event noun's
        ("Olaf Scholz offered his sympathy to Recep Tayyip Erdoğan.", ("Olaf Scholz", "AGREE", "Recep Tayyip Erdoğan")),
        (
            "Vladimir Putin sent a message of greetings to Alexander Lukashenko.",
            ("Vladimir Putin", "CONSULT", "Alexander Lukashenko"),
        ),
    ],
)
def test_one_pair_gets_one_reading(nlp, text, wrong):
    assert wrong not in relations(nlp, text)


def test_a_plain_message_is_a_consultation(nlp):
    assert ("Joe Biden", "CONSULT", "Emmanuel Macron") in relations(nlp, "Joe Biden sent a letter to Emmanuel Macron.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Joe Biden and Emmanuel Macron held a telephone conversation.",
            {("Joe Biden", "CONSULT", "Emmanuel Macron"), ("Emmanuel Macron", "CONSULT", "Joe Biden")},
        ),
        (
            "Vladimir Putin and Olaf Scholz had a telephone conversation.",
            {("Vladimir Putin", "CONSULT", "Olaf Scholz"), ("Olaf Scholz", "CONSULT", "Vladimir Putin")},
        ),
    ],
)
def test_conjoined_subjects_of_a_light_verb_with_a_mutual_noun_act_on_each_other(nlp, text, expected):
    assert expected <= relations(nlp, text)


def test_a_non_light_verb_on_a_mutual_noun_is_no_mutual_event(nlp):
    found = relations(nlp, "Both Chad and Sudan violated the peace agreement.")
    assert ("Chad", "AGREE", "Sudan") not in found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject of a passive is the verb's object: "present * LETTER" (CAMEO 040)
        (
            "Letters of credence were presented to Joe Biden by Lubomir Rehak and Werner Almhofer.",
            {("Lubomir Rehak", "CONSULT", "Joe Biden"), ("Werner Almhofer", "CONSULT", "Joe Biden")},
        ),
        (
            "Joe Biden was criticised by Angela Merkel, Emmanuel Macron and Mario Draghi.",
            {
                ("Angela Merkel", "DISAPPROVE", "Joe Biden"),
                ("Emmanuel Macron", "DISAPPROVE", "Joe Biden"),
                ("Mario Draghi", "DISAPPROVE", "Joe Biden"),
            },
        ),
    ],
)
def test_every_agent_of_a_passive_acts(nlp, text, expected):
    assert expected <= relations(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        (
            "Britain thanked France for helping Ukraine.",
            ("France", "AID", "Ukraine"),
            ("United Kingdom", "AID", "Ukraine"),
        ),
        ("Canada accused Russia of attacking Georgia.", ("Russia", "FIGHT", "Georgia"), ("Canada", "FIGHT", "Georgia")),
    ],
)
def test_the_object_of_a_verb_of_judgement_does_what_it_is_judged_for(nlp, text, expected, wrong):
    found = relations(nlp, text)
    assert expected in found and wrong not in found, found
