"""Read articles from files: plain text (.txt, .md), HTML pages (.html), JSON lines (.jsonl, .jsonl.gz),
WARC archives (.warc, .warc.gz), RSS/Atom feeds (.rss, .atom, .xml), folders of them, and standard input.

Each input yields an :class:`~extract.records.Article` or an :class:`~extract.errors.InputError`
naming the input and the reason, so that one bad file never stops a batch. Inputs are refused
before extraction when they are empty, binary, not UTF-8, over the size limit (checked before
the input is read), or not in the pipeline's language. A page is reduced to its main text by
trafilatura (see :mod:`extract.formats`), which also gives its title, date and URL; markup inside
an article's text (a JSON record's) is reduced to its text.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import os
import re
import stat
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from extract.errors import InputError
from extract.records import Article

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 5_000_000
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES + FEED_SUFFIXES
#: the path that names standard input
STDIN = "-"
#: room for a JSONL line's metadata and escapes beyond the article text itself
JSONL_LINE_SLACK = 65_536
#: an article is refused as not English when the detector gives English less than this probability
#: (over the 1,106 corpus articles the lowest is 0.41; French, German, Russian, Chinese prose scores < 1e-7)
MIN_LANGUAGE_PROBABILITY = 1e-3
#: characters the language detector reads (enough to decide; bounds its time on huge inputs)
LANGUAGE_SAMPLE = 20_000
#: markup elements whose content is not article text
DROPPED_ELEMENTS = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
_HTML_HINT = re.compile(r"<(?:!doctype|html|head|body|p|div|br|script|style|span|a|article|section)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What an input must satisfy to become an article.

    ``max_bytes`` bounds an article's size in bytes; ``language`` is the ISO 639-1 code articles
    must be written in (None accepts any language).
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    language: str | None = "en"


def _options(options: ReadOptions | int) -> ReadOptions:
    # A bare number is a size limit, as the first version of these functions took.
    return ReadOptions(max_bytes=options) if isinstance(options, int) else options


def decode(data: bytes, source: str) -> str:
    """Text of an input: UTF-8 (with or without BOM); binary or undecodable input is refused.

    Args:
        data: the raw bytes.
        source: names the input in errors.

    Raises:
        InputError: for binary data (NUL or control bytes) or bytes that are not UTF-8.

    >>> decode("Díaz-Canel".encode(), "x")
    'Díaz-Canel'
    >>> decode("Díaz-Canel".encode("latin-1"), "a.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    extract.errors.InputError: a.txt: not valid UTF-8 at byte 1; it looks like Latin-1/Windows-1252 text: convert ...
    """
    head = data[:8192]
    if b"\x00" in head or _control_share(head) > 0.05:
        raise InputError(source, "binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        reason = f"not valid UTF-8 at byte {error.start}"
        if _looks_like_latin1(data):
            reason += "; it looks like Latin-1/Windows-1252 text: convert it with `iconv -f latin1 -t utf-8`"
        raise InputError(source, reason) from None


def _control_share(data: bytes) -> float:
    if not data:
        return 0.0
    controls = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(data)


def _looks_like_latin1(data: bytes) -> bool:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return all(c.isprintable() or c.isspace() for c in text[:10_000])


def looks_like_html(text: str) -> bool:
    """Whether text carries HTML markup (a document, or article text with tags in it).

    >>> looks_like_html("<p>Putin called Maduro.</p>"), looks_like_html("3 < 4 and a > b")
    (True, False)
    """
    return _HTML_HINT.search(text[:65_536]) is not None


def html_to_text(markup: str) -> str:
    """The readable text of an HTML document or fragment, without scripts, styles or the head.

    Block elements become line breaks so that sentences do not run together.

    >>> html_to_text("<html><head><title>t</title><script>alert(1)</script></head>"
    ...              "<body><p>Putin called <b>Maduro</b>.</p><p>Done.</p></body></html>")
    'Putin called Maduro.\\nDone.'
    """
    from bs4 import BeautifulSoup  # only HTML inputs pay for the import

    soup = BeautifulSoup(markup, "html.parser")
    for element in soup(DROPPED_ELEMENTS):
        element.decompose()
    for block in soup.find_all(
        [
            "p",
            "div",
            "br",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "tr",
            "article",
            "section",
            "blockquote",
            "header",
            "footer",
        ]
    ):
        block.insert_before("\n")
        block.insert_after("\n")
    lines = (" ".join(line.split()) for line in soup.get_text().splitlines())
    return "\n".join(line for line in lines if line)


_IDENTIFIER_LOCK = threading.Lock()


def _language_identifier():
    with _IDENTIFIER_LOCK:  # loaded once, even while preload_language_identifier's thread loads it
        return _load_language_identifier()


@lru_cache(maxsize=1)
def _load_language_identifier():
    from extract.language_model import load_language_identifier

    return load_language_identifier()


def preload_language_identifier() -> None:
    """Load the language detector's model in a background thread (most of it is LZMA decompression,
    which runs without the GIL): by the first article, the 0.4 s of it has overlapped other start-up."""

    def load() -> None:
        try:
            _language_identifier()
        except Exception:  # the first check loads it again and reports the error
            log.debug("preloading the language detector failed", exc_info=True)

    threading.Thread(target=load, name="language-model", daemon=True).start()


def language_probability(text: str, language: str) -> float:
    """The probability that ``text`` is written in ``language`` (ISO 639-1), by py3langid's model.

    >>> language_probability("Der Bundeskanzler hat heute mit dem Präsidenten gesprochen.", "en") < 1e-3
    True
    """
    return dict(_language_identifier().rank(text[:LANGUAGE_SAMPLE])).get(language, 0.0)


def check_text(text: str, source: str, options: ReadOptions = ReadOptions()) -> str:
    """An article's text, stripped, with markup removed; refused when empty or in another language.

    Raises:
        InputError: for empty text, text that cannot be UTF-8 (lone surrogates), or text detected
            as not in ``options.language``.

    >>> check_text("  Putin called Maduro. ", "x")
    'Putin called Maduro.'
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InputError(source, f"text has an unpaired surrogate at character {error.start}") from None
    if looks_like_html(text):
        text = html_to_text(text)
    text = text.strip()
    if not text:
        raise InputError(source, "empty article")
    if options.language and language_probability(text, options.language) < MIN_LANGUAGE_PROBABILITY:
        detected, _ = _language_identifier().classify(text[:LANGUAGE_SAMPLE])
        raise InputError(source, f"not in the pipeline's language {options.language!r} (detected {detected!r})")
    return text


