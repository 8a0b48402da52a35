"""Person names in running Chinese text: where a name that no space or colon marks ends
and starts.

One detector for every cue that must find a name boundary inside a run of characters: a
speaker line with title and name glued (`…分系统总师张三`), reported speech
(`…董事长李东林表示，`, `郄顺祥的女婿刘建文笑盈盈地说`) and a title inserted between
family and given name (`陳院長冲：`). It weighs evidence, each from the page itself or a
dictionary, and answers nothing when the evidence is thin:

- a title ends right before the name (`…院长` + `赵福全`; the longest title that still
  leaves a name), and what stands there otherwise (a clause start, `的`, a role noun);
- the name starts with a family name (`index.titles.SURNAMES`, compound surnames);
- the page prints the same characters again (`李德富` three times on a page), while the
  longer or shorter candidates are printed less often;
- jieba's part-of-speech tagger reads the candidate as a person name (`nr`).

Names transliterated with `·`, `•` or `—` (比曼·普拉萨德, 简·娜娜·奥波库—阿杰曼) are
read whole; other transliterated names (阿努廷) only right after a title.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection
from dataclasses import dataclass

from index.text import CJK_UNIFIED
from index.titles import COMMON_SURNAMES, COMPOUND_SURNAMES, SURNAMES
from index.vocabulary import ADDRESS_TERMS, PERSON_NOUN, POSITION, POSITION_END, POSITION_WORD

HAN = f"[{CJK_UNIFIED}]"
_PERSON_NOUN_END = re.compile(rf"{PERSON_NOUN}$")
# a foreign name printed with separators: 比曼·普拉萨德, 简·娜娜·奥波库—阿杰曼
_TRANSLITERATED = re.compile(rf"{HAN}{{1,8}}(?:[·•—]{HAN}{{1,8}}){{1,4}}$")
# what may stand right before a name that no title precedes: a clause start, a quote, 的
_OPEN_BEFORE = re.compile(r"(?:^|[\s，。；：！？、“”‘’（）《》,.;:!?()]|的)$")
# The characters Chinese transliterates foreign names with (Xinhua's transliteration tables
# for personal names): a run after a title is a foreign name only if it is made of them.
TRANSLITERATION = frozenset(
    "阿埃艾爱安昂奥敖巴拔白拜班邦包保宝鲍贝本比彼毕庇别宾波伯勃博卜布步财采查察柴昌彻陈成程楚茨次达大代戴丹当道德"
    "登邓狄迪底蒂帝丁东杜度敦顿多俄厄恩尔法凡范方菲斐费芬丰冯佛夫弗伏福甫富盖甘冈高戈哥格葛根贡古谷瓜圭贵郭哈海亥"
    "汉翰豪好赫黑亨洪胡华怀霍基吉加佳迦贾简杰金津京久居卡凯坎康考柯科可克肯孔库夸奎坤昆拉腊莱赖兰朗劳勒雷蕾累黎"
    "里理丽利莉立列林琳伦隆卢鲁陆路吕伦罗洛马玛迈麦曼芒毛梅美门蒙孟米敏明摩莫墨默姆木穆纳娜乃奈南楠内尼妮涅宁纽"
    "努诺欧帕潘庞佩彭皮匹平珀普齐奇契恰乔钦琴青丘屈全让热仁日荣瑞若撒萨塞赛桑瑟森沙莎山尚绍舍申什圣施石史士舒斯"
    "松宋苏索塔泰坦汤唐陶特提廷通图托瓦万旺威韦维温文沃乌吴伍武西希锡夏肖谢辛欣休许雅亚扬耶叶伊依因尤于约泽扎詹"
    "兹祖佐左鞠季曲雅祺骞哲良润瑙义默霍茜黛娅妮丝琪莱蒂薇露伦朵缇玛妲璐尔弗茨洛赞祖济兹"
    "娃柳"  # Russian women's names: `扎哈罗娃`, `柳比莫娃`, `柳德米拉`
    "历"  # Alex-: `亚历山大`, `亚历克斯`
)
_TRANSLITERATION_CHARACTERS = "".join(sorted(TRANSLITERATION))  # (for str.lstrip)
# characters a name does not hold: the particles and prepositions of the clause around it,
# and the verbs of going that follow a visitor's name (`…议员瑞贝卡·通葵到福建东山县…`)
_FUNCTION = re.compile(r"[的地得了着在与與及对對跟也还還就是被把将將从從等说說到赴]")
_TITLE_WORD = re.compile(rf"(?:{POSITION}|{PERSON_NOUN})")
_TRANSLITERATED_START = re.compile(rf"{HAN}{{1,8}}(?:[·•—]{HAN}{{1,8}}){{1,4}}")
# what may follow a name in running text: punctuation, a verb of saying, 的, 在, 和, 等
_NAME_FOLLOWER = re.compile(
    r"[，。、；：！？“”,.;:!?（(\s]|的|在|和|与|與|及|等|作为|作為|对|對|谈|談|怎|如何|就|关于|關於|今日|今天|昨日|昨天|日前|近日|于|於|说|說|表示|介绍|介紹|认为|認為|"
    r"代表|委员|委員|"
    r"强调|強調|指出|建议|建議|要求|曾"
)
_FOREIGN_FOLLOWER = frozenset("对對向为為就也还還则則曾是")
_SURNAME_CHARACTERS = "".join(sorted(SURNAMES))
_NAME_TAGS = ("nr", "nrt", "nrfg")  # jieba's parts of speech for a person's name
_THING_TAGS = ("ns", "nt", "nz")  # … and for a place, a body, another proper noun
_COMMON_PLACE = 20_000  # jieba's count of 中国, 北京, 美国 (上海 16,377, 长江 18,930 and 德山 47 are given names too)
_NO_ONE_TAGS = ("m", "d", "r")  # … and for words that name no one: numbers, adverbs, pronouns (大多, 纷纷)
_ADDRESS_AFTER = re.compile(ADDRESS_TERMS)
_FAMILIAR = re.compile(rf"[老小][{_SURNAME_CHARACTERS}]")  # 老黎, 小王: a family name said familiarly
# a familiar form more frequent than this in jieba's dictionary is a common word (老师 6,415, 小时
# 8,143, 小康 735, 小区 414), not someone's name said familiarly (老张 256, 老李 298, 小张 302)
_FAMILIAR_MAX_FREQUENCY = 350
AGE = re.compile(
    r"(?:今年|已经|已經)?[\d一二三四五六七八九十百]{1,3}(?:多)?[岁歲](?:的|高龄的|高齡的)"
)  # `68岁的`, `今年98岁的`
_ADDRESSED = re.compile(rf"[{_SURNAME_CHARACTERS}](?:{ADDRESS_TERMS})")
JOINERS = frozenset("和与與及、")  # between two people named together (`副总理卡奇卡和外交部副部长…`)
_MAX_FOREIGN = 8  # 赫里斯托祖利季斯: a transliterated name after a title, no separator


@dataclass(frozen=True)
class Name:
    """A name found in running text: its characters, where they start in the text, and
    the title printed right before it ("" when none)."""

    text: str
    start: int
    title: str = ""
    evidence: str = ""  # title | introduced | repeated | tagged | clause


class PageNames:
    """Name evidence from one page (`text`), for names ending at given offsets of it."""

    def __init__(self, text: str):
        self.text = text
        self._introductions: dict[str, str] | None = None
        self._wholes: dict[str, set[str]] | None = None  # a foreign name's last part → the whole names
        self._parts: dict[str, set[str]] = {}  # … and its other parts → the whole names
        self._familiar: dict[str, str] = {}  # `老黎` → 黎勇

    def count(self, candidate: str) -> int:
        """How often the page prints `candidate`."""
        return self.text.count(candidate)

    def ending_at(self, end: int, *, floor: int = 0, titled_only: bool = False, strong: bool = False) -> Name | None:
        """The name whose last character is right before `end`, not starting before
        `floor`; None when the evidence does not single one out. With `titled_only`, only a
        name printed right after a title (or a person noun) counts; `strong` says the
        context marks a name here (a verb of saying follows it)."""
        head = self.text[floor:end]
        if len(head) < 2:
            return None
        if (m := _TRANSLITERATED.search(head)) and _foreign_end(m.group()) == m.group():
            start = floor + m.start() + _foreign_start(re.split("[·•—]", m.group())[0])
            if (t := POSITION_END.search(self.text, max(floor, start - 8), start + 1)) and t.start() < start:
                start += 1  # `理事长阿尔穆特·勒斯纳`: the title's last character, not the name's first
            return Name(self.text[start:end], start, self._title_before(start, floor), "title")
        if titled := self._after_title(head, floor, strong):
            return titled
        if titled_only:
            return None
        if introduced := self._introduced(head, floor):
            return introduced
        if strong and (foreign := self._bare_foreign(head, floor)):
            return foreign
        start = floor + len(head) - 2
        if self.familiar(head[-2:]) and _OPEN_BEFORE.search(self.text[max(floor, start - 1) : start]):
            return Name(head[-2:], start, "", "repeated")  # `老黎说`
        options = [c for c in (3, 2, 4) if self._surnamed(head[-c:]) and len(head) >= c]
        if not options:
            return self._tagged(head, floor, end, options)
        # the page prints the name again: the longest candidate printed as often as any
        options = [c for c in options if self._word_starts(end - c) and not _common_word(head[-c:])]
        repeated = [c for c in options if self.count(head[-c:]) >= 2]
        if repeated:
            best = max(repeated, key=lambda c: (self.count(head[-c:]), c))
            if not any(c > best and self.count(head[-c:]) >= self.count(head[-best:]) for c in repeated):
                start = end - best
                return Name(head[-best:], start, self._title_before(start, floor), "repeated")
        for c in options:  # a clause boundary right before it
            if c > 2 and self.count(head[-c:-1]) > self.count(head[-c:]) >= 1 and self._surnamed(head[-c:-1]):
                continue  # `周伟动情地说`: the page prints 周伟 more often, 动 is the next word's
            start = end - c
            if _in_place_word(head[-c:]):
                continue  # `…的贺信中强调`: in the letter, no one
            if _OPEN_BEFORE.search(self.text[max(floor, start - 1) : start]) or start == floor:
                return Name(head[-c:], start, "", "clause")
        return self._tagged(head, floor, end, options)

    def _introduced(self, head: str, floor: int) -> Name | None:
        """A name the page introduces after a position word elsewhere (`英国现任外相拉布`),
        printed bare here (`6月2日拉布在议会中表示`): a foreign name without a family name
        has no other evidence once its title is left out."""
        for size in range(min(_MAX_FOREIGN, len(head)), 1, -1):
            name = head[-size:]
            title = self.introductions().get(name)
            # the last part of a name with separators: the separator is the evidence, any title will do
            if title and POSITION_END.search(title) or self.whole_foreign_name(name):
                start = floor + len(head) - size
                return Name(name, start, self._title_before(start, floor), "introduced")
        return None

    def _bare_foreign(self, head: str, floor: int) -> Name | None:
        """A foreign name of three or more transliteration characters, with no title here,
        that the page prints again (`今年31岁的奥尔曼…`, then `“……”奥尔曼表示`), right after a
        clause's start; no word of the dictionary or of a clause."""
        for size in range(min(_MAX_FOREIGN, len(head)), 2, -1):
            name, start = head[-size:], floor + len(head) - size
            if not transliterated(name) or not _OPEN_BEFORE.search(self.text[max(floor, start - 1) : start]):
                continue
            if self.count(name) >= 2 and not dictionary_word(name) and not reads_as_clause(name):
                return Name(name, start, "", "repeated")
        return None

    def _word_starts(self, start: int) -> bool:
        """Whether a word starts at `start` as jieba cuts the text around it: `英国媒体`
        holds no name `国媒体` however often the page prints it."""
        window = max(0, start - 8)
        position = window
        for word in _words(self.text[window : start + 6]):
            if position >= start:
                return position == start
            position += len(word)
        return True

    def _tagged(self, head: str, floor: int, end: int, options: list[int]) -> Name | None:
        """jieba reads a person name here: one of the surname-led candidates, or a name
        with a rarer family name (郄顺祥) that the page prints at least three times."""
        tagged = tagged_name(head[-12:])
        if not tagged or not (
            tagged in {head[-c:] for c in options} or len(tagged) in (2, 3) and self.count(tagged) >= 3
        ):
            return None
        if not head.endswith(tagged):
            return None
        start = end - len(tagged)
        return Name(tagged, start, self._title_before(start, floor), "tagged")

    def clause_name(self, start: int, end: int) -> Name | None:
        """text[start:end], a clause's first words, as a whole name (`习近平` before
        `总书记`): two to four characters that the page prints again or jieba reads as a name."""
        clause = re.split(r"[，。；：！？“”,;:!?\s]", self.text[max(0, end - 12) : end])[-1]
        if not 2 <= len(clause) <= 4 or not re.fullmatch(f"{HAN}+", clause) or _FUNCTION.search(clause):
            return None
        if rare_word(clause):  # `多名` before 护士, printed again in `40多名护士`: no name
            return None
        if self._surnamed(clause) or self.count(clause) >= 2 or tagged_name(clause) == clause:
            return Name(clause, end - len(clause), "", "clause")
        return None

    def names_role(self, role: str) -> bool:
        """Whether the page prints `role` with a name glued to it (`刘班长`, `团长王杰`): the
        role alone then stands for that person, not for someone the page never names."""
        for m in re.finditer(re.escape(role), self.text):
            if m.start() and self.text[m.start() - 1] in COMMON_SURNAMES or self._name_at(m.end(), len(self.text)):
                return True
        return False

    def introductions(self) -> dict[str, str]:
        """Each name the page introduces with a title → the title its first introduction
        prints (`…党委书记耿遵珠` → …党委书记), read in one pass over the page."""
        if self._introductions is None:
            self._introductions = {}
            for name in self.titled_names(0, len(self.text)):
                self._introductions.setdefault(name.text, name.title)
        return self._introductions

    def whole_foreign_name(self, part: str) -> str:
        """The one name with separators the page introduces with a title whose last part is
        `part` (`阿西夫·努尔` for `努尔`), else "": later sentences print the last part alone.
        Where no such name ends in it, the one name it is another part of (`法迪` of
        `法迪·菲利普·内森`: Arabic, Lao and Thai names are said by the given name; `桑切斯` of
        `埃迪·桑切斯·伊格莱西亚`: a Spanish name by the father's surname)."""
        if self._wholes is None:
            self._wholes, self._parts = {}, {}
            for name in self.introductions():
                *others, last = re.split("[·•—]", name)
                if others and len(last) >= 2:
                    self._wholes.setdefault(last, set()).add(name)
                for other in others:
                    if len(other) >= 2:
                        self._parts.setdefault(other, set()).add(name)
        wholes = self._wholes.get(part, set())
        if not wholes:
            others = self._parts.get(part, set())
            return next(iter(others)) if len(others) == 1 else ""
        # one name, or one that every other ends with (`…委员会主席拉宾德拉·马哈拉杰` holds `拉宾德拉·马哈拉杰`)
        shortest = min(wholes, key=len, default="")
        return shortest if all(w.endswith(shortest) for w in wholes) else ""

    def titled_names(self, start: int, end: int) -> list[Name]:
        """The people text[start:end] introduces with a title or description right before
        the name (`抗战老兵景宝梅`, `…首任总指挥栾恩杰`), in order."""
        found = []
        for m in _TITLE_WORD.finditer(self.text, start, end):
            title_end = m.end()
            while title_end < end and POSITION_END.fullmatch(self.text, m.start(), title_end + 1):
                title_end += 1  # the longest position: `理事长`, not `理事` before a name `长阿尔穆特…`
            position = bool(POSITION_END.search(self.text, m.start(), title_end))
            name = self._name_at(title_end, end, foreign=position, titled=True)
            if name and not _completes_title(self.text[m.start() : title_end], name):
                found.append(Name(name, title_end, self._title_before(title_end, start), "title"))
        return found

    def opening(self, start: int, end: int, known: Collection[str] = ()) -> Name | None:
        """The person text[start:end] opens with as its subject: a name after a title or an age
        printed from `start` (`浙江杭州市民李敏在…`, `68岁的苟正升住在…`), or, right at `start`, a name the page introduces
        with a title elsewhere or one of the `known` speakers (`石玉很满意`; not `康养`, a word
        the page repeats). A name followed by `的` opens a phrase about something of theirs
        (`王锦波的手机里`), not them."""
        titled = self.titled_names(start, min(end, start + 40))
        aged = AGE.match(self.text, start, end)
        if titled and titled[0].start - len(titled[0].title) == start:
            name = titled[0]
        elif aged and (bare := self._name_at(aged.end(), end)):  # `68岁的苟正升住在…`: described by age
            name = Name(bare, aged.end(), "", "title")
        else:
            bare = self._name_at(start, end)
            name = Name(bare, start, "", "title") if bare in self.introductions() or bare in known else None
        return name if name and not self.text.startswith("的", name.start + len(name.text)) else None

    def bare_name_at(self, start: int, end: int) -> str:
        """A name with no title starting at `start` that the page prints again (`李檀雅到深圳后…`),
        or a familiar form of one (`老黎以为…`), or ""."""
        if (short := _FAMILIAR.match(self.text, start, end)) and self.familiar(short.group()):
            return short.group()
        name = self._name_at(start, end)
        return name if self.count(name) >= 2 and not self._names_a_thing(name, start) else ""

    def _names_a_thing(self, name: str, start: int) -> bool:
        """Whether a sentence opening with `name` opens with a place or a thing: a word jieba's
        dictionary holds as a place or body (`莫高窟地处大漠戈壁`), or a word a noun follows
        (`麦积山石窟考古报告…`: the 石窟's report; a person opens a clause with a verb)."""
        if _dictionary_tag(name) in _THING_TAGS:
            return True
        after = _tagged_words(self.text[start : start + len(name) + 4])
        return len(after) > 1 and after[0][0] == name and after[1][1] in _THING_TAGS + ("n",)

    def familiar(self, short: str) -> str:
        """The one person the page names in full whom `老X`/`小X` calls by the family name X
        (`老黎` → 黎勇), else "": a feature's way of calling its subject once introduced."""
        if not _FAMILIAR.fullmatch(short) or _frequency(short) > _FAMILIAR_MAX_FREQUENCY:
            return ""
        if short not in self._familiar:
            starts = [m.start() for m in re.finditer(re.escape(short[1]), self.text)]
            printed = {
                self.text[i : i + size]
                for i in starts
                for size in (2, 3)
                if re.fullmatch(f"{HAN}+", self.text[i : i + size])
            }
            full = {n for n in printed if self.count(n) >= 2 and tagged_name(n) == n}
            self._familiar[short] = full.pop() if len(full) == 1 else ""
        return self._familiar[short]

    def name_after(self, start: int) -> str:
        """The name printed right after `start` (where a title ends), or ""."""
        return self._name_at(start, len(self.text), foreign=True)

    def _name_at(self, start: int, end: int, *, foreign: bool = False, titled: bool = False) -> str:
        """A name starting at `start`: a transliterated run with separators, or two or three
        characters led by a family name that the page prints again or that a boundary ends;
        with `foreign` (after a position word), a run of transliteration characters that a
        boundary ends (`副议长雷伊奈尔对…`); with `titled` (after any title or person noun), a
        name jieba reads as one before a word of the clause (`北京居民贾元祥深有感触`)."""
        rest = self.text[start : min(end, start + 30)]
        if m := _TRANSLITERATED_START.match(rest):
            return _foreign_end(m.group())
        if addressed := _ADDRESSED.match(rest):  # 王先生, 李女士: a family name and a form of address
            return addressed.group()
        for size in (4, 3, 2):  # four: a compound family name (司马廷峰, 欧阳修)
            name = rest[:size]
            # (not a clause a family name's character opens, printed once: `外籍居民常遇到的问题`)
            if len(name) == size and self._surnamed(name) and not _holds_particle(name):
                if self.count(name) < 2 and reads_as_clause(name) and not foreign or size > 2 and name[-1] == "曾":
                    continue  # (`铁凝曾说`: 曾, once, after the name 铁凝)
                if size == 3 and _frequency(name[1:]) >= _COMMON_PLACE and _dictionary_tag(name[1:]) == "ns":
                    continue  # `学生来中国旅行`: a verb before a country, no given name (not 刘德山, 李长江)
                boundary = _NAME_FOLLOWER.match(rest, size) or _shi_follows(rest, size)
                # after a position word (or a person noun, unless a shorter form is printed more often:
                # `投递员张林正熟练…`), a verb of the clause right after the name (`教师罗希指导学生`)
                boundary = (
                    boundary
                    or (
                        (foreign or titled and self.count(name) >= self.count(name[:-1]))
                        and not transliterated(rest[size : size + 2])  # not the middle of `雷伊奈尔`
                        and not _ADDRESS_AFTER.match(rest, size)  # (`吳克儉先生`: a form of address, read elsewhere)
                        and _dictionary_word_at(rest, size)
                        and tagged_name(rest[:size]) == name
                    )
                )
                if boundary or self.count(name) >= 2 and self.count(name) > self.count(rest[: size + 1]):
                    return name
        run = len(rest) - len(rest.lstrip(_TRANSLITERATION_CHARACTERS)) if foreign or titled else 0
        if foreign:
            for size in range(min(run, _MAX_FOREIGN), 1, -1):
                if _dictionary_tag(rest[:size]) in _NO_ONE_TAGS:
                    continue  # (`村民大多说`: 大多, a number word)
                if _NAME_FOLLOWER.match(rest, size) or rest[size : size + 1] in _FOREIGN_FOLLOWER:
                    return rest[:size]
            if _whole_run(rest, run, least=3):  # `总监詹姆斯紧急来沪`
                return rest[:run]
            if run == 2 and self.count(rest[:2]) > max(1, self.count(rest[:3])) and not _dictionary_tag(rest[:2]):
                return rest[:2]  # `视频博主阿雷赴山西…`, and `阿雷说` later: printed again, followed otherwise
            if self._four_character_name(rest):
                return rest[:4]
        elif titled and _whole_run(rest, run, least=4):  # after a person noun: `意大利游客加布里埃莱留下深刻印象`
            return rest[:run]
        return ""

    def _four_character_name(self, rest: str) -> bool:
        """A name of four characters that neither family names nor transliteration tables
        cover (Tibetan `罗布央宗`, `扎西江村`), right after a position word: it ends before a
        deputy's status (`…副主任罗布央宗代表`) or a word that follows names, and the page prints
        it again; no word of a clause."""
        name = rest[:4]
        if not re.fullmatch(f"{HAN}{{4}}", name) or _holds_particle(name) or POSITION_WORD.search(name):
            return False
        if _dictionary_tag(name) or reads_as_clause(name) or self.count(name) < 2:
            return False
        return bool(_NAME_FOLLOWER.match(rest, 4))

    def _after_title(self, head: str, floor: int, strong: bool) -> Name | None:
        """`…董事长董扬`: the longest title (position word or person noun) that leaves a name
        of two or three characters (four for a compound surname). A transliterated name
        (`泰国总理阿努廷`, up to eight characters) only after a position word (or one of
        them: `…之一`), and only when the page prints it again, jieba reads it as a name, or
        the caller's context is `strong` (a verb of saying follows); after a person noun only
        in that context."""
        for size in range(2, min(_MAX_FOREIGN, len(head) - 1) + 1):
            name, before = head[-size:], head[:-size]
            if not re.fullmatch(f"{HAN}+", name) or POSITION_WORD.match(name) or _holds_particle(name):
                continue
            lead = before.removesuffix("之一")  # `联合创始人之一埃拉奇`: one of the co-founders
            titled = POSITION_END.search(lead)
            described = titled or _PERSON_NOUN_END.search(lead)
            if not described or _completes_title(before, name):
                continue
            native = self._surnamed(name) and size <= 3 + (name[:2] in COMPOUND_SURNAMES) and not _pronoun_after(name)
            # a rarer family name (`联合创始人布向伟说`): three characters jieba reads as a name, a verb of saying after
            native = native or strong and size == 3 and tagged_name(name) == name
            # after a person noun (`反欺凌倡导者哈尔基奇表示`, `意大利游客缇娜说`) only with a verb of saying
            foreign = (
                (titled or strong)
                and _dictionary_tag(name) not in _NO_ONE_TAGS  # (`村民大多说`: 大多, a number word)
                and transliterated(name)
                and (strong or self._foreign(name))
                and not reads_as_clause(name)
            )
            if native or foreign:
                start = floor + len(before)
                return Name(name, start, self._title_before(start, floor), "title")
        return None

    def _foreign(self, name: str) -> bool:
        """A transliterated name after a title: made of transliteration characters, and
        printed again on the page or read by jieba as a name."""
        return transliterated(name) and (self.count(name) >= 2 or tagged_name(name) == name)

    @staticmethod
    def _surnamed(name: str) -> bool:
        if len(name) == 4:
            return name[:2] in COMPOUND_SURNAMES
        return (
            len(name) in (2, 3)
            and re.fullmatch(f"{HAN}+", name) is not None
            and name[0] in SURNAMES
            and not rare_word(name)
        )

    def _title_before(self, start: int, floor: int) -> str:
        """The title or description printed right before a name: the clause before it, when
        it ends with a position word or a person noun (`抗战老兵`, `郄顺祥的女婿`), from
        after a `是` or a verb's `了`/`着` (`这是派出所副所长`, `…采访了社科院的学者`, `坐着…乡长` →
        派出所副所长, 社科院的学者, …乡长)."""
        clause = re.split(r"[，。；：！？“”,;:!?\s…—*#_]|是|了|着|著", self.text[max(floor, start - 60) : start])[-1]
        clause = _LEADING_CLAUSE_TAIL.sub("", _ACTION.split(clause)[-1])  # `韩正…会见加拿大工业部长乔利`
        clause = clause.removeprefix("的")  # (`“这班非上不可”的产科医生`: what a quotation mark cut off)
        if not clause or not (POSITION_END.search(clause) or _PERSON_NOUN_END.search(clause)):
            return ""
        for j in range(len(clause) - 1, 0, -1):  # `副总理卡奇卡和外交部副部长`: the last person's title
            if clause[j] in JOINERS and self._after_title(clause[:j], 0, True):
                return clause[j + 1 :]
        return clause


