"""Reading one source's listing like a careful client: a timeout over the whole answer, a size
cap, redirects to http(s) only, conditional requests (``ETag``, ``If-Modified-Since``) and a
cache folder with each source's last good copy. ``sources`` decides what to do with what this
gives (or with a ``Failed``: what happened and what to do). Pure Python, no MkDocs or Sphinx.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "USER_AGENT",
    "Cache",
    "Failed",
    "FetchOptions",
    "age_text",
    "fetch",
    "read_file",
    "too_big",
    "when",
]


USER_AGENT = "mkdocs-postings (+https://pypi.org/project/mkdocs-postings/)"


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


class Failed(Exception):
    """A source could not be read: what happened, and what to do about it."""

    def __init__(self, what: str, todo: str) -> None:
        super().__init__(what)
        self.what = what
        self.todo = todo


def read_file(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise too_big(max_bytes)
        return path.read_bytes()
    except FileNotFoundError:
        raise Failed("no such file", "check the path (relative to the config file)") from None
    except OSError as error:
        raise Failed(f"cannot be read ({error.strerror})", "check the path") from None


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only: urllib refuses ``file:`` and other schemes itself,
    but would follow one to ``ftp:``."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise Failed(f"redirects to {newurl!r}, which is not http(s)", "fix the URL")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_SafeRedirects)


def fetch(url: str, cache: Cache, options: FetchOptions, now: datetime) -> bytes | None:
    """The listing's bytes; ``None`` when the cached copy is to be used (fresh, offline, or
    not modified). Raises ``Failed``."""
    meta = cache.meta()
    has_copy = cache.body() is not None
    checked = when(meta.get("checked"))
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
                raise too_big(options.max_bytes)
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
        raise Failed(f"HTTP {error.code} {error.reason}", todo) from None
    except TimeoutError:
        raise too_slow(options.timeout) from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise too_slow(options.timeout) from None
        raise Failed(
            f"cannot be reached ({error.reason})",
            "check the URL and the network, or build with offline: true",
        ) from None
    except (OSError, ValueError, http.client.HTTPException) as error:  # reset, cut short
        raise Failed(f"the answer broke off ({error})", "try again later") from None


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
            raise too_big(options.max_bytes)
        if time.monotonic() > deadline:
            raise too_slow(options.timeout)
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and size < int(length):
        raise Failed(
            f"the answer broke off after {size:,} of {int(length):,} bytes", "try again later"
        )
    return b"".join(chunks)


def too_big(max_bytes: int) -> Failed:
    return Failed(
        f"larger than {max_bytes:,} bytes",
        "if that listing is really this big, raise source_max_size",
    )


def too_slow(timeout: float) -> Failed:
    return Failed(f"no answer within {timeout:g} s", "try again later, or raise source_timeout")


class Cache:
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


def when(value: Any) -> datetime | None:
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


def age_text(age: timedelta) -> str:
    """``5 minutes``, ``3 hours``, ``2 days``: how old a cached copy is."""
    seconds = max(int(age.total_seconds()), 0)
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}" + ("" if count == 1 else "s")
    return "less than a minute"
