"""From a file's path and text to a ``Posting``: front matter (YAML ``---`` and TOML ``+++``)
and the detection rules that decide which pages are postings.

The plugin reads front matter itself, because MkDocs silently drops YAML it cannot parse and
does not know TOML at all. Timestamps stay strings here (PyYAML would raise a bare
``ValueError`` for ``2027-02-30``), so that the model can name the field in its error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath
from typing import Any, ClassVar

import frontmatter
import yaml
from frontmatter.default_handlers import BaseHandler, YAMLHandler

from mkdocs_postings.model import Defaults, Posting, PostingError, Problem
from mkdocs_postings.publishing.listing import generated_clash
from mkdocs_postings.reading.unfinished import placeholder_left
from mkdocs_postings.reading.validate import posting_from_meta

__all__ = [
    "DetectRules",
    "FrontMatter",
    "body_of",
    "collect_posting",
    "read_front_matter",
]


_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """PyYAML's safe loader (libyaml's C parser where installed) that leaves timestamps as
    strings: the plugin reads dates itself, with their time zone.

    Front matter as posting files have it (text, numbers, true/false, lists and mappings, no
    aliases, merge keys or explicit tags) is built straight from the parsed nodes, checking
    depth and size on the way; anything else goes to PyYAML's constructor and is checked
    after. The straight path saves 0.28 G instructions at 1,000 postings (0.8 % of the floor
    build), which keeps the build within its budget.
    """

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    _by_first_character: ClassVar[dict[str, tuple[tuple[str, re.Pattern[str]], ...]]] = {
        first: tuple(resolvers) for first, resolvers in yaml_implicit_resolvers.items()
    }

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        """PyYAML's tag for a plain scalar (its ``resolve`` without path resolvers, which
        this loader has none of): the same answer in fewer steps, for every value read."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, pattern in self._by_first_character.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return _STR
        return str(super().resolve(kind, value, implicit))

    def construct_document(self, node: yaml.Node) -> Any:
        try:
            return _Plain(self).value(node, 0)
        except _NotPlain:
            data = super().construct_document(node)
            _check_nesting(data)
            return data


class _NotPlain(Exception):
    """Front matter with an alias, a merge key, an explicit tag or a list as a key: left to
    PyYAML's constructor, which knows what they mean."""


_STR, _INT, _FLOAT, _BOOL, _NULL, _SEQ, _MAP = (
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
)


class _Plain:
    """Plain front matter's values, built from its nodes as PyYAML builds them. A node met
    twice is an alias: ``_NotPlain``."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader  # PyYAML's own readers of numbers and true/false
        self.seen: set[int] = set()

    def value(self, node: yaml.Node, depth: int) -> Any:
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag == _STR:
                return node.value
            if tag == _INT:
                return self.loader.construct_yaml_int(node)
            if tag == _BOOL:
                return self.loader.construct_yaml_bool(node)
            if tag == _FLOAT:
                return self.loader.construct_yaml_float(node)
            if tag == _NULL:
                return None
            raise _NotPlain
        if id(node) in self.seen:
            raise _NotPlain
        self.seen.add(id(node))
        if len(self.seen) > _MOST_VALUES:
            raise _TooMany
        if depth >= _DEEPEST:
            raise _TooDeep
        if tag == _SEQ:
            return [self.value(item, depth + 1) for item in node.value]
        if tag != _MAP:
            raise _NotPlain
        mapping = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _KEY_TAGS:
                raise _NotPlain  # a merge key (<<), a list as a key, ...
            mapping[self.value(key_node, depth + 1)] = self.value(value_node, depth + 1)
        return mapping


_KEY_TAGS = frozenset({_STR, _INT, _BOOL, _FLOAT, _NULL})


class _TooDeep(Exception):
    """Front matter nested too deeply, or inside itself: nothing could read it safely."""


_DEEPEST = 100
_MOST_VALUES = 100_000
"""Values in one front matter, counted as written out: a YAML alias (``*name``) repeats its
anchor's values, so a kilobyte of aliases to aliases can stand for billions of them, and
everything that reads front matter would walk them all."""


class _TooMany(Exception):
    """Front matter whose aliases stand for more than ``_MOST_VALUES`` values."""


def _check_nesting(value: Any) -> None:
    """Raise ``_TooDeep`` for lists and mappings more than ``_DEEPEST`` levels deep, or inside
    themselves (YAML anchors can do both), and ``_TooMany`` past ``_MOST_VALUES`` values;
    everything that reads front matter recurses."""
    stack: list[tuple[Any, int, frozenset[int]]] = [(value, 0, frozenset())]
    seen = 0
    while stack:
        item, depth, parents = stack.pop()
        seen += 1
        if seen > _MOST_VALUES:
            raise _TooMany
        if not isinstance(item, dict | list):
            continue
        if depth >= _DEEPEST or id(item) in parents:
            raise _TooDeep
        inside = parents | {id(item)}
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1, inside) for child in children)


class _TOMLHandler(BaseHandler):
    """Hugo's ``+++`` front matter, read with the standard library's tomllib."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm: str, **kwargs: object) -> Any:
        import tomllib  # imported by the sites that have TOML front matter only

        try:
            data = tomllib.loads(fm)
        except tomllib.TOMLDecodeError as error:
            raise _BrokenTOML(str(error)) from None
        except RecursionError:
            raise _TooDeep from None
        _check_nesting(data)
        return data


