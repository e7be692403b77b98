"""What a visitor sees, in a real Chromium (Debian's, driven by Playwright).

Skipped when Chromium or Playwright is missing, unless POSTINGS_REQUIRE_BROWSER=1 (CI), which
turns the skip into a failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import Site

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _browser_missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return "Debian's chromium is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


_missing = _browser_missing()
if _missing and os.environ.get("POSTINGS_REQUIRE_BROWSER") == "1":
    raise RuntimeError(f"browser tests required but cannot run: {_missing}")
pytestmark = pytest.mark.skipif(_missing is not None, reason=f"browser tests skipped: {_missing}")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    """The example site, built at the pinned clock, served on 127.0.0.1 (random free port)."""
    from conftest import EXAMPLE_SITE, PINNED_EPOCH

    root = tmp_path_factory.mktemp("browser") / "example"
    shutil.copytree(EXAMPLE_SITE, root, ignore=shutil.ignore_patterns("site"))
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = PINNED_EPOCH
    try:
        import yaml

        site = Site(root, yaml.safe_load((root / "mkdocs.yml").read_text()))
        site.build(strict=True)
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    handler = functools.partial(_QuietHandler, directory=str(site.out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


def open_at(browser, url: str, moment: datetime):
    page = browser.new_page()
    page.clock.install(time=moment)
    page.goto(url)
    page.wait_for_load_state("load")
    return page


# The postdoc closes on 10 December 2026, 12:00 CET (11:00 UTC).
POSTDOC = "openings/postdoc-federated-learning/"
BEFORE = datetime(2026, 12, 10, 10, 59, tzinfo=UTC)
AFTER = datetime(2026, 12, 10, 11, 1, tzinfo=UTC)


def test_before_the_deadline_the_posting_is_open(served, browser):
    page = open_at(browser, served + POSTDOC, BEFORE)
    assert page.get_attribute(".postings-posting", "data-status") == "closing-soon"
    assert page.locator('.postings-notice[data-status="closed"]').is_hidden()
    apply = page.locator("a.postings-apply").first
    assert apply.get_attribute("href") == "https://jobs.example.org/uzh/mi-2026-07"
    assert page.locator(".postings-countdown").first.inner_text() == "closes today"
    page.close()


def test_after_the_deadline_the_browser_closes_the_posting(served, browser):
    page = open_at(browser, served + POSTDOC, AFTER)
    assert page.get_attribute(".postings-posting", "data-status") == "closed"
    assert page.locator('.postings-notice[data-status="closed"]').is_visible()
    assert page.locator('.postings-notice[data-status="closing-soon"]').is_hidden()
    for link in page.locator("a.postings-apply").all():
        assert link.get_attribute("href") is None
        assert link.get_attribute("aria-disabled") == "true"
    page.close()


def test_after_the_deadline_the_card_moves_to_past_openings(served, browser):
    page = open_at(browser, served + "openings/", AFTER)
    card = page.locator(".postings-cards--past .postings-card", has_text="Federated Learning")
    assert card.count() == 1
    assert card.get_attribute("data-status") == "closed"
    assert card.locator("a.postings-apply").get_attribute("href") is None
    open_titles = page.locator(".postings-cards--open .postings-card-title").all_inner_texts()
    assert "Postdoc in Privacy-Preserving Federated Learning" not in open_titles
    page.close()


def chip(page, group: str, value: str):
    return page.locator(
        f'.postings-filter-group[data-filter="{group}"] .postings-chip[data-value="{value}"]'
    )


def test_filter_chips_narrow_cards_update_url_and_back_restores(served, browser):
    page = open_at(browser, served + "openings/", BEFORE)
    assert page.locator(".postings-filters").is_visible()
    visible = page.locator(".postings-cards--open .postings-card:visible")
    assert visible.count() == 5
    chip(page, "type", "phd").click()
    assert page.url.endswith("?type=phd")
    assert visible.count() == 2
    chip(page, "tag", "nlp").click()
    assert "tag=nlp" in page.url and "type=phd" in page.url
    assert visible.count() == 1
    page.go_back()
    page.wait_for_function("() => !location.search.includes('tag=')")
    assert visible.count() == 2
    page.go_back()
    page.wait_for_function("() => location.search === ''")
    assert visible.count() == 5
    page.close()
