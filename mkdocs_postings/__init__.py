"""mkdocs-postings: a research lab's job postings for MkDocs (and Sphinx) sites.

The core (model, collect, expiry, extract, labels, listing, render, structured_data, feeds)
imports no site generator; ``plugin`` is the MkDocs adapter, ``sphinx`` the Sphinx extension,
``cli`` the ``mkdocs-postings`` command.
"""
