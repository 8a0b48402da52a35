"""The Transcripts tab (讲话稿): uploads and links to web pages indexed, with a result per
file; the indexed documents, removed or described (title, date, meeting, place); and the
layout check — what the parser finds, and a re-index in another layout."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import gradio as gr

from config import Settings
from index.formats import LAYOUTS
from index.library import Library
from index.meeting import given_values
from index.pipeline import AddSummary, FileResult, Indexer
from index.preview import Preview
from index.read import SUPPORTED_SUFFIXES
from index.records import MEETING_FIELDS, attributed
from qa.export import markdown_text
from ui.common import NO_DOCUMENT, PRIVATE, Refused, guarded, paragraph, refusing
from ui.security import discard_upload, shown_name

UPLOAD_TYPES = sorted(SUPPORTED_SUFFIXES)
DOC_HEADERS = ["标题 Title", "日期 Date", "会议 Meeting", "来源 Source", "发言 Speeches", "片段 Chunks", "doc_id"]
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
NO_LINK = "请输入网页链接 / Enter a link to a web page (http:// or https://)."
STATUS_LABELS = {
    "added": "added 已添加",
    "updated": "updated 已更新",
    "unchanged": "unchanged 未变",
    "duplicate": "duplicate 重复",
    "failed": "failed 失败",
}
INDEXING = {"concurrency_id": "index", **PRIVATE}  # one change to the index at a time


@dataclass(eq=False)
class TranscriptsTab:
    """Adding, checking, describing and removing documents."""

    settings: Settings
    library: Library

    def _indexer(self, report=None) -> Indexer:
        """An indexer calling `report(done, total, label)` as it embeds, when given."""
        return Indexer(self.library, progress=report, show_bars=False)

    # -- adding ----------------------------------------------------------------------
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
            source = f"{prefix}{name}"
            results.append(
                self._added(name, lambda: self._indexer(report).add_file(path, source=source, display_name=name))
            )
        table, message, preview = self._reported(results)
        return table, message, None, preview

    def _added(self, name: str, add) -> FileResult:
        """What `add()` reports, or a failed result holding the one line of a refusal."""
        try:
            with refusing(self.settings):
                return add()
        except Refused as refused:
            return FileResult(name, "failed", message=str(refused))

    def add_link(self, url: str | None, progress=gr.Progress()) -> tuple:
        """Fetch a web page and index its article (the link is its source)."""
        url = (url or "").strip()
        if not url:
            return [], NO_LINK, ""
        progress(0, desc=url)
        return self._reported([self._added(url, lambda: self._indexer(_bar(progress)).add_link(url))])

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

    # -- checking --------------------------------------------------------------------
    @guarded(paragraph)
    def preview_link(self, url: str | None) -> str:
        """What indexing a web page would keep (its article, its speakers) and leave out;
        nothing is written."""
        url = (url or "").strip()
        if not url:
            return f"<p>{NO_LINK}</p>"
        return preview_html(self._indexer().preview_link(url))

    @guarded(paragraph)
    def preview(self, doc_id: str | None, fmt: str | None = None) -> str:
        """What the parser finds in an indexed document (in layout `fmt`, or as detected):
        layout, speakers, and each speech's first words — to check before trusting answers."""
        if not doc_id:
            return f"<p>{NO_DOCUMENT}</p>"
        return preview_html(self._indexer().preview(doc_id, fmt or None))

    @guarded(lambda line: (markdown_text(line), ""))
    def reindex(self, doc_id: str | None, fmt: str | None, progress=gr.Progress()) -> tuple[str, str]:
        """Parse an indexed document again in the chosen layout and index that version."""
        if not doc_id:
            return NO_DOCUMENT, ""
        result = self._indexer(_bar(progress)).reparse(doc_id, fmt or None)
        message = (
            f"{STATUS_LABELS.get(result.status, result.status)}: {markdown_text(result.title)} — {result.format}, "
            f"{result.speeches} 篇署名发言 / attributed speeches"
        )
        return message, self.preview(doc_id, result.format)

    # -- documents -------------------------------------------------------------------
    @guarded(markdown_text)
    def remove(self, doc_id: str | None) -> str:
        """Remove the chosen document."""
        if not doc_id:
            return NO_DOCUMENT
        record = self._indexer().remove(doc_id)
        return f"已删除 / Removed: {markdown_text(record.title)} ({markdown_text(record.source)})"

    def document_fields(self, doc_id: str | None) -> tuple:
        """The chosen document's title, date, meeting and place, to edit."""
        record = self.library.record(doc_id) if doc_id else None
        return tuple(getattr(record, name) if record else "" for name in MEETING_FIELDS)

    @guarded(markdown_text)
    def describe_document(self, doc_id: str | None, *values: str) -> str:
        """Set the chosen document's title, date, meeting and place (nothing is re-indexed)."""
        if not doc_id:
            return NO_DOCUMENT
        given = given_values(**dict(zip(MEETING_FIELDS, values)))
        record = self._indexer().describe(doc_id, given)
        return f"已保存 / Saved: {markdown_text(record.title)} · {record.date or '—'} · {markdown_text(record.meeting_name)}"

    @staticmethod
    def pick_document(evt: gr.SelectData):
        row = evt.row_value or []
        return gr.update(value=row[-1]) if row else gr.update()

    @staticmethod
    def listed(records) -> tuple[list[list], list[tuple[str, str]]]:
        """The documents table and the document choices, for a catalog reload."""
        documents = [
            [r.title, r.date, r.meeting_name, r.source, attributed(r.speeches), r.chunks, r.doc_id] for r in records
        ]
        return documents, [(f"{r.title} — {r.source}", r.doc_id) for r in records]

    # -- layout ----------------------------------------------------------------------
    def layout(self) -> dict:
        """The tab's components and events; returns what a catalog reload updates, and the
        events that change the index (a reload follows each)."""
        adding = self._adding_section()
        gr.Markdown("### 已索引的讲话稿 / Indexed documents")
        documents = gr.Dataframe(headers=DOC_HEADERS, interactive=False, wrap=True, elem_id="documents")
        with gr.Row():
            document = gr.Dropdown(label="选择讲话稿 / Document", choices=[], scale=4, elem_id="document")
            remove = gr.Button("删除 / Remove", variant="stop", scale=1)
        remove_message = gr.Markdown(elem_id="remove-message")
        describing = self._meeting_section()
        checking = self._layout_section()
        preview_view = checking["preview"]
        documents.select(self.pick_document, None, document, **PRIVATE)
        document.change(self.document_fields, document, describing["fields"], **PRIVATE)
        checking["check"].click(self.preview, [document, checking["layout"]], preview_view, **PRIVATE)
        adding["link_check"].click(self.preview_link, adding["link"], preview_view, **PRIVATE)
        results, upload_message, files = adding["results"], adding["message"], adding["files"]
        changes = [
            files.upload(self.upload, files, [results, upload_message, files, preview_view], **INDEXING),
            adding["link_add"].click(
                self.add_link, adding["link"], [results, upload_message, preview_view], **INDEXING
            ),
            checking["reparse"].click(
                self.reindex, [document, checking["layout"]], [checking["message"], preview_view], **INDEXING
            ),
            remove.click(self.remove, document, remove_message, **INDEXING),
            describing["save"].click(
                self.describe_document, [document, *describing["fields"]], describing["message"], **INDEXING
            ),
        ]
        return {"documents": documents, "document": document, "changes": changes}

    def _adding_section(self) -> dict:
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
        message = gr.Markdown(elem_id="upload-message")
        results = gr.Dataframe(
            headers=RESULT_HEADERS, interactive=False, wrap=True, label="上传结果 / Results", elem_id="results"
        )
        return {
            "files": files,
            "link": link,
            "link_check": link_check,
            "link_add": link_add,
            "message": message,
            "results": results,
        }

    @staticmethod
    def _meeting_section() -> dict:
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
        message = gr.Markdown(elem_id="describe-message")
        return {"fields": fields, "save": save, "message": message}

    @staticmethod
    def _layout_section() -> dict:
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
        message = gr.Markdown(elem_id="reparse-message")
        preview = gr.HTML(elem_id="preview")
        return {"layout": layout, "check": check, "reparse": reparse, "message": message, "preview": preview}


def _bar(progress):
    """Indexing progress shown on Gradio's progress bar."""

    def report(done: int, total: int, label: str) -> None:
        progress(done / max(total, 1), desc=f"{label}: {done}/{total}")

    return report


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
