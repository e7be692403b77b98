"""The Sphinx adapter: maps Sphinx's events onto the same core as the MkDocs plugin. Wiring only.

Order of a build: ``config-inited`` checks the ``postings_*`` values and excludes drafts
(``sources.py``); ``source-read`` reads a
posting's front matter with ``collect.py`` and hands MyST a body it understands (the front
matter replaced by ``orphan: true``, the title as the first heading, TOML gone);
``doctree-read`` completes the posting from its body (apply target, summary), so every posting
is known before anything is written; ``env-updated`` renders every card once and names the
pages to re-write when a posting changed; ``doctree-resolved`` fills ``postings`` directives;
``html-page-context`` wraps posting pages and adds head tags; ``html-collect-pages`` adds the
cards page and tag pages; ``build-finished`` writes the feed, calendar and JSON.

Everything read from the sources lives in the build environment (``env.postings``), so
incremental builds and parallel reads (``-j``) keep it; the rest is per build (``_Build``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from mkdocs_postings import expiry
from mkdocs_postings.apply import complete_from_body
from mkdocs_postings.collect import collect_posting
from mkdocs_postings.feeds import site_outputs, write_outputs
from mkdocs_postings.listing import (
    ListingQuery,
    Tag,
    listing_query,
    order_postings,
    select,
    split_listing,
    tag_index,
    tag_key,
)
from mkdocs_postings.model import Posting, PostingError, PostingType
from mkdocs_postings.render import (
    ROOT,
    ListingRenderer,
    PostingView,
    Renderer,
    TagLink,
    filter_groups,
    generated_title,
    posting_view,
)
from mkdocs_postings.sphinx.settings import CONF_VALUES, Settings, read_settings
from mkdocs_postings.sphinx.sources import draft_patterns, scan_sources
from mkdocs_postings.structured_data import job_posting, json_ld_script
from mkdocs_postings.validate import duplicate_references

__all__ = ["setup"]

log = logging.getLogger(__name__)

ASSETS = Path(__file__).resolve().parents[1] / "assets"
_TYPES = tuple(t.value for t in PostingType)
_VERSION = "0.1.0"


# --------------------------------------------------------------------------- state


@dataclass
class EnvData:
    """What the sources told, kept in Sphinx's pickled environment (one entry per docname)."""

    postings: dict[str, Posting] = field(default_factory=dict)
    listings: set[str] = field(default_factory=set)
    """Documents with a ``postings`` directive."""
    errors: set[str] = field(default_factory=set)
    """Postings that could not be published; re-read every build so the build keeps failing."""
    fingerprint: str = ""
    """What the postings showed when the pages were last written."""


def _data(env: BuildEnvironment) -> EnvData:
    data = getattr(env, "postings", None)
    if not isinstance(data, EnvData):
        data = EnvData()
        env.postings = data  # type: ignore[attr-defined]
    return data


@dataclass
class _Build:
    """Per-build state: settings and renderers (config-inited), views and cards (env-updated)."""

    settings: Settings
    renderer: Renderer
    failed: bool = False
    now: Any = None
    views: dict[str, PostingView] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    listings: ListingRenderer | None = None
    drafts: list[tuple[str, str]] = field(default_factory=list)
    """Drafts left out of this build: docname and source-relative path."""


def _build(app: Sphinx) -> _Build:
    return app._postings  # type: ignore[attr-defined,no-any-return]


def _src(env: BuildEnvironment, docname: str) -> str:
    """The docs-relative path of a document, as errors name it."""
    return Path(env.doc2path(docname, False)).as_posix()


def _is_html(app: Sphinx) -> bool:
    return getattr(app.builder, "format", "") == "html"


def _error(app: Sphinx, message: str) -> None:
    log.error(message, type="postings")
    _build(app).failed = True


# --------------------------------------------------------------------------- config


