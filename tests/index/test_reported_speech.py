"""Reported speech in Chinese news prose (index/formats/quoted.py) and the name detector it
uses (index/names.py), on small pages written for the tests: who is quoted, where their
words start and end, and who never becomes a speaker (captions, people only mentioned,
people quoted inside someone else's words)."""

from __future__ import annotations

import pytest

from index.formats import parse_document
from index.names import PageNames
from index.records import MODERATOR, ParsedDocument


def speakers(doc: ParsedDocument) -> list[str]:
    return list(dict.fromkeys(s.who.speaker for s in doc.speeches if s.who.speaker))


def said_by(doc: ParsedDocument, name: str) -> str:
    return "".join(doc.text[a:b] for s in doc.speeches if s.who.speaker == name for a, b in s.paragraphs)


def first(doc: ParsedDocument, name: str):
    return next(s for s in doc.speeches if s.who.speaker == name)


FORUM = """\
论坛聚焦产业协同

本报记者  马  强

11月18日，第三届产业论坛在武汉举行，企业负责人、专家学者会聚一堂。

华中新能源集团党委书记、董事长兼总经理欧阳明远表示，“十五五”时期将是产业升级的窗口期。

湖北省经济和信息化厅副厅长吕晓丹称：“我们愿与各方一道，共筑产业新生态。”东湖实验室首席分析师钱多多认为：“储能的成本还会下降。”

“算力就是生产力。”长江数据公司副总裁霍思远说，公司今年新建两个数据中心。他说，明年还将在襄阳布局。

与会嘉宾表示，协同创新是必由之路。
"""


def test_title_chains_glued_to_names_before_a_verb_of_saying():
    doc = parse_document(FORUM)
    assert speakers(doc) == ["欧阳明远", "吕晓丹", "钱多多", "霍思远"]
    assert doc.format == "news"
    assert first(doc, "欧阳明远").who.titles == ("华中新能源集团党委书记", "董事长", "总经理")
    assert "湖北省经济和信息化厅" in first(doc, "吕晓丹").who.units
    # two attributions in one paragraph: each quotation to its own speaker
    assert said_by(doc, "吕晓丹") == "湖北省经济和信息化厅副厅长吕晓丹称：“我们愿与各方一道，共筑产业新生态。”"
    assert said_by(doc, "钱多多").startswith("东湖实验室首席分析师钱多多认为")


def test_a_quotation_before_its_attribution_and_he_going_on_are_the_speakers():
    doc = parse_document(FORUM)
    words = said_by(doc, "霍思远")
    assert words.startswith("“算力就是生产力。”")  # the quotation printed before the name
    assert words.endswith("他说，明年还将在襄阳布局。")  # 他说 goes on with the same person


def test_a_demand_and_a_hong_kong_colon_report_words():
    """`X在文章中要求，…` reports what X asks for; `表示︰“…”` (the presentation colon of Hong
    Kong and Taiwan pages) introduces words as `表示：` does."""
    page = (
        "市政府召开工作会议。\n\n"
        "市长张明远在会上要求，各部门要把安全生产责任落到实处。\n\n"
        "发展改革局局长李晓峰表示︰“今年将新开工项目三十个。”\n\n"
        "会议还通报了上半年工作。"
    )
    doc = parse_document(page)
    assert speakers(doc) == ["张明远", "李晓峰"]
    assert said_by(doc, "张明远").endswith("要把安全生产责任落到实处。")
    assert said_by(doc, "李晓峰").endswith("“今年将新开工项目三十个。”")


def test_collective_voices_bylines_and_the_lead_are_nobodys():
    doc = parse_document(FORUM)
    narration = "".join(doc.text[a:b] for s in doc.speeches if not s.who.speaker for a, b in s.paragraphs)
    assert "与会嘉宾表示" in narration and "第三届产业论坛" in narration
    assert "马强" not in speakers(doc) and "马  强" not in speakers(doc)


FEATURE = """\
“那段日子，我一辈子忘不了”

本报记者  石  磊

抗战老兵褚福山和孙女翻看老照片。

张  妍摄

抗战老兵褚福山向志愿者讲述战斗故事。

李  青摄

在省军区干休所，百岁老人褚福山仍然精神矍铄。“那时候我们白天藏在青纱帐里，夜里出来打游击。”褚福山说。

“您最难忘的是哪一仗？”记者问。

“是1944年的那次伏击。”褚福山回忆，“班长喊：‘跟我上！’大家就冲了出去。”

褚福山的孙女褚晓雯笑着说：“爷爷每次讲到这里都会掉眼泪。”

郗振华也是一名老兵。他的儿子说，父亲很少提起往事。
"""


