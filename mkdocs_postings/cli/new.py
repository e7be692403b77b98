"""``mkdocs-postings new``: write a new posting file from the template, validated with the
build's code first; never overwrite one.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pymdownx.slugs import slugify

from mkdocs_postings import expiry
from mkdocs_postings.cli.load import add_config_option, load_site
from mkdocs_postings.cli.report import now_text
from mkdocs_postings.cli.site import (
    EXIT_OK,
    EXIT_PROBLEMS,
    PROG,
    UsageError,
)
from mkdocs_postings.model import (
    PostingError,
    PostingType,
)
from mkdocs_postings.reading.collect import collect_posting
from mkdocs_postings.reading.unfinished import APPLY_PLACEHOLDER, PLACEHOLDERS


def cmd_new(args: argparse.Namespace) -> int:
    site = load_site(args.config_file)
    now = site.clock()
    title = " ".join(args.title.split())
    if not title:
        raise UsageError('the title is empty; give one, e.g. "PhD position in Clinical NLP"')
    defaults = site.settings.defaults
    if args.deadline is not None:
        closes = expiry.deadline_instant(args.deadline, defaults.timezone, defaults.deadline_time)
        if closes <= now:
            raise UsageError(
                f"--deadline {_yaml_date(args.deadline)} has already passed "
                f"(now: {now_text(now)}); give a future date"
            )
    folder = next((d.strip("/") for d in site.settings.rules.dirs if d.strip("/")), "")
    src = f"{folder}/{file_slug(title)}.md" if folder else f"{file_slug(title)}.md"
    text = posting_template(
        title,
        kind=args.type,
        deadline=args.deadline,
        tags=args.tags,
        posted=now.astimezone(defaults.timezone).date(),
        timezone=site.settings.timezone,
        key=site.settings.rules.key,
        builder="sphinx" if site.config_name.endswith(".py") else "mkdocs",
    )
    # Validate with the build's code before writing: a new file must build with --strict.
    try:
        collected = collect_posting(src, text, rules=site.settings.rules, defaults=defaults)
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


_DRAFT_COMMENT = {
    "mkdocs": (
        "# A draft: `mkdocs serve` shows it, `mkdocs build` leaves it out. When the text is",
        "# finished, delete the next line to publish it.",
    ),
    "sphinx": (
        "# A draft: `sphinx-build` leaves it out. When the text is finished, delete the next",
        "# line to publish it.",
    ),
}


def posting_template(
    title: str,
    *,
    kind: str,
    deadline: date | datetime | None,
    tags: Sequence[str],
    posted: date,
    timezone: str | None,
    key: str = "posting",
    builder: str = "mkdocs",
) -> str:
    """A new posting file: every front-matter field of the spec, optional ones commented out;
    a draft, with a comment that says how ``builder`` ("mkdocs" or "sphinx") treats it.

    Long by design: the file's lines in order, in one list, so that the code reads as the
    file it writes."""
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
        *_DRAFT_COMMENT[builder],
        "draft: true",
        f"title: {_quoted(title)}",
        _commented(f"date: {posted.isoformat()}", "posted"),
        f"tags: {tag_list}",
        "# categories: []",
        "# authors: []",
        "# summary: One or two sentences for cards and feeds (default: the first paragraph).",
        f"{key}:",
        "  # type is one of: " + ", ".join(types[:5]) + ",",
        "  #   " + ", ".join(types[5:]) + "; or several: [phd, postdoc]",
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
        _commented("  # reviewed: 2027-01-15", "the day you last confirmed it is open"),
        "---",
        "",
        PLACEHOLDERS[0],
        "",
        "## Your project",
        "",
        PLACEHOLDERS[1],
        "",
        "## Qualifications",
        "",
        f"- {PLACEHOLDERS[2]}",
        f"- {PLACEHOLDERS[3]}",
        "",
        "## What we offer",
        "",
        "- ...",
        "",
        "## Application",
        "",
        APPLY_PLACEHOLDER,
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


def register(commands: Any) -> None:
    """Add ``new`` and its arguments to the command line."""
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
    add_config_option(new)
    new.set_defaults(run=cmd_new)
