"""Articles: list, one article with its relations, and ingestion (behind the write token)."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from api.auth import WriterDep
from api.deps import SettingsDep, StoreDep, WritesDep
from api.models import ArticleDetail, ArticleItem, Ingested, Page, page
from extract.errors import InputError
from graph.integrity import article_count
from graph.queries import find_articles, find_relations, resolve_article

router = APIRouter(prefix="/articles", tags=["articles"])


@router.get("", response_model=Page[ArticleItem])
def list_articles(store: StoreDep, request: Request, limit: Annotated[int, Query(ge=1, le=500)] = 50,
                  offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> dict:
    """Articles, newest first, with their relation counts."""
    return page(find_articles(store, limit, offset), limit, offset, request.url, article_count(store))


@router.get("/{article_id:path}", response_model=ArticleDetail)
def article(store: StoreDep, article_id: str) -> dict:
    """One article's metadata and relations (``id``: the article id or IRI)."""
    iri = resolve_article(store, article_id)
    meta = find_articles(store, 1, 0, article=iri)
    return {**(meta[0] if meta else {"iri": iri.value}), "relations": find_relations(store, article=iri, limit=1000)}


@router.post("", status_code=201, response_model=Ingested, openapi_extra={"requestBody": {"content": {
    "application/json": {"schema": {"oneOf": [
        {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}, "id": {"type": "string"}}},
        {"type": "array", "items": {"type": "object", "required": ["text"],
                                    "properties": {"text": {"type": "string"}, "id": {"type": "string"}}}}]}},
    "application/x-ndjson": {"schema": {"type": "string"}},
    "text/plain": {"schema": {"type": "string"}},
}}})
async def post_articles(request: Request, _: WriterDep, writes: WritesDep, settings: SettingsDep,
                        id: Annotated[str | None, Query(max_length=200,
                                                        description="article id for text/plain")] = None) -> dict:
    """Ingest articles (needs ``Authorization: Bearer <token>``): plain text, a JSON article record
    (``{"id", "text", "title", "date", "url", "source"}``), a JSON array of them, or JSON lines."""
    from extract.articles import article_from_json, check_text
    from extract.records import Article

    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("request", "the body is not UTF-8") from None
    if content_type == "text/plain":
        clean = check_text(text, "request")
        articles = [Article(id=id or Article(id="", text=clean).content_hash[:16], text=clean)]
    elif content_type in ("application/json", "application/x-ndjson", "application/jsonl"):
        try:
            if content_type == "application/json":
                data = json.loads(text)
                records = data if isinstance(data, list) else [data]
            else:
                records = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as error:
            raise InputError("request", f"invalid JSON: {error}") from None
        if not records:
            raise InputError("request", "no articles")
        articles = [article_from_json(r, f"article {i}", settings.max_article_bytes) for i, r in enumerate(records)]
    else:
        raise InputError("request", f"unsupported content type {content_type or '(none)'}: use text/plain, "
                         "application/json or application/x-ndjson")
    report = await run_in_threadpool(_ingest, writes, settings, articles)
    return {"articles": report.articles, "unchanged": report.unchanged, "replaced": report.replaced,
            "sentences": report.sentences, "relations": report.relations, "triples": report.triples,
            "ids": [a.id for a in articles], "failures": [str(f) for f in report.failures]}


def _ingest(writes, settings, articles):
    from graph.ingest import ingest

    nlp = writes.nlp(settings.spacy_model)
    with writes.lock:
        try:
            return ingest(writes.store, nlp, articles)
        finally:
            writes.done()
