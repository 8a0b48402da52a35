"""The records that flow through indexing: a parsed document, its speeches, its chunks,
and the one `Attribution` (who said it, in which document) every one of them carries.

Offsets are character offsets into `ParsedDocument.text` (the document's source text),
so `text[start:end]` is always the verbatim source of a paragraph, chunk or quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace

Span = tuple[int, int]


class BadInput(ValueError):
    """A file or question that cannot be used; the message is one line for the user."""


class StoreError(RuntimeError):
    """The store cannot be used as asked; the message is one line for the user."""


def one_line(error: BaseException) -> str:
    """An error as one line for a user (its first line, or its type when it says nothing)."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def speech_key(doc_id: str, version: str, speech_index: int) -> str:
    """The id of one speech of one document version (what speaker/unit filters select)."""
    return f"{doc_id}:{version}:{speech_index}"


@dataclass(frozen=True)
class Attribution:
    """Who said a speech, and — once it is indexed — where: the one declaration of a
    speaker's name, titles, units and roles. Speeches, chunks, the catalog, retrieved hits,
    statements and citations all carry it as `who`; `index.store` alone converts it to and
    from Chroma metadata. `speaker == ""` means nobody is named (a document's own
    narration, or text with no detectable speaker)."""

    speaker: str = ""
    titles: tuple[str, ...] = ()  # full title phrases as printed: 三亚市教育局党委书记
    units: tuple[str, ...] = ()  # organisations a user would name: 教育局, 浙江省政协
    roles: tuple[str, ...] = ()  # positions: 党委书记, 主席, 局長, Moderator
    heading: str = ""  # the heading the speech was printed under
    cue: str = ""  # how the page attributes the words (CUES); "" for narration and older stores
    # where the speech is indexed ("" and 0 until a document version is chunked):
    doc_id: str = ""
    version: str = ""
    speech_index: int = 0  # the speech's place in the document version
    doc_title: str = ""  # the document's title when the version was indexed
    source: str = ""  # the path (or `upload:name`) the document was added from

    @property
    def speech_key(self) -> str:
        return speech_key(self.doc_id, self.version, self.speech_index)

    def placed(
        self, *, doc_id: str, version: str, doc_title: str, source: str, speech_index: int | None = None
    ) -> Attribution:
        """This attribution in a document version (as speech `speech_index`, when given)."""
        index = self.speech_index if speech_index is None else speech_index
        return replace(self, doc_id=doc_id, version=version, speech_index=index, doc_title=doc_title, source=source)

    def to_dict(self) -> dict:
        """All the fields as JSON outputs show them (lists for the tuples)."""
        return self.row([f.name for f in fields(self)])

    def row(self, names: Sequence[str], **more) -> dict:
        """The one flat projection of who said it, as JSON outputs and tables show it: the
        values named, in that order, from `more` (a date, a meeting, offsets…) or else from
        this attribution (its fields and properties); tuples as lists. Chroma metadata is
        converted apart (`index.store`)."""
        values = (more[name] if name in more else getattr(self, name) for name in names)
        return {name: list(value) if isinstance(value, tuple) else value for name, value in zip(names, values)}

    @property
    def confidence(self) -> str:
        """How sure the attribution is, from its cue: high (a label, a speaker line, a
        record), medium (reported speech naming the speaker), low (`他说` going on, an
        unnamed role); "" when the cue is not known."""
        return CUES.get(self.cue, ("", ""))[1]

    def evidence(self) -> str:
        """The cue and confidence in words, for people (`reported speech · medium`), "" when high."""
        described, confidence = CUES.get(self.cue, ("", ""))
        return f"{described} · {confidence} confidence" if confidence in ("medium", "low") else ""

    def introduced(self) -> str:
        """How the speaker is introduced: their titles as printed (which name the unit),
        else units and roles; nothing when the speaker's name is itself the title."""
        titles = [t for t in self.titles if t != self.speaker]
        described = "、".join(titles) or "、".join([*self.units, *self.roles])
        return "" if described == self.speaker else described

    def line(self, date: str | None = "", meeting: str = "") -> str:
        """One line naming speaker, unit and meeting: `鲁正兰 · 海棠区 · 2025-10-25 …推进会`."""
        return " · ".join(
            part for part in (self.speaker or "—", "、".join(self.units), meeting_label(date, meeting)) if part
        )


