"""The indexed attribute ruler sets what spaCy's attribute ruler sets, token for token."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from extract.attribute_ruler import IndexedAttributeRuler, index_attribute_ruler

ATTRS = [POS, MORPH, LEMMA, TAG, DEP]
WORDS = ["Y'", "all", "ai", "n't", "gon", "na", "go", "there", ",", "but", "I", "do", "  ", "it"]
TAGS = ["PRP", "DT", "VBP", "RB", "VBG", "TO", "VB", "RB", ",", "CC", "PRP", "VBP", "_SP", "PRP"]
DEPS = [
    "nsubj",
    "det",
    "aux",
    "neg",
    "ROOT",
    "aux",
    "xcomp",
    "advmod",
    "punct",
    "advmod",
    "nsubj",
    "conj",
    "dep",
    "dobj",
]
HEADS = [4, 0, 4, 2, 4, 6, 4, 6, 4, 11, 11, 4, 11, 11]
PATTERNS = [  # one of each kind the model has, and one the index leaves to a Matcher (an operator)
    {"patterns": [[{"TAG": "PRP"}]], "attrs": {"POS": "PRON", "MORPH": "PronType=Prs"}},
    {"patterns": [[{"TAG": "VBP", "LOWER": "do"}]], "attrs": {"LEMMA": "do", "POS": "AUX"}},
    {"patterns": [[{"LOWER": "there"}]], "attrs": {"POS": "ADV"}},
    {"patterns": [[{"LOWER": "i", "DEP": "nsubj"}]], "attrs": {"MORPH": "Case=Nom|Person=1"}},
    {"patterns": [[{"LOWER": {"IN": ["it", "you"]}, "DEP": {"IN": ["dobj", "pobj"]}}]], "attrs": {"MORPH": "Case=Acc"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "auxpass"]}}]], "attrs": {"POS": "AUX"}},
    {
        "patterns": [[{"TAG": {"IN": ["VBP", "VBZ"]}, "LOWER": "ai"}, {"LOWER": {"REGEX": "^n'?t$"}}]],
        "attrs": {"LEMMA": "be"},
    },
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep", "POS": "SPACE"}},
    {"patterns": [[{"TAG": "VBP", "LOWER": "ai"}], [{"TAG": "RB", "LOWER": "n't"}]], "attrs": {"LEMMA": "x"}},
    {"patterns": [[{"TAG": "PRP"}]], "attrs": {"POS": "X"}},  # later rules win
    {"patterns": [[{"TAG": "DT", "OP": "+"}]], "attrs": {"POS": "DET"}},
]


def _doc(vocab) -> Doc:
    return Doc(vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=HEADS)


def test_every_kind_of_pattern_sets_what_spacy_sets():
    nlp = spacy.blank("en")
    stock = AttributeRuler(nlp.vocab)
    indexed = IndexedAttributeRuler(nlp.vocab)
    for ruler in (stock, indexed):
        ruler.add_patterns(PATTERNS)
    doc = _doc(nlp.vocab)
    assert {attr_id for attr_id, *_ in stock.match(doc)} == set(range(len(PATTERNS)))  # each pattern matches
    assert indexed.match(doc) == sorted(set(stock.match(doc)))
    assert (indexed(_doc(nlp.vocab)).to_array(ATTRS) == stock(_doc(nlp.vocab)).to_array(ATTRS)).all()


def test_patterns_added_later_are_matched():
    nlp = spacy.blank("en")
    indexed = IndexedAttributeRuler(nlp.vocab)
    indexed.add_patterns(PATTERNS[:1])
    indexed(_doc(nlp.vocab))
    indexed.add_patterns([{"patterns": [[{"LOWER": "there"}]], "attrs": {"LEMMA": "here"}}])
    assert indexed(_doc(nlp.vocab))[7].lemma_ == "here"


@pytest.mark.parametrize(
    "text",
    [
        "Y'all ain't gonna believe it, but I do: they're letting us go.",
        "Officials said there were 12 casualties; the ministry didn't confirm it.\n\nHe met them.",
    ],
)
def test_the_models_rules_give_the_same_tokens(nlp, text):
    indexed = nlp.get_pipe("attribute_ruler")
    assert isinstance(indexed, IndexedAttributeRuler)
    stock = AttributeRuler(nlp.vocab)  # the same patterns on the same vocabulary: the doc's string ids are its own
    stock.add_patterns(indexed.patterns)
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "attribute_ruler":
            break
        doc = component(doc)
    assert (indexed(doc.copy()).to_array(ATTRS) == stock(doc.copy()).to_array(ATTRS)).all()


def test_another_ruler_is_left_alone():
    nlp = spacy.blank("en")
    cache = nlp.add_pipe("sentencizer")
    index_attribute_ruler(nlp)
    assert nlp.pipe_names == ["sentencizer"] and nlp.get_pipe("sentencizer") is cache
