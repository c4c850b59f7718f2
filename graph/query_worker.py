"""A query worker process: reads query jobs on stdin, answers serialised results on stdout.

Started by :mod:`graph.executor` as ``python -I -c "...main()"`` with the package's folder on
``sys.path``: it imports only pyoxigraph, :mod:`graph.terms` and :mod:`graph.relation_reader`
(never spaCy), so a worker starts in a fraction of a second and a killed one is replaced at once.
It opens read-only *snapshots* (RocksDB checkpoints the server makes after each write), because a
read-only instance neither sees later commits of the primary nor may be opened while another
process writes it.

Protocol: pickled tuples over the pipes. Job ``(snapshot_dir, "sparql", (sparql, default_graph,
named_graphs, solutions_media, graph_media, max_bytes, prefixes, base_iri))`` or ``(snapshot_dir, "actor-relations",
request)`` (the keyword arguments of ``graph/relation_reader.py``'s ``actor_relations``); answer
``("ok", kind, media_type, body)`` or ``("error", kind, message)``.
"""

from __future__ import annotations

import io
import os
import pickle
import sys
import threading
import time
from types import ModuleType
from typing import IO, cast


class _TooLarge(Exception):
    pass


class _LimitedBuffer(io.RawIOBase):
    """A byte sink that stops serialisation as soon as the answer outgrows ``limit``."""

    def __init__(self, limit: int) -> None:
        self.buffer = bytearray()
        self.limit = limit

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.buffer += data
        if len(self.buffer) > self.limit:
            raise _TooLarge
        return len(data)


def answer(store, job, reader: ModuleType) -> tuple:
    """The answer to a job; ``reader`` is :mod:`graph.relation_reader`."""
    _, operation, arguments = job
    if operation == "sparql":
        return answer_query(store, *arguments)
    if operation == "actor-relations":
        return answer_relations(store, arguments, reader)
    return ("error", "store", f"unknown operation {operation!r}")


def answer_relations(store, request: dict, reader: ModuleType) -> tuple:
    """An actor's relations as the REST API's JSON document (see ``graph/relation_reader.py``)."""
    try:
        return ("ok", "json", "application/json", reader.actor_relations_json(store, request))
    except reader.NotFound as error:
        return ("error", "not-found", str(error))
    except (OSError, RuntimeError, ValueError) as error:  # the request was checked: the store failed
        return ("error", "store", str(error))


def answer_query(store, sparql, default_graph, named_graphs, solutions_media, graph_media, max_bytes,
                 prefixes=None, base_iri=None) -> tuple:
    import pyoxigraph as ox

    try:
        result = store.query(
            sparql,
            use_default_graph_as_union=not default_graph,
            default_graph=[ox.NamedNode(g) for g in default_graph] or None,
            named_graphs=[ox.NamedNode(g) for g in named_graphs] or None,
            prefixes=prefixes,
            base_iri=base_iri,
        )
    except SyntaxError as error:
        return ("error", "syntax", str(error))
    except RuntimeError as error:
        return _runtime(error)
    except ValueError as error:
        return ("error", "evaluation", str(error))
    except OSError as error:
        return ("error", "store", str(error))
    return serialize(result, solutions_media, graph_media, max_bytes)


def serialize(result, solutions_media: str | None, graph_media: str | None, max_bytes: int) -> tuple:
    """Serialise a query result in the media type for its kind, as an answer tuple."""
    import pyoxigraph as ox

    limited = _LimitedBuffer(max_bytes)
    sink = cast(IO[bytes], limited)  # pyoxigraph writes to any object with write()
    try:
        if isinstance(result, ox.QueryTriples):
            if graph_media is None:
                return ("error", "not-acceptable", "graph")
            fmt = ox.RdfFormat.from_media_type(graph_media)
            if fmt is None:
                return ("error", "not-acceptable", "graph")
            if fmt.supports_datasets:  # a CONSTRUCT result is a graph: write it as the default graph
                ox.serialize((ox.Quad(t.subject, t.predicate, t.object) for t in result), sink, fmt)
            else:
                result.serialize(sink, fmt)
            kind, media = "graph", graph_media
        else:
            if solutions_media is None:
                return ("error", "not-acceptable", "solutions")
            result.serialize(sink, ox.QueryResultsFormat.from_media_type(solutions_media))
            kind = "boolean" if isinstance(result, ox.QueryBoolean) else "solutions"
            media = solutions_media
    except _TooLarge:
        return ("error", "too-large", f"the result is larger than {max_bytes} bytes; add a LIMIT")
    except RuntimeError as error:  # evaluation errors surface while iterating
        return _runtime(error)
    except ValueError as error:
        return ("error", "evaluation", str(error))
    except OSError as error:
        return ("error", "store", str(error))
    return ("ok", kind, media, bytes(limited.buffer))


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