# what someone does to the person named next: the title starts after it (`韩正在北京分别会见
# 加拿大工业部长乔利`, `习近平给新华社102岁老党员张连生回信`), or what moves them
_ACTION = re.compile(
    r"会见|會見|会晤|會晤|接见|接見|看望|慰问|慰問|率领|率領|陪同|见证|見證|签署|簽署|致电|致電|致信|回信|(?<!供)给(?!排水)|給"
    r"|让|讓|(?<!司)令(?!人)"  # what moves the person named next: `总书记的重要讲话让…副主席王路委员切身感受到`
)
# the tail of a clause it cut, up to the first title (`的知名企业家代表团、丹麦…基金会主席`)
_LEADING_CLAUSE_TAIL = re.compile(r"^(?:的[^、]*、)+")

_ADDRESSEES = frozenset({"大家", "大伙", "大伙儿", "记者", "媒体", "网友"})  # whom a clause addresses, tagged as nouns


def _whole_run(rest: str, run: int, least: int) -> bool:
    """Whether the transliterated run rest[:run], of `least` characters or more, is a whole name:
    a word of the clause begins right after it, and it reads as no clause itself."""
    return least <= run <= _MAX_FOREIGN and _dictionary_word_at(rest, run) and not reads_as_clause(rest[:run])