def test_captions_and_verbs_with_an_object_report_nobody():
    doc = parse_document(FEATURE)
    words = said_by(doc, "褚福山")
    assert "翻看老照片" not in words and "讲述战斗故事" not in words


def test_feature_speakers_the_reporter_asking_and_nobody_quoted_inside_a_quotation():
    doc = parse_document(FEATURE)
    assert speakers(doc) == ["褚福山", "记者", "褚晓雯"]
    assert first(doc, "记者").who.roles == (MODERATOR,)
    assert "班长" not in speakers(doc)  # quoted inside 褚福山's words
    assert first(doc, "褚福山").who.titles == ("抗战老兵",)  # the title the page first prints before him (a caption)
    assert first(doc, "褚晓雯").who.titles == ("褚福山的孙女",)


def test_an_unnamed_relative_is_nobody():
    doc = parse_document(FEATURE)
    assert not any("郗振华" in s.who.speaker or "儿子" in s.who.speaker for s in doc.speeches)


ROUNDUP = """\
多国政要祝贺中国国庆

新华社北京10月2日电  多国政要近日纷纷表示祝贺。

泰国总理阿努廷说，泰中友谊历久弥新。斐济代总理比曼·普拉萨德表示，中国的发展成就令人钦佩。

格林纳达总理米切尔高度评价中国发展成就。她说，中国是可信赖的朋友。

一些国家的媒体也发表评论。
"""


def test_transliterated_names_after_an_office_and_she_going_on():
    doc = parse_document(ROUNDUP)
    assert speakers(doc) == ["阿努廷", "比曼·普拉萨德", "米切尔"]
    assert first(doc, "阿努廷").who.titles == ("泰国总理",)
    assert said_by(doc, "米切尔").endswith("她说，中国是可信赖的朋友。")


def test_on_a_labelled_page_the_lead_is_attributed_only_where_it_quotes():
    """Where labelled turns carry most of the page, its lead is the editor's framing: a
    paraphrase there is nobody's speech, a quotation is; a report with a short exchange
    among its prose is read whole."""
    answers = "问：您怎么看？\n\n答：" + "教育是根本，科技是关键，人才是第一资源，三者要一体推进。" * 3 + "\n\n"
    text = "一体推进教育科技人才\n\n习近平总书记在参加代表团审议时指出，要一体推进教育科技人才发展。\n\n" + answers * 2
    assert "习近平" not in speakers(parse_document(text))
    quoted = text.replace("指出，要一体推进教育科技人才发展。", "强调：“要一体推进教育科技人才发展。”")
    assert speakers(parse_document(quoted))[0] == "习近平"
    report = text.replace(answers * 2, "问：您怎么看？\n\n答：教育是根本。\n\n")
    assert speakers(parse_document(report))[0] == "习近平"


def test_the_answerer_of_an_interview_is_the_person_the_subtitle_names():
    text = (
        "# 创新来自一线\n\n## ——访星河机器人公司创始人邝志远\n\n"
        "问：企业怎样创新？\n\n答：创新来自一线工程师的每一次尝试。\n\n"
        "问：下一步呢？\n\n答：我们会继续加大研发投入。\n"
    )
    doc = parse_document(text)
    assert speakers(doc) == ["问", "邝志远"]
    assert first(doc, "邝志远").who.titles == ("星河机器人公司创始人",)


def test_an_official_record_prints_the_title_between_family_and_given_name():
    text = (
        "* 主席：現在開始質詢。\n\n"
        "    * 林委員美珠：（11時8分）請問院長，預算何時到位？\n\n"
        "    * 陳院長冲：各位委員，預算下週送達。\n\n"
        "    * 林委員美珠：謝謝院長。\n"
    )
    doc = parse_document(text)
    assert speakers(doc) == ["主席", "林美珠", "陳冲"]
    assert first(doc, "陳冲").who.titles == ("院長",)
    assert doc.text[slice(*first(doc, "林美珠").span)].startswith("（11時8分）")


@pytest.mark.parametrize(
    ("page", "verb", "name", "title"),
    [
        ("公司董事长董扬认为，……", "认为", "董扬", "公司董事长"),  # the longest title that leaves a name
        ("研究院院长赵福全判断，……", "判断", "赵福全", "研究院院长"),
        ("陪父亲来京的儿子刘建华回忆，……", "回忆", "刘建华", "陪父亲来京的儿子"),
        ("据市文旅局局长周宁介绍，……", "介绍", "周宁", "据市文旅局局长"),
    ],
)
def test_the_name_before_a_verb_ends_where_the_title_does(page, verb, name, title):
    found = PageNames(page).ending_at(page.index(verb), strong=True)
    assert (found.text, found.title) == (name, title)


