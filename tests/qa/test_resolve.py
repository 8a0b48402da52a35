"""Question understanding over a small hand-made catalog (pure functions, no store)."""

from index.library import CatalogSpeech
from index.records import Attribution
from qa.resolve import Conversation, quoted_phrases, resolve, said_phrases


def speech(key, speaker, units=(), titles=(), roles=("书记",)):
    doc_id, version, index = key.split(":")
    who = Attribution(
        speaker=speaker,
        units=tuple(units),
        roles=tuple(roles),
        titles=tuple(titles),
        doc_id=doc_id,
        version=version,
        speech_index=int(index),
        doc_title="doc",
        source="src",
    )
    return CatalogSpeech(who, 2, 0, 10)


CATALOG = [
    speech("d:v:1", "鲁正兰", ["海棠区", "市现代服务业产业园"]),
    speech("d:v:2", "陈明", ["吉阳区"]),
    speech("d:v:7", "吴萍", ["教育局"], ["三亚市教育局党委书记"]),  # the unit without its place, the title with it
    speech("e:v:1", "葛慧君", ["浙江省政协"]),
    speech("e:v:2", "吉林", ["北京市政协"]),
    speech("e:v:3", "江泽林", ["吉林省政协"]),
    speech("f:v:0", "Barack H Obama"),
    speech("g:v:0", "DeWine", roles=("Governor",)),
    speech("g:v:1", "Mills", roles=("Governor",)),
]
# What the indexed texts say, for the questions that need to know (`resolve(says=…)`)
TEXTS = (
    "海棠区深入探索“湾区大党委”体制机制。Governor Mills of Maine and Governor DeWine of Ohio joined. Texas. "
    "Speaking first is Apple's CEO, Tim Cook."
)


def says(words: str, speeches=None) -> bool:
    return words.lower() in TEXTS.lower()


def test_a_named_unit_or_speaker_becomes_a_filter():
    res = resolve("教育局说了什么？", CATALOG)
    assert (res.units, res.intent, res.speeches) == (("教育局",), "said", frozenset({"d:v:7"}))
    res = resolve("陈明提了哪些举措？", CATALOG)
    assert (res.speakers, res.intent, res.speeches) == (("陈明",), "said", frozenset({"d:v:2"}))
    assert resolve("三亚市教育局的发言讲了什么", CATALOG).units == ("教育局",)


def test_a_unit_named_with_another_place_is_not_the_indexed_one():
    for question, unknown in (
        ("海口市教育局说了什么？", "海口市教育局"),
        ("江苏省政协主席在会上讲了什么？", "江苏省政协"),
    ):
        res = resolve(question, CATALOG)
        assert res.unknown == (unknown,) and res.units == () and res.speeches == frozenset()
    assert resolve("江苏省政协主席在会上讲了什么？", CATALOG).suggestions == (
        "浙江省政协 葛慧君",
        "北京市政协 吉林",
        "吉林省政协 江泽林",
    )
    assert resolve("浙江省政协主席在会上讲了什么？", CATALOG).units == ("浙江省政协",)


def test_longest_name_wins():
    res = resolve("吉林省政协说了什么？", CATALOG)
    assert res.units == ("吉林省政协",) and res.speakers == ()
    assert resolve("What did Obama say about jobs?", CATALOG).speakers == ("Barack H Obama",)


def test_names_not_in_the_index_select_nothing():
    res = resolve("三亚市财政局在会上说了什么？", CATALOG)
    assert res.unknown == ("三亚市财政局",) and res.speeches == frozenset()
    res = resolve("李明书记谈了哪些环保措施？", CATALOG)
    assert res.unknown == ("李明",) and res.speeches == frozenset()


def test_ordinary_questions_are_not_mistaken_for_names():
    for question in (
        "谁说要用特聘专家、技术顾问来提升村干部能力？",
        "谁提出了“湾区大党委”体制机制？",
        "哪些单位提到了营商环境或招商引资？",
    ):
        res = resolve(question, CATALOG)
        assert res.unknown == () and res.speeches is None, question


def test_intents():
    assert resolve("谁要试行“直通联办”改革？", CATALOG).intent == "who"
    assert resolve("哪些单位提到了人才工作？", CATALOG).intent == "which"
    assert resolve("Which officials talked about schools?", CATALOG).intent == "which"
    assert resolve("Who talked about schools?", CATALOG).intent == "who"
    assert resolve("Which NDP members talked about rents?", CATALOG).intent == "which"  # a name before the kind
    assert resolve("Which member has talked about rents?", CATALOG).intent == "who"  # `has` is no plural
    assert resolve("人才工作怎么做？", CATALOG).intent == "ask"


def test_follow_up_refers_to_the_last_speaker():
    conversation = Conversation()
    conversation.remember("陈明提了哪些举措？", ["陈明"], [("d", 5)])
    res = resolve("他还说了什么？", CATALOG, conversation)
    assert res.follow_up and res.speakers == ("陈明",) and res.intent == "said"
    assert resolve("What else did he say?", CATALOG, conversation).speakers == ("陈明",)
    assert not resolve("他还说了什么？", CATALOG).follow_up  # no conversation: nobody to refer to


def test_explicit_filters_narrow_and_an_unknown_one_selects_nothing():
    assert resolve("人才", CATALOG, speaker="陈明").speeches == frozenset({"d:v:2"})
    assert resolve("人才", CATALOG, unit="吉阳区").speeches == frozenset({"d:v:2"})
    assert resolve("人才", CATALOG, speaker="王五").speeches == frozenset()
    assert resolve("人才", CATALOG, doc_id="e").speeches == frozenset({"e:v:1", "e:v:2", "e:v:3"})
    assert resolve("教育局说了什么？", CATALOG, speaker="陈明").speeches == frozenset()


