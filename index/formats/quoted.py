"""Reported speech in Chinese news prose: `…董事长李东林表示，…`, `“……”李德富说。`,
`孟繁德说：“……”`, `他说，…` continuing, a new name ending it.

Used by `index.formats.transcript` after the cue walk, on what stayed narration: a
feature, a wire round-up or a forum report that prints no speaker labels but says, sentence
by sentence, whose words they are. Each sentence (quotation marks kept together: `“甲。
乙。”某某说。` is one) is read for an attribution outside its quotations:

- a verb of saying (说 表示 介绍 认为 强调 指出 称 …) followed by `，` `：` `。` or a
  quotation — `讲述革命故事` takes an object and reports nothing;
- before it, past adverbials (`笑盈盈地`, `在致辞时`, `对女儿`, `向记者`), the speaker:
  a name found by `index.names` (after its title chain, a status `代表`/`委员`, or a name the
  page repeats), `他`/`她` or `老人` (the speaker of the sentences before), `记者` asking;
- verbs that praise or thank (盛赞 感谢 祝愿) attribute only after a position word
  (`…总理阿努廷盛赞`);
- with no verb, a quotation is the words of the person the text goes on about: the next
  sentence opens with them (`“……。”石玉很满意。`), the narration before it calls them
  `他`/`她`, or the sentence ends in it after a clause that opens with them (`团长点名要了他，
  “……。”`); `对班长说的话` and `战友的呼喊：` name whose words they are. A lone role (团长,
  战友) speaks only where the page never prints it with a name.

The sentence with the attribution is the speaker's; the quotation it closes or opens is too;
sentences and paragraphs that only continue a quotation stay with it, and so do the
sentences after a reported clause in its paragraph (`X表示，甲。乙。`) until a narrator's
word (`据悉`, `1945年，`), a titled name or a third person (`他`, X's name) ends them; a
page whose speakers labels already carry keeps its framing narration. Photo captions (a
paragraph followed by a photographer's credit) and short heading lines report nobody, and
a heading starts a new story (`他` refers to nobody before it). Nothing else is attributed:
a wrong attribution is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace

from index.names import (
    AGE,
    JOINERS,
    TRANSLITERATION,
    PageNames,
    reads_as_clause,
    segmented_inside,
    splits_word,
    transliterated,
)
from index.records import MODERATOR, Attribution, Span, Speech
from index.text import CJK_UNIFIED, ends_sentence
from index.titles import COMMON_SURNAMES, describe_chinese
from index.vocabulary import (
    ADDRESS_TERMS,
    DEPUTY_STATUS_AFTER,
    DEPUTY_STATUSES,
    LONE_ROLE_ZH,
    ORGANISATION_END,
    PERSON_NOUN,
    POSITION,
    POSITION_END,
    POSITION_WORD,
    PRAISING_ZH,
    SAYING_ZH,
    UNNAMED_PERSON_ZH,
)

HAN = f"[{CJK_UNIFIED}]"
_VERB = re.compile(rf"(?P<praise>{PRAISING_ZH})|(?:{SAYING_ZH})")
_AFTER_VERB = re.compile(r"(?:道|道[：︰]|着|著)?\s*(?:[，,：︰:。！？!?“「]|$)")  # 叮嘱道：
# a quotation attributed by a noun: `“……”习近平总书记的重要讲话`, `“……”X的贺信`
_NOMINAL = re.compile(
    r"(?P<who>[^，。；“”」』]{2,30}?)(?P<of>的)(?:重要)?(?:讲话|講話|发言|發言|论述|論述|指示|批示|致辞|致辭|回信|贺信|賀信|寄语|寄語|嘱托|囑託)"
)
_QUESTION_VERB = re.compile(r"问|問|追问|追問|提问|提問|问道|問道")
# what may stand between a speaker and the verb: 笑盈盈地, 在一旁, 在致辞时, 从机场通关后, 在例行记者会, 对女儿, 向记者
# a news report's day (`8日`, `6月2日`, `当天`), an occasion that names a medium (`在接受
# 《周日报》采访时`, `在接受天空新闻(Sky News)采访时`) and whose words are borrowed (`引用
# 丘吉尔的话说`) are adverbials too
_ADVERBIALS = re.compile(
    rf"(?:{HAN}{{1,5}}地|近日|日前|近期|此前|今天|今日|昨天|昨日|当天|當天|当日|當日|同日|随后|隨後|其后|其後|之后|之後|稍后|稍後|后来|後來|[上下]午|晚间|晚間|"
    rf"(?:\d{{1,2}}月)?\d{{1,2}}日|[给給][^，。；“”]{{1,16}}|引[用述]{HAN}{{1,12}}的(?:话|話)|笑着|笑著|在一旁|一旁|"
    rf"[在从從](?:{HAN}|[《》()（）A-Za-z \d〇—–·-]){{1,24}}?(?:时|時|上|中|前|后|後|里|裡|间|間)|[对對向跟为為给給]{HAN}{{1,6}}|也|还|還|又|则|則|更|曾|就|都|再|"
    r"一再|多次|进一步|進一步|接着|接著|随即|隨即|同时|同時|当即|當即|立刻|立即|马上|馬上|首先|率先|再次|受访时|受訪時|"
    # an occasion without a postposition (`在例行記者會`), a speech given first (`发表讲话，强调`)
    rf"在(?:{HAN}|[《》\d〇]){{1,16}}?(?:会|會|论坛|論壇|仪式|儀式|典礼|典禮|节目|節目|声明|聲明)|"
    rf"(?:发表|發表)了?{HAN}{{0,4}}?(?:讲话|講話|演讲|演講|致辞|致辭|声明|聲明)[，,]?)+"
)
_MAX_ADVERBIALS = 32
_PREPOSITIONS = frozenset("对對向跟为為给給在从從")  # an adverbial they open starts a word of its own
# a clause that reports words (`X表示，…`, `X指出：…`), whose sentences after it may go on with them
_REPORTS = re.compile(rf"(?:{SAYING_ZH})(?:道)?[，,：︰:]")
# a sentence the narrator speaks in: sources, the reporter, background, figures to a date
_NARRATOR = re.compile(
    r"(?:据|據|另据|另據|记者|記者|本报|本報|此前|此後|此后|截至|截止|资料|資料|数据显示|數據顯示|报道|報道|"
    r"值得一提|值得注意|公开|公開|去年|今年|今天|今日|目前|随后|隨後|会上|會上|会后|會後|会议|會議|活动|活動|"
    r"\d{4}年|[一二三四五六七八九十百]+年)"
)
_THIRD_PERSON = re.compile(r"他|她|老人|老兵|本人")
_TITLE_LEAD = re.compile(r"^(?:[据據但而并並]|另外|此外|不过|不過|同时|同時)")  # a clause's opening word, not a title
_STATUS = re.compile(rf"(?:{DEPUTY_STATUSES}|{ADDRESS_TERMS})$")
_STATUS_AFTER = re.compile(DEPUTY_STATUS_AFTER)
_PRONOUN = re.compile(r"(?<![其吉利排])(?:他|她)$")
_ANAPHOR = re.compile(r"(?:这位|這位|该|該)?(?:老人|老兵|老者|老先生|老太太)$")
_QUESTIONER = re.compile(r"(?:本报|本報)?(?:记者|記者)$")
_CHINESE_NAME = re.compile(
    rf"(?:^|[^{CJK_UNIFIED}]|的)(?P<name>{HAN}{{2,8}}?(?:[·•]{HAN}{{1,8}})*)[（(]中文名[：:]?(?P<alias>{HAN}{{2,4}})[）)]",
    re.M,
)
# a later clause of a sentence whose subject the first clause gave: connectives, then the verb
_CARRIED_SUBJECT = re.compile(r"[，,](?:然后|随后|隨後|接着|接著|并|並|又|还|還|再|也|便|最后|最後)+$")
# a collective voice, never one speaker: the public, a plural, or all who attend (`与会人员`, `参会代表`)
_COLLECTIVE = re.compile(r"(?:群众|群眾|们|們|大家|人们|人們)$|^(?:与会|與會|参会|參會)")
_ANSWERED = re.compile(r"(?:回答|答复|答覆|答|接受)$")
# an unnamed speaker known by a specific role (少年志愿讲解员, 京东格力品牌采销负责人);
# a generic, counted or anonymous one (有关负责人, 一名村民, 该公司负责人, 有受访校长) is nobody in particular
_ROLE_END = re.compile(rf"(?:{POSITION}|{PERSON_NOUN})$")
_RELEVANT = re.compile(r"(?:有关|有關|相关|相關)$")
_GENERIC_ROLE = re.compile(
    r".*的|他|她|其|一|有|相关|相關|某|该|該|这|這|那|多|不少|许多|許多|部分|其他|其余|其餘|各|业内|業內|知情|广大|廣大|全体|全體|"
    r"(?:外资|外資|外企|民营|民營|国有|國有|中外|跨国|跨國|中小|相关|相關)?(?:企业|企業)|"  # firms as a kind: `外资企业代表认为`
    r"几|幾|数|數|[两兩二三四五六七八九十]+[位名个個]"
)
_DEPUTIES = re.compile(rf"(?:与会|與會)?(?:{DEPUTY_STATUSES})+(?:们|們)?")  # the deputies and members as a body
_MIN_ROLE, _MAX_ROLE = 4, 20
_FOREIGN_PART = f"[{''.join(sorted(TRANSLITERATION))}]+"  # a part of a foreign name, between separators
# a body that speaks as one (`外交部表示`, `中國外交部周五在官方網頁表示`), its name at least this long
_BODY_END = re.compile(rf"(?:{ORGANISATION_END.pattern})$")
_MIN_BODY = 3
_LONE_ROLE = re.compile(LONE_ROLE_ZH)
_LONE_ROLE_END = re.compile(rf"{LONE_ROLE_ZH}$")
# `“……”…对班长说的话记忆犹新`: the quotation before is the words of whoever stands before it
_WORDS_OF = re.compile(r"(?:常常|经常|經常|曾经|曾經|常|曾)?(?:说|說)(?:过|過)?的(?:话|話)")
_QUOTE_FOLLOWS = re.compile(r"\s*[：︰:]?\s*[“「『]")
# a sentence after a quotation that says whose request or question it was (`收到…段某的求助`)
_WORDS_RECEIVED = re.compile(r"的(?:求助|求救|提问|提問|询问|詢問|留言|来电|來電|请求|請求|呼喊|诉求|訴求)")
_PRONOUN_START = re.compile(r"(?:他|她)(?![们們])")
_CLAUSE_BREAK = re.compile(r"[，,；;]")
_COMMA = re.compile(r"[，,]")
_SHARED_CLAUSE = JOINERS | frozenset("同跟")  # after a name: another person shares the clause
_MAX_ADVERBIAL_CLAUSE = 12  # `尽管已在广西生活70多年，孙洪秀…`: the clause before a subject
_MAX_SCENE_CLAUSES = 2  # … and how many such clauses (`1939年，部队换发军装，…`)
_NOT_A_TITLE = re.compile(r"[了他她我你们們着著过過是]")  # a clause with a verb or pronoun, not a title
_OPEN_QUOTES = "“「『"
_CLOSE_QUOTES = "”」』"
_SENTENCE_FINAL = "。！？!?；;"
_ELLIPSIS = re.compile(r"…+")
_MAX_HEADING = 40
_LOOKBACK = 90  # a title chain and name are never longer than this before the verb


@dataclass(frozen=True)
class _Claim:
    """An attribution found in a sentence: who (None: the speaker of the sentences before),
    and who else says it with them (`乌克兰副总理甲和外交部副部长乙赞赏…`)."""

    who: Attribution | None
    jointly: tuple[Attribution, ...] = ()


def quotations(
    text: str, speeches: list[Speech], captions: frozenset[int], *, verbatim_only: bool = False
) -> tuple[list[Speech], bool]:
    """Narration speeches split into the speakers' reported words and what stays
    narration; whether any was attributed. `captions`: start offsets of caption paragraphs.
    `verbatim_only` (a page whose speakers labels already carry): the narration is the
    editor's framing, and only a sentence that quotes words (`强调：“…”`) is attributed,
    not a paraphrase (`在…时指出，要…`)."""
    story = _Story(text, PageNames(text), verbatim_only)
    out: list[Speech] = []
    found = False
    for speech in speeches:
        if speech.who.speaker:
            out.append(speech)
            continue
        pieces = story.attribute(speech.paragraphs, captions)
        if not any(piece.who for piece in pieces):
            out.append(speech)
            continue
        found = True
        out.extend(_speeches(pieces, speech.who.heading))
    return out, found


class _Story:
    """Reads the sentences of a page's narration in order, remembering who `他`/`她` is:
    the last speaker, or the last person the text introduced with a title."""

    def __init__(self, text: str, names: PageNames, verbatim_only: bool):
        self.text = text
        self.names = names
        self.verbatim_only = verbatim_only
        self.people: dict[str, Attribution] = {}  # each speaker once, with the fullest titles
        self.titles = {}  # name → the title the page first prints before it (抗战老兵)
        self.whole_names: dict[str, str] = {}  # a foreign name's last part → the whole name the page prints
        for name in names.titled_names(0, len(text)):
            # a deputy's status glued after the name is one of their titles (`…副主席王路委员`)
            status = _STATUS_AFTER.match(text, name.start + len(name.text))
            self.titles.setdefault(name.text, "、".join(filter(None, (name.title, status and status.group()))))
        # a foreigner's Chinese name, given once (`塔季亚娜（中文名：李檀雅）`), is the same person
        self.aliases = {}
        for m in _CHINESE_NAME.finditer(text):
            titled = names.ending_at(m.end("name"), floor=m.start("name"), strong=True)
            self.aliases[m.group("alias")] = titled.text if titled else m.group("name")

    def person(self, who: Attribution) -> Attribution:
        """The one record of a speaker: titles from where the page introduces them; a foreign
        name's last part (`丹格尔`) under the whole name the page prints (`普拉萨德·丹格尔`)."""
        if who.speaker in self.aliases:
            who = replace(who, speaker=self.aliases[who.speaker])
        elif full := self.names.familiar(who.speaker):  # `老黎` → 黎勇
            who = replace(who, speaker=full)
        if (whole := self._whole_name(who.speaker)) != who.speaker:
            who = replace(who, speaker=whole)
        if who.titles == (who.speaker,) and who.speaker not in self.people:
            # a role said again in short (`团队负责人` after `李迪华团队负责人`) is the role said before
            longer = [p for p, known in self.people.items() if p.endswith(who.speaker) and known.titles == (p,)]
            if len(longer) == 1:
                return self.people[longer[0]]
        known = self.people.get(who.speaker)
        if who.titles and (known is None or not known.titles):
            known = self.people[who.speaker] = who
        elif known is None:
            title = self.titles.get(who.speaker, "")
            known = self.people[who.speaker] = describe_chinese(who.speaker, _titles(title)) if title else who
        return known

    def _whole_name(self, name: str) -> str:
        """The one name with separators the page prints ending in `name`, else `name` (the
        page searched once per name); else the one that `name` begins, where no name ends in it
        (`阿诺萨` of `阿诺萨·鹏提玛翁`: Lao and Thai names are said by the given name)."""
        if not name or "·" in name:
            return name
        if whole := self.names.whole_foreign_name(name):
            return whole
        if not transliterated(name):
            return name
        if name not in self.whole_names:
            wholes = set(re.findall(rf"{_FOREIGN_PART}(?:[·•—]{_FOREIGN_PART})*[·•—]{re.escape(name)}", self.text))
            wholes = wholes or {n for n in self.titles if re.split("[·•—]", n)[0] == name != n}
            self.whole_names[name] = wholes.pop() if len(wholes) == 1 else name
        return self.whole_names[name]

    def attribute(self, paragraphs: tuple[Span, ...], captions: frozenset[int]) -> list[_Piece]:
        """Each sentence of the paragraphs with its speaker (None: narration)."""
        text = self.text
        pieces: list[_Piece] = []
        referent: Attribution | None = None  # who `他`/`她` is
        for number, (start, end) in enumerate(paragraphs):
            if start in captions or _heading(text, start, end):
                referent = None
                pieces.append(_Piece(None, (start, end), number))
                continue
            # a quotation left open at the end of a paragraph goes on in the next one
            before = pieces[-1] if pieces else None
            continuing = before.who if before and before.who and _unclosed(text, paragraphs[number - 1]) else None
            previous: Attribution | None = None  # the speaker of the sentence before, in this paragraph
            reporting: Attribution | None = None  # whose words the paragraph reports (`X表示，…`)
            about: Attribution | None = None  # whom the narration before, in this paragraph, calls 他/她
            for a, b in _sentences(text, start, end):
                claim = _claim(text, a, b, self.names)
                if owner := _words_before(text, a, b, self.names):
                    _claim_quotation_before(text, pieces, self.person(owner), number, _cue(owner), settled=True)
                epigraph = _epigraph(text, pieces, number) if a == start else None
                quoted_before = a > 0 and text[a - 1] in _CLOSE_QUOTES  # `“……”陈涛说。`
                paraphrased = None  # a paraphrase not attributed on a labelled page still says who 他 is
                if (
                    self.verbatim_only
                    and not epigraph
                    and not quoted_before
                    and not any(ch in _OPEN_QUOTES for ch in text[a:b])
                ):
                    paraphrased, claim = claim, None
                who, how = None, "pronoun"  # a quotation going on, or 他/她: the speaker of before
                if claim and claim.who:
                    who = self.person(claim.who)
                    how = _cue(claim.who)
                elif claim and (introducing := self._introduced_before_pronoun(a, b)):
                    who = self.person(introducing)  # `生产班长X是本地人，他十分自豪地告诉记者：“……”`
                elif claim and referent and not _unnamed_before_pronoun(text, a, b):
                    who = self.person(referent)
                elif text[a] in _OPEN_QUOTES and (previous or continuing or about):
                    who = previous or continuing or about
                elif not claim and reporting and not self.verbatim_only and self._goes_on(a, b, reporting):
                    who, how = reporting, "reported"  # one speech with the clause that names them
                elif not claim and (opener := _quoted_before_by(text, a, b, pieces, number, self.names, self.people)):
                    _claim_quotation_before(text, pieces, self.person(opener), number, "reported")
                    referent = self.person(opener)
                if who and claim:
                    _claim_quotation_before(text, pieces, who, number, how)
                    if epigraph:
                        epigraph.who = who
                if who and how != "role":  # an unnamed role speaks once: 他/她 is still the person of the story
                    referent = who
                elif paraphrased and paraphrased.who:
                    referent = self.person(paraphrased.who)
                elif introduced := [n for x, y in _outside_quotes(text, a, b) for n in self.names.titled_names(x, y)]:
                    last_named = introduced[-1]
                    referent = self.people.get(last_named.text) or describe_chinese(
                        last_named.text, _titles(last_named.title)
                    )
                # the bare name a sentence opens with (`李檀雅到深圳后…`), else the last one it names of
                # those introduced (`…，范中涛直言获得感很强。`): he is 他 now
                elif named := self.names.bare_name_at(a, b) or self._last_named(a, b):
                    referent = self.people.get(named) or describe_chinese(named, _titles(self.titles.get(named, "")))
                elif any(UNNAMED_PERSON_ZH.search(text, x, y) for x, y in _outside_quotes(text, a, b)):
                    referent = None  # `这位专家向记者强调，…`: 他 is now someone the story does not name
                previous = who
                # `X表示，甲。乙。`: the paragraph goes on giving X's words, sentence by sentence
                reporting = (who if claim and _REPORTS.search(text, a, b) else reporting) if who else None
                about = self.person(referent) if not who and referent and _pronoun_subject(text, a, b) else None
                for joint in claim.jointly if claim and who else ():
                    pieces.append(_Piece(self.person(joint), (a, b), number, claimed=True, how="reported"))
                pieces.append(_Piece(who, (a, b), number, claimed=bool(claim), how=how))
        return pieces

    def _introduced_before_pronoun(self, start: int, end: int) -> Attribution | None:
        """The last person the sentence itself introduces with a title before its first
        他/她 (outside quotations), or None."""
        pronoun = _PRONOUN_START.search(self.text, start, end)
        if pronoun is None:
            return None
        limit = pronoun.start()
        named = [n for x, y in _outside_quotes(self.text, start, limit) for n in self.names.titled_names(x, y)]
        if named:
            return describe_chinese(named[-1].text, _titles(named[-1].title))
        # or the name printed again that opens a clause of it (`去年，黄海岸回乡种田，他说，…`)
        opening = [m.end() for m in _CLAUSE_BREAK.finditer(self.text, start, limit)]
        bare = [n for at in (start, *opening) if (n := self.names.bare_name_at(at, limit))]
        return (self.people.get(bare[-1]) or describe_chinese(bare[-1], ())) if bare else None

    def _last_named(self, start: int, end: int) -> str:
        """The last person the page introduces with a title somewhere (or with a Chinese name
        of theirs) whom a sentence names outside its quotations, without the title this time;
        "" when none."""
        last, at = "", -1
        for x, y in _outside_quotes(self.text, start, end):
            for name in (*self.titles, *self.aliases.values()):
                if (found := self.text.rfind(name, x, y)) > at:
                    last, at = name, found
        return last

    def _goes_on(self, start: int, end: int, speaker: Attribution) -> bool:
        """Whether a sentence with no attribution of its own goes on with the words the
        paragraph reports (`X表示，甲。乙。`): it opens with no narrator's word (`据悉`,
        `记者了解到`, `此前`, `1945年，`), names nobody new with a title, and speaks of the
        speaker in no third person (`他`, `老人`, their name: a story about them, not their words)."""
        if _NARRATOR.match(self.text, start):
            return False
        outside = _outside_quotes(self.text, start, end)
        if any(self.names.titled_names(x, y) for x, y in outside):
            return False
        said = "".join(self.text[x:y] for x, y in outside)
        return not _THIRD_PERSON.search(said) and speaker.speaker not in said


