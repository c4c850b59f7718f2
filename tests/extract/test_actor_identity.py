"""One actor per real-world entity in an article, and which nouns name actors at all.

Hand-written sentences: group nouns by lexicon class, places and things as locations, abbreviations defined
in the text, and names the tagger types differently from one mention to the next.
"""

from __future__ import annotations

import pytest


def actors(nlp, text: str, date: str | None = "2010-05-01") -> dict[str, tuple[str, str, str, str]]:
    """mention text → (actor key, label, type, resolved_by)."""
    doc = nlp.make_doc(text)
    doc._.date = date
    for _, component in nlp.pipeline:
        doc = component(doc)
    return {m.text: (m._.actor.key, m._.actor.label, m._.actor.type, m._.resolved_by) for m in doc._.mentions}


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Students occupied the library on Friday.", "Students"),
        ("Organisers cancelled the march.", "Organisers"),
        ("Participants signed a joint letter to the mayor.", "Participants"),
        ("Demonstrators blocked the bridge.", "Demonstrators"),
        ("Monks led the procession through the town.", "Monks"),
        ("Civilians fled the shelling.", "Civilians"),
        ("Police arrested two men.", "Police"),
    ],
)
def test_collective_groups_acting_are_actors(nlp, text, group):
    assert actors(nlp, text).get(group, ("", "", ""))[2] == "GROUP"


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("Troops were sent to the front.", "front"),
        ("Families returned to their homes.", "homes"),
        ("The council closed two children's centres.", "centres"),
    ],
)
def test_places_and_things_are_not_actors(nlp, text, thing):
    assert not any(thing in mention for mention in actors(nlp, text))


def test_singular_and_plural_of_a_group_are_one_actor(nlp):
    found = actors(nlp, "The victims were named on Monday. Each victim had been shot.")
    assert found["victims"][0] == found["victim"][0] == "victim", found


def test_an_abbreviation_the_article_defines_is_the_named_actor(nlp):
    found = actors(nlp, "The World Health Organisation (WHO) warned Nigeria. Later WHO sent doctors.")
    assert found["WHO"][:3] == found["World Health Organisation"][:3], found
    assert found["WHO"][3] == "abbreviation", found


def test_a_name_typed_as_a_body_somewhere_is_not_a_person(nlp):
    doc = nlp.make_doc("Labour won the seat. Labour said the result was good.")
    from spacy.tokens import Span

    for name, component in nlp.pipeline:
        if name == "newsgraph_actors":
            doc.ents = [Span(doc, 0, 1, label="PERSON"), Span(doc, 5, 6, label="ORG")]
        doc = component(doc)
    assert {(m.text, m._.actor.type) for m in doc._.mentions} == {("Labour", "ORG")}
    assert len({id(m._.actor) for m in doc._.mentions}) == 1


def test_a_later_mention_adds_what_the_first_lacked(nlp):
    found = actors(nlp, "Amina Mohamed arrived. Mr Lavrov met the Kenyan Foreign Minister, Amina Mohamed, in Moscow.")
    assert found["Amina Mohamed"][0] == found["the Kenyan Foreign Minister"][0], found


def test_the_leader_of_a_named_party_is_not_the_party(nlp):
    found = actors(nlp, "Labour won the seat. The Labour leader thanked voters.")
    assert found["leader"][1:3] == ("leader of Labour", "PERSON"), found


def _persons(nlp, text: str) -> dict[str, tuple[str, str | None]]:
    """mention text → (actor key, qid) of the people in an article read as the pipeline reads it."""
    from extract.pipeline import make_doc
    from extract.records import Article

    doc = nlp(make_doc(nlp, Article(id="a", text=text, date="2010-05-01")))
    return {m.text: (m._.actor.key, m._.actor.qid) for m in doc._.mentions if m._.actor.type == "PERSON"}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Howard criticised the budget on Tuesday.", "Howard thanked the volunteers."),
        ("Mr Taylor met the council.", "Taylor resigned from the club."),
    ],
)
def test_a_bare_surname_is_an_actor_of_its_own_article_only(nlp, first, second):
    (one,) = _persons(nlp, first).values()
    (other,) = _persons(nlp, second).values()
    assert one[1] is None and other[1] is None  # no gazetteer link without corroboration
    assert one[0] != other[0]  # nothing says the two articles' Howards are one person
    assert _persons(nlp, first) == _persons(nlp, first)  # the same article: the same key, re-ingest is stable


def test_a_person_named_in_full_keeps_one_key_across_articles(nlp):
    one = _persons(nlp, "Jane Fairweather opened the clinic. Fairweather thanked the nurses.")
    other = _persons(nlp, "Jane Fairweather closed the school.")
    assert one["Jane Fairweather"][0] == one["Fairweather"][0] == other["Jane Fairweather"][0]
