"""The actors package: its spaCy factory and its resolver in spaCy's registry under a versioned name."""

from __future__ import annotations

from spacy.util import registry

from extract.actors import RESOLVER_NAME, ActorResolver


def test_the_resolver_is_registered_under_a_versioned_name():
    assert RESOLVER_NAME.startswith("newsgraph.ActorResolver.v")
    assert registry.misc.get(RESOLVER_NAME)() is ActorResolver


def test_the_component_uses_the_registered_resolver(nlp):
    config = nlp.get_pipe_config("newsgraph_actors")
    assert config["resolver"] == {"@misc": RESOLVER_NAME}
    assert nlp.get_pipe("newsgraph_actors").resolver is ActorResolver
