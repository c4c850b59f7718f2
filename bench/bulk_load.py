"""Bulk load: triples/s into the embedded store (through the Store interface) against an rdflib in-memory Graph.

A benchmark, not a test. The data is the reference graph (40,157 quads, real IRIs and literals)
copied into ``--copies`` named graphs, serialised once as N-Quads; each loader parses and stores
the same bytes, in the same process, one after the other, and the ratio is of the same run.

    .venv/bin/python bench/bulk_load.py [--copies 5]
"""

from __future__ import annotations

import argparse
import io
import os
import tempfile
import time

import pyoxigraph as ox


def data(copies: int) -> tuple[bytes, bytes, int]:
    """N-Quads and N-Triples of the same distinct triples (each copy's subjects renamed), and their number."""
    from graph.reference import reference_quads

    def subject(term, i: int):
        return ox.NamedNode(f"{term.value}-{i}") if isinstance(term, ox.NamedNode) and i else term

    quads = [
        ox.Quad(subject(q.subject, i), q.predicate, q.object, ox.NamedNode(f"urn:copy:{i}"))
        for i in range(copies)
        for q in reference_quads()
    ]
    nquads, ntriples = io.BytesIO(), io.BytesIO()
    ox.serialize(quads, nquads, ox.RdfFormat.N_QUADS)
    ox.serialize((q.triple for q in quads), ntriples, ox.RdfFormat.N_TRIPLES)
    return nquads.getvalue(), ntriples.getvalue(), len(set(q.triple for q in quads))


def timed(load) -> float:
    start = time.perf_counter()
    load()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=5)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    payload, triples, n = data(args.copies)
    print(f"{n:,} quads, {len(payload) / 1e6:.1f} MB of N-Quads")

    from graph.store import open_store

    with tempfile.TemporaryDirectory() as d:
        store = open_store(f"oxigraph:{d}/store")
        embedded = timed(lambda: store.load(payload, ox.RdfFormat.N_QUADS))
        assert store.count() >= n
        store.close()
        bulk = ox.Store(f"{d}/bulk")
        raw = timed(lambda: bulk.bulk_load(payload, ox.RdfFormat.N_QUADS))

    import rdflib

    graph = rdflib.Graph()
    rdflib_seconds = timed(lambda: graph.parse(data=triples, format="nt"))
    dataset = rdflib.Dataset()
    rdflib_quads = timed(lambda: dataset.parse(data=payload, format="nquads"))

    rates = {
        "embedded store (Store.load, one transaction)": n / embedded,
        "pyoxigraph bulk_load (not transactional)": n / raw,
        "rdflib Graph (N-Triples parse)": n / rdflib_seconds,
        "rdflib Dataset (N-Quads parse)": n / rdflib_quads,
    }
    for name, rate in rates.items():
        print(f"  {name:<46} {rate:10,.0f} triples/s")
    print(f"  embedded store / rdflib Graph: {n / embedded / (n / rdflib_seconds):.1f}x")
    print(f"load average {os.getloadavg()[0]:.1f} after")


if __name__ == "__main__":
    main()
