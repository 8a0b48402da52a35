"""The app's handlers called directly (no server), over a real library: streaming, the
conversation per session, escaping, upload limits and results, and catalog refreshes."""

from __future__ import annotations

import html
import os
import time
from pathlib import Path

import docx
import gradio as gr
import openpyxl
import pytest
from helpers import DIGEST, EDUCATION, allowed, chroma_server, settings_for, web_site, write
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from app import App, build_parser
from config import settings_from_args
from index.library import Library
from index.pipeline import STATUSES, Indexer
from qa.llm import make_answerer
from qa.resolve import Conversation
from ui.security import CACHE_KEEP_SECONDS, logins
from ui.transcripts import STATUS_LABELS

QUESTION = "谁提出了“湾区大党委”体制机制？"


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> App:
    folder = tmp_path_factory.mktemp("handlers")
    settings = settings_for(folder / "data", max_upload_files=2)
    library = Library(settings)
    summary = Indexer(library, show_bars=False).add_paths([write(folder / "digest.txt", DIGEST)])
    assert summary.count("added") == 1
    return App(settings, library, make_answerer(library, settings))


def ask(app: App, question: str, conversation: Conversation, history=None, speakers=(), units=()):
    outputs = list(app.ask.chat(question, history or [], conversation, list(speakers), list(units)))
    history, conversation, sources, _ = outputs[-1]
    # the question box is cleared when the question is taken, and left alone after, so a
    # question typed while the answer streams is not wiped
    assert outputs[0][3] == "" and all(isinstance(out[3], dict) for out in outputs[1:])
    return outputs, history, sources


def test_chat_answers_cites_and_follows_up(app):
    conversation = Conversation()
    outputs, history, sources = ask(app, QUESTION, conversation)
    assert outputs[0][2] == ""  # the sources panel is cleared while answering
    assert history[0] == {"role": "user", "content": html.escape(QUESTION)}
    assert "鲁正兰" in history[-1]["content"] and "[1]" in history[-1]["content"]
    assert 'data-turn="1"' in sources and "[1] 鲁正兰" in sources
    assert "<mark>" in sources and "湾区大党委" in sources.split("<mark>")[1]

    _, history, sources = ask(app, "他还说了什么？", conversation, history)
    assert len(history) == 4 and len(conversation.turns) == 2
    assert history[-1]["content"].startswith("鲁正兰") and 'data-turn="2"' in sources
    assert app.ask.new_conversation()[:2] == ([], Conversation())


def test_filters_narrow_the_answer(app):
    _, history, _ = ask(app, "党建品牌", Conversation(), speakers=["陈明"])
    assert "陈明" in history[-1]["content"] and "鲁正兰" not in history[-1]["content"]


def test_question_and_transcript_text_are_escaped(app):
    _, history, sources = ask(app, "<img src=x onerror=alert(1)>谁提出了“湾区大党委”？", Conversation())
    assert "<img" not in history[0]["content"] and "&lt;img" in history[0]["content"]
    assert "<img" not in sources


def test_llm_answers_stream_token_by_token(app):
    reply = "鲁正兰 提到 “海棠区深入探索“湾区大党委”体制机制” [1] 。"
    model = GenericFakeChatModel(messages=iter([AIMessage(content=reply)]))
    llm_app = App(app.settings, app.library, make_answerer(app.library, app.settings, model=model))
    outputs, history, sources = ask(llm_app, QUESTION, Conversation())
    partial = [o[0][-1]["content"] for o in outputs[1:-1]]
    assert len(partial) >= 3 and all(len(a) <= len(b) for a, b in zip(partial, partial[1:]))
    assert "[1]" in history[-1]["content"] and "[1] 鲁正兰" in sources


def test_upload_limits_and_results(app, tmp_path):
    too_many = [str(write(tmp_path / f"{i}.txt", EDUCATION)) for i in range(3)]
    table, message, cleared, _ = app.transcripts.upload(too_many)
    assert table == [] and "At most 2 files" in message and cleared is None
    assert not any(r.source.startswith("upload:") for r in app.library.records)

    table, *_ = app.transcripts.upload([str(write(tmp_path / "x.exe", "MZ"))])
    assert table[0][1].startswith("failed") and "unsupported" in table[0][7]


@pytest.mark.slow  # a web server on 127.0.0.1
def test_a_link_is_previewed_before_indexing_then_added_with_the_link_as_its_source(app):
    assert "Enter a link" in app.transcripts.preview_link("  ") and app.transcripts.add_link("")[1].startswith(
        "请输入网页链接"
    )
    refused = app.transcripts.preview_link("http://127.0.0.1:22/")
    assert "port 22 is not a web port" in refused and refused.count("<p>") == 1
    with web_site() as base:
        settings = app.settings.replace(fetch_allow=allowed(base))
        link = App(settings, Library(settings), app.answerer)
        shown = link.transcripts.preview_link(f"{base}/page")
        assert "鲁正兰" in shown and "Left out" in shown and "登录" in shown and "网友甲" not in shown
        assert not any(r.source == f"{base}/page" for r in app.library.records)  # a preview writes nothing
        table, message, preview = link.transcripts.add_link(f"{base}/page")
    assert table[0][1].startswith("added") and table[0][2] == "测试会议发言摘登" and "鲁正兰" in preview
    app.library.refresh()
    assert any(r.source == f"{base}/page" for r in app.library.records)
    table, *_ = app.transcripts.add_link("file:///etc/passwd")
    assert table[0][1].startswith("failed") and "only http:// and https://" in table[0][7]
    Indexer(app.library, show_bars=False).remove(f"{base}/page")  # the module's app: as it was


