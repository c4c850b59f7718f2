"""The REST API's response documents as pydantic models, so that ``/openapi.json`` describes every
field and clients can be generated from it.

Lists share one envelope, :class:`Page`: ``items``, ``total`` (items across all pages, when
counting them is cheap) and ``next`` (the URL of the next page, or null on the last one). Row
models allow extra fields, so that a field a query adds is passed on (and then belongs here).
"""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from starlette.datastructures import URL

from api.fast_relations import with_next

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list."""

    items: list[T]
    total: int | None = Field(description="items across all pages; null where counting costs as much as listing")
    next: str | None = Field(description="URL of the next page; null on the last page")


def page(items: list, limit: int, offset: int, url: URL | str, total: int | None = None) -> dict:
    """The envelope of one page: ``next`` is ``url`` with the next ``offset`` while items may remain.

    >>> page([1, 2], limit=2, offset=0, url="http://h/actors?q=a", total=3)
    {'items': [1, 2], 'total': 3, 'next': 'http://h/actors?q=a&offset=2'}
    >>> page([3], limit=2, offset=2, url="http://h/actors?q=a&offset=2", total=3)["next"] is None
    True
    """
    more = offset + len(items) < total if total is not None else len(items) == limit
    following = URL(str(url)).include_query_params(offset=offset + limit) if more else None
    return {"items": items, "total": total, "next": None if following is None else str(following)}


class _Row(BaseModel):
    model_config = ConfigDict(extra="allow")


class Party(_Row):
    """An actor as a relation or a path names it."""

    id: str = Field(description="the actor's slug (its IRI without the actor namespace)")
    iri: str
    label: str | None


class ArticleRef(_Row):
    id: str
    iri: str
    title: str | None
    date: str | None = Field(description="publication date, YYYY-MM-DD")


class Relation(_Row):
    """A relation with its evidence: the sentence and the article it was read from."""

    relation: str = Field(description="IRI of the relation node")
    direction: str | None = Field(None, description="outgoing or incoming, seen from the actor asked for")
    subject: Party
    predicate: str = Field(description="surface predicate, e.g. called")
    predicate_iri: str
    event_type: str | None = Field(description="PLOVER category, e.g. CONSULT")
    object: Party
    article: ArticleRef
    sentence: str
    trigger: str
    confidence: float = Field(description="probability that the relation is right")
    negated: bool
    modality: str = Field(description="asserted, intended or hypothetical")
    actor: Party | None = Field(None, description="the other party, seen from the actor asked for")


class ActorItem(_Row):
    id: str
    iri: str
    label: str
    type: str | None = Field(description="Person, Organisation, Country or Group")
    articles: int = Field(description="articles that mention the actor")


class Labelled(_Row):
    iri: str
    label: str | None


class CountryRef(Labelled):
    id: str


class ActorCounts(_Row):
    articles: int
    outgoing: int
    incoming: int


class ActorDetail(_Row):
    id: str
    iri: str
    label: str | None
    alt_labels: list[str]
    types: list[str]
    roles: list[Labelled]
    country: CountryRef | None
    wikidata: str | None = Field(description="Wikidata QID, e.g. Q7747")
    counts: ActorCounts


class ActorRelations(Page[Relation]):
    """An actor and one page of its relations, newest article first, then most confident."""

    actor: Party


class ArticleItem(_Row):
    id: str
    iri: str
    title: str | None
    date: str | None
    url: str | None
    source: str | None
    relations: int = Field(description="relations read from the article")


class Span(BaseModel):
    """Character offsets into the article text (``end`` just after the last character)."""

    start: int
    end: int


class Offsets(BaseModel):
    """Where a relation sits in its article's text."""

    sentence: int = Field(description="index of the evidence sentence (see the article's sentences)")
    trigger: Span | None
    subject: Span | None
    object: Span | None


class ArticleRelation(Relation):
    """A relation of the article, with where its trigger and arguments are in the text."""

    offsets: Offsets | None = Field(None, description="null for a relation stored without offsets")


class ArticleSentence(BaseModel):
    index: int = Field(description="position in the article, from 0")
    start: int = Field(description="character offset of its first character in the article text")
    end: int
    text: str


class ArticleDetail(_Row):
    id: str | None = None
    iri: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    sentences: list[ArticleSentence] = Field(description="every sentence of the text, in order")
    relations: list[ArticleRelation] = Field(description="every relation, facts and non-facts, in text order")


class RecordReport(_Row):
    """One record of ``POST /articles``: stored (or already stored), or failed and why."""

    index: int
    id: str | None
    status: Literal["stored", "failed"]
    reason: str | None = None


class Ingested(_Row):
    """What ``POST /articles`` did, in all and record by record."""

    articles: int
    unchanged: int
    replaced: int
    failed: int = 0
    sentences: int
    relations: int
    triples: int
    ids: list[str]
    failures: list[str]
    records: list[RecordReport] = []


class Step(BaseModel):
    """One relation of a path step (``from``/``to`` are actor slugs)."""

    model_config = ConfigDict(populate_by_name=True)

    source: str = Field(alias="from")
    target: str = Field(alias="to")
    event_type: str | None
    count: int


class Node(BaseModel):
    id: str
    label: str


class PathStep(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    source: Node = Field(alias="from")
    target: Node = Field(alias="to")
    relations: list[Step]


class Paths(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    source: str = Field(alias="from")
    target: str = Field(alias="to")
    length: int | None = Field(description="steps of the shortest paths; null when none connects them")
    paths: list[list[PathStep]]


class Stats(_Row):
    quads: int
    articles: int
    actors: int
    relations: int
    event_types: dict[str, int] = Field(description="relations per PLOVER category ('none': untyped)")


class Health(_Row):
    status: str
    version: str = Field(description="newsgraph's version")
    store: str = Field(description="the store's URL")
    graphs: int
    query_timeout: float = Field(description="seconds a query may run")
    killable_queries: bool = Field(description="whether a query past its timeout is stopped, not only abandoned")


__all__ = [
    "ActorDetail",
    "ActorItem",
    "ActorRelations",
    "ArticleDetail",
    "ArticleItem",
    "Health",
    "Ingested",
    "Page",
    "Paths",
    "Relation",
    "Stats",
    "page",
    "with_next",
]
