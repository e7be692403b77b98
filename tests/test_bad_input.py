"""Bad input, case by case: every build ends in one clear error line, one clear warning line,
or a correct site -- never a traceback, never a write into docs/.

Builds run in-process on the built-in ``mkdocs`` theme (fast); an exception other than MkDocs'
``Abort`` fails the test, so a crash cannot pass for an error.
"""

from __future__ import annotations

import logging
import re
import subprocess
from dataclasses import dataclass

import pytest
from conftest import ROOT, Site, tree_digest
from mkdocs.exceptions import Abort


@dataclass(frozen=True)
class Case:
    id: str
    files: dict[str, str | bytes]
    outcome: str  # "error", "warning" or "works"
    file: str = "openings/a.md"
    field: str = ""
    says: str = ""
    """A phrase the line must contain (what to do, or what was wrong)."""


def posting(extra: str = "", *, head: str = "title: T\n", body: str = "Body.\n") -> str:
    """A valid rolling posting with ``extra`` lines under ``posting:`` (an ``apply:`` in them
    replaces the default one)."""
    return f"---\n{head}posting:\n  rolling: true\n  apply: {APPLY}\n{extra}---\n{body}"


def dated(deadline: str, extra: str = "") -> str:
    return f"---\ntitle: T\nposting:\n  deadline: {deadline}\n  apply: {APPLY}\n{extra}---\nBody.\n"


APPLY = "mailto:jobs@example.org"


ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)
"""Under 350 bytes of YAML that stand for 9**9 values."""
TAGS_10K = ", ".join(f"'tag {i}'" for i in range(10_000))
MEGABYTE = "x" * (1024 * 1024)

