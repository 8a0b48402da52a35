"""speechqa web app: ask who said what in the indexed meeting speeches.

    python app.py [TRANSCRIPT_OR_FOLDER ...]     # serves http://127.0.0.1:7860

Transcripts named on the command line are indexed first (unchanged ones are skipped).
A thin Gradio UI over `qa` and `index`, one module of `ui/` per tab: a chat with cited
answers and a sources panel, a who-said-what table, topics, and uploads. `/ask` is an API
endpoint returning the answer as JSON (the shape of `python -m qa ask --json`).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import gradio as gr

from config import Settings, add_settings_arguments, settings_from_args
from index.cli import print_summary
from index.library import Library
from index.pipeline import Indexer
from index.records import BadInput, StoreError, attributed, one_line
from index.store import store_errors
from qa.answer import Answerer
from qa.llm import make_answerer
from ui import security
from ui.ask import AskTab
from ui.catalog import CatalogView
from ui.common import IN_ORDER
from ui.security import Exports, logins, serve
from ui.sources import Sources
from ui.topics import TopicsTab
from ui.transcripts import TranscriptsTab
from ui.who import WhoTab


class App:
    """The shared objects of one process (one library, one answerer) and the tabs over them."""

    def __init__(self, settings: Settings, library: Library, answerer: Answerer):
        self.settings = settings
        self.library = library
        self.answerer = answerer
        exports, sources = Exports(), Sources(settings, library)
        self.ask = AskTab(settings, answerer, sources, exports)
        self.who = WhoTab(settings, library, exports)
        self.topics = TopicsTab(settings, library, answerer, sources)
        self.transcripts = TranscriptsTab(settings, library)
        self.catalog = CatalogView(settings, library, self.who)

    def launch(self, auth: list[tuple[str, str]]) -> tuple[gr.Blocks, str]:
        """Serve the UI (without blocking; `ui.security.serve`); returns it and its URL."""
        demo = self.build()
        return demo, serve(demo, self.settings, auth)

    def build(self) -> gr.Blocks:
        """The app: one tab per task, each laid out by its module; the catalog reloads after
        every change and whenever a tab that shows the index is opened."""
        sweep = (security.CACHE_SWEEP_SECONDS, security.CACHE_KEEP_SECONDS)  # uploads never indexed, exports
        with gr.Blocks(title="speechqa · 讲话问答", analytics_enabled=False, delete_cache=sweep) as demo:
            gr.Markdown("## 讲话问答 · speechqa — 谁说了什么？ / Who said what?")
            status = gr.Markdown()
            with gr.Tabs():
                with gr.Tab("问答 / Ask"):
                    ask = self.ask.layout()
                with gr.Tab("谁说了什么 / Who said what") as wsw_tab:
                    wsw = self.who.layout()
                with gr.Tab("话题 / Topics"):
                    self.topics.layout()
                with gr.Tab("讲话稿 / Transcripts") as transcripts_tab:
                    docs = self.transcripts.layout()
            shown = [status, ask["speakers"], ask["units"], wsw["rows"], wsw["table"], wsw["groups"]]
            outputs = [*shown, docs["documents"], docs["document"], ask["meetings"]]
            inputs = [wsw["search_state"], ask["speakers"], ask["units"], wsw["grouping"], ask["meetings"]]
            reload = dict(fn=self.catalog.reload, inputs=inputs, outputs=outputs, api_name="catalog", **IN_ORDER)
            for changed in docs["changes"]:
                changed.then(**reload)
            for refresh in (demo.load, wsw_tab.select, transcripts_tab.select):  # sees other processes' changes too
                refresh(**reload)
            gr.api(self.ask.ask_api, api_name="ask", concurrency_limit=4)
        return demo


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python app.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="TRANSCRIPT_OR_FOLDER", help="transcripts to index before serving"
    )
    add_settings_arguments(parser, "app")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = settings_from_args(args)
    auth = logins(settings)
    try:
        with store_errors(settings):
            library = Library(settings)
            answerer = make_answerer(library, settings)
            if args.paths:
                print(f"indexing {len(args.paths)} path(s)…", flush=True)
                summary = Indexer(library).add_paths(args.paths)
                print_summary(summary, "indexed")
            library.refresh()
            answerer.warm_up()  # now: the first question is not slowed down
    except (StoreError, BadInput) as error:
        print(f"error: {one_line(error)}", file=sys.stderr)
        return 2
    named = attributed(library.speeches)
    # Gradio's copies of uploads and exports in a folder of this process only this user can read
    private = tempfile.TemporaryDirectory(prefix="speechqa-gradio-")
    os.environ.setdefault("GRADIO_TEMP_DIR", private.name)
    if not auth and settings.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"speechqa: warning: listening on {settings.host} without a login — anyone who can reach this "
            "machine can read and change the index; set --auth or SPEECHQA_AUTH",
            file=sys.stderr,
            flush=True,
        )
    try:
        demo, url = App(settings, library, answerer).launch(auth)
    except OSError as error:  # Gradio: "Cannot find empty port in range: …"
        print(
            f"error: cannot serve on {settings.host}:{settings.port} ({one_line(error).split('.')[0]}); "
            "is another app using it? choose another with --port or SPEECHQA_PORT",
            file=sys.stderr,
        )
        return 2
    print(
        f"speechqa: {len(library.records)} documents, {named} attributed speeches "
        f"({len(library.speeches)} speeches) indexed; answers: {answerer.mode}",
        flush=True,
    )
    print(f"speechqa: serving {url}" + (" (login required)" if auth else ""), flush=True)
    try:
        demo.block_thread()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