@dataclass
class _Piece:
    """A sentence (or a caption, a heading) and whose words it is; `claimed`: its own
    attribution says so (not only that a quotation goes on)."""

    who: Attribution | None
    span: Span
    paragraph: int
    claimed: bool = False
    how: str = ""  # the cue that attributes it: reported, role, pronoun (index.records.CUES)


def _epigraph(text: str, pieces: list[_Piece], number: int) -> _Piece | None:
    """A paragraph that is one quotation and nobody's, right before paragraph `number`:
    the attribution that opens that paragraph claims it (`“……”` / `习近平总书记近日给…回信，…`)."""
    last = pieces[-1] if pieces else None
    if last and last.who is None and last.paragraph == number - 1 and _is_quotation(text, *last.span):
        if len(pieces) < 2 or pieces[-2].paragraph != last.paragraph:
            return last
    return None


def _unclosed(text: str, span: Span) -> bool:
    """A paragraph that opens more quotations than it closes."""
    chunk = text[span[0] : span[1]]
    return sum(chunk.count(q) for q in _OPEN_QUOTES) > sum(chunk.count(q) for q in _CLOSE_QUOTES)


def _pronoun_subject(text: str, start: int, end: int) -> bool:
    """Whether a clause of the sentence, outside its quotations, opens with 他/她."""
    for x, y in _outside_quotes(text, start, end):
        for clause in re.finditer(r"[^，,；;：:]+", text[x:y]):
            if _PRONOUN_START.match(clause.group().lstrip()):
                return True
    return False


