"""Actors' names whole, offices of bodies, places and events that are no actors, one actor per body.

Hand-written sentences and mini-articles; each case is a claim about English, with negative cases beside.
"""

from __future__ import annotations

import pytest


def mentions(nlp, text: str, date: str | None = "2022-03-01", scope: str | None = "article1"):
    """The document's mentions: (text, label, type, role, country, resolved_by), in order."""
    doc = nlp.make_doc(text)
    doc._.date = date
    doc._.scope = scope
    for _, component in nlp.pipeline:
        doc = component(doc)
    return [
        (m.text, m._.actor.label, m._.actor.type, m._.actor.role, m._.actor.country, m._.resolved_by)
        for m in doc._.mentions
    ]


def labels(nlp, text: str, **kwargs) -> dict[str, str]:
    """mention text → actor label (the last mention of a text wins)."""
    return {m[0]: m[1] for m in mentions(nlp, text, **kwargs)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a lower-case part glued on by a hyphen ends the name
        ("The minister wrote to President of the Republic of Korea Choi Min-jun.", "Choi Min-jun"),
        ("The envoy met Prime Minister of Thailand Somchai Chan-o-wit on Friday.", "Somchai Chan-o-wit"),
        # a capitalised first part glued before a name of two words or more begins it
        ("The talks were led by Jean-Marc Le Brun, the French envoy.", "Jean-Marc Le Brun"),
        # a particle with the name part after it belongs to the name
        ("The delegation met Abdullah bin Faisal in Riyadh.", "Abdullah bin Faisal"),
        ("The court heard Maria de Souza on Tuesday.", "Maria de Souza"),
    ],
)
def test_a_name_the_tagger_cut_short_is_whole(nlp, text, name):
    people = [m for m in mentions(nlp, text) if m[2] == "PERSON"]
    assert any(m[0] == name and m[1] == name for m in people), people


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The Putin-led government fell.", "Putin"),  # a name made a modifier by a hyphen is the name alone
        ("It was a Trump-era rule.", "Trump"),
        ("The Assad-backed militia attacked the town.", "Assad"),
    ],
)
def test_a_hyphen_that_makes_a_name_a_modifier_adds_nothing_to_it(nlp, text, word):
    assert not any(m[0].startswith(word + "-") for m in mentions(nlp, text)), mentions(nlp, text)


def test_a_capitalised_name_after_a_hyphen_is_another_name(nlp):
    found = mentions(nlp, "Ali Hassan met Omar Said. The Hassan-Said talks ended.")
    assert not any("Hassan-Said" in m[1] for m in found), found


