"""mkdocs-postings for Sphinx: ``extensions = ["mkdocs_postings.sphinx"]`` in ``conf.py``.

The same postings, pages, listings, feeds and HTML hooks as the MkDocs plugin, from the same
core; posting files are MyST Markdown with YAML or TOML front matter. Options are the
``postings_*`` conf values (``settings.py``; the docs' configuration reference).
"""

from mkdocs_postings.sphinx.extension import setup

__all__ = ["setup"]
