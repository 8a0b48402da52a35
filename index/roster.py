"""Rosters and names: the short labels of a transcript's turns linked to the fullest
name, titles and unit the same document prints.

Evidence, in order of trust: a participant list (`【对话人】`, `对话嘉宾：`, a cover page's
`PRESIDING:` / `PRESENT:` list, an index of witnesses with page numbers, `NAME, Role`
lines), the document's title line (`Press Briefing by Press Secretary Karine
Jean-Pierre and …`), a first turn printed with full titles (`刘庆峰（…董事长）：`), and for
English names the body text (`Governor Lujan Grisham`, `Jeff Zients`, `GM Phil Washington`).
The label as printed stays a title (`SENATOR MURPHY` → Terrence Murphy, title Senator),
so a question naming either finds the speaker.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from index.names import PageNames
from index.records import MODERATOR, Attribution
from index.speakers import ROSTER_HEADER_EN, chinese_person, english_speaker, is_all_caps
from index.text import has_han
from index.titles import SURNAMES, describe_chinese
from index.vocabulary import EN_OFFICE_ABBREVIATIONS, EN_OFFICE_WORDS, EN_TITLES, UNNAMED_MARK_ZH

_INDEX_ENTRY = re.compile(r"(?P<name>.+?)(?:\s{2,}|\s*[.·…]{3,}\s*)(?P<page>\d{1,4})")
_NAME_ROLE = re.compile(
    r"(?P<name>[^,]{3,60}?(?:,\s*(?:JR|SR|Jr|Sr)\.?)?),\s*(?!(?:JR|SR|Jr|Sr)\.?$)(?P<role>[A-Z][A-Za-z .]{1,40})"
    r"(?:,\s*(?P<unit>[A-Z][^,]{1,80}))?"
)  # `WILLIAM J. BRENNAN, JR., Associate Justice`: the Jr. is the name's
# a counsel's appearance: the name (with its Jr./Sr.), `Esq.`, and whom they appear for
_APPEARANCE = re.compile(
    r"(?P<name>[A-Z][^,]{2,60}?(?:,\s*(?:JR|SR|Jr|Sr)\.?)?),\s*(?:ESQ|Esq)\.?,?\s*(?P<for>(?:on behalf of|for)\s.+?)\.?"
)
# a participant list's `Title — Name` / `Name – Title` line (a dash between spaces)
_DASHED = re.compile(r"(?P<a>[^—–]{2,80}?)\s+[—–]\s+(?P<b>[^—–]{2,80})")
_BY_CLAUSE = re.compile(r"\bby\s+(?P<people>.+?)(?=\s+(?:at|on|in|during|before|with|to|for)\s+(?:a|an|the)\b|\s*$)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*\.?")
_MIN_INDEX = 5  # entries an index of witnesses needs before an unlisted label is matched by first name
_NICKNAMES = {
    "dave": "david",
    "bob": "robert",
    "rob": "robert",
    "bill": "william",
    "will": "william",
    "jim": "james",
    "jimmy": "james",
    "mike": "michael",
    "tom": "thomas",
    "joe": "joseph",
    "dan": "daniel",
    "steve": "steven",
    "chris": "christopher",
    "matt": "matthew",
    "tony": "anthony",
    "kate": "katherine",
    "liz": "elizabeth",
    "beth": "elizabeth",
    "sue": "susan",
    "jeff": "jeffrey",
    "ed": "edward",
    "ned": "edward",
    "greg": "gregory",
    "ken": "kenneth",
    "larry": "lawrence",
    "phil": "phillip",
    "pat": "patrick",
    "rick": "richard",
    "dick": "richard",
    "charlie": "charles",
    "tim": "timothy",
    "andy": "andrew",
    "nick": "nicholas",
    "sam": "samuel",
    "ben": "benjamin",
}


@dataclass
class Roster:
    """The participants a document lists, each an Attribution with the fullest name."""

    entries: list[Attribution] = field(default_factory=list)
    index_like: bool = False  # an index of witnesses (names with page numbers): meant to be complete
    linked: set[str] = field(default_factory=set)  # names that came from an entry

    def add(self, info: Attribution) -> None:
        if info.speaker and not any(_same(info.speaker, e.speaker) for e in self.entries):
            self.entries.append(info)

    def link(self, info: Attribution) -> Attribution:
        """The roster's entry for a label's info, merged with what the label says; the
        info itself when no single entry matches."""
        entry, keep_label_name = self._find(info)
        if entry is None:
            return info
        self.linked.add(entry.speaker if not keep_label_name else info.speaker)
        name = info.speaker if keep_label_name else entry.speaker
        return Attribution(
            name,
            _unique(info.titles + entry.titles),
            _unique(info.units + entry.units),
            _unique(info.roles + entry.roles),
        )

    def lists(self, info: Attribution) -> bool:
        """Whether one entry of the roster is the person a label names."""
        return self._find(info)[0] is not None

    def _find(self, info: Attribution) -> tuple[Attribution | None, bool]:
        if has_han(info.speaker):
            hits = [e for e in self.entries if e.speaker == info.speaker]
            if not hits and info.speaker in info.titles:  # `主持人：` after `主持人（张三）：`: the one who holds it
                hits = [e for e in self.entries if info.speaker in e.titles]
            return (hits[0], False) if len(hits) == 1 else (None, False)
        words = _words(info.speaker)
        if not words:
            return None, False
        if info.speaker.startswith(("The ", "THE ")) or (
            len(words) == 1 and info.roles and words[0] in {r.lower() for r in info.roles}
        ):
            return _single([e for e in self.entries if _holds_role(e, info.roles)]), False
        surname, first = words[-1], words[0] if len(words) > 1 else ""
        hits = [
            e
            for e in self.entries
            if _words(e.speaker)[-1:] == [surname]
            and (not first or len(_words(e.speaker)) > 1 and first_names_match(first, _words(e.speaker)[0]))
        ]
        if (entry := _single(hits)) is not None:
            return entry, False
        if len(words) < 2 or not self.index_like or len(self.entries) < _MIN_INDEX:
            return None, False
        close = [
            e
            for e in self.entries
            if _words(e.speaker)[0] == first and _edit_distance(_words(e.speaker)[-1], surname) <= 2
        ]
        if (entry := _single(close)) is not None:
            return entry, True  # a misspelling: the label's own spelling is kept
        return _single([e for e in self.entries if _words(e.speaker)[0] == first]), False


def english_front_matter(views: list[str]) -> Roster:
    """Participants listed before the first turn of an English transcript: the title line's
    `by …` clause, `NAME, Role` lines, an index (`Liam McLaughlin   10` / title / unit) and
    lists of `[Title] Name` lines each followed by its title (and unit) lines."""
    roster = Roster()
    if views and (m := _BY_CLAUSE.search(views[0])):
        for person in re.split(r",\s*|\s+and\s+", m.group("people")):
            if (info := english_speaker(person.strip())) and _is_person(info):
                roster.add(_with_acronym_unit(info))
    i = 0
    while i < len(views):
        line = _header_out(views[i].strip())
        i += 1
        if m := _INDEX_ENTRY.fullmatch(line):
            roster.index_like = True
            described, i = _descriptions(views, i, stop_at_names=False)
            _add_entry(roster, m.group("name"), described)
        elif m := _APPEARANCE.fullmatch(line):  # `JAMES M. NABRIT, JR., ESQ., on behalf of Petitioners.`
            _add_entry(roster, m.group("name"), [m.group("for")])
        elif m := _NAME_ROLE.fullmatch(line):
            _add_entry(roster, m.group("name"), [m.group("role"), *([m.group("unit")] if m.group("unit") else [])])
        elif (m := _DASHED.fullmatch(line)) and (entry := _dashed_entry(m.group("a"), m.group("b"))):
            _add_entry(roster, *entry)
        elif m := _BEFORE.fullmatch(line):  # `Before:` / `HON. ANALISA TORRES,` / `District Judge`: who `THE COURT` is
            # the judge on the header's line or the next, the office after a comma or on the line below
            caption = (
                ([m.group("judge")] if m.group("judge") else []) + [v.strip() for v in views[i : i + 2]] + ["", ""]
            )
            name, _, after = caption[0].partition(",")
            office = after.strip() or caption[1]
            if (info := english_speaker(name.strip())) and _is_person(info) and _JUDGE.search(office):
                titles = (*info.titles, office)
                roster.add(replace(info, speaker=_cased(info.speaker), titles=titles, roles=(*info.roles, "Court")))
        elif m := _ROLE_LEGEND.fullmatch(line):  # `INTERVIEWER: Janet Abbate`: who holds a role
            if (info := english_speaker(m.group("name"))) and _is_person(info):
                roster.add(replace(info, roles=(*info.roles, m.group("role").title())))
        elif (info := english_speaker(line)) and _is_person(info) and ":" not in line:
            described, i = _descriptions(views, i, stop_at_names=True)
            _add_entry(roster, line, described)
    return roster


# a court transcript's caption: the judge it is heard before (`Before:` / `HON. ANALISA TORRES,` / `District Judge`)
_BEFORE = re.compile(r"(?i:before)\s*:\s*(?P<judge>.*)")
_JUDGE = re.compile(r"\b(?i:judge|justice|magistrate)\b")
_ROLE_LEGEND = re.compile(
    r"(?P<role>(?i:interviewer|interviewee|interview|host|moderator|narrator|chair|chairperson))\s*:\s*(?P<name>[A-Z][^:]{2,60})"
)


def _dashed_entry(a: str, b: str) -> tuple[str, list[str]] | None:
    """A participant line with a dash between a name and an office, either way round
    (`Chief Executive Officer — Dylan Field`, `Jimmy Sexton – Head of Investor Relations`):
    (name, [office]), else None (`Revenue — $274 million`)."""
    for name, office in ((a, b), (b, a)):
        if _names_office(office) and not _names_office(name) and (info := english_speaker(name)) and _is_person(info):
            return name, [office]
    return None


def _names_office(phrase: str) -> bool:
    return _is_title_phrase(phrase) or bool(EN_OFFICE_WORDS.search(phrase))


def _header_out(line: str) -> str:
    """A roster line without the header printed before its first entry (`PRESENT: Mr. Greenspan, Chairman`)."""
    m = re.match(rf"({ROSTER_HEADER_EN.pattern})\s*:\s*(?=\S)", line)
    return line[m.end() :] if m else line


def _descriptions(views: list[str], i: int, *, stop_at_names: bool) -> tuple[list[str], int]:
    """Up to two title/unit lines after a roster name."""
    found: list[str] = []
    while i < len(views) and len(found) < 2:
        line = views[i].strip()
        if not line or line.endswith(":") or _INDEX_ENTRY.fullmatch(line) or _NAME_ROLE.fullmatch(line):
            break
        if (m := _DASHED.fullmatch(line)) and _dashed_entry(m.group("a"), m.group("b")):
            break  # the next entry (after a header read as a name: `Call participants`)
        if stop_at_names and _looks_like_name_line(line):
            break
        found.append(line)
        i += 1
    return found, i


def _looks_like_name_line(line: str) -> bool:
    info = english_speaker(line)
    return bool(info) and _is_person(info) and not any(w.lower() in ("of", "to", "the", "for") for w in line.split())


def _add_entry(roster: Roster, text: str, described: list[str]) -> None:
    info = english_speaker(_dedupe_titles(text.strip()))
    if not info or not _is_person(info):
        return
    titles = list(info.titles)
    units = list(info.units)
    for k, line in enumerate(described):
        if k == 0 or _is_title_phrase(line):
            titles.append(line)
        else:
            units.append(line)
    roster.add(Attribution(_cased(info.speaker), _unique(tuple(titles)), _unique(tuple(units)), info.roles))


def _dedupe_titles(text: str) -> str:
    """`Senator Senator Terrence Murphy` (a doubled title, as printed) → `Senator Terrence Murphy`."""
    return re.sub(r"\b(\w+)\s+\1\b", r"\1", text, flags=re.I)


def _is_title_phrase(line: str) -> bool:
    return any(w.lower().strip(".,") in EN_TITLES for w in line.split()[:3])


def _is_person(info: Attribution) -> bool:
    """A name of one to four words, not a role alone."""
    return 1 <= len(info.speaker.split()) <= 4 and not _is_role(info)


def _is_role(info: Attribution) -> bool:
    """A label that names an office, not a person: `THE PRESIDENT`, `Moderator`."""
    return info.speaker.startswith(("The ", "THE ")) or info.speaker in info.roles


def _with_acronym_unit(info: Attribution) -> Attribution:
    """`FEMA Administrator` → unit FEMA."""
    units = tuple(w for t in info.titles for w in t.split() if w.isupper() and len(w) >= 2 and w.isalpha())
    return replace(info, units=_unique(info.units + units)) if units else info


def _holds_role(entry: Attribution, roles: tuple[str, ...]) -> bool:
    wanted = {r.lower() for r in roles}
    return any(t.lower() in wanted or t.lower().split()[-1:] == [w] for t in entry.titles + entry.roles for w in wanted)


# a name and the initials a page gives it in brackets (`Frank Yung-Fong Tang (FYT)`, `Anne van Kesteren (AVK)`)
NAME_AND_INITIALS = re.compile(
    r"(?P<name>[A-Z][\w'’\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Za-z][\w'’\-]+){1,3})\s*\((?P<initials>[A-Z]{2,4})\)"
)


# an attendee listed alone on a bulleted line (`- Conrad Watt`, `* Luke Wagner (Fastly)`)
_LISTED_ATTENDEE = re.compile(
    r"^[ \t]*[-*•][ \t]+(?:\[[xX]\][ \t]+)?(?P<name>[A-Z][a-zà-ÿ’'\-]+(?:[ \t]+[A-Z]\.)?(?:[ \t]+[A-ZÀ-Þ][a-zà-ÿ’'\-]+){1,3})[ \t]*"
    r"(?:\((?:[^()\n]|\([^()\n]*\))*\))?[ \t]*(?:,[ \t]*[A-Z][^\n]{0,60})?$",
    re.M,
)


# an attendance list as scribed minutes print it: `Present` (or `Attendees`), then the names
# on one line, separated by commas, a name's spaces printed as underscores (`Ben_Francis`)
_PRESENT_LIST = re.compile(
    r"^[ \t]*(?:Present|Attendees|Participants)[ \t]*:?[ \t]*\n?[ \t]*(?P<names>[^\n,]+(?:,[^\n,]+)+)$", re.M
)
_SCRIBE = re.compile(
    r"^[ \t]*Scribes?[ \t]*:?[ \t]*\n?[ \t]*(?P<name>[A-Z][\w'’\-]+(?:[ _][A-Z][\w'’\-]+)?)[ \t]*$", re.M
)


def listed_attendees(text: str) -> list[str]:
    """The people a page lists as attending, in full: bulleted (`- Thomas Lively`; a task list's
    ticked box, `* [x] Kimball Thurston, Weta Digital`, not an empty one: absent) or on one
    line after `Present` (`Ben_Francis, Dave_Raggett`); and its scribe (`Scribe: McCool`)."""
    names = [m.group("name") for m in _LISTED_ATTENDEE.finditer(text)]
    for m in _PRESENT_LIST.finditer(text):
        for entry in m.group("names").split(","):
            name = " ".join(entry.replace("_", " ").split())
            if re.fullmatch(r"[A-Z][\w'’\-]+(?: [A-Za-z][\w'’\-]+){1,3}", name):
                names.append(name)
    names += [m.group("name").replace("_", " ") for m in _SCRIBE.finditer(text)]
    return list(dict.fromkeys(names))


def attendee_for(nick: str, attendees: list[str]) -> str | None:
    """The one listed attendee a nickname stands for: their initials (`mk`, `MK`), first name
    (`Ege`), first initial and surname (`jthomas`), or surname (`McCool`); None when none or
    several do."""
    nick = nick.lower()
    found = {
        name
        for name in attendees
        for words in ([w.lower() for w in name.split()],)
        if nick == name.lower()
        or len(words) >= 2
        and nick
        in {"".join(w[0] for w in words), words[0][0] + words[-1][0], words[0], words[-1], words[0][0] + words[-1]}
    }
    return found.pop() if len(found) == 1 else None


def names_by_initials(text: str) -> dict[str, str]:
    """Initials → the one name a page prints them after in brackets (`Myles Borins (MBS)`,
    `Claire Cann (CC)`), or else whose initials they are in a bulleted list of attendees
    (`- Thomas Lively`, then `TL: …`; a label's case aside: `Ab` for Andrew Brown), read in
    one pass; initials two names share (`CW`: Conrad Watt, Chris Woods) are left out."""
    found: dict[str, set[str]] = {}
    for m in NAME_AND_INITIALS.finditer(text):
        found.setdefault(m.group("initials"), set()).add(m.group("name"))
    listed: dict[str, set[str]] = {}
    for name in listed_attendees(text):
        words = name.split()
        if len(words) < 2:
            continue
        for initials in {"".join(w[0] for w in words), words[0][0] + words[-1][0]}:
            listed.setdefault(initials.upper(), set()).add(name)
    by_initials = {initials: names.pop() for initials, names in listed.items() if len(names) == 1}
    by_initials |= {initials: names.pop() for initials, names in found.items() if len(names) == 1}
    return by_initials


def introduced_by_first_name(name: str, before: str) -> str:
    """The one full name beginning with a first name that the text before someone's first
    turn prints (`I sat down with Tonda Morales, bureau chief…` before `Tonda:`), else ""."""
    forms = {
        " ".join(m.group().split())
        for m in re.finditer(rf"(?<![A-Za-z]){re.escape(name)}(?:[ ]+[A-Z][a-zà-ÿ'’\-]+){{1,2}}(?![A-Za-z])", before)
        if not any(w.lower() in _NOT_NAMES for w in m.group().split()[1:])
    }
    return _pick(Counter(forms))


def first_names_match(a: str, b: str) -> bool:
    """`Dave` and `David`, `D.` and `Debra`, `Liam` and `LIAM`: one first name."""
    a, b = a.lower().strip("."), b.lower().strip(".")
    return a == b or _NICKNAMES.get(a) == b or _NICKNAMES.get(b) == a or (len(a) == 1 and b.startswith(a))


def _words(name: str) -> list[str]:
    return [
        w.lower().strip(".")
        for w in _WORD.findall(name)
        if w.lower().strip(".") not in ("mr", "mrs", "ms", "dr", "jr", "sr")
    ]


def _same(a: str, b: str) -> bool:
    return re.sub(r"\W", "", a).lower() == re.sub(r"\W", "", b).lower()


def _single(items: list[Attribution]) -> Attribution | None:
    distinct = {e.speaker: e for e in items}
    return next(iter(distinct.values())) if len(distinct) == 1 else None


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


# ---- names from the body text ------------------------------------------------------------

_NAME_TOKEN = r"(?:[A-Z]\.|[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’\-]*)"  # an initial, or a capitalised word
_CAPITALISED = re.compile(rf"\b{_NAME_TOKEN}(?:(?:[ \t]+|[ \t]*\n[ \t]*){_NAME_TOKEN}){{0,5}}")
# two first names sharing one surname, as a couple or siblings are named (`Matthew and Camila
# McConaughey`): the first is that surname's too, so `MR. MCCONAUGHEY` is not Camila
# (after a word in lower case, not `and`: `Mary Lou and Dale and George Maziarz` lists surnames,
# `Jack Diamond and Graeme Reid` two full names)
_SHARED_SURNAME = re.compile(
    r"(?<![A-Za-z])(?:(?!and\b|or\b)[a-z]+)\s+(?P<first>[A-Z][a-z]+)\s+(?:and|&)\s+(?P<second>[A-Z][a-z]+)\s+"
    r"(?P<surname>[A-Z][A-Za-z'’\-]+)\b"
)


def fullest_name(info: Attribution, text: str, counts: Counter | None = None) -> Attribution:
    """An English speaker named by surname (`SENATOR MAZIARZ`, `MR. ZIENTS`, `DEBRA
    JOHNSON`) under the fullest form the document prints (`George Maziarz`, `Jeff Zients`,
    `Debra A. Johnson`): capitalised words before the surname that are neither titles nor
    common words; among several, the one printed with the speaker's own title (`GM Phil
    Washington`), else none. The casing the text prints wins (`DEWINE` → DeWine)."""
    name = info.speaker
    words = name.split()
    if has_han(name) or not words or _is_role(info):
        return info
    counts = counts if counts is not None else phrase_counts(text)
    surname = words[-1].lower()
    first = words[0].lower().strip(".") if len(words) > 1 else ""
    forms: Counter = Counter()
    titled: Counter = Counter()
    own_titles = {w.lower() for t in info.titles for w in t.split()}
    for phrase, n in counts.items():
        tokens = phrase.split()
        at = next((i for i in range(len(tokens) - 1, 0, -1) if tokens[i].lower() == surname), 0)
        if not at:  # (the surname may end a run that goes on: `Carin A. Tinney` / `Policy Analyst`)
            continue
        tokens = tokens[: at + 1]
        lead: list[str] = []
        for token in reversed(tokens[:-1]):
            initial = len(token) == 2 and token.endswith(".")
            word = token.lower().strip(".")
            a_title = (
                word in EN_TITLES or word.removesuffix("s") in EN_TITLES or all(p in EN_TITLES for p in word.split("-"))
            )
            if not initial and (
                a_title or word in _COMMON_LEADS or token in EN_OFFICE_ABBREVIATIONS
            ):  # `Vice-Chair`, `ADA`
                break
            lead.insert(0, token)
        if not lead or len(lead) > 2:
            continue
        if first and not first_names_match(first, lead[0]):
            continue
        form = " ".join([*lead, tokens[-1]])
        if form.lower() == name.lower():
            continue  # the label itself (`P. POKINO`), beside the form it abbreviates
        forms[form] += n
        before = tokens[: len(tokens) - len(lead) - 1]
        if before and before[-1].lower() in own_titles:
            titled[form] += n
    choice = _pick(titled) or _pick(forms)
    # only ever more of the name: more words, or an initial spelled out (`P. POKINO` → Papamama Pokino)
    spelled = _spells_out(words, (choice or "").split())
    full = choice if choice and (len(choice.split()) > len(words) or spelled) else name
    return replace(info, speaker=_cased(full, text))


_COMMON_LEADS = frozenset(
    """and or but so the a an to of in on at by for with from as if when then that this these those our your my his her
    their its we you they he she it i me us them thank thanks dear hello hi good well yes no okay ok mr mrs ms miss dr
    madam sir according said says asked i'm i’m i've i’ve we're we’re it's it’s that's that’s here's here’s
    there's there’s let's let’s you're you’re he's he’s she's she’s although though while because since after
    before once unless until whereas where why how what who whom whose which also now today yesterday
    meanwhile however still even only like""".split()
)
_NOT_NAMES = EN_TITLES | _COMMON_LEADS  # words a name in running text does not hold


def phrase_counts(text: str) -> Counter:
    """Every run of up to six capitalised words in the text, counted (`U.S. Trade Representative
    Katherine Tai`: a shorter run would cut the name from its title), and the first of two first
    names before one surname with that surname (`Matthew and Camila McConaughey`)."""
    counts = Counter(m.group() for m in _CAPITALISED.finditer(text))
    counts.update(
        f"{m['first']} {m['surname']}"
        for m in _SHARED_SURNAME.finditer(text)
        if not {m["first"].lower(), m["second"].lower()} & _NOT_NAMES  # `Maine and Governor DeWine`
    )
    return counts


def _spells_out(words: list[str], fuller: list[str]) -> bool:
    """Whether `fuller` is the same name with an initial of `words` written out (`P. POKINO`
    → `Papamama Pokino`): word for word equal or that initial's word, one at least written out."""
    if len(words) != len(fuller):
        return False
    pairs = [(w.strip(".").lower(), f.strip(".").lower()) for w, f in zip(words, fuller)]
    return all(w == f or len(w) == 1 and f.startswith(w) for w, f in pairs) and any(len(w) < len(f) for w, f in pairs)


def _pick(forms: Counter) -> str:
    """The one form a name takes, when the document prints just one (longest on ties of
    a form and its extension, e.g. `Debra Johnson` and `Debra A. Johnson`)."""
    if not forms:
        return ""
    distinct = sorted(forms, key=len, reverse=True)
    longest = distinct[0]
    if all(_contained(f, longest) for f in distinct):
        return longest
    return ""


def _contained(short: str, long: str) -> bool:
    s, lw = short.lower().split(), long.lower().split()
    return s[0] == lw[0] and s[-1] == lw[-1]


def _cased(name: str, text: str = "") -> str:
    """A name in capitals as the text prints it in mixed case, else in title case
    (`McLAUGHLIN` → McLaughlin, `O'BOYLE` → O'Boyle)."""
    if not is_all_caps(name) and not any(is_all_caps(w) and len(w) > 2 for w in name.split()):
        return name
    words = []
    for word in name.split():
        if not is_all_caps(word) and not re.search(r"[A-Z]{3,}", word):
            words.append(word)
            continue
        printed = [m.group() for m in re.finditer(rf"\b{re.escape(word)}\b", text, re.I)]
        mixed = [w for w in printed if not is_all_caps(w) and w[0].isupper()]
        words.append(Counter(mixed).most_common(1)[0][0] if mixed else _title_word(word))
    return " ".join(words)


def _title_word(word: str) -> str:
    """`McLAUGHLIN` → McLaughlin, `O'BOYLE` → O'Boyle, `JEAN-PIERRE` → Jean-Pierre; initials
    as Hansards print them before a surname stay (`YM D’ATH` → YM D’Ath): two or three
    capitals without a vowel are no word of a name."""
    if re.fullmatch(r"[B-DF-HJ-NP-TV-Z]{2,3}", word):
        return word

    def cap(part: str) -> str:
        if len(part) > 2 and part[:2].lower() == "mc":
            return "Mc" + part[2:].capitalize()
        return part.capitalize()

    return re.sub(r"[A-Za-z]+", lambda m: cap(m.group()), word)


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


# ---- titles the text prints next to a name ---------------------------------------------------

_ENGLISH_ADDRESS = r"\b(?P<title>(?:(?:[A-Z][A-Za-z]*|of|the)[ ]+){{1,4}}?){surname}\b"


def enrich(info: Attribution, names: PageNames) -> Attribution:
    """Titles (and the units they name) that the page prints next to a speaker's name:
    `全国人大代表、…党委书记耿遵珠在电话中…` → 全国人大代表, …党委书记; `Director Tisdale`,
    `Second Vice Chair Cook` → Director, Second Vice Chair. Only titles that end in a
    known position word, or are made of English title words."""
    if has_han(info.speaker):
        return _enrich_chinese(info, names)
    return _affiliation(_enrich_english(info, names.text), names.text)


def named_office(info: Attribution, names: PageNames) -> Attribution:
    """A Chinese label that is only an office (`保安局局長`) → the person the page names
    with it once (`以下為保安局局長鄧炳強今日…`), when every such mention names the same
    person; the office stays their title and role."""
    office = info.speaker
    if not (has_han(office) and info.roles and info.titles == (office,)):
        return info
    if re.search(UNNAMED_MARK_ZH + re.escape(office), names.text):
        return info  # `这位专家`: the page's 专家 is someone it does not name
    named = _named_after(office, names)
    if len(named) != 1:
        return info
    return replace(info, speaker=named.pop())


def surnamed_office(info: Attribution, names: PageNames) -> Attribution:
    """A Chinese label that is a family name and an office (`蔡次長`, `楊司長`, as hearings and
    press conferences address officials) → the one person of that family name the page prints
    with that office, before or after the name (`政務次長蔡清華次長`); the office stays a title."""
    label = info.speaker
    family, office = label[:1], label[1:]
    if not (has_han(label) and 3 <= len(label) <= 6 and family in SURNAMES and office in _label_titles(info)):
        return info
    before = {name.text for start in _occurrences(names.text, office) if (name := names.ending_at(start))}
    named = {n for n in _named_after(office, names) | before if n.startswith(family) and n != label and len(n) <= 4}
    if len(named) != 1:
        return info
    described = describe_chinese(named.pop(), (office,))
    return replace(info, speaker=described.speaker, titles=described.titles, units=described.units)


def _named_after(office: str, names: PageNames) -> set[str]:
    """The names the page prints right after an office (`保安局局長鄧炳強`)."""
    return {name for start in _occurrences(names.text, office) if (name := names.name_after(start + len(office)))}


def _label_titles(info: Attribution) -> set[str]:
    """The office words a label's description holds: its roles and the titles it printed."""
    return {*info.roles, *(t[1:] for t in info.titles if t == info.speaker)}