@pytest.mark.parametrize(
    ("text", "mention", "person"),
    [
        # family name first: the article's own full name is who the first word is
        ("Li Wenliang warned his colleagues. Police detained Li in January.", "Li", "Li Wenliang"),
        (
            "Vladimir Putin met President of the People's Republic of China Xi Jinping. President Xi thanked him.",
            "Xi",
            "Xi Jinping",
        ),
        ("Moon Jae-in visited Tokyo on Monday. Moon thanked the Japanese hosts.", "Moon", "Moon Jae-in"),
        # a person called by the given name, once named in full
        ("Brigid Kosgei won the race. Nobody could catch Brigid that day.", "Brigid", "Brigid Kosgei"),
        # a surname still wins over a first word: 'Lee' is Tom Lee, not Lee Harvey
        ("Lee Harvey spoke first. Then Tom Lee spoke. Critics praised Lee.", "Lee", "Tom Lee"),
    ],
)
def test_a_first_word_is_the_person_named_in_full_with_it(nlp, text, mention, person):
    found = [m for m in mentions(nlp, text) if m[0] == mention]
    assert found and found[-1][1] == person and found[-1][5] == "surname", mentions(nlp, text)


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        # no one named in full with that first word: no link, and never a bare gazetteer link
        ("President Xi thanked the hosts.", "Xi"),
        # two people begin with the word: neither
        ("Kim Jong-un met Kim Yo-jong on Friday. Later Kim spoke.", "Kim"),
        # a word after an article is not a name of the person: 'the Moon'
        ("Moon Jae-in visited Seoul. The Moon was full that night.", "Moon"),
        # nor one after a preposition of place: 'on Twitter' after a 'Twitter Smith' the tagger made up
        ("Twitter Smith was mentioned. Jane Roe posted on Twitter that she would run.", "Twitter"),
    ],
)
def test_a_first_word_with_no_one_person_named_in_full_is_no_link(nlp, text, mention):
    found = [m for m in mentions(nlp, text) if m[0] == mention]
    assert all(m[1] == mention and m[5] == "name" for m in found), mentions(nlp, text)


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        (
            "Ana Lopes had a telephone conversation with President of the European Council Pierre Martin.",
            "Pierre Martin",
            "President of the European Council",
        ),
        (
            "Ana Lopes met with Secretary-General of the United Nations Kofi Mensah in Geneva.",
            "Kofi Mensah",
            "Secretary-General of the United Nations",
        ),
        ("Ana Lopes met with Chairman of the State Duma Ivan Sokolov.", "Ivan Sokolov", "Chairman of the State Duma"),
        (
            "Ana Lopes thanked Chairman of the Management Board of the Northern Rail Company Pavel Orlov.",
            "Pavel Orlov",
            "Chairman of the Management Board of the Northern Rail Company",
        ),
    ],
)
def test_the_holder_of_an_office_of_a_body_is_the_person(nlp, text, person, role):
    found = mentions(nlp, text)
    people = [m for m in found if m[1] == person]
    assert people and people[0][2] == "PERSON" and people[0][3] == role, found
    # the body is the person's office there, not a party of its own
    assert not [m for m in found if m[2] != "PERSON" and m[1] in role], found


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        # the tagger glues the name to the body: the name is what follows the body's head noun
        (
            "Taking part were Chairman of the Security Council Pyotr Ivanov and others.",
            "Pyotr Ivanov",
            "Chairman of the Security Council",
        ),
        (
            "Putin spoke with Chairman of the State Council Commission on Transport Alexei Petrov.",
            "Alexei Petrov",
            "Chairman of the State Council Commission on Transport",
        ),
        # ... or to the end of a body named over several words
        (
            "Chairman of the Executive Board of Northern Railways Ivan Orlov: Thank you, Mr President.",
            "Ivan Orlov",
            "Chairman of the Executive Board of Northern Railways",
        ),
        # ... or to the country, with a hyphenated given name
        ("Putin met with President of Kazakhstan Nur-Sultan Abenov.", "Nur-Sultan Abenov", "President"),
    ],
)
def test_a_name_glued_to_the_body_of_its_office_is_the_person(nlp, text, person, role):
    found = mentions(nlp, text)
    people = [m for m in found if m[1] == person]
    assert people and people[0][2] == "PERSON" and people[0][3] == role, found
    assert not any(person in m[1] and m[2] != "PERSON" for m in found), found


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        # a title written after the body's name, before the holder's ('Speaker' among the titles)
        (
            "Ana Lopes met Federation Council Speaker Olga Petrova in Moscow.",
            "Olga Petrova",
            "Federation Council Speaker",
        ),
        ("State Duma Chairman Ivan Sokolov said the bill would pass.", "Ivan Sokolov", "State Duma Chairman"),
        # a head's title that is no title alone: 'head', 'CEO', 'Director'
        ("The deal was signed by Northern Rail Company CEO Pavel Orlov.", "Pavel Orlov", "Northern Rail Company CEO"),
        # the tagger glues body, title and name into one body
        ("Federation Council Speaker Olga Petrova Federation Council Speaker Olga Petrova.", "Olga Petrova", None),
        # 'Head of the X' with no title word, of a body or of a place
        (
            "Putin met with Head of the Federal Fisheries Agency Ilya Shestov.",
            "Ilya Shestov",
            "Head of the Federal Fisheries Agency",
        ),
        (
            "The minister thanked head of the Regional Water Authority Marat Galiev.",
            "Marat Galiev",
            "head of the Regional Water Authority",
        ),
    ],
)
def test_a_body_s_office_written_with_its_holder_is_the_person_s_role(nlp, text, person, role):
    found = mentions(nlp, text)
    people = [m for m in found if m[1] == person]
    assert people and people[0][2] == "PERSON" and (role is None or people[0][3] == role), found
    # the body is the person's office there, not a party of its own
    assert not [m for m in found if m[2] != "PERSON" and m[0] in text.split(person)[0]], found


