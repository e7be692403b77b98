"""mkdocs-postings: a research lab's job postings for MkDocs (and Sphinx) sites.

The core imports no site generator: ``build`` (one build, step by step), ``model`` (what a
posting is), ``expiry`` (time and status), ``text``, and a folder per stage of a build:
``reading`` (a posting file), ``body`` (its rendered body), ``publishing`` (pages, listings,
feeds) and ``sources`` (other sites' listings). Each adapter maps its framework's events onto
the build: ``mkdocs`` the MkDocs plugin (ProperDocs too), ``sphinx`` the Sphinx extension,
``cli`` the ``mkdocs-postings`` command.
"""

from pathlib import Path

ASSETS = Path(__file__).resolve().parent / "assets"
"""The stylesheet and the closing script every adapter publishes."""
