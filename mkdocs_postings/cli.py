"""The ``mkdocs-postings`` command: ``new``, ``check`` and ``list``, on the build's own code.

A site is MkDocs (``mkdocs.yml``) or Sphinx (``conf.py``): ``load_mkdocs`` and ``load_sphinx``
load it and know how to scan it; one report (``examine``) and one output serve both.

On MkDocs, ``check`` and ``list`` load ``mkdocs.yml`` with MkDocs' own ``load_config`` (so the
plugin's options are validated exactly as in a build), take the site's files from MkDocs'
``get_files``, and find and validate postings with ``scan.Scanner``, the code ``on_files``
runs. "Now" is ``mkdocs.utils.get_build_datetime()``, the build's clock (``SOURCE_DATE_EPOCH``
honoured). On Sphinx, ``conf.py`` is read with Sphinx's ``Config.read`` and the extension's
``read_settings``, documents are found by Sphinx's ``Project`` and read by the core as
``source-read`` reads them, and bodies are parsed with MyST (see ``load_sphinx``). They read
and never write. ``new`` writes one posting file and checks it with the same code before it
does.

Exit codes: 0 clean, 1 problems (an error, or a warning with ``--fail-on warn``; ``new``: the
file exists), 2 usage errors (bad arguments, no ``mkdocs.yml`` or ``conf.py``, plugin not
configured, a bad setting).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import os
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

import markdown
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.structure.files import get_files
from mkdocs.utils import get_build_datetime
from pymdownx.slugs import slugify

from mkdocs_postings import expiry
from mkdocs_postings.collect import Collected, DetectRules, collect_posting
from mkdocs_postings.expiry import Status
from mkdocs_postings.extract import complete_from_body
from mkdocs_postings.listing import order_postings
from mkdocs_postings.model import (
    Defaults,
    Posting,
    PostingError,
    PostingType,
    Problem,
    duplicate_references,
)
from mkdocs_postings.plugin import PostingsPlugin
from mkdocs_postings.plugin import log as build_log
from mkdocs_postings.scan import Scanner, claim_url, read_settings

__all__ = ["main"]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

PROG = "mkdocs-postings"


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
        # plugin's logger, which prefixes them; ask that logger for its prefix.
        prefix = build_log.process("", {})[0] if level == "warning" else ""
        return cls(level, problem.file, problem.field, problem.message, prefix)

    def __str__(self) -> str:
        if self.field is None:
            return self.message  # MkDocs' own wording, as its logger prints it
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


@dataclass
class Site:
    """A loaded site, MkDocs or Sphinx: what ``check``, ``list`` and ``new`` need of it."""

    config_name: str
    docs_dir: Path
    """Where posting files live: MkDocs' ``docs_dir``, Sphinx's source folder."""
    rules: DetectRules
    defaults: Defaults
    timezone: str | None
    """The zone as configured (``None``: not set), for ``new``'s template."""
    closing_soon_days: int
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


def load_site(config_file: str | None) -> Site:
    """The site ``-f`` names: a ``conf.py`` (or a folder with one and no ``mkdocs.yml``) is a
    Sphinx project; anything else is read as ``mkdocs.yml``."""
    path = Path(config_file or ".")
    if path.name == "conf.py":
        return load_sphinx(path, config_file or "conf.py")
    mkdocs_there = any((path / name).exists() for name in ("mkdocs.yml", "mkdocs.yaml"))
    if path.is_dir() and (path / "conf.py").is_file() and not mkdocs_there:
        name = "conf.py" if config_file is None else str(path / "conf.py")
        return load_sphinx(path / "conf.py", name)
    return load_mkdocs(config_file)


# ----------------------------------------------------------------------------- MkDocs


