"""Real Sphinx builds (``python -m sphinx -W -b html`` in a subprocess) on furo,
pydata-sphinx-theme and alabaster, asserted with the same hook helpers as the MkDocs builds.
The clock is pinned to 1 December 2026, 12:00 UTC (SOURCE_DATE_EPOCH)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import EXAMPLE_SITE, PINNED_EPOCH, tree_digest
from hooks import (
    BAD,
    EXAMPLE_POSTINGS,
    NLP_SUMMARY,
    OPEN_IN_ORDER,
    assert_calendar,
    assert_cards_page,
    assert_closing_soon,
    assert_feed,
    assert_filters,
    assert_head,
    assert_json_listing,
    assert_nlp_card,
    assert_nlp_job_posting,
    assert_nlp_posting_facts,
    assert_posting_page,
    card_titles,
    json_ld,
    tag_counts,
    titles_shown,
)

THEMES = ["furo", "pydata_sphinx_theme", "alabaster"]


@dataclass
class SphinxSite:
    """A Sphinx project in a tmp dir: ``src/`` with conf.py; ``build()`` writes ``out/``."""

    src: Path
    conf: dict[str, object] = field(default_factory=dict)

    @property
    def out(self) -> Path:
        return self.src.parent / "out"

    def write(self, path: str, text: str) -> Path:
        target = self.src / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return target

    def write_conf(self) -> None:
        lines = [f"{name} = {value!r}" for name, value in self.conf.items()]
        (self.src / "conf.py").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def build(
        self, *args: str, env: dict[str, str] | None = None, strict: bool = True
    ) -> subprocess.CompletedProcess[str]:
        """``python -m sphinx [-W] -b html src out``, as a lab's CI runs it."""
        self.write_conf()
        # uncoloured, so lines compare as text (Sphinx colours its output when CI is set)
        full_env = {**os.environ, "SOURCE_DATE_EPOCH": PINNED_EPOCH, "NO_COLOR": "1", **(env or {})}
        command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", *args]
        if strict:
            command.append("-W")
        return subprocess.run(
            [*command, str(self.src), str(self.out)],
            capture_output=True,
            text=True,
            env=full_env,
            timeout=300,
        )

    def build_ok(self, *args: str, **kwargs: object) -> Path:
        result = self.build(*args, **kwargs)  # type: ignore[arg-type]
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr, result.stderr
        return self.out

    def page(self, name: str) -> BeautifulSoup:
        """A page by its name: ``"openings/phd-clinical-nlp"``; ``""`` is the home page."""
        path = self.out / f"{name or 'index'}.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _conf(theme: str = "alabaster", **values: object) -> dict[str, object]:
    return {
        "project": "Test Lab",
        "extensions": ["mkdocs_postings.sphinx"],
        "html_theme": theme,
        "html_baseurl": "https://lab.example.org/",
        "postings_timezone": "Europe/Zurich",
        **values,
    }


@pytest.fixture
def make_sphinx(tmp_path: Path) -> Callable[..., SphinxSite]:
    """A fresh Sphinx site: ``make_sphinx(theme="alabaster", **conf_values)``."""

    def make(theme: str = "alabaster", **values: object) -> SphinxSite:
        site = SphinxSite(tmp_path / "project" / "src", _conf(theme, **values))
        site.write("index.md", "# Test Lab\n\nWelcome.\n")
        return site

    return make


POSTING = """\
---
title: {title}
tags: [{tag}]
posting:
  type: {type}
  deadline: {deadline}
  apply: https://jobs.example.org/{slug}
---
## Summary

About {title}.
"""


def posting(title: str, *, tag: str = "NLP", type: str = "phd", deadline: str = "2027-01-31"):
    slug = title.lower().replace(" ", "-")
    return POSTING.format(title=title, tag=tag, type=type, deadline=deadline, slug=slug)


# ----------------------------------------------------------------------------- example site


@pytest.fixture(scope="module", params=THEMES)
def example(request, tmp_path_factory) -> SphinxSite:
    """example_site/sphinx/ built on each theme; its openings are ../docs/openings itself."""
    root = tmp_path_factory.mktemp(f"example-{request.param}")
    shutil.copytree(EXAMPLE_SITE, root / "example", symlinks=True, ignore=_ignore_builds)
    src = root / "example" / "sphinx"
    before = tree_digest(root / "example" / "docs")
    site = SphinxSite(src)
    (src / "conf.py").write_text(
        (src / "conf.py").read_text() + f"\nhtml_theme = {request.param!r}\n", encoding="utf-8"
    )
    site.write_conf = lambda: None  # type: ignore[method-assign]  # keep the example's conf.py
    site.build_ok()
    assert tree_digest(root / "example" / "docs") == before, "the extension wrote into docs/"
    return site


