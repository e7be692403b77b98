"""Which files of a MkDocs site are postings, and what is wrong with them.

The one place where a site's plugin options become detection rules and its posting files are
read and validated. ``mkdocs build`` (``plugin.py``) and ``mkdocs-postings check`` (``cli.py``)
both go through here, so the command line reports exactly what a build would: the same
options, the same files, the same problems, worded the same way.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from mkdocs_postings.mkdocs.config import PostingsConfig
from mkdocs_postings.model import Defaults, PostingError, Problem
from mkdocs_postings.options import Context, OptionsFile, Settings, settings_from
from mkdocs_postings.reading.collect import (
    Collected,
    DetectRules,
    FileTooLarge,
    body_of,
    collect_posting,
    read_file,
    too_large,
)

__all__ = ["Scanned", "Scanner", "Settings", "SiteUrls", "read_settings"]

MKDOCS_YML = OptionsFile("mkdocs.yml", where=" under the postings plugin")
"""How problems with the plugin's options name their file (MkDocs' default config name)."""


def read_settings(options: PostingsConfig, config: MkDocsConfig) -> Settings:
    """The plugin's validated options as the core's settings, read against the site's config
    (its theme's language, its name, its folders); raises ``PluginError`` for a cache folder
    inside the docs."""
    theme = config.theme
    context = Context(
        MKDOCS_YML,
        site_name=config.site_name,
        languages=(
            ("plugins.postings.language", options.language),
            ("theme.language", theme.get("language")),
            ("theme.locale", theme.get("locale")),
        ),
        base_dir=Path(config.config_file_path or ".").resolve().parent,
        docs_dir=Path(config.docs_dir),
    )
    settings, errors = settings_from(options, context)
    if errors:
        raise PluginError(str(errors[0]))
    return settings


@dataclass(frozen=True)
class Scanned:
    """One documentation page looked at: a posting, no posting, or a posting with an error."""

    file: File
    collected: Collected | None
    """The validated posting (with its warnings); None if the page is no posting or broken."""
    error: Problem | None = None
    """What stops this posting from being published."""


class Scanner:
    """Finds and validates the postings among a site's pages.

    Each file's result is cached by path, modification time and size, so a long-lived scanner
    (the plugin keeps one across ``mkdocs serve`` rebuilds) parses an unchanged file once.
    """

    def __init__(self) -> None:
        self._cache: dict[str, tuple[tuple[Any, ...], Collected | None]] = {}
        self._cache_settings: tuple[Any, ...] | None = None
        # Cached postings whose body went to MkDocs (which keeps its own copy): the body is
        # read again on a cache hit, so no second copy of every body stays in memory.
        self._body_handed_over: set[str] = set()

    def hand_over_body(self, collected: Collected) -> Collected:
        """Give up the cached copy of a posting's body (MkDocs holds it from now on); return
        the posting without its body."""
        src = collected.posting.src
        cached = self._cache.get(src)
        emptied = replace(collected, front_matter=replace(collected.front_matter, body=""))
        if cached is not None and cached[1] is collected:
            self._body_handed_over.add(src)
            self._cache[src] = (cached[0], emptied)
        return emptied

    def _with_body(self, file: File, collected: Collected | None) -> Collected | None:
        """A cached posting with its body back (the file is unchanged: no parsing)."""
        if collected is None or file.src_uri not in self._body_handed_over:
            return collected
        text = _read_text(file, in_posting_folder=False) or ""
        self._body_handed_over.discard(file.src_uri)
        front_matter = replace(collected.front_matter, body=body_of(text))
        collected = replace(collected, front_matter=front_matter)
        self._cache[file.src_uri] = (self._cache[file.src_uri][0], collected)
        return collected

    def scan(self, files: Files, settings: Settings) -> Iterator[Scanned]:
        """Look at every documentation page of ``files`` that a user wrote, in order.

        A generator: a caller that stops at the first error (the build) reads no further
        files; one that wants every problem (``check``) reads them all.
        """
        key = (settings.defaults, settings.rules)
        if key != self._cache_settings:
            self._cache.clear()
            self._body_handed_over.clear()
            self._cache_settings = key
        for file in files.documentation_pages():
            if file.generated_by is not None:
                continue  # another plugin's virtual page (or ours, from an earlier pass)
            yield self._scan(file, settings.rules, settings.defaults)

    def _scan(self, file: File, rules: DetectRules, defaults: Defaults) -> Scanned:
        stamp: tuple[Any, ...] = ()
        if file.abs_src_path:
            stat = os.stat(file.abs_src_path)
            stamp = (file.abs_src_path, stat.st_mtime_ns, stat.st_size)
            cached = self._cache.get(file.src_uri)
            if cached and cached[0] == stamp:
                return Scanned(file, self._with_body(file, cached[1]))
        try:
            text = _read_text(file, in_posting_folder=rules.in_dirs(file.src_uri))
            if text is None:
                collected = None
            else:
                collected = collect_posting(file.src_uri, text, rules=rules, defaults=defaults)
        except PostingError as error:
            self._cache.pop(file.src_uri, None)
            self._body_handed_over.discard(file.src_uri)
            return Scanned(file, None, error.problem)
        self._body_handed_over.discard(file.src_uri)
        if stamp:
            self._cache[file.src_uri] = (stamp, collected)
        return Scanned(file, collected)


def _read_text(file: File, *, in_posting_folder: bool) -> str | None:
    """The file's text, or None if it is not UTF-8 or too large to be a posting (an error
    for a file in a posting folder)."""
    if file.abs_src_path is None:
        return file.content_string
    try:
        return read_file(file.abs_src_path).decode("utf-8")
    except UnicodeDecodeError:
        if in_posting_folder:
            raise PostingError(
                file.src_uri, "file", "is not UTF-8 text; save it as UTF-8 in your editor"
            ) from None
        return None
    except FileTooLarge:
        if in_posting_folder:
            raise too_large(file.src_uri) from None
        return None


def claim_url(file: File, urls: dict[str, str]) -> Problem | None:
    """Record that the posting ``file`` is written to its URL; a Problem when another posting
    already is (``phd.md`` and ``phd/index.md``: one would overwrite the other)."""
    other = urls.setdefault(file.dest_uri, file.src_uri)
    if other == file.src_uri:
        return None
    return Problem(
        file.src_uri,
        "file",
        f"has the same URL ({file.url}) as {other}, so one would overwrite the other; "
        "rename or remove one of them",
    )


class SiteUrls:
    """Every page and file of the site as absolute URLs, which a relative Apply link must lead
    to (``apply.complete_from_body``'s ``site_urls``), for the plugin and ``check``. Built on
    the first question: only a relative Apply link to a file asks (most builds never do;
    1,000 urljoins cost 0.2 % of a 1,000-posting build)."""

    def __init__(self, site_url: str, files: Files) -> None:
        self._site_url, self._files = site_url, files
        self._urls: frozenset[str] | None = None

    def __contains__(self, url: object) -> bool:
        if self._urls is None:
            self._urls = frozenset(urljoin(self._site_url, f.url) for f in self._files)
        return url in self._urls
