"""Write the static graphs (the ontology and the reference data) prebuilt as gzipped N-Quads into
``ontologies/built/``, where a new store loads them from; run it after changing
``ontologies/newsgraph.ttl`` or ``ontologies/reference/*.csv`` (``tests/graph/test_reference.py``
fails until then, and ingest builds the graphs itself meanwhile).

    .venv/bin/python tools/build_static_graphs.py
"""

from __future__ import annotations

import gzip

from graph.reference import built_header, built_path, static_graphs, static_nquads


def main() -> None:
    for graph, digest, build in static_graphs():
        path = built_path(graph)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = built_header(digest) + static_nquads(graph, build)
        path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))  # mtime 0: the same sources, the same bytes
        print(f"{path}: {len(data):,} bytes of N-Quads, {path.stat().st_size:,} gzipped")


if __name__ == "__main__":
    main()
