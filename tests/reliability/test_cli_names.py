"""File names are printed as data, not as layout: a newline or a right-to-left override in
a name is shown escaped in every line `python -m index` prints, so a name cannot forge a
report line or make `evil\u202etxt.md` read as `evildm.txt`."""

from __future__ import annotations

from helpers import DIGEST, write

from index.__main__ import main

NAME = "evil\nfailed     forged.md\u202etxt.md"


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main([*args, "--embedding-model", "hashing"])
    out, err = capsys.readouterr()
    return status, out, err


def test_names_with_newlines_and_direction_overrides_are_printed_escaped(tmp_path, capsys):
    data = ["--data", str(tmp_path / "data")]
    good = write(tmp_path / NAME, DIGEST)
    empty = write(tmp_path / f"empty{NAME}", "")
    status, out, err = run(capsys, "add", str(good), str(empty), *data)
    assert status == 1
    for line in (out + err).splitlines():
        assert "\u202e" not in line
    (added,) = [line for line in out.splitlines() if line.startswith("added")]
    assert "evil\\nfailed     forged.md\\u202etxt.md" in added
    (failed,) = err.splitlines()
    assert failed.startswith("failed ") and failed.endswith("file is empty")
    assert not any(line.startswith("failed     forged") for line in (out + err).splitlines())

    status, out, _ = run(capsys, "list", *data)
    assert status == 0 and "\u202e" not in out and "\\u202e" in out
    assert not any(line.startswith("failed") for line in out.splitlines())
