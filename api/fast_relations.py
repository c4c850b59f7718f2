"""``GET /actors/{id}/relations`` read without FastAPI, for the two places that answer it fast.

The route (``api/routes/actors.py``) validates eleven query parameters and resolves three
dependencies per request, which costs more than reading a small actor's relations. Its common
form — JSON, each parameter at most once, in its plain spelling — is read here instead, by the
server process's ASGI front (``actors.FastRelationsPath``) and by the read processes
(``api/read_process.py``), into the same :class:`RelationsJob` the route builds. Anything else
(another media type, an unknown or repeated parameter, a value the route would refuse or might
read differently) gives None, and the route answers it as it always did: this reader only has to
be right about what it accepts.

It imports neither FastAPI nor pydantic: a read process loads it.

>>> job = relations_job("/actors/Q7747/relations", "limit=5&polarity=all", None, 0.7)
>>> job.actor, job.limit, job.asserted_only, job.min_confidence
(('qid', 'Q7747', 'Q7747'), 5, False, 0.7)
>>> relations_job("/actors/Q7747/relations", "limit=0", None, 0.7) is None  # the route's 422
True
"""

from __future__ import annotations

import json
import re
from datetime import date
from urllib.parse import parse_qsl

from starlette.datastructures import URL

from api.enums import Direction, RelationPolarity
from api.formatting import rest_media
from extract.errors import NewsgraphError
from graph.executor import RelationsJob
from graph.queries import actor_reference, article_reference
from graph.terms import PLOVER

#: the route's own path pattern (``/actors/{actor_id:path}/relations``; a test compares them)
ROUTE = re.compile("^/actors/(?P<actor_id>.*)/relations$")
_INT = re.compile(r"0|[1-9][0-9]{0,6}")
_DECIMAL = re.compile(r"[01](\.[0-9]{1,6})?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_EVENT_TYPE = re.compile(r"[A-Za-z_]{2,20}")  # the route's pattern


def relations_job(
    path: str, query_string: str, accept: str | None, default_confidence: float | None
) -> RelationsJob | None:
    """The job the relations route would run for this request, or None when the route must answer it.

    Args:
        path: the request's path, percent-decoded (the ASGI scope's ``path``).
        query_string: its query string, undecoded.
        accept: its ``Accept`` header.
        default_confidence: the confidence threshold when the request names none
            (``api.filters.min_confidence_or_default(None)``).

    Returns:
        A :class:`RelationsJob` for a JSON answer, or None.
    """
    match = ROUTE.match(path)
    if match is None or not match["actor_id"]:
        return None
    try:
        if rest_media(accept) != "application/json":
            return None
        params = _parameters(query_string)
        if params is None:
            return None
        return _job(match["actor_id"], params, default_confidence)
    except (NewsgraphError, ValueError):  # an invalid id or value: the route says what is wrong
        return None


def _parameters(query_string: str) -> dict[str, str] | None:
    """The query parameters as Starlette reads them, or None for a repeated, unknown or empty one."""
    params: dict[str, str] = {}
    for name, value in parse_qsl(query_string, keep_blank_values=True):
        if name in params or name not in _READERS or not value:
            return None
        params[name] = value
    return params


def _job(actor_id: str, params: dict[str, str], default_confidence: float | None) -> RelationsJob | None:
    values = {}
    for name, text in params.items():
        value = _READERS[name](text)
        if value is None:
            return None
        values[name] = value
    confidence = values.get("min_confidence", default_confidence)
    return RelationsJob(
        actor=(*actor_reference(actor_id), actor_id),
        direction=values.get("direction", Direction.BOTH.value),
        event_type=PLOVER + values["event_type"].upper() if "event_type" in values else None,
        predicate=values.get("predicate"),
        since=values.get("since"),
        until=values.get("until"),
        article=(article_reference(values["article"]).value, values["article"]) if "article" in values else None,
        asserted_only=values.get("polarity", RelationPolarity.ASSERTED.value) == RelationPolarity.ASSERTED.value,
        min_confidence=confidence or None,  # as min_confidence_or_default: 0 filters nothing
        limit=values.get("limit", 100),
        offset=values.get("offset", 0),
    )


def _choice(members: tuple[str, ...]):
    return lambda text: text if text in members else None


def _bounded_int(low: int, high: int):
    def read(text: str) -> int | None:
        return int(text) if _INT.fullmatch(text) and low <= int(text) <= high else None

    return read


def _confidence(text: str) -> float | None:
    return float(text) if _DECIMAL.fullmatch(text) and float(text) <= 1.0 else None


def _date(text: str) -> str | None:
    if _DATE.fullmatch(text) is None:
        return None
    return date.fromisoformat(text).isoformat()  # ValueError for a day that does not exist


def _length(most: int):
    return lambda text: text if len(text) <= most else None


#: each parameter the route takes, read in the plain spellings whose value is certain (the route's
#: constraints: ``api/filters.py``); None for anything else
_READERS = {
    "direction": _choice(tuple(d.value for d in Direction)),
    "event_type": lambda text: text if _EVENT_TYPE.fullmatch(text) else None,
    "predicate": _length(100),
    "since": _date,
    "until": _date,
    "article": _length(500),
    "polarity": _choice(tuple(p.value for p in RelationPolarity)),
    "min_confidence": _confidence,
    "limit": _bounded_int(1, 1000),
    "offset": _bounded_int(0, 1_000_000),
}


def with_next(body: bytes, limit: int, offset: int, url: URL | str) -> bytes:
    """A list document written elsewhere (ending ``"total":N,"next":null}``, as the relation reader
    writes it) with its ``next`` filled in as :func:`api.models.page` gives it, without parsing the items.

    >>> with_next(b'{"items":[1,2],"total":3,"next":null}', 2, 0, "http://h/actors/a/relations")
    b'{"items":[1,2],"total":3,"next":"http://h/actors/a/relations?offset=2"}'
    >>> with_next(b'{"items":[3],"total":3,"next":null}', 2, 2, "http://h/r?offset=2")
    b'{"items":[3],"total":3,"next":null}'
    """
    head, marker, tail = body.rpartition(b',"total":')
    number, _, end = tail.partition(b",")
    if not marker or end != b'"next":null}' or not number.isdigit():
        raise ValueError("not a list document ending with its total and a null next")
    total = int(number)
    if offset + limit >= total:
        return body
    following = str(URL(str(url)).include_query_params(offset=offset + limit))
    return b'%s%s%d,"next":%s}' % (head, marker, total, json.dumps(following).encode())


__all__ = ["ROUTE", "relations_job", "with_next"]
