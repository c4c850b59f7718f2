"""Batches of articles for the parser, without spaCy: an ingest with worker processes batches its
input in a parent that never imports spaCy."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from extract.records import Article

T = TypeVar("T")
#: articles spaCy parses together; larger batches gain little and hold more documents at once
DEFAULT_BATCH_SIZE = 32
#: characters of text in one batch at most (about 30,000 words): bounds the memory a batch takes
BATCH_CHARS = 200_000


def batched(items: Iterable[T], size: int, max_chars: int | None = None) -> Iterator[list[T]]:
    """Lists of up to ``size`` consecutive items, and (for articles) up to ``max_chars`` characters of
    text, so that the documents held at once are bounded whatever the articles (a lone longer article
    is a batch of its own).

    >>> list(batched(range(5), 2))
    [[0, 1], [2, 3], [4]]
    >>> [len(b) for b in batched([Article("a", "x" * 60), Article("b", "x" * 60), Article("c", "x")], 32, 100)]
    [1, 2]
    """
    batch: list[T] = []
    chars = 0
    for item in items:
        length = len(item.text) if max_chars is not None and isinstance(item, Article) else 0
        if batch and max_chars is not None and chars + length > max_chars:
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += length
        if len(batch) >= size:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


__all__ = ["BATCH_CHARS", "DEFAULT_BATCH_SIZE", "batched"]
