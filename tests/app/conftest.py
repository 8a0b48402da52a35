"""Helpers for tests that run the real app: a free port, `python app.py` as a subprocess
that is waited for and stopped, and a small transcript cut from ../shared.

`start_app` is a context manager usable from any test (the reliability suite too);
`app_server` is one server per module with the small Sanya digest indexed at start.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import REPO, free_port, shared_path

READY_TIMEOUT = 120.0  # seconds: Gradio import + embedding the transcripts given at start
STOP_TIMEOUT = 15.0


@dataclass
class AppProcess:
    """A running `python app.py`."""

    url: str
    port: int
    data_dir: Path
    process: subprocess.Popen
    log_path: Path
    transcript: Path | None = None  # what was indexed at start, when a fixture made it

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def app_env(**extra: str) -> dict[str, str]:
    """The environment for an app process: no SPEECHQA_* leaking in from the caller,
    offline Gradio, unbuffered output."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPEECHQA_")}
    env.update(
        {
            "PYTHONUNBUFFERED": "1",
            "GRADIO_ANALYTICS_ENABLED": "False",
            "HF_HUB_OFFLINE": "1",
            "NO_PROXY": "127.0.0.1,localhost",
            "no_proxy": "127.0.0.1,localhost",
        }
    )
    env.update(extra)
    return env


def wait_until_ready(url: str, process: subprocess.Popen, log_path: Path, timeout: float = READY_TIMEOUT) -> None:
    """Poll `url` until it answers 200 (or 401 behind a login) and the app has printed its
    summary; fail early, with the log, if the process exits."""
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = log_path.read_text(encoding="utf-8", errors="replace")
            pytest.fail(f"app exited with status {process.returncode} before serving:\n{log[-3000:]}")
        try:
            with opener.open(url, timeout=2) as response:
                answered = response.status == 200
        except urllib.error.HTTPError as error:
            answered = error.code == 401
        except (urllib.error.URLError, OSError):
            answered = False
        if answered and "speechqa: serving" in log_path.read_text(encoding="utf-8", errors="replace"):
            return
        time.sleep(0.25)
    log = log_path.read_text(encoding="utf-8", errors="replace")
    pytest.fail(f"app did not serve {url} within {timeout:.0f} s:\n{log[-3000:]}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT)


@contextlib.contextmanager
def start_app(
    data_dir: Path, *paths: Path | str, args: tuple[str, ...] = (), env: dict[str, str] | None = None
) -> Iterator[AppProcess]:
    """Run `python app.py PATHS --port <free> --data DATA_DIR ARGS` until the block ends."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log_path = data_dir.parent / f"app-{port}.log"
    command = [sys.executable, str(REPO / "app.py"), *map(str, paths), "--port", str(port), "--data", str(data_dir)]
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [*command, *args], cwd=REPO, env=app_env(**(env or {})), stdout=log, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_ready(url, process, log_path)
        yield AppProcess(url, port, data_dir, process, log_path)
    finally:
        stop(process)


def small_sanya_digest(folder: Path) -> Path:
    """The Sanya digest's title, introduction and first two speeches (鲁正兰, 陈明), plus the
    speech about the red square under the old banyan tree (李若平): embeds in a few seconds."""
    text = shared_path("corpora", "zh-sanya-digest.txt").read_text(encoding="utf-8")
    head, *speeches = text.split("\n### ")
    chosen = speeches[:2] + [s for s in speeches[2:] if "古榕树下红色广场" in s]
    path = folder / "sanya-small.txt"
    path.write_text(head + "".join("\n### " + s for s in chosen), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def app_server(tmp_path_factory) -> Iterator[AppProcess]:
    """One app per test module, with the small Sanya digest indexed at start."""
    folder = tmp_path_factory.mktemp("app")
    transcript = small_sanya_digest(folder)
    with start_app(folder / "data", transcript) as app:
        app.transcript = transcript
        yield app


@pytest.fixture
def launch_app():
    """`start_app` for test modules (they cannot import it reliably: with several conftest.py
    files in the suite, the module name `conftest` may be another one)."""
    return start_app
