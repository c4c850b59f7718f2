"""GraphML and GEXF exports of the interaction graph read back with their attributes, and the RDF
export's --graphs choice."""

from __future__ import annotations

import io

import networkx as nx
import pytest
import rdflib

from graph.export import export
from graph.terms import ONTOLOGY_GRAPH, REFERENCE_GRAPH

READERS = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_the_network_reads_back_with_labels_types_categories_counts_and_dates(corpus_store, fmt):
    out = io.BytesIO()
    export(corpus_store, out, fmt.upper())
    graph = READERS[fmt](io.BytesIO(out.getvalue()))
    assert graph.nodes["vladimir-putin"]["label"] == "Vladimir Putin"
    assert graph.nodes["vladimir-putin"]["type"] == "Person"

    def edges(other: str) -> list[tuple[str, int, str, str]]:
        found = [d for s, o, d in graph.edges(data=True) if (s, o) == ("vladimir-putin", other)]
        return sorted((e["category"], int(e["count"]), e["first"], e["last"]) for e in found)

    # "had a telephone conversation with Prime Minister of Norway Jonas Gahr Støre" (the person, not
    # his country), then "informed" him and "The parties agreed to maintain contact" (the parties of
    # the latest interaction)
    assert edges("norway") == []
    assert edges("jonas-gahr-store") == [
        ("AGREE", 1, "2022-03-31", "2022-03-31"),
        ("CONSULT", 2, "2022-03-31", "2022-03-31"),
    ]
    assert graph.number_of_edges() > 10


@pytest.mark.parametrize(
    "graphs, has_reference, has_news", [("news", False, True), ("reference", True, False), ("all", True, True)]
)
def test_graphs_chooses_news_reference_or_all(corpus_store, graphs, has_reference, has_news):
    out = io.BytesIO()
    export(corpus_store, out, "nquads", graphs=graphs)
    dataset = rdflib.Dataset()
    dataset.parse(data=out.getvalue(), format="nquads")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert (REFERENCE_GRAPH.value in names) == has_reference
    assert any("/article/" in n for n in names) == has_news
    if graphs == "news":
        assert ONTOLOGY_GRAPH.value not in names


def test_the_news_alone_as_turtle_is_the_union_of_the_news_graphs(corpus_store):
    out = io.BytesIO()
    export(corpus_store, out, "turtle", graphs="news")
    triples = rdflib.Graph().parse(data=out.getvalue(), format="turtle")
    whole = io.BytesIO()
    export(corpus_store, whole, "turtle")
    assert 0 < len(triples) < len(rdflib.Graph().parse(data=whole.getvalue(), format="turtle"))
    putin = rdflib.URIRef("https://w3id.org/newsgraph/actor/vladimir-putin")
    assert (
        putin,
        rdflib.URIRef("https://w3id.org/newsgraph/ontology#called"),
        rdflib.URIRef("https://w3id.org/newsgraph/actor/miguel-diaz-canel"),
    ) in triples
