"""Actor search from an in-memory index of names, classes, countries and mention counts.

Searching by part of a name is a scan over every actor's names, and ordering by "most mentioned"
needs every match's article count: as one SPARQL query that took 5–7 s on a 1M-quad graph
(an ``EXISTS`` over the aliases of each actor). The index reads the same facts with four queries
and answers searches in milliseconds; :func:`cached_actor_index` keeps one per store and write
generation, so a search never sees a stale index.

Names and queries are compared as :func:`extract.reference.fold` folds them (the gazetteer's
key: no case, accents or punctuation): ``diaz canel`` and ``Díaz-Canel`` find Miguel Díaz-Canel.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from extract.reference import fold
from graph.caching import PerGeneration
from graph.store import Store
from graph.terms import ACTOR, ACTORS_GRAPH, ALT_LABEL, NG, RDFS_LABEL


@dataclass(slots=True)
class IndexedActor:
    iri: str
    label: str
    types: set[str] = field(default_factory=set)  # class local names besides Actor: Person, Country...
    countries: set[str] = field(default_factory=set)  # ISO codes: its own (a country) or its affiliation's
    names: set[str] = field(default_factory=set)  # folded label and aliases
    articles: int = 0

    def as_item(self) -> dict:
        return {
            "id": self.iri.removeprefix(ACTOR),
            "iri": self.iri,
            "label": self.label,
            "type": min(self.types) if self.types else None,
            "articles": self.articles,
        }


class ActorIndex:
    """Every described actor (``rdfs:label`` in the actors graph), most mentioned first."""

    def __init__(self, actors: list[IndexedActor]) -> None:
        self.actors = sorted(actors, key=lambda a: (-a.articles, a.label, a.iri))
        # one string per actor: a substring test over it is the whole scan
        self._haystacks = ["\n".join(a.names) for a in self.actors]

    @classmethod
    def build(cls, store: Store) -> ActorIndex:
        actors: dict[str, IndexedActor] = {}
        graph = f"GRAPH <{ACTORS_GRAPH.value}>"
        for row in store.select(f"SELECT ?a ?label WHERE {{ {graph} {{ ?a a <{NG}Actor> ; {RDFS_LABEL} ?label }} }}"):
            iri = row["a"].value
            if iri not in actors:  # one label per actor is the model's rule; keep the first if not
                actors[iri] = IndexedActor(iri, row["label"].value, names={fold(row["label"].value)})
        for row in store.select(f"""SELECT ?a ?type ?iso WHERE {{ {graph} {{ ?a a <{NG}Actor> .
                {{ ?a a ?type FILTER(?type != <{NG}Actor>) }} UNION {{ ?a <{NG}isoCode> ?iso }}
                UNION {{ ?a <{NG}country>/<{NG}isoCode> ?iso }} }} }}"""):
            actor = actors.get(row["a"].value)
            if actor is not None and row["type"] is not None:
                actor.types.add(row["type"].value.removeprefix(NG))
            if actor is not None and row["iso"] is not None:
                actor.countries.add(row["iso"].value.upper())
        for row in store.select(f"SELECT DISTINCT ?a ?alt WHERE {{ GRAPH ?g {{ ?a {ALT_LABEL} ?alt }} }}"):
            if (actor := actors.get(row["a"].value)) is not None:
                actor.names.add(fold(row["alt"].value))
        for row in store.select(f"""SELECT ?a (COUNT(DISTINCT ?g) AS ?n)
                                   WHERE {{ GRAPH ?g {{ ?a <{NG}mentionedIn> ?g }} }}
                                   GROUP BY ?a"""):
            if (actor := actors.get(row["a"].value)) is not None:
                actor.articles = int(row["n"].value)
        return cls(list(actors.values()))

    def count(self, q: str = "", type: str | None = None, country: str | None = None) -> int:
        """How many actors :meth:`search` finds across all pages.

        >>> ActorIndex([IndexedActor("a:1", "NATO", names={"nato"})]).count("nat")
        1
        """
        return sum(1 for _ in self._matches(q, type, country))

    def search(
        self, q: str = "", type: str | None = None, country: str | None = None, limit: int = 20, offset: int = 0
    ) -> list[dict]:
        """Actors whose label or an alias contains ``q`` (case, accents and punctuation ignored), of
        class ``type`` (``Person``...) and country ``country`` (ISO alpha-3), most mentioned first. A
        ``q`` of punctuation alone names nothing and finds nothing.

        >>> diaz = IndexedActor("a:1", "Miguel Díaz-Canel", {"Person"}, {"CUB"}, {fold("Miguel Díaz-Canel")}, 2)
        >>> index = ActorIndex([diaz])
        >>> [a["label"] for a in index.search("DÍAZ-canel", country="cub")]
        ['Miguel Díaz-Canel']
        >>> index.search("diaz", type="Country"), index.search("--")
        ([], [])
        """
        page = []
        for position, actor in enumerate(self._matches(q, type, country)):
            if position >= offset + limit:
                break
            if position >= offset:
                page.append(actor.as_item())
        return page

    def _matches(self, q: str, type: str | None, country: str | None) -> Iterator[IndexedActor]:
        wanted, iso = fold(q), country.upper() if country else None
        if q and not wanted:
            return
        yield from (
            a
            for a, names in zip(self.actors, self._haystacks, strict=True)
            if (not wanted or wanted in names)
            and (type is None or type in a.types)
            and (iso is None or iso in a.countries)
        )


_INDEXES = PerGeneration(ActorIndex.build)


def cached_actor_index(store: Store, generation: int | None = None) -> ActorIndex:
    """The :class:`ActorIndex` of ``store``, built once per write generation.

    Args:
        store: the store.
        generation: the store's write generation (default: ``store.generation``, which every write bumps).

    Returns:
        The index (shared: do not modify it).

    >>> from graph.store import open_store
    >>> cached_actor_index(open_store("memory:")).search("putin")
    []
    """
    return _INDEXES(store, generation)


__all__ = ["ActorIndex", "IndexedActor", "cached_actor_index"]
