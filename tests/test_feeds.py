"""Atom feed, iCalendar deadlines and JSON listing: parseable, stable, and safe for any text."""

from __future__ import annotations

import json
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import feedparser
import pytest
from conftest import PINNED, ZURICH_DEFAULTS, Site, tree_digest
from hooks import assert_calendar, assert_feed, assert_json_listing, json_ld
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar, Event

from mkdocs_postings.model import Posting
from mkdocs_postings.publishing.feeds import (
    FeedEntry,
    PostingRecord,
    _ics_text,
    atom_feed,
    entry_uuid,
    ics_calendar,
    postings_json,
)
from mkdocs_postings.reading.validate import posting_from_meta

NOW = PINNED
DEFAULTS = ZURICH_DEFAULTS
SITE = "https://lab.example.org/"
ATOM = "{http://www.w3.org/2005/Atom}"
FEED_OPTIONS = {
    "feed_url": f"{SITE}openings/feed.xml",
    "site_url": f"{SITE}openings/",
    "title": "Openings – Medical Informatics",
    "feed_id": f"{SITE}openings/feed.xml",
    "author": "University of Zurich",
}
ICS_OPTIONS = {"prodid": "-//mkdocs-postings//Openings//EN", "calendar_name": "Lab deadlines"}


def make(slug: str, fields: dict[str, Any] | None = None, **top: Any) -> Posting:
    meta: dict[str, Any] = {"title": slug.replace("-", " ").title(), **top}
    meta["posting"] = {"deadline": "2027-01-31", **(fields or {})}
    posting, _ = posting_from_meta(meta, src=f"openings/{slug}.md", defaults=DEFAULTS)
    return posting


def entry(posting: Posting, summary: str | None = None) -> FeedEntry:
    return FeedEntry(posting, f"{SITE}{posting.src.removesuffix('.md')}/", summary)


PHD = make(
    "phd-nlp", {"type": "phd"}, date="2026-11-01", tags=["NLP", "C++"], summary="A PhD in NLP."
)
POSTDOC = make("postdoc-ml", {"deadline": "2027-03-15 12:00"}, date="2026-11-20", tags=["ML"])
UNDATED = make("engineer", {"timezone": "America/New_York"})
ROLLING = make("assistant", {"rolling": True}, date="2026-10-05")
FILLED = make("filled-job", {"status": "filled"}, date="2026-09-01")
CANCELLED = make("cancelled-job", {"status": "cancelled"}, date="2026-09-02")
PAST = make("old-postdoc", {"deadline": "2026-10-31"}, date="2026-09-15")
CLOSED_BY_HAND = make("closed-job", {"status": "closed", "deadline": "2027-02-01"})

OPEN = [PHD, POSTDOC, UNDATED, ROLLING]
EVERY = [*OPEN, FILLED, CANCELLED, PAST, CLOSED_BY_HAND]


def parse_atom(text: str) -> Any:
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


# --------------------------------------------------------------------------- Atom


def test_atom_parses_without_complaint() -> None:
    feed = parse_atom(atom_feed([entry(p) for p in OPEN], **FEED_OPTIONS))
    assert feed.version == "atom10"
    assert feed.feed.title == FEED_OPTIONS["title"]
    assert feed.feed.id == FEED_OPTIONS["feed_id"]
    assert feed.feed.author == "University of Zurich"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": FEED_OPTIONS["feed_url"], "alternate": FEED_OPTIONS["site_url"]}
    assert len(feed.entries) == len(OPEN)


def test_atom_has_every_element_rfc_4287_requires() -> None:
    root = ET.fromstring(atom_feed([entry(p) for p in OPEN], **FEED_OPTIONS))
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, name
    for item in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "link"):
            assert item.find(f"{ATOM}{name}") is not None, name


