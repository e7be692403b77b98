"""Postings written for Hugo Academic / Wowchemy and Jekyll, dropped into a site unchanged:
front matter as those generators write it, the apply target and a stated deadline read from
the body, on the material, mkdocs and readthedocs themes, in four languages."""

from __future__ import annotations

import json
import logging

import pytest
from conftest import Site

HUGO_TOML = """\
+++
title = "PhD student in Computational Pathology"
date = 2026-11-02T09:30:00+01:00
publishDate = "2026-11-02"
lastmod = 2026-11-05T10:00:00Z
expiryDate = 2027-01-15
summary = "Four-year PhD position on **tissue** images."
draft = false
authors = ["admin", "jdoe"]
tags = ["Opportunities", "Pathology"]
categories = ["Jobs"]
projects = ["digital-pathology"]
+++

We are hiring a PhD student.

## Application

Send your CV to [the lab](mailto:pathology@uni.example.org).
"""

JEKYLL = """\
---
layout: post
title: Postdoc in Imaging
tags: [Imaging]
---

Join us. Please apply through [the portal](https://jobs.example.org/imaging).
"""

WOWCHEMY_DRAFT = """\
---
title: Not yet
date: "2026-11-20T08:00:00-05:00"
draft: true
---

Draft text.
"""


@pytest.fixture
def migrated(make_site) -> Site:
    site = make_site(detect={"dirs": ["openings"], "tags": ["Opportunities"]})
    site.write("openings/phd-pathology/index.md", HUGO_TOML)
    site.write("openings/2024-05-01-postdoc-imaging.md", JEKYLL)
    site.write("openings/soon.md", WOWCHEMY_DRAFT)
    site.build()
    return site


def test_hugo_toml_posting_with_its_keys(migrated: Site):
    page = migrated.page("openings/phd-pathology/")
    posting = page.select_one(".postings-posting")
    assert posting["data-status"] == "open"
    assert posting["data-deadline"] == "2027-01-15T22:59:00Z"  # expiryDate, site zone
    assert [a["href"] for a in page.select("a.postings-apply")] == [
        "mailto:pathology@uni.example.org?subject=Application%3A%20PhD%20student%20in%20"
        "Computational%20Pathology"
    ] * 2
    assert "+++" not in page.select_one(".postings-body").get_text()
    records = {
        r["title"]: r
        for r in json.loads((migrated.out / "openings/postings.json").read_text())["postings"]
    }
    hugo = records["PhD student in Computational Pathology"]
    assert hugo["posted"] == "2026-11-02"
    assert hugo["summary"] == "Four-year PhD position on tissue images."


def test_jekyll_date_in_file_name_and_layout(migrated: Site):
    """Posted 2024-05-01 (the file name), no deadline: at the pinned clock (December 2026)
    it is past by its age, with a notice that says so, and no Apply button."""
    page = migrated.page("openings/2024-05-01-postdoc-imaging/")
    posting = page.select_one(".postings-posting")
    assert posting["data-status"] == "closed"
    assert page.select_one("a.postings-apply") is None
    assert "Posted in May 2024 and no longer open" in page.select_one(".postings-notice").text
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    records = json.loads((migrated.out / "openings/postings.json").read_text())["postings"]
    jekyll = next(r for r in records if r["title"] == "Postdoc in Imaging")
    assert jekyll["posted"] == "2024-05-01"
    assert jekyll["apply"] == "https://jobs.example.org/imaging"
    assert jekyll["status"] == "closed"


def test_drafts_are_not_published_as_openings(migrated: Site):
    assert not (migrated.out / "openings/soon").exists()
    titles = [t.get_text(strip=True) for t in migrated.page("openings/").select(".postings-card")]
    assert not any("Not yet" in t for t in titles)


# ------------------------------------------------------------------ apply target from the body

AMBIGUOUS = """\
---
title: Two positions
tags: [Jobs]
---

Two positions in one posting.

## How to apply

Postdoc: [portal A](https://jobs.example.org/a). PhD: [portal B](https://jobs.example.org/b).
"""

