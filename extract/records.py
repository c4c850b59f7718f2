"""Typed records that extraction produces and the graph layer maps to RDF.

Nothing here knows about RDF or stores: these are plain values, built by the spaCy components
and handed over once an article is read.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

MODALITIES = ("asserted", "intended", "hypothetical")


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from a file or a JSONL line.

    >>> Article(id="a1", text="Putin called Maduro.").content_hash[:12]
    '7a6e4a9bac99'
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: one per real-world entity, whatever the mention.

    ``key`` is a stable slug used to mint the actor's IRI; ``country`` an ISO 3166 alpha-3 code;
    ``qid`` a Wikidata identifier when the reference data knows the entity.
    """

    key: str
    label: str
    type: str
    country: str | None = None
    qid: str | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the article that refers to an actor, with character offsets into the article."""

    text: str
    start: int
    end: int
    actor: Actor
    #: how the mention was linked to its actor: "name", or the rule that linked it ("pronoun", "demonym",
    #: "gazetteer", "possessor"...: the ``how`` of each ``add`` in ``extract/actors.py``)
    resolved_by: str = "name"


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Relation:
    """An interaction (or other relation) between two actors, with its evidence.

    ``predicate`` is the surface predicate (``called``, ``congratulated``); ``event_type`` the
    PLOVER category, or None for a relation that is not an interaction event.
    """

    subject: Mention
    predicate: str
    object: Mention | None
    event_type: str | None
    trigger: str
    trigger_start: int
    trigger_end: int
    sentence: int
    confidence: float
    extractor: str
    negated: bool = False
    modality: str = "asserted"
    attributed_to: Mention | None = None


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one article.

    ``sentences`` are the article's sentences (all but blank ones; relations name theirs by
    index); ``sentence_count`` counts every sentence spaCy found.
    """

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    extractor_version: str = ""
    sentence_count: int = 0

    @property
    def actors(self) -> list[Actor]:
        seen: dict[str, Actor] = {}
        for mention in self.mentions:
            seen.setdefault(mention.actor.key, mention.actor)
        for relation in self.relations:
            for party in (relation.subject, relation.object, relation.attributed_to):
                if party is not None:
                    seen.setdefault(party.actor.key, party.actor)
        return list(seen.values())


def relation_to_json(relation: Relation) -> dict:
    """The scored output format of ``../shared/eval/README.md`` for one relation."""

    def arg(mention: Mention | None) -> dict | None:
        if mention is None:
            return None
        actor = mention.actor
        return {
            "text": mention.text,
            "label": actor.label,
            "type": actor.type,
            "country": actor.country,
            "qid": actor.qid,
        }

    data = {
        "subject": arg(relation.subject),
        "predicate": relation.predicate,
        "event_type": relation.event_type,
        "object": arg(relation.object),
        "trigger": relation.trigger,
        "confidence": relation.confidence,
        "negated": relation.negated,
        "modality": relation.modality,
        "extractor": relation.extractor,
    }
    if relation.attributed_to is not None:
        data["source"] = arg(relation.attributed_to)
    return data


__all__ = ["MODALITIES", "Actor", "Article", "Extraction", "Mention", "Relation", "Sentence", "relation_to_json"]
