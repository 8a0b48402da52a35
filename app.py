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
import queue
import re
import sys
import threading
import time
import traceback
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import gradio as gr
from starlette.middleware import Middleware

from config import Settings, add_settings_arguments, settings_from_args
from index.cli import print_summary
from index.formats import FORMATS, describe
from index.library import Library
from index.pipeline import FileResult, Indexer
from index.preview import Preview
from index.read import SUPPORTED_SUFFIXES
from index.records import BadInput, attributed, one_line
from index.store import StoreError, store_errors
from index.text import paragraph_spans, squash_breaks
from qa.answer import Answerer
from qa.llm import make_answerer
from qa.records import Answer, Citation
from qa.resolve import Conversation
from qa.speakers import speech_text, who_said_what

UPLOAD_TYPES = sorted(SUPPORTED_SUFFIXES)
CONTEXT_CHARS = 300  # paragraph text shown on each side of a quote in the sources panel
EXAMPLES = [
    "谁提出了“湾区大党委”体制机制？",
    "教育局说了什么？",
    "哪些单位提到了营商环境或招商引资？",
    "Who spoke about building a red square under an old banyan tree?",
]
WSW_HEADERS = [
    "发言人 Speaker",
    "单位 Units",
    "职务 Roles",
    "标题 Heading",
    "文档 Document",
    "片段 Chunks",
    "要点 First point",
    "id",
]
DOC_HEADERS = ["标题 Title", "来源 Source", "发言 Speeches", "片段 Chunks", "doc_id"]
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
NO_DOCUMENT = "请先选择一份讲话稿 / Choose a document first."
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

    # -- chat ------------------------------------------------------------------------
    def ask_api(self, question: str) -> dict:
        """Answer one question; returns the answer as JSON (question, answer, found, citations)."""
        if not isinstance(question, str | None):
            raise gr.Error(f"问题须为文字 / The question must be text, not {type(question).__name__}.")
        if question and len(question) > (limit := self.settings.max_question_chars):
            raise gr.Error(
                f"问题过长 / The question is {len(question):,} characters, over the {limit:,} limit (SPEECHQA_MAX_QUESTION_CHARS)."
            )
        try:
            with store_errors(self.settings):
                return self.answerer.ask(question or "").to_dict()
        except StoreError as error:
            raise gr.Error(f"存储错误 / Store error: {one_line(error)}") from error
        except Exception as error:  # one line for the caller; the log keeps the trace
            traceback.print_exc()
            raise gr.Error(f"出错了 / Something went wrong: {type(error).__name__}: {one_line(error)}") from error

    def chat(self, question, history, conversation, speakers, units) -> Iterator[tuple]:
        """Stream an answer into the chat; the sources panel follows when it is complete."""
        question = (question or "").strip()
        history = list(history or [])
        conversation = conversation if isinstance(conversation, Conversation) else Conversation()
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
                with store_errors(self.settings):
                    outcome["answer"] = self.answerer.ask(
                        question, conversation, speaker=speakers or (), unit=units or (), on_token=tokens.put
                    )
            except StoreError as error:
                outcome["error"] = f"⚠ 存储错误 / Store error: {one_line(error)}"
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
            with store_errors(self.settings):
                body = "".join(self._citation_html(c) for c in answer.citations)
        except StoreError as error:
            body = f"<p>⚠ 存储错误 / Store error: {html.escape(one_line(error))}</p>"
        body = body or "<p>（本次回答没有引用 / no citations）</p>"
        return f'<div class="sources" data-turn="{turn}">{body}</div>'

    def _citation_html(self, c: Citation) -> str:
        e = html.escape
        who = e(c.speaker) if c.speaker else "（导语，无发言人 / introduction, no speaker）"
        titles = [t for t in c.titles if t != c.speaker]
        meta = [
            ("单位 Units", "、".join(c.units)),
            ("职务 Roles", "、".join(c.roles)),
            ("头衔 Titles", "、".join(titles)),
            ("标题 Heading", c.heading),
            ("文档 Document", f"《{c.doc_title}》" if c.doc_title else ""),
            ("来源 Source", f"{c.source} [{c.start}:{c.end}]"),
        ]
        rows = "".join(f'<div class="src-meta">{e(label)}: {e(value)}</div>' for label, value in meta if value)
        return (
            f'<div class="src" id="source-{c.n}"><div class="src-head">[{c.n}] {who}</div>{rows}'
            f'<p class="src-text">{self._quote_in_paragraph(c)}</p></div>'
        )

    def _quote_in_paragraph(self, c: Citation) -> str:
        """The paragraph around [start, end] (page-break fragments joined), quote in <mark>."""
        e = html.escape
        text = self.library.source_text(c.doc_id, c.version) if c.doc_id else ""
        if text[c.start : c.end] != c.quote:  # document removed or replaced since
            return f"<mark>{e(squash_breaks(c.quote))}</mark>"

        def readable(start: int, end: int) -> str:  # line numbers and running headers left out
            return self.library.readable(c.doc_id, start, end, c.version)

        quote = readable(c.start, c.end)
        speech = self.library.speech_at(c.doc_id, c.speech_index)
        lo, hi = (
            (speech.start, speech.end) if speech and speech.start <= c.start < c.end <= speech.end else (0, len(text))
        )
        spans = [s for s in paragraph_spans(text, lo, hi) if s[0] < c.end and c.start < s[1]]
        start = min([c.start, *(s[0] for s in spans)])
        end = max([c.end, *(s[1] for s in spans)])
        paragraph = readable(start, end)
        at = paragraph.find(quote, max(0, len(readable(start, c.start)) - 2))
        if at < 0:
            return f"<mark>{e(quote)}</mark>"
        before, after = paragraph[:at], paragraph[at + len(quote) :]
        if len(before) > CONTEXT_CHARS:
            before = "…" + before[-CONTEXT_CHARS:]
        if len(after) > CONTEXT_CHARS:
            after = after[:CONTEXT_CHARS] + "…"
        return f"{e(before)}<mark>{e(quote)}</mark>{e(after)}"

    @staticmethod
    def new_conversation() -> tuple:
        return [], Conversation(), SOURCES_PLACEHOLDER, ""

    # -- catalog views ---------------------------------------------------------------
    def catalog(self, search: str = "", speakers=None, units=None) -> tuple:
        """Fresh values for everything that shows the index: status line, chat filters,
        who-said-what rows (all, and those matching `search`), documents and the remove list."""
        try:
            with store_errors(self.settings):
                with self.library.lock:
                    self.library.refresh()
                    records, speeches = self.library.records, self.library.speeches
                if self._rows[0] != self.library.token:
                    self._rows = (self.library.token, who_said_what(self.library))
                rows = self._rows[1]
        except StoreError as error:
            message = f"⚠ 存储错误 / Store error: {one_line(error)}"
            return (message, *[gr.update()] * 6)
        all_speakers = sorted({s.speaker for s in speeches if s.speaker})
        all_units = sorted({u for s in speeches for u in s.units})
        documents = [[r.title, r.source, attributed(r.speeches), r.chunks, r.doc_id] for r in records]
        choices = [(f"{r.title} — {r.source}", r.doc_id) for r in records]
        named = attributed(speeches)
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
            documents,
            gr.update(choices=choices, value=None),
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
                r["doc_title"],
                r["chunks"],
                r["first_point"][:80] + ("…" if len(r["first_point"]) > 80 else ""),
                f"{r['doc_id']}:{r['speech_index']}",
            ]
            haystack = " ".join(map(str, cells[:-1] + ["、".join(r["titles"]), r["first_point"]])).lower()
            if all(w in haystack for w in words):
                table.append(cells)
        return table

    def show_speech(self, evt: gr.SelectData) -> str:
        """The whole speech of the selected who-said-what row (escaped)."""
        row = evt.row_value or []
        doc_id, _, index = str(row[-1] if row else "").rpartition(":")
        if not doc_id or not index.isdigit():
            return ""
        try:
            with store_errors(self.settings):
                self.library.refresh()
                text = speech_text(self.library, doc_id, int(index))
                speech = self.library.speech_at(doc_id, int(index))
        except StoreError as error:
            return f"<p>⚠ 存储错误 / Store error: {html.escape(one_line(error))}</p>"
        if speech is None:
            return "<p>这篇发言已不在索引中 / This speech is no longer indexed.</p>"
        e = html.escape
        who = "、".join(speech.titles) or "、".join([*speech.units, *speech.roles])
        head = f"<h3>{e(speech.speaker)}</h3><p><b>{e(who)}</b></p>" if who else f"<h3>{e(speech.speaker)}</h3>"
        head += f"<p>{e(speech.heading)} · 《{e(speech.doc_title)}》 · {e(speech.source)}</p>"
        body = "".join(f"<p>{e(p)}</p>" for p in text.split("\n\n"))
        return f'<div class="speech">{head}{body}</div>'

    # -- transcripts -----------------------------------------------------------------
    def upload(self, files, progress=gr.Progress()) -> tuple:
        """Index uploaded files one by one; returns the per-file results and a message.
        Gradio's copies of the uploads are deleted afterwards (the store keeps the text), so
        `/gradio_api/file=…` cannot serve a transcript after its document is removed."""
        paths = [Path(f if isinstance(f, str) else f.name) for f in files or []]
        try:
            return self._upload(paths, progress)
        finally:
            for path in paths:
                discard_upload(path)

    def _upload(self, paths: list[Path], progress) -> tuple:
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
                with store_errors(self.settings):
                    indexer = Indexer(self.library, progress=report, show_bars=False)
                    results.append(indexer.add_file(path, source=f"upload:{name}", display_name=name))
            except (StoreError, BadInput) as error:
                results.append(FileResult(name, "failed", message=one_line(error)))
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
        counts = {s: sum(1 for r in results if r.status == s) for s in STATUS_LABELS}
        message = " · ".join(f"{STATUS_LABELS[s]}: {n}" for s, n in counts.items() if n)
        indexed = [r for r in results if r.status in ("added", "updated", "unchanged")]
        return table, message, None, self.preview(indexed[0].doc_id) if len(indexed) == 1 else ""

    def preview(self, doc_id: str | None, fmt: str | None = None) -> str:
        """What the parser finds in an indexed document (in layout `fmt`, or as detected):
        layout, speakers, and each speech's first words — to check before trusting answers."""
        if not doc_id:
            return f"<p>{NO_DOCUMENT}</p>"
        try:
            with store_errors(self.settings):
                preview = Indexer(self.library, show_bars=False).preview(doc_id, fmt or None)
        except (StoreError, BadInput) as error:
            return f"<p>⚠ {html.escape(one_line(error))}</p>"
        return preview_html(preview)

    def reindex(self, doc_id: str | None, fmt: str | None, progress=gr.Progress()) -> tuple[str, str]:
        """Parse an indexed document again in the chosen layout and index that version."""
        if not doc_id:
            return NO_DOCUMENT, ""

        def report(done: int, total: int, label: str) -> None:
            progress(done / max(total, 1), desc=f"{label}: {done}/{total}")

        try:
            with store_errors(self.settings):
                result = Indexer(self.library, progress=report, show_bars=False).reparse(doc_id, fmt or None)
        except (StoreError, BadInput) as error:
            return f"⚠ {one_line(error)}", ""
        message = (
            f"{STATUS_LABELS.get(result.status, result.status)}: {markdown_text(result.title)} — {result.format}, "
            f"{result.speeches} 篇署名发言 / attributed speeches"
        )
        return message, self.preview(doc_id, result.format)

    def remove(self, doc_id: str | None) -> str:
        if not doc_id:
            return NO_DOCUMENT
        try:
            with store_errors(self.settings):
                record = Indexer(self.library, show_bars=False).remove(doc_id)
        except (StoreError, BadInput) as error:
            return f"⚠ {one_line(error)}"
        return f"已删除 / Removed: {markdown_text(record.title)} ({markdown_text(record.source)})"

    @staticmethod
    def pick_document(evt: gr.SelectData):
        row = evt.row_value or []
        return gr.update(value=row[-1]) if row else gr.update()

    def launch(self, auth: list[tuple[str, str]]) -> tuple[gr.Blocks, str]:
        """Serve the UI (without blocking); returns it and its URL. At most
        `max_queue` requests wait for a worker: more are refused at once (HTTP 503,
        "Queue is full") rather than queued for minutes. With `auth` (user, password)
        logins, failed logins are throttled per client address (`LoginThrottle`)."""
        throttle = Middleware(LoginThrottle, attempts=self.settings.login_attempts, window=self.settings.login_window)
        demo = self.build()
        demo.queue(default_concurrency_limit=1, max_size=self.settings.max_queue)
        _, url, _ = demo.launch(
            server_name=self.settings.host,
            server_port=self.settings.port,
            auth=auth or None,
            app_kwargs={"middleware": [throttle]},
            max_file_size=int(self.settings.max_file_mb * 1024 * 1024),
            prevent_thread_lock=True,
            ssr_mode=False,
            quiet=True,
            css=CSS,
        )
        return demo, url

    # -- layout ----------------------------------------------------------------------
    def build(self) -> gr.Blocks:
        private = {"api_visibility": "private"}
        with gr.Blocks(title="speechqa · 讲话问答", analytics_enabled=False) as demo:
            gr.Markdown("## 讲话问答 · speechqa — 谁说了什么？ / Who said what?")
            status = gr.Markdown()
            conversation = gr.State(Conversation())
            wsw_rows = gr.State([])
            wsw_search = gr.State("")  # read when a reload runs, not when it was triggered
            with gr.Tabs():
                with gr.Tab("问答 / Ask"):
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
                                    max_length=2000,
                                )
                                send = gr.Button("提问 / Ask", variant="primary", scale=1, elem_id="ask")
                            with gr.Row():
                                speaker_filter = gr.Dropdown(
                                    label="只看发言人 / Speaker filter", multiselect=True, choices=[]
                                )
                                unit_filter = gr.Dropdown(label="只看单位 / Unit filter", multiselect=True, choices=[])
                            new_chat = gr.Button("新对话 / New conversation", size="sm")
                            gr.Examples(EXAMPLES, inputs=[question], label="示例问题 / Example questions")
                        with gr.Column(scale=2):
                            gr.Markdown("### 引用来源 / Sources")
                            sources = gr.HTML(SOURCES_PLACEHOLDER, elem_id="sources")
                with gr.Tab("谁说了什么 / Who said what") as wsw_tab:
                    search = gr.Textbox(
                        label="搜索发言人、单位、标题… / Search speaker, unit, heading…", elem_id="wsw-search"
                    )
                    wsw_table = gr.Dataframe(
                        headers=WSW_HEADERS, interactive=False, wrap=True, max_height=420, elem_id="wsw-table"
                    )
                    gr.Markdown("点击一行查看全文 / Select a row to read the whole speech.")
                    speech_view = gr.HTML(elem_id="speech")
                with gr.Tab("讲话稿 / Transcripts") as transcripts_tab:
                    gr.Markdown(
                        f"上传 .txt / .md / .json / .docx / .pdf 讲话稿（可多选，每次最多 {self.settings.max_upload_files} 个，"
                        f"每个不超过 {self.settings.max_file_mb:g} MB）。同名文件再次上传会替换旧版本。 / "
                        "Upload transcripts (several at once); uploading a changed file with the same name replaces it."
                    )
                    files = gr.File(
                        label="上传讲话稿 / Upload transcripts",
                        file_count="multiple",
                        file_types=UPLOAD_TYPES,
                        elem_id="upload",
                    )
                    upload_message = gr.Markdown(elem_id="upload-message")
                    results = gr.Dataframe(
                        headers=RESULT_HEADERS,
                        interactive=False,
                        wrap=True,
                        label="上传结果 / Results",
                        elem_id="results",
                    )
                    gr.Markdown("### 已索引的讲话稿 / Indexed documents")
                    documents = gr.Dataframe(headers=DOC_HEADERS, interactive=False, wrap=True, elem_id="documents")
                    with gr.Row():
                        to_remove = gr.Dropdown(label="选择讲话稿 / Document", choices=[], scale=4, elem_id="document")
                        remove = gr.Button("删除 / Remove", variant="stop", scale=1)
                    remove_message = gr.Markdown(elem_id="remove-message")
                    gr.Markdown(
                        "### 检查版式 / Check the layout\n"
                        "看看识别出了哪些发言人；识别不对时换一种版式重新索引。 / "
                        "See which speakers were found; if the layout was misread, choose another and re-index."
                    )
                    with gr.Row():
                        layout = gr.Dropdown(
                            label="版式 / Layout",
                            choices=[("自动识别 / detect", "")] + [(f"{f} — {describe(f)}", f) for f in FORMATS],
                            value="",
                            scale=4,
                            elem_id="layout",
                        )
                        check = gr.Button("预览 / Preview", scale=1, elem_id="check")
                        reparse = gr.Button("按此版式重新索引 / Re-index", scale=1, elem_id="reparse")
                    reparse_message = gr.Markdown(elem_id="reparse-message")
                    preview_view = gr.HTML(elem_id="preview")

            catalog_outputs = [status, speaker_filter, unit_filter, wsw_rows, wsw_table, documents, to_remove]
            catalog_inputs = [wsw_search, speaker_filter, unit_filter]
            # A reload and a search run one at a time, and each reads what the other left, so
            # the table always ends filtered by the last search over the newest rows.
            in_order = {"concurrency_id": "catalog", **private}
            ask_event = {
                "fn": self.chat,
                "inputs": [question, chatbot, conversation, speaker_filter, unit_filter],
                "outputs": [chatbot, conversation, sources, question],
                "concurrency_limit": 4,
                "trigger_mode": "always_last",  # a question asked while one streams runs next, not never
                **private,
            }
            question.submit(**ask_event)
            send.click(**ask_event)
            new_chat.click(self.new_conversation, None, [chatbot, conversation, sources, question], **private)
            search.change(self.search_rows, [wsw_rows, search], [wsw_table, wsw_search], **in_order)
            wsw_table.select(self.show_speech, None, speech_view, **private)
            documents.select(self.pick_document, None, to_remove, **private)
            files.upload(
                self.upload, files, [results, upload_message, files, preview_view], concurrency_id="index", **private
            ).then(self.catalog, catalog_inputs, catalog_outputs, **in_order)
            check.click(self.preview, [to_remove, layout], preview_view, **private)
            reparse.click(
                self.reindex, [to_remove, layout], [reparse_message, preview_view], concurrency_id="index", **private
            ).then(self.catalog, catalog_inputs, catalog_outputs, **in_order)
            remove.click(self.remove, to_remove, remove_message, concurrency_id="index", **private).then(
                self.catalog, catalog_inputs, catalog_outputs, **in_order
            )
            for refresh in (demo.load, wsw_tab.select, transcripts_tab.select):  # sees other processes' changes too
                refresh(self.catalog, catalog_inputs, catalog_outputs, **in_order)
            gr.api(self.ask_api, api_name="ask", concurrency_limit=4)
        return demo


