"""Who can reach the app: it listens on 127.0.0.1 unless told otherwise; `--auth` and
SPEECHQA_AUTH put every page and API call behind a login; the upload size and count limits
refuse with messages that say what and why."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from gradio_client import Client
from helpers import DIGEST, start_app, write

pytestmark = pytest.mark.slow  # real app processes and a browser

QUESTION = "谁提出了“湾区大党委”体制机制？"
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1 only, never a proxy


def listening_addresses(port: int) -> set[str]:
    """Local addresses of the sockets listening on `port` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            address, _, hex_port = fields[1].partition(":")
            if fields[3] == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(_address(address))
    return found


def _address(hex_address: str) -> str:
    raw = bytes.fromhex(hex_address)
    if len(raw) == 4:
        return socket.inet_ntop(socket.AF_INET, raw[::-1])
    words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
    return socket.inet_ntop(socket.AF_INET6, words)


def own_addresses() -> set[str]:
    """This machine's non-loopback IPv4 addresses (from /proc/net/fib_trie: no traffic)."""
    text = Path("/proc/net/fib_trie").read_text() if Path("/proc/net/fib_trie").exists() else ""
    lines = text.splitlines()
    found = {
        lines[i - 1].split()[-1]
        for i, line in enumerate(lines)
        if "/32 host LOCAL" in line and i and not lines[i - 1].split()[-1].startswith("127.")
    }
    return found


def http(url: str, data: dict | None = None, cookie: str = "") -> tuple[int, str]:
    body = None if data is None else json.dumps(data).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def test_listens_on_loopback_only_by_default(web_app):
    assert listening_addresses(web_app.port) == {"127.0.0.1"}
    assert f"serving http://127.0.0.1:{web_app.port}/" in web_app.log()
    for address in own_addresses():  # the machine's other addresses do not answer
        with pytest.raises(OSError):
            socket.create_connection((address, web_app.port), timeout=5).close()


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_login_is_required(tmp_path, how):
    transcript = write(tmp_path / "digest.md", DIGEST)
    options = {"args": ("--auth", "ann:s3cret")} if how == "flag" else {"env": {"SPEECHQA_AUTH": "ann:s3cret"}}
    with start_app(tmp_path / "data", transcript, **options) as app:
        assert "login required" in app.log() and "s3cret" not in app.log()
        # no credentials: the config, the API description and the /ask endpoint are refused
        for path in ("config", "gradio_api/info"):
            assert http(app.url + path)[0] == 401
        assert http(app.url + "gradio_api/call/ask", {"data": [QUESTION]})[0] == 401
        with pytest.raises(Exception):
            Client(app.url, verbose=False, download_files=False).predict(QUESTION, api_name="/ask")
        with pytest.raises(Exception):
            Client(app.url, verbose=False, download_files=False, auth=("ann", "wrong"))
        # a wrong password is refused at the login form too
        form = urllib.parse.urlencode({"username": "ann", "password": "wrong"}).encode()
        with pytest.raises(urllib.error.HTTPError) as refused:
            OPENER.open(urllib.request.Request(app.url + "login", data=form), timeout=30)
        assert refused.value.code == 400
        # with them it works
        answer = Client(app.url, verbose=False, download_files=False, auth=("ann", "s3cret")).predict(
            QUESTION, api_name="/ask"
        )
        assert answer["found"] and answer["citations"][0]["speaker"] == "鲁正兰"


def test_upload_limits_in_the_browser(web_app, page):
    """web_app allows 0.05 MB per file and 4 files per upload (see conftest)."""
    from playwright.sync_api import expect

    page.goto(web_app.url)
    page.locator("#question textarea").wait_for()
    page.get_by_role("tab", name="讲话稿 / Transcripts").click()
    expect(page.get_by_text("每次最多 4 个，每个不超过 0.05 MB", exact=False)).to_be_visible()
    documents = page.locator("#documents")
    expect(documents).to_contain_text("digest.md")
    rows = documents.locator('[role="row"][data-index]')
    before = rows.count()

    big = ("三亚市某局局长 某某\n\n" + "这是一段用来超过大小限制的发言。" * 2000).encode()
    assert len(big) > 60 * 1024
    page.locator("#upload input[type=file]").set_input_files(
        [{"name": "too-big.txt", "mimeType": "text/plain", "buffer": big}]
    )
    toast = page.get_by_text("exceed the maximum allowed size", exact=False)
    expect(toast).to_be_visible()
    expect(toast).to_contain_text("too-big.txt")
    expect(toast).to_contain_text("51.2 Kb")  # 0.05 MB, in Gradio's words

    five = [{"name": f"part-{i}.txt", "mimeType": "text/plain", "buffer": f"第{i}部分。".encode()} for i in range(5)]
    page.locator("#upload input[type=file]").set_input_files(five)
    expect(page.locator("#upload-message")).to_contain_text(
        "At most 4 files per upload (5 given): nothing was indexed."
    )
    expect(page.locator("#upload-message")).to_contain_text("一次最多上传 4 个文件（这次 5 个）")
    page.wait_for_timeout(1000)
    expect(documents).not_to_contain_text("part-")  # nothing was indexed
    expect(rows).to_have_count(before)


def test_listening_beyond_loopback_without_a_login_is_warned_about(tmp_path):
    with start_app(tmp_path / "data", args=("--host", "0.0.0.0")) as app:
        assert "warning: listening on 0.0.0.0 without a login" in app.log()
    with start_app(tmp_path / "data2", args=("--host", "0.0.0.0", "--auth", "ann:s3cret")) as app:
        assert "without a login" not in app.log()
