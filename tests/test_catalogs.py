"""The message catalogs: the template matches labels.py, every catalog translates every string
of the template with the English placeholders, Babel's checks pass, and every ``.mo`` is the
compiled form of its ``.po`` (scripts/catalogs.py does the work; these tests hold it to it)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]


def _load_script():
    spec = importlib.util.spec_from_file_location("catalogs", ROOT / "scripts" / "catalogs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["catalogs"] = module
    spec.loader.exec_module(module)
    return module


catalogs = _load_script()
LANGUAGES = catalogs.languages()


def test_the_template_holds_every_string_of_labels_py():
    assert catalogs.template_problems() == []


def test_the_template_has_every_label_and_plural():
    from mkdocs_postings.publishing.labels import MESSAGES, PLURALS

    contexts = {message.context for message in catalogs.template() if message.id}
    assert contexts == set(MESSAGES) | set(PLURALS)


def test_eleven_catalogs_besides_english():
    assert LANGUAGES == ["ar", "de", "es", "fr", "it", "ja", "nl", "pl", "pt", "sv", "zh"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_catalog_translates_every_string_with_its_placeholders(language):
    catalog = catalogs.read_catalog(language)
    assert catalogs.catalog_problems(language, catalog, catalogs.template()) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_is_the_po_file_compiled(language):
    mo = catalogs.po_path(language).with_suffix(".mo")
    assert mo.read_bytes() == catalogs.compiled(language), (
        f"{mo.relative_to(ROOT)} is stale: run python scripts/catalogs.py compile"
    )


def _broken(language: str, context: str, text):
    catalog = catalogs.read_catalog(language)
    message = next(m for m in catalog if m.context == context)
    message.string = text
    return catalogs.catalog_problems(language, catalog, catalogs.template())


def test_a_missing_translation_is_found():
    problems = _broken("de", "apply", "")
    assert problems == [
        "mkdocs_postings/locale/de/LC_MESSAGES/mkdocs_postings.po: apply: not translated; "
        "run scripts/catalogs.py update, translate"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Bewerbungen bis {frist}.",  # a placeholder the English does not have
        "Bewerbungen bis bald.",  # the deadline left out
        "Bewerbungen bis {deadline.",  # broken
    ],
)
def test_a_broken_placeholder_is_found(text):
    problems = _broken("de", "notice_open_until", text)
    assert len(problems) == 1 and ": notice_open_until: " in problems[0], problems


def test_a_wrong_number_of_plural_forms_is_found():
    problems = _broken("pl", "tag_count", ("{count} ogłoszenie", "{count} ogłoszenia"))
    assert any("plural" in problem for problem in problems), problems


def test_a_plural_form_may_leave_the_number_out():
    assert _broken("de", "tag_count", ("eine Stelle", "{count} Stellen")) == []


def test_a_string_missing_from_a_catalog_is_found():
    catalog = catalogs.read_catalog("fr")
    catalog.delete("Apply", context="apply")
    problems = catalogs.catalog_problems("fr", catalog, catalogs.template())
    assert [p.split(": ", 1)[1] for p in problems] == [
        "apply: not translated; run scripts/catalogs.py update, translate"
    ]


def test_a_stale_compiled_catalog_is_found(tmp_path, monkeypatch):
    locale = tmp_path / "locale"
    shutil.copytree(catalogs.LOCALE, locale)
    monkeypatch.setattr(catalogs, "LOCALE", locale)
    monkeypatch.setattr(catalogs, "TEMPLATE", locale / "mkdocs_postings.pot")
    monkeypatch.setattr(catalogs, "ROOT", tmp_path)
    assert list(catalogs.problems()) == []
    po = catalogs.po_path("it")
    with po.open("rb") as file:
        catalog = read_po(file, locale="it")
    catalog.get("Apply", context="apply").string = "Invia candidatura"
    with po.open("wb") as file:
        write_po(file, catalog, width=76)
    assert list(catalogs.problems()) == [
        "locale/it/LC_MESSAGES/mkdocs_postings.mo: stale or missing; "
        "run scripts/catalogs.py compile"
    ]
    catalogs.compile_all()
    assert list(catalogs.problems()) == []


def test_pybabel_compile_writes_the_committed_files(tmp_path):
    """The usual way, ``pybabel compile``, gives the same bytes as the committed ``.mo``."""
    from babel.messages.frontend import CommandLineInterface

    locale = tmp_path / "locale"
    shutil.copytree(catalogs.LOCALE, locale)
    for mo in locale.glob("*/LC_MESSAGES/*.mo"):
        mo.unlink()
    CommandLineInterface().run(
        ["pybabel", "--quiet", "compile", "-d", str(locale), "-D", "mkdocs_postings"]
    )
    for language in LANGUAGES:
        built = locale / language / "LC_MESSAGES" / "mkdocs_postings.mo"
        assert built.read_bytes() == catalogs.po_path(language).with_suffix(".mo").read_bytes()
