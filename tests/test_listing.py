"""Listings: order, closed policies, markers and tag slugs as pure functions; then the cards
page, embedded listings and tag pages in real builds."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
from conftest import Site
from hooks import (
    OPEN_IN_ORDER,
    assert_cards_page,
    assert_filters,
    assert_nlp_card,
    card_titles,
    tag_counts,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_postings.model import TYPES, Defaults
from mkdocs_postings.publishing.listing import (
    ListingQuery,
    base_slug,
    order_postings,
    parse_marker,
    select,
    tag_index,
    tag_listings,
)
from mkdocs_postings.reading.validate import posting_from_meta

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
DEFAULTS = Defaults(timezone=ZoneInfo("Europe/Zurich"), deadline_time=time(23, 59))


def make(name, *, deadline=None, rolling=False, status="open", type_="phd", tags=(), title=None):
    fields = {"type": type_, "status": status, "rolling": rolling}
    if deadline:
        fields["deadline"] = deadline
    posting, _ = posting_from_meta(
        {"title": title or name.title(), "tags": list(tags), "posting": fields},
        src=f"openings/{name}.md",
        defaults=DEFAULTS,
    )
    return posting


POSTINGS = [
    make("late", deadline="2027-03-01", tags=["NLP"]),
    make("rolling", rolling=True, type_="student", tags=["NLP"]),
    make("soon", deadline="2026-12-05", type_="postdoc"),
    make("past", deadline="2026-11-01", tags=["NLP"]),
    make("filled", deadline="2027-05-01", status="filled"),
    make("older-past", deadline="2026-10-01"),
]
STATUSES = {p.src: p.status_at(NOW, 14) for p in POSTINGS}


def names(postings):
    return [p.src.removeprefix("openings/").removesuffix(".md") for p in postings]


def test_order_open_closing_soonest_first_rolling_after_dated_then_past_recent_first():
    assert names(order_postings(POSTINGS, STATUSES)) == [
        "soon",
        "late",
        "rolling",
        "filled",
        "past",
        "older-past",
    ]


@pytest.mark.parametrize(
    ("policy", "main", "past"),
    [
        ("archive", ["soon", "late", "rolling"], ["filled", "past", "older-past"]),
        ("hide", ["soon", "late", "rolling"], []),
        ("keep", ["soon", "late", "rolling", "filled", "past", "older-past"], []),
    ],
)
def test_closed_policies(policy, main, past):
    ordered = order_postings(POSTINGS, STATUSES)
    got_main, got_past = select(ordered, STATUSES, ListingQuery(closed=policy))
    assert (names(got_main), names(got_past)) == (main, past)


_posting_fields = st.fixed_dictionaries(
    {
        "deadline": st.sampled_from([None, "2026-10-01", "2026-12-05", "2027-03-01"]),
        "rolling": st.booleans(),
        "status": st.sampled_from(["open", "filled", "cancelled"]),
        "tags": st.lists(st.sampled_from(["NLP", "nlp", "Imaging", "Ethics"]), max_size=3),
        "title": st.sampled_from(["Alpha", "alpha", "Beta", "Élan"]),
    }
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_posting_fields, max_size=12), st.sampled_from(["archive", "hide", "keep"]))
def test_tag_pages_take_one_order_for_all_as_each_tag_alone_would(fields, policy):
    """Ordered once for all postings, each tag page lists what ordering its own postings
    gives (the order is total: ties on deadline and title fall back to the file)."""
    postings = [make(f"p{number}", **f) for number, f in enumerate(fields)]
    statuses = {p.src: p.status_at(NOW, 14) for p in postings}
    tags = tag_index(postings)
    ordered = order_postings(postings, statuses)
    assert tag_listings(tags, ordered, statuses, policy) == {
        key: select(order_postings(tag.postings, statuses), statuses, ListingQuery(closed=policy))
        for key, tag in tags.items()
    }


@pytest.mark.parametrize(
    ("attrs", "main", "past"),
    [
        ("", ["soon", "late", "rolling"], []),  # embedded: open only by default
        (' tag="nlp"', ["late", "rolling"], []),
        (' tag="NLP" closed="archive"', ["late", "rolling"], ["past"]),
        (' type="postdoc"', ["soon"], []),
        (' limit="2"', ["soon", "late"], []),
        (" type='student' tag=\"NLP\"", ["rolling"], []),
    ],
)
def test_marker_queries(attrs, main, past):
    query, problems = parse_marker(attrs, src="index.md", known_types=TYPES)
    assert problems == []
    got_main, got_past = select(order_postings(POSTINGS, STATUSES), STATUSES, query)
    assert (names(got_main), names(got_past)) == (main, past)


@pytest.mark.parametrize(
    ("kind", "main"),
    [("postdoc", ["soon", "two-kinds"]), ("internship", ["two-kinds"]), ("phd", ["late"])],
)
def test_a_marker_type_lists_a_posting_of_several_kinds_under_each(kind, main):
    postings = [
        *POSTINGS,
        make("two-kinds", deadline="2027-02-01", type_=["internship", "postdoc"]),
    ]
    statuses = {p.src: p.status_at(NOW, 14) for p in postings}
    query, _ = parse_marker(f' type="{kind}"', src="index.md", known_types=TYPES)
    assert names(select(order_postings(postings, statuses), statuses, query)[0]) == main


@pytest.mark.parametrize(
    ("attrs", "field"),
    [
        (' colour="red"', "<!-- postings colour= -->"),
        (' type="wizard"', "<!-- postings type= -->"),
        (' limit="many"', "<!-- postings limit= -->"),
        (' closed="sometimes"', "<!-- postings closed= -->"),
        (" tag=NLP", "<!-- postings -->"),
    ],
)
def test_marker_problems_are_warnings_naming_the_page(attrs, field):
    _, problems = parse_marker(attrs, src="index.md", known_types=TYPES)
    assert [p.field for p in problems] == [field]
    assert str(problems[0]).startswith(f"index.md: {field}: ")


@pytest.mark.parametrize(
    ("tag", "slug"),
    [
        ("Machine Learning", "machine-learning"),
        ("Maschinelles Lernen", "maschinelles-lernen"),
        ("Bio-informatique", "bio-informatique"),
        ("Écologie numérique", "ecologie-numerique"),
        ("C++", "c-plus-plus"),
        ("C", "c"),
        ("C#", "c-sharp"),
        ("R&D", "r-and-d"),
        ("機械学習", "機械学習"),
    ],
)
def test_slugs_are_stable_and_url_safe(tag, slug):
    assert base_slug(tag) == slug
    assert "+" not in slug and "/" not in slug and " " not in slug


def test_empty_slug_gets_a_hash_and_collisions_are_resolved():
    assert base_slug("!!!").startswith("tag-")
    postings = [make("a", rolling=True, tags=["a b", "A-B", "a  b", "!!!", "???"])]
    index = tag_index(postings)
    slugs = [tag.slug for tag in index.values()]
    assert len(slugs) == len(set(slugs)) == 4  # "a b" and "a  b" are one tag
    assert all(slugs)


def test_tags_differing_in_case_are_one_tag_with_the_first_spelling():
    index = tag_index(
        [make("a", rolling=True, tags=["NLP"]), make("b", rolling=True, tags=["nlp"])]
    )
    assert [(t.name, t.slug, len(t.postings)) for t in index.values()] == [("NLP", "nlp", 2)]


@pytest.mark.parametrize(
    ("attrs", "field", "words"),
    [
        ('type=""', "type=", "is empty; write one of phd"),
        ('type="  "', "type=", "is empty; write one of phd"),
        ('tag=""', "tag=", "is empty, ignored"),
        ('tag=" " type="phd"', "tag=", "is empty, ignored"),
    ],
)
def test_a_marker_attribute_left_empty_is_a_warning_naming_it(attrs, field, words):
    query, problems = parse_marker(attrs, src="index.md", known_types=TYPES)
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"index.md: <!-- postings {field} -->: {words}")
    assert query.tag is None


# --------------------------------------------------------------------------- in real builds


def test_cards_page_lists_open_postings_in_order_then_past(built: Site):
    assert_cards_page(built.page("openings/"))


def test_card_hooks_and_links(built: Site):
    page = built.page("openings/")
    card = page.select_one('.postings-card[data-type="phd"][data-tags~="nlp"]')
    assert_nlp_card(card)
    assert card.select_one(".postings-card-title a")["href"] == "../openings/phd-clinical-nlp/"
    assert [a["href"] for a in card.select("a.postings-tag")] == [
        "../openings/tags/nlp/",
        "../openings/tags/machine-learning/",
    ]


def test_filters_cover_types_and_tags_and_start_hidden(built: Site):
    assert_filters(built.page("openings/"))


def test_home_page_embeds_three_soonest_open_postings(built: Site):
    home = built.page("")
    assert card_titles(home) == OPEN_IN_ORDER[:3]
    assert home.select_one(".postings-card-title a")["href"] == (
        "openings/postdoc-federated-learning/"
    )


def test_tag_pages_list_exactly_their_postings_and_index_counts_match(built: Site):
    nlp = built.page("openings/tags/nlp/")
    assert card_titles(nlp) == [
        "PhD Position in Clinical Natural Language Processing",
        "Student Assistant for Data Annotation",
    ]
    assert nlp.select_one("h1").get_text() == "Openings tagged “NLP”"
    data_eng = built.page("openings/tags/data-engineering/")
    assert set(card_titles(data_eng, ".postings-cards--past .postings-card")) == {
        "Research Assistant in Clinical Data Engineering (50%)",
        "Research Software Engineer",
    }
    index = built.page("openings/tags/")
    counts = tag_counts(index)
    assert counts["NLP"] == 2
    assert counts["Machine Learning"] == 3
    for li in index.select(".postings-tag-index li"):
        slug = li.select_one("a.postings-tag")["data-tag"]
        count = int(li.select_one(".postings-count")["data-count"])
        assert len(built.page(f"openings/tags/{slug}/").select(".postings-card")) == count
        assert li.select_one(".postings-count").get_text() == (
            "1 opening" if count == 1 else f"{count} openings"
        )


POSTING = (
    "---\ntitle: {title}\ntags: [{tag}]\nposting:\n  type: phd\n  deadline: 2027-01-31\n"
    "  apply: mailto:jobs@example.org\n---\n"
)


@pytest.mark.parametrize("policy", ["archive", "hide", "keep"])
def test_closed_policy_on_the_cards_page(make_site, policy):
    site = make_site(closed=policy)
    site.write("openings/open.md", POSTING.format(title="Open one", tag="A"))
    site.write("openings/past.md", "---\ntitle: Past one\nposting:\n  deadline: 2026-01-01\n---\n")
    site.build()
    page = site.page("openings/")
    main = card_titles(page, ".postings-cards--open .postings-card")
    past = card_titles(page, ".postings-cards--past .postings-card")
    expected = {
        "archive": (["Open one"], ["Past one"]),
        "hide": (["Open one"], []),
        "keep": (["Open one", "Past one"], []),
    }[policy]
    assert (main, past) == expected


def test_site_written_cards_page_gets_the_listing_at_its_marker(make_site):
    site = make_site()
    site.write("openings/index.md", "# Work with us\n\nIntro.\n\n<!-- postings -->\n\nOutro.\n")
    site.write("openings/a.md", POSTING.format(title="A posting", tag="X"))
    site.build()
    page = site.page("openings/")
    assert page.select_one("h1").get_text(strip=True).startswith("Work with us")
    texts = [p.get_text() for p in page.select(".md-content p")]
    assert texts.index("Intro.") < texts.index("Outro.")
    assert card_titles(page) == ["A posting"]


def test_non_ascii_and_colliding_tags_get_distinct_pages(make_site):
    site = make_site()
    for i, tag in enumerate(["Maschinelles Lernen", "Bio-informatique", "C++", "C"]):
        site.write(f"openings/p{i}.md", POSTING.format(title=f"P{i}", tag=f'"{tag}"'))
    site.build()
    for slug, title in [
        ("maschinelles-lernen", "P0"),
        ("bio-informatique", "P1"),
        ("c-plus-plus", "P2"),
        ("c", "P3"),
    ]:
        assert card_titles(site.page(f"openings/tags/{slug}/")) == [title]


def test_unknown_marker_attribute_is_a_warning_naming_the_page(make_site):
    site = make_site()
    site.write("join.md", '# Join\n\n<!-- postings colour="red" -->\n')
    result = site.run_mkdocs("--strict")
    assert result.returncode != 0
    assert "join.md: <!-- postings colour= -->: unknown attribute" in result.stderr


def test_listings_follow_add_rename_delete_between_builds_in_one_process(make_site):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = make_site()
    site.write("openings/a.md", POSTING.format(title="Alpha", tag="T"))
    site.write("openings/b.md", POSTING.format(title="Beta", tag="T"))
    config_file = site.write_config()

    def rebuild():
        config = load_config(str(config_file), strict=True, site_dir=str(site.out))
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)
        return sorted(card_titles(site.page("openings/"))), sorted(
            card_titles(site.page("openings/tags/t/"))
        )

    assert rebuild() == (["Alpha", "Beta"], ["Alpha", "Beta"])
    site.write("openings/c.md", POSTING.format(title="Gamma", tag="T"))  # add
    assert rebuild() == (["Alpha", "Beta", "Gamma"], ["Alpha", "Beta", "Gamma"])
    (site.docs / "openings/b.md").rename(site.docs / "openings/b2.md")  # rename
    site.write("openings/b2.md", POSTING.format(title="Beta renamed", tag="T"))
    assert rebuild() == (["Alpha", "Beta renamed", "Gamma"], ["Alpha", "Beta renamed", "Gamma"])
    (site.docs / "openings/a.md").unlink()  # delete
    assert rebuild() == (["Beta renamed", "Gamma"], ["Beta renamed", "Gamma"])


def test_coexists_with_material_tags_and_blog(make_site):
    site = make_site()
    site.config["plugins"] = [
        "search",
        "tags",
        {"blog": {"blog_dir": "blog"}},
        {"postings": {"timezone": "Europe/Zurich"}},
    ]
    site.write("blog/index.md", "# Blog\n")
    site.write("blog/posts/hello.md", "---\ndate: 2026-11-01\ntags: [News]\n---\n# Hello\n\nHi.\n")
    site.write("about.md", "---\ntags: [News]\n---\n# About\n")
    site.write("openings/a.md", POSTING.format(title="A posting", tag="NLP"))
    site.build()
    assert card_titles(site.page("openings/tags/nlp/")) == ["A posting"]
    assert (site.out / "blog/2026/11/01/hello/index.html").exists()
    about = site.page("about/")
    assert [a.get_text(strip=True) for a in about.select(".md-tag")] == ["News"]
    posting = site.page("openings/a/")
    assert [a.get_text(strip=True) for a in posting.select(".md-tag")] == ["NLP"]


def test_a_posting_of_several_kinds_shows_each_on_cards_filters_facts_and_outputs(make_site):
    import json

    site = make_site()
    site.write(
        "openings/ice.md",
        "---\ntitle: Ice sheets\nposting:\n  type: [phd, internship]\n  deadline: 2027-01-31\n"
        "  apply: mailto:jobs@example.org\n---\nModel the ice.\n",
    )
    site.write(
        "openings/soil.md",
        "---\ntitle: Soil carbon\nposting:\n  type: postdoc\n  deadline: 2027-01-31\n"
        "  apply: mailto:jobs@example.org\n---\nMeasure the soil.\n",
    )
    # a migrated page without posting.type whose title offers two kinds
    site.write("openings/rivers.md", "---\ntitle: PhD and Postdoc positions on rivers\n---\nx\n")
    site.write("embed.md", '# Internships\n\n<!-- postings type="internship" -->\n')
    site.build(strict=False)  # the migrated page has no deadline: a warning

    cards = {
        card.select_one(".postings-card-title").get_text(strip=True): card
        for card in site.page("openings/").select(".postings-card")
    }
    ice, rivers = cards["Ice sheets"], cards["PhD and Postdoc positions on rivers"]
    assert ice["data-type"] == "phd internship"
    assert rivers["data-type"] == "phd postdoc"
    assert [b.get_text(strip=True) for b in ice.select(".postings-badge--type")] == [
        "PhD position",
        "Internship",
    ]
    chips = site.page("openings/").select(
        '.postings-filter-group[data-filter="type"] .postings-chip'
    )
    assert [chip["data-value"] for chip in chips] == ["", "internship", "phd", "postdoc"]
    assert card_titles(site.page("embed/")) == ["Ice sheets"]  # matched by its second kind

    page = site.page("openings/ice/")
    assert page.select_one(".postings-posting")["data-type"] == "phd internship"
    fact = page.select_one(".postings-fact--type dd").get_text(strip=True)
    assert fact == "PhD position, Internship"
    (script,) = page.select('script[type="application/ld+json"]')
    assert json.loads(script.string)["employmentType"] == ["FULL_TIME", "TEMPORARY", "INTERN"]

    listing = json.loads((site.out / "openings/postings.json").read_text(encoding="utf-8"))
    records = {record["title"]: record for record in listing["postings"]}
    assert (records["Ice sheets"]["type"], records["Ice sheets"]["types"]) == (
        "phd",
        ["phd", "internship"],
    )
    assert records["Soil carbon"]["types"] == ["postdoc"]
    assert records["PhD and Postdoc positions on rivers"]["types"] == ["phd", "postdoc"]
