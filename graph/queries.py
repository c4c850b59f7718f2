"""The named queries the API and CLI ask, with user values bound as terms, never pasted as text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from graph.errors import NotFoundError
from graph.store import Store
from graph.terms import ACTOR, ACTORS_GRAPH, NG, PREFIXES, WD, actor_iri

PROLOGUE = "\n".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()) + "\n"
_QID = re.compile(r"^Q[1-9][0-9]*$")


def _value(term) -> str | None:
    return None if term is None else term.value


@dataclass(frozen=True, slots=True)
class ActorSummary:
    iri: str
    id: str
    label: str
    type: str | None


def resolve_actor(store: Store, value: str) -> NamedNode:
    """The actor IRI for a slug, an actor IRI, or a Wikidata QID (``Q7747``).

    Raises:
        NotFoundError: when no actor matches.
    """
    if _QID.match(value):
        rows = store.query(
            PROLOGUE + f"SELECT ?a ?wd WHERE {{ GRAPH <{ACTORS_GRAPH.value}> {{ ?a owl:sameAs ?wd }} }} LIMIT 1",
            substitutions={"wd": NamedNode(WD + value)},
        )
        for row in rows:
            return row["a"]
        raise NotFoundError(f"no actor with Wikidata ID {value}")
    iri = NamedNode(value) if value.startswith(("http://", "https://")) else actor_iri(value)
    if not bool(store.query(f"ASK {{ GRAPH <{ACTORS_GRAPH.value}> {{ ?a a <{NG}Actor> }} }}",
                            substitutions={"a": iri})):
        raise NotFoundError(f"no actor {value!r}")
    return iri


def search_actors(store: Store, q: str = "", limit: int = 20, offset: int = 0) -> list[ActorSummary]:
    """Actors whose label or alternative label contains ``q`` (case- and accent-insensitive at
    the level of SPARQL's LCASE), best known first."""
    rows = store.query(
        PROLOGUE + f"""
        SELECT ?a ?label ?type ?q (COUNT(DISTINCT ?g) AS ?articles) WHERE {{
          GRAPH <{ACTORS_GRAPH.value}> {{
            ?a a ng:Actor ; rdfs:label ?label .
            OPTIONAL {{ ?a a ?type FILTER(?type != ng:Actor) }}
          }}
          OPTIONAL {{ ?a skos:altLabel ?alt }}
          FILTER(CONTAINS(LCASE(STR(?label)), LCASE(?q)) || CONTAINS(LCASE(STR(COALESCE(?alt, ""))), LCASE(?q)))
          OPTIONAL {{ GRAPH ?g {{ ?a ng:mentionedIn ?g }} }}
        }}
        GROUP BY ?a ?label ?type ?q
        ORDER BY DESC(?articles) ?label
        LIMIT {int(limit)} OFFSET {int(offset)}""",
        substitutions={"q": Literal(q)},
    )
    return [
        ActorSummary(r["a"].value, r["a"].value.removeprefix(ACTOR), r["label"].value,
                     _value(r["type"]).removeprefix(NG) if r["type"] else None)
        for r in rows
    ]


RELATIONS = PROLOGUE + f"""
SELECT ?actor ?direction ?relation ?predicate ?predicateLabel ?eventType ?other ?otherLabel ?article ?title ?date
       ?sentence ?trigger ?confidence ?negated ?modality WHERE {{
  {{
    GRAPH ?article {{ ?relation ng:subject ?actor ; ng:object ?other }}
    BIND("outgoing" AS ?direction)
  }} UNION {{
    GRAPH ?article {{ ?relation ng:object ?actor ; ng:subject ?other }}
    BIND("incoming" AS ?direction)
  }}
  GRAPH ?article {{
    ?relation ng:predicate ?predicate ; ng:predicateLabel ?predicateLabel ; ng:trigger ?trigger ;
              ng:confidence ?confidence ; ng:negated ?negated ; ng:modality ?modality ;
              prov:wasDerivedFrom ?s .
    ?s ng:text ?sentence .
    OPTIONAL {{ ?relation ng:eventType ?eventType }}
    OPTIONAL {{ ?article dcterms:title ?title }}
    OPTIONAL {{ ?article dcterms:date ?date }}
  }}
  OPTIONAL {{ GRAPH <{ACTORS_GRAPH.value}> {{ ?other rdfs:label ?otherLabel }} }}
}}
ORDER BY ?direction DESC(?date) ?article ?relation
"""


def actor_relations(store: Store, actor: NamedNode) -> list[dict]:
    """Every relation an actor takes part in, both directions, each with its evidence."""
    rows = store.query(RELATIONS, substitutions={"actor": actor})
    out = []
    for r in rows:
        event = _value(r["eventType"])
        out.append({
            "direction": r["direction"].value,
            "relation": r["relation"].value,
            "predicate": r["predicateLabel"].value,
            "predicate_iri": r["predicate"].value,
            "event_type": event.rsplit("/", 1)[-1] if event else None,
            "actor": {"id": r["other"].value.removeprefix(ACTOR), "iri": r["other"].value,
                      "label": _value(r["otherLabel"])},
            "article": {"iri": r["article"].value, "title": _value(r["title"]), "date": _value(r["date"])},
            "sentence": r["sentence"].value,
            "trigger": r["trigger"].value,
            "confidence": float(r["confidence"].value),
            "negated": r["negated"].value == "true",
            "modality": r["modality"].value.removeprefix(NG).lower(),
        })
    return out


def actor_label(store: Store, actor: NamedNode) -> str | None:
    rows = store.query(f"SELECT ?a ?l WHERE {{ GRAPH <{ACTORS_GRAPH.value}> {{ ?a <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}",
                       substitutions={"a": actor})
    for r in rows:
        return r["l"].value
    return None


__all__ = ["PROLOGUE", "ActorSummary", "actor_label", "actor_relations", "resolve_actor", "search_actors"]
