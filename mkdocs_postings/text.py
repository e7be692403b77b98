"""Front-matter text as a reader sees it (titles and summaries are plain text), and any text
as the format it is written into needs it: one log line, a title, a URI."""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit, urlunsplit

__all__ = [
    "NOT_ONE_LINE",
    "clip",
    "markdown_words",
    "one_line",
    "plain_text",
    "uri",
    "without_bidi",
    "without_controls",
]

HTML_ELEMENTS = frozenset(
    """a abbr acronym address area article aside audio b base bdi bdo big blockquote body br
    button canvas caption center cite code col colgroup data datalist dd del details dfn
    dialog div dl dt em embed fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6
    head header hgroup hr html i iframe img input ins kbd label legend li link main map mark
    menu meta meter nav noscript object ol optgroup option output p param picture pre
    progress q rp rt ruby s samp script search section select slot small source span strike
    strong style sub summary sup table tbody td template textarea tfoot th thead time title
    tr track tt u ul var video wbr""".split()  # noqa: SIM905 (a list of words reads as one)
)
"""The elements of HTML (with a few old ones migrated pages still use): a ``<name ...>`` with
one of these names is markup; any other ``<`` is text ("P<NP", "<3")."""
VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()  # noqa: SIM905
)
"""Elements without a closing tag."""
_BREAKS = frozenset(
    "br hr p div li dd dt td th tr h1 h2 h3 h4 h5 h6 blockquote".split()  # noqa: SIM905
)
"""Elements that separate words; dropped, they leave a space."""

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>")


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters no reader means to write in a title, a name or a place: C0 and C1 controls
but tab and line breaks (NUL, ESC, DEL, ...), and the bidi embeddings, overrides and isolates
that turn the text around them (a right-to-left override in a tag reverses the site name
beside it in a page title). Marks that shape words stay: zero-width joiners, LRM and RLM."""


def without_controls(value: str) -> str:
    """``value`` without ``_CONTROLS``: front matter and other sites' listings are read
    through this, so none reaches a page, a feed or a log."""
    if value.isprintable():  # nearly every value: one scan in C, nothing to do
        return value
    return _CONTROLS.sub("", value)


def plain_text(value: str) -> str:
    """Text as a reader sees it: HTML elements dropped, entities decoded, whitespace collapsed.

    Titles and summaries are plain text everywhere they appear (and escaped on output):
    ``<strong>`` in a migrated Jekyll title shows as bold nowhere and as tags nowhere. Only
    real elements are dropped, by their tag name: a void element (``<br>``) or an element
    with its closing tag (``<em>…</em>``), and comments; every other ``<`` stays text, so
    "P<NP & a<b>c bounds <3" reads as written. Linear in the length of ``value``.
    """
    if "<" in value:
        value = _without_elements(_without_comments(value))
    # Unescaped after cleaning: an entity can spell a control too (``&#27;``).
    return " ".join(without_controls(html.unescape(value)).split())


def _without_comments(value: str) -> str:
    parts, position = [], 0
    while (start := value.find("<!--", position)) >= 0:
        end = value.find("-->", start + 4)
        if end < 0:
            break  # not closed: text
        parts.append(value[position:start])
        position = end + 3
    parts.append(value[position:])
    return "".join(parts)


def _without_elements(value: str) -> str:
    drop: dict[int, tuple[int, str]] = {}  # a tag's start -> (its end, what stands in its place)
    opened: dict[str, list[re.Match[str]]] = {}  # start tags not closed yet, by name
    for match in _TAG.finditer(value):
        name = match.group(2).lower()
        if name not in HTML_ELEMENTS:
            continue
        space = " " if name in _BREAKS else ""
        if name in VOID_ELEMENTS:
            drop[match.start()] = (match.end(), space)
        elif not match.group(1):
            opened.setdefault(name, []).append(match)
        elif opened.get(name):
            start_tag = opened[name].pop()
            drop[start_tag.start()] = (start_tag.end(), space)
            drop[match.start()] = (match.end(), space)
    parts, position = [], 0
    for start in sorted(drop):
        end, stand_in = drop[start]
        parts += [value[position:start], stand_in]
        position = end
    parts.append(value[position:])
    return "".join(parts)


_MD_LINK = re.compile(r"!?\[([^\]\[]{0,500})\]\([^)\s]{0,500}\)")
_MD_EMPHASIS = re.compile(
    r"\*\*(?=\S)([^*]{1,500}?)(?<=\S)\*\*"
    r"|(?<!\w)__(?=\S)([^_]{1,500}?)(?<=\S)__(?!\w)"
    r"|\*(?=\S)([^*]{1,500}?)(?<=\S)\*"
    r"|`([^`]{1,500})`"
)
"""Emphasis as Markdown reads it: the markers touch the words they wrap (``5 * 3 * 2`` is
arithmetic), and ``__`` does not work inside a word (``__init__.py`` is a file name)."""


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


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, with "…" where it was cut; for quoting a
    posting's words in a one-line message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- written out
#
# Values reach logs, terminals, calendars and feeds from posting files and from other sites'
# listings; each writer cleans what it writes for its own format, whatever the reader let in.

_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Bidi embeddings, overrides and isolates: they turn the text after them around, beyond the
value they are in (the site name after a tag in a page's ``<title>``)."""

NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""C0 controls (line breaks, tab, ESC, NUL), DEL, C1 controls (NEL, the one-byte CSI) and the
Unicode line and paragraph separators: what starts a line or drives a terminal; and ``_BIDI``."""


def one_line(text: str) -> str:
    """``text`` as one line a log or terminal shows as written: every character of
    ``NOT_ONE_LINE`` escaped as Python writes it (``\\n``, ``\\x1b``, ``\\u202e``).

    A value from a posting file or another site's listing can then neither forge a log line
    of its own ("ERROR - ..."), colour the terminal or make a link in it, nor reverse the
    text after it."""
    if text.isprintable():  # nearly every line: one scan in C
        return text
    return NOT_ONE_LINE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]


def without_bidi(text: str) -> str:
    """``text`` without bidi embeddings, overrides and isolates: for text that other text
    follows on the same line, a page's ``<title>`` (before the site's name), a feed's title,
    a calendar event's name."""
    if text.isprintable():  # they are not printable: nothing to do
        return text
    return _BIDI.sub("", text)


_URI = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")
"""What a URI may hold (RFC 3986): unreserved and reserved characters, and ``%`` escapes."""
_URI_KEPT = "-._~:/?#[]@!$&'()*+,;=%"
"""What ``quote`` keeps besides letters and digits: the URI's own syntax and its escapes."""
_STRAY_PERCENT = re.compile("%(?![0-9A-Fa-f]{2})")


def uri(url: str) -> str:
    """``url`` written only with the characters a URI may hold, meaning what a browser reads
    in it: parsed and written again, tab and line breaks dropped and the ends trimmed (as
    browsers do), a non-ASCII host as IDNA, and everything else outside RFC 3986 (spaces,
    controls, non-ASCII, a ``%`` that starts no escape) percent-encoded as UTF-8.

    For every file that writes a URL as it is (a calendar's ``URL:`` line, a feed's
    ``href``, a listing other sites read): a line break in it would start a line of its own.
    A URL that is one already comes back unchanged."""
    if _URI.fullmatch(url) and ("%" not in url or not _STRAY_PERCENT.search(url)):
        return url
    text = url.strip().replace("\t", "").replace("\r", "").replace("\n", "")
    try:
        parts = urlsplit(text)
    except ValueError:  # an unclosed IPv6 host ("http://[::1/"): no host to convert
        pass
    else:
        if not parts.netloc.isascii():
            text = urlunsplit(parts._replace(netloc=_ascii_host(parts.netloc)))
    return quote(_STRAY_PERCENT.sub("%25", text), safe=_URI_KEPT)


def _ascii_host(netloc: str) -> str:
    """``user@host:port`` with a non-ASCII host in IDNA (``xn--``); a host IDNA cannot write
    stays, to be percent-encoded, as RFC 3986 allows."""
    userinfo, at, host_port = netloc.rpartition("@")
    if host_port.startswith("["):  # an IPv6 literal: ASCII already
        return netloc
    host, colon, port = host_port.partition(":")
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:  # no name IDNA can write
        return netloc
    return userinfo + at + ascii_host + colon + port
