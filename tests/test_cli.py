"""The ``mkdocs-postings`` command against real sites, run in process (``main(argv)``, see
``conftest.run_cli``); the console script and ``python -m mkdocs_postings.cli`` are spawned for
real where that is the point: the entry points, the exit codes a shell sees, a terminal.

The clock is pinned through SOURCE_DATE_EPOCH (1 December 2026, 12:00 UTC) like every build test;
``check`` must report exactly what ``mkdocs build`` reports, so several tests run both.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS, PINNED_EPOCH, Site, run_cli, tree_digest

from mkdocs_postings.model import POSTING_KEYS
from mkdocs_postings.reading.unfinished import PLACEHOLDERS


def _script() -> Path:
    beside = Path(sys.executable).with_name("mkdocs-postings")
    if beside.exists():
        return beside
    found = shutil.which("mkdocs-postings")
    if found is None:
        pytest.fail(
            "the mkdocs-postings console script is not installed; run "
            "`pip install --no-deps -e .` so [project.scripts] creates it"
        )
    return Path(found)


ANSI = re.compile(r"\033\[[0-9;]*m")

OPEN = """\
---
title: PhD in Clinical NLP
tags: [NLP]
posting:
  type: phd
  deadline: 2027-01-31
  apply: https://jobs.example.org/1
---
Read clinical notes with language models.
"""

SOON = """\
---
title: Postdoc in Federated Learning
posting:
  type: postdoc
  deadline: 2026-12-10 12:00
  apply: https://jobs.example.org/2
---
Learn from data that never leaves the hospital.
"""

CLOSED = """\
---
title: Research Assistant
posting:
  type: research_assistant
  deadline: 2026-11-15
---
Past.
"""

FILLED = """\
---
title: Research Software Engineer
posting:
  type: engineer
  status: filled
  deadline: 2027-01-15
---
Filled.
"""

BROKEN = """\
---
title: Broken posting
posting:
  type: phd
  deadline: 2027-02-30
---
Body.
"""

WARNED = """\
---
title: Typo in a key
posting:
  tpye: phd
  rolling: true
  apply: mailto:jobs@example.org
---
Body.
"""


def assert_site_rows(stdout: str) -> None:
    """The four postings every test site holds, as ``check`` prints them at the pinned clock."""
    rows = table_rows(stdout)
    assert rows["openings/phd-nlp.md"] == [
        "openings/phd-nlp.md",
        "PhD in Clinical NLP",
        "open",
        "2027-01-31 23:59 CET",
        "61",
        "-",
    ]
    assert rows["openings/postdoc-fl.md"][2:5] == ["closing-soon", "2026-12-10 12:00 CET", "9"]
    assert rows["openings/ra.md"][2] == "closed"
    assert rows["openings/rse.md"][2] == "filled"


def cli(site: Site, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the command in the site's folder, as a lab member or CI would (in process)."""
    site.write_config()
    return run_cli(*args, cwd=site.root, env={"NO_COLOR": None, **(env or {})})


def cli_in_terminal(site: Site, *args: str, env: dict[str, str] | None = None) -> str:
    """Run the console script with a pseudo-terminal as stdout; return what it printed."""
    site.write_config()
    full_env = {**os.environ, **(env or {})}
    main, child = pty.openpty()
    process = subprocess.Popen(
        [str(_script()), *args], cwd=site.root, env=full_env, stdout=child, stderr=child
    )
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(main)
    return b"".join(chunks).decode()


@pytest.fixture
def site(make_site) -> Site:
    """Four postings: open, closing soon (9 days left at the pinned clock), closed, filled."""
    made = make_site()
    made.write("openings/phd-nlp.md", OPEN)
    made.write("openings/postdoc-fl.md", SOON)
    made.write("openings/ra.md", CLOSED)
    made.write("openings/rse.md", FILLED)
    return made


def table_rows(stdout: str) -> dict[str, list[str]]:
    """The table's rows by file (cells split on runs of two or more spaces)."""
    rows = {}
    for line in stdout.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if cells and cells[0].endswith(".md"):
            rows[cells[0]] = cells
    return rows


# ----------------------------------------------------------------------------- check


def test_check_prints_a_table_of_every_posting_and_exits_0(site: Site):
    result = cli(site, "check")
    assert result.returncode == 0, result.stderr
    header = next(line for line in result.stdout.splitlines() if line.startswith("FILE"))
    assert re.split(r"\s{2,}", header) == [
        "FILE",
        "TITLE",
        "STATUS",
        "DEADLINE",
        "DAYS LEFT",
        "PROBLEMS",
    ]
    assert_site_rows(result.stdout)
    assert "index.md" not in table_rows(result.stdout)  # not a posting
    assert "4 postings: 1 open, 1 closing soon, 1 closed, 1 filled; 0 errors, 0 warnings" in (
        result.stdout
    )
    assert not ANSI.search(result.stdout), "no colour when stdout is not a terminal"


def test_check_columns_are_aligned(site: Site):
    result = cli(site, "check")
    lines = [line for line in result.stdout.splitlines() if line.startswith(("FILE", "openings/"))]
    assert len(lines) == 5
    starts = {line.index(" closing-soon ") for line in lines if "closing-soon" in line}
    header_status = lines[0].index("STATUS")
    assert starts == {header_status - 1}
    assert {line[header_status:].split()[0] for line in lines[1:]} == {
        "open",
        "closing-soon",
        "closed",
        "filled",
    }


