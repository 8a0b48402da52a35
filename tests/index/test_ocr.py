"""Scans and photos read by OCR (index/ocr.py): the page rebuilt from the recogniser's boxes
(columns, lines, paragraphs, page furniture), hostile images refused in one line, and
pages printed at test time (tests/scans.py) read back — the model's tests need a CJK font."""

from __future__ import annotations

import json
import math
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from helpers import minimal_pdf, run_main, settings_for, shared_path
from scans import Page, cjk_font, markdown_blocks, photographed, png, printed, save_pdf

from index.formats import parse_document
from index.library import Library
from index.ocr import Box, Line, boxes_of, page_furniture, page_lines, page_text
from index.pipeline import Indexer
from index.preview import human
from index.read import read_file
from index.records import BadInput

SIZE = 20  # a character's height and width in the made-up pages below


def box(x: float, y: float, text: str, size: float = SIZE) -> Box:
    """A recognised piece of Chinese text at (x, y), a square per character."""
    return Box(x, y, x + size * len(text), y + size, text)


def text_of(boxes: list[Box]) -> str:
    return page_text(page_lines(boxes))


# ---- the page from its boxes (no model) ----------------------------------------------------


def test_lines_make_paragraphs_at_an_indent_a_short_line_or_a_wider_gap():
    left, width = 100, 30  # a column of 30 characters
    rows = [
        (left + 2 * SIZE, "发" * (width - 2)),  # indented: a paragraph
        (left, "一" * width),
        (left, "二" * 12),  # ends short: the paragraph ends
        (left, "三亚吉阳区委书记"),  # short again: a paragraph of its own
        (left + 2 * SIZE, "吉" * (width - 2)),
        (left, "阳" * width),
        (left, "市" * width),  # a heading wrapped over two centred lines is one
        (left + 10 * SIZE, "中" * 10),
    ]
    boxes = [box(x, 100 + i * 32, text) for i, (x, text) in enumerate(rows)]
    boxes.append(box(left, 100 + len(rows) * 32 + 30, "五" * width))  # after a wider gap
    assert text_of(boxes).split("\n\n") == [  # a Chinese paragraph's lines are one line again
        "发" * 28 + "一" * width + "二" * 12,
        "三亚吉阳区委书记",
        "吉" * 28 + "阳" * width + "市" * width + "中" * 10,
        "五" * width,
    ]
    english = [Box(100, 100, 700, 120, "MR. BAGLEY: Thank you, Senator. We will"), Box(100, 130, 400, 150, "act now.")]
    assert text_of(english) == "MR. BAGLEY: Thank you, Senator. We will\nact now."


def test_two_columns_are_read_one_after_the_other_under_a_title_across_both():
    title = box(300, 40, "坚持党建引领打造三亚模式")
    left = [box(100, 100 + i * 30, f"左栏第{i}行内容内容内容") for i in range(5)]  # 11 characters wide
    right = [box(400, 100 + i * 30, f"右栏第{i}行内容内容内容") for i in range(5)]
    shuffled = [right[2], left[4], title, *right[:2], *left[:4], *right[3:]]
    lines = page_lines(shuffled)
    assert [line.text for line in lines] == [title.text, *(b.text for b in left), *(b.text for b in right)]
    assert len({line.block for line in lines}) == 3


def test_a_one_column_page_of_short_turns_is_not_cut_into_columns():
    boxes = [
        box(100, 100 + i * 30, "王洋：好的。" if i % 2 else "陈明：我们一是推进项目建设，二是做好服务。")
        for i in range(9)
    ]
    boxes.append(box(600, 400, "吴萍"))  # a name printed far to the right
    assert len({line.block for line in page_lines(boxes)}) == 1


def test_gaps_inside_a_line_become_spaces_as_printed():
    row = [box(100, 100, "三亚市教育局党委书记"), box(100 + 13 * SIZE, 100, "吴萍")]  # three characters apart
    assert text_of(row) == "三亚市教育局党委书记  吴萍"
    assert text_of([box(100, 100, "市现代服务业"), box(100 + 6 * SIZE + 3, 100, "产业园")]) == "市现代服务业产业园"
    words = [Box(100, 100, 200, 120, "Thank you,"), Box(206, 100, 260, 120, "Chair.")]
    assert text_of(words) == "Thank you, Chair."


