"""The options of mkdocs-postings, declared once: name, default, check, meaning.

``OPTIONS`` is the one declaration. MkDocs' config class (``mkdocs/config.py``) and Sphinx's
``postings_*`` conf values (``sphinx/settings.py``) are made from it; both check a value with
``Option.read`` and turn the checked values into one ``Settings`` with ``settings_from``. Every
message about an option is worded here; an adapter says only how its file spells an option
(``OptionsFile``) and what its framework knows about the site (``Context``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs_postings import expiry
from mkdocs_postings.model import Defaults, Location, PostingError, Problem
from mkdocs_postings.publishing.labels import Labels, catalog_language, catalog_languages
from mkdocs_postings.publishing.listing import CLOSED_POLICIES
from mkdocs_postings.publishing.structured_data import Organization
from mkdocs_postings.reading.collect import DetectRules
from mkdocs_postings.reading.fields import FieldReader, location_from_value
from mkdocs_postings.sources.fetch import MAX_BYTES
from mkdocs_postings.sources.gather import FetchOptions, Source, source_from_config

__all__ = [
    "OPTIONS",
    "Context",
    "Option",
    "OptionError",
    "OptionsFile",
    "Settings",
    "check_options",
    "settings_from",
]

Warnings = list[tuple[str, str]]
"""Where a checked value was odd but usable, and why: ``(dotted field, message)``."""


class OptionError(ValueError):
    """A value an option cannot take; ``field`` is the dotted name (``detect.dirs``)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


@dataclass(frozen=True)
class Option:
    """One option: its name, its default as a config file writes it, the Python types its
    value may have, and the check that turns a value of those types into the checked one."""

    name: str
    default: Any
    types: tuple[type, ...]
    check: Callable[[Option, Any, Warnings], Any] | None = None
    """Raises ``OptionError`` saying what to write; records oddities in the warnings."""
    doc: str = ""
    expects: str = ""
    """What a value of the wrong type should be, in words (default: from ``types``)."""
    keys: tuple[Option, ...] = ()
    """A mapping's own options (``detect.dirs``); its value is a dict of every key, checked."""

    def read(self, value: Any, warnings: Warnings) -> Any:
        """The checked value (the default when ``value`` is None); raises ``OptionError``."""
        if value is None:
            value = _copy(self.default)
            if value is None:
                return None
        if (isinstance(value, bool) and bool not in self.types) or not isinstance(
            value, self.types
        ):
            raise OptionError(
                self.name, f"expected {self.expects or _words(self.types)}, got {value!r}"
            )
        if self.keys:
            return _mapping(self, value, warnings)
        return self.check(self, value, warnings) if self.check else value


def _copy(default: Any) -> Any:
    return default.copy() if isinstance(default, dict | list) else default


_TYPE_WORDS = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    dict: "a mapping of keys",
    list: "a list",
}


def _words(types: tuple[type, ...]) -> str:
    return " or ".join(dict.fromkeys(_TYPE_WORDS[t] for t in types if t in _TYPE_WORDS))


# --------------------------------------------------------------------------- checks


def _mapping(option: Option, value: Any, warnings: Warnings) -> dict[str, Any]:
    keys = [key.name for key in option.keys]
    reader = FieldReader("")  # worded as a posting's unknown keys are
    reader.known_keys(value, option.name, keys)
    warnings += [(w.field, w.message) for w in reader.warnings]
    checked = {}
    for key in option.keys:
        try:
            checked[key.name] = key.read(value.get(key.name), warnings)
        except OptionError as error:
            raise OptionError(f"{option.name}.{error.field}", error.message) from None
    return checked


def _zone(option: Option, value: str, warnings: Warnings) -> str:
    try:
        expiry.resolve_zone(value)
    except ValueError as error:
        raise OptionError(option.name, str(error)) from None
    return value


def _clock(option: Option, value: str | int, warnings: Warnings) -> str:
    text = str(value)  # YAML 1.1 reads an unquoted 23:59 as the number 1439
    try:
        expiry.parse_clock(text)
    except ValueError as error:
        raise OptionError(option.name, str(error)) from None
    return text


def _location(option: Option, value: Any, warnings: Warnings) -> Location | None:
    reader = FieldReader("")
    try:
        location = location_from_value(reader, value, option.name)
    except PostingError as error:
        raise OptionError(error.field, error.problem.message) from None
    warnings += [(w.field, w.message) for w in reader.warnings]
    return location


def _path(option: Option, value: str, warnings: Warnings) -> str:
    """A docs-relative path ("" switches an output off)."""
    text = value.strip().strip("/")
    if ".." in text.split("/"):
        raise OptionError(option.name, f"{text!r} must stay inside the docs folder (no '..')")
    return text


