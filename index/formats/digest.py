"""Speech digests: per speech a heading, a `unit+title name` speaker line, then the speech.

Two layouts:
- "digest-md": markdown — `# title`, `## subtitle`, intro, then `### heading` / speaker line /
  paragraphs separated by blank lines (zh-sanya-digest);
- "digest": plain — first line the title, then per speech a heading line, a speaker line and
  one paragraph per line, blank lines between speeches (zh-rmrb-cppcc-digest).
Text before the first speech is narration (speaker ""); trailing credits go to notes.
"""

from __future__ import annotations

import re

from index.formats.common import date_from_notes, split_trailing_notes
from index.records import ParsedDocument, Span, Speech
from index.text import ends_sentence, paragraph_spans
from index.titles import SpeakerInfo, describe_speaker_lines, split_speaker_line

MARKDOWN = "digest-md"
PLAIN = "digest"

_MD_HEADING = re.compile(r"^(#{1,6})[^\S\n]+(.+?)[^\S\n]*$", re.M)
_FIRST_LINE = re.compile(r"\S[^\n]*")
_MAX_HEADING = 40


# ---- markdown ------------------------------------------------------------------------


def looks_like_markdown_digest(text: str) -> bool:
    """Markdown headings (below the title) mostly followed by a speaker line."""
    heads = [m for m in _MD_HEADING.finditer(text) if len(m.group(1)) > 1]
    hits = sum(_speaker_line_after(text, m.end(), len(text)) is not None for m in heads)
    return hits > 0 and 2 * hits >= len(heads)


def parse_markdown_digest(text: str, *, speaker_roles: dict[str, str] | None = None) -> ParsedDocument:
    """`# title`, `## subtitle` (a note), narration, then `### heading` + speaker line sections."""
    end, trailing = split_trailing_notes(text)
    heads = list(_MD_HEADING.finditer(text, 0, end))
    bodies = [(m.end(), nxt.start()) for m, nxt in zip(heads, heads[1:])]
    bodies += [(heads[-1].end(), end)] if heads else []
    lines = [_speaker_line_after(text, *body) for body in bodies]
    infos = describe_speaker_lines([text[slice(*line)] if line else "" for line in lines])

    title, notes = "", []
    out = _SpeechList(text)
    out.narrate(0, heads[0].start() if heads else end)
    for m, (start, stop), line, info in zip(heads, bodies, lines, infos):
        level, heading = len(m.group(1)), m.group(2)
        if info:
            out.speak(info, heading, line[1], stop)
        elif level > 2:
            out.add(Speech("", heading, paragraphs=tuple(paragraph_spans(text, start, stop))))
        else:
            if level == 1 and not title:
                title = heading
            else:
                notes.append(heading)
            out.narrate(start, stop)
    notes += trailing
    return ParsedDocument(text, MARKDOWN, out.done(), title, date_from_notes(trailing), tuple(notes))


def _speaker_line_after(text: str, start: int, end: int) -> Span | None:
    """The first non-blank line of text[start:end] if it is a speaker line (a heading marks
    its place, so one printed without a space before the name counts too)."""
    m = _FIRST_LINE.search(text, start, end)
    if m and split_speaker_line(m.group(), unspaced=True):
        return m.span()
    return None


# ---- plain -----------------------------------------------------------------------------


def looks_like_plain_digest(text: str) -> bool:
    """At least two (heading line, speaker line) pairs."""
    lines = _lines(text, len(text))
    return sum(heading is not None for heading, _ in _entries(text, lines)) >= 2


def parse_plain_digest(text: str, *, speaker_roles: dict[str, str] | None = None) -> ParsedDocument:
    """Title line, then heading line + speaker line + one paragraph per line, per speech."""
    end, notes = split_trailing_notes(text)
    lines = _lines(text, end)
    entries = _entries(text, lines)
    infos = describe_speaker_lines([text[slice(*lines[i][:2])] for _, i in entries])
    starts = [lines[h if h is not None else i][0] for h, i in entries] + [end]

    title = ""
    preamble_start = 0
    if lines and entries and _is_heading(text, lines, 0) and lines[0][0] < starts[0]:
        title = text[slice(*lines[0][:2])]
        preamble_start = lines[0][1]
    out = _SpeechList(text)
    out.narrate(preamble_start, starts[0], by_line=True)
    for (heading, i), info, stop in zip(entries, infos, starts[1:]):
        heading_text = text[slice(*lines[heading][:2])] if heading is not None else ""
        out.speak(info, heading_text, lines[i][1], stop, by_line=True)
    return ParsedDocument(text, PLAIN, out.done(), title, date_from_notes(notes), notes)


def _lines(text: str, end: int) -> list[tuple[int, int, bool]]:
    """Non-blank lines of text[:end], trimmed, as (start, end, opens_block): whether the
    start of the text or a blank line comes before."""
    lines: list[tuple[int, int, bool]] = []
    for start, stop in paragraph_spans(text, 0, end, by_line=True, join=False):
        opens_block = not lines or text.count("\n", lines[-1][1], start) >= 2
        lines.append((start, stop, opens_block))
    return lines


def _entries(text: str, lines: list[tuple[int, int, bool]]) -> list[tuple[int | None, int]]:
    """(heading line index or None, speaker line index) for every speaker line; the heading is
    the line just before when that line opens a block and reads like a heading. A line with
    no space before the name counts only between a heading and a line of speech."""
    entries = []
    for i, (start, stop, _) in enumerate(lines):
        line = text[start:stop]
        if not split_speaker_line(line, unspaced=True):  # most lines end here, before any look around
            continue
        heading = i - 1 if i > 0 and _is_heading(text, lines, i - 1) else None
        framed = heading is not None and i + 1 < len(lines) and _reads_as_speech(text, *lines[i + 1][:2])
        if framed or split_speaker_line(line):
            entries.append((heading, i))
    return entries


def _reads_as_speech(text: str, start: int, stop: int) -> bool:
    """A line too long for a heading, or one that ends a sentence."""
    return stop - start > _MAX_HEADING or ends_sentence(text, start, stop)


def _is_heading(text: str, lines: list[tuple[int, int, bool]], i: int) -> bool:
    """A short line opening a block, not ending a sentence, not itself a speaker line."""
    start, stop, opens_block = lines[i]
    return (
        opens_block
        and stop - start <= _MAX_HEADING
        and not ends_sentence(text, start, stop)
        and not split_speaker_line(text[start:stop])
    )


# ---- shared ----------------------------------------------------------------------------


class _SpeechList:
    """Collects speeches in order; narration waits until the next speech or the end."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._speeches: list[Speech] = []
        self._narration: list[Span] = []

    def narrate(self, start: int, end: int, *, by_line: bool = False) -> None:
        self._narration += paragraph_spans(self._text, start, end, by_line=by_line)

    def speak(self, info: SpeakerInfo, heading: str, start: int, end: int, *, by_line: bool = False) -> None:
        paragraphs = tuple(paragraph_spans(self._text, start, end, by_line=by_line))
        self.add(Speech(info.name, heading, info.titles, info.units, info.roles, paragraphs))

    def add(self, speech: Speech) -> None:
        self._flush()
        self._speeches.append(speech)

    def done(self) -> tuple[Speech, ...]:
        self._flush()
        return tuple(self._speeches)

    def _flush(self) -> None:
        if self._narration:
            self._speeches.append(Speech("", paragraphs=tuple(self._narration)))
            self._narration = []
