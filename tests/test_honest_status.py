"""Honest status on the postings labs really have: deadlines read from the text, postings that
age out, "open until filled" read from the text, filled and no-opening statements."""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from conftest import PINNED

from mkdocs_postings.body import dates
from mkdocs_postings.body.complete import complete_from_body
from mkdocs_postings.body.extract import find_deadline, find_statements
from mkdocs_postings.expiry import Status
from mkdocs_postings.model import Defaults, Posting
from mkdocs_postings.reading.validate import posting_from_meta

RULES = Defaults(timezone=UTC, max_age=timedelta(days=183))

# ------------------------------------------------------------------ dates as deadlines are written


@pytest.mark.parametrize(
    ("text", "posted", "when"),
    [
        ("Deadline: 31st October 2025", None, date(2025, 10, 31)),
        ("Apply by the 1st of December 2022.", None, date(2022, 12, 1)),
        ("Bewerbungsfrist: 19. Okt. 2025", None, date(2025, 10, 19)),
        ("Application deadline: **31 May 2026**", None, date(2026, 5, 31)),
        ("Applications are due before May 3^rd^ 2024", None, date(2024, 5, 3)),
        ("Bitte bewerben Sie sich bis zum 27.7.25 per E-Mail", None, date(2025, 7, 27)),
        # a day and month without a year: the first such day on or after the posted date
        ("The position closes Jan. 22nd", date(2026, 11, 1), date(2027, 1, 22)),
        ("Deadline is 16 March.", date(2026, 2, 1), date(2026, 3, 16)),
        ("Applications for this position close on Thursday 22nd April.", date(2020, 4, 6),
         date(2020, 4, 22)),
        ("Apply via the portal until 31 May", date(2023, 5, 17), date(2023, 5, 31)),
        ("Priority goes to applications received before 31/10/2025.", None, date(2025, 10, 31)),
        ("**Deadline:** A.S.A.P. but no later than May 30, 2019", None, date(2019, 5, 30)),
    ],
)  # fmt: skip
def test_deadlines_written_as_people_write_them(text, posted, when):
    assert [hint.when for hint in find_deadline(text, posted=posted)][:1] == [when]


@pytest.mark.parametrize(
    "text",
    [
        "Deadline is 16 March.",  # no year and no posted date: nothing to count from
        "Die Stelle ist bis zum 30.09.2019 befristet.",  # a contract's end, not about applying
        "The earliest start date is November 1st, 2023.",
        "Deadline: end of June. Start: 1 July 2024",  # the label's sentence has no date
        "~~Deadline: Apr. 15, 2025~~ (closed)",  # struck through
    ],
)
def test_no_deadline_where_none_is_stated(text):
    assert find_deadline(text) == []


def test_a_time_and_zone_after_the_date_are_kept():
    (hint,) = find_deadline("Deadline: 21 January 2024 at 11.00pm AEST")
    assert hint.when == datetime(2024, 1, 21, 23, 0, tzinfo=timezone(timedelta(hours=10)))
    (noon,) = find_deadline("Application deadline: April 17th, 2026 (noon CEST)")
    assert noon.when.astimezone(UTC) == datetime(2026, 4, 17, 10, 0, tzinfo=UTC)


def test_a_bare_number_after_a_date_is_no_time():
    assert dates.written_clock("31 May 2026 17 positions", len("31 May 2026")) == (None, None)
    assert dates.written_clock("31 May 2026, 5 pm", len("31 May 2026"))[0] == time(17, 0)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("This position is open until being filled.", "rolling"),
        ("Review continues until the positions are filled.", "rolling"),
        ("Applications are reviewed on a rolling basis.", "rolling"),
        ("There is no deadline, and you can apply at any time of the year!", "rolling"),
        ("Die Stelle ist bis zur Besetzung ausgeschrieben.", "rolling"),
        ("L'étude des dossiers se fait au fil de l'eau jusqu'à sélection.", "rolling"),
        ("Update: the position has been filled.", "filled"),
        ("Die Stelle ist bereits besetzt.", "filled"),
        ("Le poste a été pourvu.", "filled"),
        ("There are no open positions at the moment.", "none"),
        ("Derzeit sind keine offenen Stellen zu vergeben.", "none"),
    ],
)
def test_statements_about_the_status(text, kind):
    assert [statement.kind for statement in find_statements(text)] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "We review until the position is filled.",
        "The hiring process runs until suitable candidates have been selected.",
    ],
)
def test_until_filled_is_not_a_filled_statement(text):
    assert [s.kind for s in find_statements(text)] == ["rolling"]


