"""How the build time and memory of a site grow with its number of postings.

For every size N this script writes one realistic site of N postings (about 600 words each,
2-4 of 30 tags, deadlines spread around the pinned build date, the same content for every
seed) and builds it in three variants, in the same run and interleaved, so that the ratios
compare builds made under the same machine load:

floor
    the same pages, the plugin off, the postings kept out of the nav (``not_in_nav``), an
    openings page of its own in the nav (where the plugin puts its cards page, and the blog
    its index), Material with its search plugin: what MkDocs costs anyway.
postings
    the plugin on: posting pages, the cards page, tag pages, feed, calendar, JSON, JSON-LD.
material-blog
    Material's blog and tags plugins over the same content as blog posts.

Each build is ``mkdocs build`` in a fresh subprocess with ``SOURCE_DATE_EPOCH`` pinned; the
wall time is measured around it and the peak memory is the child's maximum resident set size
(``os.wait4``). Then ``mkdocs serve`` runs on the postings variant: one posting's title is
edited and the time until the rebuilt page is served with the new title is measured.

Run from the repository root (``PYTHONPATH`` must make ``mkdocs_postings`` importable, e.g.
an editable install)::

    python benchmarks/build_scaling.py                       # 100, 1000, 3000; 4 runs each
    python benchmarks/build_scaling.py --sizes 100,300 --runs 1 --serve-size 300
    python benchmarks/build_scaling.py --profile 1000        # cProfile of one postings build
    python benchmarks/build_scaling.py --instructions 1000   # instructions, floor vs postings
    python benchmarks/build_scaling.py --instructions 1000,3000 --counts counts.json
    python benchmarks/build_scaling.py --instructions 1000 --count postings --no-memory \
        --counts counts.json                                 # a change's cost: postings only

``--instructions`` counts the machine instructions one build of the floor and one of the
postings variant execute, under valgrind's cachegrind (``apt-get install valgrind``): the same
count on every run and on a busy or drifting machine, where wall times are not. It leaves out
what costs time without instructions (waiting for the disk, cache misses), so it complements
the wall-time ratios rather than replacing them. Two counts run at a time (``--jobs``), the
largest N first; ``--counts FILE`` keeps every count and reuses the floor's (it does not run
the plugin) and a postings count of the same plugin code. It then measures the peak memory of
one normal build of each variant (``--no-memory`` skips it) and prints the budget's figures.

Figures are printed, never asserted: timing budgets do not belong in unit tests.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import hashlib
import io
import itertools
import json
import os
import platform
import pstats
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import yaml

PINNED = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
"""The build clock of every benchmark build (the one the tests use)."""
VARIANTS = ("floor", "postings", "material-blog")

# --------------------------------------------------------------------------- content

TAGS = [
    "Machine Learning", "NLP", "Medical Imaging", "Genomics", "Bioinformatics",
    "Clinical Data", "Statistics", "Privacy", "Federated Learning", "Deep Learning",
    "Computer Vision", "Epidemiology", "Data Engineering", "Software Engineering",
    "Visualisation", "Ontologies", "Causal Inference", "Time Series", "Signal Processing",
    "Robotics", "Digital Health", "Public Health", "Oncology", "Cardiology", "Neuroscience",
    "Pathology", "Radiology", "HPC", "Open Science", "Teaching",
]  # fmt: skip
TYPES = {
    "phd": "PhD Position",
    "postdoc": "Postdoc",
    "research_assistant": "Research Assistant",
    "engineer": "Research Software Engineer",
    "student": "Student Assistant",
    "internship": "Internship",
    "technician": "Technician",
}
TOPICS = [
    "Clinical Natural Language Processing", "Federated Learning for Hospitals",
    "Medical Image Segmentation", "Genomic Variant Interpretation", "Causal Inference from EHRs",
    "Privacy-Preserving Analytics", "Digital Pathology", "Cardiac Signal Analysis",
    "Biomedical Ontologies", "Research Data Infrastructure", "Cancer Registries",
    "Wearable Sensor Data", "Explainable Models in Radiology", "Population Health Dashboards",
    "Single-Cell Data Analysis", "Clinical Decision Support", "Drug Safety Signals",
    "Neuroimaging Pipelines", "Trial Emulation", "Open Research Software",
]  # fmt: skip
WORDS = (  # noqa: SIM905
    "patient data model clinical hospital research team method analysis learning study "
    "cohort outcome treatment diagnosis signal image sequence variant network algorithm "
    "evaluation benchmark pipeline software infrastructure collaboration university project "
    "publication conference journal doctoral supervision funding grant interdisciplinary "
    "statistical robust reproducible scalable privacy secure federated distributed annotation "
    "ontology terminology registry record note report measurement sensor device wearable "
    "cardiology oncology radiology pathology genomics proteomics imaging segmentation "
    "classification prediction inference causal temporal longitudinal multimodal validation "
    "deployment monitoring quality standard interoperability platform service open science"
).split()


def _sentence(rng: random.Random, low: int = 10, high: int = 22) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    text = " ".join(_sentence(rng) for _ in range(sentences))
    return "\n".join(textwrap.wrap(text, 96))


@dataclass
class Posting:
    slug: str
    title: str
    kind: str
    tags: list[str]
    posted: date
    deadline: date | None
    rolling: bool
    status: str
    reference: str
    body: str
    summary: str | None
    apply_in_front_matter: bool
    extra: dict = field(default_factory=dict)


def make_postings(count: int, seed: int) -> list[Posting]:
    """``count`` postings, the same ones for the same seed."""
    rng = random.Random(seed)
    postings = []
    for number in range(count):
        kind = rng.choice(list(TYPES))
        topic = rng.choice(TOPICS)
        title = f"{TYPES[kind]} in {topic} ({number + 1})"
        reference = f"MI-{2026 + number % 2}-{number:05d}"
        rolling = rng.random() < 0.08
        # Deadlines from four months before to six months after the build date.
        deadline = None if rolling else (PINNED.date() + timedelta(days=rng.randint(-120, 180)))
        anchor = deadline or PINNED.date()
        posted = anchor - timedelta(days=rng.randint(20, 90))
        roll = rng.random()
        status = "filled" if roll < 0.05 else "cancelled" if roll < 0.07 else "open"
        link = f"https://jobs.example.org/medinf/{reference.lower()}"
        sections = [
            ("Summary", _paragraph(rng, 4)),
            ("Your project", _paragraph(rng, 7) + "\n\n" + _paragraph(rng, 6)),
            ("Your profile", "\n".join(f"- {_sentence(rng, 6, 14)}" for _ in range(6))),
            ("What we offer", _paragraph(rng, 5)),
            (
                "Application",
                f"Apply through [the job portal]({link}) with a CV, transcripts and a "
                f"motivation letter, quoting {reference}. " + _paragraph(rng, 2),
            ),
        ]
        body = "\n\n".join(f"## {head}\n\n{text}" for head, text in sections) + "\n"
        postings.append(
            Posting(
                slug=f"{kind.replace('_', '-')}-{number + 1:05d}",
                title=title,
                kind=kind,
                tags=rng.sample(TAGS, rng.randint(2, 4)),
                posted=posted,
                deadline=deadline,
                rolling=rolling,
                status=status,
                reference=reference,
                body=body,
                summary=_sentence(rng, 14, 24) if rng.random() < 0.6 else None,
                apply_in_front_matter=rng.random() < 0.5,
                extra={"link": link, "start": str(anchor + timedelta(days=rng.randint(30, 120)))},
            )
        )
    return postings


def front_matter(posting: Posting, *, blog: bool = False) -> str:
    meta: dict = {"title": posting.title, "date": posting.posted.isoformat(), "tags": posting.tags}
    if posting.summary:
        meta["summary"] = posting.summary
    if blog:
        meta["categories"] = [TYPES[posting.kind]]
    details: dict = {"type": posting.kind, "status": posting.status, "reference": posting.reference}
    if posting.rolling:
        details["rolling"] = True
    else:
        assert posting.deadline is not None
        details["deadline"] = posting.deadline.isoformat()
    details["start"] = posting.extra["start"]
    details["duration"] = "2 years"
    if posting.apply_in_front_matter:
        details["apply"] = posting.extra["link"]
    meta["posting"] = details
    dumped = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    # Dates as YAML dates, the way people write them.
    dumped = re.sub(r"'(\d{4}-\d{2}-\d{2})'", r"\1", dumped)
    return f"---\n{dumped}---\n\n"


HOME = "# Chair of Medical Informatics\n\nResearch in clinical data science.\n"
FLOOR_INDEX = "# Openings\n\nOur open positions are listed on their own pages.\n"


def write_site(root: Path, variant: str, postings: Sequence[Posting]) -> Path:
    """Write ``variant``'s docs and mkdocs.yml under ``root``; return the config path."""
    docs = root / "docs"
    if root.exists():
        shutil.rmtree(root)
    folder = docs / ("blog/posts" if variant == "material-blog" else "openings")
    folder.mkdir(parents=True)
    (docs / "index.md").write_text(HOME, encoding="utf-8")
    for posting in postings:
        text = front_matter(posting, blog=variant == "material-blog") + posting.body
        (folder / f"{posting.slug}.md").write_text(text, encoding="utf-8")
    config: dict = {
        "site_name": "Chair of Medical Informatics",
        "site_url": "https://medinf.example.org/",
        "theme": {"name": "material"},
        "markdown_extensions": ["admonition", "attr_list", {"toc": {"permalink": True}}],
        "plugins": ["search"],
    }
    if variant == "floor":
        # The lab's own openings page, in the nav as the plugin's cards page is (and as the
        # blog variant's index is): every variant renders the same nav on every page.
        (folder / "index.md").write_text(FLOOR_INDEX, encoding="utf-8")
        config["not_in_nav"] = "/openings/\n!/openings/index.md"
    elif variant == "postings":
        config["plugins"].append(
            {
                "postings": {
                    "organization": {"name": "University of Zurich", "url": "https://www.uzh.ch"},
                    "location": {"locality": "Zurich", "country": "CH"},
                    "timezone": "Europe/Zurich",
                }
            }
        )
    else:
        (docs / "blog").mkdir(exist_ok=True)
        (docs / "blog/index.md").write_text("# Openings\n", encoding="utf-8")
        (docs / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", encoding="utf-8")
        config["plugins"] += ["blog", "tags"]
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- builds


def build_env() -> dict[str, str]:
    return {
        **os.environ,
        "SOURCE_DATE_EPOCH": str(int(PINNED.timestamp())),
        "NO_MKDOCS_2_WARNING": "1",
    }


@dataclass
class Measurement:
    seconds: float
    cpu_seconds: float
    max_rss_mib: float


def build_once(config: Path, out: Path, log: Path) -> Measurement:
    """One ``mkdocs build`` in a fresh process: wall time and the child's peak memory."""
    if out.exists():
        shutil.rmtree(out)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)]
    with log.open("w") as sink:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=build_env())
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"build failed ({config}), see {log}:\n{log.read_text()[-3000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return Measurement(elapsed, cpu, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