def test_traditional_characters_are_understood_too():
    catalog = [*CATALOG, speech("h:v:3", "單仲偕", ["立法會"])]
    res = resolve("單仲偕議員說了什麼？", catalog)
    assert (res.speakers, res.intent) == (("單仲偕",), "said")
    assert resolve("李明書記談了哪些環保措施？", catalog).unknown == ("李明",)
    assert resolve("誰提出了湾区大党委？", catalog).intent == "who"


def test_english_questions_name_chinese_speakers_and_districts_in_pinyin():
    res = resolve("What did Wu Ping say?", CATALOG)
    assert (res.speakers, res.intent, res.speeches) == (("吴萍",), "said", frozenset({"d:v:7"}))
    assert resolve("Did Zhenglan Lu mention the bay area?", CATALOG).speakers == ("鲁正兰",)
    res = resolve("What did the Haitang district secretary say about party building?", CATALOG)
    assert res.units == ("海棠区",) and res.speeches == frozenset({"d:v:1"})
    assert resolve("What did Jiyang district propose?", CATALOG).units == ("吉阳区",)


def test_pinyin_names_need_both_parts_and_capitals():
    assert resolve("Who talked about ping pong with Wu?", CATALOG).speeches is None
    assert resolve("what did wu ping say?", CATALOG).speeches is None  # lower case: not a name
    assert resolve("Who mentioned Mali?", [*CATALOG, speech("g:v:1", "马力")]).speeches is None
    catalog = [*CATALOG, speech("g:v:1", "单仲偕"), speech("g:v:2", "欧阳明月")]
    assert resolve("What did Shan Zhongxie say?", catalog).speakers == ("单仲偕",)  # a family name's reading
    assert resolve("What did Ouyang Mingyue say?", catalog).speakers == ("欧阳明月",)


def test_english_questions_about_people_not_in_the_index_select_nothing():
    res = resolve("What did Joe Biden say about schools?", CATALOG)
    assert res.unknown == ("Joe Biden",) and res.speeches == frozenset()
    assert resolve("What did Li Ming propose?", CATALOG).unknown == ("Li Ming",)
    known = resolve("What did Barack Obama say about jobs?", CATALOG)  # a known name is no unknown
    assert known.unknown == () and known.speakers == ("Barack H Obama",)
    for office in ("What did the Education Bureau say?", "What did President Xi say?"):
        assert resolve(office, CATALOG).speeches is None  # offices and organisations are searched
    # addressed as a person (`Ms`, `QC`) by a surname no speaker has: unknown, though a speech mentions her
    mentioned = resolve("What did Ms Gallafent QC say on behalf of Post Office Ltd?", CATALOG, says=lambda *a: True)
    assert mentioned.unknown == ("Gallafent",) and mentioned.speeches == frozenset()
    assert resolve("What did Mr Speaker say?", CATALOG).unknown == ()  # an office, addressed
    described = resolve("What did the counsel appearing with Mr Blake say?", CATALOG, says=lambda *a: True)
    assert described.unknown == ()  # asked about the counsel, not Mr Blake


def test_a_name_jieba_knows_with_a_rarer_family_name_is_unknown_where_no_text_prints_it():
    for question in ("温家宝对北京奥运会说了什么？", "温家宝说了什么？"):
        res = resolve(question, CATALOG, says=lambda *a: False)
        assert res.unknown == ("温家宝",) and res.speeches == frozenset()
    assert resolve("温家宝说了什么？", CATALOG, says=lambda *a: True).unknown == ()  # printed: searched


def test_a_districts_unit_is_unknown_where_no_speaker_or_text_has_it():
    for question, unknown in (
        ("朝阳区教育局在会上说了什么？", "朝阳区教育局"),  # 朝阳区 is said nowhere
        ("吉阳区教育局在会上讲了什么？", "吉阳区教育局"),  # 吉阳区 is 陈明's, its 教育局 nobody's
    ):
        res = resolve(question, CATALOG, says=says)
        assert res.unknown == (unknown,) and res.speeches == frozenset(), question
    # 湾区大党委 is something said, not a unit of a district called 湾区
    assert resolve("谁提出了湾区大党委？", CATALOG, says=says).unknown == ()
    assert resolve("湾区大党委" * 3, CATALOG, says=says).unknown == ()  # no unit spans two of them
    assert resolve("吉阳区在会上讲了什么？", CATALOG, says=says).speakers == ()  # the district itself: a unit
    assert resolve("朝阳区教育局在会上说了什么？", CATALOG).unknown == ()  # without `says`, nothing is assumed


def test_an_office_of_a_place_is_its_holder_or_unknown():
    res = resolve("What did the Governor of Ohio say about vaccines?", CATALOG, says=says)
    assert res.speakers == ("DeWine",) and res.speeches == frozenset({"g:v:0"})
    texas = resolve("What did the Governor of Texas say?", CATALOG, says=says)  # Texas is said, by no governor
    assert texas.unknown == ("Governor of Texas",) and texas.speeches == frozenset()
    assert texas.suggestions == ("DeWine", "Mills")
    assert resolve("What did the Mayor of Chicago say?", CATALOG, says=says).unknown == ("Mayor of Chicago",)
    # an organisation asked about itself, by words no person's name holds (`of`)
    res = resolve("What did the Federation of Small Businesses say about apprenticeships?", CATALOG, says=says)
    assert res.unknown == ("Federation of Small Businesses",) and res.speeches == frozenset()
    assert resolve("What did the Governor of Maine say?", CATALOG, says=says).unknown == ()  # an office, held


def test_a_role_the_units_speakers_hold_right_after_the_unit_says_who_not_what():
    catalog = [*CATALOG, speech("e:v:4", "王荣", ["广东省政协"], roles=("主席",))]
    chair = resolve("广东省政协主席在会上讲了什么？", catalog)
    assert (chair.units, chair.topic, chair.intent) == (("广东省政协",), (), "said")
    about = resolve("广东省政协主席谈到了文化建设吗？", catalog)
    assert "主席" not in about.topic and "文化" in about.topic
    other = resolve("广东省政协主任讲了什么？", catalog)  # not a role its speakers hold: left as words
    assert "主任" in other.topic


