"""A posting is never published half-written: the template's placeholder text left in a
published posting, and an open posting with no way to apply, are warnings (``--strict`` fails),
in the build and in ``check``; drafts are not checked, and are not published."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PINNED, PINNED_EPOCH, Site

from mkdocs_postings.cli.new import posting_template
from mkdocs_postings.model import Defaults
from mkdocs_postings.reading.unfinished import PLACEHOLDERS, no_way_to_apply, placeholder_left
from mkdocs_postings.reading.validate import posting_from_meta


def _posting(posting: dict, **top: object):
    meta = {"title": "PhD in NLP", **top, "posting": {"type": "phd", **posting}}
    return posting_from_meta(meta, src="openings/a.md", defaults=Defaults())[0]


def test_the_template_writes_every_placeholder_it_is_checked_for():
    text = posting_template(
        "PhD", kind="phd", deadline=None, tags=[], posted=PINNED.date(), timezone=None
    )
    for placeholder in PLACEHOLDERS:
        assert placeholder in text, placeholder


@pytest.mark.parametrize("placeholder", PLACEHOLDERS)
def test_each_placeholder_left_in_a_published_posting_is_a_warning(placeholder):
    problem = placeholder_left(_posting({"rolling": True}), f"Intro.\n\n- {placeholder}\n")
    assert problem is not None
    assert str(problem).startswith("openings/a.md: body: still has the template's placeholder")
    assert "draft: true" in problem.message


def test_placeholders_in_a_draft_and_finished_text_are_not_warned():
    assert placeholder_left(_posting({"rolling": True}, draft=True), PLACEHOLDERS[2]) is None
    assert placeholder_left(_posting({"rolling": True}), "A degree in physics.") is None


@pytest.mark.parametrize(
    ("posting", "top", "warned"),
    [
        ({"rolling": True}, {}, True),
        ({"deadline": "2027-01-31"}, {}, True),
        ({"deadline": "2026-12-05"}, {}, True),  # closing soon: still open
        ({"rolling": True, "apply": "mailto:jobs@example.org"}, {}, False),
        ({"rolling": True, "contact": {"email": "jane@example.org"}}, {}, False),
        ({"rolling": True, "contact": {"url": "https://lab.example.org/team"}}, {}, False),
        ({"rolling": True, "contact": {"name": "Jane Doe"}}, {}, True),  # no one to write to
        ({"deadline": "2026-11-01"}, {}, False),  # closed
        ({"rolling": True, "status": "filled"}, {}, False),
        ({"rolling": True, "status": "cancelled"}, {}, False),
        ({"rolling": True}, {"draft": True}, False),
    ],
)
def test_an_open_posting_needs_a_way_to_apply(posting, top, warned):
    problem = no_way_to_apply(_posting(posting, **top), PINNED, 14)
    assert (problem is not None) is warned
    if problem is not None:
        assert str(problem).startswith("openings/a.md: posting.apply: the posting is open but")


def test_strict_build_fails_on_placeholder_text_and_builds_without_strict(make_site):
    site: Site = make_site()
    site.write(
        "openings/a.md",
        "---\ntitle: A\nposting:\n  rolling: true\n  apply: mailto:jobs@example.org\n---\n"
        f"Intro.\n\n## Qualifications\n\n- {PLACEHOLDERS[2]}\n",
    )
    result = site.run_mkdocs("--strict")
    assert result.returncode != 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings == [
        "WARNING -  mkdocs_postings: openings/a.md: body: still has the template's placeholder "
        'text "A degree in ..."; write the posting\'s own text there, or add  draft: true  '
        "until it is finished"
    ]
    assert site.run_mkdocs().returncode == 0
    assert site.page("openings/a/").select_one(".postings-posting") is not None


def test_strict_build_fails_on_an_open_posting_with_no_way_to_apply(make_site):
    site: Site = make_site()
    site.write("openings/a.md", "---\ntitle: A\nposting: {rolling: true}\n---\nAbout it.\n")
    site.write(
        "openings/b.md",
        "---\ntitle: B\nposting: {rolling: true}\n---\nTo apply, write to b@lab.org.\n",
    )
    site.write("openings/c.md", "---\ntitle: C\nposting: {deadline: 2026-11-01}\n---\nClosed.\n")
    result = site.run_mkdocs("--strict")
    assert result.returncode != 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1, result.stderr
    assert "openings/a.md: posting.apply: the posting is open but says nowhere" in warnings[0]


def test_check_names_both_and_fails_on_warn(make_site):
    site: Site = make_site()
    site.write(
        "openings/a.md",
        f"---\ntitle: A\nposting: {{rolling: true}}\n---\n{PLACEHOLDERS[0]}\n",
    )
    site.write(
        "openings/d.md",
        f"---\ntitle: D\ndraft: true\nposting: {{rolling: true}}\n---\n{PLACEHOLDERS[0]}\n",
    )
    site.write_config()
    result = subprocess.run(
        [str(Path(sys.executable).with_name("mkdocs-postings")), "check", "--format", "json",
         "--fail-on", "warn"],
        cwd=site.root, capture_output=True, text=True, timeout=120,
        env={**os.environ, "SOURCE_DATE_EPOCH": PINNED_EPOCH},
    )  # fmt: skip
    assert result.returncode == 1
    rows = {p["file"]: p for p in json.loads(result.stdout)["postings"]}
    assert [f["field"] for f in rows["openings/a.md"]["problems"]] == ["body", "posting.apply"]
    assert rows["openings/d.md"]["status"] == "draft"
    assert rows["openings/d.md"]["problems"] == []
