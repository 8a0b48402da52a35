"""Speaker labels → name, titles, units and roles. Pure functions, no I/O.

Chinese digests print a speaker line `unit+title name` (`三亚市教育局党委书记 吴萍`,
`山东省济南市政协主席 雷 杰`); turn transcripts print a label before a colon
(`王芳（市商务局局长）`, `Candy Crowley`, `The Chair (Hon. Anthony Rota (Nipissing, Lib.))`).
A name only ever comes from that printed text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from index.records import Attribution
from index.text import CJK_RANGES, has_han
from index.vocabulary import ORGANISATION_END, POSITION

_NAME_RE = re.compile(
    f"[{CJK_RANGES}][{CJK_RANGES}·•]{{1,15}}"
)  # 2-4 chars, longer with a separator: 阿卜杜赛义德·库奇莫夫
_SENTENCE_PUNCT = re.compile(r"[。，；！？,;!?：:]")
_TITLE_SEPARATORS = re.compile(r"[、，,/]")
_MAX_SPEAKER_LINE = 80

# ---- Chinese: one title phrase → (unit, role) --------------------------------------

_SECRETARY = r"(?:常务|專職|专职|常務)?副?[书書]+[记記]"  # 书+: tolerates the printed typo 书书记
_AREA_COMMITTEE_ROLE = re.compile(rf"(?P<tail>[省市县区縣區])委{_SECRETARY}$")  # 海棠区委书记
_COMMITTEE_ROLE = re.compile(rf"(?P<committee>党工委|党委|党组|工委|党总支|党支部|黨委|黨組)?{_SECRETARY}$")
_HEAD_ROLE = re.compile(r"副?(?P<tail>[局司部厅廳处處院所市县縣区區省镇鎮厂廠行社站队隊团團])[长長]$")
_PLAIN_ROLE = re.compile(
    r"(?:常务|常務|执行|執行)?副?(?:主席|主任|委员|委員|议员|議員|秘书长|秘書長|会长|會長|理事长|理事長"
    r"|董事长|董事長|总经理|總經理|经理|經理|总裁|總裁|总监|總監|主编|主編|校长|校長|代表|主持人|教授|研究员|研究員|院士)$"
)
_PARTY_COMMITTEE_IN = re.compile(r"[省市县区縣區]委")
_MODIFIERS = re.compile(r"(?:总|總|副|常务|常務|专职|專職|执行|執行|首席|名誉|名譽)+")
_POSITION_TAIL = re.compile(rf"{POSITION}(?:(?:兼|和|及){POSITION})*$")
_STUTTER = re.compile(r"([书書])\1+")


def split_title(title: str) -> tuple[str, str]:
    """One Chinese title phrase → (unit, role); ("", "") when no known position ends it.

    `海棠区委书记` → (海棠区, 区委书记); `食物及衞生局局長` → (食物及衞生局, 局長);
    `教育局党委书记` → (教育局, 党委书记); `浙江省政协主席` → (浙江省政协, 主席).
    A 工委 named after a body of a party committee is itself the unit:
    `市委两新组织工委书记` → (市委两新组织工委, 书记)."""
    phrase = re.sub(r"\s+", "", title)
    if m := _AREA_COMMITTEE_ROLE.search(phrase) or _HEAD_ROLE.search(phrase):
        head, tail = phrase[: m.start()], m.group("tail")
        unit = head if not head or head.endswith(tail) else head + tail
        return unit, _STUTTER.sub(r"\1", m.group())
    if m := _COMMITTEE_ROLE.search(phrase):
        head, committee = phrase[: m.start()], m.group("committee") or ""
        role = _STUTTER.sub(r"\1", m.group())
        if _MODIFIERS.fullmatch(head):  # 总书记, 副书记: a position, no unit
            return "", head + role
        if committee.endswith("工委") and _PARTY_COMMITTEE_IN.search(head):
            return head + committee, role[len(committee) :]
        return head, role
    if m := _PLAIN_ROLE.search(phrase):
        return _organisation(phrase[: m.start()]), m.group()
    if m := _POSITION_TAIL.search(phrase):
        return _organisation(phrase[: m.start()]), m.group()
    return "", ""


def _organisation(head: str) -> str:
    """A title's head cut after the organisation it names: `北京大学哲学社会科学一级` →
    北京大学, `得到APP` stays (no organisation word: the head is the name). An organisation
    is two characters or more (`委内瑞拉` holds no `委`)."""
    ends = [m.end() for m in ORGANISATION_END.finditer(head) if m.end() >= 2]
    return head[: ends[-1]] if ends and ends[-1] < len(head) else head


# ---- Chinese: units in the context of a whole document -----------------------------

_PLACE_SUFFIX = frozenset("省市县区縣區")
_PLACE_CHAIN = re.compile(f"[{CJK_RANGES}]{{1,6}}?(?:自治区|自治州|[省市县区縣區])")


def shared_place(titles: list[str]) -> str:
    """The place name most titles of a document start with (`三亚`), or "".

    Found as the longest prefix shared by more than half of the titles (at least two),
    cut after its first place suffix (`三亚市委` → `三亚市`). A prefix without a suffix
    counts as a place only if some title continues it with one (`三亚` + `市教育局`), or
    most continue it with a district (`三亚` + `海棠区委书记`)."""
    titles = [re.sub(r"\s+", "", t) for t in titles if t.strip()]
    prefix = ""
    for size in range(2, 16):
        counts = Counter(t[:size] for t in titles if len(t) > size)
        if not counts:
            break
        candidate, count = counts.most_common(1)[0]
        if count < 2 or 2 * count <= len(titles):
            break
        prefix = candidate
    cut = next((i for i, ch in enumerate(prefix) if i > 0 and ch in _PLACE_SUFFIX), None)
    if cut is not None:
        return prefix[: cut + 1]
    if prefix and any(t.startswith(prefix) and t[len(prefix) :][:1] in _PLACE_SUFFIX for t in titles):
        return prefix
    districts = sum(bool(_PLACE_CHAIN.match(t[len(prefix) :])) for t in titles if t.startswith(prefix))
    if prefix and 2 * districts > len(titles):  # `三亚` + `海棠区委书记`, `吉阳区委书记`, …
        return prefix
    return ""


def drop_place(unit: str, place: str) -> str:
    """`unit` without the document's shared `place` (and a following 市/省/县), never leaving
    a unit that starts with 委: `三亚市教育局` → `教育局`, `三亚市委两新组织工委` → `市委两新组织工委`.
    A district printed after the place without its suffix loses the place too: with place
    `三亚市`, `三亚海棠区` → `海棠区` (but `北京大学` stays whole under `北京市`)."""
    if place[-1:] in _PLACE_SUFFIX and not unit.startswith(place) and unit.startswith(place[:-1]):
        rest = unit[len(place) - 1 :]
        return rest if _PLACE_CHAIN.match(rest) else unit
    if not place or not unit.startswith(place) or unit == place:
        return unit
    rest = unit[len(place) :]
    if rest[0] in _PLACE_SUFFIX:
        if len(rest) == 1:
            return unit
        if rest[1] != "委":
            rest = rest[1:]
    if rest.startswith("委"):
        rest = place[-1] + rest
    return rest


def innermost_unit(unit: str) -> str:
    """The unit under its innermost place: `山东省济南市政协` → `济南市政协`,
    `安徽省蚌埠市蚌山区政协` → `蚌山区政协`; unchanged without a chain of places."""
    places, pos = [], 0
    while m := _PLACE_CHAIN.match(unit, pos):
        places.append(m.group())
        pos = m.end()
    if len(places) < 2:
        return unit
    return places[-1] + unit[pos:]


def describe_chinese(name: str, titles: tuple[str, ...], place: str = "") -> Attribution:
    """Name and title phrases → Attribution, units relative to the document's shared place."""
    units: list[str] = []
    roles: list[str] = []
    for title in titles:
        unit, role = split_title(title)
        if unit:
            unit = drop_place(unit, place)
            units += [unit, innermost_unit(unit)]
        if role:
            roles.append(role)
    return Attribution(name, titles, _unique(units), _unique(roles))


