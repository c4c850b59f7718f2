"""``newsgraph serve --processes N``: N read processes accept the connections, the server process the rest.

See ``api/read_process.py`` for what a read process answers and why everything else is handed
over. Here is the server process's side: it binds the listening socket (and accepts nothing on
it itself), starts the read processes on it, serves every connection they hand over with uvicorn
as if it had accepted it, leases them snapshots, counts writes for them, and restarts one that
dies. Stopping the server stops them first (their control sockets close), then the app.
"""

from __future__ import annotations

import asyncio
import json
import logging
import mmap
import os
import socket
import subprocess
import sys
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path

import uvicorn

from api.filters import min_confidence_or_default
from api.read_process import CHUNK, COUNT
from api.settings import Settings
from graph.executor import PACKAGE_ROOT, ProcessExecutor
from graph.store import Store

log = logging.getLogger("newsgraph.api")
COMMAND = ("-I", "-c", f"import sys; sys.path.insert(0, {PACKAGE_ROOT!r}); from api.read_process import main; main()")
#: the largest control message: a hand-over with the most bytes a read process holds (two reads)
MAX_MESSAGE = 2 * CHUNK + 16
#: seconds before a read process that stopped is replaced (one that fails at start must not spin)
RESTART_DELAY = 0.5


class WriteCount:
    """The store's writes, counted in a shared page that read processes map read-only."""

    def __init__(self, path: Path) -> None:
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
        os.ftruncate(self.fd, mmap.PAGESIZE)
        self.page = mmap.mmap(self.fd, mmap.PAGESIZE)
        self.value = 0

    def bump(self) -> None:
        self.value += 1
        COUNT.pack_into(self.page, 0, self.value)

    def close(self) -> None:
        self.page.close()
        os.close(self.fd)


class _Reader:
    """One read process and the server's end of its control socket."""

    def __init__(self, process: subprocess.Popen, control: socket.socket) -> None:
        self.process = process
        self.control = control
        self.leases: list[str] = []


class ReadProcesses:
    """The read processes of one server (started on the server's event loop)."""

    def __init__(
        self, count: int, listener: socket.socket, executor: ProcessExecutor, store: Store, settings: Settings
    ):
        self.count = count
        self.listener = listener
        self.executor = executor
        self.writes = WriteCount(executor.snapshots.root / "writes")
        # after the executor's own listener: a count a lease reports is one its snapshot holds
        store.add_write_listener(self.writes.bump)
        self.options = {
            "max_result_bytes": settings.max_result_bytes,
            "max_connections": settings.max_connections,
            "send_timeout": settings.send_timeout,
            "keep_alive": 5,  # uvicorn's default
            "allow_service": settings.allow_service,
            "load_hosts": sorted(h.strip().lower() for h in settings.load_hosts.split(",") if h.strip()),
            "max_depth": settings.sparql_max_depth,
            "max_tokens": settings.sparql_max_tokens,
            "default_confidence": min_confidence_or_default(None),  # the relations routes' default
        }
        self.readers: list[_Reader] = []
        self._tasks: set[asyncio.Future] = set()
        self.closing = False
        self._serve: Callable[[socket.socket, bytes], Awaitable[None]] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def launch(self) -> None:
        """Start the processes now (they start up while the server does; what they send waits)."""
        for _ in range(self.count):
            self.readers.append(self._launch())

    def start(self, serve: Callable[[socket.socket, bytes], Awaitable[None]]) -> None:
        """Take their messages on this event loop; ``serve(sock, data)`` takes each connection handed over."""
        self._serve = serve
        self._loop = asyncio.get_running_loop()
        for reader in self.readers:
            self._loop.add_reader(reader.control.fileno(), self._message, reader)

    def _launch(self) -> _Reader:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        fds = {"listener": self.listener.fileno(), "control": theirs.fileno(), "writes": self.writes.fd}
        process = subprocess.Popen(
            [sys.executable, *COMMAND, json.dumps({**fds, **self.options})], pass_fds=tuple(fds.values())
        )
        theirs.close()
        ours.setblocking(False)
        return _Reader(process, ours)

    def _message(self, reader: _Reader) -> None:
        try:
            data, fds, _, _ = socket.recv_fds(reader.control, MAX_MESSAGE, 1)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data, fds = b"", []
        if not data:
            self._lost(reader)
            return
        kind = data[:1]
        if kind == b"H" and fds:
            self._run(self._take(fds[0], data[1:]))
            return
        for fd in fds:  # descriptors on any other message are a bug: do not leak them
            os.close(fd)
        if kind == b"L":
            self._run(self._lease(reader))
        elif kind == b"R":
            path = data[1:].decode()
            if path in reader.leases:
                reader.leases.remove(path)
                self.executor.snapshots.release(path)

    def _run(self, work: Coroutine) -> None:
        """Run ``work`` as a task held until it ends (the event loop holds tasks only weakly)."""
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _take(self, fd: int, data: bytes) -> None:
        sock = socket.socket(fileno=fd)
        try:
            assert self._serve is not None
            await self._serve(sock, data)
        except OSError as error:  # the client went away meanwhile
            log.debug("a connection handed over was lost: %s", error)
            sock.close()

    async def _lease(self, reader: _Reader) -> None:
        count = self.writes.value  # before the snapshot is taken: the snapshot holds all of it
        try:
            path = await asyncio.to_thread(self.executor.lease_fresh)
        except Exception:  # the read process must hear back all the same: it asks again later
            log.exception("cannot lease a snapshot to a read process")
            path = None
        if path is None or self.closing or reader not in self.readers:
            if path is not None:
                self.executor.snapshots.release(path)
            message = b"N"
        else:
            reader.leases.append(path)
            message = b"S" + COUNT.pack(count) + path.encode()
        try:
            reader.control.send(message)
        except OSError as error:  # gone (_lost releases what it held), or full: it asks again
            log.warning("cannot answer a read process's lease request: %s", error)

    def _lost(self, reader: _Reader) -> None:
        assert self._loop is not None
        self._loop.remove_reader(reader.control.fileno())
        reader.control.close()
        if reader in self.readers:
            self.readers.remove(reader)
        for path in reader.leases:
            self.executor.snapshots.release(path)
        reader.leases.clear()
        self._loop.run_in_executor(None, reader.process.wait)  # reaped without blocking the loop
        if not self.closing:
            log.error("read process %d stopped; another starts in %g s", reader.process.pid, RESTART_DELAY)
            self._loop.call_later(RESTART_DELAY, self._respawn)

    def _respawn(self) -> None:
        if not self.closing:
            reader = self._launch()
            self.readers.append(reader)
            assert self._loop is not None
            self._loop.add_reader(reader.control.fileno(), self._message, reader)

    def close(self) -> None:
        """Stop the read processes (each exits when its control socket closes) and release their leases."""
        self.closing = True
        for reader in list(self.readers):
            if self._loop is not None:
                self._loop.remove_reader(reader.control.fileno())
            reader.control.close()
        for reader in self.readers:
            try:
                reader.process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                reader.process.kill()
                reader.process.wait()
            for path in reader.leases:
                self.executor.snapshots.release(path)
        self.readers.clear()
        self.listener.close()
        self.writes.close()


