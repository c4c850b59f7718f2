"""Post-processing: one relation per pair and category, and the main event of a sentence over its background."""

from __future__ import annotations

from spacy.tokens import Token

from extract.relations.candidate import NOMINAL_EVENTS, VERB_EVENTS, Candidate
from extract.relations.vocabulary import JUDGEMENTS


def interactions(candidates: list[Candidate]) -> list[Candidate]:
    """Only relations whose trigger names an interaction: a verb or noun the lexicon gives no event
    category ("needed", "opted for", "spoke about") states no relation between its arguments."""
    return [c for c in candidates if c.sense is not None]


def deduplicate(candidates: list[Candidate]) -> list[Candidate]:
    """One relation per pair of mentions and event category (an untyped one only if nothing is typed)."""
    best: dict[tuple, Candidate] = {}
    for c in candidates:
        # per sentence: "the leaders" of a later sentence are the spans that named them before
        key = (c.head.sent.start, c.subject.start, c.object.start, c.sense.category if c.sense else None)
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    typed = {k[:3] for k in best if k[3] is not None}
    best = {k: c for k, c in best.items() if k[3] is not None or k[:3] not in typed}
    return sorted(best.values(), key=lambda c: (c.head.i, c.subject.start, c.object.start))


def background(verb: Token) -> bool:
    """A clause that sets the scene of another: relative ('who had fled'), or adverbial with
    a subordinator ('after troops killed...', 'when X met Y'). Purpose clauses ('to defeat X')
    and complements ('said that', 'threatened to') carry the event itself."""
    if verb.dep_ == "relcl":
        return not any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)  # "a coalition to defeat X"
    return verb.dep_ == "advcl" and any(
        (c.dep_ == "mark" and c.tag_ != "TO") or (c.dep_ == "advmod" and c.tag_ == "WRB") for c in verb.children
    )


def clause_depth(token: Token) -> int:
    """How many background clauses deep a word is: 0 in the main clause."""
    depth, t = 0, token
    while t.head.i != t.i:
        depth += background(t)
        t = t.head
    return depth


def prefer_main_clause(candidates: list[Candidate]) -> list[Candidate]:
    """Of typed events sharing an actor in one sentence, keep those of the shallowest clause.

    News reports code the main event of a sentence ("Ethiopia accused Eritrea of shelling
    its towns"): an event in a subordinate clause that involves an actor of a main-clause event
    is background to it, so it is dropped; reported demands ("X said Y must...") are headed by
    the speech verb and stay.
    """
    by_sentence: dict[int, list[tuple[Candidate, int]]] = {}
    for c in candidates:
        by_sentence.setdefault(c.head.sent.start, []).append((c, clause_depth(c.head)))
    keep = set()
    for group in by_sentence.values():
        for c, depth in group:
            actors = {c.subject._.actor.key, c.object._.actor.key}
            shallower = any(
                o.sense is not None and d < depth and actors & {o.subject._.actor.key, o.object._.actor.key}
                for o, d in group
            )
            if not (c.sense is not None and shallower) and not any(embeds(o, c) for o, _ in group):
                keep.add(id(c))
    return [c for c in candidates if id(c) in keep]


def embeds(outer: Candidate, inner: Candidate) -> bool:
    """Whether ``inner`` is the content of the typed event ``outer``, not an event of its own.

    'X said Y and Z must reach an agreement': the agreement is what X demands. 'X imposed
    sanctions on Y for its support of Z', 'X demanded that Y renounce its struggle against Z': an
    event noun inside another actor's event is the reason or the object of that event.
    """
    if outer.sense is None or outer.head.i == inner.head.i or outer.head not in inner.head.ancestors:
        return False
    inner_actors = {inner.subject._.actor.key, inner.object._.actor.key}
    outer_actors = {outer.subject._.actor.key, outer.object._.actor.key}
    if inner.head.pos_ in ("VERB", "AUX") and any(
        t.i != outer.head.i and (t == inner.head or t in inner.head.ancestors) for t in outer.trigger
    ):
        return bool(inner_actors & outer_actors)
    if inner.extractor != NOMINAL_EVENTS:
        return False
    if (
        inner.subject._.actor.key == outer.subject._.actor.key
        and inner.head.dep_ == "pobj"
        and inner.head.head.lower_ == "for"
        and inner.head.head.head == outer.head
    ):
        return True  # "mobilized reservists for an offensive against X": the offensive is a purpose
    if outer.sense.category in JUDGEMENTS and inner.head.dep_ == "dobj" and inner.head.head == outer.head:
        return False  # "condemned X's attacks on Y": what is judged happened, X attacked Y
    if inner.head.dep_ == "pobj" and inner.head.head.lower_ == "in":
        return False  # "supported Y in its fight against X", "X and others in support of Y": the frame of an act
    # "Y thanked X for his congratulations" (the same two actors) is a response, and stays
    return (
        outer.extractor == VERB_EVENTS
        and inner.subject._.actor.key != outer.subject._.actor.key
        and inner_actors != outer_actors
    )
