"""Transcripts printed as text, in any layout: speeches found with the speaker recogniser.

1. `index.furniture` gives the content lines (line numbers, page numbers, running
   headers left out; offsets still into the source).
2. `index.speakers.recognise` says what each line is: a turn label, a speaker line, an
   attribution after the words, a credit, a marker, a roster entry — or speech.
3. Cues are accepted by evidence from the whole document (`_accept`): a title or status
   in the label, a bracket, a roster entry, a label that recurs, the label style of the
   other turns; credits and bylines never are.
4. Rosters and first turns give short labels their full names and titles (`index.roster`).
5. One walk over the lines builds the speeches (`_Builder`): a turn or speaker line opens
   one, a heading before it (or right after a speaker line) becomes its heading, an
   attribution after a paragraph claims that paragraph, `（作者为…）` adds titles to the
   speech before it, a closing credit or a marker ends it.
6. What no cue claims stays narration (speaker ""), except where the document says
   unambiguously who it belongs to: a section about one titled person (`…市长吴之凌代表`
   quoted throughout), a lecturer named in the byline, minutes that report who `stated`
   or `asked` each sentence (`_reported_speech`).

The layout family (`format`) says which cues carried the document: "digest-md" and
"digest" (speaker lines under headings), "turns" (labels), "attributed" (attributions
after the words, sections about one person), "minutes" (reported speech), "plain" (none).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from index.formats.common import date_from_notes, split_trailing_notes
from index.furniture import Line, PageText, read_lines
from index.records import ParsedDocument, Span, Speech
from index.roster import Roster, english_front_matter, fullest_name, phrase_counts
from index.speakers import (
    Cue,
    bare_name,
    chinese_person,
    english_glued,
    is_all_caps,
    recognise,
    unpad,
)
from index.text import ends_sentence, has_han, join_broken
from index.titles import SpeakerInfo, describe_chinese, shared_place

DIGEST_MD = "digest-md"
DIGEST = "digest"
TURNS = "turns"
ATTRIBUTED = "attributed"
MINUTES = "minutes"
PLAIN = "plain"
FAMILIES = (DIGEST_MD, DIGEST, TURNS, ATTRIBUTED, MINUTES, PLAIN)
# which cue kinds each family may use when it is asked for by name (`--format`, rebuild)
_KINDS = {
    DIGEST_MD: {"line", "after", "author", "bare"},
    DIGEST: {"line", "after", "author", "bare"},
    TURNS: {"turn"},
    ATTRIBUTED: {"line", "turn", "after", "author", "bare", "profile", "lecturer"},
    MINUTES: {"reported"},
    PLAIN: set(),
}
_ALL_KINDS = {"line", "turn", "after", "author", "bare", "profile", "lecturer", "reported"}

_MD_HEADING = re.compile(r"(#{1,6})\s+(.+?)\s*#*")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_QUOTE_PREFIX = re.compile(r">\s?")
_MAX_HEADING = 40
_MIN_SPEECH = 40  # a line at least this long (or ending a sentence) reads as speech, not a heading


@dataclass(frozen=True)
class _Item:
    """A cue at a place in a line: `line` index, `at` the view index where it starts."""

    line: int
    at: int
    cue: Cue


def parse_transcript(text: str, *, fmt: str | None = None, speaker_roles: dict[str, str] | None = None) -> ParsedDocument:
    """Parse `text` (any layout; `fmt` limits the cues to one family's, see _KINDS)."""
    return _Parser(text, fmt, speaker_roles or {}).parse()


def detect_family(text: str) -> str:
    """The layout family `text` would be parsed as."""
    return _Parser(text, None, {}).parse().format


class _Parser:
    def __init__(self, text: str, fmt: str | None, speaker_roles: dict[str, str]):
        self.text = text
        self.kinds = _KINDS[fmt] if fmt else _ALL_KINDS
        self.fmt = fmt
        self.speaker_roles = speaker_roles
        self.end, self.notes = split_trailing_notes(text)
        page = read_lines(text)
        lines = tuple(line if line.end <= self.end else line.clipped(self.end) for line in page.lines if line.start < self.end)
        self.page = PageText(tuple(line for line in lines if line.view), page.furniture, page.line_numbered)
        self.lines = self.page.lines

    # -- cues ------------------------------------------------------------------------------
    def parse(self) -> ParsedDocument:
        meta, title, md_notes = self._metadata()
        items = self._items(meta)
        accepted = self._accept(items)
        if 0 in meta and title == meta[0].view.strip() and not any(i.cue.info for i in accepted):
            del meta[0]  # a text without speakers has no title line to take off: it is all narration
            title = ""
        roster = self._roster(items, accepted)
        infos = self._infos(accepted, roster)
        builder = _Builder(self.text, self.lines, meta)
        self._walk(builder, items, accepted, infos)
        speeches = builder.done()
        used = {kind for kind in builder.kinds_used}
        if not any(s.speaker for s in speeches) and "reported" in self.kinds and not has_han(self.text[:2000]):
            speeches, used = _reported_speech(self.text, self.lines, meta), {"reported"}
            if not any(s.speaker for s in speeches):
                speeches, used = builder.done(), set()
        if "profile" in self.kinds:
            speeches = _profiles(self.text, speeches, used)
        if not any(s.speaker for s in speeches):
            speeches = _one_narration(self.text, speeches)
        family = self.fmt or _family(used, builder.markdown)
        notes = tuple(builder.notes) + self.notes
        date = date_from_notes(notes) or date_from_notes(tuple(self.text[l.start : l.end] for l in meta.values()))
        return ParsedDocument(
            self.text, family, tuple(speeches), title, date, notes, furniture=self.page.furniture
        )

    def _metadata(self) -> tuple[dict[int, Line], str, list[str]]:
        """Lines that are document metadata, not speech: markdown blockquotes (bylines,
        mastheads), the title (`# …`, or a first line standing alone), level-2 headings."""
        meta: dict[int, Line] = {}
        title, notes = "", []
        for i, line in enumerate(self.lines):
            if _QUOTE_PREFIX.match(line.view):
                meta[i] = line
            elif m := _MD_HEADING.fullmatch(line.view):
                if len(m.group(1)) == 1 and not title:
                    title = m.group(2)
                    meta[i] = line
        if not title and self.lines and self._alone(0) and not recognise(self.lines[0].view) and not _MD_HEADING.fullmatch(self.lines[0].view):
            first = self.lines[0]
            if first.end - first.start <= 80 and not ends_sentence(self.text, first.start, first.end):
                title = first.view.strip()
                meta[0] = first
        return meta, title, notes

    def _alone(self, i: int) -> bool:
        return i + 1 >= len(self.lines) or self.lines[i + 1].blank_before

    def _items(self, meta: dict[int, Line]) -> list[_Item]:
        items: list[_Item] = []
        for i, line in enumerate(self.lines):
            view = line.view
            if i in meta:
                if cue := recognise(_QUOTE_PREFIX.sub("", view, count=1)):
                    if cue.kind == "line" and cue.info and "lecturer" in self.kinds:
                        items.append(_Item(i, 0, replace(cue, kind="lecturer")))
                continue
            if _MD_HEADING.fullmatch(view) or _BOLD.fullmatch(view):
                continue
            if cue := recognise(view):
                items.append(_Item(i, 0, cue))
            if not has_han(view[:12]):
                items += [_Item(i, at, cue) for at, cue in english_glued(view)]
        return items

    def _accept(self, items: list[_Item]) -> list[_Item]:
        """The cues the document supports (see the module docstring)."""
        labels = Counter(_key(item.cue) for item in items if item.cue.kind in ("turn", "line"))
        named = {unpad(i.cue.info.name) for i in items if i.cue.info and i.cue.info.titles}
        roster_names = {i.cue.info.name for i in items if i.cue.kind == "roster" and i.cue.info}
        english = [i for i in items if i.cue.kind == "turn" and not has_han(i.cue.label)]
        english_turns = any(labels[_key(i.cue)] >= 2 for i in english)
        caps_style = english_turns and sum(is_all_caps(i.cue.label) for i in english) > 0.5 * len(english)
        turn_starts = Counter(_key(i.cue) for i in english if i.at == 0)
        accepted = []
        for item in items:
            cue = item.cue
            if cue.kind in ("credit", "marker", "roster", "author"):
                accepted.append(item)
                continue
            if cue.kind == "after":
                if "after" in self.kinds:
                    accepted.append(item)
                continue
            if cue.kind == "lecturer":
                accepted.append(item)
                continue
            if cue.kind not in self.kinds and not (cue.kind == "line" and "bare" in self.kinds and False):
                continue
            key = _key(cue)
            if cue.kind == "line" and not cue.strong and has_han(cue.label):
                ok = self._framed(item.line)  # a name glued to its title, between a heading and speech
            elif has_han(cue.label) or cue.info and has_han(cue.info.name):
                ok = cue.strong or labels[key] >= 2 or cue.info.name in named or cue.info.name in roster_names
                ok = ok or cue.label in self.speaker_roles or cue.info.name in self.speaker_roles
            else:
                if cue.kind == "line":  # an English label with nothing after it: a speaker only if it also speaks
                    ok = english_turns and labels[key] >= 2 and turn_starts[key] >= 1
                elif item.at > 0:  # glued mid-line: only a label that also starts lines
                    ok = turn_starts[key] >= 1
                else:
                    words = len(cue.info.name.split())
                    ok = english_turns and (
                        labels[key] >= 2
                        or cue.label in self.speaker_roles
                        or words >= 2
                        or caps_style and is_all_caps(cue.label)
                    )
            if ok:
                accepted.append(item)
        return accepted

    def _framed(self, i: int) -> bool:
        """Line i sits between a heading (a short line opening a block, ending no sentence)
        and a line of speech."""
        if i == 0 or i + 1 >= len(self.lines):
            return False
        before, after = self.lines[i - 1], self.lines[i + 1]
        heading = before.blank_before and len(before.view.strip()) <= _MAX_HEADING and not ends_sentence(self.text, before.start, before.end)
        speech = after.end - after.start > _MAX_HEADING or ends_sentence(self.text, after.start, after.end)
        return heading and not recognise(before.view) and speech

    # -- names -----------------------------------------------------------------------------
    def _roster(self, items: list[_Item], accepted: list[_Item]) -> Roster:
        first_turn = next((i.line for i in accepted if i.cue.kind in ("turn", "line")), len(self.lines))
        english = accepted and not has_han(accepted[0].cue.label) if accepted else not has_han(self.text[:2000])
        roster = english_front_matter([l.view for l in self.lines[:first_turn]]) if english else Roster()
        for item in items:
            if item.cue.kind == "roster" and item.cue.info:
                roster.add(item.cue.info)
        for item in accepted:
            info = item.cue.info
            if item.cue.kind in ("turn", "line") and info and info.titles and has_han(info.name):
                roster.add(info)
        return roster

    def _infos(self, accepted: list[_Item], roster: Roster) -> dict[str, SpeakerInfo]:
        """Every accepted label → its speaker, linked to the roster; Chinese units
        relative to the place most titles share; English names in their fullest form."""
        infos: dict[str, SpeakerInfo] = {}
        counts = None
        for item in accepted:
            cue = item.cue
            if not cue.info or cue.kind not in ("turn", "line", "after", "lecturer"):
                continue
            key = _key(cue)
            if key in infos:
                continue
            info = roster.link(cue.info)
            if not has_han(info.name) and info.name not in roster.linked:
                counts = counts if counts is not None else phrase_counts(self.text)
                info = fullest_name(info, self.text, counts)
            if role := self.speaker_roles.get(cue.label) or self.speaker_roles.get(info.name):
                info = replace(info, roles=(role,))
            infos[key] = info
        return _relative_to_place(infos)

    # -- the walk --------------------------------------------------------------------------
    def _walk(self, out: _Builder, items: list[_Item], accepted: list[_Item], infos: dict[str, SpeakerInfo]) -> None:
        by_line: dict[int, list[_Item]] = {}
        for item in accepted:
            by_line.setdefault(item.line, []).append(item)
        bare = self._bare_names(by_line) if "bare" in self.kinds else {}
        cue_lines = {i for i, its in by_line.items() if any(x.cue.kind in ("turn", "line", "lecturer") for x in its)} | set(bare)
        self.marker_lines = {i for i, its in by_line.items() if any(x.cue.kind == "marker" for x in its)}
        # headings over narration make sections only where the page has that structure
        self.sectioned = sum(self._heading(i, cue_lines) is not None and not self._next_significant(i, cue_lines) for i in range(len(self.lines)) if i not in by_line) >= 2
        for i, line in enumerate(self.lines):
            if i in out.meta:
                for item in by_line.get(i, []):
                    if item.cue.kind == "lecturer":
                        out.open(infos.get(_key(item.cue), item.cue.info), "lecturer")
                continue
            if i in bare:
                out.open(bare[i], "bare", awaiting_heading=True)
                continue
            line_items = sorted(by_line.get(i, []), key=lambda x: x.at)
            if not line_items:
                self._plain_line(out, i, line, cue_lines)
                continue
            position = line.start
            for item in line_items:
                cue = item.cue
                start = line.source_offset(item.at)
                if start > position:
                    out.add(position, start, line.blank_before and position == line.start)
                position = self._apply(out, item, line, infos)

            if position < line.end:
                out.add(position, line.end, False)

    def _apply(self, out: _Builder, item: _Item, line: Line, infos: dict[str, SpeakerInfo]) -> int:
        """Apply one cue; where in the source the rest of its line continues."""
        cue = item.cue
        info = infos.get(_key(cue), cue.info)
        if cue.kind == "turn":
            out.turn(info)
            return _skip_spaces(self.text, line.source_offset(item.at + cue.at), line.end)
        if cue.kind == "line":
            out.open(info, "line", awaiting_heading=True)
        elif cue.kind == "after":
            out.attribute_last_block(info)
        elif cue.kind == "author":
            out.add_titles(cue.info.titles)
        elif cue.kind == "credit":
            if cue.label[:1] in "（(—-" or cue.label.startswith("——"):
                out.close()
            out.skip(line)
        elif cue.kind == "marker":
            out.close()
            start = _skip_spaces(self.text, line.source_offset(cue.at), line.end)
            if start < line.end:
                out.add(start, line.end, True)
            out.skip(line)
        elif cue.kind == "roster":
            out.skip(line)
        return line.end

    def _plain_line(self, out: _Builder, i: int, line: Line, cue_lines: set[int]) -> None:
        """A line with no cue: a heading, or words of the open speech (or narration)."""
        heading = self._heading(i, cue_lines)
        if heading is None:
            out.add(line.start, line.end, line.blank_before)
            return
        text, level = heading
        next_cue = self._next_significant(i, cue_lines)
        if out.awaiting_heading():
            out.set_heading(text)
        elif next_cue:
            out.pending_heading(text)
        elif level and level <= 2:
            out.note(text, line)
        elif level or i + 1 in self.marker_lines or out.in_narration() and self.sectioned:
            out.section(text)
        else:
            out.add(line.start, line.end, line.blank_before)

    def _heading(self, i: int, cue_lines: set[int]) -> tuple[str, int] | None:
        """(text, markdown level or 0) when line i is a heading: a markdown heading, a bold
        line, or a short line standing alone that ends no sentence (a question before a
        turn may end with ？)."""
        line = self.lines[i]
        view = line.view.strip()
        if m := _MD_HEADING.fullmatch(view):
            return _BOLD.sub(r"\1", m.group(2)), len(m.group(1))
        if m := _BOLD.fullmatch(view):
            return m.group(1).strip(), 0
        if not line.blank_before or len(view) > _MAX_HEADING:
            return None
        if not (self._alone(i) or i + 1 in cue_lines or self._heading_continues(i)):
            return None
        if ends_sentence(self.text, line.start, line.end):
            question = view.endswith(("？", "?"))
            if not (question and self._next_significant(i, cue_lines)):
                return None
        return view, 0

    def _heading_continues(self, i: int) -> bool:
        """A heading printed over two short lines (`既要久久为功` / `也要只争朝夕`)."""
        nxt = self.lines[i + 1] if i + 1 < len(self.lines) else None
        return bool(nxt) and len(nxt.view.strip()) <= _MAX_HEADING // 2 and not ends_sentence(self.text, nxt.start, nxt.end) and (i + 2 >= len(self.lines) or self.lines[i + 2].blank_before)

    def _next_significant(self, i: int, cue_lines: set[int]) -> bool:
        """Whether the next lines after i, past further heading lines, open a speech."""
        for j in range(i + 1, min(i + 4, len(self.lines))):
            if j in cue_lines:
                return True
            view = self.lines[j].view.strip()
            if len(view) > _MAX_HEADING or ends_sentence(self.text, self.lines[j].start, self.lines[j].end):
                return False
        return False

    def _bare_names(self, by_line: dict[int, list[_Item]]) -> dict[int, SpeakerInfo]:
        """Lines that are only a name (`聂震宁`, `陈  炜`), between a heading and a speech,
        where the layout repeats: at least two such lines, or one whose speech ends with
        `（作者为…）`."""
        found: dict[int, SpeakerInfo] = {}
        authors = [i for i, its in by_line.items() if any(x.cue.kind == "author" for x in its)]
        for i, line in enumerate(self.lines):
            if i in by_line or not line.blank_before or not (name := bare_name(line.view)):
                continue
            before = self.lines[i - 1] if i else None
            after = self.lines[i + 1] if i + 1 < len(self.lines) else None
            if not before or not after or by_line.get(i - 1) or by_line.get(i + 1):
                continue
            heading_before = len(before.view.strip()) <= _MAX_HEADING and not ends_sentence(self.text, before.start, before.end)
            speech_after = after.end - after.start > _MIN_SPEECH and after.blank_before
            if heading_before and speech_after:
                found[i] = SpeakerInfo(name)
        closed = {i for i in found if any(a > i and not any(i < j < a for j in found) for a in authors)}
        if len(found) >= 2 or closed:
            return found
        return {}


def _one_narration(text: str, speeches: list[Speech]) -> list[Speech]:
    """A text with no speaker is one unattributed speech (a speaker is never invented)."""
    spans = [span for s in speeches for span in s.paragraphs]
    return [Speech("", paragraphs=tuple(join_broken(text, spans)))] if spans else []


def _skip_spaces(text: str, start: int, end: int) -> int:
    while start < end and (text[start].isspace() or text[start] in "\u200b\u200c\u200d\ufeff"):
        start += 1
    return start


def _key(cue: Cue) -> str:
    """Labels compared across a document: padding and case ignored."""
    return re.sub(r"\s+", "", unpad(cue.label)).lower() if cue.label else (cue.info.name if cue.info else "")


def _relative_to_place(infos: dict[str, SpeakerInfo]) -> dict[str, SpeakerInfo]:
    """Chinese units without the place most of the document's titles share (三亚)."""
    chinese = {k: i for k, i in infos.items() if has_han(i.name) and i.titles}
    place = shared_place([i.titles[0] for i in chinese.values()])
    if not place:
        return infos
    return {k: describe_chinese(i.name, i.titles, place) if k in chinese else i for k, i in infos.items()}


def _family(used: set[str], markdown: bool) -> str:
    if "reported" in used:
        return MINUTES
    if used & {"after", "profile", "lecturer"} or {"turn", "line"} <= used:
        return ATTRIBUTED if used - {"turn"} else TURNS
    if "turn" in used:
        return TURNS
    if used & {"line", "bare", "author"}:
        return DIGEST_MD if markdown else DIGEST
    return PLAIN


# ---- building speeches ---------------------------------------------------------------------


@dataclass
class _Open:
    info: SpeakerInfo | None
    heading: str = ""
    pieces: list[tuple[int, int, bool]] = field(default_factory=list)  # (start, end, starts a block)
    awaiting_heading: bool = False


class _Builder:
    """Collects speeches in order as the walk goes."""

    def __init__(self, text: str, lines: tuple[Line, ...], meta: dict[int, Line]):
        self.text = text
        self.meta = meta
        self.speeches: list[_Open] = []
        self.current: _Open | None = None
        self._pending: list[str] = []
        self.kinds_used: set[str] = set()
        self.markdown = any(_MD_HEADING.fullmatch(l.view) for l in lines)
        self.notes: list[str] = []
        self._skipped: list[Span] = []

    def open(self, info: SpeakerInfo | None, kind: str, *, awaiting_heading: bool = False) -> None:
        heading = " ".join(self._pending)
        self._pending = []
        self.current = _Open(info, heading, awaiting_heading=awaiting_heading and not heading)
        self.speeches.append(self.current)
        if info:
            self.kinds_used.add(kind)

    def turn(self, info: SpeakerInfo) -> None:
        """A turn: the same speaker's consecutive turns are one speech."""
        last = self.current
        if last and last.info and last.info.name == info.name and not self._pending:
            return
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

    def note(self, text: str, line: Line) -> None:
        self.notes.append(text)

    def in_narration(self) -> bool:
        return self.current is None or self.current.info is None

    def add(self, start: int, end: int, new_block: bool) -> None:
        if start >= end:
            return
        if self.current is None:
            self.open(None, "narration")
        if self.current.awaiting_heading:
            self.current.awaiting_heading = False
        self.current.pieces.append((start, end, new_block or not self.current.pieces))

    def skip(self, line: Line) -> None:
        self._skipped.append((line.start, line.end))

    def spans_of_skip(self) -> list[Span]:
        return self._skipped

    def close(self) -> None:
        self.current = None

    def attribute_last_block(self, info: SpeakerInfo) -> None:
        """`——name` after a paragraph: that paragraph is the named speaker's."""
        source = self.current or (self.speeches[-1] if self.speeches else None)
        if source is None or not source.pieces:
            return
        if source.info and source.info.name == info.name:
            self.current = None
            return
        cut = max(i for i, piece in enumerate(source.pieces) if piece[2])
        block = source.pieces[cut:]
        del source.pieces[cut:]
        self.speeches.append(_Open(info, "", block))
        self.kinds_used.add("after")
        self.current = None

    def add_titles(self, titles: tuple[str, ...]) -> None:
        """`（作者为…）` after a speech: titles for its speaker; the speech ends."""
        target = next((s for s in reversed(self.speeches) if s.info), None)
        if target and not target.info.titles:
            target.info = describe_chinese(target.info.name, titles)
            self.kinds_used.add("author")
        self.current = None

    def done(self) -> list[Speech]:
        speeches = []
        for s in self.speeches:
            paragraphs = _paragraphs(self.text, s.pieces)
            if not paragraphs and not s.info:
                continue
            if not paragraphs:
                continue
            info = s.info or SpeakerInfo("")
            speeches.append(Speech(info.name, s.heading, info.titles, info.units, info.roles, tuple(paragraphs)))
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


# ---- sections about one person (Chinese features) -------------------------------------------

# a person introduced with titles or a status: `…市长吴之凌代表`, `陈保超代表`, `…党委书记盘健代表`
_APPOSITION = re.compile(
    r"(?P<titles>[\u4e00-\u9fff、]{2,40}?)?(?P<name>[\u4e00-\u9fff]{2,4})(?P<status>代表|委员|委員)(?![团團会會性处處权權们們名额額])"
)
_SAYS = "说|說|表示|介绍|介紹|指出|认为|認為|建议|建議|坦言|感慨|感叹|感嘆|谈到|談到|强调|強調|回忆|回憶|分享|讲述|講述|的发言|的發言"


def _profiles(text: str, speeches: list[Speech], used: set[str]) -> list[Speech]:
    """Narration sections about one person: a heading over third-person text that names
    one deputy or member with titles (`…市长吴之凌代表`) and quotes them (`吴之凌说`) more
    than anyone else. Such a section is that person's (a feature's passages belong to the
    person it is about); any other section stays narration."""
    out = []
    for speech in speeches:
        if speech.speaker or not speech.heading or not speech.paragraphs:
            out.append(speech)
            continue
        body = "".join(text[a:b] for a, b in speech.paragraphs)
        person = _subject(body)
        if person:
            used.add("profile")
            out.append(Speech(person.name, speech.heading, person.titles, person.units, person.roles, speech.paragraphs))
        else:
            out.append(speech)
    return out


def _subject(body: str) -> SpeakerInfo | None:
    candidates: dict[str, SpeakerInfo] = {}
    for m in _APPOSITION.finditer(body):
        info = chinese_person(m.group(), strong=True)
        if not info or not m.group("name").endswith(info.name):
            info = chinese_person(m.group("name") + m.group("status"))
        if info and info.name not in candidates:
            candidates[info.name] = info
        elif info and len(info.titles) > len(candidates[info.name].titles):
            candidates[info.name] = info
    mentions = {name: body.count(name) for name in candidates}
    quoted = {name: len(re.findall(rf"{name}(?:代表|委员|委員)?(?:{_SAYS})", body)) for name in candidates}
    speaking = [name for name in candidates if quoted[name] and mentions[name] >= 2]
    if not speaking:
        return None
    ranked = sorted(speaking, key=lambda n: mentions[n], reverse=True)
    best = ranked[0]
    if len(ranked) > 1 and mentions[best] < 2 * mentions[ranked[1]]:
        return None
    return candidates[best]


# ---- reported speech (narrative minutes) ------------------------------------------------------

_VERBS = (
    "stated|said|asked|mentioned|explained|responded|replied|answered|noted|added|clarified|commented|remarked|"
    "suggested|expressed|indicated|reported|shared|informed|updated|requested|inquired|questioned|recommended|"
    "thanked|reminded|agreed|disagreed|emphasized|emphasised|stressed|pointed out|told|announced|declared|"
    "introduced|presented|moved|seconded|made the motion|made a motion|expects|believes|thinks|hopes|would like|"
    "called|adjourned|wanted|wants|shared|addressed|confirmed|concurred|acknowledged|cautioned|raised|urged"
)
_TITLE_WORDS = r"(?:(?:Committee\s+)?(?:Vice\s+)?Chair(?:man|woman|person)?|Directors?|GM|General Manager|Commander|Mayor|Senator|Councilmember|Council Member|Commissioner|Secretary|Treasurer|Mr\.|Ms\.|Mrs\.|Dr\.)"
_SUBJECT = re.compile(
    rf"(?P<title>{_TITLE_WORDS}\s+)?(?P<name>[A-Z][a-z’'A-Z\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z’'A-Z\-]+)?)\s+(?:also\s+|then\s+|further\s+)?(?P<verb>{_VERBS})\b"
)
_PRONOUN = re.compile(rf"(?P<pronoun>He|She)\s+(?:also\s+|then\s+|further\s+)?(?:{_VERBS})\b")
_INTRODUCED = re.compile(r"\b(?:introduced|presented|welcomed)\s+(?P<name>[A-Z][a-z’'\-]+\s+[A-Z][a-z’'\-]+)")
_UNNAMED = re.compile(rf"(?P<name>Staff)\s+(?:also\s+)?(?:{_VERBS})\b")
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")
_NOT_NAMES = frozenset(
    "The This That It There These They We Our He She I You His Her Their Board Committee Staff Motion Discussion Vote Item".split()
)
_MIN_REPORTED = 5


def _reported_speech(text: str, lines: tuple[Line, ...], meta: dict[int, Line]) -> list[Speech]:
    """Narrative minutes: a sentence that opens with a named person and a verb of speech
    (`Director Bagley asked …`, `Bruce Abel stated that …`, `Staff responded …`) starts
    that person's speech, which runs on until the next such sentence or a heading. A
    pronoun (`She explained …`) continues the speech, or is the person just introduced
    (`… introduced Beverly Scott …. She explained`). First names and surnames alone
    (`Bruce`, `Dave`, `GM Washington`) are the speaker already named in full."""
    names = _Names()
    speeches: list[Speech] = []
    introduced = ""
    count = 0
    for heading, joined, offsets in _prose_blocks(text, lines, meta):
        if heading:
            speeches.append(Speech("", paragraphs=((offsets[0], offsets[-1] + 1),)))
            continue
        current = None
        for m in _SENTENCE.finditer(joined):
            sentence = m.group().strip()
            if not sentence:
                continue
            lead = len(m.group()) - len(m.group().lstrip())
            start, end = offsets[m.start() + lead], offsets[m.end() - 1] + 1
            claim = _LEAD_LABEL.sub("", sentence)
            speaker = None
            s = _SUBJECT.match(claim) or _UNNAMED.match(claim)
            if s and (s.group("name").split()[0] not in _NOT_NAMES or s.group("name") == "Staff"):
                speaker = names.resolve(s.group("name"), (s.groupdict().get("title") or "").strip(), text)
            elif _PRONOUN.match(claim) and introduced:
                speaker = names.resolve(introduced, "", text)
            if intro := _INTRODUCED.search(claim):
                introduced = intro.group("name")
            elif speaker:
                introduced = ""
            if speaker:
                count += 1
                current = speaker
                speeches.append(Speech(speaker.name, "", speaker.titles, speaker.units, speaker.roles, ((start, end),)))
            elif current and speeches and speeches[-1].speaker == current.name:
                last = speeches[-1]
                speeches[-1] = replace(last, paragraphs=((last.paragraphs[0][0], end),))
            else:
                speeches.append(Speech("", paragraphs=((start, end),)))
    if count < _MIN_REPORTED or len(names.people) < 3:
        return []
    return _merge(speeches)


def _prose_blocks(text: str, lines: tuple[Line, ...], meta: dict[int, Line]) -> list[tuple[bool, str, list[int]]]:
    """(is_heading, text, source offset of each character) for the runs of prose lines,
    joined by spaces, and for each heading line (a short Title Case line that ends no
    sentence: `Hop Cost Share Agreement`, `Vote on Motion:`)."""
    blocks: list[tuple[bool, str, list[int]]] = []
    parts: list[str] = []
    offsets: list[int] = []

    def flush() -> None:
        if parts:
            blocks.append((False, "".join(parts), list(offsets)))
            parts.clear()
            offsets.clear()

    for i, line in enumerate(lines):
        if i in meta:
            continue
        view = line.view.strip()
        if _is_minutes_heading(text, line, view):
            flush()
            blocks.append((True, view, [line.start, line.end - 1]))
            continue
        if line.blank_before:
            flush()
        if parts:
            parts.append(" ")
            offsets.append(offsets[-1])
        lead = len(line.view) - len(line.view.lstrip())
        parts.append(view)
        offsets.extend(line.source_offset(lead + k) for k in range(len(view)))
    flush()
    return blocks


def _is_minutes_heading(text: str, line: Line, view: str) -> bool:
    if len(view) > 90 or ends_sentence(text, line.start, line.end):
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w’'&/-]*", view) if w.lower() not in _SMALL_WORDS]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to with vs via".split())
_LEAD_LABEL = re.compile(r"^(?:[A-Z][\w ]{1,30}:\s*)+")


def _merge(speeches: list[Speech]) -> list[Speech]:
    """Consecutive pieces of one speaker (or of narration) as one speech."""
    merged: list[Speech] = []
    for s in speeches:
        if merged and merged[-1].speaker == s.speaker:
            last = merged[-1]
            merged[-1] = replace(last, paragraphs=last.paragraphs + s.paragraphs)
        else:
            merged.append(s)
    return merged


class _Names:
    """The people named in minutes, each once under the fullest name the minutes print."""

    def __init__(self) -> None:
        self.people: dict[str, SpeakerInfo] = {}

    def resolve(self, name: str, title: str, text: str) -> SpeakerInfo:
        words = name.split()
        if name == "Staff":
            return self.people.setdefault(name, SpeakerInfo(name, roles=("unidentified",)))
        if len(words) == 1:
            known = [p for p in self.people.values() if p.name.split()[0] == name or _nickname(name, p.name.split()[0])]
            if len({p.name for p in known}) == 1 and len(known[0].name.split()) > 1:
                return known[0]
            surname = [p for p in self.people.values() if p.name.split()[-1] == name]
            if len({p.name for p in surname}) == 1:
                return surname[0]
        info = fullest_name(SpeakerInfo(name, (title,) if title else ()), text) if title else SpeakerInfo(name)
        for person in self.people.values():
            if person.name == info.name or _same_person(person.name, info.name):
                if title and title not in person.titles:
                    person = replace(person, titles=(*person.titles, title))
                    self.people[person.name] = person
                return person
        self.people[info.name] = info
        return info


def _nickname(short: str, full: str) -> bool:
    from index.roster import _first_matches

    return _first_matches(short.lower(), [full.lower(), "x"])


def _same_person(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    return len(wa) > 1 and len(wb) > 1 and wa[-1] == wb[-1] and _nickname(wa[0], wb[0])