def test_words_that_ask_what_someone_thinks_or_who_speaks_for_a_unit_are_not_what_was_said():
    catalog = [*CATALOG, speech("e:v:5", "Geoffrey Mitchell", ["Scottish Ministers"])]
    counsel = resolve("What did counsel for the Scottish Ministers say?", catalog)
    assert (counsel.units, counsel.topic, counsel.intent) == (("Scottish Ministers",), (), "said")
    thinks = resolve("陈明认为党建品牌怎么打造？", CATALOG)
    assert "认为" not in thinks.topic and "品牌" in thinks.topic


OFFICES = [
    *CATALOG,
    speech("h:v:1", "黄红霞", ["河南省卫生健康委员会"], ["全国政协委员", "河南省卫生健康委员会主任"], ["主任"]),
    speech("t:v:0", "主席", [], ["主席"], ["主席"]),  # a record's presiding officer, known by the role alone
    speech("t:v:1", "陳冲", ["行政院"], ["院長"], ["院長"]),
]


def test_offices_and_titled_names_no_speaker_holds_are_unknown():
    for question, unknown in (
        ("民政部养老服务司司长对“一老一小”说了什么？", "民政部养老服务司司长"),
        ("五粮液集团董事长对品牌建设说了什么？", "五粮液集团董事长"),
        ("联想集团董事长杨元庆对今年经济形势怎么看？", "联想集团董事长杨元庆"),
        ("保安局局長對原住民族自治法草案有什麼看法？", "保安局局長"),
    ):
        res = resolve(question, OFFICES)
        assert res.unknown == (unknown,) and res.speeches == frozenset(), question
    # a person who is no speaker is unknown even where the question names a known unit too
    res = resolve("北京市政协委员王建国谈了什么？", OFFICES)
    assert any("王建国" in u for u in res.unknown) and res.speeches == frozenset()
    # … or where the unit and a role its speakers hold stand before the name, and where it spoke next
    catalog = [*OFFICES, speech("d:v:1", "王建清", ["全国人大"], ["全国人大代表"], ["代表"])]
    res = resolve("全国人大代表钟南山在文中提出了哪些建议？", catalog)
    assert res.unknown == ("钟南山",) and res.speeches == frozenset()
    assert resolve("全国人大代表王建清在文中提出了哪些建议？", catalog).unknown == ()
    # 和 may join two names, yet here it ends one the question then asks about
    assert resolve("新四军老战士、百岁老人张仁和讲了哪些战斗故事？", OFFICES).unknown == ("百岁老人张仁和",)


def test_an_office_printed_in_full_is_known_by_its_abbreviation_and_a_topic_office_is_no_asker():
    res = resolve("河南省卫健委主任在养老托育方面提了哪些建议？", OFFICES)  # the office's holder
    assert (res.unknown, res.speakers, res.speeches) == ((), ("黄红霞",), frozenset({"h:v:1"}))
    assert resolve("谁谈到了村党支部书记的作用？", OFFICES).unknown == ()  # the office is what is asked about
    assert resolve("哪些代表谈到了村级“小微权力”和村干部？", OFFICES).unknown == ()
    assert resolve("有位语文老师说了什么？", OFFICES).unknown == ()  # a description, no organisation
    # after an opening 谁 and its verb comes what was said, whatever the verb: people of a kind
    # there (群众, 村民) are no one asked about
    assert resolve("谁希望实现分级诊疗，让数据多跑路、群众少跑腿？", OFFICES).unknown == ()
    assert resolve("谁希望乡镇医院借助远程会诊，让省里专家为摔伤村民看片子？", OFFICES).unknown == ()


def test_an_office_no_text_prints_is_unknown_and_one_a_title_prints_names_its_holders():
    catalog = [
        *OFFICES,
        speech(
            "i:v:1", "张轶鹏", ["内蒙古伊利实业集团股份有限公司"], ["内蒙古伊利实业集团股份有限公司副总裁"], ["副总裁"]
        ),
        speech("i:v:2", "李肖娜", ["海连社区"], ["海连社区党委书记"], ["党委书记"]),
        speech("i:v:3", "陈明", ["吉阳区"], ["三亚吉阳区委书记"], ["区委书记"]),
        speech("i:v:4", "王洋", ["武汉市发展和改革委员会"], ["湖北省武汉市发展和改革委员会主任"], ["主任"]),
    ]
    for question, unknown in (
        ("华为轮值董事长对新型举国体制怎么看？", "华为轮值董事长"),  # 华为轮值 is printed nowhere
        ("山西省晋城市市长对政绩观谈了什么？", "山西省晋城市市长"),
        ("华为轮值董事长建议了什么？", "华为轮值董事长"),  # a verb that puts words forward
    ):
        res = resolve(question, catalog, says=says)
        assert res.unknown == (unknown,) and res.speeches == frozenset(), question
    # an office after that verb is what was proposed, not who proposed it
    assert resolve("谁建议海外毕业生不用考试就能在香港注册当医生？", catalog, says=says).unknown == ()
    # 伊利's office: the title prints what 伊利 abbreviates, then the position
    res = resolve("伊利的副总裁说他们的专利申请量排第几？", catalog, says=says)
    assert (res.unknown, res.speakers) == ((), ("张轶鹏",))
    # an organisation before 的 that no speaker's title holds is unknown, printed or not
    # (a company the narration says was visited); which one is asked is not
    res = resolve("中山零壹金服的负责人介绍了什么？", catalog, says=lambda words, speeches=None: True)
    assert res.unknown == ("中山零壹金服的负责人",) and res.speeches == frozenset()
    assert resolve("哪家酒企的董事长说了什么？", catalog, says=says).unknown == ()
    # an organisation of a kind (党委, 区委) names no one; which organisation is asked; a status is many people's
    for question in (
        "有位党委书记说了什么？",
        "“湾区大党委”是哪个区在探索？区委书记怎么说的？",
        "哪家酒企董事长说了什么？",
    ):
        res = resolve(question, catalog, says=says)
        assert (res.unknown, res.speakers) == ((), ()), question
    assert resolve("最年轻代表说了什么？", catalog, says=says).unknown == ()
    # words that ask or join are no place, unit or name: 有位, 三位, 除了, 省级, 的
    for question in ("有位市政协主席说了什么？", "除了省级政协，还有哪些地市和县区政协的主席发了言？"):
        assert resolve(question, catalog, says=says).unknown == (), question
    res = resolve("三位发改委主任谈了什么？", catalog, says=says)
    assert (res.unknown, res.speakers) == ((), ("王洋",))


