"""A department board: other sites' JSON listings gathered into one site (``sources``).

Real parts throughout: two small lab sites are built with real MkDocs and Material, their
``postings.json`` is served over real HTTP on 127.0.0.1 by a server these tests start (with
answers for every way a source can fail), and the department site is built with real MkDocs
from those listings.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import (
    EXAMPLE_SITE,
    PINNED,
    PINNED_EPOCH,
    Department,
    Site,
    pinned_epoch,
    plugin_config,
)
from mkdocs.exceptions import Abort

from mkdocs_postings.model import Defaults
from mkdocs_postings.sources.gather import (
    SCHEMA_PATH,
    FetchOptions,
    Source,
    canonical,
    gather,
    source_from_config,
)
from mkdocs_postings.text import plain_text

LAB_A_URL = "https://lab-a.example.org/"
LAB_B_URL = "https://lab-b.example.org/"

# --------------------------------------------------------------------------- two lab sites


def _lab(root: Path, name: str, url: str, postings: dict[str, str]) -> Site:
    site = Site(
        root,
        {
            "site_name": name,
            "site_url": url,
            "theme": {"name": "material"},
            "plugins": ["search", {"postings": plugin_config()}],
        },
    )
    site.docs.mkdir(parents=True)
    site.write("index.md", f"# {name}\n")
    for path, text in postings.items():
        site.write(path, text)
    with pinned_epoch():
        site.build(strict=True)
    return site


LAB_A_POSTINGS = {
    "openings/phd-nlp.md": """
        ---
        title: PhD in Clinical NLP
        date: 2026-11-01
        tags: [NLP]
        summary: Read clinical notes with language models.
        posting:
          type: phd
          deadline: 2027-01-31
          location: {locality: Zurich, country: CH}
          apply: https://jobs.lab-a.example.org/phd
        ---
        Text.
        """,
    "openings/old-postdoc.md": """
        ---
        title: Postdoc in Genomics
        date: 2026-01-10
        posting:
          type: postdoc
          deadline: 2026-03-01
          apply: mailto:jobs@lab-a.example.org
        ---
        Text.
        """,
}

LAB_B_POSTINGS = {
    "openings/imaging-postdoc.md": """
        ---
        title: Postdoc in Medical Imaging
        date: 2026-11-15
        tags: [Imaging]
        summary: Segment MRI scans.
        posting:
          type: postdoc
          deadline: 2027-02-28
          apply: https://lab-b.example.org/apply
        ---
        Text.
        """,
}


@dataclass
class Labs:
    a: Site
    b: Site

    @property
    def a_listing(self) -> bytes:
        return (self.a.out / "openings/postings.json").read_bytes()

    @property
    def b_listing(self) -> bytes:
        return (self.b.out / "openings/postings.json").read_bytes()


@pytest.fixture(scope="module")
def labs(tmp_path_factory: pytest.TempPathFactory) -> Labs:
    root = tmp_path_factory.mktemp("labs")
    return Labs(
        _lab(root / "a", "Lab A", LAB_A_URL, LAB_A_POSTINGS),
        _lab(root / "b", "Lab B", LAB_B_URL, LAB_B_POSTINGS),
    )


# --------------------------------------------------------------------------- the server


@dataclass
class Server:
    """Listings over HTTP on 127.0.0.1; ``routes`` map a path to an answer."""

    base: str
    routes: dict[str, Callable[[BaseHTTPRequestHandler], None]]
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.requests if p == path]


def send(handler: BaseHTTPRequestHandler, body: bytes, status: int = 200, **headers: str):
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()
    handler.wfile.write(body)


def with_etag(body: Callable[[], bytes], etag: str = '"v1"'):
    def answer(handler: BaseHTTPRequestHandler) -> None:
        if handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.end_headers()
            return
        send(handler, body(), ETag=etag, Last_Modified="Sun, 01 Nov 2026 10:00:00 GMT")

    return answer


@pytest.fixture
def server(labs: Labs) -> Iterator[Server]:
    routes: dict[str, Callable[[BaseHTTPRequestHandler], None]] = {}
    state: Server

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append((self.path, dict(self.headers.items())))
            answer = routes.get(self.path)
            if answer is None:
                send(self, b"not found", 404)
            else:
                answer(self)

        def log_message(self, *args: object) -> None:  # quiet test output
            return None

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state = Server(f"http://127.0.0.1:{httpd.server_address[1]}", routes)
    routes["/a.json"] = with_etag(lambda: labs.a_listing)
    routes["/b.json"] = with_etag(lambda: labs.b_listing, '"b1"')
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_happy_path_cards_chips_tag_pages_feed_and_calendar(department: Department, server: Server):
    warnings = department.build(
        strict=True,
        sources=[
            {"url": server.url("/a.json"), "tags": ["Lab A"]},
            {"url": server.url("/b.json"), "name": "Imaging Group"},
        ],
        location={"locality": "Basel", "country": "CH"},
    )
    assert warnings == []
    page = department.site.page("openings/")
    cards = {
        c.select_one(".postings-card-title").get_text(strip=True): c for c in department.cards()
    }
    assert set(cards) == {
        "Assistant Professor in Data Science",
        "PhD in Clinical NLP",
        "Postdoc in Medical Imaging",
        "Postdoc in Genomics",
    }
    phd = cards["PhD in Clinical NLP"]
    # The card links to the posting on its own site and names that site.
    assert phd.select_one(".postings-card-title a")["href"] == LAB_A_URL + "openings/phd-nlp/"
    assert phd.select_one(".postings-card-source").get_text() == "Lab A"
    assert phd["data-source"] == "lab-a"
    assert phd.select_one("a.postings-apply")["href"] == "https://jobs.lab-a.example.org/phd"
    assert cards["Postdoc in Medical Imaging"].select_one(".postings-card-source").get_text() == (
        "Imaging Group"
    )
    # The past posting is past here too (derived from its deadline at this build's clock).
    assert cards["Postdoc in Genomics"]["data-status"] == "closed"
    assert cards["Postdoc in Genomics"].find_parent(class_="postings-cards--past")
    # A remote posting keeps its own place: none here, never this site's default (Basel).
    assert cards["Postdoc in Genomics"].select_one(".postings-card-location") is None
    assert phd.select_one(".postings-card-location").get_text() == "Zurich, CH"
    own = cards["Assistant Professor in Data Science"]
    assert own.select_one(".postings-card-title a")["href"] == "../openings/faculty/"
    assert own.select_one(".postings-card-source") is None
    assert own["data-source"] == "department-of-informatics"
    # A chip per source.
    group = page.select_one('.postings-filter-group[data-filter="source"]')
    chips = {b["data-value"]: b.get_text() for b in group.select(".postings-chip")}
    assert chips == {
        "": "All",
        "department-of-informatics": "Department of Informatics",
        "imaging-group": "Imaging Group",
        "lab-a": "Lab A",
    }
    # Remote tags (and a source's own tags) get tag pages; the NLP page lists both.
    assert set(department.titles("openings/tags/nlp/")) == {
        "Assistant Professor in Data Science",
        "PhD in Clinical NLP",
    }
    assert "Postdoc in Genomics" in department.titles("openings/tags/lab-a/")
    # No page is made for remote postings, and no JSON-LD anywhere but on the own posting.
    assert not (department.site.out / "openings/phd-nlp").exists()
    assert not department.site.page("openings/").select('script[type="application/ld+json"]')
    # An embedded listing shows them too (open ones only, as embedded listings do).
    assert set(department.titles("")) == {
        "Assistant Professor in Data Science",
        "PhD in Clinical NLP",
        "Postdoc in Medical Imaging",
    }
    feed = feedparser.parse((department.site.out / "openings/feed.xml").read_bytes())
    assert not feed.bozo
    links = {e.title: e.link for e in feed.entries}
    assert links == {
        "Assistant Professor in Data Science": "https://informatics.example.org/openings/faculty/",
        "PhD in Clinical NLP": LAB_A_URL + "openings/phd-nlp/",
        "Postdoc in Medical Imaging": LAB_B_URL + "openings/imaging-postdoc/",
    }
    calendar = icalendar.Calendar.from_ical(
        (department.site.out / "openings/deadlines.ics").read_bytes()
    )
    urls = sorted(str(e["URL"]) for e in calendar.walk("VEVENT"))
    assert LAB_A_URL + "openings/old-postdoc/" in urls
    assert len(urls) == 4
    # The department's own listing stays its own postings (no re-publishing of others').
    listing = json.loads((department.site.out / "openings/postings.json").read_text())
    assert [p["title"] for p in listing["postings"]] == ["Assistant Professor in Data Science"]
    assert listing["site"] == {
        "name": "Department of Informatics",
        "url": "https://informatics.example.org/",
    }


def test_listings_follow_the_published_schema(labs: Labs, department: Department, server: Server):
    schema = json.loads(SCHEMA_PATH.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    for listing in (labs.a_listing, labs.b_listing):
        data = json.loads(listing)
        jsonschema.validate(data, schema)
        assert data["version"] == 1
    department.build(sources=[server.url("/a.json")])
    jsonschema.validate(
        json.loads((department.site.out / "openings/postings.json").read_text()), schema
    )


def test_the_published_schema_is_the_shipped_one():
    docs = (SCHEMA_PATH.parents[2] / "docs" / "board.md").read_text()
    assert '--8<-- "mkdocs_postings/schema/postings-v1.schema.json"' in docs


# --------------------------------------------------------------------------- failures


def _slow(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(2)
    send(handler, b'{"version": 1, "postings": []}')


def _redirect(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(302)
    handler.send_header("Location", "/b.json")
    handler.send_header("Content-Length", "0")
    handler.end_headers()


def _redirect_to(target: str) -> Callable[[BaseHTTPRequestHandler], None]:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", target)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return answer


def _broken_off(handler: BaseHTTPRequestHandler) -> None:
    # Says 5,000 bytes, sends 20 and hangs up.
    handler.send_response(200)
    handler.send_header("Content-Length", "5000")
    handler.end_headers()
    handler.wfile.write(b'{"version": 1, "pos')
    handler.close_connection = True


def _dripping(handler: BaseHTTPRequestHandler) -> None:
    # A byte every 0.2 s: each read is quick, the whole answer is not.
    body = b'{"version": 1, "postings": []}' + b" " * 40
    handler.send_response(200)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    for byte in body:
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
        time.sleep(0.2)


def _oversized(handler: BaseHTTPRequestHandler) -> None:
    # No Content-Length: the size cap must hold while reading, not only from the header.
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.end_headers()
    handler.wfile.write(b'{"version": 1, "postings": [], "padding": "' + b"x" * 20_000 + b'"}')
    handler.close_connection = True


FAILURES = {
    "404": (None, "HTTP 404"),
    "500": (lambda h: send(h, b"oops", 500), "HTTP 500"),
    "timeout": (_slow, "no answer within 0.5 s"),
    "truncated": (None, "is not valid JSON"),
    "invalid": (lambda h: send(h, b"<html>Not JSON</html>"), "is not valid JSON"),
    "version": (None, "version 2 listing"),
    "oversized": (_oversized, "larger than 10,000 bytes"),
    "broken-off": (_broken_off, "the answer broke off"),
    # urllib refuses file: itself; the plugin refuses ftp:, which urllib would follow.
    "to-file": (_redirect_to("file:///etc/passwd"), "url 'file:///etc/passwd' is not allowed"),
    "to-ftp": (_redirect_to("ftp://127.0.0.1/p.json"), "which is not http(s)"),
    "dripping": (_dripping, "no answer within 0.5 s"),
    "unversioned": (lambda h: send(h, b'{"postings": []}'), 'has no "version"'),
}


@pytest.mark.parametrize("case", list(FAILURES))
def test_a_failing_source_is_one_warning_and_the_page_still_builds(
    case: str, labs: Labs, department: Department, server: Server
):
    answer, words = FAILURES[case]
    if case == "truncated":
        answer = lambda h: send(h, labs.a_listing[: len(labs.a_listing) // 2])  # noqa: E731
    elif case == "version":
        data = json.loads(labs.a_listing)
        data["version"] = 2
        answer = lambda h: send(h, json.dumps(data).encode())  # noqa: E731
    if answer is not None:
        server.routes[f"/{case}.json"] = answer
    broken = server.url(f"/{case}.json")
    warnings = department.build(
        sources=[broken, server.url("/b.json")], source_timeout=0.5, source_max_size=10_000
    )
    assert len(warnings) == 1, warnings
    (line,) = warnings
    assert line.startswith(f"{broken}: sources: ")
    assert words in line
    assert "skipped (no good cached copy)" in line
    assert "\n" not in line
    # The other source and the site's own postings are still there.
    assert set(department.titles()) == {
        "Assistant Professor in Data Science",
        "Postdoc in Medical Imaging",
    }


def test_strict_fails_on_a_source_warning(department: Department, server: Server):
    with pytest.raises(Abort):
        department.build(strict=True, sources=[server.url("/missing.json")])
    assert any(server.url("/missing.json") in w for w in department.warnings())


def test_a_redirect_is_followed(department: Department, server: Server):
    server.routes["/moved.json"] = _redirect
    assert department.build(strict=True, sources=[server.url("/moved.json")]) == []
    assert "Postdoc in Medical Imaging" in department.titles()
    assert len(server.hits("/b.json")) == 1


def test_an_unreachable_host_is_one_warning(department: Department):
    # A port nobody listens on: connection refused.
    warnings = department.build(sources=["http://127.0.0.1:9/postings.json"])
    assert len(warnings) == 1 and "cannot be reached" in warnings[0]


def test_a_source_going_down_keeps_the_last_good_copy_with_its_age(
    department: Department, server: Server, labs: Labs, monkeypatch: pytest.MonkeyPatch
):
    server.routes["/flaky.json"] = lambda h: send(h, labs.a_listing)
    department.build(strict=True, sources=[server.url("/flaky.json")])
    assert "PhD in Clinical NLP" in department.titles()
    # Three hours later (past the cache lifetime) the source answers 500.
    later = PINNED + timedelta(hours=3)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(later.timestamp())))
    server.routes["/flaky.json"] = lambda h: send(h, b"down", 500)
    warnings = department.build()
    assert warnings == [
        f"{server.url('/flaky.json')}: sources: HTTP 500 Internal Server Error; using the copy "
        "cached 3 hours ago; the site may be down: try again later"
    ]
    assert "PhD in Clinical NLP" in department.titles()


def test_a_fresh_cache_is_not_asked_again(department: Department, server: Server):
    # mkdocs serve rebuilds: within the cache lifetime (default one hour) no request at all.
    department.build(sources=[server.url("/a.json")])
    department.build()
    department.build()
    assert len(server.hits("/a.json")) == 1


def test_an_expired_cache_asks_with_etag_and_a_304_keeps_the_copy(
    department: Department, server: Server
):
    department.build(strict=True, sources=[server.url("/a.json")], cache_lifetime=0)
    first_html = (department.site.out / "openings/index.html").read_text()
    department.build(strict=True)
    (first, second) = server.hits("/a.json")
    assert "If-None-Match" not in first
    assert second["If-None-Match"] == '"v1"'
    assert second["If-Modified-Since"] == "Sun, 01 Nov 2026 10:00:00 GMT"
    assert (department.site.out / "openings/index.html").read_text() == first_html


def test_offline_builds_from_the_cache_and_asks_nobody(department: Department, server: Server):
    department.build(strict=True, sources=[server.url("/a.json"), server.url("/b.json")])
    server.requests.clear()
    server.routes.clear()  # the network is gone
    assert department.build(strict=True, offline=True, cache_lifetime=0) == []
    assert server.requests == []
    assert {"PhD in Clinical NLP", "Postdoc in Medical Imaging"} <= set(department.titles())


def test_offline_without_a_cache_skips_the_source_with_a_warning(
    department: Department, server: Server
):
    warnings = department.build(offline=True, sources=[server.url("/a.json")])
    assert warnings == [
        f"{server.url('/a.json')}: sources: offline and never fetched; skipped (no good cached "
        "copy); build once with offline: false"
    ]
    assert server.requests == []


def test_the_cache_lives_outside_docs_next_to_the_config(department: Department, server: Server):
    department.build(sources=[server.url("/a.json")])
    cached = list((department.site.root / ".cache/postings").glob("*.json"))
    assert len(cached) == 2  # the listing and what is known about it (ETag, when)
    assert not [p for p in department.site.docs.rglob("*") if ".json" in p.name]


def test_a_cache_dir_inside_docs_is_refused(department: Department, server: Server):
    with pytest.raises(Abort):
        department.build(sources=[server.url("/a.json")], cache_dir="docs/cache")
    assert not (department.site.docs / "cache").exists()


def test_duplicates_across_sources_and_with_the_site_appear_once(
    department: Department, server: Server, labs: Labs
):
    # Lab A's listing at a second address, and a local page at a remote posting's URL.
    server.routes["/mirror.json"] = lambda h: send(h, labs.a_listing)
    department.site.config["site_url"] = LAB_B_URL
    department.site.write(
        "openings/imaging-postdoc.md",
        "---\ntitle: Our copy of the imaging postdoc\nposting:\n  rolling: true\n"
        "  apply: https://lab-b.example.org/apply\n---\nText.\n",
    )
    department.build(
        strict=True,
        sources=[server.url("/a.json"), server.url("/mirror.json"), server.url("/b.json")],
    )
    titles = department.titles()
    assert titles.count("PhD in Clinical NLP") == 1
    assert titles.count("Postdoc in Genomics") == 1
    assert "Postdoc in Medical Imaging" not in titles
    assert "Our copy of the imaging postdoc" in titles
    assert any("listed already; shown once" in line for line in department.infos())


def test_a_local_listing_file_is_a_source(department: Department, labs: Labs):
    folder = department.site.root / "listings"
    folder.mkdir()
    (folder / "lab-b.json").write_bytes(labs.b_listing)
    assert department.build(strict=True, sources=[{"path": "listings/lab-b.json"}]) == []
    card = next(c for c in department.cards() if "Imaging" in c.get_text())
    # Relative to nothing: the posting URL in the listing is absolute (site_url).
    assert card.select_one(".postings-card-title a")["href"] == (
        LAB_B_URL + "openings/imaging-postdoc/"
    )
    assert card.select_one(".postings-card-source").get_text() == "Lab B"


def test_a_missing_local_listing_is_one_warning(department: Department):
    warnings = department.build(sources=["listings/nowhere.json"])
    assert warnings == [
        "listings/nowhere.json: sources: no such file; skipped (no good cached copy); check the "
        "path (relative to the config file)"
    ]


# --------------------------------------------------------------------------- hostile input

XSS = "</script><script>alert(1)</script>\"'><img src=x onerror=alert(1)>"


def _hostile_record(**overrides: object) -> dict:
    record = {
        "src": XSS,
        "url": "https://evil.example.org/openings/x/",
        "title": f"Hostile {XSS}",
        "type": "phd",
        "status": "open",
        "deadline": "2027-01-31T22:59:00Z",
        "deadline_local": "2027-01-31T23:59:00+01:00",
        "rolling": False,
        "posted": "2026-11-01",
        "tags": [XSS, "]]></category><evil/>"],
        "categories": [XSS],
        "summary": f"Summary {XSS} ]]> <!-- &amp; \x00",
        "location": {"locality": XSS, "country": XSS},
        "remote": None,
        "start": XSS,
        "duration": XSS,
        "positions": 1,
        "employment_type": ["FULL_TIME"],
        "reference": XSS,
        "apply": 'https://evil.example.org/apply?"onmouseover="alert(1)',
        "salary": {
            "currency": None,
            "min": None,
            "max": None,
            "value": None,
            "unit": None,
            "text": XSS,
        },
    }
    record.update(overrides)
    return record


def test_a_source_postings_several_kinds_are_read_and_an_older_listings_type_alone(
    department: Department, server: Server
):
    listing = {
        "version": 1,
        "site": {"name": "Lab C", "url": "https://c.example.org/"},
        "postings": [
            _hostile_record(
                url="https://c.example.org/two/", title="Two", types=["postdoc", "phd"]
            ),
            _hostile_record(url="https://c.example.org/old/", title="Old", type="internship"),
            _hostile_record(url="https://c.example.org/bad/", title="Bad", types=["phd", "wizard"]),
        ],
    }
    server.routes["/c.json"] = lambda h: send(h, json.dumps(listing).encode())
    warnings = department.build(sources=[server.url("/c.json")])
    assert [w.split(": ")[1] for w in warnings] == ["postings[2].type"]
    kinds = {
        card.select_one(".postings-card-title").get_text(strip=True): card["data-type"]
        for card in department.cards()
    }
    assert (kinds["Two"], kinds["Old"]) == ("postdoc phd", "internship")


def test_hostile_strings_in_every_field_do_not_break_out(department: Department, server: Server):
    listing = {
        "version": 1,
        "site": {"name": XSS, "url": "javascript:alert(1)//"},
        "postings": [
            _hostile_record(),
            _hostile_record(url="javascript:alert(1)", title="Script link"),
            _hostile_record(url="https://evil.example.org/y/", apply="javascript:alert(1)"),
            _hostile_record(url="data:text/html,<b>x</b>", title="Data link"),
            _hostile_record(url="https://evil.example.org/z/", type="<b>wizard</b>"),
            "not an object",
            _hostile_record(url="https://evil.example.org/d/", deadline_local="</script>"),
            _hostile_record(
                url="https://evil.example.org/o/", deadline_local="9999-12-31T23:59:00-12:00"
            ),
        ],
    }
    server.routes["/evil.json"] = lambda h: send(h, json.dumps(listing).encode())
    warnings = department.build(sources=[server.url("/evil.json")])
    # One posting gets through; each other one is one warning naming the source and field.
    evil = server.url("/evil.json")
    assert [w.split(": ")[1] for w in warnings] == [
        "postings[1].url",
        "postings[2].apply",
        "postings[3].url",
        "postings[4].type",
        "postings[5]",
        "postings[6].deadline",
        "postings[7].deadline",
    ]
    assert all(w.startswith(f"{evil}: ") and "left out" in w for w in warnings)
    out = department.site.out
    for html_file in out.rglob("*.html"):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            assert tag.name != "img" or "onerror" not in tag.attrs, html_file
            for name, value in tag.attrs.items():
                assert not name.startswith("on"), (html_file, tag)
                values = value if isinstance(value, list) else [value]
                assert not any(str(v).strip().lower().startswith("javascript:") for v in values)
        for script in soup.find_all("script"):
            assert "alert(1)" not in (script.string or ""), html_file
    (card,) = [c for c in department.cards() if "Hostile" in c.get_text()]
    # The title is what the model makes of any title (plain text), shown as text.
    title = plain_text(f"Hostile {XSS}")
    assert card.select_one(".postings-card-title").get_text(strip=True) == title
    assert not card.select("script, img")
    assert (
        card.select_one(".postings-card-title a")["href"] == "https://evil.example.org/openings/x/"
    )
    assert card.select_one("a.postings-apply")["href"] == (
        'https://evil.example.org/apply?"onmouseover="alert(1)'
    )
    # The source's name came from the listing: text, not markup.
    assert card.select_one(".postings-card-source").get_text() == XSS
    feed = (out / "openings/feed.xml").read_bytes()
    parsed = feedparser.parse(feed)
    assert not parsed.bozo
    (entry,) = [e for e in parsed.entries if "Hostile" in e.title]
    assert entry.title == title
    assert b"<evil/>" not in feed and b"<script>" not in feed
    icalendar.Calendar.from_ical((out / "openings/deadlines.ics").read_bytes())


# --------------------------------------------------------------------------- the core alone


def test_canonical_urls_recognise_the_same_page():
    assert canonical("HTTPS://Lab.Example.org/openings/x/index.html#apply") == (
        "https://lab.example.org/openings/x/"
    )
    assert canonical("https://lab.example.org/a/") != canonical("https://lab.example.org/b/")


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        (42, "is not a source"),
        ({"url": ""}, "needs a url"),
        ({"url": "ftp://x.org/postings.json"}, "http(s) URL or a local path"),
        ({"url": "https:///postings.json"}, "has no host"),
        ({"url": "https://x.org/p.json", "colour": "red"}, "unknown key 'colour'"),
        ({"url": "https://x.org/p.json", "tags": "NLP"}, "tags must be a list"),
        ({"url": "https://x.org/p.json", "name": 3}, "name must be text"),
    ],
)
def test_bad_source_entries_say_what_to_write(entry, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
        source_from_config(entry, Path("."))


def test_bad_source_options_are_config_errors(tmp_path: Path):
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir()
    config = {
        "site_name": "X",
        "plugins": [{"postings": {"sources": [{"url": "ftp://x.org/p.json"}]}}],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config))
    with pytest.raises(Abort):
        load_config(str(tmp_path / "mkdocs.yml"))
    config["plugins"] = [{"postings": {"source_timeout": 0}}]
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config))
    with pytest.raises(Abort):
        load_config(str(tmp_path / "mkdocs.yml"))


def test_gather_uses_the_clock_it_is_given_for_the_cache(tmp_path: Path, labs: Labs):
    listing = tmp_path / "a.json"
    listing.write_bytes(labs.a_listing)
    options = FetchOptions(cache_dir=tmp_path / "cache")
    source = Source("a.json", path=listing)
    first = gather([source], options, now=PINNED, defaults=Defaults())
    assert first.problems == [] and len(first.postings) == 2
    listing.write_text("{broken")
    later = gather([source], options, now=PINNED + timedelta(days=2), defaults=Defaults())
    assert [str(p) for p in later.problems] == [
        "a.json: sources: is not valid JSON (Expecting property name enclosed in double quotes: "
        "line 1 column 2 (char 1)); using the copy cached 2 days ago; check that it is the "
        "address of a postings.json and that it is complete"
    ]
    assert len(later.postings) == 2


# --------------------------------------------------------------------------- the example


def test_the_example_department_builds_offline_from_its_local_listings(
    tmp_path: Path, pinned_clock, caplog: pytest.LogCaptureFixture
):
    root = tmp_path / "example"
    shutil.copytree(EXAMPLE_SITE, root, ignore=shutil.ignore_patterns("site", ".cache"))
    config = yaml.safe_load((root / "department/mkdocs.yml").read_text())
    site = Site(root / "department", config)
    with caplog.at_level(logging.WARNING):
        site.build(strict=True)
    page = site.page("openings/")
    sources = {c["data-source"] for c in page.select(".postings-card")}
    assert sources == {"medical-informatics", "biomedical-imaging-lab"}
    chips = page.select('.postings-filter-group[data-filter="source"] .postings-chip')
    assert [c.get_text() for c in chips] == ["All", "Biomedical Imaging Lab", "Medical Informatics"]
    home = site.page("")
    assert home.select(".postings-card") and home.select_one("pre code")  # cards, then config
    assert "imaging" in {p.name for p in (site.out / "openings/tags").iterdir()}


# --------------------------------------------------------------------------- command line


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("mkdocs-postings")
    env = {**os.environ, "SOURCE_DATE_EPOCH": PINNED_EPOCH, "NO_COLOR": "1"}
    return subprocess.run(
        [str(script), *args], cwd=root, capture_output=True, text=True, env=env, timeout=120
    )


def test_list_and_check_show_remote_postings_and_source_problems(
    department: Department, server: Server
):
    department.site.config["plugins"][1]["postings"]["sources"] = [
        server.url("/a.json"),
        server.url("/gone.json"),
    ]
    department.site.write_config()
    listed = _cli(department.site.root, "list", "--status", "all", "--format", "json")
    rows = {row["title"]: row for row in json.loads(listed.stdout)}
    assert rows["PhD in Clinical NLP"]["file"] == LAB_A_URL + "openings/phd-nlp/"
    assert rows["Postdoc in Genomics"]["status"] == "closed"
    assert "Assistant Professor in Data Science" in rows
    checked = _cli(department.site.root, "check")
    out = checked.stdout + checked.stderr
    assert f"{server.url('/gone.json')}: sources: HTTP 404 Not Found; skipped" in out
    assert "phd-nlp" in out


# --------------------------------------------------------------------------- Sphinx


def test_sphinx_gathers_the_same_sources(tmp_path: Path, server: Server):
    from test_sphinx import SphinxSite, _conf

    site = SphinxSite(
        tmp_path / "src",
        _conf(project="Department", html_baseurl="https://informatics.example.org/"),
    )
    src = site.src
    site.write("index.md", "# Department\n\n```{postings}\n```\n")
    site.write(
        "openings/faculty.md",
        "---\ntitle: Assistant Professor\nposting:\n  type: faculty\n  rolling: true\n"
        "  apply: https://informatics.example.org/apply\n---\nText.\n",
    )

    def build(sources: list[str]) -> subprocess.CompletedProcess[str]:
        site.conf["postings_sources"] = sources
        return site.build("-E")  # -W: a source's warning fails the build

    result = build([server.url("/a.json"), server.url("/b.json")])
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((tmp_path / "out/openings/index.html").read_text(), "html.parser")
    hrefs = {a["href"] for a in page.select(".postings-card-title a")}
    assert LAB_A_URL + "openings/phd-nlp/" in hrefs
    assert LAB_B_URL + "openings/imaging-postdoc/" in hrefs
    chips = page.select('.postings-filter-group[data-filter="source"] .postings-chip')
    assert [c.get_text() for c in chips] == ["All", "Department", "Lab A", "Lab B"]
    assert (src / ".cache/postings").is_dir()  # next to conf.py, never in the output
    failed = build([server.url("/gone.json")])
    assert failed.returncode != 0
    lines = [line for line in failed.stderr.splitlines() if "gone.json" in line]
    assert len(lines) == 1 and "HTTP 404 Not Found; skipped (no good cached copy)" in lines[0]


def test_relative_posting_urls_resolve_against_the_site_root(
    department: Department, server: Server, labs: Labs
):
    data = json.loads(labs.b_listing)
    data["postings"][0]["url"] = "openings/imaging-postdoc/"
    server.routes["/relative.json"] = lambda h: send(h, json.dumps(data).encode())
    department.build(strict=True, sources=[server.url("/relative.json")])
    card = next(c for c in department.cards() if "Imaging" in c.get_text())
    assert card.select_one(".postings-card-title a")["href"] == (
        LAB_B_URL + "openings/imaging-postdoc/"
    )


def test_relative_posting_urls_without_a_site_url_are_one_warning(
    department: Department, server: Server, labs: Labs
):
    data = json.loads(labs.a_listing)
    data["site"]["url"] = None
    for record in data["postings"]:
        record["url"] = "openings/" + record["src"].rsplit("/", 1)[1].replace(".md", "/")
    server.routes["/rootless.json"] = lambda h: send(h, json.dumps(data).encode())
    warnings = department.build(sources=[server.url("/rootless.json")])
    assert warnings == [
        f"{server.url('/rootless.json')}: sources: 2 posting URL(s) are relative and the "
        "listing has no site.url; those postings are left out (that site must set site_url)"
    ]


# --------------------------------------------------------------------------- in a browser

CHROMIUM = Path("/usr/bin/chromium")


def test_a_source_chip_filters_the_cards_and_axe_passes_in_a_real_browser(
    tmp_path: Path, pinned_clock, caplog: pytest.LogCaptureFixture
):
    if not CHROMIUM.exists():
        if os.environ.get("POSTINGS_REQUIRE_BROWSER") == "1":
            pytest.fail("browser tests required but /usr/bin/chromium is missing")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from functools import partial
    from http.server import SimpleHTTPRequestHandler

    from playwright.sync_api import sync_playwright
    from test_browser import axe_violations

    root = tmp_path / "example"
    shutil.copytree(EXAMPLE_SITE, root, ignore=shutil.ignore_patterns("site", ".cache"))
    site = Site(root / "department", yaml.safe_load((root / "department/mkdocs.yml").read_text()))
    site.build(strict=True)

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            return None

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site.out)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/openings/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
            )
            page = browser.new_page()
            page.clock.install(time=PINNED)
            page.goto(url)
            # the cards with their source names pass axe as the lab's own cards do
            assert axe_violations(page) == []
            visible = ".postings-cards--open .postings-card:not([hidden])"
            everything = page.locator(visible).count()
            page.click('[data-filter="source"] .postings-chip[data-value="biomedical-imaging-lab"]')
            assert "source=biomedical-imaging-lab" in page.url
            sources = page.eval_on_selector_all(
                visible, "cards => cards.map(c => c.getAttribute('data-source'))"
            )
            assert sources and set(sources) == {"biomedical-imaging-lab"}
            assert len(sources) < everything
            page.go_back()
            assert page.locator(visible).count() == everything
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()


# --------------------------------------------------------------------------- mkdocs serve


def test_mkdocs_serve_does_not_refetch_on_every_rebuild(
    department: Department, server: Server, tmp_path: Path
):
    from test_serve import Server as Serve

    department.site.config["plugins"][1]["postings"]["sources"] = [server.url("/a.json")]
    serve = Serve(department.site, tmp_path / "serve.log")
    try:
        serve.wait_for(
            "the first build", lambda: "PhD in Clinical NLP" in serve.get("openings/")[1]
        )
        for number in range(2):  # two live rebuilds, each seen over HTTP
            department.site.write("index.md", f"# Department {number}\n\n<!-- postings -->\n")
            serve.wait_for(
                f"rebuild {number}", lambda n=number: f"Department {n}" in serve.get("")[1]
            )
        assert "PhD in Clinical NLP" in serve.get("openings/")[1]
    finally:
        serve.stop()
    assert len(server.hits("/a.json")) == 1


def test_a_damaged_cache_is_one_warning(department: Department, server: Server):
    department.build(sources=[server.url("/a.json")])
    (body,) = [
        p
        for p in (department.site.root / ".cache/postings").glob("*.json")
        if not p.name.endswith(".meta.json")
    ]
    body.write_text("{damaged")
    warnings = department.build()
    assert warnings == [
        f"{server.url('/a.json')}: sources: the cached copy cannot be read; skipped (no good "
        "cached copy); delete the cache folder and build again"
    ]


def test_the_example_sites_board_page_shows_the_departments_sources():
    """example_site/docs/department.md quotes the department's configuration as it is."""
    import re

    import yaml
    from conftest import EXAMPLE_SITE

    page = (EXAMPLE_SITE / "docs" / "department.md").read_text(encoding="utf-8")
    shown = yaml.safe_load(re.search(r"```yaml\n(.*?)```", page, re.DOTALL).group(1))
    config = (EXAMPLE_SITE / "department" / "mkdocs.yml").read_text(encoding="utf-8")
    actual = yaml.safe_load(config)

    def sources(plugins: list) -> list:
        return next(p["postings"]["sources"] for p in plugins if isinstance(p, dict))

    assert sources(shown["plugins"]) == sources(actual["plugins"])