def _occurrences(text: str, part: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(part), text)]


def _enrich_chinese(info: Attribution, names: PageNames) -> Attribution:
    titles = list(info.titles)
    if introduced := names.introductions().get(info.speaker):  # the first full introduction
        found = chinese_person(introduced + info.speaker, strong=True)
        if found and found.speaker == info.speaker:
            titles += [t for t in found.titles if t not in titles]
    if len(titles) == len(info.titles):
        return info
    richer = describe_chinese(info.speaker, tuple(titles))
    return replace(
        info, titles=richer.titles, units=_unique(info.units + richer.units), roles=_unique(info.roles + richer.roles)
    )


# who a speaker works for, as an introduction or hand-off prints it: `Erik Woodring with Morgan
# Stanley`, `Aaron Rakers from Wells Fargo`, `Governor Mills of Maine`; `Apple's CEO, Tim Cook`
_ORGANISATION = r"[A-Z][\w&’'.-]*(?:[ ]+(?:(?!I\b)[A-Z][\w&’'.-]*|of|and|&|for)){0,5}"  # not `Fox News and I`
# (counsel as an inquiry or court names them, with whom they speak for: `Geoffrey Mitchell KC for the
# Scottish Ministers`, `Claire Mitchell King's Counsel, who is instructed on behalf of Scottish Covid Bereaved`)
_COUNSEL = (
    r"(?:[ ]+(?:KC|QC|SC|King['’]s[ ]+Counsel|Queen['’]s[ ]+Counsel),?(?:[ ]+who[ ]+is)?(?:[ ]+instructed)?[ ]+(?:for|on[ ]+behalf[ ]+of|by)"
    r"|,?[ ]+(?:on[ ]+behalf[ ]+of|representing|for(?=[ ]+the[ ])))"  # `Samuel Jacobs for the TUC`
)
_AFFILIATED = (
    r"\b(?P<first>[A-Z][a-z]+)[ ]+{surname}(?:[ ]+(?:with|from|of|at)|"
    + _COUNSEL
    + r")[ ]+(?:the[ ]+)?(?P<org>"
    + _ORGANISATION
    + ")"
)
# … or first: `on behalf of Public Health Scotland, Gordon Balfour, advocate`
_ON_BEHALF = (
    r"\bon[ ]+behalf[ ]+of[ ]+(?:the[ ]+)?(?P<org>" + _ORGANISATION + r"),[ ]+(?P<first>[A-Z][a-z]+)[ ]+{surname}\b"
)
_OFFICER = r"C[A-Z]O"  # a company's chief officer: CEO, CFO, COO
_OFFICER_OF = (
    r"(?:(?P<org>"
    + _ORGANISATION
    + r")['’]s[ ]+)?(?P<title>"
    + _OFFICER
    + r"),?[ ]+(?P<first>[A-Z][a-z]+)[ ]+{surname}\b"
)
_INTRODUCES_SELF = r"\b(?:[Mm]y name is|I am|I'm)[ ]+(?P<first>[A-Z][a-z]+)[ ]+{surname},[ ]+(?P<title>[A-Z][a-z]+(?:[ ]+(?:[A-Z][a-z]+|of|for|and)){0,5})"
# one of a list of people with their offices, each ended by `;` or the sentence (`On the call with
# me are Satya Nadella, Chairman and Chief Executive Officer; Amy Hood, Chief Financial Officer; …`)
_LISTED = r"\b(?P<first>[A-Z][a-z]+)[ ]+{surname},[ ]+(?:and[ ]+)?(?P<title>[A-Z][a-z]+(?:[ ]+(?:[A-Z][a-z]+|of|for|and)){0,6})(?=[;.])"
_NOT_ORGANISATIONS = frozenset(
    "I The This That It We Our You Your He She They Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "January February March April May June July August September October November December".split()
)


