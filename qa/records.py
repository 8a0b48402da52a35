"""What an answer is made of: numbered citations with verbatim quotes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Citation:
    """One `[n]` in an answer: who said it, where, and the exact words.
    `quote == source_text[start:end]` of the document `doc_id`."""

    n: int
    speaker: str
    units: list[str]
    roles: list[str]
    heading: str
    doc_title: str
    source: str
    start: int
    end: int
    quote: str
    score: float
    doc_id: str = ""
    version: str = ""  # the document version the offsets point into
    speech_index: int = 0
    titles: list[str] = field(default_factory=list)
    date: str | None = None  # the meeting's day (ISO), None when unknown
    meeting: str = ""  # the meeting's name, else the document's title

    def who(self) -> str:
        """One line naming speaker, unit and meeting: `鲁正兰 · 海棠区 · 2025-10-25 …推进会`."""
        where = " ".join(part for part in (self.date or "", self.meeting) if part)
        return " · ".join(part for part in (self.speaker or "—", "、".join(self.units), where) if part)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Answer:
    """An answer in the question's language; every `[n]` in `text` is a citation."""

    question: str
    text: str
    found: bool
    citations: list[Citation] = field(default_factory=list)
    mode: str = "extractive"  # or the LLM provider that wrote it

    @property
    def speakers(self) -> list[str]:
        """Cited speakers in order of first citation (what a follow-up refers to)."""
        return list(dict.fromkeys(c.speaker for c in self.citations if c.speaker))

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.text,
            "found": self.found,
            "citations": [c.to_dict() for c in self.citations],
            "mode": self.mode,
        }