def test_an_english_askers_organisation_no_text_prints_is_unknown():
    for question in ("What did the analyst from Barclays ask about margins?", "What did Barclays' analyst say?"):
        res = resolve(question, CATALOG, says=says)
        assert res.unknown == ("Barclays",) and res.speeches == frozenset(), question
    assert resolve("What did the analyst from Texas ask?", CATALOG, says=says).unknown == ()
    assert resolve("What did Apple's CEO say about the iPhone?", CATALOG, says=says).unknown == ()  # printed
    assert resolve("What did Microsoft's CEO say?", CATALOG, says=says).unknown == ("Microsoft's CEO",)
    assert resolve("What did the Mayor of Chicago say?", CATALOG, says=says).unknown == ("Mayor of Chicago",)


def test_an_organisation_cited_or_an_office_for_a_place_no_text_prints_is_unknown():
    """`According to X, …` cites X; `the Commissioner for the Isle of Man`, `the Chief Medical
    Officer for Guernsey` are offices of places (`for` as `of`); `…有沒有回應` asks about the
    person before it; and asked about an office nobody holds, a speaker named after `say
    about` is what was said about, no filter that lets others answer."""
    res = resolve("According to the Fairhaven Policy Center, how many jobs would the plan create?", CATALOG, says=says)
    assert res.unknown == ("Fairhaven Policy Center",) and res.speeches == frozenset()
    for question in (
        "What did the Children's Commissioner for the Isle of Man say about lockdown?",
        "Did the Chief Medical Officer for Guernsey speak about vaccinations?",
        "What did the Chief Constable of Dyfed-Powys Police say about the new law?",
        "Did the Attorney General for Nunavut comment on the ruling?",
    ):
        res = resolve(question, CATALOG, says=says)
        assert res.unknown and res.speeches == frozenset(), question
    res = resolve("安捷建築公司董事長羅志鴻有沒有回應事故？", OFFICES, says=says)
    assert res.unknown == ("安捷建築公司董事長羅志鴻",) and res.speeches == frozenset()
    res = resolve("What did the Mayor of Chicago say about Chen Ming's plan?", CATALOG, says=says)
    assert res.unknown == ("Mayor of Chicago",) and res.speeches == frozenset()


def test_family_name_and_role_address_a_speaker_in_either_script_and_a_role_inside_a_title_is_no_speaker():
    assert resolve("陈院长为什么没去灾区？", OFFICES).speakers == ("陳冲",)
    assert resolve("北京市政协主席吉林在会上谈了什么？", OFFICES).speakers == ("吉林",)  # not the one called 主席
    assert resolve("主席说了什么？", OFFICES).speakers == ("主席",)


def test_english_names_no_text_prints_are_unknown():
    for question, unknown in (
        ("What did Treasury Secretary Steven Mnuchin say about repo?", "Steven Mnuchin"),
        ("What did the veteran Li Guoqiang say about the battle?", "Li Guoqiang"),
    ):
        res = resolve(question, OFFICES, says=says)
        assert res.unknown == (unknown,) and res.speeches == frozenset(), question
    assert resolve("What did the Sanya Education Bureau say?", OFFICES, says=says).unknown == ()  # no person
    assert resolve("What did Governor Mills of Maine say?", OFFICES, says=says).unknown == ()


def test_the_one_holder_of_an_office_whose_own_words_name_the_place_holds_it():
    said = {"g:v:0": "here in Ohio we vaccinate", "g:v:1": "we in Maine and in New Mexico"}

    def says_in(words, speeches=None):
        return any(words.lower() in text.lower() for key, text in said.items() if speeches is None or key in speeches)

    assert resolve("What did the governor of Ohio say?", CATALOG, says=says_in).speakers == ("DeWine",)
    res = resolve("What did the governor of Texas say?", CATALOG, says=says_in)
    assert res.unknown == ("Governor of Texas",) and res.speeches == frozenset()