def test_a_name_the_page_repeats_is_found_without_a_title_and_a_lone_word_is_not():
    page = "郄顺祥出生在河北。“那时我们夜里行动。”郄顺祥说。后来郄顺祥参加了八路军。"
    assert PageNames(page).ending_at(page.index("说。")).text == "郄顺祥"
    assert PageNames("大家一起说，").ending_at(2) is None


def test_two_officials_named_together_both_say_it_and_praise_needs_an_office():
    text = (
        "多国政要致贺\n\n"
        "乌克兰副总理卡奇卡和外交部副部长佩列彼尼斯赞赏中国发展取得的成就。\n\n"
        "克罗地亚副议长雷伊奈尔对中国坚持改革开放表示赞赏。他祝愿中国人民节日快乐。\n\n"
        "他转达了委内瑞拉总统马杜罗对中国人民的诚挚祝贺。\n\n"
        "游客张小兰盛赞这里的风景。\n"
    )
    doc = parse_document(text)
    assert speakers(doc) == ["卡奇卡", "佩列彼尼斯", "雷伊奈尔"]
    assert first(doc, "佩列彼尼斯").who.titles == ("外交部副部长",)
    assert said_by(doc, "雷伊奈尔").endswith("他祝愿中国人民节日快乐。")


def test_an_epigraph_is_claimed_by_the_attribution_that_opens_the_next_paragraph():
    text = (
        "“希望你们继续在崇德尚艺上作表率，创作更多精品佳作。”\n\n"
        "习近平总书记近日给8位电影艺术家回信，对电影工作者提出殷切期望。\n\n"
        "——编  者\n\n"
        "一辈子为人民服务\n\n陶玉玲（演员）\n\n我14岁入伍，是党和部队培养了我。\n\n"
        "扎根生活沃土\n\n张  译（演员）\n\n前辈们是我们的榜样。\n"
    )
    doc = parse_document(text)
    assert speakers(doc) == ["习近平", "陶玉玲", "张译"]
    assert said_by(doc, "习近平").startswith("“希望你们继续")


def test_an_official_giving_an_account_and_the_quotation_after_it():
    text = (
        "论坛现场\n\n"
        "某药业公司创始人、总经理金大磊作为产业代表，结合工作实际分享了药企如何立足源头创新。"
        "“我们将持续创新，共同促进全民健康。”\n\n"
        "市民王小红分享了自己的看病经历。\n"
    )
    doc = parse_document(text)
    assert speakers(doc) == ["金大磊"]  # an account given needs an office, not any description
    assert said_by(doc, "金大磊").endswith("共同促进全民健康。”")


def test_each_speech_says_how_it_is_attributed_and_how_sure_that_is():
    doc = parse_document(FORUM)
    assert {first(doc, "欧阳明远").who.cue, first(doc, "欧阳明远").who.confidence} == {"reported", "medium"}
    feature = parse_document(FEATURE)
    assert first(feature, "记者").who.confidence == "medium"
    labelled = parse_document("王洋：我们要抓项目。\n\n李亚飞：冰雪经济是重点。\n\n王洋：谢谢。\n")
    assert {s.who.cue for s in labelled.speeches} == {"label"} and first(labelled, "王洋").who.evidence() == ""
    gone_on = parse_document(
        "老兵的故事\n\n“我们夜里行动。”抗战老兵褚福山说。\n\n那年冬天很冷。\n\n“那时候很苦。”他说。\n"
    )
    assert [s.who.confidence for s in gone_on.speeches if s.who.speaker] == ["medium", "low"]


def test_a_common_word_led_by_a_family_name_is_no_speaker():
    text = (
        "罢工影响交通\n\n"
        "巴黎大众运输公司说，全巴黎16条地铁线路有10条停运。法国国家铁路公司表示，高铁只能保证五分之一运力。\n\n"
        "《求是》杂志发表重要文章。文章指出，制度优势是最大优势。习近平在文章中说，要坚定制度自信。\n\n"
        "姚明在周琦上场前叮嘱道：“你就专注好自己的发挥。”\n"
    )
    doc = parse_document(text)
    # never 公司, 文章, 文章中; a company speaks under its whole name
    assert speakers(doc) == ["巴黎大众运输公司", "法国国家铁路公司", "习近平", "姚明"]


VETERAN = """\
老兵的回忆

本报记者  石  磊

1944年，抗战老兵罗宝山参加了八路军。“这个小鬼我要了。”部队正缺通信员，团长点名要了他，“跟着我，一起打鬼子。”

“当兵先要有胆量。”多年以后，罗宝山对班长说的话记忆犹新，“那一夜，我一宿没睡。”

一次战斗中，罗宝山正在包扎伤员，就听到不远处传来战友的呼喊：“这边还有伤员！”他说：“我马上就来。”
"""


