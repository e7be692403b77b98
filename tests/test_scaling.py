"""What keeps a build's cost linear in the number of postings, asserted by counting work (never
by timing: the figures live in benchmarks/build_scaling.py), and what search indexes."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from conftest import Site

from mkdocs_postings.model import Defaults
from mkdocs_postings.publishing import listing
from mkdocs_postings.publishing.listing import tag_index
from mkdocs_postings.publishing.render import Renderer
from mkdocs_postings.reading import collect
from mkdocs_postings.reading.collect import DetectRules, body_of, read_front_matter
from mkdocs_postings.reading.validate import posting_from_meta

TAGS = [["NLP", "Imaging"], ["NLP", "nlp", "Genomics"], ["Imaging"], ["Genomics", "NLP"]]


def posting(number: int, tags: list[str]) -> str:
    return (
        f"---\ntitle: Position {number}\ntags: {json.dumps(tags)}\n"
        f"summary: Summary of position {number}.\n"
        f"posting:\n  type: phd\n  deadline: 2027-0{number}-15\n---\n\n"
        f"## Your project\n\nBody text of position {number}, written by the lab.\n\n"
        f"## Application\n\nApply at [the portal](https://jobs.example.org/{number}).\n"
    )


@pytest.fixture
def site(make_site) -> Site:
    site = make_site()
    for number, tags in enumerate(TAGS, start=1):
        site.write(f"openings/p{number}.md", posting(number, tags))
    site.write("index.md", "# Test Lab\n\nWelcome to the lab.\n\n<!-- postings -->\n")
    site.write("about.md", "# About\n\nThe word posting alone makes no page a posting.\n")
    return site


def counting(monkeypatch: pytest.MonkeyPatch, module: object, name: str, key=None) -> Counter:
    """Count the calls of ``module.name`` (by ``key(*args)`` if given), calling through."""
    calls: Counter = Counter()
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls[key(*args, **kwargs) if key else name] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


# ----------------------------------------------------------------------------- once per build


def test_front_matter_is_parsed_once_per_file_per_build_and_not_again_when_unchanged(
    site: Site, monkeypatch: pytest.MonkeyPatch
):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    parsed = counting(monkeypatch, collect, "read_front_matter", key=lambda text, src: src)
    config_file = site.write_config()
    config = load_config(str(config_file), strict=True, site_dir=str(site.out))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    postings = {f"openings/p{n}.md" for n in range(1, len(TAGS) + 1)}
    # index.md and about.md say "posting": they get a look, once, and are no postings.
    assert set(parsed) == postings | {"index.md", "about.md"}
    assert set(parsed.values()) == {1}

    # A `mkdocs serve` rebuild after editing one posting: only that file is read again,
    # and the unchanged ones still show their bodies.
    parsed.clear()
    site.write("openings/p2.md", posting(2, TAGS[1]).replace("Position 2", "Position two"))
    config = load_config(str(config_file), strict=True, site_dir=str(site.out))
    build(config)
    assert parsed == {"openings/p2.md": 1}
    assert site.page("openings/p2/").select_one("h1").get_text() == "Position two"
    body = site.page("openings/p1/").select_one(".postings-body").get_text()
    assert "Body text of position 1, written by the lab." in body


def test_each_card_is_rendered_once_and_each_listing_once(
    site: Site, monkeypatch: pytest.MonkeyPatch
):
    renders = counting(monkeypatch, Renderer, "render", key=lambda self, name, **_: name)
    site.build()
    # 4 postings; listings: the cards page, the home page's marker, 3 tag pages.
    assert renders["card.html"] == len(TAGS)
    assert renders["listing.html"] == 1 + 1 + 3
    assert len(site.page("openings/").select(".postings-card")) == len(TAGS)
    assert len(site.page("openings/tags/nlp/").select(".postings-card")) == 3


def test_posting_pages_are_wrapped_in_one_pass_after_every_page_is_read(
    site: Site, monkeypatch: pytest.MonkeyPatch
):
    """Reading bodies and rendering notices, facts and cards happen back to back, after the
    last Markdown conversion, not between two of them (the same work took about twice as
    long there on large sites: see benchmarks/build_scaling.py)."""
    from mkdocs.structure.pages import Page

    from mkdocs_postings import build

    events: list[str] = []
    real_render, real_complete = Page.render, build.complete_from_body

    def render(page: Page, *args, **kwargs):
        events.append("markdown")
        return real_render(page, *args, **kwargs)

    def complete(*args, **kwargs):
        events.append("wrap")
        return real_complete(*args, **kwargs)

    monkeypatch.setattr(Page, "render", render)
    monkeypatch.setattr(build, "complete_from_body", complete)
    site.build()
    assert events.count("wrap") == len(TAGS)
    first_wrap = events.index("wrap")
    assert "markdown" not in events[first_wrap:], events
    assert (site.out / "openings/p1/index.html").read_text().count("postings-notice") >= 1


def test_the_garbage_collector_pauses_during_the_batch_passes_only(
    site: Site, monkeypatch: pytest.MonkeyPatch
):
    """Reading every posting file, wrapping every posting page and writing the feeds run
    with Python's cyclic collector paused (their short-lived objects set off passes over
    every page the build holds); it runs again after each, also when a pass stops at a
    broken posting, and a collector that was off stays off."""
    import gc

    from mkdocs.exceptions import Abort

    from mkdocs_postings import build
    from mkdocs_postings.mkdocs import scan
    from mkdocs_postings.publishing import board

    seen: list[tuple[str, bool]] = []
    real_collect, real_complete = scan.collect_posting, build.complete_from_body

    def collect(*args, **kwargs):
        seen.append(("read", gc.isenabled()))
        return real_collect(*args, **kwargs)

    def complete(*args, **kwargs):
        seen.append(("wrap", gc.isenabled()))
        return real_complete(*args, **kwargs)

    def outputs(*args, **kwargs):
        seen.append(("feeds", gc.isenabled()))
        return real_outputs(*args, **kwargs)

    real_outputs = board.site_outputs
    monkeypatch.setattr(scan, "collect_posting", collect)
    monkeypatch.setattr(build, "complete_from_body", complete)
    monkeypatch.setattr(board, "site_outputs", outputs)
    assert gc.isenabled()
    site.build()
    assert {step for step, _ in seen} == {"read", "wrap", "feeds"}
    assert not any(enabled for _, enabled in seen), seen
    assert gc.isenabled()

    site.write("openings/broken.md", "---\ntitle: [unclosed\nposting: {}\n---\n")
    with pytest.raises(Abort):
        site.build()
    assert gc.isenabled()

    gc.disable()
    try:
        site.write("openings/broken.md", "# Fixed\n\nApply to fixed@example.org.\n")
        site.build()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_listings_are_ordered_once_each_not_per_page(site: Site, monkeypatch: pytest.MonkeyPatch):
    for number in range(10):  # pages that show no listing must cost no ordering
        site.write(f"page{number}.md", f"# Page {number}\n")
    from mkdocs_postings.publishing import board

    ordered = counting(monkeypatch, board, "order_postings")
    reordered = counting(monkeypatch, listing, "order_postings")
    site.build()
    # One order for every listing: 3 tag pages (the tag index counts the same lists), the
    # cards page and the home page take their postings from it.
    assert ordered["order_postings"] == 1
    assert reordered["order_postings"] == 0
    counts = {
        li.select_one("a.postings-tag").get_text(): li.select_one(".postings-count")["data-count"]
        for li in site.page("openings/tags/").select(".postings-tag-index li")
    }
    assert counts == {"NLP": "3", "Imaging": "2", "Genomics": "2"}


def test_tag_index_lists_a_posting_once_under_a_tag_it_writes_twice():
    defaults = Defaults()
    postings = []
    for number, tags in enumerate(TAGS, start=1):
        fm = read_front_matter(posting(number, tags), f"openings/p{number}.md")
        made, _ = posting_from_meta(fm.meta, src=f"openings/p{number}.md", defaults=defaults)
        postings.append(made)
    index = tag_index(reversed(postings))
    assert {key: [p.title for p in tag.postings] for key, tag in index.items()} == {
        "nlp": ["Position 1", "Position 2", "Position 4"],
        "imaging": ["Position 1", "Position 3"],
        "genomics": ["Position 2", "Position 4"],
    }
    assert index["nlp"].name == "NLP"


# ----------------------------------------------------------------------------- search


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_search_indexes_what_the_lab_wrote_not_listings_or_generated_facts(make_site, theme: str):
    site = make_site(theme)
    for number, tags in enumerate(TAGS, start=1):
        site.write(f"openings/p{number}.md", posting(number, tags))
    site.write("index.md", "# Test Lab\n\nWelcome to the lab.\n\n<!-- postings -->\n")
    site.build()
    docs = json.loads((site.out / "search" / "search_index.json").read_text())["docs"]
    text = {}
    for doc in docs:
        page = doc["location"].split("#")[0]
        text[page] = text.get(page, "") + " " + doc["title"] + " " + doc["text"]

    assert "Body text of position 1, written by the lab." in text["openings/p1/"]
    assert "Position 1" in text["openings/p1/"]
    for generated in ("Employer", "Open for applications", "closes in"):
        assert generated not in text["openings/p1/"]
    assert "Welcome to the lab." in text[""]
    for page, words in text.items():
        if not page.startswith("openings/p"):  # listings: cards page, tag pages, home page
            assert "Summary of position" not in words, page
    assert "Openings" in text["openings/"]  # the cards page is still found by its title

    # What the theme shows is complete all the same.
    assert site.page("openings/p1/").select(".postings-facts")
    assert len(site.page("").select(".postings-card")) == len(TAGS)


def test_json_ld_description_is_the_body(make_site):
    site = make_site()
    site.write("openings/p1.md", posting(1, ["NLP"]))
    site.build()
    script = site.page("openings/p1/").select_one('script[type="application/ld+json"]')
    description = json.loads(script.string)["description"]
    assert "Body text of position 1, written by the lab." in description
    assert "postings-facts" not in description and "postings-apply" not in description


# ----------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: T\n---\n\n\nBody\n",
        "\ufeff---\r\ntitle: T\r\n---\r\nBody\r\nmore\r\n",
        '+++\ntitle = "T"\n+++\nBody\n',
        "---\ntitle: T\n---",
        "No front matter\n",
    ],
    ids=["yaml", "bom-crlf", "toml", "no-newline", "none"],
)
def test_body_of_matches_read_front_matter(text: str):
    assert body_of(text) == read_front_matter(text, "x.md").body


@pytest.mark.parametrize(
    ("dirs", "src", "inside"),
    [
        (("openings",), "openings/a.md", True),
        (("openings",), "openings/sub/a.md", True),
        (("openings",), "openings.md", False),
        (("openings",), "openings-old/a.md", False),
        (("/openings/",), "openings/a.md", True),
        (("jobs/open",), "jobs/open/a.md", True),
        (("jobs/open",), "jobs/a.md", False),
        (("",), "a.md", False),
        ((".",), "a.md", True),
    ],
)
def test_in_dirs(dirs, src, inside):
    assert DetectRules(dirs=dirs).in_dirs(src) is inside


# ----------------------------------------------------------------------------- reading bodies


def test_a_body_is_read_only_when_the_front_matter_leaves_something_to_find(
    make_site, monkeypatch: pytest.MonkeyPatch
):
    """Apply target, summary and deadline (or rolling) all in the front matter: the rendered
    body is not read at all; without a summary only its first paragraph is read (a paragraph
    of plain text without the parser); without an apply target it is read whole, once."""
    from mkdocs_postings.body import complete as completing
    from mkdocs_postings.body import extract

    reads: list[str] = []
    real = extract.read_body

    def counting(html: str, **options: bool) -> extract.BodyFacts:
        reads.append(html)
        return real(html, **options)

    monkeypatch.setattr(completing, "read_body", counting)  # as complete_from_body calls it
    monkeypatch.setattr(extract, "read_body", counting)  # as first_paragraph calls it
    site = make_site()
    complete = (
        "---\ntitle: {t}\nsummary: S.\nposting:\n  deadline: 2027-01-31\n"
        "  apply: https://jobs.example.org/1\n---\n\nBody {t}.\n"
    )
    site.write("openings/full.md", complete.format(t="full"))
    site.write(
        "openings/rolling.md",
        complete.format(t="rolling").replace("deadline: 2027-01-31", "rolling: true"),
    )
    no_summary = complete.format(t="nosum").replace("summary: S.\n", "")
    # inline markup: the paragraph goes through the parser (plain text needs none)
    site.write(
        "openings/no-summary.md", no_summary.replace("Body nosum.", "Body *nosum*.\n\nMore.")
    )
    site.write("openings/plain.md", complete.format(t="plain").replace("summary: S.\n", ""))
    site.write(
        "openings/no-apply.md",
        complete.format(t="noapply").replace(
            "  apply: https://jobs.example.org/1\n",
            "  contact: {name: Jane Doe, url: https://x.org}\n",
        ),
    )
    site.build()
    assert [r for r in reads if "noapply" in r] == ["<p>Body noapply.</p>"]
    # for the summary alone, only the first paragraph is read, and plain text needs no parser
    assert [r for r in reads if "nosum" in r] == ["<p>Body <em>nosum</em>.</p>"]
    assert len(reads) == 2
    for slug, summary in (("no-summary", "Body nosum."), ("plain", "Body plain.")):
        page = site.page(f"openings/{slug}/")
        assert page.select_one('meta[name="description"]')["content"] == summary


def test_search_plugin_changes_to_a_posting_body_are_kept(make_site):
    """Material drops ``data-search-*="..."`` from what it indexed; the page keeps that."""
    site = make_site()
    site.write(
        "openings/p1.md",
        posting(1, ["NLP"]) + '\nInternal note for the search.\n{ data-search-exclude="1" }\n',
    )
    site.build()
    page = site.page("openings/p1/")
    assert page.select(".postings-facts") and page.select(".postings-body")
    assert "Internal note for the search." in page.select_one(".postings-body").get_text()
    assert not page.select("[data-search-exclude]")
    index = (site.out / "search" / "search_index.json").read_text()
    assert "Internal note" not in index and "Body text of position 1" in index
    script = page.select_one('script[type="application/ld+json"]')
    assert "postings-facts" not in json.loads(script.string)["description"]


def test_writing_a_calendar_does_not_import_icalendar():
    """icalendar took 25 ms to import and left thousands of objects behind; the calendar is
    written without it (tests hold it to icalendar's output)."""
    import subprocess
    import sys

    code = (
        "import sys, mkdocs_postings.mkdocs.plugin\n"
        "from mkdocs_postings.publishing import feeds\n"
        "feeds.ics_calendar([], prodid='-//x//EN', calendar_name='Zürich, Deadlines; all')\n"
        "print('icalendar' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["False"], result.stderr


def test_reading_yaml_postings_imports_neither_tomllib_nor_difflib():
    """What only some sites need is imported when one does: TOML front matter (tomllib), an
    unknown key to suggest a name for (difflib)."""
    import subprocess
    import sys

    code = (
        "import sys, mkdocs_postings.mkdocs.plugin\n"
        "from mkdocs_postings.reading.collect import DetectRules, collect_posting\n"
        "from mkdocs_postings.model import Defaults\n"
        "def read(text):\n"
        "    collect_posting('openings/x.md', text, rules=DetectRules(), defaults=Defaults())\n"
        "    return sorted({'tomllib', 'difflib'} & set(sys.modules))\n"
        "print(read('---\\ntitle: T\\nposting:\\n  deadline: 2027-01-31\\n---\\nBody\\n'))\n"
        "print(read('+++\\ntitle = \"T\"\\n[posting]\\ndedline = 2027-01-31\\n+++\\nBody\\n'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.splitlines() == ["[]", "['difflib', 'tomllib']"], result.stderr


def _benchmark(monkeypatch: pytest.MonkeyPatch):
    import importlib.util
    import sys

    path = Path(__file__).parent.parent / "benchmarks" / "build_scaling.py"
    spec = importlib.util.spec_from_file_location("build_scaling", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "build_scaling", bench)  # its dataclasses look it up
    spec.loader.exec_module(bench)
    return bench


def test_benchmark_rounds_alternate_which_variant_goes_first(monkeypatch: pytest.MonkeyPatch):
    """A machine whose speed drifts must not always favour the variant that runs first."""
    bench = _benchmark(monkeypatch)
    orders = [bench.round_order(run) for run in range(4)]
    assert all(sorted(order) == sorted(bench.VARIANTS) for order in orders)
    floor_first = [o.index("floor") < o.index("postings") for o in orders]
    assert floor_first.count(True) == floor_first.count(False) == 2


def test_benchmark_without_the_blog_prints_floor_and_postings(monkeypatch: pytest.MonkeyPatch):
    """``--no-blog`` (more rounds in the time): the table leaves the blog's cells empty, and
    the spread of single rounds is printed."""
    bench = _benchmark(monkeypatch)
    assert bench.round_order(1, ["floor", "postings"]) == ("postings", "floor")
    row = bench.Row(1000, {}, {"floor": [], "postings": []})
    for floor, ours in ((5.0, 5.5), (4.0, 4.8), (6.0, 6.3)):
        row.runs["floor"].append(bench.Measurement(floor, floor, 75))
        row.runs["postings"].append(bench.Measurement(ours, ours, 90))
    line = bench.table([row]).splitlines()[-1]
    assert line.startswith("| 1,000 | 5.00 (5.0) | 5.50 | – | **1.10** | **1.10** | – |")
    assert line.endswith("| 75 / 90 / – | 1.20 |")
    assert bench.spread([row]) == "postings/floor of single rounds: 1,000: 1.05–1.20"
