"""Screenshots of the example site for the docs: ``python scripts/screenshots.py``.

Builds example_site/ with the clock pinned to 1 December 2026, 12:00 UTC (the clock of the test
suite), serves it on 127.0.0.1, opens the cards page and a posting page in Debian's Chromium with
the browser clock pinned to the same moment, and writes PNGs into docs/assets/screenshots/ (the
docs site and the README show them from there): light, dark (Material's palette toggle) and
mobile (375 px wide).

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


def build(target: Path) -> None:
    """``mkdocs build --strict`` of the example site into ``target``, at the pinned clock."""
    build_site(EXAMPLE_SITE / "mkdocs.yml", target)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return None


def shoot(base: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"],
        )
        for name, path in PAGES.items():
            for look, options in LOOKS.items():
                page = browser.new_page(color_scheme="light", **options)
                page.clock.install(time=MOMENT)
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                if look == "dark":
                    page.locator('form[data-md-component="palette"] label:visible').click()
                    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
                page.evaluate("document.fonts.ready")
                target = OUT / f"{name}-{look}.png"
                page.screenshot(path=str(target))
                written.append(target)
                page.close()
        browser.close()
    return written


def main() -> int:
    if not Path(CHROMIUM).exists():
        print(f"screenshots: no Chromium at {CHROMIUM}; apt-get install chromium or set CHROMIUM")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        handler = functools.partial(_QuietHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            written = shoot(f"http://127.0.0.1:{server.server_address[1]}/")
        finally:
            server.shutdown()
            server.server_close()
    for path in written:
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