def test_atom_dates_come_from_the_postings() -> None:
    feed = parse_atom(atom_feed([entry(p) for p in OPEN], **FEED_OPTIONS))
    assert feed.feed.updated == "2026-11-20T00:00:00Z"
    by_title = {e.title: e for e in feed.entries}
    assert by_title["Phd Nlp"].updated == "2026-11-01T00:00:00Z"
    assert by_title["Phd Nlp"].published == "2026-11-01T00:00:00Z"
    assert by_title["Engineer"].updated == "1970-01-01T00:00:00Z"
    assert "published" not in by_title["Engineer"]


def test_atom_without_any_date_uses_the_fixed_epoch() -> None:
    feed = parse_atom(atom_feed([entry(UNDATED)], **FEED_OPTIONS))
    assert feed.feed.updated == "1970-01-01T00:00:00Z"
    empty = parse_atom(atom_feed([], **FEED_OPTIONS))
    assert empty.feed.updated == "1970-01-01T00:00:00Z"
    assert empty.entries == []


def test_atom_newest_first() -> None:
    feed = parse_atom(atom_feed([entry(p) for p in OPEN], **FEED_OPTIONS))
    assert [e.title for e in feed.entries] == ["Postdoc Ml", "Phd Nlp", "Assistant", "Engineer"]


def test_atom_entries_link_summarise_and_categorise() -> None:
    feed = parse_atom(atom_feed([entry(PHD), entry(POSTDOC, "Given summary.")], **FEED_OPTIONS))
    by_title = {e.title: e for e in feed.entries}
    phd = by_title["Phd Nlp"]
    assert phd.link == f"{SITE}openings/phd-nlp/"
    assert phd.summary == "A PhD in NLP."
    assert [tag.term for tag in phd.tags] == ["NLP", "C++"]
    assert by_title["Postdoc Ml"].summary == "Given summary."


def test_atom_entry_ids_are_stable_and_derived_from_the_url() -> None:
    entries = [entry(p) for p in OPEN]
    first = atom_feed(entries, **FEED_OPTIONS)
    second = atom_feed(list(reversed(entries)), **FEED_OPTIONS)
    assert first == second
    ids = [e.id for e in parse_atom(first).entries]
    assert len(set(ids)) == len(ids)
    for posting_entry in entries:
        expected = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, posting_entry.url)}"
        assert expected in ids
    # A changed posting keeps its entry id; only its content changes.
    edited = [replace(e, posting=replace(e.posting, title=e.posting.title + "!")) for e in entries]
    assert sorted(e.id for e in parse_atom(atom_feed(edited, **FEED_OPTIONS)).entries) == sorted(
        ids
    )


HOSTILE = '</script><!--<script>alert("x")</script> & ]]> \u2028 "quoted" \'single\' <b>'


def test_atom_escapes_hostile_strings() -> None:
    posting = replace(PHD, title=f"PhD {HOSTILE}", tags=(HOSTILE, "NLP"))
    text = atom_feed(
        [entry(posting, f"Summary {HOSTILE}")],
        **{**FEED_OPTIONS, "title": f"Feed {HOSTILE}", "author": f"Uni {HOSTILE}"},
    )
    root = ET.fromstring(text)
    item = root.find(f"{ATOM}entry")
    assert item is not None
    assert item.findtext(f"{ATOM}title") == f"PhD {HOSTILE}"
    assert item.findtext(f"{ATOM}summary") == f"Summary {HOSTILE}"
    assert [c.get("term") for c in item.findall(f"{ATOM}category")] == [HOSTILE, "NLP"]
    assert root.findtext(f"{ATOM}author/{ATOM}name") == f"Uni {HOSTILE}"
    feed = parse_atom(text)
    assert feed.entries[0].tags[0].term == HOSTILE
    assert len(feed.entries) == 1


def test_atom_drops_characters_xml_cannot_carry() -> None:
    posting = replace(PHD, title="PhD\x00 in \x07NLP\ufffe")
    text = atom_feed([entry(posting, "bell\x07")], **FEED_OPTIONS)
    item = ET.fromstring(text).find(f"{ATOM}entry")
    assert item is not None
    assert item.findtext(f"{ATOM}title") == "PhD in NLP"
    assert item.findtext(f"{ATOM}summary") == "bell"
    parse_atom(text)


