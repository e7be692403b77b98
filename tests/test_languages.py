"""The twelve languages on built sites: notices, dates, countdowns, plural forms, right to left;
the fallback to English for a language without a catalog, and the overrides of ``labels:``."""

from __future__ import annotations

import logging
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from mkdocs_postings.publishing.labels import Labels, catalog_language, catalog_languages

POSTINGS = {
    "openings/open.md": (
        "---\ntitle: Open\ntags: [Lab]\nposting:\n  type: phd\n  deadline: 2027-01-31\n"
        "  start: 2027-04-01\n  apply: https://jobs.example.org/1\n---\n\nText.\n"
    ),
    "openings/second.md": (
        "---\ntitle: Second\ntags: [Lab]\nposting:\n  type: postdoc\n  deadline: 2027-02-28\n"
        "  apply: https://jobs.example.org/2\n---\n\nText.\n"
    ),
    "openings/filled.md": (
        "---\ntitle: Filled\nposting:\n  status: filled\n  deadline: 2027-03-01\n---\n\nText.\n"
    ),
    "openings/past.md": "---\ntitle: Past\nposting:\n  deadline: 2026-06-30\n---\n\nText.\n",
}

# Written out by hand, not computed with the plugin: the open posting's notice (its deadline
# as the language writes date, time and zone), its start date, its countdown (61 days at the
# pinned clock), the filled notice, the "Past openings" heading, and the tag index's "2
# openings" (the Lab tag; its plural form from the catalog).
EXPECTED = {
    "en": (
        "Open for applications until 31 January 2027, 23:59 CET.",
        "1 April 2027",
        "closes in 61 days",
        "This position has been filled.",
        "Past openings",
        "2 openings",
    ),
    "de": (
        "Bewerbungen bis 31. Januar 2027, 23:59 CET.",
        "1. April 2027",
        "endet in 61 Tagen",
        "Diese Stelle ist besetzt.",
        "Frühere Ausschreibungen",
        "2 Stellen",
    ),
    "fr": (
        "Candidatures ouvertes jusqu’au 31 janvier 2027, 23:59 CET.",
        "1 avril 2027",
        "clôture dans 61 jours",
        "Ce poste a été pourvu.",
        "Offres passées",
        "2 offres",
    ),
    "it": (
        "Candidature aperte fino al 31 gennaio 2027, 23:59 CET.",
        "1 aprile 2027",
        "scade tra 61 giorni",
        "Questa posizione è stata coperta.",
        "Annunci passati",
        "2 posizioni",
    ),
    "es": (
        "Solicitudes abiertas hasta el 31 de enero de 2027, 23:59 CET.",
        "1 de abril de 2027",
        "cierra dentro de 61 días",
        "Este puesto ya está cubierto.",
        "Ofertas anteriores",
        "2 ofertas",
    ),
    "pt": (
        "Candidaturas abertas até 31 de janeiro de 2027 23:59 CET.",
        "1 de abril de 2027",
        "encerra em 61 dias",
        "Esta vaga já foi preenchida.",
        "Anúncios anteriores",
        "2 vagas",
    ),
    "nl": (
        "Solliciteren kan tot 31 januari 2027, 23:59 CET.",
        "1 april 2027",
        "sluit over 61 dagen",
        "Deze vacature is vervuld.",
        "Eerdere vacatures",
        "2 vacatures",
    ),
    "sv": (
        "Ansök senast 31 januari 2027 23:59 CET.",
        "1 april 2027",
        "stänger om 61 dagar",
        "Tjänsten är tillsatt.",
        "Tidigare annonser",
        "2 annonser",
    ),
    "pl": (
        "Zgłoszenia przyjmujemy do 31 stycznia 2027, 23:59 CET.",
        "1 kwietnia 2027",
        "kończy się za 61 dni",
        "To stanowisko zostało obsadzone.",
        "Wcześniejsze ogłoszenia",
        "2 ogłoszenia",
    ),
    "zh": (
        "申请截止时间：2027年1月31日 23:59 CET。",
        "2027年4月1日",
        "61天后截止",
        "该职位已招满。",
        "往期招聘",
        "2 个职位",
    ),
    "ja": (
        "2027年1月31日 23:59 CETまで応募を受け付けています。",
        "2027年4月1日",
        "61 日後締切",
        "この公募は採用者が決定しました。",
        "過去の公募",
        "2 件",
    ),
    "ar": (
        "باب التقديم مفتوح حتى 31 يناير 2027، 11:59 م CET.",
        "1 أبريل 2027",
        "ينتهي التقديم خلال 61 يومًا",
        "شُغلت هذه الوظيفة.",
        "إعلانات سابقة",
        "وظيفتان",
    ),
}


