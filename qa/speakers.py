"""Who said what: every attributed speech with its first point (CLI `speakers`, app table)."""

from __future__ import annotations

from index.library import Library
from index.text import paragraph_spans, squash_breaks
from qa.answer import key_points


def who_said_what(library: Library) -> list[dict]:
    """One row per speech that has a speaker, in document order."""
    library.refresh()
    rows = []
    for speech in library.speeches:
        if not speech.speaker:
            continue
        points = key_points(library, speech, skip=set(), limit=1)
        first_point = squash_breaks(points[0].quote) if points else ""
        rows.append({**speech.attribution(), "chunks": speech.chunks, "first_point": first_point})
    return rows


def speech_text(library: Library, doc_id: str, speech_index: int) -> str:
    """The whole text of one speech (paragraph breaks kept, page breaks squashed)."""
    speech = library.speech_at(doc_id, speech_index)
    if speech is None:
        return ""
    text = library.source_text(doc_id)
    return "\n\n".join(squash_breaks(text[s:e]) for s, e in paragraph_spans(text, speech.start, speech.end))
