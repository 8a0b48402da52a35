"""Scoring answers against development questions (`python -m qa eval FILE.jsonl`).

Question format (see ../shared/README.md): {"q", "speakers": [...], "kind"} with kind
lexical | paraphrase | english | time (single speaker: speakers[0] must be the first speaker
the answer names; time: the question names when, `2025年6月…`, `at the last meeting`), multi
(every listed speaker must be cited), exact (the speakers cited must be exactly the listed
ones: precision and recall, e.g. every speech quoting a phrase), negative, unknown and
time-empty (nothing found, nobody cited; unknown: the question names a unit or person the
index does not have; time-empty: no indexed meeting lies in the time the question names).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from pathlib import Path

import numpy as np
from tqdm import tqdm

from index.library import Library
from index.records import BadInput
from index.text import has_han
from index.titles import describe_label
from qa.answer import Answerer
from qa.records import Answer

REFUSAL_KINDS = ("negative", "unknown", "time-empty")
HALVES = ("calibration", "held-out")


def half_of(question: str) -> str:
    """Which half a question falls in: rules and thresholds are chosen on the calibration
    half and reported on the held-out half (a stable split by the question's text)."""
    return HALVES[hashlib.sha256(question.encode("utf-8")).digest()[0] % 2]


def load_question_files(paths: list[Path], half: str | None = None) -> list[dict]:
    """Questions of every JSONL file given (a folder: its *.jsonl files), each with the file
    it came from as `set`; `half` keeps one half of them (`half_of`)."""
    files = [f for p in paths for f in (sorted(Path(p).glob("*.jsonl")) if Path(p).is_dir() else [Path(p)])]
    questions = [{**q, "set": f.stem} for f in files for q in load_questions(f)]
    return [q for q in questions if half is None or half_of(q["q"]) == half]


def load_questions(path: Path) -> list[dict]:
    """Questions from a JSONL file; a malformed line is a one-line error naming it."""
    questions = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            question = {"q": item["q"], "speakers": list(item.get("speakers", [])), "kind": item["kind"]}
            questions.append({**question, "doc": str(item["doc"])} if item.get("doc") else question)
        except (ValueError, KeyError, TypeError) as error:
            raise BadInput(f"{path}:{number}: not a question line ({error})") from error
    return questions


def citations_valid(library: Library, answer: Answer) -> tuple[int, int]:
    """(valid, total): quotes found verbatim at their offsets in their document."""
    texts: dict[str, str] = {}
    valid = 0
    for c in answer.citations:
        text = texts.setdefault(f"{c.who.doc_id}:{c.who.version}", library.source_text(c.who.doc_id, c.who.version))
        valid += text[c.start : c.end] == c.quote
    return valid, len(answer.citations)


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else 0.0


def evaluate(answerer: Answerer, questions: list[dict], show_bar: bool = False, scoped: bool = False) -> dict:
    """Run every question (after the app's warm-up and one question) and score the answers.
    `scoped`: ask each question within the document its `doc` names, as a reader who chose
    that meeting in the app would (the writers asked of one meeting; a list over every
    indexed meeting also names speakers of others)."""
    answerer.warm_up()
    if questions:
        answerer.ask(questions[0]["q"])  # warm the remaining caches; not timed
    rows, latencies, valid, total = [], [], 0, 0
    for item in tqdm(questions, desc="questions", unit="q", disable=True if not show_bar else None):
        started = time.perf_counter()
        within = _meeting_of(answerer.library, item["doc"]) if scoped and item.get("doc") else []
        answer = answerer.ask(item["q"], doc_id=within)
        latencies.append((time.perf_counter() - started) * 1000)
        ok, n = citations_valid(answerer.library, answer)
        valid, total = valid + ok, total + n
        rows.append({**_score(item, answer), "latency_ms": round(latencies[-1], 1)})
    report: dict = {"questions": len(questions), "kinds": {}}
    for kind in dict.fromkeys(r["kind"] for r in rows):
        of_kind = [r for r in rows if r["kind"] == kind]
        metrics = {"n": len(of_kind)}
        for name in ("hit@1", "hit@3", "precision", "recall", "exact", "refused"):
            values = [r[name] for r in of_kind if name in r]
            if values:
                metrics[name] = round(sum(values) / len(values), 3)
        report["kinds"][kind] = metrics
    report["found"] = _found_scores(rows)
    report["weak"] = _weak_scores(rows)
    report["citation_validity"] = round(valid / total, 3) if total else 1.0
    report["citations"] = total
    report["latency_ms"] = {"p50": round(percentile(latencies, 50), 1), "p95": round(percentile(latencies, 95), 1)}
    report["rows"] = rows
    return report


def _meeting_of(library: Library, doc: str) -> list[str]:
    """The doc ids a question file's `doc` names: the file of that stem (`covid_6` for
    covid_6.json), else as `Library.doc_ids_named` reads a name."""
    return [r.doc_id for r in library.records if Path(r.source).stem == doc] or library.doc_ids_named(doc)


def _found_scores(rows: list[dict]) -> dict:
    """How well `found` (an answer, not a refusal) separates answerable questions from the
    rest: precision (answers given to answerable questions) and recall (answerable questions
    answered); `false_refusals`: the share of answerable questions refused."""
    answerable = [r for r in rows if r["kind"] not in REFUSAL_KINDS]
    answered = [r for r in rows if r["found"]]
    hits = sum(1 for r in answered if r["kind"] not in REFUSAL_KINDS)
    return {
        "precision": round(hits / len(answered), 3) if answered else 1.0,
        "recall": round(hits / len(answerable), 3) if answerable else 1.0,
        "false_refusals": round(1 - hits / len(answerable), 3) if answerable else 0.0,
    }


def _weak_scores(rows: list[dict]) -> dict:
    """How the weak-evidence flag (`Answer.weak`) falls: answers flagged, and of them those
    that answer a question nobody answers or name the wrong first speaker."""
    weak = [r for r in rows if r["weak"]]
    return {
        "answers": len(weak),
        "unanswerable": sum(r["kind"] in REFUSAL_KINDS for r in weak),
        "wrong": sum(r.get("hit@1") == 0.0 for r in weak),
        "right": sum(r.get("hit@1") == 1.0 for r in weak),
    }


_SURNAME_FIRST = re.compile(
    r"^([A-Z][A-Za-z'’-]+(?: [A-Z][A-Za-z'’-]+)?), (?!(?:Jr|Sr)\.?$)([A-Z][a-z][A-Za-z.'’ -]*)$"
)


_INITIAL_IN_BRACKETS = re.compile(r"\([A-Z]\.?\)\s*$")


def reading_order(name: str) -> str:
    """A name a roll prints surname first put in reading order (`CURTIN, Daniel` → `Daniel
    CURTIN`, as Australian Hansard's name attributes print it); any other name as it is."""
    match = _SURNAME_FIRST.match(name.strip())
    return f"{match[2]} {match[1]}" if match else name


def same_name(name: str) -> str:
    """A speaker's name as compared with an expected one: case, spaces and apostrophe forms
    ignored (`Mr Lucas` = `Mr LUCAS`, `MR CHAIRMAN` = `Mr Chairman`, `O’Boyle` = `O'Boyle`), as bench/speakers.py compares them;
    the order of a roll's `SURNAME, Given` (`reading_order`); an English label's honorifics
    and post-nominals too, as the index drops them from the speaker's name (`Dr David
    Blaney`, `Suzy Davies AM`, `Hon. Patty Hajdu`)."""
    if not has_han(name):  # (an initial in brackets kept: `Collins (M)` is not `Collins (J)`)
        name = reading_order(name)
        label = name.title() if name.isupper() else name  # (`MR CHAIRMAN` as `Mr Chairman`)
        name = name if _INITIAL_IN_BRACKETS.search(name) else describe_label(label).speaker or name
    return re.sub(r"\s+", "", name.replace("’", "'")).lower()


def _score(item: dict, answer: Answer) -> dict:
    row = {
        "q": item["q"],
        "kind": item["kind"],
        "expected": item["speakers"],
        "got": answer.speakers,
        "found": answer.found,
        "weak": answer.weak,
    }
    named = [same_name(n) for n in answer.speakers]
    item = {**item, "speakers": [same_name(n) for n in item["speakers"]]}
    if "set" in item:
        row["set"] = item["set"]
    if item["kind"] in REFUSAL_KINDS:
        row["refused"] = float(not answer.found and not answer.citations)
    elif item["kind"] == "multi":
        row["recall"] = sum(s in named for s in item["speakers"]) / len(item["speakers"])
    elif item["kind"] == "exact":
        wanted, cited = set(item["speakers"]), set(named)
        row["precision"] = len(wanted & cited) / len(cited) if cited else 0.0
        row["recall"] = len(wanted & cited) / len(wanted)
        row["exact"] = float(wanted == cited)
    else:
        row["hit@1"] = float(bool(named) and named[0] == item["speakers"][0])
        row["hit@3"] = float(item["speakers"][0] in named[:3])
    return row


def format_report(report: dict) -> str:
    """The report as a short table for people."""
    lines = [f"{'kind':<11} {'n':>3}  metrics"]
    for kind, metrics in report["kinds"].items():
        shown = "  ".join(f"{k} {v:.3f}" for k, v in metrics.items() if k != "n")
        lines.append(f"{kind:<11} {metrics['n']:>3}  {shown}")
    found = report["found"]
    lines.append(
        f"found: precision {found['precision']:.3f}, recall {found['recall']:.3f}, "
        f"false refusals {found['false_refusals']:.3f}"
    )
    weak = report["weak"]
    lines.append(
        f"flagged weak: {weak['answers']} answers ({weak['unanswerable']} to questions nobody answers, "
        f"{weak['wrong']} wrong, {weak['right']} right)"
    )
    lines.append(f"citation validity {report['citation_validity']:.3f} ({report['citations']} citations)")
    lines.append(f"latency p50 {report['latency_ms']['p50']} ms, p95 {report['latency_ms']['p95']} ms")
    misses = [
        r
        for r in report["rows"]
        if min(r.get("hit@1", 1), r.get("recall", 1), r.get("exact", 1), r.get("refused", 1)) < 1
    ]
    for r in misses:
        where = f" ({r['set']})" if "set" in r else ""
        lines.append(f"  miss [{r['kind']}]{where} {r['q']}  expected {r['expected']}, got {r['got']}")
    return "\n".join(lines)
