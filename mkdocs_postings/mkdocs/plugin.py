"""The MkDocs adapter: maps MkDocs' build events onto the core's one build (``build.Build``).
Wiring only.

Order of a build (MkDocs 1.6): on_config makes this build's state (``_ThisBuild``); on_files
reads and validates the posting files (each parsed once, cached across ``mkdocs serve``
rebuilds), gathers the sources, indexes the tags and adds the generated pages; on_page_*
prepare posting pages; on_env completes them all in one pass (a slot each side of the body,
each card rendered once, the JSON-LD but its description) and makes the build's ``Board``;
on_page_context leaves a slot where a listing goes; on_post_page fills the slots and adds head
tags and the JSON-LD with the body; on_post_build writes the feed, calendar and JSON. Search
and other plugins see a page's content with its slots: the body the lab wrote, no more.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_datetime, get_relative_url
from mkdocs.utils.templates import TemplateContext

from mkdocs_postings import ASSETS
from mkdocs_postings.build import Build, read_body
from mkdocs_postings.mkdocs.config import PostingsConfig
from mkdocs_postings.mkdocs.pages import GeneratedPage, add_generated_pages, generated_clashes
from mkdocs_postings.mkdocs.scan import Scanner, SiteUrls, claim_url, read_settings
from mkdocs_postings.mkdocs.theme import (
    CSS_URI,
    JS_URI,
    add_assets,
    theme_has,
    without_dangling_toc_label,
    without_draft_marker,
)
from mkdocs_postings.model import TYPES, Posting, Problem
from mkdocs_postings.publishing.feeds import write_outputs
from mkdocs_postings.publishing.listing import MARKER, Tag, parse_marker, tag_key
from mkdocs_postings.publishing.render import (
    Renderer,
    TagLink,
    generated_title,
    heading_level_before,
    theme_meta,
)
from mkdocs_postings.reading.collect import Collected
from mkdocs_postings.text import one_line

__all__ = ["PostingsPlugin"]

log = get_plugin_logger(__name__)


def _report(problem: Problem) -> None:
    """A posting's problem as a warning (``--strict`` fails on it), a note as an info line."""
    if problem.level == "info":
        log.info(str(problem))
    else:
        log.warning(str(problem))


@dataclass
class _ThisBuild:
    """Everything one build keeps, from ``on_config`` to ``on_post_build``; ``mkdocs serve``
    starts a new one on every rebuild."""

    build: Build
    postings: dict[str, Collected] = field(default_factory=dict)
    """Published posting files by ``src_uri``, from ``on_files``."""
    drafts: dict[str, Collected] = field(default_factory=dict)
    """Drafts: shown by ``mkdocs serve`` only, on no listing."""
    generated: dict[str, GeneratedPage] = field(default_factory=dict)
    """The cards page, tag pages and tag index the plugin adds, by ``src_uri``."""
    tag_urls: dict[str, str] = field(default_factory=dict)
    """Each tag's page, root-relative, by tag key."""
    site_urls: SiteUrls | None = None
    """Every page and file, which a relative Apply link must lead to (with ``site_url``)."""
    to_wrap: list[Page] = field(default_factory=list)
    """Posting pages converted, completed in one pass in ``on_env``."""
    page_urls: dict[str, str] = field(default_factory=dict)
    """Each posting page's URL, for the feed, calendar and JSON listing."""
    around: dict[str, tuple[str, str]] = field(default_factory=dict)
    """What goes around a posting page's body (notice, facts, Apply; tags and the rest),
    into its slots when the page is written."""
    listings: dict[str, list[str]] = field(default_factory=dict)
    """Each page's listings, into their slots when the page is written."""


