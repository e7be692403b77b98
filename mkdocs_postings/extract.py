"""What a posting's rendered body tells: its first paragraph, its apply target, a stated deadline.

Works on the HTML that Markdown produced, so raw HTML links, autolinks and Markdown links look
the same. One pass: a regular-expression scan for the plain markup Markdown writes, the
standard library's HTML parser for anything else; no Markdown re-rendering.

Real postings (see ../shared/corpus) put the way to apply under a heading ("## How to apply"),
behind a bold label ("**To apply:** ..."), in a sentence ("send your CV to a@b.org"), as a
bare or obfuscated address ("jane [at] uni [dot] org"), or only in front-matter keys. Every
place is a *candidate*; ``choose_apply`` ranks them and says whether the choice is clear.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

from mkdocs_postings import expiry
from mkdocs_postings.plain_markup import feed_plain_markup
from mkdocs_postings.words import (
    APPLY_HEADINGS,
    APPLY_WORDS,
    DEADLINE_LABEL,
    DEADLINE_LABEL_FOLDED,
    DEADLINE_WORDS,
)

_OBFUSCATED_AT = re.compile(r"[\[\(\{<_]\s*at\s*[\]\)\}>_]", re.IGNORECASE)


def _may_hold_address(text: str) -> bool:
    """Whether ``text`` may hold a written address; without, the address patterns are skipped."""
    if "@" in text or (":" in text and "http" in text.lower()):
        return True
    brackets = "[" in text or "(" in text or "{" in text or "<" in text or "_" in text
    return brackets and _OBFUSCATED_AT.search(text) is not None


_SENTENCE_END = re.compile(r"(?<=[.!?;؟؛])\s+|(?<=[。！？；])\s*|\n\s*\n")
"""Where a sentence ends: after a stop and a space, after a Chinese or Japanese stop (no space
follows one), or at a blank line."""

_BLOCKS = frozenset({"p", "li", "dd", "dt", "td", "th", "blockquote", "pre", "figcaption", "div"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LABEL_TAGS = frozenset({"strong", "b", "em", "i", "span", "u"})

# Each pattern starts only where its run starts ((?<!...)), so long words and long runs of
# spaces cost linear time, not quadratic (real and hostile bodies alike).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_AT = re.compile(r"(?<!\s)\s*(?:[\[\(\{<]\s*(?:at|@)\s*[\]\)\}>]|_at_|\s@\s)\s*", re.IGNORECASE)
_DOT = re.compile(r"(?<!\s)\s*(?:[\[\(\{<]\s*dot\s*[\]\)\}>]|_dot_|\s+dot\s+)\s*", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s<>\"'()\[\]]+", re.IGNORECASE)


class Source(StrEnum):
    """Where an apply target was found, most trustworthy first."""

    SECTION = "section"  # under an apply heading or bold label
    FRONT_MATTER = "front-matter"  # a migrated file's `email:` / `apply:`-like key
    SENTENCE = "sentence"  # a link in a sentence about applying
    MAILTO = "mailto"  # the first mailto link
    EMAIL = "email"  # an address written out (bare or obfuscated) in the text
    URL = "url"  # a web address written out in the text
    ONLY_LINK = "only-link"  # the text's only link
    FRONT_MATTER_TEXT = "front-matter-text"  # an address in a front-matter text


@dataclass(frozen=True)
class Candidate:
    """One possible apply target: a ``mailto:``/``http(s)``/relative href and where it was."""

    href: str
    source: Source
    section: str | None = None
    """The heading or label of the apply section it sits in."""


@dataclass(frozen=True)
class DeadlineHint:
    """A deadline the text states clearly: the words it was found in and the date."""

    text: str
    when: date


@dataclass
class BodyFacts:
    """What one pass over a body's HTML found."""

    first_paragraph: str = ""
    candidates: list[Candidate] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    deadlines: list[DeadlineHint] = field(default_factory=list)
    short: bool = True
    """At most ``_STUB`` words: a stub, whose only link may be the way to apply."""


_NOT_WORD = re.compile(r"[\W_]+")
_LONGEST_HEADING = max(map(len, APPLY_HEADINGS)) + 12
"""Longer texts are no apply heading (room for punctuation and an emoji or two)."""


def _key(text: str) -> str:
    """Compare headings and labels: lower case, no punctuation, emoji or extra spaces."""
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


def is_apply_heading(text: str) -> bool:
    return len(text) <= _LONGEST_HEADING and _key(text) in APPLY_HEADINGS


