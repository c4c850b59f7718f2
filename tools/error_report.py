"""Count the scorer's errors by cause, per gold file: the error taxonomy of docs/quality.md.

Each miss (a required gold triple the labeled scoring does not match) and each false positive (a
typed relation it does not match), as ``score.py`` counts them, gets the first cause that holds:

* misses — ``no actor mention``: the gold subject or object is not among the document's actor
  mentions; ``wrong category``: a typed relation between the two actors has another category;
  ``untyped relation``: a relation between them has no event type; ``wrong actor``: a relation of
  the right category in the same sentence has one of the two actors (or both, the wrong way round);
  ``missing trigger``: nothing of the kind — the interaction word was not read as an event;
* false positives — ``polarity``: a negated or hypothetical relation the gold does not code;
  ``wrong category``: the gold relates the two actors by another category; ``not an actor``: an
  argument is none of the document's gold actors (a thing, a topic, a place); ``wrong actor``: a
  gold triple of the same sentence and category has one of the two (or both, the wrong way round);
  ``not an interaction``: two gold actors that the gold does not relate there.

Untyped relations that match no gold triple are counted on their own line (the labeled score
ignores them; the unlabeled one counts them false).

    PYTHONPATH=.:tools nice .venv/bin/python tools/error_report.py \\
        /work/shared/eval/{seed-gold,plover-dev,re3d-dev,news-dev}.jsonl [--examples 5]

Extracts each gold file as ``newsgraph extract --records`` does (the actor mentions are needed for
the first cause); ``--predictions DIR`` scores ``DIR/<gold file name>`` instead, with the arguments of
the document's predicted relations standing in for its mentions.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from extract.evaluation import documents, load_records
from extract.records import Article, relation_to_json
from extract.scoring import GoldTriple, argument_matches, gold_triples, matches, predicted_relations

MISSES = ("no actor mention", "wrong category", "untyped relation", "wrong actor", "missing trigger")
FALSE = ("polarity", "wrong category", "not an actor", "wrong actor", "not an interaction")


def extracted(nlp, gold: list[dict]) -> Iterator[tuple[dict, list[dict]]]:
    """Output lines as ``predict_records`` writes them, with each line's document mentions."""
    from extract.pipeline import extract

    for document, group in documents(gold):
        spans, offset = [], 0
        for record in group:
            spans.append((offset, offset + len(record["text"]), record["id"]))
            offset += len(record["text"]) + 1
        extraction = extract(nlp, Article(id=document, text=" ".join(r["text"] for r in group)))
        mentions = [{"text": m.text, "label": m.actor.label, "country": m.actor.country} for m in extraction.mentions]
        by_record: dict[str, list[dict]] = {r["id"]: [] for r in group}
        for relation in extraction.relations:
            record_id = next((i for start, end, i in spans if start <= relation.trigger_start < end + 1), None)
            if record_id is not None:
                by_record[record_id].append(relation_to_json(relation))
        for record in group:
            yield {"id": record["id"], "relations": by_record[record["id"]]}, mentions


def _pair(g: GoldTriple, r: dict, reverse: bool = False) -> bool:
    """Whether relation ``r`` has the gold triple's subject and object (swapped with ``reverse``)."""
    if g.objects is None:
        return False
    subject, obj = (r["object"], r["subject"]) if reverse else (r["subject"], r["object"])
    return argument_matches(g.subjects, g.subject_codes, subject) and argument_matches(g.objects, g.object_codes, obj)


def _one_side(g: GoldTriple, r: dict) -> bool:
    return (
        argument_matches(g.subjects, g.subject_codes, r["subject"])
        or g.objects is not None
        and argument_matches(g.objects, g.object_codes, r["object"])
        or _pair(g, r, reverse=True)
    )


def miss_cause(g: GoldTriple, relations: list[dict], mentions: list[dict]) -> str:
    """Why a required gold triple was not found (see the module docstring)."""
    objects = g.objects or []
    if not any(argument_matches(g.subjects, g.subject_codes, m) for m in mentions) or not any(
        argument_matches(objects, g.object_codes, m) for m in mentions
    ):
        return "no actor mention"
    between = [r for r in relations if _pair(g, r)]
    if any(r["_category"] for r in between):
        return "wrong category"
    if between:
        return "untyped relation"
    here = [r for r in relations if r["_at"][0] == g.record and r["_category"] in g.labels]
    return "wrong actor" if any(_one_side(g, r) for r in here) else "missing trigger"


def false_cause(r: dict, triples: list[GoldTriple]) -> str:
    """Why a typed relation matched no gold triple (see the module docstring)."""
    if r.get("negated") or r.get("modality") == "hypothetical":
        return "polarity"  # intentions are coded like facts (ANNOTATION.md), non-facts only when flagged
    if any(_pair(g, r) for g in triples):
        return "wrong category"
    actors = [(g.subjects, g.subject_codes) for g in triples] + [
        (g.objects, g.object_codes) for g in triples if g.objects is not None
    ]
    if not all(
        any(argument_matches(names, codes, r[side]) for names, codes in actors) for side in ("subject", "object")
    ):
        return "not an actor"
    record = r["_at"][0]
    if any(g.record == record and r["_category"] in g.labels and _one_side(g, r) for g in triples):
        return "wrong actor"
    return "not an interaction"