def test_a_given_name_the_tagger_glued_to_the_body_is_the_holder_s(nlp):
    text = "General Director of the Presidential Culture Foundation Ilya Markin reported on state support."
    found = mentions(nlp, text)
    people = [m for m in found if m[1] == "Ilya Markin"]
    assert people and people[0][3] == "General Director of the Presidential Culture Foundation", found
    assert not [m for m in found if "Foundation" in m[0]], found


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Putin met Head of Baltic Shipping Tatiana Orlova. Ms Orlova reported on exports.", "Tatiana Orlova"),
        (
            "The deal was praised by Chief Executive of Volga Grain Pavel Sidorov. Pavel Sidorov said it would help.",
            "Pavel Sidorov",
        ),
        # the title after the body's name, the bank unknown to the reference data
        ("Putin had a working meeting with Promsvyazbank CEO Petr Fradkov. Mr Fradkov reported.", "Petr Fradkov"),
    ],
)
def test_a_holder_glued_to_a_body_no_reference_knows_is_the_person_the_article_names(nlp, text, person):
    """'Head of Baltic Shipping Tatiana Orlova' tagged one body: the reference data knows no such body, but
    the article names the person elsewhere, so the last two words are the holder's name."""
    found = mentions(nlp, text)
    assert [m[1] for m in found if m[2] == "PERSON"].count(person) == 2, found
    assert not [m for m in found if m[2] != "PERSON" and person in m[0]], found


@pytest.mark.parametrize(
    ("text", "body"),
    [
        # nothing else in the article says the last words are a person's: the tagger's body stays whole
        ("Putin met Head of Baltic Shipping Tatiana Orlova on Monday.", "Baltic Shipping Tatiana Orlova"),
        # the surname elsewhere is no person's ('Ms Lines' tagged a body)
        ("The Head of Baltic Shipping Lines met the minister. Ms Lines was not there.", "Baltic Shipping Lines"),
    ],
)
def test_a_body_no_reference_knows_is_split_only_on_the_articles_evidence(nlp, text, body):
    found = mentions(nlp, text)
    assert body in [m[0] for m in found if m[2] == "ORG"], found


def test_a_speaker_card_after_a_country_s_office_is_not_split_as_a_body_s(nlp):
    """'President of Brazil Jair Bolsonaro Bolsonaro JairPresident': the country stands outside the entity,
    so no body's name runs into the holder's; the card's name stays whole."""
    text = (
        "Welcome, Mr President. President of Brazil Jair Bolsonaro Bolsonaro JairPresident of Brazil"
        "(retranslated): It is a great honour for me. We feel solidarity with Russia."
    )
    found = mentions(nlp, text)
    assert [m[1] for m in found if m[2] == "PERSON"][:1] == ["Jair Bolsonaro"], found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a region's name ends in a noun for a place: its office holder is the name after it
        ("Putin met Governor of the Tula Region Ivan Sokolov on Monday.", ("Ivan Sokolov", "PERSON")),
        # no name after the region: the body stays whole, and no word of it becomes a person
        ("Putin met Governor of the Tula Region Administration.", ("Tula Region Administration", "ORG")),
    ],
)
def test_a_region_s_office_holder_is_the_name_after_the_region(nlp, text, found):
    assert found in [(m[1], m[2]) for m in mentions(nlp, text)]


