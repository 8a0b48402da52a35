"""Adding, replacing, removing and re-embedding transcripts: read → parse → chunk → embed → store.

Each file is handled on its own: a bad file gets one line saying why and the others still
index. A file is identified by its source (absolute path, or `upload:NAME` for uploads):
an unchanged file is skipped without parsing, a changed one replaces its old version
atomically (see `index.store`), and the same text under another name is not indexed twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from pathlib import Path

from tqdm import tqdm

from index.chunk import chunk_document
from index.formats import parse_document
from index.library import BatchProgress, Library, LibraryWriter, documents_named
from index.meeting import described
from index.preview import SAMPLE_LINES, Preview, estimated_chunks, preview_document, preview_link, warning
from index.read import (
    FileText,
    iter_input_files,
    read_bytes,
    read_file,
    read_limits,
    read_link,
    speaker_roles_from_sidecar,
)
from index.records import BadInput, Chunk, OcrReport, ParsedDocument, SpeechSummary, attributed, speakers_of
from index.store import Busy, DocumentRecord
from index.web import is_url

# (done, total, what): called as embedding proceeds, e.g. by the app's progress bar.
ProgressCallback = Callable[[int, int, str], None]

STATUSES = ("added", "updated", "unchanged", "duplicate", "failed")
WRITTEN = ("added", "updated")  # the statuses of a file whose speeches were (re)indexed


@dataclass
class FileResult:
    """What happened to one input file."""

    path: str
    status: str  # one of STATUSES
    doc_id: str = ""
    title: str = ""
    speeches: int = 0
    chunks: int = 0
    message: str = ""  # why it failed, or what it duplicates
    format: str = ""  # the layout the text was parsed as
    speakers: list[str] = field(default_factory=list)  # in order of first speech
    warning: str = ""  # e.g. a long document where no speaker was detected
    date: str = ""  # the meeting's date (ISO), "" when unknown
    meeting: str = ""  # the meeting as citations name it
    ocr: str = ""  # how OCR read the file, when it did (`OcrReport.line`)


@dataclass
class AddSummary:
    """The outcome of one `add` over many files."""

    results: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    def counts(self) -> dict[str, int]:
        """Files per status, every status listed."""
        return {status: self.count(status) for status in STATUSES}

    @property
    def chunks_added(self) -> int:
        return sum(r.chunks for r in self.results if r.status in WRITTEN)

    @property
    def speeches_added(self) -> int:
        return sum(r.speeches for r in self.results if r.status in WRITTEN)

    def to_dict(self) -> dict:
        return {
            **self.counts(),
            "speeches": self.speeches_added,
            "chunks": self.chunks_added,
            "seconds": round(self.seconds, 3),
            "files": [asdict(r) for r in self.results],
        }


@dataclass(frozen=True)
class _Written:
    """What one version of a document is written from."""

    text: str  # the text as read (raw JSON for JSON transcripts)
    file_hash: str
    text_hash: str
    version: str
    roles: dict[str, str]  # speaker → role, from a sidecar
    name: str  # the file name: a title when the text prints none, and maybe a date
    given: dict[str, str]  # title/date/meeting/place the user set, before and now (index.meeting.given_values)
    ocr: OcrReport | None = None  # how OCR read the file, when it did


def _result(shown: str, status: str, record: DocumentRecord, speeches) -> FileResult:
    """What an add, rebuild or unchanged file left indexed: the record's title, layout,
    chunks and warning, and the speakers of its speeches."""
    return FileResult(
        shown,
        status,
        record.doc_id,
        record.title,
        attributed(speeches),
        0 if status == "unchanged" else record.chunks,
        format=record.format,
        speakers=speakers_of(speeches),
        warning=record.warning,
        date=record.date,
        meeting=record.meeting_name,
        ocr=record.ocr.line() if record.ocr else "",
    )


def doc_id_for(source: str) -> str:
    """A short stable id for a source path or upload name."""
    return hashlib.sha1(source.encode("utf-8")).hexdigest()[:12]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _layout_version(text: str, fmt: str | None = None) -> str:
    """A document version's id: its text's, or with a layout the user chose (`reparse`)
    the text's and that layout's, so a rebuild knows which layouts were chosen."""
    return content_hash(f"{text}\0{fmt}" if fmt else text)[:16]


def speech_summaries(doc: ParsedDocument, chunks: list[Chunk]) -> list[SpeechSummary]:
    counts: dict[int, int] = {}
    for chunk in chunks:
        counts[chunk.who.speech_index] = counts.get(chunk.who.speech_index, 0) + 1
    return [
        SpeechSummary(
            replace(s.who, speech_index=i),
            chunks=counts.get(i, 0),
            start=s.span[0],
            end=s.span[1],
        )
        for i, s in enumerate(doc.speeches)
    ]


class Indexer:
    """Writes to the library: add files, remove documents, rebuild with another model."""

    def __init__(self, library: Library, progress: ProgressCallback | None = None, show_bars: bool = True):
        self.library = library
        self.writer = LibraryWriter(library)
        self.progress = progress
        self.show_bars = show_bars

    # -- add -------------------------------------------------------------------------
    def add_paths(
        self, paths: Iterable[Path | str], fmt: str | None = None, given: dict[str, str] | None = None
    ) -> AddSummary:
        """Add files, folders (recursively) and links (`https://…`). Never raises for a bad
        file. `given`: a title, date, meeting or place for every file (`index.meeting.given_values`)."""
        started = time.perf_counter()
        summary = AddSummary()
        paths = [str(p) for p in paths]
        links = [p for p in paths if is_url(p)]
        try:
            files = iter_input_files([Path(p) for p in paths if not is_url(p)])
        except BadInput as error:
            summary.results.append(FileResult(path=" ".join(paths), status="failed", message=str(error)))
            files = []
        for link, why in getattr(files, "refused", {}).items():  # links out of a folder, or to nothing
            summary.results.append(FileResult(path=str(link), status="failed", message=why))
        quiet = not self.show_bars or len(files) < 2
        for path in tqdm(files, desc="files", unit="file", disable=True if quiet else None):
            summary.results.append(self.add_file(path, fmt=fmt, given=given))
        summary.results += [self.add_link(url, fmt=fmt, given=given) for url in links]
        summary.seconds = time.perf_counter() - started
        return summary

    def prepare(self, keep: set[str] = frozenset()) -> None:
        """Before writing: refuse a different embedding model, finish crashed writes."""
        self.writer.check_model()
        if self.writer.recover(keep):
            self.library.refresh()

    def add_file(
        self,
        path: Path,
        *,
        source: str | None = None,
        fmt: str | None = None,
        display_name: str | None = None,
        given: dict[str, str] | None = None,
    ) -> FileResult:
        """Index one file; `source` names it in the store (default: its absolute path)."""
        source = source or str(Path(path).resolve())
        doc_id = doc_id_for(source)
        shown = display_name or str(path)
        try:
            return self._add(Path(path), source, doc_id, fmt, shown, given or {})
        except (BadInput, Busy) as error:
            return FileResult(path=shown, status="failed", doc_id=doc_id, message=str(error))

    def add_link(self, url: str, *, fmt: str | None = None, given: dict[str, str] | None = None) -> FileResult:
        """Fetch a web page (`index.web.fetch`) and index its article; the link is the
        document's source, and adding it again fetches it again."""
        url = url.strip()
        doc_id = doc_id_for(url)
        try:
            page, file_hash = read_link(url, self.library.settings)  # BadInput: refused, unreachable, not a page
            return self._add_text(url, doc_id, fmt, url, given or {}, file_hash, lambda: FileText(page.text))
        except (BadInput, Busy) as error:
            return FileResult(path=url, status="failed", doc_id=doc_id, message=str(error))

    def preview_link(self, url: str, fmt: str | None = None) -> Preview:
        """What indexing a web page would find (fetched, nothing written)."""
        return preview_link(url, self.library.settings, fmt=fmt)

    def _add(
        self, path: Path, source: str, doc_id: str, fmt: str | None, shown: str, given: dict[str, str]
    ) -> FileResult:
        limits = read_limits(self.library.settings)
        data = read_bytes(path, limits["max_bytes"])  # one read: the hash and the text are of the same bytes
        read = partial(read_file, path, **limits, data=data)  # BadInput: binary/corrupt/a zip bomb
        file_hash = hashlib.sha256(data).hexdigest()
        return self._add_text(source, doc_id, fmt, shown, given, file_hash, read, speaker_roles_from_sidecar(path))

    def _add_text(
        self,
        source: str,
        doc_id: str,
        fmt: str | None,
        shown: str,
        given: dict[str, str],
        file_hash: str,
        read: Callable[[], FileText],
        roles: dict[str, str] | None = None,
    ) -> FileResult:
        """Index a document's text unless its bytes (`file_hash`) or its text (`read().text`)
        are already indexed, under this source or another."""
        self.library.refresh()  # duplicates and "unchanged" are judged against the store as it is now
        existing = self.writer.document(doc_id)
        if existing is not None and (existing.stale or existing.removing):
            # a writer died after committing (old chunks not yet deleted) or while removing:
            # finish that first, or an unchanged file would leave the orphans, and a re-added
            # one would be written into a record that is being removed
            self.prepare(keep={doc_id})
            existing = self.writer.document(doc_id)
        settled = existing is not None and existing.visible and not existing.pending
        if settled and file_hash == existing.file_sha256:  # same bytes: skip without decoding
            return self._unchanged(shown, existing, given)
        got = read()
        text = got.text
        text_hash = content_hash(text)
        version = text_hash[:16]
        if settled and version == existing.version:  # same text in other bytes (e.g. re-encoded)
            return self._unchanged(shown, existing, given)
        twin = next((r for r in self.library.records if r.content_hash == text_hash and r.doc_id != doc_id), None)
        if twin:
            return FileResult(shown, "duplicate", twin.doc_id, twin.title, message=f"same text as {twin.source}")

        kept = {**(existing.given if existing else {}), **given}  # what the user set stays set
        written = _Written(text, file_hash, text_hash, version, roles or {}, Path(shown).name, kept, got.ocr)
        return self._write_version(doc_id, source, shown, written, fmt)

    def preview(self, doc_id: str, fmt: str | None = None) -> Preview:
        """What parsing a stored document in layout `fmt` (detected when None) finds, without
        writing anything."""
        record = self._visible(doc_id)
        raw = self.writer.raw_text(doc_id, record.version)
        name = record.file_name
        return preview_document(
            parse_document(raw, name=name, fmt=fmt, speaker_roles=record.speaker_roles or None), name, record.ocr
        )

    def _visible(self, doc_id: str) -> DocumentRecord:
        self.library.refresh()
        record = self.writer.document(doc_id)
        if record is None or not record.visible:
            raise BadInput(f"{doc_id}: no indexed document has this id")
        return record

    def reparse(self, doc_id: str, fmt: str | None = None) -> FileResult:
        """Parse a stored document again — in layout `fmt`, or detected anew — and replace
        its version with the new speeches (for a layout the detection got wrong)."""
        record = self._visible(doc_id)
        raw = self.writer.raw_text(doc_id, record.version)
        text_hash = content_hash(raw)
        version = _layout_version(raw, fmt)
        if version == record.version:
            return self._unchanged(record.source, record, {})
        written = _Written(
            raw,
            record.file_sha256,
            text_hash,
            version,
            record.speaker_roles,
            record.file_name,
            record.given,
            record.ocr,
        )
        return self._write_version(doc_id, record.source, record.source, written, fmt)

    def _write_version(self, doc_id: str, source: str, shown: str, w: _Written, fmt: str | None) -> FileResult:
        """Parse, chunk, embed and commit one version of a document."""
        limit = self.library.settings.max_chunks
        estimate = estimated_chunks(w.text, name=Path(shown).name, fmt=fmt, speaker_roles=w.roles or None)
        if estimate > 2 * limit:  # clearly over: refused before the whole text is parsed (minutes, GBs)
            raise BadInput(
                f"{shown}: makes about {estimate:,} chunks (estimated from its first {SAMPLE_LINES:,} lines), "
                f"over the {limit:,} limit (SPEECHQA_MAX_CHUNKS)"
            )
        doc = parse_document(w.text, name=Path(shown).name, fmt=fmt, speaker_roles=w.roles or None)
        about = described(doc, w.name, w.given)
        doc = replace(doc, title=about["title"])  # citations name the document
        chunks = chunk_document(doc, doc_id=doc_id, version=w.version, source=source)
        if not chunks:
            raise BadInput(f"{shown}: no text to index was found in it")
        if len(chunks) > limit:
            raise BadInput(f"{shown}: makes {len(chunks):,} chunks, over the {limit:,} limit (SPEECHQA_MAX_CHUNKS)")

        self.prepare(keep={doc_id})
        with self.writer.claim(doc_id):
            self.writer.check_model()  # a rebuild with another model may have finished while this one waited
            # another process may have written this document while this one waited or parsed
            existing = self.writer.document(doc_id)
            if existing is not None and existing.visible and not existing.pending and existing.version == w.version:
                self.library.refresh()
                return self._unchanged(shown, existing, {})  # (its title and date: that writer's)
            return self._write_claimed(existing, doc_id, source, shown, w, doc, chunks, about)

    def _write_claimed(
        self,
        existing: DocumentRecord | None,
        doc_id: str,
        source: str,
        shown: str,
        w: _Written,
        doc: ParsedDocument,
        chunks: list[Chunk],
        about: dict[str, str],
    ) -> FileResult:
        """Embed and commit a parsed version, holding the document's write claim."""
        record = existing or DocumentRecord(doc_id=doc_id, source=source, added_at=time.time())
        committed_fields = {  # what the record says once this version is committed
            **about,
            "given": w.given,
            "format": doc.format,
            "file_sha256": w.file_hash,
            "content_hash": w.text_hash,
            "chars": len(doc.text),
            "notes": list(doc.notes),
            "warning": warning(doc, Path(shown).name),
            "speaker_roles": w.roles,
            "ocr_pages": w.ocr.pages if w.ocr else 0,
            "ocr_confidence": w.ocr.confidence if w.ocr else 0.0,
            "speeches": speech_summaries(doc, chunks),
        }
        with self._progress(shown) as progress:
            committed = self.writer.write_version(
                record, w.version, chunks, source_text=doc.text, raw_text=w.text, progress=progress, **committed_fields
            )
        status = "updated" if existing and existing.version else "added"
        return _result(shown, status, committed, doc.speeches)

    def _unchanged(self, shown: str, record: DocumentRecord, given: dict[str, str]) -> FileResult:
        if given and any(record.given.get(k) != v or getattr(record, k) != v for k, v in given.items()):
            record = self.describe(record.doc_id, given)  # same text, new title/date/…: no re-indexing
        visible = self.library.record(record.doc_id)  # the library's copy carries the speeches
        return _result(shown, "unchanged", record, visible.speeches if visible else [])

    def describe(self, ref: str, given: dict[str, str]) -> DocumentRecord:
        """Set a document's title, date, meeting or place (`index.meeting.given_values`);
        kept over what the page prints, through re-adds and rebuilds. Nothing is re-embedded."""
        record = self.find(ref)
        if record is None or not record.visible:
            raise BadInput(f"{ref}: no indexed document has this id, path, name or title (see `python -m index list`)")
        with self.writer.claim(record.doc_id):
            record = self.writer.document(record.doc_id) or record
            record = replace(record, **given, given={**record.given, **given})
            self.writer.describe(record)
        self.library.refresh()
        return record

    @contextlib.contextmanager
    def _progress(self, label: str) -> Iterator[BatchProgress]:
        """A progress callback for embedding the chunks of `label`: a terminal bar (when
        shown) and this indexer's `progress`."""
        with tqdm(
            desc=f"embedding {Path(label).name}",
            unit="chunk",
            disable=True if not self.show_bars else None,  # None: only on a terminal
            leave=False,
        ) as bar:

            def report(done: int, count: int) -> None:
                bar.total = count
                bar.update(done - bar.n)
                if self.progress:
                    self.progress(done, count, label)

            yield report

    # -- remove ----------------------------------------------------------------------
    def find(self, ref: str) -> DocumentRecord | None:
        """A document by doc id, source path, file name (as uploaded), title or meeting name
        (`documents_named`); BadInput when it names several."""
        named = documents_named(self.writer.documents(), ref)
        if len(named) > 1:
            raise BadInput(
                f"{ref}: several documents have this name; give the path or doc id ({', '.join(r.doc_id for r in named)})"
            )
        return named[0] if named else None

    def remove(self, ref: str) -> DocumentRecord:
        """Remove a document and all its chunks; raises BadInput when nothing matches."""
        record = self.find(ref)
        if record is None:
            raise BadInput(f"{ref}: no indexed document has this id, path, name or title (see `python -m index list`)")
        self.prepare()
        with self.writer.claim(record.doc_id):
            self.writer.remove(record.doc_id)
        self.library.refresh()
        return record

    # -- rebuild ---------------------------------------------------------------------
    def rebuild(self) -> AddSummary:
        """Re-parse, re-chunk and re-embed every document from its stored text with the
        configured embedding model, into a new chunk collection that replaces the old one
        in one step (readers use the old one until then). Other writers wait meanwhile
        (`SpeechStore.rebuilding`). A layout the user chose (`reparse` with one) is kept; a
        detected one is detected anew, so a newer parser reads what an older one could not
        (a page indexed as narration may now have speakers)."""
        started = time.perf_counter()
        with self.writer.rebuilding():
            target = self.writer.new_collection()
            summary = AddSummary()
            updated: list[tuple[DocumentRecord, list[Chunk]]] = []
            for record in [r for r in self.writer.documents() if r.visible]:
                raw = self.writer.raw_text(record.doc_id, record.version)
                chosen = record.format if record.version != _layout_version(raw) else None
                doc = parse_document(raw, name=record.source, fmt=chosen, speaker_roles=record.speaker_roles or None)
                about = described(doc, record.file_name, record.given)  # what the user set stays
                doc = replace(doc, title=about["title"])
                chunks = chunk_document(doc, doc_id=record.doc_id, version=record.version, source=record.source)
                with self._progress(record.source) as progress:
                    self.writer.embed_chunks(chunks, into=target, progress=progress)
                rebuilt = replace(
                    record,
                    **about,
                    format=doc.format,
                    chunks=len(chunks),
                    speeches=speech_summaries(doc, chunks),
                    warning=warning(doc, Path(record.source).name),
                )
                updated.append((rebuilt, chunks))
                summary.results.append(_result(record.source, "updated", rebuilt, doc.speeches))
            self.writer.switch_collection(target)
            for record, chunks in updated:
                self.writer.commit_version(replace(record, pending=record.version), chunks)
            self.library.refresh()
        summary.seconds = time.perf_counter() - started
        return summary
