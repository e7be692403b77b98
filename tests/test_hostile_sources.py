"""A source that is hostile, or behaves like one: how another site's listing is read when that
site stalls, redirects inward, asks to wait, never ends, or sends escape sequences.

Real parts throughout: the answers come from servers these tests start on this machine (raw
sockets where ``http.server`` could not misbehave enough), the department site is built with
real MkDocs, and no test needs the internet: the addresses a source must not reach are refused
before anything connects to them.
"""

from __future__ import annotations

import ipaddress
import json
import resource
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import PINNED, Department
from test_sources import Server, send

from mkdocs_postings.model import Defaults
from mkdocs_postings.sources.fetch import Cache, address_kind
from mkdocs_postings.sources.gather import FetchOptions, Source, gather

LISTING = json.dumps(
    {
        "version": 1,
        "site": {"name": "Lab C", "url": "https://lab-c.example.org/"},
        "postings": [
            {
                "url": "https://lab-c.example.org/openings/phd/",
                "title": "PhD in Robotics",
                "type": "phd",
                "rolling": True,
                "posted": "2026-11-01",
                "apply": "https://lab-c.example.org/apply",
            }
        ],
    }
).encode()

STALL = 6.0
"""How long a stalling server keeps at it: longer than any timeout here, so a build that
waits for it fails its test (instead of hanging the suite)."""


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """What reaches a server must not depend on the proxies of the machine running the tests."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


# --------------------------------------------------------------------------- servers


@contextmanager
def raw_server(
    answer: Callable[[socket.socket], None],
    host: str = "127.0.0.1",
    tls: ssl.SSLContext | None = None,
) -> Iterator[str]:
    """A TCP server on ``host`` (with TLS when given a context) that reads a request and
    lets ``answer`` write whatever it likes; yields its base URL."""
    listener = socket.create_server((host, 0))
    listener.settimeout(0.1)
    stop = threading.Event()

    def handle(connection: socket.socket) -> None:
        try:
            with tls.wrap_socket(connection, server_side=True) if tls else connection as peer:
                peer.recv(65536)
                answer(peer)
        except OSError:  # the client hung up
            pass

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            connection.settimeout(None)
            threading.Thread(target=handle, args=(connection,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    scheme = "https" if tls else "http"
    try:
        yield f"{scheme}://{host}:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        listener.close()


def for_a_while(step: Callable[[], None], every: float) -> None:
    end = time.monotonic() + STALL
    while time.monotonic() < end:
        step()
        time.sleep(every)


def dripping_headers(connection: socket.socket) -> None:
    # Each byte comes quickly, the end of the headers never does.
    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Drip: ")
    for_a_while(lambda: connection.sendall(b"x"), every=0.2)


def continuing_forever(connection: socket.socket) -> None:
    # Interim answers are allowed, any number of them; a client reads on after each.
    for_a_while(lambda: connection.sendall(b"HTTP/1.1 100 Continue\r\n\r\n"), every=0.05)


STALLING = {"dripping headers": dripping_headers, "100 Continue forever": continuing_forever}


@pytest.fixture
def serve() -> Iterator[Callable[..., Server]]:
    """``serve(host)``: an HTTP server on ``host`` whose ``routes`` map a path (or, for a
    proxy, a whole URL) to an answer, and which records every request."""
    started: list[ThreadingHTTPServer] = []

    def start(host: str = "127.0.0.1") -> Server:
        state = Server("", {})

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                state.requests.append((self.path, dict(self.headers.items())))
                answer = state.routes.get(self.path)
                if answer is None:
                    send(self, b"not found", 404)
                else:
                    answer(self)

            def log_message(self, *args: object) -> None:
                return None

        httpd = ThreadingHTTPServer((host, 0), Handler)
        httpd.daemon_threads = True
        state.base = f"http://{host}:{httpd.server_address[1]}"
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        started.append(httpd)
        return state

    yield start
    for httpd in started:
        httpd.shutdown()
        httpd.server_close()


def redirect_to(target: str) -> Callable[[BaseHTTPRequestHandler], None]:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", target)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return answer


def listing(handler: BaseHTTPRequestHandler) -> None:
    send(handler, LISTING)


def read(url: str, tmp_path: Path, timeout: float = 5, **options: object) -> list[str]:
    """The problems of gathering one source (the core alone, as a build calls it)."""
    fetching = FetchOptions(cache_dir=tmp_path / "cache", timeout=timeout, **options)
    gathered = gather([Source(url)], fetching, now=PINNED, defaults=Defaults())
    return [problem.message for problem in gathered.problems]


# --------------------------------------------------------------------------- one deadline


@pytest.mark.parametrize("stalling", list(STALLING))
def test_a_stalling_answer_fails_within_the_timeout(stalling: str, tmp_path: Path):
    with raw_server(STALLING[stalling]) as base:
        started = time.monotonic()
        problems = read(base + "/postings.json", tmp_path, timeout=1)
        took = time.monotonic() - started
    assert problems == [
        "no answer within 1 s; skipped (no good cached copy); try again later, or raise "
        "source_timeout"
    ]
    assert took < 2, f"took {took:.1f} s"


@pytest.mark.parametrize("stalling", list(STALLING))
def test_a_stalling_source_is_one_warning_and_the_build_goes_on(
    stalling: str, department: Department
):
    with raw_server(STALLING[stalling]) as base:
        source = base + "/postings.json"
        started = time.monotonic()
        warnings = department.build(sources=[source], source_timeout=1)
        took = time.monotonic() - started
    assert warnings == [
        f"{source}: sources: no answer within 1 s; skipped (no good cached copy); try again "
        "later, or raise source_timeout"
    ]
    assert department.titles() == ["Assistant Professor in Data Science"]
    assert took < STALL - 1, f"took {took:.1f} s"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (made with the openssl command)."""
    if shutil.which("openssl") is None:
        pytest.skip("no openssl command to make a certificate with")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    command = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2"
    subject = ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
    subprocess.run(
        [*command.split(), *subject, "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
        timeout=30,
    )
    return cert, key


def serving_the_listing(connection: socket.socket) -> None:
    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(LISTING))
    connection.sendall(LISTING)


