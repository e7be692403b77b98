"""Other sites' JSON listings, gathered into this site's board (the ``sources`` option).

A source is another site's ``postings.json`` (see ``feeds.postings_json`` and the schema in
``schema/postings-v1.schema.json``), by URL or as a local file. Each is read like a careful
client reads: with a timeout, a size cap, conditional requests (``ETag``,
``If-Modified-Since``) and a cache folder, so ``mkdocs serve`` does not ask again on every
rebuild and a source that is down falls back to its last good copy. What a source says is
untrusted: every posting in it goes through the same validation as a posting file
(``validate.posting_from_meta``), links must be ``http(s)`` (Apply: or ``mailto:``), and a
posting that fails is left out with one warning.

Every problem is a ``Problem`` naming the source (its URL or path), one line, saying what to
do; nothing here raises on bad input. "Now" is an argument, as everywhere in the core: cache
ages and lifetimes are measured on the build's clock. Pure Python: no MkDocs or Sphinx import.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from mkdocs_postings.expiry import Status
from mkdocs_postings.model import Defaults, Posting, PostingError, Problem
from mkdocs_postings.publishing.feeds import LISTING_VERSION
from mkdocs_postings.publishing.listing import base_slug
from mkdocs_postings.reading.validate import posting_from_meta
from mkdocs_postings.sources.fetch import (
    Cache,
    Failed,
    FetchOptions,
    age_text,
    fetch,
    read_file,
    when,
)
from mkdocs_postings.text import clip, uri, without_controls

__all__ = [
    "LISTING_VERSION",
    "SCHEMA_PATH",
    "FetchOptions",
    "Gathered",
    "Source",
    "SourcePosting",
    "canonical",
    "gather",
    "source_from_config",
]

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schema" / "postings-v1.schema.json"
"""The JSON Schema of the listing, shipped in the package and published in the docs."""

OPTION = "sources"
"""The option problems with a source point at."""

MAX_POSTINGS = 1_000
"""Postings read from one source; a department's own listing has tens, a university's a few
hundred. Beyond: one warning, the rest left out."""
MAX_TAGS = 200
"""Distinct tags one source may add to the board (each is a page); beyond: one warning,
the others dropped from its postings."""
MAX_POSTING_TAGS = 20
"""Tags shown on one posting from a source (each is a chip on every card)."""
MAX_TEXT = {"title": 300, "summary": 1_000}
"""Characters of a source posting's title and summary shown here: a card is repeated on the
cards page, on each of its tags' pages and in the feed, so a long text would be too."""
MAX_DEPTH = 8
"""Levels of lists and objects in one posting of a listing: the schema's deepest is 2 (a
location, a salary); a posting nested deeper is no posting, and everything that reads
values recurses."""


@dataclass(frozen=True)
class Source:
    """One entry of ``sources``: another site's listing, by URL or as a local file."""

    where: str
    """The URL or path as written: it names the source in every warning."""
    name: str | None = None
    """The lab's name shown on its cards; default: the listing's ``site.name``."""
    tags: tuple[str, ...] = ()
    """Tags added to every posting of this source."""
    path: Path | None = None
    """The local file (resolved); ``None`` for a URL."""


def source_from_config(entry: Any, base_dir: Path) -> Source:
    """A ``sources`` entry (``"https://…/postings.json"``, a path, or a mapping with ``url``
    or ``path``, ``name`` and ``tags``) as a ``Source``; raises ``ValueError`` saying what to
    write instead."""
    if isinstance(entry, str):
        entry = {"url": entry}
    if not isinstance(entry, Mapping):
        raise ValueError(
            f"{entry!r} is not a source; write a URL, a path, or {{url: ..., name: ..., tags: []}}"
        )
    unknown = sorted(str(k) for k in entry if k not in ("url", "path", "name", "tags"))
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r} in a source; use url, path, name, tags")
    target = entry.get("url", entry.get("path"))
    if not isinstance(target, str) or not target.strip():
        raise ValueError("a source needs a url (https://…/postings.json) or a path to a listing")
    target = target.strip()
    name = entry.get("name")
    if name is not None and (not isinstance(name, str) or not name.strip()):
        raise ValueError(f"{target}: name must be text, got {name!r}")
    tags = entry.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
        raise ValueError(f"{target}: tags must be a list of words, got {tags!r}")
    scheme = urlsplit(target).scheme.lower()
    if scheme in ("http", "https"):
        if not urlsplit(target).netloc:
            raise ValueError(f"{target!r} has no host; write https://host/…/postings.json")
        path = None
    elif scheme and len(scheme) > 1:  # not a Windows drive letter
        raise ValueError(f"{target!r}: a source is an http(s) URL or a local path")
    else:
        path = (base_dir / target).resolve()
    return Source(target, name.strip() if name else None, tuple(t.strip() for t in tags), path=path)


