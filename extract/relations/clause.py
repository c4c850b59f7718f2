"""The verb clause an event is read from: what every target finder and verb rule looks at."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from extract.lexicon import Sense, load_lexicon


@dataclass(frozen=True, slots=True)
class VerbClause:
    """A verb, the lemma it is looked up by, its sense in its clause and the verb that governs it.

    ``clause`` is the sense from the verb's object nouns and phrases ("signed a treaty"), ``own``
    the bare verb's; ``governor`` the governing verb of threat, refusal, demand or promise and its sense.
    """

    verb: Token
    lemma: str
    clause: Sense | None
    governor: tuple[Sense, Token] | None

    @property
    def own(self) -> Sense | None:
        return load_lexicon().sense(self.lemma)