def test_a_turned_page_is_levelled_before_its_lines_are_found():
    angle = math.radians(3)  # a photo taken a little askew: each line runs 3° downhill

    def turned(x: float, y: float, text: str) -> list:
        corners = [(x, y), (x + SIZE * len(text), y), (x + SIZE * len(text), y + SIZE), (x, y + SIZE)]
        points = [
            [cx * math.cos(angle) - cy * math.sin(angle), cx * math.sin(angle) + cy * math.cos(angle)]
            for cx, cy in corners
        ]
        return [points, text, 0.9]

    result = [turned(100, 100 + 30 * i, f"第{i}行的文字在这里") for i in range(6)]
    result += [
        turned(100 + 10 * SIZE + 40, 100 + 30 * i, f"同一行右边{i}") for i in range(6)
    ]  # same rows, to the right
    lines = page_lines(boxes_of(result))
    assert [line.text for line in lines] == [f"第{i}行的文字在这里  同一行右边{i}" for i in range(6)]


def page(*texts: str, top: str = "", bottom: str = "", top_size: float = SIZE) -> list[Line]:
    boxes = [box(100, 200 + 30 * i, text) for i, text in enumerate(texts)]
    if top:
        boxes.append(box(300, 60, top, top_size))
    if bottom:
        boxes.append(box(400, 1000, bottom))
    return page_lines(boxes)


def test_page_numbers_and_running_headers_at_the_edges_are_left_out():
    pages = [
        page("坚持党建引领打造三亚模式发言", "正文第一页。", top="海南日报2020年10月27日", bottom="- 1 -"),
        page("正文第二页，接着说。", "还有一行。", top="海南日报2020年10月27日", bottom="·2-"),
        page("正文第三页，接着说。", "最后一行。", top="海南日报2020年1O月27日", bottom="3"),  # misread O
    ]
    furniture = page_furniture(pages)
    assert {pages[i][j].text for i, j in furniture} == {
        "海南日报2020年10月27日",
        "海南日报2020年1O月27日",
        "- 1 -",
        "·2-",
        "3",
    }
    assert len(furniture) == 6


def test_a_title_repeated_as_later_pages_header_stays_on_the_first_page():
    header = "坚持党建引领打造三亚模式"
    pages = [
        page("正文。", top=header, top_size=1.6 * SIZE),
        page("正文二。", top=header),
        page("正文三。", top=header),
    ]
    furniture = page_furniture(pages)
    assert (0, 0) not in furniture and {i for i, _ in furniture} == {1, 2}


def test_one_page_has_no_running_header_and_a_number_in_the_text_stays():
    (lines,) = pages = [page("会议的第一行。", "2025", "中间的一行。", "结尾一行。", top="三亚日报")]
    assert page_furniture(pages) == set()
    assert [line.text for line in lines][0] == "三亚日报"


# ---- hostile images (refused before the model is loaded) -------------------------------------


def refusal(path: Path) -> str:
    with pytest.raises(BadInput) as refused:
        read_file(path)
    message = str(refused.value)
    assert "\n" not in message and message.startswith(path.name)
    return message


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("notes.png", "会议纪要：这不是图片。".encode(), "not a PNG or JPEG image"),
        ("photo.jpg", b"GIF89a" + bytes(40), "not a PNG or JPEG image"),  # a GIF is not read
        ("cut.png", png(400, 300, bytes(401 * 300))[:-40], "damaged image"),  # truncated before its end
        ("cut.jpg", None, "damaged image"),
        ("bomb.png", png(9_000, 9_000), "over the 64-megapixel limit"),  # 81 Mpx declared in 60 bytes
        ("big.png", png(10_000, 10_000), "64-megapixel limit"),  # one Pillow warns of on stderr
        ("huge.png", png(100_000, 100_000), "megapixel limit"),  # so large Pillow itself refuses it
    ],
    ids=lambda value: value if isinstance(value, str) and "." in value else "",
)
def test_bad_images_are_refused_in_one_line(tmp_path, capfd, name, data, said):
    if data is None:  # a real JPEG cut in half
        from PIL import Image

        Image.new("L", (600, 400), 200).save(tmp_path / "whole.jpg", quality=90)
        data = (tmp_path / "whole.jpg").read_bytes()[:400]
    path = tmp_path / name
    path.write_bytes(data)
    assert said in refusal(path)
    assert capfd.readouterr().err == ""  # nothing but the line


