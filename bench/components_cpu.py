"""CPU seconds of newsgraph's own components and records, apart from spaCy's, on the same corpus articles.

A benchmark, not a test. Parses the articles once through spaCy's components (timed one by one),
keeps the documents as bytes, then runs ``newsgraph_actors``, ``newsgraph_relations`` and
``records()`` ``--rounds`` times on fresh copies of them, printing each round's CPU seconds
(``time.thread_time``) and a digest of the records, so that two trees compare on the same
documents (run it with ``PYTHONPATH=TREE``; the digest must not move when only the speed does):

    .venv/bin/python bench/components_cpu.py [--articles 60] [--rounds 3]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest_speed import CORPUS, sample  # noqa: E402

NEWSGRAPH = ("newsgraph_actors", "newsgraph_relations")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from spacy.tokens import DocBin

    from extract.articles import article_from_json
    from extract.pipeline import load_pipeline, make_doc, records

    nlp = load_pipeline()
    articles = [article_from_json(row, "corpus") for row in sample(args.corpus, args.articles)]
    docs = [make_doc(nlp, a) for a in articles]
    spacy_cpu = {}
    for name, component in nlp.pipeline:
        if name not in NEWSGRAPH:
            start = time.thread_time()
            docs = list(component.pipe(docs, batch_size=32))  # type: ignore[attr-defined]
            spacy_cpu[name] = time.thread_time() - start
    print("spaCy's components, CPU s:", "  ".join(f"{k} {v:.2f}" for k, v in spacy_cpu.items()), flush=True)
    parsed = DocBin(store_user_data=True, docs=docs).to_bytes()
    for _ in range(args.rounds):
        docs = list(DocBin().from_bytes(parsed).get_docs(nlp.vocab))
        cpu = {}
        for name in NEWSGRAPH:
            component, start = nlp.get_pipe(name), time.thread_time()
            docs = [component(d) for d in docs]
            cpu[name] = time.thread_time() - start
        start = time.thread_time()
        out = [records(d, a) for d, a in zip(docs, articles, strict=True)]
        cpu["records"] = time.thread_time() - start
        digest = hashlib.sha1(repr([(e.mentions, e.relations) for e in out]).encode()).hexdigest()[:12]
        print(
            "  ".join(f"{k} {v:.3f}" for k, v in cpu.items()),
            f"total {sum(cpu.values()):.3f} CPU s  records {digest}",
            flush=True,
        )


if __name__ == "__main__":
    main()
