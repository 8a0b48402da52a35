"""A cited quote inside its paragraph, as a reader sees both (what the app's sources panel
shows): plain text, for the UI to mark up and escape."""

from __future__ import annotations

from typing import NamedTuple

from index.library import Library
from index.text import paragraph_spans, squash_breaks
from qa.records import Citation


class QuoteInParagraph(NamedTuple):
    before: str  # the paragraph before the quote, "…" + its last `context` characters when longer
    quote: str
    after: str


def quote_in_paragraph(library: Library, citation: Citation, context: int) -> QuoteInParagraph:
    """The paragraph around the citation's quote (page-break fragments joined, line numbers
    and running headers left out) with at most `context` characters on each side; only the
    quote when its document was removed or replaced since."""
    c = citation
    text = library.source_text(c.who.doc_id, c.who.version) if c.who.doc_id else ""
    if text[c.start : c.end] != c.quote:
        return QuoteInParagraph("", squash_breaks(c.quote), "")

    def readable(start: int, end: int) -> str:
        return library.readable(c.who.doc_id, start, end, c.who.version)

    quote = readable(c.start, c.end)
    speech = library.speech_at(c.who.doc_id, c.who.speech_index)
    lo, hi = (speech.start, speech.end) if speech and speech.start <= c.start < c.end <= speech.end else (0, len(text))
    spans = [s for s in paragraph_spans(text, lo, hi) if s[0] < c.end and c.start < s[1]]
    start = min([c.start, *(s[0] for s in spans)])
    end = max([c.end, *(s[1] for s in spans)])
    paragraph = readable(start, end)
    at = paragraph.find(quote, max(0, len(readable(start, c.start)) - 2))
    if at < 0:
        return QuoteInParagraph("", quote, "")
    before, after = paragraph[:at], paragraph[at + len(quote) :]
    if len(before) > context:
        before = "…" + before[-context:]
    if len(after) > context:
        after = after[:context] + "…"
    return QuoteInParagraph(before, quote, after)
