"""The answering rules — retrieval, filters, attribution, verbatim quotes, refusals and
follow-ups — over a 13-speech digest written for the tests, with the real embedder and
stores. Runs everywhere; test_answers.py checks the same on the real corpora."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import partial

import numpy as np
import pytest
from fake_library import FakeLibrary
from helpers import DIGEST, EDUCATION, assert_verbatim, indexed, run_main, settings_for, shared_path, write
from langchain_core.embeddings import Embeddings

import index.glossary as glossary_module
import index.library as library_module
from index.glossary import Glossary
from index.library import Library
from index.pipeline import Indexer
from index.records import Attribution, Passage
from qa.answer import Answerer, _kind_first
from qa.eval import citations_valid, evaluate, load_questions
from qa.evidence import (
    MAX_SENTENCES,
    Figure,
    figures_asked,
    is_evidence,
    outweighed,
    prints_figures,
    says_it_closely,
    sentence_scores,
    spans_of,
    stands_out,
)
from qa.mentions import PARTICIPANTS, kinds_asked
from qa.periods import Period
from qa.resolve import Conversation, Resolution, catalog_index, resolve
from qa.retrieve import (
    Hit,
    Phrases,
    compact,
    dense_search,
    diversify,
    fuse,
    lexical_search,
    phrase_search,
    retrieve,
)
from qa.variants import NO_VARIANTS


@pytest.fixture(scope="module")
def text(digest_path) -> str:
    return digest_path.read_text(encoding="utf-8")


def test_fusion_adds_reciprocal_ranks_and_keeps_both_scores():
    a, b, c = (Hit(i, Passage("", Attribution(speaker=s), 0, 0), 0.0) for i, s in (("a", "x"), ("b", "y"), ("c", "x")))
    dense = [Hit("a", None, 0, dense=0.9), Hit("b", None, 0, dense=0.8)]
    lexical = [Hit("b", None, 0, lexical=7.0, coverage=1.0), Hit("c", None, 0, lexical=3.0, coverage=0.5)]
    fused = fuse(dense, lexical)
    assert [h.chunk_id for h in fused] == ["b", "a", "c"]
    assert (fused[0].dense, fused[0].lexical, fused[0].coverage) == (0.8, 7.0, 1.0)
    assert fused[0].score == pytest.approx(1 / 22 + 1.0 / 21)
    assert fused[2].score == pytest.approx(0.5 / 22)  # c holds half the question's words
    assert [h.chunk_id for h in diversify([a, c, b])] == ["a", "b", "c"]


def test_words_alone_answer_only_with_the_questions_rarest_word_or_most_of_its_words():
    text = "Finally, today, our Board of Directors has declared a cash dividend of $0.26 per share of common stock."
    hit = Hit("a", Passage(text, Attribution(speaker="Parekh"), 0, len(text)), 0.0, dense=0.79, coverage=0.47)
    assert is_evidence(hit, "en")  # without the rarest word: as before
    assert not is_evidence(hit, "en", rarest=("split",))  # `Who announced a stock split?`
    assert is_evidence(hit, "en", rarest=("dividend",))
    hit.coverage = 0.65  # most of the question's words
    assert is_evidence(hit, "en", rarest=("split",))
    hit.coverage, hit.dense = 0.3, 0.82  # some words and some closeness in meaning: as before
    assert is_evidence(hit, "en", rarest=("split",))


def test_passages_outweighed_by_the_questions_words():
    """`Does the translator regret taking on the diary translation?`: an English passage close in
    meaning but holding none of its words is not evidence beside a Chinese one holding nearly all
    (后悔, 翻译, 日记); a Chinese passage sharing one translated word is not evidence where an
    English passage near the question in meaning shares as many of its words."""

    def hit(i: str, text: str, dense: float, coverage: float) -> Hit:
        return Hit(i, Passage(text, Attribution(speaker=i), 0, len(text)), 0.0, dense=dense, coverage=coverage)

    court = hit("court", "Second, it is not entirely possible to read the descriptions of the case.", 0.857, 0.0)
    asks = hit("asks", "您受到这么大的压力时，后悔不后悔自告奋勇翻译方方的武汉日记？", 0.821, 0.83)
    assert outweighed([court, asks], [court, asks], "en", set()) == [asks]
    assert outweighed([court, asks], [court, asks], "en", {"court"}) == [court, asks]  # quoted words: kept
    burke = hit("burke", "I was in class with the general secretary of the teachers' union.", 0.787, 0.31)
    classmate = hit("classmate", "一辈子同学三辈子亲，他在课堂上最爱讲这两句话。", 0.765, 0.31)
    assert outweighed([classmate], [burke, classmate], "en", set()) == []
    far = replace(burke, dense=0.70)  # an English passage far from the question in meaning: no rival
    assert outweighed([classmate], [far, classmate], "en", set()) == [classmate]
    more = replace(classmate, coverage=0.5)  # more of the question's words than the English passage
    assert outweighed([more], [burke, more], "en", set()) == [more]


def test_what_a_named_speaker_said_about_something_needs_its_rarest_word_or_most_of_its_words():
    """Every passage of a speaker is close in meaning to a question naming them: `What did Joe
    Biden say about the free trade port?` is not answered by his trade deals."""
    text = "He's done very little. His trade deals are the same way. He talks about these great trade deals."
    hit = Hit("a", Passage(text, Attribution(speaker="Joe R Biden"), 0, len(text)), 0.0, dense=0.86, coverage=0.32)
    assert is_evidence(hit, "en", rarest=("port",))  # close in meaning: enough, asked who
    assert not is_evidence(hit, "en", rarest=("port",), named=True)
    assert is_evidence(hit, "en", rarest=("trade",), named=True)
    hit.coverage = 0.5  # most of the question's words
    assert is_evidence(hit, "en", rarest=("port",), named=True)


def test_an_answer_is_weak_when_its_passage_stands_no_further_above_the_rest_in_meaning():
    """`Which candidate mentioned hydroxychloroquine?` sits about as close to many passages as
    to its best one; a passage that says most of the question's words, or one in the other
    language, is judged as before."""
    text = "We have been testing, and we have a treatment that works very well."

    def hit(dense: float, coverage: float = 0.1, passage: str = text) -> Hit:
        return Hit(
            "x", Passage(passage, Attribution(speaker="A"), 0, len(passage)), 0.0, dense=dense, coverage=coverage
        )

    crowd = [hit(d) for d in (0.83, 0.83, 0.84, 0.84, 0.845)]
    assert not stands_out(hit(0.85), crowd, "en")
    assert stands_out(hit(0.87), crowd, "en")
    assert stands_out(hit(0.85, coverage=0.6), crowd, "en")  # most of the question's words
    assert stands_out(hit(0.85, passage="我们一直在检测。"), crowd, "en")  # across languages: not compared
    assert stands_out(hit(0.85), crowd[:3], "en")  # too few passages to read a median


class SentenceCloseness:
    """A library whose embedder puts each sentence at a set closeness to the question [1, 0]
    (a fake: what is tested is the rule, not multilingual-e5's numbers)."""

    def __init__(self, closeness: dict[str, float]):
        self.closeness = closeness
        self.embedded: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.embedded += texts
        return [[c, (1 - c * c) ** 0.5] for c in (self.closeness[t] for t in texts)]


def test_a_chinese_answer_needs_a_sentence_close_to_the_question_or_a_passage_that_stands_out():
    """`哪位代表谈到了要加强博物馆建设？` over a page about culture: its passages are close to
    the question as wholes, none of their sentences is, and the best stands no higher than the
    rest; a passage with a close sentence, one far above the rest, or one that holds nearly
    all the question's words answers."""
    text = "文化建设取得历史性成就。我们要推动文化创新。"

    def hit(dense: float, passage: str = text, coverage: float = 0.0) -> Hit:
        return Hit(
            "x" + str(dense),
            Passage(passage, Attribution(speaker="A"), 0, len(passage)),
            0.0,
            dense=dense,
            coverage=coverage,
        )

    question = np.array([1.0, 0.0], dtype=np.float32)
    rivals = [hit(d) for d in (0.86, 0.865, 0.87, 0.87, 0.875)]
    far = SentenceCloseness({"文化建设取得历史性成就。": 0.86, "我们要推动文化创新。": 0.87})
    best = hit(0.88)
    assert not says_it_closely(far, best, [best, *rivals], question, "zh")
    assert says_it_closely(far, best, [best], question, "zh")  # nothing to compare it with
    lower = [hit(d) for d in (0.84, 0.845, 0.85)]
    assert says_it_closely(far, best, [best, *lower], question, "zh")  # its 0.87 stands 0.025 above them
    worded = hit(0.88, coverage=0.85)
    assert says_it_closely(far, worded, [worded, *rivals], question, "zh")  # the page's own words
    close = SentenceCloseness({"文化建设取得历史性成就。": 0.86, "我们要推动文化创新。": 0.895})
    assert says_it_closely(close, best, [best, *rivals], question, "zh")
    unread = SentenceCloseness({})
    assert says_it_closely(unread, hit(0.92), [hit(0.92), *rivals], question, "zh")  # close as a whole
    assert says_it_closely(unread, best, [best, *rivals], question, "en")  # no rule for English
    assert not unread.embedded


def test_lexical_side_only_returns_chunks_it_matched(digest_library):
    assert lexical_search(digest_library, "Who spoke about a banyan tree?", 20, None) == []
    hits = lexical_search(digest_library, "直通联办", 20, None)
    assert hits and all("直通联办" in h.text for h in hits)


def test_filters_restrict_both_retrievers(digest_library):
    res = resolve("问题清单", digest_library.speeches, speaker="孙雨")
    hits = retrieve(digest_library, "问题清单", speeches=res.speeches, k=8)
    assert hits and {h.who.speaker for h in hits} == {"孙雨"}
    assert retrieve(digest_library, "问题清单", speeches=frozenset(), k=8) == []


@pytest.mark.parametrize("in_memory", [True, False], ids=["in-memory table", "store too large for one"])
def test_small_filters_are_searched_exactly_with_the_same_result_as_chroma(digest_library, monkeypatch, in_memory):
    if not in_memory:  # then a filter over few chunks reads their vectors from Chroma
        monkeypatch.setattr(library_module, "MAX_EXACT_CHUNKS", 0)
        assert digest_library._vector_table() is None
    keys = resolve("", digest_library.speeches, speaker=["赵海", "钱江"]).speeches
    vector = digest_library.embed_query("公交线网的整改台账")
    exact = dense_search(digest_library, vector, 5, keys)
    hnsw = digest_library.vectorstore().similarity_search_by_vector_with_relevance_scores(
        vector, k=5, filter={"speech_key": {"$in": sorted(keys)}}
    )
    assert [h.chunk_id for h in exact] == [doc.id for doc, _ in hnsw]
    assert [round(h.dense, 4) for h in exact] == [round(1 - d, 4) for _, d in hnsw]


def test_wide_filters_are_searched_unfiltered_and_kept_to_the_filter(digest_library, monkeypatch):
    # a filter of thousands of speeches (a wide date range) would be thousands of SQL variables
    keys = resolve("", digest_library.speeches, speaker=["赵海", "钱江", "孙雨"]).speeches
    vector = digest_library.embed_query("公交线网的整改台账")
    monkeypatch.setattr(library_module, "MAX_EXACT_CHUNKS", 0)  # a store searched through HNSW
    assert digest_library._vector_table() is None
    monkeypatch.setattr(library_module, "EXACT_SEARCH_CHUNKS", 0)  # filters through Chroma's index too
    filtered = dense_search(digest_library, vector, 3, keys)
    monkeypatch.setattr(library_module, "MAX_FILTER_SPEECHES", 1)
    wide = dense_search(digest_library, vector, 3, keys)
    assert [h.chunk_id for h in wide] == [h.chunk_id for h in filtered] and len(wide) == 3


def test_the_fake_library_reads_as_the_real_one(digest_path, digest_library, e5):
    """`FakeLibrary` (no Chroma) finds, ranks and cuts passages as `Library` does, so the rules
    tested on it hold on the real one."""
    fake = FakeLibrary({digest_path.name: digest_path.read_text(encoding="utf-8")})
    real = digest_library.records[0].doc_id
    stored = digest_library._store.vectors([i.replace("doc0", real, 1) for i in fake._store.vectors_of])
    fake._store.vectors_of = {i.replace(real, "doc0", 1): v for i, v in stored.items()}  # not embedded again: 11 s
    fake._embeddings = e5  # (the chunks' vectors are read on the first search)
    assert [(s.who, s.chunks) for s in fake.speeches] == [
        (replace(s.who, doc_id="doc0", source=digest_path.name), s.chunks) for s in digest_library.speeches
    ]

    def placed(found):  # a chunk id without its doc id, which the two name differently
        return [(i.split(":", 1)[1], *(round(score, 4) for score in scores)) for i, *scores in found]

    vector = e5.embed_query("公交线网的整改台账")
    keys = resolve("", digest_library.speeches, speaker=["赵海", "钱江"]).speeches
    fake_keys = frozenset(key.replace(real, "doc0") for key in keys)
    for args, fake_args in (((vector, 6), (vector, 6)), ((vector, 3, keys), (vector, 3, fake_keys))):
        assert placed(fake.dense(*fake_args)) == placed(digest_library.dense(*args))
    assert placed(fake.bm25("问题清单", 8)) == placed(digest_library.bm25("问题清单", 8))
    ids = [i for i, _ in digest_library.dense(vector, 6)]
    assert [p.text for p in fake.passages([i.replace(real, "doc0") for i in ids]).values()] == [
        p.text for p in digest_library.passages(ids).values()
    ]
    for question in ("谁提出了“湾区大党委”体制机制？", "水务局说了什么？", "哪些发言提到了“问题清单”？"):
        assert Answerer(fake).ask(question).text == Answerer(digest_library).ask(question).text


def test_who_question_names_speaker_unit_and_quotes_verbatim(digest_answerer, text):
    answer = digest_answerer.ask("谁提出了“湾区大党委”体制机制？")
    assert answer.found and answer.speakers[0] == "鲁正兰"
    assert answer.text.startswith("鲁正兰（三亚海棠区委书记）")
    assert "湾区大党委" in answer.citations[0].quote
    assert answer.citations[0].who.units == ("海棠区",) and answer.citations[0].who.roles == ("区委书记",)
    assert_verbatim(answer, text)


def test_a_named_unit_filters_by_itself(digest_answerer, text):
    answer = digest_answerer.ask("气象局提到了哪些考核措施？")
    assert answer.speakers == ["孙雨"] and "台风预警" in answer.citations[0].quote + answer.text
    assert_verbatim(answer, text)


def test_what_did_a_unit_say_uses_the_speech_structure(digest_answerer, text):
    answer = digest_answerer.ask("水务局说了什么？")
    assert answer.speakers == ["赵海"]
    assert [c.quote[:2] for c in answer.citations] == ["一是", "二是", "三是", "四是", "五是", "六是"]
    assert_verbatim(answer, text)


def test_which_units_lists_every_matching_speaker_once(digest_answerer, text):
    answer = digest_answerer.ask("哪些单位提到了“问题清单”？")
    assert len(answer.speakers) == len(set(answer.speakers)) == len(answer.citations) >= 5
    assert all("问题清单" in c.quote for c in answer.citations)
    assert not {"鲁正兰", "陈明", "吴萍", "李若平"} & set(answer.speakers)  # they never said it
    assert_verbatim(answer, text)


def test_english_question_over_chinese_speeches(digest_answerer, text):
    answer = digest_answerer.ask("Who spoke about building a red square under an old banyan tree?")
    assert answer.speakers[0] == "李若平"
    # its words reach the speech through the glossary (banyan 榕树, square 广场): not by meaning only
    assert not answer.text.startswith("(Most words of the question do not occur")
    assert "said:" in answer.text and "古榕树下红色广场" in answer.citations[0].quote
    assert_verbatim(answer, text)


def test_a_sentence_that_holds_no_topic_word_is_chosen_by_pieces_of_them():
    """No sentence holds the topic's tokens (a translation the speech writes apart, an
    English stem the sentence inflects): the one holding most of their pieces is quoted."""
    text = "今年新建三所学校。全市已为六十万人接种疫苗。明年还要修路。"
    scores = sentence_scores(text, spans_of(text), (("vaccin", "疫苗接种"),))
    assert scores.index(max(scores)) == 1
    text = "Thank you all for coming. ZIP code is a stronger predictor of health than genetic code."
    scores = sentence_scores(text, spans_of(text), ("predict",))
    assert scores.index(max(scores)) == 1


class QuestionsOnly(Embeddings):
    """The embedder of a store, recording what it embeds besides questions."""

    def __init__(self, inner: Embeddings):
        self.inner = inner
        self.documents: list[list[str]] = []

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.documents.append(texts)
        return self.inner.embed_documents(texts)


@pytest.mark.parametrize(
    "question",
    [
        "Who spoke about building a red square under an old banyan tree?",
        "哪位书记说村里的大小事情要让村民一起来商量？",
        # no sentence of a quoted chunk holds a word of these (it is quoted by pieces of them)
        "Which official wants villagers to decide village matters together?",
        "Who wants farmers to have higher incomes?",
    ],
)
def test_answering_embeds_the_question_and_at_most_one_passages_sentences(digest_path, digest_library, e5, question):
    # the sentences of the passage a Chinese answer rests on are read when the passage as a
    # whole is not close to the question (`says_it_closely`); nothing else is embedded
    embedder = QuestionsOnly(e5)
    library = Library(settings_for(digest_path.parent / "data"), embeddings=embedder)
    assert Answerer(library).ask(question).citations
    chinese = any("\u4e00" <= ch <= "\u9fff" for ch in question)
    assert len(embedder.documents) <= chinese and all(len(texts) <= MAX_SENTENCES for texts in embedder.documents)


TOURISM = """# 旅游工作座谈会发言摘登

三亚市旅游和文化广电体育局局长 张华

张华说，今年重点发展冰雪旅游和邮轮旅游，冬季游客人数增长两成。

三亚市教育局局长 赵敏

赵敏表示，我们将推进合作办学，新建两所国际学校，让更多孩子在家门口上好学。
"""


def test_english_words_find_chinese_speeches_through_the_glossary(tmp_path, e5):
    """A tiny glossary kept in the cache folder: `international school` reaches 国际学校, so
    the answer quotes the speech by its words, not by closeness in meaning alone."""
    glossary_module.save(
        Glossary.of({"intern": ("国际",), "school": ("学校",), "build": ("新建", "建设")}), tmp_path / "cache"
    )
    library = Library(settings_for(tmp_path / "data", cache_dir=tmp_path / "cache"), embeddings=e5)
    Indexer(library, show_bars=False).add_paths([write(tmp_path / "tourism.md", TOURISM)])
    answer = Answerer(library).ask("Who talked about building international schools?")
    assert answer.speakers[:1] == ["赵敏"] and "国际学校" in answer.citations[0].quote
    assert not answer.text.startswith("(Most words of the question do not occur")  # not by meaning alone
    assert_verbatim(answer, TOURISM)


@pytest.mark.parametrize(
    "question",
    [
        "What did the water bureau say about the problem list?",
        "哪些单位提到了整改台账和问题清单？",
        "谁提到了定期公开进展？",
    ],
)
def test_no_sentence_is_quoted_twice_in_one_answer(digest_answerer, question):
    answer = digest_answerer.ask(question)
    quoted = [(c.who.doc_id, c.start) for c in answer.citations]
    assert answer.found and len(quoted) == len(set(quoted))


@pytest.mark.parametrize(
    "question",
    [
        "三亚市财政局在会上说了什么？",
        "李明书记谈了哪些环保措施？",
        "谁谈到了足球比赛？",
        "谁谈到了滨海步道上的围棋比赛？",  # one topic word matches; most of the question no text says
        "谁谈到了台风预警时的海水淡化？",
        "三亚市的天气怎么样？",
        "",
        "？？！！",
    ],
)
def test_nothing_relevant_is_refused_without_citations(digest_answerer, question):
    answer = digest_answerer.ask(question)
    assert not answer.found and answer.citations == []
    assert "没有找到" in answer.text or "请输入" in answer.text or "No indexed" in answer.text


def test_whether_anyone_said_something_is_answered_only_by_a_passage_that_says_it(digest_answerer):
    yes = digest_answerer.ask("有人谈到夜间经济吗？")
    assert yes.found and yes.citations and all("夜间经济" in c.quote for c in yes.citations)
    no = digest_answerer.ask("有人谈到电影票价太高的问题吗？")  # close in meaning to nothing said
    assert not no.found and no.citations == []


def test_words_printed_only_in_narration_are_nobodys_whoever_says_something_like_them(digest_answerer):
    answer = digest_answerer.ask("谁说“以下为部分单位负责人的发言”？")
    assert not answer.found and answer.citations == [] and "叙述" in answer.text


def test_refusal_names_the_missing_unit(digest_answerer):
    assert "三亚市财政局" in digest_answerer.ask("三亚市财政局在会上说了什么？").text


def test_follow_up_question_keeps_the_speaker_and_brings_new_quotes(digest_answerer, text):
    conversation = Conversation()
    first = digest_answerer.ask("钱江提了哪些举措？", conversation)
    second = digest_answerer.ask("他还说了什么？", conversation)
    assert first.speakers == second.speakers == ["钱江"]
    assert not {c.start for c in first.citations} & {c.start for c in second.citations}
    assert_verbatim(second, text)


def test_citations_are_checked_against_the_store(digest_answerer):
    answer = digest_answerer.ask("谁要试行“直通联办”改革？")
    assert answer.speakers[0] == "陈明"
    assert citations_valid(digest_answerer.library, answer) == (len(answer.citations), len(answer.citations))
    answer.citations[0].start += 1
    assert citations_valid(digest_answerer.library, answer)[0] == len(answer.citations) - 1


def test_cli_json_shape(digest_library):
    data = str(digest_library.settings.data_dir)
    result = run_main("qa", "ask", "谁要实施“双培养”工程？", "--json", "--data", data)
    answer = json.loads(result.stdout)
    assert set(answer) >= {"question", "answer", "found", "citations"}
    keys = {"n", "speaker", "units", "roles", "heading", "doc_title", "source", "start", "end", "quote", "score"}
    assert all(keys <= set(c) for c in answer["citations"])
    assert [int(n) for n in re.findall(r"\[(\d+)\]", answer["answer"])] == [c["n"] for c in answer["citations"]]
    assert answer["citations"][0]["speaker"] == "吴萍" and answer["citations"][0]["units"] == ["教育局"]
    speakers = json.loads(run_main("qa", "speakers", "--json", "--data", data).stdout)["speeches"]
    assert len(speakers) == 13 and all(s["first_point"] for s in speakers)


UNIT_IN_THE_WORDS = """# 平安校园建设座谈会发言摘登

### 守护校园平安

三亚市教育局党委书记 吴萍

今年我们与公安局联合开展校园安全检查，覆盖全市中小学。我们还为每所学校配齐了专职保安。

### 畅通城市交通

三亚市公安局局长 王东

我们优化了主干道的信号灯配时，高峰时段通行效率明显提升。
"""


def test_a_named_unit_that_is_part_of_what_was_said_is_searched_as_words(tmp_path, e5):
    library = indexed(write(tmp_path / "school.md", UNIT_IN_THE_WORDS), tmp_path / "data", e5)
    answer = Answerer(library).ask("谁提到与公安局联合开展校园安全检查？")
    assert answer.found and answer.speakers[:1] == ["吴萍"]  # 公安局's own speech says nothing of it
    refused = Answerer(library).ask("谁提到与公安局联合开展校园安全检查？", unit="公安局")
    assert not refused.found  # a filter the asker chose still selects only that unit


@pytest.mark.parametrize(
    ("question", "filters"),
    [
        ("说了什么？", {"speaker": "陈明"}),
        ("提了哪些举措？", {"unit": "教育局"}),
        ("主要观点是什么？", {"speaker": "吴萍"}),
    ],
)
def test_a_filter_with_a_generic_question_acts_like_naming_the_speaker(digest_answerer, question, filters):
    answer = digest_answerer.ask(question, **filters)
    expected = filters.get("speaker") or "吴萍"
    assert answer.found and set(answer.speakers) == {expected}


def holding(text: str, phrase: str) -> set[str]:
    """Speakers of the digest whose speech holds `phrase` word for word."""
    from index.formats import parse_document
    from index.furniture import readable

    doc = parse_document(text)
    return {s.who.speaker for s in doc.speeches if s.who.speaker and phrase in readable(text, *s.span, doc.furniture)}


@pytest.mark.parametrize("phrase", ["问题清单", "湾区大党委", "专题培训"])
def test_a_quoted_phrase_lists_exactly_the_speeches_holding_it(digest_answerer, text, phrase):
    expected = holding(text, phrase)
    answer = digest_answerer.ask(f"哪些发言提到了“{phrase}”？")
    assert set(answer.speakers) == expected and len(answer.citations) == len(expected)  # precision and recall 1
    assert all(phrase in c.quote.replace("\n", "") for c in answer.citations)  # each quote holds it
    assert answer.text.startswith(f"共有{len(expected)}篇发言")
    who = digest_answerer.ask(f"谁提到了“{phrase}”？")
    assert set(who.speakers) == expected


def test_one_request_reads_each_chunk_once_however_many_phrases_it_looks_up(digest_library, monkeypatch):
    read: list[str] = []
    passages = digest_library.passages
    monkeypatch.setattr(digest_library, "passages", lambda ids: read.extend(ids) or passages(ids))
    phrases = Phrases(digest_library)  # (`the Governor of Ohio` looks up two phrasings per governor)
    found = phrases.find("问题清单", None)
    assert found and phrases.says("问题清单") and not phrases.says("问题清单第四十条")
    assert read and len(read) == len(set(read))
    assert [h.chunk_id for h in phrase_search(digest_library, "问题清单", None)] == [h.chunk_id for h in found]


def test_quoted_words_are_found_whatever_punctuation_the_asker_types():
    """Words an asker quotes are compared loosely: `'Please proceed, governor'` is printed
    `Please proceed governor.`, `“凝聚共识难在凝聚”` with its commas and quotes; a sentence end
    still parts words, and the phrasings the question's checks build are compared strictly
    (`Ohio Governor Cox` is not `Governor DeWine of Ohio, Governor Cox of Utah`)."""
    loose = partial(compact, loose=True)
    assert loose("Please proceed, governor") == loose("Please proceed governor.") == "please proceed governor"
    assert loose("凝聚共识难在凝聚") == loose("凝聚共识，难在‘凝聚’")
    assert loose("O’Boyle") == loose("O'Boyle") != loose("OBoyle")
    assert loose("ohio governor cox") not in loose("in Ohio. Governor Cox said")
    assert compact("Ohio Governor Cox") not in compact("Governor DeWine of Ohio, Governor Cox of Utah")


def test_a_quoted_phrase_that_looks_like_a_unit_or_person_is_searched_not_refused(digest_answerer):
    answer = digest_answerer.ask("谁在推进“问题清单”建立？")
    assert answer.found  # never taken as an unknown person or unit
    for question in ("“李明书记”这个称呼是谁提的？", "谁说过“三亚市财政局要加强预算管理”？"):
        res = resolve(question, digest_answerer.library.speeches)
        assert res.unknown == () and res.speeches is None  # quoted words are not people or units


def test_a_unit_of_another_place_is_refused_and_the_indexed_ones_suggested(digest_answerer):
    answer = digest_answerer.ask("海口市教育局说了什么？")
    assert not answer.found and not answer.citations
    assert "“海口市教育局”" in answer.text and "已索引的有：教育局 吴萍" in answer.text
    assert digest_answerer.ask("三亚市教育局说了什么？").speakers == ["吴萍"]  # its own place is kept


BRIEFING = """Press Briefing on the Hurricane

MS. PARK:  Good afternoon, everybody.

Q    Good afternoon.

MS. PARK:  The President spoke with the Governor this morning and made clear that impacted communities will have the full support of the federal government to augment state and local emergency response efforts, and he emphasized the importance of encouraging families to heed evacuation orders.  There will be a full readout of the calls later today.  The Administrator was in Miami yesterday to assess the ongoing preparations.

MS. LOPEZ:  Thank you.  Storm surge is the deadliest part of any hurricane.  Just in 2018 there were five recorded fatalities as a result of storm surge.  So, if people are told to evacuate by their local officials, please listen to them.  We are also going to see significant rainfall, with up to 20 inches in some isolated parts of the state.

Q    When will the crews start restoring power?

MR. GRANT:  The utilities have staged crews from twelve states, and they will start restoring power as soon as the winds drop below forty miles an hour.
"""


@pytest.mark.slow
def test_words_only_other_meetings_say_leave_only_meaning_as_evidence(tmp_path, e5):
    """Asked of March 2025, the basket of tomatoes (a 2026 page) is unseen in what is searched:
    a 2025 speech sharing only 北京 and 全国 is no answer (it was: 朱松纯, by those words)."""
    pages = ("zh-rmrb-20250307-huazhongdian-rengongzhineng.txt", "zh-rmrb-20260312-zhengjiguan-lianxian.txt")
    library = Library(settings_for(tmp_path / "data"), embeddings=e5)
    Indexer(library, show_bars=False).add_paths([shared_path("corpora", "realworld-dev", p) for p in pages])
    answerer = Answerer(library)
    assert answerer.ask("2026年以来谁带了一筐番茄来北京参加全国两会？").speakers[:1] == ["陈保超"]
    empty = answerer.ask("2025年3月谁带了一筐番茄来北京参加全国两会？")
    assert not empty.found and not empty.citations


def test_an_interviewer_asking_about_a_subject_comes_after_a_speaker_saying_it():
    library = FakeLibrary({"briefing.txt": BRIEFING})
    answerer = Answerer(library)
    assert answerer.ask("Who talked about restoring power?").speakers[:1] == ["Grant"]
    assert answerer.ask("Who asked about restoring power?").speakers[:1] == ["Q"]


CONFERENCE_CALL = """Conference Call of the Committee

MR. HALE:  How long it would take for reserves to reach the desired level depends on the pace of purchases: it could take some time, perhaps well into next year.

MS. GEORGE:  So, Mr. Hale, my question: when you say it could take some time, how long would that be?

MR. HALE:  Several months at the pace we have in mind.

MR. WEST:  I asked for a full review of the desired level of reserves before any purchases go ahead.
"""


def test_asked_who_asked_a_turn_that_puts_a_question_comes_first_but_not_for_a_request(tmp_path, e5):
    answerer = Answerer(indexed(write(tmp_path / "call.txt", CONFERENCE_CALL), tmp_path / "data", e5))
    asked = answerer.ask("Who asked how long it would take for reserves to reach the desired level?")
    assert asked.speakers[:1] == ["George"]  # no interviewer's role: her turn puts the question
    assert answerer.ask("Who asked for a full review of the desired level of reserves?").speakers[:1] == ["West"]


def test_a_year_no_meeting_lies_in_is_words_a_passage_must_print(tmp_path, e5):
    """`…in 2018` names no meeting here (the briefing is undated): a passage that prints the
    year and most of the question's words answers; a year no passage prints is still refused."""
    answerer = Answerer(indexed(write(tmp_path / "briefing.txt", BRIEFING), tmp_path / "data", e5))
    assert answerer.ask("Who said there were five recorded fatalities from storm surge in 2018?").speakers == ["Lopez"]
    refused = answerer.ask("Who said the utilities staged crews from twelve states in 2021?")
    assert not refused.found and not refused.citations


def test_a_request_reads_the_catalog_it_started_with():
    """A document added while a question is answered (another thread, another process) is
    not half-seen: retrieval keeps to the catalog the request took at its start."""
    library = FakeLibrary({"digest.md": DIGEST})
    before = library.snapshot()
    library.add("education.md", EDUCATION)
    question = "谁提到了“雁领天涯”特色品牌？"
    now = retrieve(library, question, k=4, by_speaker=True)
    then = retrieve(library, question, k=4, by_speaker=True, index=catalog_index(library, before))
    assert now[0].speaker == "吴萍"
    assert "吴萍" not in {h.speaker for h in then}  # her speech is not in the catalog the request read


LONE_MARKER = """# 工作会议发言摘登

三亚市水务局局长 赵海

今年全市新建供水管网一百二十公里，农村自来水普及率达到百分之九十八。我们完成了三座水厂的提标改造。下一步，我们将加快推进城乡供水一体化。
"""


def test_what_someone_said_is_their_structure_only_when_there_is_one():
    """A lone `下一步…` is no list of points: the speech is summed up by its opening."""
    library = FakeLibrary({"water.md": LONE_MARKER})
    answer = Answerer(library).ask("赵海说了什么？")
    assert answer.found and "供水管网一百二十公里" in answer.citations[0].quote


MINUTES = """Minutes of the Committee

MR. HALE:  The subsidy for the family resource center shuttle is $9.88 per passenger this year, up from last year.

MR. WEST:  The subsidy for the family resource center shuttle per passenger is too high and the center should find other funding.

MR. SULLIVAN:  What is it, counsel?

MR. NIELDS:  The committee asks the witness to describe the documents he reviewed before the hearing, counsel.

MR. HALE:  The center will report on ridership at the next meeting.
"""


def test_a_figure_the_question_states_is_printed_by_the_passage_that_answers():
    """`…subsidy is $9.88 per passenger?`: West says all its other words, Hale the figure too;
    a figure nobody printed is no answer, and a year naming when is a filter, not a figure."""
    answerer = Answerer(FakeLibrary({"minutes.txt": MINUTES}))
    asked = "Who said the subsidy for the family resource center shuttle is {} per passenger?"
    assert answerer.ask(asked.format("$9.88")).speakers[:1] == ["Hale"]
    refused = answerer.ask(asked.format("$12.50"))
    assert not refused.found and not refused.citations
    res = Resolution("在2025年3月的会上，谁说补贴是每人9.88元？", "zh", "who", periods=(Period(said="2025年3月"),))
    assert figures_asked(res) == (Figure("9.88"),)
    assert figures_asked(Resolution("Who said 1,000 crews came?", "en", "who")) == (Figure("1000"),)
    # a figure given roughly (`close to 900`) is printed by one within 15% of it (890), not by any
    rough = figures_asked(Resolution("Who said close to 900 children attend, about 40 of them new?", "en", "who"))
    assert rough == (Figure("900", rough=True), Figure("40", rough=True))
    assert figures_asked(Resolution("谁说有2000多个？", "zh", "who")) == (Figure("2000", rough=True),)
    # digits inside markup or a word are no figure (`pwned=1`, `h2`, `100th`)
    assert figures_asked(Resolution('<img onerror="pwned=2">谁提出了h2？', "zh", "who")) == ()
    passage = Hit("c", Passage("We've now got 890 children in school, 41 of them new.", Attribution(), 0, 50), 1.0)
    assert prints_figures(passage, rough, "en") and not prints_figures(passage, (Figure("900"),), "en")
    assert not prints_figures(passage, (Figure("700", rough=True),), "en")
    chinese = Hit("c", Passage("村支书挪用了5万元修水管的钱。", Attribution(), 0, 14), 1.0)
    assert prints_figures(chinese, (Figure("50000"),), "en") and not prints_figures(chinese, (Figure("50000"),), "zh")


def test_a_turn_holding_the_quoted_words_answers_who_said_them_without_meaning_to_read():
    """Four words (`What is it, counsel?`) have no meaning to read and hold few of the
    question's other words: holding the quoted words as written is the evidence."""
    answerer = Answerer(FakeLibrary({"minutes.txt": MINUTES}))
    assert answerer.ask('Who interjected "What is it, counsel?" during the hearing?').speakers == ["Sullivan"]


FERRY_HEARING = """Hearing of the Transport Committee

CHAIR ADAMS:  We turn now to the island services.

MS. CLARK:  The island council says the new ferry timetable left commuters stranded twice last week. Was the ferry timetable changed without consulting the island council?

CHAIR ADAMS:  Mr. Brown.

MR. BROWN:  We wrote to every household in March and held two public meetings before anything changed.

MR. GREEN:  The ferry timetable should be restored for commuters until the island council has been heard.

MR. BROWN:  We will meet the council again in June.

CHAIR ADAMS:  Thank you. The next item is the road budget.

MS. HILL:  The road budget for the coming year is lower than last year's, and resurfacing will wait.

MR. KING:  Resurfacing the main road cannot wait another winter.

MS. HILL:  The budget allows for the worst stretches only.

MR. KING:  Then the worst stretches must come first.

MS. LANE:  The island council also wrote to me about the ferry timetable in passing.
"""


def test_asked_who_took_part_in_an_exchange_every_turn_of_it_answers_in_the_order_spoken():
    """`Who discussed…?` is answered by the exchange's turns that are evidence
    (Clark, Green) and the turn answering Clark's question past the chair's handover (Brown),
    in the order spoken; the chair's handover and a later turn saying the same words in
    another exchange (Lane, six turns on) took no part. Asked who said it: one speaker."""
    answerer = Answerer(FakeLibrary({"hearing.txt": FERRY_HEARING}))
    exchange = answerer.ask("Who discussed the ferry timetable and the island council?")
    assert exchange.speakers == ["Clark", "Brown", "Green"]
    assert answerer.ask("Who said the ferry timetable left commuters stranded?").speakers == ["Clark"]


@pytest.mark.parametrize(
    "question",
    [
        "Who took part in the exchange over the ferry timetable?",
        "Who discussed the ferry timetable?",
        "Who asked or answered questions about the ferry timetable?",
        "Who asked about the ferry timetable, and who answered?",
        "Who moved and who seconded the motion on the ferry timetable?",
        "When asked about the ferry timetable, what did the two candidates say?",
        "谁和谁讨论了渡轮时刻表？",
        "谁介绍了渡轮，谁谈到了时刻表？",
    ],
)
def test_questions_asking_for_the_participants_of_an_exchange_are_recognised(question):
    assert PARTICIPANTS.search(question)


@pytest.mark.parametrize(
    "question",
    ["Who said the ferry timetable changed?", "Who asked about the ferry timetable?", "在這次辯論中，誰提到渡輪？"],
)
def test_a_question_for_one_speaker_is_no_question_for_participants(question):
    assert not PARTICIPANTS.search(question)


BUDGET_SITTING = """立法會會議

主席：財政司司長，請發言。

財政司司長：主席，我謹動議二讀撥款條例草案。社會上對退休保障有不少討論，政府會研究退休保障的方向。

吳明議員：廢話少說！

主席：司長，請稍停。

吳明議員：立即設立全民退休保障！

財政司司長：主席，我繼續發言。今年的經濟增長預測為百分之三。
"""


def test_quoted_words_another_speaker_said_answer_who_whatever_names_set_the_scene():
    """`財政司司長讀預算案時，是誰高叫「…」？`: the named officer sets the scene; the quoted
    words, said word for word by a member, say whose words are asked for. Asked of the
    officer by the asker's own filter, they stay his."""
    answerer = Answerer(FakeLibrary({"sitting.txt": BUDGET_SITTING}))
    question = "財政司司長讀預算案時，是誰高叫「立即設立全民退休保障」？"
    assert answerer.ask(question).speakers == ["吳明"]
    assert answerer.ask("財政司司長說了「退休保障」什麼？").speakers == ["財政司司長"]
    assert "吳明" not in answerer.ask(question, speaker="財政司司長").speakers


SMACKING_HEARING = """Hearing of the Children Committee

CHAIR NEAL:  We move on to the prosecutors.

MS. BOWEN:  This bill would be the first real divergence of criminal law between England and Wales, and I take it that you see no need to change your prosecution guidance because of it.

MR. HUGHES:  We would change the prosecution guidance, mainly on the evidential stage, and brief our lawyers before it comes into force.

MS. BOWEN:  Thank you, that is helpful.

MR. PRICE:  On another matter, the school transport budget is late again this year.

MR. HUGHES:  It will be published in May.
"""


def test_a_reply_that_says_the_questions_words_joins_the_exchange_though_no_question_was_put():
    """A member's turn may end in a statement addressed to the witness (`you see no need…`):
    the reply (Hughes) joins when it says the question's words; a reply on another matter,
    to a turn that addresses nobody, does not."""
    answerer = Answerer(FakeLibrary({"hearing.txt": SMACKING_HEARING}))
    exchange = answerer.ask("Who discussed the divergence of criminal law and the prosecution guidance?")
    assert exchange.speakers == ["Bowen", "Hughes"]
    last = (
        SMACKING_HEARING
        + "\nMS. LANE:  I would ask you to publish the prosecution guidance on the divergence of criminal law.\n"
    )
    closing = Answerer(FakeLibrary({"hearing.txt": last})).ask(
        "Who discussed the divergence of criminal law and the prosecution guidance?"
    )
    assert closing.speakers[-1] == "Lane"  # addressing someone, with no turn after: nobody answers
    assert answerer.ask("Who discussed the school transport budget?").speakers == ["Price"]  # `It will be…`


FERRY_DEBATE = """Debate for Governor

MODERATOR WOOD:  Senator Ames, we were talking about the island. There has been talk of closing the harbour ferry and selling the terminal to pay for the bridge. You call this a distraction. But it was brought up by members of your own party in -

SENATOR AMES:  I'm saying -

MODERATOR WOOD:  in the legislature. So will you tell voters tonight where you stand?

SENATOR AMES:  Whatever position I take, that becomes the issue. Voters should speak, so go out and vote.

GOVERNOR BELL:  Will you close the harbour ferry?

SENATOR AMES:  Vote now.

MODERATOR WOOD:  We move on to the schools budget and the teachers' contract.

GOVERNOR BELL:  The schools budget grew every year I was in office.
"""


def test_an_exchange_takes_in_the_answer_to_a_later_question_and_interjections_on_its_subject():
    """The evidence turn (the moderator's) is followed by his question put again after an
    interruption: its answer (Ames's, which says none of the question's words) and an
    interjection saying them (Bell's) take part; the next segment does not."""
    answerer = Answerer(FakeLibrary({"debate.txt": FERRY_DEBATE}))
    exchange = answerer.ask("Who discussed closing the harbour ferry and selling the terminal?")
    assert exchange.speakers == ["Wood", "Ames", "Bell"]


def test_quoted_words_of_two_sentences_are_found_where_a_speech_says_them():
    """`誰問“究竟安全主任替誰工作？當然是工地老闆”？`: the quotation spans a sentence break;
    the speech that says it whole answers, not the speeches close in meaning."""
    sitting = BUDGET_SITTING + "\n郭明議員：主席，究竟安全主任替誰工作？當然是工地老闆。他們不會阻止趕工。\n"
    answer = Answerer(FakeLibrary({"sitting.txt": sitting})).ask("誰問“究竟安全主任替誰工作？當然是工地老闆”？")
    assert answer.speakers == ["郭明"] and answer.citations[0].quote.endswith("究竟安全主任替誰工作？")
    assert "提到1次" in answer.text  # found as said, not by meaning


def test_a_list_asked_of_an_office_reads_the_speeches_of_those_holding_it():
    """`哪几个城市的发改委负责人提到了…`: 发改委 abbreviates the commission the titles print,
    and 负责人 is whoever speaks for it; a speaker of another unit saying the term is left out."""
    page = (
        "王洋（湖北省武汉市发展和改革委员会主任）：武汉将着力在城市更新、民生改善上下功夫。\n\n"
        "李明（湖北省黄石市教育局局长）：学校建设也要配合城市更新行动。\n\n"
        "赵刚（湖北省宜昌市发展和改革委员会副主任）：宜昌今年重点抓产业项目。\n"
    )
    answer = Answerer(FakeLibrary({"page.txt": page})).ask("哪几个城市的发改委负责人提到了“城市更新”？")
    assert answer.speakers == ["王洋"]


def test_scoped_evaluation_asks_each_question_within_the_meeting_its_doc_names():
    """`qa eval --scoped`: a list asked of one meeting (its file's stem) names its speakers
    only; unscoped, the other meeting's speaker who says the same words is listed too."""
    other = BRIEFING.replace("Press Briefing on the Hurricane", "Council Meeting").replace("MR. GRANT", "MR. REED")
    library = FakeLibrary({"briefing.txt": BRIEFING, "council.txt": other})
    question = {"q": "Which speakers mentioned restoring power?", "kind": "exact", "speakers": ["Grant"]}
    question["doc"] = "briefing"
    unscoped = evaluate(Answerer(library), [question])["rows"][0]
    scoped = evaluate(Answerer(library), [question], scoped=True)["rows"][0]
    assert set(unscoped["got"]) == {"Grant", "Reed", "Q"} and scoped["got"] == ["Grant", "Q"]


def test_an_interviewer_whose_question_says_the_term_is_listed_after_the_speakers():
    """The blind lists count a reporter's question that says the words (问, 记者, Q); the one
    who spoke about it comes first, and a list of a kind (`Which administrators`) has no
    interviewer."""
    answerer = Answerer(FakeLibrary({"briefing.txt": BRIEFING}))
    assert answerer.ask("Which speakers mentioned restoring power?").speakers == ["Grant", "Q"]
    assert answerer.ask("Which speakers mentioned storm surge?").speakers == ["Lopez"]
    assert answerer.ask("Which officials mentioned restoring power?").speakers == [
        "Grant"
    ]  # a kind, if nobody's role says it


def test_a_question_files_doc_field_is_read(tmp_path):
    path = write(tmp_path / "q.jsonl", '{"q": "Who?", "kind": "lexical", "speakers": ["A"], "doc": "covid_6"}\n')
    assert load_questions(path)[0]["doc"] == "covid_6"


def test_a_question_asking_for_one_of_a_kind_ranks_the_speakers_holding_it_first():
    def hit(chunk: str, name: str, *roles: str) -> Hit:
        return Hit(chunk, Passage("……", Attribution(speaker=name, titles=roles, roles=roles), 0, 2), 0.0)

    hits = [hit("a", "高金素梅", "立委"), hit("b", "王振海", "河南封丘县县长"), hit("c", "吕忠飞", "浙江嘉善县县长")]
    kinds = kinds_asked("哪位县长讲到某种药材每斤的收益从几十块涨到了几百块？")
    assert "县长" in kinds
    assert [h.chunk_id for h in _kind_first(hits, kinds, NO_VARIANTS)] == ["b", "c", "a"]  # holders first, in order
    mayors = [hit("a", "Karine Jean-Pierre", "Press Secretary"), hit("b", "Mike Duggan", "Mayor")]
    assert _kind_first(mayors, kinds_asked("Which mayor described the vaccine sites?"), NO_VARIANTS)[0].chunk_id == "b"
    # no speaker of the kind among the hits, or no kind asked for: the order stands
    assert _kind_first(hits, kinds_asked("哪位村干部认为读书胜过送钱？"), NO_VARIANTS) == hits
    assert kinds_asked("谁讲到了药材？") == () and _kind_first(hits, (), NO_VARIANTS) == hits


QUOTED_SPEECH = """# 座谈会发言摘登

三亚市水务局局长 赵海

“今年全市新建供水管网一百二十公里，农村自来水普及率达到百分之九十八。”
"""


def test_a_quotation_is_not_put_between_quotation_marks_again():
    answer = Answerer(FakeLibrary({"quoted.md": QUOTED_SPEECH})).ask("谁说农村自来水普及率达到百分之九十八？")
    assert answer.speakers[:1] == ["赵海"]
    assert "百分之九十八" in answer.text and "““" not in answer.text and "””" not in answer.text
