"""Records → RDF: the quads of a hand-built extraction, compared as graphs with what the model
in docs/model.md says they are."""

from __future__ import annotations

import dataclasses

import pyoxigraph as ox
import pytest
import rdflib

from extract.records import Article, Extraction, Mention, Relation, Sentence
from extract.reference import load_gazetteer
from graph.mapping import article_quads
from graph.terms import RELATION
from tests.graph.conftest import assert_isomorphic

TEXT = "Vladimir Putin called Miguel Diaz-Canel."
DATE = "2024-05-10"
ARTICLE = Article(id="t1", text=TEXT, title="A call", date=DATE, url="https://example.org/t1", source="example.org")

EXPECTED = """
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix ng: <https://w3id.org/newsgraph/ontology#> .
@prefix plover: <https://w3id.org/newsgraph/plover/> .
@prefix actor: <https://w3id.org/newsgraph/actor/> .
@prefix article: <https://w3id.org/newsgraph/article/> .
@prefix role: <https://w3id.org/newsgraph/role/> .

article:t1 {
  article:t1 a ng:Article ; dcterms:identifier "t1" ; dcterms:title "A call" ;
      dcterms:date "2024-05-10"^^xsd:date ; schema:url <https://example.org/t1> ; ng:source "example.org" ;
      ng:contentHash "b1b5a25fcf71a07064d4aab36941491367449e78986e315bd5dead02b0d25d00" ;
      ng:characterCount 40 ; ng:extractorVersion "test" .
  <https://w3id.org/newsgraph/article/t1#sentence-0> a ng:Sentence ; dcterms:isPartOf article:t1 ;
      ng:index 0 ; ng:startOffset 0 ; ng:endOffset 40 ; ng:text "Vladimir Putin called Miguel Diaz-Canel." .

  actor:vladimir-putin ng:mentionedIn article:t1 ; ng:holdsRole role:president-rus .
  actor:miguel-diaz-canel ng:mentionedIn article:t1 ; ng:holdsRole role:president-cub ;
      skos:altLabel "Miguel Diaz-Canel" .

  actor:vladimir-putin ng:called actor:miguel-diaz-canel .
  _:relation a ng:Relation ;
      ng:subject actor:vladimir-putin ; ng:predicate ng:called ; ng:object actor:miguel-diaz-canel ;
      ng:predicateLabel "called" ; ng:eventType plover:CONSULT ;
      ng:trigger "called" ; ng:startOffset 15 ; ng:endOffset 21 ;
      ng:subjectText "Vladimir Putin" ; ng:subjectStart 0 ; ng:subjectEnd 14 ;
      ng:objectText "Miguel Diaz-Canel" ; ng:objectStart 22 ; ng:objectEnd 39 ;
      ng:confidence 0.900 ; ng:extractor "test.v1" ; ng:extractorVersion "test" ;
      ng:negated false ; ng:modality ng:Asserted ;
      ng:article article:t1 ; prov:wasDerivedFrom <https://w3id.org/newsgraph/article/t1#sentence-0> .
}

<https://w3id.org/newsgraph/graph/actors> {
  actor:vladimir-putin a ng:Actor, ng:Person ; rdfs:label "Vladimir Putin" ; skos:prefLabel "Vladimir Putin" ;
      owl:sameAs wd:Q7747 ; ng:country actor:russia .
  actor:miguel-diaz-canel a ng:Actor, ng:Person ; rdfs:label "Miguel Díaz-Canel" ; skos:prefLabel "Miguel Díaz-Canel" ;
      owl:sameAs wd:Q1932603 ; ng:country actor:cuba .
  actor:russia a ng:Actor, ng:Country ; rdfs:label "Russia" ; skos:prefLabel "Russia" ;
      owl:sameAs wd:Q159 ; ng:isoCode "RUS" .
  actor:cuba a ng:Actor, ng:Country ; rdfs:label "Cuba" ; skos:prefLabel "Cuba" ;
      owl:sameAs wd:Q241 ; ng:isoCode "CUB" .
  role:president-rus a ng:Role ; rdfs:label "President of Russia" ; ng:title "President" ; ng:country actor:russia .
  role:president-cub a ng:Role ; rdfs:label "President of Cuba" ; ng:title "President" ; ng:country actor:cuba .
}

<https://w3id.org/newsgraph/graph/vocabulary> {
  ng:called a rdf:Property ; rdfs:label "called"@en ; rdfs:subPropertyOf ng:consult .
}
"""


