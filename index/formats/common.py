"""Helpers every transcript parser shares: trailing editor notes, dates in them, and
building the rendered text of a JSON transcript with spans."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from index.records import ParsedDocument, Span
from index.text import paragraph_spans, trim

# document metadata printed after the last speech: （本版文字整理/肖皇）,
# （本版内容以发言先后为序）, 《 人民日报 》（ 2020年08月25日 16 版）
_CREDIT = r"[（(][^（）()\n]{0,40}?(?:整理|编辑|編輯|责编|責編|记者|記者|来源|來源|本版|撰稿|供稿|摄影|攝影|为序|為序)[^（）()\n]{0,40}[）)]"
_MASTHEAD = r"《[^》\n]{1,20}》[^\S\n]*[（(][^（）()\n]{0,40}\d{4}[^（）()\n]{0,40}[）)]"
_TRAILING_NOTE = re.compile(rf"(?:{_CREDIT}|{_MASTHEAD})\s*$")
_AUTHOR_NOTE = re.compile(r"[（(]\s*(?:本文)?作者")  # `（作者为…，本报记者…整理）`: the last speech's titles
_NOTE_WINDOW = 200  # notes are short: look only this far back from the end
_DATE = re.compile(r"(\d{4})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})")


@dataclass(frozen=True)
class Layout:
    """A transcript layout, declared once. Structured layouts (`markup` "json" or "xml"):
    `detect` says whether the loaded JSON or XML root is in this layout, `parse` reads it
    into a rendered source text. Text families (`index.formats.transcript.FAMILIES`): `parse`
    reads the text (and `speaker_roles`) with the family's cue `kinds` only; a text is
    detected by parsing it with every cue, as the family those that carried it make it
    (`transcript.family_of`)."""

    name: str
    description: str
    parse: Callable[..., ParsedDocument]
    detect: Callable[[object], bool] | None = None
    markup: str = ""  # "json", "xml" or "sgml" (Europarl) for a structured layout
    kinds: frozenset[str] = frozenset()  # a text family's speaker cues (`index.speakers.Cue.kind`)
    markdown: bool = False  # a text family: of documents with markdown headings


def split_trailing_notes(text: str, end: int | None = None) -> tuple[int, tuple[str, ...]]:
    """Peel editor credits and masthead lines off the end of text[:end].
    Returns where the content ends and the notes, in document order."""
    end = len(text) if end is None else end
    notes: list[str] = []
    while (m := _TRAILING_NOTE.search(text, max(0, end - _NOTE_WINDOW), end)) and not _AUTHOR_NOTE.match(m.group()):
        notes.insert(0, m.group().strip())
        end = trim(text, 0, m.start())[1]
    return end, tuple(notes)


def date_from_notes(notes: tuple[str, ...]) -> str:
    """The first full date (year, month, day) printed in the notes, as ISO, else ""."""
    for note in notes:
        if m := _DATE.search(note):
            year, month, day = m.groups()
            return f"{year}-{int(month):02d}-{int(day):02d}"
    return ""


class TranscriptWriter:
    """Builds the rendered text of a JSON transcript, recording spans as it goes."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0

    def write(self, piece: str) -> Span:
        """Append `piece` verbatim; its span in the rendered text."""
        start = self._length
        self._parts.append(piece)
        self._length += len(piece)
        return start, self._length

    def write_paragraphs(self, body: str) -> tuple[Span, ...]:
        """Append `body` verbatim; the spans of its blank-line-separated blocks (not joined:
        a JSON transcript's blocks are its paragraphs)."""
        start, _ = self.write(body)
        return tuple((start + a, start + b) for a, b in paragraph_spans(body, 0, len(body), join=False))

    def text(self) -> str:
        return "".join(self._parts)


def clean_field(value: object) -> str:
    """A JSON string field for rendering: newlines normalised, trimmed, "" for null."""
    return str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
