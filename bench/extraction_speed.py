"""How much newsgraph's extraction adds to spaCy's own pipeline, on real corpus articles.

A benchmark, not a test: it prints the time spaCy's components take on a sample of articles,
the time newsgraph's components and record building take on top, and their ratio (target ≤ 25%).

    .venv/bin/python bench/extraction_speed.py [--corpus ../shared/corpus] [--articles 100] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from extract.pipeline import NEWSGRAPH_COMPONENTS, load_pipeline, records
from extract.records import Article


def sample(corpus: Path, n: int, seed: int) -> list[Article]:
    articles = []
    for path in sorted(corpus.glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                articles.append(Article(id=row["id"], text=row["text"], date=row.get("date")))
    random.Random(seed).shuffle(articles)
    return articles[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    nlp = load_pipeline()
    articles = sample(args.corpus, args.articles, args.seed)
    for article in articles[:3]:  # warm up: lazy loads (inflection tables, caches) are not per-article cost
        records(nlp(article.text), article)
    spacy_time = newsgraph_time = 0.0
    per_component: dict[str, float] = {name: 0.0 for name in NEWSGRAPH_COMPONENTS}
    per_component["records"] = 0.0
    relations = 0
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.date = article.date
        for name, component in nlp.pipeline:
            start = time.perf_counter()
            doc = component(doc)
            elapsed = time.perf_counter() - start
            if name in NEWSGRAPH_COMPONENTS:
                newsgraph_time += elapsed
                per_component[name] += elapsed
            else:
                spacy_time += elapsed
        start = time.perf_counter()
        relations += len(records(doc, article).relations)
        per_component["records"] += time.perf_counter() - start
        newsgraph_time += time.perf_counter() - start
    words = sum(len(a.text.split()) for a in articles)
    print(f"articles {len(articles)}  words {words}  relations {relations}")
    print(f"spaCy pipeline   {spacy_time:7.2f} s")
    components = ", ".join(f"{k} {v:.2f} s" for k, v in per_component.items())
    print(f"newsgraph        {newsgraph_time:7.2f} s  ({components})")
    print(f"overhead         {100 * newsgraph_time / spacy_time:6.1f} % of spaCy's time (target ≤ 25 %)")


if __name__ == "__main__":
    main()
