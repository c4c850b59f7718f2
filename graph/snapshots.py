"""Snapshots of a live on-disk store, and the one mechanism that decides when each folder goes.

Query workers, the server's inline relation reads and exports read RocksDB checkpoints of the live store
(``pyoxigraph.Store.backup``: hard links, milliseconds). Every reader *leases* a snapshot before
it opens it and gives the lease back when it is done; a snapshot is deleted only when it is no
longer the current one and nobody holds a lease on it, so no reader can open a folder being
deleted. All snapshots of one server live under one folder beside the store
(``.NAME-snapshots-XXXX``), locked with ``flock`` while the server runs: a folder whose lock can be
taken at start belongs to a process that is gone (killed, crashed) and is removed.

>>> import tempfile
>>> from graph.store import open_store
>>> with tempfile.TemporaryDirectory() as d, open_store(f"oxigraph:{d}/live") as store:
...     snapshots = Snapshots(store)
...     with snapshots.lease() as path:
...         snapshots.refresh()  # a write happened: a new current snapshot
...         Path(path).exists()  # the leased one stays until its lease ends
...     snapshots.close()
True
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.errors import StoreError
from graph.store import OxigraphStore

log = logging.getLogger(__name__)
LOCK = "owner.lock"


def remove_leftovers(store_path: Path) -> list[Path]:
    """Delete the snapshot folders of ``store_path`` that no running process owns; return them.

    Args:
        store_path: the store's folder.

    Returns:
        The folders deleted.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     (Path(d) / ".store-snapshots-1234" / "snap").mkdir(parents=True)  # a killed server's, no lock
    ...     [p.name for p in remove_leftovers(Path(d) / "store")], sorted(p.name for p in Path(d).iterdir())
    (['.store-snapshots-1234'], [])
    """
    removed = []
    for folder in store_path.parent.glob(f".{store_path.name}-snapshots-*"):
        if folder.is_dir() and not _owned(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    if removed:
        log.info("removed %d snapshot folder(s) left by stopped servers of %s", len(removed), store_path)
    return removed


def _owned(folder: Path) -> bool:
    try:
        fd = os.open(folder / LOCK, os.O_RDONLY)
    except OSError:
        return False  # no lock file: an older version's folder, or one whose owner died while making it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing releases the lock we may have taken
    return False


class Snapshots:
    """The snapshots of one live store, with leases (thread-safe)."""

    def __init__(self, store: OxigraphStore) -> None:
        assert store.path is not None
        self.store = store
        remove_leftovers(store.path)
        self.root = Path(tempfile.mkdtemp(prefix=f".{store.path.name}-snapshots-", dir=store.path.parent))
        self._owner = os.open(self.root / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._owner, fcntl.LOCK_EX | fcntl.LOCK_NB)
        self.spool = self.root / "spool"
        self.spool.mkdir()
        self._mutex = threading.Lock()
        self._leases: dict[str, int] = {}
        self._current: str | None = None
        self._generation = 0
        self.refresh()

    @property
    def current(self) -> str | None:
        return self._current

    def refresh(self) -> None:
        """Make a new current snapshot of the store as it is now.

        Raises:
            StoreError: when the checkpoint cannot be made (a full disk); the previous snapshot, if
                any, stays current, so readers keep answering from it.
        """
        with self._mutex:
            self._generation += 1
            target = self.root / str(self._generation)
            try:
                self.store.backup(target)
            except StoreError as error:
                shutil.rmtree(target, ignore_errors=True)
                raise StoreError(f"cannot snapshot the store: {error}") from error
            self._current = str(target)
            self._collect()

    def acquire(self) -> str:
        """Lease the current snapshot; give it back with :meth:`release`."""
        with self._mutex:
            if self._current is None:
                raise StoreError("no snapshot of the store could be made")
            self._leases[self._current] = self._leases.get(self._current, 0) + 1
            return self._current

    def release(self, path: str | None) -> None:
        if path is None:
            return
        with self._mutex:
            left = self._leases.get(path, 0) - 1
            if left > 0:
                self._leases[path] = left
            else:
                self._leases.pop(path, None)
                if path != self._current:  # only then is there a folder to delete (not on every query)
                    self._collect()

    @contextmanager
    def lease(self) -> Iterator[str]:
        path = self.acquire()
        try:
            yield path
        finally:
            self.release(path)

    def spool_file(self) -> str:
        """A fresh path for a spooled query answer (removed with the root at close or next start)."""
        return str(self.spool / uuid.uuid4().hex)

    def _collect(self) -> None:
        """Delete snapshots that are neither current nor leased (the caller holds the mutex)."""
        keep = set(self._leases) | {self._current}
        for path in self.root.iterdir():
            if path.name.isdigit() and str(path) not in keep:
                shutil.rmtree(path, ignore_errors=True)

    def close(self) -> None:
        with self._mutex:
            self._current = None
            shutil.rmtree(self.root, ignore_errors=True)
            os.close(self._owner)


__all__ = ["Snapshots", "remove_leftovers"]
