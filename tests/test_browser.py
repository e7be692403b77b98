"""What a visitor sees, in a real Chromium (Debian's, driven by Playwright).

Skipped when Chromium or Playwright is missing, unless POSTINGS_REQUIRE_BROWSER=1 (CI), which
turns the skip into a failure.
"""

from __future__ import annotations

import functools
import http.server
import itertools
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
        import axe_playwright_python  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        return f"{error.name} is not installed (pip install -e '.[test]')"
    return None


_missing = _browser_missing()
if _missing and os.environ.get("POSTINGS_REQUIRE_BROWSER") == "1":
    raise RuntimeError(f"browser tests required but cannot run: {_missing}")
pytestmark = pytest.mark.skipif(_missing is not None, reason=f"browser tests skipped: {_missing}")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    """The example site, built at the pinned clock, served on 127.0.0.1 (random free port)."""
    from conftest import EXAMPLE_SITE, pinned_epoch

    root = tmp_path_factory.mktemp("browser") / "example"
    shutil.copytree(EXAMPLE_SITE, root, ignore=shutil.ignore_patterns("site"))
    import yaml

    site = Site(root, yaml.safe_load((root / "mkdocs.yml").read_text()))
    with pinned_epoch():
        site.build(strict=True)
    yield from _serve(site.out)


