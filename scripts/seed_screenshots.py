"""Screenshots of the seed posting on a lab site as a new user sets one up, for the docs.

``python scripts/seed_screenshots.py [NAME]`` writes ``seed-card-NAME.png`` and
``seed-posting-NAME.png`` (NAME defaults to ``now``) into docs/assets/screenshots/.

The site is what a lab's web maintainer has on the first try: Material with an explicit
``nav:`` (an ``Openings: openings/index.md`` entry), its own palette, ``md_in_html``,
``- postings`` with no options, and ``../shared/seed-posting.md`` (a Hugo Academic post)
dropped unchanged into ``docs/openings/``. Built and shot at the test suite's clock (1 December
2026, 12:00 UTC). Needs the test extra, Chromium, and the shared folder beside the repository.
"""

from __future__ import annotations

import functools
import sys
import tempfile
import threading
from pathlib import Path

import yaml
from screenshots import CHROMIUM, MOMENT, OUT, ROOT, _QuietHandler, build_site, http

SEED = ROOT.parent / "shared" / "seed-posting.md"

CONFIG = {
    "site_name": "Medical Informatics Lab",
    "site_url": "https://lab.example.org/",
    "theme": {
        "name": "material",
        "palette": {"scheme": "default", "primary": "teal", "accent": "amber"},
        "features": ["navigation.tabs"],
    },
    "markdown_extensions": ["md_in_html", "attr_list", {"toc": {"permalink": True}}],
    "nav": [{"Home": "index.md"}, {"People": "people.md"}, {"Openings": "openings/index.md"}],
    "plugins": ["search", "postings"],
}


def write_site(root: Path) -> Path:
    docs = root / "docs"
    (docs / "openings").mkdir(parents=True)
    (docs / "index.md").write_text("# Medical Informatics Lab\n\nWe study clinical data.\n")
    (docs / "people.md").write_text("# People\n\nThe team.\n")
    (docs / "openings" / "postdoc-ml.md").write_bytes(SEED.read_bytes())
    config = root / "mkdocs.yml"
    config.write_text(yaml.safe_dump(CONFIG, sort_keys=False))
    return config


def shoot(base: str, name: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.clock.install(time=MOMENT)
        page.goto(base + "openings/")
        page.wait_for_load_state("networkidle")
        card = OUT / f"seed-card-{name}.png"
        page.locator(".postings-card").first.screenshot(path=str(card))
        page.goto(base + "openings/postdoc-ml/")
        page.wait_for_load_state("networkidle")
        posting = OUT / f"seed-posting-{name}.png"
        page.screenshot(path=str(posting))
        written += [card, posting]
        browser.close()
    return written


def main(argv: list[str]) -> int:
    name = argv[1] if len(argv) > 1 else "now"
    if not SEED.is_file():
        print(f"seed_screenshots: {SEED} is not there")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        config = write_site(Path(tmp) / "lab")
        site = Path(tmp) / "site"
        build_site(config, site, strict=False)
        handler = functools.partial(_QuietHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            written = shoot(f"http://127.0.0.1:{server.server_address[1]}/", name)
        finally:
            server.shutdown()
            server.server_close()
    for path in written:
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
