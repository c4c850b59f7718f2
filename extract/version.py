"""newsgraph's version: one definition (``pyproject.toml``), read from the installed package."""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, version


@cache
def package_version() -> str:
    """The installed distribution's version (``0+unknown`` in a source tree that is not installed).

    It goes into ``/healthz``, the OpenAPI document, the SPARQL service description and every
    relation's provenance (``ng:extractorVersion``).

    Returns:
        A PEP 440 version string.

    >>> package_version() == version("newsgraph")
    True
    """
    try:
        return version("newsgraph")
    except PackageNotFoundError:
        return "0+unknown"


__all__ = ["package_version"]
