"""The apply target and a stated deadline, read from a posting's rendered body."""

from __future__ import annotations

from datetime import date, datetime

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_postings.body.complete import choose_apply
from mkdocs_postings.body.dates import find_written_date
from mkdocs_postings.body.extract import find_deadline, read_body
from mkdocs_postings.body.targets import Place

BASE = "https://lab.example.org/openings/phd/"


def html(text: str) -> str:
    """Render Markdown the way a site does (attr_list, tables, raw HTML kept)."""
    return markdown.markdown(text, extensions=["attr_list", "tables", "md_in_html"])


def choice(text: str, meta: dict | None = None):
    from mkdocs_postings.body.complete import _resolver

    return choose_apply(read_body(html(text)), meta or {}, accept=_resolver(BASE))


# ------------------------------------------------------------------ where the target is


@pytest.mark.parametrize(
    ("text", "href", "where", "detail"),
    [
        (
            "Intro with [our group](https://lab.example.org).\n\n## How to apply\n\n"
            "Use the [portal](https://jobs.example.org/1).",
            "https://jobs.example.org/1",
            Place.SECTION,
            "How to apply",
        ),
        (
            "# Stelle\n\n## Bewerbung\n\nBitte an [uns](mailto:jobs@uni.de).",
            "mailto:jobs@uni.de",
            Place.SECTION,
            "Bewerbung",
        ),
        (
            "## 📧 How to Apply\n\nWrite to **jane@uni.org**.",
            "mailto:jane@uni.org",
            Place.SECTION,
            "📧 How to Apply",
        ),
        (
            "**To apply**: send a CV to [Jane](mailto:jane@uni.org).\n\n"
            "**Qualifications:** see [the list](https://uni.org/q).",
            "mailto:jane@uni.org",
            Place.SECTION,
            "To apply",
        ),
        (
            "**Application:**\n\nPlease use [the portal](https://jobs.uni.de/7).",
            "https://jobs.uni.de/7",
            Place.SECTION,
            "Application",
        ),
        (
            "Some text.\n\nContacts\n\nsandro.azaele@unipd.it",
            "mailto:sandro.azaele@unipd.it",
            Place.SECTION,
            "Contacts",
        ),
        (
            "We study [cells](https://uni.org/cells). Please [send us](/contact/) a letter.",
            "https://lab.example.org/contact/",
            Place.SENTENCE,
            None,
        ),
        (
            "More details on the application process can be found here:\n"
            "https://emploi.cnrs.fr/Offres/1\n\nQuestions: ask [me](https://uni.org/me).",
            "https://emploi.cnrs.fr/Offres/1",
            Place.SENTENCE,
            None,
        ),
        (
            "Read [the paper](https://doi.org/1). Questions to [Jo](mailto:jo@uni.org).",
            "mailto:jo@uni.org",
            Place.MAILTO,
            None,
        ),
        (
            "Interested students: `boris [dot] hejblum [at] u-bordeaux [dot] fr`",
            "mailto:boris.hejblum@u-bordeaux.fr",
            Place.EMAIL,
            None,
        ),
        ("Info: name(at)uni.org", "mailto:name@uni.org", Place.EMAIL, None),
        (
            "A stub. More info [here](https://uni.org/projects/3/).",
            "https://uni.org/projects/3/",
            Place.ONLY_LINK,
            None,
        ),
    ],
)
def test_apply_target_is_found_where_real_postings_put_it(text, href, where, detail):
    found = choice(text)
    assert found is not None
    assert (found.href, found.place, found.detail) == (href, where, detail)


# An apply section, and a sentence about applying, in each language of the catalogs beyond
# en/de/fr/it (those are in the table above): a section is found under its heading, and a
# sentence's link wins over an earlier unrelated one.
SECTIONS_BY_LANGUAGE = {
    "es": ("Solicitud", "Envíe su CV a [nosotros](mailto:jobs@uni.es)."),
    "pt": ("Inscrições", "Use o [portal](mailto:jobs@uni.br)."),
    "nl": ("Sollicitatie", "Stuur je brief naar [Jan](mailto:jobs@uni.nl)."),
    "sv": ("Ansökan", "Skicka till [Anna](mailto:jobs@uni.se)."),
    "pl": ("Zgłoszenia", "Prosimy o przesłanie do [Jana](mailto:jobs@uni.pl)."),
    "zh": ("申请方式", "请将简历发送至 [王老师](mailto:jobs@uni.cn)。"),
    "ja": ("応募方法", "[山田](mailto:jobs@uni.jp)まで。"),
    "ar": ("التقديم", "أرسل سيرتك إلى [د. علي](mailto:jobs@uni.eg)."),
}


@pytest.mark.parametrize(("heading", "text"), SECTIONS_BY_LANGUAGE.values())
def test_an_apply_section_in_each_language_is_found(heading, text):
    found = choice(f"About [us](https://lab.example.org/about/).\n\n## {heading}\n\n{text}")
    assert found is not None and found.href.startswith("mailto:jobs@")
    assert (found.place, found.detail) == (Place.SECTION, heading)


