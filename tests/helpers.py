"""Small transcripts and store helpers shared by the test suites."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from config import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SPEECHQA_SHARED", REPO.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared (or $SPEECHQA_SHARED), or skip the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared material not present: {path}")
    return path


DIGEST = """# 测试会议发言摘登

10月25日，测试会议召开。以下为部分单位负责人的发言。

### 红色引擎促融合

三亚海棠区委书记 鲁正兰

海棠区深入探索“湾区大党委”体制机制，坚持“关系不隶属，党建来统领”的工作思路。一是“融合”立题，启动党建“新路径”。二是“融合”破题，组织联动找准行动“契合点”。

### 打通“最后一公里”

三亚吉阳区委书记 陈明

吉阳区注重把加强党建引领作为提升基层社会治理能力的根本途径。下一步，该区一是推进党群综合服务体系项目建设，试行“直通联办”改革。二是打造富有吉阳特色的党建品牌。
"""

EDUCATION = """### 教育兴市

三亚市教育局党委书记 吴萍

围绕教育抓党建。一是实施“双培养”工程，打造“雁领天涯”特色品牌，打造高素质教师队伍。二是推进集团化办学。
"""


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def settings_for(data: Path, **overrides) -> Settings:
    """Settings for a store in `data`, independent of the caller's environment."""
    return Settings.from_env(environ={}, data_dir=data, **overrides)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def chroma_server(path: Path, port: int | None = None, timeout: float = 60.0):
    """A real `chroma run` on 127.0.0.1; yields its URL and stops it afterwards."""
    port = port or free_port()
    chroma = Path(sys.executable).parent / "chroma"
    log = open(path.parent / f"chroma-{port}.log", "wb")
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{url}/api/v2/heartbeat", timeout, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def wait_for(url: str, timeout: float, process: subprocess.Popen | None = None) -> None:
    """Poll `url` until it answers 200, the process dies, or `timeout` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def run_cli(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run `python -m <args>` from the repository root, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