# --------------------------------------------------------------------------- iCalendar


ODD_TEXTS = [
    "A PhD in NLP.",
    HOSTILE,
    'Tabs\tand\nlines\r\n & "quotes" <tags> \x01\x0b\ufffe gone',
    "\x01",
]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_atom_gives_back_every_text_xml_can_carry(text: str) -> None:
    posting = replace(PHD, title=f"PhD {text}", tags=(text, "NLP"))
    feed = atom_feed([entry(posting, text)], **{**FEED_OPTIONS, "author": text})
    root = ET.fromstring(feed)
    kept = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe]", "", text)
    # An XML reader reads a line break in element text as "\n"; attributes keep it escaped.
    as_read = kept.replace("\r\n", "\n").replace("\r", "\n")
    item = root.find(f"{ATOM}entry")
    assert item is not None
    assert item.findtext(f"{ATOM}title") == f"PhD {as_read}"
    assert item.findtext(f"{ATOM}summary") == as_read
    assert [c.get("term") for c in item.findall(f"{ATOM}category")] == [kept, "NLP"]
    assert root.findtext(f"{ATOM}author/{ATOM}name") == as_read


def events(data: bytes) -> list[Any]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_ics_has_one_event_per_deadline_not_filled_or_cancelled() -> None:
    found = events(ics_calendar([entry(p) for p in EVERY], **ICS_OPTIONS))
    expected = [PHD, UNDATED, CLOSED_BY_HAND, POSTDOC, PAST]
    assert len(found) == len(expected)
    assert {str(e["summary"]) for e in found} == {f"Deadline: {p.title}" for p in expected}


def test_ics_events_are_sorted_by_deadline_then_title() -> None:
    found = events(ics_calendar([entry(p) for p in EVERY], **ICS_OPTIONS))
    starts = [e["dtstart"].dt for e in found]
    assert starts == sorted(starts)
    # PHD (Zurich) and UNDATED (New York) share a date but not an instant.
    assert [str(e["summary"]) for e in found] == [
        "Deadline: Old Postdoc",
        "Deadline: Phd Nlp",
        "Deadline: Engineer",
        "Deadline: Closed Job",
        "Deadline: Postdoc Ml",
    ]


def test_ics_times_are_utc() -> None:
    data = ics_calendar([entry(PHD), entry(UNDATED)], **ICS_OPTIONS)
    by_summary = {str(e["summary"]): e for e in events(data)}
    phd = by_summary["Deadline: Phd Nlp"]["dtstart"].dt
    assert phd.utcoffset() == timedelta(0)
    assert phd == datetime(2027, 1, 31, 22, 59, tzinfo=UTC)
    engineer = by_summary["Deadline: Engineer"]["dtstart"].dt
    assert engineer == datetime(2027, 2, 1, 4, 59, tzinfo=UTC)
    lines = data.decode().split("\r\n")
    for line in lines:
        if line.startswith(("DTSTART", "DTSTAMP")):
            assert re.fullmatch(r"(DTSTART|DTSTAMP):\d{8}T\d{6}Z", line), line


def test_ics_dtstamp_comes_from_the_posting() -> None:
    by_summary = {
        str(e["summary"]): e
        for e in events(ics_calendar([entry(PHD), entry(UNDATED)], **ICS_OPTIONS))
    }
    assert by_summary["Deadline: Phd Nlp"]["dtstamp"].dt == datetime(2026, 11, 1, tzinfo=UTC)
    # Without a posted date the deadline itself is the last revision anyone can name.
    assert by_summary["Deadline: Engineer"]["dtstamp"].dt == datetime(2027, 2, 1, 4, 59, tzinfo=UTC)


