"""Run extraction over gold records (the ``../shared/eval`` format) and write scored output lines.

Records of one document (``meta.document``, ordered by ``meta.sentence``) are read as one text, so
coreference can cross sentences; each relation goes on the line of the record holding its trigger.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language

from extract.pipeline import extract
from extract.records import Article, relation_to_json


def load_records(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def documents(records: list[dict]) -> list[tuple[str, list[dict]]]:
    """Records grouped by document, in file order of first appearance, sentences in order."""
    groups: dict[str, list[dict]] = {}
    for record in records:
        meta = record.get("meta") or {}
        groups.setdefault(meta.get("document") or record["id"], []).append(record)
    return [(doc, sorted(rs, key=lambda r: (r.get("meta") or {}).get("sentence", 0))) for doc, rs in groups.items()]


def predict_records(nlp: Language, path: Path, date: str | None = None) -> Iterator[dict]:
    """One output line per input record: ``{"id", "relations": [...]}``."""
    for document, records in documents(load_records(path)):
        spans, parts, offset = [], [], 0
        for record in records:
            spans.append((offset, offset + len(record["text"]), record["id"]))
            parts.append(record["text"])
            offset += len(record["text"]) + 1
        extraction = extract(nlp, Article(id=document, text=" ".join(parts), date=date))
        by_record: dict[str, list[dict]] = {r["id"]: [] for r in records}
        for relation in extraction.relations:
            for start, end, record_id in spans:
                if start <= relation.trigger_start < end + 1:
                    by_record[record_id].append(relation_to_json(relation))
                    break
        for record in records:
            yield {"id": record["id"], "relations": by_record[record["id"]]}


__all__ = ["documents", "load_records", "predict_records"]
