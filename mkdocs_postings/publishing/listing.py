"""Listings: the order of cards, the ``closed`` policy, filters, and tag identity and slugs."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from math import inf

from pymdownx.slugs import slugify

from mkdocs_postings.expiry import Status
from mkdocs_postings.model import Posting, Problem

__all__ = [
    "CLOSED_POLICIES",
    "ListingQuery",
    "Tag",
    "generated_clash",
    "listing_query",
    "order_postings",
    "parse_marker",
    "select",
    "tag_index",
    "tag_listings",
    "tag_pages",
]

CLOSED_POLICIES = ("archive", "hide", "keep")

_slugify = slugify(case="lower", normalize="NFKD")
# Characters that carry meaning in tag names but vanish in a slug ("C++" is not "C").
_SPELLED = {"+": " plus ", "#": " sharp ", "&": " and ", "@": " at "}


def tag_key(name: str) -> str:
    """Tags differing only in case or surrounding spaces are one tag."""
    return " ".join(name.casefold().split())


def base_slug(name: str) -> str:
    """A URL-safe slug for a tag name, never empty, and short enough to be a file name (a
    slug of more than ``_LONGEST_SLUG`` characters is cut, with a hash of the name)."""
    spelled = " ".join("".join(_SPELLED.get(ch, ch) for ch in name).split())
    slug = re.sub(r"-{2,}", "-", _slugify(spelled, "-")).strip("-")
    if not slug or len(slug) > _LONGEST_SLUG:
        digest = hashlib.sha1(tag_key(name).encode()).hexdigest()[:8]
        return f"{slug[:_LONGEST_SLUG].rstrip('-') or 'tag'}-{digest}"
    return slug


_LONGEST_SLUG = 60
"""Characters of a slug: a page's folder or file is named by it, and a file system takes
255 bytes a name (60 characters of up to 4 bytes, a hash and ``.html`` stay below)."""


@dataclass(frozen=True)
class Tag:
    name: str
    """The tag as first written (by the earliest posting in path order)."""
    slug: str
    postings: tuple[Posting, ...]


def tag_index(postings: Iterable[Posting]) -> dict[str, Tag]:
    """Every tag used by ``postings``, keyed by ``tag_key``, with a collision-free slug.

    Slugs depend on the tag alone, unless two different tags slug alike; then the
    alphabetically first keeps the plain slug and the others get a short hash suffix.
    """
    names: dict[str, str] = {}
    members: dict[str, list[Posting]] = {}
    for posting in sorted(postings, key=lambda p: p.src):
        for key in dict.fromkeys(tag_key(name) for name in posting.tags):
            # One pass; a tag written twice by one posting ("NLP", "nlp") lists it once.
            members.setdefault(key, []).append(posting)
        for name in posting.tags:
            names.setdefault(tag_key(name), name)
    by_slug: dict[str, list[str]] = {}
    for key in sorted(names):
        by_slug.setdefault(base_slug(names[key]), []).append(key)
    index: dict[str, Tag] = {}
    for slug, keys in by_slug.items():
        for position, key in enumerate(keys):
            plain = position == 0 and slug != "index"  # "index" is the tag index's page
            unique = slug if plain else f"{slug}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"
            index[key] = Tag(names[key], unique, tuple(members[key]))
    return index


def tag_pages(tags_dir: str, tags: Mapping[str, Tag]) -> list[tuple[str, Tag | None, str]]:
    """The pages made for ``tags``: their paths under the docs (no suffix), their tags (none
    for the index of tags) and what a message calls them."""
    if not tags_dir or not tags:
        return []
    pages: list[tuple[str, Tag | None, str]] = [(f"{tags_dir}/index", None, "the index of tags")]
    for tag in tags.values():
        pages.append((f"{tags_dir}/{tag.slug}", tag, f"the page of the tag {tag.name!r}"))
    return pages


def generated_clash(posting: str, page: str, what: str, option: str) -> Problem:
    """The error for a posting saved where the plugin makes a page of its own (``page``, the
    cards page or a tag page, set by ``option``): one of the two would be lost."""
    where = "there" if posting == page else f"at the same address ({page})"
    return Problem(
        posting,
        "file",
        f"is a posting, but the plugin makes {what} {where}; move the posting to a file of its "
        f"own, or set the {option} option to another path",
    )


def _sort_key(posting: Posting) -> tuple:
    """Dated postings closing soonest first, then rolling and undated ones; then by title."""
    deadline = posting.deadline.timestamp() if posting.deadline and not posting.rolling else inf
    return (deadline, posting.title.casefold(), posting.src)


def order_postings(postings: Iterable[Posting], statuses: Mapping[str, Status]) -> list[Posting]:
    """Open postings first (closing soonest first, rolling and undated after dated ones),
    then past postings (most recently closed first)."""
    open_ = [p for p in postings if not statuses[p.src].is_past]
    past = [p for p in postings if statuses[p.src].is_past]
    open_.sort(key=_sort_key)
    past.sort(key=lambda p: (p.src,))
    past.sort(key=lambda p: p.title.casefold())
    past.sort(key=lambda p: (p.deadline is None, -(p.deadline.timestamp() if p.deadline else 0)))
    return open_ + past


def _split(
    ordered: list[Posting], statuses: Mapping[str, Status], policy: str
) -> tuple[list[Posting], list[Posting]]:
    if policy == "keep":
        return ordered, []
    open_ = [p for p in ordered if not statuses[p.src].is_past]
    past = [p for p in ordered if statuses[p.src].is_past] if policy == "archive" else []
    return open_, past


def tag_listings(
    tags: Mapping[str, Tag], ordered: Sequence[Posting], statuses: Mapping[str, Status], policy: str
) -> dict[str, tuple[list[Posting], list[Posting]]]:
    """Every tag page's ``(main, past)``, as ``select`` gives them for the tag, taken from all
    postings in listing order (``order_postings``): one order for every tag."""
    rank = {posting.src: position for position, posting in enumerate(ordered)}
    return {
        key: _split(sorted(tag.postings, key=lambda p: rank[p.src]), statuses, policy)
        for key, tag in tags.items()
    }


# --------------------------------------------------------------------------- embedded listings

MARKER = re.compile(r"<!--\s*postings(?=\s|-->)(?P<attrs>(?:[^-]|-(?!->))*?)-->")
_ATTR = re.compile(r'([A-Za-z_][\w-]*)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
QUERY_KEYS = ("tag", "type", "limit", "closed")


@dataclass(frozen=True)
class ListingQuery:
    """What one ``<!-- postings ... -->`` marker asks for."""

    tag: str | None = None
    type: str | None = None
    limit: int | None = None
    closed: str = "hide"
    filters: bool = False


def parse_marker(
    attrs: str, *, src: str, known_types: Sequence[str]
) -> tuple[ListingQuery, list[Problem]]:
    """Read a marker's attributes; unknown attributes or values become warnings, not errors."""
    problems: list[Problem] = []
    values: dict[str, str] = {}
    leftover = _ATTR.sub("", attrs).strip()
    if leftover:
        problems.append(
            Problem(
                src,
                "<!-- postings -->",
                f'cannot read {leftover!r}; write attributes as name="value"',
            )
        )
    for name, double, single in _ATTR.findall(attrs):
        if name not in QUERY_KEYS:
            problems.append(
                Problem(
                    src,
                    f"<!-- postings {name}= -->",
                    f"unknown attribute, ignored; use one of {', '.join(QUERY_KEYS)}",
                )
            )
            continue
        values[name] = double if double or not single else single
    query, more = listing_query(
        values, src=src, known_types=known_types, field=lambda name: f"<!-- postings {name}= -->"
    )
    return query, problems + more


