"""What a printed page adds around the words — line numbers, page numbers, form feeds,
running headers, invisible format characters — found per document, so the parser reads
clean lines while every offset still points into the original text.

`read_lines(text)` returns the document's content lines (each with its span in the
source text and a normalised *view* the recognisers read) and the furniture spans that
chunking leaves out of what is embedded and matched (`strip_furniture`).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from index.records import Span
from index.text import squash_breaks

# spaces a page may print between words: no-break, ideographic, thin, en/em …
_WIDE_SPACES = "\u00a0\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\t"
# format characters that print nothing: zero-width, joiners, direction marks, BOM, soft hyphen
_INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_INVISIBLE_CHARS = re.compile("[" + "".join(sorted(_INVISIBLE)) + "]")  # (a scan in C, not per character)
_SPACE_TABLE = str.maketrans(dict.fromkeys(_WIDE_SPACES, " "))
_LINE_NUMBER = re.compile(r"[ \t]*(\d{1,2})(?=[ \t]|$)[ \t]*")
_PAGE_NUMBER = re.compile(
    r"(?i:(?:page|p\.)\s*\d{1,5}(?:\s*(?:of|/)\s*\d{1,5})?|[A-Za-z]{2,6}\.?\s+\d{1,5}\s+of\s+\d{1,5}"
    r"|-\s*\d{1,5}\s*-|第\s*\d{1,5}\s*[页頁]|\d{1,5}\s*/\s*\d{1,5})"
)
_DIGITS_ONLY = re.compile(r"\d{1,5}")
_FAR_RIGHT = 10  # a lone number indented this far is a page number, not a line of speech
_LINE_NUMBERED_SHARE = 0.5  # share of non-blank lines that must start with a small number
_HEADER_REPEATS = 3
_DOUBLE_SPACED = 0.8  # share of line gaps holding a blank line, above which a page is double-spaced


@dataclass(frozen=True)
class Line:
    """One content line: `text[start:end]` in the source (furniture and surrounding spaces
    cut off), `view` as the recognisers read it: wide spaces as " ", invisible characters
    removed. `blank_before`: a blank line, page break or the start of the text precedes."""

    start: int
    end: int
    view: str
    blank_before: bool
    page_break_before: bool = False
    _offsets: tuple[int, ...] | None = field(default=None, repr=False, compare=False)

    def clipped(self, end: int) -> Line:
        """The line cut at source offset `end` (trailing spaces dropped)."""
        cut = next((i for i in range(len(self.view)) if self.source_offset(i) >= end), len(self.view))
        view = self.view[:cut].rstrip()
        offsets = self._offsets[: len(view)] if self._offsets else None
        return Line(
            self.start,
            self.source_offset(len(view) - 1) + 1 if view else self.start,
            view,
            self.blank_before,
            self.page_break_before,
            offsets,
        )

    def source_offset(self, index: int) -> int:
        """The offset in the source text of view[index] (or of the line's end)."""
        if self._offsets is None:
            return min(self.start + index, self.end)
        return self._offsets[index] if index < len(self._offsets) else self.end


@dataclass(frozen=True)
class PageText:
    """A document's content lines and the spans of its furniture, both in source offsets."""

    lines: tuple[Line, ...]
    furniture: tuple[Span, ...]
    line_numbered: bool


def read_lines(text: str) -> PageText:
    """The content lines of `text`: line numbers (when most lines carry one), page
    numbers, form feeds and running headers removed, invisible characters dropped."""
    raw = _raw_lines(text)
    numbered = _is_line_numbered(text, raw)
    furniture: list[Span] = []
    candidates: list[tuple[int, int, bool]] = []  # (start, end, page_break_before) of non-blank content
    page_break = False
    for start, end, after_form_feed in raw:
        page_break = page_break or after_form_feed
        if numbered and (m := _LINE_NUMBER.match(text, start, end)):
            furniture.append((start, m.end()))
            start = m.end()
        content = _trim(text, start, end)
        if content[0] == content[1]:
            continue
        if _is_page_number(text, *content, start_of_page=page_break or not candidates):
            furniture.append(content)
            page_break = True
            continue
        candidates.append((*content, page_break))
        page_break = False
    headers = _running_headers(text, candidates)
    kept = [c for i, c in enumerate(candidates) if i not in headers]
    furniture += [(s, e) for i, (s, e, _) in enumerate(candidates) if i in headers]
    breaks = [_line_breaks(text, a[1], b[0]) for a, b in zip(kept, kept[1:])]
    # numbered, double-spaced pages (a blank line after every line) mark paragraphs otherwise
    double_spaced = numbered and breaks and sum(n >= 2 for n in breaks) > _DOUBLE_SPACED * len(breaks)
    paragraph_gap = 3 if double_spaced else 2
    lines = [
        _line(text, start, end, i == 0 or broken or breaks[i - 1] >= paragraph_gap, broken)
        for i, (start, end, broken) in enumerate(kept)
    ]
    return PageText(tuple(lines), tuple(sorted(furniture)), numbered)


def readable(text: str, start: int, end: int, furniture: tuple[Span, ...]) -> str:
    """text[start:end] as a reader sees it: furniture and invisible characters left out,
    line and page breaks inside a paragraph squashed. What chunks embed and index, and
    how quotes are shown."""
    kept = strip_furniture(text, start, end, furniture)
    if _INVISIBLE_CHARS.search(kept):
        kept = _INVISIBLE_CHARS.sub("", kept)
    return squash_breaks(kept)


def strip_furniture(text: str, start: int, end: int, furniture: tuple[Span, ...]) -> str:
    """text[start:end] without the furniture spans inside it (line numbers, page numbers,
    running headers), each replaced by a line break so words stay apart."""
    if not furniture:
        return text[start:end]
    parts, position = [], start
    for f_start, f_end in furniture[bisect.bisect_left(furniture, (start, start)) :]:
        if f_start >= end:
            break
        if f_end <= position:
            continue
        parts.append(text[position : max(position, f_start)])
        parts.append("\n")
        position = min(f_end, end)
    parts.append(text[position:end])
    return "".join(parts)


def _line_breaks(text: str, start: int, end: int) -> int:
    """Line breaks between two content lines (a form feed counts as a page: many)."""
    gap = text[start:end]
    return gap.count("\n") + 10 * gap.count("\f")


def _raw_lines(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, after_form_feed) of every line; a form feed also ends a line."""
    lines, start, after_feed = [], 0, False
    for m in re.finditer(r"[\n\f]", text):
        lines.append((start, m.start(), after_feed))
        after_feed = m.group() == "\f"
        start = m.end()
    lines.append((start, len(text), after_feed))
    return lines


def _is_line_numbered(text: str, raw: list[tuple[int, int, bool]]) -> bool:
    """Most non-blank lines start with a number of one or two digits (court and
    legislative transcripts number every line of a page)."""
    non_blank = numbered = 0
    for start, end, _ in raw:
        if text[start:end].strip():
            non_blank += 1
            numbered += bool(_LINE_NUMBER.match(text, start, end))
    return non_blank >= 20 and numbered >= _LINE_NUMBERED_SHARE * non_blank


def skip_blank(text: str, start: int, end: int) -> int:
    """The first offset from `start` (before `end`) that is neither a space nor an
    invisible character."""
    while start < end and (text[start].isspace() or text[start] in _INVISIBLE):
        start += 1
    return start


def _trim(text: str, start: int, end: int) -> Span:
    start = skip_blank(text, start, end)
    while end > start and (text[end - 1].isspace() or text[end - 1] in _INVISIBLE):
        end -= 1
    if end - 1 > start and text[end - 1] == "\\" and text[end - 2] != "\\":  # markdown's hard line break: `DATE: …\`
        end -= 1
    return start, end


def page_number(line: str) -> str:
    """What kind of page number a whole line is: "printed" (`Page 3 of 10`, `- 3 -`, `第3页`),
    "bare" (a lone number, a page number only where it stands), or "" (none)."""
    if _PAGE_NUMBER.fullmatch(line):
        return "printed"
    return "bare" if _DIGITS_ONLY.fullmatch(line) else ""


def header_key(line: str) -> str:
    """A line compared with running headers: its numbers blanked out (`Minutes, page #`)."""
    return re.sub(r"\d+", "#", line)


def _is_page_number(text: str, start: int, end: int, *, start_of_page: bool) -> bool:
    """`Page 3 of 10`, `- 3 -`, `第3页`; a lone number only far to the right or first on a page."""
    kind = page_number(text[start:end])
    if kind != "bare":
        return kind == "printed"
    indent = start - (text.rfind("\n", 0, start) + 1)
    return start_of_page or indent >= _FAR_RIGHT


def _running_headers(text: str, lines: list[tuple[int, int, bool]]) -> set[int]:
    """Indexes of lines printed right at a page break (last before it or first after it)
    on at least three pages and on most pages (`Minutes of the … Meeting`), compared with
    their digits blanked out. A line of speech that happens to repeat is not on most pages."""
    keys = [header_key(text[s:e]) for s, e, _ in lines]
    breaks = [i for i, (_, _, broken) in enumerate(lines) if broken]
    at_break = {j for i in breaks for j in (i - 1, i) if 0 <= j < len(lines)}
    counts = Counter(keys[i] for i in at_break)
    needed = max(_HEADER_REPEATS, len(breaks) // 2)
    headers = {key for key, n in counts.items() if n >= needed}
    return {i for i in at_break if keys[i] in headers}


def _line(text: str, start: int, end: int, blank_before: bool, page_break: bool) -> Line:
    raw = text[start:end]
    if not _INVISIBLE_CHARS.search(raw):
        return Line(start, end, raw.translate(_SPACE_TABLE), blank_before, page_break)
    kept = [(ch, start + i) for i, ch in enumerate(raw) if ch not in _INVISIBLE]
    view = "".join(ch for ch, _ in kept).translate(_SPACE_TABLE)
    return Line(start, end, view, blank_before, page_break, tuple(offset for _, offset in kept))
