"""Assertions on SPEC's stable HTML hooks, shared by the MkDocs, ProperDocs and Sphinx builds.

Each helper takes parsed pages (BeautifulSoup) or output bytes, so one expectation holds for
every framework; only URLs differ (``openings/x/`` on MkDocs, ``openings/x.html`` on Sphinx).
The expectations are those of example_site/ at the pinned clock (1 December 2026, 12:00 UTC).
"""

from __future__ import annotations

import json

import feedparser
import icalendar

EXAMPLE_POSTINGS = {  # slug: (status, Apply href or None when closed at build time)
    "phd-clinical-nlp": ("open", "https://jobs.example.org/uzh/mi-2027-01"),
    "postdoc-federated-learning": ("closing-soon", "https://jobs.example.org/uzh/mi-2026-07"),
    "research-assistant-data-engineering": ("closed", None),
    "research-software-engineer": ("filled", None),
    "student-assistant": (
        "open",
        "mailto:hiwi@medinf.example.org?subject=Application%3A%20MI-HIWI-2026",
    ),
    "doktorand-medizinische-bildverarbeitung": (
        "open",
        "mailto:bewerbung@medinf.example.org?subject=Application%3A%20MI-2027-02",
    ),
    "summer-internship-2027": ("cancelled", None),
    "postdoc-ml-biomedicine": (
        "open",
        "https://www.nature.com/naturecareers/job/postdoc-opening-in-machine-learning-"
        "in-biomedicine-university-of-zurich-uzh-719816",
    ),
}

OPEN_IN_ORDER = [  # closing soonest first, rolling/undated after
    "Postdoc in Privacy-Preserving Federated Learning",
    "Doktorandin oder Doktorand in medizinischer Bildverarbeitung",
    "PhD Position in Clinical Natural Language Processing",
    "Postdoc Opening in Machine Learning in Biomedicine",
    "Student Assistant for Data Annotation",
]
PAST = {
    "Research Assistant in Clinical Data Engineering (50%)",
    "Research Software Engineer",
    "Summer Internship in Biomedical Data Visualisation",
}
NLP_SUMMARY = "Build language models that read clinical notes and help doctors find what matters."


def assert_posting_page(page, status: str, href: str | None) -> None:
    """The wrapper, facts box, one visible notice and Apply buttons (top and bottom, or none)."""
    posting = page.select_one(".postings-posting")
    assert posting is not None
    assert posting["data-status"] == status
    assert page.select_one(".postings-facts") is not None
    visible = [n for n in page.select(".postings-notice") if not n.has_attr("hidden")]
    assert [n["data-status"] for n in visible] == [status]
    buttons = page.select("a.postings-apply")
    if href is None:
        assert buttons == []
    else:
        assert [b["href"] for b in buttons] == [href, href]


def facts(page) -> dict[str, str]:
    """The facts box as ``{label: value}``."""
    return {
        dt.get_text(strip=True): dd.get_text(" ", strip=True)
        for dt, dd in zip(
            page.select(".postings-facts dt"), page.select(".postings-facts dd"), strict=True
        )
    }


def assert_nlp_posting_facts(page) -> None:
    """example_site's PhD posting: facts with the deadline in the lab's zone."""
    shown = facts(page)
    assert shown["Deadline"] == "28 February 2027, 23:59 CET"
    assert shown["Position"] == "PhD position"
    assert shown["Location"] == "Zurich, CH"
    assert shown["Start"] == "1 May 2027"
    assert shown["Duration"] == "4 years"
    assert shown["Reference"] == "MI-2027-01"
    assert page.select_one(".postings-posting")["data-deadline"] == "2027-02-28T22:59:00Z"


def assert_closing_soon(page) -> None:
    """example_site's federated-learning postdoc: closing-soon notice, countdown, hidden closed."""
    notice = page.select_one('.postings-notice[data-status="closing-soon"]')
    assert "10 December 2026, 12:00 CET" in notice.get_text()
    assert page.select_one(".postings-countdown").get_text() == "closes in 9 days"
    hidden = page.select_one('.postings-notice[data-status="closed"]')
    assert hidden is not None and hidden.has_attr("hidden")


def assert_head(page, *, title: str, description: str, url: str | None) -> None:
    """One description, Open Graph title/description/url."""
    assert [m["content"] for m in page.select('meta[name="description"]')] == [description]
    assert page.select_one('meta[property="og:title"]')["content"] == title
    assert page.select_one('meta[property="og:description"]')["content"] == description
    if url is not None:
        assert page.select_one('meta[property="og:url"]')["content"] == url


