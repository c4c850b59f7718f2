"""A query worker process: reads query jobs on stdin, answers serialised results on stdout.

Started by :mod:`graph.executor` as ``python -I -c "...main()"`` with the package's folder on
``sys.path``: it imports only pyoxigraph, :mod:`graph.terms` and :mod:`graph.relation_reader`
(never spaCy), so a worker starts in a fraction of a second and a killed one is replaced at once.
It opens read-only *snapshots* (RocksDB checkpoints the server makes after each write), because a
read-only instance neither sees later commits of the primary nor may be opened while another
process writes it.

Protocol: pickled tuples over the pipes. Job ``(snapshot_dir, "sparql", (sparql, default_graph,
named_graphs, solutions_media, graph_media, max_bytes, prefixes, base_iri, spool_path))`` or ``(snapshot_dir,
"actor-relations", request)`` (the keyword arguments of ``graph/relation_reader.py``'s ``actor_relations``);
answer ``("ok", kind, media_type, body, spool_path or None, size)`` or ``("error", kind, message)``; an answer
larger than 64 KiB is written to ``spool_path`` and its body is empty.
"""

from __future__ import annotations

import io
import os
import pickle
import sys
import threading
import time
from types import ModuleType
from typing import IO, BinaryIO, cast


class _TooLarge(Exception):
    pass


class _LimitedBuffer(io.RawIOBase):
    """A byte sink that stops serialisation as soon as the answer outgrows ``limit``.

    With a ``spool`` path, an answer larger than :data:`INLINE_BYTES` goes to that file as it is
    written (the server streams it to the client from there), so neither this process nor the
    server ever holds a large answer in memory.
    """

    def __init__(self, limit: int, spool: str | None = None) -> None:
        self.buffer = bytearray()
        self.limit = limit
        self.size = 0
        self.spool = spool
        self.file: BinaryIO | None = None

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge
        if self.file is not None:
            self.file.write(data)
        else:
            self.buffer += data
            if self.spool is not None and len(self.buffer) > INLINE_BYTES:
                self.file = open(self.spool, "wb", buffering=1 << 16)
                self.file.write(self.buffer)
                self.buffer = bytearray()
        return len(data)

    def finish(self) -> tuple:
        """The answer's ``(body, spool file or None, size)``."""
        if self.file is None:
            return bytes(self.buffer), None, self.size
        self.file.close()
        return b"", self.spool, self.size

    def discard(self) -> None:
        if self.file is not None and self.spool is not None:
            self.file.close()
            os.unlink(self.spool)


#: answers up to this size travel inline through the pipe; larger ones through a spool file
INLINE_BYTES = 1 << 16


def answer(store, job, reader: ModuleType) -> tuple:
    """The answer to a job; ``reader`` is :mod:`graph.relation_reader`.

    Args:
        store: a read-only pyoxigraph store (the job's snapshot).
        job: ``(snapshot_dir, operation, arguments)`` (see the module's protocol).
        reader: :mod:`graph.relation_reader`, loaded by the worker.

    Returns:
        The answer tuple.

    >>> import pyoxigraph as ox
    >>> from graph import relation_reader
    >>> answer(ox.Store(), ("snapshot", "sparql", ("ASK {}", [], [], "application/sparql-results+json", None, 100)),
    ...        relation_reader)
    ('ok', 'boolean', 'application/sparql-results+json', b'{"head":{},"boolean":true}', None, 26)
    >>> answer(ox.Store(), ("snapshot", "drop-everything", ()), relation_reader)
    ('error', 'store', "unknown operation 'drop-everything'")
    """
    _, operation, arguments = job
    if operation == "sparql":
        return answer_query(store, *arguments)
    if operation == "actor-relations":
        return answer_relations(store, arguments, reader)
    return ("error", "store", f"unknown operation {operation!r}")


def answer_relations(store, request: dict, reader: ModuleType) -> tuple:
    """An actor's relations as the REST API's JSON document (see ``graph/relation_reader.py``).

    Args:
        store: a read-only pyoxigraph store.
        request: :func:`graph.relation_reader.actor_relations`' keyword arguments.
        reader: :mod:`graph.relation_reader`.

    Returns:
        ``("ok", "json", media type, body, None, size)``, or ``("error", "not-found" or "store", message)``.

    >>> import pyoxigraph as ox
    >>> from graph import relation_reader
    >>> answer_relations(ox.Store(), {"actor": ("qid", "Q7747")}, relation_reader)
    ('error', 'not-found', 'no actor with Wikidata ID Q7747')
    """
    try:
        body = reader.actor_relations_json(store, request)
        return ("ok", "json", "application/json", body, None, len(body))
    except reader.NotFound as error:
        return ("error", "not-found", str(error))
    except (OSError, RuntimeError, ValueError) as error:  # the request was checked: the store failed
        return ("error", "store", str(error))


