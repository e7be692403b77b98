"""Hostile strings in every front-matter field: escaped wherever they appear, never markup,
never template source, and only http/https/mailto links come out.

One site per theme, one posting per payload with the payload in every free-text field. The
outputs are parsed (BeautifulSoup, ElementTree, feedparser, icalendar, json) and searched
for injected elements, attributes and links, not grepped.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import feedparser
import icalendar
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import Site, tree_digest

from mkdocs_postings.text import plain_text

PAYLOADS = {
    "script": "<script>alert('x1')</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "single-quote": "' onmouseover='alert(1)' x='",
    "comment": "</script><!--",
    "javascript": "javascript:alert(1)",
    "jinja-expression": "{{ 7*7 }} {{ 'inj' ~ 'ected' }}",
    "jinja-statement": "{% for i in range(3) %}LOOP{% endfor %}{% include 'base.html' %}",
    "entities": "&lt;script&gt;alert(1)&lt;/script&gt; &amp;",
    "line-breaks": "x\nBEGIN:VEVENT\nUID:evil\nEND:VEVENT",
}
INJECTED_MARKERS = ("injected", "LOOPLOOP")
"""Text that exists only if a payload was evaluated as a template."""

ATOM = "{http://www.w3.org/2005/Atom}"
SAFE_SCHEMES = {"http", "https", "mailto"}


def front_matter(payload: str) -> dict:
    return {
        "title": f"Title {payload}",
        "summary": f"Summary {payload}",
        "description": f"Description {payload}",
        "tags": [payload, f"Tag {payload}"],
        "categories": [payload],
        "authors": [payload],
        "posting": {
            "type": "phd",
            "deadline": "2027-01-31",
            "start": f"Start {payload}",
            "duration": f"Duration {payload}",
            "positions": 2,
            "location": {
                "locality": f"Locality {payload}",
                "region": f"Region {payload}",
                "country": payload,
                "postal_code": payload,
                "street_address": f"Street {payload}",
            },
            "salary": {"currency": "CHF", "min": 1, "max": 2, "unit": "YEAR", "text": payload},
            "reference": f"Ref {payload}",
            "apply": {
                "url": f"https://jobs.example.org/apply?q={payload}",
                "label": f"Label {payload}",
                "instructions": f"Instructions {payload}",
            },
            "contact": {
                "name": f"Contact {payload}",
                "email": "jobs@example.org",
                "url": f"https://example.org/?q={payload}",
                "phone": f"Phone {payload}",
            },
        },
    }


def write_posting(site: Site, name: str, meta: dict, body: str = "Body text.\n") -> None:
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body
    target = site.docs / "openings" / f"{name}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module", params=["material", "mkdocs"])
def hostile_site(request, tmp_path_factory) -> Site:
    monkeypatch = pytest.MonkeyPatch()
    from conftest import PINNED_EPOCH

    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    root = tmp_path_factory.mktemp(f"hostile-{request.param}")
    site = Site(
        root,
        {
            "site_name": "Test Lab",
            "site_url": "https://lab.example.org/",
            "theme": {"name": request.param},
            "plugins": ["search", {"postings": {"timezone": "Europe/Zurich"}}],
        },
    )
    site.docs.mkdir()
    (site.docs / "index.md").write_text("# Lab\n\n<!-- postings -->\n", encoding="utf-8")
    for name, payload in PAYLOADS.items():
        write_posting(site, name, front_matter(payload))
    # An application link in the body with a script URL: never becomes an Apply button.
    write_posting(
        site,
        "body-link",
        {
            "title": "Body link",
            "posting": {"rolling": True, "contact": {"email": "office@example.org"}},
        },
        "Text.\n\n## Application\n\n[Apply here](javascript:alert(1))\n",
    )
    before = tree_digest(site.docs)
    try:
        site.build(strict=True)
    finally:
        monkeypatch.undo()
    assert tree_digest(site.docs) == before, "the build wrote into docs/"
    return site


def html_pages(site: Site) -> dict[str, BeautifulSoup]:
    return {
        str(path.relative_to(site.out)): BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for path in sorted(site.out.rglob("*.html"))
    }


def outside_bodies(soup: BeautifulSoup):
    """Every element except those inside a posting's own Markdown body (the lab's HTML)."""
    return [el for el in soup.find_all(True) if el.find_parent(class_="postings-body") is None]


# ----------------------------------------------------------------------------- HTML


def test_no_injected_elements_or_attributes_anywhere(hostile_site: Site):
    pages = html_pages(hostile_site)
    assert len(pages) > len(PAYLOADS) * 2  # posting pages, tag pages, cards, index
    for name, soup in pages.items():
        assert soup.select("img[src=x]") == [], name
        for element in soup.find_all(True):
            handlers = [a for a in element.attrs if a.lower().startswith("on")]
            assert handlers == [], (name, element.name, handlers)
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                continue  # data, not code: checked in the JSON-LD tests
            assert "alert(" not in (script.string or ""), (name, script)
        for marker in INJECTED_MARKERS:
            assert marker not in soup.get_text(), (name, marker)


def test_only_http_https_mailto_links_outside_the_lab_written_body(hostile_site: Site):
    for name, soup in html_pages(hostile_site).items():
        for element in outside_bodies(soup):
            for attribute in ("href", "src", "action", "formaction", "content"):
                value = element.get(attribute)
                if not isinstance(value, str) or ":" not in value.split("/")[0]:
                    continue  # relative links, or text that is no URL
                scheme = urlsplit(value.strip()).scheme.lower()
                if attribute == "content" and scheme not in ("http", "https", "javascript"):
                    continue  # meta content such as "width=device-width, ..."
                assert scheme in SAFE_SCHEMES, (name, element.name, attribute, value)


def test_apply_buttons_use_safe_targets_only(hostile_site: Site):
    cards = hostile_site.page("openings/")
    for soup in (cards, *(hostile_site.page(f"openings/{n}/") for n in PAYLOADS)):
        for button in soup.select("a.postings-apply"):
            assert urlsplit(button["href"]).scheme in ("https", "mailto")
    assert hostile_site.page("openings/body-link/").select("a.postings-apply") == []


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_posting_page_shows_every_field_as_text(hostile_site: Site, name: str):
    payload = PAYLOADS[name]
    page = hostile_site.page(f"openings/{name}/")
    title = plain_text(f"Title {payload}")
    assert [h.get_text() for h in page.select("h1")] == [title]
    assert title in page.title.get_text()
    assert page.select_one('meta[property="og:title"]')["content"] == title
    # Material prints the page's own description; on the mkdocs theme the plugin adds the summary
    descriptions = [m["content"] for m in page.select('meta[name="description"]')]
    assert descriptions in ([f"Description {payload}"], [plain_text(f"Summary {payload}")])

    def fact(key: str) -> str:
        return page.select_one(f".postings-fact--{key} dd").get_text()

    assert fact("reference") == f"Ref {payload}"
    assert fact("start") == f"Start {payload}"
    assert fact("duration") == f"Duration {payload}"
    assert f"Locality {payload}" in fact("location")
    assert payload in fact("salary")
    assert fact("contact").startswith(f"Contact {payload}")
    assert fact("contact").endswith(f"Phone {payload}")
    buttons = page.select("a.postings-apply")
    assert [b.get_text() for b in buttons] == [plain_text(f"Label {payload}")] * 2
    assert buttons[0]["href"] == f"https://jobs.example.org/apply?q={payload}"
    instructions = page.select_one(".postings-apply-instructions").get_text()
    assert instructions == f"Instructions {payload}"
    chips = [a.get_text() for a in page.select(".postings-posting a.postings-tag")]
    assert chips == [payload, f"Tag {payload}"]


def test_cards_show_titles_summaries_and_tags_as_text(hostile_site: Site):
    for url in ("openings/", ""):
        page = hostile_site.page(url)
        for name, payload in PAYLOADS.items():
            card = page.select_one(f'.postings-card a[href$="openings/{name}/"]')
            assert card is not None, (url, name)
            item = card.find_parent(class_="postings-card")
            assert card.get_text() == plain_text(f"Title {payload}")
            summary = item.select_one(".postings-card-summary").get_text()
            assert summary == plain_text(f"Summary {payload}")
            tags = [a.get_text() for a in item.select("a.postings-tag")]
            assert tags == [payload, f"Tag {payload}"]


def test_tag_pages_and_tag_index_show_tag_names_as_text(hostile_site: Site):
    index = hostile_site.page("openings/tags/")
    names = {a.get_text(): a["href"] for a in index.select("a.postings-tag")}
    for payload in PAYLOADS.values():
        assert payload in names
        tag_page = hostile_site.page("openings/tags/" + names[payload])
        headings = [h.get_text() for h in tag_page.select("h1")]
        assert len(headings) == 1 and payload in headings[0]
        assert payload in tag_page.title.get_text()
        assert len(tag_page.select(".postings-card")) == 1


def test_search_index_titles_are_escaped(hostile_site: Site):
    index = json.loads((hostile_site.out / "search/search_index.json").read_text("utf-8"))
    titles = [doc["title"] for doc in index["docs"]]
    assert any("&lt;" in t for t in titles)  # the hostile titles are there, escaped
    for title in titles:
        assert "<" not in title and ">" not in title, title


# ----------------------------------------------------------------------------- JSON-LD


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_json_ld_holds_the_text_and_cannot_break_out(hostile_site: Site, name: str):
    payload = PAYLOADS[name]
    html = (hostile_site.out / f"openings/{name}/index.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    raw = scripts[0].string
    assert "</" not in raw and "<!--" not in raw and "<" not in raw
    data = json.loads(raw)
    assert data["title"] == plain_text(f"Title {payload}")
    assert data["identifier"]["value"] == f"Ref {payload}"
    assert data["jobLocation"]["address"]["addressLocality"] == f"Locality {payload}"
    assert urlsplit(data["url"]).scheme == "https"
    # the script element ends where the plugin ended it: the head still has its other tags
    assert soup.head.select_one('meta[property="og:title"]') is not None


# ----------------------------------------------------------------------------- feeds


def test_atom_feed_carries_text_only(hostile_site: Site):
    raw = (hostile_site.out / "openings/feed.xml").read_bytes()
    root = ET.fromstring(raw)
    entries = root.findall(f"{ATOM}entry")
    titles = {e.findtext(f"{ATOM}title"): e for e in entries}
    allowed = {f"{ATOM}{t}" for t in ("id", "title", "link", "updated", "published", "summary")}
    allowed.add(f"{ATOM}category")
    for payload in PAYLOADS.values():
        entry = titles[plain_text(f"Title {payload}")]
        assert {child.tag for child in entry} <= allowed
        assert entry.find(f"{ATOM}summary").get("type", "text") == "text"
        assert entry.findtext(f"{ATOM}summary") == plain_text(f"Summary {payload}")
        assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == [
            payload,
            f"Tag {payload}",
        ]
    for link in root.iter(f"{ATOM}link"):
        assert urlsplit(link.get("href")).scheme in ("http", "https")
    parsed = feedparser.parse(raw)
    assert not parsed.bozo
    assert len(parsed.entries) == len(PAYLOADS) + 1  # the body-link posting is open too


def test_calendar_has_one_event_per_deadline_and_no_injected_lines(hostile_site: Site):
    calendar = icalendar.Calendar.from_ical(
        (hostile_site.out / "openings/deadlines.ics").read_bytes()
    )
    events = calendar.walk("VEVENT")
    assert len(events) == len(PAYLOADS)
    summaries = {str(e["SUMMARY"]) for e in events}
    assert summaries == {f"Deadline: {plain_text(f'Title {p}')}" for p in PAYLOADS.values()}
    assert all("evil" not in str(e["UID"]) for e in events)
    for event in events:
        assert set(event) <= {
            "UID",
            "DTSTAMP",
            "DTSTART",
            "SUMMARY",
            "URL",
            "DESCRIPTION",
            "TRANSP",
        }
        assert urlsplit(str(event["URL"])).scheme == "https"


def test_json_listing_holds_the_exact_text(hostile_site: Site):
    records = json.loads((hostile_site.out / "openings/postings.json").read_text("utf-8"))
    by_src = {r["src"]: r for r in records["postings"]}
    for name, payload in PAYLOADS.items():
        record = by_src[f"openings/{name}.md"]
        assert record["reference"] == f"Ref {payload}"
        assert record["tags"] == [payload, f"Tag {payload}"]
        assert record["duration"] == f"Duration {payload}"
        assert urlsplit(record["apply"]).scheme == "https"
    assert by_src["openings/body-link.md"]["apply"] is None
