"""The Ask tab (问答): a chat whose answers stream in, with filters and the sources panel;
the last answer exported as .md or .docx; and `/ask`, the API returning an answer as JSON
(the shape of `python -m qa ask --json`)."""

from __future__ import annotations

import html
import queue
import threading
import traceback
from collections.abc import Iterator
from dataclasses import dataclass

import gradio as gr

from config import Settings
from index.records import BadInput, one_line
from qa.answer import Answerer, check_question
from qa.export import write_answer
from qa.records import Answer
from qa.resolve import Conversation
from ui.common import PRIVATE, Refused, date_boxes, date_range, log_refusal, refusal, refusing
from ui.security import Exports
from ui.sources import Sources

EXAMPLES = [
    "谁提出了“湾区大党委”体制机制？",
    "教育局说了什么？",
    "哪些单位提到了营商环境或招商引资？",
    "Who spoke about building a red square under an old banyan tree?",
]
SHOWN_CHARS = 200  # of a refused question, shown back in the chat
CHAT_PLACEHOLDER = (
    "**还没有可以提问的讲话稿 / Nothing to ask about yet?**\n\n"
    "1. 在“讲话稿 / Transcripts”页上传 .txt / .md / .docx / .pdf / .json 讲话稿 — upload transcripts on the "
    "Transcripts tab;\n2. 或者在启动时给出文件或文件夹 — or name files and folders when starting: "
    "`./speechqa app meetings/`;\n3. 然后提问，例如“教育局说了什么？” — then ask, e.g. *What did the education "
    "bureau say?* Every answer names the speaker and unit and quotes their words."
)
SOURCES_PLACEHOLDER = "<p>回答中的 [n] 引用会在这里列出发言人、单位和原文 / The sources cited as [n] appear here.</p>"
_DONE = object()  # the last item of an answer's token queue