def _completes_title(before: str, name: str) -> bool:
    """Whether a candidate starts by completing the title before it (`…主任工` + `程师`,
    `…管理工` + `程师韦拉赛·赛龙兴`: 工程师)."""
    tail = before[-3:]
    for size in range(1, min(3, len(name)) + 1):
        if (m := POSITION_END.search(tail + name[:size])) and m.start() < len(tail):
            return True
    return False


def _pronoun_after(candidate: str) -> bool:
    """A family name's character before a pronoun (`向大家`, `给我们`): a preposition, no name."""
    rest = candidate[1:]
    return rest in _ADDRESSEES or _dictionary_tag(rest).startswith("r")


def _holds_particle(candidate: str) -> bool:
    """Whether a candidate holds a clause's particle or preposition, so is no name (彼得,
    Peter, is a name that holds one)."""
    return _FUNCTION.search(candidate.replace("彼得", "")) is not None


def _foreign_start(first: str) -> int:
    """Where a foreign name starts in the run before its first separator: after the last
    position word (`斐济代总理` + `比曼`), else where its transliteration characters begin."""
    ends = [m.end() for m in POSITION_WORD.finditer(first) if m.end() < len(first)]
    if ends:
        return ends[-1]
    start = len(first)
    while start > 0 and first[start - 1] in TRANSLITERATION:
        start -= 1
    # a character the tables leave out, between a person noun and the run (`记者朱利叶斯`: 朱, Ju-)
    if start > 0 and first[start - 1] in SURNAMES and _PERSON_NOUN_END.search(first[: start - 1]):
        start -= 1
    return start