@dataclass(frozen=True)
class SourcePosting:
    """A posting published on another site: shown here as a card linking to its page."""

    posting: Posting
    """Validated like a posting file; its ``src`` is its canonical URL."""
    url: str
    source_name: str
    source_slug: str

    @property
    def source(self) -> tuple[str, str]:
        """``(slug, name)`` of the source, as filter chips and cards show it."""
        return self.source_slug, self.source_name


@dataclass
class Gathered:
    """What the sources gave: their postings, one problem per thing gone wrong, and notes
    (postings left out because this site or an earlier source has them already)."""

    postings: list[SourcePosting] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def canonical(url: str) -> str:
    """A posting URL as duplicates are recognised: scheme and host in lower case, no
    fragment, ``…/index.html`` as ``…/``."""
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def gather(
    sources: Sequence[Source],
    options: FetchOptions,
    *,
    now: datetime,
    defaults: Defaults,
    known_urls: Iterable[str] = (),
) -> Gathered:
    """Read every source, in order, into postings; ``known_urls`` are this site's own posting
    URLs: a source's posting at one of them (or at one an earlier source had) is left out."""
    gathered = Gathered()
    seen = {canonical(url) for url in known_urls}
    # A remote posting is shown in this site's zone; its place is its own (never this site's).
    remote_defaults = replace(defaults, location=None)
    for source in sources:
        listing = _listing(source, options, now, gathered.problems)
        if listing is None:
            continue
        for remote in _postings(source, listing, remote_defaults, gathered.problems):
            key = canonical(remote.url)
            if key in seen:
                gathered.notes.append(f"{source.where}: {remote.url} is listed already; shown once")
                continue
            seen.add(key)
            gathered.postings.append(remote)
    return gathered


# --------------------------------------------------------------------------- reading


def _listing(
    source: Source, options: FetchOptions, now: datetime, problems: list[Problem]
) -> Mapping[str, Any] | None:
    """The source's listing, or ``None`` (with a problem) when neither the source nor its
    cache gives a good one."""
    cache = Cache(options.cache_dir, source.where, options.max_bytes)
    try:
        if source.path is not None:
            body = read_file(source.path, options.max_bytes)
        else:
            fetched = fetch(source.where, cache, options, now)
            if fetched is None:  # the cached copy is to be used: fresh, offline or 304
                failure = (
                    None
                    if options.offline
                    else Failed(
                        "the cached copy cannot be read", "delete the cache folder and build again"
                    )
                )
                return _cached(cache, source, now, problems, failure=failure, quiet=True)
            body = fetched
        listing = parse_listing(body)
    except Failed as failure:
        return _cached(cache, source, now, problems, failure=failure)
    cache.store(body, now)
    return listing


def _cached(
    cache: Cache,
    source: Source,
    now: datetime,
    problems: list[Problem],
    *,
    failure: Failed | None,
    quiet: bool = False,
) -> Mapping[str, Any] | None:
    """The last good copy; a problem when it is used because of ``failure`` (unless
    ``quiet``: the copy is meant to be used) or is missing: what happened; what the build
    does instead; what to do."""
    meta = cache.meta()
    body = cache.body()
    listing = None
    if body is not None:
        try:
            listing = parse_listing(body)
        except Failed:
            listing = None
    if failure is None:
        failure = Failed("offline and never fetched", "build once with offline: false")
    if listing is None:
        message = f"{failure.what}; skipped (no good cached copy); {failure.todo}"
        problems.append(Problem(source.where, OPTION, message))
        return None
    if not quiet:
        checked = when(meta.get("checked")) or now
        age = age_text(now - checked)
        message = f"{failure.what}; using the copy cached {age} ago; {failure.todo}"
        problems.append(Problem(source.where, OPTION, message))
    return listing


