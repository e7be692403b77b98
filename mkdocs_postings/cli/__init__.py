"""The ``mkdocs-postings`` command: ``new``, ``check`` and ``list``, on the build's own code.

One module per command (``new.py``, ``check.py``, ``list.py``), each adding its own arguments
to the parser; ``site.py`` loads a site, MkDocs (``mkdocs_site.py``) or Sphinx
(``sphinx_site.py``), the way its build loads it; ``report.py`` examines every posting as the
build does and prints tables. ``check`` and ``list`` read and never write; ``new`` writes one
posting file and checks it with the same code before it does.

Exit codes: 0 clean, 1 problems (an error, or a warning with ``--fail-on warn``; ``new``: the
file exists), 2 usage errors (bad arguments, no ``mkdocs.yml`` or ``conf.py``, plugin not
configured, a bad setting).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from mkdocs_postings.cli import check, new
from mkdocs_postings.cli import list as list_command
from mkdocs_postings.cli.site import EXIT_OK, EXIT_USAGE, PROG, UsageError
from mkdocs_postings.text import one_line

__all__ = ["main", "parser", "run"]


def parser() -> argparse.ArgumentParser:
    """The command line's parser: each command module adds its own subcommand."""
    main_parser = argparse.ArgumentParser(
        prog=PROG,
        description="Job postings of an MkDocs or Sphinx site: write a new one, check all, "
        "list them.",
        epilog="Exit codes: 0 clean, 1 problems found, 2 usage error.",
    )
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in (new, check, list_command):
        command.register(commands)
    return main_parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except UsageError as error:
        print(f"{PROG}: error: {one_line(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `mkdocs-postings list | head`
        sys.stderr.close()
        return EXIT_OK
    sys.stdout.flush()
    return code


def run() -> None:
    """The console script's entry point."""
    sys.exit(main())
