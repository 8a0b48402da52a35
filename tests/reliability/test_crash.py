"""Crash safety: `python -m index` killed with SIGKILL at many points of an add, a replace
and a remove. After each kill a fresh reader sees every document wholly old or wholly new
(its chunks, its text, the BM25 side index, dense search and cited answers all agree), and
the next run finishes the job with no orphan chunk left in the collection.

Two kinds of kill:
- from outside (`os.kill(pid, SIGKILL)`), at points found by polling the store's SQLite file
  read-only while the add runs: the journal written but no chunk yet, mid-embedding, and
  during the last embedding batch just before the commit;
- from inside, at exact places no outside timing can hit (between the commit's record
  upsert and its change token, before the old version's cleanup, inside a remove): the
  real `python -m index` runs with one store method wrapped to SIGKILL its own process.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import DIGEST, REPO, medium_digest, run_cli, settings_for

from index.chunk import chunk_document
from index.formats import parse_document
from index.library import Library
from index.pipeline import content_hash, doc_id_for
from index.read import read_text
from qa.answer import Answerer

pytestmark = pytest.mark.slow  # real SIGKILLs of indexing processes

BATCH = 8  # texts per embedding batch: small batches make fine-grained kill points
QUESTION = "谁提出了“湾区大党委”体制机制？"
RUN_TIMEOUT = 300  # seconds for one `python -m index` run
POLL_TIMEOUT = 240  # seconds to reach a kill point

# Chunks of one version in the chunk collection, and a document record's journal, read
# straight from the embedded store's SQLite file (read-only; the writer is not disturbed).
_CHUNKS_OF_VERSION = """
select count(*) from embeddings e
join segments s on e.segment_id = s.id join collections c on s.collection = c.id
join embedding_metadata m on m.id = e.id and m.key = 'version'
where c.name like '%-chunks-%' and s.scope = 'METADATA' and m.string_value = ?"""
_RECORD_FIELD = """
select m.string_value from embeddings e join embedding_metadata m on m.id = e.id and m.key = ?
where e.embedding_id = ?"""

# `python -m index ARGS` with one store method wrapped to SIGKILL the process at an exact point.
KILLER = r"""
import os, signal, sys
from index.store import SpeechStore


point, args = sys.argv[1], sys.argv[2:]

def die():
    os.kill(os.getpid(), signal.SIGKILL)

if point == "after-record":  # right after the upsert that commits a version or journals a remove
    from chromadb.api.models.Collection import Collection
    upsert = Collection.upsert
    def upsert_then_die(self, *a, **k):
        result = upsert(self, *a, **k)
        for meta in k.get("metadatas") or []:
            if meta.get("kind") == "doc" and (meta.get("removing") or (meta.get("version") and not meta.get("pending"))):
                die()
        return result
    Collection.upsert = upsert_then_die
elif point == "before-cleanup":  # committed and announced; the old version's chunks not deleted yet
    finish = SpeechStore._finish
    def _finish(self, record):
        if record.stale or record.removing:
            die()
        return finish(self, record)
    SpeechStore._finish = _finish
elif point.startswith("batch-"):  # after N batches of chunks were written
    left = [int(point.split("-")[1])]
    write_chunks = SpeechStore.write_chunks
    def write_chunks_then_die(self, *a, **k):
        if left[0] == 0:
            die()
        left[0] -= 1
        return write_chunks(self, *a, **k)
    SpeechStore.write_chunks = write_chunks_then_die
else:
    raise SystemExit(f"unknown kill point {point}")

