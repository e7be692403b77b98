"""The example lab site on Sphinx: the very same posting files as the MkDocs site.

``openings`` here is a symbolic link to ``../docs/openings`` (the MkDocs site's folder), so both
sites publish one set of files; Sphinx follows the link when it looks for sources.

Build:  sphinx-build -W -b html example_site/sphinx example_site/sphinx/_build/html
"""

project = "Chair of Medical Informatics"
language = "en"
extensions = ["mkdocs_postings.sphinx"]  # loads myst_parser for the Markdown files
exclude_patterns = ["_build"]

html_theme = "furo"  # pydata_sphinx_theme and alabaster work as well
html_title = project
html_baseurl = "https://medinf.example.org/"

# The same options as the MkDocs site's `postings:` block in ../mkdocs.yml.
postings_organization = {
    "name": "University of Zurich",
    "url": "https://www.uzh.ch",
    "unit": "Chair of Medical Informatics",
}
postings_location = {"locality": "Zurich", "country": "CH"}
postings_timezone = "Europe/Zurich"
postings_detect = {"dirs": ["openings"], "tags": ["Opportunities"]}
