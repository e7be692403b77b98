"""Deadlines, zones and status as pure functions, with a pinned clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from mkdocs_postings import expiry
from mkdocs_postings.expiry import AOE, Status

ZURICH = ZoneInfo("Europe/Zurich")
NEW_YORK = ZoneInfo("America/New_York")
END_OF_DAY = time(23, 59)


@pytest.mark.parametrize(
    ("value", "zone", "expected_utc"),
    [
        # date-only: deadline_time that day, in the zone (winter: CET = UTC+1)
        (date(2027, 1, 31), ZURICH, datetime(2027, 1, 31, 22, 59, tzinfo=UTC)),
        # summer time: CEST = UTC+2
        (date(2027, 7, 31), ZURICH, datetime(2027, 7, 31, 21, 59, tzinfo=UTC)),
        # the day daylight saving starts in Europe
        (datetime(2027, 3, 28, 12, 0), ZURICH, datetime(2027, 3, 28, 10, 0, tzinfo=UTC)),
        # US zone, with a wall-clock time
        (datetime(2027, 1, 15, 17, 0), NEW_YORK, datetime(2027, 1, 15, 22, 0, tzinfo=UTC)),
        # Anywhere on Earth: UTC-12
        (date(2027, 1, 31), AOE, datetime(2027, 2, 1, 11, 59, tzinfo=UTC)),
        # an explicit offset wins over the zone
        (
            datetime(2027, 1, 31, 12, 0, tzinfo=UTC),
            ZURICH,
            datetime(2027, 1, 31, 12, 0, tzinfo=UTC),
        ),
    ],
)
def test_deadline_instant(value, zone, expected_utc):
    instant = expiry.deadline_instant(value, zone, END_OF_DAY)
    assert instant == expected_utc
    assert instant.tzinfo is not None


NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("declared", "deadline", "rolling", "expected"),
    [
        (Status.OPEN, NOW + timedelta(minutes=1), False, Status.CLOSING_SOON),
        (Status.OPEN, NOW - timedelta(minutes=1), False, Status.CLOSED),
        (Status.OPEN, NOW + timedelta(days=14), False, Status.CLOSING_SOON),
        (Status.OPEN, NOW + timedelta(days=14, minutes=1), False, Status.OPEN),
        (Status.OPEN, None, False, Status.OPEN),
        (Status.OPEN, None, True, Status.OPEN),
        (Status.OPEN, NOW - timedelta(days=30), True, Status.OPEN),  # rolling never closes by date
        (Status.FILLED, NOW + timedelta(days=30), False, Status.FILLED),
        (Status.CANCELLED, NOW + timedelta(days=30), False, Status.CANCELLED),
        (Status.CLOSED, NOW + timedelta(days=30), False, Status.CLOSED),
    ],
)
def test_status_at(declared, deadline, rolling, expected):
    status = expiry.status_at(declared, deadline, rolling=rolling, now=NOW, closing_soon_days=14)
    assert status is expected


def test_aoe_deadline_is_open_while_the_day_runs_somewhere():
    deadline = expiry.deadline_instant(date(2026, 12, 1), AOE, END_OF_DAY)
    # 1 December 23:00 UTC: in Zurich it is already 2 December, but not everywhere on Earth.
    late = datetime(2026, 12, 1, 23, 0, tzinfo=UTC)
    assert (
        expiry.status_at(Status.OPEN, deadline, rolling=False, now=late, closing_soon_days=0)
        is Status.OPEN
    )
    after = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
    assert (
        expiry.status_at(Status.OPEN, deadline, rolling=False, now=after, closing_soon_days=0)
        is Status.CLOSED
    )


@pytest.mark.parametrize(
    ("name", "label"),
    [("Europe/Zurich", "CET"), ("UTC", "UTC"), ("AoE", "AoE"), ("America/New_York", "EST")],
)
def test_zone_label_in_winter(name, label):
    moment = datetime(2027, 1, 31, 23, 59, tzinfo=expiry.resolve_zone(name))
    assert expiry.zone_label(moment) == label


@pytest.mark.parametrize("bad", ["Mars/Olympus", "CEST+1", "", "../etc/passwd"])
def test_unknown_zone_is_refused_with_a_hint(bad):
    with pytest.raises(ValueError, match="IANA"):
        expiry.resolve_zone(bad)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2027-01-31", date(2027, 1, 31)),
        ("2027-01-31 12:00", datetime(2027, 1, 31, 12, 0)),
        ("2027-01-31T12:00:00Z", datetime(2027, 1, 31, 12, 0, tzinfo=UTC)),
        ("2023-12-22 12:15:00-0000", datetime(2023, 12, 22, 12, 15, tzinfo=UTC)),
        (date(2027, 1, 31), date(2027, 1, 31)),
    ],
)
def test_parse_date_value(value, expected):
    assert expiry.parse_date_value(value) == expected


@pytest.mark.parametrize("bad", ["31.01.2027", "2027-02-30", "tomorrow", 20270131, None, True])
def test_parse_date_value_refuses_non_dates(bad):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        expiry.parse_date_value(bad)


@pytest.mark.parametrize(
    ("now", "days"),
    [
        (datetime(2027, 1, 31, 10, 0, tzinfo=UTC), 0),
        (datetime(2027, 1, 30, 10, 0, tzinfo=UTC), 1),
        (datetime(2027, 1, 26, 23, 30, tzinfo=UTC), 4),  # already 27 January in Zurich
        (datetime(2027, 2, 2, 10, 0, tzinfo=UTC), -2),
    ],
)
def test_days_left_counts_calendar_days_in_the_deadline_zone(now, days):
    deadline = expiry.deadline_instant(date(2027, 1, 31), ZURICH, END_OF_DAY)
    assert expiry.days_left(deadline, now) == days


def test_utc_iso_has_z_suffix():
    moment = datetime(2027, 1, 31, 23, 59, tzinfo=ZURICH)
    assert expiry.to_utc_iso(moment) == "2027-01-31T22:59:00Z"