def _foreign_end(run: str) -> str:
    """A name with separators at the start of `run`, its last part cut before the first
    character that follows names, holds the clause together or opens a word of two characters
    that transliterate no name (`肖恭尼·龙吉克` of `肖恭尼·龙吉克从小听家人`, `比曼·普拉萨德`
    of `比曼·普拉萨德表示`, `德乌斯·努瓦加巴` of `德乌斯·努瓦加巴轻轻拾起`; not `吐尔逊`'s 逊)."""
    head, last = re.fullmatch(r"(.*[·•—])(.*)", run).groups()
    words = _tagged_words(last)
    # jieba reads a longer name from the part's start (`塔汶炎` of `塔汶炎曾多次`, 汶 and 炎 no transliteration characters)
    tagged = len(words[0][0]) if words and words[0][1] in _NAME_TAGS and len(words) > 1 else 0
    cut = next(
        (
            i
            for i in range(1, len(last))
            if _NAME_FOLLOWER.match(last, i)
            or _FUNCTION.match(last, i)
            or i >= 2
            and not {*last[i : i + 2]} & TRANSLITERATION  # a word of two other characters
            # (not where the next character starts the word: `鹏提玛翁回忆`, 翁回 no word, 回忆 one)
            and (_frequency(last[i : i + 2]) > 0 or not _frequency(last[i + 1 : i + 3]))
        ),
        len(last),
    )
    return head + last[: max(cut, tagged)]


