"""The words the plugin reads in a posting's own text, in each language of its catalogs.

Migrated postings say what they are, how to apply and until when only in their words. The
readers (``extract`` for the apply target and a stated deadline, ``infer`` for the type) keep
their logic; the words live here, so a contributor who adds a language to the catalogs adds
its words in this one file. Tests fail when a catalog language has none
(tests/test_infer.py, tests/test_extract.py); month names come from Babel (``expiry``).
"""

from __future__ import annotations

import re
from functools import cache

from mkdocs_postings.model import PostingType

__all__ = [
    "APPLY_HEADINGS",
    "APPLY_WORDS",
    "DEADLINE_LABEL",
    "DEADLINE_LABEL_FOLDED",
    "DEADLINE_WORDS",
    "POSITION_WORDS",
    "type_words",
]

# ------------------------------------------------------------------ how to apply

APPLY_HEADINGS = frozenset(
    {
        "application",
        "applications",
        "application procedure",
        "application process",
        "how to apply",
        "to apply",
        "apply",
        "apply now",
        "procedure",
        "contact",
        "contacts",
        "contact information",
        "bewerbung",
        "ihre bewerbung",
        "bewerbungen",
        "kontakt",
        "candidature",
        "candidatures",
        "comment candidater",
        "comment postuler",
        "postuler",
        "contacts et candidature",
        "candidatura",
        "come candidarsi",
        "contatti",
        "contatto",
        "supervisors",
        "supervisor",
        # es pt
        "solicitud",
        "solicitudes",
        "cómo solicitar",
        "cómo postular",
        "postulación",
        "contacto",
        "inscrição",
        "inscrições",
        "como se candidatar",
        "candidaturas",
        "contato",
        # nl sv pl
        "sollicitatie",
        "solliciteren",
        "sollicitatieprocedure",
        "ansökan",
        "så ansöker du",
        "zgłoszenia",
        "aplikacja",
        "jak aplikować",
        "rekrutacja",
        # zh ja ar
        "申请方式",
        "应聘方式",
        "联系方式",
        "応募方法",
        "問い合わせ先",
        "連絡先",
        "التقديم",
        "طريقة التقديم",
        "كيفية التقديم",
        "للتواصل",
    }
)
"""Section titles and bold labels (compared case-insensitively, ignoring punctuation and emoji)
whose section holds the apply target."""

APPLY_WORDS = re.compile(
    r"\b(?:apply|applying|applicants?|applications?\s+(?:should|must|are|can|will|need|"
    r"form|portal|process|procedure|materials|documents|package|via|by|close|due)|"
    r"send|sent|submit\w*|get in touch|write to|e-?mail (?:us|me)|join us|"
    r"(?:please )?contact(?:ing)? (?:us|me|him|her|them|prof|dr|the)|"
    r"bewerb\w*|sende\w*|schick\w*|einreich\w*|kontaktier\w*|"
    r"candidat\w*|postul\w*|envoy\w*|écri\w*|invia\w*|inviare|domand\w*|contatta\w*|"
    r"env[ií](?:ar|e|en|em|ad[oa]s?)|solicit\w*|inscri\w*|"  # es pt
    r"sollicit\w*|stuur\w*|ansök\w*|skicka\w*|aplik\w*|wyśl\w*|prześl\w*|zgłosz\w*|"  # nl sv pl
    r"أرسل\w*|إرسال|(?:لل|ال)?تقديم)"  # ar
    r"|申请|投递|发送|应聘|联系|応募|送付|提出|連絡",  # zh ja: no word boundaries
    re.IGNORECASE,
)
"""Words in a sentence that make its link or address a plausible way to apply."""


# ------------------------------------------------------------------ a deadline the text states

