"""Gibberish and questions on another subject are refused (found = false, nobody cited)
without losing real questions: over Chinese speeches, English questions that ask nothing
about who said what are not answered by closeness in meaning alone; over English turns,
short turns such as `Thank you.` (close in meaning to any question) answer only by words."""

from __future__ import annotations

import pytest
from helpers import indexed, medium_digest, write

from qa.answer import Answerer

OFF_TOPIC = ["asdf qwer zxcv", "How do I bake sourdough bread?", "qwertyuiop", "lorem ipsum dolor sit amet"]

ENGLISH_TURNS = """CHAIR SMITH: Good evening. Thank you all for coming tonight.

MS. JONES: Thank you.

CHAIR SMITH: The transit board will discuss the new bus routes for the north side of the city. The plan adds three lines and extends evening service until midnight, so that shift workers at the hospital can get home safely.

MS. JONES: Explanation.

MR. BROWN: Good night.

MS. JONES: The library renovation will close the reading room for six months. We will open a temporary branch in the community center and keep the children's story hour every Saturday morning.

MR. BROWN: Senate —

CHAIR SMITH: Thank you very much.
"""


@pytest.fixture(scope="module")
def chinese(tmp_path_factory, e5) -> Answerer:
    folder = tmp_path_factory.mktemp("zh")
    return Answerer(indexed(medium_digest(folder), folder / "data", e5))


@pytest.fixture(scope="module")
def english(tmp_path_factory, e5) -> Answerer:
    folder = tmp_path_factory.mktemp("en")
    return Answerer(indexed(write(folder / "board.txt", ENGLISH_TURNS), folder / "data", e5))


@pytest.mark.parametrize("question", OFF_TOPIC)
def test_off_topic_english_over_chinese_speeches_is_refused(chinese, question):
    answer = chinese.ask(question)
    assert (answer.found, answer.citations) == (False, []), answer.text


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("Who spoke about building a red square under an old banyan tree?", "李若平"),
        ("What did the education bureau say?", "吴萍"),
        ("Which official talked about the night-time economy?", "韩立"),
    ],
)
def test_real_english_questions_over_chinese_speeches_are_answered(chinese, question, speaker):
    answer = chinese.ask(question)
    assert answer.found and answer.citations[0].who.speaker == speaker, answer.text


@pytest.mark.parametrize("question", OFF_TOPIC)
def test_gibberish_over_english_turns_is_refused(english, question):
    answer = english.ask(question)
    assert (answer.found, answer.citations) == (False, []), answer.text


def test_real_questions_over_english_turns_are_answered(english):
    assert english.ask("Who talked about bus routes and evening service?").citations[0].who.speaker == "Smith"
    assert english.ask("Who spoke about closing the reading room?").citations[0].who.speaker == "Jones"