# How a page attributes a speech → (what that is, in words; how sure it is).
CUES = {
    "label": ("a label before the words", "high"),
    "speaker line": ("a speaker line over the speech", "high"),
    "after": ("an attribution after the words", "high"),
    "byline": ("a byline or signature", "high"),
    "record": ("the record's own speaker field", "high"),
    "section": ("a section about one person", "medium"),
    "minutes": ("narrative minutes", "medium"),
    "reported": ("reported speech naming the speaker", "medium"),
    "pronoun": ("reported speech continued by 他/她", "low"),
    "role": ("reported speech by an unnamed role", "low"),
}


def meeting_label(date: str | None, meeting: str) -> str:
    """A meeting as listings name it: its day and name, either left out when unknown."""
    return " ".join(part for part in (date or "", meeting) if part)


@dataclass(frozen=True)
class Speech:
    """One speaker's contiguous speech: who said it and where it is in the document text."""

    who: Attribution
    paragraphs: tuple[Span, ...] = ()  # spans into the document text, in order

    @property
    def span(self) -> Span:
        return (self.paragraphs[0][0], self.paragraphs[-1][1]) if self.paragraphs else (0, 0)


@dataclass(frozen=True)
class Meeting:
    """What meeting a document records: its name, day (ISO) and place; "" when unknown."""

    name: str = ""
    date: str = ""
    place: str = ""


MEETING_FIELDS = ("title", "date", "meeting", "place")  # what a user may set on a document
# The role of a turn that asks rather than says: an interviewer, `Q`, a reader's question.
MODERATOR = "moderator"


@dataclass(frozen=True)
class OcrReport:
    """How a document's text was read by OCR (index.ocr): the pages read, the recogniser's
    mean confidence per character (0–1), and the page numbers and running headers it left
    out of the text."""

    pages: int
    confidence: float
    dropped: tuple[str, ...] = ()

    def line(self) -> str:
        """`read by OCR: 6 pages, mean confidence 0.97; left out 12 page numbers and running headers (…)`."""
        said = f"read by OCR: {self.pages} page{'s' if self.pages != 1 else ''}, mean confidence {self.confidence:.2f}"
        if self.dropped:
            shown = ", ".join(dict.fromkeys(self.dropped))
            said += f"; left out {len(self.dropped)} page numbers and running headers ({shown[:80]}{'…' if len(shown) > 80 else ''})"
        return said


@dataclass(frozen=True)
class ParsedDocument:
    """What a format parser returns: the source text and the speeches found in it."""

    text: str
    format: str
    speeches: tuple[Speech, ...]
    title: str = ""
    date: str = ""  # ISO date when the document states one
    notes: tuple[str, ...] = ()  # document metadata kept out of speeches, e.g. editor credits
    furniture: tuple[Span, ...] = ()  # line and page numbers, running headers: not embedded or matched


@dataclass(frozen=True)
class Passage:
    """A stored chunk as readers get it back: its verbatim text, who said it, and its span
    in the document's source text (`text == source_text[start:end]`)."""

    text: str
    who: Attribution
    start: int
    end: int


@dataclass(frozen=True)
class Chunk:
    """A retrievable window of one speech. `text == source_text[start:end]`; `embed_text`
    and `lexical_text` are what the embedder and BM25 see (a header + the cleaned text)."""

    id: str
    who: Attribution  # placed: its doc_id, version and speech_index name the chunk's speech
    chunk_index: int
    text: str
    embed_text: str
    lexical_text: str
    start: int
    end: int


def attributed(speeches) -> int:
    """How many of the speeches have a speaker (narration does not count)."""
    return sum(1 for s in speeches if s.who.speaker)


def speakers_of(speeches) -> list[str]:
    """The speakers of the speeches, each once, in order of first speech."""
    return list(dict.fromkeys(s.who.speaker for s in speeches if s.who.speaker))


@dataclass(frozen=True)
class SpeechSummary:
    """A speech as listed in the catalog (what `list` and the who-said-what table show);
    `who` carries its speech_index, not yet the document (the catalog places it)."""

    who: Attribution
    chunks: int = 0
    start: int = 0
    end: int = 0
