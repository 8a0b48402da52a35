"""The speaker recogniser on layouts written for the tests (index/speakers.py, roster.py,
formats/transcript.py, formats/reported.py): each mechanism on a page it was not tuned on,
and what must never become a speaker."""

from __future__ import annotations

import pytest

from index.formats import parse_document
from index.furniture import readable
from index.records import ParsedDocument
from index.speakers import chinese_person, english_speaker, recognise


def speakers(doc: ParsedDocument) -> list[str]:
    return list(dict.fromkeys(s.who.speaker for s in doc.speeches if s.who.speaker))


def said_by(doc: ParsedDocument, name: str) -> str:
    return "".join(doc.text[a:b] for s in doc.speeches if s.who.speaker == name for a, b in s.paragraphs)


def by_name(doc: ParsedDocument):
    return {s.who.speaker: s for s in doc.speeches if s.who.speaker}


# ---- Chinese speaker lines and labels ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "titles"),
    [
        ("全国人大代表、湖北省文化和旅游厅厅长克克", "克克", ("全国人大代表", "湖北省文化和旅游厅厅长")),
        ("中车株洲所党委书记、董事长李东林代表", "李东林", ("中车株洲所党委书记", "董事长", "代表")),
        (
            "农工党中央委员、农工党福建省委会副主委张玉珍代表",
            "张玉珍",
            ("农工党中央委员", "农工党福建省委会副主委", "代表"),
        ),
        (
            "金桩委员（民建内蒙古自治区委员会主委、内蒙古财经大学校长）",
            "金桩",
            ("委员", "民建内蒙古自治区委员会主委", "内蒙古财经大学校长"),
        ),
        ("北京通用人工智能研究院院长  朱松纯委员", "朱松纯", ("北京通用人工智能研究院院长", "委员")),
        ("元气森林党委书记、联合创始人  王  璞", "王璞", ("元气森林党委书记", "联合创始人")),
        ("市科技局党组书记、局长 吴海涛", "吴海涛", ("市科技局党组书记", "局长")),
        ("吴萍 三亚市教育局党委书记", "吴萍", ("三亚市教育局党委书记",)),
    ],
)
def test_titles_and_name_glued_spaced_padded_or_bracketed(text, name, titles):
    info = chinese_person(text, strong=True)
    assert (info.speaker, info.titles) == (name, titles)


def test_units_come_from_titles():
    assert chinese_person("研究员巴莫曲布嫫", strong=True).speaker == "巴莫曲布嫫"
    assert chinese_person("北京大学哲学社会科学一级教授  陈平原").units == ("北京大学",)
    assert chinese_person("奇富科技首席执行官  吴海生").units == ("奇富科技",)


@pytest.mark.parametrize(
    "line",
    [
        "（本报记者  王  沛采访整理）",
        "本报记者  李  蕊",
        "新华社记者  季春鹏摄",
        "周  亮摄（人民视觉）",
        "浙江杭州良渚文化艺术中心书店夜景。　　丁俊豪摄（影像中国）",
        "本期统筹：祁嘉润",
        "版式设计：张芳曼",
        "责任编辑：孙丽",
        "数据来源：国家统计局",
        "——编  者",
    ],
)
def test_credits_and_bylines_are_never_speakers(line):
    assert recognise(line).kind == "credit"


def test_a_quotation_after_a_verb_of_saying_or_a_label_used_once_is_no_turn():
    assert recognise("林文辉感慨：“以前紫菜按堆卖，如今按斤销售。”") is None
    text = "第一句，“党组织让我回来，我就回来。”\n\n第三句：“咱就学焦裕禄。”\n\n他说：“好。”\n"
    assert speakers(parse_document(text)) == []


SPEAKER_LINE_BEFORE_HEADING = """全国人大代表、湖北省文化和旅游厅厅长克克：

提高文化原创能力

文化原创能力是国家软实力的重要标志之一。要不断提高文化原创能力，大力推动文化创新创造。

（本报记者  范昊天采访整理）

全国人大代表、山东大学儒学高等研究院特聘教授杨朝明：

积极营造良好文化生态

文化创新创造是文化强国建设的不竭动力，良好的文化生态则是文化创新创造的重要条件。

（本报记者  王  沛采访整理）
"""


def test_speaker_line_before_its_heading_and_credits_after():
    doc = parse_document(SPEAKER_LINE_BEFORE_HEADING)
    assert speakers(doc) == ["克克", "杨朝明"]
    assert [s.who.heading for s in doc.speeches] == ["提高文化原创能力", "积极营造良好文化生态"]
    assert "采访整理" not in "".join(said_by(doc, n) for n in speakers(doc))
    assert by_name(doc)["杨朝明"].who.units == ("全国人大", "山东大学儒学高等研究院")


