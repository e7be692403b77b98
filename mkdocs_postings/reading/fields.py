"""Reading front-matter values one field at a time, each error naming the file and the field.

``FieldReader`` holds the file's name and its warnings; one ``read_*`` function per structured
field (location, salary, apply, contact, positions, employment type, remote, tags, status).
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from mkdocs_postings import expiry
from mkdocs_postings.expiry import Status
from mkdocs_postings.model import (
    EMPLOYMENT_TYPES,
    MAX_POSITIONS,
    MAX_TAGS,
    MAX_UNKNOWN_KEYS,
    SAFE_SCHEMES,
    SALARY_UNITS,
    TYPE_ALIASES,
    Apply,
    Contact,
    Location,
    PostingError,
    PostingType,
    Problem,
    Remote,
    Salary,
)
from mkdocs_postings.text import plain_or_none, without_controls

__all__ = [
    "FieldReader",
    "location_from_config",
    "location_from_value",
]


class FieldReader:
    """Reads one posting's front matter, raising ``PostingError`` that name file and field."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.warnings: list[Problem] = []

    def fail(self, field_name: str, message: str) -> PostingError:
        return PostingError(self.src, field_name, message)

    def warn(self, field_name: str, message: str) -> None:
        self.warnings.append(Problem(self.src, field_name, message))

    def note(self, field_name: str, message: str) -> None:
        """A reading the lab should know about, not a mistake (an info line)."""
        self.warnings.append(Problem(self.src, field_name, message, level="info"))

    def text(self, value: Any, field_name: str, *, allow_number: bool = True) -> str | None:
        if value is None:
            return None
        if isinstance(value, bool):
            raise self.fail(field_name, f"expected text, got {value!r}; put the text in quotes")
        if isinstance(value, str):
            cleaned = without_controls(value).strip()
            return cleaned or None
        if allow_number and isinstance(value, int | float):
            return str(value)
        if isinstance(value, date):
            return value.isoformat()
        raise self.fail(field_name, f"expected text, got a {kind_of(value)}")

    def chosen(self, value: Any, field_name: str, allowed: Sequence[str]) -> str:
        """A value from a fixed list, as written: text, never empty. Left empty (``""``,
        spaces, or nothing after the colon) it is an error like an unknown value, since
        the author meant to choose and did not."""
        text = self.text(value, field_name, allow_number=False)
        if text is None:
            raise self.fail(field_name, f"is empty; write one of: {', '.join(allowed)}")
        return text

    def filled(self, value: Any, field_name: str, example: str) -> Mapping[str, Any] | str:
        """A mapping or a text that must say something: ``{}`` or ``""`` is an error."""
        if isinstance(value, Mapping):
            if not any(item not in (None, "") for item in value.values()):
                raise self.fail(field_name, f"is empty; write e.g. {example}, or remove it")
            return value
        text = self.text(value, field_name)
        if text is None:
            raise self.fail(field_name, f"is empty; write e.g. {example}, or remove it")
        return text

    def strings(self, value: Any, field_name: str) -> tuple[str, ...]:
        """A list of strings; a single string (Hugo/Jekyll style) counts as a list of one."""
        if value is None:
            return ()
        items = value if isinstance(value, list | tuple) else [value]
        out: list[str] = []
        for item in items:
            if isinstance(item, Mapping | list | tuple):
                raise self.fail(
                    field_name, f"expected a list of names, got a {kind_of(item)} inside it"
                )
            text = self.text(item, field_name)
            if text and text not in out:
                out.append(text)
        return tuple(out)

    def boolean(self, value: Any, field_name: str, default: bool) -> bool:
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        raise self.fail(field_name, f"expected true or false, got {value!r}")

    def mapping(self, value: Any, field_name: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(field_name, f"expected a mapping of keys, got a {kind_of(value)}")
        return value

    def when(self, value: Any, field_name: str) -> date | datetime:
        try:
            return expiry.parse_date_value(value)
        except ValueError as error:
            raise self.fail(field_name, str(error)) from None

    def url(self, value: Any, field_name: str) -> str:
        """An http(s) or mailto URL; a bare e-mail address becomes a mailto."""
        text = self.text(value, field_name, allow_number=False) or ""
        if _EMAIL.fullmatch(text):
            return f"mailto:{text}"
        scheme = urlsplit(text).scheme.lower() if ":" in text else ""
        if scheme not in SAFE_SCHEMES or not _has_target(text, scheme):
            raise self.fail(
                field_name,
                f"{text!r} is not a web or e-mail address; use a full https:// link, "
                "a mailto: link or an e-mail address",
            )
        return text

    def email(self, value: Any, field_name: str) -> str:
        text = self.text(value, field_name, allow_number=False) or ""
        if text.lower().startswith("mailto:"):
            text = text[len("mailto:") :]
        if not _EMAIL.fullmatch(text):
            raise self.fail(field_name, f"{text!r} is not an e-mail address (name@example.org)")
        return text

    def known_keys(self, mapping: Mapping[str, Any], field_name: str, keys: Sequence[str]) -> None:
        unknown = [key for key in mapping if key not in keys]
        if not unknown:
            return
        if len(unknown) > MAX_UNKNOWN_KEYS:  # one line, not thousands, for a pasted blob
            self.warn(
                field_name,
                f"{len(unknown)} unknown keys ({', '.join(map(key_text, unknown[:3]))}, ...), "
                f"ignored; known keys: {', '.join(keys)}",
            )
            return
        import difflib  # only for a posting with unknown keys

        for key in unknown:
            hint = difflib.get_close_matches(str(key), keys, n=1)
            suggestion = f"did you mean {hint[0]!r}?" if hint else f"known keys: {', '.join(keys)}"
            self.warn(f"{field_name}.{key_text(key)}", f"unknown key, ignored; {suggestion}")


_EMAIL = re.compile(r"[^@\s<>\"'()\[\],;:]+@[^@\s<>\"'()\[\],;:]+\.[A-Za-z]{2,}")
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}\b")


