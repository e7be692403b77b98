"""One build's published postings seen together, for every page that lists them.

An adapter makes one ``Board`` per build once every posting's view (its status at build time)
is known; from then on the board answers what each listing shows: the order every listing
takes (computed once), each tag page's cards, the cards of a ``<!-- postings -->`` marker or a
``postings`` directive, the tag index with its counts, and the files published besides the
pages. Framework-free: the MkDocs plugin and the Sphinx extension share it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from mkdocs_postings.expiry import Status
from mkdocs_postings.model import Posting
from mkdocs_postings.publishing.feeds import site_outputs
from mkdocs_postings.publishing.labels import Labels
from mkdocs_postings.publishing.listing import (
    ListingQuery,
    Tag,
    order_postings,
    select,
    tag_key,
    tag_listings,
)
from mkdocs_postings.publishing.render import ROOT, ListingRenderer, PostingView, filter_groups

__all__ = ["Board", "Outputs"]


@dataclass(frozen=True)
class Outputs:
    """Where the site publishes its feed, calendar and JSON listing ("" switches one off)."""

    feed: str
    calendar: str
    json: str


class Board:
    """Every published posting of one build at one moment, ordered once for all listings."""

    def __init__(
        self,
        views: Iterable[PostingView],
        tags: Mapping[str, Tag],
        labels: Labels,
        *,
        closed: str,
        outputs: Outputs,
        sources: Mapping[str, tuple[str, str]] | None = None,
        elsewhere: Collection[str] = (),
    ) -> None:
        """``sources`` gives every posting's source as ``(slug, name)`` when the site gathers
        other sites' listings (a filter chip each); ``elsewhere`` are the ``src`` of postings
        published on another site (their ``src`` is their URL)."""
        views = list(views)
        self.sources = sources or {}
        self.elsewhere = frozenset(elsewhere)
        self.tags = tags
        self.labels = labels
        self.closed = closed
        self.outputs = outputs
        self.statuses: dict[str, Status] = {v.posting.src: v.status for v in views}
        self.ordered: list[Posting] = order_postings([v.posting for v in views], self.statuses)
        self._tag_listings = tag_listings(tags, self.ordered, self.statuses, closed)

    def cards_page_query(self) -> ListingQuery:
        """What the cards page lists: every posting per the ``closed`` policy, with filters."""
        return ListingQuery(closed=self.closed, filters=True)

    def listing(self, query: ListingQuery, cards: ListingRenderer, *, under: int = 1) -> str:
        """The HTML of a listing for ``query``; with filters (the cards page), its filter chips
        and links to the feed and the deadline calendar. Links are ROOT-relative; its headings
        go below a heading of level ``under``."""
        main, past = select(self.ordered, self.statuses, query)
        filters: list[dict[str, Any]] = []
        links: list[tuple[str, str, str]] = []  # (kind, href, text)
        if query.filters:
            filters = filter_groups(main + past, self.tags, self.labels, self.sources)
            for path, label in ((self.outputs.feed, "feed"), (self.outputs.calendar, "calendar")):
                if path:
                    links.append((label, ROOT + path, self.labels[label]))
        return cards.listing(
            main, past, closed=query.closed, filters=filters, links=links, under=under
        )

    def tag_listing(self, tag: Tag) -> tuple[list[Posting], list[Posting]]:
        """A tag page's ``(main, past)`` cards; the tag index counts exactly these."""
        return self._tag_listings.get(tag_key(tag.name), ([], []))

    def tag_page(self, tag: Tag, cards: ListingRenderer) -> str:
        """The HTML of one tag page's listing."""
        main, past = self.tag_listing(tag)
        return cards.listing(main, past, closed=self.closed)

    def tag_index(self, url_of: Callable[[Tag], str]) -> list[dict[str, Any]]:
        """The tag index's entries, by name: name, slug, count and ``url_of(tag)``."""
        return [
            {
                "name": tag.name,
                "slug": tag.slug,
                "count": sum(map(len, self.tag_listing(tag))),
                "url": url_of(tag),
            }
            for tag in sorted(self.tags.values(), key=lambda tag: tag.name.casefold())
        ]

    def files(
        self,
        page_url: Callable[[Posting], str],
        *,
        site_url: str,
        site_name: str,
        author: str,
    ) -> list[tuple[str, str | bytes]]:
        """The feed, the calendar and the JSON listing as ``(site-relative path, content)``,
        postings by file path; ``page_url`` gives a posting page's absolute URL (postings
        published elsewhere link to their own page, in the feed and calendar only)."""
        by_path = sorted(self.ordered, key=lambda posting: posting.src)
        own = [p for p in by_path if p.src not in self.elsewhere]
        elsewhere = [p for p in by_path if p.src in self.elsewhere]
        return site_outputs(
            ((posting, page_url(posting), self.statuses[posting.src]) for posting in own),
            elsewhere=((posting, posting.src, self.statuses[posting.src]) for posting in elsewhere),
            site_name=site_name,
            feed=self.outputs.feed,
            calendar=self.outputs.calendar,
            json_path=self.outputs.json,
            site_url=site_url,
            feed_title=f"{site_name}: {self.labels['openings_title']}",
            calendar_name=f"{site_name}: {self.labels['deadline']}",
            author=author,
            event_name=self.labels["calendar_event"],
        )
