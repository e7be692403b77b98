"""A migrated posting's type read from its own words: only on a clear match, never over a
stated type; when nothing is known the page and the card leave the type out."""

from __future__ import annotations

import json

import markdown
import pytest
from conftest import CORPUS, ZURICH_DEFAULTS, run_cli

from mkdocs_postings.body.complete import complete_from_body
from mkdocs_postings.body.extract import first_paragraph
from mkdocs_postings.body.infer import infer_type
from mkdocs_postings.publishing.labels import catalog_languages
from mkdocs_postings.reading.collect import read_front_matter
from mkdocs_postings.reading.validate import posting_from_meta


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
        ("Borsa di dottorato in fisica", "phd", "Borsa di dottorato"),
        ("Assegno di ricerca in matematica", "postdoc", "Assegno di ricerca"),
        ("Research Assistant in Clinical Data Engineering (50%)", "research_assistant", None),
        # a Hilfskraft of any kind is a student job (HiWi); a Mitarbeiter(in) is staff
        ("Wissenschaftliche Hilfskraft für Projektmanagement", "student", None),
        ("Wissenschaftliche Mitarbeiterin (m/w/d)", "research_assistant", None),
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
        ("RTD di tipo B (tenure-track), University of Pisa", "faculty", "RTD di tipo B"),
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
        "Looking for graduate students and postdocs",
        "Clinical Data Engineering",  # engineering is a field, not an engineer
        "Chair of Medical Informatics",
        "We are hiring!",
        "Thesis at APC",  # a PhD thesis in France, a master's thesis elsewhere
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
        "Our group of PhD students and postdocs studies ice.",
        "El candidato debe tener un doctorado en física.",  # es: a degree, not the position
    ],
)
def test_the_opening_paragraph_counts_only_a_named_position_of_one_type(opening):
    assert infer_type("SASIP Job Offer", "", opening) is None


def kinds(inferred):
    return [kind.value for kind in inferred.types] if inferred else None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("PhD / Postdoc in Computational Phylogenetics", ["phd", "postdoc"]),
        ("17 PhD and 8 postdoc positions", ["phd", "postdoc"]),
        ("Postdoc or PhD student in soil ecology", ["postdoc", "phd"]),
        ("New PhD and Master positions", ["phd", "student"]),
        ("Masterarbeiten und HiWi-Stellen", ["student"]),  # one type, twice
        ("Offres de thèse et de stage", ["phd", "internship"]),  # fr
        ("Doctorado y posdoctorado en biología", ["phd", "postdoc"]),  # es
        ("Vagas de doutorado e pós-doutorado", ["phd", "postdoc"]),  # pt
        ("博士/硕士研究生招生", ["phd", "student"]),  # zh
        ("博士后及科研助理招聘", ["postdoc", "research_assistant"]),  # zh
        ("修士・博士課程の学生募集", ["student", "phd"]),  # ja
    ],
)
def test_a_title_that_names_several_types_gives_each_first_named_first(title, expected):
    inferred = infer_type(title)
    assert kinds(inferred) == expected
    assert inferred.type.value == expected[0]  # the posting's type: the first
    assert inferred.where == "title"


