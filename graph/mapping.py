"""Records → RDF quads, in the terms of ``ontologies/newsgraph.ttl`` (see ``docs/model.md``).

An article's quads go to its own named graph: its metadata, the evidence sentences, one event
node per relation carrying the provenance, and a direct ``actor —predicate→ actor`` triple for
each asserted, non-negated relation. Actor descriptions (labels, type, role, country, Wikidata
link) go to the shared actors graph; the surface predicates' declarations to the vocabulary graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Quad

from extract.records import Actor, Extraction, Relation
from extract.reference import load_gazetteer
from graph import terms as t
from graph.terms import ng

RDF_TYPE = NamedNode(t.RDF + "type")
RDFS_LABEL = NamedNode(t.RDFS + "label")
SUBPROPERTY = NamedNode(t.RDFS + "subPropertyOf")
PREF_LABEL = NamedNode(t.SKOS + "prefLabel")
ALT_LABEL = NamedNode(t.SKOS + "altLabel")
SAME_AS = NamedNode(t.OWL + "sameAs")
DERIVED_FROM = NamedNode(t.PROV + "wasDerivedFrom")
IS_PART_OF = NamedNode(t.DCTERMS + "isPartOf")
XSD_DATE = NamedNode(t.XSD + "date")
XSD_DECIMAL = NamedNode(t.XSD + "decimal")
XSD_INTEGER = NamedNode(t.XSD + "integer")
XSD_BOOLEAN = NamedNode(t.XSD + "boolean")


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

    >>> from extract.records import Article
    >>> out = article_quads(Extraction(Article(id="a1", text="Nothing happened.")))
    >>> out.graph.value, len(out.article) > 0, out.shared
    ('https://w3id.org/newsgraph/article/a1', True, [])
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
        art(NamedNode(t.DCTERMS + "date"), Literal(article.date[:10], datatype=XSD_DATE))
    if article.url:
        art(NamedNode(t.SCHEMA + "url"), NamedNode(article.url))
    if article.source:
        art(NamedNode(t.DCTERMS + "source"), Literal(article.source))

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
    for relation in extraction.relations:
        out.article.extend(relation_quads(g, relation, extraction.extractor_version))

    out.shared.extend(actor_quads(actors.values(), extraction))
    out.shared.extend(vocabulary_quads(extraction.relations))
    return out


def relation_quads(g: NamedNode, r: Relation, version: str) -> list[Quad]:
    subject = t.actor_iri(r.subject.actor.key)
    obj = t.actor_iri(r.object.actor.key) if r.object else None
    predicate = t.predicate_iri(r.predicate)
    node = t.relation_iri(g.value, r.sentence, r.trigger_start, r.subject.start, r.object.start if r.object else "",
                          r.predicate, r.event_type)
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


def actor_quads(actors, extraction: Extraction | None = None) -> list[Quad]:
    """Descriptions of actors (and of the countries they belong to) for the actors graph."""
    gz = load_gazetteer()
    g = t.ACTORS_GRAPH
    quads: list[Quad] = []
    described: set[str] = set()
    surface: dict[str, set[str]] = {}
    if extraction is not None:
        for m in extraction.mentions:
            if m.resolved_by not in ("pronoun",) and m.text != m.actor.label:
                surface.setdefault(m.actor.key, set()).add(m.text)

    def describe(actor: Actor) -> None:
        if actor.key in described:
            return
        described.add(actor.key)
        a = t.actor_iri(actor.key)
        quads.extend([
            Quad(a, RDF_TYPE, ng("Actor"), g),
            Quad(a, RDF_TYPE, ng(t.ACTOR_CLASSES.get(actor.type, "Actor")), g),
            Quad(a, RDFS_LABEL, Literal(actor.label), g),
            Quad(a, PREF_LABEL, Literal(actor.label), g),
            Quad(a, ng("slug"), Literal(actor.key), g),
        ])
        for alt in sorted(surface.get(actor.key, ())):
            quads.append(Quad(a, ALT_LABEL, Literal(alt), g))
        if actor.qid:
            quads.append(Quad(a, SAME_AS, t.wikidata(actor.qid), g))
            quads.append(Quad(a, ng("wikidataId"), Literal(actor.qid), g))
        if actor.type == "GPE" and actor.country and actor.key == _country_key(actor.country, gz):
            quads.append(Quad(a, ng("isoCode"), Literal(actor.country), g))
        elif actor.country and actor.country in gz.countries:
            country = gz.countries[actor.country].actor()
            quads.append(Quad(a, ng("country"), t.actor_iri(country.key), g))
            describe(country)
        if actor.role:
            role = t.role_iri(actor.role, actor.country)
            quads.append(Quad(a, ng("holdsRole"), role, g))
            country_name = gz.countries[actor.country].name if actor.country in gz.countries else None
            label = f"{actor.role} of {country_name}" if country_name else actor.role
            quads.extend([Quad(role, RDF_TYPE, ng("Role"), g), Quad(role, RDFS_LABEL, Literal(label), g),
                          Quad(role, ng("title"), Literal(actor.role), g)])
            if country_name:
                quads.append(Quad(role, ng("country"), t.actor_iri(gz.countries[actor.country].actor().key), g))

    for actor in actors:
        describe(actor)
    return quads


def _country_key(iso3: str, gz) -> str | None:
    country = gz.countries.get(iso3)
    return country.actor().key if country else None


def vocabulary_quads(relations: list[Relation]) -> list[Quad]:
    """Each surface predicate as an rdf:Property under its PLOVER property."""
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


__all__ = ["ArticleQuads", "actor_quads", "article_quads", "relation_quads", "vocabulary_quads"]
