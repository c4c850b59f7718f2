"""A read process: one of several processes accepting the server's connections (``serve --processes``).

The server process holds the store, its query workers and every write; one Python event loop
answers at most about one core's worth of requests. Read processes share its listening socket
and answer, each on its own core, the requests that are cheap and read-only, from a read-only view of
the server's current snapshot, read straight from the socket (``api/fast_request.py``): a bounded
SPARQL query (``graph/bounded.py``: it cannot run away), and the JSON form of an actor's relations
for an actor with at most ``INLINE_RELATIONS`` of them (``api/fast_relations.py``: the job the route
would run, answered by the same reader as in the server process). Every other request — and
every query while this process's view is older than the last write — is *handed over*: the
connection itself (its descriptor, over a Unix socket) and the bytes read from it go to the
server process, which serves that connection from then on with its usual HTTP stack, limits,
timeouts and streaming. Nothing is proxied, so nothing of those is done twice or differently.

Read-your-writes: the server process counts its writes in a shared page (``writes``), bumped
after each commit and before the write is answered; a read process answers only from a view of
a snapshot taken when the count was what it reads now. Otherwise it hands the request over (the
server answers from the live store) and asks for a lease on a fresh snapshot, which it opens in
a thread while it goes on serving.

Control messages on the Unix socket (``SOCK_SEQPACKET``): to the server ``H`` + bytes (with one
descriptor: a connection handed over), ``L`` (lease a fresh snapshot), ``R`` + path (its lease
given back); from the server ``S`` + count + path (a leased snapshot) or ``N`` (none now). The
process exits when that socket closes: a server that stops or dies takes its read processes along.
"""

from __future__ import annotations

import json
import logging
import mmap
import selectors
import signal
import socket
import struct
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache

from starlette.datastructures import URL

from api.fast_relations import relations_job, with_next
from api.fast_request import FastQuery, FastRelations, ResponseHeads, read_head
from api.negotiation import labelled, negotiated
from extract.errors import NewsgraphError
from graph import query_worker, relation_reader
from graph.bounded import bounded
from graph.executor import ProcessExecutor
from graph.sparql_policy import Policy
from graph.terms import QUERY_PREFIXES

log = logging.getLogger("newsgraph.read")
_bounded = lru_cache(maxsize=256)(bounded)  # a pure function of the text; clients repeat their queries
COUNT = struct.Struct("=Q")
#: seconds between two requests for a lease while the view stays stale (a busy writer)
LEASE_INTERVAL = 0.05
#: seconds without an answer to a lease request before it is asked again
LEASE_PATIENCE = 2.0
#: bytes read from a connection at a time, and the most held for one before it is handed over
CHUNK = 1 << 16


class _Connection:
    __slots__ = ("buffer", "close_after", "out", "server", "since", "sock")

    def __init__(self, sock: socket.socket, now: float) -> None:
        self.sock = sock
        # the address it reached, as uvicorn gives it in the scope (for URLs when the Host header has none)
        self.server = sock.getsockname()[:2] if sock.family in (socket.AF_INET, socket.AF_INET6) else None
        self.buffer = bytearray()
        self.out = b""  # an answer's bytes the socket did not take yet
        self.since = now  # of the last answer sent whole (idle), or of the pending one's start
        self.close_after = False


