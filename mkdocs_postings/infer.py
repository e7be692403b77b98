"""What kind of position a migrated posting is, read from its own words.

A Hugo or Jekyll posting has no ``posting.type``; its title usually says it ("Postdoc Opening
in Machine Learning", "Stellenausschreibung: 3 Doktorandenstellen"). ``infer_type`` reads the
title first, then the body's headings, then its opening paragraph, in every language the
plugin speaks (the twelve of its catalogs), and answers only on a clear match: the
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

# The words of each type, one line per language or group of languages. Where one type's words
# hold another's ("post-doctorant" holds "doctorant", 博士后 holds 博士), the longer words win:
# see _types_named. Chinese and Japanese words stand without word boundaries (_CJK).
_WORDS: dict[PostingType, tuple[str, ...]] = {
    PostingType.POSTDOC: (
        r"post[\s-]?doc\w*|post[\s-]?dok\w*",  # en fr nl "post-doctoral", de sv "Postdoktorand"
        r"post[\s-]?dott\w*|assegn[oi] di ricerca",  # it
        r"pos[\s-]?doc\w*|p[óo]s[\s-]?doc\w*|est[áa]gio p[óo]s[\s-]?doutora\w*"  # es pt
        r"|p[óo]s[\s-]?doutora\w*",
        r"sta[żz]\w* podoktorsk\w*|podoktorsk\w*",  # pl
        r"(?:ما )?بعد (?:ال)?دكتوراه",  # ar
    ),
    PostingType.PHD: (
        r"ph\.?\s?d\.?s?|doctoral|doctorate|doctorant\w*|th[eè]se de doctorat",  # en fr
        r"doktoran\w*|promotionsstelle\w*",  # de sv pl
        r"dottorat\w*|dottorand\w*",  # it
        r"doctorado\w*|doctorand[oa]s?|doutorado\w*|doutoramento\w*|doutorand[oa]s?",  # es pt
        r"promovend\w*|promotie(?:plaats|plek|traject|onderzoek|positie|student)\w*",  # nl
        r"(?:و?(?:ال|لل))?دكتوراه",  # ar
    ),
    PostingType.RESEARCH_ASSISTANT: (
        r"research assistants?|wissenschaftliche[rn]? hilfskr[aä]ft\w*",  # en de
        r"assistant\w* de recherche|assistent[ei] di ricerca",  # fr it
        r"(?:asistente|ayudante)s? de investigaci[óo]n"  # es
        r"|assistentes? de (?:pesquisa|investiga[çc][ãa]o)",  # pt
        r"onderzoeksassistent\w*|forskningsassistent\w*",  # nl sv
        r"asystent\w* (?:badawcz|naukow)\w*",  # pl
        r"مساعدي? (?:بحث|باحث)\w*|باحث مساعد",  # ar
    ),
    PostingType.STUDENT: (
        r"student(?:ische[rn]?)? (?:assistant|hilfskr[aä]ft)\w*|hiwis?",  # en de
        r"master'?s? (?:thes[ie]s|projects?|positions?|students?|intern?ships?)",  # en
        r"bachelor'?s? (?:thesis|theses|project|projects)|semester projects?|student projects?",
        r"masterarbeit\w*|bachelorarbeit\w*",  # de
        r"tesi(?: di laurea| triennal\w*| magistral\w*)|m[ée]moire de master",  # it fr
        r"trabajos? de fin de (?:m[áa]ster|grado)|tesis de (?:m[áa]ster|maestr[íi]a)",  # es
        r"disserta[çc][ãa]o de mestrado|inicia[çc][ãa]o cient[íi]fica",  # pt
        r"masterscriptie\w*|afstudeer(?:opdracht|project|stage)\w*",  # nl
        r"examensarbete\w*|exjobb\w*",  # sv
        r"prac\w* (?:magistersk|licencjack|dyplomow)\w*",  # pl
        r"(?:رسالة|طلاب|طالب) (?:ال)?ماجستير",  # ar
    ),
    PostingType.INTERNSHIP: (
        r"internships?|interns?|praktik\w*|stagiaires?|stage de \w+|tirocini\w*",  # en de sv fr it
        r"pr[áa]cticas|pasant[íi]as?",  # es
        r"est[áa]gios?|estagi[áa]ri[oa]s?",  # pt
        r"stageplaats\w*|stagiair\w*",  # nl
        r"sta[żz](?:e|u|y|em|ów)?|praktyk[ai] studenck\w*",  # pl
        r"تدريب (?:صيفي|عملي)|متدرب\w*",  # ar
    ),
    PostingType.ENGINEER: (
        r"engineers?|ing[ée]nieur\w*(?:\.e)?|ingegner[ei]",  # en fr de nl it
        r"ingenier[oa]s?|engenheir[oa]s?",  # es pt
        r"\w*ingenj[öo]r\w*|in[żz]ynier(?:a|em|owie|ów)?",  # sv pl
        r"مهندس\w*",  # ar
    ),
    PostingType.TECHNICIAN: (
        r"technicians?|technical assistants?|technicien\w*",  # en fr
        r"techniker\w*|technische[rn]? assistent\w*|tecnic[oi] di laboratorio",  # de it
        r"t[ée]cnic[oa]s? de laborat[óo]ri[oa]",  # es pt
        r"laborant\w*|technik\w* laborat\w*",  # nl sv pl
        r"(?:فني|تقني)ي? (?:ال)?مختبر",  # ar
    ),
    PostingType.FACULTY: (
        r"professor\w*|faculty positions?|lecturers?|tenure[\s-]track",  # en pt
        r"professur\w*|juniorprofessur\w*|professeur\w*|ma[iî]tre de conf[ée]rences",  # de fr
        r"professor[ei]|profesor\w*|catedr[áa]tic[oa]s?",  # it es pl
        r"hoogleraar\w*|universitair (?:hoofd)?docent\w*",  # nl
        r"\w*lektor\w*|adiunkt\w*",  # sv pl
        r"أستاذ\w*|عضو هيئة (?:ال)?تدريس",  # ar
    ),
    # Positions that are none of the types ("graduate students" are PhD students in one
    # country and master's students in another): they only make a place unclear.
    PostingType.OTHER: (r"(?:under)?graduate students?|visiting (?:students?|scholars?)",),
}
_CJK: dict[PostingType, str] = {
    PostingType.POSTDOC: "博士后|博士後|博士研究員|ポスドク",
    PostingType.PHD: "博士(?:生|研究生|課程|课程|後期課程)?",
    PostingType.RESEARCH_ASSISTANT: "研究助理|科研助理|研究補助員|リサーチアシスタント",
    PostingType.STUDENT: "硕士(?:研究)?生|修士(?:課程|学生)",
    PostingType.INTERNSHIP: "实习生?|インターン(?:シップ)?",
    PostingType.ENGINEER: "工程师|エンジニア",
    PostingType.TECHNICIAN: "技术员|实验员|技術職員|技術補佐員",
    PostingType.FACULTY: "教授|讲师|講師|教职|教員",
}
_TYPE_WORDS = {
    kind: re.compile(
        rf"(?<!\w)(?:{'|'.join(words)})(?!\w)" + (f"|(?:{_CJK[kind]})" if kind in _CJK else ""),
        re.IGNORECASE,
    )
    for kind, words in _WORDS.items()
}
_POSITION = re.compile(
    r"\W{0,3}(?:position|stelle|poste|posizione|opening|vacanc|candidate|researcher|fellow"
    r"|student|studentship|scholarship|contract|contrat|contratto|job"
    r"|puesto|plaza|contrato|beca|vacante|vaga|bolsa|posi[çc][ãa]o|cargo"  # es pt
    r"|positie|functie|plek|vacature|tj[äa]nst|anst[äa]llning|befattning"  # nl sv
    r"|stanowisk|etat|stypendi|pozycj"  # pl
    r"|职位|岗位|研究员|研究人员|研究員|募集|公募)",  # zh ja
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
    """Every type whose words ``text`` has, with the first words found for it. Words inside
    longer words of another type do not count: "post-doctorant" names a postdoc, not a PhD."""
    found = [
        (match.start(), match.end(), kind, match.group(0))
        for kind, pattern in _TYPE_WORDS.items()
        for match in pattern.finditer(text)
    ]
    kinds: dict[PostingType, str] = {}
    for start, end, kind, words in found:
        inside_longer = any(
            other is not kind and other_start <= start and end <= other_end
            for other_start, other_end, other, _ in found
            if other_end - other_start > end - start
        )
        if inside_longer or (as_position and not _POSITION.match(text, end)):
            continue
        kinds.setdefault(kind, words)
    return kinds
