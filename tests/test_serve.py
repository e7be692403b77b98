"""A real ``mkdocs serve`` on 127.0.0.1 follows edits: changed deadline and title, a new
posting, a deleted one, a broken edit (the error shows in the server's output; the server stays
up and, as MkDocs does, holds requests until the next good build) and the fix that recovers.
Pages are fetched over HTTP after each live rebuild and parsed.

Every wait is bounded and polls; the server is stopped by its PID (terminate, then kill).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import PINNED_EPOCH, Site, tree_digest

HOST = "127.0.0.1"
WAIT = 90.0  # seconds; a rebuild of this small site takes a few seconds even on a busy machine


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """``mkdocs serve`` in a subprocess; its output goes to a file the test can read any time."""

    def __init__(self, site: Site, log: Path) -> None:
        self.port = free_port()
        self.log = log
        site.write_config()
        env = {**os.environ, "SOURCE_DATE_EPOCH": PINNED_EPOCH, "PYTHONUNBUFFERED": "1"}
        self._out = log.open("w", encoding="utf-8")
        config, address = str(site.root / "mkdocs.yml"), f"{HOST}:{self.port}"
        self.process = subprocess.Popen(  # live reload on: it is what watches the files
            [sys.executable, "-m", "mkdocs", "serve", "-f", config, "-a", address],
            stdout=self._out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=site.root,
        )

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{self.port}/{path}", timeout=10) as r:
                return r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, ""

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, what: str, check: Callable[[], bool]) -> None:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the server stopped:\n{self.output()}"
            try:
                if check():
                    return
            except (OSError, urllib.error.URLError):
                pass  # not listening yet, or restarting the socket
            time.sleep(0.3)
        pytest.fail(f"timed out waiting for {what}; server output:\n{self.output()}")

    def page(self, path: str) -> BeautifulSoup:
        status, text = self.get(path)
        assert status == 200, path
        return BeautifulSoup(text, "html.parser")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self._out.close()


@pytest.fixture
def served(make_site, tmp_path: Path) -> Iterator[tuple[Site, Server]]:
    site = make_site("mkdocs")
    site.write("openings/phd.md", posting("PhD in NLP", "2027-02-28", ["NLP"]))
    site.write("openings/postdoc.md", posting("Postdoc in Imaging", "2026-12-10", ["Imaging"]))
    server = Server(site, tmp_path / "serve.log")
    try:
        server.wait_for("the first build", lambda: server.get("openings/")[0] == 200)
        yield site, server
    finally:
        server.stop()


def posting(title: str, deadline: str, tags: list[str]) -> str:
    return (
        f"---\ntitle: {title}\ntags: [{', '.join(tags)}]\n"
        f"posting:\n  type: phd\n  deadline: {deadline}\n"
        "  apply: https://jobs.example.org/1\n---\n\nAbout the position.\n"
    )


def cards(soup: BeautifulSoup, section: str = "") -> list[str]:
    selector = f".postings-cards{section} .postings-card-title"
    return [a.get_text(strip=True) for a in soup.select(selector)]


def test_serve_follows_edits_additions_deletions_and_recovers_from_errors(served):
    site, server = served
    docs_digest = tree_digest(site.docs)

    def edit(path: str, text: str) -> None:
        nonlocal docs_digest
        site.write(path, text)
        docs_digest = tree_digest(site.docs)

    # the first build
    assert cards(server.page("openings/")) == ["Postdoc in Imaging", "PhD in NLP"]
    assert cards(server.page("openings/tags/nlp/")) == ["PhD in NLP"]

    # 1. a new title and a deadline that has passed (at the pinned clock): closed everywhere
    edit("openings/phd.md", posting("PhD in Clinical NLP", "2026-11-20", ["NLP"]))
    server.wait_for(
        "the edited title on the cards page",
        lambda: "PhD in Clinical NLP" in cards(server.page("openings/")),
    )
    listing = server.page("openings/")
    assert cards(listing, "--open") == ["Postdoc in Imaging"]
    assert cards(listing, "--past") == ["PhD in Clinical NLP"]
    assert cards(server.page("openings/tags/nlp/")) == ["PhD in Clinical NLP"]
    page = server.page("openings/phd/")
    assert page.select_one(".postings-posting")["data-status"] == "closed"
    assert [n["data-status"] for n in page.select(".postings-notice")] == ["closed"]
    assert page.select("a.postings-apply") == []
    assert [h.get_text(strip=True) for h in page.select("h1")] == ["PhD in Clinical NLP"]

    # 2. a new posting sharing a tag
    edit("openings/engineer.md", posting("Research Engineer", "2027-01-15", ["NLP"]))
    server.wait_for(
        "the new posting on the tag page",
        lambda: len(cards(server.page("openings/tags/nlp/"))) == 2,
    )
    assert cards(server.page("openings/"), "--open") == ["Postdoc in Imaging", "Research Engineer"]
    assert sorted(cards(server.page("openings/tags/nlp/"))) == [
        "PhD in Clinical NLP",
        "Research Engineer",
    ]
    counts = {
        a.get_text(): a.find_next_sibling(class_="postings-count")["data-count"]
        for a in server.page("openings/tags/").select("a.postings-tag")
    }
    assert counts == {"Imaging": "1", "NLP": "2"}

    # 3. a deleted posting: gone from the listing, its tag page and its page
    (site.docs / "openings/postdoc.md").unlink()
    docs_digest = tree_digest(site.docs)
    server.wait_for("the deleted posting to go", lambda: server.get("openings/postdoc/")[0] == 404)
    assert cards(server.page("openings/"), "--open") == ["Research Engineer"]
    assert server.get("openings/tags/imaging/")[0] == 404
    assert "Imaging" not in [a.get_text() for a in server.page("openings/tags/").select("a")]

    # 4. a broken edit: the error in the server's output, the server keeps serving
    edit("openings/engineer.md", posting("Research Engineer", "31.01.2027", ["NLP"]))
    error = "openings/engineer.md: posting.deadline: '31.01.2027' is not a date"
    server.wait_for("the error in the server output", lambda: error in server.output())
    assert "Traceback" not in server.output()
    # MkDocs holds requests until a build succeeds again ("the server will appear stuck"),
    # so the server must still be running, not answering
    time.sleep(1)
    assert server.process.poll() is None

    # 5. the fix recovers: the new deadline shows, nothing is duplicated
    edit("openings/engineer.md", posting("Research Engineer", "2027-03-31", ["NLP"]))
    server.wait_for(
        "the fixed posting",
        lambda: (
            server.page("openings/engineer/").select_one(".postings-posting")["data-deadline"]
            == "2027-03-31T21:59:00Z"
        ),
    )
    listing = server.page("openings/")
    assert cards(listing) == ["Research Engineer", "PhD in Clinical NLP"]
    assert len(listing.select(".postings-card")) == 2
    last_build = server.output().rsplit("Building documentation", 1)[1]
    assert "Reloading browsers" in last_build and "ERROR" not in last_build
    assert tree_digest(site.docs) == docs_digest, "the server wrote into docs/"


def test_new_posting_is_a_draft_served_with_a_notice_and_published_once_finished(
    make_site, tmp_path: Path
):
    """`new` -> `mkdocs serve` shows a draft -> `mkdocs build` leaves it out -> finished and
    the draft line deleted -> published."""
    from mkdocs_postings.reading.unfinished import PLACEHOLDERS

    site = make_site("material")
    site.write("openings/phd.md", posting("PhD in NLP", "2027-02-28", ["NLP"]))
    site.write_config()
    new = subprocess.run(
        [str(Path(sys.executable).with_name("mkdocs-postings")), "new", "Postdoc in Imaging",
         "--type", "postdoc", "--deadline", "2027-03-31", "--tags", "Imaging"],
        cwd=site.root, capture_output=True, text=True, timeout=120,
        env={**os.environ, "SOURCE_DATE_EPOCH": PINNED_EPOCH},
    )  # fmt: skip
    assert new.returncode == 0, new.stderr
    draft = site.docs / "openings/postdoc-in-imaging.md"

    server = Server(site, tmp_path / "serve.log")
    try:
        server.wait_for("the first build", lambda: server.get("openings/")[0] == 200)
        page = server.page("openings/postdoc-in-imaging/")
        notice = page.select_one(".postings-draft")
        assert notice is not None, "no draft notice"
        assert "delete draft: true" in " ".join(notice.get_text().split())
        assert "mkdocs-draft-marker" not in str(page)  # the plugin's notice says it, and more
        assert page.select_one(".postings-facts") is not None  # the page as it will look
        assert cards(server.page("openings/")) == ["PhD in NLP"]  # listings show what is published
    finally:
        server.stop()

    built = site.run_mkdocs("--strict")
    assert built.returncode == 0, built.stderr
    assert not (site.out / "openings/postdoc-in-imaging").exists()
    outputs = "".join(
        (site.out / name).read_text(encoding="utf-8")
        for name in ("openings/feed.xml", "openings/deadlines.ics", "openings/postings.json")
    )
    assert "Imaging" not in outputs and "postdoc-in-imaging" not in outputs
    assert "Postdoc in Imaging" not in (site.out / "openings/index.html").read_text()

    # the draft line deleted, the placeholders left: --strict stops it
    text = draft.read_text(encoding="utf-8").replace("draft: true\n", "")
    draft.write_text(text, encoding="utf-8")
    left = site.run_mkdocs("--strict")
    assert left.returncode != 0
    assert "postdoc-in-imaging.md: body: still has the template's placeholder text" in left.stderr
    for placeholder in PLACEHOLDERS:
        text = text.replace(placeholder, "The lab's own words; apply at jobs@example.org.")
    draft.write_text(text, encoding="utf-8")
    published = site.run_mkdocs("--strict")
    assert published.returncode == 0, published.stderr
    page = site.page("openings/postdoc-in-imaging/")
    assert page.select_one(".postings-draft") is None
    assert page.select_one(".postings-posting")["data-status"] == "open"
    assert "Postdoc in Imaging" in (site.out / "openings/index.html").read_text()
