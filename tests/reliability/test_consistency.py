"""Writers that race: two first writers to an empty store, a file that changes while it
is added, five processes adding the same new file, and versions no record names. Every
chunk in the store belongs to a version a record names; every result says what happened."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from helpers import BANYAN, DIGEST, EDUCATION, REPO, app_env, settings_for, write

from index.embed import load_embeddings
from index.library import Library
from index.pipeline import Indexer
from index.store import SpeechStore


def hashing_library(data, embeddings=None) -> Library:
    return Library(settings_for(data, embedding_model="hashing"), embeddings=embeddings)


def chunk_versions(store: SpeechStore) -> dict[str, int]:
    """doc_id:version → chunks, over every chunk collection of the store."""
    counts: dict[str, int] = {}
    for collection in store.client.list_collections():
        if "-chunks-" in collection.name:
            for meta in store.client.get_collection(collection.name).get(include=["metadatas"])["metadatas"]:
                key = f"{meta['doc_id']}:{meta['version']}"
                counts[key] = counts.get(key, 0) + 1
    return counts


def assert_no_orphans(store: SpeechStore) -> None:
    """The store's chunks are exactly those of its records' active versions."""
    named = {f"{r.doc_id}:{r.version}": r.chunks for r in store.documents()}
    assert chunk_versions(store) == named
    names = [c.name for c in store.client.list_collections() if "-chunks-" in c.name]
    assert names == [store.state()["chunks_collection"]]


def test_two_first_writers_to_an_empty_store_share_one_chunk_collection(tmp_path, monkeypatch):
    data = tmp_path / "data"
    files = [write(tmp_path / "a.md", DIGEST), write(tmp_path / "b.md", "# 第二份摘登\n\n" + EDUCATION)]
    together = threading.Barrier(2)
    new_name = SpeechStore._new_chunks_name

    def both_at_once(self):  # widens the window between reading the empty state and writing it
        with contextlib.suppress(threading.BrokenBarrierError):
            together.wait(timeout=3)
        return new_name(self)

    monkeypatch.setattr(SpeechStore, "_new_chunks_name", both_at_once)
    libraries = [hashing_library(data) for _ in files]
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda lf: Indexer(lf[0], show_bars=False).add_file(lf[1]), zip(libraries, files)))
    assert [r.status for r in results] == ["added", "added"]
    assert_no_orphans(libraries[0]._store)


class ChangesTheFile:
    """Embeddings that, on their first batch, change the file being added and start a
    second add of it (another process's, in effect) before going on."""

    def __init__(self, settings, path, second: Library):
        self.inner, self.path, self.second, self.later = load_embeddings(settings), path, second, {}

    def embed_documents(self, texts):
        if not self.later:
            write(self.path, DIGEST + BANYAN)
            add = lambda: self.later.update(result=Indexer(self.second, show_bars=False).add_file(self.path))  # noqa: E731
            self.later["thread"] = threading.Thread(target=add)
            self.later["thread"].start()
            time.sleep(1.5)  # the second add parses now and, unclaimed, would begin its version
        return self.inner.embed_documents(texts)

    def embed_query(self, text):
        return self.inner.embed_query(text)


def test_a_file_changed_while_it_is_added_leaves_no_orphan_chunks(tmp_path):
    data, path = tmp_path / "data", write(tmp_path / "speech.md", DIGEST)
    second = hashing_library(data)
    changing = ChangesTheFile(second.settings, path, second)
    first = hashing_library(data, embeddings=changing)
    result = Indexer(first, show_bars=False).add_file(path)
    changing.later["thread"].join(timeout=120)
    assert (result.status, changing.later["result"].status) == ("added", "updated")
    assert_no_orphans(first._store)
    (record,) = first._store.documents()
    assert "古榕树" in first._store.source_text(record.doc_id, record.version)  # the file as it is now


def test_recover_deletes_chunks_and_texts_of_versions_no_record_names(tmp_path):
    library = hashing_library(tmp_path / "data")
    Indexer(library, show_bars=False).add_file(write(tmp_path / "a.md", DIGEST))
    store = library._store
    record = store.documents()[0]
    got = store.chunks().get(
        ids=store.chunk_rows(record.doc_id, record.version)[0], include=["documents", "metadatas", "embeddings"]
    )
    ids, texts, metas, vectors = got["ids"], got["documents"], got["metadatas"], got["embeddings"]
    for doc_id, version in ((record.doc_id, "0" * 16), ("f" * 12, "1" * 16)):  # an old version; a lost record
        store.chunks().upsert(
            ids=[f"{doc_id}:{version}:{i}" for i in range(len(ids))],
            documents=texts,
            metadatas=[{**m, "doc_id": doc_id, "version": version} for m in metas],
            embeddings=vectors,
        )
        store.docs.upsert(
            ids=[f"text:{doc_id}:{version}:0"],
            documents=["text"],
            metadatas=[{"kind": "text", "doc_id": doc_id, "version": version, "part": 0}],
            embeddings=[[0.0]],
        )
    assert sorted(store.recover()) == sorted([record.doc_id, "f" * 12])
    assert_no_orphans(store)
    texts = store.docs.get(where={"kind": "text"}, include=["metadatas"])["metadatas"]
    assert {(m["doc_id"], m["version"]) for m in texts} == {(record.doc_id, record.version)}


@pytest.mark.slow  # five CLI processes
def test_five_concurrent_cli_adds_of_one_new_file(tmp_path):
    data, path = tmp_path / "data", write(tmp_path / "digest.md", DIGEST)
    command = [sys.executable, "-m", "index", "add", str(path), "--data", str(data), "--json"]
    runs = [
        subprocess.Popen(command, cwd=REPO, env=app_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(5)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0] * 5, [err[-2000:] for _, err in outputs]
    statuses = sorted(json.loads(out)["files"][0]["status"] for out, _ in outputs)
    assert statuses == ["added", "unchanged", "unchanged", "unchanged", "unchanged"]
    assert_no_orphans(Library(settings_for(data))._store)