def on_config_inited(app: Sphinx, config: Any) -> None:
    settings, errors, warnings = read_settings(config)
    custom = [Path(app.confdir) / p / "" for p in config.templates_path]
    app._postings = _Build(settings, Renderer(settings.labels, custom))  # type: ignore[attr-defined]
    for message in errors:
        _error(app, message)
    for message in warnings:
        log.warning(message, type="postings", subtype="config")
    config.html_static_path = [*config.html_static_path, str(ASSETS)]


def on_config_drafts(app: Sphinx, config: Any) -> None:
    """Leave drafts out of the build, as ``mkdocs build`` does: their files join
    ``exclude_patterns``. Runs after Sphinx has merged ``source_suffix``; the patterns depend
    on the sources alone, so an unchanged project keeps its incremental build, and turning a
    draft into a posting (or back) re-reads the project like any other config change."""
    settings = _build(app).settings
    sources = scan_sources(
        app.srcdir,
        source_suffix=config.source_suffix,
        exclude=[*config.exclude_patterns, *config.templates_path],
        include=config.include_patterns,
        rules=settings.rules,
        defaults=settings.defaults,
    )
    found = list(sources)
    _build(app).drafts = [
        (s.docname, s.src) for s in found if s.collected and s.collected.posting.draft
    ]
    patterns = draft_patterns(found)
    if patterns:
        config.exclude_patterns = [*config.exclude_patterns, *patterns]


# --------------------------------------------------------------------------- reading

_ORPHAN = "---\norphan: true\n---\n"
_MARKDOWN_ESCAPE = re.compile(r"([!-/:-@\[-`{-~])")


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    env = app.env
    src = _src(env, docname)
    if app.config.source_suffix.get(Path(src).suffix) != "markdown":
        return
    build, data = _build(app), _data(env)
    text = source[0]
    try:
        collected = collect_posting(
            src, text, rules=build.settings.rules, defaults=build.settings.defaults
        )
    except PostingError as error:
        data.errors.add(docname)
        _error(app, str(error))
        source[0] = f"{_ORPHAN}# {_markdown_text(src)}\n"
        return
    if collected is None:
        return
    for problem in collected.warnings:
        log.warning(str(problem), type="postings", subtype="posting")
    posting, body = collected.posting, collected.front_matter.body
    if not posting.draft:
        data.postings[docname] = posting
    # MyST gets the body alone: front matter (YAML or TOML) replaced, the title as its heading
    # (Hugo-style files keep it in the front matter only), line numbers kept for its warnings.
    head = ("" if build.settings.in_nav else _ORPHAN) + title_heading(posting.title, body)
    skipped = text.count("\n") - body.count("\n") - head.count("\n")
    source[0] = head + "\n" * max(skipped, 0) + body


def title_heading(title: str, body: str) -> str:
    """The heading MyST gets before a posting's body: the title, unless the body opens with
    a level-1 heading of its own."""
    return "" if re.match(r"\s*# ", body) else f"# {_markdown_text(title)}\n\n"


def _markdown_text(text: str) -> str:
    """``text`` as Markdown that shows it literally (every ASCII punctuation escaped)."""
    return _MARKDOWN_ESCAPE.sub(r"\\\1", " ".join(text.split()))


class postings_listing(nodes.General, nodes.Element):
    """Where a listing goes; replaced by its cards when the page is written."""