# ------------------------------------------------------------------ a posting completed by its text


def migrated(body_html: str, **meta: object) -> Posting:
    posting, _ = posting_from_meta({"title": "T", **meta}, src="openings/t.md", defaults=RULES)
    return complete_from_body(posting, body_html)[0]


def test_the_first_labelled_deadline_is_used_and_said_where_it_came_from():
    posting, _, problems = complete_from_body(
        posting_from_meta({"title": "T"}, src="openings/t.md", defaults=RULES)[0],
        "<p>Deadline: 31 May 2026.</p><p>Deadline for the second call: 30 June 2026.</p>",
    )
    assert posting.deadline == datetime(2026, 5, 31, 23, 59, tzinfo=UTC)
    assert posting.deadline_read_from == "Deadline: 31 May 2026"
    assert [(p.field, p.level) for p in problems] == [("posting.deadline", "info")]


def test_competing_sentence_dates_are_not_guessed():
    posting, _, problems = complete_from_body(
        posting_from_meta({"title": "T"}, src="openings/t.md", defaults=RULES)[0],
        "<p>Send your CV by 1 May 2026.</p><p>Apply for the second call by 1 June 2026.</p>",
    )
    assert posting.deadline is None
    assert [(p.field, p.level) for p in problems] == [("posting.deadline", "warning")]
    assert "2 dates compete" in problems[0].message


def test_a_read_deadline_is_in_the_posting_s_own_zone():
    posting, _ = posting_from_meta(
        {"title": "T", "posting": {"timezone": "America/New_York"}},
        src="openings/t.md",
        defaults=RULES,
    )
    completed = complete_from_body(posting, "<p>Deadline: 31 May 2026</p>")[0]
    assert completed.deadline.astimezone(UTC) == datetime(2026, 6, 1, 3, 59, tzinfo=UTC)


def test_front_matter_always_wins():
    posting, _ = posting_from_meta(
        {"title": "T", "posting": {"deadline": "2027-01-31", "apply": "https://a.org/"}},
        src="openings/t.md",
        defaults=RULES,
    )
    completed = complete_from_body(posting, "<p>Deadline: 1 March 2020</p>")[0]
    assert completed.deadline == posting.deadline and completed.deadline_read_from is None


def test_rolling_read_from_the_text_and_a_filled_statement_only_warns():
    posting, _, problems = complete_from_body(
        posting_from_meta({"title": "T"}, src="openings/t.md", defaults=RULES)[0],
        "<p>Open until filled.</p><p>Update: the position has been filled.</p>",
    )
    assert posting.rolling and posting.rolling_read_from == "Open until filled."
    assert posting.declared_status is Status.OPEN  # the statement changes nothing by itself
    assert [(p.field, p.level) for p in problems] == [
        ("posting.rolling", "info"),
        ("posting.status", "warning"),
    ]
    assert "status: filled" in problems[1].message


def test_a_page_that_says_there_is_no_opening_is_not_open():
    posting = migrated("<p>We have currently no open positions.</p>")
    assert posting.status_at(PINNED, 14) is Status.CLOSED


@pytest.mark.parametrize(
    ("meta", "status"),
    [
        ({"category": "closed"}, Status.CLOSED),
        ({"categories": ["jobs", "Archived"]}, Status.CLOSED),
        ({"category": "filled"}, Status.FILLED),
    ],
)
def test_a_category_that_files_the_posting_away_closes_it(meta, status):
    """al-folio keeps past jobs under ``category: closed``: the lab's word that it is past."""
    posting, problems = posting_from_meta({"title": "T", **meta}, src="t.md", defaults=RULES)
    assert posting.declared_status is status
    assert [(p.field, p.level) for p in problems] == [(next(iter(meta)), "info")]


