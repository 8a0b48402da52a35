"""Bytes → text: encoding detection, .docx, .pdf and web page extraction (OCR for scanned
pages and images, `index.ocr`), and which files to read.

Every refusal is a `BadInput` whose one-line message names the file and the reason.
"""

from __future__ import annotations

import codecs
import glob
import hashlib
import io
import json
import logging
import math
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from config import Settings
from index.ocr import IMAGE_SUFFIXES, read_image, read_pdf_pages
from index.records import BadInput, OcrReport
from index.web import PAGE_SUFFIXES, Page, fetch, read_page

SUPPORTED_SUFFIXES = (
    frozenset({".txt", ".md", ".markdown", ".rst", ".text", ".said", ".json", ".xml", ".docx", ".pdf"})
    | PAGE_SUFFIXES
    | IMAGE_SUFFIXES
)

_MB = 1024 * 1024
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_FEW_HANZI = 50  # below this, character frequencies say little
_SAMPLE = 1_000_000  # characters looked at to judge a reading: enough, and fast on big files
_NOT_GUESSED = ["utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be", "utf_7"]
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")
_FEW_CHARS = 20  # a PDF page with fewer visible characters has no text layer to speak of: OCR reads it
_NOT_TEXT = frozenset({"Cc", "Co", "Cn", "Cs"})  # control, private use, unassigned, surrogate
# the most frequent characters of Chinese text, simplified and traditional: real Chinese text
# is full of them, Chinese read from the wrong encoding is not
_COMMON_HANZI = frozenset(
    "的一是不了在人有我他这這个個们們中来來上大为為和国國地到以说說时時要就出会會可也你对對生能而子"
    "那得于於着著下自之年过過发發后後作里裡用道行所然家种種事成方多经經么麼去法学學如都同现現当當没沒"
    "动動面起看定天分还還进進好小部其些主样樣理心本前开開但因只从從想实實日者意无無力与與长長把机機"
)


@dataclass(frozen=True)
class FileText:
    """A file's text, and what OCR reported when it read some of it."""

    text: str
    ocr: OcrReport | None = None


def read_limits(settings: Settings) -> dict[str, int]:
    """`read_file`'s limits from the settings (SPEECHQA_MAX_FILE_MB, SPEECHQA_MAX_UNPACKED_MB,
    SPEECHQA_MAX_OCR_PAGES)."""
    return {
        "max_bytes": int(settings.max_file_mb * _MB),
        "max_unpacked": int(settings.max_unpacked_mb * _MB),
        "max_ocr_pages": settings.max_ocr_pages,
    }


def read_text(
    path: Path,
    max_bytes: int | None = None,
    max_unpacked: int | None = None,
    max_ocr_pages: int | None = None,
    *,
    data: bytes | None = None,
) -> str:
    """The text of a file (`read_file`'s, without the OCR report)."""
    return read_file(path, max_bytes, max_unpacked, max_ocr_pages, data=data).text


