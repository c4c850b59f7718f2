"""Labeled and unlabeled precision, recall and F1 of predicted relations against gold records.

The rules are those of ``../shared/eval/README.md``: gold and predicted triples are pooled per
document and matched one-to-one, greedily, in file order. An argument matches when the gold name
and the predicted mention or canonical label agree after normalisation (case, accents,
punctuation, leading articles, possessives) — equal, the predicted tokens inside the gold ones,
the gold tokens inside the predicted ones (at most four more), or token Jaccard ≥ 0.5 — or when
the gold actor's code equals the predicted country. Labeled scores also need the PLOVER category.
Optional gold triples, triples without an object and re3d relations that are not interactions are
neither required nor penalised. Polarity is scored beside: each gold triple with an object (optional
ones too) is paired by its arguments alone with one predicted relation, and their flags compared.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

ARTICLES = {"the", "a", "an"}
# re3d interaction types and the PLOVER categories that count as each.
RE3D_CATEGORIES = {
    "COMMWITH": {"CONSULT", "DEMAND", "REQUEST", "AGREE"},
    "DISLIKES": {"DISAPPROVE", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION"},
    "LIKES": {"SUPPORT", "COOPERATE", "AID", "AGREE", "CONCEDE"},
    "FIGHTINGAGAINST": {"FIGHT", "ASSAULT", "COERCE", "MOBILIZE"},
    "ALLIESOF": {"COOPERATE", "SUPPORT", "AGREE", "AID"},
}


def tokens(text: str | None) -> tuple[str, ...]:
    """Normalised tokens of a name.

    >>> tokens("The Kremlin's")
    ('kremlin',)
    """
    if not text:
        return ()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("\u2019", "'")
    text = re.sub(r"[^\w\s]", " ", re.sub(r"'s\b", "", text))
    words = text.split()
    while words and words[0] in ARTICLES:
        words = words[1:]
    return tuple(words)


def names_match(gold: str, predicted: str | None) -> bool:
    """Whether a gold name and a predicted one denote the same actor by the scoring rules.

    >>> names_match("Russian President Vladimir Putin", "Vladimir Putin"), names_match("Cuba", "Venezuela")
    (True, False)
    """
    g, p = tokens(gold), tokens(predicted)
    if not g or not p:
        return False
    gs, ps = set(g), set(p)
    if g == p or ps <= gs or (gs <= ps and len(p) <= len(g) + 4):
        return True
    return len(gs & ps) / len(gs | ps) >= 0.5


@dataclass(slots=True)
class GoldTriple:
    record: str
    category: str
    subjects: list[str]
    subject_codes: set[str]
    objects: list[str] | None
    object_codes: set[str]
    labels: set[str]
    optional: bool
    polarity: str = "asserted"


@dataclass(slots=True)
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    per_category: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _document(record: dict) -> str:
    return (record.get("meta") or {}).get("document") or record["id"]


def gold_triples(records: list[dict]) -> dict[str, list[GoldTriple]]:
    """Gold triples per document, duplicates removed."""
    documents: dict[str, list[GoldTriple]] = defaultdict(list)
    seen = set()
    for record in records:
        codes: dict[str, set[str]] = defaultdict(set)
        for entity in record.get("entities", []):
            if entity.get("code"):
                codes[entity["text"]].add(entity["code"].upper())
        for t in record.get("triples", []):
            if not t.get("source_label"):
                continue
            labels = {t["source_label"].upper(), *(a.upper() for a in t.get("alt_labels", []))}
            labels |= {c for label in list(labels) for c in RE3D_CATEGORIES.get(label, ())}
            key = (_document(record), tokens(t["subject"]), frozenset(labels), tokens(t.get("object") or ""))
            if key in seen:
                continue
            seen.add(key)
            objects = None
            if t.get("object"):
                objects = [
                    t["object"],
                    *([t["object_mention"]] if t.get("object_mention") else []),
                    *t.get("alt_objects", []),
                ]
            documents[_document(record)].append(
                GoldTriple(
                    record=record["id"],
                    category=t["source_label"].upper(),
                    subjects=[t["subject"], *([t["subject_mention"]] if t.get("subject_mention") else [])],
                    subject_codes=codes.get(t["subject"], set()),
                    objects=objects,
                    object_codes=codes.get(t.get("object"), set()) if objects else set(),
                    labels=labels,
                    optional=bool(t.get("optional")) or objects is None or t.get("actor_interaction") is False,
                    polarity=gold_polarity(t),
                )
            )
    return documents


def predicted_relations(lines: list[dict], document_of: dict[str, str]) -> dict[str, list[dict]]:
    """Predicted relations with both arguments per document, duplicates removed."""
    documents: dict[str, list[dict]] = defaultdict(list)
    seen = set()
    for line in lines:
        document = document_of.get(line["id"])
        if document is None:
            continue
        for index, r in enumerate(line.get("relations", [])):
            if not r.get("subject") or not r.get("object"):
                continue
            category = (r.get("event_type") or "").upper()
            key = (
                document,
                tokens(r["subject"].get("label") or r["subject"].get("text")),
                category,
                tokens(r["object"].get("label") or r["object"].get("text")),
            )
            if key not in seen:
                seen.add(key)
                documents[document].append({**r, "_category": category, "_at": (line["id"], index)})
    return documents


def _argument(names: list[str], codes: set[str], predicted: dict) -> bool:
    if any(names_match(n, predicted.get("text")) or names_match(n, predicted.get("label")) for n in names):
        return True
    country = (predicted.get("country") or "").upper()
    return bool(country) and country in codes


def _match(triples: list[GoldTriple], relations: list[dict], labeled: bool) -> tuple[set[int], set[int]]:
    """Indices of the gold triples and of the relations of one document that match one-to-one."""
    matched_gold: set[int] = set()
    matched: set[int] = set()
    for gi, g in enumerate(triples):
        for pi, r in enumerate(relations):
            if pi in matched or (labeled and r["_category"] not in g.labels):
                continue
            if not _argument(g.subjects, g.subject_codes, r["subject"]):
                continue
            if g.objects is not None and not _argument(g.objects, g.object_codes, r["object"]):
                continue
            matched_gold.add(gi)
            matched.add(pi)
            break
    return matched_gold, matched


def argument_matches(names: list[str], codes: set[str], predicted: dict) -> bool:
    """Whether a predicted argument (``{"text", "label", "country"}``) is one of a gold argument's names or codes.

    >>> argument_matches(["Vladimir Putin"], set(), {"text": "Putin"})
    True
    >>> argument_matches(["Cuba"], {"CUB"}, {"text": "Havana", "country": "CUB"})
    True
    """
    return _argument(names, codes, predicted)


def matches(triples: list[GoldTriple], relations: list[dict], labeled: bool) -> tuple[set[int], set[int]]:
    """Indices of one document's gold triples and predicted relations that the scorer pairs one-to-one."""
    return _match(triples, relations, labeled)


