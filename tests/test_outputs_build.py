"""Structured data and feeds in real builds of the example site."""

from __future__ import annotations

import pytest
from conftest import Site, tree_digest
from hooks import (
    assert_calendar,
    assert_feed,
    assert_json_listing,
    assert_nlp_job_posting,
    json_ld,
)


@pytest.fixture
def built(example_site: Site) -> Site:
    example_site.build(strict=True)
    return example_site


def test_open_posting_pages_carry_one_job_posting(built: Site):
    assert_nlp_job_posting(built.page("openings/phd-clinical-nlp/"), "University of Zurich")


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
    assert_feed((built.out / "openings/feed.xml").read_bytes())
    link = built.page("").select_one('link[rel="alternate"][type="application/atom+xml"]')
    assert link["href"] == "openings/feed.xml"


def test_calendar_has_deadlines_of_postings_not_filled_or_cancelled(built: Site):
    assert_calendar((built.out / "openings/deadlines.ics").read_bytes())
    cards = built.page("openings/")
    hrefs = [a["href"] for a in cards.select("a.postings-subscribe-link")]
    assert hrefs == ["../openings/feed.xml", "../openings/deadlines.ics"]


def test_json_listing_has_every_posting_with_status(built: Site):
    assert_json_listing((built.out / "openings/postings.json").read_text())


def test_outputs_can_be_switched_off(make_site):
    site = make_site(feed="", calendar="", json="", structured_data=False)
    site.write(
        "openings/a.md", "---\ntitle: A\nposting: {rolling: true}\n---\nApply to a@lab.org.\n"
    )
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
