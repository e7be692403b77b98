"""Front-matter text as a reader sees it: titles and summaries are plain text."""

from __future__ import annotations

import html
import re

__all__ = [
    "markdown_words",
    "plain_text",
]

_TAG = re.compile(r"<[^>]*>")


def plain_text(value: str) -> str:
    """Text as a reader sees it: markup tags dropped, entities decoded, whitespace collapsed.

    Titles and summaries are plain text everywhere they appear (and escaped on output):
    ``<strong>`` in a migrated Jekyll title shows as bold nowhere and as tags nowhere.
    """
    return " ".join(html.unescape(_TAG.sub("", value)).split())


_MD_LINK = re.compile(r"!?\[([^\]\[]{0,500})\]\([^)\s]{0,500}\)")
_MD_EMPHASIS = re.compile(
    r"\*\*([^*]{1,500})\*\*|__([^_]{1,500})__|\*([^*]{1,500})\*|`([^`]{1,500})`"
)


def markdown_words(value: str | None) -> str | None:
    """A front-matter summary written in Markdown (Hugo renders it), as its words:
    ``**tissue**`` and ``[the portal](url)`` show as "tissue" and "the portal"."""
    if not value:
        return value

    def words(match: re.Match[str]) -> str:
        return next(group for group in match.groups() if group is not None)

    return _MD_EMPHASIS.sub(words, _MD_LINK.sub(r"\1", value))


def plain_or_none(value: str | None) -> str | None:
    return plain_text(value) or None if value else None
