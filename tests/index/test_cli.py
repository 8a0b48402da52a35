"""`python -m index` as a user runs it, on the real Sanya digest, embedded and against a
real `chroma run` server: in this process through `main(argv)` (`run_main`), and once each
as a real subprocess (`python -m index add`, `python -m qa ask`)."""

from __future__ import annotations

import json

import pytest
from helpers import DIGEST, SANYA_SPEAKERS, chroma_server, run_cli, run_main, shared_path, write


@pytest.mark.slow  # a whole transcript or many chunks, subprocesses or a Chroma server
def test_sanya_digest_lists_thirteen_attributed_speeches(tmp_path):
    sanya = shared_path("corpora", "zh-sanya-digest.txt")
    data = ["--data", str(tmp_path / "data")]
    added = run_cli("index", "add", str(sanya), "--json", *data)  # a real process, as a user runs it
    assert added.returncode == 0, added.stderr
    summary = json.loads(added.stdout)
    assert (summary["added"], summary["speeches"]) == (1, 13)

    listing = json.loads(run_main("index", "list", "--json", *data).stdout)
    (document,) = listing["documents"]
    speeches = document["speeches"]
    assert [s["speaker"] for s in speeches] == SANYA_SPEAKERS
    units = {s["speaker"]: s["units"] for s in speeches}
    assert units["吴萍"] == ["教育局"] and units["陈明"] == ["吉阳区"] and units["林海"] == ["崖州湾科技城管理局"]
    assert units["鲁正兰"] == ["海棠区", "市现代服务业产业园"]
    assert all(s["roles"] and s["heading"] and s["chunks"] > 0 for s in speeches)

    again = json.loads(run_main("index", "add", str(sanya), "--json", *data).stdout)
    assert (again["unchanged"], again["chunks"]) == (1, 0)

    answer = json.loads(run_cli("qa", "ask", "谁要试行“直通联办”改革？", "--json", *data).stdout)
    assert answer["found"] and answer["citations"][0]["speaker"] == "陈明"
    source = sanya.read_text(encoding="utf-8")
    for citation in answer["citations"]:
        assert source[citation["start"] : citation["end"]] == citation["quote"]
        assert "本版文字整理" not in citation["quote"]


def test_a_failing_file_is_one_line_and_a_nonzero_exit(tmp_path):
    good = write(tmp_path / "good.md", DIGEST)
    empty = write(tmp_path / "empty.txt", "")
    result = run_main("index", "add", str(good), str(empty), "--data", str(tmp_path / "data"))
    assert result.returncode == 1
    failures = [line for line in result.stderr.splitlines() if line.startswith("failed")]
    assert len(failures) == 1 and "empty.txt" in failures[0]
    assert "1 added" in result.stdout


def test_remove_and_unknown_reference(tmp_path):
    data = ["--data", str(tmp_path / "data")]
    run_main("index", "add", str(write(tmp_path / "a.md", DIGEST)), *data)
    missing = run_main("index", "remove", "nothing.md", *data)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "nothing.md" in missing.stderr
    removed = json.loads(run_main("index", "remove", "a.md", "--json", *data).stdout)
    assert removed["removed"]["title"] == "测试会议发言摘登"
    assert json.loads(run_main("index", "list", "--json", *data).stdout) == {"documents": []}


@pytest.mark.slow  # a whole transcript or many chunks, subprocesses or a Chroma server
def test_server_mode_against_a_real_chroma_server(tmp_path):
    with chroma_server(tmp_path / "chroma-server") as server:
        url = server.url
        common = ["--chroma-url", url, "--data", str(tmp_path / "cache")]
        added = run_main("index", "add", str(write(tmp_path / "a.md", DIGEST)), "--json", *common)
        assert added.returncode == 0, added.stderr
        listing = json.loads(run_main("index", "list", "--json", *common).stdout)
        assert [s["speaker"] for s in listing["documents"][0]["speeches"]] == ["鲁正兰", "陈明"]
        answer = json.loads(run_main("qa", "ask", "谁要试行“直通联办”改革？", "--json", *common).stdout)
        assert answer["citations"][0]["speaker"] == "陈明"
        assert not (tmp_path / "cache" / "chroma").exists()  # the server holds the data
    down = run_main("index", "list", "--chroma-url", url, "--data", str(tmp_path / "cache"))
    assert down.returncode == 2 and down.stderr.startswith("error: ") and down.stderr.count("\n") == 1


def test_preview_shows_layout_speakers_and_first_words_without_indexing(tmp_path):
    digest = write(tmp_path / "a.md", DIGEST)
    shown = run_main("index", "preview", str(digest), "--data", str(tmp_path / "data"))
    assert shown.returncode == 0, shown.stderr
    assert "digest-md" in shown.stdout and "鲁正兰, 陈明" in shown.stdout and "海棠区深入探索" in shown.stdout
    assert not (tmp_path / "data").exists()  # parsing only: no store was opened
    data = json.loads(run_main("index", "preview", str(digest), "--format", "plain", "--json").stdout)
    (preview,) = data["files"]
    assert (preview["format"], preview["speakers"]) == ("plain", [])


def test_preview_refuses_bad_input_with_the_same_one_line_errors_as_add(tmp_path):
    empty = write(tmp_path / "empty.txt", "")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    for path in (empty, binary, tmp_path / "missing.txt"):
        previewed = run_main("index", "preview", str(path))
        added = run_main("index", "add", str(path), "--data", str(tmp_path / "data"))
        assert previewed.returncode == 1 and previewed.stderr.count("\n") == 1
        assert previewed.stderr.removeprefix("failed").strip() in added.stderr


@pytest.mark.slow  # a whole transcript or many chunks, subprocesses or a Chroma server
def test_add_says_which_layout_and_speakers_it_found_and_warns_when_none(tmp_path):
    prose = write(tmp_path / "essay.txt", "这是一篇没有发言人的长文章，讲述城市的发展变化。" * 80)
    result = run_main(
        "index", "add", str(write(tmp_path / "a.md", DIGEST)), str(prose), "--data", str(tmp_path / "data")
    )
    assert result.returncode == 0, result.stderr
    assert "new chunks; layout digest-md; meeting: 测试会议; speakers: 鲁正兰, 陈明)" in result.stdout
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning")]
    assert len(warnings) == 1 and "essay.txt: no speakers detected — indexed as narration" in warnings[0]
    summary = json.loads(run_main("index", "add", str(prose), "--json", "--data", str(tmp_path / "data")).stdout)
    assert summary["files"][0]["format"] == "plain" and "no speakers detected" in summary["files"][0]["warning"]
