"""Listings as pure functions: order, closed policies, markers, tag slugs."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
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
