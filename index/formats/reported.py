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

import itertools
import re
from dataclasses import replace

from index.furniture import Line
from index.names import PageNames, transliterated
from index.records import Attribution, Speech
from index.roster import first_names_match, fullest_name, names_by_initials, phrase_counts
from index.speakers import chinese_person
from index.text import CJK_UNIFIED, ends_sentence, trim
from index.titles import SURNAMES, family_name_length
from index.vocabulary import (
    DEPUTY_STATUS_AFTER,
    DEPUTY_STATUSES,
    EN_MINUTES_TITLES,
    EN_ORGANISATION_WORDS,
    EN_TITLES,
    POSITION_END,
)

# ---- sections about one person (Chinese features) -------------------------------------------

# a person introduced with titles or a status: `…市长吴之凌代表`, `陈保超代表`, `…党委书记盘健代表`
_APPOSITION = re.compile(
    rf"(?P<titles>[{CJK_UNIFIED}、]{{2,40}}?)?(?P<name>[{CJK_UNIFIED}]{{2,4}})(?P<status>{DEPUTY_STATUS_AFTER})"
)
_SAYS = "说|說|表示|介绍|介紹|指出|认为|認為|建议|建議|坦言|感慨|感叹|感嘆|谈到|談到|强调|強調|回忆|回憶|分享|讲述|講述|的发言|的發言"


def profiles(names: PageNames, speeches: list[Speech]) -> tuple[list[Speech], bool]:
    """Narration sections (a heading over unlabelled text) that are about one person, given
    to that person; whether any was. `names`: the page's."""
    text = names.text
    out, found = [], False
    introduced: set[str] | None = None  # people the page introduces with a title, anywhere
    for speech in speeches:
        person = None
        if not speech.who.speaker and speech.who.heading and speech.paragraphs:
            introduced = introduced if introduced is not None else {n.text for n in names.titled_names(0, len(text))}
            person = _subject("".join(text[a:b] for a, b in speech.paragraphs), introduced)
        if person:
            found = True
            out.append(
                Speech(who=replace(person, heading=speech.who.heading, cue="section"), paragraphs=speech.paragraphs)
            )
        else:
            out.append(speech)
    return out, found


def _subject(body: str, introduced: set[str]) -> Attribution | None:
    """The one person a section introduces with titles or a status, when it introduces no
    one else so, quoted there (`X说`, `X表示`; `黄兴文代表立刻接着说`: a few words may stand
    between the person and the verb) and mentioned at least twice; None otherwise, and None
    where the section quotes someone else the page introduces with a title (`introduced`)."""
    candidates: dict[str, Attribution] = {}
    for m in _APPOSITION.finditer(body):
        info = chinese_person(m.group(), strong=True)
        if not info or not m.group("name").endswith(info.speaker):
            info = chinese_person(m.group("name") + m.group("status"))
        if info and POSITION_END.search(info.speaker):
            continue  # `代表们`, `一条代表建议`: a status or post names no one
        if info and not (
            family_name_length(info.speaker) > 1 or info.speaker[0] in SURNAMES or transliterated(info.speaker)
        ):
            continue  # `外资企业代表认为`: 企业 is no one's name
        if info and (info.speaker not in candidates or len(info.titles) > len(candidates[info.speaker].titles)):
            candidates[info.speaker] = info
    if len(candidates) != 1:  # none, or several introduced: no one's section
        return None
    ((name, info),) = candidates.items()
    if not _says(body, name) or body.count(name) < 2:
        return None
    # others the section introduces with a title who speak too (`…主任沈丹阳说`): a report of
    # several people, read sentence by sentence, not one person's section
    others = ({n.text for n in PageNames(body).titled_names(0, len(body))} | introduced) - {name}
    return None if any(_says(body, other) for other in others if name not in other and other in body) else info