def test_twelve_languages_have_a_catalog():
    assert set(catalog_languages()) == set(EXPECTED)
    assert len(EXPECTED) == 12


def _build(make_site, language: str, **options: object):
    site = make_site(extra={"theme": {"name": "material", "language": language}}, **options)
    for path, text in POSTINGS.items():
        site.write(path, text)
    site.build()
    return site


@pytest.mark.parametrize("language", list(EXPECTED))
def test_each_language_shows_its_notice_dates_and_plurals(make_site, language):
    notice, start, countdown, filled, past, count = EXPECTED[language]
    site = _build(make_site, language)

    page = site.page("openings/open/")
    assert page.select_one(".postings-notice p:not(.admonition-title)").get_text() == notice
    assert page.select_one(".postings-fact--start dd").get_text(strip=True) == start
    assert page.select_one(".postings-countdown").get_text(strip=True) == countdown
    filled_notice = site.page("openings/filled/").select_one(".postings-notice")
    assert filled_notice.select("p")[-1].get_text(strip=True) == filled

    cards = site.page("openings/")
    assert past in [h.get_text(strip=True) for h in cards.select("h2")]
    apply = page.select_one("a.postings-apply").get_text(strip=True)
    assert cards.select_one(".postings-card a.postings-apply").get_text(strip=True) == apply
    assert apply != "Apply" or language == "en"
    index = site.page("openings/tags/")
    assert index.select_one(".postings-count").get_text() == count
    # Material writes the direction of the language; Arabic reads right to left.
    assert cards.select_one("body")["dir"] == ("rtl" if language == "ar" else "ltr")


@pytest.mark.parametrize(
    ("number", "expected"),
    [(1, "وظيفة واحدة"), (2, "وظيفتان"), (5, "5 وظائف"), (11, "11 وظيفة"), (100, "100 وظيفة")],
)
def test_plural_forms_come_from_the_catalog(number, expected):
    """Arabic has six plural forms; the catalog's Plural-Forms header picks one."""
    assert Labels("ar").count("tag_count", number) == expected


@pytest.mark.parametrize(
    ("tag", "catalog"),
    [
        ("de", "de"),
        ("de-CH", "de"),
        ("DE_at", "de"),
        ("pt-BR", "pt"),
        ("zh", "zh"),
        ("zh-CN", "zh"),
        ("zh_Hans", "zh"),
        ("zh-Hant", None),  # Traditional script: the zh catalog is Simplified
        ("zh-TW", None),
        ("ar", "ar"),
        ("en-US", "en"),
        ("ko", None),
        ("", "en"),
    ],
)
def test_a_language_tag_finds_its_catalog(tag, catalog):
    assert catalog_language(tag) == catalog


def test_a_regional_tag_keeps_its_own_date_and_number_forms():
    swiss = Labels("de-CH")
    assert swiss["apply"] == "Bewerben"
    assert swiss.number(80000) == "80'000"
    assert Labels("de").number(80000) == "80.000"
    zurich = datetime(2027, 1, 31, 23, 59, tzinfo=ZoneInfo("Europe/Zurich"))
    assert Labels("pt-BR").deadline(zurich) == "31 de janeiro de 2027 23:59 CET"
    assert Labels("en").date(date(2027, 1, 31)) == "31 January 2027"


def _warnings(caplog) -> list[str]:
    """The warnings of a build, without the logger's "mkdocs_postings: " prefix."""
    return [
        r.getMessage().removeprefix("mkdocs_postings: ")
        for r in caplog.records
        if r.levelno == logging.WARNING
    ]


