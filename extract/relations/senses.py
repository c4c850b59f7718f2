"""Typing by construction: what a verb's complements say about the category of its event.

CAMEO files "warn" under threats (130), but codes a warning of others' deeds as disapproval
("warn * (OF FIGHTING)" 110) and only a warning of one's own response as a threat ("warn * (OF
RESPONSE)" 130); a warning to do something is a demand. A comparison states nothing about the
standard it compares with: "likened X to Hitler" judges X (the opprobrium is lexicon data). A
deployment done *with* someone ("a joint patrol with X", "patrolled with X") is military cooperation
with X (CAMEO 062), not a mobilisation against X. A noun of violence before a thing classifies it
("combat readiness", "attack helicopters", "assault rifles"): no event. "Our condolences go out to
X": a speech act offered names the event of the verb it is the subject of. "Liberated the town from
X": X is fought (CAMEO 190); the dictionary's bare "liberate" and "free" (080, yield) are a release.
Asking someone a question ("asked X whether ...", "asked X about Y") consults X; only asking X to
do something is a demand (CAMEO 02 appeal). Besting someone in a contest ("defeated X in the
election", "beat X 2-1") is a result, no fight.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from extract.lexicon import Lexicon, Sense, load_lexicon, word_class
from extract.relations.arguments import actors
from extract.relations.candidate import Target
from extract.relations.clause import VerbClause
from extract.relations.vocabulary import VIOLENT, past

WARNING = word_class("warning")  # warn, caution
CONSEQUENCES = word_class("consequence")  # what a threat names: consequences, retaliation, response...
COMPARISON = word_class("comparison")  # liken, compare, equate
DEMANDED = Sense("100", "DEMAND", "")
DISAPPROVED = Sense("110", "DISAPPROVE", "disapprove")
COOPERATED = Sense("062", "COOPERATE", "")  # CAMEO 062: cooperate militarily
OFFERED = word_class("offered")  # condolences, gratitude, greetings...
JOINT = word_class("joint")
LIBERATING = word_class("liberating")  # liberate, free
NAMING = word_class("naming")  # call, name, dub, label
FOUGHT = Sense("190", "FIGHT", "")  # joint, combined, bilateral...: done together with the party
ASKING = word_class("asking")  # ask, inquire
CONSULTED = Sense("040", "CONSULT", "")
QUESTION_WORDS = ("if", "whether")  # besides the wh-words (tags W...)
SCHOOLING = word_class("schooling")  # study, teach, enrol...
BESTING = word_class("besting")  # defeat, beat, crush...
CONTESTS = word_class("contest")  # match, election, final, vote...
# a score: "2-1", "43–5", "45 points to 24"; not a span of years ("in 2014-2015")
SCORE = re.compile(r"(?<![\d.])\d{1,3}\s*(?:points?\s+)?(?:[–—-]|to)\s*\d{1,3}(?![\d.])")


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
    """'warned X to leave', 'warned X not to', 'warned that X must stop', 'warned X against travelling'
    (advice, not a threat)."""
    if clause.dep_ == "prep" and clause.lower_ == "against" and any(c.dep_ == "pcomp" for c in clause.children):
        return True
    if clause.dep_ in ("xcomp", "advcl", "ccomp") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children):
        return True
    return clause.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in clause.children)


def questioned(c: VerbClause, sense: Sense | None) -> Sense | None:
    """'asked X whether ...', 'asked X which ...', 'asked X about Y', 'asked X a question': a question put
    to X consults X. Only the bare verb's sense is read again ('asked X for help' stays a demand)."""
    if sense is None or sense != c.own:
        return sense
    return CONSULTED if asks_question(c.verb) else sense


def asks_question(verb: Token) -> bool:
    """Whether a verb of asking puts a question."""
    return verb.lemma_.lower() in ASKING and any(_question(child) for child in verb.children)


