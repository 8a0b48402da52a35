"""What a question asks for: its language, its intent, the speakers and units it names
(which become filters by themselves), names the index does not know, and who a
follow-up such as `他还说了什么？` refers to. Pure functions over the catalog."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from index.lexical import Term, tokenize
from index.library import Catalog, CatalogSpeech, Library
from index.names import PageNames, dictionary_word, opens_with_joint, tagged_name, unknown_word_name
from index.records import MODERATOR, Attribution
from index.text import CJK_UNIFIED, is_cjk, simplifier
from index.titles import (
    COMMON_SURNAMES,
    SURNAMES,
    family_name_length,
)
from index.vocabulary import (
    ADDRESS_TERMS,
    EN_NOT_A_PERSON,
    EN_ORGANISATION_WORDS,
    EN_PLACE_OFFICES,
    EN_TITLES,
    ORGANISATION_END,
    PERSON_NOUN,
    POSITION,
    POSITION_END,
    STATUSES,
)
from qa.people import People
from qa.periods import Period, given_period, period_in
from qa.records import Answer

# Questions come in simplified or traditional characters; the patterns and word lists below
# are written in simplified ones and widened to both by `_both_scripts`.
_TRADITIONAL = dict(
    zip(
        "说讲谈么还发观们该区这负责单门领导员会县厅办协园团处队书记长议个几谁话内问题见举别对层总经济务级",
        "說講談麼還發觀們該區這負責單門領導員會縣廳辦協園團處隊書記長議個幾誰話內問題見舉別對層總經濟務級",
    )
)


def _both_scripts(pattern: str) -> str:
    """A regex that matches the simplified pattern written in either script."""
    return "".join(f"[{ch}{_TRADITIONAL[ch]}]" if ch in _TRADITIONAL else ch for ch in pattern)


# Organisation-like mentions followed by a speech verb: 三亚市财政局在会上说了什么
_UNIT_SUFFIX = "局|委员会|委|区|县|厅|办公室|办|院|政协|园|城|中心|公司|集团|部|署|所|处|站|队"
_SPEECH_VERB = "的发言|的讲话|的表态|在会上|在发言|说|讲|谈|提|表示|指出|发言|的负责人|负责人"
# characters of words that ask or join (的, 哪些, 三位, 除了), never of a name, a place or a unit
# verbs that put words forward, after whoever is asked about (`谁建议…`, `…董事长强调了什么`)
_PROPOSING = "建议|要求|呼吁|主张|强调|指出|介绍|回应|承诺|宣布"
_FUNCTION_CHARS = "的了在和与與及是有哪谁誰位些请請问問那个個这這该該其各每某从從对對向给給吗嗎呢除"
_NAME_CHAR = rf"(?:(?![{_FUNCTION_CHARS}])[{CJK_UNIFIED}])"
_UNIT_MENTION = re.compile(
    rf"({_NAME_CHAR}{{2,16}}?(?:{_both_scripts(_UNIT_SUFFIX)}))(?={_both_scripts(_SPEECH_VERB)}|{_both_scripts('对|就|关于')})"
)
# A personal name before a title or a speech verb: 李明书记谈了…, 张艺谋导演对…, 张三说…
# (`伊利的副总裁` names an organisation's office: no name holds 的)
_PERSON_MENTION = re.compile(
    rf"({_NAME_CHAR}{{2,3}}?)(?:{POSITION}|{PERSON_NOUN}|{ADDRESS_TERMS})|"
    + _both_scripts(rf"(?:^|(?<=[\s，。？！、；：“”]))([{CJK_UNIFIED}]{{2,3}}?)(?=说|讲|谈|提|表示)")
)
# a name after its title (or after the unit and role already read: blanked), then where or what it
# said (`全国人大代表钟南山在文中提出了…`)
_NAME_AFTER_TITLE = re.compile(
    rf"(?:{POSITION}|(?<=\s))([{CJK_UNIFIED}]{{2,3}}?)(?="
    + _both_scripts("在|说|讲|谈|提|表示|认为|对|就|怎么|如何")
    + ")"
)
# the short name a question gives a unit in brackets after it: 三亚市旅游和文化广电体育局（旅文局）
_UNIT_ALIAS = re.compile(rf"(?<=[局委办辦厅廳部院所署会會])[（(][{CJK_UNIFIED}]{{1,6}}[）)]")
# a name opening the question before how it is asked (`刘江华怎么回应…`, `刘江华对…`): one the
# dictionary knows as no word (高铁, 黄金 are words) and no indexed text prints
_NAME_ASKED = re.compile(
    _both_scripts(
        rf"(?:^|(?<=[\s，。？！、；：“”]))([{CJK_UNIFIED}]{{2,3}}?)(?=怎|如何|对|就|关于|认为|回应|评价|在|去|到)"
    )
)
_PLACE_PREFIX = re.compile(_both_scripts(rf"^(?:[{CJK_UNIFIED}]{{2,3}}?(?:省|自治区))?(?:[{CJK_UNIFIED}]{{2,3}}?市)?"))

# An organisation a question places somewhere: 江苏省政协, 海口市教育局, 北京市公安局
_ORG_ENDINGS = tuple(sorted([*_UNIT_SUFFIX.split("|"), "人大", "政府"], key=len, reverse=True))


def _placed_unit(place_endings: str) -> re.Pattern:
    """An organisation after a place ending so (the organisation holds no other place, and
    the place is no level: 省级政协)."""
    org_char = rf"(?:(?!{place_endings})[{CJK_UNIFIED}])"
    return re.compile(
        rf"(?P<place>{_NAME_CHAR}{{2,7}}?(?:{_both_scripts(place_endings)}))(?![级級])"
        + _both_scripts(
            rf"(?P<org>{org_char}{{0,10}}?(?:{'|'.join(_ORG_ENDINGS)}))"
            rf"(?=主席|副主席|书记|局长|主任|厅长|负责人|领导|同志|的|在|说|讲|谈|提|表示|发言|{_SPEECH_VERB}|{_PROPOSING}|"
            rf"对|就|关于|怎么|如何|认为|觉得|[，。？！、]|$)"  # `黄石市教育局对学校建设说了什么`
        )
    )


_PLACED_UNIT = _placed_unit("省|市|县|自治区|自治州")
# A district's unit (`朝阳区教育局在会上…`): 区 also ends words that are no place (`湾区大党委`),
# so such a unit is unknown only where the index never says the district's name at all.
_DISTRICT_UNIT = _placed_unit("区|旗|镇|乡|街道")
# `the Governor of Florida`, `the Mayor of Tampa`: an office of a place (capitalised words)
_ENGLISH_OFFICE = re.compile(
    rf"\b(?P<office>{EN_PLACE_OFFICES})"
    r"\s+(?:of|for)\s+(?:the\s+)?(?P<place>[A-Z][\w.'’-]*(?:\s+(?:of\s+)?[A-Z][\w.'’-]*){0,2})"
    r"(?:\s+and\s+(?P<more>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}))?"
    # a further place the office is of: `…of Education for Cardiff Council`, `…in Northern Ireland`
    r"(?:\s+(?:for|in|at)\s+(?:the\s+)?(?P<where>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}))?"
)
_PLACE_SUFFIXES = "省市县区州"
_PLACE_LEVEL = re.compile(r"(?:自治区|自治州|省|市|县|区)$")
# quoted phrases: “第一书记”, 「…」, "…", 《…》 — what was said, never who said it
# English single quotes too (`'locker room talk'`): one opens after no word, closes before
# none, and an apostrophe inside a word (`'doesn't have a plan'`) goes on
QUOTED = re.compile(
    r"“[^“”]{1,120}”|‘[^‘’]{1,120}’|「[^「」]{1,120}」|『[^『』]{1,120}』|《[^《》]{1,120}》|\"[^\"]{1,120}\"|"
    r"(?<![\w'’])'(?:[^'\n]|(?<=\w)'(?=\w)){1,120}?'(?!\w)"
)


# what follows a quote that names a thing rather than gives words (`“八路小张”这个微信号`,
# `“知识价值投资”这个理念`), unless the thing is a saying (`“…”这句话`, `这一说法`)
_NAMES_A_THING = re.compile(r"(?:这[个一项种款部本条]|该)(?!话|句|说法|說法|表述|论断|論斷|提法|口号|口號)")


def _quotes(text: str):
    """Each quote of a text: its words (every quote mark is one character) and where it ends."""
    for m in QUOTED.finditer(text):
        if q := m.group()[1:-1].strip():
            yield q, m.end()


def quoted_phrases(text: str) -> tuple[str, ...]:
    """The words a text quotes, each once, in order."""
    return tuple(dict.fromkeys(q for q, _ in _quotes(text)))


def said_phrases(text: str) -> tuple[str, ...]:
    """The quoted words a question asks about as words said: not a quote that names a thing
    (`是谁讲了“八路小张”这个微信号的来历？`: the account's name, which the page's narration prints)."""
    return tuple(dict.fromkeys(q for q, end in _quotes(text) if not _NAMES_A_THING.match(text, end)))


_WHICH = re.compile(_both_scripts(r"哪些|哪几|\bwhich\s+(?:(?-i:[A-Z][\w-]*)\s+)?\w+s\b|\bwho else\b"), re.I)
_WHO = re.compile(_both_scripts(r"谁|哪位|哪个|哪一|\bwho\b|\bwhich\b|\bwhose\b"), re.I)
_SAID = re.compile(
    _both_scripts(
        r"说了(什么|哪些|些什么)|讲了(什么|哪些)|谈了(什么|哪些)|提了(什么|哪些)|谈到了?哪些|提到了?哪些|还说|还讲|还提|"
        r"发言(讲|说|谈)?了?(什么|哪些)|(主要|核心)?(观点|要点|内容)"
    )
    + r"|\bwhat (?:did|does|else did)\b.*\b(?:say|said|talk|propose|mention|discuss)|\bwhat was said\b|\bsay anything else\b",
    re.I,
)
# A question whether something was said at all: the answer must show it said
_WHETHER = re.compile(
    _both_scripts(r"[吗嗎][？?]?\s*$|有没有|是否")
    + r"|^(?:did|does|do|has|have|had|was|were)\s+(?:anyone|anybody|any\b|someone|somebody|either\b|one of\b)",
    re.I,
)
_PRONOUN = re.compile(
    _both_scripts(r"他们|她们|他|她|该局|该区|该委|该单位|这位|此人") + r"|\b(?:he|she|they|him|her|his|their|them)\b",
    re.I,
)
_GENERIC_WORDS = (
    "说 讲 谈 提 提到 提出 谈到 讲到 说到 提问 询问 问到 问过 了 什么 哪些 内容 发言 讲话 表态 观点 要点 主要 措施 举措 工作 会上 还 都 有 "
    "方面 问题 意见 表示 指出 认为 觉得 一下 具体 分别 其他 别的 另外 他们 她们 他 她 该局 该区 该单位 这位 此人 "
    "负责人 负责 责人 单位 部门 领导 官员 发言人 同志 哪位 说法 指 是 的 提了 说了 讲了 谈了 提过 说过 讲过 谈过 "
    "有人 有没有 没有 吗 是否 "
)
_GENERIC_WORDS += _GENERIC_WORDS.translate(str.maketrans(_TRADITIONAL)) + (
    "official officials speaker speakers unit units department person people member members counsel representative representatives "
    "say said talk talked mention mentioned propose proposed else more anything speak spoke "
    "discuss discussed ask asked asks anyone anybody someone somebody"
)
_GENERIC = frozenset(tokenize(_GENERIC_WORDS))  # as tokens: English ones stemmed


class Says(Protocol):
    """Whether any indexed text (of `speeches`, when given) holds these words verbatim."""

    def __call__(self, words: str, speeches: frozenset[str] | None = None) -> bool: ...


def content_tokens(text: str) -> tuple[str, ...]:
    """Lexical tokens of text without pronouns and words that ask rather than say
    (说, 哪些, mention, …): what a question is about, or what a sentence claims."""
    return tuple(t for t in tokenize(_PRONOUN.sub(" ", text)) if t not in _GENERIC)


def language_of(text: str) -> str:
    """'zh' when the text has any CJK character, else 'en'."""
    return "zh" if any(is_cjk(ch) and ch not in "，。？！：；“”‘’（）" for ch in text) else "en"


@dataclass
class Turn:
    question: str
    speakers: list[str]
    cited: list[tuple[str, int]] = field(default_factory=list)  # (doc_id, start) of each quote
    answer: Answer | None = None  # what was answered (to export it)


@dataclass
class Conversation:
    """The chat so far, passed explicitly into every question (never global)."""

    turns: list[Turn] = field(default_factory=list)

    def remember(
        self, question: str, speakers: list[str], cited: list[tuple[str, int]], answer: Answer | None = None
    ) -> None:
        self.turns.append(Turn(question, speakers, cited, answer))

    @property
    def last_speakers(self) -> list[str]:
        return next((t.speakers for t in reversed(self.turns) if t.speakers), [])

    @property
    def cited(self) -> set[tuple[str, int]]:
        """Every quote already shown, so "what else did they say" brings new ones."""
        return {c for t in self.turns for c in t.cited}


@dataclass
class Resolution:
    """A question, understood."""

    question: str
    language: str
    intent: str  # "which" (every speaker), "who" (the speaker), "said" (a speaker's points), "ask"
    speakers: tuple[str, ...] = ()  # catalog speakers named (or referred to by a follow-up)
    by_office: tuple[str, ...] = ()  # those of them named by an office or unit, not by name (`发改委负责人`)
    talked_about: tuple[str, ...] = ()  # speakers a who-question names as what was said about
    units: tuple[str, ...] = ()  # catalog units named
    unknown: tuple[str, ...] = ()  # names/units the index does not have
    speeches: frozenset[str] | None = None  # speech keys to search; None = everything
    follow_up: bool = False
    topic: tuple[str, ...] = ()  # lexical tokens of the question without names and generic words
    filtered: bool = False  # the asker chose speakers, units or documents (not only named them)
    phrases: tuple[str, ...] = ()  # quoted words to find verbatim: “第一书记”
    periods: tuple[Period, ...] = ()  # meeting-date ranges asked for (filters, or words of the question)
    time_said: tuple[
        str, ...
    ] = ()  # the time the question names as what was said (years, `今年`): the evidence prints it
    suggestions: tuple[str, ...] = ()  # indexed units like an unknown one, with a speaker each
    about_speech: bool = True  # asks who said what (谁…, what did … say), or names a speaker or unit
    asks_whether: bool = False  # whether anyone said it (有人谈到…吗？, Did anyone mention …?)
    bridged: tuple[Term, ...] = ()  # an English topic with its Chinese translations (`Library.bridged`)
    people: People = field(default_factory=People, repr=False)  # the catalog's: who is one person (`qa.people`)

    @property
    def lexical_query(self) -> tuple[Term, ...]:
        """What the BM25 side searches: the topic, with its translations when it has any."""
        return self.bridged or self.topic


_GENERATION = re.compile(r",?\s+(?:Jr|Sr|Jnr|Snr)\.?$|\s+(?:II|III|IV)$")  # `James M. Nabrit, Jr.`


def _blanked(text: str, start: int, end: int) -> str:
    """`text` with text[start:end] blanked out (its length kept, so offsets still hold)."""
    return text[:start] + " " * (end - start) + text[end:]


def _english_forms(name: str) -> set[str]:
    """How a question writes an English speaker's name: in full, the family name alone, the
    first and family names (`James M. Nabrit, Jr.`: `Nabrit`, `James Nabrit`)."""
    forms = {name}
    name = _GENERATION.sub("", name)
    parts = name.split()
    forms.add(name)
    if len(parts) >= 2:
        forms |= {parts[-1], f"{parts[0]} {parts[-1]}"}
    return {f for f in forms if len(f) >= 3}


_AREA_SUFFIX = re.compile(_both_scripts("(?:区|县|市|省|州|镇)$"))


# Family names read otherwise than the character's everyday reading (单 shan, not dan).
_FAMILY_READINGS = dict(
    zip(
        "单單曾解仇区區查朴盖蓋乐樂尉覃缪繆种種翟",
        "Shan Shan Zeng Xie Qiu Ou Ou Zha Piao Ge Ge Yue Yue Yu Qin Miao Miao Chong Chong Zhai".split(),
    )
)


def _pinyin(text: str) -> str:
    """Toneless pinyin of `text` as one capitalised word (ü as u): 正兰 → Zhenglan."""
    return _spelled(_syllables(text)).capitalize()


def _syllables(text: str) -> tuple[str, ...]:
    """Toneless pinyin of `text`, a syllable per character (other scripts as printed)."""
    from pypinyin import Style, lazy_pinyin  # only catalogs with Chinese names need it

    return tuple(lazy_pinyin(text, style=Style.NORMAL))


def _spelled(syllables: tuple[str, ...]) -> str:
    """Syllables as one word, ü as u."""
    return "".join(syllables).replace("v", "u")


def _pinyin_forms(name: str, kind: str) -> set[str]:
    """How an English question writes a Chinese name: a person family name first or last
    (`Wu Ping`, `Ping Wu`; `Lu Zhenglan`, `Zhenglan Lu`), a district without its suffix
    (海棠区 → `Haitang`). A person is never matched by one joined word: `Mali` is a country."""
    if kind == "speaker":
        if not 2 <= len(name) <= 4 or not all(is_cjk(c) for c in name):
            return set()
        cut = family_name_length(name)
        family, given = _FAMILY_READINGS.get(name[0]) if cut == 1 else None, _pinyin(name[cut:])
        family = family or _pinyin(name[:cut])
        return {f"{family} {given}", f"{given} {family}"}
    core = _PLACE_PREFIX.sub("", name)[:-1] if _AREA_SUFFIX.search(name) else ""
    if len(core) < 2 or not all(is_cjk(c) for c in core):
        return set()
    return {_pinyin(core)}


def _addressed(name: str, roles: tuple[str, ...]) -> set[str]:
    """How a question addresses a Chinese speaker by family name and position: 陈院长,
    李部長 (a role of two characters or more, not a status such as 代表)."""
    if not 2 <= len(name) <= 4 or not all(is_cjk(c) for c in name):
        return set()
    family = name[: family_name_length(name)]
    return {family + role for role in roles if len(role) >= 2 and role not in _STATUSES}


_STATUSES = frozenset([*STATUSES.split("|"), MODERATOR])


# organisations named as a whole, not a place's body of a kind: 香港城市大学 is no 大学 of a
# city 香港城, 上海交通大学 none of 上海's 交通大学
_NAMED_AS_A_WHOLE = re.compile(_both_scripts("(?:大学|学院|中学|小学|学校|研究院|研究所|医院|公司|集团|银行)$"))


def _unit_forms(unit: str) -> set[str]:
    """Ways a question may write a unit: as printed, and without a leading place name."""
    forms = {unit}
    stripped = "" if _NAMED_AS_A_WHOLE.search(unit) else _PLACE_PREFIX.sub("", unit)
    if len(stripped) >= 2 and not stripped.startswith("委"):
        forms.add(stripped)
    if unit.startswith("市") and len(unit) > 3:
        forms.add(unit[1:])
    return forms


_ELIDED_PLACE = re.compile(r"^(?:省|市|县|区)")


def placed_labels(who: Attribution) -> tuple[str, ...]:
    """A speaker's titles and units as printed, and with the place a later title leaves out
    restored from an earlier one (`黑龙江省哈尔滨市人民政府副秘书长、市发展和改革委员会主任`:
    the 市 is 哈尔滨市)."""
    printed = (*who.titles, *who.units)
    restored = []
    for label in printed:
        if m := _ELIDED_PLACE.match(label):
            places = [p.group() for other in printed if (p := re.search(rf"[{CJK_UNIFIED}]{{2,3}}?{m.group()}", other))]
            if len(set(places)) == 1 and not label.startswith(places[0]):
                restored.append(places[0] + label[1:])
    return (*printed, *restored)


@dataclass
class CatalogIndex:
    """What resolving needs from the catalog, built once per catalog (the library makes a
    new speech list whenever the store changes): name lists, speech keys by speaker, unit
    and document, and one pattern matching every way a question may write a name."""

    simplify: Callable[[str], str]  # a text in simplified characters, as the forms are written
    speeches: Sequence[CatalogSpeech]
    speakers: list[str]
    units: list[str]
    keys_by: dict[tuple[str, str], set[str]]  # ("speaker"|"unit"|"doc", name) → speech keys
    forms: dict[str, set[tuple[str, str]]]  # form as written → {(kind, name)}
    pattern: re.Pattern | None
    chunk_counts: dict[str, int]  # speech key → chunks
    labels: frozenset[str]  # every title and unit as printed: where a unit's place is kept
    dates: tuple[str, ...]  # the indexed meetings' dates, each once
    speaker_of: dict[str, str]  # speech key → speaker ("" for narration)
    unit_roles: dict[str, tuple[str, ...]]  # unit → the roles its speakers hold, longest first
    role_names: frozenset[str] = frozenset()  # speakers known by a role alone: 主席, 记者, Q, The Chair
    english_words: frozenset[str] = frozenset()  # lower-case words naming speakers, units and their places
    speakers_by_label: dict[str, frozenset[str]] = field(default_factory=dict)  # placed label → its speakers (if any)

    @classmethod
    def build(cls, speeches: Sequence[CatalogSpeech]) -> "CatalogIndex":
        keys_by: dict[tuple[str, str], set[str]] = {}
        forms: dict[str, set[tuple[str, str]]] = {}
        held: dict[str, set[str]] = {}  # unit → roles its speakers hold
        for s in speeches:
            keys_by.setdefault(("doc", s.who.doc_id), set()).add(s.key)
            if s.who.speaker:
                keys_by.setdefault(("speaker", s.who.speaker), set()).add(s.key)
            for unit in s.who.units:
                keys_by.setdefault(("unit", unit), set()).add(s.key)
                held.setdefault(unit, set()).update(r for r in s.who.roles if r)
        speakers = sorted(name for kind, name in keys_by if kind == "speaker")
        units = sorted(name for kind, name in keys_by if kind == "unit")
        simplify = simplifier()
        roles_of = {s.who.speaker: s.who.roles for s in speeches if s.who.speaker}
        for speaker in (name for name in speakers if len(name) >= 2):
            chinese = any(is_cjk(c) for c in speaker)
            named = {speaker} | _pinyin_forms(speaker, "speaker") | _addressed(speaker, roles_of[speaker])
            for form in named if chinese else _english_forms(speaker):
                forms.setdefault(simplify(form), set()).add(("speaker", speaker))
        for unit in (u for u in units if len(u) >= 2):  # a one-character "unit" is a misreading
            for form in _unit_forms(unit) | _pinyin_forms(unit, "unit"):
                forms.setdefault(simplify(form), set()).add(("unit", unit))
        alternatives = [
            re.escape(f) if is_cjk(f[0]) else rf"\b{re.escape(f)}\b" for f in sorted(forms, key=len, reverse=True)
        ]
        pattern = re.compile("|".join(alternatives)) if alternatives else None
        by_label: dict[str, set[str]] = {}
        for s in speeches:
            for label in placed_labels(s.who):
                by_label.setdefault(label, set()).update([s.who.speaker] if s.who.speaker else [])
        labels = frozenset(by_label)
        dates = tuple(sorted({s.date for s in speeches if s.date}))
        chunk_counts = {s.key: s.chunks for s in speeches}
        speaker_of = {s.key: s.who.speaker for s in speeches}
        unit_roles = {unit: tuple(sorted(roles, key=len, reverse=True)) for unit, roles in held.items()}
        role_names = frozenset(
            s.who.speaker for s in speeches if s.who.speaker and s.who.speaker in (*s.who.roles, *s.who.titles)
        ) | frozenset(s.who.speaker for s in speeches if MODERATOR in s.who.roles)
        english_words = frozenset(
            word.lower() for form in forms if not is_cjk(form[0]) for word in re.findall(r"[A-Za-z][\w'’-]*", form)
        ) | frozenset(word.lower() for label in labels for word in re.findall(r"[A-Za-z][\w'’-]*", label))
        return cls(
            simplify,
            speeches,
            speakers,
            units,
            keys_by,
            forms,
            pattern,
            chunk_counts,
            labels,
            dates,
            speaker_of,
            unit_roles,
            role_names,
            english_words,
            {label: frozenset(names) for label, names in by_label.items()},
        )

    def keys(self, kind: str, names) -> set[str]:
        return set().union(*(self.keys_by.get((kind, name), set()) for name in names))

    @cached_property
    def label_syllables(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Every placed label with its toneless pinyin syllables (安踏集团 → an ta ji tuan): read
        once per catalog, when an English question first needs to spell a place or an organisation."""
        return tuple((label, _syllables(label)) for label in self.labels)

    @cached_property
    def label_readings(self) -> tuple[str, ...]:
        """Every placed label in toneless pinyin as one word, lower case (海口市教育局 → haikoushijiaoyuju)."""
        return tuple(_spelled(syllables).lower() for _, syllables in self.label_syllables)

    @cached_property
    def chinese(self) -> bool:
        """Whether any speaker's title or unit is printed in Chinese."""
        return any(is_cjk(label[0]) for label in self.labels)

    def holders(self, labels: Iterable[str]) -> list[str]:
        """The speakers some of these titles or units are printed for (`placed_labels`), in the
        order they first speak."""
        named = set().union(*(self.speakers_by_label.get(label, ()) for label in labels))
        return list(dict.fromkeys(s.who.speaker for s in self.speeches if s.who.speaker in named))


