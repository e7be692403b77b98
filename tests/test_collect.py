"""Front matter as real files carry it, and the detection rules."""

from __future__ import annotations

import pytest

from mkdocs_postings.model import Defaults, PostingError
from mkdocs_postings.reading.collect import DetectRules, collect_posting, read_front_matter

SRC = "openings/x.md"


@pytest.mark.parametrize(
    ("text", "fmt", "title", "body"),
    [
        ("---\ntitle: A\n---\nBody\n", "yaml", "A", "Body\n"),
        ('+++\ntitle = "A"\ndate = 2026-05-01\n+++\nBody\n', "toml", "A", "Body\n"),
        ("\ufeff---\ntitle: A\n---\nBody", "yaml", "A", "Body"),  # byte-order mark
        ("---\r\ntitle: A\r\n---\r\nBody\r\n", "yaml", "A", "Body\n"),  # CRLF
        ("---\ntitle: A\n---", "yaml", "A", ""),  # closing --- without a newline
        ("---\n---\nBody", "yaml", None, "Body"),  # empty front matter
        ("# Just Markdown\n", None, None, "# Just Markdown\n"),
        ("---\ntitle: A\n---\nText\n\n---\n\nMore\n", "yaml", "A", "Text\n\n---\n\nMore\n"),
    ],
)
def test_read_front_matter(text, fmt, title, body):
    parsed = read_front_matter(text, SRC)
    assert parsed.format == fmt
    assert parsed.meta.get("title") == title
    assert parsed.body == body


def test_yaml_timestamps_stay_strings_so_errors_can_name_the_field():
    parsed = read_front_matter(
        "---\ndate: 2027-02-30\nposting:\n  deadline: 2027-01-31\n---\n", SRC
    )
    assert parsed.meta["date"] == "2027-02-30"
    assert parsed.meta["posting"]["deadline"] == "2027-01-31"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\ntitle: [unclosed\n---\n", "broken YAML"),
        ("---\ntitle: A\n\tdate: x\n---\n", "broken YAML"),
        ("+++\ntitle = unquoted\n+++\n", "broken TOML"),
        ("---\ntitle: A\nno closing line\n", "no closing ---"),
        ("---\n- a\n- b\n---\n", "keys and values"),
    ],
)
def test_unreadable_front_matter_is_an_error_naming_the_file(text, message):
    with pytest.raises(PostingError) as caught:
        read_front_matter(text, SRC)
    assert str(caught.value).startswith(f"{SRC}: front matter: ")
    assert message in str(caught.value)


RULES = DetectRules(
    key="posting", dirs=("openings",), tags=("Opportunities",), categories=("Jobs",)
)


@pytest.mark.parametrize(
    ("src", "text", "reasons"),
    [
        ("news/a.md", "---\ntitle: A\nposting:\n  rolling: true\n---\n", ["key"]),
        ("openings/a.md", "---\ntitle: A\n---\n", ["dirs"]),
        ("openings/sub/a.md", "---\ntitle: A\n---\n", ["dirs"]),
        ("news/a.md", "---\ntitle: A\ntags: [Data Science, opportunities]\n---\n", ["tags"]),
        ("news/a.md", "---\ntitle: A\ncategories: Jobs\n---\n", ["categories"]),
        ("news/a.md", "---\ntitle: A\ntags: [News]\n---\n", []),
        ("openings-old/a.md", "---\ntitle: A\n---\n", []),
        ("openings/index.md", "---\ntitle: Openings\n---\n", []),  # the cards page
    ],
)
def test_detection_rules(src, text, reasons):
    rules = DetectRules(
        key="posting",
        dirs=("openings",),
        tags=("Opportunities",),
        categories=("Jobs",),
        exclude=("openings/index.md",),
    )
    meta = read_front_matter(text, src).meta
    assert rules.reasons(src, meta) == reasons
    collected = collect_posting(src, text, rules=rules, defaults=Defaults())
    assert (collected is not None) == bool(reasons)


def test_seed_posting_is_detected_by_the_tags_rule(tmp_path):
    from conftest import ROOT

    text = ROOT.parent / "shared" / "seed-posting.md"
    if not text.exists():
        text = ROOT / "example_site" / "docs" / "openings" / "postdoc-ml-biomedicine.md"
    rules = DetectRules(dirs=(), tags=("Opportunities",))
    collected = collect_posting(
        "post/postdoc.md", text.read_text(), rules=rules, defaults=Defaults()
    )
    assert collected is not None
    assert rules.reasons("post/postdoc.md", collected.front_matter.meta) == ["tags"]
    assert collected.posting.title == "Postdoc Opening in Machine Learning in Biomedicine"
    assert not collected.posting.native


def test_broken_front_matter_outside_posting_folders_is_left_to_mkdocs():
    text = "---\ntitle: [broken\n---\nA normal page\n"
    assert collect_posting("about.md", text, rules=RULES, defaults=Defaults()) is None


def test_broken_front_matter_of_a_posting_outside_folders_is_reported():
    text = "---\ntitle: [broken\nposting:\n  type: phd\n---\n"
    with pytest.raises(PostingError, match=r"about\.md: front matter: broken YAML"):
        collect_posting("about.md", text, rules=RULES, defaults=Defaults())


# ------------------------------------------------------------------ the YAML loader


def test_front_matter_is_read_by_libyaml_where_installed():
    import yaml

    from mkdocs_postings.reading import collect

    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("this PyYAML was built without libyaml")
    assert issubclass(collect._Loader, yaml.CSafeLoader)


def test_dates_stay_text_and_the_rest_is_what_pyyaml_builds():
    import yaml

    from mkdocs_postings.reading import collect

    text = (
        "deadline: 2027-01-31\nstamp: 2027-01-31 12:00:00+01:00\nn: 0x1F\nok: yes\n"
        "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\nl: &l [1, 2]\nm: *l\n"
    )
    loaded = yaml.load(text, Loader=collect._Loader)
    assert loaded["deadline"] == "2027-01-31"
    assert loaded["stamp"] == "2027-01-31 12:00:00+01:00"
    safe = yaml.safe_load(text)
    assert {k: v for k, v in loaded.items() if k not in ("deadline", "stamp")} == {
        k: v for k, v in safe.items() if k not in ("deadline", "stamp")
    }
    assert loaded["l"] is loaded["m"]
