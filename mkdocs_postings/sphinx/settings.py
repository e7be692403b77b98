"""The extension's ``postings_*`` conf values: SPEC's options with a ``postings_`` prefix.

Each value is checked with the core's own parsers (zones, times of day, locations), so a wrong
value reads the same as on MkDocs: one line naming ``conf.py`` and the value. A wrong value is
reported and replaced by its default, and the build then fails (see ``extension.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta, tzinfo
from pathlib import Path
from typing import Any, Literal

from mkdocs_postings import expiry
from mkdocs_postings.model import Defaults, PostingError
from mkdocs_postings.publishing.labels import Labels, catalog_languages
from mkdocs_postings.publishing.listing import CLOSED_POLICIES
from mkdocs_postings.publishing.structured_data import Organization
from mkdocs_postings.reading.collect import DetectRules
from mkdocs_postings.reading.fields import location_from_config
from mkdocs_postings.sources.gather import FetchOptions, Source, source_from_config

__all__ = ["CONF_VALUES", "Settings", "read_settings"]

_TEXT = frozenset({str})
_MAYBE_TEXT = frozenset[type]({str, type(None)})
_MAPPING = frozenset({dict})

CONF_VALUES: tuple[tuple[str, object, Literal["env", "html"], frozenset[type]], ...] = (
    # name, default, what a change rebuilds ("env": re-read, "html": re-write), types
    ("postings_organization", {}, "env", _MAPPING),
    ("postings_location", None, "env", frozenset[type]({str, dict, type(None)})),
    ("postings_timezone", None, "env", _MAYBE_TEXT),
    ("postings_deadline_time", "23:59", "env", _TEXT),
    ("postings_closing_soon_days", 14, "env", frozenset({int})),
    ("postings_max_age_days", 183, "env", frozenset({int})),
    ("postings_deadline_from_text", True, "env", frozenset({bool})),
    ("postings_detect", {}, "env", _MAPPING),
    ("postings_index", "openings/index", "env", _TEXT),
    ("postings_tags_dir", "openings/tags", "env", _TEXT),
    ("postings_closed", "archive", "env", _TEXT),
    ("postings_noindex_closed", True, "html", frozenset({bool})),
    ("postings_in_nav", False, "env", frozenset({bool})),
    ("postings_structured_data", True, "html", frozenset({bool})),
    ("postings_feed", "openings/feed.xml", "html", _TEXT),
    ("postings_calendar", "openings/deadlines.ics", "html", _TEXT),
    ("postings_json", "openings/postings.json", "html", _TEXT),
    ("postings_language", None, "env", _MAYBE_TEXT),
    ("postings_labels", {}, "env", _MAPPING),
    ("postings_sources", [], "env", frozenset[type]({list, tuple})),
    ("postings_source_timeout", 10, "env", frozenset[type]({int, float})),
    ("postings_source_max_size", 5_000_000, "env", frozenset({int})),
    ("postings_cache_dir", ".cache/postings", "env", _TEXT),
    ("postings_cache_lifetime", 3600, "env", frozenset({int})),
    ("postings_offline", False, "env", frozenset({bool})),
)
"""Every conf value the extension reads; the configuration reference documents each."""


@dataclass(frozen=True)
class Settings:
    """The conf values, checked and turned into the core's objects."""

    defaults: Defaults
    rules: DetectRules
    labels: Labels
    organization: Organization
    timezone_set: bool
    closing_soon_days: int
    index: str
    """The cards page's docname (``openings/index``)."""
    tags_dir: str
    closed: str
    noindex_closed: bool
    in_nav: bool
    structured_data: bool
    feed: str
    calendar: str
    json: str
    sources: tuple[Source, ...] = ()
    """Other sites' listings (``postings_sources``)."""
    fetching: FetchOptions = field(default_factory=lambda: FetchOptions(Path(".cache/postings")))


