"""The options are declared once (``options.OPTIONS``): MkDocs' config class and Sphinx's conf
values are made from that declaration, a default is written in one place, and a wrong value
reads the same in ``mkdocs.yml`` and ``conf.py``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.config import base

from mkdocs_postings.mkdocs.config import PostingsConfig
from mkdocs_postings.model import Defaults
from mkdocs_postings.options import OPTION, OPTIONS, Option, OptionsFile, check_options
from mkdocs_postings.reading.collect import DetectRules
from mkdocs_postings.sources.fetch import FetchOptions
from mkdocs_postings.sphinx.settings import CONF_VALUES, read_settings

PACKAGE = Path(__file__).resolve().parents[1] / "mkdocs_postings"


def every_option(options: tuple[Option, ...] = OPTIONS) -> Iterator[Option]:
    for option in options:
        yield option
        yield from every_option(option.keys)


def test_the_mkdocs_config_class_is_the_schema():
    schema = dict(PostingsConfig._schema)
    assert list(schema) == [option.name for option in OPTIONS]
    assert {name: option.default for name, option in schema.items()} == {
        option.name: option.default for option in OPTIONS
    }


def test_the_sphinx_conf_values_are_the_schema():
    defaults = {name: default for name, default, *_ in CONF_VALUES}
    expected = {
        "postings_" + option.name.removeprefix("postings_"): option.default for option in OPTIONS
    }
    expected["postings_index"] = "openings/index"  # Sphinx names the cards page by docname
    assert defaults == expected


_TIME_UNITS = (3600, 86400)
"""An hour, a day in seconds: written elsewhere for what they are (``fetch.age_text``)."""


def _literal(default: Any) -> str | None:
    """How a distinctive default would be written again in Python source (None: too
    common a word or number to look for)."""
    if isinstance(default, str) and re.search(r"[/:.]", default):
        return f'"{default}"'
    if isinstance(default, bool) or default in _TIME_UNITS:
        return None
    if isinstance(default, int) and default >= 100:
        return f"{default:_}" if default >= 10_000 else str(default)
    return None


DISTINCTIVE = [
    pytest.param(option, literal, id=option.name)
    for option in every_option()
    if (literal := _literal(option.default)) is not None
]


@pytest.mark.parametrize(("option", "literal"), DISTINCTIVE)
def test_each_default_is_written_once(option: Option, literal: str):
    pattern = re.compile(r"(?<![\w.])" + re.escape(literal) + r"(?![\w.])")
    places = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert len(places) == 1, places


def test_the_check_reports_a_default_written_twice():
    assert _literal("openings/feed.xml") == '"openings/feed.xml"'
    assert _literal(5_000_000) == "5_000_000" and _literal(183) == "183"
    assert _literal("archive") is None and _literal(True) is None


def test_the_cores_own_defaults_agree_with_the_options():
    values, errors, _ = check_options({}, OptionsFile("test.yml"))
    assert errors == []
    rules, detect = DetectRules(), values["detect"]
    assert (rules.key, list(rules.dirs), list(rules.tags), list(rules.categories)) == (
        detect["key"],
        detect["dirs"],
        detect["tags"],
        detect["categories"],
    )
    fetching = FetchOptions(Path("."))
    assert fetching.timeout == values["source_timeout"]
    assert fetching.max_bytes == values["source_max_size"]
    assert fetching.lifetime == timedelta(seconds=values["cache_lifetime"])
    assert fetching.offline == values["offline"]
    assert Defaults().deadline_time.strftime("%H:%M") == values["deadline_time"]
    assert Defaults().deadline_from_text == values["deadline_from_text"]


# --------------------------------------------------------------------------- one wording

BAD_VALUES = [
    ("timezone", "Mars/Base"),
    ("deadline_time", "midnight"),
    ("closed", "sometimes"),
    ("closing_soon_days", "soon"),
    ("max_age_days", -1),
    ("source_timeout", 0),
    ("index", "../index.md"),
    ("location", {}),
    ("sources", [{"url": "ftp://x.org/p.json"}]),
    ("detect", {"dirs": [3]}),
    ("organization", {"url": "lab.example.org"}),
    ("labels", {"apply": 3}),
    ("offline", "yes"),
]


def _mkdocs_error(name: str, value: object) -> str:
    config = PostingsConfig()
    config.load_dict({name: value})
    errors, _ = config.validate()
    assert len(errors) == 1, errors
    key, error = errors[0]
    assert key == name
    return str(error)


def _sphinx_error(name: str, value: object) -> str:
    conf = SimpleNamespace(**{"postings_" + name: value, "project": "Lab"})
    _, errors, _ = read_settings(conf)
    assert len(errors) == 1, errors
    return errors[0]


@pytest.mark.parametrize(("name", "value"), BAD_VALUES, ids=[n for n, _ in BAD_VALUES])
def test_a_wrong_value_reads_the_same_in_mkdocs_yml_and_conf_py(name, value):
    mkdocs, sphinx = _mkdocs_error(name, value), _sphinx_error(name, value)
    assert sphinx.startswith(f"conf.py: postings_{name}")
    assert sphinx.endswith(mkdocs)


def test_messages_say_what_to_write():
    assert _mkdocs_error("max_age_days", -1) == "expected a whole number of 0 or more, got -1"
    assert _mkdocs_error("closing_soon_days", True) == "expected a whole number, got True"
    assert _mkdocs_error("closed", "sometimes") == "'sometimes' is not one of archive, hide, keep"
    assert _mkdocs_error("detect", {"dirs": [3]}) == (
        "detect.dirs: expected a list of names, got [3]"
    )
    assert _sphinx_error("detect", {"dirs": [3]}) == (
        "conf.py: postings_detect.dirs: expected a list of names, got [3]"
    )


def test_a_value_left_empty_is_its_default():
    config = PostingsConfig()
    config.load_dict({"closing_soon_days": None, "detect": {"dirs": "jobs"}})
    assert config.validate() == ([], [])
    assert config.closing_soon_days == OPTION["closing_soon_days"].default
    assert config.detect == {"key": "posting", "dirs": ["jobs"], "tags": [], "categories": []}


def test_an_unknown_key_of_a_mapping_option_warns_on_both():
    config = PostingsConfig()
    config.load_dict({"detect": {"dir": ["jobs"]}})
    errors, warnings = config.validate()
    assert errors == []
    assert warnings == [("detect", "detect.dir: unknown key, ignored; did you mean 'dirs'?")]
    conf = SimpleNamespace(postings_detect={"dir": ["jobs"]}, postings_timezone="UTC")
    _, errors, sphinx_warnings = read_settings(conf)
    assert errors == []
    assert sphinx_warnings == [
        "conf.py: postings_detect.dir: unknown key, ignored; did you mean 'dirs'?"
    ]


def test_the_config_class_is_an_mkdocs_config():
    assert issubclass(PostingsConfig, base.Config)
    assert PostingsConfig.__module__ == "mkdocs_postings.mkdocs.config"
