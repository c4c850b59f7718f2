"""Links to the reference data: which canonical actor a name denotes."""

from __future__ import annotations

from dataclasses import replace

from extract.actors.base import ResolverBase
from extract.actors.vocabulary import load_aliases
from extract.records import Actor
from extract.reference import fold, slug


class LinkingMixin(ResolverBase):
    """Names to reference actors (Wikidata QIDs), and to the people already named in the document."""

    def canonical_person(self, name: str, role: str | None, country: str | None) -> Actor:
        g = self.gazetteer
        surname = fold(name).split()[-1] if fold(name) else ""
        actor = g.lookup(name, self.date)
        if actor is None or actor.type != "PERSON":
            actor = self.by_surname.get(surname)
        if actor is None and " " not in fold(name):
            actor = g.by_surname(name, self.date)
        if actor is None:
            actor = Actor(key=slug(name), label=name, type="PERSON", country=country, role=role)
        elif (role and not actor.role) or (country and not actor.country):
            actor = replace(actor, role=actor.role or role, country=actor.country or country)
        self.by_surname.setdefault(surname, actor)
        return actor

    def alias(self, text: str) -> Actor | None:
        found = load_aliases().get(fold(text))
        if found is None:
            return None
        target, kind, qid = found
        if kind == "GPE":
            country = self.gazetteer.countries.get(target)
            return country.actor() if country else None
        if kind == "PERSON" and qid in self.gazetteer.terms:
            return self.gazetteer.person(qid, self.date)  # a spelling the reference data lacks: "Asad"
        return Actor(key=slug(target), label=target, type=kind, qid=qid or None)
