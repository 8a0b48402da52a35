"""speechqa web app: ask who said what in the indexed meeting speeches.

    python app.py [TRANSCRIPT_OR_FOLDER ...]     # serves http://127.0.0.1:7860

Transcripts named on the command line are indexed first (unchanged ones are skipped).
A thin Gradio UI over `qa` and `index`: a chat with cited answers and a sources panel,
a who-said-what table, and uploads. `/ask` is an API endpoint returning the answer as JSON
(the shape of `python -m qa ask --json`).
"""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import math
import os
import queue
import secrets
import shutil
import sys
import tempfile
import threading
import time
import traceback
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import gradio as gr
import pandas as pd
from starlette.middleware import Middleware

from config import Settings, add_settings_arguments, settings_from_args
from index.cli import print_summary
from index.formats import LAYOUTS
from index.library import Library
from index.meeting import given_values
from index.pipeline import AddSummary, FileResult, Indexer
from index.preview import Preview
from index.read import SUPPORTED_SUFFIXES
from index.records import MEETING_FIELDS, BadInput, StoreError, attributed, meeting_label, one_line
from index.store import store_errors
from qa.answer import Answerer, check_question
from qa.export import markdown_text, write_answer, write_table
from qa.llm import make_answerer
from qa.quotes import quote_in_paragraph
from qa.records import Answer, Citation
from qa.resolve import Conversation, language_of
from qa.speakers import (
    GROUP_COLUMNS,
    SPEECH_COLUMNS,
    groups_of,
    speaker_choices,
    speech_text,
    table,
    who_said_what,
)
from qa.topics import printed_units, topic_report

UPLOAD_TYPES = sorted(SUPPORTED_SUFFIXES)
CONTEXT_CHARS = 300  # paragraph text shown on each side of a quote in the sources panel
EXAMPLES = [
    "谁提出了“湾区大党委”体制机制？",
    "教育局说了什么？",
    "哪些单位提到了营商环境或招商引资？",
    "Who spoke about building a red square under an old banyan tree?",
]
# the columns of qa.speakers' speech table shown in the app (`filter_rows`), and the speech's id
WSW_HEADERS = [header for header, key in SPEECH_COLUMNS if key not in ("doc_title", "source")] + ["id"]
GROUPINGS = [("按发言人 / By speaker", "speaker"), ("按单位 / By unit", "unit")]
DOC_HEADERS = ["标题 Title", "日期 Date", "会议 Meeting", "来源 Source", "发言 Speeches", "片段 Chunks", "doc_id"]
TOPIC_EXAMPLES = ["营商环境", "乡村振兴", "人工智能"]
RESULT_HEADERS = [
    "文件 File",
    "结果 Status",
    "标题 Title",
    "版式 Layout",
    "发言人 Speakers",
    "发言 Speeches",
    "片段 Chunks",
    "说明 Message",
]
PREVIEW_SPEECHES = 12  # speeches listed in a layout preview
CACHE_KEEP_SECONDS = 900  # an export, or an upload never indexed, is served this long, then deleted
CACHE_SWEEP_SECONDS = 60  # how often Gradio looks for such files (`delete_cache`)
SESSIONS_KEPT = 1000  # Gradio keeps each session's inputs; the least recently used beyond these go
REQUEST_OVERHEAD = 64 * 1024  # bytes of a request besides its question: filters, dates, file names
SHOWN_CHARS = 200  # of a refused question, shown back in the chat
PRIVATE = {"api_visibility": "private"}  # UI events: not part of the API
IN_ORDER = {"concurrency_id": "catalog", **PRIVATE}  # catalog reloads and searches, one at a time
NO_DOCUMENT = "请先选择一份讲话稿 / Choose a document first."
NO_MENTION = "没有发言提到这个话题 / No speech mentions this topic."
NO_LINK = "请输入网页链接 / Enter a link to a web page (http:// or https://)."
STATUS_LABELS = {
    "added": "added 已添加",
    "updated": "updated 已更新",
    "unchanged": "unchanged 未变",
    "duplicate": "duplicate 重复",
    "failed": "failed 失败",
}
EMPTY_INDEX = (
    "索引为空：请在“讲话稿 / Transcripts”页上传讲话稿，或用命令索引一个文件夹：`./speechqa app 文件夹` / "
    "The index is empty: upload transcripts on the Transcripts tab, or index a folder with "
    "`./speechqa app FOLDER` (or `python -m index add FOLDER`)."
)
CHAT_PLACEHOLDER = (
    "**还没有可以提问的讲话稿 / Nothing to ask about yet?**\n\n"
    "1. 在“讲话稿 / Transcripts”页上传 .txt / .md / .docx / .pdf / .json 讲话稿 — upload transcripts on the "
    "Transcripts tab;\n2. 或者在启动时给出文件或文件夹 — or name files and folders when starting: "
    "`./speechqa app meetings/`;\n3. 然后提问，例如“教育局说了什么？” — then ask, e.g. *What did the education "
    "bureau say?* Every answer names the speaker and unit and quotes their words."
)
SOURCES_PLACEHOLDER = "<p>回答中的 [n] 引用会在这里列出发言人、单位和原文 / The sources cited as [n] appear here.</p>"
CSS = """
.sources { max-height: 640px; overflow-y: auto; }
.src { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 10px; margin-bottom: 8px; }
.src-head { font-weight: 600; }
.src-meta { font-size: 0.85em; opacity: 0.8; }
.src-text { margin: 6px 0 0; line-height: 1.6; }
.src-text mark { background: #fde68a; color: inherit; padding: 0 1px; }
.speech p { margin: 0 0 0.8em; line-height: 1.7; }
.preview table { border-collapse: collapse; font-size: 0.9em; }
.preview td, .preview th { border: 1px solid var(--border-color-primary); padding: 2px 6px; vertical-align: top; }
.preview .warning { color: #b45309; }
"""


