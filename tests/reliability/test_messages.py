"""Failures a user can act on are one line naming the problem: a full disk while the store
writes (Chroma itself only says "Error in compaction: Failed to apply logs…"; SQLite fails
with a little space still free), a full disk while the BM25 cache is saved, and a PDF whose
page resources are pathological (a 100,000-entry font array, page resources as an array,
a page that is its own resources) rather than "no extractable text (scanned images?)"."""

from __future__ import annotations

import errno
import shutil

import chromadb.errors
import pytest
from chromadb.api.models.Collection import Collection
from helpers import DIGEST, write

import index.__main__ as index_cli
from index.lexical import LexicalIndex
from index.read import read_text
from index.records import BadInput

COMPACTION = "Error in compaction: Failed to apply logs to the metadata segment"


def add(tmp_path, capsys) -> tuple[int, str]:
    data = tmp_path / "data"
    status = index_cli.main(
        ["add", str(write(tmp_path / "a.md", DIGEST)), "--data", str(data), "--embedding-model", "hashing"]
    )
    return status, capsys.readouterr().err


def test_a_full_disk_during_a_store_write_is_named(tmp_path, capsys, monkeypatch):
    def full(self, *args, **kwargs):
        raise chromadb.errors.InternalError(COMPACTION)

    monkeypatch.setattr(Collection, "upsert", full)
    monkeypatch.setattr(shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(2**30, 2**30 - 200_000, 200_000))
    status, err = add(tmp_path, capsys)
    folder = tmp_path / "data" / "chroma"
    assert status == 2
    assert err == f"error: store write failed: disk full (folder {folder}: 195 KB free; {COMPACTION})\n"


def test_a_full_disk_while_the_bm25_cache_is_saved_is_named(tmp_path, capsys, monkeypatch):
    def full(self):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(LexicalIndex, "save", full)
    status, err = add(tmp_path, capsys)
    assert status == 2 and err == "error: store write failed: disk full ([Errno 28] No space left on device)\n"


def pdf(resources: bytes, content: bytes = b"BT /F1 12 Tf 72 720 Td (Hello, committee.) Tj ET") -> bytes:
    """A one-page PDF whose page has these resources and draws this content."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources " + resources + b" /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(
        b"%010d 00000 n \n" % o for o in offsets
    )
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.parametrize(
    ("resources", "message"),
    [
        (
            b"<< /Font [" + b"5 0 R " * 100_000 + b"] >>",
            "PDF text could not be extracted (Font resources are not a dictionary",
        ),
        (
            b"[" + b"<< /Font << /F1 5 0 R >> >> " * 1000 + b"]",
            "PDF text could not be extracted (Page resources are not",
        ),
        (b"3 0 R", "PDF draws text that could not be extracted (damaged fonts or page resources)"),
    ],
    ids=["huge-font-array", "resources-array", "recursive"],
)
def test_a_pdf_with_pathological_resources_is_named(tmp_path, capfd, resources, message):
    path = tmp_path / "minutes.pdf"
    path.write_bytes(pdf(resources))
    with pytest.raises(BadInput) as refused:
        read_text(path, max_bytes=10 * 2**20)
    assert str(refused.value).startswith(f"minutes.pdf: {message}")
    assert "\n" not in str(refused.value) and len(str(refused.value)) < 250
    assert capfd.readouterr().err == ""  # pypdf's complaint is in the line, not spilled on stderr


def test_a_pdf_with_sound_resources_reads(tmp_path):
    path = tmp_path / "minutes.pdf"
    path.write_bytes(pdf(b"<< /Font << /F1 5 0 R >> >>"))
    assert read_text(path, max_bytes=10 * 2**20) == "Hello, committee."
