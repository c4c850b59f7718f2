"""The workbench in a real browser: Debian's chromium driven by Playwright, against a real server over
the seed graph and five corpus articles.

Every test fails on a console error, an uncaught exception, or a request leaving 127.0.0.1 (those are
aborted). Screenshots go to ``test-artifacts/ui/`` (git-ignored; CI keeps them as artifacts).
"""

from __future__ import annotations

import os
import shutil
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Chromium's own background traffic is refused on a closed network; these flags keep it quiet.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).parents[2] / "test-artifacts" / "ui"
CORPUS_SAMPLE = Path(__file__).parents[1] / "graph" / "fixtures" / "corpus_sample.jsonl"
SEEDS = Path(str(files("seeds")))
LOCAL = {"127.0.0.1"}

if not os.path.exists(CHROMIUM):
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium for the UI tests (see .ci/run)")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def base(tmp_path_factory, nlp):
    """A real server over a store with seeds/ and five corpus articles."""
    from servers import make_app, running

    from extract.articles import read_articles
    from graph.ingest import ingest
    from graph.store import open_store

    with open_store(f"oxigraph:{tmp_path_factory.mktemp('ui') / 'store'}") as store:
        assert ingest(store, nlp, read_articles([SEEDS, CORPUS_SAMPLE])).articles == 6
        with running(make_app(store), lifespan="off") as url:
            yield url


