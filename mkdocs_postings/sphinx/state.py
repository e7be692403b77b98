"""What the Sphinx adapter keeps: per document in the pickled environment (``EnvData``), per
build on the application (``ThisBuild``, holding the core's ``Build``); and the helpers every
event shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from mkdocs_postings.build import Build
from mkdocs_postings.model import Posting
from mkdocs_postings.publishing.render import Renderer
from mkdocs_postings.sphinx.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class EnvData:
    """What the sources told, kept in Sphinx's pickled environment (one entry per docname)."""

    postings: dict[str, Posting] = field(default_factory=dict)
    listings: set[str] = field(default_factory=set)
    """Documents with a ``postings`` directive."""
    errors: set[str] = field(default_factory=set)
    """Postings that could not be published; re-read every build so the build keeps failing."""
    fingerprint: str = ""
    """What the postings showed when the pages were last written."""


def env_data(env: BuildEnvironment) -> EnvData:
    data = getattr(env, "postings", None)
    if not isinstance(data, EnvData):
        data = EnvData()
        env.postings = data  # type: ignore[attr-defined]
    return data


@dataclass
class ThisBuild:
    """Per-build state: settings and renderer (config-inited), the core's ``Build`` and the
    published postings by docname (env-updated)."""

    settings: Settings
    renderer: Renderer
    failed: bool = False
    build: Build | None = None
    postings: dict[str, Posting] = field(default_factory=dict)
    """This build's published postings (completed, checked) by docname."""
    drafts: list[tuple[str, str]] = field(default_factory=list)
    """Drafts left out of this build: docname and source-relative path."""


def build_state(app: Sphinx) -> ThisBuild:
    return app._postings  # type: ignore[attr-defined,no-any-return]


def source_path(env: BuildEnvironment, docname: str) -> str:
    """The docs-relative path of a document, as errors name it."""
    return Path(env.doc2path(docname, False)).as_posix()


def is_html(app: Sphinx) -> bool:
    return getattr(app.builder, "format", "") == "html"


def report_error(app: Sphinx, message: str) -> None:
    log.error(message, type="postings")
    build_state(app).failed = True


class postings_listing(nodes.General, nodes.Element):
    """Where a listing goes; replaced by its cards when the page is written."""