def test_a_role_the_page_never_names_speaks_under_the_role():
    doc = parse_document(VETERAN)
    assert speakers(doc) == ["团长", "班长", "罗宝山", "战友"]
    assert said_by(doc, "团长").startswith("“这个小鬼我要了。”")  # the quotation before its attribution
    assert said_by(doc, "班长") == "“当兵先要有胆量。”"  # not what 罗宝山 says after it
    # the sentence he opens ends in his own words; 他 is the person of the story, not 战友
    assert said_by(doc, "罗宝山") == "多年以后，罗宝山对班长说的话记忆犹新，“那一夜，我一宿没睡。”他说：“我马上就来。”"
    assert first(doc, "战友").who.confidence == "low"


def test_a_role_printed_with_a_name_or_a_relative_hearing_words_is_nobody():
    named = VETERAN.replace("1944年，", "1944年，刘班长带着新兵，")
    assert "班长" not in speakers(parse_document(named))
    heard = "护边人\n\n“有界碑才有牛羊。”这是村民罗宝山从小听家人常说的话。\n"
    assert speakers(parse_document(heard)) == []


def test_a_foreign_name_with_a_separator_ends_where_the_next_word_starts():
    text = (
        "边关\n\n"
        "“有界碑才有牛羊。”这是派出所副所长阿卜杜·热合曼从小听家人常说的话。"
        "他是家里第三代护边人，“边关有我们，国旗就会一直飘扬。”\n"
    )
    doc = parse_document(text)
    assert speakers(doc) == ["阿卜杜·热合曼"]
    assert said_by(doc, "阿卜杜·热合曼").startswith("他是家里第三代护边人")  # the family's saying is nobody's
    page = PageNames(text)
    assert page.name_after(text.index("副所长") + 3) == "阿卜杜·热合曼"
    assert page.ending_at(text.index("常说")) is None  # `阿卜杜·热合曼从小听家人` is no name


YEAR_END = """\
年终走笔

本报记者  马  强

一上车，68岁的游客葛玉兰就被车厢吸引。“行程既充实又放松，下次还来。”葛玉兰很满意。

店里陈列着新款跑鞋、运动服……“这家店挺有‘中国范儿’。”顾客王先生看完展品，也好奇起来。

“全屋家电省了1万多元。”最近，浙江杭州市民吕晓敏在网上下单买了电视机。

“当兵先要有胆量。”这是退伍老兵岑国栋常挂在嘴边的话。
"""


def test_a_quotation_then_a_sentence_about_a_person_with_no_verb_is_that_persons():
    doc = parse_document(YEAR_END)
    assert speakers(doc) == ["葛玉兰", "王先生", "吕晓敏"]  # 王先生: a family name and a form of address
    assert said_by(doc, "葛玉兰") == "“行程既充实又放松，下次还来。”"  # not the narration after it
    assert first(doc, "王先生").who.titles == ("顾客",)
    assert said_by(doc, "王先生") == "“这家店挺有‘中国范儿’。”"  # the enumeration before it ends at ……
    assert first(doc, "吕晓敏").who.titles == ("浙江杭州市民",)
    assert "岑国栋" not in speakers(doc)  # `这是…的话`: a saying, not a person opening the sentence


def test_a_quotation_after_narration_that_calls_the_person_she_is_hers():
    text = (
        "老兵\n\n抗战老兵宁玉珍是沂水县人。\n\n"
        "18岁那年，宁玉珍参军。从医院到前线，她随部队转战多地，从未退缩。“咱心里不怕牺牲，只想保家卫国！”\n\n"
        "他们一边行军，一边学习。“山里条件非常艰苦。”\n\n“那时候很苦。”宁玉珍说。\n"
    )
    doc = parse_document(text)
    assert said_by(doc, "宁玉珍").startswith("“咱心里不怕牺牲，只想保家卫国！”“那时候很苦。”")  # not 山里…: 他们
    assert first(doc, "宁玉珍").who.confidence == "low"  # 她 going on, no name or verb of its own


