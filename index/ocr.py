"""Offline OCR of scanned pages and photos: a page image → its text, as a reader sees it.

RapidOCR (`rapidocr-onnxruntime`) runs PaddleOCR's PP-OCRv4 Chinese/English detection and
recognition models, which ship inside its wheel: nothing is downloaded. It returns boxes of
text, each with a confidence; this module rebuilds the page from them: the page's skew
undone, columns found (a vertical gutter that only full-width lines cross) and read one
after the other, boxes on one row joined into a line (a gap as a space, a wide gap as two),
lines into paragraphs (a larger gap, a first-line indent, or a line that ends short of its
column where the next line's first word would have fitted), and the page numbers and running
headers at the pages' edges left out (`index.furniture`'s patterns; a header is an edge line
printed on most pages). PDF pages are rendered with pypdfium2.

Time and memory are bounded per page: an image's declared size is checked before it is
decoded (over MAX_IMAGE_PIXELS it is a decompression bomb, refused), a JPEG is decoded only
as large as recognition needs, and every page is recognised at most OCR_SIDE pixels on its
long side. A file that is no PNG or JPEG, or a damaged one, is refused in one line.
"""

from __future__ import annotations

import io
import math
import re
import statistics
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import pairwise

from tqdm import tqdm

from index.furniture import header_key, page_number
from index.records import BadInput, OcrReport, one_line
from index.text import has_han, is_cjk

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg"})
_IMAGE_FORMATS = ("PNG", "JPEG")  # (a phone camera's MPO opens as JPEG)
MAX_IMAGE_PIXELS = 64_000_000  # a 48-megapixel phone photo is read; a larger declared size is refused
OCR_SIDE = 2000  # pixels on a page's long side as recognised (RapidOCR's own cap; A4 at 170 dpi)
_SPACE_GAP = 0.4  # a gap this wide (of a character's width) between two boxes was printed as a space
_EDGE_LINES = 2  # lines at a page's top, and at its bottom, that may be page furniture
_HEADER_ALIKE = 0.8  # edge lines this alike (numbers blanked) are one running header misread differently
_FUZZY_CHARS = 8  # shorter lines are alike only when equal: one misread character is too much of them
_TITLE_HEIGHT = 1.25  # a first-page line this much taller than the header it repeats is the title
# a number between marks, as OCR reads `- 3 -` (`·3-`, `一3一`, `(3)`)
_MARKED_NUMBER = re.compile(r"[\W_一]{0,3}\d{1,5}[\W_一]{0,3}")


@dataclass(frozen=True)
class Box:
    """A piece of text as recognised: its extent on the page (pixels, skew undone), its
    text and the recogniser's confidence."""

    left: float
    top: float
    right: float
    bottom: float
    text: str
    score: float = 1.0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Line:
    """One row of boxes, left to right, in a block of the page (a column's stretch, or a run
    of lines across the columns), with that block's left and right edges."""

    boxes: tuple[Box, ...]
    block: int
    left_edge: float
    right_edge: float

    @property
    def left(self) -> float:
        return self.boxes[0].left

    @property
    def right(self) -> float:
        return self.boxes[-1].right

    @property
    def top(self) -> float:
        return min(b.top for b in self.boxes)

    @property
    def bottom(self) -> float:
        return max(b.bottom for b in self.boxes)

    @property
    def height(self) -> float:
        return statistics.median(b.height for b in self.boxes)

    @property
    def text(self) -> str:
        parts = [self.boxes[0].text]
        for before, after in pairwise(self.boxes):
            parts += [_space(before.text[-1], after.text[0], after.left - before.right, self.height), after.text]
        return "".join(parts)


@dataclass(frozen=True)
class Scanned:
    """What OCR read of some pages: each page's text, and the report on the whole."""

    pages: tuple[str, ...]
    report: OcrReport


def read_image(data: bytes, name: str) -> Scanned:
    """A PNG or JPEG photo or scan (its bytes), read by OCR; BadInput for anything else."""
    return recognise([_image_pixels(data, name)], 1, name)


