"""Query-parameter choices that accept any case (``type=person`` as well as ``type=Person``)."""

from __future__ import annotations

from enum import Enum


class Choice(str, Enum):
    """A string enum whose members also match their value in another case.

    >>> class Direction(Choice):
    ...     BOTH = "both"
    >>> Direction("BOTH") is Direction.BOTH
    True
    """

    @classmethod
    def _missing_(cls, value: object) -> Choice | None:
        if isinstance(value, str):
            for member in cls:
                if member.value.lower() == value.strip().lower():
                    return member
        return None


class ActorType(Choice):
    PERSON = "Person"
    ORGANISATION = "Organisation"
    COUNTRY = "Country"
    GROUP = "Group"


class Direction(Choice):
    BOTH = "both"
    OUTGOING = "outgoing"
    INCOMING = "incoming"


class Polarity(Choice):
    ASSERTED = "asserted"
    ALL = "all"
    NONFACTS = "nonfacts"


class RelationPolarity(Choice):
    ASSERTED = "asserted"
    ALL = "all"


class Measure(Choice):
    PAGERANK = "pagerank"
    DEGREE = "degree"
    WEIGHTED_DEGREE = "weighted_degree"
    BETWEENNESS = "betweenness"


__all__ = ["ActorType", "Choice", "Direction", "Measure", "Polarity", "RelationPolarity"]