def _quoted_before_by(
    text: str, start: int, end: int, pieces: list[_Piece], number: int, names: PageNames, known: Collection[str]
) -> Attribution | None:
    """`“……。”石玉很满意。`, `“……。”最近，浙江杭州市民李敏在…`: a quotation nobody claims,
    right before a sentence with no verb of saying that opens with a person (after a short
    adverbial clause at most; `known`: the speakers found so far), is that person's — not
    where that sentence says whose request or question it was (`收到…段某的求助`)."""
    last = pieces[-1] if pieces else None
    if not last or last.who or last.claimed or last.paragraph != number or not _is_quotation(text, *last.span):
        return None
    if text[last.span[1] - 2] not in _SENTENCE_FINAL:
        return None
    if _WORDS_RECEIVED.search(text, start, end):  # `…志愿者关慧虹，收到外卖小哥段某的求助`: the courier's words
        return None
    clause = start
    for _ in range(2):
        if (name := names.opening(clause, end, known)) and not _NOT_A_TITLE.search(name.title):
            return describe_chinese(name.text, _titles(name.title))
        # a name the page prints again, untitled (`“……！”张喜民今年特意坐高铁回家过年`)
        if (bare := names.bare_name_at(clause, end)) and not text.startswith("的", clause + len(bare)):
            return _as_introduced(bare, names)
        comma = _COMMA.search(text, clause, end)
        if not comma or comma.start() - clause > _MAX_ADVERBIAL_CLAUSE or _PRONOUN_START.match(text, clause):
            return None
        clause = comma.end()
    return None


