"""A migrated posting's type read from its own words: only on a clear match, never over a
stated type; when nothing is known the page and the card leave the type out."""

from __future__ import annotations

import json

import markdown
import pytest
from conftest import CORPUS, ZURICH_DEFAULTS

from mkdocs_postings.apply import complete_from_body
from mkdocs_postings.collect import read_front_matter
from mkdocs_postings.extract import first_paragraph
from mkdocs_postings.infer import infer_type
from mkdocs_postings.labels import catalog_languages
from mkdocs_postings.validate import posting_from_meta


@pytest.mark.parametrize(
    ("title", "kind", "words"),
    [
        ("Postdoc Opening in Machine Learning in Biomedicine", "postdoc", "Postdoc"),
        ("Post-Doctoral researcher (F/M) position", "postdoc", "Post-Doctoral"),
        ("Postdoctoral Position CONFVERT", "postdoc", "Postdoctoral"),
        ("Looking for PhD students", "phd", "PhD"),
        ("Ph.D. position in Imaging", "phd", "Ph.D."),
        ("Job Offer: 3 Doctoral Research Positions", "phd", "Doctoral"),
        ("Stellenausschreibung: 3 Forschungs-Doktorandenstellen", "phd", "Doktorandenstellen"),
        ("Offre de thèse de doctorat en IA", "phd", "thèse de doctorat"),
        ("Borsa di dottorato in fisica", "phd", "dottorato"),
        ("Assegno di ricerca in matematica", "postdoc", "Assegno di ricerca"),
        ("Research Assistant in Clinical Data Engineering (50%)", "research_assistant", None),
        ("Wissenschaftliche Hilfskraft für Projektmanagement", "research_assistant", None),
        ("Ausschreibung: Studentische Hilfskräfte", "student", "Studentische Hilfskräfte"),
        ("Master's position in Bioinformatics", "student", "Master's position"),
        ("Masterarbeit: Bildsegmentierung", "student", "Masterarbeit"),
        ("Presentazione tesi triennali", "student", "tesi triennali"),
        ("Internship at APC", "internship", "Internship"),
        ("Praktikum im Labor", "internship", "Praktikum"),
        ("Research Software Engineer", "engineer", "Engineer"),
        ("Ingénieur.e Génie Logiciel", "engineer", "Ingénieur.e"),
        ("Lab technician (80%)", "technician", "technician"),
        ("W2-Professur für Medizininformatik", "faculty", "Professur"),
        ("RTD di tipo B (tenure-track), University of Pisa", "faculty", "tenure-track"),
    ],
)
def test_a_title_that_names_one_type_gives_it(title, kind, words):
    inferred = infer_type(title)
    assert inferred is not None and inferred.type.value == kind
    assert inferred.where == "title"
    if words:
        assert inferred.words == words


# One title per language of the catalogs, at least: a language added to the catalogs without
# words to read a type from fails test_every_catalog_language_has_type_words.
TITLES_BY_LANGUAGE = {
    "en": [("Postdoc Opening in Machine Learning", "postdoc")],
    "de": [("Stellenausschreibung: 3 Doktorandenstellen", "phd")],
    "fr": [("Offre de post-doctorant en IA", "postdoc"), ("Stage de master 2", "internship")],
    "it": [("Assegno post-dottorato in fisica", "postdoc"), ("Borsa di dottorato", "phd")],
    "es": [
        ("Plaza de doctorado en biología", "phd"),
        ("Contrato posdoctoral en Madrid", "postdoc"),
        ("Ingeniero de datos", "engineer"),
        ("Trabajo de fin de máster en imagen médica", "student"),
    ],
    "pt": [
        ("Bolsa de pós-doutorado em física", "postdoc"),
        ("Estágio pós-doutoral em genômica", "postdoc"),
        ("Vaga de doutorado em ecologia", "phd"),
        ("Estágio em bioinformática", "internship"),
    ],
    "nl": [
        ("Promovendus medische beeldvorming", "phd"),
        ("Universitair docent bio-informatica", "faculty"),
        ("Masterscriptie: segmentatie", "student"),
    ],
    "sv": [
        ("Postdoktor i fysik", "postdoc"),
        ("Doktorand i beräkningsbiologi", "phd"),
        ("Forskningsingenjör i bildanalys", "engineer"),
        ("Examensarbete inom maskininlärning", "student"),
    ],
    "pl": [
        ("Staż podoktorski w fizyce", "postdoc"),
        ("Doktorant w projekcie NCN", "phd"),
        ("Adiunkt w Katedrze Informatyki", "faculty"),
        ("Inżynier oprogramowania", "engineer"),
    ],
    "zh": [
        ("博士后招聘", "postdoc"),
        ("招收博士研究生", "phd"),
        ("科研助理招聘启事", "research_assistant"),
        ("招聘软件工程师", "engineer"),
    ],
    "ja": [
        ("ポスドク募集", "postdoc"),
        ("博士研究員の公募", "postdoc"),
        ("博士後期課程学生募集", "phd"),
        ("特任講師の公募", "faculty"),
    ],
    "ar": [
        ("منحة دكتوراه في الفيزياء", "phd"),
        ("باحث ما بعد الدكتوراه", "postdoc"),
        ("مهندس برمجيات", "engineer"),
        ("أستاذ مساعد في علوم الحاسوب", "faculty"),
    ],
}