def _above_zero(option: Option, value: float, warnings: Warnings) -> float:
    if value <= 0:
        raise OptionError(option.name, f"expected a number above 0, got {value!r}")
    return value


def _not_negative(option: Option, value: int, warnings: Warnings) -> int:
    if value < 0:
        raise OptionError(option.name, f"expected a whole number of 0 or more, got {value!r}")
    return value


def _closed(option: Option, value: str, warnings: Warnings) -> str:
    if value not in CLOSED_POLICIES:
        raise OptionError(option.name, f"{value!r} is not one of {', '.join(CLOSED_POLICIES)}")
    return value


def _names(
    option: Option, value: str | list[Any] | tuple[Any, ...], warnings: Warnings
) -> list[str]:
    """A list of names; one name alone counts as a list of one."""
    names = [value] if isinstance(value, str) else list(value)
    if not all(isinstance(name, str) for name in names):
        raise OptionError(option.name, f"expected a list of names, got {value!r}")
    return names


def _web_address(option: Option, value: str, warnings: Warnings) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise OptionError(
            option.name, f"{value!r} is not a web address; write a full https:// link"
        )
    return value.strip()


def _web_addresses(option: Option, value: list[Any], warnings: Warnings) -> list[str]:
    for number, item in enumerate(value):
        if not isinstance(item, str):
            raise OptionError(f"{option.name}[{number}]", f"expected a web address, got {item!r}")
        _web_address(option, item, warnings)
    return [item.strip() for item in value]


def _labels(option: Option, value: Mapping[Any, Any], warnings: Warnings) -> dict[str, str]:
    for key, text in value.items():
        if not isinstance(text, str):
            raise OptionError(f"{option.name}.{key}", f"expected text, got {text!r}")
    return {str(key): text for key, text in value.items()}


def _sources(option: Option, value: list[Any] | tuple[Any, ...], warnings: Warnings) -> list[Any]:
    for number, entry in enumerate(value):
        try:
            source_from_config(entry, Path("."))  # paths are resolved in settings_from
        except ValueError as error:
            raise OptionError(f"{option.name}[{number}]", str(error)) from None
    return list(value)


# --------------------------------------------------------------------------- the options

_TEXT = (str,)
_WHOLE = (int,)
_BOOL = (bool,)
_NAMES = (list, tuple, str)