def transliterated(name: str) -> bool:
    """Whether every character of `name` transliterates foreign names (separators aside)."""
    return all(ch in TRANSLITERATION or ch in "·•—" for ch in name)


def _jieba():
    import jieba

    if not jieba.dt.initialized:  # loading the dictionary logs two lines to stderr
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
    return jieba


def load_tagger() -> None:
    """Load jieba's dictionary and its part-of-speech tags now (0.7 s), so the first question
    that looks for a person's name is not the one that waits."""
    _jieba()
    import jieba.posseg  # noqa: F401  (the tag table loads on import)


def unknown_word_name(candidate: str) -> bool:
    """Whether two to four characters can be a name no family-name table knows (`怀进鹏`):
    Han characters, none a particle of the clause, not a word jieba's dictionary knows as
    anything but a name."""
    return (
        re.fullmatch(f"{HAN}{{2,4}}", candidate) is not None
        and not _holds_particle(candidate)
        and not _common_word(candidate)
    )


def dictionary_word(candidate: str) -> bool:
    """Whether jieba's dictionary holds `candidate` whole as a word that names nothing (`高级`,
    a modifier); nouns are left as they may be names' pieces (`范志` of 范志坚)."""
    tag = _dictionary_tag(candidate)
    return bool(tag) and not tag.startswith("n")


