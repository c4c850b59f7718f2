"""The web UI in a real browser: Debian's chromium driven by Playwright, against a real server."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Chromium's own background traffic is refused on a closed network; these flags keep it quiet.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not os.path.exists(CHROMIUM):
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium for the UI tests (see .ci/run)")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.set_default_timeout(15_000)
        page.goto(server)
        yield page
        browser.close()


def test_searching_an_actor_shows_its_relations_with_evidence(page, tmp_path):
    page.fill("#q", "putin")
    page.click("#actors button:has-text('Vladimir Putin')")
    table = page.locator("#relations table")
    table.wait_for()
    rows = table.locator("tbody tr").all_inner_texts()
    assert any("called" in row and "Miguel Díaz-Canel" in row for row in rows), rows
    assert any("congratulated" in row and "Abdel Fattah el-Sisi" in row for row in rows), rows
    page.screenshot(path=str(tmp_path / "relations.png"), full_page=True)


def test_the_sparql_box_runs_a_query(page):
    page.click("#run")
    page.locator("#results table").wait_for()
    text = page.inner_text("#results")
    assert "Vladimir Putin" in text and "rows" in text


def test_a_bad_query_shows_the_parser_message(page):
    page.fill("#sparql", "SELECT ?x WHERE {")
    page.click("#run")
    error = page.locator("#results .error")
    error.wait_for()
    assert error.inner_text().strip()
