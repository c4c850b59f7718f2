"""Worker results: records travel back without their article's text and are given it back in the parent;
the parent of worker processes never imports spaCy; the workers share one load of the pipeline."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from extract.errors import ExtractionError
from extract.parallel import PipelineSpec, ProcessPool, loaded_by, rejoin
from extract.records import Article, Extraction

BATCH = [Article("a1", "Nothing happened.", url="https://example.org/1"), Article("a2", "Nobody came.")]


@pytest.mark.parametrize(
    "results",
    [
        [Extraction(Article("a1", "")), Extraction(Article("a2", ""))],
        [ExtractionError("a1: the pipeline failed"), Extraction(Article("a2", ""))],
    ],
    ids=["records", "a failure among them"],
)
def test_rejoin_gives_records_their_articles(results):
    failures = [r for r in results if not isinstance(r, Extraction)]
    out = rejoin(BATCH, list(results))
    assert [r for r in out if not isinstance(r, Extraction)] == failures
    assert [r.article for r in out if isinstance(r, Extraction)] == BATCH[len(failures) :]


@pytest.mark.parametrize(
    "results",
    [[Extraction(Article("a2", "")), Extraction(Article("a1", ""))], [Extraction(Article("a1", ""))]],
    ids=["out of order", "one missing"],
)
def test_rejoin_refuses_results_of_other_articles(results):
    with pytest.raises((ExtractionError, ValueError)):
        rejoin(BATCH, results)


def test_an_ingest_from_workers_never_imports_spacy_in_its_process():
    script = textwrap.dedent("""
        import sys
        from extract.parallel import Extractor
        from extract.records import Article, Extraction
        from graph.ingest import ingest
        from graph.store import open_store

        class Canned(Extractor):  # stands for worker processes: records made elsewhere
            workers = 2

            def map(self, batches):
                for batch in batches:
                    yield [Extraction(article) for article in batch]

        report = ingest(open_store("memory:"), None, [Article("a1", "Nothing happened.")], extractor=Canned())
        assert report.articles == 1, report
        assert "spacy" not in sys.modules and "thinc" not in sys.modules, "spaCy was imported"
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_workers_are_forked_with_the_pipeline_loaded_once():
    """Every worker finds the pipeline loaded by one other process (the fork server), not by itself or the caller."""
    import os

    spec = PipelineSpec()
    with ProcessPool(spec, 2) as pool:
        answers = {pool._pool.submit(loaded_by, spec).result() for _ in range(8)}
        assert [r.article.id for r in next(pool.map([[Article("a1", "Putin called Maduro.")]]))] == ["a1"]
    workers, loaders = {pid for pid, _ in answers}, {loader for _, loader in answers}
    assert len(loaders) == 1 and None not in loaders, answers
    assert loaders.isdisjoint(workers | {os.getpid()}), answers


def test_a_pool_closed_while_its_workers_start_closes_cleanly():
    """The workers start in a thread (the caller goes on meanwhile): closing the pool at once waits for them
    and stops them, and the next pool works."""
    spec = PipelineSpec()
    ProcessPool(spec, 2).close()
    with ProcessPool(spec, 2) as pool:
        assert [r.article.id for r in next(pool.map([BATCH]))] == ["a1", "a2"]
