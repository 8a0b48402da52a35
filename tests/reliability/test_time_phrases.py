"""Time in questions and date filters, read as the user meant them: `…以来`, `自…起`,
`…之后` after a full date are a range from that day, `since March 1, 2025` is that day
onwards, an impossible date is one line saying so (not the month around it), `最近100次`
works like `最近99次`, and a date in full-width digits is the same date everywhere."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import FIRST, SECOND, THIRD, settings_for, write

from index.library import Library
from index.meeting import given_values
from index.pipeline import Indexer
from index.records import BadInput
from qa.__main__ import iso_date
from qa.answer import Answerer
from qa.periods import period_in

TODAY = dt.date(2026, 5, 1)
DATES = ["2025-03-10", "2025-06-12", "2025-09-20"]


def period(question: str):
    found, _ = period_in(question, DATES, TODAY)
    return (found.since, found.until) if found else None


@pytest.mark.parametrize(
    "question",
    [
        "2025年3月1日以来谁谈到了营商环境？",
        "自2025年3月1日起，谁谈到了营商环境？",
        "2025年3月1日之后谁谈到了营商环境？",
        "从2025年3月1日至今谁谈到了营商环境？",
        "2025-03-01以来谁谈到了营商环境？",
        "Who spoke about business since March 1, 2025?",
        "Who spoke about business since 1 March 2025?",
    ],
)
def test_a_day_with_since_is_a_range_from_that_day(question):
    assert period(question) == ("2025-03-01", "")


def test_a_day_alone_is_that_day_and_before_it_ends_the_day_before():
    assert period("2025年3月10日的会上谁发言了？") == ("2025-03-10", "2025-03-10")
    assert period("At the March 10, 2025 meeting, who spoke?") == ("2025-03-10", "2025-03-10")
    assert period("2025年3月10日之前谁发言了？") == ("", "2025-03-09")


@pytest.mark.parametrize(
    "question",
    ["2025年2月30日以来谁发言了？", "2025-02-30以来谁发言了？", "since February 30, 2025", "2025年13月谁发言了？"],
)
def test_an_impossible_date_is_one_line_not_another_range(question):
    with pytest.raises(BadInput, match=r"no such date") as refused:
        period_in(question, DATES, TODAY)
    assert "\n" not in str(refused.value)


def test_the_last_hundred_meetings_are_all_of_them_like_the_last_ninety_nine():
    every = ("2025-03-10", "2025-09-20")
    assert period("最近100次会议上谁谈到了营商环境？") == period("最近99次会议上谁谈到了营商环境？") == every
    assert period("最近十次会议上谁发言了？") == every


def test_full_width_digits_are_the_same_date_everywhere(tmp_path):
    assert given_values(date="２０２５-10-25") == {"date": "2025-10-25"}
    assert iso_date("２０２５-10-25") == "2025-10-25"
    library = Library(settings_for(tmp_path / "data", embedding_model="hashing"))
    indexer = Indexer(library, show_bars=False)
    indexer.add_paths([write(tmp_path / "first.md", FIRST), write(tmp_path / "second.md", SECOND)])
    first = next(r for r in library.records if r.date == "2025-03-10")
    indexer.describe(first.doc_id, given_values(date="２０２５-10-25"))
    assert library.record(first.doc_id).date == "2025-10-25"
    answer = Answerer(library).ask("陈明说了什么？", since="2025-10-01")
    assert answer.found and {c.date for c in answer.citations} == {"2025-10-25"}


def test_a_later_meeting_is_found_since_a_day(tmp_path):
    library = Library(settings_for(tmp_path / "data", embedding_model="hashing"))
    Indexer(library, show_bars=False).add_paths(
        [write(tmp_path / "third.md", THIRD.replace("9月20日", "2025年9月20日"))]
    )
    answer = Answerer(library).ask("自2025年3月1日起，王芳说了什么？")
    assert answer.found and {c.date for c in answer.citations} == {"2025-09-20"}
