"""Parliamentary records published as XML, one small reader per schema:

- "parlparse-xml": UK Hansard as ParlParse / TheyWorkForYou publish it (`<publicwhip>`):
  `<speech speakername=… person_id|speakerid=… speakeroffice=…>` of `<p>`, headings
  `<major-heading>`/`<minor-heading>`, `[Mr. X in the Chair]` notes, `<phrase
  class="honfriend">` cross-references (`the hon. Member for Orkney and Shetland (Mr.
  Carmichael)`) that give a member's constituency;
- "ourcommons-xml": the House of Commons of Canada's Hansard XML (`<Hansard>`):
  `<Intervention>` with `<PersonSpeaking><Affiliation DbId=…>Name (riding or office,
  party)</Affiliation>`, `<ParaText>` paragraphs (one opening `<B>Some hon. members:</B>`
  is an interjection), the Speaker named in the front matter (`Speaker: The Honourable …`);
- "qld-hansard-xml": Queensland Hansard XML (`Hansard-Body` paragraphs): the member with
  the floor `<Hansard-Member-Up>Ms NOLAN:</…>` or, opening a debate speech (until
  `<Hansard-Speech-End>`), `<Hansard-Member-Electorate>Dr ROBINSON</…> (Cleveland--LNP)`,
  interjections `<Hansard-Member-Down>`, the chair from `Mr Speaker (Hon. John Mickel, Logan) … took the chair`; surname labels
  take the fullest name the record prints, and question time's formulae (`My question is
  to the Minister for …`, `I thank the member for Springwood for her question`) give the
  answering minister's office and the asker's seat.
- "aph-hansard-xml": the Parliament of Australia's Hansard XML (`<hansard>`, House and
  Senate, 1901 on): a `<talker>` gives the member who opens a `<speech>`; later turns open
  their `<para>` with the member's label, in bold or not, and a dash (`<inline
  font-weight="bold">Senator MURPHY</inline>(New South Wales—Leader of the Opposition) -
  …`, `The CLERK-Petitions have been lodged…`); the chair from `Mr SPEAKER (Hon. G. G. D.
  Scholes) took the chair`.
- "akoma-ntoso-xml": Akoma Ntoso (OASIS LegalDocML) debate records, the XML standard many
  parliaments publish in: `<speech|question|answer by="#ref" as="#role">` with a printed
  `<from>`, people and roles named in `<references>` (`<TLCPerson showAs=…>`).
- "europarl": not XML but its SGML-like cousin, the European Parliament's proceedings as the
  Europarl corpus holds them (and NLP research reads them): `<CHAPTER ID=1>` headings,
  `<SPEAKER ID=2 LANGUAGE="EN" NAME="Evans, Robert J">` turns, `<P>` paragraphs, attribute
  values quoted or not, tags on their own lines or run into the text.

Like the JSON layouts, the source text is a rendering — `label: paragraph` per turn, each
heading on its own line, blank lines between — and speeches' offsets point into it; the
XML as read is kept as the raw text. The same person under differing labels (a member id,
`Mr Lucas`/`Mr LUCAS`) is one speaker; affiliations mentioned inside speeches are text;
collective voices (`Some hon. members`, `Opposition members interjected.`) are narration.

XML is parsed by lxml without network access, DTDs or external entities (an external
entity is an undefined entity), and libxml2 refuses entity expansion beyond its
amplification limit (a billion-laughs file). Published records are often excerpts: an
element left open at the end is closed there, and an end tag that closes no open element
(left by a cut) is dropped; any other error refuses the file with one line.
"""

from __future__ import annotations

import html.entities
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from lxml import etree

from index.formats.common import TranscriptWriter
from index.records import Attribution, BadInput, ParsedDocument, Speech
from index.roster import fullest_name, phrase_counts
from index.text import MONTH_NAME, MONTHS, YEAR
from index.titles import describe_label
from index.vocabulary import EN_HONORIFICS, EN_OFFICE_HEADS, EN_TITLES

PARLPARSE = "parlparse-xml"
OURCOMMONS = "ourcommons-xml"
QUEENSLAND = "qld-hansard-xml"
APH = "aph-hansard-xml"
AKOMA_NTOSO = "akoma-ntoso-xml"
EUROPARL = "europarl"

# ---- reading XML safely --------------------------------------------------------------

_DECLARATION = re.compile(r"\A\ufeff?\s*<\?xml\s[^>]*\?>")
# the elements an excerpt of a record may open with: a Canadian one from its interventions or
# items of business on, a ParlParse one from its speeches, questions, answers or headings on
# (an Australian one from its debates or exchanges on, in either case: `_RECORD_ROOT`); a
# ParlParse `<gidredirect …/>` marks where a speech's id moved, before the speech
_COMMONS_EXCERPT_ROOTS = ("Intervention", "SubjectOfBusiness", "OrderOfBusiness", "HansardBody")
_PARLPARSE_TURNS = ("speech", "ques", "reply")
_PARLPARSE_EXCERPT_ROOTS = (*_PARLPARSE_TURNS, "major-heading", "minor-heading", "gidredirect")
_RECORD_ROOT = re.compile(
    r"\A\ufeff?\s*(?:<!DOCTYPE\s[^>]*>\s*)?<(?:publicwhip|debates|Hansard|hansard|HANSARD|akomaNtoso"
    r"|(?i:(?:sub)?debate(?:\.\d)?|question|answer|interjection|talk\.start)"
    rf"|{'|'.join(map(re.escape, (*_COMMONS_EXCERPT_ROOTS, *_PARLPARSE_EXCERPT_ROOTS)))})[\s>]"
)
_EXCERPT = "excerpt"  # the element that holds an excerpt's several top-level elements
_SAFE = {
    "resolve_entities": "internal",  # entities the document declares itself; never a file or URL
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,  # libxml2's limits: entity amplification, depth 256, 10 MB text nodes
    "remove_comments": True,
    "remove_pis": True,
}
_MAX_REPAIRS = 20  # end tags dropped or added before a file counts as damaged


def is_xml(text: str) -> bool:
    """Text that opens with an XML declaration (`<?xml …?>`), as published records do, or
    with the root element of a record this module reads (`<hansard …>` saved without one)."""
    return _DECLARATION.match(text) is not None or _RECORD_ROOT.match(text) is not None


def load_xml(text: str, name: str = "") -> etree._Element:
    """The root element of an XML text; BadInput (one line) for a hostile or damaged file.
    An excerpt's damage is repaired: elements left open at the end are closed, an end tag
    that closes no open element is dropped, and one that closes an element while elements
    inside it are still open closes those first."""
    # lxml takes no encoding declaration in a str; a doctype that declares nothing is never read
    # (nor is its DTD), and ParlInfo's lacks the system literal XML asks for
    source = _EMPTY_DOCTYPE.sub("", _html_entities(_DECLARATION.sub("", text, count=1)), count=1)
    for _ in range(_MAX_REPAIRS + 1):
        parser = etree.XMLPullParser(events=("start", "end"), **_SAFE)
        read = _Opened()
        try:
            parser.feed(source)
            read.follow(parser)
            return parser.close()
        except etree.XMLSyntaxError as error:
            read.follow(parser)  # at the end of the text, lxml ends the open elements itself
            if error.code == etree.ErrorTypes.ERR_TAG_NOT_FINISHED and read.root is not None:
                return read.root  # cut before its closing tags: everything read is kept
            if error.code == etree.ErrorTypes.ERR_DOCUMENT_END and read.root is not None:
                source = f"<{_EXCERPT}>{source}</{_EXCERPT}>"  # an excerpt of sibling elements: held together
                continue
            repaired = (
                _without_stray_end_tag(source, error, read.tags)
                or _empty_elements_closed(source, error, read.tags)
                or _inner_elements_closed(source, error, read.tags)
            )
            if repaired is None:
                raise BadInput(f"{name or 'input'}: not readable XML ({' '.join(error.msg.split())})") from None
            source = repaired
    raise BadInput(f"{name or 'input'}: not readable XML (more than {_MAX_REPAIRS} end tags out of place)")