def read_pdf_pages(data: bytes, name: str, pages: Sequence[int]) -> Scanned:
    """Pages of a PDF (its bytes; 0-based page numbers) rendered and read by OCR, one at a time."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise BadInput(f"{name}: not a readable PDF ({one_line(error)})") from None
    try:
        return recognise((_rendered(document, number, name) for number in pages), len(pages), name)
    finally:
        document.close()


def recognise(images: Iterable, count: int, name: str) -> Scanned:
    """Page images (BGR arrays, produced one at a time) → their text, a progress bar per page."""
    engine = ocr_engine(name)
    pages: list[list[Line]] = []
    for image in tqdm(images, total=count, desc=f"OCR {name}", unit="page", disable=None, leave=False):
        result, _ = engine(image, use_cls=False, return_word_box=True)
        pages.append(page_lines(boxes_of(result)))
    furniture = page_furniture(pages)
    texts = tuple(
        page_text([line for j, line in enumerate(lines) if (i, j) not in furniture]) for i, lines in enumerate(pages)
    )
    boxes = [box for lines in pages for line in lines for box in line.boxes]
    chars = sum(len(box.text) for box in boxes)
    confidence = sum(box.score * len(box.text) for box in boxes) / chars if chars else 0.0
    dropped = tuple(pages[i][j].text for i, j in sorted(furniture))
    return Scanned(texts, OcrReport(count, round(confidence, 4), dropped))


def ocr_engine(name: str):
    """RapidOCR with its bundled models. The per-line 180° classifier is not used: on upright
    printed pages it turned a line upside down and lost it, and a photo's orientation is
    its EXIF tag's (applied when it is decoded)."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as error:  # e.g. OpenCV without the system's libGL
        raise BadInput(f"{name}: OCR is not available here ({one_line(error)})") from None
    return RapidOCR(max_side_len=OCR_SIDE)


def _image_pixels(data: bytes, name: str):
    """The image as a BGR array at most OCR_SIDE on its long side, turned upright by its
    EXIF orientation. Its declared size is checked before anything is decoded."""
    import numpy as np
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():  # Pillow warns of a bomb on stderr; it is refused in one line instead
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=_IMAGE_FORMATS)
        with image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise BadInput(
                    f"{name}: image is {width:,}×{height:,} pixels, over the "
                    f"{MAX_IMAGE_PIXELS // 1_000_000}-megapixel limit"
                )
            scale = min(1.0, OCR_SIDE / max(width, height))
            image.draft("RGB", (math.ceil(width * scale), math.ceil(height * scale)))  # a JPEG decodes smaller
            upright = ImageOps.exif_transpose(image).convert("RGB")
    except BadInput:
        raise
    except UnidentifiedImageError:
        raise BadInput(f"{name}: not a PNG or JPEG image") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise BadInput(
            f"{name}: image declares more pixels than the {MAX_IMAGE_PIXELS // 1_000_000}-megapixel limit allows"
        ) from None
    except Exception as error:  # Pillow raises OSError, SyntaxError, ValueError … on damaged data
        raise BadInput(f"{name}: damaged image ({one_line(error)})") from None
    upright.thumbnail((OCR_SIDE, OCR_SIDE))
    return np.ascontiguousarray(np.asarray(upright)[:, :, ::-1])


def _rendered(document, number: int, name: str):
    """A PDF page rendered OCR_SIDE pixels on its long side (BGR)."""
    import numpy as np
    import pypdfium2

    try:
        page = document[number]
        width, height = page.get_size()
        bitmap = page.render(scale=OCR_SIDE / max(width, height, 1))
        return np.ascontiguousarray(bitmap.to_numpy()[:, :, :3])
    except pypdfium2.PdfiumError as error:
        raise BadInput(f"{name}: page {number + 1} cannot be rendered ({one_line(error)})") from None


# ---- the page from its boxes -------------------------------------------------------------


def boxes_of(result) -> list[Box]:
    """RapidOCR's rows ([4 corner points], text, score, and with word boxes [their corner
    points], [words], …) as boxes, turned by the page's skew (the median slope of the wide
    boxes' top edges) so that lines run level."""
    rows = [row for row in result or () if row[1].strip()]
    slopes = [
        math.atan2(p[1][1] - p[0][1], p[1][0] - p[0][0])
        for p, *_ in rows
        if math.dist(p[0], p[1]) > 2 * math.dist(p[0], p[3])
    ]
    skew = statistics.median(slopes) if slopes else 0.0

    def level(points) -> tuple[float, float, float, float]:
        xs = [x * math.cos(skew) + y * math.sin(skew) for x, y in points]
        ys = [y * math.cos(skew) - x * math.sin(skew) for x, y in points]
        return min(xs), min(ys), max(xs), max(ys)

    boxes = []
    for points, text, score, *words in rows:
        if len(words) >= 2 and len(words[0]) == len(words[1]):
            text = _spaced(text, words[1], [level(p) for p in words[0]])
        boxes.append(Box(*level(points), text.strip(), float(score)))
    return boxes


