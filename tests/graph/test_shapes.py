"""SHACL: the graph built from seeds/ and real corpus articles conforms to ontologies/shapes.ttl,
and every shape catches what it is there to catch."""

from __future__ import annotations

from importlib.resources import files

import pyshacl
import pytest
import rdflib
import rdflib.compare
from rdflib.namespace import SH

from graph.terms import REFERENCE_GRAPH

SHAPES = rdflib.Graph().parse(str(files("ontologies") / "shapes.ttl"), format="turtle")
NGSH = rdflib.Namespace("https://w3id.org/newsgraph/shapes#")
PREFIXES = """
PREFIX ng: <https://w3id.org/newsgraph/ontology#>
PREFIX plover: <https://w3id.org/newsgraph/plover/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX wd: <http://www.wikidata.org/entity/>
"""


def validate(graph: rdflib.Graph) -> tuple[bool, rdflib.Graph, str]:
    conforms, report, text = pyshacl.validate(graph, shacl_graph=SHAPES)
    return conforms, report, text


def violated_shapes(report: rdflib.Graph) -> set[rdflib.term.Node]:
    """The node shapes with a violation, whether the node shape or one of its property shapes failed."""
    shapes = set()
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        source = report.value(result, SH.sourceShape)
        owner = SHAPES.value(predicate=SH.property, object=source)
        shapes.add(owner if owner is not None else source)
    return shapes


def test_every_class_the_data_uses_has_a_shape(corpus_dataset):
    from tests.graph.conftest import union

    data = union(corpus_dataset)
    used = set(data.objects(None, rdflib.RDF.type))
    targeted = set(SHAPES.objects(None, SH.targetClass))
    # Classes of the ontology graph's own description, and the alignment classes reference
    # entities carry besides ng:ReferenceEntity, are not instance data of their own.
    schema = rdflib.Namespace("https://schema.org/")
    owl, skos = rdflib.OWL, rdflib.namespace.SKOS
    vocabulary = {
        owl.Ontology,
        owl.Class,
        owl.ObjectProperty,
        owl.DatatypeProperty,
        owl.AnnotationProperty,
        owl.FunctionalProperty,
        skos.ConceptScheme,
        skos.Concept,
        rdflib.RDF.Property,
        schema.Country,
        schema.Person,
        schema.Organization,
        rdflib.URIRef("https://w3id.org/newsgraph/ontology#Modality"),
    }
    ng = rdflib.Namespace("https://w3id.org/newsgraph/ontology#")
    actor_types = {ng.Person, ng.Organisation, ng.Country, ng.Group}  # checked by ActorShape's sh:xone
    assert used - vocabulary - actor_types <= targeted, used - vocabulary - actor_types - targeted
    # skos:Concept (event types) and rdf:Property (surface predicates) are checked by target-objects shapes
    assert {SH.targetObjectsOf} <= set(SHAPES.predicates(NGSH.SurfacePredicateShape))


def test_seed_and_corpus_graph_conforms(corpus_dataset):
    from tests.graph.conftest import union

    conforms, _, text = validate(union(corpus_dataset))
    assert conforms, text


@pytest.fixture(scope="module")
def small_valid_graph(corpus_dataset) -> rdflib.Graph:
    """The articles' data with the ontology and a slice of the reference graph (fast to validate)."""
    from tests.graph.conftest import union

    graph = union(corpus_dataset, exclude=(REFERENCE_GRAPH.value,))
    reference = corpus_dataset.graph(rdflib.URIRef(REFERENCE_GRAPH.value))
    keep = {rdflib.URIRef("http://www.wikidata.org/entity/" + q) for q in ("Q7747", "Q159", "Q7184")}
    for s in list(keep):
        keep |= set(reference.objects(s, rdflib.URIRef("https://w3id.org/newsgraph/ontology#heldOffice")))
    for triple in reference:
        if triple[0] in keep:
            graph.add(triple)
    conforms, _, text = validate(graph)
    assert conforms, text
    return graph


# One update per shape that breaks exactly what the shape is about.
BREAKS = {
    "ArticleShape": "DELETE { ?a ng:contentHash ?h } WHERE { ?a a ng:Article ; ng:contentHash ?h }",
    "SentenceShape": "DELETE { ?s ng:endOffset ?e } INSERT { ?s ng:endOffset 0 } "
    "WHERE { ?s a ng:Sentence ; ng:endOffset ?e }",
    "RelationShape": "DELETE { ?r ng:confidence ?c } INSERT { ?r ng:confidence 1.5 } "
    "WHERE { ?r a ng:Relation ; ng:confidence ?c }",
    "RelationObjectShape": "DELETE { ?r ng:objectText ?t } WHERE { ?r ng:objectText ?t }",
    "ActorShape": "INSERT { ?a a ng:Organisation } WHERE { ?a a ng:Person }",
    "CountryShape": 'DELETE { ?c ng:isoCode ?i } INSERT { ?c ng:isoCode "ru" } '
    "WHERE { ?c a ng:Country ; ng:isoCode ?i }",
    "RoleShape": "DELETE { ?r ng:title ?t } WHERE { ?r a ng:Role ; ng:title ?t }",
    "SurfacePredicateShape": "DELETE { ?p rdfs:subPropertyOf ?super } "
    "WHERE { ?r ng:predicate ?p . ?p rdfs:subPropertyOf ?super }",
    "PloverConceptShape": "DELETE { ?c skos:notation ?n } WHERE { ?r ng:eventType ?c . ?c skos:notation ?n }",
    "ReferenceEntityShape": "DELETE { ?e dcterms:source ?s } WHERE { ?e a ng:ReferenceEntity ; dcterms:source ?s }",
    "TermShape": 'DELETE { ?t ng:officeType ?o } INSERT { ?t ng:officeType "king" } '
    "WHERE { ?t a ng:Term ; ng:officeType ?o }",
}


def test_every_shape_has_a_failing_case():
    assert {str(s).removeprefix(str(NGSH)) for s in SHAPES.subjects(rdflib.RDF.type, SH.NodeShape)} == set(BREAKS)


@pytest.mark.parametrize("shape", sorted(BREAKS))
def test_shape_catches_its_violation(shape, small_valid_graph):
    broken = rdflib.Graph()
    for triple in small_valid_graph:
        broken.add(triple)
    broken.update(PREFIXES + BREAKS[shape])
    assert not rdflib.compare.isomorphic(broken, small_valid_graph), "the update must change something"
    conforms, report, text = validate(broken)
    assert not conforms
    assert violated_shapes(report) == {NGSH[shape]}, text
