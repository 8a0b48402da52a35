"""The records that flow through indexing: a parsed document, its speeches, its chunks.

Offsets are character offsets into `ParsedDocument.text` (the document's source text),
so `text[start:end]` is always the verbatim source of a paragraph, chunk or quote.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

Span = tuple[int, int]


class BadInput(ValueError):
    """A file or question that cannot be used; the message is one line for the user."""


class StoreError(RuntimeError):
    """The store cannot be used as asked; the message is one line for the user."""


def one_line(error: BaseException) -> str:
    """An error as one line for a user (its first line, or its type when it says nothing)."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


@dataclass(frozen=True)
class Speech:
    """One speaker's contiguous speech. `speaker == ""` means nobody is named
    (a document's own narration, or text with no detectable speaker)."""

    speaker: str
    heading: str = ""
    titles: tuple[str, ...] = ()  # full title phrases as printed: 三亚市教育局党委书记
    units: tuple[str, ...] = ()  # organisations a user would name: 教育局, 浙江省政协
    roles: tuple[str, ...] = ()  # positions: 党委书记, 主席, 局長, Moderator
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
class Chunk:
    """A retrievable window of one speech. `text == source_text[start:end]`; `embed_text`
    and `lexical_text` are what the embedder and BM25 see (a header + the cleaned text)."""

    id: str
    doc_id: str
    version: str
    speech_index: int
    chunk_index: int
    text: str
    embed_text: str
    lexical_text: str
    start: int
    end: int
    speaker: str
    titles: tuple[str, ...]
    units: tuple[str, ...]
    roles: tuple[str, ...]
    heading: str
    doc_title: str
    source: str

    def to_dict(self) -> dict:
        return asdict(self)


def attributed(speeches) -> int:
    """How many of the speeches have a speaker (narration does not count)."""
    return sum(1 for s in speeches if s.speaker)


def speakers_of(speeches) -> list[str]:
    """The speakers of the speeches, each once, in order of first speech."""
    return list(dict.fromkeys(s.speaker for s in speeches if s.speaker))


@dataclass
class SpeechSummary:
    """A speech as listed in the catalog (what `list` and the who-said-what table show)."""

    speech_index: int
    speaker: str
    units: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    heading: str = ""
    chunks: int = 0
    start: int = 0
    end: int = 0