_EMPTY_DOCTYPE = re.compile(r"\A\ufeff?\s*<!DOCTYPE\s[^\[>]*(?:\[\s*\])?\s*>")
_NAMED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})


def _html_entities(source: str) -> str:
    """HTML's named entities (`&mdash;`, `&nbsp;`) that the record uses without declaring
    them, as the characters they stand for; declared ones are left to the parser."""
    if "&" not in source:
        return source
    declared = set(re.findall(r"<!ENTITY\s+([A-Za-z][A-Za-z0-9]*)", source))

    def character(m: re.Match) -> str:
        name = m.group(1)
        value = html.entities.html5.get(f"{name};", "") if name not in declared | _XML_ENTITIES else ""
        return value if value and not set(value) & set("&<>") else m.group()

    return _NAMED_ENTITY.sub(character, source)


@dataclass
class _Opened:
    """The root and the open elements' names, following a pull parser's events."""

    root: etree._Element | None = None
    tags: list[str] = field(default_factory=list)

    def follow(self, parser: etree.XMLPullParser) -> None:
        for event, element in parser.read_events():
            if event == "end":
                self.tags.pop()
                continue
            self.root = element if self.root is None else self.root
            local = etree.QName(element).localname
            self.tags.append(f"{element.prefix}:{local}" if element.prefix else local)


def _empty_elements_closed(source: str, error: etree.XMLSyntaxError, open_tags: list[str]) -> str | None:
    """The source with an element that is never closed anywhere written as empty, every time
    (ParlInfo's SGML-born `<TAB …>` inside a paragraph), when the error is its parent's end
    tag; None for any other error."""
    if error.code != etree.ErrorTypes.ERR_TAG_NAME_MISMATCH or not open_tags:
        return None
    tag = open_tags[-1]
    if f"</{tag}" in source:
        return None
    return re.sub(rf"<({re.escape(tag)})(\s[^<>]*?)?\s*(?<!/)>", r"<\1\2/>", source)


def _inner_elements_closed(source: str, error: etree.XMLSyntaxError, open_tags: list[str]) -> str | None:
    """The source with the elements still open inside an element closed just before its end
    tag (`<PROCTEXT><INTERJECT>…</PROCTEXT>`: ParlInfo's INTERJECT), as an HTML parser closes
    them; None for any other error."""
    found = _end_tag_at(source, error)
    if found is None or found[2] not in open_tags[:-1]:
        return None
    start, _, tag = found
    depth = len(open_tags) - 1 - open_tags[::-1].index(tag)
    return source[:start] + "".join(f"</{inner}>" for inner in reversed(open_tags[depth + 1 :])) + source[start:]


def _without_stray_end_tag(source: str, error: etree.XMLSyntaxError, open_tags: list[str]) -> str | None:
    """The source without the end tag the error is about, when it closes no open element
    (an excerpt's leftover); None for any other error."""
    found = _end_tag_at(source, error)
    if found is None or found[2] in open_tags:
        return None
    start, end, _ = found
    return source[:start] + source[end:]


def _end_tag_at(source: str, error: etree.XMLSyntaxError) -> tuple[int, int, str] | None:
    """Where the end tag a mismatch error is about lies (start, end) and its name."""
    if error.code != etree.ErrorTypes.ERR_TAG_NAME_MISMATCH:
        return None
    line, column = error.position  # just after the end tag, counted in characters
    lines = source.split("\n")
    if not 1 <= line <= len(lines):
        return None
    end = sum(len(text) + 1 for text in lines[: line - 1]) + column - 1
    tag = re.search(r"</([^\s<>/]+)\s*>\Z", source[max(0, end - 300) : end])
    return None if tag is None else (end - len(tag.group()), end, tag.group(1))


# ---- what a reader returns, and its rendering ------------------------------------------


@dataclass(frozen=True)
class _Line:
    """A line of the record that is no speech: a heading (`heading` is what it heads
    speeches with) or a note such as `[Translation]` (`heading` None)."""

    text: str
    heading: str | None = None


@dataclass
class _Turn:
    """Paragraphs one person (a key into the record's people; "" for narration) speaks."""

    person: str
    label: str  # as printed before the words; "" for a continuation
    paragraphs: list[str]
    interjects: bool = False  # from the floor, not holding it


@dataclass
class _Record:
    """What a reader takes from one XML record."""

    title: str = ""
    date: str = ""
    items: list[_Line | _Turn] = field(default_factory=list)
    people: dict[str, Attribution] = field(default_factory=dict)

    def add(self, person: str, label: str, paragraph: str, interjects: bool = False) -> None:
        """One paragraph spoken by `person`: it continues their turn when theirs is the last."""
        if not paragraph:
            return
        last = self.items[-1] if self.items else None
        if isinstance(last, _Turn) and last.person == person and not label:
            last.paragraphs.append(paragraph)
        else:
            self.items.append(_Turn(person, label, [paragraph], interjects))

    def turns(self) -> Iterator[_Turn]:
        return (item for item in self.items if isinstance(item, _Turn))


def _document(fmt: str, record: _Record) -> ParsedDocument:
    """The rendering (`label: paragraph`, headings on their own lines) and its speeches."""
    out = TranscriptWriter()
    speeches = []
    heading = ""
    for item in record.items:
        if isinstance(item, _Line):
            out.write(f"{item.text}\n\n")
            heading = item.heading if item.heading is not None else heading
            continue
        if item.label:
            out.write(f"{item.label}: ")
        paragraphs = out.write_paragraphs("\n\n".join(item.paragraphs))
        out.write("\n\n")
        who = record.people.get(item.person, Attribution()) if item.person else Attribution()
        speeches.append(Speech(replace(who, heading=heading), paragraphs))
    return ParsedDocument(out.text(), fmt, tuple(speeches), record.title, record.date)


# ---- what labels say, in every schema -------------------------------------------------

