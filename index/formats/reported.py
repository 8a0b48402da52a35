"""Reported speech: text that no label marks, but that says unambiguously whose words it
gives. Used by `index.formats.transcript` after the cue walk, for what stayed narration.

- `profiles`: a Chinese feature's section about one titled person (`…市长吴之凌代表`,
  quoted throughout: `吴之凌说`) is that person's (a feature's passages belong to the
  person it is about); a section naming several people alike stays narration.
- `minutes`: English narrative minutes, where each sentence says who spoke (`Director
  Bagley asked …`, `Bruce Abel stated that …`, `Staff responded …`).
Anything less clear stays narration: a wrong attribution is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import replace

from index.furniture import Line
from index.records import Attribution, Speech
from index.roster import first_names_match, fullest_name, phrase_counts
from index.speakers import DEPUTY_STATUSES, chinese_person
from index.text import CJK_UNIFIED, ends_sentence

# ---- sections about one person (Chinese features) -------------------------------------------

# a person introduced with titles or a status: `…市长吴之凌代表`, `陈保超代表`, `…党委书记盘健代表`
_APPOSITION = re.compile(
    rf"(?P<titles>[{CJK_UNIFIED}、]{{2,40}}?)?(?P<name>[{CJK_UNIFIED}]{{2,4}})(?P<status>{DEPUTY_STATUSES})(?![团團会會性处處权權们們名额額])"
)
_SAYS = "说|說|表示|介绍|介紹|指出|认为|認為|建议|建議|坦言|感慨|感叹|感嘆|谈到|談到|强调|強調|回忆|回憶|分享|讲述|講述|的发言|的發言"


def profiles(text: str, speeches: list[Speech]) -> tuple[list[Speech], bool]:
    """Narration sections (a heading over unlabelled text) that are about one person, given
    to that person; whether any was."""
    out, found = [], False
    for speech in speeches:
        person = None
        if not speech.who.speaker and speech.who.heading and speech.paragraphs:
            person = _subject("".join(text[a:b] for a, b in speech.paragraphs))
        if person:
            found = True
            out.append(
                Speech(who=replace(person, heading=speech.who.heading, cue="section"), paragraphs=speech.paragraphs)
            )
        else:
            out.append(speech)
    return out, found


def _subject(body: str) -> Attribution | None:
    """The one person a section introduces with titles or a status and quotes (`X说`,
    `X表示`), mentioned at least twice and at least twice as often as anyone else so
    introduced; None when there is no such single person."""
    candidates: dict[str, Attribution] = {}
    for m in _APPOSITION.finditer(body):
        info = chinese_person(m.group(), strong=True)
        if not info or not m.group("name").endswith(info.speaker):
            info = chinese_person(m.group("name") + m.group("status"))
        if info and (info.speaker not in candidates or len(info.titles) > len(candidates[info.speaker].titles)):
            candidates[info.speaker] = info
    mentions = {name: body.count(name) for name in candidates}
    quoted = {name: len(re.findall(rf"{name}(?:{DEPUTY_STATUSES})?(?:{_SAYS})", body)) for name in candidates}
    speaking = sorted((n for n in candidates if quoted[n] and mentions[n] >= 2), key=lambda n: -mentions[n])
    if not speaking or len(speaking) > 1 and mentions[speaking[0]] < 2 * mentions[speaking[1]]:
        return None
    return candidates[speaking[0]]


# ---- narrative minutes -------------------------------------------------------------------------

_VERBS = (
    "stated|said|asked|mentioned|explained|responded|replied|answered|noted|added|clarified|commented|remarked|"
    "suggested|expressed|indicated|reported|shared|informed|updated|requested|inquired|questioned|recommended|"
    "thanked|reminded|agreed|disagreed|emphasized|emphasised|stressed|pointed out|told|announced|declared|"
    "introduced|presented|moved|seconded|made the motion|made a motion|expects|believes|thinks|hopes|would like|"
    "called|adjourned|wanted|wants|addressed|confirmed|concurred|acknowledged|cautioned|raised|urged"
)
_TITLES = (
    r"(?:(?:Committee\s+)?(?:Vice\s+)?Chair(?:man|woman|person)?|Directors?|GM|General Manager|Commander|Mayor|"
    r"Senator|Councilmember|Council Member|Commissioner|Secretary|Treasurer|Mr\.|Ms\.|Mrs\.|Dr\.)"
)
_SUBJECT = re.compile(
    rf"(?P<title>{_TITLES}\s+)?(?P<name>[A-Z][a-z’'A-Z\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z’'A-Z\-]+)?)"
    rf"\s+(?:also\s+|then\s+|further\s+)?(?:{_VERBS})\b"
)
_PRONOUN = re.compile(rf"(?:He|She)\s+(?:also\s+|then\s+|further\s+)?(?:{_VERBS})\b")
_INTRODUCED = re.compile(r"\b(?:introduced|presented|welcomed)\s+(?P<name>[A-Z][a-z’'\-]+\s+[A-Z][a-z’'\-]+)")
_UNNAMED = re.compile(rf"(?P<name>Staff)\s+(?:also\s+)?(?:{_VERBS})\b")
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")
_NOT_NAMES = frozenset(
    "The This That It There These They We Our He She I You His Her Their Board Committee Staff Motion Discussion "
    "Vote Item".split()
)
_LEAD_LABEL = re.compile(r"^(?:[A-Z][\w ]{1,30}:\s*)+")  # `Discussion: `, `Call to Order: `
_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to with vs via".split())
_MIN_REPORTED = 5  # sentences naming their speaker, and three people, before minutes are read so
_MAX_HEADING = 90


def minutes(text: str, lines: tuple[Line, ...], skip: set[int]) -> list[Speech]:
    """Narrative minutes → speeches: a sentence that opens with a named person and a verb
    of speech starts that person's speech, which runs on until the next such sentence or a
    heading. A pronoun (`She explained …`) continues the speech, or is the person just
    introduced (`… introduced Beverly Scott …. She explained`). First names and surnames
    alone (`Bruce`, `Dave`, `GM Washington`) are the speaker already named in full.
    Empty when the text is not minutes (too few such sentences or people)."""
    names = _Names(text)
    speeches: list[Speech] = []
    introduced = ""
    reported = 0
    for heading, joined, offsets in _prose_blocks(text, lines, skip):
        if heading:
            speeches.append(Speech(who=Attribution(), paragraphs=((offsets[0], offsets[-1] + 1),)))
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
                speaker = names.resolve(s.group("name"), (s.groupdict().get("title") or "").strip())
            elif _PRONOUN.match(claim) and introduced:
                speaker = names.resolve(introduced, "")
            if intro := _INTRODUCED.search(claim):
                introduced = intro.group("name")
            elif speaker:
                introduced = ""
            if speaker:
                reported += 1
                current = speaker
                speeches.append(Speech(who=replace(speaker, cue="minutes"), paragraphs=((start, end),)))
            elif current and speeches[-1].who.speaker == current.speaker:
                speeches[-1] = replace(speeches[-1], paragraphs=((speeches[-1].paragraphs[0][0], end),))
            else:
                speeches.append(Speech(who=Attribution(), paragraphs=((start, end),)))
    if reported < _MIN_REPORTED or len(names.people) < 3:
        return []
    return _merge(speeches)


def _prose_blocks(text: str, lines: tuple[Line, ...], skip: set[int]) -> list[tuple[bool, str, list[int]]]:
    """(is_heading, text, source offset of each character): runs of prose lines joined by
    spaces, and each heading line (a short Title Case line ending no sentence: `Hop Cost
    Share Agreement`, `Vote on Motion:`)."""
    blocks: list[tuple[bool, str, list[int]]] = []
    parts: list[str] = []
    offsets: list[int] = []

    def flush() -> None:
        if parts:
            blocks.append((False, "".join(parts), list(offsets)))
            parts.clear()
            offsets.clear()

    for i, line in enumerate(lines):
        if i in skip:
            continue
        view = line.view.strip()
        if _is_heading(text, line, view):
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


def _is_heading(text: str, line: Line, view: str) -> bool:
    if len(view) > _MAX_HEADING or ends_sentence(text, line.start, line.end):
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w’'&/-]*", view) if w.lower() not in _SMALL_WORDS]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _merge(speeches: list[Speech]) -> list[Speech]:
    """Consecutive pieces of one speaker (or of narration) as one speech."""
    merged: list[Speech] = []
    for s in speeches:
        if merged and merged[-1].who.speaker == s.who.speaker:
            merged[-1] = replace(merged[-1], paragraphs=merged[-1].paragraphs + s.paragraphs)
        else:
            merged.append(s)
    return merged


class _Names:
    """The people named in minutes, each once, under the fullest name the minutes print."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.people: dict[str, Attribution] = {}
        self.phrases = phrase_counts(text)  # for `fullest_name`, counted once per document

    def resolve(self, name: str, title: str) -> Attribution:
        if name == "Staff":
            return self.people.setdefault(name, Attribution(name, roles=("unidentified",)))
        if " " not in name:  # `Bruce`, `Dave`: a speaker already named in full; `Tobiassen`: a surname
            for same in (
                [p for p in self.people.values() if " " in p.speaker and first_names_match(name, p.speaker.split()[0])],
                [p for p in self.people.values() if p.speaker.split()[-1] == name],
            ):
                if len({p.speaker for p in same}) == 1:
                    return same[0]
        info = fullest_name(Attribution(name, (title,)), self.text, self.phrases) if title else Attribution(name)
        for person in self.people.values():
            if person.speaker == info.speaker or _same_person(person.speaker, info.speaker):
                if title and title not in person.titles:
                    person = replace(person, titles=(*person.titles, title))
                    self.people[person.speaker] = person
                return person
        self.people[info.speaker] = info
        return info


def _same_person(a: str, b: str) -> bool:
    """`David Genova` and `Dave Genova`."""
    wa, wb = a.split(), b.split()
    return len(wa) > 1 and len(wb) > 1 and wa[-1] == wb[-1] and first_names_match(wa[0], wb[0])
