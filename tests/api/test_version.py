"""One version, from pyproject.toml, everywhere it is shown: /healthz, OpenAPI, the SPARQL service
description and each relation's provenance."""

from __future__ import annotations

import re

import pytest
import rdflib
from fastapi.testclient import TestClient

from extract.version import package_version

SOFTWARE_VERSION = rdflib.URIRef("https://schema.org/softwareVersion")


@pytest.fixture(scope="module")
def client():
    from api.app import create_app
    from api.settings import Settings

    return TestClient(create_app(Settings(store="memory:")))


def test_the_version_is_a_release_version():
    assert re.fullmatch(r"\d+\.\d+\.\d+", package_version()), package_version()


def test_healthz_and_openapi_show_the_version(client):
    assert client.get("/healthz").json()["version"] == package_version()
    assert client.get("/openapi.json").json()["info"]["version"] == package_version()


def test_the_service_description_shows_the_version(client):
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    assert {str(o) for o in graph.objects(None, SOFTWARE_VERSION)} == {package_version()}


def test_every_relation_records_the_version_that_extracted_it(seeded_store):
    rows = seeded_store.select("""SELECT DISTINCT ?version WHERE { GRAPH ?g { ?r a ng:Relation ;
        ng:extractorVersion ?version } }""")
    assert [row["version"].value for row in rows] == [package_version()]
