"""Small transcripts and store helpers shared by the test suites."""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from config import Settings
from index.library import Library
from index.pipeline import Indexer

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SPEECHQA_SHARED", REPO.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared (or $SPEECHQA_SHARED), or skip the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared material not present: {path}")
    return path


# Debian's Chromium, driven by Playwright (never a downloaded browser); these flags keep it
# off the network it cannot reach here.
# the shape of an answer over the API and `qa ask --json` (`qa.records.Answer.to_dict`)
ANSWER_KEYS = {"question", "answer", "found", "citations", "mode", "weak"}
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
NO_CHROMIUM = "Debian's chromium is not installed (apt-get install chromium)"


def launch_chromium(playwright):
    """A headless Debian Chromium from a Playwright instance."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)


def open_app_page(browser, url: str):
    """A wide page at `url`, with a minute for every wait (the app embeds and indexes on 2 cores)."""
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    expect.set_options(timeout=60_000)
    page.goto(url)
    return page


# The speakers of ../shared/corpora/zh-sanya-digest.txt, in order.
SANYA_SPEAKERS = [
    "鲁正兰",
    "陈明",
    "黄兴武",
    "马育红",
    "李若平",
    "侯振华",
    "吴萍",
    "潘国华",
    "王东",
    "冯强",
    "林海",
    "刘兰",
    "符婉",
]

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


BANYAN = """
### 党建引领乡村振兴

三亚育才生态区工委书记 李若平

育才生态区把党建引领作为乡村振兴的主线。一是在村口建设“古榕树下红色广场”，让党员群众在老榕树的树荫下学习议事。二是把议事协商搬到田间地头，村里的大事小情由村民一起商量。三是培育特色产业，带动村民增收致富。
"""


def assert_verbatim(answer, source_text: str) -> None:
    """Every citation quotes the source exactly at its offsets and is marked in the text."""
    assert answer.citations, answer.text
    for citation in answer.citations:
        assert source_text[citation.start : citation.end] == citation.quote
        assert f"[{citation.n}]" in answer.text


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF showing `text` in Helvetica, with a correct xref table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def settings_for(data: Path, **overrides) -> Settings:
    """Settings for a store in `data`, independent of the caller's environment."""
    return Settings.from_env(environ={}, data_dir=data, **overrides)


