"""Time in questions and filters: `今年以来`, `2025年3月`, `最近一次会上`, `since January`,
`at the May 2011 roundtable`, `the last three meetings` → a range of meeting dates.

A range is inclusive ISO dates (`""` = open). "The last N meetings" is resolved against the
dates of the indexed meetings. The words that said it are reported, so the rest of the
question is searched without them, and the answer states the range it used.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.records import BadInput
from index.text import MONTH_NAME, MONTHS, YEAR, ZH_DATE

_COUNTS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
           "几": 3, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "few": 3}  # fmt: skip
_MEETING_WORD = "会议上|会议|会上|会"
_COUNT = r"(?P<count>\d+|[一两二三四五六七八九十几]|one|two|three|four|five|six|seven|eight|nine|ten|few)"
# after a full date: from that day (`2025年3月1日以来`, `自…起`), or up to the day before it
_ZH_SINCE = r"(?:\s*(?P<since>以来|至今|起|之后|以后)|\s*(?P<before>之前|以前))?"
_EN_SINCE = r"(?:\b(?:(?P<since>since|from|after)|(?P<before>before))\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"

# (pattern, kind) — tried in order, the first match at each place wins
_PATTERNS = [
    (rf"(?:最近|近|上|前)\s*{_COUNT}\s*(?:次|场|届)(?:{_MEETING_WORD})?", "latest"),
    (rf"(?:最近|上|最后)一?(?:次|场)(?:{_MEETING_WORD})?", "latest"),
    (
        rf"\b(?:the\s+)?(?:last|latest|past|previous|most recent)\s+{_COUNT}\s+(?:meetings|sessions|hearings)\b",
        "latest",
    ),
    (r"\b(?:the\s+)?(?:last|latest|previous|most recent)\s+(?:meeting|session|hearing)\b", "latest"),
    (rf"(?:自|从)?{ZH_DATE}{_ZH_SINCE}", "day"),
    (rf"(?:自|从)?{YEAR}-(?P<month>\d\d)-(?P<day>\d\d){_ZH_SINCE}", "day"),
    (rf"{_EN_SINCE}\b{MONTH_NAME}\s+{_DAY},?\s+{YEAR}\b", "day"),  # March 1, 2025
    (rf"{_EN_SINCE}\b{_DAY}\s+{MONTH_NAME},?\s+{YEAR}\b", "day"),  # 1 March 2025
    (rf"(?:自|从)?{YEAR}\s*年\s*(?P<month>\d{{1,2}})\s*月(?:份)?(?P<since>以来|至今)", "month"),
    (rf"{YEAR}\s*年\s*(?P<month>\d{{1,2}})\s*月(?:份)?", "month"),
    (rf"(?:自|从)?{YEAR}\s*年(?:初)?(?P<since>以来|至今)", "year"),
    (rf"{YEAR}\s*年(?:度|全年)?", "year"),
    (r"(?:自|从)?今年\s*(?P<month>\d{1,2})\s*月(?:份)?(?P<since>以来|至今)", "month"),
    (r"(?:自|从)?(?P<month>\d{1,2})\s*月(?:份)?(?P<since>以来|至今)", "month"),
    (r"今年(?:以来|至今|初以来)?|本年度", "this_year"),
    (r"去年|上一年", "last_year"),
    (r"上个?月", "last_month"),
    (r"本月|这个月", "this_month"),
    (rf"\bsince\s+{MONTH_NAME}(?:\s+{YEAR})?\b", "month_since"),
    (rf"\b{MONTH_NAME}\s+{YEAR}\b", "month"),
    (rf"\bsince\s+{YEAR}\b", "year_since"),
    (rf"\b(?:in|during|for)\s+{YEAR}\b", "year"),
    (r"\bthis year\b|\bso far this year\b", "this_year"),
    (r"\blast year\b", "last_year"),
    (r"\blast month\b", "last_month"),
    (r"\bthis month\b", "this_month"),
]
_COMPILED = [(re.compile(pattern, re.I), kind) for pattern, kind in _PATTERNS]


@dataclass(frozen=True)
class Period:
    """A range of meeting dates (inclusive ISO; "" = open) and the words that asked for it."""

    since: str = ""
    until: str = ""
    said: str = ""  # the words of the question that name the time, "" for a filter
    latest: int = 0  # "the last N meetings" (the range is theirs; none when nothing is dated)

    @property
    def years(self) -> tuple[str, ...]:
        """The years the question's words for this period print (`in 2008`), in order."""
        return tuple(re.findall(r"\d{4}", self.said))

    @property
    def printed(self) -> tuple[str, ...]:
        """What a passage must print to say this time itself, when the question's words for it
        are words of what was said (`…帮到今年的考生`): the years, else the words (`今年`, `last
        year`); none for "the last meeting", which only says when."""
        if self.latest or not self.said:
            return ()
        return self.years or (self.said.strip(),)

    def holds(self, date: str) -> bool:
        """Whether a meeting on `date` lies in the range (an unknown date never does)."""
        if self.latest and not self.since:
            return False
        return bool(date) and (not self.since or date >= self.since) and (not self.until or date <= self.until)

    def describe(self, language: str) -> str:
        """The range in words, as the answer states it."""
        zh = language == "zh"
        if self.latest and not self.since:
            return "没有标注日期的会议" if zh else "no dated meeting"
        days = (
            self.since
            if self.since == self.until
            else (
                f"{self.since or '最早'} 至 {self.until or '今'}"
                if zh
                else f"{self.since or '…'} to {self.until or 'now'}"
            )
        )
        if self.latest:
            return f"最近 {self.latest} 次会议：{days}" if zh else f"the last {self.latest} meeting(s): {days}"
        return days


