"""Where to apply: the Apply target chosen from what the body and the front matter offer, and a
posting completed by its body (``complete_from_body``).

``extract.read_body`` lists every place a posting names a way to apply as a *candidate*;
``choose_apply`` ranks them and says whether the choice is clear.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from mkdocs_postings import expiry
from mkdocs_postings.body.extract import (
    BodyFacts,
    DeadlineHint,
    Statement,
    find_deadline,
    find_statements,
    first_paragraph,
    read_body,
)
from mkdocs_postings.body.infer import infer_type
from mkdocs_postings.body.targets import (
    Candidate,
    Place,
    emails_in,
    markdown_targets,
    may_hold_address,
    refused,
    urls_in,
)
from mkdocs_postings.expiry import Status
from mkdocs_postings.model import SAFE_SCHEMES, Apply, Posting, PostingType, Problem
from mkdocs_postings.text import clip, without_controls

__all__ = ["ApplyChoice", "choose_apply", "complete_from_body"]


@dataclass(frozen=True)
class ApplyChoice:
    """The chosen apply target, where it came from and whether a reader should double-check."""

    href: str
    place: Place
    detail: str | None
    """The section heading, or the front-matter key."""
    ambiguous: bool
    others: int
    """How many other distinct plausible targets the posting has."""

    @property
    def where(self) -> str:
        """English, for warnings: 'the "How to apply" section', 'the first e-mail link'."""
        return _WHERE[self.place].format(detail=self.detail or "")


_WHERE = {
    Place.SECTION: 'the "{detail}" section',
    Place.FRONT_MATTER: "the front-matter key {detail!s}",
    Place.SENTENCE: "a sentence about applying",
    Place.MAILTO: "the first e-mail link",
    Place.EMAIL: "an e-mail address written in the text",
    Place.URL: "a web address written in the text",
    Place.ONLY_LINK: "the only link in the text",
    Place.FRONT_MATTER_TEXT: "the front-matter text {detail!s}",
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
            found.append(Candidate(url, Place.FRONT_MATTER, key))
        if text.lower().startswith("mailto:"):
            found.append(Candidate(text, Place.FRONT_MATTER, key))
            continue
        for address in emails_in(text):
            found.append(Candidate(f"mailto:{address}", Place.FRONT_MATTER, key))
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
    """Targets inside front-matter texts (landing pages that keep everything there): every
    e-mail address, and the links and web addresses of sentences about applying."""
    found = []
    for path, text in _strings(meta, ""):
        if path in FRONT_MATTER_APPLY_KEYS or path.split(".")[0] in ("title", "summary"):
            continue
        if not may_hold_address(text):
            continue
        for href, about_applying in markdown_targets(text):
            if about_applying or href.lower().startswith("mailto:"):
                found.append(Candidate(href, Place.FRONT_MATTER_TEXT, path))
    return found


_RANK = {place: rank for rank, place in enumerate(Place)}
_UNSURE = frozenset({Place.URL, Place.ONLY_LINK, Place.FRONT_MATTER_TEXT})


def _rank(candidate: Candidate) -> int:
    """Where a candidate stands: by its place, a contact (under a contact heading, or for
    questions) right after the sentences about applying, before the first e-mail link."""
    if candidate.contact:
        return 2 * max(_RANK[candidate.place], _RANK[Place.SENTENCE]) + 1
    return 2 * _RANK[candidate.place]


def _candidates(facts: BodyFacts, meta: Mapping[str, Any]) -> list[Candidate]:
    """Every candidate of a body and a migrated file's front matter, best first."""
    candidates = list(facts.candidates)
    candidates.extend(_front_matter_candidates(meta))
    if len(set(map(_target, facts.links))) == 1 and not candidates and facts.short:
        candidates.append(Candidate(facts.links[0], Place.ONLY_LINK))
    if all(_RANK[c.place] >= _RANK[Place.URL] for c in candidates):  # guesses at most
        candidates.extend(_front_matter_text_candidates(meta))
    return sorted(candidates, key=_rank)  # stable: document order within a rank


