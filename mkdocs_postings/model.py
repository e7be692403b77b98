"""The ``Posting`` model: what a job posting is, as typed, frozen dataclasses.

Pure Python: no MkDocs or Sphinx import. ``validate.posting_from_meta`` builds a ``Posting``
from front matter; anything a lab member must fix is a ``PostingError(file, field, message)``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any
from urllib.parse import quote

from mkdocs_postings import expiry
from mkdocs_postings.expiry import Status
from mkdocs_postings.text import one_line

__all__ = [
    "TYPES",
    "Apply",
    "Contact",
    "Defaults",
    "Location",
    "Posting",
    "PostingError",
    "PostingType",
    "Problem",
    "Remote",
    "Salary",
]


@dataclass(frozen=True)
class Problem:
    """Something wrong with one field of one posting file, phrased for the person who wrote it."""

    file: str
    field: str
    message: str
    level: str = "warning"
    """``warning`` (something to fix; ``--strict`` fails on it) or ``info`` (a reading the lab
    should know about, e.g. a deadline taken from the text)."""

    def __str__(self) -> str:
        # One line whatever a file name, key or value holds: a log line per problem, and
        # nothing in it a terminal would act on (ESC, bidi overrides).
        return one_line(f"{self.file}: {self.field}: {self.message}")


class PostingError(Exception):
    """A posting that cannot be published until its author fixes one field."""

    def __init__(self, file: str, field: str, message: str) -> None:
        self.problem = Problem(file, field, message)
        super().__init__(str(self.problem))

    @property
    def file(self) -> str:
        return self.problem.file

    @property
    def field(self) -> str:
        return self.problem.field


class PostingType(enum.StrEnum):
    PHD = "phd"
    POSTDOC = "postdoc"
    RESEARCH_ASSISTANT = "research_assistant"
    ENGINEER = "engineer"
    TECHNICIAN = "technician"
    STUDENT = "student"
    INTERNSHIP = "internship"
    FACULTY = "faculty"
    OTHER = "other"


TYPES = tuple(kind.value for kind in PostingType)
"""Every type as written (``phd``, ``postdoc``, …), as listings accept them."""


class Remote(enum.StrEnum):
    ONSITE = "onsite"
    HYBRID = "hybrid"
    REMOTE = "remote"


EMPLOYMENT_TYPES = (
    "FULL_TIME",
    "PART_TIME",
    "CONTRACTOR",
    "TEMPORARY",
    "INTERN",
    "VOLUNTEER",
    "PER_DIEM",
    "OTHER",
)
"""schema.org / Google's employmentType values."""

# What each posting type usually is, for search engines when the posting does not say.
_EMPLOYMENT_BY_TYPE: dict[PostingType, tuple[str, ...]] = {
    PostingType.PHD: ("FULL_TIME", "TEMPORARY"),
    PostingType.POSTDOC: ("FULL_TIME", "TEMPORARY"),
    PostingType.RESEARCH_ASSISTANT: ("PART_TIME",),
    PostingType.ENGINEER: ("FULL_TIME",),
    PostingType.TECHNICIAN: ("FULL_TIME",),
    PostingType.STUDENT: ("PART_TIME",),
    PostingType.INTERNSHIP: ("INTERN",),
    PostingType.FACULTY: ("FULL_TIME",),
    PostingType.OTHER: (),
}

TYPE_ALIASES = {
    "ph.d.": PostingType.PHD,
    "doctoral": PostingType.PHD,
    "doctorate": PostingType.PHD,
    "post-doc": PostingType.POSTDOC,
    "post_doc": PostingType.POSTDOC,
    "ra": PostingType.RESEARCH_ASSISTANT,
    "research assistant": PostingType.RESEARCH_ASSISTANT,
    "research-assistant": PostingType.RESEARCH_ASSISTANT,
    "intern": PostingType.INTERNSHIP,
    "professor": PostingType.FACULTY,
}

SALARY_UNITS = ("HOUR", "DAY", "WEEK", "MONTH", "YEAR")

POSTING_KEYS = (
    "type",
    "status",
    "deadline",
    "timezone",
    "rolling",
    "start",
    "duration",
    "positions",
    "employment_type",
    "location",
    "remote",
    "salary",
    "reference",
    "apply",
    "contact",
    "structured_data",
    "reviewed",
)

MAX_POSITIONS = 1000
MAX_TAGS = 50
MAX_UNKNOWN_KEYS = 10
SAFE_SCHEMES = ("http", "https", "mailto")


@dataclass(frozen=True)
class Location:
    locality: str | None = None
    region: str | None = None
    country: str | None = None
    postal_code: str | None = None
    street_address: str | None = None

    def __str__(self) -> str:
        parts = [self.locality, self.region, self.country]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class Salary:
    currency: str | None = None
    min: float | None = None
    max: float | None = None
    value: float | None = None
    unit: str | None = None
    text: str | None = None

    @property
    def has_numbers(self) -> bool:
        return any(v is not None for v in (self.min, self.max, self.value))