def test_a_word_the_page_repeats_or_a_persons_belongings_open_no_quotation():
    text = (
        "康养小镇\n\n康养是新业态，康养消费快速增长。\n\n"
        "“这款精油有助于睡眠。”在康疗区，康养师郑丽明打开一瓶精油。\n\n"
        "“没有你们，我们出不去了。”消防员王锦涛的手机里，保存着群众的感谢。\n\n"
        "“我水性好，让我上！”王锦涛说。\n"
    )
    doc = parse_document(text)
    # never 康养, a word the page repeats: the oil's words are the therapist's, who opens the next sentence
    assert speakers(doc) == ["郑丽明", "王锦涛"]
    assert said_by(doc, "王锦涛") == "“我水性好，让我上！”王锦涛说。"  # the thanks on his phone are not his


WIRE = """\
北岸国议会成立新联盟

本报记者  王  五

北岸国现任外相莫里斯也很活跃，他多次就此发声。

3月5日莫里斯在议会中表示，“我们会坚持原则。现在是重新思考的时候了。”

莫里斯3月6日在接受城市电视台(City TV)采访时表示，为了履行承诺，北岸国不惜牺牲贸易协议。

另一方面，北岸国驻南岸国大使馆发言人7日回应称，此事纯属内政，任何外国无权干预。

前议长施罗安一直力主强硬。近来在谈到新法时，施罗安就引用一位前首相的话说：“这是不幸之始。”

但南岸国总理杜兰德8日在接受《周日报》采访时表示，不管面对何种压力，他都会推进改革。

工会负责人葛兰9日威胁称，罢工将无限期持续。
"""


def test_a_wire_report_dates_occasions_and_foreign_names_introduced_once():
    """A wire report puts the day and the occasion between a speaker and the verb (`8日在
    接受《周日报》采访时表示`), answers with `回应称`/`威胁称`, and prints a foreign name
    bare once a title has introduced it (`外相莫里斯` … `3月5日莫里斯在议会中表示`)."""
    doc = parse_document(WIRE)
    assert speakers(doc) == ["莫里斯", "北岸国驻南岸国大使馆发言人", "施罗安", "杜兰德", "葛兰"]
    assert first(doc, "莫里斯").who.titles == ("北岸国现任外相",)
    assert "不惜牺牲贸易协议" in said_by(doc, "莫里斯") and "很活跃" not in said_by(doc, "莫里斯")
    assert first(doc, "杜兰德").who.titles == ("南岸国总理",)  # not 但南岸国总理
    assert said_by(doc, "施罗安").endswith("“这是不幸之始。”")
    assert said_by(doc, "葛兰") == "工会负责人葛兰9日威胁称，罢工将无限期持续。"


ROUND_UP = """\
多方肯定合作成果

本报记者  李  四

南岸国外长莫兰表示，两国合作成果丰硕。双方将继续深化经贸往来，造福两国人民。

北岸国总理卡斯特罗指出，两国友谊源远流长。据悉，两国已签署十余项合作协议。

退休教师周海明说，学校变化很大。1985年，周海明调到这所学校任教。他至今记得第一堂课。
"""


def test_a_paragraph_goes_on_with_the_words_it_reports_until_the_narrator_speaks():
    """`X表示，甲。乙。`: the sentences after a reported clause in its paragraph are still X's,
    until a narrator's word (`据悉`, a year) or a third person (`他`, X's name) tells a story
    about them."""
    doc = parse_document(ROUND_UP)
    assert said_by(doc, "莫兰").endswith("双方将继续深化经贸往来，造福两国人民。")
    assert said_by(doc, "卡斯特罗") == "北岸国总理卡斯特罗指出，两国友谊源远流长。"
    assert said_by(doc, "周海明") == "退休教师周海明说，学校变化很大。"


# round 15's first blind batch: foreign interviewees quoted first and named after, in three
# forms the parser had no rule for
FOREIGN_VOICES = """\
推动文明互鉴

本报记者  刘  军

“中国世界遗产总数达59项，这离不开中国政府付出的努力。”葡萄牙智库“中国观察”主席鲁伊·洛里多曾多次游览北京中轴线，在他看来，中轴线体现了中国传统都城规划理论。

常居中国的意大利视频博主阿雷赴山西打卡古建筑，播放量突破130万次。“中国传统建筑艺术让人着迷。”阿雷说，这款游戏把珍贵的古建筑带给了世界。

科威特《阿拉伯人报》开罗分社社长法迪·菲利普·内森去年应邀参加了媒体合作论坛。“这次赴华经历让我亲眼看到中国发展的成就。”法迪表示。

这样看来，文明交流互鉴前景广阔。
"""


