"""Shared helpers: write real sites into tmp dirs, build them with real MkDocs, parse the HTML."""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import yaml
from bs4 import BeautifulSoup

from mkdocs_postings.model import Defaults, Location

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_SITE = ROOT / "example_site"
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "scripts"))  # corpus_figures: the corpus scored by its labels

PINNED = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
"""The clock of every build test: 1 December 2026, 12:00 UTC."""
PINNED_EPOCH = str(int(PINNED.timestamp()))

ZURICH_DEFAULTS = Defaults(
    timezone=ZoneInfo("Europe/Zurich"),
    deadline_time=time(23, 59),
    location=Location(locality="Zurich", country="CH"),
)
"""Site defaults of the core's unit tests: the example lab's zone and place."""

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@dataclass
class Site:
    """A site in a tmp dir: ``docs/`` plus ``mkdocs.yml``; ``build()`` returns the output dir."""

    root: Path
    config: dict = field(default_factory=dict)

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def out(self) -> Path:
        return self.root / "site"

    def write(self, path: str, text: str) -> Path:
        target = self.docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return target

    def write_config(self) -> Path:
        path = self.root / "mkdocs.yml"
        path.write_text(yaml.safe_dump(self.config, sort_keys=False), encoding="utf-8")
        return path

    def build(self, *, strict: bool = True) -> Path:
        """Build in this process (real MkDocs, real plugins); raise on failure."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config_file = self.write_config()
        config = load_config(str(config_file), strict=strict, site_dir=str(self.out))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        return self.out

    def run_mkdocs(
        self, *args: str, env: Mapping[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """``mkdocs build`` in a subprocess, as a lab's CI runs it."""
        self.write_config()
        full_env = {**os.environ, "SOURCE_DATE_EPOCH": PINNED_EPOCH, **(env or {})}
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "-f",
                str(self.root / "mkdocs.yml"),
                "-d",
                str(self.out),
                *args,
            ],
            capture_output=True,
            text=True,
            env=full_env,
            timeout=120,
        )

    def page(self, url_path: str) -> BeautifulSoup:
        path = self.out / url_path
        if path.is_dir() or url_path.endswith("/") or not url_path:
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@contextmanager
def pinned_epoch() -> Iterator[None]:
    """``SOURCE_DATE_EPOCH`` at the pinned clock for a block (module-scoped fixtures, which
    cannot use ``monkeypatch``); the variable is restored afterwards."""
    with mock.patch.dict(os.environ, {"SOURCE_DATE_EPOCH": PINNED_EPOCH}):
        yield


