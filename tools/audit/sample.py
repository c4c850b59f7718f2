"""The held-out audit sample: corpus articles that news-dev does not hold, cut into sentence records.

Picks ``--per-genre`` Kremlin and Wikinews articles of ``../shared/corpus/`` with a fixed seed,
leaving out every article news-dev holds (by id, url, title with the same opening, or text), and
writes them as ``newsgraph extract --records`` input (one record a sentence, ``meta.document``),
plus the recall sentences: ``--sentences`` per genre, taken in turn from each article's sentences
in a seeded order (so that one long speech does not fill the sample).

    python3 tools/audit/sample.py --corpus ../shared/corpus --dev ../shared/eval/news-dev.jsonl \\
        --out /tmp/audit

writes ``OUT/kremlin.jsonl``, ``OUT/wikinews.jsonl`` (records) and ``OUT/recall-sentences.json``
(the ids of the recall sentences, per genre). Only the standard library: the cut is a rule on
punctuation, so the sample does not move when the parser does.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

GENRES = {"kremlin": "kremlin-2021-2022.jsonl", "wikinews": "wikinews-2019-2020.jsonl"}
SEED = 9  # issue 9
# A sentence ends at . ! ? (and a closing quote) before a capital or a quote; not after a title or an initial.
_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_NOT_END = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Lt|Col|Prof|Rev|No|vs|U\.S|U\.K|Inc|Ltd|Co)\.|\b[A-Z]\.)$")


def sentences(text: str) -> list[str]:
    """The article's sentences: its paragraphs cut at sentence ends."""
    out: list[str] = []
    for paragraph in (p.strip() for p in text.split("\n")):
        if not paragraph:
            continue
        start = 0
        for end in _END.finditer(paragraph):
            piece = paragraph[start : end.start()].rstrip()
            if _NOT_END.search(piece):
                continue
            out.append(paragraph[start : end.start()].strip())
            start = end.end()
        out.append(paragraph[start:].strip())
    return [s for s in out if s]


def dev_keys(dev: Path) -> tuple[set[str], set[str]]:
    """The documents news-dev holds, and the opening of each of its articles."""
    ids: set[str] = set()
    openings: dict[str, str] = {}
    for line in dev.open(encoding="utf-8"):
        record = json.loads(line)
        document = record["meta"]["document"]
        ids.add(document)
        if record["meta"].get("sentence") == 0:
            openings[document] = record["text"][:120]
    return ids, set(openings.values())


def held_out(articles: list[dict], ids: set[str], openings: set[str]) -> list[dict]:
    """The articles news-dev does not hold (its ids, and any copy of its articles under another id)."""
    dev_urls = {a["url"] for a in articles if a["id"] in ids}
    dev_titles = {(a["title"], a["text"][:120]) for a in articles if a["id"] in ids}
    return [
        a
        for a in articles
        if a["id"] not in ids
        and a["url"] not in dev_urls
        and (a["title"], a["text"][:120]) not in dev_titles
        and a["text"][:120] not in openings
    ]


def records(article: dict, genre: str) -> list[dict]:
    return [
        {
            "id": f"{article['id']}-s{i}",
            "text": text,
            "entities": [],
            "triples": [],
            "meta": {"dataset": f"audit-{genre}", "document": article["id"], "sentence": i, "date": article["date"]},
        }
        for i, text in enumerate(sentences(article["text"]))
    ]


def recall_sentences(by_article: list[list[dict]], count: int, rng: random.Random) -> list[str]:
    """``count`` record ids, one from each article in turn, each article's in a seeded order."""
    queues = [rng.sample(rs, len(rs)) for rs in by_article]
    picked: list[str] = []
    while len(picked) < count and any(queues):
        for queue in queues:
            if queue and len(picked) < count:
                picked.append(queue.pop()["id"])
    return picked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--dev", type=Path, default=Path("../shared/eval/news-dev.jsonl"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--per-genre", type=int, default=16)
    parser.add_argument("--sentences", type=int, default=120)
    args = parser.parse_args()
    ids, openings = dev_keys(args.dev)
    args.out.mkdir(parents=True, exist_ok=True)
    recall: dict[str, list[str]] = {}
    for genre, name in GENRES.items():
        rng = random.Random(f"{SEED}-{genre}")
        articles = [json.loads(line) for line in (args.corpus / name).open(encoding="utf-8")]
        chosen = sorted(rng.sample(held_out(articles, ids, openings), args.per_genre), key=lambda a: a["id"])
        by_article = [records(a, genre) for a in chosen]
        with (args.out / f"{genre}.jsonl").open("w", encoding="utf-8") as out:
            for record in (r for rs in by_article for r in rs):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        recall[genre] = recall_sentences(by_article, args.sentences, rng)
        count = sum(map(len, by_article))
        print(genre, len(chosen), "articles", count, "sentences:", " ".join(a["id"] for a in chosen))
    (args.out / "recall-sentences.json").write_text(json.dumps(recall, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