def outcomes(gold_records: list[dict], predicted_lines: list[dict]) -> dict[tuple[str, int], bool]:
    """Whether each scored prediction is right, keyed by (line id, index in its ``relations``).

    Typed predictions are judged by the labeled matching, untyped ones by the unlabeled matching,
    each exactly as :func:`score` matches them; duplicates and relations without both arguments,
    which the scorer ignores, have no outcome.

    >>> gold = [{"id": "r1", "text": "", "triples": [{"subject": "Putin", "object": "Maduro",
    ...          "source_label": "CONSULT"}]}]
    >>> arg = lambda name: {"text": name}
    >>> pred = [{"id": "r1", "relations": [{"subject": arg("Putin"), "object": arg("Maduro"), "event_type": "CONSULT"},
    ...                                    {"subject": arg("Putin"), "object": arg("Cuba"), "event_type": "CONSULT"}]}]
    >>> outcomes(gold, pred)
    {('r1', 0): True, ('r1', 1): False}
    """
    document_of = {r["id"]: _document(r) for r in gold_records}
    gold = gold_triples(gold_records)
    predicted = predicted_relations(predicted_lines, document_of)
    found: dict[tuple[str, int], bool] = {}
    for document, relations in predicted.items():
        for typed in (True, False):
            # labeled matching sees the typed relations only, unlabeled matching every relation
            pool = [r for r in relations if r["_category"]] if typed else relations
            _, matched = _match(gold.get(document, []), pool, labeled=typed)
            for pi, r in enumerate(pool):
                if bool(r["_category"]) == typed:
                    found[r["_at"]] = pi in matched
    return dict(sorted(found.items()))


def score(gold: dict[str, list[GoldTriple]], predicted: dict[str, list[dict]], labeled: bool) -> Scores:
    """Greedy one-to-one matching per document."""
    scores = Scores()
    for document in set(gold) | set(predicted):
        triples = gold.get(document, [])
        relations = [r for r in predicted.get(document, []) if r["_category"] or not labeled]
        matched_gold, matched = _match(triples, relations, labeled)
        for gi, g in enumerate(triples):
            if g.optional:
                continue
            counts = scores.per_category[g.category]
            if gi in matched_gold:
                scores.tp += 1
                counts[0] += 1
            else:
                scores.fn += 1
                counts[2] += 1
        for pi, r in enumerate(relations):
            if pi not in matched:
                scores.fp += 1
                scores.per_category[r["_category"] or "NONE"][1] += 1
    return scores


