"""The Sphinx adapter's output events: posting pages wrapped and listings filled
(``doctree-resolved``, ``html-page-context``), the cards page and tag pages
(``html-collect-pages``), the feed, calendar and JSON (``build-finished``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docutils import nodes
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from mkdocs_postings.model import TYPES, Posting
from mkdocs_postings.publishing.feeds import write_outputs
from mkdocs_postings.publishing.listing import Tag, listing_query
from mkdocs_postings.publishing.render import ListingRenderer, PostingView, generated_title
from mkdocs_postings.sphinx.state import build_state, is_html, postings_listing, source_path


def posting_view_at(app: Sphinx, posting: Posting, pagename: str) -> PostingView:
    """The posting now, its tag links relative to ``pagename``."""
    this = build_state(app)
    build, tags_dir = this.build, this.settings.tags_dir
    assert build is not None

    def tag_url(tag: Tag) -> str | None:
        if not tags_dir:
            return None
        return app.builder.get_relative_uri(pagename, f"{tags_dir}/{tag.slug}")

    return build.view(posting, build.tag_links(posting, tag_url))


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    build = build_state(app)
    found = list(doctree.findall(postings_listing))
    is_cards_page = docname == build.settings.index
    if is_cards_page and not found:
        found = [postings_listing(values={})]
        doctree.append(found[0])
    for node in found:
        if not is_html(app) or build.build is None or build.build.board is None:
            node.parent.remove(node)
            continue
        html = listing_html(app, node["values"], docname, is_cards_page, _section_depth(node))
        page = app.builder.get_target_uri(docname)
        node.replace_self(nodes.raw("", ListingRenderer.place(html, page), format="html"))


def _section_depth(node: nodes.Node) -> int:
    """The heading level of the section a node sits in (the document's title: 1)."""
    depth, parent = 0, node.parent
    while parent is not None:
        depth += isinstance(parent, nodes.section)
        parent = parent.parent
    return max(depth, 1)


def listing_html(
    app: Sphinx, values: dict[str, str], docname: str, is_cards_page: bool, under: int = 1
) -> str:
    build = build_state(app).build
    assert build is not None and build.board is not None and build.listings is not None
    src = source_path(app.env, docname)
    query, _ = listing_query(values, src=src, known_types=TYPES, field=str)
    if is_cards_page and not values:
        query = build.board.cards_page_query()
    return build.board.listing(query, build.listings, under=under)


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    this = build_state(app)
    settings, build = this.settings, this.build
    posting = this.postings.get(pagename) if doctree is not None else None
    view = None
    json_ld = ""
    if posting is not None and build is not None:
        view = posting_view_at(app, posting, pagename)
        body = context.get("body", "")
        context["body"] = this.renderer.posting_page(view, body)
        json_ld = build.json_ld(posting, context.get("pageurl"), body)
    metatags = context.get("metatags", "")
    context["metatags"] = metatags + this.renderer.render(
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
    this = build_state(app)
    settings, build = this.settings, this.build
    if build is None or build.board is None or build.listings is None:
        return
    board, found = build.board, app.env.found_docs

    def page(name: str, title: str, body: str) -> tuple[str, dict[str, Any], str]:
        html = this.renderer.render("page.html", title=title, content=Markup(body))
        html = ListingRenderer.place(html, app.builder.get_target_uri(name))
        return name, {"title": title, "body": Markup(html)}, "page.html"

    if settings.index and settings.index not in found:
        title = generated_title("cards", None, settings.labels)
        yield page(settings.index, title, listing_html(app, {}, settings.index, True))
    if not settings.tags_dir or not build.tags:
        return
    index = f"{settings.tags_dir}/index"
    for tag in build.tags.values():
        name = f"{settings.tags_dir}/{tag.slug}"
        if name not in found:
            body = board.tag_page(tag, build.listings)
            yield page(name, generated_title("tag", tag, settings.labels), body)
    if index not in found:
        entries = board.tag_index(
            lambda tag: app.builder.get_relative_uri(index, f"{settings.tags_dir}/{tag.slug}")
        )
        body = this.renderer.render("tag_index.html", tags=entries)
        yield page(index, generated_title("tags", None, settings.labels), body)


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    this = build_state(app)
    if exception is not None:
        return
    if this.failed:
        app.statuscode = 1
    if not is_html(app) or this.build is None or this.build.board is None:
        return
    unpublish(app, this.drafts)
    base = (app.config.html_baseurl or "").rstrip("/")
    docnames = {posting.src: docname for docname, posting in this.postings.items()}
    files = this.build.files(
        lambda posting: page_url(app, base, docnames[posting.src]),
        site_url=base + "/" if base else "",
    )
    write_outputs(app.outdir, files)


def unpublish(app: Sphinx, drafts: list[tuple[str, str]]) -> None:
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


def page_url(app: Sphinx, base: str, docname: str) -> str:
    uri = app.builder.get_target_uri(docname)
    return f"{base}/{uri}" if base else uri