BRACKETED = """全省法院审判工作座谈会发言摘登

编者按：近日，全省法院审判工作座谈会召开。现将部分发言摘登如下。

【省高级人民法院党组书记、院长 张建国】坚持公正司法，推动审判工作高质量发展。

【市中级人民法院院长 李  明】
我们聚焦主责主业，全面提升审判质效。

（本报记者 赵强 整理）
"""


def test_bracketed_title_and_name_before_or_over_the_speech():
    doc = parse_document(BRACKETED)
    assert speakers(doc) == ["张建国", "李明"]
    assert said_by(doc, "张建国") == "坚持公正司法，推动审判工作高质量发展。"
    assert by_name(doc)["李明"].who.units == ("市中级人民法院",)
    narration = [s for s in doc.speeches if not s.who.speaker]
    assert doc.text[slice(*narration[0].paragraphs[0])].startswith("近日")  # the editor's note is kept, unattributed


ROSTER = """【对话人】

王  洋（湖北省武汉市发展和改革委员会主任）

秦春辉（宁夏回族自治区中卫市发展和改革委员会副主任）

问：您所在城市有哪些特色优势产业？

王洋：武汉是中部地区的中心城市，光电子信息产业“独树一帜”。

秦春辉：中卫是全国一体化算力网络国家枢纽节点。

问：2026年有什么打算？

王洋：加快推进实施2090个亿元以上项目。

本期统筹：祁嘉润
"""


def test_roster_gives_short_labels_their_titles_and_credits_shaped_like_turns_are_not():
    doc = parse_document(ROSTER)
    assert speakers(doc) == ["问", "王洋", "秦春辉"]
    assert by_name(doc)["王洋"].who.titles == ("湖北省武汉市发展和改革委员会主任",)
    assert by_name(doc)["问"].who.roles == ("moderator",)
    assert "祁嘉润" not in said_by(doc, "王洋")


FIRST_TURN_TITLED = """产业深度融合往哪走？

刘庆峰（全国人大代表、科大讯飞股份有限公司董事长）：推动人工智能与制造业深度融合发展，是制造业转型升级的关键。

赵同阳（深圳市众擎机器人科技有限公司创始人兼首席执行官）：每一次工业革命，都离不开生产工具的革新。

走进更多家庭要多久？

刘庆峰：人工智能、人形机器人产业快速发展，在提升居民生活质量上大有可为。

赵同阳：人形机器人被大众接受，是推动行业发展的关键一步。
"""


def test_titles_printed_at_the_first_turn_carry_to_later_ones_and_questions_head_turns():
    doc = parse_document(FIRST_TURN_TITLED)
    assert speakers(doc) == ["刘庆峰", "赵同阳"]
    assert all(s.who.titles for s in doc.speeches if s.who.speaker)
    assert [s.who.heading for s in doc.speeches] == ["产业深度融合往哪走？", "", "走进更多家庭要多久？", ""]
    assert by_name(doc)["赵同阳"].who.units == ("深圳市众擎机器人科技有限公司",)


ATTRIBUTED_AFTER = """【连线】

正确政绩观要求我们坚持从实际出发、按规律办事，潜心攻关、接续奋斗。

——中车株洲所党委书记、董事长李东林代表

基层干部的政绩，从来不是报表上的数字，而是体现在乡亲们的三餐四季之中。

——河北省武安市淑村镇白沙村党委书记侯二河代表

（本报记者郑海鸥、吴君）
"""


def test_attribution_after_the_words_claims_the_paragraph_before_it():
    doc = parse_document(ATTRIBUTED_AFTER)
    assert speakers(doc) == ["李东林", "侯二河"]
    assert said_by(doc, "侯二河").startswith("基层干部的政绩")
    assert by_name(doc)["李东林"].who.units == ("中车株洲所",)


AUTHOR_AFTER = """推进全民阅读，我们能做些什么

既要久久为功

也要只争朝夕

聂震宁

开展全民阅读推广活动，目的是建设书香社会。从条例施行到书香社会建成，走好这条路，既要坚持长期主义。

（作者为中国出版协会全民阅读工作委员会主任）

生产优质内容  营造良好氛围

陈  炜

推进全民阅读是关乎民族精神底色、国家文化软实力、民族复兴伟业的“国之大者”，这是出版行业的历史机遇。

（作者为中信出版集团董事长）
"""


def test_a_name_alone_between_heading_and_speech_with_the_title_after_the_speech():
    doc = parse_document(AUTHOR_AFTER)
    assert speakers(doc) == ["聂震宁", "陈炜"]
    assert by_name(doc)["陈炜"].who.titles == ("中信出版集团董事长",)
    assert by_name(doc)["聂震宁"].who.heading == "既要久久为功 也要只争朝夕"


