"""Property-based tests: arbitrary front matter never crashes the model or a real build.

The only exception allowed out of the core is ``PostingError``; out of a build, MkDocs' ``Abort``
after our one-line ``PluginError``. Front matter is generated as data (nested YAML values,
unicode, random keys under ``posting:``, strings that look almost like dates, zones and URLs),
dumped as YAML, and read back through the same code the plugin uses.

Sizes: the model-level test runs 1,000 examples (about 15 s), the deadline/zone property 500.
The build-level test runs ``FUZZ_BUILDS`` (default 125) real MkDocs builds, in-process on the
built-in ``mkdocs`` theme, each with ``FUZZ_POSTINGS`` (8) fuzzed postings: 1,000 fuzzed
postings through real builds in about 40 s on the shared 2-core development machine. (Forty
postings per example made Hypothesis spend minutes generating data; eight keep it cheap.)

Other sites' listings are fuzzed too: 600 listings through ``gather`` and every output
(about 5 s), and ``FUZZ_SOURCE_BUILDS`` (default 60) real builds of a board with one such
listing as its source (about 7 s). The plugin's YAML shortcuts are held to PyYAML's own
resolver and constructor over 500 dumped front matters.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from datetime import UTC
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import yaml
from conftest import PINNED, Site
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

from mkdocs_postings.model import POSTING_KEYS, Defaults, PostingError
from mkdocs_postings.publishing.feeds import (
    FeedEntry,
    PostingRecord,
    atom_feed,
    ics_calendar,
    postings_json,
)
from mkdocs_postings.publishing.labels import Labels
from mkdocs_postings.publishing.render import ListingRenderer, Renderer, posting_view
from mkdocs_postings.publishing.structured_data import (
    Organization,
    job_posting,
    json_ld_script,
)
from mkdocs_postings.reading.collect import DetectRules, _Loader, collect_posting
from mkdocs_postings.reading.validate import posting_from_meta
from mkdocs_postings.sources.gather import FetchOptions, gather, source_from_config

FUZZ_BUILDS = int(os.environ.get("FUZZ_BUILDS", "125"))
POSTINGS_PER_BUILD = int(os.environ.get("FUZZ_POSTINGS", "8"))

ALMOST = [
    "phd", "PostDoc", "research assistant", "open", "filled", "closed", "canceled", "remote",
    "FULL_TIME", "part-time", "2027-01-31", "2027-01-31 12:00", "2027-01-31T12:00:00+14:00",
    "2027-02-30", "31.01.2027", "0001-01-01", "9999-12-31", "tomorrow", "Europe/Zurich", "AoE",
    "Mars/Base", "https://jobs.example.org/1", "mailto:a@example.org", "a@example.org",
    "javascript:alert(1)", "<script>alert(1)</script>", "{{ 7*7 }}", "", " ", "C++", "—",
]  # fmt: skip

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(ALMOST),
    st.dates(),
    st.datetimes(timezones=st.none() | st.just(UTC)),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(max_size=12) | st.sampled_from(POSTING_KEYS), children, max_size=4
        )
    ),
    max_leaves=12,
)
texts = st.text(max_size=40)
# The ends of the calendar, where a zone offset pushes an instant out of range.
EDGES = st.sampled_from(["0001-01-01", "9999-12-31", "9999-12-31 23:59", "0001-01-01 00:00"])
dates = (
    st.dates() | st.datetimes(timezones=st.none() | st.just(UTC)) | st.sampled_from(ALMOST) | EDGES
)
emails = st.sampled_from(["jobs@example.org", "mailto:jobs@example.org?subject=x", "a@b"])
urls = st.sampled_from(
    ["https://jobs.example.org/1", "http://x.org/?a=<b>", "javascript:alert(1)", "https://"]
)
money = st.integers(-1, 10**7) | st.floats(allow_nan=True)
# Each posting key gets plausible values half of the time (so generation reaches deep into
# the model and every output), and anything at all the other half.
PLAUSIBLE = {
    "type": st.sampled_from(["phd", "postdoc", "Post-Doc", "RA", "faculty", "wizard", ""]),
    "status": st.sampled_from(["open", "filled", "closed", "cancelled", "canceled", "paused"]),
    "deadline": dates,
    "timezone": st.sampled_from(
        ["Europe/Zurich", "AoE", "Etc/GMT+12", "Pacific/Kiritimati", "Etc/GMT-14", "Mars/Base"]
    ),
    "rolling": st.booleans(),
    "start": dates | texts,
    "duration": texts,
    "positions": st.integers(-2, 1002),
    "employment_type": st.lists(st.sampled_from(["FULL_TIME", "part time", "x"]), max_size=3),
    "location": texts
    | st.fixed_dictionaries(
        {},
        optional={
            k: texts for k in ("locality", "region", "country", "postal_code", "street_address")
        },
    ),
    "remote": st.sampled_from(["onsite", "hybrid", "remote", "on-site", "mars"]) | st.booleans(),
    "salary": texts
    | st.fixed_dictionaries(
        {},
        optional={
            "currency": st.sampled_from(["CHF", "eur", "Dollars"]),
            "min": money,
            "max": money,
            "value": money,
            "unit": st.sampled_from(["YEAR", "month", "EON"]),
            "text": texts,
        },
    ),
    "reference": texts,
    "apply": urls
    | emails
    | st.fixed_dictionaries(
        {}, optional={"url": urls, "email": emails, "label": texts, "instructions": texts}
    ),
    "contact": texts
    | st.fixed_dictionaries(
        {}, optional={"name": texts, "email": emails, "url": urls, "phone": texts}
    ),
    "structured_data": st.booleans(),
}
posting_fields = st.builds(
    lambda known, extra: {**extra, **known},
    st.fixed_dictionaries({}, optional={k: v | values for k, v in PLAUSIBLE.items()}),
    st.dictionaries(st.text(max_size=12), values, max_size=2),
)
TOP_KEYS = {
    "summary": texts, "description": texts, "tags": st.lists(texts, max_size=6),
    "categories": st.lists(texts), "authors": st.lists(texts), "date": dates,
    "publishDate": dates, "posted": dates, "expiryDate": dates, "draft": st.booleans(),
    "template": texts,
}  # fmt: skip
front_matters = st.builds(
    lambda known, extra, posting: {**extra, **known, **posting},
    st.fixed_dictionaries(
        {"title": st.text(min_size=1, max_size=40) | values},
        optional={k: v | values for k, v in TOP_KEYS.items()},
    ),
    st.dictionaries(st.text(max_size=12), values, max_size=3),
    st.one_of(st.just({}), st.fixed_dictionaries({"posting": posting_fields | values})),
)
bodies = st.text(max_size=200) | st.sampled_from(
    ["# Heading\n\nText.\n", "## Application\n\n[Apply](javascript:alert(1))\n", ""]
)

RULES = DetectRules(exclude=("openings/index.md",))
DEFAULTS = Defaults(timezone=ZoneInfo("Europe/Zurich"))  # as in fuzz_site's mkdocs.yml


def as_file(meta: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body


def read(src: str, text: str):
    """The core's verdict on one file: the collected posting, or the PostingError."""
    try:
        return collect_posting(src, text, rules=RULES, defaults=DEFAULTS)
    except PostingError as error:
        return error


