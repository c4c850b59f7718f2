"""Reading inputs: every bad input is refused with its name and reason, the rest still read."""

from __future__ import annotations

import json
import threading
import time

import pytest

from extract.articles import ReadOptions, html_to_text, read_articles
from extract.errors import InputError
from extract.records import Article

ENGLISH = "Emmanuel Macron met with Angela Merkel in Berlin on Monday to discuss the war."
FRENCH = (
    "Le président de la République a rencontré la chancelière allemande à Berlin lundi pour discuter "
    "de la guerre en Ukraine et des sanctions contre la Russie."
)
GERMAN = "Der Bundeskanzler hat heute in Berlin mit dem französischen Präsidenten über die Ukraine gesprochen."
RUSSIAN = "Владимир Путин провёл телефонный разговор с президентом Кубы Мигелем Диас-Канелем."
CHINESE = "普京与古巴总统迪亚斯-卡内尔通电话，讨论了双边关系。"
#: a news page: trafilatura keeps the article's paragraphs, not the menu, scripts or footer
PAGE = (
    "<!doctype html><html><head><title>Menu</title><script>var putin = 'called Biden'</script></head><body>"
    "<nav><a href='/'>Home</a></nav><article><p>Joe Biden <b>criticised</b> Russia.</p>"
    "<p>Vladimir Putin called Miguel Díaz-Canel.</p></article><footer>About us</footer></body></html>"
)
HTML = (
    "<!doctype html><html><head><title>Menu</title><style>p { color: red }</style>"
    "<script>var putin = 'called Biden'; document.write('<p>injected</p>')</script></head>"
    "<body><nav><a href='/'>Home</a></nav><p>Joe Biden <b>criticised</b> Russia.</p>"
    "<p>Vladimir Putin called Miguel Díaz-Canel.</p><noscript>enable JavaScript</noscript></body></html>"
)


def only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty article"),
        ("blank.txt", b"  \n\t \n", "empty article"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary data"),
        ("controls.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 20, "binary data"),
        (
            "latin1.txt",
            "Miguel Díaz-Canel thanked Vladimir Putin for the vaccines.".encode("latin-1"),
            "not valid UTF-8 at byte 8; it looks like Latin-1",
        ),
        ("broken.txt", ENGLISH.encode() + b"\xff\xfe\xfa", "not valid UTF-8"),
        ("truncated.txt", "Díaz-Canel".encode()[:2], "not valid UTF-8"),
        ("french.txt", FRENCH.encode(), "not in the pipeline's language 'en' (detected 'fr')"),
        ("german.txt", GERMAN.encode(), "(detected 'de')"),
        ("russian.txt", RUSSIAN.encode(), "(detected 'ru')"),
        ("chinese.txt", CHINESE.encode(), "not in the pipeline's language 'en'"),
        ("scripts-only.html", b"<html><script>alert(1)</script><style>p{}</style></html>", "empty article"),
    ],
)
def test_bad_text_file_is_refused_with_its_name_and_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    error = only(read_articles([path]))
    assert isinstance(error, InputError)
    assert error.source == str(path) and reason in error.reason, str(error)


@pytest.mark.parametrize(
    "name, data, text",
    [
        ("plain.txt", ENGLISH.encode(), ENGLISH),
        ("bom.txt", b"\xef\xbb\xbf" + ENGLISH.encode(), ENGLISH),
        ("crlf.txt", ENGLISH.replace(" on ", "\r\non ").encode(), ENGLISH.replace(" on ", "\r\non ")),
        ("page.html", PAGE.encode(), "Joe Biden criticised Russia.\nVladimir Putin called Miguel Díaz-Canel."),
        ("tags-in.txt", HTML.encode(), "Home\nJoe Biden criticised Russia.\nVladimir Putin called Miguel Díaz-Canel."),
        (
            "comparison.txt",
            b"Inflation rose to 5 < 7 percent, the Bank of England said.",
            "Inflation rose to 5 < 7 percent, the Bank of England said.",
        ),
    ],
)
def test_good_text_file_is_read(tmp_path, name, data, text):
    path = tmp_path / name
    path.write_bytes(data)
    article = only(read_articles([path]))
    assert (article.id, article.text) == (name, text)


def test_html_loses_scripts_styles_and_head_but_keeps_sentences_apart():
    text = html_to_text(HTML)
    assert "var putin" not in text and "injected" not in text and "color" not in text and "Menu" not in text
    assert "JavaScript" not in text
    assert "Russia.\nVladimir" in text


def test_language_check_can_be_turned_off(tmp_path):
    path = tmp_path / "french.txt"
    path.write_text(FRENCH, encoding="utf-8")
    assert isinstance(only(read_articles([path], language=None)), Article)


@pytest.mark.parametrize(
    "text",
    [
        "Joe Biden criticised Russia.",
        "Putin called Maduro.",
        "EDT (1130 UTC).",
        "Emmanuel Macron met with Angela Merkel in Berlin.",
        "Xi Jinping and Vladimir Putin signed a treaty.",
    ],
)
def test_short_english_is_not_mistaken_for_another_language(tmp_path, text):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    assert isinstance(only(read_articles([path])), Article)


def test_oversized_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # a sparse 20 MB file: reading it would still cost time and memory
        f.truncate(20_000_000)
    started = time.perf_counter()
    error = only(read_articles([path], max_bytes=3_000_000))
    assert time.perf_counter() - started < 0.5
    assert isinstance(error, InputError) and "20,000,000 bytes is over the limit of 3,000,000" in str(error)