def rare_word(name: str) -> bool:
    """A word led by a rare family name that the dictionary knows as another word
    (`支持`, `万一`), before a counter (`多名`), or one the dictionary reads as a conjunction
    (`和行业专家`): no name, whatever title comes before it."""
    if name[0] in COMMON_SURNAMES:
        return False
    return opens_with_joint(name) or name[1:2] in _COUNTERS or _common_word(name)


def opens_with_joint(name: str) -> bool:
    """Whether a run opens with a clause's joint the dictionary knows (和, 所, 但: `和教授`),
    not a common family name."""
    return name[:1] not in COMMON_SURNAMES and _dictionary_tag(name[:1]) in ("c", "u")


_COUNTERS = frozenset("名位个個些种種家条條")


def _common_word(candidate: str) -> bool:
    """Whether jieba's dictionary knows `candidate`, or the word it starts with, as a word
    other than a person's name (`文章`, `公司`, `文章中`): a surname-led word is no name."""
    first = _words(candidate)[0]
    tag = _dictionary_tag(first)
    return len(first) >= 2 and bool(tag) and not tag.startswith("nr")


_CLAUSE_TAGS = ("v", "d", "m", "u", "p", "c")  # verbs, adverbs, numerals, particles, prepositions, conjunctions


def reads_as_clause(candidate: str) -> bool:
    """Whether jieba reads a run of characters as words of a clause: one ending in a verb
    or particle (`樊锦诗评价`), or with such a word and no name (`率先发言`, `算了一笔账`);
    not a name (`扎西江村`, `罗布央宗`, `阿努廷`)."""
    flags = [flag for _, flag in _tagged_words(candidate)]
    if flags and flags[-1].startswith(_CLAUSE_TAGS) and len(flags) > 1:
        return True
    return not any(f.startswith("nr") for f in flags) and any(f.startswith(_CLAUSE_TAGS) for f in flags)