def test_in_someones_view_two_characters_printed_again_and_an_arabic_given_name():
    doc = parse_document(FOREIGN_VOICES)
    # `在他看来，…` (in his view) reports the person of before, `在X看来` X
    assert "中轴线体现了" in said_by(doc, "鲁伊·洛里多")
    # a run of two transliteration characters after a position word, printed again with 说
    assert "中国传统建筑艺术让人着迷" in said_by(doc, "阿雷")
    # the given name (`法迪`) stands for the whole name the page introduces with a title
    assert "亲眼看到" in said_by(doc, "法迪·菲利普·内森")
    assert "法迪" not in speakers(doc)
    # `这样看来` (so it seems) names no one
    assert "前景广阔" not in "".join(said_by(doc, name) for name in speakers(doc))


# a headed section where one person has a deputy's status but others, titled, speak too:
# a report of several people, not that person's section
SEVERAL_IN_ONE_SECTION = """\
推动经济持续回升向好

5%左右，这一目标符合中国实际

本报记者  丁怡婷

“5%左右的经济增长目标，经过反复研究论证设定。”政府工作报告起草组负责人、国务院研究室主任沈丹阳说，这一目标符合中国实际。

“没有一定的增速，扩大就业就失去了物质基础。”中国社会科学院经济研究所研究员黄群慧委员说，这一目标与潜在增长水平相符。

国家信息中心经济预测部产业经济研究室主任魏琪嘉认为，这一目标起到了提振预期和信心的作用。

政策有效力。黄群慧委员认为，一揽子增量政策落地显效。
"""


def test_a_section_where_others_titled_speak_too_is_no_one_persons():
    doc = parse_document(SEVERAL_IN_ONE_SECTION)
    assert "反复研究论证" in said_by(doc, "沈丹阳")
    assert "提振预期" in said_by(doc, "魏琪嘉")
    assert "反复研究论证" not in said_by(doc, "黄群慧") and "增量政策" in said_by(doc, "黄群慧")


# a sentence opening with a name and then its title, printed once, whose colon quotation's
# clause opens with 他: that person's
NAME_THEN_TITLE = """\
人工智能进校园

本报记者  张  三

曹全喜教授是西安电子科技大学本科教学督导组副组长，谈起人工智能，他忍不住点赞：“有了人工智能，开展督导工作方便多了。”如今，打开智能督导系统，就能看到课堂画面。

“过去听课要跑遍校园。”学生李明说。
"""


def test_a_name_then_its_title_opens_a_sentence_whose_pronoun_introduces_a_quotation():
    doc = parse_document(NAME_THEN_TITLE)
    assert "督导工作方便多了" in said_by(doc, "曹全喜")
    assert "课堂画面" not in said_by(doc, "曹全喜")  # the narration after the quotation


# round 15's second blind batch: a visitor's name before a verb of going, a Spanish name
# said by its middle part, and `新要求` (a new requirement), which reports nobody's words
VISITORS = """\
国际人士看中国

本报记者  李  四

“人民群众可以参与讨论政策和监督执行。”西班牙马克思主义研究基金会主任埃迪·桑切斯·伊格莱西亚说。

今年4月，肯尼亚国民议会议员瑞贝卡·通葵到福建东山县谷文昌纪念馆参观。听到故事后，她说：“中国共产党的纪律性给我留下了深刻印象。”

“中国方案的价值在于互利共赢。”桑切斯说。

打造制度型开放新高地，是新形势下扩大高水平对外开放新要求。
"""


def test_a_visitors_name_ends_before_a_verb_of_going_and_a_middle_part_stands_for_the_whole():
    doc = parse_document(VISITORS)
    assert "纪律性" in said_by(doc, "瑞贝卡·通葵")
    assert "互利共赢" in said_by(doc, "埃迪·桑切斯·伊格莱西亚")
    assert speakers(doc) == ["埃迪·桑切斯·伊格莱西亚", "瑞贝卡·通葵"]  # nobody from `…新要求`


def test_a_sentence_adverb_before_the_subject_of_minutes_is_no_one():
    text = """MINUTES OF THE HEARING

Mrs. Catlin told the committee how the question stood.

Director Bagley asked about the schedule.

Next Mr. George Elliot said that a class of Christians ought to be named.

Next spoke Mr. Schulteis. He said that he represented a local assembly.

The Chair said the time was short.
"""
    doc = parse_document(text)
    assert "Next" not in speakers(doc)
    assert "ought to be named" in said_by(doc, "George Elliot")


def test_a_meeting_summary_that_lists_who_was_present_is_read_as_minutes():
    text = """# Budget Committee Meeting Summary

- Present: Elliot Payne, Robin Wonsley, Jeremiah Ellison, Linea Palmisano

## Discussion

Council Member Wonsley argued this could house up to 30% of currently unsheltered residents.

Supporters argued it aligned better with emergency response services.

Council Member Ellison proposed funding to prevent the closure of a shelter.

Council Member Palmisano countered that the lights should come first.
"""
    doc = parse_document(text)
    assert speakers(doc) == ["Robin Wonsley", "Jeremiah Ellison", "Linea Palmisano"]
    assert "unsheltered residents" in said_by(doc, "Robin Wonsley")


