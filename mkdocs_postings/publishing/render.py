"""HTML fragments for postings, rendered from Jinja templates under ``templates/postings/``.

The templates autoescape everything; user-written text never becomes template source. A site
overrides any template by putting a file of the same name into ``<custom_dir>/postings/``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from mkdocs_postings import expiry
from mkdocs_postings.expiry import Status
from mkdocs_postings.model import Posting, PostingType
from mkdocs_postings.publishing.labels import Labels
from mkdocs_postings.publishing.listing import Tag, tag_key
from mkdocs_postings.text import without_bidi

__all__ = [
    "ListingRenderer",
    "PostingView",
    "Renderer",
    "filter_groups",
    "generated_title",
    "heading_level_before",
    "posting_view",
    "theme_meta",
]


@dataclass(frozen=True)
class Fact:
    key: str
    label: str
    value: str


@dataclass(frozen=True)
class TagLink:
    name: str
    slug: str
    url: str


@dataclass(frozen=True)
class PostingView:
    """Everything the templates show about one posting at one moment, as plain values."""

    posting: Posting
    status: Status
    type_label: str
    deadline_utc: str | None
    ages_out_utc: str | None
    """When a posting without a deadline stops being open (``Posting.ages_out``), UTC."""
    deadline_text: str | None
    days_left: int | None
    countdown: str | None
    notice: str
    closed_notice: str
    facts: Sequence[Fact]
    apply_href: str | None
    apply_label: str
    tags: Sequence[TagLink]

    @property
    def open(self) -> bool:
        return not self.status.is_past

    @property
    def tag_slugs(self) -> str:
        """The slugs of the tag links, space-separated (a card's ``data-tags``)."""
        return " ".join(tag.slug for tag in self.tags)

    @property
    def type_values(self) -> str:
        """The posting's types, space-separated (a card's ``data-type``)."""
        return " ".join(kind.value for kind in self.posting.types)


def posting_view(
    posting: Posting,
    *,
    now: datetime,
    closing_soon_days: int,
    labels: Labels,
    tags: Sequence[TagLink] = (),
    employer: str | None = None,
) -> PostingView:
    """Compute what a posting shows at ``now``: status, notice, facts, Apply target."""
    status = posting.status_at(now, closing_soon_days)
    deadline = posting.deadline
    deadline_text = labels.deadline(deadline) if deadline else None
    days = expiry.days_left(deadline, now) if deadline else None
    type_label = labels["list_separator"].join(
        labels[f"type_{kind.value}"] for kind in posting.types if kind is not PostingType.OTHER
    )
    ages_out = posting.ages_out
    closed_notice = _closed_notice(deadline_text, labels, posting if ages_out else None)
    return PostingView(
        posting=posting,
        status=status,
        type_label=type_label,
        deadline_utc=expiry.to_utc_iso(deadline) if deadline else None,
        ages_out_utc=expiry.to_utc_iso(ages_out) if ages_out else None,
        deadline_text=deadline_text,
        days_left=days,
        countdown=labels.countdown(days) if days is not None and not status.is_past else None,
        notice=closed_notice
        if status is Status.CLOSED
        else _notice(status, posting, deadline_text, labels),
        closed_notice=closed_notice,
        facts=_facts(posting, type_label, deadline_text, labels, employer),
        apply_href=posting.apply_href,
        apply_label=_apply_label(posting, labels),
        tags=tags,
    )


def _notice(status: Status, posting: Posting, deadline_text: str | None, labels: Labels) -> str:
    if status is Status.FILLED:
        return labels["notice_filled"]
    if status is Status.CANCELLED:
        return labels["notice_cancelled"]
    if status is Status.CLOSED:
        return _closed_notice(deadline_text, labels)
    if status is Status.CLOSING_SOON and deadline_text:
        return labels.fill("notice_closing_soon", deadline=deadline_text)
    if posting.rolling:
        return labels["notice_rolling"]
    if deadline_text:
        return labels.fill("notice_open_until", deadline=deadline_text)
    return labels["notice_open"]


def _closed_notice(deadline_text: str | None, labels: Labels, aged: Posting | None = None) -> str:
    """Why a past posting is past: its deadline; its age ("Posted in August 2017 and no longer
    open") for ``aged``, a posting without one that ages out; else that it is closed."""
    if deadline_text:
        return labels.fill("notice_closed", deadline=deadline_text)
    if aged is not None and aged.posted is not None:
        return labels.fill("notice_aged", month=labels.month(aged.posted))
    return labels["notice_closed_undated"]


def _facts(
    posting: Posting,
    type_label: str,
    deadline_text: str | None,
    labels: Labels,
    employer: str | None = None,
) -> list[Fact]:
    # An unknown type ("other") is left out rather than shown as "Position: Position".
    known = posting.type is not PostingType.OTHER
    facts = [Fact("type", labels["type"], type_label)] if known else []
    # Everything in the JobPosting JSON-LD is visible on the page, as Google asks.
    if employer:
        facts.append(Fact("employer", labels["employer"], employer))
    if posting.employment_types:
        kinds = labels["list_separator"].join(
            labels[f"employment_{kind}"] for kind in posting.employment_types
        )
        facts.append(Fact("employment", labels["employment"], kinds))
    if posting.location and str(posting.location):
        facts.append(Fact("location", labels["location"], str(posting.location)))
    if posting.remote:
        facts.append(Fact("remote", labels["remote"], labels[f"remote_{posting.remote.value}"]))
    if posting.start:
        start = posting.start
        text = labels.date(start) if isinstance(start, date) else str(start)
        facts.append(Fact("start", labels["start"], text))
    if posting.duration:
        facts.append(Fact("duration", labels["duration"], posting.duration))
    if posting.positions:
        facts.append(Fact("positions", labels["positions"], str(posting.positions)))
    if posting.salary and (posting.salary.text or posting.salary.has_numbers):
        facts.append(Fact("salary", labels["salary"], _salary_text(posting, labels)))
    if deadline_text:
        # A deadline read from the text says so: the lab sees where it came from.
        shown = (
            labels.fill("deadline_read", deadline=deadline_text)
            if posting.deadline_read_from
            else deadline_text
        )
        facts.append(Fact("deadline", labels["deadline"], shown))
    elif posting.rolling:
        rolling = labels["rolling"]
        if posting.rolling_read_from:
            rolling = labels.fill("deadline_read", deadline=rolling)
        facts.append(Fact("deadline", labels["deadline"], rolling))
    if posting.reference:
        facts.append(Fact("reference", labels["reference"], posting.reference))
    if posting.apply and posting.apply.ambiguous and posting.apply.found_in:
        # The Apply target was read from the text and is a guess or one of several: say where.
        where = labels.fill(
            f"found_{posting.apply.found_in.replace('-', '_')}", detail=posting.apply.detail or ""
        )
        note = "apply_found" if posting.apply.others else "apply_guessed"
        facts.append(Fact("apply-source", labels["apply_source"], labels.fill(note, where=where)))
    if posting.contact:
        contact = posting.contact
        parts = [p for p in (contact.name, contact.email, contact.phone) if p]
        if parts:
            facts.append(Fact("contact", labels["contact"], labels["list_separator"].join(parts)))
    return facts


def _salary_text(posting: Posting, labels: Labels) -> str:
    salary = posting.salary
    assert salary is not None
    numbers = ""
    if salary.min is not None and salary.max is not None:
        numbers = f"{labels.number(salary.min)}–{labels.number(salary.max)}"
    elif salary.value is not None or salary.min is not None or salary.max is not None:
        amount = next(v for v in (salary.value, salary.min, salary.max) if v is not None)
        numbers = labels.number(amount)
    if numbers:
        numbers = " ".join(p for p in (salary.currency, numbers) if p)
        if salary.unit:
            numbers += f" / {labels[f'salary_unit_{salary.unit}']}"
    return " · ".join(p for p in (numbers, salary.text) if p)


def _apply_label(posting: Posting, labels: Labels) -> str:
    if posting.apply and posting.apply.label:
        return posting.apply.label
    href = posting.apply_href or ""
    return labels["apply_email"] if href.startswith("mailto:") else labels["apply"]


_LEADING_H1 = re.compile(
    r"^\s*(?P<wrap><section\b[^>]*>\s*)?(?P<h1><h1\b[^>]*>.*?</h1>)", re.DOTALL | re.IGNORECASE
)
"""A body's own leading ``<h1>``; Sphinx wraps it in the document's ``<section>``."""


_INCLUDE = re.compile(r'\{%-? include "(?P<name>postings/[\w.-]+\.html)" -?%\}\n?')
_LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\s*", re.DOTALL)


class _PartialsInlined(jinja2.BaseLoader):
    """A site's templates first, then the plugin's own, with the partials they include
    written in place, unless the site overrides that partial.

    Rendering an include costs a template context of its own: inlined, a posting page's
    notice, facts and buttons render in about two thirds of the time. A partial in place
    renders exactly as included (tests/test_render.py holds the two to the same output),
    and a site's own partial is still included, so its errors name its file. Saves 0.26 G
    instructions at 1,000 postings (0.76 % of the floor, 8 December 2026): kept because the
    budget needs it.
    """

    def __init__(self, site: jinja2.BaseLoader, package: jinja2.BaseLoader) -> None:
        self.site = site
        self.package = package

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        try:
            return self.site.get_source(environment, template)
        except jinja2.TemplateNotFound:
            source, filename, uptodate = self.package.get_source(environment, template)
            return self._inlined(environment, source), filename, uptodate

    def _inlined(self, environment: jinja2.Environment, source: str) -> str:
        def partial(match: re.Match[str]) -> str:
            name = match.group("name")
            try:
                self.site.get_source(environment, name)
            except jinja2.TemplateNotFound:
                # As an include renders it: no leading comment, no final newline; the
                # newline after the include tag went with it (trim_blocks).
                text = self.package.get_source(environment, name)[0]
                text = _LEADING_COMMENT.sub("", text).removesuffix("\n")
                return self._inlined(environment, text)
            return match.group(0)  # the site's own partial: included

        return _INCLUDE.sub(partial, source)


class Renderer:
    """Renders the plugin's templates; one instance per build."""

    def __init__(self, labels: Labels, custom_dirs: Sequence[str | Path] = ()) -> None:
        self.env = jinja2.Environment(
            loader=_PartialsInlined(
                jinja2.FileSystemLoader([str(d) for d in custom_dirs]),
                jinja2.PackageLoader("mkdocs_postings", "templates"),
            ),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            # One Renderer per build: no need to stat every template on every include.
            auto_reload=False,
        )
        self.labels = labels
        self.env.globals["labels"] = labels
        self._templates: dict[str, jinja2.Template] = {}

    def render(self, name: str, **context: object) -> str:
        template = self._templates.get(name)
        if template is None:
            template = self._templates[name] = self.env.get_template(f"postings/{name}")
            # The environment's globals (set above, never changed) as one plain dict: Jinja
            # copies a template's globals into every render's context, and a ChainMap (its
            # default) is copied key by key in Python: about 6 us per render (0.15 G, 0.45 % of
            # the floor at 1,000 postings, 8 December 2026; kept because the budget needs it).
            template.globals = dict(template.globals)
        return template.render(**context)

    def posting_page(
        self, view: PostingView, body_html: str, extra: Mapping[str, object] | None = None
    ) -> str:
        """The posting page's content: heading, notice, facts, Apply, tags around the body.

        A body that starts with its own ``<h1>`` keeps it first; otherwise the page gets an
        ``<h1>`` with the posting's title, so every theme shows the title exactly once.
        """
        return "".join(self.posting_page_parts(view, body_html, extra))

    def posting_page_parts(
        self, view: PostingView, body_html: str, extra: Mapping[str, object] | None = None
    ) -> tuple[str, str, str]:
        """The posting page as ``(before, body, after)``, joined by ``posting_page``: what
        the plugin wrote around the body, and the body (without a leading ``<h1>``)."""
        match = _LEADING_H1.match(body_html)
        heading = Markup(match.group("h1")) if match else None
        if match:
            body_html = (match.group("wrap") or "") + body_html[match.end() :]
        elif re.search(r"<h1\b", body_html, re.IGNORECASE):
            heading = Markup("")
        page = self.render(
            "posting.html", view=view, heading=heading, body=Markup(_BODY), **(extra or {})
        )
        before, found, after = page.partition(_BODY)
        if not found or _BODY in after:  # a site's template without the body, or with two
            return page.replace(_BODY, body_html), "", ""
        return before, body_html, after


def filter_groups(
    postings: Sequence[Posting],
    tags: Mapping[str, Tag],
    labels: Labels,
    sources: Mapping[str, tuple[str, str]] | None = None,
) -> list[dict[str, Any]]:
    """The filter chips of a cards page: by type (when there are several), by tag, and by
    source (``sources``: a posting's ``(slug, name)``; when the postings come from several)."""
    types = sorted({kind.value for p in postings for kind in p.types})
    keys = sorted({tag_key(t) for p in postings for t in p.tags if tag_key(t) in tags})
    groups: list[dict[str, Any]] = []
    if len(types) > 1:
        groups.append(
            {
                "name": "type",
                "label": labels["filter_type"],
                "items": [(t, labels[f"type_{t}"]) for t in types],
            }
        )
    if keys:
        groups.append(
            {
                "name": "tag",
                "label": labels["filter_tag"],
                "items": [(tags[k].slug, tags[k].name) for k in keys],
            }
        )
    sources = sources or {}
    by_slug = {sources[p.src][0]: sources[p.src][1] for p in postings if p.src in sources}
    if len(by_slug) > 1:
        groups.append(
            {
                "name": "source",
                "label": labels["filter_source"],
                "items": sorted(by_slug.items(), key=lambda item: item[1].casefold()),
            }
        )
    return groups


def theme_meta(posting: Posting, meta: Mapping[str, Any]) -> dict[str, Any]:
    """A posting page's front matter as the theme gets it: title, tags and description as
    safe strings, since themes print them unescaped (``<title>``, the ``<h1>``, the nav,
    ``<meta>``); the description is the summary unless the page sets its own. The title has
    no bidi controls: in ``<title>`` the site's name follows it, and would be turned around."""
    safe = dict(meta)
    safe["title"] = str(escape(without_bidi(posting.title)))
    safe["tags"] = [str(escape(tag)) for tag in posting.tags]
    description = meta.get("description")
    safe["description"] = str(
        escape(description if isinstance(description, str) else posting.summary or "")
    )
    return safe


def generated_title(kind: str, tag: Tag | None, labels: Labels) -> str:
    """The title of a generated page: "cards", "tag" (one tag's page) or "tags" (the index).

    Without bidi controls: themes write it into ``<title>`` before the site's name, which an
    override in a tag would turn around."""
    if kind == "tag" and tag is not None:
        return labels.fill("tag_title", tag=without_bidi(tag.name))
    if kind == "tags":
        return labels["all_tags"]
    return labels["openings_title"]


_BODY = "\ue001postings-body\ue001"
"""Stands for the body while the template renders; the body never passes through Jinja."""


ROOT = "\x1a"
"""Placeholder for "path to the site root" in cards rendered once and reused on every page.

A control character (SUB) that no theme or template writes; not a character above U+00FF, which
would make Python store every card and listing with two bytes per character."""


def root_prefix(page_url: str) -> str:
    """The relative path from a page's URL to the site root: "", "../", "../../"."""
    depth = page_url.count("/")
    return "../" * depth


_HEADING_START = re.compile(r"<h([1-6])[\s>]", re.IGNORECASE)


def heading_level_before(html: str, position: int) -> int:
    """The level of the last heading in ``html`` before ``position``; 1 (the page title)
    if there is none."""
    level = 1
    for match in _HEADING_START.finditer(html, 0, position):
        level = int(match.group(1))
    return level


CARD_TITLE_LEVEL = 3
"""The heading level ``card.html`` writes card titles at; a listing changes it to its own."""
_CARD_TITLE = '<h3 class="postings-card-title">'


class ListingRenderer:
    """Cards rendered once per build; listings assembled from them for any page."""

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer
        self.cards: dict[str, str] = {}

    def add_card(
        self,
        view: PostingView,
        url: str,
        *,
        source: tuple[str, str] | None = None,
        elsewhere: bool = False,
    ) -> None:
        """Render the card of one posting; ``url`` and the views' tag URLs are root-relative,
        or ``url`` is absolute for a posting published ``elsewhere`` (on another site: its
        card names that site). ``source`` is the posting's ``(slug, name)`` on a site that
        gathers other sites' listings."""
        self.cards[view.posting.src] = self.renderer.render(
            "card.html",
            view=view,
            url=url,
            root=Markup(ROOT),
            source=source,
            elsewhere=elsewhere,
        )

    def listing(
        self,
        main: Sequence[Posting],
        past: Sequence[Posting],
        *,
        closed: str,
        filters: Sequence[Mapping[str, object]] = (),
        links: Sequence[tuple[str, str, str]] = (),
        under: int = 1,
    ) -> str:
        """A listing's HTML with ROOT placeholders left in (see ``place``).

        ``under`` is the level of the heading the listing sits under (1: the page title), so
        its headings follow the page's outline: "Open positions" and "Past openings" one
        level below it (when past openings are archived), the card titles below those."""
        level = min(under + 1, 6)
        card_level = min(level + 1, 6) if closed == "archive" else level
        return self.renderer.render(
            "listing.html",
            main=[self._card(p, card_level) for p in main if p.src in self.cards],
            past=[self._card(p, card_level) for p in past if p.src in self.cards],
            closed=closed,
            filters=filters,
            links=links,
            level=level,
        )

    def _card(self, posting: Posting, level: int) -> Markup:
        """A card with its title at ``level`` (cards are rendered once, with <h3> titles)."""
        card = self.cards[posting.src]
        start = card.find(_CARD_TITLE)
        end = card.find("</h3>", start)
        if level != CARD_TITLE_LEVEL and 0 <= start < end:  # the title's own </h3>, no other
            title = card[start + len(_CARD_TITLE) : end]
            heading = f'<h{level} class="postings-card-title">{title}</h{level}>'
            card = card[:start] + heading + card[end + len("</h3>") :]
        return Markup(card)

    @staticmethod
    def place(html: str, page_url: str) -> str:
        """Resolve ROOT placeholders for a page at ``page_url``."""
        return html.replace(ROOT, root_prefix(page_url))