def emails_in(text: str) -> Iterator[str]:
    """Addresses written in ``text``: plain, or obfuscated with [at]/(at)/_at_ and [dot]."""
    yield from (m.group(0).rstrip(".") for m in _EMAIL.finditer(text))
    if _AT.search(text):
        plain = _DOT.sub(".", _AT.sub("@", text))
        for match in _EMAIL.finditer(plain):
            address = match.group(0).rstrip(".")
            if address not in text:
                yield address


def urls_in(text: str) -> Iterator[str]:
    for match in _URL.finditer(text):
        yield match.group(0).rstrip(".,;:!?")


_EMAIL_OR_URL = re.compile(
    r"https?://[^\s<>\"'()\[\]]+"
    r"|(?<![\w.+-])[\w.+-]+(?:\s*[\[\(\{<_]\s*dot\s*[\]\)\}>_]\s*[\w+-]+){0,4}"
    r"(?:@|\s*[\[\(\{<_]\s*(?:at|@)\s*[\]\)\}>_]\s*)[\w\s.\[\]\(\)\{\}<>_-]{1,120}",
    re.IGNORECASE,
)


def _written(text: str) -> Iterator[tuple[str, Source]]:
    """The targets in a piece of written text: web addresses and (obfuscated) e-mail addresses."""
    if text.lower().startswith(("http://", "https://")):
        for url in urls_in(text):
            yield url, Source.URL
        return
    for address in emails_in(text):
        yield f"mailto:{address}", Source.MAILTO


def _sentences(text: str) -> list[tuple[int, str]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, text[start : match.start()]))
        start = match.end()
    spans.append((start, text[start:]))
    return spans


_LINK_TEXT_REACH = 12
"""How far into a link's text the apply words may start ("[Come join us!](...)")."""


def _about_applying(sentences: list[tuple[int, str]], offset: int) -> bool:
    """Whether the sentence around ``offset`` speaks of applying before (or at) that point:
    "help you apply to the [Fellowship](...)", "[send us](/contact/) a letter"."""
    index = max(0, bisect_right(sentences, offset, key=lambda item: item[0]) - 1)
    start, sentence = sentences[index]
    words = APPLY_WORDS.search(sentence)
    # the words come before the link, or open its own text ("[send us](/contact/)")
    return words is not None and start + words.start() <= offset + _LINK_TEXT_REACH


class _Block:
    """The text of one block (paragraph, list item, ...) as the parser hands it over."""

    __slots__ = ("blanked", "label", "label_depth", "label_done", "length", "links", "parts", "tag")

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.parts: list[str] = []
        self.blanked: list[tuple[int, int]] | None = None  # (start, end) of link texts
        self.links: list[tuple[str, int]] = []  # href, offset in the text
        self.length = 0  # of the text so far
        self.label: list[str] | None = None  # text of a leading <strong>/<b>
        self.label_depth = 0
        self.label_done = False

    def has_text(self) -> bool:
        return any(not part.isspace() for part in self.parts if part)

    def plain(self, raw: str) -> str:
        """``raw`` (the block's text) with the texts of its links blanked out."""
        if self.blanked is None:
            return raw
        chars = list(raw)
        for start, end in self.blanked:
            chars[start:end] = " " * (end - start)
        return "".join(chars)