_PRESIDING = re.compile(
    r"(?:the\s+|mr\.?\s+|madam\s+|mrs\.?\s+|ms\.?\s+)?"
    r"(?P<role>(?:(?:deputy|acting|assistant|temporary|first|second)\s+)*"
    r"(?:speaker|chair(?:man|woman|person)?|president|presiding\s+officer))"
    r"(?:\s*\((?P<holder>.+)\))?",
    re.I,
)
# collective and anonymous voices: `Some hon. members`, `Opposition members`, `An hon. member`, `Des voix`
_COLLECTIVE = re.compile(
    r"(?:(?:some|several|many|other|all|an?|one|two|three|\d+)\s+)?"
    r"(?:(?:right\s+|the\s+)?(?:hon\.|honourable|honorable)\s+|opposition\s+|government\s+)*"
    r"(?:members?|voices?|senators?|interjectors?)|(?:des|une|quelques)\s+voix",
    re.I,
)
_HONOURABLE = re.compile(r"(?:Senator\s+)?(?:[Tt]he\s+)?(?:Right\s+)?(?:Honourable|Honorable|Hon\.)\s+")
_TRAILING_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")
# head words of an office (`Minister of Finance`, `Leader of the Opposition`), not of a riding
_OFFICE_WORD = re.compile(rf"\b(?:{EN_OFFICE_HEADS})\b")
# an office as the record writes it: capitalised words joined by `and`, `of the`, commas
_OFFICE = r"[A-Z][\w’'-]*(?:(?:,|(?:\s+(?:and|for|of|the|on|in|to))+)?\s+[A-Z][\w’'-]*)*"


def _text(element: etree._Element, skip: etree._Element | None = None) -> str:
    """An element's text (its descendants' too, not its own tail) on one line; the text
    of `skip`, one of its children, left out (its tail kept)."""
    parts = [element.text or ""]
    for child in element:
        if child is not skip:
            parts.extend(child.itertext())
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _is_note(text: str) -> bool:
    """A bracketed line of the record's own (`(Time expired)`, `(Motion agreed to)`), not speech."""
    return text[:1] in "([" and text[-1:] in ")]"


def _presiding_role(label: str) -> tuple[str, str] | None:
    """(role, holder) for a presiding officer's label: `The Speaker` → (Speaker, ""),
    `Mr SPEAKER` → (Speaker, ""), `The Acting Speaker (Mrs. X)` → (Acting Speaker, Mrs. X)."""
    m = _PRESIDING.fullmatch(label.strip().rstrip(":").strip())
    if m is None:
        return None
    return " ".join(m.group("role").split()).title(), (m.group("holder") or "").strip()


def _office_printed(label: str, person: str) -> tuple[str, ...] | None:
    """What a turn's label prints in place of, or beside, the name of the person its
    reference names: an office (`An Cathaoirleach` for John Brady), a form of address
    (`Deputy` in `Deputy Cathy Bennett`), both (`Minister of State at … (Deputy Damien
    English)`); None where it prints the name alone or after an honorific (`Mr. Seamus
    McCarthy`, `Ms. Osei`), which `_person` reads."""
    label, surname = " ".join(label.split()).rstrip(":").strip(), person.split()[-1] if person.split() else ""
    if not surname or surname.lower() not in label.lower():
        return (label,)
    at = label.lower().find(person.lower())
    if at < 0:
        return None
    rest = label[:at] + " " + label[at + len(person) :]
    pieces = tuple(p for p in (" ".join(p.split()) for p in re.split(r"[()]", rest)) if p)
    if not pieces or all(_HONOURABLE.fullmatch(p + " ") or p.lower().strip(".") in EN_HONORIFICS for p in pieces):
        return None
    return pieces


def _is_collective(label: str) -> bool:
    return _COLLECTIVE.fullmatch(label.strip().rstrip(":").strip()) is not None


def _person(name: str) -> Attribution:
    """A printed name: `The Honourable Anthony Rota` → Anthony Rota (The Honourable),
    `Hon. Pierre Poilievre` → Pierre Poilievre (Hon.), `Mr. Joe Benton` → Joe Benton."""
    m = _HONOURABLE.match(name)
    if m and not m.group().startswith("Hon."):
        info = describe_label(name[m.end() :])
        return replace(info, titles=(m.group().strip(), *info.titles))
    return describe_label(name)


def _merged(first: Attribution, other: Attribution) -> Attribution:
    """One person printed two ways: the first name, every title, unit and role."""
    return Attribution(
        first.speaker or other.speaker,
        _unique(first.titles + other.titles),
        _unique(first.units + other.units),
        _unique(first.roles + other.roles),
    )


def _with(info: Attribution, *, title: str = "", unit: str = "", role: str = "") -> Attribution:
    return _merged(info, Attribution("", (title,), (unit,), (role,)))


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def _iso(year: str | int, month: str | int, day: str | int) -> str:
    try:
        return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    except ValueError:
        return ""


_EN_DATE = re.compile(
    rf"(?:(?P<day>\d{{1,2}})\s+{MONTH_NAME}|(?P<month_first>[A-Za-z]+)\.?\s+(?P<day2>\d{{1,2}}),?)\s+{YEAR}", re.I
)


def _english_date(text: str) -> str:
    """`Tuesday, 6 October 2009` or `Thursday, May 18, 2023` → ISO; "" when none."""
    m = _EN_DATE.search(text)
    if m is None:
        return ""
    month = MONTHS.get((m.group("month_name") or m.group("month_first") or "").lower())
    return _iso(m.group("year"), month, m.group("day") or m.group("day2")) if month else ""


# ---- UK: ParlParse / TheyWorkForYou -----------------------------------------------------

_PARLPARSE_HEADINGS = ("major-heading", "minor-heading", "oral-heading")
_CHAIR_NOTE = re.compile(r"\[\s*(?P<chair>[^\[\]]+?)\s+in\s+the\s+Chair\s*\]", re.I)
_ID_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# `the hon. Member for Ealing, North (Stephen Pound)`, `my right hon. Friend the Member for …`
_SEAT = re.compile(
    r"(?:the\s+|my\s+)?(?:(?:right\s+)?hon\.\s+(?:and\s+\w+\s+)?Friend\s+the\s+)?"
    r"(?P<title>(?:right\s+)?(?:hon\.\s+)?(?:and\s+(?:learned|gallant|reverend)\s+)?(?:Member|Lady|Gentleman))"
    r"\s+for\s+(?P<seat>[^()]+?)\s*\([^()]*\)",
    re.I,
)


def is_parlparse(root: etree._Element) -> bool:
    """The record (`<publicwhip>`; OpenAustralia publishes the same schema as `<debates>`), or
    an excerpt of it: speeches, questions and answers with their ParlParse ids (`uk.org.publicwhip/…`)."""
    if root.tag == "publicwhip":
        return True
    return root.tag in (_EXCERPT, "debates", *_PARLPARSE_EXCERPT_ROOTS) and any(
        "publicwhip" in (e.get("id") or "") for e in root.iter(*_PARLPARSE_TURNS)
    )


