"""Build ontologies/lexicon/verbs.tsv from the CAMEO verb dictionary and the CAMEO→PLOVER table.

Run once when the source lexicons change (it reads ../shared/lexicons, which the project never
reads at run time):

    python tools/build_lexicon.py ../shared/lexicons ontologies/lexicon/verbs.tsv

Each output row is one pattern: the verb lemma, what the pattern needs (``-`` for the bare verb,
``prep:with`` for a prepositional phrase, ``obj:gratitude`` for a direct-object noun,
``prep:against:criticism`` for a phrase with its noun), the CAMEO code and the PLOVER category.
PLOVER's 2021 table still names some categories by their older names; they are renamed to the
current ones (REQUEST→DEMAND, ACCUSE→DISAPPROVE or INVESTIGATE, conventional military
force→FIGHT), and two codes follow PLOVER's own CAMEO listing (``CORRECTIONS``).
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\](?:---)?\s+---")  # four headers read "[120]---  ---"
PATTERN = re.compile(r"^-\s+(.*?)\s*\[([^\]]*)\]")
PREPOSITIONS = {
    "with",
    "to",
    "for",
    "against",
    "on",
    "upon",
    "at",
    "into",
    "in",
    "from",
    "over",
    "about",
    "of",
    "by",
    "toward",
    "towards",
    "between",
    "among",
    "off",
    "out",
    "up",
    "down",
    "across",
}


def plover_table(path: Path) -> dict[str, tuple[str, str]]:
    """CAMEO code → (PLOVER category, mode), with current category names."""
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or ":" not in line:
            continue
        code, rest = (part.strip() for part in line.split(":", 1))
        fields = [f.strip() for f in rest.split(",")]
        category, mode = fields[0], fields[1] if len(fields) > 1 else ""
        table[code] = (_current_name(code, category, mode), mode)
    return table


# Where the 2021 table disagrees with PLOVER's own CAMEO→PLOVER listing (openeventdata/PLOVER,
# cameo/CAMEO-PLOV.txt) and with its gold-standard coding, the listing wins: imposing an embargo,
# boycott or sanctions (163) withdraws cooperation, a SANCTION, not a COERCE; destroying property
# (1712) is a COERCE like the rest of 171 (seize or damage property), not an ASSAULT; easing a curfew
# (0813) or a state of emergency (0814) is a CONCEDE like the rest of 081 (ease administrative
# sanctions), as PLOVER's gold codes "lifted a curfew" and "eased emergency measures", not a RETREAT.
CORRECTIONS = {"163": "SANCTION", "1712": "COERCE", "0813": "CONCEDE", "0814": "CONCEDE"}


def _current_name(code: str, category: str, mode: str) -> str:
    if code in CORRECTIONS:
        return CORRECTIONS[code]
    if category == "REQUEST":
        return "DEMAND"
    if category == "ACCUSE":
        return "INVESTIGATE" if mode == "investigate" else "DISAPPROVE"
    if code.startswith("19") and category == "ASSAULT":
        return "FIGHT"
    return category


def lookup(table: dict[str, tuple[str, str]], code: str) -> tuple[str, str] | None:
    """The PLOVER category of a CAMEO code, falling back to its parent codes."""
    if code.startswith("02"):
        return ("DEMAND", "appeal")  # CAMEO 02 (appeal) is PLOVER's REQUEST, now DEMAND
    while code:
        if code in table:
            return table[code]
        code = code[:-1]
    return None


def first_code(field: str) -> str | None:
    """'041:041' → '041'; ':020' → '020'; '---' → None."""
    for part in field.split(":"):
        part = part.strip()
        if part and part != "---" and part.isdigit():
            return part
    return None


def verb_forms(line: str) -> tuple[str, str | None] | None:
    """A synonym line → (lemma, particle or preposition) or None."""
    line = re.sub(r"\[[^\]]*\]", "", line.split("#", 1)[0].split("{", 1)[0]).strip().lstrip("+")
    if not line or not re.fullmatch(r"[A-Z_\-]+", line):
        return None
    words = line.lower().split("_")
    if words[0] == "re" and len(words) > 1:
        words = ["re" + words[1]] + words[2:]
    if len(words) == 1:
        return words[0], None
    if len(words) == 2 and words[1] in PREPOSITIONS:
        return words[0], words[1]
    return None


def _inflections(line: str) -> list[str]:
    """'BREAK {BREAKS BREAKING BROKEN BROKE }' → ['BREAKS', 'BREAKING', 'BROKEN', 'BROKE']."""
    m = re.search(r"\{([^}]*)\}", line.split("#", 1)[0])
    return m.group(1).split() if m else []


def synsets(cameo: Path) -> dict[str, list[str]]:
    """CAMEO's noun classes: '&TREATY' → ['treaty', 'pact', 'accord', 'agreement'] (single words)."""
    sets: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in cameo.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if re.fullmatch(r"&[A-Z_]+", line):
            current = sets.setdefault(line, [])
        elif current is not None and line.startswith("+"):
            word = line[1:].strip().removesuffix("_")  # "+INTELLIGENCE_": this form only, no suffixes
            if re.fullmatch(r"[A-Z\-]+", word):
                current.append(word.lower())
        elif line:
            current = None
    return sets


