"""The ``newsgraph_relations`` component: interactions between actor mentions, from the parse.

One module per construction family, each extractor registered in spaCy's ``misc`` registry under
a versioned name that every relation it finds carries as its ``extractor`` (provenance):

* ``newsgraph.VerbEvents.v10`` (:mod:`~extract.relations.verbs`): a verb with actor arguments —
  subject–verb–object, prepositional objects ("met with X"), passives ("was criticised by X"),
  light verbs with an event noun (:mod:`~extract.relations.light`: "extended his appreciation to X"),
  governed verbs (:mod:`~extract.relations.governed`: "threatened to ban" → THREATEN), predicative
  adjectives (:mod:`~extract.relations.adjectives`: "was critical of X" → DISAPPROVE), demands in
  reported speech (:mod:`~extract.relations.speech`: "X said Y must..."), what is received from
  another (:mod:`~extract.relations.receiving`: "received weapons from X" is X's aid), and, where the verb's own
  arguments name no actor, the ordered ``TARGET_FINDERS`` (:mod:`~extract.relations.targets`).
* ``newsgraph.NominalEvents.v11`` (:mod:`~extract.relations.nominal`): an event noun or adjective
  ("in a call with X", "X's congratulatory remarks", "support for X", "an agreement between X and Y"),
  with the addressee a verb of being or going carries ("our thoughts are with X").

Arguments (:mod:`~extract.relations.arguments`) are the actor mentions a head word stands for, one
per conjunct; post-processing (:mod:`~extract.relations.postprocess`) keeps one relation per pair
and category and the main event of a sentence over its background. Event categories come from the
lexicon (``extract.lexicon``); a relation whose words the lexicon does not know keeps ``event_type=None``.
"""

from __future__ import annotations

from spacy import registry
from spacy.language import Language

from extract.relations.candidate import NOMINAL_EVENTS, VERB_EVENTS, Candidate, Target
from extract.relations.component import Extractor, RelationsComponent
from extract.relations.nominal import nominal_events
from extract.relations.targets import TARGET_FINDERS
from extract.relations.verbs import verb_events
from extract.relations.vocabulary import past


@registry.misc(VERB_EVENTS)
def make_verb_events() -> Extractor:
    """The verb-event extractor: verb arguments, light and governed verbs, target finders, demands."""
    return verb_events


@registry.misc(NOMINAL_EVENTS)
def make_nominal_events() -> Extractor:
    """The nominal-event extractor: event nouns with their possessors, agents and prepositional parties."""
    return nominal_events


@Language.factory(
    "newsgraph_relations",
    default_config={
        "max_sentence_tokens": 400,
        "verb_events": {"@misc": VERB_EVENTS},
        "nominal_events": {"@misc": NOMINAL_EVENTS},
    },
    requires=["doc._.mentions", "token.dep"],
    assigns=["doc._.relations"],
)
def make_relations(
    nlp: Language, name: str, max_sentence_tokens: int, verb_events: Extractor, nominal_events: Extractor
) -> RelationsComponent:
    """Relations between the actor mentions of each sentence."""
    return RelationsComponent(nlp, name, max_sentence_tokens, verb_events, nominal_events)


__all__ = [
    "Candidate",
    "Extractor",
    "NOMINAL_EVENTS",
    "RelationsComponent",
    "TARGET_FINDERS",
    "Target",
    "VERB_EVENTS",
    "make_relations",
    "past",
]
