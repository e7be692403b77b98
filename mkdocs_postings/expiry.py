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
from time import time as _system_time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs_postings.text import clip

__all__ = [
    "AOE",
    "Status",
    "build_time",
    "days_left",
    "deadline_instant",
    "parse_clock",
    "parse_date_value",
    "resolve_zone",
    "status_at",
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
