"""Reading one source's listing like a careful client: one deadline over the whole answer, a
size cap (on local files too), redirects to http(s) only and only to addresses of the kind the
source's own address is, ``Retry-After`` honoured, conditional requests (``ETag``,
``If-Modified-Since``) and a cache folder with each source's last good copy. ``sources``
decides what to do with what this gives (or with a ``Failed``: what happened and what to do).
Pure Python, no MkDocs or Sphinx.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import ipaddress
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs_postings.text import without_controls

__all__ = [
    "USER_AGENT",
    "Cache",
    "Failed",
    "FetchOptions",
    "address_kind",
    "age_text",
    "fetch",
    "read_file",
    "too_big",
    "when",
]


USER_AGENT = "mkdocs-postings (+https://pypi.org/project/mkdocs-postings/)"

MAX_BYTES = 5_000_000
"""The largest listing read by default (``source_max_size``)."""

LONGEST_WAIT = timedelta(days=1)
"""The longest ``Retry-After`` honoured: a site asking for more is asked again after a day
(and a build clock pinned in the past does not turn an HTTP date into weeks)."""


@dataclass(frozen=True)
class FetchOptions:
    """How sources are read."""

    cache_dir: Path
    timeout: float = 10.0
    """Seconds for a source's whole answer: connecting, headers, redirects and body."""
    max_bytes: int = MAX_BYTES
    """A listing larger than this is refused (a local file too, counted while reading)."""
    lifetime: timedelta = timedelta(hours=1)
    """A cached copy younger than this is used without asking the source again."""
    offline: bool = False
    """Never ask: use the cached copies."""


class Failed(Exception):
    """A source could not be read: what happened, and what to do about it."""

    def __init__(self, what: str, todo: str) -> None:
        # ``what`` often quotes the server (a reason phrase, a Location): that text is
        # untrusted and must not reach a log or a terminal with its escape sequences.
        what = without_controls(what)
        super().__init__(what)
        self.what = what
        self.todo = todo


def read_file(path: Path, max_bytes: int) -> bytes:
    """A local listing, refused when larger than ``max_bytes``."""
    try:
        body = _read_at_most(path, max_bytes)
    except FileNotFoundError:
        raise Failed("no such file", "check the path (relative to the config file)") from None
    except OSError as error:
        raise Failed(f"cannot be read ({error.strerror})", "check the path") from None
    if body is None:
        raise too_big(max_bytes)
    return body


def _read_at_most(path: Path, max_bytes: int) -> bytes | None:
    """The file's bytes, or ``None`` when it has more than ``max_bytes``: counted while
    reading, as the size a file system reports can be wrong (``/dev/zero`` reports none)."""
    with path.open("rb") as file:
        data = file.read(max_bytes + 1)
    return data if len(data) <= max_bytes else None