CASES = [
    # ---------------------------------------------------------------- front matter syntax
    Case(
        "yaml-broken",
        {"openings/a.md": "---\ntitle: [oops\nposting: {}\n---\n"},
        "error",
        field="front matter",
        says="broken YAML",
    ),
    Case(
        "yaml-unhashable-key",
        {"openings/a.md": posting(head="title: T\n? [a]\n: b\n")},
        "error",
        field="front matter",
        says="broken YAML",
    ),
    Case(
        "toml-broken",
        {"openings/a.md": '+++\ntitle = "unclosed\n+++\nBody\n'},
        "error",
        field="front matter",
        says="broken TOML",
    ),
    Case(
        "toml-impossible-date",
        {"openings/a.md": "+++\ntitle = 'T'\ndate = 2027-02-30\n+++\n"},
        "error",
        field="front matter",
        says="broken TOML",
    ),
    Case(
        "tabs",
        {"openings/a.md": "---\ntitle: T\nposting:\n\ttype: phd\n---\n"},
        "error",
        field="front matter",
        says="use spaces, not tabs",
    ),
    Case(
        "no-closing-line",
        {"openings/a.md": "---\ntitle: T\nposting:\n  rolling: true\n"},
        "error",
        field="front matter",
        says="no closing --- line",
    ),
    Case(
        "toml-no-closing-line",
        {"openings/a.md": "+++\ntitle = 'T'\n"},
        "error",
        field="front matter",
        says="no closing +++ line",
    ),
    Case(
        "yaml-nested-too-deep",
        {"openings/a.md": posting(head="title: T\nx: " + "[" * 500 + "]" * 500 + "\n")},
        "error",
        field="front matter",
        says="more than 100 levels deep",
    ),
    Case(
        "yaml-inside-itself",
        {"openings/a.md": posting(head="title: T\ntags: &t [a, *t]\n")},
        "error",
        field="front matter",
        says="inside themselves",
    ),
    Case(
        "toml-nested-too-deep",
        {"openings/a.md": "+++\ntitle = 'T'\nx = " + "[" * 5000 + "]" * 5000 + "\n+++\n"},
        "error",
        field="front matter",
        says="more than 100 levels deep",
    ),
    Case(
        "yaml-anchors-and-merge-keys",
        {
            "openings/a.md": posting(
                "  <<: {type: phd}\n", head="title: T\ntags: &t [a]\ncategories: *t\n"
            )
        },
        "works",
    ),
    Case(
        "not-a-mapping",
        {"openings/a.md": "---\n- a\n- b\n---\nBody\n"},
        "error",
        field="front matter",
        says="keys and values",
    ),
    Case(
        "not-utf8",
        {"openings/a.md": "---\ntitle: Zürich\n---\n".encode("latin-1")},
        "error",
        field="file",
        says="UTF-8",
    ),
    Case("bom", {"openings/a.md": "\ufeff" + posting()}, "works"),
    Case("crlf", {"openings/a.md": posting().replace("\n", "\r\n")}, "works"),
    Case(
        "bom-crlf-toml",
        {
            "openings/a.md": "\ufeff+++\r\ntitle = 'T'\r\n[posting]\r\nrolling = true\r\n"
            f"apply = '{APPLY}'\r\n+++\r\n"
        },
        "works",
    ),
    Case(
        "front-matter-only",
        {"openings/a.md": f"---\ntitle: T\nposting: {{rolling: true, apply: '{APPLY}'}}\n---"},
        "works",
    ),
    Case("empty-file", {"openings/a.md": ""}, "warning", field="title", says="file name"),
    Case(
        "front-matter-only-no-title",
        {"openings/a.md": "---\nposting: {rolling: true}\n---\n"},
        "error",
        field="title",
        says="title:",
    ),
    Case("template-empty", {"openings/a.md": posting(head="title: T\ntemplate:\n")}, "works"),
    # ---------------------------------------------------------------- the posting: mapping
    Case(
        "posting-list",
        {"openings/a.md": "---\ntitle: T\nposting: [a]\n---\n"},
        "error",
        field="posting",
        says="mapping",
    ),
    Case(
        "posting-text",
        {"openings/a.md": "---\ntitle: T\nposting: phd\n---\n"},
        "error",
        field="posting",
        says="mapping",
    ),
    Case(
        "posting-null",
        {"openings/a.md": "---\ntitle: T\nposting: null\n---\n"},
        "warning",
        field="posting",
        says="is empty",
    ),
    Case(
        "posting-empty-mapping",
        {"openings/a.md": "---\ntitle: T\nposting: {}\n---\n"},
        "warning",
        field="posting",
        says="is empty",
    ),
    Case(
        "unknown-key",
        {"openings/a.md": posting("  dedline: 2027-01-31\n")},
        "warning",
        field="posting.dedline",
        says="did you mean 'deadline'",
    ),
    Case(
        "unknown-key-with-line-break",  # found by test_fuzz: the warning must stay one line
        {"openings/a.md": posting('  "dead\\nline": 2027-01-31\n')},
        "warning",
        field="posting.'dead\\nline'",
        says="unknown key",
    ),
    Case(
        "unknown-keys-blob",
        {"openings/a.md": posting("".join(f"  k{i}: v\n" for i in range(5000)))},
        "warning",
        field="posting",
        says="5000 unknown keys",
    ),
    # ---------------------------------------------------------------- choices
    Case(
        "type",
        {"openings/a.md": posting("  type: wizard\n")},
        "error",
        field="posting.type",
        says="phd, postdoc",
    ),
    Case(
        "type-number",
        {"openings/a.md": posting("  type: 3\n")},
        "error",
        field="posting.type",
        says="expected text",
    ),
    Case(
        "status",
        {"openings/a.md": posting("  status: paused\n")},
        "error",
        field="posting.status",
        says="open, filled",
    ),
    Case(
        "remote",
        {"openings/a.md": posting("  remote: mars\n")},
        "error",
        field="posting.remote",
        says="onsite, hybrid, remote",
    ),
    Case(
        "employment-type",
        {"openings/a.md": posting("  employment_type: SOMETIMES\n")},
        "error",
        field="posting.employment_type",
        says="FULL_TIME",
    ),
    Case(
        "rolling-text",
        {"openings/a.md": "---\ntitle: T\nposting: {rolling: 'yes'}\n---\n"},
        "error",
        field="posting.rolling",
        says="true or false",
    ),
    Case(
        "salary-unit",
        {"openings/a.md": posting("  salary: {currency: CHF, min: 1, unit: EON}\n")},
        "error",
        field="posting.salary.unit",
        says="YEAR",
    ),
    # ---------------------------------------------------------------- dates
    Case(
        "deadline-dotted",
        {"openings/a.md": dated("31.01.2027")},
        "error",
        field="posting.deadline",
        says="YYYY-MM-DD",
    ),
    Case(
        "deadline-impossible",
        {"openings/a.md": dated("2027-02-30")},
        "error",
        field="posting.deadline",
        says="YYYY-MM-DD",
    ),
    Case(
        "deadline-tomorrow",
        {"openings/a.md": dated("tomorrow")},
        "error",
        field="posting.deadline",
        says="YYYY-MM-DD",
    ),
    Case(
        "deadline-number",
        {"openings/a.md": dated("20270131")},
        "error",
        field="posting.deadline",
        says="YYYY-MM-DD",
    ),
    Case(
        "deadline-bad-hour",
        {"openings/a.md": dated("2027-01-31 25:00")},
        "error",
        field="posting.deadline",
        says="YYYY-MM-DD",
    ),
    Case(
        "start-impossible-date",
        {"openings/a.md": posting("  start: 2027-02-30\n")},
        "error",
        field="posting.start",
        says="YYYY-MM-DD",
    ),
    Case(
        "start-as-text",
        {"openings/a.md": posting("  start: as soon as possible\n")},
        "works",
    ),
    Case(
        "deadline-end-of-time",
        {"openings/a.md": dated("9999-12-31", "  timezone: AoE\n")},
        "error",
        field="posting.deadline",
        says="out of range",
    ),
    Case(
        "expirydate-hugo",
        {"openings/a.md": "---\ntitle: T\nexpiryDate: next week\n---\n"},
        "error",
        field="expiryDate",
        says="YYYY-MM-DD",
    ),
    Case(
        "deadline-year-1-west-of-utc",  # found by tests/test_fuzz.py
        {"openings/a.md": dated("'0001-01-01 00:00:00+00:00'", "  timezone: AoE\n")},
        "error",
        field="posting.deadline",
        says="out of range; check the year",
    ),
    Case(
        "deadline-before-posted",
        {"openings/a.md": "---\ntitle: T\ndate: 2027-03-01\nposting: {deadline: 2026-12-31}\n---"},
        "warning",
        field="posting.deadline",
        says="check the year",
    ),
    Case(
        "no-deadline",
        {"openings/a.md": "---\ntitle: T\nposting: {type: phd}\n---\n"},
        "warning",
        field="posting.deadline",
        says="rolling: true",
    ),
    Case(
        "rolling-and-deadline",
        {"openings/a.md": posting("  deadline: 2027-01-31\n")},
        "warning",
        field="posting.rolling",
        says="remove one",
    ),
    Case(
        "timezone",
        {"openings/a.md": posting("  timezone: Mars/Base\n")},
        "error",
        field="posting.timezone",
        says="IANA",
    ),
    # ---------------------------------------------------------------- numbers
    Case(
        "positions-negative",
        {"openings/a.md": posting("  positions: -1\n")},
        "error",
        field="posting.positions",
        says="between 1 and 1000",
    ),
    Case(
        "positions-huge",
        {"openings/a.md": posting(f"  positions: {10**30}\n")},
        "error",
        field="posting.positions",
        says="between 1 and 1000",
    ),
    Case(
        "positions-text",
        {"openings/a.md": posting("  positions: two\n")},
        "error",
        field="posting.positions",
        says="whole number",
    ),
    Case(
        "salary-negative",
        {"openings/a.md": posting("  salary: {currency: CHF, min: -5}\n")},
        "error",
        field="posting.salary.min",
        says="negative",
    ),
    # ---------------------------------------------------------------- links
    Case(
        "apply-javascript",
        {"openings/a.md": posting("  apply: javascript:alert(1)\n")},
        "error",
        field="posting.apply",
        says="https://",
    ),
    Case(
        "apply-data",
        {"openings/a.md": posting("  apply: 'data:text/html,<b>x</b>'\n")},
        "error",
        field="posting.apply",
        says="https://",
    ),
    Case(
        "contact-url-javascript",
        {"openings/a.md": posting("  contact: {name: N, url: 'JavaScript:alert(1)'}\n")},
        "error",
        field="posting.contact.url",
        says="https://",
    ),
    Case(
        "title-missing",
        {"openings/a.md": posting(head="", body="No heading.\n")},
        "error",
        field="title",
        says="title:",
    ),
    Case(
        "title-list",
        {"openings/a.md": posting(head="title: [a, b]\n")},
        "error",
        field="title",
        says="expected text",
    ),
    Case(
        "tags-nested",
        {"openings/a.md": posting(head="title: T\ntags: [[a, b]]\n")},
        "error",
        field="tags",
        says="list of names",
    ),
    # ---------------------------------------------------------------- across postings
    Case(
        "same-url",
        {"openings/phd.md": posting(), "openings/phd/index.md": posting()},
        "error",
        file="openings/phd/index.md",
        field="file",
        says="same URL",
    ),
    Case(
        "same-reference",
        {
            "openings/a.md": posting("  reference: MI-1\n"),
            "openings/b.md": posting("  reference: mi-1\n"),
        },
        "warning",
        file="openings/b.md",
        field="posting.reference",
        says="openings/a.md",
    ),
    Case(
        "salary-beyond-any",
        {"openings/a.md": posting("  salary: {currency: CHF, min: 1.0e+28, unit: YEAR}\n")},
        "error",
        field="posting.salary.min",
        says="1e+28 is larger than any salary; write an amount like 3500",
    ),
    Case(
        "nul-byte",
        {"openings/a.md": posting(head="title: T\x00 and more\n")},
        "error",
        field="front matter",
        says="invisible control character (U+0000) (front matter line 2, column 9); delete it",
    ),
    Case(
        "yaml-alias-bomb",
        {"openings/a.md": posting(head=f"title: T\n{ALIAS_BOMB}")},
        "error",
        field="front matter",
        says="YAML aliases (*name)",
    ),
    Case(
        "timezone-too-long",
        {"openings/a.md": dated("2027-01-31", f"  timezone: {'Europe/' + 'x' * 300}\n")},
        "error",
        field="posting.timezone",
        says="is not a time zone",
    ),
    # ---------------------------------------------------------------- size
    Case(
        "10000-tags",
        {"openings/a.md": posting(head=f"title: T\ntags: [{TAGS_10K}]\n")},
        "warning",
        field="tags",
        says="only the first 50",
    ),
    Case(
        "1-MB-summary", {"openings/a.md": posting(head=f"title: T\nsummary: {MEGABYTE}\n")}, "works"
    ),
]