def test_other_sites_postings_age_by_the_same_rule(department: Department, server: Server):
    """A source's posting with no deadline, posted long ago, is past on this board too; one
    posted recently stays open and carries when it ages out."""

    def record(url: str, title: str, posted: str) -> dict:
        return {"url": url, "title": title, "type": "phd", "posted": posted, "rolling": False}

    listing = {
        "version": 1,
        "site": {"name": "Old Lab", "url": "https://old.example.org/"},
        "postings": [
            record("https://old.example.org/2017/", "From 2017", "2017-08-01"),
            record("https://old.example.org/new/", "Recent", "2026-11-01"),
            {
                **record("https://old.example.org/kept/", "Kept open", "2020-01-01"),
                "rolling": True,
                "reviewed": "2026-11-15",
            },
        ],
    }
    server.routes["/old.json"] = lambda h: send(h, json.dumps(listing).encode())
    assert department.build(sources=[server.url("/old.json")]) == []
    cards = {
        card.select_one(".postings-card-title").get_text(strip=True): card
        for card in department.cards()
    }
    assert cards["From 2017"]["data-status"] == "closed"
    assert cards["Recent"]["data-status"] == "open"
    assert cards["Recent"]["data-ages-out"] == "2027-05-03T23:59:59Z"
    assert cards["Kept open"]["data-status"] == "open"  # reviewed by its lab last month
