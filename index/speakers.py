"""The speaker recogniser: one line of a transcript → what it says about who speaks.

Every text layout is read with the same recogniser. It looks at one line (the view from
`index.furniture`) and says what kind of cue it is, never deciding alone: the layout
parser (`index.formats.transcript`) accepts cues by evidence from the whole document.

Cue kinds:
- `turn`    a label before a colon with speech after it (`王洋：…`, `SENATOR MURPHY:  …`, `Q  …`);
- `line`    a line that only names the speaker of what follows (`三亚市教育局党委书记 吴萍`,
            `金桩委员（民建…主委）：`, `耿遵珠代表——`, `讲述人：…店主  赵立伟`, a bare `聂震宁`);
- `after`   an attribution after the words it attributes (`——…董事长李东林代表`);
- `author`  the speaker's title printed after the speech (`（作者为…主任）`);
- `credit`  bylines, editor and photo credits, sources (`（本报记者 王  沛采访整理）`, `…摄`,
            `本期统筹：…`, `责任编辑：`, `数据来源：`): never a speaker;
- `marker`  a bracketed section mark (`【镜头】`, `【连线】`, `■延伸阅读`): nobody's words follow;
- `roster`  a roster header (`【对话人】`, `对话嘉宾：`, `PRESENT:`) or entry (`王  洋（…主任）`).

A name is only ever text the page prints. Chinese names are found at a title boundary
(a position word such as 书记 主任 厅长 教授 ends the title, the name follows, a status
代表/委员 may follow it) or as the whole label; English names are what is left of a
label once titles and honorifics are taken off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from index.names import dictionary_word, reads_as_clause, tagged_name
from index.records import MODERATOR, Attribution
from index.text import CJK_RANGES, CJK_UNIFIED, has_han
from index.titles import (
    COMPOUND_SURNAMES,
    SURNAMES,
    describe_chinese,
    describe_label,
    family_name_length,
    split_speaker_line,
)
from index.vocabulary import (
    EN_HONORIFICS,
    EN_NOT_A_PERSON,
    EN_OCCUPATIONS,
    EN_OFFICE_ABBREVIATIONS,
    EN_OFFICE_WORDS,
    EN_ORGANISATION_WORDS,
    EN_TITLES,
    HONORIFICS_AFTER,
    PERSON_NOUN,
    POSITION,
    POSITION_END,
    POSITION_WORD,
    SAYING_ZH,
    STATUSES,
)

HAN = f"[{CJK_RANGES}]"


@dataclass(frozen=True)
class Cue:
    """What one line says about speakers. `at` is the index in the line's view where the
    speech begins (for `turn`; the end of the line otherwise). `strong`: the cue needs no
    support from the rest of the document (titles, brackets, a status word)."""

    kind: str
    label: str = ""
    info: Attribution | None = None
    at: int = 0
    strong: bool = False
    role: str = ""
    # a nickname, as chat logs and scribed minutes print turns: "irc" (`<Ege> +1`), "scribe"
    # (`mk: …`); the page must bear it out
    chat: str = ""


# ---- vocabulary ------------------------------------------------------------------------

# production credits and page metadata: a label or line holding one of these is never a speaker
_CREDIT_WORD = (
    "记者|記者|通讯员|通訊員|实习生|實習生|整理|编辑|編輯|责编|責編|编者|編者|统筹|統籌|设计|設計|摄影|攝影|供图|供圖|"
    "制图|製圖|校对|校對|来源|來源|撰稿|供稿|策划|策劃|监制|監製|出品|审校|審校|审核|審核|美编|美編|版式|翻译|翻譯|"
    "配音|剪辑|剪輯|视频|視頻|图片|圖片|图表|圖表|文字|执笔|執筆"
)
_METADATA_LABEL = re.compile(
    r"(?:发布|發布|更新)?(?:时间|時間|日期)|地点|地點|作者|出处|出處|关键词|關鍵詞|关键字|标签|標籤|附件|注|备注|備註|"
    r"说明|說明|编者按|編者按|按|题目|題目|主题|主題|摘要|导语|導語|核心提示|链接|鏈接|网址|網址|电话|電話|邮箱|郵箱"
)
_CREDIT_LABEL = re.compile(rf".{{0,8}}(?:{_CREDIT_WORD}).{{0,4}}")
# a news report's dateline (`央视网消息（新闻联播）：`, `本报讯：`, `新华社北京6月18日电：`): the
# outlet's report opens, in its own words
_DATELINE_ZH = re.compile(
    r"(?:(?:本|.{1,8}(?:网|網|社|台|报|報))(?:消息|讯|訊)|.{0,16}\d{1,2}日(?:电|電))(?:[（(][^）)]{0,12}[）)])?"
)
_ROSTER_WORDS_ZH = (
    "对话人|對話人|对话嘉宾|對話嘉賓|访谈嘉宾|訪談嘉賓|嘉宾|嘉賓|与会者|與會者|与会嘉宾|與會嘉賓|参会人员|參會人員|"
    "出席人员|出席人員|出席嘉宾|座谈嘉宾|座談嘉賓|主讲嘉宾|受访嘉宾|采访对象|採訪對象|参与者|參與者|讨论嘉宾"
)
# an attendance list's header (`出席議員：`, `出席政府官員：`, `列席秘書：`), a record's front matter
_ROSTER_HEADER_ZH = re.compile(rf"(?:本期|本次)?(?:{_ROSTER_WORDS_ZH})|(?:出席|列席|缺席)[^\s：:（(，,]{{0,6}}")
ROSTER_HEADER_EN = re.compile(
    r"(?i:(?:also\s+|members\s+|others\s+|staff\s+|those\s+)?(?:present|presiding|participants|panelists|panellists|speakers|"
    r"witnesses|attendees|attending|in\s+attendance|opening\s+by|appearances|absent|apologies|guests)"
    r"(?:\s*\(continued\))?(?:\s+page)?)"
)
# a colon after a verb of saying introduces a quotation (`林文辉感慨：“…”`, `他说：`)
_QUOTING = re.compile(rf".(?:{SAYING_ZH}|道)$")
# how a speech greets its audience: `同志们：`, `各位代表：`, `女士们、先生们：`
_SALUTATION = re.compile(
    rf"(?:尊敬的.{{0,20}})?(?:同志们|同志們|各位[{CJK_UNIFIED}]{{1,8}}|女士们|女士們|先生们|先生們|朋友们|朋友們|同学们|同學們|"
    r"老师们|老師們|大家|乡亲们|鄉親們|[、，]){1,6}"
)
# labels that number unnamed speakers, as speech-to-text exports print them: 说话人1, 发言人 2
_NUMBERED_ZH = re.compile(
    r"(?:说话人|說話人|发言人|發言人|讲话人|講話人|嘉宾|嘉賓|参会人|參會人)\s*(?:\d{1,3}|[A-Z一二三四五六七八九十])"
)
_ANSWERER = re.compile(r"答|回答|A")
# labels naming the one who asks: 问：, 网友提问：, 记者：, Q
_QUESTIONER = re.compile(
    r"问|問|提问者|提問者|提问|提問|发问者|發問者|网友提问|網友提問|网友|網友|记者问|記者問|记者|記者|观众|觀眾|读者|讀者|听众|聽眾|Q"
)
# people a transcript keeps apart by a letter or number, never naming them: 防疫人员A, 记者B, 村民甲, 网友2
_LETTERED_ZH = re.compile(
    rf"(?P<base>{PERSON_NOUN}|{POSITION}|{_QUESTIONER.pattern}|男子|女子|男|女)(?P<tag>[A-Z甲乙丙丁戊]|\d{{1,2}})"
)
# a legend naming who asks and who answers (`Q：一条` / `A：杨燕绥`), before the turns that use the letters
_LEGEND = re.compile(rf"[*_\s]*(?P<label>Q|A|问|問|答)[：:]\s*(?P<name>{HAN}{{2,4}})[*_\s]*")
_PUBLICATION = re.compile(r"《[^《》]{2,20}》")
# a news outlet named without 《》, as press conferences label a reporter's question by it (`红星新闻：`, `鏡傳媒：`)
_OUTLET = re.compile(
    rf"[{CJK_UNIFIED}A-Za-z0-9]{{1,10}}(?:日报|日報|晚报|晚報|时报|時報|商报|商報|新闻|新聞|电视台|電視台|电台|電台|广播|廣播|总台|總台|"
    r"通讯社|通訊社|新闻社|新聞社|杂志社|雜誌社|报社|報社|周刊|週刊|杂志|雜誌|传媒|傳媒|卫视|衛視|频道|頻道|新闻网|新聞網)"
)
_MODERATOR_ZH = re.compile(r"主持人|主持|主持者")
# bylines that name who speaks in what follows: 讲述人：…  赵立伟, 本期主讲人：…  史育龙
_NARRATOR = re.compile(
    r"(?:本期|本次)?(?:主讲人|主講人|主讲|主講|讲述人|講述人|讲述|講述|口述|口述人|受访人|受訪人|受访者|受訪者)"
)
_MARKER = re.compile(r"【[^】\n]{1,10}】|〔[^〕\n]{1,10}〕|[■□◆◇●○▲△★☆▶►]\s*\S{1,12}")
_BRACKET_MARK = re.compile(r"【([^】\n]{1,10})】|〔([^〕\n]{1,10})〕")
_BRACKET_SPEAKER = re.compile(r"【([^】\n]{2,60})】|〔([^〕\n]{2,60})〕")  # 【单位职务 姓名】
_QUESTION_NUMBER = re.compile(r"^\d{1,3}\s*[.．、]\s*(?=\D)")
# a person described by a noun for people before the name (`居民黄家发`, `网友李明`)
_DESCRIBED = re.compile(rf"(?P<noun>{PERSON_NOUN})(?P<name>{HAN}{{2,3}})")
# an attribution line's person described by where they work (`——四川阿坝美团小哥李龙`)
_DESCRIBED_AFTER = re.compile(rf"(?P<described>{HAN}{{0,16}}?{PERSON_NOUN})(?P<name>{HAN}{{2,3}})")
_TRAILING_STATUS = re.compile(rf"(?:{STATUSES}|{HONORIFICS_AFTER})$")
_NAME = re.compile(
    rf"{HAN}(?:{HAN}|[·•]{HAN}){{1,15}}"
)  # (past six characters, only with a separator: _plausible_name)
_PADDED_NAME = re.compile(rf"(?<![^\s、，（(：:])({HAN})[ ]{{1,4}}({HAN})(?=$|[\s（(：:，、])")
_SPACES = re.compile(r"[ ]{2,}")
_INTERPOSED = re.compile(
    rf"(?P<family>{'|'.join(COMPOUND_SURNAMES)}|[{''.join(sorted(SURNAMES))}])(?P<office>{POSITION})(?P<given>{HAN}{{1,3}})"
)
_TITLE_SEPARATORS = re.compile(r"[、，,/]|兼")
CLOSING_DASH = re.compile(r"\s*(?:——|──|—{1,2}|--)\s*$")
_OPENING_DASH = re.compile(r"^\s*(?:——|──|—{1,2}|--)\s*")
_AUTHOR = re.compile(
    r"[（(]\s*(?:作者|本文作者|作者系|作者為)(?:为|為|系|是|係)?\s*(?P<titles>[^（）()]{2,80}?)\s*[）)]"
)
_CREDIT_TAIL = re.compile(rf"[，,；;]\s*[^，,；;]*(?:{_CREDIT_WORD})[^，,；;]*$")
_BYLINE = re.compile(
    r"(?:本报|本報|人民网|人民網|新华社|新華社|央视|央視|中新社|本刊|本台|特约|特約)?"
    r"(?:记者|記者|通讯员|通訊員|实习生|實習生|撰稿人?|摄影|攝影|编辑|編輯|责编|責編)\s*\S"
)
_PHOTO = re.compile(r".{0,40}?(?:摄|攝|供图|供圖|摄影|攝影)\s*(?:[（(][^（）()]{1,20}[）)])?")
# a reader's handle printed masked (`——星**光`, `——浪**洒`), under a readers' comments section
_MASKED_HANDLE = re.compile(r"[^\s*—]{1,6}\*{2,4}[^\s*—]{1,6}")
DESCRIBED = "described"  # the role of a `described_person` cue
DASHED = "dashed"  # … and of a section header describing a person, name last, then a dash
HELD_OFFICE = "held-office"  # … and of an office in capitals over its holder's name in brackets
_EDITOR_SIGNATURE = re.compile(r"(?:——|──|—{1,2}|--)\s*(?:编\s*者|編\s*者|编辑部|編輯部)")
_SENTENCE_PUNCT = re.compile(r"[。！？；!?;]")
_CLAUSE_PUNCT = re.compile(rf"，|{_SENTENCE_PUNCT.pattern}")  # (a label holds no clause either)
_REPORTED_VERB = re.compile(r"(?:强调|強調|指出|表示|说|說|要求|批示|讲话|講話|致辞|致辭)$")
_MAX_LINE = 80
_LONG_NOTE = 30  # a credit label followed by more than this is a note to keep as narration
_MAX_NAME = 4
_MAX_STRONG_NAME = 6  # minority names (巴莫曲布嫫) only where the layout marks the name


# ---- Chinese ---------------------------------------------------------------------------


def unpad(text: str) -> str:
    """`王  沛` → `王沛`: two single characters padded apart are one name."""
    return _PADDED_NAME.sub(r"\1\2", text)


def chinese_person(text: str, *, strong: bool = False) -> Attribution | None:
    """A Chinese speaker described in `text` (no colon), or None.

    Reads `titles name` (spaced or glued to the last position word), `name（titles）`,
    a status after the name (`柳江代表`, `朱松纯委员`) and padded names (`王  洋`).
    `strong` (the layout marks the text as naming a speaker) admits names that do not
    start with a common family name and minority names up to six characters."""
    text = unpad(text.strip())
    if not text or len(text) > _MAX_LINE or _SENTENCE_PUNCT.search(text):
        return None
    if m := re.fullmatch(rf"(?P<name>{HAN}{{2,6}}?)(?P<status>{STATUSES})?\s*[（(](?P<titles>[^（）()]+)[）)]", text):
        inner = m.group("titles").strip()
        if _plausible_name(inner, strong=False) and (
            _MODERATOR_ZH.fullmatch(m.group("name")) or POSITION_END.search(m.group("name"))
        ):
            return describe_chinese(inner, (m.group("name"),))  # `主持人（张三）`: the role outside, the name inside
        if not _plausible_name(m.group("name"), strong=True):
            return None
        titles = _split_titles(m.group("titles"))
        status = (m.group("status"),) if m.group("status") else ()
        return describe_chinese(m.group("name"), status + titles)
    status = ""
    if (m := _TRAILING_STATUS.search(text)) and len(text) > len(m.group()) + 1:
        status, text = m.group(), text[: m.start()].rstrip()
    found = _titled_name(text, strong=strong or bool(status))
    if found is None and status and _plausible_name(text, strong=True):
        found = (text, ())
    if found is None and (m := _DESCRIBED.fullmatch(text)) and _plausible_name(m.group("name"), strong=False):
        found = (m.group("name"), (m.group("noun"),))  # `居民黄家发`, `村民张三`: who they are, then the name
    if found is None:
        return None
    name, titles = found
    if status and status not in HONORIFICS_AFTER:
        titles = (*titles, status)
    return describe_chinese(name, titles)


def _titled_name(text: str, *, strong: bool) -> tuple[str, tuple[str, ...]] | None:
    """`titles name` with a space before the name, or glued after a position word."""
    if spaced := split_speaker_line(_SPACES.sub(" ", text)):
        return spaced
    words = text.split()
    if len(words) >= 2 and _plausible_name(words[-1], strong=strong):
        titles = _split_titles(" ".join(words[:-1]))
        if titles and POSITION_END.search(titles[-1]):
            return words[-1], titles
    if len(words) >= 2 and _plausible_name(words[0], strong=False):  # `吴萍 三亚市教育局党委书记`
        titles = _split_titles("".join(words[1:]))
        if titles and POSITION_END.search(titles[-1]) and not POSITION_END.search(words[0]):
            return words[0], titles
    compact = "".join(words)
    parts = _split_titles(compact)
    if not parts:
        return None
    last = parts[-1]
    for cut in range(len(last) - 2, 0, -1):  # the longest title that leaves a name
        name = last[cut:]
        if POSITION_END.search(last[:cut]) and _plausible_name(name, strong=strong) and not POSITION_WORD.match(name):
            return name, (*parts[:-1], last[:cut])
    return None


def _split_titles(text: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in _TITLE_SEPARATORS.split(text) if t.strip())


def _plausible_name(name: str, *, strong: bool) -> bool:
    """2–4 Chinese characters starting with a common family name; with `strong`, any
    2–6 (a given name alone such as 克克, a minority name such as 巴莫曲布嫫)."""
    if not _NAME.fullmatch(name):
        return False
    if dictionary_word(name):  # `展望：` over a section, a word that names nothing
        return False
    if strong:  # (a run that reads as a clause is none: `…代表率先发言`, `专家算了一笔账`)
        return (len(name) <= _MAX_STRONG_NAME or "·" in name) and (name[0] in SURNAMES or not reads_as_clause(name))
    return len(name) <= _MAX_NAME and (name[0] in SURNAMES or family_name_length(name) == 2)


def _chinese_label(label: str, rest: str, at: int) -> Cue | None:
    """A Chinese label before a colon."""
    label = unpad(_QUESTION_NUMBER.sub("", label.strip()))  # `1. 陳志全議員：`: a question's number
    bare = re.sub(r"\s+", "", label)
    if (_QUOTING.search(bare) and not _QUESTIONER.fullmatch(bare)) or _SALUTATION.fullmatch(
        bare
    ):  # `林文辉感慨：“…”`, `同志们：`: nobody's turn
        return None
    if _DATELINE_ZH.fullmatch(bare):
        return Cue("marker", bare, at=at)
    if lettered := _LETTERED_ZH.fullmatch(bare):
        role = MODERATOR if _QUESTIONER.fullmatch(lettered.group("base")) else "unidentified"
        return Cue("turn" if rest else "line", bare, Attribution(bare, roles=(role,)), at, strong=True, role=role)
    if _is_credit_label(bare):
        # `编者按：近日…` is an editor's note: nobody's speech, but words to keep
        note = len(rest) > _LONG_NOTE or _SENTENCE_PUNCT.search(rest)
        return Cue("marker", bare, at=at) if note else Cue("credit", bare)
    if _ROSTER_HEADER_ZH.fullmatch(bare) and not rest:
        return Cue("roster", bare)
    if _ROSTER_HEADER_ZH.fullmatch(bare) and (guest := _listed(rest)):
        return Cue("roster", bare, guest)  # `嘉  宾：联合国教科文组织前总干事  博科娃`: the first of a list
    if _MODERATOR_ZH.fullmatch(bare) and (host := _listed(rest)):
        return Cue("roster", bare, host)  # `主持人：…副教授  吴  浩`, a legend: who `主持人：` is
    if m := _NARRATOR.fullmatch(bare):
        info = chinese_person(_strip_masthead(rest), strong=True)
        return (
            Cue("line", f"{bare}：{rest}", replace(info, roles=(*info.roles, m.group())), strong=True) if info else None
        )
    if legend := _LEGEND.fullmatch(f"{bare}：{rest}"):
        return Cue("roster", bare, Attribution(legend.group("name")))  # who the letter stands for; no speech
    if (
        _QUESTIONER.fullmatch(bare) or _PUBLICATION.fullmatch(bare) or _OUTLET.fullmatch(bare)
    ):  # `记者：`, `《三联生活周刊》：` (it asks)
        return Cue("turn", bare, Attribution(bare, roles=(MODERATOR,)), at, strong=True, role=MODERATOR)
    if _NUMBERED_ZH.fullmatch(bare):
        return Cue("turn" if rest else "line", bare, Attribution(bare, roles=("unidentified",)), at, strong=True)
    if _ANSWERER.fullmatch(bare):
        return Cue("turn", bare, Attribution(bare), at, strong=True)
    if _MODERATOR_ZH.fullmatch(bare):
        return Cue("turn", bare, Attribution(bare, (bare,), (), (bare,)), at, strong=True)
    kind = "turn" if rest else "line"
    if info := interposed_title(bare):
        return Cue(kind, bare, info, at, strong=True)
    if _CLAUSE_PUNCT.search(bare):  # `大学毕业后，…成为一名县中教师：“…”`: a clause, no label
        return None
    if info := chinese_person(label, strong=True):
        titled = bool(info.titles)
        return Cue(kind, bare, info, at, strong=titled or kind == "line")
    office = describe_label(bare)
    if office.roles and not _METADATA_LABEL.fullmatch(bare):  # 郭家麒議員, 食物及衞生局局長
        return Cue(kind, bare, office, at, strong=True)
    if _plausible_name(bare, strong=True) and not _METADATA_LABEL.fullmatch(bare):  # 王洋：, 克克：
        return Cue(kind, bare, Attribution(bare), at)
    return None


# one entry of a roster line listing several people, each with their title in brackets
# (`对话人：吕忠飞（浙江嘉善县县长）、王振海（河南封丘县县长）`)
_BRACKETED_ENTRY = re.compile(rf"(?P<name>[{CJK_UNIFIED}]{{2,4}})[（(](?P<title>[^（）()]{{2,40}})[）)]")


# what follows a name in an official attendance list: post-nominal letters and honours
# (`吳克儉先生 , S.B.S., J.P.`, `曾俊華先生 , 大紫荊勳賢 , J.P.`)
_POST_NOMINALS = re.compile(
    r"\s*[,，]\s*(?:[A-Z][A-Za-z.]*\.?|[^\x00-\x7f\s,，]{2,6}勳賢|[^\x00-\x7f\s,，]{1,4}勳章)(?:\s*[,，]\s*\S+)*\s*$"
)


def attendance_entry(view: str) -> Attribution | None:
    """One person of an official attendance list under its header (`出席政府官員：`), office,
    name and form of address run together: `教育局局長吳克儉先生 , S.B.S., J.P.` → 吳克儉,
    教育局局長; None for any other line."""
    line = _POST_NOMINALS.sub("", view.strip())
    if not has_han(line[:1]) or any(c in line for c in "：:，。；！？"):
        return None
    degree = re.search(r"(?:教授|醫生|医生|博士)$", line)  # (`張炳良教授`: a title after the name)
    info = chinese_person(line[: degree.start()] if degree else line, strong=True)
    if degree and info:
        info = replace(info, titles=(*info.titles, degree.group()))
    return info if info and (info.titles or info.roles) else None


def roster_entries(view: str) -> list[Attribution]:
    """The people a roster line lists, two or more, each a name with its title in brackets,
    set apart by `、` or `；` (`对话人：吕忠飞（浙江嘉善县县长）、王振海（…）`); else []."""
    label, colon, rest = view.strip().partition("：")
    if not colon or not _ROSTER_HEADER_ZH.fullmatch(re.sub(r"\s+", "", label)):
        return []
    parts = [p.strip() for p in re.split(r"[、；;]", rest.strip().rstrip("。"))]
    entries = [_BRACKETED_ENTRY.fullmatch(p) for p in parts]
    if len(entries) < 2 or not all(entries):
        return []
    return [describe_chinese(m.group("name"), (m.group("title"),)) for m in entries if m]


def is_legend(cue: Cue) -> bool:
    """A roster line that names a person after its header (`嘉宾：…`, `主持人：…`): it says who
    they are, it opens no speech."""
    return (
        cue.kind == "roster"
        and cue.info is not None
        and bool(_ROSTER_HEADER_ZH.fullmatch(cue.label) or _MODERATOR_ZH.fullmatch(cue.label))
    )


def _listed(rest: str) -> Attribution | None:
    """The person a roster line lists after its header's colon: titles, then a name set
    apart by spaces (`…副教授  吴  浩`), no sentence."""
    if _SENTENCE_PUNCT.search(rest) or not re.search(r"\S\s{2,}\S", rest.strip()):
        return None
    info = chinese_person(rest, strong=True)
    return info if info and info.titles else None


def interposed_title(label: str) -> Attribution | None:
    """`高委員金素梅`, `陳院長冲`: the official record's way (Taiwan's 立法院公報) of putting
    the title between family name and given name. Read only where a family name alone
    stands before the title: a unit before a title is longer than one character."""
    if (m := _INTERPOSED.fullmatch(label)) and not POSITION_WORD.match(m.group("given")):
        return describe_chinese(m.group("family") + m.group("given"), (m.group("office"),))
    return None


def is_answerer(label: str) -> bool:
    """`答`, `回答`: the one an interview asks, named elsewhere on the page."""
    return bool(_ANSWERER.fullmatch(label))


_INTERVIEWED = re.compile(
    r"(?:——|──|--)\s*访(?P<a>[^，。：:（）()]{3,60})$|(?:——|──|--)\s*(?P<b>[^，。：:（）()]{3,60}?)(?:访谈|專訪|专访)$|"
    r"(?:专访|專訪|采访|採訪)(?:了)?(?P<c>[^，。：:“”]{3,60}?)(?:[，。]|$)|"
    # `记者近日与零跑汽车创始人朱江明进行了面对面交流`
    r"(?:记者|記者)[^，。]{0,12}?(?:与|與|和|同)(?P<d>[^，。：:“”]{3,40}?)(?:进行|進行|展开|展開)了?[^，。]{0,8}?"
    r"(?:交流|对话|對話|访谈|訪談|交谈|交談)"
)
# a title that says who answers the reporters' questions: `有关部门负责人就《…》白皮书答记者问`
_ANSWERS_REPORTERS = re.compile(
    r"(?:^|[。！？])(?P<who>[^，。：:“”《》\s]{2,40})就[^，。]{1,80}?"
    r"(?:答记者问|答記者問|回答了(?:本报|本報)?(?:记者|記者)(?:的)?(?:提问|提問))(?:[。]|$)"
)  # a subtitle or the lead: `…负责人就相关问题回答了记者提问。`


def interviewee(view: str) -> Attribution | None:
    """The person a subtitle, lead or legend says is interviewed (`——访…副书记王江`,
    `——泡泡玛特创始人王宁访谈`, `本报记者专访了公司创始人王宁`, `记者…与…创始人朱江明进行了面对面交流`,
    `A：杨燕绥`) or answers the
    reporters (`有关部门负责人就…答记者问`), or None."""
    if (legend := _LEGEND.fullmatch(view)) and _ANSWERER.fullmatch(legend.group("label")):
        return Attribution(legend.group("name"))
    line = view.strip().lstrip("#").strip()
    for m in _INTERVIEWED.finditer(line):
        who = m.group("a") or m.group("b") or m.group("c") or m.group("d")
        if (info := chinese_person(who, strong=True)) and info.titles:
            return info
    if m := _ANSWERS_REPORTERS.search(line.lstrip("—－-").strip()):  # (a subtitle's dash: `——…负责同志就…答记者问`)
        who = m.group("who")
        if (info := chinese_person(who, strong=True)) and info.titles:
            return info
        if POSITION_END.search(who):  # an official known by office only (`有关部门负责人`)
            return Attribution(who, titles=(who,))
    return None


def legend(view: str) -> tuple[str, str] | None:
    """(label, name) when a line is a legend: the name it gives a questioner's or answerer's
    letter (`Q：一条` → Q, 一条) or the host (`主持人：…副教授  吴  浩` → 主持人, 吴浩); else None."""
    if found := _LEGEND.fullmatch(view):
        return found.group("label"), found.group("name")
    if host := re.fullmatch(r"[*_\s]*(?P<label>[^：:]{2,5})[：:](?P<rest>.+)", view):
        printed = re.sub(r"\s+", "", host.group("label"))
        if _MODERATOR_ZH.fullmatch(printed) and (info := _listed(host.group("rest"))):
            return printed, info.speaker
    return None


def _is_credit_label(label: str) -> bool:
    return bool(_CREDIT_LABEL.fullmatch(label) or _METADATA_LABEL.fullmatch(label)) and not _QUESTIONER.fullmatch(label)


def _strip_masthead(text: str) -> str:
    """A byline without the newspaper's edition after it: `…  史育龙《人民日报》（…）`."""
    return re.sub(r"《[^》]*》.*$", "", text).strip()