class _Collector(logging.Handler):
    """Keeps MkDocs' log records, so they can be reported in the command's own output."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _mkdocs_log() -> Iterator[_Collector]:
    logger = logging.getLogger("mkdocs")
    collector = _Collector()
    propagate, level = logger.propagate, logger.level
    logger.addHandler(collector)
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
        logger.propagate = propagate
        logger.setLevel(level)


def load_mkdocs(config_file: str | None) -> Site:
    """Load ``mkdocs.yml`` the way ``mkdocs build`` does; raise ``UsageError`` if it fails.
    Its files come from MkDocs' ``get_files`` and go through ``scan.Scanner`` (``on_files``)."""
    name = config_file or "mkdocs.yml"
    with _mkdocs_log() as log:
        try:
            config = load_config(config_file)
        except ConfigurationError as error:
            reason = " ".join(str(error).split()).rstrip(".")
            hint = f"; run {PROG} in the folder of mkdocs.yml or pass -f"
            raise UsageError(reason + (hint if "does not exist" in reason else "")) from None
        except OSError as error:  # a folder, or a file that cannot be read
            raise UsageError(f"{name}: cannot read it: {error.strerror}") from None
        except Abort:
            errors = [r.getMessage() for r in log.records if r.levelno >= logging.ERROR]
            reason = "; ".join(errors) or "MkDocs could not load it"
            raise UsageError(f"{name}: {reason}") from None
    plugin = next((p for p in config.plugins.values() if isinstance(p, PostingsPlugin)), None)
    if plugin is None:
        raise UsageError(
            f"{name}: plugins: the postings plugin is not configured; "
            "add '- postings' under plugins:"
        )
    options = plugin.config
    settings = read_settings(options)
    problems = [Finding("warning", name, None, r.getMessage()) for r in log.records]
    problems += [Finding.of("warning", p) for p in settings.warnings]

    def scan() -> tuple[list[Finding], list[Found]]:
        with _mkdocs_log() as log:
            files = get_files(config)
        logged = [Finding("warning", name, None, r.getMessage()) for r in log.records]
        base = (config.site_url or "").rstrip("/") + "/"
        found: list[Found] = []
        urls: dict[str, str] = {}
        for s in Scanner().scan(files, settings):
            collected, error = s.collected, s.error
            if collected is not None and not collected.posting.draft:
                error = claim_url(s.file, urls)  # as on_files: two postings at one URL
                collected = None if error else collected
            url = base + s.file.url
            found.append(Found(s.file.src_uri, url, collected, error, url))
        return logged, found

    return Site(
        config_name=name,
        docs_dir=Path(config.docs_dir),
        rules=settings.rules,
        defaults=settings.defaults,
        timezone=options.timezone,
        closing_soon_days=options.closing_soon_days,
        problems=problems,
        scan=scan,
        render=lambda collected: render_markdown(config, collected.front_matter.body),
        finding=Finding.of,
        clock=build_now,
    )


def render_markdown(config: MkDocsConfig, text: str) -> str:
    """A posting's body as the build renders it (the site's extensions and their options)."""
    md = markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )
    try:
        return md.convert(text)
    except Exception:  # an extension that needs the build's page context; the build reports it
        return ""


def build_now() -> datetime:
    """The build's "now" (``SOURCE_DATE_EPOCH`` honoured)."""
    try:
        return get_build_datetime()
    except ValueError:
        raise UsageError(
            f"SOURCE_DATE_EPOCH: {os.environ.get('SOURCE_DATE_EPOCH')!r} is not a whole number "
            "of seconds since 1970; unset it or set e.g. SOURCE_DATE_EPOCH=1796126400"
        ) from None


# ----------------------------------------------------------------------------- Sphinx


