"""Public functions of graph/ document their arguments, result and errors, with an example that
runs as a doctest (the house style)."""

from __future__ import annotations

import ast
import inspect
from importlib import import_module

import pytest

#: every module of graph/ (one that exports functions must be here: see the last test)
CHECKED = [
    "graph.actor_index",
    "graph.admission",
    "graph.analytics",
    "graph.bounded",
    "graph.caching",
    "graph.errors",
    "graph.executor",
    "graph.export",
    "graph.export_networks",
    "graph.graph_store",
    "graph.ingest",
    "graph.integrity",
    "graph.mapping",
    "graph.queries",
    "graph.query_worker",
    "graph.reference",
    "graph.relation_reader",
    "graph.remote",
    "graph.service",
    "graph.snapshots",
    "graph.sparql_policy",
    "graph.store",
    "graph.terms",
    "graph.union",
]


def _public_functions(module_name: str) -> list[tuple[str, ast.FunctionDef]]:
    module = import_module(module_name)
    tree = ast.parse(inspect.getsource(module))
    exported = set(getattr(module, "__all__", ()))
    return [(node.name, node) for node in tree.body if isinstance(node, ast.FunctionDef) and node.name in exported]


def _missing(node: ast.FunctionDef) -> list[str]:
    doc = ast.get_docstring(node) or ""
    wanted = [">>>"]
    if [a for a in node.args.args + node.args.kwonlyargs if a.arg not in ("self", "cls")] or node.args.vararg:
        wanted.append("Args:")
    if not (isinstance(node.returns, ast.Constant) and node.returns.value is None):
        wanted.append("Returns:")
    if any(isinstance(n, ast.Raise) for n in ast.walk(node)):
        wanted.append("Raises:")
    return [w for w in wanted if w not in doc]


@pytest.mark.parametrize("module_name", CHECKED)
def test_public_functions_document_arguments_result_errors_and_an_example(module_name):
    gaps = {name: missing for name, node in _public_functions(module_name) if (missing := _missing(node))}
    assert gaps == {}, f"{module_name}: docstrings lack {gaps}"


def test_every_module_of_graph_with_public_functions_is_checked():
    from pathlib import Path

    package = Path(str(import_module("graph").__file__)).parent
    modules = {f"graph.{path.stem}" for path in package.glob("*.py") if path.stem != "__init__"}
    exporting = {name for name in modules if _public_functions(name)}
    assert exporting - set(CHECKED) == set()