def split_speaker_line(line: str, *, unspaced: bool = False) -> tuple[str, tuple[str, ...]] | None:
    """A Chinese speaker line `titles name` → (name, titles), or None if it is not one.

    The name is the last word (2-4 characters; `雷 杰` printed with a space is joined);
    the titles before it, split at 、, must end with a known position. With `unspaced`
    (for lines whose place in the document already marks them as speaker lines), a line
    printed without the space is read too: `三亚吉阳区委书记陈明` → 陈明, when the name
    starts with a common surname right after the position."""
    if len(line) > _MAX_SPEAKER_LINE or _SENTENCE_PUNCT.search(line):
        return None
    words = line.split()
    if len(words) < 2:
        return _split_unspaced(line.strip()) if unspaced and words else None
    if len(words) >= 3 and len(words[-1]) == len(words[-2]) == 1:
        name, words = words[-2] + words[-1], words[:-2]
    else:
        name, words = words[-1], words[:-1]
    if not _NAME_RE.fullmatch(name) or len(name) > 4 and "·" not in name:
        return None
    return (name, titles) if (titles := _position_titles(" ".join(words))) else None


def _position_titles(text: str) -> tuple[str, ...]:
    """The title phrases of `text` split at 、, or () unless they are Chinese and the last
    ends with a known position."""
    titles = tuple(t.strip() for t in _TITLE_SEPARATORS.split(text) if t.strip())
    if not titles or not all(has_han(t) for t in titles) or not split_title(titles[-1])[1]:
        return ()
    return titles


