"""What hostile and unlucky files cost to read, parse and chunk — time and peak memory.

    python bench/hostile.py [--json] [--quick]

Generates the files of issue 15 here (nothing from ../shared) and handles each in a fresh
process the way `index add` does before embedding: read (size and unpacking limits),
parse, chunk, and the per-file chunk limit. Reports seconds and the process's peak RSS
(VmHWM), and whether the file was refused (with its one-line message):

- `turns N`: `张三：好。` repeated N times (a speaker's paragraphs joined: was quadratic);
- `unpunctuated N KB`: Chinese with no punctuation at all (speech-to-text; cut by weight);
- `docx bomb`: a 3 MB .docx whose document.xml inflates to 1 GB (refused before unpacking);
- `json events N`: a JSON list of N tiny `{speaker, text}` turns (under 10 MB: refused by the
  chunk limit);
- `xml billion laughs`, `xml quadratic blowup` (one 20 KB entity referenced 20,000 times:
  400 MB expanded), `xml external entity` (a `file://` entity): refused;
- `xml speeches N`: a ParlParse record of N speeches (parse time and memory of a large one);
- `docx lying`: a .docx whose document part inflates to 2,000 MB while its zip directory says
  1,000 bytes (issue 27: inflated whole before it was refused);
- `one-line turns 2,090,000`: `A: a` / `B: b` lines, 10.45 MB (issue 27: parsed whole in 127 s
  and 3.2 GB before the chunk limit refused it; now refused by an estimate from its first lines).
`--quick` runs the smaller sizes only. `--code DIR` measures the code of another checkout
(`git worktree add DIR COMMIT`), for before/after figures with the same files.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from functools import partial
from pathlib import Path

from common import ROOT, emit, machine, parser, run_measurement

MEASURE = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[2])
from config import Settings
from index.chunk import chunk_document
from index.formats import parse_document
from index.read import read_limits, read_text
from index.records import BadInput

try:
    from index.preview import estimated_chunks
except ImportError:  # code from before issue 27: every text is parsed whole
    estimated_chunks = None

settings = Settings.from_env(environ={})
path = sys.argv[1]
started = time.perf_counter()
outcome = {}
try:
    text = read_text(__import__("pathlib").Path(path), **read_limits(settings))
    outcome["read_s"] = round(time.perf_counter() - started, 3)
    if estimated_chunks and (estimate := estimated_chunks(text, name=path)) > 2 * settings.max_chunks:
        raise BadInput(f"makes about {estimate:,} chunks (estimate), over the {settings.max_chunks:,} limit")
    doc = parse_document(text, name=path)
    outcome["parse_s"] = round(time.perf_counter() - started - outcome["read_s"], 3)
    chunks = chunk_document(doc, doc_id="d", version="v", source=path)
    outcome["speeches"], outcome["chunks"] = len(doc.speeches), len(chunks)
    if len(chunks) > settings.max_chunks:
        outcome["refused"] = f"makes {len(chunks):,} chunks, over the {settings.max_chunks:,} limit (SPEECHQA_MAX_CHUNKS)"
except BadInput as error:
    outcome["refused"] = str(error)
outcome["seconds"] = round(time.perf_counter() - started, 3)
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        outcome["peak_rss_mb"] = round(int(line.split()[1]) / 1024, 1)
print(json.dumps(outcome, ensure_ascii=False))
"""


def turns(folder: Path, n: int) -> Path:
    path = folder / f"turns-{n}.txt"
    path.write_text("张三：好。\n\n" * n, encoding="utf-8")
    return path