def test_size_limit_is_configurable(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    assert isinstance(only(read_articles([path], max_bytes=len(ENGLISH))), Article)
    assert isinstance(only(read_articles([path], max_bytes=len(ENGLISH) - 1)), InputError)


def jsonl_lines(*lines: str | bytes) -> bytes:
    return b"\n".join(line if isinstance(line, bytes) else line.encode() for line in lines) + b"\n"


def test_jsonl_bad_lines_are_refused_in_place_and_the_rest_is_read(tmp_path):
    good = json.dumps({"id": "good", "text": ENGLISH})
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        jsonl_lines(
            good,  # 1
            "{not json",  # 2
            json.dumps({"id": "x", "title": "no text"}),  # 3
            json.dumps({"id": "x", "text": 42}),  # 4
            json.dumps(["an", "array"]),  # 5
            json.dumps({"id": "x", "text": "   "}),  # 6
            '{"id": "x", "text": "Putin \\ud800 called"}',  # 7: a lone surrogate escape
            b'{"id": "x", "text": "\xff\xfe"}',  # 8
            "[" * 30_000 + "]" * 30_000,  # 9
            json.dumps({"id": "x", "text": FRENCH}),  # 10
            json.dumps({"id": "x", "text": "<p>" + "x" * 3_000 + "</p>"}),  # 11: over the limit below
            "",  # 12: blank lines are skipped
            json.dumps({"id": "html", "text": "<p>Joe Biden <i>criticised</i> Russia.</p><script>x()</script>"}),
        )
    )
    items = list(read_articles([path], max_bytes=2_000))
    articles = [i for i in items if isinstance(i, Article)]
    errors = {e.source.rsplit(":", 1)[1]: e.reason for e in items if isinstance(e, InputError)}
    assert [a.id for a in articles] == ["good", "html"]
    assert articles[1].text == "Joe Biden criticised Russia."
    assert errors["2"].startswith("not JSON")
    assert errors["3"] == errors["4"] == "no 'text' string"
    assert errors["5"] == "a JSON article must be an object"
    assert errors["6"] == "empty article"
    assert "unpaired surrogate" in errors["7"]
    assert "not valid UTF-8" in errors["8"]
    assert errors["9"].startswith("not JSON")
    assert "detected 'fr'" in errors["10"]
    assert "over the limit" in errors["11"]
    assert set(errors) == {"2", "3", "4", "5", "6", "7", "8", "9", "10", "11"}


def test_jsonl_line_of_20_megabytes_is_skipped_without_holding_it(tmp_path):
    path = tmp_path / "feed.jsonl"
    with path.open("wb") as f:
        f.write(b'{"id": "big", "text": "' + b"Putin called Biden. " * 1_000_000 + b'"}\n')
        f.write(json.dumps({"id": "after", "text": ENGLISH}).encode() + b"\n")
    started = time.perf_counter()
    items = list(read_articles([path], max_bytes=3_000_000))
    assert time.perf_counter() - started < 2
    assert isinstance(items[0], InputError) and items[0].source == f"{path}:1" and "over the limit" in items[0].reason
    assert items[1] == Article(id="after", text=ENGLISH)


def test_missing_and_unreadable_files_are_errors(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text(ENGLISH, encoding="utf-8")
    locked.chmod(0)
    items = list(read_articles([tmp_path / "missing.txt", locked]))
    assert str(items[0]).endswith("missing.txt: no such file or folder")
    if isinstance(items[1], InputError):  # root may read anything
        assert "locked.txt" in str(items[1]) and "ermission" in items[1].reason


def test_folders_are_read_in_order_with_html_and_without_other_files(tmp_path):
    (tmp_path / "b.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "a.html").write_text("<p>" + ENGLISH + "</p>", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("not,an,article", encoding="utf-8")
    assert [a.id for a in read_articles([tmp_path])] == ["a.html", "b.txt"]


def test_read_options_defaults_match_the_settings():
    from api.settings import Settings

    settings = Settings(_env_file=None)
    assert ReadOptions().max_bytes == settings.max_article_bytes and ReadOptions().language == settings.language


def test_a_bare_number_is_still_taken_as_the_size_limit(tmp_path):
    from extract.articles import article_from_json

    with pytest.raises(InputError, match="over the limit of 10"):
        article_from_json({"text": ENGLISH}, "post", 10)
    assert article_from_json({"id": "a", "text": ENGLISH}, "post", 1_000).id == "a"


def test_the_language_model_is_loaded_once_while_articles_are_read(tmp_path, monkeypatch):
    """read_articles starts loading the detector at once, in a thread; the first check waits for that load."""
    from extract import articles

    articles._load_language_identifier.cache_clear()
    loads = []
    real = articles._load_language_identifier.__wrapped__

    def slow_load():
        loads.append(1)
        time.sleep(0.2)  # the first article arrives while the thread still loads
        return real()

    monkeypatch.setattr(articles, "_load_language_identifier", articles.lru_cache(maxsize=1)(slow_load))
    path = tmp_path / "a.txt"
    path.write_text("Emmanuel Macron met Angela Merkel in Berlin on Tuesday to discuss the budget.")
    inputs = read_articles([path])
    assert any(t.name == "language-model" for t in threading.enumerate())
    assert isinstance(only(inputs), Article) and loads == [1]


def test_no_language_model_is_loaded_when_any_language_is_accepted(tmp_path):
    before = {t.ident for t in threading.enumerate() if t.name == "language-model"}
    read_articles([tmp_path], language=None)
    assert {t.ident for t in threading.enumerate() if t.name == "language-model"} <= before