@pytest.mark.parametrize("answer", ["the listing", *STALLING])
def test_over_https_the_deadline_holds_too(
    answer: str, certificate: tuple[Path, Path], tmp_path: Path, monkeypatch
):
    """TLS takes the socket over from the connection; the deadline still shuts it down (and
    a listing is read as over plain HTTP)."""
    cert, key = certificate
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trusted by the default context
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    with raw_server(STALLING.get(answer, serving_the_listing), tls=tls) as base:
        assert base.startswith("https://")
        started = time.monotonic()
        problems = read(base + "/postings.json", tmp_path, timeout=1)
        took = time.monotonic() - started
    if answer == "the listing":
        assert problems == []
    else:
        assert [p.split(";")[0] for p in problems] == ["no answer within 1 s"]
        assert took < 2, f"took {took:.1f} s"


# --------------------------------------------------------------------------- addresses


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),  # IPv4 written as IPv6
        ("10.1.2.3", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("100.64.0.1", "private"),  # carrier-grade NAT: not on the internet
        ("192.0.2.2", "private"),  # documentation range: not on the internet either
        ("fd00::2", "private"),
        ("169.254.169.254", "link-local"),  # the clouds' metadata service
        ("::ffff:169.254.169.254", "link-local"),
        ("64:ff9b::a9fe:a9fe", "link-local"),  # the same through NAT64
        ("fe80::1", "link-local"),
        ("fe80::1%eth0", "link-local"),
        ("8.8.8.8", "public"),
        ("93.184.216.34", "public"),
        ("2606:4700::1111", "public"),
        ("64:ff9b::808:808", "public"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
    ],
)
def test_address_kinds(address: str, kind: str):
    assert address_kind(address) == kind


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_a_redirect_to_the_metadata_address_is_refused_without_connecting(
    scheme: str, serve, tmp_path: Path
):
    server = serve()
    target = f"{scheme}://169.254.169.254/latest/meta-data"
    server.routes["/postings.json"] = redirect_to(target)
    started = time.monotonic()
    problems = read(server.url("/postings.json"), tmp_path, timeout=5)
    assert time.monotonic() - started < 1  # refused, not tried: nothing answers there
    assert problems == [
        f"redirects to {target} (a link-local address), which a loopback source may not "
        "reach; skipped (no good cached copy); fix the URL under sources"
    ]


def test_a_loopback_source_may_redirect_to_another_loopback_address(serve, tmp_path: Path):
    server = serve()
    server.routes["/postings.json"] = redirect_to(server.url("/moved.json"))
    server.routes["/moved.json"] = listing
    assert read(server.url("/postings.json"), tmp_path) == []