class _Reader:
    """Reads conf values; a bad one is recorded (``conf.py: name: ...``) and defaulted."""

    def __init__(self, config: Any) -> None:
        self.config = config
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def fail(self, name: str, message: str) -> None:
        self.errors.append(f"conf.py: {name}: {message}")

    def get(self, name: str, kind: type | tuple[type, ...], default: Any) -> Any:
        value = getattr(self.config, name, default)
        if value is None and default is None:
            return None
        if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
            names = (
                kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            )
            self.fail(name, f"{value!r} is not a {names}; using the default {default!r}")
            return default
        return value

    def path(self, name: str, default: str, *, suffix: str = "") -> str:
        text = str(self.get(name, str, default)).strip().strip("/")
        if ".." in text.split("/"):
            self.fail(name, f"{text!r} must stay inside the source folder (no '..')")
            return default
        return text.removesuffix(suffix) if suffix else text

    def strings(
        self, mapping: Mapping[str, Any], name: str, key: str, default: list[str]
    ) -> list[str]:
        value = mapping.get(key, default)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            self.fail(f"{name}[{key!r}]", f"{value!r} must be a list of strings")
            return default
        return list(value)


def read_settings(config: Any, confdir: str | Path = ".") -> tuple[Settings, list[str], list[str]]:
    """The settings from Sphinx's ``config``, with errors and warnings as one-line messages;
    source paths and the cache folder are relative to ``confdir`` (the folder of conf.py)."""
    read = _Reader(config)
    known = {name for name, *_ in CONF_VALUES}
    for name in sorted(getattr(config, "_raw_config", {})):
        if name.startswith("postings_") and name not in known:
            read.fail(
                name,
                "no such setting (a typo?); the configuration reference lists every postings_*",
            )
    defaults, timezone_set = _defaults(read)
    index = read.path("postings_index", "openings/index", suffix=".md")
    rules, labels, organization = (
        _rules(read, index),
        _labels(read, config),
        _organization(read, config),
    )
    closed = read.get("postings_closed", str, "archive")
    if closed not in CLOSED_POLICIES:
        read.fail("postings_closed", f"{closed!r} is not one of {', '.join(CLOSED_POLICIES)}")
        closed = "archive"
    settings = Settings(
        defaults=defaults,
        rules=rules,
        labels=labels,
        organization=organization,
        timezone_set=timezone_set,
        closing_soon_days=read.get("postings_closing_soon_days", int, 14),
        index=index,
        tags_dir=read.path("postings_tags_dir", "openings/tags"),
        closed=closed,
        noindex_closed=read.get("postings_noindex_closed", bool, True),
        in_nav=read.get("postings_in_nav", bool, False),
        structured_data=read.get("postings_structured_data", bool, True),
        feed=read.path("postings_feed", "openings/feed.xml"),
        calendar=read.path("postings_calendar", "openings/deadlines.ics"),
        json=read.path("postings_json", "openings/postings.json"),
        sources=_sources(read, Path(confdir)),
        fetching=_fetching(read, Path(confdir)),
    )
    return settings, read.errors, read.warnings


def _sources(read: _Reader, confdir: Path) -> tuple[Source, ...]:
    sources = []
    for number, entry in enumerate(read.get("postings_sources", (list, tuple), [])):
        try:
            sources.append(source_from_config(entry, confdir.resolve()))
        except ValueError as error:
            read.fail(f"postings_sources[{number}]", str(error))
    return tuple(sources)


def _fetching(read: _Reader, confdir: Path) -> FetchOptions:
    timeout = read.get("postings_source_timeout", (int, float), 10)
    max_size = read.get("postings_source_max_size", int, 5_000_000)
    for name, number in (
        ("postings_source_timeout", timeout),
        ("postings_source_max_size", max_size),
    ):
        if isinstance(number, bool) or number <= 0:
            read.fail(name, f"{number!r} must be a number above 0")
    cache_dir = (confdir / read.get("postings_cache_dir", str, ".cache/postings")).resolve()
    return FetchOptions(
        cache_dir=cache_dir,
        timeout=float(timeout) if timeout > 0 else 10.0,
        max_bytes=max_size if max_size > 0 else 5_000_000,
        lifetime=timedelta(seconds=max(read.get("postings_cache_lifetime", int, 3600), 0)),
        offline=read.get("postings_offline", bool, False),
    )