def test_an_english_office_is_held_by_the_speaker_whose_chinese_title_prints_it_in_translation():
    glossary = {"cyprus": ("塞浦路斯",), "presid": ("总统", "校长"), "qingdao": ("青岛",), "ocean": ("海洋",)}
    glossary |= {"develop": ("发展",), "director": ("主任",), "china": ("中国",), "mayor": ("市长",)}
    glossary |= {"agricultur": ("农业",), "affair": ("事务",), "minist": ("部长",), "senat": ("参议员",)}
    glossary |= {"universiti": ("大学",), "execut": ("行政",)}
    glossary |= {"central": ("中央",), "financi": ("金融",), "commiss": ("委托",), "offic": ("办公室", "局")}

    def bridge(tokens):
        return tuple((t, *glossary[t]) if t in glossary else t for t in tokens)

    catalog = [
        *CATALOG,
        speech("c:v:0", "赫里斯托祖利季斯", ["塞浦路斯"], ["塞浦路斯总统"], ["总统"]),
        speech("c:v:1", "孟庆胜", ["青岛市海洋发展局"], ["青岛市海洋发展局局长"], ["局长"]),
        speech("c:v:2", "刘伟", ["中国人民大学"], ["中国人民大学校长"], ["校长"]),
        speech("c:v:3", "韩俊", ["农业农村部"], ["农业农村部部长"], ["部长"]),
        speech("c:v:4", "佩列彼尼斯", ["外交部"], ["外交部副部长"], ["副部长"]),
        speech("c:v:5", "王江", ["中央金融工委"], ["中央金融工委副主任"], ["副主任"]),
    ]
    for question, holder in (
        ("What did the President of Cyprus say about China?", "赫里斯托祖利季斯"),
        ("What did the director of the Qingdao Ocean Development Bureau say?", "孟庆胜"),  # the bureau's ending
        # two names joined by `and`, `Rural` untranslated (农村), `Affairs` left out in Chinese
        ("What did the Minister of Agriculture and Rural Affairs say about poverty?", "韩俊"),
        # an organisation abbreviated (工委), `Commission` and `Office` in senses no title prints
        ("What did the deputy director of the Central Financial Commission Office say?", "王江"),
    ):
        res = resolve(question, catalog, says=says, bridge=bridge)
        assert res.speakers == (holder,) and res.unknown == (), question
    for question in (
        "What did the President of China say?",
        "What did the Mayor of Qingdao say?",
        "What did the Minister of Agriculture and Senator Smith say?",  # `and` joins two people: no ministry
        "What did the chief executive of Universities UK say?",  # `UK` untranslated, 大学 printed by none
    ):
        res = resolve(question, catalog, says=says, bridge=bridge)  # 中国人民大学校长, 青岛市海洋发展局局长: no
        assert res.speakers == () and res.speeches == frozenset(), question


UNITS = [
    speech("u:v:0", "江阳", ["贵州省大数据发展管理局"], ["委员", "贵州省大数据发展管理局副局长"], ["副局长"]),
    speech("u:v:1", "柳江", ["四川长虹电子控股集团有限公司"], ["四川长虹电子控股集团有限公司党委书记"], ["党委书记"]),
    speech("u:v:2", "吴之凌", ["黄石市"], ["黄石市市长", "代表"], ["市长"]),
    speech(
        "u:v:3",
        "李亚飞",
        ["黑龙江省哈尔滨市人民政府"],
        ["黑龙江省哈尔滨市人民政府副秘书长", "市发展和改革委员会主任"],  # the second title's 市 is 哈尔滨市
        ["副秘书长", "主任"],
    ),
    speech("u:v:4", "吴萍", ["教育局"], ["三亚市教育局党委书记"]),
    speech("u:v:5", "王东", ["公安局"], ["三亚市公安局党委书记"]),
    speech("u:v:6", "李若平", ["育才生态区"], ["三亚育才生态区工委书记"]),
    speech("u:v:7", "马洁红", ["广州市南沙区"], ["广州市南沙区副区长"]),
    speech("u:v:8", "杨梦甦", ["香港城市大学"], ["香港城市大学高级副校长"]),
]


def test_a_unit_named_in_other_words_than_the_titles_print_is_theirs_and_one_of_a_known_place_may_be_unknown():
    for question, holder in (
        ("贵州省大数据局提到的“贵人智办”是什么？", "江阳"),  # 贵州省: 州 ends the name, not a level
        ("长虹集团的负责人怎么看以旧换新？", "柳江"),  # whoever speaks for it: 负责人 is no printed title
    ):
        res = resolve(question, UNITS, says=says)
        assert res.speakers == (holder,) and res.unknown == (), question
    # `这家公司`: a follow-up's organisation, no person named 公司 and nothing unknown
    assert resolve("这家公司对消费怎么看？", UNITS, says=says).unknown == ()
    # which city's head: a kind of organisation asked for, not 香港城市大学's
    assert resolve("哪个城市的负责人谈到签约后三个月就开工的工厂？", UNITS, says=says).speakers == ()
    # cadres of a kind of organisation (`村干部`): whoever holds a post in one, no unit ending in 部
    village = [*UNITS, speech("u:v:9", "张世宝", ["杨河村"], ["村党支部书记"])]
    for question in ("哪位村干部认为，办一座读书场所胜过送现金？", "哪位村干部谈到了养老？"):
        assert resolve(question, village, says=says).unknown == (), question
    # a bureau of a city some speaker is from, that no title prints, asked about with 对
    res = resolve("黄石市教育局对学校建设说了什么？", UNITS, says=says)
    assert res.unknown == ("黄石市教育局",) and res.speeches == frozenset()


def test_an_english_question_names_a_chinese_unit_by_its_place_and_kind():
    glossary = {"harbin": ("哈尔滨", "哈尔滨市"), "financ": ("财政", "金融"), "bureau": ("署",), "sanya": ("三亚",)}
    glossary |= {"develop": ("发展",), "reform": ("改革",), "commiss": ("委员会",), "huangshi": ("黄石",)}
    glossary |= {"educ": ("教育", "育"), "public": ("公共", "公安"), "secur": ("安全", "公安"), "transport": ("交通",)}
    glossary |= {"citi": ("城市", "市"), "govern": ("政府",), "mayor": ("市长",), "guangzhou": ("广州",)}
    glossary |= {"health": ("健康", "卫生"), "commiss": ("委员会",)}

    def bridge(tokens):
        return tuple((t, *glossary[t]) if t in glossary else t for t in tokens)

    for question, holder in (
        ("What did the Harbin development and reform commission say?", "李亚飞"),  # 和 between, the 市 restored
        ("What did the Sanya education bureau say?", "吴萍"),  # not 育才 of another unit: 育 alone is no evidence
        ("What did the Sanya public security bureau say?", "王东"),  # two words, one translation: 公安
        ("What did the mayor of Huangshi say about housing?", "吴之凌"),  # 黄石市 + 市长
    ):
        res = resolve(question, UNITS, says=says, bridge=bridge)
        assert res.speakers == (holder,) and res.unknown == (), question
    # described by a body their titles print in translation, a word no English text prints
    glossary["cppcc"] = ("政协",)
    catalog = [*UNITS, speech("u:v:9", "贺丹", ["全国政协"], ["全国政协委员"]), speech("u:v:10", "Lynne Neagle")]
    res = resolve("Which CPPCC member called the community the last mile?", catalog, says=says, bridge=bridge)
    assert res.speakers == ("贺丹",)
    for question, unknown in (
        ("What did the Harbin finance bureau say about special bonds?", "Harbin finance bureau"),
        ("What did the Sanya transport bureau say?", "Sanya transport bureau"),
        # `Municipal` is the place's level, as `bureau` is the organisation's kind: no evidence either way
        ("What did the Guangzhou Municipal Health Commission say?", "Guangzhou Municipal Health Commission"),
    ):
        res = resolve(question, UNITS, says=says, bridge=bridge)
        assert res.unknown == (unknown,) and res.speeches == frozenset(), question


