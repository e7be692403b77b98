"""Every UI string of the plugin, its translations from gettext catalogs, and dates per language.

The strings are written here in English, each under a key (``apply``, ``notice_open_until``);
``scripts/catalogs.py extract`` collects them with Babel into ``locale/mkdocs_postings.pot``,
with the key as the message context. Each language is one catalog,
``locale/<lang>/LC_MESSAGES/mkdocs_postings.po``, compiled to the ``.mo`` next to it, which is
what ``gettext`` reads at build time. A site picks the language with ``theme.language`` (or the
plugin's ``language`` option) and may replace any string by its key with ``labels:``. Strings
with ``{placeholders}`` are filled by the templates; all of them are escaped on output.
Dates, times, numbers and "in 5 days" come from Babel in the same language.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_time, format_timedelta
from babel.numbers import format_decimal

from mkdocs_postings import expiry

__all__ = ["DOMAIN", "LOCALE_DIR", "MESSAGES", "PLURALS", "Labels", "catalog_languages"]

DOMAIN = "mkdocs_postings"
"""The gettext domain: the catalogs' file name."""

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
"""``<lang>/LC_MESSAGES/mkdocs_postings.mo`` per language; English is the source language."""

SOURCE_LANGUAGE = "en"


def message(key: str, text: str) -> tuple[str, str]:
    """Mark ``text`` for translation (Babel keyword ``message:1c,2``: the key is the context)."""
    return key, text


def plural_message(key: str, singular: str, plural: str) -> tuple[str, tuple[str, str]]:
    """Mark a string with plural forms (Babel keyword ``plural_message:1c,2,3``)."""
    return key, (singular, plural)


MESSAGES: Mapping[str, str] = dict(
    [
        message("employer", "Employer"),
        message("employment", "Employment"),
        message("employment_FULL_TIME", "Full time"),
        message("employment_PART_TIME", "Part time"),
        message("employment_CONTRACTOR", "Contractor"),
        message("employment_TEMPORARY", "Temporary"),
        message("employment_INTERN", "Internship"),
        message("employment_VOLUNTEER", "Volunteer"),
        message("employment_PER_DIEM", "Per diem"),
        message("employment_OTHER", "Other"),
        # TRANSLATORS: Badges and notice titles: the status of a posting.
        message("status_open", "Open"),
        message("status_closing_soon", "Closing soon"),
        message("status_closed", "Closed"),
        message("status_filled", "Filled"),
        message("status_cancelled", "Cancelled"),
        message("apply", "Apply"),
        message("apply_email", "Apply by e-mail"),
        message("facts", "Key facts"),
        # TRANSLATORS: Facts box labels (a definition list): short nouns.
        message("type", "Position"),
        message("location", "Location"),
        message("start", "Start"),
        message("duration", "Duration"),
        message("deadline", "Deadline"),
        message("reference", "Reference"),
        message("positions", "Positions"),
        message("salary", "Salary"),
        message("contact", "Contact"),
        message("remote", "Work mode"),
        message("tags", "Tags"),
        message("rolling", "Open until filled"),
        # TRANSLATORS: Above a draft's page in `mkdocs serve`; "draft: true" is front matter.
        message("draft", "Draft"),
        message(
            "draft_notice",
            "Not published yet: only this preview shows it. To publish it, delete draft: "
            "true from its front matter.",
        ),
        message("type_phd", "PhD position"),
        message("type_postdoc", "Postdoc"),
        message("type_research_assistant", "Research assistant"),
        message("type_engineer", "Engineer"),
        message("type_technician", "Technician"),
        message("type_student", "Student position"),
        message("type_internship", "Internship"),
        message("type_faculty", "Faculty"),
        message("type_other", "Position"),
        message("remote_onsite", "On site"),
        message("remote_hybrid", "Hybrid"),
        message("remote_remote", "Remote"),
        message("notice_open", "Open for applications."),
        # TRANSLATORS: {deadline} is a date with time and zone, e.g. "31 January 2027, 23:59 CET".
        message("notice_open_until", "Open for applications until {deadline}."),
        message("notice_rolling", "Open until filled: applications are reviewed as they arrive."),
        # TRANSLATORS: {deadline} as in notice_open_until.
        message("notice_closing_soon", "Closing soon: applications close on {deadline}."),
        # TRANSLATORS: {deadline} as in notice_open_until.
        message("notice_closed", "This position is closed: applications closed on {deadline}."),
        message("notice_closed_undated", "This position is closed."),
        message("notice_aged", "Posted in {month} and no longer open."),
        message("deadline_read", "{deadline} (read from the text)"),
        message("notice_filled", "This position has been filled."),
        message("notice_cancelled", "This posting has been cancelled."),
        # TRANSLATORS: {relative} is Babel's "in 5 days", or the "today" / "tomorrow" below.
        message("closes", "closes {relative}"),
        message("today", "today"),
        message("tomorrow", "tomorrow"),
        message("closed", "closed"),
        # TRANSLATORS: A heading above the open cards.
        message("open_positions", "Open positions"),
        message("past_openings", "Past openings"),
        message("no_openings", "There are no open positions at the moment."),
        message("filter_all", "All"),
        message("filter_type", "Type"),
        message("filter_tag", "Tag"),
        # TRANSLATORS: Filter chips by source on a department board: one chip per lab.
        message("filter_source", "Lab"),
        message("all_tags", "All tags"),
        # TRANSLATORS: A tag page's title; {tag} is the tag's name.
        message("tag_title", "Openings tagged “{tag}”"),
        message("openings_title", "Openings"),
        message("follow", "Follow these openings"),
        message("feed", "Subscribe (Atom feed)"),
        message("calendar", "Deadlines calendar"),
        message("apply_source", "Apply link"),
        # TRANSLATORS: A note in the facts box; {where} is one of the found_* strings.
        message(
            "apply_found",
            "Source: {where}. "
            "The posting names other ways to apply too; please read it before applying.",
        ),
        # TRANSLATORS: {where} as in apply_found.
        message("apply_guessed", "Source: {where}. Please check the posting before applying."),
        # TRANSLATORS: {detail} is the heading of the posting's own section, e.g. "How to apply".
        message("found_section", "the “{detail}” section"),
        message("found_front_matter", "the posting's details"),
        message("found_sentence", "the text of the posting"),
        message("found_mailto", "the first e-mail link in the text"),
        message("found_email", "an e-mail address in the text"),
        message("found_url", "a web address in the text"),
        message("found_only_link", "the only link in the text"),
        message("found_front_matter_text", "the posting's details"),
        # TRANSLATORS: Between the items of a list in the facts box ("Full time, Temporary").
        message("list_separator", ", "),
        # TRANSLATORS: An event's name in the calendar of deadlines; {title} is the posting's.
        message("calendar_event", "Deadline: {title}"),
        # TRANSLATORS: After an amount of salary: "CHF 80,000 / year".
        message("salary_unit_HOUR", "hour"),
        message("salary_unit_DAY", "day"),
        message("salary_unit_WEEK", "week"),
        message("salary_unit_MONTH", "month"),
        message("salary_unit_YEAR", "year"),
    ]
)
"""Every UI string in English, by key: the keys a site's ``labels:`` may replace."""