# ----------------------------------------------------------------------------- core


@settings(max_examples=1000, deadline=None)
@given(meta=front_matters, body=bodies)
def test_model_and_every_output_accept_any_front_matter(meta, body):
    try:
        posting, warnings = posting_from_meta(meta, src="openings/x.md", defaults=DEFAULTS)
    except PostingError as error:
        assert error.file == "openings/x.md" and error.field
        assert "\n" not in str(error)
        return
    assert all("\n" not in str(w) for w in warnings)
    # Whatever the model accepts, every output can render.
    labels = Labels("en", {})
    view = posting_view(posting, now=PINNED, closing_soon_days=14, labels=labels)
    renderer = Renderer(labels)
    renderer.posting_page(view, "<p>Body</p>")
    ListingRenderer(renderer).add_card(view, "openings/x/")
    data = job_posting(
        posting,
        description_html="<p>Body</p>",
        url="https://lab.example.org/openings/x/",
        organization=Organization("Lab"),
        now=PINNED,
        closing_soon_days=14,
    )
    if data is not None:  # the element holds JSON, whatever the body
        script = json_ld_script({**data, "description": body})
        json.loads(script.removeprefix('<script type="application/ld+json">')[: -len("</script>")])
    entry = FeedEntry(posting, "https://lab.example.org/openings/x/", posting.summary)
    atom_feed([entry], feed_url="u", site_url="s", title="t", feed_id="i")
    ics_calendar([entry], prodid="p", calendar_name="c")
    postings_json([PostingRecord(posting, entry.url, view.status, posting.summary)])