class App:
    """The shared objects of one process (one library, one answerer) and the UI handlers."""

    def __init__(self, settings: Settings, library: Library, answerer: Answerer):
        self.settings = settings
        self.library = library
        self.answerer = answerer
        self._rows: tuple[str | None, list[dict]] = (None, [])  # who-said-what rows, by change token
        self._points: dict[str, str] = {}  # first point of each speech, by speech key (qa.speakers)
        upload_folder = Path(gr.utils.get_upload_folder())
        upload_folder.mkdir(parents=True, exist_ok=True)
        self._exports = tempfile.TemporaryDirectory(prefix="speechqa-export-", dir=upload_folder)  # removed at exit

    @contextlib.contextmanager
    def _store(self) -> Iterator[None]:
        """The one place the handlers meet the store: Chroma failures (`store_errors`) and
        bad input become `Refused`, holding the line the UI shows."""
        try:
            with store_errors(self.settings):
                yield
        except BadInput as error:
            raise Refused(f"⚠ {one_line(error)}") from error
        except StoreError as error:
            raise Refused(f"⚠ 存储错误 / Store error: {one_line(error)}") from error

    # -- chat ------------------------------------------------------------------------
    def ask_api(self, question: str) -> dict:
        """Answer one question; returns the answer as JSON (question, answer, found, citations)."""
        if not isinstance(question, str | None):
            raise refusal("/ask", f"问题须为文字 / The question must be text, not {type(question).__name__}.")
        try:
            check_question(question or "", self.settings.max_question_chars)
            with self._store():
                return self.answerer.ask(question or "").to_dict()
        except BadInput as error:
            raise refusal("/ask", one_line(error)) from None
        except Refused as refused:  # bad input met while answering (a date that does not exist), a store failure
            raise refusal("/ask", str(refused)) from None
        except Exception as error:  # one line for the caller; the log keeps the trace
            traceback.print_exc()
            raise gr.Error(f"出错了 / Something went wrong: {type(error).__name__}: {one_line(error)}") from error

    def chat(
        self, question, history, conversation, speakers, units, since="", until="", meetings=None
    ) -> Iterator[tuple]:
        """Stream an answer into the chat; the sources panel follows when it is complete.
        `since`/`until` (YYYY-MM-DD) and `meetings` (doc ids) keep to those meetings.
        `history`: the chat as shown, kept in the session on the server (the browser does
        not send it back) and extended in place."""
        question = question if isinstance(question, str) else ""
        history = history if isinstance(history, list) else []
        conversation = conversation if isinstance(conversation, Conversation) else Conversation()
        try:  # before any work: the textbox's limit binds only browsers
            check_question(question, self.settings.max_question_chars)
        except BadInput as error:
            log_refusal("chat", one_line(error))
            shown = question[:SHOWN_CHARS] + ("…" if len(question) > SHOWN_CHARS else "")
            history += [
                {"role": "user", "content": html.escape(shown)},
                {"role": "assistant", "content": html.escape(f"⚠ {one_line(error)}")},
            ]
            yield history, conversation, gr.update(), ""
            return
        question = question.strip()
        if not question:
            yield history, conversation, gr.update(), gr.update()
            return
        history += [{"role": "user", "content": html.escape(question)}, {"role": "assistant", "content": "…"}]
        yield history, conversation, "", ""  # the previous answer's sources go, and the asked question

        tokens: queue.Queue = queue.Queue()
        done = object()
        outcome: dict = {}

        def work() -> None:
            try:
                with self._store():
                    first, last = date_range(since, until)
                    outcome["answer"] = self.answerer.ask(
                        question,
                        conversation,
                        speaker=speakers or (),
                        unit=units or (),
                        doc_id=meetings or (),
                        since=first,
                        until=last,
                        on_token=tokens.put,
                    )
            except Refused as refused:
                outcome["error"] = str(refused)
            except Exception as error:  # never a stack trace in the UI; the log keeps it
                traceback.print_exc()
                outcome["error"] = f"⚠ 出错了 / Something went wrong: {type(error).__name__}: {one_line(error)}"
            finally:
                tokens.put(done)

        threading.Thread(target=work, daemon=True).start()
        written = ""
        while (token := tokens.get()) is not done:
            written += token
            history[-1] = {"role": "assistant", "content": html.escape(written)}
            yield history, conversation, gr.update(), gr.update()  # what is typed meanwhile stays
        if "error" in outcome:
            history[-1] = {"role": "assistant", "content": html.escape(outcome["error"])}
            yield (
                history,
                conversation,
                f'<div class="sources" data-turn="error">{html.escape(outcome["error"])}</div>',
                gr.update(),
            )
            return
        answer: Answer = outcome["answer"]
        if not written:  # extractive: the whole answer at once, shown in a few pieces
            lines = answer.text.split("\n")
            for i in range(1, len(lines)):
                history[-1] = {"role": "assistant", "content": html.escape("\n".join(lines[:i]))}
                yield history, conversation, gr.update(), gr.update()
        history[-1] = {"role": "assistant", "content": html.escape(answer.text)}  # the verified text
        yield history, conversation, self.sources_html(answer, len(conversation.turns)), gr.update()

    def sources_html(self, answer: Answer, turn: int = 0) -> str:
        """Each citation: who, where, and the quote marked inside its paragraph (all escaped).
        `data-turn` tells which question of the conversation the panel belongs to."""
        try:
            with self._store():
                body = "".join(self._citation_html(c) for c in answer.citations)
        except Refused as refused:
            body = f"<p>{html.escape(str(refused))}</p>"
        body = body or "<p>（本次回答没有引用 / no citations）</p>"
        return f'<div class="sources" data-turn="{turn}">{body}</div>'

    def _citation_html(self, c: Citation) -> str:
        e = html.escape
        who = e(c.who.speaker) if c.who.speaker else "（导语，无发言人 / introduction, no speaker）"
        titles = [t for t in c.who.titles if t != c.who.speaker]
        meta = [
            ("单位 Units", "、".join(c.who.units)),
            ("职务 Roles", "、".join(c.who.roles)),
            ("头衔 Titles", "、".join(titles)),
            ("会议 Meeting", meeting_label(c.date, c.meeting)),
            ("标题 Heading", c.who.heading),
            ("文档 Document", f"《{c.who.doc_title}》" if c.who.doc_title else ""),
            ("来源 Source", f"{c.who.source} [{c.start}:{c.end}]"),
            ("文字识别 OCR", ocr.line() if (ocr := self._ocr_of(c.who.doc_id)) else ""),
        ]
        rows = "".join(f'<div class="src-meta">{e(label)}: {e(value)}</div>' for label, value in meta if value)
        return (
            f'<div class="src" id="source-{c.n}"><div class="src-head">[{c.n}] {who}</div>{rows}'
            f'<p class="src-text">{self._quote_in_paragraph(c)}</p></div>'
        )

    def _ocr_of(self, doc_id: str):
        """How OCR read the cited document, when it did: its quotes are the recogniser's reading."""
        record = self.library.record(doc_id)
        return record.ocr if record else None

    def _quote_in_paragraph(self, c: Citation) -> str:
        """The paragraph around the quote (qa.quotes), escaped, the quote in <mark>."""
        before, quote, after = quote_in_paragraph(self.library, c, CONTEXT_CHARS)
        return f"{html.escape(before)}<mark>{html.escape(quote)}</mark>{html.escape(after)}"

    @staticmethod
    def new_conversation() -> tuple:
        """An empty chat: what the chat shows, the conversation, the sources panel, the
        question box, and the history the session keeps."""
        return [], Conversation(), SOURCES_PLACEHOLDER, "", []

    # -- catalog views ---------------------------------------------------------------
    def catalog(self, search: str = "", speakers=None, units=None, grouping: str = "speaker", meetings=None) -> tuple:
        """Fresh values for everything that shows the index: status line, chat filters,
        who-said-what rows (all, and those matching `search`), the speakers or units across
        meetings, documents, the document list and the meeting filter."""
        try:
            with self._store():
                catalog = self.library.snapshot()
                rows = self.speech_rows()
        except Refused as refused:
            return (markdown_text(str(refused)), *[gr.update()] * 8)
        all_speakers = speaker_choices(groups_of(self.library, "speaker"))
        records = catalog.records
        all_units = sorted({u for s in catalog.speeches for u in s.who.units})
        documents = [
            [r.title, r.date, r.meeting_name, r.source, attributed(r.speeches), r.chunks, r.doc_id] for r in records
        ]
        choices = [(f"{r.title} — {r.source}", r.doc_id) for r in records]
        by_date = sorted(records, key=lambda r: (r.date or "9999", r.meeting_name))
        meeting_choices = [(f"{r.date or '—'} {r.meeting_name}", r.doc_id) for r in by_date]
        named = attributed(catalog.speeches)
        status = (
            f"已索引 {len(records)} 份讲话稿、{named} 篇署名发言 / "
            f"{len(records)} documents, {named} attributed speeches indexed"
            if records
            else EMPTY_INDEX
        )
        return (
            status,
            gr.update(choices=all_speakers, value=[v for v in speakers or [] if v in all_speakers]),
            gr.update(choices=all_units, value=[v for v in units or [] if v in all_units]),
            rows,
            self.filter_rows(rows, search),
            self.group_rows(grouping),
            documents,
            gr.update(choices=choices, value=None),
            gr.update(
                choices=meeting_choices, value=[v for v in meetings or [] if v in {c[1] for c in meeting_choices}]
            ),
        )

    @classmethod
    def search_rows(cls, rows: list[dict], search: str) -> tuple[list[list], str]:
        """The table for a new search, and the search kept for the next catalog reload."""
        return cls.filter_rows(rows, search), search

    @staticmethod
    def filter_rows(rows: list[dict], search: str) -> list[list]:
        """Who-said-what table rows whose text contains every word of `search`."""
        words = (search or "").lower().split()
        table = []
        for r in rows or []:
            cells = [
                r["speaker"],
                "、".join(r["units"]),
                "、".join(r["roles"]),
                r["heading"],
                r["date"],
                r["meeting"],
                r["first_point"][:80] + ("…" if len(r["first_point"]) > 80 else ""),
                f"{r['doc_id']}:{r['speech_index']}",
            ]
            extra = ["、".join(r["titles"]), r["first_point"], r["doc_title"]]
            haystack = " ".join(map(str, cells[:-1] + extra)).lower()
            if all(w in haystack for w in words):
                table.append(cells)
        return table

    def speech_rows(self) -> list[dict]:
        """Who-said-what rows of the library as last refreshed (read again when it changed)."""
        if self._rows[0] != self.library.token:
            self._rows = (self.library.token, who_said_what(self.library, self._points))
        return self._rows[1]

    def group_rows(self, grouping: str) -> dict:
        """The grouped table: one row per speaker or unit, with their meetings and a count."""
        headers = [header for header, _ in GROUP_COLUMNS[grouping]]
        rows = [
            [g.name, "、".join(g.members(grouping)), len(g.speeches), "；".join(g.meetings)]
            for g in groups_of(self.library, grouping)
        ]
        return {"headers": headers, "data": rows or [[""] * len(headers)]}

    def show_group(self, grouping: str, evt: gr.SelectData) -> str:
        """The speeches of the selected speaker or unit, meeting by meeting (escaped)."""
        row = evt.row_value or []
        if len(row) < 2 or not row[0]:
            return ""
        try:
            with self._store():
                self.library.refresh()
                group = next(
                    (
                        g
                        for g in groups_of(self.library, grouping)
                        if g.name == row[0] and "、".join(g.members(grouping)) == row[1]
                    ),
                    None,
                )
                self.speech_rows()  # the first points, by speech key
        except Refused as refused:
            return f"<p>{html.escape(str(refused))}</p>"
        if group is None:
            return "<p>已不在索引中 / No longer indexed.</p>"
        e = html.escape
        items = "".join(
            f"<li><b>{e(s.date or '—')} {e(s.meeting)}</b> · {e(s.who.speaker)} · {e('、'.join(s.who.units))}"
            + (f" · {e(s.who.heading)}" if s.who.heading else "")
            + f"<br>{e(self._points.get(s.key, ''))}</li>"
            for s in group.speeches
        )
        return f'<div class="speech" data-group="{e(group.name)}"><h3>{e(group.name)}</h3><ol>{items}</ol></div>'

    def export_answer(self, conversation, fmt: str) -> str | None:
        """The last answer of the conversation as a .md or .docx file to download."""
        last = conversation.turns[-1].answer if isinstance(conversation, Conversation) and conversation.turns else None
        if last is None:
            raise gr.Error("还没有可导出的回答 / Ask a question first.")
        return self._private(write_answer(last, self._export_path(f"answer{fmt}")))

    def export_table(self, rows, search: str, grouping: str, fmt: str) -> str:
        """The who-said-what table (the rows the search shows) or the grouped one, as .csv or .xlsx."""
        if grouping == "speech":
            shown = {row[-1] for row in self.filter_rows(rows, search)}
            picked = [r for r in rows or [] if f"{r['doc_id']}:{r['speech_index']}" in shown]
            headers, cells = table(picked, SPEECH_COLUMNS)
        else:
            headers, cells = table(
                [g.to_dict(grouping) for g in groups_of(self.library, grouping)], GROUP_COLUMNS[grouping]
            )
        return self._private(write_table(headers, cells, self._export_path(f"who-said-what-{grouping}{fmt}")))

    def _export_path(self, name: str) -> Path:
        """A fresh path for an export: a folder of its own with an unguessable name (128
        random bits, not the content's hash), only this user can open (0700), in the app's
        export folder inside Gradio's cache — Gradio serves the file from there instead of
        a world-readable copy, and any logged-in user could fetch a guessable one. Exports
        older than CACHE_KEEP_SECONDS are removed here (Gradio's sweep deletes the file);
        the app's export folder goes when the app exits."""
        root = Path(self._exports.name)
        for old in root.iterdir():
            if time.time() - old.stat().st_mtime > CACHE_KEEP_SECONDS:
                shutil.rmtree(old, ignore_errors=True)
        folder = root / secrets.token_hex(16)
        folder.mkdir(mode=0o700)
        return folder / name

    @staticmethod
    def _private(path: Path) -> str:
        path.chmod(0o600)
        return str(path)

    # -- topics ----------------------------------------------------------------------
    def topic(self, term: str, since: str = "", until: str = "") -> tuple:
        """A topic's counts: a summary line, units by speeches (bar chart), mentions by
        meeting date (timeline), the units to pick from, and the list of speeches."""
        term = (term or "").strip()
        empty = pd.DataFrame({"unit": [], "speeches": []}), pd.DataFrame({"date": [], "speeches": []})
        if not term:
            return ("请输入一个话题 / Type a topic.", *empty, gr.update(choices=[], value=None), "")
        try:
            with self._store():
                check_question(term, self.settings.max_question_chars)
                first, last = date_range(since, until)
                report = topic_report(self.library, term, since=first, until=last, variants=self.answerer.variants)
                listing = self.topic_answer(term, first, last) if report.speeches else f"<p>{NO_MENTION}</p>"
        except Refused as refused:
            return (markdown_text(str(refused)), *empty, gr.update(choices=[], value=None), "")
        data = report.to_dict()
        how = {"meaning": "按意思 / by meaning", "key words": "说到主要词语 / its key words"}.get(
            data["match"], "提到 / mentioned"
        )
        if data["forms"]:
            how += "，计入 / counting " + "、".join(f"“{markdown_text(f)}”" for f in data["forms"])
        summary = (
            f"**“{markdown_text(data['topic'])}”**：{data['total']} 篇发言 / speeches（{how}），"
            f"{len(data['by_unit'])} 个单位 / units，{len(data['by_date'])} 次会议 / meetings"
        )
        units = pd.DataFrame(
            {"unit": [u["unit"] for u in data["by_unit"]], "speeches": [u["speeches"] for u in data["by_unit"]]}
        )
        dates = pd.DataFrame(
            {
                "date": [f"{d['date'] or '—'} {d['meeting']}"[:40] for d in data["by_date"]],
                "speeches": [d["speeches"] for d in data["by_date"]],
            }
        )
        choices = [u["unit"] for u in data["by_unit"]]
        return summary, units, dates, gr.update(choices=choices, value=None), listing

    def topic_answer(self, term: str, since: str = "", until: str = "", units=()) -> str:
        """The speeches that mention the topic (only those of `units`, as the chart groups
        them, when given), quoted."""
        term = (term or "").strip()
        if not term.strip('“”"'):
            return ""
        try:
            with self._store():
                first, last = date_range(since, until)
                printed = printed_units(self.library, units)
                answer = self.answerer.ask(
                    f"哪些发言提到了{term}？" if language_of(term) == "zh" else f"Which speakers mentioned {term}?",
                    unit=printed or list(units),
                    since=first,
                    until=last,
                )
                sources = self.sources_html(answer)
        except Refused as refused:
            return f"<p>{html.escape(str(refused))}</p>"
        text = "".join(f"<p>{html.escape(line)}</p>" for line in answer.text.split("\n"))
        return f'<div class="topic-answer" data-units="{html.escape("、".join(units))}">{text}{sources}</div>'

    def topic_pick(self, term: str, since: str, until: str, evt: gr.SelectData) -> tuple:
        """Bars selected on the units chart: the answer for those units only."""
        picked = evt.value if isinstance(evt.value, list) else [evt.value]
        units = [str(u) for u in picked if u]
        return gr.update(value=units[0] if len(units) == 1 else None), self.topic_answer(term, since, until, units)

    def show_speech(self, evt: gr.SelectData) -> str:
        """The whole speech of the selected who-said-what row (escaped)."""
        row = evt.row_value or []
        doc_id, _, index = str(row[-1] if row else "").rpartition(":")
        if not doc_id or not index.isdigit():
            return ""
        try:
            with self._store():
                self.library.refresh()
                text = speech_text(self.library, doc_id, int(index))
                speech = self.library.speech_at(doc_id, int(index))
        except Refused as refused:
            return f"<p>{html.escape(str(refused))}</p>"
        if speech is None:
            return "<p>这篇发言已不在索引中 / This speech is no longer indexed.</p>"
        e = html.escape
        who = speech.who.introduced()
        head = f"<h3>{e(speech.who.speaker)}</h3><p><b>{e(who)}</b></p>" if who else f"<h3>{e(speech.who.speaker)}</h3>"
        meeting = meeting_label(speech.date, speech.meeting)
        head += (
            f"<p>{e(speech.who.heading)} · {e(meeting)} · 《{e(speech.who.doc_title)}》 · {e(speech.who.source)}</p>"
        )
        body = "".join(f"<p>{e(p)}</p>" for p in text.split("\n\n"))
        return f'<div class="speech">{head}{body}</div>'

    # -- transcripts -----------------------------------------------------------------
    def upload(self, files, request: gr.Request | None = None, progress=gr.Progress()) -> tuple:
        """Index uploaded files one by one; returns the per-file results and a message.
        Gradio's copies of the uploads are deleted afterwards (the store keeps the text), so
        `/gradio_api/file=…` cannot serve a transcript after its document is removed. A
        logged-in user's uploads are theirs: another user's file of the same name is
        another document, not a new version of this one."""
        paths = [Path(f if isinstance(f, str) else f.name) for f in files or []]
        user = getattr(request, "username", None) or ""
        try:
            return self._upload(paths, progress, f"upload:{user}/" if user else "upload:")
        finally:
            for path in paths:
                discard_upload(path)

    def _upload(self, paths: list[Path], progress, prefix: str) -> tuple:
        if not paths:
            return [], "", None, ""
        limit = self.settings.max_upload_files
        if len(paths) > limit:
            return (
                [],
                f"⚠ 一次最多上传 {limit} 个文件（这次 {len(paths)} 个），未做任何处理 / "
                f"At most {limit} files per upload ({len(paths)} given): nothing was indexed.",
                None,
                "",
            )
        results: list[FileResult] = []
        for i, path in enumerate(paths):
            name = shown_name(path.name)  # Gradio keeps the uploaded file's own name

            def report(done: int, total: int, label: str, i=i) -> None:
                progress((i + done / max(total, 1)) / len(paths), desc=f"{label}: {done}/{total}")

            progress(i / len(paths), desc=f"{name} ({i + 1}/{len(paths)})")
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                results.append(FileResult(name, "failed", message=f"{name}: unsupported file type {path.suffix!r}"))
                continue
            try:
                with self._store():
                    indexer = Indexer(self.library, progress=report, show_bars=False)
                    results.append(indexer.add_file(path, source=f"{prefix}{name}", display_name=name))
            except Refused as refused:
                results.append(FileResult(name, "failed", message=str(refused)))
        table, message, preview = self._reported(results)
        return table, message, None, preview

    def _reported(self, results: list[FileResult]) -> tuple:
        """The results table, the counts line, and the layout preview of a lone document."""
        table = [
            [
                r.path,
                STATUS_LABELS.get(r.status, r.status),
                r.title,
                r.format,
                "、".join(r.speakers[:8]) + (" …" if len(r.speakers) > 8 else ""),
                r.speeches,
                r.chunks,
                " ".join(m for m in (r.message, r.warning and f"⚠ {r.warning}") if m),
            ]
            for r in results
        ]
        counts = AddSummary(results).counts()
        message = " · ".join(f"{STATUS_LABELS[s]}: {n}" for s, n in counts.items() if n)
        indexed = [r for r in results if r.status in ("added", "updated", "unchanged")]
        return table, message, self.preview(indexed[0].doc_id) if len(indexed) == 1 else ""

    def add_link(self, url: str | None, progress=gr.Progress()) -> tuple:
        """Fetch a web page and index its article (the link is its source)."""
        url = (url or "").strip()
        if not url:
            return [], NO_LINK, ""

        def report(done: int, total: int, label: str) -> None:
            progress(done / max(total, 1), desc=f"{label}: {done}/{total}")

        progress(0, desc=url)
        try:
            with self._store():
                result = Indexer(self.library, progress=report, show_bars=False).add_link(url)
        except Refused as refused:
            result = FileResult(url, "failed", message=str(refused))
        return self._reported([result])

    def preview_link(self, url: str | None) -> str:
        """What indexing a web page would keep (its article, its speakers) and leave out;
        nothing is written."""
        url = (url or "").strip()
        if not url:
            return f"<p>{NO_LINK}</p>"
        try:
            with self._store():
                preview = Indexer(self.library, show_bars=False).preview_link(url)
        except Refused as refused:
            return f"<p>{html.escape(str(refused))}</p>"
        return preview_html(preview)

    def preview(self, doc_id: str | None, fmt: str | None = None) -> str:
        """What the parser finds in an indexed document (in layout `fmt`, or as detected):
        layout, speakers, and each speech's first words — to check before trusting answers."""
        if not doc_id:
            return f"<p>{NO_DOCUMENT}</p>"
        try:
            with self._store():
                preview = Indexer(self.library, show_bars=False).preview(doc_id, fmt or None)
        except Refused as refused:
            return f"<p>{html.escape(str(refused))}</p>"
        return preview_html(preview)

    def reindex(self, doc_id: str | None, fmt: str | None, progress=gr.Progress()) -> tuple[str, str]:
        """Parse an indexed document again in the chosen layout and index that version."""
        if not doc_id:
            return NO_DOCUMENT, ""

        def report(done: int, total: int, label: str) -> None:
            progress(done / max(total, 1), desc=f"{label}: {done}/{total}")

        try:
            with self._store():
                result = Indexer(self.library, progress=report, show_bars=False).reparse(doc_id, fmt or None)
        except Refused as refused:
            return markdown_text(str(refused)), ""
        message = (
            f"{STATUS_LABELS.get(result.status, result.status)}: {markdown_text(result.title)} — {result.format}, "
            f"{result.speeches} 篇署名发言 / attributed speeches"
        )
        return message, self.preview(doc_id, result.format)

    def remove(self, doc_id: str | None) -> str:
        if not doc_id:
            return NO_DOCUMENT
        try:
            with self._store():
                record = Indexer(self.library, show_bars=False).remove(doc_id)
        except Refused as refused:
            return markdown_text(str(refused))
        return f"已删除 / Removed: {markdown_text(record.title)} ({markdown_text(record.source)})"

    def document_fields(self, doc_id: str | None) -> tuple:
        """The chosen document's title, date, meeting and place, to edit."""
        record = self.library.record(doc_id) if doc_id else None
        return tuple(getattr(record, name) if record else "" for name in MEETING_FIELDS)

    def describe_document(self, doc_id: str | None, *values: str) -> str:
        """Set the chosen document's title, date, meeting and place (nothing is re-indexed)."""
        if not doc_id:
            return NO_DOCUMENT
        try:
            with self._store():
                given = given_values(**dict(zip(MEETING_FIELDS, values)))
                record = Indexer(self.library, show_bars=False).describe(doc_id, given)
        except Refused as refused:
            return markdown_text(str(refused))
        return f"已保存 / Saved: {markdown_text(record.title)} · {record.date or '—'} · {markdown_text(record.meeting_name)}"

    @staticmethod
    def pick_document(evt: gr.SelectData):
        row = evt.row_value or []
        return gr.update(value=row[-1]) if row else gr.update()

    def launch(self, auth: list[tuple[str, str]]) -> tuple[gr.Blocks, str]:
        """Serve the UI (without blocking); returns it and its URL. At most
        `max_queue` requests wait for a worker: more are refused at once (HTTP 503,
        "Queue is full") rather than queued for minutes; a request body larger than a
        question may make is refused before Gradio reads it (`RequestLimit`). With `auth`
        (user, password) logins, failed logins are throttled per client address
        (`LoginThrottle`): the connecting address, or the one a `--trusted-proxy` forwards."""
        middleware = [
            Middleware(RequestLimit, limit=REQUEST_OVERHEAD + 12 * self.settings.max_question_chars),
            Middleware(LoginThrottle, attempts=self.settings.login_attempts, window=self.settings.login_window),
        ]
        demo = self.build()
        demo.queue(default_concurrency_limit=1, max_size=self.settings.max_queue)
        with trusted_proxies(self.settings.trusted_proxy):
            _, url, _ = demo.launch(
                server_name=self.settings.host,
                server_port=self.settings.port,
                auth=auth or None,
                app_kwargs={"middleware": middleware},
                max_file_size=int(self.settings.max_file_mb * 1024 * 1024),
                state_session_capacity=SESSIONS_KEPT,
                prevent_thread_lock=True,
                ssr_mode=False,
                quiet=True,
                css=CSS,
            )
        return demo, url

    # -- layout ----------------------------------------------------------------------
    def build(self) -> gr.Blocks:
        """The app: one tab per task, each built by its own method; catalog reloads after
        every change and whenever a tab that shows the index is opened."""
        sweep = (CACHE_SWEEP_SECONDS, CACHE_KEEP_SECONDS)  # uploads never indexed, exports: deleted after a while
        with gr.Blocks(title="speechqa · 讲话问答", analytics_enabled=False, delete_cache=sweep) as demo:
            gr.Markdown("## 讲话问答 · speechqa — 谁说了什么？ / Who said what?")
            status = gr.Markdown()
            with gr.Tabs():
                with gr.Tab("问答 / Ask"):
                    ask = self._ask_tab()
                with gr.Tab("谁说了什么 / Who said what") as wsw_tab:
                    wsw = self._wsw_tab()
                with gr.Tab("话题 / Topics"):
                    self._topic_tab()
                with gr.Tab("讲话稿 / Transcripts") as transcripts_tab:
                    docs = self._transcripts_tab()
            catalog_outputs = [
                status,
                ask["speakers"],
                ask["units"],
                wsw["rows"],
                wsw["table"],
                wsw["groups"],
                docs["documents"],
                docs["document"],
                ask["meetings"],
            ]
            catalog_inputs = [wsw["search_state"], ask["speakers"], ask["units"], wsw["grouping"], ask["meetings"]]
            reload = {"fn": self.catalog, "inputs": catalog_inputs, "outputs": catalog_outputs, **IN_ORDER}
            for changed in docs["changes"]:
                changed.then(**reload)
            for refresh in (demo.load, wsw_tab.select, transcripts_tab.select):  # sees other processes' changes too
                refresh(**reload)
            gr.api(self.ask_api, api_name="ask", concurrency_limit=4)
        return demo

    def _ask_tab(self) -> dict:
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(
                    label="回答 / Answers",
                    height=520,
                    render_markdown=False,
                    sanitize_html=True,
                    allow_tags=False,
                    feedback_options=None,
                    placeholder=CHAT_PLACEHOLDER,
                    elem_id="chat",
                )
                with gr.Row():
                    question = gr.Textbox(
                        placeholder="输入问题，例如：谁提出了“湾区大党委”体制机制？ / Ask a question",
                        show_label=False,
                        scale=5,
                        elem_id="question",
                        max_length=self.settings.max_question_chars,
                    )
                    send = gr.Button("提问 / Ask", variant="primary", scale=1, elem_id="ask")
                with gr.Row():
                    speakers = gr.Dropdown(label="只看发言人 / Speaker filter", multiselect=True, choices=[])
                    units = gr.Dropdown(label="只看单位 / Unit filter", multiselect=True, choices=[])
                with gr.Row():
                    meetings = gr.Dropdown(
                        label="只看会议 / Meeting filter", multiselect=True, choices=[], scale=2, elem_id="meetings"
                    )
                    since, until = _date_range("")
                with gr.Row():
                    new_chat = gr.Button("新对话 / New conversation", size="sm")
                    export_md = gr.Button("导出 Markdown / Export .md", size="sm", elem_id="export-md")
                    export_docx = gr.Button("导出 Word / Export .docx", size="sm", elem_id="export-docx")
                exported = gr.File(label="导出的回答 / Exported answer", interactive=False, elem_id="exported")
                gr.Examples(EXAMPLES, inputs=[question], label="示例问题 / Example questions")
            with gr.Column(scale=2):
                gr.Markdown("### 引用来源 / Sources")
                sources = gr.HTML(SOURCES_PLACEHOLDER, elem_id="sources")
        conversation = gr.State(Conversation())
        history = gr.State([])  # the chat as shown, kept here: the browser sends only the question
        ask_event = {
            "fn": self.chat,
            "inputs": [question, history, conversation, speakers, units, since, until, meetings],
            "outputs": [chatbot, conversation, sources, question],
            "concurrency_limit": 4,
            "trigger_mode": "always_last",  # a question asked while one streams runs next, not never
            **PRIVATE,
        }
        question.submit(**ask_event)
        send.click(**ask_event)
        new_chat.click(self.new_conversation, None, [chatbot, conversation, sources, question, history], **PRIVATE)
        for button, fmt in ((export_md, ".md"), (export_docx, ".docx")):
            button.click(lambda c, fmt=fmt: self.export_answer(c, fmt), conversation, exported, **PRIVATE)
        return {"speakers": speakers, "units": units, "meetings": meetings}

    def _wsw_tab(self) -> dict:
        rows = gr.State([])
        search_state = gr.State("")  # read when a reload runs, not when it was triggered
        gr.Markdown("### 跨会议 / Across meetings")
        grouping = gr.Radio(GROUPINGS, value="speaker", show_label=False, elem_id="grouping")
        groups = gr.Dataframe(interactive=False, wrap=True, max_height=320, elem_id="wsw-groups")
        gr.Markdown("点击一行查看其各次会议的发言 / Select a row to see their speeches, meeting by meeting.")
        group_view = gr.HTML(elem_id="group")
        gr.Markdown("### 每篇发言 / Every speech")
        search = gr.Textbox(label="搜索发言人、单位、标题… / Search speaker, unit, heading…", elem_id="wsw-search")
        speech_table = gr.Dataframe(
            headers=WSW_HEADERS, interactive=False, wrap=True, max_height=420, elem_id="wsw-table"
        )
        gr.Markdown("点击一行查看全文 / Select a row to read the whole speech.")
        speech_view = gr.HTML(elem_id="speech")
        with gr.Row():
            table_format = gr.Radio([".csv", ".xlsx"], value=".xlsx", label="格式 / Format", scale=1)
            shown_table = gr.Radio(
                [("每篇发言 / Every speech", "speech"), *GROUPINGS], value="speech", label="表格 / Table", scale=2
            )
            export = gr.Button("导出表格 / Export table", scale=1, elem_id="export-table")
        exported = gr.File(label="导出的表格 / Exported table", interactive=False, elem_id="exported-table")
        # A reload and a search run one at a time, and each reads what the other left, so
        # the table always ends filtered by the last search over the newest rows.
        search.change(self.search_rows, [rows, search], [speech_table, search_state], **IN_ORDER)
        grouping.change(self.group_rows, grouping, groups, **IN_ORDER)
        groups.select(self.show_group, grouping, group_view, **PRIVATE)
        speech_table.select(self.show_speech, None, speech_view, **PRIVATE)
        export.click(self.export_table, [rows, search_state, shown_table, table_format], exported, **PRIVATE)
        return {
            "rows": rows,
            "table": speech_table,
            "groups": groups,
            "grouping": grouping,
            "search_state": search_state,
        }

    def _topic_tab(self) -> None:
        gr.Markdown(
            "一个话题在各次会议上由哪些单位、哪些人谈到 / Which units and speakers raised a topic, meeting by meeting."
        )
        with gr.Row():
            term = gr.Textbox(label="话题 / Topic", placeholder="营商环境", scale=3, elem_id="topic-term")
            since, until = _date_range("topic-")
            count = gr.Button("统计 / Count", variant="primary", scale=1, elem_id="topic-count")
        gr.Examples(TOPIC_EXAMPLES, inputs=[term], label="示例 / Examples")
        summary = gr.Markdown(elem_id="topic-summary")
        with gr.Row():
            by_unit = _bars(
                "unit", "提到该话题的单位 / Units by speeches mentioning it", "单位 / Unit", "-y", "topic-units"
            )
            by_date = _bars("date", "按会议日期 / By meeting date", "会议 / Meeting", "x", "topic-timeline")
        unit = gr.Dropdown(
            label="只看单位（或在左图上框选柱条）/ One unit (or select bars on the chart)",
            choices=[],
            elem_id="topic-unit",
        )
        listing = gr.HTML(elem_id="topic-answer")
        inputs = [term, since, until]
        for trigger in (count.click, term.submit):
            trigger(self.topic, inputs, [summary, by_unit, by_date, unit, listing], **PRIVATE)
        by_unit.select(self.topic_pick, inputs, [unit, listing], **PRIVATE)
        unit.input(lambda t, a, b, u: self.topic_answer(t, a, b, [u] if u else []), [*inputs, unit], listing, **PRIVATE)

    def _transcripts_tab(self) -> dict:
        gr.Markdown(
            f"上传 .txt / .md / .json / .docx / .pdf / .html 讲话稿（可多选，每次最多 {self.settings.max_upload_files} 个，"
            f"每个不超过 {self.settings.max_file_mb:g} MB）。同名文件再次上传会替换旧版本。 / "
            "Upload transcripts (several at once); uploading a changed file with the same name replaces it. "
            "Or give a link to a web page: its article is fetched and indexed."
        )
        files = gr.File(
            label="上传讲话稿 / Upload transcripts",
            file_count="multiple",
            file_types=UPLOAD_TYPES,
            elem_id="upload",
        )
        with gr.Row():
            link = gr.Textbox(label="网页链接 / Link to a web page", placeholder="https://…", scale=4, elem_id="link")
            link_check = gr.Button("预览 / Preview", scale=1, elem_id="link-check")
            link_add = gr.Button("添加 / Add", scale=1, elem_id="link-add")
        upload_message = gr.Markdown(elem_id="upload-message")
        results = gr.Dataframe(
            headers=RESULT_HEADERS, interactive=False, wrap=True, label="上传结果 / Results", elem_id="results"
        )
        gr.Markdown("### 已索引的讲话稿 / Indexed documents")
        documents = gr.Dataframe(headers=DOC_HEADERS, interactive=False, wrap=True, elem_id="documents")
        with gr.Row():
            document = gr.Dropdown(label="选择讲话稿 / Document", choices=[], scale=4, elem_id="document")
            remove = gr.Button("删除 / Remove", variant="stop", scale=1)
        remove_message = gr.Markdown(elem_id="remove-message")
        gr.Markdown(
            "### 会议信息 / Meeting\n页面上印出的标题、日期、会议名和地点会自动识别；不对或缺少时在这里改。 / "
            "Title, date, meeting and place are read from the page; correct or add them here."
        )
        with gr.Row():
            fields = [
                gr.Textbox(label="标题 / Title", scale=2, elem_id="doc-title"),
                gr.Textbox(label="日期 / Date", placeholder="YYYY-MM-DD", scale=1, elem_id="doc-date"),
                gr.Textbox(label="会议 / Meeting", scale=2, elem_id="doc-meeting"),
                gr.Textbox(label="地点 / Place", scale=1, elem_id="doc-place"),
            ]
            save = gr.Button("保存 / Save", scale=1, elem_id="doc-save")
        describe_message = gr.Markdown(elem_id="describe-message")
        gr.Markdown(
            "### 检查版式 / Check the layout\n"
            "看看识别出了哪些发言人；识别不对时换一种版式重新索引。 / "
            "See which speakers were found; if the layout was misread, choose another and re-index."
        )
        with gr.Row():
            layout = gr.Dropdown(
                label="版式 / Layout",
                choices=[("自动识别 / detect", "")]
                + [(f"{lay.name} — {lay.description}", lay.name) for lay in LAYOUTS],
                value="",
                scale=4,
                elem_id="layout",
            )
            check = gr.Button("预览 / Preview", scale=1, elem_id="check")
            reparse = gr.Button("按此版式重新索引 / Re-index", scale=1, elem_id="reparse")
        reparse_message = gr.Markdown(elem_id="reparse-message")
        preview_view = gr.HTML(elem_id="preview")

        documents.select(self.pick_document, None, document, **PRIVATE)
        document.change(self.document_fields, document, fields, **PRIVATE)
        check.click(self.preview, [document, layout], preview_view, **PRIVATE)
        link_check.click(self.preview_link, link, preview_view, **PRIVATE)
        changes = [
            files.upload(
                self.upload, files, [results, upload_message, files, preview_view], concurrency_id="index", **PRIVATE
            ),
            link_add.click(
                self.add_link, link, [results, upload_message, preview_view], concurrency_id="index", **PRIVATE
            ),
            reparse.click(
                self.reindex, [document, layout], [reparse_message, preview_view], concurrency_id="index", **PRIVATE
            ),
            remove.click(self.remove, document, remove_message, concurrency_id="index", **PRIVATE),
            save.click(
                self.describe_document, [document, *fields], describe_message, concurrency_id="index", **PRIVATE
            ),
        ]
        return {"documents": documents, "document": document, "changes": changes}