def parse_parlparse(root: etree._Element) -> ParsedDocument:
    """ParlParse XML: one speech per `<speech>`, named by `speakername`, identified by
    `person_id`/`speakerid`; `speakeroffice` is a title; constituencies from honfriend
    cross-references; the member named in `[… in the Chair]` has the title Chair."""
    record = _Record()
    seats = _parlparse_seats(root)
    chairs: list[tuple[Attribution | None, str]] = []  # (who, role) of each chair note so far
    for element in root.iter(*_PARLPARSE_TURNS, *_PARLPARSE_HEADINGS):
        record.date = record.date or _parlparse_date(element.get("id") or "")
        if element.tag in _PARLPARSE_HEADINGS:
            text = _text(element)
            chairs += [_chair_note(m.group("chair")) for m in _CHAIR_NOTE.finditer(text)]
            heading = _CHAIR_NOTE.sub("", text).strip(" —–-")
            record.title = record.title or heading
            record.items.append(_Line(text, heading or None))
            continue
        paragraphs = [p for p in (_text(block) for block in element) if p] or [_text(element)]
        name = " ".join((element.get("speakername") or "").split())
        office = " ".join((element.get("speakeroffice") or "").split())
        key, label = "", name  # narration: no speaker, or a collective voice (`Hon. Members`)
        if element.get("nospeaker") != "true" and name and not _is_collective(name):
            ids = [i for i in (element.get("person_id"), element.get("speakerid")) if i and i != "unknown"]
            key = ids[0] if ids else name
            who = _parlparse_person(name, office, chairs, [seats.get(i) for i in (*ids, name)])
            record.people[key] = _merged(record.people[key], who) if key in record.people else who
            label = f"{name} ({office})" if office else name
        for i, paragraph in enumerate(paragraphs):
            record.add(key, label if i == 0 else "", paragraph)
    return _document(PARLPARSE, record)


def _chair_note(chair: str) -> tuple[Attribution | None, str]:
    """Who a `[… in the Chair]` note names, and as what: `Mr. Joe Benton` → (Joe Benton,
    Chair); `Mr. Deputy Speaker (Sir Alan Haselhurst)` → (Alan Haselhurst, Deputy Speaker);
    `MR. SPEAKER` → (None, Speaker): an office, no name."""
    if role := _presiding_role(chair):
        return (_person(role[1]) if role[1] else None), role[0]
    return _person(chair), "Chair"


def _parlparse_person(
    name: str, office: str, chairs: list[tuple[Attribution | None, str]], seats: list[tuple[str, str] | None]
) -> Attribution:
    """The speaker of a ParlParse speech: for a presiding label (`Mr. Deputy Speaker`) the
    member the last chair note names; a member named in a chair note has its office."""
    if presiding := _presiding_role(name):
        holder = _person(presiding[1]) if presiding[1] else chairs[-1][0] if chairs else None
        role = presiding[0]
        return _with(holder, title=role, role=role) if holder else Attribution(name, roles=(role,))
    name, office, seat_printed = _speakername(name, office)
    who = _person(name)
    for holder, role in chairs:
        if holder is not None and holder.speaker == who.speaker:
            who = _with(who, title=role, role=role)
    if office:
        who = _with(who, title=re.sub(r"^The\s+", "", office), role=re.sub(r"^The\s+", "", office))
    seat = next((s for s in seats if s), None)
    if seat:
        return _with(who, title=seat[0], unit=seat[1])
    return _with(who, unit=seat_printed) if seat_printed else who


# `The Deputy First Minister and … (Nicola Sturgeon)`: an office, its holder in brackets;
# `Jackie Baillie (Dumbarton) (Lab)`: a member, the seat and party in brackets
_OFFICE_AND_HOLDER = re.compile(r"(?P<office>The\s.+?)\s*\((?P<name>[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){1,3})\)")
_MEMBER_AND_SEAT = re.compile(r"(?P<name>[^()]+?)\s*\((?P<seat>[^()]+)\)(?:\s*\((?P<party>[^()]+)\))?")


def _speakername(name: str, office: str) -> tuple[str, str, str]:
    """(name, office, seat) of a `speakername` that prints an office or a seat in brackets."""
    if m := _OFFICE_AND_HOLDER.fullmatch(name):
        return m.group("name"), office or m.group("office"), ""
    if (m := _MEMBER_AND_SEAT.fullmatch(name)) and not m.group("name").startswith("The "):
        return m.group("name"), office, m.group("seat")
    return name, office, ""


def _parlparse_seats(root: etree._Element) -> dict[str, tuple[str, str]]:
    """Member id and name → (title, constituency) from the first honfriend cross-reference."""
    seats: dict[str, tuple[str, str]] = {}
    for phrase in root.iter("phrase"):
        if phrase.get("class") == "honfriend" and (m := _SEAT.fullmatch(_text(phrase))):
            for key in (phrase.get("id"), phrase.get("name")):
                if key:
                    seats.setdefault(key, (m.group("title"), m.group("seat")))
    return seats


def _parlparse_date(element_id: str) -> str:
    m = _ID_DATE.search(element_id)  # `uk.org.publicwhip/westminhall/2009-10-28a.71.1`
    return _iso(*m.groups()) if m else ""


# ---- Canada: House of Commons Hansard ---------------------------------------------------

_COMMONS_HEADINGS = ("OrderOfBusinessTitle", "SubjectOfBusinessTitle")
_COMMONS_PARAGRAPHS = ("ParaText", "ProceduralText", "QuotePara", "ThroneSpeechPara")
_COMMONS_SPEAKING = ("PersonSpeaking", "Questioner", "Responder")


def is_ourcommons(root: etree._Element) -> bool:
    """The record (`<Hansard>`), or an excerpt of it from its interventions or items of business on."""
    if root.tag not in ("Hansard", _EXCERPT, *_COMMONS_EXCERPT_ROOTS):
        return False
    return next(root.iter("Intervention", "HansardBody"), None) is not None


def parse_ourcommons(root: etree._Element) -> ParsedDocument:
    """House of Commons Hansard XML: one speech per `<Intervention>` (split where a
    paragraph opens with another speaker's label), people identified by `DbId`; the
    Speaker named by the front matter; language notes (`[Translation]`) as lines."""
    front = {item.get("Name"): _text(item) for item in root.iter("ExtractedItem")}
    record = _Record(
        title=front.get("InstitutionDebate", ""),
        date=_iso(*(front.get(f"MetaDateNum{part}", "") for part in ("Year", "Month", "Day")))
        or _english_date(front.get("Date", "")),
    )
    presiding = _commons_presiding(front)
    for element in root.iter(*_COMMONS_HEADINGS, "FloorLanguage", "Intervention", *_COMMONS_PARAGRAPHS):
        if next(element.iterancestors("Intervention"), None) is not None:
            continue  # read with its intervention
        if element.tag in _COMMONS_HEADINGS:
            record.items.append(_Line(_text(element), _text(element)))
        elif element.tag == "FloorLanguage":
            record.items.append(_Line(_text(element)))
        elif element.tag == "Intervention":
            _commons_intervention(element, record, presiding)
        else:
            record.add("", "", _text(element))
    return _document(OURCOMMONS, record)


