"""The labelled corpus read as a reader would: scripts/corpus_figures.py's figures hold.

Skipped without ../shared/corpus. The floors are the figures the plugin reaches today (see
docs/migrating.md); a change that reads fewer corpus postings right fails here, and the
script's ``--misses`` lists which.
"""

from __future__ import annotations

import corpus_figures
import pytest
from conftest import CORPUS, PINNED

pytestmark = pytest.mark.skipif(
    not (CORPUS / "TRUTH.tsv").is_file(), reason="../shared/corpus is not present"
)

FLOORS = {"type": 105, "apply": 109, "deadline": 111, "posted": 117}
"""Rows read right, per field, at the pinned clock."""


@pytest.fixture(scope="module")
def figures():
    return corpus_figures.measure(CORPUS, PINNED, max_age_days=183)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_the_corpus_reads_at_least_as_well_as_before(figures, name):
    figure = figures[name]
    assert figure.right >= FLOORS[name], "\n".join(figure.misses)


def test_no_posting_is_shown_open_when_past_by_its_stated_deadline_or_age(figures):
    """Every posting past by its deadline (stated or labelled) or by its age is shown past;
    the al-folio ones whose deadline has no year are past by their ``category: closed``."""
    assert figures["honest"].misses == []
    assert figures["honest"].counted >= 83


def test_every_labelled_row_is_counted(figures):
    rows = corpus_figures.read_tsv(CORPUS / "TRUTH.tsv")
    assert figures["apply"].counted == len(rows) - 1  # the one draft is not published
    assert figures["posted"].counted == figures["apply"].counted