def chinese_line(view: str) -> Cue | None:
    """A whole Chinese line that names a speaker, a credit, a marker or an attribution."""
    line = view.strip()
    if _EDITOR_SIGNATURE.fullmatch(line):
        return Cue("credit", line)
    if m := _AUTHOR.fullmatch(line):
        titles = _CREDIT_TAIL.sub("", m.group("titles"))  # `…，本报记者李君强采访整理`: a credit, no title
        return Cue("author", line, Attribution("", _split_titles(titles)))
    if line[:1] in "（(" and line[-1:] in "）)" and re.search(_CREDIT_WORD, line):
        return Cue("credit", line)
    if _OPENING_DASH.match(line) and not line.endswith(("——", "--")):
        return _attribution(_OPENING_DASH.sub("", line))
    if (m := _BRACKET_SPEAKER.match(line)) and (info := chinese_person(m.group(1) or m.group(2), strong=True)):
        rest = line[m.end() :].lstrip("：: ")
        at = len(line) - len(rest)
        return Cue("turn" if rest else "line", m.group(), info, at, strong=bool(info.titles))
    if m := _BRACKET_MARK.match(line):
        word = m.group(1) or m.group(2)
        if _ROSTER_HEADER_ZH.fullmatch(word) and not line[m.end() :].strip():
            return Cue("roster", word)
        return Cue("marker", word, at=m.end())
    if _MARKER.match(line) and not has_han(line[:1]):
        bulleted = line[1:].strip()  # `■ 北京市高级人民法院院长 寇昉`: a speaker line behind a bullet
        if (info := chinese_person(bulleted)) and split_speaker_line(_SPACES.sub(" ", unpad(bulleted))):
            return Cue("line", line, info, len(line), strong=True)
        return Cue("marker", line, at=len(line))
    if m := re.match(r"(?P<label>[^：:]{1,40}?)\s*[：:]\s*", line):
        rest = line[m.end() :]
        if cue := _chinese_label(m.group("label"), rest, m.end()):
            return cue
        if rest and _is_credit_label(re.sub(r"\s+", "", m.group("label"))):
            return Cue("credit", line)
        return None
    if len(line) > _MAX_LINE:
        return None
    if _byline(line):
        return Cue("credit", line)
    if CLOSING_DASH.search(line):
        info = chinese_person(CLOSING_DASH.sub("", line))
        return Cue("line", line, info, len(line), strong=True) if info else None
    if roster := _roster_entry(line):
        return roster
    if info := chinese_person(line):
        # printed with a space before the name it reads alone; glued (`…党委书记吴萍`) only
        # where the layout frames it as a speaker line (the parser checks)
        return Cue("line", line, info, len(line), strong=bool(split_speaker_line(_SPACES.sub(" ", unpad(line)))))
    return None


