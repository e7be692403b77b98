"""Real builds of real sites (MkDocs + Material, and the built-in mkdocs theme), asserted on
parsed HTML. The clock is pinned to 1 December 2026, 12:00 UTC."""

from __future__ import annotations

import pytest
from conftest import Site, tree_digest
from hooks import (
    BAD,
    EXAMPLE_POSTINGS,
    NLP_SUMMARY,
    assert_closing_soon,
    assert_head,
    assert_nlp_posting_facts,
    assert_posting_page,
)

# ----------------------------------------------------------------------------- example site

# What each example posting must show at the pinned clock (shared with the Sphinx tests).
EXAMPLE = {f"openings/{slug}/": expected for slug, expected in EXAMPLE_POSTINGS.items()}


@pytest.fixture
def built_example(example_site: Site) -> Site:
    before = tree_digest(example_site.docs)
    example_site.build(strict=True)
    assert tree_digest(example_site.docs) == before, "the plugin wrote into docs/"
    return example_site


@pytest.mark.parametrize(("url", "expected"), EXAMPLE.items(), ids=list(EXAMPLE))
def test_example_posting_pages(built_example: Site, url, expected):
    assert_posting_page(built_example.page(url), *expected)


def test_example_facts_box_shows_deadline_with_zone(built_example: Site):
    assert_nlp_posting_facts(built_example.page("openings/phd-clinical-nlp/"))


def test_example_closing_soon_notice_and_countdown(built_example: Site):
    assert_closing_soon(built_example.page("openings/postdoc-federated-learning/"))


def test_example_closed_page_is_noindex_and_open_page_is_not(built_example: Site):
    closed = built_example.page("openings/research-assistant-data-engineering/")
    assert closed.select_one('meta[name="robots"]')["content"] == "noindex"
    opened = built_example.page("openings/phd-clinical-nlp/")
    assert opened.select_one('meta[name="robots"]') is None


def test_example_head_has_description_and_open_graph(built_example: Site):
    assert_head(
        built_example.page("openings/phd-clinical-nlp/"),
        title="PhD Position in Clinical Natural Language Processing",
        description=NLP_SUMMARY,
        url="https://medinf.example.org/openings/phd-clinical-nlp/",
    )


def test_example_title_shown_once_and_tag_chips_link_to_tag_pages(built_example: Site):
    page = built_example.page("openings/phd-clinical-nlp/")
    assert [h.get_text(strip=True) for h in page.select("article h1")] == [
        "PhD Position in Clinical Natural Language Processing"
    ]
    chips = {a.get_text(): a["href"] for a in page.select(".postings-posting a.postings-tag")}
    assert chips == {"NLP": "../tags/nlp/", "Machine Learning": "../tags/machine-learning/"}
    assert (built_example.out / "openings/tags/nlp/index.html").exists()


def test_example_seed_posting_builds_unchanged_and_is_recognised(built_example: Site):
    page = built_example.page("openings/postdoc-ml-biomedicine/")
    assert page.select_one(".postings-posting") is not None
    assert page.title.get_text().startswith("Postdoc Opening in Machine Learning in Biomedicine")


def test_postings_stay_out_of_the_nav_by_default(built_example: Site):
    nav = built_example.page("").select_one("nav.md-nav--primary")
    links = {a.get_text(strip=True) for a in nav.select("a.md-nav__link")}
    assert "Openings" in links
    assert "PhD Position in Clinical Natural Language Processing" not in links


# ----------------------------------------------------------------------------- themes

POSTING = """\
---
title: PhD in Clinical NLP
tags: [NLP]
summary: Read clinical notes with language models.
posting:
  type: phd
  deadline: 2027-01-31
  reference: X-1
  apply: https://jobs.example.org/1
---

## Application

Apply [here](https://jobs.example.org/other).
"""


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_posting_page_on_theme(make_site, theme):
    site = make_site(theme)
    site.write("openings/phd.md", POSTING)
    site.build()
    page = site.page("openings/phd/")
    posting = page.select_one(".postings-posting")
    assert posting["data-status"] == "open"
    assert posting["data-deadline"] == "2027-01-31T22:59:00Z"
    assert [a["href"] for a in page.select("a.postings-apply")] == [
        "https://jobs.example.org/1"
    ] * 2
    assert page.select_one(".postings-facts") is not None
    assert [
        h.get_text(strip=True)
        for h in page.select("h1")
        if "postings-title" in (h.get("class") or []) or h.find_parent("article")
    ] == ["PhD in Clinical NLP"]
    assert page.select_one('link[href$="assets/postings/postings.css"]') is not None
    assert page.select_one('script[src$="assets/postings/postings.js"]').has_attr("defer")
    assert (site.out / "assets/postings/postings.js").exists()


