"""Reading files without losing or leaking anything: a folder walk does not follow links out
of the folder and names a dangling link; a file's hash and text come from one read; a
.docx whose zip directory lies about sizes is refused without inflating it; a file of
millions of one-line turns is refused from an estimate before it is parsed whole; text
is NFC-normalised before it is stored, so citations stay verbatim."""

from __future__ import annotations

import hashlib
import tracemalloc
import unicodedata
import zipfile

import docx
import pytest
from helpers import DIGEST, settings_for, write

import index.pipeline
import index.preview
from index.library import Library
from index.pipeline import Indexer
from index.preview import SAMPLE_LINES
from index.read import iter_input_files, read_text
from index.records import BadInput


@pytest.fixture
def indexer(tmp_path):
    return Indexer(Library(settings_for(tmp_path / "data", embedding_model="hashing")), show_bars=False)


def test_a_folder_walk_refuses_links_out_of_the_folder_and_names_dangling_ones(tmp_path, indexer):
    secret = write(tmp_path / "outside" / "passwd.txt", "root:x:0:0:root:/root:/bin/bash\n")
    folder = tmp_path / "minutes"
    write(folder / "digest.md", DIGEST)
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "gone.md").symlink_to(tmp_path / "deleted.md")
    write(folder / "inside" / "real.md", DIGEST.replace("测试会议", "第二次会议"))
    (folder / "alias.md").symlink_to(folder / "inside" / "real.md")  # a link inside the folder is read

    summary = indexer.add_paths([folder])
    by_name = {r.path.rsplit("/", 1)[-1]: r for r in summary.results}
    assert by_name["digest.md"].status == "added" and by_name["alias.md"].status == "added"
    assert by_name["passwd.txt"].status == "failed"
    assert by_name["passwd.txt"].message == f"{folder / 'passwd.txt'}: a link to a file outside the folder; not read"
    assert by_name["gone.md"].status == "failed"
    assert by_name["gone.md"].message == f"{folder / 'gone.md'}: a link to nothing; not read"
    assert all("root:x" not in indexer.library.source_text(r.doc_id) for r in indexer.library.records)
    assert iter_input_files([folder]).refused.keys() == {folder / "passwd.txt", folder / "gone.md"}


def test_the_stored_hash_and_text_come_from_one_read(tmp_path, indexer, monkeypatch):
    path = write(tmp_path / "minutes.md", DIGEST)
    real = index.pipeline.read_file

    def file_changes_between_reads(*args, **kwargs):
        path.write_text(DIGEST.replace("鲁正兰", "王小明"), encoding="utf-8")  # a writer, mid-add
        return real(*args, **kwargs)

    monkeypatch.setattr(index.pipeline, "read_file", file_changes_between_reads)
    assert indexer.add_file(path).status == "added"
    (record,) = indexer.library.records
    stored = indexer.library.source_text(record.doc_id)
    assert record.file_sha256 == hashlib.sha256(stored.encode("utf-8")).hexdigest()


def lying_docx(path, inflated_mb: int):
    """A real .docx whose document part inflates to `inflated_mb` while its zip directory
    (and local header) say it is 1,000 bytes."""
    docx.Document().save(str(path))
    with zipfile.ZipFile(path) as package:
        parts = {i.filename: package.read(i) for i in package.infolist()}
    body = parts["word/document.xml"].replace(
        b"<w:body>", b"<w:body><w:p><w:r><w:t>" + b"a" * (inflated_mb * 2**20) + b"</w:t></w:r></w:p>"
    )
    parts["word/document.xml"] = body
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    data = bytearray(path.read_bytes())
    true_size, lie = len(body).to_bytes(4, "little"), (1000).to_bytes(4, "little")
    at = data.find(true_size)
    while at >= 0:
        data[at : at + 4] = lie
        at = data.find(true_size, at + 4)
    path.write_bytes(bytes(data))
    return path


def test_a_docx_lying_about_its_sizes_is_refused_without_inflating_it(tmp_path):
    docx = lying_docx(tmp_path / "liar.docx", 64)
    with zipfile.ZipFile(docx) as package:
        assert package.getinfo("word/document.xml").file_size == 1000  # what the directory claims
    tracemalloc.start()
    try:
        with pytest.raises(BadInput, match=r"^liar\.docx: not a readable \.docx file"):
            read_text(docx, max_bytes=10 * 2**20, max_unpacked=100 * 2**20)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 2**20, f"{peak / 2**20:.0f} MB allocated to refuse it"


def test_millions_of_turns_are_refused_from_an_estimate_before_they_are_parsed_whole(tmp_path, monkeypatch):
    lines = 5 * SAMPLE_LINES
    turns = write(tmp_path / "turns.txt", "A: a\nB: b\n" * (lines // 2))
    parsed: list[int] = []
    real = index.pipeline.parse_document

    def counting(text, **kwargs):
        parsed.append(text.count("\n"))
        return real(text, **kwargs)

    for module in (index.pipeline, index.preview):  # the whole text's parse, and the estimate's
        monkeypatch.setattr(module, "parse_document", counting)
    library = Library(settings_for(tmp_path / "data", embedding_model="hashing", max_chunks=lines // 4))
    result = Indexer(library, show_bars=False).add_file(turns)
    assert result.status == "failed"
    assert result.message == (
        f"{turns}: makes about {lines:,} chunks (estimated from its first {SAMPLE_LINES:,} lines), "
        f"over the {lines // 4:,} limit (SPEECHQA_MAX_CHUNKS)"
    )
    assert parsed and max(parsed) <= SAMPLE_LINES and library.records == ()


def test_text_is_nfc_normalised_before_it_is_stored_and_cited(tmp_path, indexer):
    lin = "\uf9f4"  # 林 printed as a CJK compatibility ideograph (text converted from Big5): NFC makes it 林
    cafe = "cafe\u0301"  # a combining accent: NFC composes it (café)
    transcript = f"主持人：欢迎各位代表来到{cafe}。\n\n{lin}海：我们要加快建设学校。\n\n主持人：请继续。\n\n{lin}海：谢谢大家。\n"
    path = write(tmp_path / "turns.txt", transcript)
    assert indexer.add_file(path).speakers == ["主持人", "林海"]
    (record,) = indexer.library.records
    stored = indexer.library.source_text(record.doc_id)
    assert stored == unicodedata.normalize("NFC", transcript) and "café" in stored
    ids, texts, metas = indexer.library._store.chunk_rows(record.doc_id, record.version)
    assert texts and all(stored[m["start"] : m["end"]] == t for t, m in zip(texts, metas))
