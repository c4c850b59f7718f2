"""The vocabulary: namespaces, IRIs of the ontology's terms, and how data IRIs are minted."""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path
from urllib.parse import quote

from pyoxigraph import NamedNode, RdfFormat, parse

# extract.reference (slug) and importlib.resources are imported where used: a query worker
# imports this module and should start in milliseconds.

BASE = "https://w3id.org/newsgraph/"
NG = BASE + "ontology#"
PLOVER = BASE + "plover/"
ACTOR = BASE + "actor/"
ARTICLE = BASE + "article/"
ROLE = BASE + "role/"
RELATION = BASE + "relation/"
TERM = BASE + "term/"
GRAPHS = BASE + "graph/"
ONTOLOGY = BASE + "ontology"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
FOAF = "http://xmlns.com/foaf/0.1/"
WD = "http://www.wikidata.org/entity/"

PREFIXES = {
    "ng": NG,
    "plover": PLOVER,
    "actor": ACTOR,
    "article": ARTICLE,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "schema": SCHEMA,
    "foaf": FOAF,
    "wd": WD,
}
#: the prefixes every SPARQL query may use without declaring them
QUERY_PREFIXES = {name: str(namespace) for name, namespace in PREFIXES.items()}

# The properties and datatypes of other vocabularies that the code names (one definition each).
RDF_TYPE = NamedNode(RDF + "type")
RDFS_LABEL = NamedNode(RDFS + "label")
RDFS_COMMENT = NamedNode(RDFS + "comment")
SUBPROPERTY = NamedNode(RDFS + "subPropertyOf")
PREF_LABEL = NamedNode(SKOS + "prefLabel")
ALT_LABEL = NamedNode(SKOS + "altLabel")
SAME_AS = NamedNode(OWL + "sameAs")
DERIVED_FROM = NamedNode(PROV + "wasDerivedFrom")
IS_PART_OF = NamedNode(DCTERMS + "isPartOf")
DC_TITLE = NamedNode(DCTERMS + "title")
DC_DATE = NamedNode(DCTERMS + "date")
DC_SOURCE = NamedNode(DCTERMS + "source")
XSD_DATE = NamedNode(XSD + "date")
XSD_DECIMAL = NamedNode(XSD + "decimal")
XSD_INTEGER = NamedNode(XSD + "integer")
XSD_BOOLEAN = NamedNode(XSD + "boolean")

# Named graphs besides one graph per article.
ACTORS_GRAPH = NamedNode(GRAPHS + "actors")
VOCABULARY_GRAPH = NamedNode(GRAPHS + "vocabulary")
REFERENCE_GRAPH = NamedNode(GRAPHS + "reference")
ONTOLOGY_GRAPH = NamedNode(GRAPHS + "ontology")
#: graphs that hold no article's content (everything else is one article's graph)
SHARED_GRAPHS = (ACTORS_GRAPH, VOCABULARY_GRAPH, REFERENCE_GRAPH, ONTOLOGY_GRAPH)

PLOVER_CATEGORIES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "CONCEDE",
    "RETREAT",
    "DEMAND",
    "REJECT",
    "DISAPPROVE",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
    "FIGHT",
    "INVESTIGATE",
)
ACTOR_CLASSES = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Country", "GROUP": "Group"}


def ng(name: str) -> NamedNode:
    """A term of the ontology.

    Args:
        name: its local name.

    Returns:
        The term's IRI.

    >>> ng("Actor").value
    'https://w3id.org/newsgraph/ontology#Actor'
    """
    return NamedNode(NG + name)


def actor_iri(key: str) -> NamedNode:
    """An actor's IRI.

    Args:
        key: the actor's key, a slug (``extract.records.Actor.key``).

    Returns:
        The IRI in the actor namespace.

    >>> actor_iri("vladimir-putin").value
    'https://w3id.org/newsgraph/actor/vladimir-putin'
    """
    return NamedNode(ACTOR + key)


def article_iri(article_id: str) -> NamedNode:
    """The article's IRI, which also names the graph holding what it says.

    Args:
        article_id: the article's id (any text: it is percent-encoded).

    Returns:
        The IRI in the article namespace.

    >>> article_iri("000_8ba8fdaa8bbfb1fc.txt").value
    'https://w3id.org/newsgraph/article/000_8ba8fdaa8bbfb1fc.txt'
    """
    return NamedNode(ARTICLE + quote(article_id, safe="-._~"))


def sentence_iri(article: NamedNode, index: int) -> NamedNode:
    """A sentence of an article.

    Args:
        article: the article's IRI.
        index: the sentence's position in the article, from 0.

    Returns:
        The sentence's IRI.

    >>> sentence_iri(article_iri("a1"), 3).value
    'https://w3id.org/newsgraph/article/a1#sentence-3'
    """
    return NamedNode(f"{article.value}#sentence-{index}")


def relation_iri(*parts: object) -> NamedNode:
    """A relation node, named by a hash of what identifies the relation (stable across ingests).

    Args:
        parts: what identifies it (article, sentence, offsets, predicate...).

    Returns:
        The IRI in the relation namespace.

    >>> relation_iri("a1", 0, "called").value
    'https://w3id.org/newsgraph/relation/ac2f4ca72584d80e5745'
    """
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:20]
    return NamedNode(RELATION + digest)