def _serve(folder: Path):
    """Serve ``folder`` on 127.0.0.1 (a free port) while the caller's fixture is alive."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
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


def open_at(browser, url: str, moment: datetime, **options):
    """A fresh page (own context: no stored palette) with its clock pinned at ``moment``."""
    page = browser.new_page(**options)
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


@pytest.fixture
def served_kinds(make_site):
    """A cards page with a posting of two kinds (PhD and internship) and a postdoc."""
    site = make_site()
    for name, kinds in (("ice", "[phd, internship]"), ("soil", "postdoc")):
        site.write(
            f"openings/{name}.md",
            f"---\ntitle: {name.title()}\nposting:\n  type: {kinds}\n  deadline: 2027-01-31\n"
            "  apply: mailto:jobs@example.org\n---\nText.\n",
        )
    site.build(strict=True)
    yield from _serve(site.out)


def test_a_card_of_several_kinds_matches_the_chip_of_each(served_kinds, browser):
    page = open_at(browser, served_kinds + "openings/", BEFORE)
    visible = page.locator(".postings-cards--open .postings-card:visible .postings-card-title")
    assert visible.all_inner_texts() == ["Ice", "Soil"]
    for kind, titles in (("phd", ["Ice"]), ("internship", ["Ice"]), ("postdoc", ["Soil"])):
        chip(page, "type", kind).click()
        assert page.url.endswith(f"?type={kind}")
        assert visible.all_inner_texts() == titles
    page.close()


# ---------------------------------------------------------------------------------------------
# What a visitor sees at the moment of the build (the pinned clock): 1 December 2026, 12:00 UTC.

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
CARDS = "openings/"
TAG = "openings/tags/nlp/"
FILLED = "openings/research-software-engineer/"

# The open postings of the example site and where their front matter sends applicants.
OPEN_APPLY = {
    "Postdoc in Privacy-Preserving Federated Learning": "https://jobs.example.org/uzh/mi-2026-07",
    "Doktorandin oder Doktorand in medizinischer Bildverarbeitung": (
        "mailto:bewerbung@medinf.example.org?subject=Application%3A%20MI-2027-02"
    ),
    "PhD Position in Clinical Natural Language Processing": "https://jobs.example.org/uzh/mi-2027-01",
}
PAST = {
    "Research Assistant in Clinical Data Engineering (50%)": "closed",
    "Research Software Engineer": "filled",
    "Summer Internship in Biomedical Data Visualisation": "cancelled",
}


def test_cards_page_shows_the_open_postings_with_their_apply_buttons(served, browser):
    page = open_at(browser, served + CARDS, NOW)
    open_cards = page.locator(".postings-cards--open .postings-card:visible")
    assert open_cards.count() == 5
    for card in open_cards.all():
        assert card.get_attribute("data-status") in {"open", "closing-soon"}
        assert card.locator("a.postings-apply").count() == 1
    for title, href in OPEN_APPLY.items():
        card = open_cards.filter(has_text=title)
        assert card.locator("a.postings-apply").get_attribute("href") == href
    past = page.locator(".postings-cards--past .postings-card")
    assert {
        c.locator(".postings-card-title").inner_text(): c.get_attribute("data-status")
        for c in past.all()
    } == PAST
    assert past.locator(".postings-apply").count() == 0
    page.close()


def test_a_shared_filter_link_opens_the_filtered_view(served, browser):
    page = open_at(browser, served + CARDS + "?tag=nlp", NOW)
    titles = page.locator(".postings-cards--open .postings-card:visible .postings-card-title")
    assert sorted(titles.all_inner_texts()) == [
        "PhD Position in Clinical Natural Language Processing",
        "Student Assistant for Data Annotation",
    ]
    assert chip(page, "tag", "nlp").get_attribute("aria-pressed") == "true"
    assert chip(page, "tag", "").get_attribute("aria-pressed") == "false"
    assert chip(page, "type", "").get_attribute("aria-pressed") == "true"
    # A pressed chip looks pressed: filled with the accent colour, unlike its neighbours.
    fill = "el => getComputedStyle(el).backgroundColor"
    pressed = chip(page, "tag", "nlp").evaluate(fill)
    unpressed = chip(page, "tag", "").evaluate(fill)
    assert pressed != unpressed and pressed != "rgba(0, 0, 0, 0)"
    page.close()


def test_posting_page_shows_notice_facts_box_and_countdown(served, browser):
    page = open_at(browser, served + POSTDOC, NOW)
    notice = page.locator(".postings-notice:visible")
    assert notice.count() == 1
    assert notice.get_attribute("data-status") == "closing-soon"
    assert notice.locator(".admonition-title").inner_text() == "Closing soon · closes in 9 days"
    assert "10 December 2026, 12:00 CET" in notice.inner_text()
    facts = page.locator("dl.postings-facts")
    assert facts.is_visible()
    labels = facts.locator("dt").all_inner_texts()
    assert [label.casefold() for label in labels][:2] == ["position", "employer"]
    assert "deadline" in [label.casefold() for label in labels]
    deadline = facts.locator(".postings-fact--deadline time")
    assert deadline.get_attribute("datetime") == "2026-12-10T11:00:00Z"
    assert deadline.inner_text() == "10 December 2026, 12:00 CET"
    box = facts.bounding_box()
    assert box is not None and box["height"] > 40
    hrefs = {a.get_attribute("href") for a in page.locator("a.postings-apply:visible").all()}
    assert hrefs == {"https://jobs.example.org/uzh/mi-2026-07"}
    assert page.locator("a.postings-apply:visible").count() == 2  # top and bottom
    page.close()


def test_a_filled_posting_says_so_and_has_no_apply_button(served, browser):
    page = open_at(browser, served + FILLED, NOW)
    notice = page.locator(".postings-notice:visible")
    assert notice.get_attribute("data-status") == "filled"
    assert "filled" in notice.inner_text()
    assert page.locator(".postings-apply").count() == 0
    page.close()


# ---------------------------------------------------------------------------------------------
# Keyboard: every card link, filter chip and Apply button is reachable with Tab and shows a
# visible focus indicator that differs from its unfocused look.

_FOCUS_JS = """
(selector) => {
  const ring = (el) => {
    const s = getComputedStyle(el);
    return {outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth),
            outlineColor: s.outlineColor, boxShadow: s.boxShadow};
  };
  if (selector !== null) {
    window.__targets = Array.from(document.querySelectorAll(selector))
      .filter((el) => el.checkVisibility());
    return window.__targets.map((el) => ({name: el.textContent.trim(), ...ring(el)}));
  }
  const el = document.activeElement;
  return {index: window.__targets.indexOf(el), ...ring(el)};
}
"""
KEYBOARD_TARGETS = ".postings-card-title a, .postings-chip, a.postings-apply[href]"


def _visible_ring(style: dict) -> bool:
    """An outline at least 2 CSS px thick (WCAG 2.4.13's minimum), or a box shadow; Chromium's
    own 1 px "auto" ring is too faint on Material's coloured links to count."""
    outline = style["outlineStyle"] not in {"none", "auto"} and style["outlineWidth"] >= 2
    return outline or style["boxShadow"] != "none"


RING = ("outlineStyle", "outlineWidth", "outlineColor", "boxShadow")


def _ring(style: dict) -> tuple:
    return tuple(style[key] for key in RING)


@pytest.mark.parametrize("path", [CARDS, POSTDOC])
def test_tab_reaches_cards_chips_and_apply_with_a_visible_focus_ring(served, browser, path):
    page = open_at(browser, served + path, NOW)
    unfocused = page.evaluate(_FOCUS_JS, KEYBOARD_TARGETS)
    assert len(unfocused) >= (14 if path == CARDS else 2)
    focused: dict[int, dict] = {}
    page.locator("body").focus()
    for _ in range(250):
        page.keyboard.press("Tab")
        now = page.evaluate(_FOCUS_JS, None)
        if now["index"] >= 0:
            focused.setdefault(now["index"], now)
        if len(focused) == len(unfocused):
            break
    missing = [t["name"] for i, t in enumerate(unfocused) if i not in focused]
    assert not missing, f"Tab never reaches: {missing}"
    for index, before in enumerate(unfocused):
        after = focused[index]
        assert _visible_ring(after), f"no visible focus ring on {before['name']!r}: {after}"
        assert _ring(after) != _ring(before), f"focus looks like no focus on {before['name']!r}"
    page.close()


# ---------------------------------------------------------------------------------------------
# Contrast: WCAG 2 contrast of every piece of plugin text against what is behind it, in
# Material's light (default) and dark (slate) schemes.

_CONTRAST_JS = """
(selectors) => {
  const parse = (value) => {
    const m = value.match(/^rgba?\\(([^)]*)\\)$/);
    if (!m) throw new Error("cannot read colour " + value);
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const results = [];
  for (const [group, selector] of Object.entries(selectors)) {
    for (const el of document.querySelectorAll(selector)) {
      if (!el.checkVisibility() || !el.textContent.trim()) continue;
      const chain = [];
      for (let node = el; node; node = node.parentElement) chain.unshift(node);
      let background = [255, 255, 255, 1];
      let opacity = 1;
      for (const node of chain) {
        const style = getComputedStyle(node);
        opacity *= parseFloat(style.opacity);
        background = over(parse(style.backgroundColor), background);
      }
      const fg = parse(getComputedStyle(el).color);
      const text = over([fg[0], fg[1], fg[2], fg[3] * opacity], background);
      const [l1, l2] = [luminance(text), luminance(background)].sort((a, b) => b - a);
      const style = getComputedStyle(el);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && parseInt(style.fontWeight) >= 700);
      results.push({group, text: el.textContent.trim().slice(0, 40), large,
                    ratio: (l1 + 0.05) / (l2 + 0.05), color: style.color,
                    background: "rgb(" + background.slice(0, 3).map(Math.round) + ")"});
    }
  }
  return results;
}
"""
TEXT = {
    "notice": ".postings-notice .admonition-title, .postings-notice p:not(.admonition-title)",
    "facts": ".postings-fact dt, .postings-fact dd",
    "cards": ".postings-card-title a, .postings-card-summary, .postings-card-location",
    "badges": ".postings-badge, .postings-countdown",
    "chips": ".postings-chip, .postings-tag",
    "apply": "a.postings-apply, .postings-apply-instructions",
}


def to_dark(page) -> None:
    """Switch to Material's dark (slate) scheme with its palette toggle, as a visitor does."""
    page.locator('form[data-md-component="palette"] label:visible').click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [CARDS, TAG, POSTDOC, FILLED])
