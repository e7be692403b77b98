"""What kind of position a migrated posting is, read from its own words.

A Hugo or Jekyll posting has no ``posting.type``; its title usually says it ("Postdoc Opening
in Machine Learning", "Stellenausschreibung: 3 Doktorandenstellen"), else a theme's own key
(``position: phd``), its headings (a landing page's block titles among them), the short texts
a theme shows under the title (``subtitle``, ``description``, ``summary``) or its opening
paragraph, in every language of the catalogs (the words are in ``words.py``). The first place
that names a type decides; a page that offers several kinds gets each of them ("PhD / Postdoc
in ...", headings "PhD positions" and "Postdoctoral fellows").

A wrong type is worse than none, so the reading is careful. A type that may follow the
position does not count ("an internship, possibly followed by a PhD"); "graduate students" (a
PhD or a master's, by country) make a place unclear. In running text (those short texts and
the opening paragraph) a type counts only as a position ("a postdoctoral researcher
position", not "holds a PhD"), several types only as one list of jobs ("PhD and postdoc
positions", not "our PhD students and postdocs"). A stated type is never replaced: the caller
asks only for postings without one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from mkdocs_postings.body.words import (
    COORDINATION,
    FOLLOW_UP,
    HIRING,
    JOB_BEFORE,
    JOB_WORDS,
    NAMED,
    PERSON_TITLE,
    POSITION_WORDS,
    QUALIFICATION,
    STATUS_STATEMENTS,
    type_words,
)
from mkdocs_postings.model import PostingType

__all__ = ["InferredType", "infer_type"]

_HEADING = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_KIND_KEYS = ("position", "type")
"""Front-matter keys in which some themes write the kind (``position: phd``, ``type:
master2``); a Hugo content type (``type: landing``) names none and is passed over."""
_SHORT_TEXTS = ("subtitle", "description", "summary")
"""Front-matter texts that themes show under the title or on the cards."""
_BLOCKS = "sections"
"""A landing page's blocks (Hugo Blox): the page shows each block's ``title`` as a heading."""
_LABEL_END = re.compile(r"\s*(?:[,:;|–—]|-\s|$)")
_LONGEST = 20000
"""How much of a place's text is read (characters), as of the body's headings."""
_OPENING = 30
"""How far into a text the list of a label may start ("2 Postdoc and 2 PhD positions, ...")."""
_REACH = 60
"""How far before a type ``FOLLOW_UP`` and ``HIRING`` look (characters)."""
_NO_OPENING = dict(STATUS_STATEMENTS)["none"]
_SECTION_START = 600
"""How much of a heading's section may say it has no opening ("PhD - Postdoc: we currently
have no open positions"), in characters of HTML."""


@dataclass(frozen=True)
class InferredType:
    """Types read from the text: the types (the first named first), where (title, front
    matter, headings, a summary key, first paragraph) and the words they were read from, for
    ``check`` to show."""

    types: tuple[PostingType, ...]
    where: str
    words: str

    @property
    def type(self) -> PostingType:
        """The first type named: the posting's ``type``."""
        return self.types[0]


class _Unclear(Exception):
    """A place that names types in a way that does not say which positions are offered."""


def infer_type(
    title: str,
    body_html: str = "",
    first_paragraph: str = "",
    *,
    front_matter: Mapping[str, Any] | None = None,
) -> InferredType | None:
    """The posting's types from the first place that names any, or None when that place is
    unclear (later places would not make it clearer) or no place names a type."""
    meta = front_matter or {}
    places: tuple[tuple[str, str, bool], ...] = (
        ("title", title, False),
        *(("front matter", _text(meta.get(key)), False) for key in _KIND_KEYS),
        ("headings", _headings(body_html, meta), False),
        *((key, _text(meta.get(key)), True) for key in _SHORT_TEXTS),
        ("first paragraph", first_paragraph, True),
    )
    for where, text, running in places:
        if not text:
            continue
        try:
            kinds = _offered(text) if running else _named(text)
        except _Unclear:
            return None
        if kinds:
            return InferredType(tuple(kinds), where, ", ".join(kinds.values()))
    return None


def _text(value: Any) -> str:
    return _TAG.sub("", value) if isinstance(value, str) else ""


def _headings(body_html: str, meta: Mapping[str, Any]) -> str:
    """The headings of the body and of a landing page's blocks, but those whose section opens
    by saying there is no opening."""
    html = body_html[:20000]
    found = []
    matches = list(_HEADING.finditer(html))
    ends = [following.start() for following in matches[1:]] + [len(html)] * bool(matches)
    for match, end in zip(matches, ends, strict=True):
        section = html[match.end() : end]
        if not _NO_OPENING.search(_TAG.sub(" ", section[:_SECTION_START])):
            found.append(_TAG.sub("", match.group(2)))
    found += _block_titles(meta.get(_BLOCKS))
    return " | ".join(found)


