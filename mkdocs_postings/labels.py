"""Every UI string, in English, German, French and Italian, and date formatting per language.

A site picks the language with ``theme.language`` (or the plugin's ``language`` option) and may
override any string with ``labels:``. Strings with ``{placeholders}`` are filled by the
templates; all of them are escaped on output.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta

from babel.dates import format_date, format_timedelta

from mkdocs_postings import expiry

__all__ = ["LANGUAGES", "Labels"]

_EN = {
    "employer": "Employer",
    "employment": "Employment",
    "employment_FULL_TIME": "Full time",
    "employment_PART_TIME": "Part time",
    "employment_CONTRACTOR": "Contractor",
    "employment_TEMPORARY": "Temporary",
    "employment_INTERN": "Internship",
    "employment_VOLUNTEER": "Volunteer",
    "employment_PER_DIEM": "Per diem",
    "employment_OTHER": "Other",
    "status_open": "Open",
    "status_closing_soon": "Closing soon",
    "status_closed": "Closed",
    "status_filled": "Filled",
    "status_cancelled": "Cancelled",
    "apply": "Apply",
    "apply_email": "Apply by e-mail",
    "facts": "Key facts",
    "type": "Position",
    "location": "Location",
    "start": "Start",
    "duration": "Duration",
    "deadline": "Deadline",
    "reference": "Reference",
    "positions": "Positions",
    "salary": "Salary",
    "contact": "Contact",
    "remote": "Work mode",
    "tags": "Tags",
    "rolling": "Open until filled",
    "draft": "Draft",
    "draft_notice": (
        "Not published yet: only this preview shows it. To publish it, delete draft: "
        "true from its front matter."
    ),
    "type_phd": "PhD position",
    "type_postdoc": "Postdoc",
    "type_research_assistant": "Research assistant",
    "type_engineer": "Engineer",
    "type_technician": "Technician",
    "type_student": "Student position",
    "type_internship": "Internship",
    "type_faculty": "Faculty",
    "type_other": "Position",
    "remote_onsite": "On site",
    "remote_hybrid": "Hybrid",
    "remote_remote": "Remote",
    "notice_open": "Open for applications.",
    "notice_open_until": "Open for applications until {deadline}.",
    "notice_rolling": "Open until filled: applications are reviewed as they arrive.",
    "notice_closing_soon": "Closing soon: applications close on {deadline}.",
    "notice_closed": "This position is closed: applications closed on {deadline}.",
    "notice_closed_undated": "This position is closed.",
    "notice_filled": "This position has been filled.",
    "notice_cancelled": "This posting has been cancelled.",
    "closes": "closes {relative}",
    "today": "today",
    "tomorrow": "tomorrow",
    "closed": "closed",
    "open_positions": "Open positions",
    "open_openings": "Open positions",
    "past_openings": "Past openings",
    "no_openings": "There are no open positions at the moment.",
    "filter_all": "All",
    "filter_type": "Type",
    "filter_tag": "Tag",
    "filter_source": "Lab",
    "all_tags": "All tags",
    "tag_title": "Openings tagged “{tag}”",
    "openings_title": "Openings",
    "follow": "Follow these openings",
    "feed": "Subscribe (Atom feed)",
    "calendar": "Deadlines calendar",
    "apply_source": "Apply link",
    "apply_found": (
        "Source: {where}. "
        "The posting names other ways to apply too; please read it before applying."
    ),
    "apply_guessed": "Source: {where}. Please check the posting before applying.",
    "found_section": "the “{detail}” section",
    "found_front_matter": "the posting's details",
    "found_sentence": "the text of the posting",
    "found_mailto": "the first e-mail link in the text",
    "found_email": "an e-mail address in the text",
    "found_url": "a web address in the text",
    "found_only_link": "the only link in the text",
    "found_front_matter_text": "the posting's details",
}

_DE = {
    "employer": "Arbeitgeber",
    "employment": "Anstellung",
    "employment_FULL_TIME": "Vollzeit",
    "employment_PART_TIME": "Teilzeit",
    "employment_CONTRACTOR": "Auftrag",
    "employment_TEMPORARY": "Befristet",
    "employment_INTERN": "Praktikum",
    "employment_VOLUNTEER": "Ehrenamtlich",
    "employment_PER_DIEM": "Tageweise",
    "employment_OTHER": "Andere",
    "status_open": "Offen",
    "status_closing_soon": "Endet bald",
    "status_closed": "Geschlossen",
    "status_filled": "Besetzt",
    "status_cancelled": "Zurückgezogen",
    "apply": "Bewerben",
    "apply_email": "Per E-Mail bewerben",
    "facts": "Eckdaten",
    "type": "Stelle",
    "location": "Ort",
    "start": "Beginn",
    "duration": "Dauer",
    "deadline": "Bewerbungsfrist",
    "reference": "Kennziffer",
    "positions": "Stellen",
    "salary": "Gehalt",
    "contact": "Kontakt",
    "remote": "Arbeitsort",
    "tags": "Schlagwörter",
    "rolling": "Bis zur Besetzung",
    "draft": "Entwurf",
    "draft_notice": (
        "Noch nicht veröffentlicht: nur diese Vorschau zeigt die Ausschreibung. Zum "
        "Veröffentlichen draft: true aus dem Front Matter löschen."
    ),
    "type_phd": "Promotionsstelle",
    "type_postdoc": "Postdoc",
    "type_research_assistant": "Wissenschaftliche Hilfskraft",
    "type_engineer": "Ingenieur/in",
    "type_technician": "Techniker/in",
    "type_student": "Studentische Stelle",
    "type_internship": "Praktikum",
    "type_faculty": "Professur",
    "type_other": "Stelle",
    "remote_onsite": "Vor Ort",
    "remote_hybrid": "Hybrid",
    "remote_remote": "Remote",
    "notice_open": "Bewerbungen sind willkommen.",
    "notice_open_until": "Bewerbungen bis {deadline}.",
    "notice_rolling": "Offen bis zur Besetzung: Bewerbungen werden laufend gesichtet.",
    "notice_closing_soon": "Endet bald: Bewerbungsschluss ist {deadline}.",
    "notice_closed": "Diese Stelle ist geschlossen: Bewerbungsschluss war {deadline}.",
    "notice_closed_undated": "Diese Stelle ist geschlossen.",
    "notice_filled": "Diese Stelle ist besetzt.",
    "notice_cancelled": "Diese Ausschreibung wurde zurückgezogen.",
    "closes": "endet {relative}",
    "today": "heute",
    "tomorrow": "morgen",
    "closed": "geschlossen",
    "open_positions": "Offene Stellen",
    "open_openings": "Offene Stellen",
    "past_openings": "Frühere Ausschreibungen",
    "no_openings": "Derzeit sind keine Stellen ausgeschrieben.",
    "filter_all": "Alle",
    "filter_type": "Art",
    "filter_tag": "Schlagwort",
    "filter_source": "Arbeitsgruppe",
    "all_tags": "Alle Schlagwörter",
    "tag_title": "Stellen zum Schlagwort „{tag}“",
    "openings_title": "Stellenangebote",
    "follow": "Diesen Ausschreibungen folgen",
    "feed": "Abonnieren (Atom-Feed)",
    "calendar": "Fristen als Kalender",
    "apply_source": "Bewerbungslink",
    "apply_found": (
        "Quelle: {where}. "
        "Die Ausschreibung nennt weitere Wege, sich zu bewerben; bitte vor der Bewerbung lesen."
    ),
    "apply_guessed": "Quelle: {where}. Bitte vor der Bewerbung die Ausschreibung prüfen.",
    "found_section": "Abschnitt „{detail}“",
    "found_front_matter": "Angaben zur Stelle",
    "found_sentence": "Text der Ausschreibung",
    "found_mailto": "erster E-Mail-Link im Text",
    "found_email": "E-Mail-Adresse im Text",
    "found_url": "Webadresse im Text",
    "found_only_link": "einziger Link im Text",
    "found_front_matter_text": "Angaben zur Stelle",
}

_FR = {
    "employer": "Employeur",
    "employment": "Contrat",
    "employment_FULL_TIME": "Temps plein",
    "employment_PART_TIME": "Temps partiel",
    "employment_CONTRACTOR": "Prestataire",
    "employment_TEMPORARY": "Temporaire",
    "employment_INTERN": "Stage",
    "employment_VOLUNTEER": "Bénévolat",
    "employment_PER_DIEM": "À la journée",
    "employment_OTHER": "Autre",
    "status_open": "Ouvert",
    "status_closing_soon": "Clôture proche",
    "status_closed": "Fermé",
    "status_filled": "Pourvu",
    "status_cancelled": "Annulé",
    "apply": "Postuler",
    "apply_email": "Postuler par e-mail",
    "facts": "En bref",
    "type": "Poste",
    "location": "Lieu",
    "start": "Début",
    "duration": "Durée",
    "deadline": "Date limite",
    "reference": "Référence",
    "positions": "Postes",
    "salary": "Salaire",
    "contact": "Contact",
    "remote": "Mode de travail",
    "tags": "Mots-clés",
    "rolling": "Jusqu’à ce que le poste soit pourvu",
    "draft": "Brouillon",
    "draft_notice": (
        "Pas encore publié : seul cet aperçu le montre. Pour le publier, supprimez "
        "draft: true de son en-tête."
    ),
    "type_phd": "Thèse",
    "type_postdoc": "Postdoc",
    "type_research_assistant": "Assistant·e de recherche",
    "type_engineer": "Ingénieur·e",
    "type_technician": "Technicien·ne",
    "type_student": "Poste étudiant",
    "type_internship": "Stage",
    "type_faculty": "Enseignant·e-chercheur·e",
    "type_other": "Poste",
    "remote_onsite": "Sur site",
    "remote_hybrid": "Hybride",
    "remote_remote": "À distance",
    "notice_open": "Candidatures ouvertes.",
    "notice_open_until": "Candidatures ouvertes jusqu’au {deadline}.",
    "notice_rolling": (
        "Ouvert jusqu’à ce que le poste soit pourvu : candidatures examinées au fil de l’eau."
    ),
    "notice_closing_soon": "Clôture prochaine : candidatures jusqu’au {deadline}.",
    "notice_closed": "Ce poste est fermé : les candidatures ont été closes le {deadline}.",
    "notice_closed_undated": "Ce poste est fermé.",
    "notice_filled": "Ce poste a été pourvu.",
    "notice_cancelled": "Cette offre a été annulée.",
    "closes": "clôture {relative}",
    "today": "aujourd’hui",
    "tomorrow": "demain",
    "closed": "fermé",
    "open_positions": "Postes ouverts",
    "open_openings": "Postes ouverts",
    "past_openings": "Offres passées",
    "no_openings": "Aucun poste n’est ouvert pour le moment.",
    "filter_all": "Tous",
    "filter_type": "Type",
    "filter_tag": "Mot-clé",
    "filter_source": "Laboratoire",
    "all_tags": "Tous les mots-clés",
    "tag_title": "Offres avec le mot-clé « {tag} »",
    "openings_title": "Offres",
    "follow": "Suivre ces offres",
    "feed": "S’abonner (flux Atom)",
    "calendar": "Calendrier des dates limites",
    "apply_source": "Lien de candidature",
    "apply_found": (
        "Source : {where}. "
        "L’annonce indique d’autres moyens de candidater ; lisez-la avant de postuler."
    ),
    "apply_guessed": "Source : {where}. Vérifiez l’annonce avant de postuler.",
    "found_section": "section « {detail} »",
    "found_front_matter": "description du poste",
    "found_sentence": "texte de l’annonce",
    "found_mailto": "premier lien e-mail du texte",
    "found_email": "adresse e-mail du texte",
    "found_url": "adresse web du texte",
    "found_only_link": "unique lien du texte",
    "found_front_matter_text": "description du poste",
}

_IT = {
    "employer": "Datore di lavoro",
    "employment": "Contratto",
    "employment_FULL_TIME": "Tempo pieno",
    "employment_PART_TIME": "Tempo parziale",
    "employment_CONTRACTOR": "Collaborazione",
    "employment_TEMPORARY": "Tempo determinato",
    "employment_INTERN": "Tirocinio",
    "employment_VOLUNTEER": "Volontariato",
    "employment_PER_DIEM": "A giornata",
    "employment_OTHER": "Altro",
    "status_open": "Aperta",
    "status_closing_soon": "In scadenza",
    "status_closed": "Chiusa",
    "status_filled": "Coperta",
    "status_cancelled": "Annullata",
    "apply": "Candidati",
    "apply_email": "Candidati via e-mail",
    "facts": "In breve",
    "type": "Posizione",
    "location": "Sede",
    "start": "Inizio",
    "duration": "Durata",
    "deadline": "Scadenza",
    "reference": "Riferimento",
    "positions": "Posti",
    "salary": "Retribuzione",
    "contact": "Contatto",
    "remote": "Modalità di lavoro",
    "tags": "Tag",
    "rolling": "Fino a copertura del posto",
    "draft": "Bozza",
    "draft_notice": (
        "Non ancora pubblicato: lo mostra solo questa anteprima. Per pubblicarlo, "
        "eliminare draft: true dalla sua intestazione."
    ),
    "type_phd": "Dottorato",
    "type_postdoc": "Postdoc",
    "type_research_assistant": "Assistente di ricerca",
    "type_engineer": "Ingegnere",
    "type_technician": "Tecnico",
    "type_student": "Posizione per studenti",
    "type_internship": "Tirocinio",
    "type_faculty": "Docente",
    "type_other": "Posizione",
    "remote_onsite": "In sede",
    "remote_hybrid": "Ibrido",
    "remote_remote": "Da remoto",
    "notice_open": "Candidature aperte.",
    "notice_open_until": "Candidature aperte fino al {deadline}.",
    "notice_rolling": "Aperta fino a copertura del posto: le candidature sono valutate man mano.",
    "notice_closing_soon": "Scade presto: candidature entro il {deadline}.",
    "notice_closed": "Questa posizione è chiusa: le candidature sono scadute il {deadline}.",
    "notice_closed_undated": "Questa posizione è chiusa.",
    "notice_filled": "Questa posizione è stata coperta.",
    "notice_cancelled": "Questo annuncio è stato annullato.",
    "closes": "scade {relative}",
    "today": "oggi",
    "tomorrow": "domani",
    "closed": "chiusa",
    "open_positions": "Posizioni aperte",
    "open_openings": "Posizioni aperte",
    "past_openings": "Annunci passati",
    "no_openings": "Al momento non ci sono posizioni aperte.",
    "filter_all": "Tutte",
    "filter_type": "Tipo",
    "filter_tag": "Tag",
    "filter_source": "Laboratorio",
    "all_tags": "Tutti i tag",
    "tag_title": "Posizioni con il tag «{tag}»",
    "openings_title": "Posizioni",
    "follow": "Segui questi annunci",
    "feed": "Iscriviti (feed Atom)",
    "calendar": "Calendario delle scadenze",
    "apply_source": "Link per candidarsi",
    "apply_found": (
        "Fonte: {where}. "
        "L’annuncio indica anche altri modi per candidarsi; leggilo prima di candidarti."
    ),
    "apply_guessed": "Fonte: {where}. Controlla l’annuncio prima di candidarti.",
    "found_section": "sezione «{detail}»",
    "found_front_matter": "dettagli dell’annuncio",
    "found_sentence": "testo dell’annuncio",
    "found_mailto": "primo link e-mail del testo",
    "found_email": "indirizzo e-mail nel testo",
    "found_url": "indirizzo web nel testo",
    "found_only_link": "unico link del testo",
    "found_front_matter_text": "dettagli dell’annuncio",
}

LANGUAGES: Mapping[str, Mapping[str, str]] = {"en": _EN, "de": _DE, "fr": _FR, "it": _IT}
_BABEL_LOCALE = {"en": "en_GB", "de": "de", "fr": "fr", "it": "it"}


class _Missing(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Labels:
    """UI strings and date formatting for one language, with a site's overrides."""

    def __init__(self, language: str = "en", overrides: Mapping[str, str] | None = None) -> None:
        base = (language or "en").split("-")[0].split("_")[0].lower()
        self.language = base if base in LANGUAGES else "en"
        self.strings: dict[str, str] = {**_EN, **LANGUAGES[self.language], **(overrides or {})}
        self._locale = _BABEL_LOCALE[self.language]
        # Babel is slow per call and postings share dates: format each date and day count once.
        self._dates: dict[date, str] = {}
        self._relative: dict[int, str] = {}

    @staticmethod
    def unknown_keys(overrides: Mapping[str, str]) -> list[str]:
        """Override keys that name no UI string (a typo in ``labels:``)."""
        return [key for key in overrides if key not in _EN]

    def __getitem__(self, key: str) -> str:
        return self.strings[key]

    def fill(self, key: str, **values: str) -> str:
        """The string ``key`` with its ``{placeholders}`` filled; a site's override with an
        unknown or broken placeholder is shown as written rather than failing the build."""
        template = self.strings[key]
        try:
            return template.format_map(_Missing(values))
        except (ValueError, IndexError, AttributeError):
            return template

    def date(self, value: date) -> str:
        """A date as a reader of this language writes it: "31 January 2027"."""
        text = self._dates.get(value)
        if text is None:
            text = self._dates[value] = format_date(value, format="long", locale=self._locale)
        return text

    def deadline(self, moment: datetime) -> str:
        """A deadline with its time and zone: "31 January 2027, 23:59 CET"."""
        return f"{self.date(moment.date())}, {moment:%H:%M} {expiry.zone_label(moment)}"

    def relative_days(self, days: int) -> str:
        """ "today", "tomorrow", "in 5 days" in this language."""
        if days == 0:
            return self.strings["today"]
        if days == 1:
            return self.strings["tomorrow"]
        text = self._relative.get(days)
        if text is None:
            text = self._relative[days] = format_timedelta(
                timedelta(days=days),
                granularity="day",
                threshold=1e9,
                add_direction=True,
                locale=self._locale,
            )
        return text

    def countdown(self, days: int) -> str:
        """ "closes in 5 days" / "closes today" / "closed"."""
        if days < 0:
            return self.strings["closed"]
        return self.fill("closes", relative=self.relative_days(days))