def test_plugin_text_keeps_wcag_contrast_in_both_schemes(served, browser, path, scheme):
    page = open_at(browser, served + path, NOW)
    if scheme == "dark":
        to_dark(page)
    else:
        assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    checked = page.evaluate(_CONTRAST_JS, TEXT)
    groups = {c["group"] for c in checked}
    listing = path in {CARDS, TAG}
    expected = {"cards", "badges", "chips"} if listing else {"notice", "facts", "chips"}
    assert expected <= groups, f"nothing measured for {expected - groups}"
    poor = [c for c in checked if c["ratio"] < (3.0 if c["large"] else 4.5)]
    assert not poor, "\n".join(
        f"{c['group']}: {c['text']!r} {c['ratio']:.2f}:1 ({c['color']} on {c['background']})"
        for c in poor
    )
    page.close()


def test_the_palette_toggle_really_darkens_the_plugin(served, browser):
    page = open_at(browser, served + POSTDOC, NOW)
    light = page.locator("dl.postings-facts").evaluate("el => getComputedStyle(el).backgroundColor")
    to_dark(page)
    dark = page.locator("dl.postings-facts").evaluate("el => getComputedStyle(el).backgroundColor")
    assert light != dark
    page.close()


# ---------------------------------------------------------------------------------------------
# A phone: at 375 px nothing is wider than the screen.