def _affiliation(info: Attribution, text: str) -> Attribution:
    """The organisation (a unit) and officer title the page prints with a speaker's name,
    when every such mention agrees: `… question is from Erik Woodring with Morgan Stanley`
    (the label reads `Erik William Richard Woodring`), `Apple's CEO, Tim Cook`, `My name is
    Suhasini Chandramouli, Director of Investor Relations`."""
    words = info.speaker.split()
    if len(words) < 2 or info.units:
        return info
    surname = re.escape(words[-1])
    orgs: Counter = Counter()
    titles: Counter = Counter()
    for pattern in (_AFFILIATED, _ON_BEHALF, _OFFICER_OF, _INTRODUCES_SELF, _LISTED):
        for m in re.finditer(pattern.replace("{surname}", surname), text):
            first = m.group("first")
            # the hand-off's short first name (`Kash Rangan with Goldman Sachs` for `Kasthuri Gopalan Rangan`)
            if not first_names_match(first, words[0]) and first[:3].lower() != words[0][:3].lower():
                continue
            org = re.split(r"\.[ ]", m.groupdict().get("org") or "")[0]  # (`Morgan Stanley. Please go ahead`)
            org = re.sub(r"(?:[ ]+(?:of|and|&|for))+$|['’]s$", "", org.rstrip("."))
            if org and org.split()[0] not in _NOT_ORGANISATIONS and org.lower() not in EN_TITLES:
                orgs[org] += 1
            title = (m.groupdict().get("title") or "").strip()
            office = any(word.lower() in EN_TITLES for word in title.split()) or EN_OFFICE_WORDS.search(title)
            if title and (re.fullmatch(_OFFICER, title) or office):  # (or `Head of Investor Relations`)
                titles[title] += 1
    if len(orgs) > 1 or len(titles) > 1 or not (orgs or titles):
        return info
    return replace(
        info,
        titles=_unique((*info.titles, *titles)),
        units=_unique((*info.units, *orgs)),
        roles=_unique((*info.roles, *titles)),
    )


