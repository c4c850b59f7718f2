"""Text → typed relation records: spaCy components and the records they produce (no RDF here)."""

from extract.errors import ExtractionError, InputError, ModelNotFoundError, NewsgraphError
from extract.records import Actor, Article, Extraction, Mention, Relation, Sentence

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
