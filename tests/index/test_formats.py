"""Format detection and parsing (index/formats): the shared corpora and small made-up texts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import SANYA_SPEAKERS, shared_path

from index.formats import FORMATS, detect_format, parse_document
from index.formats.common import split_trailing_notes
from index.records import BadInput, ParsedDocument, Speech
from index.text import join_broken, paragraph_spans

SANYA_UNITS = {
    "鲁正兰": ("海棠区", "市现代服务业产业园"),
    "陈明": ("吉阳区",),
    "黄兴武": ("天涯区",),
    "马育红": ("崖州区",),
    "李若平": ("育才生态区",),
    "侯振华": ("市委直属机关工委",),
    "吴萍": ("教育局",),
    "潘国华": ("卫生健康委员会",),
    "王东": ("公安局",),
    "冯强": ("国资委",),
    "林海": ("崖州湾科技城管理局",),
    "刘兰": ("中央商务区管理局",),
    "符婉": ("市委两新组织工委",),
}
SANYA_ROLES = {
    "鲁正兰": ("区委书记", "工委书记"),
    "马育红": ("区委书记",),
    "李若平": ("工委书记",),
    "侯振华": ("常务副书记",),
    "吴萍": ("党委书记",),
    "林海": ("党委副书记",),
    "刘兰": ("党委专职副书记",),
}
RMRB_SPEAKERS = [
    "葛慧君",
    "徐立全",
    "雷杰",
    "董云虎",
    "蓝天立",
    "李银峰",
    "刘伟",
    "韩勇",
    "石艳",
    "江泽林",
    "王荣",
    "吉林",
    "黄巍东",
    "盛茂林",
    "侯光辉",
]


def read(*parts: str) -> str:
    return shared_path("corpora", *parts).read_text(encoding="utf-8")


def speech_text(doc: ParsedDocument, speech: Speech) -> str:
    return "\n".join(doc.text[a:b] for a, b in speech.paragraphs)


def assert_spans_sound(doc: ParsedDocument) -> None:
    """Every paragraph span is inside the text, non-empty, trimmed, and spans run in order."""
    previous_end = 0
    for speech in doc.speeches:
        for start, end in speech.paragraphs:
            assert previous_end <= start < end <= len(doc.text)
            piece = doc.text[start:end]
            assert piece == piece.strip()
            previous_end = end


# ---- Sanya digest (markdown) ---------------------------------------------------------------


@pytest.fixture(scope="module")
def sanya() -> ParsedDocument:
    return parse_document(read("zh-sanya-digest.txt"), name="zh-sanya-digest.txt")


def test_sanya_document(sanya):
    assert sanya.format == "digest-md"
    assert sanya.title == "坚持党建引领 打造“三亚模式”"
    assert sanya.date == ""  # the text gives 10月25日 only: no year is invented
    assert sanya.notes == ("——三亚市党建引领自由贸易港建设现场推进会发言摘登", "（本版文字整理/肖皇）")
    assert_spans_sound(sanya)


def test_sanya_speakers_in_order_after_the_narration(sanya):
    narration, *speeches = sanya.speeches
    assert narration.who.speaker == "" and speech_text(sanya, narration).startswith("10月25日，三亚市党建引领")
    assert [s.who.speaker for s in speeches] == SANYA_SPEAKERS
    assert speeches[0].who.heading == "红色引擎促融合 区域共建谋发展"


def test_sanya_units_roles_and_titles(sanya):
    by_name = {s.who.speaker: s for s in sanya.speeches}
    assert {name: by_name[name].who.units for name in SANYA_SPEAKERS} == SANYA_UNITS
    for name, roles in SANYA_ROLES.items():
        assert by_name[name].who.roles == roles
    assert by_name["鲁正兰"].who.titles == ("三亚海棠区委书记", "市现代服务业产业园工委书记")
    assert by_name["马育红"].who.titles == ("三亚崖州区委书书记",)  # the printed typo stays


def test_sanya_page_breaks_are_joined(sanya):
    paragraphs = [sanya.text[a:b] for s in sanya.speeches for a, b in s.paragraphs]
    [broken] = [p for p in paragraphs if "着力探索" in p]
    assert "融合型”党建引领区域发展治理新路径" in broken
    assert "\n\n" in broken  # the span covers the blank line; the text stays verbatim


def test_sanya_spans_exclude_headings_speaker_lines_and_the_credit(sanya):
    for speech in sanya.speeches:
        text = speech_text(sanya, speech)
        assert "###" not in text and "本版文字整理" not in text
        assert not speech.who.heading or speech.who.heading not in text
    last = sanya.speeches[-1]
    assert sanya.text[: last.paragraphs[-1][1]].endswith("探索做好快递小哥、网约工、网络主播等新就业群体党的工作。")
    assert "三亚市委两新组织工委书记 符婉" not in speech_text(sanya, last)


def test_sanya_without_markdown_is_a_plain_digest():
    text = re.sub(r"^#+ ", "", read("zh-sanya-digest.txt"), flags=re.M)
    doc = parse_document(text)
    assert doc.format == "digest"
    assert [s.who.speaker for s in doc.speeches if s.who.speaker] == SANYA_SPEAKERS
    assert doc.speeches[1].who.heading == "红色引擎促融合 区域共建谋发展"


def unspace_speaker_lines(text: str) -> str:
    """The digest as printed without the space between position and name (`党委书记吴萍`)."""
    return re.sub(r"(书记|主席) (\S{2,3}|\S \S)$", lambda m: m[1] + m[2].replace(" ", ""), text, flags=re.M)


@pytest.mark.parametrize("parts", [("zh-sanya-digest.txt",), ("zh-rmrb-cppcc-digest", "zh-rmrb-cppcc-digest.txt")])
def test_digests_with_names_glued_to_positions_parse_the_same(parts):
    text = read(*parts)
    glued = unspace_speaker_lines(text)
    assert glued.count("\n") == text.count("\n") and len(glued) < len(text)
    expected, found = parse_document(text), parse_document(glued)
    assert found.format == expected.format
    people = [(s.who.speaker, s.who.units, s.who.roles, s.who.heading) for s in expected.speeches]
    assert [(s.who.speaker, s.who.units, s.who.roles, s.who.heading) for s in found.speeches] == people


def test_glued_speaker_lines_count_only_between_a_heading_and_speech():
    text = (
        "市委工作会议发言摘编\n\n"
        "区委书记谈发展\n"  # a heading that reads like `position + name`: 谈 is a surname
        "三亚吉阳区委书记 陈明\n"
        "吉阳区持续深化基层治理改革，推进直通联办。\n\n"
        "抓党建促振兴\n"
        "三亚崖州区委书记马育红\n"
        "崖州区全面推行村（社区）干部职业化管理。\n"
    )
    doc = parse_document(text)
    assert doc.format == "digest"
    assert [(s.who.speaker, s.who.heading) for s in doc.speeches] == [
        ("陈明", "区委书记谈发展"),
        ("马育红", "抓党建促振兴"),
    ]


# ---- People's Daily digest (plain) -------------------------------------------------------------


@pytest.fixture(scope="module")
def rmrb() -> ParsedDocument:
    return parse_document(read("zh-rmrb-cppcc-digest", "zh-rmrb-cppcc-digest.txt"))


def test_rmrb_document(rmrb):
    assert rmrb.format == "digest"
    assert rmrb.title == "全国地方政协工作经验交流会发言摘编"
    assert rmrb.date == "2020-08-25"
    assert rmrb.notes == ("（本版内容以发言先后为序）", "《 人民日报 》（ 2020年08月25日 16 版）")
    assert [s.who.speaker for s in rmrb.speeches] == RMRB_SPEAKERS
    assert_spans_sound(rmrb)


def test_rmrb_units(rmrb):
    by_name = {s.who.speaker: s for s in rmrb.speeches}
    assert by_name["葛慧君"].who.units == ("浙江省政协",) and by_name["葛慧君"].who.roles == ("主席",)
    assert by_name["徐立全"].who.units == ("湖北省政协",)
    assert by_name["雷杰"].who.units == ("山东省济南市政协", "济南市政协")
    assert by_name["石艳"].who.units == ("安徽省蚌埠市蚌山区政协", "蚌山区政协")
    assert by_name["吉林"].who.units == ("北京市政协",)
    assert by_name["雷杰"].who.heading == "更好做到“落实下去”“凝聚起来”"


def test_rmrb_paragraphs_are_lines(rmrb):
    lei = next(s for s in rmrb.speeches if s.who.speaker == "雷杰")
    texts = [rmrb.text[a:b] for a, b in lei.paragraphs]
    assert texts[0].startswith("济南市政协以完善提升") and texts[-1].startswith("五是立机制")
    assert len(texts) == 6
    everything = "".join(speech_text(rmrb, s) for s in rmrb.speeches)
    assert "本版内容" not in everything and "人民日报" not in everything and "雷 杰" not in everything


# ---- speaker turns -----------------------------------------------------------------------------


def speaker_runs(text: str) -> int:
    """Maximal runs of one speaker, counted straight from the `Name: ` lines and the turns the
    transcript runs into a line after a sentence (`…what I'm going to do. Candy Crowley: Mr.
    President, …`)."""
    labels = "|".join(re.escape(n) for n in {line.split(": ", 1)[0] for line in text.splitlines() if ": " in line})
    names = [m.group(1) for m in re.finditer(rf"(?:^|(?<=[.?!] ))({labels}): ", text, re.M)]
    return 1 + sum(a != b for a, b in zip(names, names[1:]))


@pytest.mark.parametrize("stem", ["2012-10-16", "2016-10-09", "2020-09-29"])
def test_debates(stem):
    folder = shared_path("corpora", "en-us-debates")
    text = (folder / f"{stem}.said").read_text(encoding="utf-8")
    roles = {s["fullName"]: s["role"] for s in json.loads((folder / f"{stem}.json").read_text())["speakers"]}
    doc = parse_document(text, name=f"{stem}.said", speaker_roles=roles)
    assert doc.format == "turns"
    assert {s.who.speaker for s in doc.speeches} == set(roles)
    assert len(doc.speeches) == speaker_runs(text)
    assert all(s.who.roles == (roles[s.who.speaker],) for s in doc.speeches)
    for speech in doc.speeches:
        for start, _ in speech.paragraphs:
            assert doc.text[:start].endswith(f"{speech.who.speaker}: ")  # the label is outside the span
    assert_spans_sound(doc)


def test_debate_roles(tmp_path):
    folder = shared_path("corpora", "en-us-debates")
    roles = {s["fullName"]: s["role"] for s in json.loads((folder / "2012-10-16.json").read_text())["speakers"]}
    doc = parse_document((folder / "2012-10-16.said").read_text(encoding="utf-8"), speaker_roles=roles)
    by_name = {s.who.speaker: s.who.roles for s in doc.speeches}
    assert by_name["Candy Crowley"] == ("Moderator",)
    assert by_name["Barack H Obama"] == ("Democratic nominee for President",)
    assert by_name["W Mitt Romney"] == ("Republican nominee for President",)
    assert by_name["Phillip Tricolla"] == ("Audience questioner",)


CHINESE_TURNS = """主持人：欢迎各位来到今天的发布会。

