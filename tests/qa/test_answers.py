"""Extractive answers over the real corpora (the Sanya digest, a US debate) with the real
embedder and stores; skipped where ../shared is absent. The rules themselves are tested on
a digest written for the tests in test_answer_rules.py."""

from __future__ import annotations

import pytest
from helpers import assert_verbatim, settings_for, shared_path, write

from index.library import Library
from index.pipeline import Indexer
from qa.answer import Answerer
from qa.eval import evaluate, load_questions


def test_who_question_names_speaker_unit_and_quotes_verbatim(answerer, sanya_text):
    answer = answerer.ask("谁提出了“湾区大党委”体制机制？")
    assert answer.found and answer.speakers[0] == "鲁正兰"
    assert answer.text.startswith("鲁正兰（三亚海棠区委书记、市现代服务业产业园工委书记）")
    assert "湾区大党委" in answer.citations[0].quote
    assert answer.citations[0].who.units == ("海棠区", "市现代服务业产业园")
    assert_verbatim(answer, sanya_text)


def test_what_did_a_unit_say_uses_the_speech_structure(answerer, sanya_text):
    answer = answerer.ask("教育局说了什么？")
    assert answer.speakers == ["吴萍"]
    assert [c.quote[:5] for c in answer.citations] == ["下一步，该", "二是聚力党", "三是聚力基"]
    assert_verbatim(answer, sanya_text)


def test_which_units_lists_every_matching_speaker_once(answerer, sanya_text):
    answer = answerer.ask("哪些单位提到了营商环境或招商引资？")
    assert {"鲁正兰", "冯强"} <= set(answer.speakers)
    assert len(answer.speakers) == len(answer.citations)
    assert_verbatim(answer, sanya_text)


def test_dev_questions_meet_the_targets(answerer):
    report = evaluate(answerer, load_questions(shared_path("eval", "zh-sanya-dev.jsonl")))
    for kind in ("lexical", "paraphrase", "english"):
        assert report["kinds"][kind]["hit@1"] >= 0.95, report["kinds"]
    assert report["kinds"]["multi"]["recall"] == 1.0
    assert report["kinds"]["negative"]["refused"] == 1.0
    assert report["citation_validity"] == 1.0


@pytest.fixture(scope="module")
def debate(tmp_path_factory, e5):
    """The first 40 turns of the 2020 debate: an English transcript with speaker turns."""
    lines = [
        line for line in shared_path("corpora", "en-us-debates", "2020-09-29.said").read_text().splitlines() if line
    ]
    folder = tmp_path_factory.mktemp("debate")
    path = write(folder / "debate.txt", "\n\n".join(lines[:40]) + "\n")
    library = Library(settings_for(folder / "data"), embeddings=e5)
    Indexer(library, show_bars=False).add_paths([path])
    return Answerer(library)


def test_english_transcript_answers_and_refusals(debate):
    answer = debate.ask("Who nominated Amy Coney Barrett to the Supreme Court?")
    assert answer.found and answer.speakers[0] in ("Donald J Trump", "Chris Wallace")
    assert "Barrett" in " ".join(c.quote for c in answer.citations) or "nominee" in answer.text
    said = debate.ask("What did Biden say about Obamacare?")
    assert said.speakers == ["Joe R Biden"] and "Obamacare" in " ".join(c.quote for c in said.citations)
    for off_topic in ("Who talked about the football match?", "What was said about the price of bitcoin?"):
        refused = debate.ask(off_topic)
        assert not refused.found and refused.citations == [], (off_topic, refused.text)


def test_what_did_x_say_is_bounded_to_the_longest_speeches(debate):
    answer = debate.ask("What did Donald J Trump say?")
    assert answer.speakers == ["Donald J Trump"]
    assert len({c.who.speech_index for c in answer.citations}) <= 3
    assert "more speeches not shown" in answer.text


def test_a_sentence_shared_by_overlapping_chunks_is_quoted_once(answerer):
    answer = answerer.ask("What did the education bureau say?")  # two hits overlap in one sentence
    assert answer.speakers[0] == "吴萍"
    quoted = [(c.who.doc_id, c.start) for c in answer.citations]
    assert len(quoted) == len(set(quoted)) == len(answer.citations) >= 2


def test_warm_up_loads_what_the_first_question_would_wait_for(digest_library):
    """The app warms up at start: the list variants and the glossary are loaded then, not by
    whichever question first needs them."""
    fresh = Answerer(digest_library)
    fresh.warm_up()
    assert fresh._variants is not None
    assert digest_library._glossary is not None


def test_a_statement_holding_quoted_words_is_still_put_between_quotation_marks(answerer):
    answer = answerer.ask("哪些人提到了党建品牌？")
    assert "：“创建马亮村“酸豆树下党课”" in answer.text  # (李若平's statement, its own marks inside)
