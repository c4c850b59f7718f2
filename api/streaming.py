"""Query answers streamed to the client with backpressure.

A large answer arrives as a spool file (``graph/query_worker.py`` writes it there); it is sent in
:data:`CHUNK`-byte pieces, each only once the previous one has left uvicorn's transport buffer
(which pauses at 64 KiB), so a client that reads slowly or not at all pins at most about two
chunks of this process's memory, whatever the answer's size. A client that takes no byte for
``stall_timeout`` seconds is disconnected, which closes (and so frees) its spool file.
"""

from __future__ import annotations

import asyncio
import logging
import os

from starlette.responses import Response

from graph.executor import QueryAnswer

log = logging.getLogger("newsgraph.api")
CHUNK = 1 << 16


class AnswerResponse(Response):
    """The response for a :class:`~graph.executor.QueryAnswer`, in memory or spooled."""

    def __init__(self, answer: QueryAnswer, media_type: str, stall_timeout: float = 30.0) -> None:
        super().__init__(media_type=media_type)
        self.answer = answer
        self.answer_media: str = media_type
        self.stall_timeout = stall_timeout

    async def __call__(self, scope, receive, send) -> None:
        if self.answer.file is None:
            body = self.answer.body
            await send({"type": "http.response.start", "status": 200, "headers": self._head(len(body))})
            await send({"type": "http.response.body", "body": body})
            return
        with open(self.answer.file, "rb") as spooled:
            os.unlink(self.answer.file)  # gone from the disk once this response ends, however it ends
            size = os.fstat(spooled.fileno()).st_size
            await send({"type": "http.response.start", "status": 200, "headers": self._head(size)})
            while chunk := spooled.read(CHUNK):
                try:
                    await asyncio.wait_for(
                        send({"type": "http.response.body", "body": chunk, "more_body": True}), self.stall_timeout
                    )
                except TimeoutError:
                    # Returning unfinished makes uvicorn close the connection (and log it).
                    log.warning("a client read nothing for %g s: its answer is dropped", self.stall_timeout)
                    return
            await send({"type": "http.response.body", "body": b""})

    def _head(self, size: int) -> list[tuple[bytes, bytes]]:
        media = self.answer_media
        if media.startswith("text/") and "charset" not in media:  # as Starlette's Response says it
            media += "; charset=utf-8"
        return [(b"content-type", media.encode("latin-1")), (b"content-length", str(size).encode())]


__all__ = ["CHUNK", "AnswerResponse"]