def load_sphinx(conf: Path, name: str) -> Site:
    """Load ``conf.py`` the way ``sphinx-build`` does (Sphinx's ``Config.read``) and read the
    ``postings_*`` values with the extension's ``read_settings``; the source folder is the
    folder of ``conf.py``. Its documents come from Sphinx's ``Project`` (``exclude_patterns``
    honoured) and are read with the core, as ``source-read`` reads them (``sources.py``)."""
    if not conf.is_file():
        raise UsageError(f"{name}: does not exist; run {PROG} in the folder of conf.py or pass -f")
    try:
        from sphinx.config import Config
        from sphinx.errors import ConfigError
        from sphinx.util.tags import Tags

        from mkdocs_postings.sphinx import settings as sphinx_settings
        from mkdocs_postings.sphinx import sources
    except ImportError:
        raise UsageError(
            f"{name}: Sphinx is not installed; pip install 'mkdocs-postings[sphinx]'"
        ) from None
    srcdir = conf.parent.resolve()
    try:
        config = Config.read(srcdir, overrides={}, tags=Tags())
    except ConfigError as error:
        lines = [line.strip() for line in str(error).splitlines() if line.strip()]
        reason = lines[0].rstrip(":") + (f": {lines[-1]}" if len(lines) > 1 else "")
        raise UsageError(f"{name}: {reason}") from None
    if "mkdocs_postings.sphinx" not in config.extensions:
        raise UsageError(
            f"{name}: extensions: the postings extension is not configured; "
            "add 'mkdocs_postings.sphinx' to extensions"
        )
    for value_name, default, rebuild, types in sphinx_settings.CONF_VALUES:
        config.add(value_name, default, rebuild, types)
    settings, errors, warnings = sphinx_settings.read_settings(config)
    if errors:
        raise UsageError("; ".join(errors))
    typed = bool(getattr(config, "show_warning_types", True))

    def finding(level: str, problem: Problem, kind: str = "posting") -> Finding:
        suffix = (" [postings]" if level == "error" else f" [postings.{kind}]") if typed else ""
        return Finding(level, problem.file, problem.field, problem.message, "", suffix, "sphinx")

    problems = [finding("warning", Problem(*text.split(": ", 2)), "config") for text in warnings]
    # Values of the HTML builder and of MyST, which register them, as conf.py sets them.
    raw: dict[str, Any] = getattr(config, "_raw_config", {})
    base = str(raw.get("html_baseurl") or "").rstrip("/")
    page_suffix = str(raw.get("html_file_suffix") or ".html")

    def _url(docname: str) -> str:  # as the build's postings.json gives it
        return f"{base}/{docname}{page_suffix}" if base else docname + page_suffix

    def scan() -> tuple[list[Finding], list[Found]]:
        found = [
            Found(s.src, _url(s.docname), s.collected, s.error, _url(s.docname) if base else None)
            for s in sources.scan_sources(
                srcdir,
                source_suffix=sources.merged_source_suffix(config.source_suffix),
                exclude=[
                    *config.exclude_patterns,
                    *config.templates_path,
                    *raw.get("html_static_path", []),
                    *raw.get("html_extra_path", []),
                ],
                include=config.include_patterns,
                rules=settings.rules,
                defaults=settings.defaults,
            )
        ]
        return [], found

    def render(collected: Collected) -> str:
        return render_myst(collected, raw.get("myst_enable_extensions") or [])

    return Site(
        config_name=name,
        docs_dir=srcdir,
        rules=settings.rules,
        defaults=settings.defaults,
        timezone=getattr(config, "postings_timezone", None),
        closing_soon_days=settings.closing_soon_days,
        problems=problems,
        scan=scan,
        render=render,
        finding=finding,
        clock=sphinx_now,
    )


def render_myst(collected: Collected, extensions: Sequence[str]) -> str:
    """A posting's body as the Sphinx build reads it: MyST's docutils parser turns it into a
    doctree (with the title heading the extension gives it) and the extension's ``body_html``
    into the HTML the body rules read. Outside Sphinx, Sphinx-only roles and directives
    (``{ref}``, ``{toctree}``) render as nothing."""
    from docutils.core import publish_doctree
    from myst_parser.parsers.docutils_ import Parser

    from mkdocs_postings.sphinx.extension import body_html, title_heading

    body = collected.front_matter.body
    text = title_heading(collected.posting.title, body) + body
    try:
        doctree = publish_doctree(
            text,
            parser=Parser(),
            settings_overrides={
                "report_level": 5,  # quiet: the build reports MyST's own warnings
                "halt_level": 5,
                "doctitle_xform": False,  # as Sphinx: the title stays a section
                "sectsubtitle_xform": False,
                "myst_enable_extensions": list(extensions),
            },
        )
    except Exception:  # a construct the build itself would report
        return ""
    return body_html(doctree)