_OVERFLOW_JS = """
() => {
  const width = window.innerWidth;
  const wide = Array.from(document.querySelectorAll('[class*="postings-"]'))
    .filter((el) => el.checkVisibility())
    .map((el) => [el.className, el.getBoundingClientRect()])
    .filter(([, r]) => r.width > width || r.left < -0.5 || r.right > width + 0.5)
    .map(([name, r]) => name + " " + Math.round(r.left) + ".." + Math.round(r.right));
  return {width, scrollWidth: document.documentElement.scrollWidth, wide,
          plugin: document.querySelectorAll('[class*="postings-"]').length};
}
"""


def assert_nothing_overflows(page) -> None:
    """The page (375 px wide) does not scroll sideways, and none of the plugin's elements spills."""
    result = page.evaluate(_OVERFLOW_JS)
    assert result["width"] == 375 and result["plugin"] > 5
    assert result["scrollWidth"] <= result["width"], result
    assert result["wide"] == []


@pytest.mark.parametrize("path", [CARDS, TAG, POSTDOC])
def test_nothing_overflows_a_375_px_screen(served, browser, path):
    page = open_at(browser, served + path, NOW, viewport={"width": 375, "height": 812})
    assert_nothing_overflows(page)
    page.close()


# ---------------------------------------------------------------------------------------------
# axe-core (bundled by axe-playwright-python): no serious or critical violations.

# Material's own chrome, not the plugin's markup; each pair is (axe rule, exact node target).
MATERIAL_CHROME = {
    # The search overlay is role="dialog" without a name (Material's header partial).
    ("aria-dialog-name", ".md-search"),
    # The "Made with Material for MkDocs" footer line: grey on near-black, 4.47:1.
    ("color-contrast", ".md-copyright"),
}


def axe_violations(page) -> list[str]:
    from axe_playwright_python.base import AXE_SCRIPT

    page.evaluate(AXE_SCRIPT)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    found = []
    for violation in results["violations"]:
        if violation["impact"] not in {"serious", "critical"}:
            continue
        for node in violation["nodes"]:
            target = " ".join(map(str, node["target"]))
            if (violation["id"], target) not in MATERIAL_CHROME:
                found.append(f"{violation['id']} ({violation['impact']}) at {target}")
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [CARDS, TAG, POSTDOC])
def test_axe_finds_no_serious_or_critical_violation(served, browser, path, scheme):
    page = open_at(browser, served + path, NOW)
    if scheme == "dark":
        to_dark(page)
    assert axe_violations(page) == []
    page.close()


def axe_rule(page, rule: str) -> list[str]:
    """The nodes axe-core reports for one rule, whatever its impact."""
    from axe_playwright_python.base import AXE_SCRIPT

    page.evaluate(AXE_SCRIPT)
    results = page.evaluate(
        "(rule) => axe.run(document, {runOnly: [rule], resultTypes: ['violations']})", rule
    )
    return [" ".join(map(str, n["target"])) for v in results["violations"] for n in v["nodes"]]


_HEADINGS_JS = (
    "() => [...document.querySelectorAll('article :is(h1, h2, h3, h4, h5, h6)')]"
    ".filter((h) => h.offsetParent !== null)"
    ".map((h) => [Number(h.tagName[1]), h.textContent.trim()])"
)