def _cue(who: Attribution) -> str:
    """How a sentence naming `who` attributes: by name (reported) or by an unnamed role."""
    return "role" if who.speaker in who.titles else "reported"


def _claim_quotation_before(
    text: str, pieces: list[_Piece], who: Attribution, number: int, how: str = "", *, settled: bool = False
) -> None:
    """`“……。”` then `李德富说。`: the quotations right before an attribution in the same
    paragraph, that no attribution of their own claims, are the speaker's; `settled`: no later
    attribution takes them (`“……”…对班长说的话记忆犹新，“……”`: the first words stay 班长's)."""
    i = len(pieces)
    while (
        i
        and not pieces[i - 1].claimed
        and pieces[i - 1].paragraph == number
        and _is_quotation(text, *pieces[i - 1].span)
    ):
        i -= 1
    for piece in pieces[i:]:
        piece.who = who
        piece.how = how or piece.how
        piece.claimed = piece.claimed or settled


def _is_quotation(text: str, start: int, end: int) -> bool:
    return text[start] in _OPEN_QUOTES and text[end - 1] in _CLOSE_QUOTES


def _speeches(pieces: list[_Piece], heading: str) -> list[Speech]:
    """Consecutive pieces of one speaker (or of narration) as one speech, the sentences of
    one paragraph as one span; the heading goes to the first. A speech's cue is the
    strongest of its pieces' (a sentence naming the speaker, then a role, then 他/她)."""
    grouped: list[list[_Piece]] = []
    for piece in pieces:
        if grouped and grouped[-1][0].who is piece.who:
            grouped[-1].append(piece)
        else:
            grouped.append([piece])
    speeches = []
    for i, group in enumerate(grouped):
        joined: list[tuple[Span, int]] = []
        for piece in group:
            if joined and joined[-1][1] == piece.paragraph:
                joined[-1] = ((joined[-1][0][0], piece.span[1]), piece.paragraph)
            else:
                joined.append((piece.span, piece.paragraph))
        who = group[0].who
        cue = next((how for how in ("reported", "role", "pronoun") if any(p.how == how for p in group)), "")
        info = (
            replace(who, heading=heading if i == 0 else "", cue=cue)
            if who
            else Attribution(heading=heading if i == 0 else "")
        )
        speeches.append(Speech(who=info, paragraphs=tuple(span for span, _ in joined)))
    return speeches