def _outward_ipv4() -> str | None:
    """An IPv4 address of this machine that is not a loopback one, or ``None``."""
    try:
        found = subprocess.run(
            ["hostname", "-I"], capture_output=True, text=True, timeout=5
        ).stdout.split()
    except (OSError, subprocess.SubprocessError):
        found = []
    for text in found:
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            continue
        if address.version == 4 and not address.is_loopback:
            return text
    return None


def test_a_source_on_the_network_redirecting_to_localhost_is_refused(department: Department, serve):
    outward = _outward_ipv4()
    if outward is None:
        pytest.skip("this machine has no IPv4 address but loopback ones (hostname -I)")
    internal = serve("127.0.0.1")
    internal.routes["/internal.json"] = listing
    public = serve(outward)
    target = internal.url("/internal.json")
    public.routes["/postings.json"] = redirect_to(target)
    source = public.url("/postings.json")
    warnings = department.build(sources=[source])
    kind = address_kind(outward)  # 192.0.2.2 is private; a cloud machine's may be public
    assert kind in ("private", "public")
    assert warnings == [
        f"{source}: sources: redirects to {target} (a loopback address), which a {kind} "
        "source may not reach; skipped (no good cached copy); fix the URL under sources"
    ]
    assert internal.requests == []
    assert department.titles() == ["Assistant Professor in Data Science"]


def test_through_a_proxy_the_redirect_target_is_checked_by_name(
    serve, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """With a proxy the proxy connects, so the redirect's host is checked before asking it:
    a public source (8.8.8.8, never reached: the proxy here answers for it) may redirect to
    another public address, not to the metadata address."""
    proxy = serve()
    monkeypatch.setenv("http_proxy", proxy.base)
    monkeypatch.setenv("no_proxy", "")
    proxy.routes["http://8.8.8.8/postings.json"] = redirect_to("http://1.1.1.1/postings.json")
    proxy.routes["http://1.1.1.1/postings.json"] = listing
    assert read("http://8.8.8.8/postings.json", tmp_path / "a") == []
    proxy.requests.clear()
    proxy.routes["http://8.8.8.8/inward.json"] = redirect_to("http://169.254.169.254/latest")
    assert read("http://8.8.8.8/inward.json", tmp_path / "b") == [
        "redirects to http://169.254.169.254/latest (a link-local address), which a public "
        "source may not reach; skipped (no good cached copy); fix the URL under sources"
    ]
    assert [path for path, _ in proxy.requests] == ["http://8.8.8.8/inward.json"]


# --------------------------------------------------------------------------- Retry-After


def _too_many(retry_after: str | None, status: int = 429) -> Callable:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        headers = {"Retry_After": retry_after} if retry_after is not None else {}
        send(handler, b"slow down", status, **headers)

    return answer


@pytest.mark.parametrize(
    ("status", "retry_after", "said"),
    [
        (429, "120", "HTTP 429 Too Many Requests: the site asks to wait 2 minutes (Retry-After)"),
        (
            503,
            format_datetime(PINNED + timedelta(minutes=10), usegmt=True),
            "HTTP 503 Service Unavailable: the site asks to wait 10 minutes (Retry-After)",
        ),
        (429, "99999999999", "HTTP 429 Too Many Requests: the site asks to wait 1 day"),
        (429, None, "HTTP 429 Too Many Requests; skipped (no good cached copy); the site is asked"),
        (429, "soon", "HTTP 429 Too Many Requests; skipped (no good cached copy); the site is"),
    ],
)
def test_retry_after_is_read_and_said(
    status: int, retry_after: str | None, said: str, serve, tmp_path: Path
):
    server = serve()
    server.routes["/postings.json"] = _too_many(retry_after, status)
    (problem,) = read(server.url("/postings.json"), tmp_path)
    assert problem.startswith(said)
    assert "check the URL" not in problem


def test_retry_after_is_honoured_without_a_cached_copy(serve, tmp_path: Path):
    server = serve()
    server.routes["/postings.json"] = _too_many("600", 503)
    source = Source(server.url("/postings.json"))
    options = FetchOptions(cache_dir=tmp_path / "cache", timeout=5)

    def problems(minutes: int) -> list[str]:
        now = PINNED + timedelta(minutes=minutes)
        return [p.message for p in gather([source], options, now=now, defaults=Defaults()).problems]

    assert problems(0) == [
        "HTTP 503 Service Unavailable: the site asks to wait 10 minutes (Retry-After); skipped "
        "(no good cached copy); build again after that"
    ]
    assert problems(4) == [
        "the site asks to wait another 6 minutes (Retry-After); skipped (no good cached "
        "copy); build again after that"
    ]
    assert len(server.hits("/postings.json")) == 1  # not asked before then
    server.routes["/postings.json"] = listing
    assert problems(11) == []
    assert len(server.hits("/postings.json")) == 2


def test_retry_after_keeps_the_cached_copy_and_no_build_asks_before_then(
    department: Department, serve, monkeypatch: pytest.MonkeyPatch
):
    server = serve()
    server.routes["/postings.json"] = listing
    source = server.url("/postings.json")

    def at(delay: timedelta) -> list[str]:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int((PINNED + delay).timestamp())))
        return department.build(sources=[source])

    assert at(timedelta(0)) == []
    server.routes["/postings.json"] = _too_many("120")
    # Past the cache lifetime (an hour): asked, and told to wait two minutes.
    assert at(timedelta(hours=3)) == [
        f"{source}: sources: HTTP 429 Too Many Requests: the site asks to wait 2 minutes "
        "(Retry-After); using the copy cached 3 hours ago; build again after that"
    ]
    assert "PhD in Robotics" in department.titles()
    assert len(server.hits("/postings.json")) == 2
    # A minute later: the copy, and no request.
    assert at(timedelta(hours=3, minutes=1)) == []
    assert "PhD in Robotics" in department.titles()
    assert len(server.hits("/postings.json")) == 2
    # Once the two minutes are over, asked again.
    server.routes["/postings.json"] = listing
    assert at(timedelta(hours=3, minutes=3)) == []
    assert len(server.hits("/postings.json")) == 3


