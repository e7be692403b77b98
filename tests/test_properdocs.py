"""ProperDocs (the MkDocs 1.x fork) builds example_site with ``properdocs build --strict``,
installed side by side with MkDocs; the same hooks as the MkDocs build hold."""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import EXAMPLE_SITE, PINNED_EPOCH, tree_digest
from hooks import (
    EXAMPLE_POSTINGS,
    assert_cards_page,
    assert_feed,
    assert_nlp_job_posting,
    assert_nlp_posting_facts,
    assert_posting_page,
)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("properdocs") / "example"
    shutil.copytree(EXAMPLE_SITE, root, symlinks=True, ignore=shutil.ignore_patterns("site"))
    before = tree_digest(root / "docs")
    out = root / "site"
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", out],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": PINNED_EPOCH},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert tree_digest(root / "docs") == before, "the plugin wrote into docs/"
    return out


def page(out: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((out / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_plugin_is_registered_for_properdocs():
    points = importlib.metadata.entry_points(group="properdocs.plugins", name="postings")
    assert [p.value for p in points] == ["mkdocs_postings.mkdocs.plugin:PostingsPlugin"]


@pytest.mark.parametrize(("slug", "expected"), EXAMPLE_POSTINGS.items(), ids=list(EXAMPLE_POSTINGS))
def test_posting_pages(built: Path, slug, expected):
    assert_posting_page(page(built, f"openings/{slug}"), *expected)


def test_facts_cards_structured_data_and_feed(built: Path):
    nlp = page(built, "openings/phd-clinical-nlp")
    assert_nlp_posting_facts(nlp)
    assert_nlp_job_posting(nlp, "University of Zurich")
    assert_cards_page(page(built, "openings"))
    assert_feed((built / "openings/feed.xml").read_bytes())


def test_mkdocs_still_builds_in_the_same_environment(make_site):
    """Installing ProperDocs next to MkDocs leaves ``mkdocs build`` working."""
    site = make_site()
    site.write(
        "openings/a.md",
        "---\ntitle: A\nposting: {type: phd, rolling: true}\n---\nApply to a@lab.org.\n",
    )
    result = site.run_mkdocs("--strict")
    assert result.returncode == 0, result.stderr
    assert site.page("openings/a/").select_one(".postings-posting") is not None
