"""Inputs people have: pages (trafilatura), Markdown, gzipped JSON lines, WARC crawls, RSS and Atom feeds,
folders searched recursively, and standard input. The fixtures are small files under ``data/inputs``."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from extract.articles import count_articles, read_articles
from extract.errors import InputError
from extract.records import Article

INPUTS = Path(__file__).parent / "data" / "inputs"
PAGE_URL = "https://news.example.org/2021/03/04/putin-maduro"


def articles(*paths, **options) -> list[Article | InputError]:
    return list(read_articles([str(p) for p in paths], **options))


def test_a_page_gives_its_main_text_and_its_metadata():
    (page,) = articles(INPUTS / "nested" / "page.html")
    assert isinstance(page, Article)
    assert (page.id, page.title, page.date, page.url) == (
        "page.html",
        "Putin and Maduro discuss oil",
        "2021-03-04",
        PAGE_URL,
    )
    assert (
        "Vladimir Putin called Nicolás Maduro on Thursday to discuss oil prices and security in the region."
        in page.text.splitlines()
    )
    assert not any(junk in page.text for junk in ("Home", "tracker", "Copyright"))


def test_markdown_takes_its_title_from_the_first_heading():
    (note,) = articles(INPUTS / "notes.md")
    assert note.title == "Macron meets Merkel in Berlin" and "Emmanuel Macron met with Angela Merkel" in note.text


def test_gzipped_json_lines_are_read_line_by_line():
    assert [(a.id, a.date) for a in articles(INPUTS / "nested" / "wire.jsonl.gz")] == [
        ("gz-1", "2022-02-07"),
        ("gz-2", None),
    ]


def test_a_warc_file_gives_its_html_responses_under_their_urls():
    """Requests, the image and the 404 page are passed over."""
    found = articles(INPUTS / "crawl.warc.gz")
    assert [(a.id, a.url) for a in found] == [(PAGE_URL, PAGE_URL), ("https://news.example.org/xi-moscow",) * 2]
    assert found[0].date == "2021-03-04" and found[1].title == "Xi visits Moscow"


@pytest.mark.parametrize(
    "name, expected",
    [
        (
            "feed.rss",
            [
                (
                    "wire-1",
                    "Biden criticises Russia",
                    "2021-02-02",
                    "https://wire.example.org/biden-russia",
                    "Example Wire",
                    "Joe Biden criticised Russia on Tuesday over the arrest of Alexei Navalny.",
                ),
                "entry without content or summary",
            ],
        ),
        (
            "feed.atom",
            [
                (
                    "urn:example:atom:1",
                    "Erdogan meets Putin",
                    "2021-05-01",
                    "https://atom.example.org/erdogan-putin",
                    "Example Atom",
                    "Recep Tayyip Erdogan met with Vladimir Putin in Sochi on Saturday.",
                )
            ],
        ),
    ],
)
def test_feed_entries_are_articles(name, expected):
    found = [
        (a.id, a.title, a.date, a.url, a.source, a.text) if isinstance(a, Article) else a.reason
        for a in articles(INPUTS / name)
    ]
    assert found == expected


def test_a_folder_is_searched_recursively_and_counted():
    found = articles(INPUTS)
    ids = {a.id for a in found if isinstance(a, Article)}
    assert {"page.html", "gz-1", "gz-2", "notes.md", "wire-1", "urn:example:atom:1", PAGE_URL} <= ids
    assert count_articles([INPUTS / "nested", INPUTS / "notes.md"]) == 4  # a page, two lines, a note
    assert count_articles([INPUTS]) is None  # WARC files and feeds are not counted beforehand


@pytest.mark.parametrize(
    "data, ids",
    [
        (
            b'{"id": "s1", "text": "Joe Biden met with Olaf Scholz."}\n{"id": "s2", "text": "Xi Jinping met Putin."}\n',
            ["s1", "s2"],
        ),
        (gzip.compress(b'{"id": "z1", "text": "Joe Biden met with Olaf Scholz."}\n'), ["z1"]),
        ((INPUTS / "crawl.warc.gz").read_bytes(), [PAGE_URL, "https://news.example.org/xi-moscow"]),
        ((INPUTS / "feed.atom").read_bytes(), ["urn:example:atom:1"]),
        ((INPUTS / "nested" / "page.html").read_bytes(), [PAGE_URL]),
    ],
    ids=["jsonl", "jsonl.gz", "warc.gz", "atom", "html"],
)
def test_standard_input_is_read_in_the_format_its_bytes_tell(data, ids):
    found = list(read_articles(["-"], stdin=io.BytesIO(data)))
    assert [a.id for a in found if isinstance(a, Article)] == ids


def test_plain_text_on_standard_input_gets_an_id_from_its_content():
    (article,) = read_articles(["-"], stdin=io.BytesIO(b"Emmanuel Macron met with Angela Merkel in Berlin."))
    assert isinstance(article, Article) and article.id == article.content_hash[:16]


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("broken.warc.gz", b"\x1f\x8b\x08\x00garbage", "not a WARC file"),
        ("broken.jsonl.gz", b"not gzip at all", "Not a gzipped file"),
        ("empty.rss", b"<rss><channel></channel>", "not an RSS or Atom feed"),
    ],
)
def test_broken_archives_and_feeds_are_named_with_a_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    errors = [e for e in articles(path) if isinstance(e, InputError)]
    assert errors and reason.lower() in str(errors[0]).lower(), errors