def _says(body: str, name: str) -> bool:
    """Whether the body quotes `name` with a verb of saying (a few words may stand between),
    or with one after 他/她 opening the next sentence (`…院士卢柯充满期待。他表示，…`)."""
    name = re.escape(name)
    return bool(
        re.search(rf"{name}(?:{DEPUTY_STATUSES})?[^，。；：“”\s]{{0,6}}?(?:{_SAYS})", body)
        or re.search(rf"{name}[^。！？“”]{{0,20}}[。！？]\s*(?:他|她)(?:{_SAYS})", body)
    )


# ---- narrative minutes -------------------------------------------------------------------------

_VERBS = (
    "stated|said|asked|advised|mentioned|explained|spoke|paid tribute|responded|replied|answered|noted|added|clarified|commented|remarked|"
    "suggested|expressed|indicated|reported|shared|informed|updated|requested|inquired|questioned|recommended|"
    "thanked|reminded|agreed|disagreed|emphasized|emphasised|stressed|pointed out|told|announced|declared|"
    "introduced|presented|moved|seconded|made the motion|made a motion|expects|believes|thinks|hopes|would like|"
    "called(?! roll| the roll)|adjourned|wanted|wants|addressed|confirmed|concurred|acknowledged|cautioned|raised|urged|"
    "welcomed|congratulated|outlined|referred to|highlighted|queried|sought|proposed(?! by)|argued|countered|objected|warned|insisted|"
    r"gave (?:a|an) (?:\w+ ){0,2}(?:presentation|update|overview|report|briefing)"
)
# letters after a member's name: `Mr. M. Quinlivan, T.D. requested`
_POST_NOMINAL = r"(?:,?\s+(?P<letters>T\.D\.|TD|M\.P\.|MP|MSP|MLA|MEP|AM|QC|KC))?"
# an office named instead of its holder: `the Chief Superintendent stated`, `The Chairman welcomed`
_OFFICE_SUBJECT = re.compile(
    rf"(?:[Tt]he\s+)(?P<office>(?:[A-Z][a-z]+\s+){{0,3}}(?:[A-Z][a-z]+))(?:,\s+[A-Z][A-Za-z]+(?:\s+(?:and\s+)?[A-Z][A-Za-z]+){{0,3}},?)?"
    rf"\s+(?:also\s+|then\s+|further\s+)?(?:{_VERBS})\b"
)  # (`The Operations Manager, South and West Division, indicated`: the office qualified between commas)
# the offices a minutes' front matter lists with their holders: `Chief Superintendent (Mr. D. Smart)`,
# `Director of Travel & Transportation (Mr. P. Crowe)`,
# `IN THE CHAIR : Councillor A. Teskey`
_OFFICE_HOLDER = re.compile(
    r"(?P<office>[A-Z][A-Za-z]+(?:\s+(?:(?:of|for|and|&)\s+)?[A-Z][A-Za-z]+){0,4})(?P<qualifier>,\s+[A-Z][A-Za-z]+(?:\s+(?:and\s+)?[A-Z][A-Za-z]+){0,3})?"
    r",?\s*\((?:Mr|Ms|Mrs|Dr)\.?\s+(?P<name>[A-Z][\w.’'\- \n]{1,30}?)\)"
)  # (an office qualified after a comma: `Operations Manager, South and West Division (Mr. B. Kennedy)`;
# a comma before the holder: `Senior Executive Engineer, (Mr. T. McKechnie)`)
# a holder listed with the office after the name: `Mrs C Hardy (Clerk)`, `Cllr R Bivon (Chair)`,
# `Claire Cann (CC) – Chair` (an office is title words only: not `(CC)`, not `(Roberval, BQ)`); the first
# of several listed under one title: `Councillors Daly (Chairperson), Butler, …`
_HOLDER_THEN_OFFICE = re.compile(
    r"(?:(?:Cllrs?|Councillors?|Mr|Mrs|Ms|Miss|Dr)\.?\s+)*(?P<name>(?:[A-Z]\.?\s+)?[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?)"
    r"\s*(?:\((?P<office>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\)|\([A-Z]{2,4}\)\s*[–—-]\s*(?P<after>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b)"
)
# an office, a colon, its holder: `Parish Clerk: Peter King`
_OFFICE_THEN_HOLDER = re.compile(
    r"(?P<office>(?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+)\s*:\s*(?P<name>[A-Z][a-z’'\-]+(?:\s+[A-Z][a-z’'\-]+){1,2})"
)
# a board's roster line, its member's office before a dash and seat after a comma: `Chair – Lee
# Kemp, District I`, `Larry Hoy, District J` (RTD's minutes open so)
_SEAT_LISTED = re.compile(
    r"^[*_\s]*(?:(?P<office>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3})\s+[–—-]\s+)?"
    r"(?P<name>[A-Z][a-z’'\-]+(?:\s+(?:“[A-Z][a-z]+”\s+)?[A-Z][A-Za-z’'\-]+){1,2}),\s+(?:Director,\s+)?"
    r"(?:District|Ward|Division|Precinct)\s+[A-Z0-9]{1,3}\s*$",
    re.M,
)
_SECOND_TITLE = re.compile(rf"(?:{EN_MINUTES_TITLES})\s+(?=[A-Z][\w’'\-]+$)")
_CHAIR_FORMS = ("Chairman", "Chairwoman", "Chairperson", "Chair", "Cathaoirleach")  # (Irish councils: the chair)
# a roster line naming who holds the chair: `Councillor Michael Sheahan, Mayor`
_CHAIR_LISTED = re.compile(
    r"^[*_\s]*(?:Councillor|Cllr\.?|Mr\.?|Ms\.?|Mrs\.?|Dr\.?)\s+(?P<name>(?:[A-Z]\.\s?)*[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2}),\s*"
    r"(?P<office>(?:Deputy\s+|Lord\s+)?(?:Mayor|Chair(?:man|woman|person)?|Cathaoirleach))\.?[*_\s]*$",
    re.M,
)
_IN_THE_CHAIR = re.compile(
    r"IN THE CHAIR\W*(?:(?P<office>(?:Deputy\s+|Lord\s+)?Mayor|Cathaoirleach)\s+)?(?:Councillor|Cllr\.?|Mr\.?|Ms\.?|Mrs\.?|Dr\.?)?[ ]*"
    r"(?P<name>[A-Z][\w.’'\-]*(?:[ ]+[A-Z][\w’'\-]+)+)"
)  # (`PRESENT IN THE CHAIR: Mayor Michael Sheahan`: then `the Mayor` is he)
# a lead-in before the one who speaks: `In reply to Members concerns regarding …, Superintendent Lacey stated`,
# `At the outset, the Mayor congratulated`
_LEAD_IN = re.compile(
    r"^(?:In (?:reply|response)(?: to [^,]{1,120}(?:,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}(?=,))?)?|"
    r"At the outset|In conclusion|In closing|Finally|Also|However|Following (?:a |further |some )?discussion|"
    r"On behalf of [^,]{1,60}|On resumption|At this point|In addition|Subsequently),\s*|^At the outset\s+|"
    r"^(?:Next|Then|Later|Afterwards)\s+(?=(?:Mrs|Mr|Ms|Miss|Dr|Rev)\.?\s)"  # `Next Mr. George Elliot, …, said`
)
# what the member was doing as they spoke: `Councillor Byrne in seconding the Motion said`
_IN_DOING = r"(?:,?\s+in\s+(?:proposing|seconding|moving|supporting|replying|reply|response)(?:\s+(?:to\s+)?(?:the|this|that|his|her)\s+[A-Za-z]+)?,?)?"
# (no other person: not `Ms. Smith, Mr. Jones and Dr. Lee expressed`)
_NOT_AFFILIATION = rf"(?!(?:Mr|Mrs|Ms|Miss|Dr|{EN_MINUTES_TITLES})\b)"
_AFFILIATION = rf"{_NOT_AFFILIATION}[A-Z][\w’'&.\-]*(?:\s+(?:of|for|&|the|{_NOT_AFFILIATION}[A-Z][\w’'&.\-]*)){{0,5}}"
# who a visitor is, between commas: `Ms. Gay Peart-Murphy, a spokesperson for the association, gave …`
_APPOSITIVE = r"(?:a|an|the)\s+[a-z][a-z’'\- ]{2,60}"
_SUBJECT = re.compile(
    rf"(?P<title>{EN_MINUTES_TITLES}\s+)?(?:(?:Mrs|Mr|Ms|Miss|Dr)\.?\s+)?(?P<name>(?:[A-Z]\.\s?){{0,2}}[A-Z][a-z’'A-Z\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z’'A-Z\-]+){{0,2}}(?:\s\([A-Z]\))?)"
    rf"{_POST_NOMINAL}(?:,\s+{_AFFILIATION},?|,\s+{_APPOSITIVE},)?{_IN_DOING}\s+(?:also\s+|then\s+|further\s+)?(?:{_VERBS})\b"
)  # (`Roger Harris, Denver, requested`, `Mike Cummings, University of Denver, expressed`, `Martha Harvey,
# Arvada shared`: where a member of the public lives or whom they speak for, after a comma)
_PRONOUN = re.compile(rf"(?:He|She)\s+(?:also\s+|then\s+|further\s+)?(?:{_VERBS})\b")
_INTRODUCED = re.compile(r"\b(?:introduced|presented|welcomed)\s+(?P<name>[A-Z][a-z’'\-]+\s+[A-Z][a-z’'\-]+)")
# a heading that names the author of what follows: `6.QUESTION SUBMITTED BY COUNCILLOR AZAD TALUKDER`
_AUTHOR_HEADING = re.compile(
    r"\b(?i:QUESTION|MOTION|NOTICE OF MOTION|STATEMENT|SUBMISSION)(?i:S)?\s+(?i:(?:SUBMITTED|TABLED|PUT|RAISED)\s+)?"
    rf"(?i:BY|FROM)\s+(?P<title>(?i:{EN_MINUTES_TITLES})[*\s]+)?"
    r"(?P<name>[A-Z][A-Za-z.’'\-]+(?:\s+[A-Z][A-Za-z’'\-]+){1,2}|(?:[A-Z]\.){1,3}[A-Z][a-z’'\-]+)\b"
)  # (initials glued to the surname: `L.M.Sheey`; markup inside: `Councillor** **W. O’Donnell`)
# correspondence read into the minutes: `Reply e-mail from Private Secretary to the Minister for Justice regarding …`
_LETTER_FROM = re.compile(
    r"^(?:Reply\s+)?(?:[Ee]-?mail|[Ll]etter|[Cc]orrespondence)\s+(?:received\s+)?from\s+(?:the\s+)?"
    r"(?P<office>[A-Z][\w’'\-]*(?:(?:\s+|,\s+)(?:[A-Z][\w’'\-]*|to the|for|of))*)"
)
_FIRST_PERSON = re.compile(r"^[*_\s“”\"']*(?:I|We)\b")
_UNNAMED = re.compile(rf"(?P<name>Staff)\s+(?:also\s+)?(?:{_VERBS})\b")
# a full stop that ends no sentence: after an initial (`C. Sheehan`, `T.D.`), a title's
# abbreviation (`Cllr. Keary`) or before a word in lower case (`Mr. M. Quinlivan, T.D. requested`)
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_ABBREVIATIONS = frozenset(
    "mr ms mrs dr cllr cllrs prof rev hon st supt insp sgt det gov sen rep lt col gen capt cmdr no nos co jr sr vs "
    "dept approx e.g i.e".split()
)
_NOT_NAMES = frozenset(
    "The This That It There These They We Our He She I You His Her Their Board Committee Staff Motion Discussion "
    "Vote Item Members Councillors Cllrs Gardaí Other Others Some Several Many All Both Next Then Later Afterwards "
    "Supporters Opponents Critics Advocates Proponents Residents Participants Attendees".split()
)
# `Discussion: `, `Call to Order: `; an item's number and heading before a dash: `78/17 Police Report – `,
# `a) Locum Clerk, Helen Richardson – `
_ITEM_NUMBER = r"(?:\d+/\d+|\d+(?:\.\d+)*\.?|\(?[a-z]\))\s+"
_ITEM_HEADING = r"[A-Z][\w’', /&]{1,60}?\s[–—-]\s+"
_LEAD_LABEL = re.compile(
    rf"^(?:[-*•▪]\s+)?(?:(?:[A-Z][\w ]{{1,30}}:\s*)+|{_ITEM_NUMBER}(?:{_ITEM_HEADING})?|{_ITEM_HEADING})?"
)  # (a list's bullet first: `- General Manager Washington shared …`)
_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to with vs via".split())
_MIN_REPORTED = 5  # sentences naming their speaker, and three people, before minutes are read so
_MIN_REPORTED_MINUTES = 3  # … or three, and two people, in text that says it is minutes
# a text that says it is minutes: `MINUTES OF PROCEEDINGS`, `Minutes of the Meeting`, `MEMBERS PRESENT:`
_SAYS_MINUTES = re.compile(
    r"\b(?:MINUTES|Minutes)\s+(?:OF|of)\b|^\W*(?:MEMBERS\s+)?PRESENT\b|^\W*(?:Members\s+)?Present\s*:", re.M
)  # (`- Present: Elliot Payne, Robin Wonsley, …`: who attended, as minutes and summaries list them)
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
    current = None
    introduced = ""
    reported = 0
    author = None  # the one a heading names as the author of what follows
    for heading, joined, offsets in _prose_blocks(text, lines, skip):
        if heading:
            speeches.append(Speech(who=Attribution(), paragraphs=((offsets[0], offsets[-1] + 1),)))
            if a := _AUTHOR_HEADING.search(joined):
                author = names.resolve(a.group("name").title(), (a.group("title") or "").strip().title())
            continue
        if not (speeches and _runs_on(text, speeches[-1])):
            current = None  # a block goes on with the speech before it only where that one stopped mid-sentence
        if author and _FIRST_PERSON.match(joined):  # the question or motion itself, in its author's words
            reported += 1
            current = author
            speeches.append(Speech(who=replace(author, cue="minutes"), paragraphs=((offsets[0], offsets[-1] + 1),)))
            continue  # (the heading's author asks again after the answer: `Questions submitted by …` 4., 5.)
        for first, last in _sentences(joined):
            sentence = joined[first:last]
            start, end = offsets[first], offsets[last - 1] + 1
            claim = _LEAD_IN.sub("", _LEAD_LABEL.sub("", sentence))
            speaker = None
            s = _SUBJECT.match(claim) or _UNNAMED.match(claim) or _titled_after_clause(claim)
            office = _OFFICE_SUBJECT.match(claim)  # `The Chairman asked` (not `The County Council asked`), a letter's
            office = office if office and names.is_office(office.group("office")) else _LETTER_FROM.match(claim)
            if s and _is_office(s.group("name")) and not s.group("title"):  # `General Manager stated`
                speaker = names.holder(s.group("name"))
            elif s and (s.group("name").split()[0] not in _NOT_NAMES or s.group("name") == "Staff"):
                title = s.groupdict().get("letters") or s.groupdict().get("title") or ""
                speaker = names.resolve(s.group("name"), title.strip())
            elif office and office.group("office").split()[0] not in _NOT_NAMES:
                speaker = names.holder(office.group("office"))
            elif _PRONOUN.match(claim) and introduced:
                speaker = names.resolve(introduced, "")
            elif _PRONOUN.match(claim) and speeches and speeches[-1].who.speaker:
                speaker = speeches[-1].who  # `He stated` opening a paragraph: who spoke in the one before
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
    says_minutes = _SAYS_MINUTES.search(text[:3000]) is not None
    if reported < (_MIN_REPORTED_MINUTES if says_minutes else _MIN_REPORTED) or len(names.people) < 3 - says_minutes:
        return []
    return _merge([replace(s, who=names.in_full(s.who)) for s in speeches])


