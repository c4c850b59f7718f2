"""Read articles from files: plain text (.txt) and JSON lines (.jsonl), with clear errors.

Each input yields an :class:`~extract.records.Article` or an :class:`~extract.errors.InputError`
naming the input and the reason, so that one bad file never stops a batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from extract.errors import InputError
from extract.records import Article

DEFAULT_MAX_BYTES = 5_000_000
SUFFIXES = (".txt", ".jsonl")


def decode(data: bytes, source: str) -> str:
    """Text of an input: UTF-8 (with or without BOM); binary or undecodable input is refused.

    >>> decode("Díaz-Canel".encode(), "x")
    'Díaz-Canel'
    """
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary data (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(source, f"not valid UTF-8 (byte {error.start}); convert it with iconv first") from None
    return text


def check_text(text: str, source: str) -> str:
    text = text.strip()
    if not text:
        raise InputError(source, "empty article")
    return text


def read_text_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    source = str(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(source, f"{size:,} bytes is over the limit of {max_bytes:,} (NEWSGRAPH_MAX_ARTICLE_BYTES)")
    text = check_text(decode(path.read_bytes(), source), source)
    return Article(id=path.name, text=text)


def article_from_json(data: object, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """An article from a JSON object with ``text`` and optional ``id``, ``title``, ``date``, ``url``, ``source``."""
    if not isinstance(data, dict):
        raise InputError(source, "a JSON article must be an object")
    text = data.get("text")
    if not isinstance(text, str):
        raise InputError(source, "no 'text' string")
    if len(text.encode("utf-8")) > max_bytes:
        raise InputError(source, f"text over the limit of {max_bytes:,} bytes")
    text = check_text(text, source)
    fields = {k: (str(data[k]) if data.get(k) is not None else None) for k in ("title", "date", "url", "source")}
    article_id = str(data.get("id") or data.get("url") or Article(id="", text=text).content_hash[:16])
    return Article(id=article_id, text=text, **fields)


def read_jsonl(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | InputError]:
    with path.open("rb") as f:
        for number, raw in enumerate(f, 1):
            source = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                data = json.loads(decode(raw, source))
            except InputError as error:
                yield error
                continue
            except json.JSONDecodeError as error:
                yield InputError(source, f"not JSON: {error.msg}")
                continue
            try:
                yield article_from_json(data, source, max_bytes)
            except InputError as error:
                yield error


def iter_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and the .txt/.jsonl files inside folders named, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES)
        else:
            yield path


def read_articles(paths: Iterable[Path | str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | InputError]:
    """Articles from files and folders; unreadable inputs come back as errors, in place."""
    for path in iter_paths(Path(p) for p in paths):
        if not path.exists():
            yield InputError(str(path), "no such file or folder")
        elif path.suffix == ".jsonl":
            yield from read_jsonl(path, max_bytes)
        else:
            try:
                yield read_text_file(path, max_bytes)
            except InputError as error:
                yield error
            except OSError as error:
                yield InputError(str(path), error.strerror or str(error))


__all__ = ["DEFAULT_MAX_BYTES", "article_from_json", "decode", "read_articles", "read_jsonl", "read_text_file"]
