"""Text primitives shared by parsing, chunking and answering: CJK detection, sentence and
paragraph spans (always offsets into the source text), page-break joining and squashing."""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable, Iterator

from index.records import Span

# Han characters, for regex character classes (Unicode blocks):
CJK_RANGES = "\u3400-\u9fff\uf900-\ufaff"  # Extension A to Unified Ideographs, and Compatibility Ideographs
CJK_UNIFIED = "\u4e00-\u9fff"  # the Unified Ideographs alone: names, units, places and meetings in patterns
CJK_WORD = "\u3400-\u4dbf" + CJK_UNIFIED + "\uf900-\ufaff"  # BM25's Chinese runs (no Yijing hexagram symbols)
_HAN = re.compile(f"[{CJK_RANGES}]")
CLOSERS = "”’」』）)】》]\"'"
SENTENCE_FINAL = "。！？；…!?;."
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_NEWLINE = re.compile(r"\n")
# A sentence ends at Chinese/English terminal punctuation, keeping closing quotes with it.
# An English full stop only ends a sentence before whitespace, and not after a title.
_SENTENCE_END = re.compile(
    rf"(?:[。！？；!?;]+|…+|(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)(?<!\bHon)\.(?=[{re.escape(CLOSERS)}]*(?:\s|$)))[{re.escape(CLOSERS)}]*"
)
_CLAUSE_END = re.compile(rf"[，,、：:—]+[{re.escape(CLOSERS)}]*")
_BREAK = re.compile(r"\s*\n\s*")


@functools.cache
def simplifier() -> Callable[[str], str]:
    """A function writing Chinese text in simplified characters (OpenCC's `t2s`; other text
    unchanged), so traditional and simplified spellings of a name compare equal. One
    converter per process: it is read-only."""
    import opencc  # only catalogs and questions with Chinese need it

    return opencc.OpenCC("t2s.json").convert


def has_han(text: str) -> bool:
    """Whether text contains a Chinese character."""
    return _HAN.search(text) is not None


def is_cjk(ch: str) -> bool:
    """True for CJK ideographs and full-width punctuation (no spaces between words)."""
    return ch >= "\u2e80"


def weight(text: str) -> float:
    """Length of text in chunk-size units: CJK characters count 1, others 1/4."""
    cjk = sum(1 for ch in text if is_cjk(ch))
    return cjk + (len(text) - cjk) / 4


def squash_breaks(text: str) -> str:
    """Text as a reader would print it: line and page breaks inside a paragraph
    disappear between Chinese characters and become one space between words."""

    def replace(match: re.Match) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        return "" if (before and is_cjk(before)) or (after and is_cjk(after)) else " "

    return _BREAK.sub(replace, text).strip()


def trim(text: str, start: int, end: int) -> Span:
    """(start, end) moved inwards past whitespace (start == end if all whitespace)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def ends_sentence(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] ends with sentence-final punctuation (closers allowed after)."""
    i = end - 1
    while i >= start and text[i] in CLOSERS:
        i -= 1
    return i >= start and text[i] in SENTENCE_FINAL


def paragraph_spans(text: str, start: int, end: int, *, by_line: bool = False, join: bool = True) -> list[Span]:
    """Spans of the paragraphs of text[start:end]: blank-line-separated blocks (or single
    lines when `by_line`), trimmed of whitespace; with `join`, page-break fragments are
    joined to the next paragraph (see `join_broken`)."""
    separator = _NEWLINE if by_line else _BLANK_LINE
    spans = []
    piece_start = start
    for m in separator.finditer(text, start, end):
        spans.append(trim(text, piece_start, m.start()))
        piece_start = m.end()
    spans.append(trim(text, piece_start, end))
    spans = [s for s in spans if s[0] < s[1]]
    return join_broken(text, spans) if join else spans


def join_broken(text: str, spans: list[Span]) -> list[Span]:
    """Join each paragraph that does not end a sentence (。！？；…!?;. possibly followed by
    closing quotes or brackets) with the next one: a page break cut it. The joined span
    covers the blank lines between; the text stays verbatim."""
    joined: list[Span] = []
    for span in spans:
        if joined and not ends_sentence(text, *joined[-1]):
            joined[-1] = (joined[-1][0], span[1])
        else:
            joined.append(span)
    return joined


def sentence_spans(text: str, start: int, end: int, max_weight: float = 220) -> list[Span]:
    """Sentences of text[start:end] as spans; a sentence heavier than max_weight is cut
    at clause punctuation (or, failing that, hard) so that every piece fits a chunk."""
    spans: list[Span] = []
    position = start
    for match in _SENTENCE_END.finditer(text, start, end):
        span = trim(text, position, match.end())
        if span[0] < span[1]:
            spans.extend(_fit(text, span, max_weight))
        position = match.end()
    tail = trim(text, position, end)
    if tail[0] < tail[1]:
        spans.extend(_fit(text, tail, max_weight))
    return spans


def _fit(text: str, span: Span, max_weight: float) -> Iterator[Span]:
    """The span in pieces of at most max_weight. The weight left is kept as the pieces go
    (not weighed again each time), so a long unpunctuated text costs linear time."""
    start, end = span
    left = weight(text[start:end])
    while left > max_weight:
        cut = _cut_point(text, start, end, max_weight)
        piece = trim(text, start, cut)
        if piece[0] < piece[1]:
            yield piece
        next_start = cut
        while next_start < end and text[next_start].isspace():
            next_start += 1
        left -= weight(text[start:next_start])
        start = next_start
    if start < end:
        yield (start, end)


def _cut_point(text: str, start: int, end: int, max_weight: float) -> int:
    """The last clause boundary within max_weight of start, else the weight limit itself."""
    limit, total = start, 0.0
    while limit < end and total + (1 if is_cjk(text[limit]) else 0.25) <= max_weight:
        total += 1 if is_cjk(text[limit]) else 0.25
        limit += 1
    best = None
    for match in _CLAUSE_END.finditer(text, start, limit):
        if match.end() - start >= (limit - start) // 3:
            best = match.end()
    if best is None:  # no clause boundary: prefer a space for English words
        space = text.rfind(" ", start, limit)
        best = space if space > start + (limit - start) // 3 else limit
    return max(best, start + 1)


# English month names and abbreviations → number (dates in pages and in questions)
MONTHS = {
    **{name.lower(): n for n, name in enumerate(calendar.month_name) if name},
    **{name.lower(): n for n, name in enumerate(calendar.month_abbr) if name},
    "sept": 9,
}
MONTH_NAME = r"(?P<month_name>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"  # `Oct.`
YEAR = r"(?P<year>(?:19|20)\d\d)"  # a meeting's year, as pages and questions write it
ZH_MONTH_DAY = r"(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"  # 3月5日
ZH_DATE = rf"{YEAR}\s*年\s*{ZH_MONTH_DAY}"  # 2025年3月5日