def _name(argument: dict) -> str:
    return argument.get("label") or argument.get("text") or "?"


def _show(r: dict) -> str:
    return f"{_name(r['subject'])} -{r.get('trigger')} {r['_category'] or '(untyped)'}-> {_name(r['object'])}"


def classify(
    gold: list[dict], lines: list[dict], mentions: dict[str, list[dict]], examples: dict[str, list[str]] | None = None
) -> tuple[Counter, Counter, int]:
    """Misses and false positives by cause, and untyped relations matching nothing, over one gold file.

    ``mentions``: each document's actor mentions (``{"text", "label", "country"}``); ``examples``, when
    given, collects a line per error under ``"miss: <cause>"`` or ``"false positive: <cause>"``.
    """
    examples = {} if examples is None else examples
    document_of = {r["id"]: (r.get("meta") or {}).get("document") or r["id"] for r in gold}
    triples, predicted = gold_triples(gold), predicted_relations(lines, document_of)
    misses: Counter = Counter()
    false: Counter = Counter()
    untyped = 0
    for document in set(triples) | set(predicted):
        golds, relations = triples.get(document, []), predicted.get(document, [])
        typed = [r for r in relations if r["_category"]]
        found, right = matches(golds, typed, labeled=True)
        for gi, g in enumerate(golds):
            if not g.optional and gi not in found:
                cause = miss_cause(g, relations, mentions.get(document, []))
                misses[cause] += 1
                examples.setdefault(f"miss: {cause}", []).append(
                    f"{g.record}: {g.subjects[0]} -{g.category}-> {(g.objects or ['?'])[0]}"
                )
        for pi, r in enumerate(typed):
            if pi not in right:
                cause = false_cause(r, golds)
                false[cause] += 1
                examples.setdefault(f"false positive: {cause}", []).append(f"{r['_at'][0]}: {_show(r)}")
        untyped += sum(1 for r in relations if not r["_category"] and not any(_pair(g, r) for g in golds))
    return misses, false, untyped


def table(rows: dict[str, tuple[Counter, Counter, int]]) -> str:
    names = list(rows)
    lines = [f"| cause | {' | '.join(names)} |", f"|---|{'---|' * len(names)}"]
    for kind, causes, index in (("miss", MISSES, 0), ("false positive", FALSE, 1)):
        counts = {n: rows[n][0] if index == 0 else rows[n][1] for n in names}
        for cause in causes:
            lines.append(f"| {kind}: {cause} | " + " | ".join(str(counts[n][cause]) for n in names) + " |")
        lines.append(f"| **{kind}es, all** | " if kind == "miss" else f"| **{kind}s, all** | ")
        lines[-1] += " | ".join(f"**{sum(counts[n].values())}**" for n in names) + " |"
    lines.append("| untyped relations matching nothing | " + " | ".join(str(rows[n][2]) for n in names) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--predictions", type=Path, help="a directory of output lines, one file per gold file name")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: newsgraph's)")
    parser.add_argument("--examples", type=int, default=0, help="also print this many errors of each cause")
    args = parser.parse_args()
    nlp = None
    rows = {}
    examples: dict[str, dict[str, list[str]]] = {}
    for path in args.gold:
        gold = load_records(path)
        if args.predictions is not None:
            lines = load_records(args.predictions / path.name)
            document_of = {r["id"]: (r.get("meta") or {}).get("document") or r["id"] for r in gold}
            mentions: dict[str, list[dict]] = {}
            for line in lines:
                for r in line.get("relations", []):
                    mentions.setdefault(document_of.get(line["id"], ""), []).extend(
                        a for a in (r.get("subject"), r.get("object")) if a
                    )
        else:
            if nlp is None:
                from extract.pipeline import load_pipeline

                nlp = load_pipeline(args.model)
            pairs = list(extracted(nlp, gold))
            lines = [line for line, _ in pairs]
            document_of = {r["id"]: (r.get("meta") or {}).get("document") or r["id"] for r in gold}
            mentions = {document_of[line["id"]]: found for line, found in pairs}
        rows[path.stem] = classify(gold, lines, mentions, examples.setdefault(path.stem, {}))
    print(table(rows))
    for name, by_cause in examples.items() if args.examples else ():
        for cause, found in sorted(by_cause.items()):
            print(f"\n## {name}, {cause} ({len(found)})")
            print("\n".join(f"  {line}" for line in found[: args.examples]))
    print(
        json.dumps(
            {name: {"misses": dict(m), "false": dict(f), "untyped_unmatched": u} for name, (m, f, u) in rows.items()}
        )
    )


if __name__ == "__main__":
    main()
