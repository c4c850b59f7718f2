"""Typing by construction: what a verb's complements say about the category of its event.

CAMEO files "warn" under threats (130), but codes a warning of others' deeds as disapproval
("warn * (OF FIGHTING)" 110) and only a warning of one's own response as a threat ("warn * (OF
RESPONSE)" 130); a warning to do something is a demand. A comparison states nothing about the
standard it compares with: "likened X to Hitler" judges X (the opprobrium is lexicon data).
"""

from __future__ import annotations

from spacy.tokens import Token

from extract.lexicon import Sense, word_class
from extract.relations.candidate import Target
from extract.relations.clause import VerbClause

WARNING = word_class("warning")  # warn, caution
CONSEQUENCES = word_class("consequence")  # what a threat names: consequences, retaliation, response...
COMPARISON = word_class("comparison")  # liken, compare, equate
DEMANDED = Sense("100", "DEMAND", "")
DISAPPROVED = Sense("110", "DISAPPROVE", "disapprove")


def warning(c: VerbClause, sense: Sense | None) -> Sense | None:
    """A warning's category: THREATEN with a consequence, DEMAND with what the warned must do,
    else DISAPPROVE. Only the bare verb's sense is read again; a pattern's stays ('warn * (OF FIGHTING)')."""
    if sense is None or c.verb.lemma_.lower() not in WARNING or sense != c.own:
        return sense
    if any(t.lemma_.lower() in CONSEQUENCES for t in c.verb.subtree if t.i != c.verb.i):
        return sense
    if any(_demanding(clause) for clause in c.verb.children):
        return DEMANDED
    return DISAPPROVED


def _demanding(clause: Token) -> bool:
    """'warned X to leave', 'warned X not to', 'warned that X must stop'."""
    if clause.dep_ in ("xcomp", "advcl", "ccomp") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children):
        return True
    return clause.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in clause.children)


def compared_with(c: VerbClause, targets: list[Target]) -> list[Target]:
    """'likened X to Hitler', 'compared X with Y': the standard of a comparison is no party when
    there is something compared."""
    if c.verb.lemma_.lower() not in COMPARISON:
        return targets
    standards = [t for t in targets if t.predicate.endswith((" to", " with"))]
    return [t for t in targets if t not in standards] if len(standards) < len(targets) else targets
