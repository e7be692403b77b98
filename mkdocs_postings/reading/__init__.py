"""Reading a posting file: its front matter (YAML or TOML) into a validated ``Posting``.

``collect`` finds which files are postings and reads them; ``validate`` builds the
``Posting``, its dates and deadlines; ``fields`` reads every other field, one at a time;
``unfinished`` finds what keeps a posting from being fit to publish.
"""
