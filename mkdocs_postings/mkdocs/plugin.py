"""The MkDocs adapter: maps MkDocs' build events onto the core. Wiring only.

Order of a build (MkDocs 1.6): on_config resets per-build state; on_files finds and validates
postings (each file parsed once, cached across ``mkdocs serve`` rebuilds) and adds the virtual
pages; on_page_* prepare posting pages; on_env wraps them all in one pass (notice, facts,
buttons; each card rendered once; JSON-LD but its description) and sets up the build's
``Board`` (every listing ordered once); on_page_context leaves a slot where a listing goes (so
search does not index listings); on_post_page fills the slots and adds head tags and the
JSON-LD with the body; on_post_build writes the board's feed, calendar and JSON.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_datetime, get_relative_url
from mkdocs.utils.templates import TemplateContext

from mkdocs_postings.body.complete import complete_from_body
from mkdocs_postings.mkdocs.config import PostingsConfig
from mkdocs_postings.mkdocs.pages import GeneratedPage, add_generated_pages, generated_clashes
from mkdocs_postings.mkdocs.scan import (
    Scanner,
    SiteUrls,
    claim_url,
    organization_of,
    read_settings,
    sources_of,
)
from mkdocs_postings.mkdocs.theme import (
    ASSETS,
    CSS_URI,
    JS_URI,
    add_assets,
    theme_has,
    without_dangling_toc_label,
    without_draft_marker,
)
from mkdocs_postings.model import Posting, PostingType, Problem
from mkdocs_postings.publishing.board import Board, Outputs
from mkdocs_postings.publishing.feeds import write_outputs
from mkdocs_postings.publishing.labels import Labels
from mkdocs_postings.publishing.listing import (
    MARKER,
    Tag,
    base_slug,
    parse_marker,
    tag_index,
    tag_key,
)
from mkdocs_postings.publishing.render import (
    ListingRenderer,
    PostingView,
    Renderer,
    TagLink,
    generated_title,
    heading_level_before,
    posting_view,
    theme_meta,
)
from mkdocs_postings.publishing.structured_data import (
    JsonLdScript,
    job_posting,
    json_ld_without_description,
)
from mkdocs_postings.reading.collect import Collected
from mkdocs_postings.reading.unfinished import checks_at
from mkdocs_postings.reading.validate import duplicate_references
from mkdocs_postings.sources.gather import (
    SourcePosting,
    gather,
)
from mkdocs_postings.text import one_line

__all__ = ["PostingsPlugin"]

log = get_plugin_logger(__name__)

_TYPES = tuple(t.value for t in PostingType)


def _report(problem: Problem) -> None:
    """A posting's problem as a warning (``--strict`` fails on it), a note as an info line."""
    if problem.level == "info":
        log.info(str(problem))
    else:
        log.warning(str(problem))