def role_iri(title: str, country: str | None) -> NamedNode:
    """A role (an office of a country).

    Args:
        title: the office (``President``).
        country: the country's ISO alpha-3 code, if known.

    Returns:
        The IRI in the role namespace.

    >>> role_iri("President", "RUS").value
    'https://w3id.org/newsgraph/role/president-rus'
    """
    from extract.reference import slug

    return NamedNode(ROLE + slug(f"{title} {country or ''}"))


def category_concept(category: str) -> NamedNode:
    """A PLOVER category as a SKOS concept.

    Args:
        category: the category (``CONSULT``).

    Returns:
        The concept's IRI.

    >>> category_concept("CONSULT").value
    'https://w3id.org/newsgraph/plover/CONSULT'
    """
    return NamedNode(PLOVER + category)


def category_property(category: str | None) -> NamedNode:
    """The super-property of every surface predicate of a category (``ng:consult``); untyped
    relations fall under ``ng:relatedTo``.

    Args:
        category: a PLOVER category, or None.

    Returns:
        The property's IRI.

    >>> category_property("CONSULT").value, category_property(None).value
    ('https://w3id.org/newsgraph/ontology#consult', 'https://w3id.org/newsgraph/ontology#relatedTo')
    """
    return ng(category.lower() if category else "relatedTo")


def predicate_iri(predicate: str) -> NamedNode:
    """'met with' → ng:metWith: one property per surface predicate.

    Args:
        predicate: the surface predicate.

    Returns:
        The property's IRI.

    >>> predicate_iri("held talks with").value
    'https://w3id.org/newsgraph/ontology#heldTalksWith'

    A predicate whose name the ontology already uses ('support', 'subject') gets a suffix, so
    that data never redefines an ontology term:

    >>> predicate_iri("support").value
    'https://w3id.org/newsgraph/ontology#supportPredicate'
    """
    from extract.reference import slug

    words = [w for w in re.split(r"[^0-9A-Za-z]+", slug(predicate).replace("-", " ")) if w]
    name = words[0] + "".join(w.capitalize() for w in words[1:]) if words else "relatedTo"
    if name in ontology_names():
        name += "Predicate"
    return ng(name)


@cache
def ontology_names() -> frozenset[str]:
    """Local names of the terms ``ontologies/newsgraph.ttl`` defines in the ``ng:`` namespace.

    Returns:
        The names (read once).

    >>> {"Actor", "Relation", "subject"} <= ontology_names()
    True
    """
    with ontology_path().open("rb") as f:
        subjects = {q.subject for q in parse(f, RdfFormat.TURTLE)}
    return frozenset(s.value.removeprefix(NG) for s in subjects if isinstance(s, NamedNode) and s.value.startswith(NG))


def ontology_path() -> Path:
    """The ontology file shipped in the ``ontologies`` package.

    Returns:
        Its path.

    >>> ontology_path().name
    'newsgraph.ttl'
    """
    from importlib.resources import files

    return Path(str(files("ontologies") / "newsgraph.ttl"))


def wikidata(qid: str) -> NamedNode:
    """A Wikidata entity.

    Args:
        qid: its QID (``Q7747``).

    Returns:
        The entity's IRI.

    >>> wikidata("Q7747").value
    'http://www.wikidata.org/entity/Q7747'
    """
    return NamedNode(WD + qid)


def term_iri(qid: str, position_qid: str, start: str) -> NamedNode:
    """One term of office in the reference data.

    Args:
        qid: the office holder's QID.
        position_qid: the position's QID.
        start: the term's start date (``YYYY-MM-DD``), or empty when unknown.

    Returns:
        The IRI in the term namespace.

    >>> term_iri("Q7747", "Q218295", "2012-05-07").value
    'https://w3id.org/newsgraph/term/Q7747-Q218295-2012-05-07'
    """
    return NamedNode(TERM + quote(f"{qid}-{position_qid}-{start or 'unknown'}", safe="-._~"))


__all__ = [
    "ACTOR",
    "ACTORS_GRAPH",
    "ACTOR_CLASSES",
    "ALT_LABEL",
    "ARTICLE",
    "BASE",
    "DC_DATE",
    "DC_SOURCE",
    "DC_TITLE",
    "DERIVED_FROM",
    "IS_PART_OF",
    "NG",
    "ONTOLOGY",
    "ONTOLOGY_GRAPH",
    "PLOVER",
    "PLOVER_CATEGORIES",
    "PREFIXES",
    "PREF_LABEL",
    "QUERY_PREFIXES",
    "RDFS_COMMENT",
    "RDFS_LABEL",
    "RDF_TYPE",
    "SAME_AS",
    "SUBPROPERTY",
    "WD",
    "XSD_BOOLEAN",
    "XSD_DATE",
    "XSD_DECIMAL",
    "XSD_INTEGER",
    "REFERENCE_GRAPH",
    "SHARED_GRAPHS",
    "VOCABULARY_GRAPH",
    "actor_iri",
    "article_iri",
    "category_concept",
    "category_property",
    "ng",
    "ontology_names",
    "ontology_path",
    "predicate_iri",
    "relation_iri",
    "role_iri",
    "sentence_iri",
    "term_iri",
    "wikidata",
]