def read_file(
    path: Path,
    max_bytes: int | None = None,
    max_unpacked: int | None = None,
    max_ocr_pages: int | None = None,
    *,
    data: bytes | None = None,
) -> FileText:
    """The text of a file, newlines normalised to "\\n" and Unicode to NFC (composed accents,
    unified ideographs: what the parser and questions expect). Plain text in UTF-8 (BOM or
    not), UTF-16 (BOM, or BOM-less when the NUL pattern is clear) or GB18030/GBK (Big5 when
    that reads better); .docx via python-docx, .pdf via pypdf (its pages without a text layer
    by OCR, at most `max_ocr_pages` of them), a web page's article via `index.web`, .png/.jpg
    by OCR. BadInput for anything else. `data`: the file's bytes as `read_bytes` read them
    (a caller that hashed them decodes the very bytes it hashed)."""
    path = Path(path)
    name = path.name or str(path)
    data = read_bytes(path, max_bytes) if data is None else data
    suffix = path.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        scanned = read_image(data, name)
        read = FileText("\n\n".join(scanned.pages), scanned.report)
        if not read.text.strip():
            raise BadInput(f"{name}: OCR found no text in the image")
    elif suffix == ".pdf":
        read = _pdf_text(data, name, max_ocr_pages)
    elif suffix == ".docx":
        read = FileText(_docx_text(data, name, max_unpacked))
    elif suffix in PAGE_SUFFIXES:
        read = FileText(read_markup(data, name).text)
    else:
        decoded = decode_bytes(data, name)
        # a web page saved as text or Markdown (`<p>…<br>`, a site generator's page): its text
        page = suffix not in _DATA_SUFFIXES and _holds_markup(decoded)
        read = FileText(read_markup(data, name).text if page else decoded)
        if suffix == ".rst":  # reStructuredText's labels, comments and directives (`.. _target:`) are no text
            read = FileText(_RST_MARKUP.sub("", read.text).lstrip("\n"))
    text = unicodedata.normalize("NFC", read.text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise BadInput(f"{name}: no text (only whitespace)")
    return FileText(text, read.ocr)


_HTML_TAG = re.compile(
    r"</?(?:p|br|div|b|i|u|table|tr|td|span|strong|em|img|blockquote|center|font|li|h[1-6])\b[^<>]{0,300}>", re.I
)
_RST_MARKUP = re.compile(r"^\.\.[ \t][^\n]*\n?", re.M)
_DATA_SUFFIXES = frozenset({".json", ".xml"})  # whose tags are data, not a page's (`.php`, `.md`, `.txt` may be pages)
MIN_TAGS = 10  # HTML tags a text file holds before it is read as a page
MIN_TAG_DENSITY = 0.003  # …at least this many per character: prose that quotes a tag or two is prose


def _holds_markup(text: str) -> bool:
    """Whether a text file is a web page in all but name: many HTML tags, densely."""
    tags = len(_HTML_TAG.findall(text[:200_000]))
    return tags >= MIN_TAGS and tags >= MIN_TAG_DENSITY * min(len(text), 200_000)


def read_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """A file's bytes, in one read of at most `max_bytes` (BadInput: missing, a folder,
    empty, or larger — also when it grew past the limit since it was measured)."""
    path = Path(path)
    name = path.name or str(path)
    if not path.exists():
        raise BadInput(f"{name}: file not found")
    if path.is_dir():
        raise BadInput(f"{name}: is a folder, not a file")
    limit = math.inf if max_bytes is None else max_bytes
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        data = f.read(size + 1) if size <= limit else b""  # (a read of the limit would allocate all of it)
        if len(data) > size:  # it grew since it was measured: read on, to just past the limit
            data += f.read() if max_bytes is None else f.read(max_bytes + 1 - len(data))
    size = max(size, len(data))
    if max_bytes is not None and size > max_bytes:
        shown, limit = _megabytes(size), _megabytes(max_bytes)
        if shown == limit:  # just over the limit: say it in bytes
            shown, limit = f"{size:,} bytes", f"{max_bytes:,} bytes"
        raise BadInput(f"{name}: file is {shown}, over the {limit} limit")
    if not data:
        raise BadInput(f"{name}: file is empty")
    return data


def read_page_file(path: Path, max_bytes: int | None = None) -> Page:
    """A saved web page: its article as `read_file` gives it, and what was left out."""
    path = Path(path)
    return read_markup(read_bytes(path, max_bytes), path.name or str(path))


def read_markup(data: bytes, name: str, charset: str = "") -> Page:
    """A web page's bytes (a saved file, or a link's `charset` as its server declared it);
    its text NFC-normalised, as `read_text` gives a file's."""
    page = read_page(data, name, decode_bytes, charset)
    return replace(page, text=unicodedata.normalize("NFC", page.text))


def read_link(url: str, settings: Settings) -> tuple[Page, str]:
    """A linked web page, fetched within the settings' limits (`index.web.fetch`): its
    article, and the SHA-256 of the bytes the server sent."""
    fetched = fetch(
        url, max_bytes=int(settings.max_file_mb * _MB), timeout=settings.fetch_timeout, allow=settings.fetch_allow
    )
    return read_markup(fetched.data, url.strip(), fetched.charset), hashlib.sha256(fetched.data).hexdigest()


def _megabytes(size: int) -> str:
    """A size for a message: "20.0 MB", or "0.05 MB" for a limit under a megabyte (where
    one decimal would print 0.05 MB and 0.06 MB alike as "0.1 MB")."""
    mb = size / _MB
    return f"{mb:.1f} MB" if mb >= 1 else f"{mb:.3g} MB"


def decode_bytes(data: bytes, name: str) -> str:
    """Bytes → str: strict UTF-8, UTF-16 by BOM or NUL pattern, GB18030 (or Big5), then
    charset_normalizer; BadInput rather than mojibake."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding)
            return text if text is not None and _looks_like_text(text) else _refuse(name)
    if b"\x00" in data:
        encoding = _utf16_by_nuls(data)
        text = _strict(data, encoding) if encoding else None
        if text is None or not _looks_like_text(text) or not _plausible_chinese(text):
            raise BadInput(f"{name}: binary file, not text")
        return text
    for reading in (lambda: _strict(data, "utf-8"), lambda: _legacy_chinese(data), lambda: _normalizer_guess(data)):
        text = reading()
        if text is not None and _looks_like_text(text):
            return text
    return _refuse(name)


def _refuse(name: str) -> str:
    raise BadInput(f"{name}: not text in a supported encoding (UTF-8, UTF-16, GB18030)")


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf16_by_nuls(data: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when NUL bytes sit mostly at odd/even offsets, as the high
    bytes of ASCII characters do; None when they are spread evenly, like binary data's."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd > 3 * even:
        return "utf-16-le"
    if even > 3 * odd:
        return "utf-16-be"
    return None


def _legacy_chinese(data: bytes) -> str | None:
    """GB18030 when it decodes strictly; Big5 instead when that decodes too and reads as
    more common Chinese (the same bytes are often valid in both)."""
    readings = [t for t in (_strict(data, "gb18030"), _strict(data, "big5")) if t]
    if not readings:
        return None
    best = max(readings, key=lambda t: sum(ch in _COMMON_HANZI for ch in t[:_SAMPLE]))
    return best if _plausible_chinese(best) else None


def _plausible_chinese(text: str) -> bool:
    """Not other bytes misread as Chinese: in real text most hanzi do not touch a Latin letter
    (cp1252 English read as GBK gives `揌ello`), and a longer text has its share of the most
    common characters (Big5 read as GBK has almost none)."""
    sample = text[:_SAMPLE]
    hanzi = [i for i, ch in enumerate(sample) if "\u3400" <= ch <= "\u9fff"]
    touching = sum(1 for i in hanzi if _latin(sample, i - 1) or _latin(sample, i + 1))
    common = sum(sample[i] in _COMMON_HANZI for i in hanzi)
    return 2 * touching <= len(hanzi) and (len(hanzi) < _FEW_HANZI or common * 100 >= 15 * len(hanzi))


def _latin(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isascii() and text[i].isalpha()


def _normalizer_guess(data: bytes) -> str | None:
    """charset_normalizer's reading when it sees little chaos, else None. UTF-16/32 guesses
    are not taken (without NULs they misread 8-bit text); among equally clean single-byte
    readings Windows-1252, the usual one, is preferred."""
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(data, cp_exclusion=_NOT_GUESSED) if m.chaos <= 0.1]
    if not matches:
        return None
    best = min(matches, key=lambda m: (m.chaos, m.encoding != "cp1252"))
    return str(best)


def _looks_like_text(text: str) -> bool:
    """Almost no control, unassigned or private-use characters (in the first _SAMPLE).
    Format characters (zero-width spaces and joiners, direction marks) are ordinary in
    text pasted from the web and do not count."""
    sample = text[:_SAMPLE]
    odd = sum(1 for ch in sample if ch not in _TEXT_CONTROLS and unicodedata.category(ch) in _NOT_TEXT)
    return odd * 100 <= len(sample)


def _docx_text(data: bytes, name: str, max_unpacked: int | None = None) -> str:
    """Paragraphs and table cells, in document order, joined by blank lines (python-docx
    reads the parts `_unpacked_docx` checked)."""
    import docx
    from docx.table import Table

    try:
        document = docx.Document(_unpacked_docx(data, name, max_unpacked))
    except BadInput:
        raise
    except Exception as e:  # zipfile and python-docx raise zip, CRC, XML and package errors alike
        raise BadInput(f"{name}: not a readable .docx file ({type(e).__name__})") from None
    parts: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            parts += _table_cells(block)
        else:
            parts.append(block.text)
    return "\n\n".join(p.strip() for p in parts if p.strip())


def _unpacked_docx(data: bytes, name: str, budget: int | None) -> io.BytesIO:
    """The .docx re-packed uncompressed, each part inflated in 1 MB pieces within `budget`
    bytes in all. A .docx is a zip: a few MB can unpack to GBs. The sizes its directory
    states are checked first (an honest bomb is refused before anything is inflated), and
    what really comes out is counted, since the directory may lie: unzipping a part whole
    inflates up to 2 GB in one call before the stated size is checked."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        entries = [entry for entry in package.infolist() if not entry.is_dir()]
        stated = sum(entry.file_size for entry in entries)
        if budget is not None and stated > budget:
            raise BadInput(f"{name}: unpacks to {_megabytes(stated)}, over the {_megabytes(budget)} limit")
        unpacked, copy = 0, io.BytesIO()
        with zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as plain:
            for entry in entries:
                pieces = []
                with package.open(entry) as part:
                    while piece := part.read(_MB):
                        unpacked += len(piece)
                        if budget is not None and unpacked > budget:
                            raise BadInput(f"{name}: unpacks to more than the {_megabytes(budget)} limit")
                        pieces.append(piece)
                plain.writestr(entry.filename, b"".join(pieces))
    return copy


def _table_cells(table) -> list[str]:
    """Cell texts row by row; a merged cell once."""
    seen, cells = set(), []
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                cells.append(cell.text)
    return cells


def _pdf_text(data: bytes, name: str, max_ocr_pages: int | None = None) -> FileText:
    """Each page's extracted text, joined by blank lines. A page with almost no text that
    draws none either (a scan) is read by OCR; one that draws text pypdf cannot extract
    has a damaged text layer, and is said to."""
    from pypdf import PdfReader

    # pypdf logs what it repairs or skips ("EOF marker not found", "Font resources are not
    # a dictionary: [100,000 objects]") straight to stderr; it is kept here instead, and
    # its first complaint names the problem when no text comes out
    complaints: list[str] = []
    handler = _FirstMessages(complaints)
    logger = logging.getLogger("pypdf")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise BadInput(f"{name}: PDF is password-protected")
        pages = [(page.extract_text() or "", _draws_text(page)) for page in reader.pages]
    except BadInput:
        raise
    except Exception as e:  # pypdf raises many kinds of error on damaged files
        raise BadInput(f"{name}: not a readable PDF ({type(e).__name__})") from None
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    texts = [text for text, _ in pages]
    scans = [
        i for i, (text, draws) in enumerate(pages) if _visible(text) < _FEW_CHARS and (_visible(text) or not draws)
    ]
    report = None
    if scans:
        if max_ocr_pages is not None and len(scans) > max_ocr_pages:
            raise BadInput(
                f"{name}: {len(scans)} pages have no text layer, over the {max_ocr_pages}-page OCR limit "
                "(SPEECHQA_MAX_OCR_PAGES)"
            )
        scanned = read_pdf_pages(data, name, scans)
        for i, text in zip(scans, scanned.pages):
            texts[i] = text
        report = scanned.report
    text = "\n\n".join(t.strip() for t in texts if _visible(t))
    if text:
        return FileText(text, report)
    if complaints:
        raise BadInput(f"{name}: PDF text could not be extracted ({complaints[0]})")
    if any(draws for _, draws in pages):
        raise BadInput(f"{name}: PDF draws text that could not be extracted (damaged fonts or page resources)")
    raise BadInput(f"{name}: PDF has no extractable text (no text layer, and OCR found none)")


def _visible(text: str) -> int:
    """Characters that show: not spaces, nor the replacement character of undecodable glyphs."""
    return sum(1 for ch in text if not ch.isspace() and ch != "\ufffd")


class _FirstMessages(logging.Handler):
    """Keeps the first few log messages (warnings and worse) in a list, each on one line
    and cut to `chars`."""

    def __init__(self, messages: list[str], keep: int = 3, chars: int = 120):
        super().__init__(logging.WARNING)
        self.messages, self.keep, self.chars = messages, keep, chars

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.messages) < self.keep:
            message = record.getMessage()
            cut = " ".join(message[: self.chars].split())
            self.messages.append(cut + ("…" if len(message) > self.chars else ""))


