"""Apply targets as a posting's text writes them, and each one's standing as a *candidate*:
e-mail addresses (plain, or written to fool robots), web addresses, Markdown links left
unrendered, and the headings and words around them that make one a way to apply.

``extract`` reads a body's blocks with these, ``apply`` ranks the candidates and reads a
migrated file's front-matter texts with them. Hrefs that are no target at all are told apart
here too (``refused``): template syntax a generator never rendered (``{{ site.email }}``) and
address patterns (``prenom.nom@…``).

Every pattern starts only where its run starts ((?<!...)) and repeats a bounded number of
times, so long words, long runs of spaces and chains of "[dot]" cost linear time (real and
hostile bodies alike; tests/test_extract.py holds it).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from mkdocs_postings.body.words import (
    APPLY_HEADINGS,
    APPLY_WORDS,
    CALL_WORDS,
    CONTACT_HEADINGS,
    DEADLINE_LABEL,
    DEADLINE_WORDS,
    INQUIRY_WORDS,
    LazyPattern,
)

__all__ = [
    "Around",
    "Candidate",
    "Place",
    "candidates_in",
    "emails_in",
    "is_apply_heading",
    "label_before_colon",
    "leads_in",
    "markdown_targets",
    "may_hold_address",
    "refused",
    "sentences",
    "urls_in",
    "written_targets",
]

# ------------------------------------------------------------------ candidates


class Place(StrEnum):
    """Where an apply target was found, most trustworthy first."""

    SECTION = "section"  # under an apply heading or bold label
    FRONT_MATTER = "front-matter"  # a migrated file's `email:` / `apply:`-like key
    SENTENCE = "sentence"  # a link in a sentence about applying
    MAILTO = "mailto"  # the first mailto link
    EMAIL = "email"  # an address written out (bare or obfuscated) in the text
    FRONT_MATTER_TEXT = "front-matter-text"  # in a front-matter text (a landing page's)
    URL = "url"  # a web address written out in the text
    ONLY_LINK = "only-link"  # the text's only link


@dataclass(frozen=True)
class Candidate:
    """One possible apply target: a ``mailto:``/``http(s)``/relative href and where it was."""

    href: str
    place: Place
    section: str | None = None
    """The heading or label of the apply section it sits in."""
    contact: bool = False
    """Under a contact heading ("Contact", "Kontakt", "Supervisors") or in a sentence for
    questions ("For informal inquiries, write to ..."): a person to write to, used when the
    posting offers nothing else."""


_NOT_WORD = re.compile(r"[\W_]+")
_LONGEST_HEADING = max(map(len, APPLY_HEADINGS)) + 12
"""Longer texts are no apply heading (room for punctuation and an emoji or two)."""


def _key(text: str) -> str:
    """Compare headings and labels: lower case, no punctuation, emoji or extra spaces."""
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


def is_apply_heading(text: str) -> bool:
    return len(text) <= _LONGEST_HEADING and _key(text) in APPLY_HEADINGS


def is_contact_heading(text: str) -> bool:
    return len(text) <= _LONGEST_HEADING and _key(text) in CONTACT_HEADINGS


def label_before_colon(text: str) -> str | None:
    """The apply heading a block opens with in plain words ("Applications: ...", "Contact:
    jane [at] uni [dot] org"), for that block alone."""
    head, colon, _ = text[: _LONGEST_HEADING + 1].partition(":")
    return head if colon and head and is_apply_heading(head) else None


# ------------------------------------------------------------------ addresses

# The ways an "@" is written to fool robots: in brackets ("[at]", "(at)", "{@}", "(atmark)",
# "_at_"), a spaced "@", "AT" in capitals (a lower-case " at " is a word, unless the text says
# so), "atmark" and its Japanese, アットマーク. A full-width ＠ is made an "@" before. Spaces
# around a form are matched once, in front of the alternatives: "\s*" next to "\s+" would try
# every split of a long run of spaces.
_BRACKETED_AT = r"[\[\(\{<_]\s*(?:at|@|at-?mark)\s*[\]\)\}>_]"
_BRACKETED_DOT = r"[\[\(\{<_]\s*dot\s*[\]\)\}>_]"
_SPACED_AT = r"(?<=\s)(?:@|(?-i:AT)|at-?mark)(?=\s)"
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_AT = re.compile(rf"(?<!\s)\s*(?:{_BRACKETED_AT}|{_SPACED_AT}|アットマーク)\s*", re.IGNORECASE)
_DOT = re.compile(rf"(?<!\s)\s*(?:{_BRACKETED_DOT}|(?<=\s)dot(?=\s))\s*", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s<>\"'()\[\]]+", re.IGNORECASE)
_SCAN_AT = rf"(?:@|\s*(?:{_BRACKETED_AT}|{_SPACED_AT}|アットマーク)\s*)"
_SCAN_DOT = rf"\s*(?:{_BRACKETED_DOT}|(?<=\s)dot(?=\s))\s*"
_EMAIL_OR_URL = re.compile(
    r"https?://[^\s<>\"'()\[\]]+"
    rf"|(?<![\w.+-])[\w.+-]+(?:{_SCAN_DOT}[\w+-]+){{0,4}}{_SCAN_AT}[\w-]+"
    rf"(?:(?:\.|{_SCAN_DOT})[\w-]+){{0,8}}",
    re.IGNORECASE,
)
# Two patterns, each searched only when a cheap substring test lets it: a pattern that may
# start at every space (" AT ") costs a paragraph's length on every paragraph.
_AT_IN_BRACKETS = re.compile(r"[\[\(\{<_]\s*at(?:-?mark)?\s*[\]\)\}>_]", re.IGNORECASE)
_AT_SPELLED = re.compile(r"\s(?-i:AT)\s|\sat-?mark\s", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]{0,300})\]\(\s*<?([^\s()<>]{1,2000})>?\s*\)")
"""A Markdown link, as front-matter texts and raw HTML blocks (Markdown leaves them alone)
hold it."""


