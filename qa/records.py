"""What an answer is made of: quoted statements, numbered citations with verbatim quotes."""

from __future__ import annotations

from dataclasses import dataclass, field

from index.records import Attribution

# The JSON shape of a citation (`qa ask --json`, the app's `/ask`), in this order.
_CITATION_FIELDS = (
    "n",
    "speaker",
    "units",
    "roles",
    "heading",
    "doc_title",
    "source",
    "start",
    "end",
    "quote",
    "score",
    "doc_id",
    "version",
    "speech_index",
    "titles",
    "date",
    "meeting",
)


@dataclass
class Statement:
    """One quoted sentence attributed to a speaker, before numbering."""

    who: Attribution
    start: int
    end: int
    quote: str
    score: float
    by_meaning: bool = False  # found by embedding alone: no word of the question in it
    shown: str = ""  # the quote as a reader sees it (furniture left out), when known
    mentions: int = 0  # in a list of who mentioned a term: times this speech says it, or
    words: tuple[str, ...] = ()  # … (0 times) the term's words it says apart


@dataclass(frozen=True)
class Listing:
    """What a list of everyone who mentioned a term counted (`qa.mentions`), for its answer."""

    term: str  # as the question wrote it
    quoted: bool  # only word for word
    forms: tuple[str, ...] = ()  # other forms said that counted (`大数据`, `food bank`)
    apart: tuple[str, ...] = ()  # the term's words that count when said apart (`农村` … `养老`)
    partial: bool = False  # nobody says the term: the speeches saying its key words
    asked_last: int = 0  # interviewers' speeches that say it, listed after the speakers'


@dataclass
class Citation:
    """One `[n]` in an answer: who said it, where, and the exact words.
    `quote == source_text[start:end]` of the document version `who.version` of `who.doc_id`."""

    n: int
    who: Attribution
    start: int
    end: int
    quote: str
    score: float
    date: str | None = None  # the meeting's day (ISO), None when unknown
    meeting: str = ""  # the meeting's name, else the document's title

    def line(self) -> str:
        """One line naming speaker, unit and meeting: `鲁正兰 · 海棠区 · 2025-10-25 …推进会`."""
        return self.who.line(self.date, self.meeting)

    def to_dict(self) -> dict:
        """The `qa ask --json` shape of a citation: flat (`Attribution.row`)."""
        return self.who.row(
            _CITATION_FIELDS,
            n=self.n,
            start=self.start,
            end=self.end,
            quote=self.quote,
            score=self.score,
            date=self.date,
            meeting=self.meeting,
            confidence=self.who.confidence,  # high, medium, low: how sure the attribution is
        )


@dataclass
class Answer:
    """An answer in the question's language; every `[n]` in `text` is a citation."""

    question: str
    text: str
    found: bool
    citations: list[Citation] = field(default_factory=list)
    mode: str = "extractive"  # or the LLM provider that wrote it
    weak: bool = False  # answered by a passage no closer in meaning than the rest (`qa.evidence.stands_out`)

    @property
    def speakers(self) -> list[str]:
        """Cited speakers in order of first citation (what a follow-up refers to)."""
        return list(dict.fromkeys(c.who.speaker for c in self.citations if c.who.speaker))

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.text,
            "found": self.found,
            "citations": [c.to_dict() for c in self.citations],
            "mode": self.mode,
            "weak": self.weak,
        }
