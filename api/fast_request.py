"""The two requests a read process (``api/read_process.py``) answers itself, read from raw bytes.

``GET /sparql?query=…`` and ``GET /actors/{id}/relations…`` over HTTP/1.1, the whole head in the
bytes received so far, with no body and nothing unusual: any other request (another path or
method, a body, a second ``query`` or ``Accept``, an absent ``Host``, ``Expect``, ``Upgrade``, a
byte outside printable ASCII in the head, a head not complete yet) is not read here at all but
handed, bytes and connection, to the server process, whose HTTP stack answers it exactly as it
always did. So this reader may be strict and small: it only has to be right about what it accepts.
(Which relations requests a read process answers is ``api/fast_relations.py``'s to say.)

>>> read_head(b"GET /sparql?query=ASK+%7B%7D HTTP/1.1\\r\\nHost: h:80\\r\\nAccept: text/csv\\r\\n\\r\\n")
FastQuery(query='ASK {}', accept='text/csv', base='http://h:80/sparql', close=False, size=71)
>>> read_head(b"GET /actors/Q7747/relations?limit=5 HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n")
FastRelations(path='/actors/Q7747/relations', query_string='limit=5', accept=None, host='h', close=False, size=57)
>>> read_head(b"POST /sparql HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import formatdate
from functools import lru_cache
from urllib.parse import unquote

from api.negotiation import parameters

#: the longest head read here (longer ones go to the server process, whose limits apply)
MAX_HEAD = 8192
_TARGET = re.compile(r"/sparql\?[!-~]*|/actors/[!-~]*")  # printable ASCII, as httptools requires
_NAME = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")  # an RFC 9110 token
_VALUE = re.compile(r"[\t -~]*")
_HOST = re.compile(r"[A-Za-z0-9.\-]+(?::\d{1,5})?|\[[0-9A-Fa-f:.]+\](?::\d{1,5})?")
#: headers that mean a body, a protocol switch or an interim answer: the server process's business
_REFUSED = frozenset({b"transfer-encoding", b"expect", b"upgrade", b"http2-settings"})


@dataclass(frozen=True, slots=True)
class FastQuery:
    """A ``GET /sparql?query=`` request: what the endpoint needs to answer it, and its length."""

    query: str
    accept: str | None
    base: str  # the endpoint's URL as the client named it: the base IRI of relative IRIs
    close: bool  # the client asked for the connection to close after the answer
    size: int  # bytes of the request (its head): the next request starts there


@dataclass(frozen=True, slots=True)
class FastRelations:
    """A ``GET /actors/…`` request: its path and query string as the ASGI scope holds them, and its length."""

    path: str  # percent-decoded, as uvicorn decodes it
    query_string: str  # undecoded
    accept: str | None
    host: str
    close: bool
    size: int


def read_head(buffer: bytes | bytearray) -> FastQuery | FastRelations | None:
    """The query or actor request at the start of ``buffer``, or None when the server process must answer it.

    Args:
        buffer: the bytes received on a connection and not yet answered.

    Returns:
        A :class:`FastQuery` or :class:`FastRelations`, or None for anything else (including an
        incomplete head).
    """
    end = buffer.find(b"\r\n\r\n", 0, MAX_HEAD)
    if end < 0:
        return None
    lines = bytes(buffer[:end]).split(b"\r\n")
    request = lines[0].split(b" ")
    if len(request) != 3 or request[0] != b"GET" or request[2] != b"HTTP/1.1":
        return None
    target = request[1].decode("latin-1")
    if _TARGET.fullmatch(target) is None or "#" in target:
        return None
    headers = _headers(lines[1:])
    if headers is None or b"host" not in headers:
        return None
    host = headers[b"host"]
    if _HOST.fullmatch(host) is None:
        return None
    close = False
    if b"connection" in headers:
        options = {o.strip().lower() for o in headers[b"connection"].split(",")}
        if "upgrade" in options:
            return None
        close = "close" in options
    if headers.get(b"content-length", "0") != "0":
        return None
    if target.startswith("/actors/"):
        path, _, query_string = target.partition("?")
        path = unquote(path) if "%" in path else path
        return FastRelations(path, query_string, headers.get(b"accept"), host, close, end + 4)
    query = _query(target[len("/sparql?") :])
    if query is None:
        return None
    return FastQuery(query, headers.get(b"accept"), f"http://{host}/sparql", close, end + 4)


@lru_cache(maxsize=256)
def _query(text: str) -> str | None:
    """The ``query`` of a query string that has that parameter alone, decoded (a pure function, kept
    per text: decoding costs more than the rest of the head, and clients repeat their queries)."""
    params = parameters(text)
    if list(params) != ["query"] or len(params["query"]) != 1:
        return None
    return params["query"][0]


def _headers(lines: list[bytes]) -> dict[bytes, str] | None:
    """The head's fields by lower-case name, or None for a malformed, repeated or refused one."""
    headers: dict[bytes, str] = {}
    for line in lines:
        name, colon, value = line.partition(b":")
        if not colon or _NAME.fullmatch(name) is None:  # also a folded line (it starts with white space)
            return None
        text = value.decode("latin-1").strip(" \t")
        name = name.lower()
        if name in headers or name in _REFUSED or _VALUE.fullmatch(text) is None:
            return None
        headers[name] = text
    return headers


class ResponseHeads:
    """The head of a 200 answer, with a ``date`` header formatted at most once a second."""

    def __init__(self) -> None:
        self._second = -1
        self._date = b""

    def head(self, media_type: str, size: int, close: bool, now: float) -> bytes:
        second = int(now)
        if second != self._second:
            self._second, self._date = second, formatdate(second, usegmt=True).encode()
        if media_type.startswith("text/") and "charset" not in media_type:  # as AnswerResponse labels it
            media_type += "; charset=utf-8"
        return b"".join(
            (
                b"HTTP/1.1 200 OK\r\ndate: ",
                self._date,
                b"\r\nserver: newsgraph\r\ncontent-type: ",
                media_type.encode("latin-1"),
                b"\r\ncontent-length: ",
                str(size).encode(),
                b"\r\nconnection: close\r\n\r\n" if close else b"\r\n\r\n",
            )
        )


__all__ = ["MAX_HEAD", "FastQuery", "FastRelations", "ResponseHeads", "read_head"]
