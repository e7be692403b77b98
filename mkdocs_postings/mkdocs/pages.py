"""The plugin's virtual pages: the cards page and tag pages, made with ``File.generated``.

Nothing is ever written into ``docs/``: the pages live in memory, and a page the site wrote
itself at the same path wins.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from mkdocs_postings.model import Problem
from mkdocs_postings.publishing.listing import Tag, generated_clash, tag_pages

__all__ = ["GeneratedPage", "add_generated_pages", "generated_clashes"]

PLACEHOLDER = "<!-- postings-generated -->\n"


@dataclass(frozen=True)
class GeneratedPage:
    """What a generated page shows: ``kind`` is "cards", "tag" or "tags"."""

    kind: str
    tag: Tag | None = None


def add_generated_pages(
    files: Files, config: MkDocsConfig, *, index: str, tags_dir: str, tags: Mapping[str, Tag]
) -> dict[str, GeneratedPage]:
    """Add the cards page (unless the site has it), one page per tag and the tag index."""
    made: dict[str, GeneratedPage] = {}
    for src_uri, page, _ in _pages(index, tags_dir, tags):
        if files.get_file_from_path(src_uri) is not None:
            continue  # the site's own page wins
        inclusion = InclusionLevel.UNDEFINED if page.kind == "cards" else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, src_uri, content=PLACEHOLDER, inclusion=inclusion))
        made[src_uri] = page
    return made


def generated_clashes(
    files: Files,
    config: MkDocsConfig,
    *,
    index: str,
    tags_dir: str,
    tags: Mapping[str, Tag],
    postings: Collection[str],
) -> list[Problem]:
    """Postings (``postings``: their paths) at the path or the address of a page
    ``add_generated_pages`` would add: one of the two would be lost."""
    posting_at = {
        file.dest_uri: file.src_uri for file in map(files.get_file_from_path, postings) if file
    }
    clashes = []
    for src_uri, page, what in _pages(index, tags_dir, tags):
        dest_uri = File(src_uri, None, config.site_dir, config.use_directory_urls).dest_uri
        if dest_uri in posting_at:
            option = "index" if page.kind == "cards" else "tags_dir"
            clashes.append(generated_clash(posting_at[dest_uri], src_uri, what, option))
    return clashes


def _pages(
    index: str, tags_dir: str, tags: Mapping[str, Tag]
) -> list[tuple[str, GeneratedPage, str]]:
    """The pages the plugin makes: path, what it shows, what a message calls it."""
    pages = [(index, GeneratedPage("cards"), "the cards page")] if index else []
    for path, tag, what in tag_pages(tags_dir, tags):
        page = GeneratedPage("tags") if tag is None else GeneratedPage("tag", tag)
        pages.append((f"{path}.md", page, what))
    return pages
