"""The words the plugin reads in a posting's own text, in each language of its catalogs.

Migrated postings say what they are, how to apply and until when only in their words. The
readers (``extract`` for the apply target and a stated deadline, ``infer`` for the type) keep
their logic; the words live here, so a contributor who adds a language to the catalogs adds
its words in this one file. Tests fail when a catalog language has none
(tests/test_infer.py, tests/test_extract.py); month names come from Babel (``expiry``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import cache

from mkdocs_postings.model import PostingType


class LazyPattern:
    """A regular expression compiled on first use, for the words only some postings need
    (type inference, statements, dates in sentences): compiling a long alternation in Python's
    ``re`` costs milliseconds, and every build imports this module. Measured with the
    benchmark at 1,000 postings, all of which state their type and deadline: compiling these
    at import cost 0.1 G instructions, 0.3 % of the floor build."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source, self._flags = source, flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def pattern(self) -> str:
        return self._source

    @property
    def flags(self) -> int:
        return self.compiled.flags

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(text, pos, endpos)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text, pos, endpos)


__all__ = [
    "APPLICATION_WORDS",
    "APPLY_HEADINGS",
    "APPLY_WORDS",
    "BY_A_DATE",
    "CALL_WORDS",
    "CONTACT_HEADINGS",
    "COORDINATION",
    "DEADLINE_LABEL",
    "DEADLINE_LABEL_FOLDED",
    "DEADLINE_WORDS",
    "FOLLOW_UP",
    "HIRING",
    "INQUIRY_WORDS",
    "JOB_BEFORE",
    "JOB_WORDS",
    "NAMED",
    "PERSON_TITLE",
    "POSITION_WORDS",
    "QUALIFICATION",
    "STATUS_STATEMENTS",
    "type_words",
]

# ------------------------------------------------------------------ how to apply

CONTACT_HEADINGS = frozenset(
    {
        "contact",
        "contacts",
        "contact information",
        "contact person",
        "contact persons",
        "kontakt",
        "ansprechpartner",
        "ansprechpartnerin",
        "contatti",
        "contatto",
        "supervisors",
        "supervisor",
        "contacto",
        "contato",
        "联系方式",
        "問い合わせ先",
        "連絡先",
        "للتواصل",
    }
)
"""Apply headings whose section names people to write to, not the way to apply: its address
is used when the posting offers nothing else (a sentence about applying, the call's link)."""

APPLY_HEADINGS = CONTACT_HEADINGS | frozenset(
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
    r"candidat(?!es?\b)\w*|postul\w*|envoy\w*|écri\w*|invia\w*|inviare|domand\w*|contatta\w*|"
    r"env[ií](?:ar|e|en|em|ad[oa]s?)|solicit\w*|inscri\w*|"  # es pt
    r"sollicit\w*|stuur\w*|ansök\w*|skicka\w*|aplik\w*|wyśl\w*|prześl\w*|zgłosz\w*|"  # nl sv pl
    r"أرسل\w*|إرسال|(?:لل|ال)?تقديم)"  # ar
    r"|申请|投递|发送|应聘|联系|応募|送付|提出|連絡",  # zh ja: no word boundaries
    re.IGNORECASE,
)
"""Words in a sentence that make its link or address a plausible way to apply."""

