"""The features of a candidate relation that the confidence model weighs.

Each is a number read off the parse, the actors and the lexicon, from what extraction already
knows: the construction that produced the candidate, how its event type was found, what its
arguments are and how they were resolved, how they hang from the trigger, the qualifiers of its
clause and how busy its sentence is. None is read off a gold sentence; each states something
about English news or about the rules ("a pronoun argument is wrong more often than a name"),
and the model learns how much it counts. Every feature is 0 for "absent", so a model fitted
before a feature existed gives it no weight.
"""

from __future__ import annotations

import bisect
import csv
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from extract.lexicon import Sense, lexicon_dir, load_lexicon
from extract.qualifiers import attribution, hedged, modality, negated
from extract.relations import NOMINAL_EVENTS, Candidate

Feature = Callable[[Candidate, int, int], float]

# How an argument's actor was found (``Span._.resolved_by``) when it is not named in place.
COREFERENCE = {"pronoun", "description"}
# ... and when a name, a gazetteer entry or an abbreviation names it in place.
NAMED = {"name", "gazetteer", "surname", "abbreviation", "metonym", "capital", None}
FIRST_PERSON = {"i", "we", "us", "our", "my", "me", "ours"}
# PLOVER's quad classes: verbal and material, cooperation and conflict.
VERBAL_CONFLICT = {"DEMAND", "REJECT", "DISAPPROVE", "THREATEN", "PROTEST", "ACCUSE", "INVESTIGATE"}
MATERIAL_CONFLICT = {"SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT"}
MATERIAL_COOPERATION = {"COOPERATE", "AID", "RETREAT", "CONCEDE"}
# spaCy entity labels of what is not an actor.
THINGS = {
    "LOC",
    "FAC",
    "EVENT",
    "WORK_OF_ART",
    "PRODUCT",
    "LAW",
    "QUANTITY",
    "CARDINAL",
    "MONEY",
    "DATE",
    "TIME",
    "PERCENT",
    "ORDINAL",
    "LANGUAGE",
}
PLACE_PREPOSITIONS = {"to", "in", "from", "at", "for", "into", "across"}
# Clauses that are background to the sentence's statement: "when X met Y", "the talks X held".
SUBORDINATE = {"advcl", "acl", "relcl", "pcomp", "pobj", "csubj", "amod", "nsubj", "dobj"}
COMPLEMENT = {"ccomp", "xcomp"}
QUOTES = {'"', "“", "”", "«", "»"}
# The actor type each of the tagger's actor labels stands for.
TAGGED_AS = {"PERSON": "PERSON", "GPE": "GPE", "ORG": "ORG"}


@cache
def _overridden() -> frozenset[tuple[str, str]]:
    """The (lemma, requires) patterns a person wrote or corrected (``overrides.tsv``), not generated ones."""
    with (lexicon_dir() / "overrides.tsv").open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return frozenset((row["lemma"], row["requires"]) for row in rows)


def _bare_sense(head: Token) -> Sense | None:
    return load_lexicon().sense(head.lemma_) if head.pos_ in ("VERB", "AUX") else None


def _category(c: Candidate) -> str:
    return c.sense.category if c.sense else ""


def construction(c: Candidate) -> str:
    """The construction family that produced a candidate, from the shape of its trigger.

    ``nominal`` (an event noun), ``speech`` ("X said Y must ..."), ``governed`` ("threatened to ban"),
    ``light`` (a verb and its event noun: "held talks with X"), ``preposition`` ("met with X") or
    ``verb`` (the verb and its own object or subject).
    """
    trigger, head = c.trigger, c.head
    if c.extractor == NOMINAL_EVENTS:
        return "nominal"
    if len(trigger) > 1 and trigger[0].i == head.i and trigger[1].dep_ == "ccomp" and trigger[1].head.i == head.i:
        return "speech"
    if trigger[0].i != head.i:
        return "governed"
    if any(t.pos_ in ("NOUN", "PROPN") for t in trigger):
        return "light"
    if any(t.pos_ == "ADP" or t.dep_ == "prep" for t in trigger):
        return "preposition"
    return "verb"


def path_length(a: Token, b: Token) -> int:
    """Dependency edges between two tokens of one sentence."""
    up = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in up:
            return n + up[t.i]
    return len(up) + n + 1  # not connected (two sentences): as far as the trees are deep