def test_a_status_in_front_matter_wins_over_the_category_and_other_categories_say_nothing():
    stated = {"title": "T", "category": "closed", "posting": {"status": "open"}}
    assert posting_from_meta(stated, src="t.md", defaults=RULES)[0].declared_status is Status.OPEN
    jobs = {"title": "T", "categories": ["jobs", "past-projects"]}
    assert posting_from_meta(jobs, src="t.md", defaults=RULES)[0].declared_status is Status.OPEN


def test_deadlines_and_statements_in_front_matter_texts():
    posting = migrated("", sections=[{"content": "**Application Deadline:** August 18, 2025"}])
    assert posting.deadline == datetime(2025, 8, 18, 23, 59, tzinfo=UTC)
    rolling = migrated("", sections=[{"content": "**Deadline:** Open until filled"}])
    assert rolling.rolling


# ------------------------------------------------------------------ postings age


def aged(**meta: object) -> Posting:
    return posting_from_meta({"title": "T", **meta}, src="openings/t.md", defaults=RULES)[0]


def test_an_undated_posting_ages_out_after_the_maximum_age():
    posting = aged(date="2026-05-01")
    assert posting.ages_out == datetime(2026, 10, 31, 23, 59, 59, tzinfo=UTC)
    assert posting.status_at(datetime(2026, 10, 31, 12, tzinfo=UTC), 14) is Status.OPEN
    assert posting.status_at(datetime(2026, 11, 1, tzinfo=UTC), 14) is Status.CLOSED


def test_a_rolling_posting_ages_from_the_day_it_was_last_reviewed():
    posting = aged(date="2020-01-01", posting={"rolling": True, "reviewed": "2026-10-01"})
    assert posting.status_at(PINNED, 14) is Status.OPEN
    stale = aged(date="2020-01-01", posting={"rolling": True})
    assert stale.status_at(PINNED, 14) is Status.CLOSED


def test_a_dated_posting_or_one_without_a_date_does_not_age():
    assert aged(date="2020-01-01", posting={"deadline": "2030-01-01"}).ages_out is None
    assert aged().ages_out is None  # nothing to count from
    forever = posting_from_meta(
        {"title": "T", "date": "2020-01-01"}, src="openings/t.md", defaults=Defaults()
    )[0]
    assert forever.ages_out is None  # max_age_days: 0


def test_the_posted_date_is_the_day_as_written():
    assert aged(date="2019-03-17T22:00:00-05:00").posted == date(2019, 3, 17)


def test_an_impossible_file_name_date_is_a_warning():
    posting, warnings = posting_from_meta(
        {"title": "T"}, src="_posts/2023-12-32-phd.md", defaults=RULES
    )
    assert posting.posted is None
    assert [(w.field, w.level) for w in warnings] == [("date", "warning")]
    assert "2023-12-32" in warnings[0].message


# ------------------------------------------------------------------ a real build


OLD = "---\ntitle: PhD in Imaging\ndate: 2017-08-01\n---\n\nTo apply, write to a@example.org.\n"
READ = (
    "---\ntitle: Postdoc\ndate: 2026-10-01\n---\n\nWe hire.\n\n"
    "**Application deadline:** 15 January 2027\n\nTo apply, write to b@example.org.\n"
)


