"""Every value is cleaned or escaped for the format it is written into, where it is written.

Values come from posting files and from other sites' listings (``sources``) and may hold line
breaks, terminal escapes (``ESC [31m``, ``ESC ]8;;`` hyperlinks), NUL and other C0/C1
controls, bidi overrides, NaN and infinities, or spreadsheet formulas. The readers drop
some of them (see test_hostile_input.py); the tests here hand the writers such values
directly, so each writer is held to its own format whatever a reader lets in, and read the
output back with the format's parser: ``splitlines`` for a log line or a terminal, ``csv``,
icalendar, feedparser, ``json`` refusing ``NaN``, BeautifulSoup.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import math
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import feedparser
import icalendar
import pytest
import yaml
from conftest import PINNED, ZURICH_DEFAULTS, Site

from mkdocs_postings.cli import main
from mkdocs_postings.cli.check import check_text
from mkdocs_postings.cli.list import list_csv, list_text
from mkdocs_postings.cli.report import Report, Row, json_text
from mkdocs_postings.cli.site import Finding
from mkdocs_postings.expiry import Status
from mkdocs_postings.model import Posting, PostingError, Problem, Salary
from mkdocs_postings.publishing.feeds import (
    FeedEntry,
    PostingRecord,
    atom_feed,
    ics_calendar,
    postings_json,
)
from mkdocs_postings.publishing.labels import Labels
from mkdocs_postings.publishing.listing import Tag
from mkdocs_postings.publishing.render import generated_title, theme_meta
from mkdocs_postings.publishing.structured_data import json_ld_script
from mkdocs_postings.reading.validate import posting_from_meta
from mkdocs_postings.sources.gather import FetchOptions, Source, gather
from mkdocs_postings.text import one_line, uri, without_bidi

UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""What no line of a log or terminal may carry: controls, line separators, bidi controls."""
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")

TERMINAL_ATTACKS = {
    "colour": "\x1b[31mred\x1b[0m",
    "clear-screen": "\x1b[2J\x1b[H",
    "hyperlink": "\x1b]8;;https://evil.example.org/\x1b\\click\x1b]8;;\x1b\\",
    "line-feed": "x\nERROR    -  forged: the build is broken",
    "carriage-return": "x\rERROR    -  forged: the build is broken",
    "nul-bell-del": "NUL\x00 BEL\x07 DEL\x7f",
    "next-line": "x\x85ERROR - forged",
    "line-separator": "x\u2028ERROR - forged",
    "paragraph-separator": "x\u2029ERROR - forged",
    "one-byte-csi": "\x9b31m red",
    "right-to-left-override": "\u202eдеп. built",
    "isolate": "\u2066isolated\u2069",
}

ZURICH = ZURICH_DEFAULTS.timezone
DEADLINE = datetime(2027, 1, 31, 23, 59, tzinfo=ZURICH)


def assert_one_safe_line(text: str) -> None:
    assert len(text.splitlines()) == 1, text
    assert not UNSAFE.search(text), ascii(text)


def refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


def strict_json(text: str | bytes) -> Any:
    """JSON as a strict reader reads it: ``NaN`` and ``Infinity`` are errors."""
    return json.loads(text, parse_constant=refuse_constant)


def posting_file(front_matter: str, posting_fields: str = "") -> str:
    """A posting file that builds strictly (a deadline, a way to apply): ``front_matter``
    lines, and ``posting_fields`` lines under ``posting:``."""
    return (
        f"---\n{front_matter}posting:\n  deadline: 2027-01-31\n  apply: jobs@lab.example.org\n"
        f"{posting_fields}---\nText.\n"
    )


def posting(title: str = "PhD in NLP", **changes: Any) -> Posting:
    values: dict[str, Any] = {
        "deadline": DEADLINE,
        "posted": date(2026, 11, 1),
        "tags": ("NLP",),
    }
    values.update(changes)
    return Posting(src="openings/phd.md", title=title, **values)


# --------------------------------------------------------------------------- logs, terminal


