"""The library's catalog is a snapshot: a reader that took one keeps seeing it whole while
the store changes, and what readers derive from it is computed once per catalog."""

from __future__ import annotations

import dataclasses

import pytest
from helpers import DIGEST, EDUCATION, settings_for, write

from index.library import Library
from index.pipeline import Indexer


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
