"""Extractive answers over the real Sanya digest with the real embedder and stores."""

from __future__ import annotations

import json
import re

import pytest
from helpers import run_cli, settings_for, shared_path, write

from index.library import Library
from index.pipeline import Indexer
from qa.answer import Answerer
from qa.eval import citations_valid, evaluate, load_questions
from qa.resolve import Conversation, resolve
from qa.retrieve import Hit, dense_search, diversify, fuse, lexical_search, retrieve


def assert_verbatim(answer, sanya_text):
    assert answer.citations, answer.text
    for citation in answer.citations:
        assert sanya_text[citation.start : citation.end] == citation.quote
        assert f"[{citation.n}]" in answer.text


def test_fusion_adds_reciprocal_ranks_and_keeps_both_scores():
    a, b, c = (Hit(i, "", {"speaker": s}, 0.0) for i, s in (("a", "x"), ("b", "y"), ("c", "x")))
    dense = [Hit("a", "", {}, 0, dense=0.9), Hit("b", "", {}, 0, dense=0.8)]
    lexical = [Hit("b", "", {}, 0, lexical=7.0, coverage=1.0), Hit("c", "", {}, 0, lexical=3.0, coverage=0.5)]
    fused = fuse(dense, lexical)
    assert [h.chunk_id for h in fused] == ["b", "a", "c"]
    assert (fused[0].dense, fused[0].lexical, fused[0].coverage) == (0.8, 7.0, 1.0)
    assert fused[0].score == pytest.approx(1 / 22 + 1.0 / 21)
    assert fused[2].score == pytest.approx(0.5 / 22)  # c holds half the question's words
    assert [h.chunk_id for h in diversify([a, c, b])] == ["a", "b", "c"]


def test_lexical_side_only_returns_chunks_it_matched(sanya_library):
    assert lexical_search(sanya_library, "Who spoke about a banyan tree?", 20, None) == []
    hits = lexical_search(sanya_library, "直通联办", 20, None)
    assert hits and all("直通联办" in h.text for h in hits)


def test_filters_restrict_both_retrievers(sanya_library):
    res = resolve("人才", sanya_library.speeches, speaker="林海")
    hits = retrieve(sanya_library, "人才", speeches=res.speeches, k=8)
    assert hits and {h.speaker for h in hits} == {"林海"}
    assert retrieve(sanya_library, "人才", speeches=frozenset(), k=8) == []


def test_who_question_names_speaker_unit_and_quotes_verbatim(answerer, sanya_text):
    answer = answerer.ask("谁提出了“湾区大党委”体制机制？")
    assert answer.found and answer.speakers[0] == "鲁正兰"
    assert answer.text.startswith("鲁正兰（三亚海棠区委书记、市现代服务业产业园工委书记）")
    assert "湾区大党委" in answer.citations[0].quote
    assert answer.citations[0].units == ["海棠区", "市现代服务业产业园"]
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


def test_english_question_over_chinese_speeches(answerer, sanya_text):
    answer = answerer.ask("Who spoke about building a red square under an old banyan tree?")
    assert answer.speakers[0] == "李若平"
    assert answer.text.startswith("(No words of the question")  # matched by meaning only, and says so
    assert "said:" in answer.text and "古榕树下红色广场" in answer.citations[0].quote
    assert_verbatim(answer, sanya_text)


@pytest.mark.parametrize(
    "question",
    [
        "三亚市财政局在会上说了什么？",
        "李明书记谈了哪些环保措施？",
        "谁谈到了足球比赛？",
        "三亚市的天气怎么样？",
        "",
        "？？！！",
    ],
)
def test_nothing_relevant_is_refused_without_citations(answerer, question):
    answer = answerer.ask(question)
    assert not answer.found and answer.citations == []
    assert "没有找到" in answer.text or "请输入" in answer.text or "No indexed" in answer.text


def test_refusal_names_the_missing_unit(answerer):
    assert "三亚市财政局" in answerer.ask("三亚市财政局在会上说了什么？").text


def test_follow_up_question_keeps_the_speaker_and_brings_new_quotes(answerer, sanya_text):
    conversation = Conversation()
    first = answerer.ask("陈明提了哪些举措？", conversation)
    second = answerer.ask("他还说了什么？", conversation)
    assert first.speakers == second.speakers == ["陈明"]
    assert not {c.start for c in first.citations} & {c.start for c in second.citations}
    assert_verbatim(second, sanya_text)


def test_dev_questions_meet_the_targets(answerer):
    report = evaluate(answerer, load_questions(shared_path("eval", "zh-sanya-dev.jsonl")))
    for kind in ("lexical", "paraphrase", "english"):
        assert report["kinds"][kind]["hit@1"] >= 0.95, report["kinds"]
    assert report["kinds"]["multi"]["recall"] == 1.0
    assert report["kinds"]["negative"]["refused"] == 1.0
    assert report["citation_validity"] == 1.0


def test_citations_are_checked_against_the_store(answerer):
    answer = answerer.ask("谁要制定三亚公安党建工作三年规划？")
    assert citations_valid(answerer.library, answer) == (len(answer.citations), len(answer.citations))
    answer.citations[0].start += 1
    assert citations_valid(answerer.library, answer)[0] == len(answer.citations) - 1


def test_cli_json_shape(tmp_path, sanya_library):
    data = str(sanya_library.settings.data_dir)
    result = run_cli("qa", "ask", "谁要求坚决纠治“四风”？", "--json", "--data", data)
    answer = json.loads(result.stdout)
    assert set(answer) >= {"question", "answer", "found", "citations"}
    keys = {"n", "speaker", "units", "roles", "heading", "doc_title", "source", "start", "end", "quote", "score"}
    assert all(keys <= set(c) for c in answer["citations"])
    assert [int(n) for n in re.findall(r"\[(\d+)\]", answer["answer"])] == [c["n"] for c in answer["citations"]]
    assert answer["citations"][0]["speaker"] == "冯强"
    speakers = json.loads(run_cli("qa", "speakers", "--json", "--data", data).stdout)["speeches"]
    assert len(speakers) == 13 and all(s["first_point"] for s in speakers)


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


def test_small_filters_are_searched_exactly_with_the_same_result_as_chroma(sanya_library):
    keys = resolve("", sanya_library.speeches, speaker=["林海", "吴萍"]).speeches
    vector = sanya_library.store.embeddings.embed_query("人才队伍建设")
    exact = dense_search(sanya_library, vector, 5, keys)
    hnsw = sanya_library.store.vectorstore().similarity_search_by_vector_with_relevance_scores(
        vector, k=5, filter={"speech_key": {"$in": sorted(keys)}}
    )
    assert [h.chunk_id for h in exact] == [doc.id for doc, _ in hnsw]
    assert [round(h.dense, 4) for h in exact] == [round(1 - d, 4) for _, d in hnsw]


def test_what_did_x_say_is_bounded_to_the_longest_speeches(debate):
    answer = debate.ask("What did Donald J Trump say?")
    assert answer.speakers == ["Donald J Trump"]
    assert len({c.speech_index for c in answer.citations}) <= 3
    assert "more speeches not shown" in answer.text
