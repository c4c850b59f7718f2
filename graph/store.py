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
import errno
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from graph.errors import (
    QueryError,
    RdfSyntaxError,
    StoreError,
    StoreFullError,
    StoreLockedError,
    UnknownStoreError,
    runtime_error,
)
from graph.terms import PREFIXES, QUERY_PREFIXES
from graph.union import union_triples

Result = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
_GENERATIONS = threading.Lock()


class Store(abc.ABC):
    """What newsgraph needs of a quad store."""

    url: str
    #: whether writes are possible
    writable: bool = True
    #: whether :meth:`add_quads` is cheaper than a transaction per graph (an ingest then writes a
    #: batch of new articles in one transaction)
    batch_writes: bool = False

    @abc.abstractmethod
    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad], shared: Iterable[ox.Quad] = ()) -> None:
        """Atomically replace the content of ``graph`` by ``quads`` and add ``shared`` quads
        (which name their own graphs)."""

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads (which name their graphs) in one transaction: all of them or, on an error, none.

        >>> store, a = open_store("memory:"), ox.NamedNode("urn:a")
        >>> store.add_quads([ox.Quad(a, a, ox.Literal("c"), ox.NamedNode("urn:g"))])
        >>> store.count()
        1
        """
        self.update(f"INSERT DATA {{\n{_nquads(quads)}\n}}")

    @abc.abstractmethod
    def drop_graph(self, graph: ox.NamedNode) -> bool:
        """Remove a named graph; False if it did not exist."""

    @abc.abstractmethod
    def query(
        self,
        sparql: str,
        *,
        substitutions: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
        default_graph: list[ox.NamedNode] | None = None,
        named_graphs: list[ox.NamedNode] | None = None,
        base_iri: str | None = None,
    ) -> Result:
        """Run a SPARQL query. Without ``default_graph`` the default graph is the union of all graphs.
        Relative IRIs resolve against ``base_iri`` (without it, they are an error).

        The project's prefixes (``ng:``, ``actor:``, ``plover:``, ``skos:``... see ``graph.terms.PREFIXES``)
        are predeclared; a query's own ``PREFIX`` lines take precedence.

        ``substitutions`` bind variables to terms (user input never becomes query text); a bound
        variable of a SELECT query must be in its projection.

        Raises:
            QueryError: on a syntax error.
        """

    def select(self, sparql: str, **options: Any) -> ox.QuerySolutions:
        """:meth:`query` for a SELECT query (the same ``options``), typed as its solutions.

        Raises:
            QueryError: on a syntax error, or when ``sparql`` is not a SELECT query.

        >>> [row["n"].value for row in open_store("memory:").select("SELECT (1 AS ?n) {}")]
        ['1']
        """
        result = self.query(sparql, **options)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        return result

    def ask(self, sparql: str, **options: Any) -> bool:
        """:meth:`query` for an ASK query.

        Raises:
            QueryError: on a syntax error, or when ``sparql`` is not an ASK query.

        >>> open_store("memory:").ask("ASK { }")
        True
        """
        result = self.query(sparql, **options)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(result)

    def construct(self, sparql: str, **options: Any) -> ox.QueryTriples:
        """:meth:`query` for a CONSTRUCT or DESCRIBE query.

        Raises:
            QueryError: on a syntax error, or when ``sparql`` is a SELECT or ASK query.

        >>> [str(t) for t in open_store("memory:").construct("CONSTRUCT { <urn:a> <urn:b> <urn:c> } WHERE { }")]
        ['<urn:a> <urn:b> <urn:c>']
        """
        result = self.query(sparql, **options)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return result

    @abc.abstractmethod
    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        """Run a SPARQL update as one transaction (relative IRIs resolve against ``base_iri``)."""

    @abc.abstractmethod
    def dump(self, output: IO[bytes], format: ox.RdfFormat, graph: ox.NamedNode | None = None) -> None:
        """Serialise the whole dataset, or one graph, to ``output``."""

    @abc.abstractmethod
    def load(self, data: bytes | IO[bytes], format: ox.RdfFormat, graph: ox.NamedNode | None = None) -> None:
        """Parse and add RDF atomically; nothing is added if it does not parse.

        Raises:
            RdfSyntaxError: when the data is not valid in ``format``.
        """

    def bulk_load(self, data: bytes, format: ox.RdfFormat) -> None:
        """Add RDF as fast as the store can, without a transaction: a stop or a syntax error part-way
        may leave part of it written (a caller marks the data complete with a separate write afterwards).
        By default :meth:`load`."""
        self.load(data, format)

    @abc.abstractmethod
    def graphs(self) -> list[ox.NamedNode]:
        """The named graphs."""

    def has_graph(self, graph: ox.NamedNode) -> bool:
        return graph in self.graphs()

    def add_write_listener(self, listener: Callable[[], None]) -> None:
        """Call ``listener()`` after every write through this object (e.g. to refresh snapshots)."""
        self.__dict__.setdefault("_write_listeners", []).append(listener)

    @property
    def generation(self) -> int:
        """How many writes went through this object: a value derived from the store is stale once
        this changes (see :class:`graph.caching.PerGeneration`).

        >>> store = open_store("memory:")
        >>> before = store.generation
        >>> store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
        >>> store.generation - before
        1
        """
        return self.__dict__.get("_generation", 0)

    def _written(self) -> None:
        with _GENERATIONS:
            self.__dict__["_generation"] = self.generation + 1
        for listener in self.__dict__.get("_write_listeners", ()):
            listener()

    def count(self) -> int:
        result = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(result))["n"].value)

    def flush(self) -> None:  # noqa: B027 - optional hook
        """Write out what the store buffers in memory: a long ingest calls it so that its memory stays flat."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the store (flush, unlock)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def store_error(error: Exception, doing: str) -> StoreError:
    """An I/O error of the store as a :class:`StoreError`; a full disk as a :class:`StoreFullError`.

    >>> store_error(OSError("IO error: No space left on device: While appending"), "cannot write x")
    StoreFullError('cannot write x: the disk is full (IO error: No space left on device: While appending); free \
space and run it again (what was stored before is whole)')
    """
    text = str(error)
    if "No space left" in text or getattr(error, "errno", None) == errno.ENOSPC:
        return StoreFullError(
            f"{doing}: the disk is full ({text}); free space and run it again (what was stored before is whole)"
        )
    return StoreError(f"{doing}: {text}")


