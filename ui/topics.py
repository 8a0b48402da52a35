"""The Topics tab (话题): which units and speakers raised a topic, meeting by meeting — two
bar charts and the list of the speeches, quoted; bars or a unit picked narrow the list."""

from __future__ import annotations

import html
from dataclasses import dataclass

import gradio as gr
import pandas as pd

from config import Settings
from index.library import Library
from qa.answer import Answerer, check_question
from qa.export import markdown_text
from qa.resolve import language_of
from qa.topics import printed_units, topic_report
from ui.common import PRIVATE, date_boxes, date_range, guarded, paragraph
from ui.sources import Sources

TOPIC_EXAMPLES = ["营商环境", "乡村振兴", "人工智能"]
NO_MENTION = "没有发言提到这个话题 / No speech mentions this topic."


def _nothing(line: str) -> tuple:
    """The tab's outputs showing one line and no counts."""
    empty = pd.DataFrame({"unit": [], "speeches": []}), pd.DataFrame({"date": [], "speeches": []})
    return (line, *empty, gr.update(choices=[], value=None), "")


@dataclass(eq=False)
class TopicsTab:
    """A topic's counts, charts and speeches."""

    settings: Settings
    library: Library
    answerer: Answerer
    sources: Sources

    @guarded(lambda line: _nothing(markdown_text(line)))
    def topic(self, term: str, since: str = "", until: str = "") -> tuple:
        """A topic's counts: a summary line, units by speeches (bar chart), mentions by
        meeting date (timeline), the units to pick from, and the list of speeches."""
        term = (term or "").strip()
        if not term:
            return _nothing("请输入一个话题 / Type a topic.")
        check_question(term, self.settings.max_question_chars)
        first, last = date_range(since, until)
        report = topic_report(self.library, term, since=first, until=last, variants=self.answerer.variants)
        listing = self.topic_answer(term, first, last) if report.speeches else f"<p>{NO_MENTION}</p>"
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

    @guarded(paragraph)
    def topic_answer(self, term: str, since: str = "", until: str = "", units=()) -> str:
        """The speeches that mention the topic (only those of `units`, as the chart groups
        them, when given), quoted."""
        term = (term or "").strip()
        if not term.strip('“”"'):
            return ""
        first, last = date_range(since, until)
        printed = printed_units(self.library, units)
        answer = self.answerer.ask(
            f"哪些发言提到了{term}？" if language_of(term) == "zh" else f"Which speakers mentioned {term}?",
            unit=printed or list(units),
            since=first,
            until=last,
        )
        sources = self.sources.html(answer)
        text = "".join(f"<p>{html.escape(line)}</p>" for line in answer.text.split("\n"))
        return f'<div class="topic-answer" data-units="{html.escape("、".join(units))}">{text}{sources}</div>'

    def topic_pick(self, term: str, since: str, until: str, evt: gr.SelectData) -> tuple:
        """Bars selected on the units chart: the answer for those units only."""
        picked = evt.value if isinstance(evt.value, list) else [evt.value]
        units = [str(u) for u in picked if u]
        return gr.update(value=units[0] if len(units) == 1 else None), self.topic_answer(term, since, until, units)

    def layout(self) -> None:
        """The tab's components and events."""
        gr.Markdown(
            "一个话题在各次会议上由哪些单位、哪些人谈到 / Which units and speakers raised a topic, meeting by meeting."
        )
        with gr.Row():
            term = gr.Textbox(label="话题 / Topic", placeholder="营商环境", scale=3, elem_id="topic-term")
            since, until = date_boxes("topic-")
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
