"""Links to the reference data need evidence in the article; surnames and titles refer to people named there.

Each article here is hand-written. A bare surname or first name never links on its own: the full name, or a
title with its country in office on the article's date, does.
"""

from __future__ import annotations

import pytest


def resolve(nlp, text: str, date: str | None = "2005-03-01") -> list[tuple[str, str, str | None, str | None, str]]:
    """(mention, label, country, qid, resolved_by) for each mention, in order."""
    doc = nlp.make_doc(text)
    doc._.date = date
    for _, component in nlp.pipeline:
        doc = component(doc)
    return [(m.text, m._.actor.label, m._.actor.country, m._.actor.qid, m._.resolved_by) for m in doc._.mentions]


def only(found, text: str):
    hits = [f for f in found if f[0] == text]
    assert hits, found
    return hits


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        # British politicians who share a surname with a world leader stay local, unlinked
        ("Howard told the party conference in Blackpool that taxes must fall.", "Howard"),
        ("Taylor, the MP for Bristol West, voted against the bill on Tuesday.", "Taylor"),
        ("Harris said the council had failed the families of Hackney.", "Harris"),
        ("Macron said the plan was a good one.", "Macron"),
    ],
)
def test_a_bare_surname_does_not_link(nlp, text, surname):
    for mention in only(resolve(nlp, text), surname):
        assert mention[1:4] == (surname, None, None), mention


def test_a_uk_howard_named_in_full_stays_local_and_his_surname_is_him(nlp):
    text = (
        "Michael Howard attacked the government's record on crime. Mr Howard told reporters in Leeds "
        "that the Conservatives would recruit more police. Howard said he was confident."
    )
    found = resolve(nlp, text)
    howards = [f for f in found if "Howard" in f[0]]
    assert len(howards) == 3, found
    assert {f[1:4] for f in howards} == {("Michael Howard", None, None)}, found
    assert [f[4] for f in howards] == ["name", "surname", "surname"], found
    assert only(found, "he")[0][1] == "Michael Howard", found


def test_mr_putin_after_vladimir_putin_is_the_same_linked_actor(nlp):
    found = resolve(nlp, "Vladimir Putin arrived in Ankara on Monday. Mr Putin later met the press.", "2016-06-01")
    first, later = only(found, "Vladimir Putin")[0], only(found, "Putin")[0]
    assert first[3] == later[3] == "Q7747", found
    assert (first[4], later[4]) == ("gazetteer", "surname"), found


def test_a_surname_before_the_full_name_is_that_person(nlp):
    found = resolve(nlp, "Chancellor Scholz left Berlin. Olaf Scholz met students in Kyiv.", "2022-06-01")
    assert only(found, "Scholz")[0][1:] == ("Olaf Scholz", "DEU", "Q61053", "surname"), found


@pytest.mark.parametrize(
    ("text", "date", "qid"),
    [
        ("Russian President Putin arrived in Ankara.", "2016-06-01", "Q7747"),  # a title with its country
        ("President Putin arrived in Ankara to meet officials from Russia.", "2016-06-01", "Q7747"),  # country named
        ("President Putin arrived in Ankara.", "2016-06-01", None),  # a title, no country in sight
        ("Australian Prime Minister Howard met the press.", "2016-06-01", None),  # not in office on that date
        ("Australian Prime Minister Howard met the press.", "2001-06-01", "Q51330"),
    ],
)
def test_a_surname_links_with_a_title_and_its_country_in_office(nlp, text, date, qid):
    surname = "Putin" if "Putin" in text else "Howard"
    mention = only(resolve(nlp, text, date), surname)[0]
    assert mention[3] == qid, mention
    assert mention[4] == ("title" if qid else "name"), mention


@pytest.mark.parametrize("date", ["2020-01-01", None])
def test_a_persons_country_is_their_own_not_one_they_head_ex_officio(nlp, date):
    # Emmanuel Macron is also co-prince of Andorra, as President of France
    found = resolve(nlp, "Emmanuel Macron met Angela Merkel in Berlin.", date)
    assert only(found, "Emmanuel Macron")[0][2] == "FRA", found


def test_a_princes_first_name_is_not_a_leader_of_that_surname(nlp):
    found = resolve(nlp, "Prince Charles's visit to Wales was cancelled. Charles said he regretted it.")
    assert all(f[3] is None for f in found if "Charles" in f[0]), found


@pytest.mark.parametrize(
    ("text", "mention", "label"),
    [
        (
            "Olaf Scholz flew to Paris. Vladimir Putin phoned Emmanuel Macron. The Chancellor spoke later.",
            "The Chancellor",
            "Olaf Scholz",
        ),
        (
            "Olaf Scholz flew to Paris. Vladimir Putin phoned him. The Russian leader spoke later.",
            "The Russian leader",
            "Vladimir Putin",
        ),
    ],
)
def test_a_title_refers_to_the_one_person_named_before_with_that_role(nlp, text, mention, label):
    assert only(resolve(nlp, text, "2022-06-01"), mention)[0][1] == label


def test_the_leader_of_a_named_body_is_its_leader_not_the_last_person_named(nlp):
    found = resolve(nlp, "Vladimir Putin congratulated the leader of the Armenian Apostolic Church.")
    leader = only(found, "the leader")[0]
    assert leader[1] != "Vladimir Putin" and "Church" in leader[1], found


def test_a_description_in_undated_text_does_not_guess_the_office_holder(nlp):
    found = resolve(nlp, "The Armenian President thanked the envoy.", date=None)
    assert only(found, "The Armenian President")[0][1:4] == ("Armenia President", "ARM", None), found


@pytest.mark.parametrize(
    ("text", "name", "qid"),
    [
        # names the small tagger leaves outside any entity: known in full, or after an office
        ("Vladimir Putin had a meeting with Prime Minister of India Narendra Modi.", "Narendra Modi", "Q1058"),
        ("The talks ended with Federal Chancellor of Germany Olaf Scholz.", "Olaf Scholz", "Q61053"),
    ],
)
def test_a_full_name_the_tagger_missed_is_a_person(nlp, text, name, qid):
    assert only(resolve(nlp, text, "2022-06-01"), name)[0][3] == qid


def test_an_untagged_surname_of_a_person_named_in_full_is_that_person(nlp):
    found = resolve(nlp, "Vladimir Putin met Prime Minister of India Narendra Modi. Modi thanked him.", "2022-06-01")
    assert only(found, "Modi")[0][1:] == ("Narendra Modi", "IND", "Q1058", "surname"), found


def test_a_surname_the_tagger_typed_as_a_body_is_the_person_named_in_full(nlp):
    from spacy.tokens import Span

    doc = nlp.make_doc("Donald Trump spoke on Friday. Later Trump left Washington.")
    doc._.date = "2019-02-15"
    for name, component in nlp.pipeline:
        if name == "newsgraph_actors":
            doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 7, 8, label="ORG")]  # "Trump" as an ORG
        doc = component(doc)
    trump = [m for m in doc._.mentions if m.text == "Trump"]
    assert [(m._.actor.qid, m._.resolved_by) for m in trump] == [("Q22686", "surname")]


def test_a_title_is_not_a_person_named_without_that_role(nlp):
    found = resolve(nlp, "Nancy Pelosi spoke first. The President replied.", "2019-02-15")
    assert only(found, "The President")[0][1] != "Nancy Pelosi", found