def test_ics_uids_are_stable_and_unique() -> None:
    entries = [entry(p) for p in EVERY]
    found = events(ics_calendar(entries, **ICS_OPTIONS))
    uids = [str(e["uid"]) for e in found]
    assert len(set(uids)) == len(uids)
    assert f"{entry_uuid(entry(PHD).url)}@mkdocs-postings" in uids
    edited = [replace(e, posting=replace(e.posting, title="Renamed")) for e in entries]
    assert sorted(str(e["uid"]) for e in events(ics_calendar(edited, **ICS_OPTIONS))) == sorted(
        uids
    )


def test_ics_is_byte_identical_across_calls_and_input_orders() -> None:
    entries = [entry(p) for p in EVERY]
    first = ics_calendar(entries, **ICS_OPTIONS)
    assert first == ics_calendar(entries, **ICS_OPTIONS)
    assert first == ics_calendar(list(reversed(entries)), **ICS_OPTIONS)


def test_ics_calendar_properties() -> None:
    calendar = Calendar.from_ical(ics_calendar([entry(PHD)], **ICS_OPTIONS))
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"]) == ICS_OPTIONS["prodid"]
    assert str(calendar["x-wr-calname"]) == "Lab deadlines"
    event = events(ics_calendar([entry(PHD)], **ICS_OPTIONS))[0]
    assert str(event["url"]) == f"{SITE}openings/phd-nlp/"
    assert str(event["description"]) == "A PhD in NLP."


def test_ics_folds_long_lines_and_escapes_text() -> None:
    title = "Doktorandenstelle für Künstliche Intelligenz; Daten, Ethik \\ Recht " * 4
    posting = replace(PHD, title=title.strip())
    summary = f"Line one\nLine two, with; separators {HOSTILE}\x07"
    data = ics_calendar([entry(posting, summary)], **ICS_OPTIONS)
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # long lines really were folded
    assert b"\n" not in data.replace(b"\r\n", b"")
    event = events(data)[0]
    assert str(event["summary"]) == f"Deadline: {title.strip()}"
    assert str(event["description"]) == summary.removesuffix("\x07")


def icalendar_reference(entries: list[FeedEntry], *, prodid: str, calendar_name: str) -> bytes:
    """The deadline calendar as icalendar's own component tree writes it: what
    ``ics_calendar`` must match byte for byte (it only skips building the tree)."""
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", _ics_text(calendar_name))
    calendar.add("x-wr-calname", _ics_text(calendar_name))
    dated = [
        (e, e.posting.deadline)
        for e in entries
        if e.posting.deadline and e.posting.declared_status.value not in ("filled", "cancelled")
    ]
    dated.sort(key=lambda pair: (pair[1], pair[0].posting.title.casefold(), pair[0].url))
    for e, deadline in dated:
        event = Event()
        event.add("uid", f"{entry_uuid(e.url)}@mkdocs-postings")
        posted = e.posting.posted
        stamp = datetime(posted.year, posted.month, posted.day, tzinfo=UTC) if posted else None
        event.add("dtstamp", stamp or deadline.astimezone(UTC))
        event.add("dtstart", deadline.astimezone(UTC))
        event.add("summary", _ics_text(f"Deadline: {e.posting.title}"))
        event.add("url", e.url)
        if e.text:
            event.add("description", _ics_text(e.text))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()


FOLD_EDGES = [
    "x" * n + tail
    for n in (60, 61, 62, 63, 64, 65, 66, 130, 131, 132)
    for tail in ("", ",", ";", "\\", "^", "\n", "é", "€", "𝄞", ", é")
]


@pytest.mark.parametrize("summary", [None, "A PhD in NLP.", HOSTILE, *FOLD_EDGES])
def test_ics_is_what_icalendar_writes(summary: str | None) -> None:
    # Titles and summaries around the 75-octet fold: escapes (\, \; \\ \n), a caret and
    # multi-byte characters right at the cut.
    postings = [replace(p, title=p.title + (summary or "")[:80]) for p in EVERY]
    entries = [entry(p, summary) for p in postings]
    assert ics_calendar(entries, **ICS_OPTIONS) == icalendar_reference(entries, **ICS_OPTIONS)


