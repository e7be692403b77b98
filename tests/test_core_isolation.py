"""The core imports neither MkDocs nor Sphinx: with both made unimportable, it still loads and
works (a subprocess, so this test's own imports cannot hide a dependency)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import PINNED_EPOCH

PACKAGE = Path(__file__).resolve().parents[1] / "mkdocs_postings"
ADAPTERS = ("mkdocs", "sphinx", "cli")
STAGES = ("reading", "body", "publishing", "sources")
"""The core's rooms, one per stage of a build: reading a posting file, reading its body,
publishing, other sites' listings."""
CORE = tuple(
    sorted(
        ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        for path in PACKAGE.rglob("*.py")
        if path.stem != "__init__" and path.relative_to(PACKAGE).parts[0] not in ADAPTERS
    )
)
"""Every module at the package root or in a stage's folder is the core; adapters live in
folders of their own (mkdocs/, sphinx/, cli/)."""

SCRIPT = textwrap.dedent(
    """
    import importlib, sys

    BLOCKED = ("mkdocs", "sphinx", "properdocs", "material", "myst_parser", "docutils")

    class Blocker:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ImportError(f"{name} is blocked for this test")
            return None

    sys.meta_path.insert(0, Blocker())
    for name in list(sys.modules):
        if name.split(".")[0] in BLOCKED:
            del sys.modules[name]

    for module in sys.argv[1:]:
        importlib.import_module(f"mkdocs_postings.{module}")

    # ... and the core does its job: a TOML posting to a posting page, a card and a feed.
    from datetime import UTC, datetime
    from mkdocs_postings.reading.collect import DetectRules, collect_posting
    from mkdocs_postings.expiry import build_time
    from mkdocs_postings.publishing.feeds import site_outputs
    from mkdocs_postings.publishing.labels import Labels
    from mkdocs_postings.model import Defaults
    from mkdocs_postings.publishing.render import ListingRenderer, Renderer, posting_view

    text = '+++\\ntitle = "T"\\n[posting]\\ntype = "phd"\\ndeadline = 2027-01-31\\n+++\\nBody.\\n'
    found = collect_posting("openings/t.md", text, rules=DetectRules(), defaults=Defaults())
    now = build_time()
    assert now == datetime(2026, 12, 1, 12, 0, tzinfo=UTC), now
    view = posting_view(found.posting, now=now, closing_soon_days=14, labels=Labels("de"))
    renderer = Renderer(Labels("de"))
    assert 'data-status="open"' in renderer.posting_page(view, "<p>Body.</p>")
    cards = ListingRenderer(renderer)
    cards.add_card(view, "openings/t/")
    assert "postings-card" in cards.listing([found.posting], [], closed="archive")
    files = site_outputs([(found.posting, "https://x.org/t/", view.status)], feed="f.xml",
        calendar="c.ics", json_path="p.json", site_url="https://x.org/", feed_title="F",
        calendar_name="C", author="A")
    assert [path for path, _ in files] == ["f.xml", "c.ics", "p.json"]
    leaked = sorted({n.split(".")[0] for n in sys.modules} & set(BLOCKED))
    assert not leaked, leaked
    print("core ok")
    """
)


def test_core_imports_and_works_without_mkdocs_and_sphinx():
    env = {**os.environ, "SOURCE_DATE_EPOCH": PINNED_EPOCH}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, *CORE], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "core ok"


def test_the_core_is_grouped_by_stage_and_the_adapters_have_folders_of_their_own():
    assert set(CORE) >= {
        "model",
        "expiry",
        "reading.collect",
        "body.extract",
        "publishing.listing",
        "publishing.render",
        "publishing.feeds",
        "sources.gather",
    }
    folders = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert folders == sorted(ADAPTERS + STAGES)


@pytest.mark.parametrize("adapter", ["mkdocs.plugin", "mkdocs.scan", "cli.check"])
def test_the_blocker_really_blocks(adapter):
    """The same script fails on an adapter, so a passing core test means something."""
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, adapter], capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "mkdocs is blocked" in result.stderr