def question_clause(verb: Token) -> bool:
    """'asked X whether Y would come': the clause a question asks demands nothing of Y."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in ASKING and _question(verb)


def _question(child: Token) -> bool:
    if child.dep_ == "ccomp":
        first = child.doc[child.left_edge.i]
        return first.tag_.startswith("W") or first.lower_ in QUESTION_WORDS
    if child.dep_ == "prep":
        return child.lower_ == "about"
    return child.dep_ == "dobj" and child.lemma_.lower() == "question"


def compared_with(c: VerbClause, targets: list[Target]) -> list[Target]:
    """'likened X to Hitler', 'compared X with Y': the standard of a comparison is no party when
    there is something compared."""
    if c.verb.lemma_.lower() not in COMPARISON:
        return targets
    standards = [t for t in targets if t.predicate.endswith((" to", " with"))]
    return [t for t in targets if t not in standards] if len(standards) < len(targets) else targets


def joint(c: VerbClause, targets: list[Target]) -> list[Target]:
    """'conducted a joint patrol with X', 'patrolled with X', 'held combined manoeuvres with X': a
    deployment shared with X is cooperation with X; 'deployed troops against X' stays a mobilisation."""
    return [_jointly(t) if t.sense is not None and t.sense.category == "MOBILIZE" else t for t in targets]


def _jointly(target: Target) -> Target:
    shared = any(t.lower_ == "with" and t.dep_ == "prep" for t in target.trigger) or any(
        m.dep_ == "amod" and m.lemma_.lower() in JOINT for t in target.trigger for m in t.children
    )
    return target._replace(sense=COOPERATED) if shared else target


def classifier(lex: Lexicon, modifier: Token, verb: str) -> bool:
    """'combat readiness', 'attack helicopters', 'assault rifles': a noun of violence compounded with a
    noun that names no event says what kind of thing it is; 'congratulatory remarks' and 'a support
    package' name their event."""
    sense = lex.sense(verb)
    return modifier.dep_ == "compound" and modifier.pos_ == "NOUN" and sense is not None and sense.category in VIOLENT


def offered(c: VerbClause, targets: list[Target]) -> list[Target]:
    """'Our condolences go out to X', 'our gratitude goes to X': the speech act the subject names is
    offered to the 'to' phrase's party; the verb of going is no visit."""
    lex = load_lexicon()
    act = next((n for n in c.verb.children if n.dep_ == "nsubj" and n.lemma_.lower() in OFFERED), None)
    sense = lex.noun_sense(act.lemma_) if act is not None else None
    if act is None or sense is None:
        return targets
    predicate = lex.noun_predicates.get(act.lemma_.lower()) or f"offered {act.lemma_.lower()}"
    return [
        t._replace(sense=sense, predicate=predicate, trigger=[act, *t.trigger]) if t.predicate.endswith(" to") else t
        for t in targets
    ]


def liberated(c: VerbClause, targets: list[Target]) -> list[Target]:
    """'liberated the town from X', 'freed Mosul from X's control': the one a place or people are freed
    from is fought; what is freed is no party to the fight. 'freed the prisoners' stays a release."""
    if c.lemma not in LIBERATING:
        return targets
    holders = [
        Target(a, FOUGHT, f"{past(c.lemma)} from", [c.verb, prep], 0.6)
        for prep in c.verb.children
        if prep.dep_ == "prep" and prep.lower_ == "from"
        for o in prep.children
        if o.dep_ == "pobj"
        for a in actors(o, inner=True)
    ]
    return holders or targets


def naming(verb: Token) -> bool:
    """'let us call them partners', 'called Putin a killer': a verb of naming with an object predicate
    names; it is no call."""
    return verb.lemma_.lower() in NAMING and any(c.dep_ == "oprd" for c in verb.children)


def schooled(lemma: str, prep: Token) -> bool:
    """'studied at the University of X', 'taught in X': where one learns or teaches is no party ('studied
    the proposal from X' keeps its)."""
    return lemma in SCHOOLING and prep.lower_ in ("at", "in")


def contest(verb: Token) -> bool:
    """'defeated X in the election', 'beat X in the final', 'beat X 2-1': a verb of besting in a contest
    or with a score states a result; 'defeated the rebels near Kharkiv' stays a fight."""
    if verb.lemma_.lower() not in BESTING:
        return False
    arenas = (o for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj")
    if any(o.lemma_.lower() in CONTESTS for o in arenas):
        return True
    after = verb.doc[verb.i : verb.right_edge.i + 1].text
    return SCORE.search(after) is not None
