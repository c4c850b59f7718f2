"""Triple stores behind one small interface, chosen by URL.

``oxigraph:PATH`` (the default, an embedded on-disk Oxigraph store) and ``memory:`` (the same
engine, in memory) are built in; other backends register a factory for their URL scheme with
:func:`register`, so callers never name a backend class.

>>> store = open_store("memory:")
>>> store.url
'memory:'
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from graph.errors import QueryError, RdfSyntaxError, StoreError, StoreLockedError, UnknownStoreError
from graph.terms import PREFIXES

Result = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


class Store(abc.ABC):
    """What newsgraph needs of a quad store."""

    url: str
    #: whether queries run in this process (so that timeouts must cancel them here)
    embedded: bool = True
    #: whether writes are possible
    writable: bool = True

    @abc.abstractmethod
    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad], shared: Iterable[ox.Quad] = ()) -> None:
        """Atomically replace the content of ``graph`` by ``quads`` and add ``shared`` quads
        (which name their own graphs)."""

    @abc.abstractmethod
    def drop_graph(self, graph: ox.NamedNode) -> bool:
        """Remove a named graph; False if it did not exist."""

    @abc.abstractmethod
    def query(self, sparql: str, *, substitutions: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
              default_graph: list[ox.NamedNode] | None = None,
              named_graphs: list[ox.NamedNode] | None = None) -> Result:
        """Run a SPARQL query. Without ``default_graph`` the default graph is the union of all graphs.

        ``substitutions`` bind variables to terms (user input never becomes query text); a bound
        variable of a SELECT query must be in its projection.

        Raises:
            QueryError: on a syntax error.
        """

    @abc.abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL update as one transaction."""

    @abc.abstractmethod
    def dump(self, output: IO[bytes], format: ox.RdfFormat, graph: ox.NamedNode | None = None) -> None:
        """Serialise the whole dataset, or one graph, to ``output``."""

    @abc.abstractmethod
    def load(self, data: bytes | IO[bytes], format: ox.RdfFormat, graph: ox.NamedNode | None = None) -> None:
        """Parse and add RDF atomically; nothing is added if it does not parse.

        Raises:
            RdfSyntaxError: when the data is not valid in ``format``.
        """

    @abc.abstractmethod
    def graphs(self) -> list[ox.NamedNode]:
        """The named graphs."""

    def has_graph(self, graph: ox.NamedNode) -> bool:
        return graph in self.graphs()

    def count(self) -> int:
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(result))["n"].value)

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the store (flush, unlock)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _nquads(quads: Iterable[ox.Quad]) -> str:
    return "\n".join(
        f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}" for q in quads
    )


class OxigraphStore(Store):
    """pyoxigraph's RocksDB store on disk, or its in-memory store when ``path`` is None."""

    def __init__(self, path: str | Path | None, url: str, read_only: bool = False) -> None:
        self.url = url
        self.path = Path(path) if path is not None else None
        self.writable = not read_only
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as error:
            if "lock" in str(error).lower():
                raise StoreLockedError(
                    f"the store {self.path} is open in another process (a running `newsgraph serve`?); "
                    f"stop it, or send articles to its POST /articles"
                ) from error
            raise StoreError(f"cannot open the store {self.path}: {error}") from error

    def replace_graph(self, graph, quads, shared=()):
        body = _nquads([*quads, *shared])
        self._run_update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{\n{body}\n}}")

    def drop_graph(self, graph):
        if not self.has_graph(graph):
            return False
        self._run_update(f"DROP SILENT GRAPH {graph}")
        return True

    def query(self, sparql, *, substitutions=None, default_graph=None, named_graphs=None):
        subs = {ox.Variable(k): v for k, v in (substitutions or {}).items()}
        try:
            return self._store.query(
                sparql,
                use_default_graph_as_union=default_graph is None,
                default_graph=default_graph,
                named_graphs=named_graphs,
                substitutions=subs or None,
            )
        except (SyntaxError, RuntimeError) as error:
            raise QueryError(str(error)) from error
        except OSError as error:
            raise StoreError(str(error)) from error

    def update(self, sparql):
        self._run_update(sparql)

    def _run_update(self, sparql: str) -> None:
        if not self.writable:
            raise StoreError(f"the store {self.url} is open read-only")
        try:
            self._store.update(sparql)
        except (SyntaxError, RuntimeError) as error:
            raise QueryError(str(error)) from error
        except OSError as error:
            raise StoreError(str(error)) from error

    def dump(self, output, format, graph=None):
        prefixes = PREFIXES if format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
        if graph is None and not format.supports_datasets:
            # A triple format cannot name graphs: serialise the union of all graphs.
            triples = (ox.Triple(q.subject, q.predicate, q.object) for q in self._store.quads_for_pattern(None, None, None))
            ox.serialize(_unique(triples), output, format, prefixes=prefixes)
        elif graph is None:
            self._store.dump(output, format, prefixes=prefixes)
        else:
            self._store.dump(output, format, from_graph=graph, prefixes=prefixes)

    def load(self, data, format, graph=None):
        if not self.writable:
            raise StoreError(f"the store {self.url} is open read-only")
        try:
            # Parse everything first: a syntax error must leave the store untouched.
            quads = list(ox.parse(data, format))
        except SyntaxError as error:
            raise RdfSyntaxError(str(error)) from error
        if graph is not None:
            quads = [ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads]
        self._store.extend(quads)

    def graphs(self):
        return [g for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)]

    def has_graph(self, graph):
        return self._store.contains_named_graph(graph)

    def close(self):
        if self.path is not None and self.writable:
            self._store.flush()
        del self._store


def _unique(triples):
    seen = set()
    for triple in triples:
        if triple not in seen:
            seen.add(triple)
            yield triple


StoreFactory = Callable[[str, bool], Store]
_BACKENDS: dict[str, StoreFactory] = {}


def register(scheme: str, factory: StoreFactory) -> None:
    """Make ``scheme:REST`` URLs open stores built by ``factory(REST, read_only)``."""
    _BACKENDS[scheme] = factory


def open_store(url: str, *, read_only: bool = False) -> Store:
    """Open the store a URL names: ``oxigraph:PATH``, ``memory:``, or a registered scheme.

    A bare path is taken as ``oxigraph:PATH``.

    Raises:
        UnknownStoreError: for a scheme no backend handles.
        StoreLockedError: when another process holds the on-disk store.
    """
    scheme, sep, rest = url.partition(":")
    if not sep or len(scheme) == 1:  # a plain path (or a Windows drive letter)
        scheme, rest = "oxigraph", url
    factory = _BACKENDS.get(scheme)
    if factory is None:
        known = ", ".join(sorted(f"{s}:" for s in _BACKENDS))
        raise UnknownStoreError(f"no store backend for {url!r} (known: {known})")
    return factory(rest.removeprefix("//"), read_only)


register("oxigraph", lambda path, read_only: OxigraphStore(path or "data/newsgraph", f"oxigraph:{path}", read_only))
register("memory", lambda _, read_only: OxigraphStore(None, "memory:"))


__all__ = ["OxigraphStore", "Result", "Store", "open_store", "register"]
