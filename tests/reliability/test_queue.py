"""A flood of `/ask` calls: at most SPEECHQA_MAX_QUEUE requests wait for a worker, the
rest are refused at once in one line (HTTP 503, "Queue is full") instead of waiting for
minutes; the accepted ones are answered. A real Gradio server on 127.0.0.1."""

from __future__ import annotations

import threading
import time

import pytest
from gradio_client import Client
from helpers import free_port, settings_for

from app import App
from index.library import Library
from qa.llm import make_answerer

pytestmark = pytest.mark.slow  # a Gradio server

WAIT = 60  # seconds for the server to take up requests


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"not within {WAIT} s: {what}"
        time.sleep(0.05)


def test_a_flood_of_questions_is_refused_beyond_the_queue_size(tmp_path):
    settings = settings_for(tmp_path / "data", embedding_model="hashing", max_queue=2, port=free_port())
    library = Library(settings)
    app = App(settings, library, make_answerer(library, settings))
    gate, running, ask = threading.Event(), [], app.answerer.ask

    def held(question, *args, **kwargs):  # each /ask waits until the gate opens
        running.append(question)
        assert gate.wait(WAIT)
        return ask(question, *args, **kwargs)

    app.answerer.ask = held
    demo, url = app.launch([])
    try:
        # one client (one session) per request: gradio_client can lose one of several jobs
        # submitted at once through one session (gradio-app/gradio#9968); one full-suite run
        # here waited 60 s for the fourth of four submitted through one client
        def client():
            return Client(url, verbose=False, download_files=False)

        busy = [client().submit(f"问题{i}", api_name="/ask") for i in range(4)]  # the 4 workers of /ask
        wait_until(lambda: len(running) == 4, "four questions being answered")
        queued = [client().submit(f"排队{i}", api_name="/ask") for i in range(2)]
        wait_until(lambda: len(demo._queue) == 2, "two questions waiting")
        for i in range(3):
            with pytest.raises(Exception, match=r"^Queue is full") as refused:
                client().submit(f"多余{i}", api_name="/ask").result(timeout=WAIT)
            assert "\n" not in str(refused.value)
        gate.set()
        answers = [job.result(timeout=WAIT) for job in busy + queued]
        assert [a["question"] for a in answers] == [f"问题{i}" for i in range(4)] + ["排队0", "排队1"]
    finally:
        gate.set()
        demo.close()
