"""Speaker turns: each turn starts a line with a label and a colon (`Name: text`,
`姓名：正文`, `王芳（市商务局局长）：…`). Consecutive turns of one speaker are one speech,
a paragraph per turn (more if a turn has several blank-line-separated blocks)."""

from __future__ import annotations

import re
from collections import Counter

from index.formats.common import date_from_notes, split_trailing_notes
from index.records import ParsedDocument, Speech
from index.text import CJK_RANGES, has_han, paragraph_spans
from index.titles import describe_labels, split_speaker_line, split_title

FORMAT = "turns"

_LATIN_LABEL = r"[A-Z][\w.'’\-]*(?:[^\S\n]+[\w.'’\-]+){0,6}(?:[^\S\n]*\([^()\n]{1,60}\))?"
_CJK_LABEL = rf"[{CJK_RANGES}][{CJK_RANGES}·• ]{{0,11}}(?:[（(][^（）()\n]{{1,30}}[）)])?"
_TURN = re.compile(rf"^[^\S\n]*(?P<label>{_LATIN_LABEL}|{_CJK_LABEL})[^\S\n]*(?:：|:(?=[^\S\n]|$))[^\S\n]*", re.M)
_BRACKETS = re.compile(r"\([^)]*\)")
_MAX_LATIN, _MAX_CJK = 40, 20
_NOT_SPEAKERS = re.compile(
    r"(?i:note|notes|nb|ps|p\.s\.|source|sources|update|warning|example|summary|transcript|date|time|"
    r"location|subject|re|title|link|url|photo|caption|disclaimer|correction|editor's note)"
    r"|注|备注|備註|说明|說明|来源|來源|时间|時間|地点|地點|编者按|編者按|按|附|附件|注意|题目|題目|主题|主題"
    r"|[一二三四五六七八九十]+是|第[一二三四五六七八九十\d]{1,3}[条點点部分章节節]?|其[一二三四五六七八九十]"
    r"|首先|其次|再次|然后|最后|最後|总之|總之|例如|比如|但是|因此|所以"
    rf"|[{CJK_RANGES}]+(?:说|說|道|表示|指出|认为|認為|强调|強調)"
)
_PARTICLES = {"de", "da", "di", "du", "del", "della", "der", "van", "von", "bin", "al", "la", "le", "y", "dos", "das"}


def looks_like_turns(text: str) -> bool:
    """Most blocks (or most lines) start with a plausible label, and some label recurs or
    two name Chinese office holders (a press conference where each speaks once)."""
    starts = {m.start("label"): _label(m) for m in _TURN.finditer(text) if _plausible(_label(m))}
    recurs = len(starts) >= 2 and Counter(starts.values()).most_common(1)[0][1] >= 2
    if not recurs and sum(map(_names_chinese_person, set(starts.values()))) < 2:
        return False
    blocks = paragraph_spans(text, 0, len(text), join=False)
    lines = sum(1 for line in text.splitlines() if line.strip())
    return 2 * sum(start in starts for start, _ in blocks) > len(blocks) or 2 * len(starts) > lines


def parse_turns(text: str, *, speaker_roles: dict[str, str] | None = None) -> ParsedDocument:
    """Turns → speeches; `speaker_roles` (name → role, e.g. from a sidecar) gives roles."""
    speaker_roles = speaker_roles or {}
    end, notes = split_trailing_notes(text)
    matches = [m for m in _TURN.finditer(text, 0, end) if _plausible(_label(m))]
    counts = Counter(_label(m) for m in matches)
    turns = [m for m in matches if _accepted(_label(m), counts, speaker_roles)]
    infos = describe_labels([_label(m) for m in turns])

    speeches: list[Speech] = []
    intro = paragraph_spans(text, 0, turns[0].start() if turns else end)
    if intro:
        speeches.append(Speech("", paragraphs=tuple(intro)))
    for m, stop in zip(turns, [t.start() for t in turns[1:]] + [end]):
        label = _label(m)
        info = infos[label]
        paragraphs = tuple(paragraph_spans(text, m.end(), stop))
        last = speeches[-1] if speeches else None
        if last and last.speaker == info.name:
            speeches[-1] = Speech(
                last.speaker, last.heading, last.titles, last.units, last.roles, last.paragraphs + paragraphs
            )
            continue
        role = speaker_roles.get(label) or speaker_roles.get(info.name)
        roles = (role,) if role else info.roles
        speeches.append(Speech(info.name, "", info.titles, info.units, roles, paragraphs))
    return ParsedDocument(text, FORMAT, tuple(speeches), date=date_from_notes(notes), notes=notes)


def _label(m: re.Match) -> str:
    return m.group("label").strip()


def _plausible(label: str) -> bool:
    """Short, not a known non-speaker word (Note, 注, 一是, 他说), and for Latin script
    every word outside brackets capitalised (prose before a colon is not)."""
    if _NOT_SPEAKERS.fullmatch(label):
        return False
    if has_han(label):
        return len(label) <= _MAX_CJK
    words = _BRACKETS.sub("", label).split()
    return len(label) <= _MAX_LATIN and all(w[0].isupper() or w[0].isdigit() or w in _PARTICLES for w in words)


def _accepted(label: str, counts: Counter, speaker_roles: dict[str, str]) -> bool:
    """A label is a speaker if it recurs, is a known speaker, or looks like a full name
    (two capitalised words; a Chinese label with bracketed titles, `titles name`, or one
    ending with a position: `郭家麒議員`, `主持人`, `市商务局局长王芳`)."""
    if counts[label] >= 2 or label in speaker_roles:
        return True
    if has_han(label):
        return _names_chinese_person(label)
    return len(_BRACKETS.sub("", label).split()) >= 2


def _names_chinese_person(label: str) -> bool:
    """`王芳（市商务局局长）`, `市商务局局长 王芳`, `市商务局局长王芳`, `郭家麒議員`, `主持人`."""
    if not has_han(label):
        return False
    return bool(re.search(r"[（(]|\s", label) or split_title(label)[1] or split_speaker_line(label, unspaced=True))
