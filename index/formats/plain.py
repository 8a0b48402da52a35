"""Plain text with no detectable speaker: one unattributed speech (a speaker is never invented)."""

from __future__ import annotations

from index.formats.common import date_from_notes, split_trailing_notes
from index.records import ParsedDocument, Speech
from index.text import paragraph_spans

FORMAT = "plain"


def parse_plain(text: str, *, speaker_roles: dict[str, str] | None = None) -> ParsedDocument:
    """The whole text as one unattributed speech, paragraphs by blank lines."""
    end, notes = split_trailing_notes(text)
    paragraphs = paragraph_spans(text, 0, end)
    speeches = (Speech("", paragraphs=tuple(paragraphs)),) if paragraphs else ()
    return ParsedDocument(text, FORMAT, speeches, date=date_from_notes(notes), notes=notes)