def described_person(view: str) -> Cue | None:
    """A line that describes a person and ends with their name, in words no title list
    holds (`…物流城商户赵金桥`, `…本科毕业生曹雨璐`): the name jieba reads at its end, two or
    three characters after a description of four or more. A weak cue: the parser accepts
    it only where the page's recognised speaker lines frame speeches the same way."""
    line = view.strip()
    if not 6 <= len(line) <= _MAX_LINE or not re.fullmatch(f"{HAN}+", line):
        return None
    name = tagged_name(line)
    if len(name) not in (2, 3) or len(line) - len(name) < 4 or reads_as_clause(line[: -len(name)]):
        return None
    return Cue("line", line, describe_chinese(name, (line[: -len(name)],)), len(line), role=DESCRIBED)


def _byline(line: str) -> bool:
    """`本报记者  李  蕊`, `新华社记者  季春鹏摄`, `周  亮摄（人民视觉）`, `受访者供图`, and a
    caption with its credit on the same line (`…书店夜景。　　丁俊豪摄（影像中国）`)."""
    compact = unpad(line)
    if _BYLINE.match(compact) and not _SENTENCE_PUNCT.search(compact):
        return True
    tail = re.split(r"[。！？]\s+|\s{2,}", compact)[-1].strip()
    return bool(tail) and bool(_PHOTO.fullmatch(tail)) and len(tail) <= 40