@pytest.mark.parametrize(
    "text",
    [
        "Read [the paper](https://doi.org/1). Envíe su solicitud [aquí](https://uni.org/jobs).",
        "Lees [het artikel](https://doi.org/1). Solliciteer [online](https://uni.org/jobs).",
        "Läs [artikeln](https://doi.org/1). Ansök [här](https://uni.org/jobs).",
        # Chinese: no space after a stop (。)
        "我们的[论文](https://doi.org/1)。请[在线申请](https://uni.org/jobs)。",
        "اقرأ [الورقة](https://doi.org/1). للتقديم [اضغط هنا](https://uni.org/jobs).",
    ],
)
def test_a_sentence_about_applying_in_other_languages_gives_its_link(text):
    found = choice(text)
    assert found is not None and (found.href, found.place) == (
        "https://uni.org/jobs",
        Place.SENTENCE,
    )


def test_every_catalog_language_has_apply_words_and_month_names():
    from mkdocs_postings.body.dates import MONTH_NAME_LANGUAGES
    from mkdocs_postings.publishing.labels import catalog_languages

    assert set(SECTIONS_BY_LANGUAGE) | {"en", "de", "fr", "it"} == set(catalog_languages())
    assert set(MONTH_NAME_LANGUAGES) | {"zh", "ja"} == set(catalog_languages())


def test_a_section_beats_an_earlier_mailto_and_a_single_target_is_clear():
    found = choice(
        "Questions to [Jo](mailto:jo@uni.org).\n\n## Application\n\n"
        "Apply on [the portal](https://jobs.uni.org/9)."
    )
    assert found.href == "https://jobs.uni.org/9"
    assert not found.ambiguous


def test_two_targets_in_the_apply_section_are_ambiguous():
    found = choice(
        "## How to apply\n\nPostdoc: [portal A](https://jobs.uni.org/a). "
        "PhD: [portal B](https://jobs.uni.org/b)."
    )
    assert found.href == "https://jobs.uni.org/a"
    assert found.ambiguous and found.others == 1


def test_a_guess_is_ambiguous_even_when_alone():
    found = choice("A stub. More info [here](https://uni.org/p/).")
    assert found.ambiguous and found.others == 0


def test_html_comments_scripts_and_unsafe_schemes_give_no_target():
    text = (
        "<!-- write to hidden@uni.org -->\n\n"
        '<script>var m = "mailto:" + "x@uni.org";</script>\n\n'
        "## Application\n\nClick [here](javascript:alert(1)).\n\n"
        "Long text " + "word " * 150
    )
    assert choice(text) is None


def test_a_relative_link_needs_a_base_url():
    facts = read_body(html("Please [send us](/contact/) your CV."))
    assert choose_apply(facts, {}) is None  # default: absolute http(s)/mailto only
    assert choice("Please [send us](/contact/) your CV.").href == (
        "https://lab.example.org/contact/"
    )


def test_long_text_with_one_unrelated_link_has_no_target():
    text = "We study networks. " * 40 + "A description is [here](/files/project.pdf)."
    assert choice(text) is None


@pytest.mark.parametrize(
    ("meta", "href", "where"),
    [
        ({"email": "mathieu.acher@irisa.fr"}, "mailto:mathieu.acher@irisa.fr", Place.FRONT_MATTER),
        ({"contact-email": "a@b.de"}, "mailto:a@b.de", Place.FRONT_MATTER),
        (
            {"email": "x dot y _at_ irisa.fr z _at_ irisa.fr"},
            "mailto:x.y@irisa.fr",
            Place.FRONT_MATTER,
        ),
        (
            {"sections": [{"content": {"text": "Apply via the [form](https://forms.uni.org/1)."}}]},
            "https://forms.uni.org/1",
            Place.FRONT_MATTER_TEXT,
        ),
    ],
)
def test_migrated_front_matter_keys_and_texts(meta, href, where):
    found = choice("", meta)
    assert (found.href, found.place) == (href, where)


def test_front_matter_key_ranks_below_a_section_but_above_a_sentence():
    meta = {"email": "fm@uni.org"}
    assert choice("## Application\n\n[Jo](mailto:jo@uni.org)", meta).href == "mailto:jo@uni.org"
    assert choice("Please apply to [Jo](mailto:jo@uni.org).", meta).href == "mailto:fm@uni.org"


def test_first_paragraph_is_the_summary_and_permalinks_are_ignored():
    facts = read_body(
        '<h2 id="a">Application<a class="headerlink" href="#a">¶</a></h2>'
        "<p>First <em>real</em> words.</p><p>Second.</p>"
    )
    assert facts.first_paragraph == "First real words."
    assert facts.links == []


# ------------------------------------------------------ the Apply link a reader would use


def chosen(text: str, meta: dict | None = None):
    """The choice for a body as a built site makes it: relative links resolved against the
    page, a page of the site's own after a portal in the same rank."""
    from mkdocs_postings.body.complete import _choose, _resolver
    from mkdocs_postings.body.targets import refused

    return _choose(read_body(html(text)), meta or {}, _resolver(BASE), refused, BASE)[0]