class Watch:
    """What the page did wrong: console errors, uncaught exceptions, requests to other hosts."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.outside: list[str] = []

    def route(self, route) -> None:
        url = urlparse(route.request.url)
        if url.scheme in ("data", "blob") or url.hostname in LOCAL:
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def check(self) -> None:
        errors, outside = self.errors[:], self.outside[:]
        self.errors.clear()
        self.outside.clear()
        assert not errors, f"console errors: {errors}"
        assert not outside, f"requests leaving 127.0.0.1: {outside}"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def watch():
    return Watch()


@pytest.fixture(scope="module")
def page(browser, watch):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", watch.route)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.errors.append(str(e)))
    yield page
    context.close()


@pytest.fixture(autouse=True)
def no_errors(request, watch):
    yield
    if "page" in request.fixturenames or "phone" in request.fixturenames:
        watch.check()


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_searching_putin_opens_his_page_with_diaz_canel_and_the_evidence(page, base):
    page.goto(base + "/")
    page.fill("#q", "Putin")
    page.locator("#actor-results a", has_text="Vladimir Putin").click()
    page.wait_for_url("**/#/actor/vladimir-putin")
    relation = page.locator("#actor-relations .relation", has_text="Miguel Díaz-Canel").first
    relation.wait_for()
    assert "Diaz-Canel" in relation.locator(".evidence").inner_text()
    assert relation.locator("mark.trigger").count() == 1
    facts = page.inner_text("#view-actor dl")
    assert "Q7747" in facts and "Person" in page.inner_text("#view-actor h1")
    shot(page, "actor")


def test_non_facts_are_hidden_until_asked_for_and_then_marked(page, base):
    page.goto(base + "/#/actor/vladimir-putin")
    page.locator("#actor-relations .relation").first.wait_for()
    hidden = page.locator("#actor-relations .relation.nonfact").count()
    note = page.inner_text("#actor-relations .hint")
    page.check("#show-nonfacts")
    marked = page.locator("#actor-relations .relation.nonfact")
    assert hidden == 0 and "hidden: non-facts (negated, hypothetical or intended)" in note
    assert marked.count() >= 1  # the seed's "Putin expressed his intention to deepen ... cooperation"
    assert marked.first.locator(".tag.nonfact").inner_text().strip() in (
        "intended",
        "hypothetical",
        "negated",
        "negated, intended",
        "negated, hypothetical",
    )


def test_the_article_link_opens_the_article_with_its_relations_highlighted(page, base):
    page.goto(base + "/#/actor/vladimir-putin")
    relation = page.locator("#actor-relations .relation", has_text="Miguel Díaz-Canel").first
    relation.locator(".meta a[href^='#/article/']").click()
    page.wait_for_url("**/#/article/**")
    page.locator("#view-article h1").wait_for()
    text = page.inner_text("#view-article")
    assert "Diaz-Canel" in text and page.locator("#view-article mark.trigger").count() >= 1
    shot(page, "article")


def test_the_article_page_shows_the_whole_text_with_every_relation_highlighted(page, base):
    import httpx

    article = httpx.get(f"{base}/articles/000_8ba8fdaa8bbfb1fc.txt").json()
    evidence = {r["offsets"]["sentence"] for r in article["relations"]}
    plain = [s["text"] for s in article["sentences"] if s["index"] not in evidence]
    assert plain, "the seed has sentences no relation comes from"
    page.goto(base + "/#/article/000_8ba8fdaa8bbfb1fc.txt")
    text = page.locator("#view-article .article-text")
    text.wait_for()
    assert text.locator("p.sentence").count() == len(article["sentences"])
    unmarked = text.locator("p.sentence:not(.evidence)")
    assert unmarked.count() == len(plain) and unmarked.first.inner_text().strip() == plain[0].strip()
    # a relation: its trigger highlighted, its arguments marked and linked to their actor pages
    called = "mark.trigger[title*='Vladimir Putin called Miguel Díaz-Canel']"
    assert text.locator(called).count() == 1 and text.locator(called).inner_text() == "call"
    sentence = text.locator(".sentence-relations", has=page.locator(called))
    for actor in ("vladimir-putin", "miguel-diaz-canel"):
        assert sentence.locator(f"mark.actor a[href='#/actor/{actor}']").count() >= 1
    triggers: dict[tuple, set[bool]] = {}  # one mark per trigger span, a non-fact when none of its relations is a fact
    for r in article["relations"]:
        span = (r["offsets"]["trigger"]["start"], r["offsets"]["trigger"]["end"])
        triggers.setdefault(span, set()).add(not r["negated"] and r["modality"] == "asserted")
    assert text.locator("mark.trigger").count() == len(triggers)
    # a non-fact (the seed's intention to deepen cooperation) is marked as one
    assert text.locator("mark.trigger.nonfact").count() == sum(facts == {False} for facts in triggers.values()) >= 1
    shot(page, "article-text")
    sentence.locator("mark.actor a[href='#/actor/miguel-diaz-canel']").first.click()
    page.wait_for_url("**/#/actor/miguel-diaz-canel")


def node_count(page) -> int:
    return page.evaluate("cy ? cy.nodes().length : 0")


def test_the_network_renders_expands_and_filters_by_category(page, base):
    page.goto(base + "/#/network?actor=jonas-gahr-store")
    page.wait_for_function("typeof cy !== 'undefined' && cy && cy.nodes().length > 1")
    before = node_count(page)
    page.locator("#net-nodes button[data-expand='vladimir-putin']").click()
    page.wait_for_function(f"cy.nodes().length > {before}")
    shot(page, "network")
    page.fill("#net-filters input[name=actor]", "")
    page.check("#net-filters input[value=CONSULT]")
    page.click("#net-filters button[type=submit]")
    page.wait_for_function("cy.edges().length > 0 && cy.edges().every((e) => e.data('category') === 'CONSULT')")
    page.fill("#path-form input[name=from]", "miguel-diaz-canel")
    page.fill("#path-form input[name=to]", "jonas-gahr-store")
    page.click("#path-form button")
    page.wait_for_function("document.getElementById('path-result').textContent.includes('→')")
    assert "Vladimir Putin" in page.inner_text("#path-result")
    shot(page, "network-consult")


def test_an_example_query_and_a_construct_run_in_the_sparql_editor(page, base):
    page.goto(base + "/sparql")  # a browser asking /sparql gets the editor
    page.wait_for_url("**/#/sparql")
    page.locator("#yasqe .CodeMirror").wait_for()
    page.click("#run-sparql")
    page.locator("#yasr table tbody tr").first.wait_for()
    assert "Vladimir Putin" in page.inner_text("#yasr table")
    shot(page, "sparql-select")
    page.select_option("#examples", label="CONSTRUCT: Putin's direct relations")
    page.click("#run-sparql")
    page.wait_for_function("document.querySelector('#yasr').innerText.includes('actor:miguel-diaz-canel')")
    shot(page, "sparql-construct")
    page.locator("#yasr table a", has_text="actor:miguel-diaz-canel").first.click()  # IRIs open their pages
    page.wait_for_url("**/#/actor/miguel-diaz-canel")
    page.go_back()
    page.locator("#yasr table").wait_for()
    page.locator("#yasr button", has_text="Response").click()  # the Turtle as the endpoint sent it
    page.wait_for_function("/(ng:|ontology#)called\\b/.test(document.querySelector('#yasr').innerText)")
    turtle = page.inner_text("#yasr")
    assert "miguel-diaz-canel" in turtle and " ;" in turtle  # Turtle, not the table
    shot(page, "sparql-construct-turtle")


def test_the_editor_completes_the_projects_prefixes(page, base):
    page.goto(base + "/#/sparql")
    page.locator("#yasqe .CodeMirror").wait_for()
    page.evaluate("yasqe.setValue('PREFIX plo'); yasqe.setCursor({line: 0, ch: 10}); yasqe.focus()")
    page.keyboard.press("Control+Space")
    hint = page.locator(".CodeMirror-hints li", has_text="plover: <https://w3id.org/newsgraph/plover/>")
    hint.wait_for()
    hint.click()
    assert page.evaluate("yasqe.getValue()").startswith("PREFIX plover: <https://w3id.org/newsgraph/plover/>")


def test_the_api_docs_work_offline(page, base):
    page.goto(base + "/docs")
    page.locator(".swagger-ui .info .title", has_text="newsgraph").wait_for()
    page.locator(".opblock-tag", has_text="analytics").first.wait_for()
    shot(page, "docs")
    page.goto(base + "/redoc")
    page.locator("h1", has_text="newsgraph").first.wait_for()


@pytest.fixture(scope="module")
def phone(browser, watch):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.route("**/*", watch.route)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.errors.append(str(e)))
    yield page
    context.close()


@pytest.mark.parametrize(
    "view", ["#/", "#/actor/vladimir-putin", "#/article/000_8ba8fdaa8bbfb1fc.txt", "#/network", "#/sparql"]
)
def test_every_view_fits_a_390_pixel_screen(phone, base, view):
    phone.goto(base + "/" + view)
    phone.wait_for_load_state("networkidle")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{view} is {width} px wide"
    shot(phone, "phone-" + (view.strip("#/").replace("/", "-") or "home"))


def test_the_search_is_reachable_by_keyboard(page, base):
    page.goto(base + "/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "newsgraph"
    page.focus("#q")
    page.keyboard.type("Díaz")
    link = page.locator("#actor-results a", has_text="Miguel Díaz-Canel")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/#/actor/miguel-diaz-canel")
