"""What the MkDocs adapter does to a theme's pages: the plugin's assets, and two fixes to
markup a theme or MkDocs writes around a posting page that the plugin keeps out of the nav or
shows as a draft."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig

__all__ = [
    "CSS_URI",
    "JS_URI",
    "add_assets",
    "theme_has",
    "without_dangling_toc_label",
    "without_draft_marker",
]

CSS_URI = "assets/postings/postings.css"
JS_URI = "assets/postings/postings.js"


def add_assets(config: MkDocsConfig) -> None:
    """The plugin's stylesheet, and its script deferred (it closes postings in the browser)."""
    config.extra_css.append(CSS_URI)
    script = ExtraScriptValue(JS_URI)
    script.defer = True
    config.extra_javascript.append(script)


# What `mkdocs serve` puts above a draft page: the plugin's draft notice says it, and more.
_MKDOCS_DRAFT_MARKER = (
    '<div class="mkdocs-draft-marker" title="This page will not be included into the built '
    'site.">DRAFT</div>'
)
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def without_dangling_toc_label(output: str) -> str:
    """Material's table of contents is titled by a label for the ``__toc`` switch, which
    Material writes into the page's own nav entry; a posting page kept out of the nav has
    none, and a label for a missing control is invalid HTML. The label stays, as a title.

    The switch, when there is one, comes before the label (the primary sidebar before the
    secondary): only the page up to the label is searched, not the body after it."""
    at = output.find(_TOC_LABEL)
    if at < 0 or output.find('id="__toc"', 0, at) >= 0:
        return output
    return output[:at] + '<label class="md-nav__title">' + output[at + len(_TOC_LABEL) :]


def theme_has(config: MkDocsConfig, template: object) -> bool:
    """Whether ``template`` is a file of the theme (its ``custom_dir`` included)."""
    return isinstance(template, str) and any(
        (Path(folder) / template).is_file() for folder in config.theme.dirs
    )


def without_draft_marker(output: str) -> str:
    """A draft page as ``mkdocs serve`` shows it, without MkDocs' bare ``DRAFT`` marker (the
    plugin's draft notice says it, and how to publish), its toc label fixed as on any page
    out of the nav."""
    return without_dangling_toc_label(output.replace(_MKDOCS_DRAFT_MARKER, "", 1))