class _Server(uvicorn.Server):
    """uvicorn, accepting nothing itself: it serves the connections the read processes hand over."""

    def __init__(self, config: uvicorn.Config, readers: ReadProcesses) -> None:
        super().__init__(config)
        self.readers = readers

    async def startup(self, sockets=None) -> None:
        await super().startup(sockets=[])
        config = self.config
        loop = asyncio.get_running_loop()

        def protocol(data: bytes) -> asyncio.Protocol:
            handler = config.http_protocol_class(  # type: ignore[call-arg]
                config=config, server_state=self.server_state, app_state=self.lifespan.state
            )
            made = handler.connection_made

            def connection_made(transport) -> None:
                made(transport)
                if data:  # the bytes read before the hand-over come first: the transport reads after this
                    handler.data_received(data)

            handler.connection_made = connection_made  # type: ignore[method-assign]
            return handler

        async def serve(sock: socket.socket, data: bytes) -> None:
            await loop.connect_accepted_socket(lambda: protocol(data), sock)

        self.readers.start(serve)

    async def shutdown(self, sockets=None) -> None:
        self.readers.close()  # first: no connection is handed over to a server that stops
        await super().shutdown(sockets)


def processes_for(requested: int, executor) -> int:
    """How many processes accept connections: ``requested`` (0: one per CPU), or 1 where queries
    do not run over snapshots (a memory or remote store: nothing a read process could read)."""
    if not isinstance(executor, ProcessExecutor):
        return 1
    return requested or os.cpu_count() or 1


def server_options(settings: Settings, access_log: bool) -> dict:
    """uvicorn's options for ``newsgraph serve``, with or without read processes. On SIGTERM, in-flight
    requests get a few seconds; then the lifespan kills busy query workers."""
    return {
        "host": settings.host,
        "port": settings.port,
        "log_level": "info",
        "access_log": access_log,
        "timeout_graceful_shutdown": 3,
        "limit_concurrency": settings.max_connections,
    }


def launch(application, settings: Settings, processes: int, access_log: bool) -> uvicorn.Server:
    """Bind the port and start ``processes`` read processes (at least 2) for ``application``;
    ``run()`` the server returned to serve."""
    config = uvicorn.Config(application, **server_options(settings, access_log))
    listener = config.bind_socket()
    listener.listen(config.backlog)  # uvicorn listens in create_server, which the server process does not call
    state = application.state
    readers = ReadProcesses(processes, listener, state.executor, state.store, settings)
    readers.launch()
    log.info("%d read processes accept the connections", processes)
    return _Server(config, readers)


__all__ = ["ReadProcesses", "WriteCount", "launch", "processes_for"]