def _attribution(text: str) -> Cue | None:
    """What follows `——`: `…董事长李东林代表`, `人民网“领导留言板”网友`, or reported
    speech `2026年1月20日，习近平总书记在…强调` (name before or after its title)."""
    text = text.strip()
    if _BYLINE.match(unpad(text)):  # a credit signed with a dash: `——本报记者  李  蕊`
        return None
    if (info := chinese_person(text, strong=True)) and not _REPORTED_VERB.search(info.speaker):  # not `…委员时强调`
        return Cue("after", text, info, strong=True)
    if (m := _DESCRIBED_AFTER.fullmatch(text)) and _plausible_name(m.group("name"), strong=False):
        return Cue("after", text, describe_chinese(m.group("name"), (m.group("described"),)), strong=True)
    if re.search(r"(?:网友|網友|读者|讀者|观众|觀眾|听众|聽眾)$", text) and len(text) <= 30:
        return Cue("after", text, Attribution(text, roles=(MODERATOR,)), role=MODERATOR)
    if _MASKED_HANDLE.fullmatch(text):  # a reader's comment signed with a masked handle
        return Cue("after", text, Attribution(text), strong=True)
    clause = re.sub(r"^\d{4}年\d{1,2}月\d{1,2}日[，,]?", "", text)
    if m := re.match(rf"(?P<who>{HAN}{{3,12}}?)(?:在|于|於|对|對|同|向|为|為)", clause):
        if _REPORTED_VERB.search(clause) and (info := _name_before_title(m.group("who"))):
            return Cue("after", text, info, role="reported")
    return None


def _name_before_title(who: str) -> Attribution | None:
    """`习近平总书记`: a name of at most four characters, then its title."""
    if t := POSITION_END.search(who):
        name = who[: t.start()]
        if _plausible_name(name, strong=True) and len(name) <= _MAX_NAME:
            return describe_chinese(name, (t.group(),))
    return None


def _roster_entry(line: str) -> Cue | None:
    """`王  洋（湖北省武汉市发展和改革委员会主任）` or `贺  丹  全国政协委员、…主任`: a
    participant's name and titles on one line, no speech."""
    compact = unpad(line)
    if m := re.fullmatch(rf"(?P<name>{HAN}{{2,4}})\s*[（(](?P<titles>[^（）()]{{4,}})[）)]", compact):
        titles = _split_titles(m.group("titles"))
        if POSITION_WORD.search(titles[-1]) and _plausible_name(m.group("name"), strong=True):
            return Cue("roster", compact, describe_chinese(m.group("name"), titles))
    if m := re.fullmatch(rf"(?P<name>{HAN}{{2,4}})\s{{2,}}(?P<titles>\S.{{3,}})", compact):
        titles = _split_titles(m.group("titles"))
        if titles and POSITION_END.search(titles[-1]) and _plausible_name(m.group("name"), strong=False):
            return Cue("roster", compact, describe_chinese(m.group("name"), titles))
    return None