def parse_listing(body: bytes) -> Mapping[str, Any]:
    """A listing's JSON, checked for its shape and version (not yet each posting)."""
    check = "check that it is the address of a postings.json"
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise Failed("is not UTF-8 text", check) from None
    except json.JSONDecodeError as error:
        raise Failed(f"is not valid JSON ({error})", check + " and that it is complete") from None
    except ValueError:  # Python reads no number of more than 4,300 digits
        raise Failed(
            "holds a number thousands of digits long, which no listing does", check
        ) from None
    except RecursionError:
        raise Failed(
            "nests its values thousands of levels deep, which no listing does", check
        ) from None
    if not isinstance(data, dict):
        raise Failed("is not a listing (no JSON object)", check)
    version = data.get("version")
    if version != LISTING_VERSION:
        if version is None:
            raise Failed(
                'has no "version"',
                f"that site must be rebuilt with a mkdocs-postings that writes version "
                f"{LISTING_VERSION} listings",
            )
        raise Failed(
            f"is a version {version!r} listing and this plugin reads version {LISTING_VERSION}",
            "update mkdocs-postings, or ask that site which version it writes",
        )
    if not isinstance(data.get("postings"), list):
        raise Failed('has no "postings" list', check)
    return data


# --------------------------------------------------------------------------- postings


def _postings(
    source: Source,
    listing: Mapping[str, Any],
    defaults: Defaults,
    problems: list[Problem],
) -> Iterable[SourcePosting]:
    site = listing.get("site")
    site = site if isinstance(site, dict) else {}
    site_name = site.get("name") if isinstance(site.get("name"), str) else None
    site_url = site.get("url") if isinstance(site.get("url"), str) else None
    # Posting URLs are the site's pages: relative ones are relative to the site's root
    # (site.url), not to wherever the listing is published.
    base_url = site_url if site_url and _is_web(site_url) else None
    name = without_controls(source.name or (site_name or "").strip() or _name_from(source))
    slug = base_slug(name)
    relative = 0
    records = listing["postings"]
    if len(records) > MAX_POSTINGS:
        problems.append(
            Problem(
                source.where,
                OPTION,
                f"lists {len(records):,} postings; only the first {MAX_POSTINGS:,} are shown "
                "(a board shows at most that many from one source)",
            )
        )
    caps = _Caps()
    for number, record in enumerate(records[:MAX_POSTINGS]):
        where = f"postings[{number}]"
        try:
            if _deeper_than(record, MAX_DEPTH):
                raise PostingError(
                    source.where, "", f"nests values more than {MAX_DEPTH} levels deep"
                )
            yield _remote(caps.capped(record), where, source, base_url, defaults, name, slug)
        except _RelativeUrl:
            relative += 1
        except (TypeError, ValueError, OverflowError, RecursionError) as error:
            # What the model has no words for yet must not stop this site's build.
            problems.append(
                Problem(
                    source.where,
                    where,
                    f"cannot be read ({type(error).__name__}); that posting is left out",
                )
            )
        except PostingError as error:
            field_name = error.problem.field.removeprefix("posting.")
            problems.append(
                Problem(
                    source.where,
                    f"{where}.{field_name}" if field_name else where,
                    f"{error.problem.message}; that posting is left out (tell its site)",
                )
            )
    problems.extend(caps.problems(source))
    if relative:
        problems.append(
            Problem(
                source.where,
                OPTION,
                f"{relative} posting URL(s) are relative and the listing has no site.url; "
                "those postings are left out (that site must set site_url)",
            )
        )


def _remote(
    record: Any,
    where: str,
    source: Source,
    base_url: str | None,
    defaults: Defaults,
    name: str,
    slug: str,
) -> SourcePosting:
    if not isinstance(record, dict):
        raise PostingError(source.where, "", "is not a posting (a JSON object)")
    url = _posting_url(record.get("url"), base_url, source.where)
    tags = record.get("tags") or []
    if not isinstance(tags, list):
        raise PostingError(source.where, "tags", f"expected a list, got {tags!r}")
    posting_fields = {
        "type": record.get("types") or record.get("type"),
        "deadline": record.get("deadline_local") or record.get("deadline"),
        "rolling": record.get("rolling"),
        "start": record.get("start"),
        "duration": record.get("duration"),
        "positions": record.get("positions"),
        "employment_type": record.get("employment_type") or None,
        "location": _without_nulls(record.get("location")),
        "remote": record.get("remote"),
        "salary": _without_nulls(record.get("salary")),
        "reference": record.get("reference"),
        "apply": record.get("apply"),
        "reviewed": record.get("reviewed"),
    }
    status = record.get("status")
    if status in (Status.FILLED.value, Status.CANCELLED.value):
        posting_fields["status"] = status
    meta = {
        "title": record.get("title"),
        "date": record.get("posted"),
        "tags": [*tags, *source.tags],
        "categories": record.get("categories") or [],
        "summary": record.get("summary"),
        "posting": {k: v for k, v in posting_fields.items() if v is not None},
    }
    meta = {k: v for k, v in meta.items() if v is not None}
    # The source's own recoverable oddities (no deadline, ...) are its site's warnings, not
    # this site's: only what stops a posting from being shown is reported here.
    posting, _ = posting_from_meta(meta, src=url, defaults=defaults)
    if status == Status.CLOSED.value and posting.deadline is None:
        posting = replace(posting, declared_status=Status.CLOSED)
    return SourcePosting(posting, url, name, slug)