def unpunctuated(folder: Path, kb: int) -> Path:
    path = folder / f"unpunctuated-{kb}kb.txt"
    words = "我们今天讨论城市发展规划以及交通建设和教育投入问题"
    path.write_text((words * (kb * 1024 // len(words.encode("utf-8")) + 1))[: kb * 1024 // 3], encoding="utf-8")
    return path


def docx_bomb(folder: Path) -> Path:
    path = folder / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as xml:
            block = b"<w:p><w:r><w:t>" + b"a" * (1 << 20) + b"</w:t></w:r></w:p>"
            for _ in range(1024):  # 1 GB inflated
                xml.write(block)
    return path


def json_events(folder: Path, n: int) -> Path:
    path = folder / f"events-{n}.json"
    events = [{"speaker": f"S{i % 50}", "text": "好"} for i in range(n)]
    path.write_text(json.dumps(events, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return path


XML_BOMBS = ("xml billion laughs", "xml quadratic blowup", "xml external entity")


def xml_bombs(folder: Path) -> dict[str, Path]:
    """Entity expansion and external entities in an otherwise ordinary ParlParse record."""
    lols = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    cases = {
        "xml billion laughs": f'<!DOCTYPE publicwhip [<!ENTITY lol0 "lol">{lols}]>',
        "xml quadratic blowup": f'<!DOCTYPE publicwhip [<!ENTITY a "{"x" * 20_000}">]>',
        "xml external entity": '<!DOCTYPE publicwhip [<!ENTITY a SYSTEM "file:///etc/passwd">]>',
    }
    uses = {"xml billion laughs": "&lol9;", "xml quadratic blowup": "&a;" * 20_000, "xml external entity": "&a;"}
    paths = {}
    for name, doctype in cases.items():
        path = paths[name] = folder / f"{name.replace(' ', '-')}.xml"
        path.write_text(
            f'<?xml version="1.0"?>\n{doctype}\n<publicwhip><speech speakername="A B"><p>{uses[name]}</p></speech>'
            "</publicwhip>\n",
            encoding="utf-8",
        )
    return paths


def xml_speeches(folder: Path, n: int) -> Path:
    path = folder / f"speeches-{n}.xml"
    speech = (
        '<speech id="uk.org.publicwhip/debate/2011-03-02a.{i}.1" person_id="uk.org.publicwhip/person/{p}" '
        'speakername="Member {p} Name"><p>The harbour needs dredging; speech {i} says so at some length.</p>'
        "<p>I ask the Government to act.</p></speech>\n"
    )
    body = "".join(speech.format(i=i, p=i % 40) for i in range(n))
    path.write_text(f'<?xml version="1.0"?>\n<publicwhip>\n{body}</publicwhip>\n', encoding="utf-8")
    return path


def docx_lying(folder: Path, inflated_mb: int = 2000) -> Path:
    """A real .docx (python-docx's own template) whose document part inflates to
    `inflated_mb` MB, its zip directory and local header saying 1,000 bytes."""
    import docx

    path = folder / "lying.docx"
    docx.Document().save(str(path))
    with zipfile.ZipFile(path) as template:
        parts = {i.filename: template.read(i) for i in template.infolist()}
    head, tail = parts.pop("word/document.xml").split(b"<w:body>")
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in parts.items():
            z.writestr(name, data)
        with z.open("word/document.xml", "w") as xml:
            xml.write(head + b"<w:body><w:p><w:r><w:t>")
            for _ in range(inflated_mb):
                xml.write(b"a" * (1 << 20))
            xml.write(b"</w:t></w:r></w:p>" + tail)
    with zipfile.ZipFile(path) as z:
        true_size = z.getinfo("word/document.xml").file_size.to_bytes(4, "little")
    data = bytearray(path.read_bytes())
    at = data.find(true_size)
    while at >= 0:
        data[at : at + 4] = (1000).to_bytes(4, "little")
        at = data.find(true_size, at + 4)
    path.write_bytes(bytes(data))
    return path


def one_line_turns(folder: Path, n: int) -> Path:
    path = folder / f"one-line-turns-{n}.txt"
    path.write_text("A: a\nB: b\n" * (n // 2), encoding="utf-8")
    return path


def measure(path: Path, code: Path = ROOT) -> dict:
    outcome = run_measurement(MEASURE, str(path), str(code))
    return outcome if "error" in outcome else {"bytes": path.stat().st_size, **outcome}


def human(report: dict) -> str:
    lines = [f"load {report['machine']['loadavg_1_5_15']}"]
    for name, r in report["files"].items():
        what = (
            f"refused: {r['refused']}"
            if "refused" in r
            else f"{r.get('speeches', 0):,} speeches, {r.get('chunks', 0):,} chunks"
        )
        lines.append(
            f"{name:<24} {r.get('bytes', 0) / 1e6:>6.2f} MB  {r.get('seconds', 0):>7.2f} s  "
            f"peak {r.get('peak_rss_mb', 0):>7.1f} MB  {r.get('error') or what}"
        )
    return "\n".join(lines)


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--quick", action="store_true", help="the smaller sizes only")
    p.add_argument("--code", type=Path, default=ROOT, help="measure the code of this checkout (default: this one)")
    p.add_argument("--only", nargs="+", help="only the cases whose names start with one of these")
    args = p.parse_args()
    sizes = (10_000, 40_000) if args.quick else (10_000, 40_000, 160_000)
    cases = {f"turns {n:,}": partial(turns, n=n) for n in sizes}
    for kb in (100, 400) if args.quick else (100, 400, 2900):
        cases[f"unpunctuated {kb} KB"] = partial(unpunctuated, kb=kb)
    cases["docx bomb (1 GB inflated)"] = docx_bomb
    for n in (20_000,) if args.quick else (20_000, 330_000):
        cases[f"json events {n:,}"] = partial(json_events, n=n)
    for name in XML_BOMBS:
        cases[name] = lambda folder, name=name: xml_bombs(folder)[name]
    for n in (2_000,) if args.quick else (2_000, 40_000):
        cases[f"xml speeches {n:,}"] = partial(xml_speeches, n=n)
    if not args.quick:
        cases["docx lying (2,000 MB inflated)"] = docx_lying
        cases["one-line turns 2,090,000"] = partial(one_line_turns, n=2_090_000)
    chosen = {name: make for name, make in cases.items() if not args.only or name.startswith(tuple(args.only))}
    with tempfile.TemporaryDirectory() as tmp:
        files = {name: make(Path(tmp)) for name, make in chosen.items()}
        report = {
            "machine": machine(),
            "code": str(args.code),
            "files": {name: measure(path, args.code) for name, path in files.items()},
        }
    emit(report, args.json, human)


if __name__ == "__main__":
    main()