def pattern_requirement(text: str, classes: dict[str, list[str]] | None = None) -> list[str]:
    """'* (WITH)' and '* WITH' → ['prep:with']; '* GRATITUDE' → ['obj:gratitude']; '* &TREATY' → one
    'obj:' per word of the class; '* (AGAINST CRITICISM)' → ['prep:against:criticism'] (a phrase
    anywhere in the clause); other shapes → []."""
    text = text.strip()
    m = re.fullmatch(r"\*\s+\((\w+)\)", text)
    if m and m.group(1).lower() in PREPOSITIONS:
        return [f"prep:{m.group(1).lower()}"]
    m = re.fullmatch(r"\*\s+([A-Z][A-Z\-]+)", text)
    if m:
        word = m.group(1).lower()
        # "DEFEND - * FROM", "CLASH - * WITH": a bare preposition or particle, not an object noun
        return [f"prep:{word}" if word in PREPOSITIONS else f"obj:{word}"]
    m = re.fullmatch(r"\*\s+(&[A-Z_]+)", text)
    if m and classes:
        return [f"obj:{word}" for word in classes.get(m.group(1), [])]
    m = re.fullmatch(r"\*\s+\((\w+)\s+(&?[A-Z][A-Z\-_]*)\)", text)
    if m and m.group(1).lower() in PREPOSITIONS:
        prep, noun = m.group(1).lower(), m.group(2)
        nouns = classes.get(noun, []) if noun.startswith("&") and classes else [noun.lower()]
        return [f"prep:{prep}:{word}" for word in nouns if "_" not in word]
    return []


def _pattern_targets(
    raw: str, pattern: re.Match, classes: dict, lemmas: list[tuple[str, str | None]], inflected: dict[str, str]
) -> list[tuple[str, str]]:
    """The (lemma, requirement) pairs a pattern line of a verb block applies to.

    The comment names the verb the pattern was written for; it applies to that verb alone.
    """
    named = raw.split("#", 1)[1].split() if "#" in raw else []
    owner = named[0].lower() if named else None
    return [
        (lemma, need)
        for need in pattern_requirement(pattern.group(1), classes)
        for lemma, particle in lemmas
        if particle is None and (owner is None or inflected.get(owner, owner) == lemma)
    ]


def build(cameo: Path, plover: Path) -> list[tuple[str, str, str, str, str]]:
    table = plover_table(plover)
    classes = synsets(cameo)
    expanded: set[tuple[str, str]] = set()  # rows from a noun class: one pattern, not many
    rows: dict[tuple[str, str], tuple[str, str, str, str, str]] = {}
    inherited: set[tuple[str, str]] = set()  # bare rows that took their block's code
    block_code: str | None = None
    lemmas: list[tuple[str, str | None]] = []
    inflected: dict[str, str] = {}  # irregular forms of the block's verbs → lemma

    def add(lemma: str, need: str, code: str | None, own: bool = True) -> None:
        """The first pattern wins, except that a verb's own code beats one inherited from a block
        ("BEAT" under DESTROY [190] and again as "BEAT [182]": beating is an assault)."""
        category = lookup(table, code) if code else None
        if code is None or category is None:
            return
        key = (lemma, need)
        if key in rows and not (own and key in inherited):
            return
        rows[key] = (lemma, need, code, category[0], category[1])
        (inherited.discard if own else inherited.add)(key)

    for raw in cameo.read_text(encoding="utf-8", errors="replace").splitlines():
        if raw.startswith("#"):
            continue
        block = BLOCK.match(raw)
        if block:
            block_code, lemmas, inflected = first_code(block.group(2)), [], {}
            continue
        pattern = PATTERN.match(raw)
        if pattern:
            for lemma, need in _pattern_targets(raw, pattern, classes, lemmas, inflected):
                add(lemma, need, first_code(pattern.group(2)), own=False)
                if "&" in pattern.group(1):
                    expanded.add((lemma, need))
            continue
        forms = verb_forms(raw)
        if forms is None:
            continue
        lemma, particle = forms
        own = re.search(r"\[([^\]]*)\]", raw)
        code = first_code(own.group(1)) if own else block_code
        lemmas.append(forms)
        # "THROW {THROWS THREW THROWN}": a pattern written for "# THREW" is throw's
        inflected.update((form.lstrip("+").lower(), lemma) for form in _inflections(raw) if particle is None)
        add(lemma, f"prep:{particle}" if particle else "-", code, own is not None and code is not None)
    return sorted([*rows.values(), *_defaults({k: v for k, v in rows.items() if k not in expanded})])


