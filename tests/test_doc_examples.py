"""The command-line examples in the docs and the README are what the commands print today.

The ``console`` blocks of each page that runs ``mkdocs-postings`` are run, in order and command
by command, in one copy of ``example_site/`` at the pinned clock, without colour; each
command's output must be the lines the block shows under it. Other commands (``head``,
``sed``) run in the same copy, so a page can show a file ``new`` wrote and what an edit does.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import EXAMPLE_SITE, PINNED_EPOCH, ROOT

BLOCK = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Step:
    command: str
    output: str


def _examples() -> list[tuple[str, list[Step]]]:
    """Per page, the steps of its console blocks in order; pages without the command left out."""
    found = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        blocks = BLOCK.findall(path.read_text(encoding="utf-8"))
        steps = [step for block in blocks for step in _steps(block)]
        if any(step.command.startswith("mkdocs-postings ") for step in steps):
            found.append((str(path.relative_to(ROOT)), steps))
    return found


def _steps(block: str) -> list[Step]:
    steps: list[Step] = []
    command, output = None, []
    for line in block.splitlines():
        if line.startswith("$ "):
            if command is not None:
                steps.append(Step(command, "\n".join(output)))
            command, output = line[2:], []
        else:
            output.append(line)
    if command is not None:
        steps.append(Step(command, "\n".join(output)))
    return steps


def _run(command: str, cwd: Path) -> str:
    """``command`` run by bash in ``cwd``, with this environment's ``mkdocs-postings`` first
    on the PATH; what it prints on stdout and stderr."""
    bin_dir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
        "SOURCE_DATE_EPOCH": PINNED_EPOCH,
        "NO_COLOR": "1",
    }
    result = subprocess.run(
        ["bash", "-c", command], cwd=cwd, capture_output=True, text=True, env=env, timeout=120
    )
    return (result.stdout + result.stderr).rstrip("\n")


EXAMPLES = _examples()


def test_the_docs_show_the_commands_output():
    """The docs have examples of each command; without them the test below checks nothing."""
    commands = {
        step.command.split()[1]
        for _, steps in EXAMPLES
        for step in steps
        if step.command.startswith("mkdocs-postings ")
    }
    assert {"check", "list", "new"} <= commands


@pytest.mark.parametrize(("where", "steps"), EXAMPLES, ids=[where for where, _ in EXAMPLES])
def test_example_output_is_what_the_command_prints(tmp_path: Path, where: str, steps: list[Step]):
    site = tmp_path / "example_site"
    shutil.copytree(EXAMPLE_SITE, site, ignore=shutil.ignore_patterns("site", ".cache"))
    for step in steps:
        printed = _run(step.command, site)
        shown = step.output.rstrip("\n")
        assert [line.rstrip() for line in printed.splitlines()] == [
            line.rstrip() for line in shown.splitlines()
        ], f"{where}: `{step.command}` prints:\n{printed}"