# An earnings call's company: its `Company:` header (a name, not a ticker), else the call it
# welcomes listeners to (`welcome to the Microsoft Fiscal Year 2025 Fourth Quarter Earnings …`,
# `Welcome to MongoDB's first quarter …`, `Welcome to the Q2 2023 Novo Nordisk A/S earnings …`).
CALL_OPENING = 3000  # characters of a call's opening that hold its header and welcome
_EARNINGS = re.compile(r"\bearnings\b", re.I)
_COMPANY_HEADER = re.compile(r"^[ \t*#>]*Company[ \t*]*:[ \t*]*(?P<org>[^\n(*]+)", re.M)
_TICKER = re.compile(r"[A-Z]{1,5}")
_LISTED_COMPANY = re.compile(
    r"^[ \t*#]*(?P<org>[A-Z][\w&.,' -]{1,60}?)[ ]*\((?:NASDAQ|NYSE|[A-Z]{2,8})[ ]*:[ ]*[A-Z.]{1,8}\)", re.M
)
_PERIOD = (
    r"(?i:(?:Q[1-4]|FY\d*|H[12]|\d{4}|fiscal|first|second|third|fourth|full|annual|half|quarter|quarterly|"
    r"year|earnings|conference|call|webcast)\b)"
)
_WELCOME = re.compile(
    rf"\b[Ww]elcome[ ]+(?:everyone[ ]+|you[ ]+all[ ]+)?to[ ]+(?:the[ ]+|today['’]s[ ]+|our[ ]+)?(?:{_PERIOD}[ ]+)*"
    rf"(?P<org>[A-Z][\w&./-]*(?:[ ]+[A-Z][\w&./-]*){{0,3}}?)(?:['’]s)?[ ]+{_PERIOD}"
)
# the operator's hand-off to an analyst: `the next question comes from the line of Kash Rangan`
_ASKS = r"\bquestions?\b[^.\n]{{0,60}}?\bfrom[ ]+(?:the[ ]+line[ ]+of[ ]+)?(?:[A-Z][\w.’'-]*[ ]+){{0,2}}{surname}\b"
# … as the operator words it at the start of a turn: `Your next question comes from …`
_HANDS_OVER = r"\b(?:next|first|last|final|following)[ ]+question[ ]+(?:comes|is|will[ ]+come)[ ]+from\b"


