"""Reproducible builds: the same sources and SOURCE_DATE_EPOCH give the same bytes, whatever
the host's time zone, locale or hash seed.

Builds run ``mkdocs build`` in subprocesses, as a lab's CI does, each with its own environment.
The runner calls ``locale.setlocale(LC_ALL, "")`` before MkDocs starts, as a host program (or
another plugin) may, so a locale-dependent ``strftime`` or number format would show up. MkDocs'
sitemap ``lastmod`` and the gzip header of ``sitemap.xml.gz`` come from SOURCE_DATE_EPOCH too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import PINNED_EPOCH, Site, tree_digest

RUNNER = """
import locale, sys
try:
    locale.setlocale(locale.LC_ALL, "")
except locale.Error:
    pass  # the locale is not installed on this host; TZ and the variables still apply
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", *sys.argv[1:]]
cli()
"""

HOSTS = {
    "utc-c": {"TZ": "UTC", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "1"},
    "kiritimati-de": {
        "TZ": "Pacific/Kiritimati",  # UTC+14: the pinned noon UTC is tomorrow there
        "LANG": "de_DE.UTF-8",
        "LC_ALL": "de_DE.UTF-8",
        "LANGUAGE": "de",
        "PYTHONHASHSEED": "2",
    },
    "honolulu-fr": {
        "TZ": "Pacific/Honolulu",
        "LANG": "fr_FR.UTF-8",
        "LC_ALL": "fr_FR.UTF-8",
        "PYTHONHASHSEED": "3",
    },
}


def build_in(
    site: Site, out: Path, host: dict[str, str], epoch: str = PINNED_EPOCH
) -> dict[str, str]:
    site.write_config()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "TZ"))}
    env.update(host, SOURCE_DATE_EPOCH=epoch)
    config = str(site.root / "mkdocs.yml")
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, "build", "--strict", "-q", "-f", config, "-d", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return tree_digest(out)


def test_same_epoch_same_bytes_across_time_zones_locales_and_hash_seeds(
    example_site: Site, tmp_path: Path
):
    before = tree_digest(example_site.docs)
    digests = {name: build_in(example_site, tmp_path / name, host) for name, host in HOSTS.items()}
    reference = digests.pop("utc-c")
    assert len(reference) > 30  # the whole site: pages, tag pages, assets, feeds, sitemap
    for name, digest in digests.items():
        changed = sorted(
            k for k in reference.keys() | digest.keys() if reference.get(k) != digest.get(k)
        )
        assert changed == [], f"{name}: {changed}"
    assert tree_digest(example_site.docs) == before


def test_a_different_epoch_changes_only_what_depends_on_the_date(example_site: Site, tmp_path):
    """The comparison above can fail: another day gives another site (statuses, sitemap)."""
    first = build_in(example_site, tmp_path / "a", HOSTS["utc-c"])
    later = str(int(PINNED_EPOCH) + 30 * 86400)
    second = build_in(example_site, tmp_path / "b", HOSTS["utc-c"], epoch=later)
    changed = {k for k in first if first[k] != second.get(k)}
    assert "sitemap.xml" in changed  # MkDocs' lastmod is the build date
    assert "openings/index.html" in changed  # a posting closed in those 30 days
    assert "assets/postings/postings.js" not in changed


def test_output_does_not_depend_on_the_working_directory(example_site: Site, tmp_path):
    first = build_in(example_site, tmp_path / "a", HOSTS["utc-c"])
    moved = tmp_path / "elsewhere" / "lab-site"
    shutil.copytree(example_site.root, moved, ignore=shutil.ignore_patterns("site"))
    second = build_in(Site(moved, example_site.config), tmp_path / "b", HOSTS["utc-c"])
    assert second == first