# The most common Chinese surnames (simplified and traditional), which cover nearly every
# name printed in meeting records; a name glued to a position must start with one.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
    "莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅"
    "童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项"
    "连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞"
    "敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜阚权强帅"
    "屠朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫"
    "杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公湛宾戎勾茅利於呼居揭干尉斯元束檀衣信展阴昝智幸奉衡富尧习郄洪赖阎贝鄂钮汲荀"
    "張劉陳楊黃趙吳孫馬許韓馮鄧蔣葉蘇呂盧鍾譚陸賈韋鄒錢嚴湯溫齊喬龐顏聶歐關寧紀單塗駱藍遊鮑饒時農車項蘆"
    "婁竇衛閔鄔邊欒鞏鄺談鄭羅謝蕭龔賴潘麥梁"
)
# The commonest of them, for questions (qa.resolve): there the two or three characters
# before 说/提/书记 are more often not a name.
COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆"
    "汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤鲁符葛蓝吉盛侯凌"
    "陳劉張黃趙吳鄭謝許韓馮鄧蕭葉蘇盧鍾譚陸龔錢湯麥羅楊孫單廖蔣"
)
COMPOUND_SURNAMES = tuple(
    "欧阳 歐陽 司马 司馬 诸葛 諸葛 上官 东方 東方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 夏侯 端木 申屠 司徒".split()
)


def family_name_length(name: str) -> int:
    """How many characters of a Chinese name are the family name: 2 for 欧阳/司马/…, else 1."""
    return 2 if name.startswith(COMPOUND_SURNAMES) else 1


def _split_unspaced(line: str) -> tuple[str, tuple[str, ...]] | None:
    """`三亚吉阳区委书记陈明` → (陈明, (三亚吉阳区委书记,)): a 2-4 character name that starts
    with a surname, right after title phrases ending with a known position."""
    for size in (3, 2, 4):
        name, head = line[-size:], line[:-size]
        if size == 4 and not name.startswith(COMPOUND_SURNAMES):
            continue
        if _NAME_RE.fullmatch(name) and (name[0] in SURNAMES or name.startswith(COMPOUND_SURNAMES)):
            if titles := _position_titles(head):
                return name, titles
    return None