def may_hold_address(text: str) -> bool:
    """Whether ``text`` may hold a written address or link; without, the patterns are skipped."""
    if "@" in text or "＠" in text or "アットマーク" in text or "](" in text:
        return True
    if ":" in text and "http" in text.lower():
        return True
    brackets = "[" in text or "(" in text or "{" in text or "<" in text or "_" in text
    if brackets and _AT_IN_BRACKETS.search(text) is not None:
        return True
    if "AT" not in text:  # " AT ", or "atmark" in any case
        upper = text.upper()
        if "ATMARK" not in upper and "AT-MARK" not in upper:
            return False
    return _AT_SPELLED.search(text) is not None


def emails_in(text: str) -> Iterator[str]:
    """Addresses written in ``text``: plain, or written to fool robots ("[at]", "(at)",
    "_at_", " AT ", "atmark", "＠", "[dot]", " dot ")."""
    text = text.replace("＠", "@")
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


def written_targets(text: str) -> list[tuple[int, str, bool]]:
    """The targets written in a block's text, in order: ``(offset, href, linked)``. A Markdown
    link left unrendered (in a raw HTML block) is ``linked``; web and e-mail addresses written
    out are not. An address pattern the text explains ("replace ★ with @") is read as told."""
    if "＠" in text:
        text = text.replace("＠", "@")  # the same length: offsets stay
    found: list[tuple[int, str, bool]] = []
    if "](" in text:
        for link in _MARKDOWN_LINK.finditer(text):
            found.append((link.start(), link.group(2), True))
        text = _MARKDOWN_LINK.sub(lambda link: " " * len(link.group(0)), text)
    if "@" in text:
        text = _as_told(text)
    for match in _EMAIL_OR_URL.finditer(text):
        written = match.group(0)
        if written.lower().startswith(("http://", "https://")):
            found.extend((match.start(), url, False) for url in urls_in(written))
        else:
            found.extend((match.start(), f"mailto:{a}", False) for a in emails_in(written))
    found.sort(key=lambda item: item[0])
    return found


