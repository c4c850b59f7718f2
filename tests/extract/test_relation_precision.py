"""Precision rules: only interactions are relations, no mirrored events, typing by construction (hand-written)."""

from __future__ import annotations

import pytest

from extract.pipeline import extract
from extract.records import Article


def relations(nlp, text: str) -> set[tuple[str, str | None, str]]:
    extraction = extract(nlp, Article(id="t", text=text, date="2022-06-01"))
    return {(r.subject.actor.label, r.event_type, r.object.actor.label) for r in extraction.relations}


@pytest.mark.parametrize(
    "text",
    [
        # verbs the lexicon gives no category state no relation
        "Angela Merkel spoke about Emmanuel Macron at length.",
        "The rebels opted for Joe Biden.",
        # generic verbs whose only code was their CAMEO synonym block's
        "Sweden needs Finland.",
        "The family settled in Canada.",
        "Greece benefited from the European Union.",
        "Boris Johnson joined the Conservative Party.",
        "The diplomat left Germany.",
        "Paul Manafort paid the lawyers.",
        "Elon Musk founded SpaceX.",
        "The army trained the recruits.",
        "The charity improved the lives of refugees.",
        "Anthony Kennedy retired from the Supreme Court.",
        "The new president promised to unite Bolivia.",
        # ... and more of them, found by the held-out audit (tools/audit/): managing, making, reviving, besting
        "Children made up a fifth of the protesters.",
        "Angela Merkel organised the Christian Democratic Union.",
        "The regime controls the rebels.",
        "Joe Biden served the Democratic Party for decades.",
        "The Taliban dominated the Afghan army.",
        "The ministry handled the journalists badly.",
        "The opposition revived the National League for Democracy.",
        "The emperor unified the tribes of Mongolia.",
        "Spain organised a meeting of its own ambassadors.",
    ],
)
def test_a_verb_that_names_no_interaction_gives_no_relation(nlp, text):
    assert relations(nlp, text) == set()


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # the patterns of those verbs still code: "pay a visit", "join talks"
        ("Narendra Modi paid a visit to Japan.", ("Narendra Modi", "CONSULT", "Japan")),
        ("Iran paid compensation to Iraq.", ("Iran", "RETREAT", "Iraq")),
        ("Iran joined the talks with Iraq.", ("Iran", "CONSULT", "Iraq")),
        ("Sweden established contact with Finland.", ("Sweden", "CONSULT", "Finland")),
        ("Iran established diplomatic relations with Iraq.", ("Iran", "SUPPORT", "Iraq")),
        ("The army conducted an operation against the rebels.", ("army", "FIGHT", "rebels")),
        ("Joe Biden postponed his talks with Vladimir Putin.", ("Joe Biden", "SANCTION", "Vladimir Putin")),
    ],
)
def test_the_patterns_of_a_generic_verb_still_code(nlp, text, kept):
    assert kept in relations(nlp, text)


@pytest.mark.parametrize(
    ("text", "one_way", "mirror"),
    [
        ("Canada agreed with Mexico on tariffs.", ("Canada", "AGREE", "Mexico"), ("Mexico", "AGREE", "Canada")),
        ("Spain cooperated with Morocco.", ("Spain", "COOPERATE", "Morocco"), ("Morocco", "COOPERATE", "Spain")),
    ],
)
def test_an_asymmetric_verb_is_not_mirrored(nlp, text, one_way, mirror):
    found = relations(nlp, text)
    assert one_way in found and mirror not in found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a symmetric verb entails its converse; conjoined subjects of a reciprocal verb act on each other
        (
            "Emmanuel Macron met Olaf Scholz.",
            {("Emmanuel Macron", "CONSULT", "Olaf Scholz"), ("Olaf Scholz", "CONSULT", "Emmanuel Macron")},
        ),
        ("Chile and Peru signed a treaty.", {("Chile", "SUPPORT", "Peru"), ("Peru", "SUPPORT", "Chile")}),
    ],
)
def test_symmetric_and_mutual_events_go_both_ways(nlp, text, expected):
    assert expected <= relations(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Joe Biden warned Vladimir Putin that Russia would face severe consequences.",
            ("Joe Biden", "THREATEN", "Vladimir Putin"),
        ),
        ("Germany warned Belarus of a firm response.", ("Germany", "THREATEN", "Belarus")),
        ("Joe Biden warned Iran to stop enriching uranium.", ("Joe Biden", "DEMAND", "Iran")),
        ("The Kremlin warned Finland not to join the alliance.", ("Russia", "DEMAND", "Finland")),
        ("Japan warned China about its growing military budget.", ("Japan", "DISAPPROVE", "China")),
        # CAMEO's own pattern wins over the reading of the complement: "warn * (OF FIGHTING)" is 110
        ("Egypt warned Sudan of fighting.", ("Egypt", "DISAPPROVE", "Sudan")),
    ],
)
def test_a_warning_is_typed_by_its_complement(nlp, text, expected):
    assert expected in relations(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected", "standard"),
    [
        (
            "Boris Johnson likened Vladimir Putin to Hitler.",
            ("Boris Johnson", "DISAPPROVE", "Vladimir Putin"),
            "Hitler",
        ),
        ("Marco Rubio compared Nicolás Maduro to Stalin.", ("Marco Rubio", "DISAPPROVE", "Nicolás Maduro"), "Stalin"),
    ],
)
def test_likening_to_a_figure_of_opprobrium_disapproves(nlp, text, expected, standard):
    found = relations(nlp, text)
    assert expected in found and not any(o.endswith(standard) for *_, o in found), found


