"""What keeps a posting from being fit to publish: the new-posting template's placeholder text
still in its body, and an open posting with no way to apply. Both are warnings, so that
``mkdocs build --strict`` stops an unfinished posting before it goes public. Drafts are not
checked: they are not published.
"""

from __future__ import annotations

from datetime import datetime

from mkdocs_postings.model import Posting, Problem
from mkdocs_postings.text import clip

__all__ = [
    "APPLY_PLACEHOLDER",
    "PLACEHOLDERS",
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