def _heading(text: str, start: int, end: int) -> bool:
    return end - start <= _MAX_HEADING and not ends_sentence(text, start, end)


def _sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentences of text[start:end]. A quotation's own sentence ends stay inside it
    (`“甲。乙。”` is one piece), and a quotation that ends a sentence (`。”`) is a piece of
    its own: the attribution after it (`李德富说。`) is read as the next piece."""
    spans: list[Span] = []
    depth = 0
    position = start
    i = start
    while i < end:
        ch = text[i]
        if ch in _OPEN_QUOTES:
            depth += 1
        elif ch in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
            if depth == 0 and text[i - 1] in _SENTENCE_FINAL:
                spans.append((position, i + 1))
                position = i + 1
        elif ch == "\n" and depth == 0 and _heading_before_break(text, position, i):
            spans.append((position, i))  # a heading the page-break joining ran into the text
            position = i + 1
        elif ch in _SENTENCE_FINAL and depth == 0:
            while i + 1 < end and text[i + 1] in _SENTENCE_FINAL:
                i += 1
            spans.append((position, i + 1))
            position = i + 1
        elif (
            ch == "…"
            and depth == 0
            and (after := _ELLIPSIS.match(text, i, end))
            and text.startswith(tuple(_OPEN_QUOTES), after.end())
        ):
            spans.append((position, after.end()))  # `…的纹理……“……。”`: the enumeration ends there
            position = after.end()
            i = after.end() - 1
        i += 1
    if position < end:
        spans.append((position, end))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in spans if text[a:b].strip()]


def _heading_before_break(text: str, start: int, newline: int) -> bool:
    """text[start:newline] is a short line of no clause, a blank line after it."""
    line = text[start:newline].strip()
    blank = text[newline + 1 : newline + 3].lstrip(" \t\u3000")[:1] == "\n"
    return blank and 0 < len(line) <= _MAX_HEADING and not re.search(r"[，。；：！？,;:!?]", line)


def _unnamed_before_pronoun(text: str, start: int, end: int) -> bool:
    """Whether the sentence names someone it does not name (`这位专家`) before its first 他/她."""
    pronoun = _PRONOUN_START.search(text, start, end)
    return pronoun is not None and UNNAMED_PERSON_ZH.search(text, start, pronoun.start()) is not None


def _outside_quotes(text: str, start: int, end: int) -> list[Span]:
    """The parts of text[start:end] outside quotation marks."""
    spans, depth, position = [], 0, start
    for i in range(start, end):
        if text[i] in _OPEN_QUOTES:
            if depth == 0 and i > position:
                spans.append((position, i))
            depth += 1
        elif text[i] in _CLOSE_QUOTES and depth:
            depth -= 1
            position = i + 1
    if depth == 0 and position < end:
        spans.append((position, end))
    return spans


def _claim(text: str, start: int, end: int, names: PageNames) -> _Claim | None:
    """The attribution a sentence makes outside its quotations, or None."""
    depth = 0
    outside = []
    for i in range(start, end):
        ch = text[i]
        if ch in _OPEN_QUOTES:
            depth += 1
        elif ch in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
        outside.append(depth == 0 and ch not in _CLOSE_QUOTES)
    for quote_end in [start - 1] + [i for i in range(start, end) if text[i] in _CLOSE_QUOTES]:
        if quote_end >= 0 and text[quote_end] in _CLOSE_QUOTES and (m := _NOMINAL.match(text, quote_end + 1, end)):
            if who := _subject(text, m.start(), m.start("of"), names):
                return _Claim(who)
    for m in _VERB.finditer(text, start, end):
        praise = bool(m.group("praise"))
        if not outside[m.start() - start] or not praise and not _AFTER_VERB.match(text, m.end()):
            continue
        floor = max(start, m.start() - _LOOKBACK)
        if text[m.start() - 1] == "的" and not praise and _QUOTE_FOLLOWS.match(text, m.end()):
            if who := _possessor(text, floor, m.start() - 1, names):  # `传来战友的呼喊：“…”`
                return _Claim(who)
        asks = bool(_QUESTION_VERB.fullmatch(m.group()))
        if claim := _speaker_before(text, floor, m.start(), names, praise=praise, asks=asks):
            if claim.who and _to_the_narrator(text, floor, m.start(), claim.who.speaker):
                continue  # `习近平总书记给我们回信，让我…`: the narrator's account, in the first person
            if asks and _answered_after(text, m.end(), end, outside[m.end() - start :]):
                return None  # `记者追问，林鄭卻指…，語帶嘲諷說…`: the words are the answer's, not the asker's
            return claim
        if praise and (opening := _opening_person(text, start, m.start(), names)):
            return _Claim(opening)  # `…副议长雷伊奈尔对中国坚持改革开放…表示赞赏`
        if _PRONOUN_START.match(text, start) and _CARRIED_SUBJECT.search(text, start, m.start()):
            return _Claim(None)  # `他首先面对媒体镜头鞠躬，然后表示：“……”`: he, said in the first clause
    return _closing_quotation(text, start, end, names) or _colon_quotation(text, start, end, names)


def _answered_after(text: str, start: int, end: int, outside: list[bool]) -> bool:
    """Whether a verb of saying other than asking follows in the sentence, outside quotations
    (`…記者追問，林鄭卻指問題重複，語帶嘲諷說…`): someone else's words come after the question."""
    return any(
        outside[m.start() - start] and not _QUESTION_VERB.fullmatch(m.group())
        for m in _VERB.finditer(text, start, end)
        if not m.group("praise")
    )


