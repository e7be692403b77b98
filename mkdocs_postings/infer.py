"""What kind of position a migrated posting is, read from its own words.

A Hugo or Jekyll posting has no ``posting.type``; its title usually says it ("Postdoc Opening
in Machine Learning", "Stellenausschreibung: 3 Doktorandenstellen"). ``infer_type`` reads the
title first, then the body's headings, then its opening paragraph, in every language of the
catalogs (the words are in ``words.py``), and answers only on a clear match: the words of
exactly one type, and in the opening paragraph only as a position ("a postdoctoral
researcher position", not "holds a PhD"). A wrong type is worse than none, so two types in
one place ("PhD / Postdoc in ...") give no answer. A stated type is never replaced: the
caller asks only for postings without one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mkdocs_postings.model import PostingType
from mkdocs_postings.words import POSITION_WORDS, type_words

__all__ = ["InferredType", "infer_type"]

_HEADING = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class InferredType:
    """A type read from the text: the type, where (title, headings, first paragraph) and the
    words it was read from, for ``check`` to show."""

    type: PostingType
    where: str
    words: str


def infer_type(title: str, body_html: str = "", first_paragraph: str = "") -> InferredType | None:
    """The posting's type from its title, else its headings, else its opening paragraph;
    None unless the first place that names a type names exactly one."""
    headings = " | ".join(
        _TAG.sub("", match.group(2)) for match in _HEADING.finditer(body_html[:20000])
    )
    for where, text, as_position in (
        ("title", title, False),
        ("headings", headings, False),
        ("first paragraph", first_paragraph, True),
    ):
        kinds = _types_named(text, as_position=as_position)
        if as_position and len(_types_named(text, as_position=False)) > 1:
            return None  # "a postdoc or PhD position", "PhD students and postdocs": unclear
        if len(kinds) == 1 and PostingType.OTHER not in kinds:
            ((kind, words),) = kinds.items()
            return InferredType(kind, where, words)
        if kinds:
            return None  # several types: unclear, and later places will not make it clearer
    return None


def _types_named(text: str, *, as_position: bool) -> dict[PostingType, str]:
    """Every type whose words ``text`` has, with the first words found for it. Words inside
    longer words of another type do not count: "post-doctorant" names a postdoc, not a PhD."""
    found = [
        (match.start(), match.end(), kind, match.group(0))
        for kind, pattern in type_words().items()
        for match in pattern.finditer(text)
    ]
    kinds: dict[PostingType, str] = {}
    for start, end, kind, words in found:
        inside_longer = any(
            other is not kind and other_start <= start and end <= other_end
            for other_start, other_end, other, _ in found
            if other_end - other_start > end - start
        )
        if inside_longer or (as_position and not POSITION_WORDS.match(text, end)):
            continue
        kinds.setdefault(kind, words)
    return kinds