def _draws_text(page) -> bool:
    """Whether a page's content stream shows text (Tj/TJ operators), readable or not."""
    try:
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
    except Exception:  # damaged streams: nothing to say about them
        return False
    return b"Tj" in data or b"TJ" in data


# ---- speaker sidecars and folder walks -------------------------------------------------

_SIDECAR_MAX_BYTES = 1 * _MB
_TRANSCRIPT_KEYS = ("events", "meeting_transcripts", "turns", "transcript", "text", "content")


def _sidecar_speakers(path: Path) -> list[dict] | None:
    """The `speakers` [{fullName, role}] of a metadata-only JSON file, else None."""
    try:
        if path.stat().st_size > _SIDECAR_MAX_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or any(key in data for key in _TRANSCRIPT_KEYS):
        return None
    speakers = data.get("speakers")
    if not isinstance(speakers, list) or not speakers:
        return None
    if not all(isinstance(s, dict) and isinstance(s.get("fullName"), str) and "role" in s for s in speakers):
        return None
    return speakers


def _sibling_transcripts(path: Path) -> list[Path]:
    """Files next to `path` with the same stem and another supported suffix."""
    return [
        p
        for p in path.parent.glob(f"{glob.escape(path.stem)}.*")
        if p != path and p.suffix.lower() in SUPPORTED_SUFFIXES and p.suffix.lower() != ".json"
    ]


