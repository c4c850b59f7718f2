"""The ``newsgraph_relations`` component: runs the registered extractors over each sentence."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Token

from extract.lexicon import load_lexicon
from extract.relations.candidate import Candidate
from extract.relations.parties import paired, resolve
from extract.relations.postprocess import deduplicate, interactions, prefer_main_clause
from extract.relations.verbs import repair_lemma

Extractor = Callable[[Token], list[Candidate]]

if not Doc.has_extension("relations"):
    Doc.set_extension("relations", default=None)


class RelationsComponent:
    """Verb events from each verb, nominal events from each noun that is no actor, then post-processing."""

    def __init__(
        self, nlp: Language, name: str, max_sentence_tokens: int, verb_events: Extractor, nominal_events: Extractor
    ) -> None:
        self.name = name
        self.max_sentence_tokens = max_sentence_tokens
        self.lexicon = load_lexicon()
        self.verb_events = verb_events
        self.nominal_events = nominal_events

    def __call__(self, doc: Doc) -> Doc:
        found: list[Candidate] = []
        history: list[list[Candidate]] = []  # each sentence's interactions, for "the leaders" after them
        for sent in doc.sents:
            if len(sent) > self.max_sentence_tokens:
                continue  # pathological "sentences" (tables, lists) are not parsed for events
            resolve(sent, history)
            before = len(found)
            for token in sent:
                if token.pos_ == "VERB":
                    repair_lemma(self.lexicon, token)
            for token in sent:
                if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "prep"):
                    found.extend(self.verb_events(token))
                if token.pos_ in ("NOUN", "PROPN") and token._.mention is None:
                    found.extend(self.nominal_events(token))
            found[before:] = [c for c in found[before:] if paired(c)]
            history.append(interactions(found[before:]))
        doc._.relations = prefer_main_clause(deduplicate(interactions(found)))
        return doc
