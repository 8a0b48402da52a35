"""OCR of scans and photos: seconds per page, peak memory, characters read right, speakers found.

    python bench/ocr.py [--json] [--quick]

The pages are printed here with Pillow and a CJK font (tests/scans.py), from the Sanya
digest's text (../shared); each case is read in a fresh process the way `index add` reads
it (`index.read.read_file`: the model loaded once per file, every page recognised at most
2000 pixels on its long side), then parsed:

- `scan A4 200 dpi`: the digest printed on A4 (one column, running header, page numbers),
  as an image-only PDF: 5 pages;
- `two columns`: the digest's first 2,000 characters on one A4 page of two columns (PDF);
- `photo`: the scan's first page photographed (turned 1.5°, lit unevenly, blurred, grainy),
  as a JPEG.

Reported per case: pages, seconds in all and per page (wall clock, and CPU time of the
process's threads, which contention on a shared machine changes less), the model's load (measured apart,
in the same process, before the read), peak RSS, the share of the printed characters read
right (difflib's ratio over the texts without spaces and Markdown marks), and the speakers
with their units that the parser finds, against those it finds in the digest's own text.
Hostile images (not with `--quick`): a PNG declaring 100,000 × 100,000 pixels, one declaring
9,000 × 9,000 (81 megapixels, over the limit of 64), a JPEG cut short, each refused; and a
48-megapixel (6000 × 8000) photo, read: seconds and peak RSS of each.
`--quick` reads the photo only.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from common import ROOT, SANYA, emit, machine, parser, run_measurement

sys.path.insert(0, str(ROOT / "tests"))
from scans import Page, cjk_font, markdown_blocks, photographed, png, printed, save_pdf  # noqa: E402

MEASURE = r"""
import json, resource, sys, time
from difflib import SequenceMatcher
sys.path.insert(0, sys.argv[3])
from index.formats import parse_document
from index.ocr import ocr_engine
from index.read import read_file

path, printed_text = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
started = time.perf_counter()
ocr_engine(path)
load_s = time.perf_counter() - started
cpu = lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
started, cpu_started = time.perf_counter(), cpu()
read = read_file(path)
seconds, cpu_seconds = time.perf_counter() - started, cpu() - cpu_started
squash = lambda text: "".join(text.replace("#", "").split())
right = SequenceMatcher(None, squash(read.text), squash(printed_text), autojunk=False).ratio()
found = lambda text: [[s.who.speaker, list(s.who.units)] for s in parse_document(text, name=path).speeches if s.who.speaker]
outcome = {
    "pages": read.ocr.pages,
    "seconds": round(seconds, 2),
    "seconds_per_page": round(seconds / read.ocr.pages, 2),
    "cpu_seconds_per_page": round(cpu_seconds / read.ocr.pages, 2),
    "model_load_s": round(load_s, 2),
    "confidence": read.ocr.confidence,
    "dropped": len(read.ocr.dropped),
    "chars_read": len(squash(read.text)),
    "chars_right": round(right, 4),
    "speakers": found(read.text),
    "speakers_in_text": found(printed_text),
}
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        outcome["peak_rss_mb"] = round(int(line.split()[1]) / 1024, 1)
print(json.dumps(outcome, ensure_ascii=False))
"""


REFUSE = r"""
import json, sys, time
sys.path.insert(0, sys.argv[2])
from index.read import read_file
from index.records import BadInput

started = time.perf_counter()
try:
    read_file(sys.argv[1])
    outcome = {"refused": ""}
except BadInput as error:
    outcome = {"refused": str(error)}
