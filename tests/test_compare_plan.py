"""`bench/compare.py` asks every development question file of the repository, each of the
store holding the transcripts it is about (the full run once failed on a new file's name)."""

from __future__ import annotations

import sys
from pathlib import Path

from helpers import shared_path

ROOT = Path(__file__).resolve().parents[1]


def plan(quick: bool) -> list[dict]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import compare
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return compare.stores(quick)


def test_every_question_file_is_asked_of_a_store_that_holds_its_transcripts():
    shared_path("corpora", "realworld-dev")
    stores = plan(quick=False)
    asked = {f for store in stores for f in store["question_files"]}
    assert {f"bench/questions/{p.name}" for p in (ROOT / "bench" / "questions").glob("*.jsonl")} <= asked
    for store in stores:
        assert store["files"] and all(Path(f).exists() for f in store["files"]), store["name"]
        assert len(store["questions"]) >= len(store["question_files"])
    pages = next(s for s in stores if s["name"] == "realworld-dev")
    assert len(pages["files"]) == 17 and "bench/questions/realworld-paraphrase.jsonl" in pages["question_files"]
    assert [len(s["files"]) for s in plan(quick=True)] == [1, 1, 1]  # the everyday guard: three files
