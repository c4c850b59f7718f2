"""Values derived from a store, kept until the store is written again."""

from __future__ import annotations

import itertools
import threading
import weakref
from collections import OrderedDict, deque
from collections.abc import Callable
from typing import Generic, TypeVar

from graph.store import Store

T = TypeVar("T")
_SERIALS = itertools.count(1)


def store_key(store: Store) -> int:
    """A number naming this store object for the life of the process: a cache key that, unlike
    ``id(store)``, a later store never reuses.

    Args:
        store: any store.

    Returns:
        Its number, the same on every call.

    >>> from graph.store import open_store
    >>> a, b = open_store("memory:"), open_store("memory:")
    >>> store_key(a) == store_key(a) != store_key(b)
    True
    """
    key = store.__dict__.get("_cache_key")
    if key is None:
        key = store.__dict__.setdefault("_cache_key", next(_SERIALS))
    return key


class PerGeneration(Generic[T]):
    """``build(store)``, kept per store and rebuilt when the store's write ``generation`` changes.

    A value is found by the store's identity (:func:`store_key`: a new store that happens to reuse
    a dead store's ``id`` never receives the dead store's value) and its generation; a dead store's
    value is dropped, and at most ``max_stores`` stores keep one, the least recently asked for
    goes first. One build at a
    time: concurrent callers after a write wait for the same value.

    Args:
        build: computes the value from a store.
        max_stores: how many stores keep a value.

    >>> from graph.store import open_store
    >>> builds = []
    >>> count = PerGeneration(lambda store: builds.append(1) or len(builds))
    >>> store = open_store("memory:")
    >>> count(store), count(store), count(store, generation=store.generation + 1)
    (1, 1, 2)
    """

    def __init__(self, build: Callable[[Store], T], max_stores: int = 4) -> None:
        self._build = build
        self._max = max_stores
        self._values: OrderedDict[int, tuple[weakref.ref[Store], int, T]] = OrderedDict()
        self._dead: deque[int] = deque()  # keys of dead stores, appended by weakref callbacks (no lock)
        self._lock = threading.Lock()

    def __call__(self, store: Store, generation: int | None = None) -> T:
        """The value for ``store`` at ``generation`` (default: ``store.generation``), built if needed."""
        generation = store.generation if generation is None else generation
        key = store_key(store)
        with self._lock:
            self._forget_dead()
            kept = self._values.get(key)
            if kept is None or kept[1] != generation:
                kept = (weakref.ref(store, self._on_death(key)), generation, self._build(store))
                self._values[key] = kept
            self._values.move_to_end(key)
            while len(self._values) > self._max:
                self._values.popitem(last=False)
            return kept[2]

    def __len__(self) -> int:
        """How many stores keep a value."""
        with self._lock:
            self._forget_dead()
            return len(self._values)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def _on_death(self, key: int) -> Callable[[weakref.ref[Store]], None]:
        """A weakref callback noting that the store under ``key`` is gone (it runs inside the garbage
        collector, maybe while this thread holds the lock: so it only appends)."""
        return lambda _: self._dead.append(key)

    def _forget_dead(self) -> None:
        while self._dead:
            self._values.pop(self._dead.popleft(), None)


__all__ = ["PerGeneration", "store_key"]
