"""Snapshot lifetime: leased snapshots outlive a refresh, nothing else does; folders of dead servers go at start."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from graph.snapshots import LOCK, Snapshots, remove_leftovers


@pytest.fixture
def snapshots(store):
    s = Snapshots(store)
    yield s
    s.close()


def test_a_leased_snapshot_survives_refreshes_and_goes_when_released(snapshots):
    leased = snapshots.acquire()
    for _ in range(3):
        snapshots.refresh()
    assert Path(leased).is_dir() and leased != snapshots.current
    snapshots.release(leased)
    assert not Path(leased).exists()
    # Only the current snapshot is left (and the spool folder and the owner's lock).
    assert sorted(p.name for p in snapshots.root.iterdir()) == sorted([Path(snapshots.current).name, "spool", LOCK])


def _folder(store_path: Path, name: str, locked: bool) -> tuple[Path, int | None]:
    folder = store_path.parent / f".{store_path.name}-snapshots-{name}"
    (folder / "1").mkdir(parents=True)
    if not locked:
        (folder / LOCK).touch()
        return folder, None
    fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return folder, fd


def test_folders_of_stopped_servers_are_removed_at_start_and_live_ones_kept(store):
    dead, _ = _folder(store.path, "dead0001", locked=False)
    old_style = store.path.parent / f".{store.path.name}-snapshots-old00001"
    (old_style / "3").mkdir(parents=True)  # made by a version without owner locks
    alive, fd = _folder(store.path, "alive001", locked=True)
    try:
        snapshots = Snapshots(store)
        try:
            assert not dead.exists() and not old_style.exists()
            assert alive.exists()  # its owner holds the lock: a running server in this or another process
            assert snapshots.root.exists()
        finally:
            snapshots.close()
        assert not snapshots.root.exists()
    finally:
        assert fd is not None
        os.close(fd)
    assert remove_leftovers(store.path) == [alive]


def test_two_executors_of_one_process_keep_their_own_snapshots(store):
    first = Snapshots(store)
    second = Snapshots(store)
    try:
        assert first.root.exists() and second.root.exists()
        assert Path(first.current).exists()
    finally:
        first.close()
        second.close()
