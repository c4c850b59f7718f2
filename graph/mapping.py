"""Records → RDF quads, in the terms of ``ontologies/newsgraph.ttl`` (see ``docs/model.md``).

An article's quads go to its own named graph: its metadata, every sentence (text and offsets, so
that the article can be shown whole; a relation's evidence is one of them), one event node per
relation carrying the provenance, a direct ``actor —predicate→ actor`` triple for each asserted,
non-negated relation, and what holds of an actor only according to that article (that it is
mentioned, the names used for it, the role it held then). Actor descriptions that hold
whatever the article (label, type, country, Wikidata link) go to the shared actors graph; the
surface predicates' declarations to the vocabulary graph.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad

from extract.records import Actor, Extraction, Relation
from extract.reference import Country, Gazetteer, load_gazetteer
from graph import terms as t
from graph.terms import (
    ALT_LABEL,
    DERIVED_FROM,
    IS_PART_OF,
    PREF_LABEL,
    RDF_TYPE,
    RDFS_LABEL,
    SAME_AS,
    SUBPROPERTY,
    XSD_BOOLEAN,
    XSD_DATE,
    XSD_DECIMAL,
    XSD_INTEGER,
    ng,
)


def _int(value: int) -> Literal:
    return Literal(str(value), datatype=XSD_INTEGER)


def _bool(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=XSD_BOOLEAN)


@dataclass(slots=True)
class ArticleQuads:
    """The quads one article contributes, split by the graph they belong to."""

    graph: NamedNode
    article: list[Quad] = field(default_factory=list)
    shared: list[Quad] = field(default_factory=list)


def article_quads(extraction: Extraction) -> ArticleQuads:
    """Map one article's records to quads.

    Args:
        extraction: the article's records (:func:`extract.pipeline.extract`).

    Returns:
        The article's graph IRI, the quads of that graph, and those of the shared graphs (actors,
        vocabulary).

    >>> from extract.records import Article
    >>> out = article_quads(Extraction(Article(id="a1", text="Nothing happened.")))
    >>> out.graph.value, out.shared
    ('https://w3id.org/newsgraph/article/a1', [])
    >>> sorted({q.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1] for q in out.article})
    ['characterCount', 'contentHash', 'extractorVersion', 'identifier', 'type']
    """
    article = extraction.article
    g = t.article_iri(article.id)
    out = ArticleQuads(graph=g)
    add = out.article.append

    def art(p: NamedNode, o) -> None:
        add(Quad(g, p, o, g))

    art(RDF_TYPE, ng("Article"))
    art(NamedNode(t.DCTERMS + "identifier"), Literal(article.id))
    art(ng("contentHash"), Literal(article.content_hash))
    art(ng("extractorVersion"), Literal(extraction.extractor_version))
    art(ng("characterCount"), _int(len(article.text)))
    if article.title:
        art(NamedNode(t.DCTERMS + "title"), Literal(article.title))
    if article.date:
        art(NamedNode(t.DCTERMS + "date"), date_literal(article.date))
    if article.url:
        art(NamedNode(t.SCHEMA + "url"), url_iri(article.url))
    if article.source:
        art(ng("source"), Literal(article.source))

    for sentence in extraction.sentences:
        s = t.sentence_iri(g, sentence.index)
        add(Quad(s, RDF_TYPE, ng("Sentence"), g))
        add(Quad(s, IS_PART_OF, g, g))
        add(Quad(s, ng("index"), _int(sentence.index), g))
        add(Quad(s, ng("startOffset"), _int(sentence.start), g))
        add(Quad(s, ng("endOffset"), _int(sentence.end), g))
        add(Quad(s, ng("text"), Literal(sentence.text), g))

    actors = {a.key: a for a in extraction.actors}
    for key in sorted({m.actor.key for m in extraction.mentions} | {k for k in actors}):
        add(Quad(t.actor_iri(key), ng("mentionedIn"), g, g))
    # What holds of an actor only according to this article lives in its graph, so that removing
    # the article retracts it: the names it used, the role held at the article's date.
    for key, text in sorted(surface_forms(extraction)):
        add(Quad(t.actor_iri(key), ALT_LABEL, Literal(text), g))
    for actor in actors.values():
        if actor.role:
            add(Quad(t.actor_iri(actor.key), ng("holdsRole"), t.role_iri(actor.role, actor.country), g))
    for relation in extraction.relations:
        out.article.extend(relation_quads(g, relation, extraction.extractor_version))

    out.shared.extend(actor_quads(actors.values()))
    out.shared.extend(vocabulary_quads(extraction.relations))
    return out


def relation_quads(g: NamedNode, r: Relation, version: str) -> list[Quad]:
    """The event node of one relation with its provenance, and its direct triple.

    Args:
        g: the article's IRI, which names its graph.
        r: the relation.
        version: the extractor version that produced it.

    Returns:
        Quads in graph ``g``: the ``ng:Relation`` node and, when the relation has an object and
        is asserted and not negated, ``subject —predicate→ object``.

    >>> from extract.records import Actor, Mention
    >>> putin, diaz = Actor("vladimir-putin", "Vladimir Putin", "PERSON"), Actor("diaz-canel", "Díaz-Canel", "PERSON")
    >>> called = Relation(Mention("Putin", 0, 5, putin), "called", Mention("Díaz-Canel", 13, 23, diaz), "CONSULT",
    ...                   "called", 6, 12, 0, 0.9, "verb")
    >>> g = t.article_iri("a1")
    >>> direct = [q for q in relation_quads(g, called, "1") if q.subject == t.actor_iri("vladimir-putin")]
    >>> [(q.predicate.value.removeprefix(t.NG), q.object.value.removeprefix(t.ACTOR)) for q in direct]
    [('called', 'diaz-canel')]
    >>> from dataclasses import replace
    >>> [q for q in relation_quads(g, replace(called, negated=True), "1") if q.subject == t.actor_iri("vladimir-putin")]
    []
    """
    subject = t.actor_iri(r.subject.actor.key)
    obj = t.actor_iri(r.object.actor.key) if r.object else None
    predicate = t.predicate_iri(r.predicate)
    node = t.relation_iri(
        g.value,
        r.sentence,
        r.trigger_start,
        r.subject.start,
        r.object.start if r.object else "",
        r.predicate,
        r.event_type,
    )
    quads = [
        Quad(node, RDF_TYPE, ng("Relation"), g),
        Quad(node, ng("subject"), subject, g),
        Quad(node, ng("predicate"), predicate, g),
        Quad(node, ng("predicateLabel"), Literal(r.predicate), g),
        Quad(node, ng("subjectText"), Literal(r.subject.text), g),
        Quad(node, ng("subjectStart"), _int(r.subject.start), g),
        Quad(node, ng("subjectEnd"), _int(r.subject.end), g),
        Quad(node, ng("trigger"), Literal(r.trigger), g),
        Quad(node, ng("startOffset"), _int(r.trigger_start), g),
        Quad(node, ng("endOffset"), _int(r.trigger_end), g),
        Quad(node, ng("confidence"), Literal(f"{r.confidence:.3f}", datatype=XSD_DECIMAL), g),
        Quad(node, ng("extractor"), Literal(r.extractor), g),
        Quad(node, ng("extractorVersion"), Literal(version), g),
        Quad(node, ng("negated"), _bool(r.negated), g),
        Quad(node, ng("modality"), ng(r.modality.capitalize()), g),
        Quad(node, ng("article"), g, g),
        Quad(node, DERIVED_FROM, t.sentence_iri(g, r.sentence), g),
    ]
    if r.event_type:
        quads.append(Quad(node, ng("eventType"), t.category_concept(r.event_type), g))
    if r.object is not None and obj is not None:
        quads += [
            Quad(node, ng("object"), obj, g),
            Quad(node, ng("objectText"), Literal(r.object.text), g),
            Quad(node, ng("objectStart"), _int(r.object.start), g),
            Quad(node, ng("objectEnd"), _int(r.object.end), g),
        ]
        if not r.negated and r.modality == "asserted":
            quads.append(Quad(subject, predicate, obj, g))
    if r.attributed_to is not None:
        quads.append(Quad(node, ng("attributedTo"), t.actor_iri(r.attributed_to.actor.key), g))
    return quads


def date_literal(value: str) -> Literal:
    """An ``xsd:date`` for an ISO date (or date-time); any other text is kept as a plain string.

    Args:
        value: the article's date as its source gave it.

    Returns:
        The literal for ``dcterms:date``.

    >>> date_literal("2022-06-24T10:00:00Z").value, date_literal("June 2022").datatype.value
    ('2022-06-24', 'http://www.w3.org/2001/XMLSchema#string')
    """
    try:
        return Literal(dt.date.fromisoformat(value[:10]).isoformat(), datatype=XSD_DATE)
    except ValueError:
        return Literal(value)


def url_iri(url: str) -> NamedNode:
    """The IRI of an article's URL, percent-encoding what an IRI may not contain.

    Args:
        url: the URL as the source gave it.

    Returns:
        The IRI for ``schema:url``.

    >>> url_iri("https://example.org/a b").value
    'https://example.org/a%20b'
    """
    return NamedNode(quote(url.strip(), safe=":/?#[]@!$&'()*+,;=%~"))


def surface_forms(extraction: Extraction) -> set[tuple[str, str]]:
    """(actor key, text) for each name an article uses for an actor other than its label
    (pronouns are not names).

    Args:
        extraction: the article's records.

    Returns:
        The pairs, each once.

    >>> from extract.records import Actor, Article, Mention
    >>> nato = Actor("nato", "NATO", "ORG")
    >>> mentions = [Mention("the Alliance", 0, 12, nato), Mention("NATO", 20, 24, nato),
    ...             Mention("it", 30, 32, nato, "pronoun")]
    >>> surface_forms(Extraction(Article(id="a", text="x"), mentions=mentions))
    {('nato', 'the Alliance')}
    """
    return {
        (m.actor.key, m.text) for m in extraction.mentions if m.resolved_by != "pronoun" and m.text != m.actor.label
    }


def actor_quads(actors) -> list[Quad]:
    """Descriptions of actors (and of the countries and roles they belong to) for the actors graph.

    Args:
        actors: the actors an article mentions.

    Returns:
        Quads of the actors graph: types, labels, Wikidata link, country; each role's
        label, title and country (which actor holds it is said in the article's graph).

    >>> from extract.records import Actor
    >>> [q.object.value for q in actor_quads([Actor("nato", "NATO", "ORG", qid="Q7184")]) if q.predicate == SAME_AS]
    ['http://www.wikidata.org/entity/Q7184']
    """
    countries = reference_countries()
    g = t.ACTORS_GRAPH
    quads: list[Quad] = []
    described: set[str] = set()

    def describe(actor: Actor) -> None:
        if actor.key in described:
            return
        described.add(actor.key)
        a = t.actor_iri(actor.key)
        quads.extend(
            [
                Quad(a, RDF_TYPE, ng("Actor"), g),
                Quad(a, RDF_TYPE, ng(t.ACTOR_CLASSES.get(actor.type, "Actor")), g),
                Quad(a, RDFS_LABEL, Literal(actor.label), g),
                Quad(a, PREF_LABEL, Literal(actor.label), g),
            ]
        )
        if actor.qid:
            quads.append(Quad(a, SAME_AS, t.wikidata(actor.qid), g))
        if actor.type == "GPE" and actor.country and actor.key == _country_key(actor.country, countries):
            quads.append(Quad(a, ng("isoCode"), Literal(actor.country), g))
        elif actor.country and actor.country in countries:
            country = countries[actor.country].actor()
            quads.append(Quad(a, ng("country"), t.actor_iri(country.key), g))
            describe(country)
        if actor.role:
            role = t.role_iri(actor.role, actor.country)
            office_country = countries.get(actor.country) if actor.country else None
            country_name = office_country.name if office_country else None
            label = f"{actor.role} of {country_name}" if country_name else actor.role
            quads.extend(
                [
                    Quad(role, RDF_TYPE, ng("Role"), g),
                    Quad(role, RDFS_LABEL, Literal(label), g),
                    Quad(role, ng("title"), Literal(actor.role), g),
                ]
            )
            if office_country and country_name:
                quads.append(Quad(role, ng("country"), t.actor_iri(office_country.actor().key), g))

    for actor in actors:
        describe(actor)
    return quads


def _country_key(iso3: str, countries: Mapping[str, Country]) -> str | None:
    country = countries.get(iso3)
    return country.actor().key if country else None


@cache
def reference_countries() -> Mapping[str, Country]:
    """The gazetteer's countries by ISO code: all that mapping reads of it. A process that writes what
    others parsed (the parent of worker processes) reads the countries, not every leader and
    organisation as well; one that parses has the whole gazetteer already.

    >>> reference_countries()["FRA"].name
    'France'
    """
    if load_gazetteer.cache_info().currsize:
        return load_gazetteer().countries
    from extract.reference import _load_countries  # the gazetteer's own reading of countries.csv

    countries_only = Gazetteer()
    _load_countries(countries_only)
    return countries_only.countries


def vocabulary_quads(relations: list[Relation]) -> list[Quad]:
    """Each surface predicate as an rdf:Property under its PLOVER property.

    Args:
        relations: an article's relations.

    Returns:
        Quads of the vocabulary graph, each predicate (and category) declared once.

    >>> from extract.records import Actor, Mention
    >>> nato = Mention("NATO", 0, 4, Actor("nato", "NATO", "ORG"))
    >>> quads = vocabulary_quads([Relation(nato, "called", nato, "CONSULT", "called", 5, 11, 0, 0.9, "verb")] * 2)
    >>> len(quads), [q.object.value.removeprefix(t.NG) for q in quads if q.predicate == SUBPROPERTY]
    (3, ['consult'])
    """
    g = t.VOCABULARY_GRAPH
    quads: list[Quad] = []
    seen: set[tuple[str, str | None]] = set()
    for r in relations:
        if (r.predicate, r.event_type) in seen:
            continue
        seen.add((r.predicate, r.event_type))
        p = t.predicate_iri(r.predicate)
        quads += [
            Quad(p, RDF_TYPE, NamedNode(t.RDF + "Property"), g),
            Quad(p, RDFS_LABEL, Literal(r.predicate, language="en"), g),
            Quad(p, SUBPROPERTY, t.category_property(r.event_type), g),
        ]
    return quads


__all__ = [
    "ArticleQuads",
    "actor_quads",
    "article_quads",
    "date_literal",
    "relation_quads",
    "surface_forms",
    "url_iri",
    "vocabulary_quads",
]
