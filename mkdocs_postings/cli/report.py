"""What ``check`` and ``list`` report: every posting of a site at one moment with every problem
the build would report (``examine``), and the terminal table both print.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, TextIO

from mkdocs_postings import expiry
from mkdocs_postings.build import Build
from mkdocs_postings.cli.site import Finding, Site
from mkdocs_postings.expiry import Status
from mkdocs_postings.model import Posting
from mkdocs_postings.text import one_line


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
            "types": [kind.value for kind in posting.types] if posting else [],
            "status": self.status,
            # as in the site's JSON listing: UTC, and the wall-clock time in the posting's zone
            "deadline": expiry.to_utc_iso(deadline) if deadline else None,
            "deadline_local": deadline.isoformat(timespec="seconds") if deadline else None,
            "rolling": posting.rolling if posting else None,
            # where the deadline or "open until filled" was read from: the text's words, or
            # null for the front matter; when an undated posting stops being open
            "deadline_read_from": posting.deadline_read_from if posting else None,
            "rolling_read_from": posting.rolling_read_from if posting else None,
            "ages_out": expiry.to_utc_iso(posting.ages_out)
            if posting and posting.ages_out
            else None,
            "days_left": self.days_left,
            "tags": list(posting.tags) if posting else [],
            "url": self.url,
        }
        if with_problems:
            read_from = posting.type_read_from if posting else None
            data["type_read_from"] = (
                {"where": read_from[0], "words": read_from[1]} if read_from else None
            )
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
    """Every posting of the site at ``now``, with every problem the build would report: the
    build's own steps (``build.Build``) on the files the build would read."""
    closing_soon_days = site.settings.closing_soon_days
    build = Build(site.settings, now=now, site_name=site.config_name)
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
            # render the body as the build does and run the build's own step on it.
            posting, body_problems = build.complete(
                posting, site.render(collected), page_url=item.page_url, site_urls=item.site_urls
            )
            warnings += body_problems
        status = "draft" if posting.draft else posting.status_at(now, closing_soon_days).value
        days = expiry.days_left(posting.deadline, now) if posting.deadline else None
        # Notes (a deadline read from the text, a posting past by its age) are printed with
        # the posting's row by `check`, not counted as problems.
        problems = tuple(site.finding("warning", p) for p in warnings if p.level != "info")
        rows.append(Row(item.src, item.url, posting, status, problems, days))
    # Checks across postings, as the build makes them after reading every file.
    published = [row.posting for row in rows if row.posting and row.status != "draft"]
    shared = {p.file: p for p in build.across(published)}
    rows = [
        replace(row, problems=(*row.problems, site.finding("warning", shared[row.file])))
        if row.file in shared
        else row
        for row in rows
    ]
    # Other sites' postings (sources), named by their URL, and every problem with a source.
    if site.settings.sources:
        gathered = build.gather([item.page_url or item.url for item in found])
        site_problems = site_problems + [site.finding("warning", p) for p in gathered.problems]
    # A posting where the build makes a tag's page: an error, as in the build.
    tags = build.index_tags(published)
    clashes = {p.file: p for p in site.clashes(tags, [p.src for p in published])}
    rows = [
        replace(
            row, status="error", problems=(*row.problems, site.finding("error", clashes[row.file]))
        )
        if row.file in clashes
        else row
        for row in rows
    ]
    for sourced in build.sourced:
        posting = sourced.posting
        days = expiry.days_left(posting.deadline, now) if posting.deadline else None
        status = posting.status_at(now, closing_soon_days).value
        rows.append(Row(sourced.url, sourced.url, posting, status, (), days))
    return Report(now, closing_soon_days, rows, site_problems)


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


def painted(text: str, key: str, colour: bool) -> str:
    code = _COLOURS.get(key)
    return f"\033[{code}m{text}\033[0m" if colour and code else text


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal (wide East Asian characters take two)."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def shorten(text: str, limit: int) -> str:
    if width(text) <= limit:
        return text
    out = ""
    for ch in text:
        if width(out + ch) > limit - 1:
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
    """Rows as aligned columns; ``paint[i]`` colours row ``i`` (on a terminal only).

    Every cell is made ``one_line`` first: the colour codes are the table's own, never a
    title's or a file name's."""
    headers = [one_line(h) for h in headers]
    rows = [[one_line(cell) for cell in row] for row in rows]
    widths = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        padded = []
        for i, cell in enumerate(cells):
            gap = " " * (widths[i] - width(cell))
            padded.append(gap + cell if i in right else cell + gap)
        return "  ".join(padded).rstrip()

    lines = [line(headers)]
    for i, row in enumerate(rows):
        text = line(row)
        key = paint[i] if i < len(paint) else None
        lines.append(painted(text, key, colour) if key else text)
    return "\n".join(lines)


_JSON_ESCAPED = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""What ``json.dumps`` with ``ensure_ascii=False`` writes as it is but a terminal acts on: DEL,
the C1 controls (one-byte CSI), line and paragraph separators, bidi controls. (It escapes the
C0 controls, ESC among them, itself.)"""


def json_text(data: Any) -> str:
    """``data`` as the indented JSON ``--format json`` prints: text as written (``ü``, not
    ``\\u00fc``), but every character of ``_JSON_ESCAPED`` as a ``\\u`` escape, which means the
    same in a JSON string (the only place such a character can be). A NaN or infinity raises:
    JSON has no such numbers."""
    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
    return _JSON_ESCAPED.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def deadline_cell(posting: Posting | None) -> str:
    """The deadline as ``check`` and ``list`` show it; ``*`` marks one read from the text,
    ``rolling*`` "open until filled" read from it."""
    if posting is None:
        return "-"
    if posting.rolling:
        return "rolling*" if posting.rolling_read_from else "rolling"
    if posting.deadline is None:
        return "-"
    moment = posting.deadline
    mark = "*" if posting.deadline_read_from else ""
    return f"{moment:%Y-%m-%d %H:%M} {expiry.zone_label(moment)}{mark}"


def days_cell(row: Row) -> str:
    if row.days_left is None or row.status not in (Status.OPEN, Status.CLOSING_SOON):
        return "-"
    return str(row.days_left)


def problems_cell(row: Row) -> str:
    parts = []
    if row.errors:
        parts.append(f"{row.errors} error" + ("s" if row.errors > 1 else ""))
    if row.warnings:
        parts.append(f"{row.warnings} warning" + ("s" if row.warnings > 1 else ""))
    return ", ".join(parts) or "-"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def now_text(now: datetime) -> str:
    return f"{now:%Y-%m-%d %H:%M} UTC"