def is_chinese_name(name: str) -> bool:
    """2–4 Chinese characters starting with a common family name."""
    return _plausible_name(name, strong=False)


_SPEECH_TITLE_ZH = re.compile(
    r"(?P<who>[^，,：:“”]{2,40}?)(?:同志)?在(?P<event>[^：:]{2,60}?)(?:上|中|开幕式上|闭幕式上)?(?:的|所作的)?"
    r"(?:讲话|講話|发言|發言|致辞|致辭|报告|報告|主旨演讲|主旨演講|演讲|演講|讲话提纲)(?:（[^）]*）)?"
)
_SPEECH_TITLE_EN = re.compile(
    r"(?:Remarks|Speech|Statement|Address|Testimony|Keynote|Opening Statement|Prepared Remarks)(?: as Prepared for Delivery)?"
    r"\s+(?:by|of)\s+(?P<who>.+?)(?:\s+(?:at|on|before|to|for|during)\s+.+)?"
)


def speech_title(view: str) -> Attribution | None:
    """The speaker a speech's title names — `市委书记张三在全市经济工作会议上的讲话`,
    `Remarks by Governor Jane Smith at the Budget Address` — or None."""
    line = view.strip().lstrip("#").strip()
    if m := _SPEECH_TITLE_ZH.fullmatch(line):
        who = m.group("who").strip()
        if info := chinese_person(who, strong=True):
            return info
        if _plausible_name(who, strong=False):
            return Attribution(who)
        return _name_before_title(who)
    if m := _SPEECH_TITLE_EN.fullmatch(line):
        info = english_speaker(m.group("who").strip())
        return info if info and len(info.speaker.split()) <= 4 else None
    return None


def bare_name(view: str) -> str:
    """A line that is only a name (`聂震宁`, `陈  炜`), else ""."""
    line = unpad(view.strip())
    return line if _plausible_name(line, strong=False) else ""


# ---- English ---------------------------------------------------------------------------

# letters of names in Latin script, accents included (`Joël Godin`, `La Pointe-de-l'Île`)
_EN_UPPER = "A-ZÀ-ÖØ-Þ"
_EN_LETTERS = "A-Za-zÀ-ÖØ-öø-ÿĀ-ž"
_EN_LABEL = re.compile(
    rf"(?P<label>[{_EN_UPPER}][{_EN_LETTERS}0-9.'’\-]*(?:[ ]{{1,2}}[{_EN_LETTERS}0-9.'’\-(),&]+){{0,7}}?)[ ]?:(?:[ ]+|$)"
)
# a name and a colon with no space after it, as some scraped transcripts print turns: `Dylan Field:Thanks, Kate`
_EN_LABEL_UNSPACED = re.compile(
    rf"(?P<label>[{_EN_UPPER}][a-zà-öø-ÿ'’\-]+(?:[ ][{_EN_UPPER}][{_EN_LETTERS}'’\-.]+){{0,3}}):(?=[A-Z“\"‘'])"
)
# a label whose brackets hold more words than `_EN_LABEL` allows: `Mr. Gar Knutson
# (Parliamentary Secretary to Prime Minister, Lib.):`, as Hansards print office and party (`… moved:` a motion),
# up to three of them as Australian state Hansards print seat, office and time:
# `Hon. YM D’ATH (Redcliffe—ALP) (Leader of the House) (11.37 am):`
_EN_BRACKETED = re.compile(
    rf"(?P<label>[{_EN_UPPER}][{_EN_LETTERS}.'’\-]*(?:[ ][{_EN_LETTERS}.'’\-]+){{0,4}}(?:[ ]\([^()\n:]{{2,160}}\)){{1,3}})"
    rf"(?:[ ]moved)?[ ]?:(?:[ ]+|$)"
)
# a label in capitals closed by a stop and a dash, as Commonwealth Hansards print it:
# `HON. F.S. KOYA (Minister for Commerce, Trade, Tourism and Transport).- Thank you`, `MR. SPEAKER.—`
_STOP_DASH = r"[.:][ ]?[-–—]"
_CAPITALS_NAME = (
    rf"(?:[{_EN_UPPER}][{_EN_UPPER}.'’\-]*[ ]{{1,2}}){{0,6}}[{_EN_UPPER}][{_EN_UPPER}'’\-]+(?:[ ]\([^()\n]{{2,160}}\))?"
)
_EN_STOP_DASH = re.compile(rf"(?P<label>{_CAPITALS_NAME})[ ]?{_STOP_DASH}[ ]*(?=\S)")
_STOP_DASH_INSIDE = re.compile(_STOP_DASH)
# … and run into a paragraph after a sentence, its honorific in capitals, as a Hansard converted
# from PDF runs turns together: `… quite different. HON. M. S. N. KAMIKAMICA.- Mr. Speaker, Sir`
_EN_STOP_DASH_INLINE = re.compile(
    rf"(?<=[.!?)\]][ ])(?P<label>(?:HON|MR|MRS|MS|DR)\.?[ ]{_CAPITALS_NAME})[ ]?{_STOP_DASH}[ ]*(?=\S)"
)
# … or, after an honorific, a name in capitals and a dash alone, as Papua New Guinea's Hansard
# prints it: `Mr PATRICK BASA - Good morning, Mr Acting Speaker`
_EN_HONORIFIC_DASH = re.compile(
    rf"(?P<label>(?:Mr|Mrs|Ms|Dr|Sir|Dame|Hon|MR|MRS|MS|DR|HON)\.?(?:[ ][{_EN_UPPER}][{_EN_UPPER}.'’\-]+){{1,4}})[ ][-–—][ ]+(?=\S)"
)
# a member asking a question in writing or on notice: `HON. A.D. O’CONNOR asked the Government, upon notice:`
_EN_ASKED = re.compile(
    rf"(?P<label>(?:[{_EN_UPPER}][{_EN_UPPER}.'’\-]*[ ]{{1,2}}){{1,4}}[{_EN_UPPER}][{_EN_UPPER}'’\-]+)[ ]+(?=asked[ ]+(?:the|whether)[ ])"
)
_EN_GLUED = re.compile(r"(?<=[a-z,.;])[-–—]+(?P<label>[A-Z][A-Z.'’\-]+(?: [A-Z][A-Za-z.'’\-]+){1,3}):[ ]+")
# a label run into the speech with a full stop, as the Congressional Record, FOMC and court
# transcripts print it: `CHAIR POWELL. Good morning`, `Mr. SULLIVAN. Objection`, a footnote
# number glued on (`MS. ZOBEL.1 Thank you`); the surname is in capitals; `PARTICIPANT.`, one not identified
_EN_RUN_IN = re.compile(
    r"(?P<label>(?:(?:MR|MS|MRS|DR|MISS|Mr|Ms|Mrs|Dr|Miss)\.|(?:[A-Z]{2,}|Chairman|Chairwoman|Senator|Justice|Judge)"
    r"(?:[ ][A-Z]{2,}){0,2})[ ]+[A-Z][A-Z'’\-]+(?:[ ][A-Z][A-Z'’\-]+)?|(?:UNIDENTIFIED[ ])?PARTICIPANT|VOICE"
    # the Record's presiding officers and a member named with a state (`The SPEAKER pro tempore.`, `Mr. BROWN of California.`)
    r"|The[ ](?:CHAIRMAN|CHAIRWOMAN|CHAIR|SPEAKER|PRESIDENT|ACTING[ ]PRESIDENT|PRESIDING[ ]OFFICER|CLERK)(?:[ ]pro[ ]tempore)?"
    r"|(?:Mr|Ms|Mrs|Miss)\.[ ](?:Mc|Mac)?[A-Z][A-Z'’\-]+[ ]of[ ][A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)"
    r"\.\d{0,2}[ ]+(?=\S)"
)
# the Congressional Record's own label, run into a paragraph after a sentence: `… didn't
# you? Mr. SULLIVAN. Objection` (a mixed-case honorific or office, the surname in capitals)
_RECORD_LABEL = (  # (`Mr. McFARLANE`: a Mc, Mac or O' before the capitals)
    r"(?:Mr|Ms|Mrs|Dr|Miss)\.?[ ](?:Mc|Mac)?[A-Z][A-Z'’\-]+|(?:Chairman|Chairwoman|Senator|Representative)[ ](?:Mc|Mac)?[A-Z][A-Z'’\-]+"
)
_EN_RUN_IN_INLINE = re.compile(rf"(?<=[.?!][ ])(?P<label>{_RECORD_LABEL})[.:][ ]+(?=[A-Z])")
RECORD_LABEL = re.compile(_RECORD_LABEL)
# a name and a colon after a sentence, as captions run turns together: `…Congratulations.    Al Sigala:  Thank you`
_EN_RUN_TOGETHER = re.compile(
    r"(?<=[.?!\]])[ ]{1,6}(?P<label>[A-Z][a-z'’\-]+(?:[ ][A-Z][a-z'’\-]+){0,2}):[ ]{1,4}(?=\S)"
)
_Q_LABEL = re.compile(r"(?P<label>Q|QUESTION|Question|A|ANSWER|Answer)(?:[ ]{2,}|[ ]*[:.][ ]+)")
_CAPITAL_TITLES = frozenset({"GM", "CEO", "COO", "CFO", "CTO"})  # kept in capitals
_ROLE_LABEL = re.compile(r"(?i:the)\s+(?P<role>[A-Za-z .]+)")
# a member of Congress as the Record tells two of one surname apart: `Mr. BROWN of California`
MEMBER_OF_STATE = re.compile(
    r"(?P<member>(?:Mr|Ms|Mrs|Miss)\.?[ ]\S+)[ ]of[ ](?P<state>[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)"
)
_DEPARTMENT_HEADS = frozenset(
    "director chief manager clerk attorney officer administrator superintendent coordinator treasurer engineer "
    "planner auditor minister secretary commissioner spokesperson spokesman spokeswoman".split()
)
_BRACKETED_TITLE = re.compile(r"\((?:Prof|Dr|Rev|Eng|Amb|Gen|Capt|Col|Maj)\.?\)")
# who speaks in a courtroom, as its transcripts label them (`THE COURT:`, `THE WITNESS:`)
_COURT_ROLES = frozenset(
    "court witness defendant plaintiff petitioner respondent interpreter bailiff reporter juror jurors jury foreperson "
    "prosecutor deponent".split()
)
_OFFICE_OF_BODY = re.compile(
    r"(?P<office>[A-Za-z .]+?)\s+(?i:of)\s+(?:(?i:the)\s+)?(?P<body>(?!.*\b(?i:for)\b)[A-Za-z][A-Za-z .&]*)"
)
_UNIDENTIFIED = re.compile(
    r"(?i:(?:an?\s+)?(?:unidentified|unknown|unnamed)\b.*|(?:audience|public)\s+(?:member|members|speaker)s?|"
    r"(?:multiple\s+)?(?:voices?|speakers?)|participants?|crowd|"
    r"(?:senior\s+)?(?:[a-z.]+\s+){0,2}officials?|"  # `SENIOR ADMINISTRATION OFFICIAL`, a background call's
    r"(?:speaker|participant|voice|person|interviewer|interviewee|respondent|guest)[ _-]?(?:\d{1,3}|[A-Z]))"
    r"|STAFF(?:[ ]MEMBER)?"  # a briefing's unnamed aide, in capitals as its labels are (`Staff:` heads a list of minutes)
)
_GREETING = re.compile(
    r"(?i:(?:ladies and gentlemen|my fellow [a-z]+|dear [a-z ]+|friends|colleagues|everyone)(?:,.*)?)"
)
_EN_STOPWORDS = frozenset(
    """a an and as at by for from in into of on or the to with page continued present absent members member staff
    others item items note notes example key next steps action summary subject date time location re cc bcc
    motion discussion vote call order recommended actions update updates other matters adjourn
    transcript source sources disclaimer correction photo caption via description conclusion conclusions outcome""".split()
)