@pytest.mark.parametrize(
    ("text", "href"),
    [
        # the link's sentence names the call, the advert, the portal or the form
        (
            "More information and the application link can be found "
            "[here](https://jobs.uni.org/1).\n\nContact: jo(at)uni.org",
            "https://jobs.uni.org/1",
        ),
        (
            "See [here](https://lab.example.org/topic/) for the project, and "
            "[here](https://jobs.uni.org/7) for the official advertisement.",
            "https://jobs.uni.org/7",
        ),
        (
            "**Reference person:** [Jo](mailto:jo@uni.org)\n\n"
            "**Formal announcement:** <https://jobs.uni.org/3>",
            "https://jobs.uni.org/3",
        ),
        (
            "Read [our paper](https://doi.org/1). If you are interested, please fill "
            "[this form](https://forms.uni.org/x).",
            "https://forms.uni.org/x",
        ),
        (
            "詳細は[研究室](https://lab.uni.ac.jp/)をご覧ください。\n\n"
            "- [入試問い合わせフォーム](https://forms.uni.ac.jp/1)",
            "https://forms.uni.ac.jp/1",
        ),
        (
            "Read [our blog](https://blog.uni.org).\n\n"
            "- [Postdoc in optics](https://jobs.uni.org/9) **Closing date:** 1 December 2027",
            "https://jobs.uni.org/9",
        ),
        # a block ending in a colon leads in to the next block's link
        (
            "Applications should be made on this website:\n\n"
            "[https://jobs.uni.org/4](https://jobs.uni.org/4)\n\n"
            "Write to [Jo](mailto:jo@uni.org) about the project.",
            "https://jobs.uni.org/4",
        ),
        (
            "The application deadline is 1 May 2027 for positions starting in autumn:\n\n"
            "[https://jobs.uni.org/5](https://jobs.uni.org/5)\n\n"
            "Mail [Jo](mailto:jo@uni.org) about the project.",
            "https://jobs.uni.org/5",
        ),
        # a contact only when nothing else is offered
        (
            "## Contact\n\n[Jo](mailto:jo@uni.org)\n\n## Position\n\n"
            "Apply through [the portal](https://jobs.uni.org/2).",
            "https://jobs.uni.org/2",
        ),
        (
            "Documents go either to [Ann](mailto:ann@uni.org) or through "
            "[the job portal](https://jobs.uni.org/5).\n\n## Contact\n\n[Bo](mailto:bo@uni.org)",
            "https://jobs.uni.org/5",
        ),
        (
            "Write to [Jo](mailto:jo@uni.org) with questions. "
            "Apply through [the portal](https://jobs.uni.org/1).",
            "https://jobs.uni.org/1",
        ),
        ("## Contact\n\n[Jo](mailto:jo@uni.org)", "mailto:jo@uni.org"),
        (
            "Questions to [Jo](mailto:jo@uni.org).\n\nApplications: [online](https://jobs.uni.org/6)",
            "https://jobs.uni.org/6",
        ),
        # a portal or the call over the group's own pages
        (
            "To apply, read about [our group](/people/) and submit through "
            "[the portal](https://jobs.uni.org/7).",
            "https://jobs.uni.org/7",
        ),
        ("Please [send us](/contact/) a letter.", "https://lab.example.org/contact/"),
        # an address linked without "mailto:"
        ("To apply, write to [jo@uni.org](jo@uni.org).", "mailto:jo@uni.org"),
        # links in raw HTML blocks, Markdown left unrendered in them included
        (
            "Questions? Mail [Jo](mailto:jo@uni.org).\n\n<div>\n"
            "<p>Apply via <a href='https://jobs.uni.org/8' target='_blank'>the portal</a>.</p>\n"
            "</div>",
            "https://jobs.uni.org/8",
        ),
        (
            "<div>\nQuestions: [Jo](mailto:jo@uni.org). "
            "Apply on [the portal](https://jobs.uni.org/1).\n</div>",
            "https://jobs.uni.org/1",
        ),
        (
            "Read [the paper](https://doi.org/1).\n\n"
            "<div>\nTo apply, fill in [the form](/apply/).\n</div>",
            "https://lab.example.org/apply/",
        ),
    ],
)
def test_the_link_a_reader_would_use_is_chosen(text, href):
    found = chosen(text)
    assert found is not None and found.href == href


# A link whose text or sentence names the call (and no word of applying), in each catalog
# language: it comes before an earlier unrelated link.
CALLS_BY_LANGUAGE = {
    "en": "The full call is [here](https://uni.org/jobs).",
    "de": "Die [Stellenausschreibung](https://uni.org/jobs) finden Sie online.",
    "fr": "L'[offre d'emploi](https://uni.org/jobs) est en ligne.",
    "it": "Il [bando](https://uni.org/jobs) è online.",
    "es": "La [convocatoria](https://uni.org/jobs) está abierta.",
    "pt": "O [edital](https://uni.org/jobs) está aberto.",
    "nl": "De [vacature](https://uni.org/jobs) staat online.",
    "sv": "Se [platsannonsen](https://uni.org/jobs).",
    "pl": "Pełne [ogłoszenie](https://uni.org/jobs) jest online.",
    "zh": "详见[招聘公告](https://uni.org/jobs)。",
    "ja": "[募集要項](https://uni.org/jobs)をご覧ください。",
    "ar": "اقرأ [الإعلان](https://uni.org/jobs).",
}


@pytest.mark.parametrize("text", CALLS_BY_LANGUAGE.values())
def test_a_link_naming_the_call_in_each_language_is_chosen(text):
    from mkdocs_postings.body.words import APPLY_WORDS

    assert APPLY_WORDS.search(text) is None
    found = chosen(f"Read [the paper](https://doi.org/1). {text}")
    assert found is not None and (found.href, found.place) == (
        "https://uni.org/jobs",
        Place.SENTENCE,
    )


def test_every_catalog_language_names_the_call():
    from mkdocs_postings.publishing.labels import catalog_languages

    assert set(CALLS_BY_LANGUAGE) == set(catalog_languages())