def test_asked_who_a_unit_named_after_asking_is_what_was_asked_about():
    catalog = [
        speech("a:v:0", "Timothy D. Cook", ["Apple"], ["CEO"], ["CEO"]),
        speech("a:v:1", "Wamsi Mohan", ["Bank of America"], roles=()),
    ]
    res = resolve("Which analyst asked what Apple could do if the search payments stopped?", catalog, says=says)
    assert res.units == () and "appl" in res.topic  # what was asked about, not whose turns to search
    assert resolve("Which Apple executive explained the tariff costs?", catalog, says=says).units == ("Apple",)


def test_asked_who_a_person_the_question_names_is_what_was_said_about():
    catalog = [*OFFICES, speech("n:v:0", "Leichter", roles=("Senator",)), speech("n:v:1", "Gold", roles=("Senator",))]
    res = resolve("Who said it isn't fair for Senator Leichter to always be in the boat alone?", catalog)
    assert (res.speakers, res.talked_about, res.speeches) == ((), ("Leichter",), None)
    assert "leichter" in res.topic and "boat" in res.topic
    res = resolve("哪些代表回应了陈明的提问？", catalog)
    assert (res.speakers, res.talked_about, res.speeches) == ((), ("陈明",), None) and "陈明" in res.topic
    first = resolve("陈明提出了哪些建议？", catalog)  # named before asking: who is asked about
    assert (first.speakers, first.talked_about, first.speeches) == (("陈明",), (), frozenset({"d:v:2"}))
    said = resolve("What did Leichter say about the boat?", catalog)  # asked what the person said: a filter
    assert (said.speakers, said.talked_about, said.speeches) == (("Leichter",), (), frozenset({"n:v:0"}))
    assert resolve("主席说了什么？", catalog).speakers == ("主席",)  # a role is no person talked about


def test_quoted_words_in_any_quote_marks_an_english_asker_types():
    """Single quotes quote too (`'locker room talk'`), an apostrophe inside a word goes on
    (`'doesn't have a plan'`), and a possessive or a plural's apostrophe quotes nothing."""
    assert quoted_phrases("Who called it 'locker room talk'?") == ("locker room talk",)
    assert quoted_phrases("Who said he 'doesn't have a five-point plan'?") == ("doesn't have a five-point plan",)
    assert quoted_phrases("What did Trump's team say about the candidates' plans?") == ()
    assert quoted_phrases("谁说“凝聚共识，难在‘凝聚’”？") == ("凝聚共识，难在‘凝聚’",)
    long = "Without the support of the people, we could not move a single step"
    assert quoted_phrases(f'Who said "{long}"?') == (long,)
    res = resolve("Who called the remarks 'locker room talk'?", OFFICES)
    assert res.phrases == ("locker room talk",) and res.intent == "who"


def test_a_description_never_swallows_the_office_before_a_name():
    """`保安局局長李家誠`: the office 局長 and the name after it, not a description `…李家`
    (家 ends 作家, 专家); a kind asked which (`哪些議員和官員`) is no person."""
    for question in ("保安局局長李家誠在這次辯論中說了甚麼？", "保安局局长李家诚说了什么？"):
        res = resolve(question, OFFICES)
        assert res.unknown and "李家" in res.unknown[0] and res.speeches == frozenset(), question
    assert resolve("在這次會議上，哪些議員和官員提到了補償基金？", OFFICES).unknown == ()


def test_asked_who_a_unit_named_after_the_verb_of_saying_is_what_was_said():
    # 海棠区 is written `Haitang` in English: after `said`, what was said, not whose speeches
    res = resolve("Who said that Hong Kong and Haitang working together could create new companies?", CATALOG)
    assert res.units == () and res.speeches is None and "haitang" in res.topic
    res = resolve("Which official from Haitang said they would attract new companies?", CATALOG)
    assert res.units == ("海棠区",) and res.speeches  # before the verb: who is asked about


def test_an_untranslatable_organisation_is_known_by_its_office_held_in_translation():
    glossary = {"founder": ("创始人",), "disney": ("迪士尼",), "compar": ("比",), "tax": ("税",)}

    def bridge(tokens):
        return tuple((t, *glossary[t]) if t in glossary else t for t in tokens)

    said = {"p:v:0": "有人拿我们和迪士尼相比", "d:v:2": "税收"}

    def says_in(words, speeches=None):
        return any(words in text for key, text in said.items() if speeches is None or key in speeches)

    catalog = [*CATALOG, speech("p:v:0", "王宁", [], ["泡泡玛特创始人"], ["创始人"])]
    # no text prints `Pop Mart`, no dictionary translates it: 泡泡玛特创始人 says what is asked
    res = resolve(
        "What did Pop Mart's founder say about being compared with Disney?", catalog, says=says_in, bridge=bridge
    )
    assert res.unknown == () and res.speeches is None
    for question in (
        "What did Pop Mart's founder say about taxes?",  # the founder's speeches never say 税
        "What did Acme Foods' founder say about being compared with Disney?",  # nobody founded anything
    ):
        res = resolve(question, CATALOG if "Acme" in question else catalog, says=says_in, bridge=bridge)
        assert res.unknown and res.speeches == frozenset(), question


