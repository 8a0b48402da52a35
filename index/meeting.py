"""When, where and what meeting a transcript records, read from where pages print it.

A page prints its meeting in its first lines: a title or subtitle naming it
(`——三亚市党建引领自由贸易港建设现场推进会发言摘登`, `Special Board Meeting`), a lede
with the day (`10月25日，…推进会召开`), a dateline (`October 19, 2016`, `Albany, New York`),
or an edition line (`《人民日报》（2025年01月02日第 18 版）`, which the parser keeps as the
document's date). A day printed without its year takes the year of the edition or of the
file name, never a guess; what is not printed stays empty (the user can set it).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from index.formats import STRUCTURED_FORMATS
from index.records import MEETING_FIELDS, BadInput, Meeting, ParsedDocument
from index.text import CJK_UNIFIED, MONTH_NAME, MONTHS, YEAR, ZH_DATE, ZH_MONTH_DAY

HEAD_CHARS = 1500  # the part of a page where its meeting, day and place are printed
DATELINE_EXTRA_CHARS = 10  # a line holding a date and at most this much more is a dateline
_FULL_DATES = (
    re.compile(ZH_DATE),
    re.compile(rf"(?<!\d){YEAR}-(?P<month>\d\d)-(?P<day>\d\d)(?!\d)"),
    re.compile(rf"\b{MONTH_NAME}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{YEAR}\b", re.I),
    re.compile(rf"\b(?P<day>\d{{1,2}})\s+{MONTH_NAME}\s+{YEAR}\b", re.I),
)
_ISO_DAY = re.compile(r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)")
_MASTHEAD = re.compile(r"《[^》]{1,20}》\s*[（(]|[（(]\s*《")  # 《人民日报》（2025年01月02日第 18 版）
_MONTH_DAY = re.compile(rf"(?<![\d年]){ZH_MONTH_DAY}")
_FILE_DATE = re.compile(rf"(?<!\d){YEAR}[-_.]?(?P<month>[01]\d)[-_.]?(?P<day>[0-3]\d)(?!\d)")
_FILE_YEAR = re.compile(rf"(?<!\d){YEAR}(?!\d)")

# A meeting's name ends in the kind of meeting it was (only multi-character kinds: a bare 会
# ends 社会 and 机会 too).
_ZH_KINDS = (
    "工作会议|常务会议|会议|代表大会|大会|推进会|座谈会|研讨会|交流会|发布会|听证会|协商会|报告会|圆桌会|现场会|"
    "工作会|部署会|调度会|见面会|通气会|恳谈会|论坛|峰会|全会|常委会|两会"
)
_ZH_MEETING = re.compile(
    rf"[^\s，。；：、—“”‘’（）()《》〈〉#>|]{{2,40}}?(?:{_ZH_KINDS})(?![{CJK_UNIFIED}]?(?:长|室|场|员|所|堂))"
)
# in a lede, a meeting is the one being held, not one mentioned (`三中全会《决定》提出`)
_ZH_HELD = re.compile(r"召开|举行|举办|上的|上发言|上讲话|发言|讲话|期间|开幕|闭幕")
_EN_KINDS = re.compile(
    r"\b(?:meeting|hearing|briefing|session|debate|roundtable|round table|conference|forum|summit|town hall)s?\b",
    re.I,
)
_ZH_PLACE = re.compile(rf"在([{CJK_UNIFIED}]{{2,8}}?)(?:召开|举行|举办)")
_EN_PLACE_LINE = re.compile(
    r"^([A-Za-z][A-Za-z.'-]*(?:[ -][A-Za-z.'-]+){0,3}),\s+([A-Za-z]+(?: [A-Za-z]+)?)(?:\s+\d{5})?$"
)
_LINE_NUMBER = re.compile(r"^\s*\d{1,3}\s+")


def read_meeting(doc: ParsedDocument, file_name: str = "") -> Meeting:
    """The meeting a parsed document records: its name, ISO date and place, each "" when
    the page does not print it."""
    head = _head_lines(doc)
    edition = doc.date or _date_in_file_name(file_name)
    structured = doc.format in STRUCTURED_FORMATS and doc.date  # a JSON or XML record's own date field
    return Meeting(
        name=_meeting_name(doc.title, head),
        date=doc.date if structured else _meeting_date(head, doc.notes, edition, file_name),
        place=_place(head),
    )


def _head_lines(doc: ParsedDocument) -> list[tuple[str, bool]]:
    """The page's first lines as a reader sees them (line numbers and markup off), each
    with whether it is a Markdown heading."""
    lines = []
    for raw in doc.text[:HEAD_CHARS].splitlines():
        line = " ".join(_LINE_NUMBER.sub("", raw).split())
        if text := line.lstrip("#>").strip():
            lines.append((text, line.startswith("#")))
    return lines


def _iso(year: int, month: int, day: int) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:  # 2月30日, 13th month: not a date
        return ""


def _full_dates(line: str) -> list[re.Match]:
    """The full dates printed in a line, in the order printed."""
    return sorted((m for pattern in _FULL_DATES for m in pattern.finditer(line)), key=lambda m: m.start())


def _datelines(head: list[tuple[str, bool]], notes: tuple[str, ...]):
    """Where a page prints its meeting's day: the first line, a heading, a line that is
    little more than the date (`October 19, 2016`), or a line that starts with it (a lede:
    `10月25日，…召开`) — not a date quoted in passing (`——2026年1月20日，…强调`) or an
    edition line or editor's note (they date the page)."""
    for i, (line, heading) in enumerate(head):
        if not _MASTHEAD.search(line) and not any(line in note or note in line for note in notes):
            yield line, i == 0 or heading