def key_text(key: object) -> str:
    """A front-matter key as the author would recognise it; quoted if it is not plain."""
    text = str(key)
    return text if text.isprintable() and text.strip() == text and text else repr(text)


def _has_target(text: str, scheme: str) -> bool:
    if scheme == "mailto":
        return bool(_EMAIL.fullmatch(text[len("mailto:") :].split("?", 1)[0]))
    return bool(urlsplit(text).netloc)


def kind_of(value: Any) -> str:
    if isinstance(value, Mapping):
        return "mapping"
    if isinstance(value, list | tuple):
        return "list"
    if isinstance(value, bool):
        return "true/false value"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, date):
        return "date"
    return type(value).__name__


def read_choice(
    reader: FieldReader,
    value: Any,
    field_name: str,
    enum_type: type[enum.StrEnum],
    aliases: Mapping[str, Any] | None = None,
) -> Any:
    allowed = [member.value for member in enum_type]
    text = reader.chosen(value, field_name, allowed)
    key = text.lower()
    normalized = key.replace("-", "_").replace(" ", "_")
    for candidate in (key, normalized):
        if aliases and candidate in aliases:
            return aliases[candidate]
        try:
            return enum_type(candidate)
        except ValueError:
            continue
    raise reader.fail(field_name, f"{text!r} is not one of: {', '.join(allowed)}")


def read_types(reader: FieldReader, value: Any, field_name: str) -> tuple[PostingType, ...]:
    """``type:`` as written: one kind, or the list of kinds a page offers (``[phd, postdoc]``),
    each once; ``other`` beside named kinds is left out."""
    if not isinstance(value, list | tuple):
        return (read_choice(reader, value, field_name, PostingType, TYPE_ALIASES),)
    if not value:
        allowed = ", ".join(member.value for member in PostingType)
        raise reader.fail(field_name, f"is an empty list; write one of: {allowed}")
    kinds: list[PostingType] = []
    for item in value:
        if isinstance(item, Mapping | list | tuple):
            raise reader.fail(
                field_name, f"expected a type or a list of types, got a {kind_of(item)} inside it"
            )
        kinds.append(read_choice(reader, item, field_name, PostingType, TYPE_ALIASES))
    unique = tuple(dict.fromkeys(kinds))
    return tuple(kind for kind in unique if kind is not PostingType.OTHER) or unique