def test_upload_replace_remove_and_catalog(app, tmp_path):
    upload = write(tmp_path / "first" / "jiaoyu.txt", EDUCATION)
    table, message, *_ = app.transcripts.upload([str(upload)])
    assert table[0][:2] == ["jiaoyu.txt", "added 已添加"] and "added" in message
    status, speakers, units, rows, wsw, groups, documents, to_remove, meetings = app.catalog.reload()
    assert "2 documents" in status
    assert "吴萍" in speakers["choices"] and "三亚市教育局" in units["choices"]
    assert [r[0] for r in app.who.filter_rows(rows, "教育局")] == ["吴萍"]
    assert len(wsw) == 3 and app.who.filter_rows(rows, "no such speaker") == []
    assert "吴萍" in [row[0] for row in groups["data"]] and len(meetings["choices"]) == 2
    doc_id = next(d[-1] for d in documents if d[3] == "upload:jiaoyu.txt")

    assert app.transcripts.upload([str(upload)])[0][0][1].startswith("unchanged")
    changed = write(tmp_path / "second" / "jiaoyu.txt", EDUCATION + "\n三是推进集团化办学改革。\n")
    assert app.transcripts.upload([str(changed)])[0][0][1].startswith("updated")

    assert "upload:jiaoyu.txt" in app.transcripts.remove(doc_id)
    status, speakers, *_ = app.catalog.reload()
    assert "1 documents" in status and "吴萍" not in speakers["choices"]
    assert "Choose a document" in app.transcripts.remove(None)
    assert app.transcripts.remove(doc_id).startswith("⚠")


def test_settings_and_auth_from_the_command_line():
    args = build_parser().parse_args(["a.txt", "folder", "--port", "7999", "--auth", "ann:pa:ss"])
    settings = settings_from_args(args)
    assert [str(p) for p in args.paths] == ["a.txt", "folder"] and settings.port == 7999
    assert settings.host == "127.0.0.1"
    assert logins(settings) == [("ann", "pa:ss")] and logins(settings.replace(auth="")) == []
    with pytest.raises(SystemExit):
        logins(settings.replace(auth="no-password"))


def test_store_down_gives_one_line_messages(tmp_path):
    with chroma_server(tmp_path / "chroma") as server:
        settings = settings_for(tmp_path / "data", chroma_url=server.url)
        library = Library(settings)
        down = App(settings, library, make_answerer(library, settings))
        assert down.catalog.reload()[0].startswith("索引为空")
    # the server is gone now
    history = list(down.ask.chat(QUESTION, [], Conversation(), [], []))[-1][0]
    assert history[-1]["content"].startswith("⚠ 存储错误 / Store error:") and "\n" not in history[-1]["content"]
    assert down.catalog.reload()[0].startswith("⚠ 存储错误 / Store error:")
    table, *_ = down.transcripts.upload([str(write(tmp_path / "jiaoyu.txt", EDUCATION))])
    assert table[0][1].startswith("failed") and "Chroma" in table[0][7]
    assert down.transcripts.remove("f97a5759055d").startswith("⚠")
    outputs = down.who.show_speech(gr.SelectData(None, {"index": [0, 0], "value": "", "row_value": ["x", "doc:0"]}))
    assert "Store error" in outputs


def test_upload_shows_what_was_found_and_a_misread_layout_can_be_changed(app, tmp_path):
    table, _, _, preview = app.transcripts.upload([str(write(tmp_path / "layout" / "kexue.txt", EDUCATION))])
    assert table[0][3:5] == ["digest-md", "吴萍"]
    assert 'data-format="digest-md"' in preview and "吴萍" in preview and "三亚市教育局党委书记" in preview
    doc_id = next(r.doc_id for r in app.library.records if r.source == "upload:kexue.txt")
    assert "Speakers (0)" in app.transcripts.preview(doc_id, "plain")  # a look, nothing written
    assert any(s.who.speaker == "吴萍" and s.who.doc_id == doc_id for s in app.library.speeches)
    message, shown = app.transcripts.reindex(doc_id, "plain")
    assert "plain" in message and 'data-format="plain"' in shown
    assert not any(s.who.speaker for s in app.library.speeches if s.who.doc_id == doc_id)
    message, shown = app.transcripts.reindex(doc_id, "")  # detected again
    assert "digest-md" in message and any(
        s.who.speaker == "吴萍" for s in app.library.speeches if s.who.doc_id == doc_id
    )
    assert "Choose a document" in app.transcripts.preview(None) and app.transcripts.reindex(None, "")[0].startswith(
        "请先选择"
    )


