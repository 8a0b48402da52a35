"""Limits on what one file or one request may cost, each refused with one line naming the
file or request and the limit (settings: SPEECHQA_MAX_UNPACKED_MB, SPEECHQA_MAX_CHUNKS,
SPEECHQA_MAX_QUESTION_CHARS), and what a page must never do with a name it shows."""

from __future__ import annotations

import zipfile

import gradio as gr
import pytest
from helpers import DIGEST, settings_for, write

from app import App
from index.library import Library
from index.pipeline import Indexer
from index.read import read_text
from index.records import BadInput
from qa.export import markdown_text
from qa.llm import make_answerer
from ui.security import shown_name


def zip_bomb(path, unpacked_mb: int):
    """A .docx-shaped zip whose document part unpacks to `unpacked_mb` (it packs to ~KB)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:t>" + "a" * (unpacked_mb * 2**20) + "</w:t>")
    return path


def test_a_docx_that_unpacks_past_the_limit_is_refused_before_it_is_unpacked(tmp_path):
    bomb = zip_bomb(tmp_path / "bomb.docx", 30)
    assert bomb.stat().st_size < 200_000
    with pytest.raises(BadInput, match=r"^bomb\.docx: unpacks to 30\.0 MB, over the 20\.0 MB limit$"):
        read_text(bomb, max_bytes=10 * 2**20, max_unpacked=20 * 2**20)


@pytest.fixture
def app(tmp_path):
    settings = settings_for(tmp_path / "data", embedding_model="hashing", max_chunks=3, max_question_chars=50)
    library = Library(settings)
    return App(settings, library, make_answerer(library, settings))


def test_a_file_making_more_chunks_than_the_limit_is_refused_and_nothing_is_written(app, tmp_path):
    big = write(tmp_path / "big.md", DIGEST * 3)
    result = Indexer(app.library, show_bars=False).add_file(big)
    assert result.status == "failed"
    assert result.message.endswith("big.md: makes 7 chunks, over the 3 limit (SPEECHQA_MAX_CHUNKS)")
    assert app.library.records == () and app.library._store.count_chunks() == 0


def test_the_ask_api_refuses_a_question_that_is_too_long_or_not_text(app):
    with pytest.raises(gr.Error, match="over the 50 limit"):
        app.ask.ask_api("问" * 51)
    with pytest.raises(gr.Error, match="must be text, not int"):
        app.ask.ask_api(42)
    assert app.ask.ask_api("问" * 50)["found"] is False  # at the limit: answered (nothing indexed)


def test_names_and_titles_are_shown_as_words():
    assert markdown_text("![x](http://example.com/t.png)") == r"\!\[x\]\(http://example.com/t.png\)"
    assert shown_name("report\u202etxt.exe") == "reporttxt.exe" and shown_name("\u200b") == "upload"
