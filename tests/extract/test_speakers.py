"""Speakers and addressees: whom "I", "we", "you" and "they" stand for in statements, transcripts and interviews.

Hand-written texts; each case is a claim about English (who speaks, for whom, to whom), with its negative.
"""

from __future__ import annotations

import pytest


def pronouns(nlp, text: str, date: str = "2022-01-15") -> list[tuple[str, str]]:
    """(pronoun, label of the actor it resolved to) in order; unresolved pronouns are absent."""
    doc = nlp.make_doc(text)
    doc._.date = date
    for _, component in nlp.pipeline:
        doc = component(doc)
    return [(m.text, m._.actor.label) for m in doc._.mentions if m._.resolved_by == "pronoun"]


def labels(nlp, text: str, pronoun: str) -> list[str]:
    return [label for word, label in pronouns(nlp, text) if word == pronoun]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        # the office written before the name, in either order
        ('Rosneft CEO Igor Sechin said: "We have increased output this year."', "Rosneft"),
        (
            "Vladimir Putin met with CEO of the Russian Direct Investment Fund (RDIF) Kirill Dmitriev.\n\n"
            "Kirill Dmitriev: We have invested 2 trillion rubles.",
            "Russian Direct Investment Fund",
        ),
        # the speaker says whom they speak for
        ('"On behalf of the Court," wrote Chief Justice Mary Hale, "we mourn our colleague."', "Court"),
    ],
)
def test_we_of_the_head_of_a_body_is_the_body_the_text_names(nlp, text, body):
    assert labels(nlp, text, "We" if "We" in text else "we") == [body]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ('President of Azerbaijan Ilham Aliyev said: "We will keep the ceasefire."', "Azerbaijan"),
        # a minister at a meeting the head of state chairs: the government's "we"
        (
            "President of Russia Vladimir Putin: Good afternoon, colleagues.\n\n"
            "Minister of Energy Nikolai Shulginov: We have increased coal output.",
            "Russia",
        ),
        # ... also when the minister's report names another state acting first
        (
            "President of Russia Vladimir Putin: Good afternoon, colleagues.\n\n"
            "Defence Minister Sergei Shoigu: The United States is moving troops to Poland. "
            "We have increased support for our military personnel.",
            "Russia",
        ),
        ('Bruno Rodriguez, the foreign minister of Cuba, wrote: "They will not break us."', "Cuba"),
    ],
)
def test_we_of_a_head_of_state_or_member_of_government_is_the_country(nlp, text, country):
    found = [label for word, label in pronouns(nlp, text) if word.lower() in ("we", "us")]
    assert found == [country]


@pytest.mark.parametrize(("date", "expected"), [("2021-03-01", ["United Kingdom"]), ("2016-06-01", [])])
def test_we_of_a_head_of_government_is_the_country_while_in_office(nlp, date, expected):
    # the reference data's term of office: Prime Minister from July 2019, not yet in 2016
    found = pronouns(nlp, "Boris Johnson spoke in London. We will support Iraq, he said.", date)
    assert [label for word, label in found if word == "We"] == expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a senator speaks for no country: the text identifies only the senator
        ('Senator Lindsey Graham said: "We will not let Syria win."', "Lindsey Graham"),
        ('"We extend our condolences," Chief Justice Mary Hale wrote.', "Mary Hale"),
    ],
)
def test_we_of_an_office_holder_speaking_for_no_named_body_is_the_speaker(nlp, text, speaker):
    assert set(labels(nlp, text, "We")) == {speaker}


@pytest.mark.parametrize(
    "text",
    [
        'Fifteen-year-old Robert Hale, on the lower deck, said "We thought the bus had hit the tunnel."',
        'Boris Johnson spoke first. "We were terrified," a passenger said.',  # a speaker the text does not name
        "President of Russia Vladimir Putin: Good afternoon.\n\nQuestion: Mr President, will we see growth?",
    ],
)
def test_we_of_no_identified_side_stays_unresolved(nlp, text):
    assert labels(nlp, text, "We") + labels(nlp, text, "we") == []


def test_a_ceo_s_we_is_never_the_country(nlp):
    text = "Vladimir Putin: Welcome.\n\nRosneft CEO Igor Sechin: We have increased output."
    assert "Russia" not in labels(nlp, text, "We")


