"""Publishing: what a build writes about its postings.

``labels`` the UI words of a language; ``render`` the view of a posting at build time and the
HTML fragments (pages, cards, listings); ``listing`` the order of cards, tags and queries;
``board`` every published posting of one build; ``structured_data`` the JSON-LD; ``feeds``
the Atom feed, the iCalendar file and the JSON listing.
"""
