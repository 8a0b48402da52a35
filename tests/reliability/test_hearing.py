"""A public hearing: a moderator (`主持人：`) between citizens who each speak once. Every
citizen's words are their own, at any number of citizens, and a question about what one
of them said cites that citizen, not the moderator (issue 27)."""

from __future__ import annotations

import random

import pytest
from helpers import indexed, write

from index.formats import parse_document
from index.titles import COMMON_SURNAMES
from qa.answer import Answerer

_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红"


def hearing(citizens: int) -> str:
    rnd = random.Random(citizens)
    surnames = sorted(COMMON_SURNAMES)
    lines = ["关于建设垃圾焚烧厂的听证会记录", "", "主持人：听证会现在开始，请陈述人依次发言。", ""]
    for i in range(citizens):
        name = rnd.choice(surnames) + rnd.choice(_GIVEN) + rnd.choice(_GIVEN)
        stance = "我反对建设垃圾焚烧厂，担心空气污染" if i == 0 else f"我支持第{i}号方案，希望尽快动工"
        lines += [f"{name}：{stance}。", "", "主持人：谢谢，下一位。", ""]
    return "\n".join(lines)


@pytest.mark.parametrize("citizens", [5, 200])
def test_each_citizen_who_speaks_once_has_their_own_speech(citizens):
    doc = parse_document(hearing(citizens))
    speakers = {s.who.speaker for s in doc.speeches if s.who.speaker}
    assert "主持人" in speakers
    assert len(speakers) >= citizens * 0.9  # a few random names repeat
    moderator = " ".join(doc.text[a:b] for s in doc.speeches if s.who.speaker == "主持人" for a, b in s.paragraphs)
    assert "反对" not in moderator and "支持" not in moderator


@pytest.mark.slow
def test_fifty_thousand_citizens_are_parsed_as_turns():
    doc = parse_document(hearing(50_000))
    assert len({s.who.speaker for s in doc.speeches if s.who.speaker}) > 30_000


def test_who_opposed_it_names_the_citizen_not_the_moderator(tmp_path, e5):
    text = hearing(5)
    first = next(line.split("：")[0] for line in text.splitlines()[4:] if "反对" in line)
    library = indexed(write(tmp_path / "hearing.txt", text), tmp_path / "data", e5)
    answer = Answerer(library).ask("谁反对建设垃圾焚烧厂？")
    assert answer.speakers[:1] == [first]
