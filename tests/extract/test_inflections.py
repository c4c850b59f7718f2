"""lemminflect's tables read on demand answer as lemminflect's own loader does, for every word."""

from __future__ import annotations

import gzip

import pytest
from lemminflect import config, getInflection, getLemma
from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec

from extract.inflections import index_lemminflect, read_table


def _add_lemma(entry: dict, line: str) -> None:
    from lemminflect.core.LexicalUtils import categoryToUPos

    _, category, forms = LemmaLUCodec.fromString(line)
    entry.update({categoryToUPos(category): forms})


def _add_inflections(entry: dict, line: str) -> None:
    entry.update(InflectionLUCodec.fromString(line)[2])


@pytest.mark.parametrize(
    ("path", "merge", "load", "finish"),
    [
        (config.lemma_lu_fn, _add_lemma, LemmaLUCodec.load, dict),
        # lemminflect's loader then sets its hard-coded modals and auxiliaries: so does index_lemminflect
        (config.inflection_lu_fn, _add_inflections, InflectionLUCodec.load, InflectionLUCodec.updateForAuxMod),
    ],
    ids=["lemmas", "inflections"],
)
def test_every_word_reads_as_lemminflect_loads_it(path, merge, load, finish):
    table, full = read_table(path, merge), load(path)
    assert table is not None
    finish(table)
    assert all(table.get(word, {}) == forms for word, forms in full.items())
    assert table.get("notaword", {}) == {} and "notaword" not in full


@pytest.mark.parametrize(
    "content",
    [b"staged,verb,stage\nabandon,verb,abandon\n", b"abandon,pronoun,abandon\n", b""],
    ids=["another order", "a line lemminflect's parser refuses", "empty"],
)
def test_a_file_in_another_layout_is_left_to_lemminflect(tmp_path, content):
    path = tmp_path / "lu.csv.gz"
    path.write_bytes(gzip.compress(content))
    assert read_table(str(path), _add_inflections) is None


@pytest.mark.parametrize(
    ("function", "args", "expected"),
    [
        (getLemma, ("staged", "VERB"), ("stage",)),
        (getLemma, ("Withdrew", "VERB"), ("Withdraw",)),
        (getInflection, ("crack", "VBD"), ("cracked",)),
        (getInflection, ("can", "VBD"), ("could",)),  # lemminflect's hard-coded modals
    ],
)
def test_lemminflect_answers_through_the_index(function, args, expected):
    index_lemminflect()
    assert function(*args) == expected