@dataclass
class Row:
    size: int
    pages: dict[str, int]
    runs: dict[str, list[Measurement]]

    def median(self, variant: str) -> float:
        return statistics.median(m.seconds for m in self.runs[variant])

    def cpu(self, variant: str) -> float:
        return statistics.median(m.cpu_seconds for m in self.runs[variant])

    def memory(self, variant: str) -> float:
        return max(m.max_rss_mib for m in self.runs[variant])

    def paired(self, variant: str) -> float:
        """The median of each run's ``variant``/floor ratio: builds of one round ran back to
        back, so this ratio is less moved than the ratio of medians when the machine's speed
        drifts between rounds."""
        return statistics.median(
            m.seconds / floor.seconds
            for m, floor in zip(self.runs[variant], self.runs["floor"], strict=True)
        )


def count_pages(out: Path) -> int:
    return sum(1 for _ in out.rglob("*.html"))


def round_order(run: int, variants: Sequence[str] = VARIANTS) -> tuple[str, ...]:
    """The order of the variants in round ``run``: as listed, then reversed, and so on.

    Interleaved, so a burst of load from elsewhere hits every variant alike; alternated, so
    a machine that slows down (or speeds up) over the run does not always favour the variant
    that goes first: with an even number of rounds, the floor runs before the postings build
    in half of them and after it in the other half. (In a fixed order, one 16-round run on
    this machine gave paired ratios of 1.07 in the rounds where the floor went first and
    1.16 where it went second.)
    """
    return tuple(variants) if run % 2 == 0 else tuple(variants)[::-1]