@pytest.mark.parametrize(
    "text",
    [
        # after the link, only its own clause counts: the form meant is another one
        "[本学のウェブサイト](https://uni.ac.jp/x)もあわせてご参照のうえ、以下のフォームから"
        "ご相談ください。" + "More. " * 130,
        "We regularly advertise openings such as the [URF](https://royalsociety.org/urf). "
        + "More. " * 130,
        "The ideal candidate has read [our papers](https://lab.example.org/papers/). "
        + "More. " * 130,
    ],
)
def test_words_that_only_seem_to_name_the_call_give_no_target(text):
    assert chosen(text) is None


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Write to jane AT uni.org", "jane@uni.org"),
        ("Write to jane atmark uni.ac.jp", "jane@uni.ac.jp"),
        ("Write to jane[atmark]uni.ac.jp", "jane@uni.ac.jp"),
        ("Write to jane＠uni.ac.jp", "jane@uni.ac.jp"),
        ("連絡先：janeアットマークuni.ac.jp", "jane@uni.ac.jp"),
        ("Write to jane _at_ uni _dot_ org", "jane@uni.org"),  # Markdown: <em>at</em>
        ("Write to j.doe *at* uni.org", "j.doe@uni.org"),
        ("連絡先：tanaka★uni.ac.jp（★を@に変えてください）", "tanaka@uni.ac.jp"),
        ("Write to jane at uni.org (replace ' at ' with @).", "jane@uni.org"),
        ("Write to jane#uni.org (replace # by @)", "jane@uni.org"),
        ('Mail <a href="">jane<i class="fas fa-at"></i>uni.org</a>.', "jane@uni.org"),
        ('Mail jane<span class="bi bi-at"></span>uni.org.', "jane@uni.org"),
    ],
)
def test_addresses_written_to_fool_robots_are_read(text, address):
    found = chosen(text)
    assert found is not None and found.href == f"mailto:{address}"


@pytest.mark.parametrize(
    "text",
    [
        "We meet at uni.org every week. " + "More. " * 130,  # " at " is a word
        "Write to jane at uni.org. " + "More. " * 130,  # unless the text says so
    ],
)
def test_an_at_that_may_be_a_word_is_not_read_as_an_address(text):
    assert chosen(text) is None


def test_an_address_does_not_hide_the_web_address_after_it():
    facts = read_body(html("Write to jo@uni.org or apply at https://jobs.uni.org/1 now."))
    assert [c.href for c in facts.candidates] == ["mailto:jo@uni.org", "https://jobs.uni.org/1"]


@pytest.mark.parametrize(
    ("meta", "href"),
    [
        (
            {
                "sections": [
                    {
                        "text": "The preferred candidate may get a "
                        "[scholarship](https://x.org/s). Follow [this link]"
                        "(https://jobs.uni.org/8) for instructions on how to apply."
                    }
                ]
            },
            "https://jobs.uni.org/8",
        ),
        ({"sections": [{"text": "Questions: write to jo@uni.org."}]}, "mailto:jo@uni.org"),
    ],
)
def test_front_matter_texts_give_the_link_of_their_sentence_about_applying(meta, href):
    found = chosen("", meta)
    assert (found.href, found.place) == (href, Place.FRONT_MATTER_TEXT)


def test_front_matter_texts_come_before_a_web_address_guessed_from_the_body():
    meta = {"sections": [{"text": "Follow [this link](https://jobs.uni.org/8) to apply."}]}
    text = "    - block: markdown\n      text: see https://royalsociety.org/urf"
    assert chosen(text, meta).href == "https://jobs.uni.org/8"


def _completed(text: str, meta: dict | None = None, **options):
    from conftest import ZURICH_DEFAULTS

    from mkdocs_postings.body.complete import complete_from_body
    from mkdocs_postings.reading.validate import posting_from_meta

    meta = {"title": "PhD position", **(meta or {})}
    posting, _ = posting_from_meta(meta, src="openings/x.md", defaults=ZURICH_DEFAULTS)
    completed, _, problems = complete_from_body(posting, html(text), page_url=BASE, **options)
    return completed.apply_href, [p for p in problems if p.field == "posting.apply"]


@pytest.mark.parametrize(
    ("text", "meta", "why"),
    [
        ("To apply, click [here]({{ site.url }}/apply/).", {}, "template syntax"),
        ("Apply by [e-mail](mailto:{{site.data.admin.settings.email}}).", {}, "template syntax"),
        ("Apply [here](%7B%7B%20site.url%20%7D%7D/a).", {}, "template syntax"),
        ("Long text. " * 130, {"email": "prenom.nom@irisa.fr"}, "an address pattern"),
        ("To apply, write to firstname.lastname@uni.org.", {}, "an address pattern"),
        ("To apply, write to xxx@uni.org.", {}, "an address pattern"),
    ],
)
def test_a_link_that_is_no_target_is_never_used_and_is_a_warning(text, meta, why):
    href, problems = _completed(text, meta)
    assert href is None
    (problem,) = problems
    assert problem.file == "openings/x.md" and why in problem.message
    assert "set posting.apply" in problem.message and "\n" not in problem.message


def test_a_target_after_one_that_is_no_target_is_used_and_the_warning_says_so():
    href, (problem,) = _completed(
        "To apply, click [here]({{ site.url }}/apply/) or write to [Jo](mailto:jo@uni.org)."
    )
    assert href.startswith("mailto:jo@uni.org")
    assert "the Apply button uses mailto:jo@uni.org" in problem.message


