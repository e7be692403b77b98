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

import hashlib
import http.client
import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from mkdocs_postings.expiry import Status
from mkdocs_postings.feeds import LISTING_VERSION
from mkdocs_postings.listing import base_slug
from mkdocs_postings.model import Defaults, Posting, PostingError, Problem
from mkdocs_postings.validate import posting_from_meta

__all__ = [
    "LISTING_VERSION",
    "SCHEMA_PATH",
    "FetchOptions",
    "Gathered",
    "RemotePosting",
    "Source",
    "canonical",
    "gather",
    "source_from_config",
]

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "postings-v1.schema.json"
"""The JSON Schema of the listing, shipped in the package and published in the docs."""

OPTION = "sources"
"""The option problems with a source point at."""

USER_AGENT = "mkdocs-postings (+https://pypi.org/project/mkdocs-postings/)"


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
class FetchOptions:
    """How sources are read."""

    cache_dir: Path
    timeout: float = 10.0
    """Seconds to wait for a source to answer."""
    max_bytes: int = 5_000_000
    """A listing larger than this is refused."""
    lifetime: timedelta = timedelta(hours=1)
    """A cached copy younger than this is used without asking the source again."""
    offline: bool = False
    """Never ask: use the cached copies."""


@dataclass(frozen=True)
class RemotePosting:
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

    postings: list[RemotePosting] = field(default_factory=list)
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
    remote_defaults = Defaults(defaults.timezone, defaults.deadline_time, None)
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


class _Failed(Exception):
    """A source could not be read: what happened, and what to do about it."""

    def __init__(self, what: str, todo: str) -> None:
        super().__init__(what)
        self.what = what
        self.todo = todo


def _listing(
    source: Source, options: FetchOptions, now: datetime, problems: list[Problem]
) -> Mapping[str, Any] | None:
    """The source's listing, or ``None`` (with a problem) when neither the source nor its
    cache gives a good one."""
    cache = _Cache(options.cache_dir, source.where)
    try:
        if source.path is not None:
            body = _read_file(source.path, options.max_bytes)
        else:
            fetched = _fetch(source.where, cache, options, now)
            if fetched is None:  # the cached copy is to be used: fresh, offline or 304
                failure = (
                    None
                    if options.offline
                    else _Failed(
                        "the cached copy cannot be read", "delete the cache folder and build again"
                    )
                )
                return _cached(cache, source, now, problems, failure=failure, quiet=True)
            body = fetched
        listing = parse_listing(body)
    except _Failed as failure:
        return _cached(cache, source, now, problems, failure=failure)
    cache.store(body, now)
    return listing


