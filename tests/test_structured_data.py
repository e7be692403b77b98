"""JobPosting JSON-LD: Google's rules checked offline, past postings without it, safe embedding."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import PINNED, ZURICH_DEFAULTS, Site
from hooks import assert_nlp_job_posting, json_ld

from mkdocs_postings.model import EMPLOYMENT_TYPES, SALARY_UNITS, Apply, Location, Posting, Salary
from mkdocs_postings.publishing.structured_data import (
    Organization,
    job_posting,
    json_ld_script,
)
from mkdocs_postings.reading.validate import posting_from_meta

NOW = PINNED
DEFAULTS = ZURICH_DEFAULTS
ORG = Organization(
    name="University of Zurich",
    url="https://www.uzh.ch",
    logo="https://www.uzh.ch/logo.png",
    same_as=("https://en.wikipedia.org/wiki/University_of_Zurich",),
    unit="Chair of Medical Informatics",
)
BODY = "<h2>Summary</h2><p>We are hiring.</p>"
URL = "https://lab.example.org/openings/postdoc/"


def make(fields: dict[str, Any] | None = None, **top: Any) -> Posting:
    meta = {"title": "Postdoc in Machine Learning", "date": "2026-11-01", **top}
    meta["posting"] = {"deadline": "2027-01-31", **(fields or {})}
    posting, _ = posting_from_meta(meta, src="openings/postdoc.md", defaults=DEFAULTS)
    return posting


def ld(posting: Posting, organization: Organization = ORG, **kwargs: Any) -> dict[str, Any] | None:
    options: dict[str, Any] = {
        "description_html": BODY,
        "url": URL,
        "organization": organization,
        "now": NOW,
        "closing_soon_days": 14,
    }
    options.update(kwargs)
    return job_posting(posting, **options)


# --------------------------------------------------------------------------- offline validator

_OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)$")


def google_problems(data: dict[str, Any]) -> list[str]:
    """What Google's job-posting guidelines would reject in ``data`` (plain checks)."""
    problems: list[str] = []

    def need(condition: bool, message: str) -> None:
        if not condition:
            problems.append(message)

    def nonempty_text(value: Any) -> bool:
        return isinstance(value, str) and bool(value.strip())

    need(data.get("@context") == "https://schema.org", "@context")
    need(data.get("@type") == "JobPosting", "@type")
    need(nonempty_text(data.get("title")), "title is required")
    need(nonempty_text(data.get("description")), "description is required")
    try:
        date.fromisoformat(data["datePosted"])
    except (KeyError, TypeError, ValueError):
        problems.append("datePosted is required as an ISO 8601 date")

    org = data.get("hiringOrganization")
    need(isinstance(org, dict) and org.get("@type") == "Organization", "hiringOrganization")
    need(isinstance(org, dict) and nonempty_text(org.get("name")), "hiringOrganization.name")

    place = data.get("jobLocation")
    has_address = (
        isinstance(place, dict)
        and place.get("@type") == "Place"
        and isinstance(place.get("address"), dict)
        and place["address"].get("@type") == "PostalAddress"
        and nonempty_text(place["address"].get("addressCountry"))
    )
    requirement = data.get("applicantLocationRequirements")
    is_remote = (
        data.get("jobLocationType") == "TELECOMMUTE"
        and isinstance(requirement, dict)
        and requirement.get("@type") == "Country"
        and nonempty_text(requirement.get("name"))
    )
    need(
        has_address or is_remote,
        "jobLocation.address.addressCountry, or TELECOMMUTE with applicantLocationRequirements",
    )

    if "employmentType" in data:
        kinds = data["employmentType"]
        kinds = [kinds] if isinstance(kinds, str) else kinds
        need(
            isinstance(kinds, list) and bool(kinds) and all(k in EMPLOYMENT_TYPES for k in kinds),
            f"employmentType {data['employmentType']!r} is not Google's enum",
        )
    if "validThrough" in data:
        value = data["validThrough"]
        need(
            isinstance(value, str)
            and bool(_OFFSET.match(value))
            and datetime.fromisoformat(value).tzinfo is not None,
            f"validThrough {value!r} is not ISO 8601 with an offset",
        )
    if "baseSalary" in data:
        problems.extend(_salary_problems(data["baseSalary"]))
    if "identifier" in data:
        identifier = data["identifier"]
        need(
            identifier.get("@type") == "PropertyValue"
            and nonempty_text(identifier.get("name"))
            and nonempty_text(identifier.get("value")),
            "identifier",
        )
    if "directApply" in data:
        need(isinstance(data["directApply"], bool), "directApply must be a boolean")
    if "totalJobOpenings" in data:
        need(
            isinstance(data["totalJobOpenings"], int) and data["totalJobOpenings"] > 0,
            "totalJobOpenings",
        )
    if "jobStartDate" in data:
        try:
            date.fromisoformat(data["jobStartDate"])
        except (TypeError, ValueError):
            problems.append("jobStartDate")
    need(not _has_null(data), "no property may be null or empty")
    return problems


