"""Nominal and purpose events: event nouns, aims and the parties they are carried out by (hand-written sentences)."""

from __future__ import annotations

import pytest
from sentences import labeled_triples

from extract.pipeline import extract
from extract.records import Article


def triples(nlp, text: str) -> set[tuple[str, str | None, str]]:
    return labeled_triples(nlp, text, date="2021-06-01")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the helped party carries out the aim it is helped in
        ("Germany stands by Ukraine to defeat Russia.", ("Ukraine", "FIGHT", "Russia")),
        ("NATO has supported Ukraine in its efforts to defeat Russia.", ("Ukraine", "FIGHT", "Russia")),
        (
            "France remains steadfast in its support of the Malian army and the Malian people in their fight against "
            "al-Qaeda.",
            ("Mali", "FIGHT", "al-Qaeda"),
        ),
        (
            "France remains steadfast in its support of Mali in its fight against al-Qaeda.",
            ("Mali", "FIGHT", "al-Qaeda"),
        ),
        ("The EU's support for Ukraine in the fight against Russia is growing.", ("Ukraine", "FIGHT", "Russia")),
        ("The US helped Iraq defeat ISIL.", ("Iraq", "FIGHT", "Islamic State")),
        ("Egypt supported the Sudanese army in defeating the rebels.", ("Sudan", "FIGHT", "rebels")),
        # the possessor of an aim noun carries out the aim
        ("Kenya reiterated Canada's commitment to defeating al-Shabaab.", ("Canada", "FIGHT", "al-Shabaab")),
        # "X-led": the leader carries the event out
        ("Saudi-led airstrikes on Yemen killed dozens.", ("Saudi Arabia", "FIGHT", "Yemen")),
        (
            "NATO-led operations against the Taliban resumed.",
            ("North Atlantic Treaty Organisation", "FIGHT", "Taliban"),
        ),
        # a light verb's event noun names its target with "for": "reiterated its support for X"
        ("France reiterated its support for Mali.", ("France", "SUPPORT", "Mali")),
        # a relative clause on an event noun carries the noun's event out
        (
            "The atrocities that Boko Haram has perpetrated against villagers shocked Nigeria.",
            ("Boko Haram", "ASSAULT", "villagers"),
        ),
        ("The talks that Iran held with France last week failed.", ("Iran", "CONSULT", "France")),
        # an event noun's participle carries its phrases: "the agreement signed between X and Y"
        ("Britain welcomed the agreement signed between Iraq and Iran.", ("Iraq", "AGREE", "Iran")),
        # "in support of" an event supports its agent; the supporters are what the phrase modifies
        (
            "Kurdish fighters advanced on Raqqa in support of the coalition campaign against ISIL.",
            ("Kurdish fighters", "SUPPORT", "coalition"),
        ),
        # the frame of another actor's act is no content of it: Y's fight stays an event
        ("Canada pledged support for Ukraine in its fight against Russia.", ("Ukraine", "FIGHT", "Russia")),
        # support given "from" X to the one the clause is about
        ("With support from Qatar, the rebels captured the town.", ("Qatar", "SUPPORT", "rebels")),
        # a judged event happened: "condemned X's attacks on Y" (X attacked Y), with its place as target
        ("Egypt condemned Hamas's rocket attacks on Israel.", ("Hamas", "FIGHT", "Israel")),
        ("Hezbollah's attacks in Israel continued.", ("Hezbollah", "FIGHT", "Israel")),
        (
            "Rebel forces, aided by strong support from Turkey, captured the town.",
            ("Türkiye", "SUPPORT", "Rebel forces"),
        ),
        # a noun of judgement names its target with "of", an actor's deeds standing for the actor
        ("The EU is united in its condemnation of Iran's policies.", ("European Union", "DISAPPROVE", "Iran")),
        # a judgement noun names its target with "of", even one that ends like a practice ("-ism")
        ("Sweden's criticism of Turkey grew.", ("Sweden", "DISAPPROVE", "Türkiye")),
        ("The criticism of Serbia by Croatia grew louder.", ("Croatia", "DISAPPROVE", "Serbia")),
        # talks, meetings and calls with their possessor, "with" and "between" phrases
        ("Talks between Armenia and Azerbaijan resumed.", ("Armenia", "CONSULT", "Azerbaijan")),
        ("Joe Biden's call with Fumio Kishida lasted an hour.", ("Joe Biden", "CONSULT", "Fumio Kishida")),
        (
            "After talks with Olaf Scholz, Emmanuel Macron announced new measures.",
            ("Emmanuel Macron", "CONSULT", "Olaf Scholz"),
        ),
        # the "of" phrase of a noun of practice names who practises it
        ("The terrorism of al-Shabaab against Kenya continued.", ("al-Shabaab", "ASSAULT", "Kenya")),
    ],
)
def test_nominal_and_purpose_events(nlp, text, expected):
    found = triples(nlp, text)
    assert expected in found, found


