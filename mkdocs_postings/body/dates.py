"""Dates as people write them in a posting's text, in the catalogs' languages: "31 January 2027",
"31st of January 2027", "19. Okt. 2025", "31.01.2027", "2027年3月31日", a day and month without a
year counted from the posted date, and a time and zone written after a date.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta, timezone, tzinfo
from functools import cache

from babel.dates import get_month_names

__all__ = ["MONTH_NAME_LANGUAGES", "find_written_date", "is_month_name", "written_clock"]


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