def test_the_head_of_a_region_is_the_person_and_the_region_no_party(nlp):
    found = mentions(nlp, "Putin spoke with Head of the Republic of Dagestan Sergei Melikov on Monday.")
    people = [m for m in found if m[1] == "Sergei Melikov"]
    assert people and people[0][3] == "Head of the Republic of Dagestan", found
    assert not [m for m in found if "Dagestan" in m[0]], found


@pytest.mark.parametrize(
    ("text", "body"),
    [
        # a body acting beside a person named with another office stays an actor
        ("President of Russia Vladimir Putin and the Federation Council discussed the bill.", "Federation Council"),
        # a body before a plain noun is no office: 'the Federation Council members'
        ("The Federation Council members criticised Olga Petrova.", "Federation Council members"),
        # a head's word with no body before it: no role from nothing
        ("The head Olga Petrova spoke.", None),
    ],
)
def test_a_body_not_written_as_the_office_of_a_name_stays_a_body(nlp, text, body):
    found = mentions(nlp, text)
    if body is not None:
        assert any(m[1] == body for m in found), found
    assert not any(m[2] == "PERSON" and m[3] and "Council" in m[3] and "Putin" in m[1] for m in found), found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a page's speaker card: the name, the surname again, the given name glued to a title
        ("Northern Rail Company CEO Pavel Orlov Orlov PavelCEO of the company: Thank you.", "Pavel Orlov"),
        ("President of Tajikistan Ali-Reza Karimi Karimi Ali-RezaPresident: Welcome.", "Ali-Reza Karimi"),
        ("Minister Olga Petrova Petrova Olga: We are ready.", "Olga Petrova"),
        # the tagger's entity begins at the repeated surname: the given name before it is the name's
        ("Accounts Chamber Chairman Pavel Orlov Orlov PavelChairman of the Chamber: Thank you.", "Pavel Orlov"),
    ],
)
def test_a_speaker_card_s_repeated_name_is_one_clean_name(nlp, text, name):
    people = [m for m in mentions(nlp, text) if m[2] == "PERSON"]
    assert people and all(m[1] == name for m in people), people


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a surname written twice with no given name after it is a name as written
        ("Ahmed Hassan Hassan spoke in Cairo on Monday.", "Ahmed Hassan Hassan"),
        ("Sirhan Sirhan was denied parole.", "Sirhan Sirhan"),
    ],
)
def test_a_name_that_repeats_a_word_without_a_card_stays_whole(nlp, text, name):
    people = [m for m in mentions(nlp, text) if m[2] == "PERSON"]
    assert not any(m[1] != name and name.startswith(m[1]) for m in people), people


def test_an_office_of_a_body_with_no_name_stays_an_office_of_that_body(nlp):
    found = mentions(nlp, "The President of the European Commission criticised the plan.")
    office = [m for m in found if m[0] == "The President"]
    assert office and office[0][1] == "President of European Commission" and office[0][2] == "PERSON", found
    assert office[0][5] == "description", found  # an office, no person linked by the reference data


def test_a_body_acting_after_of_is_still_an_actor(nlp):
    found = labels(nlp, "The sanctions of the European Council angered Moscow.")
    assert "European Council" in found, found


def test_a_body_named_as_a_holders_office_is_an_actor_elsewhere(nlp):
    found = mentions(
        nlp, "President of the European Council Pierre Martin arrived. The European Council later condemned the attack."
    )
    assert [m[1] for m in found if m[1] == "European Council"] == ["European Council"], found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # events named by their head noun, whatever the tagger calls them
        ("Vladimir Putin addressed the plenary session of the Northern Economic Forum.", "Northern Economic Forum"),
        ("Delegations arrived for the Caspian Summit on Tuesday.", "Caspian Summit"),
        ("The minister opened the Kazan Book Exhibition.", "Kazan Book Exhibition"),
        ("The athletes thanked the organisers of the Winter Student Games.", "Winter Student Games"),
        # the event's noun alone refers to it
        ("Delegates arrived at the Forum on Friday.", "Forum"),
        # squares and streets after a preposition of place, 'on' included for a noun of place
        ("Protesters gathered on Maidan and police shot at them.", "Maidan"),
        ("Thousands protested on Tahrir Square against the government.", "Tahrir Square"),
        ("A lorry crashed on Kingsmead Lane, Winchester.", "Kingsmead Lane"),
        ("Flights to Benito Juárez International Airport were cancelled.", "Benito Juárez International Airport"),
    ],
)
def test_places_and_events_are_no_actors(nlp, text, name):
    found = mentions(nlp, text)
    assert not any(name in m[0] for m in found), found