@dataclass(frozen=True)
class _Refusal:
    """A candidate ranked before the chosen one (or with none chosen) that is no target."""

    candidate: Candidate
    why: str


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
    return _choose(facts, meta or {}, accept or _accept_absolute, refused)[0]


def _choose(
    facts: BodyFacts,
    meta: Mapping[str, Any],
    accept: Callable[[str], str | None],
    refuse: Callable[[str], str | None],
    page_url: str | None = None,
) -> tuple[ApplyChoice | None, _Refusal | None]:
    """The choice, and the first candidate ranked before it that ``refuse`` says is no target
    (template syntax, an address pattern, a file not on the site). Within a rank, a page of
    the posting's own site (``page_url``'s: its home or research page) comes after a portal
    or the call."""
    usable: list[tuple[Candidate, str]] = []
    refusal = None
    for candidate in _candidates(facts, meta):
        why = refuse(candidate.href)
        href = None if why else accept(candidate.href)
        if href:
            usable.append((candidate, href))
        elif why and refusal is None and not usable:
            refusal = _Refusal(candidate, why)
    if not usable:
        return None, refusal
    if page_url and len(usable) > 1:  # (the candidates come ranked: only ties to break)
        site = urlsplit(page_url).netloc
        usable.sort(key=lambda pair: (_rank(pair[0]), _own_page(pair[1], site)))
    best, href = usable[0]
    # Only other targets in apply sections compete with a section's link; with any other
    # choice, every target that is not itself a guess does.
    plausible = {
        _target(h)
        for c, h in usable
        if (c.place is Place.SECTION if best.place is Place.SECTION else c.place not in _UNSURE)
    } - {_target(href)}
    choice = ApplyChoice(
        href=href,
        place=best.place,
        detail=best.section,
        ambiguous=best.place in _UNSURE or bool(plausible),
        others=len(plausible),
    )
    return choice, refusal


def _own_page(href: str, site: str) -> bool:
    """Whether ``href`` (absolute) is a page, not a file, of the site at host ``site``."""
    parts = urlsplit(href)
    name = parts.path.rsplit("/", 1)[-1]
    page = "." not in name or name.endswith((".html", ".htm"))
    return page and parts.netloc == site


def _accept_absolute(href: str) -> str | None:
    return href if urlsplit(href).scheme.lower() in SAFE_SCHEMES else None


def complete_from_body(
    posting: Posting,
    html: str,
    *,
    page_url: str | None = None,
    site_urls: Container[str] | None = None,
) -> tuple[Posting, BodyFacts, list[Problem]]:
    """Fill what the front matter left out from the rendered body: the apply target (when
    ``posting.apply`` is absent), the summary (its first paragraph), and, for a posting with
    no deadline and not rolling, the deadline or "open until filled" the text states
    (``status_from_text``); report an ambiguous apply target as a warning, and each reading
    of the text that changes what visitors are told as a note (``Problem.level`` ``info``).

    ``page_url`` (absolute, e.g. ``https://lab.org/openings/phd/``) resolves relative links;
    without it relative links are not used as apply targets. ``site_urls`` (absolute, every
    page and file of the site) keeps a relative link to anything else from being used. A
    link that is never a target (template syntax, an address pattern, a file not on the site)
    and would have been chosen is a warning.
    """
    problems: list[Problem] = []
    has_deadline = bool(posting.deadline or posting.rolling)
    if posting.apply and has_deadline:
        if posting.summary:  # the front matter says it all, but maybe not the type
            return with_inferred_type(posting, html, posting.summary), BodyFacts(), problems
        facts = BodyFacts(first_paragraph=first_paragraph(html))
    else:
        facts = read_body(html, deadlines=not has_deadline, posted=posting.posted)
    completed: dict[str, Any] = {}  # one `replace` for both: a Posting has many fields
    if posting.apply is None:
        choice, refusal = _choose(
            facts, posting.meta, _resolver(page_url), _refuser(page_url, site_urls), page_url
        )
        if refusal is not None:
            problems.append(Problem(posting.src, "posting.apply", _refused(refusal, choice)))
        if choice is not None:
            completed["apply"] = _apply_from(choice)
            if choice.ambiguous:
                problems.append(Problem(posting.src, "posting.apply", _ambiguity(choice)))
    if not posting.summary and facts.first_paragraph:
        completed["summary"] = without_controls(facts.first_paragraph)
    if completed:
        posting = replace(posting, **completed)
    posting = with_inferred_type(posting, html, facts.first_paragraph or posting.summary or "")
    if not has_deadline:
        posting, read = status_from_text(posting, facts)
        problems += read
    return posting, facts, problems