# a speaker line as earnings-call transcripts print it, the speech on the lines below:
# `Rob Mionis - President & CEO`, `Robert Young - Canaccord`, `Operator`
# (`Brian Denyeau--Investor Relations`, as Motley Fool's transcripts print speaker lines: a double dash, no spaces)
_EN_DASHED = re.compile(
    r"(?P<name>[A-Z][\w.'’\-]+?(?:[ ][A-Z][\w.'’\-]+?){1,3})(?:[ ]+[-–—][ ]+|[ ]*(?:--|—)[ ]*)(?P<title>[A-Z][^\n]{1,80})"
)
_OPERATOR = re.compile(r"(?i:operator)")
# a member of Congress alone on a line with party and state, the words below (`Sen. Mike Lee (R-Utah)`)
_MEMBER_LINE = re.compile(
    r"(?P<name>(?:Sen|Rep|Senator|Representative|Del|Delegate)\.?[ ][A-Z][\w.'’\-]*(?:[ ][A-Z][\w.'’\-]*){0,3})"
    r"[ ]\((?P<party>[RDI]-[A-Z][A-Za-z.]*(?:[ ][A-Z][A-Za-z.]*)?)\)"
)
_LINK_ONLY = re.compile(r"<?https?://\S+>?|\[[^\]]*\]\(https?://\S+\)")
# a first name in bold opening a paragraph of minutes, a verb after it (`**Martin** concludes by saying…`)
_BOLD_NAME_LEAD = re.compile(r"\*\*(?P<name>[A-Z][a-zà-ÿ'’\-]+(?: [A-Z][a-zà-ÿ'’\-]+)?)\*\*[ ]+(?=[a-z])")
_MINUTES_WORDS = _EN_STOPWORDS | {
    "proposal",
    "proposed",
    "resolution",
    "resolved",
    "decision",
    "topic",
    "agenda",
    "scribe",
}
# a turn as IRC-scribed minutes print it: a participant's own line `<Ege> +1 to pandoc`, or the
# scribe's `mk: that makes sense` under a nickname or initials in lower case
_CHAT_BOT = re.compile(r"(?i:zakim|rrsagent|trackbot|github-bot|ghurlbot|agendabot|chanserv|nickserv)")
# (a bridge relaying another network's line names its speaker next: `<kovri-slack> <oneiric> hullo`)
# (`&lt;jrandom&gt;`: a log a web page escapes)
_NICK = r"(?:<|&lt;)(?P<{}>[A-Za-z][\w.|\-\[\]`^{{}}]{{0,23}})(?:>|&gt;)"
_CHAT_LABEL = re.compile(
    rf"(?:(?:{_NICK.format('relay')}[ \t]+)?{_NICK.format('nick')}|(?P<label>[a-z][a-z0-9_\-]{{1,15}}):)[ \t]+(?=\S)"
)


def english_label(view: str) -> Cue | None:
    """An English turn label at the start of the line (`SENATOR MURPHY:`, `Alice Smith:`,
    a bare `Q` followed by spaces), a speaker line (`Rob Mionis - President & CEO`,
    `Operator`), or a roster header (`PRESENT:`)."""
    line = view.strip()
    if _OPERATOR.fullmatch(line):
        return Cue("line", line, Attribution(line, roles=(MODERATOR,)), len(view), role=MODERATOR)
    if (
        (m := _EN_DASHED.fullmatch(line))
        and not names_a_body(m.group("name"))
        and (info := english_speaker(m.group("name")))
        and " " in info.speaker
    ):  # (not `Executive Committee – Chaired by Chair Tisdale`)
        after = m.group("title").strip()
        if _firm(after):  # `Robert Young - Canaccord`, `Toshiya Hari - Goldman Sachs`
            return Cue("line", line, replace(info, units=(*info.units, after)), len(view))
        return Cue("line", line, replace(info, titles=(*info.titles, after)), len(view))
    if (m := _MEMBER_LINE.fullmatch(line)) and (info := english_speaker(m.group("name"))):
        return Cue("line", line, replace(info, units=(*info.units, m.group("party"))), len(view))
    if m := _Q_LABEL.match(view):
        label = m.group("label")
        role = MODERATOR if label[0] == "Q" else ""
        return Cue("turn", label, Attribution(label, roles=(role,) if role else ()), m.end(), role=role)
    if m := _BOLD_NAME_LEAD.match(line):  # `**Jorge** opens the meeting`: minutes of who did what
        return Cue("turn", m.group("name"), Attribution(m.group("name")), view.index(line), chat="bold")
    if m := _CHAT_LABEL.match(line):
        label, chat = (m.group("nick"), "irc") if m.group("nick") else (m.group("label"), "scribe")
        if _CHAT_BOT.fullmatch(label) or label.lower() in _MINUTES_WORDS or line[m.end() :].startswith("* "):
            # a bot's line, `proposal:`, an action relayed (`<deer> * Jake waves`): nobody's words
            return Cue("marker", label, at=view.index(line) + m.end(), chat=chat)
        return Cue("turn", label, Attribution(label), view.index(line) + m.end(), chat=chat)
    for pattern in (
        _EN_LABEL,
        _EN_BRACKETED,
        _EN_RUN_IN,
        _EN_LABEL_UNSPACED,
        _EN_STOP_DASH,
        _EN_HONORIFIC_DASH,
        _EN_ASKED,
    ):
        if not (m := pattern.match(view)):
            continue
        label, rest = m.group("label").strip(), view[m.end() :]
        if pattern is not _EN_STOP_DASH and _STOP_DASH_INSIDE.search(label):
            continue  # `HON. V. PILLAY.- Mr:`: the stop and dash end the label, whatever follows
        if ROSTER_HEADER_EN.fullmatch(label):
            return Cue("roster", label)
        if _GREETING.fullmatch(label):
            return None
        if _OPERATOR.fullmatch(label):  # `Operator: Thank you.`, the call's moderator, once or more
            info = Attribution(label, roles=(MODERATOR,))
            return Cue("turn" if rest.strip() else "line", label, info, m.end(), role=MODERATOR)
        if _LINK_ONLY.fullmatch(rest.strip(" *_")):  # `**Audio Recording**: https://…`: a list of links
            return None
        if info := english_speaker(label):
            return Cue("turn" if rest.strip() else "line", label, info, m.end(), strong=is_all_caps(label))
    return None