def _nquads(quads: Iterable[ox.Quad]) -> str:
    return "\n".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}" for q in quads)


class OxigraphStore(Store):
    """pyoxigraph's RocksDB store on disk, or its in-memory store when ``path`` is None."""

    batch_writes = True

    def __init__(self, path: str | Path | None, url: str, read_only: bool = False, wait: float = 0.0) -> None:
        self.url = url
        self.path = Path(path) if path is not None else None
        self.writable = not read_only
        # Oxigraph's transactions are snapshot-isolated, not serialisable: two updates that both
        # drop and refill one graph can interleave. Writes through this object take turns.
        self._write_lock = threading.Lock()
        deadline = time.monotonic() + wait
        while True:
            try:
                self._store = self._open(read_only)
                return
            except StoreLockedError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.2)  # another writer holds the lock: wait our turn

    @property
    def raw(self) -> ox.Store:
        """The pyoxigraph store itself, for readers of its own API in this process (the server's
        in-process answers, ``graph/executor.py``); writes go through this object's methods."""
        return self._store

    def _open_read_only(self, attempts: int = 5) -> ox.Store:
        """A read-only view beside a possible writer. A compaction of the writer can delete a file
        between the moment RocksDB reads the list of files and opens them; opening again then
        sees the new list."""
        vanished: Exception | None = None
        for attempt in range(attempts):
            try:
                return ox.Store.read_only(str(self.path))
            except (OSError, RuntimeError) as error:  # pyoxigraph reports RocksDB corruption as RuntimeError
                if "No such file" not in str(error):
                    raise OSError(str(error)) from error
                vanished = error
            time.sleep(0.05 * (attempt + 1))
        raise OSError(str(vanished)) from vanished

    def _open(self, read_only: bool) -> ox.Store:
        try:
            if self.path is None:
                return ox.Store()
            if read_only:
                if not (self.path / "CURRENT").exists():
                    raise StoreError(f"there is no store at {self.path}")
                return self._open_read_only()
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return ox.Store(str(self.path))
        except OSError as error:
            if "lock" in str(error).lower():
                raise StoreLockedError(
                    f"the store {self.path} is open in another process, for writing (a running `newsgraph "
                    f"ingest` or `serve`?); wait for it (ingest --wait SECONDS), stop it, or send articles "
                    f"to its POST /articles"
                ) from error
            raise store_error(error, f"cannot open the store {self.path}") from error
        except RuntimeError as error:  # RocksDB reports a damaged store so
            raise StoreError(f"cannot open the store {self.path}: {error}") from error

    def replace_graph(self, graph, quads, shared=()):
        body = _nquads([*quads, *shared])
        self._run_update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{\n{body}\n}}")

    def add_quads(self, quads):
        if not self.writable:
            raise StoreError(f"the store {self.url} is open read-only")
        # pyoxigraph's extend is one transaction, and takes the quads as they are (no SPARQL to write and parse)
        try:
            with self._write_lock:
                self._store.extend(quads)
        except OSError as error:
            raise store_error(error, f"cannot write to {self.url}") from error
        finally:
            self._written()

    def drop_graph(self, graph):
        if not self.has_graph(graph):
            return False
        self._run_update(f"DROP SILENT GRAPH {graph}")
        return True

    def query(self, sparql, *, substitutions=None, default_graph=None, named_graphs=None, base_iri=None):
        subs = {ox.Variable(k): v for k, v in (substitutions or {}).items()}
        try:
            return self._store.query(
                sparql,
                base_iri=base_iri,
                use_default_graph_as_union=default_graph is None,
                default_graph=default_graph,
                named_graphs=named_graphs,
                substitutions=subs or None,
                prefixes=QUERY_PREFIXES,
            )
        except SyntaxError as error:
            raise QueryError(str(error)) from error
        except RuntimeError as error:  # RocksDB reports corruption as RuntimeError: not the client's fault
            raise runtime_error(error) from error
        except OSError as error:
            raise StoreError(str(error)) from error

    def update(self, sparql, *, base_iri=None):
        self._run_update(sparql, base_iri)

    def _run_update(self, sparql: str, base_iri: str | None = None) -> None:
        if not self.writable:
            raise StoreError(f"the store {self.url} is open read-only")
        try:
            with self._write_lock:
                self._store.update(sparql, base_iri=base_iri)
        except SyntaxError as error:
            raise QueryError(str(error)) from error
        except RuntimeError as error:
            raise runtime_error(error) from error
        except OSError as error:
            raise store_error(error, f"cannot write to {self.url}") from error
        finally:
            self._written()

    def dump(self, output, format, graph=None):
        prefixes = PREFIXES if format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
        if graph is None and not format.supports_datasets:
            # A triple format cannot name graphs: serialise the union of all graphs.
            ox.serialize(union_triples(self._store), output, format, prefixes=prefixes)
        elif graph is None:
            self._store.dump(output, format, prefixes=prefixes)
        else:
            self._store.dump(output, format, from_graph=graph, prefixes=prefixes)

    def load(self, data, format, graph=None):
        if not self.writable:
            raise StoreError(f"the store {self.url} is open read-only")
        if graph is None or not format.supports_datasets:
            # pyoxigraph parses and writes in one transaction, without a Python object per quad:
            # several times faster than parsing here (a syntax error still leaves the store untouched).
            try:
                with self._write_lock:
                    self._store.load(data, format, to_graph=graph)
            except SyntaxError as error:
                raise RdfSyntaxError(str(error)) from error
            finally:
                self._written()
            return
        try:
            # Parse everything first: a syntax error must leave the store untouched.
            quads = list(ox.parse(data, format))
        except SyntaxError as error:
            raise RdfSyntaxError(str(error)) from error
        if graph is not None:
            quads = [ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads]
        self.add_quads(quads)

    def bulk_load(self, data, format):
        if not self.writable:
            raise StoreError(f"the store {self.url} is open read-only")
        # RocksDB files written beside the store and added whole: about 3x faster than load() for
        # the 40,000 reference quads, at the price of the transaction.
        try:
            with self._write_lock:
                self._store.bulk_load(data, format)
        except SyntaxError as error:
            raise RdfSyntaxError(str(error)) from error
        except OSError as error:
            raise store_error(error, f"cannot write to {self.url}") from error
        finally:
            self._written()

    def graphs(self):
        return [g for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)]

    def has_graph(self, graph):
        return self._store.contains_named_graph(graph)

    def backup(self, target: str | Path) -> None:
        """Write a consistent copy of the on-disk store to the new folder ``target``.

        On the same file system the copy hard-links the store's immutable files, so it is cheap.

        Raises:
            StoreError: for an in-memory or read-only store (whose view may miss recent writes of
                the process that holds it), or when ``target`` exists, is inside the store's folder or
                cannot be written.
        """
        if self.path is None or not self.writable:
            raise StoreError(f"only a store opened for writing on disk can be backed up, not {self.url}")
        if Path(target).exists():
            raise StoreError(f"the backup target {target} already exists")
        if Path(target).resolve().is_relative_to(self.path.resolve()):
            raise StoreError(
                f"the backup target {target} is inside the store's own folder {self.path}: a backup "
                f"there would be lost with the store; choose a folder outside it"
            )
        try:
            self._store.flush()
            self._store.backup(str(target))
        except OSError as error:
            raise store_error(error, f"cannot back up {self.url} to {target}") from error

    def flush(self):
        # RocksDB keeps recent writes in memtables (one per index) until they fill: hundreds of MB
        try:
            if self.path is not None and self.writable:
                self._store.flush()
        except OSError as error:
            raise store_error(error, f"cannot flush {self.url}") from error

    def close(self):
        try:
            self.flush()
        finally:
            del self._store


