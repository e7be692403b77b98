"""Real postings from public lab websites (../shared/corpus) build unchanged.

The corpus is read in place and never copied into this repository; the test is skipped when the
folder is absent.
"""

from __future__ import annotations

import csv
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
    assert len(rows) == len(list(POSTINGS.glob("*.md"))) == 75
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
