"""The MkDocs adapter (also loaded by ProperDocs): the plugin and what only it needs.

``plugin.py`` maps MkDocs' build events onto the core's one build (``build.Build``),
``config.py`` makes the plugin's config class from ``options.OPTIONS``, ``scan.py`` decides
which files of a site are postings and reads the settings, ``pages.py`` adds the generated
pages, ``theme.py`` the assets. Nothing outside this folder imports MkDocs, except the
command line.
"""