@pytest.mark.parametrize(
    ("title", "opening", "expected"),
    [
        ("Internship (possible follow-up with a PhD)", "", ["internship"]),
        ("Internship, possibly followed by a PhD", "", ["internship"]),
        ("x", "We offer an internship, which may lead to a PhD position.", ["internship"]),
        ("x", "Ce stage pourra se poursuivre par une thèse.", ["internship"]),  # fr
        ("Masterarbeit mit Option auf Promotionsstelle", "", ["student"]),  # de
        ("x", "Il tirocinio potrà essere seguito da un dottorato.", ["internship"]),  # it
    ],
)
def test_a_type_that_may_follow_the_position_does_not_count(title, opening, expected):
    assert kinds(infer_type(title, "", opening)) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Stage M2 : modélisation du climat", ["internship"]),  # fr
        ("Offre de thèse : apprentissage profond", ["phd"]),  # fr
        ("Proposition de stage de master 2", ["internship"]),  # fr
        ("M2 internship in quantum optics", ["internship"]),
        ("Master 2 project on ice sheets", ["student"]),
        ("Studentische Hilfskraft (HiWi) gesucht", ["student"]),  # de
        ("Werkstudent Datenanalyse", ["student"]),  # de
        ("Promotionsstelle in der Biophysik", ["phd"]),  # de
        ("Proposte di tesi", ["student"]),  # it
        ("RTD di tipo A in analisi", ["faculty"]),  # it
        ("MSc thesis on graph learning", ["student"]),
        ("BSc projects in robotics", ["student"]),
        ("Masters internships in ecology", ["internship"]),  # the internship of a master's
        ("招收2026级学硕与专硕", ["student"]),  # zh
        ("修士学生の募集", ["student"]),  # ja
        ("석사과정 모집", ["student"]),  # ko
        ("박사후 연구원 모집", ["postdoc"]),  # ko
        ("Stáže pro studenty", ["internship"]),  # cs
    ],
)
def test_type_words_of_labs_in_each_language(title, expected):
    assert kinds(infer_type(title)) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Postdoctoral position for PhD graduates", ["postdoc"]),
        ("Postdoc (PhD required) in ecology", ["postdoc"]),
        ("Postdoc with a PhD in physics", ["postdoc"]),
        ("Chercheur post-doctoral, titulaire d'un doctorat", ["postdoc"]),  # fr
        ("诚聘科研助理（硕士及以上学历）", ["research_assistant"]),  # zh: a master's degree
        ("博士号取得者のポスドク募集", ["postdoc"]),  # ja: holders of a doctorate
        ("PhD position with Professor Smith", ["phd"]),
        ("张教授课题组招聘博士后", ["postdoc"]),  # zh: Professor Zhang's group
        ("Assistant Professor Position in AI", ["faculty"]),  # a position, not a name
        ("PhD internship in NLP", ["internship"]),  # an internship for PhD students
        ("Postdoctoral Research Assistant in Ecology", ["postdoc"]),  # a UK postdoc title
        ("Student Research Assistant (HiWi)", ["student"]),
    ],
)
def test_a_qualification_a_persons_title_or_a_level_is_not_another_position(title, expected):
    assert kinds(infer_type(title)) == expected


@pytest.mark.parametrize(
    "title",
    [
        "The first stage of the project",  # en "stage" is not an internship
        "Results of these experiments",  # "these" is not a French thèse
        "M2 macrophages in tumours",  # M2 alone is not a master's
    ],
)
def test_words_that_only_look_like_type_words_give_nothing(title):
    assert infer_type(title) is None


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            "<h2>PhD positions</h2><p>Two.</p><h2>Postdoctoral fellows</h2><p>One.</p>",
            ["phd", "postdoc"],
        ),
        (
            "<h2>Master theses</h2><p>Topics.</p><h2>PhD - Postdoc</h2>"
            "<p>Unfortunately, we currently have no open positions.</p>",
            ["student"],
        ),
        (
            "<h2>Internships</h2><p>Summer.</p><h3>PhD projects</h3><p>Funded.</p>",
            ["internship", "phd"],
        ),
    ],
)
def test_headings_that_offer_several_kinds_give_each_unless_their_section_has_none(html, expected):
    inferred = infer_type("Join us", html)
    assert kinds(inferred) == expected
    assert inferred.where == "headings"


@pytest.mark.parametrize(
    ("front_matter", "expected", "where"),
    [
        ({"position": "phd"}, ["phd"], "front matter"),
        (
            {"position": "internship (possible follow up with a PhD)"},
            ["internship"],
            "front matter",
        ),
        ({"type": "master2"}, ["student"], "front matter"),
        (
            {"type": "landing", "description": "Postdoc, <b>Deadline: May 1</b>"},
            ["postdoc"],
            "description",
        ),
        ({"summary": "Bachelor's thesis proposal"}, ["student"], "summary"),
        (
            {"subtitle": "3 PhD and 1 postdoc positions, apply by June"},
            ["phd", "postdoc"],
            "subtitle",
        ),
        (
            {
                "type": "landing",
                "sections": [
                    {"block": "markdown", "content": {"title": "PhD students", "text": "One."}},
                    {"block": "markdown", "content": {"title": "Postdocs", "text": "Two."}},
                ],
            },
            ["phd", "postdoc"],
            "headings",
        ),
    ],
)
def test_a_themes_front_matter_texts_give_types(front_matter, expected, where):
    inferred = infer_type("Openings", "", "", front_matter=front_matter)
    assert (kinds(inferred), inferred.where) == (expected, where)