class _BodyReader(HTMLParser):
    def __init__(self, *, deadlines: bool = True, words: int = 0) -> None:
        super().__init__(convert_charrefs=True)
        self._deadlines = deadlines
        self.facts = BodyFacts()
        self._blocks: list[_Block] = [_Block("root")]
        self._heading: list[str] | None = None
        self._heading_section: str | None = None
        self._label_section: str | None = None
        self._anchor_depth = 0
        self._skip = 0  # inside <script>, <style> or a heading permalink
        self.words = words  # counted so far

    # -- parser events

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
            return
        if tag in _HEADINGS:
            if len(self._blocks) == 1:  # text outside blocks belongs to the section before
                self._finish(self._blocks.pop())
                self._blocks.append(_Block("root"))
            self._heading = []
            return
        block = self._blocks[-1]
        if tag in _BLOCKS:
            self._blocks.append(_Block(tag))
            return
        if tag in _LABEL_TAGS and not block.label_done and not block.has_text():
            if block.label is None:
                block.label = []
            block.label_depth += 1
        if tag == "a":
            values = dict(attrs)
            if "headerlink" in (values.get("class") or ""):
                self._skip += 1
                return
            self._anchor_depth += 1
            href = (values.get("href") or "").strip()
            if href and not href.startswith("#"):
                self.facts.links.append(href)
                block.links.append((href, block.length))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
            return
        if tag == "a":
            if self._skip and self._anchor_depth == 0:
                self._skip -= 1
            else:
                self._anchor_depth = max(0, self._anchor_depth - 1)
            return
        if tag in _HEADINGS and self._heading is not None:
            title = " ".join("".join(self._heading).split())
            self._heading = None
            self._heading_section = title if is_apply_heading(title) else None
            self._label_section = None
            return
        block = self._blocks[-1]
        if tag in _LABEL_TAGS and block.label is not None and not block.label_done:
            block.label_depth -= 1
            if block.label_depth <= 0:
                block.label_done = True
            return
        if tag in _BLOCKS and len(self._blocks) > 1 and block.tag == tag:
            self._blocks.pop()
            self._finish(block)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._heading is not None:
            self._heading.append(data)
            return
        block = self._blocks[-1]
        block.parts.append(data)
        if self._anchor_depth:
            if block.blanked is None:
                block.blanked = []
            block.blanked.append((block.length, block.length + len(data)))
        block.length += len(data)
        if block.label is not None and not block.label_done:
            block.label.append(data)

    def close(self) -> None:
        super().close()
        while self._blocks:
            self._finish(self._blocks.pop())
        self.facts.short = self.words <= _STUB

    # -- one block of text

    def _finish(self, block: _Block) -> None:
        raw = "".join(block.parts)
        words = raw.split()
        if not words and not block.links:
            return
        self.words += len(words)
        text = " ".join(words)
        if block.tag == "p" and text and not self.facts.first_paragraph:
            self.facts.first_paragraph = text
        label = " ".join("".join(block.label).split()) if block.label else ""
        if label:
            # "**To apply:** ..." opens an apply section; "**Deadline:** ..." ends one.
            self._label_section = label.rstrip(": ") if is_apply_heading(label) else None
        elif is_apply_heading(text):
            self._label_section = text.rstrip(": ")  # a line "Contacts" on its own
        if self._deadlines:
            self.facts.deadlines.extend(find_deadline(text))
        section = self._label_section or self._heading_section
        plain = block.plain(raw)
        found: list[tuple[int, str, Source]] = []
        for href, offset in block.links:
            is_mail = urlsplit(href).scheme.lower() == "mailto"
            found.append((offset, href, Source.MAILTO if is_mail else Source.URL))
        if _may_hold_address(plain):  # a cheap test before the address patterns
            for match in _EMAIL_OR_URL.finditer(plain):
                found.extend((match.start(), href, kind) for href, kind in _written(match.group(0)))
        if not found:
            return
        found.sort(key=lambda item: item[0])
        sentences = _sentences(raw)
        linked = set(block.links)
        for offset, href, kind in found:
            written = (href, offset) not in linked
            if section:
                self._add(href, Source.SECTION, section)
            elif _about_applying(sentences, offset):
                self._add(href, Source.SENTENCE)
            elif kind is Source.MAILTO:
                self._add(href, Source.EMAIL if written else Source.MAILTO)
            elif written:
                self._add(href, Source.URL)

    def _add(self, href: str, source: Source, section: str | None = None) -> None:
        self.facts.candidates.append(Candidate(href, source, section))


def read_body(html: str, *, deadlines: bool = True) -> BodyFacts:
    """Read a rendered posting body once: first paragraph, apply candidates, stated deadlines
    (``deadlines=False``: not looked for)."""
    if not deadlines:
        skipped = _plain_sections(html)
        if skipped is not None:
            start, words, first = skipped
            facts = _read(html[start:], deadlines=False, words=words)
            if first:
                facts.first_paragraph = first
            return facts
    return _read(html, deadlines=deadlines)


_LINKS = frozenset({"a"})  # the only attributes the reader looks at: links' href


def _read(html: str, *, deadlines: bool, words: int = 0) -> BodyFacts:
    """Read ``html`` whole; ``words`` have been counted before it."""
    reader = _BodyReader(deadlines=deadlines, words=words)
    if not feed_plain_markup(reader, html, attributes_of=_LINKS):
        reader = _BodyReader(deadlines=deadlines, words=words)
        reader.feed(html)
    reader.close()
    return reader.facts