def read_tags(reader: FieldReader, value: Any) -> tuple[str, ...]:
    tags = reader.strings(value, "tags")
    if len(tags) > MAX_TAGS:
        # Every tag page shows the card with all its chips: tags x tags of HTML otherwise.
        reader.warn(
            "tags",
            f"{len(tags)} tags; only the first {MAX_TAGS} are used. Keep a posting to a few "
            "tags that candidates would filter by",
        )
        tags = tags[:MAX_TAGS]
    return tags


_DECLARED = {
    "open": Status.OPEN,
    "filled": Status.FILLED,
    "cancelled": Status.CANCELLED,
    "canceled": Status.CANCELLED,
    "closed": Status.CLOSED,
}


_STATUSES = ("open", "filled", "cancelled", "closed")


def read_declared_status(reader: FieldReader, value: Any, name: str, given: bool) -> Status:
    """``status:`` as written; open when the line is absent (``given`` false)."""
    if not given:
        return Status.OPEN
    text = reader.chosen(value, name, _STATUSES)
    try:
        return _DECLARED[text.lower()]
    except KeyError:
        raise reader.fail(
            name,
            f"{text!r} is not one of: open, filled, cancelled, closed "
            "(a passed deadline closes a posting by itself)",
        ) from None


def read_start(reader: FieldReader, value: Any, name: str) -> date | str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = reader.text(value, name)
    if text:
        try:
            parsed = expiry.parse_date_value(text)
        except ValueError as error:
            if _DATE_LIKE.match(text):  # 2027-02-30: meant as a date, and wrong
                raise reader.fail(name, str(error)) from None
            return text  # free text such as "as soon as possible"
        return parsed.date() if isinstance(parsed, datetime) else parsed
    return None


