"""Titles and summaries are plain text: only real HTML elements are dropped, by tag name;
every other ``<`` is text and shows literally, escaped, wherever the text goes."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import feedparser
import icalendar
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import PINNED_EPOCH, Site

from mkdocs_postings.text import markdown_words, plain_text

ODD = "P<NP & a<b>c bounds <3"


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        (ODD, ODD),
        ("x<y and y>z", "x<y and y>z"),
        ("I <3 NLP", "I <3 NLP"),
        ("a</b>c", "a</b>c"),  # a closing tag with no start tag is text
        ("x <em>y</em> <em>z", "x y <em>z"),  # the unclosed one stays
        ("<strong>PhD</strong> position", "PhD position"),  # a migrated Jekyll title
        ('<a href="https://x.org">Link</a> text', "Link text"),
        ("<b><i>nested</i></b>", "nested"),
        ("<B>upper</B> case", "upper case"),
        ("line<br>break<br/>s", "line break s"),
        ("<script>alert(1)</script> x", "alert(1) x"),
        ("a <!-- note --> b", "a b"),
        ("a <!-- never closed", "a <!-- never closed"),
        ("R&amp;D &lt;i&gt;", "R&D <i>"),  # entities decoded after the tags are read
        ("<NP> is not an element", "<NP> is not an element"),
        ("  spaced \n out  ", "spaced out"),
    ],
)
def test_plain_text_drops_real_elements_only(written, shown):
    assert plain_text(written) == shown


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("5 * 3 * 2 = 30", "5 * 3 * 2 = 30"),  # arithmetic, not emphasis
        ("2 ** 10 options", "2 ** 10 options"),
        ("snake_case and __dunder__x", "snake_case and __dunder__x"),
        ("**tissue** and *cells*", "tissue and cells"),
        ("__strong__ words", "strong words"),
        ("[the portal](https://jobs.example.org) `code * here`", "the portal code * here"),
    ],
)
def test_summary_markdown_loses_markers_only_where_markdown_reads_emphasis(written, shown):
    assert markdown_words(written) == shown


def test_plain_text_is_linear_on_hostile_input():
    """Unclosed comments, thousands of unmatched tags: a subprocess with a limit keeps a
    quadratic regression from hanging the suite (a linear reader takes well under a second)."""
    code = textwrap.dedent(
        """
        from mkdocs_postings.text import markdown_words, plain_text
        for text in ["<!--" * 100000, "<b>" * 60000 + "</i>" * 60000, "<" * 300000,
                     "<b>" * 60000 + "</b>" * 60000, "<a " * 100000, "<!-- -->" * 60000]:
            plain_text(text)
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=30)


FIELDS = {
    "title": f"Postdoc on {ODD}",
    "summary": f"Summary {ODD}",
    "tag": f"Tag {ODD}",
    "location": f"Town {ODD}",
    "reference": f"Ref {ODD}",
}


@pytest.fixture(scope="module", params=["material", "mkdocs"])
def odd_site(request, tmp_path_factory) -> Site:
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    site = Site(
        tmp_path_factory.mktemp(f"odd-{request.param}"),
        {
            "site_name": "Lab",
            "site_url": "https://lab.example.org/",
            "theme": {"name": request.param},
            "plugins": ["search", {"postings": {"timezone": "Europe/Zurich"}}],
        },
    )
    meta = {
        "title": FIELDS["title"],
        "summary": FIELDS["summary"],
        "tags": [FIELDS["tag"]],
        "posting": {
            "type": "postdoc",
            "deadline": "2027-01-31",
            "location": {"locality": FIELDS["location"], "country": "CH"},
            "reference": FIELDS["reference"],
            "apply": "https://jobs.example.org/1",
        },
    }
    site.write("index.md", "# Lab\n")
    site.write("openings/odd.md", "---\n" + yaml.safe_dump(meta) + "---\nBody.\n")
    try:
        site.build(strict=True)
    finally:
        monkeypatch.undo()
    return site


def test_the_posting_page_shows_every_field_as_written(odd_site):
    page = odd_site.page("openings/odd/")
    assert page.title.get_text().startswith(FIELDS["title"])
    assert [h1.get_text(strip=True) for h1 in page.select("h1")] == [FIELDS["title"]]
    assert page.select_one('meta[name="description"]')["content"] == FIELDS["summary"]
    facts = page.select_one(".postings-facts").get_text(" ", strip=True)
    assert FIELDS["location"] in facts and FIELDS["reference"] in facts
    assert [a.get_text(strip=True) for a in page.select("a.postings-tag")] == [FIELDS["tag"]]
    assert not page.select(".postings-posting b, h1 b, title b")


def test_the_card_shows_every_field_as_written(odd_site):
    card = odd_site.page("openings/").select_one(".postings-card")
    text = card.get_text(" ", strip=True)
    for name in ("title", "summary", "tag", "location"):
        assert FIELDS[name] in text, name
    assert not card.select("b")


def test_the_feed_calendar_json_listing_and_json_ld_carry_the_text_as_written(odd_site):
    out = odd_site.out / "openings"
    (entry,) = feedparser.parse((out / "feed.xml").read_bytes()).entries
    assert entry.title == FIELDS["title"]
    assert entry.summary == FIELDS["summary"]
    assert [tag.term for tag in entry.tags] == [FIELDS["tag"]]

    (event,) = icalendar.Calendar.from_ical((out / "deadlines.ics").read_bytes()).walk("VEVENT")
    assert str(event["SUMMARY"]).endswith(FIELDS["title"])
    assert str(event["DESCRIPTION"]) == FIELDS["summary"]

    (record,) = json.loads((out / "postings.json").read_text())["postings"]
    assert record["title"] == FIELDS["title"]
    assert record["summary"] == FIELDS["summary"]
    assert record["tags"] == [FIELDS["tag"]]
    assert record["location"]["locality"] == FIELDS["location"]
    assert record["reference"] == FIELDS["reference"]

    page = odd_site.page("openings/odd/")
    (script,) = page.select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert data["title"] == FIELDS["title"]
    assert data["identifier"]["value"] == FIELDS["reference"]
    assert data["jobLocation"]["address"]["addressLocality"] == FIELDS["location"]
    raw = (odd_site.out / "openings" / "odd" / "index.html").read_text()
    assert "<b>c" not in raw  # nowhere markup, in the page or its JSON-LD


def test_a_title_with_real_markup_loses_only_the_tags(make_site):
    site = make_site()
    site.write(
        "openings/jekyll.md",
        '---\ntitle: "<strong>PhD</strong> in <em>NLP</em>"\nposting: {rolling: true}\n---\n'
        "Apply to a@lab.org.\n",
    )
    site.build()
    page = BeautifulSoup(
        (site.out / "openings" / "jekyll" / "index.html").read_text(), "html.parser"
    )
    assert page.select_one("h1").get_text(strip=True) == "PhD in NLP"
