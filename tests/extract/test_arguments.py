"""Arguments: which actor an argument head stands for (hand-written sentences)."""

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
        # the subject of a predicate adjective acts in the event its "to"/"for" phrase names
        ("Iran is ready for talks with the United States.", ("Iran", "CONSULT", "United States")),
        ("Serbia is open to negotiations with Kosovo.", ("Serbia", "CONSULT", "Kosovo")),
    ],
)
def test_a_disposition_to_an_event_names_its_subject(nlp, text, expected):
    assert expected in relations(nlp, text)


def test_a_judgement_of_an_event_is_not_taking_part_in_it(nlp):
    found = relations(nlp, "Egypt was critical of the attacks on Gaza.")
    assert not any(s == "Egypt" and t == "FIGHT" for s, t, _ in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # every conjunct of a prepositional or object argument is a party
        (
            "Vladimir Putin spoke by telephone with French President Emmanuel Macron and German Chancellor "
            "Olaf Scholz.",
            {("Vladimir Putin", "CONSULT", "Emmanuel Macron"), ("Vladimir Putin", "CONSULT", "Olaf Scholz")},
        ),
        (
            "Joe Biden held talks with Emmanuel Macron, Olaf Scholz and Mario Draghi.",
            {
                ("Joe Biden", "CONSULT", "Emmanuel Macron"),
                ("Joe Biden", "CONSULT", "Olaf Scholz"),
                ("Joe Biden", "CONSULT", "Mario Draghi"),
            },
        ),
        (
            "Joe Biden criticised China and Russia.",
            {("Joe Biden", "DISAPPROVE", "China"), ("Joe Biden", "DISAPPROVE", "Russia")},
        ),
    ],
)
def test_every_conjunct_is_a_party(nlp, text, expected):
    assert expected <= relations(nlp, text)


def test_a_name_cut_short_by_the_tagger_stands_for_its_phrase(nlp):
    from extract.relations.arguments import actors

    # the tagger names "Amy Berman" and not "Jackson" in "Judge Amy Berman Jackson": the name heads the phrase
    doc = nlp("Roger Stone was sentenced by Judge Amy Berman Jackson.")
    head = next(t for t in doc if t.text == "Jackson")
    head._.mention = None
    assert [a.text for a in actors(head)] == ["Amy Berman"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title with the person's name in apposition stands for the person, not the title's "of" phrase
        (
            "Vladimir Putin congratulated the Artistic Director of the Bolshoi Theatre, Vladimir Urin.",
            ("Vladimir Putin", "SUPPORT", "Vladimir Urin"),
        ),
        ("Joe Biden congratulated the Chief Executive of Hong Kong, John Lee.", ("Joe Biden", "SUPPORT", "John Lee")),
    ],
)
def test_a_title_in_apposition_to_a_name_is_the_person(nlp, text, expected):
    assert expected in relations(nlp, text)


@pytest.mark.parametrize(
    ("text", "party", "present"),
    [
        # a title conjunct whose name the parser hung on the coordination is the person named after it
        (
            "Emmanuel Macron met with President of the Swiss Confederation Alain Berset and Prime Minister "
            "of Belgium Alexander De Croo.",
            ("Emmanuel Macron", "CONSULT", "Alexander De Croo"),
            True,
        ),
        # a name after a comma that begins a clause of its own is the speaker, no party
        (
            "Emmanuel Macron met with the President of Chile and Prime Minister of Peru, Olaf Scholz said on Monday.",
            ("Emmanuel Macron", "CONSULT", "Olaf Scholz"),
            False,
        ),
    ],
)
def test_a_title_conjunct_is_the_person_named_after_it(nlp, text, party, present):
    assert (party in relations(nlp, text)) == present


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # those who act with the subject act on its targets too
        (
            "The United States, joined by Britain and France, imposed sanctions on Syria.",
            {
                ("United Kingdom", "SANCTION", "Syria"),
                ("France", "SANCTION", "Syria"),
                ("United States", "SANCTION", "Syria"),
            },
        ),
        ("Russia, along with China, vetoed the resolution against Syria.", {("China", "REJECT", "Syria")}),
        ("Turkey, together with Qatar, supported the rebels.", {("Qatar", "SUPPORT", "rebels")}),
    ],
)
def test_companions_of_the_subject_act_with_it(nlp, text, expected):
    assert expected <= relations(nlp, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The army, backed by Russia, attacked the rebels.", ("Russia", "FIGHT", "rebels")),  # a backer does not act
        ("Russia, along with China, agreed to the plan.", ("Russia", "AGREE", "China")),  # one side, not two
    ],
)
def test_backers_and_companions_are_no_parties_of_their_own(nlp, text, absent):
    assert absent not in relations(nlp, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a light verb's event noun possessed by another actor is that actor's event, not the subject's
        (
            "The senator cited the Iranian government's persecution of journalists.",
            ("senator", "COERCE", "journalists"),
        ),
    ],
)
def test_an_event_noun_of_another_actor_is_not_the_subjects(nlp, text, absent):
    assert absent not in relations(nlp, text)


def test_an_event_noun_of_the_subject_is_the_subjects(nlp):
    assert ("Egypt", "SUPPORT", "Sudan") in relations(nlp, "Egypt gave its support to Sudan.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an investigation of crimes targets who committed them, "by X" on the crimes or hung on the verb
        (
            "Bosnia is investigating alleged war crimes by Bosnian militiamen against Croat civilians.",
            ("Bosnia", "INVESTIGATE", "Bosnian militiamen"),
        ),
        ("Serbia is investigating war crimes by Serbian extremists.", ("Serbia", "INVESTIGATE", "Serbian extremists")),
    ],
)
def test_an_investigation_of_crimes_targets_who_committed_them(nlp, text, expected):
    assert expected in relations(nlp, text)


def test_by_a_means_after_the_object_is_no_agent(nlp):
    assert not any(t == "COERCE" for _, t, _ in relations(nlp, "The minister ended the strike by force."))
