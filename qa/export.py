"""Answers and tables as files a staff member pastes into a report: an answer with its
citations as Markdown or .docx; a who-said-what table as .csv or .xlsx."""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

from index.records import BadInput
from index.text import squash_breaks
from qa.records import Answer, Citation

ANSWER_SUFFIXES = (".md", ".docx")
TABLE_SUFFIXES = (".csv", ".xlsx")


_MARKUP = re.compile(r"([\\`*_\[\]()#!<>|~])")


def markdown_text(text: str) -> str:
    """Text shown in Markdown as it is: markup characters escaped, so a title such as
    `![x](http://…)` or `<script>` stays words and fetches or runs nothing."""
    return _MARKUP.sub(r"\\\1", text)


def _source(c: Citation, shown=str) -> str:
    return f"{shown(c.who.source)} [{c.start}:{c.end}]"


def _cited(c: Citation, shown=str) -> list[tuple[str, str]]:
    """A citation's fields as (label, value), the empty ones left out; `shown` writes each
    value from the transcript (`markdown_text` for Markdown)."""
    fields = [
        ("发言人 Speaker", shown(c.who.speaker) or "—"),
        ("单位 Unit", shown("、".join(c.who.units))),
        ("会议 Meeting", shown(c.meeting)),
        ("日期 Date", c.date or ""),
        ("标题 Heading", shown(c.who.heading)),
        ("来源 Source", _source(c, shown)),
    ]
    return [(label, value) for label, value in fields if value]


def answer_markdown(answer: Answer) -> str:
    """The answer, then each citation: who, where, when, and the verbatim quote. Every word
    from a question or a transcript is written as text (`markdown_text`)."""
    md = markdown_text
    lines = [f"## {md(answer.question)}", "", *map(md, answer.text.split("\n")), ""]
    if answer.citations:
        lines += ["### 引用 / Sources", ""]
    for c in answer.citations:
        lines.append(f"{c.n}. " + " · ".join(value for _, value in _cited(c, md)))
        lines += [f"   > {md(line)}" for line in squash_breaks(c.quote).splitlines() or [""]]
        lines.append("")
    return "\n".join(lines)


def write_answer(answer: Answer, path: Path) -> Path:
    """Write the answer as .md or .docx (by the path's suffix)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".md":
        path.write_text(answer_markdown(answer), encoding="utf-8")
    elif suffix == ".docx":
        _answer_docx(answer).save(str(path))
    else:
        raise BadInput(f"{path.name}: an answer is exported as {' or '.join(ANSWER_SUFFIXES)}")
    return path


def _answer_docx(answer: Answer):
    import docx  # python-docx: only loaded to export

    document = docx.Document()
    document.add_heading(answer.question, level=2)
    for paragraph in answer.text.split("\n"):
        document.add_paragraph(paragraph)
    if answer.citations:
        document.add_heading("引用 / Sources", level=3)
    for c in answer.citations:
        head = document.add_paragraph(style="List Number")
        head.add_run(" · ".join(value for _, value in _cited(c)))
        document.add_paragraph(squash_breaks(c.quote), style="Intense Quote")
    return document


def write_table(headers: Sequence[str], rows: Sequence[Sequence], path: Path) -> Path:
    """Write a table as .csv (UTF-8 with a BOM, so Excel reads Chinese) or .xlsx."""
    path = Path(path)
    suffix = path.suffix.lower()
    cells = [[_cell(v) for v in row] for row in rows]
    if suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(headers)
            writer.writerows([[_inert(v) for v in row] for row in cells])
    elif suffix == ".xlsx":
        import openpyxl  # only loaded to export

        book = openpyxl.Workbook()
        sheet = book.active
        for r, row in enumerate([list(headers), *cells], start=1):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=c, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text stays text: `=HYPERLINK(…)` in a transcript is no formula
        book.save(str(path))
    else:
        raise BadInput(f"{path.name}: a table is exported as {' or '.join(TABLE_SUFFIXES)}")
    return path


def _inert(value):
    """A CSV cell a spreadsheet will not run: text starting like a formula gets a leading `'`."""
    return "'" + value if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _cell(value):
    if isinstance(value, (list, tuple)):
        return "、".join(map(str, value))
    return value if isinstance(value, (int, float)) else str(value if value is not None else "")