def test_a_surname_inside_another_english_name_is_not_that_speaker():
    """`the White House`, `Barry White` and `Pennant-Hughes` hold the surnames of indexed
    speakers; none is them. A surname after a title, opening the question or before a
    post-nominal (`Reckless AM`) is."""
    catalog = [speech("w:v:0", "Jean White", roles=("Professor",)), speech("w:v:1", "Donald J Trump", roles=())]
    catalog += [speech("w:v:2", "Barry Hughes", roles=()), speech("w:v:3", "Mark Reckless", roles=("AM",))]
    assert resolve("What did the White House say about Medicare?", catalog).speakers == ()
    res = resolve("What did Rhodri Pennant-Hughes AM ask about hospices?", catalog)  # nobody indexed
    assert (res.speakers, res.unknown) == ((), ("Rhodri Pennant-Hughes AM",))
    assert resolve("What did Reckless AM say about childcare?", catalog).speakers == ("Mark Reckless",)
    assert resolve("Did Barry White talk about nurses?", catalog).speakers == ()
    for question in ("What did Professor White say about nurses?", "White said what about nurses?"):
        assert resolve(question, catalog).speakers == ("Jean White",), question
    assert resolve("Has Trump talked about taxes?", catalog).speakers == ("Donald J Trump",)


def test_a_chinese_name_at_the_start_of_a_longer_word_another_page_prints_is_not_that_speaker():
    """拉布 (a foreign secretary on a news page) starts 拉布布 (a toy another speaker names):
    asked about the toy, the question names no speaker; asked about 拉布, it does."""
    catalog = [speech("h:v:0", "拉布", titles=("英国外相",), roles=()), speech("p:v:0", "王宁", roles=())]
    printed = {"h:v:0": "拉布在议会中表示，中国是时候悬崖勒马了。", "p:v:0": "一个玻璃杯印上拉布布就能卖到100块。"}

    def says_in(words, speeches=None):
        return any(words in text for key, text in printed.items() if speeches is None or key in speeches)

    assert resolve("有人说印上拉布布就能卖100块，这是谁说的？", catalog, says=says_in).speakers == ()
    assert resolve("拉布在议会上说了什么？", catalog, says=says_in).speakers == ("拉布",)


def test_a_person_asked_what_they_said_who_is_no_speaker_is_unknown_though_a_text_names_them():
    """Asked what someone said, a name the texts print but no speaker holds is unknown
    (`Dr. Theresa Tam` quoted in a debate is not its speaker; the title's full stop ends no
    sentence); asked about as a subject, it is what was said."""

    def names_tam(words, speeches=None):
        return words.lower() in "dr. theresa tam said testing would double. mr. chen ming's plan"

    res = resolve("What did Dr. Theresa Tam say about testing capacity?", CATALOG, says=names_tam)
    assert res.unknown == ("Theresa Tam",) and res.speeches == frozenset()
    assert resolve("Who talked about what Dr. Theresa Tam said?", CATALOG, says=names_tam).unknown == ()


def test_an_office_of_a_further_place_no_speaker_is_of_is_unknown_and_a_ridings_name_holds_no_office():
    catalog = [*CATALOG, speech("w:v:0", "Kirsty Williams", titles=("Minister for Education",), roles=("Minister",))]
    catalog.append(speech("w:v:1", "Brian Masse", titles=("Windsor West",), roles=()))
    for question, unknown in (
        ("What did the Minister for Education in Northern Ireland say?", "Minister for Education in Northern Ireland"),
        ("What did the Director of Education for Cardiff Council say?", "Director of Education for Cardiff Council"),
        ("What did the Mayor of Windsor say about the border?", "Mayor of Windsor"),
    ):
        res = resolve(question, catalog, says=says)
        assert res.unknown == (unknown,) and res.speeches == frozenset(), question


def test_a_chinese_place_no_text_or_title_holds_in_any_script_makes_its_unit_unknown():
    glossary = {"sanya": ("三亚",), "educ": ("教育",), "bureau": ("署",)}

    def bridge(tokens):
        return tuple((t, *glossary[t]) if t in glossary else t for t in tokens)

    for question, unknown in (
        ("What did the Haikou education bureau say about after-school services?", "Haikou education bureau"),
        ("What did the Huangshi party secretary say?", "Huangshi party secretary"),
    ):
        res = resolve(question, UNITS[3:], says=says, bridge=bridge)  # without 吴之凌 of 黄石市
        assert res.unknown == (unknown,) and res.speeches == frozenset(), question
    # its title spells the place (黄石 is Huangshi) though the glossary lacks it: not decided here
    assert resolve("What did the Huangshi party secretary say?", UNITS, says=says, bridge=bridge).unknown == ()


def test_a_name_opening_a_chinese_question_no_text_prints_is_unknown_and_a_units_short_name_is_no_obstacle():
    for question, unknown in (
        ("劉江華怎樣回應天頌苑的管理費爭議？", "劉江華"),
        ("中国人民大学教授司马廷峰怎么看这篇文章？", "中国人民大学教授司马廷峰"),  # a compound family name
        ("梁绮雯在众创金融街调研时提出了哪些要求？", "梁绮雯"),
        ("美国国务卿蓬佩奥怎么评价这个联盟？", "美国国务卿蓬佩奥"),
        ("广东华兴银行董事长去众创金融街调研时说了什么？", "广东华兴银行董事长"),
        ("三亚市旅游和文化广电体育局（旅文局）对旅游市场是怎么说的？", "三亚市旅游和文化广电体育局"),
    ):
        res = resolve(question, UNITS, says=says)
        assert res.unknown == (unknown,) and res.speeches == frozenset(), question
    for question in ("高铁对经济有什么影响？", "陈明对湾区大党委怎么说？", "黄金在会上被谁提到了？"):
        assert resolve(question, CATALOG, says=says).unknown == (), question  # words, a speaker


