"""What the parser finds in a transcript, shown before (or instead of) indexing it: the
layout family, the speakers with their titles and units, each speech's first words, and a
warning when a document of some length yields no speaker or only one. `index preview`,
`index add` and the app's transcripts tab all say it the same way."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from config import Settings
from index.chunk import chunk_document
from index.formats import describe, parse_document
from index.furniture import readable
from index.meeting import described
from index.read import read_file, read_link, read_page_file
from index.records import Attribution, BadInput, OcrReport, ParsedDocument, attributed, speakers_of
from index.web import PAGE_SUFFIXES, Page

SAMPLE_LINES = 20_000  # lines of a long text parsed to estimate its chunks before parsing it whole

# a document with this much text and no speaker (or only one) is worth a second look
SUBSTANTIAL_CHARS = 1500
FIRST_WORDS = 40
FIRST_LINES = 3  # of a web page's extracted text


@dataclass
class Extraction:
    """What was read from a web page: the first lines kept, and how much was left out."""

    page_chars: int  # text on the whole page
    kept_chars: int  # the indexed text: title, dateline, article
    first_lines: list[str]
    dropped_lines: int
    dropped: list[str]  # the first lines left out (menus, links, comments), shortened


def extraction_of(page: Page) -> Extraction:
    lines = [line for line in page.text.splitlines() if line.strip()]
    return Extraction(
        page.page_chars,
        len(page.text),
        [_shorten(line) for line in lines[:FIRST_LINES]],
        page.dropped_lines,
        list(page.dropped),
    )


@dataclass
class SpeechPreview:
    """One speech as the preview lists it: who said it and its first words."""

    who: Attribution
    first_words: str
    start: int
    end: int

    def to_dict(self) -> dict:
        """Flat, as `index preview --json` prints it: speaker, titles, units, roles, heading…"""
        names = ("speaker", "titles", "units", "roles", "heading", "cue", "confidence", "first_words", "start", "end")
        return self.who.row(names, first_words=self.first_words, start=self.start, end=self.end)


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
    extraction: Extraction | None = None  # for a web page: what was kept and left out
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
        ocr=ocr,
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
    if path.suffix.lower() in PAGE_SUFFIXES:
        return preview_page(read_page_file(path, max_bytes), path.name, fmt=fmt)
    read = read_file(path, max_bytes, max_unpacked, max_ocr_pages)
    return preview_document(parse_document(read.text, name=path.name, fmt=fmt), path.name, read.ocr)


def preview_link(url: str, settings: Settings, *, fmt: str | None = None) -> Preview:
    """Fetch a web page (within the settings' limits) and parse it without indexing it."""
    return preview_page(read_link(url, settings)[0], url.strip(), fmt=fmt)


def preview_page(page: Page, name: str, *, fmt: str | None = None) -> Preview:
    """The preview of a web page's article, with what the extraction kept and left out."""
    doc = parse_document(page.text, name=name, fmt=fmt)
    about = described(doc, name, {})  # the title and date the page gives, as indexing takes them
    return replace(
        preview_document(doc, name), title=about["title"], date=about["date"], extraction=extraction_of(page)
    )


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
    unsure = sorted({s.who.speaker for s in doc.speeches if s.who.confidence == "low"})
    if unsure:
        return f"{name}: some speeches are attributed with low confidence (他/她 going on, an unnamed role): {'、'.join(unsure)}"
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
        unsure = f"  <{s.who.evidence()}>" if s.who.evidence() else ""  # reported speech: medium, low
        lines.append(f"  - {who}{f' ({about})' if about else ''}{heading}{unsure}: {s.first_words}")
    if limit is not None and len(preview.speeches) > limit:
        lines.append(f"  … {len(preview.speeches) - limit} more speeches")
    if preview.warning:
        lines.append(f"  warning: {preview.warning}")
    if (page := preview.extraction) is not None:
        lines.append(
            f"  web page: kept {page.kept_chars:,} of {page.page_chars:,} characters; "
            f"left out {page.dropped_lines} lines: {' | '.join(page.dropped) or '—'}"
            + (" | …" if page.dropped_lines > len(page.dropped) else "")
        )
        lines += [f"    {line}" for line in page.first_lines]
    return "\n".join(lines)


def _shorten(line: str) -> str:
    return line if len(line) <= FIRST_WORDS * 2 else line[: FIRST_WORDS * 2] + "…"


def _first_words(doc: ParsedDocument, start: int, end: int) -> str:
    words = readable(doc.text, start, min(end, start + FIRST_WORDS * 8), doc.furniture)
    return words if len(words) <= FIRST_WORDS else words[:FIRST_WORDS] + "…"


def estimated_chunks(text: str, *, name: str, fmt: str | None = None, speaker_roles=None) -> int:
    """About how many chunks a long text makes, from parsing only its first SAMPLE_LINES
    lines (a text of millions of one-line turns takes minutes and GBs to parse whole); 0
    for a shorter text, or one whose beginning does not parse alone (JSON)."""
    lines = text.count("\n") + (not text.endswith("\n"))
    if lines <= 2 * SAMPLE_LINES:
        return 0
    head = "\n".join(text.split("\n", SAMPLE_LINES)[:SAMPLE_LINES])
    try:
        doc = parse_document(head, name=name, fmt=fmt, speaker_roles=speaker_roles)
    except BadInput:
        return 0
    return len(chunk_document(doc, doc_id="estimate", version="", source="")) * lines // SAMPLE_LINES
