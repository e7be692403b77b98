"""The posting model: front matter in; a Posting, or a PostingError naming the field, out."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from conftest import ZURICH_DEFAULTS

from mkdocs_postings.expiry import Status
from mkdocs_postings.model import Apply, Defaults, Location, PostingError, PostingType, Remote
from mkdocs_postings.reading.validate import posting_from_meta

ZURICH = ZoneInfo("Europe/Zurich")
DEFAULTS = Defaults(
    timezone=ZURICH, deadline_time=time(23, 59), location=Location(locality="Zurich", country="CH")
)
SRC = "openings/phd.md"


def build(meta, body=""):
    return posting_from_meta(meta, src=SRC, defaults=DEFAULTS, body=body)


def native(**fields):
    return {"title": "PhD position", "posting": {"deadline": "2027-01-31", **fields}}


def test_full_posting_from_spec_example():
    posting, warnings = build(
        {
            "title": "Postdoc in Machine Learning in Biomedicine",
            "date": "2026-11-01",
            "tags": ["Machine Learning", "NLP"],
            "categories": ["Data Science"],
            "authors": ["michaelkrauthammer"],
            "summary": "One or two sentences.",
            "posting": {
                "type": "postdoc",
                "status": "open",
                "deadline": "2027-01-31",
                "timezone": "America/New_York",
                "rolling": False,
                "start": "2027-04-01",
                "duration": "2 years",
                "positions": 1,
                "employment_type": "FULL_TIME",
                "location": {"locality": "Zurich", "country": "ch"},
                "remote": "onsite",
                "salary": {
                    "currency": "CHF",
                    "min": 80000,
                    "max": 90000,
                    "unit": "YEAR",
                    "text": "SNF scale",
                },
                "reference": "MI-2027-03",
                "apply": "https://jobs.example.org/123",
                "contact": {"name": "Jane Doe", "email": "jane.doe@example.org"},
                "structured_data": True,
            },
        }
    )
    assert warnings == []
    assert posting.title == "Postdoc in Machine Learning in Biomedicine"
    assert posting.posted == date(2026, 11, 1)
    assert posting.tags == ("Machine Learning", "NLP")
    assert posting.type is PostingType.POSTDOC
    assert posting.declared_status is Status.OPEN
    assert posting.deadline == datetime(2027, 1, 31, 23, 59, tzinfo=ZoneInfo("America/New_York"))
    assert posting.start == date(2027, 4, 1)
    assert posting.location == Location(locality="Zurich", country="CH")
    assert posting.remote is Remote.ONSITE
    assert posting.salary is not None and posting.salary.min == 80000
    assert posting.employment_types == ("FULL_TIME",)
    assert posting.apply == Apply(url="https://jobs.example.org/123")
    assert posting.contact is not None and posting.contact.email == "jane.doe@example.org"
    assert posting.native


@pytest.mark.parametrize(
    ("meta", "attribute", "expected"),
    [
        ({"title": "T", "publishDate": "2026-10-01"}, "posted", date(2026, 10, 1)),
        ({"title": "T", "date": "2020-04-06T00:42:00.000Z"}, "posted", date(2020, 4, 6)),
        ({"title": "T", "date": date(2026, 5, 1)}, "posted", date(2026, 5, 1)),  # TOML date
        (
            {"title": "T", "expiryDate": "2027-03-01"},
            "deadline",
            datetime(2027, 3, 1, 23, 59, tzinfo=ZURICH),
        ),
        ({"title": "T", "tags": "Single"}, "tags", ("Single",)),
        ({"title": "T", "tags": ["A", "A", 42]}, "tags", ("A", "42")),
        ({"title": "T", "author": ["x"]}, "authors", ("x",)),
        ({"title": "<strong>Postdoc</strong>, Deadline"}, "title", "Postdoc, Deadline"),
        ({"title": "", "posting": {"rolling": True}}, "title", "From the body"),
        ({"title": "T", "posting": {"type": "PhD"}, "draft": True}, "draft", True),
        ({"title": "T", "posting": {"type": "post-doc"}}, "type", PostingType.POSTDOC),
        (
            {"title": "T", "posting": {"type": "Research Assistant"}},
            "type",
            PostingType.RESEARCH_ASSISTANT,
        ),
        ({"title": "T", "posting": {"remote": True}}, "remote", Remote.REMOTE),
        (
            {"title": "T", "posting": {"start": "as soon as possible"}},
            "start",
            "as soon as possible",
        ),
        ({"title": "T", "posting": {"status": "Filled"}}, "declared_status", Status.FILLED),
        (
            {"title": "T", "posting": {"deadline": "2027-01-31 12:00", "timezone": "AoE"}},
            "deadline",
            datetime(2027, 2, 1, 0, 0, tzinfo=UTC),
        ),
        (
            {"title": "T", "posting": {"apply": "jobs@example.org"}},
            "apply",
            Apply(email="jobs@example.org"),
        ),
        ({"title": "T", "posting": {"location": "Basel"}}, "location", Location(locality="Basel")),
        ({"title": "T"}, "location", Location(locality="Zurich", country="CH")),  # site default
    ],
)
def test_fields(meta, attribute, expected):
    posting, _ = build(meta, body="# From the body\n\ntext")
    value = getattr(posting, attribute)
    if isinstance(expected, datetime):
        assert value == expected
    else:
        assert value == expected


def test_jekyll_date_in_file_name():
    posting, _ = posting_from_meta(
        {"title": "T"}, src="_posts/2024-05-01-postdoc.md", defaults=DEFAULTS
    )
    assert posting.posted == date(2024, 5, 1)


def test_employment_type_derived_from_type():
    posting, _ = build(native(type="internship"))
    assert posting.employment_types == ("INTERN",)


@pytest.mark.parametrize(
    ("written", "types"),
    [
        ("phd", (PostingType.PHD,)),
        (["phd", "Post-doc"], (PostingType.PHD, PostingType.POSTDOC)),
        (["postdoc", "phd", "postdoc"], (PostingType.POSTDOC, PostingType.PHD)),  # each once
        (["other", "internship"], (PostingType.INTERNSHIP,)),  # "other" beside a kind: left out
        (["other"], (PostingType.OTHER,)),
    ],
)
def test_type_may_be_a_list_of_the_kinds_a_page_offers(written, types):
    posting, warnings = build(native(type=written))
    assert warnings == []
    assert posting.types == types
    assert posting.type is types[0]  # the first kind: what code reading one type sees
    assert posting.other_types == types[1:]


def test_employment_types_of_several_kinds_are_their_union_in_order():
    posting, _ = build(native(type=["phd", "internship", "postdoc"]))
    assert posting.employment_types == ("FULL_TIME", "TEMPORARY", "INTERN")
    stated, _ = build(native(type=["phd", "internship"], employment_type="PART_TIME"))
    assert stated.employment_types == ("PART_TIME",)


@pytest.mark.parametrize(
    ("apply", "reference", "href"),
    [
        ("https://jobs.example.org/1", None, "https://jobs.example.org/1"),
        (
            {"email": "jobs@example.org"},
            "MI-1",
            "mailto:jobs@example.org?subject=Application%3A%20MI-1",
        ),
        (
            "mailto:jobs@example.org",
            None,
            "mailto:jobs@example.org?subject=Application%3A%20PhD%20position",
        ),
        ("mailto:jobs@example.org?subject=Hello", "MI-1", "mailto:jobs@example.org?subject=Hello"),
    ],
)
def test_apply_href_carries_reference_in_mail_subject(apply, reference, href):
    posting, _ = build(native(apply=apply, reference=reference))
    assert posting.apply_href == href


@pytest.mark.parametrize(
    ("meta", "field", "message"),
    [
        ({"posting": {"deadline": "2027-01-31"}}, "title", "missing"),
        (native(deadline="31.01.2027"), "posting.deadline", "YYYY-MM-DD"),
        (native(deadline="2027-02-30"), "posting.deadline", "not a date"),
        (native(deadline="tomorrow"), "posting.deadline", "not a date"),
        (native(deadline=20270131), "posting.deadline", "not a date"),
        (native(type="professorship-ish"), "posting.type", "phd, postdoc"),
        (native(type=["phd", "wizard"]), "posting.type", "'wizard' is not one of: phd, postdoc"),
        (native(type=[]), "posting.type", "empty list; write one of: phd, postdoc"),
        (native(type=["phd", ["postdoc"]]), "posting.type", "got a list inside it"),
        (native(type=["phd", ""]), "posting.type", "is empty; write one of"),
        (native(status="maybe"), "posting.status", "open, filled, cancelled"),
        (native(remote="sometimes"), "posting.remote", "onsite, hybrid, remote"),
        (native(apply="javascript:alert(1)"), "posting.apply", "https://"),
        (native(apply="ftp://example.org/x"), "posting.apply", "https://"),
        (native(apply="/contact/"), "posting.apply", "https://"),
        (native(apply={"url": "data:text/html,x"}), "posting.apply.url", "https://"),
        (native(apply={"label": "Apply"}), "posting.apply", "url or an email"),
        (native(positions=-1), "posting.positions", "between 1"),
        (native(positions=10**9), "posting.positions", "between 1"),
        (native(positions="two"), "posting.positions", "whole number"),
        (native(timezone="Mars/Base"), "posting.timezone", "IANA"),
        (native(employment_type="SOMETIMES"), "posting.employment_type", "FULL_TIME"),
        (native(salary={"currency": "Swiss francs"}), "posting.salary.currency", "CHF"),
        (native(salary={"min": "lots"}), "posting.salary.min", "number"),
        (native(contact={"email": "not-an-address"}), "posting.contact.email", "e-mail"),
        ({"title": "T", "posting": ["a"]}, "posting", "mapping"),
        ({"title": "T", "tags": [{"a": 1}]}, "tags", "list"),
        ({"title": "T", "date": "yesterday"}, "date", "not a date"),
    ],
)
def test_errors_name_file_and_field(meta, field, message):
    with pytest.raises(PostingError) as caught:
        build(meta)
    error = caught.value
    assert error.file == SRC
    assert error.field == field
    assert message in str(error)
    assert str(error).startswith(f"{SRC}: {field}: ")
    assert "\n" not in str(error)


@pytest.mark.parametrize(
    ("meta", "field"),
    [
        (native(deadlin="2027-01-01"), "posting.deadlin"),  # unknown key, with a suggestion
        (
            {"title": "T", "date": "2027-03-01", "posting": {"deadline": "2027-01-31"}},
            "posting.deadline",
        ),  # deadline before posted
        (native(rolling=True), "posting.rolling"),  # rolling and a deadline
        ({"title": "T", "posting": None}, "posting"),
    ],
)
def test_warnings_name_file_and_field(meta, field):
    _, warnings = build(meta)
    assert warnings[0].field == field
    assert len(warnings) == 1 or meta.get("posting") is None
    assert str(warnings[0]).startswith(f"{SRC}: {field}: ")


def test_unknown_key_warning_suggests_the_close_match():
    _, warnings = build(native(deadlin="2027-01-01"))
    assert "did you mean 'deadline'" in warnings[0].message


def test_legacy_file_without_title_uses_file_name_with_a_warning():
    posting, warnings = posting_from_meta(
        {"date": "2023-12-22"}, src="news/join-us.md", defaults=DEFAULTS
    )
    assert posting.title == "join us"
    assert [w.field for w in warnings] == ["title"]


# ------------------------------------------------------------------ values left empty
# A field whose value comes from a fixed list, or a mapping that must say something, written
# and left empty, is an error naming the file and the field, as an unknown value is. Absent
# lines keep their defaults.

EMPTY = ["", "   ", None]
"""``key: ""``, ``key: "   "`` and ``key:`` with nothing after the colon."""


def read(**fields: object):
    meta = {"title": "PhD", "posting": {"deadline": "2027-01-31", **fields}}
    return posting_from_meta(meta, src="openings/phd.md", defaults=ZURICH_DEFAULTS)


FIXED_LISTS = [
    ("type", "posting.type", "phd, postdoc"),
    ("status", "posting.status", "open, filled, cancelled, closed"),
    ("employment_type", "posting.employment_type", "FULL_TIME, PART_TIME"),
    ("remote", "posting.remote", "onsite, hybrid, remote"),
]


@pytest.mark.parametrize("empty", EMPTY)
@pytest.mark.parametrize(("key", "field", "choices"), FIXED_LISTS)
def test_an_empty_value_of_a_fixed_list_is_an_error_naming_file_field_and_choices(
    key, field, choices, empty
):
    with pytest.raises(PostingError) as raised:
        read(**{key: empty})
    assert str(raised.value).startswith(f"openings/phd.md: {field}: is empty; write one of: ")
    assert choices in str(raised.value)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize("empty", [[], [""], ["FULL_TIME", " "]])
def test_an_empty_list_of_employment_types_is_an_error(empty):
    with pytest.raises(PostingError, match=r"posting\.employment_type: is empty"):
        read(employment_type=empty)


@pytest.mark.parametrize(
    ("salary", "field"),
    [
        ({"currency": "CHF", "min": 1, "unit": ""}, "posting.salary.unit"),
        ({"currency": "CHF", "min": 1, "unit": None}, "posting.salary.unit"),
        ({"currency": "", "min": 1}, "posting.salary.currency"),
        ({"currency": "  ", "min": 1}, "posting.salary.currency"),
    ],
)
def test_an_empty_salary_unit_or_currency_is_an_error(salary, field):
    with pytest.raises(PostingError, match=rf"{field}: is empty"):
        read(salary=salary)


@pytest.mark.parametrize("key", ["location", "salary", "contact"])
@pytest.mark.parametrize("empty", [{}, "", "  ", {"locality": "", "name": None}])
def test_an_empty_mapping_where_a_value_is_required_is_an_error(key, empty):
    with pytest.raises(PostingError, match=rf"posting\.{key}: is empty; write e\.g\. \{{"):
        read(**{key: empty})


def test_absent_lines_keep_their_defaults():
    posting, warnings = read()
    assert posting.type.value == "other"
    assert posting.declared_status.value == "open"
    assert posting.employment_type == ()
    assert posting.remote is None
    assert posting.location == ZURICH_DEFAULTS.location
    assert posting.salary is None and posting.contact is None
    assert warnings == []


def test_filled_values_still_read_as_before():
    posting, _ = read(
        type="PhD",
        status="filled",
        employment_type="full-time",
        remote=True,
        location="Basel",
        salary={"currency": "chf", "min": 1, "unit": "year"},
        contact="jane@example.org",
    )
    assert posting.type.value == "phd"
    assert posting.declared_status.value == "filled"
    assert posting.employment_type == ("FULL_TIME",)
    assert posting.remote is Remote.REMOTE
    assert posting.location.locality == "Basel"
    assert (posting.salary.currency, posting.salary.unit) == ("CHF", "YEAR")
    assert posting.contact.email == "jane@example.org"
