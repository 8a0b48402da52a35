"""Shared fixtures. Tests that need the read-only material in ../shared skip cleanly without it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SPEECHQA_SHARED", REPO.parent / "shared"))
CORPORA = SHARED / "corpora"

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when that material is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared material not present: {path}")
    return path


@pytest.fixture
def sanya_path() -> Path:
    return shared_path("corpora", "zh-sanya-digest.txt")
