"""Tokenizer rules for how news text is written on the web, on top of the model's own."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex

# "Mr Rehak(Slovakia)", "the ministry(MFA)": an opening bracket glued to the word before it is a
# token of its own, as it is after a space. Only letters on both sides, so "f(x)"-like code,
# "word(s)" plurals and numbers keep the model's tokenisation.
GLUED_BRACKET = r"(?<=[^\W\d_]{2})[(\[](?=[^\W\d_]{2})"
GLUED_CLOSING = r"(?<=[^\W\d_])[)\]](?=[^\W\d_]{2})"


def split_glued_brackets(nlp: Language) -> None:
    """Make ``nlp``'s tokenizer split brackets glued to a word ('Rehak(Slovakia)').

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> split_glued_brackets(nlp)
    >>> [t.text for t in nlp("Mr Rehak(Slovakia)and f(x)")]
    ['Mr', 'Rehak', '(', 'Slovakia', ')', 'and', 'f(x', ')']
    """
    infixes = [*(nlp.Defaults.infixes or ()), GLUED_BRACKET, GLUED_CLOSING]
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):  # a model may bring a tokenizer of another kind: left as it is
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


__all__ = ["split_glued_brackets"]
