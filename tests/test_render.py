"""The plugin's templates: partials written in place render exactly as when included."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import jinja2
import pytest
from conftest import PINNED, ZURICH_DEFAULTS

from mkdocs_postings.model import Posting
from mkdocs_postings.publishing.labels import Labels
from mkdocs_postings.publishing.render import (
    ROOT,
    ListingRenderer,
    Renderer,
    TagLink,
    posting_view,
)
from mkdocs_postings.reading.validate import posting_from_meta

BODY = "<h2>Your project</h2>\n<p>Text.</p>"


def make(deadline: str | None = "2027-01-31", **posting: Any) -> Posting:
    fields = {"type": "phd", **posting}
    if deadline:
        fields["deadline"] = deadline
    meta = {"title": "A PhD <in> NLP", "summary": "Summary & more.", "posting": fields}
    return posting_from_meta(meta, src="openings/phd.md", defaults=ZURICH_DEFAULTS)[0]


POSTINGS = [
    make(apply={"url": "https://jobs.example.org/1", "instructions": "CV & letter"}),
    make(apply={"email": "jane@example.org"}, reference="R-1", start="2027-03-01"),
    make((PINNED + timedelta(days=3)).date().isoformat(), apply={"email": "a@b.org"}),
    make("2026-01-31", apply={"url": "https://jobs.example.org/2"}),
    make(None, rolling=True, status="filled"),
    make(None),
    make(type=["phd", "internship"], apply={"email": "a@b.org"}),  # a page of two kinds
]


def included(labels: Labels) -> Renderer:
    """A renderer whose templates include their partials (no inlining)."""
    renderer = Renderer(labels)
    renderer.env.loader = jinja2.PackageLoader("mkdocs_postings", "templates")
    return renderer


@pytest.mark.parametrize("language", ["en", "de"])
def test_partials_in_place_render_as_included(language: str):
    labels = Labels(language)
    inlined, plain = Renderer(labels), included(labels)
    assert (
        "{% include" not in inlined.env.loader.get_source(inlined.env, "postings/posting.html")[0]
    )
    tags = [TagLink("NLP", "nlp", "../tags/nlp/"), TagLink("C++", "c", "../tags/c/")]
    for posting in POSTINGS:
        for tag_links in ([], tags):
            view = posting_view(
                posting, now=PINNED, closing_soon_days=14, labels=labels, tags=tag_links
            )
            assert inlined.posting_page(view, BODY) == plain.posting_page(view, BODY)
            card = {"view": view, "url": "openings/phd/", "root": ROOT}
            assert inlined.render("card.html", **card) == plain.render("card.html", **card)


def test_a_site_partial_is_included_not_written_in_place(tmp_path):
    override = tmp_path / "postings" / "notice.html"
    override.parent.mkdir()
    override.write_text('<p class="site-notice">{{ view.notice }}</p>')
    renderer = Renderer(Labels(), [tmp_path])
    source = renderer.env.loader.get_source(renderer.env, "postings/posting.html")[0]
    assert '{% include "postings/notice.html" %}' in source
    assert '{% include "postings/facts.html" %}' not in source  # not overridden: in place
    view = posting_view(POSTINGS[0], now=PINNED, closing_soon_days=14, labels=Labels())
    page = renderer.posting_page(view, BODY)
    assert '<p class="site-notice">' in page and "postings-facts" in page


def test_templates_are_looked_up_once_and_get_their_globals_as_one_dict(monkeypatch):
    """Each render used to look its template up again and copy the globals (a ChainMap, key
    by key in Python) into its context: about 6 us of a trivial template's 10."""
    renderer = Renderer(Labels("de", {}))
    lookups: list[str] = []
    get_template = renderer.env.get_template

    def counted(name: str, *args: Any, **kwargs: Any) -> jinja2.Template:
        lookups.append(name)
        return get_template(name, *args, **kwargs)

    monkeypatch.setattr(renderer.env, "get_template", counted)
    pages = [renderer.render("page.html", title=f"T{i}", content="x") for i in range(3)]
    assert lookups == ["postings/page.html"]
    template = renderer._templates["page.html"]
    assert type(template.globals) is dict and template.globals == dict(renderer.env.globals)
    assert pages[2] == get_template("postings/page.html").render(title="T2", content="x")
    view = posting_view(POSTINGS[0], now=PINNED, closing_soon_days=14, labels=renderer.labels)
    assert "Bewerbungsschluss" in renderer.posting_page(view, BODY)  # labels, a global


