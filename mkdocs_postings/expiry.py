"""Deadlines, time zones and status: pure functions, "now" is always an argument.

A deadline is a wall-clock time in an IANA zone (the posting's or the site's). A date-only
deadline means the site's ``deadline_time`` on that day. "Anywhere on Earth" (AoE) is UTC-12,
the last place on Earth where a given day is still running.
"""

from __future__ import annotations

import enum
import os
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import cache
from time import time as _system_time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import get_month_names

from mkdocs_postings.text import clip

__all__ = [
    "AOE",
    "MONTH_NAME_LANGUAGES",
    "Status",
    "build_time",
    "days_left",
    "deadline_instant",
    "find_written_date",
    "parse_clock",
    "parse_date_value",
    "resolve_zone",
    "status_at",
    "written_clock",
    "zone_label",
]

AOE = timezone(timedelta(hours=-12), "AoE")
"""Anywhere on Earth: a deadline that has not passed as long as the day runs anywhere."""

_AOE_NAMES = {"aoe", "anywhere on earth", "anywhere-on-earth", "utc-12", "etc/gmt+12"}


class Status(enum.StrEnum):
    """What a posting is at a given moment; the values are the HTML ``data-status`` values."""

    OPEN = "open"
    CLOSING_SOON = "closing-soon"
    CLOSED = "closed"
    FILLED = "filled"
    CANCELLED = "cancelled"

    @property
    def is_past(self) -> bool:
        """Whether the posting no longer takes applications."""
        return self in (Status.CLOSED, Status.FILLED, Status.CANCELLED)


def resolve_zone(name: str) -> tzinfo:
    """Return the time zone for an IANA name or "AoE"; raise ``ValueError`` otherwise."""
    cleaned = name.strip()
    if cleaned.lower() in _AOE_NAMES:
        return AOE
    if cleaned.upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):  # OSError: name too long
        raise ValueError(
            f"{clip(name, 60)!r} is not a time zone; use an IANA name such as Europe/Zurich, "
            "America/New_York or UTC, or AoE for Anywhere on Earth"
        ) from None


_CLOCK = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")


