"""Build the serving benchmark's graph: the real corpus, scaled up to a target size.

1. ``newsgraph ingest CORPUS/*.jsonl --store oxigraph:SOURCE`` (real extraction; ``seeds/`` for a
   small start), or any store this script built (copies of copies stay disjoint).
2. This script copies SOURCE into TARGET and, while TARGET holds fewer than ``--triples`` quads,
   adds another *disjoint copy* of every article graph and of the actors graph, with the article,
   actor and relation IRIs renamed (``.../actor/c3-vladimir-putin``): a bigger news world with the
   same shape (actors per article, relations per actor), not one actor with ever more relations.
   Vocabulary and reference graphs are kept once.

    python bench/serving_data.py oxigraph:$DATA/corpus $DATA/1m --triples 1000000
    python bench/serving_data.py oxigraph:$DATA/1m $DATA/10m --triples 10000000
"""

from __future__ import annotations

import argparse
import time

import pyoxigraph as ox

BASE = "https://w3id.org/newsgraph/"
RENAMED = tuple(BASE + part for part in ("actor/", "article/", "relation/", "sentence/"))
SHARED = (BASE + "graph/vocabulary", BASE + "graph/reference")


def renamed(term, copy: int):
    if isinstance(term, ox.NamedNode):
        for prefix in RENAMED:
            if term.value.startswith(prefix):
                return ox.NamedNode(f"{prefix}c{copy}-{term.value[len(prefix) :]}")
    return term


def scale(source: str, target: str, triples: int) -> int:
    src = ox.Store.read_only(source.removeprefix("oxigraph:"))
    quads = [q for q in src if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in SHARED)]
    shared = [q for q in src if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in SHARED]
    out = ox.Store(target)
    out.bulk_extend(quads)
    out.bulk_extend(shared)
    copy = 0
    while len(out) < triples:
        copy += 1
        out.bulk_extend(
            ox.Quad(renamed(q.subject, copy), q.predicate, renamed(q.object, copy), renamed(q.graph_name, copy))
            for q in quads
        )
        print(f"copy {copy}: {len(out):,} quads", flush=True)
    out.optimize()
    out.flush()
    return len(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", help="store URL of the ingested corpus (oxigraph:PATH)")
    parser.add_argument("target", help="path of the new store")
    parser.add_argument("--triples", type=int, default=1_000_000)
    args = parser.parse_args()
    start = time.perf_counter()
    total = scale(args.source, args.target, args.triples)
    print(f"{total:,} quads in {args.target} ({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