def answer_query(
    store,
    sparql,
    default_graph,
    named_graphs,
    solutions_media,
    graph_media,
    max_bytes,
    prefixes=None,
    base_iri=None,
    spool=None,
) -> tuple:
    """Run a SPARQL query and serialise its result (see :func:`serialize`).

    Args:
        store: a read-only pyoxigraph store.
        sparql: the query.
        default_graph: IRIs of the default graph (empty: the union of all graphs).
        named_graphs: IRIs of the named graphs (empty: all).
        solutions_media: the media type for solutions and booleans, or None when none is acceptable.
        graph_media: the media type for graphs, or None.
        max_bytes: largest answer.
        prefixes: prefixes every query may use.
        base_iri: the base for relative IRIs.
        spool: a file for an answer larger than 64 KiB.

    Returns:
        The answer tuple; syntax, evaluation and store failures as ``("error", kind, message)``.

    >>> import pyoxigraph as ox
    >>> answer_query(ox.Store(), "SELECT * WHERE {", [], [], "text/csv", None, 100)[:2]
    ('error', 'syntax')
    >>> answer_query(ox.Store(), "SELECT (1 AS ?n) {}", [], [], "text/tab-separated-values", None, 100)[3].split()
    [b'?n', b'1']
    """
    import pyoxigraph as ox

    try:
        result = store.query(
            sparql,
            use_default_graph_as_union=not default_graph,
            default_graph=[ox.NamedNode(g) for g in default_graph] or None,
            named_graphs=[ox.NamedNode(g) for g in named_graphs] or None,
            # A text with no ':' has no prefixed name, one with no '<' no relative IRI: each costs
            # the engine microseconds per query to set up, a tenth of a small query's time.
            prefixes=prefixes if ":" in sparql else None,
            base_iri=base_iri if "<" in sparql else None,
        )
    except SyntaxError as error:
        return ("error", "syntax", str(error))
    except RuntimeError as error:
        return _runtime(error)
    except ValueError as error:
        return ("error", "evaluation", str(error))
    except OSError as error:
        return ("error", "store", str(error))
    return serialize(result, solutions_media, graph_media, max_bytes, spool)


def serialize(
    result, solutions_media: str | None, graph_media: str | None, max_bytes: int, spool: str | None = None
) -> tuple:
    """Serialise a query result in the media type for its kind, as an answer tuple
    ``("ok", kind, media type, body, spool file or None, size)`` or ``("error", kind, message)``.

    Args:
        result: a pyoxigraph query result.
        solutions_media: the media type for solutions and booleans, or None when none is acceptable.
        graph_media: the media type for graphs, or None.
        max_bytes: largest answer (beyond it: a ``too-large`` error).
        spool: a file for an answer larger than 64 KiB.

    Returns:
        The answer tuple.

    >>> import pyoxigraph as ox
    >>> serialize(ox.Store().query("SELECT (1 AS ?n) {}"), None, "text/turtle", 100)
    ('error', 'not-acceptable', 'solutions')
    >>> serialize(ox.Store().query("SELECT (1 AS ?n) {}"), "text/csv", None, 3)
    ('error', 'too-large', 'the result is larger than 3 bytes; add a LIMIT')
    """
    sink = _LimitedBuffer(max_bytes, spool)
    try:
        outcome = _serialize(result, solutions_media, graph_media, sink)
    except BaseException:
        sink.discard()
        raise
    if outcome[0] == "error":
        sink.discard()
        return outcome
    return (*outcome, *sink.finish())


def _serialize(result, solutions_media: str | None, graph_media: str | None, sink: _LimitedBuffer) -> tuple:
    import pyoxigraph as ox

    out = cast(IO[bytes], sink)  # a writable binary file, as far as pyoxigraph is concerned
    try:
        if isinstance(result, ox.QueryTriples):
            fmt = ox.RdfFormat.from_media_type(graph_media) if graph_media else None
            if graph_media is None or fmt is None:
                return ("error", "not-acceptable", "graph")
            if fmt.supports_datasets:  # a CONSTRUCT result is a graph: write it as the default graph
                ox.serialize((ox.Quad(t.subject, t.predicate, t.object) for t in result), out, fmt)
            else:
                result.serialize(out, fmt)
            kind, media = "graph", graph_media
        else:
            if solutions_media is None:
                return ("error", "not-acceptable", "solutions")
            result.serialize(out, ox.QueryResultsFormat.from_media_type(solutions_media))
            kind = "boolean" if isinstance(result, ox.QueryBoolean) else "solutions"
            media = solutions_media
    except _TooLarge:
        return ("error", "too-large", f"the result is larger than {sink.limit} bytes; add a LIMIT")
    except RuntimeError as error:  # evaluation errors surface while iterating
        return _runtime(error)
    except ValueError as error:
        return ("error", "evaluation", str(error))
    except OSError as error:
        return ("error", "store", str(error))
    return ("ok", kind, media)


def _runtime(error: RuntimeError) -> tuple:
    """A RuntimeError as the client's evaluation error or the store's failure (RocksDB corruption)."""
    from graph.errors import QueryError, runtime_error

    kind = "evaluation" if isinstance(runtime_error(error), QueryError) else "store"
    return ("error", kind, str(error))


def exit_with_parent(poll: float = 1.0) -> None:
    """Exit when the server that started this worker is gone, even killed by SIGKILL mid-query
    (pyoxigraph releases the GIL while it evaluates, so this thread still runs)."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(poll)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def main() -> None:
    import pyoxigraph as ox

    from graph import relation_reader as reader

    exit_with_parent()
    jobs, answers = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write on the answer pipe
    store, opened = None, None
    while True:
        try:
            job = pickle.load(jobs)
        except EOFError:
            return
        snapshot = job[0]
        if snapshot != opened:
            store = None
            try:
                store = ox.Store.read_only(snapshot)
                opened = snapshot
            except OSError as error:
                pickle.dump(("error", "store", f"cannot open the snapshot: {error}"), answers)
                answers.flush()
                continue
        pickle.dump(answer(store, job, reader), answers)
        answers.flush()


if __name__ == "__main__":
    main()