def restore(backup: str | Path, target: str | Path) -> None:
    """Copy a backup made by :meth:`OxigraphStore.backup` to ``target``, a folder that must not exist.

    The backup is opened first, so that a damaged or foreign folder is refused before anything is
    copied; the copy goes to a temporary sibling that is renamed into place, so an interrupted
    restore leaves no half store at ``target``.

    Args:
        backup: the backup's folder.
        target: where the restored store goes.

    Raises:
        StoreError: when ``backup`` is not a store or ``target`` exists.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     with open_store(f"oxigraph:{d}/live") as s:
    ...         s.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:p> 1 } }")
    ...         s.backup(f"{d}/backup")
    ...     restore(f"{d}/backup", f"{d}/restored")
    ...     open_store(f"oxigraph:{d}/restored", read_only=True).count()
    1
    """
    backup, target = Path(backup), Path(target)
    if target.exists():
        raise StoreError(f"{target} exists: move it away before restoring over it")
    OxigraphStore(backup, f"oxigraph:{backup}", read_only=True).close()
    partial = target.with_name(f".{target.name}.restoring")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        shutil.copytree(backup, partial)
        partial.rename(target)
    except OSError as error:
        shutil.rmtree(partial, ignore_errors=True)
        raise StoreError(f"cannot restore {backup} to {target}: {error}") from error