def _defaults(rows: dict[tuple[str, str], tuple[str, str, str, str, str]]) -> list[tuple[str, str, str, str, str]]:
    """A ``*`` row for a verb with no bare code whose patterns mostly agree on one category.

    PETRARCH codes "reject" only through its object patterns ("* PROPOSAL", "* OFFER"...); when
    two thirds of those patterns give one PLOVER category, that category is the verb's default.
    """
    by_lemma: dict[str, list[tuple[str, str, str, str, str]]] = {}
    for (lemma, need), row in rows.items():
        if need.count(":") < 2:  # a phrase ("look into charges") says nothing of the verb alone
            by_lemma.setdefault(lemma, []).append(row)
    out = []
    for lemma, patterns in by_lemma.items():
        if any(row[1] == "-" for row in patterns) or len(patterns) < 3:
            continue
        categories = Counter(row[3] for row in patterns)
        category, count = categories.most_common(1)[0]
        if count / len(patterns) >= 2 / 3:
            code = Counter(row[2] for row in patterns if row[3] == category).most_common(1)[0][0]
            mode = next(row[4] for row in patterns if row[2] == code)
            out.append((lemma, "*", code, category, mode))
    return out


def agents(path: Path) -> list[tuple[str, str]]:
    """Agent nouns of the Phoenix agents file → sector code ('president' → 'GOV').

    A single word is an agent noun; a phrase contributes its head words, those before "of",
    "for" or "in", and both sides of "and" ("COUNCIL_OF_MINISTERS" → council,
    "MINISTERS_AND_MPS" → ministers, mps), never a modifier ("CRIME_SYNDICATE" names
    syndicates, not crimes; "HELICOPTER_GUNSHIP" gunships, not helicopters).
    """
    rows: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.match(r"^([A-Z][A-Z\-_']*)(?:![A-Z]*!?)?\s+(?:\{[^}]*\}\s*)?\[~?([A-Z]{3})", raw)
        if not m:
            continue
        phrase = re.split(r"_(?:OF|FOR|IN|ON|TO|AGAINST|WITHOUT)_", m.group(1))[0]
        for part in phrase.split("_AND_"):
            head = part.split("_")[-1].lower()
            if len(head) > 2 and head not in ("the", "led", "for") and head[0].isalpha() and "'s" not in head:
                rows.setdefault(head, m.group(2))
    return sorted(rows.items())


def main(argv: list[str]) -> int:
    source, target = Path(argv[1]), Path(argv[2])
    rows = build(source / "CAMEO.2.0.txt", source / "CAMEO2PLOVER-2021.txt")
    agent_rows = agents(source / "Phoenix.agents.txt")
    with (target.parent / "agents.tsv").open("w", encoding="utf-8", newline="") as out:
        out.write("# Agent nouns → CAMEO sector, from Phoenix.agents.txt (openeventdata/petrarch2, MIT,\n")
        out.write("# see LICENSE-petrarch2.txt), built by tools/build_lexicon.py.\n")
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["noun", "sector"])
        writer.writerows(agent_rows)
    with target.open("w", encoding="utf-8", newline="") as out:
        out.write("# Verb → PLOVER lexicon, built by tools/build_lexicon.py from the CAMEO verb dictionary\n")
        out.write("# (openeventdata/petrarch2, MIT, see LICENSE-petrarch2.txt) and the CAMEO→PLOVER table\n")
        out.write("# (openeventdata/PLOVER, CC BY-SA 4.0). This file is CC BY-SA 4.0 as a derived work.\n")
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["lemma", "requires", "cameo", "plover", "mode"])
        writer.writerows(rows)
    print(f"{len(rows)} patterns → {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