def _colon_quotation(text: str, start: int, end: int, names: PageNames) -> _Claim | None:
    """A sentence that opens with a titled person and introduces a quotation with a colon,
    whatever its verb (`…扎西江村代表细数珞巴文化的保护传承：“……”`, `…报出一组数据：“……”`):
    the quotation is that person's."""
    colon = next((i for i in range(start, end - 1) if text[i] in "：:" and text[i + 1] in _OPEN_QUOTES), -1)
    if colon < 0 or any(ch in _OPEN_QUOTES for ch in text[start:colon]):
        return None
    if len({n.text for n in names.titled_names(start, colon + 1)}) > 1:
        return None  # (two people introduced: whose quotation it is, the sentence does not say)
    # the sentence opens with a name and its title, and the colon's clause with 他/她 (`曹全喜教授是…
    # 副组长，谈起人工智能，他忍不住点赞：“……”`)
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, start, colon)), default=start)
    if (
        clause_start > start
        and _PRONOUN_START.match(text, clause_start)
        and (named := _name_then_title(text, start, names))
    ):
        return _Claim(named)
    # the person may open the sentence past short clauses of time or scene (`战场无情，一次追击战，
    # 战友王芝爱中弹倒地，只留下一句：“……”`)
    floor = start
    for _ in range(_MAX_SCENE_CLAUSES + 1):
        if opening := _opening_person(text, floor, colon, names, described=True) or _introduced_opening(
            text, floor, colon, names
        ):
            return _alone(text, floor, opening)
        clause = re.match(r"[^，,：:]*[，,]", text[floor:colon])
        if clause is None or len(clause.group()) > _MAX_ADVERBIAL_CLAUSE + 1:
            return None
        floor += clause.end()
    return None


def _name_then_title(text: str, start: int, names: PageNames) -> Attribution | None:
    """The person a sentence opens with by their name and then a title (`曹全喜教授是…`,
    `王立成院士说`): two to four characters the page prints again or jieba reads as a name."""
    for size in (2, 3, 4):
        title = POSITION_WORD.match(text, start + size)
        if title and (name := names.clause_name(start, start + size)) and name.text == text[start : start + size]:
            return describe_chinese(name.text, (title.group(),))
    return None


def _introduced_opening(text: str, start: int, end: int, names: PageNames) -> Attribution | None:
    """The person a sentence opens with by a name the page introduces with a title (`习近平主席首次
    提出…，深刻指出：“……”`: 习近平, printed with 主席), or None."""
    bare = names.opening(start, end)
    return _as_introduced(bare.text, names) if bare is not None and bare.text in names.introductions() else None


def _as_introduced(name: str, names: PageNames) -> Attribution:
    """A name said bare, with the title the page first introduced it with, if any."""
    return describe_chinese(name, _titles(names.introductions().get(name, "")))


def _to_the_narrator(text: str, floor: int, verb: int, speaker: str) -> bool:
    """Whether the narrator's `我` stands between the speaker's name and the verb (`给我们回信`)."""
    at = text.rfind(speaker, floor, verb)
    return at >= 0 and "我" in text[at + len(speaker) : verb]


def _closing_quotation(text: str, start: int, end: int, names: PageNames) -> _Claim | None:
    """A sentence that ends in a quoted sentence after a comma, with no verb of saying, quotes
    whom the clause before the quotation opens with: `他`/`她` (the person of before) or a
    lone role (`团长点名要了他，“……。”`, `他是家里第四代护边人，“……。”`); else the one
    titled person the sentence opens with (`_opened_by_one`)."""
    opening = max(text.rfind(q, start, end - 1) for q in _OPEN_QUOTES)
    if text[end - 1] not in _CLOSE_QUOTES or opening <= start or text[opening - 1] not in "，,":
        return None
    if text[end - 2] not in _SENTENCE_FINAL + "…":
        return None
    clause = re.split(r"[，。；：！？,;:!?“”]", text[start : opening - 1])[-1]
    if _PRONOUN_START.match(clause):
        return _Claim(None)
    at = opening - 1 - len(clause)
    role = _LONE_ROLE.match(clause)
    if role and (who := _lone_role(text, at, at + role.end(), names)):
        return _Claim(who)
    return _opened_by_one(text, start, opening - 1, names)