PROFILES = """政绩观问题是一个根本性问题

两年前，黄石市市长吴之凌代表调研时了解到，社区有17栋老楼建于上世纪五六十年代。

“危房无小事，人命大于天。”吴之凌说，尽管危房改造面临难题，但安全问题刻不容缓。

“老百姓的笑容，是对我们最大的肯定。”吴之凌说。

完善政绩考核评价体系

浙江省衢州市市长徐张艳代表的发言引发共鸣。会场外，徐张艳向记者分享了一件小事。能人童樟民在考核中脱颖而出。

“以前干打基础的活，难出彩。”童樟民说。“现在踏实做实事，有奔头。”童樟民说。
"""


def test_a_section_about_one_titled_person_is_theirs_and_the_people_they_quote_are_not_speakers():
    doc = parse_document(PROFILES)
    assert speakers(doc) == ["吴之凌", "徐张艳"]
    assert by_name(doc)["吴之凌"].who.units == ("黄石市",)


def test_a_section_quoting_two_titled_people_alike_is_no_ones_but_each_sentence_is_its_speakers():
    text = (
        "两位代表谈发展\n\n"
        "黄石市市长吴之凌代表说，要抓民生。衢州市市长徐张艳代表说，要抓考核。\n\n"
        "吴之凌说，危房改造刻不容缓。徐张艳说，考核要看实绩。\n\n"
        "另一节\n\n正文一段，没有人名。\n"
    )
    doc = parse_document(text)
    assert speakers(doc) == ["吴之凌", "徐张艳"]
    said = [(s.who.speaker, text[slice(*s.span)]) for s in doc.speeches if s.who.speaker]
    assert said[0] == ("吴之凌", "黄石市市长吴之凌代表说，要抓民生。")  # the sentence, not the section
    assert by_name(doc)["吴之凌"].who.units == ("黄石市",)
    assert "正文一段，没有人名。" in [text[a:b] for s in doc.speeches if not s.who.speaker for a, b in s.paragraphs]


def test_third_person_quotes_inside_a_speech_stay_with_the_speaker():
    text = (
        "讲述人：奇富科技首席执行官  吴海生\n\n"
        "在福建省漳浦县，养殖户林文辉感慨：“以前紫菜按堆卖，如今按斤销售。”这是我们服务的一个例子。\n\n"
        "讲述人：元气森林党委书记、联合创始人  王  璞\n\n"
        "凌晨5点，我们的补货员赵波已经开始清点货物。他说，自己补货的过程，绘就出鲜活的需求地图。\n"
    )
    doc = parse_document(text)
    assert speakers(doc) == ["吴海生", "王璞"]
    assert "林文辉" in said_by(doc, "吴海生")
    assert all(s.who.roles[-1] == "讲述人" for s in doc.speeches if s.who.speaker)


def test_glued_speaker_line_needs_a_heading_before_and_speech_after():
    framed = "工作会议\n\n深化改革激发活力\n市工业和信息化局局长周文\n过去一年，我们全力以赴稳工业、促转型，规上工业增加值增长8%。\n"
    assert speakers(parse_document(framed)) == ["周文"]
    unframed = "区委书记谈发展\n\n这是一段没有发言人的正文，讲了很多事情，也提到区委书记谈发展的情况。\n"
    assert speakers(parse_document(unframed)) == []


def test_speech_to_text_exports_number_their_speakers_and_print_times():
    text = (
        "座谈会记录\n\n说话人1 00:00:01\n大家好，今天我们召开这个座谈会。\n\n"
        "说话人2 00:00:15\n谢谢主持人。我先说两点。\n\n[00:01:02] 说话人1：好的，请继续。\n"
    )
    doc = parse_document(text)
    assert [s.who.speaker for s in doc.speeches] == ["说话人1", "说话人2", "说话人1"]
    assert said_by(doc, "说话人2") == "谢谢主持人。我先说两点。"


def test_unnamed_people_kept_apart_by_a_letter_are_speakers_of_their_own():
    text = (
        "王律师：我是律师，我要去隔离点了解情况。\n\n防疫人员A：你们做志愿者要谁批准？\n\n"
        "王律师：做志愿者不需要谁批准。\n\n防疫人员B：那你出示法律条款。\n\n记者A：请问现场情况如何？\n"
    )
    doc = parse_document(text)
    assert [s.who.speaker for s in doc.speeches] == ["王律师", "防疫人员A", "王律师", "防疫人员B", "记者A"]
    assert said_by(doc, "防疫人员B") == "那你出示法律条款。"


def test_invisible_characters_and_wide_spaces_do_not_hide_a_speaker():
    text = "标题\n\n三亚市教育局党委书记\u3000吴\u200b萍\n\n围绕教育抓党建，打造高素质教师队伍。\n\n三亚吉阳区委书记\u00a0陈明\n\n吉阳区持续深化基层治理改革。\n"
    doc = parse_document(text)
    assert speakers(doc) == ["吴萍", "陈明"]


# ---- English labels, rosters and names ------------------------------------------------------------

