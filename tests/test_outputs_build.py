"""Structured data and feeds in real builds of the example site."""

from __future__ import annotations

import json

import feedparser
import icalendar
import pytest
from conftest import Site, tree_digest


@pytest.fixture
def built(example_site: Site) -> Site:
    example_site.build(strict=True)
    return example_site


def json_ld(page):
    return [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]


def test_open_posting_pages_carry_one_job_posting(built: Site):
    data = json_ld(built.page("openings/phd-clinical-nlp/"))
    assert len(data) == 1
    posting = data[0]
    assert posting["@type"] == "JobPosting"
    assert posting["title"] == "PhD Position in Clinical Natural Language Processing"
    assert posting["validThrough"] == "2027-02-28T23:59:00+01:00"
    assert posting["hiringOrganization"]["name"] == "University of Zurich"
    assert posting["jobLocation"]["address"]["addressCountry"] == "CH"
    assert posting["identifier"]["value"] == "MI-2027-01"
    assert "Clinical notes hold most" in posting["description"]


@pytest.mark.parametrize(
    "url",
    [
        "openings/research-assistant-data-engineering/",
        "openings/research-software-engineer/",
        "openings/summer-internship-2027/",
        "openings/",
        "",
    ],
)
def test_past_postings_and_listing_pages_carry_none(built: Site, url):
    assert json_ld(built.page(url)) == []


def test_feed_lists_open_postings_and_is_linked_from_heads(built: Site):
    feed = feedparser.parse((built.out / "openings/feed.xml").read_bytes())
    assert not feed.bozo
    titles = {e.title for e in feed.entries}
    assert "PhD Position in Clinical Natural Language Processing" in titles
    assert "Research Software Engineer" not in titles  # filled
    assert len(feed.entries) == 5
    link = built.page("").select_one('link[rel="alternate"][type="application/atom+xml"]')
    assert link["href"] == "openings/feed.xml"


def test_calendar_has_deadlines_of_postings_not_filled_or_cancelled(built: Site):
    calendar = icalendar.Calendar.from_ical((built.out / "openings/deadlines.ics").read_bytes())
    summaries = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    assert len(summaries) == 4  # four dated postings that are neither filled nor cancelled
    assert all("Research Software Engineer" not in s for s in summaries)
    cards = built.page("openings/")
    hrefs = [a["href"] for a in cards.select("a.postings-subscribe-link")]
    assert hrefs == ["../openings/feed.xml", "../openings/deadlines.ics"]


def test_json_listing_has_every_posting_with_status(built: Site):
    data = json.loads((built.out / "openings/postings.json").read_text())
    statuses = {p["title"]: p["status"] for p in data["postings"]}
    assert len(statuses) == 8
    assert statuses["Research Software Engineer"] == "filled"
    assert statuses["Postdoc in Privacy-Preserving Federated Learning"] == "closing-soon"


def test_outputs_can_be_switched_off(make_site):
    site = make_site(feed="", calendar="", json="", structured_data=False)
    site.write("openings/a.md", "---\ntitle: A\nposting: {rolling: true}\n---\nText.\n")
    site.build()
    assert not (site.out / "openings/feed.xml").exists()
    assert not (site.out / "openings/deadlines.ics").exists()
    assert not (site.out / "openings/postings.json").exists()
    page = site.page("openings/a/")
    assert json_ld(page) == []
    assert page.select('link[type="application/atom+xml"]') == []


def test_feed_and_calendar_are_byte_identical_across_builds(example_site: Site, tmp_path):
    example_site.build()
    first = {
        k: v
        for k, v in tree_digest(example_site.out).items()
        if k.endswith((".xml", ".ics", ".json"))
    }
    example_site.out.rename(tmp_path / "first")
    example_site.build()
    second = {
        k: v
        for k, v in tree_digest(example_site.out).items()
        if k.endswith((".xml", ".ics", ".json"))
    }
    assert first == second and "openings/feed.xml" in first


def test_json_ld_facts_are_visible_on_the_page(built: Site):
    page = built.page("openings/phd-clinical-nlp/")
    data = json_ld(page)[0]
    facts = page.select_one(".postings-facts").get_text(" ")
    assert data["hiringOrganization"]["name"] in facts
    assert data["identifier"]["value"] in facts
    assert "28 February 2027, 23:59 CET" in facts  # validThrough
    assert "Full time, Temporary" in facts  # employmentType
    assert str(data["totalJobOpenings"]) in facts
