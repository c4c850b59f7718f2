"""The language model from the cache answers as py3langid's own loader does, and without a cache it still loads."""

from __future__ import annotations

import pytest

import extract.language_model as language_model

TEXTS = [
    "The finance minister resigned on Tuesday after the vote.",
    "Der Bundeskanzler hat heute mit dem Präsidenten gesprochen.",
    "Le gouvernement a annoncé de nouvelles mesures.",
    "",
    "1234 5678",
]


@pytest.fixture(scope="module")
def reference():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def test_the_cached_model_ranks_languages_as_the_package_model(tmp_path, monkeypatch, reference):
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path))
    first = language_model.load_language_identifier()  # decompressed, and kept
    assert [p.name for p in tmp_path.iterdir()] == [p.name for p in tmp_path.glob("py3langid-*")] != []

    def no_decompression(path):
        raise AssertionError("the package's model was read again")

    monkeypatch.setattr("py3langid.modelio.load_model", no_decompression)
    cached = language_model.load_language_identifier()
    for text in TEXTS:
        assert first.rank(text) == cached.rank(text) == reference.rank(text), text


def test_without_a_writable_cache_folder_the_model_still_loads(tmp_path, monkeypatch, reference):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(blocked / "cache"))
    identifier = language_model.load_language_identifier()
    assert identifier.rank(TEXTS[1]) == reference.rank(TEXTS[1])


def test_a_damaged_cache_is_made_again(tmp_path, monkeypatch, reference):
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path))
    language_model.load_language_identifier()
    (folder,) = tmp_path.glob("py3langid-*")
    (folder / "ptc.npy").write_bytes(b"damaged")
    assert language_model.load_language_identifier().rank(TEXTS[0]) == reference.rank(TEXTS[0])
    assert language_model.load_language_identifier().rank(TEXTS[0]) == reference.rank(TEXTS[0])  # from the new cache
    assert (folder / "ptc.npy").stat().st_size > 1000
