"""The cached lemmatizer gives spaCy's rule lemmatizer's lemmas, token for token."""

from __future__ import annotations

import pytest
import spacy

from extract.lemmatizer import NAME, CachedLemmatizer, cache_lemmas

TEXTS = [
    "The ministers staged talks in Geneva and were meeting again on Tuesday.",
    "Russia's forces attacked the city; its mayor said they'd been shelling it for days.",
    "He doesn't think the U.S. will sign the treaties, but she's hoping they'll reconsider.",
    "Leaders of the countries met, the better to coordinate their best responses.",
    "Officials' statements   were\n\nreleased (again) at 10:30, wasn't it?",
]


@pytest.fixture(scope="module")
def lemmatizers(nlp):
    """spaCy's lemmatizer as the model ships it, and the cached one with its tables."""
    from extract.pipeline import resolve_model

    stock = spacy.load(resolve_model(None), exclude=["textcat", "ner"])
    return stock.get_pipe("lemmatizer"), nlp.get_pipe("lemmatizer")


def test_the_pipeline_lemmatizes_with_the_cache(nlp):
    assert isinstance(nlp.get_pipe("lemmatizer"), CachedLemmatizer)
    assert nlp.pipe_names.index("lemmatizer") < nlp.pipe_names.index("ner")


@pytest.mark.parametrize("text", TEXTS)
def test_the_cached_lemmas_are_spacys(nlp, lemmatizers, text):
    stock, cached = lemmatizers
    doc = nlp(text, disable=["lemmatizer", "ner", "newsgraph_actors", "newsgraph_relations"])
    expected = [t.lemma_ for t in stock(doc.copy())]
    assert [t.lemma_ for t in cached(doc.copy())] == expected
    assert [t.lemma_ for t in cached(doc.copy())] == expected  # again, from the cache


def test_a_lemma_set_before_is_kept(nlp, lemmatizers):
    _, cached = lemmatizers
    doc = nlp("They staged it.", disable=["lemmatizer", "ner", "newsgraph_actors", "newsgraph_relations"])
    doc[1].lemma_ = "kept"
    assert [t.lemma_ for t in cached(doc)][1] == "kept"


def test_another_lemmatizer_is_left_alone():
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    cache_lemmas(nlp)
    assert nlp.pipe_names == ["lemmatizer"] and not isinstance(nlp.get_pipe("lemmatizer"), CachedLemmatizer)
    assert NAME not in nlp.pipe_names