def test_an_organisation_named_as_a_whole_is_not_its_kind_alone():
    """香港城市大学 is no 大学 of a city 香港城: a question about universities names no unit."""
    assert resolve("谁认为有些大学的课程陈旧？", UNITS).units == ()
    assert resolve("香港城市大学的副校长说了什么？", UNITS).units == ("香港城市大学",)


def test_words_that_only_look_like_names_make_no_one_unknown():
    # `高级干部`: a surname-led word the dictionary knows; `…會計師和教授`: a clause's joint after an office
    assert resolve("总书记对高级干部在制度层面的大是大非问题提出了什么要求？", CATALOG).unknown == ()
    res = resolve("哪位議員質疑上訴委員會只有律師、會計師和教授，卻沒有漁民代表？", CATALOG)
    assert res.unknown == ()
    # …but a name the dictionary splits into a noun (范志 of 范志坚) still is one
    assert resolve("范志坚议员对修订职安健法例有什么看法？", CATALOG).unknown != ()
    # whom a named speaker spoke to, written in pinyin, is printed in characters on a Chinese page
    assert resolve("What did Lu Zhenglan tell Zhou Qi about the park?", CATALOG, says=says).unknown == ()
    # …but the one asked what they said, and a name in no pinyin, still are
    assert resolve("What did Zhou Qi say about the park?", CATALOG, says=says).unknown == ("Zhou Qi",)
    assert resolve("What did Lu Zhenglan tell Steven Mnuchin?", CATALOG, says=says).unknown == ("Steven Mnuchin",)
    # a name in what someone is asked to have said is the asker's wording, not whose speech is asked for
    question = "Who noted that a maritime campus ranked ahead of Ivy League schools?"
    assert resolve(question, CATALOG, says=says).unknown == ()


def test_an_organisations_member_asked_with_a_status_is_whoever_holds_both():
    catalog = [
        *CATALOG,
        speech(
            "h:v:0", "吴瑞君", ["全国政协", "华东师范大学校务委员会"], ["全国政协委员", "华东师范大学校务委员会副主任"]
        ),
    ]
    res = resolve("华东师范大学的委员对延迟退休是怎么说的？", catalog)
    assert (res.speakers, res.unknown) == (("吴瑞君",), ())
    assert "华东" not in res.topic and "延迟" in res.topic  # who is asked about is no part of what about


def test_an_organisation_an_english_question_names_in_pinyin_is_its_chinese_speakers():
    catalog = [
        *CATALOG,
        speech("h:v:1", "李玲", ["安踏集团"], ["安踏集团副总裁"]),
        speech("h:v:2", "石合群", ["中国平安财产保险股份有限公司"], ["中国平安财产保险股份有限公司党委副书记"]),
        speech("h:v:3", "王平", ["西安台"], ["西安台台长"], roles=("台长",)),  # xi-an-tai spells no `anta`
        speech("h:v:4", "朱冰", ["平台公司"], ["平台公司经理"]),  # one syllable, `ping`, is in too many labels
    ]
    res = resolve("What did Anta Group's vice president say about consumption?", catalog, says=says)
    assert (res.speakers, res.unknown) == (("李玲",), ())
    res = resolve("What did Ping An Insurance say about new energy vehicles?", catalog, says=says)
    assert (res.speakers, res.unknown) == (("石合群",), ())
    assert resolve("What did Haier Group's chairman say?", catalog, says=says).unknown == ("Haier Group",)


def test_a_speaker_with_a_generational_suffix_is_named_by_the_family_name():
    catalog = [*CATALOG, speech("j:v:0", "James M. Nabrit, Jr.", roles=())]
    res = resolve("What did Mr. Nabrit say was the sole question before the Court?", catalog)
    assert res.speakers == ("James M. Nabrit, Jr.",)


def test_an_english_title_asked_about_by_itself_is_whoever_holds_it():
    catalog = [
        *CATALOG,
        speech("k:v:0", "Karine Jean-Pierre", titles=["Press Secretary"], roles=("Press Secretary",)),
        speech("k:v:1", "Deanne Criswell", titles=["FEMA Administrator"], roles=("Administrator",)),
    ]
    res = resolve("What did the press secretary say about the storm?", catalog)
    assert res.speakers == ("Karine Jean-Pierre",) and "press" not in res.topic and "storm" in res.topic
    assert resolve("What did the FEMA Administrator say about evacuation?", catalog).speakers == ("Deanne Criswell",)
    assert resolve("What did the Democratic nominee say about taxes?", catalog).speakers == ()  # held by no title


def test_a_yes_or_no_question_whether_anyone_or_either_of_them_said_something():
    for question in ("Did anyone mention the Exxon Valdez?", "Did either candidate talk about the Electoral College?"):
        assert resolve(question, CATALOG).asks_whether
    assert resolve("有人谈到夜间经济吗？", CATALOG).asks_whether
    assert not resolve("Who talked about the Electoral College?", CATALOG).asks_whether


def test_a_quote_that_names_a_thing_is_no_words_said():
    assert said_phrases("是谁讲了“八路小张”这个微信号的来历？") == ()
    assert said_phrases("“知识价值投资”这个理念是谁提出来的？") == ()
    assert said_phrases("“绿水青山就是金山银山”这句话是谁说的？") == ("绿水青山就是金山银山",)
    assert said_phrases("谁说“以下为部分单位负责人的发言”？") == ("以下为部分单位负责人的发言",)


def test_a_question_asking_who_is_no_yes_or_no_question_whatever_it_embeds():
    assert not resolve("哪位警方负责人建议视频聊天时看画面是否卡顿变形？", CATALOG).asks_whether
    assert not resolve("访谈里是谁问这部巨著对当下还有没有借鉴价值？", CATALOG).asks_whether
    assert resolve("有没有人谈到夜间经济？", CATALOG).asks_whether


def test_who_asked_is_a_question_about_asking():
    from qa.mentions import ASKING

    assert ASKING.search("访谈里是谁问这部巨著对当下还有没有借鉴价值？")
    assert not ASKING.search("谁谈到了这个问题？")