# a clause before a titled member and the verb: `With regard to the 2.5% match, Director Tayer also asked`
_CLAUSE_THEN_TITLED = re.compile(rf"[^,]{{3,120}},\s+(?=(?:{EN_MINUTES_TITLES})\s+[A-Z])")


def _titled_after_clause(claim: str) -> re.Match | None:
    """The titled member a sentence names after its opening clause, with a verb of speech."""
    if m := _CLAUSE_THEN_TITLED.match(claim):
        return _SUBJECT.match(claim, m.end())
    return None


def _runs_on(text: str, speech: Speech) -> bool:
    """Whether a speech stops mid-sentence (a quoted question broken over lines, a sentence
    cut by a page break), so that the next block of prose goes on with it."""
    end = speech.paragraphs[-1][1]
    while end > 0 and text[end - 1] in "*_ \n":
        end -= 1
    return bool(speech.who.speaker) and not ends_sentence(text, max(0, end - 5), end)


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a block of English prose, trimmed."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        word = text[: m.start()].rsplit(None, 1)[-1] if text[: m.start()].strip() else ""
        after = text[m.end() :].lstrip()[:2]
        goes_on = after[:1].islower() and after[1:] != ")"  # (`b)` opens the next item)
        if m.group() == "." and (re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word) or word.lower() in _ABBREVIATIONS or goes_on):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in (trim(text, *span) for span in spans) if a < b]


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

    widths = sorted(len(line.view.strip()) for line in lines)
    full_line = 0.7 * widths[int(0.9 * (len(widths) - 1))] if widths else 0  # a line the layout wrapped
    wrapped = False
    for i, line in enumerate(lines):
        if i in skip:
            continue
        view = line.view.strip()
        if _is_heading(text, line, view):
            flush()
            blocks.append((True, view, [line.start, line.end - 1]))
            continue
        # not `Director Gore seconded …`; but after a line ending in an article and capitalised words
        # (`… The Senior` / `Executive Engineer indicated`), the office goes on
        open_phrase = bool(parts) and _OPEN_PHRASE.search(parts[-1]) is not None
        goes_on = view[:1].islower() or wrapped and (open_phrase or not _SUBJECT.match(view))
        if line.blank_before and (not parts or _ends_sentence("".join(parts)) or not goes_on):
            flush()  # a blank line inside a sentence going on in lower case or after a full line (a PDF's artefact) joins on
        wrapped = len(view) >= full_line
        if parts:
            parts.append(" ")
            offsets.append(offsets[-1])
        lead = len(line.view) - len(line.view.lstrip())
        parts.append(view)
        offsets.extend(line.source_offset(lead + k) for k in range(len(view)))
    flush()
    return blocks


