"""The extension's ``postings_*`` conf values: the core's ``OPTIONS`` with a ``postings_``
prefix, read with the core's checks.

A wrong value reads the same as on MkDocs (one line naming ``conf.py`` and the value); it is
reported and replaced by its default, and the build then fails (see ``extension.py``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from mkdocs_postings.options import (
    OPTIONS,
    Context,
    Option,
    OptionsFile,
    Settings,
    check_options,
    settings_from,
)

__all__ = ["CONF_VALUES", "Settings", "conf_name", "read_settings"]

CONF_PY = OptionsFile("conf.py", prefix="postings_", assignment='{name} = "{value}"')
"""How ``conf.py`` names the options, for messages."""

_OUTPUT_ONLY = frozenset({"noindex_closed", "structured_data", "feed", "calendar", "json"})
"""Options that change only the HTML written (a change re-writes pages); any other changes
what is read (a change re-reads every document)."""


def conf_name(option: str) -> str:
    """The conf value of an option (``timezone``: ``postings_timezone``)."""
    return CONF_PY.field(option)


def _conf_value(
    option: Option,
) -> tuple[str, object, Literal["env", "html"], frozenset[type]]:
    default = option.default
    if option.name == "index":  # Sphinx names the cards page by its docname
        default = default.removesuffix(".md")
    types = frozenset(option.types) | ({type(None)} if default is None else set())
    return conf_name(option.name), default, "html" if option.name in _OUTPUT_ONLY else "env", types


CONF_VALUES = tuple(_conf_value(option) for option in OPTIONS)
"""Every conf value the extension reads: ``(name, default, what a change rebuilds, types)``;
the configuration reference documents each."""


def read_settings(config: Any, confdir: str | Path = ".") -> tuple[Settings, list[str], list[str]]:
    """The settings from Sphinx's ``config``, with errors and warnings as one-line messages;
    source paths and the cache folder are relative to ``confdir`` (the folder of conf.py)."""
    raw = {option.name: getattr(config, conf_name(option.name), None) for option in OPTIONS}
    values, errors, warnings = check_options(raw, CONF_PY)
    known = {name for name, *_ in CONF_VALUES}
    for name in sorted(getattr(config, "_raw_config", {})):
        if name.startswith("postings_") and name not in known:
            errors.append(
                CONF_PY.problem(
                    name,
                    "no such setting (a typo?); the configuration reference lists every postings_*",
                    "error",
                )
            )
    context = Context(
        CONF_PY,
        site_name=str(getattr(config, "project", "") or "Organization"),
        languages=(
            (conf_name("language"), values["language"]),
            ("language", getattr(config, "language", None)),
        ),
        base_dir=Path(confdir).resolve(),
    )
    settings, more_errors = settings_from(values, context)
    docname = settings.index.removesuffix(".md")
    settings = replace(
        settings,
        index=docname,
        rules=replace(settings.rules, exclude=(docname + ".md",)),
        warnings=(*warnings, *settings.warnings),
    )
    return (
        settings,
        [str(problem) for problem in (*errors, *more_errors)],
        [str(problem) for problem in settings.warnings],
    )