def catalog_index(library: Library, catalog: Catalog | None = None) -> CatalogIndex:
    """The index of a catalog — the one given (a request reads one catalog throughout), else
    the library's as it is now — built once per catalog, which keeps it (`Catalog.derived`)."""
    return (catalog or library.catalog).derived(CatalogIndex.build)


def _matches(question: str, index: CatalogIndex, says: Says | None = None) -> tuple[list[str], list[str], str]:
    """Catalog speakers and units named in the question (at each place the longest form
    wins, no overlaps), and the question with those names blanked out. `says` (what the
    indexed text prints) tells a name from the start of a longer word (`拉布` of 拉布布)."""
    speakers, units, blanked = [], [], question
    written = index.simplify(question)  # `陳院長` and `陈院长` alike
    if len(written) != len(question):  # a phrase converted to another length: character by character
        written = "".join(index.simplify(ch) for ch in question)
    for match in index.pattern.finditer(written) if index.pattern else ():
        named = sorted(index.forms[match.group()])
        if all(kind == "speaker" and name in index.role_names for kind, name in named) and _inside_title(
            question, match
        ):
            continue  # `主席` inside `北京市政协主席`: a title's ending, not the speaker called 主席
        if all(kind == "speaker" for kind, _ in named) and _inside_english_name(question, match):
            continue  # `White` of `the White House`, `Barry White`: not Jean White
        if (
            says
            and all(kind == "speaker" for kind, _ in named)
            and _inside_chinese_word(question, match, named, index, says)
        ):
            continue  # `拉布` of `拉布布`, a toy another page names
        for kind, name in named:
            (speakers if kind == "speaker" else units).append(name)
        # `浙江省政协主席`: a role its speakers hold, right after the unit, says who, not what about
        roles = (r for kind, name in named if kind == "unit" for r in index.unit_roles.get(name, ()))
        end = match.end() + next((len(r) for r in roles if question.startswith(r, match.end())), 0)
        blanked = _blanked(blanked, match.start(), end)
    return list(dict.fromkeys(speakers)), list(dict.fromkeys(units)), blanked


