"""Figures of the held-out audit: precision from hand judgements, recall from hand-coded sentences.

Reads the sample (``sample.py``'s records), the extractor's output on it (``newsgraph extract
--records``) and the audit files of this folder:

* ``judgements.jsonl``: one emitted relation a line, keyed by record, subject, category, object and
  polarity, with ``verdict`` (``right``: both actors, type, direction and polarity right; ``rough``:
  an interaction between the right actors, roughly typed or directed; ``wrong``) and ``cause``;
* ``recall-gold.jsonl``: the recall sentences coded by hand (ANNOTATION.md), one record a sentence.

The precision sample is every relation whose key hashes below the genre's ``RATE`` (so that a
relation keeps its place in the sample when others change). Relations of the sample not yet judged
are printed with their sentence, for a judge to add; figures count judged ones only.

    PYTHONPATH=. .venv/bin/python tools/audit/judge.py --sample /tmp/audit --predictions /tmp/audit/out
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from pathlib import Path

from extract.scoring import evaluate

HERE = Path(__file__).parent
RATE = {"kremlin": 0.6, "wikinews": 1.0}  # about 80 relations of each genre before the fixes
SEED = "9"


def key(record: str, relation: dict) -> tuple:
    def name(arg: dict | None) -> str:
        return (arg or {}).get("label") or (arg or {}).get("text") or ""

    polarity = "negated" if relation.get("negated") else relation.get("modality") or "asserted"
    return (record, name(relation["subject"]), relation.get("event_type") or "", name(relation["object"]), polarity)


def sampled(genre: str, k: tuple) -> bool:
    digest = int(hashlib.sha1(json.dumps([SEED, *k]).encode()).hexdigest(), 16)
    return (digest % 10_000) / 10_000 < RATE[genre]


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()] if path.exists() else []


def precision(genre: str, sample: Path, predictions: Path, judged: dict[tuple, dict]) -> None:
    texts = {r["id"]: r["text"] for r in read_jsonl(sample / f"{genre}.jsonl")}
    emitted = [(line["id"], r) for line in read_jsonl(predictions / f"{genre}.jsonl") for r in line["relations"]]
    in_sample = [(rid, r, key(rid, r)) for rid, r in emitted if sampled(genre, key(rid, r))]
    verdicts = Counter(judged[k]["verdict"] for _, _, k in in_sample if k in judged)
    errors = [judged[k]["cause"] for _, _, k in in_sample if k in judged and judged[k]["verdict"] != "right"]
    classes = Counter(cause.split(":")[0] for cause in errors)
    n = sum(verdicts.values())
    print(f"== {genre}: {len(emitted)} relations emitted, {len(in_sample)} in the sample, {n} judged")
    if n:
        right, rough = verdicts["right"], verdicts["rough"]
        print(f"precision fully right {right / n:.3f} ({right}/{n}); right or roughly right {(right + rough) / n:.3f}")
        print("errors by class:", ", ".join(f"{c} {k}" for k, c in classes.most_common()))
    for rid, r, k in in_sample:
        if k not in judged:
            print("UNJUDGED", json.dumps({"key": list(k), "predicate": r["predicate"], "trigger": r["trigger"]}))
            print("   ", texts.get(rid, "")[:400])


def recall(genre: str, predictions: Path) -> None:
    gold = [r for r in read_jsonl(HERE / "recall-gold.jsonl") if r["meta"]["dataset"] == f"audit-{genre}"]
    gold = [{**r, "meta": {}} for r in gold]  # each sentence is scored on its own
    ids = {r["id"] for r in gold}
    lines = [line for line in read_jsonl(predictions / f"{genre}.jsonl") if line["id"] in ids]
    labeled, unlabeled = evaluate(gold, lines)
    required = labeled.tp + labeled.fn
    print(
        f"recall over {len(gold)} sentences, {required} required interactions: "
        f"labeled {labeled.recall:.3f} ({labeled.tp}), unlabeled {unlabeled.recall:.3f} ({unlabeled.tp})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=Path, required=True, help="sample.py's output folder")
    parser.add_argument("--predictions", type=Path, required=True, help="folder of GENRE.jsonl extractor output")
    args = parser.parse_args()
    judged = {tuple(j["key"]): j for j in read_jsonl(HERE / "judgements.jsonl")}
    for genre in RATE:
        precision(genre, args.sample, args.predictions, judged)
        recall(genre, args.predictions)


if __name__ == "__main__":
    main()
