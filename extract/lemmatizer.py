"""spaCy's English rule lemmatizer with every answer remembered: the same lemmas, at a fraction of the cost.

Two costs of spaCy's rule lemmatizer, neither of which changes a lemma when removed:

- each candidate form is looked up in the model's word index with ``in`` on a *list* (57,528
  nouns, 20,993 verbs): the index here is the same list with a set beside it for ``in``;
- the answer for a token depends only on its text, part of speech and morphology, but spaCy caches
  only some answers (not base forms) and walks the document token by token in Python.
  :class:`CachedLemmatizer` reads those three columns with ``Doc.to_array``, asks spaCy's own
  ``lemmatize`` once per new combination, and writes the lemmas back with ``Doc.from_array``.
"""

from __future__ import annotations

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.tokens import Doc

NAME = "newsgraph_lemmatizer"


class Members(list):
    """A list of words whose ``in`` is a set look-up; not to be changed once made."""

    def __init__(self, words) -> None:
        super().__init__(words)
        self._set = frozenset(self)

    def __contains__(self, word: object) -> bool:
        return word in self._set


def indexed(lookups: Lookups) -> Lookups:
    """``lookups`` with each word list of its ``lemma_index`` table as :class:`Members` (the other tables shared)."""
    out = Lookups()
    for name in lookups.tables:
        out.set_table(name, lookups.get_table(name))
    if "lemma_index" in lookups.tables:
        index = Table(name="lemma_index")
        for pos, words in lookups.get_table("lemma_index").items():
            index[pos] = Members(words)
        out.set_table("lemma_index", index)
    return out


class CachedLemmatizer(EnglishLemmatizer):
    """An :class:`EnglishLemmatizer` in rule mode whose answers are cached for every (text, POS, morphology)."""

    def __call__(self, doc: Doc) -> Doc:
        if not self._validated:
            self._validate_tables(Errors.E1004)
        answers: dict[tuple[int, int, int], int] = self.__dict__.setdefault("_answers", {})
        try:
            rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
            lemmas = rows[:, 3].copy()
            for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
                if lemma and not self.overwrite:
                    continue  # set before (the attribute ruler's exceptions): kept, as spaCy does
                key = (orth, pos, morph)
                value = answers.get(key)
                if value is None:
                    value = answers[key] = doc.vocab.strings.add(self.lemmatize(doc[i])[0])
                lemmas[i] = value
            doc.from_array([LEMMA], lemmas)  # type: ignore[arg-type]  # a uint64 column, as to_array gave
            return doc
        except Exception as e:
            self.get_error_handler()(self.name, self, [doc], e)
            return doc


@Language.factory(NAME, default_config={"overwrite": False})
def make_lemmatizer(nlp: Language, name: str, overwrite: bool) -> CachedLemmatizer:
    """A rule-mode :class:`CachedLemmatizer`; its tables come from the lemmatizer it replaces."""
    return CachedLemmatizer(nlp.vocab, None, name, mode="rule", overwrite=overwrite)


def cache_lemmas(nlp: Language) -> None:
    """Replace ``nlp``'s lemmatizer by a :class:`CachedLemmatizer` with the same tables and settings,
    when it is spaCy's English rule lemmatizer (any other is left as it is).

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> cache_lemmas(nlp)
    >>> nlp.pipe_names
    []
    """
    if "lemmatizer" not in nlp.pipe_names:
        return
    old = nlp.get_pipe("lemmatizer")
    if type(old) is not EnglishLemmatizer:
        return
    assert isinstance(old, EnglishLemmatizer)
    if old.mode != "rule":
        return
    new = nlp.replace_pipe("lemmatizer", NAME, config={"overwrite": old.overwrite})
    assert isinstance(new, CachedLemmatizer)
    new.lookups = indexed(old.lookups)


__all__ = ["NAME", "CachedLemmatizer", "Members", "cache_lemmas", "indexed", "make_lemmatizer"]
