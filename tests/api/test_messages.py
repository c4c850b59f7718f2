"""What a user is told: bad records reported one by one, a short token, a full disk, a backup into the
store itself, and a service description that never repeats the client's ``Host``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx
import pytest
from servers import TOKEN, make_app, running, store_copy, writable_server  # noqa: F401 - fixtures
from typer.testing import CliRunner

from api.cli import app
from graph.errors import StoreFullError
from graph.integrity import article_count
from graph.store import open_store

runner = CliRunner()
TEXT = "Emmanuel Macron met with Angela Merkel in Berlin on {day}. Joe Biden criticised Russia on {day}."


def _record(i: int, **fields) -> dict:
    day = ("Monday", "Tuesday", "Wednesday", "Thursday")[i % 4]
    return {
        "id": f"r{i}",
        "text": TEXT.format(day=day) + f" Case {i}.",
        "date": "2024-03-01",
        "url": f"https://example.org/{i}",
        **fields,
    }


BAD = [
    ({"url": "example.org/1"}, "has no scheme"),
    ({"url": 12}, "url must be a string, not a number"),
    ({"url": {"a": 1}}, "not an object"),
    ({"date": "tomorrow"}, "not an ISO 8601 date"),
    ({"date": "99999-01-01"}, "not an ISO 8601 date"),
]


def test_bad_records_are_named_and_the_rest_of_the_batch_is_stored(tmp_path, nlp, monkeypatch):
    monkeypatch.setattr("extract.pipeline.load_pipeline", lambda *args, **kwargs: nlp)  # the session's pipeline
    feed = tmp_path / "feed.jsonl"
    records = [_record(0)] + [_record(i + 1, **fields) for i, (fields, _) in enumerate(BAD)] + [_record(9)]
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    url = f"oxigraph:{tmp_path / 'store'}"
    for _ in range(2):  # a re-run reports the same records again, and nothing crashes
        result = runner.invoke(app, ["ingest", str(feed), "--store", url])
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        for line, (_, reason) in enumerate(BAD, start=2):
            assert any(f"feed.jsonl:{line}: " in e and reason in e for e in result.stderr.splitlines()), result.stderr
    with open_store(url, read_only=True) as store:
        assert article_count(store) == 2


def test_posted_records_get_a_report_each(writable_server):  # noqa: F811 - the fixture imported above
    auth = {"Authorization": f"Bearer {TOKEN}"}
    records = [_record(20), _record(21, url="no-scheme.example/x"), _record(22, date="tomorrow")]
    answer = httpx.post(f"{writable_server}/articles", json=records, headers=auth, timeout=60)
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["articles"] == 1 and report["failed"] == 2
    assert [(r["index"], r["status"]) for r in report["records"]] == [(0, "stored"), (1, "failed"), (2, "failed")]
    assert "has no scheme" in report["records"][1]["reason"] and "ISO 8601" in report["records"][2]["reason"]
    assert httpx.get(f"{writable_server}/articles/r20").status_code == 200
    assert httpx.get(f"{writable_server}/articles/r21").status_code == 404
    # Nothing of the batch stored: a problem document that still reports each record.
    answer = httpx.post(f"{writable_server}/articles", json=records[1:], headers=auth, timeout=60)
    assert answer.status_code == 422 and answer.headers["content-type"] == "application/problem+json"
    assert [r["status"] for r in answer.json()["records"]] == ["failed", "failed"]


def test_a_short_write_token_is_refused_with_a_message(monkeypatch):
    from api.settings import get_settings

    monkeypatch.setenv("NEWSGRAPH_WRITE_TOKEN", "short")
    get_settings.cache_clear()
    try:
        result = runner.invoke(app, ["serve", "--port", "1"])
    finally:
        monkeypatch.delenv("NEWSGRAPH_WRITE_TOKEN")
        get_settings.cache_clear()
    assert result.exit_code == 1
    assert "NEWSGRAPH_WRITE_TOKEN: the write token has 5 characters; it needs at least 16" in result.stderr
    assert "Traceback" not in result.output and "pydantic" not in result.output and "short" not in result.stderr


def test_a_backup_into_the_store_itself_is_refused(tmp_path, seeded_store):
    live = tmp_path / "live"
    seeded_store.backup(live)
    result = runner.invoke(app, ["backup", str(live / "backups" / "today"), "--store", f"oxigraph:{live}"])
    assert result.exit_code == 1
    assert "inside the store's own folder" in result.stderr
    assert not (live / "backups").exists()


@pytest.mark.parametrize("base_url", [None, "https://graph.example.org/newsgraph"])
def test_the_service_description_names_the_server_not_the_clients_host(seeded_store, base_url):
    with running(make_app(seeded_store, base_url=base_url), lifespan="off") as base:
        answer = httpx.get(f"{base}/sparql", headers={"Host": "evil.example", "Accept": "application/n-triples"})
    assert answer.status_code == 200 and "evil.example" not in answer.text
    expected = f"{base_url}/sparql" if base_url else f"{base}/sparql"
    assert f"<{expected}>" in answer.text


@contextmanager
def small_disk(tmp_path: Path, megabytes: int):
    """A tmpfs of ``megabytes`` at ``tmp_path/disk`` (skips the test where mounting is not allowed)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if (
        shutil.which("mount") is None
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(mount)], capture_output=True
        ).returncode
    ):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> None:
    fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        for size in (1 << 20, 4096, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)


def test_a_full_disk_is_a_clear_error_and_queries_go_on(tmp_path, seeded_store_url, nlp, monkeypatch):
    monkeypatch.setattr("extract.pipeline.load_pipeline", lambda *args, **kwargs: nlp)
    with small_disk(tmp_path, 100) as disk:
        shutil.copytree(seeded_store_url.removeprefix("oxigraph:"), disk / "store")
        store = open_store(f"oxigraph:{disk / 'store'}")
        app_ = make_app(store, write_token=TOKEN)
        with running(app_) as base:
            fill(disk)
            update = 'INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> "%s" } }' % ("x" * 100_000)
            answer = httpx.post(
                f"{base}/sparql", data={"update": update}, timeout=30, headers={"Authorization": f"Bearer {TOKEN}"}
            )
            assert answer.status_code == 507 and "the disk is full" in answer.json()["detail"]
            for _ in range(3):  # queries keep answering, from the last snapshot
                assert httpx.get(f"{base}/sparql", params={"query": "ASK {}"}).status_code == 200
                assert httpx.get(f"{base}/actors/Q7747/relations").status_code == 200
        with suppress(StoreFullError):  # what it could not flush is in its log, replayed at the next open
            store.close()
        fill(disk)  # the server's snapshots are gone: fill what they held
        feed = tmp_path / "feed.jsonl"
        feed.write_text("\n".join(json.dumps(_record(i)) for i in range(3)), encoding="utf-8")
        result = runner.invoke(app, ["ingest", str(feed), "--store", f"oxigraph:{disk / 'store'}"])
        assert result.exit_code == 2, result.output
        assert "the disk is full" in result.stderr and "Traceback" not in result.output
