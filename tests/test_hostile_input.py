"""Hostile and heavy input that no one here wrote: control characters, bidi overrides,
nesting, caps on what another site's listing may add, and postings saved where the plugin
writes its own pages. Each ends in a correct site or one line naming the file and what to
do; the outputs are read back with real parsers.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from conftest import PINNED_EPOCH, Site, run_cli
from mkdocs.exceptions import Abort

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
    return [
        r.getMessage().removeprefix("mkdocs_postings: ")
        for r in caplog.records
        if r.levelno == logging.WARNING
    ]


def _cli(site: Site, *args: str) -> subprocess.CompletedProcess[str]:
    site.write_config()
    return run_cli(*args, cwd=site.root, env={"SOURCE_DATE_EPOCH": PINNED_EPOCH, "NO_COLOR": "1"})


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
    # The body is the lab's text, rendered by MkDocs: what is read from it is clean.
    site.write(
        "openings/b.md",
        "---\ntitle: B\nposting:\n  type: phd\n---\nWe hire\x1b[31m a student\x0b now.\n\n"
        "Application deadline: 31 May 2027\x1b.\n\nSend to [us](mailto:jobs@example.org\x1b).\n",
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
        for body in soup.select(".postings-body"):
            body.decompose()  # the lab's own text, rendered by MkDocs as on any page
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
    b = next(p for p in listing["postings"] if p["title"] == "B")
    assert b["summary"] == "We hire[31m a student now."
    assert b["apply"] == "mailto:jobs@example.org?subject=Application%3A%20B"
    assert b["deadline_local"].startswith("2027-05-31")


# --------------------------------------------------------------------------- listings


@pytest.fixture
def board(make_site) -> Site:
    """A site gathering one local listing, ``listing.json`` next to its config."""
    site = make_site("mkdocs", sources=["listing.json"])
    site.write(
        "openings/own.md",
        "---\ntitle: Own\nposting:\n  deadline: 2027-01-31\n  apply: mailto:a@example.org\n"
        "---\nBody.\n",
    )
    return site


def _cards(site: Site) -> list[str]:
    return [a.get_text() for a in site.page("openings/").select(".postings-card-title a")]


def test_a_listing_nested_100000_levels_deep_is_one_warning(board: Site, caplog):
    (board.root / "listing.json").write_text(
        '{"version": 1, "postings": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8"
    )
    warnings = _build(board, caplog)
    assert warnings == [
        "listing.json: sources: nests its values thousands of levels deep, which no listing "
        "does; skipped (no good cached copy); check that it is the address of a postings.json"
    ]
    assert _cards(board) == ["Own"]
    result = _cli(board, "check")
    assert "Traceback" not in result.stderr + result.stdout
    assert "nests its values thousands of levels deep" in result.stdout + result.stderr


def test_a_listing_with_a_number_too_long_to_read_is_one_warning(board: Site, caplog):
    (board.root / "listing.json").write_text(
        '{"version": 1, "postings": [{"positions": ' + "1" * 5_000 + "}]}", encoding="utf-8"
    )
    assert _build(board, caplog) == [
        "listing.json: sources: holds a number thousands of digits long, which no listing does; "
        "skipped (no good cached copy); check that it is the address of a postings.json"
    ]
    assert _cards(board) == ["Own"]


def test_a_posting_nested_deeper_than_a_posting_is_left_out(board: Site, caplog):
    deep: object = "x"
    for _ in range(50):
        deep = [deep]
    listing = _listing(_record(1), _record(2, title="Deep", location={"locality": deep}))
    (board.root / "listing.json").write_text(listing, encoding="utf-8")
    warnings = _build(board, caplog)
    assert warnings == [
        "listing.json: postings[1]: nests values more than 8 levels deep; that posting is left "
        "out (tell its site)"
    ]
    assert sorted(_cards(board)) == ["Own", "Remote 1"]


def test_long_titles_and_summaries_from_a_source_are_cut_with_one_warning(board: Site, caplog):
    records = [_record(n, title="T" * 5_000, summary="S" * 50_000) for n in range(3)]
    (board.root / "listing.json").write_text(_listing(*records), encoding="utf-8")
    assert _build(board, caplog) == [
        "listing.json: sources: 3 posting(s) have a longer title or summary than a card shows; "
        "cut to 300 characters of a title and 1,000 characters of a summary"
    ]
    titles = [t for t in _cards(board) if t != "Own"]
    assert [len(t) for t in titles] == [300] * 3 and titles[0].endswith("…")


def test_a_tag_too_long_for_a_file_name_gets_a_page(board: Site, caplog):
    """A slug names a folder; a file system takes 255 bytes a name (it was an OSError)."""
    (board.root / "listing.json").write_text(_listing(_record(1, tags=["x" * 400])), "utf-8")
    board.write(
        "openings/long.md",
        f"---\ntitle: Long\ntags: [{'日本語' * 100}]\nposting:\n  deadline: 2027-01-31\n"
        "  apply: mailto:a@example.org\n---\nBody.\n",
    )
    assert _build(board, caplog) == []
    for title in ("Remote 1", "Long"):
        card = next(c for c in board.page("openings/").select(".postings-card") if title in c.text)
        href = card.select_one(".postings-tags a")["href"]
        folder = unquote(href.rstrip("/").rsplit("/", 1)[-1])
        assert len(folder.encode()) < 255 and len(folder) <= 69, folder
        tag_page = board.out / "openings" / "tags" / folder / "index.html"
        assert title in tag_page.read_text("utf-8")


def test_a_listing_of_many_postings_and_tags_is_capped_with_one_warning_each(board: Site, caplog):
    records = [
        _record(
            n, tags=[f"tag {n}", f"extra {n}"] + ([f"t{i}" for i in range(30)] if n < 3 else [])
        )
        for n in range(1_500)
    ]
    (board.root / "listing.json").write_text(_listing(*records), encoding="utf-8")
    warnings = _build(board, caplog)
    assert warnings == [
        "listing.json: sources: lists 1,500 postings; only the first 1,000 are shown (a board "
        "shows at most that many from one source)",
        "listing.json: sources: 3 posting(s) have more than 20 tags; only the first 20 of each "
        "are shown",
        "listing.json: sources: uses more than 200 different tags; 1,818 others are left off its "
        "postings (each tag would be a page of this site)",
    ]
    assert len(_cards(board)) == 1_001
    tag_pages = list((board.out / "openings" / "tags").glob("*/index.html"))
    assert 200 <= len(tag_pages) <= 201  # the source's 200 and the own posting's none
    first = next(
        c for c in board.page("openings/").select(".postings-card") if "Remote 0" in c.text
    )
    assert len(first.select(".postings-tags a")) == 20


# --------------------------------------------------------------------------- generated pages

POSTING = (
    "---\ntitle: {title}\ntags: [{tag}]\nposting:\n  type: phd\n  deadline: 2027-01-31\n"
    "  apply: mailto:jobs@example.org\n---\nBody.\n"
)


def _errors_of_build(site: Site, caplog) -> list[str]:
    caplog.clear()
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        site.build(strict=False)
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


CLASHES = {
    "cards-page": (
        "openings/index.md",
        "openings/index.md: file: is a posting, but the plugin makes the cards page there; "
        "move the posting to a file of its own, or set the index option to another path",
    ),
    "tag-page": (
        "openings/tags/nlp.md",
        "openings/tags/nlp.md: file: is a posting, but the plugin makes the page of the tag "
        "'NLP' there; move the posting to a file of its own, or set the tags_dir option to "
        "another path",
    ),
    "tag-page-address": (
        "openings/tags/nlp/index.md",
        "openings/tags/nlp/index.md: file: is a posting, but the plugin makes the page of the "
        "tag 'NLP' at the same address (openings/tags/nlp.md); move the posting to a file of "
        "its own, or set the tags_dir option to another path",
    ),
    "tag-index": (
        "openings/tags.md",
        "openings/tags.md: file: is a posting, but the plugin makes the index of tags at the "
        "same address (openings/tags/index.md); move the posting to a file of its own, or set "
        "the tags_dir option to another path",
    ),
}


@pytest.mark.parametrize(("path", "line"), CLASHES.values(), ids=list(CLASHES))
def test_a_posting_where_the_plugin_makes_a_page_is_an_error(make_site, caplog, path, line):
    site = make_site("mkdocs")
    site.write("openings/a.md", POSTING.format(title="A", tag="NLP"))
    site.write(path, POSTING.format(title="Clash", tag="NLP"))
    assert _errors_of_build(site, caplog) == [line]
    result = _cli(site, "check")
    assert result.returncode == 1, result.stdout
    assert line in result.stdout


def test_a_site_page_of_its_own_at_the_cards_page_still_wins(make_site, caplog):
    site = make_site("mkdocs")
    site.write("openings/a.md", POSTING.format(title="A", tag="NLP"))
    site.write("openings/index.md", "# Join us\n\nWe hire.\n\n<!-- postings -->\n")
    assert _build(site, caplog, strict=True) == []
    assert _cards(site) == ["A"]
    assert site.page("openings/").select_one("h1").get_text().startswith("Join us")


def test_a_tag_named_index_gets_a_page_of_its_own(make_site, caplog):
    site = make_site("mkdocs")
    site.write("openings/a.md", POSTING.format(title="A", tag="Index"))
    assert _build(site, caplog, strict=True) == []
    chip = site.page("openings/a/").select_one(".postings-tags a")
    assert chip.get_text(strip=True) == "Index"
    href = chip["href"]
    assert href.rstrip("/").rsplit("/", 1)[-1].startswith("index-"), href
    target = (site.out / "openings/a/" / href / "index.html").resolve()
    titles = [
        a.get_text()
        for a in BeautifulSoup(target.read_text("utf-8"), "html.parser").select(
            ".postings-card-title a"
        )
    ]
    assert titles == ["A"]
    assert site.page("openings/tags/").select(".postings-card-title a") == []  # the index of tags


def test_properdocs_stops_on_a_posting_at_a_tag_page(make_site):
    site = make_site("material")
    site.write("openings/a.md", POSTING.format(title="A", tag="NLP"))
    site.write("openings/tags/nlp.md", POSTING.format(title="Clash", tag="NLP"))
    site.write_config()
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "-f", "mkdocs.yml", "-d", "site"],
        cwd=site.root,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": PINNED_EPOCH},
        timeout=300,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert CLASHES["tag-page"][1] in result.stderr


def test_sphinx_stops_on_a_posting_at_a_tag_page(tmp_path: Path):
    src = tmp_path / "src"
    (src / "openings" / "tags").mkdir(parents=True)
    (src / "conf.py").write_text(
        "project = 'Lab'\nextensions = ['mkdocs_postings.sphinx']\n"
        "html_baseurl = 'https://lab.example.org/'\npostings_timezone = 'Europe/Zurich'\n",
        encoding="utf-8",
    )
    (src / "index.md").write_text("# Lab\n", encoding="utf-8")
    (src / "openings" / "a.md").write_text(POSTING.format(title="A", tag="NLP"), "utf-8")
    (src / "openings" / "tags" / "nlp.md").write_text(POSTING.format(title="C", tag="NLP"), "utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": PINNED_EPOCH, "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    line = (
        "openings/tags/nlp.md: file: is a posting, but the plugin makes the page of the tag "
        "'NLP' at the same address (openings/tags/nlp); move the posting to a file of its own, "
        "or set the postings_tags_dir option to another path"
    )
    assert line in result.stderr, result.stderr
    check = run_cli("check", "-f", "conf.py", cwd=src, env=env)
    assert check.returncode == 1
    assert line in check.stdout, check.stdout


# --------------------------------------------------------------------------- files

ENDLESS = (
    "openings/zero.md: file: is larger than 10 MB (or never ends: a link to a device?); a "
    "posting is a page of text: check what this file is"
)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_posting_that_never_ends_is_one_error(make_site, caplog, tmp_path: Path):
    site = make_site("mkdocs")
    site.write("openings/a.md", POSTING.format(title="A", tag="NLP"))
    (site.docs / "openings" / "zero.md").symlink_to("/dev/zero")
    assert _errors_of_build(site, caplog) == [ENDLESS]
    result = _cli(site, "check")
    assert result.returncode == 1
    assert ENDLESS in result.stdout
    # Sphinx reads every document itself: the file is left out of its build too.
    src = tmp_path / "sphinx"
    (src / "openings").mkdir(parents=True)
    (src / "conf.py").write_text(
        "project = 'Lab'\nextensions = ['mkdocs_postings.sphinx']\n", encoding="utf-8"
    )
    (src / "index.md").write_text("# Lab\n", encoding="utf-8")
    (src / "openings" / "zero.md").symlink_to("/dev/zero")
    sphinx = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": PINNED_EPOCH, "NO_COLOR": "1"},
        timeout=300,
    )
    assert sphinx.returncode != 0
    assert ENDLESS in sphinx.stderr, sphinx.stderr
