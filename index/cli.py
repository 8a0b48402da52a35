"""Plumbing shared by the command-line programs (`python -m index`, `python -m qa`)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from index.records import BadInput, StoreError

if TYPE_CHECKING:  # the pipeline loads Chroma and LangChain: `index preview` must start fast
    from index.pipeline import AddSummary

_SPEAKERS_SHOWN = 8


def print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def print_summary(summary: AddSummary, verb: str) -> None:
    """What an add or rebuild did, a line per file, with the layout and speakers found and
    any warning (a long document where no speaker was detected)."""
    for result in summary.results:
        if result.status == "failed":
            print(f"failed     {result.message}", file=sys.stderr, flush=True)
            continue
        detail = result.message or f"{result.speeches} speeches, {result.chunks} new chunks"
        if result.format:
            more = len(result.speakers) - _SPEAKERS_SHOWN
            speakers = ", ".join(result.speakers[:_SPEAKERS_SHOWN]) + (f", … {more} more" if more > 0 else "")
            detail += f"; layout {result.format}; meeting: {(result.date + ' ' + result.meeting).strip() or '—'}; speakers: {speakers or '—'}"
        if result.ocr:
            detail += f"; {result.ocr}"
        print(f"{result.status:<10} {result.path}  ({detail})", flush=True)
        if result.warning:
            print(f"warning    {result.warning}", file=sys.stderr, flush=True)
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
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        if interrupted:
            print(interrupted, file=sys.stderr)
        return 130