def _defaults(read: _Reader) -> tuple[Defaults, bool]:
    """Time zone, deadline time and location; and whether the zone was set at all."""
    zone_name = read.get("postings_timezone", str, None)
    zone: tzinfo = expiry.resolve_zone("UTC")
    if zone_name is not None:
        try:
            zone = expiry.resolve_zone(zone_name)
        except ValueError as error:
            read.fail("postings_timezone", str(error))
    else:
        read.warnings.append(
            "conf.py: postings_timezone: not set, deadlines are read as UTC; add e.g. "
            'postings_timezone = "Europe/Zurich" (your lab\'s IANA zone)'
        )
    clock = expiry.parse_clock("23:59")
    try:
        clock = expiry.parse_clock(str(read.get("postings_deadline_time", str, "23:59")))
    except ValueError as error:
        read.fail("postings_deadline_time", str(error))
    location = None
    try:
        location, warnings = location_from_config(
            getattr(read.config, "postings_location", None), "conf.py"
        )
        read.warnings += [f"conf.py: postings_{w}" for w in warnings]
    except PostingError as error:
        read.fail("postings_location", error.problem.message)
    max_age = read.get("postings_max_age_days", int, 183)
    if isinstance(max_age, bool) or max_age < 0:
        read.fail("postings_max_age_days", f"{max_age!r} must be a whole number of 0 or more")
        max_age = 183
    defaults = Defaults(
        timezone=zone,
        deadline_time=clock,
        location=location,
        max_age=timedelta(days=max_age) if max_age else None,
        deadline_from_text=read.get("postings_deadline_from_text", bool, True),
    )
    return defaults, zone_name is not None


def _rules(read: _Reader, index: str) -> DetectRules:
    detect = read.get("postings_detect", dict, {})
    unknown = sorted(set(detect) - {"key", "dirs", "tags", "categories"})
    for key in unknown:
        read.fail(f"postings_detect[{key!r}]", "no such rule; use key, dirs, tags or categories")
    return DetectRules(
        key=str(detect.get("key", "posting")),
        dirs=tuple(read.strings(detect, "postings_detect", "dirs", ["openings"])),
        tags=tuple(read.strings(detect, "postings_detect", "tags", [])),
        categories=tuple(read.strings(detect, "postings_detect", "categories", [])),
        exclude=(index + ".md",),
    )


def _labels(read: _Reader, config: Any) -> Labels:
    language = read.get("postings_language", str, None)
    option = "postings_language" if language else "language"
    labels_given = read.get("postings_labels", dict, {})
    overrides = {str(k): str(v) for k, v in labels_given.items()}
    for key in Labels.unknown_keys(overrides):
        read.warnings.append(
            f"conf.py: postings_labels[{key!r}]: no such label, ignored; "
            "use a key listed on the docs' Languages page"
        )
    labels = Labels(str(language or getattr(config, "language", None) or "en"), overrides)
    if labels.unknown_language:
        read.warnings.append(
            f"conf.py: {option} = {labels.unknown_language!r}: no catalog of mkdocs-postings in "
            f"this language, its labels stay in English; use one of "
            f"{', '.join(catalog_languages())}, or add a catalog (see the Languages page)"
        )
    return labels


def _organization(read: _Reader, config: Any) -> Organization:
    org = read.get("postings_organization", dict, {})
    same_as = org.get("same_as", [])
    return Organization(
        name=str(org.get("name") or getattr(config, "project", "") or "Organization"),
        url=org.get("url"),
        logo=org.get("logo"),
        same_as=tuple(same_as) if isinstance(same_as, list | tuple) else (),
        unit=org.get("unit"),
    )
