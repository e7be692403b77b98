"""The ``Posting`` model and its validation from front matter.

Pure Python: no MkDocs or Sphinx import. ``posting_from_meta`` turns a front-matter mapping into
a validated, typed ``Posting`` plus a list of warnings; anything a lab member must fix raises
``PostingError(file, field, message)``.
"""

from __future__ import annotations

import enum
import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, time, tzinfo
from functools import cache
from pathlib import PurePosixPath
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

from mkdocs_postings import expiry
from mkdocs_postings.expiry import Status

__all__ = [
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
    "changed",
    "duplicate_references",
    "posting_from_meta",
]


_Frozen = TypeVar("_Frozen")


def changed(value: _Frozen, **changes: Any) -> _Frozen:
    """``dataclasses.replace`` for frozen dataclasses without ``__post_init__``, ``init=False``
    fields or cached properties (``Posting``, ``PostingView``, ``Collected``, ``FrontMatter``,
    ``Apply``; a test checks them): a copy of the instance's attributes with the changes.

    ``replace`` calls ``__init__`` again, which sets every field through ``object.__setattr__``:
    7 µs for a ``Posting``, several times per posting and build; this takes under 1 µs.
    """
    kind: type = type(value)
    unknown = changes.keys() - _field_names(kind)
    if unknown:
        raise TypeError(f"{kind.__name__} has no field {', '.join(sorted(unknown))}")
    copy: _Frozen = object.__new__(kind)
    attributes = copy.__dict__
    attributes.update(value.__dict__)
    attributes.update(changes)
    return copy


@cache
def _field_names(kind: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(kind))


@dataclass(frozen=True)
class Problem:
    """Something wrong with one field of one posting file, phrased for the person who wrote it."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        # One line whatever a file name, key or value holds: a log line per problem.
        line = f"{self.file}: {self.field}: {self.message}"
        return line.replace("\r", "\\r").replace("\n", "\\n")


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

_TYPE_ALIASES = {
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
    """For a target taken from the text: an ``extract.Source`` value; ``None``: posting.apply."""
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


@dataclass(frozen=True)
class Posting:
    """One job posting, validated. ``src`` is its docs-relative path (POSIX separators)."""

    src: str
    title: str
    type: PostingType = PostingType.OTHER
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
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def status_at(self, now: datetime, closing_soon_days: int) -> Status:
        """The posting's status at ``now`` (see ``expiry.status_at``)."""
        return expiry.status_at(
            self.declared_status,
            self.deadline,
            rolling=self.rolling,
            now=now,
            closing_soon_days=closing_soon_days,
        )

    @property
    def employment_types(self) -> tuple[str, ...]:
        """schema.org employmentType: as written, else derived from the posting type."""
        return self.employment_type or _EMPLOYMENT_BY_TYPE[self.type]

    @property
    def apply_href(self) -> str | None:
        """The Apply buttons' target; a mailto carries the reference (or title) as subject."""
        if self.apply is None:
            return None
        subject = (
            f"Application: {self.reference}" if self.reference else f"Application: {self.title}"
        )
        return self.apply.href(subject=subject)


# --------------------------------------------------------------------------- validation