def write(site: Site, files: dict[str, str | bytes]) -> None:
    for path, content in files.items():
        target = site.docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        target.write_bytes(data)  # bytes: keeps the BOM and CRLF exactly as written


def test_the_matrix_is_big_enough():
    assert len(CASES) >= 30
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(make_site, caplog: pytest.LogCaptureFixture, case: Case):
    site = make_site("mkdocs")
    write(site, case.files)
    before = tree_digest(site.docs)
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        if case.outcome == "error":
            with pytest.raises(Abort):
                site.build(strict=False)
        else:
            site.build(strict=False)
    assert tree_digest(site.docs) == before, "the build wrote into docs/"
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    if case.outcome == "works":
        assert errors == [] and warnings == []
        page = site.page(next(iter(case.files)).removesuffix(".md") + "/")
        posting_element = page.select_one(".postings-posting")
        assert posting_element is not None and posting_element["data-status"] == "open"
        assert page.select_one("h1").get_text(strip=True) == "T"
        return
    lines = errors if case.outcome == "error" else warnings
    # Most of these postings have no way to apply, also a warning (tests/test_unfinished.py).
    mine = [line for line in lines if case.file in line and not _no_way_to_apply(line, case)]
    assert len(mine) == 1, lines
    line = mine[0]
    assert "\n" not in line
    assert re.search(rf"(^|: ){re.escape(case.file)}: {re.escape(case.field)}: ", line), line
    assert case.says in line, line
    assert "Traceback" not in line
    if case.outcome == "warning":
        assert errors == []
        assert (site.out / "index.html").exists()


