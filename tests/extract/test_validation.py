"""Article records are checked field by field before anything is stored."""

from __future__ import annotations

import datetime as dt

import pytest

from extract.articles import article_from_json
from extract.errors import InputError
from extract.records import Article
from extract.validation import validate_article

TODAY = dt.date(2026, 12, 1)
GOOD = {
    "id": "a1",
    "text": "Vladimir Putin called Joe Biden on Monday.",
    "title": "A call",
    "date": "2026-11-30",
    "url": "https://example.org/news/1",
    "source": "example.org",
}


@pytest.mark.parametrize(
    "field, value, reason",
    [
        ("url", "example.org/news/1", "has no scheme"),
        ("url", "www.example.org", "has no scheme"),
        ("url", "ftp://example.org/1", "is not http or https"),
        ("url", "https:///path-only", "has no host"),
        ("url", "https://example.org/a b", "spaces or characters"),
        ("url", 5, "url must be a string, not a number"),
        ("url", {"href": "https://example.org"}, "url must be a string, not an object"),
        ("date", "tomorrow", "is not an ISO 8601 date"),
        ("date", "99999-01-01", "is not an ISO 8601 date"),
        ("date", "2026-02-30", "is not a date"),
        ("date", "1066-10-14", "is before 1800"),
        ("date", "2027-01-01", "is in the future"),
        ("date", 20220624, "date must be a string"),
        ("id", "", None),  # an empty id falls back to the URL: not an error
        ("id", "a\x00b", "control characters"),
        ("id", "x" * 201, "longer than 200"),
        ("id", ["a"], "id must be a string or an integer, not an array"),
        ("title", True, "title must be a string, not a boolean"),
        ("source", "s" * 1001, "source is longer than 1000"),
    ],
)
def test_a_bad_field_is_refused_with_its_reason(monkeypatch, field, value, reason):
    monkeypatch.setattr("extract.validation.dt", _FixedToday)
    record = {**GOOD, field: value}
    if reason is None:
        assert article_from_json(record, "feed.jsonl:7").id == GOOD["url"]
        return
    with pytest.raises(InputError) as error:
        article_from_json(record, "feed.jsonl:7")
    assert error.value.source == "feed.jsonl:7" and reason in error.value.reason


class _FixedToday:
    """``datetime`` as the validation module sees it, on :data:`TODAY`."""

    date, timedelta, timezone = dt.date, dt.timedelta, dt.timezone

    class datetime:
        @staticmethod
        def now(tz=None):
            return dt.datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=tz)


@pytest.mark.parametrize("date", ["2026-12-01", "2026-12-02", "2022-06-24T10:00:00Z", "1800-01-01"])
def test_sane_dates_pass(date):
    validate_article(Article(id="a", text="x", date=date), "a", today=TODAY)


def test_an_integer_id_is_kept_as_text():
    assert article_from_json({**GOOD, "id": 42}, "x").id == "42"