def date_range(since: str | None, until: str | None) -> tuple[str, str]:
    """The since / until boxes as typed, checked (YYYY-MM-DD or empty; BadInput otherwise)."""
    given = given_values(date=since or None), given_values(date=until or None)
    return given[0].get("date", ""), given[1].get("date", "")


class Refused(Exception):
    """A handler's store failure or bad input, as the one line the UI shows (`App._store`)."""


def log_refusal(where: str, why: str) -> None:
    """One line in the app's log for a refused request (never a traceback)."""
    print(f"speechqa: refused {where}: {why}", file=sys.stderr, flush=True)


def refusal(where: str, why: str) -> gr.Error:
    """The error a refused API call raises: logged in one line here, and told to Gradio
    not to print a traceback for it."""
    log_refusal(where, why)
    return gr.Error(why, print_exception=False)


class RequestLimit:
    """ASGI middleware: a POST body over `limit` bytes is refused (HTTP 413, one line
    logged) before Gradio reads it — Gradio keeps every request's inputs in its session
    state, refused or not, so a flood of huge questions used to stay in memory. Uploads are
    left to Gradio's own file-size limit (SPEECHQA_MAX_FILE_MB)."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"].rstrip("/").endswith("/upload"):
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            return await self._refuse(scope, send, int(declared))
        body, more = [], True
        while more:  # no length given (chunked): read up to the limit
            message = await receive()
            if message["type"] != "http.request":
                return
            body.append(message.get("body", b""))
            more = message.get("more_body", False)
            if sum(map(len, body)) > self.limit:
                return await self._refuse(scope, send, sum(map(len, body)))
        whole, replayed = b"".join(body), False

        async def replay():  # the body as read, then what the client sends next (a disconnect)
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": whole, "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, scope, send, size: int) -> None:
        detail = (
            f"请求过大 / The request is {size:,} bytes, over the {self.limit:,} bytes a question may take "
            "(SPEECHQA_MAX_QUESTION_CHARS)."
        )
        address = (scope.get("client") or ("unknown",))[0]
        log_refusal(f"{scope['path']} from {address}", detail)
        await send({"type": "http.response.start", "status": 413, "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": json.dumps({"detail": detail}).encode()})


@contextlib.contextmanager
def trusted_proxies(addresses: str) -> Iterator[None]:
    """While the server is made: uvicorn takes a client's address from X-Forwarded-For
    only when the connection comes from one of `addresses` (by default it trusted any
    local connection, so anyone on the machine could rotate addresses past the login
    throttle). Empty: forwarded headers are ignored."""
    saved = os.environ.get("FORWARDED_ALLOW_IPS")
    os.environ["FORWARDED_ALLOW_IPS"] = addresses
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("FORWARDED_ALLOW_IPS", None)
        else:
            os.environ["FORWARDED_ALLOW_IPS"] = saved


def _bars(x: str, title: str, x_title: str, sort: str, elem_id: str) -> gr.BarPlot:
    """A bar chart of speeches (y) by `x`, from 0."""
    return gr.BarPlot(
        x=x,
        y="speeches",
        title=title,
        x_title=x_title,
        y_title="发言 / Speeches",
        sort=sort,
        y_lim=[0, None],
        x_label_angle=-30,
        elem_id=elem_id,
    )


def _date_range(prefix: str) -> tuple[gr.Textbox, gr.Textbox]:
    """Since / until boxes (YYYY-MM-DD)."""
    return (
        gr.Textbox(label="起始日期 / Since", placeholder="YYYY-MM-DD", scale=1, elem_id=f"{prefix}since"),
        gr.Textbox(label="截止日期 / Until", placeholder="YYYY-MM-DD", scale=1, elem_id=f"{prefix}until"),
    )


def discard_upload(path: Path) -> None:
    """Delete Gradio's copy of an uploaded file (and its folder, once empty); a file
    outside Gradio's upload folder is left alone."""
    folder = Path(gr.utils.get_upload_folder()).resolve()
    path = path.resolve()
    if folder not in path.parents:
        return
    path.unlink(missing_ok=True)
    if path.parent != folder:
        with contextlib.suppress(OSError):  # another upload still in that folder
            path.parent.rmdir()


