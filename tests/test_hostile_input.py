"""Hostile and heavy input that no one here wrote: control characters, bidi overrides,
nesting, caps on what another site's listing may add, and postings saved where the plugin
writes its own pages. Each ends in a correct site or one line naming the file and what to
do; the outputs are read back with real parsers.
"""

from __future__ import annotations

import json
import logging
import re

import pytest
from bs4 import BeautifulSoup
from conftest import Site

CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What must never reach a page: C0/C1 controls but whitespace, and bidi embeddings,
overrides and isolates."""


def _listing(*records: dict, name: str = "Other\u202e Lab\x1b[2J") -> str:
    site = {"name": name, "url": "https://other.example.org/"}
    return json.dumps({"version": 1, "site": site, "postings": list(records)})


def _record(number: int, **overrides: object) -> dict:
    record = {
        "url": f"https://other.example.org/openings/{number}/",
        "title": f"Remote {number}",
        "type": "phd",
        "deadline": "2027-01-31T22:59:00Z",
        "posted": "2026-11-01",
        "tags": [],
        "apply": "https://other.example.org/apply",
    }
    record.update(overrides)
    return record


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def _build(site: Site, caplog: pytest.LogCaptureFixture, *, strict: bool = False) -> list[str]:
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        site.build(strict=strict)
    return _warnings(caplog)


# --------------------------------------------------------------------------- characters


def test_controls_and_bidi_overrides_never_reach_a_page(make_site, caplog):
    site = make_site("material", sources=["listing.json"])
    site.write(
        "openings/a.md",
        '---\ntitle: "Post\\x1b[31m doc\\u202e tor"\n'
        'summary: "Sum&#27;mary \\x07 with \\u2066 isolate"\n'
        'tags: ["\\u202eNLP", "Vision\\x00"]\n'
        "posting:\n  type: phd\n  deadline: 2027-01-31\n  apply: mailto:jobs@example.org\n"
        '  location: {locality: "Z\\x1bürich", country: CH}\n---\nBody.\n',
    )
    remote = _record(1, title="Remote\x00 \x1b]8;;https://evil/\x07x", tags=["\u2067AI", "ok"])
    (site.root / "listing.json").write_text(_listing(remote), encoding="utf-8")
    assert _build(site, caplog) == []
    pages = [path for path in site.out.rglob("*.html") if "assets" not in path.parts]
    assert len(pages) >= 6  # the posting, the cards, a tag page per tag, the tag index
    for path in pages:
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for script in soup.select("script"):
            script.decompose()  # JSON-LD and the theme's scripts: read as JSON below
        text = str(soup)
        assert not CONTROLS.search(text), (path, CONTROLS.findall(text))
    page = site.page("openings/a/")
    assert page.select_one("h1").get_text() == "Post[31m doc tor"
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert not CONTROLS.search(json.dumps(data, ensure_ascii=False))
    tag_page = site.page("openings/tags/nlp/")
    assert tag_page.title.get_text() == "Openings tagged “NLP” - Test Lab"
    listing = json.loads((site.out / "openings" / "postings.json").read_text("utf-8"))
    assert not CONTROLS.search(json.dumps(listing, ensure_ascii=False))
