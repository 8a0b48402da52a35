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
        rows.append(
            {
                "speaker": speech.speaker,
                "units": list(speech.units),
                "roles": list(speech.roles),
                "titles": list(speech.titles),
                "heading": speech.heading,
                "doc_title": speech.doc_title,
                "doc_id": speech.doc_id,
                "source": speech.source,
                "speech_index": speech.speech_index,
                "chunks": speech.chunks,
                "first_point": squash_breaks(points[0].quote) if points else "",
            }
        )
    return rows


def speech_text(library: Library, doc_id: str, speech_index: int) -> str:
    """The whole text of one speech (paragraph breaks kept, page breaks squashed)."""
    speech = library.speech_at(doc_id, speech_index)
    if speech is None:
        return ""
    text = library.source_text(doc_id)
    return "\n\n".join(squash_breaks(text[s:e]) for s, e in paragraph_spans(text, speech.start, speech.end))