CALL_WORDS = re.compile(
    r"\b(?:(?:full|official|formal|open)\s+call|calls?\s+for\s+(?:applications|expressions)"
    r"|job\s+(?:ad|advert\w*|offer|posting|description|listing|portal|page|website|site)"
    r"|advert(?:s|isements?|ised)?\b|announcement|vacanc\w*|portal"
    r"|application\s+(?:link|form|page|website|site|system)"
    r"|(?:follow|click|use|via|through)\s+(?:this|the\s+following|the)\s+link"
    r"|(?:this|the|our|an?|online|google|web|application|registration)\s+form\b"
    r"|(?:stellen)?ausschreibung\w*|stellenangebot\w*|stellenanzeige\w*|\w*formular\w*"  # de
    r"|offre\s+d'emploi|fiche\s+de\s+poste|appel\s+(?:à|a)\s+candidatures?|portail"  # fr
    r"|bando|avviso\s+pubblico|portale"  # it
    r"|convocatoria|oferta\s+de\s+empleo|edital|formul[áa]rio|formulaire"  # es pt fr
    r"|vacature\w*|platsannons\w*|ogłoszeni\w*|formularz\w*"  # nl sv pl
    r"|formulář\w*|inzerát\w*|výběrové\s+řízení"  # cs
    r"|(?:ال)?إعلان|(?:ال)?بوابة|(?:ال)?نموذج)"  # ar
    r"|募集要項|公募|フォーム|招聘启事|招聘公告|报名表|申请表",  # ja zh: no word boundaries
    re.IGNORECASE,
)
"""Words naming the call, the job advert, the portal or the form, in the sentence of a link
or in its own text ("the application link can be found [here]", "[here](...) for the official
advertisement", "[KIT's job portal](...)"): the link is the way to apply."""

