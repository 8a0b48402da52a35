"""Whatever files users have: `python -m index add` (a real subprocess), the app's upload
handler (in process, over a real library) and the real browser upload box. Each file gets
one line naming it and the reason; GBK and UTF-16 Chinese index with the right speakers;
the store changes by exactly what legitimately indexed; nothing is written outside the
data folder."""

from __future__ import annotations

import io
import json
import os
import struct
import zlib
from pathlib import Path

import pytest
from helpers import DIGEST, EDUCATION, run_cli, run_main, settings_for, write

from app import App
from index.library import Library
from index.pipeline import Indexer
from qa.llm import make_answerer

pytestmark = pytest.mark.slow  # CLI processes, an app and a browser

# Distinct small transcripts (each a different speaker), so none is a duplicate of another.
POLICE = """### 警魂

三亚市公安局党委书记 王东

三亚各级公安机关基层党组织以服务保障自贸港建设为主线。一是发挥各级党组织书记表率作用。
"""
TRANSPORT = """### 交通先行

三亚市交通运输局党组书记 赵刚

我们坚持把党建工作融入交通建设全过程。一是建强“红色驿站”服务网络；二是推进城乡客运一体化。
"""
TWENTY_MB = 20 * 1024 * 1024


def png_bytes() -> bytes:
    """A real 16×16 RGBA PNG image."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = b"".join(b"\x00" + bytes([x * 16, 255 - x * 16, 128, 255]) * 16 for x in range(16))
    header = struct.pack(">IIBBBBB", 16, 16, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def corrupt_docx() -> bytes:
    """A zip that claims to be a Word document but holds no document part."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>not closed")
    return buffer.getvalue()


