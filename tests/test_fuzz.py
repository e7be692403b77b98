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
"""

from __future__ import annotations

import logging
import os
import tempfile
from datetime import UTC
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from conftest import PINNED, Site
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

from mkdocs_postings.collect import DetectRules, collect_posting
from mkdocs_postings.feeds import FeedEntry, PostingRecord, atom_feed, ics_calendar, postings_json
from mkdocs_postings.labels import Labels
from mkdocs_postings.model import POSTING_KEYS, Defaults, PostingError
from mkdocs_postings.render import ListingRenderer, Renderer, posting_view
from mkdocs_postings.structured_data import (
    Organization,
    job_posting,
    json_ld_script,
    json_ld_without_description,
)
from mkdocs_postings.validate import posting_from_meta

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
    if data is not None:
        script = json_ld_script(data)
        # Written before the body is known (the build), then completed: the same element.
        assert json_ld_without_description(data).with_description(body) == json_ld_script(
            {**data, "description": body}
        )
        assert json_ld_without_description(data).with_description("<p>Body</p>") == script
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
