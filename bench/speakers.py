"""Speaker attribution on published transcripts the parser was not written for.

    python bench/speakers.py [--json] [--dir DIR ...]
    python bench/speakers.py --preview [--json]      # how fast `index preview` is on every shared file

Parses every transcript of ../shared/corpora/realworld-dev and its `more/` folder (or of
each DIR given) that has a `<name>.expected.json` — any extension the product reads
(`.txt`, `.md`, `.xml`, `.html`, …) — and compares the speakers found with the expected ones:

- exact:    the speaker names, in order of first speech, are the expected list;
- recall:   share of expected speakers found; extra: speakers found that are not expected;
- wrong:    names from `not_speakers` (reporters, editors, people only mentioned) that were
            given speech — the worst error, a wrong attribution;
- titles:   share of expected title pieces found among the speaker's titles;
- units:    share of expected units (where the file gives one) among the speaker's units
            or, as printed, inside one of their titles.

Names are compared with spaces and apostrophe forms ignored (`O’Boyle` = `O'Boyle`).
`score(doc, expected)` is what the acceptance test in tests/index/test_realworld.py uses.

With --preview: the time to preview (read + parse, no embedding) every shared transcript
in-process, and `python -m index preview FILE --json` as a user runs it (a new process,
imports included) on the largest text and JSON files; medians of 3.
"""

from __future__ import annotations

import glob
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from index.formats import parse_document  # noqa: E402
from index.preview import preview_file  # noqa: E402
from index.read import iter_input_files, read_text  # noqa: E402
from index.records import BadInput, ParsedDocument, speakers_of  # noqa: E402
from qa.eval import same_name  # noqa: E402


def normal(text: str) -> str:
    """A title or unit as compared: case, spaces and apostrophe forms ignored (names compare
    as the answers' evaluation compares them: `qa.eval.same_name`)."""
    return re.sub(r"\s+", "", text.replace("’", "'")).lower()


def expected_files(folder: Path) -> list[tuple[Path, dict]]:
    """(transcript, expected) pairs of a realworld-dev-like folder, sorted by name."""
    pairs = []
    for path in sorted(folder.glob("*.expected.json")):
        stem = path.name.removesuffix(".expected.json")
        transcripts = sorted(
            p for p in folder.glob(f"{glob.escape(stem)}.*") if p != path and p.suffix not in (".json", ".jsonl")
        )
        if transcripts:
            pairs.append((transcripts[0], json.loads(path.read_text(encoding="utf-8"))))
    return pairs


def score(doc: ParsedDocument, expected: dict) -> dict:
    """How the speeches of `doc` compare with an expected speaker list (see the module doc)."""
    found = speakers_of(doc.speeches)
    want = [s["name"] for s in expected["speakers"]]
    found_n, want_n = [same_name(n) for n in found], [same_name(n) for n in want]
    banned = {same_name(n) for n in expected.get("not_speakers", [])}
    by_name = {}
    for s in doc.speeches:
        if s.who.speaker and same_name(s.who.speaker) not in by_name:
            by_name[same_name(s.who.speaker)] = s
    titles_total = titles_hit = units_total = units_hit = 0
    missing_units = []
    for person in expected["speakers"]:
        speech = by_name.get(same_name(person["name"]))
        if speech is None:
            continue
        ours_titles = [normal(t) for t in speech.who.titles]
        for title in person.get("titles", []):
            titles_total += 1
            titles_hit += any(normal(title) == t or normal(title) in t for t in ours_titles)
        units = [u for u in [person.get("unit", ""), *person.get("units", [])] if u]
        if units:
            units_total += 1
            ours = [normal(u) for u in speech.who.units] + ours_titles
            ok = any(normal(u) in ours or any(normal(u) in o for o in ours) for u in units)
            units_hit += ok
            if not ok:
                missing_units.append(person["name"])
    return {
        "expected": len(want),
        "found": len(found),
        "exact": found_n == want_n,
        "recall": round(sum(n in found_n for n in want_n) / len(want_n), 3) if want_n else 1.0,
        "missing": [n for n, k in zip(want, want_n) if k not in found_n],
        "extra": [n for n, k in zip(found, found_n) if k not in want_n],
        "wrong": [n for n, k in zip(found, found_n) if k in banned],
        "order_ok": [k for k in found_n if k in want_n] == [k for k in want_n if k in found_n],
        "titles": round(titles_hit / titles_total, 3) if titles_total else None,
        "units": round(units_hit / units_total, 3) if units_total else None,
        "units_missing": missing_units,
        "format": doc.format,
    }


