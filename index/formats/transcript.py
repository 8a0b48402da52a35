"""Transcripts printed as text, in any layout: speeches found with the speaker recogniser.

1. `index.furniture` gives the content lines (line numbers, page numbers, running
   headers left out; offsets still point into the source).
2. `index.speakers.recognise` says what each line is: a turn label, a speaker line, an
   attribution after the words, a credit, a marker, a roster entry — or words.
3. Cues are accepted by evidence from the whole document (`_Parser._accept`): a title or
   status in the label, a bracket, a roster entry, a label that recurs, the label style of
   the other turns, a heading-and-speech frame around a glued speaker line; credits and
   bylines never are.
4. Rosters and titled first turns give short labels their full names and titles
   (`index.roster`); Chinese units lose the place most titles share (三亚).
5. One walk over the lines builds the speeches (`_Builder`): a turn or speaker line opens
   one, a heading before it (or right after a speaker line) becomes its heading, an
   attribution after a paragraph claims that paragraph, `（作者为…）` gives titles to the
   speech before it, a closing credit or a marker ends it.
6. What no cue claims stays narration (speaker ""), unless the text itself says whose it
   is (`index.formats.reported`): a section about one titled person, narrative minutes;
   then reported speech in news prose (`index.formats.quoted`): `…董事长李东林表示，…`,
   `“……”李德富说。`, `他说` going on.

The family (`ParsedDocument.format`) says which cues carried the document; asking for a
family by name (`fmt`) limits the parser to its cues (each family's `Layout.kinds`, `FAMILIES`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property, partial

from index.formats import quoted, reported
from index.formats.common import Layout, date_from_notes, split_trailing_notes
from index.furniture import Line, read_lines, skip_blank
from index.names import PageNames
from index.records import MODERATOR, Attribution, ParsedDocument, Span, Speech
from index.roster import (
    NAME_AND_INITIALS,
    Roster,
    attendee_for,
    call_company,
    company_staff,
    english_front_matter,
    enrich,
    fullest_name,
    introduced_by_first_name,
    listed_attendees,
    named_office,
    names_by_initials,
    phrase_counts,
    surnamed_office,
)
from index.speakers import (
    CLOSING_DASH,
    DASHED,
    DESCRIBED,
    HELD_OFFICE,
    MEMBER_OF_STATE,
    RECORD_LABEL,
    Cue,
    attendance_entry,
    bare_name,
    chinese_glued,
    described_person,
    english_glued,
    english_speaker,
    interviewee,
    is_all_caps,
    is_answerer,
    is_chinese_name,
    is_legend,
    is_signature,
    is_titled_line,
    legend,
    names_a_body,
    recognise,
    roster_entries,
    speech_title,
    unpad,
)
from index.text import ends_sentence, has_han, join_broken
from index.titles import describe_chinese, shared_place
from index.vocabulary import EN_HONORIFICS, EN_TITLES

DIGEST_MD = "digest-md"
DIGEST = "digest"
TURNS = "turns"
ATTRIBUTED = "attributed"
MINUTES = "minutes"
NEWS = "news"
PLAIN = "plain"
# The speaker cues (each family reads some: `FAMILIES`). Credits, markers, rosters and
# `（作者为…）` are read in every family: they never name a speaker of their own.
_SPEAKER_KINDS = frozenset({"turn", "line", "bare", "after", "lecturer", "profile", "reported", "quoted"})

_PHOTO_CREDIT = re.compile(r"摄|攝|供图|供圖|图片|圖片|视觉|視覺|影像中国|影像中國|资料照片|資料照片")
# (not a paragraph a crawler marked up as one: 60 characters or more, ending a sentence)
_MD_HEADING = re.compile(r"(#{1,6})\s+(?!.{60,}[。！？.!?”」]\s*$)(.+?)\s*#*")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC_LINE = re.compile(r"[*_]([^*_\n]{2,80})[*_]")  # `*Senior VP, CFO & Treasurer*`
_QUOTE_PREFIX = re.compile(r">\s?")
_MAX_HEADING = 40
# a section of `Term: what it means` lines (`INDUSTRY GLOSSARY`, as earnings-call scrapes print
# one before the call): definitions, no one speaking, until the next heading
_GLOSSARY = re.compile(r"(?:[A-Za-z]+ ){0,3}(?:glossary|definitions|key terms)", re.I)
_MAX_TITLE = 80
_MIN_SPEECH = 40  # a line longer than this reads as speech, not as a heading
_MAX_DASHED = 40  # a section header describing a person (`…的“银龄医师”王立成——`), at most
_MAX_WRAPPED = 3  # lines a label in capitals may be wrapped over
_LABELLED_PAGE = 0.3  # share of a page's text under labels above which its narration is framing
_LABELLED_CUES = frozenset({"label", "speaker line", "after", "byline"})
_OPENS = ("turn", "line", "lecturer")  # cues that open a speech at their line
# the recogniser's cue kinds → how the speech they open is attributed (index.records.CUES)
_CUE_OF_KIND = {"turn": "label", "line": "speaker line", "bare": "byline", "lecturer": "byline"}


@dataclass(frozen=True)
class _Item:
    """A cue at a place: line index, and `at` the view index in that line where it starts."""

    line: int
    at: int
    cue: Cue


_UNDERLINE = re.compile(r"={3,}|-{3,}")


def parse_transcript(
    text: str, *, fmt: str | None = None, speaker_roles: dict[str, str] | None = None
) -> ParsedDocument:
    """Parse `text`, in any layout; `fmt` limits the cues to one family's."""
    return _Parser(text, fmt, speaker_roles or {}).parse()


def detect_family(text: str) -> str:
    """The layout family `text` is parsed as."""
    return _Parser(text, None, {}).parse().format


def _family(name: str, description: str, kinds: frozenset[str], markdown: bool = False) -> Layout:
    return Layout(name, description, partial(parse_transcript, fmt=name), kinds=kinds, markdown=markdown)


# The text families, as `--format` and the app list them.
FAMILIES: tuple[Layout, ...] = (
    _family(
        DIGEST_MD,
        "markdown headings, each over a speaker line (`### heading` / `unit title name`)",
        frozenset({"line", "bare"}),
        markdown=True,
    ),
    _family(
        DIGEST,
        "speaker lines (`unit title name`, `name（titles）：`, `name代表——`) with headings before or after",
        frozenset({"line", "bare"}),
    ),
    _family(
        TURNS,
        "turns: a label and a colon before each speech (`Name: …`, `姓名：…`, `SENATOR X:`, `Q`)",
        frozenset({"turn"}),
    ),
    _family(
        ATTRIBUTED,
        "mixed page: speaker lines, turns, attributions after the words (`——…李东林代表`), sections about one person",
        _SPEAKER_KINDS - {"reported"},
    ),
    _family(MINUTES, "narrative minutes: reported speech (`Director Bagley asked …`)", frozenset({"reported"})),
    _family(
        NEWS,
        "news prose: reported speech (`…董事长李东林表示，…`, `“……”李德富说。`, `他说` going on)",
        frozenset({"quoted"}),
    ),
    _family(PLAIN, "no speaker detected: indexed as narration", frozenset()),
)
_BY_NAME = {family.name: family for family in FAMILIES}


def _plain(view: str) -> str:
    """A line's words without markdown emphasis around them (`**Sean Dorsey**  `)."""
    return view.strip().strip("*_").strip()


