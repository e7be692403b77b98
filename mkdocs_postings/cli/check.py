"""``mkdocs-postings check``: validate every posting as the build does and print what is open,
closing soon and closed, with every problem as the build words it.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from mkdocs_postings import expiry
from mkdocs_postings.cli.load import add_config_option, load_site
from mkdocs_postings.cli.report import (
    Report,
    days_cell,
    deadline_cell,
    examine,
    json_text,
    now_text,
    painted,
    plural,
    problems_cell,
    shorten,
    table,
    use_colour,
)
from mkdocs_postings.cli.site import EXIT_OK, EXIT_PROBLEMS
from mkdocs_postings.expiry import Status
from mkdocs_postings.reading.unfinished import aged_out
from mkdocs_postings.text import one_line


def check_text(report: Report, colour: bool) -> str:
    """``check``'s table, its problems one per line, and a summary."""
    out = [
        f"Postings at {now_text(report.now)} "
        f"(closing soon: deadline within {plural(report.closing_soon_days, 'day')})",
        "",
    ]
    if report.rows:
        out.append(
            table(
                ["FILE", "TITLE", "STATUS", "DEADLINE", "DAYS LEFT", "PROBLEMS"],
                [
                    [
                        row.file,
                        shorten(one_line(row.posting.title), 40) if row.posting else "-",
                        row.status,
                        deadline_cell(row.posting),
                        days_cell(row),
                        problems_cell(row),
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
            days = plural(row.days_left or 0, "day")
            text = f"  ! {one_line(row.file)}: deadline {deadline_cell(row.posting)}, {days} left"
            out.append(painted(text, Status.CLOSING_SOON, colour))
    typed = [row for row in report.rows if row.posting and row.posting.type_read_from]
    if typed:
        out += [
            "",
            f"Types read from the text ({len(typed)}; add type: under posting: to fix one):",
        ]
        for row in typed:
            assert row.posting is not None and row.posting.type_read_from is not None
            where, words = row.posting.type_read_from
            kinds = ", ".join(kind.value for kind in row.posting.types)
            out.append(one_line(f"  {row.file}: {kinds}, from the {where} ({words!r})"))
    out += _read_from_text(report)
    problems = report.problems
    if problems:
        out += ["", "Problems:"]
        out += [painted(f.log_line(), f.level, colour) for f in problems]
    out += ["", _summary(report)]
    return "\n".join(out)


def _read_from_text(report: Report) -> list[str]:
    """The deadlines and "open until filled" read from the postings' text, with the words
    they were read from, and the postings past by their age: what a visitor is told that
    the front matter does not say."""
    out: list[str] = []
    read = [
        row
        for row in report.rows
        if row.posting and (row.posting.deadline_read_from or row.posting.rolling_read_from)
    ]
    if read:
        out += [
            "",
            f"Deadlines read from the text ({len(read)}; add deadline: under posting: to set "
            "one yourself):",
        ]
        for row in read:
            assert row.posting is not None
            words = row.posting.deadline_read_from or row.posting.rolling_read_from or ""
            shown = shorten(one_line(words), 90)
            out.append(one_line(f"  {row.file}: {deadline_cell(row.posting)}, from {shown!r}"))
    aged = [row for row in report.rows if row.posting and aged_out(row.posting, report.now)]
    if aged:
        out += [
            "",
            f"Past by their age ({len(aged)}; to keep one open, add deadline: under posting:, "
            "or rolling: true with reviewed: and today's date):",
        ]
        for row in aged:
            assert row.posting is not None and row.posting.ages_out is not None
            since = row.posting.reviewed or row.posting.posted
            out.append(
                f"  {one_line(row.file)}: {'reviewed' if row.posting.reviewed else 'posted'} "
                f"{since}, past since {row.posting.ages_out:%Y-%m-%d}"
            )
    return out


def _summary(report: Report) -> str:
    counts: dict[str, int] = {}
    for row in report.rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    order = [s.value for s in Status] + ["draft", "error"]
    parts = [f"{counts[s]} {s.replace('-', ' ')}" for s in order if counts.get(s)]
    postings = plural(len(report.rows), "posting")
    detail = f": {', '.join(parts)}" if parts else ""
    return (
        f"{postings}{detail}; "
        f"{plural(report.count('error'), 'error')}, {plural(report.count('warning'), 'warning')}"
    )


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
        print(json_text(data))
    else:
        print(check_text(report, use_colour(sys.stdout)))
    failing = report.count("error") + (report.count("warning") if args.fail_on == "warn" else 0)
    return EXIT_PROBLEMS if failing else EXIT_OK


def register(commands: Any) -> None:
    """Add ``check`` and its arguments to the command line."""
    check = commands.add_parser(
        "check",
        help="validate every posting as the build does",
        description="Validate every posting with the build's own rules and print what is open, "
        "closing soon and closed. Writes nothing.",
    )
    add_config_option(check)
    check.add_argument(
        "--fail-on",
        choices=["error", "warn"],
        default="error",
        help="exit 1 on errors only (default), or on warnings too (like mkdocs build --strict)",
    )
    check.add_argument("--format", choices=["table", "json"], default="table")
    check.set_defaults(run=cmd_check)