class ReadServer:
    """The read process's loop: accept, answer or hand over, keep a fresh view (one thread)."""

    def __init__(self, listener: socket.socket, control: socket.socket, writes: mmap.mmap, options: dict) -> None:
        self.listener, self.control, self.writes = listener, control, writes
        self.max_bytes = min(options["max_result_bytes"], query_worker.INLINE_BYTES)
        self.max_connections = options["max_connections"]
        self.send_timeout = options["send_timeout"]
        self.keep_alive = options["keep_alive"]
        self.policy = Policy(
            options["allow_service"], frozenset(options["load_hosts"]), options["max_depth"], options["max_tokens"]
        )
        self.default_confidence = options["default_confidence"]
        self.selector = selectors.DefaultSelector()
        self.connections: dict[int, _Connection] = {}
        self.heads = ResponseHeads()
        self.view = None  # a read-only pyoxigraph store of the leased snapshot
        self.view_count = -1  # the write count it holds everything of
        self.view_path: str | None = None
        self.opener = ThreadPoolExecutor(1, thread_name_prefix="view")
        self.opening: Future | None = None
        self.leasing = False
        self.next_lease = 0.0

    def run(self) -> None:
        self.listener.setblocking(False)
        self.selector.register(self.listener, selectors.EVENT_READ, None)
        self.selector.register(self.control, selectors.EVENT_READ, None)
        self._ask_lease(time.monotonic())
        swept = time.monotonic()
        while True:
            for key, events in self.selector.select(0.005 if self.opening else 1.0):
                if key.fileobj is self.listener:
                    self._accept()
                elif key.fileobj is self.control:
                    if not self._control():
                        return
                elif events & selectors.EVENT_WRITE:
                    self._flush(key.data)
                else:
                    self._read(key.data)
            now = time.monotonic()
            if self.opening is not None and self.opening.done():
                self._opened(self.opening)
            if now - swept >= 1.0:
                swept = now
                self._sweep(now)

    # connections

    def _accept(self) -> None:
        """Accept one connection: every read process is woken for each, and one each time spreads
        them (a burst of new connections would otherwise all go to whichever woke first)."""
        try:
            sock, _ = self.listener.accept()
        except (BlockingIOError, InterruptedError):
            return
        except OSError as error:  # out of descriptors: the server process gets its chance
            log.warning("cannot accept: %s", error)
            time.sleep(0.01)
            return
        sock.setblocking(False)
        if sock.family != socket.AF_UNIX:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        connection = _Connection(sock, time.monotonic())
        if len(self.connections) >= self.max_connections:
            self._hand_over(connection, registered=False)  # the server process applies its limit
            return
        self.connections[sock.fileno()] = connection
        self.selector.register(sock, selectors.EVENT_READ, connection)

    def _read(self, connection: _Connection) -> None:
        try:
            data = connection.sock.recv(CHUNK)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self._close(connection)
            return
        connection.buffer += data
        self._serve(connection)

    def _serve(self, connection: _Connection) -> None:
        """Answer the requests in the buffer, one at a time, until one is not ours or an answer waits."""
        while connection.buffer and not connection.out:
            request = read_head(connection.buffer)
            try:
                answer = self._answer(request, connection) if request is not None else None
            except Exception:  # a bug here must not cost the connection: the server process answers
                log.exception("cannot answer a request; handed over")
                answer = None
            if request is None or answer is None:
                self._hand_over(connection)
                return
            del connection.buffer[: request.size]
            media_type, body = answer
            now = time.monotonic()
            self._send(connection, self.heads.head(media_type, len(body), request.close, time.time()) + body, now)
            if request.close:
                connection.close_after = True
                if not connection.out:
                    self._close(connection)
                return

    def _send(self, connection: _Connection, data: bytes, now: float) -> None:
        try:
            sent = connection.sock.send(data)
        except (BlockingIOError, InterruptedError):
            sent = 0
        except OSError:
            self._close(connection)
            return
        connection.since = now
        if sent < len(data):
            connection.out = data[sent:]  # at most one answer (64 KiB) waits: reading stops meanwhile
            self.selector.modify(connection.sock, selectors.EVENT_WRITE, connection)

    def _flush(self, connection: _Connection) -> None:
        try:
            sent = connection.sock.send(connection.out)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self._close(connection)
            return
        connection.out = connection.out[sent:]
        if connection.out:
            return
        connection.since = time.monotonic()
        if connection.close_after:
            self._close(connection)
            return
        self.selector.modify(connection.sock, selectors.EVENT_READ, connection)
        self._serve(connection)

    def _sweep(self, now: float) -> None:
        """Close connections idle past the keep-alive timeout, or whose client read nothing of an
        answer for the send timeout (as the server process does)."""
        for connection in list(self.connections.values()):
            limit = self.send_timeout if connection.out else self.keep_alive
            if now - connection.since > limit and not connection.buffer:
                self._close(connection)

    def _close(self, connection: _Connection) -> None:
        self.connections.pop(connection.sock.fileno(), None)
        try:
            self.selector.unregister(connection.sock)
        except (KeyError, ValueError):
            pass
        connection.sock.close()

    def _hand_over(self, connection: _Connection, registered: bool = True) -> None:
        """Give the connection and its unanswered bytes to the server process."""
        if registered:
            self.connections.pop(connection.sock.fileno(), None)
            self.selector.unregister(connection.sock)
        try:
            socket.send_fds(self.control, [b"H" + bytes(connection.buffer)], [connection.sock.fileno()])
        except OSError as error:
            log.warning("cannot hand a connection to the server process: %s", error)
        connection.sock.close()  # the server process holds it now

    # answers

    def _answer(self, request: FastQuery | FastRelations, connection: _Connection) -> tuple[str, bytes] | None:
        """The media type and body of the answer to ``request``, or None when the server process
        must answer it (not bounded, not acceptable, refused, an error, too large, or a stale view)."""
        if self.view is None or COUNT.unpack_from(self.writes)[0] != self.view_count:
            self._ask_lease(time.monotonic())
            return None
        if isinstance(request, FastRelations):
            return self._relations(request, connection)
        solutions, graph = negotiated(request.accept)
        if solutions is None or not _bounded(request.query):
            return None
        try:
            self.policy.check(request.query, "query", request.base, QUERY_PREFIXES)
        except NewsgraphError:
            return None
        outcome = query_worker.answer_query(
            self.view, request.query, (), (), solutions, graph, self.max_bytes, QUERY_PREFIXES, request.base
        )
        if outcome[0] != "ok":
            return None
        return labelled(request.accept, outcome[1] == "graph", outcome[2]), outcome[3]

    def _relations(self, request: FastRelations, connection: _Connection) -> tuple[str, bytes] | None:
        """An actor's relations as the route gives them (``api/routes/actors.py``), or None for a
        request the route must read, an unknown actor or article (its 404 is the route's), or an
        actor with more relations than the server process reads outside a query worker."""
        job = relations_job(request.path, request.query_string, request.accept, self.default_confidence)
        if job is None or self.view is None:
            return None
        try:
            body = relation_reader.actor_relations_json(
                self.view, job.request(), max_relations=ProcessExecutor.INLINE_RELATIONS
            )
        except (relation_reader.TooMany, relation_reader.NotFound, OSError):
            return None
        scope = {
            "scheme": "http",
            "server": connection.server,
            "path": request.path,
            "query_string": request.query_string.encode("latin-1"),
            "headers": [(b"host", request.host.encode("latin-1"))],
        }
        return "application/json", with_next(body, job.limit, job.offset, URL(scope=scope))

    # the view

    def _ask_lease(self, now: float) -> None:
        if self.opening is not None or now < self.next_lease:
            return
        if self.leasing and now < self.next_lease + LEASE_PATIENCE:
            return  # asked already; a lost answer is asked for again after a while
        self.leasing, self.next_lease = True, now + LEASE_INTERVAL
        self.control.send(b"L")

    def _control(self) -> bool:
        """Read one message from the server process; False when it is gone."""
        try:
            message = self.control.recv(CHUNK)
        except (BlockingIOError, InterruptedError):
            return True
        except OSError:
            return False
        if not message:
            return False
        if message[:1] == b"S":
            (count,) = COUNT.unpack_from(message, 1)
            path = message[1 + COUNT.size :].decode()
            if self.opening is not None:  # the answer to a request asked again: one view at a time
                self.control.send(b"R" + path.encode())
                return True
            self.opening = self.opener.submit(_open_view, path, count)
        self.leasing = False
        return True

    def _opened(self, opening: Future) -> None:
        self.opening = None
        old = self.view_path
        view, count, path = opening.result()
        if view is None:
            self.control.send(b"R" + path.encode())
            return
        self.view, self.view_count, self.view_path = view, count, path
        if old is not None:
            self.control.send(b"R" + old.encode())  # the old view is closed: nothing refers to it now

    def close(self) -> None:
        for connection in list(self.connections.values()):
            self._close(connection)
        self.opener.shutdown(wait=True)
        self.view = None


def _open_view(path: str, count: int):
    import pyoxigraph as ox

    try:
        return ox.Store.read_only(path), count, path
    except (OSError, RuntimeError) as error:  # queries go on being handed over; the next one asks again
        log.warning("cannot open a snapshot: %s", error)
        return None, count, path


def main() -> None:
    """Run a read process: ``argv[1]`` is a JSON object of its descriptors and settings."""
    options = json.loads(sys.argv[1])
    # The server process decides when a read process stops (it closes the control socket): a Ctrl-C
    # or a SIGTERM sent to the whole process group must not stop it first, to be restarted at once.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: read process: %(message)s")
    listener = socket.socket(fileno=options["listener"])
    control = socket.socket(fileno=options["control"])
    writes = mmap.mmap(options["writes"], COUNT.size, prot=mmap.PROT_READ)
    server = ReadServer(listener, control, writes, options)
    try:
        server.run()
    finally:
        server.close()


__all__ = ["ReadServer", "main"]