def status_from_text(posting: Posting, facts: BodyFacts) -> tuple[Posting, list[Problem]]:
    """What a posting without a deadline (and not rolling) takes from its text: the deadline
    it states clearly (the first one after a deadline label, else one date the sentences about
    applying agree on), else "open until filled"; a statement that there is no opening closes
    it. A statement that the position is filled is only reported. Every reading is a note;
    with ``deadline_from_text`` off, nothing read changes the posting, and a stated deadline is
    a warning instead. A native posting left without a deadline gets the warning to add one."""
    problems: list[Problem] = []
    hints, statements = facts.deadlines, facts.statements
    if not hints and not statements:  # landing pages keep their text in front matter
        hints, statements = _front_matter_status(posting)
    hint, competing = _stated_deadline(hints)
    said = {statement.kind: statement.text for statement in reversed(statements)}
    reading = posting.rules.deadline_from_text
    if hint is not None and reading:
        instant = expiry.deadline_instant(
            hint.when, posting.rules.timezone, posting.rules.deadline_time
        )
        posting = replace(posting, deadline=instant, deadline_read_from=without_controls(hint.text))
        problems.append(
            Problem(
                posting.src,
                "posting.deadline",
                f"{instant:%Y-%m-%d %H:%M} {expiry.zone_label(instant)}, read from the text "
                f'"{clip(hint.text, 90)}"; to set another, add  deadline: YYYY-MM-DD  under '
                "posting:",
                level="info",
            )
        )
    elif hint is not None or competing:
        shown = hint or competing[0]
        why = (
            "it is not read (deadline_from_text is off)"
            if hint is not None
            else f"{len(competing)} dates compete, so none is used"
        )
        problems.append(
            Problem(
                posting.src,
                "posting.deadline",
                f'not set, but the text says "{clip(shown.text, 90)}"; if that is the deadline, '
                f"add  deadline: {shown.when:%Y-%m-%d}  under posting: ({why})",
            )
        )
    elif "rolling" in said and reading:
        posting = replace(
            posting, rolling=True, rolling_read_from=without_controls(said["rolling"])
        )
        problems.append(
            Problem(
                posting.src,
                "posting.rolling",
                f'open until filled, read from the text "{clip(said["rolling"], 90)}"; it '
                "closes by age unless  reviewed: YYYY-MM-DD  under posting: is kept recent",
                level="info",
            )
        )
    elif "none" in said and reading and posting.declared_status is Status.OPEN:
        posting = replace(posting, declared_status=Status.CLOSED)
        problems.append(
            Problem(
                posting.src,
                "posting.status",
                f'not listed as open: the text says "{clip(said["none"], 90)}"; add a '
                "deadline under posting: when the page offers a position again",
                level="info",
            )
        )
    elif posting.native and posting.meta.get("posting") and posting.declared_status is Status.OPEN:
        problems.append(
            Problem(
                posting.src,
                "posting.deadline",
                "no deadline and not rolling: add a deadline (YYYY-MM-DD) or rolling: true",
            )
        )
    if "filled" in said and posting.declared_status is Status.OPEN:
        problems.append(
            Problem(
                posting.src,
                "posting.status",
                f'the text says "{clip(said["filled"], 90)}"; if the position is filled, add  '
                "status: filled  under posting:",
            )
        )
    return posting, problems


