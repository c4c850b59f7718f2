"""Each target finder on its own, and the extractors' registration (hand-written sentences)."""

from __future__ import annotations

import pytest
from spacy import registry

from extract.lexicon import load_lexicon
from extract.relations import NOMINAL_EVENTS, TARGET_FINDERS, VERB_EVENTS
from extract.relations.clause import VerbClause
from extract.relations.governed import governor
from extract.relations.targets import (
    defiance,
    framing_partners,
    grievances,
    judged_news_targets,
    object_phrase_targets,
    place_targets,
    threat_conditions,
)
from extract.relations.verbs import clause_sense, phrasal


def clause(nlp, text: str, verb: str) -> VerbClause:
    doc = nlp(text)
    token = next(t for t in doc if t.lower_ == verb)
    lex = load_lexicon()
    lemma = phrasal(lex, token)
    return VerbClause(token, lemma, clause_sense(lex, token, lemma), governor(token))


def labels(targets) -> set[tuple[str, str | None]]:
    return {(t.actor._.actor.label, t.sense.category if t.sense else None) for t in targets}


CASES = [
    (place_targets, "The army imposed a curfew in Kenya.", "imposed", ("Kenya", "COERCE")),
    (object_phrase_targets, "Ghana threatened tough action against Togo.", "threatened", ("Togo", "THREATEN")),
    (judged_news_targets, "Peru welcomed the news that Chile had signed the accord.", "welcomed", ("Chile", "SUPPORT")),
    (
        framing_partners,
        "In a call with Narendra Modi, Joe Biden praised the alliance.",
        "praised",
        ("Narendra Modi", "SUPPORT"),
    ),
    (
        grievances,
        "Students marched calling for the removal of Alexander Lukashenko.",
        "marched",
        ("Alexander Lukashenko", "PROTEST"),
    ),
    # the finder gives the embedded verb's own sense; the governing threat is applied to the candidate
    (threat_conditions, "Poland threatened to walk out if Hungary blocked the budget.", "walk", ("Hungary", None)),
    (defiance, "The mayor refused to resign despite pressure from Germany.", "resign", ("Germany", "REJECT")),
]


@pytest.mark.parametrize(("finder", "text", "verb", "expected"), CASES, ids=[c[0].__name__ for c in CASES])
def test_each_finder_reads_its_construction(nlp, finder, text, verb, expected):
    found = labels(finder(clause(nlp, text, verb)))
    assert expected in found, found


@pytest.mark.parametrize(("finder", "text", "verb", "expected"), CASES, ids=[c[0].__name__ for c in CASES])
def test_a_finder_finds_nothing_in_a_sentence_without_its_construction(nlp, finder, text, verb, expected):
    plain = clause(nlp, "Joe Biden said that the weather was fine.", "said")
    assert finder(plain) == []


def test_the_finders_are_an_ordered_list_of_named_functions():
    names = [f.__name__ for f in TARGET_FINDERS]
    assert names == [
        "place_targets",
        "object_phrase_targets",
        "judged_news_targets",
        "framing_partners",
        "grievances",
        "threat_conditions",
        "defiance",
    ]


@pytest.mark.parametrize("name", [VERB_EVENTS, NOMINAL_EVENTS])
def test_extractors_are_registered_under_versioned_names(name):
    assert name.startswith("newsgraph.") and name.rsplit(".", 1)[1].startswith("v")
    assert callable(registry.misc.get(name)())


def test_each_relation_names_the_extractor_that_found_it(nlp):
    from extract.pipeline import extract
    from extract.records import Article

    text = "Joe Biden criticised Russia. The attacks by Serbia on Kosovo continued."
    found = {r.extractor for r in extract(nlp, Article(id="t", text=text, date="2021-06-01")).relations}
    assert found == {VERB_EVENTS, NOMINAL_EVENTS}, found