def test_a_pdf_with_more_scanned_pages_than_the_limit_is_refused_before_reading(tmp_path):
    from PIL import Image

    blank = [Image.new("L", (200, 280), 255) for _ in range(3)]
    path = save_pdf(blank, tmp_path / "scan.pdf", dpi=25)
    with pytest.raises(BadInput, match=r"scan\.pdf: 3 pages have no text layer, over the 2-page OCR limit"):
        read_file(path, max_ocr_pages=2)


# ---- printed pages read back (the model) ---------------------------------------------------------

needs_font = pytest.mark.skipif(cjk_font() is None, reason="no CJK font (apt-get install fonts-wqy-zenhei)")
SPEECH = "围绕教育抓党建，抓好党建促教育，以党建引领三亚教育事业高质量发展。下一步，该局一是聚力思想政治引领。"


@pytest.mark.slow
@needs_font
def test_a_photographed_speaker_line_keeps_its_full_width_space_and_names_the_speaker(tmp_path):
    blocks = [("heading", "围绕教育抓党建"), ("line", "三亚市教育局党委书记\u3000吴萍"), ("para", SPEECH)]
    (image,) = printed(blocks, Page(size_mm=(150, 60), margin_mm=8))
    photographed(image, angle=-1.2).save(tmp_path / "photo.jpg", quality=80)
    read = read_file(tmp_path / "photo.jpg")
    heading, speaker, speech = read.text.split("\n\n")
    assert (heading, speaker) == ("围绕教育抓党建", "三亚市教育局党委书记 吴萍")
    assert speech.replace("\n", "").startswith("围绕教育抓党建，抓好党建促教育")
    assert read.ocr.pages == 1 and read.ocr.confidence > 0.9
    (said,) = [s for s in parse_document(read.text, name="photo.jpg").speeches if s.who.speaker]
    assert (said.who.speaker, said.who.units) == ("吴萍", ("三亚市教育局",))

    shown = run_main("index", "preview", str(tmp_path / "photo.jpg"), "--json")
    (preview,) = json.loads(shown.stdout)["files"]
    assert preview["speakers"] == ["吴萍"] and preview["ocr"]["pages"] == 1 and preview["ocr"]["confidence"] > 0.9


def a_page(tmp_path: Path, blocks: list[tuple[str, str]], page: Page, name: str = "page.png") -> str:
    (image,) = printed(blocks, page)
    image.save(tmp_path / name)
    return read_file(tmp_path / name).text


@pytest.mark.slow
@needs_font
def test_a_one_column_chinese_page_reads_as_printed(tmp_path):
    paragraphs = [SPEECH * 2, "二是" + SPEECH[7:] * 2, "三是坚持系统谋划，统筹推进各项工作落地见效。"]
    text = a_page(tmp_path, [("para", p) for p in paragraphs], Page(size_mm=(160, 120), margin_mm=10))
    read = [p.replace("\n", "") for p in text.split("\n\n")]
    assert len(read) == 3
    assert sum(a == b for a, b in zip("".join(read), "".join(paragraphs))) > 0.97 * len("".join(paragraphs))


@needs_font  # about a second on a quiet machine: the model's one fast test
def test_a_two_column_page_reads_the_left_column_first(tmp_path):
    left = "左栏的发言：" + "我们要坚持党建引领，推动各项工作取得实效。" * 5
    right = "右栏的发言：" + "区域化党建工作形成新格局，服务群众最后一公里。" * 5
    page = Page(size_mm=(180, 100), margin_mm=10, columns=2)
    text = a_page(tmp_path, [("title", "两栏的版面"), ("para", left), ("para", right)], page)
    flat = text.replace("\n", "")
    assert flat.startswith("两栏的版面") and "左栏的发言" in flat and "右栏的发言" in flat
    assert flat.index("左栏的发言") < flat.index("右栏的发言")
    assert flat.index("右栏的发言") > flat.rindex("推动各项工作取得实效")  # the left column is read whole first


