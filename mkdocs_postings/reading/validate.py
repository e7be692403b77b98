"""A posting validated from its front matter: ``posting_from_meta`` and checks across postings.

Titles, dates and deadlines are read here; the other fields by ``fields``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import UTC, date, datetime, time, tzinfo
from pathlib import PurePosixPath
from typing import Any

from mkdocs_postings import expiry
from mkdocs_postings.body import dates
from mkdocs_postings.expiry import Status
from mkdocs_postings.model import (
    POSTING_KEYS,
    Defaults,
    Posting,
    Problem,
)
from mkdocs_postings.reading.fields import (
    FieldReader,
    location_from_value,
    read_apply,
    read_contact,
    read_declared_status,
    read_employment,
    read_positions,
    read_remote,
    read_salary,
    read_start,
    read_tags,
    read_types,
)
from mkdocs_postings.text import markdown_words, plain_or_none, plain_text

__all__ = [
    "MIGRATED_DEADLINE_KEYS",
    "duplicate_references",
    "posting_from_meta",
]

_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_JEKYLL_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})-")


def posting_from_meta(
    meta: Mapping[str, Any],
    *,
    src: str,
    defaults: Defaults,
    body: str = "",
    key: str = "posting",
) -> tuple[Posting, list[Problem]]:
    """Validate a front-matter mapping into a ``Posting``; return it with its warnings.

    ``meta`` is the file's whole front matter (dates as strings or ``date``/``datetime``);
    posting fields live under ``meta[key]``; ``body`` (Markdown) provides a title from its
    first ``#`` heading when the front matter has none. Raises ``PostingError``.

    Long by design: the ``Posting`` is built in one call, a keyword per field, each read by
    its own reader, so that every field's source and default show in one place.
    """
    reader = FieldReader(src)
    native = key in meta
    fields = _posting_fields(reader, meta, key) if native else {}

    def field_name(name: str) -> str:
        return f"{key}.{name}"

    title = _title(reader, meta, body, native)
    declared = read_declared_status(
        reader, fields.get("status"), field_name("status"), "status" in fields
    )
    if "status" not in fields:
        declared = _status_from_category(reader, meta) or declared
    deadline, rolling, posted, zone = _dates(reader, meta, fields, key, defaults)
    # A posting with no deadline and not rolling is warned about once its text has been read
    # (apply.status_from_text): the text may state one.
    kinds = read_types(reader, fields.get("type", "other"), field_name("type"))
    posting = Posting(
        src=src,
        title=title,
        type=kinds[0],
        other_types=kinds[1:],
        declared_status=declared,
        deadline=deadline,
        rolling=rolling,
        posted=posted,
        tags=read_tags(reader, meta.get("tags")),
        categories=reader.strings(meta.get("categories"), "categories"),
        authors=reader.strings(meta.get("authors", meta.get("author")), "authors"),
        summary=plain_or_none(markdown_words(reader.text(meta.get("summary"), "summary"))),
        start=read_start(reader, fields.get("start"), field_name("start")),
        duration=reader.text(fields.get("duration"), field_name("duration")),
        positions=read_positions(reader, fields.get("positions"), field_name("positions")),
        employment_type=read_employment(
            reader,
            fields.get("employment_type"),
            field_name("employment_type"),
            "employment_type" in fields,
        ),
        location=location_from_value(reader, fields.get("location"), field_name("location"))
        or defaults.location,
        remote=None
        if "remote" not in fields
        else read_remote(reader, fields["remote"], field_name("remote")),
        salary=read_salary(reader, fields.get("salary"), field_name("salary")),
        reference=reader.text(fields.get("reference"), field_name("reference")),
        apply=read_apply(reader, fields.get("apply"), field_name("apply")),
        contact=read_contact(reader, fields.get("contact"), field_name("contact")),
        structured_data=reader.boolean(
            fields.get("structured_data"), field_name("structured_data"), True
        ),
        draft=reader.boolean(meta.get("draft"), "draft", False),
        native=native,
        type_stated="type" in fields,
        reviewed=_day(reader, fields.get("reviewed"), field_name("reviewed")),
        # the posting's own zone, for a deadline read later from its text
        rules=defaults if zone is defaults.timezone else replace(defaults, timezone=zone),
        meta=meta,
    )
    return posting, reader.warnings


def _posting_fields(reader: FieldReader, meta: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    """The mapping under ``posting:`` (empty, with a warning, when nothing is under it)."""
    raw = meta[key]
    if raw is None or raw == {}:
        reader.warn(key, "is empty; add the posting's fields under it (type, deadline, apply)")
        return {}
    fields = reader.mapping(raw, key)
    reader.known_keys(fields, key, POSTING_KEYS)
    return fields


def _dates(
    reader: FieldReader,
    meta: Mapping[str, Any],
    fields: Mapping[str, Any],
    key: str,
    defaults: Defaults,
) -> tuple[datetime | None, bool, date | None, tzinfo]:
    """The deadline (in the posting's zone), whether it is rolling, the posted date and the
    posting's zone;
    warnings for a rolling posting with a deadline and a deadline before the posted date."""
    zone = defaults.timezone
    if fields.get("timezone") is not None:
        try:
            zone = expiry.resolve_zone(reader.text(fields["timezone"], f"{key}.timezone") or "")
        except ValueError as error:
            raise reader.fail(f"{key}.timezone", str(error)) from None
    deadline = _deadline(reader, meta, fields, key, zone, defaults.deadline_time)
    rolling = reader.boolean(fields.get("rolling"), f"{key}.rolling", False)
    posted = _posted(reader, meta, reader.src)
    if rolling and deadline is not None:
        reader.warn(
            f"{key}.rolling",
            "a rolling posting never closes by date, so its deadline is ignored; "
            "remove one of the two",
        )
        deadline = None
    if deadline is not None and posted is not None and deadline.date() < posted:
        reader.warn(
            f"{key}.deadline",
            f"{deadline.date().isoformat()} is before the posted date "
            f"{posted.isoformat()}; check the year",
        )
    return deadline, rolling, posted, zone


def duplicate_references(postings: Iterable[Posting], *, key: str = "posting") -> list[Problem]:
    """A warning for every posting whose ``reference`` an earlier one (in path order) has.

    Applicants quote the reference; two postings sharing one get each other's applications.
    """
    first: dict[str, str] = {}
    problems = []
    for posting in sorted(postings, key=lambda p: p.src):
        if not posting.reference:
            continue
        reference = posting.reference.casefold()
        if reference in first:
            problems.append(
                Problem(
                    posting.src,
                    f"{key}.reference",
                    f"{posting.reference!r} is also the reference of {first[reference]}; "
                    "give each posting its own reference",
                )
            )
        else:
            first[reference] = posting.src
    return problems


def _title(reader: FieldReader, meta: Mapping[str, Any], body: str, native: bool) -> str:
    title = plain_or_none(reader.text(meta.get("title"), "title"))
    if title:
        return title
    heading = _H1.search(body)
    if heading and plain_text(heading.group(1)):
        return plain_text(heading.group(1))
    if native:
        raise reader.fail("title", "missing; add a line such as  title: PhD position in ...")
    stem = PurePosixPath(reader.src).stem
    fallback = stem.replace("-", " ").replace("_", " ").strip() or stem
    reader.warn("title", f"missing; using {fallback!r} from the file name. Add a title: line")
    return fallback


def _deadline(
    reader: FieldReader,
    meta: Mapping[str, Any],
    fields: Mapping[str, Any],
    key: str,
    zone: tzinfo,
    default_time: time,
) -> datetime | None:
    if fields.get("deadline") is not None:
        name, value = f"{key}.deadline", fields["deadline"]
    elif meta.get("expiryDate") is not None:
        name, value = "expiryDate", meta["expiryDate"]
    else:
        return _migrated_deadline(reader, meta, zone, default_time)
    return _in_range(reader, reader.when(value, name), zone, default_time, name, value)


def _in_range(
    reader: FieldReader,
    written: date | datetime,
    zone: tzinfo,
    default_time: time,
    name: str,
    value: Any,
) -> datetime:
    try:
        instant = expiry.deadline_instant(written, zone, default_time)
        instant.astimezone(UTC)  # in UTC (feeds, data-deadline) the year must stay in 1..9999
    except OverflowError:  # in the posting's zone or in UTC, the year is outside 1..9999
        raise reader.fail(name, f"{value!r} is out of range; check the year") from None
    return instant


MIGRATED_DEADLINE_KEYS = ("deadline", "closing-date", "closing_date", "application_deadline")
"""Top-level keys some Jekyll/Hugo themes use for a deadline."""


def _migrated_deadline(
    reader: FieldReader, meta: Mapping[str, Any], zone: tzinfo, default_time: time
) -> datetime | None:
    """A top-level ``deadline:`` of a migrated file: used when it is a date; otherwise a
    warning says how to write it (a file that built before still builds)."""
    for name in MIGRATED_DEADLINE_KEYS:
        value = meta.get(name)
        if value is None or value == "":
            continue
        try:
            instant = expiry.deadline_instant(expiry.parse_date_value(value), zone, default_time)
            instant.astimezone(UTC)  # the year must stay in 1..9999 in UTC too
            return instant
        except (ValueError, OverflowError):
            pass
        found = dates.find_written_date(str(value))
        if found is not None:
            iso = found[2].isoformat()
            reader.note(
                name,
                f"{str(value)!r} read as {iso}; write  deadline: {iso}  under posting: to "
                "make it certain",
            )
            return expiry.deadline_instant(found[2], zone, default_time)
        else:
            reader.warn(
                name,
                f"{str(value)!r} is not a date, so the posting has no deadline; write one "
                "as YYYY-MM-DD under posting: (deadline:) or set rolling: true",
            )
        return None
    return None


_CLOSED_CATEGORIES = {
    "archive": Status.CLOSED,
    "archived": Status.CLOSED,
    "closed": Status.CLOSED,
    "expired": Status.CLOSED,
    "past": Status.CLOSED,
    "filled": Status.FILLED,
}
"""Category words by which Jekyll collections (al-folio's ``category: closed``) file a posting
away; the lab's own word that it is no longer open."""


def _status_from_category(reader: FieldReader, meta: Mapping[str, Any]) -> Status | None:
    """The status a theme's ``category``/``categories`` states (``closed``, ``archived``,
    ``filled``, …), with an info line; ``None`` when they say nothing of it."""
    for name in ("category", "categories"):
        value = meta.get(name)
        words = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        for word in words:
            status = _CLOSED_CATEGORIES.get(str(word).strip().casefold())
            if status is not None:
                reader.note(
                    name,
                    f"{str(word)!r} read as status: {status.value}; write  status: open  "
                    "under posting: if the position is open",
                )
                return status
    return None


def _posted(reader: FieldReader, meta: Mapping[str, Any], src: str) -> date | None:
    for name in ("date", "publishDate", "posted"):
        if meta.get(name) is not None:
            return _day(reader, meta[name], name)
    # Jekyll keeps the date in the file name: _posts/2024-05-01-postdoc.md
    match = _JEKYLL_DATE.match(PurePosixPath(src).name)
    if match:
        try:
            return date.fromisoformat(match.group(1))
        except ValueError:
            reader.warn(
                "date",
                f"the file name starts with {match.group(1)}, which is not a date, so the "
                "posting has no posted date and never ages; rename the file or add "
                "date: YYYY-MM-DD",
            )
    return None


def _day(reader: FieldReader, value: Any, name: str) -> date | None:
    """A date key as a day (``date``, ``posting.reviewed``), the day as written, as Hugo and
    Jekyll show it: 2019-03-17T22:00-05:00 is the 17th, whatever day it is in UTC."""
    if value is None:
        return None
    when = reader.when(value, name)
    return when.date() if isinstance(when, datetime) else when