PLURALS: Mapping[str, tuple[str, str]] = dict(
    [
        # TRANSLATORS: The number of postings a tag page lists, in the index of tags.
        plural_message("tag_count", "{count} opening", "{count} openings"),
    ]
)
"""Strings with plural forms (``ngettext``), by key; ``{count}`` is the number."""

_BABEL_LOCALE = {"en": "en_GB"}
"""Babel locale of a bare language code where it is not the language itself."""

_TRADITIONAL_CHINESE = ("zh_hant", "zh_tw", "zh_hk", "zh_mo")
"""Material's ``zh-Hant`` and ``zh-TW``: the ``zh`` catalog is Simplified Chinese."""


@cache
def catalog_languages() -> tuple[str, ...]:
    """The languages with a compiled catalog, plus English (the source), sorted."""
    found = {
        folder.name
        for folder in LOCALE_DIR.iterdir()
        if (folder / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
    }
    return tuple(sorted(found | {SOURCE_LANGUAGE}))


def catalog_language(tag: str) -> str | None:
    """The catalog for a language tag ("de", "pt-BR", "zh_CN"): the tag itself, else its
    language; None when there is none (Traditional Chinese has none: ``zh`` is Simplified)."""
    name = tag.strip().replace("-", "_")
    if not name:
        return SOURCE_LANGUAGE
    parts = name.split("_")
    exact = "_".join([parts[0].lower(), *parts[1:]])
    available = catalog_languages()
    if exact in available:
        return exact
    if name.lower().startswith(_TRADITIONAL_CHINESE):
        return None
    base = parts[0].lower()
    return base if base in available else None


@cache
def _translations(language: str) -> gettext.NullTranslations:
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])