def _firm(words: str) -> bool:
    """Whether what a dash puts after a name is a firm, not an office: capitalised words
    (`Goldman Sachs`, `Cantor Fitzgerald`), none a title (`President & CEO`, `VP, IR`)."""
    tokens = re.findall(r"[\w&.'’-]+", words)
    return (
        bool(tokens)
        and all(t[0].isupper() or t in ("&", "and", "of", "de") for t in tokens)
        and not any(t.lower().strip(".") in EN_TITLES for t in tokens)
        and not EN_OFFICE_WORDS.search(words)
    )


def names_a_body(name: str) -> bool:
    """Whether English words name an organisation, a place or an agenda item, not a person
    (`Executive Committee`, `Furlong Road Development`; a first word may be a first name: `Bill Blaikie`)."""
    words = name.split()
    return any(w in EN_NOT_A_PERSON for w in words) or any(w.lower() in EN_ORGANISATION_WORDS for w in words[1:])


def is_titled_line(label: str) -> bool:
    """Whether a label is a speaker line with its title after a dash (`Rob Mionis - President & CEO`)."""
    return _EN_DASHED.fullmatch(label) is not None


_AFTER_INITIAL = re.compile(r"(?:^|\s)[A-Z]\.\s*$")  # a middle initial right before: `Andrew R. `


def english_glued(view: str) -> list[tuple[int, Cue]]:
    """Labels inside a line: glued by PDF extraction (`… So now-SHONTEL LEWIS: My hand…`),
    run into a paragraph as the Congressional Record prints them (`… didn't you? Mr.
    SULLIVAN. Objection`), or after a sentence as captions run turns together (`…
    Congratulations.  Al Sigala:  Thank you`) and Hansards converted from PDF do (`… different.
    HON. M. S. N. KAMIKAMICA.- Mr. Speaker`): (where the label starts, the cue)."""
    found = []
    for m in (
        *_EN_GLUED.finditer(view),
        *_EN_RUN_IN_INLINE.finditer(view),
        *_EN_RUN_TOGETHER.finditer(view),
        *_EN_STOP_DASH_INLINE.finditer(view),
    ):
        if _AFTER_INITIAL.search(view, 0, m.start("label")):
            continue  # the rest of a name after its initial (`Andrew R. Jassy:`), no turn of its own
        if info := english_speaker(m.group("label")):
            found.append((m.start("label"), Cue("turn", m.group("label"), info, m.end() - m.start("label"))))
    return sorted(found, key=lambda item: item[0])


# a Chinese turn label inside a line, after a sentence or a space, as a page that ran its
# paragraphs together prints it: `…出发点？ 王雪峰：从大背景来说…`
_ZH_GLUED = re.compile(rf"(?<=[。！？!?…”」』\s])(?P<label>{HAN}{{1,4}})[：:](?=\S)")


def chinese_glued(view: str) -> list[tuple[int, Cue]]:
    """Chinese turn labels inside a line (`…？ 王雪峰：…`): (where the label starts, the cue);
    the parser keeps those the page's own turns bear out."""
    found = []
    for m in _ZH_GLUED.finditer(view):
        cue = _chinese_label(m.group("label"), view[m.end() :], m.end() - m.start("label"))
        if cue is not None and cue.kind == "turn":
            found.append((m.start("label"), cue))
    return found


def english_speaker(label: str) -> Attribution | None:
    """A label → Attribution: titles and honorifics in front become titles (`SENATOR
    MURPHY` → Murphy, Senator), a role alone stays the name (`THE PRESIDENT`), an
    unidentified voice keeps its label; None when no word can be a name (`Key Points`)."""
    label = re.sub(
        r"\b(MR|MS|MRS|DR|Mr|Ms|Mrs|Dr) \.", r"\1.", re.sub(r"\s+", " ", label).strip()
    )  # OCR's `MS . HOFFINGER`
    if _UNIDENTIFIED.fullmatch(label):
        return Attribution(label, roles=("unidentified",))
    if "," in label and "(" not in label and not _NAME_SUFFIX.search(label):
        return _described_label(label)
    if (m := MEMBER_OF_STATE.fullmatch(label)) and (member := english_speaker(m.group("member"))):
        return replace(member, units=(*member.units, m.group("state")))  # `Mr. BROWN of California`
    if m := _ROLE_LABEL.fullmatch(label):
        words = [w for w in m.group("role").split() if w not in ("pro", "tempore")]  # `The SPEAKER pro tempore`
        if all(w.lower().strip(".") in EN_TITLES for w in words) or m.group("role").lower() in _COURT_ROLES:
            return Attribution(label, roles=(_title_case(m.group("role")),))
        # an office of a body, as Commonwealth Hansards label their presiding officers and
        # ministers (`The MINISTER OF FINANCE`, `The CHAIRPERSON OF THE NCOP`)
        if (of := _OFFICE_OF_BODY.fullmatch(m.group("role"))) and all(
            w.lower().strip(".") in EN_TITLES for w in of.group("office").split()
        ):
            office = _title_case(of.group("office"))
            return Attribution(label, (office,), (of.group("body"),), (office,))
    base = describe_label(label)  # brackets, honorifics, post-nominals, `The Chair (…)`
    words = base.speaker.split()
    titles: list[str] = []
    while len(words) > 1 and (
        _BRACKETED_TITLE.fullmatch(words[0])  # `Sen. (Prof.) Lonyangapuo`, as Kenya's Hansard prints it
        or _title_word(words[0])
        or _acronym(words[0])
        and _title_word(words[1])
        or words[0] in EN_OFFICE_ABBREVIATIONS
        and len(words) > 2  # `DA VALERIE G. GARDNER`, not `DA SILVA`
    ):
        titles.append(words.pop(0).strip("()"))
    # a department before the office that heads it, then a surname (`Police Chief Hudak`,
    # `Communications Director Pantin`, `FOREIGN MINISTER LEZCANO`): the office is a title, the department with it
    if (
        not titles
        and 3 <= len(words) <= 4
        and words[-2].lower() in _DEPARTMENT_HEADS
        and all(w[:1].isupper() for w in words)
    ):
        titles, words = [" ".join(words[:-1])], words[-1:]
    # after an honorific, initials may be printed without stops (`Mr G A LUCAS`, `Dr E A CONROY`)
    unstopped = bool(titles) or base.speaker != label
    if not words or not _name_word(words[-1]):
        return None
    if not all(_name_word(w) or unstopped and re.fullmatch(r"[A-Z]", w) for w in words[:-1]):
        return None
    if len(words) == 1 and words[0].lower() in EN_TITLES:
        return Attribution(label, roles=(_title_case(words[0]),))
    if titles and all(w.lower() in EN_ORGANISATION_WORDS for w in words):  # `Counsel Inquiry`: an office, no name
        return Attribution(label, roles=(_title_case(" ".join(titles)),))
    title = _title_case(" ".join(t for t in titles if t.lower().strip(".") not in EN_HONORIFICS))
    honorifics = tuple(
        _title_case(t)
        for t in titles
        if t.lower() in EN_HONORIFICS and t.lower().strip(".") not in ("mr", "mrs", "ms", "miss", "mx")
    )
    new_titles = tuple(t for t in (title, *honorifics) if t)
    return Attribution(
        " ".join(words),
        new_titles + base.titles,
        base.units,
        tuple(dict.fromkeys((*((title,) if title else ()), *base.roles))),
    )


_DESCRIPTOR = re.compile(
    r"(?:[A-Z0-9][\w.&'’\-]*|of|and|the|for|on|in|at|de)(?: (?:[A-Z0-9][\w.&'’\-]*|of|and|the|for|on|in|at|de)){0,6}"
)


_NAME_SUFFIX = re.compile(r",\s*(?i:jr|sr|ii|iii|iv|esq)\.?(?:,|$)")  # `JAMES M. NABRIT, JR.`: part of the name


