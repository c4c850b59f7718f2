"""The ontology declares what the data uses, and the PLOVER categories as concepts and properties."""

from __future__ import annotations

import csv
from importlib.resources import files

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from graph.terms import NG, PLOVER, PLOVER_CATEGORIES, VOCABULARY_GRAPH, category_property, predicate_iri
from tests.graph.conftest import graphs_of

ONTOLOGY = rdflib.Graph().parse(str(files("ontologies") / "newsgraph.ttl"), format="turtle")
NGNS = rdflib.Namespace(NG)
SCHEME = rdflib.URIRef(PLOVER)


def test_ontology_is_an_owl_ontology():
    assert (rdflib.URIRef("https://w3id.org/newsgraph/ontology"), RDF.type, OWL.Ontology) in ONTOLOGY


def test_every_ng_term_the_data_uses_is_declared_with_label_and_comment(corpus_dataset):
    graphs = graphs_of(corpus_dataset)
    vocabulary = graphs.pop(VOCABULARY_GRAPH.value)
    surface = set(vocabulary.subjects(RDF.type, RDF.Property))
    used = set()
    for graph in graphs.values():
        for triple in graph:
            used |= {t for t in triple if isinstance(t, rdflib.URIRef) and str(t).startswith(NG)}
    undeclared = {
        t for t in used - surface if (t, RDFS.label, None) not in ONTOLOGY or (t, RDFS.comment, None) not in ONTOLOGY
    }
    assert not undeclared


def test_every_surface_predicate_is_a_labelled_sub_property_of_a_plover_property(corpus_dataset):
    vocabulary = graphs_of(corpus_dataset)[VOCABULARY_GRAPH.value]
    plover_properties = {rdflib.URIRef(category_property(c).value) for c in (*PLOVER_CATEGORIES, None)}
    surface = set(vocabulary.subjects(RDF.type, RDF.Property))
    assert NGNS.called in surface and NGNS.congratulated in surface
    for p in surface:
        assert vocabulary.value(p, RDFS.label) is not None
        assert set(vocabulary.objects(p, RDFS.subPropertyOf)) <= plover_properties


@pytest.mark.parametrize("category", PLOVER_CATEGORIES)
def test_plover_category_is_a_concept_and_a_property(category):
    concept = rdflib.URIRef(PLOVER + category)
    prop = rdflib.URIRef(category_property(category).value)
    assert (concept, RDF.type, SKOS.Concept) in ONTOLOGY
    assert (concept, SKOS.inScheme, SCHEME) in ONTOLOGY
    assert (SCHEME, SKOS.hasTopConcept, concept) in ONTOLOGY
    assert ONTOLOGY.value(concept, SKOS.prefLabel) is not None
    assert (prop, NGNS.category, concept) in ONTOLOGY
    assert (prop, RDFS.subPropertyOf, NGNS.relatedTo) in ONTOLOGY
    assert ONTOLOGY.value(prop, RDFS.label) is not None


def test_the_lexicon_uses_only_plover_categories():
    with (files("ontologies") / "lexicon" / "verbs.tsv").open(encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        used = {row["plover"] for row in rows if row["plover"]}
    assert used <= set(PLOVER_CATEGORIES)


def test_a_consult_query_finds_called_through_the_property_path(corpus_store):
    rows = corpus_store.query(f"""
        SELECT ?a ?p ?b WHERE {{ ?a ?p ?b . ?p <{RDFS}subPropertyOf>* <{NG}consult> }}""")
    assert f"{NG}called" in {r["p"].value for r in rows}


@pytest.mark.parametrize("name", ["support", "subject", "text", "related to", ""])
def test_surface_predicates_never_redefine_ontology_terms(name):
    assert (rdflib.URIRef(predicate_iri(name).value), None, None) not in ONTOLOGY
