"""The resolver's kept answers follow the mentions they were read from (``ResolverBase.revision``)."""

from __future__ import annotations

import pytest

from extract.actors.resolver import ActorResolver
from extract.records import Actor

SPEAKER = Actor("dana-reyes", "Dana Reyes", "PERSON")
BODY = Actor("norvale", "Norvale", "ORG")


@pytest.fixture
def resolver(nlp):
    """A resolver over a parsed sentence with only its speaker's name mentioned: 'Norvale CEO Dana Reyes'."""
    doc = nlp.make_doc("Norvale CEO Dana Reyes said: we will drill again, and we will grow.")
    for name, component in nlp.pipeline:
        if not name.startswith("newsgraph"):
            doc = component(doc)
    resolver = ActorResolver(doc, nlp.get_pipe("newsgraph_actors").gazetteer, 2)
    resolver.add(doc[2:4], SPEAKER, "name")
    return resolver


def test_a_side_kept_for_a_speaker_follows_a_new_name(resolver):
    assert resolver.side_of(SPEAKER) == SPEAKER  # an office, but no body named in it yet
    resolver.add(resolver.doc[0:1], BODY, "name")
    assert resolver.side_of(SPEAKER) == BODY


def test_a_side_kept_for_a_speaker_follows_a_removed_name(resolver):
    resolver.add(resolver.doc[0:1], BODY, "name")
    assert resolver.side_of(SPEAKER) == BODY
    resolver.remove(resolver.doc[0:1])
    assert resolver.side_of(SPEAKER) == SPEAKER


@pytest.mark.parametrize(("how", "moves"), [("pronoun", False), ("name", True), ("description", True)])
def test_only_a_pronoun_s_mention_leaves_the_revision(resolver, how, moves):
    before = resolver.revision
    we = next(t for t in resolver.doc if t.lower_ == "we")
    resolver.add(resolver.doc[we.i : we.i + 1], BODY, how)
    assert (resolver.revision != before) == moves


def test_on_behalf_of_reads_only_the_words_before_the_pronoun(nlp):
    doc = nlp('"On behalf of the Senate," wrote Senator Omar Bell, "we thank you." We left on behalf of Acme.')
    found = {(m.text, m._.actor.label) for m in doc._.mentions if m._.resolved_by == "pronoun"}
    assert ("we", "Senate") in found
    assert all(label != "Acme" for _, label in found)
