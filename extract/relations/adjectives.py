"""Predicative adjectives: 'X was critical of Y', 'X remains supportive of Y', 'X is grateful to Y'.

The adjective names the event and its governed preposition the target; which adjective takes
which preposition, with the CAMEO code of its verb, is lexicon data (``ontologies/lexicon/adjectives.tsv``).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from extract.lexicon import Sense, lexicon_dir, tsv_rows
from extract.relations.arguments import actors, stands_for
from extract.relations.candidate import Target


@cache
def load_adjectives() -> dict[tuple[str, str], tuple[Sense, str]]:
    """(adjective, preposition) → the sense and predicate of the interaction it names."""
    return {
        (row["adjective"], row["preposition"]): (Sense(row["cameo"], row["plover"], ""), row["predicate"])
        for row in tsv_rows(lexicon_dir() / "adjectives.tsv")
    }


def adjective_targets(verb: Token) -> list[Target]:
    """The targets a copula's predicative adjective names: 'was critical of X' → X, DISAPPROVE."""
    table = load_adjectives()
    return [
        Target(actor, sense, predicate, [verb, adjective, prep], 0.7)
        for adjective in verb.children
        if adjective.dep_ == "acomp" and adjective.pos_ == "ADJ"
        for prep in adjective.children
        if prep.dep_ == "prep" and (adjective.lemma_.lower(), prep.lower_) in table
        for sense, predicate in [table[(adjective.lemma_.lower(), prep.lower_)]]
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for actor in actors(pobj)
        if stands_for(pobj, actor)
    ]