INQUIRY_WORDS = re.compile(
    r"\b(?:questions?|inquir\w*|enquir\w*|informal\w*"
    r"|fragen|rückfragen|auskunft|auskünfte|renseignements|chiarimenti"  # de fr it
    r"|preguntas|dudas|consultas|dúvidas|perguntas|vragen|frågor|pytania|pytań"  # es pt nl sv pl
    r"|(?:لل|ال)?استفسار\w*)"  # ar
    r"|咨询|疑问|質問",  # zh ja
    re.IGNORECASE,
)
"""Words of a sentence for questions ("For informal inquiries, contact [Jo](...)"): its address
is a contact, used when the posting offers nothing else."""


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
    r"|closes|closing\s+on|close\s+on"
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
DEADLINE_LABEL_FOLDED = LazyPattern(_DEADLINE_LABELS)
"""The same labels in case-folded text (``str.casefold``, dotless and dotted i as "i")."""
DEADLINE_WORDS = (
    "deadline",
    "closing",
    "closes",
    "close",
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

BY_A_DATE = LazyPattern(
    r"\b(?:by|before|until|till|no\s+later\s+than|not\s+later\s+than|prior\s+to"
    r"|bis(?:\s+(?:zum|spätestens))?|spätestens(?:\s+(?:am|bis))?"  # de
    r"|avant(?:\s+le)?|jusqu'(?:au|à)|d'ici\s+le"  # fr
    r"|entro(?:\s+il)?|non\s+oltre\s+il"  # it
    r"|antes\s+del?|hasta\s+el|até|antes\s+de"  # es pt
    r"|v[oó][oó]r|senast|do\s+dnia)\b",  # nl sv pl
    re.IGNORECASE,
)
APPLICATION_WORDS = LazyPattern(
    r"\b(?:applications?|applicants?|bewerbung\w*|candidatures?|domand[ae]|solicitud\w*"
    r"|candidaturas?|inscri[çc]\w+|sollicitatie\w*|ansökan\w*|zgłosze\w*)\b",
    re.IGNORECASE,
)
"""Words that make a sentence one about applying for a deadline, besides ``APPLY_WORDS``
("Priority will be given to applications received before 31/10/2025")."""

"""Words that put a date as the last day in a sentence about applying ("send your CV by 1
December 2022", "bis zum 01.02.2019 per E-Mail"); the date must follow closely."""


# ------------------------------------------------------------------ what the text says of status

_ROLLING = (
    r"(?:open|available|remain\w*|advertised)\s+until\s+(?:being\s+)?filled"
    r"|until\s+(?:the\s+)?(?:positions?|posts?|vacanc\w+|roles?)\s+(?:(?:is|are|has|have)\s+"
    r"(?:been\s+)?)?filled|until\s+filled"
    r"|until\s+(?:a\s+)?suitable\s+candidates?\s+(?:(?:is|are|has|have)\s+(?:been\s+)?)?"
    r"(?:found|selected|identified)"
    r"|(?:on\s+a\s+)?rolling\s+basis|there\s+is\s+no\s+(?:application\s+)?deadline"
    r"|no\s+fixed\s+deadline|apply\s+at\s+any\s*time"
    r"|bis\s+zur\s+(?:erfolgreichen\s+)?besetzung|laufend\s+entgegen|fortlaufend"  # de
    r"|au\s+fil\s+de\s+l'eau|jusqu'à\s+(?:ce\s+que\s+le\s+poste\s+soit\s+pourvu"
    r"|pourvoi\w*|sélection)"  # fr
    r"|fino\s+(?:a|alla)\s+copertura|fino\s+ad\s+esaurimento"  # it
    r"|hasta\s+(?:cubrir|que\s+se\s+cubra)|até\s+o\s+preenchimento"  # es pt
)
_FILLED = (
    r"(?:position|post|role|vacancy|job|positions|posts)\s+(?:has|have)\s+(?:now\s+|already\s+)?"
    r"been\s+(?:filled|taken|closed)|(?:has|have)\s+been\s+(?:chosen|selected|hired|recruited)"
    r"|(?<!until\s)(?<!until\sthe\s)(?:position|post)\s+is\s+(?:now\s+)?filled\b(?!\s*\.?\s*$)?"
    r"|is\s+no\s+longer\s+(?:available|open)"
    r"|stelle\s+(?:ist|wurde)\s+(?:bereits\s+)?(?:besetzt|vergeben)"  # de
    r"|poste\s+(?:est|a\s+été)\s+pourvu|a\s+été\s+pourvu"  # fr
    r"|posizione\s+è\s+stata\s+(?:assegnata|coperta)"  # it
)
_NO_OPENING = (
    r"(?:there\s+are\s+)?(?:currently\s+)?no\s+(?:open\s+|current\s+|available\s+)?"
    r"(?:positions?|openings?|vacanc\w+)\s+(?:open\s+|available\s+)?"
    r"(?:at\s+the\s+moment|at\s+present|currently|right\s+now|at\s+this\s+time)"
    r"|(?:currently|at\s+the\s+moment|at\s+present)\s+(?:no|not\s+any)\s+(?:open\s+)?"
    r"(?:positions?|openings?|vacanc\w+)"
    r"|(?:currently|at\s+the\s+moment)\s+(?:we\s+)?(?:have|there\s+are)\s+no\s+"
    r"(?:open\s+)?(?:positions?|openings?|vacanc\w+)"
    r"|(?:derzeit|zurzeit|aktuell)\s+(?:sind\s+)?keine\s+(?:offenen\s+)?stellen"  # de
    r"|aucun\s+poste\s+(?:n'est\s+)?(?:ouvert|disponible)"  # fr
    r"|nessuna\s+posizione\s+(?:aperta|disponibile)"  # it
)
STATUS_STATEMENTS: tuple[tuple[str, LazyPattern], ...] = (
    ("rolling", LazyPattern(rf"(?:{_ROLLING})", re.IGNORECASE)),
    ("filled", LazyPattern(rf"(?:{_FILLED})", re.IGNORECASE)),
    ("none", LazyPattern(rf"\b(?:{_NO_OPENING})", re.IGNORECASE)),
)
"""Sentences that say a posting is open until filled (``rolling``), has been filled
(``filled``), or that there is no opening (``none``)."""


# ------------------------------------------------------------------ the type of position

# The words of each type, one line per language or group of languages. Where one type's words
# hold another's ("post-doctorant" holds "doctorant", 博士后 holds 博士), the longer words win:
# see infer._types_named. Chinese, Japanese and Korean words stand without word boundaries
# (_CJK). ``_POSITIONS`` are words that name a position of their type by themselves
# ("internship", "Masterarbeit", "Doktorandenstelle"); ``_WORDS`` name the type, which may be a
# degree ("holds a PhD", 硕士及以上学历): in an opening paragraph they count only before a
# position word ("a PhD position").
_ARTICLE = r"(?:le|un|ce|du|au|en|de|d'|votre|notre|son|cet|les|des|ces|aux|nos|vos)"
_POSITIONS: dict[PostingType, tuple[str, ...]] = {
    PostingType.POSTDOC: (
        r"assegn[oi] di ricerca",  # it
        r"est[áa]gio p[óo]s[\s-]?doutora\w*",  # pt
        r"sta[żz]\w* podoktorsk\w*",  # pl
    ),
    PostingType.PHD: (
        r"th[eè]ses? de doctorat",  # fr
        r"doktorand(?:en|innen)?stellen?|promotionsstellen?|promotionsstudent\w*",  # de
        r"tesi di dottorato|bors[ae] di dottorato",  # it
        r"promotie(?:plaats|plek|traject|onderzoek|positie|student)\w*",  # nl
    ),
    PostingType.STUDENT: (
        r"student(?:ische[rn]?)? (?:research )?(?:assistant|hilfskr[aä]ft)\w*|hiwis?",  # en de
        r"wissenschaftliche[rn]? hilfskr[aä]ft\w*|hilfskr[aä]ft\w*|werkstudent\w*",  # de
        r"(?:master'?s?|m\.?sc\.?|m\.?s\.?|master\s?[12]|m[12]) (?:thes[ie]s|projects?|positions?)",
        r"(?:bachelor'?s?|b\.?sc\.?|b\.?s\.?) (?:thes[ie]s|projects?|positions?)",  # en
        r"semester projects?|student projects?",
        r"masterarbeit\w*|bachelorarbeit\w*|abschlussarbeit\w*|studienarbeit\w*",  # de
        r"tesi(?: di laurea| triennal\w*| magistral\w*)?|m[ée]moires? de master",  # it fr
        r"trabajos? (?:de )?fin de (?:m[áa]ster|grado)|tesis de (?:m[áa]ster|maestr[íi]a)",  # es
        r"disserta[çc][ãa]o de mestrado|inicia[çc][ãa]o cient[íi]fica",  # pt
        r"masterscriptie\w*|afstudeer(?:opdracht|project|stage)\w*",  # nl
        r"examensarbete\w*|exjobb\w*",  # sv
        r"prac\w* (?:magistersk|licencjack|dyplomow)\w*",  # pl
        r"رسالة (?:ال)?ماجستير",  # ar
    ),
    PostingType.INTERNSHIP: (
        # en: an internship for a level ("PhD internship") is an internship
        r"(?:master'?s?\s?[12]?|m[12]|ph\.?\s?d\.?|doctoral|(?:under)?graduate|student|summer"
        r"|research) (?:intern?ships?|interns?)",
        r"internships?|interns?|praktik\w*|tirocini\w*",  # en de sv it
        # fr: "stage" is an English word too, so only after an article or before "de", "M2"
        rf"stagiaires?|(?:{_ARTICLE} ?)?stages? (?:(?:de |d'|en )?(?:master\s?[12]|m[12])"
        rf"|(?:de|d'|en)\s?\w*)|{_ARTICLE} ?stages?",
        r"pr[áa]cticas|pasant[íi]as?",  # es
        r"est[áa]gios?|estagi[áa]ri[oa]s?",  # pt
        r"stageplaats\w*|stagiair\w*",  # nl
        r"sta[żz](?:e|u|y|em|ów)?|praktyk[ai] studenck\w*",  # pl
        r"stáž\w*",  # cs
        r"تدريب (?:صيفي|عملي)|متدرب\w*",  # ar
    ),
}
_WORDS: dict[PostingType, tuple[str, ...]] = {
    PostingType.POSTDOC: (
        # en: a postdoc's title, the research assistant in it included (UK)
        r"post[\s-]?doctoral research (?:assistant|associate|fellow)s?",
        r"post[\s-]?doc\w*|post[\s-]?dok\w*",  # en fr nl "post-doctoral", de sv "Postdoktorand"
        r"post[\s-]?dott\w*",  # it
        r"pos[\s-]?doc\w*|p[óo]s[\s-]?doc\w*|p[óo]s[\s-]?doutora\w*",  # es pt
        r"podoktorsk\w*",  # pl
        r"(?:ما )?بعد (?:ال)?دكتوراه",  # ar
    ),
    PostingType.PHD: (
        r"ph\.?\s?d\.?s?|doctoral|doctorate|doctorant\w*|doctorats?|thèses?",  # en fr
        r"doktoran\w*|doktorarbeit\w*",  # de sv pl cs
        r"dottorat\w*|dottorand\w*",  # it
        r"doctorado\w*|doctorand[oa]s?|doutorado\w*|doutoramento\w*|doutorand[oa]s?",  # es pt
        r"promovend\w*",  # nl
        r"(?:و?(?:ال|لل))?دكتوراه",  # ar
    ),
    PostingType.RESEARCH_ASSISTANT: (
        r"research assistants?",  # en
        r"wissenschaftliche(?:[rn]|/r|\(r\))? mitarbeiter\w*",  # de
        r"assistant\w* de recherche|assistent[ei] di ricerca",  # fr it
        r"(?:asistente|ayudante)s? de investigaci[óo]n"  # es
        r"|assistentes? de (?:pesquisa|investiga[çc][ãa]o)",  # pt
        r"onderzoeksassistent\w*|forskningsassistent\w*",  # nl sv
        r"asystent\w* (?:badawcz|naukow)\w*",  # pl
        r"مساعدي? (?:بحث|باحث)\w*|باحث مساعد",  # ar
    ),
    PostingType.STUDENT: (
        r"(?:master'?s?|m\.?sc\.?|m\.?s\.?|master\s?[12]|m[12]) students?|master\s?[12]",  # en fr
        r"(?:bachelor'?s?|b\.?sc\.?|b\.?s\.?) students?",  # en
        r"masterand\w*|bachelorand\w*",  # de
        r"laureand\w*|tesist\w*",  # it
        r"estudiantes? de (?:m[áa]ster|grado|maestr[íi]a)",  # es
        r"mestrand[oa]s?|alun[oa]s? de mestrado",  # pt
        r"(?:طلاب|طالب) (?:ال)?ماجستير",  # ar
    ),
    PostingType.INTERNSHIP: (),
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
        r"ricercat(?:ore|rice|ori) a tempo determinato|rtd(?: di tipo)?[\s-]?[ab]",  # it
        r"hoogleraar\w*|universitair (?:hoofd)?docent\w*",  # nl
        r"\w*lektor\w*|adiunkt\w*",  # sv pl
        r"أستاذ\w*|عضو هيئة (?:ال)?تدريس",  # ar
    ),
    # Positions that are none of the types ("graduate students" are PhD students in one
    # country and master's students in another; a graduate research assistantship funds
    # either): they make a place unclear where they name the position, and hide the words
    # they hold ("research assistant").
    PostingType.OTHER: (
        r"(?:under)?graduate students?|visiting (?:students?|scholars?)",
        r"graduate (?:research|teaching) assistant(?:s|ships?)?|research assistant professors?",
    ),
}
# Written without word boundaries: Chinese and Japanese have no spaces, Korean attaches its
# particles to the noun (박사과정을). Positions first, as in _POSITIONS.
_CJK_POSITIONS: dict[PostingType, str] = {
    PostingType.PHD: "博士(?:生|研究生|課程|课程|後期課程)|박사(?:과정|생)",
    PostingType.STUDENT: "硕士(?:研究)?生|修士(?:課程|学生)|석사(?:과정|생)",
    PostingType.INTERNSHIP: "实习生?|インターン(?:シップ)?|인턴(?:십)?",
}
_CJK: dict[PostingType, str] = {
    PostingType.POSTDOC: "博士后|博士後|博士研究員|ポスドク|박사후|포닥",
    PostingType.PHD: "博士|박사",
    PostingType.RESEARCH_ASSISTANT: "研究助理|科研助理|研究補助員|リサーチアシスタント",
    PostingType.STUDENT: "硕士|学硕|专硕|修士|석사|석(?=·)",
    PostingType.ENGINEER: "工程师|エンジニア",
    PostingType.TECHNICIAN: "技术员|实验员|技術職員|技術補佐員",
    PostingType.FACULTY: "教授|讲师|講師|教职|教員",
    PostingType.OTHER: "研究助理教授",
}


