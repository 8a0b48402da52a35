"""Fixtures for tests that run the real app (the helpers themselves are in tests/helpers.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers import AppProcess, small_digest, start_app


@pytest.fixture(scope="module")
def app_server(tmp_path_factory) -> Iterator[AppProcess]:
    """One app per test module, with a small digest indexed at start."""
    folder = tmp_path_factory.mktemp("app")
    transcript = small_digest(folder)
    with start_app(folder / "data", transcript) as app:
        app.transcript = transcript
        yield app