def run(folders: list[Path]) -> dict:
    rows = {}
    for transcript, expected in (pair for folder in folders for pair in expected_files(folder)):
        started = time.perf_counter()
        try:
            doc = parse_document(read_text(transcript), name=transcript.name)
        except BadInput as error:  # a file the product cannot read finds nobody
            doc = ParsedDocument("", f"unread: {error}", ())
        row = score(doc, expected)
        row["parse_ms"] = round((time.perf_counter() - started) * 1000, 1)
        rows[transcript.stem] = row
    exact = sum(r["exact"] for r in rows.values())
    return {
        "documents": len(rows),
        "exact": exact,
        "min_recall": min((r["recall"] for r in rows.values()), default=None),
        "wrong": sum(len(r["wrong"]) for r in rows.values()),
        "files": rows,
    }


def preview_times(corpora: Path, repeats: int = 3) -> dict:
    """Preview times: in-process for every shared transcript, and the CLI on the largest."""
    files = sorted(
        (p for p in iter_input_files([corpora]) if not p.name.endswith(".expected.json")),
        key=lambda p: p.stat().st_size,
    )
    in_process = {}
    for path in files:
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            preview_file(path)
            times.append((time.perf_counter() - started) * 1000)
        in_process[str(path.relative_to(corpora))] = {
            "bytes": path.stat().st_size,
            "ms": round(statistics.median(times), 1),
        }
    largest = [
        max((p for p in files if p.suffix == suffix), key=lambda p: p.stat().st_size) for suffix in (".txt", ".json")
    ]
    cli = {}
    for path in largest:
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "index", "preview", str(path), "--json"],
                cwd=ROOT,
                capture_output=True,
                check=True,
            )
            times.append((time.perf_counter() - started) * 1000)
        cli[str(path.relative_to(corpora))] = {
            "bytes": path.stat().st_size,
            "ms": round(statistics.median(times), 1),
            "ok": bool(done.stdout),
        }
    slowest = max(in_process.items(), key=lambda kv: kv[1]["ms"])
    return {
        "files": len(in_process),
        "slowest_in_process": {slowest[0]: slowest[1]},
        "in_process": in_process,
        "cli": cli,
    }


def human_preview(report: dict) -> str:
    lines = [f"{len(report['in_process'])} shared transcripts previewed in-process (median of 3):"]
    lines += [f"  {name:<70} {r['bytes']:>9,} B {r['ms']:>8.1f} ms" for name, r in report["in_process"].items()]
    lines.append("`python -m index preview FILE --json` in a new process:")
    lines += [f"  {name:<70} {r['bytes']:>9,} B {r['ms']:>8.1f} ms" for name, r in report["cli"].items()]
    return "\n".join(lines)


def human(report: dict) -> str:
    lines = [f"{'document':<52} {'fmt':<10} exp found  exact recall wrong  titles units  ms"]
    for name, r in report["files"].items():
        lines.append(
            f"{name[:52]:<52} {r['format']:<10} {r['expected']:>3} {r['found']:>5}  {'yes' if r['exact'] else 'no':<5} "
            f"{r['recall']:>6.2f} {len(r['wrong']):>5}  {_pct(r['titles'])} {_pct(r['units'])} {r['parse_ms']:>5.0f}"
        )
        for key in ("missing", "extra", "wrong", "units_missing"):
            if r[key]:
                lines.append(f"    {key}: {', '.join(r[key])}")
        if not r["order_ok"]:
            lines.append("    order differs")
    lines.append(
        f"exact {report['exact']}/{report['documents']}, lowest recall {report['min_recall']}, "
        f"wrong attributions {report['wrong']}"
    )
    return "\n".join(lines)


def _pct(value) -> str:
    return f"{value:>6.2f}" if value is not None else "     -"


def main() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from common import SHARED, emit, machine, parser

    p = parser(__doc__)
    dev = SHARED / "corpora" / "realworld-dev"
    p.add_argument(
        "--dir", type=Path, action="append", help="a folder of pages (repeatable; default: realworld-dev and more/)"
    )
    p.add_argument("--preview", action="store_true", help="time `index preview` on every shared file instead")
    args = p.parse_args()
    folders = [SHARED / "corpora"] if args.preview else args.dir or [dev, dev / "more"]
    for folder in folders:
        if not folder.exists():
            raise SystemExit(f"folder missing: {folder} (set SPEECHQA_SHARED)")
    report = preview_times(folders[0]) if args.preview else run(folders)
    report["machine"] = machine()
    emit(report, args.json, human_preview if args.preview else human)


if __name__ == "__main__":
    main()
