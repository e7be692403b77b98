"""The plugin's options (``plugins: - postings: ...`` in mkdocs.yml), typed and documented.

Values are checked by MkDocs when it loads the config, so a wrong option is a config error
that names it. Checks that need the core (time zones, locations) call the core's own parsers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from mkdocs_postings import expiry
from mkdocs_postings.model import Location, PostingError
from mkdocs_postings.publishing.listing import CLOSED_POLICIES
from mkdocs_postings.reading.fields import location_from_config
from mkdocs_postings.sources.gather import source_from_config

__all__ = ["PostingsConfig"]


class _Timezone(c.Type[str]):
    """An IANA zone name or "AoE"."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        name = super().run_validation(value)
        try:
            expiry.resolve_zone(name)
        except ValueError as error:
            raise base.ValidationError(str(error)) from None
        return name


class _Clock(c.Type[str]):
    """A time of day, "HH:MM"."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(str(value) if isinstance(value, int) else value)
        try:
            expiry.parse_clock(text)
        except ValueError as error:
            raise base.ValidationError(str(error)) from None
        return text


class _Location(c.BaseConfigOption[Location | None]):
    """``{locality:, region:, country:}`` or a place name."""

    def __init__(self) -> None:
        super().__init__()
        self.default = None

    def run_validation(self, value: object) -> Location | None:
        try:
            location, warnings = location_from_config(value)
        except PostingError as error:
            raise base.ValidationError(error.problem.message) from None
        self.warnings.extend(warnings)  # MkDocs prints them; --strict fails on them
        return location


class _Path(c.Type[str]):
    """A docs-relative path, or "" to switch an output off."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value).strip().strip("/")
        if ".." in text.split("/"):
            raise base.ValidationError(f"{text!r} must stay inside the docs folder (no '..')")
        return text


class _Sources(c.BaseConfigOption[list[Any]]):
    """Other sites' listings: URLs or paths, or ``{url:, name:, tags:}`` mappings."""

    def __init__(self) -> None:
        super().__init__()
        self.default: list[Any] = []

    def run_validation(self, value: object) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise base.ValidationError(
                "expected a list of listings, e.g. [https://lab.example.org/openings/postings.json]"
            )
        for entry in value:
            try:
                source_from_config(entry, Path("."))  # paths are resolved by the plugin
            except ValueError as error:
                raise base.ValidationError(str(error)) from None
        return value


class _Positive(c.Type[Any]):
    """A number above zero."""

    def __init__(self, kind: type | tuple[type, ...], default: float) -> None:
        super().__init__(kind, default=default)

    def run_validation(self, value: object) -> Any:
        number = super().run_validation(value)
        if isinstance(number, bool) or number <= 0:
            raise base.ValidationError(f"expected a number above 0, got {value!r}")
        return number


class _NotNegative(c.Type[int]):
    """A whole number of 0 or more."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or number < 0:
            raise base.ValidationError(f"expected a whole number of 0 or more, got {value!r}")
        return number


class DetectConfig(base.Config):
    """A page is a posting if ANY of these rules matches."""

    key = c.Type(str, default="posting")
    """The front-matter mapping that marks a posting and holds its fields (always on)."""
    dirs = c.ListOfItems(c.Type(str), default=["openings"])
    """Docs folders whose pages are all postings."""
    tags = c.ListOfItems(c.Type(str), default=[])
    """Tags that mark a posting (Hugo Academic: ``Opportunities``); case-insensitive."""
    categories = c.ListOfItems(c.Type(str), default=[])
    """Categories that mark a posting; case-insensitive."""


class OrganizationConfig(base.Config):
    """The legal employer (schema.org ``hiringOrganization``)."""

    name = c.Optional(c.Type(str))
    """Default: the ``site_name``."""
    url = c.Optional(c.URL())
    logo = c.Optional(c.Type(str))
    """URL of a logo image (absolute, or relative to ``site_url``)."""
    same_as = c.ListOfItems(c.URL(), default=[])
    """Other pages of the employer (Wikipedia, ROR, LinkedIn)."""
    unit = c.Optional(c.Type(str))
    """The lab or department inside the employer (schema.org ``employmentUnit``)."""


class PostingsConfig(base.Config):
    """Options of the ``postings`` plugin; every one has a default."""

    organization = c.SubConfig(OrganizationConfig)
    """The legal employer; default name: ``site_name``."""
    location = _Location()
    """Where positions are, unless a posting says otherwise: ``{locality:, country:}``."""
    timezone = c.Optional(_Timezone())
    """IANA zone of deadlines ("AoE" = Anywhere on Earth); default UTC, with a warning."""
    deadline_time = _Clock(default="23:59")
    """A date-only deadline means this time on that day."""
    closing_soon_days = c.Type(int, default=14)
    """A posting is "closing soon" this many days before its deadline."""
    max_age_days = _NotNegative(default=183)
    """A posting with no deadline (not stated, not read from its text) is past this many days
    after its posted date, or after ``posting.reviewed`` when that is later; 0: never."""
    deadline_from_text = c.Type(bool, default=True)
    """A deadline the text states clearly is the deadline when the front matter has none."""
    detect = c.SubConfig(DetectConfig)
    """Which pages are postings."""
    index = _Path(default="openings/index.md")
    """The cards page; generated unless the site has that file."""
    tags_dir = _Path(default="openings/tags")
    """Folder of the generated tag pages and the tag index."""
    closed = c.Choice(CLOSED_POLICIES, default="archive")
    """Past postings in listings: archive (under "Past openings"), hide, keep (in place)."""
    noindex_closed = c.Type(bool, default=True)
    """Past posting pages get ``<meta name="robots" content="noindex">``."""
    postings_in_nav = c.Type(bool, default=False)
    """Whether posting pages appear in the auto-generated nav."""
    structured_data = c.Type(bool, default=True)
    """schema.org JobPosting JSON-LD on open posting pages."""
    feed = _Path(default="openings/feed.xml")
    """Atom feed of open postings ("" turns it off)."""
    calendar = _Path(default="openings/deadlines.ics")
    """iCalendar file of deadlines ("" turns it off)."""
    json = _Path(default="openings/postings.json")
    """JSON listing of every posting ("" turns it off)."""
    language = c.Optional(c.Type(str))
    """UI language (a catalog under ``locale/``); default: ``theme.language``, else English."""
    labels = c.DictOfItems(c.Type(str), default={})
    """Overrides of single UI strings, e.g. ``{apply: "Apply now"}``."""
    sources = _Sources()
    """Other sites' JSON listings shown on this site's board: URLs or local paths, each
    optionally ``{url: ..., name: ..., tags: [...]}`` (``path:`` for a local file)."""
    source_timeout = _Positive((int, float), default=10)
    """Seconds to wait for a source to answer."""
    source_max_size = _Positive(int, default=5_000_000)
    """The largest listing read from a source, in bytes."""
    cache_dir = c.Type(str, default=".cache/postings")
    """Where sources' listings are cached, relative to the config file (never in docs/)."""
    cache_lifetime = c.Type(int, default=3600)
    """Seconds a cached listing is used without asking its source again (0: always ask)."""
    offline = c.Type(bool, default=False)
    """Do not fetch sources: build from the cached copies."""
