"""What kind of position a migrated posting is, read from its own words.

A Hugo or Jekyll posting has no ``posting.type``; its title usually says it ("Postdoc Opening
in Machine Learning", "Stellenausschreibung: 3 Doktorandenstellen"). ``infer_type`` reads the
title first, then the body's headings, then its opening paragraph, in every language the
plugin speaks (English, German, French, Italian), and answers only on a clear match: the
words of exactly one type, and in the opening paragraph only as a position ("a postdoctoral
researcher position", not "holds a PhD"). A wrong type is worse than none, so two types in
one place ("PhD / Postdoc in ...") give no answer. A stated type is never replaced: the
caller asks only for postings without one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mkdocs_postings.model import PostingType

__all__ = ["InferredType", "infer_type"]

_WORDS: dict[PostingType, str] = {
    PostingType.POSTDOC: r"post[\s-]?doc\w*|postdoktorand\w*|post[\s-]?doctorant\w*"
    r"|postdottorat\w*|assegn[oi] di ricerca",
    PostingType.PHD: r"ph\.?\s?d\.?s?|(?<![-\w])doctoral|doctorate|doctorant\w*|doktorand\w*"
    r"|promotionsstelle\w*|dottorat\w*|dottorand\w*|th[eè]se de doctorat",
    PostingType.RESEARCH_ASSISTANT: r"research assistants?|wissenschaftliche[rn]? hilfskr[aä]ft\w*"
    r"|assistant\w* de recherche|assistent[ei] di ricerca",
    PostingType.STUDENT: r"student(?:ische[rn]?)? (?:assistant|hilfskr[aä]ft)\w*|hiwis?"
    r"|master'?s? (?:thes[ie]s|projects?|positions?|students?|intern?ships?)"
    r"|masterarbeit\w*|bachelor'?s? (?:thesis|theses|project|projects)|bachelorarbeit\w*"
    r"|tesi(?: di laurea| triennal\w*| magistral\w*)|m[ée]moire de master"
    r"|semester projects?|student projects?",
    PostingType.INTERNSHIP: r"internships?|interns?|praktik\w*|stagiaires?|stage de \w+"
    r"|tirocini\w*",
    PostingType.ENGINEER: r"engineers?|ing[ée]nieur\w*(?:\.e)?|ingegner[ei]",
    PostingType.TECHNICIAN: r"technicians?|technicien\w*|techniker\w*|tecnic[oi] di laboratorio"
    r"|technical assistants?|technische[rn]? assistent\w*",
    PostingType.FACULTY: r"professor\w*|professur\w*|juniorprofessur\w*|faculty positions?"
    r"|lecturers?|tenure[\s-]track|professeur\w*|professor[ei]|ma[iî]tre de conf[ée]rences",
    # Positions that are none of the types ("graduate students" are PhD students in one
    # country and master's students in another): they only make a place unclear.
    PostingType.OTHER: r"(?:under)?graduate students?|visiting (?:students?|scholars?)",
}
_TYPE_WORDS = {
    kind: re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE) for kind, words in _WORDS.items()
}
_POSITION = re.compile(
    r"\W{0,3}(?:position|stelle|poste|posizione|opening|vacanc|candidate|researcher|fellow"
    r"|student|studentship|scholarship|contract|contrat|contratto|job)",
    re.IGNORECASE,
)
"""What follows a type's words in the opening paragraph when they name the position."""
_HEADING = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class InferredType:
    """A type read from the text: the type, where (title, headings, first paragraph) and the
    words it was read from, for ``check`` to show."""

    type: PostingType
    where: str
    words: str


def infer_type(title: str, body_html: str = "", first_paragraph: str = "") -> InferredType | None:
    """The posting's type from its title, else its headings, else its opening paragraph;
    None unless the first place that names a type names exactly one."""
    headings = " | ".join(
        _TAG.sub("", match.group(2)) for match in _HEADING.finditer(body_html[:20000])
    )
    for where, text, as_position in (
        ("title", title, False),
        ("headings", headings, False),
        ("first paragraph", first_paragraph, True),
    ):
        kinds = _types_named(text, as_position=as_position)
        if as_position and len(_types_named(text, as_position=False)) > 1:
            return None  # "a postdoc or PhD position", "PhD students and postdocs": unclear
        if len(kinds) == 1 and PostingType.OTHER not in kinds:
            ((kind, words),) = kinds.items()
            return InferredType(kind, where, words)
        if kinds:
            return None  # several types: unclear, and later places will not make it clearer
    return None


def _types_named(text: str, *, as_position: bool) -> dict[PostingType, str]:
    """Every type whose words ``text`` has, with the first words found for it."""
    kinds: dict[PostingType, str] = {}
    for kind, pattern in _TYPE_WORDS.items():
        for match in pattern.finditer(text):
            if not as_position or _POSITION.match(text, match.end()):
                kinds.setdefault(kind, match.group(0))
                break
    return kinds