def _ignore_builds(folder: str, names: list[str]) -> list[str]:
    return [n for n in names if n in ("site", "_build")]


def test_example_site_reuses_the_mkdocs_posting_files():
    link = EXAMPLE_SITE / "sphinx" / "openings"
    assert link.is_symlink() and link.resolve() == (EXAMPLE_SITE / "docs" / "openings").resolve()


@pytest.mark.parametrize(("slug", "expected"), EXAMPLE_POSTINGS.items(), ids=list(EXAMPLE_POSTINGS))
def test_example_posting_pages(example: SphinxSite, slug, expected):
    assert_posting_page(example.page(f"openings/{slug}"), *expected)


def test_example_facts_notice_and_head(example: SphinxSite):
    page = example.page("openings/phd-clinical-nlp")
    assert_nlp_posting_facts(page)
    assert_head(
        page,
        title="PhD Position in Clinical Natural Language Processing",
        description=NLP_SUMMARY,
        url="https://medinf.example.org/openings/phd-clinical-nlp.html",
    )
    assert_closing_soon(example.page("openings/postdoc-federated-learning"))
    closed = example.page("openings/research-assistant-data-engineering")
    assert closed.select_one('meta[name="robots"]')["content"] == "noindex"
    assert page.select_one('meta[name="robots"]') is None


def test_example_title_shown_once_and_tag_chips_link_to_tag_pages(example: SphinxSite):
    page = example.page("openings/phd-clinical-nlp")
    assert titles_shown(page, ".postings-posting h1") == [
        "PhD Position in Clinical Natural Language Processing"
    ]
    assert "PhD Position in Clinical Natural Language Processing" in page.title.get_text()
    chips = {a.get_text(): a["href"] for a in page.select(".postings-posting a.postings-tag")}
    assert chips == {"NLP": "tags/nlp.html", "Machine Learning": "tags/machine-learning.html"}


def test_example_cards_page(example: SphinxSite):
    page = example.page("openings/index")
    assert_cards_page(page)
    assert_filters(page)
    card = page.select_one('.postings-card[data-type="phd"][data-tags~="nlp"]')
    assert_nlp_card(card)
    assert card.select_one(".postings-card-title a")["href"] == "../openings/phd-clinical-nlp.html"
    assert [a["href"] for a in card.select("a.postings-tag")] == [
        "../openings/tags/nlp.html",
        "../openings/tags/machine-learning.html",
    ]
    assert "Openings" in titles_shown(page, "h1")
    hrefs = [a["href"] for a in page.select("a.postings-subscribe-link")]
    assert hrefs == ["../openings/feed.xml", "../openings/deadlines.ics"]


def test_example_home_page_embeds_three_soonest_open_postings(example: SphinxSite):
    home = example.page("")
    assert card_titles(home) == OPEN_IN_ORDER[:3]
    assert home.select_one(".postings-card-title a")["href"] == (
        "openings/postdoc-federated-learning.html"
    )


def test_example_tag_pages_and_index_counts(example: SphinxSite):
    nlp = example.page("openings/tags/nlp")
    assert card_titles(nlp) == [
        "PhD Position in Clinical Natural Language Processing",
        "Student Assistant for Data Annotation",
    ]
    counts = tag_counts(example.page("openings/tags/index"))
    assert counts["NLP"] == 2 and counts["Machine Learning"] == 3
    for slug_page, count in (("nlp", 2), ("machine-learning", 3)):
        assert len(example.page(f"openings/tags/{slug_page}").select(".postings-card")) == count


def test_example_structured_data_only_on_open_posting_pages(example: SphinxSite):
    assert_nlp_job_posting(example.page("openings/phd-clinical-nlp"), "University of Zurich")
    for name in ("openings/research-software-engineer", "openings/index", ""):
        assert json_ld(example.page(name)) == []


def test_example_feed_calendar_and_json(example: SphinxSite):
    assert_feed((example.out / "openings/feed.xml").read_bytes())
    assert_calendar((example.out / "openings/deadlines.ics").read_bytes())
    assert_json_listing((example.out / "openings/postings.json").read_text())
    link = example.page("").select_one('link[rel="alternate"][type="application/atom+xml"]')
    assert link["href"] == "openings/feed.xml"


