"""The ``newsgraph`` app built for the command named first says what the whole app says."""

from __future__ import annotations

import pytest
import typer

from api.cli import app


@pytest.mark.parametrize(
    "words",
    [
        ["query", "ASK {}", "--store", "memory:"],
        ["query", "--help"],
        ["query"],
        ["query", "ASK {}", "--format", "yaml", "--store", "memory:"],
        ["export", "--graphs"],
        ["analytics", "--help"],
        ["analytics", "centrality", "--limit", "0"],
        ["eval", "--help"],
        ["qurey", "ASK {}"],
        ["--store", "memory:", "query"],
        ["--help"],
        [],
    ],
)
def test_a_command_built_alone_answers_as_in_the_whole_app(capsys, words):
    answers = []
    for whole in (False, True):
        run = typer.main.get_command(app) if whole else app
        with pytest.raises(SystemExit) as done:
            run(words, prog_name="newsgraph")
        answers.append((done.value.code, capsys.readouterr()))
    assert answers[0] == answers[1]


@pytest.mark.parametrize(
    "name, commands, groups",
    [("query", ["query"], []), ("eval", ["eval"], []), ("analytics", [], ["analytics"]), ("qurey", None, None)],
)
def test_only_the_command_named_is_registered(name, commands, groups):
    only = app._only(name)
    if commands is None:
        assert only is app
        return
    assert [c.name or c.callback.__name__ for c in only.registered_commands] == commands
    assert [g.name for g in only.registered_groups] == groups
    assert len(app.registered_commands) > 5  # the app itself keeps them all