def _commons_intervention(element: etree._Element, record: _Record, presiding: dict[str, Attribution]) -> None:
    """An intervention's paragraphs: its speaker's, or the speaker a paragraph's leading
    label names (`<B>Some hon. members:</B> Oh, oh!`, a collective voice: narration) —
    after a collective voice the intervention's speaker goes on."""
    affiliation = next((a for s in element.iter(*_COMMONS_SPEAKING) for a in s.iter("Affiliation")), None)
    speaker = _commons_speaker(affiliation, record, presiding) if affiliation is not None else ""
    label = _text(affiliation) if affiliation is not None else ""
    current = speaker
    for paragraph in element.iter(*_COMMONS_PARAGRAPHS):
        if any(a.tag in _COMMONS_PARAGRAPHS for a in paragraph.iterancestors()):
            continue  # inside another paragraph, read with it
        lead = paragraph[0] if len(paragraph) and not (paragraph.text or "").strip() else None
        printed = _text(lead) if lead is not None and lead.tag in ("B", "Affiliation") else ""
        if printed and (printed.endswith(":") or (lead.tail or "").lstrip().startswith(":")):
            text = _text(paragraph, skip=lead).removeprefix(":").strip()
            printed = printed.rstrip(":").strip()
            if _is_collective(printed):
                record.add("", printed, text)
                current = speaker
            elif speaker and label.rstrip(":").strip().startswith(printed):  # `The Clerk:` in the Clerk's own turn
                current = speaker
                record.add(current, "", text)
            elif lead.tag == "Affiliation":
                current = _commons_speaker(lead, record, presiding)
                record.add(current, printed, text, interjects=current != speaker)
            else:  # `<B>The Clerk:</B>`: an office whose holder the record has named is that person
                who = _commons_person(printed, presiding)
                current = next((k for k, p in record.people.items() if p.speaker == who.speaker), printed)
                record.people.setdefault(current, who)
                record.add(current, printed, text, interjects=current != speaker)
            continue
        text = _text(paragraph)
        if _is_note(text):  # `(Motion agreed to)`
            record.add("", "", text)
            continue
        record.add(current, label if current == speaker else "", text)
        label = label if current != speaker else ""


def _commons_speaker(affiliation: etree._Element, record: _Record, presiding: dict[str, Attribution]) -> str:
    """The key of the person an `<Affiliation>` label names (its DbId, else the label),
    recorded in the record's people with what every label of theirs says."""
    label = _text(affiliation).rstrip(":").strip()
    key = affiliation.get("DbId") or label
    who = _commons_person(label, presiding)
    record.people[key] = _merged(record.people[key], who) if key in record.people else who
    return key


def _commons_person(label: str, presiding: dict[str, Attribution]) -> Attribution:
    """`Hon. Steven Guilbeault (Minister of Environment and Climate Change, Lib.)` →
    Steven Guilbeault, titles Hon. and the office, unit Lib.; `Mr. Gord Johns (Courtenay—
    Alberni, NDP)` → units Courtenay—Alberni, NDP; `The Speaker` → the front matter's Speaker."""
    if role := _presiding_role(label):
        name, holder = role
        if holder:  # the holder named once stands for the office's later bare labels
            presiding[name] = _with(_commons_person(holder, presiding), title=name, role=name)
        return presiding.get(name, Attribution(label, roles=(name,)))
    if (office := re.fullmatch(r"The\s+(.+)", label)) and office.group(1) in presiding:  # `The Clerk`, named before
        return presiding[office.group(1)]
    if m := _OFFICE_AND_HOLDER.fullmatch(label):  # `The Clerk of the Committee (Mr. Georges Etoka)`
        office = re.sub(r"^The\s+", "", m.group("office"))
        presiding[office.split(" of ")[0]] = who = _with(_person(m.group("name")), title=office, role=office)
        return who
    m = _TRAILING_PAREN.search(label)
    who = _person(label[: m.start()] if m else label)
    if m is None:
        return who
    context, _, party = m.group(1).rpartition(",") if "," in m.group(1) else (m.group(1), "", "")
    context, party = context.strip(), party.strip()
    if _OFFICE_WORD.search(context):
        who = _with(who, title=context, role=context)
    else:
        who = _with(who, unit=context)
    return _with(who, unit=party)


def _commons_presiding(front: dict[str, str]) -> dict[str, Attribution]:
    """The presiding officer the front matter names (`Speaker: The Honourable Anthony
    Rota`), with the House (`Institution`) as unit, in the House's own casing."""
    m = re.fullmatch(r"(?P<role>[A-Z][\w ]{1,40}):\s*(?P<name>.+)", front.get("SpeakerName", ""))
    if m is None:
        return {}
    house = front.get("Institution", "")
    if house.isupper():
        printed = (re.search(re.escape(house), value, re.I) for value in front.values())
        house = next((p.group() for p in printed if p and not p.group().isupper()), house.title())
    role = m.group("role").strip()
    who = _person(m.group("name"))
    return {role: replace(who, titles=(role, *who.titles), units=(house,), roles=(role,))}


# ---- Australia: Queensland Hansard ------------------------------------------------------

_QLD_FLOOR = ("Hansard-Member-Up", "Hansard-Member-Electorate")  # the member takes the floor
_QLD_LABELS = (*_QLD_FLOOR, "Hansard-Member-Down", "Hansard-Member-Interjected", "Hansard-Bold")
_QLD_LEVEL_HEADING = re.compile(r"Hansard-Level-\d+-Heading")
# `Hon. AM BLIGH</…> (South Brisbane--ALP) (Premier and Minister for the Arts) (9.50 am): …`
_QLD_ELECTORATE = re.compile(r"\s*\((?P<seat>[^()]+?)--(?P<party>[^()]+)\)(?:\s*\((?P<office>[^()\d][^()]*)\))?")
_INTERJECTED = re.compile(r"(?P<who>[^.:;!?]{1,60}?)\s+interjected\.?", re.I)
_TOOK_CHAIR = re.compile(r"(?P<role>[A-Z][\w .]*?)\s*\((?P<holder>[^()]+)\)[^()]*?\btook the chair\b", re.I)
_INITIALS = re.compile(r"[A-Z]{1,3}")  # `AM` in `Hon. AM BLIGH`
_QUESTION_TO = re.compile(
    rf"\bquestion\b(?:\s+without\s+notice)?(?:\s+is)?(?:\s+also)?\s+to\s+the\s+(?P<office>{_OFFICE})"
)
_THANKS = re.compile(
    rf"\bI (?:thank|acknowledge) the\s+(?P<title>(?:honourable\s+)?member)\s+for\s+(?P<seat>[A-Z][\w’'-]*(?:[ -][A-Z][\w’'-]*)*)"
    rf"\s+for\s+(?:his|her|their)\b|\bI (?:thank|acknowledge) the\s+(?:honourable\s+)?(?P<office>{_OFFICE})\s+for\s+(?:his|her|their)\b"
)


@dataclass
class _Members:
    """What a Queensland record prints about its members, by member: their labels, what
    an electorate label says (`(Cleveland--LNP)`), and who the record says took the chair."""

    labels: dict[str, list[str]] = field(default_factory=dict)
    described: dict[str, Attribution] = field(default_factory=dict)
    chairs: dict[str, Attribution] = field(default_factory=dict)  # role → member
    full: dict[str, str] = field(default_factory=dict)  # member → the full name a record's metadata gives


def is_queensland(root: etree._Element) -> bool:
    return any(isinstance(e.tag, str) and e.tag.startswith("Hansard-Body") for e in root.iter())