SITE = {f"https://lab.example.org/{path}" for path in ("", "contact/", "files/ad.pdf")}


@pytest.mark.parametrize(
    ("link", "href", "refused"),
    [
        ("/files/ad.pdf", "https://lab.example.org/files/ad.pdf", False),
        ("/files/gone.pdf", None, True),
        ("../../files/gone.pdf#page=2", None, True),
        ("/contact/", "https://lab.example.org/contact/", False),  # a page: kept
        ("https://jobs.uni.org/ad.pdf", "https://jobs.uni.org/ad.pdf", False),
    ],
)
def test_a_relative_link_to_a_file_not_in_docs_is_never_used(link, href, refused):
    assert _completed(f"To apply, read [the call]({link}).", site_urls=SITE)[0] == href
    problems = _completed(f"To apply, read [the call]({link}).", site_urls=SITE)[1]
    assert bool(problems) is refused
    assert _completed(f"To apply, read [the call]({link}).")[0] is not None  # without the set


# ------------------------------------------------------------------ a deadline the text states


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Application deadline: 31 January 2027", date(2027, 1, 31)),
        ("Bewerbungsfrist: 31.01.2027", date(2027, 1, 31)),
        ("Bewerbungsschluss ist der 31. Januar 2027.", date(2027, 1, 31)),
        ("deadline for applications: January 31st, 2020", date(2020, 1, 31)),
        ("Deadline: April, 14 2023", date(2023, 4, 14)),
        ("Date limite de candidature : 1er mars 2027", date(2027, 3, 1)),
        ("scadenza:\u00a07 febbraio 2019", date(2019, 2, 7)),
        ("Scadenza: 18 marzo 2019, ore 13:00", datetime(2019, 3, 18, 13, 0)),  # with its time
        ("Applications close on 2027-02-15.", date(2027, 2, 15)),
        ("Deadline: 31/10/2025", date(2025, 10, 31)),
        ("Fecha límite: 31 de marzo de 2027", date(2027, 3, 31)),
        ("Plazo de presentación de solicitudes: 2027-05-01", date(2027, 5, 1)),
        ("Prazo de inscrição: 15 de abril de 2027", date(2027, 4, 15)),
        ("Data limite de candidatura: 1 de junho de 2027", date(2027, 6, 1)),
        ("Sluitingsdatum: 1 mei 2027", date(2027, 5, 1)),
        ("Reageren vóór 1 juni 2027", date(2027, 6, 1)),
        ("Sista ansökningsdag: 31 mars 2027", date(2027, 3, 31)),
        ("Termin składania zgłoszeń: 30 kwietnia 2027", date(2027, 4, 30)),
        ("申请截止日期：2027年3月31日", date(2027, 3, 31)),
        ("応募締切 2027年1月15日", date(2027, 1, 15)),
        ("応募期限：2027年2月1日", date(2027, 2, 1)),
        ("آخر موعد للتقديم: 31 مارس 2027", date(2027, 3, 31)),
    ],
)
def test_clearly_stated_deadlines_are_found(text, when):
    assert [hint.when for hint in find_deadline(text)] == [when]


@pytest.mark.parametrize(
    "text",
    [
        "Deadline: July 26th",  # no year
        "Deadline: Spring 2026",
        "Deadline: 04/05/2027",  # April or May?
        "Start: 1 March 2027",  # not a deadline
        "The deadline has passed. We met on 3 March 2020 and talked for a long while about it.",
    ],
)
def test_unclear_deadlines_are_not_reported(text):
    assert find_deadline(text) == []


def test_deadline_in_the_rendered_body_is_reported_with_its_words():
    facts = read_body(html("Text.\n\n**Deadline for application:** October 25, 2021\n"))
    assert [(h.text, h.when) for h in facts.deadlines] == [
        ("Deadline for application: October 25, 2021", date(2021, 10, 25))
    ]


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("7.12.2020", date(2020, 12, 7)),
        ("05/05/2024", date(2024, 5, 5)),
        ("31. Januar 2027", date(2027, 1, 31)),
        ("2027-02-30", None),
        ("31 de marzo de 2027", date(2027, 3, 31)),
        ("2027 年 3 月 31 日", date(2027, 3, 31)),
        ("2027年2月30日", None),
        ("Spring 2026", None),
    ],
)
def test_written_dates(text, when):
    found = find_written_date(text)
    assert (found[2] if found else None) == when