def _salary_problems(salary: Any) -> list[str]:
    if not isinstance(salary, dict) or salary.get("@type") != "MonetaryAmount":
        return ["baseSalary must be a MonetaryAmount"]
    problems = []
    if not re.fullmatch(r"[A-Z]{3}", str(salary.get("currency", ""))):
        problems.append("baseSalary.currency must be an ISO 4217 code")
    value = salary.get("value")
    if not isinstance(value, dict) or value.get("@type") != "QuantitativeValue":
        return [*problems, "baseSalary.value must be a QuantitativeValue"]
    numbers = {k: value[k] for k in ("value", "minValue", "maxValue") if k in value}
    if not numbers or not all(isinstance(n, int | float) for n in numbers.values()):
        problems.append("baseSalary.value needs value or minValue/maxValue numbers")
    if (
        "minValue" in numbers
        and "maxValue" in numbers
        and numbers["minValue"] > numbers["maxValue"]
    ):
        problems.append("baseSalary minValue > maxValue")
    if value.get("unitText") not in SALARY_UNITS:
        problems.append("baseSalary.value.unitText must be HOUR, DAY, WEEK, MONTH or YEAR")
    return problems


def _has_null(value: Any) -> bool:
    if value is None or value == {} or value == []:
        return True
    if isinstance(value, dict):
        return any(_has_null(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_null(v) for v in value)
    return False


VALID_POSTINGS = {
    "spec example": make(
        {
            "type": "postdoc",
            "timezone": "America/New_York",
            "start": "2027-04-01",
            "duration": "2 years",
            "positions": 1,
            "employment_type": "FULL_TIME",
            "location": {"locality": "Zurich", "country": "ch"},
            "remote": "onsite",
            "salary": {"currency": "CHF", "min": 80000, "max": 90000, "unit": "YEAR"},
            "reference": "MI-2027-03",
            "apply": "https://jobs.example.org/123",
            "contact": {"name": "Jane Doe", "email": "jane.doe@example.org"},
        },
        tags=["Machine Learning", "NLP"],
    ),
    "minimal": make(),
    "phd by e-mail": make({"type": "phd", "apply": "mailto:jobs@example.org"}),
    "remote": make({"remote": "remote", "location": {"country": "DE"}}),
    "hybrid": make({"remote": "hybrid", "location": {"locality": "Bern", "country": "CH"}}),
    "salary value": make({"salary": {"currency": "EUR", "value": 4000, "unit": "MONTH"}}),
    "salary text only": make({"salary": "TV-L E13"}),
    "rolling": make({"rolling": True}, date="2026-10-01"),
    "anywhere on earth": make({"timezone": "AoE", "deadline": "2027-06-30"}),
    "hugo academic": posting_from_meta(
        {
            "title": "Research assistant",
            "date": "2026-11-15",
            "expiryDate": "2027-02-15",
            "tags": ["Opportunities"],
        },
        src="openings/ra.md",
        defaults=DEFAULTS,
    )[0],
}


@pytest.mark.parametrize("posting", VALID_POSTINGS.values(), ids=VALID_POSTINGS.keys())
def test_open_postings_meet_googles_rules(posting: Posting) -> None:
    data = ld(posting)
    assert data is not None
    assert google_problems(data) == []


@pytest.mark.parametrize(
    ("mutation", "expected"),
    [
        ({"title": ""}, "title is required"),
        ({"datePosted": None}, "datePosted is required as an ISO 8601 date"),
        ({"validThrough": "2027-01-31T23:59:00"}, "validThrough"),
        ({"employmentType": "FULLTIME"}, "employmentType"),
        ({"jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress"}}}, "jobLocation"),
        ({"baseSalary": {"@type": "MonetaryAmount", "currency": "CHF"}}, "QuantitativeValue"),
        ({"hiringOrganization": {"@type": "Organization"}}, "hiringOrganization.name"),
    ],
)
def test_validator_catches_what_google_rejects(mutation: dict[str, Any], expected: str) -> None:
    data = ld(VALID_POSTINGS["spec example"])
    assert data is not None
    data.update(mutation)
    assert any(expected in problem for problem in google_problems(data))


