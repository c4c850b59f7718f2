"""Small readings of the parse shared by the construction families: compounds, idioms, conditions, topics."""

from __future__ import annotations

from spacy.tokens import Token

from extract.lexicon import Sense, load_lexicon
from extract.relations.vocabulary import COOPERATIVE, GROUPS, JUDGEMENTS, PRACTICE_SUFFIXES, QUANTITIES, SPEECH_ACTS


def compound(noun: Token) -> str:
    """'hunger strike' for the head of that compound, else ''."""
    words = [c.lower_ for c in noun.lefts if c.dep_ == "compound"]
    return " ".join([*words, noun.lower_]) if words else ""


def topic(prep: Token, sense: Sense | None) -> bool:
    """'an agreement on X', 'talks on X': 'on' names what a cooperative event is about, not a party."""
    return prep.lower_ == "on" and sense is not None and sense.category in COOPERATIVE


def listed(token: Token) -> list[Token]:
    """'The UK, the Coalition and Iraq' parsed as an apposition whose head is coordinated: the
    appositive and its conjuncts are further members of the list, not another name for the first."""
    return [
        m
        for a in token.children
        if a.dep_ == "appos" and a._.mention is not None and any(c.dep_ == "cc" for c in a.children) and a.conjuncts
        for m in (a, *a.conjuncts)
    ]


def practice(noun: Token) -> bool:
    """A noun naming a practice or quality, not an action ('terrorism', 'atrocity', 'violence'):
    its 'of' phrase names who practises it ('the terrorism of X'), where an action noun's names
    what is acted on ('the bombing of X', 'the occupation of X')."""
    return noun.pos_ == "NOUN" and noun.lemma_.lower().endswith(PRACTICE_SUFFIXES)


def across_paragraphs(a: Token, b: Token) -> bool:
    """Whether a paragraph break lies between two tokens: a headline run into the next line
    ('... in the fight against ISIL\n\nMinister Ellwood said') is no phrase of the headline."""
    start, end = sorted((a.i, b.i))
    return any(t.is_space and "\n" in t.text for t in a.doc[start:end])


def condition(verb: Token) -> bool:
    """A verb of an 'if' or 'unless' clause ('unless X arranged a ceasefire with Y'): what it names has
    not happened; its subject is whom a threat or promise is made to, not an actor of an event."""
    clause = verb.head if verb.dep_ == "conj" else verb
    return clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children)


def counted(noun: Token) -> list[Token]:
    """A noun and, for a group or quantity, what it counts: 'a mission of observers' → mission, observers."""
    if noun.lemma_.lower() not in QUANTITIES | GROUPS:
        return [noun]
    return [
        noun,
        *(o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"),
    ]


def idiom_tail(token: Token) -> bool:
    """The second noun of 'shoulder to shoulder', 'side by side', 'hand in hand', which the parser
    may read as a verb: the phrase is a manner adverbial of the verb before it."""
    doc = token.doc
    return (
        token.i >= 2
        and doc[token.i - 1].lower_ in ("to", "by", "in")
        and doc[token.i - 2].lower_ == token.lower_
        and token.lower_.isalpha()
    )


def infinitival(clause: Token) -> bool:
    """A clause with an infinitive marker: 'to defeat X'."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children)


def speech_act(verb: Token) -> bool:
    """'demanding', 'condemning', 'rejecting', 'threatening': what a statement can do."""
    sense = load_lexicon().sense(verb.lemma_.lower())
    return sense is not None and sense.category in SPEECH_ACTS


def judges(verb: Token, noun: Token) -> bool:
    """'condemned the attacks', 'welcomed the offensive': a verb of judgement on an event noun."""
    lex = load_lexicon()
    own = lex.patterns.get((verb.lemma_.lower(), "-"))
    return own is not None and own.category in JUDGEMENTS and lex.noun_sense(noun.lemma_) is not None
