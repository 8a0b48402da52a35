"""Reading a transcript's meeting — name, date, place — from where pages print it."""

from __future__ import annotations

import pytest
from helpers import shared_path

from index.formats import parse_document
from index.meeting import described, given_values, read_meeting
from index.read import read_text
from index.records import BadInput


def meeting_of(text: str, name: str = "page.txt"):
    return read_meeting(parse_document(text, name=name), name)


LEDE = "# 坚持党建引领\n\n## ——三亚市党建引领自由贸易港建设现场推进会发言摘登\n\n{edition}10月25日，三亚市党建引领自由贸易港建设现场推进会召开。\n\n"


def test_a_day_printed_without_its_year_takes_the_editions_year_or_none():
    speech = "海棠区委书记 鲁正兰\n\n海棠区推进改革。\n"
    edition = "> 《人民日报》（2025年11月02日第 19 版）\n\n"
    dated = meeting_of(LEDE.format(edition=edition) + speech)
    assert (dated.name, dated.date) == ("三亚市党建引领自由贸易港建设现场推进会", "2025-10-25")
    new_year = LEDE.format(edition=edition.replace("11月02日", "01月05日")).replace("10月25日", "12月30日")
    assert meeting_of(new_year + speech).date == "2024-12-30"  # the edition of 5 January reports 30 December
    assert meeting_of(LEDE.format(edition="") + speech).date == ""  # no year anywhere: not guessed
    assert meeting_of(LEDE.format(edition="") + speech, name="sanya-2025.txt").date == "2025-10-25"
    assert meeting_of(LEDE.format(edition=edition).replace("10月25日，", "") + speech).date == "2025-11-02"


def test_a_dateline_and_place_in_an_english_header():
    page = "PUBLIC HEARING\n\nCroton-on-Hudson Town Hall\nCroton-on-Hudson, New York 10520\n\nOctober 19, 2016\n\nSENATOR MURPHY: Good evening.\n"
    found = meeting_of(page)
    assert (found.name, found.date, found.place) == ("PUBLIC HEARING", "2016-10-19", "Croton-on-Hudson, New York")
    assert meeting_of("Special Board Meeting\nFebruary 23, 2021\nKATE WILLIAMS: Good evening.\n").date == "2021-02-23"


def test_a_date_or_meeting_mentioned_in_passing_is_not_the_meetings():
    page = (
        "# 代表之声\n\n——2026年1月20日，总书记在专题研讨班上强调\n\n党的二十届三中全会《决定》提出，要激发活力。\n\n"
        "全国人大代表、湖北省文化和旅游厅厅长克克：\n\n提高文化原创能力。\n"
    )
    found = meeting_of(page, name="daibiao.txt")
    assert (found.name, found.date) == ("", "")


def test_the_date_of_a_json_transcript_is_its_own_field():
    events = (
        '{"date": "2013-02-21", "events": [{"type": "speech", "speaker": {"full": "主席", "name": null, '
        '"title": "主席"}, "text": "恢復經於 2013年 2月 20日動議的議案辯論"}]}'
    )
    assert meeting_of(events, "hansard.json").date == "2013-02-21"


def test_what_the_user_sets_wins_and_is_checked():
    doc = parse_document(LEDE.format(edition="") + "海棠区委书记 鲁正兰\n\n改革。\n", name="sanya.txt")
    assert described(doc, "sanya.txt", given_values(date="2025-10-25", place="三亚"))["date"] == "2025-10-25"
    untitled = parse_document("张三：今天讨论预算。\n\n李四：同意。\n", name="budget.txt")
    assert described(untitled, "budget.txt", {})["title"] == "budget"  # no printed title: the file's name
    for bad in ("2025-13-01", "25-10-2025", "2025/10/25", "yesterday"):
        with pytest.raises(BadInput, match="YYYY-MM-DD"):
            given_values(date=bad)
    with pytest.raises(BadInput, match="over the 200 limit"):
        given_values(title="长" * 201)


@pytest.mark.parametrize(
    "name, date",
    [
        ("zh-rmrb-20250102-daibiao-zhisheng.txt", "2025-01-02"),  # the edition line
        ("en-nysenate-20161019-hudson-barge-hearing.txt", "2016-10-19"),
        ("en-rtd-20121211-committee-minutes.txt", "2012-12-11"),
        ("zh-rmrb-20260312-zhengjiguan-lianxian.txt", "2026-03-12"),  # not the quoted 2026年1月20日
        ("zh-rmrb-20260310-buzhang-tongdao.txt", "2026-03-09"),  # `3月9日上午，…在人民大会堂举行`, edition of the 10th
    ],
)
def test_real_pages(name, date):
    path = shared_path("corpora", "realworld-dev", name)
    assert meeting_of(read_text(path), "page.txt").date == date