_TOLD = LazyPattern(
    r"(?:replace|substitute|change)\s+(?:the\s+)?"
    r"(?:[\"'“‘](?P<quoted>[^\"'”’\n]{1,8})[\"'”’]|(?P<mark>\S{1,8}))"
    r"\s+(?:with|by|to|into)\s+(?:an?\s+)?[\"'“‘]?@"
    r"|[「『\"]?(?P<ja>[^\s「」『』\"'()（）、。を]{1,6})[」』\"]?\s*を\s*[「『\"]?@[」』\"]?\s*に",
    re.IGNORECASE,
)
"""The text saying how an address is written: "replace ★ with @", "(replace ' at ' by @)",
"★を@に変えてください"."""


def _as_told(text: str) -> str:
    """``text`` with the mark its instruction names read as "@" (the same length: offsets
    stay), outside the instruction itself."""
    told = _TOLD.search(text)
    if told is None:
        return text
    mark = (told.group("quoted") or told.group("mark") or told.group("ja") or "").strip()
    if not mark or mark == "@":
        return text
    word = mark.isalnum()
    pattern = re.compile(rf"(?<!\w){re.escape(mark)}(?!\w)" if word else re.escape(mark))
    # "(a)" -> " @ ", a spaced " at " -> " @  ": the address patterns read a spaced "@"
    stand_in = "@".center(len(mark)) if len(mark) > 2 else "@".ljust(len(mark))
    start, end = told.span()
    return "".join(
        (
            pattern.sub(stand_in, text[:start]),
            text[start:end],
            pattern.sub(stand_in, text[end:]),
        )
    )


# ------------------------------------------------------------------ hrefs that are no target

_PATTERN_NAMES = frozenset(
    {
        "prenom.nom",
        "prénom.nom",
        "firstname.lastname",
        "first.last",
        "firstname.surname",
        "name.surname",
        "vorname.nachname",
        "nome.cognome",
        "nombre.apellido",
        "voornaam.achternaam",
        "fornamn.efternamn",
        "imie.nazwisko",
        "jmeno.prijmeni",
        "your.name",
        "yourname",
        "your.email",
        "username",
    }
)
"""Local parts of addresses that stand for everyone's ("prenom.nom@irisa.fr")."""
_SEPARATORS = re.compile(r"[._-]+")
_CROSSES = re.compile(r"x{3,}(?:\.x+)*")
"""A local part of crosses ("xxx@uni.org", "xxx.xxx@uni.org")."""


def refused(href: str) -> str | None:
    """Why ``href`` is no apply target whatever the site ("template syntax", "an address
    pattern"), or None."""
    lowered = href.lower()
    if "{{" in href or "{%" in href or "%7b%7b" in lowered or "%7b%25" in lowered:
        return "template syntax"
    if lowered.startswith("mailto:"):
        local = _SEPARATORS.sub(".", lowered[len("mailto:") :].split("@", 1)[0])
        if local in _PATTERN_NAMES or _CROSSES.fullmatch(local):
            return "an address pattern"
    return None


# ------------------------------------------------------------------ the words around a target

_SENTENCE_END = re.compile(r"(?<=[.!?;؟؛])\s+|(?<=[。！？；])\s*|\n\s*\n")
"""Where a sentence ends: after a stop and a space, after a Chinese or Japanese stop (no space
follows one), or at a blank line."""


def sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of ``text``, each with its offset."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, text[start : match.start()]))
        start = match.end()
    spans.append((start, text[start:]))
    return spans


_CLAUSE_END = re.compile(r"[,;、，；]")
_LINK_TEXT_REACH = 12
"""How far into a link's text the apply words may start ("[Come join us!](...)")."""