@pytest.mark.parametrize(
    ("theme_language", "option", "named"),
    [
        ("ko", None, "theme.language: no catalog for 'ko'"),
        ("zh-Hant", None, "theme.language: no catalog for 'zh-Hant'"),
        ("de", "tlh", "plugins.postings.language: no catalog for 'tlh'"),
    ],
)
def test_a_language_without_catalog_is_english_with_one_warning(
    make_site, caplog, theme_language, option, named
):
    options = {"language": option} if option else {}
    site = make_site(extra={"theme": {"name": "material", "language": theme_language}}, **options)
    site.write("openings/open.md", POSTINGS["openings/open.md"])
    with caplog.at_level(logging.WARNING):
        site.build(strict=False)
    about_language = [w for w in _warnings(caplog) if "no catalog" in w]
    assert len(about_language) == 1, about_language
    assert about_language[0].startswith(f"mkdocs.yml: {named}")
    assert "\n" not in about_language[0] and "language:" in about_language[0]
    page = site.page("openings/open/")
    assert page.select_one("a.postings-apply").get_text(strip=True) == "Apply"


def test_a_language_with_catalog_builds_strict_without_warning(make_site, caplog):
    with caplog.at_level(logging.WARNING):
        _build(make_site, "pl")
    assert _warnings(caplog) == []


def test_overrides_replace_labels_and_plurals(make_site):
    site = _build(
        make_site,
        "es",
        labels={
            "apply": "Enviar solicitud",
            "tag_count": "{count} en total",
            "closes": "{relative}",
        },
    )
    page = site.page("openings/open/")
    assert page.select_one("a.postings-apply").get_text(strip=True) == "Enviar solicitud"
    assert page.select_one(".postings-countdown").get_text(strip=True) == "dentro de 61 días"
    assert page.select_one(".postings-fact--deadline dt").get_text(strip=True) == "Plazo"
    index = site.page("openings/tags/")
    assert index.select_one(".postings-count").get_text() == "2 en total"


def test_an_unknown_label_key_is_one_warning_naming_it(make_site, caplog):
    site = make_site(labels={"aply": "Apply now"})
    site.write("openings/open.md", POSTINGS["openings/open.md"])
    with caplog.at_level(logging.WARNING):
        site.build(strict=False)
    about = [w for w in _warnings(caplog) if "aply" in w]
    assert len(about) == 1 and about[0].startswith("mkdocs.yml: labels.aply:"), about


def test_the_calendar_names_deadlines_in_the_language(make_site):
    site = _build(make_site, "de")
    calendar = (site.out / "openings/deadlines.ics").read_text(encoding="utf-8")
    assert "SUMMARY:Bewerbungsfrist: Open" in calendar


def _fact(make_site, language: str, details: str, fact: str) -> str:
    """The facts box's ``fact`` on a one-posting site in ``language``; ``details`` are the
    front-matter lines under ``posting:`` besides its deadline and apply target."""
    site = make_site(extra={"theme": {"name": "material", "language": language}})
    site.write(
        "openings/one.md",
        f"---\ntitle: One\nposting:\n  deadline: 2027-01-31\n{details}"
        "  apply: https://jobs.example.org/one\n---\n\nText.\n",
    )
    site.build()
    return site.page("openings/one/").select_one(f".postings-fact--{fact} dd").get_text(strip=True)


def test_salaries_are_written_as_the_language_writes_numbers(make_site):
    details = "  salary: {currency: EUR, min: 52000, max: 61000, unit: YEAR}\n"
    assert _fact(make_site, "de", details, "salary") == "EUR 52.000–61.000 / Jahr"


def test_the_languages_page_lists_every_label_key_and_language():
    from conftest import ROOT

    from mkdocs_postings.publishing.labels import MESSAGES, PLURALS

    page = (ROOT / "docs" / "languages.md").read_text(encoding="utf-8")
    missing = [key for key in [*MESSAGES, *PLURALS] if f"| `{key}` |" not in page]
    assert missing == [], f"docs/languages.md lacks the keys {missing}"
    assert all(f"| `{code}` |" in page for code in catalog_languages())


def test_lists_in_the_facts_box_take_the_language_separator(make_site):
    details = "  employment_type: [FULL_TIME, TEMPORARY]\n"
    assert _fact(make_site, "ar", details, "employment") == "دوام كامل، مؤقت"


def test_check_reports_a_language_without_catalog_as_the_build_does(make_site):
    from test_cli import cli

    site = make_site(extra={"theme": {"name": "material", "language": "ko"}})
    site.write("openings/open.md", POSTINGS["openings/open.md"])
    result = cli(site, "check", "--fail-on", "warn")
    assert result.returncode == 1
    warnings = [line for line in result.stdout.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1 and "theme.language: no catalog for 'ko'" in warnings[0]
    assert warnings[0] in site.run_mkdocs().stderr.splitlines()