@dataclass(eq=False)
class AskTab:
    """The chat, its filters, its exports, and the `/ask` API."""

    settings: Settings
    answerer: Answerer
    sources: Sources
    exports: Exports

    def ask_api(self, question: str) -> dict:
        """Answer one question; returns the answer as JSON (question, answer, found, citations)."""
        if not isinstance(question, str | None):
            raise refusal("/ask", f"问题须为文字 / The question must be text, not {type(question).__name__}.")
        try:
            check_question(question or "", self.settings.max_question_chars)
            with refusing(self.settings):
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
            yield self._refused(question, history, conversation, one_line(error))
            return
        question = question.strip()
        if not question:
            yield history, conversation, gr.update(), gr.update()
            return
        history += [{"role": "user", "content": html.escape(question)}, {"role": "assistant", "content": "…"}]
        yield history, conversation, "", ""  # the previous answer's sources go, and the asked question
        filters = {"speaker": speakers or (), "unit": units or (), "doc_id": meetings or ()}
        tokens, outcome = self._answering(question, conversation, since, until, filters)
        yield from self._streamed(tokens, outcome, history, conversation)

    @staticmethod
    def _refused(question: str, history: list, conversation: Conversation, why: str) -> tuple:
        """The chat after a question refused before any work: the question (cut short), the reason."""
        log_refusal("chat", why)
        shown = question[:SHOWN_CHARS] + ("…" if len(question) > SHOWN_CHARS else "")
        history += [
            {"role": "user", "content": html.escape(shown)},
            {"role": "assistant", "content": html.escape(f"⚠ {why}")},
        ]
        return history, conversation, gr.update(), ""

    def _answering(self, question: str, conversation: Conversation, since, until, filters: dict) -> tuple:
        """Answer in a thread of its own: its tokens arrive on the queue, then `_DONE`; the
        outcome holds the answer, or the one line saying why there is none."""
        tokens: queue.Queue = queue.Queue()
        outcome: dict = {}

        def work() -> None:
            try:
                with refusing(self.settings):
                    first, last = date_range(since, until)
                    outcome["answer"] = self.answerer.ask(
                        question, conversation, since=first, until=last, on_token=tokens.put, **filters
                    )
            except Refused as refused:
                outcome["error"] = str(refused)
            except Exception as error:  # never a stack trace in the UI; the log keeps it
                traceback.print_exc()
                outcome["error"] = f"⚠ 出错了 / Something went wrong: {type(error).__name__}: {one_line(error)}"
            finally:
                tokens.put(_DONE)

        threading.Thread(target=work, daemon=True).start()
        return tokens, outcome

    def _streamed(self, tokens: queue.Queue, outcome: dict, history: list, conversation: Conversation):
        """The chat as the answer's tokens arrive, then the verified answer and its sources."""
        written = ""
        while (token := tokens.get()) is not _DONE:
            written += token
            history[-1] = {"role": "assistant", "content": html.escape(written)}
            yield history, conversation, gr.update(), gr.update()  # what is typed meanwhile stays
        if "error" in outcome:
            history[-1] = {"role": "assistant", "content": html.escape(outcome["error"])}
            error = f'<div class="sources" data-turn="error">{html.escape(outcome["error"])}</div>'
            yield history, conversation, error, gr.update()
            return
        answer: Answer = outcome["answer"]
        if not written:  # extractive: the whole answer at once, shown in a few pieces
            lines = answer.text.split("\n")
            for i in range(1, len(lines)):
                history[-1] = {"role": "assistant", "content": html.escape("\n".join(lines[:i]))}
                yield history, conversation, gr.update(), gr.update()
        history[-1] = {"role": "assistant", "content": html.escape(answer.text)}  # the verified text
        yield history, conversation, self.sources.html(answer, len(conversation.turns)), gr.update()

    @staticmethod
    def new_conversation() -> tuple:
        """An empty chat: what the chat shows, the conversation, the sources panel, the
        question box, and the history the session keeps."""
        return [], Conversation(), SOURCES_PLACEHOLDER, "", []

    def export_answer(self, conversation, fmt: str) -> str | None:
        """The last answer of the conversation as a .md or .docx file to download."""
        last = conversation.turns[-1].answer if isinstance(conversation, Conversation) and conversation.turns else None
        if last is None:
            raise gr.Error("还没有可导出的回答 / Ask a question first.")
        return self.exports.handed_out(write_answer(last, self.exports.path(f"answer{fmt}")))

    def layout(self) -> dict:
        """The tab's components and events; returns the filters a catalog reload updates."""
        with gr.Row():
            with gr.Column(scale=3):
                chat = self._chat_column()
            with gr.Column(scale=2):
                gr.Markdown("### 引用来源 / Sources")
                sources = gr.HTML(SOURCES_PLACEHOLDER, elem_id="sources")
        conversation = gr.State(Conversation())
        history = gr.State([])  # the chat as shown, kept here: the browser sends only the question
        ask_event = {
            "fn": self.chat,
            "inputs": [chat["question"], history, conversation, *chat["filters"]],
            "outputs": [chat["chatbot"], conversation, sources, chat["question"]],
            "concurrency_limit": 4,
            "trigger_mode": "always_last",  # a question asked while one streams runs next, not never
            **PRIVATE,
        }
        chat["question"].submit(**ask_event)
        chat["send"].click(**ask_event)
        cleared = [chat["chatbot"], conversation, sources, chat["question"], history]
        chat["new_chat"].click(self.new_conversation, None, cleared, **PRIVATE)
        for button, fmt in ((chat["export_md"], ".md"), (chat["export_docx"], ".docx")):
            button.click(lambda c, fmt=fmt: self.export_answer(c, fmt), conversation, chat["exported"], **PRIVATE)
        speakers, units, _, _, meetings = chat["filters"]
        return {"speakers": speakers, "units": units, "meetings": meetings}

    def _chat_column(self) -> dict:
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
            since, until = date_boxes("")
        with gr.Row():
            new_chat = gr.Button("新对话 / New conversation", size="sm")
            export_md = gr.Button("导出 Markdown / Export .md", size="sm", elem_id="export-md")
            export_docx = gr.Button("导出 Word / Export .docx", size="sm", elem_id="export-docx")
        exported = gr.File(label="导出的回答 / Exported answer", interactive=False, elem_id="exported")
        gr.Examples(EXAMPLES, inputs=[question], label="示例问题 / Example questions")
        return {
            "chatbot": chatbot,
            "question": question,
            "send": send,
            "filters": [speakers, units, since, until, meetings],
            "new_chat": new_chat,
            "export_md": export_md,
            "export_docx": export_docx,
            "exported": exported,
        }