def _spaced(text: str, words: list[str], extents: list[tuple[float, float, float, float]]) -> str:
    """The recognised text with the spaces printed between its Chinese characters put back:
    the recogniser reads `党委书记　吴萍` as one word, but its characters' places (`words`,
    each a character of Chinese or a word of Latin letters, at `extents`) show the gap. The
    places come from the recogniser's columns, a fifth of a character apart, so a gap counts
    when it is half a character wider than the line's usual one: a full-width space (a whole
    character) is found, an ASCII space (0.3 of one) is not, and punctuation, whose glyph is
    half blank, is left alone."""
    widths = [right - left for (left, _, right, _), word in zip(extents, words) if len(word) == 1 and is_cjk(word)]
    if not widths:
        return text
    size = statistics.median(widths)
    gaps = [b[0] - a[2] for a, b in pairwise(extents)]
    usual = statistics.median(gaps) if gaps else 0.0  # the places are coarse: a gap counts beyond the usual
    parts, position = [], 0
    for i, word in enumerate(words):
        found = text.find(word, position)
        if found < 0:  # the words do not spell the text: keep it as read
            return text
        between = text[position:found]
        if i and not between and has_han(words[i - 1][-1]) and has_han(word[0]) and gaps[i - 1] - usual >= size / 2:
            between = _space(words[i - 1][-1], word[0], gaps[i - 1] - usual, size)
        parts += [between, word]
        position = found + len(word)
    return "".join(parts) + text[position:]


def page_lines(boxes: list[Box]) -> list[Line]:
    """A page's lines in reading order: its blocks top to bottom, where columns are found
    the stretch of each column is a block, read left to right."""
    if not boxes:
        return []
    size = statistics.median(b.height for b in boxes)
    lines: list[Line] = []
    for number, block in enumerate(_blocks(boxes, _gutters(boxes, size))):
        left, right = min(b.left for b in block), max(b.right for b in block)
        lines += [Line(tuple(row), number, left, right) for row in _rows(block)]
    return lines


def _gutters(boxes: list[Box], size: float) -> list[float]:
    """The middles of the vertical gutters between columns: stretches at least a character
    wide that at most a tenth of the boxes cross (titles and headings across the columns
    may), with at least three boxes wholly on either side."""
    start = math.floor(min(b.left for b in boxes))
    width = math.ceil(max(b.right for b in boxes)) - start + 1
    steps = [0] * (width + 1)
    for b in boxes:
        steps[round(b.left) - start] += 1
        steps[round(b.right) - start] -= 1
    crossing, cover = 0, []
    for step in steps[:width]:
        crossing += step
        cover.append(crossing)
    allowed = len(boxes) // 10
    gutters, run = [], None
    for x, count in enumerate(cover):
        if count <= allowed and run is None:
            run = x
        elif count > allowed and run is not None:
            if run > 0 and x - run >= size and _separates(boxes, start + run, start + x):
                gutters.append(start + (run + x) / 2)
            run = None
    return gutters


def _separates(boxes: list[Box], left: float, right: float) -> bool:
    before = sum(b.right <= left for b in boxes)
    after = sum(b.left >= right for b in boxes)
    return before >= 3 and after >= 3


def _blocks(boxes: list[Box], gutters: list[float]) -> list[list[Box]]:
    """Boxes top to bottom into blocks: between two lines that cross the columns, each
    column's boxes are a block (left to right); the lines across are blocks of their own."""
    if not gutters:
        return [boxes]
    blocks: list[list[Box]] = []
    columns: list[list[Box]] = [[] for _ in range(len(gutters) + 1)]
    across: list[Box] = []
    for box in sorted(boxes, key=lambda b: b.top):
        if any(box.left < g < box.right for g in gutters):
            blocks += [c for c in columns if c]
            columns = [[] for _ in columns]
            across.append(box)
            continue
        if across:
            blocks.append(across)
            across = []
        columns[sum(g < box.left for g in gutters)].append(box)
    blocks += [c for c in columns if c] + ([across] if across else [])
    return blocks


def _rows(boxes: list[Box]) -> list[list[Box]]:
    """Boxes grouped into rows (a box whose middle lies within a row's first box joins it),
    top to bottom, each row left to right."""
    rows: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: b.middle):
        if rows and rows[-1][0].top < box.middle < rows[-1][0].bottom:
            rows[-1].append(box)
        else:
            rows.append([box])
    return [sorted(row, key=lambda b: b.left) for row in rows]