def _described_label(label: str) -> Attribution | None:
    """A broadcast or hearing label that gives a name and then, after commas, what the person
    is and for whom (`CARL AZUZ, CNN STUDENT NEWS ANCHOR`, `ROBERT PRIOR-WANDESFORDE, HSBC,
    SENIOR ASIA ECONOMIST`): the name, its titles and units; None unless the first part is a
    full name and every other part reads as a descriptor."""
    first, *rest = (part.strip() for part in label.split(","))
    person = english_speaker(first) if first else None
    if person is None or len(person.speaker.split()) < 2 or person.roles and not person.titles:
        return None
    if not rest or not all(_DESCRIPTOR.fullmatch(part) for part in rest):
        return None
    words = [w for part in rest for w in part.split()]
    if not any(w[:1].isupper() for w in words):
        return None
    # a descriptor ending in what someone is is a title (`CNN STUDENT NEWS ANCHOR`, `HISTORIAN`);
    # otherwise an organisation or a place (`HSBC`, `U.S. ARMY CRIMINAL DIVISION`, `LONDON`)
    titles = tuple(p for p in rest if p.split()[-1].lower().rstrip("s") in EN_TITLES | EN_OCCUPATIONS)
    units = tuple(p for p in rest if p not in titles)
    return replace(person, titles=person.titles + titles, units=person.units + units)


def _title_word(word: str) -> bool:
    return word.lower().strip(".,") in EN_TITLES or word.lower() in EN_HONORIFICS


def _acronym(word: str) -> bool:
    """`FEMA`, `NASA`, `U.S.`: an organisation or country before a title (`FEMA Administrator`)."""
    return 2 <= len(word) <= 6 and word.isupper() and word.isalpha() or bool(re.fullmatch(r"(?:[A-Z]\.){2,3}", word))


_NAME_PARTICLES = frozenset({"van", "von", "der", "den", "ter", "du", "bin", "ibn"})  # `Franz von Holzhausen`


def _name_word(word: str) -> bool:
    """A word that can be part of a personal name: capitalised, not a common word."""
    bare = word.strip(".,()")
    if re.fullmatch(r"[A-Z]\.", word):  # an initial (`Malcolm A. Smith`), not the article
        return True
    return (
        bool(bare)
        and (bare[0].isupper() or bare[:2] in ("de", "da", "di", "al", "la", "le") or bare in _NAME_PARTICLES)
        and bare.lower() not in _EN_STOPWORDS
        and not re.search(r"\w['’]s$", bare)  # a possessive names no one: `Minute’s Silence:`, `Chairman's Business:`
    )


def is_all_caps(label: str) -> bool:
    """Whether a label is printed in capitals (`SENATOR MURPHY`, `LIAM McLAUGHLIN`)."""
    letters = [c for c in label if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _title_case(text: str) -> str:
    """`COUNTY EXECUTIVE` → `County Executive`; mixed-case words stay as printed."""
    return " ".join(
        w if not is_all_caps(w) or w in _CAPITAL_TITLES or re.fullmatch(r"(?:[A-Z]\.)+", w) else w.capitalize()
        for w in text.split()
    )


def is_signature(view: str) -> bool:
    """A comment's signature line (`> [name=ipa c]`), as HackMD/CodiMD notes print it."""
    return _SIGNED.fullmatch(view.strip()) is not None


# a comment's signature as HackMD/CodiMD notes print it, on the line after the words
_SIGNED = re.compile(r"(?:>[ \t]*)*\[name=(?P<name>[^\]\n=]{1,40})\](?:[ \t]*\[(?:time|color)=[^\]\n]*\])*")
_BULLET = re.compile(r"[*+•\-]\s+(?=\S)")
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_TIMESTAMP = rf"[\[(（]?(?:\d{{4}}-\d{{2}}-\d{{2}}[ T])?{_CLOCK}[\])）]?"
_LEADING_TIME = re.compile(rf"{_TIMESTAMP}\s+")
_TRAILING_TIME = re.compile(rf"\s+{_TIMESTAMP}$")
_TIME_BEFORE_COLON = re.compile(rf"\s+[\[(（]{_CLOCK}[\])）]\s*(?=[:：])")  # `Jen Luker (00:01:02):`, as Rev prints it
# a label in square brackets before its colon (`[Camuso]: You on?`), as diarised transcripts print it
_BRACKETED_LABEL = re.compile(r"\[(?P<label>[^\[\]\n:：]{1,40})\][ \t]*(?=[:：])")
_BOLD_TIME = re.compile(rf"(\*{{2}}|__){_TIMESTAMP}\s+")  # `**00:01:39 SPANBERGER**`
# after a time stamp, a name in bold and the words on the same line (`0:00:14.3 **Jen Luker** 3.`)
_BOLD_NAME = re.compile(r"(?:\*{2}|__)(?P<name>[^*_:：\n]{2,60}?)(?:\*{2}|__)\s+(?=\S)")
_ASKER_NUMBER = re.compile(r"\d{1,5}\.\s+(?=[A-Z])")  # a question's number before its asker's label


def recognise(view: str) -> Cue | None:
    """The cue a line's view holds, or None for a line of speech or narration. A time
    stamp before a label (`[00:01:23] 张三：…`) or after a label alone on its line (`说话人1
    00:00:03`, as speech-to-text exports print them), and a question's number before its
    asker's label (`802. SMT. BHARTI PARDHI:`), are read past."""
    line = view.strip()
    if not line:
        return None
    if m := _SIGNED.fullmatch(line):  # `> [name=ipa c]`: the comment above is theirs
        return Cue("after", line, Attribution(" ".join(m.group("name").split())), strong=True)
    if m := _BULLET.match(line):  # a markdown list item: `* 主席：…`, `- Alice: …`
        cue = recognise(line[m.end() :])
        return replace(cue, at=cue.at + m.end()) if cue and cue.at else cue
    if (m := _BRACKETED_LABEL.match(line)) and (cue := _recognise(m.group("label") + line[m.end() :])):
        return replace(cue, at=cue.at + m.end() - len(m.group("label"))) if cue.kind in ("turn", "line") else None
    if m := _BOLD_TIME.match(line):  # the time inside the bold: the label after it, as after any time stamp
        cue = recognise(m.group(1) + line[m.end() :]) or _timed_label(m.group(1) + line[m.end() :])
        return replace(cue, at=cue.at + m.end() - len(m.group(1))) if cue else None
    if (m := _TIME_BEFORE_COLON.search(line[:80])) and (cue := recognise(line[: m.start()] + line[m.end() :])):
        return replace(cue, at=cue.at + m.end() - m.start()) if cue.at > m.start() else cue
    if m := _LEADING_TIME.match(line):
        rest = line[m.end() :]
        if cue := recognise(rest):
            return replace(cue, at=cue.at + m.end()) if cue.kind == "turn" else cue
        return replace(cue, at=cue.at + m.end()) if (cue := _timed_label(rest)) else None
    if (m := _ASKER_NUMBER.match(line)) and (cue := recognise(line[m.end() :])) and cue.kind in ("turn", "line"):
        if re.match(rf"{re.escape(cue.label)}\s*[:：]", line[m.end() :]):  # `802. SMT. BHARTI PARDHI:`
            return replace(cue, at=cue.at + m.end())
    if m := _TRAILING_TIME.search(line):
        cue = _recognise(line[: m.start()] + "：" if has_han(line[:12]) else line[: m.start()] + ":")
        return replace(cue, kind="line", at=len(line)) if cue and cue.kind in ("turn", "line") else None
    return _recognise(line)


def _timed_label(rest: str) -> Cue | None:
    """What follows a time stamp that a label without its colon: a name in bold before the
    words (`**Jen Luker** 3.`), or a short label alone (`SPANBERGER`), as podcast and video
    transcripts print them."""
    if m := _BOLD_NAME.match(rest):
        name = m.group("name").strip()
        cue = _recognise(f"{name}: {rest[m.end() :]}") if len(name.split()) >= 2 or is_all_caps(name) else None
        return replace(cue, at=m.end()) if cue and cue.kind == "turn" else None
    label = rest.strip("*_ ")
    if len(label) > 60 or _SENTENCE_PUNCT.search(label) or not (is_all_caps(label) or label != rest.strip()):
        return None  # (`10:30 Break`: an agenda's item; a label alone is in capitals or in bold)
    cue = _recognise(label + ":")
    return replace(cue, at=len(rest)) if cue and cue.kind == "line" else None


# a label in bold at the start of a line: `**A：**这个问题…`, `**MR. CARTER**: May it…`
_BOLD_LEAD = re.compile(r"(?P<open>\*{2,4}|__)(?P<inner>[^*_\n]{1,60}?)(?P<close>\*{2,4}|__)")


def _recognise(line: str) -> Cue | None:
    if m := _BOLD_LEAD.match(line):
        inner, rest = m.group("inner"), line[m.end() :]
        cue = _recognise(inner + rest) if rest.strip() else None
        if cue and cue.kind == "turn" and cue.at >= len(inner):
            return replace(cue, at=cue.at + len(m.group("open")) + len(m.group("close")))
    if has_han(line[:12]):
        cue = chinese_line(line)
        if cue is None and re.match(rf"[{_EN_UPPER}]", line):
            # a name in Latin letters over Chinese words, as a translated interview prints its turns
            # (`John Michael McGrath: 我的意思是…`)
            cue = english_label(line)
            return cue if cue and cue.kind == "turn" else None
        return cue
    return english_label(line)
