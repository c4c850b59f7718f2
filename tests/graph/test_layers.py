"""The graph layer imports only what it needs, and names each IRI in one place (``graph/terms.py``)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import graph
from graph import terms

GRAPH_DIR = Path(graph.__file__).parent
#: modules that serve queries: none may load spaCy (3.4 s) or networkx before it is used
SERVING = [
    "graph.store",
    "graph.executor",
    "graph.query_worker",
    "graph.relation_reader",
    "graph.queries",
    "graph.actor_index",
    "graph.analytics",
    "graph.caching",
    "graph.export",
    "graph.service",
    "graph.terms",
]


@pytest.mark.parametrize("module", SERVING)
def test_serving_modules_do_not_import_spacy_or_networkx(module):
    code = f"import sys, {module}; print(sorted(m for m in ('spacy', 'networkx') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_package_still_offers_its_names_lazily():
    assert graph.open_store("memory:").url == "memory:"
    assert graph.IngestReport.__module__ == "graph.ingest"
    with pytest.raises(AttributeError):
        graph.no_such_name  # noqa: B018 - the attribute access is the test


def _code_strings(path: Path) -> list[str]:
    """String constants of a module's code (docstrings, which hold doctest output, left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


MODULES = sorted(p for p in GRAPH_DIR.glob("*.py") if p.name != "terms.py")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_namespaces_are_spelled_only_in_terms(path):
    namespaces = {terms.BASE, *terms.PREFIXES.values()}
    spelled = [(s, ns) for s in _code_strings(path) for ns in namespaces if ns in s]
    assert spelled == [], f"{path.name} spells IRIs that graph/terms.py defines"