def _space(before: str, after: str, gap: float, size: float) -> str:
    """What stood in a gap of a line, `size` being a character's width: two spaces for a
    wide gap (a title and the name after it, a caption and its credit), a space between
    words and for a gap of almost half a character or more, nothing inside Chinese."""
    if gap >= 2 * size:
        return "  "
    if gap >= _SPACE_GAP * size or not (is_cjk(before) and is_cjk(after)):
        return " "
    return ""


def page_text(lines: list[Line]) -> str:
    """Lines in reading order → the page's text: a blank line between paragraphs; inside
    one, a line break, except next to Chinese, where a printed line break means nothing (a
    speaker line wrapped in a narrow column reads whole again)."""
    if not lines:
        return ""
    gaps = [b.top - a.bottom for a, b in pairwise(lines) if a.block == b.block and b.top > a.bottom]
    # with too few gaps to tell the usual from a paragraph's, the usual is print's half a line
    usual_gap = statistics.median(gaps) if len(gaps) >= 3 else statistics.median(line.height for line in lines) / 2
    parts = [lines[0].text]
    for before, line in pairwise(lines):
        if _new_paragraph(before, line, usual_gap):
            parts.append("\n\n")
        elif not (is_cjk(before.text[-1]) or is_cjk(line.text[0])):
            parts.append("\n")
        parts.append(line.text)
    return "".join(parts)


def _new_paragraph(before: Line, line: Line, usual_gap: float) -> bool:
    """A new block, more space than between lines, an indent, or a line before that ended
    where the next line's first word would still have fitted. A centred line after a full
    one goes on from it (a heading wrapped in two)."""
    if line.block != before.block:
        return True
    size = max(before.height, line.height)
    if line.top - before.bottom > usual_gap + size / 2:
        return True
    before_full = before.right + _first_word_width(line) + 0.3 * size >= line.right_edge
    centred = abs((line.left - line.left_edge) - (line.right_edge - line.right)) < size
    if line.left - before.left >= 0.8 * size:
        return not (centred and before_full)
    return not before_full


def _first_word_width(line: Line) -> float:
    """The width the line's first word takes: its first character when Chinese, else the
    letters up to the first space, at the first box's width per character."""
    box = line.boxes[0]
    per_char = (box.right - box.left) / max(len(box.text), 1)
    if is_cjk(box.text[0]):
        return box.height
    return per_char * len(box.text.split(" ", 1)[0])


def page_furniture(pages: list[list[Line]]) -> set[tuple[int, int]]:
    """(page, line) of the page numbers and running headers among the lines at each page's
    top and bottom: a page number as `index.furniture` knows it (a lone number too, at an
    edge, and one between marks that OCR misread); a header or footer as an edge line set
    apart from the body by a line's height and printed alike on most pages (two at least) —
    but not a first page's taller line, its title, that later pages repeat as their header."""
    found: set[tuple[int, int]] = set()
    apart: list[tuple[int, int]] = []
    for i, lines in enumerate(pages):
        order = sorted(range(len(lines)), key=lambda j: lines[j].top)
        tops = range(min(_EDGE_LINES, len(order)))
        for rank in {*tops, *range(max(0, len(order) - _EDGE_LINES), len(order))}:
            line = lines[order[rank]]
            if page_number(line.text) or _MARKED_NUMBER.fullmatch(line.text):
                found.add((i, order[rank]))
                continue
            if _set_apart([lines[j] for j in order], rank, at_top=rank in tops):
                apart.append((i, order[rank]))
    keys = {spot: header_key(pages[spot[0]][spot[1]].text.replace(" ", "")) for spot in apart}
    needed = max(2, math.ceil(len(pages) / 2))
    for spot in apart:
        alike = [other for other in apart if other[0] != spot[0] and _alike(keys[spot], keys[other])]
        if len({page for page, _ in alike}) + 1 < needed:
            continue
        usual = statistics.median(pages[i][j].height for i, j in alike)
        if pages[spot[0]][spot[1]].height <= _TITLE_HEIGHT * usual:
            found.add(spot)
    return found


def _set_apart(downwards: list[Line], rank: int, *, at_top: bool) -> bool:
    """Whether the line at `rank` of a page's lines (top to bottom) stands at least a line's
    height off the next line towards the body, or has none."""
    line = downwards[rank]
    if at_top:
        return rank + 1 == len(downwards) or downwards[rank + 1].top - line.bottom >= line.height
    return rank == 0 or line.top - downwards[rank - 1].bottom >= line.height


def _alike(key: str, other: str) -> bool:
    """The same header, allowing for a misread character in every few."""
    if key == other:
        return True
    return min(len(key), len(other)) >= _FUZZY_CHARS and SequenceMatcher(None, key, other).ratio() >= _HEADER_ALIKE
