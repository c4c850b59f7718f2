"""An export process: writes one snapshot (or one graph of it) to stdout in an RDF format.

Run as a script by the ``/export`` route (``python -I graph/export_worker.py SNAPSHOT MEDIA_TYPE
GRAPH PREFIXES_JSON``, GRAPH empty for all), never imported by the package: it needs nothing but
pyoxigraph and ``graph/union.py`` (loaded by path), so it starts in a fraction of a second, and its
work — Python per quad for the triple formats — holds neither the server's memory nor its GIL.
It exits with the server (it gets EPIPE on stdout when the server stops reading).
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path


def _union():
    spec = importlib.util.spec_from_file_location("union", Path(__file__).with_name("union.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.union_triples


def main() -> None:
    import pyoxigraph as ox

    os.nice(10)  # an export may take minutes of CPU: the server's own requests come first
    snapshot, media, graph, prefixes = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
    fmt = ox.RdfFormat.from_media_type(media)
    assert fmt is not None, media
    store = ox.Store.read_only(snapshot)
    out = sys.stdout.buffer
    if graph and fmt.supports_datasets:
        name = ox.NamedNode(graph)
        ox.serialize(
            (ox.Quad(q.subject, q.predicate, q.object, name) for q in store.quads_for_pattern(None, None, None, name)),
            out,
            fmt,
            prefixes=prefixes,
        )
    elif graph:
        store.dump(out, fmt, from_graph=ox.NamedNode(graph), prefixes=prefixes)
    elif fmt.supports_datasets:
        store.dump(out, fmt, prefixes=prefixes)
    else:
        ox.serialize(_union()(store), out, fmt, prefixes=prefixes)
    out.flush()


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # the client went away
        sys.exit(0)