def _over_limit(size: int, options: ReadOptions) -> str:
    return f"{size:,} bytes is over the limit of {options.max_bytes:,} (NEWSGRAPH_MAX_ARTICLE_BYTES)"


def kind(path: Path) -> str:
    """How a file is read, from its name: ``text``, ``html``, ``jsonl``, ``warc`` or ``feed``.

    >>> [kind(Path(n)) for n in ("a.TXT", "b.md", "c.html", "d.jsonl.gz", "e.warc.gz", "f.rss", "g")]
    ['text', 'text', 'html', 'jsonl', 'warc', 'feed', 'text']
    """
    name = path.name.lower()
    for suffixes, found in (
        (HTML_SUFFIXES, "html"),
        (JSONL_SUFFIXES, "jsonl"),
        (WARC_SUFFIXES, "warc"),
        (FEED_SUFFIXES, "feed"),
    ):
        if name.endswith(suffixes):
            return found
    return "text"


def read_text_file(path: Path, options: ReadOptions | int = ReadOptions()) -> Article:
    """An article from a .txt, .md or .html file; its size is checked before it is read.

    A page's text, title, date and URL come from trafilatura; a Markdown file's title from its first heading.

    Raises:
        InputError: when the file is too large, binary, not UTF-8, empty or not in the language.
        OSError: when the file cannot be read.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = Path(d, "a.txt")
    ...     _ = path.write_text("Putin called Maduro on Monday.", encoding="utf-8")
    ...     read_text_file(path, ReadOptions(max_bytes=10))
    Traceback (most recent call last):
    ...
    extract.errors.InputError: ...: 30 bytes is over the limit of 10 (NEWSGRAPH_MAX_ARTICLE_BYTES)
    """
    source, options = str(path), _options(options)
    with path.open("rb") as f:
        size = _size(f)
        if size is not None and size > options.max_bytes:
            raise InputError(source, _over_limit(size, options))
        data = f.read(options.max_bytes + 1)  # a file that grows (or a pipe) is still bounded
    if len(data) > options.max_bytes:
        raise InputError(source, f"over the limit of {options.max_bytes:,} bytes (NEWSGRAPH_MAX_ARTICLE_BYTES)")
    if kind(path) == "html":
        from extract.formats import page_article

        decode(data, source)  # refuse binary and non-UTF-8 files as for text
        return page_article(data, source, options, article_id=path.name)
    text = decode(data, source)
    return Article(id=path.name, text=check_text(text, source, options), title=_heading(text))


