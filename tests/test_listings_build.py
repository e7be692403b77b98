"""Cards page, embedded listings and tag pages in real builds."""

from __future__ import annotations

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