# --------------------------------------------------------------------------- sizes


@pytest.fixture
def memory_cap() -> Iterator[None]:
    """At most 1 GB more address space for this test: reading a file without end fails it
    with a ``MemoryError`` instead of taking the machine's memory."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/status") as status:
        used = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize"))
    cap = used + 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (cap if hard < 0 else min(cap, hard), hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_path_source_without_end_is_too_big(department: Department, memory_cap):
    folder = department.site.root / "listings"
    folder.mkdir()
    (folder / "zero.json").symlink_to("/dev/zero")  # its size says 0
    started = time.monotonic()
    warnings = department.build(sources=[{"path": "listings/zero.json"}], source_max_size=10_000)
    assert warnings == [
        "listings/zero.json: sources: larger than 10,000 bytes; skipped (no good cached copy); "
        "if that listing is really this big, raise source_max_size"
    ]
    assert time.monotonic() - started < 10


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_cached_copy_without_end_is_no_copy(tmp_path: Path, memory_cap):
    cache = Cache(tmp_path, "https://lab.example.org/postings.json", max_bytes=10_000)
    cache.body_path.symlink_to("/dev/zero")
    assert cache.body() is None


def test_a_redirect_with_a_body_without_end_is_too_big(tmp_path: Path):
    def answer(connection: socket.socket) -> None:
        connection.sendall(b"HTTP/1.1 302 Found\r\nLocation: /elsewhere.json\r\n\r\n")
        for _ in range(800):  # 50 MB, then it hangs up
            connection.sendall(bytes(65536))

    with raw_server(answer) as base:
        problems = read(base + "/postings.json", tmp_path, max_bytes=10_000)
    assert problems == [
        "larger than 10,000 bytes; skipped (no good cached copy); if that listing is really "
        "this big, raise source_max_size"
    ]


# --------------------------------------------------------------------------- untrusted text


def test_escape_sequences_in_a_reason_phrase_do_not_reach_the_log(
    department: Department, tmp_path: Path
):
    def answer(connection: socket.socket) -> None:
        connection.sendall(b"HTTP/1.1 500 \x1b[31mred\x1b[0m\r\nContent-Length: 0\r\n\r\n")

    with raw_server(answer) as base:
        source = base + "/postings.json"
        assert read(source, tmp_path) == [
            "HTTP 500 [31mred[0m; skipped (no good cached copy); the site may be down: try "
            "again later"
        ]
        warnings = department.build(sources=[source])
    assert len(warnings) == 1 and "HTTP 500" in warnings[0]
    assert "\x1b" not in warnings[0]