@pytest.mark.parametrize("attack", list(TERMINAL_ATTACKS.values()), ids=list(TERMINAL_ATTACKS))
def test_one_line_shows_every_control_escaped(attack: str):
    shown = one_line(f"before {attack} after")
    assert_one_safe_line(shown)
    assert shown.startswith("before ") and shown.endswith(" after")
    for char in set(UNSAFE.findall(attack)):
        assert repr(char)[1:-1] in shown  # \x1b, \n, \u202e: what it was stays readable


def test_one_line_leaves_ordinary_text_alone():
    for text in ("PhD in NLP", "Doktorand:in (50 %) – Zürich", "博士研究生 ‎نص عربي", "C:\\x1b"):
        assert one_line(text) == text


@pytest.mark.parametrize("attack", list(TERMINAL_ATTACKS.values()), ids=list(TERMINAL_ATTACKS))
def test_a_problem_is_one_safe_log_line(attack: str):
    problem = Problem(f"openings/{attack}.md", f"posting.{attack}", f"{attack!s} is wrong")
    assert_one_safe_line(str(problem))
    assert_one_safe_line(str(PostingError(problem.file, problem.field, problem.message)))


def test_a_build_log_names_a_file_with_escapes_in_one_safe_line(
    make_site, caplog: pytest.LogCaptureFixture
):
    site: Site = make_site("mkdocs")
    name = "openings/phd\x1b[2J\u202e.md"
    site.write(name, posting_file("title: PhD\n", "  wizard: 1\n"))
    with caplog.at_level(logging.WARNING):
        site.build(strict=False)
    lines = [r.getMessage() for r in caplog.records if "wizard" in r.getMessage()]
    assert len(lines) == 1
    assert_one_safe_line(lines[0])
    assert "phd\\x1b[2J\\u202e.md: posting.wizard: unknown key" in lines[0]


def _row(file: str, title: str, *, status: str = "open", days: int | None = 3, **changes: Any):
    return Row(file, f"https://lab.example.org/{file}", posting(title, **changes), status, (), days)


def _without_own_colours(text: str) -> str:
    """The output with the table's own colour codes (SGR: ``ESC [ digits ; m``) taken out."""
    return re.sub("\x1b\\[[0-9;]*m", "", text)


def test_list_and_check_tables_keep_their_colours_and_never_the_datas():
    rows = [
        _row(f"openings/{name}-{attack}.md", f"Title {attack}", tags=(attack,))
        for name, attack in TERMINAL_ATTACKS.items()
    ]
    listed = list_text(rows, colour=True)
    assert "\x1b[32m" in listed  # open rows are green: the table's own codes stay
    lines = _without_own_colours(listed).split("\n")
    assert len(lines) == len(rows) + 1
    for line in lines:
        assert_one_safe_line(line)
    soon = _row("openings/\x1b[31msoon.md", "Soon", status=Status.CLOSING_SOON.value)
    read = _row(
        "openings/read\u202e.md",
        "Read",
        deadline_read_from="until \x1b]8;;https://evil.example.org/\x1b\\31 Jan",
        type_read_from=("title", "Postdoc\x1b[2J"),
    )
    findings = [
        Finding("warning", "openings/x\x1b[31m.md", "title", "is \x1b]8;;https://e.org/\x1b\\"),
        Finding("warning", "", None, "MkDocs says\nERROR - forged \x9b31m"),
    ]
    report = Report(PINNED, 14, [*rows, soon, read], findings)
    checked = check_text(report, colour=True)
    for line in _without_own_colours(checked).split("\n"):
        if line:
            assert_one_safe_line(line)
    assert "\x1b]" not in checked and "\x1b[2J" not in checked and "\x1b[31msoon" not in checked


def test_list_json_is_json_with_every_terminal_control_escaped():
    rows = [_row(f"openings/{n}.md", f"T {a}", tags=(a,)) for n, a in TERMINAL_ATTACKS.items()]
    text = json_text([row.as_dict(with_problems=True) for row in rows])
    assert not UNSAFE.search(text.replace("\n", ""))  # the indentation's own line breaks
    assert [r["tags"] for r in strict_json(text)] == [[a] for a in TERMINAL_ATTACKS.values()]
    assert "ü" in json_text(["ü"])  # text stays as written, not \u00fc