def fetch(url: str, cache: Cache, options: FetchOptions, now: datetime) -> bytes | None:
    """The listing's bytes; ``None`` when the cached copy is to be used (fresh, offline, not
    modified, or the site asked to wait and there is a copy). Raises ``Failed``."""
    meta = cache.meta()
    has_copy = cache.body() is not None
    checked = when(meta.get("checked"))
    if options.offline:
        return None
    if has_copy and checked is not None and timedelta(0) <= now - checked < options.lifetime:
        return None
    not_before = when(meta.get("not_before"))
    if not_before is not None and timedelta(0) < not_before - now <= LONGEST_WAIT:
        if has_copy:
            return None
        raise Failed(
            f"the site asks to wait another {age_text(not_before - now)} (Retry-After)",
            "build again after that",
        )
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    if has_copy and meta.get("etag"):
        request.add_header("If-None-Match", str(meta["etag"]))
    if has_copy and meta.get("last_modified"):
        request.add_header("If-Modified-Since", str(meta["last_modified"]))
    deadline = _Deadline(options.timeout)
    try:
        opener = _opener(url, deadline, options.max_bytes)
        with opener.open(request, timeout=options.timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > options.max_bytes:
                raise too_big(options.max_bytes)
            body = _read_body(response, options, deadline)
            cache.validators = {
                "etag": response.headers.get("ETag"),
                "last_modified": response.headers.get("Last-Modified"),
            }
            return body
    except urllib.error.HTTPError as error:
        if error.code == 304 and has_copy:
            cache.touch(now)
            return None
        raise _refused(error, cache, now) from None
    except (OSError, ValueError, http.client.HTTPException) as error:  # reset, cut short
        raise _broken(error, deadline, options.timeout) from None
    finally:
        deadline.stop()


def _refused(error: urllib.error.HTTPError, cache: Cache, now: datetime) -> Failed:
    """What an error status means; a ``Retry-After`` is recorded in the cache, so that no
    build asks again before then."""
    status = f"HTTP {error.code} {error.reason}"
    wait = _retry_after(error.headers.get("Retry-After"), now) if error.code in (429, 503) else None
    if wait is not None:
        cache.wait_until(now + wait)
        return Failed(
            f"{status}: the site asks to wait {age_text(wait)} (Retry-After)",
            "build again after that",
        )
    if error.code == 429:
        return Failed(status, "the site is asked too often: try again later")
    if error.code >= 500:
        return Failed(status, "the site may be down: try again later")
    return Failed(status, "check the URL under sources")


def _retry_after(value: str | None, now: datetime) -> timedelta | None:
    """How long a ``Retry-After`` (seconds, or an HTTP date: measured on the build's clock)
    asks to wait, at most ``LONGEST_WAIT``; ``None`` when it asks nothing readable."""
    text = (value or "").strip()
    if text.isascii() and text.isdigit():
        wait = LONGEST_WAIT if len(text) > 6 else timedelta(seconds=int(text))
    else:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
        wait = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)) - now
    return min(wait, LONGEST_WAIT) if wait > timedelta(0) else None


def _broken(error: Exception, deadline: _Deadline, timeout: float) -> Failed:
    """What a connection that failed or broke off means: past the deadline, whatever broke
    was the deadline shutting the connection down."""
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if deadline.passed or isinstance(reason, TimeoutError):
        return too_slow(timeout)
    if isinstance(error, urllib.error.URLError):
        return Failed(
            f"cannot be reached ({reason})",
            "check the URL and the network, or build with offline: true",
        )
    return Failed(f"the answer broke off ({error})", "try again later")


_CHUNK = 64 * 1024


def _read_body(response: Any, options: FetchOptions, deadline: _Deadline) -> bytes:
    """The body, at most ``max_bytes``."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(_CHUNK):
        chunks.append(chunk)
        size += len(chunk)
        if size > options.max_bytes:
            raise too_big(options.max_bytes)
    if deadline.passed:  # the body ended because the deadline shut the connection down
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


# --------------------------------------------------------------------------- the deadline


class _Deadline:
    """The moment a fetch must be done by. A socket's timeout bounds each read, not the
    answer: a server that drips its headers a byte a second, or answers ``100 Continue``
    forever, never lets one run out. So a timer shuts every connection of the fetch down at
    the deadline, which ends whatever read is waiting (the TLS handshake included)."""

    def __init__(self, seconds: float) -> None:
        # A duration, not a moment of the build's clock: the monotonic clock is the right one.
        self._end = time.monotonic() + seconds
        self.passed = False
        self._connections: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._shut_down)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        """Seconds left; ``TimeoutError`` when there are none."""
        left = self._end - time.monotonic()
        if left <= 0:
            raise TimeoutError("the deadline has passed")
        return left

    def watch(self, sock: socket.socket) -> None:
        """Shut ``sock``'s connection down at the deadline. A duplicate of the socket is kept:
        TLS takes the socket itself over (and detaches it) when it wraps it."""
        with self._lock:
            self._connections.append(sock.dup())
            if self.passed:
                _shut(self._connections[-1])

    def stop(self) -> None:
        self._timer.cancel()
        with self._lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()

    def _shut_down(self) -> None:
        with self._lock:
            self.passed = True
            for connection in self._connections:
                _shut(connection)


def _shut(connection: socket.socket) -> None:
    with contextlib.suppress(OSError):  # closed already
        connection.shutdown(socket.SHUT_RDWR)


# --------------------------------------------------------------------------- addresses


def address_kind(address: str) -> str:
    """``loopback``, ``private``, ``link-local`` or ``public`` (or ``unspecified``,
    ``multicast``, ``reserved``): a source reaches only addresses of the kinds its own
    address is, so a public site cannot redirect the build to this machine, to the local
    network or to a cloud's metadata service (169.254.169.254)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv4 address written as IPv6 (``::ffff:127.0.0.1``, NAT64 ``64:ff9b::…``) is
        # the IPv4 address it carries.
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip in _NAT64:
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if ip.is_reserved:
        return "reserved"
    return "public" if ip.is_global else "private"


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")