def parse_clock(text: str) -> time:
    """Parse "HH:MM" (24-hour) into a time; raise ``ValueError`` otherwise."""
    match = _CLOCK.match(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise ValueError(f"{text!r} is not a time of day; write it as HH:MM, e.g. 23:59")


_DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def parse_date_value(value: object) -> date | datetime:
    """Read a date or datetime as YAML/TOML hand it over: a ``date``, ``datetime`` or string.

    Strings must be ISO 8601 (``2027-01-31``, ``2027-01-31 12:00``, ``2027-01-31T12:00+01:00``,
    ``...Z``). A datetime without an offset comes back naive (a wall-clock time). Raises
    ``ValueError`` with a hint on how to write the value.
    """
    if isinstance(value, datetime | date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if _DATE_SHAPE.match(text):
            try:
                if len(text) == 10:
                    return date.fromisoformat(text)
                return datetime.fromisoformat(text.replace(" ", "T", 1))
            except ValueError:
                pass
    raise ValueError(
        f"{value!r} is not a date; write it as YYYY-MM-DD (e.g. 2027-01-31), "
        "optionally with a time (2027-01-31 12:00)"
    )


def deadline_instant(value: date | datetime, zone: tzinfo, default_time: time) -> datetime:
    """Turn a deadline as written into an aware datetime in ``zone``.

    A date means ``default_time`` on that day; a naive datetime is a wall-clock time in
    ``zone`` (zoneinfo resolves daylight saving); an aware datetime keeps its offset and is
    shown in ``zone``.
    """
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=zone)
        return value.astimezone(zone)
    return datetime.combine(value, default_time, tzinfo=zone)


def status_at(
    declared: Status,
    deadline: datetime | None,
    *,
    rolling: bool,
    now: datetime,
    closing_soon_days: int,
    ages_out: datetime | None = None,
) -> Status:
    """The status of a posting at ``now``.

    A declared filled/cancelled/closed status wins; a dated posting is closed once ``now`` is
    past its deadline and closing soon within ``closing_soon_days`` of it; a rolling or
    undated posting is open until ``ages_out`` (when it has one), closed after.
    """
    if declared is not Status.OPEN:
        return declared
    if rolling or deadline is None:
        if ages_out is not None and now > ages_out:
            return Status.CLOSED
        return Status.OPEN
    if now > deadline:
        return Status.CLOSED
    if deadline - now <= timedelta(days=closing_soon_days):
        return Status.CLOSING_SOON
    return Status.OPEN


def days_left(deadline: datetime, now: datetime) -> int:
    """Whole calendar days from ``now`` to the deadline, counted in the deadline's zone.

    0 means the deadline is today; negative means it has passed.
    """
    zone = deadline.tzinfo
    return (deadline.date() - now.astimezone(zone).date()).days


def zone_label(moment: datetime) -> str:
    """The short name shown after a deadline: "CET", "EST", "UTC", "AoE" or "+03"."""
    name = moment.tzname() or ""
    if name in ("UTC", "GMT", "Z"):
        return "UTC"
    return name


def to_utc_iso(moment: datetime) -> str:
    """ISO 8601 in UTC with a ``Z`` suffix, seconds precision: the ``data-deadline`` format."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# ------------------------------------------------------------------ dates as people write them


MONTH_NAME_LANGUAGES = ("en", "de", "fr", "it", "es", "pt", "nl", "sv", "pl", "ar")
"""The languages of the catalogs that write month names in dates; Chinese and Japanese write
2027年3月31日 (the "ymd" pattern)."""


@cache
def _months() -> dict[str, int]:
    names: dict[str, int] = {}
    for language in MONTH_NAME_LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, language).items():
                    names[name.lower().rstrip(".")] = number
    names["sept"] = 9
    return names


@cache
def _date_pattern() -> re.Pattern[str]:
    month = "|".join(sorted((re.escape(m) for m in _months()), key=len, reverse=True))
    day = r"(?P<{}>[0-3]?\d)(?:\^?(?:st|nd|rd|th)\^?|er|\.)?"  # "3^rd^": Pandoc's superscript
    # Full dates first: at one place, a date with its year wins over the same day without.
    return re.compile(
        r"(?P<iso>(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))"
        r"|(?P<num>(?P<nd>[0-3]?\d)(?P<sep>[./])(?P<nm>[01]?\d)(?P=sep)"
        r"(?P<ny>\d{4}|(?<=\.)\d{2}(?![\d.]))(?!\d))"  # 27.7.25: two digits after dots only
        rf"|(?P<dmy>{day.format('dd')}\s+(?:of\s+|de\s+)?(?P<dm>{month})\.?,?\s+(?:de\s+)?"
        r"(?P<dy>\d{4}))"
        rf"|(?P<mdy>(?P<mm>{month})\.?,?\s+{day.format('md')},?\s+(?P<my>\d{{4}}))"
        r"|(?P<ymd>(?P<yy>\d{4})\s*年\s*(?P<ym>[01]?\d)\s*月\s*(?P<yd>[0-3]?\d)\s*日)"
        # day and month without a year: "16 March", "22nd April", "Jan. 22nd"
        rf"|(?P<dm_>{day.format('xd')}\s+(?:of\s+|de\s+)?(?P<xm>{month})\b\.?)"
        rf"|(?P<md_>(?P<zm>{month})\.?\s+(?P<zd>[0-3]?\d)(?:\^?(?:st|nd|rd|th)\^?)?\b)",
        re.IGNORECASE,
    )


def _parse_written(match: re.Match[str], after: date | None) -> date | None:
    groups = match.groupdict()
    try:
        if groups["iso"]:
            return date(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
        if groups["num"]:
            day, month = int(groups["nd"]), int(groups["nm"])
            if groups["sep"] == "/" and day <= 12 and day != month:
                return None  # 04/05/2027: April or May? Not clear.
            year = int(groups["ny"])
            return date(year + 2000 if year < 100 else year, month, day)
        if groups["dmy"]:
            return date(int(groups["dy"]), _months()[groups["dm"].lower()], int(groups["dd"]))
        if groups["mdy"]:
            return date(int(groups["my"]), _months()[groups["mm"].lower()], int(groups["md"]))
        if groups["ymd"]:
            return date(int(groups["yy"]), int(groups["ym"]), int(groups["yd"]))
        if after is None:
            return None  # a day without a year means nothing without a date to count from
        if groups["dm_"]:
            return _on_or_after(after, _months()[groups["xm"].lower()], int(groups["xd"]))
        if groups["md_"]:
            return _on_or_after(after, _months()[groups["zm"].lower()], int(groups["zd"]))
    except (ValueError, KeyError):
        return None
    return None


def _on_or_after(after: date, month: int, day: int) -> date:
    """The first ``day`` of ``month`` on or after ``after`` ("16 March" posted in 2026)."""
    for year in (after.year, after.year + 1):
        try:
            when = date(year, month, day)
        except ValueError:  # 29 February in a common year: the next leap year is too far
            continue
        if when >= after:
            return when
    raise ValueError(f"no {day}/{month} within a year of {after}")


def is_month_name(word: str) -> bool:
    """Whether ``word`` names a month, in full or abbreviated ("Okt", "Jan"), in a language
    that writes month names."""
    return word.lower().rstrip(".") in _months()


def find_written_date(text: str, *, after: date | None = None) -> tuple[int, int, date] | None:
    """The first date written in ``text`` as people write them:
    2027-01-31, 31.01.2027, 31/01/2027, 31 January 2027, 31st of January 2027, 31. Januar 2027,
    19. Okt. 2025, January 31st, 2027, 7 febbraio 2019, 31 de marzo de 2027, 2027年3月31日
    (month names in the catalogs' languages that write them). Returns ``(start, end, date)``.
    Numeric dates with a slash that could be read two ways (04/05/2027) are skipped. A day and
    month without a year ("16 March", "Jan. 22nd") count only with ``after``: the first such
    day on or after it."""
    for match in _date_pattern().finditer(text):
        when = _parse_written(match, after)
        if when is not None:
            return match.start(), match.end(), when
    return None


# Zone abbreviations deadlines are written with, where one abbreviation names one offset
# ("IST" is India's, Ireland's and Israel's: a time written with it is in the posting's zone).
_ZONE_ABBREVIATIONS = {
    "UTC": 0, "GMT": 0, "WET": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
    "MSK": 3, "JST": 9, "KST": 9, "AWST": 8, "ACST": 9.5, "AEST": 10, "AEDT": 11,
    "NZST": 12, "NZDT": 13, "EST": -5, "EDT": -4, "CDT": -5, "MDT": -6, "MST": -7, "PST": -8,
    "PDT": -7, "AOE": -12,
}  # fmt: skip
_CLOCK_WRITTEN = re.compile(
    r"[\s,(]*(?i:(?:at|um|à|alle|ore|a\s+las|by)\s+)?"
    r"(?:(?P<noon>(?i:noon|midday))|(?P<h>[012]?\d)(?:[:.h](?P<m>[0-5]\d))?\s*"
    r"(?P<ap>(?i:[ap]\.?\s?m\b\.?))?)"
    r"(?:\s*\(?(?P<zone>[A-Z]{2,4}T|UTC|GMT|AoE|BST|MSK)\b)?"
)


def written_clock(text: str, position: int) -> tuple[time | None, tzinfo | None]:
    """A time (and zone) written right after a date ends at ``position``: "at 11.00pm AEST",
    ", ore 13:00", "(noon CEST)"; ``(None, None)`` when there is none. A bare number is no
    time: it needs minutes, am/pm or "noon"."""
    match = _CLOCK_WRITTEN.match(text, position)
    if match is None or not (match["noon"] or match["m"] or match["ap"]):
        return None, None
    if match["noon"]:
        clock = time(12, 0)
    else:
        hour, minute = int(match["h"]), int(match["m"] or 0)
        if match["ap"]:
            if not 1 <= hour <= 12:
                return None, None
            hour = hour % 12 + (12 if match["ap"].lower().startswith("p") else 0)
        if hour > 23:
            return None, None
        clock = time(hour, minute)
    offset = _ZONE_ABBREVIATIONS.get((match["zone"] or "").upper())
    zone = None if offset is None else timezone(timedelta(hours=offset), match["zone"])
    return clock, zone


def build_time(environ: Mapping[str, str] | None = None) -> datetime:
    """ "Now" for a build, in UTC: ``SOURCE_DATE_EPOCH`` (reproducible builds, pinned tests) when
    set, else the system clock. Adapters without a clock of their own (Sphinx) use this one;
    raises ``ValueError`` for a ``SOURCE_DATE_EPOCH`` that is not whole seconds."""
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if value:
        try:
            return datetime.fromtimestamp(int(value), UTC)
        except (ValueError, OverflowError, OSError):
            raise ValueError(
                f"SOURCE_DATE_EPOCH={value!r} is not a time; set it to whole seconds since "
                "1970-01-01 UTC (e.g. the last commit's: git log -1 --format=%ct) or unset it"
            ) from None
    return datetime.fromtimestamp(_system_time(), UTC)