@pytest.mark.parametrize("path", [CARDS, TAG, ""])  # "": the home page embeds a listing
def test_headings_follow_the_page_outline(served, browser, path):
    """axe's heading-order finds nothing, and no visible heading skips a level: the cards
    page and tag pages put "Open positions" (h2) above h3 card titles; the home page's
    listing, under its "Join us" h2, has h3 card titles."""
    page = open_at(browser, served + path, NOW)
    assert axe_rule(page, "heading-order") == []
    headings = page.evaluate(_HEADINGS_JS)
    assert headings[0][0] == 1
    for (before, _), (level, text) in itertools.pairwise(headings):
        assert level <= before + 1, (text, headings)
    titles = page.locator(".postings-card-title").evaluate_all("els => els.map(e => e.tagName)")
    assert titles and set(titles) == {"H3"}
    page.close()


def test_feed_and_calendar_links_are_named_buttons_with_icons(served, browser):
    page = open_at(browser, served + CARDS, NOW)
    nav = page.get_by_role("navigation", name="Follow these openings")
    feed = nav.get_by_role("link", name="Subscribe (Atom feed)")
    calendar = nav.get_by_role("link", name="Deadlines calendar")
    assert feed.get_attribute("href").endswith("feed.xml")
    assert calendar.get_attribute("href").endswith("deadlines.ics")
    for link in (feed, calendar):
        assert link.locator("svg.postings-icon").count() == 1
        box = link.bounding_box()
        assert box["height"] >= 24  # a button, not a bare line of text
        border = link.evaluate("el => getComputedStyle(el).borderTopWidth")
        assert float(border.removesuffix("px")) >= 1
    feed_box, calendar_box = feed.bounding_box(), calendar.bounding_box()
    assert calendar_box["x"] > feed_box["x"] + feed_box["width"]  # side by side, apart
    page.close()


# ---------------------------------------------------------------------------------------------
# Layout under Material's typeset styles, which style every list and definition list.

_BOXES_JS = "els => els.map((el) => el.getBoundingClientRect()).map((r) => [r.left, r.top])"


@pytest.mark.parametrize("path", [CARDS, POSTDOC])
def test_tag_chips_sit_side_by_side(served, browser, path):
    page = open_at(browser, served + path, NOW)
    chips = page.locator(".postings-tags").first.locator("a.postings-tag")
    assert chips.count() == 2
    (left1, top1), (left2, top2) = chips.evaluate_all(_BOXES_JS)
    assert top1 == top2 and left2 > left1
    assert (
        page.locator(".postings-tags").first.evaluate(
            "el => el.getBoundingClientRect().left - el.parentElement.getBoundingClientRect().left"
        )
        < 20
    )  # not indented like a nested bullet list
    page.close()


def test_facts_values_line_up_under_their_labels(served, browser):
    page = open_at(browser, served + POSTDOC, NOW)
    for fact in page.locator(".postings-fact").all():
        (dt_left, _), (dd_left, _) = fact.locator("dt, dd").evaluate_all(_BOXES_JS)
        assert dd_left == dt_left
    page.close()


# ------------------------------------------------------------------ right to left


@pytest.fixture(scope="module")
def served_rtl(tmp_path_factory: pytest.TempPathFactory):
    """The example site in Arabic (``theme.language: ar``: Material writes ``dir="rtl"``)."""
    from conftest import EXAMPLE_SITE, pinned_epoch

    root = tmp_path_factory.mktemp("rtl") / "example"
    shutil.copytree(EXAMPLE_SITE, root, ignore=shutil.ignore_patterns("site"))
    import yaml

    config = yaml.safe_load((root / "mkdocs.yml").read_text())
    config["theme"]["language"] = "ar"
    site = Site(root, config)
    with pinned_epoch():
        site.build(strict=True)
    yield from _serve(site.out)


_EDGES_JS = (
    "els => els.map((el) => el.getBoundingClientRect()).map((r) => [r.left, r.right, r.top])"
)


