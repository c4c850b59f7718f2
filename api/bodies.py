"""Request bodies read with limits that hold while they stream in, and parsed off the event loop.

A body is received chunk by chunk (the size limit is ``api/limits.py``'s); a form's fields are
counted as the chunks arrive, so a body of millions of empty fields is refused without being
held or parsed; a large body is joined in a worker thread, never on the event loop (its callers
decode and parse it there too).
"""

from __future__ import annotations

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from graph.errors import QueryError


class TooManyFieldsError(QueryError):
    """A form with more fields than the configured limit."""

    status = 413
    title = "too many form fields"


async def read_body(request: Request, max_fields: int | None = None) -> bytes:
    """The whole body; with ``max_fields``, a form body of more fields is refused.

    Raises:
        TooManyFieldsError: for more than ``max_fields`` fields (413); the rest of the body is
            read and dropped, so that the client gets the answer rather than a broken connection.
    """
    chunks: list[bytes] = []
    fields = 1
    async for chunk in request.stream():
        if max_fields is not None:
            fields += chunk.count(b"&")
            if fields > max_fields:
                chunks.clear()
                continue
        chunks.append(chunk)
    if max_fields is not None and fields > max_fields:
        raise TooManyFieldsError(f"the form has {fields} fields; at most {max_fields} are accepted")
    return chunks[0] if len(chunks) == 1 else await run_in_threadpool(b"".join, chunks)


__all__ = ["TooManyFieldsError", "read_body"]
