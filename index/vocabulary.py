"""Words the parsers and the answers share, each declared once: verbs of saying and of praise;
the words of titles, positions, statuses and offices, and those that end an organisation's
name. Chinese patterns are regex alternations written in both scripts (simplified and
traditional); English ones say how they are matched beside them."""

from __future__ import annotations

import re

from index.text import CJK_UNIFIED

# ---- Chinese: saying ------------------------------------------------------------------------

# Verbs that report words: `X说，…`, `X表示：“…”`, `“…”X强调。` A `说` inside another word
# (听说, 据说, 小说, 说明, 说服) is not one.
SAYING_ZH = (
    "(?<![听聽据據虽雖传傳小所游遊劝勸演解])(?:说|說)(?!明|服|法)|"
    "讲道|講道|笑道|问道|問道|答道|写道|寫道|表示|介绍|介紹|认为|認為|强调|強調|指出|"
    "(?<![名号號简簡俗堪职職人统統昵暱宣声聲])(?:称|稱)|(?:回应|回應|威胁|威脅|警告|指责|指責|反驳|反駁)(?:称|稱|说|說|道)?|提出|建议|建議|回忆|回憶|坦言|直言|笑言|感慨|感叹|感嘆|判断|判斷|"
    "(?<=[^这這由此样樣来來])(?:看来|看來)(?=[，,])|重申|"
    "谈到|談到|谈及|談及|补充|補充|回答|透露|解释|解釋|分析|预计|預計|评价|評價|坦承|(?:告诉|告訴)(?:记者|記者|本刊|本报|本報|笔者|筆者)|呼吁|呼籲|提醒|叮嘱|叮囑|"
    "回信|致信|寄语|寄語|讲解|講解|讲述|講述|嘱咐|囑咐|(?<![新的])要求|教诲|教誨|念叨|感言|表态|表態|总结|總結|追问|追問|提问|提問|问|問|喊道|呼喊|大喝一声|大喝一聲|提到|交代|交待|赞叹|讚嘆"
)
# Verbs whose object is what was said — praise, thanks, wishes, an account given
# (`…总理阿努廷盛赞…`, `…总经理金磊…分享了…`); they attribute only after a position word.
PRAISING_ZH = (
    "盛赞|盛讚|赞赏|讚賞|称赞|稱讚|高度评价|高度評價|高度称赞|高度稱讚|感谢|感謝|祝愿|祝願|祝贺|祝賀|"
    "分享了|阐述了|闡述了|阐释了|闡釋了|畅谈了|暢談了|介绍了|介紹了|谈了|談了"
)


# ---- Chinese: positions, people, statuses, organisations -----------------------------------