@pytest.mark.parametrize(
    ("text", "unexpected"),
    [
        # a generic object noun takes its event from its modifier: a mediation effort is no appeal
        ("Norway launched a mediation effort between Sudan and Chad.", ("Norway", "DEMAND", "Sudan")),
        # the helper does not take over a helped party's possessive: it is the helped party's fight
        ("France backed Mali in its fight against al-Qaeda.", ("France", "FIGHT", "al-Qaeda")),
        # a noun derived from a verb of judgement is not one: "the implications of X" judge nothing
        ("Japan is still weighing the implications of China's decision.", ("Japan", "DISAPPROVE", "China")),
        # criticism by others named in an "against" phrase is not the clause subject's
        ("Egypt defended Libya against Western criticism of its policies.", ("Egypt", "DISAPPROVE", "Libya")),
        # the one who welcomes an agreement is not a party to it
        ("Britain welcomed the agreement between Iraq and Iran.", ("United Kingdom", "AGREE", "Iraq")),
        # a verb of talk is no light verb: discussing support for X is not supporting X
        ("Britain discussed the support for Ukraine with France.", ("United Kingdom", "SUPPORT", "Ukraine")),
        # a helped party's aim is only read through "in" phrases and infinitives, not any conjoined verb
        ("Britain supported Iraq and expelled Iran's diplomats.", ("Iraq", "COERCE", "Iran")),
        # a headline run into the next paragraph: the speaker's name is no object of the headline's phrase
        (
            "Jean Le Drian, Minister for Europe welcomes the liberation of Gao and reiterates support for the "
            "Government of Mali in the fight against AQIM\n\nMinister Le Drian said:\n\nThis is a great day.",
            ("Mali", "FIGHT", "Jean Le Drian"),
        ),
        # ending another's practice is not practising it: "the terrorism of X" is X's
        ("Kenya vowed to end the terrorism of al-Shabaab.", ("Kenya", "THREATEN", "al-Shabaab")),
        # an event named as a point in time is no event of the report
        (
            "Thousands of refugees have returned home since the 2003 peace accord between Liberia and Sierra Leone.",
            ("Liberia", "AGREE", "Sierra Leone"),
        ),
    ],
)
def test_nominal_events_not_misread(nlp, text, unexpected):
    found = triples(nlp, text)
    assert unexpected not in found, found


def test_passive_agent_is_no_party_to_the_frame(nlp):
    found = triples(
        nlp,
        "The general has been indicted by the U.N. tribunal for his part in killings during the fight "
        "against Serb forces.",
    )
    assert not any(category == "FIGHT" for _, category, _ in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # sympathy carried by a verb of being or going: its "with"/"to" phrase names the addressee
        ("A spokesman for Oxfam said their thoughts were with the children.", ("Oxfam", "SUPPORT", "children")),
        (
            'Jacinda Ardern said: "My heart goes out to the Muslim community."',
            ("Jacinda Ardern", "SUPPORT", "Muslim community"),
        ),
        (
            '"Our deepest condolences are with the refugees," the Foreign Ministry said.',
            ("Foreign Ministry", "SUPPORT", "refugees"),
        ),
    ],
)
def test_sympathy_carried_by_a_verb_of_being_or_going(nlp, text, expected):
    assert expected in triples(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Olaf Scholz said his thoughts on the economy were with the Bundesbank.",  # an opinion, not sympathy
        "Olaf Scholz said his thoughts were elsewhere.",  # no addressee
        "The thought of a war with Russia worried Olaf Scholz.",  # not carried by a verb of being or going
    ],
)
def test_thoughts_that_are_no_sympathy(nlp, text):
    assert not any(t == "SUPPORT" for _, t, _ in triples(nlp, text))


def test_condolences_going_to_a_party_are_stated_once(nlp):
    # "go out to" is read with the verb (senses.offered): the noun adds no second relation
    found = extract(nlp, Article(id="t", text='"Our condolences go out to the victims," said Joe Biden.')).relations
    assert len([r for r in found if r.object.actor.label == "victims"]) == 1, found


def test_an_event_noun_naming_its_own_addressee_is_not_addressed_to_the_judge(nlp):
    # "criticised X for its support for Y": the support is for Y, named or not, never for the critic
    found = triples(nlp, "Cuba was criticised by the United States for its support for the referendum.")
    assert ("Cuba", "SUPPORT", "United States") not in found, found


def test_an_event_noun_with_no_addressee_is_addressed_to_who_answers_it(nlp):
    found = triples(nlp, "Vladimir Putin thanked Emmanuel Macron for his support.")
    assert ("Emmanuel Macron", "SUPPORT", "Vladimir Putin") in found, found