def _heading(text: str) -> str | None:
    """The first Markdown heading of a text, if it starts with one.

    >>> _heading("# Talks in Geneva\\n\\nPutin met Biden."), _heading("Putin met Biden.")
    ('Talks in Geneva', None)
    """
    first = text.lstrip().split("\n", 1)[0]
    return first.lstrip("#").strip() or None if first.startswith("#") else None


def _size(f: IO[bytes]) -> int | None:
    info = os.fstat(f.fileno())
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def article_from_json(data: object, source: str, options: ReadOptions | int = ReadOptions()) -> Article:
    """An article from a JSON object with ``text`` and optional ``id``, ``title``, ``date``, ``url``, ``source``.

    Raises:
        InputError: when ``data`` is not an object, has no usable ``text``, or its text is refused.

    >>> article_from_json({"id": "a1", "text": "Putin called Maduro."}, "x").id
    'a1'
    >>> article_from_json({"id": "a1"}, "feed.jsonl:3")
    Traceback (most recent call last):
    ...
    extract.errors.InputError: feed.jsonl:3: no 'text' string
    """
    from extract.validation import check_types, validate_article

    options = _options(options)
    if not isinstance(data, dict):
        raise InputError(source, "a JSON article must be an object")
    check_types(data, source)
    text = data.get("text")
    if not isinstance(text, str):
        raise InputError(source, "no 'text' string")
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > options.max_bytes:
        raise InputError(source, _over_limit(size, options))
    text = check_text(text, source, options)
    fields = {k: (str(data[k]) if data.get(k) is not None else None) for k in ("title", "date", "url", "source")}
    article_id = str(data.get("id") or data.get("url") or Article(id="", text=text).content_hash[:16])
    article = Article(id=article_id, text=text, **fields)
    validate_article(article, source)
    return article