# a person's thoughts or words, opening a sentence that goes on to quote them (`盛弘的感触很深`)
_THOUGHTS = re.compile(r"的(?:感触|感觸|感受|体会|體會|心声|心聲|看法|观点|觀點|回答|回应|回應)")


def _opened_by_one(text: str, start: int, end: int, names: PageNames) -> _Claim | None:
    """The person a sentence opens with, title first (past a short clause of place or time),
    when it introduces no one else before its closing quotation (`新疆民丰县后河坝治沙区，
    先锋村的农民合作社负责人麦提图尔迪·麦提库尔班带着社员在沙丘上忙碌，“我们要……。”`)."""
    titled = len({n.text for n in names.titled_names(start, end)})
    if titled > 1:
        return None
    first = re.split(r"[，,]", text[start:end])[0]
    floors = [start] + ([start + len(first) + 1] if len(first) <= _MAX_ADVERBIAL_CLAUSE else [])
    for floor in floors:
        person = _opening_person(text, floor, end, names, described=True) if titled else None
        if person is None and (bare := names.opening(floor, end)):  # `杨蓓是…教师，…，“……”`, introduced before
            person = _as_introduced(bare.text, names)
        if person is None and (own := names.bare_name_at(floor, end)) and _THOUGHTS.match(text, floor + len(own)):
            person = _as_introduced(own, names)  # `对此，盛弘的感触很深，…，“……”`: their thoughts, then their words
        if person:
            return _alone(text, floor, person)
    return None


def _alone(text: str, floor: int, person: Attribution) -> _Claim | None:
    """The claim for the person a sentence opens with, unless another shares their clause
    (`张建国和技术员李红…`, `李明和王刚…`: whose words, the sentence does not say)."""
    after = text.find(person.speaker, floor) + len(person.speaker)
    return None if text[after : after + 1] in _SHARED_CLAUSE else _Claim(person)


def _words_before(text: str, start: int, end: int, names: PageNames) -> Attribution | None:
    """Whose words the quotation right before text[start:end] is, when the sentence calls
    them somebody's words (`“……”时隔多年，他对班长说的话记忆犹新`): a name or a lone role
    before `说的话`; a relative or anyone else hearing them (`听家人常说的话`) is nobody."""
    if start == 0 or text[start - 1] not in _CLOSE_QUOTES:
        return None
    for x, y in _outside_quotes(text, start, end):
        if m := _WORDS_OF.search(text, x, y):
            return _possessor(text, x, m.start(), names)
    return None


def _possessor(text: str, floor: int, end: int, names: PageNames) -> Attribution | None:
    """The person whose words are meant, ending at `end`: a name, or a lone role."""
    if who := _subject(text, floor, end, names):
        return who
    role = _LONE_ROLE_END.search(text, floor, end)
    return _lone_role(text, role.start(), end, names) if role else None


def _opening_person(text: str, start: int, end: int, names: PageNames, described: bool = False) -> Attribution | None:
    """The person a sentence opens with, title first (`克罗地亚副议长雷伊奈尔对…`; `described`:
    or a noun for who they are, `市民李滨为…`)."""
    introduced = names.titled_names(start, end)
    aged = AGE.match(text, start, end)  # `68岁的北京居民贾元祥深有感触：“……”`
    if (
        introduced
        and introduced[0].start - len(introduced[0].title) in (start, aged.end() if aged else start)
        and not _NOT_A_TITLE.search(introduced[0].title)
        and (_ROLE_END if described else POSITION_END).search(introduced[0].title)
    ):
        return describe_chinese(introduced[0].text, _titles(introduced[0].title))
    return None


def _speaker_before(text: str, floor: int, verb: int, names: PageNames, *, praise: bool, asks: bool) -> _Claim | None:
    """The speaker whose words the verb at `verb` reports, right before it (past
    adverbials); None when nobody is named there. Only a reporter asks (`记者问`): anyone
    else's `问` asks about something, it quotes no words."""
    ends = _subject_ends(text, floor, verb)
    for end in ends:
        head = text[floor:end]
        if questioner := _QUESTIONER.search(head):
            if head[questioner.start() - 1 : questioner.start()] in ("对", "對", "向", "跟", "给", "給"):
                continue  # `丁劼向记者介绍`: told the reporter; the speaker stands before
            if not asks or _ANSWERED.search(head, 0, questioner.start()):
                return None  # `…并回答记者提问`: the reporters are answered, their questions not given
            return _Claim(Attribution(questioner.group()[-2:], roles=(MODERATOR,)))
        if asks:
            continue
        if _PRONOUN.search(head) or not praise and _ANAPHOR.search(head):
            return _Claim(None)
        who = _subject(text, floor, end, names, praise=praise)
        at = text.rfind(who.speaker, floor, end) if who else -1  # where the name is printed
        if who and not _spoken_to(text, floor, at) and not _across_adverbial(text, floor, at, who.speaker, end, names):
            return _Claim(who, _joined(text, floor, end, who, names))
    for end in ends if not (asks or praise) else ():  # nobody named: a specific role, if any
        if who := _role(text, floor, end):
            return _Claim(who)
    return None


# `对`/`向` opening an adverbial of whom words are addressed to (not 针对, 面对, 对外, 方向…)
_TO_WHOM = re.compile(
    r"(?<![针針面绝絕相反应應核比敌敵派])[对對](?![外于於此话話象])|(?<![方倾傾意动動导導风風志趋趨面])向"
    r"|(?<![供补補配交])[给給](?![予排])"  # `习近平给…老党员张连生回信`: whom the letter answers
)


def _spoken_to(text: str, floor: int, at: int) -> bool:
    """Whether the person whose name is printed at `at` is whom the words are addressed to
    (`护士长陈燕对护理员陈松兰交代`, `…向王芳说`): `对`, `向` or `给` among the sixteen characters before the name (its title and what led it)."""
    if at < 0:
        return False
    before = re.search(r"[^，。；：！？“”‘’、\s]{0,16}$", text[floor:at]).group()  # the name's title, and what led it
    return _TO_WHOM.search(before) is not None