def test_example_assets_are_linked_and_copied(example: SphinxSite):
    page = example.page("openings/phd-clinical-nlp")
    assert any("_static/postings.css" in link["href"] for link in page.select("link[href]"))
    script = next(s for s in page.select("script[src]") if "_static/postings.js" in s["src"])
    assert script.has_attr("defer")
    for name in ("postings.css", "postings.js"):
        assert (example.out / "_static" / name).is_file()


# ----------------------------------------------------------------------------- small sites


def test_toml_front_matter_is_read_and_never_shown(make_sphinx):
    site = make_sphinx()
    site.write(
        "openings/toml.md",
        """
        +++
        title = "TOML Posting"
        tags = ["Data Science"]
        [posting]
        type = "postdoc"
        deadline = 2027-03-31
        apply = "https://jobs.example.org/toml"
        +++
        ## Summary

        Hugo wrote this one.
        """,
    )
    site.build_ok()
    page = site.page("openings/toml")
    assert_posting_page(page, "open", "https://jobs.example.org/toml")
    assert titles_shown(page, ".postings-posting h1") == ["TOML Posting"]
    assert "+++" not in page.get_text()
    assert 'title = "TOML Posting"' not in page.get_text()


def test_title_reaches_the_page_as_text_not_markup(make_sphinx):
    site = make_sphinx()
    site.write(
        "openings/x.md",
        """
        ---
        title: "<script>alert(1)</script> R&D *Lab* [link](https://x.org) `code`"
        posting: {type: phd, rolling: true, apply: "mailto:jobs@example.org"}
        ---
        Plain body.
        """,
    )
    site.build_ok()
    page = site.page("openings/x")
    heading = page.select_one(".postings-posting h1")
    assert heading.select("em, a:not(.headerlink), code, script") == []
    assert titles_shown(page, ".postings-posting h1") == [
        "alert(1) R&D *Lab* [link](https://x.org) `code`"
    ]
    scripts = [s for s in page.select("script") if s.get("type") != "application/ld+json"]
    assert all("alert(1)" not in (s.string or "") for s in scripts)


def test_postings_directive_filters_by_tag_type_and_limit(make_sphinx):
    site = make_sphinx()
    site.write("openings/a.md", posting("Alpha", tag="NLP", deadline="2027-01-10"))
    site.write("openings/b.md", posting("Beta", tag="NLP", type="postdoc", deadline="2027-01-20"))
    site.write("openings/c.md", posting("Gamma", tag="Imaging", deadline="2027-01-30"))
    site.write(
        "index.md",
        """
        # Test Lab

        ```{postings}
        :tag: NLP
        ```

        ```{postings}
        :type: phd
        :limit: 1
        ```
        """,
    )
    site.build_ok()
    lists = site.page("").select(".postings-listing")
    assert [card_titles(listing) for listing in lists] == [["Alpha", "Beta"], ["Alpha"]]


def test_directive_with_a_bad_value_warns_naming_page_and_option(make_sphinx):
    site = make_sphinx()
    site.write("openings/a.md", posting("Alpha"))
    site.write("index.md", "# Lab\n\n```{postings}\n:limit: many\n```\n")
    result = site.build()
    assert result.returncode != 0
    assert "index.md: postings :limit:: 'many' is not a positive whole number" in result.stderr
    assert "Traceback" not in result.stderr


def test_site_written_cards_page_gets_the_listing(make_sphinx):
    site = make_sphinx()
    site.write("openings/a.md", posting("Alpha"))
    site.write("openings/index.md", "# Jobs at the lab\n\nWe are hiring.\n")
    site.write("index.md", "# Lab\n\n```{toctree}\nopenings/index\n```\n")
    site.build_ok()
    page = site.page("openings/index")
    assert "We are hiring." in page.get_text()
    assert card_titles(page, ".postings-cards--open .postings-card") == ["Alpha"]