def test_check_highlights_postings_closing_soon(site: Site):
    result = cli(site, "check")
    assert "  ! openings/postdoc-fl.md: deadline 2026-12-10 12:00 CET, 9 days left" in result.stdout
    assert "Closing soon (1):" in result.stdout
    assert "phd-nlp.md: deadline" not in result.stdout  # 61 days left: not highlighted


def test_check_colours_only_on_a_terminal_without_no_color(site: Site):
    coloured = cli_in_terminal(site, "check")
    soon_row = next(
        line for line in coloured.splitlines() if line.startswith("\033[1;33mopenings/postdoc")
    )
    assert soon_row.endswith("\033[0m")
    assert "\033[32mopenings/phd-nlp.md" in coloured  # open: green
    plain = cli_in_terminal(site, "check", env={"NO_COLOR": "1"})
    assert not ANSI.search(plain)
    assert ANSI.sub("", coloured) == plain


def test_check_reports_a_broken_posting_with_file_and_field_as_the_build_does(site: Site):
    site.write("openings/broken.md", BROKEN)
    result = cli(site, "check")
    assert result.returncode == 1
    line = (
        "ERROR   -  openings/broken.md: posting.deadline: '2027-02-30' is not a date; "
        "write it as YYYY-MM-DD (e.g. 2027-01-31), optionally with a time (2027-01-31 12:00)"
    )
    assert line in result.stdout.splitlines()
    assert table_rows(result.stdout)["openings/broken.md"][1:3] == ["-", "error"]
    # the other postings are still checked and listed
    assert table_rows(result.stdout)["openings/phd-nlp.md"][2] == "open"
    build = site.run_mkdocs()
    assert build.returncode == 1
    assert line in build.stderr.splitlines(), "check must word it as the build does"


def test_check_reports_the_body_rules_as_the_build_does(site: Site):
    """An apply target that is one of several, and a deadline only the text states: the
    warning and the note come from the rendered body; check words the warning as the build
    does and prints the deadline with the words it was read from."""
    site.write(
        "openings/from-text.md",
        "---\ntitle: From the text\nposting:\n  type: phd\n---\n\nWe hire.\n\n"
        "**Bewerbungsfrist:** 31.01.2027\n\n## How to apply\n\n"
        "[Portal A](https://jobs.example.org/a) or [portal B](https://jobs.example.org/b).\n",
    )
    result = cli(site, "check", "--fail-on", "warn")
    assert result.returncode == 1
    build = site.run_mkdocs()
    expected = [
        line
        for line in build.stderr.splitlines()
        if "openings/from-text.md" in line and "WARNING" in line
    ]
    assert len(expected) == 1 and "posting.apply" in expected[0], build.stderr
    assert expected[0] in result.stdout.splitlines()
    assert 'read from the text "Bewerbungsfrist: 31.01.2027"' in build.stderr
    assert (
        "  openings/from-text.md: 2027-01-31 23:59 CET*, from 'Bewerbungsfrist: 31.01.2027'"
        in result.stdout.splitlines()
    )


def test_check_reports_every_broken_posting_not_just_the_first(site: Site):
    site.write("openings/broken.md", BROKEN)
    site.write("openings/zz-no-title.md", "---\nposting:\n  rolling: true\n---\nBody.\n")
    result = cli(site, "check")
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if line.startswith("ERROR")]
    assert [e.split(": ")[0:2] for e in errors] == [
        ["ERROR   -  openings/broken.md", "posting.deadline"],
        ["ERROR   -  openings/zz-no-title.md", "title"],
    ]


def test_check_warnings_exit_0_unless_fail_on_warn(site: Site):
    site.write("openings/typo.md", WARNED)
    line = (
        "WARNING -  mkdocs_postings: openings/typo.md: posting.tpye: unknown key, ignored; "
        "did you mean 'type'?"
    )
    relaxed = cli(site, "check")
    assert relaxed.returncode == 0
    assert line in relaxed.stdout.splitlines()
    strict = cli(site, "check", "--fail-on", "warn")
    assert strict.returncode == 1
    assert line in strict.stdout.splitlines()
    build = site.run_mkdocs("--strict")
    assert build.returncode == 1
    assert line in build.stderr.splitlines(), "check must word it as the build does"