def test_spec_example_in_full() -> None:
    data = ld(VALID_POSTINGS["spec example"])
    assert data == {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Postdoc in Machine Learning",
        "description": BODY,
        "datePosted": "2026-11-01",
        "validThrough": "2027-01-31T23:59:00-05:00",
        "employmentType": "FULL_TIME",
        "hiringOrganization": {
            "@type": "Organization",
            "name": "University of Zurich",
            "sameAs": ["https://www.uzh.ch", "https://en.wikipedia.org/wiki/University_of_Zurich"],
            "logo": "https://www.uzh.ch/logo.png",
        },
        "employmentUnit": {"@type": "Organization", "name": "Chair of Medical Informatics"},
        "identifier": {
            "@type": "PropertyValue",
            "name": "University of Zurich",
            "value": "MI-2027-03",
        },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Zurich",
                "addressCountry": "CH",
            },
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "CHF",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": 80000,
                "maxValue": 90000,
                "unitText": "YEAR",
            },
        },
        "directApply": True,
        "jobStartDate": "2027-04-01",
        "totalJobOpenings": 1,
        "url": URL,
    }


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, "2027-01-31T23:59:00+01:00"),
        ({"deadline": "2027-07-31"}, "2027-07-31T23:59:00+02:00"),
        ({"deadline": "2027-01-31 12:00"}, "2027-01-31T12:00:00+01:00"),
        ({"timezone": "AoE"}, "2027-01-31T23:59:00-12:00"),
        ({"timezone": "UTC"}, "2027-01-31T23:59:00+00:00"),
        ({"timezone": "Asia/Kolkata"}, "2027-01-31T23:59:00+05:30"),
    ],
)
def test_valid_through_keeps_the_deadline_offset(fields: dict[str, Any], expected: str) -> None:
    data = ld(make(fields))
    assert data is not None
    assert data["validThrough"] == expected


def test_rolling_posting_has_no_valid_through() -> None:
    data = ld(make({"rolling": True}))
    assert data is not None
    assert "validThrough" not in data


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"type": "engineer"}, "FULL_TIME"),
        ({"type": "phd"}, ["FULL_TIME", "TEMPORARY"]),
        ({"type": ["phd", "internship"]}, ["FULL_TIME", "TEMPORARY", "INTERN"]),  # the union
        ({"type": ["research_assistant", "phd"]}, ["PART_TIME", "FULL_TIME", "TEMPORARY"]),
        ({"type": "phd", "employment_type": "PART_TIME"}, "PART_TIME"),
        ({"employment_type": ["FULL_TIME", "CONTRACTOR"]}, ["FULL_TIME", "CONTRACTOR"]),
        ({"type": "other"}, None),
    ],
)
def test_employment_type(fields: dict[str, Any], expected: str | list[str] | None) -> None:
    data = ld(make(fields))
    assert data is not None
    assert data.get("employmentType") == expected


@pytest.mark.parametrize(
    ("salary", "expected_value"),
    [
        (
            {"currency": "CHF", "min": 80000, "max": 90000, "unit": "YEAR"},
            {"minValue": 80000, "maxValue": 90000, "unitText": "YEAR"},
        ),
        ({"currency": "EUR", "value": 4000, "unit": "MONTH"}, {"value": 4000, "unitText": "MONTH"}),
        ({"currency": "USD", "min": 30, "unit": "HOUR"}, {"minValue": 30, "unitText": "HOUR"}),
    ],
)
def test_base_salary_from_numbers(salary: dict[str, Any], expected_value: dict[str, Any]) -> None:
    data = ld(make({"salary": salary}))
    assert data is not None
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": salary["currency"],
        "value": {"@type": "QuantitativeValue", **expected_value},
    }


@pytest.mark.parametrize("salary", ["SNF scale", {"text": "TV-L E13", "currency": "EUR"}])
def test_no_base_salary_without_numbers(salary: Any) -> None:
    data = ld(make({"salary": salary}))
    assert data is not None
    assert "baseSalary" not in data