HEARING = """HEARING BEFORE THE COMMITTEE ON TRANSPORTATION
Wednesday, March 4, 2020

PARTICIPANTS:
Senator Jane Whitfield, Chair
Assemblyman Robert Kane
Dr. Amelia Ortiz, Commissioner, Department of Transportation

CHAIRWOMAN WHITFIELD: Good morning. This hearing will come to order.

ASSEMBLYMAN KANE: Thank you, Madam Chair. I want to thank the Commissioner. For example:
the Main Street bridge.

CHAIRWOMAN WHITFIELD: Commissioner, please begin.

DR. ORTIZ: Thank you. Our department inspected 4,000 bridges last year.

[Laughter.]

ASSEMBLYMAN KANE: How many are structurally deficient?

DR. ORTIZ: About 300.
"""


def test_capitalised_labels_resolve_to_the_participant_list():
    doc = parse_document(HEARING)
    assert speakers(doc) == ["Jane Whitfield", "Robert Kane", "Amelia Ortiz"]
    ortiz = by_name(doc)["Amelia Ortiz"]
    assert "Commissioner" in ortiz.who.titles and ortiz.who.units == ("Department of Transportation",)
    assert "Chairwoman" in by_name(doc)["Jane Whitfield"].who.titles  # the label as printed stays a title
    assert "PARTICIPANTS" not in speakers(doc) and "For example" not in speakers(doc)
    assert "For example:" in said_by(doc, "Robert Kane")


def test_role_labels_take_the_name_the_cover_page_gives_them():
    text = (
        "REGULAR SESSION\n\nLT. GOVERNOR MARY SMITH, President\nJOHN DOE, Secretary\n\n"
        "THE PRESIDENT:  The Senate will come to order.\n\nTHE SECRETARY:  In Senate, Monday.\n\n"
        "SENATOR BROWN:  Thank you, Madam President.\n\nTHE PRESIDENT:  Senator Brown.\n"
    )
    doc = parse_document(text)
    assert speakers(doc) == ["Mary Smith", "John Doe", "Brown"]


def test_surnames_take_the_fullest_name_the_text_prints_and_its_casing():
    text = (
        "Remarks by President Biden at a Meeting with Governors\n\n"
        "THE PRESIDENT: I know every week you meet with Jeff Zients, who is here, and Governor DeWine too.\n\n"
        "MR. ZIENTS: Thank you, Mr. President.\n\nGOVERNOR DEWINE: Thank you.\n\n"
        "THE PRESIDENT: Thank you, Jeff.\n"
    )
    doc = parse_document(text)
    assert speakers(doc) == ["Biden", "Jeff Zients", "DeWine"]


def test_reporters_labelled_q_and_glued_labels_from_pdf_text():
    text = (
        "MS. JEAN-PIERRE:\u00a0 Good afternoon.\n\nQ\u00a0 \u00a0 Good afternoon.\n\n"
        "MS. JEAN-PIERRE:\u00a0 Go ahead.\n\nQ\u00a0 \u00a0 Thank you. A question on the storm.\n\n"
        "BOB BROOM: Yes. So now-KATE WILLIAMS: My hand is up.\n\nKATE WILLIAMS: Thank you.\n"
    )
    doc = parse_document(text)
    assert speakers(doc) == ["Jean-Pierre", "Q", "Bob Broom", "Kate Williams"]
    assert said_by(doc, "Bob Broom") == "Yes. So now-"


def test_english_labels_in_prose_or_used_once_in_a_memo_are_not_turns():
    memo = "Key Points: budget is flat.\n\nNext Steps: review in May.\n\nFor example: none.\n"
    assert speakers(parse_document(memo)) == []
    assert english_speaker("OPENING BY") is None and english_speaker("For example") is None


def numbered_pages(pages: list[list[str]]) -> str:
    """A court-style transcript: a page number on top, every line numbered, double spaced."""
    return "\f".join(
        " " * 60 + f"{p}\n\n" + "\n\n".join(f"{n:>8}      {line}" for n, line in enumerate(lines, 1)) + "\n"
        for p, lines in enumerate(pages, 1)
    )


def test_line_numbers_are_not_speech_and_a_turn_runs_across_a_page_break():
    filler = ["Thank you all for coming tonight.", "This hearing is about the plan."] * 5
    text = numbered_pages(
        [
            ["SENATOR MURPHY:  Welcome.", *filler, "MS. LEE:  The river is our drinking"],
            ["water and we must protect it.", "SENATOR MURPHY:  Thank you.", *filler],
            ["MS. LEE:  One more thing.", *filler],
        ]
    )
    doc = parse_document(text)
    assert speakers(doc) == ["Murphy", "Lee"]
    lee = next(s for s in doc.speeches if s.who.speaker == "Lee")
    assert doc.text[lee.span[0] : lee.span[1]].endswith("we must protect it.")  # one turn over the page break
    assert readable(doc.text, *lee.span, doc.furniture) == "The river is our drinking water and we must protect it."
    assert "Thank you all for coming tonight." in readable(
        doc.text, 0, len(doc.text), doc.furniture
    )  # repeated speech is kept