def indexed(transcript: Path, data: Path, embeddings) -> Library:
    """A store in `data` holding one transcript."""
    library = Library(settings_for(data), embeddings=embeddings)
    assert Indexer(library, show_bars=False).add_paths([transcript]).count("added") == 1
    return library


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class ChromaServer:
    """A real `chroma run` on 127.0.0.1 that a test can stop and start again (same data)."""

    path: Path
    port: int
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> None:
        chroma = Path(sys.executable).parent / "chroma"
        with open(self.path.parent / f"chroma-{self.port}.log", "ab") as log:
            self.process = subprocess.Popen(
                [str(chroma), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_for(f"{self.url}/api/v2/heartbeat", timeout, self.process)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=20)


@contextlib.contextmanager
def chroma_server(path: Path, port: int | None = None) -> Iterator[ChromaServer]:
    """A started `ChromaServer`, stopped when the block ends."""
    path.parent.mkdir(parents=True, exist_ok=True)
    server = ChromaServer(path, port or free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


def wait_for(
    url: str, timeout: float, process: subprocess.Popen | None = None, statuses=(200,), ready=lambda: True
) -> None:
    """Poll `url` (no proxy) until it answers with one of `statuses` and `ready()` holds;
    raise if the process exits first or `timeout` passes."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited with status {process.returncode}")
        try:
            with opener.open(url, timeout=2) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError:
            status = None
        if status in statuses and ready():
            return
        time.sleep(0.25)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


def run_cli(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run `python -m <args>` from the repository root, as a user would (one smoke test per
    CLI; the others call `run_main`)."""
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


@dataclass
class Ran:
    """What a command did: its exit status and what it printed."""

    returncode: int
    stdout: str
    stderr: str


def run_main(*args: str, env: dict | None = None) -> Ran:
    """`python -m <args>` (`index` or `qa`) run in this process through its `main(argv)`,
    its output captured and `env` set meanwhile: what `run_cli` checks, without starting
    Python, Chroma and the model each time."""
    main = importlib.import_module(f"{args[0]}.__main__").main
    out, err, saved = io.StringIO(), io.StringIO(), dict(os.environ)
    os.environ.update(env or {})
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(list(args[1:]))
            except SystemExit as stopped:  # argparse, or a setting that is no number: as Python exits
                status = stopped.code if isinstance(stopped.code, int) else 1 if stopped.code else 0
                if isinstance(stopped.code, str):
                    print(stopped.code, file=sys.stderr)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return Ran(status, out.getvalue(), err.getvalue())


# -- the app as a subprocess ------------------------------------------------------------
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
    """Wait until the app answers (200, or 401 behind a login) and has printed its summary;
    fail with the log's tail if it exits or takes longer than `timeout`."""

    def log() -> str:
        return log_path.read_text(encoding="utf-8", errors="replace")

    try:
        wait_for(url, timeout, process, statuses=(200, 401), ready=lambda: "speechqa: serving" in log())
    except (RuntimeError, TimeoutError) as error:
        pytest.fail(f"{error}:\n{log()[-3000:]}")


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


def small_digest(folder: Path) -> Path:
    """DIGEST (鲁正兰, 陈明) and the speech about the red square under the old banyan tree
    (李若平): a three-speech digest that embeds in a few seconds."""
    return write(folder / "digest-small.txt", DIGEST + BANYAN)


# Speeches for a longer digest of 13 speakers (about 40 chunks): unit line, speaker, topic.
_MORE_SPEAKERS = [
    ("三亚市水务局局长", "赵海", "城乡供水"),
    ("三亚市交通运输局局长", "钱江", "公交线网"),
    ("三亚市气象局局长", "孙雨", "台风预警"),
    ("三亚市住房和城乡建设局局长", "郑楠", "老旧小区改造"),
    ("三亚市旅游和文化广电体育局局长", "周文", "滨海步道"),
    ("三亚市生态环境局局长", "冯清", "近岸海域监测"),
    ("三亚市农业农村局局长", "蒋禾", "热带果蔬"),
    ("三亚市商务局局长", "韩立", "夜间经济"),
    ("三亚市统计局局长", "何算", "数据质量"),
]


def _more_speech(title: str, name: str, topic: str) -> str:
    unit = title.removeprefix("三亚市").removesuffix("局长")
    sentences = [
        f"{unit}把{topic}作为今年的重点任务，成立专班，逐项明确责任人和完成时限。",
        f"一是摸清底数，对全市{topic}的现状开展全面排查，建立问题清单和整改台账。",
        f"二是补齐短板，围绕{topic}安排专项资金，优先解决群众反映集中的问题。",
        f"三是完善机制，建立{topic}月调度、季通报制度，推动各区形成工作合力。",
        f"四是强化队伍，组织业务骨干开展{topic}专题培训，提升干部的专业能力。",
        f"五是加强宣传，通过媒体和社区公告栏介绍{topic}的新举措，听取居民的意见建议。",
        f"六是严格考核，把{topic}的完成情况纳入年度绩效考核，对工作不力的单位进行约谈。",
        f"今年以来，{topic}的各项指标总体向好，但与群众的期待相比仍有差距。",
        f"我们将对照问题清单逐项销号，确保{topic}的每一项任务都有人抓、有人管。",
        f"同时，主动对接省级部门，争取更多政策和项目支持{topic}工作。",
        f"下一步，{unit}将继续细化{topic}工作方案，定期向社会公开进展情况，接受群众监督。",
    ]
    return (
        f"\n### {topic}工作再上台阶\n\n{title} {name}\n\n"
        + "\n\n".join("".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3))
        + "\n"
    )


def medium_digest(folder: Path) -> Path:
    """A digest of 13 speeches (about 40 chunks, tens of seconds to embed): DIGEST, the
    education and banyan-tree speeches, and nine speeches on other topics."""
    more = "".join(_more_speech(*speaker) for speaker in _MORE_SPEAKERS)
    return write(folder / "digest-medium.txt", DIGEST + "\n" + EDUCATION + BANYAN + more)


# Three meetings of one city over 2025 (the third prints its day without a year): the same
# 陈明 of the education bureau at two, another 陈明 of Haikou's transport bureau at the third.
FIRST = """# 第一次季度工作会议发言摘登

2025年3月10日，全市第一次季度工作会议召开。

三亚市教育局局长 陈明

陈明说，今年要推进营商环境改善，加快学校建设。我们将新建三所学校。

三亚市财政局局长 王芳

王芳表示，财政将保障教育投入，优化营商环境。
"""
SECOND = """# 第二次季度工作会议发言摘登

2025年6月12日，全市第二次季度工作会议召开。

三亚市教育局局长 陈明

陈明指出，学校建设进展顺利，营商环境持续向好。

海口市交通局局长 李强

交通局将研究拥堵收费，缓解交通拥堵。
"""
THIRD = """# 第三次季度工作会议发言摘登

9月20日，全市第三次季度工作会议召开。

三亚市财政局局长 王芳

王芳提出，要继续优化营商环境，减税降费。

海口市交通局局长 陈明

陈明介绍，海口将试点拥堵收费，并加快智慧交通建设。
"""


# ---- a web page and a small web site on 127.0.0.1, for links -----------------------------

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>测试会议发言摘登_某某新闻网</title>
<meta property="og:title" content="测试会议发言摘登">
<meta property="article:published_time" content="2025-10-26T09:30:00+08:00">
<meta property="og:site_name" content="某某新闻网">
<script>var ticker = "上证指数 3300";</script><style>p {color: red}</style>
</head><body>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/news">新闻</a></li><li><a href="/login">登录</a></li></ul>
<div class="crumbs"><a href="/">首页</a> &gt; <a href="/local">本地</a></div>
</html>
<div class="article">
<h1>测试会议发言摘登</h1>
<p>10月25日，测试会议召开。以下为部分
单位负责人的发言。</p>
<h3>红色引擎促融合</h3>
<p><strong>三亚海棠区委书记 鲁正兰</strong></p>
<p>海棠区深入探索“湾区大党委”体制机制，坚持“关系不隶属，党建来统领”的工作思路。<br>一是“融合”立题，启动党建“新路径”。二是“融合”破题，组织联动找准行动“契合点”。</p>
<h3>打通“最后一公里”</h3>
<p>三亚吉阳区委书记 陈明</p>
<p>吉阳区注重把加强党建引领作为提升基层社会治理能力的根本途径。下一步，该区一是推进党群综合服务体系项目建设，试行“直通联办”改革。二是打造富有吉阳特色的党建品牌。</p>
<p class="caption">图为会议现场。记者 赵六 摄</p>
<p><a href="/p/1">【1】</a><a href="/p/2">【2】</a></p>
<div class="box"><h2>推荐阅读</h2><p>另一篇文章的标题：外地召开招商引资大会，签约项目四十个，总金额超过百亿元。</p></div>
</div>
<div class="comments"><h3>网友评论</h3><p>网友甲：说得好！支持支持！</p></div>
<div class="footer">版权所有 © 某某新闻网 京ICP备000000号</div>
</body></html>
"""
BIG = 50 * 2**20


class _Site(BaseHTTPRequestHandler):
    """Pages and misbehaviours of a small test site."""

    def do_GET(self):  # noqa: N802 (the standard library's name)
        path = self.path
        if path == "/page":
            return self._send(200, PAGE.encode("utf-8"), "text/html; charset=utf-8")
        if path == "/gbk":
            return self._send(200, PAGE.replace("utf-8", "x").encode("gb18030"), "text/html; charset=gbk")
        if path == "/pdf":
            return self._send(200, b"%PDF-1.4", "application/pdf")
        if path.startswith("/loop"):  # /loop-a → /loop-b → /loop-a
            return self._redirect("/loop-b" if path == "/loop-a" else "/loop-a")
        if m := re.fullmatch(r"/hop(\d+)", path):
            return self._redirect(f"/hop{int(m.group(1)) + 1}")
        if path == "/to-file":
            return self._redirect("file:///etc/passwd")
        if path == "/to-ssh":
            return self._redirect("http://127.0.0.1:22/")
        if path == "/big":  # says its size
            return self._send(200, b"", "text/html", length=BIG)
        if path == "/stream":  # does not: 50 MB sent until the reader stops
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            with contextlib.suppress(OSError):
                for _ in range(BIG // 2**16):
                    self.wfile.write(b"<p>" + b"x" * (2**16 - 3))
            return None
        return self._send(404, b"not here", "text/plain")

    def _send(self, status: int, body: bytes, content_type: str, length: int | None = None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(body)

    def _redirect(self, location: str):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def web_site() -> Iterator[str]:
    """The test site on 127.0.0.1, as its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def allowed(base: str) -> str:
    """A site's `host:port`, for SPEECHQA_FETCH_ALLOW."""
    return base.removeprefix("http://")