_OPEN_PHRASE = re.compile(r"\b(?:[Tt]he|[Aa]n?)(?:\s+[A-Z][\w’'\-]*){1,3}$")


def _ends_sentence(text: str) -> bool:
    return ends_sentence(text, 0, len(text.rstrip()))


# a sentence ending inside a line, the next one going on (`… by Members. The Deputy Chief Executive`): prose
_SENTENCE_INSIDE = re.compile(r"[a-z]{3,}[.!?]\s+[A-Z]")


def _is_heading(text: str, line: Line, view: str) -> bool:
    if len(view) > _MAX_HEADING or ends_sentence(text, line.start, line.end) or _SENTENCE_INSIDE.search(view):
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
        self.surnames_after: dict[str, set[str]] = {}  # office → surnames the text prints after it
        # office → holder, as the front matter lists them (`Chief Superintendent (Mr. D. Smart)`)
        self.offices: dict[str, str] = {}
        for m in _OFFICE_HOLDER.finditer(text):  # (any office: `Senior Planner (Mr. G. Sheeran)`)
            self._holds(m.group("office"), " ".join(m.group("name").split()), any_office=True)
        for m in _CHAIR_LISTED.finditer(text):
            self._holds(m.group("office"), m.group("name"))
        if chair := _IN_THE_CHAIR.search(text):
            self._holds("Chair", chair.group("name"))
            if chair.group("office"):
                self._holds(chair.group("office"), chair.group("name"))
        for m in _HOLDER_THEN_OFFICE.finditer(text):
            self._holds(m.group("office") or m.group("after"), m.group("name"))
        for m in _OFFICE_THEN_HOLDER.finditer(text):
            name = " ".join(itertools.takewhile(lambda w: w.lower() not in _SMALL_WORDS, m.group("name").split()))
            self._holds(m.group("office"), name)
        self.initials = names_by_initials(text)  # `Claire Cann (CC)`: then `CC asked`
        self.seated: dict[str, set[str]] = {}  # surname → the full names a board's roster lists
        for m in _SEAT_LISTED.finditer(text):
            name = re.sub(r"\s+“[A-Z][a-z]+”", "", " ".join(m.group("name").split()))  # (`William “Bill” McMullen`)
            self.seated.setdefault(name.split()[-1], set()).add(name)
            if m.group("office"):
                self._holds(m.group("office"), name)

    def _holds(self, office: str, name: str, any_office: bool = False) -> None:
        """Record the first holder the minutes list for an office (unless `any_office`, one
        ending in a title word: `Parish Clerk`), and the chair's under each name of the chair."""
        if not any_office and office.split()[-1].lower() not in EN_TITLES:
            return
        for form in _CHAIR_FORMS if office in _CHAIR_FORMS else (office,):
            self.offices.setdefault(form, name)

    def holder(self, office: str) -> Attribution:
        """The person an office names (`the Chief Superintendent` → D. Smart, titled so; `General
        Manager` → Genova, the one person named so far whom the minutes print after it:
        `General Manager Genova`), or the office itself when the minutes name no holder."""
        if (name := self.offices.get(office) or self._office_ending(office)) is not None:
            person = self.resolve(name, office)
        elif (named := self._named_after(office)) is not None:
            person = named
        else:
            return self.people.setdefault(office, Attribution(office, (office,), roles=(office,)))
        return person if office in person.titles else self._titled(person, office)

    def is_office(self, words: str) -> bool:
        """Whether words name an office: one the minutes list, or one ending in a title word."""
        last = words.split()[-1].lower()
        return words in self.offices or last in EN_TITLES and last not in EN_ORGANISATION_WORDS

    def _office_ending(self, office: str) -> str | None:
        """The holder of the one listed office named by these words (`Clerk`: the `Parish Clerk`;
        `Director`: the `Director of Travel & Transportation`)."""
        holders = {
            name
            for listed, name in self.offices.items()
            if re.split(r"\s+(?:of|for)\s+", listed)[0].split()[-1] == office
        }
        return holders.pop() if len(holders) == 1 else None

    def _named_after(self, office: str) -> Attribution | None:
        """The one person named so far whose surname the minutes print after the office."""
        if office not in self.surnames_after:  # (the text read once per office)
            pattern = rf"\b{re.escape(office)}\s+([A-Z][a-z’'\-]+)\b"
            self.surnames_after[office] = {m.group(1) for m in re.finditer(pattern, self.text)}
        known = [p for p in self.people.values() if p.speaker.split()[-1] in self.surnames_after[office]]
        return known[0] if len({p.speaker for p in known}) == 1 else None

    def in_full(self, person: Attribution) -> Attribution:
        """A surname alone (`Cllr. Sheehan`, ambiguous where it was read) as the one person
        of that surname the minutes name in full anywhere, else as it stands."""
        if not person.speaker or " " in person.speaker:
            return person
        same = {
            p.speaker: p for p in self.people.values() if p.speaker.split()[-1] == person.speaker and " " in p.speaker
        }
        return replace(next(iter(same.values())), cue=person.cue) if len(same) == 1 else person

    def _spelled_out(self, name: str) -> str:
        """`A. Teskey` as the minutes also print it in full (`Councillor Adam Teskey,
        Chairman` in a signature), when they print one such full name."""
        m = re.fullmatch(r"([A-Z])\.\s?([A-Z][\w’'\-]+)", name)
        if not m:
            return name
        initial, surname = m.groups()
        for full_name in (
            rf"\b({initial}[a-z]+)\s+{re.escape(surname)}\b",
            rf"\b({initial}[A-Z]+)\s+{re.escape(surname.upper())}\b",
        ):
            found = {f.group(1) for f in re.finditer(full_name, self.text) if f.group(1).lower() not in EN_TITLES}
            if found:  # not `Superintendent Davern`; in capitals (`DEPUTY MAURICE QUINLIVAN`) as a heading prints it
                return f"{found.pop().title()} {surname}" if len(found) == 1 else name
        return name

    def _listed(self, surname: str) -> str:
        """The one `initial surname` the minutes print for a surname, else ""."""
        listed = _listed_names(self.text, surname)
        return listed.pop() if len(listed) == 1 else ""

    def _titled(self, person: Attribution, title: str) -> Attribution:
        person = replace(person, titles=(*person.titles, title))
        self.people[person.speaker] = person
        return person

    def resolve(self, name: str, title: str) -> Attribution:
        title = {"Cllr": "Councillor", "Cllr.": "Councillor"}.get(title, title)
        if (second := _SECOND_TITLE.match(name)) and title:  # `First Vice Chair Director Tayer`: two titles
            name = name[second.end() :]
        name = self.initials.get(name, name)
        if " " not in name and (held := [n for n in self.offices.values() if n.split()[-1] == name]):
            name = held[0] if len(set(held)) == 1 else name  # `Superintendent Lacey`: the A. Lacey listed
        elif len(seated := self.seated.get(name, set())) == 1:
            name = next(iter(seated))  # `Director Hoy`: the `Larry Hoy, District J` of the roster
        elif listed := self._listed(name):
            name = listed
        name = self._spelled_out(name)
        if name == "Staff":
            return self.people.setdefault(name, Attribution(name, roles=("unidentified",)))
        if " " not in name:  # `Bruce`, `Dave`: a speaker already named in full; `Tobiassen`: a surname
            for same in (
                [p for p in self.people.values() if " " in p.speaker and first_names_match(name, p.speaker.split()[0])],
                [p for p in self.people.values() if p.speaker.split()[-1] == name],
            ):
                if len({p.speaker for p in same}) == 1:
                    return same[0]
        # a surname alone is the full name printed elsewhere (`Mr Brennan` → the `Donal Brennan` listed)
        info = fullest_name(Attribution(name, (title,) if title else ()), self.text, self.phrases)
        for person in self.people.values():
            if person.speaker == info.speaker or _same_person(person.speaker, info.speaker):
                if title and title not in person.titles:
                    person = replace(person, titles=(*person.titles, title))
                    self.people[person.speaker] = person
                return person
        self.people[info.speaker] = info
        return info