MINUTES = """Minutes of the Operations Committee Meeting

Call to Order: Committee Chair Tobiassen called the meeting to order at 6:58 p.m.
Hop Cost Share Agreement
Director Bagley asked if these are perpetual agreements. Bruce Abel stated that the agreements are for one year only.
The service performance will be assessed at the end of the year.
Director Daly stated he is concerned about the advertising. Bruce Abel introduced Beverly Scott from IT who is the
project manager for this project. She explained that there is a cost for the text messages.
Director James asked where RTD is compared with other agencies. Bruce stated that RTD is not the leading agency.
Beverly stated that there are different options. Staff stated that it is more residential.
Vote on Motion:
The motion passed with 11 members in favor.
"""


def test_narrative_minutes_attribute_the_sentences_that_say_who_spoke():
    doc = parse_document(MINUTES)
    assert doc.format == "minutes"
    assert speakers(doc) == ["Tobiassen", "Bagley", "Bruce Abel", "Daly", "Beverly Scott", "James", "Staff"]
    assert "will be assessed" in said_by(doc, "Bruce Abel")  # the next sentence continues the speech
    assert "The motion passed" not in "".join(said_by(doc, n) for n in speakers(doc))


def test_text_with_no_speaker_is_one_narration_and_never_gets_one_invented():
    text = "今天天气很好。\n\n我们去公园散步，看到很多人在锻炼身体。\n\n张三说他也想去。\n"
    doc = parse_document(text)
    assert doc.format == "plain" and [s.who.speaker for s in doc.speeches] == [""]


def test_a_speaker_line_behind_a_bullet():
    text = (
        "全市法院审判工作座谈会发言摘登\n\n■ 北京市高级人民法院党组书记、院长 寇昉\n\n坚持以人民为中心，推动审判工作现代化。\n\n"
        "◆ 天津市高级人民法院副院长 张  军\n\n天津法院持续深化执行体制改革，切实解决执行难。\n\n■延伸阅读\n\n记者手记一则。\n"
    )
    doc = parse_document(text)
    assert speakers(doc) == ["寇昉", "张军"]
    assert "记者手记" not in said_by(doc, "张军")  # a bullet over no speaker is a marker


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("市委书记张三在全市经济工作会议上的讲话", "张三"),
        ("李四同志在2025年工作总结大会上的讲话", "李四"),
        ("Remarks by Governor Jane Smith at the State Budget Address", "Jane Smith"),
    ],
)
def test_a_speech_whose_title_names_its_one_speaker(title, name):
    text = f"{title}\n\n同志们：\n\n今天召开会议，主要任务是总结工作、部署任务。Thank you all.\n\n让我们团结一心，奋力开创新局面！\n"
    doc = parse_document(text)
    assert speakers(doc) == [name] and said_by(doc, name).startswith("同志们：")


def test_greetings_and_abbreviated_titles():
    text = (
        "CHAIR WOOD: Good morning.\n\nSEN. PAN: If I may add a point.\n\n"
        "CHAIR WOOD: Ladies and gentlemen: we begin.\n\nSEN. PAN: Thank you.\n"
    )
    doc = parse_document(text)
    assert speakers(doc) == ["Wood", "Pan"] and by_name(doc)["Pan"].who.titles == ("Sen.",)


def test_a_role_named_with_its_holder_once_is_that_person_afterwards():
    text = (
        "主持人（张三）：欢迎大家参加今天的座谈会。\n\n李四（市商务局局长）：谢谢主持人。今年外贸稳中有进。\n\n"
        "主持人：请王局长发言。\n\n王五（市教育局局长）：谢谢。我们推进集团化办学。\n\n主持人：谢谢各位。\n"
    )
    doc = parse_document(text)
    assert [s.who.speaker for s in doc.speeches] == ["张三", "李四", "张三", "王五", "张三"]
    assert by_name(doc)["张三"].who.roles == ("主持人",)


# ---- speaker lines with title and name glued, speech headings after them -----------------------

GLUED_OVER_HEADINGS = """\
# 大国重器背后的奋斗者

某研究院卫星总体部分系统总师陈立新

在一次次试验中找到答案

这些年，我们团队把每一次失败都当作一次学习，从中找到改进的方向。

某新能源科技股份有限公司首席执行官周佳

电池技术要走在前面

新能源汽车的核心是电池。我们每年把相当比例的营收投入研发。

某电力公司带电作业班班长欧阳慧

把安全放在第一位

带电作业风险高，我们每次作业前都要反复核对方案。（本报记者  李  明整理）
"""