_Connect = Callable[..., socket.socket]


class _Reach:
    """Which addresses one fetch may connect to: those of the kinds its source's own host
    resolved to when it was first connected to."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.kinds: frozenset[str] | None = None

    def connectable(self, url: str, host: str, found: list[Any]) -> list[Any]:
        """Of ``getaddrinfo``'s answer for ``host``, the addresses ``url`` may connect to;
        ``Failed`` when there are none. The first connection is to the source's own host:
        its addresses set the kinds."""
        kinds = [address_kind(sockaddr[0]) for *_, sockaddr in found]
        if self.kinds is None:
            self.kinds = frozenset(kinds)
        allowed = [info for info, kind in zip(found, kinds, strict=True) if kind in self.kinds]
        if not allowed:
            raise self._refusal(url, host, found[0][4][0], kinds[0])
        return allowed

    def check_name(self, url: str) -> None:
        """Through a proxy, which connects itself: ``Failed`` unless every address the name
        in ``url`` resolves to here is of the source's kinds. A name that does not resolve
        here is one the proxy resolves: on the internet, so public."""
        if self.kinds is None:
            own = urlsplit(self.url).hostname or ""
            self.kinds = frozenset(kind for _, kind in _kinds_of(own))
        host = urlsplit(url).hostname or ""
        for address, kind in _kinds_of(host):
            if kind not in self.kinds:
                raise self._refusal(url, host, address, kind)

    def _refusal(self, url: str, host: str, address: str, kind: str) -> Failed:
        where = f"{_a(kind)} address" if address == host else f"{address}, {_a(kind)} address"
        source = " or ".join(sorted(self.kinds or ()))
        return Failed(
            f"redirects to {url} ({where}), which {_a(source)} source may not reach",
            "fix the URL under sources",
        )


def _kinds_of(host: str) -> list[tuple[str, str]]:
    try:
        found = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except OSError:
        return [(host, "public")]
    return [(str(sockaddr[0]), address_kind(str(sockaddr[0]))) for *_, sockaddr in found]


def _a(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word


def _connector(url: str, deadline: _Deadline, reach: _Reach | None) -> _Connect:
    """What a connection for ``url`` connects with, in place of ``socket.create_connection``:
    it resolves the host itself and connects only to an address it checked (``reach``; none
    through a proxy), within the deadline, which then watches the connection."""

    def connect(address: tuple[str, int], *_timeout_and_source: object) -> socket.socket:
        host, port = address
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        if reach is not None:
            found = reach.connectable(url, host, found)
        error: OSError = OSError(f"no address for {host}")
        for family, socket_type, protocol, _, sockaddr in found:
            sock = socket.socket(family, socket_type, protocol)
            try:
                sock.settimeout(deadline.left())
                sock.connect(sockaddr)
                deadline.watch(sock)
                return sock
            except OSError as failure:
                error = failure
                sock.close()
        raise error

    return connect


def _through_proxy(url: str) -> bool:
    """Whether urllib sends a request for ``url`` through a proxy from the environment (then
    the proxy connects, and the name is checked instead of the address)."""
    parts = urlsplit(url)
    return parts.scheme in urllib.request.getproxies() and not urllib.request.proxy_bypass(
        parts.hostname or ""
    )


# --------------------------------------------------------------------------- urllib's parts


class _Within:
    """What both of urllib's handlers (http and https) get here: their connections resolve
    and check the host themselves and end at the fetch's deadline."""

    def __init__(self, deadline: _Deadline, reach: _Reach) -> None:
        super().__init__()
        self._deadline, self._reach = deadline, reach

    def _open(
        self, kind: type[http.client.HTTPConnection], req: urllib.request.Request
    ) -> http.client.HTTPResponse:
        reach = None if _through_proxy(req.full_url) else self._reach
        connect = _connector(req.full_url, self._deadline, reach)

        def connection(host: str, **options: Any) -> http.client.HTTPConnection:
            made = kind(host, **options)
            made._create_connection = connect  # type: ignore[attr-defined]
            return made

        return self.do_open(connection, req)  # type: ignore[attr-defined, no-any-return]