def _cli(capsys: pytest.CaptureFixture[str], site: Site, *args: str) -> tuple[str, str]:
    config = site.write_config()
    main([*args, "-f", str(config)])
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_list_and_check_print_a_file_name_and_tag_with_controls_safely(make_site, capsys):
    site: Site = make_site()
    site.write(
        "openings/phd\x1b[2J\u202e.md",
        posting_file('title: PhD\ntags: ["NLP\\u2028ERROR - forged"]\n'),
    )
    table, _ = _cli(capsys, site, "list")
    for line in table.splitlines():
        assert_one_safe_line(line)
    assert "phd\\x1b[2J\\u202e.md" in table
    listed, _ = _cli(capsys, site, "list", "--format", "json")
    assert not UNSAFE.search(listed.replace("\n", ""))
    (row,) = strict_json(listed)
    assert row["tags"] == ["NLP\u2028ERROR - forged"]
    checked, _ = _cli(capsys, site, "check", "--format", "json")
    assert not UNSAFE.search(checked.replace("\n", ""))
    strict_json(checked)


# --------------------------------------------------------------------------- CSV

FORMULAS = [
    '=HYPERLINK("https://evil.example.org/","Click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "\x00=1+1",
    "  =1+1",
    "=cmd|' /C calc'!A0",
]


def test_csv_cells_are_never_formulas_and_carry_no_controls():
    rows = [
        _row(f"-{number}.md", formula, tags=(formula, "NLP"), days=-16)
        for number, formula in enumerate(FORMULAS)
    ]
    rows.append(_row("openings/lines.md", "one\ntwo\r\nthree\x1b[31m\u202e", tags=("a\tb",)))
    table = list(csv.DictReader(io.StringIO(list_csv(rows))))
    assert len(table) == len(rows)
    for row in table:
        for column, cell in row.items():
            assert not UNSAFE.search(cell), (column, cell)
            if column != "days_left":
                assert not cell.lstrip().startswith(("=", "+", "-", "@")), (column, cell)
        assert row["days_left"] == "-16" or row["days_left"] == "3"  # numbers stay numbers
    assert table[0]["title"] == "'" + FORMULAS[0]
    assert table[0]["file"] == "'-0.md"
    assert table[0]["tags"] == "'" + FORMULAS[0] + ", NLP"
    assert table[4]["title"] == table[5]["title"] == "' =1+1"  # a tab or CR: a space
    assert table[6]["title"] == "'=1+1"  # a NUL: dropped
    assert table[-1]["title"] == "one two  three[31m"
    assert table[-1]["tags"] == "a b"


def test_list_csv_of_a_site_neutralises_a_formula_title(make_site, capsys):
    site: Site = make_site()
    site.write(
        "openings/phd.md",
        posting_file(
            'title: \'=HYPERLINK("https://evil.example.org/","Click")\'\n'
            "tags: ['@SUM(1+1)', NLP]\n"
        ),
    )
    out, _ = _cli(capsys, site, "list", "--format", "csv")
    (row,) = csv.DictReader(io.StringIO(out))
    assert row["title"] == '\'=HYPERLINK("https://evil.example.org/","Click")'
    assert row["tags"] == "'@SUM(1+1), NLP"
    assert row["url"] == "https://lab.example.org/openings/phd/"


# --------------------------------------------------------------------------- URLs

INJECTING_URL = (
    "https://evil.example.org/x\r\nATTACH:https://evil.example.org/payload\r\n"
    "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT1M\r\nEND:VALARM"
)