def _key(cue: Cue) -> str:
    """A label as compared across a document: padding, spaces and case ignored; a name that
    gives its initials in brackets (`Chris Roberts (CR)`) is the label of those initials (`CR`)."""
    if not cue.label:
        return cue.info.speaker if cue.info else ""
    if (m := NAME_AND_INITIALS.fullmatch(cue.label)) and "".join(
        w[0] for w in m.group("name").split()
    ).upper() == m.group("initials"):
        return m.group("initials").lower()
    return re.sub(r"\s+", "", unpad(cue.label)).lower()


class _Parser:
    def __init__(self, text: str, fmt: str | None, speaker_roles: dict[str, str]):
        self.text = text
        self.fmt = fmt
        self.kinds = _BY_NAME[fmt].kinds if fmt else _SPEAKER_KINDS
        self.speaker_roles = speaker_roles
        self.end, self.notes = split_trailing_notes(text)
        page = read_lines(text)
        self.furniture = page.furniture
        clipped = (
            line if line.end <= self.end else line.clipped(self.end) for line in page.lines if line.start < self.end
        )
        self.lines = tuple(line for line in clipped if line.view)
        self.names = PageNames(text)

    def parse(self) -> ParsedDocument:
        meta, title = self._metadata()
        items = self._items(meta)
        accepted = self._accept(items)
        if (single := self._speech_title(meta, accepted)) is not None:
            accepted.insert(0, single)
        if 0 in meta and title and not any(i.cue.info for i in accepted):
            del meta[0]  # no speaker line to tell it from: the title line stays in the narration
        infos = self._infos(accepted, self._roster(items, accepted))
        builder = _Builder(self.text)
        self._walk(builder, accepted, infos, meta)
        speeches, used = builder.done(), set(builder.kinds_used)
        if (
            "reported" in self.kinds
            and not has_han(self.text[:2000])
            and _share(speeches, _attributed) < _LABELLED_PAGE
        ):
            # narrative minutes, perhaps with a few labelled turns among them (`REPLY:` under a question)
            turns = [s for s in speeches if s.who.speaker]
            held = {
                i
                for i, line in enumerate(self.lines)
                if any(line.start < b and a < line.end for s in turns for a, b in s.paragraphs)
            }
            if found := reported.minutes(self.text, self.lines, set(meta) | held):
                speeches = sorted([*found, *turns], key=lambda s: s.paragraphs[0][0])
                used = {"reported", *used} if turns else {"reported"}
        if "profile" in self.kinds:
            speeches, profiled = reported.profiles(self.names, speeches)
            used |= {"profile"} if profiled else set()
        if "quoted" in self.kinds and has_han(self.text[:2000]):
            # where labels carry most of the page, its narration is the editor's framing (verbatim
            # quotations only); a report where a few labels stand among reported speech is read whole
            labelled = _share(speeches, lambda s: s.who.cue in _LABELLED_CUES) >= _LABELLED_PAGE
            speeches, said = quoted.quotations(self.text, speeches, self._captions(items), verbatim_only=labelled)
            used |= {"quoted"} if said else set()
        if not any(s.who.speaker for s in speeches):
            speeches = _one_narration(self.text, speeches)
        notes = tuple(builder.notes) + self.notes
        metadata_lines = tuple(self.text[line.start : line.end] for line in meta.values())
        return ParsedDocument(
            self.text,
            self.fmt or family_of(used, any(_MD_HEADING.fullmatch(line.view) for line in self.lines)),
            tuple(speeches),
            title,
            date_from_notes(notes) or date_from_notes(metadata_lines),
            notes,
            furniture=self.furniture,
        )

    # -- cues ------------------------------------------------------------------------------
    def _metadata(self) -> tuple[dict[int, Line], str]:
        """Lines that are the document's metadata, not speech: markdown blockquotes
        (bylines, mastheads) and the title (`# …`, or a first line standing alone)."""
        meta: dict[int, Line] = {}
        title = ""
        for i, line in enumerate(self.lines):
            if _QUOTE_PREFIX.match(line.view):
                meta[i] = line
            elif (m := _MD_HEADING.fullmatch(line.view)) and len(m.group(1)) == 1 and not title:
                title = m.group(2)
                meta[i] = line
        for i in [i for i in meta if is_signature(self.lines[i].view)]:  # a signed comment: its words
            j = i
            while j in meta and _QUOTE_PREFIX.match(self.lines[j].view):
                del meta[j]
                if self.lines[j].blank_before:
                    break
                j -= 1
        first = self.lines[0] if self.lines else None
        # a title underlined, as Markdown and reStructuredText print one (`Philip Pan 访谈` / `=====`)
        underlined = len(self.lines) > 1 and not self._alone(0) and _UNDERLINE.fullmatch(self.lines[1].view.strip())
        if (
            not title
            and first
            and (self._alone(0) or underlined and self._alone(1))
            and first.end - first.start <= _MAX_TITLE
            and not ends_sentence(self.text, first.start, first.end)
            and not recognise(_BOLD.sub(r"\1", first.view))
            and not _MD_HEADING.fullmatch(first.view)
        ):
            title = first.view.strip()
            meta[0] = first
            if underlined:
                meta[1] = self.lines[1]
        return meta, title

    def _speech_title(self, meta: dict[int, Line], accepted: list[_Item]) -> _Item | None:
        """A document whose title names its one speaker (`市委书记张三在全市经济工作会议上的
        讲话`, `Remarks by Governor Jane Smith at …`) and that has no other speaker cue: the
        whole text is that speech."""
        if "lecturer" not in self.kinds or any(i.cue.kind in _SPEAKER_KINDS for i in accepted):
            return None
        for i in sorted(meta)[:3]:
            if info := speech_title(_QUOTE_PREFIX.sub("", _MD_HEADING.sub(r"\2", self.lines[i].view))):
                return _Item(i, 0, Cue("lecturer", self.lines[i].view, info))
        return None

    @staticmethod
    def _heading_label(text: str) -> Cue | None:
        """A markdown heading that is a speaker label and nothing else, its colon included
        (`### 李彥秀：`, `## Audrey Tang:`, as transcripts published in markdown print a
        label over every paragraph): that label's cue, as the same line unmarked would give."""
        if not text.rstrip().endswith((":", "：")):
            return None
        cue = recognise(text.strip())
        return cue if cue and cue.kind in ("line", "turn") and not text.strip()[cue.at :].strip() else None

    def _alone(self, i: int) -> bool:
        return i + 1 >= len(self.lines) or self.lines[i + 1].blank_before

    def _items(self, meta: dict[int, Line]) -> list[_Item]:
        """Every cue the recogniser finds, in order (a byline naming a lecturer in the
        metadata, `本期主讲人：…`, is a cue too)."""
        items: list[_Item] = []
        listing = False  # inside a list of guests a legend opens (`嘉  宾：…`)
        attending = False  # inside an official attendance list (`出席議員：`), before the first turn
        glossary = False
        wrapped_to = 0  # lines a wrapped label runs over end before this one
        for i, line in enumerate(self.lines):
            view = line.view
            if _GLOSSARY.fullmatch(view.strip(" *#_:")):
                glossary = True
                continue
            if glossary and (":" in view or not self._short(line)):
                continue
            glossary = False
            if i in meta:
                cue = recognise(_QUOTE_PREFIX.sub("", view, count=1))
                if cue and cue.kind == "line" and cue.info:
                    items.append(_Item(i, 0, replace(cue, kind="lecturer")))
                continue
            if heading := _MD_HEADING.fullmatch(view):
                if label := self._heading_label(heading.group(2)):  # `### 李彥秀：` over each paragraph
                    items.append(_Item(i, 0, replace(label, at=len(view))))
                continue
            if held := self._office_over_holder(i):
                items.append(_Item(i, 0, held))
                wrapped_to = i + 2
                continue
            if bold := _BOLD.fullmatch(view):  # `**三亚市教育局党委书记 吴萍**`, else a heading
                if (cue := recognise(bold.group(1))) and cue.kind == "line":
                    items.append(_Item(i, 0, replace(cue, at=len(view))))
                plain = view.strip("*_ ")  # `**Q：您为什么…？**`: a question in bold is the asker's turn
                if (cue := recognise(plain)) and cue.kind == "turn" and cue.role == MODERATOR:
                    items.append(_Item(i, 0, replace(cue, at=cue.at + view.index(plain))))
                continue
            if i < wrapped_to:
                continue  # (the rest of a wrapped label: its organisation is no speaker of its own)
            if entries := roster_entries(view):
                items += [_Item(i, 0, Cue("roster", view.partition("：")[0].strip(), entry)) for entry in entries]
                continue
            if (cue := recognise(view)) is None and (wrapped := self._wrapped_label(i)):
                items.append(_Item(i, 0, wrapped[0]))
                wrapped_to = i + wrapped[1]
                continue
            if cue is None and has_han(view[:1]) and (described := described_person(view) or self._dashed_person(line)):
                items.append(_Item(i, 0, described))
                continue
            if cue is None and attending and (entry := attendance_entry(view)):
                items.append(_Item(i, 0, Cue("roster", view.strip(), entry)))  # `教育局局長吳克儉先生 , J.P.`
                continue
            attending = (attending or cue is not None and cue.kind == "roster" and not cue.info) and not (
                cue is not None and cue.kind == "turn"
            )  # an attendance list (`出席政府官員：`) runs until the first turn
            listing = listing and cue is not None  # a list the legend opens goes on, line by line
            if cue:
                if cue.kind == "roster" and cue.info and not is_legend(cue) and self._speech_follows(i):
                    cue = replace(cue, kind="line", strong=True)  # `王芳（市商务局局长）` over her speech
                elif listing and cue.kind == "line" and cue.info and not self._speech_follows(i):
                    cue = replace(cue, kind="roster")  # `嘉  宾：…  博科娃` then `…院长  王逸舟`: listed, not speaking
                listing = listing or is_legend(cue)
                items.append(_Item(i, 0, cue))
            glued = english_glued(view) if not has_han(view[:12]) else chinese_glued(view)
            items += [_Item(i, at, cue) for at, cue in glued]
        return sorted(items + self._listed_names(items), key=lambda item: (item.line, item.at))

    def _dashed_person(self, line: Line) -> Cue | None:
        """A section header that describes a person in words no title list holds, their name
        last, then a dash (`退休后服务边疆的“银龄医师”王立成——`): the name the page's own
        evidence reads there (`PageNames`: printed again, introduced, a family name), after a
        description of four characters or more. A weak cue: accepted where other section
        headers of the page end so."""
        raw = self.text[line.start : line.end].rstrip()
        if (dash := CLOSING_DASH.search(raw)) is None or len(raw) > _MAX_DASHED:
            return None
        end = line.start + dash.start()
        name = self.names.ending_at(end, floor=line.start, strong=True)
        if name is None or name.start + len(name.text) != end or self.names.count(name.text) < 2:
            return None
        description = self.text[line.start : name.start].strip()
        if len(description) < 4:
            return None
        return Cue("line", line.view, describe_chinese(name.text, (description,)), len(line.view), role=DASHED)

    def _listed_names(self, items: list[_Item]) -> list[_Item]:
        """Lines that are only the name of someone a participant list prints with a dash and
        their office or firm (`Colette Kress - EVP & CFO`, then `Colette Kress` alone over each of
        her speeches, as call transcripts print them; in bold, its office in italics on the next
        line, as Seeking Alpha prints them), or right beside such a line without one (`Sean
        Dorsey`): speaker lines, two listed people or more."""
        listed = {
            item.cue.info.speaker: (item.line, item.cue.info)
            for item in items
            if item.cue.kind == "line" and item.cue.info and is_titled_line(item.cue.label.strip())
        }
        if len(listed) < 2:
            return []
        taken = {item.line for item in items}
        rows = {line for line, _ in listed.values()}
        beside = {j + d for j in rows for d in (-1, 1) if 0 <= j + d < len(self.lines)} - taken - rows
        for i in sorted(beside):
            # `Sean Dorsey` in the list, on the line right before or after a listed name
            joined = (
                i + 1 in rows and not self.lines[i + 1].blank_before or i - 1 in rows and not self.lines[i].blank_before
            )
            name = _plain(self.lines[i].view) if joined else ""
            if len(name.split()) >= 2 and name not in listed and (info := english_speaker(name)):
                listed[name] = (i, info)
        found = []
        for i, line in enumerate(self.lines):
            if i in taken or (name := _plain(line.view)) not in listed or listed[name][0] == i:
                continue
            if self._stands_over_speech(i):
                found.append(_Item(i, 0, Cue("line", name, listed[name][1], len(line.view))))
            elif (office := self._office_below(i)) is not None:
                info = listed[name][1]
                info = replace(info, titles=(*info.titles, office)) if office not in info.titles else info
                found.append(_Item(i, 0, Cue("line", name, info, len(line.view), strong=True)))
                found.append(_Item(i + 1, 0, Cue("credit", office)))  # the office: not speech
        return found

    def _office_below(self, i: int) -> str | None:
        """The office printed in italics on the line right under line i (`*Senior VP, CFO*`),
        itself over a paragraph of speech; None otherwise."""
        below = self.lines[i + 1] if i + 1 < len(self.lines) else None
        if below is None or below.blank_before or not self.lines[i].blank_before:
            return None
        after = self.lines[i + 2] if i + 2 < len(self.lines) else None
        if not (m := _ITALIC_LINE.fullmatch(below.view.strip())) or after is None or not after.blank_before:
            return None
        return m.group(1).strip() if self._reads_as_speech(after) else None

    def _wrapped_label(self, i: int) -> tuple[Cue, int] | None:
        """A label in capitals that a hearing's first turn wraps over two or three lines
        (`ASSEMBLY MEMBER AMY PAULIN, CHAIR,` / `ASSEMBLY STANDING COMMITTEE ON …,` /
        `AUTHORITIES AND COMMISSIONS:   Welcome everyone.`; `MR. PATRICK J. FOYE, CHAIRMAN & CEO,` /
        `METROPOLITAN TRANSPORTATION AUTHORITY:   Thank you.`): the turn, from its first line,
        and how many lines it runs over."""
        parts = []
        for used, line in enumerate(self.lines[i : i + _MAX_WRAPPED], 1):
            head, colon, rest = line.view.strip().partition(":")
            if not head or has_han(head) or not is_all_caps(head) or not parts and "," not in head:
                return None  # (the first line holds the name and the comma before the offices: no heading)
            if any(ch.isdigit() for ch in head):
                return None  # `WEDNESDAY, 11TH MAY, 2016, AT 9.00 A.M.` / `PRESENT IN THE CHAIR:`: a date, no one
            parts.append(head)
            if colon:
                own = recognise(line.view)
                if len(parts) < 2 or not rest.strip() or own and not (own.info and names_a_body(own.info.speaker)):
                    return None  # (`MR. HAYES:` under a heading naming him is a label of its own)
                name, _, titles = " ".join(parts).partition(",")  # the person, then their offices
                cue = recognise(f"{name}: {rest.strip()}")
                if not cue or cue.kind != "turn" or not cue.info:
                    return None
                offices = (titles.strip(" ,").title(),) if titles.strip(" ,") else ()
                info = replace(cue.info, titles=(*cue.info.titles, *offices))
                return replace(cue, label=" ".join(parts), info=info, at=0), used
        return None

    def _office_over_holder(self, i: int) -> Cue | None:
        """An office in capitals on its own line over its holder's name in brackets, and then
        the holder's words (`THE MINISTER OF STATE IN THE MINISTRY OF HEALTH AND FAMILY
        WELFARE` / `(SMT. ANUPRIYA PATEL)`, as parliaments print a written answer's minister)."""
        if i + 2 >= len(self.lines):
            return None
        office, holder = (self.lines[j].view.strip().strip("*_ ") for j in (i, i + 1))
        inner = re.fullmatch(r"\((?P<name>[^()]{3,60})\)", holder)
        if not inner or has_han(office) or not is_all_caps(office) or len(office) > _MAX_TITLE:
            return None
        role, person = english_speaker(office), english_speaker(inner.group("name"))
        if not role or not role.roles or not person or len(person.speaker.split()) < 2 or person.roles:
            return None
        if not self._reads_as_speech(self.lines[i + 2]):
            return None
        titled = replace(person, titles=(office, *person.titles), roles=role.roles)
        return Cue("line", f"{office} {holder}", titled, len(self.lines[i].view), strong=True, role=HELD_OFFICE)

    def _captions(self, items: list[_Item]) -> frozenset[int]:
        """Where photo captions start: a line right before a photographer's credit (`张  妍摄`)."""
        credits = {i.line for i in items if i.cue.kind == "credit" and _PHOTO_CREDIT.search(i.cue.label)}
        cues = {i.line for i in items}
        return frozenset(self.lines[i - 1].start for i in credits if i > 0 and i - 1 not in cues)

    def _speech_follows(self, i: int) -> bool:
        """The next line is a paragraph of speech: long, or ending a sentence."""
        if i + 1 >= len(self.lines):
            return False
        nxt = self.lines[i + 1]
        if _ITALIC_LINE.fullmatch(nxt.view.strip()) and not nxt.blank_before and i + 2 < len(self.lines):
            nxt = self.lines[i + 2]  # `*Senior VP, CFO*` right under the name: the office, then the speech
        return self._reads_as_speech(nxt) and recognise(nxt.view) is None

    def _reads_as_speech(self, line: Line) -> bool:
        """A line of speech, not a heading or a label: long, or ending a sentence."""
        return line.end - line.start > _MIN_SPEECH or ends_sentence(self.text, line.start, line.end)

    def _short(self, line: Line, limit: int = _MAX_HEADING) -> bool:
        """A line shaped like a heading: short, ending no sentence."""
        return len(line.view.strip()) <= limit and not ends_sentence(self.text, line.start, line.end)

    def _accept(self, items: list[_Item]) -> list[_Item]:
        """The cues the document supports (see the module docstring)."""
        chat = self._chat_styles(items)  # `note: …`, `<br> …`, `title:` over a chat log: no one's nickname
        items = [
            i
            for i in items
            if not i.cue.chat or i.cue.chat in chat and self._chat_holds(i.cue) and i.line >= self._front_matter_end
        ]
        labels = Counter(_key(item.cue) for item in items if item.cue.kind in ("turn", "line"))
        titled = {unpad(i.cue.info.speaker) for i in items if i.cue.info and i.cue.info.titles}
        english = [i for i in items if i.cue.kind == "turn" and not has_han(i.cue.label)]
        # some label recurs, or two people or more are labelled by title and name in capitals
        # (`PRIME MINISTER KISHIDA:` / `PRESIDENT BIDEN:`: leaders' remarks, one turn each)
        titled_caps = {_key(i.cue) for i in english if i.at == 0 and i.cue.info.titles and is_all_caps(i.cue.label)}
        # … or by an honorific and a name in capitals (`Mr PATRICK BASA -`, a question and its answer)
        honorific_caps = {
            _key(i.cue)
            for i in english
            if i.at == 0
            and i.cue.label.split()[0].lower().strip(".") in EN_HONORIFICS
            and is_all_caps(i.cue.info.speaker)
        }
        english_turns = any(labels[_key(i.cue)] >= 2 for i in english) or len(titled_caps | honorific_caps) >= 2
        named = [i for i in english if sum(c.isalpha() for c in i.cue.label) >= 2]  # not `Q`, `A`: no style
        caps_style = english_turns and sum(is_all_caps(i.cue.label) for i in named) > 0.5 * len(named)
        starts_line = Counter(_key(i.cue) for i in english if i.at == 0)
        # turns labelled as the Congressional Record labels them (`Mr. NIELDS:`), two people or more
        record_style = len({_key(i.cue) for i in english if i.at == 0 and RECORD_LABEL.fullmatch(i.cue.label)}) >= 2
        # the page's own pattern: glued `title+name` lines standing alone over a speech,
        # two or more of them, introduce speakers alike
        lone_glued = {
            i.line
            for i in items
            if i.cue.kind == "line"
            and not i.cue.strong
            and has_han(i.cue.label)
            and i.cue.role != DESCRIBED
            and self._stands_over_speech(i.line)
        }
        # the same pattern framed by a heading: a line describing a person in other words
        # (`…商户赵金桥`) joins where two lines the recogniser reads are framed alike
        framed = sum(
            1
            for i in items
            if i.cue.kind == "line" and not i.cue.strong and i.cue.role != DESCRIBED and self._framed(i.line)
        )
        # section headers that end with a dash (`坚守边疆15年的基层医生索朗片多——`), read
        # whole by the recogniser: two or more make the page's style for those it cannot read
        dashed_headers = sum(
            1 for i in items if i.cue.kind == "line" and i.cue.strong and CLOSING_DASH.search(i.cue.label)
        )
        # an office over its holder's name answers a question (`THE MINISTER OF …` / `(SMT. …)`):
        # the asker's label alone on its line, over the question, is its pair
        held = sum(1 for i in items if i.cue.role == HELD_OFFICE)
        # a page of `姓名：…` turns (a hearing where each citizen speaks once): three people
        # or more labelled alike make every such label a turn
        named_turns = {
            key
            for i in items
            if i.cue.kind == "turn" and i.at == 0 and has_han(i.cue.label) and is_chinese_name(i.cue.info.speaker)
            for key in (_key(i.cue),)
        }
        # English labels alone on their lines, each over its speech (`Mr. Michel Gauthier
        # (Roberval, BQ):` / `Mr. Speaker, I rise…`): two or more naming a person make the page's style
        lone = [
            i
            for i in items
            if i.cue.kind == "line"
            and not has_han(i.cue.label)
            and i.cue.info
            and not names_a_body(i.cue.info.speaker)  # not an agenda item (`Furlong Road Development:`)
            and self._speech_follows(i.line)
        ]
        lone_labels = {
            i.line
            for i in lone
            if len(i.cue.info.speaker.split()) >= 2
            or i.cue.info.titles
            or i.cue.info.units
            or i.cue.role
            or any(role != "unidentified" for role in i.cue.info.roles)  # `Emcee:`, `Host:`
        }
        # … or surnames alone, each again and again and printed in full elsewhere on the page
        # (`**Abbate:**` / `**Menzel:**`, an interview that names `Janet Abbate` once)
        surnames = {key for i in lone if labels[key := _key(i.cue)] >= 3 and self._printed_in_full(i.cue.info.speaker)}
        # … and where either is so, a one-word label alone on its line again and again (`Murch:`),
        # or one the page prints in full (`**Fitzpatrick:**`, once)
        if len(lone_labels) >= 2 or len(surnames) >= 2:
            lone_labels |= {
                i.line for i in lone if labels[_key(i.cue)] >= 2 or self._printed_in_full(i.cue.info.speaker)
            }
        # names listed under an attendance header before the first turn (`出席議員：` /
        # `涂謹申議員` / …) are who attended, not speaker lines
        first_turn = next((i.line for i in items if i.cue.kind == "turn" and i.cue.kind in self.kinds), None)
        header = next((i.line for i in items if i.cue.kind == "roster" and not i.cue.info), None)
        listed = {
            i.line
            for i in items
            if i.cue.kind == "line" and header is not None and first_turn is not None and header < i.line < first_turn
        }
        run_together = {
            key for i in english if i.at > 0 and not has_han(i.cue.label) and labels[key := _key(i.cue)] >= 2
        }
        interviewed = any(i.cue.kind == "turn" and i.cue.role == MODERATOR and has_han(i.cue.label) for i in items)
        # a cover page's list of who presides and attends backs a turn's label (`PRESIDING:` /
        # `Senator Malcolm A. Smith`, then `SENATOR SMITH:` once)
        first_english = next((i.line for i in english if i.at == 0), None)
        front = english_front_matter([line.view for line in self.lines[:first_english]]) if first_english else None
        # (a page of `Name - Title` lines is a transcript when someone speaks twice, not a list of names)
        recurring_lone = any(labels[_key(i.cue)] >= 2 for i in items if i.line in lone_labels)
        # … or when a call's operator speaks among them (`Operator` / `Daniel Bohsen--Head of
        # Investor Relations`: a call cut before anyone speaks twice)
        recurring_lone = recurring_lone or any(i.cue.role == MODERATOR and i.line in lone_labels for i in items)
        accepted = []
        for item in items:
            cue, key = item.cue, _key(item.cue)
            if item.line in listed or self._ends_a_list(item):
                continue
            if cue.kind not in _SPEAKER_KINDS:  # credit, marker, roster, author
                ok = True
            elif cue.kind not in self.kinds:
                ok = False
            elif cue.kind in ("after", "lecturer") or cue.chat:  # (a nickname: the page's style, `_chat_styles`)
                ok = True
            elif has_han(cue.label) and item.at > 0:  # inside a line: a label the page's turns bear out
                ok = labels[key] >= 2 and (cue.strong or is_chinese_name(cue.info.speaker) or interviewed)
            elif has_han(cue.label):
                if cue.role == DESCRIBED:
                    ok = framed >= 2 and self._framed(item.line)
                elif cue.role == DASHED:
                    ok = dashed_headers >= 2
                elif cue.kind == "line" and not cue.strong:  # a name glued to its title
                    ok = self._framed(item.line) or item.line in lone_glued and len(lone_glued) >= 2
                    # or a name and a colon alone on their line, again and again, each over its speech
                    ok = ok or labels[key] >= 2 and is_chinese_name(cue.info.speaker) and self._labels_alone(item.line)
                else:
                    # a name, or whoever answers an interviewer's turns (`记者：` / `风天：`, a pen name)
                    recurs = labels[key] >= 2 and (is_chinese_name(cue.info.speaker) or interviewed)
                    alike = len(named_turns) >= 3 and key in named_turns
                    ok = cue.strong or recurs or alike or cue.info.speaker in titled or self._has_role(cue)
            elif cue.role == HELD_OFFICE:  # an office over its holder's name, then the holder's words
                ok = True
            elif cue.kind == "line":  # an English label with nothing after it speaks elsewhere too
                ok = english_turns and labels[key] >= 2 and starts_line[key] >= 1
                dashed = is_titled_line(cue.label)  # `Rob Mionis - President & CEO`, not `Name (…):`
                ok = ok or item.line in lone_labels and len(lone_labels) + held >= 2 and (recurring_lone or not dashed)
            elif item.at > 0:  # inside a line: a label that also starts lines, or the record's style
                ok = starts_line[key] >= 1 or record_style and bool(RECORD_LABEL.fullmatch(cue.label))
                # or the page runs its turns together: two labels or more recur inside its lines
                ok = ok or len(run_together) >= 2 and (key in run_together or " " in cue.info.speaker)
            else:
                ok = english_turns and (
                    labels[key] >= 2
                    or cue.role == MODERATOR  # a lone `Q:` among the page's turns
                    or self._has_role(cue)
                    or len(cue.info.speaker.split()) >= 2
                    or cue.label.split()[0].lower() in EN_HONORIFICS  # `Mr Keith:`, once, among the page's turns
                    or _heads_a_title(cue.label.split()[0])  # `Sen. (Prof.) Lonyangapuo:`, once
                    or len(cue.label.split()) >= 3
                    and bool(cue.info.titles)  # `Police Chief Hudak:`, once
                    or bool(cue.info.units)  # a seat or party in brackets: `Ms BATES (Mudgeeraba—LNP) (11.38 am):`
                    or caps_style
                    and is_all_caps(cue.label)
                )
                ok = ok or front is not None and front.lists(cue.info)
                # a first name or surname alone, once, that names one of those the page lists as attending
                ok = ok or english_turns and attendee_for(cue.info.speaker, self._attendees) is not None
            if ok:
                accepted.append(item)
        return accepted

    def _printed_in_full(self, surname: str) -> bool:
        """Whether the page prints a one-word name after a first name (`Janet Abbate`)."""
        return " " not in surname and re.search(rf"\b[A-Z][a-z]+ {re.escape(surname)}\b", self.text) is not None

    def _chat_styles(self, items: list[_Item]) -> set[str]:
        """How the page prints turns under nicknames, as chat logs and minutes do: "irc" where two
        nicknames or more in angle brackets begin lines again and again (`<sarang>`); on a page
        that lists who attended, "scribe" too where two nicknames or more in either form do
        (`mk:`), and "bold" where two first names in bold open paragraphs so (`**Jorge** opens …`)."""

        def recurring(*kinds: str) -> int:  # nicknames of these kinds that begin lines twice or more
            counts = Counter(_key(i.cue) for i in items if i.cue.chat in kinds and i.cue.kind == "turn")
            return sum(n >= 2 for n in counts.values())

        styles = {"irc"} if recurring("irc") >= 2 else set()
        if self._attendees and recurring("irc", "scribe") >= 2:
            styles |= {"irc", "scribe"}
        if self._attendees and recurring("bold") >= 2:
            styles.add("bold")
        return styles

    @cached_property
    def _front_matter_end(self) -> int:
        """The first line after a leading YAML front matter (`---` … `---`), else 0."""
        views = [line.view.strip() for line in self.lines[:60]]
        if views[:1] == ["---"] and "---" in views[1:]:
            return views.index("---", 1) + 1
        return 0

    def _chat_holds(self, cue: Cue) -> bool:
        """A first name in bold opens minutes of an attendee's words only if it names one."""
        return cue.chat != "bold" or attendee_for(cue.label, self._attendees) is not None

    @cached_property
    def _attendees(self) -> list[str]:
        return listed_attendees(self.text)

    def _ends_a_list(self, item: _Item) -> bool:
        """An English label that closes a list of people addressed, the line before going on
        with `;` (`President Michel;` / `President von der Leyen: A great honor…`): a salutation."""
        return (
            item.at == 0
            and item.line > 0
            and not has_han(item.cue.label)
            and self.lines[item.line - 1].view.rstrip().endswith(";")
        )

    def _has_role(self, cue: Cue) -> bool:
        return cue.label in self.speaker_roles or bool(cue.info and cue.info.speaker in self.speaker_roles)

    def _framed(self, i: int) -> bool:
        """Line i, a block of its own, sits between a heading (a short line opening a block,
        ending no sentence, naming nobody) and a line of speech — or is followed by its
        speech's heading and then the speech (`…分系统总师陈立新` / `在试验中找到答案` / …)."""
        if i == 0 or i + 1 >= len(self.lines):
            return False
        before, after = self.lines[i - 1], self.lines[i + 1]
        if self._heading_line(before) and self._reads_as_speech(after):
            return True
        return (
            self.lines[i].blank_before
            and i + 2 < len(self.lines)
            and self._heading_line(after)
            and self._reads_as_speech(self.lines[i + 2])
            and self.lines[i + 2].blank_before
        )

    def _labels_alone(self, i: int) -> bool:
        """Line i is a label and its colon (`**刘春城：**`), and speech follows it."""
        return self.lines[i].view.strip("*_ ").endswith(("：", ":")) and self._speech_follows(i)

    def _stands_over_speech(self, i: int) -> bool:
        """Line i is a block of one line, and a paragraph of speech follows it."""
        after = self.lines[i + 1] if i + 1 < len(self.lines) else None
        return self.lines[i].blank_before and after is not None and after.blank_before and self._reads_as_speech(after)

    def _heading_line(self, line: Line) -> bool:
        return line.blank_before and self._short(line) and not recognise(line.view)

    # -- names -----------------------------------------------------------------------------
    def _roster(self, items: list[_Item], accepted: list[_Item]) -> Roster:
        """Participants the document lists: English front matter before the first turn,
        Chinese roster entries, and Chinese labels printed with their titles."""
        first_turn = next((i.line for i in accepted if i.cue.kind in _OPENS), len(self.lines))
        english = not has_han(accepted[0].cue.label) if accepted else not has_han(self.text[:2000])
        roster = english_front_matter([line.view for line in self.lines[:first_turn]]) if english else Roster()
        for item in items:
            if item.cue.kind == "roster" and item.cue.info:
                roster.add(item.cue.info)
        for item in accepted:
            info = item.cue.info
            if (
                item.cue.kind in ("turn", "line")
                and info
                and info.titles
                and has_han(info.speaker)
                and info.speaker not in info.titles
            ):
                roster.add(info)  # a person printed with titles (not an office named alone: `主持人`)
        return roster

    def _infos(self, accepted: list[_Item], roster: Roster) -> dict[str, Attribution]:
        """Every accepted label → its speaker: linked to the roster, English names in their
        fullest form, roles from a sidecar, Chinese units without the shared place."""
        infos: dict[str, Attribution] = {}
        counts = None
        for n, item in enumerate(accepted):
            cue, key = item.cue, _key(item.cue)
            if not cue.info or cue.kind not in ("turn", "line", "after", "lecturer") or key in infos:
                continue
            info = roster.link(cue.info)
            # (initials are printed in capitals: a short label in any case is theirs, `Ab` for AB)
            if full := self._initialled.get(cue.label.upper() if len(cue.label) <= 3 else cue.label):
                info = replace(info, speaker=full)  # `MBS:` after an attendee list's `Myles Borins (MBS)`
            elif (cue.chat or " " not in info.speaker) and (full := attendee_for(info.speaker, self._attendees)):
                info = replace(info, speaker=full)  # `<jthomas>`, `Rod:` after `Present: Josh_Thomas, …` / `* Rod Vagg`
            elif not has_han(info.speaker) and (info.speaker not in roster.linked or " " not in info.speaker):
                # a roster that lists surnames only (`Mr. Corrigan, Vice Chairman`) names no one in full
                counts = counts if counts is not None else phrase_counts(self.text)
                info = fullest_name(info, self.text, counts)
                if " " not in info.speaker and n:  # two of that surname on the page (or none in full)
                    info = fullest_name(info, self._called_on(accepted[n - 1], item))
                if " " not in info.speaker and not info.roles and not is_all_caps(info.speaker):
                    before = self.text[: self.lines[item.line].start]  # a first name, the guest introduced
                    info = replace(info, speaker=introduced_by_first_name(info.speaker, before) or info.speaker)
            printed = MEMBER_OF_STATE.sub(r"\g<member>", cue.label)  # (`Mr. BROWN of California`)
            if RECORD_LABEL.fullmatch(printed) and " " not in info.speaker:
                # the page never names them in full: the label as printed (`Mr. NIELDS`)
                info = replace(info, speaker=" ".join(printed.split()))
            named = named_office(info, self.names)
            info = enrich(surnamed_office(info, self.names), self.names) if named is info else named
            info = company_staff(info, self._company, self.text)
            if is_answerer(cue.label) and (answering := self._interviewee(item.line)):
                info = replace(answering, roles=(*answering.roles, cue.label))
            elif asker := self._legend(cue.label, item.line):
                # `Q：一条` before the turns: Q is 一条; `主持人：…副教授  吴  浩`: the host is 吴浩
                info = roster.link(replace(info, speaker=asker))
            if role := self.speaker_roles.get(cue.label) or self.speaker_roles.get(info.speaker):
                info = replace(info, roles=(role,))
            infos[key] = info
        return _relative_to_place(infos)

    def _called_on(self, before: _Item, item: _Item) -> str:
        """The turn before a speaker's first: where a chair or counsel names whom they call on
        (`Claire Mitchell King's Counsel, …` before `Ms Mitchell:`, where a `Geoffrey Mitchell
        KC` is called on later)."""
        return self.text[self.lines[before.line].start : self.lines[item.line].start]

    @cached_property
    def _company(self) -> str:
        return call_company(self.text)

    @cached_property
    def _initialled(self) -> dict[str, str]:
        return names_by_initials(self.text)

    def _legend(self, label: str, before: int) -> str:
        """The name a legend line before line `before` gives this label (`Q：一条`), or ""."""
        first = self._legends.get(label)
        return first[1] if first and first[0] < before else ""

    @cached_property
    def _legends(self) -> dict[str, tuple[int, str]]:
        """Each label a legend line names → (that line, the name): the page read once."""
        found: dict[str, tuple[int, str]] = {}
        for i, line in enumerate(self.lines):
            if (named := legend(line.view)) and named[0] not in found:
                found[named[0]] = (i, named[1])
        return found

    def _interviewee(self, before: int) -> Attribution | None:
        """Who `答` is: the person the subtitle or lead (the lines before the first answer)
        says is interviewed."""
        for line in self.lines[:before]:
            if found := interviewee(line.view):
                return found
        return None

    # -- the walk --------------------------------------------------------------------------
    def _walk(self, out: _Builder, accepted: list[_Item], infos: dict[str, Attribution], meta: dict[int, Line]) -> None:
        by_line: dict[int, list[_Item]] = {}
        for item in accepted:
            by_line.setdefault(item.line, []).append(item)
        bare = self._bare_names(by_line) if "bare" in self.kinds else {}
        questions = self._unlabelled_questions(by_line)
        opening = {i for i, its in by_line.items() if any(x.cue.kind in _OPENS for x in its)} | set(bare)
        markers = {i for i, its in by_line.items() if any(x.cue.kind == "marker" for x in its)}
        # headings over narration start sections only where the page has that structure
        sections = sum(
            1
            for i in range(len(self.lines))
            if i not in by_line and self._heading(i, opening) and not self._opens_next(i, opening)
        )
        for i, line in enumerate(self.lines):
            if i in meta:
                for item in by_line.get(i, []):
                    out.open(infos.get(_key(item.cue), item.cue.info), "lecturer")
            elif i in bare:
                out.open(bare[i], "bare", awaiting_heading=True)
            elif i in questions:
                out.turn(_REPORTER)
                out.add(line.start, line.end, True)
            elif i in by_line:
                self._cue_line(out, line, sorted(by_line[i], key=lambda x: x.at), infos)
            elif heading := self._heading(i, opening):
                text, level = heading
                if out.awaiting_heading():
                    out.set_heading(text)  # printed right after its speaker line
                elif self._opens_next(i, opening):
                    out.pending_heading(text)
                elif 0 < level <= 2:
                    out.notes.append(text)
                elif level or i + 1 in markers or out.in_narration() and sections >= 2:
                    out.section(text)
                else:
                    out.add(line.start, line.end, line.blank_before)  # a sub-heading inside a speech
            else:  # (a blockquote opens a block of its own, blank line or not: a signed comment)
                quoted_first = _QUOTE_PREFIX.match(line.view) and i and not _QUOTE_PREFIX.match(self.lines[i - 1].view)
                out.add(line.start, line.end, line.blank_before or bool(quoted_first))

    def _unlabelled_questions(self, by_line: dict[int, list[_Item]]) -> set[int]:
        """Lines that ask, unlabelled, right before an answerer's turn (`一、…是什么？` then
        `答：…`), on a page whose questions carry no asker's label: the reporter's questions."""
        if any(x.cue.role == MODERATOR for items in by_line.values() for x in items):
            return set()
        answers = [
            i for i, items in by_line.items() if any(x.cue.kind == "turn" and is_answerer(x.cue.label) for x in items)
        ]
        return {
            i - 1
            for i in answers
            if i > 0 and i - 1 not in by_line and self.lines[i - 1].view.rstrip().endswith(("？", "?"))
        }

    def _cue_line(self, out: _Builder, line: Line, items: list[_Item], infos: dict[str, Attribution]) -> None:
        """Apply the cues of one line in order; words between them go to the open speech."""
        position = line.start
        for item in items:
            start = line.source_offset(item.at)
            end = start
            while end > position and self.text[end - 1].isspace():  # not the spaces before a label
                end -= 1
            if end > position:
                out.add(position, end, line.blank_before and position == line.start)
            position = self._apply(out, item, line, infos.get(_key(item.cue), item.cue.info))
        if position < line.end:
            out.add(position, line.end, False)

    def _apply(self, out: _Builder, item: _Item, line: Line, info: Attribution | None) -> int:
        """Apply one cue; where in the source the rest of its line goes on."""
        cue = item.cue
        if cue.kind == "turn":
            out.turn(info)
            return skip_blank(self.text, line.source_offset(item.at + cue.at), line.end)
        if cue.kind == "line":
            out.open(info, "line", awaiting_heading=True)
        elif cue.kind == "after":
            out.attribute_last_block(info)
        elif cue.kind == "author":
            out.add_titles(cue.info.titles)
        elif cue.kind == "credit" and cue.label[:1] in "（(—-":
            out.close()  # a closing credit ends the speech: `（本报记者…整理）`, `——编者`
        elif cue.kind == "marker":
            out.scene()
            start = skip_blank(self.text, line.source_offset(cue.at), line.end)
            if start < line.end:  # `【镜头】…`: the words after the marker are narration
                out.add(start, line.end, True)
        return line.end

    def _heading(self, i: int, opening: set[int]) -> tuple[str, int] | None:
        """(text, markdown level or 0) when line i is a heading: a markdown heading, a bold
        line, or a short line standing alone that ends no sentence (a question before a
        turn may end with ？)."""
        line = self.lines[i]
        view = line.view.strip()
        if m := _MD_HEADING.fullmatch(view):
            return _BOLD.sub(r"\1", m.group(2)), len(m.group(1))
        if m := _BOLD.fullmatch(view):
            return m.group(1).strip(), 0
        if not line.blank_before or len(view) > _MAX_HEADING or _QUOTE_PREFIX.match(view):  # (`> 可以`: a comment)
            return None
        if not (self._alone(i) or i + 1 in opening or self._heading_goes_on(i)):
            return None
        if ends_sentence(self.text, line.start, line.end) and not (
            view.endswith(("？", "?")) and self._opens_next(i, opening)
        ):
            return None
        return view, 0

    def _heading_goes_on(self, i: int) -> bool:
        """A heading printed over two short lines (`既要久久为功` / `也要只争朝夕`)."""
        if i + 1 >= len(self.lines):
            return False
        return self._short(self.lines[i + 1], _MAX_HEADING // 2) and self._alone(i + 1)

    def _opens_next(self, i: int, opening: set[int]) -> bool:
        """Whether the lines after i, past further short heading lines, open a speech."""
        for j in range(i + 1, min(i + 4, len(self.lines))):
            if j in opening:
                return True
            if not self._short(self.lines[j]):
                return False
        return False

    def _bare_names(self, by_line: dict[int, list[_Item]]) -> dict[int, Attribution]:
        """Lines that are only a name (`聂震宁`, `陈  炜`), between a heading and a speech
        (perhaps past a scene's marker: `【镜头】`), where the layout repeats: at least two
        such lines, or one whose speech ends with `（作者为…）`."""
        found: dict[int, Attribution] = {}
        for i, line in enumerate(self.lines[1:-1], start=1):
            if i in by_line or i - 1 in by_line or not line.blank_before:
                continue
            if not (name := bare_name(line.view)):
                continue
            scene = i + 1 in by_line and all(x.cue.kind == "marker" for x in by_line[i + 1])
            if (i + 1 in by_line and not scene) or i + 1 + scene >= len(self.lines):
                continue
            after = self.lines[i + 1 + scene]
            if self._short(self.lines[i - 1]) and after.blank_before and after.end - after.start > _MIN_SPEECH:
                found[i] = Attribution(name)
        authors = sorted(i for i, its in by_line.items() if any(x.cue.kind == "author" for x in its))
        closed = any(a > i and not any(i < j < a for j in found) for i in found for a in authors)
        return found if len(found) >= 2 or closed else {}


# title words that are ordinary words too, and head no title alone (`First Up:`, a segment's name)
_NOT_TITLE_ALONE = frozenset(
    "first second third acting vice chief senior general executive press lead head assistant associate special "
    "principal deputy".split()
)


def _heads_a_title(word: str) -> bool:
    """Whether a label's first word is a title that names an office by itself (`Sen.`, `Councillor`)."""
    bare = word.lower().strip(".")
    return bare in EN_TITLES and bare not in _NOT_TITLE_ALONE


def _attributed(speech: Speech) -> bool:
    return bool(speech.who.speaker)


def _share(speeches: list[Speech], which) -> float:
    """The share of the speeches' characters that are in the speeches `which` picks."""
    sizes = [(sum(b - a for a, b in s.paragraphs), which(s)) for s in speeches]
    total = sum(size for size, _ in sizes)
    return sum(size for size, picked in sizes if picked) / total if total else 0.0


def _one_narration(text: str, speeches: list[Speech]) -> list[Speech]:
    """A text with no speaker is one unattributed speech (a speaker is never invented)."""
    spans = [span for s in speeches for span in s.paragraphs]
    return [Speech(who=Attribution(), paragraphs=tuple(join_broken(text, spans)))] if spans else []


def _relative_to_place(infos: dict[str, Attribution]) -> dict[str, Attribution]:
    """Chinese units without the place most of the document's titles share (三亚)."""
    chinese = {k: i for k, i in infos.items() if has_han(i.speaker) and i.titles}
    place = shared_place([i.titles[0] for i in chinese.values()])
    if not place:
        return infos
    return {k: describe_chinese(i.speaker, i.titles, place) if k in chinese else i for k, i in infos.items()}


def family_of(used: set[str], markdown: bool) -> str:
    """The family named by the speaker cues that carried a document: the one reading most
    of them, of those the one reading fewest others (the most specific: plain, news, turns,
    digest … before attributed), and of twins the one whose `markdown` says whether the
    document has markdown headings."""
    return min(FAMILIES, key=lambda f: (-len(f.kinds & used), len(f.kinds), f.markdown != markdown)).name


# ---- building speeches ---------------------------------------------------------------------


@dataclass
class _Open:
    info: Attribution | None
    heading: str = ""
    pieces: list[tuple[int, int, bool]] = field(default_factory=list)  # (start, end, starts a block)
    awaiting_heading: bool = False
    resumed: bool = False  # goes on after a scene: the speaker's only if it says 我 (`_Builder.done`)


_REPORTER = Attribution("记者", roles=(MODERATOR,))  # who asks the questions a page prints unlabelled


class _Builder:
    """Collects speeches in order as the walk goes; `current` is the open one."""

    def __init__(self, text: str):
        self.text = text
        self.speeches: list[_Open] = []
        self.current: _Open | None = None
        self.notes: list[str] = []
        self.kinds_used: set[str] = set()
        self._pending: list[str] = []
        self._resume: _Open | None = None  # a speech a scene's paragraph interrupts (`scene`)

    def open(self, info: Attribution | None, kind: str, *, awaiting_heading: bool = False) -> None:
        heading = " ".join(self._pending)
        self._pending = []
        if info:
            info = replace(info, cue=_CUE_OF_KIND.get(kind, info.cue))
        self.current = _Open(info, heading, awaiting_heading=awaiting_heading and not heading)
        self.speeches.append(self.current)
        if info:
            self.kinds_used.add(kind)

    def turn(self, info: Attribution) -> None:
        """A turn; the same speaker's consecutive turns are one speech."""
        last = self.current
        if not (last and last.info and last.info.speaker == info.speaker and not self._pending):
            self.open(info, "turn")

    def awaiting_heading(self) -> bool:
        return bool(self.current and self.current.awaiting_heading and not self.current.pieces)

    def set_heading(self, text: str) -> None:
        self.current.heading = f"{self.current.heading} {text}".strip()

    def pending_heading(self, text: str) -> None:
        self._pending.append(text)

    def section(self, text: str) -> None:
        """A heading over narration: a new narration section."""
        self._pending.append(text)
        self.open(None, "section")

    def in_narration(self) -> bool:
        return self.current is None or self.current.info is None

    def add(self, start: int, end: int, new_block: bool) -> None:
        if start >= end:
            return
        if self._resume and new_block and self.current is not None and self.current.pieces:
            self._resumed()
        if self.current is None:
            self.open(None, "narration")
        self.current.awaiting_heading = False
        self.current.pieces.append((start, end, new_block or not self.current.pieces))

    def close(self) -> None:
        self.current = None

    def scene(self) -> None:
        """A scene's marker (`【镜头】`): its paragraph is narration. Right after a speaker's
        name, before any words of theirs, the speech goes on after that paragraph (a signed
        piece opening with a scene: `靳利铭` / `【镜头】` / `晚上8点…` / `最近，由我主持…`)."""
        opened = self.current
        self.current = None
        if opened and opened.info and not opened.pieces:
            self._resume = opened

    def _resumed(self) -> None:
        """The speech a scene interrupted, from the paragraph after the scene on."""
        opened, self._resume = self._resume, None
        self.current = _Open(opened.info, opened.heading, resumed=True)
        self.speeches.append(self.current)

    def attribute_last_block(self, info: Attribution) -> None:
        """`——name` after a paragraph: that paragraph is the named speaker's."""
        source = self.current or (self.speeches[-1] if self.speeches else None)
        self.current = None
        if source is None or not source.pieces or (source.info and source.info.speaker == info.speaker):
            return
        cut = max(i for i, piece in enumerate(source.pieces) if piece[2])
        self.speeches.append(_Open(replace(info, cue="after"), "", source.pieces[cut:]))
        del source.pieces[cut:]
        self.kinds_used.add("after")

    def add_titles(self, titles: tuple[str, ...]) -> None:
        """`（作者为…）` after a speech: titles for its speaker; the speech ends."""
        target = next((s for s in reversed(self.speeches) if s.info), None)
        if target and not target.info.titles:
            target.info = describe_chinese(target.info.speaker, titles)
        self.current = None

    def done(self) -> list[Speech]:
        speeches = []
        for s in self.speeches:
            if paragraphs := _paragraphs(self.text, s.pieces):
                info = s.info or Attribution("")
                if s.resumed and not any("我" in self.text[a:b] for a, b in paragraphs):
                    info = Attribution("")  # after the scene, an account of them, not theirs
                speeches.append(Speech(who=replace(info, heading=s.heading), paragraphs=tuple(paragraphs)))
        return speeches


def _paragraphs(text: str, pieces: list[tuple[int, int, bool]]) -> list[Span]:
    """Pieces of lines → paragraphs: a new one at each block start and after a line that
    ends a sentence; paragraphs cut by a page break joined again (`join_broken`)."""
    spans: list[Span] = []
    previous_ends = True
    for start, end, new_block in pieces:
        if new_block or previous_ends or not spans:
            spans.append((start, end))
        else:
            spans[-1] = (spans[-1][0], end)
        previous_ends = ends_sentence(text, start, end)
    return join_broken(text, spans)
