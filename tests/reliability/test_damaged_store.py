"""A damaged store is said to be damaged, in one line, never taken for an empty index or a
new store: the embedded database file emptied or deleted while the folder holds the rest of
Chroma's files, or the store's state record lost (the BM25 cache, or the running process,
knew one)."""

from __future__ import annotations

import pytest
from helpers import DIGEST, settings_for, write

import index.__main__ as index_cli
from app import App
from index.library import Library
from index.pipeline import Indexer
from index.records import StoreError
from qa.llm import make_answerer

HASHING = ("--embedding-model", "hashing")


@pytest.fixture
def data(tmp_path):
    library = Library(settings_for(tmp_path / "data", embedding_model="hashing"))
    assert Indexer(library, show_bars=False).add_file(write(tmp_path / "a.md", DIGEST)).status == "added"
    return tmp_path / "data"


def cli(capsys, *args) -> tuple[int, str, str]:
    status = index_cli.main([*args, *HASHING])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("damage", ["emptied", "deleted"])
def test_a_lost_database_file_is_reported_not_read_as_an_empty_store(data, tmp_path, capsys, damage):
    database = data / "chroma" / "chroma.sqlite3"
    database.write_bytes(b"") if damage == "emptied" else database.unlink()
    for args in (("list", "--data", str(data)), ("add", str(write(tmp_path / "b.md", DIGEST)), "--data", str(data))):
        status, out, err = cli(capsys, *args)
        assert status == 2 and out == ""
        assert err.startswith(f"error: store damaged: {database} is {'empty' if damage == 'emptied' else 'missing'}")
        assert err.count("\n") == 1
    assert not database.exists() or database.stat().st_size == 0  # nothing was started over it


def test_a_lost_state_record_is_reported_when_opened_and_while_running(data, capsys):
    running = Library(settings_for(data, embedding_model="hashing"))
    app = App(running.settings, running, make_answerer(running, running.settings))
    running._store.docs.delete(ids=["@state"])
    status, out, err = cli(capsys, "list", "--data", str(data))
    assert status == 2 and err.startswith("error: store damaged: the Chroma store") and err.count("\n") == 1
    assert "the BM25 cache" in err
    with pytest.raises(StoreError, match="^store damaged: .*it had one when this process read it"):
        running.refresh()
    assert app.catalog.reload()[0].startswith("⚠ 存储错误 / Store error: store damaged:")


def test_a_new_store_is_not_damaged(tmp_path, capsys):
    assert cli(capsys, "list", "--data", str(tmp_path / "new")) == (0, "", "")