def markdown_text(text: str) -> str:
    """Text shown in a Markdown component as it is: markup characters escaped, so a title
    such as `![x](http://…)` stays words and fetches nothing."""
    return re.sub(r"([\\`*_\[\]()#!<>|~])", r"\\\1", text)


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
        f"<tr><td>{e(s.speaker or '（叙述 / narration）')}</td><td>{e('、'.join(s.titles or s.units))}</td>"
        f"<td>{e(s.heading)}</td><td>{e(s.first_words)}</td></tr>"
        for s in preview.speeches[:PREVIEW_SPEECHES]
    )
    more = len(preview.speeches) - PREVIEW_SPEECHES
    warning = f'<p class="warning">⚠ {e(preview.warning)}</p>' if preview.warning else ""
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
            library.store.embeddings  # load the model now: the first question is not slowed down
    except (StoreError, BadInput) as error:
        print(f"error: {one_line(error)}", file=sys.stderr)
        return 2
    named = attributed(library.speeches)
    if not auth and settings.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"speechqa: warning: listening on {settings.host} without a login — anyone who can reach this "
            "machine can read and change the index; set --auth or SPEECHQA_AUTH",
            file=sys.stderr,
            flush=True,
        )
    demo, url = App(settings, library, answerer).launch(auth)
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
