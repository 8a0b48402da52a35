"""The library's catalog is a snapshot: a reader that took one keeps seeing it whole while
the store changes, and what readers derive from it is computed once per catalog."""

from __future__ import annotations

import dataclasses

import pytest
from helpers import DIGEST, EDUCATION, settings_for, write

from index.library import CatalogSpeech, Library, documents_named
from index.pipeline import Indexer
from index.preview import SpeechPreview
from index.records import Attribution, BadInput
from index.store import DocumentRecord
from qa.records import Citation


def test_a_taken_catalog_stays_as_it_was_and_derived_values_are_per_catalog(tmp_path):
    library = Library(settings_for(tmp_path / "data", embedding_model="hashing"))
    indexer = Indexer(library, show_bars=False)
    indexer.add_file(write(tmp_path / "a.md", DIGEST))
    taken = library.snapshot()
    builds = []

    def speakers(speeches):
        builds.append(len(speeches))
        return sorted({s.who.speaker for s in speeches if s.who.speaker})

    before = taken.derived(speakers)
    assert taken.derived(speakers) is before and len(builds) == 1  # once per catalog

    indexer.add_file(write(tmp_path / "edu.md", "# 另一份摘登\n\n" + EDUCATION))
    current = library.snapshot()
    assert current is library.catalog is not taken and current.token != taken.token
    assert len(taken.records) == 1 and len(current.records) == 2
    assert {s.who.doc_id for s in taken.speeches} == {taken.records[0].doc_id}
    assert taken.derived(speakers) is before and len(builds) == 1  # the old catalog's value stands
    assert set(current.derived(speakers)) > set(before) and len(builds) == 2
    assert (library.records, library.speeches) == (current.records, current.speeches)
    assert library.snapshot() is current  # nothing changed: the same catalog

    with pytest.raises(dataclasses.FrozenInstanceError):
        taken.records = current.records


def test_one_resolver_names_documents_for_filters_and_for_removal(tmp_path):
    records = [
        DocumentRecord("a1", str(tmp_path / "minutes.txt"), title="一季度会议", meeting="党建推进会"),
        DocumentRecord("b2", "upload:minutes.txt", title="Budget hearing"),
        DocumentRecord("c3", "upload:ann/notes.md", title="minutes.txt"),
    ]
    assert [r.doc_id for r in documents_named(records, "b2")] == ["b2"]  # an id first
    assert [r.doc_id for r in documents_named(records, str(tmp_path / "minutes.txt"))] == ["a1"]  # a source
    assert [r.doc_id for r in documents_named(records, "minutes.txt")] == ["b2"]  # as uploaded, before a title
    assert [r.doc_id for r in documents_named(records, "notes.md")] == ["c3"]  # a file name
    assert [r.doc_id for r in documents_named(records, " 党建推进会 ")] == ["a1"]  # a meeting's name
    assert documents_named(records, "一季度") == [] and documents_named(records, "") == []
    assert [r.doc_id for r in documents_named(records, "一季度", partial=True)] == ["a1"]  # a part, for filters

    library = Library(settings_for(tmp_path / "data", embedding_model="hashing"))
    indexer = Indexer(library, show_bars=False)
    indexer.add_file(write(tmp_path / "a.md", DIGEST))
    indexer.add_file(write(tmp_path / "b.md", "# 另一份摘登\n\n" + EDUCATION))
    first, second = library.records
    assert library.doc_ids_named(first.title) == [first.doc_id] == [indexer.find(first.title).doc_id]
    indexer.describe(second.doc_id, {"title": first.title})
    assert sorted(library.doc_ids_named(first.title)) == sorted([first.doc_id, second.doc_id])  # a filter: both
    with pytest.raises(BadInput, match="several documents have this name"):
        indexer.find(first.title)  # a removal: never a guess


def test_one_flat_projection_of_who_said_it_for_every_output():
    who = Attribution(
        "吴萍", ("三亚市教育局党委书记",), ("教育局",), ("党委书记",), cue="speaker line", doc_id="d1", speech_index=2
    )
    row = who.row(("speaker", "units", "confidence", "date"), date="2025-10-25")
    assert row == {"speaker": "吴萍", "units": ["教育局"], "confidence": "high", "date": "2025-10-25"}
    assert list(row) == ["speaker", "units", "confidence", "date"]  # in the order named
    cited = Citation(1, who, 0, 4, "围绕教育", 0.5, "2025-10-25", "推进会").to_dict()
    listed = CatalogSpeech(who, 1, 0, 4, "2025-10-25", "推进会").row()
    previewed = SpeechPreview(who, "围绕教育", 0, 4).to_dict()
    for output in (listed, previewed):
        shared = set(cited) & set(output)
        assert {"speaker", "units", "start"} & shared and {k: output[k] for k in shared} == {
            k: cited[k] for k in shared
        }