def _in_place_word(candidate: str) -> bool:
    """Whether jieba reads a run as a word and a word of place after it (`贺信中`, `会议上`):
    where something was said, not who said it."""
    flags = [flag for _, flag in _tagged_words(candidate)]
    return len(flags) > 1 and flags[-1] == "f"


def _dictionary_word_at(text: str, at: int) -> bool:
    """Whether jieba reads a word of two characters or more starting at `at`, cutting the text
    from there on its own, that its dictionary holds (`紧急` of `詹姆斯紧急来沪`)."""
    words = _words(text[at : at + 6])
    return bool(words) and len(words[0]) >= 2 and bool(_dictionary_tag(words[0]))


def _frequency(word: str) -> int:
    """How often jieba's dictionary counts `word` (0 when it does not hold it)."""
    return _jieba().dt.FREQ.get(word, 0)


def _dictionary_tag(word: str) -> str:
    """The part of speech jieba's dictionary gives a word (`n`, `v`, `nr`…), "" when it has none."""
    _jieba()
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab.get(word, "")


def _words(text: str) -> list[str]:
    return _jieba().lcut(text)


def splits_word(text: str, at: int) -> bool:
    """Whether `at` falls inside a two-character word of jieba's dictionary (`感|慨`)."""
    return 0 < at < len(text) and _frequency(text[at - 1 : at + 1]) > 0


def segmented_inside(text: str, at: int, window: int = 8) -> bool:
    """Whether jieba, cutting the text around `at`, reads it inside one word (`云南大学工|商管理`:
    工商管理), not between two (`局长|高峰`, though 长高 is a word)."""
    start = max(0, at - window)
    ends, position = set(), start
    for word in _words(text[start : at + window]):
        position += len(word)
        ends.add(position)
    return 0 < at < len(text) and at not in ends


def _shi_follows(rest: str, size: int) -> bool:
    """`是` right after rest[:size] (`列车长刘可意是地道的陕北姑娘`), not a word 是 closes with the
    name's last character (`许峰如是感慨`: 如是, thus)."""
    return rest.startswith("是", size) and not splits_word(rest, size)


def tagged_name(text: str) -> str:
    """The last word of `text` when jieba tags it a person name (`nr`), else ""."""
    words = _tagged_words(text)
    return words[-1][0] if words and words[-1][1] in _NAME_TAGS else ""


def _tagged_words(text: str) -> list[tuple[str, str]]:
    """jieba's words of `text` with their parts of speech (`nr`, `v`, `f`…)."""
    _jieba()
    import jieba.posseg

    return [(w.word, w.flag) for w in jieba.posseg.cut(text)]