def titles_shown(page, selector: str = "h1") -> list[str]:
    """Headings' text without permalink marks (¶ on MkDocs and Sphinx, # on pydata)."""
    return [h.get_text(strip=True).rstrip("¶#").strip() for h in page.select(selector)]


def card_titles(soup, selector: str = ".postings-card") -> list[str]:
    return [
        c.select_one(".postings-card-title").get_text(strip=True) for c in soup.select(selector)
    ]


def assert_cards_page(page) -> None:
    """Open postings first in order, then past openings without Apply buttons."""
    assert card_titles(page, ".postings-cards--open .postings-card") == OPEN_IN_ORDER
    assert set(card_titles(page, ".postings-cards--past .postings-card")) == PAST
    assert page.select_one(".postings-past h2").get_text() == "Past openings"
    for card in page.select(".postings-cards--past .postings-card"):
        assert card.select("a.postings-apply") == []
        assert card["data-status"] in {"closed", "filled", "cancelled"}


def assert_nlp_card(card) -> None:
    """The PhD posting's card hooks (links are checked by each framework's test)."""
    assert card["data-status"] == "open"
    assert card["data-deadline"] == "2027-02-28T22:59:00Z"
    assert card["data-tags"] == "nlp machine-learning"
    assert card.select_one("a.postings-apply")["href"] == "https://jobs.example.org/uzh/mi-2027-01"
    assert card.select_one(".postings-countdown").get_text() == "closes in 89 days"


def assert_filters(page) -> None:
    filters = page.select_one(".postings-filters")
    assert filters.has_attr("hidden")  # shown by the script; without it, the full list stands
    groups = {
        g["data-filter"]: [b["data-value"] for b in g.select(".postings-chip")]
        for g in filters.select(".postings-filter-group")
    }
    assert groups["type"][0] == "" and {"phd", "postdoc", "student"} <= set(groups["type"])
    assert {"nlp", "machine-learning", "bildverarbeitung"} <= set(groups["tag"])


def tag_counts(index_page) -> dict[str, int]:
    """Each tag's count in the tag index (``data-count``; the text says "3 openings")."""
    return {
        li.select_one("a.postings-tag").get_text(): int(
            li.select_one(".postings-count")["data-count"]
        )
        for li in index_page.select(".postings-tag-index li")
    }


def json_ld(page) -> list[dict]:
    return [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]


def assert_nlp_job_posting(page, organization: str) -> None:
    data = json_ld(page)
    assert len(data) == 1
    posting = data[0]
    assert posting["@type"] == "JobPosting"
    assert posting["title"] == "PhD Position in Clinical Natural Language Processing"
    assert posting["validThrough"] == "2027-02-28T23:59:00+01:00"
    assert posting["hiringOrganization"]["name"] == organization
    assert posting["jobLocation"]["address"]["addressCountry"] == "CH"
    assert posting["identifier"]["value"] == "MI-2027-01"
    assert "Clinical notes hold most" in posting["description"]


def assert_feed(data: bytes) -> None:
    feed = feedparser.parse(data)
    assert not feed.bozo
    titles = {e.title for e in feed.entries}
    assert "PhD Position in Clinical Natural Language Processing" in titles
    assert "Research Software Engineer" not in titles  # filled
    assert len(feed.entries) == 5


def assert_calendar(data: bytes) -> None:
    calendar = icalendar.Calendar.from_ical(data)
    summaries = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    assert len(summaries) == 4  # four dated postings that are neither filled nor cancelled
    assert all("Research Software Engineer" not in s for s in summaries)


def assert_json_listing(text: str) -> None:
    data = json.loads(text)
    statuses = {p["title"]: p["status"] for p in data["postings"]}
    assert len(statuses) == 8
    assert statuses["Research Software Engineer"] == "filled"
    assert statuses["Postdoc in Privacy-Preserving Federated Learning"] == "closing-soon"


# Bad input: (file text, field named in the one-line error, words of the message).
BAD = [
    ("---\ntitle: [oops\nposting:\n  type: phd\n---\n", "front matter", "broken YAML"),
    ("---\ntitle: T\nposting:\n  deadline: 31.01.2027\n---\n", "posting.deadline", "YYYY-MM-DD"),
    ("---\ntitle: T\nposting:\n  type: wizard\n  rolling: true\n---\n", "posting.type", "phd"),
    (
        "---\ntitle: T\nposting:\n  status: paused\n  rolling: true\n---\n",
        "posting.status",
        "open, filled",
    ),
    ("---\nposting:\n  rolling: true\n---\nNo heading here.\n", "title", "missing"),
    (
        "---\ntitle: T\nposting:\n  rolling: true\n  apply: javascript:alert(1)\n---\n",
        "posting.apply",
        "https://",
    ),
]