class PostingsDirective(SphinxDirective):
    """``postings``: an embedded listing, e.g. ``:tag: NLP``, ``:type: phd``, ``:limit: 3``,
    ``:closed: archive``; like ``<!-- postings tag="NLP" -->`` on MkDocs."""

    has_content = False
    option_spec = {  # noqa: RUF012 (docutils' interface)
        "tag": directives.unchanged_required,
        "type": directives.unchanged_required,
        "limit": directives.unchanged_required,
        "closed": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        src = _src(self.env, self.env.docname)
        _, problems = listing_query(
            self.options, src=src, known_types=_TYPES, field=lambda name: f"postings :{name}:"
        )
        for problem in problems:
            log.warning(str(problem), type="postings", subtype="listing")
        _data(self.env).listings.add(self.env.docname)
        node = postings_listing()
        node["values"] = dict(self.options)
        return [node]


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    data = _data(env)
    docname = env.docname
    posting = data.postings.get(docname)
    if posting is None:
        return
    base = app.config.html_baseurl
    page_url = None
    if base and _is_html(app):
        page_url = base.rstrip("/") + "/" + app.builder.get_target_uri(docname)
    completed, _, problems = complete_from_body(posting, body_html(doctree), page_url=page_url)
    for problem in problems:
        log.warning(str(problem), type="postings", subtype="posting")
    data.postings[docname] = completed


_TAGS: dict[type[nodes.Node], str] = {
    nodes.paragraph: "p",
    nodes.list_item: "li",
    nodes.term: "dt",
    nodes.definition: "dd",
    nodes.entry: "td",
    nodes.block_quote: "blockquote",
    nodes.literal_block: "pre",
    nodes.strong: "strong",
    nodes.emphasis: "em",
    nodes.literal: "code",
}


def body_html(node: nodes.Node, depth: int = 0) -> str:
    """A doctree as the plain HTML ``extract.py`` reads (headings, blocks, links), so that
    postings are completed from their body while reading, before any page is written."""
    if isinstance(node, nodes.Text):
        return escape(node.astext(), quote=False)
    if isinstance(node, nodes.raw):
        return node.astext() if "html" in node.get("format", "").split() else ""
    if isinstance(node, nodes.comment | nodes.system_message):
        return ""
    if isinstance(node, nodes.section):
        depth += 1
    inner = "".join(body_html(child, depth) for child in node.children)
    if isinstance(node, nodes.title) and isinstance(node.parent, nodes.section):
        return f"<h{min(depth, 6)}>{inner}</h{min(depth, 6)}>"
    if isinstance(node, nodes.reference) and node.get("refuri"):
        return f'<a href="{escape(node["refuri"])}">{inner}</a>'
    tag = _TAGS.get(type(node))
    return f"<{tag}>{inner}</{tag}>" if tag else inner


def on_env_purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    data = _data(env)
    data.postings.pop(docname, None)
    data.listings.discard(docname)
    data.errors.discard(docname)


def on_env_merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    data, theirs = _data(env), _data(other)
    for docname in docnames:
        if docname in theirs.postings:
            data.postings[docname] = theirs.postings[docname]
        if docname in theirs.listings:
            data.listings.add(docname)
        if docname in theirs.errors:
            data.errors.add(docname)


def on_env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    # A posting that failed is read again, so an incremental build fails until it is fixed.
    return sorted(_data(env).errors)


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every posting is read: compute views and cards once; name pages to re-write."""
    build, data = _build(app), _data(env)
    if data.errors:
        build.failed = True
    try:
        build.now = expiry.build_time()
    except ValueError as error:
        _error(app, str(error))
        build.now = expiry.build_time({})
    settings = build.settings
    postings = {d: p for d, p in sorted(data.postings.items()) if d in env.found_docs}
    for problem in duplicate_references(postings.values()):
        log.warning(str(problem), type="postings", subtype="posting")
    build.tags = tag_index(postings.values())
    if not _is_html(app):
        build.views = {d: _view(app, p, None) for d, p in postings.items()}
        return []
    build.listings = ListingRenderer(build.renderer)
    build.views = {}
    for docname, posting in postings.items():
        build.views[docname] = view = _view(app, posting, None)
        build.listings.add_card(view, app.builder.get_target_uri(docname))
    fingerprint = hashlib.sha256(
        repr(
            [
                (d, v.posting, v.status, v.days_left, tuple(t.url for t in v.tags))
                for d, v in build.views.items()
            ]
        ).encode()
    ).hexdigest()
    if fingerprint == data.fingerprint:
        return []
    data.fingerprint = fingerprint
    pages = set(postings) | data.listings
    if settings.index in env.found_docs:
        pages.add(settings.index)
    return sorted(pages & env.found_docs)


def _view(app: Sphinx, posting: Posting, pagename: str | None) -> PostingView:
    """The posting now; tag links relative to ``pagename`` (None: root-relative)."""
    build = _build(app)
    links = []
    for name in posting.tags:
        tag = build.tags.get(tag_key(name))
        if tag is not None and build.settings.tags_dir and _is_html(app):
            target = f"{build.settings.tags_dir}/{tag.slug}"
            url = (
                app.builder.get_target_uri(target)
                if pagename is None
                else app.builder.get_relative_uri(pagename, target)
            )
            links.append(TagLink(name, tag.slug, url))
    return posting_view(
        posting,
        now=build.now,
        closing_soon_days=build.settings.closing_soon_days,
        labels=build.settings.labels,
        tags=links,
        employer=build.settings.organization.name,
    )


# --------------------------------------------------------------------------- writing


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    build = _build(app)
    found = list(doctree.findall(postings_listing))
    is_cards_page = docname == build.settings.index
    if is_cards_page and not found:
        found = [postings_listing(values={})]
        doctree.append(found[0])
    for node in found:
        if not _is_html(app) or build.listings is None:
            node.parent.remove(node)
            continue
        html = _listing(app, node["values"], docname, is_cards_page)
        page = app.builder.get_target_uri(docname)
        node.replace_self(nodes.raw("", ListingRenderer.place(html, page), format="html"))


def _listing(app: Sphinx, values: dict[str, str], docname: str, is_cards_page: bool) -> str:
    build = _build(app)
    assert build.listings is not None
    settings = build.settings
    src = _src(app.env, docname)
    query, _ = listing_query(values, src=src, known_types=_TYPES, field=str)
    if is_cards_page and not values:
        query = ListingQuery(closed=settings.closed, filters=True)
    statuses = {v.posting.src: v.status for v in build.views.values()}
    ordered = order_postings([v.posting for v in build.views.values()], statuses)
    main, past = select(ordered, statuses, query)
    filters = filter_groups(main + past, build.tags, settings.labels) if query.filters else ()
    links = []
    if query.filters:  # the cards page: offer the feed and the deadline calendar
        for path, label in ((settings.feed, "feed"), (settings.calendar, "calendar")):
            if path:
                links.append((ROOT + path, settings.labels[label]))
    return build.listings.listing(main, past, closed=query.closed, filters=filters, links=links)


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    build = _build(app)
    settings = build.settings
    view = build.views.get(pagename) if doctree is not None else None
    json_ld = ""
    if view is not None:
        view = _view(app, view.posting, pagename)
        body = context.get("body", "")
        context["body"] = build.renderer.posting_page(view, body)
        if settings.structured_data:
            data = job_posting(
                view.posting,
                description_html=body,
                url=context.get("pageurl"),
                organization=settings.organization,
                now=build.now,
                closing_soon_days=settings.closing_soon_days,
            )
            if data is not None:
                json_ld = json_ld_script(data)
    metatags = context.get("metatags", "")
    context["metatags"] = metatags + build.renderer.render(
        "head.html",
        view=view,
        noindex=view is not None and view.status.is_past and settings.noindex_closed,
        has_description='<meta name="description"' in metatags,
        canonical=context.get("pageurl"),
        feed_url=relative_uri(app.builder.get_target_uri(pagename), settings.feed)
        if settings.feed
        else None,
        json_ld=Markup(json_ld),
    )


def on_html_collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """The generated pages: the cards page (unless the site wrote it) and the tag pages."""
    build = _build(app)
    settings = build.settings
    if build.listings is None:
        return
    found = app.env.found_docs
    statuses = {v.posting.src: v.status for v in build.views.values()}

    def page(name: str, title: str, body: str) -> tuple[str, dict[str, Any], str]:
        html = build.renderer.render("page.html", title=title, content=Markup(body))
        html = ListingRenderer.place(html, app.builder.get_target_uri(name))
        return name, {"title": title, "body": Markup(html)}, "page.html"

    if settings.index and settings.index not in found:
        title = generated_title("cards", None, settings.labels)
        yield page(settings.index, title, _listing(app, {}, settings.index, True))
    if not settings.tags_dir or not build.tags:
        return
    index = f"{settings.tags_dir}/index"
    counts = {}
    for key, tag in build.tags.items():
        name = f"{settings.tags_dir}/{tag.slug}"
        main, past = split_listing(list(tag.postings), statuses, settings.closed)
        counts[key] = len(main) + len(past)
        if name not in found:
            body = build.listings.listing(main, past, closed=settings.closed)
            yield page(name, generated_title("tag", tag, settings.labels), body)
    if index not in found:
        entries = [
            {
                "name": tag.name,
                "slug": tag.slug,
                "count": counts[key],
                "url": app.builder.get_relative_uri(index, f"{settings.tags_dir}/{tag.slug}"),
            }
            for key, tag in sorted(build.tags.items(), key=lambda kv: kv[1].name.casefold())
        ]
        body = build.renderer.render("tag_index.html", tags=entries)
        yield page(index, generated_title("tags", None, settings.labels), body)


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    build = _build(app)
    if exception is not None:
        return
    if build.failed:
        app.statuscode = 1
    if not _is_html(app) or build.now is None:
        return
    _unpublish(app, build.drafts)
    settings = build.settings
    base = (app.config.html_baseurl or "").rstrip("/")
    project = app.config.project
    outputs = site_outputs(
        (
            (view.posting, _page_url(app, base, docname), view.status)
            for docname, view in sorted(build.views.items(), key=lambda kv: kv[1].posting.src)
        ),
        feed=settings.feed,
        calendar=settings.calendar,
        json_path=settings.json,
        site_url=base + "/" if base else "",
        feed_title=f"{project}: {settings.labels['openings_title']}",
        calendar_name=f"{project}: {settings.labels['deadline']}",
        author=settings.organization.name,
    )
    write_outputs(app.outdir, outputs)


def _unpublish(app: Sphinx, drafts: list[tuple[str, str]]) -> None:
    """Delete what an earlier build wrote for a posting that is a draft now (its page and its
    copied source), since Sphinx leaves the output of a document it no longer has."""
    outdir = Path(app.outdir)
    link_suffix = app.config.html_sourcelink_suffix
    for docname, src in drafts:
        uri = app.builder.get_target_uri(docname)
        source = docname + Path(src).suffix
        if Path(src).suffix != link_suffix:
            source += link_suffix
        for path in (
            outdir / (uri + "index.html" if uri.endswith("/") else uri),
            outdir / "_sources" / source,
        ):
            if path.is_file():
                path.unlink()


def _page_url(app: Sphinx, base: str, docname: str) -> str:
    uri = app.builder.get_target_uri(docname)
    return f"{base}/{uri}" if base else uri


# --------------------------------------------------------------------------- setup


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the conf values, the ``postings`` directive, the assets and the events."""
    app.setup_extension("myst_parser")
    for name, default, rebuild, types in CONF_VALUES:
        app.add_config_value(name, default, rebuild, types=types)
    app.add_node(postings_listing)
    app.add_directive("postings", PostingsDirective)
    app.add_css_file("postings.css")
    app.add_js_file("postings.js", loading_method="defer")
    app.connect("config-inited", on_config_inited)
    app.connect("config-inited", on_config_drafts, priority=900)  # after source_suffix merges
    app.connect("source-read", on_source_read)
    app.connect("doctree-read", on_doctree_read)
    app.connect("env-purge-doc", on_env_purge_doc)
    app.connect("env-merge-info", on_env_merge_info)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("env-updated", on_env_updated)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("html-page-context", on_html_page_context)
    app.connect("html-collect-pages", on_html_collect_pages)
    app.connect("build-finished", on_build_finished)
    return {
        "version": _VERSION,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
