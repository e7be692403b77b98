"""The plugin's virtual pages: the cards page and tag pages, made with ``File.generated``.

Nothing is ever written into ``docs/``: the pages live in memory, and a page the site wrote
itself at the same path wins.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from mkdocs_postings.listing import Tag

__all__ = ["GeneratedPage", "add_generated_pages"]

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

    def add(src_uri: str, page: GeneratedPage, inclusion: InclusionLevel) -> None:
        if files.get_file_from_path(src_uri) is not None:
            return  # the site's own page wins
        files.append(File.generated(config, src_uri, content=PLACEHOLDER, inclusion=inclusion))
        made[src_uri] = page

    if index:
        add(index, GeneratedPage("cards"), InclusionLevel.UNDEFINED)
    if tags_dir and tags:
        add(f"{tags_dir}/index.md", GeneratedPage("tags"), InclusionLevel.NOT_IN_NAV)
        for tag in tags.values():
            add(f"{tags_dir}/{tag.slug}.md", GeneratedPage("tag", tag), InclusionLevel.NOT_IN_NAV)
    return made