def run_cli(
    *args: str, cwd: Path, env: Mapping[str, str | None] | None = None
) -> subprocess.CompletedProcess[str]:
    """``mkdocs-postings ARGS`` in this process: ``mkdocs_postings.cli.main(argv)`` run in
    ``cwd`` with ``env`` set on top of this process's environment (``None``: the variable
    unset), its stdout and stderr captured; the result as ``subprocess.run`` gives it, with the
    exit code a shell would see (argparse's ``SystemExit`` included). A fraction of a second
    where spawning the console script costs one to two (Python, MkDocs and the plugin imported
    anew each time); tests/test_cli.py spawns it where that is the point."""
    from mkdocs_postings.cli import main

    stdout, stderr = io.StringIO(), io.StringIO()
    with (
        contextlib.chdir(cwd),
        mock.patch.dict(os.environ),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        for name, value in (env or {}).items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse: a usage error (2) or --help (0)
            code = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
    return subprocess.CompletedProcess(
        ["mkdocs-postings", *args], code, stdout.getvalue(), stderr.getvalue()
    )


def plugin_config(**options: object) -> dict:
    base: dict = {"timezone": "Europe/Zurich"}
    base.update(options)
    return base


@pytest.fixture
def pinned_clock(monkeypatch: pytest.MonkeyPatch) -> datetime:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    return PINNED


@pytest.fixture
def make_site(tmp_path: Path, pinned_clock: datetime) -> Callable[..., Site]:
    """A fresh site: ``make_site(theme="material", **plugin_options)``."""

    def make(theme: str = "material", *, extra: Mapping | None = None, **options: object) -> Site:
        config = {
            "site_name": "Test Lab",
            "site_url": "https://lab.example.org/",
            "theme": {"name": theme},
            "markdown_extensions": ["admonition", "attr_list", {"toc": {"permalink": True}}],
            "plugins": ["search", {"postings": plugin_config(**options)}],
        }
        config.update(extra or {})
        site = Site(tmp_path / "site-src", config)
        site.docs.mkdir(parents=True)
        site.write("index.md", "# Test Lab\n\nWelcome.\n")
        return site

    return make


@pytest.fixture
def example_site(tmp_path: Path, pinned_clock: datetime) -> Site:
    """A copy of example_site/ (so its docs/ can be compared after a build)."""
    root = tmp_path / "example"
    shutil.copytree(EXAMPLE_SITE, root, ignore=shutil.ignore_patterns("site"))
    config = yaml.load((root / "mkdocs.yml").read_text(), Loader=_Loader)
    return Site(root, config)


@pytest.fixture
def built(example_site: Site) -> Site:
    """example_site/ built strictly at the pinned clock (the build tests of listings, feeds and
    structured data)."""
    example_site.build(strict=True)
    return example_site


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may use !ENV / !relative tags; tests keep them as plain strings."""


_Loader.add_multi_constructor(
    "!",
    lambda loader, suffix, node: (
        loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None
    ),
)


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the SHA-256 of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def build_errors(caplog: pytest.LogCaptureFixture) -> Callable[[Site], list[str]]:
    """Build a site that must fail; return the error lines MkDocs logged."""
    from mkdocs.exceptions import Abort

    def run(site: Site) -> list[str]:
        caplog.clear()
        with caplog.at_level(logging.WARNING), pytest.raises(Abort):
            site.build()
        return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]

    return run


# --------------------------------------------------------------------------- lanes

SLOW_FILES = {
    "test_browser.py": "a real Chromium",
    "test_html_validity.py": "the W3C Nu HTML checker (Java), three themes built twice",
    "test_serve.py": "a real mkdocs serve",
    "test_corpus.py": "every corpus posting built",
    "test_corpus_figures.py": "the corpus scored",
    "test_fuzz.py": "Hypothesis: a thousand fuzzed postings through real builds",
    "test_languages.py": "a site built per language",
    "test_sphinx.py": "a sphinx-build subprocess per test, seconds each",
    "test_sources.py": "lab sites built and served over HTTP per test, a browser, mkdocs serve",
    "test_reproducible.py": "mkdocs build subprocesses under several hosts' settings",
}
"""Test files of the slow lane, each with why it is slow."""

SLOW_TESTS = {
    "test_extract.py": {"test_long_hostile_bodies_are_read_in_linear_time": "a subprocess, 8 s"},
    "test_hostile_input.py": {
        "test_a_listing_of_many_postings_and_tags_is_capped_with_one_warning_each": "7 s"
    },
    "test_unfinished.py": {
        "test_strict_build_fails_on_placeholder_text_and_builds_without_strict": "6 s"
    },
}
"""Single tests of the slow lane by file and name (every parameter), each with its time."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The lanes: the tests of ``SLOW_FILES`` and ``SLOW_TESTS`` are marked ``slow``;
    ``python -m pytest -m "not slow"`` is the fast lane, ``python -m pytest`` the full suite.
    A name in ``SLOW_TESTS`` that matches no test of a collected file is an error, so a renamed
    test cannot drift into the fast lane unnoticed."""
    collected: dict[str, set[str]] = {}
    for item in items:
        file, name = item.path.name, getattr(item, "originalname", item.name)
        collected.setdefault(file, set()).add(name)
        if file in SLOW_FILES or name in SLOW_TESTS.get(file, {}):
            item.add_marker(pytest.mark.slow)
    by_name = any("::" in arg for arg in config.args)
    if by_name or config.getoption("keyword") or config.getoption("deselect"):
        return  # tests chosen by name: those below may be left out on purpose
    stale = [
        f"{file}::{name}"
        for file, names in SLOW_TESTS.items()
        if file in collected
        for name in names
        if name not in collected[file]
    ]
    if stale:
        raise pytest.UsageError(f"conftest.SLOW_TESTS names no test: {', '.join(stale)}")


# --------------------------------------------------------------------------- a department board


@dataclass
class Department:
    site: Site
    caplog: pytest.LogCaptureFixture

    def build(self, *, strict: bool = False, **options: object) -> list[str]:
        """Build with these plugin options; return the plugin's warning lines."""
        self.site.config["plugins"][1]["postings"].update(options)
        self.caplog.clear()
        with self.caplog.at_level(logging.INFO):
            self.site.build(strict=strict)
        return self.warnings()

    def warnings(self) -> list[str]:
        """The warnings as logged, without the plugin logger's ``mkdocs_postings:`` prefix."""
        return [
            r.getMessage().removeprefix("mkdocs_postings: ")
            for r in self.caplog.records
            if r.levelno == logging.WARNING
        ]

    def infos(self) -> list[str]:
        return [r.getMessage() for r in self.caplog.records if r.levelno == logging.INFO]

    def cards(self, url: str = "openings/") -> list[BeautifulSoup]:
        return self.site.page(url).select(".postings-card")

    def titles(self, url: str = "openings/") -> list[str]:
        return [
            card.select_one(".postings-card-title").get_text(strip=True) for card in self.cards(url)
        ]


@pytest.fixture
def department(tmp_path: Path, pinned_clock, caplog: pytest.LogCaptureFixture) -> Department:
    """A department site with one posting of its own, to gather other sites' listings into
    (tests/test_sources.py and tests/test_hostile_sources.py)."""
    site = Site(
        tmp_path / "department",
        {
            "site_name": "Department of Informatics",
            "site_url": "https://informatics.example.org/",
            "theme": {"name": "material"},
            "plugins": ["search", {"postings": plugin_config()}],
        },
    )
    site.docs.mkdir(parents=True)
    site.write("index.md", "# Department\n\n<!-- postings -->\n")
    site.write(
        "openings/faculty.md",
        """
        ---
        title: Assistant Professor in Data Science
        date: 2026-10-01
        tags: [NLP]
        posting:
          type: faculty
          deadline: 2027-03-15
          apply: https://informatics.example.org/apply
        ---
        Text.
        """,
    )
    return Department(site, caplog)