@cache
def type_words() -> dict[PostingType, re.Pattern[str]]:
    """Each type's words as one pattern, compiled on first use (11 ms): a site whose postings
    all state their type never needs them. The group ``position`` holds what matched when the
    words name a position by themselves (``_POSITIONS``)."""

    def pattern(kind: PostingType) -> str:
        positions = [_lettered(_POSITIONS.get(kind, ())), _CJK_POSITIONS.get(kind, "")]
        words = [_lettered(_WORDS[kind]), _CJK.get(kind, "")]
        position = "|".join(filter(None, positions))
        return "|".join(filter(None, [f"(?P<position>{position})" if position else "", *words]))

    return {kind: re.compile(pattern(kind), re.IGNORECASE) for kind in _WORDS}


def _lettered(words: tuple[str, ...]) -> str:
    """Words of the languages written in letters, only as whole words."""
    return rf"(?<!\w)(?:{'|'.join(words)})(?!\w)" if words else ""


POSITION_WORDS = LazyPattern(
    r"\W{0,3}(?:position|stelle|poste|posizione|opening|vacanc|candidate|researcher|fellow"
    r"|student|studentship|scholarship|contract|contrat|contratto|job"
    r"|puesto|plaza|contrato|beca|vacante|vaga|bolsa|posi[çc][ãa]o|cargo"  # es pt
    r"|positie|functie|plek|vacature|tj[äa]nst|anst[äa]llning|befattning"  # nl sv
    r"|stanowisk|etat|stypendi|pozycj"  # pl
    r"|职位|岗位|研究员|研究人员|研究員|募集|公募)",  # zh ja
    re.IGNORECASE,
)
"""What follows a type's words in the opening paragraph when they name the position."""