def describe_speaker_lines(lines: list[str]) -> list[Attribution | None]:
    """Every speaker line of one document → Attribution (None where a line is not one),
    with the place most lines share dropped from the units."""
    parsed = [split_speaker_line(line, unspaced=True) for line in lines]
    place = shared_place([p[1][0] for p in parsed if p])
    return [describe_chinese(p[0], p[1], place) if p else None for p in parsed]


# ---- turn labels (both languages) ---------------------------------------------------

_BARE_ROLE_LABELS = {"Host", "Interviewer", "Interviewee", "Narrator", "Announcer", "Emcee", "Presenter"}
_ROLE_WORDS = (
    r"(?:Acting\s+|Deputy\s+|Vice\s+)?(?:Chair(?:man|woman|person)?|Speaker|Moderator|Presiding Officer|Clerk)"
)
_ENGLISH_ROLE_LABEL = re.compile(rf"(?:The\s+)?(?P<role>{_ROLE_WORDS})(?:\s*\((?P<inner>.+)\))?")
# … in any case, or a host's, with the person in brackets (`MODERATOR (TOM)`, `HOST (Jane Doe)`)
_ENGLISH_ROLE_NAMED = re.compile(
    rf"(?i:the\s+)?(?P<role>(?i:{_ROLE_WORDS}|host|co-host|interviewer|anchor))\s*\((?P<inner>[A-Z][^()]*)\)"
)
_HONORIFIC = re.compile(
    r"(?:(?:Right|Rt\.?)\s+Hon\.?|Hon\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Mx\.?|Dr\.?|Prof\.?|Professor|Sir|Dame|Rev\.?|Reverend|Father"
    r"|(?i:Shri|Smt|Kumari|Sushri|Mnr|Mev|Rre|Mme|Alhaji|Alhaja)\.?)\s+"  # (India's, South Africa's, West Africa's)
)
_POLITE = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Mx", "Mx."}
_POST_NOMINAL = re.compile(r"\s+(AM|MS|MP|MSP|MLA|MEP|QC|KC)$")
_TRAILING_PAREN = re.compile(r"\s*[（(]((?:[^()（）]|\([^()]*\))+)[)）]$")
_CONSTITUENCY = re.compile(
    r".+(?:,\s*|\s*[—–]\s*)[A-Z][A-Za-z]{0,5}\.?"
)  # `Carleton, CPC`, `Nipissing, Lib.`, `Redcliffe—ALP`
_CLOCK = re.compile(r"\d{1,2}[.:]\d{2}(?:\s*[ap]\.?m\.?)?", re.I)  # when the speech began: `(11.37 am)`, `(14:05)`


def describe_label(label: str, place: str = "") -> Attribution:
    """A turn label (the text before the colon) → Attribution; the name is never empty."""
    label = label.strip()
    if has_han(label):
        return _describe_chinese_label(label, place)
    return _describe_english_label(label)


def describe_labels(labels: list[str]) -> dict[str, Attribution]:
    """Every distinct turn label of one document → Attribution, with the place most Chinese
    titles share dropped from units and bare role labels resolved (`resolve_bare_roles`)."""
    distinct = list(dict.fromkeys(labels))
    first_titles = [i.titles[0] for i in map(describe_label, distinct) if i.titles and has_han(i.titles[0])]
    place = shared_place(first_titles)
    return dict(zip(distinct, resolve_bare_roles([describe_label(label, place) for label in distinct])))


def _describe_chinese_label(label: str, place: str) -> Attribution:
    """`王芳（市商务局局长）`, `市商务局局长 王芳`, `主持人`, `郭家麒`."""
    if m := _TRAILING_PAREN.search(label):
        titles = tuple(t.strip() for t in _TITLE_SEPARATORS.split(m.group(1)) if t.strip())
        return describe_chinese(label[: m.start()].strip(), titles, place)
    if parsed := split_speaker_line(label, unspaced=True):
        return describe_chinese(*parsed, place)
    unit, role = split_title(label)
    if not role:
        return Attribution(label)
    # a title-only label names the speaker by office (`食物及衞生局局長`); before 主席,
    # 議員 and the like the head may be a person (`郭家麒議員`), so it is no unit
    units = () if _PLAIN_ROLE.search(label) else _unique([drop_place(unit, place)])
    return Attribution(label, (label,), units, (role,))