def test_glued_speaker_lines_followed_by_their_speech_heading():
    doc = parse_document(GLUED_OVER_HEADINGS)
    assert speakers(doc) == ["陈立新", "周佳", "欧阳慧"]
    chen = by_name(doc)["陈立新"].who
    assert chen.titles == ("某研究院卫星总体部分系统总师",) and chen.heading == "在一次次试验中找到答案"
    assert said_by(doc, "周佳").startswith("新能源汽车的核心是电池")


def test_glued_speaker_lines_without_headings_when_the_page_repeats_the_pattern():
    text = "\n\n".join(
        line for line in GLUED_OVER_HEADINGS.split("\n\n") if line.startswith(("某", "这些", "新能", "带电"))
    )
    assert speakers(parse_document(text)) == ["陈立新", "周佳", "欧阳慧"]
    lone = "某研究院卫星总体部分系统总师陈立新\n\n这些年，我们团队把每一次失败都当作一次学习。\n"
    assert speakers(parse_document(lone)) == []  # one such line alone is not evidence enough


def test_press_conference_offices_take_the_names_the_lead_gives_them():
    text = (
        "以下為保安局局長鄧炳強和警務處處長蕭澤頤今日出席立法會會議後會見傳媒的答問內容：\n\n"
        "記者：局長，請問政府會否加強打擊電話騙案？\n\n"
        "保安局局長：多謝你的問題。我們已經成立專責小組。\n\n"
        "記者：處長，警方有甚麼新措施？\n\n"
        "警務處處長：警方會增加人手，攔截可疑來電。\n"
    )
    doc = parse_document(text)
    assert speakers(doc) == ["記者", "鄧炳強", "蕭澤頤"]
    assert by_name(doc)["鄧炳強"].who.titles == ("保安局局長",)
    assert "保安局" in by_name(doc)["鄧炳強"].who.units


def test_an_office_two_people_hold_on_the_page_keeps_the_office_as_the_speaker():
    text = (
        "出席的有前任局長王大文和現任局長李小明。\n\n"
        "記者：請問局長？\n\n局長：我們會跟進。\n\n記者：還有呢？\n\n局長：稍後公布。\n"
    )
    assert "局長" in speakers(parse_document(text))


def test_run_in_labels_with_a_full_stop_and_footnote_numbers():
    text = (
        "PRESENT:\nJane Q. Public, Chair\nJohn R. Roe, Economist\n\n"
        "CHAIR PUBLIC. Good morning, everyone. Let us begin with the briefing.\n"
        "MR. ROE.1 Thank you, Madam Chair. Inflation has come down.\n"
        "CHAIR PUBLIC. Thank you. Any questions?\n"
        "MR. ROE. None from me.\n"
    )
    doc = parse_document(text)
    assert speakers(doc) == ["Jane Q. Public", "John R. Roe"]
    assert said_by(doc, "John R. Roe").startswith("Thank you, Madam Chair.")


def test_a_record_style_label_run_into_a_paragraph_opens_a_turn():
    text = (
        "Mr. NIELDS: Colonel North, you left something out, didn't you? Mr. SULLIVAN. Objection, "
        "the question has been asked.\n\n"
        "Mr. NORTH: I had the approval of my superiors.\n\n"
        "Mr. NIELDS: You wrote more than one of them?\n\n"
        "Mr. NORTH: I did. Mr. Nields knows that.\n"
    )
    doc = parse_document(text)
    # never named in full: the labels as printed
    assert speakers(doc) == ["Mr. NIELDS", "Mr. SULLIVAN", "Mr. NORTH"]
    assert said_by(doc, "Mr. SULLIVAN") == "Objection, the question has been asked."
    assert "Mr. Nields knows that." in said_by(doc, "Mr. NORTH")  # a mention in mixed case is no label
    named = parse_document("Mr. NORTH: Oliver North served in the Marines.\n\n" + text)
    assert "Oliver North" in speakers(named)  # named in full once: that name


def test_counsel_appearances_give_full_names_with_their_suffix():
    text = (
        "APPEARANCES:\n\n"
        "GEORGE E. C. HAYES, ESQ., on behalf of the Petitioner.\n"
        "JAMES M. NABRIT, JR., ESQ., on behalf of Petitioners.\n\n"
        "MR. CHIEF JUSTICE VINSON: All right, Mr. Hayes.\n\n"
        "MR. HAYES: May it please the Court.\n\n"
        "MR. NABRIT: We rely on the Fifth Amendment.\n\n"
        "MR. CHIEF JUSTICE VINSON: Thank you.\n"
    )
    assert speakers(parse_document(text)) == ["Vinson", "George E. C. Hayes", "James M. Nabrit, Jr."]


