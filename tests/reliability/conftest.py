"""Fixtures for the reliability suite: a store probe run as a separate reader process,
a headless Chromium (Debian's, driven by Playwright) and one shared browser-facing app.

Everything is real: embedded Chroma (or a `chroma run` server), the bundled e5 model,
`python -m index` and `python app.py` subprocesses, Gradio and Chromium. Network traffic
stays on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import CHROMIUM, DIGEST, NO_CHROMIUM, REPO, AppProcess, launch_chromium, start_app, write

PROBE_TIMEOUT = 180  # seconds for one probe process (imports, model load, one question)

# What a *reader* sees, from a fresh process (as the app or `python -m qa` would): it opens
# the store without recovering anything, so a crashed writer's leftovers are still there.
PROBE = r"""
import json, sys
from config import Settings
from index.library import Library
from qa.retrieve import dense_search

data, url, question = sys.argv[1], sys.argv[2], sys.argv[3]
settings = Settings.from_env(environ={}, data_dir=data, chroma_url=url)
library = Library(settings)
store = library._store
collection = store.chunks()
stored = collection.get(include=["metadatas"]) if collection is not None else {"ids": [], "metadatas": []}
versions = {}
for chunk_id, meta in zip(stored["ids"], stored["metadatas"]):
    key = f"{meta['doc_id']}:{meta['version']}"
    versions[key] = versions.get(key, 0) + 1
texts = store.docs.get(where={"kind": {"$in": ["text", "raw"]}}, include=["metadatas"])["metadatas"]
records = []
for r in store.documents():
    entry = {k: getattr(r, k) for k in ("doc_id", "source", "title", "version", "pending", "stale", "removing", "chunks")}
    entry["visible"] = r.visible
    seen = library.record(r.doc_id)  # what readers see, speeches included
    entry["speakers"] = [s.who.speaker for s in seen.speeches if s.who.speaker] if seen else []
    if r.visible:
        ids, chunk_texts, metas = store.chunk_rows(r.doc_id, r.version)
        source = library.source_text(r.doc_id)
        entry["visible_chunks"] = len(ids)
        entry["verbatim"] = all(source[m["start"]:m["end"]] == t for t, m in zip(chunk_texts, metas))
        entry["text_chars"] = len(source)
    records.append(entry)
active = {r.doc_id: r.version for r in library.records}
visible_ids = set()
for doc_id, version in active.items():
    visible_ids.update(store.chunk_rows(doc_id, version)[0])
out = {
    "records": records,
    "chunk_versions": versions,
    "text_versions": sorted({f"{m['doc_id']}:{m['version']}" for m in texts}),
    "all_chunks": len(stored["ids"]),
    "visible_chunks": len(visible_ids),
    "lexical_equals_visible": library._lexical.chunk_ids == visible_ids,
    "lexical_chunks": len(library._lexical.chunk_ids),
}
if question:
    from qa.answer import Answerer
    vector = library.embed_query(question)
    dense = dense_search(library, vector, 40, None)
    out["dense_only_active"] = all(active.get(h.who.doc_id) == h.who.version for h in dense)
    out["dense_hits"] = len(dense)
    lexical = library.bm25(question, 40)
    out["lexical_only_visible"] = all(chunk_id in visible_ids for chunk_id, *_ in lexical)
    answer = Answerer(library).ask(question)
    out["answer"] = {
        "found": answer.found,
        "text": answer.text,
        "speakers": answer.speakers,
        "citations": [
            {"speaker": c.who.speaker, "doc_id": c.who.doc_id, "version": c.who.version, "quote": c.quote,
             "verbatim": library.source_text(c.who.doc_id, c.who.version)[c.start:c.end] == c.quote}
            for c in answer.citations
        ],
    }
print(json.dumps(out, ensure_ascii=False))
"""


def run_probe(data: Path, question: str = "", chroma_url: str = "") -> dict:
    """Open the store in a fresh reader process and report what it sees (see PROBE)."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(data), chroma_url, question],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=PROBE_TIMEOUT,
        env={k: v for k, v in os.environ.items() if not k.startswith("SPEECHQA_")},
    )
    assert result.returncode == 0, f"the reader process failed:\n{result.stderr[-3000:]}"
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def probe() -> Callable[..., dict]:
    """`probe(data, question="", chroma_url="")`: what a fresh reader process sees."""
    return run_probe


@pytest.fixture(scope="session")
def e5():
    """The bundled multilingual-e5-small, loaded once for the in-process tests."""
    from index.embed import E5Embeddings

    return E5Embeddings()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (skips when Debian's chromium is missing)."""
    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, tmp_path):
    """A fresh page (60 s default timeouts); a screenshot is left in tmp_path at the end."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    expect.set_options(timeout=60_000)
    try:
        yield page
    finally:
        try:
            page.screenshot(path=tmp_path / "last.png", full_page=True)
        finally:
            context.close()


@pytest.fixture(scope="session")
def web_app(tmp_path_factory) -> Iterator[AppProcess]:
    """One `python app.py` for the browser tests: the small digest indexed at start, a
    0.05 MB file limit and at most 4 files per upload (so the limits are cheap to hit),
    default host (127.0.0.1)."""
    folder = tmp_path_factory.mktemp("web")
    transcript = write(folder / "digest.md", DIGEST)
    with start_app(folder / "data", transcript, args=("--max-file-mb", "0.05", "--max-upload-files", "4")) as app:
        app.transcript = transcript
        yield app
