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

from mkdocs_postings.model import Posting
from mkdocs_postings.publishing.feeds import write_outputs
from mkdocs_postings.publishing.listing import (
    listing_query,
    tag_key,
)
from mkdocs_postings.publishing.render import (
    ListingRenderer,
    PostingView,
    TagLink,
    generated_title,
    posting_view,
)
from mkdocs_postings.publishing.structured_data import job_posting, json_ld_script
from mkdocs_postings.sphinx.state import TYPES, build_state, is_html, postings_listing, source_path


def posting_view_at(app: Sphinx, posting: Posting, pagename: str | None) -> PostingView:
    """The posting now; tag links relative to ``pagename`` (None: root-relative)."""
    build = build_state(app)
    links = []
    for name in posting.tags:
        tag = build.tags.get(tag_key(name))
        if tag is not None and build.settings.tags_dir and is_html(app):
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


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    build = build_state(app)
    found = list(doctree.findall(postings_listing))
    is_cards_page = docname == build.settings.index
    if is_cards_page and not found:
        found = [postings_listing(values={})]
        doctree.append(found[0])
    for node in found:
        if not is_html(app) or build.listings is None:
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
    build = build_state(app)
    assert build.listings is not None and build.board is not None
    src = source_path(app.env, docname)
    query, _ = listing_query(values, src=src, known_types=TYPES, field=str)
    if is_cards_page and not values:
        query = build.board.cards_page_query()
    return build.board.listing(query, build.listings, under=under)


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    build = build_state(app)
    settings = build.settings
    view = build.views.get(pagename) if doctree is not None else None
    json_ld = ""
    if view is not None:
        view = posting_view_at(app, view.posting, pagename)
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
    build = build_state(app)
    settings = build.settings
    if build.listings is None or build.board is None:
        return
    board, found = build.board, app.env.found_docs

    def page(name: str, title: str, body: str) -> tuple[str, dict[str, Any], str]:
        html = build.renderer.render("page.html", title=title, content=Markup(body))
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
        body = build.renderer.render("tag_index.html", tags=entries)
        yield page(index, generated_title("tags", None, settings.labels), body)


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    build = build_state(app)
    if exception is not None:
        return
    if build.failed:
        app.statuscode = 1
    if not is_html(app) or build.now is None or build.board is None:
        return
    unpublish(app, build.drafts)
    base = (app.config.html_baseurl or "").rstrip("/")
    docnames = {view.posting.src: docname for docname, view in build.views.items()}
    files = build.board.files(
        lambda posting: page_url(app, base, docnames[posting.src]),
        site_url=base + "/" if base else "",
        site_name=app.config.project,
        author=build.settings.organization.name,
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