def test_incremental_rebuilds_keep_listings_in_step(make_sphinx):
    site = make_sphinx()
    site.write("openings/a.md", posting("Alpha", deadline="2027-01-10"))
    site.write("openings/b.md", posting("Beta", deadline="2027-01-20"))
    site.write("index.md", "# Lab\n\n```{postings}\n```\n")
    site.build_ok()
    assert card_titles(site.page("")) == ["Alpha", "Beta"]

    site.write("openings/b.md", posting("Beta Renamed", deadline="2027-01-05"))  # now first
    site.write("openings/c.md", posting("Gamma", tag="Imaging", deadline="2027-01-30"))
    site.build_ok()
    assert card_titles(site.page("")) == ["Beta Renamed", "Alpha", "Gamma"]
    assert card_titles(site.page("openings/index")) == ["Beta Renamed", "Alpha", "Gamma"]
    assert card_titles(site.page("openings/tags/imaging")) == ["Gamma"]

    (site.src / "openings/a.md").unlink()
    site.write("openings/c.md", posting("Gamma", tag="Imaging", deadline="2026-11-01"))  # past
    site.build_ok()
    assert card_titles(site.page("")) == ["Beta Renamed"]
    assert card_titles(site.page("openings/index"), ".postings-cards--past .postings-card") == [
        "Gamma"
    ]
    assert json_ld(site.page("openings/c")) == []


def test_a_rebuild_after_a_deadline_closes_the_posting_without_source_changes(make_sphinx):
    site = make_sphinx()
    site.write("openings/a.md", posting("Alpha", deadline="2026-12-05"))
    site.write("index.md", "# Lab\n\n```{postings}\n:closed: keep\n```\n")
    site.build_ok()
    assert site.page("openings/a").select_one(".postings-posting")["data-status"] == "closing-soon"
    later = {"SOURCE_DATE_EPOCH": str(int(PINNED_EPOCH) + 10 * 86400)}
    site.build_ok(env=later)
    assert_posting_page(site.page("openings/a"), "closed", None)
    assert site.page("").select_one(".postings-card")["data-status"] == "closed"


def test_parallel_reads_give_the_same_pages(make_sphinx, tmp_path):
    site = make_sphinx()
    for n in range(6):
        site.write(f"openings/p{n}.md", posting(f"Posting {n}", deadline=f"2027-01-{10 + n}"))
    site.write("index.md", "# Lab\n\n```{postings}\n```\n")
    site.build_ok("-j", "2")
    parallel = card_titles(site.page("openings/index"))
    assert parallel == [f"Posting {n}" for n in range(6)]
    assert card_titles(site.page("")) == parallel
    assert_posting_page(site.page("openings/p3"), "open", "https://jobs.example.org/posting-3")


def test_language_comes_from_sphinx(make_sphinx):
    site = make_sphinx(language="de")
    site.write("openings/a.md", posting("Alpha"))
    site.build_ok()
    labels = [
        dt.get_text(strip=True) for dt in site.page("openings/a").select(".postings-facts dt")
    ]
    assert "Bewerbungsfrist" in labels and "Stelle" in labels


@pytest.mark.parametrize(("language", "deadline"), [("ja", "応募締切"), ("zh_CN", "截止日期")])
def test_sphinx_language_finds_its_catalog(make_sphinx, language, deadline):
    """Sphinx writes ``zh_CN``; the catalog is ``zh``."""
    site = make_sphinx(language=language)
    site.write("openings/a.md", posting("Alpha"))
    site.build_ok()
    page = site.page("openings/a")
    assert page.select_one(".postings-fact--deadline dt").get_text(strip=True) == deadline


def test_sphinx_language_without_catalog_is_english_with_one_warning(make_sphinx):
    site = make_sphinx(language="ko")
    site.write("openings/a.md", posting("Alpha"))
    result = site.build(strict=False)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "no catalog" in line]
    assert len(lines) == 1 and "conf.py: language: no catalog for 'ko'" in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    page = site.page("openings/a")
    assert page.select_one("a.postings-apply").get_text(strip=True) == "Apply"


@pytest.mark.parametrize("theme", THEMES)
def test_generated_pages_build_on_each_theme(make_sphinx, theme):
    site = make_sphinx(theme)
    site.write("openings/a.md", posting("Alpha"))
    site.build_ok()
    assert titles_shown(site.page("openings/tags/nlp"), ".postings-listing h3") == ["Alpha"]
    assert "Openings" in site.page("openings/index").title.get_text()


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("text", "field_name", "message"),
    BAD,
    ids=["yaml", "deadline", "type", "status", "title", "apply"],
)
def test_bad_input_fails_the_build_with_one_line(make_sphinx, text, field_name, message):
    site = make_sphinx()
    site.write("openings/bad.md", text)
    for strict in (False, True):
        result = site.build(strict=strict)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        lines = [line for line in result.stderr.splitlines() if "openings/bad.md" in line]
        assert len(lines) == 1, result.stderr
        assert f"openings/bad.md: {field_name}: " in lines[0]
        assert message in lines[0]


