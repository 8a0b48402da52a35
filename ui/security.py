"""What keeps the served app safe: logins (`--auth`, `--auth-file`) and their throttle per
client address, which forwarded addresses are believed, the request-size limit, the upload
hygiene (Gradio's copies deleted, shown names without invisible characters) and private
exports; `serve` puts them together."""

from __future__ import annotations

import contextlib
import json
import math
import os
import secrets
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import gradio as gr
from starlette.middleware import Middleware

from config import Settings
from index.records import one_line
from ui.common import CSS, log_refusal

CACHE_KEEP_SECONDS = 900  # an export, or an upload never indexed, is served this long, then deleted
CACHE_SWEEP_SECONDS = 60  # how often Gradio looks for such files (`delete_cache`)
SESSIONS_KEPT = 1000  # Gradio keeps each session's inputs; the least recently used beyond these go
REQUEST_OVERHEAD = 64 * 1024  # bytes of a request besides its question: filters, dates, file names


def serve(demo: gr.Blocks, settings: Settings, auth: list[tuple[str, str]]) -> str:
    """Serve the UI (without blocking); returns its URL. At most `max_queue` requests
    wait for a worker: more are refused at once (HTTP 503, "Queue is full") rather than
    queued for minutes; a request body larger than a question may make is refused before
    Gradio reads it (`RequestLimit`). With `auth` (user, password) logins, failed logins
    are throttled per client address (`LoginThrottle`): the connecting address, or the one
    a `--trusted-proxy` forwards."""
    middleware = [
        Middleware(RequestLimit, limit=REQUEST_OVERHEAD + 12 * settings.max_question_chars),
        Middleware(LoginThrottle, attempts=settings.login_attempts, window=settings.login_window),
    ]
    demo.queue(default_concurrency_limit=1, max_size=settings.max_queue)
    with trusted_proxies(settings.trusted_proxy):
        _, url, _ = demo.launch(
            server_name=settings.host,
            server_port=settings.port,
            auth=auth or None,
            app_kwargs={"middleware": middleware},
            max_file_size=int(settings.max_file_mb * 1024 * 1024),
            state_session_capacity=SESSIONS_KEPT,
            prevent_thread_lock=True,
            ssr_mode=False,
            quiet=True,
            css=CSS,
        )
    return url


class Exports:
    """The app's export folder, inside Gradio's cache (removed when the app exits)."""

    def __init__(self):
        upload_folder = Path(gr.utils.get_upload_folder())
        upload_folder.mkdir(parents=True, exist_ok=True)
        self._folder = tempfile.TemporaryDirectory(prefix="speechqa-export-", dir=upload_folder)

    def path(self, name: str) -> Path:
        """A fresh path for an export: a folder of its own with an unguessable name (128
        random bits, not the content's hash), only this user can open (0700), in the app's
        export folder inside Gradio's cache — Gradio serves the file from there instead of
        a world-readable copy, and any logged-in user could fetch a guessable one. Exports
        older than CACHE_KEEP_SECONDS are removed here (Gradio's sweep deletes the file)."""
        root = Path(self._folder.name)
        for old in root.iterdir():
            if time.time() - old.stat().st_mtime > CACHE_KEEP_SECONDS:
                shutil.rmtree(old, ignore_errors=True)
        folder = root / secrets.token_hex(16)
        folder.mkdir(mode=0o700)
        return folder / name

    @staticmethod
    def handed_out(path: Path) -> str:
        """A written export, readable by this user only, as the path Gradio serves."""
        path.chmod(0o600)
        return str(path)