def parse_queensland(root: etree._Element) -> ParsedDocument:
    """Queensland Hansard XML: a `Hansard-Member-Up` or `-Electorate` label gives the member
    the floor (the paragraphs after it are theirs until `Hansard-Speech-End` or a heading),
    a `Hansard-Member-Down` label is one interjection; reported interjections and
    bracketed notes (`(Time expired)`) are narration."""
    record, members = _Record(), _Members()
    floor = ""
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        parent = element.getparent()
        if parent is not None and str(parent.tag).startswith("Hansard-"):
            continue  # inside a block: read with it
        if _QLD_LEVEL_HEADING.fullmatch(tag):
            record.items.append(_Line(_text(element), _text(element)))
            floor = ""
        elif tag.startswith("Hansard-Body"):
            floor = _queensland_paragraph(element, record, members, floor)
        elif (tag.endswith("Heading") or tag == "LegAssembly") and (text := _text(element)):
            record.items.append(_Line(text))  # the sitting's date, the House, a tabled paper
            record.date = record.date or (_english_date(text) if tag == "Hansard-Date-Heading" else "")
            record.title = record.title or (text if tag == "LegAssembly" else "")
    text = "\n".join(p for turn in record.turns() for p in turn.paragraphs)
    counts = phrase_counts(text)
    for key, printed in members.labels.items():
        record.people[key] = _labelled_member(printed, members, key, text, counts)
    _question_time(record)
    return _document(QUEENSLAND, record)


def _queensland_paragraph(body: etree._Element, record: _Record, members: _Members, floor: str) -> str:
    """Add one body paragraph to the record; the member holding the floor after it."""
    lead = next((child for child in body if child.tag in _QLD_LABELS), None)
    if lead is not None and "".join(_leading_text(body, lead)).strip():
        lead = None  # a label opens its paragraph
    text = _text(body)
    ends = next(body.iter("Hansard-Speech-End"), None) is not None
    if lead is not None and lead.tag in (*_QLD_FLOOR, "Hansard-Member-Down"):
        label, words = _text(lead).rstrip(":").strip(), _text(body, skip=lead)
        key = _member_key(label)
        members.labels.setdefault(key, []).append(label)
        if lead.tag == "Hansard-Member-Electorate" and (m := _QLD_ELECTORATE.match(words)):
            described = Attribution("", (m.group("office") or "",), (m.group("seat"), m.group("party")))
            members.described[key] = _merged(members.described.get(key, Attribution()), described)
            label, words = f"{label} {m.group().strip()}", words[m.end() :].strip()
        up = lead.tag in _QLD_FLOOR
        record.add(key, label, words, interjects=not up)
        return "" if ends else key if up else floor
    if (m := _TOOK_CHAIR.match(text)) and (role := _presiding_role(m.group("role"))):
        name, _, seat = m.group("holder").rpartition(",") if "," in m.group("holder") else (m.group("holder"), "", "")
        who = _person(name.strip())
        members.chairs[role[0]] = replace(
            who, titles=(role[0], *who.titles), units=_unique((seat.strip(),)), roles=(role[0],)
        )
    reported = _INTERJECTED.fullmatch(text)  # `Mr McArdle interjected.`, `Opposition members interjected.`
    said = text.split(":", 1)[0] if ":" in text[:60] else ""
    narration = (
        (reported and (lead is not None or _is_collective(reported.group("who"))))
        or _is_note(text)
        or (said and _is_collective(said))
    )
    record.add("" if narration else floor, "", text)
    return "" if ends else floor


def _leading_text(body: etree._Element, lead: etree._Element) -> Iterator[str]:
    """The text printed in a paragraph before its label (anchors print nothing)."""
    yield body.text or ""
    for child in body:
        if child is lead:
            return
        yield from child.itertext()
        yield child.tail or ""


def _member_key(label: str) -> str:
    """One key per member across label forms: `Mr LUCAS`, `Mr Lucas` and `Hon. PT LUCAS`
    are `lucas` (the surname; initials and honorifics off); a presiding label is itself."""
    if _presiding_role(label):
        return " ".join(label.lower().split())
    return _name_parts(label)[2].lower()


def _name_parts(label: str) -> tuple[Attribution, list[str], str]:
    """A member's label → (what it says, initials, surname): `Hon. AM BLIGH` → (AM BLIGH
    with the title Hon., [AM], BLIGH); a leading title is a title (`Senator BULL`)."""
    info = describe_label(label)
    words = info.speaker.split()
    while len(words) > 1 and words[0].lower() in EN_TITLES:
        info = replace(info, titles=(*info.titles, words.pop(0)))
    info = replace(info, speaker=" ".join(words))
    initials = list(itertools.takewhile(_INITIALS.fullmatch, words[:-1]))
    return info, initials, " ".join(words[len(initials) :])


def _labelled_member(printed: list[str], members: _Members, key: str, text: str, counts: Counter) -> Attribution:
    """A member from their labels (Queensland's and the Australian Parliament's): the chair
    the record names for `Mr SPEAKER`; else the full name its metadata gives (`Kelly, Mike, MP`
    → Mike Kelly), or the fullest name the record prints for the
    surname (`Mr LANGBROEK` → John-Paul Langbroek), else the fullest label, in mixed case
    where a label prints it so (`Mr LUCAS` → Mr Lucas, `Hon. AM BLIGH` → AM Bligh), with
    what an electorate label says."""
    label = max(printed, key=lambda p: (len(describe_label(p).speaker.split()), not re.search(r"[A-Z]{3,}", p)))
    if role := _presiding_role(label):
        name, holder = role
        if holder:  # `Mr DEPUTY SPEAKER (Mr Wendt)`
            return _with(_person(holder), title=name, role=name)
        return members.chairs.get(name, Attribution(label, roles=(name,)))
    info, initials, surname = _name_parts(label)
    fuller = fullest_name(Attribution(surname), text, counts)  # a full name, else the surname cased
    if key in members.full:  # the record's metadata: `<name role="metadata">Kelly, Mike, MP</name>`
        name = members.full[key]
    elif len(fuller.speaker.split()) > len(surname.split()):
        name = fuller.speaker
    elif initials:
        name = " ".join([*initials, fuller.speaker])
    else:  # `Mr ` or `Dr ` before a surname alone (not a title: `Senator BULL` is Bull)
        prefix = label[: -len(info.speaker)] if label.endswith(info.speaker) else ""
        kept = (
            prefix.strip().lower() in EN_HONORIFICS and " " not in fuller.speaker
        )  # (`Mr Lucas`, not `Mr Malcolm Fraser`)
        name = prefix + fuller.speaker if kept else fuller.speaker
    described = members.described.get(key, Attribution())
    name = name.title() if name.islower() else name  # (`Senator bull`)
    return _merged(replace(info, speaker=name), replace(described, roles=described.titles))


def _question_time(record: _Record) -> None:
    """Offices and seats from question time's formulae: the member who first takes the
    floor after a question `to the Minister for …` (not the asker, not the chair) holds
    that office; `I thank the member for Springwood for her question` (or `the honourable
    Leader of the Opposition`) in the first paragraph of a speech describes the asker of
    the question being answered, else the previous speaker."""
    asked: tuple[str, str] | None = None  # (asker, office)
    previous = ""
    for item in record.items:
        if isinstance(item, _Line):
            asked = None if item.heading is not None else asked
            continue
        person, first = item.person, item.paragraphs[0]
        if not person:
            continue
        who = record.people[person]
        thanked = asked[0] if asked else previous  # the asker, or whoever spoke last
        if item.label and (m := _THANKS.search(first)) and thanked and thanked != person:
            if m.group("office"):
                record.people[thanked] = _with(record.people[thanked], title=m.group("office"), role=m.group("office"))
            else:
                record.people[thanked] = _with(record.people[thanked], title=m.group("title"), unit=m.group("seat"))
        if item.label and (m := _QUESTION_TO.search(first)):
            asked = (person, m.group("office"))
        elif asked and item.label and not item.interjects and person != asked[0] and not _presides(who):
            record.people[person] = _with(who, title=asked[1], role=asked[1])
            asked = None
        previous = person


