"""Polarity, modality and attribution on small hand-written sentences (not the gold files' text).

Each case names the event's head word; the qualifiers are read off the real parse.
"""

from __future__ import annotations

import pytest

from extract.pipeline import extract
from extract.qualifiers import attribution, hedged, modality, negated, reported
from extract.records import Article


def head(nlp, text: str, word: str):
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Chile did not sign the treaty with Peru.", "sign", True),
        ("Chile didn't sign the treaty with Peru.", "sign", True),
        ("Chile never criticised Peru.", "criticised", True),
        ("Chile no longer supports the rebels.", "supports", True),
        ("Chile could not agree with Peru.", "agree", True),
        ("Chile cannot trust Peru.", "trust", True),
        ("Chile has not condemned Peru.", "condemned", True),
        ("Chile failed to reach a deal with Peru.", "reach", True),
        ("Chile denied arming the rebels.", "arming", True),
        ("Chile denied that its navy had shelled Peru.", "shelled", True),
        ("Chile refrained from attacking Peru.", "attacking", True),
        ("Chile avoided meeting Peruvian officials.", "meeting", True),
        ("Chile left the summit without meeting Peru's president.", "meeting", True),
        ("No country recognised the new government.", "recognised", True),
        ("Neither Chile nor Bolivia criticised Peru.", "criticised", True),
        ("Chile held no talks with Peru.", "talks", True),
        ("Chile has not met or called Peru.", "called", True),
        # two negations cancel
        ("Chile did not fail to support Peru.", "support", False),
        ("Chile never failed to pay Peru.", "pay", False),
        # a refusal is an event of its own (REJECT), not a negation of it
        ("Chile refused to meet Peru.", "refused", False),
        ("Chile rejected Peru's offer.", "rejected", False),
        # negation of another clause stays there
        ("Chile has not met Bolivia and called Peru.", "called", False),
        ("The minister did not say that Chile attacked Peru.", "attacked", False),
        ("Chile criticised Peru.", "criticised", False),
        ("Chile's navy, which did not take part, blockaded Peru.", "blockaded", False),
        # the negation of an obligation is the obligation's: nothing is said not to have happened
        ("Chile does not have to compensate Peru.", "compensate", False),
        ("Chile need not apologise to Peru.", "apologise", False),
        ("Chile is not obliged to consult Peru.", "consult", False),
        ("Chile does not need to consult Peru.", "consult", False),
        ("Chile did not have talks with Peru.", "have", True),  # "have" with no infinitive is no obligation
    ],
)
def test_negated(nlp, text, word, expected):
    assert negated(head(nlp, text, word)) is expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # conditions and their consequences
        ("If Chile attacks Peru, Bolivia will respond.", "attacks", "hypothetical"),
        ("Chile will withdraw its ambassador unless Peru apologises.", "apologises", "hypothetical"),
        ("If the talks fail, Chile will sanction Peru.", "sanction", "hypothetical"),
        ("The senator asked whether Chile would back Peru.", "back", "hypothetical"),
        ("Analysts wonder whether Chile will support Peru.", "support", "hypothetical"),
        # questions
        ("Will Chile support Peru?", "support", "hypothetical"),
        ("Did Chile invite Peru's foreign minister?", "invite", "hypothetical"),
        # ... also when the event is the complement of the question's clause
        ("Do you think that Chile will attack Peru?", "attack", "hypothetical"),
        ("Is it true that Chile armed the rebels?", "armed", "hypothetical"),
        ("Why do you think Chile expelled Peru's ambassador?", "expelled", "asserted"),
        ("Why did Chile expel Peru's ambassador?", "expel", "asserted"),  # a why-question presupposes the event
        # modals, obligations, wishes about others
        ("Chile could impose sanctions on Peru.", "impose", "hypothetical"),
        ("Chile might attack Peru.", "attack", "hypothetical"),
        ("Chile should apologise to Peru.", "apologise", "hypothetical"),
        ("The company is obliged to notify the regulator.", "notify", "hypothetical"),
        ("The minister hoped that Chile would negotiate with Peru.", "negotiate", "hypothetical"),
        ("Chile has to compensate Peru.", "compensate", "hypothetical"),
        ("Chile needs to consult Peru first.", "consult", "hypothetical"),
        ("Chile does not have to compensate Peru.", "compensate", "hypothetical"),
        ("Chile need not apologise to Peru.", "apologise", "hypothetical"),
        ("Chile has compensated Peru.", "compensated", "asserted"),
        # intentions, plans and promises
        ("Chile will visit Peru next week.", "visit", "intended"),
        ("Chile is going to meet Peru.", "meet", "intended"),
        ("Chile plans to meet Peru's president.", "meet", "intended"),
        ("Chile pledged to help Peru.", "help", "intended"),
        ("Chile hopes to meet Peru's president.", "meet", "intended"),
        ("Chile is ready to negotiate with Peru.", "negotiate", "intended"),
        ("The minister said Chile would host Peru.", "host", "intended"),
        # saying one wants to do a speech act does it
        ("I would like to thank our colleagues from Peru.", "thank", "asserted"),
        ("We want to congratulate the people of Peru.", "congratulate", "asserted"),
        ("I wish to extend my warmest greetings to the people of Peru.", "extend", "asserted"),
        ("I would like to express our condolences to Peru.", "express", "asserted"),
        ("Let me congratulate the Peruvian team.", "congratulate", "asserted"),
        ("Allow me to thank our hosts from Peru.", "thank", "asserted"),
        ("I would like to thank Peru for hosting the summit.", "hosting", "asserted"),  # what one thanks for was done
        ("I would like to ask Peru to host the summit.", "host", "hypothetical"),
        ("I would like to ask the minister to report on Peru.", "ask", "asserted"),
        # ... but wanting to do something else is an intention, and so is another's wish
        ("I want to visit Peru next year.", "visit", "intended"),
        ("We plan to thank the people of Peru.", "thank", "intended"),
        ("The minister wants to congratulate Peru.", "congratulate", "intended"),
        ("I would like to extend the treaty with Peru.", "extend", "hypothetical"),
        # facts
        ("Chile met Peru's president on Monday.", "met", "asserted"),
        ("As Chile fights the rebels, Peru will try to help.", "fights", "asserted"),
        ("Chile will send envoys to discuss the border with Peru.", "discuss", "intended"),
        ("Chile said it had met Peru's president.", "met", "asserted"),
    ],
)
def test_modality(nlp, text, word, expected):
    assert modality(head(nlp, text, word)) == expected


