"""Fixtures for every suite. Tests that need the read-only material in ../shared skip
cleanly without it (see `helpers.shared_path`)."""

from __future__ import annotations

import pytest
from helpers import shared_path


@pytest.fixture
def sanya_path():
    return shared_path("corpora", "zh-sanya-digest.txt")
