"""One build of a site's postings: the sequence every adapter runs, written once.

The MkDocs plugin, the Sphinx extension and the ``check``/``list`` commands each make one
``Build`` per build and call its steps from their own events; what differs between them is
only where files, bodies and URLs come from. The steps, in order:

1. read: the adapter finds the posting files and reads each with ``reading.collect``;
2. ``complete``: each posting completed from its rendered body (``body.complete``: Apply
   target, summary, type, a deadline or "open until filled" stated in the text), then checked
   at the build's "now" (``check``: open but no way to apply, past by its age);
3. ``across``: what only all postings together tell (two postings with one reference);
4. ``gather``: other sites' postings (the ``sources`` option), leaving out this site's own;
5. ``index_tags``: the tags of both, each with its slug (the adapter makes their pages);
6. ``view`` and ``add``: each posting at "now" and its card; ``add_sourced`` for the others;
   ``json_ld`` when its page is written;
7. ``finish``: the ``Board``, every listing ordered once;
8. ``files``: the feed, the calendar and the JSON listing.

Sphinx completes a posting when it reads the document (step 2 without the check, which runs
in ``check`` once "now" is known), so incremental builds keep completed postings.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import replace
from datetime import datetime

from mkdocs_postings.body.complete import complete_from_body
from mkdocs_postings.model import Posting, Problem
from mkdocs_postings.options import Settings
from mkdocs_postings.publishing.board import Board, Outputs
from mkdocs_postings.publishing.listing import Tag, base_slug, tag_index, tag_key
from mkdocs_postings.publishing.render import (
    ListingRenderer,
    PostingView,
    Renderer,
    TagLink,
    posting_view,
)
from mkdocs_postings.publishing.structured_data import job_posting, json_ld_script
from mkdocs_postings.reading.unfinished import checks_at
from mkdocs_postings.reading.validate import duplicate_references
from mkdocs_postings.sources.gather import Gathered, SourcePosting, gather

__all__ = ["Build", "read_body"]


def read_body(
    posting: Posting,
    html: str,
    *,
    page_url: str | None = None,
    site_urls: Container[str] | None = None,
) -> tuple[Posting, list[Problem]]:
    """Step 2 without the clock: the posting completed from its rendered body, with every
    warning and note about it (a type read from the text is a note)."""
    completed, _, problems = complete_from_body(
        posting, html, page_url=page_url, site_urls=site_urls
    )
    if completed.type_read_from:
        where, words = completed.type_read_from
        kinds = ", ".join(kind.value for kind in completed.types)
        problems.append(
            Problem(
                completed.src, "posting.type", f"{kinds}, read from the {where} ({words!r})", "info"
            )
        )
    return completed, problems


class Build:
    """One build's postings, from the first completed posting to the last file written.

    ``now`` is the build's moment (every status is computed at it); ``settings`` the site's
    options (``options.settings_from``). The publishing steps (``view`` and after) need a
    ``renderer``; ``check`` and ``list`` use the steps before them only.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        now: datetime,
        site_name: str,
        renderer: Renderer | None = None,
    ) -> None:
        self.settings = settings
        self.now = now
        self.site_name = site_name
        self.listings = ListingRenderer(renderer) if renderer is not None else None
        self.own_site = (base_slug(site_name), site_name)
        """This site as the source filter names it, on a site that gathers others."""
        self.sourced: list[SourcePosting] = []
        self.tags: dict[str, Tag] = {}
        self.views: dict[str, PostingView] = {}
        """Every published posting's view at ``now`` by ``src``, without what only its page
        and card show (kept until the build ends: fewer live objects)."""
        self.board: Board | None = None

    @property
    def gathers(self) -> bool:
        """Whether the site has sources: then every card names its site."""
        return bool(self.settings.sources)

    # ------------------------------------------------------------------ reading

    def complete(
        self,
        posting: Posting,
        html: str,
        *,
        page_url: str | None = None,
        site_urls: Container[str] | None = None,
    ) -> tuple[Posting, list[Problem]]:
        """Step 2: the posting completed from its body and checked at ``now``."""
        completed, problems = read_body(posting, html, page_url=page_url, site_urls=site_urls)
        return completed, problems + self.check(completed)

    def check(self, posting: Posting) -> list[Problem]:
        """What is wrong with a completed posting at ``now`` (open with no way to apply, past
        by its age)."""
        return checks_at(posting, self.now, self.settings.closing_soon_days)

    def across(self, postings: Iterable[Posting]) -> list[Problem]:
        """Step 3: what only the published postings together tell."""
        return duplicate_references(postings)

    def gather(self, known_urls: Iterable[str] = ()) -> Gathered:
        """Step 4: other sites' postings (the ``sources`` option), leaving out those at
        ``known_urls`` (this site's own posting pages); its problems and notes are the
        adapter's to report."""
        settings = self.settings
        if not settings.sources:
            return Gathered()
        gathered = gather(
            settings.sources,
            settings.fetching,
            now=self.now,
            defaults=settings.defaults,
            known_urls=known_urls,
        )
        self.sourced = gathered.postings
        return gathered

    def index_tags(self, postings: Iterable[Posting]) -> dict[str, Tag]:
        """Step 5: every tag of ``postings`` and of the sources' postings, with its slug."""
        self.tags = tag_index([*postings, *(item.posting for item in self.sourced)])
        return self.tags

    # ------------------------------------------------------------------ publishing

    def view(self, posting: Posting, tags: Sequence[TagLink] = ()) -> PostingView:
        """Step 6: the posting at ``now``, with links to its tag pages."""
        return posting_view(
            posting,
            now=self.now,
            closing_soon_days=self.settings.closing_soon_days,
            labels=self.settings.labels,
            tags=tags,
            employer=self.settings.organization.name,
        )

    def tag_links(self, posting: Posting, url_of: Callable[[Tag], str | None]) -> list[TagLink]:
        """Links to the posting's tag pages; ``url_of`` gives a tag page's URL (None: none)."""
        links = []
        for name in posting.tags:
            tag = self.tags.get(tag_key(name))
            url = url_of(tag) if tag is not None else None
            if tag is not None and url is not None:
                links.append(TagLink(name, tag.slug, url))
        return links

    def add(self, view: PostingView, url: str) -> None:
        """Step 6: a published posting's card (``url`` and the view's tag links
        root-relative); the view is kept for the listings."""
        assert self.listings is not None, "a Build made without a renderer does not publish"
        self.listings.add_card(view, url, source=self.own_site if self.gathers else None)
        self.views[view.posting.src] = replace(view, facts=(), tags=())

    def add_sourced(self, url_of: Callable[[Tag], str | None]) -> None:
        """Step 6 for the sources' postings: a card each, linking to its own site's page."""
        assert self.listings is not None, "a Build made without a renderer does not publish"
        for item in self.sourced:
            view = self.view(item.posting, self.tag_links(item.posting, url_of))
            self.listings.add_card(view, item.url, source=item.source, elsewhere=True)
            self.views[item.posting.src] = replace(view, facts=(), tags=())

    def json_ld(self, posting: Posting, url: str | None, description_html: str) -> str:
        """The posting page's JSON-LD ``<script>`` at ``now``, its description the page's
        body; "" when it gets none (past, opted out, or the site turned it off)."""
        if not self.settings.structured_data:
            return ""
        data = job_posting(
            posting,
            description_html=description_html,
            url=url,
            organization=self.settings.organization,
            now=self.now,
            closing_soon_days=self.settings.closing_soon_days,
        )
        return json_ld_script(data) if data is not None else ""

    def finish(self) -> Board:
        """Step 7: every published posting together; every listing ordered once."""
        sites = {src: self.own_site for src in self.views} if self.gathers else {}
        sites.update((item.posting.src, item.source) for item in self.sourced)
        self.board = Board(
            self.views.values(),
            self.tags,
            self.settings.labels,
            closed=self.settings.closed,
            outputs=Outputs(self.settings.feed, self.settings.calendar, self.settings.json),
            sources=sites,
            elsewhere=[item.posting.src for item in self.sourced],
        )
        return self.board

    def files(
        self, page_url: Callable[[Posting], str], *, site_url: str
    ) -> list[tuple[str, str | bytes]]:
        """Step 8: the feed, the calendar and the JSON listing as ``(path, content)``;
        ``page_url`` gives a posting page's absolute URL."""
        assert self.board is not None, "files() comes after finish()"
        return self.board.files(
            page_url,
            site_url=site_url,
            site_name=self.site_name,
            author=self.settings.organization.name,
        )
