"""The ``newsgraph_actors`` spaCy component: one resolver per document, over entities, nouns and pronouns."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from extract.actors.repairs import place_before_conjunction
from extract.actors.resolver import RESOLVER_NAME, ActorResolver
from extract.actors.vocabulary import (
    COLLECTIVE_PRONOUNS,
    PERSONAL,
    SECOND_PERSON,
    load_alias_names,
    load_titles,
)
from extract.reference import load_gazetteer

PRONOUNS = PERSONAL | COLLECTIVE_PRONOUNS | SECOND_PERSON


class ActorsComponent:
    """Finds a document's actor mentions with a fresh ``resolver`` (an :class:`ActorResolver` class) per document."""

    def __init__(
        self, nlp: Language, name: str, coreference_window: int, resolver: type[ActorResolver] = ActorResolver
    ) -> None:
        self.name = name
        self.window = coreference_window
        self.resolver = resolver
        self.gazetteer = load_gazetteer()
        load_titles()
        self.aliases = PhraseMatcher(nlp.vocab)
        self.aliases.add("ALIAS", [nlp.make_doc(name) for name in load_alias_names()])

    def __call__(self, doc: Doc) -> Doc:
        resolver = self.resolver(doc, self.gazetteer, self.window)
        resolver.survey(doc.ents)
        untagged = resolver.untagged_people()
        self.add_aliases(doc, resolver)
        handlers = {
            "PERSON": resolver.person,
            "GPE": resolver.place,
            "ORG": resolver.organisation,
            "NORP": resolver.group,
        }
        for ent in doc.ents:
            if ent.label_ in handlers:
                handlers[ent.label_](ent)
            elif (place := place_before_conjunction(ent)) is not None:
                resolver.place(place)
        for name in [*untagged, *resolver.turn_names()]:
            resolver.named_person(name)
        resolver.abbreviations()
        # Descriptions and group nouns look at the names around them; pronouns at all of these.
        nouns = [t for t in doc if t.ent_type_ == "" and t.pos_ in ("NOUN", "PROPN")]
        for token in nouns:
            if token._.mention is None:
                resolver.description(token)
        # Right to left, so that "leaders of Romania's new government" sees the actor inside first.
        for token in reversed(nouns):
            if token._.mention is None:
                resolver.agent_group(token)
        for token in doc:  # the mention asked last: an extension attribute costs more than the others
            if token.pos_ == "PRON" and token.lower_ in PRONOUNS and token._.mention is None:
                resolver.pronoun(token)
        for token in nouns:  # "their government", once "their" is known
            resolver.owned_government(token)
        doc._.mentions = resolver.mentions
        return doc

    def add_aliases(self, doc: Doc, resolver: ActorResolver) -> None:
        """Names the small model misses or mislabels ("Daesh", "ISIL" as NORP), from the aliases."""
        names = {t.i: ent for ent in doc.ents if ent.label_ in ("ORG", "FAC", "EVENT", "WORK_OF_ART") for t in ent}
        for _, start, end in self.aliases(doc):
            span = doc[start:end]
            name = names.get(start)
            if (
                name is not None
                and name.end - name.start > end - start
                and not start <= name.root.i < end
                and name.root.text[:1].isupper()
            ):
                continue  # part of a longer name: "the Global Coalition to Counter ISIL"
            actor = resolver.alias(span.text)
            if actor is not None and actor.type == "PERSON":
                actor = resolver.aliased_person(span.text)  # a person's spelling links only if named here in full
                if actor is not None:
                    resolver.add(span, actor, "surname")
            elif actor is not None:
                resolver.add(span, actor, "gazetteer")


@Language.factory(
    "newsgraph_actors",
    default_config={"coreference_window": 2, "resolver": {"@misc": RESOLVER_NAME}},
    requires=["doc.ents", "token.dep", "token.pos"],
    assigns=["doc._.mentions", "span._.actor", "token._.mention"],
)
def make_actors(nlp: Language, name: str, coreference_window: int, resolver: type[ActorResolver]) -> ActorsComponent:
    """Actor mentions resolved to canonical actors; ``coreference_window`` is in sentences."""
    return ActorsComponent(nlp, name, coreference_window, resolver)


__all__ = ["ActorResolver", "ActorsComponent", "make_actors"]