def test_a_comparison_with_anyone_else_is_no_relation(nlp):
    assert relations(nlp, "Boris Johnson compared Volodymyr Zelensky with Winston Churchill.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Donald Trump withdrew the United States from the treaty.",
        "Donald Trump pulled the United States out of the agreement.",
    ],
)
def test_a_leader_withdrawing_their_country_acts_for_it(nlp, text):
    assert not any(o == "United States" for _, _, o in relations(nlp, text))


def test_a_withdrawal_from_an_actor_targets_it(nlp):
    assert ("France", "SANCTION", "Russia") in relations(nlp, "France withdrew its ambassador from Moscow.")


@pytest.mark.parametrize(
    ("text", "party", "moved"),
    [
        ("The United States sent more troops to Poland.", "Poland", "troops"),
        ("Russia deployed soldiers to Belarus.", "Belarus", "soldiers"),
        ("Germany sent weapons and soldiers to Lithuania.", "Lithuania", "soldiers"),
    ],
)
def test_what_a_verb_of_transfer_moves_is_no_party(nlp, text, party, moved):
    found = relations(nlp, text)
    assert any(o == party for *_, o in found) and not any(moved in o for *_, o in found), found


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # weapons and vehicles are things delivered or received, not parties (held-out audit)
        ("The Ground Forces should receive over 500 tanks and armoured vehicles.", None),
        ("The rebels received helicopters and drones from Iran.", None),
        ("The navy was armed with new frigates and gunships.", None),
        # ... while the force that uses them still acts, by its demonym
        ("Israeli warplanes bombed Hamas.", ("Israel", "FIGHT", "Hamas")),
        ("Russian helicopters attacked the rebels.", ("Russia", "FIGHT", "rebels")),
    ],
)
def test_weapons_and_vehicles_are_no_parties(nlp, text, kept):
    found = relations(nlp, text)
    things = {"tanks", "armoured vehicles", "helicopters", "drones", "new frigates", "gunships", "frigates"}
    assert not {r for r in found if r[0] in things or r[2] in things}
    if kept is not None:
        assert kept in found


@pytest.mark.parametrize(
    ("text", "given", "mirror"),
    [
        # what is received "from X" is X's act toward the receiver
        ("The rebels received weapons from Iran.", ("Iran", "AID", "rebels"), ("rebels", "AID", "Iran")),
        (
            "Ukraine received military aid from the United States.",
            ("United States", "AID", "Ukraine"),
            ("Ukraine", "AID", "United States"),
        ),
        (
            "Boris Johnson received threats from the militia.",
            ("militia", "THREATEN", "Boris Johnson"),
            ("Boris Johnson", "THREATEN", "militia"),
        ),
        (
            "Emmanuel Macron received a letter from Joe Biden and Justin Trudeau.",
            ("Justin Trudeau", "CONSULT", "Emmanuel Macron"),
            ("Emmanuel Macron", "CONSULT", "Justin Trudeau"),
        ),
    ],
)
def test_what_is_received_from_an_actor_is_that_actors_act(nlp, text, given, mirror):
    found = relations(nlp, text)
    assert given in found and mirror not in found


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # letting observers in is the receiver's own act (CAMEO 0862); so is hosting a visitor
        (
            "Prime Minister Nikolai Tanaev received a mission of observers from the OSCE.",
            ("Nikolai Tanaev", "RETREAT", "Organization for Security and Co-operation in Europe"),
        ),
        (
            "Vladimir Putin received Iranian Foreign Minister Hossein Amir-Abdollahian in the Kremlin.",
            ("Vladimir Putin", "CONSULT", "Hossein Amir-Abdollahian"),
        ),
    ],
)
def test_the_receivers_own_acts_keep_their_direction(nlp, text, kept):
    assert kept in relations(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # news verbs the CAMEO dictionary lacks, coded as their synonyms (indict, ally)
        ("The military court tried the opposition leaders.", ("military court", "COERCE", "opposition leaders")),
        ("Two journalists were tried by a court in Minsk.", ("court", "COERCE", "journalists")),
        ("Hamas aligned with Iran.", ("Hamas", "SUPPORT", "Iran")),
    ],
)
def test_trial_and_alignment_are_interactions(nlp, text, expected):
    assert expected in relations(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # "try to" is an attempt, and "align" alone is no alliance
        "The rebels tried to enter Syria.",
        "The government aligned its policies.",
    ],
)
def test_attempts_and_bare_alignment_are_no_interactions(nlp, text):
    assert relations(nlp, text) == set()