# The sections before a body's first link or written address give the reader no apply
# candidate and no link; when they are plain (headings, paragraphs and lists of text, as
# Markdown writes them) the reader starts at the last heading before that point: the heading
# resets the reader's section as it would after a whole read. What those sections give the
# facts is taken on the way: their first paragraph and their words (counted up to _STUB).
# Measured with the benchmark at 1,000 postings: saves 0.36 G instructions, 1.05 % of the floor
# build (tests/test_extract.py holds it to a whole read).
_TEXT = r"[^<]*(?:</?(?:em|strong|code|b|i)>[^<]*)*"
_PLAIN_BLOCK = re.compile(
    r"\s*(?:(?P<heading><h[1-6](?:\s+id=\"[^\"<>&]*\")?>)[^<]*"
    r"(?:<a class=\"headerlink\" href=\"#[^\"<>]*\" title=\"[^\"<>]*\">[^<]*</a>)?</h[1-6]>"
    rf"|<p>(?P<p>{_TEXT})</p>"
    rf"|<(?:ul|ol)>(?P<list>\s*(?:<li>{_TEXT}</li>\s*)*)</(?:ul|ol)>)"
)
_INLINE_TAG = re.compile(r"</?(?:em|strong|code|b|i)>")
_LIST_ITEM_TAG = re.compile(r"</?li>")


def _plain_sections(html: str) -> tuple[int, int, str] | None:
    """Where reading can start (a heading), the words before it (counted until they pass
    ``_STUB``) and their first paragraph; None if the body does not start with such sections."""
    position = words = 0
    start = 0  # from the beginning: a whole read
    first = ""
    kept = (0, "")
    while (match := _PLAIN_BLOCK.match(html, position)) is not None:
        if match.group("heading") is not None:
            start = match.start("heading")
            kept = (words, first)
        else:
            paragraph = match.group("p")
            text = paragraph if paragraph is not None else _LIST_ITEM_TAG.sub(" ", match["list"])
            if "<" in text:
                text = _INLINE_TAG.sub("", text)
            if "&" in text:
                text = unescape(text)
            if _may_hold_address(text):
                break  # an address: its section is read
            if words <= _STUB or (paragraph is not None and not first):
                split = text.split()
                words += len(split)
                if paragraph is not None and split and not first:
                    first = " ".join(split)
        position = match.end()
    if not start:
        return None
    return start, kept[0], kept[1]


_PARAGRAPH = re.compile(r"<p(?:\s[^>]*)?>(.*?)</p\s*>", re.IGNORECASE | re.DOTALL)
_HIDING = re.compile(r"<(?:!--|script|style|pre)")
"""Markup in whose presence paragraphs are read by ``read_body``: looked for only up to the
paragraph found, since what comes after it cannot change it."""


def first_paragraph(html: str) -> str:
    """The text of the body's first paragraph with text, as ``read_body`` finds it, read
    from that paragraph alone (when nothing else is wanted from the body)."""
    checked = 0  # no such markup before here (none can straddle a match's closing ">")
    for match in _PARAGRAPH.finditer(html):
        if _HIDING.search(html, checked, match.end()):
            break  # markup that may hide a <p> or hold a false one, up to here
        checked = match.end()
        inner = match.group(1)
        if "<" not in inner and "&" not in inner:  # plain text: what the parser would hand over
            text = " ".join(inner.split())
        else:
            text = read_body(match.group(0), deadlines=False).first_paragraph
        if text:
            return text
    else:  # no paragraph with text: unless such markup follows, there is none
        if _HIDING.search(html, checked) is None:
            return ""
    return read_body(html, deadlines=False).first_paragraph


_STUB = 120
"""A body this short with a single link ("More info [here](...)") points at the posting."""

_SENTENCE_STOP = re.compile(r"(?<![0-9])[.!?](?:\s|$)")
"""The end of the label's sentence ("31. Januar" does not end one)."""
_GAP = 48
"""How many characters may stand between a deadline label and its date."""


def find_deadline(text: str) -> list[DeadlineHint]:
    """Deadlines stated clearly in ``text``: a label ("Application deadline", "Bewerbungsfrist",
    "Scadenza", ...) followed closely by a full date with a year. Dates without a year, or
    numeric dates that could be read two ways, are not reported."""
    hints: list[DeadlineHint] = []
    # As the pattern's IGNORECASE compares: also dotless ı and İ (casefold: "i" + dot) as "i".
    folded = text.casefold().replace("\u0131", "i").replace("i\u0307", "i")
    if not any(word in folded for word in DEADLINE_WORDS):
        return hints  # most paragraphs: ruled out by a few substring checks
    if DEADLINE_LABEL_FOLDED.search(folded) is None:
        return hints  # "Apply through the portal": a label word, but no label
    text = " ".join(text.replace("\u00a0", " ").split())
    for label in DEADLINE_LABEL.finditer(text):
        window = _SENTENCE_STOP.split(text[label.end() : label.end() + _GAP + 30], maxsplit=1)[0]
        found = expiry.find_written_date(window)
        if found is None or found[0] > _GAP:
            continue
        _, end, when = found
        hints.append(DeadlineHint(text[label.start() : label.end() + end].strip(), when))
    return hints
