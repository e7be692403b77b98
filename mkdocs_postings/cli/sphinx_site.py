"""A Sphinx project for the commands: ``conf.py`` read with Sphinx's ``Config.read`` and the
extension's ``read_settings``, documents found by Sphinx's ``Project`` and read by the core
as ``source-read`` reads them, bodies parsed with MyST. Sphinx is imported only here, and
only when a site is a Sphinx project.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from mkdocs_postings import expiry
from mkdocs_postings.cli.site import PROG, Finding, Found, Site, UsageError
from mkdocs_postings.model import (
    Problem,
)
from mkdocs_postings.publishing.listing import Tag
from mkdocs_postings.reading.collect import Collected


def load_sphinx(conf: Path, name: str) -> Site:
    """Load ``conf.py`` the way ``sphinx-build`` does (Sphinx's ``Config.read``) and read the
    ``postings_*`` values with the extension's ``read_settings``; the source folder is the
    folder of ``conf.py``. Its documents come from Sphinx's ``Project`` (``exclude_patterns``
    honoured) and are read with the core, as ``source-read`` reads them (``sources.py``)."""
    config = _read_conf(conf, name)  # first: it says so when Sphinx is not installed
    from mkdocs_postings.sphinx import settings as sphinx_settings

    settings, errors, warnings = sphinx_settings.read_settings(config, conf.parent)
    if errors:
        raise UsageError("; ".join(errors))
    finding = _finding_as_logged(typed=bool(getattr(config, "show_warning_types", True)))
    # Values of the HTML builder and of MyST, which register them, as conf.py sets them.
    raw: dict[str, Any] = getattr(config, "_raw_config", {})

    def render(collected: Collected) -> str:
        return render_myst(collected, raw.get("myst_enable_extensions") or [])

    return Site(
        config_name=name,
        docs_dir=conf.parent.resolve(),
        settings=settings,
        problems=[finding("warning", Problem(*text.split(": ", 2)), "config") for text in warnings],
        scan=_scanner(conf.parent.resolve(), config, settings),
        render=render,
        finding=finding,
        clock=sphinx_now,
        clashes=lambda tags, srcs: _clashes(settings.tags_dir, tags, srcs),
    )


def _clashes(tags_dir: str, tags: Mapping[str, Tag], srcs: Sequence[str]) -> list[Problem]:
    """As ``on_env_updated``: a posting document named like a tag's page."""
    from mkdocs_postings.sphinx.documents import tag_page_clashes

    return tag_page_clashes(
        tags_dir, tags, {str(PurePosixPath(src).with_suffix("")): src for src in srcs}
    )


def _read_conf(conf: Path, name: str) -> Any:
    """Sphinx's ``Config`` of ``conf.py``, with the extension's values added."""
    if not conf.is_file():
        raise UsageError(f"{name}: does not exist; run {PROG} in the folder of conf.py or pass -f")
    try:
        from sphinx.config import Config
        from sphinx.errors import ConfigError
        from sphinx.util.tags import Tags

        from mkdocs_postings.sphinx.settings import CONF_VALUES
    except ImportError:
        raise UsageError(
            f"{name}: Sphinx is not installed; pip install 'mkdocs-postings[sphinx]'"
        ) from None
    try:
        config = Config.read(conf.parent.resolve(), overrides={}, tags=Tags())
    except ConfigError as error:
        lines = [line.strip() for line in str(error).splitlines() if line.strip()]
        reason = lines[0].rstrip(":") + (f": {lines[-1]}" if len(lines) > 1 else "")
        raise UsageError(f"{name}: {reason}") from None
    if "mkdocs_postings.sphinx" not in config.extensions:
        raise UsageError(
            f"{name}: extensions: the postings extension is not configured; "
            "add 'mkdocs_postings.sphinx' to extensions"
        )
    for value_name, default, rebuild, types in CONF_VALUES:
        config.add(value_name, default, rebuild, types)
    return config


def _finding_as_logged(*, typed: bool) -> Callable[..., Finding]:
    """Problems worded as ``sphinx-build`` logs them (with the warning type when shown)."""

    def finding(level: str, problem: Problem, kind: str = "posting") -> Finding:
        suffix = (" [postings]" if level == "error" else f" [postings.{kind}]") if typed else ""
        return Finding(level, problem.file, problem.field, problem.message, "", suffix, "sphinx")

    return finding


def _scanner(
    srcdir: Path, config: Any, settings: Any
) -> Callable[[], tuple[list[Finding], list[Found]]]:
    """Find and validate the project's posting documents as ``source-read`` reads them."""
    from mkdocs_postings.sphinx import documents

    raw: dict[str, Any] = getattr(config, "_raw_config", {})
    base = str(raw.get("html_baseurl") or "").rstrip("/")
    page_suffix = str(raw.get("html_file_suffix") or ".html")

    def url(docname: str) -> str:  # as the build's postings.json gives it
        return f"{base}/{docname}{page_suffix}" if base else docname + page_suffix

    def scan() -> tuple[list[Finding], list[Found]]:
        found = [
            Found(s.src, url(s.docname), s.collected, s.error, url(s.docname) if base else None)
            for s in documents.scan_documents(
                srcdir,
                source_suffix=documents.merged_source_suffix(config.source_suffix),
                exclude=[
                    *config.exclude_patterns,
                    *config.templates_path,
                    *raw.get("html_static_path", []),
                    *raw.get("html_extra_path", []),
                ],
                include=config.include_patterns,
                rules=settings.rules,
                defaults=settings.defaults,
            )
        ]
        return [], found

    return scan


def render_myst(collected: Collected, extensions: Sequence[str]) -> str:
    """A posting's body as the Sphinx build reads it: MyST's docutils parser turns it into a
    doctree (with the title heading the extension gives it) and the extension's ``body_html``
    into the HTML the body rules read. Outside Sphinx, Sphinx-only roles and directives
    (``{ref}``, ``{toctree}``) render as nothing."""
    from docutils.core import publish_doctree
    from myst_parser.parsers.docutils_ import Parser

    from mkdocs_postings.sphinx.extension import body_html, title_heading

    body = collected.front_matter.body
    text = title_heading(collected.posting.title, body) + body
    try:
        doctree = publish_doctree(
            text,
            parser=Parser(),
            settings_overrides={
                "report_level": 5,  # quiet: the build reports MyST's own warnings
                "halt_level": 5,
                "doctitle_xform": False,  # as Sphinx: the title stays a section
                "sectsubtitle_xform": False,
                "myst_enable_extensions": list(extensions),
            },
        )
    except Exception:  # a construct the build itself would report
        return ""
    return body_html(doctree)


def sphinx_now() -> datetime:
    """The Sphinx extension's "now" (``SOURCE_DATE_EPOCH`` honoured)."""
    try:
        return expiry.build_time()
    except ValueError as error:
        raise UsageError(str(error)) from None
