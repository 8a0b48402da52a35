"""Who mentioned a term (`qa.mentions`): every speech in scope, by one rule for answers and
topic charts, with the forms `qa.variants` gives. A real store of four small pages written for
the tests (hashing embeddings: the rule is lexical; the model only serves the meaning fallback)."""

from __future__ import annotations

import pytest
from helpers import settings_for, write

from index.embed import HashingEmbeddings
from index.library import Library
from index.pipeline import Indexer
from qa.answer import Answerer
from qa.mentions import mention_request, term_of
from qa.resolve import catalog_index, resolve
from qa.topics import topic_report
from qa.variants import NO_VARIANTS, Variants, pairs

ELDERLY = """# 养老服务推进会发言摘登

2025年6月1日，养老服务推进会召开。会议指出，养老是民生大事。

### 织密养老服务网

某市民政局局长 王强

全市推进养老服务体系建设。一是完善农村养老服务设施。二是发展社区嵌入式服务。

### 建设数字政府

某市数据局局长 张伟

我们建设大数据中心，推动数据共享，发展AI应用。

### 教育强市

某市教育局局长 李娜

我们加强教师队伍建设，重点培养老师的创新能力。全市新建学校十所，改造操场二十片。推进集团化办学，\
让优质资源覆盖更多学校。开展课后服务，减轻家长负担。加强心理健康教育，配齐专职心理教师。推进智慧校园建设，\
提升信息化水平。完善教师待遇保障，落实绩效工资。下一步，也要关心退休教师的养老问题。

### 代表建议

某市人大代表 赵敏

建议增加养老床位，提高补贴标准。
"""

CORRIDOR = """# 第二场部长通道

2026年3月9日，第二场部长通道开启。

问：请问如何推进农村养老？

王洋：我们将加大农村投入，对养老机构给予补贴。

问：交通方面呢？

刘伟：着眼农村公路建设，推动客货邮融合发展。

问：还有什么打算？

王洋：继续推进。

刘伟：我们会加快进度。
"""

COUNCIL = """# 立法院院會紀錄

孔文吉委員：臺灣的股市天天慘綠，民營企業不敢投資。

陳冲院長：我們會穩定股市。

孔文吉委員：謝謝院長。

陳冲院長：謝謝委員。
"""

SENATE = """SENATOR SMITH: We must fund food banks this year, Mr. President.

SENATOR JONES: The food bank in my district is empty. Amnesty reported it too.

THE SECRETARY: Senate bill number 12, by Senator Jones, on food banks.

SENATOR SMITH: Thank you. I yield.
"""

