"""What the app hands out or shows must not leak or act: exported files sit in folders of
their own with unguessable names that only this user can read, and are removed after a
while; an exported .md shows titles, headings and quotes as words (no image fetched, no
script); a date typed wrong is echoed as words in Markdown; two users uploading the same
file name keep two documents; a port in use is one line; the README says what the
deployment must know (the question limit, forwarded addresses, the Chroma server's lack
of a login)."""

from __future__ import annotations

import os
import socket
import stat
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers import DIGEST, EDUCATION, REPO, settings_for, write

import app as app_module
import ui.security
from app import App
from index.library import Library
from index.pipeline import Indexer
from index.records import Attribution
from qa.export import answer_markdown
from qa.llm import make_answerer
from qa.records import Answer, Citation
from qa.resolve import Conversation

HOSTILE = "![x](http://attacker.example/t.png)<script>alert(1)</script>"


@pytest.fixture
def app(tmp_path) -> App:
    settings = settings_for(tmp_path / "data", embedding_model="hashing")
    library = Library(settings)
    Indexer(library, show_bars=False).add_file(write(tmp_path / "digest.md", DIGEST))
    return App(settings, library, make_answerer(library, settings))


def exported(app: App) -> Path:
    conversation = Conversation()
    list(app.ask.chat("谁提出了“湾区大党委”体制机制？", [], conversation, [], []))
    return Path(app.ask.export_answer(conversation, ".md"))


def test_exports_are_private_unguessable_and_removed_after_a_while(app, monkeypatch):
    first, second = exported(app), exported(app)
    assert first.read_bytes() == second.read_bytes() and first.parent != second.parent  # not named by content
    for path in (first, second):
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0  # the copy Gradio serves: this user only
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert len(path.parent.name) >= 32  # 128 random bits: not found by guessing
    stale = time.time() - ui.security.CACHE_KEEP_SECONDS - 60
    os.utime(first.parent, (stale, stale))
    third = exported(app)
    assert third.exists() and not first.exists() and second.exists()


def test_an_exported_markdown_answer_shows_titles_and_quotes_as_words():
    who = Attribution(speaker=HOSTILE, units=(HOSTILE,), heading=HOSTILE, doc_title=HOSTILE, source="a.md")
    citation = Citation(1, who, 0, 10, HOSTILE, 1.0, date="2025-10-25", meeting=HOSTILE)
    markdown = answer_markdown(Answer(HOSTILE, f"{HOSTILE} [1]", True, [citation]))
    assert "![" not in markdown and "](" not in markdown and "<script>" not in markdown
    assert markdown.count(r"\!\[x\]\(http://attacker.example/t.png\)") >= 5 and "a.md [0:10]" in markdown


def test_a_wrong_date_is_echoed_as_words_in_markdown(app):
    summary, *_ = app.topics.topic("营商环境", since=HOSTILE)
    assert "![" not in summary and "<script>" not in summary and "YYYY-MM-DD" in summary
    doc_id = app.library.records[0].doc_id
    message = app.transcripts.describe_document(doc_id, "title", HOSTILE, "", "")
    assert "![" not in message and "<script>" not in message


def test_two_users_uploading_the_same_file_name_keep_two_documents(app, tmp_path):
    ann = write(tmp_path / "ann" / "minutes.md", "# 安的会议\n\n" + EDUCATION)
    bob = write(tmp_path / "bob" / "minutes.md", "# 鲍勃的会议\n\n" + DIGEST.replace("测试会议", "另一次会议"))
    assert app.transcripts.upload([str(ann)], SimpleNamespace(username="ann"))[0][0][1].startswith("added")
    assert app.transcripts.upload([str(bob)], SimpleNamespace(username="bob"))[0][0][1].startswith("added")
    titles = {r.title for r in app.library.records}
    assert {"安的会议", "鲍勃的会议"} <= titles
    again = write(tmp_path / "ann2" / "minutes.md", "# 安的会议（修订）\n\n" + EDUCATION)
    assert app.transcripts.upload([str(again)], SimpleNamespace(username="ann"))[0][0][1].startswith(
        "updated"
    )  # her own
    assert {"安的会议（修订）", "鲍勃的会议"} <= {r.title for r in app.library.records}


def test_a_port_in_use_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "gradio"))  # main() would set it for the process
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status = app_module.main(
            ["--data", str(tmp_path / "data"), "--embedding-model", "hashing", "--port", str(port)]
        )
    err = capsys.readouterr().err
    assert status == 2 and "Traceback" not in err
    (line,) = [line for line in err.splitlines() if line.startswith("error:")]
    assert f"127.0.0.1:{port}" in line and "--port" in line


def test_the_readme_states_the_limits_and_the_servers_trust():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "SPEECHQA_MAX_QUESTION_CHARS" in readme and "--trusted-proxy" in readme
    assert "no login of its own" in readme