def listing_query(
    values: Mapping[str, str],
    *,
    src: str,
    known_types: Sequence[str],
    field: Callable[[str], str],
) -> tuple[ListingQuery, list[Problem]]:
    """A listing's query from its written values (``tag``, ``type``, ``limit``, ``closed``);
    a value that cannot be used becomes a warning naming ``field(name)``, never an error."""
    problems: list[Problem] = []
    limit = None
    if "limit" in values:
        if values["limit"].isdigit() and int(values["limit"]) > 0:
            limit = int(values["limit"])
        else:
            problems.append(
                Problem(
                    src,
                    field("limit"),
                    f"{values['limit']!r} is not a positive whole number, ignored",
                )
            )
    closed = values.get("closed", "hide")
    if closed not in CLOSED_POLICIES:
        problems.append(
            Problem(
                src,
                field("closed"),
                f"{closed!r} is not one of {', '.join(CLOSED_POLICIES)}; using hide",
            )
        )
        closed = "hide"
    kind = values.get("type")
    if kind is not None and kind not in known_types:
        written = "is empty; write one of" if not kind.strip() else f"{kind!r} is not one of"
        problems.append(Problem(src, field("type"), f"{written} {', '.join(known_types)}"))
    tag = values.get("tag")
    if tag is not None and not tag.strip():
        problems.append(Problem(src, field("tag"), "is empty, ignored; name a tag or remove it"))
        tag = None
    return ListingQuery(tag=tag, type=kind, limit=limit, closed=closed), problems


def select(
    ordered: Sequence[Posting], statuses: Mapping[str, Status], query: ListingQuery
) -> tuple[list[Posting], list[Posting]]:
    """The ``(main, past)`` cards a listing shows for ``query``, from postings in listing
    order (``order_postings``)."""
    chosen = [
        p
        for p in ordered
        if (query.type is None or query.type in {kind.value for kind in p.types})
        and (query.tag is None or tag_key(query.tag) in {tag_key(t) for t in p.tags})
    ]
    main, past = _split(chosen, statuses, query.closed)
    if query.limit is not None:
        main = main[: query.limit]
    return main, past