@pytest.mark.parametrize(
    ("text", "pronoun", "expected"),
    [
        # the opening turn addresses the person it calls by name
        (
            "Vladimir Putin met with Valery Zorkin.\n\nVladimir Putin: Mr Zorkin, let me congratulate you.",
            "you",
            ["Valery Zorkin"],
        ),
        # an unnamed interviewer's question addresses the one who answers
        (
            "Intro.\n\n((WN)) What do you think of the vote?\n\n((Adam Kokesh)) I think it was fair.",
            "you",
            ["Adam Kokesh"],
        ),
        ("Intro.\n\n((WN)) Do you agree?\n\n((Adam Kokesh)) I think it was fair.", "I", ["Adam Kokesh"]),
        # a message quoted after its sending: the sender is "I", the recipient "you"
        (
            "Vladimir Putin sent a message of greetings to Yevgeny Mironov.\n\n"
            'The message reads: "You have fulfilled your dream. I praise your work."',
            "I",
            ["Vladimir Putin"],
        ),
        (
            "Vladimir Putin sent a message of greetings to Yevgeny Mironov.\n\n"
            'The message reads: "You have fulfilled your dream. I praise your work."',
            "your",
            ["Yevgeny Mironov", "Yevgeny Mironov"],
        ),
    ],
)
def test_you_is_the_addressee_the_text_identifies(nlp, text, pronoun, expected):
    assert labels(nlp, text, pronoun) == expected


@pytest.mark.parametrize(
    ("text", "pronoun"),
    [
        # a journalist's question: "I" is no one named, and the answer's "you" is the unnamed journalist
        ("President of Russia Vladimir Putin: Good afternoon.\n\nQuestion: Mr President, I ask you this.", "I"),
        ("Question: Mr President, what do you think?\n\nVladimir Putin: You know, I think so.", "You"),
        # outside a transcript, "you" is no one the text names
        ("Olaf Scholz said you cannot trust the polls.", "you"),
    ],
)
def test_i_and_you_of_an_unnamed_speaker_stay_unresolved(nlp, text, pronoun):
    assert labels(nlp, text, pronoun) == []


def test_a_speaker_card_glued_to_the_name_is_the_person_named_before(nlp):
    text = (
        "Vladimir Putin met with President of Azerbaijan Ilham Aliyev.\n\n"
        "President of Russia Vladimir Putin: Welcome!\n\n"
        "President of the Republic of Azerbaijan Ilham Aliyev Aliyev IlhamPresident of Azerbaijan: Thank you. "
        "I am glad to meet you."
    )
    found = pronouns(nlp, text)
    assert ("I", "Ilham Aliyev") in found and ("you", "Vladimir Putin") in found, found


@pytest.mark.parametrize(
    ("text", "pronoun", "expected"),
    [
        ("The protesters met Boris Johnson. They criticised him.", "They", ["protesters"]),
        # after a single person, "they" is not that person
        ("Boris Johnson spoke on Monday. They criticised him.", "They", []),
        # the plural subject above it is its antecedent, even when no actor: not an actor named before
        ("The rebels met in Homs. European countries say that they will stop buying gas.", "they", []),
        # several actors together are no one of them
        ("Russia and Uzbekistan are expanding their trade.", "their", []),
    ],
)
def test_they_agrees_in_number_with_its_antecedent(nlp, text, pronoun, expected):
    assert labels(nlp, text, pronoun) == expected


@pytest.mark.parametrize(
    ("text", "they", "us"),
    [
        # a speaker's "they" is others, never the side their "we" stands for
        (
            "President of Russia Vladimir Putin: Russia has been open to all. But they imposed sanctions on us.",
            [],
            ["Russia"],
        ),
        ('Olaf Scholz said: "Germany wants calm talks. They have threatened us."', [], ["Germany"]),
        (
            'The Russian Foreign Ministry said: "Russia proposed a treaty. They rejected it and blamed us."',
            [],
            ["Russian Foreign Ministry"],
        ),
        # ... and still who the text names before it, when that is another
        (
            "President of Russia Vladimir Putin: The Americans imposed sanctions. They want to weaken us.",
            ["United States"],
            ["Russia"],
        ),
    ],
)
def test_a_speaker_s_they_is_not_the_speaker_s_side(nlp, text, they, us):
    assert labels(nlp, text, "they" if "they" in text else "They") == they
    assert labels(nlp, text, "us") == us


def test_they_in_narration_still_finds_its_antecedent(nlp):
    text = "The EU imposed sanctions on Russia. Russian officials said they would respond."
    assert labels(nlp, text, "they") == ["Russia"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Jane Smith\n\nI have long admired Gordon Brown.", ["Jane Smith"]),  # the byline
        ("I have long admired Gordon Brown.", ["author"]),  # the unnamed author
        ('By Jane Smith\n\n"I was scared," a resident said.', []),  # a quotation is not the byline's
    ],
)
def test_i_in_an_opinion_piece_is_its_author(nlp, text, expected):
    assert labels(nlp, text, "I") == expected
