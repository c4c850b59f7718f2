"""FastAPI dependencies, as Annotated aliases.

The getters are ``async``: FastAPI runs a plain ``def`` dependency in a worker thread, and three
thread hops cost more than the work of a small request.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from api.settings import Settings
from graph.executor import Executor
from graph.store import Store

if TYPE_CHECKING:
    from spacy.language import Language


class Writes:
    """Serialises writes (one at a time) and makes queries see them afterwards."""

    def __init__(self, store: Store, executor: Executor) -> None:
        self.store = store
        self.executor = executor
        self.lock = threading.Lock()
        self._nlp: Language | None = None

    @property
    def generation(self) -> int:
        """The store's write generation: any write through it, even one that bypasses these routes,
        makes caches (the /paths graph, the actor index) stale."""
        return self.store.generation

    def nlp(self, model: str | None) -> Language:
        from extract.pipeline import load_pipeline

        if self._nlp is None:
            self._nlp = load_pipeline(model)
        return self._nlp

    def use_pipeline(self, nlp: Language) -> None:
        self._nlp = nlp

    def done(self) -> None:
        """After a write, before its answer: queries see it from now on (the caller has released
        ``lock``, so writes queued behind it share the refresh)."""
        self.executor.refresh()


async def get_store(request: Request) -> Store:
    return request.app.state.store


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_executor(request: Request) -> Executor:
    return request.app.state.executor


async def get_writes(request: Request) -> Writes:
    return request.app.state.writes


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ExecutorDep = Annotated[Executor, Depends(get_executor)]
WritesDep = Annotated[Writes, Depends(get_writes)]

__all__ = [
    "ExecutorDep",
    "SettingsDep",
    "StoreDep",
    "Writes",
    "WritesDep",
    "get_executor",
    "get_settings",
    "get_store",
    "get_writes",
]