def _block_titles(value: Any, depth: int = 0) -> Iterator[str]:
    if depth > 6:
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key == "title" and isinstance(item, str):
                yield item
            else:
                yield from _block_titles(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _block_titles(item, depth + 1)


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    kind: PostingType
    words: str
    by_itself: bool
    """Whether the words name a position by themselves ("internship", "Masterarbeit")."""


def _mentions(text: str) -> list[_Mention]:
    """Every type's words in ``text``, in order. Words inside longer words of another type do
    not count ("post-doctorant" names a postdoc, not a PhD), nor a type that may follow the
    position ("followed by a PhD"), a qualification ("for PhD graduates") or a person's title
    ("with Professor Smith")."""
    text = text[:_LONGEST]
    by_kind = {
        kind: [
            _Mention(
                match.start(),
                match.end(),
                kind,
                match.group(0),
                bool(match.groupdict().get("position")),
            )
            for match in pattern.finditer(text)
        ]
        for kind, pattern in type_words().items()
    }
    starts = {kind: [mention.start for mention in found] for kind, found in by_kind.items()}
    kept = [
        mention
        for found in by_kind.values()
        for mention in found
        if not _inside_longer(mention, by_kind, starts)
        and not FOLLOW_UP.search(text, max(0, mention.start - _REACH), mention.start)
        and not (PERSON_TITLE.fullmatch(mention.words) and NAMED.match(text, mention.end))
        and not QUALIFICATION.search(text, max(0, mention.start - _REACH), mention.start)
        and not QUALIFICATION.search(text[mention.end : mention.end + 30])
    ]
    return sorted(kept, key=lambda mention: mention.start)


def _inside_longer(
    mention: _Mention,
    by_kind: dict[PostingType, list[_Mention]],
    starts: dict[PostingType, list[int]],
) -> bool:
    """Whether longer words of another type hold ``mention``. One type's matches do not
    overlap, so only the last of each that starts at or before it can (linear time, not
    quadratic, in a text full of type words)."""
    for kind, found in by_kind.items():
        index = bisect_right(starts[kind], mention.start) - 1
        if kind is mention.kind or index < 0:
            continue
        other = found[index]
        if mention.end <= other.end and other.end - other.start > mention.end - mention.start:
            return True
    return False


def _named(text: str) -> dict[PostingType, str]:
    """The types a title-like text names (a title, a heading, a theme's kind key), each with
    the first words found for it."""
    kinds: dict[PostingType, str] = {}
    for mention in _mentions(text):
        kinds.setdefault(mention.kind, mention.words)
    if PostingType.OTHER in kinds:
        raise _Unclear
    return kinds


class _As(IntEnum):
    """What a type's words name in running text."""

    WORDS = 0  # the type only ("holds a PhD", "postdoctoral experience")
    PERSON = 1  # a person who may hold the position or be a colleague ("PhD students")
    JOB = 2  # the position ("PhD position", "internship", "Postdoc, deadline ...")


def _offered(text: str) -> dict[PostingType, str]:
    """The types running text offers as positions: those named as jobs (several only in one
    list: "PhD and postdoc positions"), else the one type named as a person when the text
    names no other ("We are looking for PhD students")."""
    mentions = _mentions(text)
    if not mentions:
        return {}
    lists: list[list[_Mention]] = [[mentions[0]]]
    for mention in mentions[1:]:
        gap = text[lists[-1][-1].end : mention.start]
        if len(gap) <= 30 and COORDINATION.fullmatch(gap):
            lists[-1].append(mention)
        else:
            lists.append([mention])
    words: dict[PostingType, str] = {}
    level: dict[PostingType, _As] = {}
    job_lists: list[set[PostingType]] = []
    for items in lists:
        shared = _list_reading(text, items, first=items is lists[0])
        jobs = set()
        for mention in items:
            reading = max(shared, _own_reading(mention))
            words.setdefault(mention.kind, mention.words)
            level[mention.kind] = max(level.get(mention.kind, _As.WORDS), reading)
            if reading is _As.JOB:
                jobs.add(mention.kind)
        job_lists.append(jobs)
    as_job = {kind: words[kind] for kind in words if level[kind] is _As.JOB}
    as_person = {kind: words[kind] for kind in words if level[kind] is _As.PERSON}
    if PostingType.OTHER in as_job or PostingType.OTHER in as_person:
        raise _Unclear
    if as_job and not as_person:
        if not any(set(as_job) <= jobs for jobs in job_lists):
            raise _Unclear  # jobs of several types in separate sentences: one may be a colleague's
        return as_job
    if as_person and not as_job and len(words) == 1:
        return as_person
    if as_job or as_person:
        raise _Unclear
    return {}


def _own_reading(mention: _Mention) -> _As:
    """What a type's words name by themselves: "internship" a job, "master's students" a
    person, "PhD" only the type."""
    if mention.by_itself:
        return _As.JOB
    return _As.PERSON if POSITION_WORDS.search(mention.words) else _As.WORDS


def _list_reading(text: str, items: list[_Mention], *, first: bool) -> _As:
    """What the words around a list of types make of them all: "positions" after it jobs,
    "students" persons, unless a word of hiring stands before it ("We are hiring postdocs and
    PhD students"). A list that opens the text and ends at a stop is a label ("Postdoc,
    deadline September 14th"): jobs."""
    tail = items[-1].end
    if JOB_WORDS.match(text, tail) or JOB_BEFORE.search(
        text, max(0, items[0].start - 30), items[0].start
    ):
        return _As.JOB
    if POSITION_WORDS.match(text, tail) and HIRING.search(
        text, max(0, items[0].start - _REACH), items[0].start
    ):
        return _As.JOB
    opens = first and items[0].start <= _OPENING and COORDINATION.fullmatch(text[: items[0].start])
    if opens and _LABEL_END.match(text, tail):
        return _As.JOB
    return _As.PERSON if POSITION_WORDS.match(text, tail) else _As.WORDS
