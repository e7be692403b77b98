"""schema.org ``JobPosting`` JSON-LD for open posting pages, and its safe ``<script>`` element.

Follows Google's job-posting guidelines (developers.google.com/search/docs/appearance/
structured-data/job-posting): only open postings carry the data, every property mirrors something
the page shows, and ``validThrough`` keeps the deadline's zone offset. Pure Python: "now" is an
argument, no MkDocs or Sphinx import.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from mkdocs_postings.model import Location, Posting, Remote, Salary
from mkdocs_postings.text import uri

__all__ = [
    "Organization",
    "job_posting",
    "json_ld_script",
]


@dataclass(frozen=True)
class Organization:
    """The legal employer (``hiringOrganization``), and optionally the lab within it."""

    name: str
    url: str | None = None
    logo: str | None = None
    same_as: tuple[str, ...] = ()
    unit: str | None = None
    """The lab or department (``employmentUnit``), e.g. "Chair of Medical Informatics"."""


def job_posting(
    posting: Posting,
    *,
    description_html: str,
    url: str | None,
    organization: Organization,
    now: datetime,
    closing_soon_days: int,
) -> dict[str, Any] | None:
    """The ``JobPosting`` JSON-LD object for ``posting`` at ``now``, or None if it gets none.

    None when the posting is past at ``now`` (closed by its deadline, filled or cancelled) or
    opts out with ``structured_data: false``. ``description_html`` is the full posting as HTML,
    as Google asks. Keys whose value is unknown are left out, never set to null; note that
    Google requires ``datePosted``, which is missing when the posting has no posted date.
    """
    if not posting.structured_data or posting.status_at(now, closing_soon_days).is_past:
        return None
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": posting.title,
        "description": description_html,
        "datePosted": posting.posted.isoformat() if posting.posted else None,
        "validThrough": (
            posting.deadline.isoformat(timespec="seconds") if posting.deadline else None
        ),
        "employmentType": _one_or_many(posting.employment_types),
        "hiringOrganization": _hiring_organization(organization),
        "employmentUnit": (
            {"@type": "Organization", "name": organization.unit} if organization.unit else None
        ),
        "identifier": (
            {"@type": "PropertyValue", "name": organization.name, "value": posting.reference}
            if posting.reference
            else None
        ),
        **_location(posting.location, posting.remote),
        "baseSalary": _base_salary(posting.salary),
        "directApply": _is_web_url(posting.apply_href),
        "jobStartDate": posting.start.isoformat() if isinstance(posting.start, date) else None,
        "totalJobOpenings": posting.positions,
        "url": uri(url) if url else None,
    }
    return _without_empty(data)


def json_ld_script(data: Mapping[str, Any]) -> str:
    """A ``<script type="application/ld+json">`` element holding ``data``.

    ``<``, ``>`` and ``&`` are written as JSON escapes, so no field can close the element or
    open a comment inside it (``</script>``, ``<!--``); U+2028/U+2029 are escaped for the
    JavaScript parsers that treat them as line ends. The JSON stays equal to ``data``; a NaN
    or infinity in it raises ``ValueError`` (JSON has no such numbers; search engines would
    drop the whole element).
    """
    text = json.dumps(
        data, ensure_ascii=False, sort_keys=False, separators=(",", ":"), allow_nan=False
    )
    return f'<script type="application/ld+json">{_script_safe(text)}</script>'


def _script_safe(json_text: str) -> str:
    """JSON text with the characters of ``_SCRIPT_ESCAPES`` written as JSON escapes. They can
    only occur inside JSON strings, where an escape means the same. (str.replace per
    character: several times faster than str.translate with a dict.)"""
    for char, escaped in _SCRIPT_ESCAPES:
        if char in json_text:
            json_text = json_text.replace(char, escaped)
    return json_text


_SCRIPT_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def _hiring_organization(organization: Organization) -> dict[str, Any]:
    same_as = tuple(dict.fromkeys(u for u in (organization.url, *organization.same_as) if u))
    return {
        "@type": "Organization",
        "name": organization.name,
        "sameAs": _one_or_many(same_as),
        "logo": organization.logo,
    }


def _location(location: Location | None, remote: Remote | None) -> dict[str, Any]:
    """``jobLocation`` for on-site and hybrid work; the telecommute properties for remote work.

    Google reads a fully remote job from ``jobLocationType`` and the countries whose residents
    may apply; the lab's own address would wrongly restrict it to commuting distance.
    """
    if remote is Remote.REMOTE:
        country = location.country if location else None
        return {
            "jobLocationType": "TELECOMMUTE",
            "applicantLocationRequirements": (
                {"@type": "Country", "name": country} if country else None
            ),
        }
    if location is None:
        return {}
    address = {
        "@type": "PostalAddress",
        "streetAddress": location.street_address,
        "addressLocality": location.locality,
        "addressRegion": location.region,
        "postalCode": location.postal_code,
        "addressCountry": location.country,
    }
    if all(value is None for key, value in address.items() if key != "@type"):
        return {}
    return {"jobLocation": {"@type": "Place", "address": address}}


def _base_salary(salary: Salary | None) -> dict[str, Any] | None:
    # A salary given only as text ("SNF scale") is shown on the page but is no baseSalary.
    if salary is None or not salary.has_numbers:
        return None
    if salary.min is not None or salary.max is not None:
        amount = {"minValue": salary.min, "maxValue": salary.max}
    else:
        amount = {"value": salary.value}
    return {
        "@type": "MonetaryAmount",
        "currency": salary.currency,
        "value": {"@type": "QuantitativeValue", **amount, "unitText": salary.unit},
    }


def _is_web_url(href: str | None) -> bool:
    return href is not None and href.lower().startswith(("https://", "http://"))


def _one_or_many(values: tuple[str, ...]) -> str | list[str] | None:
    if not values:
        return None
    return values[0] if len(values) == 1 else list(values)


def _without_empty(value: Any) -> Any:
    """``value`` with None, empty dicts and empty lists dropped at every depth."""
    if isinstance(value, dict):
        kept = {}
        for key, item in value.items():
            if isinstance(item, dict | list):
                item = _without_empty(item)
            if item is not None and item != {} and item != []:
                kept[key] = item
        return kept
    if isinstance(value, list):
        return [_without_empty(item) for item in value if item is not None]
    return value