def measure(size: int, runs: int, seed: int, work: Path, variants: Sequence[str] = VARIANTS) -> Row:
    postings = make_postings(size, seed)
    configs = {v: write_site(work / f"{v}-{size}", v, postings) for v in variants}
    row = Row(size, {}, {v: [] for v in variants})
    for run in range(runs):
        for variant in round_order(run, variants):
            out = work / f"{variant}-{size}" / "site"
            result = build_once(configs[variant], out, work / f"{variant}-{size}.log")
            row.runs[variant].append(result)
            if run == 0:
                row.pages[variant] = count_pages(out)
            print(
                f"  N={size} run {run + 1}/{runs} {variant}: {result.seconds:.2f} s, "
                f"CPU {result.cpu_seconds:.2f} s, {result.max_rss_mib:.0f} MiB",
                file=sys.stderr,
                flush=True,
            )
    return row


def table(rows: Sequence[Row]) -> str:
    lines = [
        "| N | floor s (ms/posting) | postings s | material-blog s | postings/floor "
        "| postings/floor, paired | blog/floor | CPU postings/floor | CPU blog/floor "
        "| peak MiB floor / postings / blog | memory postings/floor |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        floor, ours = row.median("floor"), row.median("postings")
        cpu_floor, cpu_ours = row.cpu("floor"), row.cpu("postings")
        mem_floor, mem_ours = row.memory("floor"), row.memory("postings")
        if "material-blog" in row.runs:  # --no-blog leaves it out
            blog, cpu_blog = row.median("material-blog"), row.cpu("material-blog")
            mem_blog = f"{row.memory('material-blog'):.0f}"
            blog_cells = (f"{blog:.2f}", f"{blog / floor:.2f}", f"{cpu_blog / cpu_floor:.2f}")
        else:
            mem_blog, blog_cells = "–", ("–", "–", "–")
        lines.append(
            f"| {row.size:,} | {floor:.2f} ({1000 * floor / row.size:.1f}) | {ours:.2f} "
            f"| {blog_cells[0]} | **{ours / floor:.2f}** | **{row.paired('postings'):.2f}** "
            f"| {blog_cells[1]} | {cpu_ours / cpu_floor:.2f} | {blog_cells[2]} "
            f"| {mem_floor:.0f} / {mem_ours:.0f} / {mem_blog} | {mem_ours / mem_floor:.2f} |"
        )
    return "\n".join(lines)


def spread(rows: Sequence[Row]) -> str:
    """Each N's lowest and highest postings/floor ratio of a single round."""
    parts = []
    for row in rows:
        ratios = [
            m.seconds / floor.seconds
            for m, floor in zip(row.runs["postings"], row.runs["floor"], strict=True)
        ]
        parts.append(f"{row.size:,}: {min(ratios):.2f}–{max(ratios):.2f}")
    return "postings/floor of single rounds: " + ", ".join(parts)


# --------------------------------------------------------------------------- serve


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def wait_for(url: str, text: str, deadline: float, interval: float = 0.05) -> bool:
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return True
        time.sleep(interval)
    return False


def serve_latency(size: int, edits: int, seed: int, work: Path, timeout: float) -> list[float]:
    """Seconds from saving an edited posting to its page being served with the new title."""
    postings = make_postings(size, seed)
    root = work / f"serve-{size}"
    config = write_site(root, "postings", postings)
    target = postings[len(postings) // 2]
    source = root / "docs" / "openings" / f"{target.slug}.md"
    port = free_port()
    url = f"http://127.0.0.1:{port}/openings/{target.slug}/"
    log = (work / f"serve-{size}.log").open("w")
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "-f",
        str(config),
        "-a",
        f"127.0.0.1:{port}",
    ]
    server = subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, env=build_env(), start_new_session=True
    )
    latencies = []
    try:
        if not wait_for(url, target.title, time.monotonic() + timeout, interval=0.2):
            sys.exit(f"mkdocs serve did not serve {url} within {timeout:.0f} s; see {log.name}")
        time.sleep(1.0)  # let the watcher settle after the first build
        for edit in range(edits):
            new_title = f"Edited title {edit + 1} of {target.reference}"
            text = source.read_text(encoding="utf-8")
            text = re.sub(r"^title: .*$", f"title: {new_title}", text, count=1, flags=re.M)
            start = time.monotonic()
            source.write_text(text, encoding="utf-8")
            if not wait_for(url, new_title, start + timeout):
                sys.exit(f"edit {edit + 1} was not served within {timeout:.0f} s; see {log.name}")
            latencies.append(time.monotonic() - start)
            print(f"  serve N={size} edit {edit + 1}: {latencies[-1]:.2f} s", file=sys.stderr)
            time.sleep(1.0)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
    return latencies


