"""What keeps a posting from being fit to publish: the new-posting template's placeholder text
still in its body, and an open posting with no way to apply. Both are warnings, so that
``mkdocs build --strict`` stops an unfinished posting before it goes public; a posting past by
its age alone is a note saying how to keep it open. Drafts are not checked: they are not
published.
"""

from __future__ import annotations

from datetime import datetime

from mkdocs_postings.model import Posting, Problem
from mkdocs_postings.text import clip

__all__ = [
    "APPLY_PLACEHOLDER",
    "PLACEHOLDERS",
    "aged_out",
    "checks_at",
    "no_way_to_apply",
    "placeholder_left",
]

APPLY_PLACEHOLDER = "How to apply: add a link to the job portal or an e-mail address here"

PLACEHOLDERS = (
    "One or two sentences about the position: what the person will do and why it matters.",
    "What the project is about, the team, and the methods.",
    "A degree in ...",
    "Experience with ...",
    APPLY_PLACEHOLDER,
)
"""Lines of ``mkdocs-postings new``'s body that are only there to be replaced (the template
writes them from this tuple, so the two cannot drift apart)."""


def placeholder_left(posting: Posting, body: str) -> Problem | None:
    """A warning if a published posting's Markdown ``body`` still has placeholder text."""
    if posting.draft:
        return None
    left = next((text for text in PLACEHOLDERS if text in body), None)
    if left is None:
        return None
    return Problem(
        posting.src,
        "body",
        f"still has the template's placeholder text \"{clip(left, 40)}\"; write the posting's own "
        "text there, or add  draft: true  until it is finished",
    )


def no_way_to_apply(posting: Posting, now: datetime, closing_soon_days: int) -> Problem | None:
    """A warning if ``posting`` is open at ``now`` but has no Apply target (from the front
    matter or the text) and no contact with an e-mail address or a web page."""
    if posting.draft or posting.apply is not None:
        return None
    contact = posting.contact
    if contact is not None and (contact.email or contact.url):
        return None
    if posting.status_at(now, closing_soon_days).is_past:
        return None
    return Problem(
        posting.src,
        "posting.apply",
        "the posting is open but says nowhere how to apply; add  apply: https://...  (or "
        "mailto:...) under posting:, or a contact e-mail, or the address in the text",
    )


def aged_out(posting: Posting, now: datetime) -> Problem | None:
    """A note if ``posting`` has no deadline and is past at ``now`` by its age alone (the
    site's ``max_age_days`` after it was posted or last reviewed): how to keep it open."""
    ages_out = posting.ages_out
    if posting.draft or ages_out is None or now <= ages_out or posting.declared_status.is_past:
        return None
    since = (
        f"reviewed {posting.reviewed.isoformat()}"
        if posting.reviewed
        else f"posted {posting.posted.isoformat() if posting.posted else '?'}"
    )
    return Problem(
        posting.src,
        "posting.deadline",
        f"none, and {since} is more than {_max_age(posting)} ago, so the posting is shown "
        "as past; to keep it open, add  deadline: YYYY-MM-DD  under posting:, or  rolling: "
        f"true  with  reviewed: {now.date().isoformat()}",
        level="info",
    )


def _max_age(posting: Posting) -> str:
    days = posting.rules.max_age.days if posting.rules.max_age else 0
    return f"{days} day" + ("" if days == 1 else "s")


def checks_at(posting: Posting, now: datetime, closing_soon_days: int) -> list[Problem]:
    """What every adapter reports about a completed posting at ``now``: an open posting with
    no way to apply, a posting past by its age."""
    found = (no_way_to_apply(posting, now, closing_soon_days), aged_out(posting, now))
    return [problem for problem in found if problem is not None]
