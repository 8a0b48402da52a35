"""Stores built once for the qa tests (they only read them): a 13-speech digest written for
the tests (always there) and the real Sanya digest (skipped when ../shared is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import indexed, medium_digest, shared_path

from index.embed import E5Embeddings
from index.library import Library
from qa.answer import Answerer


@pytest.fixture(scope="session")
def e5():
    return E5Embeddings()


@pytest.fixture(scope="session")
def digest_path(tmp_path_factory) -> Path:
    return medium_digest(tmp_path_factory.mktemp("digest"))


@pytest.fixture(scope="session")
def digest_library(digest_path, e5) -> Library:
    return indexed(digest_path, digest_path.parent / "data", e5)


@pytest.fixture(scope="session")
def digest_answerer(digest_library) -> Answerer:
    return Answerer(digest_library)


@pytest.fixture(scope="session")
def sanya_library(tmp_path_factory, e5) -> Library:
    return indexed(shared_path("corpora", "zh-sanya-digest.txt"), tmp_path_factory.mktemp("sanya") / "data", e5)


@pytest.fixture(scope="session")
def answerer(sanya_library) -> Answerer:
    return Answerer(sanya_library)


@pytest.fixture(scope="session")
def sanya_text() -> str:
    return shared_path("corpora", "zh-sanya-digest.txt").read_text(encoding="utf-8")