def test_check_reports_the_plugins_config_warnings(make_site):
    site = make_site()
    site.config["plugins"] = ["search", "postings"]  # no timezone
    site.write("openings/phd-nlp.md", OPEN)
    result = cli(site, "check", "--fail-on", "warn")
    assert result.returncode == 1
    warnings = [line for line in result.stdout.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1
    assert warnings[0].startswith("WARNING -  mkdocs_postings: mkdocs.yml: timezone: not set")
    assert warnings[0] in site.run_mkdocs().stderr.splitlines()


def test_check_json(site: Site):
    site.write("openings/broken.md", BROKEN)
    site.write("openings/typo.md", WARNED)
    result = cli(site, "check", "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["now"] == "2026-12-01T12:00:00Z"
    assert data["closing_soon_days"] == 14
    by_file = {p["file"]: p for p in data["postings"]}
    assert {f: p["status"] for f, p in by_file.items()} == {
        "openings/broken.md": "error",
        "openings/phd-nlp.md": "open",
        "openings/postdoc-fl.md": "closing-soon",
        "openings/ra.md": "closed",
        "openings/rse.md": "filled",
        "openings/typo.md": "open",
    }
    soon = by_file["openings/postdoc-fl.md"]
    assert soon["days_left"] == 9
    assert soon["deadline"] == "2026-12-10T11:00:00Z"
    assert soon["deadline_local"] == "2026-12-10T12:00:00+01:00"
    assert soon["url"] == "https://lab.example.org/openings/postdoc-fl/"
    assert soon["problems"] == []
    assert by_file["openings/broken.md"]["problems"] == [
        {
            "level": "error",
            "file": "openings/broken.md",
            "field": "posting.deadline",
            "message": "'2027-02-30' is not a date; write it as YYYY-MM-DD (e.g. 2027-01-31), "
            "optionally with a time (2027-01-31 12:00)",
        }
    ]
    assert [(p["level"], p["file"], p["field"]) for p in data["problems"]] == [
        ("error", "openings/broken.md", "posting.deadline"),
        ("warning", "openings/typo.md", "posting.tpye"),
    ]
    assert (data["errors"], data["warnings"]) == (1, 1)


def test_check_and_list_follow_the_pinned_clock(site: Site):
    before = json.loads(cli(site, "check", "--format", "json").stdout)
    statuses = {p["file"]: p["status"] for p in before["postings"]}
    assert statuses["openings/postdoc-fl.md"] == "closing-soon"
    after_deadline = str(int(datetime(2026, 12, 10, 12, 0, tzinfo=UTC).timestamp()))
    later = json.loads(
        cli(site, "check", "--format", "json", env={"SOURCE_DATE_EPOCH": after_deadline}).stdout
    )
    assert later["now"] == "2026-12-10T12:00:00Z"
    statuses = {p["file"]: p["status"] for p in later["postings"]}
    assert statuses["openings/postdoc-fl.md"] == "closed"
    open_later = cli(site, "list", "--format", "json", env={"SOURCE_DATE_EPOCH": after_deadline})
    assert [p["file"] for p in json.loads(open_later.stdout)] == ["openings/phd-nlp.md"]


def test_check_agrees_with_the_build_on_the_example_site(example_site: Site):
    result = cli(example_site, "check", "--format", "json")
    assert result.returncode == 0, result.stdout
    statuses = {p["url"]: p["status"] for p in json.loads(result.stdout)["postings"]}
    example_site.build(strict=True)
    built = json.loads((example_site.out / "openings/postings.json").read_text())["postings"]
    assert {item["url"]: item["status"] for item in built} == statuses
    assert len(statuses) == 8


# ----------------------------------------------------------------------------- list


def test_list_shows_open_postings_closing_soonest_first(site: Site):
    result = cli(site, "list")
    assert result.returncode == 0, result.stderr
    rows = table_rows(result.stdout)
    assert list(rows) == ["openings/postdoc-fl.md", "openings/phd-nlp.md"]
    assert rows["openings/postdoc-fl.md"][1:] == [
        "Postdoc in Federated Learning",
        "postdoc",
        "closing-soon",
        "2026-12-10 12:00 CET",
        "9",
    ]


def test_list_shows_each_kind_of_a_posting_of_several(site: Site):
    site.write("openings/phd-nlp.md", OPEN.replace("type: phd", "type: [phd, internship]"))
    row = table_rows(cli(site, "list").stdout)["openings/phd-nlp.md"]
    assert row[2] == "phd,internship"
    (record,) = [
        r for r in json.loads(cli(site, "list", "--format", "json").stdout) if r["type"] == "phd"
    ]
    assert record["types"] == ["phd", "internship"]
    rows = list(csv.DictReader(io.StringIO(cli(site, "list", "--format", "csv").stdout)))
    assert [r["types"] for r in rows if r["type"] == "phd"] == ["phd, internship"]


@pytest.mark.parametrize(
    ("status", "files"),
    [
        ("open", ["openings/postdoc-fl.md", "openings/phd-nlp.md"]),
        ("closed", ["openings/rse.md", "openings/ra.md"]),
        (
            "all",
            ["openings/postdoc-fl.md", "openings/phd-nlp.md", "openings/rse.md", "openings/ra.md"],
        ),
    ],
)
def test_list_json_by_status(site: Site, status, files):
    result = cli(site, "list", "--status", status, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [p["file"] for p in data] == files


def test_list_csv(site: Site):
    result = cli(site, "list", "--status", "all", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == [
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
    ]
    first = rows[1]
    assert first == {
        "file": "openings/phd-nlp.md",
        "title": "PhD in Clinical NLP",
        "type": "phd",
        "types": "phd",
        "status": "open",
        "deadline": "2027-01-31T22:59:00Z",
        "deadline_local": "2027-01-31T23:59:00+01:00",
        "days_left": "61",
        "tags": "NLP",
        "url": "https://lab.example.org/openings/phd-nlp/",
    }
    assert [r["status"] for r in rows] == ["closing-soon", "open", "filled", "closed"]


def test_list_leaves_out_broken_postings_and_reports_them_on_stderr(site: Site):
    site.write("openings/broken.md", BROKEN)
    result = cli(site, "list", "--format", "json")
    assert result.returncode == 1
    assert [p["file"] for p in json.loads(result.stdout)] == [
        "openings/postdoc-fl.md",
        "openings/phd-nlp.md",
    ]
    assert result.stderr.startswith("ERROR   -  openings/broken.md: posting.deadline: ")


def test_check_and_list_write_nothing(site: Site):
    site.write("openings/broken.md", BROKEN)
    site.write_config()
    before = tree_digest(site.root)
    for args in (
        ["check"],
        ["check", "--format", "json"],
        ["list"],
        ["list", "--format", "csv"],
        ["list", "--status", "all", "--format", "json"],
    ):
        cli(site, *args)
    assert tree_digest(site.root) == before
    assert not site.out.exists()


# ----------------------------------------------------------------------------- new


def test_new_writes_a_complete_posting_that_builds_strictly(make_site):
    site = make_site()
    result = cli(
        site,
        "new",
        "PhD position in Clinical NLP: Transformers & C++",
        "--type",
        "phd",
        "--deadline",
        "2027-01-31",
        "--tags",
        "NLP, Machine Learning,NLP",
    )
    assert result.returncode == 0, result.stderr
    written = site.docs / "openings/phd-position-in-clinical-nlp-transformers-c.md"
    assert result.stdout.strip() == str(written.relative_to(site.root))
    text = written.read_text(encoding="utf-8")
    front, _ = text.removeprefix("---\n").split("\n---\n", 1)
    meta = yaml.safe_load(front)
    assert meta["draft"] is True
    assert "delete the next line to publish it" in front
    assert meta["title"] == "PhD position in Clinical NLP: Transformers & C++"
    assert str(meta["date"]) == "2026-12-01"  # the pinned clock, in the site's zone
    assert meta["tags"] == ["NLP", "Machine Learning"]
    assert meta["posting"] == {
        "type": "phd",
        "status": "open",
        "deadline": meta["posting"]["deadline"],
    }
    assert str(meta["posting"]["deadline"]) == "2027-01-31"
    # every field of the spec is there, the optional ones commented out
    for key in ("categories", "authors", "summary"):
        assert re.search(rf"^# {key}:", front, re.MULTILINE), key
    for key in POSTING_KEYS:
        assert re.search(rf"^  (# )?{key}:", front, re.MULTILINE), key
    build = site.run_mkdocs("--strict")  # a draft: it builds, and is not published
    assert build.returncode == 0, build.stderr
    assert not (site.out / "openings/phd-position-in-clinical-nlp-transformers-c").exists()
    # published, once finished: the draft line deleted, the placeholders replaced
    finished = text.replace("draft: true\n", "")
    for placeholder in PLACEHOLDERS:
        finished = finished.replace(placeholder, "Written by the lab.")
    written.write_text(finished.replace("Written by the lab.", "jobs@example.org", 1))
    build = site.run_mkdocs("--strict")
    assert build.returncode == 0, build.stderr
    page = site.page("openings/phd-position-in-clinical-nlp-transformers-c/")
    posting = page.select_one(".postings-posting")
    assert posting["data-status"] == "open"
    assert posting["data-deadline"] == "2027-01-31T22:59:00Z"


def test_new_without_deadline_is_rolling_and_builds_strictly(make_site):
    site = make_site()
    result = cli(site, "new", "Student assistant")
    assert result.returncode == 0, result.stderr
    assert "rolling" in result.stderr
    written = site.docs / "openings/student-assistant.md"
    meta = yaml.safe_load(written.read_text().split("---\n")[1])
    assert meta["posting"] == {"type": "other", "status": "open", "rolling": True}
    assert meta["draft"] is True
    build = site.run_mkdocs("--strict")
    assert build.returncode == 0, build.stderr
    assert not (site.out / "openings/student-assistant").exists()


def test_new_writes_into_the_first_detect_folder_named_in_the_config(make_site):
    site = make_site(detect={"dirs": ["jobs", "openings"]})
    site.config["plugins"][1]["postings"].setdefault("index", "jobs/index.md")
    other = site.root / "other.yml"
    site.write_config().rename(other)
    result = run_cli("new", "Postdoc", "--type", "postdoc", "-f", str(other), cwd=site.docs)
    assert result.returncode == 0, result.stderr
    assert (site.docs / "jobs/postdoc.md").exists()
    assert result.stdout.strip() == "jobs/postdoc.md"  # relative to the working directory


def test_new_refuses_to_overwrite(site: Site):
    site.write("openings/phd-in-clinical-nlp.md", OPEN)
    before = tree_digest(site.docs)
    result = cli(site, "new", "PhD in Clinical NLP", "--type", "phd")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "mkdocs-postings: error: docs/openings/phd-in-clinical-nlp.md already exists, "
        "not overwritten; choose another title or edit that file"
    )
    assert tree_digest(site.docs) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--deadline", "31.01.2027"], "argument --deadline: '31.01.2027' is not a date"),
        (["--deadline", "2026-11-30"], "--deadline 2026-11-30 has already passed"),
        (["--type", "wizard"], "argument --type: invalid choice: 'wizard'"),
    ],
)
def test_new_rejects_bad_arguments_with_exit_2(site: Site, args, message):
    before = tree_digest(site.docs)
    result = cli(site, "new", "A posting", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert tree_digest(site.docs) == before


# ----------------------------------------------------------------------------- usage errors


def test_usage_errors_exit_2(site: Site):
    assert cli(site, "check", "--format", "xml").returncode == 2
    assert cli(site, "list", "--status", "pending").returncode == 2
    assert cli(site, "frobnicate").returncode == 2
    assert cli(site).returncode == 2


def test_missing_config_exits_2(site: Site):
    result = cli(site, "check", "-f", "nowhere.yml")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "mkdocs-postings: error: Config file 'nowhere.yml' does not exist; "
        "run mkdocs-postings in the folder of mkdocs.yml or pass -f"
    )


@pytest.mark.parametrize(
    ("config_file", "message"),
    [
        ("docs", "mkdocs-postings: error: docs: cannot read it: Is a directory"),
        ("broken.yml", "mkdocs-postings: error: MkDocs encountered an error parsing the "),
    ],
)
def test_unreadable_config_exits_2_in_one_line(site: Site, config_file, message):
    (site.root / "broken.yml").write_text("site_name: [oops\n")
    result = cli(site, "check", "-f", config_file)
    assert result.returncode == 2
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1


def test_site_without_the_plugin_exits_2(site: Site):
    site.config["plugins"] = ["search"]
    result = cli(site, "list")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "mkdocs-postings: error: mkdocs.yml: plugins: the postings plugin is not configured; "
        "add '- postings' under plugins:"
    )