def _is_office(words: str) -> bool:
    """`General Manager`, `Chair`: title words only, no one's name."""
    return all(w.lower() in EN_TITLES for w in words.split())


_LISTED = r"(?<![\w.])(?P<name>[A-Z](?:\.\s?|\s)(?:[A-Z](?:\.\s?|\s))?{surname})(?![\w’'])"


def _listed_names(text: str, surname: str) -> set[str]:
    """`S. Keary` for `Keary`, where the minutes list the member by initial and surname
    (`J Ward-Allen` for `Ward Allen`: a compound surname's hyphen may be left out)."""
    words = r"[\s-]".join(re.escape(w) for w in surname.split())
    return {m.group("name") for m in re.finditer(_LISTED.format(surname=words), text)}


def _same_person(a: str, b: str) -> bool:
    """`David Genova` and `Dave Genova`; `J Nicholas-Letch` and a compound surname printed
    without its hyphen (`Nicholas Letch`)."""
    wa, wb = a.split(), b.split()
    if "-" in a + b and len(wa) > 1 and len(wb) > 1:
        sa, sb = f" {a.replace('-', ' ')}", f" {b.replace('-', ' ')}"
        if sa.endswith(sb) or sb.endswith(sa):
            return True
    return len(wa) > 1 and len(wb) > 1 and wa[-1] == wb[-1] and first_names_match(wa[0], wb[0])
