"""Bytes → text (index/read.py): encodings, .docx/.pdf, refusals, sidecars, folder walks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import minimal_pdf, shared_path

from index.read import (
    SUPPORTED_SUFFIXES,
    is_speaker_sidecar,
    iter_input_files,
    read_bytes,
    read_text,
    speaker_roles_from_sidecar,
)
from index.records import BadInput

CHINESE = "三亚市教育局党委书记 吴萍\n\n围绕教育抓党建，抓好党建促教育。一是聚力思想政治引领。\n"
PNG_HEADER = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---- encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoded",
    [
        CHINESE.encode("utf-8"),
        b"\xef\xbb\xbf" + CHINESE.encode("utf-8"),
        CHINESE.encode("utf-16"),  # with BOM
        b"\xfe\xff" + CHINESE.encode("utf-16-be"),
        CHINESE.encode("utf-16-le"),  # BOM-less, told by where the NUL bytes sit
        CHINESE.encode("utf-16-be"),
        CHINESE.encode("gbk"),
        CHINESE.encode("gb18030"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16be-bom", "utf16le-nobom", "utf16be-nobom", "gbk", "gb18030"],
)
def test_read_text_decodes_supported_encodings(tmp_path, encoded):
    assert read_text(write(tmp_path, "a.txt", encoded)) == CHINESE


def test_read_text_reads_big5_traditional_chinese(tmp_path):
    text = "主席，多年來，在資方、勞方、管方和政府的推動下，香港建造業的職業安全水平本來已有大幅改進。" * 3
    assert read_text(write(tmp_path, "a.txt", text.encode("big5"))) == text


def test_read_text_normalises_newlines(tmp_path):
    path = write(tmp_path, "a.txt", "一行\r\n二行\r三行\n".encode("utf-8"))
    assert read_text(path) == "一行\n二行\n三行\n"


def test_read_text_takes_windows_1252_english(tmp_path):
    text = "\u201cWe will,\u201d she said. The caf\u00e9 was closed \u2013 again."
    assert read_text(write(tmp_path, "a.txt", text.encode("cp1252"))) == text


# ---- refusals ----------------------------------------------------------------------------


def refusal(path: Path, **kwargs) -> str:
    with pytest.raises(BadInput) as e:
        read_text(path, **kwargs)
    message = str(e.value)
    assert "\n" not in message and path.name in message
    return message


def test_refuses_missing_file_and_folder(tmp_path):
    assert "not found" in refusal(tmp_path / "nope.txt")
    (tmp_path / "folder").mkdir()
    assert "folder" in refusal(tmp_path / "folder")


def test_refuses_empty_and_whitespace_only(tmp_path):
    assert "empty" in refusal(write(tmp_path, "empty.txt", b""))
    assert "whitespace" in refusal(write(tmp_path, "blank.txt", " \n\t\u3000\n".encode("utf-8")))


def test_refuses_over_the_size_limit(tmp_path):
    path = write(tmp_path, "big.txt", b"a" * (3 * 1024 * 1024))
    message = refusal(path, max_bytes=2 * 1024 * 1024)
    assert "3.0 MB" in message and "2.0 MB" in message
    assert read_text(path, max_bytes=4 * 1024 * 1024).startswith("aaa")


def test_refuses_binary_renamed_txt(tmp_path):
    assert "binary" in refusal(write(tmp_path, "picture.txt", PNG_HEADER + bytes(range(256)) * 4))


def test_refuses_undecodable_bytes_instead_of_mojibake(tmp_path):
    assert "not text in a supported encoding" in refusal(write(tmp_path, "x.txt", bytes(range(128, 256)) * 8))


def test_refuses_corrupt_docx_and_pdf(tmp_path):
    assert ".docx" in refusal(write(tmp_path, "bad.docx", b"PK\x03\x04 this is not a zip"))
    assert "PDF" in refusal(write(tmp_path, "bad.pdf", b"%PDF-1.4\nnot really a pdf"))
    assert ".docx" in refusal(write(tmp_path, "image.docx", PNG_HEADER))


def test_refuses_pdf_without_text(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    path = tmp_path / "scan.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    assert "no extractable text" in refusal(path)


# ---- .docx and .pdf ------------------------------------------------------------------------


def test_reads_docx_paragraphs_and_tables_in_order(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("主持人：欢迎各位。")
    document.add_paragraph("")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "王芳（市商务局局长）"
    table.cell(0, 1).text = "谢谢主持人。"
    document.add_paragraph("Closing words.")
    path = tmp_path / "talk.docx"
    document.save(str(path))
    assert read_text(path) == "主持人：欢迎各位。\n\n王芳（市商务局局长）\n\n谢谢主持人。\n\nClosing words."


def test_reads_pdf_text(tmp_path):
    path = write(tmp_path, "talk.pdf", minimal_pdf("Thank you, Chair. We will act now."))
    assert "Thank you, Chair. We will act now." in read_text(path)


# ---- bytes, sidecars, folder walks ------------------------------------------------------------


def test_read_bytes_and_the_text_of_those_bytes(tmp_path):
    path = write(tmp_path, "a.txt", "一行\r\n".encode())
    data = read_bytes(path, max_bytes=8)
    assert data == "一行\r\n".encode() and read_text(path, data=data) == "一行\n"
    with pytest.raises(BadInput, match=r"^a\.txt: file is .+, over the .+ limit$"):
        read_bytes(path, max_bytes=7)


def test_debate_sidecars_are_recognised_and_give_roles(tmp_path):
    source = shared_path("corpora", "en-us-debates")
    assert is_speaker_sidecar(source / "2012-10-16.json")
    roles = speaker_roles_from_sidecar(source / "2012-10-16.said")
    assert roles["Candy Crowley"] == "Moderator"
    assert roles["Barack H Obama"] == "Democratic nominee for President"
    assert roles["W Mitt Romney"] == "Republican nominee for President"
    assert roles["Jeremy Epstein"] == "Audience questioner"
    assert len(roles) == 14


def test_a_json_transcript_is_not_a_sidecar(tmp_path):
    turns = [{"speaker": "A", "text": "hi"}]
    write(tmp_path, "m.json", json.dumps({"speakers": [{"fullName": "A", "role": "x"}], "turns": turns}).encode())
    write(tmp_path, "m.txt", b"A: hi")
    assert not is_speaker_sidecar(tmp_path / "m.json")
    lonely = write(tmp_path, "lonely.json", json.dumps({"speakers": [{"fullName": "A", "role": "x"}]}).encode())
    assert not is_speaker_sidecar(lonely)  # no transcript beside it
    assert speaker_roles_from_sidecar(tmp_path / "other.said") == {}


def test_iter_input_files_walks_folders(tmp_path):
    source = shared_path("corpora", "en-us-debates")
    shutil.copy(source / "2012-10-16.said", tmp_path / "2012-10-16.said")
    shutil.copy(source / "2012-10-16.json", tmp_path / "2012-10-16.json")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "b.md", b"# x")
    write(tmp_path / "sub", "a.pdf", b"%PDF")
    write(tmp_path / "sub", "notes.csv", b"a,b")
    write(tmp_path / "sub", ".hidden.txt", b"x")
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git", "config.txt", b"x")
    explicit = write(tmp_path, "odd.csv", b"a,b")
    found = iter_input_files([tmp_path, explicit, tmp_path / "sub" / "b.md"])
    # sorted folder contents (no sidecar, no .csv, nothing hidden), then the explicit file;
    # a file named twice is listed once
    assert found == [tmp_path / "2012-10-16.said", tmp_path / "sub" / "a.pdf", tmp_path / "sub" / "b.md", explicit]
    text = {".txt", ".md", ".markdown", ".rst", ".text", ".said", ".json", ".xml", ".docx", ".pdf"}
    assert text | {".html", ".htm", ".xhtml", ".mhtml", ".mht", ".png", ".jpg", ".jpeg"} == set(SUPPORTED_SUFFIXES)


def test_reads_every_shared_corpus_file():
    corpora = shared_path("corpora")
    files = iter_input_files([corpora])
    assert not any(is_speaker_sidecar(f) for f in files)
    for path in files:
        assert read_text(path).strip()


def test_folder_walks_skip_readme_and_licence_files(tmp_path):
    for name in ("README.md", "LICENSE.txt", "PROVENANCE.txt", "talk.txt"):
        (tmp_path / name).write_text("text", encoding="utf-8")
    assert [p.name for p in iter_input_files([tmp_path])] == ["talk.txt"]
    assert [p.name for p in iter_input_files([tmp_path / "README.md"])] == ["README.md"]  # asked for by name


def test_zero_width_characters_do_not_make_utf8_unreadable(tmp_path):
    path = tmp_path / "zw.txt"
    path.write_text("吴\u200b萍：好\u200d的。\n", encoding="utf-8")  # two format characters in a short file
    assert read_text(path) == "吴\u200b萍：好\u200d的。\n"


def test_restructuredtext_is_read_without_its_labels_and_directives(tmp_path):
    page = tmp_path / "interview.rst"
    page.write_text(
        ".. _200808_philip_pan:\n\nPhilip Pan 访谈\n==============\n\n.. image:: pan.jpg\n\n问：为什么？\n",
        encoding="utf-8",
    )
    text = read_text(page)
    assert text.startswith("Philip Pan 访谈") and "image::" not in text and "问：为什么？" in text
