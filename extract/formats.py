"""Article formats beyond plain text: HTML pages, WARC archives, RSS/Atom feeds, gzipped JSON lines.

Each reader yields articles and :class:`~extract.errors.InputError` s in place, like the readers of
:mod:`extract.articles`, and checks each text with :func:`extract.articles.check_text`. The heavy
libraries are imported by the reader that needs them: trafilatura (main text and metadata of a
page), warcio (WARC records, gzipped or not), feedparser (RSS and Atom).
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import IO, Any

from extract.errors import InputError
from extract.records import Article

#: media types of WARC responses read as pages
HTML_TYPES = ("text/html", "application/xhtml+xml")


def page_article(
    markup: str | bytes, source: str, options: Any, *, url: str | None = None, article_id: str | None = None
) -> Article:
    """An article from an HTML page: its main text by trafilatura, title, date and URL from its metadata.

    Args:
        markup: the page (bytes are decoded by trafilatura, which reads the declared charset).
        source: names the input in errors.
        options: the :class:`~extract.articles.ReadOptions`.
        url: the page's address when known from elsewhere (a WARC record); the page's canonical URL wins.
        article_id: the article's id (default: its URL, else ``source``'s name).

    Raises:
        InputError: when the page has no main text, or the text is refused.

    >>> page = ('<html><head><title>Talks</title><link rel="canonical" href="https://example.org/1">'
    ...         '<meta name="date" content="2021-03-04"></head><body><nav>Home</nav><article><p>'
    ...         'Vladimir Putin called Nicolás Maduro on Monday about oil.</p></article></body></html>')
    >>> a = page_article(page, "page.html", None)
    >>> a.id, a.title, a.date, a.url
    ('https://example.org/1', 'Talks', '2021-03-04', 'https://example.org/1')
    >>> a.text.splitlines()[-1]
    'Vladimir Putin called Nicolás Maduro on Monday about oil.'

    """
    import trafilatura

    from extract.articles import ReadOptions, check_text

    document = trafilatura.bare_extraction(
        _as_document(markup),
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        config=_trafilatura_config(),
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text:
        raise InputError(source, "empty article: no main text in the page")
    page_url = getattr(document, "url", None) or url
    text = check_text(text, source, options or ReadOptions())
    return Article(
        id=article_id or page_url or Path(source).name,
        text=text,
        title=getattr(document, "title", None),
        date=getattr(document, "date", None),
        url=page_url,
        source=getattr(document, "sitename", None) or getattr(document, "hostname", None),
    )


def _as_document(markup: str | bytes) -> str | bytes:
    """A fragment (``<p>...</p>``) put in a document's body, where trafilatura looks for text."""
    head = markup[:4096].lower()
    if (b"<body" in head or b"<html" in head) if isinstance(head, bytes) else ("<body" in head or "<html" in head):
        return markup
    return (
        b"<html><body>" + markup + b"</body></html>"
        if isinstance(markup, bytes)
        else f"<html><body>{markup}</body></html>"
    )


@cache
def _trafilatura_config() -> Any:
    """trafilatura's settings, but for short articles: below its default 250 characters of main text it
    falls back to a cruder extraction that breaks sentences at inline tags. No alarm-signal timeout:
    pages are also read in worker threads (the REST API), where signals cannot be set."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "20")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def read_warc(path: Path | IO[bytes], options: Any, name: str | None = None) -> Iterator[Article | InputError]:
    """The HTML responses of a WARC file (gzipped or not) as articles, each under its target URI.

    Other records (requests, metadata, non-HTML responses, errors) are passed over; a page over the
    size limit or without article text is an error in place.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    name = name or str(path)
    stream = path.open("rb") if isinstance(path, Path) else path
    number = 0
    try:
        for number, record in enumerate(ArchiveIterator(stream), 1):
            item = _warc_article(record, f"{name}#{number}", options)
            if item is not None:
                yield item
        if number == 0:
            yield InputError(name, "not a WARC file: no records (a damaged compressed file?)")
    except ArchiveLoadFailed as error:
        yield InputError(name, f"not a WARC file: {error}")
    finally:
        if isinstance(path, Path):
            stream.close()


def _warc_article(record: Any, source: str, options: Any) -> Article | InputError | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    media = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    status = record.http_headers.get_statuscode()
    if media not in HTML_TYPES or status != "200":
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    body = record.content_stream().read(options.max_bytes + 1)
    if len(body) > options.max_bytes:
        return InputError(
            f"{source} {url}", f"over the limit of {options.max_bytes:,} bytes (NEWSGRAPH_MAX_ARTICLE_BYTES)"
        )
    try:
        return page_article(body, f"{source} {url}", options, url=url, article_id=url)
    except InputError as error:
        return error


def read_feed(path: Path | bytes, options: Any, name: str | None = None) -> Iterator[Article | InputError]:
    """The entries of an RSS or Atom feed as articles: content (else summary) as text, link as URL.

    An entry's HTML is reduced to its text; its id is the entry's id, else its link.
    """
    import feedparser

    from extract.articles import check_text

    name = name or str(path)
    data = path.read_bytes() if isinstance(path, Path) else path
    if len(data) > options.max_bytes * 20:  # a feed holds many articles; bound it all the same
        yield InputError(name, f"feed over the limit of {options.max_bytes * 20:,} bytes")
        return
    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        yield InputError(name, f"not an RSS or Atom feed: {feed.get('bozo_exception')}")
        return
    source = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, 1):
        where = f"{name}#{number}"
        content = entry.get("content") or []
        text = content[0].get("value") if content else entry.get("summary")
        if not text:
            yield InputError(where, "entry without content or summary")
            continue
        try:
            text = check_text(text, where, options)
        except InputError as error:
            yield error
            continue
        link = entry.get("link")
        yield Article(
            id=entry.get("id") or link or where,
            text=text,
            title=entry.get("title"),
            date=_feed_date(entry),
            url=link,
            source=source,
        )


def _feed_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def open_jsonl(path: Path) -> IO[bytes]:
    """A JSON-lines file, decompressed on the fly when its name ends in ``.gz``."""
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def sniff(head: bytes) -> str:
    """The format of a stream from its first bytes: ``gzip``, ``warc``, ``jsonl``, ``feed``, ``html`` or ``text``.

    >>> [sniff(b) for b in (b'{"id": 1}', b"WARC/1.0", b"<rss version", b"<!doctype html>", b"Putin")]
    ['jsonl', 'warc', 'feed', 'html', 'text']
    """
    if head[:2] == b"\x1f\x8b":
        return "gzip"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"<"):
        if b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start:
            return "feed"
        return "html"
    return "text"


__all__ = ["HTML_TYPES", "open_jsonl", "page_article", "read_feed", "read_warc", "sniff"]