@pytest.mark.parametrize(
    ("title", "kind"),
    [pair for pairs in TITLES_BY_LANGUAGE.values() for pair in pairs],
)
def test_a_title_in_each_language_gives_its_type(title, kind):
    inferred = infer_type(title)
    assert inferred is not None and inferred.type.value == kind, title


def test_every_catalog_language_has_type_words():
    assert set(TITLES_BY_LANGUAGE) == set(catalog_languages())


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("Offre de post-doctorant en IA", "post-doctorant"),  # "doctorant" alone is a PhD
        ("Assegno post-dottorato", "post-dottorato"),  # was read as a PhD ("dottorato")
        ("Post doctoral fellow in ecology", "Post doctoral"),
        ("Bolsa de pós-doutorado", "pós-doutorado"),
        ("博士后招聘", "博士后"),  # 博士 alone is a PhD
    ],
)
def test_a_type_inside_longer_words_of_another_does_not_count(title, words):
    inferred = infer_type(title)
    assert inferred is not None and inferred.type.value == "postdoc"
    assert inferred.words == words


@pytest.mark.parametrize(
    "title",
    [
        "PhD / Postdoc in Computational Phylogenetics",  # two types: unclear
        "17 PhD and 8 postdoc positions",
        "Looking for graduate students and postdocs",
        "Clinical Data Engineering",  # engineering is a field, not an engineer
        "Chair of Medical Informatics",
        "We are hiring!",
        "Thesis at APC",  # a PhD thesis in France, a master's thesis elsewhere
        "Wissenschaftliche Mitarbeiterin (m/w/d)",  # doctoral or not: it does not say
        "Doctorado y posdoctorado en biología",  # es: two types
        "Vagas de doutorado e pós-doutorado",  # pt: two types
        "博士/硕士研究生招生",  # zh: PhD and master's students
        "研究助理教授",  # zh: research assistant professor, neither clearly
        "Ingeniería biomédica",  # es: engineering is a field
        "Inżynieria materiałowa",  # pl: the same
        "Medizintechnik und Informatik",  # de: Technik is technology, not a technician
    ],
)
def test_an_unclear_or_silent_title_gives_nothing(title):
    assert infer_type(title) is None


def test_headings_then_the_opening_paragraph_when_the_title_is_silent():
    html = "<h2>Postdoctoral position in the SISTM team</h2><p>Text.</p>"
    assert infer_type("Job opportunities", html).where == "headings"
    several = "<h2>Postdoctoral researchers</h2><h2>Graduate students</h2>"
    assert infer_type("Come join us", several) is None
    opening = "We offer an 18-month post-doctoral researcher position in Grenoble."
    inferred = infer_type("SASIP Job Offer", "<p>x</p>", opening)
    assert (inferred.type.value, inferred.where) == ("postdoc", "first paragraph")
    dutch = "Wij bieden een promovendus-positie van vier jaar in Leiden."
    assert infer_type("Vacature", "<p>x</p>", dutch).type.value == "phd"
    chinese = "本课题组招聘博士后研究人员两名。"
    assert infer_type("招聘启事", "<p>x</p>", chinese).type.value == "postdoc"


@pytest.mark.parametrize(
    "opening",
    [
        "The successful candidate holds a PhD in physics.",  # a degree, not the position
        "We have two open Postdoc or PhD positions.",  # two types
        "Our group of PhD students and postdocs studies ice.",
        "El candidato debe tener un doctorado en física.",  # es: a degree, not the position
    ],
)
def test_the_opening_paragraph_counts_only_a_named_position_of_one_type(opening):
    assert infer_type("SASIP Job Offer", "", opening) is None


