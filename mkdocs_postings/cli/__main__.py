"""``python -m mkdocs_postings.cli``, the same as the ``mkdocs-postings`` command."""

from mkdocs_postings.cli import run

run()
