"""Lists of who mentioned a term ("which speakers mentioned X?"): precision, recall and exact
lists per half and language, and what a list question costs.

    python bench/lists.py QUESTIONS_OR_FOLDERS... --data STORE [--json]

Runs the `exact` and `multi` questions of the files given (`qa.eval`: exact lists are scored
by precision, recall and exactness of the speakers cited, multi by recall) over the store in
`--data` — e.g. all 37 published pages and the two digests, `bench/questions/blind` with
`bench/questions/zh-sanya-digest.jsonl` and `zh-rmrb-cppcc-digest.jsonl` — and reports each
kind by half (`qa.eval.half_of`: rules are chosen on `calibration`, reported on `held-out`)
and language, with the answer time of a list question (p50/p95 over them all, after one
warm-up question that also reads the term variants).
"""

from __future__ import annotations

from pathlib import Path

from common import emit, machine, parser, percentiles

from config import Settings
from index.library import Library
from qa.answer import Answerer
from qa.eval import HALVES, evaluate, half_of, load_question_files
from qa.resolve import language_of

METRICS = ("precision", "recall", "exact")


def breakdown(rows: list[dict]) -> dict:
    """Mean metrics of each kind by half and language."""
    report: dict = {}
    for kind in ("exact", "multi"):
        for half in HALVES:
            for language in ("zh", "en", "all"):
                chosen = [
                    r
                    for r in rows
                    if r["kind"] == kind and half_of(r["q"]) == half and language in ("all", language_of(r["q"]))
                ]
                means = {
                    m: round(sum(r[m] for r in chosen) / len(chosen), 3) for m in METRICS if chosen and m in chosen[0]
                }
                report.setdefault(kind, {}).setdefault(half, {})[language] = {"n": len(chosen), **means}
    return report


def human(report: dict) -> str:
    lines = [f"{report['questions']} list questions; latency {report['latency_ms']}"]
    for kind, halves in report["kinds"].items():
        for half, languages in halves.items():
            for language, metrics in languages.items():
                shown = "  ".join(f"{m} {metrics[m]:.3f}" for m in METRICS if m in metrics)
                lines.append(f"{kind:<6} {half:<12} {language:<4} n={metrics['n']:<3} {shown}")
    return "\n".join(lines)


def main() -> None:
    p = parser(__doc__)
    p.add_argument("files", type=Path, nargs="+")
    p.add_argument("--data", type=Path, required=True, help="the store folder")
    args = p.parse_args()
    questions = [q for q in load_question_files(args.files) if q["kind"] in ("exact", "multi")]
    library = Library(Settings.from_env(data_dir=args.data))
    result = evaluate(Answerer(library), questions)
    report = {
        "machine": machine(),
        "questions": len(questions),
        "kinds": breakdown(result["rows"]),
        "latency_ms": percentiles([r["latency_ms"] for r in result["rows"]]),
    }
    emit(report, args.json, human)


if __name__ == "__main__":
    main()
