"""The MkDocs adapter (also loaded by ProperDocs): the plugin and what only it needs.

``plugin.py`` maps MkDocs' build events onto the core, ``config.py`` declares the plugin's
options, ``scan.py`` decides which files of a site are postings, ``pages.py`` adds the
generated pages. Nothing outside this folder imports MkDocs, except the command line.
"""