def _front_matter_status(posting: Posting) -> tuple[list[DeadlineHint], list[Statement]]:
    """Deadlines and statements in the texts of a migrated file's front matter (its title and
    summary aside)."""
    hints: list[DeadlineHint] = []
    statements: list[Statement] = []
    for path, text in _strings(posting.meta, ""):
        if path.split(".")[0] in ("title", "summary", "date", "publishDate", "posting"):
            continue
        hints += find_deadline(text, posted=posting.posted)
        statements += find_statements(text)
    return hints, statements


def _stated_deadline(
    hints: list[DeadlineHint],
) -> tuple[DeadlineHint | None, list[DeadlineHint]]:
    """The deadline to use (the first stated, when one sits after a label; else the one date
    every sentence about applying agrees on) and, when none can be used, the competing ones."""
    if any(hint.labelled for hint in hints) or len({hint.when for hint in hints}) == 1:
        return hints[0], []
    return None, hints


def with_inferred_type(posting: Posting, html: str, opening: str) -> Posting:
    """The posting with the types its title, front matter, headings or opening paragraph
    name, when the front matter states none and the text is clear (``infer.infer_type``)."""
    if posting.type_stated or posting.type is not PostingType.OTHER:
        return posting
    inferred = infer_type(posting.title, html, opening, front_matter=posting.meta)
    if inferred is None:
        return posting
    return replace(
        posting,
        type=inferred.type,
        other_types=inferred.types[1:],
        type_read_from=(inferred.where, without_controls(inferred.words)),
    )


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


_NOT_IN_DOCS = "a link to a file that is not in docs/"


def _refuser(page_url: str | None, site_urls: Container[str] | None) -> Callable[[str], str | None]:
    """Why an href is no target: ``targets.refused``, or (with ``site_urls`` given) a relative
    link to a file ("/files/ad.pdf") the site does not have: a file left behind in a migration.
    A relative link to a page ("/contact/") is kept: the site's own page, by its address."""

    def refuse(href: str) -> str | None:
        why = refused(href)
        if why or site_urls is None or not page_url or href.startswith("//"):
            return why
        if ":" in href.split("/", 1)[0]:
            return None  # an absolute URL (https:, mailto:): not a file of this site
        name = urlsplit(href).path.rsplit("/", 1)[-1]
        if "." not in name or name.endswith((".html", ".htm")):
            return None  # a page
        resolved = urlsplit(urljoin(page_url, href))._replace(query="", fragment="").geturl()
        return None if resolved in site_urls else _NOT_IN_DOCS

    return refuse


def _refused(refusal: _Refusal, choice: ApplyChoice | None) -> str:
    where = _WHERE[refusal.candidate.place].format(detail=refusal.candidate.section or "")
    used = f"the Apply button uses {choice.href}" if choice else "there is no Apply button"
    fix = "write the real address in the text"
    if refusal.why == _NOT_IN_DOCS:
        fix = "add the file to docs/"
    return (
        f"{clip(refusal.candidate.href, 80)} from {where} is {refusal.why}, so {used}; {fix}, "
        "or set posting.apply (a URL or mailto:)"
    )


def _apply_from(choice: ApplyChoice) -> Apply:
    """The Apply target a choice from the text gives; cleaned of control characters like
    everything read from the text (the body is the lab's HTML: only what is taken from it
    reaches the plugin's own markup and files)."""
    found = Apply(
        found_in=choice.place.value,
        detail=without_controls(choice.detail) if choice.detail else choice.detail,
        ambiguous=choice.ambiguous,
        others=choice.others,
    )
    href = without_controls(choice.href)
    if href.lower().startswith("mailto:") and "?" not in href:
        return replace(found, email=unquote(href[len("mailto:") :]))
    return replace(found, url=href)


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