class PostingsPlugin(BasePlugin[PostingsConfig]):
    """Job postings for lab sites: posting pages, cards, tag pages, feeds."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.scanner = Scanner()  # its parse cache survives `mkdocs serve` rebuilds

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds, so the
        # parse cache survives; everything per-build is reset in on_config.
        return None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.now = get_build_datetime()
        self.settings = read_settings(self.config, config.theme)
        for problem in self.settings.warnings:
            log.warning(str(problem))
        self.labels = Labels(self.settings.language, self.config.labels)
        custom_dir = config.theme.custom_dir
        self.renderer = Renderer(self.labels, [custom_dir] if custom_dir else [])
        self.listings = ListingRenderer(self.renderer)
        self.organization = organization_of(self.config, config)
        self.sources, self.fetching = sources_of(self.config, config)
        # On a site that gathers other sites' listings, every card names its source.
        self.own_source = (base_slug(config.site_name), config.site_name)
        add_assets(config)
        self._reset()
        return config

    def _reset(self) -> None:
        """Forget the previous build's postings and pages (``mkdocs serve`` rebuilds)."""
        self.postings: dict[str, Collected] = {}
        self.drafts: dict[str, Collected] = {}  # shown by `mkdocs serve` only, on no listing
        self.views: dict[str, PostingView] = {}
        self.page_urls: dict[str, str] = {}
        self.generated: dict[str, GeneratedPage] = {}
        self.tags: dict[str, Tag] = {}
        self.tag_urls: dict[str, str] = {}
        self.pending: dict[str, list[str]] = {}  # page -> its listings, until on_post_page
        # posting page -> (its content, where the body starts and ends), until on_post_page
        self.wrapped: dict[str, tuple[str, int, int]] = {}
        # posting page -> (its content, body start and end, the body) while search indexes
        self.hidden: dict[str, tuple[str, int, int, str]] = {}
        self.to_wrap: list[Page] = []  # posting pages, wrapped in on_env
        self.json_ld: dict[str, JsonLdScript] = {}  # open posting page -> its JSON-LD
        self.remote: list[SourcePosting] = []  # postings from other sites' listings
        self.site_urls: SiteUrls | None = None  # every page and file, for apply links

    # ------------------------------------------------------------------ files

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        with _collector_paused():
            self._collect(files)
        for problem in duplicate_references(c.posting for c in self.postings.values()):
            log.warning(str(problem))
        self._gather(files, config)
        self.tags = tag_index(
            [c.posting for c in self.postings.values()] + [r.posting for r in self.remote]
        )
        index, tags_dir = self.config.index, self.config.tags_dir
        clashes = generated_clashes(
            files, config, index=index, tags_dir=tags_dir, tags=self.tags, postings=self.postings
        )
        if clashes:
            raise PluginError(str(clashes[0]))
        self.generated = add_generated_pages(
            files, config, index=index, tags_dir=tags_dir, tags=self.tags
        )
        for key, tag in self.tags.items():
            tag_file = files.get_file_from_path(f"{self.config.tags_dir}/{tag.slug}.md")
            if tag_file is not None:
                self.tag_urls[key] = tag_file.url
        for uri in (CSS_URI, JS_URI):
            files.append(File.generated(config, uri, abs_src_path=str(ASSETS / Path(uri).name)))
        if config.site_url:  # a relative Apply link must lead to one of them
            self.site_urls = SiteUrls(config.site_url, files)
        return files

    def _collect(self, files: Files) -> None:
        """Read and validate every posting file; stop at the first that cannot be published."""
        urls: dict[str, str] = {}
        for scanned in self.scanner.scan(files, self.settings):
            if scanned.error is not None:
                raise PluginError(str(scanned.error))
            collected, file = scanned.collected, scanned.file
            if collected is None:
                continue
            for problem in collected.warnings:
                _report(problem)
            if collected.posting.draft:
                file.inclusion = InclusionLevel.DRAFT  # like Hugo: built by `serve` only
                self.drafts[file.src_uri] = collected
                continue
            clash = claim_url(file, urls)
            if clash is not None:
                raise PluginError(str(clash))
            self.postings[file.src_uri] = collected
            if not self.config.postings_in_nav:
                file.inclusion = InclusionLevel.NOT_IN_NAV

    def _gather(self, files: Files, config: MkDocsConfig) -> None:
        """Read the other sites' listings (``sources``), leaving out postings this site has."""
        if not self.sources:
            return
        own_urls = [
            urljoin(config.site_url, file.url)
            for file in map(files.get_file_from_path, self.postings)
            if file is not None and config.site_url
        ]
        gathered = gather(
            self.sources,
            self.fetching,
            now=self.now,
            defaults=self.settings.defaults,
            known_urls=own_urls,
        )
        for problem in gathered.problems:
            log.warning(str(problem))
        for note in gathered.notes:
            log.info(one_line(note))
        self.remote = gathered.postings

    # ------------------------------------------------------------------ pages

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        src = page.file.src_uri
        kept = self.drafts if src in self.drafts else self.postings
        collected = kept.get(src)
        if collected is None:
            return None
        body = collected.front_matter.body
        kept[src] = self.scanner.hand_over_body(collected)  # MkDocs keeps the body
        # The plugin has read the front matter; a leading blank line stops MkDocs from
        # reading it again (it would drop TOML and broken YAML silently anyway).
        return "\n" + body

    @event_priority(100)  # before other plugins (Material's tags) read page.meta
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        src = page.file.src_uri
        if src in self.generated:
            page.meta["title"] = str(escape(self._generated_title(self.generated[src])))
            return None
        collected = self.postings.get(src) or self.drafts.get(src)
        if collected is None:
            return None
        meta = theme_meta(collected.posting, collected.front_matter.meta)
        template = meta.get("template")
        if "template" in meta and not theme_has(config, template):  # `template:` empty too
            # Migrated files name their old generator's layouts (template: post.html).
            log.info(
                one_line(f"{src}: template: {template!r} is not in the theme; using the default")
            )
            del meta["template"]
        page.meta = meta
        return None

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if page.file.src_uri in self.postings or page.file.src_uri in self.drafts:
            # Wrapped in on_env, all posting pages in one pass: the same templates and
            # labels serve them one after another, not between two Markdown conversions
            # (which made the same work about twice as slow on large sites).
            self.to_wrap.append(page)
        return None

    def _wrap(self, page: Page) -> None:
        """Complete a posting from its body; put notice, facts and buttons around the body;
        render its card."""
        src = page.file.src_uri
        html = page.content or ""
        if src in self.drafts:  # `mkdocs serve`: the page as it will be, under a notice
            posting = complete_from_body(self.drafts[src].posting, html)[0]
            page.content = "".join(
                self.renderer.posting_page_parts(self._view(posting, page.url), html)
            )
            return
        collected = self.postings[src]
        had_summary = bool(collected.posting.summary)
        posting, _, problems = complete_from_body(
            collected.posting, html, page_url=page.canonical_url, site_urls=self.site_urls
        )
        problems += checks_at(posting, self.now, self.config.closing_soon_days)
        for problem in problems:
            _report(problem)
        if posting.type_read_from:
            where, words = posting.type_read_from
            kinds = ", ".join(kind.value for kind in posting.types)
            log.info(one_line(f"{src}: posting.type: {kinds}, read from the {where} ({words!r})"))
        if posting.summary and not had_summary and not page.meta.get("description"):
            page.meta["description"] = str(escape(posting.summary))
        view = self._view(posting, page.url)
        before, body, after = self.renderer.posting_page_parts(view, html)
        # The card is rendered once, now; tag links in it are root-relative (see `place`).
        card_tags = self._tag_links(posting, None)
        source = self.own_source if self.sources else None
        self.listings.add_card(replace(view, tags=card_tags), page.file.url, source=source)
        # Kept until the build ends: the view without what only the page and card show
        # (fewer live objects: less memory, cheaper garbage collection over the build).
        self.views[src] = replace(view, facts=(), tags=())
        self.page_urls[src] = page.canonical_url or page.url
        if self.config.structured_data:
            data = job_posting(
                posting,
                description_html="",  # the body, put in when the page is written
                url=page.canonical_url,
                organization=self.organization,
                now=self.now,
                closing_soon_days=self.config.closing_soon_days,
            )
            if data is not None:
                self.json_ld[src] = json_ld_without_description(data)
        page.content = content = before + body + after
        self.wrapped[src] = (content, len(before), len(before) + len(body))

    def _view(self, posting: Posting, base_url: str | None) -> PostingView:
        """The posting at build time, tag links relative to ``base_url`` (None: to the root)."""
        return posting_view(
            posting,
            now=self.now,
            closing_soon_days=self.config.closing_soon_days,
            labels=self.labels,
            tags=self._tag_links(posting, base_url),
            employer=self.organization.name,
        )

    def _tag_links(self, posting: Posting, base_url: str | None) -> list[TagLink]:
        """Links to the posting's tag pages, relative to ``base_url`` (None: root-relative)."""
        links = []
        for name in posting.tags:
            key = tag_key(name)
            target = self.tag_urls.get(key)
            if target is not None:
                url = target if base_url is None else get_relative_url(target, base_url)
                links.append(TagLink(name, self.tags[key].slug, url))
        return links

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> None:
        with _collector_paused():
            for page in self.to_wrap:
                self._wrap(page)
        self.to_wrap = []
        for remote in self.remote:  # a card each, linking to the posting on its own site
            view = self._view(remote.posting, None)
            self.listings.add_card(view, remote.url, source=remote.source, elsewhere=True)
            self.views[remote.posting.src] = replace(view, facts=(), tags=())
        sources = {src: self.own_source for src in self.postings} if self.sources else {}
        sources.update((r.posting.src, r.source) for r in self.remote)
        # Every posting page's content and card are known now: order every listing once
        # (statuses and dates are computed once per posting per build).
        self.board = Board(
            self.views.values(),
            self.tags,
            self.labels,
            closed=self.config.closed,
            outputs=Outputs(self.config.feed, self.config.calendar, self.config.json),
            sources=sources,
            elsewhere=[r.posting.src for r in self.remote],
        )
        return None

    @event_priority(100)  # before the search plugin indexes the page
    def _search_sees_the_body(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        # Search indexes what the lab wrote, not the notice, facts and buttons around it:
        # results then quote the posting's text, and the index is built at the cost of the
        # body alone. The full content is back before the theme renders the page.
        wrapped = self.wrapped.get(page.file.src_uri)
        if wrapped is not None and page.content is wrapped[0]:  # no one else changed it
            content, start, end = wrapped
            page.content = content[start:end]
            self.hidden[page.file.src_uri] = (content, start, end, page.content)
        return None

    @event_priority(-100)  # after the search plugin
    def _theme_sees_everything(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        hidden = self.hidden.pop(page.file.src_uri, None)
        if hidden is None:
            return None
        content, start, end, body = hidden
        if page.content is not body:  # search changed it (Material drops data-search-*)
            body = page.content or ""
            content = content[:start] + body + content[end:]
            self.wrapped[page.file.src_uri] = (content, start, start + len(body))
        page.content = content
        return None

    @event_priority(50)  # before search: it indexes the page with slots for its listings
    def _fill_listings(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        # Listings go in as placeholders, filled in on_post_page: the page's content stays
        # small for the search plugin (a listing repeats every posting's card: indexed, it
        # would make every query match the cards page and every tag page, and cost more than
        # the rest of the index at a few thousand postings) and for memory (MkDocs keeps every
        # page's content until the build ends; the filled output is written and dropped).
        src = page.file.src_uri
        listings: list[str] = []
        original = page.content or ""
        content = original
        generated = self.generated.get(src)
        if generated is not None:
            content = self._generated_content(generated, page, listings)
        elif src == self.config.index and "<!-- postings" not in content:
            content += "\n<!-- postings -->"
        if "<!-- postings" in content:
            is_cards_page = src == self.config.index

            def hold(match: re.Match[str]) -> str:
                under = heading_level_before(content, match.start())
                listings.append(self._marker(match.group("attrs"), src, is_cards_page, under))
                return _listing_slot(len(listings) - 1)

            content = MARKER.sub(hold, content)
        if content is not original:
            page.content = content
        if listings:
            self.pending[src] = listings
        return None

    on_page_context = CombinedEvent(_search_sees_the_body, _fill_listings, _theme_sees_everything)

    def _marker(self, attrs: str, src: str, is_cards_page: bool, under: int) -> str:
        query, problems = parse_marker(attrs, src=src, known_types=_TYPES)
        for problem in problems:
            log.warning(str(problem))
        if is_cards_page and not attrs.strip():
            query = self.board.cards_page_query()
        return self.board.listing(query, self.listings, under=under)

    def _generated_title(self, generated: GeneratedPage) -> str:
        return generated_title(generated.kind, generated.tag, self.labels)

    def _generated_content(self, generated: GeneratedPage, page: Page, listings: list[str]) -> str:
        """A generated page's content; its listing goes into ``listings``, a slot in its place."""
        title = self._generated_title(generated)
        if generated.kind == "tag" and generated.tag is not None:
            listings.append(self.board.tag_page(generated.tag, self.listings))
            body = _listing_slot(len(listings) - 1)
        elif generated.kind == "tags":
            entries = self.board.tag_index(
                lambda tag: get_relative_url(self.tag_urls[tag_key(tag.name)], page.url)
            )
            body = self.renderer.render("tag_index.html", tags=entries)
        else:
            body = "<!-- postings -->"
        return self.renderer.render("page.html", title=title, content=Markup(body))

    # ------------------------------------------------------------------ output

    @event_priority(100)  # first: a minifier must not drop the listing slots (comments)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        for number, listing in enumerate(self.pending.pop(page.file.src_uri, ())):
            output = output.replace(
                _listing_slot(number), self.listings.place(listing, page.url), 1
            )
        view = self.views.get(page.file.src_uri)
        if view is not None and page.file.inclusion is InclusionLevel.NOT_IN_NAV:
            output = without_dangling_toc_label(output)
        if page.file.src_uri in self.drafts:
            output = without_draft_marker(output)
        head_end = output.find("</head>")
        if head_end < 0:
            return output
        wrapped = self.wrapped.pop(page.file.src_uri, None)
        script = self.json_ld.pop(page.file.src_uri, None)
        json_ld = self._json_ld(script, page, wrapped) if script is not None else ""
        tags = self.renderer.render(
            "head.html",
            view=view,
            noindex=view is not None and view.status.is_past and self.config.noindex_closed,
            has_description=output.find('<meta name="description"', 0, head_end) >= 0,
            canonical=page.canonical_url,
            feed_url=get_relative_url(self.config.feed, page.url) if self.config.feed else None,
            json_ld=Markup(json_ld),
        )
        return output[:head_end] + tags + output[head_end:]  # not searched for again

    def _json_ld(
        self, script: JsonLdScript, page: Page, wrapped: tuple[str, int, int] | None
    ) -> str:
        # The description goes in now, not in on_env, so that no page holds its JSON-LD (a
        # second copy of its body) from then until now: MkDocs reads every page before
        # rendering any. The rest of the JobPosting was written in on_env.
        description = page.content or ""
        if wrapped is not None and description is wrapped[0]:
            description = description[wrapped[1] : wrapped[2]]  # the body the lab wrote
        return script.with_description(description)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        with _collector_paused():  # the feed, the calendar and the JSON listing
            files = self.board.files(
                lambda posting: self.page_urls.get(posting.src, ""),
                site_url=config.site_url or "",
                site_name=config.site_name,
                author=self.organization.name,
            )
            write_outputs(config.site_dir, files)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one of the plugin's batch passes.

    A pass over every posting makes many short-lived objects; each few hundred of them set
    off a collection, and some of those walk every object the build holds (all pages, once
    MkDocs has read them). The passes make no reference cycles, so reference counting frees
    what they drop; the collector runs again, as before, once a pass is done.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _listing_slot(number: int) -> str:
    """Where a page's listing number ``number`` goes; MARKER does not match it."""
    return f"<!-- postings-listing-slot {number} -->"
