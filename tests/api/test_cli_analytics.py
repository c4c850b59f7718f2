"""``newsgraph analytics ...``, the network exports and the CLI fixes of issue 13, on the seeded store."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from api.cli import app

runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, list(args))
    return result


def test_centrality_as_json_ranks_putin_first(seeded_store_url):
    result = run("analytics", "centrality", "--by", "degree", "--format", "json", "--store", seeded_store_url)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows[0]["id"] == "vladimir-putin" and rows[0]["degree"] > rows[1]["degree"]


def test_centrality_as_a_table_has_a_row_per_actor(seeded_store_url):
    result = run("analytics", "centrality", "--limit", "3", "--store", seeded_store_url)
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["id", "label", "type"] and len(lines) == 5


def test_ego_network_and_path_and_communities(seeded_store_url):
    ego = json.loads(run("analytics", "ego", "Q7747", "--format", "json", "--store", seeded_store_url).stdout)
    assert "miguel-diaz-canel" in {n["id"] for n in ego["nodes"]}
    path = run("analytics", "path", "miguel-diaz-canel", "nicolas-maduro", "--store", seeded_store_url)
    assert "Miguel Díaz-Canel → Vladimir Putin → Nicolás Maduro" in path.stdout
    found = json.loads(run("analytics", "communities", "--format", "json", "--store", seeded_store_url).stdout)
    assert any("vladimir-putin" in {m["id"] for m in c["members"]} for c in found)


def test_change_and_bad_filters(seeded_store_url):
    result = run(
        "analytics", "change", "--before", "2021", "--after", "2022", "--format", "json", "--store", seeded_store_url
    )
    assert result.exit_code == 0 and json.loads(result.stdout) == []  # the seed is undated
    bad = run("analytics", "centrality", "--category", "hug", "--store", seeded_store_url)
    assert bad.exit_code == 1 and "unknown event categories HUG" in bad.stderr


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_export_writes_the_network_for_gephi(seeded_store_url, fmt, read):
    result = runner.invoke(app, ["export", "--format", fmt, "--store", seeded_store_url])
    assert result.exit_code == 0, result.output
    graph = read(io.BytesIO(result.stdout_bytes))
    assert graph.nodes["miguel-diaz-canel"]["type"] == "Person"


def test_export_of_the_news_alone_is_a_small_part_of_the_seed_export(seeded_store_url):
    sizes = {
        g: len(
            runner.invoke(
                app, ["export", "--graphs", g, "--format", "ntriples", "--store", seeded_store_url]
            ).stdout_bytes
        )
        for g in ("news", "reference", "all")
    }
    assert 0 < sizes["news"] < sizes["reference"] < sizes["all"]


def test_query_json_ends_with_a_newline_and_tables_print_prefixed_names_and_whole_sentences(seeded_store_url):
    query = "SELECT ?s ?sentence WHERE { ?r ng:subject ?s ; prov:wasDerivedFrom/ng:text ?sentence } LIMIT 3"
    as_json = run("query", query, "--format", "json", "--store", seeded_store_url)
    assert as_json.exit_code == 0 and as_json.stdout.endswith("}\n")
    table = run("query", query, "--store", seeded_store_url).stdout
    assert "actor:vladimir-putin" in table and "https://w3id.org" not in table
    longest = max(json.loads(as_json.stdout)["results"]["bindings"], key=lambda b: len(b["sentence"]["value"]))
    assert longest["sentence"]["value"] in table and len(longest["sentence"]["value"]) > 60