@dataclass(frozen=True, slots=True)
class ActorIndex:
    """Where a document mentions each actor: built once per document, so that no feature scans every
    mention for every relation (an article with a relation in each sentence stays linear)."""

    mentions: Counter[str]  # actor key → mentions
    sentences: dict[str, set[int]]  # actor key → starts of the sentences that mention it
    named: dict[str, list[int]]  # actor key → starts of its mentions by name, in order
    sentence_starts: list[int]  # the document's sentence starts, in order


def actor_index(doc: Doc) -> ActorIndex:
    """The document's :class:`ActorIndex`, kept in ``doc.user_data`` once built (for as many mentions)."""
    mentions = doc._.mentions or []
    built, index = doc.user_data.get("newsgraph.confidence.actors", (None, None))
    if built != len(mentions) or index is None:
        counts: Counter[str] = Counter()
        sentences: dict[str, set[int]] = {}
        named: dict[str, list[int]] = {}
        for m in mentions:
            actor = m._.actor.key
            counts[actor] += 1
            sentences.setdefault(actor, set()).add(m.sent.start)
            if m._.resolved_by not in COREFERENCE:
                named.setdefault(actor, []).append(m.start)
        for starts in named.values():
            starts.sort()
        index = ActorIndex(counts, sentences, named, [s.start for s in doc.sents])
        doc.user_data["newsgraph.confidence.actors"] = (len(mentions), index)
    return index


def coreference_distance(span: Span) -> int:
    """Sentences back from a resolved mention to the nearest named mention of its actor, else 0."""
    if span._.resolved_by not in COREFERENCE:
        return 0
    index = actor_index(span.doc)
    named = index.named.get(span._.actor.key, [])
    before = bisect.bisect_left(named, span.start)
    if before == 0:
        return 0
    starts = index.sentence_starts
    return bisect.bisect_right(starts, span.start) - bisect.bisect_right(starts, named[before - 1])


def quoted(head: Token) -> bool:
    """Inside quotation marks: an odd number of them in its sentence before the trigger."""
    return sum(1 for t in head.sent[: head.i - head.sent.start] if t.text in QUOTES) % 2 == 1


def _ends_with_question_mark(sent: Span) -> bool:
    last = next((t for t in reversed(sent) if not t.is_space), None)
    return last is not None and last.text == "?"


def _attributed(head: Token) -> bool:
    source = attribution(head)
    return source is not None and source._.mention is not None


def _first_person(span: Span) -> bool:
    return span.root.pos_ == "PRON" and span.root.lower_ in FIRST_PERSON


def mentions_of(span: Span) -> int:
    """How many mentions of the document refer to the actor of ``span``: how central it is to the article."""
    return actor_index(span.doc).mentions[span._.actor.key]


def cooccurrences(c: Candidate) -> int:
    """Other sentences of the document that mention both actors of a candidate."""
    sentences = actor_index(c.head.doc).sentences
    both = sentences.get(c.subject._.actor.key, set()) & sentences.get(c.object._.actor.key, set())
    return len(both - {c.head.sent.start})