def _presides(who: Attribution) -> bool:
    return any(_presiding_role(role) for role in who.roles)


# ---- Australia: the Parliament's Hansard XML ---------------------------------------------

# a turn's label opening its paragraph, its seat and office in brackets, then a dash:
# `Senator MURPHY(New South Wales - Leader of the Opposition) - …`, `The CLERK-Petitions …`
_APH_LABEL = re.compile(
    r"(?P<label>(?:The|Mr|Mrs|Ms|Miss|Dr|Sir|Senator|Dame)\.?\s+(?:the\s+Hon\.\s+)?[A-Za-z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,2}"
    r"|(?:Honourable|Government|Opposition|Some)\s+[Mm]embers|Honourable\s+senators)"
    r"\s*(?:\((?P<seat>[^()]*)\))?\s*[-–—]\s*"
)
_APH_CAPITALS = re.compile(r"[A-Z][A-Z’'\-]{2,}")  # a label not in bold prints the name in capitals
# the same label in the record's later schema (2011 on: `<talk.text><body><p>`), seat and office
# in brackets, the time, a colon: `Mr ABBOTT (Warringah—Leader of the Opposition) (14:08):`
_APH_COLON_LABEL = re.compile(
    r"(?P<label>(?:The|Mr|Mrs|Ms|Miss|Dr|Sir|Senator|Dame)\.?\s+(?:the\s+Hon\.\s+)?[A-Za-z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,2})"
    r"\s*(?:\((?P<seat>[^()]*[^()\d:.\s][^()]*)\)\s*)?(?:\(\d{1,2}[:.]\d{2}\)\s*)?:\s*(?:\d{1,2}[:.]\d{2}\)?:\s*)?"
)
_INTERJECTING = re.compile(r".{2,60}\binterjecting\W*$")  # `Mrs Bronwyn Bishop interjecting—`: no words of theirs
_APH_PARAGRAPH_HOLDERS = ("talk.text", "business.start")  # where the later schema's `<p>` are speech


def is_aph(root: etree._Element) -> bool:
    """The schema in lower case (`<hansard>`, 1998 on) or in capitals (ParlInfo's `<HANSARD>`),
    or an excerpt of it (its debates or exchanges, which alone print `<talk.start>`)."""
    wanted = ("chamber.xscript", "session.header") if str(root.tag).lower() == "hansard" else ("talk.start",)
    return any(str(e.tag).lower() in wanted for e in root.iter())


def parse_aph(root: etree._Element) -> ParsedDocument:
    """Australian Hansard XML: the member a `<talker>` names holds the floor, until a
    paragraph opens with another member's label and a dash; collective voices
    (`Honourable Members- Hear, hear.`), the chair's taking the chair and bracketed notes
    are narration; surname labels take the fullest name the record prints."""
    for element in root.iter():  # ParlInfo prints the same schema in capitals
        if isinstance(element.tag, str):
            element.tag = element.tag.lower()
    record, members = _Record(), _Members()
    record.date = " ".join((root.findtext("session.header/date") or _dmy(root.get("DATE", ""))).split())
    record.title = " ".join((root.findtext("session.header/chamber") or root.get("CHAMBER", "")).split()).title()
    floor = ""
    for element in root.iter("title", "talker", "para", "p"):
        if element.tag == "title":
            if (parent := element.getparent()) is not None and parent.tag.endswith("debateinfo"):
                record.items.append(_Line(_text(element), _text(element)))
                floor = ""
        elif element.tag == "talker":
            label = " ".join((element.findtext("name[@role='display']") or element.findtext("name") or "").split())
            if element.find("name[@role='display']") is None and "," in label:
                # the later schema names the talker only as the index does: `Abbott, Tony, MP`
                label = label.split(",")[0]
            seat, office = (
                " ".join((element.findtext(f) or "").split()).strip("()-– ") for f in ("electorate", "role")
            )
            floor = _aph_member(members, label, seat, office)
            if floor and (full := _metadata_name(element.findtext("name[@role='metadata']") or "", label)):
                members.full.setdefault(floor, full)
        elif element.tag == "p":  # the later schema: a paragraph of a turn's `<talk.text><body>`
            if (body := element.getparent()) is not None and (holder := body.getparent()) is not None:
                if holder.tag in _APH_PARAGRAPH_HOLDERS:
                    floor = _aph_paragraph(element, record, members, floor)
        elif (parent := element.getparent()) is None or parent.tag != "para":  # (not a para inside one)
            floor = _aph_paragraph(element, record, members, floor)
    text = "\n".join(p for turn in record.turns() for p in turn.paragraphs)
    counts = phrase_counts(text)
    for key, printed in members.labels.items():
        record.people[key] = _labelled_member(printed, members, key, text, counts)
    return _document(APH, record)


def _metadata_name(metadata: str, label: str) -> str:
    """`Kelly, Mike, MP` (the record's index form) → Mike Kelly (`FENN, Roger` → Roger Fenn), when the label names the same
    surname (`Dr KELLY`); "" otherwise."""
    parts = [p.strip() for p in metadata.split(",")]
    if len(parts) < 2 or not parts[0] or not parts[1] or not label.lower().endswith(parts[0].lower()):
        return ""
    words = f"{parts[1]} {parts[0]}".split()
    return " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in words)  # (`FENN, Roger` → Roger Fenn)


def _dmy(date: str) -> str:
    """`04/03/1981` → 1981-03-04; "" when it is no such date."""
    m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", date)
    return _iso(m.group(3), int(m.group(2)), m.group(1)) if m else ""


def _aph_member(members: _Members, label: str, seat: str | None, office: str | None) -> str:
    """The key of a member a label names, with the seat and office the record gives."""
    if not label or _is_collective(label):
        return ""
    key = _member_key(label)
    members.labels.setdefault(key, []).append(label)
    described = Attribution("", (" ".join((office or "").split()),), (" ".join((seat or "").split()),))
    members.described[key] = _merged(members.described.get(key, Attribution()), described)
    return key


def _aph_paragraph(para: etree._Element, record: _Record, members: _Members, floor: str) -> str:
    """Add one paragraph to the record; the member holding the floor after it."""
    text = _text(para)
    if (m := _TOOK_CHAIR.match(text)) and (role := _presiding_role(m.group("role"))):
        members.chairs[role[0]] = _with(_person(m.group("holder").strip()), title=role[0], role=role[0])
        record.add("", "", text)
        return floor
    label = _APH_LABEL.match(text) or _APH_COLON_LABEL.match(text)
    bold = len(para) and para[0].get("font-weight") == "bold" and not (para.text or "").strip()
    if label and _is_collective(label.group("label")) or _INTERJECTING.fullmatch(text):
        record.add("", "", text)  # `Honourable Members- Hear, hear.`, `… interjecting—`
        return floor
    if label and (bold or _APH_CAPITALS.search(label.group("label"))):
        seat, _, office = re.sub(r"\s*[–—]\s*", "-", label.group("seat") or "").partition("-")
        key = _aph_member(members, label.group("label"), seat, office)
        record.add(key, label.group("label") if key else "", text[label.end() :] if key else text)
        return key
    if text.startswith(("-", "–", "—")):  # the talker's first words, after their name
        text = text.lstrip("-–— ")
    record.add("" if _is_note(text) else floor, "", text)
    return floor


