"""Many users at once: 20 concurrent `/ask` requests (gradio_client, one client per thread)
against a running app while `python -m index add` indexes a transcript into the same store
from another process. No errors, right answers, latency recorded (p50/p95 printed and
written to a JSON file whose path is printed).

Two processes on one *embedded* Chroma folder do not see each other's vectors (each keeps
its own in-memory HNSW index; see `test_embedded_store_shared_by_two_processes`), so the
main test runs both processes against one `chroma run` server on 127.0.0.1."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from gradio_client import Client
from helpers import DIGEST, REPO, chroma_server, medium_digest, small_digest, start_app, write

pytestmark = pytest.mark.slow  # concurrent processes and clients

REQUESTS = 20
REQUEST_TIMEOUT = 180  # seconds for one answer (20 queued behind a concurrency limit of 4, CPU shared with indexing)
INDEX_TIMEOUT = 400  # seconds for the parallel `python -m index add`
# question → the speaker an answer must cite first (in the transcript the app starts with;
# the transcript indexed meanwhile has the same speakers saying the same things)
QUESTIONS = {
    "谁提出了“湾区大党委”体制机制？": "鲁正兰",
    "谁要试行“直通联办”改革？": "陈明",
    "谁提出打造富有吉阳特色的党建品牌？": "陈明",
    "What did the Haitang district party secretary say about party building?": "鲁正兰",
}
NEW_QUESTION = ("谁提到了“古榕树下红色广场”？", "李若平")  # only the transcript indexed meanwhile answers it
BY_MEANING = ("Who spoke about building a red square under an old banyan tree?", "李若平")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def start_indexing(path: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "index", "add", str(path), "--embedding-batch", "8", *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until_writing(server_url: str, indexer: subprocess.Popen, timeout: float = 120) -> None:
    """Until the indexer has journalled its document (it is embedding from then on)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    host, port = server_url.removeprefix("http://").split(":")
    client = chromadb.HttpClient(host=host, port=int(port), settings=ChromaSettings(anonymized_telemetry=False))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert indexer.poll() is None, f"the indexer ended early:\n{indexer.stderr.read()[-2000:]}"
        docs = client.get_or_create_collection("speechqa-docs")
        if any(m.get("pending") for m in docs.get(where={"kind": "doc"}, include=["metadatas"])["metadatas"]):
            return
        time.sleep(0.1)
    raise AssertionError(f"the indexer did not start writing within {timeout} s")


def ask_all(url: str, questions: list[str]) -> list[dict]:
    """Ask every question at once, one thread and one client each; per request: latency,
    first cited speaker, or the error."""
    clients = [Client(url, verbose=False, download_files=False) for _ in questions]
    start = threading.Barrier(len(questions))

    def one(i: int) -> dict:
        start.wait(timeout=60)
        began = time.perf_counter()
        try:
            result = clients[i].submit(questions[i], api_name="/ask").result(timeout=REQUEST_TIMEOUT)
        except Exception as error:  # recorded, and the test fails on it below
            return {"question": questions[i], "error": f"{type(error).__name__}: {error}"}
        citations = result["citations"]
        return {
            "question": questions[i],
            "seconds": time.perf_counter() - began,
            "first_speaker": citations[0]["speaker"] if citations else None,
            "finished_at": time.monotonic(),
        }

    with ThreadPoolExecutor(max_workers=len(questions)) as pool:
        return list(pool.map(one, range(len(questions)), timeout=REQUEST_TIMEOUT + 120))


def test_twenty_concurrent_questions_while_another_process_indexes(tmp_path):
    medium = medium_digest(tmp_path)  # the transcript indexed meanwhile
    with chroma_server(tmp_path / "chroma") as chroma:
        common = ("--chroma-url", chroma.url)
        with start_app(tmp_path / "app-data", write(tmp_path / "digest.md", DIGEST), args=common) as app:
            indexer = start_indexing(medium, *common, "--data", str(tmp_path / "cli-data"), "--json")
            try:
                wait_until_writing(chroma.url, indexer)
                questions = [list(QUESTIONS)[i % len(QUESTIONS)] for i in range(REQUESTS)]
                results = ask_all(app.url, questions)
                indexing_when_done = indexer.poll() is None
                out, err = indexer.communicate(timeout=INDEX_TIMEOUT)
            finally:
                if indexer.poll() is None:
                    indexer.kill()
                    indexer.wait(timeout=30)
            assert indexer.returncode == 0, err[-2000:]
            assert json.loads(out)["added"] == 1

            errors = [r for r in results if "error" in r]
            assert errors == []
            wrong = [r for r in results if r["first_speaker"] != QUESTIONS[r["question"]]]
            assert wrong == []
            latencies = [r["seconds"] for r in results]
            figures = {
                "requests": len(results),
                "errors": len(errors),
                "p50_s": round(statistics.median(latencies), 3),
                "p95_s": round(percentile(latencies, 0.95), 3),
                "max_s": round(max(latencies), 3),
                "indexer_still_running_when_all_answered": indexing_when_done,
                "store": "chroma server",
            }
            report = tmp_path / "concurrency.json"
            report.write_text(json.dumps({**figures, "results": results}, ensure_ascii=False, indent=2))
            print(f"\nconcurrency: {figures}\nper-request figures: {report}")

            # the transcript indexed meanwhile is answerable in the running app, by words and by meaning
            client = Client(app.url, verbose=False, download_files=False)
            for question, speaker in (NEW_QUESTION, BY_MEANING):
                answer = client.submit(question, api_name="/ask").result(timeout=REQUEST_TIMEOUT)
                assert answer["found"] and answer["citations"][0]["speaker"] == speaker, answer["answer"]


def test_embedded_store_shared_by_two_processes(tmp_path):
    """The same with an embedded store: no errors, and the running app finds the transcript
    the other process indexed by its words (BM25) and by meaning (the app reopens its Chroma
    client when another process changed the folder, so its vector index is current)."""
    small = small_digest(tmp_path)
    new = write(tmp_path / "new.txt", "\n### ".join(["# 另一份摘登", *small.read_text().split("\n### ")[3:]]))
    data = tmp_path / "data"
    with start_app(data, write(tmp_path / "digest.md", DIGEST)) as app:
        indexer = start_indexing(new, "--data", str(data))
        try:
            results = ask_all(app.url, list(QUESTIONS))  # while it indexes
            _, err = indexer.communicate(timeout=INDEX_TIMEOUT)
        finally:
            if indexer.poll() is None:
                indexer.kill()
                indexer.wait(timeout=30)
        assert indexer.returncode == 0, err[-2000:]
        assert [r.get("error") for r in results] == [None] * len(QUESTIONS)
        assert [r["first_speaker"] for r in results] == list(QUESTIONS.values())
        client = Client(app.url, verbose=False, download_files=False)
        by_words = client.submit(NEW_QUESTION[0], api_name="/ask").result(timeout=REQUEST_TIMEOUT)
        assert by_words["found"] and by_words["citations"][0]["speaker"] == NEW_QUESTION[1]
        by_meaning = client.submit(BY_MEANING[0], api_name="/ask").result(timeout=REQUEST_TIMEOUT)
        assert by_meaning["found"] and by_meaning["citations"][0]["speaker"] == BY_MEANING[1]
