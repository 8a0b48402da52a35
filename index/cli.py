"""Plumbing shared by the command-line programs (`python -m index`, `python -m qa`)."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

from index.records import BadInput, StoreError

if TYPE_CHECKING:  # the pipeline loads Chroma and LangChain: `index preview` must start fast
    from index.pipeline import AddSummary

_SPEAKERS_SHOWN = 8
_INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp"})  # controls, format characters, line/paragraph separators


def visible(text: str) -> str:
    """Text for one line of a terminal report: control and invisible format characters
    (a newline, a right-to-left override) written as escapes (`\\n`, `\\u202e`), so a file
    name cannot forge a line or reverse what follows it."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) in _INVISIBLE else ch for ch in text
    )


def say(line: str, error: bool = False) -> None:
    """Print one report line (`visible`), on stderr when `error`."""
    print(visible(line), file=sys.stderr if error else sys.stdout, flush=True)


def print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def print_summary(summary: AddSummary, verb: str) -> None:
    """What an add or rebuild did, a line per file, with the layout and speakers found and
    any warning (a long document where no speaker was detected)."""
    for result in summary.results:
        if result.status == "failed":
            say(f"failed     {result.message}", error=True)
            continue
        detail = result.message or f"{result.speeches} speeches, {result.chunks} new chunks"
        if result.format:
            more = len(result.speakers) - _SPEAKERS_SHOWN
            speakers = ", ".join(result.speakers[:_SPEAKERS_SHOWN]) + (f", … {more} more" if more > 0 else "")
            detail += f"; layout {result.format}; meeting: {(result.date + ' ' + result.meeting).strip() or '—'}; speakers: {speakers or '—'}"
        if result.ocr:
            detail += f"; {result.ocr}"
        say(f"{result.status:<10} {result.path}  ({detail})")
        if result.warning:
            say(f"warning    {result.warning}", error=True)
    rate = summary.chunks_added / summary.seconds if summary.seconds else 0.0
    counts = ", ".join(f"{n} {status}" for status, n in summary.counts().items())
    print(
        f"{verb}: {counts}; {summary.speeches_added} speeches, {summary.chunks_added} chunks "
        f"in {summary.seconds:.1f} s ({rate:.1f} chunks/s)",
        flush=True,
    )


def run_command(run: Callable[[argparse.Namespace], int], args: argparse.Namespace, interrupted: str = "") -> int:
    """Run a command; bad input and store failures end as one `error:` line and status 2."""
    try:
        return run(args)
    except (BadInput, StoreError) as error:
        say(f"error: {error}", error=True)
        return 2
    except KeyboardInterrupt:
        if interrupted:
            print(interrupted, file=sys.stderr)
        return 130