class _BrokenTOML(Exception):
    """``tomllib.TOMLDecodeError``, without importing tomllib where no file is TOML."""


_YAML = YAMLHandler()
_TOML = _TOMLHandler()


MAX_FILE_BYTES = 10_000_000
"""A page larger than this is not read as a posting: a posting is a page of text (the largest
real one here is 60 KB), and a link to a device such as ``/dev/zero`` never ends."""


class FileTooLarge(Exception):
    """A file past ``MAX_FILE_BYTES``, counted as read, not as the file system reports it."""


def read_file(path: str) -> bytes:
    """The bytes of the file at ``path``; ``FileTooLarge`` past ``MAX_FILE_BYTES``, counted as
    read (a link to ``/dev/zero`` has no size)."""
    with open(path, "rb") as file:
        data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise FileTooLarge(path)
    return data


def too_large(src: str) -> PostingError:
    return PostingError(
        src,
        "file",
        f"is larger than {MAX_FILE_BYTES // 1_000_000} MB (or never ends: a link to a device?); "
        "a posting is a page of text: check what this file is",
    )


@dataclass(frozen=True)
class FrontMatter:
    """A Markdown file split into its front matter and its body."""

    meta: Mapping[str, Any]
    body: str
    format: str | None  # "yaml", "toml" or None (no front matter)


def read_front_matter(text: str, src: str) -> FrontMatter:
    """Split ``text`` into front matter and body; raise ``PostingError`` if it cannot be read.

    Accepts a byte-order mark, CRLF line endings and a closing delimiter without a newline.
    """
    text = _normalized(text)
    handler = frontmatter.detect_format(text, (_YAML, _TOML))
    if handler is None:
        return FrontMatter({}, text, None)
    fmt = "toml" if handler is _TOML else "yaml"
    delimiter = handler.START_DELIMITER
    try:
        raw, body = handler.split(text)
    except ValueError:
        raise PostingError(
            src,
            "front matter",
            f"starts with {delimiter} but has no closing {delimiter} line; "
            f"add a line with {delimiter} after the last key",
        ) from None
    try:
        loaded = yaml.load(raw, Loader=_Loader) if fmt == "yaml" else handler.load(raw)
    except yaml.YAMLError as error:
        reason = _yaml_reason(error, raw)
        raise PostingError(src, "front matter", f"broken YAML: {reason}") from None
    except _BrokenTOML as error:
        raise PostingError(src, "front matter", f"broken TOML: {error}") from None
    except ValueError as error:  # e.g. integers too long to convert
        raise PostingError(src, "front matter", f"cannot be read: {error}") from None
    except _TooDeep:
        raise PostingError(
            src,
            "front matter",
            f"nests lists or keys more than {_DEEPEST} levels deep, or inside themselves "
            "(a YAML anchor &name used inside itself as *name); write the values out plainly",
        ) from None
    except _TooMany:
        raise PostingError(
            src,
            "front matter",
            f"stands for more than {_MOST_VALUES:,} values once its YAML aliases (*name) are "
            "written out; write the values out plainly",
        ) from None
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, Mapping):
        raise PostingError(
            src,
            "front matter",
            f"must be keys and values (title: ..., date: ...), not a {type(loaded).__name__}",
        )
    if not all(isinstance(k, str) for k in loaded):
        loaded = {str(k): v for k, v in loaded.items()}
    return FrontMatter(loaded, body.lstrip("\n"), fmt)


def body_of(text: str) -> str:
    """The body ``read_front_matter`` gives for ``text``, without reading the front matter
    again: for a file read before and unchanged since (``mkdocs serve`` rebuilds)."""
    text = _normalized(text)
    handler = frontmatter.detect_format(text, (_YAML, _TOML))
    if handler is None:
        return text
    try:
        return handler.split(text)[1].lstrip("\n")
    except ValueError:
        return text