def test_ics_date_times_are_what_icalendar_writes() -> None:
    from datetime import timezone

    from icalendar import vDatetime

    from mkdocs_postings.publishing.feeds import _utc

    plus_two = timezone(timedelta(hours=2))
    for moment in [
        datetime(2027, 1, 31, 23, 59, tzinfo=plus_two),
        datetime(999, 3, 4, 5, 6, 7, tzinfo=UTC),
        datetime(5, 1, 1, 1, 0, tzinfo=plus_two),
        datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC),
    ]:
        assert _utc(moment) == vDatetime(moment.astimezone(UTC)).to_ical().decode()


TEXT_EDGES = [
    "plain",
    "a\\b; c, d",
    "line\nbreak\r\nand\rreturn",
    "written \\N and \\n",
    "\\\\;;,,",
    "ends with \\",
    "Universität Zürich, Département d’informatique; 𝄞 ^",
]


@pytest.mark.parametrize("text", TEXT_EDGES)
def test_ics_text_is_escaped_as_icalendar_escapes_it(text: str) -> None:
    from icalendar import vText

    from mkdocs_postings.publishing.feeds import _vtext

    assert _vtext(text) == vText(text).to_ical().decode()


@given(st.text(alphabet=st.sampled_from("ab\\^;,é€𝄞 "), max_size=200))
def test_ics_lines_are_folded_as_icalendar_folds_them(text: str) -> None:
    from icalendar.parser import Contentline

    from mkdocs_postings.publishing.feeds import _folded

    line = "DESCRIPTION:" + text
    assert _folded(line) == Contentline(line).to_ical()


def test_ics_without_deadlines_is_an_empty_calendar() -> None:
    data = ics_calendar([entry(ROLLING), entry(FILLED)], **ICS_OPTIONS)
    assert events(data) == []
    assert Calendar.from_ical(data).name == "VCALENDAR"


# --------------------------------------------------------------------------- JSON


def records(postings: list[Posting]) -> list[PostingRecord]:
    return [
        PostingRecord(p, entry(p).url, p.status_at(NOW, closing_soon_days=14)) for p in postings
    ]


def test_json_without_postings_is_an_empty_list() -> None:
    assert json.loads(postings_json([])) == {
        "version": 1,
        "site": {"name": None, "url": None},
        "postings": [],
    }


def test_json_names_its_version_and_site() -> None:
    data = json.loads(postings_json([], site_name="Lab", site_url="https://lab.example.org/"))
    assert data["version"] == 1
    assert data["site"] == {"name": "Lab", "url": "https://lab.example.org/"}


def test_json_lists_every_posting_sorted_by_source() -> None:
    data = json.loads(postings_json(records(EVERY)))
    srcs = [item["src"] for item in data["postings"]]
    assert srcs == sorted(p.src for p in EVERY)
    statuses = {item["src"]: item["status"] for item in data["postings"]}
    assert statuses == {
        "openings/phd-nlp.md": "open",
        "openings/postdoc-ml.md": "open",
        "openings/engineer.md": "open",
        "openings/assistant.md": "open",
        "openings/filled-job.md": "filled",
        "openings/cancelled-job.md": "cancelled",
        "openings/old-postdoc.md": "closed",
        "openings/closed-job.md": "closed",
    }


def test_json_is_stable_and_keys_sorted() -> None:
    text = postings_json(records(EVERY))
    assert text == postings_json(list(reversed(records(EVERY))))
    assert text.endswith("}\n")
    data = json.loads(text)
    # One posting per line, keys sorted: a diff between two builds names what changed.
    lines = text.splitlines()
    head = '{"version": 1, "site": {"name": null, "url": null}, "postings": ['
    assert lines[0] == head and lines[-1] == "]}"
    assert [json.loads(line.rstrip(",")) for line in lines[1:-1]] == data["postings"]
    for line, item in zip(lines[1:-1], data["postings"], strict=True):
        assert line.rstrip(",") == json.dumps(item, ensure_ascii=False, sort_keys=True)
    keys = {tuple(item) for item in data["postings"]}
    assert len(keys) == 1  # every record has the same keys, unknown ones null


