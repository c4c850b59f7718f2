"""A Typer app that, run from the command line, builds only the command named first."""

from __future__ import annotations

import copy
import sys
from typing import Any

import typer
from typer.main import get_command_name
from typer.models import CommandInfo


class LazyTyper(typer.Typer):
    """A Typer app that builds, when called with a command's (or group's) name first, that one alone.

    Typer turns every command's signature into options before it reads the arguments, which costs
    a store command more than its query. Built alone beside the callback and the app's own
    options, the command's help, errors and exit codes are the same. Any other call (no
    arguments, an option or a mistyped name first), and ``typer.main.get_command`` (what
    ``CliRunner`` uses), sees the whole app.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        words = args[0] if args else kwargs.get("args")
        first = list(sys.argv[1:] if words is None else words)[:1]
        return typer.Typer.__call__(self._only(first[0]) if first else self, *args, **kwargs)

    def _only(self, name: str) -> typer.Typer:
        """This app with only the command or group called ``name``; the whole app if none is."""
        commands = [info for info in self.registered_commands if _name(info) == name]
        groups = [info for info in self.registered_groups if info.name == name]
        if not commands and not groups:
            return self
        only = copy.copy(self)
        only.registered_commands, only.registered_groups = commands, groups
        return only


def _name(command: CommandInfo) -> str | None:
    callback = command.callback
    return command.name or (get_command_name(callback.__name__) if callback else None)


__all__ = ["LazyTyper"]