def sphinx_now() -> datetime:
    """The Sphinx extension's "now" (``SOURCE_DATE_EPOCH`` honoured)."""
    try:
        return expiry.build_time()
    except ValueError as error:
        raise UsageError(str(error)) from None


# --------------------------------------------------------------------------- what a site holds


@dataclass(frozen=True)
class Row:
    """One posting file as ``check`` and ``list`` report it."""

    file: str
    url: str
    posting: Posting | None
    status: str  # a Status value, "draft", or "error"
    problems: tuple[Finding, ...]
    days_left: int | None = None

    @property
    def errors(self) -> int:
        return sum(f.level == "error" for f in self.problems)

    @property
    def warnings(self) -> int:
        return sum(f.level == "warning" for f in self.problems)

    def as_dict(self, *, with_problems: bool) -> dict[str, Any]:
        posting = self.posting
        deadline = posting.deadline if posting else None
        data: dict[str, Any] = {
            "file": self.file,
            "title": posting.title if posting else None,
            "type": posting.type.value if posting else None,
            "status": self.status,
            # as in the site's JSON listing: UTC, and the wall-clock time in the posting's zone
            "deadline": expiry.to_utc_iso(deadline) if deadline else None,
            "deadline_local": deadline.isoformat(timespec="seconds") if deadline else None,
            "rolling": posting.rolling if posting else None,
            "days_left": self.days_left,
            "tags": list(posting.tags) if posting else [],
            "url": self.url,
        }
        if with_problems:
            data["problems"] = [f.as_dict() for f in self.problems]
        return data


@dataclass(frozen=True)
class Report:
    now: datetime
    closing_soon_days: int
    rows: list[Row]
    site_problems: list[Finding]

    @property
    def problems(self) -> list[Finding]:
        return self.site_problems + [f for row in self.rows for f in row.problems]

    def count(self, level: str) -> int:
        return sum(f.level == level for f in self.problems)


def examine(site: Site, now: datetime) -> Report:
    """Every posting of the site at ``now``, with every problem the build would report."""
    closing_soon_days = site.closing_soon_days
    logged, found = site.scan()
    site_problems = site.problems + logged
    rows = []
    for item in found:
        if item.error is not None:
            rows.append(
                Row(item.src, item.url, None, "error", (site.finding("error", item.error),))
            )
            continue
        collected = item.collected
        if collected is None:
            continue
        posting = collected.posting
        warnings = list(collected.warnings)
        if not posting.draft:
            # The body rules (apply target, a deadline stated in the text) read rendered HTML:
            # render the body as the build does and run the build's own code on it.
            posting, _, body_problems = complete_from_body(
                posting, site.render(collected), page_url=item.page_url
            )
            warnings += body_problems
        status = "draft" if posting.draft else posting.status_at(now, closing_soon_days).value
        days = expiry.days_left(posting.deadline, now) if posting.deadline else None
        problems = tuple(site.finding("warning", p) for p in warnings)
        rows.append(Row(item.src, item.url, posting, status, problems, days))
    # Checks across postings, as the build makes them after reading every file.
    published = [row.posting for row in rows if row.posting and row.status != "draft"]
    shared = {p.file: p for p in duplicate_references(published)}
    rows = [
        replace(row, problems=(*row.problems, site.finding("warning", shared[row.file])))
        if row.file in shared
        else row
        for row in rows
    ]
    return Report(now, closing_soon_days, rows, site_problems)


# --------------------------------------------------------------------------- terminal output

_COLOURS = {
    Status.OPEN.value: "32",  # green
    Status.CLOSING_SOON.value: "1;33",  # bold yellow: the rows to look at
    Status.CLOSED.value: "2",  # dim
    Status.FILLED.value: "2",
    Status.CANCELLED.value: "2",
    "draft": "36",  # cyan
    "error": "1;31",  # bold red
    "warning": "33",
}


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return stream.isatty() and "NO_COLOR" not in os.environ


