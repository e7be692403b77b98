"""How well the plugin reads real postings: the labelled corpus built as a site, per field.

    python scripts/corpus_figures.py [--corpus ../shared/corpus] [--now 2026-12-01] [--misses]

Every file of ``corpus/postings`` is dropped unchanged into ``docs/openings/`` of a Material
site (the ``detect.dirs`` rule), built with real MkDocs at a pinned clock, and the JSON listing
it writes is compared with the hand labels of ``corpus/TRUTH.tsv``:

- **type**: the posting's type is one of the labelled kinds (rows labelled ``unknown`` say
  nothing about type and are not counted);
- **apply**: the Apply target is one of the labelled targets, or there is none where the label
  gives no target;
- **deadline**: the deadline (or "open until filled") equals the label, and a row labelled
  without one gets none;
- **posted**: the posted date equals the label;
- **honest**: no posting is open that is past by its labelled deadline, or by its age
  (labelled posted date older than the site's maximum age, no deadline and not rolling).

Prints one line per field (right / counted, percent) and, with ``--misses``, every miss.
``tests/test_corpus_figures.py`` holds the figures from falling.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
SITE_URL = "https://lab.example.org/"
FIELDS = ("type", "apply", "deadline", "posted", "honest")

# TRUTH.tsv's kinds of position -> the plugin's posting types
_TYPES = {
    "phd": "phd",
    "postdoc": "postdoc",
    "master": "student",
    "bachelor": "student",
    "student-assistant": "student",
    "research-assistant": "research_assistant",
    "internship": "internship",
    "engineer": "engineer",
    "technician": "technician",
    "faculty": "faculty",
    "other": "other",
}


@dataclass
class Figure:
    """One field's score: how many rows were counted, how many were right, the misses."""

    right: int = 0
    counted: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, miss: str) -> None:
        self.counted += 1
        if ok:
            self.right += 1
        else:
            self.misses.append(miss)

    @property
    def share(self) -> float:
        return self.right / self.counted if self.counted else 1.0


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def build_corpus(corpus: Path, folder: Path, now: datetime) -> dict[str, dict]:
    """Build every corpus posting into a site under ``folder``; its JSON listing by file name."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    docs = folder / "docs"
    (docs / "openings").mkdir(parents=True)
    (docs / "index.md").write_text("# Corpus\n", encoding="utf-8")
    for path in sorted((corpus / "postings").glob("*.md")):
        target = docs / "openings" / site_path(path.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    config = {
        "site_name": "Corpus",
        "site_url": SITE_URL,
        "theme": {"name": "material"},
        "markdown_extensions": ["admonition", "attr_list", {"toc": {"permalink": True}}],
        "plugins": [{"postings": {"timezone": "Europe/Zurich", "closed": "keep"}}],
    }
    config_file = folder / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(now.timestamp()))
    try:
        site = load_config(str(config_file), site_dir=str(folder / "site"))
        site.plugins.on_startup(command="build", dirty=False)
        try:
            build(site)
        finally:
            site.plugins.on_shutdown()
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    listing = json.loads((folder / "site/openings/postings.json").read_text("utf-8"))
    return {corpus_name(record["src"]): record for record in listing["postings"]}


def site_path(name: str) -> str:
    """Where a corpus file goes under ``openings/``: ``OWNER__REPO__BASENAME.md`` as
    ``OWNER__REPO/BASENAME.md``, so a Jekyll file keeps the name its date is read from."""
    owner, repo, base = name.split("__", 2)
    return f"{owner}__{repo}/{base}"


def corpus_name(src: str) -> str:
    return src.removeprefix("openings/").replace("/", "__", 1)


def _target(href: str, page_url: str) -> str:
    """A target as compared: a mailto's address (no subject), a URL resolved, lower case,
    without a trailing slash."""
    href = href.strip()
    if href.lower().startswith("mailto:"):
        href = href[len("mailto:") :].split("?", 1)[0]
    elif "@" in href and "/" not in href:
        pass  # an address as TRUTH.tsv writes it
    else:
        href = urljoin(page_url, href)
    return href.lower().rstrip("/")


def _alternatives(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def score(
    truth: Iterable[dict[str, str]],
    records: dict[str, dict],
    *,
    now: datetime,
    max_age_days: int,
    drafts: frozenset[str] = frozenset(),
) -> dict[str, Figure]:
    """Compare the listing's records with the hand labels, per field."""
    figures = {name: Figure() for name in FIELDS}
    today = now.date()
    for row in truth:
        name = row["file"]
        record = records.get(name)
        if record is None:
            if name not in drafts:
                for figure in figures.values():
                    figure.add(False, f"{name}: not in the listing")
            continue
        page_url = urljoin(SITE_URL, f"openings/{site_path(name).removesuffix('.md')}/")

        kinds = [kind for kind in row["type"].split("|") if kind]
        if kinds and kinds != ["unknown"]:
            wanted = {_TYPES[kind] for kind in kinds if kind in _TYPES}
            got = set(record.get("types") or [record["type"]])
            figures["type"].add(
                bool(got & wanted), f"{name}: type {sorted(got)}, labelled {row['type']}"
            )

        labelled = {_target(t, page_url) for t in _alternatives(row["apply_target"])}
        got_apply = record["apply"]
        if labelled:
            ok = got_apply is not None and _target(got_apply, page_url) in labelled
        else:
            ok = got_apply is None
        figures["apply"].add(
            ok, f"{name}: apply {got_apply!r}, labelled {row['apply_target'] or 'none'!r}"
        )

        stated = row["deadline"]
        got_deadline = (record["deadline_local"] or "")[:10]
        if stated in ("open-until-filled", "rolling"):
            ok = record["rolling"] and not got_deadline
            got_text = "rolling" if record["rolling"] else got_deadline or "none"
        else:
            ok = got_deadline == stated and (not record["rolling"] or bool(stated))
            got_text = got_deadline or ("rolling" if record["rolling"] else "none")
        figures["deadline"].add(ok, f"{name}: deadline {got_text}, labelled {stated or 'none'}")

        figures["posted"].add(
            (record["posted"] or "") == row["posted"],
            f"{name}: posted {record['posted'] or 'none'}, labelled {row['posted'] or 'none'}",
        )

        shown_open = record["status"] in ("open", "closing-soon")
        past = False
        if stated and stated[0].isdigit():
            past = date.fromisoformat(stated) < today
        elif not stated and row["posted"]:
            past = date.fromisoformat(row["posted"]) + timedelta(days=max_age_days) < today
        if past or not shown_open:
            figures["honest"].add(
                not (past and shown_open),
                f"{name}: shown {record['status']}, past by its "
                + (f"deadline {stated}" if stated else f"age (posted {row['posted']})"),
            )
    return figures


def drafts_of(sources: Iterable[dict[str, str]]) -> frozenset[str]:
    return frozenset(row["file"] for row in sources if "draft: true" in row["notes"])


def measure(corpus: Path, now: datetime, max_age_days: int) -> dict[str, Figure]:
    with tempfile.TemporaryDirectory(prefix="corpus-figures-") as folder:
        records = build_corpus(corpus, Path(folder), now)
    return score(
        read_tsv(corpus / "TRUTH.tsv"),
        records,
        now=now,
        max_age_days=max_age_days,
        drafts=drafts_of(read_tsv(corpus / "SOURCES.tsv")),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--now", type=date.fromisoformat, default=DEFAULT_NOW.date())
    parser.add_argument("--max-age-days", type=int, default=183)
    parser.add_argument("--misses", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    if not (args.corpus / "TRUTH.tsv").is_file():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    now = datetime.combine(args.now, DEFAULT_NOW.timetz())
    figures = measure(args.corpus, now, args.max_age_days)
    for name, figure in figures.items():
        print(f"{name:9} {figure.right:4} / {figure.counted:<4} {100 * figure.share:5.1f} %")
    if args.misses:
        for name, figure in figures.items():
            for miss in figure.misses:
                print(f"  {name}: {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