class _HTTPHandler(_Within, urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self._open(http.client.HTTPConnection, req)


class _HTTPSHandler(_Within, urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self._open(http.client.HTTPSConnection, req)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only (urllib refuses ``file:`` and other schemes itself,
    but would follow one to ``ftp:``); through a proxy, only to hosts of the source's kinds
    (without one, the connection checks the address it connects to). A redirect's own body
    is read within the size cap: urllib reads it whole before following."""

    def __init__(self, reach: _Reach, max_bytes: int) -> None:
        super().__init__()
        self._reach, self._max_bytes = reach, max_bytes

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise Failed(f"redirects to {newurl!r}, which is not http(s)", "fix the URL")
        if _through_proxy(newurl):
            self._reach.check_name(newurl)
        if len(fp.read(self._max_bytes + 1)) > self._max_bytes:
            raise too_big(self._max_bytes)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(url: str, deadline: _Deadline, max_bytes: int) -> urllib.request.OpenerDirector:
    """An opener for one fetch: its connections within ``deadline`` and of the kinds of
    address ``url``'s host has."""
    reach = _Reach(url)
    return urllib.request.build_opener(
        _Redirects(reach, max_bytes), _HTTPHandler(deadline, reach), _HTTPSHandler(deadline, reach)
    )


# --------------------------------------------------------------------------- the cache


class Cache:
    """One source's last good listing: ``<key>.json`` and ``<key>.meta.json`` in the cache
    folder (``key`` from the source's URL or path). Writing never fails a build: a cache that
    cannot be written only means the next build asks again. A copy larger than ``max_bytes``
    is no copy."""

    def __init__(self, folder: Path, where: str, max_bytes: int = MAX_BYTES) -> None:
        key = hashlib.sha256(where.encode("utf-8")).hexdigest()[:24]
        self.where = where
        self.max_bytes = max_bytes
        self.body_path = folder / f"{key}.json"
        self.meta_path = folder / f"{key}.meta.json"
        self.validators: dict[str, str | None] = {}
        self._meta: dict[str, Any] | None = None

    def meta(self) -> dict[str, Any]:
        if self._meta is None:
            try:
                text = _read_at_most(self.meta_path, _META_MAX_BYTES)
                loaded = json.loads(text) if text is not None else None
                self._meta = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                self._meta = {}
        return self._meta

    def body(self) -> bytes | None:
        try:
            return _read_at_most(self.body_path, self.max_bytes)
        except OSError:
            return None

    def store(self, body: bytes, now: datetime) -> None:
        meta = {"source": self.where, "checked": now.astimezone(UTC).isoformat()}
        meta.update({k: v for k, v in self.validators.items() if v})
        self._write(body, meta)

    def touch(self, now: datetime) -> None:
        meta = dict(self.meta())
        meta["checked"] = now.astimezone(UTC).isoformat()
        meta.pop("not_before", None)
        self._write(None, meta)

    def wait_until(self, moment: datetime) -> None:
        """Ask the source again no sooner than ``moment`` (its ``Retry-After``)."""
        meta = dict(self.meta())
        meta["not_before"] = moment.astimezone(UTC).isoformat()
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


_META_MAX_BYTES = 64 * 1024
"""What is known about a copy (when, ``ETag``) is a few lines."""


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