def test_warnings_fail_strict_builds_only(make_sphinx):
    site = make_sphinx()
    site.write("openings/undated.md", "---\ntitle: T\nposting:\n  type: phd\n---\n")
    result = site.build()
    assert result.returncode != 0
    assert "openings/undated.md: posting.deadline: no deadline" in result.stderr
    assert site.build(strict=False).returncode == 0


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"postings_timezone": "Mars/Base"}, ("conf.py: postings_timezone:", "IANA")),
        ({"postings_closed": "sometimes"}, ("conf.py: postings_closed:", "archive")),
        ({"postings_deadline_time": "midnight"}, ("conf.py: postings_deadline_time:", "HH:MM")),
        ({"postings_colour": "blue"}, ("conf.py: postings_colour:", "no such setting")),
    ],
    ids=["timezone", "closed", "deadline_time", "unknown"],
)
def test_conf_errors_name_the_value(make_sphinx, values, words):
    site = make_sphinx(**values)
    result = site.build(strict=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    line = next(line for line in result.stderr.splitlines() if words[0] in line)
    assert all(word in line for word in words)


def test_templates_path_overrides_a_posting_template(make_sphinx):
    site = make_sphinx(templates_path=["_templates"])
    site.write("_templates/postings/tags.html", '<p class="lab-tags">{{ view.tags|length }}</p>\n')
    site.write("openings/a.md", posting("Alpha"))
    site.build_ok()
    page = site.page("openings/a")
    assert page.select_one(".postings-posting .lab-tags").get_text() == "1"
    assert page.select(".postings-posting a.postings-tag") == []


def test_draft_is_not_published(make_sphinx):
    """As ``mkdocs build``: a draft has no page, no copied source, no card, no feed entry."""
    site = make_sphinx()
    site.write("openings/a.md", posting("Alpha"))
    site.write("openings/d.md", posting("Draft").replace("posting:", "draft: true\nposting:"))
    site.build_ok()
    assert card_titles(site.page("openings/index")) == ["Alpha"]
    assert "Draft" not in (site.out / "openings/postings.json").read_text()
    assert not (site.out / "openings/d.html").exists()
    assert not (site.out / "_sources/openings/d.md.txt").exists()
    assert (site.out / "openings/a.html").exists()


def test_unfinished_postings_fail_sphinx_build_w_as_mkdocs_build_strict(make_sphinx):
    """Placeholder text left in a published posting, and an open posting with no way to
    apply, are warnings: ``-W`` fails on them; a draft with both is not checked."""
    from mkdocs_postings.reading.unfinished import PLACEHOLDERS

    site = make_sphinx()
    site.write("openings/a.md", posting("Alpha").replace("About", f"- {PLACEHOLDERS[2]}\n\nAbout"))
    site.write(
        "openings/b.md", posting("Beta").replace("  apply: https://jobs.example.org/beta\n", "")
    )
    site.write(
        "openings/c.md",
        posting("Gamma")
        .replace("posting:", "draft: true\nposting:")
        .replace("  apply: https://jobs.example.org/gamma\n", "")
        .replace("About", PLACEHOLDERS[0]),
    )
    result = site.build()
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if "WARNING" in line]
    assert len(lines) == 2, result.stderr
    assert "openings/a.md: body: still has the template's placeholder text" in lines[0]
    assert (
        "openings/b.md: posting.apply: the posting is open but says nowhere how to apply"
        in (lines[1])
    )


def test_draft_toggles_on_incremental_builds(make_sphinx):
    """Publishing a draft builds its page; making it a draft again removes the page written
    earlier, and listings follow, without a fresh environment."""
    site = make_sphinx()
    site.write("openings/a.md", posting("Alpha"))
    draft = posting("Beta").replace("posting:", "draft: true\nposting:")
    site.write("openings/b.md", draft)
    site.build_ok()
    assert not (site.out / "openings/b.html").exists()
    site.write("openings/b.md", draft.replace("draft: true", "draft: false"))
    site.build_ok()
    assert (site.out / "openings/b.html").exists()
    assert card_titles(site.page("openings/index")) == ["Alpha", "Beta"]
    site.write("openings/b.md", draft)
    site.build_ok()
    assert not (site.out / "openings/b.html").exists()
    assert not (site.out / "_sources/openings/b.md.txt").exists()
    assert card_titles(site.page("openings/index")) == ["Alpha"]
    assert "Beta" not in (site.out / "openings/feed.xml").read_text()


