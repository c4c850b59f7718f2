"""Text → typed relation records: spaCy components and the records they produce (no RDF here).

The names below are imported when first used (PEP 562), so that ``import extract.errors`` (every
module's errors, the CLI's store commands) does not build the record classes.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extract.errors import ExtractionError, InputError, ModelNotFoundError, NewsgraphError
    from extract.records import Actor, Article, Extraction, Mention, Relation, Sentence

_HOMES = {
    "ExtractionError": "extract.errors",
    "InputError": "extract.errors",
    "ModelNotFoundError": "extract.errors",
    "NewsgraphError": "extract.errors",
    "Actor": "extract.records",
    "Article": "extract.records",
    "Extraction": "extract.records",
    "Mention": "extract.records",
    "Relation": "extract.records",
    "Sentence": "extract.records",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'extract' has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)


__all__ = [
    "Actor",
    "Article",
    "ExtractionError",
    "Extraction",
    "InputError",
    "Mention",
    "ModelNotFoundError",
    "NewsgraphError",
    "Relation",
    "Sentence",
]
