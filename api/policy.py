"""The SPARQL policy the settings describe, for the endpoint and the CLI (no web framework imported)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from graph.sparql_policy import Policy

if TYPE_CHECKING:
    from api.cli_settings import StoreSettings
    from api.settings import Settings


@lru_cache(maxsize=8)
def _cached_policy(allow_service: bool, load_hosts: str, max_depth: int, max_tokens: int) -> Policy:
    hosts = frozenset(h.strip().lower() for h in load_hosts.split(",") if h.strip())
    return Policy(allow_service, hosts, max_depth, max_tokens)


def policy(settings: Settings | StoreSettings) -> Policy:
    """The SPARQL policy the settings describe."""
    return _cached_policy(
        settings.allow_service, settings.load_hosts, settings.sparql_max_depth, settings.sparql_max_tokens
    )


__all__ = ["policy"]