def _describe_english_label(label: str) -> Attribution:
    """`The Chair (Hon. Anthony Rota (NipissingTimiskaming, Lib.))` → Anthony Rota, role Chair,
    unit `NipissingTimiskaming, Lib.`; `Lynne Neagle AM` → Lynne Neagle, role AM;
    `Hon. Bill Morneau (Minister of Finance)` → Bill Morneau, role Minister of Finance.
    A bare role (`The Chair`) stays the name: the label names nobody else."""
    if m := _ENGLISH_ROLE_LABEL.fullmatch(label) or _ENGLISH_ROLE_NAMED.fullmatch(label):
        role = re.sub(r"\s+", " ", m.group("role"))
        role = role.title() if role.isupper() or role.islower() else role
        if not m.group("inner"):
            return Attribution(label, roles=(role,))
        inner = _describe_english_label(m.group("inner"))
        return Attribution(inner.speaker, (role, *inner.titles), inner.units, _unique([role, *inner.roles]))
    titles: list[str] = []
    units: list[str] = []
    roles: list[str] = []
    name = label
    while m := _TRAILING_PAREN.search(name):  # seat, office, time: `(Redcliffe—ALP) (Leader of the House) (11.37 am)`
        inner, name = m.group(1).strip(), name[: m.start()]
        if _CLOCK.fullmatch(inner):
            continue
        if _CONSTITUENCY.fullmatch(inner):
            units.insert(0, inner)
        else:
            titles.insert(0, inner)
            roles.insert(0, inner)
    while m := _HONORIFIC.match(name):
        honorific = m.group().strip()
        if honorific not in _POLITE:
            titles.insert(0, honorific)
        name = name[m.end() :]
    if m := _POST_NOMINAL.search(name):
        name = name[: m.start()]
        titles.append(m.group(1))
        roles.append(m.group(1))
    if label in _BARE_ROLE_LABELS:
        roles.append(label)
    return Attribution(name.strip() or label, tuple(titles), tuple(units), tuple(roles))


def resolve_bare_roles(infos: list[Attribution]) -> list[Attribution]:
    """Within one document, a bare role label (`The Chair`) takes the name that the same
    document prints for that role (`The Chair (Hon. Anthony Rota (...))`), when exactly one
    person is so named; otherwise it stays as printed."""
    holders: dict[str, dict[str, Attribution]] = {}  # role → name → first info naming them
    for info in infos:
        if info.roles and not _is_bare(info):
            holders.setdefault(info.roles[0], {}).setdefault(info.speaker, info)
    resolved = []
    for info in infos:
        named = holders.get(info.roles[0], {}) if _is_bare(info) else {}
        resolved.append(next(iter(named.values())) if len(named) == 1 else info)
    return resolved


def _is_bare(info: Attribution) -> bool:
    """A label that is only a role (`The Chair`, `主席`, `Moderator`)."""
    return bool(info.roles) and info.speaker.removeprefix("The ").strip() == info.roles[0]


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def grouped_units(units: Iterable[str]) -> dict[str, str]:
    """Each unit → the name it is grouped under across documents: a unit printed without
    its place (`教育局`) joins the one placed unit that ends the same way (`三亚市教育局`);
    with two such units (三亚市教育局, 海口市教育局) it cannot be told which, and stays apart."""
    units = set(units)
    placed: dict[str, set[str]] = {}
    for unit in units:
        for cut, ch in enumerate(unit[:-1], start=1):
            if (ch in _PLACE_SUFFIX or ch == "州") and unit[cut:] in units:
                placed.setdefault(unit[cut:], set()).add(unit)
    return {u: next(iter(placed[u])) if len(placed.get(u, ())) == 1 else u for u in units}
