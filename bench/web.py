"""Web pages: extraction time per page, what is kept and left out, and hostile pages.

    python bench/web.py [--json]

For each saved news page of ../shared/corpora/html and the two HTML transcripts of
realworld-dev/more: the time to read the page to its article (`index.read.read_page_file`:
decode, readability-lxml, the header; median of 3, after one warm-up page), the page's and
the article's characters, the lines left out, and — for the news pages — how many article
phrases of tests/index/web_pages.json are kept and how many boilerplate phrases get
through. Then pages generated here, each in a fresh process (time and peak RSS): 100,000
nested `<div>`s, a 9 MB page of paragraphs (under the 10 MB limit), and a 50 MB file
(refused by the size limit before it is read).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import CORPORA, ROOT, emit, machine, parser

from index.read import read_page_file  # noqa: E402

PHRASES = json.loads((ROOT / "tests" / "index" / "web_pages.json").read_text(encoding="utf-8"))
TRANSCRIPTS = ("en-irancontra-19870707-north-president-knew.html", "en-scotus-19521210-bolling-v-sharpe.html")

MEASURE = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[2])
from config import Settings
from index.read import read_limits, read_text
from index.records import BadInput
started = time.perf_counter()
try:
    outcome = f"{len(read_text(sys.argv[1], **read_limits(Settings.from_env(environ={})))):,} characters"
except BadInput as error:
    outcome = f"refused: {error}"
peak = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) // 1024
print(json.dumps({"seconds": round(time.perf_counter() - started, 3), "peak_mb": peak, "outcome": outcome}))
"""


def pages() -> dict:
    files = [CORPORA / "html" / name for name in sorted(PHRASES) if not name.startswith("_")]
    files += [CORPORA / "realworld-dev" / "more" / name for name in TRANSCRIPTS]
    read_page_file(files[0])  # imports and first use
    rows = {}
    for path in files:
        times = []
        for _ in range(3):
            started = time.perf_counter()
            page = read_page_file(path)
            times.append((time.perf_counter() - started) * 1000)
        row = {
            "bytes": path.stat().st_size,
            "ms": round(statistics.median(times), 1),
            "page_chars": page.page_chars,
            "kept_chars": len(page.text),
            "dropped_lines": page.dropped_lines,
        }
        if expected := PHRASES.get(path.name):
            row["article_kept"] = f"{sum(p in page.text for p in expected['article'])}/{len(expected['article'])}"
            row["boilerplate_through"] = f"{sum(p in page.text for p in expected['absent'])}/{len(expected['absent'])}"
        rows[path.name] = row
    return rows


def hostile() -> dict:
    made = {
        "100,000 nested <div>": "<html><body>" + "<div>" * 100_000 + "<p>深处。</p>" + "</div>" * 100_000,
        "9 MB of paragraphs": "<html><body>" + "<p>会议讨论了营商环境问题。</p>\n" * 200_000,
    }
    rows = {}
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for label, markup in made.items():
            paths[label] = Path(folder) / f"{len(paths)}.html"
            paths[label].write_text(markup, encoding="utf-8")
        paths["50 MB file"] = Path(folder) / "big.html"
        with open(paths["50 MB file"], "wb") as f:
            f.write(b"<html><body><p>x")
            f.truncate(50 * 2**20)
        for label, path in paths.items():
            done = subprocess.run(
                [sys.executable, "-c", MEASURE, str(path), str(ROOT)], capture_output=True, text=True, check=True
            )
            rows[label] = {"bytes": path.stat().st_size, **json.loads(done.stdout)}
    return rows


def human(report: dict) -> str:
    lines = [f"{'page':<52} {'bytes':>9} {'ms':>7} {'page':>7} {'kept':>7} {'left out':>8}  article  boilerplate"]
    for name, r in report["pages"].items():
        lines.append(
            f"{name[:52]:<52} {r['bytes']:>9,} {r['ms']:>7.1f} {r['page_chars']:>7,} {r['kept_chars']:>7,} "
            f"{r['dropped_lines']:>8}  {r.get('article_kept', '-'):>7}  {r.get('boilerplate_through', '-'):>11}"
        )
    times = [r["ms"] for r in report["pages"].values()]
    lines.append(f"median {statistics.median(times):.1f} ms, slowest {max(times):.1f} ms per page")
    for label, r in report["hostile"].items():
        lines.append(f"{label:<28} {r['bytes']:>11,} B {r['seconds']:>7.2f} s {r['peak_mb']:>5} MB  {r['outcome']}")
    return "\n".join(lines)


def main() -> None:
    args = parser(__doc__).parse_args()
    report = {"machine": machine(), "pages": pages(), "hostile": hostile()}
    emit(report, args.json, human)


if __name__ == "__main__":
    main()
