"""Response documents of the analytics routes (see :mod:`api.models` for the list envelope)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Row(BaseModel):
    model_config = ConfigDict(extra="allow")


class Actor(_Row):
    id: str = Field(description="the actor's slug")
    label: str
    type: str | None = Field(description="Person, Organisation, Country or Group")


class Ranked(Actor):
    degree: int = Field(description="interaction partners")
    weighted_degree: int = Field(description="relations with them, either direction")
    pagerank: float = Field(description="PageRank along the relations' direction, weighted by their counts")
    betweenness: float | None = Field(
        description="share of shortest interaction paths through the actor; "
        "null above 1,000 actors unless ranking by it"
    )


class Member(Actor):
    weighted_degree: int


class Community(_Row):
    id: int
    size: int = Field(description="actors in the community")
    members: list[Member] = Field(description="the most connected members first")
    categories: dict[str, int] = Field(description="relations inside the community per PLOVER category")


class NetworkNode(Actor):
    relations: int = Field(description="relations of the actor in this graph")


class NetworkEdge(_Row):
    source: str
    target: str
    category: str = Field(description="PLOVER category; NONE for an untyped relation")
    count: int = Field(description="relations from source to target in this category")
    articles: int = Field(description="articles they come from")
    first: str | None = Field(description="earliest article date")
    last: str | None = Field(description="latest article date")
    confidence: float = Field(description="mean confidence")


class Network(_Row):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    total_nodes: int = Field(description="actors in the filtered graph (the answer keeps the most connected)")


class EgoNetwork(_Row):
    center: str
    depth: int
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class PartnerChange(Actor):
    before: int = Field(description="partners in the first window")
    after: int = Field(description="partners in the second window")
    gained: list[Actor]
    lost: list[Actor]
    kept: int


__all__ = ["Community", "EgoNetwork", "Network", "PartnerChange", "Ranked"]