# --------------------------------------------------------------------------- profile


def profile(size: int, seed: int, work: Path, top: int) -> None:
    """cProfile one in-process build of the postings variant; print the costliest functions."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.update(build_env())
    config_path = write_site(work / f"profile-{size}", "postings", make_postings(size, seed))
    config = load_config(str(config_path), site_dir=str(work / f"profile-{size}" / "site"))
    profiler = cProfile.Profile()
    profiler.enable()
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    profiler.disable()
    stream = io.StringIO()
    profiler.dump_stats(str(work / "profile.prof"))
    stats = pstats.Stats(profiler, stream=stream).sort_stats("cumulative")
    stats.print_stats(r"mkdocs_postings", top)
    stats.sort_stats("tottime").print_stats(top)
    print(stream.getvalue())


def package_digest() -> str:
    """A digest of the ``mkdocs_postings`` the builds import (with this ``PYTHONPATH``): its
    Python files, templates and assets. A postings count is reused only for the same digest."""
    where = subprocess.run(
        [sys.executable, "-c", "import mkdocs_postings; print(mkdocs_postings.__path__[0])"],
        capture_output=True, text=True, env=build_env(), check=True,
    ).stdout.strip()  # fmt: skip
    digest = hashlib.sha256()
    for path in sorted(Path(where).rglob("*")):
        if path.is_file() and path.suffix in {".py", ".html", ".css", ".js", ".json"}:
            digest.update(path.relative_to(where).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def count_instructions(variant: str, size: int, seed: int, work: Path) -> int:
    """Instructions one build of ``variant`` with ``size`` postings executes (cachegrind);
    hash randomisation off, so reruns agree."""
    config = write_site(work / f"{variant}-{size}", variant, make_postings(size, seed))
    out = work / f"{variant}-{size}" / "site"
    if out.exists():
        shutil.rmtree(out)
    command = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        *(sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)),
    ]
    env = {**build_env(), "PYTHONHASHSEED": "0"}
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    found = re.search(r"I\s+refs:\s+([\d,]+)", result.stderr)
    if result.returncode != 0 or found is None:
        sys.exit(f"cachegrind build failed ({variant}, N={size}):\n{result.stderr[-3000:]}")
    count = int(found.group(1).replace(",", ""))
    print(
        f"  N={size} {variant}: {count / 1e9:.3f} G instructions "
        f"({time.perf_counter() - started:.0f} s under valgrind)",
        file=sys.stderr,
        flush=True,
    )
    return count


@dataclass
class CountStore:
    """Instruction counts kept in a JSON file (``--counts``), so that a later run reuses them.

    A floor count is reused for the same N, seed, Python, MkDocs and Material: the floor does
    not run the plugin. A postings count is reused only for the same plugin code as well
    (``package_digest``).
    """

    path: Path | None
    records: list[dict] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path | None) -> CountStore:
        if path is None or not path.exists():
            return cls(path)
        return cls(path, json.loads(path.read_text(encoding="utf-8")))

    @staticmethod
    def key(variant: str, size: int, seed: int, digest: str) -> dict:
        from importlib.metadata import version

        return {
            "variant": variant,
            "size": size,
            "seed": seed,
            "python": platform.python_version(),
            "mkdocs": version("mkdocs"),
            "material": version("mkdocs-material"),
            "plugin": None if variant == "floor" else digest,
        }

    def find(self, key: dict) -> dict | None:
        return next((r for r in self.records if all(r.get(k) == v for k, v in key.items())), None)

    def add(self, key: dict, count: int) -> None:
        self.records.append(
            {**key, "instructions": count, "counted": f"{datetime.now(UTC):%F %H:%M} UTC"}
        )
        if self.path is not None:
            self.path.write_text(json.dumps(self.records, indent=1) + "\n", encoding="utf-8")


def instructions(
    sizes: Sequence[int],
    variants: Sequence[str],
    seed: int,
    work: Path,
    store: CountStore,
    jobs: int = 2,
    digest: str = "",
) -> dict[int, dict[str, tuple[int, str]]]:
    """Instructions of one build per variant and N, counted ``jobs`` at a time (largest N
    first, so the longest counts overlap), or reused from ``store``: ``{N: {variant: (count,
    where from)}}``."""
    counts: dict[int, dict[str, tuple[int, str]]] = {size: {} for size in sizes}
    todo = []
    for size in sizes:
        for variant in variants:
            key = CountStore.key(variant, size, seed, digest)
            kept = store.find(key)
            if kept is not None:
                counts[size][variant] = (kept["instructions"], f"reused, counted {kept['counted']}")
                print(f"  N={size} {variant}: reused ({kept['counted']})", file=sys.stderr)
            else:
                todo.append((size, variant, key))
    todo.sort(key=lambda job: -job[0])

    def run(job: tuple[int, str, dict]) -> None:
        size, variant, key = job
        count = count_instructions(variant, size, seed, work / f"count-{variant}-{size}")
        counts[size][variant] = (count, "counted now")
        store.add(key, count)

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(run, todo))
    return counts


def instructions_table(counts: dict[int, dict[str, tuple[int, str]]]) -> str:
    lines = [
        "| N | floor instructions | postings instructions | postings/floor |",
        "|---:|---:|---:|---:|",
    ]
    for size, count in counts.items():
        floor, postings = count.get("floor"), count.get("postings")
        ratio = f"**{postings[0] / floor[0]:.3f}**" if floor and postings else "–"
        lines.append(f"| {size:,} | {_giga(floor)} | {_giga(postings)} | {ratio} |")
    return "\n".join(lines)


def _giga(count: tuple[int, str] | None) -> str:
    return "–" if count is None else f"{count[0] / 1e9:.2f} G"


def peak_memory(sizes: Sequence[int], seed: int, work: Path) -> dict[int, dict[str, float]]:
    """Peak resident memory (MiB) of one normal build, not under valgrind, of the floor and
    the postings variant at each N."""
    memory: dict[int, dict[str, float]] = {}
    for size in sizes:
        row = measure(size, 1, seed, work / "memory", ("floor", "postings"))
        memory[size] = {v: row.memory(v) for v in ("floor", "postings")}
    return memory


INSTRUCTION_BUDGET = 1.15
MEMORY_BUDGET = 1.3


def budget_lines(
    counts: dict[int, dict[str, tuple[int, str]]], memory: dict[int, dict[str, float]]
) -> list[str]:
    """The budget, figure by figure: printed, never asserted."""
    lines = []
    ratios = {}
    for size, count in counts.items():
        if "floor" in count and "postings" in count:
            ratios[size] = count["postings"][0] / count["floor"][0]
            within = "within" if ratios[size] <= INSTRUCTION_BUDGET else "OVER"
            lines.append(
                f"instructions postings/floor at N={size:,}: {ratios[size]:.3f} "
                f"(budget <= {INSTRUCTION_BUDGET}: {within})"
            )
    sized = sorted(ratios)
    for small, large in itertools.pairwise(sized):
        holds = "yes" if ratios[large] <= ratios[small] else "NO"
        lines.append(
            f"ratio at N={large:,} no higher than at N={small:,}: {holds} "
            f"({ratios[large]:.3f} vs {ratios[small]:.3f})"
        )
    for size, peak in memory.items():
        ratio = peak["postings"] / peak["floor"]
        within = "within" if ratio <= MEMORY_BUDGET else "OVER"
        lines.append(
            f"peak memory at N={size:,}: floor {peak['floor']:.0f} MiB, postings "
            f"{peak['postings']:.0f} MiB, postings/floor {ratio:.2f} "
            f"(budget <= {MEMORY_BUDGET}: {within})"
        )
    return lines


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,3000", help="comma-separated N (postings)")
    parser.add_argument(
        "--runs", type=int, default=4, help="builds per variant and N (median; even: balanced)"
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--serve-size", type=int, default=1000, help="0 skips the serve test")
    parser.add_argument("--edits", type=int, default=3, help="edits timed under mkdocs serve")
    parser.add_argument("--timeout", type=float, default=300, help="seconds to wait in serve")
    parser.add_argument("--profile", type=int, metavar="N", help="only profile a build of N")
    parser.add_argument("--work", type=Path, help="keep the sites here (default: a temp dir)")
    parser.add_argument(
        "--no-blog", action="store_true", help="build floor and postings only (more rounds)"
    )
    parser.add_argument(
        "--instructions",
        metavar="SIZES",
        help="only count instructions (valgrind) of floor and postings builds of these N",
    )
    parser.add_argument(
        "--count",
        default="floor,postings",
        help="with --instructions: the variants to count (e.g. postings: the floor is fixed)",
    )
    parser.add_argument(
        "--counts",
        type=Path,
        help="with --instructions: a JSON file that keeps counts and reuses them (the floor's "
        "for the same N, seed and versions; the postings' for the same plugin code too)",
    )
    parser.add_argument(
        "--jobs", type=int, default=2, help="with --instructions: counts run at the same time"
    )
    parser.add_argument(
        "--no-memory",
        action="store_true",
        help="with --instructions: skip the normal builds that measure peak memory",
    )
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    with contextlib.ExitStack() as stack:
        if args.work:
            work = args.work.resolve()
            work.mkdir(parents=True, exist_ok=True)
        else:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="postings-bench-")))
        if args.profile:
            profile(args.profile, args.seed, work, top=40)
            return
        if args.instructions:
            sized = [int(n.replace("_", "")) for n in args.instructions.split(",") if n.strip()]
            counted = [v.strip() for v in args.count.split(",") if v.strip()]
            store = CountStore.load(args.counts)
            digest = package_digest()
            counts = instructions(
                sized, counted, args.seed, work, store, jobs=args.jobs, digest=digest
            )
            memory = {} if args.no_memory else peak_memory(sized, args.seed, work)
            print(
                f"\nPython {platform.python_version()}, {os.cpu_count()} CPUs, "
                f"seed {args.seed}, plugin code {digest}\n"
            )
            print(instructions_table(counts))
            reused = [
                f"{v} N={size:,} {how}"
                for size, row in counts.items()
                for v, (_, how) in row.items()
                if how != "counted now"
            ]
            if reused:
                print("\nreused from " + str(args.counts) + ": " + "; ".join(reused))
            print("\n" + "\n".join(budget_lines(counts, memory)))
            return
        variants = [v for v in VARIANTS if not (args.no_blog and v == "material-blog")]
        rows = [measure(size, args.runs, args.seed, work, variants) for size in sizes]
        latencies = []
        if args.serve_size:
            latencies = serve_latency(args.serve_size, args.edits, args.seed, work, args.timeout)

    print(
        f"\nPython {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"median of {args.runs} run(s), seed {args.seed}, "
        f"pages built per variant at N={sizes[-1]}: "
        + ", ".join(f"{v} {pages}" for v, pages in rows[-1].pages.items())
        + "\n"
    )
    print(table(rows))
    print(f"\n{spread(rows)}")
    if latencies:
        print(
            f"\n`mkdocs serve` with {args.serve_size:,} postings, edit one posting's title -> "
            f"page served with the new title: median {statistics.median(latencies):.2f} s "
            f"(min {min(latencies):.2f}, max {max(latencies):.2f}, {len(latencies)} edits)"
        )


if __name__ == "__main__":
    main()