@pytest.mark.parametrize(
    ("apply", "expected"),
    [
        ("https://jobs.example.org/123", True),
        ("http://jobs.example.org/123", True),
        ("mailto:jobs@example.org", False),
        ("jobs@example.org", False),
        ({"email": "jobs@example.org", "label": "Send CV"}, False),
        (None, False),
    ],
)
def test_direct_apply_only_for_web_forms(apply: Any, expected: bool) -> None:
    data = ld(make({"apply": apply} if apply else {}))
    assert data is not None
    assert data["directApply"] is expected


def test_apply_found_in_the_body_counts_too() -> None:
    posting = replace(make(), apply=Apply(url="https://jobs.example.org/9", found_in="section"))
    data = ld(posting)
    assert data is not None
    assert data["directApply"] is True


def test_remote_posting_is_telecommute_with_country() -> None:
    data = ld(make({"remote": "remote", "location": {"locality": "Zurich", "country": "CH"}}))
    assert data is not None
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "CH"}
    assert "jobLocation" not in data


def test_remote_posting_without_country_has_no_requirement() -> None:
    posting = replace(make({"remote": "remote"}), location=Location(locality="Zurich"))
    data = ld(posting)
    assert data is not None
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert "applicantLocationRequirements" not in data


def test_full_address() -> None:
    location = {
        "street_address": "Rämistrasse 71",
        "locality": "Zurich",
        "region": "ZH",
        "postal_code": "8006",
        "country": "CH",
    }
    data = ld(make({"location": location}))
    assert data is not None
    assert data["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Rämistrasse 71",
        "addressLocality": "Zurich",
        "addressRegion": "ZH",
        "postalCode": "8006",
        "addressCountry": "CH",
    }


def test_no_location_at_all() -> None:
    data = ld(replace(make(), location=None))
    assert data is not None
    assert "jobLocation" not in data
    assert "jobLocationType" not in data


def test_optional_properties_absent_when_unknown() -> None:
    posting = replace(make({"start": "as soon as possible"}), posted=None)
    data = ld(posting, Organization(name="University of Zurich"), url=None)
    assert data is not None
    for key in (
        "datePosted",
        "jobStartDate",
        "identifier",
        "totalJobOpenings",
        "employmentUnit",
        "url",
    ):
        assert key not in data
    assert data["hiringOrganization"] == {"@type": "Organization", "name": "University of Zurich"}
    assert not _has_null(data)


def test_same_as_is_deduplicated() -> None:
    org = Organization(name="UZH", url="https://www.uzh.ch", same_as=("https://www.uzh.ch",))
    data = ld(make(), org)
    assert data is not None
    assert data["hiringOrganization"]["sameAs"] == "https://www.uzh.ch"


PAST = {
    "filled": make({"status": "filled"}),
    "cancelled": make({"status": "cancelled"}),
    "closed by hand": make({"status": "closed"}),
    "deadline passed": make({"deadline": "2026-11-30"}),
    "deadline passed a minute ago": make({"deadline": "2026-12-01 12:59"}),
    "filled and rolling": make({"status": "filled", "rolling": True}),
    "opted out": make({"structured_data": False}),
}


@pytest.mark.parametrize("posting", PAST.values(), ids=PAST.keys())
def test_past_or_opted_out_postings_get_none(posting: Posting) -> None:
    assert ld(posting) is None


@pytest.mark.parametrize(
    "fields", [{"deadline": "2026-12-05"}, {"deadline": "2026-12-01 13:01"}, {"rolling": True}]
)
def test_closing_soon_and_rolling_postings_still_get_it(fields: dict[str, Any]) -> None:
    assert ld(make(fields)) is not None


# --------------------------------------------------------------------------- safe embedding

HOSTILE = '</script><!--<script>alert("x")</script> & \u2028 \u2029 "quoted" <b>'


def hostile_posting() -> Posting:
    """Hostile text in every field, set directly so the model's tag stripping cannot help."""
    return replace(
        make({"start": "2027-04-01", "positions": 2, "apply": "https://jobs.example.org/1"}),
        title=f"PhD {HOSTILE}",
        summary=f"Summary {HOSTILE}",
        reference=f"REF {HOSTILE}",
        location=Location(
            locality=f"Zurich {HOSTILE}",
            region=f"ZH {HOSTILE}",
            country="CH",
            postal_code=f"8006 {HOSTILE}",
            street_address=f"Street {HOSTILE}",
        ),
        salary=Salary(currency="CHF", min=1, max=2, unit="YEAR", text=HOSTILE),
    )


