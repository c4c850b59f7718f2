"""The error hierarchy of newsgraph.

Every error the tool raises on purpose is a :class:`NewsgraphError`. Each class carries the HTTP
status the API answers with and a short ``title``; the API and the CLI translate them at the edge,
and anything else that escapes is a bug (a logged 500).
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base class of the errors newsgraph raises on purpose."""

    status: int = 500
    title: str = "newsgraph error"


class InputError(NewsgraphError):
    """An input (file, JSONL line, article text) that cannot be read as an article."""

    status = 422
    title = "unreadable input"

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ExtractionError(NewsgraphError):
    """The pipeline failed on an article it had accepted."""

    status = 500
    title = "extraction failed"


class ModelNotFoundError(NewsgraphError):
    """The configured spaCy pipeline is not installed."""

    status = 500
    title = "spaCy model not installed"


__all__ = ["ExtractionError", "InputError", "ModelNotFoundError", "NewsgraphError"]