class Around:
    """The words around the targets of one text (a block), each sentence read once: a text
    with thousands of links in one sentence costs linear time."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._spans = sentences(text)
        self._read: dict[int, tuple[int | None, int | None, bool]] = {}

    def speak_of_applying(self, offset: int, end: int) -> bool:
        """Whether the sentence around a target at ``offset`` speaks of applying before it or
        in its first words ("help you apply to the [Fellowship](...)", "[send us](/contact/)
        a letter"), or names the call, the job advert, the portal or a deadline before it or
        in its own clause, up to ``end`` (the next target): "[here](...) for the official
        advertisement", "[Postdoc in X](...) Closing date: ..."."""
        applying, call, _ = self._sentence(offset)
        if applying is not None and applying <= offset + _LINK_TEXT_REACH:
            return True
        if call is None or call >= end:
            return False
        # after the target, only its own clause: "[the website](...), then the form below"
        clause = _CLAUSE_END.search(self._text, offset, end)
        return call < (clause.start() if clause else end)

    def ask_questions(self, offset: int) -> bool:
        """Whether the sentence around ``offset`` is for questions ("For informal inquiries,
        contact ..."): its target is a contact, not the way to apply."""
        return self._sentence(offset)[2]

    def _sentence(self, offset: int) -> tuple[int | None, int | None, bool]:
        """Where the sentence around ``offset`` first speaks of applying, and first names the
        call or a deadline (offsets in the text); whether it is for questions."""
        index = max(0, bisect_right(self._spans, offset, key=lambda item: item[0]) - 1)
        if index not in self._read:
            start, sentence = self._spans[index]
            applying = APPLY_WORDS.search(sentence)
            called = CALL_WORDS.search(sentence)
            named = (called.start() if called else None, _deadline_label(sentence))
            call = min((start + at for at in named if at is not None), default=None)
            questions = INQUIRY_WORDS.search(sentence) is not None
            self._read[index] = (start + applying.start() if applying else None, call, questions)
        return self._read[index]


def leads_in(text: str) -> bool:
    """Whether ``text`` ends with a colon after words about applying ("Applications should be
    made on this website:"): the next block's first link is the way to apply."""
    text = text.rstrip()
    if not text.endswith((":", "：")):
        return False
    last = sentences(text)[-1][1]
    return (
        APPLY_WORDS.search(last) is not None
        or CALL_WORDS.search(last) is not None
        or _deadline_label(last) is not None
    )


def markdown_targets(text: str) -> Iterator[tuple[str, bool]]:
    """The targets in a Markdown text (a front-matter string), each with whether the words
    around it speak of applying: its links, and web and e-mail addresses written out."""
    found: list[tuple[int, str]] = []
    parts: list[str] = []
    length = position = 0
    for link in _MARKDOWN_LINK.finditer(text):  # a link reads as its text
        before = text[position : link.start()]
        parts += [before, link.group(1)]
        length += len(before)
        found.append((length, link.group(2)))
        length += len(link.group(1))
        position = link.end()
    parts.append(text[position:])
    plain = "".join(parts)
    found += ((offset, href) for offset, href, _ in written_targets(plain))
    found.sort(key=lambda item: item[0])
    around = Around(plain)
    for index, (offset, href) in enumerate(found):
        end = found[index + 1][0] if index + 1 < len(found) else len(plain)
        yield href, around.speak_of_applying(offset, end)


def candidates_in(
    text: str, found: list[tuple[int, str, bool]], section: str | None, *, lead_in: bool
) -> list[Candidate]:
    """The candidates of one block of ``text``: its targets ``found`` (``(offset, href,
    linked)``: its links, and what ``written_targets`` found), by the section they stand in
    and the words around them. ``lead_in``: the block before ended "... on this website:"."""
    found = sorted(found, key=lambda item: item[0])
    around = Around(text)
    contact_section = section is not None and is_contact_heading(section)
    candidates = []
    for index, (offset, href, linked) in enumerate(found):
        end = found[index + 1][0] if index + 1 < len(found) else len(text)
        if section and not contact_section:
            candidates.append(Candidate(href, Place.SECTION, section))
        elif (lead_in and index == 0) or around.speak_of_applying(offset, end):
            contact = around.ask_questions(offset)
            candidates.append(Candidate(href, Place.SENTENCE, contact=contact))
        elif section:
            candidates.append(Candidate(href, Place.SECTION, section, contact=True))
        elif urlsplit(href).scheme.lower() == "mailto":
            candidates.append(Candidate(href, Place.MAILTO if linked else Place.EMAIL))
        elif not linked:
            candidates.append(Candidate(href, Place.URL))
    return candidates


def _deadline_label(text: str) -> int | None:
    """Where ``text`` names a deadline ("Closing date", "Bewerbungsfrist"), if it does."""
    folded = text.casefold()
    if not any(word in folded for word in DEADLINE_WORDS):
        return None  # most sentences: ruled out by a few substring checks
    label = DEADLINE_LABEL.search(text)
    return label.start() if label else None
