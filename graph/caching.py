"""Values derived from a store, kept until the store is written again."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from graph.store import Store

T = TypeVar("T")


class PerGeneration(Generic[T]):
    """``build(store)``, kept per store and rebuilt when the caller's write ``generation`` changes.

    One build at a time: concurrent callers after a write wait for the same value.

    >>> from graph.store import open_store
    >>> builds = []
    >>> count = PerGeneration(lambda store: builds.append(1) or len(builds))
    >>> store = open_store("memory:")
    >>> count(store, 0), count(store, 0), count(store, 1)
    (1, 1, 2)
    """

    def __init__(self, build: Callable[[Store], T]) -> None:
        self._build = build
        self._values: dict[int, tuple[int, T]] = {}
        self._lock = threading.Lock()

    def __call__(self, store: Store, generation: int) -> T:
        with self._lock:
            kept = self._values.get(id(store))
            if kept is None or kept[0] != generation:
                kept = (generation, self._build(store))
                self._values[id(store)] = kept
            return kept[1]


__all__ = ["PerGeneration"]