def shown_name(name: str) -> str:
    """A file name without invisible format characters (a right-to-left override can make
    `evil\u202etxt.exe` read as `evilexe.txt`)."""
    return "".join(ch for ch in name if unicodedata.category(ch) != "Cf") or "upload"


def preview_html(preview: Preview) -> str:
    """A layout preview as HTML (all text escaped)."""
    e = html.escape
    rows = "".join(
        f"<tr><td>{e(s.who.speaker or '（叙述 / narration）')}</td><td>{e('、'.join(s.who.titles or s.who.units))}</td>"
        f"<td>{e(s.who.heading)}</td><td>{e(s.first_words)}</td></tr>"
        for s in preview.speeches[:PREVIEW_SPEECHES]
    )
    more = len(preview.speeches) - PREVIEW_SPEECHES
    warning = f'<p class="warning">⚠ {e(preview.warning)}</p>' if preview.warning else ""
    if preview.ocr:
        warning = f'<p class="ocr">文字识别 / OCR — {e(preview.ocr.line())}</p>' + warning
    if (page := preview.extraction) is not None:
        left_out = " | ".join(page.dropped) + (" | …" if page.dropped_lines > len(page.dropped) else "")
        warning += (
            f"<p>网页 / Web page: 保留 kept {page.kept_chars:,} / {page.page_chars:,} 字符 characters — "
            f"{e(' / '.join(page.first_lines))}</p>"
            f"<p>略去 / Left out ({page.dropped_lines} 行 lines): {e(left_out or '—')}</p>"
        )
    return (
        f'<div class="preview" data-format="{e(preview.format)}"><p><b>{e(preview.name)}</b>: '
        f"{e(preview.format)} — {e(preview.layout)}</p>"
        f"<p>发言人 / Speakers ({len(preview.speakers)}): {e('、'.join(preview.speakers) or '—')}</p>{warning}"
        f"<table><tr><th>发言人 Speaker</th><th>头衔 Titles</th><th>标题 Heading</th><th>开头 First words</th></tr>"
        f"{rows}</table>" + (f"<p>… {more} more</p>" if more > 0 else "") + "</div>"
    )