_TEXT_SPACE_JS = """el => {
  const range = document.createRange();
  range.selectNodeContents(el);
  const text = range.getBoundingClientRect(), box = el.getBoundingClientRect();
  return [box.right - text.right, text.left - box.left];
}"""
"""The room between an element's text and its right and left edges."""

_FIRST_CHAR_LEFT_OF_LAST_JS = """el => {
  const node = el.querySelector("bdi") ? el.querySelector("bdi").firstChild : el.firstChild;
  const at = (i) => {
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    return range.getBoundingClientRect().left;
  };
  return at(0) < at(node.textContent.length - 1);
}"""
"""Whether an element's first character is drawn left of its last (left-to-right order)."""

_INDENT_JS = """el => {
  const box = el.parentElement.getBoundingClientRect();
  const style = getComputedStyle(el.parentElement);
  const inner = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
  return inner - el.getBoundingClientRect().right;
}"""
"""How far a list starts from its container's inner right edge (right to left)."""


def test_right_to_left_cards_and_chips_start_on_the_right(served_rtl, browser):
    page = open_at(browser, served_rtl + CARDS, NOW, viewport={"width": 1100, "height": 900})
    assert page.get_attribute("body", "dir") == "rtl"
    chips = page.locator(".postings-filter-group").first.locator(".postings-chip")
    assert chips.first.inner_text() == "الكل"
    (_, right1, top1), (_, right2, top2) = chips.evaluate_all(_EDGES_JS)[:2]
    assert top1 == top2 and right2 < right1  # the first chip is the rightmost
    cards = page.locator(".postings-cards--open > .postings-card")
    (_, right1, top1), (_, right2, top2) = cards.evaluate_all(_EDGES_JS)[:2]
    assert top1 == top2 and right2 < right1
    # The chips start at the card's inner right edge, not indented from it like a list.
    assert page.locator(".postings-card .postings-tags").first.evaluate(_INDENT_JS) < 1
    page.close()


def test_right_to_left_posting_mirrors_notice_facts_and_tags(served_rtl, browser):
    page = open_at(browser, served_rtl + POSTDOC, NOW, viewport={"width": 1100, "height": 900})
    notice = page.locator(".postings-notice:visible")
    title = notice.locator(".admonition-title")
    assert title.inner_text().startswith("تُغلق قريبًا")
    for line in (title, notice.locator("p").last):
        space_right, space_left = line.evaluate(_TEXT_SPACE_JS)
        assert space_right < space_left  # the text runs from the right edge
    facts = page.locator(".postings-fact")
    (_, right1, top1), (_, right2, top2) = facts.evaluate_all(_EDGES_JS)[:2]
    assert top1 == top2 and right2 < right1  # the first fact is the rightmost
    for fact in facts.all():
        (_, dt_right, _), (_, dd_right, _) = fact.locator("dt, dd").evaluate_all(_EDGES_JS)
        assert abs(dd_right - dt_right) < 1
    tags = page.locator(".postings-tags").first
    chips = tags.locator("a.postings-tag")
    (_, right1, top1), (_, right2, top2) = chips.evaluate_all(_EDGES_JS)
    assert top1 == top2 and right2 < right1
    assert tags.evaluate(_INDENT_JS) < 1
    # A value in English keeps its order: "2 years, renewable", the 2 on the left.
    duration = page.locator(".postings-fact--duration dd")
    assert duration.inner_text() == "2 years, renewable"
    assert duration.evaluate(_FIRST_CHAR_LEFT_OF_LAST_JS)
    # The script keeps the countdown current in Arabic, from the page's lang.
    assert page.locator(".postings-countdown").first.inner_text().startswith("ينتهي التقديم")
    page.close()


@pytest.mark.parametrize("path", [CARDS, POSTDOC])
def test_right_to_left_nothing_overflows_a_375_px_screen(served_rtl, browser, path):
    page = open_at(browser, served_rtl + path, NOW, viewport={"width": 375, "height": 812})
    assert_nothing_overflows(page)
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [CARDS, POSTDOC])
def test_right_to_left_axe_finds_no_serious_or_critical_violation(
    served_rtl, browser, path, scheme
):
    page = open_at(browser, served_rtl + path, NOW, viewport={"width": 375, "height": 812})
    if scheme == "dark":
        to_dark(page)
    assert axe_violations(page) == []
    page.close()


