"""One question-length limit (SPEECHQA_MAX_QUESTION_CHARS) checked at every entry point
before any work — the app's /ask API, its chat handler (reachable through Gradio's queue
API, not only from the textbox), the Topics tab, the textbox itself, and `python -m qa` —
each refusal one line, never a cut question and never a traceback."""

from __future__ import annotations

import io

import gradio as gr
import pytest
from helpers import DIGEST, settings_for, write

import qa.__main__
import ui.ask
from app import App
from index.library import Library
from index.pipeline import Indexer
from index.records import BadInput
from qa.answer import Answerer
from qa.llm import make_answerer
from qa.resolve import Conversation

LIMIT = 50


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> App:
    folder = tmp_path_factory.mktemp("limits")
    settings = settings_for(folder / "data", embedding_model="hashing", max_question_chars=LIMIT)
    library = Library(settings)
    Indexer(library, show_bars=False).add_file(write(folder / "digest.md", DIGEST))
    return App(settings, library, make_answerer(library, settings))


def test_the_answerer_refuses_a_longer_question_instead_of_cutting_it(app):
    with pytest.raises(BadInput, match=rf"over the {LIMIT} limit \(SPEECHQA_MAX_QUESTION_CHARS\)"):
        Answerer(app.library).ask("谁提出了“湾区大党委”？" + "请详细说明。" * 10)
    assert Answerer(app.library).ask("谁提出了“湾区大党委”？").found  # within the limit


def test_the_chat_handler_refuses_before_any_work(app, monkeypatch, capsys):
    def no_work(*args, **kwargs):
        raise AssertionError("a refused question was worked on")

    monkeypatch.setattr(app.answerer, "ask", no_work)
    monkeypatch.setattr(ui.ask, "refusing", no_work)
    question = "问" * 1_000_000
    history, conversation, sources, box = list(app.ask.chat(question, [], Conversation(), [], []))[-1]
    assert history[-1]["content"].startswith("⚠ 问题过长") and "1,000,000 characters" in history[-1]["content"]
    assert len(history[0]["content"]) < 1000  # the question is not echoed whole
    assert conversation.turns == [] and box == ""
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "refused" in err and "Traceback" not in err


def test_the_ask_api_refusal_is_one_log_line_and_no_traceback(app, capsys):
    with pytest.raises(gr.Error) as refused:
        app.ask.ask_api("问" * (LIMIT + 1))
    assert refused.value.print_exception is False  # Gradio prints no traceback for it
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "refused /ask" in err
    with pytest.raises(gr.Error, match="no such date") as refused:
        app.ask.ask_api("2025年2月30日以来谁发言了？")
    assert refused.value.print_exception is False and capsys.readouterr().err.count("\n") == 1


def test_the_topics_tab_and_textbox_use_the_same_limit(app):
    summary, *_ = app.topics.topic("营" * (LIMIT + 1))
    assert "over the 50 limit" in summary
    demo = app.build()
    (box,) = [b for b in demo.blocks.values() if getattr(b, "elem_id", None) == "question"]
    assert box.max_length == LIMIT


def test_the_cli_refuses_in_one_line(app, capsys):
    data = ["--data", str(app.settings.data_dir), "--embedding-model", "hashing", "--max-question-chars", str(LIMIT)]
    assert qa.__main__.main(["ask", "问" * (LIMIT + 1), *data]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and "over the 50 limit" in err
    assert qa.__main__.main(["topic", "营" * (LIMIT + 1), *data]) == 2


def test_the_cli_chat_says_so_and_goes_on(app, capsys, monkeypatch):
    data = ["--data", str(app.settings.data_dir), "--embedding-model", "hashing", "--max-question-chars", str(LIMIT)]
    monkeypatch.setattr(
        "sys.stdin", io.StringIO("问" * (LIMIT + 1) + "\n2025年2月30日以来谁发言了？\n谁提出了“湾区大党委”？\n")
    )
    assert qa.__main__.main(["chat", *data]) == 0
    out, err = capsys.readouterr()
    assert err.count("error: ") == 2 and "over the 50 limit" in err and "no such date" in err
    assert "鲁正兰" in out
