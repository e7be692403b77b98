"""The project's documentation: the docs site builds with ``--strict``, the configuration
reference documents every option the code has (and no option it lacks), and the README stays
short and keeps the two commands ``.ci/run`` and the project rules rely on."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from conftest import ROOT

from mkdocs_postings.options import OPTIONS, Option
from mkdocs_postings.sphinx.settings import CONF_VALUES

DOCS = ROOT / "docs"
REFERENCE = DOCS / "configuration.md"

PAGES = (
    "index",
    "getting-started",
    "configuration",
    "front-matter",
    "listings",
    "deadlines",
    "outputs",
    "board",
    "migrating",
    "cli",
    "sphinx",
    "errors",
    "design",
    "speed",
)

README_COMMANDS = (
    "python3 -m venv .venv && . .venv/bin/activate && pip install -e . && "
    "mkdocs serve -f example_site/mkdocs.yml",
    'python3 -m venv .venv && . .venv/bin/activate && pip install -q -e ".[test]" && '
    "python -m pytest",
)
"""The README's two commands, verbatim: ``.ci/run`` runs the second one."""

README_MAX_LINES = 200


# --------------------------------------------------------------------------- the docs site


@pytest.fixture(scope="module")
def docs_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """``mkdocs build --strict`` of the repository's own docs site, as a maintainer runs it."""
    out = tmp_path_factory.mktemp("docs-site")
    config = str(ROOT / "mkdocs.yml")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return out, result.stderr


def _page(out: Path, name: str) -> BeautifulSoup:
    path = out / "index.html" if name == "index" else out / name / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_docs_site_builds_strictly_with_every_page(docs_site):
    out, log = docs_site
    assert "WARNING" not in log
    for name in PAGES:
        assert (DOCS / f"{name}.md").is_file(), name
        heading = _page(out, name).select_one("article h1")
        assert heading is not None and heading.get_text(strip=True), name


def test_every_page_is_in_the_nav(docs_site):
    out, _ = docs_site
    soup = _page(out, "index")
    linked = {
        link["href"].strip("./").removesuffix("/") or "index"
        for link in soup.select("nav.md-nav--primary a.md-nav__link[href]")
    }
    assert set(PAGES) <= linked


def test_screenshots_on_the_home_page_exist(docs_site):
    out, _ = docs_site
    images = _page(out, "index").select("article img")
    assert len(images) == 6
    for image in images:
        assert (out / image["src"]).is_file(), image["src"]
        assert image.get("alt"), image["src"]


# --------------------------------------------------------------------------- the reference


