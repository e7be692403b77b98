"""mkdocs-postings: a research lab's job postings for MkDocs (and Sphinx) sites.

Every module at the package root is the core, which imports no site generator. Each folder
is an adapter onto it: ``mkdocs`` the MkDocs plugin (ProperDocs too), ``sphinx`` the Sphinx
extension, ``cli`` the ``mkdocs-postings`` command.
"""