# Labels of the languages written in letters are tried only where a word starts (\b); those of
# Chinese and Japanese stand between other characters with no word boundary, so they follow as
# plain literals. All are written in lower case: ``DEADLINE_LABEL_FOLDED`` looks for them in
# case-folded text without IGNORECASE, which compares every branch at every place it is tried
# (extract.find_deadline: the folded search rules a paragraph out, the case-insensitive one
# finds the exact words). Measured with cachegrind on the benchmark's "Apply through the
# portal ..." paragraph, a label word but no label: 0.82 M instructions with the
# case-insensitive pattern alone (the four languages before), 0.23 M as written here.
_DEADLINE_LABELS = (
    r"\b(?:application\s+deadline|deadline\s+for\s+applications?|deadline|closing\s+date"
    r"|applications?\s+(?:close|are\s+due|due)(?:\s+on)?|apply\s+(?:by|before)"
    r"|bewerbungsfrist|bewerbungsschluss|einsendeschluss|bewerbungen\s+bis"
    r"|date\s+limite(?:\s+de\s+candidature)?|date\s+de\s+clôture"
    r"|scadenza(?:\s+(?:del\s+bando|per\s+la\s+presentazione\s+delle\s+domande))?"
    r"|termine\s+ultimo"
    r"|fecha\s+l[íi]mite(?:\s+de\s+(?:solicitud|presentaci[óo]n|postulaci[óo]n))?"  # es
    r"|plazo\s+de\s+(?:solicitud|presentaci[óo]n|postulaci[óo]n)(?:\s+de\s+solicitudes)?"
    r"|data\s+limite(?:\s+de\s+(?:inscri[çc][ãa]o|candidatura|submiss[ãa]o))?"  # pt
    r"|prazo\s+(?:de|para)\s+(?:inscri[çc][ãa]o|inscri[çc][õo]es|candidaturas?|submiss[ãa]o)"
    r"|sluitingsdatum|reageren\s+v[óo][óo]r|solliciteren\s+v[óo][óo]r"  # nl
    r"|sista\s+ans[öo]kningsdag(?:en)?|ans[öo]k\s+senast"  # sv
    r"|termin\s+(?:składania|nadsyłania)\s+(?:zgłoszeń|aplikacji|dokumentów|ofert)"  # pl
    r"|آخر\s+موعد(?:\s+للتقديم)?|الموعد\s+النهائي)"  # ar
    r"|申请截止(?:日期|时间)|截止(?:日期|时间)|応募(?:締切|締め切り|期限)|締切日?|締め切り"  # zh ja
)
DEADLINE_LABEL = re.compile(_DEADLINE_LABELS, re.IGNORECASE)
"""A deadline's label ("Application deadline", "Bewerbungsfrist", "Fecha límite", "截止日期")."""
DEADLINE_LABEL_FOLDED = re.compile(_DEADLINE_LABELS)
"""The same labels in case-folded text (``str.casefold``, dotless and dotted i as "i")."""
DEADLINE_WORDS = (
    "deadline",
    "closing",
    "application",
    "apply",
    "bewerbung",
    "einsendeschluss",
    "date",
    "scadenza",
    "termine",
    "fecha",
    "plazo",
    "limite",
    "prazo",
    "sluitingsdatum",
    "reageren",
    "solliciteren",
    "ansök",
    "ansok",
    "składania",
    "nadsyłania",
    "截止",
    "締",
    "期限",
    "موعد",
)
"""One of these is in every text ``DEADLINE_LABEL`` matches (compared case-folded)."""


# ------------------------------------------------------------------ the type of position

# The words of each type, one line per language or group of languages. Where one type's words
# hold another's ("post-doctorant" holds "doctorant", 博士后 holds 博士), the longer words win:
# see infer._types_named. Chinese and Japanese words stand without word boundaries (_CJK).
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


@cache
def type_words() -> dict[PostingType, re.Pattern[str]]:
    """Each type's words as one pattern, compiled on first use (11 ms): a site whose postings
    all state their type never needs them."""
    return {
        kind: re.compile(
            rf"(?<!\w)(?:{'|'.join(words)})(?!\w)" + (f"|(?:{_CJK[kind]})" if kind in _CJK else ""),
            re.IGNORECASE,
        )
        for kind, words in _WORDS.items()
    }


POSITION_WORDS = re.compile(
    r"\W{0,3}(?:position|stelle|poste|posizione|opening|vacanc|candidate|researcher|fellow"
    r"|student|studentship|scholarship|contract|contrat|contratto|job"
    r"|puesto|plaza|contrato|beca|vacante|vaga|bolsa|posi[çc][ãa]o|cargo"  # es pt
    r"|positie|functie|plek|vacature|tj[äa]nst|anst[äa]llning|befattning"  # nl sv
    r"|stanowisk|etat|stypendi|pozycj"  # pl
    r"|职位|岗位|研究员|研究人员|研究員|募集|公募)",  # zh ja
    re.IGNORECASE,
)
"""What follows a type's words in the opening paragraph when they name the position."""