def plugin_options(options: Sequence[Option], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every option of the core's schema as ``(dotted name, default)``, the keys of its
    mappings included (``detect.dirs``)."""
    for option in options:
        dotted = prefix + option.name
        yield dotted, option.default
        yield from plugin_options(option.keys, dotted + ".")


@dataclass(frozen=True)
class Documented:
    """One option's section of the reference: a ``### `name` `` heading and what follows."""

    default: str | None
    """The code of its "Default:" line (None when that line gives no code, e.g. "none")."""
    has_default: bool
    has_example: bool


def documented_options(reference: str) -> dict[str, Documented]:
    """The options a reference page documents, read from its rendered HTML: every ``<h3>``
    that is one code span, with the section up to the next heading."""
    html = markdown.markdown(
        reference, extensions=["tables", "def_list", "attr_list", "pymdownx.superfences"]
    )
    soup = BeautifulSoup(html, "html.parser")
    found: dict[str, Documented] = {}
    for heading in soup.find_all("h3"):
        children = [child for child in heading.children if str(child).strip()]
        if len(children) != 1 or getattr(children[0], "name", None) != "code":
            continue
        default_line: Tag | None = None
        has_example = False
        for sibling in heading.find_next_siblings():
            if sibling.name in {"h1", "h2", "h3"}:
                break
            if sibling.name == "p" and sibling.get_text().startswith("Default:"):
                default_line = default_line or sibling
            has_example = has_example or sibling.name == "pre" or bool(sibling.find("pre"))
        code = default_line.find("code") if default_line is not None else None
        found[children[0].get_text()] = Documented(
            default=code.get_text() if code is not None else None,
            has_default=default_line is not None,
            has_example=has_example,
        )
    return found


def reference_gaps(names: Sequence[str], documented: Mapping[str, Documented]) -> list[str]:
    """What the reference lacks for ``names``: a section, its default, its example."""
    gaps = []
    for name in names:
        section = documented.get(name)
        if section is None:
            gaps.append(f"{name}: no section")
            continue
        if not section.has_default:
            gaps.append(f"{name}: no 'Default:' line")
        if not section.has_example:
            gaps.append(f"{name}: no example")
    return gaps


MKDOCS_OPTIONS = dict(plugin_options(OPTIONS))
SPHINX_VALUES = {name: default for name, default, *_ in CONF_VALUES}


@pytest.fixture(scope="module")
def reference() -> dict[str, Documented]:
    return documented_options(REFERENCE.read_text(encoding="utf-8"))


def test_the_option_walk_reaches_the_sub_configs():
    # Without this, a walk that stopped at the top level would document nothing nested.
    assert {"organization", "organization.url", "detect", "detect.dirs", "labels"} <= set(
        MKDOCS_OPTIONS
    )
    assert {"postings_timezone", "postings_detect", "postings_labels"} <= set(SPHINX_VALUES)


def test_every_option_and_conf_value_is_in_the_reference(reference):
    assert reference_gaps([*MKDOCS_OPTIONS, *SPHINX_VALUES], reference) == []


def test_the_reference_documents_no_option_the_code_lacks(reference):
    assert set(reference) - set(MKDOCS_OPTIONS) - set(SPHINX_VALUES) == set()


DEFAULTS = [
    pytest.param(name, default, yaml.safe_load, id=name)
    for name, default in MKDOCS_OPTIONS.items()
    if default is not None
] + [
    pytest.param(name, default, ast.literal_eval, id=name)
    for name, default in SPHINX_VALUES.items()
    if default is not None
]
"""Every option with a default other than None (those say "none" in words), with the parser
of its example language: YAML for mkdocs.yml, Python literals for conf.py."""


@pytest.mark.parametrize(("name", "default", "parse"), DEFAULTS)
def test_documented_defaults_are_the_code_defaults(reference, name, default, parse):
    section = reference[name]
    assert section.default is not None, f"{name}: the 'Default:' line has no value in code"
    assert parse(section.default) == default


def test_the_check_reports_a_missing_option(reference):
    """The check is not vacuous: a name the reference lacks, and sections without a default
    or an example, are reported."""
    assert reference_gaps(["detect.no_such_rule", "postings_no_such_value"], reference) == [
        "detect.no_such_rule: no section",
        "postings_no_such_value: no section",
    ]
    bare = documented_options("# Options\n\n### `colour`\n\nThe colour.\n\n### `size`\n")
    assert reference_gaps(["colour", "size"], bare) == [
        "colour: no 'Default:' line",
        "colour: no example",
        "size: no 'Default:' line",
        "size: no example",
    ]


# --------------------------------------------------------------------------- the README


def test_readme_is_short_and_keeps_both_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) < README_MAX_LINES
    lines = readme.splitlines()
    for command in README_COMMANDS:
        assert command in lines, command


def test_readme_links_resolve():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    soup = BeautifulSoup(markdown.markdown(readme, extensions=["tables"]), "html.parser")
    targets = [a["href"] for a in soup.find_all("a", href=True)]
    targets += [img["src"] for img in soup.find_all("img", src=True)]
    local = [t for t in targets if "://" not in t and not t.startswith(("#", "mailto:"))]
    assert local, "the README links into docs/"
    for target in local:
        assert (ROOT / target.split("#", 1)[0]).is_file(), target