王芳（市商务局局长）：谢谢主持人。今年全市外贸稳中有进。

王芳（市商务局局长）：第二点，我们将继续优化营商环境。

主持人：下面请记者提问。
"""


def test_chinese_turns_merge_consecutive_turns_of_one_speaker():
    doc = parse_document(CHINESE_TURNS)
    assert doc.format == "turns"
    assert [s.who.speaker for s in doc.speeches] == ["主持人", "王芳", "主持人"]
    wang = doc.speeches[1]
    assert (wang.who.titles, wang.who.units, wang.who.roles) == (("市商务局局长",), ("市商务局",), ("局长",))
    assert [doc.text[a:b] for a, b in wang.paragraphs] == [
        "谢谢主持人。今年全市外贸稳中有进。",
        "第二点，我们将继续优化营商环境。",
    ]
    assert doc.speeches[0].who.roles == ("主持人",)


PRESS_CONFERENCE = """主持人：请各位发言。

市商务局局长王芳：今年全市外贸稳中有进。

郭家麒議員：主席，我想問一個問題。

市商务局局长 王芳：第二点，我们将继续优化营商环境。
"""


def test_chinese_turns_each_speaking_once_are_not_merged_into_the_previous_speaker():
    doc = parse_document(PRESS_CONFERENCE)
    assert doc.format == "turns"
    said = [(s.who.speaker, s.who.units, s.who.roles, doc.text[slice(*s.paragraphs[0])]) for s in doc.speeches]
    assert said == [
        ("主持人", (), ("主持人",), "请各位发言。"),
        ("王芳", ("市商务局",), ("局长",), "今年全市外贸稳中有进。"),
        ("郭家麒", (), ("議員",), "主席，我想問一個問題。"),  # the status after a name is a title, as in 柳江代表
        ("王芳", ("市商务局",), ("局长",), "第二点，我们将继续优化营商环境。"),
    ]


def test_english_labels_each_used_once_are_not_turns():
    memo = "Key Points: budget is flat.\n\nNext Steps: review in May.\n\nAction Items: none.\n"
    assert detect_format(memo) == "plain"


ENGLISH_TURNS = """Note: this transcript has not been checked against delivery.