def _written_forms(question: str, name: str, index: CatalogIndex, kind: str = "speaker") -> list[str]:
    """The forms of a speaker's (or unit's) name the question writes (`Murphy` of Terrence Murphy)."""
    written = index.simplify(question).lower()
    return [form for form, named in index.forms.items() if form.lower() in written and (kind, name) in named]


# a verb of saying in an English question: a unit named after it is what was said
_ENGLISH_SAYING = re.compile(
    r"\b(?:sa(?:y|ys|id)|mention(?:s|ed)?|call(?:s|ed)?|talk(?:s|ed)?|sp(?:eak|eaks|oke)|argu(?:e|es|ed)|"
    r"propos(?:e|es|ed)|suggest(?:s|ed)?|warn(?:s|ed)?|describ(?:e|es|ed)|compar(?:e|es|ed)|urg(?:e|es|ed)|"
    r"ask(?:s|ed)?|explain(?:s|ed)?|claim(?:s|ed)?|stat(?:e|es|ed)|rais(?:e|es|ed)|press(?:es|ed)?|"
    r"question(?:s|ed)?|answer(?:s|ed)?|repl(?:y|ies|ied)|not(?:e|es|ed))\b",
    re.I,
)


def _first_written(question: str, forms: list[str], index: CatalogIndex) -> int:
    """Where the question first writes one of these forms of a name (-1: nowhere)."""
    written = "".join(index.simplify(ch) for ch in question).lower()  # simplified, of the same length
    return min((at for f in forms if (at := written.find(f.lower())) >= 0), default=-1)


def _relatives(question: str, speakers: list[str], index: CatalogIndex) -> list[str]:
    """`郄顺祥的女婿说了什么？` asks about the son-in-law, not 郄顺祥: a speaker named with
    `的` and a person noun stands for the speakers the page describes so (刘建文, titled
    `郄顺祥的女婿`), or for nobody in particular."""
    chosen = []
    for name in speakers:
        relation = re.search(rf"{re.escape(name)}的(?P<noun>{PERSON_NOUN})", question)
        if relation is None:
            chosen.append(name)
            continue
        described = relation.group()
        chosen += sorted({s.who.speaker for s in index.speeches if any(described in t for t in s.who.titles)})
    return list(dict.fromkeys(chosen))


def _inside_title(question: str, match: re.Match) -> bool:
    """A match that goes on a run of Han characters (`…政协` + `主席`)."""
    before = question[match.start() - 1 : match.start()]
    return bool(before) and before >= "\u4e00" and before <= "\u9fff"


def _inside_chinese_word(question: str, match: re.Match, named, index: CatalogIndex, says: Says) -> bool:
    """A Chinese name that goes on into a longer word the indexed text prints, where its
    speakers' own documents never print that longer word: `拉布布` (a toy 王宁 names) holds
    the name of 拉布, whose page prints no 拉布布; `拉布在议会…` is 拉布 (`在` holds no word)."""
    after = question[match.end() : match.end() + 1]
    if not after or not is_cjk(after) or after in _FUNCTION_CHARS or _TOPIC_VERB.match(question, match.end()):
        return False
    longer = match.group() + after
    if not says(longer):
        return False
    own = speeches_for(index, [name for _, name in named])
    return not says(longer, own)


_NEXT_CAPITALISED = re.compile(r"\s+[A-Z][a-z][\w'’-]*")  # a word, not a post-nominal (`AM`, `MP`)
_LAST_CAPITALISED = re.compile(r"(?:^|[\s(])([A-Z][\w'’.-]*)\s+$")


