"""Real postings from public lab websites (../shared/corpus) build unchanged.

The corpus is read in place and never copied into this repository; the test is skipped when the
folder is absent.
"""

from __future__ import annotations

import csv
import json
import shutil

import pytest
from conftest import CORPUS

POSTINGS = CORPUS / "postings"
pytestmark = pytest.mark.skipif(not POSTINGS.is_dir(), reason="../shared/corpus is not present")


def sources() -> list[dict[str, str]]:
    with (CORPUS / "SOURCES.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_every_corpus_file_builds_and_is_detected_as_a_posting(make_site):
    """All files dropped into the openings folder: the documented `detect.dirs` rule."""
    site = make_site(closed="keep")
    folder = site.docs / "openings"
    folder.mkdir()
    rows = sources()
    assert len(rows) == len(list(POSTINGS.glob("*.md"))) == 118
    for row in rows:
        shutil.copyfile(POSTINGS / row["file"], folder / row["file"])
    site.build(strict=False)
    drafts = {row["file"] for row in rows if "draft: true" in row["notes"]}
    assert drafts == {"Nathannw__test_web__postdoc-position_index.md"}
    cards = site.page("openings/").select(".postings-card")
    assert len(cards) == len(rows) - len(drafts)  # drafts are not published, like Hugo
    for row in rows:
        if row["file"] in drafts:
            assert not (site.out / "openings" / row["file"].removesuffix(".md")).exists()
            continue
        page = site.page(f"openings/{row['file'].removesuffix('.md')}/")
        posting = page.select_one(".postings-posting")
        assert posting is not None, row["file"]
        assert posting["data-status"] in {"open", "closing-soon", "closed", "filled", "cancelled"}
        body = page.select_one(".postings-body").get_text()
        assert "+++" not in body[:200], f"{row['file']}: TOML front matter leaked into the page"
        assert not body.lstrip().startswith("title"), f"{row['file']}: front matter leaked"


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    """One build of every corpus file in an openings folder, at the pinned clock."""
    from conftest import Site, pinned_epoch, plugin_config

    root = tmp_path_factory.mktemp("corpus")
    site = Site(
        root,
        {
            "site_name": "Corpus",
            "site_url": "https://lab.example.org/",
            "theme": {"name": "material"},
            "markdown_extensions": ["admonition", "attr_list", {"toc": {"permalink": True}}],
            "plugins": ["search", {"postings": plugin_config(closed="keep")}],
        },
    )
    (site.docs / "openings").mkdir(parents=True)
    site.write("index.md", "# Corpus\n")
    for row in sources():
        shutil.copyfile(POSTINGS / row["file"], site.docs / "openings" / row["file"])
    with pinned_epoch():
        site.build(strict=False)
    return site


def test_no_apply_target_is_invented_where_sources_says_there_is_none(corpus_site):
    """SOURCES.tsv's apply_method ``none``: no target (nothing is invented from addresses
    inside HTML comments); every target found is http(s) or mailto. How many of the labelled
    targets are found is held by tests/test_corpus_figures.py."""
    listing = json.loads((corpus_site.out / "openings/postings.json").read_text("utf-8"))
    targets = {record["src"]: record["apply"] for record in listing["postings"]}
    none = 0
    for row in sources():
        if "draft: true" in row["notes"]:
            continue
        target = targets[f"openings/{row['file']}"]
        if target is not None:
            assert target.startswith(("https://", "http://", "mailto:")), target
        if row["apply_method"] == "none":
            assert target is None, f"{row['file']}: {target!r}, but SOURCES.tsv says none"
            none += 1
    assert none == sum(row["apply_method"] == "none" for row in sources())


def test_open_corpus_pages_carry_their_apply_button(corpus_site):
    page = corpus_site.page("openings/BigDataBiology__big-data-biology_org__embark-pd/")
    assert page.select_one("a.postings-apply")["href"].startswith(
        "mailto:luispedro@big-data-biology.org"
    )
