"""The board: one build's postings together, as both adapters list them."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup
from test_listing import NOW, POSTINGS, make, names

from mkdocs_postings.publishing.board import Board, Outputs
from mkdocs_postings.publishing.labels import Labels
from mkdocs_postings.publishing.listing import ListingQuery, tag_index
from mkdocs_postings.publishing.render import ROOT, ListingRenderer, Renderer, posting_view

LABELS = Labels("en")
OUTPUTS = Outputs("openings/feed.xml", "openings/deadlines.ics", "openings/postings.json")


def board(postings=POSTINGS, *, closed="archive", outputs=OUTPUTS):
    views = [posting_view(p, now=NOW, closing_soon_days=14, labels=LABELS) for p in postings]
    cards = ListingRenderer(Renderer(LABELS))
    for view in views:
        cards.add_card(view, view.posting.src.removesuffix(".md") + "/")
    return Board(views, tag_index(postings), LABELS, closed=closed, outputs=outputs), cards


def card_names(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [card.select_one("a")["href"].split("/")[-2] for card in soup.select(".postings-card")]


def test_postings_are_ordered_once_open_soonest_first_then_past():
    b, _ = board()
    assert names(b.ordered) == ["soon", "late", "rolling", "filled", "past", "older-past"]


def test_the_cards_page_lists_everything_with_filters_and_links_to_feed_and_calendar():
    b, cards = board()
    html = b.listing(b.cards_page_query(), cards)
    soup = BeautifulSoup(html, "html.parser")
    assert card_names(html) == ["soon", "late", "rolling", "filled", "past", "older-past"]
    assert soup.select(".postings-filters")
    hrefs = [a["href"] for a in soup.find_all("a", href=True)]
    assert ROOT + "openings/feed.xml" in hrefs
    assert ROOT + "openings/deadlines.ics" in hrefs


def test_an_embedded_listing_has_neither_filters_nor_feed_links_and_no_output_switched_off():
    b, cards = board(outputs=Outputs("", "openings/deadlines.ics", ""))
    embedded = BeautifulSoup(b.listing(ListingQuery(tag="NLP"), cards), "html.parser")
    assert card_names(str(embedded)) == ["late", "rolling"]  # open only (closed="hide")
    assert not embedded.select(".postings-filters")
    cards_page = BeautifulSoup(b.listing(b.cards_page_query(), cards), "html.parser")
    hrefs = [a["href"] for a in cards_page.find_all("a", href=True)]
    assert ROOT + "openings/feed.xml" not in hrefs
    assert ROOT + "openings/deadlines.ics" in hrefs


def test_the_tag_index_counts_what_each_tag_page_lists_under_each_policy():
    for closed, expected in (("archive", 3), ("hide", 2), ("keep", 3)):
        b, cards = board(closed=closed)
        (entry,) = b.tag_index(lambda tag: f"tags/{tag.slug}/")
        assert entry == {"name": "NLP", "slug": "nlp", "count": expected, "url": "tags/nlp/"}
        assert len(card_names(b.tag_page(b.tags["nlp"], cards))) == expected


def test_the_tag_index_is_sorted_by_name_whatever_the_case():
    postings = [make("a", rolling=True, tags=["zeta", "Alpha", "beta"])]
    b, _ = board(postings)
    assert [e["name"] for e in b.tag_index(lambda tag: "")] == ["Alpha", "beta", "zeta"]


def test_published_files_list_postings_by_path_with_the_given_urls():
    b, _ = board()
    files = dict(
        b.files(
            lambda p: "https://lab.example.org/" + p.src.removesuffix(".md") + "/",
            site_url="https://lab.example.org/",
            site_name="Lab",
            author="University",
        )
    )
    assert sorted(files) == sorted(
        ["openings/feed.xml", "openings/deadlines.ics", "openings/postings.json"]
    )
    listed = json.loads(files["openings/postings.json"])
    records = listed["postings"] if isinstance(listed, dict) else listed
    assert [r["url"].split("/")[-2] for r in records] == sorted(names(POSTINGS))
    assert "<title>Lab: Openings</title>" in files["openings/feed.xml"]
