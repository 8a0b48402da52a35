"""An uploaded transcript is not left readable through Gradio's file route: once indexed
(the store keeps its text) Gradio's copy is deleted, so after its document is removed
`/gradio_api/file=…` has nothing to serve. A real Gradio server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from helpers import DIGEST, free_port, settings_for

from app import App
from index.library import Library
from qa.llm import make_answerer

pytestmark = pytest.mark.slow  # a Gradio server


def test_an_upload_is_not_served_after_its_document_is_removed(tmp_path):
    settings = settings_for(tmp_path / "data", embedding_model="hashing", port=free_port())
    library = Library(settings)
    app = App(settings, library, make_answerer(library, settings))
    demo, url = app.launch([])
    try:
        with httpx.Client(base_url=url, trust_env=False, timeout=60) as http:
            files = {"files": ("secret-minutes.md", DIGEST.encode(), "text/markdown")}
            (path,) = http.post("/gradio_api/upload", files=files).raise_for_status().json()
            assert http.get(f"/gradio_api/file={path}").text == DIGEST  # what the route serves

            table, *_ = app.transcripts.upload([path])  # what the upload event runs
            assert table[0][1].startswith("added")
            (record,) = library.records
            assert app.transcripts.remove(record.doc_id).startswith("已删除")
            assert http.get(f"/gradio_api/file={path}").status_code in (403, 404)  # Gradio: 403 for a missing file
            assert not Path(path).exists()
    finally:
        demo.close()
