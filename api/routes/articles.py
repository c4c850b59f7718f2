"""Articles: list, one article with its relations, and ingestion (behind the write token)."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from api.auth import WriterDep
from api.bodies import read_body
from api.deps import SettingsDep, StoreDep, WritesDep
from api.models import ArticleDetail, ArticleItem, Ingested, Page, page
from extract.errors import InputError, NewsgraphError
from extract.records import Article
from graph.integrity import article_count
from graph.queries import article_sentences, find_articles, find_relations, relation_offsets, resolve_article

router = APIRouter(prefix="/articles", tags=["articles"])


@router.get("", response_model=Page[ArticleItem])
def list_articles(
    store: StoreDep,
    request: Request,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict:
    """Articles, newest first, with their relation counts."""
    return page(find_articles(store, limit, offset), limit, offset, request.url, article_count(store))


@router.get("/{article_id:path}", response_model=ArticleDetail)
def article(store: StoreDep, article_id: str) -> dict:
    """One article (``id``: the article id or IRI): its metadata, every sentence of its text, and every
    relation (facts and non-facts alike) with the offsets of its trigger and arguments, in text order."""
    iri = resolve_article(store, article_id)
    meta = find_articles(store, 1, 0, article=iri)
    offsets = relation_offsets(store, iri)
    relations = [{**r, "offsets": offsets.get(r["relation"])} for r in find_relations(store, article=iri, limit=10_000)]
    relations.sort(
        key=lambda r: (r["offsets"]["trigger"]["start"], r["relation"]) if r["offsets"] else (-1, r["relation"])
    )
    return {
        **(meta[0] if meta else {"iri": iri.value}),
        "sentences": article_sentences(store, iri),
        "relations": relations,
    }


@router.post(
    "",
    status_code=201,
    response_model=Ingested,
    responses={
        200: {"model": Ingested, "description": "some records failed (see records)"},
        422: {"description": "no record could be stored: a problem document with the records"},
    },
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {
                    "schema": {
                        "oneOf": [
                            {
                                "type": "object",
                                "required": ["text"],
                                "properties": {"text": {"type": "string"}, "id": {"type": "string"}},
                            },
                            {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["text"],
                                    "properties": {"text": {"type": "string"}, "id": {"type": "string"}},
                                },
                            },
                        ]
                    }
                },
                "application/x-ndjson": {"schema": {"type": "string"}},
                "text/plain": {"schema": {"type": "string"}},
            }
        }
    },
)
async def post_articles(
    request: Request,
    _: WriterDep,
    writes: WritesDep,
    settings: SettingsDep,
    id: Annotated[str | None, Query(max_length=200, description="article id for text/plain")] = None,
) -> JSONResponse:
    """Ingest articles (needs ``Authorization: Bearer <token>``): plain text, a JSON article record
    (``{"id", "text", "title", "date", "url", "source"}``), a JSON array of them, or JSON lines.

    Each record is checked before anything is stored; the answer reports every record (``records``:
    its index, id, ``status`` stored (or already stored) or failed, and the ``reason`` of a failure). 201 when
    every record was stored or unchanged, 200 when some failed, 422 when all failed."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await read_body(request)
    # Decoding and parsing up to NEWSGRAPH_MAX_REQUEST_BYTES of JSON happens off the event loop.
    items = await run_in_threadpool(_records, body, content_type, id, settings.max_article_bytes)
    outcomes: list[tuple[Article | InputError, NewsgraphError | None]] = []
    report = await run_in_threadpool(
        _ingest, writes, settings, items, lambda item, error: outcomes.append((item, error))
    )
    # The ingest reports a record as it is done (refused records before parsed ones): report in input order.
    position = _positions(items)
    records = sorted((_record(position(item), item, error) for item, error in outcomes), key=lambda r: r["index"])
    failed = sum(r["status"] == "failed" for r in records)
    if failed == len(records):  # nothing stored: a problem document, with the report as an extension member
        return JSONResponse(
            {
                "type": "about:blank",
                "title": "no article could be stored",
                "status": 422,
                "detail": "; ".join(f"record {r['index']}: {r['reason']}" for r in records),
                "records": records,
            },
            status_code=422,
            media_type="application/problem+json",
        )
    answer = Ingested(
        articles=report.articles,
        unchanged=report.unchanged,
        replaced=report.replaced,
        failed=failed,
        sentences=report.sentences,
        relations=report.relations,
        triples=report.triples,
        ids=[a.id for a in items if isinstance(a, Article)],
        failures=[str(f) for f in report.failures],
        records=records,
    )
    return JSONResponse(answer.model_dump(), status_code=200 if failed else 201)


def _records(body: bytes, content_type: str, article_id: str | None, max_bytes: int) -> list[Article | InputError]:
    """The request's article records; a record that cannot be an article is its error, in place."""
    from extract.articles import article_from_json, check_text

    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("request", "the body is not UTF-8") from None
    if content_type == "text/plain":
        clean = check_text(text, "request")
        return [Article(id=article_id or Article(id="", text=clean).content_hash[:16], text=clean)]
    if content_type not in ("application/json", "application/x-ndjson", "application/jsonl"):
        raise InputError(
            "request",
            f"unsupported content type {content_type or '(none)'}: use text/plain, "
            "application/json or application/x-ndjson",
        )
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
    items: list[Article | InputError] = []
    for i, record in enumerate(records):
        try:
            items.append(article_from_json(record, f"article {i}", max_bytes))
        except InputError as error:
            items.append(error)
    return items


def _positions(items: list[Article | InputError]):
    """Where a reported item stands among the posted records: the same object, else the article of that id."""
    by_object = {id(item): i for i, item in enumerate(items)}
    by_id = {item.id: i for i, item in reversed(list(enumerate(items))) if isinstance(item, Article)}

    def position(item: Article | InputError) -> int:
        if id(item) in by_object:
            return by_object[id(item)]
        return by_id.get(item.id, len(items)) if isinstance(item, Article) else len(items)

    return position


def _record(index: int, item: Article | InputError, error: NewsgraphError | None) -> dict:
    if error is not None:
        return {
            "index": index,
            "id": item.id if isinstance(item, Article) else None,
            "status": "failed",
            "reason": getattr(error, "reason", str(error)),
        }
    assert isinstance(item, Article)
    return {"index": index, "id": item.id, "status": "stored"}


def _ingest(writes, settings, articles, progress):
    from graph.ingest import ingest

    nlp = writes.nlp(settings.spacy_model)
    try:
        with writes.lock:
            return ingest(writes.store, nlp, articles, progress)
    finally:
        writes.done()  # outside the lock: writes that waited for it meanwhile share one refresh
