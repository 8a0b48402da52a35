"""What the tabs share: how a handler meets the store (`refusing`, `guarded`: a failure is
the one line the UI shows), the since/until boxes, the options of UI events, and the page's
style."""

from __future__ import annotations

import contextlib
import functools
import html
import sys
from collections.abc import Callable, Iterator

import gradio as gr

from config import Settings
from index.meeting import given_values
from index.records import BadInput, StoreError, one_line
from index.store import store_errors

PRIVATE = {"api_visibility": "private"}  # UI events: not part of the API
IN_ORDER = {"concurrency_id": "catalog", **PRIVATE}  # catalog reloads and searches, one at a time
NO_DOCUMENT = "请先选择一份讲话稿 / Choose a document first."
CSS = """
.sources { max-height: 640px; overflow-y: auto; }
.src { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 10px; margin-bottom: 8px; }
.src-head { font-weight: 600; }
.src-meta { font-size: 0.85em; opacity: 0.8; }
.src-text { margin: 6px 0 0; line-height: 1.6; }
.src-text mark { background: #fde68a; color: inherit; padding: 0 1px; }
.speech p { margin: 0 0 0.8em; line-height: 1.7; }
.preview table { border-collapse: collapse; font-size: 0.9em; }
.preview td, .preview th { border: 1px solid var(--border-color-primary); padding: 2px 6px; vertical-align: top; }
.preview .warning { color: #b45309; }
"""


class Refused(Exception):
    """A handler's store failure or bad input, as the one line the UI shows (`refusing`)."""


@contextlib.contextmanager
def refusing(settings: Settings) -> Iterator[None]:
    """The one place the handlers meet the store: Chroma failures (`store_errors`) and
    bad input become `Refused`, holding the line the UI shows."""
    try:
        with store_errors(settings):
            yield
    except BadInput as error:
        raise Refused(f"⚠ {one_line(error)}") from error
    except StoreError as error:
        raise Refused(f"⚠ 存储错误 / Store error: {one_line(error)}") from error


def guarded(shown: Callable[[str], object]) -> Callable:
    """Decorates a handler method (of an object with `settings`): when the store fails or
    the input is bad (`refusing`), the handler returns `shown(line)` — its outputs holding
    the one line — instead of raising."""

    def decorate(method: Callable) -> Callable:
        @functools.wraps(method)  # Gradio reads the handler's parameters (SelectData, Progress)
        def handler(self, *args, **kwargs):
            try:
                with refusing(self.settings):
                    return method(self, *args, **kwargs)
            except Refused as refused:
                return shown(str(refused))

        return handler

    return decorate


def paragraph(line: str) -> str:
    """A line as an HTML paragraph (escaped)."""
    return f"<p>{html.escape(line)}</p>"


def date_range(since: str | None, until: str | None) -> tuple[str, str]:
    """The since / until boxes as typed, checked (YYYY-MM-DD or empty; BadInput otherwise)."""
    given = given_values(date=since or None), given_values(date=until or None)
    return given[0].get("date", ""), given[1].get("date", "")


def date_boxes(prefix: str) -> tuple[gr.Textbox, gr.Textbox]:
    """Since / until boxes (YYYY-MM-DD)."""
    return (
        gr.Textbox(label="起始日期 / Since", placeholder="YYYY-MM-DD", scale=1, elem_id=f"{prefix}since"),
        gr.Textbox(label="截止日期 / Until", placeholder="YYYY-MM-DD", scale=1, elem_id=f"{prefix}until"),
    )


def log_refusal(where: str, why: str) -> None:
    """One line in the app's log for a refused request (never a traceback)."""
    print(f"speechqa: refused {where}: {why}", file=sys.stderr, flush=True)


def refusal(where: str, why: str) -> gr.Error:
    """The error a refused API call raises: logged in one line here, and told to Gradio
    not to print a traceback for it."""
    log_refusal(where, why)
    return gr.Error(why, print_exception=False)