def _inside_english_name(question: str, match: re.Match) -> bool:
    """A one-word English name that goes on in another capitalised word (`White House`),
    ends a double-barrelled one (`Pennant-Hughes`) or follows a capitalised word that is no
    title or question word (`Barry White`): part of another name."""
    if not re.fullmatch(r"[A-Za-z'’-]+", match.group()):
        return False
    if _NEXT_CAPITALISED.match(question, match.end()) or question[match.start() - 1 : match.start()] == "-":
        return True  # `White House`, `Pennant-Hughes`
    before = _LAST_CAPITALISED.search(question, 0, match.start())
    if not before or not question[: before.start(1)].strip(" (\"“'‘"):  # the question's first word
        return False
    return before.group(1).rstrip(".").lower() not in _ENGLISH_TITLE_WORDS


_TOPIC_VERB = re.compile(
    _both_scripts(rf"谈到|提到|说到|讲到|谈及|提及|涉及|关于|提出|认为|表示|{_PROPOSING}|说|讲|谈|提")
)


_WHO_OPENS = re.compile(r"\s*谁(?![是為为])")


def _saying_at(question: str) -> int:
    """Where the question's first verb of saying is: a person or office named after it is
    what was said (`哪些代表谈到了村级“小微权力”和村干部？` asks about 代表, not 村干部)."""
    m = _TOPIC_VERB.search(question)
    said_at = len(question) if m is None else m.start()
    # `谁希望…让数据多跑路、群众少跑腿？`: after an opening 谁 and its verb (not 是) comes what
    # was said, whatever the verb (希望, 主张, 呼吁): a person of kind there (群众) is no one asked about
    if who := _WHO_OPENS.match(question):
        said_at = min(said_at, who.end())
    return said_at


def _titled_strangers(blanked: str, said_at: int) -> list[str]:
    """Names the index does not have (those it has are blanked) that a question gives after a
    title, before what they said (`全国人大代表钟南山在文中提出了…`): a person, whatever unit
    the title names, is no speaker."""
    found = []
    for match in _NAME_AFTER_TITLE.finditer(blanked, 0, said_at):
        name = match.group(1)
        if name[0] in COMMON_SURNAMES and not dictionary_word(name):
            found.append(name)
    return found


def _unknown_mentions(blanked: str, index: CatalogIndex, said_at: int, says: Says | None = None) -> list[str]:
    """Units or people a question names, before what it asks they said, that are not in the
    catalog (a title some speaker holds, `区委书记`, names no one)."""
    unknown = []
    for match in _UNIT_MENTION.finditer(blanked, 0, said_at + 8):
        mention = match.group(1)
        if POSITION_END.search(mention):
            continue  # `村干部认为`: people of a kind (干部), no unit ending in 部
        core = _PLACE_PREFIX.sub("", mention) or mention
        if not any(core in u or u in mention or _abbreviated_in(core, u) for u in index.units):
            unknown.append(mention)
    for match in _PERSON_MENTION.finditer(blanked):
        if match.start() >= said_at:
            break
        name = match.group(1) or match.group(2)
        if match.group(1) and any(match.group() in label for label in index.labels):
            continue
        # a common family name; before a title (宣钜华老兵) any, where the name starts a clause
        opens = match.start() == 0 or blanked[match.start() - 1] in " ，。？！、；：“”"
        surnamed = name[0] in COMMON_SURNAMES or match.group(1) and opens and name[0] in SURNAMES
        if surnamed and not dictionary_word(name):  # `高级干部`: a word the dictionary knows, no name
            unknown.append(name)
        elif _a_known_name(name) and says is not None and not says(name):
            unknown.append(name)  # `温家宝说了什么？`: a rarer family name, a name jieba knows, printed nowhere
    if (m := _NAME_ASKED.match(blanked)) and says is not None:
        if (
            m.group(1)[0] in COMMON_SURNAMES and unknown_word_name(m.group(1)) or _a_known_name(m.group(1))
        ) and not says(m.group(1)):
            unknown.append(m.group(1))
    return list(dict.fromkeys(unknown))


def _a_known_name(word: str) -> bool:
    """Whether jieba's dictionary knows the word whole as a person's name (`温家宝`)."""
    return tagged_name(word) == word and word[0] in SURNAMES


# "What did Joe Biden say?": a capitalised name between the verb and a speech verb
_ENGLISH_PERSON_MENTION = re.compile(
    r"\b(?:did|does|do|has|have|had|will|would)\s+(?P<name>(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)\s+"
    r"(?:say|said|propose|mention|think|talk|speak|suggest|argue|claim|discuss|announce|ask|tell|explain|"
    r"describe|recommend|raise|respond|reply|answer)\b"
)
_ENGLISH_TITLE_WORDS = frozenset(w.lower() for w in EN_TITLES) | frozenset(
    "i mr mrs ms dr ceo cfo q and or of the a an what who which whose how why when where did does do".split()
)


def _unknown_english_people(blanked: str, says: Says | None) -> list[str]:
    """People an English question asks about by name that the catalog does not have
    (names it has are already blanked out) and no indexed text prints as written (`Apple's
    CEO`); offices and organisations are left to search."""
    unknown = []
    for match in _ENGLISH_PERSON_MENTION.finditer(blanked):
        words = match.group("name").split()
        if not EN_NOT_A_PERSON.intersection(w.rstrip(".") for w in words):
            if says is None or not says(" ".join(words)):
                unknown.append(" ".join(words))
    return unknown


# the words naming whom a question asks about: `What did the analyst from Barclays ask …`
_ASKED_WHO = re.compile(
    r"\b(?:did|does|do|has|have|had|will|would)\s+(?P<who>.+?)\s+(?:say|said|ask|asked|propose|mention|"
    r"think|talk|speak|suggest|argue|claim|discuss|announce|tell|explain)\b"
)
# an organisation the asked-about person is of: `from Barclays`, `of the Guangxi Military
# District`, `Barclays' analyst`, `Pop Mart's founder`
_CAPITALS = r"[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*"
# `According to the Fairhaven Policy Center, …`: whom the question cites
_ACCORDING_TO = re.compile(rf"\b[Aa]ccording to\s+(?:the\s+)?(?P<org>{_CAPITALS})(?=\s*,)")
# an organisation asked about itself: `What did the Federation of Small Businesses say…`
_ORGANISATION_ASKED = re.compile(
    r"(?:the\s+)?(?P<org>[A-Z][\w&.'’-]*(?:\s+(?:of|for|and|on)\s+[A-Z][\w&.'’-]*|\s+[A-Z][\w&.'’-]*)+)"
)
_OWNER = re.compile(rf"\b(?:from|of|at|with)\s+(?:the\s+)?(?P<org>{_CAPITALS})|(?P<owner>{_CAPITALS})['’]s?(?=\s)")


def _unknown_english_owners(
    blanked: str, index: CatalogIndex, says: Says | None, bridge: Callable | None = None
) -> list[str]:
    """Organisations an English question names the person it asks about by (`the analyst
    from Barclays`), cites (`According to the Fairhaven Policy Center`) or asks about (`What
    did the Federation of Small Businesses say…`), that no indexed
    text prints, in English or in translation, and no speaker's name, unit or title holds.
    A place an office is of (`the Mayor of Orlando`) is left to `_offices`."""
    if says is None:
        return []
    places = [m.group("place") for m in _ENGLISH_OFFICE.finditer(blanked)]
    named = (
        [  # (organisation, the office it was named with, where what is asked begins)
            (
                m.group("org") or m.group("owner"),
                asked.group("who")[: m.start()] + asked.group("who")[m.end() :],
                asked.end(),
            )
            for asked in _ASKED_WHO.finditer(blanked)
            for m in _OWNER.finditer(asked.group("who"))
        ]
        + [(m.group("org"), "", m.end()) for m in _ACCORDING_TO.finditer(blanked)]
    )
    asked_about = [  # by words a person's name never holds (`of`, `for`)
        m.group("org")
        for asked in _ASKED_WHO.finditer(blanked)
        if (m := _ORGANISATION_ASKED.fullmatch(asked.group("who")))
        and re.search(r"\s(?:of|for|and|on)\s", m.group("org"))
        and not _ENGLISH_OFFICE.search(m.group("org"))  # `the Governor of Ohio`: an office (`_offices`)
    ]
    unknown = [org for org in asked_about if not says(org) and not _printed_together(org, bridge)]
    for org, office, asked_end in named:
        org = org.rstrip(".")
        if any(org in p or p in org for p in places) or all(_not_a_name(w) for w in org.split()):
            continue
        if not says(org) and not _printed_in_translation(org, bridge) and not _romanised(org, index):
            if not _held_in_translation(office, blanked[asked_end:], index, says, bridge):
                unknown.append(org)
    return unknown


def _romanised(org: str, index: CatalogIndex) -> list[str]:
    """The Chinese speakers whose titles or units print an organisation an English question
    names in pinyin (`Anta Group` → 李玲, 安踏集团副总裁; `Ping An Property & Casualty
    Insurance` → 中国平安财产保险…): consecutive words of pinyin syllables, four letters or
    more, that a label spells syllable by syllable (`anta` is not in 西安台's xi-an-tai)."""
    words = [w.lower() for w in re.split(r"[\s&]+", org) if w]
    runs = {
        "".join(words[i:j])
        for i in range(len(words))
        for j in range(i + 1, len(words) + 1)
        if all(_PINYIN.fullmatch(w) for w in words[i:j])
    }
    runs = {r for r in runs if len(r) >= 4}
    if not runs:
        return []
    return index.holders(
        label
        for label, syllables in index.label_syllables
        if is_cjk(label[0]) and any(_spells(syllables, r) for r in runs)
    )


def _spells(syllables: tuple[str, ...], run: str) -> bool:
    """Whether two consecutive syllables or more spell `run` exactly (one, `ping`, is in
    too many labels: 平台, 和平)."""
    for i in range(len(syllables)):
        spelled = ""
        for j, syllable in enumerate(syllables[i:]):
            spelled += syllable
            if spelled == run and j >= 1:
                return True
            if not run.startswith(spelled) or spelled == run:
                break
    return False


def _title_holders(blanked: str, index: CatalogIndex) -> tuple[list[str], str]:
    """The English speakers whose title is the one a question asks about by itself (`What did
    the press secretary say…` → Karine Jean-Pierre, Press Secretary; `the FEMA Administrator`),
    two words or more, and the question with that title blanked out: who is asked about is no
    part of the topic."""
    holders = []
    for asked in _ASKED_WHO.finditer(blanked):
        who = re.sub(r"^(?:the|a|an)\s+", "", asked.group("who").strip(), flags=re.I).lower()
        if len(who.split()) < 2 or is_cjk(who[0]):
            continue  # one word (`the chair`, `the Speaker`) names a role many titles print otherwise
        if held := index.holders(label for label in index.labels if label.lower() == who):
            holders += held
            blanked = _blanked(blanked, *asked.span("who"))
    return list(dict.fromkeys(holders)), blanked


