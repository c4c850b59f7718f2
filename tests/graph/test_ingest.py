"""Article lifecycle: idempotent ingest, replacement of a new version, removal."""

from __future__ import annotations

from extract.records import Article
from graph.ingest import IngestReport, ingest, remove_article
from graph.terms import NG

TEXT = "Emmanuel Macron met with Angela Merkel in Berlin. Joe Biden criticised Russia."
ASK_MET = f"ASK {{ ?a <{NG}metWith> ?b }}"
ASK_BIDEN = "ASK { ?a <http://www.w3.org/2000/01/rdf-schema#label> \"Joe Biden\" }"


def test_reingesting_the_same_article_changes_nothing(store, nlp):
    first = ingest(store, nlp, [Article(id="a1", text=TEXT)])
    size = store.count()
    second = ingest(store, nlp, [Article(id="a1", text=TEXT)])
    assert (first.articles, second.articles, second.unchanged) == (1, 0, 1)
    assert store.count() == size


def test_new_version_replaces_old_triples(store, nlp):
    ingest(store, nlp, [Article(id="a1", text=TEXT)])
    report = ingest(store, nlp, [Article(id="a1", text="Emmanuel Macron met with Angela Merkel in Berlin.")])
    assert report.replaced == 1
    assert bool(store.query(ASK_MET))
    assert not bool(store.query(ASK_BIDEN)), "an actor only the old version mentioned must go"


def test_remove_keeps_actors_other_articles_mention(store, nlp):
    ingest(store, nlp, [Article(id="a1", text=TEXT), Article(id="a2", text="Joe Biden met with Angela Merkel.")])
    assert remove_article(store, "a1")
    assert bool(store.query(ASK_BIDEN))
    assert not bool(store.query("ASK { ?a <http://www.w3.org/2000/01/rdf-schema#label> \"Emmanuel Macron\" }"))
    assert not remove_article(store, "a1")


def test_failed_inputs_are_reported_and_the_batch_goes_on(store, nlp):
    from extract.errors import InputError

    report = ingest(store, nlp, [InputError("x.txt", "empty article"), Article(id="a1", text=TEXT)])
    assert report.articles == 1 and [str(f) for f in report.failures] == ["x.txt: empty article"]
    assert isinstance(report, IngestReport) and not report.ok
