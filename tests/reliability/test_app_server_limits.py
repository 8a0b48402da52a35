"""Against a real Gradio server on 127.0.0.1: a flood of huge questions — to the /ask API
and to the chat handler through Gradio's queue API — is refused at the door in one log line
each, and the app's memory stays flat over the rounds (Gradio keeps every request's inputs
in its per-session state, so what reached it used to stay); `X-Forwarded-For` does not
give a guesser new addresses unless --trusted-proxy names the proxy; a file posted to
Gradio's upload route and never indexed is deleted after a while, not served for good."""

from __future__ import annotations

import random
import time
from pathlib import Path

import httpx
import pytest
from helpers import DIGEST, free_port, settings_for

import ui.security
from app import App
from index.library import Library
from qa.llm import make_answerer
from ui.security import logins

pytestmark = pytest.mark.slow  # a Gradio server

ROUNDS, PER_ROUND = 4, 12


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def launched(settings, auth=()):
    library = Library(settings)
    app = App(settings, library, make_answerer(library, settings))
    demo, url = app.launch(list(auth))
    return app, demo, url


def test_a_flood_of_huge_questions_is_refused_at_the_door_and_memory_stays_flat(tmp_path, capfd):
    settings = settings_for(tmp_path / "data", embedding_model="hashing", port=free_port())
    app, demo, url = launched(settings)
    chat = next(i for i, f in demo.fns.items() if getattr(f.fn, "__name__", "") == "chat")
    try:
        with httpx.Client(base_url=url, trust_env=False, timeout=60) as http:
            growth = []
            for _ in range(ROUNDS):
                before = rss_mib()
                for i in range(PER_ROUND):
                    question = "问" * random.randint(350_000, 700_000)  # 1–2 MB of UTF-8
                    if i % 2:
                        sent = http.post("/gradio_api/call/ask", json={"data": [question]})
                    else:
                        body = {
                            "data": [question, None, None, [], [], "", "", []],
                            "fn_index": chat,
                            "session_hash": f"s{i}",
                        }
                        sent = http.post("/gradio_api/queue/join", json=body)
                    assert sent.status_code == 413 and "SPEECHQA_MAX_QUESTION_CHARS" in sent.json()["detail"]
                growth.append(rss_mib() - before)
            assert (
                http.post("/gradio_api/call/ask", json={"data": ["谁说了什么？"]}).status_code == 200
            )  # still serving
        assert sum(growth[1:]) < 30, f"RSS grew {growth} MiB over {ROUNDS} rounds of {PER_ROUND} 1–2 MB questions"
        log = capfd.readouterr().err
        assert "Traceback" not in log
        assert sum("refused" in line for line in log.splitlines()) == ROUNDS * PER_ROUND
    finally:
        demo.close()


def test_over_the_limit_within_the_door_is_refused_by_the_handler_in_one_line(tmp_path, capfd):
    settings = settings_for(tmp_path / "data", embedding_model="hashing", port=free_port(), max_question_chars=100)
    app, demo, url = launched(settings)
    try:
        with httpx.Client(base_url=url, trust_env=False, timeout=60) as http:
            event = http.post("/gradio_api/call/ask", json={"data": ["问" * 101]}).json()["event_id"]
            reply = http.get(f"/gradio_api/call/ask/{event}").text
        assert "event: error" in reply and "over the 100 limit" in reply
        log = capfd.readouterr().err
        assert "Traceback" not in log and sum("refused /ask" in line for line in log.splitlines()) == 1
    finally:
        demo.close()


def login(http: httpx.Client, forwarded: str) -> int:
    sent = http.post("/login", data={"username": "ann", "password": "guess"}, headers={"X-Forwarded-For": forwarded})
    return sent.status_code


@pytest.mark.parametrize("trusted", ["", "127.0.0.1"])
def test_forwarded_addresses_count_only_behind_a_trusted_proxy(tmp_path, trusted):
    settings = settings_for(
        tmp_path / "data",
        embedding_model="hashing",
        port=free_port(),
        auth="ann:right",
        login_attempts=3,
        trusted_proxy=trusted,
    )
    app, demo, url = launched(settings, logins(settings))
    try:
        with httpx.Client(base_url=url, trust_env=False, timeout=60) as http:
            statuses = [login(http, f"203.0.113.{i}") for i in range(6)]
        if trusted:  # the proxy says who the client is: six clients, one failure each
            assert 429 not in statuses
        else:  # the header is ignored: one client, refused after three failures
            assert statuses[:3] == [400, 400, 400] and statuses[3:] == [429, 429, 429]
    finally:
        demo.close()


def test_an_upload_never_indexed_is_deleted_after_a_while(tmp_path, monkeypatch):
    monkeypatch.setattr(ui.security, "CACHE_KEEP_SECONDS", 1)
    monkeypatch.setattr(ui.security, "CACHE_SWEEP_SECONDS", 1)
    settings = settings_for(tmp_path / "data", embedding_model="hashing", port=free_port())
    app, demo, url = launched(settings)
    try:
        with httpx.Client(base_url=url, trust_env=False, timeout=60) as http:
            files = {"files": ("secret-minutes.exe", DIGEST.encode(), "application/octet-stream")}
            (path,) = http.post("/gradio_api/upload", files=files).raise_for_status().json()
            assert http.get(f"/gradio_api/file={path}").status_code == 200  # served at first
            deadline = time.monotonic() + 20
            while Path(path).exists() and time.monotonic() < deadline:
                time.sleep(0.5)
            assert http.get(f"/gradio_api/file={path}").status_code in (403, 404)
            assert not Path(path).exists()
    finally:
        demo.close()
