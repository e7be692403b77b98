"""``mkdocs-postings list``: the postings as the cards page orders them, as a table, JSON or
CSV (the field names of the site's JSON listing).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Sequence
from typing import Any

from mkdocs_postings.cli.load import add_config_option, load_site
from mkdocs_postings.cli.report import (
    Row,
    days_cell,
    deadline_cell,
    examine,
    json_text,
    shorten,
    table,
    use_colour,
)
from mkdocs_postings.cli.site import EXIT_OK, EXIT_PROBLEMS
from mkdocs_postings.expiry import Status
from mkdocs_postings.publishing.listing import order_postings
from mkdocs_postings.text import NOT_ONE_LINE, one_line


def list_text(rows: Sequence[Row], colour: bool) -> str:
    if not rows:
        return "No postings."
    return table(
        ["FILE", "TITLE", "TYPE", "STATUS", "DEADLINE", "DAYS LEFT"],
        [
            [
                row.file,
                shorten(one_line(row.posting.title), 40) if row.posting else "-",
                ",".join(kind.value for kind in row.posting.types) if row.posting else "-",
                row.status,
                deadline_cell(row.posting),
                days_cell(row),
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
    "types",
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
        data["types"] = ", ".join(data["types"])
        writer.writerow([csv_cell(data[c]) for c in LIST_COLUMNS])
    return buffer.getvalue().rstrip("\n")


_FORMULA_START = ("=", "+", "-", "@")
"""What makes a spreadsheet read a cell as a formula (with a tab or CR before it: OWASP's
"CSV injection"); ``=HYPERLINK(...)`` in a title would be a link, or worse, when opened."""


def csv_cell(value: object) -> object:
    """A value as a CSV cell a spreadsheet shows as text: controls dropped (a line break or
    tab as a space), and text that would start a formula after them prefixed with ``'``, as
    OWASP recommends. Numbers (days left, which may be negative) stay numbers."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    if not value.isprintable():
        value = NOT_ONE_LINE.sub(lambda match: " " if match.group().isspace() else "", value)
    return "'" + value if value.lstrip().startswith(_FORMULA_START) else value


_STATUS_FILTERS = {
    "open": lambda status: status in (Status.OPEN, Status.CLOSING_SOON),
    "closed": lambda status: status in (Status.CLOSED, Status.FILLED, Status.CANCELLED),
    "draft": lambda status: status == "draft",
    "all": lambda status: status != "error",
}


def cmd_list(args: argparse.Namespace) -> int:
    site = load_site(args.config_file)
    report = examine(site, site.clock())
    wanted = _STATUS_FILTERS[args.status]
    by_src = {row.file: row for row in report.rows if row.posting and wanted(row.status)}
    published = {src: row for src, row in by_src.items() if row.status != "draft"}
    statuses = {src: Status(row.status) for src, row in published.items()}
    ordered = order_postings([row.posting for row in published.values() if row.posting], statuses)
    drafts = sorted(src for src, row in by_src.items() if row.status == "draft")
    rows = [by_src[p.src] for p in ordered] + [by_src[src] for src in drafts]
    if args.format == "json":
        print(json_text([r.as_dict(with_problems=False) for r in rows]))
    elif args.format == "csv":
        print(list_csv(rows))
    else:
        print(list_text(rows, use_colour(sys.stdout)))
    errors = [f for f in report.problems if f.level == "error"]
    for finding in errors:
        print(finding.log_line(), file=sys.stderr)
    unlisted = [r.file for r in report.rows if r.status == "draft" and r.file not in by_src]
    if unlisted:
        print(
            f"note: {_drafts(len(unlisted))} not listed ({one_line(', '.join(unlisted))}); "
            "see them with --status draft",
            file=sys.stderr,
        )
    return EXIT_PROBLEMS if errors else EXIT_OK


def _drafts(count: int) -> str:
    return "1 draft" if count == 1 else f"{count} drafts"


def register(commands: Any) -> None:
    """Add ``list`` and its arguments to the command line."""
    listing = commands.add_parser(
        "list",
        help="list postings",
        description="List the site's postings (open ones first, closing soonest first), "
        "drafts last. Postings with errors are left out; errors go to stderr (exit 1).",
    )
    add_config_option(listing)
    listing.add_argument(
        "--status",
        choices=list(_STATUS_FILTERS),
        default="open",
        help="open (with closing soon; default), closed (closed, filled, cancelled), draft "
        "(not published yet) or all",
    )
    listing.add_argument("--format", choices=["table", "json", "csv"], default="table")
    listing.set_defaults(run=cmd_list)
