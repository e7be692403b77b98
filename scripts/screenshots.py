"""Screenshots of the example site for the docs: ``python scripts/screenshots.py``.

Builds example_site/ with the clock pinned to 1 December 2026, 12:00 UTC (the clock of the test
suite), serves it on 127.0.0.1, opens the cards page and a posting page in Debian's Chromium with
the browser clock pinned to the same moment, and writes PNGs into docs/assets/screenshots/ (the
docs site and the README show them from there): light, dark (Material's palette toggle) and
mobile (375 px wide). ``--language ar`` builds the site with that ``theme.language`` (Arabic:
right to left) and writes ``cards-light-ar.png`` and so on, leaving the English ones.
``--migrated`` adds two postings written for other generators to a copy of the site (a Jekyll
post from 2019 with no deadline, a Hugo post whose deadline is only in its text) and writes
``migrated-old-light.png`` and ``migrated-read-light.png``: how they read after migration.

Needs the test extra (``pip install -e '.[test]'``) and Chromium (``apt-get install chromium``;
another binary via ``CHROMIUM=/path/to/chrome``).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_SITE = ROOT / "example_site"
OUT = ROOT / "docs" / "assets" / "screenshots"
MOMENT = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"

PAGES = {
    "cards": "openings/",
    "posting": "openings/postdoc-federated-learning/",
}
LOOKS = {
    "light": {"viewport": {"width": 1100, "height": 900}},
    "dark": {"viewport": {"width": 1100, "height": 900}},
    "mobile": {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True},
}


def build_site(config: Path, target: Path, *, strict: bool = True) -> None:
    """``mkdocs build`` of the site ``config`` into ``target``, at the pinned clock."""
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": str(int(MOMENT.timestamp())),
        "NO_MKDOCS_2_WARNING": "1",
    }
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config)]
    command += ["-d", str(target)] + (["--strict"] if strict else [])
    subprocess.run(command, check=True, env=env)


MIGRATED = {
    # A Jekyll post: the date only in its file name, no deadline; past by its age.
    "2019-03-04-phd-medical-imaging.md": """---
layout: post
title: PhD Position in Medical Image Analysis
categories: [jobs]
---

We are looking for a PhD student in deep learning for medical image analysis, funded for
four years by the Swiss National Science Foundation.

## How to apply

Send your CV and a letter of motivation to [Anna Meier](mailto:anna.meier@example.org).
""",
    # A Hugo Academic post: the deadline stated only in its text.
    "postdoc-clinical-text-mining.md": """---
title: Postdoc in Clinical Text Mining
date: 2026-11-10
tags: [NLP]
---

A two-year postdoc on information extraction from clinical notes, in our NLP team.

**Application deadline:** 15 January 2027, 12:00

## How to apply

Apply through the [university job portal](https://jobs.example.org/uzh/mi-2026-11).
""",
}
MIGRATED_PAGES = {
    "migrated-old": "openings/2019-03-04-phd-medical-imaging/",
    "migrated-read": "openings/postdoc-clinical-text-mining/",
}


def build(target: Path, language: str | None = None, *, migrated: bool = False) -> None:
    """``mkdocs build --strict`` of the example site into ``target``, at the pinned clock;
    with ``language``, a copy of it with that ``theme.language``; with ``migrated``, a copy
    with the ``MIGRATED`` postings added."""
    if language is None and not migrated:
        build_site(EXAMPLE_SITE / "mkdocs.yml", target)
        return
    import yaml

    copy = target.parent / "example"
    shutil.copytree(EXAMPLE_SITE, copy, ignore=shutil.ignore_patterns("site"))
    config = yaml.safe_load((copy / "mkdocs.yml").read_text(encoding="utf-8"))
    if language:
        config["theme"]["language"] = language
    if migrated:
        for name, text in MIGRATED.items():
            (copy / "docs" / "openings" / name).write_text(text, encoding="utf-8")
    (copy / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    build_site(copy / "mkdocs.yml", target)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return None


def shoot(base: str, suffix: str = "", *, migrated: bool = False) -> list[Path]:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"],
        )
        pages = MIGRATED_PAGES if migrated else PAGES
        for name, path in pages.items():
            for look, options in LOOKS.items():
                if migrated and look != "light":
                    continue
                page = browser.new_page(color_scheme="light", **options)
                page.clock.install(time=MOMENT)
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                if look == "dark":
                    page.locator('form[data-md-component="palette"] label:visible').click()
                    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
                page.evaluate("document.fonts.ready")
                target = OUT / f"{name}-{look}{suffix}.png"
                page.screenshot(path=str(target))
                written.append(target)
                page.close()
        browser.close()
    return written


def main(argv: list[str]) -> int:
    language = argv[1] if len(argv) == 2 and argv[0] == "--language" else None
    migrated = argv == ["--migrated"]
    if not Path(CHROMIUM).exists():
        print(f"screenshots: no Chromium at {CHROMIUM}; apt-get install chromium or set CHROMIUM")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site, language, migrated=migrated)
        handler = functools.partial(_QuietHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            base = f"http://127.0.0.1:{server.server_address[1]}/"
            written = shoot(base, f"-{language}" if language else "", migrated=migrated)
        finally:
            server.shutdown()
            server.server_close()
    for path in written:
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