@settings(max_examples=500, deadline=None)
@given(
    deadline=dates,
    posted=dates,
    zone=PLAUSIBLE["timezone"],
    rolling=st.booleans(),
)
def test_any_deadline_in_any_zone_is_rendered_or_refused(deadline, posted, zone, rolling):
    """Dates are where arithmetic lives (zones, UTC, day counts): the whole calendar, every
    zone offset from -12 to +14 hours."""
    meta = {
        "title": "T",
        "date": posted,
        "posting": {"deadline": deadline, "timezone": zone, "rolling": rolling},
    }
    test_model_and_every_output_accept_any_front_matter.hypothesis.inner_test(meta, "")


@settings(max_examples=300, deadline=None)
@given(meta=front_matters, body=bodies)
def test_collect_reads_dumped_front_matter_like_the_model(meta, body):
    result = read("openings/x.md", as_file(meta, body))
    assert result is not None  # a file under openings/ is always a posting (or an error)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300) | st.binary(max_size=300).map(lambda b: b.decode("latin-1")))
def test_collect_accepts_any_text(text):
    read("openings/x.md", text)
    read("news/x.md", text)  # outside the posting folders: a posting or nothing, or an error


# ----------------------------------------------------------------------------- real builds


@settings(
    max_examples=FUZZ_BUILDS,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,  # the pinned clock is the same for every input
    ],
)
@given(
    files=st.lists(
        st.tuples(front_matters, bodies), min_size=POSTINGS_PER_BUILD, max_size=POSTINGS_PER_BUILD
    )
)
def test_real_builds_of_fuzzed_postings(files, pinned_clock):
    """The valid postings build together; the first invalid one stops the build with one line
    naming it and its field; docs/ is never touched."""
    texts = {f"openings/p{i}.md": as_file(meta, body) for i, (meta, body) in enumerate(files)}
    verdicts = {src: read(src, text) for src, text in texts.items()}
    valid = {src: t for src, t in texts.items() if not isinstance(verdicts[src], PostingError)}
    invalid = [src for src in texts if isinstance(verdicts[src], PostingError)]
    event(f"valid postings per build: {len(valid)}")
    with tempfile.TemporaryDirectory() as tmp:
        site = fuzz_site(Path(tmp), valid)
        errors = build_and_log(site)
        assert errors == [], errors
        for src in valid:
            collected = verdicts[src]
            page = site.out / src.removesuffix(".md") / "index.html"
            assert page.exists() != collected.posting.draft, src
        if invalid:
            bad = invalid[0]
            site = fuzz_site(Path(tmp) / "bad", {**valid, bad: texts[bad]})
            errors = build_and_log(site)
            assert errors == [str(verdicts[bad])]


def fuzz_site(root: Path, files: dict[str, str]) -> Site:
    site = Site(
        root,
        {
            "site_name": "Fuzz Lab",
            "site_url": "https://lab.example.org/",
            "theme": {"name": "mkdocs"},
            "plugins": [{"postings": {"timezone": "Europe/Zurich"}}],
        },
    )
    (site.docs / "openings").mkdir(parents=True)
    (site.docs / "index.md").write_text("# Lab\n\n<!-- postings -->\n", encoding="utf-8")
    for src, text in files.items():
        (site.docs / src).write_text(text, encoding="utf-8")
    return site


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def build_and_log(site: Site) -> list[str]:
    """Build; return the error lines (empty on success). Anything but Abort propagates."""
    handler = _Errors()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    before = {p: p.read_bytes() for p in site.docs.rglob("*") if p.is_file()}
    try:
        site.build(strict=False)
    except Abort:
        assert handler.lines, "aborted without saying why"
    finally:
        logger.removeHandler(handler)
    assert {p: p.read_bytes() for p in site.docs.rglob("*") if p.is_file()} == before
    return handler.lines


