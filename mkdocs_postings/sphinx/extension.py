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

This module registers the extension and handles configuration and reading; ``html.py`` the
output events; ``state.py`` what both keep. Everything read from the sources lives in the build
environment (``env.postings``), so incremental builds and parallel reads (``-j``) keep it; the
rest is per build (``state.Build``).
"""

from __future__ import annotations

import hashlib
import re
from html import escape
from importlib.metadata import version
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from mkdocs_postings import ASSETS, expiry
from mkdocs_postings.build import Build, read_body
from mkdocs_postings.model import TYPES, PostingError, Problem
from mkdocs_postings.publishing.listing import Tag, listing_query
from mkdocs_postings.publishing.render import Renderer
from mkdocs_postings.reading.collect import collect_posting
from mkdocs_postings.sphinx.documents import draft_patterns, scan_documents, tag_page_clashes
from mkdocs_postings.sphinx.html import (
    on_build_finished,
    on_doctree_resolved,
    on_html_collect_pages,
    on_html_page_context,
    page_url,
)
from mkdocs_postings.sphinx.settings import CONF_VALUES, read_settings
from mkdocs_postings.sphinx.state import (
    ThisBuild,
    build_state,
    env_data,
    is_html,
    log,
    postings_listing,
    report_error,
    source_path,
)
from mkdocs_postings.text import one_line, without_bidi

__all__ = ["body_html", "setup", "title_heading"]


def on_config_inited(app: Sphinx, config: Any) -> None:
    settings, errors, warnings = read_settings(config, app.confdir)
    custom = [Path(app.confdir) / p / "" for p in config.templates_path]
    app._postings = ThisBuild(settings, Renderer(settings.labels, custom))  # type: ignore[attr-defined]
    for message in errors:
        report_error(app, message)
    for message in warnings:
        log.warning(message, type="postings", subtype="config")
    config.html_static_path = [*config.html_static_path, str(ASSETS)]


def on_config_drafts(app: Sphinx, config: Any) -> None:
    """Leave drafts out of the build, as ``mkdocs build`` does: their files join
    ``exclude_patterns``. Runs after Sphinx has merged ``source_suffix``; the patterns depend
    on the sources alone, so an unchanged project keeps its incremental build, and turning a
    draft into a posting (or back) re-reads the project like any other config change."""
    settings = build_state(app).settings
    found = list(
        scan_documents(
            app.srcdir,
            source_suffix=config.source_suffix,
            exclude=[*config.exclude_patterns, *config.templates_path],
            include=config.include_patterns,
            rules=settings.rules,
            defaults=settings.defaults,
        )
    )
    build_state(app).drafts = [
        (s.docname, s.src) for s in found if s.collected and s.collected.posting.draft
    ]
    for document in found:
        if document.unreadable and document.error is not None:
            report_error(app, str(document.error))
    patterns = draft_patterns(found)
    if patterns:
        config.exclude_patterns = [*config.exclude_patterns, *patterns]


_ORPHAN = "---\norphan: true\n---\n"
_MARKDOWN_ESCAPE = re.compile(r"([!-/:-@\[-`{-~])")


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    env = app.env
    src = source_path(env, docname)
    if app.config.source_suffix.get(Path(src).suffix) != "markdown":
        return
    build, data = build_state(app), env_data(env)
    text = source[0]
    try:
        collected = collect_posting(
            src, text, rules=build.settings.rules, defaults=build.settings.defaults
        )
    except PostingError as error:
        data.errors.add(docname)
        report_error(app, str(error))
        source[0] = f"{_ORPHAN}# {_markdown_text(src)}\n"
        return
    if collected is None:
        return
    for problem in collected.warnings:
        _report(problem)
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
    a level-1 heading of its own. Sphinx makes the page's ``<title>`` of it, with the
    project's name after it: no bidi control may turn that around."""
    return "" if re.match(r"\s*# ", body) else f"# {_markdown_text(without_bidi(title))}\n\n"


def _markdown_text(text: str) -> str:
    """``text`` as Markdown that shows it literally (every ASCII punctuation escaped)."""
    return _MARKDOWN_ESCAPE.sub(r"\\\1", " ".join(text.split()))


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
        src = source_path(self.env, self.env.docname)
        _, problems = listing_query(
            self.options, src=src, known_types=TYPES, field=lambda name: f"postings :{name}:"
        )
        for problem in problems:
            log.warning(str(problem), type="postings", subtype="listing")
        env_data(self.env).listings.add(self.env.docname)
        node = postings_listing()
        node["values"] = dict(self.options)
        return [node]


def _report(problem: Problem) -> None:
    """A posting's problem as a warning, or, for a note (``level`` info), an info line."""
    if problem.level == "info":
        log.info(str(problem))
    else:
        log.warning(str(problem), type="postings", subtype="posting")


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    data = env_data(env)
    docname = env.docname
    posting = data.postings.get(docname)
    if posting is None:
        return
    base = app.config.html_baseurl
    page_url = None
    if base and is_html(app):
        page_url = base.rstrip("/") + "/" + app.builder.get_target_uri(docname)
    # Completed while reading, so every posting is known before anything is written; checked
    # at the build's "now" in env-updated (an unchanged document is not read again).
    completed, problems = read_body(posting, body_html(doctree), page_url=page_url)
    for problem in problems:
        _report(problem)
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
    data = env_data(env)
    data.postings.pop(docname, None)
    data.listings.discard(docname)
    data.errors.discard(docname)


def on_env_merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    data, theirs = env_data(env), env_data(other)
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
    return sorted(env_data(env).errors)


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every posting is read: check them at "now", gather the sources, index the tags, render
    every card once (the core's build); name the pages to re-write."""
    this, data = build_state(app), env_data(env)
    if data.errors:
        this.failed = True
    try:
        now = expiry.build_time()
    except ValueError as error:
        report_error(app, str(error))
        now = expiry.build_time({})
    settings = this.settings
    build = this.build = Build(
        settings, now=now, site_name=app.config.project, renderer=this.renderer
    )
    postings = {d: p for d, p in sorted(data.postings.items()) if d in env.found_docs}
    this.postings = postings
    for problem in build.across(postings.values()):
        log.warning(str(problem), type="postings", subtype="posting")
    for posting in postings.values():
        for problem in build.check(posting):
            _report(problem)
    if is_html(app) and settings.sources:
        base = (app.config.html_baseurl or "").rstrip("/")
        gathered = build.gather([page_url(app, base, d) for d in postings] if base else ())
        for problem in gathered.problems:
            log.warning(str(problem), type="postings", subtype="source")
        for note in gathered.notes:
            log.info(one_line(note))
    tags = build.index_tags(postings.values())
    srcs = {docname: posting.src for docname, posting in postings.items()}
    for clash in tag_page_clashes(settings.tags_dir, tags, srcs):
        report_error(app, str(clash))
    if not is_html(app):
        return []

    def tag_url(tag: Tag) -> str | None:
        if not settings.tags_dir:
            return None
        return app.builder.get_target_uri(f"{settings.tags_dir}/{tag.slug}")

    for docname, posting in postings.items():
        view = build.view(posting, build.tag_links(posting, tag_url))
        build.add(view, app.builder.get_target_uri(docname))
    build.add_sourced(tag_url)
    build.finish()
    fingerprint = hashlib.sha256(
        repr(
            [
                [(d, p.src) for d, p in postings.items()],
                [(v.posting, v.status, v.days_left) for v in build.views.values()],
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
        "version": version("mkdocs-postings"),
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