def call_company(text: str) -> str:
    """The company an earnings call is about, or "" (no call, or none printed)."""
    opening = text[:CALL_OPENING]
    if not _EARNINGS.search(opening):
        return ""
    if (m := _COMPANY_HEADER.search(opening)) and not _TICKER.fullmatch(org := m.group("org").strip()):
        return org
    if m := _LISTED_COMPANY.search(opening):  # `NVIDIA Corporation (NASDAQ:NVDA) Q4 2024 Earnings …`
        return m.group("org")
    m = _WELCOME.search(opening)
    return m.group("org") if m and m.group("org") not in _NOT_ORGANISATIONS else ""


def company_staff(info: Attribution, company: str, text: str) -> Attribution:
    """On an earnings call about `company`, a speaker of no organisation of their own speaks
    for the company — not the moderator or whoever hands the questions over (`Eric: Your next
    question comes from …`), an analyst, or anyone the call hands a question to (`… comes from
    the line of Kash Rangan`; their firm, when printed, is their unit already)."""
    words = info.speaker.split()
    if not company or not words or info.units or MODERATOR in info.roles or _is_role(info):
        return info
    if any("analyst" in t.lower() for t in (*info.titles, *info.roles)):
        return info
    if re.search(_ASKS.format(surname=re.escape(words[-1])), text):
        return info
    if len(words) == 1 and re.search(
        rf"^{re.escape(info.speaker)}[ \t]*:[ \t]*[^\n]{{0,80}}?{_HANDS_OVER}", text, re.M
    ):
        return info  # known by a first name, handing questions over (`Eric: Your next question comes from …`): the operator
    return replace(info, units=(company,))


