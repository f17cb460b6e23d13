"""The seed documents are the reader's proposal plus a reviewer's corrections, and the reader's
extraction figures on them are known: a change of the reader shows here."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.reader import proposal as P
from tracker.reader import seedcheck as S

SEEDS = {path.name: path for path in S.seed_documents()}
REGISTRY = S.registry()


def _text(data: dict) -> str:
    text = S.source_text(data["source"])
    if text is None:
        pytest.skip(f"source text {data['source']} is not beside the repository")
    return text


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_the_seed_document_is_the_readers_proposal_plus_the_reviewed_corrections(name):
    data = S.load(SEEDS[name])
    text = _text(data)
    corrections = S.load(S.corrections_path(SEEDS[name]))
    header, items = S.corrected(data, text, corrections, REGISTRY)
    assert P.canonical(P.to_seed(items)) == P.canonical(data["tasks"])
    for field in S.DOCUMENT_FIELDS:
        want = data.get(field)
        assert header[field] == (want if not isinstance(want, dt.date) else want), field


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_the_corrections_list_only_differences(name):
    """Regenerating the corrections from the seed gives the file as committed: nothing in it the
    reader already proposes, nothing missing."""
    data = S.load(SEEDS[name])
    text = _text(data)
    committed = S.load(S.corrections_path(SEEDS[name]))
    assert S.make_corrections(data, text, REGISTRY, committed.get("edits")) == committed


# document symbol -> (items, found, extra, leads, deadlines, coordinating, sections found, seed sections)
FIGURES = {
    "92/TB-UBND": (14, 14, 0, 14, 14, 14, 2, 2),
    "91-KL/TU": (67, 67, 6, 62, 65, 57, 23, 24),
    "1889/UBND-KSTT": (12, 12, 0, 5, 11, 12, 1, 1),
    "TB-UBND/BD-2024": (11, 11, 0, 9, 11, 11, 1, 1),
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_the_readers_extraction_figures_on_the_seed_documents(name):
    """The table of docs/import-extraction.md."""
    data = S.load(SEEDS[name])
    f = S.measure(data, _text(data), REGISTRY)
    got = (f.items, f.found, f.extra, f.leads, f.deadlines, f.coordinating, f.sections, f.seed_sections)
    assert got == FIGURES[data["symbol"]]


def test_the_report_003_has_tasks_only_in_its_outlook_section():
    text = S.source_text("003")
    if text is None:
        pytest.skip("source text 003 is not beside the repository")
    count, codes = S.report_figures(text, REGISTRY)
    assert (count, codes) == (7, [f"IV.{i}" for i in range(1, 8)])