def _no_way_to_apply(line: str, case: Case) -> bool:
    return case.field != "posting.apply" and ": posting.apply: the posting is open but" in line


WARNING_CASES = [c for c in CASES if c.outcome == "warning"]


@pytest.mark.parametrize("case", WARNING_CASES[:3], ids=[c.id for c in WARNING_CASES[:3]])
def test_warnings_fail_a_strict_build(make_site, case: Case):
    site = make_site("mkdocs")
    write(site, case.files)
    with pytest.raises(Abort):
        site.build(strict=True)


def test_unknown_option_in_mkdocs_yml_names_it(make_site):
    site = make_site("mkdocs", colour="blue")
    result = site.run_mkdocs("--strict")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "postings" in result.stderr and "colour" in result.stderr


def test_errors_reach_the_terminal_as_one_line_and_exit_1(make_site):
    """The documented example error (docs/errors.md) is exactly what `mkdocs build` prints."""
    site = make_site("mkdocs")
    site.write("openings/phd.md", dated("31.01.2027"))
    result = site.run_mkdocs()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    page = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    example = next(line for line in page.splitlines() if line.startswith("ERROR   -  openings/"))
    assert example in result.stderr.splitlines()


def test_huge_inputs_finish_in_bounded_time(make_site):
    """10,000 tags and 1 MB of front matter build in a subprocess under a generous timeout
    (the bound is the timeout, not a timing assertion: without the tag cap this took minutes
    and gigabytes)."""
    site = make_site("material")
    site.write("openings/many-tags.md", posting(head=f"title: T\ntags: [{TAGS_10K}]\n"))
    site.write("openings/big.md", posting(head=f"title: B\nsummary: {MEGABYTE}\n"))
    keys = "".join(f"k{i}: {'v' * 20}\n" for i in range(40_000))  # another MB, as keys
    site.write("openings/keys.md", posting(head=f"title: K\n{keys}"))
    try:
        result = site.run_mkdocs()
    except subprocess.TimeoutExpired:  # pragma: no cover - the failure this test exists for
        pytest.fail("a build with 10,000 tags / 1 MB of front matter did not finish in 120 s")
    assert result.returncode == 0, result.stderr
    assert len(list((site.out / "openings/tags").iterdir())) == 50 + 1  # 50 tags + the index