def test_a_square_the_article_uses_as_a_place_is_no_actor_anywhere_in_it(nlp):
    found = mentions(nlp, "Volunteers handed out food on Maidan. Maidan did not bring Kyiv any closer to peace.")
    assert not any(m[0] == "Maidan" for m in found), found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # an organisation the reference data or the aliases know, though headed by a noun for an event
        ("The Pacific Islands Forum condemned the tests.", "Pacific Islands Forum"),
        ("The World Economic Forum warned governments about inflation.", "World Economic Forum"),
        # an event that says or does something stands for its participants
        ("The Asian Water Summit urged rich nations to pay more.", "Asian Water Summit"),
        # a person whose surname is a noun for a place, with no use of it as a place
        ("Mark Lane criticised the council on Monday.", "Mark Lane"),
        # 'on' before a name that is no noun for a place is no preposition of place
        ("Alexander Lukashenko spoke. The EU imposed sanctions on Lukashenko.", "Alexander Lukashenko"),
    ],
)
def test_actors_named_like_places_or_events_stay_actors(nlp, text, name):
    found = mentions(nlp, text)
    assert any(m[1] == name for m in found), found


@pytest.mark.parametrize(
    ("text", "name", "short"),
    [
        # the abbreviation the article defines is the actor of the name before it, also where the tagger
        # cut the name short ("... Co-operation" before "in Europe")
        (
            "The Organisation for Security and Co-operation in Europe (OSCE) sent observers. Later the OSCE left.",
            "Organisation for Security and Co-operation in Europe",
            "OSCE",
        ),
        (
            "The Northern Farmers Union (NFU) met ministers. The NFU criticised the plan.",
            "Northern Farmers Union",
            "NFU",
        ),
    ],
)
def test_an_abbreviation_and_its_expansion_are_one_actor(nlp, text, name, short):
    found = mentions(nlp, text)
    keys = {m[1] for m in found if m[0] in (name, short)}
    assert len(keys) == 1 and [m[0] for m in found].count(short) == 2, found


@pytest.mark.parametrize(
    ("text", "one", "other"),
    [
        # British and American spellings of a body the reference data knows are one body
        (
            "The Collective Security Treaty Organisation met. The Collective Security Treaty Organization praised it.",
            "Collective Security Treaty Organisation",
            "Collective Security Treaty Organization",
        ),
        (
            "The World Health Organisation warned Chad. The World Health Organization sent doctors.",
            "World Health Organisation",
            "World Health Organization",
        ),
    ],
)
def test_spellings_of_a_known_body_are_one_actor(nlp, text, one, other):
    found = {m[0]: m[1] for m in mentions(nlp, text)}
    assert found[one] == found[other], found


def test_an_abbreviation_of_an_event_is_no_actor(nlp):
    found = mentions(nlp, "Putin spoke at the Eastern Economic Forum (EEF). The EEF opened in Vladivostok.")
    assert not any(m[0] == "EEF" for m in found), found


@pytest.mark.parametrize(
    ("word", "glued"),
    [
        ("KirillCEO", True),
        ("AlexanderPresident", True),
        ("VeronikaHead", True),
        ("NikolPrime", True),
        # a capital inside a name is no title glued on
        ("LaToya", False),
        ("McDonald", False),
        ("DeSantis", False),
        ("Kirill", False),
    ],
)
def test_a_given_name_glued_to_a_title_is_told_from_a_name(word, glued):
    from extract.actors.vocabulary import glued_office

    assert glued_office(word) is glued