# fmt: off
OPTIONS: tuple[Option, ...] = (
    Option("organization", {}, (dict,),
           doc="The legal employer (schema.org ``hiringOrganization``).",
           keys=(
               Option("name", None, _TEXT,
                      doc="Default: the site's name."),
               Option("url", None, _TEXT, _web_address,
                      doc="The employer's website."),
               Option("logo", None, _TEXT,
                      doc="URL of a logo image (absolute, or relative to the site)."),
               Option("same_as", [], (list, tuple), _web_addresses,
                      doc="Other pages of the employer (Wikipedia, ROR, LinkedIn)."),
               Option("unit", None, _TEXT,
                      doc="The lab or department inside the employer (schema.org "
                          "``employmentUnit``)."),
           )),
    Option("location", None, (str, dict), _location,
           doc="Where positions are, unless a posting says otherwise: ``{locality:, country:}``."),
    Option("timezone", None, _TEXT, _zone,
           doc='IANA zone of deadlines ("AoE" = Anywhere on Earth); default UTC, with a warning.'),
    Option("deadline_time", "23:59", (str, int), _clock,
           expects="a time of day, HH:MM",
           doc="A date-only deadline means this time on that day."),
    Option("closing_soon_days", 14, _WHOLE,
           doc='A posting is "closing soon" this many days before its deadline.'),
    Option("max_age_days", 183, _WHOLE, _not_negative,
           doc="A posting with no deadline (not stated, not read from its text) is past this "
               "many days after its posted date, or after ``posting.reviewed`` when that is "
               "later; 0: never."),
    Option("deadline_from_text", True, _BOOL,
           doc="A deadline the text states clearly is the deadline when the front matter has "
               "none."),
    Option("detect", {}, (dict,),
           doc="Which pages are postings: a page is one if ANY of these rules matches.",
           keys=(
               Option("key", "posting", _TEXT,
                      doc="The front-matter mapping that marks a posting and holds its fields "
                          "(always on)."),
               Option("dirs", ["openings"], _NAMES, _names,
                      doc="Docs folders whose pages are all postings."),
               Option("tags", [], _NAMES, _names,
                      doc="Tags that mark a posting (Hugo Academic: ``Opportunities``); "
                          "case-insensitive."),
               Option("categories", [], _NAMES, _names,
                      doc="Categories that mark a posting; case-insensitive."),
           )),
    Option("index", "openings/index.md", _TEXT, _path,
           doc="The cards page; generated unless the site has that file."),
    Option("tags_dir", "openings/tags", _TEXT, _path,
           doc="Folder of the generated tag pages and the tag index."),
    Option("closed", "archive", _TEXT, _closed,
           doc='Past postings in listings: archive (under "Past openings"), hide, '
               "keep (in place)."),
    Option("noindex_closed", True, _BOOL,
           doc='Past posting pages get ``<meta name="robots" content="noindex">``.'),
    Option("postings_in_nav", False, _BOOL,
           doc="Whether posting pages appear in the auto-generated nav."),
    Option("structured_data", True, _BOOL,
           doc="schema.org JobPosting JSON-LD on open posting pages."),
    Option("feed", "openings/feed.xml", _TEXT, _path,
           doc='Atom feed of open postings ("" turns it off).'),
    Option("calendar", "openings/deadlines.ics", _TEXT, _path,
           doc='iCalendar file of deadlines ("" turns it off).'),
    Option("json", "openings/postings.json", _TEXT, _path,
           doc='JSON listing of every posting ("" turns it off).'),
    Option("language", None, _TEXT,
           doc="UI language (a catalog under ``locale/``); default: the site's language, else "
               "English."),
    Option("labels", {}, (dict,), _labels,
           doc='Overrides of single UI strings, e.g. ``{apply: "Apply now"}``.'),
    Option("sources", [], (list, tuple), _sources,
           expects="a list of listings, e.g. [https://lab.example.org/openings/postings.json]",
           doc="Other sites' JSON listings shown on this site's board: URLs or local paths, each "
               "optionally ``{url: ..., name: ..., tags: [...]}`` (``path:`` for a local file)."),
    Option("source_timeout", 10, (int, float), _above_zero,
           doc="Seconds to wait for a source to answer."),
    Option("source_max_size", MAX_BYTES, _WHOLE, _above_zero,
           doc="The largest listing read from a source, in bytes."),
    Option("cache_dir", ".cache/postings", _TEXT,
           doc="Where sources' listings are cached, relative to the config file (never in the "
               "docs)."),
    Option("cache_lifetime", 3600, _WHOLE,
           doc="Seconds a cached listing is used without asking its source again (0: always ask)."),
    Option("offline", False, _BOOL,
           doc="Do not fetch sources: build from the cached copies."),
)
# fmt: on
"""Every option, in the order the configuration reference documents them."""

OPTION = {option.name: option for option in OPTIONS}


# --------------------------------------------------------------------------- reading them


@dataclass(frozen=True)
class OptionsFile:
    """How a framework's config file names and sets the options, for messages about them."""

    name: str
    """The file, as messages name it: ``mkdocs.yml``, ``conf.py``."""
    prefix: str = ""
    """What the file puts before an option's name (``postings_``)."""
    assignment: str = "{name}: {value}"
    """How the file sets an option, for a message's example."""
    where: str = ""
    """Where in the file the options are (`` under the postings plugin``)."""

    def field(self, dotted: str) -> str:
        """An option's name (``labels.apply``) as this file spells it."""
        return dotted if dotted.startswith(self.prefix) else self.prefix + dotted

    def example(self, name: str, value: str) -> str:
        return self.assignment.format(name=self.field(name), value=value)

    def problem(self, dotted: str, message: str, level: str = "warning") -> Problem:
        return Problem(self.name, self.field(dotted), message, level)


@dataclass(frozen=True)
class Context:
    """What the framework knows about the site that the options are read against."""

    file: OptionsFile
    site_name: str
    """The employer's name unless ``organization.name`` is set."""
    languages: Sequence[tuple[str, object]]
    """Where the labels' language may be set, in order (as the file names it, the value)."""
    base_dir: Path
    """The folder local sources and the cache folder are relative to."""
    docs_dir: Path | None = None
    """The docs folder, which the cache folder must stay out of (None: not checked)."""


@dataclass(frozen=True)
class Settings:
    """The options, checked and turned into the core's objects."""

    defaults: Defaults
    rules: DetectRules
    labels: Labels
    organization: Organization
    timezone: str | None
    """The zone's name as written; None when not set (deadlines are read as UTC)."""
    closing_soon_days: int
    index: str
    """The cards page: docs-relative (``openings/index.md``; Sphinx: the docname)."""
    tags_dir: str
    closed: str
    noindex_closed: bool
    in_nav: bool
    structured_data: bool
    feed: str
    calendar: str
    json: str
    sources: tuple[Source, ...]
    """Other sites' listings."""
    fetching: FetchOptions
    warnings: tuple[Problem, ...] = ()
    """Recoverable oddities in the options themselves (no ``timezone``, unknown labels, a
    language without a catalog)."""
    language: str = "en"
    """The language of the labels as the site asks for it."""


