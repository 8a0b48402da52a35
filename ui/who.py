"""The Who said what tab (谁说了什么): speakers or units across meetings, every speech
(searchable), a selected row's speeches or whole text, and either table as .csv or .xlsx."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import gradio as gr

from config import Settings
from index.library import Library
from index.records import meeting_label
from qa.export import write_table
from qa.speakers import GROUP_COLUMNS, SPEECH_COLUMNS, groups_of, speech_text, table, who_said_what
from ui.common import IN_ORDER, PRIVATE, guarded, paragraph
from ui.security import Exports

# the columns of qa.speakers' speech table shown in the app (`filter_rows`), and the speech's id
WSW_HEADERS = [header for header, key in SPEECH_COLUMNS if key not in ("doc_title", "source")] + ["id"]
GROUPINGS = [("按发言人 / By speaker", "speaker"), ("按单位 / By unit", "unit")]


@dataclass(eq=False)
class WhoTab:
    """The who-said-what tables and what a selected row shows."""

    settings: Settings
    library: Library
    exports: Exports
    # who-said-what rows, by change token; the first point of each speech, by speech key (qa.speakers)
    _rows: tuple[str | None, list[dict]] = field(default_factory=lambda: (None, []), init=False)
    _points: dict[str, str] = field(default_factory=dict, init=False)

    def speech_rows(self) -> list[dict]:
        """Who-said-what rows of the library as last refreshed (read again when it changed)."""
        if self._rows[0] != self.library.token:
            self._rows = (self.library.token, who_said_what(self.library, self._points))
        return self._rows[1]

    @classmethod
    def search_rows(cls, rows: list[dict], search: str) -> tuple[list[list], str]:
        """The table for a new search, and the search kept for the next catalog reload."""
        return cls.filter_rows(rows, search), search

    @staticmethod
    def filter_rows(rows: list[dict], search: str) -> list[list]:
        """Who-said-what table rows whose text contains every word of `search`."""
        words = (search or "").lower().split()
        found = []
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
                found.append(cells)
        return found

    def group_rows(self, grouping: str) -> dict:
        """The grouped table: one row per speaker or unit, with their meetings and a count."""
        headers = [header for header, _ in GROUP_COLUMNS[grouping]]
        rows = [
            [g.name, "、".join(g.members(grouping)), len(g.speeches), "；".join(g.meetings)]
            for g in groups_of(self.library, grouping)
        ]
        return {"headers": headers, "data": rows or [[""] * len(headers)]}

    @guarded(paragraph)
    def show_group(self, grouping: str, evt: gr.SelectData) -> str:
        """The speeches of the selected speaker or unit, meeting by meeting (escaped)."""
        row = evt.row_value or []
        if len(row) < 2 or not row[0]:
            return ""
        self.library.refresh()
        groups = groups_of(self.library, grouping)
        group = next((g for g in groups if g.name == row[0] and "、".join(g.members(grouping)) == row[1]), None)
        self.speech_rows()  # the first points, by speech key
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

    @guarded(paragraph)
    def show_speech(self, evt: gr.SelectData) -> str:
        """The whole speech of the selected who-said-what row (escaped)."""
        row = evt.row_value or []
        doc_id, _, index = str(row[-1] if row else "").rpartition(":")
        if not doc_id or not index.isdigit():
            return ""
        self.library.refresh()
        text = speech_text(self.library, doc_id, int(index))
        speech = self.library.speech_at(doc_id, int(index))
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
        path = self.exports.path(f"who-said-what-{grouping}{fmt}")
        return self.exports.handed_out(write_table(headers, cells, path))

    def layout(self) -> dict:
        """The tab's components and events; returns what a catalog reload reads and updates."""
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
