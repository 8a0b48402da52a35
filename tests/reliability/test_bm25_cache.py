"""The BM25 side index is a cache of Chroma: one damaged (rows out of range), stale but
readable (a document missing or of another version under the same change token) or
holding rows of no document is checked against the store when a process opens it and
rebuilt, with one line saying so — never a traceback, never answers from part of the chunks."""

from __future__ import annotations

import json

import numpy as np
import pytest
from helpers import BANYAN, DIGEST, EDUCATION, settings_for, write

from index.library import Library, lexical_folder
from index.pipeline import Indexer
from qa.answer import Answerer


@pytest.fixture
def data(tmp_path):
    """A store of two transcripts (hashing embeddings); the path of its data folder."""
    library = Library(settings_for(tmp_path / "data", embedding_model="hashing"))
    indexer = Indexer(library, show_bars=False)
    indexer.add_file(write(tmp_path / "a.md", DIGEST))
    indexer.add_file(write(tmp_path / "b.md", "# 另一份摘登\n\n" + EDUCATION + BANYAN))
    return tmp_path / "data"


def edit_state(data, change) -> None:
    path = lexical_folder(settings_for(data, embedding_model="hashing")) / "state.json"
    state = json.loads(path.read_text())
    change(state)
    path.write_text(json.dumps(state))


def reopened(data, capsys) -> tuple[Library, str]:
    library = Library(settings_for(data, embedding_model="hashing"))
    return library, capsys.readouterr().err


def visible_ids(library: Library) -> set[str]:
    return {i for r in library.records for i in library._store.chunk_rows(r.doc_id, r.version)[0]}


def assert_whole(library: Library) -> None:
    assert library._lexical.chunk_ids == visible_ids(library) and len(library.records) == 2
    answer = Answerer(library).ask("谁提到了“古榕树下红色广场”？")
    assert answer.found and answer.citations[0].who.speaker == "李若平"


def test_rows_out_of_range_are_rebuilt_not_a_traceback(data, capsys):
    edit_state(data, lambda s: s["segments"][0]["dead"].append(10**6))
    library, err = reopened(data, capsys)
    assert_whole(library)
    assert err.count("\n") == 1 and "BM25 cache" in err and "unreadable" in err


def test_a_document_range_past_its_segment_is_rebuilt(data, capsys):
    edit_state(data, lambda s: next(iter(s["docs"].values())).update(end=10**6))
    library, err = reopened(data, capsys)
    assert_whole(library)
    assert "rebuilt from Chroma" in err


def test_a_stale_state_with_the_same_token_is_rebuilt(data, capsys):
    def forget_one(state):
        doc_id = next(iter(state["docs"]))
        del state["docs"][doc_id]  # its rows stay alive in the segment: rows of no document

    edit_state(data, forget_one)
    library, err = reopened(data, capsys)
    assert_whole(library)
    assert "differed from the store" in err


def test_a_document_of_another_version_is_rebuilt(data, capsys):
    edit_state(data, lambda s: next(iter(s["docs"].values())).update(version="0" * 16))
    library, err = reopened(data, capsys)
    assert_whole(library)
    assert "differed from the store in 1 documents" in err


def test_a_matching_cache_is_used_silently(data, capsys):
    library, err = reopened(data, capsys)
    assert_whole(library)
    assert err == ""


def segment_files(data) -> list:
    return sorted(lexical_folder(settings_for(data, embedding_model="hashing")).glob("*.npz"))


def test_a_truncated_segment_file_is_rebuilt_not_a_crash(data, capsys):
    for path in segment_files(data):
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    library, err = reopened(data, capsys)
    assert_whole(library)
    assert err.count("\n") == 1 and "unreadable" in err and "rebuilt from Chroma" in err


def test_a_segment_whose_rows_point_past_its_end_is_rebuilt_not_a_crash_at_question_time(data, capsys):
    for path in segment_files(data):
        with np.load(path) as saved:
            arrays = dict(saved)
        arrays["indices"] = arrays["indices"] + 10**6  # every posting names a row that does not exist
        np.savez(path.with_suffix(""), **arrays)
    library, err = reopened(data, capsys)
    assert_whole(library)  # asks a question
    assert err.count("\n") == 1 and "unreadable" in err