@pytest.mark.parametrize(
    ("text", "word", "source"),
    [
        ("The minister said that Chile attacked Peru.", "attacked", "minister"),
        ("Chile attacked Peru, the minister said.", "attacked", "minister"),
        ("According to the minister, Chile attacked Peru.", "attacked", "minister"),
        ("Bolivia claimed Chile had armed the rebels.", "armed", "Bolivia"),
        ("Bolivia accused Chile of arming the rebels.", "arming", "Bolivia"),
        ("The envoy underscored that Chile had shelled Peru.", "shelled", "envoy"),
        ("The envoy pointed out that Chile had armed the rebels.", "armed", "envoy"),
        ("The envoy explained that Chile had expelled Peru's diplomats.", "expelled", "envoy"),
        ("The envoy made a point of noting that Chile had attacked Peru.", "attacked", "envoy"),
        ("The envoy arrived and said that Chile had attacked Peru.", "attacked", "envoy"),
        ("It was reported by the agency that Chile shelled Peru.", "shelled", "agency"),
        ("Chile attacked Peru.", "attacked", None),
        ("Chile allegedly attacked Peru.", "attacked", None),
    ],
)
def test_attribution(nlp, text, word, source):
    found = attribution(head(nlp, text, word))
    assert (found.text if found is not None else None) == source


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Chile allegedly attacked Peru.", "attacked", True),
        ("Chile reportedly shelled Peru.", "shelled", True),
        ("Chile is said to have attacked Peru.", "attacked", True),
        ("The minister said that Chile attacked Peru.", "attacked", False),  # named: attribution, not a hedge
        ("Chile attacked Peru.", "attacked", False),
    ],
)
def test_hedged(nlp, text, word, expected):
    assert hedged(head(nlp, text, word)) is expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("The minister said that Chile attacked Peru.", "attacked", True),
        ("Chile reportedly shelled Peru.", "shelled", True),
        ("Chile attacked Peru.", "attacked", False),
    ],
)
def test_reported(nlp, text, word, expected):
    assert reported(head(nlp, text, word)) is expected


@pytest.mark.parametrize(
    ("text", "pair", "negated_", "modality_", "source"),
    [
        ("Joe Biden did not criticise Russia.", ("Joe Biden", "Russia"), True, "asserted", None),
        ("Joe Biden will visit Mexico.", ("Joe Biden", "Mexico"), False, "intended", None),
        ("Russia could attack Ukraine.", ("Russia", "Ukraine"), False, "hypothetical", None),
        (
            "Emmanuel Macron said that Russia attacked Ukraine.",
            ("Russia", "Ukraine"),
            False,
            "asserted",
            "Emmanuel Macron",
        ),
    ],
)
def test_relation_records_carry_the_flags(nlp, text, pair, negated_, modality_, source):
    relations = extract(nlp, Article(id="t", text=text, date="2021-06-01")).relations
    found = [r for r in relations if (r.subject.actor.label, r.object.actor.label) == pair]
    assert found, [(r.subject.actor.label, r.object.actor.label) for r in relations]
    r = found[0]
    assert (r.negated, r.modality) == (negated_, modality_)
    assert (r.attributed_to.actor.label if r.attributed_to else None) == source
