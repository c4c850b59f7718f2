"""extract.reference: the folding that names are compared by."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.reference import _unaccented, fold


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Miguel Díaz-Canel", "miguel diaz canel"),
        ("Jonas Gahr Støre", "jonas gahr store"),
        ("Recep Tayyip Erdoğan", "recep tayyip erdogan"),
        ("Russia’s", "russia"),
        ("Russia's", "russia"),
        ("NATO's allies", "nato allies"),
        ("the U.S.", "the u s"),
        ("  Emmanuel   Macron  ", "emmanuel macron"),
        ("Lee Jae-myung", "lee jae myung"),
        ("Ōsaka", "osaka"),
        ("'s", ""),
        ("", ""),
    ],
)
def test_fold(name, folded):
    assert fold(name) == folded


@given(st.text(alphabet=string.printable))
def test_ascii_text_has_nothing_to_unaccent(text):
    # fold skips the Unicode steps on ASCII text: they must change nothing there but the case
    assert _unaccented(text) == text.lower()
