"""Published transcripts in their original layouts (../shared/corpora/realworld-dev): the
speakers found against the hand-checked lists, and every other shared corpus parsed
exactly as before the recogniser (speakers, units, roles, headings; titles may only grow:
`Secretary` for Hillary R Clinton, from `Secretary Clinton` in the debate; the debates'
moderators later gained the networks they introduce themselves with: `I'm Chris Wallace of
Fox News`).

Skips cleanly without ../shared. `python bench/speakers.py` prints the same comparison as
a table (bench/speakers.py holds the scoring, shared with this test)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest
from helpers import shared_path

from bench.speakers import expected_files, score
from index.formats import parse_document
from index.read import iter_input_files, read_text

SNAPSHOT = Path(__file__).with_name("parse_snapshot.json")
# Where the expected file gives titles and units, the share found (mean over documents).
# Measured: titles 0.93, units 0.71 (English units such as `The White House` or a
# governor's state are not printed with the speaker's name); the floors catch a regression.
MIN_TITLES, MIN_UNITS = 0.9, 0.65


def scored(*parts: str) -> dict[str, dict]:
    return {
        transcript.stem: score(parse_document(read_text(transcript), name=transcript.name), expected)
        for transcript, expected in expected_files(shared_path(*parts))
    }


@pytest.fixture(scope="module")
def realworld() -> dict[str, dict]:
    return scored("corpora", "realworld-dev")


@pytest.fixture(scope="module")
def more() -> dict[str, dict]:
    """The 20 pages of realworld-dev/more (XML, HTML and Markdown records among them)."""
    return scored("corpora", "realworld-dev", "more")


def test_speaker_lists_are_exact_on_at_least_15_of_17_and_nine_tenths_everywhere(realworld):
    assert len(realworld) == 17
    exact = [name for name, row in realworld.items() if row["exact"]]
    assert len(exact) >= 15, {n: (r["missing"], r["extra"]) for n, r in realworld.items() if not r["exact"]}
    assert all(row["recall"] >= 0.9 for row in realworld.values())


def test_the_twenty_more_pages_exact_on_at_least_19_and_nine_tenths_found_everywhere(more):
    # measured: 19 exact; recall at least 0.94 (a year-end feature missing one of 17 people)
    assert len(more) == 20
    exact = [name for name, row in more.items() if row["exact"]]
    assert len(exact) >= 19, {n: (r["missing"], r["extra"]) for n, r in more.items() if not r["exact"]}
    assert all(row["recall"] >= 0.9 for row in more.values())
    assert {name: row["wrong"] for name, row in more.items() if row["wrong"]} == {}


def test_no_reporter_editor_or_person_only_mentioned_is_given_speech(realworld):
    assert {name: row["wrong"] for name, row in realworld.items() if row["wrong"]} == {}


def test_titles_and_units_where_the_pages_print_them(realworld):
    def share(key: str) -> float:
        rows = [row[key] for row in realworld.values() if row[key] is not None]
        return sum(rows) / len(rows)

    assert share("titles") >= MIN_TITLES
    assert share("units") >= MIN_UNITS
    chinese = [row["units"] for name, row in realworld.items() if name.startswith("zh-") and row["units"] is not None]
    assert min(chinese) >= 0.85  # Chinese pages print the unit in the title


def _summary(path: Path) -> dict:
    doc = parse_document(read_text(path), name=path.name)
    speeches = [[s.who.speaker, list(s.who.units), list(s.who.roles), s.who.heading] for s in doc.speeches]
    canon = json.dumps(speeches, ensure_ascii=False, separators=(",", ":"))
    return {
        "format": doc.format,
        "speeches": len(speeches),
        "sha256": hashlib.sha256(canon.encode()).hexdigest(),
        "speakers": dict(Counter(s.who.speaker for s in doc.speeches)),
    }


def test_every_other_shared_corpus_parses_exactly_as_before():
    """The snapshot was taken with the parsers the recogniser replaced (format, and every
    speech's speaker, units, roles and heading, hashed)."""
    corpora = shared_path("corpora")
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    # saved web pages (html/) came later: tests/index/test_web.py checks what they index
    files = [p for p in iter_input_files([corpora]) if "realworld-dev" not in p.parts and "html" not in p.parts]
    found = {str(p.relative_to(corpora)): _summary(p) for p in files}
    assert sorted(found) == sorted(expected)
    for name, summary in found.items():
        assert summary == expected[name], name