@dataclass(frozen=True)
class Apply:
    """Where and how to apply. ``href`` is the one link the Apply buttons use."""

    url: str | None = None
    email: str | None = None
    label: str | None = None
    instructions: str | None = None
    found_in: str | None = None
    """For a target taken from the text: a ``targets.Place`` value; ``None``: posting.apply."""
    detail: str | None = None
    """The section heading or front-matter key it was found under."""
    ambiguous: bool = False
    """A guess, or one of several: the facts box says where it came from."""
    others: int = 0
    """How many other plausible targets the text names."""

    def href(self, *, subject: str | None = None) -> str | None:
        """The Apply link: the URL, else a mailto with ``subject`` (e.g. the reference)."""
        if self.url:
            return self.url
        if self.email:
            if subject:
                return f"mailto:{self.email}?subject={quote(subject)}"
            return f"mailto:{self.email}"
        return None


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    email: str | None = None
    url: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Defaults:
    """Site-wide values a posting falls back to (from the plugin's options)."""

    timezone: tzinfo = UTC
    deadline_time: time = time(23, 59)
    location: Location | None = None
    max_age: timedelta | None = None
    """How long a posting with no deadline stays open after its posted (or reviewed) date;
    ``None``: for ever."""
    deadline_from_text: bool = True
    """Whether a deadline the text states clearly is the deadline when the front matter has
    none."""


_NO_RULES = Defaults()


# Slots: a Posting has more attributes than an instance dict shares its keys for (30), so
# without them every posting carried a dict of its own (2.7 kB; 8 MiB at 3,000 postings).
@dataclass(frozen=True, slots=True)
class Posting:
    """One job posting, validated. ``src`` is its docs-relative path (POSIX separators)."""

    src: str
    title: str
    type: PostingType = PostingType.OTHER
    """The kind of position; on a page that offers several kinds, the first."""
    other_types: tuple[PostingType, ...] = ()
    """The further kinds a page offering several names (``type: [phd, postdoc]``)."""
    declared_status: Status = Status.OPEN
    deadline: datetime | None = None
    rolling: bool = False
    posted: date | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    summary: str | None = None
    start: date | str | None = None
    duration: str | None = None
    positions: int | None = None
    employment_type: tuple[str, ...] = ()
    location: Location | None = None
    remote: Remote | None = None
    salary: Salary | None = None
    reference: str | None = None
    apply: Apply | None = None
    contact: Contact | None = None
    structured_data: bool = True
    draft: bool = False
    native: bool = True
    """Whether the file has a ``posting:`` mapping (written for this plugin)."""
    type_stated: bool = False
    """Whether the front matter says the type (``posting.type``)."""
    type_read_from: tuple[str, str] | None = None
    """Where the type was read from the text and the words it was read from (``("title",
    "Postdoc")``), for a posting that does not state it; see ``infer``."""
    reviewed: date | None = None
    """When the lab last confirmed the posting is open (``posting.reviewed``): an undated or
    rolling posting ages from here instead of from its posted date."""
    deadline_read_from: str | None = None
    """The words of the text the deadline was read from; ``None``: the front matter's."""
    rolling_read_from: str | None = None
    """The words of the text that say the posting is open until filled."""
    rules: Defaults = field(default_factory=lambda: _NO_RULES, compare=False, repr=False)
    """The site's rules this posting was read with: its zone, deadline time, maximum age."""
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def ages_out(self) -> datetime | None:
        """When a posting without a deadline stops being open: the end of the day the site's
        maximum age after it was last reviewed or posted (UTC); ``None`` when it has a
        deadline, no date to age from, or the site sets no maximum age."""
        since = self.reviewed or self.posted
        if self.deadline is not None or since is None or self.rules.max_age is None:
            return None
        try:
            last = since + self.rules.max_age
        except OverflowError:
            return None
        return datetime.combine(last, time(23, 59, 59), tzinfo=UTC)

    def status_at(self, now: datetime, closing_soon_days: int) -> Status:
        """The posting's status at ``now`` (see ``expiry.status_at``)."""
        return expiry.status_at(
            self.declared_status,
            self.deadline,
            rolling=self.rolling,
            now=now,
            closing_soon_days=closing_soon_days,
            ages_out=self.ages_out,
        )

    @property
    def types(self) -> tuple[PostingType, ...]:
        """Every kind of position the posting offers, ``type`` first."""
        return (self.type, *self.other_types)

    @property
    def employment_types(self) -> tuple[str, ...]:
        """schema.org employmentType: as written, else derived from the posting's types (each
        employment type once, in the order of the types)."""
        if self.employment_type:
            return self.employment_type
        if not self.other_types:
            return _EMPLOYMENT_BY_TYPE[self.type]
        return tuple(dict.fromkeys(kind for t in self.types for kind in _EMPLOYMENT_BY_TYPE[t]))

    @property
    def apply_href(self) -> str | None:
        """The Apply buttons' target; a mailto carries the reference (or title) as subject."""
        if self.apply is None:
            return None
        subject = (
            f"Application: {self.reference}" if self.reference else f"Application: {self.title}"
        )
        return self.apply.href(subject=subject)
