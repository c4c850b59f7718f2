"""`newsgraph ingest` at scale: the summary with failure reasons, progress lines off a terminal, stdin,
a second run that parses nothing, worker processes; store-only commands import neither spaCy nor the
server (nor pydantic-settings)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from api.progress import IngestProgress
from extract.errors import InputError
from extract.records import Article

runner = CliRunner()
INPUTS = Path(__file__).parents[1] / "extract" / "data" / "inputs"
LINES = [
    {"id": "c1", "text": "Emmanuel Macron met with Angela Merkel in Berlin. Joe Biden criticised Russia."},
    {"id": "c2", "text": "Vladimir Putin congratulated Joe Biden. The weather was fine."},
    {"id": "c3"},
]


@pytest.fixture
def feed(tmp_path) -> Path:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in LINES), encoding="utf-8")
    return path


def test_summary_counts_every_sentence_and_names_failure_reasons(tmp_path, feed):
    url = f"oxigraph:{tmp_path / 'store'}"
    result = runner.invoke(app, ["ingest", str(feed), "--store", url])
    assert result.exit_code == 2, result.output
    assert "articles 2 (unchanged 0, replaced 0, failed 1), sentences 4, relations" in result.stdout
    assert "failed: 1 no 'text' string" in result.stdout
    again = runner.invoke(app, ["ingest", str(feed), "--store", url])
    assert "articles 0 (unchanged 2, replaced 0, failed 1)" in again.stdout


def test_standard_input_and_every_format_of_a_folder(tmp_path):
    url = f"oxigraph:{tmp_path / 'store'}"
    data = json.dumps(LINES[0]).encode()
    piped = runner.invoke(app, ["ingest", "-", "--store", url], input=data)
    assert piped.exit_code == 0 and "articles 1 " in piped.stdout, piped.output
    folder = runner.invoke(app, ["ingest", str(INPUTS), "--store", url])
    # The crawl's copy of page.html has its URL and text: stored once. The feed's empty item fails.
    assert "articles 7 (unchanged 1, replaced 0, failed 1)" in folder.stdout, folder.output


def test_progress_lines_off_a_terminal():
    out = io.StringIO()
    with IngestProgress(3, interval=0, stream=out, live=False, every_article=True) as progress:
        progress(Article(id="a", text="x"), None)
        progress(InputError("b.txt", "empty article"), InputError("b.txt", "empty article"))
    lines = out.getvalue().splitlines()
    assert lines[0] == "done a" and lines[1].startswith("progress: 1/3 articles (0 failed)")
    assert "skipped b.txt: empty article" in lines and "ETA" in lines[-1]


@pytest.mark.slow
def test_two_workers_store_what_one_process_stores(tmp_path, feed):
    one, two = f"oxigraph:{tmp_path / 'one'}", f"oxigraph:{tmp_path / 'two'}"
    runner.invoke(app, ["ingest", str(feed), "--store", one])
    result = runner.invoke(app, ["ingest", str(feed), "--store", two, "--workers", "2", "--batch-size", "1"])
    assert "articles 2 (unchanged 0, replaced 0, failed 1), sentences 4" in result.stdout, result.output
    dumps = [runner.invoke(app, ["export", "--format", "nquads", "--store", url]).stdout for url in (one, two)]
    assert len(dumps[0].splitlines()) == len(dumps[1].splitlines())


# Never imported by a store-only command: spaCy, the server, networkx, the settings' pydantic-settings
# (Typer itself needs pydantic, to read the options).
HEAVY = ("spacy", "thinc", "fastapi", "starlette", "uvicorn", "networkx", "pydantic_settings", "api.settings")


@pytest.mark.parametrize(
    "command, variables",
    [
        (["query", "ASK {}", "--store", "URL"], {}),
        (["query", "ASK {}"], {"NEWSGRAPH_STORE": "URL"}),
        (["check", "--store", "URL"], {}),
        (["export", "--format", "nquads", "--store", "URL"], {}),
    ],
)
def test_store_only_commands_import_neither_spacy_nor_the_server(tmp_path, command, variables):
    url = f"oxigraph:{tmp_path / 'store'}"
    script = (
        "import sys\nfrom api.cli import app\ntry:\n    app(sys.argv[1:])\nexcept SystemExit as done:\n"
        f"    assert not done.code, done.code\nprint(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from graph.store import open_store; open_store(sys.argv[1]).close()".replace(
                "sys.argv", "__import__('sys').argv"
            ),
            url,
        ],
        check=True,
    )
    # no other NEWSGRAPH_* variable and no .env file: nothing for pydantic-settings to validate
    env = {name: value for name, value in os.environ.items() if not name.lower().startswith("newsgraph_")}
    env |= {name: value.replace("URL", url) for name, value in variables.items()}
    argv = [sys.executable, "-c", script, *(word.replace("URL", url) for word in command)]
    done = subprocess.run(argv, capture_output=True, text=True, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]", done.stdout
