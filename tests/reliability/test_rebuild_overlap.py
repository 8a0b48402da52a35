"""`index rebuild` and a writer overlapping it: the writer waits until the rebuild has
switched collections, then writes into the new one — nothing it commits is left in the
collection the rebuild drops. Afterwards every listed document's chunks are in the store
and BM25 holds exactly those. (Two writers in one process, as two processes share a folder:
the claims are records in the store, owned by host:pid.)"""

from __future__ import annotations

import threading

from helpers import BANYAN, DIGEST, EDUCATION, settings_for, write

from index.library import Library
from index.pipeline import Indexer


def library_of(data) -> Library:
    return Library(settings_for(data, embedding_model="hashing"))


def assert_listing_equals_store(data) -> None:
    library = library_of(data)  # a fresh reader
    for record in library.records:
        ids, _, _ = library._store.chunk_rows(record.doc_id, record.version)
        assert len(ids) == record.chunks > 0, record.source
    visible = {i for r in library.records for i in library._store.chunk_rows(r.doc_id, r.version)[0]}
    assert library._lexical.chunk_ids == visible


def rebuild_while(data, write_meanwhile) -> tuple[threading.Thread, dict]:
    """Rebuild the store in `data`; while its first document is embedded, `write_meanwhile`
    (given a fresh Indexer) runs in another thread, which is given 3 s before the rebuild
    goes on."""
    rebuilding = Indexer(library_of(data), show_bars=False)
    embed = rebuilding.writer.embed_chunks
    outcome: dict = {}
    writer = threading.Thread(target=lambda: outcome.update(result=write_meanwhile(Indexer(library_of(data)))))

    def embed_then_let_the_writer_run(*args, **kwargs):
        if not writer.is_alive() and "result" not in outcome:
            writer.start()
            writer.join(timeout=3)  # before: the writer is done by now; after: it waits for the rebuild
        return embed(*args, **kwargs)

    rebuilding.writer.embed_chunks = embed_then_let_the_writer_run
    summary = rebuilding.rebuild()
    writer.join(timeout=60)
    assert not writer.is_alive() and summary.count("updated") == 1
    return writer, outcome


def test_an_add_during_a_rebuild_is_in_the_store_afterwards(tmp_path):
    data = tmp_path / "data"
    Indexer(library_of(data), show_bars=False).add_file(write(tmp_path / "a.md", DIGEST))
    added = write(tmp_path / "b.md", "# 另一份摘登\n\n" + EDUCATION + BANYAN)
    _, outcome = rebuild_while(data, lambda indexer: indexer.add_file(added))
    assert outcome["result"].status == "added" and outcome["result"].chunks > 0
    assert_listing_equals_store(data)
    assert len(library_of(data).records) == 2
    assert Indexer(library_of(data)).add_file(added).status == "unchanged"


def test_a_remove_during_a_rebuild_stays_removed(tmp_path):
    data = tmp_path / "data"
    indexer = Indexer(library_of(data), show_bars=False)
    indexer.add_file(write(tmp_path / "a.md", DIGEST))
    gone = indexer.add_file(write(tmp_path / "b.md", "# 另一份摘登\n\n" + EDUCATION))
    rebuilding = Indexer(library_of(data), show_bars=False)
    embed = rebuilding.writer.embed_chunks
    removed: dict = {}

    def remove_meanwhile(*args, **kwargs):
        if not removed:
            removed["thread"] = threading.Thread(target=lambda: Indexer(library_of(data)).remove(gone.doc_id))
            removed["thread"].start()
            removed["thread"].join(timeout=3)
        return embed(*args, **kwargs)

    rebuilding.writer.embed_chunks = remove_meanwhile
    rebuilding.rebuild()
    removed["thread"].join(timeout=60)
    assert [r.source for r in library_of(data).records] == [str((tmp_path / "a.md").resolve())]
    assert_listing_equals_store(data)


def test_a_writer_waits_for_a_rebuild_at_most_max_write_wait(tmp_path):
    data = tmp_path / "data"
    Indexer(library_of(data), show_bars=False).add_file(write(tmp_path / "a.md", DIGEST))
    library = library_of(data)
    with library._store.rebuilding(wait=1):
        impatient = Library(settings_for(data, embedding_model="hashing", max_write_wait=0.5))
        result = Indexer(impatient).add_file(write(tmp_path / "b.md", "# 另一份摘登\n\n" + EDUCATION))
    assert result.status == "failed" and "a rebuild" in result.message and "waited 0.5 s" in result.message