def _romanised_holders(blanked: str, index: CatalogIndex) -> list[str]:
    """The speakers of organisations an English question names in pinyin (`_romanised`) as
    whom it asks about (`What did Anta Group's vice president say…`, `What did Ping An … say`);
    not a place an office is of (`the Mayor of Qingdao`: `_offices`)."""
    holders = []
    for asked in _ASKED_WHO.finditer(blanked):
        if _ENGLISH_OFFICE.search(asked.group("who")):
            continue  # `the Mayor of Qingdao`: an office of a place (`_offices`)
        orgs = [m.group("org") or m.group("owner") for m in _OWNER.finditer(asked.group("who"))]
        for org in [*orgs, asked.group("who")]:
            holders += _romanised(org, index)
    return list(dict.fromkeys(holders))


def _held_in_translation(office: str, topic: str, index: CatalogIndex, says: Says, bridge: Callable | None) -> bool:
    """Whether an office an English question names with an organisation no text prints
    (`Pop Mart's founder`: 泡泡玛特, a brand no dictionary holds) is a Chinese speaker's, by
    evidence enough: a title prints the office in translation after an organisation's name
    (泡泡玛特创始人), and those speakers' speeches say every translated word of what is asked
    (`…compared with Disney`: 比, 迪士尼)."""
    offices = [t[1:] for t in bridge(tuple(content_tokens(office))) if isinstance(t, tuple)] if bridge else []
    asked = [t[1:] for t in bridge(content_tokens(topic)) if isinstance(t, tuple)] if bridge and offices else []
    if len(offices) != 1 or not asked:
        return False
    holders = [
        s.who.speaker
        for s in index.speeches
        if s.who.speaker and any(title.find(word) >= 2 for title in s.who.titles for word in offices[0])
    ]
    speeches = speeches_for(index, holders) if holders else frozenset()
    return bool(speeches) and all(any(says(word, speeches) for word in words) for words in asked)


# What may follow the person a question asks about: a verb of saying, an occasion, a topic.
_ASKED_ABOUT = re.compile(
    _both_scripts(
        rf"\s*(?:说|讲|谈|表示|认为|提|{_PROPOSING}|对|在|去|到|赴|怎|如何|就|关于|的(?:发言|讲话|看法|观点|表态|意见|建议)|"
        r"有(?:什么|何|哪些)|有[没沒]有|是否|会不会|会否|呢|[，,？?])"
    )
)
_ASKING_WHICH = re.compile(_both_scripts(r"(?:哪|哪些|哪几|哪位|哪个|哪一)\w?$"))
_POSITION_ZH = re.compile(rf"(?P<position>{POSITION})(?![长長])")  # 董事长, not 董事 before 长
_PERSON_NOUN_ZH = re.compile(rf"(?P<noun>{PERSON_NOUN})")


def _offices_and_descriptions(text: str, end: int) -> list[re.Match]:
    """Positions (`局长`) and descriptions of people (`学员`, `老兵`) before `end`, in order; a
    description never runs over a position (`保安局局长李家` is 局长 before the name 李家诚)."""
    positions = list(_POSITION_ZH.finditer(text, 0, end))
    taken = [(m.start(), m.end()) for m in positions]
    nouns = [m for m in _PERSON_NOUN_ZH.finditer(text, 0, end) if all(m.end() <= a or m.start() >= b for a, b in taken)]
    return sorted([*positions, *nouns], key=lambda m: m.start())


# characters that end the organisation before a position word (`哪位` `有` `的` are no organisation)
_NOT_ORGANISATION = frozenset(f"{_FUNCTION_CHARS}，。？！、 ")
_MAX_ORGANISATION = 20
_ORGANISATION_AT_END = re.compile(rf"(?:{ORGANISATION_END.pattern})$")
_SIMPLIFIED = {t: s for s, t in _TRADITIONAL.items()}


def _people_zh(
    blanked: str, index: CatalogIndex, said_at: int, says: Says | None
) -> tuple[list[str], list[str], list[str], str]:
    """The people and offices a Chinese question asks about — only the person it asks
    about: a verb of saying, an occasion or a topic follows. (people, offices) no indexed
    speaker is: a name printed with a title (`农夫山泉董事长钟睒睒`, `张艺谋导演`) that is no
    speaker's (the indexed ones are blanked out before this), and an office no speaker
    holds — of an organisation (`民政部养老服务司司长`, `保安局局長`; printed, in order, in
    some speaker's titles counts: `卫健委` in `卫生健康委员会`), or of words no indexed text
    prints (`华为轮值董事长`, `山西省晋城市市长`); (holders) the speakers whose titles print
    the office, its organisation perhaps abbreviated (`伊利的副总裁`: 内蒙古伊利实业集团股份有限公司副总裁);
    and the question with the offices those hold blanked out, as names are: who is asked
    about is no part of what they said."""
    people, offices, holders, held_at = [], [], [], []
    names = PageNames(blanked)
    for m in _offices_and_descriptions(blanked, said_at):  # before a name
        # the name the question then asks about: `百岁老人张仁和讲了…` is 张仁和, though 和 may join two names
        read = [n for n in (names.name_after(m.end()), _name_before_asking(blanked, m.end())) if n] or [""]
        name = next((n for n in read if _ASKED_ABOUT.match(blanked, m.end() + len(n))), read[0])
        if _ORGANISATION_AT_END.search(name):
            name = ""  # `这家公司对…`: an organisation (a follow-up's), not a person's name
        if not _ASKED_ABOUT.match(blanked, m.end() + len(name)):
            continue
        org, position = _organisation_before(blanked, m.start()), m.groupdict().get("position")
        if name and not _ASKING_WHICH.search(blanked, 0, m.start() - len(org)):  # `哪些議員和官員`: a kind
            people.append(org + m.group() + name)
            continue
        if not position:
            continue
        status = position in _STATUSES
        possessive = blanked[m.start() - 1 : m.start()] == "的"  # `伊利的副总裁`: 伊利's
        owner = org or (_organisation_before(blanked, m.start() - 1) if possessive else "")
        owner_at = m.start() - len(org) if org else m.start() - 1 - len(owner)
        kind = bool(_ASKING_WHICH.search(blanked, 0, owner_at))  # `哪个城市的负责人`: a kind, not one named
        # a status (`全国人大代表`) is held by many whose titles may not say so: asked of an
        # organisation named before 的 only
        skip = kind or _generic(owner) or status and not possessive
        if held := [] if skip else _office_holders(owner, position, index, status):
            holders += held
            held_at.append((owner_at, m.end()))
            continue
        asked_which = blanked[m.start() - len(org) - 1 : m.start() - len(org)] == "哪"  # `哪家酒企董事长`
        printed = says is None or asked_which or len(org) < 2 or says(org)
        # `中山零壹金服的负责人`: an organisation named before 的 whose office no speaker holds,
        # though the page may print it (a place visited, a company mentioned); not `哪家酒企的`
        owned = possessive and not status and len(owner) >= 2 and not _generic(owner) and not kind
        if _ORGANISATION_AT_END.search(org) or not status and not printed or owned:
            if not _office_held(owner, position, index.labels):
                offices.append((org or owner + "的") + position)
    for start, end in held_at:  # who is asked about, not what about
        blanked = _blanked(blanked, start, end)
    return list(dict.fromkeys(people)), list(dict.fromkeys(offices)), list(dict.fromkeys(holders)), blanked


def _generic(org: str) -> bool:
    """An organisation of a kind, not one named (`党委`, `区委`, `市政协`, `社区`): less than
    two characters before its ending."""
    ending = _ORGANISATION_AT_END.search(org)
    return len(org[: ending.start()] if ending else org) < 2


# positions that describe whoever speaks for an organisation rather than name an office its
# titles print (`长虹集团的负责人`: 柳江, its 党委书记、董事长; `…召回技术中心的专家`)
_ANY_HOLDER = frozenset({"负责人", "专家", "领导", "官员", "干部"})


def _office_holders(org: str, position: str, index: CatalogIndex, status: bool = False) -> list[str]:
    """Speakers whose titles print the position after the organisation or what it
    abbreviates (`伊利` of `内蒙古伊利实业集团股份有限公司`); for a position any of its
    people holds (`_ANY_HOLDER`), speakers whose titles or units print the organisation;
    for a `status` (`华东师范大学的委员`: held in another body, `全国政协委员`), speakers
    with that status whose titles or units print the organisation. Only an organisation
    named before 的 is asked about with a status."""
    org, position = _simplified(org), _simplified(position)

    def prints(title: str) -> bool:
        if position in _ANY_HOLDER or status:
            return _abbreviated_in(org, title)
        at = title.rfind(position)
        return at > 0 and _abbreviated_in(org, title[:at])

    def labels(who: Attribution) -> tuple[str, ...]:
        return (*who.titles, *who.units) if position in _ANY_HOLDER or status else who.titles

    def holds(who: Attribution) -> bool:
        return not status or any(position in _simplified(title) for title in who.titles)

    return list(
        dict.fromkeys(
            s.who.speaker
            for s in index.speeches
            if s.who.speaker and holds(s.who) and any(prints(_simplified(label)) for label in labels(s.who))
        )
    )


def _name_before_asking(text: str, start: int) -> str:
    """Two or three characters at `start`, led by a family name, that the question then asks
    about (`怀进鹏在…`)."""
    for size in (3, 2):
        name = text[start : start + size]
        named = (name[:1] in SURNAMES or size == 3 and unknown_word_name(name)) and not opens_with_joint(name)
        if len(name) == size and named and _ASKED_ABOUT.match(text, start + size):
            if not _ASKED_ABOUT.match(text, start + size - 1):  # `…对` is no name's last character
                return name
    return ""


def _organisation_before(text: str, end: int) -> str:
    """The run of characters before `end` that can name an organisation."""
    start = end
    while start > 0 and end - start < _MAX_ORGANISATION and text[start - 1] not in _NOT_ORGANISATION:
        if not is_cjk(text[start - 1]):
            break
        start -= 1
    return text[start:end]


def _office_held(org: str, position: str, labels: frozenset[str]) -> bool:
    """Whether some speaker's titles print the organisation (its characters in order, so an
    abbreviation counts) and the position."""
    org, position = _simplified(org), _simplified(position)
    anyone = position in _ANY_HOLDER  # `村干部`: whoever holds a post in a 村 (村党支部书记)
    return any((anyone or position in label) and _in_order(org, label) for label in map(_simplified, labels))