# Position words that end a title phrase, in any organisation (the name follows them on a
# speaker line): 书记 主任 厅长 教授 研究员 店主 创始人 首席执行官 …
POSITION = (
    r"(?:常务|常務|专职|專職|执行|執行|首席|特聘|高级|高級|资深|資深|一级|二级|三级|副|总|總|代|候任)*"
    r"(?:[书書]+[记記]|主任|主席|总编辑|總編輯|指挥|指揮|总理|總理|总统|總統|首相|议长|議長|外长|外長|州长|州長|国务卿|國務卿|国王|國王|大臣|总督|總督|委员|委員|代表|主委|总裁|總裁|总监|總監|总经理|總經理|经理|經理|董事|监事|監事|理事|"
    r"秘书|秘書|院士|教授|研究员|研究員|馆员|館員|讲师|講師|教师|教師|老师|老師|医师|醫師|医生|醫生|护士|護士|律师|律師|"
    r"会计师|會計師|工程师|工程師|机械师|機械師|设计师|設計師|规划师|規劃師|专家|專家|学者|學者|作家|诗人|詩人|博主|"
    r"主播|编辑|編輯|创始人|創始人|合伙人|合夥人|负责人|負責人|负责同志|負責同志|传承人|傳承人|经理人|經理人|主理人|制片人|製片人|经纪人|經紀人|店主|村民|农民|農民|职工|職工|工人|科员|科員|干部|幹部|主编|主編|"
    r"顾问|顧問|参事|參事|干事|幹事|议员|議員|发言人|發言人|外相|大使|法官|检察官|檢察官|审判员|審判員|助理|总师|總師|总工|總工|执行官|執行官|"
    r"科学家|科學家|运动员|運動員|教练|教練|演员|演員|导演|導演|"
    r"(?:董事|理事|秘书|秘書|委员|委員|检察|檢察|审判|審判|列车|列車|大班|班|组|組|[局司部厅廳处處院所市县縣区區省镇鎮乡鄉村"
    r"厂廠行社站队隊团團校馆館台庭署会會科股营營连連排师師旅军軍次])[长長])"
)
POSITION_WORD = re.compile(POSITION)
POSITION_END = re.compile(rf"{POSITION}$")
# nouns for people that stand before a name as its description (抗战老兵刘德山, 顾客王先生,
# 陪刘德山到北京的儿子刘建华): occupations ending 员/者/师/家/生 (not 先生, a form of address:
# 王先生 is a name; not 国家, 厂家, 商家, 皇家: no one), kin, residents, visitors
PERSON_NOUN = (
    r"(?:[{h}]{{1,6}}(?:员|員|者|人士|师|師|(?<![国國厂廠商皇])家|工|匠|(?<!先)生|手|官)|老兵|老人|老乡|老鄉|村民|市民|居民|游客|遊客|顾客|顧客|"
    r"网友|網友|乘客|患者|病人|群众|群眾|农户|農戶|店主|摊主|攤主|店长|店長|管家|主管|业主|業主|博士|硕士|碩士|小哥|"
    r"儿子|兒子|女儿|女兒|女婿|妈妈|媽媽|爸爸|儿媳|兒媳|妻子|丈夫|老伴|父亲|父親|母亲|母親|爷爷|爺爺|奶奶|外公|外婆|孙子|孫子|孙女|孫女|"
    r"哥哥|姐姐|弟弟|妹妹|后人|後人|后代|後代|后裔|後裔|战友|戰友|同事|同学|同學|队友|隊友|学员|學員)"
).format(h=CJK_UNIFIED)
# a demonstrative or `一` and a classifier before a title or person noun (这位专家, 该名官员, 一位成员):
# someone the story does not name, who is not the one it named last
UNNAMED_MARK_ZH = r"(?:这|這|那|该|該|此|一)(?:位|名)"
UNNAMED_PERSON_ZH = re.compile(rf"{UNNAMED_MARK_ZH}(?:{POSITION}|{PERSON_NOUN})")
# roles that, printed alone, stand for one person of a story that never names them, who then
# speaks under the role: the head of a military or village unit, a comrade —
# `团长点名要了他，“…”`, `传来战友的呼喊：“…”`
LONE_ROLE_ZH = r"(?:[连連营營团團排班师師旅军軍村][长長]|战友|戰友)"
# statuses printed right after a Chinese name (柳江代表, 金桩委员, 郭家麒議員); a feature about
# one person (index.formats.reported) introduces deputies and members only
DEPUTY_STATUSES = "代表|委员|委員"
# … a status after a name, not the start of a longer word (`代表团`, `委员会`, `代表性`)
DEPUTY_STATUS_AFTER = rf"(?:{DEPUTY_STATUSES})(?![团團会會性处處权權们們名额額长長])"
STATUSES = f"{DEPUTY_STATUSES}|议员|議員"
# forms of address after a name (王东同志, 王先生), and the honorifics a speaker line may end with
ADDRESS_TERMS = "同志|先生|女士|同学|同學"
HONORIFICS_AFTER = f"{ADDRESS_TERMS}|老师|老師"
# the organisation a title names ends with one of these (北京大学哲学社会科学一级教授 → 北京大学)
ORGANISATION_END = re.compile(
    r"大学|大學|学院|學院|中学|中學|小学|小學|学校|學校|研究院|研究所|研究中心|中心|委员会|委員會|公司|集团|集團|银行|銀行|"
    r"医院|醫院|协会|協會|学会|學會|联合会|聯合會|出版社|报社|報社|政府|法院|检察院|檢察院|政协|政協|人大|村|镇|鎮|街道|社区|"
    r"社區|局|厅|廳|店|部|委|司|馆|館|署|处|處|办|辦|商会|商會|基金会|基金會"
)


# ---- English: titles, offices, organisations ----------------------------------------------

# words of a company office that are no title of address (`Head of Investor Relations`, `Co-Founder`, `VP, IR`)
EN_OFFICE_WORDS = re.compile(
    r"\b(?:Head|Officer|Founder|Co-Founder|Analyst|Investor Relations|IR|EVP|SVP|VP|CEO|CFO|COO|CTO)\b"
)