StoreFactory = Callable[..., Store]
_BACKENDS: dict[str, StoreFactory] = {}


def register(scheme: str, factory: StoreFactory) -> None:
    """Make ``scheme:REST`` URLs open stores built by ``factory(REST, read_only)``.

    A factory may also accept ``wait`` (seconds to wait for a lock another writer holds).

    Args:
        scheme: the URL scheme (``memory``); registering it again replaces its factory.
        factory: builds the store from the rest of the URL and ``read_only``.

    >>> opened = []
    >>> def scratch(rest, read_only):
    ...     opened.append(rest)
    ...     return open_store("memory:")
    >>> register("scratch", scratch)
    >>> open_store("scratch://notes").count(), opened
    (0, ['notes'])
    >>> del _BACKENDS["scratch"]
    """
    _BACKENDS[scheme] = factory


def open_store(
    url: str, *, read_only: bool = False, wait: float = 0.0, update_url: str | None = None, gsp_url: str | None = None
) -> Store:
    """Open the store a URL names: ``oxigraph:PATH``, ``memory:``, ``sparql+http://HOST:PORT/PATH``, or a
    registered scheme.

    A bare path is taken as ``oxigraph:PATH``. Only one process may hold an on-disk store for
    writing; readers (``read_only``) may open it alongside and see the data as it was when they opened it.

    Args:
        url: the store URL.
        read_only: open for reading only.
        wait: seconds to wait for another writer to release the store before giving up.
        update_url: a ``sparql+http`` store's SPARQL Update endpoint (default: its URL); others ignore it.
        gsp_url: a ``sparql+http`` store's Graph Store Protocol endpoint, for whole graphs; others ignore it.

    Returns:
        The open store (close it, or use it as a context manager).

    Raises:
        UnknownStoreError: for a scheme no backend handles.
        StoreLockedError: when another process holds the on-disk store for writing.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     with open_store(f"oxigraph:{d}/store") as s:
    ...         s.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:p> 1 } }")
    ...     with open_store(f"{d}/store", read_only=True) as s:  # a bare path is an on-disk store
    ...         type(s).__name__, s.count()
    ('OxigraphStore', 1)
    >>> open_store("ftp://example.org/store")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.UnknownStoreError: no store backend for 'ftp://example.org/store' (known: ...)
    """
    scheme, sep, rest = url.partition(":")
    if not sep or len(scheme) == 1:  # a plain path (or a Windows drive letter)
        scheme, rest = "oxigraph", url
    factory = _BACKENDS.get(scheme)
    if factory is None:
        known = ", ".join(sorted(f"{s}:" for s in _BACKENDS))
        raise UnknownStoreError(f"no store backend for {url!r} (known: {known})")
    options = {k: v for k, v in {"update_url": update_url, "gsp_url": gsp_url}.items() if v}
    if wait:
        return factory(rest.removeprefix("//"), read_only, wait=wait, **options)
    return factory(rest.removeprefix("//"), read_only, **options)


def _remote(scheme: str) -> StoreFactory:
    def factory(
        rest: str, read_only: bool, wait: float = 0.0, update_url: str | None = None, gsp_url: str | None = None
    ) -> Store:
        from graph.remote import SparqlHttpStore  # only remote stores pay for the HTTP client

        return SparqlHttpStore(
            f"{scheme.removeprefix('sparql+')}://{rest}", read_only=read_only, update_url=update_url, gsp_url=gsp_url
        )

    return factory


register(
    "oxigraph",
    lambda path, read_only, wait=0.0, **_: OxigraphStore(path or "data/newsgraph", f"oxigraph:{path}", read_only, wait),
)
register("memory", lambda _, read_only, wait=0.0, **__: OxigraphStore(None, "memory:"))
register("sparql+http", _remote("sparql+http"))
register("sparql+https", _remote("sparql+https"))


__all__ = ["OxigraphStore", "Result", "Store", "open_store", "register", "restore", "union_triples"]
