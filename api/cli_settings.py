"""The settings the CLI's store commands read, without pydantic where nothing needs validating.

Importing pydantic and pydantic-settings costs ``newsgraph query "ASK {}"`` more CPU than the
rest of the command. When there is no ``.env`` file and every NEWSGRAPH_* variable names one of
the free-text settings below (any string is valid there), the settings are the defaults with those
strings, which is what :class:`api.settings.Settings` would say; otherwise it is asked, so that an
invalid setting is refused with the same message as ever.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from api.settings import Settings

PREFIX = "newsgraph_"
#: settings that accept any string, so that a variable setting one needs no validation
FREE_TEXT = frozenset({"store", "update_url", "gsp_url", "load_hosts"})


@dataclass(frozen=True)
class StoreSettings:
    """The store commands' settings at the defaults of ``Settings`` (a test holds them equal)."""

    store: str = "oxigraph:data/newsgraph"
    update_url: str | None = None
    gsp_url: str | None = None
    load_hosts: str = ""
    lock_wait: float = 0.0
    allow_service: bool = False
    sparql_max_depth: int = 64
    sparql_max_tokens: int = 4000


def store_settings() -> StoreSettings | Settings:
    """The settings, from pydantic-settings only when the environment could hold an invalid one.

    Raises:
        ConfigError: naming each invalid setting and why (``api.settings.get_settings``).
    """
    variables = _free_text_variables()
    if variables is None:
        from api.settings import get_settings

        return get_settings()
    return replace(StoreSettings(), **variables)


def _free_text_variables() -> dict[str, Any] | None:
    """The NEWSGRAPH_* variables by setting, or None if a ``.env`` file or a variable needs validating."""
    if Path(".env").exists():
        return None
    # as pydantic-settings reads them: names in any case, the last of two spellings winning
    variables = {name.lower(): value for name, value in os.environ.items()}
    ours = {name.removeprefix(PREFIX): value for name, value in variables.items() if name.startswith(PREFIX)}
    return ours if ours.keys() <= FREE_TEXT else None


__all__ = ["StoreSettings", "store_settings"]
