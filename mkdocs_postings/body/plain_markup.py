"""The plain markup Markdown writes, read by a regular-expression scan instead of html.parser.

What Markdown writes is plain markup: tags with quoted or bare attributes, text, entities,
comments. For such HTML a parser's handlers get their events from one regular-expression
scan, several times faster than ``html.parser``; anything else (declarations, script or
style, a stray "<", unusual tag names, comments with "--" inside) is refused, and the caller
feeds it to ``html.parser``. Both give the same events: tests/test_extract.py compares them
on the corpus and on hostile markup.

Kept by hand because it saves 0.44 G instructions at 1,000 postings, 1.3 % of the floor build
(benchmarks/build_scaling.py --instructions; see docs/speed.md).
"""

from __future__ import annotations

import re
from collections.abc import Container
from html import unescape
from html.parser import HTMLParser

__all__ = ["feed_plain_markup"]

_PLAIN_TAG = re.compile(
    r"<(?:/(?P<end>[a-zA-Z][a-zA-Z0-9]*)\s*>"
    r"|(?P<start>[a-zA-Z][a-zA-Z0-9]*)"
    r"(?P<attrs>(?:\s+[^\s\"'<>/=]+(?:\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'|[^\s\"'=<>`]+))?)*)"
    r"\s*(?P<empty>/?)>"
    r"|(?P<comment>!--))"
)
_PLAIN_ATTR = re.compile(r"([^\s\"'<>/=]+)(?:\s*=\s*(?:\"([^\"<]*)\"|'([^'<]*)'|([^\s\"'=<>`]+)))?")
_RAW_TEXT = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"}
)
"""Elements whose content is not markup (html.parser reads some of them specially)."""


def feed_plain_markup(
    reader: HTMLParser, html: str, *, attributes_of: Container[str] = frozenset()
) -> bool:
    """Hand ``reader`` the parser events of ``html`` if it is plain markup; False (and the
    reader must be discarded) if it is not. Attributes are read for the tags in
    ``attributes_of`` only; the others' start tags come with none."""
    position = 0
    while (match := _PLAIN_TAG.search(html, position)) is not None:
        start = match.start()
        if start > position:
            text = html[position:start]
            if "<" in text:
                return False
            reader.handle_data(unescape(text) if "&" in text else text)
        position = match.end()
        tag = match.group("start")
        if tag is None:
            if match.group("comment") is None:
                reader.handle_endtag(match.group("end").lower())
                continue
            # A comment: the reader ignores it; where it ends is all that matters.
            close = html.find("-->", position)
            if close < 0 or "--" in html[position:close] or html.startswith((">", "->"), position):
                return False  # unclosed, or a form Python versions read differently
            position = close + 3
            continue
        tag = tag.lower()
        if tag in _RAW_TEXT:
            return False
        attrs = _plain_attrs(match.group("attrs")) if tag in attributes_of else []
        reader.handle_starttag(tag, attrs)
        if match.group("empty"):
            reader.handle_endtag(tag)
    text = html[position:]
    if "<" in text:
        return False
    if text:
        reader.handle_data(unescape(text) if "&" in text else text)
    return True


def _plain_attrs(text: str) -> list[tuple[str, str | None]]:
    """Attributes as html.parser gives them: names in lower case, values unescaped."""
    attrs: list[tuple[str, str | None]] = []
    for match in _PLAIN_ATTR.finditer(text):
        name, double, single, bare = match.groups()
        value = double if double is not None else single if single is not None else bare
        if value is not None and "&" in value:
            value = unescape(value)
        attrs.append((name.lower(), value))
    return attrs