class RequestLimit:
    """ASGI middleware: a POST body over `limit` bytes is refused (HTTP 413, one line
    logged) before Gradio reads it — Gradio keeps every request's inputs in its session
    state, refused or not, so a flood of huge questions used to stay in memory. Uploads are
    left to Gradio's own file-size limit (SPEECHQA_MAX_FILE_MB)."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"].rstrip("/").endswith("/upload"):
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            return await self._refuse(scope, send, int(declared))
        body, more = [], True
        while more:  # no length given (chunked): read up to the limit
            message = await receive()
            if message["type"] != "http.request":
                return
            body.append(message.get("body", b""))
            more = message.get("more_body", False)
            if sum(map(len, body)) > self.limit:
                return await self._refuse(scope, send, sum(map(len, body)))
        whole, replayed = b"".join(body), False

        async def replay():  # the body as read, then what the client sends next (a disconnect)
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": whole, "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, scope, send, size: int) -> None:
        detail = (
            f"请求过大 / The request is {size:,} bytes, over the {self.limit:,} bytes a question may take "
            "(SPEECHQA_MAX_QUESTION_CHARS)."
        )
        address = (scope.get("client") or ("unknown",))[0]
        log_refusal(f"{scope['path']} from {address}", detail)
        await send({"type": "http.response.start", "status": 413, "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": json.dumps({"detail": detail}).encode()})


@contextlib.contextmanager
def trusted_proxies(addresses: str) -> Iterator[None]:
    """While the server is made: uvicorn takes a client's address from X-Forwarded-For
    only when the connection comes from one of `addresses` (by default it trusted any
    local connection, so anyone on the machine could rotate addresses past the login
    throttle). Empty: forwarded headers are ignored."""
    saved = os.environ.get("FORWARDED_ALLOW_IPS")
    os.environ["FORWARDED_ALLOW_IPS"] = addresses
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("FORWARDED_ALLOW_IPS", None)
        else:
            os.environ["FORWARDED_ALLOW_IPS"] = saved


def discard_upload(path: Path) -> None:
    """Delete Gradio's copy of an uploaded file (and its folder, once empty); a file
    outside Gradio's upload folder is left alone."""
    folder = Path(gr.utils.get_upload_folder()).resolve()
    path = path.resolve()
    if folder not in path.parents:
        return
    path.unlink(missing_ok=True)
    if path.parent != folder:
        with contextlib.suppress(OSError):  # another upload still in that folder
            path.parent.rmdir()


def shown_name(name: str) -> str:
    """A file name without invisible format characters (a right-to-left override can make
    `evil\u202etxt.exe` read as `evilexe.txt`)."""
    return "".join(ch for ch in name if unicodedata.category(ch) != "Cf") or "upload"


def logins(settings: Settings) -> list[tuple[str, str]]:
    """The (user, password) logins of `--auth` / SPEECHQA_AUTH and of the `--auth-file` /
    SPEECHQA_AUTH_FILE lines (`user:password`; blank lines and `#` comments skipped)."""
    found = [_login(settings.auth, "--auth / SPEECHQA_AUTH")] if settings.auth else []
    if settings.auth_file:
        path = Path(settings.auth_file)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise SystemExit(f"--auth-file {path}: cannot read it ({one_line(error)})") from error
        for number, line in enumerate(lines, 1):
            if line.strip() and not line.lstrip().startswith("#"):
                found.append(_login(line.strip(), f"{path}:{number}"))
        if not found:
            raise SystemExit(f"--auth-file {path}: no user:password line in it")
    return found


def _login(value: str, where: str) -> tuple[str, str]:
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise SystemExit(f"{where}: a login must be user:password")
    return user, password


class LoginThrottle:
    """ASGI middleware: a client address with `attempts` failed logins in the last `window`
    seconds gets its next logins refused (HTTP 429, one line) until the oldest failure is
    that old. Only `POST …/login` is looked at; everything else passes straight through."""

    def __init__(self, app, attempts: int, window: float):
        self.app, self.attempts, self.window = app, attempts, window
        self.failures: dict[str, list[float]] = {}  # address → times of recent failed logins

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST" or not scope["path"].rstrip("/").endswith("/login"):
            return await self.app(scope, receive, send)
        address = (scope.get("client") or ("unknown",))[0]
        now = time.monotonic()
        recent = [t for t in self.failures.pop(address, []) if now - t < self.window]
        if len(recent) >= self.attempts:
            self.failures[address] = recent
            wait = math.ceil(self.window - (now - recent[0]))
            detail = (
                f"Too many failed logins from {address}: {len(recent)} in {self.window:g} s "
                f"(SPEECHQA_LOGIN_ATTEMPTS); try again in {wait} s."
            )
            headers = [(b"content-type", b"application/json"), (b"retry-after", str(wait).encode())]
            await send({"type": "http.response.start", "status": 429, "headers": headers})
            await send({"type": "http.response.body", "body": json.dumps({"detail": detail}).encode()})
            return
        status = {}

        async def noting_status(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        await self.app(scope, receive, noting_status)
        if status.get("code") != 200:
            self.failures[address] = [*recent, time.monotonic()]
            if len(self.failures) > 10_000:  # many addresses: forget those whose failures are old
                self.failures = {a: t for a, t in self.failures.items() if now - t[-1] < self.window}
