"""The dashboard in headless Chromium (Debian's /usr/bin/chromium driven by Playwright for Python).

A real ``eventcoder serve`` runs in a subprocess on a free port over a copy of the store filled from the seed
article and the dev set. Screenshots go to ``tests/artifacts/``. Without /usr/bin/chromium or Playwright the
tests are skipped, unless ``EVENTCODER_REQUIRE_BROWSER=1`` (set by ``.ci/run``) makes that a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import urllib.request
from pathlib import Path

import pytest
from conftest import SEED, served
from conftest import get_json as _get_json

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
KEY = "browser-test-key"
XSS_TEXT = (
    "Japarov meets Wang <script>window.__pwned = 1</script>\n\n"
    "BISHKEK, Nov. 19 (Xinhua) -- Kyrgyz President Sadyr Japarov met here Wednesday with Chinese Foreign Minister "
    "Wang Yi to discuss the \"<script>window.__pwned = 2</script><img src=x onerror='window.__pwned = 3'>\" plan.\n"
)


def _browser_missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is absent (apt-get install chromium; .ci/run installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


_MISSING = _browser_missing()
if _MISSING and os.environ.get("EVENTCODER_REQUIRE_BROWSER") == "1":
    raise RuntimeError(f"browser tests are required here (EVENTCODER_REQUIRE_BROWSER=1) but {_MISSING}")
pytestmark = [pytest.mark.browser, pytest.mark.skipif(_MISSING is not None, reason=_MISSING or "")]


@pytest.fixture(scope="module")
def server(seed_dev_db: Path, tmp_path_factory):
    """Base URL of ``eventcoder serve`` over a copy of the seed + dev-set store (the API key is KEY)."""
    db = tmp_path_factory.mktemp("serve") / "dashboard.duckdb"
    shutil.copy(seed_dev_db, db)
    with served(["--db", str(db), "--api-key", KEY]) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors, uncaught exceptions and dialogs; none may occur."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    problems: list[str] = []
    tab.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    tab.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    tab.set_default_timeout(90_000)  # the first POST /api/v1/code loads spaCy in the server
    yield tab
    context.close()
    assert problems == []


def _shot(tab, name: str, *, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / name), full_page=full_page)


def _paste(tab, base: str, text: str, published: str) -> None:
    tab.goto(base + "/paste")
    tab.fill("textarea[name=text]", text)
    tab.fill("input[name=published]", published)
    tab.click("#code-button")
    tab.wait_for_selector("body[data-loaded=true]")


def test_browser_dashboard_shows_timeline_network_and_table(server, page):
    from playwright.sync_api import expect

    stats = _get_json(server + "/api/v1/stats?by=month")
    mentions = _get_json(server + "/api/v1/events?table=mentions&limit=1")
    page.goto(server + "/")
    page.wait_for_selector("body[data-loaded=true]")
    points = page.locator("#timeline circle.gpoint")
    assert points.count() == len(stats["rows"]) >= 3
    assert page.locator("#timeline rect.bar").count() >= len(stats["rows"])
    assert points.first.get_attribute("data-period") == stats["rows"][0]["period"]
    assert page.locator("#network line.edge").count() > 5
    rows = page.locator("#events tbody tr")
    assert rows.count() == min(25, mentions["total"]) and mentions["total"] > 100
    assert page.locator("#events tbody mark.hl-trigger").count() > 0
    assert page.locator("#page-note").inner_text() == f"Reports 1–25 of {mentions['total']}"
    _shot(page, "dashboard-full.png")
    page.set_viewport_size({"width": 1280, "height": 1500})
    _shot(page, "dashboard.png", full_page=False)  # the top: filters, timeline, network (docs/dashboard.png)

    page.fill("input[name=dyad]", "KGZ:CHN")
    page.check("input[name=either]")
    page.click("button[type=submit]")
    dyad = _get_json(server + "/api/v1/events?table=mentions&dyad=KGZ:CHN&either=true&limit=1")
    assert 0 < dyad["total"] < mentions["total"]
    expect(page.locator("#page-note")).to_have_text(f"Reports 1–{min(25, dyad['total'])} of {dyad['total']}")
    assert "dyad=KGZ%3ACHN" in page.url
    page.locator("#events tbody a.doc-link").first.click()
    page.wait_for_selector("body[data-loaded=true]")
    assert "/article?doc_id=" in page.url
    assert page.locator("#sentences mark.hl-source").count() > 0
    assert page.locator("#event-list .event-card").count() > 0


def test_browser_pasted_seed_article_is_coded_and_highlighted(server, page):
    if not SEED.is_dir():
        pytest.skip("../shared/seed is absent")
    text = next(SEED.glob("*.txt")).read_text(encoding="utf-8")
    _paste(page, server, text, "2025-11-20")
    coded = page.locator("#coded-text")
    actors = coded.locator("mark.hl-source, mark.hl-target").all_inner_texts()
    assert any("Japarov" in words for words in actors), actors
    assert any("Wang Yi" in words for words in actors), actors
    assert "met" in coded.locator("mark.hl-trigger").all_inner_texts()
    assert coded.inner_text().strip() == text.strip()
    cards = page.locator("#event-list .event-card")
    assert cards.count() >= 10
    assert "verbs.tsv:" in cards.first.inner_text() and "Kyrgyz President Sadyr Japarov" in cards.first.inner_text()
    _shot(page, "paste-seed.png")


def test_browser_script_in_an_article_is_shown_not_run(server, page):
    _paste(page, server, XSS_TEXT, "2025-11-20")
    assert page.evaluate("window.__pwned") is None
    assert "<script>window.__pwned = 2</script>" in page.locator("#coded-text").inner_text()
    assert page.locator("#coded-text script, #coded-text img, #event-list script, #event-list img").count() == 0

    request = urllib.request.Request(
        server + "/api/v1/code", method="POST",
        data=json.dumps({"text": XSS_TEXT, "published": "2025-11-20", "doc_id": "xss.txt", "store": True}).encode(),
        headers={"Content-Type": "application/json", "X-API-Key": KEY})
    with urllib.request.urlopen(request, timeout=60) as response:
        assert json.loads(response.read())["stored"] is True
    page.goto(server + "/article?doc_id=xss.txt")
    page.wait_for_selector("body[data-loaded=true]")
    assert page.locator("#headline").inner_text() == "Japarov meets Wang <script>window.__pwned = 1</script>"
    assert "onerror='window.__pwned = 3'" in page.locator("#sentences").inner_text()
    page.goto(server + "/?text=pwned")
    page.wait_for_selector("body[data-loaded=true]")
    assert page.locator("#events tbody tr").count() == 2
    assert page.locator("main script, main img").count() == 0
    assert page.evaluate("window.__pwned") is None
    _shot(page, "script-as-text.png")
