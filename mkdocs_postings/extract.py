"""What a posting's rendered body tells: its first paragraph (summary) and its apply target.

Works on the HTML that Markdown produced, so raw HTML links, autolinks and Markdown links look
the same. One pass with the standard library's HTML parser; no Markdown re-rendering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from urllib.parse import urlsplit

from mkdocs_postings.model import Apply, Posting, Problem

__all__ = ["BodyFacts", "complete_from_body", "read_body"]

APPLY_HEADINGS = (
    "application",
    "applications",
    "how to apply",
    "to apply",
    "apply",
    "bewerbung",
    "candidature",
    "candidatures",
    "candidatura",
    "contact",
    "kontakt",
    "postuler",
)
"""Section titles (compared case-insensitively, ignoring punctuation and emoji) under which the
first link is the apply target."""

_SAFE = ("http", "https", "mailto")


@dataclass
class BodyFacts:
    """What one pass over a body's HTML found."""

    first_paragraph: str = ""
    section_link: str | None = None
    section_heading: str | None = None
    first_mailto: str | None = None
    links: list[str] = field(default_factory=list)

    @property
    def apply_target(self) -> tuple[str, str] | None:
        """``(href, where)``: the first link under an apply heading, else the first mailto."""
        if self.section_link:
            return self.section_link, f'the "{self.section_heading}" section'
        if self.first_mailto:
            return self.first_mailto, "the first e-mail link"
        return None


def _heading_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


class _BodyReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = BodyFacts()
        self._paragraph: list[str] | None = None
        self._paragraph_done = False
        self._heading: list[str] | None = None
        self._in_apply_section = False
        self._skip = 0  # inside a heading permalink (<a class="headerlink">)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = []
            return
        if tag == "p" and not self._paragraph_done and self._paragraph is None:
            self._paragraph = []
        if tag == "a":
            values = dict(attrs)
            if "headerlink" in (values.get("class") or ""):
                self._skip += 1
                return
            href = (values.get("href") or "").strip()
            if not href or href.startswith("#"):
                return
            self.facts.links.append(href)
            scheme = urlsplit(href).scheme.lower()
            if scheme == "mailto" and self.facts.first_mailto is None:
                self.facts.first_mailto = href
            if self._in_apply_section and self.facts.section_link is None and scheme in _SAFE:
                self.facts.section_link = href

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._skip:
            self._skip -= 1
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self._heading is not None:
            title = "".join(self._heading).strip()
            self._in_apply_section = _heading_key(title) in APPLY_HEADINGS
            if self._in_apply_section and self.facts.section_link is None:
                self.facts.section_heading = title
            self._heading = None
        elif tag == "p" and self._paragraph is not None:
            text = " ".join("".join(self._paragraph).split())
            self._paragraph = None
            if text:
                self.facts.first_paragraph = text
                self._paragraph_done = True

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._heading is not None:
            self._heading.append(data)
        elif self._paragraph is not None:
            self._paragraph.append(data)


def read_body(html: str) -> BodyFacts:
    """Read a rendered posting body once: first paragraph, apply-section link, first mailto."""
    reader = _BodyReader()
    reader.feed(html)
    reader.close()
    return reader.facts


def complete_from_body(
    posting: Posting, html: str, *, page_url: str | None = None
) -> tuple[Posting, BodyFacts, list[Problem]]:
    """Fill what the front matter left out from the rendered body: the apply target (when
    ``posting.apply`` is absent; http, https and mailto only) and the summary (the first
    paragraph). Returns the completed posting, what the body told, and warnings (none yet).

    ``page_url`` is the page's absolute URL, for resolving relative links (not used yet).
    """
    facts = read_body(html)
    if posting.apply is None and facts.apply_target:
        href, where = facts.apply_target
        if urlsplit(href).scheme.lower() in _SAFE:
            posting = replace(posting, apply=Apply(url=href, source=where))
    if not posting.summary and facts.first_paragraph:
        posting = replace(posting, summary=facts.first_paragraph)
    return posting, facts, []