from index.__main__ import main
sys.exit(main(args))
"""


def version_of(path: Path) -> str:
    return content_hash(read_text(path))[:16]


def chunk_count(path: Path) -> int:
    text = read_text(path)
    doc = parse_document(text, name=path.name)
    return len(chunk_document(doc, doc_id="x", version="x", source="x"))


def index_cli(*args: str, data: Path, timeout: float = RUN_TIMEOUT) -> subprocess.CompletedProcess:
    return run_cli("index", *args, "--data", str(data), "--embedding-batch", str(BATCH), timeout=timeout)


def killed_run(point: str, *args: str, data: Path, batch: int = BATCH) -> subprocess.CompletedProcess:
    """`python -m index ARGS --data DATA` that SIGKILLs itself at `point` (see KILLER)."""
    result = subprocess.run(
        [sys.executable, "-c", KILLER, point, *args, "--data", str(data), "--embedding-batch", str(batch)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )
    assert result.returncode == -signal.SIGKILL, f"{point}: exit {result.returncode}\n{result.stderr[-2000:]}"
    return result


def kill_when(path: Path, data: Path, version: str, reached, what: str) -> int:
    """Start `python -m index add PATH`, poll the store until `reached(pending, chunks)`
    holds for the document's pending version, SIGKILL it there; returns the chunks of
    that version found at the moment of the kill."""
    doc_id = doc_id_for(str(path.resolve()))
    database = data / "chroma" / "chroma.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-m", "index", "add", str(path), "--data", str(data), "--embedding-batch", str(BATCH)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + POLL_TIMEOUT
    try:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise AssertionError(f"{what}: the add ended (exit {process.returncode}) before the kill point")
            try:
                with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as db:
                    row = db.execute(_RECORD_FIELD, ("pending", f"doc:{doc_id}")).fetchone()
                    chunks = db.execute(_CHUNKS_OF_VERSION, (version,)).fetchone()[0]
            except sqlite3.Error:  # not created yet
                row, chunks = None, 0
            if row is not None and row[0] == version and reached(chunks):
                os.kill(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
                assert process.returncode == -signal.SIGKILL
                return chunks
            time.sleep(0.02)
        raise AssertionError(f"{what}: kill point not reached in {POLL_TIMEOUT} s")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
        process.communicate(timeout=30)


def only_record(report: dict) -> dict:
    (record,) = report["records"]
    return record


def assert_reader_sees_wholly(report: dict, version: str, doc_id: str) -> None:
    """A fresh reader sees `version` of the document, whole, and nothing of any other version."""
    record = next(r for r in report["records"] if r["doc_id"] == doc_id)
    assert record["visible"] and record["version"] == version
    assert record["visible_chunks"] == record["chunks"] > 0  # every chunk of the version, no more
    assert record["verbatim"] and record["text_chars"] > 0  # its text is there and the offsets point into it
    assert report["lexical_equals_visible"]  # BM25 side index == Chroma's visible chunks
    assert report["dense_only_active"] and report["lexical_only_visible"]
    answer = report["answer"]
    assert answer["found"] and answer["speakers"][0] == "鲁正兰"
    assert all(c["version"] == version and c["verbatim"] for c in answer["citations"] if c["doc_id"] == doc_id)


def assert_finished(report: dict, versions: dict[str, str]) -> None:
    """Every document committed at the expected version; no orphan chunk or text at all."""
    assert {r["doc_id"]: r["version"] for r in report["records"]} == versions
    assert all(r["pending"] == "" and r["stale"] == "" and not r["removing"] for r in report["records"])
    assert set(report["chunk_versions"]) == {f"{d}:{v}" for d, v in versions.items()}
    assert report["all_chunks"] == report["visible_chunks"] == sum(r["chunks"] for r in report["records"])
    assert set(report["text_versions"]) == {f"{d}:{v}" for d, v in versions.items()}
    assert report["lexical_equals_visible"]


def test_sigkill_during_add_and_replace_then_the_next_run_finishes(tmp_path, probe):
    """Three outside kill points on a 13-speech digest (32 chunks, batches of 8)."""
    data = tmp_path / "data"
    path = medium_digest(tmp_path)
    original = path.read_text(encoding="utf-8")
    doc_id = doc_id_for(str(path.resolve()))
    v1 = version_of(path)
    kills = []

    # 1. a first add, killed early: the journal names the pending version, no chunk written yet
    kills.append(("add: journal written, no chunk yet", kill_when(path, data, v1, lambda n: n == 0, "early")))
    report = probe(data, QUESTION)
    (record,) = report["records"]
    assert not record["visible"] and record["pending"] == v1  # journalled, not committed
    assert report["visible_chunks"] == 0 and report["lexical_chunks"] == 0
    assert report["answer"]["found"] is False  # readers see an empty index, not half a document
    again = index_cli("add", str(path), data=data)
    assert again.returncode == 0 and "added" in again.stdout, again.stderr
    report = probe(data, QUESTION)
    assert_reader_sees_wholly(report, v1, doc_id)
    assert_finished(report, {doc_id: v1})
    assert len(only_record(report)["speakers"]) == 13

    # 2. a replace (the file changed), killed mid-embedding: old version whole, new one partial
    path.write_text(original.replace("三亚", "鹿城"), encoding="utf-8")
    v2, total = version_of(path), chunk_count(path)
    at = kill_when(path, data, v2, lambda n: n >= 2 * BATCH, "mid-embedding")
    kills.append(("replace: mid-embedding", at))
    assert 2 * BATCH <= at < total
    report = probe(data, QUESTION)
    assert report["chunk_versions"][f"{doc_id}:{v2}"] == at  # the partial new version is stored…
    assert_reader_sees_wholly(report, v1, doc_id)  # …and invisible: readers see the old one whole
    assert "鹿城" not in report["answer"]["text"]
    again = index_cli("add", str(path), data=data)
    assert again.returncode == 0 and "updated" in again.stdout, again.stderr
    report = probe(data, QUESTION)
    assert_reader_sees_wholly(report, v2, doc_id)
    assert_finished(report, {doc_id: v2})
    assert "鹿城" in report["answer"]["text"]

    # 3. another replace, killed during the last embedding batch, just before the commit
    path.write_text(original.replace("党建", "党的建设"), encoding="utf-8")
    v3, total = version_of(path), chunk_count(path)
    last_batch = total % BATCH or BATCH
    at = kill_when(path, data, v3, lambda n: n >= total - last_batch, "near commit")
    kills.append(("replace: last batch, before commit", at))
    assert total - last_batch <= at < total
    report = probe(data, QUESTION)
    assert_reader_sees_wholly(report, v2, doc_id)
    again = index_cli("add", str(path), data=data)
    assert again.returncode == 0 and "updated" in again.stdout, again.stderr
    report = probe(data, QUESTION)
    assert_reader_sees_wholly(report, v3, doc_id)
    assert_finished(report, {doc_id: v3})
    print(f"\nkill points (chunks of the pending version stored when killed, of {total}): {kills}")


def test_sigkill_inside_commit_and_remove(tmp_path, probe, e5):
    """Inside kills at the commit's and the remove's journal steps, watched by a reader
    that stays open all along (as the app does): it must notice what the next run finishes."""
    data = tmp_path / "data"
    path = tmp_path / "digest.md"
    path.write_text(DIGEST, encoding="utf-8")
    doc_id = doc_id_for(str(path.resolve()))
    assert index_cli("add", str(path), data=data).returncode == 0
    reader = Library(settings_for(data), embeddings=e5)  # a long-running reader, like the app
    answerer = Answerer(reader)

    def reader_sees(version: str) -> None:
        reader.refresh()
        assert [(r.doc_id, r.version) for r in reader.records] == [(doc_id, version)]
        active = set(reader._store.chunk_rows(doc_id, version)[0])
        assert active and reader._lexical.chunk_ids == active
        answer = answerer.ask(QUESTION)
        assert answer.found and answer.speakers[0] == "鲁正兰"
        assert {c.who.version for c in answer.citations} == {version}

    v1 = version_of(path)
    reader_sees(v1)

    # killed right after the commit's upsert: every reader, the open one and a fresh one,
    # sees v2 whole (the old chunks are left, invisible); the next run cleans them up
    path.write_text(DIGEST.replace("吉阳", "吉阳区"), encoding="utf-8")
    v2 = version_of(path)
    killed_run("after-record", "add", str(path), data=data)
    reader_sees(v2)
    assert_reader_sees_wholly(probe(data, QUESTION), v2, doc_id)
    assert index_cli("add", str(path), data=data).returncode == 0
    reader_sees(v2)
    assert_finished(probe(data), {doc_id: v2})

    # committed and announced, old chunks not yet deleted: orphans until the next run
    path.write_text(DIGEST.replace("海棠区", "海棠湾"), encoding="utf-8")
    v3 = version_of(path)
    killed_run("before-cleanup", "add", str(path), data=data)
    report = probe(data, QUESTION)
    assert_reader_sees_wholly(report, v3, doc_id)
    assert f"{doc_id}:{v2}" in report["chunk_versions"]  # left behind, invisible
    reader_sees(v3)
    assert index_cli("add", str(path), data=data).returncode == 0
    assert_finished(probe(data), {doc_id: v3})

    # a replace killed after its first embedding batch (of one chunk); meanwhile the file
    # changes again: the next add commits the newest text and leaves nothing of the abandoned one
    path.write_text(DIGEST.replace("三亚", "海口"), encoding="utf-8")
    v4 = version_of(path)
    killed_run("batch-1", "add", str(path), data=data, batch=1)
    assert f"{doc_id}:{v4}" in probe(data)["chunk_versions"]
    reader_sees(v3)
    path.write_text(DIGEST.replace("海棠区", "海棠湾").replace("陈明", "陈明同志"), encoding="utf-8")
    v5 = version_of(path)
    result = index_cli("add", str(path), data=data)
    assert result.returncode == 0 and "updated" in result.stdout, result.stderr
    reader_sees(v5)
    assert_finished(probe(data), {doc_id: v5})

    # a remove killed after its journal step: the document is gone for readers; re-adding
    # the file (the user changed their mind) must index it again, not lose it
    killed_run("after-record", "remove", str(path), data=data)
    report = probe(data)
    assert report["records"][0]["removing"] and report["visible_chunks"] == 0
    result = index_cli("add", str(path), data=data)
    assert result.returncode == 0, result.stderr
    reader_sees(v5)
    assert_finished(probe(data, QUESTION), {doc_id: v5})