def _normalized(text: str) -> str:
    text = text.removeprefix("\ufeff")
    if "\r" not in text:  # most files: one scan for the character, not two replacements
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _yaml_reason(error: yaml.YAMLError, raw: str) -> str:
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    mark = getattr(error, "problem_mark", None)
    where = f" (front matter line {mark.line + 1}, column {mark.column + 1})" if mark else ""
    character = _UNACCEPTABLE.search(problem)
    if character:  # NUL, ESC, ...: invisible in most editors, and no quoting helps
        code = int(character.group(1), 16)
        at = raw.find(chr(code))
        if at >= 0:  # the reader's error has no mark
            line = raw.count("\n", 0, at)
            where = f" (front matter line {line + 1}, column {at - raw.rfind(chr(10), 0, at)})"
        return (
            f"an invisible control character (U+{code:04X}){where}; delete it "
            "(retyping the line removes it)"
        )
    # libyaml does not name the tab it stumbled on: look at the indentation ourselves.
    tabbed = any("\t" in line[: len(line) - len(line.lstrip())] for line in raw.splitlines())
    hint = "; use spaces, not tabs, to indent" if tabbed or _TAB.search(problem) else ""
    return f"{problem}{where}{hint}; check quotes, colons and indentation"


_UNACCEPTABLE = re.compile(r"unacceptable character #x([0-9a-fA-F]+)")
_TAB = re.compile(r"\btabs?\b")


@dataclass(frozen=True)
class DetectRules:
    """Which pages are postings. A page is one if ANY rule matches."""

    key: str = "posting"
    dirs: Sequence[str] = ("openings",)
    tags: Sequence[str] = ()
    categories: Sequence[str] = ()
    exclude: Sequence[str] = field(default_factory=tuple)
    """Docs-relative paths of the cards page: a page in a posting folder there is the lab's
    own cards page, no posting; one with the posting key there is an error (``collect_posting``)."""

    def in_dirs(self, src: str) -> bool:
        """Whether ``src`` (a normalised docs-relative path) lives under one of the ``dirs``
        (the cards page does not)."""
        return src.startswith(self._dir_prefixes) and src not in self.exclude

    @cached_property
    def _dir_prefixes(self) -> tuple[str, ...]:
        folders = (PurePosixPath(d.strip("/")).as_posix() for d in self.dirs if d.strip("/"))
        return tuple("" if folder == "." else folder + "/" for folder in folders)

    def may_match(self, src: str, text: str) -> bool:
        """A cheap look before parsing: could this file be a posting at all?"""
        if self.in_dirs(src):
            return True
        lowered = text.lower()
        return any(word.lower() in lowered for word in (self.key, *self.tags, *self.categories))

    def reasons(self, src: str, meta: Mapping[str, Any]) -> list[str]:
        """Every rule this page matches, e.g. ``["key", "dirs"]``; empty if it is no posting."""
        found = []
        if self.key in meta:
            found.append("key")
        if self.in_dirs(src):
            found.append("dirs")
        if self.tags and _overlaps(meta.get("tags"), self.tags):
            found.append("tags")
        if self.categories and _overlaps(meta.get("categories"), self.categories):
            found.append("categories")
        return found


def _overlaps(values: Any, wanted: Sequence[str]) -> bool:
    if values is None:
        return False
    items = values if isinstance(values, list | tuple) else [values]
    have = {str(v).strip().casefold() for v in items if not isinstance(v, Mapping | list)}
    return any(w.strip().casefold() in have for w in wanted)


@dataclass(frozen=True)
class Collected:
    """A posting file read and validated: the posting, its body, its warnings."""

    posting: Posting
    front_matter: FrontMatter
    warnings: tuple[Problem, ...]


def collect_posting(
    src: str, text: str, *, rules: DetectRules, defaults: Defaults
) -> Collected | None:
    """Read one file; return ``None`` if it is not a posting, else the validated posting.

    Raises ``PostingError`` for a posting that cannot be published.
    """
    if not rules.may_match(src, text):
        return None
    if rules.in_dirs(src):
        parsed = read_front_matter(text, src)
    else:
        # Outside the posting folders a broken front matter is the page's own business
        # (MkDocs reports it); only a readable one can say it is a posting.
        try:
            parsed = read_front_matter(text, src)
        except PostingError:
            if re.search(rf"^{re.escape(rules.key)}\s*[:=]", text, re.MULTILINE):
                raise
            return None
    if not rules.reasons(src, parsed.meta):
        return None
    if src in rules.exclude:
        clash = generated_clash(src, src, "the cards page", "index")
        raise PostingError(clash.file, clash.field, clash.message)
    posting, warnings = posting_from_meta(
        parsed.meta, src=src, defaults=defaults, body=parsed.body, key=rules.key
    )
    unfinished = placeholder_left(posting, parsed.body)
    if unfinished is not None:
        warnings.append(unfinished)
    return Collected(posting, parsed, tuple(warnings))  # () for most: no list kept per file