def test_toml_posting_and_closing_delimiter_without_newline(make_site):
    site = make_site()
    site.write(
        "openings/toml.md",
        '+++\ntitle = "TOML posting"\ndate = 2026-11-01\n'
        '[posting]\ntype = "postdoc"\ndeadline = 2027-01-31\napply = "mailto:a@example.org"\n'
        "+++\n\nBody text.\n",
    )
    (site.docs / "openings/eof.md").write_text(
        "---\ntitle: EOF posting\nposting:\n  rolling: true\n  apply: mailto:a@example.org\n---",
        encoding="utf-8",
    )
    site.build()
    toml = site.page("openings/toml/")
    assert toml.select_one(".postings-posting")["data-type"] == "postdoc"
    assert "+++" not in toml.select_one(".postings-body").get_text()
    eof = site.page("openings/eof/")
    assert eof.select_one(".postings-posting")["data-status"] == "open"
    assert "title:" not in eof.select_one(".postings-body").get_text()


def test_a_posting_longer_than_one_read_is_read_whole(make_site):
    """Files are read in chunks of 64 KiB; a long posting keeps its front matter and body."""
    site = make_site()
    paragraphs = "\n\n".join(f"Paragraph {n} " + "word " * 60 for n in range(400))
    site.write(
        "openings/long.md",
        f"---\ntitle: Long posting\nposting:\n  rolling: true\n  apply: mailto:a@example.org\n---\n"
        f"\n{paragraphs}\n\nThe end.\n",
    )
    assert (site.docs / "openings/long.md").stat().st_size > 65536
    site.build()
    body = site.page("openings/long/").select_one(".postings-body").get_text()
    assert body.count("Paragraph ") == 400
    assert body.rstrip().endswith("The end.")


def test_custom_dir_overrides_a_template(make_site):
    site = make_site(extra={"theme": {"name": "material", "custom_dir": "overrides"}})
    override = site.root / "overrides" / "postings" / "apply.html"
    override.parent.mkdir(parents=True)
    override.write_text(
        '{% if view.open %}<a class="postings-apply custom" '
        'href="{{ view.apply_href }}">Go</a>{% endif %}'
    )
    site.write("openings/phd.md", POSTING)
    site.build()
    buttons = site.page("openings/phd/").select("a.postings-apply.custom")
    assert [b.get_text() for b in buttons] == ["Go", "Go"]


# ----------------------------------------------------------------------------- safety

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def test_html_in_title_and_summary_is_escaped(make_site):
    site = make_site()
    site.write(
        "openings/evil.md",
        f"""\
        ---
        title: 'Evil {HOSTILE} & Co'
        summary: 'Sum {HOSTILE}'
        tags: ['{HOSTILE}']
        posting:
          rolling: true
          reference: '{HOSTILE}'
          apply: https://jobs.example.org/1
        ---

        Body.
        """,
    )
    site.build()
    html = (site.out / "openings/evil/index.html").read_text()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    page = site.page("openings/evil/")
    assert page.select("img[onerror]") == []
    # the text survives as text: tags dropped from title/summary, others shown literally
    assert page.select_one('meta[property="og:title"]')["content"] == 'Evil alert(1)"> & Co'
    reference = page.select_one(".postings-fact--reference dd").get_text()
    assert reference == HOSTILE
    cards = site.page("openings/")
    assert cards.select("img[onerror]") == []
    assert "<script>alert(1)" not in (site.out / "openings/index.html").read_text()


def test_plugin_writes_nothing_into_docs(make_site):
    site = make_site()
    site.write("openings/phd.md", POSTING)
    before = tree_digest(site.docs)
    site.build()
    assert tree_digest(site.docs) == before


