"""The tokenizer rules newsgraph adds to the model's, on sentences written for these tests."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        (
            "The letters came from Anna Novak(Czech Republic) and Jon Berg(Norway).",
            ["Novak", "(", "Czech", "Republic", ")", "and", "Jon", "Berg", "(", "Norway", ")"],
        ),
        ("Officials of the agency[WFP] arrived.", ["agency", "[", "WFP", "]"]),
    ],
)
def test_a_bracket_glued_to_a_word_is_a_token(nlp, text, tokens):
    words = [t.text for t in nlp.make_doc(text)]
    start = words.index(tokens[0])
    assert words[start : start + len(tokens)] == tokens


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Name the official(s) who signed.", "official(s"),
        ("The value f(x) grew.", "f(x"),
        ("Article 5(2) applies.", "5(2"),
    ],
)
def test_plurals_formulas_and_numbers_keep_their_brackets(nlp, text, kept):
    assert kept in [t.text for t in nlp.make_doc(text)]


def test_a_person_named_before_a_glued_country_is_an_actor(nlp):
    doc = nlp("The prize was handed to Maria Lindqvist(Sweden) by the jury.")
    assert any(span.text == "Maria Lindqvist" for span in doc._.mentions)
