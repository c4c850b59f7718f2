"""One guard for an event noun's possessor: a light verb's object is the subject's own event, not another's.

'X extended his condolences to Y' is X's act; 'X cited Y's support for Z' and 'X mentioned her support
for Z' (she being another) report Y's or her act, which is read as a nominal event of its own.
Hand-written sentences.
"""

from __future__ import annotations

import pytest


def relations(nlp, text: str, date: str | None = "2022-03-01") -> set[tuple[str, str, str | None]]:
    """(subject label, object label, category) of each relation."""
    doc = nlp.make_doc(text)
    doc._.date = date
    for _, component in nlp.pipeline:
        doc = component(doc)
    return {(r.subject._.actor.label, r.object._.actor.label, r.sense and r.sense.category) for r in doc._.relations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject's own event: the light verb states it
        ("Mr Putin extended his condolences to Mrs Merkel.", ("Putin", "Merkel", "SUPPORT")),
        ("Mr Putin reiterated his support for Mrs Merkel.", ("Putin", "Merkel", "SUPPORT")),
    ],
)
def test_a_light_verb_states_the_subjects_own_event(nlp, text, expected):
    assert expected in relations(nlp, text), relations(nlp, text)


@pytest.mark.parametrize(
    ("text", "possessor"),
    [
        # a named possessor other than the subject
        ("Mr Putin mentioned Mrs Merkel's support for the Ukrainian government.", "Merkel"),
        # a pronoun possessor resolved to another than the subject
        ("Mrs Merkel arrived in Kyiv. Mr Putin mentioned her support for the Ukrainian government.", "Merkel"),
    ],
)
def test_another_possessors_event_is_theirs_not_the_subjects(nlp, text, possessor):
    found = relations(nlp, text)
    assert not any(s == "Putin" and o == "Ukraine" for s, o, _ in found), found
    assert (possessor, "Ukraine", "SUPPORT") in found, found
