"""The pipeline's records keep every sentence of an article, so that the whole text can be shown."""

from __future__ import annotations

import pytest

from extract.pipeline import extract
from extract.records import Article

TEXTS = [
    "Vladimir Putin called Miguel Díaz-Canel on Monday. The weather in Havana was fine.",
    "The weather was fine.\n\n\nEmmanuel Macron met Olaf Scholz in Berlin. Nobody else spoke.\n",
    "Nothing happened here. Nothing at all.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_every_sentence_is_kept_with_offsets_into_the_text(nlp, text):
    extraction = extract(nlp, Article(id="a", text=text))
    sentences = extraction.sentences
    assert [s.index for s in sentences] == sorted({s.index for s in sentences})
    assert all(text[s.start : s.end] == s.text and s.text.strip() for s in sentences)
    outside, end = [], 0
    for s in sentences:
        outside.append(text[end : s.start])
        end = s.end
    assert "".join([*outside, text[end:]]).strip() == ""  # nothing but blank space between them
    evidence = {r.sentence for r in extraction.relations}
    assert evidence <= {s.index for s in sentences} and len(sentences) > len(evidence)
    assert extraction.sentence_count >= len(sentences)
