"""What the parser finds in a transcript, shown before (or instead of) indexing it: the
layout family, the speakers with their titles and units, each speech's first words, and a
warning when a document of some length yields no speaker or only one. `index preview`,
`index add` and the app's transcripts tab all say it the same way."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from index.formats import describe, parse_document
from index.furniture import readable
from index.read import read_file
from index.records import Attribution, OcrReport, ParsedDocument, attributed, speakers_of

# a document with this much text and no speaker (or only one) is worth a second look
SUBSTANTIAL_CHARS = 1500
FIRST_WORDS = 40


@dataclass
class SpeechPreview:
    """One speech as the preview lists it: who said it and its first words."""

    who: Attribution
    first_words: str
    start: int
    end: int

    def to_dict(self) -> dict:
        """Flat, as `index preview --json` prints it: speaker, titles, units, roles, heading…"""
        who = self.who.to_dict()
        return {
            **{f: who[f] for f in ("speaker", "titles", "units", "roles", "heading")},
            "first_words": self.first_words,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Preview:
    """A parsed document as a person checks it."""

    name: str
    format: str
    layout: str  # the format in words
    title: str
    date: str
    chars: int
    speakers: list[str] = field(default_factory=list)  # in order of first speech
    speeches: list[SpeechPreview] = field(default_factory=list)
    warning: str = ""
    ocr: OcrReport | None = None  # how OCR read the file, when it did

    def to_dict(self) -> dict:
        return {**asdict(self), "speeches": [s.to_dict() for s in self.speeches]}


def preview_document(doc: ParsedDocument, name: str, ocr: OcrReport | None = None) -> Preview:
    """The preview of an already parsed document (read by OCR as `ocr` says)."""
    speeches = [SpeechPreview(s.who, _first_words(doc, *s.span), *s.span) for s in doc.speeches]
    return Preview(
        name,
        doc.format,
        describe(doc.format),
        doc.title,
        doc.date,
        len(doc.text),
        speakers_of(doc.speeches),
        speeches,
        warning(doc, name),
        ocr,
    )


def preview_file(
    path: Path,
    *,
    fmt: str | None = None,
    max_bytes: int | None = None,
    max_unpacked: int | None = None,
    max_ocr_pages: int | None = None,
) -> Preview:
    """Read and parse a file without indexing it; BadInput (one line) as `index add` gives."""
    path = Path(path)
    read = read_file(path, max_bytes, max_unpacked, max_ocr_pages)
    return preview_document(parse_document(read.text, name=path.name, fmt=fmt), path.name, read.ocr)


def warning(doc: ParsedDocument, name: str) -> str:
    """A one-line warning when a substantial document has no speaker, or only one."""
    spoken = sum(b - a for s in doc.speeches for a, b in s.paragraphs)
    if spoken < SUBSTANTIAL_CHARS:
        return ""
    speakers = {s.who.speaker for s in doc.speeches if s.who.speaker}
    if not attributed(doc.speeches):
        return f"{name}: no speakers detected — indexed as narration; see `python -m index preview {name}`"
    if len(speakers) == 1:
        return f"{name}: only one speaker detected ({next(iter(speakers))}); see `python -m index preview {name}`"
    return ""


def human(preview: Preview, *, limit: int | None = None) -> str:
    """The preview as lines for a terminal."""
    lines = [
        f"{preview.name}: {preview.format} — {preview.layout}",
        f"  title: {preview.title or '—'}   date: {preview.date or '—'}   {preview.chars:,} characters",
        f"  {len(preview.speakers)} speakers: {', '.join(preview.speakers) or '—'}",
    ]
    if preview.ocr:
        lines.insert(2, f"  {preview.ocr.line()}")
    shown = preview.speeches if limit is None else preview.speeches[:limit]
    for s in shown:
        who = s.who.speaker or "(narration)"
        about = "、".join(s.who.titles or s.who.units or s.who.roles)
        heading = f"  [{s.who.heading}]" if s.who.heading else ""
        lines.append(f"  - {who}{f' ({about})' if about else ''}{heading}: {s.first_words}")
    if limit is not None and len(preview.speeches) > limit:
        lines.append(f"  … {len(preview.speeches) - limit} more speeches")
    if preview.warning:
        lines.append(f"  warning: {preview.warning}")
    return "\n".join(lines)


def _first_words(doc: ParsedDocument, start: int, end: int) -> str:
    words = readable(doc.text, start, min(end, start + FIRST_WORDS * 8), doc.furniture)
    return words if len(words) <= FIRST_WORDS else words[:FIRST_WORDS] + "…"
