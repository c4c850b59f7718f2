"""Fuzzing: generated and adversarial text through the reader, the extractor and the mapping finds no crash.

Examples are bounded and the deadline is off so that the suite stays quick on a busy machine;
``NEWSGRAPH_FUZZ_EXAMPLES`` raises the count for a longer hunt.
"""

from __future__ import annotations

import json
import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.articles import ReadOptions, decode, read_jsonl
from extract.errors import InputError
from extract.pipeline import extract
from extract.records import Article
from graph.integrity import check_store
from graph.mapping import article_quads
from graph.store import open_store

EXAMPLES = int(os.environ.get("NEWSGRAPH_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=os.environ.get("NEWSGRAPH_FUZZ_RANDOM") is None,
)

# Pieces of news prose and of what breaks parsers: names, titles, verbs, pronouns, quotes,
# brackets, markup, odd Unicode (RTL, zero-width, combining marks, emoji, ideographs).
PIECES = [
    "Vladimir Putin",
    "Joe Biden",
    "Miguel Díaz-Canel",
    "Abdel Fattah el-Sisi",
    "Xi Jinping",
    "the Kremlin",
    "President",
    "Prime Minister",
    "Mr.",
    "U.S.",
    "Russia",
    "Cuba",
    "NATO",
    "the United Nations",
    "Ukraine's",
    "called",
    "met with",
    "criticised",
    "accused",
    "thanked",
    "praised",
    "congratulated",
    "did not",
    "will",
    "said",
    "he",
    "she",
    "they",
    "him",
    "his",
    "it",
    "who",
    "that",
    "and",
    "or",
    "of",
    "on",
    "in",
    "by",
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "...",
    "—",
    "-",
    "'",
    '"',
    "“",
    "”",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "\n",
    "\n\n",
    "\t",
    " ",
    "  ",
    "<p>",
    "</p>",
    "&amp;",
    "http://example.org/x?a=1",
    "@user",
    "#tag",
    "\u200b",
    "\u200d",
    "\u202e",
    "\ufeff",
    "e\u0301",
    "🇺🇦",
    "👍🏽",
    "普京",
    "Путин",
    "بوتين",
    "١٢٣",
    "2022-02-24",
    "24/02/2022",
    "$1.5bn",
    "50%",
    "No.",
    "Jr.",
    "St.",
    "Inc.",
    "e.g.",
]
prose = st.lists(st.sampled_from(PIECES), min_size=1, max_size=60).map(" ".join)
anything = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300)


def check_extraction(nlp, text: str) -> None:
    """The article goes through extraction, mapping and a store; every offset points at its text."""
    article = Article(id="fuzz", text=text)
    extraction = extract(nlp, article)  # raises ExtractionError if any component crashes
    for relation in extraction.relations:
        assert text[relation.trigger_start : relation.trigger_end] == relation.trigger
        for mention in filter(None, (relation.subject, relation.object)):
            assert text[mention.start : mention.end] == mention.text
    for sentence in extraction.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    quads = article_quads(extraction)
    with open_store("memory:") as store:
        store.replace_graph(quads.graph, quads.article, quads.shared)
        assert check_store(store) == []


@FUZZ
@given(text=prose)
def test_news_like_prose_never_crashes_the_extractor(nlp, text):
    check_extraction(nlp, text)


@FUZZ
@given(text=anything)
def test_arbitrary_unicode_never_crashes_the_extractor(nlp, text):
    check_extraction(nlp, text)


@FUZZ
@given(data=st.binary(max_size=2_000))
def test_arbitrary_bytes_are_text_or_a_clear_input_error(data):
    try:
        text = decode(data, "fuzz.txt")
    except InputError as error:
        assert error.source == "fuzz.txt" and error.reason
    else:
        assert isinstance(text, str)


@FUZZ
@given(
    lines=st.lists(
        st.one_of(
            st.binary(max_size=200),
            st.builds(lambda t, i: json.dumps({"id": i, "text": t}).encode(), anything, st.text(max_size=10)),
            st.recursive(
                st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                max_leaves=10,
            ).map(lambda v: json.dumps(v).encode()),
        ),
        max_size=8,
    )
)
def test_any_jsonl_yields_articles_or_errors_naming_the_line(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("fuzz") / "feed.jsonl"
    path.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in lines))
    for item in read_jsonl(path, ReadOptions(max_bytes=10_000, language=None)):
        assert isinstance(item, (Article, InputError))
        if isinstance(item, InputError):
            assert item.source.startswith(f"{path}:") and item.reason


ADVERSARIAL = {
    "run-on sentence of 2,000 tokens": "Putin called Biden and " * 500 + "Macron.",
    "4,000 parentheses": "(" * 2_000 + "Putin called Biden" + ")" * 2_000,
    "4,000 quotes around a claim": '"' * 2_000 + "Putin said Biden lied." + '"' * 2_000,
    "a chain of reported speech": "Putin said that " * 500 + "Biden lied.",
    "a chain of titles": "President " * 2_000 + "Putin called Biden.",
    "a 200,000-character token": "x" * 200_000,
    "100,000 full stops": "." * 100_000,
    "100,000 newlines around a sentence": "\n" * 100_000 + "Putin called Biden.",
    "long tokens": ("a" * 5_000 + " ") * 40,
    "a list of 2,000 names": ", ".join(["Vladimir Putin", "Joe Biden", "Emmanuel Macron", "Xi Jinping"] * 500) + ".",
    "mixed scripts and emoji": "Путин 呼叫 Biden 🙂 " * 1_000,
    "pronouns without antecedents": "He called him. She thanked them. " * 200,
    "markup left in": "<div><p>Putin <b>called</b> Biden.</p></div>" * 200,
}


@pytest.mark.slow
@pytest.mark.parametrize("text", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_adversarial_text_is_extracted_without_crash_in_bounded_time(nlp, text):
    started = time.perf_counter()
    check_extraction(nlp, text)
    assert time.perf_counter() - started < 60


GROWING = {  # (sentence, repeats of the small article; the large one is five times longer)
    # each candidate noun once folded the whole text before it (extract/actors.py description → title_at)
    "prose with common nouns": ("The delegation visited the capital and the minister spoke to the press. ", 60),
    # each relation once asked spaCy for its sentence, a walk over the document (extract/pipeline.py records)
    "a relation in every sentence": ("Putin called Biden. ", 400),
}


@pytest.mark.slow
@pytest.mark.parametrize("sentence, repeats", GROWING.values(), ids=GROWING.keys())
def test_extraction_time_grows_linearly_with_the_article(nlp, sentence, repeats):
    def seconds(repeats: int) -> float:
        # CPU time of this process, not wall-clock time: other processes on a busy machine
        # (parallel test workers) do not count, quadratic work in the extractors does.
        started = time.process_time()
        extract(nlp, Article(id="growing", text=sentence * repeats))
        return time.process_time() - started

    seconds(10)  # warm up
    small, large = seconds(repeats), seconds(5 * repeats)
    assert large < 10 * small, f"5 times the text took {large / small:.1f} times the CPU time"