class _Reader:
    """Reads one posting's front matter, raising ``PostingError`` that name file and field."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.warnings: list[Problem] = []

    def fail(self, field_name: str, message: str) -> PostingError:
        return PostingError(self.src, field_name, message)

    def warn(self, field_name: str, message: str) -> None:
        self.warnings.append(Problem(self.src, field_name, message))

    def text(self, value: Any, field_name: str, *, allow_number: bool = True) -> str | None:
        if value is None:
            return None
        if isinstance(value, bool):
            raise self.fail(field_name, f"expected text, got {value!r}; put the text in quotes")
        if isinstance(value, str):
            cleaned = value.strip()
            return cleaned or None
        if allow_number and isinstance(value, int | float):
            return str(value)
        if isinstance(value, date):
            return value.isoformat()
        raise self.fail(field_name, f"expected text, got a {_kind(value)}")

    def strings(self, value: Any, field_name: str) -> tuple[str, ...]:
        """A list of strings; a single string (Hugo/Jekyll style) counts as a list of one."""
        if value is None:
            return ()
        items = value if isinstance(value, list | tuple) else [value]
        out: list[str] = []
        for item in items:
            if isinstance(item, Mapping | list | tuple):
                raise self.fail(
                    field_name, f"expected a list of names, got a {_kind(item)} inside it"
                )
            text = self.text(item, field_name)
            if text and text not in out:
                out.append(text)
        return tuple(out)

    def boolean(self, value: Any, field_name: str, default: bool) -> bool:
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        raise self.fail(field_name, f"expected true or false, got {value!r}")

    def mapping(self, value: Any, field_name: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(field_name, f"expected a mapping of keys, got a {_kind(value)}")
        return value

    def when(self, value: Any, field_name: str) -> date | datetime:
        try:
            return expiry.parse_date_value(value)
        except ValueError as error:
            raise self.fail(field_name, str(error)) from None

    def url(self, value: Any, field_name: str) -> str:
        """An http(s) or mailto URL; a bare e-mail address becomes a mailto."""
        text = self.text(value, field_name, allow_number=False) or ""
        if _EMAIL.fullmatch(text):
            return f"mailto:{text}"
        scheme = urlsplit(text).scheme.lower() if ":" in text else ""
        if scheme not in SAFE_SCHEMES or not _has_target(text, scheme):
            raise self.fail(
                field_name,
                f"{text!r} is not a web or e-mail address; use a full https:// link, "
                "a mailto: link or an e-mail address",
            )
        return text

    def email(self, value: Any, field_name: str) -> str:
        text = self.text(value, field_name, allow_number=False) or ""
        if text.lower().startswith("mailto:"):
            text = text[len("mailto:") :]
        if not _EMAIL.fullmatch(text):
            raise self.fail(field_name, f"{text!r} is not an e-mail address (name@example.org)")
        return text

    def known_keys(self, mapping: Mapping[str, Any], field_name: str, keys: Sequence[str]) -> None:
        unknown = [key for key in mapping if key not in keys]
        if not unknown:
            return
        if len(unknown) > MAX_UNKNOWN_KEYS:  # one line, not thousands, for a pasted blob
            self.warn(
                field_name,
                f"{len(unknown)} unknown keys ({', '.join(map(_key, unknown[:3]))}, ...), "
                f"ignored; known keys: {', '.join(keys)}",
            )
            return
        import difflib  # only for a posting with unknown keys

        for key in unknown:
            hint = difflib.get_close_matches(str(key), keys, n=1)
            suggestion = f"did you mean {hint[0]!r}?" if hint else f"known keys: {', '.join(keys)}"
            self.warn(f"{field_name}.{_key(key)}", f"unknown key, ignored; {suggestion}")


_EMAIL = re.compile(r"[^@\s<>\"'()\[\],;:]+@[^@\s<>\"'()\[\],;:]+\.[A-Za-z]{2,}")
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_TAG = re.compile(r"<[^>]*>")
_JEKYLL_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})-")
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}\b")


def _key(key: object) -> str:
    """A front-matter key as the author would recognise it; quoted if it is not plain."""
    text = str(key)
    return text if text.isprintable() and text.strip() == text and text else repr(text)


def _has_target(text: str, scheme: str) -> bool:
    if scheme == "mailto":
        return bool(_EMAIL.fullmatch(text[len("mailto:") :].split("?", 1)[0]))
    return bool(urlsplit(text).netloc)


def _kind(value: Any) -> str:
    if isinstance(value, Mapping):
        return "mapping"
    if isinstance(value, list | tuple):
        return "list"
    if isinstance(value, bool):
        return "true/false value"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, date):
        return "date"
    return type(value).__name__


def plain_text(value: str) -> str:
    """Text as a reader sees it: markup tags dropped, entities decoded, whitespace collapsed.

    Titles and summaries are plain text everywhere they appear (and escaped on output):
    ``<strong>`` in a migrated Jekyll title shows as bold nowhere and as tags nowhere.
    """
    return " ".join(html.unescape(_TAG.sub("", value)).split())


_MD_LINK = re.compile(r"!?\[([^\]\[]{0,500})\]\([^)\s]{0,500}\)")
_MD_EMPHASIS = re.compile(
    r"\*\*([^*]{1,500})\*\*|__([^_]{1,500})__|\*([^*]{1,500})\*|`([^`]{1,500})`"
)


def markdown_words(value: str | None) -> str | None:
    """A front-matter summary written in Markdown (Hugo renders it), as its words:
    ``**tissue**`` and ``[the portal](url)`` show as "tissue" and "the portal"."""
    if not value:
        return value

    def words(match: re.Match[str]) -> str:
        return next(group for group in match.groups() if group is not None)

    return _MD_EMPHASIS.sub(words, _MD_LINK.sub(r"\1", value))


def _choice(
    reader: _Reader,
    value: Any,
    field_name: str,
    enum_type: type[enum.StrEnum],
    aliases: Mapping[str, Any] | None = None,
) -> Any:
    text = reader.text(value, field_name, allow_number=False)
    key = (text or "").strip().lower()
    normalized = key.replace("-", "_").replace(" ", "_")
    for candidate in (key, normalized):
        if aliases and candidate in aliases:
            return aliases[candidate]
        try:
            return enum_type(candidate)
        except ValueError:
            continue
    allowed = ", ".join(member.value for member in enum_type)
    raise reader.fail(field_name, f"{text!r} is not one of: {allowed}")


def posting_from_meta(
    meta: Mapping[str, Any],
    *,
    src: str,
    defaults: Defaults,
    body: str = "",
    key: str = "posting",
) -> tuple[Posting, list[Problem]]:
    """Validate a front-matter mapping into a ``Posting``; return it with its warnings.

    ``meta`` is the file's whole front matter (dates as strings or ``date``/``datetime``);
    posting fields live under ``meta[key]``; ``body`` (Markdown) provides a title from its
    first ``#`` heading when the front matter has none. Raises ``PostingError``.
    """
    reader = _Reader(src)
    native = key in meta
    fields: Mapping[str, Any] = {}
    if native:
        raw = meta[key]
        if raw is None or raw == {}:
            reader.warn(key, "is empty; add the posting's fields under it (type, deadline, apply)")
        else:
            fields = reader.mapping(raw, key)
            reader.known_keys(fields, key, POSTING_KEYS)

    def field_name(name: str) -> str:
        return f"{key}.{name}"

    title = _title(reader, meta, body, native)

    declared = _declared_status(reader, fields.get("status"), field_name("status"))

    zone = defaults.timezone
    if fields.get("timezone") is not None:
        try:
            zone = expiry.resolve_zone(
                reader.text(fields["timezone"], field_name("timezone")) or ""
            )
        except ValueError as error:
            raise reader.fail(field_name("timezone"), str(error)) from None

    deadline = _deadline(reader, meta, fields, key, zone, defaults.deadline_time)
    rolling = reader.boolean(fields.get("rolling"), field_name("rolling"), False)
    posted = _posted(reader, meta, src)

    if rolling and deadline is not None:
        reader.warn(
            field_name("rolling"),
            "a rolling posting never closes by date, so its deadline is ignored; "
            "remove one of the two",
        )
        deadline = None
    # (an empty ``posting:`` already got one warning saying to add a deadline)
    if native and fields and deadline is None and not rolling and declared is Status.OPEN:
        reader.warn(
            field_name("deadline"),
            "no deadline and not rolling: add a deadline (YYYY-MM-DD) or rolling: true",
        )
    if deadline is not None and posted is not None and deadline.date() < posted:
        reader.warn(
            field_name("deadline"),
            f"{deadline.date().isoformat()} is before the posted date "
            f"{posted.isoformat()}; check the year",
        )

    posting = Posting(
        src=src,
        title=title,
        type=_choice(
            reader, fields.get("type") or "other", field_name("type"), PostingType, _TYPE_ALIASES
        ),
        declared_status=declared,
        deadline=deadline,
        rolling=rolling,
        posted=posted,
        tags=_tags(reader, meta.get("tags")),
        categories=reader.strings(meta.get("categories"), "categories"),
        authors=reader.strings(meta.get("authors", meta.get("author")), "authors"),
        summary=_plain(markdown_words(reader.text(meta.get("summary"), "summary"))),
        start=_start(reader, fields.get("start"), field_name("start")),
        duration=reader.text(fields.get("duration"), field_name("duration")),
        positions=_positions(reader, fields.get("positions"), field_name("positions")),
        employment_type=_employment(
            reader, fields.get("employment_type"), field_name("employment_type")
        ),
        location=_location(reader, fields.get("location"), field_name("location"))
        or defaults.location,
        remote=None
        if fields.get("remote") is None
        else _remote(reader, fields["remote"], field_name("remote")),
        salary=_salary(reader, fields.get("salary"), field_name("salary")),
        reference=reader.text(fields.get("reference"), field_name("reference")),
        apply=_apply(reader, fields.get("apply"), field_name("apply")),
        contact=_contact(reader, fields.get("contact"), field_name("contact")),
        structured_data=reader.boolean(
            fields.get("structured_data"), field_name("structured_data"), True
        ),
        draft=reader.boolean(meta.get("draft"), "draft", False),
        native=native,
        meta=meta,
    )
    return posting, reader.warnings


def duplicate_references(postings: Iterable[Posting], *, key: str = "posting") -> list[Problem]:
    """A warning for every posting whose ``reference`` an earlier one (in path order) has.

    Applicants quote the reference; two postings sharing one get each other's applications.
    """
    first: dict[str, str] = {}
    problems = []
    for posting in sorted(postings, key=lambda p: p.src):
        if not posting.reference:
            continue
        reference = posting.reference.casefold()
        if reference in first:
            problems.append(
                Problem(
                    posting.src,
                    f"{key}.reference",
                    f"{posting.reference!r} is also the reference of {first[reference]}; "
                    "give each posting its own reference",
                )
            )
        else:
            first[reference] = posting.src
    return problems


def _tags(reader: _Reader, value: Any) -> tuple[str, ...]:
    tags = reader.strings(value, "tags")
    if len(tags) > MAX_TAGS:
        # Every tag page shows the card with all its chips: tags x tags of HTML otherwise.
        reader.warn(
            "tags",
            f"{len(tags)} tags; only the first {MAX_TAGS} are used. Keep a posting to a few "
            "tags that candidates would filter by",
        )
        tags = tags[:MAX_TAGS]
    return tags


def _plain(value: str | None) -> str | None:
    return plain_text(value) or None if value else None


_DECLARED = {
    "open": Status.OPEN,
    "filled": Status.FILLED,
    "cancelled": Status.CANCELLED,
    "canceled": Status.CANCELLED,
    "closed": Status.CLOSED,
}


def _declared_status(reader: _Reader, value: Any, name: str) -> Status:
    text = reader.text(value, name, allow_number=False)
    if text is None:
        return Status.OPEN
    try:
        return _DECLARED[text.lower()]
    except KeyError:
        raise reader.fail(
            name,
            f"{text!r} is not one of: open, filled, cancelled, closed "
            "(a passed deadline closes a posting by itself)",
        ) from None


def _title(reader: _Reader, meta: Mapping[str, Any], body: str, native: bool) -> str:
    title = _plain(reader.text(meta.get("title"), "title"))
    if title:
        return title
    heading = _H1.search(body)
    if heading and plain_text(heading.group(1)):
        return plain_text(heading.group(1))
    if native:
        raise reader.fail("title", "missing; add a line such as  title: PhD position in ...")
    stem = PurePosixPath(reader.src).stem
    fallback = stem.replace("-", " ").replace("_", " ").strip() or stem
    reader.warn("title", f"missing; using {fallback!r} from the file name. Add a title: line")
    return fallback


def _deadline(
    reader: _Reader,
    meta: Mapping[str, Any],
    fields: Mapping[str, Any],
    key: str,
    zone: tzinfo,
    default_time: time,
) -> datetime | None:
    if fields.get("deadline") is not None:
        name, value = f"{key}.deadline", fields["deadline"]
    elif meta.get("expiryDate") is not None:
        name, value = "expiryDate", meta["expiryDate"]
    else:
        return _migrated_deadline(reader, meta, zone, default_time)
    return _in_range(
        reader, expiry.deadline_instant(reader.when(value, name), zone, default_time), name, value
    )


def _in_range(reader: _Reader, instant: datetime, name: str, value: Any) -> datetime:
    try:
        instant.astimezone(UTC)  # in UTC (feeds, data-deadline) the year must stay in 1..9999
    except OverflowError:
        raise reader.fail(name, f"{value!r} is out of range; check the year") from None
    return instant


MIGRATED_DEADLINE_KEYS = ("deadline", "closing-date", "closing_date", "application_deadline")
"""Top-level keys some Jekyll/Hugo themes use for a deadline."""


def _migrated_deadline(
    reader: _Reader, meta: Mapping[str, Any], zone: tzinfo, default_time: time
) -> datetime | None:
    """A top-level ``deadline:`` of a migrated file: used when it is a date; otherwise a
    warning says how to write it (a file that built before still builds)."""
    for name in MIGRATED_DEADLINE_KEYS:
        value = meta.get(name)
        if value is None or value == "":
            continue
        try:
            instant = expiry.deadline_instant(expiry.parse_date_value(value), zone, default_time)
            instant.astimezone(UTC)  # the year must stay in 1..9999 in UTC too
            return instant
        except (ValueError, OverflowError):
            pass
        found = expiry.find_written_date(str(value))
        if found is not None:
            iso = found[2].isoformat()
            reader.warn(
                name,
                f"{str(value)!r} is not written YYYY-MM-DD, so the posting has no deadline; "
                f"if it means {iso}, write  deadline: {iso}  under posting:",
            )
        else:
            reader.warn(
                name,
                f"{str(value)!r} is not a date, so the posting has no deadline; write one "
                "as YYYY-MM-DD under posting: (deadline:) or set rolling: true",
            )
        return None
    return None


def _posted(reader: _Reader, meta: Mapping[str, Any], src: str) -> date | None:
    for name in ("date", "publishDate", "posted"):
        if meta.get(name) is not None:
            value = reader.when(meta[name], name)
            if isinstance(value, datetime):
                try:
                    return (value.astimezone(UTC) if value.tzinfo else value).date()
                except OverflowError:
                    raise reader.fail(
                        name, f"{meta[name]!r} is out of range; check the year"
                    ) from None
            return value
    # Jekyll keeps the date in the file name: _posts/2024-05-01-postdoc.md
    match = _JEKYLL_DATE.match(PurePosixPath(src).name)
    if match:
        try:
            return date.fromisoformat(match.group(1))
        except ValueError:
            return None
    return None


def _start(reader: _Reader, value: Any, name: str) -> date | str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = reader.text(value, name)
    if text:
        try:
            parsed = expiry.parse_date_value(text)
        except ValueError as error:
            if _DATE_LIKE.match(text):  # 2027-02-30: meant as a date, and wrong
                raise reader.fail(name, str(error)) from None
            return text  # free text such as "as soon as possible"
        return parsed.date() if isinstance(parsed, datetime) else parsed
    return None


def _positions(reader: _Reader, value: Any, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise reader.fail(name, f"expected a whole number of positions, got {value!r}")
    if not 1 <= value <= MAX_POSITIONS:
        raise reader.fail(
            name, f"{value} is not a number of positions between 1 and {MAX_POSITIONS}"
        )
    return value


def _employment(reader: _Reader, value: Any, name: str) -> tuple[str, ...]:
    out = []
    for item in reader.strings(value, name):
        normalized = item.upper().replace("-", "_").replace(" ", "_")
        if normalized not in EMPLOYMENT_TYPES:
            raise reader.fail(name, f"{item!r} is not one of: {', '.join(EMPLOYMENT_TYPES)}")
        out.append(normalized)
    return tuple(out)


def _remote(reader: _Reader, value: Any, name: str) -> Remote:
    if isinstance(value, bool):
        return Remote.REMOTE if value else Remote.ONSITE
    return _choice(
        reader, value, name, Remote, {"on_site": Remote.ONSITE, "on-site": Remote.ONSITE}
    )


_LOCATION_KEYS = ("locality", "region", "country", "postal_code", "street_address")


def location_from_value(reader: _Reader, value: Any, name: str) -> Location | None:
    if value is None:
        return None
    if isinstance(value, str):
        return Location(locality=reader.text(value, name))
    mapping = reader.mapping(value, name)
    reader.known_keys(mapping, name, _LOCATION_KEYS)
    country = reader.text(mapping.get("country"), f"{name}.country")
    return Location(
        locality=reader.text(mapping.get("locality"), f"{name}.locality"),
        region=reader.text(mapping.get("region"), f"{name}.region"),
        country=country.upper() if country and len(country) == 2 else country,
        postal_code=reader.text(mapping.get("postal_code"), f"{name}.postal_code"),
        street_address=reader.text(mapping.get("street_address"), f"{name}.street_address"),
    )


_location = location_from_value


def location_from_config(value: Any) -> Location | None:
    """The site-wide ``location`` option, validated like a posting's ``location``."""
    return location_from_value(_Reader("mkdocs.yml"), value, "location")


