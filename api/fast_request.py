"""The one request a read process (``api/read_process.py``) answers itself, read from raw bytes.

``GET /sparql?query=…`` over HTTP/1.1, its whole head in the bytes received so far, with no body,
no other parameter and nothing unusual: any other request (another path or method, a body, a
second ``query`` or ``Accept``, an absent ``Host``, ``Expect``, ``Upgrade``, a byte outside
printable ASCII in the head, a head not complete yet) is not read here at all but handed, bytes
and connection, to the server process, whose HTTP stack answers it exactly as it always did. So
this reader may be strict and small: it only has to be right about what it accepts.

>>> read_head(b"GET /sparql?query=ASK+%7B%7D HTTP/1.1\\r\\nHost: h:80\\r\\nAccept: text/csv\\r\\n\\r\\n")
FastQuery(query='ASK {}', accept='text/csv', base='http://h:80/sparql', close=False, size=72)
>>> read_head(b"POST /sparql HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import formatdate
from functools import lru_cache

from api.negotiation import parameters

#: the longest head read here (longer ones go to the server process, whose limits apply)
MAX_HEAD = 8192
_TARGET = re.compile(r"/sparql\?[!-~]*")  # printable ASCII, as httptools requires
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


def read_head(buffer: bytes | bytearray) -> FastQuery | None:
    """The query request at the start of ``buffer``, or None when the server process must answer it.

    Args:
        buffer: the bytes received on a connection and not yet answered.

    Returns:
        A :class:`FastQuery`, or None for anything else (including an incomplete head).
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


__all__ = ["MAX_HEAD", "FastQuery", "ResponseHeads", "read_head"]