def test_the_title_comes_before_the_front_matter_and_the_body():
    html = "<h2>Internships</h2>"
    inferred = infer_type("Postdoc in ecology", html, "", front_matter={"position": "phd"})
    assert (kinds(inferred), inferred.where) == (["postdoc"], "title")


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("We have two open Postdoc or PhD positions.", ["postdoc", "phd"]),
        ("We announce two PhD and one postdoc positions in geology.", ["phd", "postdoc"]),
        ("We are hiring postdocs and PhD students for new projects.", ["postdoc", "phd"]),
        ("We offer a postdoctoral position; applicants must hold a PhD.", ["postdoc"]),
        ("Nous proposons deux postes de doctorat et de post-doctorat.", ["phd", "postdoc"]),
        ("Se ofrece una plaza de doctorado en biología.", ["phd"]),  # es: the job first
        ("Offriamo una borsa di dottorato.", ["phd"]),  # it
        ("Opening of the internship season: new internships added.", ["internship"]),
    ],
)
def test_the_opening_paragraph_offers_several_types_only_as_one_list_of_jobs(opening, expected):
    assert kinds(infer_type("Join us", "", opening)) == expected


@pytest.mark.parametrize(
    "opening",
    [
        "Our group of PhD students and postdocs studies ice.",  # members, not offers
        "Our group of postdocs and PhD students studies ice.",
        "We offer a postdoc position; you will co-supervise master's theses.",
        "We are looking for graduate students and postdocs.",  # graduate: PhD or master's?
        "We offer PhD positions to outstanding master's students.",
    ],
)
def test_an_opening_paragraph_that_names_several_types_unclearly_gives_nothing(opening):
    assert infer_type("Join us", "", opening) is None


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
    site = make_site()
    site.write("openings/postdoc.md", "---\ntitle: Postdoc Opening in ML\n---\nText.\n")
    site.write_config()
    result = run_cli("check", cwd=site.root)
    assert "Types read from the text (1;" in result.stdout
    assert "  openings/postdoc.md: postdoc, from the title ('Postdoc')" in result.stdout
    as_json = run_cli("check", "--format", "json", cwd=site.root)
    (row,) = json.loads(as_json.stdout)["postings"]
    assert row["type_read_from"] == {"where": "title", "words": "Postdoc"}


def _corpus_types() -> dict[str, list[str]]:
    found = {}
    for path in sorted((CORPUS / "postings").glob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            front = read_front_matter(text, path.name)
            meta, body = front.meta, front.body
        except Exception:  # a file the build reports as broken: no type either
            meta, body = {}, text
        html = markdown.markdown(body)
        title = str(meta.get("title") or "")
        inferred = infer_type(title, html, first_paragraph(html), front_matter=meta)
        found[path.name] = [kind.value for kind in inferred.types] if inferred else []
    return found


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_the_corpus_types_read_are_the_labelled_ones():
    """TRUTH.tsv's hand labels: where types are inferred, each is one the reader names (a page
    offering several kinds is labelled with all of them); rows labelled ``unknown`` say
    nothing."""
    import corpus_figures

    found = _corpus_types()
    rows = corpus_figures.read_tsv(CORPUS / "TRUTH.tsv")
    assert len(found) == len(rows) == 118
    right, wrong = 0, []
    for row in rows:
        kinds = row["type"].split("|")
        if kinds == ["unknown"] or not found[row["file"]]:
            continue
        labelled = {corpus_figures._TYPES[kind] for kind in kinds}
        extra = [kind for kind in found[row["file"]] if kind not in labelled]
        if extra:
            wrong.append((row["file"], extra, row["type"]))
        else:
            right += 1
    # Master's positions the pages name, which the labels read as internships (a French
    # "Master 2" is a stage) or leave out beside the PhD and postdoc positions.
    assert wrong == [
        ("quentinglorieux__QFLlab__2023-12-10-erc-postdoc.md", ["student"], "internship|phd"),
        ("quentinglorieux__QFLlab__openings.md", ["student"], "postdoc|phd|internship"),
        ("tvandersar__vandersarlab__openings.md", ["student"], "phd|postdoc"),
    ]
    assert right >= 102


def test_long_hostile_texts_are_read_in_linear_time():
    """Runs of digits between two types (a list's gap, once read with a nested repeat that
    took minutes on 29 digits), text full of type words (once compared pairwise), and long
    titles, summaries and headings. A subprocess with a generous limit keeps a regression
    from hanging the suite; each text takes well under a second."""
    import subprocess
    import sys

    code = """
from mkdocs_postings.body.infer import infer_type
texts = ["PhD " + "1" * 29 + "x postdoc", ("PhD " + "1" * 29 + " ") * 3000, "PhD " * 100000,
         "PhD and " * 50000, " and " * 60000 + "PhD", "1" * 300000, "post-doctorant " * 20000,
         "stage de " * 40000, "followed by " * 30000, "Professor " * 40000, "(" * 300000]
for text in texts:
    infer_type(text, "<h2>" + text + "</h2>", text, front_matter={"summary": text,
               "position": text, "sections": [{"content": {"title": text}}]})
print("done")
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "done", result.stderr