def _argument(role: str) -> dict[str, Feature]:
    """The features of the subject or the object: what it is, how it was resolved, how it hangs from the trigger."""

    def span(c: Candidate) -> Span:
        return c.subject if role == "subject" else c.object

    def how(c: Candidate) -> str | None:
        return span(c)._.resolved_by

    return {
        f"{role}_coreference": lambda c, *_: float(how(c) in COREFERENCE),
        f"{role}_possessor": lambda c, *_: float(how(c) == "possessor"),
        f"{role}_title": lambda c, *_: float(how(c) == "title"),
        f"{role}_demonym": lambda c, *_: float(how(c) == "demonym"),
        f"{role}_gazetteer": lambda c, *_: float(how(c) == "gazetteer"),
        f"{role}_person": lambda c, *_: float(span(c)._.actor.type == "PERSON"),
        f"{role}_gpe": lambda c, *_: float(span(c)._.actor.type == "GPE"),
        f"{role}_org": lambda c, *_: float(span(c)._.actor.type == "ORG"),
        f"{role}_group": lambda c, *_: float(span(c)._.actor.type == "GROUP"),
        # the actor is known to the reference data (a Wikidata id)
        f"{role}_linked": lambda c, *_: float(bool(span(c)._.actor.qid)),
        # a place the reference data does not know as a country: a town or region, often a location
        f"{role}_local_place": lambda c, *_: float(span(c)._.actor.type == "GPE" and not span(c)._.actor.qid),
        # neither a name nor a pronoun: a common noun phrase ("the protesters", "homes")
        f"{role}_common": lambda c, *_: float(span(c).root.pos_ not in ("PROPN", "PRON") and how(c) in NAMED),
        # ... in the plural: "victims", "families", "people" (often not the actor a coder names)
        f"{role}_plural_common": lambda c, *_: float(span(c).root.tag_ == "NNS" and how(c) in NAMED),
        f"{role}_pronoun": lambda c, *_: float(span(c).root.pos_ == "PRON"),
        # "I", "we", "our": the speaker, who must be found outside the clause
        f"{role}_first_person": lambda c, *_: float(_first_person(span(c))),
        # "its", "their", "the minister's": a possessor rather than the head of a phrase
        f"{role}_possessive": lambda c, *_: float(span(c).root.dep_ == "poss"),
        # log(tokens of the mention): "the Iraqi Foreign Minister" against "he"
        f"{role}_length": lambda c, *_: math.log(len(span(c))),
        # no entity label from the tagger on the argument's head
        f"{role}_untagged": lambda c, *_: float(not span(c).root.ent_type_),
        # the tagger's label names another kind of actor than the resolved one ("Donbass" a PERSON, an ORG)
        f"{role}_type_conflict": lambda c, *_: float(
            TAGGED_AS.get(span(c).root.ent_type_, span(c)._.actor.type) != span(c)._.actor.type
        ),
        # a name the reference data does not know, in one word ("Lord", "Azores"): little evidence it is an actor
        f"{role}_bare_name": lambda c, *_: float(
            span(c).root.pos_ == "PROPN" and len(span(c)) == 1 and not span(c)._.actor.qid
        ),
        # the tagger names a place, facility, event, work or quantity, not an actor
        f"{role}_thing": lambda c, *_: float(span(c).root.ent_type_ in THINGS),
        # log(1 + tokens between trigger and argument); dependency edges between them
        f"{role}_distance": lambda c, *_: math.log1p(abs(span(c).root.i - c.head.i)),
        f"{role}_path": lambda c, *_: float(path_length(c.head, span(c).root)),
        # the argument hangs directly from the trigger word
        f"{role}_direct": lambda c, *_: float(span(c).root.head.i == c.head.i),
        # ... or lies outside the trigger's phrase altogether (inherited, or found by a target finder)
        f"{role}_outside": lambda c, *_: float(not c.head.is_ancestor(span(c).root)),
        # log(1 + other mentions of its actor in the document)
        f"{role}_mentions": lambda c, *_: math.log(max(mentions_of(span(c)), 1)),
        # in a conjunct ("X and Y"): one of several parties
        f"{role}_conjunct": lambda c, *_: float(span(c).root.dep_ == "conj"),
    }


def _construction_features() -> dict[str, Feature]:
    """Which construction family produced the candidate (``verb`` is the baseline)."""
    return {
        f"construction_{name}": (lambda family: lambda c, *_: float(construction(c) == family))(name)
        for name in ("nominal", "speech", "governed", "light", "preposition")
    }


def _lexicon_features() -> dict[str, Feature]:
    """How the event type was found, and its class."""
    return {
        # the rule's own constant (0.5–0.8)
        "rule_prior": lambda c, *_: c.confidence,
        # no event type: a relation that is not an interaction
        "sense_none": lambda c, *_: float(c.sense is None),
        # the type came from an object or prepositional pattern, not the bare verb
        "sense_pattern": lambda c, *_: float(
            c.sense is not None and c.head.pos_ in ("VERB", "AUX") and c.sense != _bare_sense(c.head)
        ),
        # the bare verb's entry was written or corrected by hand (overrides.tsv), not generated from CAMEO
        "sense_override": lambda c, *_: float((c.head.lemma_.lower(), "-") in _overridden()),
        # the verb is no event verb of the lexicon: the type came from its noun, pattern or governor
        "verb_unknown": lambda c, *_: float(c.head.pos_ in ("VERB", "AUX") and _bare_sense(c.head) is None),
        # a CAMEO root code ("040"): the dictionary's general reading, not a specific one
        "cameo_root": lambda c, *_: float(c.sense is not None and c.sense.cameo.endswith("0")),
        "material_conflict": lambda c, *_: float(_category(c) in MATERIAL_CONFLICT),
        "verbal_conflict": lambda c, *_: float(_category(c) in VERBAL_CONFLICT),
        "material_cooperation": lambda c, *_: float(_category(c) in MATERIAL_COOPERATION),
        # ... of one that names a place: "travelled to X", "came from X", "ran for X"
        "place_preposition": lambda c, *_: float(
            any(t.dep_ == "prep" and t.lower_ in PLACE_PREPOSITIONS for t in c.trigger)
            and c.object._.actor.type == "GPE"
        ),
    }