class _Caps:
    """One source's postings, capped: ``MAX_POSTING_TAGS`` tags per posting, ``MAX_TAGS``
    distinct ones in all (a listing of 20,000 tags would be 20,000 pages), ``MAX_TEXT``
    characters of a title or summary."""

    def __init__(self) -> None:
        self.kept: set[str] = set()
        self.crowded = 0  # postings with more than MAX_POSTING_TAGS tags
        self.dropped: set[str] = set()
        self.shortened = 0  # postings with a title or summary cut to MAX_TEXT

    def capped(self, record: Any) -> Any:
        if not isinstance(record, dict):
            return record  # not a posting: _remote says so
        long = {
            key: clip(value, limit)
            for key, limit in MAX_TEXT.items()
            if isinstance(value := record.get(key), str) and len(value) > limit
        }
        if long:
            self.shortened += 1
            record = {**record, **long}
        tags = record.get("tags")
        if not isinstance(tags, list):
            return record  # no tags, or not a list: _remote says what is wrong
        if len(tags) > MAX_POSTING_TAGS:
            self.crowded += 1
            tags = tags[:MAX_POSTING_TAGS]
        shown = []
        for tag in tags:
            key = tag.strip().casefold() if isinstance(tag, str) else tag
            if key in self.kept or (len(self.kept) < MAX_TAGS and isinstance(key, str)):
                self.kept.add(key)
                shown.append(tag)
            elif isinstance(key, str):
                self.dropped.add(key)
            else:
                shown.append(tag)  # not text: _remote refuses the posting, naming the tag
        return {**record, "tags": shown}

    def problems(self, source: Source) -> list[Problem]:
        problems = []
        if self.shortened:
            limits = " and ".join(f"{n:,} characters of a {key}" for key, n in MAX_TEXT.items())
            problems.append(
                Problem(
                    source.where,
                    OPTION,
                    f"{self.shortened:,} posting(s) have a longer title or summary than a card "
                    f"shows; cut to {limits}",
                )
            )
        if self.crowded:
            problems.append(
                Problem(
                    source.where,
                    OPTION,
                    f"{self.crowded:,} posting(s) have more than {MAX_POSTING_TAGS} tags; only "
                    f"the first {MAX_POSTING_TAGS} of each are shown",
                )
            )
        if self.dropped:
            problems.append(
                Problem(
                    source.where,
                    OPTION,
                    f"uses more than {MAX_TAGS} different tags; {len(self.dropped):,} others are "
                    "left off its postings (each tag would be a page of this site)",
                )
            )
        return problems


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether lists and objects in ``value`` nest more than ``limit`` levels deep."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth >= limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


def _without_nulls(value: Any) -> Any:
    """A listing writes every key of a location or salary, unknown ones as null; a posting's
    front matter leaves them out."""
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if v is not None} or None
    return value


class _RelativeUrl(Exception):
    """A posting URL relative to a site whose root the listing does not say."""


def _posting_url(value: Any, base_url: str | None, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PostingError(where, "url", "missing; a posting needs the URL of its page")
    # Parsed and written again, never passed on as written: the URL goes into a calendar's
    # URL: line and a feed, where a line break or a control would start something else.
    text = uri(value)
    if base_url is None and not urlsplit(text).scheme and not text.startswith("//"):
        raise _RelativeUrl(text)
    url = uri(urljoin(base_url, text)) if base_url else text
    if not _is_web(url):
        raise PostingError(where, "url", f"{value!r} is not an http(s) address of a page")
    return url


def _is_web(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _name_from(source: Source) -> str:
    if source.path is None:
        return urlsplit(source.where).netloc
    return PurePosixPath(source.where).stem or source.where
