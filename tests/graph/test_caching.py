"""Caches of values derived from a store key on the store's identity and write generation, and are bounded."""

from __future__ import annotations

import gc

import pytest

from graph.actor_index import cached_actor_index
from graph.analytics import cached_interaction_graph
from graph.caching import PerGeneration
from graph.store import open_store
from graph.terms import ACTORS_GRAPH, RDF_TYPE, RDFS_LABEL, actor_iri, article_iri, ng


def _store_with(actor: str):
    """A fresh in-memory store whose only actor is ``actor``, subject of one relation."""
    store = open_store("memory:")
    a, b, g = actor_iri(actor), actor_iri(f"{actor}-partner"), article_iri(f"article-{actor}")
    store.update(f"""INSERT DATA {{
        GRAPH {ACTORS_GRAPH} {{ {a} {RDF_TYPE} {ng("Actor")} ; {RDFS_LABEL} "{actor}" }}
        GRAPH {g} {{ <urn:relation> {ng("subject")} {a} ; {ng("object")} {b} ; {ng("negated")} false }} }}""")
    return store


@pytest.mark.parametrize(
    "cached, own",
    [
        (lambda store: [a["label"] for a in cached_actor_index(store).search()], lambda key: [key]),
        (
            lambda store: sorted(cached_interaction_graph(store, store.generation).nodes),
            lambda key: [key, f"{key}-partner"],
        ),
    ],
    ids=["actor-index", "interaction-graph"],
)
def test_a_fresh_store_never_gets_a_dead_stores_value(cached, own):
    # Fresh stores made and dropped in turn often reuse one id(): a cache keyed on it answered
    # 16 of 50 with the previous store's value.
    for i in range(50):
        store = _store_with(f"actor-{i}")
        assert cached(store) == own(f"actor-{i}")
        del store


def test_stores_that_share_an_id_never_share_a_value(monkeypatch):
    import graph.caching

    # The worst case of id() reuse, made certain: every object has the same id() in graph.caching.
    monkeypatch.setattr(graph.caching, "id", lambda _: 42, raising=False)
    cache = PerGeneration(lambda store: [a["label"] for a in cached_actor_index(store).search()])
    first, second = _store_with("first"), _store_with("second")
    assert (cache(first), cache(second), cache(first)) == (["first"], ["second"], ["first"])


def test_values_follow_the_stores_generation():
    builds: list[int] = []
    cache = PerGeneration(lambda store: builds.append(store.generation) or len(builds))
    store = open_store("memory:")
    assert (cache(store), cache(store)) == (1, 1)
    store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert (cache(store), cache(store)) == (2, 2)


def test_the_cache_is_bounded_and_forgets_dead_stores():
    cache: PerGeneration[int] = PerGeneration(lambda store: 0, max_stores=3)
    stores = [open_store("memory:") for _ in range(10)]
    for store in stores:
        cache(store)
    assert len(cache) == 3  # the three asked for last
    del stores, store
    gc.collect()
    assert len(cache) == 0