def evaluate(gold_records: list[dict], predicted_lines: list[dict]) -> tuple[Scores, Scores]:
    """Labeled and unlabeled scores of predicted output lines against gold records.

    Args:
        gold_records: records in the ``../shared/eval`` format.
        predicted_lines: one ``{"id", "relations"}`` line per record.

    Returns:
        (labeled, unlabeled) scores.

    >>> gold = [{"id": "r1", "text": "", "triples": [{"subject": "Putin", "object": "Maduro",
    ...          "source_label": "CONSULT"}]}]
    >>> pred = [{"id": "r1", "relations": [{"subject": {"text": "Putin"}, "object": {"text": "Maduro"},
    ...          "event_type": "SUPPORT"}]}]
    >>> labeled, unlabeled = evaluate(gold, pred)
    >>> labeled.f1, unlabeled.f1
    (0.0, 1.0)
    """
    document_of = {r["id"]: _document(r) for r in gold_records}
    gold = gold_triples(gold_records)
    predicted = predicted_relations(predicted_lines, document_of)
    return score(gold, predicted, labeled=True), score(gold, predicted, labeled=False)


@dataclass(frozen=True, slots=True)
class Polarity:
    """Gold triples paired with a prediction by their arguments, and how many of the pairs agree."""

    pairs: int = 0
    right: int = 0
    nonfacts: int = 0  # pairs whose gold is negated or hypothetical
    nonfacts_as_facts: int = 0  # ... that the prediction states as asserted


def gold_polarity(triple: dict) -> str:
    """'negated', 'hypothetical', 'intended' or 'asserted', from a gold triple's flags."""
    return next((flag for flag in ("negated", "hypothetical", "intended") if triple.get(flag)), "asserted")


def predicted_polarity(relation: dict) -> str:
    """The same four values from a predicted relation's ``negated`` and ``modality``.

    >>> predicted_polarity({"negated": True, "modality": "intended"}), predicted_polarity({"modality": "reported"})
    ('negated', 'asserted')
    """
    if relation.get("negated"):
        return "negated"
    modality = (relation.get("modality") or "asserted").lower()
    return modality if modality in ("hypothetical", "intended") else "asserted"


def polarity(gold: dict[str, list[GoldTriple]], predicted: dict[str, list[dict]]) -> Polarity:
    """Pair each gold triple with an object to the first unpaired prediction whose arguments match.

    >>> gold = gold_triples([{"id": "r1", "text": "", "triples": [{"subject": "Putin", "object": "Maduro",
    ...                       "source_label": "CONSULT", "negated": True, "optional": True}]}])
    >>> pred = predicted_relations([{"id": "r1", "relations": [{"subject": {"text": "Putin"},
    ...                              "object": {"text": "Maduro"}, "event_type": "CONSULT"}]}], {"r1": "r1"})
    >>> polarity(gold, pred)
    Polarity(pairs=1, right=0, nonfacts=1, nonfacts_as_facts=1)
    """
    pairs = right = nonfacts = as_facts = 0
    for document, triples in gold.items():
        relations = predicted.get(document, [])
        taken: set[int] = set()
        for g in triples:
            if g.objects is None:
                continue
            pi = next(
                (
                    i
                    for i, r in enumerate(relations)
                    if i not in taken
                    and _argument(g.subjects, g.subject_codes, r["subject"])
                    and _argument(g.objects, g.object_codes, r["object"])
                ),
                None,
            )
            if pi is None:
                continue
            taken.add(pi)
            want, got = g.polarity, predicted_polarity(relations[pi])
            pairs += 1
            right += want == got
            if want in ("negated", "hypothetical"):
                nonfacts += 1
                as_facts += got == "asserted"
    return Polarity(pairs, right, nonfacts, as_facts)


def evaluate_polarity(gold_records: list[dict], predicted_lines: list[dict]) -> Polarity:
    """:func:`polarity` of predicted output lines against gold records."""
    document_of = {r["id"]: _document(r) for r in gold_records}
    return polarity(gold_triples(gold_records), predicted_relations(predicted_lines, document_of))


def report(labeled: Scores, unlabeled: Scores, flags: Polarity | None = None) -> str:
    """The scores as text: one line per mode, the polarity line, then the labeled per-category table."""
    lines = []
    for name, s in (("labeled", labeled), ("unlabeled", unlabeled)):
        # rounded to four places first, as the reference scorer does, so both print the same figures
        lines.append(
            f"{name:9s} P {round(s.precision, 4):.3f}  R {round(s.recall, 4):.3f}  F1 {round(s.f1, 4):.3f}  "
            f"(tp {s.tp} fp {s.fp} fn {s.fn})"
        )
    if flags is not None:
        lines.append(
            f"polarity  right {flags.right} of {flags.pairs} paired; non-facts as facts "
            f"{flags.nonfacts_as_facts} of {flags.nonfacts}"
        )
    lines.append(f"  {'category':15s} {'tp':>4s} {'fp':>4s} {'fn':>4s}")
    for category, (tp, fp, fn) in sorted(labeled.per_category.items()):
        lines.append(f"  {category:15s} {tp:4d} {fp:4d} {fn:4d}")
    return "\n".join(lines)


__all__ = [
    "GoldTriple",
    "Polarity",
    "Scores",
    "argument_matches",
    "evaluate",
    "evaluate_polarity",
    "gold_polarity",
    "gold_triples",
    "matches",
    "names_match",
    "outcomes",
    "polarity",
    "predicted_polarity",
    "predicted_relations",
    "report",
    "score",
    "tokens",
]
