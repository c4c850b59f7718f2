"""Helpers for tests of the server's snapshot views (``graph/executor.py``): a write that gives an actor
one more relation, and views made slow to open, as on a large store on a busy machine.

Importable as ``views`` from every test module (``tests/`` is on ``sys.path``)."""

from __future__ import annotations

import time

EGYPT = "https://w3id.org/newsgraph/actor/egypt"  # two relations in seeds/: its reads stay in the server


def copy_relation(n: int, actor: str = EGYPT) -> str:
    """A SPARQL update that copies ``actor``'s most confident relation as ``<urn:copy:N>``: one relation
    more, listed by default (the relations routes leave out those below the confidence threshold)."""
    return (
        "PREFIX ng: <https://w3id.org/newsgraph/ontology#> "
        f"INSERT {{ GRAPH ?g {{ <urn:copy:{n}> ?p ?o }} }} WHERE {{ "
        f"{{ SELECT ?g ?r WHERE {{ GRAPH ?g {{ ?r ng:subject|ng:object <{actor}> ; ng:confidence ?c }} }} "
        "ORDER BY DESC(?c) LIMIT 1 } "
        "GRAPH ?g { ?r ?p ?o } }"
    )


def slow_views(monkeypatch, seconds: float) -> list[float]:
    """Make the executor's read-only views of snapshots take ``seconds`` more to open (the snapshot is
    chosen before, as in ``ProcessExecutor._open_current``); returns the times each opening started."""
    import pyoxigraph

    from graph import executor

    opened: list[float] = []

    class Store:
        @staticmethod
        def read_only(path: str) -> pyoxigraph.Store:
            opened.append(time.monotonic())
            time.sleep(seconds)
            return pyoxigraph.Store.read_only(path)

    class SlowOxigraph:
        def __getattr__(self, name: str):
            return Store if name == "Store" else getattr(pyoxigraph, name)

    monkeypatch.setattr(executor, "ox", SlowOxigraph())
    return opened