def test_minutes_name_offices_for_the_holders_their_front_matter_lists():
    text = (
        "MINUTES OF THE JOINT POLICING COMMITTEE\n\n"
        "IN THE CHAIR : Councillor A. Brennan\n\n"
        "COUNCILLORS : Councillors J. Walsh, P. Murphy and K. Doyle\n\n"
        "GARDA : Chief Superintendent (Mr. D. Moran), Superintendent (Mr. T. Quinn)\n\n"
        "1. UPDATE\n\n"
        "The Chief Superintendent stated that burglaries fell by a fifth this year. In reply to Members "
        "concerns, Superintendent Quinn\n\nstated that two new patrol cars are on order. Cllr. Walsh stated "
        "that lighting on the bridge must improve. Cllr. Doyle asked about the schools. The Chairman "
        "thanked everyone for attending. Members welcomed the report.\n\n"
        "Signed: Councillor Aidan Brennan, Chairman\n"
    )
    doc = parse_document(text)
    assert speakers(doc) == ["D. Moran", "T. Quinn", "J. Walsh", "K. Doyle", "Aidan Brennan"]
    assert "Chief Superintendent" in by_name(doc)["D. Moran"].who.titles
    assert "Members" not in speakers(doc)


def test_minutes_read_initials_post_nominals_questions_under_their_author_and_letters():
    line = "x" * 80  # the width a PDF wraps prose at
    text = (
        "MINUTES OF THE CITY POLICING FORUM\n\n"
        f"{line}\n\n"
        "IN THE CHAIR : Councillor R. Nolan\n\n"
        "COUNCILLORS : Councillors B. Foley, M. Foley and T. Grady\n\n"
        "GARDA : Chief Superintendent (Mr. P. Hogan)\n\n"
        "1. UPDATE\n\n"
        "The Chief Superintendent stated that thefts fell. Cllr. Grady asked about lighting on the quays.\n\n"
        "Mr. J. Ryan, T.D. requested a report on the ferry. Cllr. Foley also asked about the new station on the\n\n"
        "Western Road and when it would open. Cllr. B. Foley stated that parking is a problem.\n\n"
        "2. QUESTION SUBMITTED BY COUNCILLOR ANNE DUGGAN\n\n"
        "“I will ask what is being done about speeding near\n\n"
        "schools in the north of the city”.\n\n"
        "In reply to Councillor Duggan, the Chief Superintendent stated that checks will double.\n\n"
        "3. CORRESPONDENCE\n\n"
        "Letter from the Regional Director of Transport regarding bus lanes. He stated that a review is due.\n\n"
        "Signed: Councillor Ruth Nolan, Chairman, James Ryan\n"
    )
    doc = parse_document(text)
    people = by_name(doc)
    # a full stop after an initial or `Cllr.` ends no sentence; a surname two members share
    # (`Cllr. Foley`) is the one of them the minutes name in full (`Cllr. B. Foley`)
    assert speakers(doc) == [
        "P. Hogan",
        "T. Grady",
        "James Ryan",
        "B. Foley",
        "Anne Duggan",
        "Regional Director of Transport",
    ]
    assert "T.D." in people["James Ryan"].who.titles
    assert "Western Road" in said_by(doc, "B. Foley")  # the sentence a blank line cut after a full line goes on
    assert "schools in the north" in said_by(doc, "Anne Duggan")  # the question, in its author's words
    assert "a review is due" in said_by(doc, "Regional Director of Transport")


def test_hand_offs_and_introductions_give_speakers_their_firm_and_office():
    text = (
        "Dana Whitfield: Good afternoon. My name is Dana Whitfield, Director of Investor Relations. Speaking first "
        "is Contoso's CEO, Robert Lane, followed by CFO, Priya Raman.\n"
        "Robert Alan Lane: Thank you, Dana. Revenue grew nine percent.\n"
        "Priya Raman: Margins held at forty percent.\n"
        "Operator: Our first question is from Tom Becker with Northgate Capital.\n"
        "Thomas J. Becker: Can you talk about the margin outlook?\n"
        "Priya Raman: We expect margins to hold.\n"
        "Operator: Our next question is from Lena Ortiz from Blue Harbor Partners.\n"
        "Lena Ortiz: What about services? I spoke with Priya earlier this week.\n"
        "Robert Alan Lane: Services grew in every region.\n"
    )
    people = by_name(parse_document(text))
    assert people["Thomas J. Becker"].who.units == ("Northgate Capital",)  # `Tom Becker` in the hand-off
    assert people["Lena Ortiz"].who.units == ("Blue Harbor Partners",)
    assert people["Robert Alan Lane"].who.units == ("Contoso",) and "CEO" in people["Robert Alan Lane"].who.titles
    assert "CFO" in people["Priya Raman"].who.titles and not people["Priya Raman"].who.units
    assert "Director of Investor Relations" in people["Dana Whitfield"].who.titles