# ---- Akoma Ntoso (OASIS LegalDocML) debate records ----------------------------------

_AKN_TURNS = ("speech", "question", "answer")
_AKN_HEADINGS = ("heading", "subheading")
_AKN_NOTES = ("scene", "narrative", "summary")


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def is_akoma_ntoso(root: etree._Element) -> bool:
    """An Akoma Ntoso document (`<akomaNtoso>`, any version's namespace) holding a debate record."""
    return _local(root) == "akomaNtoso" and any(_local(e) in ("debate", "debateRecord") for e in root)


def parse_akoma_ntoso(root: etree._Element) -> ParsedDocument:
    """Akoma Ntoso debate XML, the OASIS standard parliaments publish in: one turn per
    `<speech>`, `<question>` or `<answer>`, its label the printed `<from>`, its person the
    `by` reference into `<references>` (`<TLCPerson showAs="Mr Smith">`): a presiding
    officer's label (`Mr. Speaker`) is the person it refers to, with the role; `as` names a
    role (`<TLCRole showAs="Minister of State, …">`) that is a title. Headings are lines;
    scenes, narratives and summaries are the record's notes."""
    shown: dict[str, str] = {}  # a reference's id → who or what it names
    roles: set[str] = set()  # the ids of roles
    record, preface, body = _Record(), "", root
    for element in root.iter():  # (one pass: the references, date, title and body)
        name = _local(element)
        if name in ("TLCPerson", "TLCRole"):
            ref = element.get("eId") or element.get("id") or ""
            shown[ref] = " ".join((element.get("showAs") or "").split())
            if name == "TLCRole":
                roles.add(ref)
        elif name == "docDate" and not record.date:
            record.date = (element.get("date") or "")[:10]
        elif name == "docTitle" and not record.title:
            record.title = _text(element)
        elif name == "p" and element.get("class") == "heading" and not preface:
            preface = _text(element)
        elif name == "debateBody" and body is root:
            body = element
    record.title = record.title or preface
    _akn_walk(body, record, shown, roles)
    return _document(AKOMA_NTOSO, record)


def _akn_walk(element: etree._Element, record: _Record, shown: dict[str, str], roles: set) -> None:
    for child in element:
        name = _local(child)
        if name in _AKN_HEADINGS:
            heading = _text(child)
            record.title = record.title or heading
            record.items.append(_Line(heading, heading))
        elif name in _AKN_NOTES:
            record.items.append(_Line(_text(child)))
        elif name in _AKN_TURNS:
            _akn_turn(child, record, shown, roles)
        elif name in ("p", "ul", "ol", "blockList", "tblock"):
            record.add("", "", _text(child))
        elif name:
            _akn_walk(child, record, shown, roles)


def _akn_turn(turn: etree._Element, record: _Record, shown: dict[str, str], roles: set) -> None:
    printed = next((_text(e) for e in turn if _local(e) == "from"), "")
    ref = (turn.get("by") or "").strip().lstrip("#")
    role_ref = (turn.get("as") or "").strip().lstrip("#")
    paragraphs = [_text(e) for e in turn if _local(e) not in ("from", "") and _text(e)]
    if not printed and not ref or _is_collective(printed):
        for paragraph in paragraphs:
            record.add("", "", paragraph)
        return
    key = ref or printed
    presiding = _presiding_role(printed) if printed else None
    person = shown.get(ref, "") if ref not in roles else ""
    if presiding and person:  # `Mr. Speaker`, by a person the references name
        who = _with(_person(person), title=presiding[0], role=presiding[0])
    elif person and printed and (offices := _office_printed(printed, person)) is not None:
        who = _merged(_person(person), Attribution("", offices))
    else:
        who = _person(printed or shown.get(ref, ref))
    if role_ref in roles and shown.get(role_ref) and not (presiding and _presiding_role(shown[role_ref])):
        who = _with(who, title=shown[role_ref])
    record.people[key] = _merged(record.people[key], who) if key in record.people else who
    for i, paragraph in enumerate(paragraphs):
        record.add(key, printed if i == 0 else "", paragraph)


# ---- Europarl ---------------------------------------------------------------------------

_EUROPARL_TAG = re.compile(r"<(?P<tag>CHAPTER|SPEAKER|P)\b(?P<attributes>[^<>]*)>")
_EUROPARL_SPEAKER = re.compile(r'<SPEAKER\s+ID=[^<>]*\bNAME="[^"<>]+"')
_ATTRIBUTE = re.compile(r'(?P<name>[A-Z]+)=(?:"(?P<quoted>[^"]*)"|(?P<bare>[^\s"]+))')
_STAGE_NOTE = re.compile(r"\([^()]{3,200}\)")  # `(The House rose and observed a minute's silence)`


def is_europarl(text: str) -> bool:
    """Text in the Europarl corpus's markup: two `<SPEAKER … NAME="…">` turns or more."""
    return len(_EUROPARL_SPEAKER.findall(text, 0, 200_000)) >= 2


def parse_europarl(text: str) -> ParsedDocument:
    """The Europarl corpus's proceedings: a chapter's title heads the turns after it; a
    speaker's name as printed (`Evans, Robert J`), `President` the presiding officer's role;
    a paragraph that is a stage note in brackets is the record's note."""
    record = _Record()
    person = ""
    pieces = _EUROPARL_TAG.split(text)  # text, tag, attributes, text, …
    paragraph = " ".join(pieces[0].split())  # the words after the last tag, not yet recorded
    for tag, attributes, after in zip(pieces[1::3], pieces[2::3], pieces[3::3]):
        _europarl_paragraph(record, person, paragraph)
        paragraph = " ".join(after.split())
        if tag == "CHAPTER":
            person = ""
            if paragraph:
                record.title = record.title or paragraph
                record.items.append(_Line(paragraph, paragraph))
            paragraph = ""
        elif tag == "SPEAKER":
            values = {
                m["name"]: m["bare"] if m["quoted"] is None else m["quoted"] for m in _ATTRIBUTE.finditer(attributes)
            }
            person = " ".join((values.get("NAME") or "").split())
            if person and person not in record.people:
                presiding = _presiding_role(person)
                record.people[person] = _with(Attribution(person), role=presiding[0]) if presiding else _person(person)
    _europarl_paragraph(record, person, paragraph)
    return _document(EUROPARL, record)


def _europarl_paragraph(record: _Record, person: str, paragraph: str) -> None:
    """One paragraph of `person`'s (labelled where it opens their turn), or a stage note."""
    if not paragraph:
        return
    if _STAGE_NOTE.fullmatch(paragraph):
        record.items.append(_Line(paragraph))
        return
    last = record.items[-1] if record.items else None
    opens = not (isinstance(last, _Turn) and last.person == person)
    record.add(person, person if opens and person else "", paragraph)