def test_json_record_of_several_kinds_keeps_type_the_first_and_lists_types() -> None:
    posting = make("two-kinds", {"type": ["postdoc", "phd"]})
    (item,) = json.loads(postings_json(records([posting])))["postings"]
    assert (item["type"], item["types"]) == ("postdoc", ["postdoc", "phd"])


def test_json_record_fields() -> None:
    posting = make(
        "full",
        {
            "type": "postdoc",
            "start": "2027-04-01",
            "duration": "2 years",
            "positions": 2,
            "remote": "hybrid",
            "salary": {"currency": "CHF", "min": 80000, "max": 90000, "unit": "YEAR"},
            "reference": "MI-2027-03",
            "apply": "jobs@example.org",
        },
        date="2026-11-01",
        tags=["NLP"],
        categories=["Data Science"],
        summary="Short.",
    )
    (item,) = json.loads(postings_json(records([posting])))["postings"]
    assert item == {
        "src": "openings/full.md",
        "url": f"{SITE}openings/full/",
        "title": "Full",
        "type": "postdoc",
        "types": ["postdoc"],
        "status": "open",
        "deadline": "2027-01-31T22:59:00Z",
        "deadline_local": "2027-01-31T23:59:00+01:00",
        "rolling": False,
        "posted": "2026-11-01",
        "reviewed": None,
        "tags": ["NLP"],
        "categories": ["Data Science"],
        "summary": "Short.",
        "location": {
            "locality": "Zurich",
            "region": None,
            "country": "CH",
            "postal_code": None,
            "street_address": None,
        },
        "remote": "hybrid",
        "start": "2027-04-01",
        "duration": "2 years",
        "positions": 2,
        "employment_type": ["FULL_TIME", "TEMPORARY"],
        "reference": "MI-2027-03",
        "apply": "mailto:jobs@example.org?subject=Application%3A%20MI-2027-03",
        "salary": {
            "currency": "CHF",
            "min": 80000,
            "max": 90000,
            "value": None,
            "unit": "YEAR",
            "text": None,
        },
    }


@pytest.mark.parametrize(
    ("posting", "deadline", "local"),
    [
        (ROLLING, None, None),
        (UNDATED, "2027-02-01T04:59:00Z", "2027-01-31T23:59:00-05:00"),
        (POSTDOC, "2027-03-15T11:00:00Z", "2027-03-15T12:00:00+01:00"),
    ],
)
def test_json_deadlines(posting: Posting, deadline: str | None, local: str | None) -> None:
    (item,) = json.loads(postings_json(records([posting])))["postings"]
    assert (item["deadline"], item["deadline_local"]) == (deadline, local)


def test_json_keeps_hostile_text_as_data() -> None:
    posting = replace(PHD, title=HOSTILE, summary=HOSTILE)
    text = postings_json(records([posting]))
    (item,) = json.loads(text)["postings"]
    assert item["title"] == HOSTILE
    assert item["summary"] == HOSTILE


def test_not_xml_is_exactly_what_xml_1_0_cannot_carry() -> None:
    from mkdocs_postings.publishing.feeds import _NOT_XML

    def is_xml_char(code: int) -> bool:  # XML 1.0, production [2] Char
        return code in (0x9, 0xA, 0xD) or any(
            low <= code <= high
            for low, high in ((0x20, 0xD7FF), (0xE000, 0xFFFD), (0x10000, 0x10FFFF))
        )

    codes = [*range(0x10000), 0x10000, 0x1D11E, 0x10FFFF]
    wrong = [c for c in codes if (_NOT_XML.match(chr(c)) is None) != is_xml_char(c)]
    assert wrong == []


# --------------------------------------------------------------------------- in real builds
# The example site built strictly (conftest's ``built``): the three files, linked from the
# pages, switched off by options, the same bytes build after build.


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
