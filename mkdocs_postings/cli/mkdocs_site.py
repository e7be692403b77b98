"""An MkDocs site for the commands, loaded and scanned with the build's own code.

``mkdocs.yml`` is loaded with MkDocs' ``load_config`` (so the plugin's options are
validated exactly as in a build), the files come from MkDocs' ``get_files``, and postings
are found and validated by ``scan.Scanner``, the code ``on_files`` runs. "Now" is
``mkdocs.utils.get_build_datetime()``, the build's clock (``SOURCE_DATE_EPOCH`` honoured).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import markdown
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.structure.files import Files, get_files
from mkdocs.utils import get_build_datetime

from mkdocs_postings.cli.site import PROG, Finding, Found, Site, UsageError
from mkdocs_postings.mkdocs.pages import generated_clashes
from mkdocs_postings.mkdocs.plugin import PostingsPlugin
from mkdocs_postings.mkdocs.scan import Scanner, SiteUrls, claim_url, read_settings
from mkdocs_postings.model import Problem
from mkdocs_postings.publishing.listing import Tag


class _Collector(logging.Handler):
    """Keeps MkDocs' log records, so they can be reported in the command's own output."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _mkdocs_log() -> Iterator[_Collector]:
    logger = logging.getLogger("mkdocs")
    collector = _Collector()
    propagate, level = logger.propagate, logger.level
    logger.addHandler(collector)
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
        logger.propagate = propagate
        logger.setLevel(level)


def _loaded(config_file: str | None, name: str) -> tuple[MkDocsConfig, list[logging.LogRecord]]:
    """``mkdocs.yml`` loaded by MkDocs' ``load_config``, with what MkDocs logged meanwhile;
    ``UsageError`` if it cannot be loaded."""
    with _mkdocs_log() as log:
        try:
            return load_config(config_file), log.records
        except ConfigurationError as error:
            reason = " ".join(str(error).split()).rstrip(".")
            hint = f"; run {PROG} in the folder of mkdocs.yml or pass -f"
            raise UsageError(reason + (hint if "does not exist" in reason else "")) from None
        except OSError as error:  # a folder, or a file that cannot be read
            raise UsageError(f"{name}: cannot read it: {error.strerror}") from None
        except Abort:
            errors = [r.getMessage() for r in log.records if r.levelno >= logging.ERROR]
            reason = "; ".join(errors) or "MkDocs could not load it"
            raise UsageError(f"{name}: {reason}") from None


def load_mkdocs(config_file: str | None) -> Site:
    """Load ``mkdocs.yml`` the way ``mkdocs build`` does; raise ``UsageError`` if it fails.
    Its files come from MkDocs' ``get_files`` and go through ``scan.Scanner`` (``on_files``)."""
    name = config_file or "mkdocs.yml"
    config, records = _loaded(config_file, name)
    plugin = next((p for p in config.plugins.values() if isinstance(p, PostingsPlugin)), None)
    if plugin is None:
        raise UsageError(
            f"{name}: plugins: the postings plugin is not configured; "
            "add '- postings' under plugins:"
        )
    try:
        settings = read_settings(plugin.config, config)
    except PluginError as error:
        raise UsageError(str(error)) from None
    problems = [Finding("warning", name, None, r.getMessage()) for r in records]
    problems += [Finding.of("warning", p) for p in settings.warnings]

    def scan() -> tuple[list[Finding], list[Found]]:
        with _mkdocs_log() as log:
            files = get_files(config)
        logged = [Finding("warning", name, None, r.getMessage()) for r in log.records]
        base = (config.site_url or "").rstrip("/") + "/"
        # as on_files: with a site_url, a relative Apply link must lead to a page or file
        site_urls = SiteUrls(config.site_url, files) if config.site_url else None
        scanned.append(files)
        found: list[Found] = []
        urls: dict[str, str] = {}
        for s in Scanner().scan(files, settings):
            collected, error = s.collected, s.error
            if collected is not None and not collected.posting.draft:
                error = claim_url(s.file, urls)  # as on_files: two postings at one URL
                collected = None if error else collected
            url = base + s.file.url
            found.append(Found(s.file.src_uri, url, collected, error, url, site_urls))
        return logged, found

    scanned: list[Files] = []  # the files of the last scan

    def clashes(tags: Mapping[str, Tag], srcs: Sequence[str]) -> list[Problem]:
        """As ``on_files``: a posting at the path or address of a page the build makes."""
        return generated_clashes(
            scanned[-1],
            config,
            index=settings.index,
            tags_dir=settings.tags_dir,
            tags=tags,
            postings=srcs,
        )

    return Site(
        config_name=name,
        docs_dir=Path(config.docs_dir),
        settings=settings,
        problems=problems,
        scan=scan,
        render=lambda collected: render_markdown(config, collected.front_matter.body),
        finding=Finding.of,
        clock=build_now,
        clashes=clashes,
    )


def render_markdown(config: MkDocsConfig, text: str) -> str:
    """A posting's body as the build renders it (the site's extensions and their options)."""
    md = markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )
    try:
        return md.convert(text)
    except Exception:  # an extension that needs the build's page context; the build reports it
        return ""


def build_now() -> datetime:
    """The build's "now" (``SOURCE_DATE_EPOCH`` honoured)."""
    try:
        return get_build_datetime()
    except ValueError:
        raise UsageError(
            f"SOURCE_DATE_EPOCH: {os.environ.get('SOURCE_DATE_EPOCH')!r} is not a whole number "
            "of seconds since 1970; unset it or set e.g. SOURCE_DATE_EPOCH=1796126400"
        ) from None