def corrupt_pdf() -> bytes:
    """The first half of a real PDF whose page says something."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    whole = buffer.getvalue()
    return whole[: len(whole) // 2]


def twenty_megabytes(path: Path) -> Path:
    line = "某某说：这是一段很长的测试文字，用来检查文件大小的限制。\n".encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((line * (TWENTY_MB // len(line) + 1))[:TWENTY_MB])
    return path


def padded(text: str, size: int) -> bytes:
    """`text` followed by indented blank lines (as exported transcripts have) up to `size`
    bytes: big on disk, a few chunks to embed."""
    data = text.encode("utf-8")
    filler = (" " * 63 + "\n").encode()
    return data + filler * ((size - len(data)) // len(filler) + 1)


# file name → (bytes, expected status, words the one line must contain)
def bad_inputs(folder: Path) -> dict[str, tuple[Path, str, tuple[str, ...]]]:
    files = {
        "empty.txt": (b"", "failed", ("file is empty",)),
        "blank.txt": (b" \n\t\n   \r\n\n", "failed", ("no text (only whitespace)",)),
        "image.txt": (png_bytes(), "failed", ("binary file, not text",)),
        "broken.json": (b'{"events": [{"speaker": "x", "text": ', "failed", ("not valid JSON (line 1 column",)),
        "deep.json": (b"[" * 100_000 + b"]" * 100_000, "failed", ("JSON nested too deeply",)),
        "corrupt.docx": (corrupt_docx(), "failed", ("not a readable .docx file",)),
        "corrupt.pdf": (corrupt_pdf(), "failed", ("not a readable PDF",)),
        "gbk.txt": (EDUCATION.encode("gbk"), "added", ()),
        "utf16.txt": (POLICE.encode("utf-16"), "added", ()),
        "dotted..name..txt": (TRANSPORT.encode("utf-8"), "added", ()),
        "copy-of-gbk.txt": (EDUCATION.encode("utf-8"), "duplicate", ("same text as", "gbk.txt")),
    }
    paths = {}
    for name, (data, status, words) in files.items():
        paths[name] = (write_bytes(folder / name, data), status, words)
    paths["big.txt"] = (twenty_megabytes(folder / "big.txt"), "failed", ("file is 20.0 MB, over the 10.0 MB limit",))
    return paths


def write_bytes(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


EXPECTED_SPEAKERS = {"gbk.txt": ["吴萍"], "utf16.txt": ["王东"], "dotted..name..txt": ["赵刚"]}


def files_outside(root: Path, data: Path) -> set[str]:
    """Every file under `root` except those in the data folder."""
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and data not in p.parents}


def listing(data: Path) -> dict:
    result = run_main("index", "list", "--json", "--data", str(data))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_cli_gives_one_line_per_bad_file_and_changes_only_what_indexed(tmp_path, probe):
    data = tmp_path / "data"
    assert run_main("index", "add", str(write(tmp_path / "digest.md", DIGEST)), "--data", str(data)).returncode == 0
    before, before_store = listing(data), probe(data)
    inputs = bad_inputs(tmp_path / "in")
    # one of them named through a `..` path: the store keeps the resolved absolute path
    (tmp_path / "in" / "sub").mkdir()
    named = {
        name: (tmp_path / "in" / "sub" / ".." / name if name == "dotted..name..txt" else path)
        for name, (path, _, _) in inputs.items()
    }
    outside = files_outside(tmp_path, data)

    result = run_cli("index", "add", *map(str, named.values()), "--data", str(data), timeout=300)
    assert result.returncode == 1  # some failed
    out, err = result.stdout.strip().splitlines(), result.stderr.strip().splitlines()
    assert out[-1].startswith("add: 3 added, 0 updated, 0 unchanged, 1 duplicate, 8 failed;"), out[-1]
    per_file = out[:-1] + err
    lines = out + err
    assert len(per_file) == len(inputs), "\n".join(lines)  # nothing else: no warnings, no traceback
    report = {}
    for name, (_, status, words) in inputs.items():
        (line,) = [line for line in per_file if os.path.basename(line.split()[1].rstrip(":")) == name]
        report[name] = line
        assert line.split()[0] == status, line
        for word in words:
            assert word in line, line
    for line in result.stderr.strip().splitlines():
        assert line.startswith("failed"), f"unexpected output on stderr: {line}"
    print("\n" + "\n".join(f"{name}: {line}" for name, line in report.items()))

    after = listing(data)
    new = [d for d in after["documents"] if d not in before["documents"]]
    assert after["documents"][: len(before["documents"])] == before["documents"]  # untouched
    speakers = {Path(d["source"]).name: [s["speaker"] for s in d["speeches"]] for d in new}
    assert speakers == EXPECTED_SPEAKERS
    gbk = next(d for d in new if d["source"].endswith("gbk.txt"))
    assert gbk["speeches"][0]["units"] == ["三亚市教育局"]
    dotted = next(d for d in new if d["source"].endswith("dotted..name..txt"))
    assert dotted["source"] == str((tmp_path / "in" / "dotted..name..txt").resolve())  # no `..` kept

    store = probe(data)
    added_chunks = sum(d["chunks"] for d in new)
    assert store["all_chunks"] == store["visible_chunks"] == before_store["all_chunks"] + added_chunks
    assert store["lexical_equals_visible"] and all(r["visible"] and not r["pending"] for r in store["records"])
    assert files_outside(tmp_path, data) == outside  # nothing written anywhere else


def test_cli_size_limit_from_the_environment(tmp_path):
    """SPEECHQA_MAX_FILE_MB=0.05: a 60 kB file is refused naming the file and the limit;
    a 20 kB one indexes (the limit is raised and lowered, not hard-wired)."""
    data = tmp_path / "data"
    big = write_bytes(tmp_path / "sixty.txt", padded(TRANSPORT, 60 * 1024))
    fits = write_bytes(tmp_path / "twenty.txt", padded(POLICE, 20 * 1024))
    env = {"SPEECHQA_MAX_FILE_MB": "0.05", "SPEECHQA_DATA": str(data)}
    result = run_main("index", "add", str(big), str(fits), env=env)
    assert result.returncode == 1
    assert result.stderr.strip() == "failed     sixty.txt: file is 0.0586 MB, over the 0.05 MB limit"
    assert f"added      {fits}" in result.stdout
    (document,) = json.loads(run_main("index", "list", "--json", env=env).stdout)["documents"]
    assert document["speeches"][0]["speaker"] == "王东"


@pytest.fixture
def upload_app(tmp_path, e5) -> App:
    settings = settings_for(tmp_path / "data")
    library = Library(settings, embeddings=e5)
    assert Indexer(library, show_bars=False).add_paths([write(tmp_path / "digest.md", DIGEST)]).count("added") == 1
    return App(settings, library, make_answerer(library, settings))


def gradio_temp(root: Path, name: str, data: bytes) -> str:
    """Where Gradio would put an upload: a folder per file, the file keeping its name."""
    return str(write_bytes(root / "gradio" / os.urandom(6).hex() / name, data))


def store_state(app: App) -> tuple:
    app.library.refresh()
    return (
        [(r.doc_id, r.version, r.source) for r in app.library.records],
        app.library._store.count_chunks(),
        len(app.library._lexical.chunk_ids),
    )


def test_upload_handler_gives_one_row_per_bad_file(tmp_path, upload_app):
    app = upload_app
    data = app.settings.data_dir
    (records, chunks, lexical) = store_state(app)
    inputs = bad_inputs(tmp_path / "made")
    uploads = [gradio_temp(tmp_path, name, path.read_bytes()) for name, (path, _, _) in inputs.items()]
    # names a browser could send: Gradio keeps only the last part, but the handler must not
    # trust that either (a backslash is an ordinary character on Linux)
    traversal = gradio_temp(tmp_path, "..\\..\\evil.txt", TRANSPORT.replace("赵刚", "钱明").encode())
    outside = files_outside(tmp_path, data)

    table, message, cleared, _ = app.transcripts.upload([*uploads, traversal])
    assert cleared is None
    assert message == "added 已添加: 4 · duplicate 重复: 1 · failed 失败: 8"
    rows = {row[0]: row for row in table}
    assert len(table) == len(inputs) + 1 == len(rows)
    for name, (_, status, words) in inputs.items():
        row = rows[name]
        assert row[1].startswith(status), row
        if status == "failed":
            assert row[7].startswith(f"{name}: ") and "\n" not in row[7], row
        for word in words:
            assert word in row[7], row
    assert rows["..\\..\\evil.txt"][1].startswith("added")

    app.library.refresh()
    sources = {r.source: r for r in app.library.records}
    for name, speakers in {**EXPECTED_SPEAKERS, "..\\..\\evil.txt": ["钱明"]}.items():
        record = sources[f"upload:{name}"]  # the upload's own name, never its temp path
        assert [s.who.speaker for s in record.speeches if s.who.speaker] == speakers
    assert not any("/" in source.removeprefix("upload:") for source in sources if source.startswith("upload:"))
    new = [r for r in app.library.records if (r.doc_id, r.version, r.source) not in records]
    assert len(new) == 4
    assert app.library._store.count_chunks() == chunks + sum(r.chunks for r in new)
    assert len(app.library._lexical.chunk_ids) == lexical + sum(r.chunks for r in new)
    assert files_outside(tmp_path, data) == outside  # no file written anywhere else

    # the same files again: the good ones are unchanged, nothing else moves
    before = store_state(app)
    again, *_ = app.transcripts.upload([*uploads, traversal])
    assert {row[0]: row[1].split()[0] for row in again if row[0] in EXPECTED_SPEAKERS} == dict.fromkeys(
        EXPECTED_SPEAKERS, "unchanged"
    )
    assert store_state(app) == before


def test_upload_handler_size_limit(tmp_path, e5):
    settings = settings_for(tmp_path / "data", max_file_mb=0.05)
    library = Library(settings, embeddings=e5)
    app = App(settings, library, make_answerer(library, settings))
    big = gradio_temp(tmp_path, "sixty.txt", padded(TRANSPORT, 60 * 1024))
    fits = gradio_temp(tmp_path, "twenty.txt", padded(POLICE, 20 * 1024))
    table, message, *_ = app.transcripts.upload([big, fits])
    assert table[0][:2] == ["sixty.txt", "failed 失败"]
    assert table[0][7] == "sixty.txt: file is 0.0586 MB, over the 0.05 MB limit"
    assert table[1][:2] == ["twenty.txt", "added 已添加"] and table[1][5] == 1
    assert message == "added 已添加: 1 · failed 失败: 1"
    assert [r.source for r in library.records] == ["upload:twenty.txt"]


def test_browser_upload_of_bad_and_legacy_encoded_files(web_app, page):
    """The real upload box: a PNG renamed .txt, a damaged PDF, a GBK transcript and a file
    named `../../evil.txt` in one upload; each gets its row, the GBK one indexes."""
    from playwright.sync_api import expect

    page.goto(web_app.url)
    page.locator("#question textarea").wait_for()
    page.get_by_role("tab", name="讲话稿 / Transcripts").click()
    evil = TRANSPORT.replace("赵刚", "孙浩").replace("交通先行", "交通强市").encode()
    page.locator("#upload input[type=file]").set_input_files(
        [
            {"name": "photo.txt", "mimeType": "text/plain", "buffer": png_bytes()},
            {"name": "damaged.pdf", "mimeType": "application/pdf", "buffer": corrupt_pdf()},
            {"name": "jiaoyu-gbk.txt", "mimeType": "text/plain", "buffer": EDUCATION.encode("gbk")},
            {"name": "../../evil.txt", "mimeType": "text/plain", "buffer": evil},
        ]
    )
    results = page.locator("#results")
    expect(page.locator("#upload-message")).to_contain_text("added 已添加: 2 · failed 失败: 2", timeout=120_000)
    expect(results).to_contain_text("photo.txt: binary file, not text")
    expect(results).to_contain_text("damaged.pdf: not a readable PDF")
    documents = page.locator("#documents")
    expect(documents).to_contain_text("upload:jiaoyu-gbk.txt")
    expect(documents).to_contain_text("upload:evil.txt")  # only the last part of the name
    assert "../" not in documents.inner_text()

    page.get_by_role("tab", name="谁说了什么 / Who said what").click()
    page.locator("#wsw-search textarea, #wsw-search input").first.fill("教育局")
    rows = page.locator('#wsw-table [role="row"][data-index]')
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("吴萍")
    expect(rows.first).to_contain_text("三亚市教育局")
    # nothing landed next to the data folder or above it
    assert not (web_app.data_dir / "evil.txt").exists() and not (web_app.data_dir.parent / "evil.txt").exists()