Alice Smith: Good evening. The reason is simple: we agree.

Bob Jones: Thank you, Alice.
The problem: nobody listens.

Alice Smith: Then we will talk
about it again.
"""


def test_turns_reject_notes_and_prose_colons():
    doc = parse_document(ENGLISH_TURNS)
    assert doc.format == "turns"
    assert [s.who.speaker for s in doc.speeches] == ["", "Alice Smith", "Bob Jones", "Alice Smith"]
    assert doc.text[slice(*doc.speeches[0].paragraphs[0])].startswith("Note: this transcript")
    assert doc.text[slice(*doc.speeches[2].span)] == "Thank you, Alice.\nThe problem: nobody listens."


def test_prose_with_colons_is_not_turns():
    text = "Note: this is a draft.\n\nThe plan is simple: build, test, ship.\n\nWe met at 10:30 and talked.\n"
    doc = parse_document(text)
    assert doc.format == "plain"
    assert [s.who.speaker for s in doc.speeches] == [""]


# ---- LegCo Hansard JSON --------------------------------------------------------------------------

LEGCO = ["12-13-cm0221-translate-c.json", "12-13-cm0227-translate-c.json"]


@pytest.fixture(scope="module")
def legco() -> list[tuple[dict, ParsedDocument]]:
    out = []
    for name in LEGCO:
        text = read("zh-hant-legco-hansard", name)
        out.append((json.loads(text), parse_document(text, name=name)))
    return out


_INNER_LABEL = re.compile(
    r"^(?:\d+\.\s*)?(?:[\u4e00-\u9fff]{2,4}議員|[\u4e00-\u9fff]{2,12}局長)\s*(?:\(譯文\s*\))?\s*[︰：]"
)


def test_legco_one_speech_per_speech_event(legco):
    """One speech per speech event, and one more for each labelled speech an event holds
    (0221: `張宇人議員︰` inside 盧偉國's event after a page break; 0227: a written
    question and its answer in a supplement, `7. 郭榮鏗議員 (譯文 )：`, `民政事務局局長 (譯文 )：`)."""
    counts = [len(doc.speeches) for _, doc in legco]
    assert counts == [71, 102]
    for data, doc in legco:
        speeches = iter(doc.speeches)
        for event in (e for e in data["events"] if e["type"] == "speech"):
            blocks = [
                b.strip()
                for part in (event["text"], event["supplement"] or "")
                for b in part.split("\n\n")
                if b.strip()
            ]
            cuts = [0] + [i for i, b in enumerate(blocks) if i and _INNER_LABEL.match(b)] + [len(blocks)]
            speech = next(speeches)
            assert speech.who.speaker == (event["speaker"]["name"] or event["speaker"]["full"])
            assert [doc.text[a:b] for a, b in speech.paragraphs] == blocks[: cuts[1]]
            if speech.paragraphs:
                assert doc.text[: speech.paragraphs[0][0]].endswith(event["speaker"]["full"] + "：")
            for start, end in zip(cuts[1:-1], cuts[2:]):
                inner = next(speeches)
                label = _INNER_LABEL.match(blocks[start])
                assert inner.who.speaker in blocks[start][: label.end()]
                first = doc.text[slice(*inner.paragraphs[0])]
                assert blocks[start][label.end() :].strip().startswith(first[:20])
                assert len(inner.paragraphs) == end - start
        assert next(speeches, None) is None
        assert_spans_sound(doc)
    inner = next(s for s in legco[0][1].speeches if s.who.speaker == "張宇人")
    assert inner.who.roles == ("議員",) and legco[0][1].text[slice(*inner.paragraphs[0])].startswith("主席，飲食業")
    answer = next(s for s in legco[1][1].speeches if s.who.speaker == "郭榮鏗")
    assert "獨立的法律援助管理局" in speech_text(legco[1][1], answer)


def test_legco_speakers_units_roles_and_dates(legco):
    (_, first), (_, second) = legco
    assert (first.date, first.title) == ("2013-02-21", "立法會會議 2013-02-21")
    assert second.date == "2013-02-27"
    speeches = {s.who.speaker: s for _, doc in legco for s in doc.speeches}
    assert speeches["郭家麒"].who.roles == ("議員",) and speeches["郭家麒"].who.units == ()
    assert (speeches["食物及衞生局局長"].who.units, speeches["食物及衞生局局長"].who.roles) == (
        ("食物及衞生局",),
        ("局長",),
    )
    assert (speeches["財政司司長"].who.units, speeches["財政司司長"].who.roles) == (("財政司",), ("司長",))
    assert speeches["主席"].who.roles == ("主席",)
    empty = [s for _, doc in legco for s in doc.speeches if not s.paragraphs]
    assert len(empty) == 11 and all(s.who.speaker for s in empty)  # empty events kept, counts match


def test_legco_actions_are_rendered_but_not_speeches(legco):
    _, doc = legco[0]
    assert "（議員舉手）" in doc.text
    assert not any("議員舉手" in speech_text(doc, s) for s in doc.speeches)


# ---- QMSum JSON --------------------------------------------------------------------------------


def qmsum_files() -> list[Path]:
    return sorted(shared_path("corpora", "en-qmsum-committee").glob("*.json"))


def test_qmsum_one_speech_per_turn():
    files = qmsum_files()
    assert len(files) == 12
    total = 0
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        doc = parse_document(path.read_text(encoding="utf-8"), name=path.name)
        turns = data["meeting_transcripts"]
        assert doc.format == "qmsum-json"
        assert len(doc.speeches) == len(turns)
        for speech, turn in zip(doc.speeches, turns):
            assert speech.who.speaker
            if turn["content"].strip():
                assert doc.text[slice(*speech.span)] == turn["content"].strip()
            else:
                assert speech.paragraphs == ()
        assert_spans_sound(doc)
        total += len(turns)
    assert total == 2665


def test_qmsum_speaker_names():
    doc = parse_document(read("en-qmsum-committee", "covid_2.json"))
    first = doc.speeches[0]
    assert (first.who.speaker, first.who.roles, first.who.units) == (
        "Anthony Rota",
        ("Chair",),
        ("NipissingTimiskaming, Lib.",),
    )
    assert "The Chair" not in {s.who.speaker for s in doc.speeches}  # the bare label takes the printed name
    names = {s.who.speaker for s in doc.speeches}
    assert {"Justin Trudeau", "Bill Morneau", "Pierre Poilievre"} <= names
    education = parse_document(read("en-qmsum-committee", "education_0.json"))
    assert education.speeches[0].who.speaker == "Lynne Neagle" and education.speeches[0].who.roles == ("AM",)


def test_qmsum_topics_head_their_turns():
    text = read("en-qmsum-committee", "covid_4.json")
    data = json.loads(text)
    doc = parse_document(text)
    topic = data["topic_list"][0]
    first, last = (int(x) for x in topic["relevant_text_span"][0])
    assert all(doc.speeches[i].who.heading == topic["topic"] for i in range(first, last + 1))


def test_generic_json_turn_list():
    turns = [
        {"speaker": "主持人", "text": "请王局长介绍。"},
        {"speaker": "王芳（市商务局局长）", "content": "好的。\n\n第二段。"},
    ]
    doc = parse_document(json.dumps(turns, ensure_ascii=False))
    assert doc.format == "turns-json" and "turns-json" in FORMATS
    assert doc.text.startswith("主持人：请王局长介绍。\n\n王芳（市商务局局长）：好的。")
    assert [s.who.speaker for s in doc.speeches] == ["主持人", "王芳"]
    assert [doc.text[a:b] for a, b in doc.speeches[1].paragraphs] == ["好的。", "第二段。"]


def test_small_legco_hansard_json():
    """The LegCo layout, written for the test: speech events (also an empty one), an action
    and a supplement that continues a speech."""
    sitting = {
        "date": "2013-02-21T11:00:00",
        "events": [
            {"type": "speech", "speaker": {"full": "主席", "name": "", "title": "主席"}, "text": "會議開始。"},
            {"type": "action", "text": "議員就座"},
            {
                "type": "speech",
                "speaker": {"full": "郭家麒議員", "name": "郭家麒", "title": "議員"},
                "text": "主席，我想問醫院管理局。",
                "supplement": "第二部分的問題。",
            },
            {"type": "speech", "speaker": {"full": "食物及衞生局局長", "title": "食物及衞生局局長"}, "text": ""},
        ],
    }
    doc = parse_document(json.dumps(sitting, ensure_ascii=False))
    assert (doc.format, doc.title, doc.date) == ("hansard-json", "立法會會議 2013-02-21", "2013-02-21")
    assert [s.who.speaker for s in doc.speeches] == ["主席", "郭家麒", "食物及衞生局局長"]
    kwok, secretary = doc.speeches[1], doc.speeches[2]
    assert kwok.who.roles == ("議員",) and secretary.who.units == ("食物及衞生局",) and secretary.paragraphs == ()
    assert [doc.text[a:b] for a, b in kwok.paragraphs] == ["主席，我想問醫院管理局。", "第二部分的問題。"]
    assert "（議員就座）" in doc.text and "議員就座" not in speech_text(doc, kwok)


def test_legco_speech_left_inside_another_event_is_its_own():
    """A paragraph opening with `<name>議員︰` (a title the sitting's events carry with a name)
    or with an event's whole label (`主席︰`) starts a speech; a member's words that merely
    name someone do not."""
    sitting = {
        "events": [
            {"type": "speech", "speaker": {"full": "主席", "name": "", "title": "主席"}, "text": "請發言。"},
            {
                "type": "speech",
                "speaker": {"full": "郭家麒議員", "name": "郭家麒", "title": "議員"},
                "text": "主席，第一點。\n\n陳議員說過這個問題。\n\n張宇人議員︰主席，飲食業很關注。\n\n主席︰時限到了。",
            },
        ],
    }
    doc = parse_document(json.dumps(sitting, ensure_ascii=False))
    assert [s.who.speaker for s in doc.speeches] == ["主席", "郭家麒", "張宇人", "主席"]
    assert [speech_text(doc, s) for s in doc.speeches[1:]] == [
        "主席，第一點。\n陳議員說過這個問題。",
        "主席，飲食業很關注。",
        "時限到了。",
    ]
    assert doc.speeches[2].who.roles == ("議員",)
    assert_spans_sound(doc)


def test_small_qmsum_meeting():
    """The QMSum layout, written for the test: one speech per turn, never merged, headed by
    the topic whose turn range holds it."""
    meeting = {
        "topic_list": [{"topic": "School budgets", "relevant_text_span": [["0", "1"]]}],
        "meeting_transcripts": [
            {"speaker": "Lynne Neagle AM", "content": "Welcome. Our first item is school budgets."},
            {"speaker": "Kirsty Williams AM", "content": "Thank you, Chair."},
            {"speaker": "Kirsty Williams AM", "content": "Budgets rose this year."},
        ],
    }
    doc = parse_document(json.dumps(meeting))
    assert doc.format == "qmsum-json"
    assert [(s.who.speaker, s.who.heading) for s in doc.speeches] == [
        ("Lynne Neagle", "School budgets"),
        ("Kirsty Williams", "School budgets"),
        ("Kirsty Williams", ""),
    ]
    assert speech_text(doc, doc.speeches[2]) == "Budgets rose this year."


# ---- plain text and shared helpers -----------------------------------------------------------------


def test_plain_text_is_one_unattributed_speech_with_page_breaks_joined():
    text = "我们要坚持\n\n改革开放。这是第一段。\n\n这是第二段！\n"
    doc = parse_document(text)
    assert doc.format == "plain"
    [speech] = doc.speeches
    assert speech.who.speaker == "" and speech.who.units == () and speech.who.roles == ()
    assert [text[a:b] for a, b in speech.paragraphs] == ["我们要坚持\n\n改革开放。这是第一段。", "这是第二段！"]


def test_join_broken_respects_closing_quotes():
    text = "他说：“完了。”\n\n下一段“未完\n\n续”。"
    spans = paragraph_spans(text, 0, len(text), join=False)
    assert [text[a:b] for a, b in join_broken(text, spans)] == ["他说：“完了。”", "下一段“未完\n\n续”。"]


def test_paragraph_spans_by_line_and_trimming():
    text = "  一行。 \n\u3000\u3000二行。\n\n三行。"
    assert [text[a:b] for a, b in paragraph_spans(text, 0, len(text), by_line=True)] == ["一行。", "二行。", "三行。"]


def test_trailing_notes():
    text = "正文最后一句。（本版文字整理/肖皇）\n"
    end, notes = split_trailing_notes(text)
    assert text[:end] == "正文最后一句。" and notes == ("（本版文字整理/肖皇）",)
    assert split_trailing_notes("说了（大意）")[1] == ()


# ---- detection and bad input --------------------------------------------------------------------


def test_detect_format_on_every_corpus():
    assert detect_format(read("zh-sanya-digest.txt")) == "digest-md"
    assert detect_format(read("zh-rmrb-cppcc-digest", "zh-rmrb-cppcc-digest.txt")) == "digest"
    assert detect_format(read("en-us-debates", "2020-09-29.said")) == "turns"
    assert detect_format(read("zh-hant-legco-hansard", LEGCO[0])) == "hansard-json"
    assert detect_format(read("en-qmsum-committee", "education_0.json")) == "qmsum-json"
    assert set(FORMATS) >= {"digest-md", "digest", "turns", "hansard-json", "qmsum-json", "plain"}


def test_malformed_json_names_line_and_column():
    with pytest.raises(BadInput, match=r"^talk\.json: not valid JSON \(line 2 column 21\)$"):
        parse_document('{"events": [\n  {"type": "speech",, }]}', name="talk.json")


def test_json_without_a_transcript_is_refused():
    sidecar = json.dumps({"speakers": [{"name": "Candy Crowley", "role": "Moderator"}]})  # a debate's sidecar
    with pytest.raises(BadInput, match="holds no transcript"):
        parse_document(sidecar, name="2012-10-16.json")
    with pytest.raises(BadInput, match="holds no transcript"):
        detect_format('{"events": [{"type": "action", "text": "x"}]}')


def test_unknown_or_mismatched_format_and_empty_text_are_refused():
    with pytest.raises(BadInput, match="unknown format 'docx'"):
        parse_document("x", fmt="docx")
    with pytest.raises(BadInput, match="not 'hansard-json'"):
        parse_document('[{"speaker": "A", "text": "hi"}]', fmt="hansard-json")
    with pytest.raises(BadInput, match="no text"):
        parse_document(" \n ")


def test_large_texts_parse_whole():
    # Speed is measured in bench/, not asserted here; this checks a big input parses completely.
    debate = read("en-us-debates", "2020-09-29.said")
    copies = 5_000_000 // len(debate) + 1
    doc = parse_document(debate * copies)
    assert doc.format == "turns" and len(doc.speeches) > 25_000
    plain = parse_document(read("zh-sanya-digest.txt").replace("### ", "") * 100, fmt="plain")
    assert len(plain.speeches) == 1
