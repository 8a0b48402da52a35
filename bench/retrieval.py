"""Retrieval quality on public benchmarks, through the product's own store and retrievers.

    python bench/retrieval.py cmrc  [--json]   # CMRC2018 dev: passages as chunks, hit@1/@5, MRR@10
    python bench/retrieval.py qmsum [--json]   # QMSum committee: specific queries, hit@5/@10

For each question it ranks with BM25 alone, dense alone and the fused retriever
(`qa.retrieve.retrieve`). Stores are built once under bench/out/ (embedding CMRC's 432k
characters takes a few minutes on 2 cores) and reused; pass --rebuild to start over.
Data comes from ../shared/benchmarks and ../shared/corpora (or $SPEECHQA_SHARED).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from config import Settings  # noqa: E402
from index.library import Library, LibraryWriter  # noqa: E402
from index.pipeline import Indexer, speech_summaries  # noqa: E402
from index.records import Attribution, Chunk, ParsedDocument, Speech  # noqa: E402
from index.store import DocumentRecord  # noqa: E402
from qa.resolve import resolve  # noqa: E402
from qa.retrieve import dense_search, fuse, lexical_search  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SPEECHQA_SHARED", ROOT.parent / "shared"))
OUT = ROOT / "bench" / "out"


def open_library(name: str, rebuild: bool) -> tuple[Library, bool]:
    folder = OUT / name
    if rebuild and folder.exists():
        shutil.rmtree(folder)
    library = Library(Settings.from_env(environ={}, data_dir=folder))
    return library, bool(library.records)


def build_cmrc(library: Library, passages: list[str]) -> None:
    """Passages as chunks (no header, not re-chunked), committed through the store's journal."""
    text = "\n\n".join(passages)
    spans, position = [], 0
    for passage in passages:
        spans.append((position, position + len(passage)))
        position += len(passage) + 2
    narration = Attribution()
    doc = ParsedDocument(
        text, "plain", tuple(Speech(who=narration, paragraphs=(span,)) for span in spans), title="CMRC2018 dev"
    )
    chunks = [
        Chunk(
            id=f"cmrc:v1:{i}:0",
            who=narration.placed(
                doc_id="cmrc", version="v1", speech_index=i, doc_title="CMRC2018 dev", source="cmrc2018_dev.json"
            ),
            chunk_index=0,
            text=passages[i],
            embed_text=passages[i],
            lexical_text=passages[i],
            start=s,
            end=e,
        )
        for i, (s, e) in enumerate(spans)
    ]
    LibraryWriter(library).write_version(
        DocumentRecord(doc_id="cmrc", source="cmrc2018_dev.json", added_at=time.time()),
        "v1",
        chunks,
        source_text=text,
        raw_text=text,
        title="CMRC2018 dev",
        speeches=speech_summaries(doc, chunks),
    )


def ranks(library: Library, question: str, speeches, depth: int = 10) -> dict[str, list[int]]:
    """Speech indexes of the top chunks for each retriever."""
    vector = library.embed_query(question)
    dense = dense_search(library, vector, 40, speeches)
    lexical = lexical_search(library, question, 40, speeches)
    return {
        name: [h.who.speech_index for h in hits[:depth]]
        for name, hits in (("bm25", lexical), ("dense", dense), ("fused", fuse(dense, lexical)))
    }


def cmrc(args) -> dict:
    data = json.loads((SHARED / "benchmarks" / "cmrc2018" / "cmrc2018_dev.json").read_text(encoding="utf-8"))
    paragraphs = [p for article in data["data"] for p in article["paragraphs"]]
    library, built = open_library("cmrc", args.rebuild)
    if not built:
        build_cmrc(library, [p["context"] for p in paragraphs])
    questions = [(qa["question"], i) for i, p in enumerate(paragraphs) for qa in p["qas"]][: args.limit or None]
    scores = {name: {"hit@1": [], "hit@5": [], "mrr@10": []} for name in ("bm25", "dense", "fused")}
    started = time.perf_counter()
    for question, gold in questions:
        for name, ranked in ranks(library, question, None).items():
            position = ranked.index(gold) + 1 if gold in ranked else 0
            scores[name]["hit@1"].append(position == 1)
            scores[name]["hit@5"].append(0 < position <= 5)
            scores[name]["mrr@10"].append(1 / position if position else 0.0)
    return summarise("cmrc2018-dev", len(questions), scores, time.perf_counter() - started)


def qmsum(args) -> dict:
    folder = SHARED / "corpora" / "en-qmsum-committee"
    library, built = open_library("qmsum", args.rebuild)
    files = sorted(folder.glob("*.json"))
    if not built:
        Indexer(library).add_paths(files)
    by_source = {Path(r.source).name: r.doc_id for r in library.records}
    scores = {name: {"hit@5": [], "hit@10": []} for name in ("bm25", "dense", "fused")}
    started, count = time.perf_counter(), 0
    for path in files:
        meeting = json.loads(path.read_text(encoding="utf-8"))
        keys = resolve("", library.speeches, doc_id=by_source[path.name]).speeches
        for query in meeting["specific_query_list"][: args.limit or None]:
            relevant = {t for a, b in query["relevant_text_span"] for t in range(int(a), int(b) + 1)}
            count += 1
            for name, ranked in ranks(library, query["query"], keys).items():
                scores[name]["hit@5"].append(bool(relevant & set(ranked[:5])))
                scores[name]["hit@10"].append(bool(relevant & set(ranked[:10])))
    return summarise("qmsum-committee", count, scores, time.perf_counter() - started)


def summarise(name: str, count: int, scores: dict, seconds: float) -> dict:
    return {
        "benchmark": name,
        "questions": count,
        "seconds": round(seconds, 1),
        "retrievers": {
            r: {m: round(float(np.mean(v)), 3) for m, v in metrics.items()} for r, metrics in scores.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("benchmark", choices=("cmrc", "qmsum"))
    parser.add_argument("--limit", type=int, default=0, help="only the first N questions (per meeting for qmsum)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the benchmark store")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report = cmrc(args) if args.benchmark == "cmrc" else qmsum(args)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{report['benchmark']}: {report['questions']} questions, {report['seconds']} s")
    for retriever, metrics in report["retrievers"].items():
        print(f"  {retriever:<6} " + "  ".join(f"{m} {v:.3f}" for m, v in metrics.items()))


if __name__ == "__main__":
    main()