def _across_adverbial(text: str, floor: int, at: int, name: str, end: int, names: PageNames) -> bool:
    """Whether `name`, printed at `at` right before `end`, ends in a whole adverbial, and the
    page prints the name ending where that adverbial begins more often (`高维田笑着说` read as
    `田笑着`; not `联合创始人布向伟说`, whose `向伟` also reads as one)."""
    if at < 0 or at + len(name) != end:
        return False
    for p in range(at + 1, end):
        if _ADVERBIALS.fullmatch(text, p, end) and (shorter := names.ending_at(p, floor=floor, strong=True)):
            return names.count(shorter.text) > names.count(name)
    return False


def _subject(text: str, floor: int, end: int, names: PageNames, *, praise: bool = False) -> Attribution | None:
    """The person whose name (with the title before it, or a status or title after it)
    ends at `end`: `…董事长董扬`, `金桩委员`, `习近平总书记`; or, with no name, a specific
    role (`京东格力品牌采销负责人`)."""
    status = _STATUS.search(text, floor, end)
    name_end = status.start() if status else end
    name = names.ending_at(name_end, floor=floor, titled_only=praise, strong=True)
    if name is None and status and status.group() in ADDRESS_TERMS.split("|"):
        # a family name and a form of address are the whole name a story gives (`于先生说`)
        whole = names.ending_at(end, floor=floor, titled_only=praise, strong=True)
        if whole and len(whole.text) == len(status.group()) + 1:
            return describe_chinese(whole.text, _titles(whole.title))
    if name is not None and (not praise or POSITION_END.search(name.title)):
        deputy = (status.group(),) if status and status.group() in DEPUTY_STATUSES.split("|") else ()
        return describe_chinese(name.text, _titles(name.title) + deputy)
    if praise:
        return None
    if (title := POSITION_END.search(text, floor, end)) and title.start() > floor:
        before = names.ending_at(title.start(), floor=floor, strong=True) or names.clause_name(floor, title.start())
        # not `有学校` of `有学校负责人说`, nor `司有关` of `…财险司有关负责人说` (an office's relevant head)
        if before is not None and not _GENERIC_ROLE.match(before.text) and not _RELEVANT.search(before.text):
            return describe_chinese(before.text, (title.group(),))
    return None


def _lone_role(text: str, start: int, end: int, names: PageNames) -> Attribution | None:
    """text[start:end], a lone role (`团长`, `战友`), the speaker when the page never prints
    that role with a name (`刘班长`) and no family name is glued before it here."""
    if start > 0 and text[start - 1] in COMMON_SURNAMES:
        return None
    role = text[start:end]
    if not _LONE_ROLE.fullmatch(role) or names.names_role(role):
        return None
    return describe_chinese(role, (role,))


def _role(text: str, floor: int, end: int) -> Attribution | None:
    """An unnamed speaker known by a specific role or a body speaking as one, the whole clause
    before the verb (`少年志愿讲解员`, `京东格力品牌采销负责人`, `外交部`); not a counted or
    generic one, nor a clause that holds a verb or a number."""
    role = _TITLE_LEAD.sub("", re.split(r"[，。；：！？“”,;:!?\s…—]", text[max(floor, end - _MAX_ROLE) : end])[-1])
    if _GENERIC_ROLE.match(role) or _DEPUTIES.fullmatch(role) or _COLLECTIVE.search(role):
        return None  # (`但多名护士`: counted; `代表委员`: all of them; `…吸收群众`: the public, no one voice)
    if role.endswith("方面") and len(role) >= 4 and not _NOT_A_TITLE.search(role) and not reads_as_clause(role[:-2]):
        # `益禾堂方面表示`: the firm (not `突出课时、质量两方面要求`, a clause)
        return describe_chinese(role[:-2], ())
    if not (len(role) >= _MIN_ROLE and _ROLE_END.search(role) or len(role) >= _MIN_BODY and _BODY_END.search(role)):
        return None
    if _NOT_A_TITLE.search(role) or re.search(
        r"[\d０-９给給在和等对對向]|[一二两三四五六七八九十几幾][条條个個位名项項批]", role
    ):
        return None  # (`提出一条条代表建议`: counted, a clause, no one)
    return describe_chinese(role, (role,))


def _joined(text: str, floor: int, end: int, who: Attribution, names: PageNames) -> tuple[Attribution, ...]:
    """Who is named with the speaker, joined by 和/、/与 right before their title chain:
    `乌克兰副总理卡奇卡和外交部副部长佩列彼尼斯赞赏` → 卡奇卡 with 佩列彼尼斯."""
    title = "".join(who.titles[:1]) if who.titles else ""
    at = text.rfind(title + who.speaker, floor, end) if title else -1
    if at <= floor or text[at - 1] not in JOINERS:
        return ()
    other = names.ending_at(at - 1, floor=floor, titled_only=True, strong=True)
    if not other or not other.title or segmented_inside(text, other.start):
        return ()  # (`云南大学工商管理与…副教授王桀`: 商管理 starts inside 工商管理, a subject's name)
    return (describe_chinese(other.text, _titles(other.title)),)


def _subject_ends(text: str, floor: int, verb: int) -> list[int]:
    """Where the speaker may end before the verb: right before it, or before adverbials
    (`笑盈盈地`, `在一旁`), nearest first."""
    ends = [verb]
    for start in range(verb - 1, max(floor, verb - _MAX_ADVERBIALS) - 1, -1):
        # not inside a word (`隆会感|慨地说`: 隆会感 is no name), but a preposition opens its own (`益禾堂方面|对…`)
        if _ADVERBIALS.fullmatch(text, start, verb) and (text[start] in _PREPOSITIONS or not splits_word(text, start)):
            ends.append(start)
    return ends


def _titles(title: str) -> tuple[str, ...]:
    """A title chain as printed → its phrases (`据` of `据…局长张三介绍` and `但` of
    `但…总理杜兰德表示` left out)."""
    return tuple(t for t in re.split(r"[、，,]|兼", _TITLE_LEAD.sub("", title)) if t)