HEARING = """Brown: The Coast Guard has not answered our letters. The National Heritage Area office has.

Green: Our National Guard is vaccinating people in senior housing.

Lewis: We hear train horns every night.

Ford: People ask me about the horns. The next train comes at five.

Cook: The horns are loud. The buses are late. The fares are high. The stations are cold. \
The parking is full. And my train was late.

Brown: Thank you all.

Green: Thank you.

Lewis: Thank you.

Ford: Thank you.

Cook: Thank you.
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Library:
    folder = tmp_path_factory.mktemp("mentions")
    library = Library(settings_for(folder / "data"), embeddings=HashingEmbeddings())
    files = [write(folder / name, text) for name, text in (("elderly.txt", ELDERLY), ("corridor.txt", CORRIDOR))]
    files += [write(folder / "council.txt", COUNCIL), write(folder / "senate.txt", SENATE)]
    files += [write(folder / "hearing.txt", HEARING)]
    assert Indexer(library, show_bars=False).add_paths(files).count("added") == 5
    return library


@pytest.fixture(scope="module")
def answerer(pages) -> Answerer:
    return Answerer(pages)  # (it reads CC-CEDICT once, on the first list)


def ask(answerer: Answerer, question: str):
    library = answerer.library
    answer = answerer.ask(question)
    for c in answer.citations:  # every quote is the source at its offsets
        assert library.source_text(c.who.doc_id, c.who.version)[c.start : c.end] == c.quote
    return answer


def test_every_speech_that_says_it_is_listed_in_order_and_counted(answerer):
    answer = ask(answerer, "哪些发言提到了养老？")
    # 李娜 says it once, at the end of her speech (培养老师 is no mention: 培养|老师); narration
    # is nobody's mention; the interviewer's question (问) is, listed last
    assert answer.speakers == ["王强", "李娜", "赵敏", "王洋", "问"]
    assert "李娜（某市教育局局长）提到1次：“下一步，也要关心退休教师的养老问题。”" in answer.text
    assert "王强（某市民政局局长）提到2次" in answer.text  # (not in the heading above his speech)
    assert answer.text.startswith("共有5篇发言（5位发言人）提到“养老”，按首次提到的先后排列")
    assert "提问者的1篇发言列在最后）" in answer.text.splitlines()[0]


def test_a_word_inside_a_longer_word_counts_and_the_answer_says_which(answerer):
    answer = ask(answerer, "哪些发言提到了数据？")
    assert answer.speakers == ["张伟"] and "张伟（某市数据局局长）提到2次" in answer.text
    assert "计入原文及“数据中心”、“数据共享”" in answer.text  # 数据 inside the words jieba cuts (大|数据中心)
    english = ask(answerer, "Which speakers mentioned food banks?")
    assert english.speakers == ["Smith", "Jones", "THE SECRETARY"]
    assert "including “food bank”" in english.text  # Jones says it in the singular


def test_the_page_named_and_the_kind_asked_for_scope_the_list(answerer):
    assert ask(answerer, "在第二场部长通道上，哪些人提到了农村？").speakers == ["王洋", "刘伟", "问"]
    assert ask(answerer, "哪些委员提到了股市？").speakers == ["孔文吉"]  # 委員 in either script
    assert ask(answerer, "哪些人提到了农村？").speakers == ["王强", "王洋", "刘伟", "问"]
    assert ask(answerer, "哪些局长提到了养老？").speakers == ["王强", "李娜"]  # not 赵敏 (代表) nor 王洋
    assert ask(answerer, "哪些官员提到了养老？").speakers == ["王强", "李娜"]  # whoever holds an office
    assert ask(answerer, "Which senators mentioned food banks?").speakers == ["Smith", "Jones"]
    assert "问" in ask(answerer, "哪些人在提问中提到了农村？").speakers  # asking is what is asked about


def test_alternatives_and_words_said_apart(answerer):
    assert ask(answerer, "谁提到了床位或补贴？").speakers == ["赵敏", "王洋"]
    apart = ask(answerer, "哪些发言提到了农村养老？")
    assert apart.speakers == ["王强", "王洋", "问"]  # 刘伟 says 农村 but not 养老
    assert "王洋说到“农村”“养老”：" in apart.text and "以及说到“农村”“养老”的发言" in apart.text


def test_where_some_speech_says_it_in_one_piece_its_words_apart_count_only_close_together(answerer):
    # Ford says horns, then train in the next sentence; Cook's train comes five sentences after
    assert ask(answerer, "Which speakers mentioned train horns?").speakers == ["Lewis", "Ford"]
    # a name said in part is another name: Brown's Coast Guard and National Heritage Area
    assert ask(answerer, "Which speakers mentioned the National Guard?").speakers == ["Green"]


def test_who_spoke_on_a_page_lists_its_speakers_of_the_kind_asked_but_those_left_out(answerer):
    assert ask(answerer, "在养老服务推进会上，有哪几位局长发言？").speakers == [
        "王强",
        "张伟",
        "李娜",
    ]  # not 赵敏 (代表)
    assert ask(answerer, "在第二场部长通道上，除了王洋，还有哪些人说了话？").speakers == ["刘伟"]  # nor the interviewer


def test_a_term_nobody_says_in_full_lists_who_says_its_key_words(answerer):
    answer = ask(answerer, "Which senators mentioned Amnesty and the empty food bank in the Senate?")
    assert answer.speakers == ["Jones"]  # its rarest words and most of its weight; Smith says food banks only
    assert answer.text.startswith("No speech says “Amnesty and the empty food bank in the Senate” in full")
    assert "Jones (Senator) says “Amnesty”, “empty”, “food” and “bank”:" in answer.text


def test_a_term_nobody_says_is_not_an_empty_list(answerer):
    answer = ask(answerer, "哪些发言提到了围棋？")
    assert not answer.found and not answer.citations and "围棋" not in answer.text.split("：")[0]
    narration = ask(answerer, "哪些发言提到了民生大事？")  # only the page's own words say it
    assert not narration.found and not narration.citations and "叙述部分" in narration.text


def test_who_questions_list_everyone_only_for_a_term(answerer):
    index = catalog_index(answerer.library)
    request = mention_request(resolve("谁提到了补贴？", index))
    assert request is not None and request.term.alternatives == ("补贴",)
    assert mention_request(resolve("谁提到要加大农村投入，对养老机构给予补贴？", index)) is None  # a claim: one speaker
    assert mention_request(resolve("Who said the Senate should stop raising fees?", index)) is None
    quoted = mention_request(resolve("“数据共享”是谁说的？", index))
    assert quoted is not None and quoted.term.quoted and quoted.term.alternatives == ("数据共享",)


def test_the_term_is_what_follows_the_verb():
    assert term_of("中华优秀传统文化或传统文化？").alternatives == (
        "中华优秀传统文化或传统文化",
        "中华优秀传统文化",
        "传统文化",
    )
    assert term_of("Jeff Zients (or 'Jeff') in their remarks?").alternatives[1:] == ("Jeff Zients", "Jeff")
    assert term_of("Indian Point by name?").alternatives == ("Indian Point",)
    assert term_of("市县政协“两个薄弱”问题？").alternatives == ("两个薄弱",)


def test_alternatives_share_the_modifier_the_question_gives_them_once():
    # `cost` alone is not what was asked: 118 speeches across the library said it
    assert term_of("the cost or funding of the exhibition?").alternatives[1:] == (
        "cost of the exhibition",
        "funding of the exhibition",
    )
    assert term_of("河南的粮食生产或小麦？").alternatives[1:] == ("河南的粮食生产", "河南的小麦")
    # a phrase with its own determiner, names and plain alternatives share nothing
    assert term_of("taxes or the cost of living?").alternatives[1:] == ("taxes", "cost of living")
    assert term_of("WISERD / Wales Institute of Social and Economic Research?").alternatives[1] == "WISERD"
    assert term_of("补贴或补助？").alternatives[1:] == ("补贴", "补助")


def test_topic_charts_count_what_the_list_answers(answerer):
    pages = answerer.library
    report = topic_report(pages, "养老", variants=answerer.variants).to_dict()
    assert report["match"] == "mentions" and [row["speaker"] for row in report["list"]] == [
        "王强",
        "李娜",
        "赵敏",
        "王洋",
    ]
    assert topic_report(pages, "数据", variants=answerer.variants).forms == ("数据中心", "数据共享")
    assert topic_report(pages, "“培养老师”", variants=NO_VARIANTS).to_dict()["total"] == 1  # quoted: word for word


def test_abbreviations_and_the_other_script_count_and_are_named(answerer):
    ai = ask(answerer, "哪些发言提到了人工智能？")
    assert ai.speakers == ["张伟"] and "计入原文及“AI”" in ai.text
    taiwan = ask(answerer, "哪些发言提到了台湾？")  # a question in simplified characters
    assert taiwan.speakers == ["孔文吉"] and "计入原文及“臺灣”" in taiwan.text
    assert ask(answerer, "哪些发言提到了民企？").speakers == ["孔文吉"]  # 民營企業, abbreviated


def test_an_abbreviation_counts_only_where_it_stands_for_one_thing():
    entries = [
        ("民企", ["private enterprise", "abbr. for 民營企業|民营企业[min2 ying2 qi3 ye4]"]),
        ("人大", ["abbr. for 全國人民代表大會|全国人民代表大会[…]", "abbr. for 中國人民大學|中国人民大学[…]"]),
        ("人工智能", ["artificial intelligence (AI)"]),
        ("全国人民代表大会", ["National People's Congress", "abbr. to 人大[Ren2 da4]"]),
    ]
    variants = Variants(pairs(entries))
    assert variants.of("民营企业") == ("民企",) and variants.of("民企") == ("民营企业",)
    assert variants.of("AI") == ("人工智能", "artificial intelligence") and variants.of("人工智能") == ("AI",)
    assert variants.of("人大") == () and variants.of("全国人民代表大会") == ()  # two things


def test_a_persons_full_name_counts_as_speakers_name_them():
    forms = Variants().of("George W. Bush")
    assert "George Bush" in forms and "President Bush" in forms
    assert Variants().of("food banks") == () and "Mr. Hale" in Variants().of("Tom J. Hale")
    assert Variants().of("Indian Point") == () == Variants().of("Boland Amendment")