JOB_WORDS = LazyPattern(
    r"\W{0,3}(?:(?:student|candidate|researcher|research)\w*\W{1,3})?"
    r"(?:position|stelle|poste|posizione|opening|vacanc|studentship|scholarship|contract"
    r"|contrat|contratto|job|opportunit|project|projet|progett|proyecto|projekt"
    r"|puesto|plaza|contrato|beca|vacante|vaga|bolsa|posi[çc][ãa]o|cargo"  # es pt
    r"|positie|functie|plek|vacature|tj[äa]nst|anst[äa]llning|befattning"  # nl sv
    r"|stanowisk|etat|stypendi|pozycj"  # pl
    r"|职位|岗位|名额|募集|公募|모집)",  # zh ja ko
    re.IGNORECASE,
)
"""The position words that name a job, not the person in it ("PhD and postdoc positions",
not "PhD students and postdocs", which may be the group's members): several types in an
opening paragraph count only before one of these."""

QUALIFICATION = LazyPattern(
    r"(?:\b(?:(?:holds?|holding|holders?\s+of|with|having|completed|obtained|requires?"
    r"|mit|nach|con|com)\s+|titulaires?\s+d')"
    r"(?:(?:a|an|the|un|une|ein|einer|einem|una|um|uma)\s+)?(?:completed\s+|recent\s+)?$)"
    r"|^\s*(?:graduates?|holders?|degrees?|diplomas?|required|qualification|or\s+equivalent)\b"
    r"|(?:具有|具备|取得|获得|已获)$"  # zh
    r"|^(?:学位|学历|學歷|及以上|或以上|以上|毕业|畢業|号|の学位)",  # zh ja
    re.IGNORECASE,
)
"""Words before or after a type that make it a qualification, not a position ("Postdoc for PhD
graduates", "Postdoc with a PhD in physics", "titulaire d'un doctorat", 硕士及以上学历, 博士号):
such a type does not count. Searched in the words just before a type (up to it) and just after
it (from it)."""