CLEAR = """\
---
title: One position
---

Read [our paper](https://doi.org/10.1/x).

## Bewerbung

Bitte über [das Portal](https://jobs.example.org/c).
"""


def test_ambiguous_apply_target_is_explained_and_warned(make_site, caplog):
    site = make_site()
    site.write("openings/two.md", AMBIGUOUS)
    site.write("openings/one.md", CLEAR)
    with caplog.at_level(logging.WARNING):
        site.build(strict=False)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    two = [w for w in warnings if "openings/two.md" in w]
    assert two == [
        "mkdocs_postings: openings/two.md: posting.apply: not set; the Apply button uses "
        'https://jobs.example.org/a from the "How to apply" section, but the posting names 1 '
        "other address or link; set posting.apply (a URL or mailto:) to choose"
    ]
    assert not [w for w in warnings if "openings/one.md" in w]

    page = site.page("openings/two/")
    assert page.select_one("a.postings-apply")["href"] == "https://jobs.example.org/a"
    note = page.select_one(".postings-fact--apply-source dd").get_text()
    assert note == (
        "Source: the “How to apply” section. The posting names other ways to apply too; "
        "please read it before applying."
    )
    one = site.page("openings/one/")
    assert one.select_one("a.postings-apply")["href"] == "https://jobs.example.org/c"
    assert one.select_one(".postings-fact--apply-source") is None


def test_ambiguous_apply_target_fails_a_strict_build(make_site, build_errors):
    site = make_site()
    site.write("openings/two.md", AMBIGUOUS)
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        site.build(strict=True)
    site.write(
        "openings/two.md",
        AMBIGUOUS.replace(
            "tags: [Jobs]",
            "tags: [Jobs]\nposting:\n  rolling: true\n  apply: https://jobs.example.org/b",
        ),
    )
    site.build(strict=True)
    assert site.page("openings/two/").select_one("a.postings-apply")["href"] == (
        "https://jobs.example.org/b"
    )


def test_relative_apply_link_is_made_absolute_and_javascript_is_never_used(make_site):
    site = make_site()
    site.write(
        "openings/rel.md",
        "---\ntitle: Rel\nposting: {rolling: true}\n---\n\n"
        "If interested, [send us](/contact/) a CV.\n",
    )
    site.write(
        "openings/js.md",
        "---\ntitle: JS\nposting: {rolling: true}\n---\n\n"
        "## Application\n\nClick [here](javascript:alert(1)).\n",
    )
    site.build(strict=False)
    assert site.page("openings/rel/").select_one("a.postings-apply")["href"] == (
        "https://lab.example.org/contact/"
    )
    page = site.page("openings/js/")
    assert page.select_one("a.postings-apply") is None
    outside_body = [
        a["href"] for a in page.select("a[href]") if a.find_parent(class_="postings-body") is None
    ]
    assert outside_body and not [h for h in outside_body if "javascript" in h.lower()]


# ------------------------------------------------------------------ deadline from the body


def test_deadline_stated_in_the_text_is_the_deadline_with_a_note(make_site, caplog):
    site = make_site()
    site.write(
        "openings/de.md",
        "---\ntitle: Stelle\nposting:\n  type: phd\n  apply: https://jobs.example.org/1\n"
        "---\n\n"
        "Wir suchen Sie.\n\n**Bewerbungsfrist:** 31.01.2027\n",
    )
    with caplog.at_level(logging.INFO):
        site.build(strict=True)  # a note, not a warning: --strict passes
    notes = [r for r in caplog.records if "openings/de.md: posting.deadline" in r.getMessage()]
    assert [(r.levelno, r.getMessage()) for r in notes] == [
        (
            logging.INFO,
            "mkdocs_postings: openings/de.md: posting.deadline: 2027-01-31 23:59 CET, read from "
            'the text "Bewerbungsfrist: 31.01.2027"; to set another, add  deadline: YYYY-MM-DD  '
            "under posting:",
        )
    ]
    page = site.page("openings/de/")
    assert page.select_one(".postings-posting")["data-deadline"] == "2027-01-31T22:59:00Z"
    assert "read from the text" in page.select_one(".postings-fact--deadline").get_text()