def _babel_locale(tag: str, language: str) -> Locale:
    """Babel's locale for dates: the site's own tag when Babel knows it ("de-CH", "pt-BR"),
    else the catalog's language."""
    name = tag.strip().replace("-", "_")
    if "_" in name:
        try:
            locale = Locale.parse(name)
        except (ValueError, UnknownLocaleError):
            pass
        else:
            if locale.language == language.split("_")[0]:
                return locale
    return Locale.parse(_BABEL_LOCALE.get(language, language))


class _Missing(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Labels:
    """UI strings and date formatting for one language, with a site's overrides.

    ``unknown_language`` is the language asked for when it has no catalog (the strings are
    then English); adapters warn about it once.
    """

    def __init__(self, language: str = "en", overrides: Mapping[str, str] | None = None) -> None:
        requested = str(language or SOURCE_LANGUAGE)
        found = catalog_language(requested)
        self.unknown_language = None if found else requested
        self.language = found or SOURCE_LANGUAGE
        translations = _translations(self.language)
        self._translations = translations
        self.strings: dict[str, str] = {
            key: translations.pgettext(key, text) for key, text in MESSAGES.items()
        }
        self._overrides = dict(overrides or {})
        self.strings.update(self._overrides)
        self._locale = _babel_locale(requested, self.language) if found else Locale("en", "GB")
        self.direction = "rtl" if self._locale.text_direction == "rtl" else "ltr"
        # Babel is slow per call and postings share dates: format each value once.
        self._dates: dict[date, str] = {}
        self._times: dict[tuple[int, int], str] = {}
        self._relative: dict[int, str] = {}
        self._datetime_pattern = str(self._locale.datetime_formats["medium"])

    @staticmethod
    def unknown_keys(overrides: Mapping[str, str]) -> list[str]:
        """Override keys that name no UI string (a typo in ``labels:``)."""
        return [key for key in overrides if key not in MESSAGES and key not in PLURALS]

    def __getitem__(self, key: str) -> str:
        return self.strings[key]

    def fill(self, key: str, **values: str) -> str:
        """The string ``key`` with its ``{placeholders}`` filled; a site's override with an
        unknown or broken placeholder is shown as written rather than failing the build."""
        return _filled(self.strings[key], values)

    def count(self, key: str, number: int) -> str:
        """The plural string ``key`` for ``number`` (the catalog's plural forms), filled."""
        template = self._overrides.get(key)
        if template is None:
            singular, plural = PLURALS[key]
            template = self._translations.npgettext(key, singular, plural, number)
        return _filled(template, {"count": self.number(number)})

    def number(self, value: float) -> str:
        """A whole number as this language writes it: "80,000", "80.000"."""
        return format_decimal(value, format="#,##0", locale=self._locale)

    def month(self, value: date) -> str:
        """A month and year as this language writes it: "August 2017", "août 2017"."""
        return format_skeleton("yMMMM", value, locale=self._locale)

    def date(self, value: date) -> str:
        """A date as a reader of this language writes it: "31 January 2027"."""
        text = self._dates.get(value)
        if text is None:
            text = self._dates[value] = format_date(value, format="long", locale=self._locale)
        return text

    def time(self, value: time) -> str:
        """A time of day in this language's short form: "23:59"."""
        key = (value.hour, value.minute)
        text = self._times.get(key)
        if text is None:
            text = self._times[key] = format_time(
                time(value.hour, value.minute), format="short", locale=self._locale
            )
        return text

    def deadline(self, moment: datetime) -> str:
        """A deadline with its time and zone: "31 January 2027, 23:59 CET"."""
        when = self._datetime_pattern.replace("{1}", self.date(moment.date()))
        when = when.replace("{0}", self.time(moment.time()))
        return f"{when} {expiry.zone_label(moment)}"

    def relative_days(self, days: int) -> str:
        """ "today", "tomorrow", "in 5 days" in this language."""
        if days == 0:
            return self.strings["today"]
        if days == 1:
            return self.strings["tomorrow"]
        text = self._relative.get(days)
        if text is None:
            text = self._relative[days] = format_timedelta(
                timedelta(days=days),
                granularity="day",
                threshold=1e9,
                add_direction=True,
                locale=self._locale,
            )
        return text

    def countdown(self, days: int) -> str:
        """ "closes in 5 days" / "closes today" / "closed"."""
        if days < 0:
            return self.strings["closed"]
        return self.fill("closes", relative=self.relative_days(days))


def _filled(template: str, values: Mapping[str, str]) -> str:
    try:
        return template.format_map(_Missing(values))
    except (ValueError, IndexError, AttributeError):
        return template