outcome["seconds"] = round(time.perf_counter() - started, 3)
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        outcome["peak_rss_mb"] = round(int(line.split()[1]) / 1024, 1)
print(json.dumps(outcome, ensure_ascii=False))
"""


def hostile(folder: Path, photo: Path) -> dict[str, dict]:
    """Images refused before the model loads, and the largest photo read (8000×6000)."""
    from PIL import Image

    files = {
        "PNG declaring 100,000²": png(100_000, 100_000),
        "PNG declaring 9,000²": png(9_000, 9_000),
        "JPEG cut after 4 KB": photo.read_bytes()[:4096],
    }
    found = {}
    for name, data in files.items():
        path = folder / ("hostile.png" if "PNG" in name else "hostile.jpg")
        path.write_bytes(data)
        found[name] = {"bytes": len(data), **run_measurement(REFUSE, str(path), str(ROOT))}
    big = folder / "48mp.jpg"
    Image.open(photo).resize((6000, 8000)).save(big, quality=85)
    found["48 Mpx photo (read)"] = {"bytes": big.stat().st_size, **run_measurement(REFUSE, str(big), str(ROOT))}
    return found


def cases(folder: Path, quick: bool) -> dict[str, tuple[Path, str]]:
    """Case name → (the file to read, the text printed on it)."""
    text = SANYA.read_text(encoding="utf-8")
    scan = printed(markdown_blocks(text), Page(header="海南日报 2020年10月27日", page_numbers=True))
    photo = folder / "photo.jpg"
    photographed(scan[0]).save(photo, quality=85)
    first_page = folder / "first-page.txt"  # what the photographed page prints: the scan's first page
    first_page.write_text(_first_page(text, Page()), encoding="utf-8")
    found = {"photo": (photo, first_page)}
    if quick:
        return found
    whole = folder / "digest.txt"
    whole.write_text(text, encoding="utf-8")
    two_columns = Page(columns=2)
    part = folder / "two-columns.txt"
    part.write_text(_first_page(text, two_columns), encoding="utf-8")
    columns = printed(markdown_blocks(part.read_text(encoding="utf-8")), two_columns)
    return {
        "scan A4 200 dpi": (save_pdf(scan, folder / "scan.pdf"), whole),
        "two columns": (save_pdf(columns, folder / "columns.pdf"), part),
        **found,
    }


def _first_page(text: str, page: Page) -> str:
    """The digest's text as far as its blocks fill one page printed so."""
    blocks = markdown_blocks(text)
    for n in range(len(blocks), 0, -1):
        if len(printed(blocks[:n], page)) == 1:
            cut = blocks[n - 1][1]
            return text[: text.index(cut) + len(cut)]
    return ""


def measure(path: Path, printed_text: Path) -> dict:
    outcome = run_measurement(MEASURE, str(path), str(printed_text), str(ROOT))
    return outcome if "error" in outcome else {"bytes": path.stat().st_size, **outcome}


def human(report: dict) -> str:
    lines = [f"load {report['machine']['loadavg_1_5_15']}"]
    for name, r in report["cases"].items():
        if "error" in r:
            lines.append(f"{name:<16} error: {r['error']}")
            continue
        same = sum(pair in r["speakers_in_text"] for pair in r["speakers"])
        lines.append(
            f"{name:<16} {r['pages']} pages  {r['seconds']:>6.1f} s  {r['seconds_per_page']:>5.1f} s/page "
            f"(CPU {r['cpu_seconds_per_page']:.1f} s/page)  "
            f"(model load {r['model_load_s']:.1f} s)  peak {r['peak_rss_mb']:.0f} MB  "
            f"confidence {r['confidence']:.3f}  chars right {r['chars_right']:.3f}  "
            f"speakers {same}/{len(r['speakers_in_text'])} with units"
        )
    for name, r in report.get("hostile", {}).items():
        outcome = r.get("error") or (f"refused: {r['refused']}" if r.get("refused") else "read")
        lines.append(
            f"{name:<26} {r['bytes']:>10,} bytes  {r['seconds']:>6.2f} s  peak {r['peak_rss_mb']:.0f} MB  {outcome}"
        )
    return "\n".join(lines)


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--quick", action="store_true", help="the photo only")
    args = p.parse_args()
    if cjk_font() is None:
        raise SystemExit("no CJK font to print the pages with (apt-get install fonts-wqy-zenhei)")
    if not SANYA.exists():
        raise SystemExit(f"shared corpus missing: {SANYA} (set SPEECHQA_SHARED)")
    with tempfile.TemporaryDirectory() as tmp:
        found = cases(Path(tmp), args.quick)
        report = {"machine": machine(), "cases": {name: measure(*paths) for name, paths in found.items()}}
        if not args.quick:
            report["hostile"] = hostile(Path(tmp), found["photo"][0])
    emit(report, args.json, human)


if __name__ == "__main__":
    main()
