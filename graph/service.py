"""The SPARQL 1.1 Service Description of an endpoint, as RDF triples."""

from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from extract.version import package_version
from graph.terms import RDF_TYPE, RDFS_COMMENT, SCHEMA

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
FORMAT_NAMES = {
    "application/sparql-results+json": "SPARQL_Results_JSON",
    "application/sparql-results+xml": "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV",
    "text/tab-separated-values": "SPARQL_Results_TSV",
    "text/turtle": "Turtle",
    "application/n-triples": "N-Triples",
    "application/ld+json": "JSON-LD",
    "application/rdf+xml": "RDF_XML",
    "application/trig": "TriG",
    "application/n-quads": "N-Quads",
}


def service_description(endpoint: str, media_types: list[str], updates: bool) -> list[Triple]:
    """Describe the endpoint at ``endpoint``: SPARQL 1.1 Query (and Update when enabled), the result
    formats, the default graph being the union of all named graphs, and newsgraph's version
    (``schema:softwareVersion``).

    Args:
        endpoint: the endpoint's absolute URL.
        media_types: the result media types it serves.
        updates: whether SPARQL Update is enabled.

    Returns:
        The triples of the description.

    >>> described = service_description("http://localhost/sparql", ["text/turtle"], False)
    >>> sorted(t.predicate.value.rsplit("#", 1)[-1] for t in described if t.object.value.endswith("Turtle"))
    ['resultFormat']
    >>> [t.object.value for t in described if t.predicate.value == SCHEMA + "softwareVersion"] == [package_version()]
    True
    """
    service, dataset, default = NamedNode(endpoint + "#service"), BlankNode(), BlankNode()
    sd = lambda name: NamedNode(SD + name)  # noqa: E731
    triples = [
        Triple(service, RDF_TYPE, sd("Service")),
        Triple(service, sd("endpoint"), NamedNode(endpoint)),
        Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        Triple(service, sd("defaultDataset"), dataset),
        Triple(dataset, RDF_TYPE, sd("Dataset")),
        Triple(dataset, sd("defaultGraph"), default),
        Triple(default, RDF_TYPE, sd("Graph")),
        Triple(service, NamedNode(SCHEMA + "softwareVersion"), Literal(package_version())),
        Triple(
            service,
            RDFS_COMMENT,
            Literal(
                "newsgraph: who did what to whom, according to which article. The default graph is the "
                "union of all named graphs (one per article, plus actors and vocabulary)."
            ),
        ),
    ]
    if updates:
        triples.append(Triple(service, sd("supportedLanguage"), sd("SPARQL11Update")))
    for media in media_types:
        if media in FORMAT_NAMES:
            triples.append(Triple(service, sd("resultFormat"), NamedNode(FORMATS + FORMAT_NAMES[media])))
    return triples


__all__ = ["service_description"]
