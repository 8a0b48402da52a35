"""Scanned pages made at test time: text printed onto page images with Pillow and a CJK
font (one or two columns, a running header, page numbers), optionally photographed
(turned, shaded, noisy, blurred), saved as PNG, JPEG or an image-only PDF; and PNGs that
declare any size (bombs). The OCR tests and `bench/ocr.py` read them; nothing is committed
as a binary."""

from __future__ import annotations

import functools
import re
import struct
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

A4_MM = (210, 297)
_MM_PER_INCH = 25.4
# a Latin run (with the spaces after it), a run of spaces, or one character (Chinese wraps anywhere)
_TOKEN = re.compile(r"[^\s\u2e80-\uffff]+\s*|\s+|.")


@functools.cache
def cjk_font() -> Path | None:
    """A font on this machine that prints Chinese (fc-list), or None."""
    try:
        listed = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = sorted(line.split(":")[0].strip() for line in listed.splitlines() if line.strip())
    return Path(files[0]) if files else None


@dataclass(frozen=True)
class Page:
    """How pages are printed: paper size, resolution, body type size, columns, margins."""

    dpi: int = 200
    size_mm: tuple[float, float] = A4_MM
    body_pt: float = 10.5
    columns: int = 1
    margin_mm: float = 20
    gutter_mm: float = 8
    header: str = ""  # a running header on every page
    page_numbers: bool = False  # `- n -` at the foot of every page

    def px(self, mm: float) -> int:
        return round(mm / _MM_PER_INCH * self.dpi)


def printed(blocks: list[tuple[str, str]], page: Page = Page(), font: Path | None = None) -> list[Image.Image]:
    """Blocks — ("title", text) across the columns at the top of the first page, ("heading",
    text) centred and larger, ("para", text) with a two-character indent, ("line", text) as
    it is — printed onto as many grey-scale pages as they fill."""
    font = font or cjk_font()
    body_px = round(page.body_pt / 72 * page.dpi)
    width, height = page.px(page.size_mm[0]), page.px(page.size_mm[1])
    margin, gutter = page.px(page.margin_mm), page.px(page.gutter_mm)
    column_width = (width - 2 * margin - (page.columns - 1) * gutter) // page.columns
    faces = {k: ImageFont.truetype(str(font), round(body_px * scale)) for k, scale in _SCALES.items()}
    pages: list[Image.Image] = []
    draw = None
    column, y, top = 0, 0, margin

    def new_page() -> None:
        nonlocal draw, column, y, top
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        pages.append(image)
        if page.header:
            draw.text((width // 2, margin // 2), page.header, font=faces["small"], fill=0, anchor="mm")
            draw.line((margin, margin * 3 // 4, width - margin, margin * 3 // 4), fill=0, width=2)
        if page.page_numbers:
            draw.text((width // 2, height - margin // 2), f"- {len(pages)} -", font=faces["small"], fill=0, anchor="mm")
        column, y, top = 0, margin, margin

    new_page()
    for kind, text in blocks:
        face = faces[kind]
        step = round(face.size * 1.6)
        if kind == "title":
            for line in _wrap(text, face, width - 2 * margin, 0):
                draw.text((width // 2, y), line, font=face, fill=0, anchor="ma")
                y += step
            y += body_px
            top = y
            continue
        indent = 2 * face.size if kind == "para" else 0
        lines = _wrap(text, face, column_width, indent)
        y += body_px // 2 if kind == "para" else body_px
        for i, line in enumerate(lines):
            if y + step > height - margin:
                column += 1
                if column == page.columns:
                    new_page()
                y = top if column else margin
            x0 = margin + column * (column_width + gutter)
            if kind == "heading":
                draw.text((x0 + column_width // 2, y), line, font=face, fill=0, anchor="ma")
            else:
                draw.text((x0 + (indent if i == 0 else 0), y), line, font=face, fill=0)
            y += step
    return pages


_SCALES = {"title": 1.6, "heading": 1.25, "para": 1.0, "line": 1.0, "small": 0.8}


def _wrap(text: str, face: ImageFont.FreeTypeFont, width: int, indent: int) -> list[str]:
    """Greedy lines of `text` no wider than `width` (the first less `indent`)."""
    lines, line = [], ""
    for token in _TOKEN.findall(text):
        room = width - (indent if not lines else 0)
        if line and face.getlength((line + token).rstrip()) > room:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    return [*lines, line.rstrip()] if line.strip() else lines


def photographed(image: Image.Image, *, angle: float = 1.5, seed: int = 0) -> Image.Image:
    """A page as a phone photographs it: turned a little, lit unevenly, softened, grainy (RGB)."""
    rng = np.random.default_rng(seed)
    turned = image.convert("L").rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=235)
    pixels = np.asarray(turned.filter(ImageFilter.GaussianBlur(0.8)), dtype=np.float32)
    light = np.linspace(0.82, 1.0, pixels.shape[1], dtype=np.float32)[None, :]
    pixels = pixels * light + rng.normal(0, 9, pixels.shape).astype(np.float32)
    grey = np.clip(pixels, 0, 255).astype(np.uint8)
    return Image.merge("RGB", [Image.fromarray(grey)] * 3)


def save_pdf(pages: list[Image.Image], path: Path, dpi: int = 200) -> Path:
    """The pages as an image-only PDF (no text layer), each page `dpi` dots per inch."""
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return path


def markdown_blocks(text: str) -> list[tuple[str, str]]:
    """A Markdown transcript as printed: `#` the title, `##`/`###` headings, other lines
    paragraphs (a speaker line printed as its own short paragraph, as newspapers do)."""
    blocks = []
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        hashes = len(line) - len(line.lstrip("#"))
        content = line.lstrip("#").strip()
        blocks.append(("title" if hashes == 1 else "heading" if hashes else "para", content))
    return blocks


def png(width: int, height: int, data: bytes = b"\x00") -> bytes:
    """A PNG declaring width × height pixels, with `data` as its (compressed) pixel rows."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(data)) + chunk(b"IEND", b"")