PERSON_TITLE = LazyPattern(r"professor|professeur|professore|profesor|lecturer|教授", re.IGNORECASE)
NAMED = LazyPattern(
    r"\s+(?:Dr\.?\s+)?(?!(?:Of|In|For|At|And|Or|To|On|With|The|Position|Positions|Opening"
    r"|Openings|Vacancy|Job|Jobs|Chair)\b)[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+|['’]s\b"
    r"|课题组|課題組|团队|團隊|实验室|實驗室|研究室|研究组|研究組|组"
)
"""After a person's title (``PERSON_TITLE``, fully), a name or a group makes it the title of a
person, not a position ("PhD position with Professor Smith", "张教授课题组招聘博士后")."""

JOB_BEFORE = LazyPattern(
    r"\b(?:postes?|offres?|sujets?|propositions?|contrats?|bourses?"  # fr
    r"|posizion[ei]|bors[ae]|contratt[oi]|assegn[oi]"  # it
    r"|plazas?|puestos?|becas?|contratos?|vagas?|bolsas?|cargos?)"  # es pt
    r"\s+(?:de\s+(?:la\s+)?|d'|du\s+|di\s+|del\s+|per\s+|para\s+|em\s+)$",
    re.IGNORECASE,
)
"""A job named before its type, as French, Italian, Spanish and Portuguese write it ("un
poste de post-doctorat", "una plaza de doctorado"), just before the type's words."""

