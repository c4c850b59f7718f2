"""What extraction makes of a hand-written sentence, for the extraction tests."""

from __future__ import annotations

from extract.pipeline import extract
from extract.records import Article


def labeled_triples(nlp, text: str, date: str = "2022-06-01") -> set[tuple[str, str | None, str]]:
    """(subject label, PLOVER category, object label) of each relation extracted from ``text``."""
    extraction = extract(nlp, Article(id="t", text=text, date=date))
    return {(r.subject.actor.label, r.event_type, r.object.actor.label) for r in extraction.relations}