# ----------------------------------------------------------------------------- sources

HOSTILE = [
    "\r\nATTACH:http://evil/\r\nBEGIN:VALARM",
    "\x1b[31mred\x1b[0m",
    "\x1b]8;;https://evil/\x07link",
    "\u202eevil\u202c",
    "\x00",
    '=HYPERLINK("https://evil")',
    "<script>alert(1)</script>",
    "]]><evil/>",
]
listing_text = st.text(max_size=30) | st.sampled_from(HOSTILE + ALMOST)
listing_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    listing_text,
)
listing_values = st.recursive(
    listing_scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=10,
)
web_urls = st.sampled_from(
    [
        "https://other.example.org/openings/a/",
        "/openings/b/",
        "https://other.example.org/x\r\nATTACH:evil",
        "https://other.example.org/\x1b[2J",
        "https://other.example.org/ space/ü",
        "javascript:alert(1)",
        "//other.example.org/c/",
    ]
) | st.text(max_size=20)
RECORD_KEYS = {
    "title": listing_text,
    "type": st.sampled_from(["phd", "postdoc", "other", "wizard"]),
    "types": st.lists(st.sampled_from(["phd", "postdoc", "x"]), max_size=3),
    "status": st.sampled_from(["open", "filled", "closed", "cancelled", "x"]),
    "deadline": st.sampled_from(["2027-01-31T22:59:00Z", "2026-01-01", "9999-12-31", "x"]),
    "deadline_local": st.sampled_from(["2027-01-31T23:59:00+01:00", "nope"]),
    "posted": st.sampled_from(["2026-11-01", "0001-01-01", "x"]),
    "rolling": st.booleans(),
    "tags": st.lists(listing_text, max_size=5),
    "summary": listing_text,
    "apply": web_urls | st.sampled_from(["mailto:a@example.org", "a@example.org"]),
    "salary": st.fixed_dictionaries(
        {},
        optional={
            "currency": st.sampled_from(["CHF", "EUR", "x"]),
            "min": money,
            "max": money,
            "unit": st.sampled_from(["YEAR", "MONTH"]),
        },
    ),
    "location": st.fixed_dictionaries(
        {}, optional={"locality": listing_text, "country": listing_text}
    ),
}
plausible_records = st.fixed_dictionaries(
    {"url": web_urls, "title": listing_text},
    optional={k: v for k, v in RECORD_KEYS.items() if k != "title"},
)
any_records = st.builds(
    lambda known, extra: {**extra, **known},
    st.fixed_dictionaries(
        {"url": web_urls | listing_values},
        optional={k: v | listing_values for k, v in RECORD_KEYS.items()},
    ),
    st.dictionaries(st.text(max_size=8), listing_values, max_size=2),
)
# Half of the listings are well-formed apart from their values (so generation reaches every
# output with hostile text in it); the other half may be anything at all.
listings = st.fixed_dictionaries(
    {
        "version": st.just(1),
        "site": st.fixed_dictionaries(
            {"name": listing_text, "url": st.just("https://other.example.org/")}
        ),
        "postings": st.lists(plausible_records, max_size=5),
    }
) | st.fixed_dictionaries(
    {
        "version": st.just(1) | listing_scalars,
        "postings": st.lists(any_records | listing_values, max_size=5),
    },
    optional={
        "site": st.fixed_dictionaries(
            {}, optional={"name": listing_text, "url": web_urls | listing_scalars}
        )
        | listing_values
    },
)
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ONE_LINE_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(listing=listings)
def test_any_listing_is_gathered_and_written_safely(listing):
    """Whatever another site's listing holds: ``gather`` returns (never raises), every problem
    is one safe line, and every posting it gives renders as a card and goes into the feed,
    the calendar and the JSON listing as valid, uninjected documents."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "listing.json"
        path.write_text(json.dumps(listing), encoding="utf-8")
        source = source_from_config({"path": str(path), "name": "Other"}, Path(tmp))
        options = FetchOptions(cache_dir=Path(tmp) / "cache", offline=False)
        gathered = gather([source], options, now=PINNED, defaults=DEFAULTS)
    event(f"postings gathered: {min(len(gathered.postings), 2)}+")
    for problem in gathered.problems:
        assert not ONE_LINE_UNSAFE.search(str(problem)), str(problem)
    labels = Labels("en", {})
    listings_renderer = ListingRenderer(Renderer(labels))
    entries, json_records = [], []
    for remote in gathered.postings:
        posting = remote.posting
        view = posting_view(posting, now=PINNED, closing_soon_days=14, labels=labels)
        listings_renderer.add_card(view, remote.url, source=remote.source, elsewhere=True)
        card = listings_renderer.cards[posting.src]
        assert not CONTROLS.search(card), card
        assert "<script" not in card
        entries.append(FeedEntry(posting, remote.url, posting.summary))
        json_records.append(PostingRecord(posting, remote.url, view.status, posting.summary))
    feed = atom_feed(entries, feed_url="u", site_url="s", title="t", feed_id="i")
    ET.fromstring(feed.encode("utf-8"))
    calendar = icalendar.Calendar.from_ical(ics_calendar(entries, prodid="p", calendar_name="c"))
    events = calendar.walk("VEVENT")
    assert not calendar.walk("VALARM")
    for event_ in events:
        assert set(event_) <= {
            "SUMMARY",
            "DTSTART",
            "DTSTAMP",
            "UID",
            "DESCRIPTION",
            "TRANSP",
            "URL",
        }
        assert not ONE_LINE_UNSAFE.search(str(event_["URL"]))
    json.loads(postings_json(json_records), parse_constant=_no_constants)


class _PyYAMLBuilt(_Loader):
    """The plugin's loader with PyYAML's own resolver and constructor: what its shortcuts
    must equal."""

    def resolve(self, kind, value, implicit):
        return super(_Loader, self).resolve(kind, value, implicit)

    def construct_document(self, node):
        return super(_Loader, self).construct_document(node)


@settings(max_examples=500, deadline=None)
@given(meta=front_matters, style=st.sampled_from([None, "'", '"']))
def test_front_matter_is_built_as_pyyaml_builds_it(meta, style):
    raw = yaml.safe_dump(meta, allow_unicode=True, default_style=style)
    # repr: a NaN is not equal to itself, but written the same
    assert repr(yaml.load(raw, Loader=_Loader)) == repr(yaml.load(raw, Loader=_PyYAMLBuilt))


@settings(
    max_examples=int(os.environ.get("FUZZ_SOURCE_BUILDS", "60")),
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,  # the pinned clock is the same for every input
    ],
)
@given(listing=listings)
def test_real_builds_of_a_board_with_any_listing(listing, pinned_clock):
    """A board whose source sends anything builds (a bad source is warnings, never an error
    or a traceback); no control character reaches the plugin's markup; the feed and the
    calendar parse."""
    with tempfile.TemporaryDirectory() as tmp:
        site = fuzz_site(Path(tmp), {})
        site.config["plugins"] = [
            {"postings": {"timezone": "Europe/Zurich", "sources": ["l.json"]}}
        ]
        (site.root / "l.json").write_text(json.dumps(listing), encoding="utf-8")
        assert build_and_log(site) == []
        cards = (site.out / "openings" / "index.html").read_text("utf-8").count("postings-card ")
        event(f"cards on the board: {min(cards, 2)}+")
        for page in site.out.rglob("*.html"):
            text = page.read_text("utf-8")
            assert not CONTROLS.search(text), (page, CONTROLS.findall(text))
        ET.fromstring((site.out / "openings" / "feed.xml").read_bytes())
        icalendar.Calendar.from_ical((site.out / "openings" / "deadlines.ics").read_bytes())
