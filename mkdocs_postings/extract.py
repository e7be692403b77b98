"""What a posting's rendered body tells: its first paragraph (summary) and its apply target.

Works on the HTML that Markdown produced, so raw HTML links, autolinks and Markdown links look
the same. One pass with the standard library's HTML parser; no Markdown re-rendering.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

__all__ = ["BodyFacts", "read_body"]

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


_HEADING = re.compile(r"<h[1-6][\s>]", re.IGNORECASE)
_HEADING_END = re.compile(r"</h[1-6]\s*>", re.IGNORECASE)
# Markup in which "<h2" need not start a heading: such bodies are read whole.
_OPAQUE = ("<!--", "<script", "<style", "<textarea", "<![cdata[", "<template")


def read_body(html: str, *, summary: bool = True, apply: bool = True) -> BodyFacts:
    """Read a rendered posting body once: first paragraph, apply-section link, first mailto.

    With ``summary=False`` or ``apply=False`` the reader may skip what only that fact needs
    (``first_paragraph``, or the apply link and mailto, are then unreliable, and so is
    ``links``); what is asked for is the same as from a whole read. Sections that can hold
    nothing asked for are skipped: only their headings are read.
    """
    reader = _BodyReader()
    lowered = html.lower()
    if (summary and apply) or any(marker in lowered for marker in _OPAQUE):
        reader.feed(html)
        reader.close()
        return reader.facts
    bounds = [0, *(m.start() for m in _HEADING.finditer(html)), len(html)]
    for start, end in itertools.pairwise(bounds):
        facts = reader.facts
        need_paragraph = summary and not reader._paragraph_done
        need_link = apply and facts.section_link is None
        if not need_paragraph and not need_link:
            break
        section = html[start:end]
        if need_paragraph or (facts.first_mailto is None and "<a" in lowered[start:end]):
            reader.feed(section)  # any link may be the first mailto
            continue
        heading_end = _HEADING_END.search(section) if start else None
        if heading_end is None:
            continue  # the part before the first heading, or a heading left open
        reader.feed(section[: heading_end.end()])
        if reader._in_apply_section:
            reader.feed(section[heading_end.end() :])
    reader.close()
    return reader.facts