def test_english_pages_of_ascii_postings_stay_ascii():
    """MkDocs encodes each page to UTF-8; a page with one character beyond ASCII (the "·" of a
    notice, once) takes Python's slow encoder for all of its text. The plugin's own markup for
    an English site writes such characters as references."""
    labels = Labels("en", {})
    renderer = Renderer(labels)
    cards = []
    for posting in POSTINGS:
        view = posting_view(posting, now=PINNED, closing_soon_days=14, labels=labels)
        page = renderer.posting_page(view, BODY)
        assert page.isascii(), [c for c in page if not c.isascii()]
        cards.append(renderer.render("card.html", view=view, url="openings/phd/", root=ROOT))
    assert any(
        posting_view(p, now=PINNED, closing_soon_days=14, labels=labels).countdown for p in POSTINGS
    )  # a notice with its countdown was among them
    assert all(card.isascii() for card in cards)


@pytest.mark.parametrize(
    ("kinds", "chips"),
    [
        ([["phd"]], []),  # one kind: no chips to choose among
        ([["phd", "postdoc"]], ["phd", "postdoc"]),  # one posting of two kinds: one chip each
        ([["postdoc"], ["phd", "internship"], ["phd"]], ["internship", "phd", "postdoc"]),
    ],
)
def test_type_filter_has_one_chip_per_kind_present(kinds, chips):
    from mkdocs_postings.publishing.render import filter_groups

    groups = filter_groups([make(type=k) for k in kinds], {}, Labels())
    got = [value for g in groups if g["name"] == "type" for value, _ in g["items"]]
    assert got == chips


def test_a_posting_of_several_kinds_shows_each_in_its_facts_and_card():
    posting = make(type=["phd", "internship"], apply={"email": "a@b.org"})
    view = posting_view(posting, now=PINNED, closing_soon_days=14, labels=Labels())
    assert (view.type_label, view.type_values) == ("PhD position, Internship", "phd internship")
    card = Renderer(Labels()).render("card.html", view=view, url="openings/phd/", root=ROOT)
    assert 'data-type="phd internship"' in card
    assert card.count("postings-badge--type") == 2


def test_theme_meta_hands_the_theme_safe_strings_and_keeps_the_page_description():
    from mkdocs_postings.publishing.render import theme_meta

    meta = {"title": 'PhD & "more"', "tags": ["R&D"], "summary": "S & T.", "posting": {}}
    posting = posting_from_meta(meta, src="openings/phd.md", defaults=ZURICH_DEFAULTS)[0]
    safe = theme_meta(posting, {**posting.meta, "template": "post.html"})
    assert safe["title"] == "PhD &amp; &#34;more&#34;"
    assert safe["description"] == "S &amp; T."
    assert safe["tags"] == ["R&amp;D"]
    assert safe["template"] == "post.html"  # the rest passes through
    assert posting.meta["title"] == 'PhD & "more"'  # the front matter itself is not changed
    own = theme_meta(posting, {**posting.meta, "description": "Mine & yours"})
    assert own["description"] == "Mine &amp; yours"


def test_a_listing_moves_the_card_title_alone_to_its_level(tmp_path):
    """Cards are rendered once with an <h3> title; a listing under an <h2> or deeper moves
    the title's level, and only the title's: a site's card with other <h3>s keeps them."""
    override = tmp_path / "postings" / "card.html"
    override.parent.mkdir()
    override.write_text(
        '<li><h3>Group</h3><h3 class="postings-card-title"><a href="{{ url }}">'
        "{{ view.posting.title }}</a></h3><h3>Footer</h3></li>"
    )
    cards = ListingRenderer(Renderer(Labels(), [tmp_path]))
    view = posting_view(POSTINGS[0], now=PINNED, closing_soon_days=14, labels=Labels())
    cards.add_card(view, "openings/phd/")
    html = cards.listing([POSTINGS[0]], [], closed="hide", under=3)
    assert "<h3>Group</h3>" in html and "<h3>Footer</h3>" in html
    assert '<h4 class="postings-card-title"><a href="openings/phd/">' in html
    assert "A PhD &lt;in&gt; NLP</a></h4>" in html
    without_title = tmp_path / "plain"
    (without_title / "postings").mkdir(parents=True)
    (without_title / "postings" / "card.html").write_text("<li><h3>{{ url }}</h3></li>")
    plain = ListingRenderer(Renderer(Labels(), [without_title]))
    plain.add_card(view, "openings/phd/")
    assert "<h3>openings/phd/</h3>" in plain.listing([POSTINGS[0]], [], closed="hide", under=3)
