"""The posting files of a Sphinx project, found the way ``sphinx-build`` finds its documents.

Sphinx's own ``Project`` lists the documents (``exclude_patterns``, ``include_patterns``,
``source_suffix`` honoured); each Markdown one is read with the core's ``collect_posting``, the
code ``source-read`` runs. The extension uses this to leave drafts out of the build; the
command line (``mkdocs-postings check -f conf.py``) to report what a build would.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from sphinx.project import Project

from mkdocs_postings.model import Defaults, PostingError, Problem
from mkdocs_postings.publishing.listing import Tag, generated_clash, tag_pages
from mkdocs_postings.reading.collect import (
    Collected,
    DetectRules,
    FileTooLarge,
    collect_posting,
    read_file,
    too_large,
)

__all__ = [
    "MARKDOWN",
    "Document",
    "draft_patterns",
    "merged_source_suffix",
    "scan_documents",
    "tag_page_clashes",
]

MARKDOWN = "markdown"
"""The file type myst-parser registers ``.md`` under."""


@dataclass(frozen=True)
class Document:
    """One Markdown document looked at: a posting, no posting, or a posting with an error."""

    docname: str
    src: str
    """The source-relative path, as errors name it (``openings/phd.md``)."""
    collected: Collected | None
    error: Problem | None = None
    unreadable: bool = False
    """Too large to read (``collect.MAX_FILE_BYTES``): Sphinx must not read it either."""


def merged_source_suffix(configured: object) -> dict[str, str]:
    """``source_suffix`` as Sphinx has it once myst-parser is loaded: the user's value (a
    string, list or dict) with ``.md`` as Markdown unless it is mapped to another parser."""
    if isinstance(configured, str):
        suffixes = {configured: "restructuredtext"}
    elif isinstance(configured, list | tuple):
        suffixes = dict.fromkeys((str(s) for s in configured), "restructuredtext")
    elif isinstance(configured, Mapping):
        suffixes = {str(k): str(v) if v else "restructuredtext" for k, v in configured.items()}
    else:
        suffixes = {".rst": "restructuredtext"}
    if suffixes.get(".md", "restructuredtext") == "restructuredtext":
        suffixes[".md"] = MARKDOWN
    return suffixes


def scan_documents(
    srcdir: str | Path,
    *,
    source_suffix: Mapping[str, str],
    exclude: Iterable[str],
    include: Iterable[str] = ("**",),
    rules: DetectRules,
    defaults: Defaults,
) -> Iterator[Document]:
    """Every Markdown document of the project, in docname order, read with the core."""
    project = Project(srcdir, list(source_suffix))
    for docname in sorted(project.discover(exclude, include)):
        src = Path(project.doc2path(docname, absolute=False)).as_posix()
        if source_suffix.get(Path(src).suffix) != MARKDOWN:
            continue
        path = Path(project.doc2path(docname, absolute=True))
        try:
            try:
                text = read_file(str(path)).decode("utf-8")
            except UnicodeDecodeError:
                if not rules.in_dirs(src):
                    continue
                raise PostingError(
                    src, "file", "is not UTF-8 text; save it as UTF-8 in your editor"
                ) from None
            except FileTooLarge:
                if rules.in_dirs(src):
                    yield Document(docname, src, None, too_large(src).problem, unreadable=True)
                continue
            collected = collect_posting(src, text, rules=rules, defaults=defaults)
        except PostingError as error:
            yield Document(docname, src, None, error.problem)
            continue
        except OSError:
            continue  # vanished or unreadable: Sphinx reports it when it reads the file
        yield Document(docname, src, collected)


def draft_patterns(documents: Iterable[Document]) -> list[str]:
    """``exclude_patterns`` entries for the drafts among ``documents``, and for files too large
    to read (glob characters escaped)."""
    return [
        _escape(document.src)
        for document in documents
        if document.unreadable
        or (document.collected is not None and document.collected.posting.draft)
    ]


def _escape(path: str) -> str:
    return "".join(f"[{ch}]" if ch in "*?[]" else ch for ch in path)


def tag_page_clashes(
    tags_dir: str, tags: Mapping[str, Tag], postings: Mapping[str, str]
) -> list[Problem]:
    """Postings (``postings``: docname to source path) that are documents of the name of a
    page made for ``tags``: they would stand in for that page without a word."""
    return [
        generated_clash(postings[name], name, what, "postings_tags_dir")
        for name, _, what in tag_pages(tags_dir, tags)
        if name in postings
    ]
