"""A loaded site, MkDocs or Sphinx, as the commands see it; the problems they report.

``load.load_site`` tells the two apart by the file ``-f`` names; ``mkdocs_site`` and
``sphinx_site`` load each the way its build does.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from mkdocs_postings.model import Problem
from mkdocs_postings.options import Settings
from mkdocs_postings.publishing.listing import Tag
from mkdocs_postings.reading.collect import Collected
from mkdocs_postings.text import one_line

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

PROG = "mkdocs-postings"

BUILD_LOG_PREFIX = "mkdocs_postings: "
"""What the MkDocs plugin's logger (MkDocs' ``get_plugin_logger``) puts before a warning: the
package's name. Written here so that the commands need not import the plugin to know it."""


class UsageError(Exception):
    """The command cannot run as asked (exit 2); the message says what to do."""


# --------------------------------------------------------------------------- the site


@dataclass(frozen=True)
class Finding:
    """One problem, as the build would log it."""

    level: str  # "error" or "warning"
    file: str
    field: str | None
    message: str
    prefix: str = ""
    """What the build's logger puts before the message."""
    suffix: str = ""
    """What it puts after it (Sphinx's warning type, e.g. `` [postings.posting]``)."""
    style: str = "mkdocs"
    """Whose log format: ``mkdocs`` or ``sphinx``."""

    @classmethod
    def of(cls, level: str, problem: Problem) -> Finding:
        # The build raises errors (MkDocs prints them bare) and logs warnings through the
        # plugin's logger, which prefixes them.
        prefix = BUILD_LOG_PREFIX if level == "warning" else ""
        return cls(level, problem.file, problem.field, problem.message, prefix)

    def __str__(self) -> str:
        if self.field is None:
            return one_line(self.message)  # MkDocs' own wording, as its logger prints it
        return str(Problem(self.file, self.field, self.message))

    def log_line(self) -> str:
        """The line the build prints for this problem (MkDocs' or Sphinx's log format)."""
        if self.style == "sphinx":
            return f"{self.level.upper()}: {self}{self.suffix}"
        return f"{self.level.upper():<8}-  {self.prefix}{self}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "file": self.file,
            "field": self.field,
            "message": self.message,
        }


@dataclass(frozen=True)
class Found:
    """One posting file of a site, found and validated by the build's code."""

    src: str
    """Its path relative to the docs (MkDocs) or source (Sphinx) folder."""
    url: str
    collected: Collected | None
    error: Problem | None = None
    page_url: str | None = None
    """The absolute URL the body rules resolve links against, as the build passes it."""
    site_urls: Container[str] | None = None
    """Every page and file of the site (absolute), as the build passes them: a relative Apply
    link must lead to one of them; ``None``: not checked (as on Sphinx)."""


@dataclass
class Site:
    """A loaded site, MkDocs or Sphinx: what ``check``, ``list`` and ``new`` need of it."""

    config_name: str
    docs_dir: Path
    """Where posting files live: MkDocs' ``docs_dir``, Sphinx's source folder."""
    settings: Settings
    """The site's options, as its build reads them."""
    problems: list[Finding]
    """Warnings about the configuration itself."""
    scan: Callable[[], tuple[list[Finding], list[Found]]]
    """Find and validate the posting files; also returns warnings the scan logged."""
    render: Callable[[Collected], str]
    """A posting's body as HTML, for the body rules (apply target, deadline in the text)."""
    finding: Callable[[str, Problem], Finding]
    """A problem as this site's build logs it at a level."""
    clock: Callable[[], datetime]
    """The build's "now"."""
    clashes: Callable[[Mapping[str, Tag], Sequence[str]], list[Problem]] = lambda tags, srcs: []
    """Postings (by ``src``) saved where the build makes a page for one of ``tags``: errors."""