def _simplified(text: str) -> str:
    return "".join(_SIMPLIFIED.get(ch, ch) for ch in text)


def _in_order(short: str, long: str) -> bool:
    """Whether the characters of `short` occur in `long` in order (`卫健委` in `卫生健康委员会`)."""
    rest = iter(long)
    return all(ch in rest for ch in short)


# a person's name: two capitalised words or more, none a title or an organisation's word
_WORD_STOP = re.compile(r"\b([A-Za-z]+)\.(?=\s)")
_CAPITALISED_RUN = re.compile(r"(?<!^)(?<![.?!]\s)\b[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)+")


def _unknown_english_entities(
    blanked: str, index: CatalogIndex, says: Says | None, bridge: Callable[[tuple[str, ...]], tuple] | None = None
) -> list[str]:
    """People an English question names that no indexed text prints at all (`Treasury
    Secretary Steven Mnuchin`, `the veteran Li Guoqiang`): a run of two capitalised words
    or more, past the first word, with no title or organisation word, that is no indexed
    speaker's name (those are blanked out before this) and that no text says."""
    if says is None:
        return []
    unknown = []
    asked = [a.span("who") for a in _ASKED_WHO.finditer(blanked)]
    # what someone is asked to have said (`Who noted that a campus ranked ahead of Ivy League
    # schools?`): a name there is the asker's wording of it, no one whose speech is asked for
    claim = _CLAIM.search(blanked)
    # a title's full stop ends no sentence: `Dr. Theresa Tam` is one run (the same length)
    runs = _WORD_STOP.sub(lambda w: w.group(1) + (" " if _not_a_name(w.group(1)) else "."), blanked)
    for m in _CAPITALISED_RUN.finditer(runs):
        sayer = any(start <= m.start() < end for start, end in asked)  # the one asked what they said
        if not sayer and claim and m.start() > claim.start():
            continue
        if re.search(r"[’']s$", m.group()) and sayer:
            continue  # `Pop Mart's founder`: whose office is asked, an organisation (`_unknown_english_owners`)
        words = [re.sub(r"[’']s$", "", w) for w in m.group().split()]
        while words and words[-1] in _POST_NOMINALS:  # `Ms Gallafent QC`
            words.pop()
        cut = max((i + 1 for i, w in enumerate(words) if _not_a_name(w)), default=0)
        # (addressed by a surname alone, `Ms Gallafent`, the one asked what they said is a person too)
        subject = any(start == m.start() for start, _ in asked)  # (not `the counsel appearing with Mr Blake`)
        least = 1 if subject and cut and words[cut - 1].rstrip(".") in _ADDRESSES else 2
        words = words[cut:]  # `Homeland Security Secretary Alejandro Mayorkas`: the name after the title
        if len(words) >= least and all(_NAME_WORD.match(w) for w in words) and (sayer or not says(" ".join(words))):
            if not sayer and index.chinese and all(_PINYIN.fullmatch(w.lower()) for w in words):
                continue  # `What did Yao Ming tell Zhou Qi…`: a Chinese page prints 周琦 in characters
            if not _printed_in_translation(" ".join(words), bridge) and not _romanised(m.group(), index):
                unknown.append(" ".join(words))
    return unknown


_POST_NOMINALS = frozenset("QC KC SC MP MSP MLA MEP AM".split())
_ADDRESSES = frozenset("Mr Mrs Ms Miss Dr Sir Dame".split())
_CLAIM = re.compile(r"^\s*(?:who|which\b[^?]*?)\b[^?]*?\bthat\b", re.I)
_NAME_WORD = re.compile(r"(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]")  # `AI`, `UN`: an acronym is no name
# a word of toneless pinyin syllables (`zhou`, `qi`, `xiaoming`)
_PINYIN = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|er|a|o|e|i|u|v))+"
)


def _printed_in_translation(name: str, bridge) -> bool:
    """Whether every word of an English name has a translation the index holds (`Pop Mart`
    → 泡泡玛特, `Lin Zexu` → 林则徐): a Chinese page prints it in Chinese."""
    if bridge is None:
        return False
    terms = bridge(tuple(tokenize(name)))
    return bool(terms) and all(isinstance(term, tuple) for term in terms)


def _printed_together(name: str, bridge) -> bool:
    """Whether the index holds one Chinese word that translates every word of an English
    name but its organisation words, read in its order or with the part after `of` first
    (`Ministry of Commerce` → 商务部, `Chinese Academy of Sciences` → 中国科学院): the
    glossary joins translations of words in a row, and keeps only words the index holds.
    Each word printed somewhere apart is not enough (`Federation of Small Businesses`)."""
    if bridge is None:
        return False
    head, _, owner = name.partition(" of ")
    for order in [name] + ([f"{owner} {head}"] if owner else []):
        terms = bridge(tuple(tokenize(order)))
        if not terms or not all(isinstance(t, tuple) for t in terms):
            continue
        named = [t for t in terms if t[0] not in _ORGANISATION_TOKENS] or list(terms)
        if set.intersection(*(set(t[1:]) for t in named)):
            return True
    return False


def _not_a_name(word: str) -> bool:
    lower = word.lower()
    return lower in _ENGLISH_TITLE_WORDS or lower in EN_ORGANISATION_WORDS or word in EN_NOT_A_PERSON


def _unknown_places(question: str, index: CatalogIndex, says: Says | None) -> list[tuple[str, str]]:
    """Organisations a question names with their place (`江苏省政协主席…`, `海口市教育局…`)
    that no indexed speech has: every speaker line keeps the place a unit was printed with,
    so an indexed 三亚市教育局 is known by its titles even where the unit is listed as
    教育局, while 海口市教育局 is not indexed at all — nor is 江苏省政协 where only
    江苏省南通市政协 is. A district's unit (`朝阳区教育局`) is known the same way where some
    speaker's titles name the district; where none do, it counts as unknown unless `says`
    (whether any indexed text holds these words) finds the unit with its district (`湾区大党委`)."""
    unknown = []
    for m in _PLACED_UNIT.finditer(question):
        place, org = m.group("place"), m.group("org")
        if org and org not in _PLACE_SUFFIXES and not _printed(place, org, index):
            unknown.append((place + org, org))
    for m in _DISTRICT_UNIT.finditer(question) if says is not None else ():
        org, span = m.group("org"), m.group("place")
        if org in _PLACE_SUFFIXES:
            continue
        # the match starts where the run of Han characters does (`谁提出了湾区…`): the district
        # is one of its endings, of two characters or more before 区
        ending = len(next(e for e in ("街道", "区", "旗", "镇", "乡") if span.endswith(e)))
        places = [span[i:] for i in range(len(span) - ending - 2, -1, -1)]
        labelled = next((p for p in places if any(p in label for label in index.labels)), None)
        if labelled is not None:  # a district some speaker is from: does one print this unit of it?
            if not _printed(labelled, org, index):
                unknown.append((labelled + org, org))
        elif places and not any(says(span[i:] + org) for i in range(len(span) - 1)):
            unknown.append((places[0] + org, org))  # no speaker is from the district, and no text says the unit
    return unknown


def _printed(place: str, org: str, index: CatalogIndex) -> bool:
    """Whether some speaker's titles print `org` of `place` (`_printing`)."""
    return bool(_printing(place, org, index.labels))


def _printing(place: str, org: str, labels: Iterable[str]) -> set[str]:
    """The titles and units that print `org` of `place`, right after it (no other place
    between); the organisation's characters in order, so an abbreviation counts (卫健委 of
    卫生健康委员会, 大数据局 of 大数据发展管理局)."""
    core = re.escape(_PLACE_LEVEL.sub("", place) or place)  # 贵州省 → 贵州, not 贵 (州 ends names too)
    printed = re.compile(rf"{core}(?:省|市|县|区|自治区|自治州)?(?P<rest>.+)")
    return {label for label in labels if (m := printed.search(label)) and _abbreviates(org, m.group("rest"))}


def _placed_holders(question: str, blanked: str, index: CatalogIndex) -> list[str]:
    """The speakers of an organisation the question names with its place in other words
    than their titles print it (`贵州省大数据局`: 江阳, 贵州省大数据发展管理局副局长);
    organisations the question names as printed are matched already (blanked out)."""
    holders = []
    for m in _PLACED_UNIT.finditer(question):
        if blanked[m.start() : m.end()] != question[m.start() : m.end()]:
            continue
        holders += index.holders(_printing(m.group("place"), m.group("org"), index.labels))
    return list(dict.fromkeys(holders))


def _abbreviated_in(org: str, text: str) -> bool:
    """Whether `org`, or what it abbreviates, is printed somewhere in `text` (`发改委` in
    `武汉市发展和改革委员会`)."""
    return any(_abbreviates(org, text[i:]) for i in range(len(text)))


def _abbreviates(org: str, text: str) -> bool:
    """Whether `text` starts with `org`, or with what `org` abbreviates: its characters in
    order from the first, no place (省市县区) passed on the way that `org` does not hold."""
    if not org or not text.startswith(org[0]):
        return False
    position = 0
    for ch in org:
        found = text.find(ch, position)
        if found < 0 or any(c in _PLACE_SUFFIXES and c not in org for c in text[position:found]):
            return False
        position = found + 1
    return True


def _offices(
    question: str, index: CatalogIndex, says: Says | None, bridge: Callable | None = None
) -> tuple[list[str], list[tuple[str, str]]]:
    """Offices of a place an English question names (`the Governor of Ohio`): the indexed
    speakers holding it — an indexed text ties them to the place (`Governor DeWine of Ohio`,
    `Ohio Governor DeWine`), or one holder's own words name it, or a Chinese title prints
    it in translation (`the President of Cyprus`: 塞浦路斯总统) — and, as (phrase, office),
    those no indexed speaker holds."""
    holders, unknown = [], []
    for m in _ENGLISH_OFFICE.finditer(question) if says is not None else ():
        office, place = m.group("office").lower(), re.sub(r"['’]s$", "", m.group("place"))  # `…for Justice's`
        # `the Minister of Agriculture and Rural Affairs`: a ministry of two names, in translation
        # 农业农村部部长 (`and Senator Smith` joins a person: a title word follows `and`)
        more = m.group("more") or ""
        joined = f"{place} and {more}" if more and more.split()[0].lower() not in _ENGLISH_TITLE_WORDS else ""
        if joined and (translated := _translated_holders(office, joined, index, bridge)):
            holders += translated
            continue
        if (where := m.group("where")) and not any(where.lower() in label.lower() for label in index.labels):
            if not says(m.group()):  # no speaker is of that further place, and no text names the office so
                unknown.append((m.group(), office))
            continue
        if any(place.lower() in label.lower() and office in label.lower() for label in index.labels):
            continue  # `Governor of Ohio` is a speaker's label (`Windsor West`, a riding, holds no mayor)
        if translated := _translated_holders(office, place, index, bridge):
            holders += translated
            continue
        named = nearest_offices(office, index, limit=None)
        tied = [
            name
            for name in named
            if says(f"{office} {name.split()[-1]} of {place}") or says(f"{place} {office} {name.split()[-1]}")
        ]
        if not tied:  # the one holder whose own words name the place (`…here in New Mexico…`)
            tied = [name for name in named if says(place, speeches_for(index, [name]))]
            tied = tied if len(tied) == 1 else []
        holders += tied
        if not tied:
            unknown.append((f"{office.title()} of {place}", office))
    return holders, unknown