def extraction(**changes) -> Extraction:
    gz = load_gazetteer()
    putin = Mention("Vladimir Putin", 0, 14, gz.lookup("Vladimir Putin", DATE))
    diaz = Mention("Miguel Diaz-Canel", 22, 39, gz.lookup("Miguel Diaz-Canel", DATE))
    relation = Relation(
        subject=putin,
        predicate="called",
        object=diaz,
        event_type="CONSULT",
        trigger="called",
        trigger_start=15,
        trigger_end=21,
        sentence=0,
        confidence=0.9,
        extractor="test.v1",
    )
    relation = dataclasses.replace(relation, **changes)
    return Extraction(ARTICLE, [Sentence(0, 0, len(TEXT), TEXT)], [putin, diaz], [relation], extractor_version="test")


def as_dataset(quads: list[ox.Quad]) -> rdflib.Dataset:
    """Quads as an rdflib Dataset, relation IRIs (content hashes) turned into blank nodes."""
    lines = []
    for q in quads:
        terms = [
            f"_:{t.value.removeprefix(RELATION)}"
            if isinstance(t, ox.NamedNode) and t.value.startswith(RELATION)
            else str(t)
            for t in (q.subject, q.predicate, q.object)
        ]
        lines.append(" ".join(terms) + f" {q.graph_name} .\n")
    ds = rdflib.Dataset()
    ds.parse(data="".join(lines), format="nquads")
    return ds


def mapped(ex: Extraction) -> rdflib.Dataset:
    out = article_quads(ex)
    return as_dataset(out.article + out.shared)


def test_a_relation_maps_to_the_documented_graph():
    expected = rdflib.Dataset()
    expected.parse(data=EXPECTED, format="trig")
    assert_isomorphic(mapped(extraction()), expected)


DIRECT = (
    rdflib.URIRef("https://w3id.org/newsgraph/actor/vladimir-putin"),
    rdflib.URIRef("https://w3id.org/newsgraph/ontology#called"),
    rdflib.URIRef("https://w3id.org/newsgraph/actor/miguel-diaz-canel"),
)
NG = rdflib.Namespace("https://w3id.org/newsgraph/ontology#")


@pytest.mark.parametrize(
    "changes, direct, flag",
    [
        ({}, True, (NG.modality, NG.Asserted)),
        ({"negated": True}, False, (NG.negated, rdflib.Literal(True))),
        ({"modality": "intended"}, False, (NG.modality, NG.Intended)),
        ({"modality": "hypothetical"}, False, (NG.modality, NG.Hypothetical)),
    ],
    ids=["asserted", "negated", "intended", "hypothetical"],
)
def test_only_asserted_relations_get_a_direct_triple(changes, direct, flag):
    ds = mapped(extraction(**changes))
    assert any(True for _ in ds.quads((*DIRECT, None))) == direct
    assert any(True for _ in ds.quads((None, *flag, None)))
    assert any(True for _ in ds.quads((None, rdflib.RDF.type, NG.Relation, None))), "the event node stays"


def test_attribution_names_the_source_actor():
    gz = load_gazetteer()
    kremlin_says = Mention("Russia", 0, 6, gz.countries["RUS"].actor())
    ds = mapped(extraction(attributed_to=kremlin_says))
    sources = {o for _, _, o, _ in ds.quads((None, NG.attributedTo, None, None))}
    assert sources == {rdflib.URIRef("https://w3id.org/newsgraph/actor/russia")}


def test_relation_iris_are_stable_and_distinct():
    first, again = article_quads(extraction()), article_quads(extraction())
    other = article_quads(extraction(trigger_start=16))

    def relations(out):
        return {q.subject for q in out.article if q.subject.value.startswith(RELATION)}

    assert relations(first) == relations(again)
    assert relations(first).isdisjoint(relations(other))


def test_a_process_that_only_maps_reads_the_gazetteer_countries_alone():
    """The parent of worker processes maps records without the whole gazetteer, to the same countries."""
    import subprocess
    import sys

    script = (
        "from extract.reference import load_gazetteer\n"
        "from graph.mapping import reference_countries\n"
        "countries = dict(reference_countries())\n"
        "assert load_gazetteer.cache_info().currsize == 0, 'the whole gazetteer was read'\n"
        "assert countries == load_gazetteer().countries and len(countries) > 200\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