def _bounded_lines(f: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines of a binary file; None for a line over ``limit`` bytes, which is skipped unread."""
    number = 0
    while raw := f.readline(limit + 1):
        number += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, raw


def read_jsonl(path: Path, options: ReadOptions | int = ReadOptions()) -> Iterator[Article | InputError]:
    r"""Articles from a JSON-lines file, one per line; a bad line is an error in place and the rest goes on.

    A line longer than the size limit (plus :data:`JSONL_LINE_SLACK`) is skipped without being held.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = Path(d, "feed.jsonl")
    ...     _ = path.write_text('{"id": "a", "text": "Putin called Maduro."}\n{oops\n', encoding="utf-8")
    ...     [(item.id, item.text) if isinstance(item, Article) else str(item).rsplit("/", 1)[-1]
    ...      for item in read_jsonl(path)]  # doctest: +NORMALIZE_WHITESPACE
    [('a', 'Putin called Maduro.'),
     'feed.jsonl:2: not JSON: Expecting property name enclosed in double quotes at column 2']
    """
    from extract.formats import open_jsonl

    with open_jsonl(path) as f:
        yield from jsonl_items(f, str(path), _options(options))


def jsonl_items(f: IO[bytes], name: str, options: ReadOptions) -> Iterator[Article | InputError]:
    """Articles from an open JSON-lines stream (see :func:`read_jsonl`)."""
    limit = options.max_bytes + JSONL_LINE_SLACK
    for number, raw in _bounded_lines(f, limit):
        source = f"{name}:{number}"
        if raw is None:
            yield InputError(source, f"line over the limit of {limit:,} bytes (NEWSGRAPH_MAX_ARTICLE_BYTES)")
            continue
        if not raw.strip():
            continue
        try:
            yield article_from_json(json.loads(decode(raw, source)), source, options)
        except InputError as error:
            yield error
        except json.JSONDecodeError as error:
            yield InputError(source, f"not JSON: {error.msg} at column {error.colno}")
        except RecursionError:
            yield InputError(source, "not JSON: nested too deeply")


def iter_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and the article files inside folders named (recursively, by name), in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(SUFFIXES))
        else:
            yield path


def _guarded(path: Path, read: Callable[[], Iterator[Article | InputError]]) -> Iterator[Article | InputError]:
    """What ``read`` yields, and an error in place when the file cannot be read (or is not what its name says)."""
    try:
        yield from read()
    except InputError as error:
        yield error
    except OSError as error:  # includes gzip.BadGzipFile
        yield InputError(str(path), error.strerror or str(error))
    except EOFError:
        yield InputError(str(path), "the compressed file is truncated")


def read_path(path: Path, options: ReadOptions) -> Iterator[Article | InputError]:
    """The articles of one file, read as its name says."""
    from extract import formats

    if not path.exists():
        yield InputError(str(path), "no such file or folder")
        return
    readers: dict[str, Callable[[], Iterator[Article | InputError]]] = {
        "jsonl": lambda: read_jsonl(path, options),
        "warc": lambda: formats.read_warc(path, options),
        "feed": lambda: formats.read_feed(path, options),
        "text": lambda: iter([read_text_file(path, options)]),
        "html": lambda: iter([read_text_file(path, options)]),
    }
    yield from _guarded(path, readers[kind(path)])


def read_stream(stream: IO[bytes], options: ReadOptions, name: str = "<stdin>") -> Iterator[Article | InputError]:
    """Articles from a stream whose format is told by its first bytes (JSON lines, WARC, feed, page or text,
    any of them gzipped)."""
    from extract import formats

    buffered: Any = stream if hasattr(stream, "peek") else io.BufferedReader(stream)
    found = formats.sniff(buffered.peek(512))
    if found == "gzip":
        yield from read_stream(io.BufferedReader(gzip.GzipFile(fileobj=buffered)), options, name)
        return
    if found == "jsonl":
        yield from jsonl_items(buffered, name, options)
    elif found == "warc":
        yield from formats.read_warc(buffered, options, name)
    else:
        data = buffered.read(options.max_bytes + 1)
        if len(data) > options.max_bytes:
            yield InputError(name, f"over the limit of {options.max_bytes:,} bytes (NEWSGRAPH_MAX_ARTICLE_BYTES)")
        elif found == "feed":
            yield from formats.read_feed(data, options, name)
        elif found == "html":
            yield formats.page_article(data, name, options, article_id=None)
        else:
            text = check_text(decode(data, name), name, options)
            yield Article(id=Article(id="", text=text).content_hash[:16], text=text, title=_heading(text))


def read_articles(
    paths: Iterable[Path | str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    language: str | None = "en",
    stdin: IO[bytes] | None = None,
) -> Iterator[Article | InputError]:
    """Articles from files, folders and standard input (``-``); unreadable inputs come back as errors, in place.

    Args:
        paths: files (.txt, .md, .html, .jsonl, .jsonl.gz, .warc, .warc.gz, .rss, .atom, .xml; other
            names are read as text), folders of them (searched recursively), or ``-`` for standard input.
        max_bytes: the largest article accepted, in bytes.
        language: the language articles must be in (ISO 639-1), or None to accept any.
        stdin: the stream ``-`` reads (default: the process's standard input).

    Returns:
        An iterator of articles and :class:`InputError` s, in input order; files are read as it is consumed.

    >>> [str(e) for e in read_articles(["/no/such.txt"])]
    ['/no/such.txt: no such file or folder']
    """
    options = ReadOptions(max_bytes=max_bytes, language=language)
    if language:
        preload_language_identifier()  # now, not at the first article: this function returns a generator
    return _read_articles(paths, options, stdin)


def _read_articles(paths: Iterable[Path | str], options: ReadOptions, stdin: IO[bytes] | None):
    for item in paths:
        if str(item) == STDIN:
            try:
                yield from read_stream(stdin or sys.stdin.buffer, options)
            except InputError as error:
                yield error
            continue
        for path in iter_paths([Path(item)]):
            yield from read_path(path, options)


def count_articles(paths: Iterable[Path | str]) -> int | None:
    """How many articles (or bad inputs) ``paths`` hold, for a progress bar; None when it cannot be told
    cheaply (standard input, WARC files, feeds). JSON lines are counted by their line breaks.

    >>> count_articles(["-"]) is None
    True
    """
    from extract.formats import open_jsonl

    total = 0
    for item in paths:
        if str(item) == STDIN:
            return None
        for path in iter_paths([Path(item)]):
            found = kind(path)
            if found in ("warc", "feed"):
                return None
            if found != "jsonl":
                total += 1
                continue
            try:
                with open_jsonl(path) as f:
                    total += sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
            except (OSError, EOFError):
                total += 1
    return total


__all__ = [
    "DEFAULT_MAX_BYTES",
    "STDIN",
    "SUFFIXES",
    "ReadOptions",
    "article_from_json",
    "check_text",
    "count_articles",
    "decode",
    "html_to_text",
    "jsonl_items",
    "kind",
    "language_probability",
    "preload_language_identifier",
    "looks_like_html",
    "read_articles",
    "read_jsonl",
    "read_path",
    "read_stream",
    "read_text_file",
]