def _enrich_english(info: Attribution, text: str) -> Attribution:
    """The title the text most often puts before the surname (`Director Tisdale`,
    `Second Vice Chair Cook`), when it is at least two thirds of all such forms: `Secretary
    Clinton` stays the title even where `President Clinton` names someone else."""
    words = info.speaker.split()
    if not words or _is_role(info):
        return info
    full = re.escape(info.speaker).replace(r"\ ", r"\s+")
    if len(words) > 1 and len(printed := _titles_before(full, text, whole=True)) == 1:
        # before the full name, one title names the one person (`Press Briefing by Press Secretary Karine Jean-Pierre`)
        title = next(iter(printed))  # (not again in part: `Minister` beside `Foreign Minister`)
        known = any(title.lower() in t.lower() for t in info.titles)
        return info if known else replace(info, titles=(*info.titles, title))
    found = _titles_before(re.escape(words[-1]), text)
    if not found:
        return info
    title, n = found.most_common(1)[0]
    if n < 2 or 3 * n < 2 * sum(found.values()) or any(title.lower() == t.lower() for t in info.titles):
        return info
    return replace(info, titles=(*info.titles, title))


def _titles_before(name: str, text: str, whole: bool = False) -> Counter:
    """The titles the text prints right before a name (a pattern), counted: capitalised title
    words (`Thank you, Director Tisdale` → Director). `whole`: only titles printed whole, not
    the end of one cut by what the text runs into it (`…\\tSecretary of State Marco Rubio`)."""
    found: Counter = Counter()
    for m in re.finditer(_ENGLISH_ADDRESS.format(surname=name), text):
        tokens = m.group("title").split()
        if whole and tokens[0] in ("of", "the"):
            continue
        while tokens and tokens[0].lower().strip(".") not in EN_TITLES:  # `Thank you, Director` → Director
            tokens.pop(0)
        if tokens and all(t.lower().strip(".") in EN_TITLES | {"of", "the"} for t in tokens):
            found[" ".join(tokens)] += 1
    return found