def test_apply_target_and_deadline_from_the_text_follow_the_same_rules(make_sphinx):
    """The body rules are the core's: a section link is used, a second target there is a
    warning worded as on MkDocs; a deadline the text states is the deadline, with a note."""
    site = make_sphinx()
    site.write(
        "openings/from-text.md",
        "---\ntitle: From the text\nposting:\n  type: phd\n---\n\n"
        "We hire.\n\n**Bewerbungsfrist:** 31.01.2027\n\n## How to apply\n\n"
        "[Portal A](https://jobs.example.org/a) or [portal B](https://jobs.example.org/b).\n",
    )
    result = site.build(strict=False)
    assert result.returncode == 0, result.stderr
    assert (
        "openings/from-text.md: posting.apply: not set; the Apply button uses "
        'https://jobs.example.org/a from the "How to apply" section, but the posting names 1 '
        "other address or link"
    ) in result.stderr
    # read, with a note (an info line, which sphinx-build -q does not print), not a warning
    assert "posting.deadline" not in result.stderr
    page = site.page("openings/from-text")
    assert page.select_one(".postings-posting")["data-deadline"] == "2027-01-31T22:59:00Z"
    assert page.select_one("a.postings-apply")["href"] == "https://jobs.example.org/a"
    assert page.select_one(".postings-fact--apply-source") is not None
    assert site.build("-E").returncode != 0  # -W, fresh environment


def test_a_shared_reference_warns_as_on_mkdocs(make_sphinx):
    site = make_sphinx()
    for name in ("a", "b"):
        site.write(
            f"openings/ref-{name}.md",
            f"---\ntitle: Ref {name}\nposting:\n  rolling: true\n  reference: MI-9\n---\nBody.\n",
        )
    result = site.build(strict=False)
    assert result.returncode == 0, result.stderr
    assert (
        "openings/ref-b.md: posting.reference: 'MI-9' is also the reference of openings/ref-a.md"
    ) in result.stderr


def test_a_misspelt_key_of_postings_location_warns(make_sphinx):
    site = make_sphinx(postings_location={"locality": "Zurich", "contry": "CH"})
    result = site.build()
    assert result.returncode != 0
    line = next(row for row in result.stderr.splitlines() if "contry" in row)
    assert "conf.py: postings_location.contry: unknown key, ignored" in line
    assert site.build(strict=False).returncode == 0


def test_an_undated_posting_ages_out_as_on_mkdocs(make_sphinx):
    """postings_max_age_days: a posting without a deadline is past that long after its date;
    a note, not a warning (-W passes)."""
    site = make_sphinx(postings_max_age_days=30)
    for name, posted in (("old", "2026-10-01"), ("new", "2026-11-20")):
        site.write(
            f"openings/{name}.md",
            f"---\ntitle: {name}\ndate: {posted}\n---\n\nTo apply, write to a@example.org.\n",
        )
    site.build_ok()
    old = site.page("openings/old")
    assert old.select_one(".postings-posting")["data-status"] == "closed"
    assert old.select_one("a.postings-apply") is None
    assert "Posted in October 2026 and no longer open." in old.select_one(".postings-notice").text
    new = site.page("openings/new").select_one(".postings-posting")
    assert new["data-status"] == "open" and new["data-ages-out"] == "2026-12-20T23:59:59Z"


def test_max_age_days_must_not_be_negative_in_conf_py(make_sphinx):
    site = make_sphinx(postings_max_age_days=-5)
    result = site.build(strict=False)
    assert "postings_max_age_days" in result.stderr and "0 or more" in result.stderr


def test_an_apply_link_to_a_file_not_in_the_project_is_never_used(make_sphinx):
    """MyST leaves a link to a missing file unresolved, with its own warning naming it: the
    body the core reads has no such link, so it is never an Apply target (as on MkDocs)."""
    site = make_sphinx()
    site.write(
        "openings/pdf.md",
        "---\ntitle: PDF\nposting:\n  type: phd\n  deadline: 2027-01-31\n---\n\n"
        "To apply, read [the call](/files/call.pdf) or [this one](files/other.pdf).\n",
    )
    result = site.build(strict=False)
    assert "cross-reference target not found: '/files/call.pdf'" in result.stderr
    assert "cross-reference target not found: 'files/other.pdf'" in result.stderr
    page = site.page("openings/pdf")
    assert page.select_one("a.postings-apply") is None
