"""Typing by construction (issue 9): performatives, arrival, joint deployments, demands, word senses.

Each case is a sentence written for it, with the senses that must keep their type beside it.
"""

from __future__ import annotations

import pytest
from sentences import labeled_triples

from extract.pipeline import parse
from extract.records import Article


def categories(nlp, text: str, target: str) -> set[str | None]:
    return {category for _, category, obj in labeled_triples(nlp, text) if obj == target}


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        # saying one wants to do a speech act does it: no promise
        (
            "Emmanuel Macron visited Berlin. I want to thank Olaf Scholz for his hospitality.",
            "Olaf Scholz",
            {"SUPPORT"},
        ),
        ("Joe Biden spoke first. I would like to congratulate Joe Biden on his victory.", "Joe Biden", {"SUPPORT"}),
        ("I wish to extend my warmest greetings to President Emmanuel Macron.", "Emmanuel Macron", {"SUPPORT"}),
        ("I would like to ask Sergei Lavrov to continue the talks.", "Sergei Lavrov", {"DEMAND"}),
        ("I would like to begin by expressing my gratitude to Emmanuel Macron.", "Emmanuel Macron", {"SUPPORT"}),
        (
            "I wish the wounded a speedy recovery, and I thank Emmanuel Macron for his help.",
            "Emmanuel Macron",
            {"SUPPORT"},
        ),
        # ... another's wish, or a wish to do something else, is an intention (CAMEO 03)
        ("Olaf Scholz wants to thank Emmanuel Macron.", "Emmanuel Macron", {"AGREE"}),
        ("I want to meet Joe Biden next month.", "Joe Biden", {"AGREE"}),
    ],
)
def test_a_performative_wish_is_the_act(nlp, text, target, expected):
    assert categories(nlp, text, target) == expected


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        # arriving somewhere is no agreement with it
        ("Japan's delegation reached Moscow on Monday.", "Russia", set()),
        ("Russia reached the border with Ukraine.", "Ukraine", set()),
        # reaching out is making contact
        ("Angela Merkel reached out to Joe Biden.", "Joe Biden", {"CONSULT"}),
        # what one reaches with someone is an agreement
        ("Russia reached an agreement with Turkey.", "Türkiye", {"AGREE"}),
        ("Israel reached a ceasefire with Hamas.", "Hamas", {"AGREE"}),
    ],
)
def test_reaching_a_place_is_no_agreement(nlp, text, target, expected):
    assert categories(nlp, text, target) == expected


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        ("Russian troops conducted a joint patrol with Turkish troops.", "Türkiye", {"COOPERATE"}),
        ("Russian troops patrolled with Turkish troops.", "Türkiye", {"COOPERATE"}),
        ("Russian warships patrolled the coast of Ukraine.", "Ukraine", {"MOBILIZE"}),
    ],
)
def test_a_deployment_shared_with_a_party_is_cooperation(nlp, text, target, expected):
    assert categories(nlp, text, target) == expected


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        # a claim about the complement's subject is no demand of it
        ("Rudy Giuliani suggested Sacha Baron Cohen may have edited the footage.", "Sacha Baron Cohen", set()),
        ("Joe Biden insisted that Vladimir Putin is a war criminal.", "Vladimir Putin", set()),
        # ... an act it is to do is
        ("Joe Biden demanded that Russia withdraw its troops.", "Russia", {"DEMAND"}),
        ("Joe Biden suggested that Russia withdraw its troops.", "Russia", {"DEMAND"}),
        ("Angela Merkel said that Ukraine has to stop the shelling.", "Ukraine", {"DEMAND"}),
        ("Angela Merkel hoped that Vladimir Putin would negotiate.", "Vladimir Putin", {"DEMAND"}),
        # a warning against doing something is advice; a warning of one's response a threat
        ("The British embassy warned Boris Johnson against travelling to Kyiv.", "Boris Johnson", {"DEMAND"}),
        ("Iran warned Israel of a crushing response.", "Israel", {"THREATEN"}),
        # ... and saying that it need not is none
        ("Angela Merkel said that Ukraine does not have to stop the talks.", "Ukraine", set()),
    ],
)
def test_a_demand_needs_a_directive_complement(nlp, text, target, expected):
    assert categories(nlp, text, target) == expected


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        # word senses that name no interaction
        ("The intelligence services failed Joe Biden.", "Joe Biden", set()),
        ("Let us call them partners of Joe Biden.", "Joe Biden", set()),
        ("Joe Biden called Vladimir Putin a killer.", "Vladimir Putin", set()),
        ("Joe Biden called Vladimir Putin on Monday.", "Vladimir Putin", {"CONSULT"}),
        ("Vladimir Putin checked the combat readiness of the Russian army.", "Russia", {"INVESTIGATE"}),
        ("Russia sent attack helicopters to Syria.", "Syria", {"AID"}),
        # ... and the senses that stay
        ("Russia failed to reach an agreement with Ukraine.", "Ukraine", {"REJECT"}),
        ("The attack on Ukraine by Russia was condemned.", "Ukraine", {"FIGHT"}),
        ("Germany announced a support package for Ukraine.", "Ukraine", {"SUPPORT"}),
    ],
)
def test_word_senses_that_are_no_interaction(nlp, text, target, expected):
    assert categories(nlp, text, target) == expected


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        # a speech act offered names the event of the verb it is the subject of
        ("The United States condemns the attack. Our condolences go out to the people of Iraq.", "Iraq", {"SUPPORT"}),
        ("The United States is proud. Our troops went to Iraq.", "Iraq", {"CONSULT"}),
        # the one a place is freed from is fought
        ("The Iraqi army freed Mosul from the Islamic State.", "Islamic State", {"FIGHT"}),
        ("Kurdish fighters liberated the town from Islamic State control.", "Islamic State", {"FIGHT"}),
        ("Ukraine freed the prisoners of Russia.", "Russia", {"CONCEDE"}),
    ],
)
def test_constructions_name_the_event(nlp, text, target, expected):
    assert categories(nlp, text, target) == expected