@pytest.mark.parametrize(
    ("written", "as_uri"),
    [
        ("https://lab.example.org/openings/phd/", "https://lab.example.org/openings/phd/"),
        ("https://x.org/a%20b?q=1&r=%C3%BC#top", "https://x.org/a%20b?q=1&r=%C3%BC#top"),
        ("mailto:jobs@x.org?subject=PhD%3A%20NLP", "mailto:jobs@x.org?subject=PhD%3A%20NLP"),
        ("../apply/", "../apply/"),
        ("https://x.org/a b/ü?q=a b#ä", "https://x.org/a%20b/%C3%BC?q=a%20b#%C3%A4"),
        (" https://x.org/\tpage\n ", "https://x.org/page"),
        ("https://x.org/\x1b[31m\x00\u202e", "https://x.org/%1B[31m%00%E2%80%AE"),
        ("https://x.org/100%", "https://x.org/100%25"),
        ("https://bücher.example/x", "https://xn--bcher-kva.example/x"),
        ('https://x.org/"<b>"{|}', "https://x.org/%22%3Cb%3E%22%7B%7C%7D"),
        (INJECTING_URL, "https://evil.example.org/xATTACH:https://evil.example.org/payload"
         "BEGIN:VALARMACTION:DISPLAYTRIGGER:-PT1MEND:VALARM"),
    ],
)  # fmt: skip
def test_uri_writes_urls_with_uri_characters_only(written: str, as_uri: str):
    assert uri(written) == as_uri
    assert uri(as_uri) == as_uri
    assert re.fullmatch(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*", as_uri)


def _entry(url: str, title: str = "PhD in NLP") -> FeedEntry:
    return FeedEntry(posting(title), url, "A PhD.")


EVENT_PROPERTIES = {"SUMMARY", "DTSTART", "DTSTAMP", "UID", "DESCRIPTION", "TRANSP", "URL"}


def test_ics_url_with_line_breaks_adds_no_property_or_alarm():
    data = ics_calendar(
        [_entry(INJECTING_URL), _entry("https://lab.example.org/a b/ü/", "Second")],
        prodid="-//test//EN",
        calendar_name="Deadlines",
    )
    calendar = icalendar.Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    assert calendar.walk("VALARM") == []
    for event in events:
        assert set(event) == EVENT_PROPERTIES
        assert event.subcomponents == []
        url = str(event["URL"])
        assert not re.search(r"\s", url) and urlsplit(url).scheme == "https"
    assert {str(e["URL"]) for e in events} >= {"https://lab.example.org/a%20b/%C3%BC/"}


def test_atom_links_are_uris_and_the_feed_parses():
    entries = [_entry("https://lab.example.org/a b/ü/\r\nx"), _entry(INJECTING_URL, "Second")]
    feed = atom_feed(
        entries,
        feed_url="https://lab.example.org/feed.xml",
        site_url="https://lab.example.org/",
        title="Openings",
        feed_id="https://lab.example.org/feed.xml",
    )
    parsed = feedparser.parse(feed)
    assert not parsed.bozo, parsed.get("bozo_exception")
    links = {e.title: e.link for e in parsed.entries}
    assert links["PhD in NLP"] == "https://lab.example.org/a%20b/%C3%BC/x"
    for link in ET.fromstring(feed).iter("{http://www.w3.org/2005/Atom}link"):
        assert not re.search(r"\s", link.get("href", ""))


def test_json_listing_urls_are_uris():
    meta = {
        "title": "PhD",
        "posting": {"deadline": "2027-01-31", "apply": "https://jobs.example.org/a b?q=ü\nx"},
    }
    read, _ = posting_from_meta(meta, src="openings/phd.md", defaults=ZURICH_DEFAULTS)
    record = PostingRecord(read, "https://lab.example.org/open ings/phd/\r\n", Status.OPEN)
    (item,) = strict_json(postings_json([record]))["postings"]
    assert item["url"] == "https://lab.example.org/open%20ings/phd/"
    assert item["apply"] == "https://jobs.example.org/a%20b?q=%C3%BCx"


def _listing_file(folder: Path, *postings: dict[str, Any], raw: str | None = None) -> Path:
    path = folder / "listing.json"
    listing = {"version": 1, "site": {"name": "Lab C", "url": "https://c.example.org/"}}
    text = json.dumps({**listing, "postings": list(postings)})  # NaN as Python writes it
    path.write_text(raw or text, encoding="utf-8")
    return path


def _record(**changes: Any) -> dict[str, Any]:
    record = {
        "url": "https://c.example.org/openings/phd/",
        "title": "PhD at Lab C",
        "type": "phd",
        "status": "open",
        "deadline_local": "2027-01-31T23:59:00+01:00",
        "posted": "2026-11-01",
        "tags": ["NLP"],
    }
    record.update(changes)
    return record


def _gather(path: Path):
    return gather(
        [Source(str(path), path=path)],
        FetchOptions(cache_dir=path.parent / "cache"),
        now=PINNED,
        defaults=ZURICH_DEFAULTS,
    )


def test_a_source_posting_url_is_read_as_a_uri(tmp_path: Path):
    path = _listing_file(
        tmp_path,
        _record(url=INJECTING_URL),
        _record(url="jobs/a b/ü/", title="Relative"),
    )
    gathered = _gather(path)
    assert gathered.problems == []
    urls = {remote.posting.title: remote.url for remote in gathered.postings}
    assert urls["Relative"] == "https://c.example.org/jobs/a%20b/%C3%BC/"
    assert urls["PhD at Lab C"] == uri(INJECTING_URL)
    assert all(remote.posting.src == remote.url for remote in gathered.postings)


def test_a_board_with_a_source_url_that_injects_lines_writes_clean_files(make_site):
    site: Site = make_site()
    (site.root / "listings").mkdir()
    _listing_file(site.root / "listings", _record(url=INJECTING_URL))
    site.config["plugins"][1]["postings"]["sources"] = [{"path": "listings/listing.json"}]
    out = site.build(strict=True)
    calendar = icalendar.Calendar.from_ical((out / "openings/deadlines.ics").read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert "ATTACH" not in event and calendar.walk("VALARM") == []
    assert str(event["URL"]) == uri(INJECTING_URL)
    feed = feedparser.parse((out / "openings/feed.xml").read_bytes())
    assert not feed.bozo and [e.link for e in feed.entries] == [uri(INJECTING_URL)]
    card = site.page("openings/").select_one(".postings-card-title a")
    assert card["href"] == uri(INJECTING_URL)


# --------------------------------------------------------------------------- NaN, infinity


@pytest.mark.parametrize("amount", [".nan", ".inf", "-.inf", ".NaN", "1.0e+400"])
@pytest.mark.parametrize("key", ["min", "max", "value"])
def test_a_salary_that_is_no_number_is_refused_naming_the_field(key: str, amount: str):
    meta = yaml.safe_load(f"title: PhD\nposting:\n  salary: {{currency: CHF, {key}: {amount}}}\n")
    assert math.isnan(meta["posting"]["salary"][key]) or math.isinf(meta["posting"]["salary"][key])
    with pytest.raises(PostingError) as error:
        posting_from_meta(meta, src="openings/phd.md", defaults=ZURICH_DEFAULTS)
    written = str(meta["posting"]["salary"][key])
    assert str(error.value) == (
        f"openings/phd.md: posting.salary.{key}: {written} is not a number; "
        "write an amount like 3500"
    )


def test_a_source_salary_of_nan_leaves_the_posting_out(tmp_path: Path):
    path = _listing_file(
        tmp_path,
        _record(salary={"currency": "CHF", "min": float("nan"), "max": None}),
        _record(url="https://c.example.org/b/", salary={"currency": "CHF", "max": float("inf")}),
    )
    assert b"NaN" in path.read_bytes() and b"Infinity" in path.read_bytes()
    gathered = _gather(path)
    assert gathered.postings == []
    assert [str(p) for p in gathered.problems] == [
        f"{path}: postings[0].salary.min: nan is not a number; write an amount like 3500; "
        "that posting is left out (tell its site)",
        f"{path}: postings[1].salary.max: inf is not a number; write an amount like 3500; "
        "that posting is left out (tell its site)",
    ]


@pytest.mark.parametrize(("amount", "read"), [(".nan", "nan"), ("1.0e+400", "inf")])
def test_a_build_with_a_salary_that_is_no_number_fails_naming_it(
    make_site, build_errors, amount, read
):
    site: Site = make_site("mkdocs")
    site.write(
        "openings/phd.md",
        posting_file("title: PhD\n", f"  salary: {{currency: CHF, min: 10, max: {amount}}}\n"),
    )
    assert (
        f"openings/phd.md: posting.salary.max: {read} is not a number; write an amount like 3500"
        in build_errors(site)
    )


def test_json_outputs_never_write_nan():
    """Whatever got past the readers: every JSON writer raises rather than write ``NaN``."""
    broken = posting(salary=Salary(currency="CHF", min=math.nan, max=math.inf))
    with pytest.raises(ValueError, match="JSON compliant"):
        postings_json([PostingRecord(broken, "https://lab.example.org/phd/", Status.OPEN)])
    with pytest.raises(ValueError, match="JSON compliant"):
        json_ld_script({"baseSalary": {"value": {"minValue": math.nan}}})
    with pytest.raises(ValueError, match="JSON compliant"):
        json_text({"days_left": math.inf})


# --------------------------------------------------------------------------- bidi in titles

RLO_TAG = "NLP \u202eevil"


def test_a_tag_pages_title_has_no_bidi_control():
    tag = Tag(RLO_TAG, "nlp-evil", ())
    title = generated_title("tag", tag, Labels())
    assert not BIDI.search(title) and "NLP evil" in title
    for language in ("ar", "de"):  # the labels' own words are left as translated
        assert without_bidi(RLO_TAG) in generated_title("tag", tag, Labels(language))


def test_a_posting_pages_title_has_no_bidi_control():
    safe = theme_meta(posting("PhD \u202eLNP\u202c in \u2067Zürich\u2069"), {})
    assert safe["title"] == "PhD LNP in Zürich"


def test_feed_and_calendar_titles_have_no_bidi_control():
    entries = [_entry("https://lab.example.org/phd/", "PhD \u202eLNP ni")]
    feed = feedparser.parse(
        atom_feed(
            entries,
            feed_url="https://lab.example.org/feed.xml",
            site_url="https://lab.example.org/",
            title="Openings \u202e",
            feed_id="https://lab.example.org/feed.xml",
        )
    )
    assert [e.title for e in feed.entries] == ["PhD LNP ni"]
    assert feed.feed.title.strip() == "Openings"  # feedparser trims
    calendar = icalendar.Calendar.from_ical(
        ics_calendar(entries, prodid="-//test//EN", calendar_name="Deadlines")
    )
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Deadline: PhD LNP ni"


def test_sphinx_title_heading_has_no_bidi_control():
    from mkdocs_postings.sphinx.extension import title_heading

    assert not BIDI.search(title_heading("PhD \u202eLNP", "Body."))


def test_a_tag_page_title_ends_with_the_site_name(make_site):
    site: Site = make_site()
    site.write(
        "openings/phd.md",
        posting_file(f'title: "PhD \\u202eLNP"\ntags: ["{RLO_TAG}"]\n'),
    )
    site.build(strict=True)
    for page in ("openings/phd/", *(f"openings/tags/{p.name}/" for p in _tag_dirs(site))):
        title = site.page(page).title.get_text()
        assert not BIDI.search(title), (page, ascii(title))
        assert title.endswith("Test Lab"), title


def _tag_dirs(site: Site) -> list[Path]:
    return [p for p in (site.out / "openings/tags").iterdir() if p.is_dir()]


def test_cleaning_is_cheap_for_ordinary_text():
    """The fast paths: ordinary titles and URLs come back as the same object."""
    title, url = "PhD in Clinical NLP – Zürich", "https://lab.example.org/openings/phd/"
    assert one_line(title) is title and without_bidi(title) is title and uri(url) is url
