"""The lexicon builder and the event lexicon it produces."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from extract.lexicon import load_lexicon

_spec = importlib.util.spec_from_file_location(
    "build_lexicon", Path(__file__).parents[2] / "tools" / "build_lexicon.py"
)
build_lexicon = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_lexicon)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("ACCUSE [112] ", ("accuse", None)),  # a verb with its own code in the block
        ("+RULE_OUT ", ("rule", "out")),
        ("DENY {DENYING DENIED DENIES }", ("deny", None)),
        ("- * COMMENT   [011]  # REFUSE", None),
    ],
)
def test_verb_forms(line, expected):
    assert build_lexicon.verb_forms(line) == expected


def test_verbs_coded_only_through_objects_get_their_majority_category():
    rows = {("reject", f"obj:{n}"): ("reject", f"obj:{n}", "120", "REJECT", "") for n in ("offer", "plan", "call")}
    rows[("reject", "obj:truce")] = ("reject", "obj:truce", "040", "CONSULT", "")
    assert build_lexicon._defaults(rows) == [("reject", "*", "120", "REJECT", "")]


@pytest.mark.parametrize(
    ("lemma", "category"),
    [
        ("accuse", "DISAPPROVE"),
        ("condemn", "DISAPPROVE"),
        ("reject", "REJECT"),
        ("refuse", "REJECT"),
        ("threaten", "THREATEN"),
        ("agree", "AGREE"),
        ("arrest", "COERCE"),
    ],
)
def test_lexicon_categories(lemma, category):
    assert load_lexicon().sense(lemma).category == category


@pytest.mark.parametrize(
    ("noun", "category"),
    [("ties", "COOPERATE"), ("talks", "CONSULT"), ("rally", "PROTEST"), ("accord", "AGREE"), ("agreement", "AGREE")],
)
def test_event_nouns(noun, category):
    assert load_lexicon().noun_sense(noun).category == category


@pytest.mark.parametrize(
    ("noun", "is_agent"),
    [
        ("syndicate", True),
        ("council", True),
        ("minister", True),
        ("economic", False),
        ("truce", False),
        ("asylum", False),
    ],
)
def test_agent_nouns_are_heads_of_phoenix_phrases(noun, is_agent):
    # ECONOMIC_EXPERT names experts, TRUCE_MONITOR monitors, CRIME_SYNDICATE syndicates
    assert (load_lexicon().sector(noun) is not None) is is_agent


@pytest.mark.parametrize(("lemma", "noun", "category"), [("sign", "treaty", "SUPPORT"), ("sign", "pact", "SUPPORT")])
def test_object_patterns_over_cameo_noun_classes(lemma, noun, category):
    # CAMEO writes "SIGN - * &TREATY [057]"; the class &TREATY lists treaty, pact, accord, agreement
    sense = load_lexicon().sense(lemma, f"obj:{noun}")
    assert sense is not None and sense.category == category


def test_a_verbs_own_code_beats_the_code_of_its_block(tmp_path):
    cameo = tmp_path / "verbs.txt"
    cameo.write_text("---  DESTROY   [190]  ---\nBEAT \nBEAT {BEATS BEATING BEATEN } [182]\nCRUSH \n", encoding="utf-8")
    plover = tmp_path / "plover.txt"
    plover.write_text("182: ASSAULT, beat,\n190: ASSAULT, , military\n", encoding="utf-8")
    rows = {row[0]: row for row in build_lexicon.build(cameo, plover)}
    assert rows["beat"][2:4] == ("182", "ASSAULT")
    assert rows["crush"][2:4] == ("190", "FIGHT")


@pytest.mark.parametrize(
    ("lemma", "noun", "category"),
    [("impose", "sanctions", "SANCTION"), ("slap", "sanctions", "SANCTION"), ("impose", "curfew", "COERCE")],
)
def test_imposing_sanctions_is_a_sanction(lemma, noun, category):
    # CAMEO 163 is SANCTION in PLOVER's CAMEO listing, COERCE in the 2021 table
    assert load_lexicon().sense(lemma, f"obj:{noun}").category == category


@pytest.mark.parametrize(
    ("lemma", "noun", "category"),
    [("impose", "sanction", "SANCTION"), ("sign", "treaties", "SUPPORT"), ("impose", "curfews", "COERCE")],
)
def test_object_patterns_match_either_number(lemma, noun, category):
    sense = load_lexicon().sense(lemma, f"obj:{noun}")
    assert sense is not None and sense.category == category


@pytest.mark.parametrize(
    ("lemma", "objects", "category"),
    [
        ("sign", ["treaty"], "SUPPORT"),
        ("sign", ["truce"], "RETREAT"),
        ("condemn", ["attack"], "DISAPPROVE"),
        ("sign", [], None),
    ],
)
def test_clause_sense_prefers_an_object_pattern(lemma, objects, category):
    sense = load_lexicon().clause_sense(lemma, objects)
    assert (sense.category if sense else None) == category


@pytest.mark.parametrize(
    ("lemma", "requires", "category"),
    [
        ("work", "prep:with", "COOPERATE"),
        ("cooperate", "-", "COOPERATE"),
        ("collaborate", "-", "COOPERATE"),
        ("coordinate", "-", "COOPERATE"),
        ("coordinate", "obj:efforts", "COOPERATE"),
        ("cooperate", "prep:against", "DISAPPROVE"),
        ("give", "obj:loan", "AID"),
        ("aid", "-", "AID"),
        ("exchange", "obj:opinion", "CONSULT"),
        ("exchange", "obj:greetings", "SUPPORT"),
        ("assist", "-", "AID"),
        ("give", "obj:asylum", "AID"),
        ("give", "obj:troops", "MOBILIZE"),
        ("stand", "prep:by", "SUPPORT"),
        ("mediate", "-", "CONSULT"),
        ("negotiate", "prep:with", "CONSULT"),
        ("veto", "-", "REJECT"),
        ("surrender", "-", "RETREAT"),
        ("embargo", "-", "SANCTION"),
        ("hijack", "-", "ASSAULT"),
        ("provide", "-", "AID"),
        ("expel", "obj:inspectors", "SANCTION"),
        ("withdraw", "obj:observer", "SANCTION"),
        ("ship", "obj:weapons", "AID"),
        ("send", "obj:arm", "AID"),
        ("dismiss", "obj:appeal", "REJECT"),
        ("dismiss", "obj:requests", "REJECT"),
        ("receive", "obj:inspectors", "RETREAT"),
        ("accept", "obj:peacekeepers", "RETREAT"),
        ("share", "obj:intelligence", "COOPERATE"),
        ("urge", "-", "DEMAND"),
        ("convey", "prep:to", "CONSULT"),
    ],
)
def test_overrides(lemma, requires, category):
    assert load_lexicon().sense(lemma, requires).category == category


def test_an_override_can_take_a_pattern_out():
    # "launched a mediation effort": the effort is what its modifier names, not an appeal
    assert load_lexicon().sense("launch", "obj:effort") is None
    # "gave him the floor": what is given names the act, the bare verb none
    assert load_lexicon().sense("give") is None


@pytest.mark.parametrize(
    ("lemma", "preposition", "category"), [("defend", "from", "SUPPORT"), ("clash", "with", "FIGHT")]
)
def test_a_bare_preposition_in_a_pattern_is_a_prepositional_pattern(lemma, preposition, category):
    # CAMEO writes "- * FROM [052] # DEFEND", "- * WITH [190] # CLASH"
    lexicon = load_lexicon()
    assert lexicon.patterns[(lemma, f"prep:{preposition}")].category == category
    assert lexicon.sense(lemma, f"obj:{preposition}") is None


@pytest.mark.parametrize(
    ("lemma", "requires", "category"),
    [
        ("crack down", "-", "COERCE"),
        ("call off", "-", "SANCTION"),
        ("take over", "obj:town", None),
        ("call off", "obj:help", None),
    ],
)
def test_a_particle_verb_is_its_prepositional_pattern(lemma, requires, category):
    # CAMEO writes "- DOWN [170] # CRACK"; the object patterns of the verb alone are another sense
    sense = load_lexicon().sense(lemma, requires)
    assert (sense.category if sense else None) == category


@pytest.mark.parametrize("lemma", ["defend", "protect", "shield"])
def test_whom_a_protection_is_from_is_opposed(lemma):
    # "defended the villagers from the militia": CAMEO's "defend * FROM" targets the villagers
    assert load_lexicon().sense(lemma, "prep:from").category == "DISAPPROVE"
    assert load_lexicon().sense(lemma).category == "AID"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("* (AGAINST CRITICISM)", ["prep:against:criticism"]),
        ("* (INTO CHARGES)", ["prep:into:charges"]),
        ("* (AS &TREATY)", []),
        ("* (BEHIND &TREATY)", []),
    ],
)
def test_phrase_patterns(text, expected):
    # "AS" and "BEHIND" are not prepositions the builder knows; a class with no words gives nothing
    assert build_lexicon.pattern_requirement(text, {"&TREATY": []}) == expected


@pytest.mark.parametrize(
    ("lemma", "objects", "phrases", "category"),
    [
        ("defend", [], [("against", "criticism")], "SUPPORT"),
        ("defend", [], [], "AID"),
        ("look", [], [("into", "allegation")], "INVESTIGATE"),
        ("look", [], [("at", "map")], None),
        ("sign", ["treaty"], [("against", "criticism")], "SUPPORT"),
    ],
)
def test_clause_sense_reads_phrases_after_objects(lemma, objects, phrases, category):
    sense = load_lexicon().clause_sense(lemma, objects, phrases)
    assert (sense.category if sense else None) == category


def test_phrase_patterns_do_not_make_a_verb_an_event():
    # "look into charges" is an investigation, "look" alone is nothing
    assert not load_lexicon().is_event_verb("look")


def test_noun_classes_keep_words_marked_exact(tmp_path):
    # PETRARCH marks a word it must not inflect with a trailing "_" ("+INTELLIGENCE_")
    cameo = tmp_path / "verbs.txt"
    cameo.write_text("&INFORMATION\n+INFORMATION\n+INTELLIGENCE_\n+NEWS_\n+ARMS_CACHE_\n\n", encoding="utf-8")
    assert build_lexicon.synsets(cameo) == {"&INFORMATION": ["information", "intelligence", "news"]}


@pytest.mark.parametrize(
    ("lemma", "noun", "category"),
    [("express", "gratitude", "SUPPORT"), ("issue", "warning", "THREATEN"), ("take", "territory", "COERCE")],
)
def test_support_verbs_are_events_only_through_their_object(lemma, noun, category):
    lexicon = load_lexicon()
    assert lexicon.sense(lemma) is None and not lexicon.is_event_verb(lemma)
    assert lexicon.sense(lemma, f"obj:{noun}").category == category


def test_patterns_named_by_an_inflected_form_belong_to_the_verb(tmp_path):
    cameo = tmp_path / "verbs.txt"
    cameo.write_text(
        "---  HURL   [---]  ---\nTHROW {THROWS THREW THROWN }\nHURL \n"
        "- * STONES                                   [180]         # THREW\n",
        encoding="utf-8",
    )
    plover = tmp_path / "plover.txt"
    plover.write_text("180: ASSAULT, ,\n", encoding="utf-8")
    rows = build_lexicon.build(cameo, plover)
    assert ("throw", "obj:stones", "180", "ASSAULT", "") in rows
    assert not any(row[0] == "hurl" for row in rows)


def test_block_headers_with_a_stray_dash_still_open_a_block():
    # "---  DELAY   [120]---  ---": prevent, postpone... are 120 (reject), not the previous block's 112
    assert load_lexicon().sense("prevent").cameo == "120"


@pytest.mark.parametrize(
    ("lemma", "requires", "category"),
    [
        ("demolish", "-", "COERCE"),
        ("expel", "obj:diplomats", "SANCTION"),
        ("lift", "obj:sanction", "RETREAT"),
        ("block", "obj:streets", "PROTEST"),
    ],
)
def test_codebook_categories(lemma, requires, category):
    assert load_lexicon().sense(lemma, requires).category == category


def test_hunger_strike_is_a_protest():
    assert load_lexicon().noun_sense("hunger strike").category == "PROTEST"


@pytest.mark.parametrize(
    ("lemma", "category"),
    [
        ("support", "DISAPPROVE"),
        ("unite", "DISAPPROVE"),
        ("cooperate", "DISAPPROVE"),
        ("attack", None),
        ("defend", None),
    ],
)
def test_against_names_the_opponent_of_a_cooperative_act(lemma, category):
    # "backed the army against the rebels": the rebels are opposed; "defend * (AGAINST CRITICISM)"
    # is CAMEO's own reading of defend's "against", so defend gets no general rule
    sense = load_lexicon().sense(lemma, "prep:against")
    assert (sense.category if sense else None) == category


@pytest.mark.parametrize(("lemma", "category"), [("suspend", "SANCTION"), ("sever", "SANCTION"), ("halt", "SANCTION")])
def test_cutting_off_is_reducing_relations(lemma, category):
    assert load_lexicon().sense(lemma).category == category


@pytest.mark.parametrize(
    ("lemma", "noun", "category"),
    [
        # easing a curfew is easing an administrative sanction (CAMEO 081x): a concession
        ("lift", "curfew", "CONCEDE"),
        ("ease", "curfew", "CONCEDE"),
        ("lift", "restriction", "CONCEDE"),
        # ... easing economic sanctions (085) stays a retreat, as the table has it
        ("lift", "sanctions", "RETREAT"),
    ],
)
def test_easing_a_curfew_is_a_concession(lemma, noun, category):
    assert load_lexicon().sense(lemma, f"obj:{noun}").category == category


def test_halting_attacks_keeps_its_pattern():
    assert load_lexicon().sense("halt", "obj:attacks").category == "RETREAT"


@pytest.mark.parametrize(
    ("noun", "verb"), [("suspension", "suspend"), ("apprehension", "apprehend"), ("decision", "decide")]
)
def test_nominalisations_in_nsion(noun, verb):
    assert load_lexicon().verb_of(noun) == verb


def test_a_noun_that_only_looks_derived_is_no_event():
    # "importance" is no "import" (nouns.tsv rows with plover "-"); "assistance" is "assist"
    lexicon = load_lexicon()
    assert lexicon.verb_of("importance") is None and lexicon.noun_sense("importance") is None
    assert lexicon.verb_of("assistance") == "assist"


@pytest.mark.parametrize(
    ("word", "verb"),
    [
        # words the suffix rules would derive from an event verb, listed as none
        ("several", None),  # not "sever" + "-al"
        ("informal", None),
        ("provisions", None),  # the clauses of an agreement
        # ... and real derivations
        ("provision", "provide"),
        ("withdrawal", "withdraw"),
        ("congratulatory", "congratulate"),
    ],
)
def test_words_that_only_look_derived(word, verb):
    assert load_lexicon().verb_of(word) == verb
