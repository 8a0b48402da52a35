"""Transcript furniture (index/furniture.py): line and page numbers, running headers and
invisible characters are kept out of what is parsed, embedded and shown, while every
offset still points into the original text."""

from __future__ import annotations

from index.chunk import chunk_document
from index.formats import parse_document
from index.furniture import read_lines, readable, strip_furniture

NUMBERED = "\f".join(
    " " * 60 + f"{page}\n\n" + "\n\n".join(f"{n:>8}      {line}" for n, line in enumerate(lines, 1)) + "\n"
    for page, lines in enumerate(
        [
            [
                "SENATOR SMITH:  We are here to hear",
                "testimony about the bridge plan.",
                *["Thank you all."] * 20,
                "MS. JONES:  The bridge is old and",
            ],
            ["needs repair before winter.", "SENATOR SMITH:  Thank you.", *["It really does."] * 20],
        ],
        start=1,
    )
)


def test_line_numbers_and_page_numbers_are_furniture_and_lines_point_into_the_source():
    page = read_lines(NUMBERED)
    assert page.line_numbered
    assert [line.view for line in page.lines[:2]] == [
        "SENATOR SMITH:  We are here to hear",
        "testimony about the bridge plan.",
    ]
    assert all(NUMBERED[line.start : line.end] == line.view for line in page.lines)
    assert all(NUMBERED[a:b].strip().isdigit() for a, b in page.furniture)


def test_running_headers_on_most_pages_go_but_speech_that_repeats_stays():
    said = ["Director Lee asked about fares.", "Thank you.", "Staff answered the question.", "Thank you."]
    pages = [
        f"Minutes of the Board Meeting\n\nPage {n} of 4\n{line}\nThe vote passed.\n" for n, line in enumerate(said, 1)
    ]
    views = [line.view for line in read_lines("\f".join(pages)).lines]
    assert "Minutes of the Board Meeting" not in views and "Page 2 of 4" not in views
    assert views.count("Thank you.") == 2 and "Director Lee asked about fares." in views


def test_invisible_characters_are_read_past_with_offsets_kept():
    text = "吴\u200b萍：好。"
    (line,) = read_lines(text).lines
    assert line.view == "吴萍：好。"
    assert line.source_offset(2) == text.index("：")
    assert line.clipped(text.index("：")).view == "吴萍"
    hidden = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    marked = f"吴{hidden}萍：好。"
    assert readable(marked, 0, len(marked), ()) == "吴萍：好。"


def test_a_paragraph_over_a_page_break_reads_as_one_without_the_furniture():
    doc = parse_document(NUMBERED)
    jones = next(s for s in doc.speeches if s.who.speaker == "Jones")
    assert [s.who.speaker for s in doc.speeches] == ["Smith", "Jones", "Smith"]
    start, end = jones.paragraphs[0]
    assert readable(doc.text, start, end, doc.furniture).startswith("The bridge is old and needs repair before winter.")
    assert "\f" in doc.text[start:end]  # the span itself is verbatim, page break and all
    assert strip_furniture("ab12cd", 0, 6, ((2, 4),)) == "ab\ncd"


def test_chunks_embed_and_index_the_words_without_line_numbers_but_quote_the_source():
    doc = parse_document(NUMBERED)
    chunks = chunk_document(doc, doc_id="d", version="v", source="s")
    assert all(c.text == doc.text[c.start : c.end] for c in chunks)
    smith = next(c for c in chunks if c.who.speaker == "Smith")
    assert "We are here to hear testimony about the bridge plan." in smith.embed_text
    assert "We are here to hear testimony about the bridge plan." in smith.lexical_text
    assert " 2 " not in smith.embed_text