# ------------------------------------------------------------------ values left empty


def test_the_site_wide_location_left_empty_is_a_config_error(make_site):
    site = make_site(location={})
    result = site.run_mkdocs("--strict")
    assert result.returncode != 0
    assert "location" in result.stderr and "is empty" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "line", ['type: ""', 'status: ""', 'employment_type: ""', 'remote: ""', "contact: {}"]
)
def test_a_build_stops_on_an_empty_value_with_one_line(make_site, line):
    site = make_site()
    site.write(
        "openings/phd.md", f"---\ntitle: PhD\nposting:\n  deadline: 2027-01-31\n  {line}\n---\nT.\n"
    )
    result = site.run_mkdocs("--strict")
    assert result.returncode != 0
    field = line.split(":")[0]
    errors = [row for row in result.stderr.splitlines() if "openings/phd.md" in row]
    assert len(errors) == 1, result.stderr
    assert f"openings/phd.md: posting.{field}: is empty" in errors[0]
    assert "Traceback" not in result.stderr


def test_a_misspelt_key_of_the_site_wide_location_warns_and_fails_strict(make_site):
    site = make_site(location={"locality": "Zurich", "contry": "CH"})
    result = site.run_mkdocs("--strict")
    assert result.returncode != 0
    line = next(row for row in result.stderr.splitlines() if "contry" in row)
    assert "location.contry: unknown key, ignored; did you mean 'country'?" in line
    assert site.run_mkdocs().returncode == 0  # a warning: without --strict it builds