def read(meta: dict, body_html: str = "<p>Text.</p>"):
    posting, _ = posting_from_meta(meta, src="openings/x.md", defaults=ZURICH_DEFAULTS)
    return complete_from_body(posting, body_html)[0]


def test_a_stated_type_is_never_replaced():
    stated = read({"title": "Postdoc position", "posting": {"type": "other", "rolling": True}})
    assert stated.type.value == "other" and stated.type_read_from is None
    native = read({"title": "Postdoc position", "posting": {"type": "phd", "rolling": True}})
    assert native.type.value == "phd" and native.type_read_from is None


def test_a_migrated_posting_gets_the_type_and_says_from_where():
    posting = read({"title": "Postdoc Opening in Machine Learning", "tags": ["Opportunities"]})
    assert posting.type.value == "postdoc"
    assert posting.type_read_from == ("title", "Postdoc")
    assert posting.employment_types == ("FULL_TIME", "TEMPORARY")


def test_the_page_and_card_show_an_inferred_type_and_leave_an_unknown_one_out(make_site):
    site = make_site()
    site.write(
        "openings/postdoc.md",
        "---\ntitle: Postdoc Opening in ML\n---\nApply to jobs@example.org.\n",
    )
    site.write(
        "openings/open-call.md",
        "---\ntitle: Come and work with us\n---\nApply to jobs@example.org.\n",
    )
    site.build()
    page = site.page("openings/postdoc/")
    facts = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
        for dt in page.select(".postings-facts dt")
    }
    assert facts.get("Position") == "Postdoc"
    unknown = site.page("openings/open-call/")
    labels = [dt.get_text(strip=True) for dt in unknown.select(".postings-facts dt")]
    assert "Position" not in labels
    cards = {
        card.select_one(".postings-card-title").get_text(strip=True): card
        for card in site.page("openings/").select(".postings-card")
    }
    badge = cards["Postdoc Opening in ML"].select_one(".postings-badge--type")
    assert badge.get_text(strip=True) == "Postdoc"
    assert cards["Come and work with us"].select_one(".postings-badge--type") is None


def test_check_says_which_types_were_read_and_from_which_words(make_site):
    import subprocess
    import sys

    site = make_site()
    site.write("openings/postdoc.md", "---\ntitle: Postdoc Opening in ML\n---\nText.\n")
    site.write_config()
    command = [sys.executable, "-m", "mkdocs_postings.cli", "check"]
    result = subprocess.run(command, cwd=site.root, capture_output=True, text=True, timeout=120)
    assert "Types read from the text (1;" in result.stdout
    assert "  openings/postdoc.md: postdoc, from the title ('Postdoc')" in result.stdout
    as_json = subprocess.run(
        [*command, "--format", "json"], cwd=site.root, capture_output=True, text=True
    )
    (row,) = json.loads(as_json.stdout)["postings"]
    assert row["type_read_from"] == {"where": "title", "words": "Postdoc"}


def _corpus_types() -> dict[str, str | None]:
    found = {}
    for path in sorted((CORPUS / "postings").glob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            front = read_front_matter(text, path.name)
            meta, body = front.meta, front.body
        except Exception:  # a file the build reports as broken: no type either
            meta, body = {}, text
        html = markdown.markdown(body)
        inferred = infer_type(str(meta.get("title") or ""), html, first_paragraph(html))
        found[path.name] = inferred.type.value if inferred else None
    return found


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_the_corpus_types_read_are_the_labelled_ones():
    """TRUTH.tsv's hand labels: where a type is inferred, it is one the reader names (a page
    offering several kinds may get any of them); rows labelled ``unknown`` say nothing."""
    import corpus_figures

    found = _corpus_types()
    rows = corpus_figures.read_tsv(CORPUS / "TRUTH.tsv")
    assert len(found) == len(rows) == 118
    right, wrong = 0, []
    for row in rows:
        kinds = row["type"].split("|")
        if kinds == ["unknown"] or found[row["file"]] is None:
            continue
        if found[row["file"]] in {corpus_figures._TYPES[kind] for kind in kinds}:
            right += 1
        else:
            wrong.append((row["file"], found[row["file"]], row["type"]))
    # A "wissenschaftliche Hilfskraft" that the text calls a student job: labelled as one.
    assert wrong == [
        ("0xs0__spirit-seite__2018-12-19-job-projektmanagment.md", "research_assistant",
         "student-assistant")
    ]
    assert right >= 50
