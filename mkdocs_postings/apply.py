"""Where to apply: the Apply target chosen from what the body and the front matter offer, and a
posting completed by its body (``complete_from_body``).

``extract.read_body`` lists every place a posting names a way to apply as a *candidate*;
``choose_apply`` ranks them and says whether the choice is clear.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from mkdocs_postings.extract import (
    BodyFacts,
    Candidate,
    Source,
    emails_in,
    first_paragraph,
    read_body,
    urls_in,
)
from mkdocs_postings.infer import infer_type
from mkdocs_postings.model import SAFE_SCHEMES, Apply, Posting, PostingType, Problem
from mkdocs_postings.text import clip
from mkdocs_postings.words import APPLY_WORDS

__all__ = ["ApplyChoice", "choose_apply", "complete_from_body"]


@dataclass(frozen=True)
class ApplyChoice:
    """The chosen apply target, where it came from and whether a reader should double-check."""

    href: str
    source: Source
    detail: str | None
    """The section heading, or the front-matter key."""
    ambiguous: bool
    others: int
    """How many other distinct plausible targets the posting has."""

    @property
    def where(self) -> str:
        """English, for warnings: 'the "How to apply" section', 'the first e-mail link'."""
        return _WHERE[self.source].format(detail=self.detail or "")


_WHERE = {
    Source.SECTION: 'the "{detail}" section',
    Source.FRONT_MATTER: "the front-matter key {detail!s}",
    Source.SENTENCE: "a sentence about applying",
    Source.MAILTO: "the first e-mail link",
    Source.EMAIL: "an e-mail address written in the text",
    Source.URL: "a web address written in the text",
    Source.ONLY_LINK: "the only link in the text",
    Source.FRONT_MATTER_TEXT: "the front-matter text {detail!s}",
}


FRONT_MATTER_APPLY_KEYS = (
    "apply",
    "application",
    "apply_url",
    "application_url",
    "email",
    "contact-email",
    "contact_email",
    "mail",
)
"""Top-level keys of migrated (Hugo/Jekyll) files that hold the way to apply."""


def _target(href: str) -> str:
    """The identity of a target: a mailto's address without its subject, lower case."""
    lowered = href.strip().lower()
    if lowered.startswith("mailto:"):
        return lowered[len("mailto:") :].split("?", 1)[0]
    return lowered.rstrip("/")


def _front_matter_candidates(meta: Mapping[str, Any]) -> list[Candidate]:
    found = []
    for key in FRONT_MATTER_APPLY_KEYS:
        value = meta.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        text = value.strip()
        for url in urls_in(text):
            found.append(Candidate(url, Source.FRONT_MATTER, key))
        if text.lower().startswith("mailto:"):
            found.append(Candidate(text, Source.FRONT_MATTER, key))
            continue
        for address in emails_in(text):
            found.append(Candidate(f"mailto:{address}", Source.FRONT_MATTER, key))
    return found


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")


def _front_matter_text_candidates(meta: Mapping[str, Any]) -> list[Candidate]:
    """Addresses inside front-matter texts (landing pages that keep everything there)."""
    found = []
    for path, text in _strings(meta, ""):
        if path in FRONT_MATTER_APPLY_KEYS or path.split(".")[0] in ("title", "summary"):
            continue
        if not APPLY_WORDS.search(text) and "@" not in text:
            continue
        for href in re.findall(r"mailto:[^\s\"'<>)]+", text):
            found.append(Candidate(href, Source.FRONT_MATTER_TEXT, path))
        for address in emails_in(re.sub(r"mailto:\S+", " ", text)):
            found.append(Candidate(f"mailto:{address}", Source.FRONT_MATTER_TEXT, path))
        if APPLY_WORDS.search(text):
            for url in urls_in(text):
                found.append(Candidate(url, Source.FRONT_MATTER_TEXT, path))
    return found


_RANK = {source: rank for rank, source in enumerate(Source)}
_UNSURE = frozenset({Source.URL, Source.ONLY_LINK, Source.FRONT_MATTER_TEXT})