def _to_iso(m: re.Match, year: int | None = None) -> str:
    groups = m.groupdict()
    month = MONTHS[groups["month_name"].lower()] if groups.get("month_name") else int(groups["month"])
    return _iso(year or int(groups["year"]), month, int(groups["day"]))


def _date_in_file_name(name: str) -> str:
    m = _FILE_DATE.search(name)
    return _to_iso(m) if m else ""


def _dates_the_line(line: str, m: re.Match, anywhere: bool) -> bool:
    return anywhere or m.start() == 0 or len(line) - len(m.group()) <= DATELINE_EXTRA_CHARS


def _meeting_date(head: list[tuple[str, bool]], notes: tuple[str, ...], edition: str, file_name: str) -> str:
    """The first full date printed where a page dates its meeting; else a day printed
    there with the year of the edition (the year before, when that day would follow the
    edition) or of the file name; else the edition's date."""
    year_from = edition or (m.group("year") + "-12-31" if (m := _FILE_YEAR.search(file_name)) else "")
    for line, anywhere in _datelines(head, notes):
        for m in _full_dates(line):
            if _dates_the_line(line, m, anywhere) and (day := _to_iso(m)):
                return day
        m = _MONTH_DAY.search(line)
        if m and year_from and _dates_the_line(line, m, anywhere):
            day = _to_iso(m, int(year_from[:4]))
            if day and edition and day > edition:
                day = _to_iso(m, int(year_from[:4]) - 1)
            if day:
                return day
    return edition


def _meeting_name(title: str, head: list[tuple[str, bool]]) -> str:
    """The meeting named in the title or a subtitle, or held in the lede (`10月25日，…推进会
    召开`); else an English title line that names a kind of meeting; else ""."""
    for line, heading in [(title, True), *head[:6]]:
        for m in _ZH_MEETING.finditer(line):
            if heading or _ZH_HELD.match(line, m.end()):
                return m.group().strip()
    for line in [title, *(line for line, _ in head[:3])]:
        if _EN_KINDS.search(line) and len(line) <= 160:
            return re.sub(r"\s+held on\s.*$", "", line, flags=re.I).strip()
    return ""


def _place(head: list[tuple[str, bool]]) -> str:
    for line, _ in head:
        if m := _ZH_PLACE.search(line):
            return m.group(1)
        if m := _EN_PLACE_LINE.match(line):
            city, region = m.groups()
            if city.lower() not in MONTHS and not city.isdigit():
                return f"{city.title() if city.isupper() else city}, {region.title() if region.isupper() else region}"
    return ""


MAX_VALUE_CHARS = 200


def given_values(**values: str | None) -> dict[str, str]:
    """The meeting fields a user set (`title`, `date`, `meeting`, `place`; None = not set),
    checked: one line each, a date as YYYY-MM-DD (or "" for no date). BadInput otherwise."""
    given = {}
    for name, value in values.items():
        if name not in MEETING_FIELDS:
            raise BadInput(f"unknown document field {name!r} (known: {', '.join(MEETING_FIELDS)})")
        if value is None:
            continue
        value = " ".join(str(value).split())
        if len(value) > MAX_VALUE_CHARS:
            raise BadInput(f"{name}: {len(value)} characters, over the {MAX_VALUE_CHARS} limit")
        if name == "date" and value:  # stored as ISO: `２０２５-10-25` (full-width digits) is 2025-10-25
            value = _to_iso(m) if (m := _ISO_DAY.fullmatch(value)) else ""
            if not value:
                raise BadInput(f"date {values[name]!r}: expected YYYY-MM-DD, e.g. 2025-10-25")
        given[name] = value
    return given


def described(doc: ParsedDocument, file_name: str, given: dict[str, str]) -> dict[str, str]:
    """A document's title, date, meeting and place: what the user set, else what the page
    prints (the title falls back to the file name)."""
    meeting = read_meeting(doc, file_name)
    found = {
        "title": doc.title or Path(file_name).stem,
        "date": meeting.date,
        "meeting": meeting.name,
        "place": meeting.place,
    }
    return {name: given[name] if name in given else found[name] for name in MEETING_FIELDS}