def test_a_migrated_old_posting_is_shown_past_and_a_read_deadline_is_shown(make_site, caplog):
    site = make_site()
    site.write("openings/old.md", OLD)
    site.write("openings/read.md", READ)
    with caplog.at_level(logging.INFO):
        site.build(strict=True)  # notes, not warnings
    old = site.page("openings/old/")
    assert old.select_one(".postings-posting")["data-status"] == "closed"
    assert old.select_one("a.postings-apply") is None
    assert old.select_one('script[type="application/ld+json"]') is None
    assert old.select_one('meta[name="robots"]')["content"] == "noindex"
    assert "Posted in August 2017 and no longer open." in old.select_one(".postings-notice").text
    notes = [
        r.getMessage() for r in caplog.records if "openings/old.md: posting.dead" in r.getMessage()
    ]
    assert len(notes) == 1 and "rolling: true  with  reviewed: 2026-12-01" in notes[0]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    read = site.page("openings/read/")
    fact = read.select_one(".postings-fact--deadline").get_text(" ", strip=True)
    assert fact.startswith("Deadline") and fact.endswith("(read from the text)")
    assert read.select_one(".postings-posting")["data-deadline"] == "2027-01-15T22:59:00Z"
    cards = site.page("openings/")
    past = [card.select_one("a").text for card in cards.select(".postings-card")]
    assert past == ["Postdoc", "PhD in Imaging"]  # open first, the aged one under past
    listing = json.loads((site.out / "openings/postings.json").read_text("utf-8"))
    statuses = {r["title"]: r["status"] for r in listing["postings"]}
    assert statuses == {"PhD in Imaging": "closed", "Postdoc": "open"}


def test_an_open_undated_posting_carries_when_it_ages_out(make_site):
    site = make_site(max_age_days=30)
    site.write(
        "openings/new.md",
        "---\ntitle: New\ndate: 2026-11-20\n---\n\nTo apply, write to a@example.org.\n",
    )
    site.build(strict=True)
    page = site.page("openings/new/")
    posting = page.select_one(".postings-posting")
    assert posting["data-status"] == "open" and posting["data-ages-out"] == "2026-12-20T23:59:59Z"
    hidden = page.select_one('.postings-notice[data-status="closed"]')
    assert hidden.has_attr("hidden") and "Posted in November 2026" in hidden.text
    card = site.page("openings/").select_one(".postings-card")
    assert card["data-ages-out"] == "2026-12-20T23:59:59Z"


def test_max_age_days_must_not_be_negative(make_site, caplog):
    from mkdocs.config import load_config

    site = make_site(max_age_days=-1)
    config_file = site.write_config()
    with pytest.raises(Exception, match="configuration error"):
        load_config(str(config_file))
    assert "option 'max_age_days': expected a whole number of 0 or more, got -1" in caplog.text


def test_lazy_patterns_compile_on_first_use_and_match_as_re_does():
    import re

    from mkdocs_postings.body.words import LazyPattern

    lazy = LazyPattern(r"until\s+filled", re.IGNORECASE)
    assert lazy._compiled is None  # nothing compiled at import
    text = "Open UNTIL  filled; until filled."
    assert lazy.search(text).span() == re.search(r"until\s+filled", text, re.I).span()
    assert [m.start() for m in lazy.finditer(text)] == [5, 20]
    assert lazy.match(text) is None and lazy.fullmatch("until filled") is not None
    assert lazy.pattern == r"until\s+filled" and lazy.flags & re.IGNORECASE


def test_with_reading_off_the_text_changes_nothing_and_one_warning_asks_for_a_deadline():
    off = Defaults(timezone=UTC, deadline_from_text=False)
    posting, warnings = posting_from_meta(
        {"title": "T", "posting": {"type": "phd", "apply": "https://a.org/"}},
        src="openings/t.md",
        defaults=off,
    )
    for body in (
        "<p>We hire.</p>",
        "<p>Open until filled.</p>",
        "<p>No open positions at the moment.</p>",
    ):
        completed, _, problems = complete_from_body(posting, body)
        assert not completed.rolling and completed.declared_status is Status.OPEN
        asked = [p for p in [*warnings, *problems] if "no deadline and not rolling" in p.message]
        assert len(asked) == 1, body


def test_an_ambiguous_zone_abbreviation_leaves_the_time_in_the_posting_s_zone():
    (hint,) = find_deadline("Deadline: 1 May 2026 at 5pm IST")  # India, Ireland or Israel
    assert hint.when == datetime(2026, 5, 1, 17, 0) and hint.when.tzinfo is None