@pytest.mark.parametrize(
    ("text", "mention", "label"),
    [
        ("Syrian opposition forces attacked the Syrian army.", "Syrian opposition forces", "Syrian opposition forces"),
        ("Afghan rebel fighters attacked the Afghan army.", "Afghan rebel fighters", "Afghan rebel fighters"),
        ("Russian security forces detained the protesters.", "Russian security forces", "Russia"),
        ("Iraqi government forces retook Mosul.", "Iraqi government forces", "Iraq"),
    ],
)
def test_non_state_forces_are_no_state(nlp, text, mention, label):
    doc = parse(nlp, Article(id="t", text=text))
    assert {m.text: m._.actor.label for m in doc._.mentions}[mention] == label


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        # acting jointly with someone is cooperation, as the noun "cooperation" is
        ("Kenya collaborated closely with Uganda on border security.", "Uganda", {"COOPERATE"}),
        ("Poland worked together with Lithuania to secure the border.", "Lithuania", {"COOPERATE"}),
        ("Brazil coordinated with Argentina ahead of the summit.", "Argentina", {"COOPERATE"}),
        ("Chile has cooperated with Peru since the flood.", "Peru", {"COOPERATE"}),
        # ... and backing or praising someone stays support
        ("Italy backed France in the dispute.", "France", {"SUPPORT"}),
        ("Egypt praised Jordan for its restraint.", "Jordan", {"SUPPORT"}),
    ],
)
def test_acting_jointly_is_cooperation(nlp, text, target, expected):
    assert categories(nlp, text, target) == expected


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        # giving names no act by itself: what is given does
        ("The chairman gave Anna Smith the floor.", "Anna Smith", set()),
        ("The minister gave the farmers of Chad new hope.", "Chad", set()),
        ("The mayor gave a long speech to the protesters.", "protesters", set()),
        # ... material help given is aid, troops a deployment, a permission a concession
        ("Norway gave Sudan emergency assistance after the floods.", "Sudan", {"AID"}),
        ("Qatar gave Egypt a loan.", "Egypt", {"AID"}),
        ("Ecuador gave Julian Assange asylum.", "Julian Assange", {"AID"}),
        ("Japan gave money to the Red Cross.", "Red Cross", {"AID"}),
        ("Kenya gave troops to Somalia.", "Somalia", {"MOBILIZE"}),
        ("The court gave Hamid Karzai permission to leave.", "Hamid Karzai", {"CONCEDE"}),
    ],
)
def test_what_is_given_names_the_act(nlp, text, target, expected):
    assert categories(nlp, text, target) == expected


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        # besting someone in a contest, or by a score, is a result and no fight
        ("Joe Biden defeated Donald Trump in the election.", "Donald Trump", set()),
        ("Boris Johnson defeated Jeremy Hunt in the leadership contest.", "Jeremy Hunt", set()),
        ("Liverpool beat Chelsea 2-1 at Anfield.", "Chelsea", set()),
        ("Anna Smith was defeated by John Brown with a 300 vote margin.", "Anna Smith", set()),
        # ... on a battlefield, in a span of years or a series of battles it stays one
        ("The Ukrainian army defeated Russian forces near Kharkiv.", "Russia", {"FIGHT"}),
        ("Government troops defeated the rebels in 2014-2015.", "rebels", {"FIGHT"}),
        ("Kurdish fighters defeated the Islamic State in a series of battles.", "Islamic State", {"FIGHT"}),
        ("Police beat the protesters in Minsk.", "protesters", {"ASSAULT"}),
    ],
)
def test_besting_in_a_contest_is_no_fight(nlp, text, target, expected):
    assert categories(nlp, text, target) == expected


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        # a question put to someone consults them, and demands nothing of whom it is about
        ("Reporters asked Angela Merkel whether she would run again.", "Angela Merkel", {"CONSULT"}),
        ("Olaf Scholz asked Sergei Lavrov which projects deserved the most attention.", "Sergei Lavrov", {"CONSULT"}),
        ("Journalists asked Emmanuel Macron how France would respond.", "France", set()),
        ("Joe Biden asked Justin Trudeau about the delays.", "Justin Trudeau", {"CONSULT"}),
        ("Olaf Scholz asked Emmanuel Macron a question about the budget.", "Emmanuel Macron", {"CONSULT"}),
        # ... asking someone to do something, or for something, is a demand
        ("Joe Biden asked Congress to approve the aid.", "Congress", {"DEMAND"}),
        ("Joe Biden asked Angela Merkel for help.", "Angela Merkel", {"DEMAND"}),
        ("Joe Biden asked that Congress should approve the aid.", "Congress", {"DEMAND"}),
    ],
)
def test_a_question_consults_and_a_request_demands(nlp, text, target, expected):
    assert categories(nlp, text, target) == expected


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        ("The junta lifted the curfew in Myanmar.", "Myanmar", {"CONCEDE"}),
        ("The United States lifted its sanctions on Cuba.", "Cuba", {"RETREAT"}),
    ],
)
def test_lifting_a_curfew_concedes_and_lifting_sanctions_retreats(nlp, text, target, expected):
    assert categories(nlp, text, target) == expected


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        # aiding and assisting, and the nouns derived from them, are aid
        ("Military doctors rendered assistance to the people of Donetsk.", "people", {"AID"}),
        ("Turkey assisted Azerbaijan during the war.", "Azerbaijan", {"AID"}),
        ("The World Bank aided Haiti after the earthquake.", "Haiti", {"AID"}),
        ("Norway sent humanitarian aid to Yemen.", "Yemen", {"AID"}),
        # ... cooperating stays cooperation
        ("Kenya cooperated with Uganda.", "Uganda", {"COOPERATE"}),
    ],
)
def test_aid_and_assistance_are_aid(nlp, text, target, expected):
    assert categories(nlp, text, target) == expected


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        # what two parties exchange names the act: opinions and letters are consultation, greetings support
        ("Emmanuel Macron and Olaf Scholz exchanged opinions on the war.", "Olaf Scholz", {"CONSULT"}),
        ("India and Pakistan exchanged assessments of the border situation.", "Pakistan", {"CONSULT"}),
        ("Joe Biden and Justin Trudeau exchanged New Year greetings.", "Justin Trudeau", {"SUPPORT"}),
        ("Joe Biden and Justin Trudeau exchanged letters.", "Justin Trudeau", {"CONSULT"}),
        # ... and fire and prisoners keep theirs
        ("Israel and Hamas exchanged fire.", "Hamas", {"FIGHT"}),
    ],
)
def test_what_is_exchanged_names_the_act(nlp, text, target, expected):
    assert categories(nlp, text, target) == expected


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        # "several" is no severing of relations
        ("Vladimir Putin had several telephone conversations with Emmanuel Macron.", "Emmanuel Macron", {"CONSULT"}),
        ("Joe Biden made several transfers to Hunter Smith.", "Hunter Smith", set()),
        # ... "severed ties" is one
        ("Morocco severed its ties with Iran.", "Iran", {"SANCTION"}),
    ],
)
def test_several_is_no_severing(nlp, text, target, expected):
    assert categories(nlp, text, target) == expected


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        # where one studies or teaches is no party
        ("Anna Smith studied at the University of Maryland.", "University of Maryland", set()),
        ("Many Kenyan students study at Russian universities.", "Russian universities", set()),
        ("John Brown taught at Harvard University for ten years.", "Harvard University", set()),
        # ... what is studied from someone, and other verbs' "at" phrases, keep theirs
        ("The committee studied the proposal from Germany.", "Germany", {"INVESTIGATE"}),
        ("Protesters threw stones at the police.", "police", {"ASSAULT"}),
    ],
)
def test_where_one_studies_is_no_party(nlp, text, target, expected):
    assert categories(nlp, text, target) == expected