def _clause_features() -> dict[str, Feature]:
    """The clause of the trigger: its tense, its place in the sentence, its polarity and source."""
    return {
        "past": lambda c, *_: float(c.head.tag_ in ("VBD", "VBN")),
        "present": lambda c, *_: float(c.head.tag_ in ("VBZ", "VBP")),
        "nonfinite": lambda c, *_: float(c.head.tag_ in ("VB", "VBG")),
        "subordinate": lambda c, *_: float(c.head.dep_ in SUBORDINATE),
        "complement": lambda c, *_: float(c.head.dep_ in COMPLEMENT),
        # the subject follows the trigger: a passive, mirrored ("X met Y" read as Y met X) or nominal reading
        "subject_after_head": lambda c, *_: float(c.subject.start > c.head.i),
        # the object is the clause's grammatical subject: the mirrored direction of a mutual event
        "reversed": lambda c, *_: float(c.object.root.dep_ in ("nsubj", "csubj") and c.object.root.head.i == c.head.i),
        "negated": lambda c, *_: float(negated(c.head)),
        "hypothetical": lambda c, *_: float(modality(c.head) == "hypothetical"),
        "intended": lambda c, *_: float(modality(c.head) == "intended"),
        "attributed": lambda c, *_: float(_attributed(c.head)),
        # "reportedly", "is said to have": on unnamed authority
        "hedged": lambda c, *_: float(hedged(c.head)),
        "quoted": lambda c, *_: float(quoted(c.head)),
        "question": lambda c, *_: float(_ends_with_question_mark(c.head.sent)),
    }


def _sentence_features() -> dict[str, Feature]:
    """The sentence and document around the candidate."""
    return {
        # log(1 + sentences back to the named antecedent of a resolved argument), 0 when both are named
        "coreference_distance": lambda c, *_: math.log1p(
            max(coreference_distance(c.subject), coreference_distance(c.object))
        ),
        # log(1 + other sentences that mention both actors)
        "cooccurrences": lambda c, *_: math.log1p(cooccurrences(c)),
        # the subject and the object are the same actor
        "same_actor": lambda c, *_: float(c.subject._.actor.key == c.object._.actor.key),
        # log(tokens of the sentence)
        "sentence_length": lambda c, *_: math.log(len(c.head.sent)),
        # log(1 + other event words with candidates in the same sentence)
        "rivals": lambda c, rivals, siblings: math.log1p(rivals),
        # log(1 + other candidates of the same event word: conjoined or mirrored parties)
        "siblings": lambda c, rivals, siblings: math.log1p(siblings),
    }


_FEATURES: dict[str, Feature] = {
    **_construction_features(),
    **_lexicon_features(),
    **_clause_features(),
    **_sentence_features(),
    **_argument("subject"),
    **_argument("object"),
}
FEATURES = tuple(_FEATURES)


def features(
    candidate: Candidate, rivals: int = 0, siblings: int = 0, names: Iterable[str] = FEATURES
) -> dict[str, float]:
    """The features of a candidate relation, by name.

    Args:
        candidate: the relation as the relations component found it.
        rivals: how many other words of its sentence head candidates (other events).
        siblings: how many other candidates share its head word.
        names: the features wanted; all of them by default.

    Returns:
        Each feature's value (0 where absent).
    """
    return {name: _FEATURES[name](candidate, rivals, siblings) for name in names}


def crowding(candidates: list[Candidate]) -> list[tuple[int, int]]:
    """For each candidate of a document, its rivals and siblings (see :func:`features`)."""
    heads = Counter(c.head.i for c in candidates)
    events = Counter(sent for sent, _ in {(c.head.sent.start, c.head.i) for c in candidates})
    return [(events[c.head.sent.start] - 1, heads[c.head.i] - 1) for c in candidates]


__all__ = ["FEATURES", "construction", "coreference_distance", "crowding", "features", "path_length", "quoted"]