def is_speaker_sidecar(path: Path) -> bool:
    """A .json file holding only speaker metadata for a same-stem transcript beside it
    (`2012-10-16.json` next to `2012-10-16.said`)."""
    path = Path(path)
    return path.suffix.lower() == ".json" and bool(_sibling_transcripts(path)) and _sidecar_speakers(path) is not None


def speaker_roles_from_sidecar(path_of_transcript: Path) -> dict[str, str]:
    """{fullName: role} from the transcript's same-stem .json sidecar; {} when there is none."""
    path = Path(path_of_transcript)
    sidecar = path.with_suffix(".json")
    if sidecar == path or not sidecar.is_file():
        return {}
    speakers = _sidecar_speakers(sidecar) or []
    return {s["fullName"].strip(): str(s.get("role") or "").strip() for s in speakers if s["fullName"].strip()}


# Files in a folder of transcripts that describe the folder (README.md, LICENSE, …).
NOT_TRANSCRIPTS = ("README", "LICENSE", "LICENCE", "NOTICE", "COPYING", "CHANGELOG", "PROVENANCE")


class InputFiles(list):
    """The files a walk found, in order (a list of paths), and the links it did not follow:
    `refused` maps each to its one-line reason."""

    def __init__(self, files: Iterable[Path] = (), refused: dict[Path, str] | None = None):
        super().__init__(files)
        self.refused = refused or {}


