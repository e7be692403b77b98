"""The Atom feed of open postings, the iCalendar file of deadlines and the JSON listing.

Every date in these documents comes from the postings themselves, never from the build clock,
so two builds of the same postings write byte-identical files and feed readers and calendar
apps see nothing new unless a posting changed. Pure Python: no MkDocs or Sphinx import.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any
from uuid import NAMESPACE_URL, uuid5

from mkdocs_postings.expiry import Status, to_utc_iso
from mkdocs_postings.model import Posting
from mkdocs_postings.text import uri, without_bidi

__all__ = [
    "EPOCH",
    "LISTING_VERSION",
    "FeedEntry",
    "PostingRecord",
    "atom_feed",
    "entry_uuid",
    "ics_calendar",
    "posted_instant",
    "postings_json",
    "site_outputs",
    "write_outputs",
]

ATOM_NS = "http://www.w3.org/2005/Atom"

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
"""The ``updated`` time of entries and feeds whose postings carry no date: fixed, not "now"."""

UID_DOMAIN = "mkdocs-postings"


@dataclass(frozen=True)
class FeedEntry:
    """One posting as feeds show it: the posting, its absolute page URL and its summary.

    ``summary`` falls back to ``posting.summary`` when not given.
    """

    posting: Posting
    url: str
    summary: str | None = None

    @property
    def text(self) -> str:
        """The summary feeds show ("" when there is none)."""
        return self.summary or self.posting.summary or ""


@dataclass(frozen=True)
class PostingRecord:
    """One posting for the JSON listing: its page URL and its status at build time."""

    posting: Posting
    url: str
    status: Status
    summary: str | None = None


@cache  # the feed and the calendar name each page once per build, with the same id
def entry_uuid(url: str) -> str:
    """A UUID that names a posting page for as long as its URL stays (RFC 4122 version 5)."""
    return str(uuid5(NAMESPACE_URL, url))


def posted_instant(posting: Posting) -> datetime | None:
    """The posted date as an instant: 00:00 UTC on that day (None when the posting has none)."""
    if posting.posted is None:
        return None
    return datetime.combine(posting.posted, time(0, 0), tzinfo=UTC)


# --------------------------------------------------------------------------- Atom


def atom_feed(
    entries: Iterable[FeedEntry],
    *,
    feed_url: str,
    site_url: str,
    title: str,
    feed_id: str,
    author: str | None = None,
) -> str:
    """An Atom (RFC 4287) document with one entry per posting in ``entries``.

    ``entries`` should be the open postings; this function does not judge status. ``feed_url``
    is the feed's own absolute URL (``rel="self"``), ``site_url`` the HTML page it stands for
    (``rel="alternate"``, e.g. the cards page), ``author`` the organization's name (default:
    ``title``). Entry ids are ``urn:uuid:`` names of the page URLs; an entry's ``updated`` and
    ``published`` are its posted date at 00:00 UTC (``EPOCH`` when it has none), and the
    feed's ``updated`` is the latest of those. Newest postings come first.
    """
    ordered = sorted(entries, key=lambda e: (e.posting.title.casefold(), e.url))
    ordered.sort(key=lambda e: posted_instant(e.posting) or EPOCH, reverse=True)
    feed = ET.Element("feed", {"xmlns": ATOM_NS})
    _sub(feed, "id", feed_id)
    _sub(feed, "title", without_bidi(title))
    updated = max((posted_instant(e.posting) or EPOCH for e in ordered), default=EPOCH)
    _sub(feed, "updated", to_utc_iso(updated))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=uri(feed_url))
    _sub(feed, "link", rel="alternate", type="text/html", href=uri(site_url))
    _sub(_sub(feed, "author"), "name", author or title)
    for entry in ordered:
        posted = posted_instant(entry.posting)
        item = _sub(feed, "entry")
        _sub(item, "id", f"urn:uuid:{entry_uuid(entry.url)}")
        # A reader lists titles one after another: a bidi override would turn the next around.
        _sub(item, "title", without_bidi(entry.posting.title))
        _sub(item, "link", rel="alternate", type="text/html", href=uri(entry.url))
        _sub(item, "updated", to_utc_iso(posted or EPOCH))
        if posted is not None:
            _sub(item, "published", to_utc_iso(posted))
        if entry.text:
            _sub(item, "summary", entry.text)
        for tag in entry.posting.tags:
            _sub(item, "category", term=tag)
    ET.indent(feed, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, "unicode") + "\n"


# Characters XML 1.0 cannot carry at all, not even escaped (most C0 controls, surrogates,
# U+FFFE/FFFF): ElementTree would write them, and no reader could parse the feed. Written as
# what is excluded: the complement of its allowed ranges took 4 ms to compile.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _NOT_XML.sub("", v) for k, v in attrs.items()})
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


# --------------------------------------------------------------------------- iCalendar


# Written by hand because it saves 5.7 % of the floor build's instructions: with icalendar
# 7.3's component tree, escaping and folding, a 1,000-posting build executed 39.94 G
# instructions, 1.93 G more than with this (benchmarks/build_scaling.py --instructions; the
# floor build is 33.82 G). tests/test_feeds.py holds the file, _vtext and _folded to
# icalendar's output byte for byte.
def ics_calendar(
    entries: Iterable[FeedEntry],
    *,
    prodid: str,
    calendar_name: str,
    event_name: str = "Deadline: {title}",
) -> bytes:
    """An iCalendar (RFC 5545) file with one event per posting deadline.

    Postings without a deadline and filled or cancelled ones get no event; closed ones keep
    theirs, as past events do in any calendar. Each event is the instant of the deadline
    (``DTSTART`` in UTC, no ``DTEND``: RFC 5545 reads that as an event without duration);
    its UID is derived from the page URL and its DTSTAMP from the posting (posted date, else
    the deadline), so subscribers see updates rather than duplicates. Events are sorted by
    deadline, then title; an event's name is ``event_name`` with the posting's title for
    ``{title}``.

    The file is what icalendar's ``Calendar.to_ical()`` writes for the same calendar (a test
    holds it to that, byte for byte), written line by line.
    """
    name = _ics_text(calendar_name)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{_vtext(prodid)}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{_vtext(name)}",
        f"X-WR-CALNAME:{_vtext(name)}",
    ]
    dated = [
        (entry, entry.posting.deadline)
        for entry in entries
        if entry.posting.deadline is not None
        and entry.posting.declared_status not in (Status.FILLED, Status.CANCELLED)
    ]
    dated.sort(key=lambda pair: (pair[1], pair[0].posting.title.casefold(), pair[0].url))
    for entry, deadline in dated:
        # In icalendar's order: its canonical properties first, then by name.
        start = deadline.astimezone(UTC)
        title = without_bidi(entry.posting.title)  # the event's name has words after it
        lines += [
            "BEGIN:VEVENT",
            f"SUMMARY:{_vtext(_ics_text(event_name.replace('{title}', title)))}",
            f"DTSTART:{_utc(start)}",
            f"DTSTAMP:{_utc(posted_instant(entry.posting) or start)}",
            f"UID:{entry_uuid(entry.url)}@{UID_DOMAIN}",  # hex digits and "-": nothing to escape
        ]
        if entry.text:
            lines.append(f"DESCRIPTION:{_vtext(_ics_text(entry.text))}")
        lines += [
            "TRANSP:TRANSPARENT",  # a deadline does not make anyone busy
            # A URI value is written unescaped: one with a line break would add properties
            # (ATTACH:, a VALARM), so it is written again as a URI first.
            f"URL:{uri(entry.url)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return b"\r\n".join(map(_folded, lines)) + b"\r\n"


def _vtext(value: str) -> str:
    """A TEXT value escaped as RFC 5545 (3.3.11) asks: ``\\``, ``;`` and ``,`` get a
    backslash, line breaks become ``\\n``.

    The same as icalendar's ``vText`` (a test holds the two to the same bytes), in the same
    order; why not icalendar's own: see ``ics_calendar``.
    """
    return (
        value.replace(r"\N", "\n")  # icalendar reads a written "\N" as a line break too
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def _utc(moment: datetime) -> str:
    """A DATE-TIME value in UTC (RFC 5545 form 2): ``20270131T225900Z``."""
    utc = moment.astimezone(UTC)
    return f"{utc.year:04}{utc:%m%dT%H%M%S}Z"  # %Y has no leading zeros before year 1000


_FOLD = 74
"""Octets per folded segment: icalendar keeps lines under 75 octets, the limit of RFC 5545."""


def _folded(line: str) -> bytes:
    """A content line folded as icalendar folds it: segments of at most 74 octets, never
    splitting a character, and a backslash or caret that ends a segment moves to the next
    (an escape stays with what it escapes). ASCII lines are cut at fixed places."""
    if not line.isascii():
        return _folded_by_octets(line).encode("utf-8")
    if len(line) <= _FOLD:
        return line.encode("ascii")
    segments, start = [], 0
    while len(line) - start > _FOLD:
        end = start + _FOLD
        if line[end - 1] in "\\^":
            end -= 1
        segments.append(line[start:end])
        start = end
    segments.append(line[start:])
    return "\r\n ".join(segments).encode("ascii")


def _folded_by_octets(line: str) -> str:
    """``_folded`` for a line with multi-byte characters: counted in UTF-8 octets."""
    segments: list[str] = []
    current: list[str] = []
    octets = 0
    for char in line:
        size = len(char.encode("utf-8"))
        if current and octets + size > _FOLD:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                segments.append("".join(current))
                current, octets = [carried], 1
            else:
                segments.append("".join(current))
                current, octets = [], 0
        current.append(char)
        octets += size
    if current:
        segments.append("".join(current))
    return "\r\n ".join(segments)


# RFC 5545 TEXT allows no control characters but tab; line breaks are escaped by _vtext.
_NOT_ICS_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def _ics_text(text: str) -> str:
    return _NOT_ICS_TEXT.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


# --------------------------------------------------------------------------- JSON


LISTING_VERSION = 1
"""The version of the JSON listing (``schema/postings-v1.schema.json``); other sites read it
with the ``sources`` option, and refuse a version they do not know."""


def postings_json(
    records: Iterable[PostingRecord], *, site_name: str | None = None, site_url: str | None = None
) -> str:
    """Every posting's public fields and status as JSON, sorted by source path, keys sorted,
    after the listing's ``version`` and the ``site`` it comes from (name and URL).

    One posting per line (a diff of two builds shows the postings that changed). Deadlines
    appear twice: ``deadline`` in UTC (``…Z``, as in ``data-deadline``) and
    ``deadline_local`` with the offset of the posting's zone. Unknown fields are null, so
    every record has the same keys.
    """
    listing = [_record(record) for record in sorted(records, key=lambda r: r.posting.src)]
    site = _JSON.encode({"name": site_name or None, "url": site_url or None})
    head = f'{{"version": {LISTING_VERSION}, "site": {site}, "postings": ['
    if not listing:
        return head + "]}\n"
    lines = ",\n".join(map(_JSON.encode, listing))
    return head + "\n" + lines + "\n]}\n"


_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, allow_nan=False)
"""``json.dumps(..., ensure_ascii=False, sort_keys=True)`` without a new encoder per record;
a NaN or infinity raises rather than being written as ``NaN``, which is no JSON."""


def _record(record: PostingRecord) -> dict[str, Any]:
    posting = record.posting
    deadline = posting.deadline
    location = posting.location
    salary = posting.salary
    return {
        "src": posting.src,
        "url": uri(record.url),  # other sites read these: URIs, whatever the posting held
        "title": posting.title,
        "type": posting.type.value,
        "types": [kind.value for kind in posting.types],
        "status": record.status.value,
        "deadline": to_utc_iso(deadline) if deadline else None,
        "deadline_local": deadline.isoformat(timespec="seconds") if deadline else None,
        "rolling": posting.rolling,
        "posted": posting.posted.isoformat() if posting.posted else None,
        "reviewed": posting.reviewed.isoformat() if posting.reviewed else None,
        "tags": list(posting.tags),
        "categories": list(posting.categories),
        "summary": record.summary or posting.summary,
        "location": None if location is None else _fields(location),
        "remote": posting.remote.value if posting.remote else None,
        "start": posting.start.isoformat() if isinstance(posting.start, date) else posting.start,
        "duration": posting.duration,
        "positions": posting.positions,
        "employment_type": list(posting.employment_types),
        "reference": posting.reference,
        "apply": uri(apply) if (apply := posting.apply_href) else None,
        "salary": None if salary is None else _fields(salary),
    }


def _fields(value: Any) -> dict[str, Any]:
    """A flat dataclass's fields (``asdict`` without its deep copies)."""
    return {name: getattr(value, name) for name in _field_names(value.__class__)}


