"""Which site a command works on: the ``-f`` option, and ``load_site`` for what it names."""

from __future__ import annotations

import argparse
from pathlib import Path

from mkdocs_postings.cli.mkdocs_site import load_mkdocs
from mkdocs_postings.cli.site import Site
from mkdocs_postings.cli.sphinx_site import load_sphinx

__all__ = ["add_config_option", "load_site"]


def load_site(config_file: str | None) -> Site:
    """The site ``-f`` names: a ``conf.py`` (or a folder with one and no ``mkdocs.yml``) is a
    Sphinx project; anything else is read as ``mkdocs.yml``."""
    path = Path(config_file or ".")
    if path.name == "conf.py":
        return load_sphinx(path, config_file or "conf.py")
    mkdocs_there = any((path / name).exists() for name in ("mkdocs.yml", "mkdocs.yaml"))
    if path.is_dir() and (path / "conf.py").is_file() and not mkdocs_there:
        name = "conf.py" if config_file is None else str(path / "conf.py")
        return load_sphinx(path / "conf.py", name)
    return load_mkdocs(config_file)


def add_config_option(parser: argparse.ArgumentParser) -> None:
    """The ``-f`` option every command takes."""
    parser.add_argument(
        "-f",
        "--config-file",
        metavar="FILE",
        help="the site's mkdocs.yml, or a Sphinx project's conf.py or its folder "
        "(default: mkdocs.yml, else conf.py, in this folder)",
    )
