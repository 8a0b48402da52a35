"""The app as a user meets it: `python app.py` in a subprocess, the `/ask` API through
gradio_client, and the UI in a real headless Chromium (Debian's, driven by Playwright)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from gradio_client import Client
from helpers import (
    ANSWER_KEYS,
    CHROMIUM,
    DIGEST,
    NO_CHROMIUM,
    REPO,
    chroma_server,
    launch_chromium,
    open_app_page,
    start_app,
)

pytestmark = pytest.mark.slow  # a real app process and a browser

QUESTION = "谁提出了“湾区大党委”体制机制？"
# A second transcript, uploaded in the browser: another speaker, a distinctive phrase, and
# markup that must reach the page as text.
EDUCATION = """### 教育兴市 立德树人

三亚市教育局党委书记 吴萍

我们坚持党建引领教育发展，着力打造“雁领天涯”特色品牌，推动学校党组织书记带头抓教学、抓队伍。<script>window.__injected = 1</script><b>加粗</b>一是建强基层党组织；二是建设高素质教师队伍；三是办好人民满意的教育。
"""
CITATION_KEYS = {"n", "speaker", "units", "roles", "heading", "doc_title", "source", "start", "end", "quote", "score"}


def client(url: str, **kwargs) -> Client:
    return Client(url, verbose=False, download_files=False, **kwargs)


def test_help_lists_the_settings():
    result = subprocess.run([sys.executable, "app.py", "--help"], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    for flag in ("TRANSCRIPT_OR_FOLDER", "--data", "--port", "--host", "--auth", "--max-upload-files", "--llm"):
        assert flag in result.stdout


def test_start_indexes_the_paths_and_prints_the_url(app_server):
    log = app_server.log()
    assert f"added      {app_server.transcript}" in log
    assert f"serving http://127.0.0.1:{app_server.port}/" in log
    assert "1 documents, 3 attributed speeches" in log


def test_ask_api_returns_the_answer_as_json(app_server):
    api = client(app_server.url)
    assert set(api.view_api(print_info=False, return_format="dict")["named_endpoints"]) == {"/ask"}

    result = api.predict(QUESTION, api_name="/ask")
    assert set(result) == ANSWER_KEYS
    assert result["found"] is True and result["question"] == QUESTION
    first = result["citations"][0]
    assert CITATION_KEYS <= set(first)
    assert first["speaker"] == "鲁正兰" and "[1]" in result["answer"]
    text = app_server.transcript.read_text(encoding="utf-8")
    assert text[first["start"] : first["end"]] == first["quote"]
    assert "湾区大党委" in first["quote"]


@pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)
def test_browser_ask_upload_and_ask_again(app_server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    upload = tmp_path / "jiaoyu.txt"
    upload.write_text(EDUCATION, encoding="utf-8")
    shots = iter(range(1, 100))

    def shot(page, name: str) -> None:
        page.screenshot(path=tmp_path / f"{next(shots):02d}-{name}.png", full_page=True)

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = open_app_page(browser, app_server.url)
            question = page.locator("#question textarea")
            question.wait_for()
            expect(page.get_by_text("1 documents, 3 attributed speeches", exact=False)).to_be_visible()
            shot(page, "loaded")

            # ask; the answer names the speaker and cites; the sources panel quotes in context
            question.fill(QUESTION)
            page.locator("#ask").click()
            sources = page.locator('#sources [data-turn="1"]')
            sources.wait_for()
            bot = page.locator('#chat [data-testid="bot"]')
            expect(bot.last).to_contain_text("鲁正兰")
            expect(bot.last).to_contain_text("[1]")
            expect(sources).to_contain_text("[1] 鲁正兰")
            expect(sources.locator("mark").first).to_contain_text("湾区大党委")
            shot(page, "answer")

            # a follow-up keeps the conversation: "他" is 鲁正兰
            question.fill("他还说了什么？")
            question.press("Enter")
            page.locator('#sources [data-turn="2"]').wait_for()
            expect(bot).to_have_count(2)
            expect(bot.last).to_contain_text("鲁正兰")
            shot(page, "follow-up")

            # upload a new transcript; the per-file result says it was added
            page.get_by_role("tab", name="讲话稿 / Transcripts").click()
            page.locator("#upload input[type=file]").set_input_files(str(upload))
            expect(page.locator("#results")).to_contain_text("added", timeout=90_000)
            expect(page.locator("#results")).to_contain_text("jiaoyu.txt")
            expect(page.locator("#documents")).to_contain_text("upload:jiaoyu.txt")
            shot(page, "uploaded")

            # a new conversation; a question only the new file answers
            page.get_by_role("tab", name="问答 / Ask").click()
            page.get_by_role("button", name="新对话 / New conversation").click()
            expect(bot).to_have_count(0)
            question.fill("谁提出打造“雁领天涯”特色品牌？")
            page.locator("#ask").click()
            sources = page.locator('#sources [data-turn="1"]')
            sources.wait_for()
            expect(bot.last).to_contain_text("吴萍")
            expect(sources).to_contain_text("[1] 吴萍")
            expect(sources).to_contain_text("三亚市教育局")
            expect(sources).to_contain_text("<script>window.__injected = 1</script><b>加粗</b>")  # shown as text
            assert page.locator("#sources script, #sources b").count() == 0
            assert page.evaluate("window.__injected") is None
            shot(page, "new-file-answer")

            # who said what: the new speech is listed, searchable, and opens in full
            page.get_by_role("tab", name="谁说了什么 / Who said what").click()
            page.locator("#wsw-search textarea, #wsw-search input").first.fill("吴萍")
            rows = page.locator('#wsw-table [role="row"][data-index]')  # body rows, not the header
            expect(rows).to_have_count(1)
            expect(rows.first).to_contain_text("三亚市教育局")
            page.locator('#wsw-table [data-testid="cell-0-0"]').click()
            expect(page.locator("#speech")).to_contain_text("三是办好人民满意的教育")
            shot(page, "who-said-what")

            # remove the uploaded transcript: pick its row, press remove; the views forget it
            page.get_by_role("tab", name="讲话稿 / Transcripts").click()
            documents = page.locator("#documents")
            expect(documents).to_contain_text("upload:jiaoyu.txt")
            documents.locator('[role="gridcell"]', has_text="upload:jiaoyu.txt").click()
            # the row's pick reaches the document box before remove is pressed (on a busy machine
            # the click had come first: "Choose a document first")
            expect(page.locator("#document input")).to_have_value(re.compile("upload:jiaoyu.txt"))
            page.get_by_role("button", name="删除 / Remove").click()
            expect(page.locator("#remove-message")).to_contain_text("upload:jiaoyu.txt")
            expect(documents).not_to_contain_text("upload:jiaoyu.txt")
            expect(page.get_by_text("1 documents, 3 attributed speeches", exact=False)).to_be_visible()
            shot(page, "removed")
        finally:
            browser.close()


@pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)
def test_empty_app_first_screen_says_how_to_add_transcripts(tmp_path):
    from playwright.sync_api import expect, sync_playwright

    with start_app(tmp_path / "data") as app, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page()
            page.goto(app.url, timeout=90_000)
            expect(page.locator("#chat")).to_contain_text("Nothing to ask about yet", timeout=60_000)
            expect(page.locator("#chat")).to_contain_text("./speechqa app meetings/")
            expect(page.get_by_text("The index is empty", exact=False)).to_be_visible()
        finally:
            browser.close()


def test_empty_index_restart_and_login(tmp_path):
    """An empty index answers how to add transcripts; a second start re-embeds nothing;
    --auth puts the app behind a login."""
    transcript = tmp_path / "lu.txt"
    transcript.write_text("\n### ".join(DIGEST.split("\n### ")[:2]), encoding="utf-8")
    data = tmp_path / "data"

    with start_app(data) as app:
        empty = client(app.url).predict(QUESTION, api_name="/ask")
        assert empty["found"] is False and empty["citations"] == []
        assert "python -m index add" in empty["answer"] and "讲话稿 / Transcripts" in empty["answer"]
    with start_app(data, transcript) as app:
        assert f"added      {transcript}" in app.log()
    with start_app(data, transcript, args=("--auth", "ann:secret")) as app:
        assert f"unchanged  {transcript}" in app.log() and "login required" in app.log()
        with pytest.raises(Exception):
            client(app.url).predict(QUESTION, api_name="/ask")
        answer = client(app.url, auth=("ann", "secret")).predict(QUESTION, api_name="/ask")
        assert answer["found"] is True and answer["citations"][0]["speaker"] == "鲁正兰"


def test_store_failures_are_one_line_messages(tmp_path):
    """No store at start: the app refuses with one line. Store gone while serving: the
    answer is a one-line error, not a stack trace."""
    dead = subprocess.run(
        [sys.executable, "app.py", "--chroma-url", "http://127.0.0.1:9", "--data", str(tmp_path / "none")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert dead.returncode == 2
    assert dead.stderr.strip().count("\n") == 0 and "Chroma" in dead.stderr

    with chroma_server(tmp_path / "chroma") as chroma:
        with start_app(tmp_path / "data", args=("--chroma-url", chroma.url)) as app:
            api = client(app.url)
            assert api.predict(QUESTION, api_name="/ask")["found"] is False  # empty, but reachable
            chroma.stop()
            with pytest.raises(Exception) as failure:
                api.predict(QUESTION, api_name="/ask")
            message = str(failure.value)
            assert "Store error" in message and "Chroma" in message
            assert "Traceback" not in message and "\n" not in message.strip()