def test_long_hostile_bodies_are_read_in_linear_time():
    """Long words, long runs of spaces, chains of '[dot]', thousands of links: every pattern
    starts only where its run starts, so none of these goes quadratic. A subprocess with a
    generous limit (a quadratic reader takes hours on these, a linear one well under a second
    each) keeps a regression from hanging the suite."""
    import subprocess
    import sys

    code = """
from mkdocs_postings.body.extract import read_body
from mkdocs_postings.text import markdown_words
for body in ["a" * 300000, " " * 300000 + "x", "a@" + "word " * 60000, "x [dot] " * 30000,
             '<a href="mailto:a@b.org">x</a>. ' * 20000, "<strong>x</strong> " * 40000,
             "<a " * 100000, '<a href="' * 60000, "<a b=c " * 60000, "</a " * 100000,
             "<!--" * 100000, "<!-- -- " * 60000, "a AT " * 60000, "a" + " " * 300000 + "AT b",
             "x atmark " * 30000, "[a](b) " * 40000, "[" * 300000, "a＠" * 100000,
             "replace ★ with @ " + "★" * 100000, "a " + "<em>at</em> " * 50000,
             "x " + " dot " * 60000, "a [at] " * 40000]:
    read_body("<p>" + body + "</p>")
for text in ["*a" * 100000, "[" * 300000, "[a](" * 60000, "`" * 200000]:
    markdown_words(text)
print("done")
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "done", result.stderr


def test_first_paragraph_alone_matches_a_whole_read():
    """The summary-only fast path finds what a whole read finds, on handmade and real bodies."""
    from conftest import CORPUS

    from mkdocs_postings.body.extract import first_paragraph

    bodies = [
        "<h1>T</h1><p></p><p>First <em>words</em>.</p><p>Second.</p>",
        "<ul><li><p>In a list.</p></li></ul><p>After.</p>",
        "<!-- <p>hidden</p> --><p>Shown.</p>",
        "<svg><path d='M0'/></svg><p\nclass='x'>Multi-line tag.</p>",
        "<div><p><a href='https://x.org'>only a link</a></p><p>Text.</p></div>",
        "No paragraph at all.",
        # such markup after the first paragraph is not read; before it, it is
        "<p>First.</p><!-- note --><pre><p>code</p></pre><script>x</script>",
        "<p></p><p> </p><!-- <p>hidden</p> --><p>After the comment.</p>",
        "<p></p><pre>\n<p>in pre</p>\n</pre>",
        "<p>Ends with a comment, unclosed <!-- </p> --></p><p>Next.</p>",
    ]
    corpus = CORPUS / "postings"
    if corpus.is_dir():
        from mkdocs_postings.reading.collect import read_front_matter

        for path in sorted(corpus.glob("*.md")):
            text = path.read_text("utf-8")
            bodies.append(html(read_front_matter(text, path.name).body))
    for body in bodies:
        assert first_paragraph(body) == read_body(body).first_paragraph, body[:200]


# ------------------------------------------------------------- plain markup without html.parser


class _Recorded:
    """The events a body reader is handed (attributes of links only: all the reader reads)."""

    def __init__(self) -> None:
        self.events: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, attrs if tag == "a" else None))

    def handle_endtag(self, tag):
        self.events.append(("end", tag))

    def handle_data(self, data):
        self.events.append(("data", data))


def _parser_events(body: str) -> list[tuple]:
    from html.parser import HTMLParser

    class Parsed(_Recorded, HTMLParser):
        def __init__(self) -> None:
            _Recorded.__init__(self)
            HTMLParser.__init__(self, convert_charrefs=True)

    parsed = Parsed()
    parsed.feed(body)
    parsed.close()
    return parsed.events


def _corpus_bodies() -> list[str]:
    from conftest import CORPUS

    from mkdocs_postings.reading.collect import read_front_matter

    corpus = CORPUS / "postings"
    if not corpus.is_dir():
        return []
    extensions = ["attr_list", "tables", "md_in_html", "admonition", "toc"]
    configs = {"toc": {"permalink": True}}
    return [
        markdown.markdown(
            read_front_matter(path.read_text("utf-8"), path.name).body,
            extensions=extensions,
            extension_configs=configs,
        )
        for path in sorted(corpus.glob("*.md"))
    ]


PLAIN_MARKUP = [
    '<h2 id="apply">Apply<a class="headerlink" href="#apply" title="Link">&para;</a></h2>',
    "<P CLASS=Lead>Upper case &amp; entities: &lt;b&gt; &#169; &#x41; &nbsp;x &ampersand</P>",
    "<p>Send <A HREF='mailto:a@b.org?subject=PhD&amp;x=1'>us</A> a letter &amp</p>",
    '<p><a href=https://x.org/a/>bare</a> <a href = "x" data-x>no value</a> <a href="">e</a></p>',
    '<p>Line<br/>break<br />and<br>void <img alt="a > b" src="i.png"/></p>',
    '<a\nhref="https://x.org"\nclass="y"\n>multi-line tag</a ><hr/>',
    "<ul>\n<li><strong>To apply:</strong> write to jane [at] uni [dot] org</li>\n</ul>",
    "Text without tags, then a > sign and &quot;quotes&quot; at the very end &",
    "<!--more--><p>Intro</p><!-- ## Old section\n<p>with <a href='mailto:x@y.org'>x</a></p>\n-->",
    "<p>a<!----->b<!-- - ->c-->d</p>",
    "",
]


@pytest.mark.parametrize("body", PLAIN_MARKUP)
def test_plain_markup_gives_the_reader_what_html_parser_gives(body):
    from mkdocs_postings.body.plain_markup import feed_plain_markup

    recorded = _Recorded()
    assert feed_plain_markup(recorded, body, attributes_of={"a"})  # read without html.parser ...
    assert recorded.events == _parser_events(body)  # ... with the same events


def test_real_bodies_are_read_without_html_parser_and_alike():
    """Nearly every real body is plain markup; each gives the events html.parser gives."""
    from mkdocs_postings.body.plain_markup import feed_plain_markup

    bodies = _corpus_bodies()
    if not bodies:
        pytest.skip("corpus not present (../shared/corpus)")
    plain = 0
    for body in bodies:
        recorded = _Recorded()
        if feed_plain_markup(recorded, body, attributes_of={"a"}):
            plain += 1
            assert recorded.events == _parser_events(body), body[:200]
    assert plain >= 0.8 * len(bodies)


@pytest.mark.parametrize(
    "body",
    [
        "<!-- <p>hidden <a href='mailto:x@y.org'>x</a></p> -- --><p>Shown.</p>",
        "<p>Unclosed <!-- comment <a href='mailto:x@y.org'>x</a></p>",
        "<p>Empty <!--> comment <a href='mailto:x@y.org'>x</a> --></p>",
        "<p>Empty <!---> comment <a href='mailto:x@y.org'>x</a> --></p>",
        "<p>a < b, write to <a href='mailto:a@b.org'>us</a></p>",
        "<script>var s = '<a href=\"mailto:x@y.org\">';</script><p>Text.</p>",
        "<style>p > a { color: red }</style><p>Text.</p>",
        "<title>x <b>y</b></title><p>To apply: a@b.org</p>",
        '<p><a href="x"class="y">no space</a> <my-tag>custom</my-tag> <o:p>word</o:p></p>',
        "<!DOCTYPE html><?xml version='1.0'?><![CDATA[x]]><p>Text</p>",
        "<p>Unclosed <a href='mailto:a@b.org>quote</a></p>",
        "</ p><p>odd end tag</p></>",
    ],
)
def test_other_markup_is_left_to_html_parser(body):
    from html.parser import HTMLParser

    from mkdocs_postings.body.extract import _BodyReader
    from mkdocs_postings.body.plain_markup import feed_plain_markup

    assert not feed_plain_markup(_Recorded(), body, attributes_of={"a"})
    reader = _BodyReader()
    HTMLParser.feed(reader, body)
    reader.close()
    assert read_body(body) == reader.facts


# ------------------------------------------------------ plain sections before the first target


def _whole(body: str):
    from mkdocs_postings.body.extract import _read

    return _read(body, deadlines=False)


APPLICATION_LAST = html(
    "## Summary\n\nWe study *networks* &amp; graphs.\n\n## Your profile\n\n"
    "- A degree in **physics**\n- Curiosity\n\n## Application\n\n"
    "Apply through [the portal](https://jobs.example.org/1) by March."
)


def test_plain_sections_before_the_first_target_are_not_read_again(monkeypatch):
    """The reader starts at the heading of the section with the first link: the sections
    before it hold no target, and their first paragraph and words are taken on the way."""
    from mkdocs_postings.body import extract

    seen: list[str] = []
    real = extract._BodyReader.handle_starttag

    def recording(self, tag, attrs):
        seen.append(tag)
        real(self, tag, attrs)

    monkeypatch.setattr(extract._BodyReader, "handle_starttag", recording)
    facts = read_body(APPLICATION_LAST, deadlines=False)
    assert seen == ["h2", "p", "a"]  # the Application section only
    assert facts.first_paragraph == "We study networks & graphs."
    seen.clear()
    assert facts == _whole(APPLICATION_LAST)
    assert seen[:3] == ["h2", "p", "em"]
    assert choose_apply(facts).place is Place.SECTION


@pytest.mark.parametrize(("words", "only_link"), [(10, True), (130, False)])
def test_a_stub_counts_the_words_of_the_sections_not_read_again(words, only_link):
    """A short body's only link is its apply target; a long one's is not, however many of
    its words come before the section that is read."""
    body = html(f"## About\n\n{'word ' * words}\n\n## More\n\nSee [this](https://x.org/info).")
    facts = read_body(body, deadlines=False)
    assert facts == _whole(body)
    assert facts.short is only_link
    assert (choose_apply(facts) is not None) is only_link


SECTION_CASES = [
    APPLICATION_LAST,
    # an address in an early section: that section is read
    html(
        "## A\n\nText.\n\n## B\n\nWrite to jane [at] uni [dot] org.\n\n## C\n\n[x](https://x.org)"
    ),
    html("## A\n\nMail &#106;&#64;x.org or see below.\n\n## B\n\n[x](https://x.org)"),
    html("## A\n\n<em>(</em>at<em>)</em> x\n\n## B\n\n[x](https://x.org)"),
    html("## A\n\nWrite to jane _at_ uni.org.\n\n## B\n\n[x](https://x.org)"),
    "<h2>A</h2><p>jane<i class='fa-at'></i>uni.org</p><h2>B</h2><p><a href='https://x.org'>x</a></p>",
    html("## A\n\nWrite to jane AT uni.org or jo＠uni.org.\n\n## B\n\n[x](https://x.org)"),
    # the first paragraph only after the heading where reading starts
    "<h2>A</h2>\n<ul>\n<li>item</li>\n</ul>\n<h2>B</h2>\n<p>First <a href='https://x.org'>x</a></p>",
    # markup the plain sections do not take: read whole
    "<div><h2>A</h2><p>In a div.</p></div><h2>B</h2><p><a href='https://x.org'>x</a></p>",
    "<p>a</p></p><h2>B</h2><p><a href='https://x.org'>x</a> <strong>To apply:</strong></p>",
    "<p>Open <p>nested</p><h2>B</h2><p><a href='https://x.org'>x</a></p>",
    "<p>x<div>in a div</div></p><h2>B</h2><p><a href='https://x.org'>x</a></p>",
    "<p>x <a>no href</a></p><h2>B</h2><p><a href='https://x.org'>x</a></p>",
    "<h2>A <a>x</a></h2><p>y</p><h2>B</h2><p><a href='https://x.org'>x</a></p>",
    "<h2>A</h2><p>x</p><!-- <h2>B</h2> --><p><a href='mailto:a@b.org'>a</a></p>",
    "<H2>A</H2><P>Upper.</P><h2>B</h2><p><a href='https://x.org'>x</a></p>",
    '<h2>A<a class="headerlink" href="#a">&para;</a></h2><p>x</p><h2>B</h2>'
    '<p>y <a href="/z">z</a></p>',
    "<h2>Apply</h2><p><strong>Deadline:</strong> soon</p><h3>C</h3><p>see https://x.org</p>",
]


@pytest.mark.parametrize("body", SECTION_CASES)
def test_reading_from_a_later_section_finds_what_a_whole_read_finds(body):
    assert read_body(body, deadlines=False) == _whole(body)


def test_real_bodies_read_from_a_later_section_alike():
    bodies = _corpus_bodies()
    if not bodies:
        pytest.skip("corpus not present (../shared/corpus)")
    for body in bodies:
        assert read_body(body, deadlines=False) == _whole(body), body[:200]


_inline = st.lists(
    st.text(alphabet="ab @[](){}_.:<>&;\n", max_size=8)
    | st.sampled_from(
        [
            "word " * 30,
            "send your CV to ",
            "a@b.org ",
            "jane [at] uni [dot] org ",
            "jane AT uni.org ",
            "jane <em>at</em> uni.org ",
            "(at) ",
            "see https://x.org/b. ",
            "&#64; &amp; &nbsp;",
            "<em>",
            "</em>",
            "<strong>To apply:</strong> ",
            "<strong>Deadline:</strong> ",
            "<code>",
            "</code>",
            "<div>",
            "</div>",
            "<br>",
            '<a href="https://x.org/a">',
            '<a href="mailto:j@x.org">',
            '<a href="/rel">',
            '<a href="#top">',
            "</a>",
            "<!-- c -->",
        ]
    ),
    max_size=6,
).map("".join)
_heading = st.builds(
    lambda level, text, link: f'<h{level} id="s">{text}{link}</h{level}>',
    st.integers(1, 6),
    st.sampled_from(["How to apply", "About", "Contact", "a &amp; b", ""]) | _inline,
    st.sampled_from(["", '<a class="headerlink" href="#s" title="Permanent link">&para;</a>']),
)
_block = (
    _heading
    | _inline.map("<p>{}</p>".format)
    | st.lists(_inline.map("<li>{}</li>".format), max_size=3).map(
        lambda items: "<ul>\n" + "\n".join(items) + "\n</ul>"
    )
    | st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<pre>x</pre>", "<blockquote>", "\n\n"])
    | _inline
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_block, max_size=12), st.sampled_from(["\n", ""]), st.booleans())
def test_any_body_is_read_from_a_later_section_alike(blocks, separator, application):
    if application:  # the usual shape: the way to apply in the last section
        blocks += ["<h2>Application</h2>", "<p>Apply <a href='https://x.org/j'>here</a>.</p>"]
    body = separator.join(blocks)
    assert read_body(body, deadlines=False) == _whole(body)


def test_deadline_labels_are_tried_where_a_word_starts_and_written_in_lower_case():
    """Letter-writing languages' labels behind one word boundary, Chinese and Japanese ones as
    plain literals (no optional group in front), all in lower case for the folded search."""
    from re import _constants, _parser

    from mkdocs_postings.body.words import DEADLINE_LABEL, DEADLINE_LABEL_FOLDED

    pattern = DEADLINE_LABEL.pattern
    assert pattern == DEADLINE_LABEL_FOLDED.pattern == pattern.casefold()
    ((operator, (_, branches)),) = _parser.parse(pattern, DEADLINE_LABEL.flags).data
    assert operator is _constants.BRANCH
    lettered, *others = (branch.data for branch in branches)
    assert lettered[0] == (_constants.AT, _constants.AT_BOUNDARY)
    (inner, (_, labels)) = lettered[1]
    assert inner is _constants.BRANCH and len(labels) > 20  # the labels of ten languages
    assert others and all(start[0][0] is _constants.LITERAL for start in others)


def test_the_deadline_pattern_runs_only_on_texts_with_a_label_word(monkeypatch):
    """Most paragraphs name no deadline: a word check rules them out before the slow pattern,
    and it compares as the pattern does (case-folded, dotless and dotted i alike)."""
    from mkdocs_postings.body import extract

    searched = []

    class Counting:
        def finditer(self, text):
            searched.append(text)
            return real.finditer(text)

    real = extract.DEADLINE_LABEL
    monkeypatch.setattr(extract, "DEADLINE_LABEL", Counting())
    assert find_deadline("We offer a stimulating environment from 1 March 2027.") == []
    # A label word without a label: the folded search rules it out.
    assert find_deadline("Apply through the portal and state your start date, 1 May 2027.") == []
    assert searched == []
    for text in [
        "DEADLİNE: 31 January 2027",
        "Deadlıne: 31 January 2027",
        "BEWERBUNGSFRIST: 31.01.2027",
    ]:
        assert [hint.when for hint in find_deadline(text)] == [date(2027, 1, 31)], text
    assert len(searched) == 3