@cache
def _field_names(kind: Any) -> tuple[str, ...]:  # a dataclass type
    return tuple(f.name for f in fields(kind))


def site_outputs(
    postings: Iterable[tuple[Posting, str, Status]],
    *,
    feed: str,
    calendar: str,
    json_path: str,
    site_url: str,
    feed_title: str,
    calendar_name: str,
    author: str,
    event_name: str = "Deadline: {title}",
    site_name: str | None = None,
    elsewhere: Iterable[tuple[Posting, str, Status]] = (),
) -> list[tuple[str, str | bytes]]:
    """The files a site publishes besides its pages, as ``(site-relative path, content)``.

    ``postings`` are ``(posting, absolute page URL, status at build time)``, sorted as the
    files should list them; a path that is "" switches its file off. The Atom feed lists the
    open postings, the calendar every posting's deadline, the JSON listing every posting.
    ``elsewhere`` are postings published on other sites (the ``sources``): in the feed and
    the calendar, but not in the JSON listing, which is this site's own postings (a site
    gathering listings that gather listings would otherwise publish them all twice).
    """
    items = list(postings)
    everything = items + list(elsewhere)
    entries = [FeedEntry(posting, url, posting.summary) for posting, url, _ in everything]
    outputs: list[tuple[str, str | bytes]] = []
    if feed:
        feed_url = site_url.rstrip("/") + "/" + feed if site_url else "/" + feed
        statuses = (status for _, _, status in everything)
        open_entries = [
            e for e, status in zip(entries, statuses, strict=True) if not status.is_past
        ]
        atom = atom_feed(
            open_entries, feed_url=feed_url, site_url=site_url or "/", title=feed_title,
            feed_id=feed_url, author=author,
        )  # fmt: skip
        outputs.append((feed, atom))
    if calendar:
        prodid = "-//mkdocs-postings//EN"
        ics = ics_calendar(
            entries, prodid=prodid, calendar_name=calendar_name, event_name=event_name
        )
        outputs.append((calendar, ics))
    if json_path:
        records = [PostingRecord(p, url, status, p.summary) for p, url, status in items]
        listing = postings_json(records, site_name=site_name, site_url=site_url or None)
        outputs.append((json_path, listing))
    return outputs


def write_outputs(folder: str | Path, outputs: Iterable[tuple[str, str | bytes]]) -> None:
    """Write ``site_outputs`` into the built site's folder (text as UTF-8)."""
    for path, content in outputs:
        target = Path(folder) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
