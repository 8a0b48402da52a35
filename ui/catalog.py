"""Everything that shows the index, refreshed together: after every change to it, and
whenever a tab that shows it is opened (another process may have changed it)."""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from config import Settings
from index.library import Library
from index.records import attributed
from qa.export import markdown_text
from qa.speakers import groups_of, speaker_choices
from ui.common import guarded
from ui.transcripts import TranscriptsTab
from ui.who import WhoTab

EMPTY_INDEX = (
    "索引为空：请在“讲话稿 / Transcripts”页上传讲话稿，或用命令索引一个文件夹：`./speechqa app 文件夹` / "
    "The index is empty: upload transcripts on the Transcripts tab, or index a folder with "
    "`./speechqa app FOLDER` (or `python -m index add FOLDER`)."
)


@dataclass(eq=False)
class CatalogView:
    """The status line, the chat's filters, the who-said-what tables and the documents."""

    settings: Settings
    library: Library
    who: WhoTab

    @guarded(lambda line: (markdown_text(line), *[gr.update()] * 8))
    def reload(self, search: str = "", speakers=None, units=None, grouping: str = "speaker", meetings=None) -> tuple:
        """Fresh values for everything that shows the index: status line, chat filters,
        who-said-what rows (all, and those matching `search`), the speakers or units across
        meetings, documents, the document list and the meeting filter. The filters keep
        what is chosen in them and still indexed."""
        catalog = self.library.snapshot()
        rows = self.who.speech_rows()
        all_speakers = speaker_choices(groups_of(self.library, "speaker"))
        records = catalog.records
        all_units = sorted({u for s in catalog.speeches for u in s.who.units})
        documents, choices = TranscriptsTab.listed(records)
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
            _kept(all_speakers, speakers),
            _kept(all_units, units),
            rows,
            self.who.filter_rows(rows, search),
            self.who.group_rows(grouping),
            documents,
            gr.update(choices=choices, value=None),
            _kept(meeting_choices, meetings),
        )


def _kept(choices: list, chosen) -> dict:
    """A filter's new choices, keeping what was chosen among them."""
    values = {c[1] if isinstance(c, tuple) else c for c in choices}
    return gr.update(choices=choices, value=[v for v in chosen or [] if v in values])