# ------------------------------------------------------------------ other themes


@pytest.fixture(scope="module", params=["mkdocs", "readthedocs"])
def served_theme(request, tmp_path_factory: pytest.TempPathFactory):
    """The example site's postings on the built-in themes, served on 127.0.0.1."""
    from conftest import EXAMPLE_SITE, pinned_epoch

    root = tmp_path_factory.mktemp(f"theme-{request.param}")
    shutil.copytree(EXAMPLE_SITE / "docs", root / "docs")
    config = {
        "site_name": "Chair of Medical Informatics",
        "site_url": "https://mi.example.org/",
        "theme": {"name": request.param},
        "markdown_extensions": ["admonition", "attr_list", {"toc": {"permalink": True}}],
        "plugins": [
            "search",
            {"postings": {"timezone": "Europe/Zurich", "detect": {"dirs": ["openings"]}}},
        ],
    }
    site = Site(root, config)
    with pinned_epoch():
        site.build(strict=True)
    yield from _serve(site.out)


LIST_STYLES = """() => [...document.querySelectorAll(
  '.postings-card, .postings-tags > li, .postings-tag-index > li')].map(
  e => getComputedStyle(e).listStyleType)"""


@pytest.mark.parametrize("url", ["openings/", POSTDOC, "openings/tags/"])
def test_plugin_lists_show_no_bullets_on_the_built_in_themes(served_theme, browser, url):
    """readthedocs puts discs and circles on every list in the content; cards and tag chips
    are layouts, not lists."""
    page = open_at(browser, served_theme + url, BEFORE)
    styles = page.evaluate(LIST_STYLES)
    assert styles and set(styles) == {"none"}, styles
    chips = page.locator(".postings-tags").first.locator("li")
    if chips.count() > 1:  # chips sit side by side
        first, second = chips.nth(0).bounding_box(), chips.nth(1).bounding_box()
        assert abs(first["y"] - second["y"]) < 4
    page.close()


@pytest.fixture(scope="module")
def served_undated(tmp_path_factory: pytest.TempPathFactory):
    """A site with one posting without a deadline (posted 20 November 2026) that ages out
    after 30 days: on 20 December 2026 at 23:59:59 UTC."""
    from conftest import pinned_epoch, plugin_config

    site = Site(
        tmp_path_factory.mktemp("undated") / "site-src",
        {
            "site_name": "Lab",
            "site_url": "https://lab.example.org/",
            "theme": {"name": "material"},
            "plugins": [{"postings": plugin_config(max_age_days=30)}],
        },
    )
    site.write("index.md", "# Lab\n")
    site.write(
        "openings/undated.md",
        "---\ntitle: Undated\ndate: 2026-11-20\n---\n\nTo apply, write to a@example.org.\n",
    )
    with pinned_epoch():
        site.build(strict=True)
    yield from _serve(site.out)


def test_a_posting_without_a_deadline_closes_in_the_browser_when_it_ages_out(
    served_undated, browser
):
    before = open_at(
        browser, served_undated + "openings/undated/", datetime(2026, 12, 20, 23, tzinfo=UTC)
    )
    assert before.get_attribute(".postings-posting", "data-status") == "open"
    assert before.locator("a.postings-apply").first.get_attribute("href") is not None
    before.close()
    page = open_at(
        browser, served_undated + "openings/undated/", datetime(2026, 12, 21, 1, tzinfo=UTC)
    )
    assert page.get_attribute(".postings-posting", "data-status") == "closed"
    notice = page.locator('.postings-notice[data-status="closed"]')
    assert notice.is_visible() and "Posted in November 2026" in notice.inner_text()
    for link in page.locator("a.postings-apply").all():
        assert link.get_attribute("href") is None
    page.close()
    cards = open_at(browser, served_undated + "openings/", datetime(2026, 12, 21, 1, tzinfo=UTC))
    assert cards.locator(".postings-cards--past .postings-card", has_text="Undated").count() == 1
    cards.close()