# a sentence that opens with a person's thoughts (`盛弘的感触很深`) and goes on to quote them
THOUGHTS_THEN_WORDS = """\
推开一扇门

本报记者  王  五

全国人大代表、居民区党总支书记盛弘牵头，组织民主议事征询意见，推动方案落地。

对此，盛弘的感触很深，打通围墙，只是社区里看似不起眼的微改造，却回应了居民最真切的需求，“小小社区，连着千家万户的柴米油盐、喜怒哀乐。”

盛弘的手机里存着居民发来的感谢信。
"""


def test_a_sentence_opening_with_a_persons_thoughts_quotes_them():
    doc = parse_document(THOUGHTS_THEN_WORDS)
    assert "柴米油盐" in said_by(doc, "盛弘")
    assert "感谢信" not in said_by(doc, "盛弘")  # `盛弘的手机里`: a thing of theirs, no words


BROADCAST = """\
### 国家副主席会见外宾

央视网消息（新闻联播）：6月18日，国家副主席韩正在北京分别会见加拿大工业部长乔利率领的企业家代表团、丹麦诺和诺德基金会主席索文森。

在会见乔利一行时，韩正表示，中方愿同加方加强经贸合作。乔利表示，加方高度重视发展对华关系。

### 习近平给老党员回信

央视网消息（新闻联播）：在建党纪念日之际，国家主席习近平给新华社102岁老党员张连生回信，向他致以诚挚问候。广大党员干部表示，要把学习成果转化为实际行动。
"""


def test_a_dateline_the_object_of_a_meeting_and_the_addressee_of_a_letter_are_nobodys_speech():
    doc = parse_document(BROADCAST)
    assert speakers(doc) == ["韩正", "乔利", "习近平"]  # not 央视网消息, 张连生, 广大党员干部
    assert first(doc, "乔利").who.titles == ("加拿大工业部长",)  # not `韩正在北京分别会见加拿大工业部长`
    assert "致以诚挚问候" in said_by(doc, "习近平")


def test_a_name_then_an_adverb_of_time_before_the_verb_of_saying():
    doc = parse_document("特首辦主任陳國基其後說，是免得浪費記者時間重複提問。\n\n另一段。")
    assert speakers(doc) == ["陳國基"] and "免得浪費" in said_by(doc, "陳國基")


LEGCO_RECORD = """出席議員：

主席曾鈺成議員 , G.B.S., J.P.

陳志全議員

出席政府官員：

運輸及房屋局局長張炳良教授 , G.B.S., J.P.

教育局局長吳克儉先生 , S.B.S., J.P.

立法會  ─  2013年 4月 24日

議員質詢的書面答覆

1. 陳志全議員：主席，關於中學學位分配，政府可否告知本會有關數字？

教育局局長：主席，現時全港共有四百多所中學。

主席：第二項質詢。

運輸及房屋局局長：主席，政府會繼續檢討公共交通的票價。
"""


def test_an_office_label_is_the_holder_the_attendance_list_names():
    doc = parse_document(LEGCO_RECORD)
    assert speakers(doc) == ["陳志全", "吳克儉", "曾鈺成", "張炳良"]
    assert "教育局局長" in first(doc, "吳克儉").who.titles and "四百多所" in said_by(doc, "吳克儉")


HACKMD_NOTE = """---
title: "拜訪立委筆記"
tags: g0v ly
---

### 時間

目前暫定 11/21 週四下午四點半
> 大家列一下可以的時間再決定？委員時間：週一三四下午四點後，或週五。
> [name=ipa c]

> ly: 週四,週五都可以
> [name=Yuan C]

> 可以
> [name=johnny]

> 週四 16:30應該沒問題，那就回信約 16:30?
> [name=Walkingice C] [time=Tue, Nov 19, 2013 10:02 PM]
"""


def test_comments_signed_as_hackmd_notes_sign_them_are_their_signers():
    doc = parse_document(HACKMD_NOTE)
    assert speakers(doc) == ["ipa c", "Yuan C", "johnny", "Walkingice C"]
    assert "委員時間" in said_by(doc, "ipa c") and "目前暫定" not in said_by(doc, "ipa c")  # the note's own line
    assert "可以" in said_by(doc, "johnny")


