"""Plumbing shared by the command-line programs (`python -m index`, `python -m qa`)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from index.records import BadInput
from index.store import StoreError


def print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


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