def read_positions(reader: FieldReader, value: Any, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise reader.fail(name, f"expected a whole number of positions, got {value!r}")
    if not 1 <= value <= MAX_POSITIONS:
        raise reader.fail(
            name, f"{value} is not a number of positions between 1 and {MAX_POSITIONS}"
        )
    return value


def read_employment(reader: FieldReader, value: Any, name: str, given: bool) -> tuple[str, ...]:
    """``employment_type:`` as written (one or a list); () when the line is absent."""
    if not given:
        return ()
    items = value if isinstance(value, list | tuple) else [value]
    if not items or any(reader.text(item, name) is None for item in items):
        raise reader.fail(name, f"is empty; write one of: {', '.join(EMPLOYMENT_TYPES)}")
    out = []
    for item in reader.strings(value, name):
        normalized = item.upper().replace("-", "_").replace(" ", "_")
        if normalized not in EMPLOYMENT_TYPES:
            raise reader.fail(name, f"{item!r} is not one of: {', '.join(EMPLOYMENT_TYPES)}")
        out.append(normalized)
    return tuple(out)


def read_remote(reader: FieldReader, value: Any, name: str) -> Remote:
    if isinstance(value, bool):
        return Remote.REMOTE if value else Remote.ONSITE
    return read_choice(
        reader, value, name, Remote, {"on_site": Remote.ONSITE, "on-site": Remote.ONSITE}
    )


_LOCATION_KEYS = ("locality", "region", "country", "postal_code", "street_address")


def location_from_value(reader: FieldReader, value: Any, name: str) -> Location | None:
    """A location as written: a place name, or ``{locality:, region:, country:, …}`` (a
    posting's ``location``, the site-wide option)."""
    if value is None:
        return None
    value = reader.filled(value, name, "{locality: Zurich, country: CH}")
    if isinstance(value, str):
        return Location(locality=value)
    mapping = reader.mapping(value, name)
    reader.known_keys(mapping, name, _LOCATION_KEYS)
    country = reader.text(mapping.get("country"), f"{name}.country")
    return Location(
        locality=reader.text(mapping.get("locality"), f"{name}.locality"),
        region=reader.text(mapping.get("region"), f"{name}.region"),
        country=country.upper() if country and len(country) == 2 else country,
        postal_code=reader.text(mapping.get("postal_code"), f"{name}.postal_code"),
        street_address=reader.text(mapping.get("street_address"), f"{name}.street_address"),
    )


def location_from_config(value: Any, file: str = "mkdocs.yml") -> tuple[Location | None, list[str]]:
    """The site-wide ``location`` option, validated like a posting's ``location``; with the
    warnings (unknown keys) as messages without the file's name."""
    reader = FieldReader(file)
    location = location_from_value(reader, value, "location")
    return location, [f"{w.field}: {w.message}" for w in reader.warnings]


def _number(reader: FieldReader, value: Any, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise reader.fail(name, f"expected a number such as 80000, got {value!r}")
    if isinstance(value, float) and not math.isfinite(value):  # YAML's .nan, a listing's NaN
        raise reader.fail(name, f"{value} is not a number; write an amount like 3500")
    if value < 0:
        raise reader.fail(name, f"{value} is negative")
    if value > _LARGEST_AMOUNT:
        raise reader.fail(name, f"{value:g} is larger than any salary; write an amount like 3500")
    return value


_LARGEST_AMOUNT = 10**15
"""Larger than a yearly salary in any currency (a million million); beyond 10**28 the
numbers cannot even be written in the page's language."""


def read_salary(reader: FieldReader, value: Any, name: str) -> Salary | None:
    if value is None:
        return None
    value = reader.filled(value, name, "{currency: CHF, min: 80000, unit: YEAR}")
    if isinstance(value, str):
        return Salary(text=value)
    mapping = reader.mapping(value, name)
    reader.known_keys(mapping, name, ("currency", "min", "max", "value", "unit", "text"))
    currency = reader.text(mapping.get("currency"), f"{name}.currency")
    if currency is None and "currency" in mapping:
        raise reader.fail(f"{name}.currency", "is empty; write a currency code such as CHF")
    if currency is not None and not re.fullmatch(r"[A-Za-z]{3}", currency):
        raise reader.fail(
            f"{name}.currency", f"{currency!r} is not a currency code such as CHF, EUR, USD"
        )
    unit = (
        reader.chosen(mapping["unit"], f"{name}.unit", SALARY_UNITS) if "unit" in mapping else None
    )
    if unit is not None and unit.upper() not in SALARY_UNITS:
        raise reader.fail(f"{name}.unit", f"{unit!r} is not one of: {', '.join(SALARY_UNITS)}")
    salary = Salary(
        currency=currency.upper() if currency else None,
        min=_number(reader, mapping.get("min"), f"{name}.min"),
        max=_number(reader, mapping.get("max"), f"{name}.max"),
        value=_number(reader, mapping.get("value"), f"{name}.value"),
        unit=unit.upper() if unit else None,
        text=reader.text(mapping.get("text"), f"{name}.text"),
    )
    if salary.min is not None and salary.max is not None and salary.min > salary.max:
        raise reader.fail(f"{name}.min", f"{salary.min:g} is more than max {salary.max:g}")
    if salary.has_numbers and not salary.currency:
        reader.warn(f"{name}.currency", "missing; add a currency code such as CHF")
    return salary


def read_apply(reader: FieldReader, value: Any, name: str) -> Apply | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        target = reader.url(value, name)
        if target.lower().startswith("mailto:"):
            return Apply(email=target[len("mailto:") :]) if "?" not in target else Apply(url=target)
        return Apply(url=target)
    reader.known_keys(value, name, ("url", "email", "label", "instructions"))
    url = reader.url(value["url"], f"{name}.url") if value.get("url") is not None else None
    email = (
        reader.email(value["email"], f"{name}.email") if value.get("email") is not None else None
    )
    if url is None and email is None:
        raise reader.fail(name, "needs a url or an email")
    return Apply(
        url=url,
        email=email,
        label=plain_or_none(reader.text(value.get("label"), f"{name}.label")),
        instructions=reader.text(value.get("instructions"), f"{name}.instructions"),
    )


def read_contact(reader: FieldReader, value: Any, name: str) -> Contact | None:
    if value is None:
        return None
    value = reader.filled(value, name, "{name: Jane Doe, email: jane.doe@example.org}")
    if isinstance(value, str):
        return Contact(email=value) if _EMAIL.fullmatch(value) else Contact(name=value)
    mapping = reader.mapping(value, name)
    reader.known_keys(mapping, name, ("name", "email", "url", "phone"))
    return Contact(
        name=reader.text(mapping.get("name"), f"{name}.name"),
        email=reader.email(mapping["email"], f"{name}.email") if mapping.get("email") else None,
        url=reader.url(mapping["url"], f"{name}.url") if mapping.get("url") else None,
        phone=reader.text(mapping.get("phone"), f"{name}.phone"),
    )