COORDINATION = LazyPattern(
    r"(?:\s|[,/&+|()\[\]·・、／–—-]|\d|[和及与或と]"
    r"|\b(?:and|or|as well as|und|oder|sowie|bzw|et|ou|e|ed|o|y|u|i|en|och|eller|lub|oraz"
    r"|a|an|one|two|three|several|multiple|new|open|funded|junior|senior|early[\s-]career"
    r"|des|un|une|ein|eine|einen|zwei|drei|uno|una|um|uma|dos|due|tre"
    r"|de|d'|du|di|del|della|da|do)\b\.?)*",
    re.IGNORECASE,
)
"""What may stand between the types of one list ("PhD and postdoc positions", "17 PhD and 8
postdoc positions", "博士/硕士"): a list's last words name the position for all of them. One
character or word per repetition (a digit, not a run of digits), so that a failing match costs
linear time, not exponential."""

FOLLOW_UP = LazyPattern(
    r"(?:followed\s+by|follow(?:ed)?[\s-]?ups?\s+(?:with|by|as|in)|lead(?:ing|s)?\s+to"
    r"|continu\w*\s+(?:with|as|into|towards?|to|in)|possibility\s+(?:of|to\s+\w+)"
    r"|poursui\w*\s+(?:en|par|avec|d'une?|sur)|suivie?s?\s+(?:d'une?|de|par)|débouch\w*\s+sur"
    r"|anschließende[rn]?|(?:option|möglichkeit)\s+(?:auf|zur)"  # de
    r"|seguit[oa]\s+da|possibilità\s+di"  # it
    r"|seguid[oa]s?\s+(?:de|por)|posibilidad\s+de|possibilidade\s+de)"  # es pt
    r"(?:\W+\w+){0,4}?\W+$",
    re.IGNORECASE,
)
"""Words before a type that make it what may follow the position, not the position
("an internship, possibly followed by a PhD", "Ce stage se poursuivra en thèse")."""

HIRING = LazyPattern(
    r"\b(?:hiring|recruit(?:ing)?|looking\s+for|seeking|searching\s+for|we\s+seek"
    r"|suche[nt]?|sucht|stellt\s+ein"  # de
    r"|recrute\w*|recherchons|cherchons"  # fr
    r"|cerca(?:no)?|cerchiamo"  # it
    r"|busca(?:mos|n)?|procura(?:mos|m)?"  # es pt
    r"|zoek(?:en|t)|söker|poszukuje\w*)"  # nl sv pl
    r"(?:\W+\w+){0,4}?\W+$"
    r"|(?:招聘|招收|诚聘|募集)$",  # zh ja
    re.IGNORECASE,
)
"""Words before a list of types that make them the positions sought ("We are hiring postdocs
and PhD students"), where the words after name persons."""