class PostingsPlugin(BasePlugin[PostingsConfig]):
    """Job postings for lab sites: posting pages, cards, tag pages, feeds."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.scanner = Scanner()  # its parse cache survives `mkdocs serve` rebuilds

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds, so the
        # parse cache survives; everything per build is in `self.this`, made in on_config.
        return None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.settings = settings = read_settings(self.config, config)
        for problem in settings.warnings:
            log.warning(str(problem))
        custom_dir = config.theme.custom_dir
        self.renderer = Renderer(settings.labels, [custom_dir] if custom_dir else [])
        add_assets(config)
        build = Build(
            settings, now=get_build_datetime(), site_name=config.site_name, renderer=self.renderer
        )
        self.this = _ThisBuild(build)
        return config

    # ------------------------------------------------------------------ files

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        this, build = self.this, self.this.build
        with _collector_paused():
            self._collect(files)
        for problem in build.across(c.posting for c in this.postings.values()):
            log.warning(str(problem))
        if self.settings.sources:
            own_urls = [
                urljoin(config.site_url, file.url)
                for file in map(files.get_file_from_path, this.postings)
                if file is not None and config.site_url
            ]
            gathered = build.gather(own_urls)
            for problem in gathered.problems:
                log.warning(str(problem))
            for note in gathered.notes:
                log.info(one_line(note))
        tags = build.index_tags(c.posting for c in this.postings.values())
        index, tags_dir = self.settings.index, self.settings.tags_dir
        clashes = generated_clashes(
            files, config, index=index, tags_dir=tags_dir, tags=tags, postings=this.postings
        )
        if clashes:
            raise PluginError(str(clashes[0]))
        this.generated = add_generated_pages(
            files, config, index=index, tags_dir=tags_dir, tags=tags
        )
        for key, tag in tags.items():
            tag_file = files.get_file_from_path(f"{tags_dir}/{tag.slug}.md")
            if tag_file is not None:
                this.tag_urls[key] = tag_file.url
        for uri in (CSS_URI, JS_URI):
            files.append(File.generated(config, uri, abs_src_path=str(ASSETS / Path(uri).name)))
        if config.site_url:  # a relative Apply link must lead to one of them
            this.site_urls = SiteUrls(config.site_url, files)
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
                self.this.drafts[file.src_uri] = collected
                continue
            clash = claim_url(file, urls)
            if clash is not None:
                raise PluginError(str(clash))
            self.this.postings[file.src_uri] = collected
            if not self.settings.in_nav:
                file.inclusion = InclusionLevel.NOT_IN_NAV

    # ------------------------------------------------------------------ pages

    def _collected(self, page: Page) -> tuple[Collected | None, bool]:
        """The page's posting, if it is one, and whether it is a draft."""
        src = page.file.src_uri
        if src in self.this.drafts:
            return self.this.drafts[src], True
        return self.this.postings.get(src), False

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        collected, draft = self._collected(page)
        if collected is None:
            return None
        body = collected.front_matter.body
        kept = self.this.drafts if draft else self.this.postings
        kept[page.file.src_uri] = self.scanner.hand_over_body(collected)  # MkDocs keeps it
        # The plugin has read the front matter; a leading blank line stops MkDocs from
        # reading it again (it would drop TOML and broken YAML silently anyway).
        return "\n" + body

    @event_priority(100)  # before other plugins (Material's tags) read page.meta
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        src = page.file.src_uri
        generated = self.this.generated.get(src)
        if generated is not None:
            title = generated_title(generated.kind, generated.tag, self.settings.labels)
            page.meta["title"] = str(escape(title))
            return None
        collected, _ = self._collected(page)
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
        if self._collected(page)[0] is not None:
            # Completed in on_env, all posting pages in one pass: the same templates and
            # labels serve them one after another, not between two Markdown conversions
            # (which made the same work about twice as slow on large sites).
            self.this.to_wrap.append(page)
        return None

    def _wrap(self, page: Page) -> None:
        """Complete a posting from its body; leave slots around the body for the notice,
        facts and buttons (search indexes the body alone); render its card."""
        this, build = self.this, self.this.build
        collected, draft = self._collected(page)
        assert collected is not None
        src, html = page.file.src_uri, page.content or ""
        if draft:  # `mkdocs serve`: the page as it will be, under a notice
            posting = read_body(collected.posting, html)[0]
        else:
            posting, problems = build.complete(
                collected.posting, html, page_url=page.canonical_url, site_urls=this.site_urls
            )
            for problem in problems:
                _report(problem)
            gave_summary = posting.summary and not collected.posting.summary
            if gave_summary and not page.meta.get("description"):  # from the body
                page.meta["description"] = str(escape(posting.summary))
        view = build.view(posting, self._tag_links(posting, page.url))
        before, body, after = self.renderer.posting_page_parts(view, html)
        # A theme that adds the page's <h1> unless the content has one (Material) must see
        # the one the plugin puts before the body: its slot names it.
        start = _BEFORE_BODY_H1 if "<h1" in before.lower() else _BEFORE_BODY
        page.content = start + body + _AFTER_BODY
        this.around[src] = (before, after)
        if draft:
            return
        # The card's tag links are root-relative (see ListingRenderer.place).
        build.add(replace(view, tags=self._tag_links(posting, None)), page.file.url)
        this.page_urls[src] = page.canonical_url or page.url

    def _tag_links(self, posting: Posting, base_url: str | None) -> list[TagLink]:
        """Links to the posting's tag pages, relative to ``base_url`` (None: root-relative)."""

        def url_of(tag: Tag) -> str | None:
            target = self.this.tag_urls.get(tag_key(tag.name))
            if target is None or base_url is None:
                return target
            return get_relative_url(target, base_url)

        return self.this.build.tag_links(posting, url_of)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> None:
        this = self.this
        with _collector_paused():
            for page in this.to_wrap:
                self._wrap(page)
        this.to_wrap = []
        # Every posting's card is known now: order every listing once (statuses and dates
        # are computed once per posting per build).
        this.build.add_sourced(lambda tag: this.tag_urls.get(tag_key(tag.name)))
        this.build.finish()
        return None

    @event_priority(50)  # before search: it indexes the page with slots for its listings
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        # Listings go in as slots, filled in on_post_page: the page's content stays small for
        # the search plugin (a listing repeats every posting's card: indexed, it would make
        # every query match the cards page and every tag page, and cost more than the rest of
        # the index at a few thousand postings) and for memory (MkDocs keeps every page's
        # content until the build ends; the filled output is written and dropped).
        src = page.file.src_uri
        listings: list[str] = []
        original = page.content or ""
        content = original
        generated = self.this.generated.get(src)
        if generated is not None:
            content = self._generated_content(generated, page, listings)
        elif src == self.settings.index and "<!-- postings" not in content:
            content += "\n<!-- postings -->"
        if "<!-- postings" in content:
            is_cards_page = src == self.settings.index

            def hold(match: re.Match[str]) -> str:
                under = heading_level_before(content, match.start())
                listings.append(self._marker(match.group("attrs"), src, is_cards_page, under))
                return _listing_slot(len(listings) - 1)

            content = MARKER.sub(hold, content)
        if content is not original:
            page.content = content
        if listings:
            self.this.listings[src] = listings
        return None

    def _marker(self, attrs: str, src: str, is_cards_page: bool, under: int) -> str:
        board, listings = self.this.build.board, self.this.build.listings
        assert board is not None and listings is not None
        query, problems = parse_marker(attrs, src=src, known_types=TYPES)
        for problem in problems:
            log.warning(str(problem))
        if is_cards_page and not attrs.strip():
            query = board.cards_page_query()
        return board.listing(query, listings, under=under)

    def _generated_content(self, generated: GeneratedPage, page: Page, listings: list[str]) -> str:
        """A generated page's content; its listing goes into ``listings``, a slot in its place."""
        build, tag_urls = self.this.build, self.this.tag_urls
        board, cards = build.board, build.listings
        assert board is not None and cards is not None
        title = generated_title(generated.kind, generated.tag, self.settings.labels)
        if generated.kind == "tag" and generated.tag is not None:
            listings.append(board.tag_page(generated.tag, cards))
            body = _listing_slot(len(listings) - 1)
        elif generated.kind == "tags":
            entries = board.tag_index(
                lambda tag: get_relative_url(tag_urls[tag_key(tag.name)], page.url)
            )
            body = self.renderer.render("tag_index.html", tags=entries)
        else:
            body = "<!-- postings -->"
        return self.renderer.render("page.html", title=title, content=Markup(body))

    # ------------------------------------------------------------------ output

    @event_priority(100)  # first: a minifier must not drop the slots (comments)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        this, src = self.this, page.file.src_uri
        listings = this.build.listings
        for number, listing in enumerate(this.listings.pop(src, ())):
            assert listings is not None
            output = output.replace(_listing_slot(number), listings.place(listing, page.url), 1)
        around = this.around.pop(src, None)
        if around is not None:
            start = _BEFORE_BODY_H1 if _BEFORE_BODY_H1 in output else _BEFORE_BODY
            output = output.replace(start, around[0], 1).replace(_AFTER_BODY, around[1], 1)
        view = this.build.views.get(src)
        if view is not None and page.file.inclusion is InclusionLevel.NOT_IN_NAV:
            output = without_dangling_toc_label(output)
        if src in this.drafts:
            output = without_draft_marker(output)
        head_end = output.find("</head>")
        if head_end < 0:
            return output
        # The JSON-LD's description is the body the lab wrote, between the page's slots.
        json_ld = ""
        if view is not None and src in this.page_urls:  # a published posting's page
            json_ld = this.build.json_ld(
                view.posting, page.canonical_url, _body_of(page.content or "")
            )
        feed = self.settings.feed
        tags = self.renderer.render(
            "head.html",
            view=view,
            noindex=view is not None and view.status.is_past and self.settings.noindex_closed,
            has_description=output.find('<meta name="description"', 0, head_end) >= 0,
            canonical=page.canonical_url,
            feed_url=get_relative_url(feed, page.url) if feed else None,
            json_ld=Markup(json_ld),
        )
        return output[:head_end] + tags + output[head_end:]  # not searched for again

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        page_urls = self.this.page_urls
        with _collector_paused():  # the feed, the calendar and the JSON listing
            files = self.this.build.files(
                lambda posting: page_urls.get(posting.src, ""), site_url=config.site_url or ""
            )
            write_outputs(config.site_dir, files)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one of the plugin's batch passes.

    A pass over every posting makes many short-lived objects; each few hundred of them set
    off a collection, and some of those walk every object the build holds (all pages, once
    MkDocs has read them). The passes make no reference cycles, so reference counting frees
    what they drop; the collector runs again, as before, once a pass is done. Saves 0.08 G
    instructions at 1,000 postings (0.24 % of the floor, 8 December 2026): below the 1 % a
    device must earn, kept because the budget (1.15) needs it.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


_BEFORE_BODY = "<!-- postings-page-before-body -->"
_BEFORE_BODY_H1 = "<!-- postings-page-before-body: the page's <h1> -->"
_AFTER_BODY = "<!-- postings-page-after-body -->"
"""Where a posting page's heading, notice, facts and buttons go, and what follows its body:
filled when the page is written, so search and every other plugin see the body the lab
wrote. Search parsers skip comments."""


def _body_of(content: str) -> str:
    """A posting page's body: its content between the slots."""
    end = content.rfind(_AFTER_BODY)
    for start_slot in (_BEFORE_BODY_H1, _BEFORE_BODY):
        start = content.find(start_slot)
        if 0 <= start <= end:
            return content[start + len(start_slot) : end]
    return content


def _listing_slot(number: int) -> str:
    """Where a page's listing number ``number`` goes; MARKER does not match it."""
    return f"<!-- postings-listing-slot {number} -->"