def _paint(text: str, key: str, colour: bool) -> str:
    code = _COLOURS.get(key)
    return f"\033[{code}m{text}\033[0m" if colour and code else text


def _width(text: str) -> int:
    """Columns ``text`` takes on a terminal (wide East Asian characters take two)."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _shorten(text: str, limit: int) -> str:
    if _width(text) <= limit:
        return text
    out = ""
    for ch in text:
        if _width(out + ch) > limit - 1:
            break
        out += ch
    return out.rstrip() + "…"


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right: Sequence[int] = (),
    paint: Sequence[str | None] = (),
    colour: bool = False,
) -> str:
    """Rows as aligned columns; ``paint[i]`` colours row ``i`` (on a terminal only)."""
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        padded = []
        for i, cell in enumerate(cells):
            gap = " " * (widths[i] - _width(cell))
            padded.append(gap + cell if i in right else cell + gap)
        return "  ".join(padded).rstrip()

    lines = [line(headers)]
    for i, row in enumerate(rows):
        text = line(row)
        key = paint[i] if i < len(paint) else None
        lines.append(_paint(text, key, colour) if key else text)
    return "\n".join(lines)


def _deadline_cell(posting: Posting | None) -> str:
    if posting is None:
        return "-"
    if posting.rolling:
        return "rolling"
    if posting.deadline is None:
        return "-"
    moment = posting.deadline
    return f"{moment:%Y-%m-%d %H:%M} {expiry.zone_label(moment)}"


def _days_cell(row: Row) -> str:
    if row.days_left is None or row.status not in (Status.OPEN, Status.CLOSING_SOON):
        return "-"
    return str(row.days_left)


def _problems_cell(row: Row) -> str:
    parts = []
    if row.errors:
        parts.append(f"{row.errors} error" + ("s" if row.errors > 1 else ""))
    if row.warnings:
        parts.append(f"{row.warnings} warning" + ("s" if row.warnings > 1 else ""))
    return ", ".join(parts) or "-"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _now_text(now: datetime) -> str:
    return f"{now:%Y-%m-%d %H:%M} UTC"


def check_text(report: Report, colour: bool) -> str:
    """``check``'s table, its problems one per line, and a summary."""
    out = [
        f"Postings at {_now_text(report.now)} "
        f"(closing soon: deadline within {_plural(report.closing_soon_days, 'day')})",
        "",
    ]
    if report.rows:
        out.append(
            table(
                ["FILE", "TITLE", "STATUS", "DEADLINE", "DAYS LEFT", "PROBLEMS"],
                [
                    [
                        row.file,
                        _shorten(row.posting.title, 40) if row.posting else "-",
                        row.status,
                        _deadline_cell(row.posting),
                        _days_cell(row),
                        _problems_cell(row),
                    ]
                    for row in report.rows
                ],
                right=(4,),
                paint=[row.status for row in report.rows],
                colour=colour,
            )
        )
    else:
        out.append("No postings found.")
    soon = [row for row in report.rows if row.status == Status.CLOSING_SOON]
    if soon:
        out += ["", f"Closing soon ({len(soon)}):"]
        for row in soon:
            days = _plural(row.days_left or 0, "day")
            text = f"  ! {row.file}: deadline {_deadline_cell(row.posting)}, {days} left"
            out.append(_paint(text, Status.CLOSING_SOON, colour))
    problems = report.problems
    if problems:
        out += ["", "Problems:"]
        out += [_paint(f.log_line(), f.level, colour) for f in problems]
    out += ["", _summary(report)]
    return "\n".join(out)