def test_two_builds_in_one_process_are_identical(make_site):
    """The instance persists (on_startup): per-build state must be reset, not accumulated."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = make_site()
    site.write("openings/phd.md", POSTING)
    site.write(
        "openings/rolling.md",
        '---\ntitle: Rolling\nposting: {rolling: true, apply: "mailto:a@example.org"}\n---\n',
    )
    config_file = site.write_config()
    config = load_config(str(config_file), strict=True, site_dir=str(site.out))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    first = tree_digest(site.out)
    # like `mkdocs serve`: a fresh config each rebuild, the same plugin instance
    plugin = config.plugins["postings"]
    config = load_config(str(config_file), strict=True, site_dir=str(site.out))
    assert config.plugins["postings"] is plugin
    build(config)
    assert tree_digest(site.out) == first
    assert plugin.scanner._cache, "the parse cache should have survived"


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("text", "field", "message"), BAD, ids=["yaml", "deadline", "type", "status", "title", "apply"]
)
def test_bad_input_stops_the_build_with_one_line(make_site, text, field, message):
    site = make_site()
    site.write("openings/bad.md", text)
    result = site.run_mkdocs()
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "openings/bad.md" in line]
    assert len(lines) == 1, result.stderr
    assert f"openings/bad.md: {field}: " in lines[0]
    assert message in lines[0]


def test_warnings_fail_strict_builds(make_site):
    site = make_site()
    site.write("openings/undated.md", "---\ntitle: T\nposting:\n  type: phd\n---\n")
    result = site.run_mkdocs("--strict")
    assert result.returncode != 0
    assert "openings/undated.md: posting.deadline: no deadline" in result.stderr
    assert site.run_mkdocs().returncode == 0  # without --strict, a warning only


@pytest.mark.parametrize(
    ("options", "names"),
    [
        ({"timezone": "Mars/Base"}, ("timezone", "IANA")),
        ({"colour": "blue"}, ("colour",)),
        ({"closed": "sometimes"}, ("closed", "archive")),
        ({"deadline_time": "midnight"}, ("deadline_time", "HH:MM")),
    ],
    ids=["timezone", "unknown", "closed", "deadline_time"],
)
def test_config_errors_name_the_option(make_site, options, names):
    site = make_site(**options)
    result = site.run_mkdocs("--strict")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    for name in names:
        assert name in result.stderr


def test_builds_with_the_same_source_date_epoch_are_byte_identical(example_site: Site, tmp_path):
    first = example_site.build(strict=True)
    digest = tree_digest(first)
    example_site.out.rename(tmp_path / "first")
    example_site.build(strict=True)
    assert tree_digest(example_site.out) == digest


def test_example_site_ships_a_daily_rebuild_workflow():
    import yaml
    from conftest import EXAMPLE_SITE

    workflow = yaml.safe_load((EXAMPLE_SITE / ".github/workflows/site.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "push" in triggers
    assert triggers["schedule"][0]["cron"].split()[2:] == ["*", "*", "*"]


def test_migrated_posting_naming_an_unknown_template_still_builds(make_site):
    site = make_site()
    site.write(
        "openings/old.md",
        "---\ntitle: Old\ntemplate: post.html\nlayout: post\n---\n"
        "To apply, write to jobs@example.org.\n",
    )
    site.build()
    assert site.page("openings/old/").select_one(".postings-posting") is not None


def test_missing_timezone_warns_once_and_reads_deadlines_as_utc(make_site):
    site = make_site()
    del site.config["plugins"][1]["postings"]["timezone"]
    site.write("openings/a.md", "---\ntitle: A\nposting: {deadline: 2027-01-31}\n---\nText.\n")
    result = site.run_mkdocs("--strict")
    assert result.returncode != 0
    assert result.stderr.count("timezone: not set") == 1
    assert site.run_mkdocs().returncode == 0
    page = site.page("openings/a/")
    assert page.select_one(".postings-posting")["data-deadline"] == "2027-01-31T23:59:00Z"


def test_check_prefixes_warnings_as_the_plugin_s_logger_does():
    """``check`` prints a warning as the build logs it without importing the plugin."""
    from mkdocs_postings.cli.site import BUILD_LOG_PREFIX
    from mkdocs_postings.mkdocs.plugin import log

    assert log.process("", {})[0] == BUILD_LOG_PREFIX