# title words before a name or standing for one (`Senator Murphy`, `THE PRESIDENT`), lower case
# offices printed as capitals before a name (`DA VALERIE G. GARDNER`, `ADA Joshua Steinglass`)
EN_OFFICE_ABBREVIATIONS = frozenset({"DA", "ADA", "AUSA"})
EN_TITLES = frozenset(
    """sen rep asm gov atty supt cmdr councilor councillor cllr alderman alderwoman selectman assemblyperson
    senator senators representative assembly assemblyman assemblywoman assemblymember congressman congresswoman
    congressmember mayor governor lt lt. lieutenant president vice acting deputy secretary press administrator
    director commissioner supervisor legislator county town city state executive chair chairman chairwoman
    chairperson committee councilman councilwoman councilmember council member judge justice attorney general
    counsel commander chief sheriff clerk speaker minister prime ambassador admiral professor dean principal
    superintendent trustee treasurer comptroller auditor officer manager gm ceo coo cfo cto moderator host
    interviewer senior assistant associate first second third majority minority leader whip delegate
    presiding colonel captain sergeant corporal brigadier marshal chancellor provost regent rector""".split()
)
# what a person is, as a broadcast or hearing label describes them after their name
# (`CARL AZUZ, CNN STUDENT NEWS ANCHOR`, `…, SENIOR ASIA ECONOMIST`): beside EN_TITLES
EN_OCCUPATIONS = frozenset(
    """anchor correspondent reporter journalist editor producer presenter commentator contributor analyst
    economist historian scientist researcher expert scholar author writer guide spokesman spokeswoman
    spokesperson adviser advisor consultant founder cofounder co-founder owner partner lawyer attorney
    doctor physician nurse teacher student engineer architect activist organizer organiser volunteer
    resident witness survivor veteran farmer worker pastor priest rabbi imam coach player""".split()
)
EN_HONORIFICS = frozenset(  # (India's: `SHRI SHRIRANG APPA CHANDU BARNE`, `SMT. BHARTI PARDHI`;
    # South Africa's Hansard in Afrikaans and Setswana: `Mnr I J PRETORIUS`, `Rre L M KGWELE`; West Africa's `Alhaji`)
    "mr mr. mrs mrs. ms ms. miss mx mx. dr dr. prof prof. hon hon. rev rev. reverend father sir dame "
    "shri shri. smt smt. kumari sushri mnr mnr. mev mev. rre mme alhaji alhaja".split()
)
# the titles narrative minutes print before a name (`Superintendent Lacey stated`), as printed
EN_MINUTES_TITLES = (
    r"(?:(?:Committee\s+)?(?:(?:First|Second|Third)\s+)?(?:Vice[\s-]+)?Chair(?:man|woman|person)?|Directors?|GM|"
    r"(?:(?:Interim|Acting|Deputy)\s+)?General Manager|Commander|Mayor|"
    r"Senator|Councilmember|Council Member|Councillor|Councilor|Cllr\.?|Commissioner|Secretary|Treasurer|"
    r"(?:Acting\s+|Chief\s+)?Superintendent|Inspector|Sergeant|Deputy|Minister|Mr\.|Ms\.|Mrs\.|Dr\.)"
)
# offices a question names of a place (`the Governor of Florida`, `the Mayor of Tampa`)
EN_PLACE_OFFICES = (
    r"[Gg]overnor|[Mm]ayor|[Ss]enator|[Ss]ecretary|[Mm]inister|[Dd]irector|[Cc]ommissioner|"
    r"[Cc]hair(?:man|woman)?|[Pp]resident|[Aa]dministrator|[Ss]uperintendent|[Ee]xecutive|[Pp]olice [Cc]hief|"
    r"[Oo]fficer|[Pp]remier|(?:[Vv]ice-)?[Cc]hancellor|[Cc]ommander|(?:[Cc]hief )?[Cc]onstable|[Ss]heriff|"
    r"[Aa]ttorney(?: [Gg]eneral)?|[Aa]mbassador|[Cc]onsul(?: [Gg]eneral)?|[Aa]uditor(?: [Gg]eneral)?|[Ii]nspector|"
    r"[Tt]reasurer|[Cc]oroner|[Pp]rosecutor"
)
# head words of an office a parliamentary record names (`Minister of Finance`, `Leader of the
# Opposition`), not of a riding
EN_OFFICE_HEADS = (
    r"Minister|Secretary|Leader|Speaker|President|Premier|Treasurer|Whip|Chair(?:man|woman|person)?|"
    r"Attorney|Solicitor|Clerk|Deputy"
)
# capitalised words that make a phrase no one's name (`What did the Committee say?`)
EN_NOT_A_PERSON = frozenset(
    "The A An This That Their His Her Its Our Your Mr Mrs Ms Dr President Chair Chairman Chairwoman Speaker "
    "Moderator Minister Secretary Mayor Governor Senator Director Commissioner Member Members Bureau Department "
    "Committee Office District Council Ministry Party Government Commission Association City County Province "
    "Authority Agency Board Administration Police Education Health".split()
)
# words of an organisation's or a place's name, not a person's (`Treasury Department`), lower case
EN_ORGANISATION_WORDS = frozenset(
    "bureau department committee commission office agency council government ministry authority board party affairs "
    "bank fund court house senate assembly parliament congress union association institute university school "
    "hospital company corporation group act bill law program programme plan project policy fed reserve "
    "district county city state province provincial municipal region street road park station airport river coast national "
    "inquiry tribunal panel".split()
)