def choose_apply(
    facts: BodyFacts,
    meta: Mapping[str, Any] | None = None,
    *,
    accept: Callable[[str], str | None] | None = None,
) -> ApplyChoice | None:
    """Rank the candidates of a body (and a migrated file's front matter); pick the best.

    ``accept(href)`` returns the href to use (e.g. resolved against the page URL) or ``None``
    to skip it; by default only ``http``, ``https`` and ``mailto`` are accepted. The choice is
    *ambiguous* when it is a guess (a written-out web address, the only link, front-matter
    text) or when the posting offers other plausible targets besides it.
    """
    accept = accept or _accept_absolute
    candidates = list(facts.candidates)
    candidates.extend(_front_matter_candidates(meta or {}))
    if len(set(map(_target, facts.links))) == 1 and not candidates and facts.short:
        candidates.append(Candidate(facts.links[0], Source.ONLY_LINK))
    if not candidates:
        candidates.extend(_front_matter_text_candidates(meta or {}))
    usable = []
    for candidate in candidates:
        href = accept(candidate.href)
        if href:
            usable.append((candidate, href))
    if not usable:
        return None
    usable.sort(key=lambda pair: _RANK[pair[0].source])  # stable: document order within a rank
    best, href = usable[0]
    # Only other targets in apply sections compete with a section's link; with any other
    # choice, every target that is not itself a guess does.
    plausible = {
        _target(h)
        for c, h in usable
        if (
            c.source is Source.SECTION if best.source is Source.SECTION else c.source not in _UNSURE
        )
    } - {_target(href)}
    return ApplyChoice(
        href=href,
        source=best.source,
        detail=best.section,
        ambiguous=best.source in _UNSURE or bool(plausible),
        others=len(plausible),
    )


def _accept_absolute(href: str) -> str | None:
    return href if urlsplit(href).scheme.lower() in SAFE_SCHEMES else None


def complete_from_body(
    posting: Posting, html: str, *, page_url: str | None = None
) -> tuple[Posting, BodyFacts, list[Problem]]:
    """Fill what the front matter left out from the rendered body: the apply target (when
    ``posting.apply`` is absent) and the summary (its first paragraph); report, as warnings,
    an ambiguous apply target and a deadline the text states but the front matter lacks.

    ``page_url`` (absolute, e.g. ``https://lab.org/openings/phd/``) resolves relative links;
    without it relative links are not used as apply targets.
    """
    problems: list[Problem] = []
    has_deadline = bool(posting.deadline or posting.rolling)
    if posting.apply and has_deadline:
        if posting.summary:  # the front matter says it all, but maybe not the type
            return with_inferred_type(posting, html, posting.summary), BodyFacts(), problems
        facts = BodyFacts(first_paragraph=first_paragraph(html))
    else:
        facts = read_body(html, deadlines=not has_deadline)
    if posting.apply is None:
        choice = choose_apply(facts, posting.meta, accept=_resolver(page_url))
        if choice is not None:
            posting = replace(posting, apply=_apply_from(choice))
            if choice.ambiguous:
                problems.append(Problem(posting.src, "posting.apply", _ambiguity(choice)))
    posting = with_inferred_type(posting, html, facts.first_paragraph or posting.summary or "")
    if not posting.summary and facts.first_paragraph:
        posting = replace(posting, summary=facts.first_paragraph)
    if posting.deadline is None and not posting.rolling and facts.deadlines:
        hint = facts.deadlines[0]
        problems.append(
            Problem(
                posting.src,
                "posting.deadline",
                f'not set, but the text says "{clip(hint.text, 90)}"; if that is the deadline, '
                f"add  deadline: {hint.when.isoformat()}  under posting: (it is not guessed)",
            )
        )
    return posting, facts, problems


def with_inferred_type(posting: Posting, html: str, opening: str) -> Posting:
    """The posting with the type its title, headings or opening paragraph name, when the
    front matter states none and the text is clear (``infer.infer_type``)."""
    if posting.type_stated or posting.type is not PostingType.OTHER:
        return posting
    inferred = infer_type(posting.title, html, opening)
    if inferred is None:
        return posting
    return replace(posting, type=inferred.type, type_read_from=(inferred.where, inferred.words))


def _resolver(page_url: str | None) -> Callable[[str], str | None]:
    def accept(href: str) -> str | None:
        scheme = urlsplit(href).scheme.lower()
        if scheme in SAFE_SCHEMES:
            return href
        if scheme or not page_url or not urlsplit(page_url).scheme:
            return None  # javascript:, data:, ... never; relative only with a base
        resolved = urljoin(page_url, href)
        return resolved if urlsplit(resolved).scheme in ("http", "https") else None

    return accept


def _apply_from(choice: ApplyChoice) -> Apply:
    found = Apply(
        found_in=choice.source.value,
        detail=choice.detail,
        ambiguous=choice.ambiguous,
        others=choice.others,
    )
    if choice.href.lower().startswith("mailto:") and "?" not in choice.href:
        return replace(found, email=unquote(choice.href[len("mailto:") :]))
    return replace(found, url=choice.href)


def _ambiguity(choice: ApplyChoice) -> str:
    target = choice.href
    if choice.others:
        many = choice.others > 1
        why = (
            f"the posting names {choice.others} other "
            f"{'addresses or links' if many else 'address or link'}"
        )
    else:
        why = "that is a guess"
    return (
        f"not set; the Apply button uses {target} from {choice.where}, but {why}; "
        "set posting.apply (a URL or mailto:) to choose"
    )
