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
from dataclasses import dataclass, field
from datetime import date, datetime
from html import unescape
from html.parser import HTMLParser

from mkdocs_postings.body import dates
from mkdocs_postings.body.plain_markup import feed_plain_markup
from mkdocs_postings.body.targets import (
    Candidate,
    candidates_in,
    is_apply_heading,
    label_before_colon,
    leads_in,
    may_hold_address,
    written_targets,
)
from mkdocs_postings.body.targets import sentences as _sentences
from mkdocs_postings.body.words import (
    APPLICATION_WORDS,
    APPLY_WORDS,
    BY_A_DATE,
    DEADLINE_LABEL,
    DEADLINE_LABEL_FOLDED,
    DEADLINE_WORDS,
    STATUS_STATEMENTS,
)

_BLOCKS = frozenset({"p", "li", "dd", "dt", "td", "th", "blockquote", "pre", "figcaption", "div"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LABEL_TAGS = frozenset({"strong", "b", "em", "i", "span", "u"})
_SKIPPED = frozenset({"script", "style", "del", "s", "strike"})
"""Not read: scripts, styles and struck-through text (a closed call, an old deadline)."""


@dataclass(frozen=True)
class DeadlineHint:
    """A deadline the text states: the words it was found in and the date (a ``datetime``,
    naive or with the zone written, when the text gives a time)."""

    text: str
    when: date
    labelled: bool = True
    """After a deadline label ("Application deadline: ..."); else in a sentence about
    applying ("send your CV by 1 December 2022")."""


@dataclass(frozen=True)
class Statement:
    """A sentence saying something about the posting's status: ``kind`` is ``rolling`` ("open
    until filled"), ``filled`` ("the position has been filled") or ``none`` ("no open
    positions at the moment")."""

    kind: str
    text: str


@dataclass
class BodyFacts:
    """What one pass over a body's HTML found."""

    first_paragraph: str = ""
    candidates: list[Candidate] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    deadlines: list[DeadlineHint] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    """What the text says about the posting's status ("open until filled", "has been
    filled", "no open positions")."""
    short: bool = True
    """At most ``_STUB`` words: a stub, whose only link may be the way to apply."""


class _Block:
    """The text of one block (paragraph, list item, ...) as the parser hands it over."""

    __slots__ = (
        "blanked",
        "label",
        "label_depth",
        "label_done",
        "length",
        "links",
        "parts",
        "spelled",
        "tag",
    )

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.parts: list[str] = []
        self.blanked: list[tuple[int, int]] | None = None  # (start, end) of link texts
        self.links: list[tuple[str, int]] = []  # href, offset in the text
        self.length = 0  # of the text so far
        self.label: list[str] | None = None  # text of a leading <strong>/<b>
        self.label_depth = 0
        self.label_done = False
        self.spelled: list[tuple[int, int]] | None = None  # (start, end) of an emphasised "at"

    def has_text(self) -> bool:
        return any(not part.isspace() for part in self.parts if part)

    def plain(self, raw: str) -> str:
        """``raw`` (the block's text) with the texts of its links blanked out, and an "at" or
        "dot" in emphasis (Markdown's ``name _at_ uni.org``) written "AT", as robots are fooled."""
        if self.blanked is None and self.spelled is None:
            return raw
        chars = list(raw)
        for start, end in self.blanked or ():
            chars[start:end] = " " * (end - start)
        for start, end in self.spelled or ():
            chars[start:end] = raw[start:end].upper()
        return "".join(chars)


class _BodyReader(HTMLParser):
    def __init__(
        self, *, deadlines: bool = True, words: int = 0, posted: date | None = None
    ) -> None:
        super().__init__(convert_charrefs=True)
        self._deadlines = deadlines
        self._posted = posted
        self.facts = BodyFacts()
        self._blocks: list[_Block] = [_Block("root")]
        self._heading: list[str] | None = None
        self._heading_section: str | None = None
        self._label_section: str | None = None
        self._anchors: list[bool] = []  # open links: whether each has a target
        self._emphasis = 0  # inside <em> or <i>
        self._lead_in = False  # the block before ended "... apply on this website:"
        self._skip = 0  # inside <script>, <style> or a heading permalink
        self.words = words  # counted so far

    # -- parser events

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
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
        if tag == "em" or tag == "i":
            self._emphasis += 1
        if attrs and tag in _ICON_TAGS and _is_at_icon(attrs):
            self.handle_data("@")  # an "@" icon between name and host
        if tag == "a":
            values = dict(attrs)
            if "headerlink" in (values.get("class") or ""):
                self._skip += 1
                return
            href = (values.get("href") or "").strip()
            if href and "@" in href and ":" not in href and "/" not in href:
                href = f"mailto:{href}"  # an address linked without its "mailto:"
            linked = bool(href) and not href.startswith("#")
            self._anchors.append(linked)
            if linked:
                self.facts.links.append(href)
                block.links.append((href, block.length))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip = max(0, self._skip - 1)
            return
        if tag == "a":
            if self._skip and not self._anchors:
                self._skip -= 1
            elif self._anchors:
                self._anchors.pop()
            return
        if (tag == "em" or tag == "i") and self._emphasis:
            self._emphasis -= 1
        if tag in _HEADINGS and self._heading is not None:
            title = " ".join("".join(self._heading).split())
            self._heading = None
            self._heading_section = title if is_apply_heading(title) else None
            self._label_section = None
            self._lead_in = False
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
        if True in self._anchors:  # a link's own text: its href is the target
            if block.blanked is None:
                block.blanked = []
            block.blanked.append((block.length, block.length + len(data)))
        elif self._emphasis and data.strip().lower() in ("at", "dot"):
            start = block.length + data.index(data.strip())
            if block.spelled is None:
                block.spelled = []
            block.spelled.append((start, start + len(data.strip())))
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
            self.facts.deadlines.extend(find_deadline(text, posted=self._posted))
            self.facts.statements.extend(find_statements(text))
        section = self._label_section or self._heading_section or label_before_colon(text)
        found = [(offset, href, True) for href, offset in block.links]
        plain = block.plain(raw)
        if may_hold_address(plain):  # a cheap test before the address patterns
            written = written_targets(plain)
            self.facts.links.extend(href for _, href, linked in written if linked)
            found += written
        if found:
            self.facts.candidates += candidates_in(raw, found, section, lead_in=self._lead_in)
        self._lead_in = leads_in(text)


def read_body(html: str, *, deadlines: bool = True, posted: date | None = None) -> BodyFacts:
    """Read a rendered posting body once: first paragraph, apply candidates, stated deadlines
    and statements about the status (``deadlines=False``: not looked for). A day and month
    stated without a year count from ``posted``."""
    if not deadlines:
        skipped = _plain_sections(html)
        if skipped is not None:
            start, words, first = skipped
            facts = _read(html[start:], deadlines=False, words=words)
            if first:
                facts.first_paragraph = first
            return facts
    return _read(html, deadlines=deadlines, posted=posted)


_LINKS = frozenset({"a"})  # the only attributes the reader looks at: links' href ...
_ICON_TAGS = frozenset({"i", "span"})
_LINKS_AND_ICONS = _LINKS | _ICON_TAGS  # ... and, where one may be, an "@" icon's class
_AT_ICONS = frozenset({"fa-at", "bi-at", "mdi-at", "icon-at", "la-at", "ti-at"})
"""Classes of icon fonts' "@" (Font Awesome, Bootstrap, Material Design, ...)."""


def _is_at_icon(attrs: list[tuple[str, str | None]]) -> bool:
    return not _AT_ICONS.isdisjoint((dict(attrs).get("class") or "").split())


def _read(html: str, *, deadlines: bool, words: int = 0, posted: date | None = None) -> BodyFacts:
    """Read ``html`` whole; ``words`` have been counted before it."""
    reader = _BodyReader(deadlines=deadlines, words=words, posted=posted)
    attributes = _LINKS_AND_ICONS if "-at" in html else _LINKS
    if not feed_plain_markup(reader, html, attributes_of=attributes):
        reader = _BodyReader(deadlines=deadlines, words=words, posted=posted)
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
_SPELLED = re.compile(r"<(em|i)>\s*(?:at|dot)\s*</\1>", re.IGNORECASE)
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
                if _SPELLED.search(text):
                    break  # "name _at_ uni.org": its section is read
                text = _INLINE_TAG.sub("", text)
            if "&" in text:
                text = unescape(text)
            if may_hold_address(text):
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
    from that paragraph alone (when nothing else is wanted from the body). Saves 0.12 G
    instructions at 1,000 postings (0.37 % of the floor, 8 December 2026) over a whole
    ``read_body``: below the 1 % a device must earn, kept because the budget needs it; a
    test holds it to a whole read."""
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


def find_deadline(text: str, *, posted: date | None = None) -> list[DeadlineHint]:
    """Deadlines stated in ``text``: a label ("Application deadline", "Bewerbungsfrist",
    "Scadenza", ...) followed closely by a date, or a date right after "by", "before",
    "until", "bis zum", ... in a sentence about applying. A day and month without a year
    count from ``posted`` (none without it); numeric dates that could be read two ways are
    not reported. A time written after the date ("at 11.00pm AEST") comes with it."""
    hints: list[DeadlineHint] = []
    if "~~" in text:  # struck through with Markdown's ~~ (no extension renders it): closed
        text = _STRUCK.sub(" ", text)
    # As the pattern's IGNORECASE compares: also dotless ı and İ (casefold: "i" + dot) as "i".
    folded = text.casefold().replace("\u0131", "i").replace("i\u0307", "i")
    labelled = any(word in folded for word in DEADLINE_WORDS) and (
        DEADLINE_LABEL_FOLDED.search(folded) is not None
    )
    applying = _about_applying_or_application(text)
    if not labelled and not applying:
        return hints  # most paragraphs: ruled out by a few substring checks
    text = " ".join(text.replace("\u00a0", " ").split())
    if labelled:
        for label in DEADLINE_LABEL.finditer(text):
            hint = _date_after(text, label.start(), label.end(), posted, labelled=True)
            if hint is not None:
                hints.append(hint)
    if applying and not hints:
        for _, sentence in _sentences(text):
            if not _about_applying_or_application(sentence):
                continue
            for word in BY_A_DATE.finditer(sentence):
                hint = _date_after(sentence, word.start(), word.end(), posted, labelled=False)
                if hint is not None:
                    hints.append(hint)
    return hints


def _date_after(
    text: str, start: int, end: int, posted: date | None, *, labelled: bool
) -> DeadlineHint | None:
    """The date close after the words ``text[start:end]`` (a label, "by"), within its sentence."""
    gap = _GAP if labelled else _BY_GAP
    window = _to_sentence_end(text[end : end + gap + 30])
    found = dates.find_written_date(window, after=posted)
    if found is None or found[0] > gap:
        return None
    _, stop, when = found
    clock, zone = dates.written_clock(window, stop)
    if clock is not None:
        when = datetime.combine(when, clock, tzinfo=zone)
    return DeadlineHint(text[start : end + stop].strip(), when, labelled)


_STRUCK = re.compile(r"~~.+?~~")


def _about_applying_or_application(text: str) -> bool:
    return APPLY_WORDS.search(text) is not None or APPLICATION_WORDS.search(text) is not None


_BY_GAP = 16
"""How many characters may stand between "by", "until", ... and the date ("by the", "bis
zum", "until Thursday")."""


def _to_sentence_end(text: str) -> str:
    """``text`` up to the end of its sentence; the dot of an abbreviated month ("Jan. 22nd",
    "19. Okt. 2025") ends none."""
    for stop in _SENTENCE_STOP.finditer(text):
        word = (text[: stop.start()].rsplit(None, 1)[-1:] or [""])[0]
        abbreviated_month = (
            dates.is_month_name(word) and text[stop.end() : stop.end() + 1].isdigit()
        )
        # nor does an abbreviation's ("A.S.A.P.", "e.g.")
        if not abbreviated_month and "." not in word:
            return text[: stop.start()]
    return text


def find_statements(text: str) -> list[Statement]:
    """What ``text`` says about the posting's status: open until filled, filled, no opening."""
    text = " ".join(text.split())
    found = [
        Statement(kind, _clip_around(text, match.start(), match.end()))
        for kind, pattern in STATUS_STATEMENTS
        if (match := pattern.search(text)) is not None
    ]
    if any(statement.kind == "rolling" for statement in found):
        # "until suitable candidates have been selected" is open until filled, not filled
        found = [statement for statement in found if statement.kind != "filled"]
    return found


def _clip_around(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]`` (``text`` with its spaces already collapsed)."""
    for offset, sentence in _sentences(text):
        if offset <= start < offset + len(sentence) + 1:
            return sentence.strip()
    return text[start:end]
