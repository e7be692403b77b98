"""The plugin's message catalogs, with Babel: ``python scripts/catalogs.py COMMAND``.

Commands, each the ``pybabel`` command of the same name with the project's options:

``extract``
    Collect every string marked in ``mkdocs_postings/publishing/labels.py``
    (``message(key, text)`` and ``plural_message(key, singular, plural)``; the key becomes the
    message context) into the
    template ``mkdocs_postings/locale/mkdocs_postings.pot``.
``update``
    Merge the template into every language's ``.po`` (new strings arrive untranslated).
``init LANG``
    Start the catalog of a new language, ``locale/LANG/LC_MESSAGES/mkdocs_postings.po``.
``compile``
    Write each ``.po``'s ``.mo`` next to it (what ``gettext`` reads); the ``.mo`` files are
    committed, so an editable install and a wheel need no build step.
``check``
    Report what ``tests/test_catalogs.py`` fails on: a string of the template missing or
    fuzzy in a catalog, a placeholder that is not the English one's, Babel's own checks
    (plural forms, format strings), a ``.mo`` older than its ``.po``, a template that no longer
    matches ``labels.py``. Exit 1 when there is any.

Needs only Babel, a dependency of the plugin.
"""

from __future__ import annotations

import io
import string
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "mkdocs_postings"
SOURCE = PACKAGE / "publishing" / "labels.py"
LOCALE = PACKAGE / "locale"
DOMAIN = "mkdocs_postings"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
KEYWORDS = {"message": ((1, "c"), 2), "plural_message": ((1, "c"), 2, 3)}
"""The markers of labels.py: ``message:1c,2`` and ``plural_message:1c,2,3`` for pybabel."""


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "--quiet", *args])


def extract() -> None:
    pybabel(
        "extract",
        "--no-default-keywords",
        "--keyword=message:1c,2",
        "--keyword=plural_message:1c,2,3",
        "--add-comments=TRANSLATORS:",
        "--no-location",
        "--project=mkdocs-postings",
        "--copyright-holder=mkdocs-postings developers",
        f"--output-file={TEMPLATE}",
        str(SOURCE),
    )


def update() -> None:
    pybabel(
        "update",
        f"--input-file={TEMPLATE}",
        f"--output-dir={LOCALE}",
        f"--domain={DOMAIN}",
        "--no-fuzzy-matching",
        "--ignore-obsolete",
        "--ignore-pot-creation-date",
    )


def init(language: str) -> None:
    pybabel(
        "init",
        f"--input-file={TEMPLATE}",
        f"--output-dir={LOCALE}",
        f"--domain={DOMAIN}",
        f"--locale={language}",
    )


def languages() -> list[str]:
    """The languages with a catalog (folder names under ``locale/``)."""
    return sorted(p.parent.parent.name for p in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(language: str) -> Catalog:
    with po_path(language).open("rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


def compiled(language: str) -> bytes:
    """The ``.mo`` of a language's ``.po``, as ``pybabel compile`` writes it."""
    out = io.BytesIO()
    write_mo(out, read_catalog(language), use_fuzzy=False)
    return out.getvalue()


def compile_all() -> None:
    for language in languages():
        po_path(language).with_suffix(".mo").write_bytes(compiled(language))


def source_messages() -> set[tuple[str | None, str | tuple[str, str]]]:
    """``(context, id)`` of every string marked in labels.py, as extraction finds them."""
    found = set()
    for _line, msgid, _comments, context in extract_from_file(
        "python", str(SOURCE), keywords=KEYWORDS
    ):
        found.add((context, msgid))
    return found


def template() -> Catalog:
    with TEMPLATE.open("rb") as file:
        return read_po(file, domain=DOMAIN)


def _ids(message: Message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple | list) else [message.id]


def _strings(message: Message) -> list[str]:
    if isinstance(message.string, tuple | list):
        return list(message.string)
    return [message.string]


def placeholders(text: str) -> set[str]:
    """The ``{names}`` of a ``str.format`` template; raises ValueError on a broken one."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _keys(catalog: Catalog) -> set[tuple[str | None, str | tuple[str, str]]]:
    """``(context, id)`` of a catalog's messages, as ``source_messages`` gives them."""
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in catalog if m.id}


def template_problems() -> list[str]:
    """Where the committed template and the strings in labels.py differ."""
    marked, stored = source_messages(), _keys(template())
    rel = TEMPLATE.relative_to(ROOT)
    problems = [
        f"{rel}: lacks {c}={i!r}; run scripts/catalogs.py extract" for c, i in marked - stored
    ]
    problems += [
        f"{rel}: has {c}={i!r}, gone from labels.py; run extract" for c, i in stored - marked
    ]
    return sorted(problems)


def catalog_problems(language: str, catalog: Catalog, pot: Catalog) -> list[str]:
    """What is wrong with one language's catalog against the template."""
    where = po_path(language).relative_to(ROOT)
    problems = []
    for wanted in pot:
        if not wanted.id:
            continue
        found = catalog.get(wanted.id, context=wanted.context)
        name = f"{where}: {wanted.context}"
        strings = _strings(found) if found is not None else []
        if found is None or not any(strings):
            problems.append(f"{name}: not translated; run scripts/catalogs.py update, translate")
            continue
        if found.fuzzy:
            problems.append(f"{name}: marked fuzzy; check the translation, remove the flag")
        if any(not text.strip() for text in strings):
            problems.append(f"{name}: a plural form is empty")
        try:
            english = set().union(*(placeholders(text) for text in _ids(wanted)))
            for text in strings:
                own = placeholders(text)
                # Plural forms may leave the number out ("one opening"); nothing else may.
                allowed = english if len(strings) > 1 else set()
                if own - english or (english - own) - allowed:
                    problems.append(
                        f"{name}: placeholders {sorted(own)} in {text!r}, "
                        f"the English has {sorted(english)}"
                    )
        except ValueError as error:
            problems.append(f"{name}: broken placeholder ({error}) in {strings!r}")
    for message, errors in catalog.check():
        for error in errors:
            problems.append(f"{where}: {message.context}: {error}")
    problems += [
        f"{where}: {c}: not in the template; run update" for c, _ in _keys(catalog) - _keys(pot)
    ]
    return problems


def problems() -> Iterator[str]:
    """Every problem ``check`` reports."""
    yield from template_problems()
    pot = template()
    for language in languages():
        yield from catalog_problems(language, read_catalog(language), pot)
        mo = po_path(language).with_suffix(".mo")
        if not mo.is_file() or mo.read_bytes() != compiled(language):
            yield f"{mo.relative_to(ROOT)}: stale or missing; run scripts/catalogs.py compile"


def main(argv: list[str]) -> int:
    command, *rest = argv or ["check"]
    if command == "extract":
        extract()
    elif command == "update":
        update()
    elif command == "init" and len(rest) == 1:
        init(rest[0])
    elif command == "compile":
        compile_all()
    elif command == "check":
        found = list(problems())
        print("\n".join(found) or f"{len(languages())} catalogs, all complete and compiled")
        return 1 if found else 0
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