def check_options(
    raw: Mapping[str, Any], file: OptionsFile
) -> tuple[dict[str, Any], list[Problem], list[Problem]]:
    """Every option's value checked (None: not set), with errors and warnings; a wrong value
    is an error and its default is used instead."""
    values: dict[str, Any] = {}
    errors: list[Problem] = []
    warned: Warnings = []
    for option in OPTIONS:
        try:
            values[option.name] = option.read(raw.get(option.name), warned)
        except OptionError as error:
            errors.append(file.problem(error.field, error.message, "error"))
            values[option.name] = option.read(None, [])
    return values, errors, [file.problem(where, message) for where, message in warned]


def settings_from(values: Mapping[str, Any], context: Context) -> tuple[Settings, list[Problem]]:
    """The settings of checked ``values`` (``check_options``, or MkDocs' validated config),
    with the errors that need the site (a cache folder inside the docs)."""
    file = context.file
    warnings = []
    language, problem = _language(context)
    if problem is not None:
        warnings.append(problem)
    if values["timezone"] is None:
        warnings.append(
            file.problem(
                "timezone",
                "not set, deadlines are read as UTC; add e.g. "
                f"{file.example('timezone', 'Europe/Zurich')} (your lab's IANA zone){file.where}",
            )
        )
    for key in Labels.unknown_keys(values["labels"]):
        warnings.append(
            file.problem(
                f"labels.{key}",
                "no such label, ignored; use a key listed on the docs' Languages page",
            )
        )
    max_age, detect, org = values["max_age_days"], values["detect"], values["organization"]
    fetching, errors = _fetching(values, context)
    settings = Settings(
        defaults=Defaults(
            timezone=expiry.resolve_zone(values["timezone"] or "UTC"),
            deadline_time=expiry.parse_clock(values["deadline_time"]),
            location=values["location"],
            max_age=timedelta(days=max_age) if max_age else None,
            deadline_from_text=values["deadline_from_text"],
        ),
        rules=DetectRules(
            detect["key"],
            tuple(detect["dirs"]),
            tuple(detect["tags"]),
            tuple(detect["categories"]),
            exclude=(values["index"],),
        ),
        labels=Labels(language, values["labels"]),
        organization=Organization(
            name=org["name"] or context.site_name,
            url=org["url"],
            logo=org["logo"],
            same_as=tuple(org["same_as"]),
            unit=org["unit"],
        ),
        timezone=values["timezone"],
        closing_soon_days=values["closing_soon_days"],
        index=values["index"],
        tags_dir=values["tags_dir"],
        closed=values["closed"],
        noindex_closed=values["noindex_closed"],
        in_nav=values["postings_in_nav"],
        structured_data=values["structured_data"],
        feed=values["feed"],
        calendar=values["calendar"],
        json=values["json"],
        sources=tuple(source_from_config(entry, context.base_dir) for entry in values["sources"]),
        fetching=fetching,
        warnings=tuple(warnings),
        language=language,
    )
    return settings, errors


def _fetching(values: Mapping[str, Any], context: Context) -> tuple[FetchOptions, list[Problem]]:
    """How sources are read; the cache folder is relative to ``base_dir``, never in the docs."""
    cache_dir = (context.base_dir / values["cache_dir"]).resolve()
    docs = context.docs_dir.resolve() if context.docs_dir is not None else None
    errors = []
    if docs is not None and (cache_dir == docs or docs in cache_dir.parents):
        errors.append(
            context.file.problem(
                "cache_dir",
                f"{values['cache_dir']!r} is inside the docs folder; use a folder outside it, "
                f"such as {OPTION['cache_dir'].default}",
                "error",
            )
        )
    fetching = FetchOptions(
        cache_dir=cache_dir,
        timeout=float(values["source_timeout"]),
        max_bytes=values["source_max_size"],
        lifetime=timedelta(seconds=max(values["cache_lifetime"], 0)),
        offline=values["offline"],
    )
    return fetching, errors


def _language(context: Context) -> tuple[str, Problem | None]:
    """The first language the site sets, else English; one without a catalog is a warning."""
    where, value = next(((w, v) for w, v in context.languages if v), ("", None))
    if not value:
        return "en", None
    language = str(value)
    if catalog_language(language) is not None:
        return language, None
    file = context.file
    return language, Problem(
        file.name,
        where,
        f"no catalog for {language!r}, the postings labels stay in English; set "
        f"{file.field('language')}{file.where} to one of {', '.join(catalog_languages())}, "
        "or add a catalog (see the Languages page)",
    )