def period_in(question: str, dates: Sequence[str], today: dt.date) -> tuple[Period | None, str]:
    """The period a question names, if any, and the question with those words blanked out.
    `dates`: the indexed meetings' dates (for "the last meeting"). BadInput (one line) for a
    date that does not exist (`2025年2月30日`, a 13th month): never the month or year around it."""
    for pattern, kind in _COMPILED:
        if m := pattern.search(question):
            period = _period(kind, m, dates, today)
            if period is not None:
                blanked = question[: m.start()] + " " * (m.end() - m.start()) + question[m.end() :]
                return Period(period.since, period.until, m.group(), period.latest), blanked
    return None, question


def given_period(since: str = "", until: str = "") -> Period | None:
    """The period of explicit `--since/--until` filters (ISO dates; None when neither)."""
    return Period(since or "", until or "") if since or until else None


def _period(kind: str, m: re.Match, dates: Sequence[str], today: dt.date) -> Period | None:
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else today.year
    if kind == "latest":
        count = groups.get("count")
        n = int(count) if count and count.isdigit() else _COUNTS.get((count or "").lower(), 1)
        latest = sorted({d for d in dates if d}, reverse=True)[: max(n, 1)]
        return Period(latest[-1], latest[0], latest=max(n, 1)) if latest else Period(latest=max(n, 1))
    if kind == "day":
        day = _date(m, year, _month(groups), int(groups["day"]))
        if groups.get("since"):
            return Period(day.isoformat(), "")
        if groups.get("before"):
            return Period("", (day - dt.timedelta(days=1)).isoformat())
        return Period(day.isoformat(), day.isoformat())
    if kind in ("month", "month_since"):
        month = _month(groups)
        first = _date(m, year, month, 1)
        if kind == "month_since" or groups.get("since"):
            return Period(first.isoformat(), today.isoformat())
        return Period(first.isoformat(), dt.date(year, month, calendar.monthrange(year, month)[1]).isoformat())
    if kind == "year":
        if groups.get("since"):
            return Period(f"{year}-01-01", today.isoformat())
        return Period(f"{year}-01-01", f"{year}-12-31")
    if kind == "year_since":
        return Period(f"{year}-01-01", today.isoformat())
    if kind == "this_year":
        return Period(f"{today.year}-01-01", today.isoformat())
    if kind in ("last_month", "this_month"):
        first = today.replace(day=1)
        if kind == "this_month":
            return Period(first.isoformat(), today.isoformat())
        last = first - dt.timedelta(days=1)
        return Period(last.replace(day=1).isoformat(), last.isoformat())
    if kind == "last_year":
        return Period(f"{today.year - 1}-01-01", f"{today.year - 1}-12-31")
    return None


def _month(groups: dict) -> int:
    return MONTHS[groups["month_name"].lower()] if groups.get("month_name") else int(groups["month"])


def _date(m: re.Match, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise BadInput(f"“{m.group().strip()}”: no such date") from None
