"""A store over the real Sanya digest, built once for the qa tests (they only read it)."""

from __future__ import annotations

import pytest
from helpers import settings_for, shared_path

from index.embed import E5Embeddings
from index.library import Library
from index.pipeline import Indexer
from qa.answer import Answerer


@pytest.fixture(scope="session")
def e5():
    return E5Embeddings()


@pytest.fixture(scope="session")
def sanya_library(tmp_path_factory, e5) -> Library:
    sanya = shared_path("corpora", "zh-sanya-digest.txt")
    library = Library(settings_for(tmp_path_factory.mktemp("sanya") / "data"), embeddings=e5)
    summary = Indexer(library, show_bars=False).add_paths([sanya])
    assert summary.count("added") == 1
    return library


@pytest.fixture(scope="session")
def answerer(sanya_library) -> Answerer:
    return Answerer(sanya_library)


@pytest.fixture(scope="session")
def sanya_text() -> str:
    return shared_path("corpora", "zh-sanya-digest.txt").read_text(encoding="utf-8")
