"""The sources panel: each `[n]` of an answer with who said it, where, and the quote marked
inside its paragraph (all escaped). The Ask and Topics tabs show it."""

from __future__ import annotations

import html
from dataclasses import dataclass

from config import Settings
from index.library import Library
from index.records import meeting_label
from qa.quotes import quote_in_paragraph
from qa.records import Answer, Citation
from ui.common import guarded, paragraph

CONTEXT_CHARS = 300  # paragraph text shown on each side of a quote in the sources panel


@dataclass(eq=False)
class Sources:
    """Renders an answer's citations from the library's texts."""

    settings: Settings
    library: Library

    def html(self, answer: Answer, turn: int = 0) -> str:
        """Each citation: who, where, and the quote marked inside its paragraph (all escaped).
        `data-turn` tells which question of the conversation the panel belongs to."""
        body = self._citations(answer) or "<p>（本次回答没有引用 / no citations）</p>"
        return f'<div class="sources" data-turn="{turn}">{body}</div>'

    @guarded(paragraph)
    def _citations(self, answer: Answer) -> str:
        return "".join(self._citation(c) for c in answer.citations)

    def _citation(self, c: Citation) -> str:
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
            ("归属 Attribution", c.who.evidence()),  # how the page attributes it, when not by a label
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