def test_bad_plugin_option_exits_2_naming_it_like_mkdocs(site: Site):
    site.config["plugins"][1]["postings"]["timezone"] = "Mars/Olympus"
    result = cli(site, "check")
    assert result.returncode == 2
    assert "mkdocs.yml: Config value 'plugins': Plugin 'postings' option 'timezone': " in (
        result.stderr
    )
    assert "'Mars/Olympus' is not a time zone" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_source_date_epoch_exits_2_without_traceback(site: Site):
    result = cli(site, "check", env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert result.returncode == 2
    assert result.stderr.startswith("mkdocs-postings: error: SOURCE_DATE_EPOCH: 'yesterday'")


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("new", ["--type", "--deadline", "--tags", "--config-file"]),
        ("check", ["--fail-on", "--format", "--config-file"]),
        ("list", ["--status", "--format", "--config-file"]),
    ],
)
def test_each_command_has_help(site: Site, command, options):
    result = cli(site, command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: mkdocs-postings {command}")
    for option in options:
        assert option in result.stdout


# ----------------------------------------------------------------------------- spawned for real


def _spawned(site: Site, command: list[str], *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ}
    env.pop("NO_COLOR", None)
    return subprocess.run(
        [*command, *args], cwd=site.root, capture_output=True, text=True, env=env, timeout=120
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [(["list", "--format", "csv"], 1), (["frobnicate"], 2)],
    ids=["problems", "usage"],
)
def test_the_console_script_and_python_m_are_the_command_run_in_process(site: Site, args, code):
    """What the in-process tests above run is what a shell runs: the console script of
    ``[project.scripts]`` and ``python -m mkdocs_postings.cli`` print the same and exit with
    the same code, as the shell sees it."""
    site.write("openings/broken.md", BROKEN)
    in_process = cli(site, *args)
    assert in_process.returncode == code
    for command in ([str(_script())], [sys.executable, "-m", "mkdocs_postings.cli"]):
        spawned = _spawned(site, command, *args)
        assert spawned.returncode == code, (command, spawned.stderr)
        assert (spawned.stdout, spawned.stderr) == (in_process.stdout, in_process.stderr)
    shell = subprocess.run(
        ["bash", "-c", f"{_script()} {' '.join(args)}; echo exit=$?"],
        cwd=site.root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shell.stdout.endswith(f"exit={code}\n")


def test_pinned_epoch_is_the_conftest_clock():
    # The expectations above (61 and 9 days left) hold at this instant only.
    assert datetime.fromtimestamp(int(PINNED_EPOCH), UTC) == datetime(2026, 12, 1, 12, tzinfo=UTC)


# ----------------------------------------------------------------------------- the build's rules


def test_check_uses_the_builds_detection_rules(make_site):
    site = make_site(detect={"dirs": ["openings"], "tags": ["Opportunities"]})
    site.write("openings/index.md", "# Openings\n\nOur open positions.\n")  # the cards page
    site.write("openings/phd-nlp.md", OPEN)
    site.write(
        "news/2026-11-20-hiring.md",
        "---\ntitle: We are hiring a technician\ntags: [Opportunities]\n"
        "expiryDate: 2027-03-01\n---\nJoin us.\n",
    )
    site.write("news/2026-11-01-award.md", "---\ntitle: An award\ntags: [News]\n---\nYay.\n")
    site.write(
        "openings/draft.md", "---\ntitle: Not yet\ndraft: true\nposting: {rolling: true}\n---\n"
    )
    result = cli(site, "check", "--format", "json")
    assert result.returncode == 0, result.stdout
    statuses = {p["file"]: p["status"] for p in json.loads(result.stdout)["postings"]}
    assert statuses == {
        "news/2026-11-20-hiring.md": "open",
        "openings/draft.md": "draft",
        "openings/phd-nlp.md": "open",
    }
    listed = json.loads(cli(site, "list", "--status", "all", "--format", "json").stdout)
    assert [(p["file"], p["status"]) for p in listed] == [
        ("openings/phd-nlp.md", "open"),
        ("news/2026-11-20-hiring.md", "open"),
        ("openings/draft.md", "draft"),  # drafts last
    ]
    published = cli(site, "list", "--format", "json")
    assert [p["file"] for p in json.loads(published.stdout)] == [
        "openings/phd-nlp.md",
        "news/2026-11-20-hiring.md",
    ]
    assert published.stderr.strip() == (
        "note: 1 draft not listed (openings/draft.md); see them with --status draft"
    )


def test_check_reports_a_file_that_is_not_utf8(site: Site):
    (site.docs / "openings/latin1.md").write_bytes(
        "---\ntitle: Stelle für\n---\n".encode("latin-1")
    )
    result = cli(site, "check")
    assert result.returncode == 1
    assert (
        "ERROR   -  openings/latin1.md: file: is not UTF-8 text; save it as UTF-8 in your editor"
        in result.stdout.splitlines()
    )


def test_check_reports_mkdocs_config_warnings_as_the_build_does(site: Site):
    site.config["unknown_option"] = 1
    result = cli(site, "check", "--fail-on", "warn")
    assert result.returncode == 1
    warnings = [line for line in result.stdout.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1
    assert "unknown_option" in warnings[0]
    assert warnings[0] in site.run_mkdocs().stderr.splitlines()
    assert cli(site, "check").returncode == 0


@pytest.mark.skipif(not (CORPUS / "postings").is_dir(), reason="../shared/corpus is not present")
def test_check_reads_every_real_corpus_posting(make_site):
    site = make_site(closed="keep")
    folder = site.docs / "openings"
    folder.mkdir()
    for path in (CORPUS / "postings").glob("*.md"):
        shutil.copyfile(path, folder / path.name)
    result = cli(site, "check", "--format", "json")
    assert result.returncode == 0, result.stdout[-2000:]
    data = json.loads(result.stdout)
    statuses = [p["status"] for p in data["postings"]]
    assert len(statuses) == 118
    assert statuses.count("draft") == 1  # like the build, which leaves it unpublished
    assert data["errors"] == 0


# ----------------------------------------------------------------------------- Sphinx projects


class SphinxProject:
    """A Sphinx project in a tmp dir: ``src/conf.py`` (the extension, ``postings_*`` values)
    and Markdown sources; ``cli()`` runs the console script in the project's root folder."""

    def __init__(self, root: Path, **values: object) -> None:
        self.root = root
        self.src = root / "src"
        self.conf: dict[str, object] = {
            "project": "Test Lab",
            "extensions": ["mkdocs_postings.sphinx"],
            "html_theme": "alabaster",
            "html_baseurl": "https://lab.example.org/",
            "postings_timezone": "Europe/Zurich",
            **values,
        }
        self.write("index.md", "# Test Lab\n\nWelcome.\n")

    def write(self, path: str, text: str) -> Path:
        target = self.src / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def write_conf(self) -> None:
        lines = [f"{name} = {value!r}" for name, value in self.conf.items()]
        (self.src / "conf.py").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def cli(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
        self.write_conf()
        env = {"SOURCE_DATE_EPOCH": PINNED_EPOCH, "NO_COLOR": None}
        return run_cli(*args, cwd=cwd or self.root, env=env)

    def sphinx_build(self, *args: str) -> subprocess.CompletedProcess:
        """``python -m sphinx -b html``, as a lab's CI runs it (``-E``: read every source);
        uncoloured, so its lines compare as text (Sphinx colours its output when ``CI`` is set)."""
        self.write_conf()
        env = {**os.environ, "SOURCE_DATE_EPOCH": PINNED_EPOCH, "NO_COLOR": "1"}
        out = self.root / "out"
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-b",
                "html",
                "-q",
                "-E",
                *args,
                str(self.src),
                str(out),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )


@pytest.fixture
def sphinx(tmp_path: Path) -> SphinxProject:
    """A Sphinx project with the four postings of ``site``: open, closing soon, closed, filled."""
    project = SphinxProject(tmp_path / "project")
    project.write("openings/phd-nlp.md", OPEN)
    project.write("openings/postdoc-fl.md", SOON)
    project.write("openings/ra.md", CLOSED)
    project.write("openings/rse.md", FILLED)
    return project


def test_sphinx_check_prints_the_same_table_as_on_mkdocs(sphinx: SphinxProject):
    result = sphinx.cli("check", "-f", "src/conf.py")
    assert result.returncode == 0, result.stderr
    assert_site_rows(result.stdout)
    assert "index.md" not in table_rows(result.stdout)
    assert "  ! openings/postdoc-fl.md: deadline 2026-12-10 12:00 CET, 9 days left" in (
        result.stdout
    )
    assert "4 postings: 1 open, 1 closing soon, 1 closed, 1 filled; 0 errors, 0 warnings" in (
        result.stdout
    )


def test_sphinx_is_selected_by_a_folder_with_conf_py_or_by_running_in_it(sphinx: SphinxProject):
    by_folder = sphinx.cli("list", "-f", "src", "--format", "json")
    in_folder = sphinx.cli("list", "--format", "json", cwd=sphinx.src)
    assert by_folder.returncode == in_folder.returncode == 0, by_folder.stderr + in_folder.stderr
    assert by_folder.stdout == in_folder.stdout
    listed = json.loads(by_folder.stdout)
    assert [p["file"] for p in listed] == ["openings/postdoc-fl.md", "openings/phd-nlp.md"]
    # the page URLs as the Sphinx build's postings.json gives them
    assert listed[0]["url"] == "https://lab.example.org/openings/postdoc-fl.html"


def test_sphinx_list_csv_orders_as_the_cards_page(sphinx: SphinxProject):
    result = sphinx.cli("list", "--status", "all", "--format", "csv", "-f", "src/conf.py")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["file"] for r in rows] == [
        "openings/postdoc-fl.md",
        "openings/phd-nlp.md",
        "openings/rse.md",
        "openings/ra.md",
    ]
    assert rows[1]["deadline"] == "2027-01-31T22:59:00Z"


def test_sphinx_check_agrees_with_the_builds_json(sphinx: SphinxProject):
    sphinx.write(
        "openings/draft.md", "---\ntitle: Not yet\ndraft: true\nposting: {rolling: true}\n---\n"
    )
    result = sphinx.cli("check", "-f", "src/conf.py", "--format", "json")
    assert result.returncode == 0, result.stdout
    checked = {p["url"]: p["status"] for p in json.loads(result.stdout)["postings"]}
    build = sphinx.sphinx_build("-W")
    assert build.returncode == 0, build.stderr
    built = json.loads((sphinx.root / "out/openings/postings.json").read_text())["postings"]
    assert {item["url"]: item["status"] for item in built} == {
        url: status for url, status in checked.items() if status != "draft"
    }
    assert "https://lab.example.org/openings/draft.html" in checked  # reported, as a draft


def _build_lines(build: subprocess.CompletedProcess, file: str) -> list[str]:
    return [line for line in build.stderr.splitlines() if file in line]


def test_sphinx_check_reports_a_broken_posting_as_sphinx_build_does(sphinx: SphinxProject):
    sphinx.write("openings/broken.md", BROKEN)
    result = sphinx.cli("check", "-f", "src/conf.py")
    assert result.returncode == 1
    line = (
        "ERROR: openings/broken.md: posting.deadline: '2027-02-30' is not a date; "
        "write it as YYYY-MM-DD (e.g. 2027-01-31), optionally with a time (2027-01-31 12:00) "
        "[postings]"
    )
    assert line in result.stdout.splitlines()
    assert table_rows(result.stdout)["openings/broken.md"][1:3] == ["-", "error"]
    assert table_rows(result.stdout)["openings/phd-nlp.md"][2] == "open"
    build = sphinx.sphinx_build()
    assert build.returncode == 1
    assert _build_lines(build, "openings/broken.md") == [line], "worded as sphinx-build"
    listed = sphinx.cli("list", "-f", "src/conf.py")
    assert listed.returncode == 1
    assert listed.stderr.splitlines() == [line]


def test_sphinx_warnings_are_worded_as_sphinx_build_and_fail_on_warn(sphinx: SphinxProject):
    sphinx.write("openings/typo.md", WARNED)
    sphinx.write(
        "openings/from-text.md",
        "---\ntitle: From the text\nposting:\n  type: phd\n---\n\nWe hire.\n\n"
        "**Bewerbungsfrist:** 31.01.2027\n\n## How to apply\n\n"
        "[Portal A](https://jobs.example.org/a) or [portal B](https://jobs.example.org/b).\n",
    )
    relaxed = sphinx.cli("check", "-f", "src/conf.py")
    assert relaxed.returncode == 0, relaxed.stdout
    strict = sphinx.cli("check", "-f", "src/conf.py", "--fail-on", "warn")
    assert strict.returncode == 1
    build = sphinx.sphinx_build()
    expected = _build_lines(build, "openings/typo.md") + _build_lines(build, "from-text.md")
    assert len(expected) == 2, build.stderr  # tpye; two apply targets (the date is read)
    checked = [line for line in strict.stdout.splitlines() if line.startswith("WARNING")]
    assert sorted(checked) == sorted(expected)


def test_sphinx_conf_warnings_are_reported(tmp_path: Path):
    project = SphinxProject(tmp_path / "project")
    del project.conf["postings_timezone"]
    project.write("openings/phd-nlp.md", OPEN)
    result = project.cli("check", "-f", "src/conf.py", "--fail-on", "warn")
    assert result.returncode == 1
    warnings = [line for line in result.stdout.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1
    assert warnings[0].startswith("WARNING: conf.py: postings_timezone: not set")
    assert warnings[0] in project.sphinx_build().stderr.splitlines()


def test_sphinx_respects_exclude_patterns_and_detection_values(tmp_path: Path):
    project = SphinxProject(
        tmp_path / "project",
        exclude_patterns=["old/**"],
        postings_detect={"dirs": ["jobs"], "tags": ["Opportunities"]},
        postings_index="jobs/index",
    )
    project.write("jobs/phd.md", OPEN)
    project.write("old/phd.md", OPEN.replace("posting:", "tags: [Opportunities]\nposting:"))
    project.write("openings/not-a-posting.md", "# Openings are elsewhere\n")
    project.write(
        "news/hiring.md",
        "---\ntitle: We are hiring\ntags: [Opportunities]\nexpiryDate: 2027-03-01\n---\nJoin.\n",
    )
    result = project.cli("check", "-f", "src/conf.py", "--format", "json")
    assert result.returncode == 0, result.stdout
    statuses = {p["file"]: p["status"] for p in json.loads(result.stdout)["postings"]}
    assert statuses == {"jobs/phd.md": "open", "news/hiring.md": "open"}


def test_sphinx_new_writes_into_the_first_detect_folder_and_builds_strictly(tmp_path: Path):
    project = SphinxProject(
        tmp_path / "project", postings_detect={"dirs": ["jobs"]}, postings_index="jobs/index"
    )
    result = project.cli(
        "new", "Postdoc in Clinical NLP", "--type", "postdoc", "--deadline", "2027-01-31",
        "-f", "src/conf.py",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    written = project.src / "jobs/postdoc-in-clinical-nlp.md"
    assert result.stdout.strip() == "src/jobs/postdoc-in-clinical-nlp.md"
    meta = yaml.safe_load(written.read_text(encoding="utf-8").split("---\n")[1])
    assert meta["posting"]["type"] == "postdoc"
    assert str(meta["posting"]["deadline"]) == "2027-01-31"
    assert "# timezone: Europe/Zurich" in written.read_text(encoding="utf-8")
    assert "# A draft: `sphinx-build` leaves it out." in written.read_text(encoding="utf-8")
    build = project.sphinx_build("-W")
    assert build.returncode == 0, build.stderr
    assert not (project.root / "out/jobs/postdoc-in-clinical-nlp.html").exists()  # a draft
    listed = json.loads(
        project.cli("list", "-f", "src", "--format", "json", "--status", "draft").stdout
    )
    assert [(p["file"], p["status"]) for p in listed] == [
        ("jobs/postdoc-in-clinical-nlp.md", "draft")
    ]
    again = project.cli("new", "Postdoc in Clinical NLP", "-f", "src/conf.py")
    assert again.returncode == 1
    assert "already exists, not overwritten" in again.stderr


def test_sphinx_check_and_list_write_nothing(sphinx: SphinxProject):
    sphinx.write("openings/broken.md", BROKEN)
    sphinx.write_conf()
    before = tree_digest(sphinx.root)
    for args in (
        ["check", "-f", "src/conf.py"],
        ["check", "-f", "src", "--format", "json"],
        ["list", "-f", "src/conf.py"],
        ["list", "-f", "src/conf.py", "--status", "all", "--format", "csv"],
    ):
        sphinx.cli(*args)
    assert tree_digest(sphinx.root) == before


@pytest.mark.parametrize(
    ("conf", "message"),
    [
        (
            'extensions = ["myst_parser"]\n',
            "src/conf.py: extensions: the postings extension is not configured; "
            "add 'mkdocs_postings.sphinx' to extensions",
        ),
        (
            'extensions = ["mkdocs_postings.sphinx"]\npostings_timezone = "Mars/Base"\n',
            "conf.py: postings_timezone: ",
        ),
        (
            'extensions = ["mkdocs_postings.sphinx"]\npostings_colour = "blue"\n',
            "conf.py: postings_colour: no such setting (a typo?)",
        ),
        ("extensions = [\n", "src/conf.py: There is a syntax error in your configuration file"),
        ("import no_such_module\n", "src/conf.py: There is a programmable error"),
    ],
    ids=["no-extension", "bad-value", "unknown-value", "syntax", "exception"],
)
def test_sphinx_usage_errors_exit_2_in_one_line(tmp_path: Path, conf, message):
    project = SphinxProject(tmp_path / "project")
    project.write("openings/phd-nlp.md", OPEN)
    project.write_conf = lambda: (project.src / "conf.py").write_text(conf)  # type: ignore[method-assign]
    result = project.cli("check", "-f", "src/conf.py")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"mkdocs-postings: error: {message}")


def test_sphinx_missing_conf_py_exits_2(sphinx: SphinxProject):
    result = sphinx.cli("check", "-f", "docs/conf.py")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "mkdocs-postings: error: docs/conf.py: does not exist; run mkdocs-postings in the "
        "folder of conf.py or pass -f"
    )


def test_check_reports_a_shared_reference_as_the_build_does(site: Site):
    """A check across postings (two with one reference) is reported by check as by the build."""
    for name in ("a", "b"):
        site.write(
            f"openings/ref-{name}.md",
            f"---\ntitle: Ref {name}\nposting:\n  rolling: true\n  reference: MI-9\n---\nBody.\n",
        )
    result = cli(site, "check", "--fail-on", "warn")
    assert result.returncode == 1
    build = site.run_mkdocs()
    expected = [line for line in build.stderr.splitlines() if "posting.reference" in line]
    assert len(expected) == 1 and "openings/ref-b.md" in expected[0], build.stderr
    assert expected[0] in result.stdout.splitlines()


def test_check_reports_two_postings_at_one_url_as_the_build_does(site: Site):
    text = "---\ntitle: PhD {n}\nposting:\n  rolling: true\n---\nBody.\n"
    site.write("openings/twin.md", text.format(n=1))
    site.write("openings/twin/index.md", text.format(n=2))
    result = cli(site, "check")
    assert result.returncode == 1
    build = site.run_mkdocs()
    expected = [line for line in build.stderr.splitlines() if "same URL" in line]
    assert len(expected) == 1 and "openings/twin/index.md: file:" in expected[0], build.stderr
    assert expected[0] in result.stdout.splitlines()


def test_check_and_list_say_what_was_read_from_the_text_and_what_aged(make_site):
    site = make_site()
    site.write(
        "openings/old.md",
        "---\ntitle: Old\ndate: 2017-08-01\n---\n\nTo apply, write to a@example.org.\n",
    )
    site.write(
        "openings/read.md",
        "---\ntitle: Read\ndate: 2026-11-01\n---\n\nThis position is open until filled.\n\n"
        "To apply, write to b@example.org.\n",
    )
    checked = cli(site, "check", "--fail-on", "warn")
    assert checked.returncode == 0, checked.stdout  # notes are no warnings
    lines = checked.stdout.splitlines()
    assert "  openings/read.md: rolling*, from 'This position is open until filled.'" in lines
    assert "  openings/old.md: posted 2017-08-01, past since 2018-01-31" in lines
    listed = cli(site, "list", "--status", "all", "--format", "json")
    rows = {row["file"]: row for row in json.loads(listed.stdout)}
    assert rows["openings/old.md"]["status"] == "closed"
    assert rows["openings/read.md"]["rolling"] is True
    table = cli(site, "list", "--status", "all").stdout
    assert "rolling*" in table


def test_check_refuses_an_apply_link_to_a_file_not_in_docs_as_the_build_does(make_site):
    site = make_site()
    site.write(
        "openings/pdf.md",
        "---\ntitle: PDF\nposting:\n  type: phd\n  deadline: 2027-01-31\n---\n\n"
        "To apply, read [the call](/files/call.pdf).\n",
    )
    build = site.run_mkdocs()
    expected = [line for line in build.stderr.splitlines() if "not in docs/" in line]
    assert len(expected) == 1, build.stderr
    checked = cli(site, "check")
    assert expected[0] in checked.stdout.splitlines()