# a Chinese organisation an English question asks about by its place and kind: `What did the
# Harbin finance bureau say…`, `…the Chongqing CPPCC committee think…`
_ENGLISH_UNIT = re.compile(
    r"\b(?:did|does|do|has|have|had|would|will)\s+the\s+(?P<org>(?P<place>[A-Z][a-z]+)(?:\s+[A-Za-z]+){0,3}?\s+"
    r"(?:[Bb]ureau|[Dd]epartment|[Cc]ommission|[Cc]ommittee|[Gg]overnment|[Oo]ffice|[Mm]inistry|[Cc]ouncil|"
    r"[Aa]dministration|[Aa]uthority|[Ss]ecretary|[Mm]ayor|[Dd]irector|[Cc]hief))\b"
)


def _english_units(
    question: str, index: CatalogIndex, says: Says | None, bridge: Callable | None
) -> tuple[list[str], list[str], list[str]]:
    """(holders, known, unknown) of the organisations an English question names by a Chinese place
    and their kind: the speakers whose Chinese titles print it in translation (`the Huangshi
    city government`), and, where no speaker is from that place at all (no title or unit
    prints its translation: `the Harbin finance bureau`), the organisation as unknown. One
    an English text prints, or of a place an English label holds, is left to the English
    rules."""
    if says is None or bridge is None:
        return [], [], []
    holders, known, unknown = [], [], []
    for m in _ENGLISH_UNIT.finditer(question):
        org, place = m.group("org"), m.group("place")
        if _not_a_name(place) or says(org) or any(place.lower() in label.lower() for label in index.labels):
            continue
        places = [w for t in bridge(tuple(tokenize(place))) if isinstance(t, tuple) for w in t[1:]]
        if not places:
            # no text prints the place, in English or in a translation, and no title spells
            # it (海口 for `Haikou`): nobody of it speaks
            if not says(place) and not any(place.lower() in reading for reading in index.label_readings):
                unknown.append(org)
            continue
        kind = bridge(tuple(tokenize(org[len(place) :])))
        printing = {
            label
            for label in index.labels
            for word in places
            for printed in re.finditer(re.escape(word), label)
            if _prints_in_order(label, printed.end(), kind)
        }
        translated = all(isinstance(t, tuple) or t in _ORGANISATION_TOKENS for t in kind)
        if printing:
            holders += index.holders(printing)
            known.append(org)
        elif translated:  # every word translated, and no title prints them
            unknown.append(org)
    return holders, known, unknown


# a speaker an English question describes by a Chinese place or body: `the Shunde official
# who led the delegation`, `Which CPPCC member called…`
_DESCRIBED_BY = re.compile(
    r"\b(?:[Tt]he|[Ww]hich|[Aa])\s+(?P<name>[A-Z][\w-]*)\s+(?:official|member|deputy|delegate|representative|"
    r"leader|head|chief|expert|spokesperson|spokesman|executive|officer|legislator|lawmaker)s?\b"
)


def _described_holders(question: str, index: CatalogIndex, says: Says | None, bridge: Callable | None) -> list[str]:
    """The Chinese speakers an English question describes by a place or body their titles
    print in translation (`the Shunde official…` → 潘卓辉, 顺德区大良街道党工委委员; `Which CPPCC
    member…` → the speakers titled 政协…), where no English text or label prints the word."""
    if says is None or bridge is None:
        return []
    holders = []
    for m in _DESCRIBED_BY.finditer(question):
        name = m.group("name")
        if _not_a_name(name) or says(name) or name.lower() in index.english_words:
            continue
        words = [w for t in bridge(tuple(tokenize(name))) if isinstance(t, tuple) for w in t[1:] if len(w) >= 2]
        holders += index.holders(label for label in index.speakers_by_label if any(w in label for w in words))
    return list(dict.fromkeys(holders))


_TRANSLATION_GAP = 2  # characters a title may hold between translated words (发展和改革: 和 for `and`, a stop word)


def _prints_in_order(label: str, start: int, terms: Sequence[Term]) -> bool:
    """Whether `label` prints a translation of each translated term but an organisation's
    word from `start` on, in order, each within `_TRANSLATION_GAP` characters of the last
    (`development and reform commission` in 哈尔滨市发展和改革委员会主任, a place's 市 passed)."""
    position, last = start, ""
    for term in terms:
        if not isinstance(term, tuple) or term[0] in _ORGANISATION_TOKENS:
            continue  # an organisation's word (`bureau`) has many renderings (局, 署, 办公室): its kind is no evidence
        if last in term[1:]:
            continue  # two words translated together (`public security`: 公安)
        words = [w for w in term[1:] if len(w) >= 2]  # 育 alone (of `education`) is no evidence
        found = [(at, w) for w in words if 0 <= (at := label.find(w, position)) <= position + _TRANSLATION_GAP]
        if not found:
            return False
        at, last = min(found, key=lambda f: (f[0], -len(f[1])))
        position = at + len(last)
    return True


def _translated_holders(office: str, place: str, index: CatalogIndex, bridge: Callable | None) -> list[str]:
    """Speakers whose Chinese title begins with the place (or organisation) an English
    question names, in translation, and goes on with the office or that organisation's
    ending: `the director of the Qingdao Ocean Development Bureau` → 青岛市海洋发展局局长,
    `the President of Cyprus` → 塞浦路斯总统. Most of the place's words must translate; each
    word the glossary lacks (`Commission`, `Rural`) may stand for up to two characters
    (中央金融工委, 农业农村部), and an organisation's word (`Affairs`) may go untranslated:
    `the Minister of Agriculture and Rural Affairs` is 农业农村部部长. `the President of
    China` is not 中国人民大学校长: no ending follows 中国."""
    if bridge is None:
        return []
    words = tokenize(place)
    terms = bridge(tuple(words))
    lacking = sum(not isinstance(t, tuple) for t in terms)
    if lacking == len(terms) or lacking * 2 > len(words):
        return []
    offices = next((t[1:] for t in bridge(tuple(tokenize(office))) if isinstance(t, tuple)), ())
    return list(
        dict.fromkeys(
            s.who.speaker
            for s in index.speeches
            if s.who.speaker
            and any(
                rest.startswith(offices) or ORGANISATION_END.match(rest)
                for label in s.who.titles
                for rest in _after_translation(label, terms)
            )
        )
    )


_ORGANISATION_TOKENS = frozenset(tokenize(" ".join(EN_ORGANISATION_WORDS)))
_LACKING_CHARACTERS = 2  # a word the glossary lacks stands for at most this many (农村 of `Rural`)


def _after_translation(label: str, terms: Sequence[Term], position: int = 0, printed: bool = False) -> Iterator[str]:
    """What a title may hold after the place's words (`terms`, as the bridge gives them), found
    in order from its start with only place suffixes (市, 省) after a translated word, each
    untranslated word standing for a few characters or none, an organisation's word after a
    printed one for its translation, a few characters or none (`Universities UK` is no title
    without 大学)."""
    if not terms:
        if printed:
            yield label[position:]
        return
    term, rest = terms[0], terms[1:]
    if isinstance(term, tuple):
        for word in sorted(term[1:], key=len, reverse=True):
            if label.startswith(word, position):
                end = position + len(word)
                yield from _after_translation(label, rest, end, True)  # 黄石市 + 市长: no suffix
                while end < len(label) and label[end] in _PLACE_SUFFIXES:
                    end += 1
                    yield from _after_translation(label, rest, end, True)
        if not (printed and term[0] in _ORGANISATION_TOKENS):
            return
    # a word the glossary lacks, or an organisation's word after a printed one (工委 for
    # 工作委员会): a few characters or none
    for skipped in range(_LACKING_CHARACTERS + 1):
        if position + skipped <= len(label):
            yield from _after_translation(label, rest, position + skipped, printed)


def nearest_offices(office: str, index: CatalogIndex, limit: int | None = 5) -> list[str]:
    """Indexed speakers holding an office of the same name (`Governor Mills`), to suggest."""
    return list(
        dict.fromkeys(
            s.who.speaker
            for s in index.speeches
            if s.who.speaker and any(office in label.lower() for label in (*s.who.titles, *s.who.roles))
        )
    )[:limit]


def nearest_units(org: str, index: CatalogIndex, limit: int = 5) -> list[str]:
    """Indexed units of the same organisation as an unknown one (`教育局` for 海口市教育局),
    else of the same kind (`…局`), with a speaker each: what to suggest instead."""
    kind = next((k for k in _ORG_ENDINGS if org.endswith(k)), "")
    for ending in dict.fromkeys(e for e in (org, kind) if e):
        found = list(
            dict.fromkeys(
                f"{unit} {speech.who.speaker}"
                for speech in index.speeches
                if speech.who.speaker
                for unit in speech.who.units[:1]
                if unit.endswith(ending)
            )
        )
        if found:
            return found[:limit]
    return []


def speeches_for(index: CatalogIndex, speakers=(), units=(), doc_ids=()) -> frozenset[str]:
    """Speech keys of the given speakers OR units (all speeches when neither is given),
    within the given documents (if any)."""
    keys = (
        index.keys("speaker", speakers) | index.keys("unit", units)
        if speakers or units
        else {s.key for s in index.speeches}
    )
    return frozenset(keys & index.keys("doc", doc_ids) if doc_ids else keys)


def _speaker_of_unit(value: str, index: CatalogIndex, people: People) -> set[str] | None:
    """The speeches a filter value `name（unit）` names — one of two people of the same name
    (`qa.speakers.speaker_choices`: that person's speeches, `qa.people`) — or None when the
    value is not of that form."""
    m = re.fullmatch(r"\s*(.+?)（(.+)）\s*", value)
    if not m or m.group(1) not in index.speakers:
        return None
    name, unit = m.groups()
    person = (name, people.unit(unit))  # `陈明（教育局）`: as the catalog counts 教育局
    return {s.key for s in index.speeches if people.person(s.who) == person}