def test_deadline_from_text_off_keeps_the_warning(make_site, caplog):
    site = make_site(deadline_from_text=False)
    site.write(
        "openings/de.md",
        "---\ntitle: Stelle\nposting:\n  type: phd\n---\n\n"
        "Wir suchen Sie.\n\n**Bewerbungsfrist:** 31.01.2027\n",
    )
    with caplog.at_level(logging.WARNING):
        site.build(strict=False)
    warnings = [r.getMessage() for r in caplog.records if "openings/de.md" in r.getMessage()]
    assert (
        "mkdocs_postings: openings/de.md: posting.deadline: not set, but the text says "
        '"Bewerbungsfrist: 31.01.2027"; if that is the deadline, add  deadline: 2027-01-31  '
        "under posting: (it is not read (deadline_from_text is off))"
    ) in warnings
    posting = site.page("openings/de/").select_one(".postings-posting")
    assert not posting.has_attr("data-deadline")


@pytest.mark.parametrize(
    ("line", "deadline", "warning"),
    [
        ("deadline: 2027-03-01", "2027-03-01T22:59:00Z", None),
        ("closing-date: 2027-03-01", "2027-03-01T22:59:00Z", None),
        ("deadline: 05/05/2027", "2027-05-05T21:59:00Z", None),  # read, with an info note
        ("closing-date: 7.12.2027", "2027-12-07T22:59:00Z", None),
        (
            "deadline: Spring 2027",
            None,
            "openings/m.md: deadline: 'Spring 2027' is not a date, so the posting has no "
            "deadline; write one as YYYY-MM-DD under posting: (deadline:) or set rolling: true",
        ),
    ],
)
def test_migrated_top_level_deadline_keys(make_site, caplog, line, deadline, warning):
    site = make_site()
    site.write(
        "openings/m.md", f"---\ntitle: M\n{line}\n---\n\nTo apply, write to m@example.org.\n"
    )
    with caplog.at_level(logging.WARNING):
        site.build(strict=False)
    posting = site.page("openings/m/").select_one(".postings-posting")
    assert posting.get("data-deadline") == deadline
    warnings = [r.getMessage() for r in caplog.records if "openings/m.md" in r.getMessage()]
    assert warnings == ([f"mkdocs_postings: {warning}"] if warning else [])


# ------------------------------------------------------------------ themes

THEMED = """\
---
title: Research Engineer
tags: [Software, Imaging]
posting:
  type: engineer
  deadline: 2027-02-15
  apply: https://jobs.example.org/eng
---

Build research software with us.
"""


@pytest.mark.parametrize("theme", ["material", "mkdocs", "readthedocs"])
def test_posting_cards_and_tag_pages_on_every_theme(make_site, theme):
    site = make_site(theme)
    site.write("openings/engineer.md", THEMED)
    site.write(
        "openings/old.md",
        "---\ntitle: Old job\ntags: [Software]\nposting: {deadline: 2026-01-01}\n---\n\nOld.\n",
    )
    site.build()
    css = 'link[rel="stylesheet"][href$="assets/postings/postings.css"]'
    for url in ("openings/engineer/", "openings/", "openings/tags/software/", "openings/tags/"):
        page = site.page(url)
        assert page.select_one(css) is not None, (theme, url)
        assert page.select_one('script[src$="assets/postings/postings.js"]') is not None
        assert len(page.select("h1")) == 1, (theme, url)

    posting = site.page("openings/engineer/")
    article = posting.select_one("article.postings-posting")
    assert article["data-status"] == "open"
    notice = article.select_one(".postings-notice").select("p")[-1]
    assert notice.get_text(strip=True) == "Open for applications until 15 February 2027, 23:59 CET."
    assert article.select_one(".postings-facts .postings-fact--deadline time")["datetime"] == (
        "2027-02-15T22:59:00Z"
    )
    assert [a["href"] for a in article.select("a.postings-apply")] == [
        "https://jobs.example.org/eng"
    ] * 2
    assert [a.get_text(strip=True) for a in article.select(".postings-tags a")] == [
        "Software",
        "Imaging",
    ]

    cards = site.page("openings/")
    assert [c["data-status"] for c in cards.select(".postings-card")] == ["open", "closed"]
    assert cards.select_one(".postings-card a.postings-apply")["href"] == (
        "https://jobs.example.org/eng"
    )
    tag = site.page("openings/tags/software/")
    assert len(tag.select(".postings-card")) == 2
    index = site.page("openings/tags/")
    assert index.select_one('a[href$="imaging/"]') is not None

    stylesheet = (site.out / "assets/postings/postings.css").read_text()
    # Material's palette when present, readable neutral colours elsewhere.
    assert "var(--md-primary-fg-color, #" in stylesheet
    assert "[data-md-color-scheme" in stylesheet or "prefers-color-scheme" in stylesheet