def _summary(report: Report) -> str:
    counts: dict[str, int] = {}
    for row in report.rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    order = [s.value for s in Status] + ["draft", "error"]
    parts = [f"{counts[s]} {s.replace('-', ' ')}" for s in order if counts.get(s)]
    postings = _plural(len(report.rows), "posting")
    detail = f": {', '.join(parts)}" if parts else ""
    return (
        f"{postings}{detail}; "
        f"{_plural(report.count('error'), 'error')}, {_plural(report.count('warning'), 'warning')}"
    )


def list_text(rows: Sequence[Row], colour: bool) -> str:
    if not rows:
        return "No postings."
    return table(
        ["FILE", "TITLE", "TYPE", "STATUS", "DEADLINE", "DAYS LEFT"],
        [
            [
                row.file,
                _shorten(row.posting.title, 40) if row.posting else "-",
                row.posting.type.value if row.posting else "-",
                row.status,
                _deadline_cell(row.posting),
                _days_cell(row),
            ]
            for row in rows
        ],
        right=(5,),
        paint=[row.status for row in rows],
        colour=colour,
    )


LIST_COLUMNS = (
    "file",
    "title",
    "type",
    "status",
    "deadline",
    "deadline_local",
    "days_left",
    "tags",
    "url",
)


def list_csv(rows: Sequence[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(LIST_COLUMNS)
    for row in rows:
        data = row.as_dict(with_problems=False)
        data["tags"] = ", ".join(data["tags"])
        writer.writerow(["" if data[c] is None else data[c] for c in LIST_COLUMNS])
    return buffer.getvalue().rstrip("\n")


# --------------------------------------------------------------------------- commands


def cmd_check(args: argparse.Namespace) -> int:
    site = load_site(args.config_file)
    report = examine(site, site.clock())
    if args.format == "json":
        data = {
            "now": expiry.to_utc_iso(report.now),
            "closing_soon_days": report.closing_soon_days,
            "postings": [row.as_dict(with_problems=True) for row in report.rows],
            "problems": [f.as_dict() for f in report.problems],
            "errors": report.count("error"),
            "warnings": report.count("warning"),
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(check_text(report, use_colour(sys.stdout)))
    failing = report.count("error") + (report.count("warning") if args.fail_on == "warn" else 0)
    return EXIT_PROBLEMS if failing else EXIT_OK


_STATUS_FILTERS = {
    "open": lambda status: status in (Status.OPEN, Status.CLOSING_SOON),
    "closed": lambda status: status in (Status.CLOSED, Status.FILLED, Status.CANCELLED),
    "all": lambda status: status not in ("draft", "error"),
}


def cmd_list(args: argparse.Namespace) -> int:
    site = load_site(args.config_file)
    report = examine(site, site.clock())
    wanted = _STATUS_FILTERS[args.status]
    by_src = {row.file: row for row in report.rows if row.posting and wanted(row.status)}
    statuses = {src: Status(row.status) for src, row in by_src.items()}
    ordered = order_postings([row.posting for row in by_src.values() if row.posting], statuses)
    rows = [by_src[p.src] for p in ordered]
    if args.format == "json":
        print(
            json.dumps([r.as_dict(with_problems=False) for r in rows], indent=2, ensure_ascii=False)
        )
    elif args.format == "csv":
        print(list_csv(rows))
    else:
        print(list_text(rows, use_colour(sys.stdout)))
    errors = [f for f in report.problems if f.level == "error"]
    for finding in errors:
        print(finding.log_line(), file=sys.stderr)
    return EXIT_PROBLEMS if errors else EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    site = load_site(args.config_file)
    now = site.clock()
    title = " ".join(args.title.split())
    if not title:
        raise UsageError('the title is empty; give one, e.g. "PhD position in Clinical NLP"')
    defaults = site.defaults
    if args.deadline is not None:
        closes = expiry.deadline_instant(args.deadline, defaults.timezone, defaults.deadline_time)
        if closes <= now:
            raise UsageError(
                f"--deadline {_yaml_date(args.deadline)} has already passed "
                f"(now: {_now_text(now)}); give a future date"
            )
    folder = next((d.strip("/") for d in site.rules.dirs if d.strip("/")), "")
    src = f"{folder}/{file_slug(title)}.md" if folder else f"{file_slug(title)}.md"
    text = posting_template(
        title,
        kind=args.type,
        deadline=args.deadline,
        tags=args.tags,
        posted=now.astimezone(defaults.timezone).date(),
        timezone=site.timezone,
        key=site.rules.key,
    )
    # Validate with the build's code before writing: a new file must build with --strict.
    try:
        collected = collect_posting(src, text, rules=site.rules, defaults=defaults)
    except PostingError as error:
        raise UsageError(str(error)) from None
    if collected is None or collected.warnings:  # pragma: no cover - the template's own bug
        raise UsageError(f"{src}: the new posting would not build cleanly; please report this")
    target = site.docs_dir / src
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError:
        print(
            f"{PROG}: error: {_shown(target)} already exists, not overwritten; "
            "choose another title or edit that file",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    except OSError as error:
        print(
            f"{PROG}: error: {_shown(target)}: cannot write it: {error.strerror}", file=sys.stderr
        )
        return EXIT_PROBLEMS
    print(_shown(target))
    if args.deadline is None:
        print(
            f"note: no --deadline, so the posting is rolling (open until filled); "
            f"replace 'rolling: true' with 'deadline: YYYY-MM-DD' in {_shown(target)} to close "
            "it by date",
            file=sys.stderr,
        )
    return EXIT_OK


def _shown(path: Path) -> str:
    """``path`` relative to the working directory when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- `new`'s file

_slugify = slugify(case="lower", normalize="NFKD")


def file_slug(title: str) -> str:
    """A file name stem for ``title``: lower-case words joined by hyphens, accents dropped
    (the slugify MkDocs sites use for headings), at most 60 characters, never empty."""
    slug = "-".join(part for part in _slugify(title, "-").split("-") if part)
    if len(slug) > 60:
        slug = slug[:60].rsplit("-", 1)[0]
    return slug or "posting"


def _yaml_date(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    return value.isoformat()


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _commented(code: str, comment: str) -> str:
    """A front-matter line with its comment aligned with the others'."""
    return f"{code:<46}# {comment}"


def posting_template(
    title: str,
    *,
    kind: str,
    deadline: date | datetime | None,
    tags: Sequence[str],
    posted: date,
    timezone: str | None,
    key: str = "posting",
) -> str:
    """A new posting file: every front-matter field of the spec, optional ones commented out."""
    tag_list = "[" + ", ".join(_quoted(t) for t in tags) + "]"
    if deadline is None:
        deadline_lines = [
            _commented("  # deadline: 2027-01-31", 'a date or "2027-01-31 12:00"'),
            _commented("  rolling: true", "open until filled; replace with a deadline"),
        ]
    else:
        written = _yaml_date(deadline)
        if isinstance(deadline, datetime):
            written = _quoted(written)
        deadline_lines = [
            _commented(f"  deadline: {written}", 'a date or "2027-01-31 12:00"'),
            _commented("  # rolling: false", "true: open until filled, no deadline"),
        ]
    types = [t.value for t in PostingType]
    lines = [
        "---",
        f"title: {_quoted(title)}",
        _commented(f"date: {posted.isoformat()}", "posted"),
        f"tags: {tag_list}",
        "# categories: []",
        "# authors: []",
        "# summary: One or two sentences for cards and feeds (default: the first paragraph).",
        f"{key}:",
        "  # type is one of: " + ", ".join(types[:5]) + ",",
        "  #   " + ", ".join(types[5:]),
        f"  type: {kind}",
        _commented("  status: open", "open | filled | cancelled"),
        *deadline_lines,
        _commented(f"  # timezone: {timezone or 'Europe/Zurich'}", "default: the site's zone"),
        _commented("  # start: 2027-04-01", 'a date or text ("as soon as possible")'),
        "  # duration: 2 years",
        "  # positions: 1",
        _commented("  # employment_type: FULL_TIME", "default: derived from the type"),
        _commented("  # location: {locality: Zurich, country: CH}", "default: the site's"),
        _commented("  # remote: onsite", "onsite | hybrid | remote"),
        '  # salary: {currency: CHF, min: 80000, max: 90000, unit: YEAR, text: "SNF scale"}',
        "  # reference: MI-2027-03",
        _commented("  # apply: https://jobs.example.org/123", "or mailto:..., or {url:, email:}"),
        "  # contact: {name: Jane Doe, email: jane.doe@example.org}",
        _commented("  # structured_data: true", "false: no JSON-LD for this posting"),
        "---",
        "",
        "One or two sentences about the position: what the person will do and why it matters.",
        "",
        "## Your project",
        "",
        "What the project is about, the team, and the methods.",
        "",
        "## Qualifications",
        "",
        "- A degree in ...",
        "- Experience with ...",
        "",
        "## What we offer",
        "",
        "- ...",
        "",
        "## Application",
        "",
        "How to apply: add a link to the job portal or an e-mail address here",
        "(or set `apply:` above); the Apply button uses it.",
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------- arguments


def _deadline_arg(text: str) -> date | datetime:
    try:
        value = expiry.parse_date_value(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if isinstance(value, datetime) and value.tzinfo is not None:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give the time without an offset; it is read in the site's time zone"
        )
    return value


def _tags_arg(text: str) -> list[str]:
    tags: list[str] = []
    for part in text.split(","):
        tag = " ".join(part.split())
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def _add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-f",
        "--config-file",
        metavar="FILE",
        help="the site's mkdocs.yml, or a Sphinx project's conf.py or its folder "
        "(default: mkdocs.yml, else conf.py, in this folder)",
    )


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog=PROG,
        description="Job postings of an MkDocs or Sphinx site: write a new one, check all, "
        "list them.",
        epilog="Exit codes: 0 clean, 1 problems found, 2 usage error.",
    )
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = commands.add_parser(
        "new",
        help="write a new posting file",
        description="Write a new posting file into the first detect.dirs folder (never "
        "overwrites an existing file) and print its path.",
    )
    new.add_argument("title", help='the posting\'s title, e.g. "PhD position in Clinical NLP"')
    new.add_argument(
        "--type",
        choices=[t.value for t in PostingType],
        default=PostingType.OTHER.value,
        help="the kind of position (default: other)",
    )
    new.add_argument(
        "--deadline",
        type=_deadline_arg,
        metavar="DATE",
        help='YYYY-MM-DD or "YYYY-MM-DD HH:MM" in the site\'s time zone (default: rolling, '
        "open until filled)",
    )
    new.add_argument(
        "--tags", type=_tags_arg, default=[], metavar="A,B", help="comma-separated tags"
    )
    _add_config_option(new)
    new.set_defaults(run=cmd_new)

    check = commands.add_parser(
        "check",
        help="validate every posting as the build does",
        description="Validate every posting with the build's own rules and print what is open, "
        "closing soon and closed. Writes nothing.",
    )
    _add_config_option(check)
    check.add_argument(
        "--fail-on",
        choices=["error", "warn"],
        default="error",
        help="exit 1 on errors only (default), or on warnings too (like mkdocs build --strict)",
    )
    check.add_argument("--format", choices=["table", "json"], default="table")
    check.set_defaults(run=cmd_check)

    listing = commands.add_parser(
        "list",
        help="list postings",
        description="List the site's postings (open ones first, closing soonest first). "
        "Drafts and postings with errors are left out; errors go to stderr (exit 1).",
    )
    _add_config_option(listing)
    listing.add_argument(
        "--status",
        choices=list(_STATUS_FILTERS),
        default="open",
        help="open (with closing soon; default), closed (closed, filled, cancelled) or all",
    )
    listing.add_argument("--format", choices=["table", "json", "csv"], default="table")
    listing.set_defaults(run=cmd_list)
    return main_parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except UsageError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `mkdocs-postings list | head`
        sys.stderr.close()
        return EXIT_OK
    sys.stdout.flush()
    return code


def run() -> None:
    """The console script's entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