def _cached(
    cache: _Cache,
    source: Source,
    now: datetime,
    problems: list[Problem],
    *,
    failure: _Failed | None,
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
        except _Failed:
            listing = None
    if failure is None:
        failure = _Failed("offline and never fetched", "build once with offline: false")
    if listing is None:
        message = f"{failure.what}; skipped (no good cached copy); {failure.todo}"
        problems.append(Problem(source.where, OPTION, message))
        return None
    if not quiet:
        checked = _when(meta.get("checked")) or now
        age = _age(now - checked)
        message = f"{failure.what}; using the copy cached {age} ago; {failure.todo}"
        problems.append(Problem(source.where, OPTION, message))
    return listing


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_big(max_bytes)
        return path.read_bytes()
    except FileNotFoundError:
        raise _Failed("no such file", "check the path (relative to the config file)") from None
    except OSError as error:
        raise _Failed(f"cannot be read ({error.strerror})", "check the path") from None


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only: urllib refuses ``file:`` and other schemes itself,
    but would follow one to ``ftp:``."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise _Failed(f"redirects to {newurl!r}, which is not http(s)", "fix the URL")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_SafeRedirects)


def _fetch(url: str, cache: _Cache, options: FetchOptions, now: datetime) -> bytes | None:
    """The listing's bytes; ``None`` when the cached copy is to be used (fresh, offline, or
    not modified). Raises ``_Failed``."""
    meta = cache.meta()
    has_copy = cache.body() is not None
    checked = _when(meta.get("checked"))
    if options.offline:
        return None
    if has_copy and checked is not None and timedelta(0) <= now - checked < options.lifetime:
        return None
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    if has_copy and meta.get("etag"):
        request.add_header("If-None-Match", str(meta["etag"]))
    if has_copy and meta.get("last_modified"):
        request.add_header("If-Modified-Since", str(meta["last_modified"]))
    try:
        with _OPENER.open(request, timeout=options.timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > options.max_bytes:
                raise _too_big(options.max_bytes)
            body = _read_body(response, options)
            cache.validators = {
                "etag": response.headers.get("ETag"),
                "last_modified": response.headers.get("Last-Modified"),
            }
            return body
    except urllib.error.HTTPError as error:
        if error.code == 304 and has_copy:
            cache.touch(now)
            return None
        todo = (
            "the site may be down: try again later"
            if error.code >= 500
            else "check the URL under sources"
        )
        raise _Failed(f"HTTP {error.code} {error.reason}", todo) from None
    except TimeoutError:
        raise _too_slow(options.timeout) from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise _too_slow(options.timeout) from None
        raise _Failed(
            f"cannot be reached ({error.reason})",
            "check the URL and the network, or build with offline: true",
        ) from None
    except (OSError, ValueError, http.client.HTTPException) as error:  # reset, cut short
        raise _Failed(f"the answer broke off ({error})", "try again later") from None


_CHUNK = 64 * 1024


def _read_body(response: Any, options: FetchOptions) -> bytes:
    """The body, at most ``max_bytes``, within ``timeout`` seconds in all: the socket's
    timeout alone would let a server that sends a byte now and then hold the build."""
    # A duration, not a moment of the build's clock: the monotonic clock is the right one.
    deadline = time.monotonic() + options.timeout
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(_CHUNK):
        chunks.append(chunk)
        size += len(chunk)
        if size > options.max_bytes:
            raise _too_big(options.max_bytes)
        if time.monotonic() > deadline:
            raise _too_slow(options.timeout)
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and size < int(length):
        raise _Failed(
            f"the answer broke off after {size:,} of {int(length):,} bytes", "try again later"
        )
    return b"".join(chunks)


def _too_big(max_bytes: int) -> _Failed:
    return _Failed(
        f"larger than {max_bytes:,} bytes",
        "if that listing is really this big, raise source_max_size",
    )


def _too_slow(timeout: float) -> _Failed:
    return _Failed(f"no answer within {timeout:g} s", "try again later, or raise source_timeout")


def parse_listing(body: bytes) -> Mapping[str, Any]:
    """A listing's JSON, checked for its shape and version (not yet each posting)."""
    check = "check that it is the address of a postings.json"
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise _Failed("is not UTF-8 text", check) from None
    except json.JSONDecodeError as error:
        raise _Failed(f"is not valid JSON ({error})", check + " and that it is complete") from None
    if not isinstance(data, dict):
        raise _Failed("is not a listing (no JSON object)", check)
    version = data.get("version")
    if version != LISTING_VERSION:
        if version is None:
            raise _Failed(
                'has no "version"',
                f"that site must be rebuilt with a mkdocs-postings that writes version "
                f"{LISTING_VERSION} listings",
            )
        raise _Failed(
            f"is a version {version!r} listing and this plugin reads version {LISTING_VERSION}",
            "update mkdocs-postings, or ask that site which version it writes",
        )
    if not isinstance(data.get("postings"), list):
        raise _Failed('has no "postings" list', check)
    return data


# --------------------------------------------------------------------------- postings


def _postings(
    source: Source,
    listing: Mapping[str, Any],
    defaults: Defaults,
    problems: list[Problem],
) -> Iterable[RemotePosting]:
    site = listing.get("site")
    site = site if isinstance(site, dict) else {}
    site_name = site.get("name") if isinstance(site.get("name"), str) else None
    site_url = site.get("url") if isinstance(site.get("url"), str) else None
    # Posting URLs are the site's pages: relative ones are relative to the site's root
    # (site.url), not to wherever the listing is published.
    base_url = site_url if site_url and _is_web(site_url) else None
    name = source.name or (site_name or "").strip() or _name_from(source)
    slug = base_slug(name)
    relative = 0
    for number, record in enumerate(listing["postings"]):
        where = f"postings[{number}]"
        try:
            yield _remote(record, where, source, base_url, defaults, name, slug)
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
) -> RemotePosting:
    if not isinstance(record, dict):
        raise PostingError(source.where, "", "is not a posting (a JSON object)")
    url = _posting_url(record.get("url"), base_url, source.where)
    tags = record.get("tags") or []
    if not isinstance(tags, list):
        raise PostingError(source.where, "tags", f"expected a list, got {tags!r}")
    posting_fields = {
        "type": record.get("type"),
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
    return RemotePosting(posting, url, name, slug)


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
    text = value.strip()
    if base_url is None and not urlsplit(text).scheme and not text.startswith("//"):
        raise _RelativeUrl(text)
    url = urljoin(base_url, text) if base_url else text
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


# --------------------------------------------------------------------------- the cache


class _Cache:
    """One source's last good listing: ``<key>.json`` and ``<key>.meta.json`` in the cache
    folder (``key`` from the source's URL or path). Writing never fails a build: a cache that
    cannot be written only means the next build asks again."""

    def __init__(self, folder: Path, where: str) -> None:
        key = hashlib.sha256(where.encode("utf-8")).hexdigest()[:24]
        self.where = where
        self.body_path = folder / f"{key}.json"
        self.meta_path = folder / f"{key}.meta.json"
        self.validators: dict[str, str | None] = {}
        self._meta: dict[str, Any] | None = None

    def meta(self) -> dict[str, Any]:
        if self._meta is None:
            try:
                loaded = json.loads(self.meta_path.read_text(encoding="utf-8"))
                self._meta = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                self._meta = {}
        return self._meta

    def body(self) -> bytes | None:
        try:
            return self.body_path.read_bytes()
        except OSError:
            return None

    def store(self, body: bytes, now: datetime) -> None:
        meta = {"source": self.where, "checked": now.astimezone(UTC).isoformat()}
        meta.update({k: v for k, v in self.validators.items() if v})
        self._write(body, meta)

    def touch(self, now: datetime) -> None:
        meta = dict(self.meta())
        meta["checked"] = now.astimezone(UTC).isoformat()
        self._write(None, meta)

    def _write(self, body: bytes | None, meta: dict[str, Any]) -> None:
        try:
            self.body_path.parent.mkdir(parents=True, exist_ok=True)
            if body is not None:
                _replace(self.body_path, body)
            _replace(self.meta_path, json.dumps(meta, sort_keys=True).encode("utf-8"))
            self._meta = meta
        except OSError:
            pass


def _replace(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all (a build stopped midway leaves the old copy)."""
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def _when(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _age(age: timedelta) -> str:
    """``5 minutes``, ``3 hours``, ``2 days``: how old a cached copy is."""
    seconds = max(int(age.total_seconds()), 0)
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}" + ("" if count == 1 else "s")
    return "less than a minute"