# ------------------------------------------------------------------ languages

LANGUAGE_POSTINGS = {
    "openings/open.md": (
        "---\ntitle: Open\ntags: [Lab]\nposting:\n  type: phd\n  deadline: 2027-01-31\n"
        "  apply: https://jobs.example.org/1\n---\n\nText.\n"
    ),
    "openings/filled.md": (
        "---\ntitle: Filled\nposting:\n  status: filled\n  deadline: 2027-03-01\n---\n\nText.\n"
    ),
    "openings/past.md": ("---\ntitle: Past\nposting:\n  deadline: 2026-06-30\n---\n\nText.\n"),
}

EXPECTED = {
    # Apply, Deadline, the deadline's date, countdown, filled notice, past openings
    "en": (
        "Apply",
        "Deadline",
        "31 January 2027",
        "closes in 61 days",
        "This position has been filled.",
        "Past openings",
    ),
    "de": (
        "Bewerben",
        "Bewerbungsfrist",
        "31. Januar 2027",
        "endet in 61 Tagen",
        "Diese Stelle ist besetzt.",
        "Frühere Ausschreibungen",
    ),
    "fr": (
        "Postuler",
        "Date limite",
        "31 janvier 2027",
        "clôture dans 61 jours",
        "Ce poste a été pourvu.",
        "Offres passées",
    ),
    "it": (
        "Candidati",
        "Scadenza",
        "31 gennaio 2027",
        "scade tra 61 giorni",
        "Questa posizione è stata coperta.",
        "Annunci passati",
    ),
}


@pytest.mark.parametrize("language", ["en", "de", "fr", "it"])
@pytest.mark.parametrize("via", ["theme", "option"])
def test_labels_in_four_languages(make_site, language, via):
    """``theme.language`` on Material, the plugin's ``language`` option on the mkdocs theme."""
    if via == "theme":
        site = make_site(extra={"theme": {"name": "material", "language": language}})
    else:
        site = make_site("mkdocs", language=language)
    for path, text in LANGUAGE_POSTINGS.items():
        site.write(path, text)
    site.build()
    apply, deadline, day, countdown, filled, past = EXPECTED[language]

    page = site.page("openings/open/")
    assert page.select_one("a.postings-apply").get_text(strip=True) == apply
    assert page.select_one(".postings-fact--deadline dt").get_text(strip=True) == deadline
    assert page.select_one(".postings-fact--deadline dd").get_text(strip=True).startswith(day)
    assert page.select_one(".postings-countdown").get_text(strip=True) == countdown
    notice = site.page("openings/filled/").select_one(".postings-notice").select("p")[-1]
    assert notice.get_text(strip=True) == filled
    cards = site.page("openings/")
    assert past in [h.get_text(strip=True) for h in cards.select("h2")]
    assert cards.select_one(".postings-card a.postings-apply").get_text(strip=True) == apply


def test_labels_override_one_string(make_site):
    site = make_site(language="de", labels={"apply": "Jetzt bewerben"})
    site.write("openings/open.md", LANGUAGE_POSTINGS["openings/open.md"])
    site.build()
    page = site.page("openings/open/")
    assert page.select_one("a.postings-apply").get_text(strip=True) == "Jetzt bewerben"
    assert page.select_one(".postings-fact--deadline dt").get_text(strip=True) == (
        "Bewerbungsfrist"
    )
