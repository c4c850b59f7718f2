"""Article records checked before anything is stored: each field's type, the id, the URL, the date.

A record that fails is refused with an :class:`~extract.errors.InputError` naming the field and
the reason, so that a batch reports it and goes on with the next record.

>>> validate_article(Article(id="a1", text="x", url="https://example.org/1", date="2022-06-24"), "a1")
>>> validate_article(Article(id="a1", text="x", url="example.org/1"), "feed.jsonl:3")
Traceback (most recent call last):
...
extract.errors.InputError: feed.jsonl:3: url 'example.org/1' has no scheme (it must start with http:// or https://)
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from urllib.parse import urlsplit

from extract.errors import InputError
from extract.records import Article

#: the metadata fields of a JSON article record and the JSON types each may have (absent or null too);
#: ``text`` is checked where it is read (``extract/articles.py``)
FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str, int),
    "title": (str,),
    "date": (str,),
    "url": (str,),
    "source": (str,),
}
MAX_ID_CHARS = 200
MAX_URL_CHARS = 2048
MAX_FIELD_CHARS = 1000
SCHEMES = ("http", "https")
#: the earliest year an article may be dated
MIN_YEAR = 1800
#: how far ahead of today (UTC) an article's date may be: time zones, not the future
MAX_DAYS_AHEAD = 1
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_URL_FORBIDDEN = re.compile(r"[\x00-\x20<>\"{}|\\^`\x7f]")


def check_types(data: dict, source: str) -> None:
    """Each known field of a JSON record is absent, null or of its type (``id`` a string or an integer).

    >>> check_types({"text": "x", "url": 5}, "line 2")
    Traceback (most recent call last):
    ...
    extract.errors.InputError: line 2: url must be a string, not a number
    """
    for name, types in FIELD_TYPES.items():
        value = data.get(name)
        if value is not None and (not isinstance(value, types) or isinstance(value, bool)):
            wanted = " or ".join("an integer" if t is int else "a string" for t in types)
            raise InputError(source, f"{name} must be {wanted}, not {_json_type(value)}")


def _json_type(value: object) -> str:
    return {
        dict: "an object",
        list: "an array",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
    }.get(type(value), type(value).__name__)


def validate_article(article: Article, source: str, today: dt.date | None = None) -> None:
    """Refuse an article whose id, URL, date or metadata would make a wrong or unusable graph.

    Raises:
        InputError: naming the field and why.
    """
    _check_id(article.id, source)
    if article.url is not None:
        _check_url(article.url, source)
    if article.date is not None:
        _check_date(article.date, source, today or dt.datetime.now(dt.timezone.utc).date())
    for name in ("title", "source"):
        value = getattr(article, name)
        if value is not None and len(value) > MAX_FIELD_CHARS:
            raise InputError(source, f"{name} is longer than {MAX_FIELD_CHARS} characters")


def _check_id(value: str, source: str) -> None:
    if not value.strip():
        raise InputError(source, "the id is empty")
    if len(value) > MAX_ID_CHARS:
        raise InputError(source, f"the id is longer than {MAX_ID_CHARS} characters")
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in value):
        raise InputError(source, "the id contains control characters")


def _check_url(url: str, source: str) -> None:
    shown = url if len(url) <= 80 else url[:77] + "..."
    if len(url) > MAX_URL_CHARS:
        raise InputError(source, f"url is longer than {MAX_URL_CHARS} characters")
    try:
        parts = urlsplit(url.strip())
    except ValueError as error:
        raise InputError(source, f"url {shown!r} is not a URL: {error}") from None
    if not parts.scheme or "://" not in url:
        raise InputError(source, f"url {shown!r} has no scheme (it must start with http:// or https://)")
    if parts.scheme.lower() not in SCHEMES:
        raise InputError(source, f"url {shown!r} is not http or https")
    if not parts.hostname:
        raise InputError(source, f"url {shown!r} has no host")
    if _URL_FORBIDDEN.search(url.strip()):
        raise InputError(source, f"url {shown!r} contains spaces or characters a URL may not have")


def _check_date(value: str, source: str, today: dt.date) -> None:
    if not _ISO_DATE.fullmatch(value.strip()):
        raise InputError(source, f"date {value[:40]!r} is not an ISO 8601 date (YYYY-MM-DD)")
    try:
        date = dt.date.fromisoformat(value.strip()[:10])
    except ValueError as error:
        raise InputError(source, f"date {value[:40]!r} is not a date: {error}") from None
    if date.year < MIN_YEAR:
        raise InputError(source, f"date {value[:40]!r} is before {MIN_YEAR}")
    if date > today + dt.timedelta(days=MAX_DAYS_AHEAD):
        raise InputError(source, f"date {value[:40]!r} is in the future")


__all__ = ["FIELD_TYPES", "check_types", "validate_article"]