def test_an_earnings_call_gives_its_staff_the_company_and_its_participant_list_their_offices():
    text = (
        "Earnings Call Transcript\nCompany: Fabrikam Robotics (Fabrikam)\nTicker: FBK\n\n"
        "Call participants\n\nChief Executive Officer — Mara Quill\n\nHead of Investor Relations — Ken Osei\n\n"
        "Revenue -- $310 million, up 12% year over year.\n\n"
        "Ken Osei: Good afternoon and welcome. With me is Mara Quill and our engineering lead, Ivo Brandt.\n"
        "Mara Quill: Thank you, Ken. Orders grew in every region.\n"
        "Operator: Our first question comes from the line of Sam Reyes with Halden Securities. Please go ahead.\n"
        "Sam Reyes: Could you talk about the backlog?\n"
        "Ivo Brandt: The backlog is at a record.\n"
        "Eric: The next question comes from the line of Pia Lund. Please go ahead.\n"
        "Pia Lund: What about pricing?\n"
        "Mara Quill: Pricing held.\n"
        "Eric: There are no further questions. I will hand the call back to Ken.\n"
        "Ken Osei: Thank you all for joining.\n"
    )
    people = by_name(parse_document(text))
    assert "Chief Executive Officer" in people["Mara Quill"].who.titles
    assert "Head of Investor Relations" in people["Ken Osei"].who.titles
    for staff in ("Mara Quill", "Ken Osei", "Ivo Brandt"):  # (Ivo Brandt: introduced with no office)
        assert people[staff].who.units == ("Fabrikam Robotics",)
    assert people["Sam Reyes"].who.units == ("Halden Securities",)
    assert not people["Pia Lund"].who.units  # handed a question, her firm not printed: not the company's
    assert not people["Operator"].who.units and not people["Eric"].who.units  # (the operator, named)


def test_a_call_named_in_its_welcome_and_officers_listed_with_semicolons():
    text = (
        "# NWND Q2 2025 Earnings Call Transcript\n\n**Company:** NWND\n\n"
        "Operator: Greetings, and welcome to the Northwind Fiscal Year 2025 Second Quarter Earnings Conference Call.\n"
        "Lea Park: Good afternoon. My name is Lea Park, Head of Investor Relations, and on the call with me are "
        "Omar Haddad, Chairman and Chief Executive Officer; "
        "and Rina Cole, Chief Financial Officer.\n"
        "Omar Haddad: Thank you, Lea. Cloud revenue grew.\n"
        "Rina Cole: Margins expanded.\n"
        "Lea Park: The first question comes from our shareholders: what about the dividend? Rina?\n"
        "Rina Cole: It stays.\n"
        "Lea Park: Operator, please open the line for questions.\n"
        "Operator: Our first question comes from the line of Kash Rangan with Elm Capital.\n"
        "Kasthuri Gopalan Rangan: How durable is the cloud growth?\n"
        "Omar Haddad: Very durable.\n"
        "Rina Cole: And margins will hold.\n"
    )
    people = by_name(parse_document(text))
    assert "Chairman and Chief Executive Officer" in people["Omar Haddad"].who.titles
    assert "Chief Financial Officer" in people["Rina Cole"].who.titles
    assert {people[n].who.units for n in ("Lea Park", "Omar Haddad", "Rina Cole")} == {("Northwind",)}  # not NWND
    assert people["Kasthuri Gopalan Rangan"].who.units == ("Elm Capital",)  # handed over by a short first name
    assert "Head of Investor Relations" in people["Lea Park"].who.titles  # (a host handing questions over is staff)


def test_a_welcome_outside_an_earnings_call_names_no_company():
    text = (
        "Chair Ruiz: Welcome to the Harbor Commission Annual Meeting. Director Lee, please begin.\n"
        "Director Lee: Thank you. Dredging starts in May.\n"
        "Chair Ruiz: Thank you, Director Lee.\n"
    )
    assert all(not s.who.units or "Harbor" not in s.who.units[0] for s in parse_document(text).speeches)


def test_an_author_line_that_also_credits_the_reporter_titles_the_last_speaker_too():
    text = (
        "大家谈\n\n发挥制度优势\n\n王  赤\n\n科技自立自强是根本。我们要加强基础研究，让新型举国体制的优势在重大科技任务中充分发挥出来。\n\n"
        "（作者为中国科学院院士，本报记者李君强采访整理）\n\n"
        "坚持创新驱动\n\n米  磊\n\n硬科技是未来的方向。我们要长期投入，耐心陪伴科学家把实验室里的成果一步步变成产业。\n\n"
        "（作者为中科创星科技投资有限公司创始合伙人，本报记者谷业凯采访整理）\n"
    )
    doc = parse_document(text)
    assert by_name(doc)["王赤"].who.titles == ("中国科学院院士",)  # the credit is no title
    assert by_name(doc)["米磊"].who.titles == ("中科创星科技投资有限公司创始合伙人",)
