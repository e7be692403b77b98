"""Values left empty: a field whose value comes from a fixed list, or a mapping that must say
something, written and left empty, is an error naming the file and the field, as an unknown
value is. Absent lines keep their defaults."""

from __future__ import annotations

import pytest
from conftest import ZURICH_DEFAULTS

from mkdocs_postings.model import PostingError, Remote
from mkdocs_postings.reading.validate import posting_from_meta

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


def test_the_site_wide_location_left_empty_is_a_config_error(make_site):
    site = make_site(location={})
    result = site.run_mkdocs("--strict")
    assert result.returncode != 0
    assert "location" in result.stderr and "is empty" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "line", ['type: ""', 'status: ""', 'employment_type: ""', 'remote: ""', "contact: {}"]
)
def test_a_build_stops_on_an_empty_value_with_one_line(make_site, line):
    site = make_site()
    site.write(
        "openings/phd.md", f"---\ntitle: PhD\nposting:\n  deadline: 2027-01-31\n  {line}\n---\nT.\n"
    )
    result = site.run_mkdocs("--strict")
    assert result.returncode != 0
    field = line.split(":")[0]
    errors = [row for row in result.stderr.splitlines() if "openings/phd.md" in row]
    assert len(errors) == 1, result.stderr
    assert f"openings/phd.md: posting.{field}: is empty" in errors[0]
    assert "Traceback" not in result.stderr


def test_a_misspelt_key_of_the_site_wide_location_warns_and_fails_strict(make_site):
    site = make_site(location={"locality": "Zurich", "contry": "CH"})
    result = site.run_mkdocs("--strict")
    assert result.returncode != 0
    line = next(row for row in result.stderr.splitlines() if "contry" in row)
    assert "location.contry: unknown key, ignored; did you mean 'country'?" in line
    assert site.run_mkdocs().returncode == 0  # a warning: without --strict it builds