def iter_input_files(paths: Iterable[Path]) -> InputFiles:
    """Files to read: folders expanded recursively (sorted; supported suffixes only; hidden
    files, speaker sidecars and README/LICENSE-like files skipped); explicit file paths kept
    whatever their suffix or name. In a folder, a link to a file outside it (`passwd.txt` →
    /etc/passwd) is not followed and a link to nothing is not skipped silently: both are
    `refused`."""
    found: list[Path] = []
    refused: dict[Path, str] = {}
    for path in map(Path, paths):
        if not path.is_dir():
            found.append(path)
            continue
        root = path.resolve()
        for file in sorted(path.rglob("*")):
            relative = file.relative_to(path).parts
            if (
                file.suffix.lower() not in SUPPORTED_SUFFIXES
                or any(part.startswith(".") for part in relative)
                or file.stem.upper().startswith(NOT_TRANSCRIPTS)
            ):
                continue
            if file.is_symlink() and (why := _not_followed(file, root)):
                refused[file] = f"{file}: {why}; not read"
            elif file.is_file() and not is_speaker_sidecar(file):
                found.append(file)
    return InputFiles(dict.fromkeys(found), refused)


def _not_followed(link: Path, root: Path) -> str:
    """Why a link found in the folder `root` is not read, or "" when it is."""
    target = link.resolve()
    if not target.exists():
        return "a link to nothing"
    if root not in target.parents:
        return "a link to a file outside the folder"
    return ""