def logins(settings: Settings) -> list[tuple[str, str]]:
    """The (user, password) logins of `--auth` / SPEECHQA_AUTH and of the `--auth-file` /
    SPEECHQA_AUTH_FILE lines (`user:password`; blank lines and `#` comments skipped)."""
    found = [_login(settings.auth, "--auth / SPEECHQA_AUTH")] if settings.auth else []
    if settings.auth_file:
        path = Path(settings.auth_file)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise SystemExit(f"--auth-file {path}: cannot read it ({one_line(error)})") from error
        for number, line in enumerate(lines, 1):
            if line.strip() and not line.lstrip().startswith("#"):
                found.append(_login(line.strip(), f"{path}:{number}"))
        if not found:
            raise SystemExit(f"--auth-file {path}: no user:password line in it")
    return found


def _login(value: str, where: str) -> tuple[str, str]:
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise SystemExit(f"{where}: a login must be user:password")
    return user, password


class LoginThrottle:
    """ASGI middleware: a client address with `attempts` failed logins in the last `window`
    seconds gets its next logins refused (HTTP 429, one line) until the oldest failure is
    that old. Only `POST …/login` is looked at; everything else passes straight through."""

    def __init__(self, app, attempts: int, window: float):
        self.app, self.attempts, self.window = app, attempts, window
        self.failures: dict[str, list[float]] = {}  # address → times of recent failed logins

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST" or not scope["path"].rstrip("/").endswith("/login"):
            return await self.app(scope, receive, send)
        address = (scope.get("client") or ("unknown",))[0]
        now = time.monotonic()
        recent = [t for t in self.failures.pop(address, []) if now - t < self.window]
        if len(recent) >= self.attempts:
            self.failures[address] = recent
            wait = math.ceil(self.window - (now - recent[0]))
            detail = (
                f"Too many failed logins from {address}: {len(recent)} in {self.window:g} s "
                f"(SPEECHQA_LOGIN_ATTEMPTS); try again in {wait} s."
            )
            headers = [(b"content-type", b"application/json"), (b"retry-after", str(wait).encode())]
            await send({"type": "http.response.start", "status": 429, "headers": headers})
            await send({"type": "http.response.body", "body": json.dumps({"detail": detail}).encode()})
            return
        status = {}

        async def noting_status(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        await self.app(scope, receive, noting_status)
        if status.get("code") != 200:
            self.failures[address] = [*recent, time.monotonic()]
            if len(self.failures) > 10_000:  # many addresses: forget those whose failures are old
                self.failures = {a: t for a, t in self.failures.items() if now - t[-1] < self.window}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python app.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="TRANSCRIPT_OR_FOLDER", help="transcripts to index before serving"
    )
    add_settings_arguments(parser, "app")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = settings_from_args(args)
    auth = logins(settings)
    try:
        with store_errors(settings):
            library = Library(settings)
            answerer = make_answerer(library, settings)
            if args.paths:
                print(f"indexing {len(args.paths)} path(s)…", flush=True)
                summary = Indexer(library).add_paths(args.paths)
                print_summary(summary, "indexed")
            library.refresh()
            library.warm_up()  # now: the first question is not slowed down
    except (StoreError, BadInput) as error:
        print(f"error: {one_line(error)}", file=sys.stderr)
        return 2
    named = attributed(library.speeches)
    # Gradio's copies of uploads and exports in a folder of this process only this user can read
    private = tempfile.TemporaryDirectory(prefix="speechqa-gradio-")
    os.environ.setdefault("GRADIO_TEMP_DIR", private.name)
    if not auth and settings.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"speechqa: warning: listening on {settings.host} without a login — anyone who can reach this "
            "machine can read and change the index; set --auth or SPEECHQA_AUTH",
            file=sys.stderr,
            flush=True,
        )
    try:
        demo, url = App(settings, library, answerer).launch(auth)
    except OSError as error:  # Gradio: "Cannot find empty port in range: …"
        print(
            f"error: cannot serve on {settings.host}:{settings.port} ({one_line(error).split('.')[0]}); "
            "is another app using it? choose another with --port or SPEECHQA_PORT",
            file=sys.stderr,
        )
        return 2
    print(
        f"speechqa: {len(library.records)} documents, {named} attributed speeches "
        f"({len(library.speeches)} speeches) indexed; answers: {answerer.mode}",
        flush=True,
    )
    print(f"speechqa: serving {url}" + (" (login required)" if auth else ""), flush=True)
    try:
        demo.block_thread()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