@pytest.mark.slow
@needs_font
def test_an_english_page_keeps_its_words_and_turns(tmp_path):
    turns = [  # each turn a paragraph of two lines, its first line indented
        "SENATOR MURPHY: Good morning. The committee will come to order. We are here today to hear "
        "from the people of the Hudson Valley about the barges anchored on the river.",
        "MR. BAGLEY: Thank you, Senator. We will act now on the budget, and we will report "
        "back to the committee on the anchorages before the end of the month.",
        "SENATOR MURPHY: Thank you. The next witness is the mayor, who has asked to speak "
        "about the traffic on the river and what it means for the town.",
        "MR. BAGLEY: The barge hearing is set for October, and every town on the river "
        "will be heard before the Coast Guard decides anything at all.",
    ]
    text = a_page(tmp_path, [("para", turn) for turn in turns], Page(size_mm=(180, 90), margin_mm=8))
    paragraphs = [p.replace("\n", " ") for p in text.split("\n\n")]
    assert len(paragraphs) == len(turns)
    assert all(SequenceMatcher(None, p, t).ratio() > 0.95 for p, t in zip(paragraphs, turns)), paragraphs
    speakers = [s.who.speaker for s in parse_document(text, name="page.png").speeches]
    assert speakers == ["Murphy", "Bagley", "Murphy", "Bagley"]


@pytest.mark.slow
@needs_font
def test_running_headers_and_page_numbers_of_a_scanned_pdf_are_left_out(tmp_path):
    page = Page(size_mm=(120, 80), margin_mm=14, header="三亚日报 2025年10月27日 第3版", page_numbers=True)
    pages = printed([("para", SPEECH * 11)], page)
    assert len(pages) >= 3
    read = read_file(save_pdf(pages, tmp_path / "scan.pdf"))
    assert "三亚日报" not in read.text and "- 1 -" not in read.text
    assert read.ocr.pages == len(pages) and len(read.ocr.dropped) == 2 * len(pages)
    assert read.text.replace("\n", "").startswith(SPEECH[:30])


@pytest.mark.slow
@needs_font
def test_a_pdf_keeps_its_text_pages_and_reads_only_its_scanned_page_by_ocr(tmp_path):
    from pypdf import PdfReader, PdfWriter

    typed = "Thank you, Chair. We will act now on the budget."
    (tmp_path / "typed.pdf").write_bytes(minimal_pdf(typed))
    (scanned,) = printed([("para", SPEECH)], Page(size_mm=(150, 40), margin_mm=8))
    save_pdf([scanned], tmp_path / "scanned.pdf")
    writer = PdfWriter()
    for part in ("typed.pdf", "scanned.pdf", "typed.pdf"):
        writer.append(PdfReader(tmp_path / part))
    writer.write(tmp_path / "mixed.pdf")
    read = read_file(tmp_path / "mixed.pdf")
    first, middle, last = read.text.split("\n\n")
    assert first == last == typed and middle.replace("\n", "").startswith(SPEECH[:20])
    assert read.ocr.pages == 1


@pytest.mark.slow
@needs_font
def test_a_scanned_sanya_digest_finds_all_thirteen_speakers_with_their_units(tmp_path):
    digest = shared_path("corpora", "zh-sanya-digest.txt")
    expected = [(s.who.speaker, s.who.units) for s in parse_document(digest.read_text(), name=digest.name).speeches]
    pages = printed(markdown_blocks(digest.read_text()), Page(header="海南日报 2020年10月27日", page_numbers=True))
    scan = save_pdf(pages, tmp_path / "zh-sanya-digest.pdf")
    library = Library(settings_for(tmp_path / "data", embedding_model="hashing"))
    result = Indexer(library, show_bars=False).add_file(scan)
    assert result.status == "added" and "read by OCR: 5 pages" in result.ocr
    (record,) = library.records
    assert record.ocr.pages == len(pages) and record.ocr.confidence > 0.95
    found = [(s.who.speaker, s.who.units) for s in record.speeches if s.who.speaker]
    assert found == [pair for pair in expected if pair[0]] and len(found) == 13

    preview = Indexer(library, show_bars=False).preview(record.doc_id)  # the layout check, from the store
    assert preview.ocr == record.ocr and len(preview.speakers) == 13
    assert f"read by OCR: {len(pages)} pages, mean confidence 0.9" in human(preview)
