"""Who said what: every attributed speech with its first point (CLI `speakers`, app table)."""

from __future__ import annotations

from index.library import Library
from index.text import paragraph_spans
from qa.answer import key_points

# speech key → first point. A key names one version of one document, whose speeches never
# change, so a point is found once per process: after an add only the new speeches are read.
_first_points: dict[str, str] = {}


def who_said_what(library: Library) -> list[dict]:
    """One row per speech that has a speaker, in document order."""
    global _first_points
    library.refresh()
    rows, points = [], {}
    for speech in library.speeches:
        if not speech.speaker:
            continue
        if (point := _first_points.get(speech.key)) is None:
            found = key_points(library, speech, skip=set(), limit=1)
            point = found[0].shown if found else ""
        points[speech.key] = point
        rows.append({**speech.attribution(), "chunks": speech.chunks, "first_point": point})
    _first_points = points  # removed and replaced versions are forgotten
    return rows


def speech_text(library: Library, doc_id: str, speech_index: int) -> str:
    """The whole text of one speech (paragraph breaks kept, page breaks and a printed
    transcript's line numbers and running headers left out)."""
    speech = library.speech_at(doc_id, speech_index)
    if speech is None:
        return ""
    text = library.source_text(doc_id)
    paragraphs = paragraph_spans(text, speech.start, speech.end)
    return "\n\n".join(library.readable(doc_id, s, e) for s, e in paragraphs)
