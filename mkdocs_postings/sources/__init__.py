"""Sources: other sites' JSON listings, gathered into this site's board (the ``sources``
option). ``fetch`` reads one over HTTP within hard limits; ``gather`` reads and validates them
into ``SourcePosting``s.
"""
