"""Front matter as real files carry it, and the detection rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_postings.collect import DetectRules, collect_posting, read_front_matter
from mkdocs_postings.model import Defaults, PostingError

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


# ------------------------------------------------------------------ YAML built from its nodes


def _reference_load(text: str):
    """What PyYAML's general safe constructor builds, with the plugin's resolvers."""
    import yaml

    from mkdocs_postings import collect

    class Reference(collect._BaseLoader):  # type: ignore[misc, valid-type, name-defined]
        yaml_implicit_resolvers = collect._Loader.yaml_implicit_resolvers

    return yaml.load(text, Loader=Reference)


def _same(a, b) -> bool:
    """Equal, with NaN equal to NaN and types compared (1 == 1.0 == True in Python)."""
    import math

    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(_same, a, b))
    return a == b


YAML_EDGES = [
    "title: T\ncount: 0o17\nhex: 0x1F\nbig: 1_000\nsexagesimal: 1:20\nminus: -3",
    "a: .inf\nb: -.INF\nc: .nan\nd: 1e3\ne: 1.5\nf: 6.8523015e+5\ng: 190:20:30.15",
    "y: yes\nn: No\non: on\noff: OFF\nt: true\nnull1: ~\nnull2: null\nnull3:",
    "deadline: 2027-01-31\nstamp: 2027-01-31 12:00:00+01:00",
    "s: !!str 12\ni: !!int '7'\nf: !!float 1\nb: !!binary aGVsbG8=\nset: !!set {a, b}",
    "o: !!omap [{a: 1}, {b: 2}]\np: !!pairs [{a: 1}]",
    "1: int key\ntrue: bool key\n~: null key\n1.5: float key\ntitle: dup\ntitle: second",
    "list: [a, [b, [c, {d: e}]]]\nmap: {x: {y: {z: []}}}\nempty: {}",
    "text: |\n  line one\n  line two\nfolded: >\n  one\n  two\n",
    "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\nscalar: &s word\nagain: *s",
    "l: &l [1, 2]\nm: *l",
    "? [a, b]\n: complex key",
    "= : value key",
    "just a scalar",
    "- a list",
    "",
]


@pytest.mark.parametrize("text", YAML_EDGES)
def test_yaml_built_from_its_nodes_is_what_pyyaml_builds(text):
    import yaml

    from mkdocs_postings import collect

    try:
        expected = _reference_load(text)
    except yaml.YAMLError as error:
        with pytest.raises(yaml.YAMLError) as raised:
            yaml.load(text, Loader=collect._Loader)
        assert str(raised.value) == str(error)
        return
    assert _same(yaml.load(text, Loader=collect._Loader), expected)


def test_aliased_lists_stay_one_object_as_pyyaml_makes_them():
    import yaml

    from mkdocs_postings import collect

    loaded = yaml.load("l: &l [1, 2]\nm: *l\n", Loader=collect._Loader)
    assert loaded["l"] is loaded["m"]


_scalars = (
    st.text(max_size=20)
    | st.integers()
    | st.floats(allow_nan=True)
    | st.booleans()
    | st.none()
    | st.dates().map(str)
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8) | st.integers() | st.booleans(), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_values, st.sampled_from([None, True, False]))
def test_any_dumped_yaml_is_built_as_pyyaml_builds_it(value, flow):
    import yaml

    from mkdocs_postings import collect

    text = yaml.safe_dump({"title": "T", "value": value}, default_flow_style=flow)
    assert _same(yaml.load(text, Loader=collect._Loader), _reference_load(text))