def match_filter_values(values: Sequence[str], names: Sequence[str]) -> list[str]:
    """Catalog names selected by user-typed filter values (exact, else substring either way)."""
    chosen = []
    for value in (v.strip() for v in values if v and v.strip()):
        exact = [n for n in names if n == value]
        chosen += exact or [n for n in names if value in n or (len(n) >= 2 and n in value)]
    return list(dict.fromkeys(chosen))


def _values(value: str | Sequence[str]) -> list[str]:
    return [v for v in ([value] if isinstance(value, str) else value) if v and v.strip()]


def resolve(
    question: str,
    catalog: Sequence[CatalogSpeech] | CatalogIndex,
    conversation: Conversation | None = None,
    *,
    speaker: str | Sequence[str] = (),
    unit: str | Sequence[str] = (),
    doc_id: str | Sequence[str] = (),
    since: str = "",
    until: str = "",
    today: dt.date | None = None,
    says: Says | None = None,
    bridge: Callable[[tuple[str, ...]], tuple[Term, ...]] | None = None,
    people: People | None = None,
    timed: bool = True,
) -> Resolution:
    """Understand a question against the catalog of indexed speeches (or its index,
    `catalog_index`, built once per catalog). `since`/`until`: ISO
    dates the meetings must lie between; a time the question names narrows further. `says`
    tells whether any indexed text holds some words (to know a district or a place of an
    office the index never mentions). `bridge` gives an English topic's Chinese translations
    (`Library.bridged`). `people`: the catalog's (`qa.people.people_of`; built here when not given).
    Not `timed`: a year the question names is words of what was said, which the evidence
    must print (`…at the UN General Assembly in 2008?`), not when the meeting was."""
    question = _UNIT_ALIAS.sub("", question)
    language = language_of(question)
    index = catalog if isinstance(catalog, CatalogIndex) else CatalogIndex.build(catalog)
    people = people or People.build(index.speeches)
    speeches = index.speeches
    quotes_out = QUOTED.sub(lambda m: " " * len(m.group()), question)  # a quoted phrase is words to find
    asked, unquoted = period_in(quotes_out, index.dates, today or dt.date.today())  # `最近一次会上`: when
    time_said = ()
    if not timed and asked is not None:
        time_said, asked, unquoted = asked.printed, None, quotes_out
    untimed = "".join(" " if t == " " != u else q for q, u, t in zip(question, quotes_out, unquoted))
    periods = tuple(p for p in (given_period(since, until), asked) if p)
    named_speakers, named_units, blanked = _matches(unquoted, index, says)
    people_named = [n for n in named_speakers if n not in index.role_names]  # by name, not by a role alone
    named_speakers = _relatives(unquoted, named_speakers, index)
    if language == "zh":
        said_at = _saying_at(blanked)  # who is asked about comes before what they said
        strangers, offices, office_holders, blanked = _people_zh(blanked, index, said_at, says)
        strangers = [*strangers, *_titled_strangers(blanked, said_at)]
        by_office = [*office_holders, *_placed_holders(unquoted, blanked, index)]
        unknown = [*_unknown_mentions(blanked, index, said_at, says), *offices]
    else:
        strangers = [
            *_unknown_english_people(blanked, says),
            *_unknown_english_entities(blanked, index, says, bridge),
            *_unknown_english_owners(blanked, index, says, bridge),
        ]
        unknown = []
    unknown = list(dict.fromkeys([*strangers, *unknown]))
    if placed := _unknown_places(unquoted, index, says) if language == "zh" else []:
        # `江苏省政协` is not the indexed 浙江省政协 its `政协` matched
        named_units = [u for u in named_units if not any(form in p for p, _ in placed for form in _unit_forms(u))]
        unknown = list(dict.fromkeys([*(p for p, _ in placed), *unknown]))
    holders, offices = _offices(unquoted, index, says, bridge) if language == "en" else ([], [])
    unit_holders, known_units, foreign_units = (
        _english_units(unquoted, index, says, bridge) if language == "en" else ([], [], [])
    )
    described = _described_holders(unquoted, index, says, bridge) if language == "en" else []
    by_office = list(dict.fromkeys(by_office if language == "zh" else [*holders, *unit_holders, *described]))
    # an organisation a title prints in translation is known, though no text prints its English name
    unknown = [u for u in unknown if not any(u in org or org in u for org in known_units)]
    named_speakers = list(dict.fromkeys([*named_speakers, *by_office]))  # `the Governor of Ohio` is DeWine
    unknown = list(dict.fromkeys([*(p for p, _ in offices), *foreign_units, *unknown]))
    if language == "en" and not (named_speakers or named_units or unknown):
        # a title English speakers hold (`the press secretary`), else an organisation in pinyin
        named_speakers, blanked = _title_holders(blanked, index)
        named_speakers = named_speakers or _romanised_holders(blanked, index)
    unknown = [u for u in unknown if not any(v != u and u in v for v in unknown)]  # `张艺谋导演`, not `张艺谋` too
    suggestions = tuple(
        dict.fromkeys(
            [
                *(u for _, org in placed for u in nearest_units(org, index)),
                *(s for _, office in offices for s in nearest_offices(office, index)),
            ]
        )
    )
    blanked = "".join(q if u == " " else b for q, b, u in zip(untimed, blanked, unquoted))  # quotes back
    follow_up = False
    if (
        not (named_speakers or named_units or unknown)
        and conversation
        and conversation.last_speakers
        and _PRONOUN.search(question)
    ):
        plural = re.search(r"他们|她们|\bthey\b|\bthem\b|\btheir\b", question, re.I)
        named_speakers = conversation.last_speakers if plural else conversation.last_speakers[:1]
        follow_up = True

    topic = content_tokens(blanked)
    phrases = said_phrases(question)
    # a speaker or unit filter the asker chose acts like naming them in the question
    about_someone = bool(named_speakers or named_units or follow_up or _values(speaker) or _values(unit))
    if about_someone and (_SAID.search(question) or not topic):
        intent = "said"  # 陈明提了哪些举措？ / 教育局呢？: that speaker's points
    elif _WHICH.search(question):
        intent = "which"
    elif _WHO.search(question):
        # `谁提到了“问题清单”？` asks for everyone who said it: the quoted words are all it asks
        intent = "which" if phrases and set(topic) <= set(content_tokens(" ".join(phrases))) else "who"
    else:
        intent = "ask"
    # `Who said it isn't fair for Senator Leichter…?`, `Which members challenged Gregory
    # Campbell's argument…?`: asked who, a person the question names after asking is what was
    # said about, not who said it — words to find, and no answer (`陈明提出了哪些建议？`
    # names the speaker first: a filter)
    asking = (_WHICH.search(unquoted) or _WHO.search(unquoted)) if intent in ("who", "which") else None
    # `What did the commander of … say about Sun Hongxiu's birthday?`: asked about an office
    # no speaker holds, a person named after the verb of saying is what was said about
    said_about = _ASKED_WHO.search(unquoted) if language == "en" and unknown and asking is None else None
    talked_about = ()
    if (boundary := asking or said_about) is not None and not follow_up:
        written = {n: _written_forms(unquoted, n, index) for n in named_speakers if n in people_named}
        talked_about = tuple(
            n for n, forms in written.items() if _first_written(unquoted, forms, index) >= boundary.end()
        )
    if talked_about:
        named_speakers = [n for n in named_speakers if n not in talked_about]
        topic = tuple(dict.fromkeys([*topic, *content_tokens(" ".join(f for n in talked_about for f in written[n]))]))
    if asking is not None and not follow_up and language == "en" and named_units:
        # `Who said that Hong Kong and Nansha working together could…`: a unit named after the
        # verb of saying is what was said (its words to find), not whose speeches to search
        said_at = _ENGLISH_SAYING.search(unquoted, asking.end())
        places = {u: _written_forms(unquoted, u, index, "unit") for u in named_units} if said_at else {}
        said_units = [u for u, forms in places.items() if _first_written(unquoted, forms, index) >= said_at.end()]
        named_units = [u for u in named_units if u not in said_units]
        topic = tuple(dict.fromkeys([*topic, *content_tokens(" ".join(f for u in said_units for f in places[u]))]))

    selections = []  # every given filter narrows; one that matches nothing selects nothing
    if named_speakers or named_units:
        selections.append(speeches_for(index, named_speakers, named_units))
    if _values(speaker) or _values(unit):
        placed = {v: _speaker_of_unit(v, index, people) for v in _values(speaker)}  # 陈明（海口市交通局）
        chosen_speakers = match_filter_values([v for v, keys in placed.items() if keys is None], index.speakers)
        chosen_units = match_filter_values(_values(unit), index.units)
        chosen = set().union(*(keys for keys in placed.values() if keys is not None))
        if chosen_speakers or chosen_units:
            chosen |= speeches_for(index, chosen_speakers, chosen_units)
        selections.append(frozenset(chosen))
    if _values(doc_id):
        selections.append(speeches_for(index, doc_ids=_values(doc_id)))
    for period in periods:
        selections.append(frozenset(s.key for s in speeches if period.holds(s.date)))
    if strangers or unknown and not (named_speakers or named_units or talked_about and asking is not None):
        selections.append(frozenset())  # a person who is no speaker: whatever units the question names
    keys = frozenset.intersection(*selections) if selections else None

    return Resolution(
        question=question,
        language=language,
        intent=intent,
        speakers=tuple(named_speakers),
        by_office=tuple(n for n in by_office if n in named_speakers),
        talked_about=talked_about,
        time_said=time_said,
        units=tuple(named_units),
        unknown=tuple(unknown),
        speeches=keys,
        follow_up=follow_up,
        topic=topic,
        filtered=bool(_values(speaker) or _values(unit) or _values(doc_id)),
        suggestions=suggestions,
        phrases=phrases,
        periods=periods,
        # (a question that asks who is no yes-or-no question, whatever it embeds: `哪位…建议…看画面是否卡顿？`)
        asks_whether=bool(_WHETHER.search(question.strip())) and not _WHO.search(question),
        # a time alone (`in 2025`) does not make a question one about who said what
        about_speech=intent != "ask" or about_someone or bool(_values(doc_id)) or bool(_SAID.search(question)),
        bridged=bridge(topic) if bridge is not None and language == "en" and topic else (),
        people=people,
    )