def test_meetings_topics_groups_and_exports(app, tmp_path):
    doc_id = app.library.records[0].doc_id
    assert app.transcripts.describe_document(doc_id, "测试会议", "2025-10-25", "测试推进会", "三亚").startswith(
        "已保存"
    )
    assert app.transcripts.document_fields(doc_id) == ("测试会议", "2025-10-25", "测试推进会", "三亚")
    assert "YYYY-MM-DD" in app.transcripts.describe_document(doc_id, "测试会议", "25.10.2025", "", "")
    assert app.transcripts.describe_document(None, "", "", "", "") == "请先选择一份讲话稿 / Choose a document first."

    conversation = Conversation()
    _, history, sources = ask(app, QUESTION, conversation)
    assert "2025-10-25 测试推进会" in sources
    exported = app.ask.export_answer(conversation, ".docx")
    assert exported.endswith(".docx") and "湾区大党委" in "".join(p.text for p in docx.Document(exported).paragraphs)
    with pytest.raises(gr.Error):
        app.ask.export_answer(Conversation(), ".md")
    outputs = list(app.ask.chat(QUESTION, [], Conversation(), [], [], "2026-01-01", ""))
    assert "会议日期" in outputs[-1][0][-1]["content"]
    outputs = list(app.ask.chat(QUESTION, [], Conversation(), [], [], "tomorrow", ""))
    assert outputs[-1][0][-1]["content"].startswith("⚠") and "YYYY-MM-DD" in outputs[-1][0][-1]["content"]

    summary, units, dates, unit_choices, listing = app.topics.topic("“湾区大党委”")
    assert "1 篇发言" in summary and list(dates["date"]) == ["2025-10-25 测试推进会"]
    assert list(units["speeches"]) == [1] and "鲁正兰" in listing and "<mark>" in listing
    picked = gr.SelectData(None, {"index": [units["unit"][0]], "value": [units["unit"][0]]})
    _, only = app.topics.topic_pick("“湾区大党委”", "", "", picked)
    assert "鲁正兰" in only and f'data-units="{units["unit"][0]}"' in only

    grouped = app.who.group_rows("speaker")
    row = next(r for r in grouped["data"] if r[0] == "鲁正兰")
    shown = app.who.show_group("speaker", gr.SelectData(None, {"index": [0, 0], "value": "鲁正兰", "row_value": row}))
    assert "2025-10-25 测试推进会" in shown and 'data-group="鲁正兰"' in shown
    status, _, _, rows, *_ = app.catalog.reload()
    path = app.who.export_table(rows, "鲁正兰", "speech", ".xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert [c.value for c in sheet[2]][:1] == ["鲁正兰"] and sheet.max_row == 2


def test_every_file_status_has_a_label():
    assert list(STATUS_LABELS) == list(STATUSES)


def test_old_exports_are_removed_and_new_ones_kept(app):
    conversation = Conversation()
    ask(app, QUESTION, conversation)
    first = Path(app.ask.export_answer(conversation, ".md"))
    stale = time.time() - CACHE_KEEP_SECONDS - 60
    os.utime(first.parent, (stale, stale))
    second = Path(app.ask.export_answer(conversation, ".md"))
    assert second.exists() and not first.exists()
    assert first.parent.parent == second.parent.parent  # one export folder per app, removed when it exits


@pytest.mark.slow
def test_a_photographed_page_says_it_was_read_by_ocr_in_the_layout_check_and_the_sources(tmp_path):
    from scans import Page, cjk_font, photographed, printed

    if cjk_font() is None:
        pytest.skip("no CJK font (apt-get install fonts-wqy-zenhei)")
    settings = settings_for(tmp_path / "data", embedding_model="hashing")
    library = Library(settings)
    ocr_app = App(settings, library, make_answerer(library, settings))
    speech = "围绕教育抓党建，抓好党建促教育。下一步，该局一是聚力思想政治引领，推进集团化办学改革。"
    blocks = [("heading", "围绕教育抓党建"), ("line", "三亚市教育局党委书记\u3000吴萍"), ("para", speech)]
    (page,) = printed(blocks, Page(size_mm=(150, 60), margin_mm=8))
    photographed(page).save(tmp_path / "photo.jpg", quality=80)
    table, _, _, preview = ocr_app.transcripts.upload([str(tmp_path / "photo.jpg")])
    assert table[0][:2] == ["photo.jpg", "added 已添加"] and "吴萍" in table[0][4]
    assert "OCR — read by OCR: 1 page, mean confidence" in preview
    _, _, sources = ask(ocr_app, "谁提到了集团化办学改革？", Conversation())
    assert "[1] 吴萍" in sources and "文字识别 OCR: read by OCR: 1 page" in sources