def hostile_data() -> dict[str, Any]:
    organization = Organization(
        name=f"Uni {HOSTILE}",
        url="https://www.uzh.ch/?a=1&b=</script>",
        logo="https://www.uzh.ch/logo.png?<!--",
        same_as=(f"https://example.org/{HOSTILE}",),
        unit=f"Lab {HOSTILE}",
    )
    data = ld(
        hostile_posting(),
        organization,
        description_html=f"<p>{HOSTILE}</p><script>evil()</script>",
        url=f"https://lab.example.org/openings/x/?q={HOSTILE}",
    )
    assert data is not None
    return data


def test_hostile_strings_stay_inside_one_script_element() -> None:
    data = hostile_data()
    page = "<html><head>" + json_ld_script(data) + "</head><body></body></html>"
    soup = BeautifulSoup(page, "html.parser")
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    assert len(soup.find_all("script")) == 1
    assert json.loads(scripts[0].string) == data
    assert scripts[0].find_parent("head") is not None


def test_hostile_strings_round_trip() -> None:
    data = hostile_data()
    text = json_ld_script(data)
    parsed = json.loads(BeautifulSoup(text, "html.parser").script.string)
    assert parsed["title"] == f"PhD {HOSTILE}"
    assert parsed["identifier"]["value"] == f"REF {HOSTILE}"
    assert parsed["hiringOrganization"]["name"] == f"Uni {HOSTILE}"
    assert parsed["jobLocation"]["address"]["addressLocality"] == f"Zurich {HOSTILE}"
    assert parsed["employmentUnit"]["name"] == f"Lab {HOSTILE}"


def test_script_body_has_no_character_that_html_or_javascript_would_read() -> None:
    text = json_ld_script(hostile_data())
    opening = '<script type="application/ld+json">'
    assert text.startswith(opening) and text.endswith("</script>")
    body = text[len(opening) : -len("</script>")]
    # The HTML tokenizer leaves script data only at "</script" and changes state at "<!--".
    for character in ("<", ">", "&", "\u2028", "\u2029"):
        assert character not in body


def test_script_json_is_deterministic_and_keeps_key_order() -> None:
    data = ld(VALID_POSTINGS["spec example"])
    assert data is not None
    first = json_ld_script(data)
    assert first == json_ld_script(dict(data))
    body = first[len('<script type="application/ld+json">') : -len("</script>")]
    assert body.startswith('{"@context":"https://schema.org","@type":"JobPosting","title":')


def test_script_keeps_non_ascii_text_readable() -> None:
    text = json_ld_script({"name": "Universität Zürich – Lab"})
    assert "Universität Zürich – Lab" in text


def test_empty_values_are_dropped_at_every_depth():
    from mkdocs_postings.publishing.structured_data import _without_empty

    data = {
        "a": None,
        "b": {},
        "c": [],
        "d": {"e": None, "f": {"g": []}},
        "h": [None, "x", {"i": None, "j": 0}],
        "k": False,
        "l": "",
    }
    assert _without_empty(data) == {"h": ["x", {"j": 0}], "k": False, "l": ""}


# --------------------------------------------------------------------------- in real builds
# The example site built strictly (conftest's ``built``): JSON-LD on the open postings' pages
# only, its facts shown on the page.


def test_open_posting_pages_carry_one_job_posting(built: Site):
    assert_nlp_job_posting(built.page("openings/phd-clinical-nlp/"), "University of Zurich")


@pytest.mark.parametrize(
    "url",
    [
        "openings/research-assistant-data-engineering/",
        "openings/research-software-engineer/",
        "openings/summer-internship-2027/",
        "openings/",
        "",
    ],
)
def test_past_postings_and_listing_pages_carry_none(built: Site, url):
    assert json_ld(built.page(url)) == []


def test_json_ld_facts_are_visible_on_the_page(built: Site):
    page = built.page("openings/phd-clinical-nlp/")
    data = json_ld(page)[0]
    facts = page.select_one(".postings-facts").get_text(" ")
    assert data["hiringOrganization"]["name"] in facts
    assert data["identifier"]["value"] in facts
    assert "28 February 2027, 23:59 CET" in facts  # validThrough
    assert "Full time, Temporary" in facts  # employmentType
    assert str(data["totalJobOpenings"]) in facts