def _number(reader: _Reader, value: Any, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise reader.fail(name, f"expected a number such as 80000, got {value!r}")
    if value < 0:
        raise reader.fail(name, f"{value} is negative")
    return value


def _salary(reader: _Reader, value: Any, name: str) -> Salary | None:
    if value is None:
        return None
    if isinstance(value, str):
        return Salary(text=reader.text(value, name))
    mapping = reader.mapping(value, name)
    reader.known_keys(mapping, name, ("currency", "min", "max", "value", "unit", "text"))
    currency = reader.text(mapping.get("currency"), f"{name}.currency")
    if currency is not None and not re.fullmatch(r"[A-Za-z]{3}", currency):
        raise reader.fail(
            f"{name}.currency", f"{currency!r} is not a currency code such as CHF, EUR, USD"
        )
    unit = reader.text(mapping.get("unit"), f"{name}.unit")
    if unit is not None and unit.upper() not in SALARY_UNITS:
        raise reader.fail(f"{name}.unit", f"{unit!r} is not one of: {', '.join(SALARY_UNITS)}")
    salary = Salary(
        currency=currency.upper() if currency else None,
        min=_number(reader, mapping.get("min"), f"{name}.min"),
        max=_number(reader, mapping.get("max"), f"{name}.max"),
        value=_number(reader, mapping.get("value"), f"{name}.value"),
        unit=unit.upper() if unit else None,
        text=reader.text(mapping.get("text"), f"{name}.text"),
    )
    if salary.min is not None and salary.max is not None and salary.min > salary.max:
        raise reader.fail(f"{name}.min", f"{salary.min:g} is more than max {salary.max:g}")
    if salary.has_numbers and not salary.currency:
        reader.warn(f"{name}.currency", "missing; add a currency code such as CHF")
    return salary


def _apply(reader: _Reader, value: Any, name: str) -> Apply | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        target = reader.url(value, name)
        if target.lower().startswith("mailto:"):
            return Apply(email=target[len("mailto:") :]) if "?" not in target else Apply(url=target)
        return Apply(url=target)
    reader.known_keys(value, name, ("url", "email", "label", "instructions"))
    url = reader.url(value["url"], f"{name}.url") if value.get("url") is not None else None
    email = (
        reader.email(value["email"], f"{name}.email") if value.get("email") is not None else None
    )
    if url is None and email is None:
        raise reader.fail(name, "needs a url or an email")
    return Apply(
        url=url,
        email=email,
        label=_plain(reader.text(value.get("label"), f"{name}.label")),
        instructions=reader.text(value.get("instructions"), f"{name}.instructions"),
    )


def _contact(reader: _Reader, value: Any, name: str) -> Contact | None:
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        return Contact(email=text) if _EMAIL.fullmatch(text) else Contact(name=text)
    mapping = reader.mapping(value, name)
    reader.known_keys(mapping, name, ("name", "email", "url", "phone"))
    return Contact(
        name=reader.text(mapping.get("name"), f"{name}.name"),
        email=reader.email(mapping["email"], f"{name}.email") if mapping.get("email") else None,
        url=reader.url(mapping["url"], f"{name}.url") if mapping.get("url") else None,
        phone=reader.text(mapping.get("phone"), f"{name}.phone"),
    )
