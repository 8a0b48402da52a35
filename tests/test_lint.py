"""The code passes `ruff check` (part of the test command, so CI and the README agree)."""

from __future__ import annotations

import subprocess
import sys

from helpers import REPO


def test_ruff_check_passes():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