def test_a_paragraph_a_crawler_marked_up_as_a_heading_is_read_as_a_paragraph():
    page = (
        "# 世界這一天\n\n#### 國務委員兼外長王毅表示，中日經濟合作面臨新的歷史條件和宏觀環境，站在新的起點上，雙方應從戰略和務實兩個層面深入溝通，以增進理解、積累互信。\n\n"
        "#### 國際新聞\n\n#### 法國總統馬克龍表示，法國參與空襲敘利亞是正當而且必要的，目標只針對敘利亞政府的化學武器設施，並不是向敘利亞宣戰，也不是要推翻政權。\n"
    )
    doc = parse_document(page)
    assert speakers(doc) == ["王毅", "馬克龍"]
    assert first(doc, "馬克龍").who.heading == "國際新聞"  # a short one still heads what follows


def test_no_title_is_what_a_quotation_mark_cut_off():
    page = (
        "“这班非上不可”的产科医生初振豪——\n\n“母子平安！”初振豪说。作为盛京医院的产科医生，初振豪知道那一声啼哭的分量。\n\n"
        "“坚守边疆15年”的基层医生索朗片多——\n\n“牧民需要我们。”索朗片多说。\n"
    )
    doc = parse_document(page)
    assert not any(t.startswith("的") for s in doc.speeches for t in s.who.titles)


NPC_VICE_CHAIR = """# 中国两会：美国谴责北京改变香港选举制度

2021-03-07

北京宣布将改革香港的选举制度后，美国谴责中国继续攻击香港的民主制度。

中国全国人大副委员长王晨周五表示，香港社会乱象表明，现行选举机制存在明显的漏洞和缺陷。

此举显示，中国政府将不再容忍在香港存在异见。

中国全国人大副委员长王晨表示，将继续由选举委员会选举产生行政长官。
"""


def test_a_vice_chairman_of_the_standing_committee_is_no_member_status():
    # 委员长 is an office, not a name followed by 委员 (`国人大副` + 委员长 named no one)
    doc = parse_document(NPC_VICE_CHAIR)
    assert speakers(doc) == ["王晨"]


ASKED_THEN_ANSWERED = """# 港台記者問了什麼？

特首林鄭月娥今日鬧出公關災難，中文台記者提問她表態支持填海後，港台英文台記者追問，林鄭卻指問題重複，語帶嘲諷說日後新聞處可以安排即時翻譯，免得浪費時間。

林鄭在官場多年，對記者不甚友善。
"""


def test_words_reported_after_a_reporters_question_are_not_the_reporters():
    # `…記者追問，林鄭卻指…，語帶嘲諷說…`: the words after 說 are the answer's; better nobody's
    # than the reporter's
    doc = parse_document(ASKED_THEN_ANSWERED)
    assert "記者" not in speakers(doc)


def test_a_title_starts_after_what_moves_the_person_named():
    doc = parse_document(
        "习近平总书记的重要讲话让农工党中央专职副主席王路委员切身感受到大国领袖深厚的为民情怀。"
        "王路说：“我们要做好本职工作。”他表示，将继续努力。"
    )
    assert first(doc, "王路").who.titles == ("农工党中央专职副主席", "委员")


def test_a_section_that_quotes_others_the_page_introduces_is_no_ones_section():
    # the last section introduces 马秀珍委员 and quotes 卢柯 (他表示 after his name) and 王路,
    # introduced with his title in the section before: each keeps their own words
    doc = parse_document(
        "建设健康中国\n\n**以人民为中心**\n\n"
        "农工党中央专职副主席王路委员说，要坚持问题导向。“要全面落实预防为主方针。”王路说。\n\n"
        "**数智赋能**\n\n"
        "九三学社宁夏回族自治区委员会主委马秀珍委员在调研中发现，人工智能大有可为。“可以让数据多跑路。”马秀珍说。\n\n"
        "“材料是技术和产业创新的基石。”现场聆听总书记的重要讲话，全国政协常委、中国科学院院士卢柯充满期待。"
        "他表示，将继续关注植入类材料的原创性研究。\n\n"
        "“要把卫生健康领域作为人工智能赋能应用的重点场景。”王路建议，应用人工智能系统推进药品研发。\n"
    )
    assert said_by(doc, "卢柯").startswith("“材料是技术")
    assert "重点场景" in said_by(doc, "王路")
    assert "材料" not in said_by(doc, "马秀珍")


def test_a_deputys_status_after_the_name_is_among_the_titles_of_reported_speech():
    doc = parse_document(
        "吉林省公益慈善基金会会长刘启芳委员聆听总书记重要讲话后深有感悟。"
        "“要多问自己：我能做什么？”刘启芳说，要结合本职工作。"
    )
    assert first(doc, "刘启芳").who.titles == ("吉林省公益慈善基金会会长", "委员")
